"""One election's count: votes per candidate with the ballots cast, a live ranking (who the counts so far would
seat), Close — and, when the last seat is tied, the flag and "Start runoff" (never a draw)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.meeting_record import ElectionDetail, MeetingDetail
from coopdesk.domain.meetings import MeetingState, VoteMethod
from coopdesk.domain.votes import elect
from coopdesk.i18n import N_, _, ngettext
from coopdesk.ui.colors import status_style
from coopdesk.ui.meetings.common import (
    confirm,
    error_label,
    error_lines,
    open_report,
    show_message,
)
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import set_read_only

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)
VOTES_DELAY_MS = 500


def outcome_text(election: ElectionDetail) -> tuple[str, str]:
    """What a closed election gave (elected, tie flagged for a runoff, empty seats) and its style."""
    names = ", ".join(person.label for person in election.elected)
    lines = [_("Elected: %(names)s") % {"names": names}] if names else []
    if election.needs_runoff:
        lines.append(ngettext(
            "Tie for the last seat between %(names)s: a runoff must decide it.",
            "Tie for the last %(count)d seats between %(names)s: a runoff must decide them.",
            election.runoff_seats) % {"count": election.runoff_seats,
                                      "names": ", ".join(p.label for p in election.runoff)})
        return "\n".join(lines), status_style("warning", bold=True)
    if election.unfilled:
        lines.append(ngettext("%(count)d seat stays empty.", "%(count)d seats stay empty.", election.unfilled)
                     % {"count": election.unfilled})
    return "\n".join(lines), status_style("good", bold=True)


class ElectionBox(QGroupBox):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.election: ElectionDetail | None = None
        self.select_next: int | None = None
        self.spins: dict[int, QSpinBox] = {}
        self.marks: dict[int, QLabel] = {}
        self.loading = False
        self.dirty = False  # votes typed and not yet stored
        self.rules = QLabel()
        self.rules.setStyleSheet(status_style("muted"))
        self.rules.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.cast, self.blank, self.null = QSpinBox(), QSpinBox(), QSpinBox()
        for spin in (self.cast, self.blank, self.null):
            spin.setRange(0, 100_000)
            spin.valueChanged.connect(self._edited)
        self.cast_label, self.blank_label, self.null_label = QLabel(), QLabel(), QLabel()
        self.cast_label.setBuddy(self.cast)
        self.blank_label.setBuddy(self.blank)
        self.null_label.setBuddy(self.null)
        totals = QHBoxLayout()
        for widget in (self.cast_label, self.cast, self.blank_label, self.blank, self.null_label, self.null):
            totals.addWidget(widget)
        totals.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(VOTES_DELAY_MS)
        self.timer.timeout.connect(self.save_votes)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.error = error_label()
        self.note = QLabel()
        self.note.setStyleSheet(status_style("muted"))
        self.note.setWordWrap(True)
        self.close_button, self.runoff_button, self.print_button = QPushButton(), QPushButton(), QPushButton()
        self.close_button.clicked.connect(self.ask_close)
        self.runoff_button.clicked.connect(self.start_runoff)
        self.print_button.clicked.connect(self.print_ballots)
        actions = QHBoxLayout()
        actions.addWidget(self.note, 1)
        for button in (self.print_button, self.runoff_button, self.close_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rules)
        layout.addWidget(scroll, 1)
        layout.addLayout(totals)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addLayout(actions)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.cast_label.setText(_("Ballots &cast:"))
        self.blank_label.setText(_("B&lank ballots:"))
        self.null_label.setText(_("N&ull ballots:"))
        self.null.setToolTip(_("Spoilt ballots: marked for more candidates than allowed, or unreadable. They "
                               "count among the ballots cast but give no votes."))
        self.close_button.setText(_("&Close election…"))
        self.runoff_button.setText(_("Start &runoff"))
        self.print_button.setText(_("Print &ballots…"))
        if self.election is not None and self.detail is not None:
            self.set_election(self.detail, self.election)

    def can_vote(self) -> bool:
        return (self.election is not None and not self.election.closed and self.detail is not None
                and self.detail.state is MeetingState.OPEN and self.workspace.editable)

    def set_election(self, detail: MeetingDetail, election: ElectionDetail | None) -> None:
        same = election is not None and self.election is not None and election.id == self.election.id
        if not same:
            self.save_votes()
        self.detail, self.election = detail, election
        self.setVisible(election is not None)
        if election is None:
            return
        self.setTitle(election.title)
        self.rules.setText(_("%(seats)s · each voter marks up to %(choices)s · %(method)s") % {
            "seats": ngettext("%(count)d seat", "%(count)d seats", election.seats) % {"count": election.seats},
            "choices": ngettext("%(count)d candidate", "%(count)d candidates", election.max_choices) % {
                "count": election.max_choices}, "method": _(election.method.label)})
        if not (same and self.dirty):
            self.dirty = False
            self._build_grid(election)
        voting = self.can_vote()
        for spin in (*self.spins.values(), self.cast, self.blank, self.null):
            set_read_only(spin, not voting)
        editable = self.workspace.editable
        self.close_button.setVisible(not election.closed and editable)
        self.close_button.setEnabled(voting)
        self.runoff_button.setVisible(election.closed and election.needs_runoff and editable)
        self.runoff_button.setEnabled(detail.state in LIVE and not self._runoff_started(detail, election))
        self.print_button.setVisible(election.method is VoteMethod.SECRET and not election.closed)
        if not election.closed and detail.state is not MeetingState.OPEN:
            self.note.setText(_("Open the session to take this vote."))
        elif election.closed and election.needs_runoff and detail.state not in LIVE:
            self.note.setText(_("The meeting is closed: the runoff can no longer be held in it."))
        else:
            self.note.setText("")
        show_message(self.error, "")
        self._show_outcome()

    @staticmethod
    def _runoff_started(detail: MeetingDetail, election: ElectionDetail) -> bool:
        tied = {person.id for person in election.runoff}
        return any(e.item_id == election.item_id and e.position > election.position
                   and {line.member.id for line in e.candidates} == tied for e in detail.elections)

    def _build_grid(self, election: ElectionDetail) -> None:
        self.loading = True
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.spins, self.marks = {}, {}
        for row, line in enumerate(election.candidates):
            name = QLabel(line.member.label)
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            spin.setValue(line.votes)
            spin.setMinimumWidth(80)
            spin.valueChanged.connect(self._edited)
            mark = QLabel()
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(spin, row, 1)
            self.grid.addWidget(mark, row, 2)
            self.spins[line.member.id], self.marks[line.member.id] = spin, mark
        self.grid.setRowStretch(len(election.candidates), 1)
        self.cast.setValue(election.ballots_cast)
        self.blank.setValue(election.blank_ballots)
        self.null.setValue(election.null_ballots or 0)
        self.loading = False

    def _show_outcome(self) -> None:
        election = self.election
        assert election is not None
        if election.closed:
            flags = {line.member.id: line for line in election.candidates}
            for member_id, mark in self.marks.items():
                line = flags.get(member_id)
                mark.setText(_("Elected") if line and line.elected else _("Runoff") if line and line.runoff else "")
                mark.setStyleSheet(status_style("good" if line and line.elected else "warning", bold=True))
            text, style = outcome_text(election)
            self.outcome.setText(text)
            self.outcome.setStyleSheet(style)
            return
        # Before the close: who the counts so far would seat (the close decides; a tie is never drawn).
        codes = {line.member.id: line.member.code for line in election.candidates}
        try:
            outcome = elect(election.seats, {codes[m]: spin.value() for m, spin in self.spins.items()})
        except CoopdeskError:
            return
        for member_id, mark in self.marks.items():
            code = codes[member_id]
            mark.setText(_("would be elected") if code in outcome.elected else _("tied") if code in outcome.runoff
                         else "")
            mark.setStyleSheet(status_style("muted") if code in outcome.elected else status_style("warning", bold=True))
        self.outcome.setText(_("Tie for the last seat so far: closing now flags it for a runoff.")
                             if outcome.needs_runoff else "")
        self.outcome.setStyleSheet(status_style("warning", bold=True))

    # -- counting and closing

    def _edited(self) -> None:
        if not self.loading and self.can_vote():
            self.dirty = True
            self.timer.start()
            self._show_outcome()

    def votes(self) -> dict[int, int]:
        return {member_id: spin.value() for member_id, spin in self.spins.items()}

    def save_votes(self) -> None:
        self.timer.stop()
        if not self.dirty:
            return
        self.dirty = False
        db, election = self.workspace.db, self.election
        if db is None or election is None:
            return
        from coopdesk.services.meetings import record_election_votes

        votes, cast, blank, null = self.votes(), self.cast.value(), self.blank.value(), self.null.value()
        run_op(self, lambda: record_election_votes(db, election_id=election.id, votes=votes, ballots_cast=cast,
                                                   blank_ballots=blank, null_ballots=null),
               on_success=lambda _detail: show_message(self.error, ""), on_failure=self._votes_refused)

    def _votes_refused(self, error: BaseException) -> bool:
        self.dirty = True  # what is on screen is not stored: closing must try (and refuse) again
        return self._refused(error)

    def _refused(self, error: BaseException) -> bool:
        show_message(self.error, error_lines(error))
        return True

    def ask_close(self) -> None:
        if self.election is None or not self.can_vote():
            return
        confirm(self, _("Close the election “%(title)s”?") % {"title": self.election.title},
                _("Seats go to the most votes; a tie for the last seat is flagged for a runoff. The result is final."),
                self.close_election, yes_text=_("Close election"))

    def close_election(self) -> None:
        db, election = self.workspace.db, self.election
        if db is None or election is None or not self.can_vote():
            return
        from coopdesk.services.meetings import close_election, record_election_votes

        pending = self.dirty
        self.timer.stop()
        self.dirty = False
        votes, cast, blank, null = self.votes(), self.cast.value(), self.blank.value(), self.null.value()

        def work() -> ElectionDetail:
            if pending:
                record_election_votes(db, election_id=election.id, votes=votes, ballots_cast=cast,
                                      blank_ballots=blank, null_ballots=null)
            return close_election(db, election_id=election.id)

        def refused(error: BaseException) -> bool:
            self.dirty = self.dirty or pending
            return self._refused(error)

        run_op(self, work, on_success=lambda _closed: self.workspace.changed(), on_failure=refused)

    def start_runoff(self) -> None:
        db, election = self.workspace.db, self.election
        if db is None or election is None:
            return
        from coopdesk.services.meetings import start_runoff

        run_op(self, lambda: start_runoff(db, election_id=election.id), on_success=self._runoff,
               on_failure=self._refused)

    def _runoff(self, runoff: ElectionDetail) -> None:
        self.select_next = runoff.id  # the panel shows the runoff once the meeting is read again
        self.workspace.changed()

    def print_ballots(self) -> None:
        db, election = self.workspace.db, self.election
        if db is None or election is None:
            return
        from coopdesk.services.meetings import ballots_report

        open_report(db, self, title=N_("Ballot papers"), file_stem=_("ballots-election-%(id)s") % {"id": election.id},
                    render=lambda lang: ballots_report(db, election_id=election.id, lang=lang))
