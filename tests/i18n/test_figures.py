"""Amounts typed in the window are read as the language writes them (Babel), grouping included; every figure
is written by one helper."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import format_figure, format_money, parse_money, translator


@pytest.mark.parametrize(("text", "lang", "cents"), [
    ("1.234,50", "es", 123450), ("1234,50", "es", 123450), ("1234.50", "es", 123450), ("1.234", "es", 123400),
    ("1,234.50", "en", 123450), ("1234.50", "en", 123450), (" 10 ", "es", 1000), ("0,05", "es", 5),
])
def test_amounts_as_each_language_writes_them(text: str, lang: str, cents: int) -> None:
    assert parse_money(text, lang) == cents


@pytest.mark.parametrize("text", ["1,2,3", "abc", "1.234,567", "12,345", ""])
def test_what_is_not_an_amount_is_refused_quoting_what_was_typed(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_money(text, "es")
    assert refused.value.params["value"] == text
    assert translator("es").gettext(refused.value.message)


@pytest.mark.parametrize(("value", "lang", "options", "text"), [
    (Decimal("1234.50"), "es", {}, "1.234,50"), (Decimal("1234.50"), "en", {}, "1,234.50"),
    (Decimal("72.50"), "es", {"trim": True}, "72,5"), (Decimal("1234.5"), "es", {"trim": True, "grouping": False},
                                                         "1234,5"),
    (4.56, "es", {"digits": 1}, "4,6"), (1500, "es", {"digits": 0}, "1.500"),
])
def test_one_helper_writes_every_figure(value, lang: str, options: dict, text: str) -> None:  # type: ignore[no-untyped-def]
    assert format_figure(value, lang, **options) == text
    assert translator(lang).figure(value, **options) == text


def test_money_is_written_through_the_same_helper() -> None:
    assert format_money(123450, "es") == "Bs.\u00a01.234,50"
    assert format_money(-5, "en") == "Bs.\u00a0-0.05"
