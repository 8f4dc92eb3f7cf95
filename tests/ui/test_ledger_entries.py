"""The table of entries (a lazy model over ids), its filters, and reversals, which need a reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from coopdesk.domain.ledger import EntryKind
from coopdesk.services import ledger
from coopdesk.services.ledger import EntryFilter
from tests.ui.conftest import GUI
from tests.ui.test_ledger_periods import make_books

pytestmark = GUI


@pytest.fixture
def books(db):  # type: ignore[no-untyped-def]
    return make_books(db)


@pytest.mark.parametrize("with_books", [False, True])
def test_the_entries_model_passes_the_model_tester(qtmodeltester, db, with_books):
    from coopdesk.ui.ledger.entries_model import EntriesModel

    if with_books:
        make_books(db)
    model = EntriesModel(db)
    assert model.rowCount() == ledger.count_entries(db)
    qtmodeltester.check(model)


def test_rows_are_read_in_chunks_newest_first(db, books):
    from coopdesk.ui.ledger.entries_model import ENTRY_ID_ROLE, EntriesModel

    model = EntriesModel(db)
    assert model._cache == {}  # nothing read until a row is shown
    ids = ledger.entry_ids(db, descending=True)
    assert model.data(model.index(0, 0)) == str(ids[0])
    assert 1 < len(model._cache) <= 100
    assert model.data(model.index(2, 0), ENTRY_ID_ROLE) == ids[2]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == str(min(ids))
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert all(headers) and len(headers) == 9


def test_the_tab_filters_by_period_member_kind_and_year(qtbot, db, books):
    from coopdesk.ui.ledger.context import LedgerContext
    from coopdesk.ui.ledger.entries_tab import EntriesTab

    context = LedgerContext()
    context.set_database(db)
    tab = EntriesTab(context)
    qtbot.addWidget(tab)
    tab.set_database(db)
    tab.show()
    everything = tab.model.rowCount()
    assert everything == ledger.count_entries(db) > 0
    tab.kind.setCurrentIndex(tab.kind.findData(EntryKind.NET.value))
    assert tab.model.rowCount() == 3  # one net line per worker paid in the closed period
    tab.kind.setCurrentIndex(tab.kind.findData("contribution"))
    assert tab.model.rowCount() == 6  # two funds × three workers
    tab.kind.setCurrentIndex(0)
    tab.member.setText("W002")
    tab.member.editingFinished.emit()
    assert tab.model.entry_filter == EntryFilter(member_code="W002")
    assert tab.model.rowCount() == len(ledger.entry_ids(db, entry_filter=EntryFilter(member_code="W002")))
    tab.member.setText("")
    assert tab.model.rowCount() == everything
    assert tab.period.count() == 1  # the choices are read when the list is opened
    tab.year.ensure_filled()
    tab.period.ensure_filled()
    assert tab.period.count() == 3
    tab.year.setCurrentIndex(tab.year.findData(2027))
    tab.period.setCurrentIndex(tab.period.findData(books["open"]))
    assert tab.model.rowCount() == 0  # nothing posted in the open period
    assert "0" in tab.count.text()


def test_a_reversal_needs_a_reason_and_is_labelled_beside_its_original(qtbot, db, books, wait_ops):
    from coopdesk.ui.ledger.context import LedgerContext
    from coopdesk.ui.ledger.entries_model import ENTRY_ROLE
    from coopdesk.ui.ledger.entries_tab import EntriesTab

    context = LedgerContext()
    context.set_database(db)
    tab = EntriesTab(context)
    context.changed.connect(tab.invalidate)
    qtbot.addWidget(tab)
    tab.set_database(db)
    tab.show()
    tab.kind.setCurrentIndex(tab.kind.findData(EntryKind.GROSS.value))
    tab.member.setText("W001")
    tab.member.editingFinished.emit()
    assert tab.model.rowCount() == 1
    gross = tab.model.data(tab.model.index(0, 0), ENTRY_ROLE)
    tab.table.selectRow(0)
    assert tab.reverse_button.isEnabled()
    tab.reverse_selected()
    dialog = tab.reversal_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.save()  # even forced, nothing is posted without a reason
    wait_ops()
    assert ledger.count_entries(db) == len(ledger.entry_ids(db)) and dialog.problem.isVisible()
    assert ledger.entries_by_ids(db, ids=[gross.id])[0].reversed_by_id is None
    dialog.reason.setPlainText("  \n ")
    assert not ok.isEnabled()
    dialog.reason.setPlainText("Horas mal cargadas")
    assert ok.isEnabled()
    ok.click()
    wait_ops()
    original = ledger.entries_by_ids(db, ids=[gross.id])[0]
    assert original.reversed_by_id is not None
    assert tab.notice.isVisible() and str(gross.id) in tab.notice.text()
    tab.kind.setCurrentIndex(0)  # the reversals are in the open period, beside the originals
    from coopdesk.ui.ledger.entries_model import COLUMNS, EntryColumn

    correction = COLUMNS.index(EntryColumn.CORRECTION)
    texts = {tab.model.data(tab.model.index(row, 0)): tab.model.data(tab.model.index(row, correction))
             for row in range(tab.model.rowCount())}
    assert str(original.id) in texts[str(original.reversed_by_id)]  # "reverses entry no. …"
    assert str(original.reversed_by_id) in texts[str(original.id)]  # "reversed by entry no. …"
    tab.select_entry(original.reversed_by_id)
    assert not tab.reverse_button.isEnabled()  # a reversal is not reversed
    reversal = ledger.entries_by_ids(db, ids=[original.reversed_by_id])[0]
    assert reversal.note == "Horas mal cargadas" and reversal.amount_cents == -original.amount_cents
