"""Member statements, fund balances, the surplus wizard, the rates and funds editors, and the language switch."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from coopdesk.domain.ledger import SurplusBasis
from coopdesk.i18n import format_money, translator
from coopdesk.services import ledger
from tests.ui.conftest import GUI
from tests.ui.test_ledger_periods import make_books

pytestmark = GUI


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


def test_the_statement_shows_the_member_entries_and_totals(qtbot, page, db, books, wait_ops):
    from coopdesk.ui.report_preview import ReportPreview

    page.tabs.setCurrentWidget(page.statement)
    tab = page.statement
    tab.member.setText("nunez")  # a part of the name, without accents
    tab.member.editingFinished.emit()
    assert tab.member.text().startswith("W002")
    expected = ledger.statement(db, member_code="W002", year=2027)
    assert tab.statement == expected
    assert tab.model.rowCount() == len(expected.entries) > 0
    shown = {tab.totals_form.itemAt(row, tab.totals_form.ItemRole.FieldRole).widget().text()
             for row in range(tab.totals_form.rowCount())}
    assert {format_money(expected.totals.gross_cents), format_money(expected.totals.net_cents),
            format_money(expected.totals.advances_cents), format_money(expected.totals.received_cents)} <= shown
    preview = tab.print_statement()
    assert isinstance(preview, ReportPreview)
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=20_000)
    assert preview.pdf.startswith(b"%PDF")
    preview.close()


def test_fund_balances_are_charted_per_fund(page, db, books):
    page.tabs.setCurrentWidget(page.funds)
    tab = page.funds
    balances = ledger.fund_balances(db, year=2027)
    assert [series.name for series in tab.chart.series] == ["Caja de ahorro", "Fondo de salud"]
    assert tab.chart.series[0].values == tuple(row.balances[0] for row in balances.rows)
    assert tab.model.rowCount() == len(balances.rows) + 2  # opening, each period, closing
    image = tab.chart.grab().toImage()
    assert image.width() > 200 and image.pixelColor(image.width() // 2, image.height() // 2).isValid()


def test_the_surplus_wizard_shows_shares_that_add_up_before_posting(qtbot, page, db, books, wait_ops):
    from coopdesk.ui.ledger.surplus_wizard import SurplusWizard

    wizard = page.share_out_surplus()
    assert isinstance(wizard, SurplusWizard)
    wizard.amount.setText("1000,01")
    wizard.amount.textEdited.emit("1000,01")
    wizard.basis_buttons[1].setChecked(True)  # in proportion to hours
    assert wizard.next_button.isEnabled()
    assert not wizard.show_shares()  # a period of 2027 is still open: said on the first step
    assert wizard.problem.isVisible() and wizard.steps.currentIndex() == 0
    ledger.close_period(db, period_id=books["open"])
    assert wizard.show_shares()
    preview = wizard.preview
    assert preview.basis is SurplusBasis.HOURS and preview.total_cents == 100_001
    assert sum(share.share_cents for share in wizard.shares.rows) == 100_001
    assert wizard.shares.rowCount() == 4 and format_money(100_001) in wizard.check.text()
    assert ledger.count_entries(db) == len(ledger.entry_ids(db))
    before = ledger.count_entries(db)
    wizard.next_button.click()  # Post
    wait_ops()
    assert ledger.count_entries(db) == before + 4
    assert "2027" in page.notice.text()


def test_a_rate_is_set_only_by_a_passed_motion(qtbot, db, books, wait_ops):
    from coopdesk.ui.ledger.rate_dialog import RateDialog

    dialog = RateDialog(db)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.amount.setText("12,75")
    dialog.amount.textEdited.emit("12,75")
    dialog.effective_from.setDate(date(2027, 3, 1))
    assert not ok.isEnabled()  # no motion cited
    dialog.motion.set_motion_id(books["motion"])
    assert ok.isEnabled()
    assert "passed" in dialog.motion.status.text() or "aprobada" in dialog.motion.status.text()
    ok.click()
    wait_ops()
    assert [(r.rate_cents, r.effective_from) for r in ledger.list_rates(db)][-1] == (1275, date(2027, 3, 1))


def test_a_fund_is_created_and_edited(qtbot, db, books, wait_ops):
    from coopdesk.ui.ledger.fund_dialog import FundDialog

    dialog = FundDialog(db)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.code.setText("vivienda")
    dialog.name.setText("Fondo de vivienda")
    dialog.percent.setText("3,125")
    dialog.percent.textEdited.emit("3,125")
    assert not ok.isEnabled()
    dialog.percent.setText("3,5")
    dialog.percent.textEdited.emit("3,5")
    assert ok.isEnabled()
    ok.click()
    wait_ops()
    fund = next(f for f in ledger.list_funds(db) if f.code == "vivienda")
    assert fund.percent_hundredths == 350
    edit = FundDialog(db, fund)
    qtbot.addWidget(edit)
    assert edit.code.isReadOnly() and edit.percent.text() == "3,5"


def test_switching_language_retranslates_the_section(page):
    from coopdesk.ui.language import apply_language

    es = translator("es").gettext
    page.tabs.setCurrentWidget(page.periods)
    spanish = page.tabs.tabText(0)
    assert spanish == es("Pay periods") == "Períodos de pago"
    header = page.periods.model.headerData(6, Qt.Orientation.Horizontal)
    assert header == "Anticipo bruto"
    apply_language("en")
    page.retranslate_ui()
    assert page.tabs.tabText(0) == "Pay periods"
    assert page.periods.model.headerData(6, Qt.Orientation.Horizontal) == "Gross pay"
    assert page.periods.detail_tabs.tabText(2) == "Payroll"
    assert page.periods.payroll.ratio.text().endswith("1.00")  # English decimals now
    assert page.statement.totals_box.title() == "Totals"
    assert page.entries.kind.itemText(1) == "Gross pay"
    apply_language("es")
    page.retranslate_ui()
    assert page.tabs.tabText(0) == "Períodos de pago"
    assert page.periods.payroll.ratio.text().endswith("1,00")
    assert page.entries.kind.itemText(1) == "Anticipo bruto"
    QApplication.processEvents()
