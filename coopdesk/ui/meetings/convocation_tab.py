"""The first tab of a meeting: the convocation's fields with Save, the ordered agenda, and — once the minutes
are approved — the errata appended since."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.meeting_record import MeetingDetail, Person
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import _, format_date
from coopdesk.ui.colors import status_style
from coopdesk.ui.meetings.agenda import AgendaPanel
from coopdesk.ui.meetings.convocation import ConvocationForm
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import set_read_only

if TYPE_CHECKING:
    from coopdesk.ui.meetings.workspace import MeetingWorkspace

CONVOCATION_EDITABLE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)


class ConvocationTab(QWidget):
    def __init__(self, workspace: MeetingWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.detail: MeetingDetail | None = None
        self.dirty = False
        self.form = ConvocationForm()
        self.form.edited.connect(self._edited)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self.revert)
        self.note = QLabel()
        self.note.setStyleSheet(status_style("muted"))
        self.note.setWordWrap(True)
        self.errata_box = QGroupBox()
        self.errata = QPlainTextEdit()
        set_read_only(self.errata)
        QVBoxLayout(self.errata_box).addWidget(self.errata)
        self.errata_box.hide()

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        self.fields_box = QGroupBox()
        fields = QVBoxLayout(self.fields_box)
        fields.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        fields.addLayout(row)
        fields.addWidget(self.note)
        column.addWidget(self.fields_box)
        column.addWidget(self.errata_box, 1)
        column.addStretch(0)
        self.agenda = AgendaPanel(workspace)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.agenda)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.fields_box.setTitle(_("Convocation"))
        self.errata_box.setTitle(_("Errata"))
        self.save_button.setText(_("&Save changes"))
        self.revert_button.setText(_("Undo changes"))
        self.form.retranslate_ui()
        self.agenda.retranslate_ui()
        if self.detail is not None:
            self._show_state(self.detail)

    def set_people(self, people: Sequence[Person]) -> None:
        self.form.set_people(people)
        self.agenda.set_people(people)

    def clear(self) -> None:
        self.detail, self.dirty = None, False
        self.agenda.set_detail(None)
        self._update_buttons()

    def set_detail(self, detail: MeetingDetail) -> None:
        same = self.detail is not None and self.detail.id == detail.id
        self.detail = detail
        if not (same and self.dirty):  # never throw away what is being typed
            self.form.set_detail(detail)
            self.dirty = False
        self._show_state(detail)
        self.agenda.set_detail(detail)
        self._update_buttons()

    def can_edit(self, detail: MeetingDetail) -> bool:
        return detail.state in CONVOCATION_EDITABLE and self.workspace.editable

    def _show_state(self, detail: MeetingDetail) -> None:
        self.form.set_read_only(not self.can_edit(detail))
        if detail.locked:
            self.note.setText(_("The minutes are approved and locked; a correction is an erratum."))
        elif detail.state not in CONVOCATION_EDITABLE:
            self.note.setText(_("The meeting has been held; its convocation can no longer change."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        self.errata_box.setVisible(bool(detail.errata))
        self.errata.setPlainText("\n\n".join(
            _("%(date)s — %(reason)s\n%(correction)s") % {
                "date": format_date(e.recorded_on), "reason": e.reason, "correction": e.correction}
            for e in detail.errata))

    def _edited(self) -> None:
        self.dirty = self.detail is not None
        self.form.form.clear_problems()
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = self.detail is not None and self.can_edit(self.detail)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)
        self.save_button.setEnabled(editable and self.dirty)
        self.revert_button.setEnabled(editable and self.dirty)

    def revert(self) -> None:
        if self.detail is not None:
            self.dirty = False
            self.form.set_detail(self.detail)
            self._update_buttons()

    def save(self) -> None:
        detail, db = self.detail, self.workspace.db
        if detail is None or db is None or not self.form.validate():
            return
        from coopdesk.services.meetings import update_meeting

        draft = self.form.draft()
        self.save_button.setEnabled(False)
        run_op(self, lambda: update_meeting(db, meeting_id=detail.id, version=detail.version, draft=draft),
               on_success=self._saved, on_failure=self._failed)

    def _saved(self, detail: MeetingDetail) -> None:
        self.dirty = False
        self.workspace.set_detail(detail)
        self.workspace.meeting_changed.emit(detail.id)

    def _failed(self, error: BaseException) -> bool:
        self._update_buttons()
        return self.form.show_error(error)
