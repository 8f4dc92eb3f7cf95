"""Bring a database to the packaged schema at start-up — backup first, and never touch a newer one.

A normal start only compares the stored revision with `HEAD_REVISION`; Alembic is imported only when
there is something to migrate (it costs a noticeable part of start-up).
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import IntegrityError

from coopdesk.domain.errors import NewerSchema
from coopdesk.paths import migrations_dir
from coopdesk.persistence.database import Database, translate_errors

# Every revision this version knows, oldest first; the test suite checks this against the scripts.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003_organs", "0004_actual_start", "0005_unit_kind",
                                  "0006_needs", "0007_learning", "0008_acta_facts")
HEAD_REVISION = KNOWN_REVISIONS[-1]


def stored_revision(db: Database) -> str | None:
    with translate_errors(), db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def needs_upgrade(db: Database) -> bool:
    revision = stored_revision(db)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerSchema(revision)
    return revision != HEAD_REVISION


def alembic_config(db: Database):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config(stdout=sys.stdout)  # Alembic's default is whatever stdout was when it was imported
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False))
    return config


def upgrade(db: Database, backup_dir: Path | None = None, *, backup: bool = True) -> str:
    """Migrate to head (backing up a SQLite database that holds data first, unless the caller — bootstrap,
    with a verified backup — already did); return the revision."""
    if not needs_upgrade(db):
        return HEAD_REVISION
    from alembic import command

    if backup and db.is_sqlite and stored_revision(db) is not None:
        backup_before_migration(db, backup_dir)
    config = alembic_config(db)
    with translate_errors(), db.engine.connect() as connection, _foreign_keys_checked_at_the_end(connection), \
            connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        if db.is_sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
            raise IntegrityError("PRAGMA foreign_key_check", None, sqlite3.IntegrityError("FOREIGN KEY"))
    return HEAD_REVISION


@contextmanager
def _foreign_keys_checked_at_the_end(connection: Connection) -> Iterator[None]:
    """SQLite alters a table by copying it, and rows of other tables point at it meanwhile; as SQLite advises,
    its foreign keys are off during a migration (set outside any transaction) and checked before the commit."""
    raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
    if raw is None:
        yield
        return
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys = ON")


def backup_before_migration(db: Database, backup_dir: Path | None = None) -> Path:
    """An online copy through SQLite's backup API, kept beside the database."""
    source = db.path
    assert source is not None
    folder = backup_dir or source.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{source.stem}-before-migration-{stamp}.sqlite3"
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target
