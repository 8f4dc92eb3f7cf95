"""The payroll of a pay period (`report payroll`): the planilla every worker signs on receipt.

Landscape: one line per member — hours, gross pay, each fund's contribution, advances, net pay and a blank
column for the signature of receipt — the totals, the equal rate and the wage ratio (1.00: everyone earns the
same), then every correction touching the period, each original beside its reversal. An open period prints as
a preview. The data is a `coopdesk.services.ledger.Payroll` (described here by the protocols it must meet).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from coopdesk.domain.ledger import kind_label
from coopdesk.domain.money import to_decimal
from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports import Labels
from coopdesk.reports.base import Report, Signer
from coopdesk.reports.style import ACCENT, CELL_FONT_SIZE, CELL_LEADING, CELL_PADDING, FONT, FONT_BOLD, MUTED

SIGNATURE_WIDTH = 84.0
TIGHT_PADDING = 2.0  # the planilla is wide: columns sit closer than in other tables
SIGNATURE_ROW_HEIGHT = 22.0  # room to sign on each line
MIN_NAME_WIDTH = 110.0
MAX_NAME_WIDTH = 230.0


class PeriodData(Protocol):
    id: int
    starts_on: date
    ends_on: date
    closed_at: datetime | None

    @property
    def days(self) -> int: ...


class RateData(Protocol):
    rate_cents: int
    motion_id: int
    motion_text: str
    effective_from: date


class FundData(Protocol):
    code: str
    name: str
    percent_hundredths: int


class LineData(Protocol):
    member_code: str
    member_name: str
    hours_hundredths: int
    gross_cents: int
    contributions: tuple[int, ...]
    advances_cents: int
    net_cents: int
    owed: tuple[int, ...]  # per fund management pays, not deducted


class EntryData(Protocol):
    id: int
    posted_on: date
    period_id: int | None
    member_code: str
    member_name: str
    kind: str
    amount_cents: int
    note: str | None

    @property
    def effective_kind(self) -> str: ...


class CorrectionData(Protocol):
    original: EntryData
    reversal: EntryData


class PayrollData(Protocol):
    period: PeriodData
    rate: RateData | None
    funds: Sequence[FundData]
    lines: Sequence[LineData]
    totals: LineData
    posted: bool
    corrections: Sequence[CorrectionData]
    verification: str | None
    owed_funds: Sequence[FundData]  # the funds management pays

    @property
    def wage_ratio(self) -> Decimal: ...


def hours_text(labels: Labels, hundredths: int) -> str:
    """72,50 — hours always with two decimals, in the report's locale."""
    return labels.primary.figure(to_decimal(hundredths))


def percent_text(labels: Labels, hundredths: int) -> str:
    return f"{labels.primary.figure(to_decimal(hundredths), trim=True)} %"


def decimal_text(labels: Labels, value: Decimal) -> str:
    return labels.primary.figure(value)


def facts_table(report: Report, rows: list[list[str]]) -> Table:
    """Label–value lines under the title (the rate, the funds…): labels in bold, values wrapping."""
    sheet = report.styles
    label_width = max(stringWidth(row[0], FONT_BOLD, CELL_FONT_SIZE) for row in rows) + 2 * CELL_PADDING + 4
    label_width = min(label_width, report.width * 0.4)  # in half a page a long label wraps, not the values
    data = [[Paragraph(escape(label), sheet.cell_head), Paragraph(escape(value), sheet.cell)] for label, value in rows]
    return Table(data, colWidths=[label_width, report.width - label_width], hAlign="LEFT", style=[
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])


def period_text(labels: Labels, starts_on: date, ends_on: date, fmt: str = "medium") -> str:
    return f"{labels.date(starts_on, fmt)} – {labels.date(ends_on, fmt)}"


def kind_text(labels: Labels, kind: str) -> str:
    """A kind's label in every language of the report ("Anticipo neto / Net pay")."""
    return labels.built(lambda tr: kind_label(kind, tr))


def entry_concept(labels: Labels, row: EntryData) -> str:
    """"Reverso: Anticipo bruto": a reversal names the kind it undoes."""
    if row.effective_kind == row.kind:
        return kind_text(labels, row.kind)
    return f"{kind_text(labels, row.kind)}: {kind_text(labels, row.effective_kind)}"


