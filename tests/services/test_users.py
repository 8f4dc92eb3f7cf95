"""Users and roles: scrypt hashes, unique names regardless of case, member links, the last administrator,
password resets, and the audit chain that records every change without the hash."""

from __future__ import annotations

import base64
import hashlib
from datetime import date

import pytest
from sqlalchemy import select

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.domain.users import UserRole, hash_password, verify_password
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AuditEventRecord, UserRecord
from coopdesk.services import users
from coopdesk.services.members import create_member
from coopdesk.services.overview import has_users

pytestmark = pytest.mark.real_scrypt  # these tests check the hashes themselves

PASSWORD = "clave-segura-1"


@pytest.fixture
def db(any_db: Database) -> Database:
    create_member(any_db, draft=MemberDraft(code="M001", full_name="Ana Pérez", body=Body.WORKER,
                                            joined_on=date(2015, 3, 1), voting=True))
    return any_db


def test_hash_format_and_verification() -> None:
    stored = hash_password("ñandú-2024", salt=b"0123456789abcdef")
    scheme, n, r, p, salt, key = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "131072", "8", "1")
    assert base64.b64decode(salt) == b"0123456789abcdef"
    assert base64.b64decode(key) == hashlib.scrypt("ñandú-2024".encode(), salt=b"0123456789abcdef",
                                                   n=2**17, r=8, p=1, dklen=32, maxmem=2**28)
    assert verify_password("ñandú-2024", stored)
    assert not verify_password("ñandu-2024", stored)
    assert hash_password("same") != hash_password("same")  # a random salt each time
    for broken in ("", "plain", "scrypt$16384$8$1$bad$", "md5$1$1$1$AA==$AA==", "scrypt$99999999$8$1$AA==$AA=="):
        assert not verify_password("x", broken)


