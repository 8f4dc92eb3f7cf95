"""Pieces every tab of the ledger shares: how figures are written and a configured table view; the read-only
table model over DTOs, the tab that loads when first seen and the PDF preview come from coopdesk.ui.common."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _, current_language, format_date, format_money
from coopdesk.ui.common import (
    LEFT,
    RIGHT,
    Col,
    Index,
    LazyTab,
    RowsModel,
    confirm,
    error_label,
    open_report,
    row_brush,
    show_message,
)

# The shared pieces come from coopdesk.ui.common; the section's screens import them from here.
__all__ = [
    "LEFT",
    "MUTED_STYLE",
    "OK_STYLE",
    "RIGHT",
    "TITLE_STYLE",
    "Col",
    "Index",
    "LazyTab",
    "RowsModel",
    "confirm",
    "date_range",
    "error_label",
    "error_text",
    "fit_columns",
    "hours",
    "make_table",
    "money",
    "open_report",
    "percent",
    "row_brush",
    "selected_row",
    "short_date",
    "show_message",
]


MUTED_STYLE = "color: #666666;"
OK_STYLE = "color: #2e7d32;"
TITLE_STYLE = "font-size: 13pt; font-weight: 600;"


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


# ---- tables

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

