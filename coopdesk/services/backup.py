"""Verified online backups of a SQLite database, copies of them to another folder, and restore from one.

A backup is taken through SQLite's backup API (never a file copy of the live database), written to a
temporary file, opened and checked (`integrity_check`, the audit chain), then renamed into place beside a
JSON manifest (app version, schema revision, SHA-256, row counts, last chain hash). A manifest exists only
for a copy that passed its checks, so "verified" means "has a manifest whose SHA-256 still matches".

Automatic copies live in `backups/` beside the database: `<stem>-<YYYYmmdd-HHMMSS>.sqlite3` (regular ones,
thinned out by `backup_schedule`) and `<stem>-before-<reason>-<stamp>.sqlite3` (before an import, a restore
or a migration — kept forever).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select, text

from coopdesk import __version__
from coopdesk.domain.errors import DatabaseError, DatabaseLocked, InvalidInput, UnreadableDatabase
from coopdesk.i18n import N_
from coopdesk.paths import backups_dir
from coopdesk.persistence.database import Database, translate_errors
from coopdesk.persistence.files import PARTIAL_SUFFIX, atomic_write, is_read_only_error, replacing
from coopdesk.persistence.lock import ReadOnly, is_read_only
from coopdesk.persistence.migrate import HEAD_REVISION, KNOWN_REVISIONS
from coopdesk.services.anchor import ChainHead, head_of, write_anchor

Progress = Callable[[int, int], None]

COUNTED_TABLES = ("members", "meetings", "motions", "rotation_assignments", "ledger_entries", "audit_events")
STAMP = "%Y%m%d-%H%M%S"
STEPS = 4  # copy, integrity check, audit chain, SHA-256: what a progress bar counts


OPTIONAL_FIELDS = ("last_event_id", "last_event_at")  # absent from the manifests of older versions


class DamagedCopy(DatabaseError):
    """The copy (so the database it came from) failed a check."""


@dataclass(frozen=True)
class BackupManifest:
    app_version: str
    schema_revision: str | None
    created_at: str  # UTC, ISO 8601
    sha256: str
    row_counts: dict[str, int]
    last_chain_hash: str | None
    # The chain's head (see `coopdesk.services.anchor`): the last event's id and time, beside its hash.
    last_event_id: int | None = None
    last_event_at: str | None = None

    @property
    def created(self) -> datetime:
        moment = datetime.fromisoformat(self.created_at)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class BackupInfo:
    """One file of the backups folder."""

    path: Path
    taken_at: datetime  # local time, from the file name
    reason: str | None  # None for a regular backup; "import", "restore", "migration"…
    size: int
    manifest: BackupManifest | None  # None: never checked (no manifest beside it)

    @property
    def verified(self) -> bool:
        return self.manifest is not None


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".manifest.json")


def read_manifest(backup: Path) -> BackupManifest | None:
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        return BackupManifest(**{name: data[name] if name not in OPTIONAL_FIELDS else data.get(name)
                                 for name in BackupManifest.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def sqlite_path(db: Database) -> Path:
    if not db.is_sqlite or db.path is None:
        raise DatabaseError(N_("Backups of a shared server are made with the server's own tools (pg_dump)."))
    return db.path


# ---- taking a backup


def backup_database(db: Database, *, target: Path, progress: Progress | None = None) -> BackupManifest:
    source = sqlite_path(db)
    target = target.expanduser().resolve()
    step = progress or (lambda _done, _total: None)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(target.parent, error) from None
    try:
        with replacing(target) as temporary:  # flushed to the disk, then renamed: never half a backup
            step(0, STEPS)
            _copy_online(source, temporary)
            manifest = _checked_manifest(temporary, step)
        _write_manifest(target, manifest)
    except OSError as error:
        raise _cannot_write(target, error) from None
    step(STEPS, STEPS)
    return manifest


def _copy_online(source: Path, target: Path) -> None:
    """SQLite's backup API: a consistent snapshot even while others read or write."""
    try:
        with closing(sqlite3.connect(source, timeout=5)) as live, closing(sqlite3.connect(target)) as copy:
            live.backup(copy)
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise DatabaseLocked() from error
        raise UnreadableDatabase(detail=str(error)) from error
    except sqlite3.DatabaseError as error:
        raise UnreadableDatabase(detail=str(error)) from error


