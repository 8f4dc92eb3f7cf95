"""The reports section: one entry per report the GUI can preview, print and save."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.widgets import relative_font


class ReportsPage(QWidget):
    members_report_requested = Signal()
    annual_report_requested = Signal(int)  # the year

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        relative_font(self.title, 1.6, 600)
        self.members_button = QCommandLinkButton()
        self.members_button.clicked.connect(self.members_report_requested)
        self.members_button.setMaximumWidth(640)
        self.annual_button = QCommandLinkButton()
        self.annual_button.setMaximumWidth(640)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.annual_button.clicked.connect(lambda: self.annual_report_requested.emit(self.year.value()))
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_label)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.members_button)
        layout.addWidget(self.annual_button)
        layout.addLayout(year_row)
        layout.addStretch(1)
        self.set_database(None)
        self.retranslate_ui()

    def set_database(self, db: Database | None) -> None:
        self.members_button.setEnabled(db is not None)
        self.annual_button.setEnabled(db is not None)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Reports"))
        self.members_button.setText(_("Register of members"))
        self.members_button.setDescription(
            _("Every member with body, voting rights, date of joining and status — a PDF in Spanish, "
              "English or both side by side, to print or save.")
        )
        self.annual_button.setText(_("Annual report"))
        self.annual_button.setDescription(
            _("The council's account of the year chosen below: assemblies and attendance, agreements and their "
              "follow-up, rotation balance, wages and funds, with charts."))
        self.year_label.setText(_("&Year of the annual report:"))
        self.year.setAccessibleName(_("Year of the annual report"))
        self.members_button.setAccessibleName(_("Register of members"))
        self.annual_button.setAccessibleName(_("Annual report"))
