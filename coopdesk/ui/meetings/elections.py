"""The elections of an agenda item: the list with add, edit and remove, and the count of the chosen one below
it (`election_box`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coopdesk.domain.meeting_record import ElectionDetail, ItemDetail, MeetingDetail, Person
from coopdesk.i18n import N_, _
from coopdesk.ui.meetings.common import Col, confirm
from coopdesk.ui.meetings.election_box import ElectionBox
from coopdesk.ui.meetings.election_dialog import ElectionDialog
from coopdesk.ui.meetings.item_list import ItemListPanel
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace


def election_state(election: ElectionDetail) -> str:
    if not election.closed:
        return _("Vote open")
    if election.needs_runoff:
        return _("Tie: runoff needed")
    return _("Closed")


ELECTION_COLUMNS = (
    Col(N_("Election"), lambda e: e.title, tip=lambda e: e.title),
    Col(N_("Seats"), lambda e: str(e.seats), right=True),
    Col(N_("Voting"), lambda e: _(e.method.label)),
    Col(N_("State"), election_state),
)


def _style(election: ElectionDetail) -> str | None:
    return "warn" if election.needs_runoff else ("ok" if election.closed else None)


class ElectionsPanel(ItemListPanel):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        box = ElectionBox(workspace)
        super().__init__(workspace, box, ELECTION_COLUMNS, stretched=0, style=_style)
        self.box = box
        self.people: list[Person] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.retranslate_buttons(_("Add &election…"))
        self.box.retranslate_ui()

    def set_people(self, people: Sequence[Person]) -> None:
        self.people = list(people)

    def set_item(self, detail: MeetingDetail, item: ItemDetail) -> None:
        keep = self.keep_id or self.box.select_next or self.kept_id(item)
        self.box.select_next = None
        self.show_rows(detail, item, item.elections, keep)

    def _show_chosen(self, detail: MeetingDetail, chosen: ElectionDetail | None) -> None:
        self.box.set_election(detail, chosen)

    def _open(self, chosen: ElectionDetail | None) -> None:
        assert self.item is not None and self.workspace.db is not None
        ElectionDialog.ask(self, self.workspace.db, self.item.id, chosen, self.people, on_saved=self._saved)

    def remove(self) -> None:
        election, db = self.selected(), self.workspace.db
        if election is None or db is None:
            return
        from coopdesk.services.meetings import remove_election

        confirm(self, _("Remove the election “%(title)s”?") % {"title": election.title}, "",
                lambda: run_op(self, lambda: remove_election(db, election_id=election.id),
                               on_success=lambda _none: self.workspace.changed()),
                yes_text=_("Remove"))
