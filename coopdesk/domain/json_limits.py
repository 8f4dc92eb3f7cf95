"""JSON brought in from elsewhere (a meeting prepared on another computer) is read within limits, so that a file
made by mistake or in bad faith is refused with a clear message before anything is built from it: its size, how
deep it nests, how many items a list or object holds, how long a text is, NUL characters, and keys given twice
(which `json.loads` would silently resolve to the last one)."""

from __future__ import annotations

import json
from typing import Any

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20
MAX_ITEMS = 10_000  # entries of one list or object (an attendance list of a large assembly holds hundreds)
MAX_TEXT = 50_000  # characters of one text (the minutes of an item)


def check_size(size: int, source: str) -> None:
    if size > MAX_BYTES:
        raise InvalidInput(N_("%(path)s is larger than %(max)d MB; a meeting file is far smaller."),
                           path=source, max=MAX_BYTES // (1024 * 1024))


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise InvalidInput(N_("The key “%(key)s” is given twice in the same object."), key=key[:100])
        seen[key] = value
    return seen


def load_limited_json(text: str, source: str) -> Any:
    """The parsed JSON, or InvalidInput naming the first limit it breaks (json errors are the caller's)."""
    check_size(len(text.encode("utf-8")), source)
    value = json.loads(text, object_pairs_hook=_object)
    _check(value, source, depth=1, where="$")
    return value


def _check(value: Any, source: str, *, depth: int, where: str) -> None:
    if depth > MAX_DEPTH:
        raise InvalidInput(N_("%(path)s nests deeper than %(max)d levels (at %(where)s)."), path=source,
                           max=MAX_DEPTH, where=where)
    if isinstance(value, str):
        if "\x00" in value:
            raise InvalidInput(N_("%(path)s holds a NUL character in a text (at %(where)s)."), path=source,
                               where=where)
        if len(value) > MAX_TEXT:
            raise InvalidInput(N_("A text of %(path)s is longer than %(max)d characters (at %(where)s)."),
                               path=source, max=MAX_TEXT, where=where)
        return
    if isinstance(value, dict | list):
        if len(value) > MAX_ITEMS:
            raise InvalidInput(N_("%(path)s holds more than %(max)d entries in one place (at %(where)s)."),
                               path=source, max=MAX_ITEMS, where=where)
        entries = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in entries:
            if isinstance(key, str) and "\x00" in key:
                raise InvalidInput(N_("%(path)s holds a NUL character in a text (at %(where)s)."), path=source,
                                   where=where)
            _check(item, source, depth=depth + 1,
                   where=f"{where}.{key}" if isinstance(value, dict) else f"{where}[{key}]")
