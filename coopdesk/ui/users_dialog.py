"""Tools → Users…: an administrator adds the people who sign in, resets a forgotten password, removes a user.

Passwords are typed twice and checked here before the worker hashes them; every write goes through run_op,
and the service's refusals (a name taken, the last administrator) are shown in its own words.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopdeskError
from coopdesk.domain.users import MAX_PASSWORD, MIN_PASSWORD, USERNAME_MAX, UserRole, check_password, check_username
from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.services.members import all_members
from coopdesk.services.users import User, add_user, list_users, remove_user, reset_password, set_role
from coopdesk.ui.colors import status_style
from coopdesk.ui.ledger.fields import MemberPicker
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import sentence

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("User name"), N_("Role"), N_("Member"))


class UsersModel(QAbstractTableModel):
    """The users, by name (a council has a handful: the list is held whole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users: list[User] = []

    def set_users(self, users: list[User]) -> None:
        self.beginResetModel()
        self.users = list(users)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole or index.row() >= len(self.users):
            return None
        user = self.users[index.row()]
        if index.column() == 0:
            return user.username
        if index.column() == 1:
            return _(user.role.label)
        if user.member_code is None:
            return "—"
        return f"{user.member_name} ({user.member_code})" if user.member_name else user.member_code

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.users:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.users) - 1, len(COLUMNS) - 1))


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(MAX_PASSWORD)
    return field


