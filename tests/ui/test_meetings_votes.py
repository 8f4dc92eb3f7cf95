"""Votes in the Meetings section: an open count with its live "faltan N" tally and the close, a roll call by
keyboard, an election whose tie for the last seat is flagged for a runoff, and the pending follow-up actions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from coopdesk.domain.meetings import ActionStatus, Choice, Majority, MotionResult, VoteMethod, yes_needed_in_words
from coopdesk.i18n import translator
from coopdesk.services import meetings as service
from coopdesk.ui.meetings.page import MeetingsPage
from tests.ui.conftest import GUI, message_boxes
from tests.ui.test_meetings import make_council, make_meeting

pytestmark = GUI
EVERYONE = ("M001", "M002", "M003", "M004", "M005", "M006", "M007", "M008")


@pytest.fixture
def council(db):  # type: ignore[no-untyped-def]
    return make_council(db)


@pytest.fixture
def page(qtbot, db, wait_ops):  # type: ignore[no-untyped-def]
    widget = MeetingsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    wait_ops()
    return widget


def proceedings(page, wait_ops, meeting_id: int, tab: int):  # type: ignore[no-untyped-def]
    page.open_meeting(meeting_id)
    wait_ops()
    page.workspace.tabs.setCurrentIndex(2)
    panel = page.workspace.proceedings
    panel.tabs.setCurrentIndex(tab)
    wait_ops()
    return panel


def test_an_open_count_shows_how_many_yes_votes_are_missing_and_closing_records_it(qtbot, db, council, page,
                                                                                    wait_ops):
    meeting_id = make_meeting(db, council, present=EVERYONE)  # P = 8
    item = service.meeting_detail(db, meeting_id).items[0]
    motion = service.add_motion(db, item_id=item.id, text="Fijar el anticipo", method=VoteMethod.OPEN,
                                majority=Majority.TWO_THIRDS)  # base: yes, no and abstentions; 3Y ≥ 2B
    box = proceedings(page, wait_ops, meeting_id, tab=1).motions.vote
    assert box.motion.id == motion.id and box.pages.currentIndex() == 0
    box.spins["yes"].setValue(3)
    box.spins["no"].setValue(3)
    qtbot.waitUntil(lambda: box.tally is not None and box.tally.yes == 3 and box.tally.no == 3, timeout=5000)
    assert yes_needed_in_words(3) in box.verdict.text()  # 6 yes of 9 votes: "faltan 3 votos a favor"
    box.spins["yes"].setValue(5)  # 5 of 8 cast: 15 ≥ 16 fails, 1 more is needed
    qtbot.waitUntil(lambda: box.tally.yes == 5, timeout=5000)
    assert yes_needed_in_words(1) in box.verdict.text()

    box.spins["no"].setValue(9)  # more votes than present voters: refused inline, nothing written
    qtbot.waitUntil(lambda: box.error.isVisibleTo(box), timeout=5000)
    assert service.motion_tally(db, motion_id=motion.id).no == 3 and not message_boxes()

    box.spins["no"].setValue(2)
    box.close_vote()  # the counts on screen are stored first, then the vote closes
    wait_ops()
    closed = service.motion_detail(db, motion_id=motion.id)
    assert (closed.yes, closed.no, closed.result) == (5, 2, MotionResult.PASSED)
    assert box.motion.closed and not box.close_button.isVisibleTo(box)


def test_a_roll_call_is_taken_from_the_keyboard(qtbot, qtmodeltester, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council, present=("M001", "M002", "M003"))
    item = service.meeting_detail(db, meeting_id).items[0]
    motion = service.add_motion(db, item_id=item.id, text="Publicar el acta", method=VoteMethod.ROLL_CALL,
                                majority=Majority.SIMPLE)
    box = proceedings(page, wait_ops, meeting_id, tab=1).motions.vote
    assert box.pages.currentIndex() == 1 and box.ballots_model.rowCount() == 3
    qtmodeltester.check(box.ballots_model)
    box.ballots.setFocus()
    box.ballots.selectRow(0)
    for key in (Qt.Key.Key_Y, Qt.Key.Key_N, Qt.Key.Key_S):  # S: "sí"; each key moves to the next voter
        QTest.keyClick(box.ballots, key)
    wait_ops()
    ballots = {b.member.code: b.choice for b in service.motion_detail(db, motion_id=motion.id).ballots}
    assert ballots == {"M001": Choice.YES, "M002": Choice.NO, "M003": Choice.YES}
    assert box.tally.yes == 2 and box.tally.not_voted == 0
    assert box.ballots_model.data(box.ballots_model.index(1, 3)) == translator("es").gettext(Choice.NO.label)


def test_a_tie_for_the_last_seat_is_flagged_and_a_runoff_started(qtbot, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council, present=EVERYONE)
    item = service.meeting_detail(db, meeting_id).items[1]
    election = service.add_election(db, item_id=item.id, title="Voceros", seats=2, max_choices=2,
                                    candidate_ids=[council[c] for c in ("M003", "M004", "M005")])
    box = proceedings(page, wait_ops, meeting_id, tab=0).elections.box
    page.workspace.proceedings.select_item(item.id)
    page.workspace.proceedings.tabs.setCurrentIndex(2)
    wait_ops()
    assert box.election.id == election.id
    for code, votes in (("M003", 6), ("M004", 4), ("M005", 4)):
        box.spins[council[code]].setValue(votes)
    box.cast.setValue(8)
    assert box.outcome.text()  # the tie shows before the close, as what closing would give
    box.close_election()
    wait_ops()
    closed = next(e for e in service.meeting_detail(db, meeting_id).elections if e.id == election.id)
    assert closed.needs_runoff and [p.code for p in closed.elected] == ["M003"]
    assert "M004" in box.outcome.text() and "M005" in box.outcome.text()
    assert box.runoff_button.isVisibleTo(box) and box.runoff_button.isEnabled()

    box.start_runoff()
    wait_ops()
    elections = service.meeting_detail(db, meeting_id).elections
    runoff = elections[-1]
    assert len(elections) == 2 and {line.member.code for line in runoff.candidates} == {"M004", "M005"}
    assert box.election.id == runoff.id and runoff.seats == 1  # the runoff is shown, ready to be counted


def test_pending_actions_are_listed_and_marked_done(qtbot, qtmodeltester, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council)
    item = service.meeting_detail(db, meeting_id).items[0]
    decision = service.add_decision(db, item_id=item.id, text="Reparar el techo")
    late = service.add_action(db, decision_id=decision.id, description="Pedir presupuestos",
                              responsible_id=council["M004"], due_on=date(2020, 1, 1))
    service.add_action(db, decision_id=decision.id, description="Contratar la obra")
    page.tabs.setCurrentIndex(1)
    wait_ops()
    pending = page.pending
    assert pending.model.rowCount() == 2 and pending.model.rows[0].action.id == late.id  # the soonest first
    qtmodeltester.check(pending.model)
    assert pending.model.data(pending.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None  # overdue
    pending.table.selectRow(0)
    pending.mark_done()
    wait_ops()
    assert [p.action.description for p in service.open_actions(db)] == ["Contratar la obra"]
    assert pending.model.rowCount() == 1

    pending.table.selectRow(0)
    pending.open_meeting()
    wait_ops()
    assert page.workspace.meeting_id == meeting_id


def test_decisions_show_their_actions_and_follow_up_goes_on_after_approval(qtbot, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council)
    item = service.meeting_detail(db, meeting_id).items[0]
    decision = service.add_decision(db, item_id=item.id, text="Reparar el techo")
    action = service.add_action(db, decision_id=decision.id, description="Pedir presupuestos")
    panel = proceedings(page, wait_ops, meeting_id, tab=3).decisions
    assert panel.tree.topLevelItemCount() == 1 and panel.tree.topLevelItem(0).childCount() == 1
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    assert panel.buttons["done"].isEnabled() and panel.buttons["edit"].isEnabled()
    panel.set_status(ActionStatus.DONE)
    wait_ops()
    assert service.open_actions(db) == [] and panel.current()[1].id == action.id  # still the one chosen
    assert panel.buttons["reopen"].isEnabled()


def test_the_roll_model_passes_the_model_tester(qtbot, qtmodeltester, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council, present=("M001",))
    page.open_meeting(meeting_id)
    wait_ops()
    page.workspace.tabs.setCurrentIndex(1)
    wait_ops()
    roll = page.workspace.roll
    assert roll.model.rowCount() == 9  # the eight workers and the state delegate (who has no vote)
    qtmodeltester.check(roll.model)
    qtmodeltester.check(page.workspace.convocation.agenda.model)
    qtmodeltester.check(page.workspace.proceedings.model)


def test_the_acta_facts_are_set_on_screen(qtbot, db, council, page, wait_ops):  # type: ignore[no-untyped-def]
    """The day the convocation was issued, a motion's own proposer and an election's null ballots."""
    from coopdesk.ui.meetings.motion_dialog import MotionDialog

    meeting_id = make_meeting(db, council, present=EVERYONE)
    item = service.meeting_detail(db, meeting_id).items[1]
    election = service.add_election(db, item_id=item.id, title="Vocero", seats=1,
                                    candidate_ids=[council[c] for c in ("M003", "M004")])
    panel = proceedings(page, wait_ops, meeting_id, tab=0)
    workspace = page.workspace

    # convening recorded the day of issue; the secretary corrects it
    form = workspace.convocation.form
    issued = service.meeting_detail(db, meeting_id).convened_on
    assert issued is not None and form.convened_on.isVisibleTo(workspace.convocation)
    assert form.convened_on.date().toPython() == issued
    form.convened_on.setDate(date(2026, 12, 1))
    workspace.convocation.save()
    wait_ops()
    assert service.meeting_detail(db, meeting_id).convened_on == date(2026, 12, 1)

    # a motion proposed by someone other than the item's proposer
    panel.select_item(item.id)
    panel.tabs.setCurrentIndex(1)
    wait_ops()
    motions = panel.motions
    motions.add()
    dialog = next(w for w in motions.findChildren(MotionDialog) if w.isVisible())
    dialog.text.setPlainText("Proponer a Beatriz como vocera")
    dialog.proposer.setEditText("zambrano")
    dialog.save()
    wait_ops()
    motion = service.meeting_detail(db, meeting_id).items[1].motions[0]
    assert motion.proposer is not None and motion.proposer.code == "M007"
    model = motions.table.model()
    texts = [model.index(0, column).data() for column in range(model.columnCount())]
    assert "Rosa Zambrano" in texts

    # the election's null ballots, recorded with the count and kept by the close
    panel.tabs.setCurrentIndex(2)
    wait_ops()
    box = panel.elections.box
    assert box.election.id == election.id
    box.spins[council["M003"]].setValue(5)
    box.spins[council["M004"]].setValue(2)
    box.cast.setValue(8)
    box.null.setValue(1)
    box.close_election()
    wait_ops()
    closed = next(e for e in service.meeting_detail(db, meeting_id).elections if e.id == election.id)
    assert closed.closed and (closed.ballots_cast, closed.blank_ballots, closed.null_ballots) == (8, 0, 1)
    assert box.null.value() == 1