def test_add_sign_in_and_list(db: Database) -> None:
    admin = users.add_user(db, username="Carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    ana = users.add_user(db, username="ana", password=PASSWORD, role=UserRole.MEMBER, member_code="M001")
    assert admin.username == "carmen" and admin.can_edit
    assert (ana.member_code, ana.member_name, ana.can_edit) == ("M001", "Ana Pérez", False)
    assert has_users(db)
    assert [u.username for u in users.list_users(db)] == ["ana", "carmen"]
    assert users.authenticate(db, username=" CARMEN ", password=PASSWORD).role is UserRole.ADMINISTRATOR
    assert users.authenticate(db, username="ana", password=PASSWORD).member_code == "M001"
    with db.read() as session:
        stored = session.scalar(select(UserRecord.password_hash).where(UserRecord.username == "ana"))
    assert stored.startswith("scrypt$131072$8$1$") and PASSWORD not in stored


def test_no_users_means_single_user_desk(db: Database) -> None:
    assert not has_users(db)
    assert users.list_users(db) == []


@pytest.mark.parametrize("name", ["nobody", "ana", ""])
def test_wrong_name_or_password_is_one_message(db: Database, name: str) -> None:
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    users.add_user(db, username="ana", password=PASSWORD, role=UserRole.MEMBER, member_code="M001")
    with pytest.raises(users.SignInRefused) as refused:
        users.authenticate(db, username=name, password="wrong-password")
    assert refused.value.message == "Wrong user name or password."


def test_names_are_unique_regardless_of_case(db: Database) -> None:
    users.add_user(db, username="Ana", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    with pytest.raises(InvalidInput, match="already"):
        users.add_user(db, username="ANA", password=PASSWORD, role=UserRole.SECRETARY)
    assert len(users.list_users(db)) == 1


@pytest.mark.parametrize(("changes", "match"), [
    ({"username": "  "}, "required"),
    ({"username": "ana pérez"}, "spaces"),
    ({"password": "short"}, "at least"),
    ({"role": UserRole.MEMBER}, "linked to a member"),
    ({"role": UserRole.MEMBER, "member_code": "M999"}, "no member"),
])
def test_bad_input_writes_nothing(db: Database, changes: dict[str, object], match: str) -> None:
    values: dict[str, object] = {"username": "ana", "password": PASSWORD, "role": UserRole.ADMINISTRATOR}
    values.update(changes)
    with pytest.raises(InvalidInput, match=match):
        users.add_user(db, **values)  # type: ignore[arg-type]
    assert not has_users(db)


def test_reset_password(db: Database) -> None:
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    users.add_user(db, username="ana", password=PASSWORD, role=UserRole.MEMBER, member_code="M001")
    users.reset_password(db, username="Ana", password="otra-clave-22")
    with pytest.raises(users.SignInRefused):
        users.authenticate(db, username="ana", password=PASSWORD)
    assert users.authenticate(db, username="ana", password="otra-clave-22").username == "ana"
    with pytest.raises(NotFound):
        users.reset_password(db, username="nobody", password="otra-clave-22")
    with pytest.raises(InvalidInput):
        users.reset_password(db, username="ana", password="1")


def test_last_administrator_stays(db: Database) -> None:
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    users.add_user(db, username="luis", password=PASSWORD, role=UserRole.SECRETARY)
    with pytest.raises(InvalidInput, match="last administrator"):
        users.remove_user(db, username="carmen")
    users.add_user(db, username="jose", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    users.remove_user(db, username="Carmen")
    users.remove_user(db, username="luis")
    assert [u.username for u in users.list_users(db)] == ["jose"]
    assert users.count_administrators(db) == 1
    with pytest.raises(InvalidInput, match="last administrator"):
        users.remove_user(db, username="jose")
    with pytest.raises(NotFound):
        users.remove_user(db, username="carmen")


def test_changes_go_to_the_audit_chain_without_hashes(db: Database) -> None:
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR, actor="setup")
    users.add_user(db, username="ana", password=PASSWORD, role=UserRole.MEMBER, member_code="M001")
    users.reset_password(db, username="ana", password="otra-clave-22", actor="carmen")
    users.remove_user(db, username="ana", actor="carmen")
    with db.read() as session:
        events = session.scalars(select(AuditEventRecord).where(AuditEventRecord.entity == "user")
                                 .order_by(AuditEventRecord.id)).all()
        hashes = session.scalars(select(UserRecord.password_hash)).all()
    assert [(e.action, e.entity_id) for e in events] == [
        ("user-add", "carmen"), ("user-add", "ana"), ("password-reset", "ana"), ("user-remove", "ana")]
    assert events[0].actor == "setup" and events[2].actor == "carmen"
    assert '"member":"M001"' in (events[1].after_json or "").replace(" ", "")
    for event in events:
        text = f"{event.before_json} {event.after_json}"
        assert "scrypt" not in text and PASSWORD not in text
        assert all(stored.split("$")[-1] not in text for stored in hashes)


def test_the_first_user_must_be_an_administrator(db: Database) -> None:
    with pytest.raises(InvalidInput, match="first user must be an administrator"):
        users.add_user(db, username="luis", password=PASSWORD, role=UserRole.SECRETARY)
    assert not has_users(db)
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    assert users.add_user(db, username="luis", password=PASSWORD, role=UserRole.SECRETARY).role is UserRole.SECRETARY


def test_the_last_administrator_cannot_be_demoted(db: Database) -> None:
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    users.add_user(db, username="luis", password=PASSWORD, role=UserRole.SECRETARY)
    with pytest.raises(InvalidInput, match="last administrator"):
        users.set_role(db, username="carmen", role=UserRole.SECRETARY)
    users.set_role(db, username="luis", role=UserRole.ADMINISTRATOR)
    assert users.set_role(db, username="carmen", role=UserRole.MEMBER, member_code="M001").role is UserRole.MEMBER
    with pytest.raises(InvalidInput, match="last administrator"):
        users.set_role(db, username="luis", role=UserRole.SECRETARY)
    assert [(u.username, u.role) for u in users.list_users(db)] == [("carmen", UserRole.MEMBER),
                                                                     ("luis", UserRole.ADMINISTRATOR)]


def test_an_older_hash_is_made_again_at_sign_in(db: Database) -> None:
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    salt = b"0123456789abcdef"
    key = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    with db.write() as session:
        session.scalar(select(UserRecord).where(UserRecord.username == "carmen")).password_hash = old
    assert users.authenticate(db, username="carmen", password=PASSWORD).username == "carmen"
    with db.read() as session:
        stored = session.scalar(select(UserRecord.password_hash).where(UserRecord.username == "carmen"))
    assert stored.startswith("scrypt$131072$8$1$") and verify_password(PASSWORD, stored)


def test_sign_in_is_throttled_after_failures(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    users.add_user(db, username="carmen", password=PASSWORD, role=UserRole.ADMINISTRATOR)
    clock = [1_000_000.0]
    monkeypatch.setattr(users.time, "time", lambda: clock[0])
    for _attempt in range(users.SignInThrottle.FREE_FAILURES + 1):
        with pytest.raises(users.SignInRefused):
            users.authenticate(db, username="carmen", password="wrong-password")
    with pytest.raises(users.SignInThrottled) as throttled:  # even the right password waits
        users.authenticate(db, username="carmen", password=PASSWORD)
    assert throttled.value.exit_code == 5 and throttled.value.params["seconds"] == 5
    clock[0] += 6
    with pytest.raises(users.SignInRefused):  # another failure: twice as long
        users.authenticate(db, username="carmen", password="wrong-password")
    clock[0] += 6
    with pytest.raises(users.SignInThrottled):
        users.authenticate(db, username="carmen", password=PASSWORD)
    clock[0] += 5
    assert users.authenticate(db, username="carmen", password=PASSWORD).username == "carmen"
    assert users.authenticate(db, username="carmen", password=PASSWORD).username == "carmen"  # the count is reset
