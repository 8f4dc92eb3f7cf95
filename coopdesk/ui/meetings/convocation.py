"""The convocation's fields (organ, kind, title, date and time, place, chair, secretary, quorum rule and, in
the joint body, the quorum in each body; once convened, the day it was issued), the dialog that creates a meeting
with them, and the same form inside an open meeting. A new meeting is proposed as the Workers' Council's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from coopdesk.domain.meeting_record import MeetingDetail, MeetingDraft, Person
from coopdesk.domain.meetings import MeetingKind, QuorumRule
from coopdesk.domain.organs import Organ
from coopdesk.i18n import LOCALES, _, current_language
from coopdesk.persistence.database import Database
from coopdesk.services.meetings.lifecycle import PLACE_MAX, TITLE_MAX
from coopdesk.ui.meetings.common import MemberPicker
from coopdesk.ui.meetings.fields import (
    ProblemForm,
    date_field,
    datetime_field,
    datetime_of,
    enum_combo,
    label_enum_combo,
    localize,
    set_combo_value,
    set_datetime,
)
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import set_read_only

FIELDS = ("organ", "kind", "title", "starts_at", "place", "chair", "secretary", "quorum", "quorum_per_body",
          "convened_on")
DEFAULT_HOUR = time(9, 0)


def suggested_title(kind: MeetingKind, when: datetime) -> str:
    """"Asamblea ordinaria de noviembre de 2026", as the demo council names its meetings."""
    from babel.dates import format_skeleton

    month = format_skeleton("yMMMM", when, locale=LOCALES[current_language()])
    return _("%(kind)s of %(month)s") % {"kind": _(kind.label), "month": month}


def active_people(db: Database) -> list[Person]:
    """The council's active members, by name, for the pickers."""
    from coopdesk.domain.members import MemberStatus, fold
    from coopdesk.services.members import all_members

    members = [m for m in all_members(db) if m.status is MemberStatus.ACTIVE]
    return sorted((Person(m.id, m.code, m.full_name) for m in members), key=lambda p: (fold(p.full_name), p.code))


