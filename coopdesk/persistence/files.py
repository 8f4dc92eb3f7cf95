"""Every file coopdesk writes (PDF, ICS, CSV, backups, the chain's anchor) is written whole or not at all.

The bytes go to a temporary `.NAME.partial` file in the target's own folder (so the rename never crosses a
drive), are flushed to the disk, and only then renamed over the target: a crash, a full disk or a pulled USB
stick leaves the previous file as it was, never half of a new one.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_

PARTIAL_SUFFIX = ".partial"
READ_ONLY_ERRORS = (errno.EROFS, errno.EACCES, errno.EPERM)


def partial_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path to write to; renamed over `target` when the block ends without an error (else removed)."""
    temporary = partial_path(target)
    temporary.unlink(missing_ok=True)
    try:
        yield temporary
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def atomic_write(target: Path, data: bytes) -> None:
    """Write these bytes as `target`, whole or not at all."""
    with replacing(target) as temporary, temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()


def is_read_only_error(error: OSError) -> bool:
    """A disk or folder that refuses writing (read-only medium, no permission) — not damage."""
    return error.errno in READ_ONLY_ERRORS


def cannot_write(path: Path, error: OSError) -> InvalidInput:
    """The message for a file that could not be written; a read-only disk or folder is said to be one."""
    if is_read_only_error(error):
        return InvalidInput(N_("Cannot write %(path)s: the disk or folder is read-only. Choose another place; "
                               "nothing was changed."), path=str(path))
    return InvalidInput(N_("Cannot write %(path)s: %(reason)s"), path=str(path), reason=error.strerror or str(error))
