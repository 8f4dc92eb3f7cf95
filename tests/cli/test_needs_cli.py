"""`needs`, `commitments`, `incidents` and the reports `letter` and `needs` on the command line: a need's whole
life, the JSON keys, exit codes that write nothing, and privacy for whoever reads without signing in."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from coopdesk import cli
from tests.reports.helpers import flat, pdf_text
from tests.services.needs_council import approve, decide, fill

TODAY = date.today()


@pytest.fixture
def council(tmp_path: Path) -> tuple[str, int]:
    path = str(tmp_path / "c.sqlite3")
    from coopdesk.bootstrap import open_database

    db = open_database(path)
    try:
        meeting_id = fill(db)
    finally:
        db.dispose()
    return path, meeting_id


def run(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db, "--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(db: str, table: str) -> int:
    with sqlite3.connect(db) as raw:
        count = raw.execute(f"select count(*) from {table}").fetchone()[0]
    raw.close()
    return count


def test_a_need_from_the_command_line(council: tuple[str, int], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db, meeting_id = council
    code, out, _ = run(db, capsys, "needs", "add", "--kind", "community", "--title", "Agua potable")
    assert code == 0 and out.strip().splitlines()[-1] == "1"
    code, out, _ = run(db, capsys, "needs", "raise", "1", "--meeting", str(meeting_id))
    assert code == 0 and "agenda" in out
    from coopdesk.bootstrap import open_database
    from coopdesk.services import meetings

    database = open_database(db)
    try:
        item = meetings.meeting_detail(database, meeting_id).items[-1]
        decision = decide(database, item.id, "Pedir al consejo comunal y a Hidrolara el tanque")
    finally:
        database.dispose()
    assert run(db, capsys, "needs", "decide", "1", "--decision", str(decision))[0] == 0
    code, out, _ = run(db, capsys, "needs", "list", "--open", "--json")
    assert json.loads(out) == [{"id": 1, "kind": "community", "member": None, "title": "Agua potable",
                                "state": "decided", "raised_in": meeting_id, "decision": decision,
                                "private": False, "met_on": None}]
    code, out, _ = run(db, capsys, "needs", "met", "1", "--on", TODAY.isoformat(), "--how", "Tanque instalado")
    assert code == 0
    assert json.loads(run(db, capsys, "needs", "list", "--open", "--json")[1]) == []
    listed = json.loads(run(db, capsys, "needs", "list", "--json")[1])
    assert listed[0]["state"] == "met" and listed[0]["met_on"] == TODAY.isoformat()
    assert run(db, capsys, "needs", "export", str(tmp_path / "needs.csv"))[0] == 0
    with (tmp_path / "needs.csv").open(encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert exported[0]["title"] == "Agua potable" and exported[0]["how"] == "Tanque instalado"


@pytest.mark.parametrize("args", [
    ["needs", "add", "--kind", "personal", "--title", "Lentes"],  # no member for a personal need
    ["needs", "add", "--kind", "family", "--member", "M999", "--title", "Lentes"],
    ["needs", "add", "--kind", "community", "--title", " "],
    ["needs", "add", "--kind", "community", "--title", "x" * 201],
    ["needs", "raise", "7", "--meeting", "1"],
    ["needs", "met", "7", "--on", "2026-01-01", "--how", "x"],
    ["commitments", "add", "--owed-by", "Gerencia", "--what", "x", "--due", "2026-01-01", "--decision", "99"],
    ["commitments", "add", "--owed-by", "", "--what", "x", "--due", "2026-01-01"],
    ["commitments", "done", "5", "--on", "2026-01-01"],
    ["incidents", "add", "--on", "2026-01-01", "--kind", "hazard", "--what", "x", "--member", "M999"],
    ["incidents", "add", "--on", (TODAY + timedelta(days=2)).isoformat(), "--kind", "hazard", "--what", "x"],
])
def test_bad_input_is_exit_3_and_writes_nothing(council: tuple[str, int], capsys: pytest.CaptureFixture[str],
                                                args: list[str]) -> None:
    db, _meeting = council
    before = {table: rows(db, table) for table in ("needs", "commitments", "incidents", "audit_events")}
    code, _out, err = run(db, capsys, *args)
    assert code == 3 and err.strip() and "Traceback" not in err
    assert {table: rows(db, table) for table in before} == before


@pytest.mark.parametrize("args", [
    ["needs", "add", "--kind", "other", "--title", "x"],
    ["needs", "met", "1", "--on", "31/02/2026", "--how", "x"],
    ["commitments", "add", "--owed-by", "G", "--what", "x", "--due", "mañana"],
    ["commitments", "list", "--late"],
])
def test_usage_errors_are_exit_2(council: tuple[str, int], capsys: pytest.CaptureFixture[str],
                                 args: list[str]) -> None:
    assert run(council[0], capsys, *args)[0] == 2


def test_commitments_and_incidents(council: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    db, _meeting = council
    code, out, _ = run(db, capsys, "incidents", "add", "--on", TODAY.isoformat(), "--kind", "near_miss",
                       "--what", "Montacargas sin frenos", "--member", "M003", "--actions", "Parar el equipo")
    incident = out.strip().splitlines()[-1]
    late = (TODAY - timedelta(days=40)).isoformat()
    code, out, _ = run(db, capsys, "commitments", "add", "--owed-by", "Gerencia", "--what", "Reparar los frenos",
                       "--due", late, "--incident", incident)
    assert code == 0 and out.strip() == "1"
    run(db, capsys, "commitments", "add", "--owed-by", "Ministerio", "--what", "Inspección",
        "--due", (TODAY + timedelta(days=9)).isoformat())
    overdue = json.loads(run(db, capsys, "commitments", "list", "--overdue", "--json")[1])
    assert overdue == [{"id": 1, "owed_by": "Gerencia", "what": "Reparar los frenos", "due": late,
                        "state": "pending", "overdue": True, "decision": None, "need": None, "done_on": None,
                        "fund": None, "arrears": None}]
    assert len(json.loads(run(db, capsys, "commitments", "list", "--json")[1])) == 2
    done = ("commitments", "done", "1", "--on", TODAY.isoformat(), "--evidence", "Acta de entrega")
    assert run(db, capsys, *done)[0] == 0
    assert json.loads(run(db, capsys, "commitments", "list", "--overdue", "--json")[1]) == []
    listed = json.loads(run(db, capsys, "incidents", "list", "--json")[1])
    assert listed[0] | {"id": 0} == {"id": 0, "on": TODAY.isoformat(), "kind": "near_miss",
                                     "what": "Montacargas sin frenos", "member": "M003", "actions": "Parar el equipo",
                                     "need": None, "commitment": 1}


def test_once_there_are_users_nobody_signed_in_sees_no_private_name(council: tuple[str, int],
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db, _meeting = council
    run(db, capsys, "needs", "add", "--kind", "family", "--member", "M001", "--title", "Tratamiento",
        "--detail", "Diagnóstico reservado", "--private")
    run(db, capsys, "needs", "add", "--kind", "personal", "--member", "M002", "--title", "Transporte")
    run(db, capsys, "incidents", "add", "--on", TODAY.isoformat(), "--kind", "injury", "--what", "Corte en la mano",
        "--member", "M003")
    assert json.loads(run(db, capsys, "needs", "list", "--json")[1])[0]["member"] == "M001"  # no users: the desk
    from coopdesk.bootstrap import open_database
    from coopdesk.domain.users import UserRole
    from coopdesk.services.users import add_user

    database = open_database(db)
    try:
        add_user(database, username="admin", password="clave-larga-2", role=UserRole.ADMINISTRATOR)  # always first
        add_user(database, username="nestor", password="clave-larga-1", role=UserRole.MEMBER, member_code="M002")
    finally:
        database.dispose()
    listed = json.loads(run(db, capsys, "needs", "list", "--json")[1])
    assert [n["member"] for n in listed] == [None, "M002"]
    out = run(db, capsys, "needs", "list")[1]
    assert "M001" not in out and "Yolimar" not in out and "(private)" in out
    assert json.loads(run(db, capsys, "incidents", "list", "--json")[1])[0]["member"] is None
    export = Path(db).with_name("export.csv")
    run(db, capsys, "needs", "export", str(export))
    assert "M001" not in export.read_text(encoding="utf-8") and "Diagnóstico" not in export.read_text(encoding="utf-8")


def test_the_letter_and_the_needs_report(council: tuple[str, int], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db, meeting_id = council
    from coopdesk.bootstrap import open_database
    from coopdesk.services import meetings

    database = open_database(db)
    try:
        item = meetings.add_item(database, meeting_id=meeting_id, title="Salud en planta")
        decision = decide(database, item.id)
        code = approve(database, meeting_id)
    finally:
        database.dispose()
    due = (TODAY - timedelta(days=120)).isoformat()
    run(db, capsys, "commitments", "add", "--owed-by", "Gerencia de la UPS", "--what", "Un paramédico en planta",
        "--due", due, "--decision", str(decision))
    assert run(db, capsys, "report", "letter", "1", "-o", str(tmp_path / "letter.pdf"))[0] == 0
    text = flat(pdf_text((tmp_path / "letter.pdf").read_bytes()))
    assert "To: Gerencia de la UPS" in text and "Exigir a la gerencia un paramédico en planta" in text
    assert "Asamblea de salud" in text and "no record that it was done: 120." in text
    assert code[:4].upper() in text.upper()
    assert run(db, capsys, "report", "letter", "1", "--lang", "es+en", "-o", str(tmp_path / "x.pdf"))[0] == 2
    assert run(db, capsys, "report", "letter", "9", "-o", str(tmp_path / "x.pdf"))[0] == 3
    report = ("report", "needs", "--year", str(TODAY.year), "-o", str(tmp_path / "needs.pdf"))
    assert run(db, capsys, *report)[0] == 0
    text = flat(pdf_text((tmp_path / "needs.pdf").read_bytes()))
    assert "Commitments overdue" in text and "Gerencia de la UPS" in text and "120" in text


def test_a_reading_command_signed_in_shows_what_the_role_may_see(council: tuple[str, int], tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db, _meeting = council
    for member, title in (("M001", "Tratamiento"), ("M002", "Guardería")):
        run(db, capsys, "needs", "add", "--kind", "family", "--member", member, "--title", title, "--private")
    run(db, capsys, "incidents", "add", "--on", TODAY.isoformat(), "--kind", "injury", "--what", "Corte en la mano",
        "--member", "M003")
    from coopdesk.bootstrap import open_database
    from coopdesk.domain.users import UserRole
    from coopdesk.services.users import add_user

    database = open_database(db)
    try:
        add_user(database, username="admin", password="clave-larga-1", role=UserRole.ADMINISTRATOR)
        add_user(database, username="carmen", password="clave-larga-2", role=UserRole.SECRETARY)
        add_user(database, username="nestor", password="clave-larga-3", role=UserRole.MEMBER, member_code="M002")
    finally:
        database.dispose()
    secrets = {}
    for name, password in (("carmen", "clave-larga-2"), ("nestor", "clave-larga-3"), ("wrong", "nada")):
        secrets[name] = tmp_path / f"{name}.txt"
        secrets[name].write_text(password + "\n", encoding="utf-8")

    def members(*sign_in: str) -> list[object]:
        code, out, _err = run(db, capsys, *sign_in, "needs", "list", "--json")
        assert code == 0
        return [need["member"] for need in json.loads(out)]

    assert members() == [None, None]  # nobody signed in
    assert members("--user", "carmen", "--password-file", str(secrets["carmen"])) == ["M001", "M002"]
    assert members("--user", "nestor", "--password-file", str(secrets["nestor"])) == [None, "M002"]  # their own
    incidents = run(db, capsys, "--user", "carmen", "--password-file", str(secrets["carmen"]), "incidents", "list",
                    "--json")[1]
    assert json.loads(incidents)[0]["member"] == "M003"
    code, out, err = run(db, capsys, "--user", "carmen", "--password-file", str(secrets["wrong"]), "needs", "list",
                         "--json")
    assert code == 5 and out == "" and "Wrong user name or password" in err