def _cannot_write(path: Path, error: OSError) -> DatabaseError:
    if is_read_only_error(error):
        return DatabaseError(N_("Cannot write the backup %(path)s: the disk or folder is read-only. Choose another "
                                "place; nothing was changed."), path=str(path))
    return DatabaseError(N_("Cannot write the backup %(path)s: %(reason)s"), path=str(path),
                         reason=error.strerror or str(error))


def _write_manifest(backup: Path, manifest: BackupManifest) -> None:
    atomic_write(manifest_path(backup), json.dumps(asdict(manifest), indent=2).encode("utf-8"))


def _checked_manifest(path: Path, progress: Progress | None = None) -> BackupManifest:
    """Open the copy and check it before it may replace anything."""
    try:
        return _manifest_of(path, progress or (lambda _done, _total: None))
    except sqlite3.DatabaseError as error:
        raise DamagedCopy(N_("%(path)s is not a readable coopdesk database (%(detail)s)."),
                          path=str(path), detail=str(error)) from error


def _manifest_of(path: Path, step: Progress) -> BackupManifest:
    with closing(sqlite3.connect(path)) as copy:
        step(1, STEPS)
        if copy.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise DamagedCopy(N_("The backup copy failed its integrity check; nothing was replaced."))
        tables = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            raise InvalidInput(N_("%(path)s is not a coopdesk database."), path=str(path))
        revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED_TABLES
                  if t in tables}
    step(2, STEPS)
    revision_text = revision[0] if revision else None
    # An older schema's chain is checked after it is migrated (the models describe the current schema).
    head = _verified_chain_end(path) if revision_text == HEAD_REVISION else None
    step(3, STEPS)
    return BackupManifest(
        app_version=__version__,
        schema_revision=revision_text,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sha256=file_sha256(path),
        row_counts=counts,
        last_chain_hash=head.hash if head else None,
        last_event_id=head.event_id if head else None,
        last_event_at=head.occurred_at if head else None,
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verified_chain_end(path: Path) -> ChainHead | None:
    # Imported here: the window's status bar lists backups at start-up without loading every model.
    from coopdesk.persistence.models import AuditEventRecord
    from coopdesk.services.verify import chain_problems

    copy = Database.open(path)
    try:
        with copy.read() as session:
            # Plain rows, not ORM objects: they carry the same attributes, and a long chain loads ~5× faster.
            table = AuditEventRecord.__table__
            events = session.execute(select(table).order_by(table.c.id)).all()
    finally:
        copy.dispose()
    if chain_problems(events):  # type: ignore[arg-type]
        raise DamagedCopy(N_("The audit chain in the backup copy is broken; the copy was not kept."))
    return head_of(events[-1]) if events else None


def row_counts(db: Database) -> dict[str, int]:
    """The same counts a manifest holds, of the database as it is now (the restore preview compares them)."""
    with translate_errors(), db.engine.connect() as connection:
        return {table: int(connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar() or 0)
                for table in COUNTED_TABLES}


# ---- names in the backups folder


def backup_name(stem: str, moment: datetime, reason: str | None = None) -> str:
    middle = f"before-{reason}-" if reason else ""
    return f"{stem}-{middle}{moment.strftime(STAMP)}.sqlite3"


def _free(path: Path) -> Path:
    """Two copies in the same second keep both: `…-2.sqlite3`, `…-3.sqlite3`."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name.removesuffix('.sqlite3')}-{number}.sqlite3")
    return candidate


def safety_copy_path(db: Database, reason: str) -> Path:
    """Where the automatic copy before a risky action goes: `backups/` beside the database."""
    path = sqlite_path(db)
    return _free(backups_dir(path) / backup_name(path.stem, datetime.now(), reason))


def backup_before(db: Database, reason: str) -> Path | None:
    """The copy kept forever before an import, a restore or a migration — SQLite only (a shared server is
    backed up by its administrator), and nothing for a read-only window (which cannot change anything)."""
    if not db.is_sqlite or db.path is None or not db.path.is_file() or is_read_only(db):
        return None
    target = safety_copy_path(db, reason)
    backup_database(db, target=target)
    return target


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}-(?:before-(?P<reason>[a-z][a-z-]*?)-)?(?P<stamp>\d{{8}}-\d{{6}})"
                      rf"(?:-\d+)?\.sqlite3$")


def _scan(db_path: Path) -> list[tuple[Path, datetime, str | None, int]]:
    """(path, taken at, reason, size) of this database's backups, newest first; manifests not read yet."""
    pattern = _pattern(db_path.stem)
    found: list[tuple[datetime, int, Path, str | None, int]] = []  # the second key: which came first
    try:
        entries = list(os.scandir(backups_dir(db_path)))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            taken = datetime.strptime(match["stamp"], STAMP)
            stat = entry.stat()
        except (ValueError, OSError):
            continue
        found.append((taken, stat.st_mtime_ns, Path(entry.path), match["reason"], stat.st_size))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [(path, taken, reason, size) for taken, _order, path, reason, size in found]


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of this database in its backups folder, newest first."""
    return [BackupInfo(path, taken, reason, size, read_manifest(path)) for path, taken, reason, size in _scan(db_path)]


def latest_verified_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passed its checks (reads manifests only until it finds one)."""
    for path, taken, reason, size in _scan(db_path):
        manifest = read_manifest(path)
        if manifest is not None:
            return BackupInfo(path, taken, reason, size, manifest)
    return None


# ---- looking at, copying and restoring a backup


def inspect_backup(path: Path) -> BackupManifest:
    """What the restore preview shows: the manifest, or — a file without one — the result of checking it."""
    path = path.expanduser().resolve()
    if not path.is_file():
        raise InvalidInput(N_("There is no backup file %(path)s."), path=str(path))
    return read_manifest(path) or _checked_manifest(path)


def check_against_manifest(path: Path) -> BackupManifest:
    """A backup whose bytes still match its manifest (a copy on a USB stick can rot)."""
    manifest = read_manifest(path)
    if manifest is None:
        raise InvalidInput(N_("%(path)s has no manifest: it was never checked."), path=str(path))
    if file_sha256(path) != manifest.sha256:
        raise DatabaseError(N_("%(path)s no longer matches its manifest (SHA-256): the file was damaged or "
                               "changed."), path=str(path))
    return manifest


@dataclass(frozen=True)
class CopiedBackup:
    path: Path
    sha256: str


def copy_backup(source: Path, *, folder: Path) -> CopiedBackup:
    """Copy a verified backup and its manifest to another folder (a USB stick), then read the copy back
    and compare its SHA-256 with the manifest; a copy that does not match is removed."""
    manifest = check_against_manifest(source)
    target = folder / source.name
    temporary = folder / f".{source.name}.partial"
    try:
        if target.exists() and file_sha256(target) == manifest.sha256:
            shutil.copyfile(manifest_path(source), manifest_path(target))
            return CopiedBackup(target, manifest.sha256)
        target = _free(target)
        with source.open("rb") as reader, temporary.open("wb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)
            writer.flush()
            os.fsync(writer.fileno())  # a USB stick pulled right after "done" must still hold the copy
        if file_sha256(temporary) != manifest.sha256:
            raise DatabaseError(N_("The copy in %(folder)s does not match the backup (SHA-256); it was removed. "
                                   "Try another drive."), folder=str(folder))
        os.replace(temporary, target)
        _write_manifest(target, manifest)
    except OSError as error:
        raise _cannot_write(target, error) from None
    finally:
        temporary.unlink(missing_ok=True)
    return CopiedBackup(target, manifest.sha256)


class BackupRefused(DatabaseError):
    """A backup that does not match its manifest or fails `verify`: nothing was replaced."""


def restore_database(db: Database, *, source: Path, safety_copy: Path | None = None) -> BackupManifest:
    """Replace the database with a backup, once it has proved sound; the current one is backed up first.

    The backup's bytes must match its manifest's SHA-256, and a copy of it — taken beside the database — must
    pass the full `verify` before anything is replaced; the copy checked is the copy installed. A refusal leaves
    the current database untouched. The caller opens the database again afterwards (an older schema is migrated
    then). Returns the backup's own manifest (its `created_at` is when the backup was taken)."""
    source = source.expanduser().resolve()
    if not source.is_file():
        raise InvalidInput(N_("There is no backup file %(path)s."), path=str(source))
    if is_read_only(db):
        raise ReadOnly()
    own = read_manifest(source)
    if own is not None and file_sha256(source) != own.sha256:
        raise BackupRefused(N_("%(path)s no longer matches its manifest (SHA-256): the file was damaged or changed. "
                               "Nothing was replaced."), path=str(source))
    live_path = sqlite_path(db)
    checked = live_path.with_name(f".{live_path.name}.restore{PARTIAL_SUFFIX}")
    try:
        checked.unlink(missing_ok=True)
        _copy_online(source, checked)
        manifest = _refuse_unsound(source, checked)
        if manifest.schema_revision not in KNOWN_REVISIONS:
            raise DatabaseError(N_("That backup comes from a newer coopdesk; update coopdesk to restore it."))
        safety = safety_copy or safety_copy_path(db, "restore")
        try:
            backup_database(db, target=safety)
        except (DamagedCopy, UnreadableDatabase):
            _keep_as_is(live_path, safety)  # a damaged database cannot pass the checks: keep it anyway, unverified
        db.dispose()
        try:
            with closing(sqlite3.connect(checked)) as backup, closing(sqlite3.connect(live_path, timeout=5)) as live:
                backup.backup(live)
        except sqlite3.OperationalError as error:
            raise DatabaseLocked() from error
    finally:
        checked.unlink(missing_ok=True)
    write_anchor(live_path, _head_from(manifest), restored=True)
    return own or manifest


def _head_from(manifest: BackupManifest) -> ChainHead | None:
    if manifest.last_event_id is None or manifest.last_chain_hash is None or manifest.last_event_at is None:
        return None
    return ChainHead(manifest.last_event_id, manifest.last_chain_hash, manifest.last_event_at)


def _refuse_unsound(source: Path, copy: Path) -> BackupManifest:
    """The copy's manifest, once its integrity, its chain and — at the current schema — the full `verify` pass."""
    from coopdesk.services.verify import verify_database  # verify loads every model; restoring is rare

    try:
        manifest = _checked_manifest(copy)
    except DamagedCopy as error:
        raise BackupRefused(N_("The backup %(path)s is damaged (%(detail)s). Nothing was replaced."),
                            path=str(source), detail=error.translated()) from None
    if manifest.schema_revision == HEAD_REVISION:
        copy_db = Database.open(copy)
        try:
            report = verify_database(copy_db)
        finally:
            copy_db.dispose()
        if not report.sound:
            raise BackupRefused(N_("The backup %(path)s fails verification (%(problem)s). Nothing was replaced."),
                                path=str(source), problem=report.problems[0].translated())
    return manifest


def _keep_as_is(live: Path, target: Path) -> None:
    """The copy of a database too damaged to be checked: through the backup API if SQLite can still read
    it, else its bytes (and its WAL). No manifest: it is listed as never checked."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _copy_online(live, target)
    except UnreadableDatabase:
        try:
            shutil.copyfile(live, target)
            wal = live.with_name(live.name + "-wal")
            if wal.is_file():
                shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        except OSError as error:
            raise _cannot_write(target, error) from None
