"""Pieces every tab of the ledger shares: how figures are written, a read-only table model over DTOs, a
configured table view, the base of a tab that loads when first seen, and the PDF preview of a ledger report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTableView, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _, current_language, format_date, format_money
from coopdesk.persistence.database import Database

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
MUTED_STYLE = "color: #666666;"
OK_STYLE = "color: #2e7d32;"
TITLE_STYLE = "font-size: 13pt; font-weight: 600;"
REVERSAL_COLOR = QColor("#8e24aa")  # a reversal stands out from the entries around it


# ---- figures

def money(cents: int) -> str:
    return format_money(cents)


def hours(hundredths: int, *, grouping: bool = False) -> str:
    """72.5 h as "72,5" in Spanish, no trailing zeros; without a thousands separator unless asked for, so that a
    figure shown in a field reads back as the same figure."""
    from babel.numbers import format_decimal

    from coopdesk.i18n import LOCALES

    return format_decimal(Decimal(hundredths).scaleb(-2), format="#,##0.##" if grouping else "0.##",
                          locale=LOCALES[current_language()])


def percent(hundredths: int) -> str:
    return f"{hours(hundredths)} %"


def short_date(value: date) -> str:
    return format_date(value, fmt="short")


def date_range(start: date, end: date) -> str:
    return _("%(start)s to %(end)s") % {"start": format_date(start), "end": format_date(end)}


def error_text(error: CoopdeskError) -> str:
    return "\n".join(error.lines())


# ---- a read-only table over a list of DTOs

@dataclass(frozen=True)
class Col:
    """A column: its header (a msgid, translated when shown, unless `raw`) and what a row shows in it."""

    header: str
    text: Callable[[Any], str]
    right: bool = False
    raw: bool = False
    tip: Callable[[Any], str | None] | None = None
    header_tip: str | None = None


class RowsModel(QAbstractTableModel):
    """A small table (periods, advances, pay lines…) held whole; `style(row)` may return "bold", "muted" or
    "reversal" to set a row apart."""

    def __init__(self, columns: Sequence[Col], parent: Any = None,
                 style: Callable[[Any], str | None] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.style = style

    def set_rows(self, rows: Sequence[Any], columns: Sequence[Col] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if columns is not None:
            self.columns = list(columns)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows and self.columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's own signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.columns):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column.right else LEFT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip else None
        style = self.style(row) if self.style else None
        if role == Qt.ItemDataRole.FontRole and style == "bold":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return row_brush(style)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Not super().headerData(): in PySide6 6.12 it releases None once too often and crashes later.
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header if column.raw else _(column.header)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column.right else LEFT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def row_brush(style: str | None) -> QBrush | None:
    if style == "muted":
        return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
    if style == "reversal":
        return QBrush(REVERSAL_COLOR)
    return None


def make_table(model: QAbstractTableModel, parent: QWidget | None = None, *, stretch: bool = True) -> QTableView:
    """A read-only table of whole rows, configured like the members table; `stretch` widens the last column
    (text such as a note) to the edge, else figures stay beside their row's name."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setStretchLastSection(stretch)
    header.setResizeContentsPrecision(40)  # size columns from the first rows: no full scan
    header.setHighlightSections(False)
    return table


def fit_columns(table: QTableView, widest: int = 320) -> None:
    if table.model().rowCount() == 0:
        return
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for section in range(header.count()):
        header.resizeSection(section, min(max(header.sectionSize(section), 60), widest))


def selected_row(table: QTableView) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None


def error_label() -> QLabel:
    from coopdesk.ui.widgets import ERROR_STYLE

    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


# ---- a tab that reads its data when it is first seen, and again after a change elsewhere

class LazyTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.stale = True

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.invalidate()

    def invalidate(self) -> None:
        """Something changed: read again now if the tab is on screen, else when it is next shown."""
        self.stale = True
        if self.isVisible():
            self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    def reload(self) -> None:  # pragma: no cover — every tab overrides it
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def read(self, fn: Callable[[], Any]) -> Any:
        """A short read on the GUI thread (as the members table does); a refusal is shown, not raised."""
        try:
            return fn()
        except CoopdeskError as error:
            from coopdesk.ui.ops import show_error

            show_error(self, error)
            return None


# ---- the PDF preview of a ledger report

def open_report(db: Database, parent: QWidget, *, title: str, render: Callable[[str], bytes],
                file_stem: str) -> QWidget:
    """ReportPreview (QtPdf is imported only now) with the report's own title."""
    from coopdesk.ui.report_preview import ReportPreview

    class LedgerReportPreview(ReportPreview):
        def retranslate_ui(self) -> None:
            super().retranslate_ui()
            self.setWindowTitle(_(title))

    preview = LedgerReportPreview(db, parent, render=render, file_stem=file_stem)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()
    return preview


def confirm(parent: QWidget, text: str, details: str, on_yes: Callable[[], None], *, yes_text: str) -> QWidget:
    """A question that does not block (the worker's callbacks go on meanwhile); `on_yes` runs if confirmed."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "coopdesk", text, QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(details)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    yes.clicked.connect(on_yes)
    box.open()
    return box
