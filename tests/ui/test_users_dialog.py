"""Tools → Users…: an administrator adds a user who can then sign in, resets a password, cannot remove the last
administrator; a secretary does not see the entry; with no users yet, anyone sees it (to create the first
administrator)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from tests.ui.conftest import GUI, add_members, message_boxes

pytestmark = GUI

from coopdesk import i18n  # noqa: E402
from coopdesk.domain.users import UserRole  # noqa: E402
from coopdesk.services import users  # noqa: E402
from coopdesk.services.change_log import set_signed_in_user  # noqa: E402
from coopdesk.ui.login import Access  # noqa: E402
from coopdesk.ui.users_dialog import UserForm, UsersDialog  # noqa: E402

ADMIN_PASSWORD = "clave-admin-1"


@pytest.fixture
def council(db):  # type: ignore[no-untyped-def]
    add_members(db, 3)
    yield db
    set_signed_in_user(None)


def type_in(field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setText(text)
    field.textEdited.emit(text)


def ok(form: UserForm) -> None:
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_first_user_is_an_administrator(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    dialog = UsersDialog(council)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    form = dialog.add()
    assert form.chosen_role() is UserRole.ADMINISTRATOR and not form.role.isEnabled()
    type_in(form.username, "Carmen")
    type_in(form.password, ADMIN_PASSWORD)
    type_in(form.repeat, ADMIN_PASSWORD)
    with qtbot.waitSignal(form.accepted, timeout=20_000):
        ok(form)
    wait_ops()
    assert [(u.username, u.role) for u in users.list_users(council)] == [("carmen", UserRole.ADMINISTRATOR)]
    second = dialog.add()
    assert second.chosen_role() is UserRole.SECRETARY and second.role.isEnabled()
    second.close()


def test_the_last_administrator_cannot_be_demoted(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    users.add_user(council, username="luis", password="clave-luis-1", role=UserRole.SECRETARY)
    dialog = UsersDialog(council)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(0)
    box = dialog.ask_role()
    assert box is not None and box.comboBoxItems() == [i18n._("Secretary")]  # no member linked: no member role
    box.textValueSelected.emit(i18n._("Secretary"))
    wait_ops()
    expected = i18n._("%(name)s is the last administrator and cannot be given another role; make someone else an "
                      "administrator first.") % {"name": "admin"}
    assert [b.text() for b in message_boxes()] == [expected]
    for shown in message_boxes():
        shown.close()
    box.close()
    dialog.table.selectRow(1)
    dialog.ask_role().textValueSelected.emit(i18n._("Administrator"))  # type: ignore[union-attr]
    wait_ops()
    assert [(u.username, u.role) for u in dialog.model.users] == [("admin", UserRole.ADMINISTRATOR),
                                                                  ("luis", UserRole.ADMINISTRATOR)]


def test_add_a_member_user_who_can_then_sign_in(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    dialog = UsersDialog(council)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.add()
    type_in(form.username, "Rosa")
    form.role.setCurrentIndex(form.role.findData(UserRole.MEMBER.value))
    type_in(form.password, "clave-rosa-1")
    type_in(form.repeat, "clave-rosa-1")
    ok(form)  # no member yet: refused inline, nothing written
    assert form.error.isVisibleTo(form) and [u.username for u in users.list_users(council)] == ["admin"]
    type_in(form.member, "M002")
    type_in(form.repeat, "clave-rosa-2")
    ok(form)
    assert form.error.text() == i18n._("The two passwords differ.")
    type_in(form.repeat, "clave-rosa-1")
    type_in(form.password, "corta")
    type_in(form.repeat, "corta")
    ok(form)
    assert "8" in form.error.text() and len(users.list_users(council)) == 1
    type_in(form.password, "clave-rosa-1")
    type_in(form.repeat, "clave-rosa-1")
    with qtbot.waitSignal(form.accepted, timeout=10_000):
        ok(form)
    wait_ops()
    signed = users.authenticate(council, username="rosa", password="clave-rosa-1")
    assert signed.role is UserRole.MEMBER and signed.member_code == "M002"
    assert [u.username for u in dialog.model.users] == ["admin", "rosa"] and not dialog.empty.isVisibleTo(dialog)
    assert dialog.selected() is not None and dialog.selected().username == "rosa"
    assert dialog.model.index(1, 2).data().endswith("(M002)")


def test_a_taken_name_is_refused_inline(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    dialog = UsersDialog(council)
    qtbot.addWidget(dialog)
    form = dialog.add()
    for field, text in ((form.username, "ADMIN"), (form.password, "otra-clave-9"), (form.repeat, "otra-clave-9")):
        type_in(field, text)
    ok(form)
    wait_ops()
    assert form.isVisible() and form.error.text() == i18n._("There is already a user named %(name)s.") % {
        "name": "admin"}
    assert not message_boxes()


def test_reset_a_password(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    users.add_user(council, username="luis", password="olvidada-1", role=UserRole.SECRETARY)
    dialog = UsersDialog(council)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.reset_button.isEnabled()
    dialog.table.selectRow(1)
    form = dialog.reset_selected()
    assert form is not None and not form.username.isVisibleTo(form)
    type_in(form.password, "nueva-clave-1")
    type_in(form.repeat, "nueva-clave-1")
    with qtbot.waitSignal(form.accepted, timeout=10_000):
        ok(form)
    wait_ops()
    assert users.authenticate(council, username="luis", password="nueva-clave-1").username == "luis"
    with pytest.raises(users.SignInRefused):
        users.authenticate(council, username="luis", password="olvidada-1")


def test_the_last_administrator_cannot_be_removed(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    users.add_user(council, username="luis", password="clave-luis-1", role=UserRole.SECRETARY)
    dialog = UsersDialog(council)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(0)
    box = dialog.ask_remove()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_ops()
    expected = i18n._("%(name)s is the last administrator and cannot be removed; add another administrator first."
                      ) % {"name": "admin"}
    assert [b.text() for b in message_boxes()] == [expected]
    assert [u.username for u in users.list_users(council)] == ["admin", "luis"]
    for shown in message_boxes():
        shown.close()
    dialog.table.selectRow(1)  # a secretary can go
    dialog.ask_remove().button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    wait_ops()
    assert [u.username for u in users.list_users(council)] == ["admin"] == [u.username for u in dialog.model.users]


def _window(qtbot, db, access):  # type: ignore[no-untyped-def]
    from coopdesk.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.set_access(access)
    window.set_database(db)
    return window


def test_the_entry_is_for_administrators(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, council, Access(None))
    users_action = window.actions_by_key["users"]
    assert users_action in window.backups.tools_menu.actions()
    assert window.backups.actions["verify"] in window.backups.tools_menu.actions()
    window.backups.tools_menu.aboutToShow.emit()  # the entry is decided when the menu opens
    assert users_action.isVisible() and users_action.isEnabled()  # no users yet: the first one is made here
    admin = users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    secretary = users.add_user(council, username="luis", password="clave-luis-1", role=UserRole.SECRETARY)
    window.set_access(Access(None))
    assert not users_action.isVisible()  # users now exist: nobody unsigned manages them
    window.set_access(Access(secretary))
    assert not users_action.isVisible()
    assert window.show_users() is None
    window.set_access(Access(admin))
    assert users_action.isVisible()
    dialog = window.show_users()
    assert isinstance(dialog, UsersDialog) and [u.username for u in dialog.model.users] == ["admin", "luis"]
    dialog.close()
    wait_ops()


def test_a_member_signs_out(qtbot, council) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.ui.member_view import MemberWindow

    users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    user = users.add_user(council, username="rosa", password="clave-rosa-1", role=UserRole.MEMBER,
                          member_code="M001")
    window = MemberWindow(council, user)
    qtbot.addWidget(window)
    window.show()
    assert window.sign_out_action in window.file_menu.actions()
    with qtbot.waitSignal(window.signed_out, timeout=5_000):
        window.sign_out_action.trigger()
    assert window.signing_out and not window.isVisible()


def test_the_window_shows_who_signed_in_and_signs_out(qtbot, council, wait_ops, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    admin = users.add_user(council, username="admin", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    secretary = users.add_user(council, username="luis", password="clave-luis-1", role=UserRole.SECRETARY)
    window = _window(qtbot, council, Access(admin))
    window.show()
    sign_out = window.actions_by_key["sign_out"]
    assert sign_out in window.file_menu.actions() and sign_out.isVisible()
    assert window.signed_in_label.isVisibleTo(window) and "admin" in window.signed_in_label.text()
    asked = []
    monkeypatch.setattr("coopdesk.ui.login.sign_in", lambda db, parent=None: asked.append(db) or Access(secretary))
    sign_out.trigger()
    assert not window.isVisible()
    qtbot.waitUntil(window.isVisible, timeout=5_000)  # the next person signed in
    assert asked == [council] and "luis" in window.signed_in_label.text()
    assert not window.actions_by_key["users"].isVisible()  # a secretary does not manage users


def test_a_window_without_users_shows_no_sign_out(qtbot, council) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, council, Access(None))
    assert not window.actions_by_key["sign_out"].isVisible() and not window.signed_in_label.isVisibleTo(window)
