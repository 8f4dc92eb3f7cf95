"""Every string the code marks is translated in both catalogs, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from coopdesk.i18n import LANGUAGES, translator

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_messages() -> set[str]:
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "coopdesk", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with open(ROOT / "i18n" / lang / "LC_MESSAGES" / "coopdesk.po", "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_marked_string_is_in_the_catalog(lang: str) -> None:
    known = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog(lang) if message.id}
    missing = sorted(source_messages() - known)
    assert not missing, f"run `make i18n` and translate: {missing[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entry_is_untranslated_or_fuzzy(lang: str) -> None:
    bad = []
    for message in catalog(lang):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            bad.append(message.id)
    assert not bad, f"untranslated or fuzzy in {lang}: {bad[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_their_placeholders(lang: str) -> None:
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= expected | set(PLACEHOLDER.findall(ids[0])), message.id


def test_compiled_catalogs_are_loaded() -> None:
    assert translator("es").gettext("Members") == "Miembros"
    assert translator("en").gettext("Members") == "Members"
