"""What every PDF report shares: fonts, styles, the page (council header, footer with "Page X of Y" and the
generation time), tables, signature blocks and the verification code.

A report subclasses `Report`, sets `title`/`subject` (msgids marked with `N_`) and overrides only
`story()`; `render()` returns the PDF as bytes. Texts come from `self.labels` (see `coopdesk.reports`), so
a report written once is also right in English and in "es+en". Any text that came from a user goes into a
`Paragraph` through `escape()` — `self.para()` does it — because Paragraph reads markup.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property, lru_cache
from typing import cast
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import registerFont, registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus.tables import CellStyle

from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.paths import fonts_dir
from coopdesk.reports import SEPARATOR, Labels
from coopdesk.reports.columns import side_by_side

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#555B61")
RULE = colors.HexColor("#B8BEC4")
HEADER_FILL = colors.HexColor("#E4EAF0")
ZEBRA_FILL = colors.HexColor("#F4F6F8")

MARGIN = 42.0  # points, about 1.5 cm: room for binding holes on Letter paper
HEADER_HEIGHT = 40.0
FOOTER_HEIGHT = 22.0
CELL_FONT_SIZE = 8.5
CELL_LEADING = 10.5
CELL_PADDING = 3.0
COLUMN_GAP = 18.0  # between the Spanish and the English column


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (every accent and "ñ", unlike the PDF base fonts); done once, when first needed."""
    folder = fonts_dir()
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
        registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    # A table cell without a FONT command falls back to CellStyle's default, Helvetica — which the PDF would then
    # list unembedded. Every cell starts on the embedded font instead.
    CellStyle.fontname = FONT


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    signature: ParagraphStyle


