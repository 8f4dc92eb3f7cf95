"""The pay-period workflow of the Ledger section: periods list, payroll preview, close (locks, then the PDF),
reopen by motion, open a period, advances. A small council is set up through the services."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from coopdesk.domain.ledger import PeriodState
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.i18n import format_money
from coopdesk.services import ledger
from coopdesk.services.demo_ledger import demo_motion
from coopdesk.services.members import create_member
from tests.ui.conftest import GUI, message_boxes

pytestmark = GUI

WORKERS = {"W001": "Ana Pérez", "W002": "Ángel Núñez", "W003": "Beatriz Díaz", "W004": "Carlos Peña"}


def make_books(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Four workers and a communal delegate; a passed motion sets Bs. 10,00 an hour; funds of 5 % and 2.25 %;
    period 1 (closed) with hours and an advance; period 2 open with some hours."""
    for code, name in WORKERS.items():
        create_member(db, draft=MemberDraft(code, name, Body.WORKER, date(2020, 1, 1), True))
    create_member(db, draft=MemberDraft("C001", "Vocera Comunal", Body.COMMUNAL_COUNCIL, date(2020, 1, 1), True))
    motion = demo_motion(db, text="Fijar el anticipo igualitario en Bs. 10,00 por hora", day=date(2026, 12, 1))
    ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=motion)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500, motion_id=motion)
    ledger.save_fund(db, code="salud", name="Fondo de salud", percent_hundredths=225)
    first = ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17)).id
    ledger.set_hours(db, period_id=first, hours={"W001": 8000, "W002": 7550, "W003": 6000})
    ledger.add_advance(db, period_id=first, member_code="W002", amount_cents=15000)
    ledger.close_period(db, period_id=first, posted_on=date(2027, 1, 18))
    second = ledger.create_period(db, starts_on=date(2027, 1, 18), ends_on=date(2027, 1, 31)).id
    ledger.set_hours(db, period_id=second, hours={"W001": 7000, "W004": 1025})
    return {"motion": motion, "closed": first, "open": second}


@pytest.fixture
def books(db):  # type: ignore[no-untyped-def]
    return make_books(db)


@pytest.fixture
def page(qtbot, db, books):  # type: ignore[no-untyped-def]
    from coopdesk.ui.ledger.page import LedgerPage

    widget = LedgerPage(db)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def test_the_page_builds_its_tabs_only_when_shown(qtbot, db, books):
    from coopdesk.ui.ledger.page import LedgerPage

    widget = LedgerPage(db)
    qtbot.addWidget(widget)
    assert widget.tabs is None  # nothing read, no ledger services imported for it yet
    widget.show()
    assert widget.tabs is not None and widget.tabs.count() == 5


def test_the_open_period_is_chosen_and_its_hours_shown(page, books):
    tab = page.periods
    assert [p.id for p in tab.model.rows] == [books["open"], books["closed"]]
    assert tab.current.id == books["open"]
    assert tab.hours.model.editable
    assert tab.hours.model.changes() == {}
    codes = [row.member_code for row in tab.hours.model.rows]
    assert codes == ["W001", "W002", "W003", "W004"]  # workers only, no communal delegate
    assert tab.close_button.isEnabled() and not tab.reopen_button.isEnabled()


def test_the_payroll_preview_shows_the_service_figures(page, db, books):
    panel = page.periods.payroll
    expected = ledger.payroll(db, period_id=books["open"])
    assert not expected.posted
    shown = panel.model.rows
    assert shown[:-1] == list(expected.lines) and shown[-1] == expected.totals
    headers = [panel.model.headerData(i, Qt.Orientation.Horizontal) for i in range(panel.model.columnCount())]
    assert all(headers) and len(headers) == 4 + len(expected.funds) + 2  # code, name, hours, gross, funds…, net
    net_column = panel.model.columnCount() - 1
    assert panel.model.data(panel.model.index(0, net_column)) == format_money(expected.lines[0].net_cents)
    assert "1,00" in panel.ratio.text()  # the equal wage: highest over lowest rate, in Spanish decimals
    assert "preview" in panel.state.text() or "vista previa" in panel.state.text()


