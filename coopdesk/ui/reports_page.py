"""The reports section: one entry per report the GUI can preview, print and save."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.widgets import relative_font


class ReportsPage(QWidget):
    members_report_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        relative_font(self.title, 1.6, 600)
        self.members_button = QCommandLinkButton()
        self.members_button.clicked.connect(self.members_report_requested)
        self.members_button.setMaximumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.members_button)
        layout.addStretch(1)
        self.set_database(None)
        self.retranslate_ui()

    def set_database(self, db: Database | None) -> None:
        self.members_button.setEnabled(db is not None)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Reports"))
        self.members_button.setText(_("Register of members"))
        self.members_button.setDescription(
            _("Every member with body, voting rights, date of joining and status — a PDF in Spanish, "
              "English or both side by side, to print or save.")
        )
