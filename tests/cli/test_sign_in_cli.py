"""Signing in at the command line: once a database has users, a command that writes needs `--user` and the
password of a secretary or an administrator (users commands: an administrator); a refusal exits 5 before any
input file is read and writes nothing. Commands that only read, and a database without users, ask nothing."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from coopdesk.bootstrap import open_database
from coopdesk.cli import main
from coopdesk.domain.users import UserRole
from coopdesk.services.users import add_user

ADMIN_PASSWORD, SECRETARY_PASSWORD = "clave-admin-1", "clave-secre-2"


@pytest.fixture
def council(tmp_path: Path, data_dir: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    assert main(["--db", str(path), "members", "import", str(data_dir / "members.csv")]) == 0  # no users: open
    db = open_database(path)
    add_user(db, username="carmen", password=ADMIN_PASSWORD, role=UserRole.ADMINISTRATOR)
    add_user(db, username="luis", password=SECRETARY_PASSWORD, role=UserRole.SECRETARY)
    add_user(db, username="ana", password="clave-socia-3", role=UserRole.MEMBER, member_code="M001")
    db.dispose()
    return path


def _password_file(folder: Path, password: str) -> str:
    path = folder / "clave.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return str(path)


def _events(db: Path) -> int:
    with sqlite3.connect(db) as raw:
        return raw.execute("SELECT count(*) FROM audit_events").fetchone()[0]


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.mark.parametrize(("user", "password", "message"), [
    (None, None, "sign in with --user"),
    ("luis", "wrong-password", "Wrong user name or password"),
    ("nadie", "wrong-password", "Wrong user name or password"),
    ("ana", "clave-socia-3", "may not do this"),
    ("luis", None, "no terminal"),
])
def test_a_write_without_the_right_sign_in_exits_5_and_writes_nothing(
        council: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None,
        user: str | None, password: str | None, message: str) -> None:
    before = _events(council)
    sign_in = (["--user", user] if user else []) + (
        ["--password-file", _password_file(tmp_path, password)] if password else [])
    missing = tmp_path / "no-such-file.csv"  # the check comes before the file is read: no "no such file"
    capsys.readouterr()
    assert main(["--db", str(council), "--lang", "en", *sign_in, "members", "import", str(missing)]) == 5
    assert message in capsys.readouterr().err
    assert _events(council) == before


def test_a_secretary_writes_and_is_the_actor(council: Path, tmp_path: Path, data_dir: Path) -> None:
    sign_in = ["--user", "Luis", "--password-file", _password_file(tmp_path, SECRETARY_PASSWORD)]
    assert main(["--db", str(council), *sign_in, "ledger", "period", "open", "2026-11-01", "2026-11-15"]) == 0
    with sqlite3.connect(council) as raw:
        assert raw.execute("SELECT actor FROM audit_events ORDER BY id DESC LIMIT 1").fetchone() == ("luis",)


def test_users_commands_need_an_administrator(council: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("clave-nueva-9\n"))
    secretary = ["--user", "luis", "--password-file", _password_file(tmp_path, SECRETARY_PASSWORD)]
    assert main(["--db", str(council), "--lang", "en", *secretary, "users", "reset", "ana", "--password-stdin"]) == 5
    assert "Administrator" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("clave-nueva-9\n"))
    admin = ["--user", "carmen", "--password-file", _password_file(tmp_path, ADMIN_PASSWORD)]
    assert main(["--db", str(council), *admin, "users", "reset", "ana", "--password-stdin"]) == 0


def test_reading_commands_ask_nothing(council: Path, tmp_path: Path, no_terminal: None) -> None:
    assert main(["--db", str(council), "verify"]) == 0
    assert main(["--db", str(council), "members", "export", str(tmp_path / "socios.csv")]) == 0
    assert main(["--db", str(council), "users", "list"]) == 0
    assert main(["--db", str(council), "report", "members", "-o", str(tmp_path / "r.pdf")]) == 0


def test_sign_in_is_throttled_at_the_command_line(council: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], no_terminal: None) -> None:
    wrong = ["--user", "luis", "--password-file", _password_file(tmp_path, "wrong-password")]
    for _attempt in range(4):
        assert main(["--db", str(council), "--lang", "en", *wrong, "ledger", "period", "open", "2026-11-01",
                     "2026-11-15"]) == 5
    right = ["--user", "luis", "--password-file", _password_file(tmp_path, SECRETARY_PASSWORD)]
    capsys.readouterr()
    assert main(["--db", str(council), "--lang", "en", *right, "ledger", "period", "open", "2026-11-01",
                 "2026-11-15"]) == 5
    assert "try again in" in capsys.readouterr().err
