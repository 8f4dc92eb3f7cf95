"""A read-only window (another coopdesk window is editing the database): every section lists its records and
offers what only reads (open, print, export), but no control that changes anything — no button, menu action,
double-click, context menu or editable field; a window that may write still offers them all."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QPushButton, QWidget

from coopdesk.bootstrap import open_database
from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import AttendanceStatus, Majority, MeetingKind, VoteMethod
from coopdesk.domain.members import Body
from coopdesk.services import ledger, rotation
from coopdesk.services import meetings as service
from coopdesk.services.demo_ledger import demo_motion
from coopdesk.services.members import all_members
from coopdesk.ui.main_window import LEDGER, MEETINGS, MEMBERS, ROTATION, MainWindow
from tests.ui.conftest import GUI
from tests.ui.rotation_council import sample_council, this_monday

pytestmark = GUI
DATA = Path(__file__).parent.parent / "data"


def _council(path: Path) -> dict[str, int]:
    """40 members with posts and leave; a published plan and a draft; an approved meeting and an open one with
    the roll taken, a motion being voted, an election and a decision with an action; a closed pay period and an
    open one with hours and an advance. Returns the open meeting's id."""
    db = open_database(path)
    sample_council(db, DATA)
    start = this_monday()
    rotation.publish_plan(db, plan_id=rotation.plan_rotation(db, start=start, weeks=2).plan.id)
    rotation.plan_rotation(db, start=start + timedelta(weeks=2), weeks=2)

    workers = [m for m in all_members(db) if m.body is Body.WORKER]
    chair, secretary, *others = workers
    motion = demo_motion(db, text="Fijar el anticipo igualitario en Bs. 10,00 por hora", day=date(2026, 12, 1))
    ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=motion)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500, motion_id=motion)
    closed = ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17)).id
    ledger.set_hours(db, period_id=closed, hours={chair.code: 8000, secretary.code: 7550})
    ledger.close_period(db, period_id=closed, posted_on=date(2027, 1, 18))
    still_open = ledger.create_period(db, starts_on=date(2027, 1, 18), ends_on=date(2027, 1, 31)).id
    ledger.set_hours(db, period_id=still_open, hours={chair.code: 7000})
    ledger.add_advance(db, period_id=still_open, member_code=secretary.code, amount_cents=15000)

    starts = datetime(2027, 2, 5, 9, 0)
    meeting = service.create_meeting(db, draft=MeetingDraft(
        title="Asamblea ordinaria de febrero", kind=MeetingKind.ORDINARY, starts_at=starts, place="Galpón principal",
        chair_id=chair.id, secretary_id=secretary.id)).id
    item = service.add_item(db, meeting_id=meeting, title="Elección de voceros", expected_minutes=20).id
    service.convene_meeting(db, meeting_id=meeting)
    service.open_meeting(db, meeting_id=meeting, at=starts)
    for member in (chair, secretary, *others[:6]):
        service.mark_attendance(db, meeting_id=meeting, member_id=member.id, status=AttendanceStatus.PRESENT)
    service.save_minutes(db, item_id=item, text="Se presentaron las candidaturas.")
    service.add_motion(db, item_id=item, text="Reparar el techo", method=VoteMethod.OPEN, majority=Majority.SIMPLE)
    service.add_election(db, item_id=item, title="Voceros", seats=1, candidate_ids=[others[0].id, others[1].id])
    decision = service.add_decision(db, item_id=item, text="Pedir presupuestos para el techo")
    service.add_action(db, decision_id=decision.id, description="Llamar a tres contratistas", responsible_id=chair.id)
    db.dispose()
    return {"meeting": meeting}


@pytest.fixture(scope="module")
def council_file(tmp_path_factory) -> tuple[Path, dict[str, int]]:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("council") / "council.sqlite3"
    return path, _council(path)


