"""Pieces the GUI sections (ledger, meetings, rotation) share: alignment constants, the date order of the UI's
language, a read-only table model over DTOs with its row colours, a model over ids with rows read by the chunk,
inline message labels, the base of a tab that loads when first seen, the base of a section page that builds its
tabs when first shown, a question that does not block, and the PDF preview of a report (the read-only rule,
`Editable`, lives in ui.editable)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.colors import Tone, status_color, status_style
from coopdesk.ui.editable import Editable
from coopdesk.ui.widgets import relative_font

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
SORT_ROLE = Qt.ItemDataRole.UserRole + 10


# ---- dates

def date_format(locale: QLocale) -> str:
    """The locale's short date with day and month padded and the full year ("dd/MM/yyyy" in Spanish)."""
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)  # d/M/yy: pad day and month, full year
    return re.sub(r"(?<![dMy])([dM])(?![dMy])", r"\1\1", re.sub(r"(?<!y)yy(?!y)", "yyyy", short))


# ---- a read-only table over a list of DTOs

# every cell of the read-only tables (combined once: the view asks for each cell it paints)
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(frozen=True)
class Col:
    """A column: its header (a msgid, translated when shown, unless `raw`) and what a row shows in it; `sort`
    gives the value a proxy sorts on (SORT_ROLE; the text by default)."""

    header: str
    text: Callable[[Any], str]
    right: bool = False
    raw: bool = False
    tip: Callable[[Any], str | None] | None = None
    header_tip: str | None = None
    sort: Callable[[Any], Any] | None = None


