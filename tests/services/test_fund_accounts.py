"""The unit's kind and the social funds management owes: owed at each close, deposits, arrears, payouts."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.ledger import FundPayer, SurplusBasis
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.domain.settings import UnitKind
from coopdesk.persistence.database import Database
from coopdesk.services import ledger
from coopdesk.services.council import get_council, set_unit_kind
from coopdesk.services.demo_ledger import demo_motion
from coopdesk.services.members import create_member
from coopdesk.services.verify import verify_database

TODAY = date(2027, 6, 30)


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


def spu_with_a_closed_period(db: Database, tmp_path: Path) -> tuple[int, int]:
    """An SPU: three workers, a savings fund the workers pay, a housing fund management owes; the first
    fortnight closed. Returns the passed motion and the period."""
    set_unit_kind(db, kind=UnitKind.SPU)
    for code in ("M001", "M002", "M003"):
        create_member(db, draft=MemberDraft(code, f"Trabajadora {code}", Body.WORKER, date(2020, 1, 1), True))
    motion = demo_motion(db, text="Fijar el anticipo en Bs. 10,00 y crear los fondos", day=date(2026, 12, 1))
    ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=motion)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500, paid_by=FundPayer.WORKERS)
    ledger.save_fund(db, code="vivienda", name="Fondo de vivienda", percent_hundredths=333)
    period = ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17)).id
    hours = tmp_path / "horas.csv"
    hours.write_text("codigo;horas\nM001;80\nM002;72,5\nM003;0,15\n", encoding="utf-8")
    ledger.import_hours(db, period_id=period, path=hours)
    ledger.add_advance(db, period_id=period, member_code="M001", amount_cents=10000)
    ledger.close_period(db, period_id=period, posted_on=date(2027, 1, 18))
    return motion, period


def exported(db: Database, tmp_path: Path) -> list[dict[str, str]]:
    path = tmp_path / "libro.csv"
    ledger.export_entries(db, path=path)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_new_database_is_a_cooperative_and_its_funds_are_paid_by_the_workers(db: Database) -> None:
    assert get_council(db).kind is UnitKind.COOPERATIVE
    assert ledger.save_fund(db, code="ahorro", name="Caja", percent_hundredths=500).paid_by is FundPayer.WORKERS
    with pytest.raises(InvalidInput, match="spu or cooperative"):
        set_unit_kind(db, kind="empresa")
    assert set_unit_kind(db, kind="spu").kind is UnitKind.SPU
    assert get_council(db).kind is UnitKind.SPU
    # a fund keeps its payer when the unit changes or the fund is edited; a new one takes the SPU's default
    assert ledger.save_fund(db, code="ahorro", name="Caja", percent_hundredths=400).paid_by is FundPayer.WORKERS
    assert ledger.save_fund(db, code="salud", name="Salud", percent_hundredths=200).paid_by is FundPayer.MANAGEMENT
    with pytest.raises(InvalidInput, match="workers or management"):
        ledger.save_fund(db, code="x", name="X", percent_hundredths=1, paid_by="state")


def test_closing_owes_management_funds_without_deducting_them(db: Database, tmp_path: Path) -> None:
    _motion, period = spu_with_a_closed_period(db, tmp_path)
    rows = exported(db, tmp_path)
    by_kind: dict[str, dict[str, str]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], {})[row["member_code"]] = row["amount"]
    assert by_kind["gross"] == {"M001": "800.00", "M002": "725.00", "M003": "1.50"}
    assert by_kind["contribution:ahorro"] == {"M001": "40.00", "M002": "36.25", "M003": "0.08"}
    # 3.33 % of each gross, half-up to the cent: 26.64, 24.1425 → 24.14, 0.04995 → 0.05
    assert by_kind["owed:vivienda"] == {"M001": "26.64", "M002": "24.14", "M003": "0.05"}
    # net = gross − workers-paid contributions − advances: what management owes is not taken
    assert by_kind["net"] == {"M001": "660.00", "M002": "688.75", "M003": "1.42"}
    payroll = ledger.payroll(db, period_id=period)
    assert [fund.code for fund in payroll.funds] == ["ahorro"]
    assert [fund.code for fund in payroll.owed_funds] == ["vivienda"]
    assert payroll.totals.owed == (2664 + 2414 + 5,) and payroll.lines[0].owed == (2664,)
    balance = ledger.fund_balance(db, fund_code="vivienda")
    assert (balance.owed_cents, balance.deposited_cents, balance.arrears_cents) == (5083, 0, 5083)
    assert balance.arrears_since == date(2027, 1, 18)
    assert verify_database(db).sound


def test_deposits_arrears_and_their_start(db: Database, tmp_path: Path) -> None:
    _motion, _period = spu_with_a_closed_period(db, tmp_path)
    move = ledger.record_deposit(db, fund_code="vivienda", amount_cents=5000, paid_on=date(2027, 2, 1),
                                 note="  transferencia   de la gerencia ", today=TODAY)
    assert move.kind == "deposit:vivienda" and move.note == "transferencia de la gerencia"
    balance = ledger.fund_balance(db, fund_code="vivienda")
    assert (balance.owed_cents, balance.deposited_cents, balance.arrears_cents) == (5083, 5000, 83)
    deposit = next(row for row in exported(db, tmp_path) if row["kind"] == "deposit:vivienda")
    assert deposit == {"entry_id": str(move.id), "posted_on": "2027-02-01", "period_id": "", "member_code": "",
                       "kind": "deposit:vivienda", "amount": "50.00", "reverses": "",
                       "note": "transferencia de la gerencia"}
    before = ledger.count_entries(db)
    for bad, message in ((dict(amount_cents=0), "more than zero"),
                         (dict(paid_on=date(2027, 7, 1)), "has not come yet"),
                         (dict(fund_code="ahorro"), "paid by the workers"),
                         (dict(note="x" * 501), "longer than")):
        values = dict(fund_code="vivienda", amount_cents=100, paid_on=date(2027, 2, 1), today=TODAY) | bad
        with pytest.raises(InvalidInput, match=message):
            ledger.record_deposit(db, **values)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        ledger.record_deposit(db, fund_code="nada", amount_cents=100, paid_on=date(2027, 2, 1), today=TODAY)
    assert ledger.count_entries(db) == before
    # a deposit reversed counts no more
    ledger.reverse_entry(db, entry_id=move.id, reason="la transferencia fue devuelta", posted_on=date(2027, 2, 3))
    assert ledger.fund_balance(db, fund_code="vivienda").arrears_cents == 5083
    history = ledger.fund_history(db, fund_code="vivienda", today=date(2027, 3, 15))
    assert [(m.month, m.owed_cents, m.deposited_cents) for m in history.months] == [
        (date(2027, 1, 1), 5083, 0), (date(2027, 2, 1), 5083, 0), (date(2027, 3, 1), 5083, 0)]
    assert verify_database(db).sound


def test_payouts_need_a_passed_motion_and_money_in_the_fund(db: Database, tmp_path: Path) -> None:
    motion, _period = spu_with_a_closed_period(db, tmp_path)
    with pytest.raises(InvalidInput, match="cannot pay out"):  # owed is not held: nothing was deposited yet
        ledger.pay_out(db, fund_code="vivienda", amount_cents=100, paid_on=date(2027, 2, 1), motion_id=motion,
                       today=TODAY)
    with pytest.raises(NotFound):
        ledger.pay_out(db, fund_code="ahorro", amount_cents=100, paid_on=date(2027, 2, 1), motion_id=9999,
                       today=TODAY)
    held = ledger.fund_balance(db, fund_code="ahorro").held_cents
    assert held == 4000 + 3625 + 8
    move = ledger.pay_out(db, fund_code="ahorro", amount_cents=held, paid_on=date(2027, 2, 1), motion_id=motion,
                          member_code="M002", note="préstamo", today=TODAY)
    assert (move.kind, move.member_code, move.motion_id) == ("payout:ahorro", "M002", motion)
    with pytest.raises(InvalidInput, match="cannot pay out"):
        ledger.pay_out(db, fund_code="ahorro", amount_cents=1, paid_on=date(2027, 2, 1), motion_id=motion,
                       today=TODAY)
    statement = ledger.statement(db, member_code="M002", year=2027)
    assert statement.totals.payouts_cents == held
    assert statement.totals.received_cents == 68875 + held
    assert statement.totals.owed == (("vivienda", 2414),)
    assert ledger.fund_balance(db, fund_code="ahorro").paid_out_cents == held
    assert verify_database(db).sound


def test_an_spu_shares_out_no_surplus(db: Database, tmp_path: Path) -> None:
    spu_with_a_closed_period(db, tmp_path)
    for action in (lambda: ledger.preview_surplus(db, year=2027, amount_cents=100000, basis=SurplusBasis.EQUAL),
                   lambda: ledger.share_out_surplus(db, year=2027, amount_cents=100000, basis=SurplusBasis.EQUAL)):
        with pytest.raises(InvalidInput, match="social property"):
            action()
    set_unit_kind(db, kind=UnitKind.COOPERATIVE)
    assert ledger.preview_surplus(db, year=2027, amount_cents=100000, basis=SurplusBasis.EQUAL).total_cents == 100000


def test_verify_names_a_fund_that_paid_out_more_than_it_held(db: Database, tmp_path: Path) -> None:
    motion, _period = spu_with_a_closed_period(db, tmp_path)
    move = ledger.record_deposit(db, fund_code="vivienda", amount_cents=5000, paid_on=date(2027, 2, 1), today=TODAY)
    ledger.pay_out(db, fund_code="vivienda", amount_cents=5000, paid_on=date(2027, 2, 2), motion_id=motion,
                   today=TODAY)
    ledger.reverse_entry(db, entry_id=move.id, reason="devuelta", posted_on=date(2027, 2, 3))
    problems = [problem.translated() for problem in verify_database(db).problems]
    assert any("vivienda" in line and "50.00" in line for line in problems)


def test_verify_and_the_audit_chain_cover_deposits_and_payouts(db: Database, tmp_path: Path) -> None:
    motion, _period = spu_with_a_closed_period(db, tmp_path)
    ledger.record_deposit(db, fund_code="vivienda", amount_cents=5000, paid_on=date(2027, 2, 1), today=TODAY)
    payout = ledger.pay_out(db, fund_code="vivienda", amount_cents=1000, paid_on=date(2027, 2, 2),
                            motion_id=motion, today=TODAY)
    assert verify_database(db).sound
    if not db.is_sqlite:
        return  # the triggers refuse the edit on the server: the SQLite file is where one could try it
    with db.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER ledger_entries_no_update"))
        connection.execute(text("UPDATE ledger_entries SET motion_id = NULL WHERE id = :id"), {"id": payout.id})
    problems = [problem.translated() for problem in verify_database(db).problems]
    assert any(str(payout.id) in line for line in problems)


def test_the_table_of_entries_filters_each_fund_kind(db: Database, tmp_path: Path) -> None:
    motion, _period = spu_with_a_closed_period(db, tmp_path)
    deposit = ledger.record_deposit(db, fund_code="vivienda", amount_cents=5000, paid_on=date(2027, 2, 1), today=TODAY)
    payout = ledger.pay_out(db, fund_code="vivienda", amount_cents=1000, paid_on=date(2027, 2, 2), motion_id=motion,
                            today=TODAY)

    def kinds(kind: str) -> list[str]:
        ids = ledger.entry_ids(db, entry_filter=ledger.EntryFilter(kind=kind))
        return [row.kind for row in ledger.entries_by_ids(db, ids=ids)]

    assert kinds("owed") == ["owed:vivienda"] * 3
    assert kinds("contribution") == ["contribution:ahorro"] * 3
    assert kinds("deposit") == ["deposit:vivienda"]
    rows = ledger.entries_by_ids(db, ids=[deposit.id, payout.id])
    assert [(row.member_code, row.motion_id) for row in rows] == [("", None), ("", motion)]
    assert [row.kind for row in ledger.entries_by_ids(
        db, ids=ledger.entry_ids(db, entry_filter=ledger.EntryFilter(kind="payout", year=2027)))] == ["payout:vivienda"]
