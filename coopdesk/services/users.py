"""The people who sign in on a shared office computer: add, list, sign in, reset a password, remove.

A database without users is a single-user desk with full access (how every council starts); once there are
users, the window asks who is there. Every change of a user is appended to the audit chain — the name, role
and member, never a password or its hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, defer

from coopdesk.domain.errors import CoopdeskError, InvalidInput, NotAllowed, NotFound
from coopdesk.domain.users import (
    DUMMY_HASH,
    UserRole,
    check_password,
    check_username,
    hash_password,
    needs_rehash,
    normalize_username,
    verify_password,
)
from coopdesk.i18n import N_
from coopdesk.paths import user_data_dir
from coopdesk.persistence.database import Database
from coopdesk.persistence.files import atomic_write
from coopdesk.persistence.models import MemberRecord, UserRecord
from coopdesk.services.audit import append_event
from coopdesk.services.change_log import current_actor
from coopdesk.services.server_roles import (
    create_login,
    drop_login,
    ensure_group_roles,
    move_login,
    stored_password_hash,
)

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


class SignInRefused(NotAllowed):
    """A wrong name or password: one message for both, so that it does not tell which names exist."""

    def __init__(self) -> None:
        super().__init__(N_("Wrong user name or password."))


class SignInThrottled(NotAllowed):
    def __init__(self, seconds: int) -> None:
        super().__init__(N_("Too many failed sign-ins for this name; try again in %(seconds)d seconds."),
                         seconds=seconds)


def _to_user(record: UserRecord, member: MemberRecord | Row[tuple[str, str]] | None) -> User:
    return User(id=record.id, username=record.username, role=record.role,
                member_code=member.code if member else None, member_name=member.full_name if member else None,
                created_at=record.created_at)


def _load(session: Session, record: UserRecord) -> User:
    """The user, reading of its member only what a member's server login may read."""
    member = session.execute(select(MemberRecord.code, MemberRecord.full_name).where(
        MemberRecord.id == record.member_id)).first() if record.member_id is not None else None
    return _to_user(record, member)


def _find(session: Session, username: str) -> UserRecord | None:
    """The user of that name; its password hash is read only when asked for (a server login may not read it)."""
    return session.scalar(select(UserRecord).options(defer(UserRecord.password_hash)).where(
        func.lower(UserRecord.username) == normalize_username(username)))


def _password_hash(session: Session, record: UserRecord) -> str | None:
    """The stored hash to check: on a server through `coopdesk_password_hash` (docs/cli.md, "Signing in")."""
    if session.get_bind().dialect.name == "postgresql":
        return stored_password_hash(session, record.username)
    return record.password_hash


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


def grant_server_roles(db: Database) -> None:
    """On a PostgreSQL server: the group roles of each role, and their grants on this database."""
    with db.write() as session:
        ensure_group_roles(session)


def count_administrators(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).where(UserRecord.role == UserRole.ADMINISTRATOR)) or 0


def add_user(db: Database, *, username: str, password: str, role: UserRole, member_code: str | None = None,
             actor: str | None = None) -> User:
    """A new user; a member-role user must be linked to a member (it sees only that member's statement).

    The first user must be an administrator: once a database has users, only an administrator manages them.
    On a PostgreSQL server the user also gets a login of the same name in the group role of their role."""
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
        if role is not UserRole.ADMINISTRATOR and session.scalar(select(UserRecord.id).limit(1)) is None:
            raise InvalidInput(N_("The first user must be an administrator, so that someone can manage the users "
                                  "once sign-in is asked for."))
        record = UserRecord(username=name, password_hash=hash_password(password), role=role,
                            member_id=member.id if member else None)
        session.add(record)
        session.flush()
        append_event(session, action="user-add", entity=ENTITY, entity_id=name,
                     after={"username": name, "role": role.value, "member": code},
                     actor=actor or current_actor())
        if session.get_bind().dialect.name == "postgresql":
            create_login(session, name, password, role)
        return _to_user(record, member)


def authenticate(db: Database, *, username: str, password: str) -> User:
    """The user whose name and password these are, else SignInRefused (the same for either mistake).

    After a few failures in a row the name is refused for a while, longer after each further failure (see
    `SignInThrottle`), before the password is even looked at. A hash made at a lower cost than today's is
    made again."""
    throttle = SignInThrottle.for_database(db)
    throttle.check(username)
    with db.read() as session:
        record = _find(session, username) if username.strip() else None
        if record is None:
            verify_password(password, DUMMY_HASH)  # as slow as a wrong password: names are not revealed
            throttle.failed(username)
            raise SignInRefused()
        stored = _password_hash(session, record)
        if not verify_password(password, stored or DUMMY_HASH) or stored is None:
            throttle.failed(username)
            raise SignInRefused()
        user = _load(session, record)
        stale = needs_rehash(stored)
    throttle.succeeded(username)
    if user.role is UserRole.MEMBER and user.member_code is None:
        raise InvalidInput(N_("The user %(name)s is no longer linked to a member; ask an administrator."),
                           name=user.username)
    if stale:
        _rehash(db, user.username, password)
    return user


