"""Form pieces of the meeting dialogs: a form whose problems show in red under each field, the base of a dialog
that adds or edits one record through such a form, date and time fields in the UI's locale, and the choices of
an enum in a combo box."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any, Self

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import ProblemsFound
from coopdesk.i18n import LOCALES, _, current_language
from coopdesk.ui.common import date_format
from coopdesk.ui.meetings.common import error_label
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import label_name, sentence


def _locale() -> QLocale:
    return QLocale(LOCALES[current_language()])


def _date_format() -> str:
    return date_format(_locale())


def date_field(value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    localize(edit)
    value = value or date.today()
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


def datetime_field(value: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    localize(edit)
    set_datetime(edit, value)
    return edit


def localize(edit: QDateEdit | QDateTimeEdit) -> None:
    """Dates in the order the UI's language writes them (again after a language switch)."""
    edit.setLocale(_locale())
    if isinstance(edit, QDateEdit):
        edit.setDisplayFormat(_date_format())
    else:
        edit.setDisplayFormat(f"{_date_format()} {_locale().timeFormat(QLocale.FormatType.ShortFormat)}")


def set_datetime(edit: QDateTimeEdit, value: datetime) -> None:
    edit.setDateTime(QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)))


def datetime_of(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime()
    day, moment = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), moment.hour(), moment.minute())


def enum_combo(values: Iterable[Enum]) -> QComboBox:
    """Qt hands a StrEnum back as a plain str, so the combo holds values; labels come with retranslate."""
    combo = QComboBox()
    for value in values:
        combo.addItem("", value.value)
    return combo


def label_enum_combo(combo: QComboBox, kind: type[Enum]) -> None:
    for i in range(combo.count()):
        combo.setItemText(i, _(kind(combo.itemData(i)).label))  # type: ignore[attr-defined]


def set_combo_value(combo: QComboBox, value: Enum | str | None) -> None:
    wanted = getattr(value, "value", value)
    combo.setCurrentIndex(max(0, combo.findData(wanted)))


class ProblemForm(QFormLayout):
    """A form whose fields each have a red line under them for their problem."""

    def __init__(self) -> None:
        super().__init__()
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.general = error_label()

    def add(self, name: str, field: QWidget) -> None:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        self.errors[name] = error_label()
        column.addWidget(self.errors[name])
        self.labels[name] = QLabel()
        self.labels[name].setBuddy(field)
        self.addRow(self.labels[name], box)

    def set_texts(self, texts: dict[str, str]) -> None:
        for name, text in texts.items():
            self.labels[name].setText(text)
            # the field sits in a box with its problem line, where Qt does not find its label: name it here
            field = self.labels[name].buddy()
            if field is not None:
                field.setAccessibleName(label_name(text))

    def show_problems(self, problems: dict[str, str], general: Iterable[str] = ()) -> None:
        for name, label in self.errors.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)
        lines = list(general)
        self.general.setText("\n".join(lines))
        self.general.setVisible(bool(lines))

    def clear_problems(self) -> None:
        self.show_problems({})

    def show_error(self, error: BaseException, extra: dict[str, str] | None = None) -> bool:
        """Spread a refusal over the fields it names; True when it was shown (False: let the dialog say it)."""
        if not isinstance(error, ProblemsFound):
            return False
        fields: dict[str, str] = dict(extra or {})
        general = []
        for problem in error.problems:
            text = sentence(_(problem.message) % problem.params)
            if problem.column in self.errors and problem.column not in fields:
                fields[problem.column] = text
            else:
                general.append(sentence(problem.translated()))
        self.show_problems(fields, general)
        return True


class RecordDialog(QDialog):
    """Adds or edits one record: its fields in `form`, OK runs save() (which checks, then submit()s the work),
    the service's refusals show beside the fields they name, and on_saved gets what was saved."""

    def __init__(self, parent: QWidget | None, on_saved: Callable[[Any], None] | None) -> None:
        super().__init__(parent)
        self.on_saved = on_saved
        self.form = ProblemForm()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def lay_out(self, *between: QWidget) -> None:
        """The form, then `between`, then its general problems and the buttons."""
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        for widget in between:
            layout.addWidget(widget)
        layout.addWidget(self.form.general)
        layout.addWidget(self.buttons)

    def save(self) -> None:  # pragma: no cover — every dialog overrides it
        raise NotImplementedError

    def submit(self, work: Callable[[], Any]) -> None:
        self.buttons.setEnabled(False)
        run_op(self, work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, saved: Any) -> None:
        self.accept()
        if self.on_saved is not None:
            self.on_saved(saved)

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return self.form.show_error(error)

    @classmethod
    def open_new(cls, *args: Any) -> Self:
        """A window-modal dialog that deletes itself when closed."""
        dialog = cls(*args)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