class UserForm(QDialog):
    """Add a user (`user` None) or give `user` a new password; accepted once the service has done it."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, user: User | None = None,
                 first: bool = False) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.first = first  # the first user: an administrator, so that someone can manage the others later
        self.result_user: User | None = None
        self.username = QLineEdit()
        self.username.setMaxLength(USERNAME_MAX)
        self.role = QComboBox()
        for role in (UserRole.SECRETARY, UserRole.ADMINISTRATOR, UserRole.MEMBER):
            self.role.addItem("", role.value)
        if first:
            self.role.setCurrentIndex(self.role.findData(UserRole.ADMINISTRATOR.value))
            self.role.setEnabled(False)
        self.member = MemberPicker()
        self.member.set_members(all_members(db) if user is None else [])
        self.password = _password_field()
        self.repeat = _password_field()
        self.error = QLabel()
        self.error.setStyleSheet(status_style("bad"))
        self.error.setWordWrap(True)
        self.error.hide()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.labels = {key: QLabel() for key in ("username", "role", "member", "password", "repeat")}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for field in (self.username, self.member, self.password, self.repeat):
            field.textEdited.connect(lambda _text: self.error.hide())

        form = QFormLayout()
        rows = (("username", self.username), ("role", self.role), ("member", self.member),
                ("password", self.password), ("repeat", self.repeat))
        for key, field in rows:
            if user is not None and key in ("username", "role", "member"):
                continue  # a reset changes the password only
            self.labels[key].setBuddy(field)
            form.addRow(self.labels[key], field)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        adding = self.user is None
        self.setWindowTitle(_("Add a user") if adding else _("Reset a password"))
        self.intro.setText(
            _("The first user is an administrator: once there are users, only an administrator manages them.")
            if adding and self.first else
            _("A secretary keeps the records, an administrator also manages the users, and a member only reads "
              "their own rotation, statement and the approved minutes.") if adding else
            _("Type the new password for %(name)s twice. Tell it to them in person; they can sign in with it "
              "at once.") % {"name": self.user.username})  # type: ignore[union-attr]
        for index in range(self.role.count()):
            self.role.setItemText(index, _(UserRole(self.role.itemData(index)).label))
        texts = {"username": _("&User name:"), "role": _("&Role:"), "member": _("M&ember:"),
                 "password": _("&Password:") if adding else _("New &password:"), "repeat": _("Repeat pass&word:")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.member.setPlaceholderText(_("Code or name (required for the member role)"))
        self.password.setPlaceholderText(_("At least %(min)d characters") % {"min": MIN_PASSWORD})
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add") if adding else _("Set password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def chosen_role(self) -> UserRole:
        return UserRole(self.role.currentData())

    def save(self) -> None:
        """Checked here first (the two passwords, their length, the name), then written on the worker."""
        password = self.password.text()
        try:
            if self.user is None:
                check_username(self.username.text())
            check_password(password)
        except CoopdeskError as error:
            self._refuse(error.translated(), self.username if self.user is None and not
                         self.username.text().strip() else self.password)
            return
        if password != self.repeat.text():
            self._refuse(_("The two passwords differ."), self.repeat)
            return
        db = self.db
        if self.user is None:
            name, role = self.username.text(), self.chosen_role()
            typed = self.member.text().strip()
            code = self.member.code() if typed else None
            if typed and code is None:
                self._refuse(_("No member matches “%(text)s”; pick one from the list.") % {"text": typed}, self.member)
                return
            if role is UserRole.MEMBER and code is None:
                self._refuse(_("A user with the member role must be linked to a member: choose the member."),
                             self.member)
                return
            work = lambda: add_user(db, username=name, password=password, role=role, member_code=code)  # noqa: E731
        else:
            username = self.user.username
            work = lambda: reset_password(db, username=username, password=password)  # noqa: E731
        self.buttons.setEnabled(False)
        run_op(self, work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, user: User) -> None:
        self.result_user = user
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        self.buttons.setEnabled(True)
        if not isinstance(error, CoopdeskError):
            return False  # the usual "Something went wrong" dialog
        self._refuse(sentence(" ".join(error.lines())), self.username if self.user is None else self.password)
        return True

    def _refuse(self, text: str, focus: QWidget) -> None:
        self.error.setText(text)
        self.error.show()
        focus.setFocus()


class UsersDialog(QDialog):
    users_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(_("Users"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.reset_selected())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-weight: 600;")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.add_button = QPushButton()
        self.reset_button = QPushButton()
        self.role_button = QPushButton()
        self.remove_button = QPushButton()
        for button, slot in ((self.add_button, self.add), (self.reset_button, self.reset_selected),
                             (self.role_button, self.ask_role), (self.remove_button, self.ask_remove)):
            button.clicked.connect(slot)
            button.setAutoDefault(False)
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(680, 400)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Users"))
        self.intro.setText(_("The people who sign in on this computer. Once there is a user, everyone signs in; a "
                             "member sees only their own rotation, statement and the approved minutes."))
        self.empty.setText(_("There are no users yet: anyone who opens this database can change everything. Add "
                             "an administrator first."))
        self.add_button.setText(_("&Add…"))
        self.reset_button.setText(_("Reset &password…"))
        self.role_button.setText(_("Change &role…"))
        self.remove_button.setText(_("Re&move"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.model.retranslate()

    def reload(self, select: str | None = None) -> None:
        try:
            users = list_users(self.db)
        except CoopdeskError as error:
            from coopdesk.ui.ops import show_error

            show_error(self, error)
            users = []
        self.model.set_users(users)
        self.empty.setVisible(not users)
        names = [user.username for user in users]
        if select in names:
            self.table.selectRow(names.index(select))
        self._update_buttons()

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.users[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.reset_button.setEnabled(chosen)
        self.role_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _form(self, user: User | None) -> UserForm:
        form = UserForm(self.db, self, user=user, first=user is None and not self.model.users)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._changed(form.result_user))
        form.open()
        return form

    def add(self) -> UserForm:
        return self._form(None)

    def reset_selected(self) -> UserForm | None:
        user = self.selected()
        return self._form(user) if user is not None else None

    def _changed(self, user: User | None) -> None:
        self.reload(select=user.username if user is not None else None)
        self.users_changed.emit()

    def ask_remove(self) -> QMessageBox | None:
        user = self.selected()
        if user is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, _("Remove a user"),
                          _("Remove the user %(name)s? They will no longer be able to sign in; what they recorded "
                            "stays.") % {"name": user.username},
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: answer == QMessageBox.StandardButton.Yes and self.remove(user.username))
        box.open()  # not exec(): no nested event loop
        return box

    def ask_role(self) -> QInputDialog | None:
        """Another role for the selected user (the service keeps the last administrator one)."""
        user = self.selected()
        if user is None:
            return None
        roles = [role for role in UserRole if role is not user.role and
                 (role is not UserRole.MEMBER or user.member_code is not None)]
        box = QInputDialog(self)
        box.setWindowTitle(_("Change the role"))
        box.setLabelText(_("New role for %(name)s (now %(role)s):") % {"name": user.username,
                                                                        "role": _(user.role.label)})
        box.setComboBoxItems([_(role.label) for role in roles])
        box.setComboBoxEditable(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.textValueSelected.connect(lambda label: self.change_role(
            user.username, next(role for role in roles if _(role.label) == label)))
        box.open()
        return box

    def change_role(self, username: str, role: UserRole) -> None:
        db = self.db
        run_op(self, lambda: set_role(db, username=username, role=role),
               on_success=lambda user: self._changed(user))

    def remove(self, username: str) -> None:
        db = self.db
        run_op(self, lambda: remove_user(db, username=username), on_success=lambda _none: self._changed(None))
