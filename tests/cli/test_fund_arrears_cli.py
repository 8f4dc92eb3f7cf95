"""`commitments list` shows what management owes the funds it pays, under the key "fund:CODE"; `commitments done`
refuses it (exit 3, nothing written) and a deposit with `ledger deposit` ends it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coopdesk import cli
from tests.services.arrears_council import SECOND_CLOSE, council_whose_deposits_stop


@pytest.fixture
def council(tmp_path: Path) -> str:
    from coopdesk.bootstrap import open_database

    path = str(tmp_path / "c.sqlite3")
    db = open_database(path)
    try:
        council_whose_deposits_stop(db, tmp_path)
    finally:
        db.dispose()
    return path


def run(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db, "--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_fund_in_arrears_is_listed_and_cannot_be_marked_done(council: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(council, capsys, "commitments", "add", "--owed-by", "The SPE", "--what", "A paramedic",
                       "--due", date.today().isoformat())
    assert code == 0
    code, out, _ = run(council, capsys, "commitments", "list", "--overdue", "--json")
    assert code == 0
    (owed,) = json.loads(out)  # the recorded one is due today: not overdue yet
    assert owed == {"id": "fund:vivienda", "owed_by": "Management",
                    "what": "Deposit the arrears of the fund “Fondo de vivienda”: Bs.\xa0120.00",
                    "due": SECOND_CLOSE.isoformat(), "state": "pending", "overdue": True, "decision": None,
                    "need": None, "done_on": None, "fund": "vivienda", "arrears": "120.00"}
    code, out, _ = run(council, capsys, "commitments", "list", "--json")
    listed = json.loads(out)
    assert [item["id"] for item in listed] == ["fund:vivienda", 1]
    assert listed[1]["fund"] is None and listed[1]["arrears"] is None
    code, _, err = run(council, capsys, "commitments", "done", "fund:vivienda", "--on", date.today().isoformat())
    assert code == 3 and "ledger deposit" in err
    code, _, err = run(council, capsys, "commitments", "done", "fund:ahorro", "--on", date.today().isoformat())
    assert code == 3 and "no commitment with id fund:ahorro" in err
    code, _, _ = run(council, capsys, "commitments", "done", "fund", "--on", date.today().isoformat())
    assert code == 2  # neither a number nor a fund's key
    code, _, _ = run(council, capsys, "ledger", "deposit", "vivienda", "120.00", "--on", date.today().isoformat())
    assert code == 0
    code, out, _ = run(council, capsys, "commitments", "list", "--json")
    assert [item["id"] for item in json.loads(out)] == [1]