def _rehash(db: Database, username: str, password: str) -> None:
    """The password's hash at today's cost (no audit event: the password did not change)."""
    try:
        with db.write() as session:
            record = _get(session, username)
            record.password_hash = hash_password(password)
    except CoopdeskError:
        pass  # a read-only window, or a member's server login that may not write: next time


class SignInThrottle:
    """Failed sign-ins per database and name, kept in a small file of the user's data folder (so the command line,
    one process per attempt, is slowed down too). Three failures are free; then each failure locks the name for
    twice as long as the last, from 5 seconds up to 5 minutes."""

    FREE_FAILURES = 3
    FIRST_WAIT, LONGEST_WAIT = 5, 300

    def __init__(self, place: str, path: Path) -> None:
        self.place, self.path = place, path

    @classmethod
    def for_database(cls, db: Database) -> SignInThrottle:
        return cls(db.describe(), user_data_dir() / "sign-in-failures.json")

    def _key(self, username: str) -> str:
        return hashlib.sha256(f"{self.place}\n{normalize_username(username)}".encode()).hexdigest()[:32]

    def _load(self) -> dict[str, list[float]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self, data: dict[str, list[float]]) -> None:
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps(data).encode("utf-8"))

    def check(self, username: str) -> None:
        _failures, until = self._load().get(self._key(username), [0, 0.0])
        wait = int(until - time.time() + 0.999)
        if wait > 0:
            raise SignInThrottled(wait)

    def failed(self, username: str) -> None:
        data = self._load()
        failures = int(data.get(self._key(username), [0, 0.0])[0]) + 1
        extra = failures - self.FREE_FAILURES - 1
        wait = 0 if extra < 0 else min(self.LONGEST_WAIT, self.FIRST_WAIT * 2 ** extra)
        data[self._key(username)] = [failures, time.time() + wait]
        self._save(data)

    def succeeded(self, username: str) -> None:
        data = self._load()
        if data.pop(self._key(username), None) is not None:
            self._save(data)


def reset_password(db: Database, *, username: str, password: str, actor: str | None = None) -> User:
    """An administrator's reset (or a user's own change): the new password replaces the old one."""
    check_password(password)
    with db.write() as session:
        record = _get(session, username)
        record.password_hash = hash_password(password)
        append_event(session, action="password-reset", entity=ENTITY, entity_id=record.username,
                     actor=actor or current_actor())
        return _load(session, record)


def set_role(db: Database, *, username: str, role: UserRole, member_code: str | None = None,
             actor: str | None = None) -> User:
    """Change a user's role; the last administrator is never demoted (someone must manage the users)."""
    with db.write() as session:
        record = _get(session, username)
        if record.role is role:
            return _load(session, record)
        if record.role is UserRole.ADMINISTRATOR:
            _keep_an_administrator(session, record, N_("%(name)s is the last administrator and cannot be given another "
                                                       "role; make someone else an administrator first."))
        code = (member_code or "").strip() or None
        if code is not None:
            member = session.scalar(select(MemberRecord).where(MemberRecord.code == code))
            if member is None:
                raise NotFound(N_("There is no member with code %(code)s."), code=code)
            record.member_id = member.id
        if role is UserRole.MEMBER and record.member_id is None:
            raise InvalidInput(N_("A user with the member role must be linked to a member (give the member's code)."))
        before = record.role
        record.role = role
        append_event(session, action="user-role", entity=ENTITY, entity_id=record.username,
                     before={"role": before.value}, after={"role": role.value}, actor=actor or current_actor())
        if session.get_bind().dialect.name == "postgresql":
            move_login(session, record.username, role)
        return _load(session, record)


def _keep_an_administrator(session: Session, record: UserRecord, message: str) -> None:
    administrators = session.scalars(select(UserRecord.id).where(
        UserRecord.role == UserRole.ADMINISTRATOR).with_for_update()).all()
    if len(administrators) <= 1:
        raise InvalidInput(message, name=record.username)


def remove_user(db: Database, *, username: str, actor: str | None = None) -> None:
    """Remove a user; the last administrator stays, so that someone can always manage the others."""
    with db.write() as session:
        record = _get(session, username)
        if record.role is UserRole.ADMINISTRATOR:
            _keep_an_administrator(session, record, N_("%(name)s is the last administrator and cannot be removed; "
                                                       "add another administrator first."))
        user = _load(session, record)
        session.delete(record)
        append_event(session, action="user-remove", entity=ENTITY, entity_id=user.username,
                     before={"username": user.username, "role": user.role.value, "member": user.member_code},
                     actor=actor or current_actor())
        if session.get_bind().dialect.name == "postgresql":
            drop_login(session, user.username)
