"""Bring a database to the packaged schema at start-up — backup first, and never touch a newer one.

A normal start only compares the stored revision with `HEAD_REVISION`; Alembic is imported only when
there is something to migrate (it costs a noticeable part of start-up).
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect, text

from coopdesk.domain.errors import NewerSchema
from coopdesk.paths import migrations_dir
from coopdesk.persistence.database import Database, translate_errors

# Every revision this version knows, oldest first; the test suite checks this against the scripts.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003_learning")
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
    with translate_errors(), db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return HEAD_REVISION


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
