"""Translations and locale-aware formatting.

Message ids are English; `es` (the default) and `en` catalogs live in `i18n/`. The UI and messages use
the current language (`_`), reports ask for a `Translator` of their own so that `es+en` can hold both.
Dates, numbers and money are always formatted by Babel in the matching locale.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
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

    def number(self, value: int | Decimal) -> str:
        return format_number(value, self.lang)

    def money(self, cents: int, currency: str = "VES") -> str:
        return format_money(cents, self.lang, currency)


def normalize_language(lang: str | None) -> str:
    lang = (lang or DEFAULT_LANGUAGE).split("_")[0].lower()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@cache
def translator(lang: str) -> Translator:
    lang = normalize_language(lang)
    catalog = gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=True)
    return Translator(lang, catalog)


_current: Translator | None = None
_listeners: list[Callable[[str], None]] = []


def set_language(lang: str | None) -> str:
    """Switch the language of messages and UI; returns the language now in force."""
    global _current
    _current = translator(normalize_language(lang))
    for listener in list(_listeners):
        listener(_current.lang)
    return _current.lang


def current() -> Translator:
    return _current or translator(DEFAULT_LANGUAGE)


def current_language() -> str:
    return current().lang


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return current().ngettext(singular, plural, n)


# Formatting — Babel is imported lazily: a CLI command that prints nothing localized stays fast.

def format_date(value: date, lang: str | None = None, fmt: str = "medium") -> str:
    from babel.dates import format_date as babel_format_date

    locale = LOCALES[normalize_language(lang or current_language())]
    return babel_format_date(value, format=fmt, locale=locale)


def format_datetime(value: datetime, lang: str | None = None, fmt: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format_datetime

    locale = LOCALES[normalize_language(lang or current_language())]
    return babel_format_datetime(value, format=fmt, locale=locale)


def format_number(value: int | Decimal, lang: str | None = None) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALES[normalize_language(lang or current_language())])


def format_mean(value: Decimal, lang: str | None = None) -> str:
    """A mean with its two decimals, as the locale writes them ("3,60" in Spanish)."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="0.00", locale=LOCALES[normalize_language(lang or current_language())])


def format_share(value: Decimal, lang: str | None = None) -> str:
    """A share from 0 to 1 as a whole per cent ("67 %")."""
    from babel.numbers import format_percent

    return format_percent(value, locale=LOCALES[normalize_language(lang or current_language())])


# CLDR's symbol for VES ("Bs.S") is not what councils write on their payrolls.
CURRENCY_SYMBOLS = {"VES": "Bs."}


def format_money(cents: int, lang: str | None = None, currency: str = "VES") -> str:
    from babel.numbers import format_currency, format_decimal

    locale = LOCALES[normalize_language(lang or current_language())]
    amount = Decimal(cents).scaleb(-2)
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        return format_currency(amount, currency, locale=locale)
    return f"{symbol}\u00a0{format_decimal(amount, format='#,##0.00', locale=locale)}"
