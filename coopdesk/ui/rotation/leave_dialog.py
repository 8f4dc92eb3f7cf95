"""Record a period of leave for one member: first and last day (inclusive) and an optional reason."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.i18n import _, format_date, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.dto import REASON_MAX, Leave
from coopdesk.services.rotation.leave import add_leave
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import date_field, message_label, show_message
from coopdesk.ui.widgets import sentence


class LeaveDialog(QDialog):
    def __init__(self, db: Database, *, member_id: int, member_label: str, parent: QWidget | None = None,
                 on_saved: Callable[[Leave], None] | None = None, first: date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.member_id = member_id
        self.member_label = member_label
        self.on_saved = on_saved
        self.saved_leave: Leave | None = None
        first = first or date.today()
        self.member = QLabel(member_label)
        self.member.setStyleSheet("font-weight: 600;")
        self.starts_on = date_field(first)
        self.ends_on = date_field(first)
        self.length = QLabel()
        self.length.setStyleSheet(status_style("muted"))
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setMinimumWidth(300)
        self.dates_error = message_label()
        self.general_error = message_label()
        self.form = QFormLayout()
        self.labels = {name: QLabel() for name in ("member", "from", "to", "reason")}
        self.form.addRow(self.labels["member"], self.member)
        self.form.addRow(self.labels["from"], self.starts_on)
        self.form.addRow(self.labels["to"], self.ends_on)
        self.form.addRow("", self.length)
        self.form.addRow("", self.dates_error)
        self.form.addRow(self.labels["reason"], self.reason)
        self.labels["from"].setBuddy(self.starts_on)
        self.labels["to"].setBuddy(self.ends_on)
        self.labels["reason"].setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.starts_on.dateChanged.connect(self._starts_changed)
        self.ends_on.dateChanged.connect(lambda _d: self.validate())
        self.retranslate_ui()
        self.validate()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add leave"))
        self.labels["member"].setText(_("Member:"))
        self.labels["from"].setText(_("&From:"))
        self.labels["to"].setText(_("&To (inclusive):"))
        self.labels["reason"].setText(_("&Reason:"))
        self.reason.setPlaceholderText(_("Optional, e.g. holidays, sick leave"))
        self.validate()

    def dates(self) -> tuple[date, date]:
        return self.starts_on.date().toPython(), self.ends_on.date().toPython()

    def _starts_changed(self) -> None:
        starts, ends = self.dates()
        if ends < starts:  # the usual edit moves both ends: keep the period from turning inside out
            self.ends_on.setDate(self.starts_on.date())
        self.validate()

    def validate(self) -> bool:
        starts, ends = self.dates()
        ok = ends >= starts
        if ok:
            days = (ends - starts).days + 1
            self.length.setText(ngettext("%(count)d day, %(from)s to %(to)s", "%(count)d days, %(from)s to %(to)s",
                                         days) % {"count": days, "from": format_date(starts), "to": format_date(ends)})
            show_message(self.dates_error, "")
        else:
            self.length.setText("")
            show_message(self.dates_error, sentence(_("the leave ends (%(to)s) before it begins (%(from)s)")
                                                    % {"to": format_date(ends), "from": format_date(starts)}))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def save(self) -> None:
        if not self.validate():
            return
        db, member_id, (starts, ends) = self.db, self.member_id, self.dates()
        reason = self.reason.text().strip() or None
        self.buttons.setEnabled(False)
        run_op(self, lambda: add_leave(db, member_id=member_id, starts_on=starts, ends_on=ends, reason=reason),
               on_success=self._saved, on_failure=self._failed)

    def _saved(self, leave: Leave) -> None:
        self.saved_leave = leave
        self.buttons.setEnabled(True)
        if self.on_saved is not None:
            self.on_saved(leave)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(error, ProblemsFound):
            show_message(self.general_error, "\n".join(sentence(line) for line in error.lines()))
            return True
        if isinstance(error, InvalidInput):  # "already has this leave"
            show_message(self.general_error, error.translated())
            return True
        return False

    @classmethod
    def open_for(cls, parent: QWidget, db: Database, *, member_id: int, member_label: str,
                 on_saved: Callable[[Leave], None] | None = None) -> LeaveDialog:
        dialog = cls(db, member_id=member_id, member_label=member_label, parent=parent, on_saved=on_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
