from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from coopdesk.domain.members import Body, MemberStatus
from coopdesk.services.members import count_members
from coopdesk.services.overview import MemberFilter
from coopdesk.ui.members.model import COLUMNS, MEMBER_ID_ROLE, MemberColumn, MembersModel
from coopdesk.ui.members.page import MembersPage
from tests.ui.conftest import GUI, add_members

pytestmark = GUI


def column(model: MembersModel, which: MemberColumn) -> list[str]:
    index = COLUMNS.index(which)
    return [model.data(model.index(row, index)) for row in range(model.rowCount())]


@pytest.mark.parametrize("count", [0, 1, 50])
def test_the_model_passes_the_model_tester(qtmodeltester, db, count):
    add_members(db, count)
    model = MembersModel(db)
    assert model.rowCount() == count
    qtmodeltester.check(model)


def test_rows_are_read_in_chunks_and_cached(db):
    add_members(db, 50)
    model = MembersModel(db)
    assert model._cache == {}  # nothing read until a row is shown
    assert model.data(model.index(0, 0)) == "M001"
    assert 1 < len(model._cache) <= 50
    assert model.data(model.index(3, 0), MEMBER_ID_ROLE) == model.member_id(3)


def test_headers_come_from_the_column_enum(db):
    model = MembersModel(db)
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert len(headers) == 8 and all(headers)


def test_sorting_is_done_in_sql(db):
    add_members(db, 30)
    model = MembersModel(db)
    names = column(model, MemberColumn.NAME)
    model.sort(COLUMNS.index(MemberColumn.NAME), Qt.SortOrder.DescendingOrder)
    assert column(model, MemberColumn.NAME) == sorted(names, reverse=True)
    model.sort(COLUMNS.index(MemberColumn.CODE), Qt.SortOrder.AscendingOrder)
    assert column(model, MemberColumn.CODE)[:3] == ["M001", "M002", "M003"]
    before = column(model, MemberColumn.CODE)
    model.sort(COLUMNS.index(MemberColumn.SKILLS), Qt.SortOrder.DescendingOrder)  # no SQL order: unchanged
    assert column(model, MemberColumn.CODE) == before


def test_filters_change_the_rows(db):
    add_members(db, 30)
    model = MembersModel(db)
    model.set_filter(MemberFilter(body=Body.STATE))
    assert 0 < model.rowCount() < 30
    assert len(set(column(model, MemberColumn.BODY))) == 1
    model.set_filter(MemberFilter(status=MemberStatus.SUSPENDED))
    assert 0 < model.rowCount() < 30
    model.set_filter(MemberFilter(search="nunez"))  # accents and case do not matter
    assert model.rowCount() == 5
    assert all("Núñez" in name for name in column(model, MemberColumn.NAME))


def test_the_page_filters_by_combo_and_search_box(qtbot, db):
    add_members(db, 30)
    page = MembersPage(db)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 30
    page.body_filter.setCurrentIndex(1 + list(Body).index(Body.WORKER))
    workers = page.model.rowCount()
    assert 0 < workers < 30
    page.search.setText("M01")
    assert page.model.rowCount() == workers  # debounced: nothing yet
    qtbot.waitUntil(lambda: page.model.rowCount() < workers, timeout=2000)
    assert all(code.startswith("M01") for code in column(page.model, MemberColumn.CODE))
    assert str(page.model.rowCount()) in page.count_label.text()
    page.search.clear()
    page.body_filter.setCurrentIndex(0)
    page.apply_filter()
    assert page.model.rowCount() == count_members(db)


def test_clicking_a_header_sorts_and_keeps_the_selection(qtbot, db):
    add_members(db, 12)
    page = MembersPage(db)
    qtbot.addWidget(page)
    page.select_member(page.model.member_id(2))
    selected = page.selected_member_id()
    name_column = COLUMNS.index(MemberColumn.NAME)
    page.table.horizontalHeader().setSortIndicator(name_column, Qt.SortOrder.AscendingOrder)
    page.sort_by_column(name_column)
    names = column(page.model, MemberColumn.NAME)
    assert names == sorted(names)
    assert page.selected_member_id() == selected
    assert page.edit_button.isEnabled()
