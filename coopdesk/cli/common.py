"""What every command module shares: output, opening the database, writing a file."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from coopdesk import bootstrap
from coopdesk.domain.errors import UsageError
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.files import atomic_write, cannot_write


def say(line: str) -> None:
    """A message for the person: stderr, in their language."""
    print(line, file=sys.stderr)


def out(line: str) -> None:
    """Data for scripts: stdout (a created id goes alone on the last line)."""
    print(line, file=sys.stdout)


def open_db(args: argparse.Namespace, *, migrate: bool | None = None) -> Database:
    return bootstrap.open_database(bootstrap.resolve_database_target(args.db), migrate=migrate)


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


positive.__name__ = "number"  # argparse names the type in "invalid number value: '0'"


def date_value(text: str) -> date:
    """A date in a flag or an argument (`YYYY-MM-DD` or `DD/MM/YYYY`); anything else is a usage error."""
    from coopdesk.domain.errors import InvalidInput
    from coopdesk.domain.parsing import parse_date

    try:
        return parse_date(text)
    except InvalidInput:
        raise ValueError(text) from None


date_value.__name__ = "date"  # argparse says "invalid date value: 'x'"


def year(text: str) -> int:
    """A year in a flag (`--year Y`); anything else is a usage error."""
    value = int(text)
    if not 1900 <= value <= 9999:
        raise ValueError(text)
    return value


def add_output(parser: argparse.ArgumentParser) -> None:
    """The `-o FILE.pdf` every report takes."""
    from coopdesk.i18n import _

    parser.add_argument("-o", "--output", required=True, metavar=_("FILE.pdf"),
                        help=_("where to write the PDF ('-' for standard output)"))


def write_output(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        atomic_write(Path(target), data)  # an existing file survives a failed write
    except OSError as error:
        raise cannot_write(Path(target), error) from None


def not_yet(args: argparse.Namespace) -> int:
    command = args.command if args.command != "report" else f"report {args.kind}"
    raise UsageError(N_("'%(command)s' is not available in this version yet."), command=command)
