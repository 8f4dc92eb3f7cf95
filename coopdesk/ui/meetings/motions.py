"""The motions of an agenda item: the list (number, text, method, result) with add, edit and remove, and the
vote of the chosen one below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopdesk.domain.meeting_record import ItemDetail, MeetingDetail, MotionDetail
from coopdesk.domain.meetings import MotionResult
from coopdesk.domain.organs import Organ
from coopdesk.i18n import N_, _
from coopdesk.ui.meetings.common import Col, confirm
from coopdesk.ui.meetings.item_list import ItemListPanel
from coopdesk.ui.meetings.motion_dialog import MotionDialog
from coopdesk.ui.meetings.vote_box import VoteBox
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace


def result_text(motion: MotionDetail) -> str:
    return _(motion.result.label) if motion.result is not None else _("Vote open")


MOTION_COLUMNS = (
    Col(N_("No."), lambda m: m.number, right=True),
    Col(N_("Motion"), lambda m: m.text, tip=lambda m: m.text),
    Col(N_("Voting"), lambda m: _(m.method.label)),
    Col(N_("Majority"), lambda m: _(m.majority.label)),
    Col(N_("Proposed by"), lambda m: m.proposer.full_name if m.proposer else ""),
    Col(N_("Result"), result_text),
)


def _style(motion: MotionDetail) -> str | None:
    return {MotionResult.PASSED: "ok", MotionResult.REJECTED: "bad", MotionResult.NO_QUORUM: "warn"}.get(
        motion.result) if motion.result else None


class MotionsPanel(ItemListPanel):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        vote = VoteBox(workspace)
        super().__init__(workspace, vote, MOTION_COLUMNS, stretched=1, style=_style)
        self.vote = vote
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.retranslate_buttons(_("Add &motion…"))
        self.vote.retranslate_ui()

    def set_item(self, detail: MeetingDetail, item: ItemDetail) -> None:
        # Without one to keep: the first vote still open, else the first motion.
        self.show_rows(detail, item, item.motions, self.kept_id(item), fallback=lambda m: not m.closed)

    def _show_chosen(self, detail: MeetingDetail, chosen: MotionDetail | None) -> None:
        self.vote.set_motion(detail, chosen)

    def _open(self, chosen: MotionDetail | None) -> None:
        assert self.item is not None and self.workspace.db is not None
        detail = self.workspace.detail
        MotionDialog.ask(self, self.workspace.db, self.item.id, chosen, on_saved=self._saved,
                         joint=detail is not None and detail.organ is Organ.JOINT, people=self.workspace.people,
                         item_proposer=self.item.proposer)

    def remove(self) -> None:
        motion, db = self.selected(), self.workspace.db
        if motion is None or db is None:
            return
        from coopdesk.services.meetings import remove_motion

        confirm(self, _("Remove motion %(number)s?") % {"number": motion.number}, motion.text,
                lambda: run_op(self, lambda: remove_motion(db, motion_id=motion.id),
                               on_success=lambda _none: self.workspace.changed()),
                yes_text=_("Remove"))
