"""One writer per SQLite file: a lock file beside the database, and the read-only database a second window gets.

SQLite serializes writers by itself (BEGIN IMMEDIATE, a busy timeout), so the lock file is not about
corruption: it keeps two *windows* from editing the same council at once, where each would keep showing
data the other has changed. The command line does not take it — a script may write while a window is open.

`<db>.lock` holds who took it (pid, host, boot, start time, a random token); the window touches it every
minute. A lock is stale — and taken over — when its process is gone on this host, when the host has
rebooted since, or when nobody has touched it for `STALE_AFTER` (a crash on another computer).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine

from coopdesk.domain.errors import DatabaseError
from coopdesk.i18n import N_, format_datetime
from coopdesk.persistence.database import Database

REFRESH_SECONDS = 60
STALE_AFTER_SECONDS = 5 * 60
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ceph",
                       "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "fuse.gvfsd-fuse"}
REMOVABLE_FILESYSTEMS = {"vfat", "exfat", "msdos", "fuseblk", "ntfs", "ntfs3", "fuse.exfat"}
REMOVABLE_MOUNT_ROOTS = ("/media/", "/run/media/")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as its file says."""

    pid: int
    host: str
    started_at: datetime
    refreshed_at: datetime  # the file's modification time: the holder touches it every minute
    boot_id: str | None = None
    token: str = ""

    def is_stale(self, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        if now - self.refreshed_at.timestamp() > STALE_AFTER_SECONDS:
            return True
        if self.host != socket.gethostname():
            return False  # another computer's process cannot be asked; only its silence counts
        if self.boot_id and _boot_id() and self.boot_id != _boot_id():
            return True
        return not _alive(self.pid)

    @property
    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == socket.gethostname()


class DatabaseInUse(DatabaseError):
    """Another coopdesk window holds the database's lock."""

    def __init__(self, owner: LockOwner) -> None:
        super().__init__(N_("coopdesk is already open on this database (on %(host)s, process %(pid)s, since "
                            "%(since)s)."),
                         host=owner.host, pid=owner.pid,
                         since=format_datetime(owner.started_at.astimezone().replace(tzinfo=None), fmt="short"))
        self.owner = owner


def read_owner(db_path: Path) -> LockOwner | None:
    """The holder of the lock, or None when there is no lock file (an unreadable one counts as stale)."""
    path = lock_path(db_path)
    try:
        text = path.read_text(encoding="utf-8")
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        text, modified = "", 0.0
    try:
        data = json.loads(text)
        return LockOwner(pid=int(data["pid"]), host=str(data["host"]),
                         started_at=datetime.fromisoformat(data["started_at"]),
                         refreshed_at=datetime.fromtimestamp(modified, UTC),
                         boot_id=data.get("boot_id"), token=str(data.get("token", "")))
    except (ValueError, KeyError, TypeError):
        # Half-written by a crash: old enough to be taken over, but a fresh one may still be being written.
        return LockOwner(pid=0, host="?", started_at=datetime.fromtimestamp(modified, UTC),
                         refreshed_at=datetime.fromtimestamp(modified if time.time() - modified < 5 else 0, UTC))


class DatabaseLock:
    """The lock of one database file, held by this process until `release()`."""

    def __init__(self, db_path: Path, token: str) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.token = token

    @classmethod
    def acquire(cls, db_path: Path) -> DatabaseLock:
        """Take the lock; raises DatabaseInUse when another live coopdesk holds it. A stale lock, or one of
        this very process (the same database opened again), is taken over."""
        db_path = Path(db_path)
        token = uuid.uuid4().hex
        data = json.dumps(_content(token))
        for _attempt in range(3):
            try:
                _create_exclusively(lock_path(db_path), data)
                return cls(db_path, token)
            except FileExistsError:
                owner = read_owner(db_path)
                if owner is None:
                    continue  # released meanwhile: try again
                if not (owner.is_this_process or owner.is_stale()):
                    raise DatabaseInUse(owner) from None
                with contextlib.suppress(FileNotFoundError):
                    lock_path(db_path).unlink()
        owner = read_owner(db_path)
        raise DatabaseInUse(owner or LockOwner(0, "?", datetime.now(UTC), datetime.now(UTC)))

    def holds(self) -> bool:
        owner = read_owner(self.db_path)
        return owner is not None and owner.token == self.token

    def refresh(self) -> bool:
        """Touch the file so others see we are alive; False when another process has taken the lock (after
        this one was asleep too long, say). A lock file that vanished is written again."""
        owner = read_owner(self.db_path)
        if owner is None:
            with contextlib.suppress(OSError):
                _create_exclusively(self.path, json.dumps(_content(self.token)))
            return self.holds()
        if owner.token != self.token:
            return False
        with contextlib.suppress(OSError):
            os.utime(self.path)
        return True

    def release(self) -> None:
        """Remove the file — only if it is still ours (the same database may have been opened again)."""
        if self.holds():
            with contextlib.suppress(OSError):
                self.path.unlink()


def _content(token: str) -> dict[str, object]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "boot_id": _boot_id(), "token": token,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds")}


def _create_exclusively(path: Path, data: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(data)


# ---- the database a second window gets


class ReadOnly(DatabaseError):
    def __init__(self) -> None:
        super().__init__(N_("This window is read-only: another coopdesk window is editing this database. "
                            "Make the change there, or close it and open the database again here."))


class ReadOnlyDatabase(Database):
    """The database opened for looking only: every write is refused with a clear message, and SQLite
    itself is told to refuse (`query_only`) should anything write around `write()`."""

    read_only = True

    def __init__(self, url: URL, engine: Engine) -> None:
        super().__init__(url, engine)
        if self.is_sqlite:
            @event.listens_for(engine, "connect")
            def query_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
                dbapi_connection.execute("PRAGMA query_only = ON")

    def write(self):  # type: ignore[no-untyped-def,override]
        raise ReadOnly()


def is_read_only(db: Database) -> bool:
    return bool(getattr(db, "read_only", False))


# ---- where the file lives


def _mounts() -> list[tuple[str, str]]:
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    mounts = []
    for line in lines:
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((fields[1].replace("\\040", " "), fields[2]))
    return mounts


def storage_kind(path: Path, mounts: list[tuple[str, str]] | None = None) -> str | None:
    """"network" or "removable" when the file lives on such a drive (SQLite's locking is unreliable on
    network file systems, and a pulled USB stick loses the last writes); None for a local disk."""
    resolved = str(Path(path).expanduser().resolve())
    best, fstype = "", ""
    for point, kind in _mounts() if mounts is None else mounts:
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, fstype = point, kind
    if fstype in NETWORK_FILESYSTEMS or fstype.startswith("nfs"):
        return "network"
    if fstype in REMOVABLE_FILESYSTEMS and (best + "/").startswith(REMOVABLE_MOUNT_ROOTS):
        return "removable"
    return None
