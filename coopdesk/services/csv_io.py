"""Reading and writing the CSV files of every importer and exporter, as docs/cli.md describes them.

Reading: UTF-8 (with or without BOM), else Windows-1252 (Spanish Excel); the delimiter (`;`, `,` or tab)
is sniffed from the header line; headers match a column's name or aliases regardless of case, accents and
surrounding spaces; cells are trimmed. Writing: UTF-8 with commas, or for Excel a BOM and semicolons;
cells a spreadsheet would run as formulas get a leading `'`, which reading takes off again.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.parsing import fold_key
from coopdesk.i18n import N_
from coopdesk.persistence.files import cannot_write, replacing

T = TypeVar("T")

# A cell that starts like a formula, possibly behind quotes that neutralised it before.
_FORMULA = re.compile(r"^'*[=+\-@]")
_NEUTRALISED = re.compile(r"^'+[=+\-@]")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")  # a number is no formula: amounts stay "-50.16"
_DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class Column:
    """One column an importer understands: its canonical (English) name and the other names it accepts."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def match_keys(self) -> set[str]:
        return {fold_key(self.name), *(fold_key(alias) for alias in self.aliases)}


@dataclass(frozen=True)
class CsvTable:
    """The rows of a file, keyed by canonical column name; columns absent from the file are absent here."""

    headers: dict[str, str]  # canonical name -> the header as written in the file
    rows: list[tuple[int, dict[str, str]]]  # (line number, cells); the header is line 1
    problems: list[Problem] = field(default_factory=list)  # rows that could not be read as cells

    def header(self, name: str) -> str:
        """How the file calls a column, for messages (its canonical name when the file lacks it)."""
        return self.headers.get(name, name)


class RowCheck:
    """One row's problems as they are found, each naming its line and the column as the file calls it."""

    def __init__(self, line: int, cells: Mapping[str, str], header: Callable[[str], str]) -> None:
        self.line, self.cells, self.header = line, cells, header
        self.problems: list[Problem] = []
        self.bad_columns: set[str] = set()

    def bad(self, name: str, message: str, params: Mapping[str, object] | None = None) -> None:
        self.problems.append(Problem(message, dict(params or {}), line=self.line, column=self.header(name)))
        self.bad_columns.add(name)

    def parsed(self, name: str, parse: Callable[[str], T], default: T) -> T:
        """The cell read by `parse`; an empty or missing cell is `default`, a bad one is a problem."""
        text = self.cells.get(name, "")
        if not text:
            return default
        try:
            return parse(text)
        except InvalidInput as error:
            self.bad(name, error.message, error.params)
            return default

    def require(self, columns: Iterable[Column]) -> None:
        for column in columns:
            if column.required and not self.cells.get(column.name):
                self.bad(column.name, N_("a value is required"))


def decode(data: bytes) -> str:
    """The text of a file: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_text() from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _not_text() from None
    if "\x00" in text:  # a spreadsheet or other binary file picked by mistake
        raise _not_text()
    return text


def _not_text() -> ProblemsFound:
    return ProblemsFound([Problem(N_(
        "the file is not a CSV text file in UTF-8 or Windows-1252; save it from the spreadsheet as CSV"))])


def sniff_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])  # ties: the earlier one
    return best if counts[best] else ","


def unneutralise(cell: str) -> str:
    """Take off the quote that `neutralise` put before a formula character."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running the cell as a formula; `unneutralise` undoes it exactly."""
    return "'" + cell if _FORMULA.match(cell) and not _PLAIN_NUMBER.match(cell) else cell


def read_csv(path: Path, columns: Sequence[Column]) -> CsvTable:
    """Read a whole file; a file that cannot be read or whose header is wrong raises ProblemsFound."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InvalidInput(N_("Cannot read %(path)s: %(reason)s"), path=str(path),
                           reason=error.strerror or str(error)) from None
    return read_csv_text(decode(data), columns)


def read_csv_text(text: str, columns: Sequence[Column]) -> CsvTable:
    records = _records(text)
    try:
        line, header = next(records)
    except StopIteration:
        raise ProblemsFound([Problem(N_("the file is empty"), line=1)]) from None
    except csv.Error as error:
        raise ProblemsFound([Problem(N_("the line cannot be read: %(reason)s"), {"reason": str(error)},
                                     line=1)]) from None
    mapping, headers = _match_header(header, columns, line)
    width = len(header)
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    try:
        for line, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines and rows of empty cells (Excel's trailing ";;;")
            stray = [i for i, cell in enumerate(cells) if cell.strip() and (i >= width or i not in mapping)]
            if stray:
                problems.append(Problem(N_("this line has a value in a column without a header"), line=line))
            rows.append((line, {
                name: unneutralise(cells[i].strip()) if i < len(cells) else "" for i, name in mapping.items()
            }))
    except csv.Error as error:
        problems.append(Problem(N_("the line cannot be read: %(reason)s"), {"reason": str(error)},
                                line=line + 1))
    return CsvTable(headers, rows, problems)


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells) — a quoted cell may span lines, so records and lines differ."""
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    consumed = 0
    for cells in reader:
        start, consumed = consumed + 1, reader.line_num
        if cells:
            yield start, cells


def _match_header(
    header: list[str], columns: Sequence[Column], line: int
) -> tuple[dict[int, str], dict[str, str]]:
    by_key = {key: column for column in columns for key in column.match_keys()}
    mapping: dict[int, str] = {}  # cell index -> canonical name
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(header):
        written = raw.strip().lstrip("\ufeff").strip()
        if not written:
            continue  # a nameless column (trailing delimiter): ignored unless a row puts a value in it
        column = by_key.get(fold_key(written))
        if column is None:
            problems.append(Problem(N_("unknown column; the columns are: %(columns)s"),
                                    {"columns": ", ".join(c.name for c in columns)}, line=line, column=written))
        elif column.name in headers:
            problems.append(Problem(N_("this column appears twice (also as '%(other)s')"),
                                    {"other": headers[column.name]}, line=line, column=written))
        else:
            mapping[index] = column.name
            headers[column.name] = written
    for column in columns:
        if column.required and column.name not in headers:
            problems.append(Problem(N_("this required column is missing (it may also be called %(aliases)s)"),
                                    {"aliases": ", ".join(column.aliases) or "-"}, line=line, column=column.name))
    if problems:
        raise ProblemsFound(problems)
    return mapping, headers


def format_cell(value: object) -> str:
    """How a value is written: ISO dates, yes/no, plain numbers; text neutralised against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return str(value)
    return neutralise(str(value))


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], *, excel: bool = False) -> int:
    """Write a file in one go (a half-written file never replaces the old one); return the rows written."""
    path = Path(path)
    count = 0
    try:
        with replacing(path) as temporary, \
                temporary.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";" if excel else ",", lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([format_cell(value) for value in row])
                count += 1
    except OSError as error:
        raise cannot_write(path, error) from None
    return count
