"""Add or edit one member, with each problem shown in red under its field as the user types; or, in a read-only
window, show one member's record and history without a way to change them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import ProblemsFound
from coopdesk.domain.members import (
    CODE_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NATIONAL_ID_MAX,
    PHONE_MAX,
    Body,
    Member,
    MemberDetail,
    MemberDraft,
    MemberStatus,
    normalize_skill,
    skill_label,
    validate_member,
)
from coopdesk.i18n import LOCALES, _, current_language, format_date, format_datetime
from coopdesk.persistence.database import Database
from coopdesk.services.change_log import ChangeEntry, FieldChange, record_history
from coopdesk.services.members import create_member, get_member, next_member_code, update_member
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import sentence, set_read_only

Saved = Callable[[Member], None]


def date_edit(value: date) -> QDateEdit:
    """A date field with a calendar, in the order the UI's locale writes dates (dd/MM/yyyy in Spanish)."""
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    locale = QLocale(LOCALES[current_language()])
    edit.setLocale(locale)
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)  # e.g. d/M/yy: pad day and month, full year
    short = re.sub(r"(?<![dMy])([dM])(?![dMy])", r"\1\1", re.sub(r"(?<!y)yy(?!y)", "yyyy", short))
    edit.setDisplayFormat(short)
    edit.setCalendarPopup(True)
    return edit


