"""Shared PostgreSQL mode: the password from the keyring or a prompt (never a file), sslmode passed through,
short lock waits, and the least-privilege roles the README describes."""

from __future__ import annotations

import secrets
import sys
import time
import types
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from coopdesk.bootstrap import open_database
from coopdesk.domain.errors import CoopdeskError, DatabaseError, DatabaseLocked, InvalidInput
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence import credentials
from coopdesk.persistence.database import Database
from coopdesk.services.members import create_member, get_member, update_member
from coopdesk.services.verify import verify_database

ANA = MemberDraft("M001", "Ana Pérez", Body.WORKER, date(2020, 1, 1), True)


class Server:
    """A stand-in for libpq's connect: which passwords it takes, and what it was offered."""

    def __init__(self, password: str | None) -> None:
        self.password, self.offered = password, []

    def connect(self, **params: object) -> str:
        offered = params.get("password")
        self.offered.append(offered)
        if self.password is None or offered == self.password:
            return "connection"
        if offered is None:
            raise RuntimeError('connection failed: fe_sendauth: no password supplied')
        raise RuntimeError('FATAL:  password authentication failed for user "ana"')


@pytest.fixture(autouse=True)
def clean_credentials(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(sys.modules, "keyring", None)  # no keyring unless a test installs one
    credentials.set_prompt(None)
    credentials.forget("ana@server")
    yield
    credentials.set_prompt(None)
    credentials.forget("ana@server")


def connect(server: Server) -> object:
    return credentials.connect(server.connect, credentials.is_password_error, "ana@server", {})


def test_a_server_that_needs_no_password_is_never_asked_for_one() -> None:
    credentials.set_prompt(lambda account, retry: pytest.fail("asked for a password"))
    server = Server(None)
    assert connect(server) == "connection" and server.offered == [None]


def test_the_password_is_asked_for_again_when_refused_and_kept_in_memory_only() -> None:
    asked = []

    def prompt(account: str, retry: bool) -> str:
        asked.append((account, retry))
        return "wrong" if not retry else "s3creto"

    credentials.set_prompt(prompt)
    server = Server("s3creto")
    assert connect(server) == "connection"
    assert asked == [("ana@server", False), ("ana@server", True)]
    assert connect(server) == "connection" and len(asked) == 2  # the pool's next connection: not asked again


def test_the_keyring_is_asked_first(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = {("coopdesk", "ana@server"): "s3creto"}
    keyring = types.SimpleNamespace(get_password=lambda service, user: stored.get((service, user)),
                                    set_password=lambda service, user, password: stored.update(
                                        {(service, user): password}))
    monkeypatch.setitem(sys.modules, "keyring", keyring)
    credentials.set_prompt(lambda account, retry: pytest.fail("asked although the keyring knows it"))
    server = Server("s3creto")
    assert connect(server) == "connection" and server.offered == ["s3creto"]
    assert credentials.store_in_keyring("luis@server", "otra") and stored[("coopdesk", "luis@server")] == "otra"


def test_without_a_way_to_ask_the_message_says_what_to_do(english: None) -> None:
    with pytest.raises(credentials.PasswordRequired) as refused:
        connect(Server("s3creto"))
    assert refused.value.exit_code == 4
    assert "ana@server" in refused.value.translated() and "keyring" in refused.value.translated()
    credentials.set_prompt(lambda account, retry: None)  # the person cancelled the dialog
    with pytest.raises(credentials.PasswordRequired):
        connect(Server("s3creto"))
    credentials.set_prompt(lambda account, retry: "wrong")
    with pytest.raises(credentials.PasswordRefused):
        connect(Server("s3creto"))


def test_a_password_never_reaches_what_preferences_keep() -> None:
    db = Database.open("postgresql+psycopg://ana:s3creto@server.local:5432/consejo?sslmode=verify-full")
    try:
        assert db.describe() == "postgresql+psycopg://ana@server.local:5432/consejo?sslmode=verify-full"
    finally:
        db.dispose()


# ---- against the server

@pytest.mark.postgres
def test_sslmode_is_passed_to_the_server(pg_url: str, english: None) -> None:
    db = Database.open(f"{pg_url}?sslmode=require")
    try:
        try:
            with db.read() as session:
                session.execute(text("SELECT 1"))
        except DatabaseError as refused:  # a server without TLS refuses, and says why
            assert "SSL" in refused.translated()
    finally:
        db.dispose()


@pytest.mark.postgres
def test_sessions_run_in_utc_and_a_held_lock_gives_a_clear_message_within_seconds(pg_database: Database,
                                                                                   pg_url: str) -> None:
    with pg_database.engine.begin() as connection:
        connection.execute(text("TRUNCATE members, member_status_changes, audit_events RESTART IDENTITY CASCADE"))
    member = create_member(pg_database, draft=ANA)
    with pg_database.read() as session:
        assert session.execute(text("SHOW TimeZone")).scalar() == "UTC"
    impatient = Database.open(f"{pg_url}?options=-c%20lock_timeout%3D300")  # the URL's options win over ours
    holder = pg_database.engine.connect()
    try:
        holder.execute(text("SELECT id FROM members WHERE id = :id FOR UPDATE"), {"id": member.id})
        started = time.monotonic()
        with pytest.raises(DatabaseLocked):
            update_member(impatient, member_id=member.id, version=member.version,
                          draft=MemberDraft("M001", "Ana María", Body.WORKER, date(2020, 1, 1), True))
        assert time.monotonic() - started < 3
    finally:
        holder.rollback()
        holder.close()
        impatient.dispose()
    assert get_member(pg_database, member.id).member.full_name == "Ana Pérez"


@pytest.mark.postgres
def test_the_least_privilege_roles_of_the_readme(pg_url: str, worker_id: str) -> None:
    """An owner role that only `coopdesk init` uses; secretaries in an app role with row rights only."""
    admin_url = make_url(pg_url)
    suffix = f"{worker_id}_{secrets.token_hex(3)}"
    owner, app, ana, name = f"cd_owner_{suffix}", f"cd_app_{suffix}", f"cd_ana_{suffix}", f"cd_roles_{suffix}"
    password = secrets.token_urlsafe(12)  # given in the URL here (a script), so the test runs under any auth
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for statement in (f"CREATE ROLE {owner} LOGIN PASSWORD '{password}'", f"CREATE ROLE {app} NOLOGIN",
                          f"CREATE ROLE {ana} LOGIN PASSWORD '{password}' IN ROLE {app}",
                          f"CREATE DATABASE {name} OWNER {owner}"):
            connection.execute(text(statement))
    inside = create_engine(admin_url.set(database=name), isolation_level="AUTOCOMMIT")
    try:
        with inside.connect() as connection:
            for statement in (
                f"REVOKE ALL ON DATABASE {name} FROM PUBLIC", f"GRANT CONNECT ON DATABASE {name} TO {app}",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC", f"GRANT USAGE ON SCHEMA public TO {app}",
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
            ):
                connection.execute(text(statement))
        as_owner = admin_url.set(username=owner, password=password, database=name)
        as_ana = admin_url.set(username=ana, password=password, database=name)
        with pytest.raises(DatabaseError):  # before `init`, a secretary's coopdesk does not touch the schema
            open_database(as_ana.render_as_string(hide_password=False))
        open_database(as_owner.render_as_string(hide_password=False), migrate=True).dispose()  # `coopdesk init`
        with inside.connect() as connection:  # after init: the append-only tables lose UPDATE and DELETE too
            connection.execute(text(f"REVOKE UPDATE, DELETE ON audit_events, ledger_entries FROM {app}"))
            connection.execute(text(f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {app}"))
        db = open_database(as_ana.render_as_string(hide_password=False))
        try:
            member = create_member(db, draft=ANA)
            update_member(db, member_id=member.id, version=member.version,
                          draft=MemberDraft("M001", "Ana María Pérez", Body.WORKER, date(2020, 1, 1), True))
            assert verify_database(db).sound
            for statement in ("CREATE TABLE notes (id integer)", "DELETE FROM audit_events",
                              "UPDATE alembic_version SET version_num = '9999'", "DROP TABLE members"):
                with pytest.raises(CoopdeskError) as refused, db.write() as session:
                    session.execute(text(statement))
                assert isinstance(refused.value, DatabaseError | InvalidInput), statement
        finally:
            db.dispose()
    finally:
        inside.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            for role in (ana, app, owner):
                connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()
