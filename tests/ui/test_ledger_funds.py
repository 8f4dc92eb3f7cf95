"""The funds management owes, in the window: the chart of owed against deposited with the arrears in words, the
deposit and payout dialogs, the fund's payer, no surplus wizard in an SPU, and the unit's kind chosen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from coopdesk.domain.ledger import FundPayer
from coopdesk.domain.settings import UnitKind
from coopdesk.i18n import format_money
from coopdesk.services import ledger
from coopdesk.services.council import get_council, set_unit_kind
from tests.ui.conftest import GUI
from tests.ui.test_ledger_periods import make_books

pytestmark = GUI


@pytest.fixture
def books(db):  # type: ignore[no-untyped-def]
    """make_books's council as an SPU whose health fund management owes (2.25 %), with nothing deposited."""
    made = make_books(db)  # a cooperative's books: both funds paid by the workers
    set_unit_kind(db, kind=UnitKind.SPU)
    ledger.save_fund(db, code="salud", name="Fondo de salud", percent_hundredths=225, paid_by=FundPayer.MANAGEMENT)
    ledger.close_period(db, period_id=made["open"], posted_on=date(2027, 2, 1))
    return made


@pytest.fixture
def page(qtbot, db, books):  # type: ignore[no-untyped-def]
    from coopdesk.ui.ledger.page import LedgerPage

    widget = LedgerPage(db)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.tabs.setCurrentWidget(widget.funds)
    return widget


def test_the_chart_sets_owed_against_deposited_and_says_the_arrears(page, db):
    tab = page.funds
    balance = ledger.fund_balance(db, fund_code="salud")
    assert balance.owed_cents == 1575 + 231 and balance.deposited_cents == 0  # period 2 only: 70 h and 10,25 h
    assert tab.owed_fund.currentData() == "salud"
    assert [series.name for series in tab.owed_chart.series] == ["Adeudado por la gerencia", "Depositado"]
    history = ledger.fund_history(db, fund_code="salud")
    assert tab.owed_chart.series[0].values == tuple(month.owed_cents for month in history.months)
    assert tab.months.rowCount() == len(history.months)  # the chart's figures, for a screen reader too
    assert tab.arrears.isVisible()
    assert tab.arrears.text() == (f"La gerencia adeuda {format_money(balance.arrears_cents)} al fondo «Fondo de "
                                  "salud» desde febrero de 2027.")
    assert tab.owed_chart.accessibleName() and tab.months_table.accessibleName()
    assert not page.surplus_button.isVisible()  # an SPU shares out no surplus
    assert page.share_out_surplus() is None


def test_a_deposit_lowers_the_arrears(qtbot, page, db, wait_ops):
    tab = page.funds
    dialog = tab.record_deposit()
    assert dialog.fund.currentData() == "salud" and dialog.fund.count() == 1  # only what management pays
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.amount.setText("5,009")
    dialog.amount.textEdited.emit("5,009")
    assert not ok.isEnabled() and dialog.problem.text()
    dialog.amount.setText("10,00")
    dialog.amount.textEdited.emit("10,00")
    dialog.note.setText("transferencia")
    assert ok.isEnabled()
    ok.click()
    wait_ops()
    balance = ledger.fund_balance(db, fund_code="salud")
    assert balance.deposited_cents == 1000 and balance.arrears_cents == 1806 - 1000
    qtbot.waitUntil(lambda: format_money(806) in tab.arrears.text())


def test_a_payout_needs_a_passed_motion(qtbot, page, db, books, wait_ops):
    tab = page.funds
    dialog = tab.pay_out()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.fund.setCurrentIndex(dialog.fund.findData("ahorro"))
    dialog.amount.setText("20,00")
    dialog.amount.textEdited.emit("20,00")
    assert not ok.isEnabled()  # no motion yet
    dialog.motion.set_motion_id(books["motion"])
    qtbot.waitUntil(ok.isEnabled)
    dialog.member.setText("W001")
    dialog.member.editingFinished.emit()
    ok.click()
    wait_ops()
    assert ledger.fund_balance(db, fund_code="ahorro").paid_out_cents == 2000
    assert ledger.statement(db, member_code="W001", year=2026).totals.payouts_cents == 2000


def test_a_new_fund_in_an_spu_is_owed_by_management(qtbot, page, db, wait_ops):
    from coopdesk.ui.ledger.fund_dialog import FundDialog

    page.tabs.setCurrentWidget(page.setup)
    page.setup.edit_fund(None)
    dialog = next(w for w in page.setup.children() if isinstance(w, FundDialog))
    assert dialog.paid_by.currentData() == "management"
    dialog.code.setText("vivienda")
    dialog.name.setText("Fondo de vivienda")
    dialog.percent.setText("3")
    dialog.percent.textEdited.emit("3")
    dialog.ok_button().click()
    wait_ops()
    assert ledger.fund_balance(db, fund_code="vivienda").paid_by is FundPayer.MANAGEMENT


def test_the_council_settings_change_the_unit_kind(qtbot, db, wait_ops):
    from coopdesk.ui.council_dialog import CouncilDialog

    set_unit_kind(db, kind=UnitKind.SPU)
    dialog = CouncilDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.kind.kind() is UnitKind.SPU
    assert all(label.text() for label in dialog.kind.explanations.values())
    dialog.kind.set_kind(UnitKind.COOPERATIVE)
    dialog.fields["name"].setText("Cooperativa Textil")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_ops()
    council = get_council(db)
    assert (council.name, council.kind) == ("Cooperativa Textil", UnitKind.COOPERATIVE)


def test_the_first_run_dialog_asks_the_unit_kind(qtbot, monkeypatch, tmp_path):
    from coopdesk.ui import first_run

    dialog = first_run.FirstRunDialog()
    qtbot.addWidget(dialog)
    assert dialog.unit_kind.kind() is UnitKind.SPU
    assert "social property" in dialog.unit_kind.explanations[UnitKind.SPU].text() or \
        "propiedad social" in dialog.unit_kind.explanations[UnitKind.SPU].text()
    dialog.unit_kind.set_kind(UnitKind.COOPERATIVE)
    monkeypatch.setattr(first_run, "ask_new_database", lambda _parent: str(tmp_path / "nueva.sqlite3"))
    dialog.choose_new()
    assert dialog.choice is not None and dialog.choice.unit_kind is UnitKind.COOPERATIVE


def test_the_payroll_shows_what_management_owes_after_net_pay(page, db, books):
    from coopdesk.ui.ledger.payroll_panel import PayrollPanel

    panel = PayrollPanel()
    panel.set_payroll(ledger.payroll(db, period_id=books["open"]))
    headers = [column.header for column in panel.model.columns]
    assert headers[-1] == "salud\nadeudado"  # after net pay: it is not taken from it
    assert panel.model.columns[-1].text(panel.model.rows[-1]) == format_money(1806)  # the totals line
