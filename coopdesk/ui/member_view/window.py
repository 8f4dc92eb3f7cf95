"""The member's window: who is signed in, and five tabs — "My rotation", "Minutes", "My statement", "My needs"
and "My learning".

The only things a member writes here are a need of their own ("My needs") and their own answers to the learning
survey ("My learning"); nothing else can be added, edited or deleted. The language may be switched (a preference
of this computer, not a record of the council)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.users import User
from coopdesk.ui.colors import status_style
from coopdesk.ui.member_view.minutes_tab import MinutesTab
from coopdesk.ui.member_view.needs_tab import MyNeedsTab
from coopdesk.ui.member_view.rotation_tab import rotation_widget
from coopdesk.ui.member_view.statement_tab import StatementTab
from coopdesk.ui.member_view.survey_tab import SurveyTab
from coopdesk.ui.widgets import relative_font


class MemberWindow(QMainWindow):
    signed_out = Signal()  # the app asks who is there again

    def __init__(self, db: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if user.member_code is None:
            raise ValueError("a member's window needs the member")  # authenticate() refuses such a user first
        self.db, self.user = db, user
        self.signing_out = False
        self.name = QLabel(user.member_name or user.member_code)
        relative_font(self.name, 1.8, 700)
        self.signed_in = QLabel()
        self.signed_in.setStyleSheet(status_style("muted"))
        self.tabs = QTabWidget()
        self.rotation_tab = rotation_widget(db, user.member_code)
        self.minutes_tab = MinutesTab(db)
        self.statement_tab = StatementTab(db, user.member_code)
        self.survey_tab = SurveyTab(db, user.member_code)
        self.tabs.addTab(self.rotation_tab, "")
        self.tabs.addTab(self.minutes_tab, "")
        self.tabs.addTab(self.statement_tab, "")
        self.needs_tab = MyNeedsTab(db, user)
        self.tabs.addTab(self.needs_tab, "")
        self.tabs.addTab(self.survey_tab, "")

        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addWidget(self.signed_in)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.file_menu = self.menuBar().addMenu("")
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.file_menu.addAction(self.sign_out_action)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_actions = []
        for code, label in (("es", "Español"), ("en", "English")):
            action = QAction(label, self)
            action.triggered.connect(lambda _checked=False, lang=code: self.switch_language(lang))
            self.language_menu.addAction(action)
            self.language_actions.append(action)
        self.resize(1000, 680)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("%(name)s — coopdesk") % {"name": self.name.text()})
        self.signed_in.setText(_("Signed in as %(user)s") % {"user": self.user.username})
        self.tabs.setTabText(0, _("My rotation"))
        self.tabs.setTabText(1, _("Approved minutes"))
        self.tabs.setTabText(2, _("My statement"))
        self.tabs.setTabText(3, _("My needs"))
        self.tabs.setTabText(4, _("My learning"))
        self.file_menu.setTitle(_("&File"))
        self.sign_out_action.setText(_("&Sign out"))
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("&Language"))
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if hasattr(page, "retranslate_ui"):
                page.retranslate_ui()

    def sign_out(self) -> None:
        """Close, and let the next person sign in on the same database (the app shows the dialog again)."""
        self.signing_out = True
        self.close()
        self.signed_out.emit()

    def switch_language(self, lang: str) -> None:
        from coopdesk.ui.language import apply_language

        apply_language(lang)
        self.retranslate_ui()
