"""The equal-wage payroll and the surplus: every line balances, every share adds up, to the cent."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.errors import ProblemsFound
from coopdesk.domain.ledger import (
    EntryKind,
    Period,
    SurplusBasis,
    balances,
    contribution_kind,
    kind_label,
    period_problems,
    reversal_of,
    split_kind,
)
from coopdesk.domain.payroll import Fund, compute_payroll, max_hours_hundredths, payroll_totals, share_surplus
from coopdesk.i18n import translator

FUNDS = [Fund("AHORRO", 500), Fund("VIVIENDA", 325), ("SALUD", 250)]


def test_the_conformance_example() -> None:
    lines = compute_payroll({"M1": 8000, "M2": 7250, "M3": 1}, 1000, [])
    assert [line.gross_cents for line in lines] == [80000, 72500, 10]
    assert [line.net_cents for line in lines] == [80000, 72500, 10]


def test_a_payroll_with_funds_and_advances() -> None:
    lines = compute_payroll({"M2": 7250, "M1": 8000}, 1000, FUNDS, {"M1": 20000, "M9": 5000})
    assert [line.member_code for line in lines] == ["M1", "M2", "M9"]  # an advance alone still makes a line
    m1, m2, m9 = lines
    assert m1.gross_cents == 80000
    assert m1.contributions == (("AHORRO", 4000), ("VIVIENDA", 2600), ("SALUD", 2000))
    assert m1.net_cents == 80000 - 8600 - 20000
    assert m2.contributions == (("AHORRO", 3625), ("VIVIENDA", 2356), ("SALUD", 1813))  # 23.5625, 18.125 half-up
    assert (m9.gross_cents, m9.net_cents) == (0, -5000)
    assert m1.entries() == (("gross", 80000), ("contribution:AHORRO", 4000), ("contribution:VIVIENDA", 2600),
                            ("contribution:SALUD", 2000), ("advance", 20000), ("net", 51400))
    assert m2.entries()[-1] == ("net", m2.net_cents) and len(m2.entries()) == 5  # no advance line
    totals = payroll_totals(lines)
    assert totals.gross_cents == 152500 and totals.advances_cents == 25000
    assert totals.contributions == (("AHORRO", 7625), ("VIVIENDA", 4956), ("SALUD", 3813))
    assert totals.net_cents == sum(line.net_cents for line in lines)


@pytest.mark.parametrize(("hours", "rate", "funds", "advances", "days", "columns"), [
    ({"M1": -1}, 1000, [], {}, None, ["M1"]),
    ({"M1": 33601}, 1000, [], {}, 14, ["M1"]),  # more than 24 × 14 h
    ({"M1": 1}, 0, [], {}, None, ["rate"]),
    ({"M1": 1}, 1000, [Fund("A", 10001)], {}, None, ["A"]),
    ({"M1": 1}, 1000, [Fund("A", 1), Fund("A", 2)], {}, None, ["A"]),
    ({"M1": 1}, 1000, [], {"M2": -5}, None, ["M2"]),
    ({"M1": -1, "M2": 40000}, -1, [], {}, 14, ["rate", "M1", "M2"]),
])
def test_bad_payroll_input(hours: dict[str, int], rate: int, funds: list[Fund], advances: dict[str, int],
                           days: int | None, columns: list[str]) -> None:
    with pytest.raises(ProblemsFound) as raised:
        compute_payroll(hours, rate, funds, advances, days=days)
    assert [problem.column for problem in raised.value.problems] == columns


def test_the_most_hours_in_a_period() -> None:
    assert max_hours_hundredths(14) == 33600
    assert compute_payroll({"M1": 33600, "M2": 0}, 1000, [], days=14)[0].gross_cents == 336000  # 336 h × 10.00


@given(
    st.dictionaries(st.text("M0123456789", min_size=1, max_size=4), st.integers(0, 24 * 31 * 100), max_size=20),
    st.integers(1, 10**9),
    st.lists(st.integers(0, 10000), max_size=5),
    st.dictionaries(st.text("M0123456789", min_size=1, max_size=4), st.integers(0, 10**11), max_size=10),
)
def test_every_line_balances_to_the_cent(hours: dict[str, int], rate: int, percents: list[int],
                                         advances: dict[str, int]) -> None:
    funds = [Fund(f"F{index}", percent) for index, percent in enumerate(percents)]
    lines = compute_payroll(hours, rate, funds, advances, days=31)
    for line in lines:
        assert line.net_cents == line.gross_cents - line.contributions_cents - line.advances_cents
        assert line.balances
        # each figure is the exact product rounded half-up: within half a cent of it
        assert abs(200 * line.gross_cents - 2 * line.hours_hundredths * rate) <= 100
        for (_code, cents), fund in zip(line.contributions, funds, strict=True):
            assert abs(20000 * cents - 2 * line.gross_cents * fund.percent_hundredths) <= 10000
    assert {line.member_code for line in lines} == set(hours) | set(advances)


# -- the surplus -------------------------------------------------------------------------------------------


def test_surplus_by_hours_and_largest_remainder() -> None:
    # 100.00 over 3 equal weights: 33.33 each, the cent left over to the lowest code (remainders tie)
    assert share_surplus(10000, {"M3": 1, "M2": 1, "M1": 1}, SurplusBasis.HOURS) == {
        "M1": 3334, "M2": 3333, "M3": 3333}
    # 10.00 by 10 h / 20 h / 0 h: 3.333.., 6.666.., 0 → the cent goes to the larger remainder (M2)
    assert share_surplus(1000, {"M1": 1000, "M2": 2000, "M3": 0}) == {"M1": 333, "M2": 667, "M3": 0}
    # under `equal`, the hours do not matter
    assert share_surplus(1000, {"M1": 1000, "M2": 2000, "M3": 0}, SurplusBasis.EQUAL) == {
        "M1": 334, "M2": 333, "M3": 333}
    assert share_surplus(0, {"M1": 0}) == {"M1": 0}


@pytest.mark.parametrize(("amount", "weights", "basis"), [
    (-1, {"M1": 1}, SurplusBasis.EQUAL),
    (100, {}, SurplusBasis.EQUAL),
    (100, {"M1": 0}, SurplusBasis.HOURS),
    (100, {"M1": -5, "M2": 10}, SurplusBasis.HOURS),
])
def test_surplus_that_cannot_be_shared(amount: int, weights: dict[str, int], basis: SurplusBasis) -> None:
    with pytest.raises(ProblemsFound):
        share_surplus(amount, weights, basis)


CODES = st.text("M0123456789", min_size=1, max_size=5)


@given(st.integers(0, 10**13), st.dictionaries(CODES, st.integers(0, 10**6), min_size=1, max_size=40),
       st.sampled_from(list(SurplusBasis)))
def test_shares_add_up_exactly(amount: int, weights: dict[str, int], basis: SurplusBasis) -> None:
    if basis is SurplusBasis.HOURS and sum(weights.values()) == 0:
        weights = dict.fromkeys(weights, 1)
    shares = share_surplus(amount, weights, basis)
    assert sum(shares.values()) == amount
    assert set(shares) == set(weights)
    effective = dict.fromkeys(weights, 1) if basis is SurplusBasis.EQUAL else weights
    total = sum(effective.values())
    for code, share in shares.items():
        exact_floor = amount * effective[code] // total
        assert share - exact_floor in (0, 1)  # cut to the cent, then at most one leftover cent
        if effective[code] == 0:
            assert share == 0


@given(st.integers(0, 10**13), st.lists(CODES, min_size=1, max_size=60, unique=True))
def test_equal_shares_differ_by_at_most_a_cent_and_favour_lower_codes(amount: int, codes: list[str]) -> None:
    shares = share_surplus(amount, dict.fromkeys(codes, 7), SurplusBasis.EQUAL)
    assert max(shares.values()) - min(shares.values()) <= 1
    ordered = [shares[code] for code in sorted(codes)]
    assert ordered == sorted(ordered, reverse=True)  # the leftover cents went to the lower codes


# -- the ledger's small rules ------------------------------------------------------------------------------


def test_entry_kinds() -> None:
    assert contribution_kind("SALUD") == "contribution:SALUD"
    assert split_kind("contribution:SALUD") == (EntryKind.CONTRIBUTION, "SALUD")
    assert split_kind("net") == (EntryKind.NET, None)
    for bad in ("contribution", "contribution:", "bonus"):
        with pytest.raises(ValueError):
            split_kind(bad)
    assert kind_label("contribution:SALUD", translator("en")) == "Contribution to SALUD"
    assert kind_label("surplus", translator("en")) == "Share of the surplus"


def test_periods() -> None:
    january = Period(date(2026, 1, 1), date(2026, 1, 14))
    assert january.days == 14 and january.year == 2026
    assert Period(date(2025, 12, 22), date(2026, 1, 4)).year == 2026  # counts in the year it ends
    assert period_problems(january, [Period(date(2026, 1, 15), date(2026, 1, 28))]) == []
    problems = period_problems(january, [Period(date(2025, 12, 20), date(2026, 1, 1)),
                                         Period(date(2026, 1, 14), date(2026, 1, 20))])
    assert len(problems) == 2
    assert [p.column for p in period_problems(Period(date(2026, 1, 2), date(2026, 1, 1)))] == ["end"]


def test_balance_and_reversal() -> None:
    assert balances(80000, [4000, 2600], 20000, 53400)
    assert not balances(80000, [4000, 2600], 20000, 53401)
    assert 12345 + reversal_of(12345) == 0
