from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from coopdesk.services.preferences import load_preferences, update_preferences
from coopdesk.ui import app
from coopdesk.ui.first_run import FirstRunDialog, Start
from coopdesk.ui.main_window import demo_path
from tests.ui.conftest import GUI, message_boxes

pytestmark = GUI


@pytest.fixture
def dialog(qtbot):  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def answer_file_dialogs(monkeypatch, path: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (path, "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (path, "")))


def test_the_demo_council(dialog):
    dialog.demo_button.click()
    assert dialog.choice is not None
    assert dialog.choice.kind is Start.DEMO
    assert dialog.choice.path == str(demo_path())
    assert demo_path().name == "demo.sqlite3"


def test_a_new_database(dialog, monkeypatch, tmp_path: Path):
    answer_file_dialogs(monkeypatch, str(tmp_path / "consejo.sqlite3"))
    dialog.new_button.click()
    assert dialog.choice is not None and dialog.choice.kind is Start.NEW
    assert dialog.choice.path.endswith("consejo.sqlite3")


def test_a_new_database_never_overwrites_a_file(dialog, monkeypatch, tmp_path: Path):
    existing = tmp_path / "consejo.sqlite3"
    existing.write_bytes(b"data")
    answer_file_dialogs(monkeypatch, str(existing))
    dialog.new_button.click()
    assert dialog.choice is None and dialog.isVisible()
    assert message_boxes()
    assert existing.read_bytes() == b"data"


def test_an_existing_database_and_cancelling_the_file_dialog(dialog, monkeypatch, tmp_path: Path):
    answer_file_dialogs(monkeypatch, "")
    dialog.open_button.click()
    assert dialog.choice is None and dialog.isVisible()
    answer_file_dialogs(monkeypatch, str(tmp_path / "otro.sqlite3"))
    dialog.open_button.click()
    assert dialog.choice is not None and dialog.choice.kind is Start.OPEN


def test_the_language_can_be_chosen_on_the_first_screen(dialog):
    dialog.language.setCurrentIndex(1)
    assert dialog.new_button.text() == "Create a new council database"
    assert load_preferences().language == "en"


def test_which_database_opens_at_start(monkeypatch, tmp_path: Path):
    assert app.start_target(None) is None  # nothing known: the first-run dialog
    remembered = tmp_path / "recordada.sqlite3"
    remembered.write_bytes(b"")
    update_preferences(last_database=str(remembered))
    assert app.start_target(None) == str(remembered)
    monkeypatch.setenv("COOPDESK_DB", str(tmp_path / "env.sqlite3"))
    assert app.start_target(None) == str(tmp_path / "env.sqlite3")
    assert app.start_target("explicit.sqlite3") == "explicit.sqlite3"
    monkeypatch.delenv("COOPDESK_DB")
    remembered.unlink()  # a remembered file that has gone: ask again rather than create an empty one
    assert app.start_target(None) is None
