"""Every posted entry, filtered by period, member, kind and year; an entry is corrected only by reversing it,
with a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from coopdesk.domain.ledger import KIND_LABELS, EntryKind
from coopdesk.i18n import N_, _, ngettext
from coopdesk.services.ledger import EntryFilter, EntryRow, ReversalResult
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.common import (
    LazyTab,
    make_table,
    selected_row,
    short_date,
    show_message,
)
from coopdesk.ui.ledger.context import LedgerContext
from coopdesk.ui.ledger.entries_model import COLUMNS, ENTRY_ROLE, EntriesModel, EntryColumn
from coopdesk.ui.ledger.fields import MemberPicker
from coopdesk.ui.widgets import refill

KIND_FILTERS = (EntryKind.GROSS, EntryKind.CONTRIBUTION, EntryKind.OWED, EntryKind.ADVANCE, EntryKind.NET,
                EntryKind.DEPOSIT, EntryKind.PAYOUT, EntryKind.SURPLUS, EntryKind.REVERSAL)
FUND_KIND_FILTERS = {EntryKind.CONTRIBUTION: N_("Contributions"), EntryKind.OWED: N_("Owed by management"),
                     EntryKind.DEPOSIT: N_("Deposits by management"), EntryKind.PAYOUT: N_("Payouts from the funds")}


def entries_table(model: EntriesModel) -> QTableView:
    table = make_table(model)
    header = table.horizontalHeader()
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder)
    return table


def fit_entry_columns(table: QTableView) -> None:
    """From the first rows only, with room for long names and notes left to the last column."""
    if table.model().rowCount() == 0:
        return
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column, widest in ((EntryColumn.NAME, 240), (EntryColumn.KIND, 260), (EntryColumn.CORRECTION, 220)):
        section = COLUMNS.index(column)
        header.resizeSection(section, min(header.sectionSize(section), widest))
    header.resizeSection(0, header.sectionSize(0) + 16)  # room for the sort arrow beside the number
    # The first rows may hold no correction; the labels further down must not be cut.
    longest = max(table.fontMetrics().horizontalAdvance(text) for text in (
        _("reverses entry no. %(id)s") % {"id": 9_999_999}, _("reversed by entry no. %(id)s") % {"id": 9_999_999}))
    section = COLUMNS.index(EntryColumn.CORRECTION)
    header.resizeSection(section, max(header.sectionSize(section), longest + 12))


class FilterCombo(QComboBox):
    """A filter whose choices are read when first needed (its list opened, a key or the wheel on it), so that
    the table does not wait for five hundred periods' labels; its first item means "all"."""

    def __init__(self, choices: Callable[[], list[tuple[int, str]]], all_text: Callable[[], str],
                 width_in_characters: int) -> None:
        super().__init__()
        self.choices = choices
        self.all_text = all_text
        self.filled = False
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(width_in_characters)  # no jump in width when the choices arrive
        self.addItem(all_text(), None)

    def ensure_filled(self) -> None:
        if self.filled:
            return
        self.filled = True
        refill(self, [(None, self.all_text()), *self.choices()])

    def reset(self) -> None:
        """The choices changed (or their language): read them again when next needed, keeping the one chosen."""
        chosen = self.currentData()
        self.filled = False
        if chosen is not None:
            self.ensure_filled()  # its label must be right now; a choice is rarely kept across a reset
            return
        self.blockSignals(True)
        self.clear()
        self.addItem(self.all_text(), None)
        self.blockSignals(False)

    def showPopup(self) -> None:
        self.ensure_filled()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.ensure_filled()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.ensure_filled()
        super().wheelEvent(event)


class EntriesTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = EntriesModel(parent=self)
        self.table = entries_table(self.model)
        self.period = FilterCombo(self._period_choices, lambda: _("All periods"), 24)
        self.member = MemberPicker()
        self.member.setMinimumWidth(220)
        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.addItem("", None)
        for kind in KIND_FILTERS:
            self.kind.addItem("", kind.value)
        self.year = FilterCombo(lambda: [(year, str(year)) for year in self.context.statement_years()],
                                lambda: _("All years"), 10)
        self.reverse_button = QPushButton()
        self.count = QLabel()
        self.notice = QLabel()
        self.notice.setStyleSheet(status_style("good"))
        self.notice.setWordWrap(True)
        self.notice.hide()

        for combo in (self.period, self.kind, self.year):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.member.member_chosen.connect(lambda _code: self.apply_filter())
        self.member.textChanged.connect(lambda text: self.apply_filter() if not text else None)
        self.table.horizontalHeader().sectionClicked.connect(self._sort)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.reverse_selected())
        self.reverse_button.clicked.connect(self.reverse_selected)

        bar = QHBoxLayout()
        bar.addWidget(self.period)
        bar.addWidget(self.member, 1)
        bar.addWidget(self.kind)
        bar.addWidget(self.year)
        bar.addStretch(0)
        bar.addWidget(self.reverse_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.member.setPlaceholderText(_("Any member (code or name)"))
        self.member.setAccessibleName(self.member.placeholderText())
        self.kind.setItemText(0, _("All kinds"))
        for index, kind in enumerate(KIND_FILTERS, 1):
            self.kind.setItemText(index, _(FUND_KIND_FILTERS.get(kind) or KIND_LABELS[kind]))
        self.period.reset()
        self.year.reset()
        self.reverse_button.setText(_("Reverse…"))
        self.model.retranslate()
        self._update_count()

    def _period_choices(self) -> list[tuple[int, str]]:
        return [(period.id, _("No. %(id)s · %(dates)s") % {
            "id": period.id, "dates": f"{short_date(period.starts_on)} – {short_date(period.ends_on)}"})
            for period in self.read(self.context.periods) or []]

    # -- data

    def reload(self) -> None:
        self.period.reset()  # their choices are read when the user opens them
        self.year.reset()
        self.member.set_members(self.read(self.context.members) or [])
        self.model.entry_filter = self.current_filter()
        self.model.set_database(self.db)
        fit_entry_columns(self.table)
        self._update_count()
        self._update_buttons()

    def current_filter(self) -> EntryFilter:
        return EntryFilter(period_id=self.period.currentData(), member_code=self.member.code(),
                           kind=self.kind.currentData(), year=self.year.currentData())

    def apply_filter(self) -> None:
        selected = self.selected_entry()
        self.model.set_filter(self.current_filter())
        self._update_count()
        if selected is not None:
            self.select_entry(selected.id)
        self._update_buttons()

    def _sort(self, section: int) -> None:
        header = self.table.horizontalHeader()
        if COLUMNS[section] is not EntryColumn.ID:  # only the posting order: keep the indicator on the number
            header.setSortIndicator(0, Qt.SortOrder.DescendingOrder if self.model.descending
                                    else Qt.SortOrder.AscendingOrder)
            return
        self.model.sort(section, header.sortIndicatorOrder())
        self._update_count()

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count.setText(ngettext("%(count)d entry", "%(count)d entries", count) % {"count": count})

    def selected_entry(self) -> EntryRow | None:
        row = selected_row(self.table)
        return self.model.data(self.model.index(row, 0), ENTRY_ROLE) if row is not None else None

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        can = entry is not None and entry.kind != EntryKind.REVERSAL.value and entry.reversed_by_id is None
        self.reverse_button.setEnabled(can)
        if entry is not None and entry.kind == EntryKind.REVERSAL.value:
            self.reverse_button.setToolTip(_("A reversal is not reversed: post the entry again instead."))
        elif entry is not None and entry.reversed_by_id is not None:
            self.reverse_button.setToolTip(_("reversed by entry no. %(id)s") % {"id": entry.reversed_by_id})
        else:
            self.reverse_button.setToolTip("")

    def write_controls(self) -> tuple[QWidget, ...]:
        return (self.reverse_button,)

    # -- reversing

    def reverse_selected(self) -> None:
        from coopdesk.ui.ledger.reversal_dialog import ReversalDialog

        entry = self.selected_entry()
        if entry is None or self.db is None or not self.editable or not self.reverse_button.isEnabled():
            return  # (a double-click in a read-only window, or on an entry that cannot be reversed)
        self.reversal_dialog = ReversalDialog(self.db, entry, self,
                                              on_reversed=lambda result: self._reversed(entry, result))
        self.reversal_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reversal_dialog.open()

    def _reversed(self, entry: EntryRow, result: ReversalResult) -> None:
        original = entry.id
        others = len(result.reversed_ids) - 1
        if others:
            text = ngettext(
                "Entry %(id)s was reversed with the %(count)d other entry of its pay line, in pay period %(period)s.",
                "Entry %(id)s was reversed with the %(count)d other entries of its pay line, in pay period "
                "%(period)s.", others) % {"id": original, "count": others, "period": result.period_id}
        else:
            text = _("Entry %(id)s was reversed.") % {"id": original}
        self.context.notify()
        show_message(self.notice, text)
        self.select_entry(result.entry_id)
