"""The reports section: every report coopdesk makes, each with where it is made. The register opens here; the
others need a meeting, a pay period, a member or a year, chosen in their own section, which a click opens."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QScrollArea, QVBoxLayout, QWidget

from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database

MEETINGS, ROTATION, LEDGER = 1, 2, 3  # the window's sections


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
)


class ReportsPage(QWidget):
    members_report_requested = Signal()
    where_made_requested = Signal(int, int)  # section, tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.buttons: dict[str, QCommandLinkButton] = {}
        content = QWidget()
        entries = QVBoxLayout(content)
        entries.setContentsMargins(0, 0, 0, 0)
        for entry in REPORTS:
            button = self.buttons[entry.key] = QCommandLinkButton()
            button.setMaximumWidth(720)
            button.clicked.connect(lambda _checked=False, entry=entry: self._chosen(entry))
            entries.addWidget(button)
        entries.addStretch(1)
        scroll = QScrollArea()  # eight entries need more than a 768 px screen's height at large font sizes
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self.members_button = self.buttons["register"]
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

    def _chosen(self, entry: ReportEntry) -> None:
        if entry.section is None:
            self.members_report_requested.emit()
        else:
            self.where_made_requested.emit(entry.section, entry.tab)
