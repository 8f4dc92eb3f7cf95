"""0003_organs on a populated database: meetings recorded before organs become joint and keep every result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import exc, inspect, text

from coopdesk.bootstrap import open_database
from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import HEAD_REVISION, alembic_config, stored_revision, upgrade
from coopdesk.services import meetings as m
from coopdesk.services.member_import import import_members
from coopdesk.services.verify import verify_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0002(request: pytest.FixtureRequest, db_path: Path, data_dir: Path) -> Iterator[Database]:
    """A database at revision 0002 holding the first wave's example meeting (communal delegates voting)."""
    url = str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = open_database(url, migrate=True)
    config = alembic_config(db)
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    import_members(db, path=data_dir / "members.csv")
    m.import_meeting(db, data=json.loads((data_dir / "meeting_example.json").read_text(encoding="utf-8")))
    command.downgrade(config, "0002")
    try:
        yield db
    finally:
        if request.param == "postgresql":
            command.downgrade(config, "base")
            command.upgrade(config, "head")  # other PostgreSQL tests of this run expect the schema at head
        db.dispose()


def _motions(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT id, yes, no, abstain, entitled, present_voters, base_count, result, record_hash"
            " FROM motions ORDER BY id"))]


def test_old_meetings_become_joint_and_keep_their_results(at_0002: Database, tmp_path: Path,
                                                          data_dir: Path) -> None:
    assert stored_revision(at_0002) == "0002"
    assert "organ" not in {c["name"] for c in inspect(at_0002.engine).get_columns("meetings")}
    before = _motions(at_0002)
    assert upgrade(at_0002, tmp_path / "backups") == HEAD_REVISION
    assert _motions(at_0002) == before
    with at_0002.engine.connect() as connection:
        assert connection.execute(text("SELECT organ, quorum_per_body FROM meetings")).all() == [("joint", False)]
        assert connection.execute(text("SELECT count(*) FROM motions WHERE concurrent")).scalar() == 0
    with pytest.raises(exc.IntegrityError), at_0002.engine.begin() as connection:  # the organ is checked
        connection.execute(text("UPDATE meetings SET organ = 'workers'"))
    shown = m.meeting_json(m.meeting_detail(at_0002, 1))
    expected = json.loads((data_dir / "meeting_example.expected.json").read_text(encoding="utf-8"))
    assert (shown["entitled"], shown["present_voters"]) == (expected["entitled"], expected["present_voters"])
    assert [motion["result"] for motion in shown["motions"]] == expected["results"]
    assert verify_database(at_0002).problems == ()  # the sealed votes still match their codes
    # and back: 0002 holds everything but the organs
    command.downgrade(alembic_config(at_0002), "0002")
    assert _motions(at_0002) == before
