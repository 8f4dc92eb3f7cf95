"""The demo council's books: biweekly periods over its history, rates by passed motions, three funds; in the SPU
funds owed by management with deposits that stop (arrears) and no surplus, in the cooperative a surplus."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from sqlalchemy import select

from coopdesk.bootstrap import open_database
from coopdesk.domain.meetings import MotionResult
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MotionRecord, SurplusRecord
from coopdesk.services import ledger
from coopdesk.services.demo import create_demo
from coopdesk.services.verify import verify_database

TODAY = date(2026, 11, 24)


def books(db: Database) -> list[tuple[object, ...]]:
    """What the demo decided about money, without the clock's timestamps."""
    periods = [(p.starts_on, p.state, p.hours_hundredths, p.advances_cents, p.gross_cents, p.net_cents)
               for p in ledger.list_periods(db)]
    return [*periods, *(ledger.fund_balances(db).closing,), *ledger.fund_balances(db).accounts]


def test_the_cooperative_demo_keeps_two_years_of_books(db: Database) -> None:
    create_demo(db, today=TODAY, kind="cooperative")
    periods = sorted(ledger.list_periods(db), key=lambda p: p.starts_on)
    assert len(periods) == 53 and periods[0].starts_on.weekday() == 0
    assert all(later.starts_on == earlier.ends_on + timedelta(days=1) for earlier, later in pairwise(periods))
    assert [p.id for p in periods if p.is_open] == [periods[-1].id] and periods[-1].starts_on <= TODAY
    assert all(p.gross_cents > 0 and p.hours_hundredths > 0 for p in periods[:-1])
    assert sum(p.advances_cents > 0 for p in periods) > 10
    rates = ledger.list_rates(db)
    assert [r.rate_cents for r in rates] == [850, 1275]
    with db.read() as session:
        for rate in rates:
            motion = session.get(MotionRecord, rate.motion_id)
            assert motion.result is MotionResult.PASSED and "Bs. " in motion.text and motion.record_hash
        surplus = list(session.scalars(select(SurplusRecord)))
    assert [f.code for f in ledger.list_funds(db)] == ["ahorro", "vivienda", "salud"]
    assert {f.paid_by.value for f in ledger.list_funds(db)} == {"workers"}
    assert len(surplus) == 1 and surplus[0].year == 2025
    shares = ledger.entry_ids(db, entry_filter=ledger.EntryFilter(kind="surplus"))
    assert sum(row.amount_cents for row in ledger.entries_by_ids(db, ids=shares)) == surplus[0].amount_cents
    preview = ledger.payroll(db, period_id=periods[-1].id)
    assert not preview.posted and preview.lines and str(preview.wage_ratio) == "1.00"
    report = verify_database(db)
    assert report.sound, [p.translated() for p in report.problems]


def test_the_same_seed_gives_the_same_books(db: Database, tmp_path: Path) -> None:
    create_demo(db, today=TODAY, seed=5, members=15, years=1)
    again = open_database(tmp_path / "again.sqlite3")
    try:
        create_demo(again, today=TODAY, seed=5, members=15, years=1)
        assert books(again) == books(db)
    finally:
        again.dispose()


def test_the_spu_demo_owes_its_funds_and_falls_behind(db: Database, tmp_path: Path) -> None:
    create_demo(db, today=TODAY)
    with db.read() as session:
        assert not list(session.scalars(select(SurplusRecord)))
    assert {f.paid_by.value for f in ledger.list_funds(db)} == {"management"}
    savings, housing, health = (ledger.fund_balance(db, fund_code=code) for code in ("ahorro", "vivienda", "salud"))
    assert housing.arrears_cents > 0 and housing.arrears_since is not None
    assert housing.arrears_since < TODAY - timedelta(days=240)  # deposits stopped months ago
    assert 0 < health.arrears_cents < housing.arrears_cents
    assert savings.paid_out_cents > 0 and savings.held_cents >= 0  # a loan, by a passed motion
    history = ledger.fund_history(db, fund_code="vivienda", today=TODAY)
    assert history.months[-1].owed_cents == housing.owed_cents
    assert history.months[-1].deposited_cents == housing.deposited_cents
    period = ledger.list_periods(db)[-1]
    payroll = ledger.payroll(db, period_id=period.id)
    assert payroll.funds == () and len(payroll.owed_funds) == 3
    assert all(line.net_cents == line.gross_cents - line.advances_cents for line in payroll.lines)
    report = verify_database(db)
    assert report.sound, [p.translated() for p in report.problems]
