"""Side by side: a bilingual ("es+en") report is its story made twice, once per language at half the width,
and the two laid out in two columns — Spanish left, English right — aligned flowable by flowable.

Paragraphs pair up as rows of a two-column table (a page breaks between pairs, never inside one); two tables
of the same rows become one table whose rows hold both languages (a long register breaks between rows, its
header repeated on each page); spacers and page breaks are shared; a `KeepTogether` pairs its contents. A
flowable made for both columns at once (a signature block, the verification code) carries
`merge_with(other, width)`, which gives the one flowable that stands for both.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table
from reportlab.platypus.tables import CellStyle

SHARED = (Spacer, CondPageBreak, PageBreak)
PLAIN = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
         ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]


def side_by_side(left: Sequence[Flowable], right: Sequence[Flowable], column: float, gap: float) -> list[Flowable]:
    """The two stories as one, in two columns of `column` points with `gap` between them."""
    if len(left) != len(right):  # stories that differ in shape: each whole, in one row
        return [Table([[list(left), "", list(right)]], colWidths=[column, gap, column], style=PLAIN)]
    story: list[Flowable] = []
    rows: list[list] = []

    def flush() -> None:
        if rows:
            # A table cell ignores its paragraph's space before: the row's padding keeps it, so that a heading
            # stays apart from the text above it.
            spacing = [("TOPPADDING", (0, number), (-1, number), max(a.getSpaceBefore(), b.getSpaceBefore()))
                       for number, (a, _gap, b) in enumerate(rows) if number]
            story.append(Table(list(rows), colWidths=[column, gap, column], style=PLAIN + spacing, hAlign="LEFT"))
            rows.clear()

    for a, b in zip(left, right, strict=True):
        if isinstance(a, SHARED) and type(a) is type(b):
            flush()
            story.append(a)
        elif isinstance(a, KeepTogether) and isinstance(b, KeepTogether):
            flush()
            story.append(KeepTogether(side_by_side(_contents(a), _contents(b), column, gap)))
        elif hasattr(a, "merge_with"):
            flush()
            story.append(a.merge_with(b, 2 * column + gap))
        elif _same_rows(a, b):
            flush()
            story.append(merge_tables(a, b, gap))  # type: ignore[arg-type]
        else:
            rows.append([a, "", b])
    flush()
    return story


def _contents(keep: KeepTogether) -> list[Flowable]:
    content = keep._content
    return list(content) if isinstance(content, (list, tuple)) else [content]


def _same_rows(a: Flowable, b: Flowable) -> bool:
    return (isinstance(a, Table) and isinstance(b, Table) and len(a._cellvalues) == len(b._cellvalues) > 1
            and a.repeatRows == b.repeatRows)


def merge_tables(a: Table, b: Table, gap: float) -> Table:
    """One table whose every row is `a`'s row, a gap, then `b`'s row: both keep their own styles."""
    shift = a._ncols + 1
    data = [[*ra, "", *rb] for ra, rb in zip(a._cellvalues, b._cellvalues, strict=True)]
    styles = [[*sa, CellStyle("gap"), *sb] for sa, sb in zip(a._cellStyles, b._cellStyles, strict=True)]
    heights = [max((h for h in pair if h is not None), default=None) for pair in zip(a._argH, b._argH, strict=True)]
    merged = Table(data, colWidths=[*a._colWidths, gap, *b._colWidths], rowHeights=heights, repeatRows=a.repeatRows,
                   cellStyles=styles, hAlign="LEFT")
    for table, offset in ((a, 0), (b, shift)):
        for commands in (table._bkgrndcmds, table._linecmds, table._spanCmds, table._nosplitCmds):
            for command in commands:
                merged._addCommand(_shifted(command, table._ncols, offset))
    return merged


def _shifted(command: Sequence, ncols: int, offset: int) -> tuple:
    """A style command of a table of `ncols` columns, moved `offset` columns to the right."""
    (op, (c0, r0), (c1, r1), *rest) = command
    return (op, (c0 % ncols + offset, r0), (c1 % ncols + offset, r1), *rest)
