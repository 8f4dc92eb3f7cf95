"""The elections of an agenda item: the list, and for the chosen one the votes per candidate with the ballots
cast, a live ranking, Close — and, when the last seat is tied, the flag and "Start runoff" (never a draw)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.meeting_record import ElectionDetail, ItemDetail, MeetingDetail, Person
from coopdesk.domain.meetings import MeetingState, VoteMethod
from coopdesk.domain.votes import elect
from coopdesk.i18n import N_, _, ngettext
from coopdesk.ui.meetings.common import (
    BAD_STYLE,
    MUTED_STYLE,
    OK_STYLE,
    WARN_STYLE,
    Col,
    RowsModel,
    confirm,
    error_label,
    error_lines,
    fit_columns,
    make_table,
    open_report,
    select_row,
    selected_row,
    show_message,
)
from coopdesk.ui.meetings.election_dialog import ElectionDialog
from coopdesk.ui.ops import run_op

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)
VOTES_DELAY_MS = 500


def election_state(election: ElectionDetail) -> str:
    if not election.closed:
        return _("Voting")
    if election.needs_runoff:
        return _("Tie: runoff needed")
    return _("Closed")


ELECTION_COLUMNS = (
    Col(N_("Election"), lambda e: e.title, tip=lambda e: e.title),
    Col(N_("Seats"), lambda e: str(e.seats), right=True),
    Col(N_("Voting"), lambda e: _(e.method.label)),
    Col(N_("State"), election_state),
)


def _style(election: ElectionDetail) -> str | None:
    return "warn" if election.needs_runoff else ("ok" if election.closed else None)


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
        return "\n".join(lines), WARN_STYLE
    if election.unfilled:
        lines.append(ngettext("%(count)d seat stays empty.", "%(count)d seats stay empty.", election.unfilled)
                     % {"count": election.unfilled})
    return "\n".join(lines), OK_STYLE


class ElectionBox(QGroupBox):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.election: ElectionDetail | None = None
        self.spins: dict[int, QSpinBox] = {}
        self.marks: dict[int, QLabel] = {}
        self.loading = False
        self.rules = QLabel()
        self.rules.setStyleSheet(MUTED_STYLE)
        self.rules.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.cast, self.blank = QSpinBox(), QSpinBox()
        for spin in (self.cast, self.blank):
            spin.setRange(0, 100_000)
            spin.valueChanged.connect(self._edited)
        self.cast_label, self.blank_label = QLabel(), QLabel()
        self.cast_label.setBuddy(self.cast)
        self.blank_label.setBuddy(self.blank)
        totals = QHBoxLayout()
        for widget in (self.cast_label, self.cast, self.blank_label, self.blank):
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
        self.note.setStyleSheet(MUTED_STYLE)
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
        self.close_button.setText(_("&Close election…"))
        self.runoff_button.setText(_("Start &runoff"))
        self.print_button.setText(_("Print &ballots…"))
        if self.election is not None and self.detail is not None:
            self.set_election(self.detail, self.election)

    def can_vote(self) -> bool:
        return (self.election is not None and not self.election.closed and self.detail is not None
                and self.detail.state is MeetingState.OPEN)

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
        if not (same and self.timer.isActive()):
            self._build_grid(election)
        voting = self.can_vote()
        for spin in (*self.spins.values(), self.cast, self.blank):
            spin.setReadOnly(not voting)
        self.close_button.setVisible(not election.closed)
        self.close_button.setEnabled(voting)
        self.runoff_button.setVisible(election.closed and election.needs_runoff)
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
        title = _("%(title)s (runoff)") % {"title": election.title}
        return any(e.title == title and e.position > election.position for e in detail.elections)

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
        self.loading = False

    def _show_outcome(self) -> None:
        election = self.election
        assert election is not None
        if election.closed:
            flags = {line.member.id: line for line in election.candidates}
            for member_id, mark in self.marks.items():
                line = flags.get(member_id)
                mark.setText(_("Elected") if line and line.elected else _("Runoff") if line and line.runoff else "")
                mark.setStyleSheet(OK_STYLE if line and line.elected else WARN_STYLE)
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
            mark.setStyleSheet(MUTED_STYLE if code in outcome.elected else WARN_STYLE)
        self.outcome.setText(_("Tie for the last seat so far: closing now flags it for a runoff.")
                             if outcome.needs_runoff else "")
        self.outcome.setStyleSheet(WARN_STYLE)

    # -- counting and closing

    def _edited(self) -> None:
        if not self.loading and self.can_vote():
            self.timer.start()
            self._show_outcome()

    def votes(self) -> dict[int, int]:
        return {member_id: spin.value() for member_id, spin in self.spins.items()}

    def save_votes(self) -> None:
        if not self.timer.isActive():
            return
        self.timer.stop()
        db, election = self.workspace.db, self.election
        if db is None or election is None:
            return
        from coopdesk.services.meetings import record_election_votes

        votes, cast, blank = self.votes(), self.cast.value(), self.blank.value()
        run_op(self, lambda: record_election_votes(db, election_id=election.id, votes=votes, ballots_cast=cast,
                                                   blank_ballots=blank),
               on_success=lambda _detail: show_message(self.error, ""), on_failure=self._refused)

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

        pending = self.timer.isActive()
        self.timer.stop()
        votes, cast, blank = self.votes(), self.cast.value(), self.blank.value()

        def work() -> ElectionDetail:
            if pending:
                record_election_votes(db, election_id=election.id, votes=votes, ballots_cast=cast,
                                      blank_ballots=blank)
            return close_election(db, election_id=election.id)

        run_op(self, work, on_success=lambda _closed: self.workspace.changed(), on_failure=self._refused)

    def start_runoff(self) -> None:
        db, election = self.workspace.db, self.election
        if db is None or election is None:
            return
        from coopdesk.services.meetings import start_runoff

        run_op(self, lambda: start_runoff(db, election_id=election.id), on_success=self._runoff,
               on_failure=self._refused)

    def _runoff(self, runoff: ElectionDetail) -> None:
        panel = self.parent()
        while panel is not None and not isinstance(panel, ElectionsPanel):
            panel = panel.parent()
        if panel is not None:
            panel.keep_id = runoff.id
        self.workspace.changed()

    def print_ballots(self) -> None:
        db, election = self.workspace.db, self.election
        if db is None or election is None:
            return
        from coopdesk.services.meetings import ballots_report

        open_report(db, self, title=N_("Ballot papers"), file_stem=_("ballots-election-%(id)s") % {"id": election.id},
                    render=lambda lang: ballots_report(db, election_id=election.id, lang=lang))


class ElectionsPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.item: ItemDetail | None = None
        self.people: list[Person] = []
        self.keep_id: int | None = None
        self.model = RowsModel(ELECTION_COLUMNS, self, style=_style)
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("add", self.add), ("edit", self.edit), ("remove", self.remove)):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)
        self.box = ElectionBox(workspace)
        self.box.hide()
        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        for key in ("add", "edit", "remove"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for key, text in (("add", _("Add &election…")), ("edit", _("Edit…")), ("remove", _("Remove"))):
            self.buttons[key].setText(text)
        self.model.retranslate()
        self.box.retranslate_ui()

    def set_people(self, people: Sequence[Person]) -> None:
        self.people = list(people)

    def set_item(self, detail: MeetingDetail, item: ItemDetail) -> None:
        selected = self.selected()
        keep = self.keep_id or (selected.id if selected and self.item and self.item.id == item.id else None)
        self.keep_id = None
        self.detail, self.item = detail, item
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(item.elections)
        fit_columns(self.table, 360)
        row = self.model.row_of(lambda e: e.id == keep) if keep is not None else None
        select_row(self.table, row if row is not None else (0 if item.elections else None))
        self.table.selectionModel().blockSignals(False)
        self._selection_changed()

    def selected(self) -> ElectionDetail | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _selection_changed(self) -> None:
        election = self.selected()
        if self.detail is not None:
            self.box.set_election(self.detail, election)
        live = self.detail is not None and self.detail.state in LIVE
        self.buttons["add"].setEnabled(live)
        self.buttons["edit"].setEnabled(live and election is not None and not election.closed)
        self.buttons["remove"].setEnabled(live and election is not None and not election.closed)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and self.buttons["edit"].isEnabled():
            self.edit()

    def add(self) -> None:
        if self.item is not None and self.workspace.db is not None:
            ElectionDialog.ask(self, self.workspace.db, self.item.id, None, self.people, on_saved=self._saved)

    def edit(self) -> None:
        election = self.selected()
        if election is not None and self.item is not None and self.workspace.db is not None:
            ElectionDialog.ask(self, self.workspace.db, self.item.id, election, self.people, on_saved=self._saved)

    def _saved(self, election: ElectionDetail) -> None:
        self.keep_id = election.id
        self.workspace.changed()

    def remove(self) -> None:
        election, db = self.selected(), self.workspace.db
        if election is None or db is None:
            return
        from coopdesk.services.meetings import remove_election

        confirm(self, _("Remove the election “%(title)s”?") % {"title": election.title}, "",
                lambda: run_op(self, lambda: remove_election(db, election_id=election.id),
                               on_success=lambda _none: self.workspace.changed()),
                yes_text=_("Remove"))
