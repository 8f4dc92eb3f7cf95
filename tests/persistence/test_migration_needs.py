"""Revision 0006_needs on a populated database of revision 0002: the data stays, the new tables work, and it
goes back down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import exc, inspect, text

from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import HEAD_REVISION, alembic_config, stored_revision, upgrade
from tests.persistence import close_at, open_at

NOW = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0002(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """A database at 0002 with two members, a meeting with a decision and an open follow-up action."""
    db = open_at(request, db_path, "0002")
    with db.engine.begin() as connection:
        for code in ("M001", "M002"):
            connection.execute(text(
                "INSERT INTO members (code, full_name, search_key, body, joined_on, voting, status, created_at,"
                " updated_at, version) VALUES (:code, 'A', 'a', 'worker', :joined, true, 'active', :now, :now, 1)"),
                {"code": code, "joined": date(2020, 1, 1), "now": NOW})
        connection.execute(text("INSERT INTO meetings (title, kind, starts_at, quorum_rule, state, created_at, version)"
                                " VALUES ('Asamblea', 'ordinary', :at, 'half', 'closed', :now, 1)"),
                           {"at": datetime(2027, 1, 4, 9), "now": NOW})
        connection.execute(text("INSERT INTO agenda_items (meeting_id, position, title, minutes, version)"
                                " VALUES (1, 1, 'Salud', '', 1)"))
        connection.execute(text("INSERT INTO decisions (item_id, text) VALUES (1, 'Exigir un paramédico')"))
        connection.execute(text("INSERT INTO follow_up_actions (decision_id, description, responsible_id, status,"
                                " version) VALUES (1, 'Carta a la gerencia', 1, 'open', 1)"))
    try:
        yield db
    finally:
        close_at(request, db)


def _actions(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT decision_id, description, responsible_id, status FROM follow_up_actions ORDER BY id"))]


def test_0003_adds_needs_commitments_and_incidents_keeping_the_data(at_0002: Database, tmp_path: Path) -> None:
    assert upgrade(at_0002, tmp_path / "backups") == HEAD_REVISION
    assert stored_revision(at_0002) == HEAD_REVISION
    assert _actions(at_0002) == [(1, "Carta a la gerencia", 1, "open")]
    tables = set(inspect(at_0002.engine).get_table_names())
    assert {"needs", "commitments", "incidents"} <= tables
    with at_0002.engine.begin() as connection:
        # a follow-up action may now be owed by a party outside the council
        connection.execute(text("INSERT INTO follow_up_actions (decision_id, description, owed_by, status, version)"
                                " VALUES (1, 'Contratar un paramédico', 'Gerencia', 'open', 1)"))
        connection.execute(text(
            "INSERT INTO needs (kind, member_id, title, detail, private, consent_to_name, state, created_on, how,"
            " evidence, created_at, version) VALUES ('family', 1, 'Tratamiento', '', true, false, 'open', :day, '',"
            " '', :now, 1)"), {"day": date(2027, 1, 5), "now": NOW})
        connection.execute(text(
            "INSERT INTO commitments (owed_by, what, due, state, evidence, decision_id, need_id, created_on,"
            " created_at, version) VALUES ('Gerencia', 'Paramédico', :day, 'pending', '', 1, 1, :day, :now, 1)"),
            {"day": date(2027, 2, 1), "now": NOW})
    need = ("INSERT INTO needs (kind, member_id, title, detail, private, consent_to_name, state, created_on, how,"
            " evidence, created_at, version) VALUES (:kind, :member, :title, '', false, false, :state, :day, '', '',"
            " :now, 1)")
    params = {"kind": "community", "member": None, "title": "Agua", "state": "open", "day": date(2027, 1, 5),
              "now": NOW}
    with at_0002.engine.begin() as connection:
        connection.execute(text(need), params)  # a community need names no member
    for bad in ({"kind": "personal"},  # a personal need names its member
                {"state": "met"},  # met, without the date it was met
                {"title": "x" * 201}, {"kind": "other"}):
        with pytest.raises((exc.IntegrityError, exc.DataError)), at_0002.engine.begin() as connection:
            connection.execute(text(need), params | bad)
    with pytest.raises((exc.IntegrityError, exc.DataError)), at_0002.engine.begin() as connection:
        connection.execute(text("UPDATE follow_up_actions SET owed_by = :long WHERE id = 2"), {"long": "x" * 201})
    # back to 0002: the new tables and column go, the actions stay
    command.downgrade(alembic_config(at_0002), "0002")
    assert {"needs", "commitments", "incidents"}.isdisjoint(inspect(at_0002.engine).get_table_names())
    assert _actions(at_0002)[0] == (1, "Carta a la gerencia", 1, "open")
    assert "owed_by" not in {c["name"] for c in inspect(at_0002.engine).get_columns("follow_up_actions")}