def _window(qtbot, wait_ops, council_file, tmp_path: Path, *, read_only: bool) -> MainWindow:  # type: ignore[no-untyped-def]
    path = tmp_path / "council.sqlite3"
    shutil.copy(council_file[0], path)  # each window its own file (and lock)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.set_database(open_database(path, read_only=read_only))
    window.show()
    wait_ops()
    return window


@pytest.fixture
def read_only_window(qtbot, wait_ops, council_file, tmp_path, english):  # type: ignore[no-untyped-def]
    window = _window(qtbot, wait_ops, council_file, tmp_path, read_only=True)
    yield window
    window.backups.shutdown()


@pytest.fixture
def writing_window(qtbot, wait_ops, council_file, tmp_path, english):  # type: ignore[no-untyped-def]
    window = _window(qtbot, wait_ops, council_file, tmp_path, read_only=False)
    yield window
    window.backups.shutdown()


def views(window: MainWindow, wait_ops, meeting_id: int):  # type: ignore[no-untyped-def]
    """Every view of every section in turn, as (name, the widget on screen, the controls there that change data —
    each visible in a window that may write, given the council's records)."""
    def settle() -> None:  # the worker's reads, and the widgets a section shows once it is built
        wait_ops()
        QApplication.processEvents()

    window.nav.setCurrentRow(MEMBERS)
    members = window.members_page
    yield "members", members, [members.add_button, members.edit_button, members.import_button]

    window.nav.setCurrentRow(MEETINGS)
    settle()
    meetings = window.meetings_page
    meetings.show_list()
    meetings.tabs.setCurrentIndex(0)
    settle()
    listed = meetings.meetings
    yield "meetings", listed, [listed.new_button, listed.import_button, listed.delete_button]
    meetings.tabs.setCurrentIndex(1)
    settle()
    meetings.pending.table.selectRow(0)
    yield "pending", meetings.pending, [meetings.pending.done_button]
    meetings.open_meeting(meeting_id)
    settle()
    workspace = meetings.workspace
    header = [workspace.buttons["close"]]  # the meeting is open: it can be adjourned
    convocation = workspace.convocation
    yield "convocation", workspace, [*header, convocation.save_button, convocation.revert_button,
                                     *convocation.agenda.buttons.values()]
    workspace.tabs.setCurrentIndex(1)
    settle()
    roll = workspace.roll
    yield "roll call", workspace, [*header, *roll.buttons.values(), roll.proxy]
    workspace.tabs.setCurrentIndex(2)
    settle()
    proceedings = workspace.proceedings
    proceedings.tabs.setCurrentIndex(0)
    yield "minutes", workspace, header
    for tab, panel in enumerate((proceedings.motions, proceedings.elections), start=1):
        proceedings.tabs.setCurrentIndex(tab)
        settle()
        box = getattr(panel, "vote", None) or panel.box
        yield f"proceedings tab {tab}", workspace, [*header, *panel.buttons.values(), box.close_button]
    proceedings.tabs.setCurrentIndex(3)
    settle()
    yield "decisions", workspace, [*header, *proceedings.decisions.buttons.values()]

    window.nav.setCurrentRow(ROTATION)
    settle()
    page = window.rotation_page
    for tab, controls in ((page.roster, ["swap_button", "release_button"]),
                          (page.plans, ["plan_button", "publish_button", "discard_button"]),
                          (page.posts, ["add_button", "edit_button", "import_button"]),
                          (page.leave, ["add_button", "remove_button", "release_button"]),
                          (page.member_view, [])):
        page.tabs.setCurrentWidget(tab)
        settle()
        yield f"rotation {type(tab).__name__}", page, [page.plan_button, *(getattr(tab, name) for name in controls)]

    window.nav.setCurrentRow(LEDGER)
    settle()
    page = window.ledger_page
    periods = page.periods
    page.tabs.setCurrentWidget(periods)
    for panel, controls in ((periods.hours, ["import_button", "revert_button", "save_button"]),
                            (periods.advances, ["add_button", "remove_button"]), (periods.payroll, [])):
        periods.detail_tabs.setCurrentWidget(panel)
        yield (f"ledger {type(panel).__name__}", page, [page.surplus_button, periods.open_button, periods.close_button,
                                                        periods.reopen_button,
                                                        *(getattr(panel, name) for name in controls)])
    for tab, controls in ((page.entries, ["reverse_button"]), (page.statement, []), (page.funds, []),
                          (page.setup, ["rate_button", "add_fund_button", "edit_fund_button"])):
        page.tabs.setCurrentWidget(tab)
        settle()
        yield f"ledger {type(tab).__name__}", page, [page.surplus_button, *(getattr(tab, name) for name in controls)]


