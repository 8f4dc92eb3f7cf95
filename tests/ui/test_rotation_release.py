"""Taking a member on leave off a published week, from the roster grid and from the leave tab: the rule check is
shown before anything is written, a refusal names the post and offers the swap dialog instead, the reason is
asked for on a published week, and the grid and the list of conflicts show the change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from coopdesk.domain.rotation import Role
from coopdesk.services import rotation
from coopdesk.services.members import get_member_by_code
from coopdesk.services.verify import verify_database
from coopdesk.ui.rotation.context import RotationContext
from coopdesk.ui.rotation.leave_tab import LeaveTab
from coopdesk.ui.rotation.release_dialog import ReleaseDialog
from coopdesk.ui.rotation.roster_tab import RosterTab
from coopdesk.ui.rotation.swap_dialog import SwapDialog
from tests.ui.conftest import GUI
from tests.ui.rotation_council import START, sample_council

pytestmark = GUI

# A menu popped up on the offscreen platform: it cannot raise it or grab the keyboard, and says so.
MENU_NOTICES = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")
MINIMUM = {"SIEM": 4, "EMPQ": 3, "LIMP": 2, "MERC": 2, "PROD": 2}  # tests/data/posts.csv, posts without a skill


@pytest.fixture
def council(db, data_dir, english):  # type: ignore[no-untyped-def]
    council = sample_council(db, data_dir)
    plan = rotation.plan_rotation(council, start=START, weeks=2).plan
    rotation.publish_plan(council, plan_id=plan.id)
    return council


def holders(db, column: int = 0) -> dict[str, tuple[str, Role]]:  # type: ignore[no-untyped-def]
    week = rotation.roster_grid(db, start=START + timedelta(weeks=column), weeks=1).weeks[0]
    return {e.member_code: (code, e.role) for code, people in week.cells.items() for e in people}


def spare_regular(db) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(member, post) of a regular member whose post has more regular members than its minimum."""
    held = holders(db)
    for post in sorted(MINIMUM):
        regulars = sorted(m for m, (p, role) in held.items() if p == post and role is Role.REGULAR)
        if len(regulars) > MINIMUM[post]:
            return regulars[0], post
    raise AssertionError("the sample plan has no post above its minimum")


def on_leave(db, code: str, days: int = 3) -> None:  # type: ignore[no-untyped-def]
    rotation.add_leave(db, member_id=get_member_by_code(db, code).id, starts_on=START + timedelta(days=1),
                       ends_on=START + timedelta(days=days), reason="reposo médico")


