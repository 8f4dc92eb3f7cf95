"""Pieces every tab of the ledger shares: how figures are written and a configured table view; the read-only
table model over DTOs, the tab that loads when first seen and the PDF preview come from coopdesk.ui.common."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtWidgets import QTableView, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _, format_date, format_figure, format_money
from coopdesk.ui import tables
from coopdesk.ui.common import (
    LEFT,
    RIGHT,
    Col,
    Editable,
    Index,
    LazyTab,
    RowsModel,
    confirm,
    error_label,
    open_report,
    row_brush,
    show_message,
)
from coopdesk.ui.tables import fit_columns, selected_row
from coopdesk.ui.widgets import relative_font

# The shared pieces come from coopdesk.ui.common and coopdesk.ui.tables; the section's screens import them from here.
__all__ = [
    "LEFT",
    "RIGHT",
    "Col",
    "Editable",
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
    "title_font",
]




def title_font(widget: QWidget) -> None:
    relative_font(widget, 1.3, 600)


# ---- figures

def money(cents: int) -> str:
    return format_money(cents)


def hours(hundredths: int, *, grouping: bool = False) -> str:
    """72.5 h as "72,5" in Spanish, no trailing zeros; without a thousands separator unless asked for, so that a
    figure shown in a field reads back as the same figure."""
    return format_figure(Decimal(hundredths).scaleb(-2), trim=True, grouping=grouping)


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
    return tables.make_table(model, parent, stretch=stretch, precision=40)
