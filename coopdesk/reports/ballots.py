"""Numbered secret-ballot papers (`report ballots ID`): one per present voter, two side by side, to cut apart.

Each paper carries the council's name, the meeting, its number ("N.º 7 de 27"), the question and the boxes to
mark: yes / no / abstain for a motion, the candidates (and how many may be marked) for an election.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from coopdesk.domain.meeting_record import BallotSheet
from coopdesk.domain.meetings import Choice
from coopdesk.i18n import N_
from coopdesk.reports.base import Report
from coopdesk.reports.meeting_papers import long_datetime
from coopdesk.reports.style import ACCENT, FONT, FONT_BOLD, MUTED
from coopdesk.reports.tables import inline, stacked

GAP = 14.0  # between the two columns of papers
BOX = 11.0  # the square to mark


class BallotsReport(Report):
    title = N_("Ballot papers")
    subject = N_("Numbered secret-ballot papers, one per present voter")
    side_by_side = False  # papers to cut apart / a wall sheet: one layout, both texts in it

    def __init__(self, *, sheet: BallotSheet, lang: str, generated_at: datetime | None = None) -> None:
        super().__init__(council=sheet.council, lang=lang, generated_at=generated_at)
        self.sheet = sheet
        self._choice = ParagraphStyle("choice", self.styles.body, fontSize=9.5, leading=11.5, spaceAfter=0)

    def subtitle(self) -> str:
        return self.labels.t(N_("%(count)s papers for \"%(question)s\""), count=self.labels.number(self.sheet.count),
                             question=self.sheet.question)

    def body(self) -> list[Flowable]:
        """Papers only — the running header names the document — so every page holds as many papers as the
        first (the subtitle stays the PDF's title)."""
        return self.story()

    def story(self) -> list[Flowable]:
        paper_width = (self.width - GAP) / 2
        choices = self._choices()
        papers = [self._paper(number, paper_width, choices) for number in range(1, self.sheet.count + 1)]
        if len(papers) % 2:
            papers.append("")
        rows = [papers[i:i + 2] for i in range(0, len(papers), 2)]
        return [Table(rows, colWidths=[paper_width + GAP / 2] * 2, style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), GAP / 2), ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), GAP)])]

    def _choices(self) -> list[str]:
        """Markup of each box's label: a candidate by name and code; yes / no / abstain in each language."""
        if self.sheet.election:
            return [escape(f"{p.full_name} ({p.code})") for p in self.sheet.candidates]
        return [inline(self.labels.each(choice.label)) for choice in (Choice.YES, Choice.NO, Choice.ABSTAIN)]

    def _paper(self, number: int, width: float, choices: list[str]) -> Table:
        """One paper. In "es+en" each sentence is Spanish over English, each language with its own dates."""
        sheet, styles = self.sheet, self.styles
        inner = width - 16
        numbering = self.in_each(lambda labels: labels.t(N_("Secret ballot")) + " — " + labels.t(
            N_("No. %(number)s of %(count)s"), number=labels.number(number), count=labels.number(sheet.count)))
        when = self.in_each(lambda labels: long_datetime(labels, sheet.starts_at))
        if sheet.election:
            kind = self.labels.each(N_("Election"))
            how = self.in_each(lambda labels: labels.primary.ngettext(
                "Mark at most %(count)d candidate.", "Mark at most %(count)d candidates.", sheet.max_choices)
                % {"count": sheet.max_choices})
        else:
            kind = self.labels.each(N_("Motion %(number)s"), number=sheet.number) if sheet.number \
                else self.labels.each(N_("Motion"))
            how = self.labels.each(N_("Mark one box only."))
        # A long name wraps inside the paper instead of running past its cut line.
        marks = Table([[Table([[""]], colWidths=[BOX], rowHeights=[BOX],
                              style=[("BOX", (0, 0), (-1, -1), 0.9, colors.black)]),
                        Paragraph(choice, self._choice)] for choice in choices],
                      colWidths=[BOX + 10, inner - BOX - 10], hAlign="LEFT", style=[
                          ("FONT", (1, 0), (1, -1), FONT, 9.5), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
        rows = [
            [Paragraph(f"<font name='{FONT_BOLD}'>{escape(sheet.council.name)}</font>", styles.small)],
            [Paragraph(f"{escape(sheet.meeting_title)} · {stacked(when)}", styles.small)],
            [Paragraph(f"<font name='{FONT_BOLD}' color='#{ACCENT.hexval()[2:]}'>{stacked(numbering)}</font>",
                       styles.cell)],
            [Paragraph(f"<b>{inline(kind)}:</b> {escape(sheet.question)}", styles.body)],
            [Paragraph(stacked(how), styles.small)],
            [marks],
        ]
        return Table(rows, colWidths=[width], style=[
            ("BOX", (0, 0), (-1, -1), 0.6, MUTED, None, (3, 2)),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("TOPPADDING", (0, 0), (-1, 0), 7), ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ("LINEBELOW", (0, 2), (-1, 2), 0.4, MUTED)])
