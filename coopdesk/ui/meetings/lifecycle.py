"""The dialogs of a meeting's life: when the session opened or ended, approving the minutes (by signatures or
by a passed motion of a later meeting), and an erratum to approved minutes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import MeetingDetail, MeetingSummary, MotionDetail, opening_doubts
from coopdesk.domain.meetings import MotionResult
from coopdesk.i18n import _, format_date, format_moment
from coopdesk.persistence.database import Database
from coopdesk.services import meetings as service
from coopdesk.ui.colors import status_style
from coopdesk.ui.meetings.common import error_label, error_lines, show_message
from coopdesk.ui.meetings.fields import ProblemForm, date_field, datetime_field, datetime_of
from coopdesk.ui.ops import run_op

LATER_MEETINGS_SEARCHED = 6  # the approving motion is at one of the next few meetings


def _modal(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def default_time(detail: MeetingDetail, *, closing: bool) -> datetime:
    """Now, if the meeting is today; else the time it was called for (and for its end, that plus its agenda)."""
    now = datetime.now().replace(second=0, microsecond=0)
    if detail.starts_at.date() == now.date() and (not closing or now >= detail.session_start):
        return now
    if not closing:
        return detail.starts_at
    minutes = sum(item.expected_minutes or 0 for item in detail.items) or 120
    return detail.session_start + timedelta(minutes=minutes)


class SessionTimeDialog(QDialog):
    def __init__(self, detail: MeetingDetail, *, closing: bool, parent: QWidget | None = None,
                 on_chosen: Callable[[datetime], None] | None = None) -> None:
        super().__init__(parent)
        self.closing, self.on_chosen, self.detail = closing, on_chosen, detail
        self.at = datetime_field(default_time(detail, closing=closing))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.doubts = QLabel()  # what looks wrong about opening now: a warning, not a refusal
        self.doubts.setWordWrap(True)
        self.doubts.setStyleSheet(status_style("warning", bold=True))
        self.form = ProblemForm()
        self.form.add("at", self.at)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.choose)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addWidget(self.doubts)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.at.dateTimeChanged.connect(self._show_doubts)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.closing:
            self.setWindowTitle(_("Adjourn the session"))
            self.explanation.setText(_("Every vote must be closed. The roll is frozen and the minutes become a "
                                       "draft awaiting approval."))
            self.form.set_texts({"at": _("Adjourned &at:")})
        else:
            self.setWindowTitle(_("Open the session"))
            self.explanation.setText(_("From now on votes can be taken. The time is the start written in the "
                                       "minutes."))
            self.form.set_texts({"at": _("Opened &at:")})
        self._show_doubts()

    def _show_doubts(self) -> None:
        if self.closing:
            return
        doubts = opening_doubts(self.detail, datetime_of(self.at), date.today())
        self.doubts.setText("\n".join(f"• {_(doubt)}" for doubt in doubts))
        self.doubts.setVisible(bool(doubts))
        self.doubts.setAccessibleName(_("Before opening"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Open &anyway") if doubts else _("&Open the session"))

    def choose(self) -> None:
        at = datetime_of(self.at)
        if self.closing and at < self.detail.session_start:
            self.form.show_problems({"at": _("The session cannot end before it starts (%(start)s).") % {
                "start": format_moment(self.detail.session_start)}})
            return
        self.accept()
        if self.on_chosen is not None:
            self.on_chosen(at)

    @classmethod
    def ask(cls, parent: QWidget, detail: MeetingDetail, *, closing: bool,
            on_chosen: Callable[[datetime], None]) -> SessionTimeDialog:
        dialog = cls(detail, closing=closing, parent=parent, on_chosen=on_chosen)
        _modal(dialog)
        return dialog


def passed_motions_after(db: Database, detail: MeetingDetail) -> list[tuple[MeetingSummary, MotionDetail]]:
    """The passed motions of the next few meetings: one of them may approve these minutes (runs on the worker)."""
    later = sorted((m for m in service.list_meetings(db) if m.starts_at > detail.starts_at),
                   key=lambda m: m.starts_at)[:LATER_MEETINGS_SEARCHED]
    found = []
    for summary in later:
        for motion in service.meeting_detail(db, summary.id).motions:
            if motion.closed and motion.result is MotionResult.PASSED:
                found.append((summary, motion))
    return found


class ApproveDialog(QDialog):
    def __init__(self, db: Database, detail: MeetingDetail, parent: QWidget | None = None,
                 on_done: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.db, self.detail, self.on_done = db, detail, on_done
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.by_signatures = QRadioButton()
        self.by_motion = QRadioButton()
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.by_signatures)
        self.choice.addButton(self.by_motion)
        self.signable = detail.chair is not None and detail.secretary is not None
        self.by_signatures.setChecked(self.signable)
        self.by_signatures.setEnabled(self.signable)
        self.signers = QLabel()
        self.signers.setStyleSheet(status_style("muted"))
        self.signers.setWordWrap(True)
        self.motion = QComboBox()
        self.motion.setMinimumWidth(520)
        self.motion.setEnabled(False)
        self.motions_note = QLabel()
        self.motions_note.setStyleSheet(status_style("muted"))
        self.motions_note.setWordWrap(True)
        self.error = error_label()
        self.by_motion.toggled.connect(self._update)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.approve)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.by_signatures)
        layout.addWidget(self.signers)
        layout.addWidget(self.by_motion)
        layout.addWidget(self.motion)
        layout.addWidget(self.motions_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.candidates: list[tuple[MeetingSummary, MotionDetail]] | None = None
        self.retranslate_ui()
        self._update()
        run_op(self, lambda: passed_motions_after(db, detail), on_success=self._found)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Approve the minutes"))
        self.intro.setText(_("Approval locks the minutes of “%(title)s”: no edits afterwards; a correction is an "
                             "appended erratum.") % {"title": self.detail.title})
        self.by_signatures.setText(_("&Signed by the chair and the secretary"))
        self.by_motion.setText(_("By a passed &motion of a later meeting (“Approval of the previous minutes”):"))
        self.motion.setAccessibleName(_("Motion"))
        chair, secretary = self.detail.chair, self.detail.secretary
        if chair and secretary:
            self.signers.setText(_("Chair: %(chair)s · Secretary: %(secretary)s") % {
                "chair": chair.label, "secretary": secretary.label})
        else:
            self.signers.setText(_("The meeting has no chair or no secretary named, so it cannot be approved by "
                                   "signatures."))
        self._show_candidates()

    def _found(self, candidates: list[tuple[MeetingSummary, MotionDetail]]) -> None:
        self.candidates = candidates
        self._show_candidates()

    def _show_candidates(self) -> None:
        if self.candidates is None:
            self.motions_note.setText(_("Looking for passed motions of later meetings…"))
            return
        self.motion.clear()
        for summary, motion in self.candidates:
            self.motion.addItem(_("%(number)s %(text)s — %(meeting)s, %(date)s") % {
                "number": motion.number, "text": motion.text, "meeting": summary.title,
                "date": format_date(summary.starts_at.date())}, motion.id)
        if not self.candidates:
            self.motions_note.setText(_("No later meeting has a passed motion yet."))
        self.motions_note.setVisible(not self.candidates)
        self.by_motion.setEnabled(bool(self.candidates))
        if self.candidates and not self.signable:
            self.by_motion.setChecked(True)
        self._update()

    def _update(self) -> None:
        self.motion.setEnabled(self.by_motion.isChecked())
        ok = self.by_motion.isChecked() if not self.by_signatures.isChecked() else self.signable
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        show_message(self.error, "")

    def approve(self) -> None:
        db, meeting_id = self.db, self.detail.id
        if self.by_motion.isChecked():
            if self.motion.currentIndex() < 0:
                return
            motion_id = self.motion.currentData()

            def work() -> MeetingDetail:
                return service.approve_by_motion(db, meeting_id=meeting_id, motion_id=motion_id)
        else:
            def work() -> MeetingDetail:
                return service.approve_by_signatures(db, meeting_id=meeting_id)
        self.buttons.setEnabled(False)
        run_op(self, work, on_success=self._done, on_failure=self._failed)

    def _done(self, _detail: MeetingDetail) -> None:
        self.accept()
        if self.on_done is not None:
            self.on_done()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        show_message(self.error, error_lines(error))
        return True

    @classmethod
    def ask(cls, parent: QWidget, db: Database, detail: MeetingDetail,
            on_done: Callable[[], None] | None = None) -> ApproveDialog:
        dialog = cls(db, detail, parent, on_done)
        _modal(dialog)
        return dialog


class ErratumDialog(QDialog):
    def __init__(self, db: Database, detail: MeetingDetail, parent: QWidget | None = None,
                 on_done: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.db, self.detail, self.on_done = db, detail, on_done
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.recorded_on = date_field(date.today())
        self.reason = QLineEdit()
        self.reason.setMaxLength(1000)
        self.correction = QPlainTextEdit()
        self.correction.setMinimumSize(460, 140)
        self.form = ProblemForm()
        for name in ("recorded_on", "reason", "correction"):
            self.form.add(name, getattr(self, name))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.form.general)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Erratum"))
        self.intro.setText(_("The approved minutes stay as they are; this correction is appended to them with its "
                             "date and reason."))
        self.form.set_texts({"recorded_on": _("&Date:"), "reason": _("&Reason:"), "correction": _("&Correction:")})

    def save(self) -> None:
        problems = {}
        if not self.reason.text().strip():
            problems["reason"] = _("A reason is required.")
        if not self.correction.toPlainText().strip():
            problems["correction"] = _("The correction is required.")
        self.form.show_problems(problems)
        if problems:
            return
        db, meeting_id = self.db, self.detail.id
        reason, correction = self.reason.text(), self.correction.toPlainText()
        recorded_on = self.recorded_on.date().toPython()
        self.buttons.setEnabled(False)
        run_op(self, lambda: service.add_erratum(db, meeting_id=meeting_id, reason=reason, correction=correction,
                                                 recorded_on=recorded_on),
               on_success=self._done, on_failure=self._failed)

    def _done(self, _erratum: object) -> None:
        self.accept()
        if self.on_done is not None:
            self.on_done()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return self.form.show_error(error)

    @classmethod
    def ask(cls, parent: QWidget, db: Database, detail: MeetingDetail,
            on_done: Callable[[], None] | None = None) -> ErratumDialog:
        dialog = cls(db, detail, parent, on_done)
        _modal(dialog)
        return dialog
