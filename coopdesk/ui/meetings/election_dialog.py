"""Add or edit an election: its title, the seats, how many choices each voter marks, open or secret, and the
candidates (members picked by name or code)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import ElectionDetail, Person
from coopdesk.domain.meetings import VoteMethod
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.meetings.common import MemberPicker
from coopdesk.ui.meetings.fields import RecordDialog, enum_combo, label_enum_combo, set_combo_value
from coopdesk.ui.widgets import label_name

METHODS = (VoteMethod.SECRET, VoteMethod.OPEN)


class CandidateList(QWidget):
    """The candidates, in the order they were added: a picker with Add, and Remove for the chosen one."""

    problem_changed = Signal(str)

    def __init__(self, people: Sequence[Person], chosen: Sequence[Person] = ()) -> None:
        super().__init__()
        self.picker = MemberPicker()
        self.picker.set_people(people)
        self.picker.set_member_id(None)
        self.picker.lineEdit().installEventFilter(self)  # Enter adds the candidate, not OK for the dialog
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.people = {p.id: p for p in people}
        for person in chosen:
            self._append(person)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.add()
            return True
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.picker.lineEdit().setPlaceholderText(_("Type a name or a code"))
        self.picker.setAccessibleName(_("Candidate"))
        self.list.setAccessibleName(label_name(_("&Candidates:")))

    def ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _append(self, person: Person) -> None:
        item = QListWidgetItem(person.label)
        item.setData(Qt.ItemDataRole.UserRole, person.id)
        self.list.addItem(item)
        self.people.setdefault(person.id, person)

    def add(self) -> None:
        ok, member_id = self.picker.resolve()
        if not ok or member_id is None:
            self.problem_changed.emit(self.picker.problem() or "")
            return
        self.problem_changed.emit("")
        if member_id not in self.ids():
            self._append(self.people[member_id])
        self.picker.set_member_id(None)
        self.picker.setFocus()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)


class ElectionDialog(RecordDialog):
    def __init__(self, db: Database, item_id: int, election: ElectionDetail | None, people: Sequence[Person],
                 parent: QWidget | None = None, on_saved: Callable[[ElectionDetail], None] | None = None) -> None:
        super().__init__(parent, on_saved)
        self.db, self.item_id, self.election = db, item_id, election
        self.title = QLineEdit(election.title if election else "")
        self.title.setMinimumWidth(420)
        self.seats = QSpinBox()
        self.seats.setRange(1, 99)
        self.seats.setValue(election.seats if election else 1)
        self.max_choices = QSpinBox()
        self.max_choices.setRange(1, 99)
        self.max_choices.setValue(election.max_choices if election else 1)
        self.seats.valueChanged.connect(self._seats_changed)
        self.method = enum_combo(METHODS)
        set_combo_value(self.method, election.method if election else VoteMethod.SECRET)
        self.candidates = CandidateList(people, [c.member for c in election.candidates] if election else ())
        for name in ("title", "seats", "max_choices", "method", "candidates"):
            self.form.add(name, getattr(self, name))
        self.candidates.problem_changed.connect(
            lambda problem: self.form.show_problems({"candidates": problem} if problem else {}))
        self.lay_out()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit election") if self.election else _("New election"))
        self.form.set_texts({"title": _("&Title:"), "seats": _("&Seats:"), "max_choices": _("C&hoices per voter:"),
                             "method": _("&Voting:"), "candidates": _("&Candidates:")})
        self.title.setPlaceholderText(_("e.g. Spokespersons of the council"))
        label_enum_combo(self.method, VoteMethod)
        self.candidates.retranslate_ui()

    def _seats_changed(self, seats: int) -> None:
        if self.max_choices.value() < seats and self.election is None:
            self.max_choices.setValue(seats)  # usually each voter may mark as many as there are seats

    def save(self) -> None:
        problems = {}
        if not self.title.text().strip():
            problems["title"] = _("A title is required.")
        if not self.candidates.ids():
            problems["candidates"] = _("Add at least one candidate.")
        self.form.show_problems(problems)
        if problems:
            return
        from coopdesk.services.meetings import add_election, update_election

        db, title, seats = self.db, self.title.text().strip(), self.seats.value()
        choices, method, ids = self.max_choices.value(), VoteMethod(self.method.currentData()), self.candidates.ids()
        if self.election is None:
            item_id = self.item_id

            def work() -> ElectionDetail:
                return add_election(db, item_id=item_id, title=title, seats=seats, candidate_ids=ids,
                                    max_choices=choices, method=method)
        else:
            election_id = self.election.id

            def work() -> ElectionDetail:
                return update_election(db, election_id=election_id, title=title, seats=seats, candidate_ids=ids,
                                       max_choices=choices, method=method)
        self.submit(work)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, item_id: int, election: ElectionDetail | None,
            people: Sequence[Person], on_saved: Callable[[ElectionDetail], None] | None = None) -> ElectionDialog:
        return cls.open_new(db, item_id, election, people, parent, on_saved)
