"""Open a survey wave: its name (e.g. the year) and the day it opens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.learning import WAVE_NAME_MAX
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.survey import SurveyWave, open_wave
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import date_field, message_label, show_message


class WaveDialog(QDialog):
    def __init__(self, db: Database, *, parent: QWidget | None = None,
                 on_opened: Callable[[SurveyWave], None] | None = None) -> None:
        super().__init__(parent)
        self.db, self.on_opened = db, on_opened
        self.name = QLineEdit(str(date.today().year))
        self.name.setMaxLength(WAVE_NAME_MAX)
        self.name.setMinimumWidth(260)
        self.opened_on = date_field(date.today())
        self.error = message_label()
        self.labels = {key: QLabel() for key in ("name", "on")}
        self.labels["name"].setBuddy(self.name)
        self.labels["on"].setBuddy(self.opened_on)
        form = QFormLayout()
        form.addRow(self.labels["name"], self.name)
        form.addRow(self.labels["on"], self.opened_on)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Open a survey wave"))
        self.labels["name"].setText(_("&Name:"))
        self.labels["on"].setText(_("&Opens on:"))
        self.name.setPlaceholderText(_("e.g. the year: 2027"))

    def save(self) -> None:
        db, name, day = self.db, self.name.text(), self.opened_on.date().toPython()
        self.buttons.setEnabled(False)
        run_op(self, lambda: open_wave(db, name=name, opened_on=day), on_success=self._opened,
               on_failure=self._failed)

    def _opened(self, wave: SurveyWave) -> None:
        self.buttons.setEnabled(True)
        if self.on_opened is not None:
            self.on_opened(wave)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if isinstance(error, InvalidInput):
            show_message(self.error, error.translated())
            return True
        return False

    @classmethod
    def open_for(cls, parent: QWidget, db: Database, *, on_opened: Callable[[SurveyWave], None]) -> WaveDialog:
        dialog = cls(db, parent=parent, on_opened=on_opened)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
