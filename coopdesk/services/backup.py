"""Verified online backups of a SQLite database, and restore from one.

A backup is taken through SQLite's backup API (never a file copy of the live database), written to a
temporary file, opened and checked, then renamed into place beside a JSON manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from coopdesk import __version__
from coopdesk.domain.errors import DatabaseError, InvalidInput
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import KNOWN_REVISIONS
from coopdesk.persistence.models import AuditEventRecord
from coopdesk.services.verify import chain_problems

COUNTED_TABLES = ("members", "meetings", "motions", "rotation_assignments", "ledger_entries", "audit_events")


@dataclass(frozen=True)
class BackupManifest:
    app_version: str
    schema_revision: str | None
    created_at: str
    sha256: str
    row_counts: dict[str, int]
    last_chain_hash: str | None


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".manifest.json")


def backup_database(db: Database, *, target: Path) -> BackupManifest:
    if not db.is_sqlite or db.path is None:
        raise DatabaseError(N_("Backups of a shared server are made with the server's own tools (pg_dump)."))
    target = target.expanduser().resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.partial")
    temporary.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(db.path, timeout=5)) as source, closing(sqlite3.connect(temporary)) as copy:
            source.backup(copy)
        manifest = _checked_manifest(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    manifest_path(target).write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    return manifest


def _checked_manifest(path: Path) -> BackupManifest:
    """Open the copy and check it before it may replace anything."""
    try:
        return _manifest_of(path)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(N_("%(path)s is not a readable coopdesk database (%(detail)s)."),
                            path=str(path), detail=str(error)) from error


def _manifest_of(path: Path) -> BackupManifest:
    with closing(sqlite3.connect(path)) as copy:
        if copy.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise DatabaseError(N_("The backup copy failed its integrity check; nothing was replaced."))
        tables = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            raise InvalidInput(N_("%(path)s is not a coopdesk database."), path=str(path))
        revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED_TABLES
                  if t in tables}
    last_hash = _verified_chain_end(path)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return BackupManifest(
        app_version=__version__,
        schema_revision=revision[0] if revision else None,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sha256=digest.hexdigest(),
        row_counts=counts,
        last_chain_hash=last_hash,
    )


def _verified_chain_end(path: Path) -> str | None:
    copy = Database.open(path)
    try:
        with copy.read() as session:
            events = list(session.scalars(select(AuditEventRecord).order_by(AuditEventRecord.id)))
    finally:
        copy.dispose()
    if chain_problems(events):
        raise DatabaseError(N_("The audit chain in the backup copy is broken; the copy was not kept."))
    return events[-1].hash if events else None


def safety_copy_path(db: Database, reason: str) -> Path:
    """Where the automatic copy before a risky action goes: `backups/` beside the database."""
    assert db.path is not None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return db.path.parent / "backups" / f"{db.path.stem}-before-{reason}-{stamp}.sqlite3"


def restore_database(db: Database, *, source: Path, safety_copy: Path | None = None) -> BackupManifest:
    """Replace the database with a checked backup; the current one is backed up first."""
    source = source.expanduser().resolve()
    if not source.is_file():
        raise InvalidInput(N_("There is no backup file %(path)s."), path=str(source))
    manifest = _checked_manifest(source)
    if manifest.schema_revision not in KNOWN_REVISIONS:
        raise DatabaseError(N_("That backup comes from a newer coopdesk; update coopdesk to restore it."))
    backup_database(db, target=safety_copy or safety_copy_path(db, "restore"))
    assert db.path is not None
    db.dispose()
    with closing(sqlite3.connect(source)) as backup, closing(sqlite3.connect(db.path, timeout=5)) as live:
        backup.backup(live)
    return manifest
