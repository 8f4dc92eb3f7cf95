"""The hours grid of a pay period: one row per worker, hours typed or pasted from a spreadsheet, each cell
checked as it is entered, totals kept live, saved in one go (`set_hours`) or imported from a CSV file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import parse_hours
from coopdesk.domain.payroll import hours_problems
from coopdesk.i18n import N_, _
from coopdesk.services.ledger import HoursGrid, HoursRow
from coopdesk.ui.colors import status_color, status_fill, text_color
from coopdesk.ui.ledger.common import LEFT, RIGHT, Index, hours, money
from coopdesk.ui.widgets import sentence

CODE, NAME, HOURS, ADVANCES = range(4)
HEADERS = (N_("Code"), N_("Name"), N_("Hours"), N_("Advances"))


def check_hours(text: str, code: str, days: int) -> tuple[int | None, str | None]:
    """The hours a cell's text gives (an empty cell is 0), or the reason it cannot be taken."""
    text = text.strip()
    try:
        value = parse_hours(text) if text else 0
    except InvalidInput as error:
        return None, sentence(error.translated())
    for problem in hours_problems({code: value}, days):
        return None, sentence(problem.translated())
    return value, None


class HoursModel(QAbstractTableModel):
    rejected = Signal(str)  # a cell refused its new text: why
    edited = Signal()  # the figures changed (totals, unsaved state)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: HoursGrid | None = None
        self.rows: tuple[HoursRow, ...] = ()
        self.values: list[int] = []
        self.writable = True  # False in a read-only window

    @property
    def editable(self) -> bool:
        """Figures may be typed: the period is open and the window may write."""
        return self.writable and self.grid is not None and self.grid.period.is_open

    def set_grid(self, grid: HoursGrid | None, keep: dict[str, int] | None = None) -> None:
        """Show the grid's stored hours, with `keep` (figures not saved yet, by code) typed over them."""
        self.beginResetModel()
        self.grid = grid
        self.rows = grid.rows if grid else ()
        self.values = [(keep or {}).get(row.member_code, row.hours_hundredths) for row in self.rows]
        self.endResetModel()
        self.edited.emit()

    @property
    def days(self) -> int:
        return self.grid.period.days if self.grid else 0

    def changes(self) -> dict[str, int]:
        """The unsaved figures, by member code."""
        return {row.member_code: value for row, value in zip(self.rows, self.values, strict=True)
                if value != row.hours_hundredths}

    def revert(self) -> None:
        self.set_grid(self.grid)

    def total(self) -> int:
        return sum(self.values)

    def workers_with_hours(self) -> int:
        return sum(1 for value in self.values if value)

    def row_of_code(self, code: str) -> int | None:
        for row, line in enumerate(self.rows):
            if line.member_code == code or line.member_code.casefold() == code.casefold():
                return row
        return None

    # -- entering figures

    def set_hours_text(self, row: int, text: str) -> str | None:
        """Put the text's hours in the row; returns the problem instead when the text is refused."""
        value, problem = check_hours(text, self.rows[row].member_code, self.days)
        if value is None:
            return problem
        if value != self.values[row]:
            self.values[row] = value
            self.dataChanged.emit(self.index(row, HOURS), self.index(row, HOURS))
        return None

    def paste(self, text: str, start_row: int, selected_rows: list[int] | None = None) -> list[str]:
        """A block copied from a spreadsheet (tab-separated cells, one line per row, comma or dot decimals).

        Lines of "code, hours" go to those members wherever they are; otherwise the first cell of each line goes
        down the hours column from `start_row`. One value pasted over several selected rows fills them all.
        Refused cells keep their figure; the problems come back one per line.
        """
        if not self.editable:
            return []
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        cells = [line.split("\t") for line in lines]
        filled = [(number, line) for number, line in enumerate(cells, 1) if any(cell.strip() for cell in line)]
        by_code = bool(filled) and all(len(line) >= 2 and self.row_of_code(line[0].strip()) is not None
                                       for _number, line in filled)
        targets: list[tuple[int, int | None, str]] = []  # (line number, row, text)
        if by_code:
            targets = [(number, self.row_of_code(line[0].strip()), line[1]) for number, line in filled]
        elif len(cells) == 1 and selected_rows and len(selected_rows) > 1:
            targets = [(1, row, cells[0][0]) for row in selected_rows]
        else:
            targets = [(number, start_row + number - 1, line[0]) for number, line in enumerate(cells, 1)]
        problems = []
        for number, row, cell in targets:
            if row is None or row >= len(self.rows):
                problems.append(_("Line %(line)d: %(problem)s") % {
                    "line": number, "problem": _("there is no worker's row for it below the last one")})
                continue
            problem = self.set_hours_text(row, cell)
            if problem:
                problems.append(_("Line %(line)d: %(problem)s") % {"line": number, "problem": problem})
        self.edited.emit()
        return problems

    # -- QAbstractTableModel

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's own signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        value = self.values[index.row()]
        changed = value != row.hours_hundredths
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.member_code, row.member_name, hours(value),
                    money(row.advances_cents) if row.advances_cents else "")[column]
        if role == Qt.ItemDataRole.EditRole:
            return hours(value) if column == HOURS else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column in (HOURS, ADVANCES) else LEFT)
        if column == HOURS and changed:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(status_fill("warning"))  # an unsaved cell, like a spreadsheet's highlight
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(text_color())  # the tint is chosen so that the palette's text reads on it
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Not saved yet (was %(hours)s)") % {"hours": hours(row.hours_hundredths)}
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.editable or not index.isValid() or index.column() != HOURS:
            return False
        problem = self.set_hours_text(index.row(), str(value if value is not None else ""))
        if problem:
            self.rejected.emit(_("%(code)s: %(problem)s") % {
                "code": self.rows[index.row()].member_code, "problem": problem})
            return False
        self.edited.emit()
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Not super().headerData(): in PySide6 6.12 it releases None once too often and crashes later.
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if section in (HOURS, ADVANCES) else LEFT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.editable and index.column() == HOURS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(HEADERS) - 1))