def test_closing_through_the_dialog_locks_the_period_and_shows_the_payroll_pdf(qtbot, page, db, books, wait_ops):
    from coopdesk.ui.report_preview import ReportPreview

    tab = page.periods
    tab.close_period()
    dialog = tab.close_dialog
    totals = ledger.payroll(db, period_id=books["open"]).totals
    figures = [value.text() for _label, value in dialog.figures]
    assert format_money(totals.gross_cents) in figures and format_money(totals.net_cents) in figures
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_ops()
    assert ledger.get_period_summary(db, period_id=books["open"]).state is PeriodState.CLOSED
    assert tab.current.id == books["open"] and not tab.current.is_open
    assert not tab.hours.model.editable  # closed periods are read-only
    assert not tab.advances.add_button.isEnabled()
    assert tab.reopen_button.isEnabled() and not tab.close_button.isEnabled()
    assert tab.payroll.payroll.posted and tab.payroll.payroll.verification
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportPreview) and w.isVisible()]
    assert len(previews) == 1
    qtbot.waitUntil(lambda: previews[0].pdf is not None, timeout=20_000)
    assert previews[0].pdf.startswith(b"%PDF")
    previews[0].close()


def test_a_closed_period_reopens_only_with_a_passed_motion_and_a_reason(qtbot, db, books, wait_ops):
    from coopdesk.ui.ledger.reopen_dialog import ReopenDialog

    period = ledger.get_period_summary(db, period_id=books["closed"])
    dialog = ReopenDialog(db, period)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.motion.set_motion_id(books["motion"])
    assert dialog.motion.passed
    assert not ok.isEnabled()  # still no reason
    dialog.reason.setPlainText("   ")
    assert not ok.isEnabled()
    dialog.motion.set_motion_id(9999)
    dialog.reason.setPlainText("Faltaron las horas de W004")
    assert not ok.isEnabled() and "9999" in dialog.motion.status.text()
    dialog.motion.set_motion_id(books["motion"])
    assert ok.isEnabled()
    ok.click()
    wait_ops()
    assert ledger.get_period_summary(db, period_id=books["closed"]).state is PeriodState.OPEN


def test_opening_a_period_proposes_the_next_dates(qtbot, page, db, books, wait_ops):
    from coopdesk.ui.ledger.open_period_dialog import OpenPeriodDialog

    dialog = OpenPeriodDialog(db, ledger.list_periods(db), page)
    qtbot.addWidget(dialog)
    assert dialog.period().starts_on == date(2027, 2, 1) and dialog.period().days == 14
    dialog.starts_on.setDate(date(2027, 1, 25))  # overlaps the open period
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.problem.isVisibleTo(dialog)
    dialog.starts_on.setDate(date(2027, 2, 1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_ops()
    assert ledger.list_periods(db)[0].starts_on == date(2027, 2, 1)


def test_advances_are_added_and_removed_while_the_period_is_open(qtbot, page, db, books, wait_ops):
    from coopdesk.ui.ledger.advance_dialog import AdvanceDialog

    tab = page.periods
    period = tab.current
    dialog = AdvanceDialog(db, period, page.context.members(), tab, on_saved=lambda _a: tab.advances.changed.emit())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.member.setText("nunez")  # by name, without accents
    dialog.amount.setText("120,504")
    dialog.validate()
    assert not ok.isEnabled()  # more than two decimals is refused, not rounded
    dialog.amount.setText("120,50")
    assert dialog.member.code() == "W002"
    assert dialog.validate()
    ok.click()
    wait_ops()
    assert [(a.member_code, a.amount_cents) for a in ledger.list_advances(db, period_id=period.id)] == [
        ("W002", 12050)]
    assert tab.advances.model.rowCount() == 1
    assert tab.payroll.payroll.totals.advances_cents == 12050  # the preview follows
    tab.advances.table.selectRow(0)
    tab.advances.remove_selected()
    box = message_boxes()[-1]
    next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole).click()
    wait_ops()
    assert ledger.list_advances(db, period_id=period.id) == []
    assert tab.advances.model.rowCount() == 0


def test_unsaved_hours_hold_the_period_until_discarded(qtbot, page, books):
    tab = page.periods
    tab.hours.paste_text("12\n")
    assert tab.hours.is_dirty() and not tab.close_button.isEnabled()  # save or revert before closing
    tab.table.selectRow(1)  # the closed period
    assert tab.current.id == books["open"]  # still here: the user is asked first
    box = message_boxes()[-1]
    next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole).click()  # discard
    assert tab.current.id == books["closed"] and not tab.hours.is_dirty()


def test_every_entry_is_exported_as_csv(tmp_path, page, db, wait_ops):
    target = tmp_path / "asientos.csv"
    page.export_to(target)
    wait_ops()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("entry_id,posted_on,period_id") and len(lines) == ledger.count_entries(db) + 1
    assert str(target) in page.notice.text()
