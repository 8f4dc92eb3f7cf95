"""Properties of the ledger, through the services and a real database: any hours, rate and percentages give
balanced pay lines to the cent; surplus shares add up exactly; a reversal nets its entries to zero."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.domain.members import Body, MemberDraft
from coopdesk.domain.money import apply_percent, times_hours
from coopdesk.persistence.database import Database
from coopdesk.services import ledger
from coopdesk.services.demo_ledger import demo_motion
from coopdesk.services.members import create_member
from coopdesk.services.verify import verify_database

CODES = ("M01", "M02", "M03", "M04", "M05")
MAX_HOURS = 24 * 14 * 100
PROPERTY = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

hours_by_member = st.dictionaries(st.sampled_from(CODES), st.integers(0, MAX_HOURS), min_size=1)
advances_by_member = st.dictionaries(st.sampled_from(CODES), st.integers(1, 100_000_00), max_size=3)
percents = st.lists(st.integers(0, 3333), max_size=3)


@pytest.fixture
def council(db: Database) -> tuple[Database, int, itertools.count]:
    for code in CODES:
        create_member(db, draft=MemberDraft(code, f"Socia {code}", Body.WORKER, date(2000, 1, 1), True))
    motion = demo_motion(db, text="Fijar el anticipo igualitario", day=date(2000, 6, 1))
    return db, motion, itertools.count()


def _period(db: Database, motion: int, counter: itertools.count, rate_cents: int, funds: list[int]) -> int:
    """A fresh period (each example has its own fortnight), with its own rate and fund percentages."""
    start = date(2001, 1, 1) + timedelta(days=14 * next(counter))
    ledger.set_rate(db, rate_cents=rate_cents, effective_from=start, motion_id=motion)
    for number in range(3):
        ledger.save_fund(db, code=f"F{number}", name=f"Fondo {number}",
                         percent_hundredths=funds[number] if number < len(funds) else 0)
    return ledger.create_period(db, starts_on=start, ends_on=start + timedelta(days=13)).id


def _sums(rows: list[ledger.EntryRow]) -> dict[str, dict[str, int]]:
    sums: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        kind = "contribution" if row.effective_kind.startswith("contribution:") else row.effective_kind
        sums[row.member_code][kind] += row.amount_cents
    return sums


@PROPERTY
@given(hours=hours_by_member, advances=advances_by_member, rate=st.integers(1, 1_000_00), funds=percents)
def test_every_pay_line_balances_to_the_cent(council, hours, advances, rate, funds) -> None:  # type: ignore[no-untyped-def]
    db, motion, counter = council
    period = _period(db, motion, counter, rate, funds)
    ledger.set_hours(db, period_id=period, hours=hours)
    for code, cents in advances.items():
        ledger.add_advance(db, period_id=period, member_code=code, amount_cents=cents)
    result = ledger.close_period(db, period_id=period)
    rows = ledger.entries_by_ids(db, ids=ledger.entry_ids(db, entry_filter=ledger.EntryFilter(period_id=period)))
    sums = _sums(rows)
    paid = {code for code, value in hours.items() if value} | set(advances)
    assert set(sums) == paid
    for code, line in sums.items():
        gross = times_hours(rate, hours.get(code, 0))
        assert line["gross"] == gross
        assert line["contribution"] == sum(apply_percent(gross, percent) for percent in funds)
        assert line["advance"] == advances.get(code, 0)
        assert line["net"] == line["gross"] - line["contribution"] - line["advance"]
    assert result.totals.net_cents == sum(line["net"] for line in sums.values())


@PROPERTY
@given(hours=hours_by_member, amount=st.integers(1, 10**9), equal=st.booleans())
def test_surplus_shares_add_up_exactly(council, hours, amount, equal) -> None:  # type: ignore[no-untyped-def]
    db, motion, counter = council
    period = _period(db, motion, counter, 1000, [])
    ledger.set_hours(db, period_id=period, hours=hours)
    ledger.close_period(db, period_id=period)
    year = ledger.get_period_summary(db, period_id=period).year
    workers = {code for code, value in hours.items() if value}
    if not workers or any(p.is_open for p in ledger.list_periods(db, year=year)):
        return
    preview = ledger.preview_surplus(db, year=year, amount_cents=amount, basis="equal" if equal else "hours")
    shares = [share.share_cents for share in preview.shares]
    assert sum(shares) == amount
    if equal:
        assert max(shares) - min(shares) <= 1


@PROPERTY
@given(hours=hours_by_member, pick=st.integers(0, 10**6))
def test_a_reversal_nets_its_entries_to_zero(council, hours, pick) -> None:  # type: ignore[no-untyped-def]
    db, motion, counter = council
    period = _period(db, motion, counter, 1234, [500, 250])
    ledger.set_hours(db, period_id=period, hours=hours)
    ledger.close_period(db, period_id=period)
    ids = ledger.entry_ids(db, entry_filter=ledger.EntryFilter(period_id=period))
    if not ids:
        return
    chosen = ledger.entries_by_ids(db, ids=[ids[pick % len(ids)]])[0]
    result = ledger.reverse_entry(db, entry_id=chosen.id, reason="prueba")
    rows = ledger.entries_by_ids(db, ids=ledger.entry_ids(db, entry_filter=ledger.EntryFilter(period_id=period)))
    line = _sums(rows)[chosen.member_code]
    assert all(total == 0 for total in line.values())
    assert chosen.id in result.reversed_ids
    assert verify_database(db, full=False).sound
