"""Pieces the rotation tabs share: weeks as people read them, a date field that keeps to Mondays, colours of
the categories, short names for the grid, a configured table view and the tabs' scaffolding; the small read-only
table model, the tab that loads when first seen and the PDF preview of a roster come from coopdesk.ui.common."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QDate, QItemSelectionModel, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QTableView, QWidget

from coopdesk.domain.rotation import Category, Role
from coopdesk.i18n import LOCALES, N_, _, current_language, format_date, format_figure
from coopdesk.services.rotation.dto import RosterEntry
from coopdesk.ui import tables
from coopdesk.ui.colors import status_color, status_fill, status_style
from coopdesk.ui.common import (
    LEFT,
    SORT_ROLE,
    Col,
    Editable,
    Index,
    LazyTab,
    RowsModel,
    date_format,
    message_label,
    open_report,
    show_message,
)
from coopdesk.ui.rotation.context import RotationContext
from coopdesk.ui.widgets import relative_font

# The shared pieces come from coopdesk.ui.common; the section's screens import them from here.
__all__ = [
    "CATEGORY_HUES",
    "LEFT",
    "SORT_ROLE",
    "TRAINEE_MARK",
    "Col",
    "Editable",
    "Index",
    "LazyTab",
    "MondayEdit",
    "RotationTab",
    "RowsModel",
    "date_field",
    "date_format",
    "fit_columns",
    "make_table",
    "message_label",
    "monday_of",
    "next_monday",
    "number",
    "open_report",
    "person",
    "selected_row",
    "short_names",
    "show_message",
    "title_font",
    "week_short",
    "week_span",
]




def title_font(widget: QWidget) -> None:
    relative_font(widget, 1.3, 600)


# Cells are tinted like the printed wall sheet; the chart uses stronger tones of the same hues.
CATEGORY_HUES = {Category.MANUAL: "orange", Category.ADMINISTRATIVE: "info", Category.COMMUNITY: "good"}


def category_fill(category: Category, draft: bool = False) -> QColor:
    """A cell's tint for its post's category (fainter for a draft week), with the palette's text readable on it."""
    return status_fill(CATEGORY_HUES[category], strength=0.1 if draft else 0.18)


def category_color(category: Category) -> QColor:
    """The category's stronger tone: chart bars and a card's edge."""
    return status_color(CATEGORY_HUES[category])
TRAINEE_MARK = N_("%(name)s (trainee)")


# ---- weeks

def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def next_monday(day: date) -> date:
    return monday_of(day) + timedelta(weeks=1)


def week_span(monday: date) -> str:
    """"23–29 nov. 2026": the week from its Monday to its Sunday in the UI's language."""
    from babel.dates import format_interval

    return format_interval(monday, monday + timedelta(days=6), "yMMMd", locale=LOCALES[current_language()])


def week_short(monday: date) -> str:
    """"23 nov." — a column heading."""
    return format_date(monday, fmt="d MMM")


def number(value: float, digits: int = 1) -> str:
    """A figure with `digits` decimals in the UI's language ("4,6" in Spanish)."""
    return format_figure(float(value), digits=digits)


def person(entry: RosterEntry, name: str | None = None) -> str:
    """A name with its trainee mark."""
    text = name or entry.full_name
    return _(TRAINEE_MARK) % {"name": text} if entry.role is Role.TRAINEE else text


def short_names(people: Iterable[RosterEntry]) -> dict[str, str]:
    """Member code -> first given name and first surname ("Rosa Rojas" for "Rosa Yusbelis Rojas Escalona"),
    as on the printed roster; the full name wherever two people would read the same."""
    full = {entry.member_code: entry.full_name for entry in people}
    short = {code: _short(name) for code, name in full.items()}
    clashes = Counter(short.values())
    return {code: name if clashes[name] == 1 else full[code] for code, name in short.items()}


def _short(full_name: str) -> str:
    words = full_name.split()
    if len(words) >= 4:  # two given names, two surnames: the Venezuelan usual
        return f"{words[0]} {words[-2]}"
    return " ".join(words[:2]) if len(words) == 3 else full_name


# ---- a date field that keeps to Mondays