class HoursDelegate(QStyledItemDelegate):
    """The cell editor turns red, with the reason as its tip, while its text is not a figure the cell takes."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        model = index.model()
        row = index.row()

        def check(text: str) -> None:
            grid_model = model if isinstance(model, HoursModel) else None
            if grid_model is None or not 0 <= row < len(grid_model.rows):
                return
            _value, problem = check_hours(text, grid_model.rows[row].member_code, grid_model.days)
            red = status_color("bad").name()
            editor.setStyleSheet(f"QLineEdit {{ color: {red}; border: 1px solid {red}; }}" if problem else "")
            editor.setToolTip(problem or "")

        editor.textChanged.connect(check)
        return editor


class HoursView(QTableView):
    """Spreadsheet keys: type to replace a figure, Enter to go down, Ctrl+V to paste a block, Delete to clear."""

    paste_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegateForColumn(HOURS, HoursDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setStretchLastSection(False)
        self.horizontalHeader().setHighlightSections(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_requested.emit()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
                self.edit(self.currentIndex().siblingAtColumn(HOURS))
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter commits and goes down a row; Tab and Shift+Tab commit and edit the next or previous row."""
        Hint = QAbstractItemDelegate.EndEditHint
        step = {Hint.SubmitModelCache: 1, Hint.EditNextItem: 1, Hint.EditPreviousItem: -1}.get(hint, 0)
        super().closeEditor(editor, Hint.NoHint)
        current = self.currentIndex()
        if not step or not current.isValid():
            return
        row = current.row() + step
        if 0 <= row < self.model().rowCount():
            target = self.model().index(row, HOURS)
            self.setCurrentIndex(target)
            if hint != Hint.SubmitModelCache:
                self.edit(target)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedIndexes()})

    def paste_from_clipboard(self) -> str:
        return QApplication.clipboard().text()
