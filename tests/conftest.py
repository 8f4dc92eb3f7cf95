"""Shared fixtures: every test gets its own user folder; database tests get a temp SQLite file at head."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Preferences, default database and backups go to a fresh folder, never the developer's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COOPDESK_HOME", str(home))
    monkeypatch.delenv("COOPDESK_DB", raising=False)
    from coopdesk import i18n

    i18n.set_language("es")
    return home


@pytest.fixture(autouse=True)
def quick_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Users made in a test hash their passwords with scrypt at n = 2^12, not the real 2^17 (half a second and
    128 MB each); the tests of hashing itself are marked `real_scrypt`. A command run as another process keeps
    the real strength (and makes such a hash again at sign-in, as it would an old one)."""
    if request.node.get_closest_marker("real_scrypt") is None:
        from coopdesk.domain import users

        monkeypatch.setattr(users, "SCRYPT_N", 2**12)


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "council.sqlite3"


@pytest.fixture
def db(db_path: Path):
    """A real SQLite file migrated to head."""
    from coopdesk.bootstrap import open_database

    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_url(worker_id: str) -> str:
    """A database of its own for each test worker, made beside the one COOPDESK_TEST_PG_URL names."""
    url = os.environ.get("COOPDESK_TEST_PG_URL")
    if not url:
        pytest.skip("COOPDESK_TEST_PG_URL is not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    mine = base.set(database=f"{base.database}_{worker_id}")
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                    {"name": mine.database}).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{mine.database}"'))
    engine.dispose()
    return mine.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_database(pg_url: str):  # type: ignore[no-untyped-def]
    """The worker's PostgreSQL database at head, once per run (tables are emptied per test)."""
    url = pg_url
    from alembic import command

    from coopdesk.bootstrap import open_database
    from coopdesk.persistence.database import Database
    from coopdesk.persistence.migrate import alembic_config

    bare = Database.open(url)
    command.downgrade(alembic_config(bare), "base")
    bare.dispose()
    database = open_database(url, migrate=True)
    yield database
    command.downgrade(alembic_config(database), "base")
    database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, db_path: Path):  # type: ignore[no-untyped-def]
    """The service suite runs on both backends: a temp SQLite file, and the PostgreSQL server when set."""
    if request.param == "sqlite":
        from coopdesk.bootstrap import open_database

        database = open_database(db_path)
        yield database
        database.dispose()
        return
    database = request.getfixturevalue("pg_database")
    from sqlalchemy import text

    from coopdesk.persistence.models import load_all

    tables = ", ".join(table.name for table in load_all().metadata.sorted_tables)
    with database.engine.begin() as connection:  # TRUNCATE fires no row triggers: append-only guards stay
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield database


@pytest.fixture
def english() -> None:
    """For tests that read messages in English (the default language is Spanish)."""
    from coopdesk import i18n

    i18n.set_language("en")
