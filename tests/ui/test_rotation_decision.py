"""Plans decided by the council, in the window: the wizard puts the draft to a meeting (an agenda item and its
motion); once the motion passes, publishing asks for it; the plan and the motion show each other."""

from __future__ import annotations

from datetime import datetime

import pytest

from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import MeetingKind
from coopdesk.domain.members import Body
from coopdesk.domain.organs import Organ
from coopdesk.services import rotation
from coopdesk.services.meetings.importing import import_meeting
from coopdesk.services.meetings.lifecycle import create_meeting
from coopdesk.services.meetings.voting import close_motion, record_counts
from coopdesk.services.rotation import decisions
from tests.services.learning_council import meeting
from tests.ui.conftest import GUI
from tests.ui.rotation_council import START, sample_council

pytestmark = GUI


@pytest.fixture
def council(db, data_dir):  # type: ignore[no-untyped-def]
    sample_council(db, data_dir)
    create_meeting(db, draft=MeetingDraft("Consejo de Trabajadores, enero", MeetingKind.COUNCIL,
                                          datetime(2026, 12, 20, 9, 0), organ=Organ.WORKERS_COUNCIL))
    # A joint assembly, not yet held, and one held that passed a motion on the plan: neither decides it.
    create_meeting(db, draft=MeetingDraft("Asamblea conjunta, enero", MeetingKind.ORDINARY,
                                          datetime(2026, 12, 22, 9, 0), organ=Organ.JOINT))
    import_meeting(db, data=meeting([("Aprobar el plan de rotación", 9, 0)], organ="joint"))
    decisions.set_plans_need_decision(db, value=True)
    return db


def test_plan_put_to_the_council_then_published_with_its_motion(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.i18n import set_language
    from coopdesk.ui.rotation.decision import PublishWithMotionDialog
    from coopdesk.ui.rotation.plan_wizard import PlanWizard

    set_language("en")
    wizard = PlanWizard(council, None, start=START, weeks=2)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wait_ops()
    plan_id = wizard.outcome.plan.id
    row = wizard.result_page.decision
    assert row.meeting.count() == 1 and row.add_button.isEnabled()  # the Workers' Council's meeting only
    assert row.meeting.currentText() == "Consejo de Trabajadores, enero"
    row.put()
    wait_ops()
    assert "on the agenda" in row.notice.text()
    dialog = wizard.confirm_publish()
    assert isinstance(dialog, PublishWithMotionDialog)
    assert dialog.motion.count() == 0 and not dialog.publish_button.isEnabled()  # not voted yet; not the joint one
    assert "put the plan to a meeting" in dialog.question.text()
    dialog.close()
    from coopdesk.services.meetings import meeting_detail
    from coopdesk.services.meetings.lifecycle import list_meetings

    meeting = next(m for m in list_meetings(council) if m.title.startswith("Consejo"))
    motion_id = meeting_detail(council, meeting.id).items[-1].motions[0].id
    _pass(council, meeting.id, motion_id)
    dialog = wizard.confirm_publish()
    assert dialog.motion.count() == 1 and dialog.motion.currentData() == motion_id
    dialog.publish()
    wait_ops()
    assert rotation.get_plan(council, plan_id).published
    assert decisions.plan_decisions(council)[plan_id].motion_id == motion_id


def _pass(db, meeting_id: int, motion_id: int) -> None:  # type: ignore[no-untyped-def]
    """Open the meeting with everyone present, vote the motion through and close it."""
    from coopdesk.domain.meetings import AttendanceStatus
    from coopdesk.services.meetings.attendance import mark_attendance
    from coopdesk.services.meetings.lifecycle import open_meeting
    from coopdesk.services.members import all_members

    open_meeting(db, meeting_id=meeting_id)
    for member in all_members(db):
        if member.voting and member.body is Body.WORKER:  # the Workers' Council seats its workers only
            mark_attendance(db, meeting_id=meeting_id, member_id=member.id, status=AttendanceStatus.PRESENT)
    record_counts(db, motion_id=motion_id, yes=20, no=1, abstain=0)
    close_motion(db, motion_id=motion_id)
