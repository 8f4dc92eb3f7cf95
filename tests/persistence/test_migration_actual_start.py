"""0004_actual_start: a meeting keeps its convened time beside the session's actual start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import HEAD_REVISION, alembic_config, stored_revision, upgrade
from coopdesk.services import meetings as service
from tests.persistence import close_at, open_at

CONVENED = datetime(2027, 1, 8, 9, 0)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0002(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """A database at revision 0002 holding a closed meeting (whose time is its start) and a convened one."""
    db = open_at(request, db_path, "0002")
    now = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    with db.engine.begin() as connection:
        for title, state in (("Asamblea de enero", "closed"), ("Asamblea de febrero", "convened")):
            connection.execute(text(
                "INSERT INTO meetings (title, kind, starts_at, place, quorum_rule, state, created_at, version)"
                " VALUES (:title, 'ordinary', :starts, 'Galpón', 'half', :state, :now, 1)"),
                {"title": title, "starts": CONVENED, "state": state, "now": now})
    try:
        yield db
    finally:
        close_at(request, db)


def _meetings(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT title, starts_at, state FROM meetings ORDER BY id"))]


def test_0004_keeps_the_meetings_and_opening_one_keeps_its_convened_time(at_0002: Database, tmp_path: Path) -> None:
    before = _meetings(at_0002)
    assert upgrade(at_0002, tmp_path / "backups") == HEAD_REVISION
    assert stored_revision(at_0002) == HEAD_REVISION
    assert _meetings(at_0002) == before
    old, convened = sorted(service.list_meetings(at_0002), key=lambda m: m.id)
    assert service.meeting_detail(at_0002, old.id).opened_at is None  # its one time stays its start
    assert service.meeting_detail(at_0002, old.id).session_start == CONVENED

    service.open_meeting(at_0002, meeting_id=convened.id, at=CONVENED.replace(hour=10, minute=12))
    detail = service.meeting_detail(at_0002, convened.id)
    assert (detail.starts_at, detail.opened_at) == (CONVENED, CONVENED.replace(hour=10, minute=12))

    # back to 0002: the one time left is the actual start, as the older version kept it
    command.downgrade(alembic_config(at_0002), "0002")
    after = _meetings(at_0002)
    assert after[0] == before[0]
    assert (after[1][0], str(after[1][1])[:16], after[1][2]) == ("Asamblea de febrero", "2027-01-08 10:12", "open")
