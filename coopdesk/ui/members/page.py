"""The members page: search, filters, the table, and the buttons that open the dialogs."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.members import Body, Member, MemberStatus
from coopdesk.i18n import _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.overview import MemberFilter
from coopdesk.ui.common import Editable
from coopdesk.ui.members.model import COLUMNS, MemberColumn, MembersModel
from coopdesk.ui.tables import make_table

SEARCH_DELAY_MS = 200
FIT_ROWS = 40  # columns are fitted to the first rows: no full scan of a large council
WIDEST = {MemberColumn.NAME: 300, MemberColumn.BODY: 150}
SORT_ARROW_ROOM = 24


class MembersPage(Editable, QWidget):
    members_changed = Signal()

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = MembersModel(parent=self)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)  # one query after typing stops, not one per key
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self.search_timer.start)

        self.body_filter = QComboBox()
        self.status_filter = QComboBox()
        # Qt hands a StrEnum back as a plain str, so the combos hold values and the labels come from maps.
        for combo, values in ((self.body_filter, list(Body)), (self.status_filter, list(MemberStatus))):
            combo.addItem("", None)
            for value in values:
                combo.addItem("", value.value)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.apply_filter)

        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.import_button = QPushButton()
        self.training_button = QPushButton()
        self.training_button.clicked.connect(self.show_training)
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.import_button.clicked.connect(self.import_members)

        self.table = make_table(self.model, align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self.sort_by_column)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.count_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.body_filter)
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.training_button)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.retranslate_ui()
        self.set_database(db)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Search by name, code or national ID"))
        self.search.setAccessibleName(self.search.placeholderText())  # a placeholder is no name to a reader
        self.table.setAccessibleName(_("Members"))
        self.body_filter.setItemText(0, _("All bodies"))
        self.status_filter.setItemText(0, _("All statuses"))
        for combo, kind in ((self.body_filter, Body), (self.status_filter, MemberStatus)):
            for i in range(1, combo.count()):
                combo.setItemText(i, _(kind(combo.itemData(i)).label))
        self.add_button.setText(_("Add member…"))
        self.edit_button.setText(_("Edit…"))
        self.import_button.setText(_("Import…"))
        self.training_button.setText(_("Training…"))
        self.model.retranslate()
        self._update_count()

    # -- data

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.model.set_database(db)
        self._columns_fitted = False
        if self.isVisible():
            self.resize_columns()
        self._after_refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Fitted when first seen, not when the database opens: Inicio is the first page, and formatting the
        # first rows for a page nobody sees yet would delay the window's first paint.
        if not self._columns_fitted:
            self.resize_columns()
        super().showEvent(event)

    def refresh(self, select_id: int | None = None) -> None:
        had_rows = self.model.rowCount() > 0
        self.model.refresh()
        if not had_rows:
            self.resize_columns()  # the first members of an empty council
        self._after_refresh(select_id)

    def _after_refresh(self, select_id: int | None = None) -> None:
        self._update_count()
        self._update_buttons()
        for button in (self.add_button, self.import_button):
            button.setEnabled(self.db is not None)
        if select_id is not None:
            self.select_member(select_id)

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(ngettext("%(count)d member", "%(count)d members", count) % {"count": count})

    def current_filter(self) -> MemberFilter:
        body, status = self.body_filter.currentData(), self.status_filter.currentData()
        return MemberFilter(
            body=Body(body) if body else None,
            status=MemberStatus(status) if status else None,
            search=self.search.text().strip(),
        )

    def apply_filter(self) -> None:
        self.search_timer.stop()
        selected = self.selected_member_id()
        self.model.set_filter(self.current_filter())
        self._after_refresh(selected)

    def sort_by_column(self, column: int) -> None:
        if COLUMNS[column].sort is None:  # votes and skills have no SQL order: keep the current one
            self.table.horizontalHeader().setSortIndicator(
                self.model.sort_column(),
                Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder,
            )
            return
        selected = self.selected_member_id()
        self.model.sort(column, self.table.horizontalHeader().sortIndicatorOrder())
        self._after_refresh(selected)

    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_member_id() is not None)
        self.training_button.setEnabled(self.selected_member_id() is not None)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.add_button, self.edit_button, self.import_button

    # -- actions

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_member(self.model.member_id(index.row()))

    def show_training(self) -> QWidget | None:
        """The selected member's training history (and, outside a read-only window, a skill to record)."""
        from coopdesk.ui.members.skills_dialog import SkillsDialog

        rows = self.table.selectionModel().selectedRows()
        member = self.model.member(rows[0].row()) if rows else None
        if member is None or self.db is None:
            return None
        return SkillsDialog.open_for(self, self.db, member.code, editable=self.editable)

    def edit_selected(self) -> None:
        member_id = self.selected_member_id()
        if member_id is not None:
            self.edit_member(member_id)

    def add_member(self) -> None:
        from coopdesk.ui.members.dialog import MemberDialog

        if self.db is not None:
            MemberDialog.add(self, self.db, on_saved=self._saved)

    def edit_member(self, member_id: int) -> None:
        """The member's dialog: to edit, or only to read in a read-only window."""
        from coopdesk.ui.members.dialog import MemberDialog

        if self.db is not None:
            MemberDialog.edit(self, self.db, member_id, on_saved=self._saved, read_only=not self.editable)

    def import_members(self) -> None:
        from coopdesk.ui.members.import_wizard import ImportWizard

        if self.db is not None:
            wizard = ImportWizard(self.db, self)
            wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            wizard.imported.connect(self._imported)
            wizard.open()

    def _saved(self, member: Member) -> None:
        self.refresh(select_id=member.id)
        self.members_changed.emit()

    def _imported(self) -> None:
        self.refresh()
        self.members_changed.emit()

    def resize_columns(self) -> None:
        """Fit the columns to what the first rows hold, without letting a long name push skills away.

        Measured here from the rows' texts rather than by the view's resizeColumnsToContents(), which asks
        every cell for a dozen roles through the style: a third of the time to the first painted window."""
        rows = [texts for row in range(min(self.model.rowCount(), FIT_ROWS))
                if (texts := self.model.row_texts(row)) is not None]
        if not rows:
            return  # nothing to measure yet; the columns are fitted when members arrive
        self._columns_fitted = True
        header = self.table.horizontalHeader()
        cells, titles = self.table.fontMetrics(), header.fontMetrics()
        # the view's own measure: the style's text margin on each side, and the grid line
        margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1
        padding = 2 * margin + int(self.table.showGrid())
        for section, column in enumerate(COLUMNS[:-1]):  # the last one stretches to the edge
            widest = max(cells.horizontalAdvance(texts[section]) for texts in rows)
            title = titles.horizontalAdvance(_(column.header)) + SORT_ARROW_ROOM
            header.resizeSection(section, min(max(widest, title) + padding, WIDEST.get(column, 10_000)))
