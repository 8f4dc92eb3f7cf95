"""One small form for every write of the Needs section: labelled fields, OK/Cancel, the write through run_op
(buttons off while it runs; a refusal is shown and the form stays open to be corrected)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.ui.meetings.fields import date_field
from coopdesk.ui.ops import run_op

Field = QLineEdit | QPlainTextEdit | QComboBox | QDateEdit | QCheckBox


class FormDialog(QDialog):
    """Fields are added by label (a msgid); `write` receives the dialog and returns the service call to run."""

    def __init__(self, parent: QWidget | None, title: str, write: Callable[[FormDialog], Callable[[], Any]],
                 on_done: Callable[[Any], None] | None = None, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.write, self.on_done = write, on_done
        self.fields: dict[str, Field] = {}
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _add(self, key: str, label: str, field: Field) -> Field:
        field.setAccessibleName(label)
        field.setObjectName(key)
        self.fields[key] = field
        if isinstance(field, QCheckBox):
            field.setText(label)
            self.form.addRow(field)
        else:
            caption = QLabel(label)
            caption.setBuddy(field)
            self.form.addRow(caption, field)
        return field

    def text(self, key: str, label: str, value: str = "") -> QLineEdit:
        return self._add(key, label, QLineEdit(value))  # type: ignore[return-value]

    def long_text(self, key: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(70)
        return self._add(key, label, edit)  # type: ignore[return-value]

    def choice(self, key: str, label: str, items: Sequence[tuple[str, object]], *, editable: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(editable)
        for text, data in items:
            combo.addItem(text, data)
        if editable:
            combo.setCurrentIndex(-1)
        return self._add(key, label, combo)  # type: ignore[return-value]

    def day(self, key: str, label: str, value: date | None = None) -> QDateEdit:
        return self._add(key, label, date_field(value))  # type: ignore[return-value]

    def check(self, key: str, label: str) -> QCheckBox:
        return self._add(key, label, QCheckBox())  # type: ignore[return-value]

    # -- values

    def value(self, key: str) -> Any:
        field = self.fields[key]
        if isinstance(field, QLineEdit):
            return field.text().strip()
        if isinstance(field, QPlainTextEdit):
            return field.toPlainText().strip()
        if isinstance(field, QComboBox):
            if field.isEditable():
                return field.currentText().strip()
            return field.currentData()
        if isinstance(field, QDateEdit):
            return field.date().toPython()
        return field.isChecked()

    def save(self) -> None:
        call = self.write(self)  # the values are read now: the call runs off the GUI thread
        self.buttons.setEnabled(False)
        run_op(self, call, on_success=self._done, on_failure=self._failed)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.accept()
        if self.on_done is not None:
            self.on_done(result)

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False  # the error is shown; the form stays open

