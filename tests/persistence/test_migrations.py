"""The schema comes only from Alembic: one head, linear history, models and revisions agree."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import exc, inspect, text

from coopdesk.bootstrap import open_database
from coopdesk.domain.errors import InvalidInput, NewerSchema
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database, translate_errors
from coopdesk.persistence.migrate import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    alembic_config,
    backup_before_migration,
    stored_revision,
    upgrade,
)
from coopdesk.services.members import create_member, get_member_by_code
from tests.persistence import close_at, open_at


def scripts(db: Database) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(db))


def test_single_head_and_linear_history(db: Database) -> None:
    script = scripts(db)
    assert script.get_heads() == [HEAD_REVISION]
    revisions = [rev.revision for rev in script.walk_revisions()]
    assert list(reversed(revisions)) == list(KNOWN_REVISIONS)
    assert all(not rev.is_merge_point for rev in script.walk_revisions())


def test_models_match_the_migrations(db: Database) -> None:
    command.check(alembic_config(db))  # raises when autogenerate would find a difference


def test_sqlite_pragmas_on_every_connection(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_every_module_has_its_tables(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {
        "council_settings", "members", "member_skills", "member_status_changes",
        "meetings", "agenda_items", "attendance", "motions", "motion_voters", "roll_call_ballots",
        "elections", "candidates", "decisions", "follow_up_actions", "minutes_errata",
        "posts", "leaves", "rotation_plans", "rotation_assignments", "rotation_swaps",
        "pay_periods", "hourly_rates", "funds", "hours", "advances", "ledger_entries",
        "surplus_distributions", "audit_events", "users",
    } <= tables


def test_money_columns_are_integers(db: Database) -> None:
    for table in ("ledger_entries", "hourly_rates", "advances", "surplus_distributions"):
        money = [c for c in inspect(db.engine).get_columns(table) if c["name"].endswith("_cents")]
        assert money and all(str(c["type"]) == "BIGINT" for c in money), table


def test_text_lengths_are_enforced_by_the_database(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError), sqlite3.connect(db.path) as raw:
        raw.execute(
            "INSERT INTO members (code, full_name, search_key, body, joined_on, voting, status, created_at,"
            " updated_at, version) VALUES (?, 'x', 'x', 'worker', '2020-01-01', 1, 'active', '', '', 1)",
            ("X" * 21,),
        )


@pytest.mark.parametrize("table", ["audit_events", "ledger_entries"])
def test_append_only_tables_refuse_update_and_delete(db: Database, table: str) -> None:
    with sqlite3.connect(db.path) as raw:
        # The guard fires per row, so give it a row to refuse.
        raw.execute("INSERT INTO audit_events (occurred_at, action, entity) VALUES ('2026-01-01', 'a', 'b')")
        if table == "ledger_entries":
            raw.execute(
                "INSERT INTO members (code, full_name, search_key, body, joined_on, voting, status,"
                " created_at, updated_at, version)"
                " VALUES ('M1', 'A', 'a', 'worker', '2020-01-01', 1, 'active', '', '', 1)"
            )
            raw.execute(
                "INSERT INTO ledger_entries (posted_at, posted_on, member_id, kind, amount_cents)"
                " VALUES ('2026-01-01', '2026-01-01', 1, 'gross', 100)"
            )
        for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                raw.execute(statement)
    with pytest.raises(InvalidInput, match="never changed"), translate_errors(), db.engine.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM {table}")


def test_reopening_a_populated_database_keeps_its_data(db_path: Path) -> None:
    db = open_database(db_path)
    create_member(db, draft=MemberDraft("M001", "Rosa Añez", Body.WORKER, date(2020, 1, 1), True))
    db.dispose()
    again = open_database(db_path)
    assert get_member_by_code(again, "M001").full_name == "Rosa Añez"
    assert stored_revision(again) == HEAD_REVISION


def test_the_backup_before_a_migration_is_a_readable_copy(db: Database, tmp_path: Path) -> None:
    create_member(db, draft=MemberDraft("M001", "Rosa Añez", Body.WORKER, date(2020, 1, 1), True))
    copy = backup_before_migration(db, tmp_path / "backups")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT full_name FROM members").fetchall() == [("Rosa Añez",)]


def test_downgrade_to_base_and_back(db: Database) -> None:
    config = alembic_config(db)
    command.downgrade(config, "base")
    assert stored_revision(db) is None
    command.upgrade(config, "head")
    assert stored_revision(db) == HEAD_REVISION


def test_a_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    with pytest.raises(NewerSchema) as raised:
        open_database(db_path)
    assert raised.value.exit_code == 4
    assert db_path.read_bytes() == before


@pytest.mark.postgres
def test_the_same_migrations_run_on_postgresql(pg_url: str) -> None:
    db = Database.open(pg_url)
    config = alembic_config(db)
    try:
        command.downgrade(config, "base")
        command.upgrade(config, "head")
        command.check(config)
        assert stored_revision(db) == HEAD_REVISION
        with db.engine.begin() as connection:
            connection.execute(text("INSERT INTO audit_events (occurred_at, action, entity) "
                                    "VALUES (now(), 'a', 'b')"))
        with pytest.raises(InvalidInput, match="never changed"), translate_errors(), db.engine.begin() as connection:
            connection.execute(text("DELETE FROM audit_events"))
        command.downgrade(config, "base")
    finally:
        command.upgrade(config, "head")  # other PostgreSQL tests of this run expect the schema at head
        db.dispose()


@pytest.mark.postgres
def test_a_shared_server_is_migrated_only_by_init(pg_url: str) -> None:
    from coopdesk.domain.errors import DatabaseError

    db = Database.open(pg_url)
    command.downgrade(alembic_config(db), "base")
    try:
        with pytest.raises(DatabaseError, match="coopdesk init"):
            open_database(pg_url)
        open_database(pg_url, migrate=True).dispose()
        open_database(pg_url).dispose()
    finally:
        command.upgrade(alembic_config(db), "head")
        db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def at_0001(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """A database at revision 0001 holding a published plan with one recorded swap."""
    db = open_at(request, db_path, "0001")
    now = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    with db.engine.begin() as connection:
        for code in ("M001", "M002"):
            connection.execute(text(
                "INSERT INTO members (code, full_name, search_key, body, joined_on, voting, status, created_at,"
                " updated_at, version) VALUES (:code, 'A', 'a', 'worker', :joined, true, 'active', :now, :now, 1)"),
                {"code": code, "joined": date(2020, 1, 1), "now": now})
        connection.execute(text("INSERT INTO rotation_plans (starts_on, weeks, seed, state, created_at)"
                                " VALUES (:monday, 1, 1, 'published', :now)"), {"monday": date(2027, 1, 4), "now": now})
        connection.execute(text(
            "INSERT INTO rotation_swaps (plan_id, week_start, first_member_id, second_member_id, reason, recorded_at)"
            " VALUES (1, :monday, 1, 2, 'cita médica', :now)"), {"monday": date(2027, 1, 4), "now": now})
    try:
        yield db
    finally:
        close_at(request, db)


def _swaps(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT first_member_id, second_member_id, reason FROM rotation_swaps ORDER BY id"))]


def test_0002_keeps_the_recorded_swaps_and_lets_a_release_have_no_second_member(at_0001: Database,
                                                                                 tmp_path: Path) -> None:
    assert stored_revision(at_0001) == "0001"
    command.upgrade(alembic_config(at_0001), "0002")
    assert stored_revision(at_0001) == "0002"
    assert _swaps(at_0001) == [(1, 2, "cita médica")]
    column = next(c for c in inspect(at_0001.engine).get_columns("rotation_swaps") if c["name"] == "second_member_id")
    assert column["nullable"]
    release = ("INSERT INTO rotation_swaps (plan_id, week_start, first_member_id, second_member_id, reason,"
               " recorded_at) VALUES (1, :monday, 2, NULL, :reason, :now)")
    params = {"monday": date(2027, 1, 4), "now": datetime(2027, 1, 6, tzinfo=UTC)}
    with at_0001.engine.begin() as connection:
        connection.execute(text(release), params | {"reason": "reposo"})
    assert _swaps(at_0001) == [(1, 2, "cita médica"), (2, None, "reposo")]
    # the table was copied on SQLite: its constraints came along
    with pytest.raises((exc.IntegrityError, exc.DataError)), at_0001.engine.begin() as connection:
        connection.execute(text(release), params | {"reason": "x" * 501})
    with pytest.raises(exc.IntegrityError), at_0001.engine.begin() as connection:
        connection.execute(text(release.replace("NULL", "99")), params | {"reason": "nobody"})
    assert {index["name"] for index in inspect(at_0001.engine).get_indexes("rotation_swaps")} == {
        "ix_rotation_swaps_plan_id"}
    # back to 0001: the releases, which it cannot hold, go; the swaps stay
    command.downgrade(alembic_config(at_0001), "0001")
    assert _swaps(at_0001) == [(1, 2, "cita médica")]


def _entries(db: Database) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT id, member_id, kind, amount_cents, reverses_id, record_hash FROM ledger_entries ORDER BY id"))]


def test_0003_keeps_the_books_and_makes_every_council_a_cooperative(at_0001: Database, tmp_path: Path) -> None:
    """A populated first-wave database: its council, funds and posted entries (a reversal too) come through."""
    config = alembic_config(at_0001)
    command.upgrade(config, "0002")
    now = datetime(2027, 1, 18, 9, 0, tzinfo=UTC)
    with at_0001.engine.begin() as connection:
        connection.execute(text("INSERT INTO council_settings (id, name, currency, default_language, version)"
                                " VALUES (1, 'Consejo', 'VES', 'es', 1)"))
        connection.execute(text("INSERT INTO funds (code, name, percent_hundredths, active)"
                                " VALUES ('ahorro', 'Caja de ahorro', 500, true)"))
        for values in ("(:now, :day, 1, 'gross', NULL, 80000, NULL, 'a')",
                       "(:now, :day, 1, 'contribution:ahorro', 1, 4000, NULL, 'b')",
                       "(:now, :day, 1, 'reversal', 1, -4000, 2, 'c')"):
            connection.execute(text("INSERT INTO ledger_entries (posted_at, posted_on, member_id, kind, fund_id,"
                                    f" amount_cents, reverses_id, record_hash) VALUES {values}"),
                               {"now": now, "day": date(2027, 1, 18)})
    before = _entries(at_0001)
    assert upgrade(at_0001, tmp_path / "backups") == HEAD_REVISION
    assert _entries(at_0001) == before
    with at_0001.engine.connect() as connection:
        assert connection.execute(text("SELECT kind FROM council_settings")).scalar() == "cooperative"
        assert connection.execute(text("SELECT paid_by FROM funds")).scalar() == "workers"
    # posted entries are still append-only (SQLite copied the table), a deposit needs no member,
    # and the new columns are checked
    for statement in ("UPDATE ledger_entries SET amount_cents = 1", "DELETE FROM ledger_entries"):
        with pytest.raises(InvalidInput, match="never changed"), translate_errors(), \
                at_0001.engine.begin() as connection:
            connection.execute(text(statement))
    deposit = ("INSERT INTO ledger_entries (posted_at, posted_on, kind, fund_id, amount_cents)"
               " VALUES (:now, :day, 'deposit:ahorro', 1, 500)")
    with pytest.raises(exc.IntegrityError), at_0001.engine.begin() as connection:
        connection.execute(text("UPDATE funds SET paid_by = 'nobody'"))
    with pytest.raises(exc.IntegrityError), at_0001.engine.begin() as connection:
        connection.execute(text("INSERT INTO ledger_entries (posted_at, posted_on, kind, amount_cents, motion_id)"
                                " VALUES (:now, :day, 'payout:ahorro', 1, 99)"), {"now": now, "day": date(2027, 2, 1)})
    # back to 0002: the fund entries it cannot hold go, the pay entries stay
    with at_0001.engine.begin() as connection:
        connection.execute(text(deposit), {"now": now, "day": date(2027, 2, 1)})
    command.downgrade(config, "0002")
    assert _entries(at_0001) == before


def test_0007_keeps_a_populated_0002_database_and_seeds_the_survey_areas(at_0001: Database) -> None:
    config = alembic_config(at_0001)
    command.upgrade(config, "0002")
    with at_0001.engine.begin() as connection:
        connection.execute(text("INSERT INTO council_settings (id, name, currency, default_language, version)"
                                " VALUES (1, 'UPS La Esperanza', 'VES', 'es', 1)"))
        connection.execute(text("INSERT INTO skills (code) VALUES ('contabilidad')"))
        connection.execute(text("INSERT INTO member_skills (member_id, skill_id) VALUES (1, 1)"))
    command.upgrade(config, "0007_learning")
    with at_0001.engine.connect() as connection:
        assert connection.execute(text("SELECT name, plans_need_decision FROM council_settings")).one() == (
            "UPS La Esperanza", None)  # unset: the unit's kind decides
        assert connection.execute(text("SELECT state FROM rotation_plans")).one() == ("published",)
        assert connection.execute(text("SELECT count(*) FROM rotation_plan_decisions")).scalar() == 0
        areas = connection.execute(text("SELECT code, name_es, name_en FROM survey_areas ORDER BY position")).all()
        assert len(areas) == 14
        assert areas[0] == ("own_needs", "Conocimiento de las necesidades propias", "Knowledge of one's own needs")
        assert connection.execute(text("SELECT count(*) FROM member_skills")).scalar() == 1
    assert _swaps(at_0001) == [(1, 2, "cita médica")]
    with at_0001.engine.begin() as connection:
        connection.execute(text("INSERT INTO survey_waves (name, opened_on, created_at)"
                                " VALUES ('2027', :day, :day)"), {"day": date(2027, 1, 4)})
        connection.execute(text("INSERT INTO survey_answers (wave_id, member_id, area_id, score) VALUES (1, 1, 1, 4)"))
    with pytest.raises(exc.IntegrityError), at_0001.engine.begin() as connection:  # scores run from 1 to 5
        connection.execute(text("INSERT INTO survey_answers (wave_id, member_id, area_id, score) VALUES (1, 2, 1, 6)"))
    with pytest.raises(exc.IntegrityError), at_0001.engine.begin() as connection:  # a council grant names a motion
        connection.execute(text("INSERT INTO skill_grants (member_id, skill_id, granted_on, how, recorded_at)"
                                " VALUES (2, 1, :day, 'council', :day)"), {"day": date(2027, 1, 4)})
    command.downgrade(config, "0002")
    tables = set(inspect(at_0001.engine).get_table_names())
    assert not {"survey_areas", "survey_answers", "skill_grants", "rotation_wishes", "rotation_tasks",
                "rotation_plan_decisions"} & tables
    with at_0001.engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM council_settings")).scalar() == "UPS La Esperanza"
        assert connection.execute(text("SELECT count(*) FROM rotation_plans")).scalar() == 1
