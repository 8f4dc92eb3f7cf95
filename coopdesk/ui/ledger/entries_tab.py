"""Every posted entry, filtered by period, member, kind and year; an entry is corrected only by reversing it,
with a reason."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from coopdesk.domain.ledger import KIND_LABELS, EntryKind
from coopdesk.i18n import _, ngettext
from coopdesk.services.ledger import EntryFilter, EntryRow, ReversalResult
from coopdesk.ui.ledger.common import (
    OK_STYLE,
    LazyTab,
    make_table,
    selected_row,
    short_date,
    show_message,
)
from coopdesk.ui.ledger.context import LedgerContext
from coopdesk.ui.ledger.entries_model import COLUMNS, ENTRY_ROLE, EntriesModel, EntryColumn
from coopdesk.ui.ledger.fields import MemberPicker

KIND_FILTERS = (EntryKind.GROSS, EntryKind.CONTRIBUTION, EntryKind.ADVANCE, EntryKind.NET, EntryKind.SURPLUS,
                EntryKind.REVERSAL)


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


class EntriesTab(LazyTab):
    def __init__(self, context: LedgerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = EntriesModel(parent=self)
        self.table = entries_table(self.model)
        self.period = QComboBox()
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.member = MemberPicker()
        self.member.setMinimumWidth(220)
        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.addItem("", None)
        for kind in KIND_FILTERS:
            self.kind.addItem("", kind.value)
        self.year = QComboBox()
        self.reverse_button = QPushButton()
        self.count = QLabel()
        self.notice = QLabel()
        self.notice.setStyleSheet(OK_STYLE)
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
        self.kind.setItemText(0, _("All kinds"))
        for index, kind in enumerate(KIND_FILTERS, 1):
            self.kind.setItemText(index, _("Contributions") if kind is EntryKind.CONTRIBUTION else _(KIND_LABELS[kind]))
        if self.period.count():
            self.period.setItemText(0, _("All periods"))
            for index in range(1, self.period.count()):
                self.period.setItemText(index, self._period_label(self.period.itemData(index)))
        if self.year.count():
            self.year.setItemText(0, _("All years"))
        self.reverse_button.setText(_("Reverse…"))
        self.model.retranslate()
        self._update_count()

    def _period_label(self, period_id: int) -> str:
        for period in self.context.periods():
            if period.id == period_id:
                return _("No. %(id)s · %(dates)s") % {
                    "id": period.id, "dates": f"{short_date(period.starts_on)} – {short_date(period.ends_on)}"}
        return str(period_id)

    # -- data

    def reload(self) -> None:
        periods = self.read(self.context.periods) or []
        self._refill(self.period, [(None, _("All periods"))] + [(p.id, self._period_label(p.id)) for p in periods])
        self._refill(self.year, [(None, _("All years"))] + [(y, str(y)) for y in sorted(
            {p.year for p in periods}, reverse=True)])
        self.member.set_members(self.read(self.context.members) or [])
        self.model.entry_filter = self.current_filter()
        self.model.set_database(self.db)
        fit_entry_columns(self.table)
        self._update_count()
        self._update_buttons()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[int | None, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

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

    # -- reversing

    def reverse_selected(self) -> None:
        from coopdesk.ui.ledger.reversal_dialog import ReversalDialog

        entry = self.selected_entry()
        if entry is None or self.db is None or not self.reverse_button.isEnabled():
            return
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