def ok(dialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


@MENU_NOTICES
def test_from_the_roster_a_member_on_leave_is_taken_off_after_the_rule_check(qtbot, council, wait_ops):
    member, post = spare_regular(council)
    on_leave(council, member)
    tab = RosterTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show_range(START, 2)
    tab.show()
    row = [p.code for p in tab.model.posts].index(post)
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    assert tab.release_button.isEnabled() and (member, START) in tab.model.away
    # the cell's context menu offers to take each of its people off the week
    menu = tab._context_menu(tab.table.visualRect(tab.model.index(row, 0)).center())
    name = get_member_by_code(council, member).full_name
    assert f"Take {name} off this week…" in [action.text() for action in menu.actions()]
    menu.close()
    dialog = tab.release_at(row, 0)  # the button's action: the person on leave in that cell
    assert dialog.code() == member and dialog.reason.text() == "reposo médico"  # the leave's reason, to edit
    assert dialog.problems == [] and ok(dialog).isEnabled() and not dialog.swap_button.isVisible()
    assert dialog.problems_label.text() == f"Taking {name} ({member}) off this week keeps every rotation rule."
    # someone who can work that week cannot be taken off: the broken rule is shown, nothing can be accepted
    present = next(m for m, (p, _role) in sorted(holders(council).items()) if p == post and m != member)
    dialog.member.setCurrentIndex(dialog.member.findData(present))
    assert not ok(dialog).isEnabled()
    assert f"{present} has no post in the week of Jan 4, 2027." in dialog.problems_label.text()
    assert "record their leave first" in dialog.problems_label.text()
    dialog.member.setCurrentIndex(dialog.member.findData(member))
    dialog.reason.clear()
    assert not ok(dialog).isEnabled()  # a published week: the change is recorded with its reason
    dialog.reason.setText("reposo médico hasta el jueves")
    assert ok(dialog).isEnabled()
    ok(dialog).click()
    wait_ops()
    assert member not in [e.member_code for e in tab.model.entries(row, 0)]  # the grid was read again
    assert tab.notice.text() == (f"Week of Jan 4, 2027: {member} is taken off post {post}. The change is recorded "
                                 "on published plan 1.")
    assert rotation.get_plan(council, 1).swaps == 1 and verify_database(council).sound
    assert rotation.leave_conflicts(council) == []


def test_from_the_leave_tab_a_refused_release_leads_to_the_swap_dialog(qtbot, council, wait_ops):
    held = holders(council)
    accountant = next(m for m, (p, role) in sorted(held.items()) if p == "CONT" and role is Role.REGULAR)
    on_leave(council, accountant)
    tab = LeaveTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show()
    tab.choose_member(accountant)
    tab.table.selectRow(0)
    assert tab.release_button.isEnabled()
    dialog = tab.release_selected()
    assert isinstance(dialog, ReleaseDialog) and dialog.code() == accountant and not ok(dialog).isEnabled()
    text = dialog.problems_label.text()
    assert "Post CONT has 0 regular member(s) in the week of Jan 4, 2027" in text
    assert f"Post CONT cannot do without {accountant} in the week of Jan 4, 2027: swap them" in text
    assert dialog.swap_button.isVisible()
    swap = dialog.swap_button.click() or next(w for w in tab.findChildren(SwapDialog) if w.isVisible())
    assert not dialog.isVisible() and swap.codes()[0] == accountant
    # an accountant on a post that asks for no skill takes CONT over; the one on leave takes their post
    partner = next(m for m, (p, role) in sorted(held.items()) if p in MINIMUM and role is Role.REGULAR
                   and "contabilidad" in get_member_by_code(council, m).skills)
    swap.second.setCurrentIndex(swap.second.findData(partner))
    assert swap.problems == []
    swap.reason.setText("reposo médico")
    swap.reason.textEdited.emit("reposo médico")
    ok(swap).click()
    wait_ops()
    assert tab.notice.text().startswith(f"Week of Jan 4, 2027: {accountant} now holds {held[partner][0]}")
    assert [c.post_code for c in tab.model.conflicts(0)] == [held[partner][0]]  # the list was read again


@MENU_NOTICES
def test_from_the_leave_tab_a_member_is_taken_off_each_week_of_their_leave(qtbot, council, wait_ops):
    member, post = spare_regular(council)
    on_leave(council, member, days=9)  # Tuesday of the first week to Wednesday of the second
    tab = LeaveTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show()
    tab.choose_member(member)
    tab.table.selectRow(0)
    assert [c.week_start for c in tab.model.conflicts(0)] == [START, START + timedelta(weeks=1)]
    menu = tab.release_selected()  # two weeks: which one?
    assert len(menu.actions()) == 2 and menu.actions()[0].text().endswith(f": {post}")
    menu.actions()[0].trigger()
    dialog = next(w for w in tab.findChildren(ReleaseDialog) if w.isVisible())
    assert dialog.week.week_start == START and dialog.code() == member and dialog.problems == []
    assert dialog.reason.text() == "reposo médico" and ok(dialog).isEnabled()
    ok(dialog).click()
    wait_ops()
    assert [c.week_start for c in tab.model.conflicts(0)] == [START + timedelta(weeks=1)]
    assert tab.selected_leave() is not None and tab.release_button.isEnabled()  # on to the next week
    assert tab.notice.text().startswith(f"Week of Jan 4, 2027: {member} is taken off post {post}.")
