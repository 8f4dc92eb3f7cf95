"""Pieces the meeting screens share: how times and people are written, a configured table view, and a member
picker that completes on code or name (accents aside); the read-only table model over DTOs, inline error labels,
the question that does not block and the PDF preview come from coopdesk.ui.common."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHeaderView, QSizePolicy, QTableView, QWidget

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.meeting_record import ActionDetail, Person
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.members import fold, name_matches
from coopdesk.i18n import _
from coopdesk.ui import tables
from coopdesk.ui.colors import Tone, status_color
from coopdesk.ui.common import (
    LEFT,
    Col,
    Editable,
    RowsModel,
    confirm,
    error_label,
    open_report,
    row_brush,
    show_message,
)
from coopdesk.ui.name_search import MATCH_ROLE, NameCompleter
from coopdesk.ui.tables import selected_row
from coopdesk.ui.widgets import relative_font, sentence

# The shared pieces come from coopdesk.ui.common and coopdesk.ui.tables; the section's screens import them from here.
__all__ = [
    "ID_ROLE",
    "LEFT",
    "NOBODY",
    "STATE_TONES",
    "Col",
    "Editable",
    "MemberPicker",
    "RowsModel",
    "confirm",
    "error_label",
    "error_lines",
    "fit_columns",
    "make_table",
    "open_report",
    "person_text",
    "row_brush",
    "select_row",
    "selected_row",
    "show_message",
    "state_badge",
    "stretch_column",
    "title_font",
]


def title_font(widget: QWidget) -> None:
    relative_font(widget, 1.4, 600)


STATE_TONES: dict[MeetingState, Tone] = {
    MeetingState.DRAFT: "muted", MeetingState.CONVENED: "info", MeetingState.OPEN: "good",
    MeetingState.CLOSED: "warning", MeetingState.APPROVED: "neutral",
}


# ---- how things are written

def person_text(person: Person | None) -> str:
    return person.label if person is not None else ""


def action_party(action: ActionDetail) -> str:
    """Who is to do a follow-up action: the member responsible, or the outside party that owes it."""
    return person_text(action.responsible) or action.owed_by or ""


def error_lines(error: BaseException) -> str:
    """An error as the sentences shown under a field (a form's problems one per line)."""
    if isinstance(error, CoopdeskError):
        return "\n".join(sentence(line) for line in error.lines())
    return _("Something went wrong and the action was not completed.")


def state_badge(state: MeetingState) -> str:
    return f"<span style='color:{status_color(STATE_TONES[state]).name()}; font-weight:600'>{_(state.label)}</span>"


# ---- tables

def make_table(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    table = tables.make_table(model, parent, align=LEFT, precision=40)
    table.setTabKeyNavigation(False)  # Tab goes on to the next control (the minutes, the buttons); arrows move within
    return table


def stretch_column(table: QTableView, stretched: int) -> None:
    """One column takes the room left; the others fit their contents (small tables: agenda, motions…)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for section in range(table.model().columnCount()):
        header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch if section == stretched
                                    else QHeaderView.ResizeMode.ResizeToContents)


def fit_columns(table: QTableView, widest: int = 320) -> None:
    tables.fit_columns(table, widest, narrowest=50, last=False)  # the last column stretches


def select_row(table: QTableView, row: int | None) -> None:
    if row is None or not 0 <= row < table.model().rowCount():
        table.clearSelection()
        return
    table.selectRow(row)
    table.scrollTo(table.model().index(row, 0))


# ---- picking a member by code or name

ID_ROLE = Qt.ItemDataRole.UserRole
NOBODY = 0  # the blank choice's id: PySide6 6.12 loses a reference to None whenever Qt hands one back


class MemberPicker(QComboBox):
    """A member chosen from the list or typed (part of the name or the code); `resolve()` says which, if any."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setMinimumContentsLength(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setCompleter(NameCompleter(self.items, self))
        self.people: list[Person] = []

    def set_people(self, people: Sequence[Person], keep: int | None = None) -> None:
        """The members offered (keeping the current choice, or `keep`, selected)."""
        chosen = keep if keep is not None else self.member_id()
        self.people = list(people)
        self.items.clear()
        if self.optional:
            blank = QStandardItem("")
            blank.setData(NOBODY, ID_ROLE)
            self.items.appendRow(blank)
        for person in self.people:
            item = QStandardItem(person.label)
            item.setData(person.id, ID_ROLE)
            item.setData(f"{person.code} {person.full_name}", MATCH_ROLE)
            self.items.appendRow(item)
        self.set_member_id(chosen)

    def offer(self, people: Sequence[Person], current: Person | None) -> None:
        """`people`, with `current` among them (first, if they are no longer offered) and chosen; none chosen
        without one."""
        offered = list(people)
        if current and current not in offered:
            offered.insert(0, current)
        self.set_people(offered, keep=current.id if current else None)
        if not current:
            self.set_member_id(None)

    def set_member_id(self, member_id: int | None) -> None:
        wanted = NOBODY if member_id is None else member_id
        row = next((i for i in range(self.items.rowCount()) if self.items.item(i).data(ID_ROLE) == wanted), -1)
        if row < 0 and member_id is None:
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        self.setCurrentIndex(row)
        self.lineEdit().setCursorPosition(0)  # a long name shows its beginning

    def resolve(self) -> tuple[bool, int | None]:
        """(True, id or None when left blank) or (False, None) when what is typed names nobody (or several)."""
        text = self.currentText().strip()
        if not text:
            return self.optional, None
        wanted = fold(text)
        exact = [p for p in self.people if fold(p.label) == wanted or fold(p.code) == wanted]
        if len(exact) == 1:
            return True, exact[0].id
        found = [p for p in self.people if name_matches(text, f"{p.code} {p.full_name}")]
        return (True, found[0].id) if len(found) == 1 else (False, None)

    def member_id(self) -> int | None:
        return self.resolve()[1]

    def problem(self) -> str | None:
        ok, _member = self.resolve()
        if ok:
            return None
        if not self.currentText().strip():
            return _("A member is required.")
        return _("No single member matches “%(text)s”.") % {"text": self.currentText().strip()}

