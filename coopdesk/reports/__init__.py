"""PDF reports. This package module holds what needs no reportlab: the report languages and `Labels`.

A report is rendered in "es", "en" or "es+en". `Labels` gives every report its texts in that language:
for "es+en" each label reads "Spanish / English" ("Código / Code"), while dates and numbers use the
first language's locale (Spanish), so a bilingual register still reads as a Venezuelan document.
The reportlab machinery is in `coopdesk.reports.base` (with `style` and `tables`), imported only when a report is
really made.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from coopdesk.domain.errors import UsageError
from coopdesk.i18n import LOCALES, N_, Translator, translator

REPORT_LANGUAGES = ("es", "en", "es+en")
SEPARATOR = " / "
PDF_LANGUAGE_TAGS = {"es": "es-VE", "en": "en-US"}


def report_languages(lang: str) -> tuple[str, ...]:
    """The languages of a report, first one leading ("es+en" -> ("es", "en")); anything else is misuse."""
    if lang not in REPORT_LANGUAGES:
        raise UsageError(
            N_("Unknown report language '%(lang)s'; use es, en or es+en."), lang=lang
        )
    return tuple(lang.split("+"))


class Labels:
    """Texts, dates and numbers of one report, in its language or side by side in two."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.languages = report_languages(lang)
        self.translators: tuple[Translator, ...] = tuple(translator(code) for code in self.languages)
        self.primary = self.translators[0]
        self.locale = LOCALES[self.primary.lang]
        self.pdf_language = PDF_LANGUAGE_TAGS[self.primary.lang]
        self._dates: dict[tuple[date, str], str] = {}
        self._date_patterns: dict[str, tuple] = {}

    @property
    def bilingual(self) -> bool:
        return len(self.translators) > 1

    def each(self, msgid: str, **params: object) -> list[str]:
        """The message in each language of the report (identical ones kept once)."""
        if not msgid:
            return [""]  # gettext("") would answer with the catalog's header
        texts: list[str] = []
        for tr in self.translators:
            text = tr.gettext(msgid)
            text = text % params if params else text
            if text not in texts:
                texts.append(text)
        return texts

    def t(self, msgid: str, **params: object) -> str:
        """`msgid` translated, "es / en" in a bilingual report; `params` are filled in each language."""
        return SEPARATOR.join(self.each(msgid, **params))

    def built(self, text: Callable[[Translator], str]) -> str:
        """A text made in each language by `text` from that language's translator (for texts of several
        translated parts), joined as `t` joins them; one written alike in both is kept once."""
        return SEPARATOR.join(dict.fromkeys(text(tr) for tr in self.translators))

    def n(self, singular: str, plural: str, count: int, **params: object) -> str:
        params.setdefault("count", self.number(count))
        texts: list[str] = []
        for tr in self.translators:
            text = tr.ngettext(singular, plural, count) % params
            if text not in texts:
                texts.append(text)
        return SEPARATOR.join(texts)

    def yes_no(self, value: bool) -> str:
        return self.t(N_("Yes") if value else N_("No"))

    def date(self, value: date, fmt: str = "medium") -> str:
        # Registers format thousands of dates: keep Babel's compiled pattern and each result.
        key = (value, fmt)
        text = self._dates.get(key)
        if text is None:
            pattern = self._date_patterns.get(fmt)
            if pattern is None:
                from babel import Locale
                from babel.dates import get_date_format

                pattern = self._date_patterns[fmt] = (get_date_format(fmt, self.locale), Locale.parse(self.locale))
            text = self._dates[key] = pattern[0].apply(value, pattern[1])
        return text

    def skeleton(self, value: date, skeleton: str) -> str:
        """A date in the locale's own form for a CLDR skeleton ("MMMd": "15 ene" / "Jan 15") — chart labels."""
        from babel.dates import format_skeleton

        return format_skeleton(skeleton, value, locale=self.locale)

    def datetime(self, value: datetime) -> str:
        """Date and time to the minute ("3 sept. 2024, 2:05 p. m.")."""
        from babel.dates import format_time

        return f"{self.date(value.date())}, {format_time(value, 'short', locale=self.locale)}"

    def number(self, value: int | Decimal) -> str:
        return self.primary.number(value)

    def money(self, cents: int, currency: str = "VES") -> str:
        return self.primary.money(cents, currency)

    def percent(self, part: int, whole: int) -> str:
        """`part` of `whole` as a percentage to at most one decimal ("65,8 %" / "65.8%"); "—" of nothing."""
        if not whole:
            return "—"
        from babel.numbers import format_percent

        share = (Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), ROUND_HALF_UP)
        return format_percent(share, locale=self.locale, decimal_quantization=False)


NATIONAL_ID = re.compile(r"([VEJGP])-?0*(\d{4,9})", re.IGNORECASE)


def national_id(text: str | None) -> str:
    """A cédula as Venezuelans write it, with thousands dots: "V-8508515" -> "V-8.508.515" (other text as is)."""
    if not text:
        return ""
    match = NATIONAL_ID.fullmatch(text.strip())
    if match is None:
        return text
    return f"{match.group(1).upper()}-{int(match.group(2)):,}".replace(",", ".")
