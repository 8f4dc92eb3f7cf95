"""The survey's areas, as the council keeps them: add one, rename one in Spanish and English, or retire one (it
keeps its answers and leaves the questionnaire)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.learning import AREA_CODE_MAX, AREA_NAME_MAX
from coopdesk.i18n import N_, _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.survey import SurveyArea, add_default_areas, list_areas, save_area
from coopdesk.ui.colors import status_style
from coopdesk.ui.common import Col, RowsModel
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import fit_columns, make_table, message_label, selected_row, show_message

COLUMNS = [
    Col(N_("Code"), lambda a: a.code),
    Col(N_("Spanish name"), lambda a: a.name_es),
    Col(N_("English name"), lambda a: a.name_en),
    Col(N_("In the questionnaire"), lambda a: _("yes") if a.active else _("no")),
]


class AreasDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = RowsModel(COLUMNS, self, muted=lambda area: not area.active)
        self.table = make_table(self.model, self)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._chosen())
        self.code, self.name_es, self.name_en = QLineEdit(), QLineEdit(), QLineEdit()
        self.code.setMaxLength(AREA_CODE_MAX)
        for field in (self.name_es, self.name_en):
            field.setMaxLength(AREA_NAME_MAX)
        self.active = QCheckBox()
        self.active.setChecked(True)
        self.labels = [QLabel() for _field in range(3)]
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.code, self.name_es, self.name_en), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.addRow("", self.active)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.defaults_button = QPushButton()
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.notice = message_label(status_style("good"))
        self.error = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.form)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(820, 600)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Survey areas"))
        for label, text in zip(self.labels, (_("&Code:"), _("&Spanish name:"), _("&English name:")), strict=True):
            label.setText(text)
        self.active.setText(_("In the &questionnaire"))
        self.code.setPlaceholderText(_("e.g. ecology (no spaces)"))
        self.save_button.setText(_("Save the area"))
        self.defaults_button.setText(_("Put back the default areas"))
        self.table.setAccessibleName(_("Survey areas"))

    def reload(self, select: str | None = None) -> None:
        self.model.set_rows(list_areas(self.db))
        fit_columns(self.table)
        if select is not None:
            codes = [area.code for area in self.model.rows]
            if select in codes:
                self.table.selectRow(codes.index(select))

    def _chosen(self) -> None:
        row = selected_row(self.table)
        area: SurveyArea | None = self.model.row_at(row) if row is not None else None
        if area is None:
            return
        self.code.setText(area.code)
        self.name_es.setText(area.name_es)
        self.name_en.setText(area.name_en)
        self.active.setChecked(area.active)

    def save(self) -> None:
        db = self.db
        code, es, en, active = self.code.text(), self.name_es.text(), self.name_en.text(), self.active.isChecked()
        run_op(self, lambda: save_area(db, code=code, name_es=es, name_en=en, active=active), on_success=self._saved,
               on_failure=self._failed)

    def _saved(self, area: SurveyArea) -> None:
        show_message(self.error, "")
        show_message(self.notice, _("Area %(code)s saved.") % {"code": area.code})
        self.reload(select=area.code)

    def restore_defaults(self) -> None:
        db = self.db
        run_op(self, lambda: add_default_areas(db), on_success=self._restored)

    def _restored(self, count: int) -> None:
        show_message(self.notice, ngettext("%(count)d default area put back.", "%(count)d default areas put back.",
                                           count) % {"count": count})
        self.reload()

    def _failed(self, error: BaseException) -> bool:
        if isinstance(error, InvalidInput):
            show_message(self.error, error.translated())
            return True
        return False
