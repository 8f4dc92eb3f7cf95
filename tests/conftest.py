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


@pytest.fixture
def pg_url() -> str:
    url = os.environ.get("COOPDESK_TEST_PG_URL")
    if not url:
        pytest.skip("COOPDESK_TEST_PG_URL is not set")
    return url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # One PostgreSQL database for the whole run: its tests go to the same worker, one after another.
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.xdist_group("postgres"))
