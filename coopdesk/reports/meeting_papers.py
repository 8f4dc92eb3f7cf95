"""What the papers of an assembly share — the acta, the convocation and the ballot papers: long dates and times
as a secretary writes them, the quorum statement, people by name and code, and the small label / value and
name-column tables. (A sentence built in each of the report's languages is `Labels.built`.)"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from coopdesk.domain.meeting_record import MeetingDetail, Person
from coopdesk.i18n import N_
from coopdesk.reports import Labels
from coopdesk.reports.style import ACCENT, CELL_FONT_SIZE, CELL_LEADING, CELL_PADDING, FONT, FONT_BOLD, stylesheet

NO_VALUE = "—"


def long_date(labels: Labels, value: date) -> str:
    """"viernes, 20 de noviembre de 2026" (in the report's first language, as its other dates)."""
    return labels.date(value, "full")


def clock(labels: Labels, value: datetime | None) -> str:
    """"9:00 a. m."."""
    if value is None:
        return NO_VALUE
    from babel.dates import format_time

    return format_time(value, "short", locale=labels.locale)


def long_datetime(labels: Labels, value: datetime) -> str:
    """"viernes, 20 de noviembre de 2026, 9:00 a. m."."""
    return f"{long_date(labels, value.date())}, {clock(labels, value)}"


def named(value: Person | None) -> str:
    return NO_VALUE if value is None else f"{value.full_name} ({value.code})"


def _cells(rows: Sequence[Sequence[str]], widths: Sequence[float], *, keys: bool = False) -> list[list]:
    """Plain strings, except a cell too wide for its column: an escaped, wrapping paragraph. With `keys` the
    first column is in bold (the labels of `key_values`)."""
    sheet = stylesheet()
    key_style = ParagraphStyle("key", sheet.cell_head, textColor=ACCENT)

    def cell(text: str, width: float, index: int) -> Paragraph | str:
        bold = keys and index == 0
        if "\n" in text or stringWidth(text, FONT_BOLD if bold else FONT, CELL_FONT_SIZE) > width - 2 * CELL_PADDING:
            return Paragraph(escape(text).replace("\n", "<br/>"), key_style if bold else sheet.cell)
        return text

    return [[cell(text, width, index) for index, (text, width) in enumerate(zip(row, widths, strict=True))]
            for row in rows]


PLAIN = [("FONT", (0, 0), (-1, -1), FONT, CELL_FONT_SIZE, CELL_LEADING), ("VALIGN", (0, 0), (-1, -1), "TOP"),
         ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
         ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]


def key_values(rows: Sequence[tuple[str, str]], width: float, key_width: float | None = None) -> Table:
    """Label / value lines (the particulars of a meeting, of a vote)."""
    key_width = key_width or min(160.0, max(stringWidth(k, FONT_BOLD, CELL_FONT_SIZE) for k, _v in rows) + 12)
    widths = [key_width, width - key_width]
    return Table(_cells(rows, widths, keys=True), colWidths=widths, hAlign="LEFT", style=[
        *PLAIN, ("FONT", (0, 0), (0, -1), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (0, -1), ACCENT)])


def columns(texts: Sequence[str], width: float, count: int = 3) -> Table:
    """Names in `count` columns, read down each column."""
    per_column = max(1, -(-len(texts) // count))
    grid = [[texts[c * per_column + r] if c * per_column + r < len(texts) else "" for c in range(count)]
            for r in range(per_column)]
    widths = [width / count] * count
    return Table(_cells(grid, widths), colWidths=widths, hAlign="LEFT", style=PLAIN)


def quorum_statement(labels: Labels, detail: MeetingDetail) -> str:
    c = detail.counters
    values = {"present": c.present_voters, "entitled": c.entitled, "minimum": c.quorum_minimum,
              "missing": c.needed_more}
    met = N_("Quorum met: %(present)d of %(entitled)d entitled voters present or represented (%(minimum)d needed).")
    unmet = N_("No quorum: %(present)d of %(entitled)d entitled voters present or represented; %(minimum)d were "
               "needed (%(missing)d more).")
    return labels.built(lambda tr: tr.gettext(met if c.quorum_met else unmet) % values + " "
                + tr.gettext(N_("Rule: %(rule)s.")) % {"rule": tr.gettext(c.quorum_rule.label)})
