"""The proceedings of a meeting, item by item: the agenda on the left; on the right the chosen item's minutes,
its votes, its elections and its decisions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import ItemDetail, MeetingDetail, Person
from coopdesk.i18n import N_, _
from coopdesk.ui.meetings.common import Col, RowsModel, make_table, select_row, selected_row, stretch_column
from coopdesk.ui.meetings.decisions import DecisionsPanel
from coopdesk.ui.meetings.elections import ElectionsPanel
from coopdesk.ui.meetings.minutes import MinutesEditor
from coopdesk.ui.meetings.motions import MotionsPanel
from coopdesk.ui.widgets import relative_font

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

ITEM_COLUMNS = (
    Col(N_("No."), lambda i: str(i.position), right=True),
    Col(N_("Agenda item"), lambda i: i.title, tip=lambda i: i.title),
)


class ProceedingsPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.model = RowsModel(ITEM_COLUMNS, self)
        self.items = make_table(self.model)
        stretch_column(self.items, 1)
        self.items.setMinimumWidth(180)
        self.items.selectionModel().selectionChanged.connect(self._item_changed)
        self.heading = QLabel()
        relative_font(self.heading, 1.2, 600)
        self.heading.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.minutes = MinutesEditor(workspace)
        self.motions = MotionsPanel(workspace)
        self.elections = ElectionsPanel(workspace)
        self.decisions = DecisionsPanel(workspace)
        self.tabs = QTabWidget()
        for panel in (self.minutes, self.motions, self.elections, self.decisions):
            self.tabs.addTab(panel, "")
        self.tabs.currentChanged.connect(lambda _index: self.minutes.flush())
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.empty)
        column.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(self.items)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate_ui()
        self._show_item(None)

    def retranslate_ui(self) -> None:
        self.model.retranslate()
        self.empty.setText(_("The agenda has no items yet: add them in “Convocation and agenda”."))
        for panel in (self.minutes, self.motions, self.elections, self.decisions):
            panel.retranslate_ui()
        self._tab_titles()

    def _tab_titles(self) -> None:
        item = self.current_item()
        counts = (len(item.motions), len(item.elections), len(item.decisions)) if item else (0, 0, 0)
        self.tabs.setTabText(0, _("Minutes"))
        for index, (text, count) in enumerate(zip((_("Motions"), _("Elections"), _("Decisions")), counts,
                                                  strict=True), start=1):
            self.tabs.setTabText(index, f"{text} ({count})" if count else text)

    def set_people(self, people: Sequence[Person]) -> None:
        self.elections.set_people(people)
        self.decisions.set_people(people)

    def clear(self) -> None:
        self.minutes.flush()
        self.detail = None
        self.model.set_rows([])
        self._show_item(None)

    def set_detail(self, detail: MeetingDetail) -> None:
        current = self.current_item()
        keep = current.id if current is not None and self.detail is not None and self.detail.id == detail.id \
            else None
        self.detail = detail
        self.items.selectionModel().blockSignals(True)
        self.model.set_rows(detail.items)
        row = self.model.row_of(lambda i: i.id == keep) if keep is not None else None
        select_row(self.items, row if row is not None else (0 if detail.items else None))
        self.items.selectionModel().blockSignals(False)
        self._show_item(self.current_item())

    def current_item(self) -> ItemDetail | None:
        row = selected_row(self.items)
        return self.model.row_at(row) if row is not None else None

    def select_item(self, item_id: int) -> None:
        select_row(self.items, self.model.row_of(lambda i: i.id == item_id))

    def _item_changed(self) -> None:
        self.minutes.flush()
        self._show_item(self.current_item())

    def _show_item(self, item: ItemDetail | None) -> None:
        self.heading.setText(f"{item.position}. {item.title}" if item else "")
        self.heading.setVisible(item is not None)
        self.tabs.setVisible(item is not None)
        self.empty.setVisible(item is None and self.detail is not None)
        if item is not None and self.detail is not None:
            self.minutes.set_item(self.detail, item)
            self.motions.set_item(self.detail, item)
            self.elections.set_item(self.detail, item)
            self.decisions.set_item(self.detail, item)
        self._tab_titles()

    def flush(self) -> None:
        self.minutes.flush()
