"""`commitments list` shows what management owes the funds it pays, under the key "fund:CODE"; `commitments done`
refuses it (exit 3, nothing written) and a deposit with `ledger deposit` ends it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from coopdesk import cli
from tests.reports.helpers import flat, pdf_text
from tests.services.arrears_council import FIRST_CLOSE, SECOND_CLOSE, council_whose_deposits_stop


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


def test_a_letter_to_management_for_a_fund_in_arrears(council: str, capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    from babel.dates import format_date

    letter = tmp_path / "letter.pdf"
    assert run(council, capsys, "report", "letter", "fund:vivienda", "-o", str(letter))[0] == 0
    text = flat(pdf_text(letter.read_bytes()))
    assert "To: Management" in text and "Subject: Deposit the arrears of the fund “Fondo de vivienda”" in text
    assert "«Fijar el anticipo y crear los fondos»" in text  # the motion that set the fund
    assert ("management owes the fund Bs. 240.00 in all and has deposited Bs. 120.00: Bs. 120.00 are still to "
            "be deposited.") in text.replace("\xa0", " ")
    months = (date.today().year - SECOND_CLOSE.year) * 12 + date.today().month - SECOND_CLOSE.month \
        - (date.today().day < SECOND_CLOSE.day)
    assert f"The arrears began on {format_date(SECOND_CLOSE, 'long', locale='en_US')}. Months in arrears: " \
           f"{months}." in text
    deposit_day = format_date(FIRST_CLOSE + timedelta(days=3), "long", locale="en_US")
    assert f"Deposits made into the fund: Date Amount {deposit_day} Bs. 120.00" in text.replace("\xa0", " ")
    assert run(council, capsys, "report", "letter", "fund:vivienda", "--lang", "es", "-o", str(letter))[0] == 0
    assert "Asunto: Depositar la deuda con el fondo «Fondo de vivienda»" in flat(pdf_text(letter.read_bytes()))
    # a fund the workers pay owes nothing; once management deposits all, there is nothing to write about
    code, _, err = run(council, capsys, "report", "letter", "fund:ahorro", "-o", str(tmp_path / "x.pdf"))
    assert code == 3 and "no commitment with id fund:ahorro" in err
    assert run(council, capsys, "ledger", "deposit", "vivienda", "120.00", "--on", date.today().isoformat())[0] == 0
    code, _, err = run(council, capsys, "report", "letter", "fund:vivienda", "-o", str(tmp_path / "x.pdf"))
    assert code == 3 and "nothing" in err and not (tmp_path / "x.pdf").exists()
