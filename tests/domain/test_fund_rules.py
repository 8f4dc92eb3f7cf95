"""The rules of the funds management owes: owed but never deducted, half-up per line, and since when in arrears."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.ledger import EntryKind, FundPayer, arrears_since, default_payer, fund_kind, kind_label, split_kind
from coopdesk.domain.money import apply_percent
from coopdesk.domain.payroll import Fund, pay_line
from coopdesk.domain.settings import UnitKind

percents = st.integers(min_value=0, max_value=2000)


def test_the_fund_kinds_read_back() -> None:
    for kind in (EntryKind.CONTRIBUTION, EntryKind.OWED, EntryKind.DEPOSIT, EntryKind.PAYOUT):
        assert split_kind(fund_kind(kind, "vivienda")) == (kind, "vivienda")
    assert split_kind("net") == (EntryKind.NET, None)
    for bad in ("owed", "owed:", "net:x", "gift:x"):
        try:
            split_kind(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
    assert kind_label("owed:vivienda") == "Adeudado por la gerencia a vivienda"


def test_the_default_payer_follows_the_unit() -> None:
    assert default_payer(UnitKind.SPU) is FundPayer.MANAGEMENT
    assert default_payer(UnitKind.COOPERATIVE) is FundPayer.WORKERS


@given(hours=st.integers(min_value=0, max_value=33600), rate=st.integers(min_value=1, max_value=100000),
       advances=st.integers(min_value=0, max_value=500000),
       funds=st.lists(st.tuples(percents, st.sampled_from(FundPayer)), max_size=5))
def test_management_funds_are_owed_and_never_deducted(hours: int, rate: int, advances: int,
                                                        funds: list[tuple[int, FundPayer]]) -> None:
    given_funds = [Fund(f"f{index}", percent, payer) for index, (percent, payer) in enumerate(funds)]
    line = pay_line("M001", hours, rate, given_funds, advances)
    workers = [fund for fund in given_funds if fund.paid_by is FundPayer.WORKERS]
    management = [fund for fund in given_funds if fund.paid_by is FundPayer.MANAGEMENT]
    assert line.contributions == tuple((f.code, apply_percent(line.gross_cents, f.percent_hundredths)) for f in workers)
    assert line.owed == tuple((f.code, apply_percent(line.gross_cents, f.percent_hundredths)) for f in management)
    assert line.net_cents == line.gross_cents - line.contributions_cents - advances
    assert line.balances
    # the same line without the management funds pays the same net: what management owes changes no pay
    assert pay_line("M001", hours, rate, workers, advances).net_cents == line.net_cents
    assert [kind for kind, _cents in line.entries()].count("net") == 1
    assert {kind for kind, _cents in line.entries()} >= {f"owed:{f.code}" for f in management}


@given(amounts=st.lists(st.integers(min_value=-5000, max_value=50000), max_size=30),
       deposited=st.integers(min_value=0, max_value=500000))
def test_arrears_begin_where_the_owed_total_last_rose_above_the_deposits(amounts: list[int], deposited: int) -> None:
    days = [date(2026, 1, 1) + timedelta(days=14 * index) for index in range(len(amounts))]
    owed = list(zip(days, amounts, strict=True))
    since = arrears_since(owed, deposited)
    running = [sum(amounts[:index + 1]) for index in range(len(amounts))]
    if not running or running[-1] <= deposited:
        assert since is None
        return
    start = days.index(since)
    assert all(total > deposited for total in running[start:])  # behind from then on
    assert start == 0 or running[start - 1] <= deposited  # and not just before


def test_arrears_since_the_first_fortnight_left_unpaid() -> None:
    owed = [(date(2026, 1, 15), 10000), (date(2026, 2, 15), 10000), (date(2026, 3, 15), 10000)]
    assert arrears_since(owed, 10000) == date(2026, 2, 15)  # January was paid, February was not
    assert arrears_since(owed, 30000) is None
    assert arrears_since(owed, 0) == date(2026, 1, 15)
