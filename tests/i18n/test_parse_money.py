"""Amounts typed in the window are read as the language writes them (Babel), grouping included."""

from __future__ import annotations

import pytest

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import parse_money, translator


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
