"""The Meetings section: the list, a new meeting, the roll call (search + Enter, proxies checked inline), the
minutes saved as typed, approval locking the meeting, and the language switch. A small council and its
meetings are set up through the services (the vote tests reuse `make_council` and `make_meeting`)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import AttendanceStatus, MeetingKind, MeetingState
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.i18n import translator
from coopdesk.services import meetings as service
from coopdesk.services.members import create_member
from coopdesk.ui.colors import status_style
from coopdesk.ui.language import apply_language
from coopdesk.ui.meetings.page import MeetingsPage
from tests.ui.conftest import GUI, message_boxes

pytestmark = GUI

# Eight voting workers (one with a name to search by), one state representative without a vote.
PEOPLE = (
    ("M001", "Ana Pérez"), ("M002", "Ángel Núñez"), ("M003", "Beatriz Díaz"), ("M004", "Carlos Peña"),
    ("M005", "Yohana Briceño"), ("M006", "Omar Rojas"), ("M007", "Rosa Zambrano"), ("M008", "Luis Guédez"),
)
STARTS = datetime(2026, 12, 17, 9, 0)


def make_council(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {}
    for code, name in PEOPLE:
        ids[code] = create_member(db, draft=MemberDraft(code, name, Body.WORKER, date(2020, 1, 1), True)).id
    ids["S001"] = create_member(db, draft=MemberDraft("S001", "Delegada Estatal", Body.STATE, date(2020, 1, 1),
                                                      False)).id
    return ids


def make_meeting(db, ids: dict[str, int], *, present: tuple[str, ...] = (), open_it: bool = True,  # type: ignore[no-untyped-def]
                 items: tuple[str, ...] = ("Aprobación del acta anterior", "Elección de voceros")) -> int:
    detail = service.create_meeting(db, draft=MeetingDraft(
        title="Asamblea ordinaria de diciembre", kind=MeetingKind.ORDINARY, starts_at=STARTS,
        place="Galpón principal", chair_id=ids["M001"], secretary_id=ids["M002"]))
    for title in items:
        service.add_item(db, meeting_id=detail.id, title=title, expected_minutes=20)
    service.convene_meeting(db, meeting_id=detail.id)
    if open_it:
        service.open_meeting(db, meeting_id=detail.id, at=STARTS)
    for code in present:
        service.mark_attendance(db, meeting_id=detail.id, member_id=ids[code], status=AttendanceStatus.PRESENT)
    return detail.id


def status_of(db, meeting_id: int, member_id: int) -> AttendanceStatus:  # type: ignore[no-untyped-def]
    line = next(line for line in service.meeting_roll(db, meeting_id=meeting_id).lines if line.member.id == member_id)
    return line.status


@pytest.fixture
def council(db):  # type: ignore[no-untyped-def]
    return make_council(db)


@pytest.fixture
def page(qtbot, db, wait_ops):  # type: ignore[no-untyped-def]
    widget = MeetingsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    wait_ops()
    return widget


def open_meeting(page, wait_ops, meeting_id: int, tab: int = 0):  # type: ignore[no-untyped-def]
    page.open_meeting(meeting_id)
    wait_ops()
    workspace = page.workspace
    workspace.tabs.setCurrentIndex(tab)
    wait_ops()
    return workspace


def test_the_list_shows_the_meetings_and_passes_the_model_tester(qtbot, qtmodeltester, db, council, wait_ops):
    first = make_meeting(db, council, open_it=False)
    second = make_meeting(db, council)
    widget = MeetingsPage(db)
    qtbot.addWidget(widget)
    assert widget.meetings.model.rowCount() == 0  # nothing is read until the section is shown
    widget.show()
    wait_ops()
    model = widget.meetings.model
    assert {row.id for row in model.rows} == {first, second}
    assert model.data(model.index(0, 3)) in {translator("es").gettext(s.label) for s in MeetingState}
    qtmodeltester.check(model)


def test_a_new_meeting_is_created_from_the_dialog_and_opened(qtbot, db, council, page, wait_ops):
    from coopdesk.ui.meetings.convocation import NewMeetingDialog

    page.new_meeting()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewMeetingDialog) and w.isVisible())
    assert dialog.form.title.text()  # a title is suggested from the kind and the month
    dialog.form.place.setText("Comedor")
    dialog.form.chair.setEditText("nunez")  # accents aside
    dialog.form.secretary.setEditText("nobody at all")
    dialog.save()
    assert dialog.form.form.errors["secretary"].isVisibleTo(dialog)  # refused inline, nothing sent
    dialog.form.secretary.setEditText("M003")
    dialog.save()
    wait_ops()
    meeting_id = page.workspace.meeting_id
    detail = service.meeting_detail(db, meeting_id)
    assert (detail.place, detail.chair.code, detail.secretary.code) == ("Comedor", "M002", "M003")
    assert detail.kind is MeetingKind.COUNCIL and detail.state is MeetingState.DRAFT  # the Workers' Council's session
    assert page.stack.currentWidget() is page.workspace


def test_roll_call_search_and_enter_marks_present_and_the_counters_follow(qtbot, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council, present=("M001", "M002", "M003", "M004"))
    roll = open_meeting(page, wait_ops, meeting_id, tab=1).roll
    assert "<b>8</b>" in roll.figures.text() and "<b>4</b>" in roll.figures.text()  # E = 8 voters, P = 4
    assert roll.quorum.styleSheet() == status_style("bad", bold=True)  # 2P > E needs 5 present voters

    QTest.keyClicks(roll.search, "zamb")  # part of "Rosa Zambrano"
    assert roll.model.rowCount() == 1
    QTest.keyClick(roll.search, Qt.Key.Key_Return)
    wait_ops()
    assert status_of(db, meeting_id, council["M007"]) is AttendanceStatus.PRESENT
    assert roll.search.text() == ""  # ready for the next name
    assert "<b>5</b>" in roll.figures.text()  # P = 5: 2P > E, the quorum is met
    assert service.roll_counters(db, meeting_id=meeting_id).quorum_met
    assert roll.quorum.styleSheet() == status_style("good", bold=True)

    QTest.keyClicks(roll.search, "M006")  # a code works too; P, E, A on the selected row
    QTest.keyClick(roll.table, Qt.Key.Key_E)
    wait_ops()
    assert status_of(db, meeting_id, council["M006"]) is AttendanceStatus.EXCUSED


def test_a_bad_proxy_is_refused_inline_and_nothing_is_written(qtbot, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council, present=("M001", "M002"))
    roll = open_meeting(page, wait_ops, meeting_id, tab=1).roll
    QTest.keyClicks(roll.search, "M005")
    roll.proxy.setEditText("M006")  # absent: cannot carry a proxy
    QTest.mouseClick(roll.buttons["proxy"], Qt.MouseButton.LeftButton)
    wait_ops()
    assert roll.error.isVisibleTo(roll) and "M006" in roll.error.text()
    assert not message_boxes()
    assert status_of(db, meeting_id, council["M005"]) is AttendanceStatus.ABSENT
    assert service.roll_counters(db, meeting_id=meeting_id).represented == 0

    roll.proxy.setEditText("M001")  # present and entitled: accepted
    roll.record_proxy()
    wait_ops()
    assert not roll.error.isVisibleTo(roll)
    assert status_of(db, meeting_id, council["M005"]) is AttendanceStatus.REPRESENTED
    assert service.roll_counters(db, meeting_id=meeting_id).present_voters == 3


def test_the_minutes_are_saved_as_they_are_typed(qtbot, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council)
    workspace = open_meeting(page, wait_ops, meeting_id, tab=2)
    editor = workspace.proceedings.minutes
    item_id = workspace.detail.items[0].id
    editor.editor.setFocus()
    QTest.keyClicks(editor.editor, "Se leyo el acta.")

    def stored() -> str:
        return next(i for i in service.meeting_detail(db, meeting_id).items if i.id == item_id).minutes

    qtbot.waitUntil(lambda: stored() == "Se leyo el acta.", timeout=5000)  # a moment after the last key
    QTest.keyClicks(editor.editor, " Sin cambios.")
    workspace.proceedings.select_item(workspace.detail.items[1].id)  # leaving the item saves at once
    wait_ops()
    assert stored() == "Se leyo el acta. Sin cambios."
    assert editor.item_id == workspace.detail.items[1].id and editor.editor.toPlainText() == ""


def test_approving_locks_every_editing_control(qtbot, db, council, page, wait_ops):
    from coopdesk.ui.meetings.lifecycle import ApproveDialog

    meeting_id = make_meeting(db, council, present=("M001", "M002", "M003", "M004", "M005"))
    service.add_motion(db, item_id=service.meeting_detail(db, meeting_id).items[0].id, text="Aprobar",
                       method="open", majority="simple")
    motion = service.meeting_detail(db, meeting_id).motions[0]
    service.record_counts(db, motion_id=motion.id, yes=4, no=1, abstain=0)
    service.close_motion(db, motion_id=motion.id)
    service.close_meeting(db, meeting_id=meeting_id, at=STARTS.replace(hour=11))
    workspace = open_meeting(page, wait_ops, meeting_id)
    assert workspace.buttons["approve"].isVisibleTo(workspace)
    assert not workspace.proceedings.minutes.editor.isReadOnly()  # closed, not yet approved: still corrected

    workspace.approve()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ApproveDialog) and w.isVisible())
    wait_ops()
    assert dialog.by_signatures.isChecked() and not dialog.by_motion.isEnabled()  # no later meeting yet
    dialog.approve()
    wait_ops()
    assert service.meeting_detail(db, meeting_id).state is MeetingState.APPROVED

    convocation, proceedings = workspace.convocation, workspace.proceedings
    assert not convocation.form.kind.isEnabled() and convocation.form.title.isReadOnly()
    assert not convocation.save_button.isVisibleTo(workspace)
    assert not any(b.isEnabled() for b in convocation.agenda.buttons.values())
    assert proceedings.minutes.editor.isReadOnly()
    assert not any(b.isEnabled() for b in proceedings.motions.buttons.values())
    assert not proceedings.decisions.buttons["add"].isEnabled()
    assert not workspace.buttons["approve"].isVisibleTo(workspace)
    assert workspace.buttons["erratum"].isVisibleTo(workspace) and workspace.buttons["acta"].isVisibleTo(workspace)
    assert workspace.detail.record_hash[:16] in workspace.banner.text()
    workspace.tabs.setCurrentIndex(1)
    wait_ops()
    workspace.roll.table.selectRow(0)
    assert not workspace.roll.buttons["present"].isEnabled()


def test_an_imported_meeting_is_listed_and_opened(qtbot, db, council, page, wait_ops, tmp_path):
    path = tmp_path / "asamblea.json"
    path.write_text(json.dumps({
        "title": "Asamblea importada", "kind": "extraordinary", "starts_at": "2026-11-20T09:00", "place": "Galpón",
        "chair": "M001", "secretary": "M002", "attendance": {"M001": "present", "M002": "present",
                                                              "M003": "present", "M004": "present",
                                                              "M005": "present"},
        "items": [{"title": "Único punto", "minutes": "Texto.", "motions": [
            {"text": "Aprobar", "method": "open", "majority": "simple", "counts": {"yes": 5, "no": 0}}]}],
    }), encoding="utf-8")
    page.meetings.import_path(path)
    wait_ops()
    assert page.workspace is not None and page.workspace.detail.title == "Asamblea importada"
    assert any(row.title == "Asamblea importada" for row in page.meetings.model.rows)


def test_switching_language_retranslates_the_section(qtbot, db, council, page, wait_ops):
    meeting_id = make_meeting(db, council)
    page.meetings.reload()
    wait_ops()
    workspace = open_meeting(page, wait_ops, meeting_id)
    for lang in ("en", "es"):
        apply_language(lang)
        page.retranslate_ui()
        tr = translator(lang).gettext
        model = page.meetings.model
        assert page.tabs.tabText(0) == tr("Meetings")
        assert model.headerData(0, Qt.Orientation.Horizontal) == tr("Date")
        assert model.data(model.index(0, 1)) == tr("Ordinary assembly")
        assert workspace.tabs.tabText(1) == tr("Roll call")
        assert workspace.convocation.form.kind.currentText() == tr("Ordinary assembly")
        assert tr(MeetingState.OPEN.label) in workspace.subtitle.text()
    assert translator("es").gettext("Ordinary assembly") != "Ordinary assembly"  # the catalog is really used
