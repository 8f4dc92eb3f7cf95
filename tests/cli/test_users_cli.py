"""`users add|list|reset|remove`: passwords from standard input or a prompt (never the command line), exit
codes, and the rules of the service (a member is linked, the last administrator stays)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from coopdesk import cli
from coopdesk.bootstrap import open_database
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.services import users
from coopdesk.services.members import create_member
from coopdesk.services.overview import has_users


@pytest.fixture
def council(tmp_path: Path) -> str:
    path = tmp_path / "c.sqlite3"
    db = open_database(path)
    create_member(db, draft=MemberDraft(code="M001", full_name="Ana Pérez", body=Body.WORKER,
                                        joined_on=date(2015, 3, 1), voting=True))
    db.dispose()
    return str(path)


def run(council: str, *args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch, admin: bool = False) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    sign_in = []
    if admin:  # once the database has users, changing them needs an administrator signed in
        password_file = Path(council).with_name("carmen.txt")
        password_file.write_text("clave-admin-1\n", encoding="utf-8")
        sign_in = ["--user", "carmen", "--password-file", str(password_file)]
    return cli.main(["--db", council, "--lang", "en", *sign_in, "users", *args])


def test_add_list_reset_remove(council: str, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert run(council, "add", "Carmen", "--role", "administrator", "--password-stdin",
               stdin="clave-admin-1\n", monkeypatch=monkeypatch) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines()[-1] == "1"
    assert "User carmen added (Administrator)." in printed.err
    assert run(council, "add", "ana", "--role", "member", "--member", "M001", "--password-stdin",
               stdin="clave-ana-12\n", monkeypatch=monkeypatch) == 5  # nobody signed in
    assert run(council, "add", "ana", "--role", "member", "--member", "M001", "--password-stdin",
               stdin="clave-ana-12\n", monkeypatch=monkeypatch, admin=True) == 0
    capsys.readouterr()
    assert run(council, "list", monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.splitlines() == ["ana\tmember\tM001\tAna Pérez", "carmen\tadministrator\t\t"]

    assert run(council, "reset", "ANA", "--password-stdin", stdin="nueva-clave-3\n", monkeypatch=monkeypatch,
               admin=True) == 0
    assert "New password set for ana." in capsys.readouterr().err
    db = open_database(council)
    try:
        assert users.authenticate(db, username="ana", password="nueva-clave-3").member_code == "M001"
    finally:
        db.dispose()

    assert run(council, "remove", "carmen", monkeypatch=monkeypatch, admin=True) == 3
    assert "last administrator" in capsys.readouterr().err
    assert run(council, "role", "carmen", "--role", "secretary", monkeypatch=monkeypatch, admin=True) == 3
    assert "last administrator" in capsys.readouterr().err
    assert run(council, "remove", "ana", monkeypatch=monkeypatch, admin=True) == 0
    assert run(council, "list", monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.splitlines() == ["carmen\tadministrator\t\t"]


def test_prompted_password_is_asked_twice(council: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    # the new password twice; then, to reset it, luis signs in (asked once) and types two different ones
    answers = iter(["clave-secreta-1", "clave-secreta-1", "clave-secreta-1", "una-clave-2", "otra-clave-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    stdin = io.StringIO("")
    stdin.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", stdin)
    assert cli.main(["--db", council, "--lang", "en", "users", "add", "luis", "--role", "administrator"]) == 0
    assert cli.main(["--db", council, "--lang", "en", "--user", "luis", "users", "reset", "luis"]) == 3
    assert "The two passwords differ" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "stdin", "code", "message"), [
    (("add", "ana", "--role", "member", "--password-stdin"), "clave-ana-12\n", 3, "linked to a member"),
    (("add", "ana", "--role", "member", "--member", "M404", "--password-stdin"), "clave-ana-12\n", 3, "M404"),
    (("add", "ana", "--role", "secretary", "--password-stdin"), "corta\n", 3, "at least 8"),
    (("add", "ana", "--role", "boss", "--password-stdin"), "clave-ana-12\n", 2, "invalid choice"),
    (("add", "ana", "--role", "secretary"), "", 2, "--password-stdin"),
    (("reset", "nobody", "--password-stdin"), "clave-ana-12\n", 3, "no user named nobody"),
    (("remove", "nobody"), "", 3, "no user named nobody"),
])
def test_refusals(council: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                  args: tuple[str, ...], stdin: str, code: int, message: str) -> None:
    assert run(council, *args, stdin=stdin, monkeypatch=monkeypatch) == code
    assert message in capsys.readouterr().err
    db = open_database(council)
    try:
        assert not has_users(db)
    finally:
        db.dispose()
