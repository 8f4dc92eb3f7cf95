"""docs/cli.md stays current: every command and every flag of the program is named in it."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from coopdesk import i18n
from coopdesk.cli.parser import AREAS, build_parser

REFERENCE = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, list[list[str]]]]:
    """Each command's words and the spellings of each of its options (`-o`, `--output`)."""
    i18n.set_language("en")
    parser = build_parser([importlib.import_module(f"coopdesk.cli.{area}") for area in AREAS])
    found: list[tuple[str, list[list[str]]]] = []

    def walk(node: argparse.ArgumentParser, path: list[str]) -> None:
        groups = [action for action in node._actions if isinstance(action, argparse._SubParsersAction)]
        if not groups:
            found.append((" ".join(path), [action.option_strings for action in node._actions
                                           if action.option_strings and "--help" not in action.option_strings]))
        for group in groups:
            for name, child in group.choices.items():
                walk(child, [*path, name])

    walk(parser, [])
    return found


def test_every_command_and_flag_is_in_the_reference() -> None:
    missing = []
    for command, flags in commands():
        if f"coopdesk {command}" not in REFERENCE:
            missing.append(command)
        missing += [f"{command} {spellings[-1]}" for spellings in flags
                    if not any(f"{spelling} " in REFERENCE or f"{spelling}]" in REFERENCE for spelling in spellings)]
    assert not missing, missing
