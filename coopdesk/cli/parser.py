"""The argument parser of CONTRACT.md's command line, its help in the current language."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from coopdesk.domain.errors import UsageError
from coopdesk.i18n import N_, _, ngettext

PROG = "coopdesk"
LANGUAGES = ("es", "en")
REPORT_LANGUAGES = ("es", "en", "es+en")
# Commands of modules still to come: recognised, so that scripts get a clear answer (exit 2).
LATER_COMMANDS = ("posts", "leave", "rotation", "meeting", "ledger")
LATER_REPORTS = ("assembly", "convocation", "roster", "payroll", "statement", "funds")

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


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


_positive.__name__ = "number"  # argparse names the type in "invalid number value: '0'"


def build_parser() -> argparse.ArgumentParser:
    """The parser, with help in the current language (build it after choosing the language)."""
    _translate_argparse()
    parser = _Parser(prog=PROG, description=_("The Workers' Council's desk: members, assemblies, job "
                                              "rotation, equal wages."))
    parser.add_argument("--db", metavar=_("PATH_OR_URL"),
                        help=_("the database: a SQLite file or an SQLAlchemy URL (default: $COOPDESK_DB, "
                               "else coopdesk.sqlite3 in your data folder)"))
    parser.add_argument("--lang", metavar="es|en",
                        help=_("language of messages and reports (default: your saved preference, else es)"))
    parser.add_argument("--debug", action="store_true", help=_("show the details of unexpected errors"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    gui = commands.add_parser("gui", help=_("open the window (the default)"))
    gui.add_argument("--smoke", action="store_true",
                     help=_("open, wait until the first screen shows its data, print the time and quit"))
    commands.add_parser("init", help=_("create the database or bring it to the current schema"))
    demo = commands.add_parser("demo", help=_("fill an empty database with a demo council"))
    demo.add_argument("--members", type=_positive, default=60, metavar="N", help=_("members (default 60)"))
    demo.add_argument("--years", type=_positive, default=2, metavar="Y", help=_("years of history (default 2)"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)"))

    members = commands.add_parser("members", help=_("import or export the members as CSV"))
    actions = members.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    member_import = actions.add_parser("import", help=_("create or update members from a CSV file"))
    member_import.add_argument("file", type=Path, metavar=_("FILE"))
    member_import.add_argument("--dry-run", action="store_true",
                               help=_("check the file and say what would change, without writing"))
    member_export = actions.add_parser("export", help=_("write every member to a CSV file"))
    member_export.add_argument("file", type=Path, metavar=_("FILE"))
    member_export.add_argument("--excel", action="store_true",
                               help=_("for Spanish Excel: a BOM and semicolons"))

    report = commands.add_parser("report", help=_("write a PDF report"))
    kinds = report.add_subparsers(dest="kind", metavar=_("KIND"), required=True)
    members_report = kinds.add_parser("members", help=_("the register of members"))
    members_report.add_argument("-o", "--output", required=True, metavar=_("FILE.pdf"),
                                help=_("where to write the PDF ('-' for standard output)"))
    backup = commands.add_parser("backup", help=_("write a checked copy of the database"))
    backup.add_argument("file", type=Path, metavar=_("FILE"))
    restore = commands.add_parser("restore", help=_("replace the database with a backup (the current one is "
                                                    "backed up first)"))
    restore.add_argument("file", type=Path, metavar=_("FILE"))
    commands.add_parser("verify", help=_("check the database and the chain of locked records"))
    for kind in LATER_REPORTS:
        kinds.add_parser(kind, help=_("not available in this version yet"))
    for command in LATER_COMMANDS:
        commands.add_parser(command, help=_("not available in this version yet"))
    return parser
