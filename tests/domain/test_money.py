"""Amounts, hours and percentages: parsed exactly or refused, formatted for export, rounded half-up."""

from __future__ import annotations

from decimal import Context, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import (
    apply_percent,
    format_amount_plain,
    format_hours_plain,
    from_decimal,
    half_up_div,
    parse_amount,
    parse_hours,
    parse_percent,
    round_half_up,
    times_hours,
    to_decimal,
)


@pytest.mark.parametrize(("text", "cents"), [
    ("1234.50", 123450), ("1234,50", 123450), ("1234,5", 123450), ("1234", 123400), ("0,01", 1),
    ("-50.16", -5016), ("-0,5", -50), (" 7 ", 700), ("007.10", 710), ("0", 0), ("-0", 0),
    ("1000000000.00", 100000000000),  # the default ceiling itself
])
def test_amounts(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


def test_amounts_above_the_ceiling_are_refused_unless_it_is_raised() -> None:
    from coopdesk.domain import money

    with pytest.raises(InvalidInput, match="largest amount"):
        parse_amount("1000000000.01")
    money.set_amount_ceiling(99999999999999999)
    try:
        assert parse_amount("999999999999999.99") == 99999999999999999
    finally:
        money.set_amount_ceiling(None)


@pytest.mark.parametrize("text", [
    "1.234,50", "1,234.50", "1 234,50", "12a", "", " ", "+5", "--5", ".5", "5.", "1e3", "Bs. 5", "5,-",
    "1000000000000000", "١٢٣",
])
def test_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_amount(text)


@pytest.mark.parametrize("text", ["1.234", "1234,505", "0,001", "-3.141"])
def test_more_than_two_decimals_is_refused_not_rounded(text: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_amount(text)
    assert raised.value.params["value"] == text
    assert text in raised.value.translated()
    assert "two decimals" in raised.value.message


def test_hours_and_percentages_follow_the_same_rules() -> None:
    assert [parse_hours(text) for text in ("80", "72,5", "0,01", "7.25")] == [8000, 7250, 1, 725]
    assert parse_percent("5,25") == 525
    for parse in (parse_hours, parse_percent):
        with pytest.raises(InvalidInput):
            parse("1,125")
        with pytest.raises(InvalidInput):
            parse("eight")


@pytest.mark.parametrize(("cents", "text"), [
    (123450, "1234.50"), (-5016, "-50.16"), (5, "0.05"), (-5, "-0.05"), (0, "0.00"), (100, "1.00"),
])
def test_export_format(cents: int, text: str) -> None:
    assert format_amount_plain(cents) == text


def test_the_conformance_example() -> None:
    rate = parse_amount("10,00")
    gross = [times_hours(rate, parse_hours(hours)) for hours in ("80", "72,5", "0,01")]
    assert [format_amount_plain(cents) for cents in gross] == ["800.00", "725.00", "0.10"]
    assert format_hours_plain(parse_hours("72,5")) == "72.50"


@given(st.integers(-(10**17) + 1, 10**17 - 1), st.sampled_from([".", ","]))
def test_parse_and_format_round_trip(cents: int, mark: str) -> None:
    from coopdesk.domain import money

    text = format_amount_plain(cents)
    money.set_amount_ceiling(10**18)  # the round trip of any amount the columns hold, past the default ceiling
    try:
        assert parse_amount(text.replace(".", mark)) == cents
    finally:
        money.set_amount_ceiling(None)
    assert to_decimal(cents) == Decimal(text)
    assert from_decimal(Decimal(text)) == cents


@given(st.integers(-(10**12), 10**12), st.integers(0, 99), st.integers(1, 9), st.sampled_from([".", ","]))
def test_three_decimals_are_always_refused(whole: int, cents: int, third: int, mark: str) -> None:
    text = f"{whole}{mark}{cents:02d}{third}"
    with pytest.raises(InvalidInput):
        parse_amount(text)
    with pytest.raises(InvalidInput):
        from_decimal(Decimal(text.replace(",", ".")))


@pytest.mark.parametrize(("value", "places", "rounded"), [
    ("2.5", 0, "3"), ("-2.5", 0, "-3"), ("2.4999", 0, "2"), ("0.125", 2, "0.13"), ("0.124", 2, "0.12"),
    ("-0.125", 2, "-0.13"),
])
def test_round_half_up(value: str, places: int, rounded: str) -> None:
    assert round_half_up(Decimal(value), places) == Decimal(rounded)


@given(st.integers(-(10**30), 10**30), st.integers(1, 10**8))
def test_integer_half_up_agrees_with_decimal(numerator: int, denominator: int) -> None:
    # At 100 digits the quotient is off by far less than its distance to a tie (at least 1 / 2d).
    with localcontext(Context(prec=100)):
        quotient = Decimal(numerator) / Decimal(denominator)
    assert half_up_div(numerator, denominator) == int(round_half_up(quotient))
    quotient = half_up_div(numerator, denominator)
    assert abs(2 * (numerator - quotient * denominator)) <= denominator  # within half a unit


def test_percent_of_an_amount() -> None:
    assert apply_percent(80000, 525) == 4200  # 5.25 % of 800.00
    assert apply_percent(1, 5000) == 1  # 0.005 → 0.01, half-up
    assert apply_percent(1, 4999) == 0
    assert times_hours(1001, 33) == 330  # 10.01 × 0.33 h = 3.3033
