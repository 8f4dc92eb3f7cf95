"""The ordered agenda of a meeting: items with their proposer and expected minutes; add, edit, remove, move."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import ItemDetail, MeetingDetail, Person
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import N_, _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.ui.meetings.common import (
    Col,
    MemberPicker,
    RowsModel,
    confirm,
    make_table,
    person_text,
    select_row,
    selected_row,
    stretch_column,
)
from coopdesk.ui.meetings.fields import RecordDialog
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)
LONGEST_ITEM = 24 * 60


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": rest}
    return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": rest}


AGENDA_COLUMNS = (
    Col(N_("No."), lambda i: str(i.position), right=True),
    Col(N_("Item"), lambda i: i.title, tip=lambda i: i.title),
    Col(N_("Proposed by"), lambda i: person_text(i.proposer)),
    Col(N_("Expected"), lambda i: duration_text(i.expected_minutes) if i.expected_minutes is not None else "",
        right=True),
)


class AgendaPanel(QGroupBox):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.people: list[Person] = []
        self.keep_id: int | None = None  # the item to select once the meeting is read again
        self.model = RowsModel(AGENDA_COLUMNS, self)
        self.table = make_table(self.model)
        stretch_column(self.table, 1)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("add", self.add), ("edit", self.edit), ("remove", self.remove),
                          ("up", lambda: self.move(-1)), ("down", lambda: self.move(1))):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)
        for key, icon in (("up", QStyle.StandardPixmap.SP_ArrowUp), ("down", QStyle.StandardPixmap.SP_ArrowDown)):
            self.buttons[key].setIcon(self.style().standardIcon(icon))
        self.total = QLabel()
        bar = QHBoxLayout()
        for key in ("add", "edit", "remove"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        bar.addWidget(self.buttons["up"])
        bar.addWidget(self.buttons["down"])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Agenda"))
        for key, text in (("add", _("Add &item…")), ("edit", _("Edit…")), ("remove", _("Remove"))):
            self.buttons[key].setText(text)
        self.buttons["up"].setToolTip(_("Move up"))
        self.buttons["down"].setToolTip(_("Move down"))
        self.model.retranslate()
        self._update_total()

    def set_people(self, people: Sequence[Person]) -> None:
        self.people = list(people)

    def set_detail(self, detail: MeetingDetail | None) -> None:
        selected = self.selected()
        keep = self.keep_id if self.keep_id is not None else selected.id if selected else None
        self.keep_id = None
        self.detail = detail
        self.model.set_rows(detail.items if detail else ())
        if keep is not None:
            select_row(self.table, self.model.row_of(lambda i: i.id == keep))
        self._update_total()
        self._update_buttons()

    def _update_total(self) -> None:
        items = self.model.rows
        minutes = sum(i.expected_minutes or 0 for i in items)
        text = ngettext("%(count)d item", "%(count)d items", len(items)) % {"count": len(items)}
        if minutes:
            text += " · " + _("expected duration %(duration)s") % {"duration": duration_text(minutes)}
        self.total.setText(text)

    def selected(self) -> ItemDetail | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _update_buttons(self) -> None:
        state = self.detail.state if self.detail else None
        editable = self.workspace.editable
        live = editable and state in LIVE
        unlocked = editable and state is not None and state is not MeetingState.APPROVED
        row = selected_row(self.table)
        for button in self.buttons.values():
            button.setVisible(editable)
        self.buttons["add"].setEnabled(live)
        self.buttons["edit"].setEnabled(unlocked and row is not None)
        self.buttons["remove"].setEnabled(live and row is not None)
        self.buttons["up"].setEnabled(live and row is not None and row > 0)
        self.buttons["down"].setEnabled(live and row is not None and row < self.model.rowCount() - 1)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.buttons["edit"].isEnabled():
            self.edit()

    # -- changes

    def add(self) -> None:
        if self.detail is not None and self.workspace.db is not None:
            ItemDialog.ask(self, self.workspace.db, self.detail.id, None, self.people, on_saved=self._saved)

    def edit(self) -> None:
        item = self.selected()
        if item is not None and self.workspace.db is not None:
            ItemDialog.ask(self, self.workspace.db, item.meeting_id, item, self.people, on_saved=self._saved)

    def _saved(self, item: ItemDetail) -> None:
        self._saved_id(item.id)

    def remove(self) -> None:
        item, db = self.selected(), self.workspace.db
        if item is None or db is None:
            return
        from coopdesk.services.meetings import remove_item

        confirm(self, _("Remove item %(number)d, “%(title)s”, from the agenda?") % {
                    "number": item.position, "title": item.title},
                _("Its minutes, motions and decisions are removed with it."),
                lambda: run_op(self, lambda: remove_item(db, item_id=item.id),
                               on_success=lambda _none: self.workspace.changed()),
                yes_text=_("Remove"))

    def move(self, step: int) -> None:
        row, db = selected_row(self.table), self.workspace.db
        if row is None or db is None or self.detail is None or not 0 <= row + step < self.model.rowCount():
            return
        from coopdesk.services.meetings import reorder_items

        ids = [item.id for item in self.model.rows]
        ids[row], ids[row + step] = ids[row + step], ids[row]
        meeting_id, moved = self.detail.id, ids[row + step]
        self.buttons["up"].setEnabled(False)
        self.buttons["down"].setEnabled(False)
        run_op(self, lambda: reorder_items(db, meeting_id=meeting_id, item_ids=ids),
               on_success=lambda _items: self._saved_id(moved))

    def _saved_id(self, item_id: int) -> None:
        self.keep_id = item_id  # the same item, at its new place, once the meeting is read again
        self.workspace.changed()


class ItemDialog(RecordDialog):
    """Add or edit an agenda item: title, who proposes it, how long it is expected to take."""

    def __init__(self, db: Database, meeting_id: int, item: ItemDetail | None, people: Sequence[Person],
                 parent: QWidget | None = None, on_saved: Callable[[ItemDetail], None] | None = None) -> None:
        super().__init__(parent, on_saved)
        self.db, self.meeting_id, self.item = db, meeting_id, item
        self.title = QLineEdit(item.title if item else "")
        self.title.setMinimumWidth(420)
        self.proposer = MemberPicker()
        self.proposer.offer(people, item.proposer if item else None)
        self.expected = QSpinBox()
        self.expected.setRange(0, LONGEST_ITEM)
        self.expected.setSingleStep(5)
        self.expected.setValue(item.expected_minutes or 0 if item else 15)
        for name in ("title", "proposer", "expected"):
            self.form.add(name, getattr(self, name))
        self.lay_out()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit agenda item") if self.item else _("New agenda item"))
        self.form.set_texts({"title": _("&Title:"), "proposer": _("&Proposed by:"),
                             "expected": _("&Expected time:")})
        self.expected.setSuffix(" " + _("min"))
        self.expected.setSpecialValueText(_("not set"))
        self.proposer.lineEdit().setPlaceholderText(_("Optional: type a name or a code"))

    def save(self) -> None:
        problems = {}
        if not self.title.text().strip():
            problems["title"] = _("A title is required.")
        if (problem := self.proposer.problem()) is not None:
            problems["proposer"] = problem
        self.form.show_problems(problems)
        if problems:
            return
        from coopdesk.services.meetings import add_item, update_item

        db, title, proposer = self.db, self.title.text().strip(), self.proposer.member_id()
        expected = self.expected.value() or None
        if self.item is None:
            meeting_id = self.meeting_id

            def work() -> ItemDetail:
                return add_item(db, meeting_id=meeting_id, title=title, proposer_id=proposer,
                                expected_minutes=expected)
        else:
            item = self.item

            def work() -> ItemDetail:
                return update_item(db, item_id=item.id, version=item.version, title=title, proposer_id=proposer,
                                   expected_minutes=expected)
        self.submit(work)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, meeting_id: int, item: ItemDetail | None, people: Sequence[Person],
            on_saved: Callable[[ItemDetail], None] | None = None) -> ItemDialog:
        return cls.open_new(db, meeting_id, item, people, parent, on_saved)
