"""Migration tests start from an older revision of the schema, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command

from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import alembic_config


def open_at(request: pytest.FixtureRequest, db_path: Path, revision: str) -> Database:
    """An empty database at `revision`: SQLite at `db_path`, or the worker's PostgreSQL database (the fixture's
    param says which)."""
    url = str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = Database.open(url)
    config = alembic_config(db)
    command.downgrade(config, "base")
    command.upgrade(config, revision)
    return db


def close_at(request: pytest.FixtureRequest, db: Database) -> None:
    """Done with a database from `open_at`: the PostgreSQL one goes back to head, which its other tests expect."""
    if request.param == "postgresql":
        config = alembic_config(db)
        command.downgrade(config, "base")
        command.upgrade(config, "head")
    db.dispose()
