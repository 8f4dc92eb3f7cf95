"""Organs in the Meetings section: a new meeting is the Workers' Council's unless the joint body is chosen; the
organ in the header; the roll lists only the organ's members; a joint meeting's figures by body; a concurrent
vote counted body by body with each body's result and what it lacks, in words."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QApplication

from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import AttendanceStatus, Majority, MeetingKind, MotionResult, VoteMethod
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.domain.organs import Organ
from coopdesk.services import meetings as service
from coopdesk.services.members import create_member
from coopdesk.ui.meetings.fields import set_combo_value
from coopdesk.ui.meetings.page import MeetingsPage
from tests.ui.conftest import GUI

pytestmark = GUI
STARTS = datetime(2026, 12, 17, 9, 0)
WORKERS = [f"M{n:03d}" for n in range(1, 11)]
DELEGATES = ["C001", "C002", "C003", "C004"]


@pytest.fixture
def council(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Ten workers, four communal-council delegates (voting), one state representative (voting)."""
    ids = {}
    people = [(code, f"Trabajadora {code}", Body.WORKER) for code in WORKERS]
    people += [(code, f"Vocera {code}", Body.COMMUNAL_COUNCIL) for code in DELEGATES]
    people += [("E001", "Representante estatal", Body.STATE)]
    for code, name, body in people:
        ids[code] = create_member(db, draft=MemberDraft(code, name, body, date(2020, 1, 1), True)).id
    return ids


@pytest.fixture
def page(qtbot, db, wait_ops):  # type: ignore[no-untyped-def]
    widget = MeetingsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    wait_ops()
    return widget


def joint_meeting(db, ids: dict[str, int]) -> int:  # type: ignore[no-untyped-def]
    detail = service.create_meeting(db, draft=MeetingDraft(
        title="Asamblea de cogestión del trimestre", kind=MeetingKind.ORDINARY, starts_at=STARTS,
        place="Galpón principal", chair_id=ids["M001"], secretary_id=ids["M002"], organ=Organ.JOINT,
        quorum_per_body=True))
    service.add_item(db, meeting_id=detail.id, title="Plan de producción con la comuna")
    service.convene_meeting(db, meeting_id=detail.id)
    service.open_meeting(db, meeting_id=detail.id, at=STARTS)
    for code in [*WORKERS[:8], *DELEGATES, "E001"]:
        service.mark_attendance(db, meeting_id=detail.id, member_id=ids[code], status=AttendanceStatus.PRESENT)
    return detail.id


def test_a_new_meeting_is_the_workers_councils_and_its_roll_lists_only_workers(qtbot, db, council, page,
                                                                                wait_ops):
    from coopdesk.ui.meetings.convocation import NewMeetingDialog

    page.new_meeting()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewMeetingDialog) and w.isVisible())
    assert dialog.form.organ.currentData() == Organ.WORKERS_COUNCIL.value
    assert not dialog.form.quorum_per_body.isEnabled()  # a rule of the joint body only
    dialog.form.place.setText("Comedor")
    dialog.save()
    wait_ops()
    workspace = page.workspace
    detail = service.meeting_detail(db, workspace.meeting_id)
    assert detail.organ is Organ.WORKERS_COUNCIL
    assert "Consejo de Trabajadores" in workspace.subtitle.text()
    workspace.tabs.setCurrentIndex(1)
    wait_ops()
    listed = {line.member.code for line in workspace.roll.model.rows}
    assert listed == set(WORKERS)


def test_the_kind_follows_the_organ_until_the_secretary_picks_one(qtbot, db, council, page, wait_ops):
    from coopdesk.i18n import set_language
    from coopdesk.ui.meetings.convocation import NewMeetingDialog

    set_language("en")
    page.new_meeting()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewMeetingDialog) and w.isVisible())
    form = dialog.form
    assert form.kind.currentData() == MeetingKind.COUNCIL.value  # a Workers' Council session
    assert form.title.text().startswith("Workers' Council session")
    set_combo_value(form.organ, Organ.JOINT)
    assert form.kind.currentData() == MeetingKind.ORDINARY.value
    assert form.title.text().startswith("Ordinary assembly")  # the suggested title follows the kind
    set_combo_value(form.organ, Organ.WORKERS_COUNCIL)
    assert form.kind.currentData() == MeetingKind.COUNCIL.value
    set_combo_value(form.kind, MeetingKind.EXTRAORDINARY)  # the secretary's own choice stands
    set_combo_value(form.organ, Organ.JOINT)
    assert form.kind.currentData() == MeetingKind.EXTRAORDINARY.value
    dialog.save()
    wait_ops()
    detail = service.meeting_detail(db, page.workspace.meeting_id)
    assert (detail.organ, detail.kind) == (Organ.JOINT, MeetingKind.EXTRAORDINARY)


