from __future__ import annotations

from PySide6.QtCore import Qt

from coopdesk.i18n import translator
from coopdesk.services.preferences import load_preferences
from coopdesk.ui.main_window import LEARNING, LEDGER, MEETINGS, MEMBERS, NEEDS, REPORTS, ROTATION, MainWindow
from tests.ui.conftest import GUI, add_members

pytestmark = GUI


def visible_texts(window: MainWindow) -> dict[str, str]:
    model = window.members_page.model
    texts = {
        "menu:" + menu.objectName() + str(i): menu.title()
        for i, menu in enumerate((window.file_menu, window.members_menu, window.reports_menu,
                                  window.language_menu, window.help_menu))
    }
    texts |= {f"nav{row}": window.nav.item(row).text() for row in range(window.nav.count())}
    texts |= {f"header{c}": model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    texts["add"] = window.members_page.add_button.text()
    texts["search"] = window.members_page.search.placeholderText()
    return texts


def test_the_window_shows_the_members_and_the_database(qtbot, db):
    add_members(db, 45)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.members_page.model.rowCount() == 45
    assert str(db.path) in window.database_label.text()
    assert window.pages.currentWidget() is window.home_page  # the first page
    for row, section in ((MEMBERS, "members_page"), (MEETINGS, "meetings_page"), (ROTATION, "rotation_page"),
                         (LEDGER, "ledger_page"), (NEEDS, "needs_page"), (LEARNING, "learning_page")):
        window.nav.setCurrentRow(row)  # each section is built when first visited
        assert window.pages.currentWidget() is getattr(window, section)
    window.nav.setCurrentRow(REPORTS)
    assert window.pages.currentWidget() is window.reports_page
    assert load_preferences().last_database == str(db.path)


def test_the_annual_report_is_offered_with_its_year(qtbot, db):
    from coopdesk.ui.reports_page import ReportsPage

    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_database(db)
    assert page.annual_button.isEnabled() and page.year.accessibleName()
    page.year.setValue(2025)
    with qtbot.waitSignal(page.annual_report_requested) as asked:
        page.annual_button.click()
    assert asked.args == [2025]


def test_switching_language_retranslates_the_whole_window(qtbot, db):
    add_members(db, 3)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    es, en = translator("es").gettext, translator("en").gettext

    window.switch_language("en")
    english = visible_texts(window)
    assert window.file_menu.title() == "&File"
    assert window.help_menu.title() == "&Help"
    assert window.nav.item(0).text() == "Home" and window.nav.item(1).text() == "Members"
    assert english["header0"] == "Code"
    assert window.language_actions["en"].isChecked()
    assert load_preferences().language == "en"
    assert window.members_page.model.data(window.members_page.model.index(0, 4)) == "Yes"

    window.switch_language("es")
    spanish = visible_texts(window)
    assert window.file_menu.title() == es("&File")
    assert window.nav.item(0).text() == es("Home") == "Inicio"
    assert spanish["header0"] == es("Code")
    assert window.language_actions["es"].isChecked()
    assert load_preferences().language == "es"
    if es("&File") != en("&File"):  # once the Spanish catalog is compiled, every text must have changed
        assert window.file_menu.title() == "&Archivo"
        assert [key for key in english if english[key] == spanish[key]] == []


def test_the_about_box_names_the_version(qtbot, db):
    from coopdesk import __version__

    window = MainWindow(db)
    qtbot.addWidget(window)
    box = window.show_about()
    assert __version__ in box.text()
    box.close()