def date_field(value: date) -> QDateEdit:
    """A date with a calendar, in the order the UI's language writes dates (dd/MM/yyyy in Spanish)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    locale = QLocale(LOCALES[current_language()])
    edit.setLocale(locale)
    edit.calendarWidget().setLocale(locale)
    edit.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    edit.setDisplayFormat(date_format(locale))
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


class MondayEdit(QDateEdit):
    """A week's Monday. Another day typed or picked moves to the Monday of its week when the user is done
    (not at each keystroke), and `snapped` says so; the arrows step a week at a time; the calendar greys the
    other days. `monday()` is always a Monday, even halfway through typing."""

    snapped = Signal(str)
    monday_changed = Signal(object)  # date

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        calendar = self.calendarWidget()
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        grey = QTextCharFormat()
        grey.setForeground(status_color("muted"))
        for day in (Qt.DayOfWeek.Tuesday, Qt.DayOfWeek.Wednesday, Qt.DayOfWeek.Thursday, Qt.DayOfWeek.Friday,
                    Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            calendar.setWeekdayTextFormat(day, grey)
        calendar.clicked.connect(lambda _day: self.snap())
        self.editingFinished.connect(self.snap)
        self.dateChanged.connect(self._changed)
        self._last: date | None = None
        self.localize()
        self.set_monday(value or monday_of(date.today()))

    def localize(self) -> None:
        locale = QLocale(LOCALES[current_language()])
        self.setLocale(locale)
        self.calendarWidget().setLocale(locale)
        self.setDisplayFormat(date_format(locale))

    def monday(self) -> date:
        return monday_of(self.date().toPython())

    def set_monday(self, day: date) -> None:
        monday = monday_of(day)
        self.setDate(QDate(monday.year, monday.month, monday.day))

    def snap(self) -> None:
        day = self.date().toPython()
        if day.weekday():
            self.set_monday(day)
            self.snapped.emit(_("Weeks start on Mondays: the week you chose starts on Monday %(day)s.")
                              % {"day": format_date(monday_of(day), fmt="long")})

    def stepBy(self, steps: int) -> None:
        if self.currentSection() == QDateEdit.Section.DaySection:
            self.set_monday(self.monday() + timedelta(weeks=steps))
        else:
            super().stepBy(steps)

    def _changed(self) -> None:
        monday = self.monday()
        if monday != self._last:
            self._last = monday
            self.monday_changed.emit(monday)


# ---- tables

def make_table(model: QAbstractTableModel, parent: QWidget | None = None, *, stretch: bool = True) -> QTableView:
    return tables.make_table(model, parent, stretch=stretch, align=LEFT)


def fit_columns(table: QTableView, widest: int = 320) -> None:
    tables.fit_columns(table, widest, narrowest=56)


def selected_row(table: QTableView) -> int | None:
    rows = table.selectionModel().selectedRows()
    if rows:
        row = rows[0].row()
    else:
        current = table.currentIndex()
        if not current.isValid() or not table.selectionModel().isSelected(current):
            return None
        row = current.row()
    model = table.model()
    source = getattr(model, "mapToSource", None)
    return source(model.index(row, 0)).row() if source is not None else row


# ---- tabs

class RotationTab(LazyTab):
    """A rotation tab over a table of rows with ids: the section's context, a bar of buttons above the table and
    a notice of what was done below it. Subclasses set `self.model` (a RowsModel) and `self.table`."""

    model: RowsModel
    table: QTableView

    def __init__(self, context: RotationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.notice = message_label(status_style("good"))

    def button_bar(self, lead: QWidget, buttons: dict[QPushButton, Callable[[], object]]) -> QHBoxLayout:
        """`lead` takes the room left; each button is wired to its action."""
        bar = QHBoxLayout()
        bar.addWidget(lead, 1)
        for button, action in buttons.items():
            button.clicked.connect(action)
            bar.addWidget(button)
        return bar

    def select_id(self, row_id: int, *, scroll: bool = True) -> None:
        """Select the row whose DTO has this id (nothing when it is not shown)."""
        row = self.model.row_of(lambda item: item.id == row_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                           | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.table.scrollTo(index)
