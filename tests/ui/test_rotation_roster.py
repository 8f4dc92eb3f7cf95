"""The roster grid: names in the cells for the chosen weeks; swaps checked against the rules before they are
accepted (refused with the broken rule, accepted otherwise, with a recorded reason on a published plan); the
CSV export and the printed roster."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from coopdesk.domain.rotation import Role
from coopdesk.i18n import _
from coopdesk.services import rotation
from coopdesk.services.members import get_member_by_code
from coopdesk.ui.rotation.context import RotationContext
from coopdesk.ui.rotation.roster_tab import RosterTab
from tests.ui.conftest import GUI
from tests.ui.rotation_council import START, sample_council

pytestmark = GUI

FREE = {"SIEM", "EMPQ", "LIMP", "SECR", "PLAN", "PROD", "MERC"}  # posts that ask for no skill


@pytest.fixture
def council(db, data_dir):  # type: ignore[no-untyped-def]
    return sample_council(db, data_dir)


@pytest.fixture
def tab(qtbot, council):  # type: ignore[no-untyped-def]
    tab = RosterTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show_range(START, 2)
    tab.show()
    return tab


def held(tab: RosterTab, column: int = 0) -> dict[str, tuple[str, Role]]:
    week = tab.model.weeks[column]
    return {e.member_code: (code, e.role) for code, people in week.cells.items() for e in people}


def row_of(tab: RosterTab, post_code: str) -> int:
    return [post.code for post in tab.model.posts].index(post_code)


def ok(dialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def choose(combo, code: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(code))


def test_the_grid_shows_the_chosen_weeks(tab, council):
    assert tab.model.rowCount() == 11 and not tab.model.grid.planned  # the posts, nothing planned yet
    assert not tab.print_button.isEnabled() and not tab.export_button.isEnabled()
    rotation.plan_rotation(council, start=START, weeks=2)
    tab.invalidate()
    assert (tab.model.rowCount(), tab.model.columnCount()) == (11, 2)
    grid = rotation.roster_grid(council, start=START, weeks=2)
    carg = row_of(tab, "CARG")
    assert [e.member_code for e in tab.model.entries(carg, 1)] == [e.member_code for e in grid.weeks[1].people("CARG")]
    assert tab.state.text().endswith(str(grid.weeks[0].plan_id))  # "Draft plans: 1"
    assert tab.print_button.isEnabled() and tab.export_button.isEnabled()


def test_a_swap_that_breaks_a_rule_is_refused_and_a_good_one_accepted(tab, council, wait_ops):
    rotation.plan_rotation(council, start=START, weeks=2)
    tab.invalidate()
    before = held(tab)
    driver = next(m for m, (post, role) in sorted(before.items()) if post == "CARG" and role is Role.REGULAR)
    unskilled = next(m for m, (post, _role) in sorted(before.items())
                     if post in FREE and "montacargas" not in get_member_by_code(council, m).skills)
    dialog = tab.swap_at(row_of(tab, "CARG"), 0, driver)
    assert dialog.codes()[0] == driver
    choose(dialog.second, unskilled)
    assert dialog.problems and "montacargas" in dialog.problems_label.text()
    assert not ok(dialog).isEnabled()
    dialog.save()  # even forced, a refused swap writes nothing
    wait_ops()
    assert rotation.roster_grid(council, start=START, weeks=1).weeks[0].people("CARG") == \
        tab.model.weeks[0].people("CARG")
    # two regular members of different posts that ask for no skill may swap
    regulars = sorted((post, m) for m, (post, role) in before.items() if post in FREE and role is Role.REGULAR)
    a = regulars[0][1]
    b = next(m for post, m in regulars if post != before[a][0])
    choose(dialog.first, a)
    choose(dialog.second, b)
    assert dialog.problems == [] and ok(dialog).isEnabled()
    assert not dialog.reason.isVisible()  # a draft week: nothing is recorded, so no reason is asked
    ok(dialog).click()
    wait_ops()
    after = held(tab)
    assert after[a] == before[b] and after[b] == before[a]
    assert tab.notice.isVisible() and a in tab.notice.text()


def test_a_swap_on_a_published_plan_asks_for_the_reason_and_is_recorded(tab, council, wait_ops):
    plan = rotation.plan_rotation(council, start=START, weeks=2).plan
    rotation.publish_plan(council, plan_id=plan.id)
    tab.invalidate()
    before = held(tab, 1)
    regulars = sorted((post, m) for m, (post, role) in before.items() if post in FREE and role is Role.REGULAR)
    a = regulars[0][1]
    b = next(m for post, m in regulars if post != before[a][0])
    dialog = tab.swap_at(row_of(tab, before[a][0]), 1, a)
    choose(dialog.second, b)
    assert dialog.problems == [] and dialog.reason.isVisible()
    assert not ok(dialog).isEnabled()  # the reason is required on a published week
    dialog.reason.setText("cita médica")
    dialog.reason.textEdited.emit("cita médica")
    assert ok(dialog).isEnabled()
    ok(dialog).click()
    wait_ops()
    assert rotation.get_plan(council, plan.id).swaps == 1
    assert held(tab, 1)[a] == before[b]


def test_the_export_and_the_printed_roster(qtbot, tab, council, tmp_path: Path, wait_ops):
    rotation.plan_rotation(council, start=START, weeks=2)
    tab.invalidate()
    tab.export_to(tmp_path / "rotation.csv")
    wait_ops()
    lines = (tmp_path / "rotation.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "week_start,post_code,member_code,role"
    assert len(lines) - 1 == sum(len(people) for week in tab.model.weeks for people in week.cells.values())
    from PySide6.QtPdf import QPdfDocument

    preview = tab.print_roster(per_member=True)
    wait_ops()
    assert preview.pdf is not None and preview.pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)  # never close mid-load
    assert preview.document.pageCount() == len({e.member_code for week in tab.model.weeks
                                                 for people in week.cells.values() for e in people})
    assert preview.windowTitle() == _("Rotation roster, one page per member")
    preview.close()
