"""The council's settings: its name and the header of every report, and what kind of unit it is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from coopdesk.domain.settings import Council
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.council import council_version, get_council, save_council
from coopdesk.ui.common import error_label, show_message
from coopdesk.ui.ops import run_op
from coopdesk.ui.unit_kind_choice import UnitKindChoice

LIMITS = {"name": 200, "short_name": 60, "tax_id": 30, "address": 300}


class CouncilDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None,
                 on_saved: Callable[[Council], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.on_saved = on_saved
        self.council = get_council(db)
        self.version = council_version(db)
        self.fields = {name: QLineEdit(getattr(self.council, name) or "") for name in LIMITS}
        for name, edit in self.fields.items():
            edit.setMaxLength(LIMITS[name])
            edit.textChanged.connect(self.validate)
        self.fields["name"].setMinimumWidth(420)
        self.kind = UnitKindChoice(self.council.kind)
        self.labels = {name: QLabel() for name in LIMITS}
        form = QFormLayout()
        for name, edit in self.fields.items():
            self.labels[name].setBuddy(edit)
            form.addRow(self.labels[name], edit)
        self.problem = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.kind)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Council settings"))
        for name, text in (("name", _("&Name:")), ("short_name", _("&Short name:")), ("tax_id", _("&Tax id (RIF):")),
                           ("address", _("&Address:"))):
            self.labels[name].setText(text)
        self.kind.retranslate_ui()
        self.validate()

    def values(self) -> Council:
        text = {name: " ".join(edit.text().split()) or None for name, edit in self.fields.items()}
        return Council(text["name"] or "", text["short_name"], text["tax_id"], text["address"],
                       self.council.currency, self.kind.kind())

    def validate(self) -> bool:
        ok = bool(self.values().name)
        show_message(self.problem, "" if ok else _("The council needs a name."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def save(self) -> None:
        if not self.validate():
            return
        db, council, version = self.db, self.values(), self.version
        self.buttons.setEnabled(False)
        run_op(self, lambda: save_council(db, council=council, version=version), on_success=self._saved,
               on_failure=self._failed)

    def _saved(self, council: Council) -> None:
        self.buttons.setEnabled(True)
        self.accept()
        if self.on_saved is not None:
            self.on_saved(council)

    def _failed(self, _error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        return False