class PayrollReport(Report):
    title = N_("Payroll")
    subject = N_("Equal-wage payroll of a pay period, with the signature of receipt of each worker")
    wide_tables = True  # in "es+en": headings in two columns, each table one across the page in both languages
    landscape = True

    def __init__(self, *, council: Council, lang: str, payroll: PayrollData,
                 generated_at: datetime | None = None) -> None:
        super().__init__(council=council, lang=lang, generated_at=generated_at)
        self.payroll = payroll
        if not payroll.posted:
            self.title = N_("Payroll preview")

    def subtitle(self) -> str:
        period = self.payroll.period
        return self.labels.t(N_("Pay period %(id)s: %(dates)s (%(days)s days)"), id=period.id,
                             dates=period_text(self.labels, period.starts_on, period.ends_on), days=period.days)

    def story(self) -> list[Flowable]:
        labels, payroll = self.labels, self.payroll
        story: list[Flowable] = [self._facts()]
        if not payroll.posted:
            story.append(self.para(labels.t(N_("This period is still open: these figures are a preview and nothing "
                                                "has been posted yet.")), self.styles.small))
        story.append(Spacer(0, 8))
        closing: list[Flowable] = [Spacer(0, 22), self.signatures([
            Signer(labels.t(N_("Prepared by (treasury)"))), Signer(labels.t(N_("Approved by (Workers' Council)")))])]
        if payroll.verification:
            closing += [Spacer(0, 8), self.verification(payroll.verification)]
        # The signatures close the last table, kept with its last rows: never alone on a page.
        last: list[Flowable] = closing
        if payroll.lines:
            story.append(self._lines(None if payroll.corrections else last))
        else:
            story.append(self.para(labels.t(N_("Nobody has hours or advances in this period."))))
        if payroll.corrections:
            story.append(CondPageBreak(self.styles.heading.leading + 4 * CELL_LEADING + 30))
            story.append(self.heading(labels.t(N_("Corrections"))))
            story.append(self.para(labels.t(N_("Posted entries are never changed: each correction is a reversal of "
                                                "the exact opposite amount, shown beside the original.")),
                                   self.styles.small))
            story.append(self._corrections(last))
        elif not payroll.lines:
            story.append(KeepTogether(last))
        return story

    def _facts(self) -> Flowable:
        labels, payroll = self.labels, self.payroll
        rows: list[list[str]] = []
        if payroll.rate is not None:
            rate = payroll.rate
            rows.append([labels.t(N_("Equal hourly rate")), labels.t(
                N_("%(rate)s an hour, in force from %(date)s by motion %(motion)s: “%(text)s”"),
                rate=labels.money(rate.rate_cents), date=labels.date(rate.effective_from), motion=rate.motion_id,
                text=rate.motion_text)])
        else:
            rows.append([labels.t(N_("Equal hourly rate")), labels.t(N_("none in force yet"))])
        rows.append([labels.t(N_("Wage ratio (highest / lowest rate)")), decimal_text(labels, payroll.wage_ratio)])
        if payroll.funds:
            rows.append([labels.t(N_("Social funds")), ", ".join(
                f"{fund.name} ({fund.code}): {percent_text(labels, fund.percent_hundredths)}"
                for fund in payroll.funds)])
        owed = tuple(payroll.owed_funds)
        if owed:  # not deducted from anyone's pay: what management owes the funds for this payroll
            rows.append([labels.t(N_("Owed by management, not deducted")), ", ".join(
                f"{fund.name} ({fund.code}), {percent_text(labels, fund.percent_hundredths)}: "
                f"{labels.money(cents)}" for fund, cents in zip(owed, payroll.totals.owed, strict=True))])
        state = (labels.t(N_("Closed on %(date)s"), date=labels.date(payroll.period.closed_at.date()))
                 if payroll.posted and payroll.period.closed_at else labels.t(N_("Open period")))
        rows.append([labels.t(N_("State")), state])
        return facts_table(self, rows)

    def _lines(self, tail: list[Flowable] | None) -> Flowable:
        labels, payroll = self.labels, self.payroll
        advances = any(line.advances_cents for line in payroll.lines)  # the column only when someone had one

        def money(line: LineData) -> list[str]:
            return [labels.money(line.gross_cents), *(labels.money(cents) for cents in line.contributions),
                    *([labels.money(line.advances_cents)] if advances else []), labels.money(line.net_cents)]

        header = [labels.t(N_("No.")), labels.t(N_("Code")), labels.t(N_("Full name")), labels.t(N_("Hours")),
                  labels.t(N_("Gross pay")), *(fund.name for fund in payroll.funds),
                  *([labels.t(N_("Advances"))] if advances else []), labels.t(N_("Net pay")),
                  labels.t(N_("Signature of receipt"))]
        rows = [[str(number), line.member_code, line.member_name, hours_text(labels, line.hours_hundredths),
                 *money(line), ""] for number, line in enumerate(payroll.lines, start=1)]
        total = payroll.totals
        rows.append(["", "", labels.t(N_("Total")), hours_text(labels, total.hours_hundredths), *money(total), ""])
        money_columns = range(4, len(header) - 1)
        widths = self._widths(header, rows, money_columns)
        total_row = len(rows)  # rows count from the top: a tail may follow the total
        style = [("FONT", (0, total_row), (-1, total_row), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
                 ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, ACCENT),
                 ("VALIGN", (0, 1), (-1, total_row), "MIDDLE"),
                 *self._room_to_sign(rows[:-1], widths[2], 2 if self.paired else 1),
                 ("LINEBELOW", (-1, 1), (-1, total_row - 1), 0.4, MUTED),
                 ("LEFTPADDING", (0, 0), (-1, total_row), TIGHT_PADDING),
                 ("RIGHTPADDING", (0, 0), (-1, total_row), TIGHT_PADDING)]
        return self.table(header, rows, widths, right=(0, 3, *money_columns), style=style, tail=tail)

    @staticmethod
    def _room_to_sign(rows: list[list[str]], name_width: float, value_lines: int) -> list[tuple]:
        """Padding that makes every member's line SIGNATURE_ROW_HEIGHT tall (a wrapped name, or amounts written in
        two languages, use some of it)."""
        commands = []
        for number, row in enumerate(rows, start=1):
            name_lines = 1 + int(stringWidth(row[2], FONT, CELL_FONT_SIZE) > name_width - 2 * TIGHT_PADDING)
            lines = max(name_lines, value_lines)
            room = max(1.0, (SIGNATURE_ROW_HEIGHT - lines * CELL_LEADING) / 2)
            commands += [("TOPPADDING", (0, number), (-1, number), room),
                         ("BOTTOMPADDING", (0, number), (-1, number), room)]
        return commands

    def _widths(self, header: list[str], rows: list[list[str]], numeric: range) -> list[float]:
        """Every column as wide as its widest value or header word; the name takes what is left."""
        def widest(index: int) -> float:
            values = max(stringWidth(row[index], FONT, CELL_FONT_SIZE) for row in rows[:-1]) if rows[:-1] else 0
            total = stringWidth(rows[-1][index], FONT_BOLD, CELL_FONT_SIZE)
            word = max((stringWidth(w, FONT_BOLD, CELL_FONT_SIZE) for w in header[index].split()), default=0)
            return max(values, total, word) + 2 * TIGHT_PADDING + 1

        fixed = {index: widest(index) for index in (0, 1, 3, *numeric)}
        rest = self.table_width - sum(fixed.values()) - SIGNATURE_WIDTH
        name = min(max(MIN_NAME_WIDTH, rest), MAX_NAME_WIDTH)
        fixed[len(header) - 1] = SIGNATURE_WIDTH + max(0.0, rest - name)  # room left over is room to sign
        return [fixed.get(index, name) for index in range(len(header))]

    def _corrections(self, tail: list[Flowable]) -> Flowable:
        labels = self.labels
        header = [labels.t(N_("Code")), labels.t(N_("Concept")), labels.t(N_("Original entry")),
                  labels.t(N_("Amount")), labels.t(N_("Reversal entry")), labels.t(N_("Amount")),
                  labels.t(N_("Reason"))]
        rows = []
        for pair in self.payroll.corrections:
            original, reversal = pair.original, pair.reversal
            rows.append([
                original.member_code, entry_concept(labels, original),
                self._where(original), labels.money(original.amount_cents),
                self._where(reversal), labels.money(reversal.amount_cents), reversal.note or "",
            ])
        widths = [44.0, 110.0, 150.0, 72.0, 150.0, 72.0]
        widths.append(self.table_width - sum(widths))
        return self.table(header, rows, widths, right=(3, 5), tail=tail, keep=1)

    def _where(self, row: EntryData) -> str:
        labels = self.labels
        if row.period_id is None:
            return labels.t(N_("No. %(id)s, %(date)s"), id=row.id, date=labels.date(row.posted_on))
        return labels.t(N_("No. %(id)s, period %(period)s, %(date)s"), id=row.id, period=row.period_id,
                        date=labels.date(row.posted_on))