def test_a_saved_meeting_keeps_its_kind_when_its_organ_changes(qtbot, db, council, page, wait_ops):
    detail = service.create_meeting(db, draft=MeetingDraft(title="Asamblea ordinaria", kind=MeetingKind.ORDINARY,
                                                           starts_at=STARTS, organ=Organ.JOINT))
    page.open_meeting(detail.id)
    wait_ops()
    form = page.workspace.convocation.form
    assert form.kind.currentData() == MeetingKind.ORDINARY.value
    set_combo_value(form.organ, Organ.WORKERS_COUNCIL)
    assert form.kind.currentData() == MeetingKind.ORDINARY.value


def test_the_joint_body_shows_figures_by_body_and_a_concurrent_vote_body_by_body(qtbot, db, council, page,
                                                                                  wait_ops):
    meeting_id = joint_meeting(db, council)
    item = service.meeting_detail(db, meeting_id).items[0]
    motion = service.add_motion(db, item_id=item.id, text="Aprobar el plan de producción con la comuna",
                                method=VoteMethod.SECRET, majority=Majority.SIMPLE, concurrent=True)
    page.open_meeting(meeting_id)
    wait_ops()
    workspace = page.workspace
    assert "Asamblea conjunta de cogestión" in workspace.subtitle.text()
    workspace.tabs.setCurrentIndex(1)
    wait_ops()
    figures = workspace.roll.figures.text()
    assert "Trabajadores: <b>8</b> de 10" in figures and "Voceros de consejos comunales: <b>4</b> de 4" in figures

    workspace.tabs.setCurrentIndex(2)
    panel = workspace.proceedings
    panel.tabs.setCurrentIndex(1)
    wait_ops()
    box = panel.motions.vote
    assert box.motion.id == motion.id and box.pages.currentIndex() == 2
    assert "Mayoría concurrente" in box.rule.text()
    for (body, key), value in {(Body.WORKER, "yes"): 7, (Body.WORKER, "no"): 1, (Body.COMMUNAL_COUNCIL, "yes"): 2,
                               (Body.COMMUNAL_COUNCIL, "no"): 2, (Body.STATE, "yes"): 1}.items():
        box.body_spins[body, key].setValue(value)
    qtbot.waitUntil(lambda: box.tally is not None and box.tally.yes == 10, timeout=5000)
    assert "faltan 1 voto" not in box.verdict.text()
    assert "falta 1 voto a favor entre los delegados comunales" in box.verdict.text()
    assert "Voceros de consejos comunales: a favor 2 · en contra 2" in box.bodies_line.text()
    box.close_vote()
    wait_ops()
    closed = service.motion_detail(db, motion_id=motion.id)
    assert closed.result is MotionResult.REJECTED
    assert [(v.body, v.result) for v in closed.by_body] == [
        (Body.WORKER, MotionResult.PASSED), (Body.COMMUNAL_COUNCIL, MotionResult.REJECTED),
        (Body.STATE, MotionResult.PASSED)]


def test_the_election_box_refuses_a_delegate_standing_in_the_workers_council(qtbot, db, council, wait_ops):
    from coopdesk.i18n import set_language
    from coopdesk.ui.meetings.convocation import active_people
    from coopdesk.ui.meetings.election_dialog import ElectionDialog

    set_language("en")
    detail = service.create_meeting(db, draft=MeetingDraft(title="Consejo de diciembre", kind=MeetingKind.COUNCIL,
                                                           starts_at=STARTS, organ=Organ.WORKERS_COUNCIL))
    item = service.add_item(db, meeting_id=detail.id, title="Voceros")
    dialog = ElectionDialog(db, item.id, None, active_people(db))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Voceros del consejo")
    for code in ("M001", "C002"):
        dialog.candidates.picker.setEditText(code)
        dialog.candidates.add()
    assert dialog.candidates.list.count() == 2
    dialog.save()
    wait_ops()
    error = dialog.form.errors["candidates"]
    assert error.isVisibleTo(dialog) and "C002 is not a worker and does not sit in the Workers' Council" in error.text()
    assert dialog.isVisible()  # nothing saved: the secretary corrects the list
    assert service.meeting_detail(db, detail.id).elections == ()
