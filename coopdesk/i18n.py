"""Translations and locale-aware formatting.

Message ids are English; `es` (the default) and `en` catalogs live in `i18n/`. The UI and messages use
the current language (`_`), reports ask for a `Translator` of their own so that `es+en` can hold both.
Dates, numbers and money are always formatted by Babel in the matching locale.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from coopdesk.paths import locale_dir

DOMAIN = "coopdesk"
LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"
LOCALES = {"es": "es_VE", "en": "en_US"}
LANGUAGE_NAMES = {"es": "Español", "en": "English"}


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it later with `_`."""
    return message


@dataclass(frozen=True)
class Translator:
    lang: str
    catalog: gettext.NullTranslations

    @property
    def locale(self) -> str:
        return LOCALES[self.lang]

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def date(self, value: date, fmt: str = "medium") -> str:
        return format_date(value, self.lang, fmt)

    def datetime(self, value: datetime, fmt: str = "medium") -> str:
        return format_datetime(value, self.lang, fmt)

    def month(self, value: date) -> str:
        return format_month(value, self.lang)

    def number(self, value: int | Decimal) -> str:
        return format_number(value, self.lang)

    def money(self, cents: int, currency: str = "VES") -> str:
        return format_money(cents, self.lang, currency)

    def figure(self, value: int | float | Decimal, *, digits: int = 2, trim: bool = False,
               grouping: bool = True) -> str:
        return format_figure(value, self.lang, digits=digits, trim=trim, grouping=grouping)


def normalize_language(lang: str | None) -> str:
    lang = (lang or DEFAULT_LANGUAGE).split("_")[0].lower()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


class MissingCatalog(RuntimeError):
    """A compiled catalog is not where the build puts it: a broken install, never a reason to fall back to
    English. Said in both languages, since neither can be translated."""

    def __init__(self, lang: str) -> None:
        super().__init__(
            f"coopdesk cannot start: the '{lang}' translations are missing from {locale_dir()}. Reinstall "
            "coopdesk (or run 'make catalogs' in a source checkout).\n"
            f"coopdesk no puede iniciar: faltan las traducciones '{lang}' en {locale_dir()}. Reinstale "
            "coopdesk (o ejecute 'make catalogs' en una copia del código fuente)."
        )


@cache
def translator(lang: str) -> Translator:
    lang = normalize_language(lang)
    try:
        catalog = gettext.translation(DOMAIN, locale_dir(), languages=[lang])
    except OSError:
        raise MissingCatalog(lang) from None
    return Translator(lang, catalog)


_current: Translator | None = None


def set_language(lang: str | None) -> str:
    """Switch the language of messages and UI; returns the language now in force."""
    global _current
    _current = translator(normalize_language(lang))
    return _current.lang


def current() -> Translator:
    return _current or translator(DEFAULT_LANGUAGE)


def current_language() -> str:
    return current().lang


def _(message: str) -> str:
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


# Formatting — Babel is imported lazily: a CLI command that prints nothing localized stays fast.

def format_date(value: date, lang: str | None = None, fmt: str = "medium") -> str:
    from babel.dates import format_date as babel_format_date

    locale = LOCALES[normalize_language(lang or current_language())]
    return babel_format_date(value, format=fmt, locale=locale)


def format_month(value: date, lang: str | None = None) -> str:
    """The month and year of a day: "marzo de 2026", "March 2026"."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", value, locale=LOCALES[normalize_language(lang or current_language())])


def format_time(value: datetime, lang: str | None = None) -> str:
    """The time to the minute: "9:00 a. m.", "9:00 AM"."""
    from babel.dates import format_time as babel_format_time

    return babel_format_time(value, format="short", locale=LOCALES[normalize_language(lang or current_language())])


def format_moment(value: datetime, lang: str | None = None) -> str:
    """When something happens: "19 nov 2026, 9:00 a. m." — the day as `format_date` writes it, then the time."""
    return f"{format_date(value.date(), lang)}, {format_time(value, lang)}"


def format_datetime(value: datetime, lang: str | None = None, fmt: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format_datetime

    locale = LOCALES[normalize_language(lang or current_language())]
    return babel_format_datetime(value, format=fmt, locale=locale)


def format_number(value: int | Decimal, lang: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALES[normalize_language(lang or current_language())])


def format_figure(value: int | float | Decimal, lang: str | None = None, *, digits: int = 2, trim: bool = False,
                  grouping: bool = True) -> str:
    """Every figure shown or printed, in the language's locale: `digits` decimals ("72,50"), at most that many
    with `trim` ("72,5"), thousands grouped unless `grouping` is off (a field's text must read back as typed).
    A float is first rounded to `digits`; a Decimal (cents, hundredths of an hour) is exact already."""
    from babel.numbers import format_decimal

    pattern = ("#,##0" if grouping else "0") + ("." + ("#" if trim else "0") * digits if digits else "")
    amount = Decimal(f"{value:.{digits}f}") if isinstance(value, float) else Decimal(value)
    return format_decimal(amount, format=pattern, locale=LOCALES[normalize_language(lang or current_language())])


def parse_money(text: str, lang: str | None = None) -> int:
    """An amount as a person types it in the language's locale → cents: "1.234,50" in Spanish, "1,234.50" in
    English (Babel's reading, grouping checked); a plain "1234.50" or "1234,50" is read as the command line
    reads it. Too many decimals or too large a figure is refused as there."""
    from babel.numbers import NumberFormatError, parse_decimal

    from coopdesk.domain.errors import InvalidInput
    from coopdesk.domain.money import parse_amount

    locale = LOCALES[normalize_language(lang or current_language())]
    try:
        amount = parse_decimal(text.strip(), locale=locale, strict=True)
    except NumberFormatError:
        return parse_amount(text)
    try:
        return parse_amount(format(amount, "f"))
    except InvalidInput as error:
        error.params["value"] = text  # the message quotes what was typed, not Babel's reading of it
        raise


def format_mean(value: Decimal, lang: str | None = None) -> str:
    """A mean with its two decimals, as the locale writes them ("3,60" in Spanish)."""
    return format_figure(value, lang, digits=2)


def format_share(value: Decimal, lang: str | None = None) -> str:
    """A share from 0 to 1 as a whole per cent ("67 %")."""
    from babel.numbers import format_percent

    return format_percent(value, locale=LOCALES[normalize_language(lang or current_language())])


# CLDR's symbol for VES ("Bs.S") is not what councils write on their payrolls.
CURRENCY_SYMBOLS = {"VES": "Bs."}


def format_money(cents: int, lang: str | None = None, currency: str = "VES") -> str:
    from babel.numbers import format_currency

    amount = Decimal(cents).scaleb(-2)
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        return format_currency(amount, currency, locale=LOCALES[normalize_language(lang or current_language())])
    return f"{symbol}\u00a0{format_figure(amount, lang)}"
