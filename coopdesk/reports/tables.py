"""The tables of the reports: `data_table` (a register of plain strings, its header repeated on every page),
the widths that keep a column's words whole, and the tables that stand once for both languages of a side-by-side
report — `BilingualTable` (a register across the page, each value in each language's form) and `SharedTable` (a
sheet to sign) — with the markup that sets a text in both languages (`stacked`, `inline`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import cast
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.tables import CellStyle

from coopdesk.reports import SEPARATOR
from coopdesk.reports.columns import side_by_side
from coopdesk.reports.style import (
    ACCENT,
    CELL_FONT_SIZE,
    CELL_LEADING,
    CELL_PADDING,
    COLUMN_GAP,
    FONT,
    FONT_BOLD,
    HEADER_FILL,
    MUTED,
    RULE,
    ZEBRA_FILL,
    stylesheet,
)


@lru_cache(maxsize=1 << 16)
def cell_width(text: str) -> float:
    """Width of a table cell's text: registers repeat their dates, statuses and yes/no thousands of times, and a
    report measures its codes and names once to size the columns and again to lay them out."""
    return stringWidth(text, FONT, CELL_FONT_SIZE)


def fitted_width(values: Sequence[str], header: str, *, bold: bool = False) -> float:
    """A column as wide as its widest value and the longest word of its header (a header wraps between words,
    never inside one: "Respuestas" whole, not "Respu-estas")."""
    words = max((stringWidth(word, FONT_BOLD, CELL_FONT_SIZE) for word in header.split()), default=0.0)
    font = FONT_BOLD if bold else FONT
    return max([words, *(stringWidth(value, font, CELL_FONT_SIZE) for value in values)]) + 2 * CELL_PADDING + 2


def fitted_widths(header: Sequence[str], rows: Sequence[Sequence[str]], columns: Iterable[int], *,
                  bold: bool = False) -> list[float]:
    """`fitted_width` of each of these columns of a table."""
    return [fitted_width([row[column] for row in rows], header[column], bold=bold) for column in columns]


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    *,
    right: Sequence[int] = (),
    muted: Collection[int] = (),
    style: Sequence[tuple] = (),
    factory: type[Table] = Table,
    tail: Sequence[Flowable] | None = None,
    keep: int = 3,
) -> Table:
    """A table of plain strings with a header row repeated on every page.

    Cells stay plain strings (fast to lay out); only a cell too wide for its column (or holding a line
    break) becomes an escaped, wrapping Paragraph. `right` lists right-aligned columns (numbers),
    `muted` the indexes in `rows` of rows printed in grey; `style` adds TableStyle commands (count rows from
    the top: with a `tail`, -1 is the tail). A `tail` (signatures under a payroll) is a last row across the
    table that never goes to a page alone: it is kept with the table's last `keep` rows.
    """
    sheet = stylesheet()
    right = frozenset(right)
    muted = frozenset(muted)
    # A bilingual header ("Horas" over "Hours") takes a line per language, never a word broken across two; the
    # second language in italics, so that the eye finds its own.
    data: list[list] = [
        [Paragraph(header_markup(text), sheet.cell_head_right if index in right else sheet.cell_head)
         for index, text in enumerate(header)]
    ]
    room = [width - 2 * CELL_PADDING for width in col_widths]
    width_of = cell_width

    def too_wide(text: str, room: float) -> bool:
        # A cell of several lines (a value in each language) stays a plain string while every line fits.
        return any(width_of(line) > room for line in text.split("\n")) if "\n" in text else width_of(text) > room

    for number, row in enumerate(rows):
        cells: list = list(row)
        for index, text in enumerate(cells):
            if too_wide(text, room[index]):
                markup = escape(text).replace("\n", "<br/>")
                if number in muted:
                    markup = f"<font color='#{MUTED.hexval()[2:]}'>{markup}</font>"
                cells[index] = Paragraph(markup, sheet.cell_right if index in right else sheet.cell)
        data.append(cells)
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_FILL]),
        ("LINEBELOW", (0, len(rows)), (-1, len(rows)), 0.5, RULE),
        *(("ALIGN", (index, 1), (index, len(rows)), "RIGHT") for index in sorted(right)),
        *(("TEXTCOLOR", (0, number + 1), (-1, number + 1), MUTED) for number in sorted(muted)),
        *style,
    ]
    if tail is not None:
        data.append([list(tail)] + [""] * (len(header) - 1))
        commands += [("SPAN", (0, -1), (-1, -1)), ("BACKGROUND", (0, -1), (-1, -1), colors.white),
                     ("NOSPLIT", (0, max(1, len(rows) + 1 - keep)), (-1, -1)),
                     ("LEFTPADDING", (0, -1), (-1, -1), 0), ("RIGHTPADDING", (0, -1), (-1, -1), 0)]
    # Every cell starts from the register's font, padding and alignment (RegisterCell) rather than having them
    # set by commands across the table: a command visits each cell, thousands in a register.
    cells = [[RegisterCell("") for _cell in row] for row in data]
    table = factory(data, colWidths=list(col_widths), repeatRows=1, style=commands, hAlign="LEFT", cellStyles=cells)
    if isinstance(table, BilingualTable):
        table.spec = {"header": tuple(header), "rows": rows, "col_widths": tuple(col_widths), "right": right,
                      "muted": muted, "style": tuple(style), "tail": tail, "keep": keep}
    return table


class RegisterCell(CellStyle):
    """A data_table cell's starting style."""

    fontname = FONT
    fontsize = CELL_FONT_SIZE
    leading = CELL_LEADING
    valign = "TOP"
    leftPadding = rightPadding = CELL_PADDING
    topPadding = 2
    bottomPadding = 2.5


