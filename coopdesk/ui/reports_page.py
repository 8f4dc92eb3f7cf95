"""The reports section: every report coopdesk makes, each with where it is made. The register and the annual
report open here; the others need a meeting, a pay period, a member or a commitment, chosen in their own
section, which a click opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QHBoxLayout, QLabel, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.ui.editable import Editable
from coopdesk.ui.widgets import relative_font

MEETINGS, ROTATION, LEDGER, NEEDS = 2, 3, 4, 5  # the window's sections (main_window's rows; a test holds them)


@dataclass(frozen=True)
class ReportEntry:
    key: str
    title: str
    description: str
    section: int | None = None  # None: made here
    tab: int = 0


REPORTS = (
    ReportEntry("register", N_("Register of members"),
                N_("Every member with body, voting rights, date of joining and status — a PDF in Spanish, "
                   "English or both side by side, to print or save.")),
    ReportEntry("annual", N_("Annual report"),
                N_("The council's account of the year chosen below: assemblies and attendance, agreements and their "
                   "follow-up, rotation balance, wages and funds, with charts.")),
    ReportEntry("acta", N_("Minutes of a meeting (acta)"),
                N_("In Meetings: open the meeting, then “Print minutes…”. A draft until approved, then with its "
                   "verification code."), MEETINGS),
    ReportEntry("convocation", N_("Convocation"),
                N_("In Meetings: open the meeting, then “Print convocation…”: date, time, place and agenda."),
                MEETINGS),
    ReportEntry("ballots", N_("Ballot papers"),
                N_("In Meetings: during a secret vote or election, one paper per present voter."), MEETINGS),
    ReportEntry("roster", N_("Rotation roster"),
                N_("In Rotation, Roster: “Print roster…” for the weeks shown, by post or one page per member."),
                ROTATION, 0),
    ReportEntry("payroll", N_("Payroll of a pay period"),
                N_("In Ledger, Pay periods: choose a period, then “Payroll PDF…”."), LEDGER, 0),
    ReportEntry("statement", N_("Member statement"),
                N_("In Ledger, Member statement: choose a member and a year, then “Print or save…”."), LEDGER, 2),
    ReportEntry("funds", N_("Social funds"),
                N_("In Ledger, Social funds: a year's contributions and balances, “Print or save…”."), LEDGER, 3),
    ReportEntry("needs", N_("Needs, commitments and incidents"),
                N_("In Needs: “Report of the year…”, with charts, for the assembly."), NEEDS, 0),
    ReportEntry("letter", N_("Letter to the party that owes a commitment"),
                N_("In Needs, Commitments: choose the commitment, then “Letter…”, citing the council's agreement."),
                NEEDS, 1),
)


class ReportsPage(Editable, QWidget):
    """Nothing here changes data: the same in a read-only window."""

    members_report_requested = Signal()
    annual_report_requested = Signal(int)  # the year
    where_made_requested = Signal(int, int)  # section, tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        relative_font(self.title, 1.6, 600)
        self.buttons: dict[str, QCommandLinkButton] = {}
        content = QWidget()
        entries = QVBoxLayout(content)
        entries.setContentsMargins(0, 0, 0, 0)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        for entry in REPORTS:
            button = self.buttons[entry.key] = QCommandLinkButton()
            button.setMaximumWidth(1000)  # descriptions on one line at 1366 px: a wrapped one loses its last line
            button.clicked.connect(lambda _checked=False, entry=entry: self._chosen(entry))
            entries.addWidget(button)
            if entry.key == "annual":
                year_row = QHBoxLayout()
                year_row.setContentsMargins(12, 0, 0, 8)
                year_row.addWidget(self.year_label)
                year_row.addWidget(self.year)
                year_row.addStretch(1)
                entries.addLayout(year_row)
        entries.addStretch(1)
        scroll = QScrollArea()  # eleven entries need more than a 768 px screen's height at large font sizes
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self.members_button = self.buttons["register"]
        self.annual_button = self.buttons["annual"]
        self.set_database(None)
        self.retranslate_ui()

    def set_database(self, db: Database | None) -> None:
        for button in self.buttons.values():
            button.setEnabled(db is not None)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Reports"))
        for entry in REPORTS:
            self.buttons[entry.key].setText(_(entry.title))
            self.buttons[entry.key].setDescription(_(entry.description))
            self.buttons[entry.key].setAccessibleName(_(entry.title))
        self.year_label.setText(_("&Year of the annual report:"))
        self.year.setAccessibleName(_("Year of the annual report"))

    def _chosen(self, entry: ReportEntry) -> None:
        if entry.key == "register":
            self.members_report_requested.emit()
        elif entry.key == "annual":
            self.annual_report_requested.emit(self.year.value())
        elif entry.section is not None:
            self.where_made_requested.emit(entry.section, entry.tab)
