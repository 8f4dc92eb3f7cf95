"""Every file coopdesk writes (PDF, ICS, CSV, backups, the chain's anchor) is written whole or not at all.

The bytes go to a temporary `.NAME.partial` file in the target's own folder (so the rename never crosses a
drive), are flushed to the disk, and only then renamed over the target: a crash, a full disk or a pulled USB
stick leaves the previous file as it was, never half of a new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_

PARTIAL_SUFFIX = ".partial"
ORPHAN_AGE_SECONDS = 3600  # a `.partial` this old belongs to no write still running: it was left by a crash
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


def remove_orphaned_partials(*folders: Path) -> int:
    """Remove the `.partial` files a crash left in these folders; returns how many."""
    removed = 0
    now = time.time()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not (entry.name.startswith(".") and entry.name.endswith(PARTIAL_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime >= ORPHAN_AGE_SECONDS:
                    os.unlink(entry.path)
                    removed += 1
    return removed
