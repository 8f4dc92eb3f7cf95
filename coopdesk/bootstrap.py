"""The composition root: which database, which language — shared by the CLI and the GUI."""

from __future__ import annotations

import os
from pathlib import Path

from coopdesk import i18n
from coopdesk.domain.errors import DatabaseError
from coopdesk.i18n import N_
from coopdesk.paths import default_database_path
from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import needs_upgrade, upgrade
from coopdesk.services.preferences import load_preferences


def resolve_database_target(explicit: str | None = None) -> str:
    """--db, else $COOPDESK_DB, else the file in the per-user data folder."""
    return explicit or os.environ.get("COOPDESK_DB") or str(default_database_path())


def start_language(explicit: str | None = None) -> str:
    return i18n.set_language(explicit or load_preferences().language)


def open_database(target: str | Path, *, migrate: bool | None = None) -> Database:
    """Open the database at the current schema.

    A SQLite file is created or migrated on the spot (backup first). A shared server is migrated only when
    asked (`coopdesk init`, run by an administrator): other users get a clear message instead.
    """
    db = Database.open(target)
    try:
        if migrate if migrate is not None else db.is_sqlite:
            upgrade(db)
        elif needs_upgrade(db):
            raise DatabaseError(
                N_("The shared database is not at this version's schema; an administrator must run "
                   "'coopdesk init' first.")
            )
    except BaseException:
        db.dispose()
        raise
    return db
