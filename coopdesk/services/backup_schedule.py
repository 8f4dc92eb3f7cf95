"""Regular backups: when to take one, and which to keep.

Like Anki's and Zotero's: the window takes a backup when it closes and every 30 minutes while in use — each
time only if the database changed since the last one (SQLite's `data_version`, seen from a connection of
our own, changes whenever any other connection commits: this window's or a script's). Regular backups are
then thinned out by `retained`; the copies made before an import, a restore or a migration are never
touched here.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from coopdesk.persistence.database import Database
from coopdesk.persistence.lock import is_read_only
from coopdesk.services.backup import (
    BackupInfo,
    Progress,
    backup_database,
    backup_name,
    backups_dir,
    latest_verified_backup,
    list_backups,
    manifest_path,
    read_manifest,
    sqlite_path,
)

RECENT = timedelta(days=2)
DAILY, WEEKLY, MONTHLY = 14, 8, 12
OVERDUE = timedelta(days=7)  # the status bar warns when the last verified backup is older than this


# ---- which backups to keep (a pure function: property-tested)


def _newest_per_bucket(stamps: list[datetime], key: Callable[[datetime], Hashable], count: int) -> set[datetime]:
    """The newest stamp of each of the `count` most recent buckets (days, weeks, months) that hold one."""
    kept: dict[Hashable, datetime] = {}
    for stamp in sorted(stamps, reverse=True):
        bucket = key(stamp)
        if bucket not in kept:
            if len(kept) == count:
                break
            kept[bucket] = stamp
    return set(kept.values())


def retained(stamps: Iterable[datetime], now: datetime, *, recent: timedelta = RECENT, daily: int = DAILY,
             weekly: int = WEEKLY, monthly: int = MONTHLY) -> set[datetime]:
    """The backups to keep: all from the last `recent` (and any from the future: a clock was wrong), then the
    newest of each of the `daily` most recent days that hold an older backup, likewise for `weekly` ISO weeks
    and `monthly` calendar months. Keeping is stable: applied to what it keeps, it keeps all of it."""
    stamps = set(stamps)
    keep = {stamp for stamp in stamps if stamp > now - recent}
    older = [stamp for stamp in stamps if stamp not in keep]
    keep |= _newest_per_bucket(older, lambda s: s.date(), daily)
    keep |= _newest_per_bucket(older, lambda s: s.isocalendar()[:2], weekly)
    keep |= _newest_per_bucket(older, lambda s: (s.year, s.month), monthly)
    return keep


def regular_backups(db_path: Path) -> list[BackupInfo]:
    return [info for info in list_backups(db_path) if info.reason is None]


def prune_backups(db_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the regular backups `retained` lets go (with their manifests); returns what was deleted."""
    backups = regular_backups(db_path)
    keep = retained((info.taken_at for info in backups), now or datetime.now())
    deleted = []
    for info in backups:
        if info.taken_at not in keep:
            with contextlib.suppress(OSError):
                info.path.unlink()
                manifest_path(info.path).unlink(missing_ok=True)
                deleted.append(info.path)
    return deleted


def backup_now(db: Database, *, progress: Progress | None = None, now: datetime | None = None) -> BackupInfo:
    """A regular backup into the backups folder (then older ones are thinned out)."""
    path = sqlite_path(db)
    moment = (now or datetime.now()).replace(microsecond=0)
    folder = backups_dir(path)
    target = folder / backup_name(path.stem, moment)
    while target.exists():  # one per second at most keeps names and retention simple
        moment += timedelta(seconds=1)
        target = folder / backup_name(path.stem, moment)
    backup_database(db, target=target, progress=progress)
    prune_backups(path, now=moment)
    return BackupInfo(target, moment, None, target.stat().st_size, read_manifest(target))


def backup_age(db_path: Path, now: datetime | None = None) -> timedelta | None:
    """How old the last verified backup of this database is (None: there is none)."""
    latest = latest_verified_backup(db_path)
    return None if latest is None else max(timedelta(0), (now or datetime.now()) - latest.taken_at)


# ---- noticing changes


class ChangeWatcher:
    """Whether the database changed since a mark, from a connection that never writes.

    `PRAGMA data_version` on one connection changes whenever another connection commits, in this process
    or another; the connection is shared between the GUI thread and the worker, hence the lock."""

    def __init__(self, db_path: Path) -> None:
        self._connection = sqlite3.connect(db_path, check_same_thread=False, timeout=5)
        self._lock = threading.Lock()
        self._marked = self.version()

    def version(self) -> int | None:
        with self._lock:
            try:
                return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                return None  # unreadable now: count it as a change, the backup will say what is wrong

    def changed(self) -> bool:
        current = self.version()
        return current is None or current != self._marked

    def mark(self, version: int | None) -> None:
        self._marked = version

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class AutoBackups:
    """The regular backups of one open database (SQLite, and not read-only)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.watcher = ChangeWatcher(sqlite_path(db)) if self.enabled_for(db) else None

    @staticmethod
    def enabled_for(db: Database) -> bool:
        return db.is_sqlite and db.path is not None and not is_read_only(db)

    def due(self) -> bool:
        """Something changed since this window opened the database or last backed it up."""
        return self.watcher is not None and self.watcher.changed()

    def run(self, *, progress: Progress | None = None, force: bool = False) -> BackupInfo | None:
        """Back up if something changed (or always, `force`: "Back up now"); what changes during the backup
        counts for the next one."""
        if self.watcher is None:
            return backup_now(self.db, progress=progress) if force else None
        if not (force or self.watcher.changed()):
            return None
        version = self.watcher.version()
        info = backup_now(self.db, progress=progress)
        self.watcher.mark(version)
        return info

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