@cache
def stylesheet() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    cell = ParagraphStyle("cell", body, fontSize=CELL_FONT_SIZE, leading=CELL_LEADING, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=16, leading=20, alignment=TA_CENTER,
                             textColor=ACCENT, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", body, alignment=TA_CENTER, textColor=MUTED, spaceAfter=10),
        heading=ParagraphStyle("heading", body, fontName=FONT_BOLD, fontSize=11.5, leading=14, textColor=ACCENT,
                               spaceBefore=10, spaceAfter=5),
        body=body,
        small=ParagraphStyle("small", body, fontSize=7.5, leading=9.5, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", cell, fontName=FONT_BOLD),
        cell_head_right=ParagraphStyle("cell_head_right", cell, fontName=FONT_BOLD, alignment=TA_RIGHT),
        signature=ParagraphStyle("signature", body, fontSize=9, leading=11.5, alignment=TA_CENTER, spaceAfter=0),
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


@dataclass(frozen=True)
class Signer:
    """One signature line: the role is a caption such as "Secretario(a)"; the name may be left blank."""

    role: str
    name: str = ""


class SignatureBlock(Table):
    """Signature lines; in a bilingual report the two columns' blocks become one, with both roles."""

    signers: Sequence[Signer] = ()

    def merge_with(self, other: SignatureBlock, width: float) -> SignatureBlock:
        return signature_block([Signer(in_each_language(a.role, b.role), a.name)
                                for a, b in zip(self.signers, other.signers, strict=True)], width)


def signature_block(signers: Sequence[Signer], width: float) -> SignatureBlock:
    """Signers side by side, each with room to sign above a line, name and role below it."""
    sheet = stylesheet()
    gap = 28.0
    column = min(210.0, (width - gap * (len(signers) - 1)) / len(signers))
    widths: list[float] = []
    captions: list = []
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for index, signer in enumerate(signers):
        if index:
            widths.append(gap)
            captions.append("")
        commands.append(("LINEABOVE", (len(widths), 1), (len(widths), 1), 0.8, colors.black))
        widths.append(column)
        name = f"<b>{escape(signer.name)}</b><br/>" if signer.name else ""
        captions.append(Paragraph(name + header_markup(signer.role), sheet.signature))
    block = SignatureBlock([[""] * len(widths), captions], colWidths=widths, rowHeights=[46, None], style=commands,
                           hAlign="CENTER")
    block.signers = tuple(signers)
    return block


class Verification(Table):
    """The verification code beside its QR code; in a bilingual report one QR code with both texts."""

    def __init__(self, drawing: Drawing, text: Paragraph, width: float) -> None:
        self.drawing, self.text = drawing, text
        super().__init__([[drawing, text]], colWidths=[drawing.width + 8, width], style=VERIFICATION_STYLE,
                         hAlign="LEFT")

    def merge_with(self, other: Verification, width: float) -> Table:
        column = (width - self.drawing.width - 8) / 2
        return Table([[self.drawing, self.text, other.text]], colWidths=[self.drawing.width + 8, column, column],
                     style=VERIFICATION_STYLE, hAlign="LEFT")


GENERATED = N_("Generated")
VERIFICATION_STYLE = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
# How anyone holding the paper checks it: the window's dialog, or the command line (docs/cli.md, `verify`).
HOW_TO_VERIFY = N_("To check this document, type its code in coopdesk (Tools → Verify document…) or run "
                   "\"coopdesk verify --document CODE\".")
# Where the audit chain stood when the document was printed (services.anchor.ChainMark): the check also tells
# whether every record written up to then is still there.
CHAIN_LINE = N_("Chain: event %(event)s · %(digits)s")
HOW_TO_VERIFY_CHAIN = N_("To check this document, type its code and its chain line in coopdesk (Tools → Verify "
                         "document…) or run \"coopdesk verify --document CODE --chain LINE\": it also tells whether "
                         "every record written until it was printed is still there.")


class PageGroup(Flowable):
    """Marks the pages from here on as one group (until the next mark): they are numbered on their own, and
    the canvas's `page_group` names the group for whatever the page draws at the end."""

    def __init__(self, group: object) -> None:
        super().__init__()
        self.group = group
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.page_group = self.group  # type: ignore[attr-defined]


def numbered_canvas(draw_numbers: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each can say "Page X of Y" in one pass."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            # Pages count through the document, or through each run of pages of one group (a member's pages in
            # a per-member report: "Page 1 of 2" for each member) when a `PageGroup` marked them.
            groups = [state.get("page_group") for state in self._held_pages]
            for index, state in enumerate(self._held_pages):
                first = index
                while first and groups[first - 1] == groups[index]:
                    first -= 1
                last = index
                while last + 1 < len(groups) and groups[last + 1] == groups[index]:
                    last += 1
                self.__dict__.update(state)
                draw_numbers(self, index - first + 1, last - first + 1)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class Report:
    """A PDF report: council header, numbered footer, metadata. Subclasses override `story()`."""

    title = ""  # msgid, marked with N_()
    subject = ""  # msgid, marked with N_(); the PDF's "subject" property
    landscape = False
    pagesize = LETTER  # Venezuela prints on Carta
    side_by_side = True  # "es+en" in two columns (see columns.py); papers to cut apart keep one, with both texts
    chain_mark: tuple[int, str] | None = None  # (event, hash digits) printed under the code; set by the service
    wide_tables = False  # its tables need the page's width: in "es+en" each is one table across both columns

    def __init__(self, *, council: Council, lang: str, generated_at: datetime | None = None) -> None:
        self.council = council
        self.labels = Labels(lang)
        self.generated_at = generated_at or datetime.now()
        self.styles = stylesheet()
        self._column: float | None = None  # set on the one-language copies of a side-by-side report

    # ---- for subclasses

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def subtitle(self) -> str | None:
        """A line under the title (already translated), or None."""
        return None

    def title_text(self) -> str:
        """The title as printed (translated); a report whose title has placeholders overrides it."""
        return self.labels.t(self.title)

    def document_title(self) -> str:
        """The PDF's title property: names the document (the meeting and its date, the period…)."""
        subtitle = self.subtitle()
        return f"{self.title_text()}: {subtitle}" if subtitle else self.title_text()

    def draw_page_extras(self, canvas: Canvas) -> None:
        """Anything a report adds to every page (a draft mark, room for initials)."""

    @property
    def page_size(self) -> tuple[float, float]:
        return landscape(self.pagesize) if self.landscape else self.pagesize

    @property
    def width(self) -> float:
        """Width of the text frame (of one column, side by side), for sizing tables."""
        return self._column if self._column is not None else self.page_size[0] - 2 * MARGIN

    @property
    def full_width(self) -> float:
        """Width of the text frame across both columns."""
        return self.page_size[0] - 2 * MARGIN

    @property
    def table_width(self) -> float:
        """Width for sizing a table made with `table()`: a wide table spans both columns."""
        return self.full_width if self.wide_tables else self.width

    @property
    def paired(self) -> bool:
        """Whether this is one column of a side-by-side report, whose wide tables come out in both languages."""
        return self._column is not None

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], col_widths: Sequence[float],
              **options) -> Table:
        """A `data_table` sized on `table_width`; in a column of a side-by-side report with wide tables, one that
        becomes a single table across the page, in both languages (`BilingualTable`)."""
        if self.wide_tables and self.paired:
            options["factory"] = BilingualTable
        return data_table(header, rows, col_widths, **options)

    def in_language(self, lang: str) -> Report:
        """This report in one language, at one column's width: a column of the side-by-side "es+en"."""
        column = copy.copy(self)
        column.labels = Labels(lang)
        column.__dict__.pop("language_labels", None)
        column._column = (self.width - COLUMN_GAP) / 2
        return column

    @cached_property
    def language_labels(self) -> tuple[Labels, ...]:
        """The report's labels in each of its languages, the first leading (just `labels` in one language)."""
        if not self.labels.bilingual:
            return (self.labels,)
        return tuple(Labels(lang) for lang in self.labels.languages)

    def in_each(self, text: Callable[[Labels], str]) -> list[str]:
        """`text` written in each of the report's languages, each with its own words, dates and numbers — for a
        report in one layout with both languages in it (`stacked`, `inline`)."""
        return [text(labels) for labels in self.language_labels]

    def body(self) -> list[Flowable]:
        """Title, subtitle and story; side by side in a bilingual report."""
        if self.labels.bilingual and self.side_by_side and self._column is None:
            left, right = (self.in_language(lang) for lang in self.labels.languages)
            return side_by_side(left.body(), right.body(), left.width, COLUMN_GAP)
        return [*self.head(), *self.story()]

    def head(self) -> list[Flowable]:
        """The title and the subtitle. A bilingual report in one layout gives each a line per language."""
        if self.labels.bilingual and self._column is None:
            columns = [self.in_language(lang) for lang in self.labels.languages]
            title = stacked([column.title_text() for column in columns])
            subtitles = [column.subtitle() for column in columns]
            subtitle = stacked(cast(list[str], subtitles)) if subtitles[0] else None
        else:
            title = escape(self.title_text())
            subtitle = escape(text) if (text := self.subtitle()) else None
        return [Paragraph(title, self.styles.title),
                Paragraph(subtitle, self.styles.subtitle) if subtitle else Spacer(0, 8)]

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain (user) text: markup characters are shown, never interpreted."""
        return Paragraph(escape(text), style or self.styles.body)

    def heading(self, text: str) -> Paragraph:
        return self.para(text, self.styles.heading)

    def signatures(self, signers: Sequence[Signer]) -> Table:
        return signature_block(signers, self.width)

    def verification(self, code: str, *, payload: str | None = None, size: float = 64.0) -> Verification:
        """The verification code in words and as a QR code (holding `payload`, by default the code), with the
        sentence that says how to check it."""
        qr = QrCodeWidget(payload or code, barWidth=size, barHeight=size, barBorder=2)
        drawing = Drawing(size, size, initialFontName=FONT)  # not Helvetica, which would be listed unembedded
        drawing.add(qr)
        label = self.labels.t(N_("Verification code"))
        text = f"{escape(label)}<br/><font name='{FONT_BOLD}' size='10'>{escape(code)}</font><br/>"
        if self.chain_mark is None:
            text += escape(self.labels.t(HOW_TO_VERIFY))
        else:
            event, digits = self.chain_mark
            line = self.labels.t(CHAIN_LINE, event=self.labels.number(event),
                                 digits=f"{digits[:4]}-{digits[4:]}".upper())
            text += f"<font name='{FONT_BOLD}'>{escape(line)}</font><br/>{escape(self.labels.t(HOW_TO_VERIFY_CHAIN))}"
        return Verification(drawing, Paragraph(text, self.styles.small), min(self.width - size - 8, 300.0))

    # ---- rendering

    def render(self) -> bytes:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(  # starting on the embedded font: the default, Helvetica, would be listed unembedded
            buffer, pagesize=self.page_size, initialFontName=FONT, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + self.header_height, bottomMargin=MARGIN + FOOTER_HEIGHT,
            title=self.document_title(), author=self.council.name,
            subject=self.labels.t(self.subject) if self.subject else "",
            creator="coopdesk", lang=self.labels.pdf_language, displayDocTitle=True,
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=self._draw_page)])
        doc.build(self.body(), canvasmaker=numbered_canvas(self._draw_page_number))
        return buffer.getvalue()

    @cached_property
    def header_block(self) -> Table:
        """The running header: the council's name across the page; under it the tax id and address on the left
        and the report's title on the right, a line per language. Every part wraps rather than being cut, so
        the header grows (and the text frame starts lower) when a council's details are long."""
        sheet = self.styles
        name = ParagraphStyle("header_name", sheet.body, fontName=FONT_BOLD, fontSize=11, leading=13,
                              textColor=ACCENT, spaceAfter=0)
        details_style = ParagraphStyle("header_details", sheet.small, spaceAfter=0)
        title_style = ParagraphStyle("header_title", details_style, alignment=TA_RIGHT)
        titles = ([self.in_language(lang).title_text() for lang in self.labels.languages] if self.labels.bilingual
                  else [self.title_text()])
        details = []
        if self.council.tax_id:
            # The tax id's label in each language: "RIF (Tax id): J-…", the second in italics.
            first, *others = self.labels.each(N_("Tax id"))
            label = escape(first) + "".join(f" (<i>{escape(other)}</i>)" for other in others)
            details.append(f"{label}: {escape(self.council.tax_id)}")
        if self.council.address:
            details.append(escape(" ".join(self.council.address.split())))
        width = self.full_width
        title_width = min(max(stringWidth(title, FONT, details_style.fontSize) for title in titles) + 1, width / 2)
        rows = [[Paragraph(escape(self.council.name), name), ""],
                [Paragraph("  ·  ".join(details), details_style),
                 [Paragraph(escape(title), title_style) for title in titles]]]
        block = Table(rows, colWidths=[width - title_width, title_width], style=[
            ("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 1), (0, 1), 12)])
        block.wrap(width, self.page_size[1])
        return block

    @property
    def header_height(self) -> float:
        """Room above the text frame for the running header (HEADER_HEIGHT unless its text needs more)."""
        return max(HEADER_HEIGHT, self.header_block._height + 12)

    def _draw_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Header and footer rule; the footer's text is drawn once the page total is known."""
        width, height = self.page_size
        left, right, top = MARGIN, width - MARGIN, height - MARGIN
        block = self.header_block
        block.drawOn(canvas, left, top - block._height)
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        rule = top - max(block._height + 4, HEADER_HEIGHT - 10)
        canvas.line(left, rule, right, rule)
        bottom = MARGIN + FOOTER_HEIGHT - 8
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, bottom, right, bottom)
        canvas.restoreState()
        self.draw_page_extras(canvas)

    def _draw_page_number(self, canvas: Canvas, number: int, total: int) -> None:
        """The footer: when the report was generated, and "Page X of Y". Side by side, each language says both
        in its own words and forms — Spanish from the left edge, English to the right edge."""
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        baseline = MARGIN + FOOTER_HEIGHT - 19
        left, right = MARGIN, self.page_size[0] - MARGIN
        texts = []
        for labels in self.language_labels:
            texts.append((f"{labels.t(GENERATED)}: {labels.datetime(self.generated_at)}",
                          labels.t(N_("Page %(page)s of %(pages)s"), page=number, pages=total)))
        if len(texts) == 1:
            (generated, page), = texts
            canvas.drawString(left, baseline, generated)
            canvas.drawRightString(right, baseline, page)
        else:
            canvas.drawString(left, baseline, "  ·  ".join(texts[0]))
            canvas.drawRightString(right, baseline, "  ·  ".join(texts[1]))
        canvas.restoreState()