def offered(view: QWidget) -> set[str]:
    """The buttons a person can press on screen, by their text."""
    return {button.text().replace("&", "") for button in view.findChildren(QPushButton)
            if button.isVisible() and button.isEnabled()}


# What a read-only window still offers in each view: reading, printing, exporting.
READING = {
    "members": set(),
    "meetings": {"Open"},
    "pending": {"Open the meeting"},
    "convocation": {"← Meetings", "Print convocation…"},
    "roll call": {"← Meetings", "Print convocation…"},
    "minutes": {"← Meetings", "Print convocation…"},
    "proceedings tab 1": {"← Meetings", "Print convocation…"},
    "proceedings tab 2": {"← Meetings", "Print convocation…", "Print ballots…"},  # blank papers: a report
    "decisions": {"← Meetings", "Print convocation…"},
    "rotation RosterTab": {"This week", "Print roster…", "Export CSV…"},
    "rotation PlansTab": {"Show the roster"},
    "rotation PostsTab": {"Export CSV…"},
    "rotation LeaveTab": set(),
    "rotation MemberRotationView": {"Show"},
    "ledger HoursPanel": {"Export entries…", "Payroll PDF…"},
    "ledger AdvancesPanel": {"Export entries…", "Payroll PDF…"},
    "ledger PayrollPanel": {"Export entries…", "Payroll PDF…"},
    "ledger EntriesTab": {"Export entries…"},
    "ledger StatementTab": {"Export entries…"},
    "ledger FundsTab": {"Export entries…", "Print or save…"},
    "ledger SetupTab": {"Export entries…"},
}


def test_a_read_only_window_shows_every_record_and_no_control_that_changes_one(read_only_window, council_file,
                                                                                wait_ops) -> None:  # type: ignore[no-untyped-def]
    window = read_only_window
    assert window.backups.banner.isVisible()
    seen = []
    for name, view, controls in views(window, wait_ops, council_file[1]["meeting"]):
        seen.append(name)
        assert not [c for c in controls if c.isVisible() and c.isEnabled()], name
        assert offered(view) == READING[name], name
    assert seen == list(READING)

    assert window.members_page.model.rowCount() == 40
    assert window.meetings_page.meetings.model.rowCount() == 2
    assert window.meetings_page.pending.model.rowCount() == 1
    rotation_page, ledger_page = window.rotation_page, window.ledger_page
    assert rotation_page.roster.model.weeks and rotation_page.plans.model.rowCount() == 2
    assert rotation_page.posts.model.rowCount() == 11 and rotation_page.leave.model.rowCount() > 0
    assert ledger_page.periods.model.rowCount() == 2 and ledger_page.entries.model.rowCount() > 0
    assert ledger_page.setup.rates.rowCount() == 1


def test_its_fields_and_grids_take_no_typing(read_only_window, council_file, wait_ops) -> None:  # type: ignore[no-untyped-def]
    window = read_only_window
    for _name, _view, _controls in views(window, wait_ops, council_file[1]["meeting"]):
        pass  # every view built and shown once
    workspace = window.meetings_page.workspace
    assert workspace.convocation.form.title.isReadOnly() and not workspace.convocation.form.chair.isEnabled()
    minutes = workspace.proceedings.minutes
    assert minutes.editor.isReadOnly() and minutes.editor.toPlainText() == "Se presentaron las candidaturas."
    assert all(spin.isReadOnly() for spin in workspace.proceedings.motions.vote.spins.values())
    assert all(spin.isReadOnly() for spin in workspace.proceedings.elections.box.spins.values())
    hours = window.ledger_page.periods.hours
    assert hours.model.grid is not None and hours.model.grid.period.is_open
    assert not hours.model.editable and hours.paste_text("M001\t10") == []


