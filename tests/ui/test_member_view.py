"""The member's window: their name, their rotation, the approved minutes (read in the PDF preview) and their
own statement — and not one control that could change anything."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

from tests.ui.conftest import GUI

pytestmark = GUI

from coopdesk.domain.users import UserRole  # noqa: E402
from coopdesk.services import users  # noqa: E402
from coopdesk.ui.member_view import MemberWindow  # noqa: E402

EDITING_WORDS = ("add", "edit", "delete", "remove", "new", "save changes", "añadir", "agregar", "editar",
                 "eliminar", "borrar", "nuevo", "nueva")


@pytest.fixture(scope="module")
def member_demo_file(demo_file, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A copy of the session's demo council (once for this module) with a member user for M001."""
    import sqlite3
    from contextlib import closing

    from coopdesk.bootstrap import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with closing(sqlite3.connect(demo_file)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    db = open_database(path)
    users.add_user(db, username="carmen", password="clave-admin-1", role=UserRole.ADMINISTRATOR)  # the first user
    users.add_user(db, username="ana", password="clave-ana-12", role=UserRole.MEMBER, member_code="M001")
    db.dispose()
    return path


@pytest.fixture
def window(qtbot, member_demo_file):  # type: ignore[no-untyped-def]
    from coopdesk.bootstrap import open_database

    db = open_database(member_demo_file)
    user = users.authenticate(db, username="ana", password="clave-ana-12")
    window = MemberWindow(db, user)
    qtbot.addWidget(window)
    window.show()
    yield window
    db.dispose()


def test_shows_the_member_and_five_tabs(window) -> None:  # type: ignore[no-untyped-def]
    assert window.name.text() == window.user.member_name and window.user.member_code == "M001"
    assert window.tabs.count() == 5  # rotation, minutes, statement, needs, learning
    minutes = window.minutes_tab.model.rows
    assert minutes and all(meeting.state.value == "approved" for meeting in minutes)
    statement = window.statement_tab.statement
    assert statement is not None and statement.member_code == "M001" and statement.entries
    assert window.statement_tab.year.count() >= 1


def test_no_editing_control_anywhere(window) -> None:  # type: ignore[no-untyped-def]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    for field in window.findChildren(QLineEdit):
        assert not (field.isEnabled() and field.isVisibleTo(window) and not field.isReadOnly()), field
    for field in window.findChildren(QTextEdit) + window.findChildren(QPlainTextEdit):
        assert field.isReadOnly() or not field.isEnabled(), field
    for box in window.findChildren(QComboBox):
        assert not box.isEditable(), box
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        popups = [box.view() for box in window.findChildren(QComboBox)]  # a choice to pick, not to type
        if isinstance(view, QHeaderView) or model is None or any(view is popup for popup in popups):
            continue
        cells = [model.index(row, column) for row in range(min(model.rowCount(), 20))
                 for column in range(model.columnCount())]
        assert not any(model.flags(cell) & Qt.ItemFlag.ItemIsEditable for cell in cells), view
    for button in window.findChildren(QAbstractButton):
        words = button.text().replace("&", "").casefold()
        assert not any(words.startswith(word) for word in EDITING_WORDS), button.text()


def test_statement_years_and_minutes_preview(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = window.statement_tab
    years = [tab.year.itemData(i) for i in range(tab.year.count())]
    assert years == sorted(years, reverse=True)
    tab.year.setCurrentIndex(tab.year.count() - 1)
    assert tab.statement is not None and tab.statement.year == years[-1]
    preview = window.minutes_tab.open_minutes()
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=20_000)
    assert preview.pdf.startswith(b"%PDF")
    preview.close()


def test_language_switch_retranslates(window) -> None:  # type: ignore[no-untyped-def]
    window.switch_language("en")
    assert window.tabs.tabText(2) == "My statement"
    window.switch_language("es")
    assert window.statement_tab.year.count() >= 1


def test_a_year_whose_only_entry_is_a_payout_is_offered(qtbot, member_demo_file, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The member's years follow the ledger's one rule: a payout counts in the year it was paid."""
    import shutil
    import sqlite3
    from contextlib import closing
    from datetime import date

    from coopdesk.bootstrap import open_database
    from coopdesk.services import ledger

    path = tmp_path / "council.sqlite3"
    shutil.copy(member_demo_file, path)
    with closing(sqlite3.connect(path)) as connection:
        (motion_id,) = connection.execute("SELECT id FROM motions WHERE result = 'passed' LIMIT 1").fetchone()
    db = open_database(path)
    try:
        fund = max(ledger.fund_balances(db).accounts, key=lambda balance: balance.held_cents)
        ledger.pay_out(db, fund_code=fund.code, amount_cents=100, paid_on=date(2019, 5, 2), motion_id=motion_id,
                       member_code="M001")
        window = MemberWindow(db, users.authenticate(db, username="ana", password="clave-ana-12"))
        qtbot.addWidget(window)
        tab = window.statement_tab
        years = [tab.year.itemData(i) for i in range(tab.year.count())]
        assert years[-1] == 2019 and years == ledger.statement_years(db, member_code="M001")
        tab.year.setCurrentIndex(tab.year.count() - 1)
        assert tab.statement is not None and [entry.posted_on for entry in tab.statement.entries] == [date(2019, 5, 2)]
        window.close()
    finally:
        db.dispose()
