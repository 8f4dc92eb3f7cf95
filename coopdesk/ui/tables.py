"""The table view every section configures alike (read-only whole rows, like the members table) and how its
columns are fitted; each section's common module says its own header alignment and column minimum."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def make_table(model: QAbstractTableModel, parent: QWidget | None = None, *, stretch: bool = True,
               align: Qt.AlignmentFlag | None = None, precision: int | None = None,
               view: type[QTableView] = QTableView) -> QTableView:
    """`stretch` widens the last column (text such as a note) to the edge, else figures stay beside their row's
    name; `align` is the headers' alignment; `precision` sizes columns from the first rows only (no full scan);
    `view` is the view's class."""
    table = view(parent)
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
    if precision is not None:
        header.setResizeContentsPrecision(precision)
    header.setHighlightSections(False)
    if align is not None:
        header.setDefaultAlignment(align)
    return table


def fit_columns(table: QTableView, widest: int = 320, *, narrowest: int = 60, last: bool = True) -> None:
    """Columns sized to their contents between `narrowest` and `widest`; the last left alone unless `last`. They
    are fitted again when the language changes ("9 nov 2026" becomes "Nov 9, 2026": not cut to "Nov 9, 20…")."""
    refit = table.findChild(_RefitOnLanguageChange)
    if refit is None:
        refit = _RefitOnLanguageChange(table)
        table.installEventFilter(refit)
    refit.limits = (widest, narrowest, last)
    _fit(table, widest, narrowest, last)


def _fit(table: QTableView, widest: int, narrowest: int, last: bool) -> None:
    if table.model().rowCount() == 0:
        return
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for section in range(header.count() if last else header.count() - 1):
        header.resizeSection(section, min(max(header.sectionSize(section), narrowest), widest))


class _RefitOnLanguageChange(QObject):
    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.limits = (320, 60, True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            _fit(self.table, *self.limits)
        return False


def selected_row(table: QTableView) -> int | None:
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows else None
