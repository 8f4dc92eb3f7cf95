"""What every PDF report shares: the page (council header, footer with "Page X of Y" and the generation time),
the title, signature blocks and the verification code — `Report`. Its looks are in `coopdesk.reports.style`, its
tables in `coopdesk.reports.tables`.

A report subclasses `Report`, sets `title`/`subject` (msgids marked with `N_`) and overrides only
`story()`; `render()` returns the PDF as bytes. Texts come from `self.labels` (see `coopdesk.reports`), so
a report written once is also right in English and in "es+en". Any text that came from a user goes into a
`Paragraph` through `escape()` — `self.para()` does it — because Paragraph reads markup.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import cast
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table

from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports import Labels
from coopdesk.reports.columns import side_by_side
from coopdesk.reports.style import (
    ACCENT,
    COLUMN_GAP,
    FONT,
    FONT_BOLD,
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MARGIN,
    MUTED,
    RULE,
    stylesheet,
)
from coopdesk.reports.tables import (
    BilingualTable,
    data_table,
    header_markup,
    in_each_language,
    stacked,
)


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
