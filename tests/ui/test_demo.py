from __future__ import annotations

import pytest

from coopdesk.ui.main_window import MainWindow, demo_path
from tests.ui.conftest import GUI

pytestmark = [*GUI, pytest.mark.slow]


def test_open_demo_council_fills_it_once_then_just_opens_it(qtbot, wait_ops):
    pytest.importorskip("coopdesk.services.demo")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.db is None and window.members_page.model.rowCount() == 0
    assert not window.actions_by_key["add"].isEnabled()  # nothing to add to yet
    window.open_demo()
    wait_ops(timeout=120_000)
    assert window.db is not None and window.db.path == demo_path()
    assert window.members_page.model.rowCount() == 60
    assert window.actions_by_key["add"].isEnabled()
    first = window.db
    window.open_demo()  # already filled: opened as it is, not refilled (create_demo would refuse)
    wait_ops(timeout=60_000)
    assert window.members_page.model.rowCount() == 60
    assert window.db is not first
