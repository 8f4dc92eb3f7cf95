"""Report languages and bilingual labels."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coopdesk.domain.errors import UsageError
from coopdesk.reports import Labels, report_languages


def test_report_languages() -> None:
    assert report_languages("es") == ("es",)
    assert report_languages("en") == ("en",)
    assert report_languages("es+en") == ("es", "en")


@pytest.mark.parametrize("lang", ["fr", "ES", "en+es", "", "es+"])
def test_other_languages_are_a_usage_error(lang: str) -> None:
    with pytest.raises(UsageError) as raised:
        report_languages(lang)
    assert raised.value.exit_code == 2


def test_bilingual_labels_put_spanish_first() -> None:
    assert Labels("es").t("Code") == "Código"
    assert Labels("en").t("Code") == "Code"
    assert Labels("es+en").t("Code") == "Código / Code"
    assert Labels("es+en").t("Page %(page)s of %(pages)s", page=1, pages=3) == "Página 1 de 3 / Page 1 of 3"


def test_identical_translations_are_shown_once() -> None:
    assert Labels("es+en").t("No") == "No"
    assert Labels("es+en").yes_no(True) == "Sí / Yes"


def test_dates_use_the_first_language_locale() -> None:
    day = date(2024, 9, 3)
    assert Labels("es+en").date(day) == Labels("es").date(day) != Labels("en").date(day)
    assert Labels("en").date(day) == "Sep 3, 2024"
    assert Labels("es").datetime(datetime(2024, 9, 3, 14, 5)).startswith(Labels("es").date(day))
    assert Labels("es").number(2000) == "2.000"
