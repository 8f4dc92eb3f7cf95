""""My rotation" shows a member's next weeks — what, where, with whom — and saves them as a calendar, with no
control that edits anything; the leave calendar adds, flags and removes leave."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
)

from coopdesk.domain.rotation import Role
from coopdesk.i18n import _
from coopdesk.services import rotation
from coopdesk.ui.rotation.member_view import MemberRotationView
from tests.ui.conftest import GUI
from tests.ui.rotation_council import sample_council, this_monday

pytestmark = GUI


@pytest.fixture
def council(db, data_dir):  # type: ignore[no-untyped-def]
    return sample_council(db, data_dir)


def card_texts(view: MemberRotationView) -> list[str]:
    layout = view.cards_layout
    cards = [layout.itemAt(i).widget() for i in range(layout.count()) if layout.itemAt(i).widget() is not None]
    return ["\n".join(label.text() for label in card.findChildren(QLabel)) for card in cards]


def test_the_member_view_shows_what_where_and_with_whom(qtbot, council, tmp_path: Path, wait_ops):
    monday = this_monday()
    rotation.plan_rotation(council, start=monday, weeks=3)
    view = MemberRotationView(council)
    qtbot.addWidget(view)
    view.show()
    assert not view.calendar_button.isEnabled()
    code, name = next((c, n) for c, n in view.people if c == "M002")
    view.show_text(f"{name} ({code})")  # as the completer fills it in
    grid = rotation.roster_grid(council, start=monday, weeks=3)
    texts = card_texts(view)
    assert len(texts) == 3 and view.name.text().startswith(name)
    for week, text in zip(grid.weeks, texts, strict=True):
        post = next(p for p in grid.posts if code in {e.member_code for e in week.people(p.code)})
        assert post.name in text and post.code in text
        if post.place:
            assert post.place in text
        for other in week.people(post.code):
            if other.member_code != code:
                assert other.full_name in text
    assert all(c.member_code != code for week in view.schedule.weeks for c in week.companions)
    # a code typed, or a unique part of a name, finds the member too
    view.show_text("m002")
    assert view.schedule is not None and view.schedule.member_code == "M002"
    view.show_text("nadie se llama así")
    assert view.schedule is None and view.message.text() and card_texts(view) == []
    view.show_member("M002")
    view.save_calendar(tmp_path / "mine")
    wait_ops()
    saved = (tmp_path / "mine.ics").read_bytes()
    assert saved.count(b"BEGIN:VEVENT") == 3 and view.notice.isVisible()


def test_the_member_view_has_no_editing_control(qtbot, council):
    rotation.plan_rotation(council, start=this_monday(), weeks=1)
    view = MemberRotationView(council)
    qtbot.addWidget(view)
    view.show_member("M002")
    for kind in (QAbstractSpinBox, QCheckBox, QTextEdit, QPlainTextEdit):
        assert view.findChildren(kind) == []
    assert {button.text() for button in view.findChildren(QPushButton)} == {
        view.show_button.text(), view.calendar_button.text()}
    texts = card_texts(view)
    for week, text in zip(view.schedule.weeks, texts, strict=True):
        for companion in week.companions:  # companions who are learning are marked as such
            if companion.role is Role.TRAINEE:
                assert _("%(name)s (trainee)") % {"name": companion.full_name} in text


def test_the_leave_calendar_adds_flags_and_removes(qtbot, council, wait_ops):
    from coopdesk.ui.rotation.context import RotationContext
    from coopdesk.ui.rotation.leave_tab import LeaveTab, leave_fill

    monday = this_monday()
    plan = rotation.plan_rotation(council, start=monday, weeks=2).plan
    rotation.publish_plan(council, plan_id=plan.id)
    tab = LeaveTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show()
    assert tab.model.rowCount() == len(rotation.list_leave(council)) and not tab.add_button.isEnabled()
    tab.choose_member("M002")
    before = tab.model.rowCount()
    assert tab.add_button.isEnabled() and tab.table.isColumnHidden(0)
    dialog = tab.add_leave()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.ends_on.setDate(dialog.starts_on.date().addDays(-1))
    assert not ok.isEnabled() and dialog.dates_error.isVisible()  # ends before it begins
    week_two = monday + timedelta(weeks=1)
    dialog.starts_on.setDate(week_two)
    dialog.ends_on.setDate(week_two + timedelta(days=2))
    dialog.reason.setText("reposo médico")
    assert ok.isEnabled()
    ok.click()
    wait_ops()
    assert tab.model.rowCount() == before + 1
    leave = tab.selected_leave()
    assert leave is not None and leave.reason == "reposo médico" and leave.starts_on == week_two
    # M002 holds a post in that published week: the conflict is shown, and its roster is one click away
    row = next(i for i in range(tab.model.rowCount()) if tab.model.leave(i).id == leave.id)
    assert [c.week_start for c in tab.model.conflicts(row)] == [week_two]
    assert tab.conflicts_label.isVisible() and tab.notice.isVisible() and tab.roster_button.isEnabled()
    clash = tab.calendar.dateTextFormat(dialog_date(week_two))
    assert clash.background().color() == leave_fill(True) and clash.fontWeight() == QFont.Weight.Bold
    asked = []
    tab.context.roster_requested.connect(lambda start, weeks: asked.append((start, weeks)))
    tab.roster_button.click()
    assert asked == [(week_two, 1)]
    box = tab.remove_selected()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    wait_ops()
    assert tab.model.rowCount() == before and all(item.id != leave.id for item in rotation.list_leave(council))


def dialog_date(day):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    return QDate(day.year, day.month, day.day)


def test_a_member_window_locks_the_view_to_its_member(qtbot, council):
    rotation.plan_rotation(council, start=this_monday(), weeks=2)
    view = MemberRotationView(council, member_code="M002")
    qtbot.addWidget(view)
    view.show()
    assert not view.search.isVisible() and not view.show_button.isVisible()
    assert view.schedule is not None and view.schedule.member_code == "M002" and len(card_texts(view)) == 2
    view.show_member("M003")  # nobody else's weeks can be opened from here
    assert view.schedule.member_code == "M002"
    view.reload()
    assert view.schedule.member_code == "M002" and view.people == []