def header_markup(text: str) -> str:
    """A header cell's markup: one line per language ("Spanish / English" or "Spanish\nEnglish")."""
    return stacked(text.replace(SEPARATOR, "\n").split("\n"))


def stacked(texts: Sequence[str]) -> str:
    """Markup for a text in each language, one line each: the first language, then the others in italics, so
    that the eye finds its own ("Semana" over "<i>Week</i>"). A text both languages write alike prints once."""
    first, *others = dict.fromkeys(texts)
    return "<br/>".join([escape(first), *(f"<i>{escape(other)}</i>" for other in others)])


def inline(texts: Sequence[str]) -> str:
    """Markup for a short label in each language on one line: "Sí · <i>Yes</i>" (once when alike)."""
    first, *others = dict.fromkeys(texts)
    return " · ".join([escape(first), *(f"<i>{escape(other)}</i>" for other in others)])


def in_each_language(a: str, b: str) -> str:
    """One cell for two languages: the text once when both write it alike, else Spanish over English — line by
    line, so that a line both write alike (a member's note under a concept) prints once."""
    if a == b:
        return a
    lines_a, lines_b = a.split("\n"), b.split("\n")
    if len(lines_a) != len(lines_b):
        return f"{a}\n{b}"
    return "\n".join(x if x == y else f"{x}\n{y}" for x, y in zip(lines_a, lines_b, strict=True))


class BilingualTable(Table):
    """A table too wide for half a page (a register, a payroll, columns of amounts) in a side-by-side report.

    Each column of the report builds it at the whole page's width (`Report.table`); the two copies then become
    one table across the page: each header cell Spanish over English, each value once where both languages write
    it alike (codes, names) and in each language's own form where they differ (dates, amounts, statuses), one
    line each. Rows stay aligned because they are the same rows; a tail (the signatures) is paired like the rest.
    """

    spec: dict = {}  # data_table's arguments, set by data_table

    def merge_with(self, other: BilingualTable, width: float) -> Table:
        a, b = self.spec, other.spec
        header = [in_each_language(x, y) for x, y in zip(a["header"], b["header"], strict=True)]
        rows = [[in_each_language(x, y) for x, y in zip(row_a, row_b, strict=True)]
                for row_a, row_b in zip(a["rows"], b["rows"], strict=True)]
        # Each column as wide as the wider language needs; the widest column (the names) gives back the excess.
        widths = [max(x, y) for x, y in zip(a["col_widths"], b["col_widths"], strict=True)]
        widest = widths.index(max(widths))
        widths[widest] -= max(0.0, sum(widths) - width)
        tail = None
        if a["tail"] is not None:
            tail = side_by_side(a["tail"], b["tail"], (width - COLUMN_GAP) / 2, COLUMN_GAP)
        return data_table(header, rows, widths, right=a["right"], muted=a["muted"] | b["muted"], style=a["style"],
                          tail=tail, keep=a["keep"])


class SharedTable(Table):
    """A table printed once across both columns of a side-by-side report (a sheet to sign, not to read twice):
    the columns' two tables become one, full width, with both languages in its header."""

    spec: tuple = ()  # (header, rows, fractions of the width, row height, style)

    def merge_with(self, other: SharedTable, width: float) -> SharedTable:
        header = [in_each_language(a, b) for a, b in zip(self.spec[0], other.spec[0], strict=True)]
        return shared_table(header, *self.spec[1:], width=width)


def shared_table(header: Sequence[str], rows: Sequence[Sequence[str]], fractions: Sequence[float],
                 row_height: float | None = None, style: Sequence[tuple] = (), *, width: float) -> SharedTable:
    table = cast(SharedTable, data_table(header, rows, [width * f for f in fractions], style=style,
                                         factory=SharedTable))
    if row_height:
        table._argH = [None] + [row_height] * len(rows)
    table.spec = (tuple(header), rows, fractions, row_height, style)
    return table
