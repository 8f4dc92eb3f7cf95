"""The year's needs, commitments and incidents for the assembly (`report needs --year Y`): needs raised and
met by kind and month (charts), the median days to meet one, the needs met, commitments overdue with their
age, and incidents by kind.

The data is a `coopdesk.domain.needs.NeedsYear`. Private needs are printed without their member's name
unless the member agreed to be named; incidents never name who was affected.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import get_month_names
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from coopdesk.domain.needs import Commitment, NeedKind, NeedsYear, in_words, public_name
from coopdesk.i18n import N_
from coopdesk.reports import SEPARATOR, Labels
from coopdesk.reports.base import Report
from coopdesk.reports.funds import TOTAL_ROW
from coopdesk.reports.style import ACCENT, FONT, MUTED

# One fill per kind, told apart by lightness too (the report is often photocopied in black and white).
KIND_FILLS = {NeedKind.PERSONAL: colors.HexColor("#1F4E79"), NeedKind.FAMILY: colors.HexColor("#6FA8DC"),
              NeedKind.COMMUNITY: colors.HexColor("#C9D9E8")}
MONTHS = tuple(range(1, 13))


class NeedsReport(Report):
    title = N_("Needs, commitments and incidents")
    subject = N_("The needs brought to the council and met, what outside parties owe it, and the incident log")
    wide_tables = True  # in "es+en": headings in two columns, each table one across the page in both languages

    def __init__(self, *, data: NeedsYear, lang: str, generated_at: datetime | None = None) -> None:
        super().__init__(council=data.council, lang=lang, generated_at=generated_at)
        self.data = data

    def subtitle(self) -> str | None:
        return self.labels.t(N_("Year %(year)s"), year=self.data.year)

    def story(self) -> list[Flowable]:
        labels, data = self.labels, self.data
        story: list[Flowable] = [self.heading(labels.t(N_("Needs by kind"))), self._by_kind(), Spacer(0, 4)]
        median = data.median_days
        story.append(self.para(labels.t(N_("Median time from recording a need to meeting it: %(days)s days."),
                                        days=labels.number(round(median))) if median is not None
                               else labels.t(N_("No need was met this year."))))
        story += [self._chart(labels.t(N_("Needs raised, by month")), data.raised_by_kind_month), Spacer(0, 4),
                  self._chart(labels.t(N_("Needs met, by month")), data.met_by_kind_month)]
        story += [CondPageBreak(120), self.heading(labels.t(N_("Needs met"))), self._met()]
        story += [CondPageBreak(120), self.heading(labels.t(N_("Commitments overdue"))), self._overdue()]
        story += [CondPageBreak(100), self.heading(labels.t(N_("Incidents by kind"))), self._incidents(),
                  Spacer(0, 6), self.para(labels.t(N_("Private needs are shown without their member's name unless "
                                                      "the member agreed to be named; incidents never name who "
                                                      "was affected.")), self.styles.small)]
        return story

    def _by_kind(self) -> Flowable:
        labels, data = self.labels, self.data
        header = [labels.t(N_("Kind")), labels.t(N_("Raised this year")), labels.t(N_("Met this year")),
                  labels.t(N_("Still open"))]
        rows, totals = [], [0, 0, 0]
        for kind in NeedKind:
            figures = [sum(data.raised_by_kind_month[kind]), sum(data.met_by_kind_month[kind]),
                       sum(1 for n in data.open_needs if n.kind is kind)]
            totals = [a + b for a, b in zip(totals, figures, strict=True)]
            rows.append([labels.t(kind.label), *(labels.number(f) for f in figures)])
        rows.append([labels.t(N_("Total")), *(labels.number(f) for f in totals)])
        number = min(96.0, self.table_width / 5)
        return self.table(header, rows, [self.table_width - 3 * number, number, number, number], right=(1, 2, 3),
                          style=TOTAL_ROW)

    def _chart(self, caption: str, counts: dict[NeedKind, tuple[int, ...]]) -> Drawing:
        # Beside the bars when the page is whole; under them in half a page (a column of "es+en"), so that the
        # twelve months keep room for their names.
        width, narrow = self.width, self.width < 400
        height = 170.0 if narrow else 150.0
        drawing = Drawing(width, height)
        drawing.add(String(0, height - 10, caption, fontName=FONT, fontSize=9, fillColor=ACCENT))
        chart = VerticalBarChart()
        chart.x, chart.y = 24 if narrow else 30, 42 if narrow else 22
        chart.width, chart.height = (width - 28, height - 62) if narrow else (width - 150, height - 44)
        chart.data = [counts[kind] for kind in NeedKind]
        chart.categoryAxis.style = "stacked"
        months = get_month_names("abbreviated", locale=self.labels.locale)
        chart.categoryAxis.categoryNames = [str(months[m]).rstrip(".") for m in MONTHS]
        chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 6 if narrow else 7
        chart.valueAxis.valueMin = 0
        peak = max((sum(counts[kind][m - 1] for kind in NeedKind) for m in MONTHS), default=0)
        chart.valueAxis.valueMax = max(peak, 4)
        chart.valueAxis.valueStep = max(1, -(-chart.valueAxis.valueMax // 4))
        chart.valueAxis.labelTextFormat = "%d"
        chart.valueAxis.strokeColor = chart.categoryAxis.strokeColor = MUTED
        for index, kind in enumerate(NeedKind):
            chart.bars[index].fillColor = KIND_FILLS[kind]
            chart.bars[index].strokeColor = colors.white
        drawing.add(chart)
        legend = Legend()
        legend.x, legend.y = (24, 14) if narrow else (width - 105, height - 30)
        legend.fontName, legend.fontSize = FONT, 7.5
        legend.alignment = "right"
        if narrow:  # the kinds in a row under the months
            legend.columnMaximum, legend.deltax = 1, 80
        legend.colorNamePairs = [(KIND_FILLS[kind], self.labels.t(kind.label)) for kind in NeedKind]
        drawing.add(legend)
        return drawing

    def _met(self) -> Flowable:
        labels, data = self.labels, self.data
        if not data.met_needs:
            return self.para(labels.t(N_("None.")))
        header = [labels.t(N_("Met on")), labels.t(N_("Kind")), labels.t(N_("Need")), labels.t(N_("Member")),
                  labels.t(N_("How"))]
        rows = [[labels.date(n.met_on, "short") if n.met_on else "", labels.t(n.kind.label), n.title,
                 public_name(n) or (labels.t(N_("(private)")) if n.member_name else labels.t(N_("Community"))),
                 n.how] for n in sorted(data.met_needs, key=lambda n: (n.met_on, n.id))]
        w = self.table_width
        return self.table(header, rows, [62, 62, w * 0.3, w * 0.2, w - 124 - w * 0.5])

    def _overdue(self) -> Flowable:
        labels, data = self.labels, self.data
        if not data.overdue:
            return self.para(labels.t(N_("None: every commitment due has been done.")))
        header = [labels.t(N_("Owed by")), labels.t(N_("What")), labels.t(N_("Due")), labels.t(N_("Days overdue"))]
        rows = [[*commitment_texts(labels, c), labels.date(c.due, "short"), labels.number(c.days_overdue(data.today))]
                for c in sorted(data.overdue, key=lambda c: (c.due, str(c.id)))]  # a fund's arrears: "fund:CODE"
        w = self.table_width
        return self.table(header, rows, [w * 0.22, w - w * 0.22 - 150, 70, 80], right=(3,))

    def _incidents(self) -> Flowable:
        labels, data = self.labels, self.data
        header = [labels.t(N_("Kind")), labels.t(N_("Incidents"))]
        rows = [[labels.t(kind.label), labels.number(count)] for kind, count in data.incidents_by_kind.items()]
        rows.append([labels.t(N_("Total")), labels.number(sum(data.incidents_by_kind.values()))])
        return self.table(header, rows, [self.table_width - 96, 96], right=(1,), style=TOTAL_ROW)


def commitment_texts(labels: Labels, commitment: Commitment) -> tuple[str, str]:
    """Who owes it and what, in the report's languages (a fund's arrears are worded in each)."""
    worded = [in_words(commitment, tr) for tr in labels.translators]
    return (SEPARATOR.join(dict.fromkeys(c.owed_by for c in worded)),
            SEPARATOR.join(dict.fromkeys(c.what for c in worded)))
