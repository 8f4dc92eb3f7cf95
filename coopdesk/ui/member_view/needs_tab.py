"""The member's own needs: the ones they brought (private ones included, being theirs), and a form to bring a
new one — the one thing a member writes from their window. The member is always the signed-in one."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services import needs
from coopdesk.services.users import User
from coopdesk.ui.colors import status_style
from coopdesk.ui.needs.form import FormDialog
from coopdesk.ui.needs.models import NeedsModel
from coopdesk.ui.needs.needs_tab import need_form
from coopdesk.ui.tables import fit_columns, make_table


class MyNeedsTab(QWidget):
    def __init__(self, db: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.member_code = db, user.member_code
        self.model = NeedsModel(db, self, viewer=needs.viewer_of_user(user),
                                need_filter=needs.NeedFilter(member_code=user.member_code))
        self.table = make_table(self.model)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.note = QLabel()
        self.note.setStyleSheet(status_style("muted"))
        self.note.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.note, 1)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        fit_columns(self.table, 260)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Bring a need…"))
        self.add_button.setAccessibleName(_("Bring a need…"))
        self.table.setAccessibleName(_("My needs"))
        self.note.setText(_("A need you bring goes to the council's secretaries, who can raise it in an assembly. "
                            "Mark it private for health or family matters: then only you, the secretaries and the "
                            "administrators see that it is yours."))
        self.model.retranslate()

    def add(self) -> FormDialog:
        form = need_form(self, self.db, lambda _need: self.model.refresh(), member_code=self.member_code)
        form.open()
        return form
