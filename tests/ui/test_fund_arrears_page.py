"""A fund management stopped depositing, in the window: a line of the home page (read once it has painted) that
opens the Social funds tab on that fund, and a row of the Commitments tab that is never marked done."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coopdesk.i18n import format_money
from coopdesk.services import ledger
from coopdesk.ui.main_window import LEDGER, NEEDS, MainWindow
from coopdesk.ui.needs.models import CommitmentsModel
from tests.reports.helpers import flat, pdf_text
from tests.services.arrears_council import council_whose_deposits_stop
from tests.ui.conftest import GUI

pytestmark = GUI


@pytest.fixture
def arrears(db, tmp_path: Path) -> int:  # type: ignore[no-untyped-def]
    return council_whose_deposits_stop(db, tmp_path)


def test_the_home_page_shows_the_arrears_and_opens_the_fund(qtbot, db, arrears) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    home = window.home_page
    qtbot.waitUntil(lambda: bool(home.line_texts("arrears")))  # after the first paint
    (line,) = home.line_texts("arrears")
    assert line.startswith(f"La gerencia adeuda {format_money(arrears)} al fondo «Fondo de vivienda» desde ")
    assert home.boxes["arrears"].isVisible() and not home.lists["arrears"].item(0).icon().isNull()
    home.lists["arrears"].itemActivated.emit(home.lists["arrears"].item(0))
    assert window.pages.currentIndex() == LEDGER
    funds = window.ledger_page.funds
    assert window.ledger_page.tabs.currentWidget() is funds and funds.pages.currentIndex() == 0
    assert funds.owed_fund.currentData() == "vivienda"
    # once management deposits what it owes, the line goes
    ledger.record_deposit(db, fund_code="vivienda", amount_cents=arrears, paid_on=date.today())
    home.reload()
    qtbot.waitUntil(lambda: not home.line_texts("arrears"))
    assert not home.boxes["arrears"].isVisible()


def test_the_commitments_tab_lists_the_arrears_refuses_to_mark_them_done_and_writes_the_letter(
        qtbot, qtmodeltester, wait_ops, db, arrears) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(CommitmentsModel(db))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(NEEDS)
    window.needs_page.show_tab(1, "fund:vivienda")
    tab = window.needs_page.commitments_tab
    assert tab.model.rowCount() == 1
    cells = [tab.model.index(0, column).data() for column in range(5)]
    assert cells[0] == "fund:vivienda" and cells[2].startswith("Vencido por ") and cells[3] == "La gerencia"
    assert cells[4] == f"Depositar la deuda con el fondo «Fondo de vivienda»: {format_money(arrears)}"
    assert tab.model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.selected().fund_code == "vivienda"
    assert not tab.done_button.isEnabled() and tab.letter_button.isEnabled()
    assert tab.add_button.isEnabled()
    preview = tab.letter_selected()  # to management, with the fund's figures
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=20_000)
    text = flat(pdf_text(preview.pdf)).replace("\xa0", " ")
    owed = format_money(arrears).replace("\xa0", " ")
    assert "Para: La gerencia" in text and f"quedan por depositar {owed}" in text
    assert preview.default_file_name().startswith("carta-compromiso-fund-vivienda")
    preview.close()
    wait_ops()
