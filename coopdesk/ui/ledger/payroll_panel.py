"""The payroll tab of a pay period: gross, each fund, advances and net per worker with the totals; the equal
rate and the wage ratio (1.00 by construction); a preview while open, the posted figures once closed; what
stands in the way of closing; and each correction beside the entry it reverses."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from coopdesk.domain.ledger import kind_label
from coopdesk.i18n import N_, _, format_date, format_figure, ngettext
from coopdesk.services.ledger import Correction, Payroll, PayrollLine
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.common import (
    Col,
    RowsModel,
    error_label,
    fit_columns,
    hours,
    make_table,
    money,
    percent,
    show_message,
)


def ratio_text(ratio: Decimal) -> str:
    return format_figure(ratio, grouping=False)


class PayrollPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.payroll: Payroll | None = None
        self.model = RowsModel([], self, style=lambda line: "bold" if not line.member_code else None)
        self.table = make_table(self.model, stretch=False)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.rate = QLabel()
        self.rate.setWordWrap(True)
        self.ratio = QLabel()
        self.ratio.setStyleSheet("font-weight: 600;")
        self.problems = error_label()
        self.corrections_title = QLabel()
        self.corrections_title.setStyleSheet("font-weight: 600;")
        self.corrections = RowsModel([
            Col(N_("Member"), lambda c: c.original.member_code),
            Col(N_("Original entry"), lambda c: _("No. %(id)s") % {"id": c.original.id}),
            Col(N_("Kind"), lambda c: kind_label(c.original.kind)),
            Col(N_("Amount"), lambda c: money(c.original.amount_cents), right=True),
            Col(N_("Reversal entry"), lambda c: _("No. %(id)s") % {"id": c.reversal.id}),
            Col(N_("Amount"), lambda c: money(c.reversal.amount_cents), right=True),
            Col(N_("Reason"), lambda c: c.reversal.note or "", tip=lambda c: c.reversal.note),
        ], self, style=lambda _c: "reversal")
        self.corrections_table = make_table(self.corrections)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.rate)
        layout.addWidget(self.ratio)
        layout.addWidget(self.problems)
        corrections = QWidget()
        column = QVBoxLayout(corrections)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.corrections_title)
        column.addWidget(self.corrections_table, 1)
        self.corrections_box = corrections
        splitter = QSplitter(Qt.Orientation.Vertical)  # the pay lines keep most of the room
        splitter.addWidget(self.table)
        splitter.addWidget(corrections)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 110])
        layout.addWidget(splitter, 1)
        layout.addWidget(self.totals)
        self.set_payroll(None)

    def retranslate_ui(self) -> None:
        self.set_payroll(self.payroll)

    def columns(self, payroll: Payroll | None) -> list[Col]:
        funds = payroll.funds if payroll else ()
        columns = [
            Col(N_("Code"), lambda line: line.member_code),
            Col(N_("Name"), lambda line: line.member_name if line.member_code else _("Totals"),
                tip=lambda line: line.member_name or None),
            Col(N_("Hours"), lambda line: hours(line.hours_hundredths, grouping=True), right=True),
            Col(N_("Gross pay"), lambda line: money(line.gross_cents), right=True),
        ]
        for position, fund in enumerate(funds):
            # the fund's code heads its column (names are long); the name is the header's tip
            columns.append(Col(f"{fund.code}\n{percent(fund.percent_hundredths)}",
                               lambda line, i=position: money(line.contributions[i]), right=True, raw=True,
                               tip=lambda _line, fund=fund: _("Contribution to %(fund)s") % {"fund": fund.name},
                               header_tip=fund.name))
        columns += [
            Col(N_("Advances"), lambda line: money(line.advances_cents), right=True),
            Col(N_("Net pay"), lambda line: money(line.net_cents), right=True),
        ]
        for position, fund in enumerate(payroll.owed_funds if payroll else ()):
            # after net pay, since it is not taken from it: what management owes the fund for each line
            columns.append(Col(_("%(code)s\nowed") % {"code": fund.code},
                               lambda line, i=position: money(line.owed[i]) if line.owed else "", right=True,
                               raw=True, tip=lambda _line, fund=fund: _("Owed by management to %(fund)s") % {
                                   "fund": fund.name},
                               header_tip=fund.name))
        return columns

    def set_payroll(self, payroll: Payroll | None) -> None:
        self.payroll = payroll
        lines: list[PayrollLine] = [*payroll.lines, payroll.totals] if payroll and payroll.lines else []
        self.model.set_rows(lines, self.columns(payroll))
        fit_columns(self.table, widest=180)
        if lines:  # figures as wide as the totals (the widest, and the last row, unmeasured); long fund names elide
            bold = self.table.font()
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            for section, column in enumerate(self.model.columns[2:], 2):
                needed = metrics.horizontalAdvance(column.text(lines[-1])) + 12
                self.table.setColumnWidth(section, max(needed, min(self.table.columnWidth(section), needed + 6)))
        corrections: tuple[Correction, ...] = payroll.corrections if payroll else ()
        self.corrections.set_rows(corrections)
        fit_columns(self.corrections_table)
        self.corrections_title.setText(_("Corrections"))
        self.corrections_box.setVisible(bool(corrections))
        if payroll is None:
            for label in (self.state, self.rate, self.ratio, self.totals):
                label.setText("")
            show_message(self.problems, "")
            return
        if payroll.posted:
            state = _("Closed on %(date)s") % {"date": format_date(payroll.period.closed_at.date())} \
                if payroll.period.closed_at else _("Closed period")
            if payroll.verification:
                state += " · " + _("Verification code: %(code)s") % {"code": payroll.verification}
            self.state.setStyleSheet("")
        else:
            state = _("This period is still open: these figures are a preview and nothing has been posted yet.")
            self.state.setStyleSheet(status_style("muted"))
        if not payroll.lines:
            state += " " + _("Nobody has hours or advances in this period.")
        self.state.setText(state)
        rate = payroll.rate
        self.rate.setText(_("The equal hourly rate is %(rate)s from %(date)s, by motion %(motion)s.") % {
            "rate": money(rate.rate_cents), "date": format_date(rate.effective_from), "motion": rate.motion_id}
            if rate else "")
        self.rate.setToolTip(f"“{rate.motion_text}”" if rate else "")
        self.ratio.setText(_("Wage ratio (highest / lowest rate)") + ": " + ratio_text(payroll.wage_ratio))
        show_message(self.problems, "\n".join(problem.translated() for problem in payroll.problems))
        totals = payroll.totals
        self.totals.setText(_("Totals: %(workers)s · %(hours)s hours · gross %(gross)s · funds %(funds)s · advances "
                              "%(advances)s · net %(net)s") % {
            "workers": ngettext("%(count)d worker", "%(count)d workers", len(payroll.lines)) % {
                "count": len(payroll.lines)},
            "hours": hours(totals.hours_hundredths, grouping=True), "gross": money(totals.gross_cents),
            "funds": money(totals.contributions_cents), "advances": money(totals.advances_cents),
            "net": money(totals.net_cents)} if payroll.lines else "")
