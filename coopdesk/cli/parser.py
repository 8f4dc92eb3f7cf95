"""The argument parser of docs/cli.md's command line, its help in the current language."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from coopdesk.cli.common import not_yet
from coopdesk.domain.errors import UsageError
from coopdesk.i18n import N_, _, ngettext

# Each area module adds its parsers and maps its commands (COMMANDS) and report kinds (REPORTS) to handlers.
AREAS = ("core", "council", "ledger", "meetings", "needs", "rotation", "users", "learning")
WINDOW_AREA = "core"  # where `gui`, the command with no name, is defined

PROG = "coopdesk"
LANGUAGES = ("es", "en")
REPORT_LANGUAGES = ("es", "en", "es+en")
# Commands of modules still to come: recognised, so that scripts get a clear answer (exit 2).
LATER_COMMANDS: tuple[str, ...] = ()
LATER_REPORTS: tuple[str, ...] = ()

# argparse's own messages, marked here so that they reach our catalogs (see `_translate_argparse`).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"), N_("expected one argument"),
    N_("expected at most one argument"), N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"), N_("ignored explicit argument %r"),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one translated line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(N_("%(prog)s: %(message)s"), prog=self.prog, message=message)


def _translate_argparse() -> None:
    # argparse looks its messages up through the module-level `_`/`ngettext` it imported from gettext.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def areas_for(arguments: Sequence[str]) -> list[ModuleType]:
    """The area modules these arguments need: only the window's when they open it (its start-up is timed to
    the first painted row), every area otherwise (for help and usage errors too)."""
    positional = [arg for arg in arguments if not arg.startswith("-")]
    opens_window = not arguments or (positional[:1] == ["gui"] and "-h" not in arguments and "--help" not in arguments)
    return [importlib.import_module(f"coopdesk.cli.{name}") for name in ((WINDOW_AREA,) if opens_window else AREAS)]


def build_parser(areas: Sequence[ModuleType]) -> argparse.ArgumentParser:
    """The parser of these areas' commands, with help in the current language (build it after choosing the
    language)."""
    _translate_argparse()
    parser = _Parser(prog=PROG, description=_("The Workers' Council's desk: members, assemblies, job "
                                              "rotation, equal wages."))
    parser.add_argument("--db", metavar=_("PATH_OR_URL"),
                        help=_("the database: a SQLite file or an SQLAlchemy URL (default: $COOPDESK_DB, "
                               "else coopdesk.sqlite3 in your data folder)"))
    parser.add_argument("--lang", metavar="es|en",
                        help=_("language of messages and reports (default: your saved preference, else es)"))
    parser.add_argument("--debug", action="store_true", help=_("show the details of unexpected errors"))
    parser.add_argument("--user", metavar=_("NAME"),
                        help=_("who signs in for a command that writes, once the database has users"))
    parser.add_argument("--password-file", metavar=_("FILE"),
                        help=_("the first line of this file is the password (else it is asked on the terminal)"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    reports = commands.add_parser("report", help=_("write a PDF report")).add_subparsers(
        dest="kind", metavar=_("KIND"), required=True)
    for area in areas:
        area.add_parsers(commands, reports)
    for kind in LATER_REPORTS:
        reports.add_parser(kind, help=_("not available in this version yet"))
    for command in LATER_COMMANDS:
        commands.add_parser(command, help=_("not available in this version yet"))
    return parser


def handler_for(args: argparse.Namespace, areas: Sequence[ModuleType]):  # type: ignore[no-untyped-def]
    if args.command == "report":
        return next((area.REPORTS[args.kind] for area in areas if args.kind in area.REPORTS), not_yet)
    return next((area.COMMANDS[args.command] for area in areas if args.command in area.COMMANDS), not_yet)
