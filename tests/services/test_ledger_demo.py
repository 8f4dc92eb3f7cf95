"""The demo council's books: biweekly periods over its history, rates by passed motions, three funds, a surplus."""

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
    return [*periods, *(ledger.fund_balances(db).closing,)]


def test_the_demo_keeps_two_years_of_books(db: Database) -> None:
    create_demo(db, today=TODAY)
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
