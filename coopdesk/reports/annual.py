"""The annual report (`report annual --year Y`): the council's "memoria y cuenta" for a year.

One section per part of the year — assemblies and attendance, agreements and what became of their follow-up
actions, the rotation's balance, wages, the social funds, needs raised and met, learning change — each a table
and, where people look rather than read, a chart (see charts.py). `sections()` lists them in order; the needs
and the learning survey come in `AnnualAccount.extra` ("needs", "learning"). The needs are counted by kind
only (no title, no name) and the survey keeps its rule: no mean, and no share improved, under five answers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from coopdesk.domain.annual import AnnualAccount
from coopdesk.domain.ledger import arrears_text
from coopdesk.domain.meetings import ActionStatus
from coopdesk.domain.needs import NeedKind, NeedsYear
from coopdesk.i18n import N_, format_mean, format_share
from coopdesk.reports import SEPARATOR, Labels
from coopdesk.reports.base import Report
from coopdesk.reports.charts import balances_chart, bar_chart
from coopdesk.reports.needs import commitment_texts
from coopdesk.reports.payroll import decimal_text, hours_text, period_text
from coopdesk.reports.style import ACCENT, CELL_FONT_SIZE, CELL_LEADING, FONT_BOLD
from coopdesk.reports.survey import AreaData, SummaryData
from coopdesk.reports.tables import fitted_widths

TOTAL_ROW = [("FONT", (0, -1), (-1, -1), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING),
             ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT)]
MAX_CHART_MEMBERS = 60  # a bar per member fits one page up to this many
NO_VALUE = "—"
CURRENCY = "Bs."  # the amounts' columns say it once, in the header
CHART_LABEL = 22  # characters of a survey area's name beside the learning chart's bars


class AnnualReport(Report):
    """In "es+en" the headings, sentences and charts stand in two columns and each table prints once across the
    page (`wide_tables`): codes, dates and figures never break inside a half-width column."""

    title = N_("Annual report")
    subject = N_("The council's account of its year: assemblies, agreements, rotation, wages, funds, needs and "
                 "learning")
    wide_tables = True

    def __init__(self, *, account: AnnualAccount, lang: str, generated_at: datetime | None = None) -> None:
        super().__init__(council=account.council, lang=lang, generated_at=generated_at)
        self.account = account

    def subtitle(self) -> str:
        return self.labels.t(N_("Year %(year)s"), year=self.account.year)

    def sections(self) -> list[Callable[[], list[Flowable]]]:
        return [self._assemblies, self._agreements, self._rotation, self._wages, self._funds, self._needs,
                self._learning]

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for number, section in enumerate(self.sections(), start=1):
            story += section_heading(self, number, section())
        return story

    # ---- the sections

    def _assemblies(self) -> list[Flowable]:
        labels, meetings = self.labels, self.account.meetings
        story: list[Flowable] = [self.heading(labels.t(N_("Assemblies and attendance")))]
        if not meetings:
            return [*story, self.para(labels.t(N_("No assembly was held this year.")))]
        held = sum(1 for meeting in meetings if meeting.quorum_met)
        story.append(self.para(labels.t(
            N_("%(count)s meetings were convened and held; %(held)s reached their quorum and %(failed)s could not be "
               "constituted."), count=labels.number(len(meetings)), held=labels.number(held),
            failed=labels.number(len(meetings) - held))))
        header = [labels.t(N_("Minutes No.")), labels.t(N_("Date")), labels.t(N_("Meeting")),
                  labels.t(N_("Present voters")), labels.t(N_("Agreements"))]
        rows = [(meeting.number, labels.date(meeting.day, "short"), meeting.title,
                 f"{labels.number(meeting.present_voters)} / {labels.number(meeting.entitled)} "
                 f"({labels.percent(meeting.present_voters, meeting.entitled)})"
                 + ("" if meeting.quorum_met else " — " + labels.t(N_("no quorum"))),
                 labels.number(meeting.agreements)) for meeting in meetings]
        w = self.table_width
        story.append(self.table(header, rows, [w * 0.16, w * 0.15, w * 0.34, w * 0.22, w * 0.13], right=(3, 4)))
        share = [100 * meeting.present_voters / meeting.entitled if meeting.entitled else 0 for meeting in meetings]
        caption = labels.t(N_("Attendance at each meeting, in per cent of the entitled voters"))
        story.append(self._captioned(caption, bar_chart(
            [labels.skeleton(meeting.day, "MMMd") for meeting in meetings], [share], [labels.t(N_("Attendance"))],
            self.width, value_max=100, value_format=lambda v: labels.number(int(v)))))
        return story

    def _agreements(self) -> list[Flowable]:
        labels, agreements = self.labels, self.account.agreements
        story: list[Flowable] = [self.heading(labels.t(N_("Agreements and their follow-up")))]
        if not agreements:
            return [*story, self.para(labels.t(N_("No agreement was adopted this year.")))]
        states = (ActionStatus.DONE, ActionStatus.OPEN, ActionStatus.CANCELLED)
        totals = [sum(agreement.count(state) for agreement in agreements) for state in states]
        story.append(self.para(labels.t(
            N_("%(agreements)s agreements; of their %(actions)s follow-up actions %(done)s were done, %(open)s are "
               "still open and %(cancelled)s were cancelled."), agreements=labels.number(len(agreements)),
            actions=labels.number(sum(totals)), done=labels.number(totals[0]), open=labels.number(totals[1]),
            cancelled=labels.number(totals[2]))))
        header = [labels.t(N_("Minutes No.")), labels.t(N_("Agreement")), *(labels.t(s.label) for s in states)]
        rows = [(agreement.meeting_number, agreement.text, *(labels.number(agreement.count(s)) for s in states))
                for agreement in agreements]
        w = self.table_width
        story.append(self.table(header, rows, [w * 0.14, w * 0.5, w * 0.12, w * 0.12, w * 0.12], right=(2, 3, 4)))
        if sum(totals):
            story += [Spacer(0, 6), bar_chart([labels.t(s.label) for s in states], [totals],
                                              [labels.t(N_("Follow-up actions"))], self.width, 120,
                                              value_format=lambda v: labels.number(int(v)))]
        return story

    def _rotation(self) -> list[Flowable]:
        labels, lines = self.labels, self.account.rotation
        story: list[Flowable] = [self.heading(labels.t(N_("Rotation balance")))]
        if not lines:
            return [*story, self.para(labels.t(N_("No rotation plan was published for this year.")))]
        categories = [labels.t(category) for category in self.account.categories]
        story.append(self.para(labels.t(N_("Weeks each member spent in each kind of post, in published plans."))))
        if len(lines) <= MAX_CHART_MEMBERS:
            height = 40 + 16 + 9.0 * len(lines)
            story.append(bar_chart([line.member_code for line in reversed(lines)],
                                   [[line.weeks[i] for line in reversed(lines)] for i in range(len(categories))],
                                   categories, self.width, height, stacked=True, horizontal=True,
                                   value_format=lambda v: labels.number(int(v))))
        header = [labels.t(N_("Code")), labels.t(N_("Full name")), *categories, labels.t(N_("Total"))]
        rows = [(line.member_code, line.full_name, *(labels.number(n) for n in line.weeks), labels.number(line.total))
                for line in lines]
        w = self.table_width
        numbers = [max(width, w * 0.08) for width in fitted_widths(header, rows, range(2, len(header)))]
        story.append(self.table(header, rows, [w * 0.12, w - w * 0.12 - sum(numbers), *numbers],
                                right=range(2, len(categories) + 3)))
        return story

    def _wages(self) -> list[Flowable]:
        labels, periods = self.labels, self.account.periods
        story: list[Flowable] = [self.heading(labels.t(N_("Wages")))]
        if not periods:
            return [*story, self.para(labels.t(N_("No pay period ended this year.")))]
        header = [labels.t(N_("Pay period")), labels.t(N_("Hours")), f'{labels.t(N_("Gross pay"))} ({CURRENCY})',
                  f'{labels.t(N_("Net pay"))} ({CURRENCY})']
        rows = [(period_text(labels, p.starts_on, p.ends_on, "short"), hours_text(labels, p.hours_hundredths),
                 bolivars(labels, p.gross_cents), bolivars(labels, p.net_cents)) for p in periods]
        rows.append((labels.t(N_("Total")), hours_text(labels, sum(p.hours_hundredths for p in periods)),
                     bolivars(labels, sum(p.gross_cents for p in periods)),
                     bolivars(labels, sum(p.net_cents for p in periods))))
        w = self.table_width
        story.append(self.table(header, rows, [w * 0.27, w * 0.19, w * 0.27, w * 0.27], right=(1, 2, 3),
                                style=TOTAL_ROW))
        story.append(self._captioned(labels.t(N_("Net pay of each period (Bs.)")), bar_chart(
            [labels.skeleton(p.ends_on, "MMMd") for p in periods], [[p.net_cents / 100 for p in periods]],
            [labels.t(N_("Net pay"))], self.width, value_format=lambda v: labels.number(int(v)))))
        return story

    def _funds(self) -> list[Flowable]:
        labels, funds = self.labels, self.account.funds
        story: list[Flowable] = [self.heading(labels.t(N_("Social funds"))), *self._owed_funds()]
        if not funds:
            if self.account.owed_funds:
                return story
            return [*story, self.para(labels.t(N_("No social fund has been created yet.")))]
        header = [labels.t(N_("Fund")), *(f"{labels.t(msgid)} ({CURRENCY})" for msgid in (
            N_("Opening balance"), N_("Contributed"), N_("Closing balance")))]
        rows = [(fund.name, *(bolivars(labels, cents) for cents in (
            fund.opening_cents, fund.closing_cents - fund.opening_cents, fund.closing_cents))) for fund in funds]
        w = self.table_width
        story.append(self.table(header, rows, [w * 0.25, w * 0.25, w * 0.25, w * 0.25], right=(1, 2, 3)))
        days = [day for day, _balance in funds[0].balances]
        if len(days) > 1:
            story.append(self._captioned(labels.t(N_("Balance of each fund over the year (Bs.)")), balances_chart(
                labels, days, [[balance for _day, balance in fund.balances] for fund in funds],
                [fund.name for fund in funds], self.width)))
        return story

    def _owed_funds(self) -> list[Flowable]:
        """The funds management pays: what it owed up to the end of the year, what it deposited, the arrears."""
        labels, owed = self.labels, self.account.owed_funds
        if not owed:
            return []
        header = [labels.t(N_("Fund")), labels.t(N_("Owed by management")), labels.t(N_("Deposited")),
                  labels.t(N_("Arrears"))]
        rows = [(fund.name, labels.money(fund.owed_cents), labels.money(fund.deposited_cents),
                 labels.money(fund.arrears_cents)) for fund in owed]
        w = self.table_width
        story: list[Flowable] = [self.table(header, rows, [w * 0.34, w * 0.22, w * 0.22, w * 0.22],
                                            right=(1, 2, 3)), Spacer(0, 4)]
        for fund in owed:
            if fund.arrears_cents > 0 and fund.arrears_since is not None:
                sentence = labels.built(lambda tr, fund=fund: arrears_text(fund.name, fund.arrears_cents,
                                                                           fund.arrears_since, tr))
                story.append(self.para(sentence[:1].upper() + sentence[1:] + "."))
        return [*story, Spacer(0, 6)]


    def _needs(self) -> list[Flowable]:
        """Needs raised and met by kind (counts only), the median days to meet one, the overdue commitments."""
        labels, data = self.labels, self.account.extra.get("needs")
        story: list[Flowable] = [self.heading(labels.t(N_("Needs raised and met")))]
        if not isinstance(data, NeedsYear):
            return [*story, self.para(labels.t(N_("No need was recorded this year.")))]
        raised = [sum(data.raised_by_kind_month[kind]) for kind in NeedKind]
        met = [sum(data.met_by_kind_month[kind]) for kind in NeedKind]
        still_open = [sum(1 for need in data.open_needs if need.kind is kind) for kind in NeedKind]
        median = data.median_days
        story.append(self.para(labels.t(
            N_("%(raised)s needs were raised and %(met)s met this year; %(open)s are still open."),
            raised=labels.number(sum(raised)), met=labels.number(sum(met)), open=labels.number(sum(still_open)))
            + " " + (labels.t(N_("Median time from recording a need to meeting it: %(days)s days."),
                              days=labels.number(round(median))) if median is not None
                     else labels.t(N_("No need was met this year.")))))
        header = [labels.t(N_("Kind")), labels.t(N_("Raised this year")), labels.t(N_("Met this year")),
                  labels.t(N_("Still open"))]
        rows = [(labels.t(kind.label), labels.number(raised[i]), labels.number(met[i]), labels.number(still_open[i]))
                for i, kind in enumerate(NeedKind)]
        rows.append((labels.t(N_("Total")), labels.number(sum(raised)), labels.number(sum(met)),
                     labels.number(sum(still_open))))
        w = self.table_width
        number = min(96.0, w * 0.24)  # a column of one language side by side still fits "Registradas"
        story.append(self.table(header, rows, [w - 3 * number, number, number, number], right=(1, 2, 3),
                                style=TOTAL_ROW))
        if sum(raised) or sum(met):
            story += [Spacer(0, 6), bar_chart([labels.t(kind.label) for kind in NeedKind], [raised, met],
                                              [header[1], header[2]], self.width, 140,
                                              value_format=lambda v: labels.number(int(v)))]
        story += [Spacer(0, 6), self.para(labels.t(N_("Commitments overdue")), self.styles.small)]
        if not data.overdue:
            return [*story, self.para(labels.t(N_("None: every commitment due has been done.")))]
        header = [labels.t(N_("Owed by")), labels.t(N_("What")), labels.t(N_("Due")), labels.t(N_("Days overdue"))]
        rows = [(*commitment_texts(labels, c), labels.date(c.due, "short"), labels.number(c.days_overdue(data.today)))
                for c in sorted(data.overdue, key=lambda c: (c.due, str(c.id)))]
        day, late = 52.0, 46.0  # a short date and a count whole, even in a column of one language
        story.append(self.table(header, rows, [w * 0.24, w * 0.76 - day - late, day, late], right=(3,)))
        return story

    def _learning(self) -> list[Flowable]:
        """Each survey area's mean per wave of the year (and the wave before), the share who improved since the
        wave before; no mean or share for fewer than five answers."""
        labels = self.labels
        data: SummaryData | None = self.account.extra.get("learning")  # type: ignore[assignment]
        story: list[Flowable] = [self.heading(labels.t(N_("Learning change")))]
        waves = list(data.waves) if data is not None else []
        if data is None or not waves:
            return [*story, self.para(labels.t(N_("No survey wave was opened this year.")))]
        story.append(self.para(labels.t(N_(
            "Members rate themselves from 1 to 5 in each area. Only counts and means are shown, and no mean for "
            "fewer than 5 answers.")), self.styles.small))
        last = waves[-1]
        header = [labels.t(N_("Area")), *(f"{wave.name} ({labels.date(wave.opened_on, 'short')})" for wave in waves),
                  labels.t(N_("Improved since the wave before"))]
        rows: list[list[str]] = []
        means: list[list[float]] = [[] for _wave in waves]  # a suppressed mean draws no bar
        areas = [area for area in data.areas if any(data.result(wave.id, area.code).n for wave in waves)]
        for area in areas:
            row = [self._area_name(area)]
            for index, wave in enumerate(waves):
                result = data.result(wave.id, area.code)
                row.append(f"{format_mean(result.mean, labels.primary.lang)} (n {labels.number(result.n)})"
                           if result.mean is not None else
                           (f"{NO_VALUE} (n {labels.number(result.n)})" if result.n else NO_VALUE))
                means[index].append(float(result.mean) if result.mean is not None else 0.0)
            change = data.improvement(last.id, area.code)
            row.append("" if change is None else format_share(change.improved, labels.primary.lang)
                       if change.improved is not None else labels.t(N_("fewer than 5 to compare")))
            rows.append(row)
        w = self.table_width
        share = (w * 0.62) / (len(waves) + 1)
        story.append(self.table(header, rows, [w * 0.38, *([share] * (len(waves) + 1))],
                                right=range(1, len(waves) + 2)))
        if areas:
            height = 40 + 16 + 9.0 * len(areas) * len(waves)
            story.append(self._captioned(
                labels.t(N_("Mean of each area in each wave (1–5; no bar where fewer than 5 answered)")),
                bar_chart([shortened(self._area_name(area), CHART_LABEL) for area in reversed(areas)],
                          [list(reversed(values)) for values in means], [wave.name for wave in waves], self.width,
                          height, horizontal=True, value_max=5, value_format=lambda v: labels.number(int(v)))))
        return story

    def _captioned(self, caption: str, chart: Flowable) -> KeepTogether:
        """A chart with the line that says what it shows, never parted by a page break."""
        return KeepTogether([Spacer(0, 6), self.para(caption, self.styles.small), chart])

    def _area_name(self, area: AreaData) -> str:
        names = [area.name_en if lang.startswith("en") else area.name_es for lang in self.labels.languages]
        return SEPARATOR.join(dict.fromkeys(names))


def shortened(text: str, limit: int) -> str:
    """A label that fits beside a horizontal chart's bars (the table above has it whole)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def bolivars(labels: Labels, cents: int) -> str:
    """An amount without its symbol (the column's header names the currency), so that it fits a narrow column."""
    return decimal_text(labels, Decimal(cents) / 100)


def section_heading(report: Report, number: int, section: list[Flowable]) -> list[Flowable]:
    """A section starts where its heading and first lines fit, its heading numbered; the heading stays with its
    sentence and what the sentence introduces (a chart, a table's first rows), never alone at a page's foot."""
    heading, *rest = section
    numbered = report.heading(f"{number}. {heading.getPlainText()}")
    return [CondPageBreak(120), KeepTogether([numbered, *rest[:2]]), *rest[2:], Spacer(0, 6)]
