"""Pure parsers for the values people type into CSV cells and command-line flags.

Each parser takes the text as written (already trimmed or not) and returns a typed value, or raises
`InvalidInput` with a translatable message naming the value; importers turn that into a `Problem` carrying
the line and column, the CLI into a usage error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import TypeVar

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.members import fold
from coopdesk.i18n import N_

T = TypeVar("T")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SEPARATORS = re.compile(r"[\s\-]+")
_LIST_SEPARATORS = re.compile(r"[|,]")
_INTEGER = re.compile(r"^[+-]?\d+$")

# Spanish Excel writes VERDADERO/FALSO for its own booleans, so those are accepted too.
_BOOLEANS = {
    "yes": True, "si": True, "true": True, "1": True, "verdadero": True,
    "no": False, "false": False, "0": False, "falso": False,
}


def fold_key(text: str) -> str:
    """A header or choice as a key: case, accents, surrounding spaces ignored; inner spaces/dashes are `_`."""
    text = text.strip().lstrip("\ufeff").strip()
    return _SEPARATORS.sub("_", text.lower() if text.isascii() else fold(text))


def parse_date(text: str) -> date:
    """`YYYY-MM-DD` or `DD/MM/YYYY` (day first, as Venezuelan spreadsheets write it)."""
    value = text.strip()
    if match := _ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY_DATE.match(value):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise InvalidInput(N_("'%(value)s' is not a date like 2026-03-31 or 31/03/2026"), value=value)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(N_("'%(value)s' is not a date of the calendar"), value=value) from None


def parse_bool(text: str) -> bool:
    """yes/no, sí/si/no, true/false, 1/0 — in any case."""
    value = text.strip()
    try:
        return _BOOLEANS[fold(value)]
    except KeyError:
        raise InvalidInput(N_("'%(value)s' is not yes or no (sí/no, true/false, 1/0)"), value=value) from None


def choice_parser(aliases: Mapping[str, T]) -> Callable[[str], T]:
    """A parser for one of a fixed set of values, given by any of its aliases (matched like headers)."""
    folded = {fold_key(alias): choice for alias, choice in aliases.items()}
    names = ", ".join(dict.fromkeys(str(choice) for choice in aliases.values()))

    def parse(text: str) -> T:
        value = text.strip()
        try:
            return folded[fold_key(value)]
        except KeyError:
            raise InvalidInput(N_("'%(value)s' is not one of: %(choices)s"), value=value, choices=names) from None

    return parse


def split_list(text: str) -> tuple[str, ...]:
    """Codes separated by `|` or `,` inside one cell; blanks dropped, order and first occurrence kept."""
    parts = (part.strip() for part in _LIST_SEPARATORS.split(text))
    return tuple(dict.fromkeys(part for part in parts if part))


def parse_int(text: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = text.strip()
    if not _INTEGER.match(value):
        raise InvalidInput(N_("'%(value)s' is not a whole number"), value=value)
    number = int(value)
    if minimum is not None and maximum is not None and not minimum <= number <= maximum:
        raise InvalidInput(N_("'%(value)s' is not between %(min)d and %(max)d"),
                           value=value, min=minimum, max=maximum)
    if minimum is not None and number < minimum:
        raise InvalidInput(N_("'%(value)s' is less than %(min)d"), value=value, min=minimum)
    if maximum is not None and number > maximum:
        raise InvalidInput(N_("'%(value)s' is more than %(max)d"), value=value, max=maximum)
    return number
