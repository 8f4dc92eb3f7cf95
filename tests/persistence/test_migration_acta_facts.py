"""0008_acta_facts: the day of issue, a motion's proposer and an election's null ballots join a populated 0007
database; SQLite copies `motions` for its new foreign key without losing a ballot or a frozen roll."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import exc, text

from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import HEAD_REVISION, alembic_config, upgrade
from coopdesk.services import meetings as service
from tests.persistence import close_at, open_at

NOW = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
ROWS = {"motions": "SELECT id, text, yes, no, result, record_hash FROM motions ORDER BY id",
        "motion_voters": "SELECT motion_id, member_id FROM motion_voters ORDER BY motion_id, member_id",
        "roll_call_ballots": "SELECT motion_id, member_id, choice FROM roll_call_ballots ORDER BY member_id",
        "elections": "SELECT id, ballots_cast, blank_ballots, record_hash FROM elections ORDER BY id",
        "candidates": "SELECT election_id, member_id, votes FROM candidates ORDER BY member_id",
        "meetings": "SELECT id, title, starts_at, state FROM meetings ORDER BY id"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0007(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """A 0007 database with a held meeting: a closed roll call (its frozen roll and named ballots) and a closed
    election with its candidates."""
    db = open_at(request, db_path, "0007_learning")
    statements = [
        *(f"INSERT INTO members (code, full_name, search_key, body, joined_on, voting, status, created_at, updated_at,"
          f" version) VALUES ('M00{n}', 'Miembro {n}', 'miembro {n}', 'worker', :joined, true, 'active', :now, :now, 1)"
          for n in (1, 2, 3)),
        "INSERT INTO meetings (title, kind, starts_at, place, quorum_rule, state, created_at, version)"
        " VALUES ('Asamblea de enero', 'ordinary', :starts, 'Galpón', 'half', 'closed', :now, 1)",
        "INSERT INTO agenda_items (meeting_id, position, title, proposer_id, minutes, version)"
        " VALUES (1, 1, 'Voceros', 2, '', 1)",
        "INSERT INTO motions (item_id, position, text, method, majority, base, yes, no, abstain, entitled,"
        " present_voters, base_count, result, closed_at, record_hash)"
        " VALUES (1, 1, 'Aprobar', 'roll_call', 'simple', 'yes_no', 2, 1, 0, 3, 3, 3, 'passed', :now, 'h1')",
        *(f"INSERT INTO motion_voters (motion_id, member_id) VALUES (1, {n})" for n in (1, 2, 3)),
        *(f"INSERT INTO roll_call_ballots (motion_id, member_id, choice) VALUES (1, {n}, '{c}')"
          for n, c in ((1, "yes"), (2, "yes"), (3, "no"))),
        "INSERT INTO elections (item_id, position, title, seats, max_choices, method, ballots_cast, blank_ballots,"
        " closed_at, record_hash) VALUES (1, 1, 'Vocero', 1, 1, 'secret', 3, 0, :now, 'h2')",
        *(f"INSERT INTO candidates (election_id, member_id, votes, elected, runoff) VALUES (1, {n}, {v}, {e}, false)"
          for n, v, e in ((1, 2, "true"), (3, 0, "false"))),
    ]
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), {"joined": date(2020, 1, 1), "now": NOW,
                                                 "starts": datetime(2027, 1, 8, 9, 0)})
    try:
        yield db
    finally:
        close_at(request, db)


def _rows(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.engine.connect() as connection:
        return {table: [tuple(row) for row in connection.execute(text(query))] for table, query in ROWS.items()}


def test_0008_keeps_every_vote_and_leaves_the_new_facts_unrecorded(at_0007: Database, tmp_path: Path) -> None:
    before = _rows(at_0007)
    assert upgrade(at_0007, tmp_path / "backups") == HEAD_REVISION
    assert _rows(at_0007) == before  # the copy of `motions` cascaded to none of its ballots or voters
    detail = service.meeting_detail(at_0007, 1)
    assert detail.convened_on is None and detail.motions[0].proposer is None
    assert detail.elections[0].null_ballots is None  # not recorded then: never guessed
    assert detail.items[0].proposer is not None and detail.items[0].proposer.code == "M002"
    with at_0007.engine.begin() as connection:
        connection.execute(text("UPDATE motions SET proposer_id = 3"))
        connection.execute(text("UPDATE elections SET null_ballots = 1"))
        connection.execute(text("UPDATE meetings SET convened_on = :day"), {"day": date(2026, 12, 28)})
    detail = service.meeting_detail(at_0007, 1)
    assert detail.convened_on == date(2026, 12, 28) and detail.elections[0].null_ballots == 1
    assert detail.motions[0].proposer is not None and detail.motions[0].proposer.code == "M003"
    # the proposer's foreign key came along with the copy
    with pytest.raises(exc.IntegrityError), at_0007.engine.begin() as connection:
        if at_0007.is_sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        connection.execute(text("UPDATE motions SET proposer_id = 99"))
    # back to 0007: the facts it cannot hold go, the votes stay
    command.downgrade(alembic_config(at_0007), "0007_learning")
    assert _rows(at_0007) == before