def test_its_keys_double_clicks_and_context_menus_change_nothing(read_only_window, council_file, wait_ops,
                                                                 qtbot) -> None:  # type: ignore[no-untyped-def]
    window = read_only_window
    views_shown = views(window, wait_ops, council_file[1]["meeting"])
    members = next(views_shown)[1]
    members.table.selectRow(0)
    members.edit_member(members.selected_member_id())  # what a double-click does
    wait_ops()
    dialog = next(w for w in window.findChildren(QDialog) if w.isVisible())
    assert dialog.windowTitle() == "Member" and dialog.full_name.isReadOnly() and not dialog.body.isEnabled()
    assert dialog.buttons.standardButtons() == QDialogButtonBox.StandardButton.Close
    assert not [edit for edit in dialog.findChildren(QLineEdit)
                if edit.isVisible() and edit.isEnabled() and not edit.isReadOnly()]
    dialog.reject()

    for name, _view, _controls in views_shown:
        if name == "roll call":
            roll = window.meetings_page.workspace.roll
            roll.table.selectRow(0)
            roll.mark_selected(AttendanceStatus.ABSENT)  # what the A key does
            wait_ops()
            assert roll.roll is not None and roll.roll.counters.present_voters == 8
        if name == "rotation RosterTab":
            roster = window.rotation_page.roster
            roster.table.setCurrentIndex(roster.model.index(0, 0))
            assert roster.model.entries(0, 0)
            rect = roster.table.visualRect(roster.model.index(0, 0))
            assert roster._context_menu(rect.center()) is None  # no "Swap…" nor "Take off this week…"
            roster.table.doubleClicked.emit(roster.model.index(0, 0))
        if name == "ledger EntriesTab":
            entries = window.ledger_page.entries
            entries.table.selectRow(0)
            entries.table.doubleClicked.emit(entries.model.index(0, 0))
    assert not [w for w in window.findChildren(QDialog) if w.isVisible()]


def test_its_menus_offer_no_change(read_only_window) -> None:  # type: ignore[no-untyped-def]
    window = read_only_window
    window._update_users_action()  # as the Tools menu opens
    for key in ("add", "import", "users"):
        assert not window.actions_by_key[key].isEnabled(), key
    assert not window.backups.actions["restore"].isEnabled()
    for key in ("register", "open", "new", "about"):
        assert window.actions_by_key[key].isEnabled(), key
    assert window.backups.actions["verify"].isEnabled() and window.backups.actions["document"].isEnabled()


def test_a_window_that_may_write_offers_every_change(writing_window, council_file, wait_ops) -> None:  # type: ignore[no-untyped-def]
    window = writing_window
    assert not window.backups.banner.isVisible()
    for name, _view, controls in views(window, wait_ops, council_file[1]["meeting"]):
        assert all(c.isVisible() for c in controls), name
    assert not window.meetings_page.workspace.proceedings.minutes.editor.isReadOnly()
    assert window.ledger_page.periods.hours.model.editable
    for key in ("add", "import"):
        assert window.actions_by_key[key].isEnabled()


def test_a_section_built_before_the_database_turns_read_only_hides_its_editing_too(writing_window, council_file,
                                                                                     wait_ops, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = writing_window
    for _name, _view, _controls in views(window, wait_ops, council_file[1]["meeting"]):
        pass  # every section built while the window may write
    assert window.db is not None and window.db.path is not None
    window.set_database(open_database(window.db.path, read_only=True))
    wait_ops()
    for name, view, controls in views(window, wait_ops, council_file[1]["meeting"]):
        assert not [c for c in controls if c.isVisible() and c.isEnabled()], name
        assert offered(view) == READING[name], name
