"""The pay-period workflow: the list of periods; for the one chosen, its hours, advances and payroll; open,
close (then the payroll PDF), reopen by motion."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import N_, _, ngettext
from coopdesk.services.ledger import (
    CloseResult,
    PeriodSummary,
    hours_grid,
    list_advances,
    payroll,
)
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.advances_panel import AdvancesPanel
from coopdesk.ui.ledger.common import (
    Col,
    LazyTab,
    RowsModel,
    confirm,
    date_range,
    fit_columns,
    hours,
    make_table,
    money,
    selected_row,
    short_date,
    title_font,
)
from coopdesk.ui.ledger.context import LedgerContext
from coopdesk.ui.ledger.hours_panel import HoursPanel
from coopdesk.ui.ledger.payroll_panel import PayrollPanel
from coopdesk.ui.widgets import refill


def state_text(period: PeriodSummary) -> str:
    text = _(period.state.label)
    if period.reopenings:
        text += " · " + ngettext("reopened once", "reopened %(count)d times", period.reopenings) % {
            "count": period.reopenings}
    return text


def posted(period: PeriodSummary, cents: int) -> str:
    return money(cents) if not period.is_open else "—"


PERIOD_COLUMNS = [
    Col(N_("No."), lambda p: str(p.id), right=True),
    Col(N_("Dates"), lambda p: f"{short_date(p.starts_on)} – {short_date(p.ends_on)}"),
    Col(N_("State"), state_text),
    Col(N_("Workers"), lambda p: str(p.members_with_hours), right=True),
    Col(N_("Hours"), lambda p: hours(p.hours_hundredths, grouping=True), right=True),
    Col(N_("Advances"), lambda p: money(p.advances_cents), right=True),
    Col(N_("Gross pay"), lambda p: posted(p, p.gross_cents), right=True),
    Col(N_("Net pay"), lambda p: posted(p, p.net_cents), right=True),
]


class PeriodsTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.current: PeriodSummary | None = None
        self.open_button = QPushButton()
        self.close_button = QPushButton()
        self.reopen_button = QPushButton()
        self.pdf_button = QPushButton()
        self.year = QComboBox()
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # the open period, the one to work on, stands out
        self.model = RowsModel(PERIOD_COLUMNS, self, style=lambda p: "bold" if p.is_open else None)
        self.table = make_table(self.model, stretch=False)
        self.title = QLabel()
        title_font(self.title)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(status_style("good"))
        self.notice.hide()
        self.hours = HoursPanel()
        self.advances = AdvancesPanel()
        self.payroll = PayrollPanel()
        self.detail_tabs = QTabWidget()
        for panel in (self.hours, self.advances, self.payroll):
            self.detail_tabs.addTab(panel, "")

        self.open_button.clicked.connect(self.open_period)
        self.close_button.clicked.connect(self.close_period)
        self.reopen_button.clicked.connect(self.reopen_period)
        self.pdf_button.clicked.connect(self.show_payroll_pdf)
        self.year.currentIndexChanged.connect(self._fill_table)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.hours.saved.connect(self._changed)
        self.hours.dirty_changed.connect(lambda _dirty: self._update_buttons())
        self.advances.changed.connect(self._changed)

        bar = QHBoxLayout()
        for button in (self.open_button, self.close_button, self.reopen_button, self.pdf_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.year)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.notice)
        column.addWidget(self.detail_tabs, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([170, 430])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.open_button.setText(_("Open period…"))
        self.close_button.setText(_("Close period…"))
        self.reopen_button.setText(_("Reopen…"))
        self.pdf_button.setText(_("Payroll PDF…"))
        for index, text in enumerate((_("Hours"), _("Advances"), _("Payroll"))):
            self.detail_tabs.setTabText(index, text)
        self.year.setAccessibleName(_("Year"))
        if self.year.count():
            self.year.setItemText(0, _("All years"))
        self.model.retranslate()
        for panel in (self.hours, self.advances, self.payroll):
            panel.retranslate_ui()
        self._update_title()

    # -- the list

    def reload(self) -> None:
        years = self.read(self.context.years) or []
        refill(self.year, [(None, _("All years")), *((year, str(year)) for year in years)])
        self._fill_table()

    def _fill_table(self) -> None:
        periods = self.read(self.context.periods) or []
        year = self.year.currentData()
        keep = self.current.id if self.current else None
        self.model.set_rows([p for p in periods if year is None or p.year == year])
        fit_columns(self.table)
        rows = self.model.rows
        target = next((i for i, p in enumerate(rows) if p.id == keep), None)
        if target is None:  # the open period being paid, else the latest
            target = next((i for i, p in enumerate(rows) if p.is_open), 0 if rows else None)
        if target is None:
            self.show_period(None)
        else:
            self.select_row(target)
            self.show_period(rows[target])

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().blockSignals(True)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().blockSignals(False)
        self.table.scrollTo(index)

    def select_period(self, period_id: int) -> None:
        for row, period in enumerate(self.model.rows):
            if period.id == period_id:
                self.select_row(row)
                self.show_period(period)

    def _selection_changed(self) -> None:
        row = selected_row(self.table)
        period = self.model.row_at(row) if row is not None else None
        if period is None or (self.current is not None and period.id == self.current.id):
            return
        if self.hours.is_dirty() and self.current is not None:
            previous = self.current
            self.select_period(previous.id)  # stay until the user decides about the unsaved hours
            confirm(self, _("The hours of pay period %(id)s are not saved.") % {"id": previous.id},
                    _("Discard the changes and show the other period?"),
                    lambda: self._discard_and_show(period), yes_text=_("Discard changes"))
            return
        self.show_period(period)

    def _discard_and_show(self, period: PeriodSummary) -> None:
        self.hours.model.revert()
        self.select_period(period.id)

    # -- the period chosen

    def show_period(self, period: PeriodSummary | None) -> None:
        if period is None or self.current is None or period.id != self.current.id:
            self.notice.hide()
            self.notice.setStyleSheet(status_style("good"))
        self.current = period
        db = self.db
        if period is None or db is None:
            self.hours.set_grid(db, None)
            self.advances.set_advances(db, None, [], {})
            self.payroll.set_payroll(None)
        else:
            grid = self.read(lambda: hours_grid(db, period_id=period.id))
            advances = self.read(lambda: list_advances(db, period_id=period.id)) or []
            pay = self.read(lambda: payroll(db, period_id=period.id))
            self.hours.set_grid(db, grid)
            self.advances.set_advances(db, period, advances, self.context.members_by_code())
            self.payroll.set_payroll(pay)
        self._update_title()
        self._update_buttons()

    def _update_title(self) -> None:
        period = self.current
        if period is None:
            self.title.setText(_("No pay period yet: open the first one.") if self.db is not None else "")
            self.notice.setText(_("The equal hourly rate and the social funds are set under “Rates and funds”, each "
                                  "citing the passed motion that decided it."))
            self.notice.setStyleSheet("")
            self.notice.setVisible(self.db is not None)
            return
        self.title.setText(_("Pay period %(id)s: %(dates)s (%(days)s days)") % {
            "id": period.id, "dates": date_range(period.starts_on, period.ends_on), "days": period.days}
            + " · " + state_text(period))

    def _update_buttons(self) -> None:
        period, has_db = self.current, self.db is not None
        self.open_button.setEnabled(has_db)
        dirty = self.hours.is_dirty()
        self.close_button.setEnabled(has_db and period is not None and period.is_open and not dirty)
        self.close_button.setToolTip(_("Save or revert the hours first.") if dirty else "")
        self.reopen_button.setEnabled(has_db and period is not None and not period.is_open)
        self.pdf_button.setEnabled(has_db and period is not None)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.open_button, self.close_button, self.reopen_button

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.hours.set_editable(editable)
        self.advances.set_editable(editable)

    def _changed(self) -> None:
        """Hours, advances or the period's state changed: every tab reads again; this one at once."""
        self.context.notify()

    # -- actions

    def open_period(self) -> None:
        from coopdesk.ui.ledger.open_period_dialog import OpenPeriodDialog

        if self.db is None:
            return
        dialog = OpenPeriodDialog(self.db, self.read(self.context.periods) or [], self, on_saved=self._opened)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _opened(self, period: PeriodSummary) -> None:
        self.current = period
        self.year.setCurrentIndex(0)
        self._changed()
        self.select_period(period.id)

    def close_period(self) -> None:
        from coopdesk.ui.ledger.close_period_dialog import ClosePeriodDialog

        period, db = self.current, self.db
        if period is None or db is None or not period.is_open:
            return
        if self.hours.is_dirty():
            return  # the button says so: save or revert the hours first
        pay = self.read(lambda: payroll(db, period_id=period.id))
        if pay is None:
            return
        self.close_dialog = ClosePeriodDialog(db, pay, self, on_closed=self._closed)
        self.close_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.close_dialog.open()

    def _closed(self, result: CloseResult) -> None:
        period = result.period
        self.notice.setText(ngettext(
            "Pay period %(id)s (%(start)s to %(end)s) is closed: %(count)d member, %(hours)s hours at %(rate)s an "
            "hour.",
            "Pay period %(id)s (%(start)s to %(end)s) is closed: %(count)d members, %(hours)s hours at %(rate)s an "
            "hour.", result.members) % {
            "id": period.id, "start": short_date(period.starts_on), "end": short_date(period.ends_on),
            "count": result.members, "hours": hours(result.totals.hours_hundredths),
            "rate": money(result.rate.rate_cents)})
        self._changed()
        self.notice.show()
        self.detail_tabs.setCurrentWidget(self.payroll)
        self.show_payroll_pdf()

    def reopen_period(self) -> None:
        from coopdesk.ui.ledger.reopen_dialog import ReopenDialog

        if self.current is None or self.db is None or self.current.is_open:
            return
        dialog = ReopenDialog(self.db, self.current, self, on_reopened=lambda _summary: self._changed())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_payroll_pdf(self) -> QWidget | None:
        from coopdesk.services.ledger.reports import payroll_report
        from coopdesk.ui.ledger.common import open_report

        period, db = self.current, self.db
        if period is None or db is None:
            return None
        return open_report(db, self, title=N_("Payroll"),
                           render=lambda lang: payroll_report(db, period_id=period.id, lang=lang),
                           file_stem=_("payroll-%(id)s") % {"id": period.id})
