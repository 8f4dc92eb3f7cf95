"""The people who sign in on a shared office computer: add, list, sign in, reset a password, remove.

A database without users is a single-user desk with full access (how every council starts); once there are
users, the window asks who is there. Every change of a user is appended to the audit chain — the name, role
and member, never a password or its hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.users import (
    DUMMY_HASH,
    UserRole,
    check_password,
    check_username,
    hash_password,
    normalize_username,
    verify_password,
)
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MemberRecord, UserRecord
from coopdesk.services.audit import append_event
from coopdesk.services.change_log import current_actor

ENTITY = "user"


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: UserRole
    member_code: str | None  # the member a member-role user is; may be set for others too
    member_name: str | None
    created_at: datetime

    @property
    def can_edit(self) -> bool:
        return self.role.can_edit


class SignInRefused(InvalidInput):
    """A wrong name or password: one message for both, so that it does not tell which names exist."""

    def __init__(self) -> None:
        super().__init__(N_("Wrong user name or password."))


def _to_user(record: UserRecord, member: MemberRecord | None) -> User:
    return User(id=record.id, username=record.username, role=record.role,
                member_code=member.code if member else None, member_name=member.full_name if member else None,
                created_at=record.created_at)


def _load(session: Session, record: UserRecord) -> User:
    member = session.get(MemberRecord, record.member_id) if record.member_id is not None else None
    return _to_user(record, member)


def _find(session: Session, username: str) -> UserRecord | None:
    return session.scalar(select(UserRecord).where(func.lower(UserRecord.username) == normalize_username(username)))


def _get(session: Session, username: str) -> UserRecord:
    record = _find(session, username)
    if record is None:
        raise NotFound(N_("There is no user named %(name)s."), name=username.strip())
    return record


def list_users(db: Database) -> list[User]:
    with db.read() as session:
        rows = session.execute(select(UserRecord, MemberRecord).outerjoin(
            MemberRecord, MemberRecord.id == UserRecord.member_id).order_by(UserRecord.username)).all()
        return [_to_user(user, member) for user, member in rows]


def count_administrators(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).where(UserRecord.role == UserRole.ADMINISTRATOR)) or 0


def add_user(db: Database, *, username: str, password: str, role: UserRole, member_code: str | None = None,
             actor: str | None = None) -> User:
    """A new user; a member-role user must be linked to a member (it sees only that member's statement)."""
    name = check_username(username)
    check_password(password)
    code = (member_code or "").strip() or None
    if role is UserRole.MEMBER and code is None:
        raise InvalidInput(N_("A user with the member role must be linked to a member (give the member's code)."))
    with db.write() as session:
        if _find(session, name) is not None:
            raise InvalidInput(N_("There is already a user named %(name)s."), name=name)
        member = None
        if code is not None:
            member = session.scalar(select(MemberRecord).where(MemberRecord.code == code))
            if member is None:
                raise NotFound(N_("There is no member with code %(code)s."), code=code)
        record = UserRecord(username=name, password_hash=hash_password(password), role=role,
                            member_id=member.id if member else None)
        session.add(record)
        session.flush()
        append_event(session, action="user-add", entity=ENTITY, entity_id=name,
                     after={"username": name, "role": role.value, "member": code},
                     actor=actor or current_actor())
        return _to_user(record, member)


def authenticate(db: Database, *, username: str, password: str) -> User:
    """The user whose name and password these are, else SignInRefused (the same for either mistake)."""
    with db.read() as session:
        record = _find(session, username) if username.strip() else None
        if record is None:
            verify_password(password, DUMMY_HASH)  # as slow as a wrong password: names are not revealed
            raise SignInRefused()
        if not verify_password(password, record.password_hash):
            raise SignInRefused()
        user = _load(session, record)
    if user.role is UserRole.MEMBER and user.member_code is None:
        raise InvalidInput(N_("The user %(name)s is no longer linked to a member; ask an administrator."),
                           name=user.username)
    return user


def reset_password(db: Database, *, username: str, password: str, actor: str | None = None) -> User:
    """An administrator's reset (or a user's own change): the new password replaces the old one."""
    check_password(password)
    with db.write() as session:
        record = _get(session, username)
        record.password_hash = hash_password(password)
        append_event(session, action="password-reset", entity=ENTITY, entity_id=record.username,
                     actor=actor or current_actor())
        return _load(session, record)


def remove_user(db: Database, *, username: str, actor: str | None = None) -> None:
    """Remove a user; the last administrator stays, so that someone can always manage the others."""
    with db.write() as session:
        record = _get(session, username)
        if record.role is UserRole.ADMINISTRATOR:
            administrators = session.scalars(select(UserRecord.id).where(
                UserRecord.role == UserRole.ADMINISTRATOR).with_for_update()).all()
            if len(administrators) <= 1:
                raise InvalidInput(N_("%(name)s is the last administrator and cannot be removed; add another "
                                      "administrator first."), name=record.username)
        user = _load(session, record)
        session.delete(record)
        append_event(session, action="user-remove", entity=ENTITY, entity_id=user.username,
                     before={"username": user.username, "role": user.role.value, "member": user.member_code},
                     actor=actor or current_actor())
