"""The sign-in dialog: a wrong password is refused with a translated message and nothing else happens; the
right one signs the user in (and makes them the actor of later changes); no users means no dialog."""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.conftest import GUI

pytestmark = GUI

from coopdesk import i18n  # noqa: E402
from coopdesk.domain.members import Body, MemberDraft  # noqa: E402
from coopdesk.domain.users import UserRole  # noqa: E402
from coopdesk.services import users  # noqa: E402
from coopdesk.services.change_log import current_actor, set_signed_in_user  # noqa: E402
from coopdesk.services.members import create_member  # noqa: E402
from coopdesk.ui.login import LoginDialog, sign_in  # noqa: E402

PASSWORD = "clave-ana-12"


@pytest.fixture
def council(db):  # type: ignore[no-untyped-def]
    create_member(db, draft=MemberDraft(code="M001", full_name="Ana Pérez", body=Body.WORKER,
                                        joined_on=date(2015, 3, 1), voting=True))
    users.add_user(db, username="carmen", password="clave-admin-1", role=UserRole.ADMINISTRATOR)  # the first user
    users.add_user(db, username="ana", password=PASSWORD, role=UserRole.MEMBER, member_code="M001")
    yield db
    set_signed_in_user(None)


def type_in(dialog: LoginDialog, name: str, password: str) -> None:
    dialog.username.setText(name)
    dialog.username.textEdited.emit(name)
    dialog.password.setText(password)
    dialog.password.textEdited.emit(password)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_wrong_password_is_refused_with_a_translated_message(qtbot, council, lang: str) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.ui.language import apply_language

    apply_language(lang)
    dialog = LoginDialog(council, place="El Maizal")
    qtbot.addWidget(dialog)
    dialog.show()
    type_in(dialog, "ana", "not-the-password")
    dialog.try_sign_in()
    assert dialog.user is None and dialog.result() != LoginDialog.DialogCode.Accepted
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == i18n._("Wrong user name or password.")
    assert dialog.password.text() == "" and dialog.username.text() == "ana"
    type_in(dialog, "nobody", "whatever-it-is")
    assert not dialog.error.isVisibleTo(dialog)  # typing again clears the message
    dialog.try_sign_in()
    assert dialog.error.text() == i18n._("Wrong user name or password.")


def test_right_password_signs_in(qtbot, council) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(council)
    qtbot.addWidget(dialog)
    dialog.show()
    type_in(dialog, " ANA ", PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        dialog.buttons.accepted.emit()
    assert dialog.user is not None and dialog.user.member_code == "M001" and not dialog.user.can_edit
    assert current_actor() == "ana"


def test_no_users_no_dialog(db) -> None:  # type: ignore[no-untyped-def]
    access = sign_in(db)
    assert access is not None and access.user is None and access.can_edit
