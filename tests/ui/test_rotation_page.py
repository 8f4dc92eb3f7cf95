"""The Rotation section in the window: built when first shown, every tab on the same database, and every
visible text again in the other language after a switch."""

from __future__ import annotations

from PySide6.QtCore import Qt

from coopdesk.i18n import translator
from coopdesk.services import rotation
from coopdesk.ui.language import apply_language
from coopdesk.ui.rotation.page import TABS, RotationPage
from tests.ui.conftest import GUI
from tests.ui.rotation_council import START, sample_council, this_monday

pytestmark = GUI


def texts(page: RotationPage) -> dict[str, str]:
    found = {f"tab{i}": page.tabs.tabText(i) for i in range(page.tabs.count())}
    found |= {"title": page.title.text(), "plan": page.plan_button.text(), "swap": page.roster.swap_button.text(),
              "print": page.roster.print_button.text(), "add_post": page.posts.add_button.text(),
              "add_leave": page.leave.add_button.text(), "mine": page.member_view.title.text(),
              "ics": page.member_view.calendar_button.text(), "publish": page.plans.publish_button.text(),
              "figures": page.plans.panel.headings[2].text()}
    model = page.posts.model
    found |= {f"post{c}": model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    roster = page.roster.model
    found["week0"] = roster.headerData(0, Qt.Orientation.Horizontal)
    found["post_row"] = roster.headerData(0, Qt.Orientation.Vertical)
    return found


def test_the_section_builds_when_shown_and_switches_language(qtbot, db, data_dir, wait_ops):
    sample_council(db, data_dir)
    rotation.plan_rotation(db, start=this_monday(), weeks=1)
    page = RotationPage(db)
    qtbot.addWidget(page)
    assert page.tabs is None  # nothing built until the section is first seen
    page.show()
    assert page.tabs is not None and page.tabs.count() == len(TABS)
    qtbot.waitUntil(page.tabs.isVisible)  # the layout shows widgets added while the page was being shown
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
    wait_ops()
    assert page.posts.model.rowCount() == 11 and page.plans.model.rowCount() == 1

    apply_language("en")
    page.retranslate_ui()
    english = texts(page)
    assert [english[f"tab{i}"] for i in range(len(TABS))] == list(TABS)
    assert (english["title"], english["plan"], english["swap"]) == ("Job rotation", "Plan weeks…", "Swap…")
    assert english["post2"] == "Category" and english["figures"] == "Floor"
    assert "Manual" in english["post_row"] or "Administrative" in english["post_row"] \
        or "Community" in english["post_row"]

    apply_language("es")
    page.retranslate_ui()
    spanish = texts(page)
    es = translator("es").gettext
    assert [spanish[f"tab{i}"] for i in range(len(TABS))] == [es(tab) for tab in TABS]
    assert spanish["title"] == es("Job rotation") and spanish["swap"] == es("Swap…")
    assert spanish["post2"] == es("Category")
    assert spanish["week0"] != english["week0"]  # dates follow the language ("nov." / "Nov")
    for key in ("mine", "ics", "add_leave", "add_post", "publish", "print"):
        assert spanish[key] == es(english[key])  # the English text of a widget is its msgid


def test_the_main_window_shows_the_rotation_section(qtbot, db, data_dir, wait_ops):
    from coopdesk.ui.main_window import ROTATION, MainWindow

    sample_council(db, data_dir)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(ROTATION)
    page = window.pages.currentWidget()
    assert isinstance(page, RotationPage) and page.tabs is not None and page.db is db
    page.show_roster(START, 2)
    assert page.tabs.currentWidget() is page.roster and page.roster.start.monday() == START