class ConvocationForm(QWidget):
    """The fields of a convocation; `draft()` is what they say, `problems()` what is wrong with them."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_touched = False
        self.kind_touched = False  # the secretary chose the kind: the organ no longer proposes one
        self.proposing = False
        self.read_only = False
        self.issued_shown = False
        self.organ = enum_combo(Organ)  # the Workers' Council first: the default of a new meeting
        self.kind = enum_combo(MeetingKind)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.title.setMinimumWidth(200)
        self.starts_at = datetime_field(datetime.combine(date.today() + timedelta(days=7), DEFAULT_HOUR))
        self.place = QLineEdit()
        self.place.setMaxLength(PLACE_MAX)
        self.chair = MemberPicker()
        self.secretary = MemberPicker()
        self.quorum = enum_combo(QuorumRule)
        self.quorum_per_body = QCheckBox()
        self.convened_on = date_field()  # shown once the convocation is issued, for the secretary to correct
        for combo in (self.organ, self.kind):  # long labels must not widen the whole window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(34)  # "Sesión del Consejo de Trabajadores" whole
        # A quorum rule is read whole ("More than half of the entitled voters"): never cut.
        self.quorum.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.form = ProblemForm()
        for name in FIELDS:
            self.form.add(name, getattr(self, name))
        self._show_issued(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.form.general)
        self.title.textEdited.connect(self._title_edited)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.currentIndexChanged.connect(self._suggest_title)
        self.starts_at.dateTimeChanged.connect(self._suggest_title)
        self.organ.currentIndexChanged.connect(self._organ_changed)
        self.quorum_per_body.toggled.connect(self.edited)
        for combo in (self.organ, self.kind, self.quorum):
            combo.currentIndexChanged.connect(self.edited)
        self.starts_at.dateTimeChanged.connect(self.edited)
        self.convened_on.dateChanged.connect(self.edited)
        for edit in (self.title, self.place):
            edit.textEdited.connect(self.edited)
        for picker in (self.chair, self.secretary):
            picker.editTextChanged.connect(self.edited)
        self._organ_changed()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.form.set_texts({
            "organ": _("&Organ:"), "quorum_per_body": "", "kind": _("&Kind:"), "title": _("&Title:"),
            "starts_at": _("&Date and time:"), "place": _("&Place:"),
            "chair": _("&Chair:"), "secretary": _("&Secretary:"), "quorum": _("&Quorum:"),
            "convened_on": _("Issued &on:"),
        })
        self.convened_on.setToolTip(_("The day the convocation was issued, printed on it and in the minutes."))
        localize(self.convened_on)
        label_enum_combo(self.organ, Organ)
        label_enum_combo(self.kind, MeetingKind)
        label_enum_combo(self.quorum, QuorumRule)
        self.organ.setToolTip(_("The Workers' Council is the workers' own body; the joint co-management assembly "
                                "seats the communal councils' delegates and the state's representatives too."))
        self.quorum_per_body.setText(_("Quorum also &inside each body"))
        self.quorum_per_body.setToolTip(_("The quorum rule must also hold among the workers, among the communal "
                                          "delegates and among the state representatives present."))
        localize(self.starts_at)
        self.place.setPlaceholderText(_("e.g. Main warehouse"))
        for picker in (self.chair, self.secretary):
            picker.lineEdit().setPlaceholderText(_("Type a name or a code"))
        if not self.title_touched:
            self._suggest_title()

    def set_people(self, people: Sequence[Person]) -> None:
        for picker in (self.chair, self.secretary):
            picker.set_people(people)

    def set_detail(self, detail: MeetingDetail) -> None:
        """Show a saved meeting (its chair and secretary stay offered even if no longer active)."""
        widgets = (self.organ, self.kind, self.title, self.starts_at, self.place, self.chair, self.secretary,
                   self.quorum, self.quorum_per_body, self.convened_on)
        for widget in widgets:
            widget.blockSignals(True)
        set_combo_value(self.organ, detail.organ)
        self.quorum_per_body.setChecked(detail.quorum_per_body)
        set_combo_value(self.kind, detail.kind)
        self.title.setText(detail.title)
        self.title_touched = self.kind_touched = True
        set_datetime(self.starts_at, detail.starts_at)
        self.place.setText(detail.place or "")
        for picker, person in ((self.chair, detail.chair), (self.secretary, detail.secretary)):
            people = picker.people if person is None or person in picker.people else [person, *picker.people]
            picker.set_people(people, keep=person.id if person else None)
            if person is None:
                picker.set_member_id(None)
        set_combo_value(self.quorum, detail.quorum_rule)
        if detail.convened_on is not None:
            issued = detail.convened_on
            self.convened_on.setDate(QDate(issued.year, issued.month, issued.day))
        self._show_issued(detail.convened_on is not None)
        for edit in (self.title, self.place):
            edit.setCursorPosition(0)
        for widget in widgets:
            widget.blockSignals(False)
        self._organ_changed()
        self.form.clear_problems()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in (self.organ, self.kind, self.starts_at, self.chair, self.secretary, self.quorum,
                       self.convened_on):
            widget.setEnabled(not read_only)
        self._organ_changed()
        for edit in (self.title, self.place):
            set_read_only(edit, read_only)

    def _show_issued(self, shown: bool) -> None:
        """A convocation not yet issued has no day of issue: convening it records today's."""
        self.issued_shown = shown
        self.form.labels["convened_on"].setVisible(shown)
        box = self.convened_on.parentWidget()
        (box if box is not None else self.convened_on).setVisible(shown)

    def joint(self) -> bool:
        return Organ(self.organ.currentData()) is Organ.JOINT

    def _organ_changed(self) -> None:
        """The quorum in each body is a rule of the joint body only; the organ proposes its usual kind of
        meeting (a Workers' Council session, an ordinary joint assembly) until the secretary picks one."""
        self.quorum_per_body.setEnabled(self.joint() and not self.read_only)
        if not self.joint():
            self.quorum_per_body.setChecked(False)
        if not self.kind_touched:
            self.proposing = True
            set_combo_value(self.kind, Organ(self.organ.currentData()).usual_kind)
            self.proposing = False

    def _kind_changed(self) -> None:
        self.kind_touched = self.kind_touched or not self.proposing

    def _title_edited(self) -> None:
        self.title_touched = bool(self.title.text().strip())

    def _suggest_title(self) -> None:
        if not self.title_touched:
            self.title.setText(suggested_title(MeetingKind(self.kind.currentData()), datetime_of(self.starts_at)))

    def problems(self) -> dict[str, str]:
        found = {}
        if not self.title.text().strip():
            found["title"] = _("A title is required.")
        for name in ("chair", "secretary"):
            if (problem := getattr(self, name).problem()) is not None:
                found[name] = problem
        return found

    def validate(self) -> bool:
        problems = self.problems()
        self.form.show_problems(problems)
        return not problems

    def draft(self) -> MeetingDraft:
        return MeetingDraft(
            title=self.title.text().strip(), kind=MeetingKind(self.kind.currentData()),
            starts_at=datetime_of(self.starts_at), place=self.place.text().strip() or None,
            chair_id=self.chair.member_id(), secretary_id=self.secretary.member_id(),
            quorum_rule=QuorumRule(self.quorum.currentData()), organ=Organ(self.organ.currentData()),
            quorum_per_body=self.joint() and self.quorum_per_body.isChecked(),
            convened_on=self.convened_on.date().toPython() if self.issued_shown else None)

    def show_error(self, error: BaseException) -> bool:
        renamed = error
        from coopdesk.domain.errors import ProblemsFound

        if isinstance(error, ProblemsFound):  # the service names the rule "quorum_rule"
            from dataclasses import replace

            renamed = ProblemsFound([replace(p, column="quorum") if p.column == "quorum_rule" else p
                                     for p in error.problems])
        return self.form.show_error(renamed)


class NewMeetingDialog(QDialog):
    """Create a meeting from its convocation's fields; the agenda is built in the meeting itself."""

    def __init__(self, db: Database, parent: QWidget | None = None,
                 on_created: Callable[[MeetingDetail], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.on_created = on_created
        self.form = ConvocationForm()
        self.form.set_people(active_people(db))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New meeting"))
        self.form.retranslate_ui()

    def save(self) -> None:
        if not self.form.validate():
            return
        from coopdesk.services.meetings import create_meeting

        db, draft = self.db, self.form.draft()
        self.buttons.setEnabled(False)
        run_op(self, lambda: create_meeting(db, draft=draft), on_success=self._created, on_failure=self._failed)

    def _created(self, detail: MeetingDetail) -> None:
        self.buttons.setEnabled(True)
        self.accept()
        if self.on_created is not None:
            self.on_created(detail)

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return self.form.show_error(error)

    @classmethod
    def ask(cls, parent: QWidget, db: Database,
            on_created: Callable[[MeetingDetail], None] | None = None) -> NewMeetingDialog:
        dialog = cls(db, parent, on_created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
