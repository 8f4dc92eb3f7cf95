"""The ledger services: rates only by passed motions, funds, periods, hours, advances, closing, reversals."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from coopdesk.domain.audit import printed_code
from coopdesk.domain.errors import InvalidInput, NotFound, ProblemsFound
from coopdesk.domain.ledger import PeriodState
from coopdesk.domain.meetings import Base, Majority, MeetingKind, MeetingState, MotionResult, QuorumRule, VoteMethod
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    AuditEventRecord,
    LedgerEntryRecord,
    MeetingRecord,
    MemberRecord,
    MotionRecord,
)
from coopdesk.services import ledger
from coopdesk.services.demo_ledger import demo_motion
from coopdesk.services.documents import DocumentState, find_by_verification_code
from coopdesk.services.ledger._store import posting_digest as ledger_digest
from coopdesk.services.members import create_member
from coopdesk.services.verify import verify_database

WORKERS = ("M001", "M002", "M003", "M004")


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


def make_council(db: Database) -> int:
    """Four workers, a communal-council delegate and a worker who joins mid-2027; returns a passed motion."""
    for code in WORKERS:
        create_member(db, draft=MemberDraft(code, f"Trabajadora {code}", Body.WORKER, date(2020, 1, 1), True))
    create_member(db, draft=MemberDraft("C001", "Vocera comunal", Body.COMMUNAL_COUNCIL, date(2020, 1, 1), True))
    create_member(db, draft=MemberDraft("M009", "Nuevo Ingreso", Body.WORKER, date(2027, 6, 1), True))
    return demo_motion(db, text="Fijar el anticipo igualitario en Bs. 10,00 por hora", day=date(2026, 12, 1))


def unpassed_motion(db: Database, result: MotionResult | None) -> int:
    with db.write() as session:
        meeting = MeetingRecord(title="Asamblea", kind=MeetingKind.ORDINARY, starts_at=datetime(2026, 12, 2, 9),
                                quorum_rule=QuorumRule.HALF, state=MeetingState.OPEN)
        item = AgendaItemRecord(position=1, title="Tarifa", minutes="")
        motion = MotionRecord(position=1, text="Subir la tarifa", method=VoteMethod.OPEN, majority=Majority.SIMPLE,
                              base=Base.YES_NO, yes=1, no=5, abstain=0, result=result)
        item.motions.append(motion)
        meeting.items.append(item)
        session.add(meeting)
        session.flush()
        return motion.id


def hours_file(tmp_path: Path, text: str, name: str = "horas.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def put_hours(db: Database, tmp_path: Path, period: int, text: str) -> ledger.HoursImport:
    return ledger.import_hours(db, period_id=period, path=hours_file(tmp_path, text))


def open_with_rate(db: Database, motion: int, *, funds: bool = True) -> int:
    ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=motion)
    if funds:
        ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500)
        ledger.save_fund(db, code="salud", name="Fondo de salud", percent_hundredths=225)
    return ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17)).id


def exported(db: Database, tmp_path: Path) -> list[dict[str, str]]:
    path = tmp_path / "ledger.csv"
    ledger.export_entries(db, path=path)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ---- rates and funds

def test_a_rate_needs_a_passed_motion(db: Database) -> None:
    passed = make_council(db)
    for result in (MotionResult.REJECTED, MotionResult.NO_QUORUM, None):
        with pytest.raises(InvalidInput) as refused:
            ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=unpassed_motion(db, result))
        assert refused.value.exit_code == 3
    with pytest.raises(NotFound):
        ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=9999)
    with pytest.raises(InvalidInput):
        ledger.set_rate(db, rate_cents=0, effective_from=date(2027, 1, 1), motion_id=passed)
    assert ledger.list_rates(db) == []
    rate = ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=passed)
    assert rate.motion_text.startswith("Fijar el anticipo igualitario")
    with pytest.raises(InvalidInput):  # one rate per day
        ledger.set_rate(db, rate_cents=1100, effective_from=date(2027, 1, 1), motion_id=passed)
    assert ledger.rates_by_motion(db, motion_ids=[passed, 12345]) == {passed: [rate]}


def test_funds(db: Database) -> None:
    passed = make_council(db)
    fund = ledger.save_fund(db, code="ahorro", name="  Caja   de ahorro ", percent_hundredths=500)
    assert (fund.code, fund.name, fund.percent_hundredths, fund.active) == ("ahorro", "Caja de ahorro", 500, True)
    again = ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=600, motion_id=passed)
    assert again.id == fund.id and again.percent_hundredths == 600 and again.motion_id == passed
    for code, percent in (("con espacio", 100), ("vivienda", 10001), ("vivienda", 9401)):  # 94.01 + 6 > 100
        with pytest.raises(InvalidInput):
            ledger.save_fund(db, code=code, name="Fondo", percent_hundredths=percent)
    with pytest.raises(InvalidInput):
        ledger.save_fund(db, code="salud", name="Salud", percent_hundredths=100, motion_id=unpassed_motion(db, None))
    assert not ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=0).active
    assert [f.code for f in ledger.list_funds(db, active_only=True)] == []


# ---- periods, hours, advances

def test_periods_never_overlap(db: Database) -> None:
    first = ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17))
    assert first.state is PeriodState.OPEN and first.days == 14
    for start, end in ((date(2027, 1, 17), date(2027, 1, 30)), (date(2027, 1, 1), date(2027, 1, 4)),
                       (date(2027, 1, 5), date(2027, 1, 6)), (date(2027, 2, 1), date(2027, 1, 31))):
        with pytest.raises(ProblemsFound):
            ledger.create_period(db, starts_on=start, ends_on=end)
    second = ledger.create_period(db, starts_on=date(2027, 1, 18), ends_on=date(2027, 1, 31))
    assert [p.id for p in ledger.list_periods(db)] == [second.id, first.id]
    assert [p.id for p in ledger.list_periods(db, year=2026)] == []


def test_hours_import_replaces_and_checks_every_row(db: Database, tmp_path: Path) -> None:
    period = open_with_rate(db, make_council(db))
    done = put_hours(db, tmp_path, period, "codigo;horas\nM001;80\nM002;72,5\n")
    assert (done.members, done.total_hundredths) == (2, 15250)
    put_hours(db, tmp_path, period, "member_code,hours\nM002,70\nM003,0.01\n")
    grid = ledger.hours_grid(db, period_id=period)
    hours = {row.member_code: row.hours_hundredths for row in grid.rows}
    assert hours == {"M001": 8000, "M002": 7000, "M003": 1, "M004": 0}  # replaced, never added up; M009 not yet
    assert grid.max_hours_hundredths == 33600 and grid.total_hundredths == 15001
    bad = "código;horas\nM001;337\nC001;8\nXX;8\nM004;1,234\nM004;8\nM009;8\n;3\nM003;-1\nM002;\n"
    with pytest.raises(ProblemsFound) as refused:
        ledger.import_hours(db, period_id=period, path=hours_file(tmp_path, bad))
    lines = [(p.line, p.column) for p in refused.value.problems]
    assert lines == [(2, "horas"), (3, "código"), (4, "código"), (5, "horas"), (6, "código"), (7, "código"),
                     (8, "código"), (9, "horas"), (10, "horas")]
    assert {row.member_code: row.hours_hundredths for row in ledger.hours_grid(db, period_id=period).rows} == hours
    ledger.set_hours(db, period_id=period, hours={"M003": 0, "M004": 3360})
    with pytest.raises(ProblemsFound):
        ledger.set_hours(db, period_id=period, hours={"C001": 100, "M001": -1})
    assert ledger.get_period_summary(db, period_id=period).hours_hundredths == 8000 + 7000 + 3360


def test_advances(db: Database) -> None:
    period = open_with_rate(db, make_council(db))
    advance = ledger.add_advance(db, period_id=period, member_code="M001", amount_cents=15000)
    assert advance.member_code == "M001"
    for code, amount in (("M001", 0), ("C001", 100), ("NOPE", 100)):
        with pytest.raises(InvalidInput):
            ledger.add_advance(db, period_id=period, member_code=code, amount_cents=amount)
    ledger.add_advance(db, period_id=period, member_code="M001", amount_cents=5000)
    assert ledger.hours_grid(db, period_id=period).rows[0].advances_cents == 20000
    ledger.remove_advance(db, advance_id=advance.id)
    assert [a.amount_cents for a in ledger.list_advances(db, period_id=period)] == [5000]


# ---- closing

def test_the_conformance_figures(db: Database, tmp_path: Path) -> None:
    period = open_with_rate(db, make_council(db), funds=False)
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\nM002;72,5\nM003;0,01\n")
    ledger.close_period(db, period_id=period)
    gross = {row["member_code"]: row["amount"] for row in exported(db, tmp_path) if row["kind"] == "gross"}
    assert gross == {"M001": "800.00", "M002": "725.00", "M003": "0.10"}


def test_closing_posts_balanced_lines_and_locks_the_period(db: Database, tmp_path: Path) -> None:
    period = open_with_rate(db, make_council(db))
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\nM002;72,5\nM003;0,33\n")
    ledger.add_advance(db, period_id=period, member_code="M001", amount_cents=10000)
    ledger.add_advance(db, period_id=period, member_code="M004", amount_cents=2500)  # no hours: net is negative
    preview = ledger.payroll(db, period_id=period)
    assert not preview.posted and not preview.problems and str(preview.wage_ratio) == "1.00"
    result = ledger.close_period(db, period_id=period, posted_on=date(2027, 1, 18))
    assert result.members == 4 and result.entries_reversed == 0
    assert result.totals.gross_cents == 80000 + 72500 + 330
    assert result.totals.contributions == (4000 + 3625 + 17, 1800 + 1631 + 7)  # 5 % and 2.25 %, half-up each
    rows = exported(db, tmp_path)
    assert len(rows) == result.entries_posted == 5 + 4 + 4 + 5  # M004: zero gross, two funds, advance, net
    assert {row["posted_on"] for row in rows} == {"2027-01-18"}
    net = {row["member_code"]: row["amount"] for row in rows if row["kind"] == "net"}
    assert net == {"M001": "642.00", "M002": "672.44", "M003": "3.06", "M004": "-25.00"}
    posted = ledger.payroll(db, period_id=period)
    assert posted.posted and posted.verification and [line.member_code for line in posted.lines] == [
        "M001", "M002", "M003", "M004"]
    assert posted.lines[0].contributions == (4000, 1800) and posted.totals == result.totals
    summary = ledger.get_period_summary(db, period_id=period)
    assert summary.state is PeriodState.CLOSED and summary.gross_cents == result.totals.gross_cents
    for action in (lambda: put_hours(db, tmp_path, period, "codigo;horas\nM001;1\n"),
                   lambda: ledger.set_hours(db, period_id=period, hours={"M001": 100}),
                   lambda: ledger.add_advance(db, period_id=period, member_code="M001", amount_cents=100),
                   lambda: ledger.close_period(db, period_id=period)):
        with pytest.raises(InvalidInput, match="closed"):
            action()
    assert verify_database(db).sound


def test_no_rate_in_force(db: Database, tmp_path: Path) -> None:
    make_council(db)
    period = ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17)).id
    put_hours(db, tmp_path, period, "codigo;horas\nM001;8\n")
    assert ledger.payroll(db, period_id=period).problems
    with pytest.raises(InvalidInput):
        ledger.close_period(db, period_id=period)
    with pytest.raises(NotFound):
        ledger.payroll(db, period_id=999)


def test_reopening_needs_a_passed_motion_and_reposts_only_what_changed(db: Database, tmp_path: Path) -> None:
    motion = make_council(db)
    period = open_with_rate(db, motion)
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\nM002;72,5\n")
    ledger.close_period(db, period_id=period)
    for bad_motion, reason in ((unpassed_motion(db, MotionResult.REJECTED), "Horas mal cargadas"), (motion, "  ")):
        with pytest.raises(InvalidInput):
            ledger.reopen_period(db, period_id=period, motion_id=bad_motion, reason=reason)
    reopened = ledger.reopen_period(db, period_id=period, motion_id=motion, reason="Horas de M002 mal cargadas")
    assert reopened.state is PeriodState.OPEN and reopened.reopenings == 1
    with pytest.raises(InvalidInput):
        ledger.reopen_period(db, period_id=period, motion_id=motion, reason="otra vez")
    ledger.set_hours(db, period_id=period, hours={"M002": 7000})
    again = ledger.close_period(db, period_id=period)
    assert (again.entries_reversed, again.entries_posted) == (4, 4)  # M002's line, reversed whole and posted anew
    payroll = ledger.payroll(db, period_id=period)
    assert [line.gross_cents for line in payroll.lines] == [80000, 70000]
    assert {pair.original.member_code for pair in payroll.corrections} == {"M002"}
    assert all(pair.reversal.note == "Horas de M002 mal cargadas" for pair in payroll.corrections)
    assert verify_database(db).sound


# ---- reversals

def test_a_reversal_nets_the_pay_line_to_zero(db: Database, tmp_path: Path) -> None:
    period = open_with_rate(db, make_council(db))
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\nM002;40\n")
    ledger.close_period(db, period_id=period)
    rows = exported(db, tmp_path)
    gross = next(int(row["entry_id"]) for row in rows if row["member_code"] == "M001" and row["kind"] == "gross")
    with pytest.raises(InvalidInput):
        ledger.reverse_entry(db, entry_id=gross, reason="")
    result = ledger.reverse_entry(db, entry_id=gross, reason="Horas duplicadas")
    assert result.period_id == period  # no later period open: beside the original
    after = {int(row["entry_id"]): row for row in exported(db, tmp_path)}
    assert after[result.entry_id]["reverses"] == str(gross) and after[result.entry_id]["kind"] == "reversal"
    for original, reversal in zip(result.reversed_ids, result.new_ids, strict=True):
        assert float(after[original]["amount"]) + float(after[reversal]["amount"]) == 0
    m001 = ledger.statement(db, member_code="M001", year=2027).totals
    assert (m001.gross_cents, m001.net_cents, m001.contributions) == (0, 0, (("ahorro", 0), ("salud", 0)))
    with pytest.raises(InvalidInput, match="already reversed"):
        ledger.reverse_entry(db, entry_id=gross, reason="otra vez")
    with pytest.raises(InvalidInput):
        ledger.reverse_entry(db, entry_id=result.entry_id, reason="revertir el reverso")
    with pytest.raises(NotFound):
        ledger.reverse_entry(db, entry_id=99999, reason="x")
    assert verify_database(db).sound


def test_a_late_correction_goes_into_the_next_open_period(db: Database, tmp_path: Path) -> None:
    period = open_with_rate(db, make_council(db))
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\n")
    ledger.close_period(db, period_id=period)
    later = ledger.create_period(db, starts_on=date(2027, 1, 18), ends_on=date(2027, 1, 31)).id
    net = next(int(r["entry_id"]) for r in exported(db, tmp_path) if r["kind"] == "net")
    result = ledger.reverse_entry(db, entry_id=net, reason="Pagado dos veces")
    assert result.period_id == later and len(result.new_ids) == 4
    preview = ledger.payroll(db, period_id=later)
    assert len(preview.corrections) == 4 and {p.original.period_id for p in preview.corrections} == {period}
    closed = ledger.payroll(db, period_id=period)
    assert closed.lines == () and len(closed.corrections) == 4  # the line stands reversed, shown beside it
    assert verify_database(db).sound


# ---- surplus, statements, funds, the entries table

def test_a_surplus_adds_up_to_the_cent(db: Database, tmp_path: Path) -> None:
    motion = make_council(db)
    period = open_with_rate(db, motion)
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\nM002;40\nM003;40\n")
    with pytest.raises(InvalidInput, match="still open"):
        ledger.preview_surplus(db, year=2027, amount_cents=100, basis="equal")
    ledger.close_period(db, period_id=period)
    equal = ledger.preview_surplus(db, year=2027, amount_cents=100001, basis="equal")
    assert [s.share_cents for s in equal.shares] == [33334, 33334, 33333] and equal.total_cents == 100001
    by_hours = ledger.preview_surplus(db, year=2027, amount_cents=100001, basis="hours")
    assert [s.share_cents for s in by_hours.shares] == [50001, 25000, 25000]
    for year, amount in ((2027, 0), (2026, 100)):
        with pytest.raises(InvalidInput):
            ledger.preview_surplus(db, year=year, amount_cents=amount, basis="equal")
    january = ledger.create_period(db, starts_on=date(2028, 1, 3), ends_on=date(2028, 1, 16)).id
    ledger.set_hours(db, period_id=january, hours={"M001": 4000, "M002": 4000})
    ledger.close_period(db, period_id=january, posted_on=date(2028, 1, 17))
    printed = {year: ledger.statement(db, member_code="M001", year=year).verification for year in (2027, 2028)}
    posted = ledger.share_out_surplus(db, year=2027, amount_cents=100001, basis="hours", motion_id=motion,
                                      posted_on=date(2028, 2, 1))
    surplus = [r for r in exported(db, tmp_path) if r["kind"] == "surplus"]
    assert [r["amount"] for r in surplus] == ["500.01", "250.00", "250.00"] and posted.id
    assert ledger.statement(db, member_code="M001", year=2027).totals.surplus_cents == 0  # paid in 2028
    statement = ledger.statement(db, member_code="M001", year=2028)
    assert statement.totals.surplus_cents == 50001
    assert statement.totals.received_cents == statement.totals.net_cents + 50001
    assert ledger.entry_ids(db, entry_filter=ledger.EntryFilter(kind="surplus", year=2028)) == [
        int(r["entry_id"]) for r in surplus]
    assert ledger.statement_years(db, member_code="M001") == [2028, 2027]
    assert verify_database(db).sound
    # The statements printed before the surplus was paid still verify: 2027's is unchanged by it, 2028's is
    # authentic but older; the 2028 statement that shows the surplus verifies as current.
    found = {year: find_by_verification_code(db, code=code) for year, code in printed.items()}
    assert found[2027] is not None and (found[2027].state, found[2027].year) == (DocumentState.INTACT, 2027)
    assert found[2028] is not None and (found[2028].state, found[2028].year) == (DocumentState.SUPERSEDED, 2028)
    reprinted = find_by_verification_code(db, code=statement.verification)
    assert reprinted is not None and (reprinted.state, reprinted.year) == (DocumentState.INTACT, 2028)
    # A 2027 statement printed when a surplus counted in the year it shared out (its shares beside 2027's pay)
    # is still recognised as authentic.
    with db.read() as session:
        pairs = list(session.execute(
            select(LedgerEntryRecord.id, LedgerEntryRecord.record_hash)
            .join(MemberRecord, MemberRecord.id == LedgerEntryRecord.member_id)
            .where(MemberRecord.code == "M001", LedgerEntryRecord.period_id.is_distinct_from(january))))
    earlier = find_by_verification_code(db, code=printed_code(ledger_digest(pairs)))
    assert earlier is not None and (earlier.state, earlier.year) == (DocumentState.SUPERSEDED, 2027)


def test_statement_fund_balances_and_the_entries_table(db: Database, tmp_path: Path) -> None:
    period = open_with_rate(db, make_council(db))
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\nM002;40\n")
    ledger.close_period(db, period_id=period)
    second = ledger.create_period(db, starts_on=date(2027, 12, 27), ends_on=date(2028, 1, 9)).id
    put_hours(db, tmp_path, second, "codigo;horas\nM001;10\n")
    ledger.close_period(db, period_id=second)
    statement = ledger.statement(db, member_code="M001", year=2027)
    assert [row.kind for row in statement.entries] == ["gross", "contribution:ahorro", "contribution:salud", "net"]
    assert statement.totals.gross_cents == 80000 and statement.periods == {period: (date(2027, 1, 4),
                                                                                     date(2027, 1, 17))}
    assert len(ledger.statement(db, member_code="M001", year=None).entries) == 8
    with pytest.raises(NotFound):
        ledger.statement(db, member_code="NOPE", year=2027)
    funds = ledger.fund_balances(db, year=2028)
    assert [f.code for f in funds.funds] == ["ahorro", "salud"]
    assert funds.opening == (4000 + 2000, 1800 + 900) and funds.closing == (6000 + 500, 2700 + 225)
    assert [row.period_id for row in funds.rows] == [second] and funds.contributed == (500, 225)
    everything = ledger.fund_balances(db)
    assert everything.opening == (0, 0) and len(everything.rows) == 2
    ids = ledger.entry_ids(db)
    assert ids == sorted(ids) and len(ids) == ledger.count_entries(db) == 12
    assert ledger.entry_ids(db, descending=True) == ids[::-1]
    page = ledger.entries_by_ids(db, ids=[ids[5], ids[0], 10**6])
    assert [row.id for row in page] == [ids[5], ids[0]] and page[1].member_code == "M001"
    assert len(ledger.entry_ids(db, entry_filter=ledger.EntryFilter(member_code="M002", kind="contribution"))) == 2
    assert len(ledger.entry_ids(db, entry_filter=ledger.EntryFilter(period_id=second))) == 4
    assert len(ledger.entry_ids(db, entry_filter=ledger.EntryFilter(year=2028))) == 4


def test_verify_names_a_changed_entry(db: Database, tmp_path: Path) -> None:
    if not db.is_sqlite:
        pytest.skip("drops a SQLite trigger, as a tamperer would")
    period = open_with_rate(db, make_council(db))
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\n")
    ledger.close_period(db, period_id=period)
    assert verify_database(db).sound
    import sqlite3

    with sqlite3.connect(db.path) as raw:
        raw.execute("DROP TRIGGER ledger_entries_no_update")
        raw.execute("UPDATE ledger_entries SET amount_cents = 90000, record_hash = NULL WHERE kind = 'gross'")
    raw.close()
    messages = [p.translated() for p in verify_database(db).problems]
    assert any("ledger" in m.lower() or "asiento" in m.lower() for m in messages), messages
    assert len(messages) >= 2  # its hash, the posting's digest (and the balance of the line)


def test_entries_are_append_only(db: Database, tmp_path: Path) -> None:
    period = open_with_rate(db, make_council(db))
    put_hours(db, tmp_path, period, "codigo;horas\nM001;80\n")
    ledger.close_period(db, period_id=period)
    with pytest.raises(Exception) as refused, db.write() as session:  # each backend words it its own way
        session.scalars(select(LedgerEntryRecord)).first().amount_cents = 1
    assert "never changed" in f"{refused.value} {getattr(refused.value, 'params', '')}"
    with db.read() as session:
        actions = list(session.scalars(select(AuditEventRecord.action).order_by(AuditEventRecord.id)))
    assert "ledger.close" in actions and "ledger.rate" in actions and "ledger.hours" in actions
