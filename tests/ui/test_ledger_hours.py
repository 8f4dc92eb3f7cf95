"""The hours grid: keyboard entry checked per cell, a block pasted from a spreadsheet, live totals, Save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coopdesk.services import ledger
from tests.ui.conftest import GUI
from tests.ui.test_ledger_periods import make_books

pytestmark = GUI


@pytest.fixture
def panel(qtbot, db):  # type: ignore[no-untyped-def]
    from coopdesk.ui.ledger.hours_panel import HoursPanel

    books = make_books(db)
    widget = HoursPanel()
    qtbot.addWidget(widget)
    widget.set_grid(db, ledger.hours_grid(db, period_id=books["open"]))
    widget.resize(700, 500)
    widget.show()
    widget.books = books
    return widget


def hours_of(panel) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {row.member_code: value for row, value in zip(panel.model.rows, panel.model.values, strict=True)}


def type_into(qtbot, view, row: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type over a cell as a user does: the first key opens the editor, Enter commits and goes down."""
    from coopdesk.ui.ledger.hours import HOURS

    index = view.model().index(row, HOURS)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(index)
    assert editor is not None
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)  # Qt commits on the next turn


def test_typing_hours_updates_the_totals_and_moves_down(qtbot, panel):
    from coopdesk.ui.ledger.hours import HOURS

    assert hours_of(panel) == {"W001": 7000, "W002": 0, "W003": 0, "W004": 1025}
    type_into(qtbot, panel.view, 1, "72,5")
    assert hours_of(panel)["W002"] == 7250
    assert panel.view.currentIndex().row() == 2 and panel.view.currentIndex().column() == HOURS
    assert panel.model.changes() == {"W002": 7250}
    assert "152,75" in panel.totals.text()  # 70 + 72.5 + 10.25, live
    assert panel.save_button.isEnabled() and panel.revert_button.isEnabled()
    type_into(qtbot, panel.view, 2, "8.25")  # a dot works as well
    assert hours_of(panel)["W003"] == 825


def test_a_bad_value_is_rejected_in_the_cell(qtbot, panel):
    from coopdesk.ui.ledger.hours import HOURS

    model = panel.model
    index = model.index(0, HOURS)
    assert not model.setData(index, "7,255")  # more than two decimals: refused, never rounded
    assert "7,255" in panel.message.text() and panel.message.isVisible()
    assert not model.setData(index, "ocho")
    assert not model.setData(index, "400")  # over 24 × 14 days
    assert "336" in panel.message.text()
    assert not model.setData(index, "-1")
    assert hours_of(panel)["W001"] == 7000 and model.changes() == {}
    type_into(qtbot, panel.view, 0, "9,999")  # by keyboard too
    assert hours_of(panel)["W001"] == 7000
    assert not panel.save_button.isEnabled()
    assert not model.setData(model.index(0, 1), "80")  # only the hours column is editable


def test_the_editor_turns_red_while_its_text_is_not_a_figure(qtbot, panel):
    from coopdesk.ui.colors import status_color
    from coopdesk.ui.ledger.hours import HOURS

    index = panel.model.index(0, HOURS)
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    editor = panel.view.indexWidget(index)
    editor.setText("8,123")
    assert status_color("bad").name() in editor.styleSheet() and editor.toolTip()
    editor.setText("8,12")
    assert editor.styleSheet() == ""


def test_pasting_a_column_from_a_spreadsheet(qtbot, panel):
    panel.view.setCurrentIndex(panel.model.index(0, 2))
    QApplication.clipboard().setText("80\r\n75,5\r\n60.25\r\n")
    qtbot.keyClick(panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert hours_of(panel) == {"W001": 8000, "W002": 7550, "W003": 6025, "W004": 1025}
    assert not panel.message.isVisible()


def test_pasting_code_and_hours_goes_to_those_members_and_reports_bad_cells(panel):
    panel.view.setCurrentIndex(panel.model.index(3, 2))
    problems = panel.paste_text("W003\t40\nW001\t12,345\nW002\t\n")
    assert hours_of(panel) == {"W001": 7000, "W002": 0, "W003": 4000, "W004": 1025}  # the bad cell kept its figure
    assert len(problems) == 1 and problems[0].startswith(("Line 2", "Línea 2"))
    assert panel.message.isVisible()
    problems = panel.paste_text("1\n2\n3\n")  # from the last row down: two lines have no row
    assert len(problems) == 2 and hours_of(panel)["W004"] == 100


def test_one_value_fills_the_selected_rows_and_delete_clears_them(qtbot, panel):
    from coopdesk.ui.ledger.hours import HOURS

    selection = panel.view.selectionModel()
    panel.view.setCurrentIndex(panel.model.index(1, HOURS))
    selection.select(panel.model.index(2, HOURS), selection.SelectionFlag.Select)
    assert panel.view.selected_rows() == [1, 2]
    panel.paste_text("8")
    assert hours_of(panel)["W002"] == 800 and hours_of(panel)["W003"] == 800
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert hours_of(panel)["W002"] == 0 and hours_of(panel)["W003"] == 0


def test_saving_stores_only_the_changed_rows(qtbot, panel, db, wait_ops):
    saved = []
    panel.saved.connect(lambda: saved.append(True))
    panel.paste_text("\n50\n")  # a blank cell clears its figure, as in a spreadsheet
    assert panel.model.changes() == {"W001": 0, "W002": 5000}
    panel.model.set_hours_text(0, "70")
    assert panel.model.changes() == {"W002": 5000}
    panel.save_button.click()
    wait_ops()
    assert saved == [True]
    grid = ledger.hours_grid(db, period_id=panel.books["open"])
    assert {row.member_code: row.hours_hundredths for row in grid.rows} == {
        "W001": 7000, "W002": 5000, "W003": 0, "W004": 1025}
    assert "pay period" in panel.message.text() or "período de pago" in panel.message.text()


def test_revert_puts_back_the_stored_hours(panel):
    panel.paste_text("1\n2\n")
    assert panel.is_dirty()
    panel.revert_button.click()
    assert not panel.is_dirty() and hours_of(panel)["W001"] == 7000


def test_a_closed_period_is_read_only(qtbot, db, panel):
    from coopdesk.ui.ledger.hours import HOURS

    panel.set_grid(db, ledger.hours_grid(db, period_id=panel.books["closed"]))
    assert not panel.model.editable
    assert not panel.model.flags(panel.model.index(0, HOURS)) & Qt.ItemFlag.ItemIsEditable
    assert panel.paste_text("1\n2\n") == [] and not panel.is_dirty()
    assert not panel.import_button.isEnabled()


def test_importing_a_csv_of_hours(tmp_path, panel, db, wait_ops):
    path = tmp_path / "horas.csv"
    path.write_text("código;horas\nW003;44,5\nW002;12\n", encoding="utf-8")
    panel.import_file(path)
    wait_ops()
    grid = ledger.hours_grid(db, period_id=panel.books["open"])
    assert {row.member_code: row.hours_hundredths for row in grid.rows}["W003"] == 4450


def test_reading_the_period_again_keeps_the_unsaved_hours(db, panel):
    panel.paste_text("70\n33\n")
    ledger.add_advance(db, period_id=panel.books["open"], member_code="W003", amount_cents=5000)
    panel.set_grid(db, ledger.hours_grid(db, period_id=panel.books["open"]))  # what the page does after a change
    assert panel.model.changes() == {"W002": 3300}
    assert panel.model.rows[2].advances_cents == 5000