class MemberDialog(QDialog):
    FIELDS = ("code", "full_name", "national_id", "body", "joined_on", "voting", "status", "skills", "phone",
              "email")
    ROWS = (*FIELDS[:7], "status_note", "status_changed_on", *FIELDS[7:])  # the change note under the status

    def __init__(self, db: Database, detail: MemberDetail | None = None, parent: QWidget | None = None,
                 on_saved: Saved | None = None, changes: tuple[ChangeEntry, ...] = (), *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.db = db
        self.detail = detail
        self.read_only = read_only
        self.changes = changes
        self.on_saved = on_saved
        self.saved_member: Member | None = None
        self.touched: set[str] = set()
        self.server_problems: dict[str, str] = {}
        member = detail.member if detail else None

        self.code = QLineEdit(member.code if member else next_member_code(db))  # a new member: the next free code
        self.code.setMaxLength(CODE_MAX)
        self.full_name = QLineEdit(member.full_name if member else "")
        self.full_name.setMaxLength(NAME_MAX)
        self.full_name.setMinimumWidth(320)
        self.national_id = QLineEdit((member.national_id or "") if member else "")
        self.national_id.setMaxLength(NATIONAL_ID_MAX)
        self.national_id.setPlaceholderText("V-12345678")
        self.body = QComboBox()
        for body in Body:
            self.body.addItem("", body.value)  # Qt returns a StrEnum as a plain str: keep values
        self.body.setCurrentIndex(list(Body).index(member.body) if member else 0)
        self.joined_on = date_edit(member.joined_on if member else date.today())
        self.voting = QCheckBox()
        self.voting.setChecked(member.voting if member else Body.WORKER.votes_by_default)
        self.status = QComboBox()
        for status in MemberStatus:
            self.status.addItem("", status.value)
        self.status.setCurrentIndex(list(MemberStatus).index(member.status) if member else 0)
        self.status_note = QLineEdit()
        self.status_changed_on = date_edit(date.today())
        self.skills = QLineEdit(", ".join(skill_label(skill) for skill in member.skills) if member else "")
        self.phone = QLineEdit((member.phone or "") if member else "")
        self.phone.setMaxLength(PHONE_MAX)
        self.email = QLineEdit((member.email or "") if member else "")
        self.email.setMaxLength(EMAIL_MAX)

        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        for name in self.ROWS:
            self._add_row(name, getattr(self, name))

        self.history = QTreeWidget()
        self.history.setRootIsDecorated(False)
        self.history.setColumnCount(3)
        self.history.setMaximumHeight(130)
        self.history_label = QLabel()
        for change in detail.history if detail else ():
            QTreeWidgetItem(self.history, [format_date(change.changed_on), _(change.status.label),
                                           change.note or ""])
        self.history.resizeColumnToContents(0)
        self.history.resizeColumnToContents(1)
        self.change_log = QTreeWidget()  # who changed what, from the audit chain (the newest first)
        self.change_log.setRootIsDecorated(False)
        self.change_log.setColumnCount(3)
        self.change_log.setMaximumHeight(150)
        self.change_log_label = QLabel()

        self.general_error = QLabel()
        self.general_error.setStyleSheet(status_style("bad"))
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history)
        layout.addWidget(self.change_log_label)
        layout.addWidget(self.change_log)
        has_history = bool(detail and detail.history)
        self.history.setVisible(has_history)
        self.history_label.setVisible(has_history)
        self.change_log.setVisible(bool(changes))
        self.change_log_label.setVisible(bool(changes))
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(540)

        for name in ("code", "full_name", "national_id", "skills", "phone", "email"):
            getattr(self, name).textEdited.connect(lambda _text, name=name: self._touch(name))
        self.body.currentIndexChanged.connect(self._body_changed)
        self.status.currentIndexChanged.connect(lambda _i: self._touch("status"))
        self.voting.toggled.connect(lambda _on: self._touch("voting"))
        self.joined_on.dateChanged.connect(lambda _d: self._touch("joined_on"))
        if read_only:
            self._only_show()
        self.retranslate_ui()
        self.validate()

    def _only_show(self) -> None:
        """Fields to read (and select text in), and only a Close button."""
        for name in self.FIELDS:
            field = getattr(self, name)
            if isinstance(field, QLineEdit):
                set_read_only(field)
                field.setPlaceholderText("")  # an empty field to read asks for nothing
            else:
                field.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def _add_row(self, name: str, field: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        error = QLabel()
        error.setStyleSheet(status_style("bad"))
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.errors[name] = error
        self.labels[name] = QLabel()
        self.labels[name].setBuddy(field)
        self.form.addRow(self.labels[name], box)

    def retranslate_ui(self) -> None:
        if self.read_only:
            self.setWindowTitle(_("Member"))
        else:
            self.setWindowTitle(_("Edit member") if self.detail else _("New member"))
        texts = {
            "code": _("&Code:"), "full_name": _("Full &name:"), "national_id": _("National &ID:"),
            "body": _("&Body:"), "joined_on": _("&Joined on:"), "voting": _("Voting:"), "status": _("&Status:"),
            "status_note": _("Reason for the change:"), "status_changed_on": _("Changed on:"),
            "skills": _("S&kills:"), "phone": _("&Phone:"), "email": _("&E-mail:"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
            # The label stands apart from its field (which sits over its error line): Qt cannot find it there.
            self.labels[name].buddy().setAccessibleName(text.replace("&", "").rstrip(":"))
        self.voting.setText(_("Has voting rights"))
        if not self.read_only:
            self.skills.setPlaceholderText(_("Skills separated by commas, e.g. cooking, first aid"))
            self.email.setPlaceholderText(_("name@example.org"))
        for combo, kind in ((self.body, Body), (self.status, MemberStatus)):
            for i in range(combo.count()):
                combo.setItemText(i, _(kind(combo.itemData(i)).label))
        self.history_label.setText(_("Status history"))
        self.history.setAccessibleName(_("Status history"))
        self.history.setHeaderLabels([_("Date"), _("Status"), _("Note")])
        self.change_log_label.setText(_("History of changes"))
        self.change_log.setAccessibleName(_("History of changes"))
        self.change_log.setHeaderLabels([_("When"), _("Who"), _("What changed")])
        self.change_log.clear()
        for entry in reversed(self.changes):
            what = _("Added to the register") if entry.created else "; ".join(map(self._change_text, entry.changes))
            row = QTreeWidgetItem(self.change_log, [format_datetime(entry.occurred_at.astimezone(), fmt="short"),
                                                    entry.actor or "", what])
            row.setToolTip(2, what)
        self.change_log.resizeColumnToContents(0)
        self.change_log.resizeColumnToContents(1)
        self._show_status_change()

    def _change_text(self, change: FieldChange) -> str:
        names = {"code": _("Code"), "full_name": _("Full name"), "national_id": _("National ID"), "body": _("Body"),
                 "joined_on": _("Joined on"), "voting": _("Voting"), "status": _("Status"), "skills": _("Skills"),
                 "phone": _("Phone"), "email": _("E-mail")}

        def shown(value: object) -> str:
            if value is None or value == []:
                return "—"
            if isinstance(value, bool):
                return _("yes") if value else _("no")
            if isinstance(value, list):
                return ", ".join(map(str, value))
            if change.field == "body" and value in {body.value for body in Body}:
                return _(Body(value).label)
            if change.field == "status" and value in {status.value for status in MemberStatus}:
                return _(MemberStatus(value).label)
            if change.field == "joined_on" and isinstance(value, str):
                try:
                    return format_date(date.fromisoformat(value))
                except ValueError:
                    return value
            return str(value)

        return f"{names.get(change.field, change.field)}: {shown(change.before)} → {shown(change.after)}"

    # -- the draft and its problems

    def draft(self) -> MemberDraft:
        def text(edit: QLineEdit) -> str:
            return edit.text().strip()

        skills = [normalize_skill(part) for part in re.split(r"[,|]", self.skills.text())]
        return MemberDraft(
            code=text(self.code),
            full_name=text(self.full_name),
            national_id=text(self.national_id).upper() or None,
            body=Body(self.body.currentData()),
            joined_on=self.joined_on.date().toPython(),
            voting=self.voting.isChecked(),
            skills=tuple(dict.fromkeys(skill for skill in skills if skill)),
            status=MemberStatus(self.status.currentData()),
            phone=text(self.phone) or None,
            email=text(self.email) or None,
        )

    def _touch(self, name: str) -> None:
        self.touched.add(name)
        self.server_problems.pop(name, None)
        self.general_error.hide()
        if name == "status":
            self._show_status_change()
        self.validate()

    def _body_changed(self) -> None:
        self.voting.setChecked(Body(self.body.currentData()).votes_by_default)  # the usual right; may be overridden
        self._touch("body")

    def _show_status_change(self) -> None:
        changed = self.detail is not None and self.status.currentData() != self.detail.member.status.value
        for name in ("status_note", "status_changed_on"):
            self.form.setRowVisible(self.labels[name], changed)

    def problems(self) -> dict[str, str]:
        """Field name -> the first problem with it, as shown under the field."""
        found: dict[str, str] = {}
        for problem in validate_member(self.draft()):
            found.setdefault(problem.column or "", sentence(problem.translated()))
        for name, text in self.server_problems.items():
            found.setdefault(name, text)
        return found

    def validate(self) -> bool:
        problems = self.problems()
        for name, label in self.errors.items():
            text = problems.get(name)
            visible = text is not None and (name in self.touched or name in self.server_problems)
            label.setText(text or "")
            label.setVisible(visible)
        ok = not problems
        save = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if save is not None:  # (none when the dialog only shows the member)
            save.setEnabled(ok)
        return ok

    # -- saving

    def save(self) -> None:
        if not self.validate():
            return
        draft = self.draft()
        self.buttons.setEnabled(False)
        if self.detail is None:
            def work() -> Member:
                return create_member(self.db, draft=draft)
        else:
            member = self.detail.member
            note = self.status_note.text().strip() or None
            changed_on = self.status_changed_on.date().toPython()

            def work() -> Member:
                return update_member(self.db, member_id=member.id, version=member.version, draft=draft,
                                     status_note=note, status_changed_on=changed_on)
        run_op(self, work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, member: Member) -> None:
        self.saved_member = member
        self.buttons.setEnabled(True)
        if self.on_saved is not None:
            self.on_saved(member)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if not isinstance(error, ProblemsFound):
            return False  # a conflict or a database problem: the default message box says it
        general = []
        for problem in error.problems:
            if problem.column in self.errors:
                self.server_problems.setdefault(problem.column, sentence(problem.translated()))
            else:
                general.append(sentence(problem.translated()))
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        self.validate()
        return True

    # -- opening

    @classmethod
    def add(cls, parent: QWidget, db: Database, on_saved: Saved | None = None) -> MemberDialog:
        dialog = cls(db, None, parent, on_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @classmethod
    def edit(cls, parent: QWidget, db: Database, member_id: int, on_saved: Saved | None = None, *,
             read_only: bool = False) -> None:
        """Read the member (with its status history and change log) on the worker, then open the dialog on it —
        only to read it, when `read_only`."""
        def opened(found: tuple[MemberDetail, tuple[ChangeEntry, ...]]) -> None:
            dialog = cls(db, found[0], parent, on_saved, changes=found[1], read_only=read_only)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        run_op(parent, lambda: (get_member(db, member_id), record_history(db, entity="member", entity_id=member_id)),
               on_success=opened)