class RowsModel(QAbstractTableModel):
    """A small table held whole; `style(row)` may return "bold", "muted", "reversal", "bad", "ok" or "warn" to set
    a row apart, and `muted(row)` (when there is no `style`) greys a row."""

    def __init__(self, columns: Sequence[Col], parent: Any = None,
                 style: Callable[[Any], str | None] | None = None,
                 muted: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.style = style
        self.muted = muted

    def set_rows(self, rows: Sequence[Any], columns: Sequence[Col] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if columns is not None:
            self.columns = list(columns)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, test: Callable[[Any], bool]) -> int | None:
        return next((i for i, row in enumerate(self.rows) if test(row)), None)

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows and self.columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's own signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _row_style(self, row: Any) -> str | None:
        if self.style is not None:
            return self.style(row)
        if self.muted is not None and self.muted(row):
            return "muted"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < len(self.columns):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column.right else LEFT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip else None
        if role not in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole):
            return None
        style = self._row_style(row)
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
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class ChunkedIdsModel(QAbstractTableModel):
    """A read-only table over the ids a query returns, rows read a chunk at a time as the view shows them: a
    hundred thousand rows cost a hundred thousand integers until someone scrolls. Subclasses say how many columns
    there are and how to read the ids and the rows, and call refresh() once their own settings are in place."""

    CHUNK = 100
    column_count = 0

    def __init__(self, db: Database | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._cache: dict[int, Any] = {}

    def _read_ids(self, db: Database) -> list[int]:  # pragma: no cover — every model overrides it
        raise NotImplementedError

    def _read_rows(self, db: Database, ids: list[int]) -> dict[int, Any]:  # pragma: no cover — likewise
        raise NotImplementedError

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.refresh()

    def refresh(self) -> None:
        """The ids again (after a filter, an order or an edit); rows are read again as they are shown."""
        self.beginResetModel()
        self._cache.clear()
        self._ids = self._read_ids(self._db) if self._db is not None else []
        self.endResetModel()

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, row_id: int) -> int | None:
        try:
            return self._ids.index(row_id)
        except ValueError:
            return None

    def row_at(self, row: int) -> Any:
        row_id = self._ids[row]
        found = self._cache.get(row_id)
        if found is None and self._db is not None:
            # The chunk around the row at once: views ask cell by cell, the database prefers batches.
            start = max(0, row - self.CHUNK // 4)
            wanted = [i for i in self._ids[start:start + self.CHUNK] if i not in self._cache]
            self._cache.update(self._read_rows(self._db, wanted))
            found = self._cache.get(row_id)
        return found

    def retranslate(self) -> None:
        """Labels and dates follow the language: repaint every cell and header."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.column_count - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.column_count - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 — Qt's own signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


# a row's style and its tone (a reversal stands out from the entries around it)
ROW_TONES: dict[str, Tone] = {"muted": "muted", "reversal": "special", "bad": "bad", "ok": "good", "warn": "warning"}


def row_brush(style: str | None) -> QBrush | None:
    tone = ROW_TONES.get(style or "")
    return QBrush(status_color(tone)) if tone else None


# ---- inline messages

def message_label(style: str | None = None) -> QLabel:
    """A hidden label for a message; red (the palette's readable red) unless `style` says otherwise."""
    label = QLabel()
    label.setStyleSheet(style if style is not None else status_style("bad"))
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def error_label() -> QLabel:
    return message_label(status_style("bad"))


def show_message(label: QLabel, text: str, style: str | None = None) -> None:
    if style is not None:
        label.setStyleSheet(style)
    label.setText(text)
    label.setVisible(bool(text))


# ---- a tab that reads its data when it is first seen, and again after a change elsewhere

class LazyTab(Editable, QWidget):
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

    def retranslate_ui(self) -> None:  # pragma: no cover — every tab overrides it
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


# ---- dialogs and previews

class SectionPage(Editable, QWidget):
    """A section of the window whose tabs (and the services behind them) are built the first time it is shown,
    so that the window starts without them; until then the page only remembers its database and whether it may
    change it. Subclasses build their context and tabs in build_tabs(), put their buttons in `header` (those that
    change data in write_controls()) and name the tabs in TABS."""

    TABS: tuple[str, ...] = ()

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.context: Any = None
        self.tabs: QTabWidget | None = None
        self._built: list[Any] = []
        self.title = QLabel()
        relative_font(self.title, 1.6, 600)
        self.header = QHBoxLayout()
        self.header.addWidget(self.title)
        self.header.addStretch(1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.header)

    def build_tabs(self) -> list[Any]:  # pragma: no cover — every section overrides it
        """Makes self.context and the tabs (each with set_database, set_editable, retranslate_ui); returns them in
        order."""
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        super().showEvent(event)

    def ensure_built(self) -> None:
        if self.tabs is not None:
            return
        built = self.build_tabs()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._built = built
        for tab in built:
            self.tabs.addTab(tab, "")
            tab.set_database(self.db)
            tab.set_editable(self.editable)
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def all_tabs(self) -> list[Any]:
        return list(self._built)

    def retranslate_ui(self) -> None:
        if self.tabs is not None:
            for index, text in enumerate(self.TABS):
                self.tabs.setTabText(index, _(text))
            for tab in self._built:
                tab.retranslate_ui()

    def set_database(self, db: Database | None) -> None:
        self.db = db
        if self.context is not None:
            self.context.set_database(db)
            for tab in self._built:
                tab.set_database(db)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for tab in self._built:
            tab.set_editable(editable)

    def _update_buttons(self) -> None:
        """Enables the header's buttons for the database there is (or none)."""


def confirm(parent: QWidget, text: str, details: str, on_yes: Callable[[], None], *, yes_text: str) -> QMessageBox:
    """A question that does not block (the worker's callbacks go on meanwhile); `on_yes` runs if confirmed."""
    box = QMessageBox(QMessageBox.Icon.Question, "coopdesk", text, QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(details)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    yes.clicked.connect(on_yes)
    box.open()
    return box


def open_report(db: Database, parent: QWidget, *, title: str, render: Callable[[str], bytes],
                file_stem: str) -> QWidget:
    """ReportPreview (QtPdf is imported only now) with the report's own title (a msgid)."""
    from coopdesk.ui.report_preview import ReportPreview

    class TitledReportPreview(ReportPreview):
        def retranslate_ui(self) -> None:
            super().retranslate_ui()
            self.setWindowTitle(_(title))

    preview = TitledReportPreview(db, parent, render=render, file_stem=file_stem)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()
    return preview
