"""One motion's vote: the rule in words; the count (yes / no / abstain boxes for an open or secret vote — one row
per body for a concurrent vote of the joint body —, or one line per present voter for a roll call — click, or
Y/N/A on the row); the live tally ("faltan N votos a favor", per body for a concurrent vote); Close vote; and
numbered paper ballots for a secret vote."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import MeetingDetail, MotionDetail, MotionTally, RollView
from coopdesk.domain.meetings import (
    Choice,
    MeetingState,
    VoteMethod,
    rule_in_words,
)
from coopdesk.domain.members import BODY_PLURAL_LABELS, Body
from coopdesk.domain.organs import Organ, concurrent_rule_in_words
from coopdesk.domain.votes import Counts
from coopdesk.i18n import N_, _
from coopdesk.ui.colors import status_style
from coopdesk.ui.meetings.common import (
    RowsModel,
    confirm,
    error_label,
    error_lines,
    make_table,
    open_report,
    select_row,
    selected_row,
    show_message,
    stretch_column,
)
from coopdesk.ui.meetings.tally import (
    BALLOT_COLUMNS,
    BallotLine,
    ballot_style,
    bodies_text,
    tally_lines,
    tally_style,
    voters_of,
)
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import set_read_only

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

COUNT_DELAY_MS = 400  # counts are stored a moment after the last change, and before the vote closes
CHOICE_KEYS = {Qt.Key.Key_Y: Choice.YES, Qt.Key.Key_S: Choice.YES, Qt.Key.Key_N: Choice.NO,
               Qt.Key.Key_A: Choice.ABSTAIN, Qt.Key.Key_Delete: None, Qt.Key.Key_Backspace: None}


class VoteBox(QGroupBox):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.motion: MotionDetail | None = None
        self.tally: MotionTally | None = None
        self.loading = False
        self.counts_dirty = False  # counts typed and not yet stored
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rule = QLabel()
        self.rule.setWordWrap(True)

        self.spins: dict[str, QSpinBox] = {}
        self.spin_labels: dict[str, QLabel] = {}
        counts = QWidget()
        row = QHBoxLayout(counts)
        row.setContentsMargins(0, 0, 0, 0)
        for key in ("yes", "no", "abstain"):
            self.spins[key] = QSpinBox()
            self.spins[key].setRange(0, 100_000)
            self.spins[key].setMinimumWidth(80)
            self.spins[key].valueChanged.connect(self._counts_edited)
            self.spin_labels[key] = QLabel()
            self.spin_labels[key].setBuddy(self.spins[key])
            row.addWidget(self.spin_labels[key])
            row.addWidget(self.spins[key])
            row.addSpacing(12)
        row.addStretch(1)
        self.count_timer = QTimer(self)
        self.count_timer.setSingleShot(True)
        self.count_timer.setInterval(COUNT_DELAY_MS)
        self.count_timer.timeout.connect(self.save_counts)

        ballots = QWidget()
        column = QVBoxLayout(ballots)
        column.setContentsMargins(0, 0, 0, 0)
        self.ballots_model = RowsModel(BALLOT_COLUMNS, self, style=ballot_style)
        self.ballots = make_table(self.ballots_model)
        stretch_column(self.ballots, 1)
        self.ballots.installEventFilter(self)
        self.ballots.setMinimumHeight(96)
        self.choice_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for key, choice in (("yes", Choice.YES), ("no", Choice.NO), ("abstain", Choice.ABSTAIN), ("clear", None)):
            self.choice_buttons[key] = QPushButton()
            self.choice_buttons[key].clicked.connect(lambda _c=False, choice=choice: self.cast_selected(choice))
            buttons.addWidget(self.choice_buttons[key])
        self.keys_hint = QLabel()
        self.keys_hint.setStyleSheet(status_style("muted"))
        self.keys_hint.setWordWrap(True)
        buttons.addWidget(self.keys_hint, 1)
        column.addWidget(self.ballots, 1)
        column.addLayout(buttons)

        # A concurrent open or secret vote: yes / no / abstain for each body of the joint body.
        by_body = QWidget()
        grid = QGridLayout(by_body)
        grid.setContentsMargins(0, 0, 0, 0)
        self.body_spins: dict[tuple[Body, str], QSpinBox] = {}
        self.body_labels: dict[Body, QLabel] = {}
        self.body_headers: dict[str, QLabel] = {key: QLabel() for key in ("yes", "no", "abstain")}
        for column, key in enumerate(("yes", "no", "abstain"), start=1):
            grid.addWidget(self.body_headers[key], 0, column)
        for row, body in enumerate(Organ.JOINT.bodies, start=1):
            self.body_labels[body] = QLabel()
            grid.addWidget(self.body_labels[body], row, 0)
            for column, key in enumerate(("yes", "no", "abstain"), start=1):
                spin = QSpinBox()
                spin.setRange(0, 100_000)
                spin.setMinimumWidth(80)
                spin.valueChanged.connect(self._counts_edited)
                self.body_spins[body, key] = spin
                grid.addWidget(spin, row, column)
        grid.setColumnStretch(4, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(counts)
        self.pages.addWidget(ballots)
        self.pages.addWidget(by_body)
        self.counts_line, self.base_line, self.bodies_line, self.verdict = QLabel(), QLabel(), QLabel(), QLabel()
        for label in (self.counts_line, self.base_line, self.bodies_line, self.verdict):
            label.setWordWrap(True)
        self.error = error_label()
        self.note = QLabel()
        self.note.setStyleSheet(status_style("muted"))
        self.note.setWordWrap(True)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.ask_close)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_ballots)
        verdict = QVBoxLayout()  # the verdict beside the buttons that act on it: one line less
        verdict.setSpacing(2)
        verdict.addWidget(self.verdict)
        verdict.addWidget(self.note)
        actions = QHBoxLayout()
        actions.addLayout(verdict, 1)
        actions.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignBottom)
        actions.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.box_layout = QVBoxLayout(self)
        for widget in (self.text, self.rule, self.pages, self.counts_line, self.base_line, self.bodies_line,
                       self.error):
            self.box_layout.addWidget(widget)
        self.box_layout.addLayout(actions)
        self.box_layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for key, text in (("yes", _("&Yes:")), ("no", _("&No:")), ("abstain", _("A&bstain:"))):
            self.spin_labels[key].setText(text)
        for key, text in (("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain"))):
            self.body_headers[key].setText(text)
        for body, label in self.body_labels.items():
            label.setText(_(BODY_PLURAL_LABELS[body]) + ":")
            for key in ("yes", "no", "abstain"):
                self.body_spins[body, key].setAccessibleName(f"{_(BODY_PLURAL_LABELS[body])} — "
                                                             f"{self.body_headers[key].text()}")
        for key, text in (("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain")), ("clear", _("Clear"))):
            self.choice_buttons[key].setText(text)
        self.keys_hint.setText(_("Keys on a row: Y or S yes, N no, A abstain, Delete clears"))
        self.close_button.setText(_("&Close vote…"))
        self.print_button.setText(_("Print &ballots…"))
        self.print_button.setToolTip(_("Numbered ballot papers, one per present voter"))
        self.ballots_model.retranslate()
        if self.motion is not None and self.detail is not None:
            self._show_static()
            if self.tally is not None:
                self._show_tally(self.tally)

    # -- showing a motion

    def set_motion(self, detail: MeetingDetail, motion: MotionDetail | None) -> None:
        same = motion is not None and self.motion is not None and motion.id == self.motion.id
        if not same:
            self.save_counts()
        self.detail, self.motion = detail, motion
        self.setVisible(motion is not None)
        if motion is None:
            return
        if not same:
            self.tally = None
            self.ballots_model.set_rows([])
        self._show_static()
        if not (same and self.counts_dirty):  # never overwrite counts being typed
            self.counts_dirty = False
            self._set_spins(motion.yes, motion.no, motion.abstain)
            self._set_body_spins({vote.body: Counts(vote.yes, vote.no, vote.abstain) for vote in motion.by_body})
        show_message(self.error, "")
        self.reload()

    def _show_static(self) -> None:
        motion, detail = self.motion, self.detail
        assert motion is not None and detail is not None
        self.setTitle(_("Motion %(number)s — %(method)s") % {"number": motion.number, "method": _(motion.method.label)})
        self.text.setText(motion.text)
        rule = (concurrent_rule_in_words(motion.majority, motion.base) if motion.concurrent
                else rule_in_words(motion.majority, motion.base))
        self.rule.setText(_("Rule: %(rule)s") % {"rule": rule})
        voting = self.can_vote()
        roll_call = motion.method is VoteMethod.ROLL_CALL
        self.pages.setCurrentIndex(1 if roll_call else 2 if motion.concurrent else 0)
        self.bodies_line.setVisible(motion.concurrent)
        for index in range(self.pages.count()):  # the boxes take a line; the roll-call table the room left
            self.pages.widget(index).setSizePolicy(
                QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred if index == self.pages.currentIndex()
                else QSizePolicy.Policy.Ignored)
        self.box_layout.setStretchFactor(self.pages, 1 if roll_call else 0)
        self.box_layout.setStretch(self.box_layout.count() - 1, 0 if roll_call else 1)
        for spin in [*self.spins.values(), *self.body_spins.values()]:
            set_read_only(spin, not voting)
        for button in self.choice_buttons.values():
            button.setEnabled(voting)
            button.setVisible(self.workspace.editable)
        self.keys_hint.setVisible(self.workspace.editable)
        self.close_button.setVisible(not motion.closed and self.workspace.editable)
        self.close_button.setEnabled(voting)
        self.print_button.setVisible(motion.method is VoteMethod.SECRET and not detail.locked)
        if motion.closed:
            self.note.setText(_("The vote is closed; the result is final."))
        elif detail.state is not MeetingState.OPEN:
            self.note.setText(_("Open the session to take this vote."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))

    def can_vote(self) -> bool:
        return (self.motion is not None and not self.motion.closed and self.detail is not None
                and self.detail.state is MeetingState.OPEN and self.workspace.editable)

    def _set_spins(self, yes: int, no: int, abstain: int) -> None:
        self.loading = True
        for key, value in (("yes", yes), ("no", no), ("abstain", abstain)):
            self.spins[key].setValue(value)
        self.loading = False

    def _set_body_spins(self, counts: dict[Body, Counts]) -> None:
        self.loading = True
        for body in Organ.JOINT.bodies:
            given = counts.get(body, Counts())
            for key in ("yes", "no", "abstain"):
                self.body_spins[body, key].setValue(getattr(given, key))
        self.loading = False

    def body_counts(self) -> dict[Body, Counts]:
        return {body: Counts(*(self.body_spins[body, key].value() for key in ("yes", "no", "abstain")))
                for body in Organ.JOINT.bodies}

    def reload(self) -> None:
        """Read the live tally (and, for a roll call, who may vote) again."""
        db, motion = self.workspace.db, self.motion
        if db is None or motion is None:
            return
        from coopdesk.services.meetings import meeting_roll, motion_tally

        meeting_id, roll_call = motion.meeting_id, motion.method is VoteMethod.ROLL_CALL and not motion.closed

        def work() -> tuple[MotionTally, RollView | None]:
            return motion_tally(db, motion_id=motion.id), meeting_roll(db, meeting_id=meeting_id) if roll_call else None

        run_op(self, work, on_success=lambda result: self._loaded(motion.id, *result))

    def _loaded(self, motion_id: int, tally: MotionTally, roll: RollView | None) -> None:
        if self.motion is None or motion_id != self.motion.id:
            return
        if self.motion.method is VoteMethod.ROLL_CALL:
            self._show_ballots(roll)
        self._show_tally(tally)

    def _show_ballots(self, roll: RollView | None) -> None:
        motion = self.motion
        assert motion is not None
        cast = {ballot.member.id: ballot for ballot in motion.ballots}
        if roll is None:  # closed: the ballots as frozen
            lines = [BallotLine(b.member, b.cast_by, b.choice) for b in motion.ballots]
        else:
            lines = [replace(line, choice=cast[line.member.id].choice if line.member.id in cast else None)
                     for line in voters_of(roll)]
            here = {line.member.id for line in lines}
            lines += [BallotLine(b.member, b.cast_by, b.choice, present=False) for b in motion.ballots
                      if b.member.id not in here]
        row = selected_row(self.ballots)
        self.ballots_model.set_rows(lines)
        select_row(self.ballots, row if row is not None else (0 if lines else None))

    def _show_tally(self, tally: MotionTally) -> None:
        self.tally = tally
        counts, base, verdict = tally_lines(tally)
        self.counts_line.setText(counts)
        self.base_line.setText(base)
        self.bodies_line.setText(bodies_text(tally) if tally.concurrent else "")
        self.verdict.setText(verdict)
        self.verdict.setStyleSheet(tally_style(tally))

    # -- counting

    def _counts_edited(self) -> None:
        if not self.loading and self.can_vote():
            self.counts_dirty = True
            self.count_timer.start()

    def counts(self) -> tuple[int, int, int]:
        return self.spins["yes"].value(), self.spins["no"].value(), self.spins["abstain"].value()

    def save_counts(self) -> None:
        """Store the counts typed so far (open and secret votes)."""
        self.count_timer.stop()
        if not self.counts_dirty:
            return
        self.counts_dirty = False
        db, motion = self.workspace.db, self.motion
        if db is None or motion is None:
            return
        run_op(self, self._store_counts(), on_success=lambda tally: self._counted(motion.id, tally),
               on_failure=self._counts_refused)

    def _store_counts(self) -> Callable[[], MotionTally]:
        """The work that stores the counts on screen: overall, or body by body for a concurrent vote."""
        from coopdesk.services.meetings import record_body_counts, record_counts

        db, motion = self.workspace.db, self.motion
        assert db is not None and motion is not None
        if motion.concurrent:
            by_body = self.body_counts()
            return lambda: record_body_counts(db, motion_id=motion.id, counts=by_body)
        yes, no, abstain = self.counts()
        return lambda: record_counts(db, motion_id=motion.id, yes=yes, no=no, abstain=abstain)

    def _counted(self, motion_id: int, tally: MotionTally) -> None:
        if self.motion is not None and self.motion.id == motion_id:
            show_message(self.error, "")
            self._show_tally(tally)

    def _counts_refused(self, error: BaseException) -> bool:
        self.counts_dirty = True  # what is on screen is not stored: closing must try (and refuse) again
        return self._refused(error)

    def _refused(self, error: BaseException) -> bool:
        show_message(self.error, error_lines(error))  # nothing was written: the tally shows the stored counts
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.ballots and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in CHOICE_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.cast_selected(CHOICE_KEYS[Qt.Key(event.key())])
            return True
        return super().eventFilter(watched, event)

    def cast_selected(self, choice: Choice | None) -> None:
        """Record the selected voter's ballot and move to the next line."""
        row, db, motion = selected_row(self.ballots), self.workspace.db, self.motion
        if row is None or db is None or motion is None or not self.can_vote():
            return
        from coopdesk.services.meetings import record_ballot

        line: BallotLine = self.ballots_model.row_at(row)
        member_id = line.member.id
        select_row(self.ballots, min(row + 1, self.ballots_model.rowCount() - 1))
        run_op(self, lambda: record_ballot(db, motion_id=motion.id, member_id=member_id, choice=choice),
               on_success=lambda tally: self._cast(motion.id, member_id, choice, tally), on_failure=self._refused)

    def _cast(self, motion_id: int, member_id: int, choice: Choice | None, tally: MotionTally) -> None:
        if self.motion is None or self.motion.id != motion_id:
            return
        show_message(self.error, "")
        row = self.ballots_model.row_of(lambda b: b.member.id == member_id)
        if row is not None:
            line = self.ballots_model.rows[row]
            if choice is None and not line.present:
                self.ballots_model.beginRemoveRows(QModelIndex(), row, row)
                del self.ballots_model.rows[row]
                self.ballots_model.endRemoveRows()
            else:
                self.ballots_model.rows[row] = replace(line, choice=choice)
                self.ballots_model.dataChanged.emit(self.ballots_model.index(row, 0),
                                                    self.ballots_model.index(row, len(BALLOT_COLUMNS) - 1))
        self._show_tally(tally)

    # -- closing and paper ballots

    def ask_close(self) -> None:
        if self.motion is None or not self.can_vote():
            return
        confirm(self, _("Close the vote on motion %(number)s?") % {"number": self.motion.number},
                _("The roll is frozen as it stands and the result is final."), self.close_vote,
                yes_text=_("Close vote"))

    def close_vote(self) -> None:
        db, motion = self.workspace.db, self.motion
        if db is None or motion is None or not self.can_vote():
            return
        from coopdesk.services.meetings import close_motion

        pending = self.counts_dirty and motion.method is not VoteMethod.ROLL_CALL
        self.count_timer.stop()
        self.counts_dirty = False
        store = self._store_counts()

        def work() -> MotionDetail:
            if pending:  # the counts on screen are the ones that close
                store()
            return close_motion(db, motion_id=motion.id)

        self.close_button.setEnabled(False)

        def refused(error: BaseException) -> bool:
            self.counts_dirty = self.counts_dirty or pending
            self.close_button.setEnabled(self.can_vote())
            return self._refused(error)

        run_op(self, work, on_success=lambda _closed: self.workspace.changed(), on_failure=refused)

    def print_ballots(self) -> None:
        db, motion = self.workspace.db, self.motion
        if db is None or motion is None:
            return
        from coopdesk.services.meetings import ballots_report

        open_report(db, self, title=N_("Ballot papers"), file_stem=_("ballots-%(number)s") % {
                    "number": motion.number}, render=lambda lang: ballots_report(db, motion_id=motion.id, lang=lang))
