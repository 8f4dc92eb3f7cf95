"""The decisions (acuerdos) of an agenda item with their follow-up actions: who, by when, and whether done.
The text is locked with the minutes; an action's status goes on changing after approval."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import ActionDetail, DecisionDetail, ItemDetail, MeetingDetail, Person
from coopdesk.domain.meetings import ActionStatus
from coopdesk.i18n import _, format_date
from coopdesk.ui.meetings.common import action_party, confirm, row_brush
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # ("decision" | "action", the DTO, its decision)


def due_text(action: ActionDetail) -> str:
    return format_date(action.due_on) if action.due_on else ""


def overdue(action: ActionDetail) -> bool:
    return action.status is ActionStatus.OPEN and action.due_on is not None and action.due_on < date.today()


def status_text(action: ActionDetail) -> str:
    if action.status is ActionStatus.DONE and action.done_on:
        return _("Completed on %(date)s") % {"date": format_date(action.done_on)}
    if overdue(action):
        return _("Overdue")
    return _(action.status.label)


class DecisionsPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.item: ItemDetail | None = None
        self.people: list[Person] = []
        self.keep: tuple[str, int] | None = None
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)  # (no None handed back by Qt: see common)
        self.tree.itemDoubleClicked.connect(lambda *_args: self.buttons["edit"].isEnabled() and self.edit())
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("add", self.add_decision), ("action", self.add_action), ("edit", self.edit),
                          ("remove", self.remove), ("done", lambda: self.set_status(ActionStatus.DONE)),
                          ("reopen", lambda: self.set_status(ActionStatus.OPEN)),
                          ("cancel", lambda: self.set_status(ActionStatus.CANCELLED))):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)
        bar = QHBoxLayout()
        for key in ("add", "action", "edit", "remove"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        follow_up = QHBoxLayout()  # what goes on after approval, under the actions it changes
        follow_up.addStretch(1)
        for key in ("done", "reopen", "cancel"):
            follow_up.addWidget(self.buttons[key])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addLayout(follow_up)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels([_("Decision / follow-up action"), _("Responsible"), _("Due"), _("Status")])
        for key, text in (("add", _("Add &decision…")), ("action", _("Add &action…")), ("edit", _("Edit…")),
                          ("remove", _("Remove")), ("done", _("Mark &done")), ("reopen", _("Reopen")),
                          ("cancel", _("Cancel action"))):
            self.buttons[key].setText(text)
        if self.detail is not None and self.item is not None:
            self.set_item(self.detail, self.item)

    def set_people(self, people: Sequence[Person]) -> None:
        self.people = list(people)

    def set_item(self, detail: MeetingDetail, item: ItemDetail) -> None:
        current = self.current()
        keep = self.keep or ((current[0], current[1].id) if current and self.item and self.item.id == item.id
                             else None)
        self.keep = None
        self.detail, self.item = detail, item
        self.tree.clear()
        motions = {motion.id: motion.number for motion in detail.motions}
        chosen = None
        for decision in item.decisions:
            text = decision.text
            if decision.motion_id in motions:
                text += "  " + _("(motion %(number)s)") % {"number": motions[decision.motion_id]}
            parent = QTreeWidgetItem(self.tree, [text, "", "", ""])
            parent.setData(0, KIND_ROLE, ("decision", decision, decision))
            parent.setToolTip(0, decision.text)
            if keep == ("decision", decision.id):
                chosen = parent
            for action in decision.actions:
                child = QTreeWidgetItem(parent, [action.description, action_party(action),
                                                 due_text(action), status_text(action)])
                child.setData(0, KIND_ROLE, ("action", action, decision))
                child.setToolTip(0, action.description)
                style = "muted" if action.status is not ActionStatus.OPEN else ("bad" if overdue(action) else None)
                brush = row_brush(style)
                for column in range(4):
                    child.setForeground(column, brush if brush is not None else QBrush())
                if keep == ("action", action.id):
                    chosen = child
        self.tree.expandAll()
        for column in (1, 2, 3):
            self.tree.resizeColumnToContents(column)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def _chosen(self) -> tuple[str, DecisionDetail | ActionDetail, DecisionDetail] | None:
        items = self.tree.selectedItems()
        return items[0].data(0, KIND_ROLE) if items else None

    def current(self) -> tuple[str, DecisionDetail | ActionDetail] | None:
        chosen = self._chosen()
        return (chosen[0], chosen[1]) if chosen else None

    def current_decision(self) -> DecisionDetail | None:
        chosen = self._chosen()
        return chosen[2] if chosen else None

    def _update_buttons(self) -> None:
        current = self.current()
        editable = self.workspace.editable  # the follow-up too: a read-only window changes nothing
        unlocked = editable and self.detail is not None and not self.detail.locked
        action = current[1] if editable and current and current[0] == "action" else None
        for button in self.buttons.values():
            button.setVisible(editable)
        self.buttons["add"].setEnabled(unlocked and self.item is not None)
        self.buttons["action"].setEnabled(unlocked and current is not None)
        self.buttons["edit"].setEnabled(unlocked and current is not None)
        self.buttons["remove"].setEnabled(unlocked and current is not None and current[0] == "decision")
        self.buttons["done"].setEnabled(action is not None and action.status is not ActionStatus.DONE)
        self.buttons["reopen"].setEnabled(action is not None and action.status is not ActionStatus.OPEN)
        self.buttons["cancel"].setEnabled(action is not None and action.status is ActionStatus.OPEN)

    # -- changes

    def _changed(self, kind: str, entity_id: int) -> None:
        self.keep = (kind, entity_id)
        self.workspace.changed()

    def add_decision(self) -> None:
        from coopdesk.ui.meetings.decision_dialogs import DecisionDialog

        if self.detail is not None and self.item is not None and self.workspace.db is not None:
            DecisionDialog.ask(self, self.workspace.db, self.detail, self.item.id, None,
                               on_saved=lambda d: self._changed("decision", d.id))

    def add_action(self) -> None:
        from coopdesk.ui.meetings.decision_dialogs import ActionDialog

        decision = self.current_decision()
        if decision is not None and self.workspace.db is not None:
            ActionDialog.ask(self, self.workspace.db, decision.id, None, self.people,
                             on_saved=lambda a: self._changed("action", a.id))

    def edit(self) -> None:
        from coopdesk.ui.meetings.decision_dialogs import ActionDialog, DecisionDialog

        current, db = self.current(), self.workspace.db
        if current is None or db is None or self.detail is None or self.item is None or self.detail.locked:
            return
        kind, entity = current
        if kind == "decision":
            DecisionDialog.ask(self, db, self.detail, self.item.id, entity,  # type: ignore[arg-type]
                               on_saved=lambda d: self._changed("decision", d.id))
        else:
            ActionDialog.ask(self, db, entity.decision_id, entity, self.people,  # type: ignore[union-attr, arg-type]
                             on_saved=lambda a: self._changed("action", a.id))

    def remove(self) -> None:
        current, db = self.current(), self.workspace.db
        if current is None or db is None or current[0] != "decision":
            return
        from coopdesk.services.meetings import remove_decision

        decision = current[1]
        confirm(self, _("Remove this decision and its follow-up actions?"), decision.text,  # type: ignore[union-attr]
                lambda: run_op(self, lambda: remove_decision(db, decision_id=decision.id),
                               on_success=lambda _none: self.workspace.changed()),
                yes_text=_("Remove"))

    def set_status(self, status: ActionStatus) -> None:
        current, db = self.current(), self.workspace.db
        if current is None or db is None or current[0] != "action":
            return
        from coopdesk.services.meetings import set_action_status

        action: ActionDetail = current[1]  # type: ignore[assignment]
        run_op(self, lambda: set_action_status(db, action_id=action.id, status=status, version=action.version),
               on_success=lambda a: self._changed("action", a.id))

