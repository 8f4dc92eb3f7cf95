"""A member's training history: the skills they hold with the date and how (trainee weeks, a course, a council
grant by motion), their trainee weeks from the published rosters, and — outside a read-only window — a form to
record a new skill."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.learning import SkillSource
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services import skills
from coopdesk.services.rotation.posts import skill_codes
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import date_field, message_label, show_message
from coopdesk.ui.widgets import relative_font


class SkillsDialog(QDialog):
    def __init__(self, db: Database, member_code: str, *, editable: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_code = db, member_code
        self.history: skills.SkillHistory | None = None
        self.heading = QLabel()
        relative_font(self.heading, 1.3, 600)
        self.lines = QListWidget()
        self.form_box = QGroupBox()
        self.skill = QComboBox()
        self.skill.setEditable(True)
        self.skill.addItems(skill_codes(db))
        self.skill.setCurrentText("")
        self.on = date_field(date.today())
        self.how = QComboBox()
        for source in SkillSource:
            self.how.addItem("", source.value)
        self.motion = QSpinBox()
        self.motion.setRange(0, 10**9)
        self.labels = {key: QLabel() for key in ("skill", "on", "how", "motion")}
        form = QFormLayout(self.form_box)
        for key, field in (("skill", self.skill), ("on", self.on), ("how", self.how), ("motion", self.motion)):
            self.labels[key].setBuddy(field)
            form.addRow(self.labels[key], field)
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self.record)
        form.addRow("", self.record_button)
        self.notice = message_label(status_style("good"))
        self.error = message_label()
        form.addRow("", self.error)
        self.form_box.setVisible(editable)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.form_box)
        layout.addWidget(buttons)
        self.resize(640, 520)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Training history"))
        self.lines.setAccessibleName(_("Training history"))
        self.form_box.setTitle(_("Record a skill"))
        self.labels["skill"].setText(_("&Skill:"))
        self.labels["on"].setText(_("&From:"))
        self.labels["how"].setText(_("&How:"))
        self.labels["motion"].setText(_("&Motion:"))
        self.motion.setSpecialValueText(_("none"))
        self.motion.setToolTip(_("The passed motion of a council grant"))
        for index in range(self.how.count()):
            self.how.setItemText(index, _(SkillSource(self.how.itemData(index)).label))
        self.record_button.setText(_("Record"))

    def reload(self) -> None:
        self.history = skills.skill_history(self.db, member_code=self.member_code)
        self.heading.setText(f"{self.history.full_name} ({self.history.member_code})")
        self.lines.clear()
        self.lines.addItems(skills.history_lines(self.history))

    def record(self) -> None:
        db, code = self.db, self.member_code
        skill, on = self.skill.currentText(), self.on.date().toPython()
        how, motion = SkillSource(self.how.currentData()), self.motion.value() or None
        run_op(self, lambda: skills.grant_skill(db, member_code=code, skill=skill, granted_on=on, how=how,
                                                motion_id=motion),
               on_success=self._recorded, on_failure=self._failed)

    def _recorded(self, grant: skills.SkillGrant) -> None:
        show_message(self.error, "")
        show_message(self.notice, _("%(skill)s recorded.") % {"skill": grant.skill})
        self.reload()

    def _failed(self, error: BaseException) -> bool:
        if isinstance(error, InvalidInput):
            show_message(self.error, error.translated())
            return True
        return False

    @classmethod
    def open_for(cls, parent: QWidget, db: Database, member_code: str, *, editable: bool) -> SkillsDialog:
        dialog = cls(db, member_code, editable=editable, parent=parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
