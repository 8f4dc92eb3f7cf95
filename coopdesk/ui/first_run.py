"""The first start: no database chosen yet — create one, try the demo council, or open a file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.settings import UnitKind
from coopdesk.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language
from coopdesk.services.preferences import update_preferences
from coopdesk.ui.files import ask_existing_database, ask_new_database
from coopdesk.ui.language import apply_language
from coopdesk.ui.main_window import demo_path
from coopdesk.ui.unit_kind_choice import UnitKindChoice
from coopdesk.ui.widgets import app_icon, relative_font


class Start(StrEnum):
    NEW = "new"
    DEMO = "demo"
    OPEN = "open"


@dataclass(frozen=True)
class FirstRunChoice:
    kind: Start
    path: str
    unit_kind: UnitKind = UnitKind.SPU  # what a new database's unit is


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: FirstRunChoice | None = None
        self.setWindowIcon(app_icon())
        self.icon = QLabel()
        self.icon.setPixmap(app_icon().pixmap(64, 64))
        self.heading = QLabel()
        relative_font(self.heading, 1.6, 600)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.unit_kind = UnitKindChoice()
        self.new_button = QCommandLinkButton()
        self.demo_button = QCommandLinkButton()
        self.open_button = QCommandLinkButton()
        self.new_button.clicked.connect(self.choose_new)
        self.demo_button.clicked.connect(self.choose_demo)
        self.open_button.clicked.connect(self.choose_existing)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.addWidget(self.heading)
        heading.addWidget(self.intro)
        top.addLayout(heading, 1)
        top.addWidget(self.language, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.unit_kind)
        for button in (self.new_button, self.demo_button, self.open_button):
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Welcome to coopdesk"))
        self.heading.setText(_("Welcome to coopdesk"))
        self.intro.setText(_("coopdesk keeps your council's members, meetings, job rotation and equal-wage "
                             "ledger in one database file. Where shall we start?"))
        self.new_button.setText(_("Create a new council database"))
        self.new_button.setDescription(_("An empty database for your council, of the kind chosen above, saved where "
                                         "you choose."))
        self.unit_kind.retranslate_ui()
        self.demo_button.setText(_("Open the demo council"))
        self.demo_button.setDescription(_("A made-up council with 60 members and two years of history, to "
                                          "try coopdesk without touching real data."))
        self.open_button.setText(_("Open an existing database…"))
        self.open_button.setDescription(_("A coopdesk file you already have, for example a copy from another "
                                          "computer."))

    def _language_chosen(self) -> None:
        lang = apply_language(self.language.currentData())
        update_preferences(language=lang)
        self.retranslate_ui()

    def _chosen(self, kind: Start, path: str | None) -> None:
        if path:
            self.choice = FirstRunChoice(kind, path, self.unit_kind.kind())
            self.accept()

    def choose_new(self) -> None:
        self._chosen(Start.NEW, ask_new_database(self))

    def choose_demo(self) -> None:
        self._chosen(Start.DEMO, str(demo_path()))

    def choose_existing(self) -> None:
        self._chosen(Start.OPEN, ask_existing_database(self))
