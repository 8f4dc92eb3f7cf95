"""On the PostgreSQL server the database's own grants decide: logged in as a member's login (the one
`users add` made), an attacker may read what the member window shows and nothing else, and write nothing — not
the users table, not the minutes, not the ledger, not the audit chain. A secretary keeps the records but may not
write `users` nor change the append-only tables. Group roles are cluster-wide: they may exist already."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import date

import pytest

from coopdesk.domain.members import Body, MemberDraft
from coopdesk.domain.users import UserRole
from coopdesk.persistence.database import Database
from coopdesk.services.members import create_member
from coopdesk.services.users import SignInRefused, add_user, authenticate, grant_server_roles

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")
PASSWORD = "clave-servidor-1"


@pytest.fixture
def server(pg_database: Database) -> Iterator[tuple[Database, dict[str, str]]]:
    from sqlalchemy import text

    from coopdesk.persistence.models import load_all

    tables = ", ".join(table.name for table in load_all().metadata.sorted_tables)
    with pg_database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    suffix = secrets.token_hex(3)  # logins are cluster-wide: names of our own
    names = {role: f"{role.value}_{suffix}" for role in UserRole}
    grant_server_roles(pg_database)
    grant_server_roles(pg_database)  # `init` again: the roles exist already, and that is fine
    create_member(pg_database, draft=MemberDraft(code="M001", full_name="Ana Pérez", body=Body.WORKER,
                                                 joined_on=date(2015, 3, 1), voting=True))
    create_member(pg_database, draft=MemberDraft(code="M002", full_name="Luis Mora", body=Body.WORKER,
                                                 joined_on=date(2015, 3, 1), voting=True))
    add_user(pg_database, username=names[UserRole.ADMINISTRATOR], password=PASSWORD, role=UserRole.ADMINISTRATOR)
    add_user(pg_database, username=names[UserRole.SECRETARY], password=PASSWORD, role=UserRole.SECRETARY)
    add_user(pg_database, username=names[UserRole.MEMBER], password=PASSWORD, role=UserRole.MEMBER,
             member_code="M001")
    with pg_database.engine.begin() as connection:
        connection.execute(text("INSERT INTO pay_periods (starts_on, ends_on, state, version) "
                                "VALUES ('2026-11-01', '2026-11-15', 'open', 1)"))
        connection.execute(text("INSERT INTO hours (period_id, member_id, hundredths) VALUES (1, 1, 8000), "
                                "(1, 2, 7000)"))
    yield pg_database, {role.value: name for role, name in names.items()}
    with pg_database.engine.begin() as connection:
        for name in names.values():
            connection.execute(text(f'DROP OWNED BY "{name}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))


def _login(db: Database, name: str):  # type: ignore[no-untyped-def]
    url = db.url
    return psycopg.connect(host=url.host, port=url.port or 5432, dbname=url.database, user=name, password=PASSWORD,
                           autocommit=True)


ATTACKS = [
    "UPDATE users SET role = 'administrator'",
    "INSERT INTO users (username, password_hash, role, created_at) VALUES ('eve', 'x', 'administrator', now())",
    "UPDATE agenda_items SET minutes = 'Nada se dijo.'",
    "UPDATE meetings SET state = 'closed'",
    "INSERT INTO ledger_entries (posted_at, posted_on, member_id, kind, amount_cents) "
    "VALUES (now(), '2026-01-01', 1, 'net', 99999)",
    "DELETE FROM audit_events",
    "UPDATE members SET voting = false",
    "UPDATE hours SET hundredths = 9999",
    "SELECT password_hash FROM users",
    "SELECT phone, national_id FROM members",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_member_login_is_denied(server: tuple[Database, dict[str, str]], attack: str) -> None:
    db, names = server
    with _login(db, names["member"]) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(attack)


def test_a_member_login_reads_what_the_member_window_shows(server: tuple[Database, dict[str, str]]) -> None:
    db, names = server
    with _login(db, names["member"]) as connection:
        assert connection.execute("SELECT count(*) FROM meetings").fetchone() == (0,)
        assert connection.execute("SELECT code, full_name FROM members ORDER BY code").fetchall() == [
            ("M001", "Ana Pérez"), ("M002", "Luis Mora")]
        assert connection.execute("SELECT member_id, hundredths FROM hours").fetchall() == [(1, 8000)]  # own only


@pytest.mark.parametrize("attack", [
    "UPDATE users SET role = 'administrator'",
    "DELETE FROM audit_events",
    "UPDATE ledger_entries SET amount_cents = 1",
    "SELECT password_hash FROM users",
])
def test_a_secretary_login_may_not_touch_users_or_append_only_rows(
        server: tuple[Database, dict[str, str]], attack: str) -> None:
    db, names = server
    with _login(db, names["secretary"]) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(attack)


def test_a_secretary_login_keeps_the_records(server: tuple[Database, dict[str, str]]) -> None:
    db, names = server
    with _login(db, names["secretary"]) as connection:
        connection.execute("UPDATE hours SET hundredths = 8100 WHERE member_id = 1")
        assert connection.execute("SELECT count(*) FROM hours").fetchone() == (2,)


def test_an_administrator_login_manages_users(server: tuple[Database, dict[str, str]]) -> None:
    db, names = server
    with _login(db, names["administrator"]) as connection:
        connection.execute("UPDATE users SET role = 'secretary' WHERE username = %s", (names["member"],))


def _as_login(db: Database, name: str, password: str = PASSWORD) -> Database:
    """The database as the window or the command line opens it when the URL names that login."""
    return Database.open(db.url.set(username=name, password=password).render_as_string(hide_password=False))


@pytest.mark.parametrize("role", ["member", "secretary"])
def test_a_member_or_secretary_signs_in_through_their_own_login(
        server: tuple[Database, dict[str, str]], role: str) -> None:
    db, names = server
    theirs = _as_login(db, names[role])
    try:
        user = authenticate(theirs, username=names[role].upper(), password=PASSWORD)
        assert (user.username, user.role.value) == (names[role], role)
        assert user.member_code == ("M001" if role == "member" else None)
        with pytest.raises(SignInRefused):
            authenticate(theirs, username=names[role], password="not-the-password")
    finally:
        theirs.dispose()


def test_the_password_hash_function_gives_a_login_its_own_hash_only(server: tuple[Database, dict[str, str]]) -> None:
    db, names = server
    with _login(db, names["member"]) as connection:
        own = connection.execute("SELECT coopdesk_password_hash(%s)", (names["member"],)).fetchone()
        assert own is not None and own[0].startswith("scrypt$")
        for other in (names["administrator"], names["secretary"], "nobody"):
            assert connection.execute("SELECT coopdesk_password_hash(%s)", (other,)).fetchone() == (None,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("SELECT password_hash FROM users")
    with _login(db, names["administrator"]) as connection:  # it may read the table anyway
        assert connection.execute("SELECT coopdesk_password_hash(%s)", (names["member"],)).fetchone() == own


def test_a_member_login_cannot_sign_in_as_someone_else(server: tuple[Database, dict[str, str]]) -> None:
    db, names = server
    theirs = _as_login(db, names["member"])
    try:
        with pytest.raises(SignInRefused):  # even with the right password: the login reads no other hash
            authenticate(theirs, username=names["secretary"], password=PASSWORD)
    finally:
        theirs.dispose()


def test_the_password_hash_function_is_not_for_public(server: tuple[Database, dict[str, str]]) -> None:
    db, _names = server
    outsider = f"outsider_{secrets.token_hex(3)}"
    with db.engine.begin() as connection:
        from sqlalchemy import text

        connection.execute(text(f"CREATE ROLE {outsider} LOGIN PASSWORD '{PASSWORD}'"))
    try:
        with _login(db, outsider) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("SELECT coopdesk_password_hash('x')")
    finally:
        with db.engine.begin() as connection:
            connection.execute(text(f"DROP ROLE {outsider}"))
