"""Weekly tasks in the window: typed from the roster grid (button and context menu), shown in the cell's tip and on
the member's card in "My rotation"; hidden in a read-only window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from coopdesk.services import rotation
from coopdesk.ui.rotation.context import RotationContext
from coopdesk.ui.rotation.member_view import MemberRotationView
from coopdesk.ui.rotation.roster_tab import RosterTab
from tests.ui.conftest import GUI
from tests.ui.rotation_council import sample_council, this_monday

pytestmark = GUI


@pytest.fixture
def council(db, data_dir):  # type: ignore[no-untyped-def]
    sample_council(db, data_dir)
    rotation.plan_rotation(db, start=this_monday(), weeks=2)
    return db


@pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard")  # the menu
def test_a_task_typed_in_the_grid_reaches_the_member_s_card(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.i18n import set_language

    set_language("en")
    tab = RosterTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show_range(this_monday(), 2)
    tab.show()
    qtbot.waitUntil(lambda: bool(tab.model.posts))
    row = [post.code for post in tab.model.posts].index("MERC")
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    assert tab.task_button.isEnabled()
    dialog = tab.task_at(row, 0)
    dialog.task.setPlainText("Deliver 200 bags to Mercal on Thursday")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_ops()
    qtbot.waitUntil(lambda: bool(tab.model.weeks and tab.model.weeks[0].tasks.get("MERC")))
    tip = tab.model.data(tab.model.index(row, 0), 3)  # ToolTipRole
    assert "Task: Deliver 200 bags to Mercal on Thursday" in tip
    menu = tab._context_menu(tab.table.visualRect(tab.model.index(row, 0)).center())
    assert menu is not None and menu.actions()[0].text() == "Week's task…"
    menu.close()
    member = tab.model.weeks[0].cells["MERC"][0].member_code
    view = MemberRotationView(council, member_code=member)
    qtbot.addWidget(view)
    view.show()
    tasks = [label.text() for label in view.findChildren(QLabel) if label.objectName() == "task"]
    assert tasks == ["Task: Deliver 200 bags to Mercal on Thursday"]
    tab.set_editable(False)
    assert tab.task_button.isHidden() and tab.task_at(row, 0) is None
