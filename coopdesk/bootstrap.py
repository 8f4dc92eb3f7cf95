"""The composition root: which database, which language — shared by the CLI and the GUI."""

from __future__ import annotations

import os
from pathlib import Path

from coopdesk import i18n
from coopdesk.paths import default_database_path
from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import upgrade
from coopdesk.services.preferences import load_preferences


def resolve_database_target(explicit: str | None = None) -> str:
    """--db, else $COOPDESK_DB, else the file in the per-user data folder."""
    return explicit or os.environ.get("COOPDESK_DB") or str(default_database_path())


def start_language(explicit: str | None = None) -> str:
    return i18n.set_language(explicit or load_preferences().language)


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """Open (and, for a SQLite file, create) the database, migrated to the current schema."""
    db = Database.open(target)
    if migrate:
        upgrade(db)
    return db
