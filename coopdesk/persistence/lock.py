"""One writer per SQLite file: a lock file beside the database, and the read-only database a second window gets.

SQLite serializes writers by itself (BEGIN IMMEDIATE, a busy timeout), so the lock file is not about
corruption: it keeps two *windows* from editing the same council at once, where each would keep showing
data the other has changed. The command line does not take it, and does not write while a window holds it
(exit 4, `coopdesk.cli.access`): the window would go on showing what the script changed.

The window holds an operating-system lock on `<db>.lock` for its whole life (`flock` on POSIX, `msvcrt.locking`
on Windows): the system releases it when the process ends, however it ends, so a lock nobody holds any more is
known at once — no process ids are asked about (a pid may be reused, and Windows has no signal 0). The file also
holds who took it (pid, host, boot, start time, a random token), for the message, and the window touches it
every minute: on a network drive, where another computer's OS lock cannot be seen, a lock of another host is
stale only when nobody has touched it for `STALE_AFTER`.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PureWindowsPath

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


# ---- the operating system's lock, held for the process's life

OS_LOCK_OFFSET = 1 << 30  # Windows locks a byte range: one far past the record, which others still read


def _os_lock(descriptor: int) -> bool:
    """Take the OS lock on an open file without waiting; False when another open file holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            os.lseek(descriptor, OS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(descriptor: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            import msvcrt

            os.lseek(descriptor, OS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_UN)


def os_lock_held(db_path: Path) -> bool | None:
    """Whether some process (this one included) holds the OS lock of this database; None when it cannot be told
    (no lock file, or one that cannot be opened)."""
    try:
        descriptor = os.open(lock_path(db_path), os.O_RDWR)
    except OSError:
        return None
    try:
        if _os_lock(descriptor):
            _os_unlock(descriptor)
            return False
        return True
    finally:
        os.close(descriptor)


# This process's OS-locked descriptor per lock file, shared by every DatabaseLock of the same database.
_descriptors: dict[Path, int] = {}


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as its file says."""

    pid: int
    host: str
    started_at: datetime
    refreshed_at: datetime  # the file's modification time: the holder touches it every minute
    boot_id: str | None = None
    token: str = ""
    held: bool | None = None  # whether a process held the OS lock when this was read (None: not known)

    def is_stale(self, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        if now - self.refreshed_at.timestamp() > STALE_AFTER_SECONDS:
            return True
        if self.host != socket.gethostname():
            return False  # another computer's lock cannot be seen on a network drive; only its silence counts
        if self.boot_id and _boot_id() and self.boot_id != _boot_id():
            return True
        return self.held is False  # nobody holds the OS lock: its process has ended

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
    owner = _read_record(db_path)
    if owner is None:
        return None
    held = lock_path(db_path) in _descriptors or os_lock_held(db_path)
    return replace(owner, held=held)


def _read_record(db_path: Path) -> LockOwner | None:
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
        path = lock_path(db_path)
        token = uuid.uuid4().hex
        if path not in _descriptors:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _os_lock(descriptor):  # a live process holds it: the OS says so, whatever its pid
                os.close(descriptor)
                owner = read_owner(db_path)
                raise DatabaseInUse(owner or LockOwner(0, "?", datetime.now(UTC), datetime.now(UTC), held=True))
            owner = _read_record(db_path)
            if owner is not None and owner.host not in (socket.gethostname(), "?") and not owner.is_stale():
                _os_unlock(descriptor)  # another computer's, on a network drive: its OS lock is not seen here
                os.close(descriptor)
                raise DatabaseInUse(owner)
            _descriptors[path] = descriptor
        _write_record(_descriptors[path], json.dumps(_content(token)))
        return cls(db_path, token)

    def holds(self) -> bool:
        owner = _read_record(self.db_path)
        return owner is not None and owner.token == self.token

    def refresh(self) -> bool:
        """Touch the file so others see we are alive; False when another process has taken the lock (after
        this one was asleep too long, say). A lock file that vanished is written again."""
        owner = _read_record(self.db_path)
        if owner is None:  # removed by someone tidying up: a new file, locked again
            with contextlib.suppress(OSError):
                _forget(self.path)
                descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                if not _os_lock(descriptor):
                    os.close(descriptor)
                    return False
                _descriptors[self.path] = descriptor
                _write_record(descriptor, json.dumps(_content(self.token)))
            return self.holds()
        if owner.token != self.token:
            return False
        with contextlib.suppress(OSError):
            os.utime(self.path)
        return True

    def release(self) -> None:
        """Remove the file and let the OS lock go — only if it is still ours (the same database may have been
        opened again)."""
        if not self.holds():
            return
        if os.name == "nt":  # Windows deletes no open file: close first
            _forget(self.path)
        with contextlib.suppress(OSError):
            self.path.unlink()
        _forget(self.path)  # POSIX: after the unlink, so nobody locks the old file in between


def _content(token: str) -> dict[str, object]:
    return {"pid": os.getpid(), "host": socket.gethostname(), "boot_id": _boot_id(), "token": token,
            "started_at": datetime.now(UTC).isoformat(timespec="seconds")}


def _write_record(descriptor: int, data: str) -> None:
    """Who holds the lock, written over the file's start (the OS lock stays on the descriptor)."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.ftruncate(descriptor, 0)
    os.write(descriptor, data.encode("utf-8"))
    os.fsync(descriptor)


def _forget(path: Path) -> None:
    descriptor = _descriptors.pop(path, None)
    if descriptor is not None:
        _os_unlock(descriptor)
        with contextlib.suppress(OSError):
            os.close(descriptor)


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


DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4  # GetDriveTypeW's answers that matter here


def storage_kind(path: Path, mounts: list[tuple[str, str]] | None = None, *, windows: bool | None = None,
                 drive_type: Callable[[str], int] | None = None) -> str | None:
    """"network" or "removable" when the file lives on such a drive (SQLite's locking is unreliable on
    network file systems, and a pulled USB stick loses the last writes); None for a local disk.

    On Windows the drive's type comes from `GetDriveTypeW` (`windows` and `drive_type` let tests play Windows)."""
    if os.name == "nt" if windows is None else windows:
        return _windows_kind(str(path), drive_type or _drive_type)
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


def _windows_kind(path: str, drive_type: Callable[[str], int]) -> str | None:
    where = PureWindowsPath(path)
    if where.drive.startswith("\\\\"):
        return "network"  # \\server\share\…: a UNC path is a network share whatever the drive says
    kind = drive_type(where.anchor or where.drive + "\\")
    return "network" if kind == DRIVE_REMOTE else "removable" if kind == DRIVE_REMOVABLE else None


def _drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))  # type: ignore[attr-defined]
