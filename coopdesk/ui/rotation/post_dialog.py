"""Add or edit one rotation post, each problem shown in red under its field as the user types; a post someone
else saved meanwhile is said plainly, with a button to load their version."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import ConflictError, ProblemsFound
from coopdesk.domain.members import CODE_MAX, NAME_MAX, SKILL_MAX, normalize_skill
from coopdesk.domain.rotation import BURDEN_MAX, BURDEN_MIN, Category
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.dto import PLACE_MAX, Post, PostDraft, validate_post
from coopdesk.services.rotation.posts import create_post, get_post, update_post
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import message_label, show_message
from coopdesk.ui.widgets import name_fields_by_their_labels, sentence

Saved = Callable[[Post], None]
COUNT_MAX = 999
# validate_post names CSV columns; the dialog's fields are named after the draft.
FIELD_OF = {"code": "code", "name": "name", "min": "min_members", "max": "max_members", "skill": "skill",
            "trainee_slots": "trainee_slots", "burden": "burden", "place": "place"}


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setMaximumWidth(110)
    return spin


class PostDialog(QDialog):
    FIELDS = ("code", "name", "category", "min_members", "max_members", "skill", "trainee_slots", "burden",
              "place", "active")

    def __init__(self, db: Database, post: Post | None = None, skills: Sequence[str] = (),
                 parent: QWidget | None = None, on_saved: Saved | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.post = post
        self.on_saved = on_saved
        self.saved_post: Post | None = None
        self.touched: set[str] = set()
        self.server_problems: dict[str, str] = {}

        self.code = QLineEdit()
        self.code.setMaxLength(CODE_MAX)
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setMinimumWidth(340)
        self.category = QComboBox()
        for category in Category:
            self.category.addItem("", category.value)  # Qt hands a StrEnum back as str: keep values
        self.min_members = _spin(0, COUNT_MAX, 1)
        self.max_members = _spin(0, COUNT_MAX, 1)
        self.skill = QComboBox()
        self.skill.setEditable(True)
        self.skill.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.skill.addItem("")
        self.skill.addItems(list(skills))
        self.skill.lineEdit().setMaxLength(SKILL_MAX)
        self.trainee_slots = _spin(0, COUNT_MAX, 0)
        self.burden = _spin(BURDEN_MIN, BURDEN_MAX, BURDEN_MIN)
        self.burden_hint = QLabel()
        self.burden_hint.setStyleSheet(status_style("muted"))
        self.place = QLineEdit()
        self.place.setMaxLength(PLACE_MAX)
        self.active = QCheckBox()
        self.active.setChecked(True)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.trainee_hint = QLabel()
        self.trainee_hint.setStyleSheet(status_style("muted"))
        self.trainee_hint.setWordWrap(True)
        for name in self.FIELDS:
            extra = {"burden": self.burden_hint, "trainee_slots": self.trainee_hint}.get(name)
            self._add_row(name, getattr(self, name), extra)

        self.general_error = message_label()
        self.reload_button = QPushButton()
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload_post)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        conflict = QHBoxLayout()
        conflict.addWidget(self.general_error, 1)
        conflict.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(conflict)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self.fill(post)
        for name in ("code", "name", "place"):
            getattr(self, name).textEdited.connect(lambda _text, name=name: self._touch(name))
        self.skill.editTextChanged.connect(lambda _text: self._touch("skill"))
        for name in ("min_members", "max_members", "trainee_slots", "burden"):
            getattr(self, name).valueChanged.connect(lambda _value, name=name: self._touch(name))
        self.min_members.valueChanged.connect(self._min_changed)
        self.category.currentIndexChanged.connect(lambda _i: self._touch("category"))
        self.active.toggled.connect(lambda _on: self._touch("active"))
        self.retranslate_ui()
        self.validate()

    def _add_row(self, name: str, field: QWidget, extra: QWidget | None) -> None:
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # room for the red lines
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if extra is not None and name == "burden":
            row = QHBoxLayout()
            row.addWidget(field)
            row.addWidget(extra, 1)
            column.addLayout(row)
        else:
            column.addWidget(field)
            if extra is not None:
                column.addWidget(extra)
        error = message_label()
        column.addWidget(error)
        self.errors[name] = error
        self.labels[name] = QLabel()
        self.labels[name].setBuddy(field)
        self.form.addRow(self.labels[name], box)

    def fill(self, post: Post | None) -> None:
        """Show `post` (or the defaults of a new one) in the fields."""
        for spin in (self.min_members, self.max_members, self.trainee_slots, self.burden):
            spin.blockSignals(True)
        self.code.setText(post.code if post else "")
        self.name.setText(post.name if post else "")
        self.category.setCurrentIndex(list(Category).index(post.category) if post else 0)
        self.min_members.setValue(post.min_members if post else 1)
        self.max_members.setValue(post.max_members if post else 1)
        self.skill.setEditText(post.skill or "" if post else "")
        self.trainee_slots.setValue(post.trainee_slots if post else 0)
        self.burden.setValue(post.burden if post else BURDEN_MIN)
        self.place.setText((post.place or "") if post else "")
        self.active.setChecked(post.active if post else True)
        for spin in (self.min_members, self.max_members, self.trainee_slots, self.burden):
            spin.blockSignals(False)
        self._hints()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit post") if self.post else _("New post"))
        texts = {
            "code": _("&Code:"), "name": _("&Name:"), "category": _("C&ategory:"),
            "min_members": _("M&inimum per week:"), "max_members": _("Ma&ximum per week:"),
            "skill": _("&Skill required:"), "trainee_slots": _("&Trainee places:"), "burden": _("&Burden:"),
            "place": _("&Place:"), "active": _("Planning:"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        name_fields_by_their_labels(self)  # each field sits in a box with its problem line
        for i in range(self.category.count()):
            self.category.setItemText(i, _(Category(self.category.itemData(i)).label))
        self.code.setPlaceholderText(_("e.g. SIEM"))
        self.skill.lineEdit().setPlaceholderText(_("None: anyone may hold the post"))
        self.place.setPlaceholderText(_("Where the work is done, e.g. Packing shed"))
        self.active.setText(_("Plan this post (unchecked: retired, its history kept)"))
        self.reload_button.setText(_("Load their version"))
        self._hints()

    def _hints(self) -> None:
        self.burden_hint.setText(_("1 = light … 5 = heavy or unpleasant"))
        needless = self.trainee_slots.value() > 0 and not self.skill.currentText().strip()
        self.trainee_hint.setText(_("Trainees learn a skill beside a qualified member; a post that asks for no "
                                    "skill takes no trainees.") if needless else "")
        self.trainee_hint.setVisible(needless)

    # -- the draft and its problems

    def draft(self) -> PostDraft:
        skill = self.skill.currentText().strip()
        return PostDraft(
            code=self.code.text().strip(), name=self.name.text().strip(),
            category=Category(self.category.currentData()),
            min_members=self.min_members.value(), max_members=self.max_members.value(),
            skill=normalize_skill(skill) or None if skill else None,
            trainee_slots=self.trainee_slots.value(), burden=self.burden.value(),
            place=self.place.text().strip() or None, active=self.active.isChecked(),
        )

    def _min_changed(self, value: int) -> None:
        if "max_members" not in self.touched and self.post is None:
            self.max_members.setValue(max(value, 1))  # a new post: the maximum follows until it is set

    def _touch(self, name: str) -> None:
        self.touched.add(name)
        self.server_problems.pop(name, None)
        self.general_error.hide()
        self.reload_button.hide()
        self._hints()
        self.validate()

    def problems(self) -> dict[str, str]:
        """Field name -> the first problem with it, as shown under the field."""
        found: dict[str, str] = {}
        for problem in validate_post(self.draft()):
            found.setdefault(FIELD_OF.get(problem.column or "", "code"), sentence(problem.translated()))
        for name, text in self.server_problems.items():
            found.setdefault(name, text)
        return found

    def validate(self) -> bool:
        problems = self.problems()
        for name, label in self.errors.items():
            text = problems.get(name)
            shown = text is not None and (name in self.touched or name in self.server_problems or self.post)
            label.setText(text or "")
            label.setVisible(bool(shown))
        ok = not problems
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    # -- saving

    def save(self) -> None:
        if not self.validate():
            return
        draft, db, post = self.draft(), self.db, self.post
        self.buttons.setEnabled(False)
        if post is None:
            def work() -> Post:
                return create_post(db, draft=draft)
        else:
            def work() -> Post:
                return update_post(db, post_id=post.id, version=post.version, draft=draft)
        run_op(self, work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, post: Post) -> None:
        self.saved_post = post
        self.buttons.setEnabled(True)
        if self.on_saved is not None:
            self.on_saved(post)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(error, ConflictError):
            show_message(self.general_error, error.translated())
            self.reload_button.show()
            return True
        if not isinstance(error, ProblemsFound):
            return False  # a database problem: the default message box says it
        general = []
        for problem in error.problems:
            name = FIELD_OF.get(problem.column or "")
            if name in self.errors:
                self.server_problems.setdefault(name, sentence(problem.translated()))
            else:
                general.append(sentence(problem.translated()))
        show_message(self.general_error, "\n".join(general))
        self.validate()
        return True

    def reload_post(self) -> None:
        """Someone else saved the post: show their version; the next save edits it."""
        if self.post is None:
            return
        db, post_id = self.db, self.post.id

        def loaded(post: Post) -> None:
            self.post = post
            self.fill(post)
            self.touched.clear()
            self.server_problems.clear()
            show_message(self.general_error, "")
            self.reload_button.hide()
            self.validate()

        run_op(self, lambda: get_post(db, post_id), on_success=loaded)

    # -- opening

    @classmethod
    def open_for(cls, parent: QWidget, db: Database, post: Post | None, skills: Sequence[str],
                 on_saved: Saved | None = None) -> PostDialog:
        dialog = cls(db, post, skills, parent, on_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
