"""Signing in on a shared office computer: asked only when the database has users.

A wrong name or password is refused with one message for both, and the password field is cleared; the name
stays, since it is the password that was mistyped most of the time.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.services.change_log import set_signed_in_user
from coopdesk.services.council import get_council
from coopdesk.services.overview import has_users
from coopdesk.services.users import User, authenticate
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import show_error
from coopdesk.ui.widgets import relative_font


class LoginDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *, place: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.place = place  # the council's name, shown so people know which desk they sign in to
        self.user: User | None = None
        self.heading = QLabel()
        relative_font(self.heading, 1.3, 600)
        self.heading.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(1024)
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.error = QLabel()
        self.error.setStyleSheet(status_style("bad", bold=True))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        self.username.textEdited.connect(lambda _text: self.error.hide())
        self.password.textEdited.connect(lambda _text: self.error.hide())

        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sign in — coopdesk"))
        self.heading.setText(_("Sign in to %(place)s") % {"place": self.place} if self.place else _("Sign in"))
        self.username_label.setText(_("&User name:"))
        self.password_label.setText(_("&Password:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def try_sign_in(self) -> None:
        """A read and one scrypt hash (a tenth of a second): done here, before any window can be used."""
        name, password = self.username.text(), self.password.text()
        if not name.strip():
            self._refuse(_("Type your user name."), self.username)
            return
        try:
            self.user = authenticate(self.db, username=name, password=password)
        except CoopdeskError as error:
            self.password.clear()
            self._refuse(error.translated(), self.password)
            return
        set_signed_in_user(self.user.username)
        self.accept()

    def _refuse(self, text: str, focus: QLineEdit) -> None:
        self.error.setText(text)
        self.error.show()
        self.adjustSize()  # grow to the wrapped heading and message, rather than squeeze the heading
        focus.setFocus()


@dataclass(frozen=True)
class Access:
    """Who uses this window: a signed-in user, or nobody when the database has no users (full access)."""

    user: User | None

    @property
    def can_edit(self) -> bool:
        return self.user is None or self.user.can_edit


def sign_in(db: Database, parent: QWidget | None = None) -> Access | None:
    """Ask who is there if the database has users; None when they cancel (the app then closes)."""
    try:
        needed = has_users(db)
    except CoopdeskError as error:
        show_error(parent, error)
        return None
    if not needed:
        set_signed_in_user(None)
        return Access(None)
    try:
        place = get_council(db).name
    except CoopdeskError:
        place = ""
    dialog = LoginDialog(db, parent, place=place)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
        return None
    return Access(dialog.user)
