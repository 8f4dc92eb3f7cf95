"""The plumbing the ledger's forms share: the problem line, OK/Cancel, a form whose labels are buddies of their
fields (a motion field's buddy is its number), and the write through run_op — buttons off while it runs, the
caller told of the result after the dialog closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.ledger.common import error_label, show_message, title_font
from coopdesk.ui.ledger.fields import MotionField
from coopdesk.ui.ops import run_op


class OpDialog(QDialog):
    """Subclasses build their fields, call `stack()`, and say `validate()` and `operation()` (the write)."""

    def __init__(self, db: Database, parent: QWidget | None, on_done: Callable[[Any], None] | None) -> None:
        super().__init__(parent)
        self.db = db
        self.on_done = on_done
        self.touched = False  # problems are shown once the user has typed something
        self.problem = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def labelled_form(self, fields: Sequence[QWidget]) -> tuple[list[QLabel], QFormLayout]:
        labels = [QLabel() for _field in fields]
        form = QFormLayout()
        for label, field in zip(labels, fields, strict=True):
            label.setBuddy(field.edit if isinstance(field, MotionField) else field)
            form.addRow(label, field)
        return labels, form

    def stack(self, *parts: QWidget | QLayout, stretch: bool = False) -> QVBoxLayout:
        """The dialog's layout: `parts` top down, then the problem line and the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.problem)
        if stretch:
            layout.addStretch(1)
        layout.addWidget(self.buttons)
        return layout

    def _touch(self) -> None:
        self.touched = True
        self.validate()

    def validate(self) -> bool:  # pragma: no cover — every dialog overrides it
        raise NotImplementedError

    def operation(self) -> Callable[[], Any]:  # pragma: no cover — every dialog overrides it
        """The write, with the form's values read now (the op runs off the UI thread)."""
        raise NotImplementedError

    def save(self) -> None:
        if not self.validate():
            return
        op = self.operation()
        self.buttons.setEnabled(False)
        run_op(self, op, on_success=self._done, on_failure=self._failed)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.accept()
        if self.on_done is not None:
            self.on_done(result)

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False


class ReasonDialog(OpDialog):
    """A write that must say why (reversing an entry, reopening a period): a title and a required reason."""

    REASON_MAX = 500

    def __init__(self, db: Database, parent: QWidget | None, on_done: Callable[[Any], None] | None) -> None:
        super().__init__(db, parent, on_done)
        self.title = QLabel()
        title_font(self.title)
        self.title.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self.validate)

    def reason_text(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    def problems(self) -> list[str]:
        reason = self.reason_text()
        if not reason:
            return [_("A reason is required.")]
        if len(reason) > self.REASON_MAX:
            return [_("The reason is longer than %(max)d characters.") % {"max": self.REASON_MAX}]
        return []

    def acceptable(self) -> bool:
        """What else the form needs besides the reason (a passed motion, say)."""
        return True

    def validate(self) -> bool:
        problems = self.problems()
        ok = self.acceptable() and not problems
        show_message(self.problem, "\n".join(problems) if self.reason.document().isModified() else "")
        self.ok_button().setEnabled(ok)
        return ok
