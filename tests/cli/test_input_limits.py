"""Input limits: a meeting file too large, too deep, too long, with NUL characters or keys given twice is
refused (exit 3, the problem named, nothing written) on SQLite and PostgreSQL alike; amounts above the ceiling
and impossible dates in data are refused too."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coopdesk.cli import main

EXAMPLE = Path(__file__).parent.parent / "data" / "meeting_example.json"


def _meeting(**changes: object) -> dict:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _nested(depth: int) -> object:
    value: object = "x"
    for _level in range(depth):
        value = {"a": value}
    return value


CASES = [
    ("too large", lambda: json.dumps(_meeting(place="x" * 40_000, notes=["y" * 40_000] * 140)), "larger than 5 MB"),
    ("too deep", lambda: json.dumps(_meeting(extra=_nested(40))), "nests deeper than 20"),
    ("too many entries", lambda: json.dumps(_meeting(extra=list(range(20_000)))), "more than 10000 entries"),
    ("text too long", lambda: json.dumps(_meeting(extra="z" * 60_000)), "longer than 50000 characters"),
    ("NUL character", lambda: json.dumps(_meeting(title="Asamblea\u0000 falsa")), "NUL character"),
    ("duplicate key", lambda: EXAMPLE.read_text(encoding="utf-8").replace(
        '"title": "Asamblea de ejemplo",', '"title": "Asamblea de ejemplo", "title": "Otra",', 1), "given twice"),
    ("impossible date", lambda: json.dumps(_meeting(starts_at="2027-02-30T09:00")), "starts_at"),
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def council(request: pytest.FixtureRequest, tmp_path: Path, data_dir: Path) -> str:
    if request.param == "sqlite":
        target = str(tmp_path / "c.sqlite3")
    else:
        database = request.getfixturevalue("pg_database")
        from sqlalchemy import text

        from coopdesk.persistence.models import load_all

        tables = ", ".join(table.name for table in load_all().metadata.sorted_tables)
        with database.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        target = database.url.render_as_string(hide_password=False)
    assert main(["--db", target, "members", "import", str(data_dir / "members.csv")]) == 0
    return target


def _meetings(target: str) -> int:
    from coopdesk.persistence.database import Database
    from coopdesk.services.meetings import list_meetings

    db = Database.open(target)
    try:
        return len(list_meetings(db))
    finally:
        db.dispose()


@pytest.mark.parametrize(("make", "message"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_meeting_file_beyond_the_limits_is_refused(council: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "reunion.json"
    path.write_text(make(), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", council, "--lang", "en", "meeting", "import", str(path)]) == 3
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert _meetings(council) == 0


def test_amounts_above_the_ceiling_are_refused(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
                                               isolated_home: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    assert main(["--db", db, "ledger", "period", "open", "2026-11-01", "2026-11-15"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--lang", "en", "ledger", "advance", "1", "M001", "1000000000.01"]) == 3
    assert "above the largest amount accepted (1000000000.00)" in capsys.readouterr().err
    assert main(["--db", db, "ledger", "advance", "1", "M001", "1000000000,00"]) == 0  # the edge itself passes
    from coopdesk.services.preferences import update_preferences

    update_preferences(amount_ceiling="5000.00")  # a council may set its own ceiling
    assert main(["--db", db, "ledger", "advance", "1", "M001", "5000.01"]) == 3
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM advances").fetchone() == (1,)


def test_an_impossible_date_in_a_file_is_invalid_input(tmp_path: Path, data_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    members = tmp_path / "socios.csv"
    text = (data_dir / "members.csv").read_text(encoding="utf-8-sig")
    members.write_text(text.replace("30/06/2008", "30/02/2027", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "c.sqlite3"), "--lang", "en", "members", "import", str(members)]) == 3
    assert "Line 2" in capsys.readouterr().err
