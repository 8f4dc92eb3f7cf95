"""`ledger …` and the ledger's reports on the command line: every exit code, the contract's output forms."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from coopdesk import cli

EXPORT_HEADER = ["entry_id", "posted_on", "period_id", "member_code", "kind", "amount", "reverses", "note"]


@pytest.fixture
def council(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, int]:
    """The sample council's 40 members and a passed motion; returns the database and the motion's id."""
    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    from coopdesk.bootstrap import open_database
    from coopdesk.services.demo_ledger import demo_motion

    database = open_database(db)
    try:
        motion = demo_motion(database, text="Fijar el anticipo igualitario en Bs. 10,00", day=date(2026, 12, 1))
    finally:
        database.dispose()
    capsys.readouterr()
    return db, motion


def run(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db, "--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out.replace("\xa0", " "), captured.err  # Babel puts a no-break space after "Bs."


def snapshot(db: str) -> dict[str, int]:
    tables = ("ledger_entries", "hours", "advances", "pay_periods", "period_reopenings", "surplus_distributions",
              "audit_events")
    with sqlite3.connect(db) as raw:
        counts = {table: raw.execute(f"select count(*) from {table}").fetchone()[0] for table in tables}
    raw.close()
    return counts


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def test_a_fortnight_from_rate_to_export(council: tuple[str, int], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db, motion = council
    code, out, _ = run(db, capsys, "ledger", "rate", "10,00", "--from", "2027-01-01", "--motion", str(motion))
    assert code == 0 and last_line(out) == "1"
    code, out, _ = run(db, capsys, "ledger", "fund", "ahorro", "Caja de ahorro", "5")
    assert code == 0 and "5" in out and last_line(out) == "1"
    code, out, _ = run(db, capsys, "ledger", "period", "open", "2027-01-04", "17/01/2027")
    assert code == 0
    period = last_line(out)
    hours = tmp_path / "horas.csv"
    hours.write_text("codigo;horas\nM001;80\nM002;72,5\nM003;0,01\n", encoding="utf-8")
    assert run(db, capsys, "ledger", "hours", period, str(hours))[0] == 0
    assert run(db, capsys, "ledger", "hours", period, str(hours))[0] == 0  # again: replaced, not added
    code, out, _ = run(db, capsys, "ledger", "advance", period, "M001", "100.50")
    assert code == 0 and last_line(out).isdigit()
    code, out, _ = run(db, capsys, "ledger", "period", "close", period)
    assert code == 0
    assert "3 members, 152.51 hours" in out and "Bs. 1,525.10" in out and "Bs. 76.26" in out
    export = tmp_path / "ledger.csv"
    assert run(db, capsys, "ledger", "export", str(export))[0] == 0
    with export.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == EXPORT_HEADER
    gross = {row[3]: row[5] for row in rows[1:] if row[4] == "gross"}
    assert gross == {"M001": "800.00", "M002": "725.00", "M003": "0.10"}
    assert {row[4] for row in rows[1:]} == {"gross", "contribution:ahorro", "advance", "net"}
    net_m001 = next(row for row in rows[1:] if row[3] == "M001" and row[4] == "net")
    assert net_m001[5] == "659.50"  # 800.00 - 40.00 - 100.50
    code, out, _ = run(db, capsys, "ledger", "reverse", net_m001[0], "--reason", "Adelanto mal cargado")
    assert code == 0 and int(last_line(out)) > int(rows[-1][0])
    assert run(db, capsys, "ledger", "export", str(export), "--excel")[0] == 0
    text = export.read_text(encoding="utf-8-sig")
    assert text.startswith("entry_id;posted_on;") and ";-659.50;" in text and "Adelanto mal cargado" in text
    code, out, _ = run(db, capsys, "ledger", "statement", "M002", "--year", "2027", "--json")
    found = json.loads(out)
    assert code == 0 and found["member_code"] == "M002"
    assert found["totals"]["gross"] == "725.00" and found["totals"]["contributions"] == {"ahorro": "36.25"}
    assert [entry["kind"] for entry in found["entries"]] == ["gross", "contribution:ahorro", "net"]
    code, out, _ = run(db, capsys, "ledger", "statement", "M001", "--year", "2027")
    assert code == 0 and "Bs. -659.50" in out
    code, out, _ = run(db, capsys, "ledger", "surplus", "2027", "1000,01", "--basis", "equal", "--motion", str(motion))
    assert code == 0 and "Bs. 333.34" in out and last_line(out) == "1"
    code, out, _ = run(db, capsys, "ledger", "period", "list", "--year", "2027")
    assert code == 0 and out.startswith(f"{period}\t2027-01-04\t2027-01-17\t")
    assert run(db, capsys, "verify")[0] == 0
    for lang in ("es", "en", "es+en"):
        for report in (["payroll", period], ["statement", "M001", "--year", "2027"], ["funds", "--year", "2027"]):
            pdf = tmp_path / f"{report[0]}-{lang}.pdf"
            assert cli.main(["--db", db, "report", *report, "--lang", lang, "-o", str(pdf)]) == 0
            assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("argv", [
    ["ledger"], ["ledger", "rate", "10", "--from", "2027-02-30", "--motion", "1"],
    ["ledger", "rate", "10", "--from", "2027-01-01"], ["ledger", "period", "open", "2027-01-04", "mañana"],
    ["ledger", "period", "close", "uno"], ["ledger", "reverse", "1"], ["ledger", "surplus", "2027", "10", "--basis",
                                                                         "merit"],
    ["ledger", "statement", "M001", "--year", "dos mil"], ["report", "payroll", "1"],
    ["report", "funds", "-o", "x.pdf"], ["ledger", "period", "reopen", "1", "--motion", "1"],
])
def test_usage_errors_exit_2(tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(tmp_path / "c.sqlite3"), *argv]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not (tmp_path / "c.sqlite3").exists()


def test_invalid_input_exits_3_and_writes_nothing(council: tuple[str, int], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db, motion = council
    refused = [
        ["ledger", "rate", "10,001", "--from", "2027-01-01", "--motion", str(motion)],  # three decimals
        ["ledger", "rate", "diez", "--from", "2027-01-01", "--motion", str(motion)],
        ["ledger", "rate", "10", "--from", "2027-01-01", "--motion", "999"],  # no such motion
        ["ledger", "fund", "ahorro", "Caja", "5,555"],
        ["ledger", "hours", "99", str(tmp_path / "none.csv")],
        ["ledger", "statement", "NOPE", "--year", "2027"],
        ["ledger", "reverse", "1", "--reason", "no hay asientos"],
        ["report", "payroll", "42", "-o", str(tmp_path / "x.pdf")],
    ]
    for argv in refused:
        code, _out, err = run(db, capsys, *argv)
        assert code == 3, argv
        assert err.strip() and "Traceback" not in err
    assert run(db, capsys, "ledger", "rate", "10", "--from", "2027-01-01", "--motion", str(motion))[0] == 0
    period = last_line(run(db, capsys, "ledger", "period", "open", "2027-01-04", "2027-01-17")[1])
    code, _out, err = run(db, capsys, "ledger", "period", "open", "2027-01-10", "2027-01-24")
    assert code == 3 and "overlaps" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("codigo;horas\nM001;337\nM035;8\nM002;8,125\n", encoding="utf-8")
    code, _out, err = run(db, capsys, "ledger", "hours", period, str(bad))
    assert code == 3 and err.splitlines() == [
        "Line 2, column horas: M001: 337.00 hours is not between 0 and 336.00 (24 × 14 days)",
        "Line 3, column codigo: M035 is not a worker; only workers are paid hours",
        "Line 4, column horas: '8,125' has more than two decimals",
        "3 problems found; nothing was written.",
    ]
    good = tmp_path / "good.csv"
    good.write_text("codigo;horas\nM001;80\n", encoding="utf-8")
    assert run(db, capsys, "ledger", "hours", period, str(good))[0] == 0
    assert run(db, capsys, "ledger", "period", "close", period)[0] == 0
    before = snapshot(db)
    for argv in (["ledger", "hours", period, str(good)], ["ledger", "advance", period, "M001", "10"],
                 ["ledger", "period", "close", period],
                 ["ledger", "period", "reopen", period, "--motion", str(motion), "--reason", "  "],
                 ["ledger", "surplus", "2026", "100", "--basis", "hours"]):
        code, _out, err = run(db, capsys, *argv)
        assert code == 3, argv
    assert snapshot(db) == before
    assert before["ledger_entries"] == 2  # gross and net of M001 (no funds)


def test_a_locked_or_newer_database_exits_4(council: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    db, _motion = council
    with sqlite3.connect(db) as raw:
        raw.execute("update alembic_version set version_num = '9999'")
    raw.close()
    code, _out, err = run(db, capsys, "ledger", "period", "list")
    assert code == 4 and "9999" in err


def test_verify_exits_1_when_an_entry_was_tampered_with(council: tuple[str, int], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db, motion = council
    run(db, capsys, "ledger", "rate", "10", "--from", "2027-01-01", "--motion", str(motion))
    period = last_line(run(db, capsys, "ledger", "period", "open", "2027-01-04", "2027-01-17")[1])
    hours = tmp_path / "h.csv"
    hours.write_text("member_code,hours\nM001,80\n", encoding="utf-8")
    run(db, capsys, "ledger", "hours", period, str(hours))
    run(db, capsys, "ledger", "period", "close", period)
    assert run(db, capsys, "verify")[0] == 0
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TRIGGER ledger_entries_no_update")
        raw.execute("UPDATE ledger_entries SET amount_cents = 70000 WHERE kind = 'net'")
    raw.close()
    code, _out, err = run(db, capsys, "verify")
    assert code == 1
    assert "Ledger entry 2 was changed after it was posted" in err
    assert "does not balance for member M001" in err


def test_a_surplus_paid_in_february_is_in_that_years_statement_and_its_pdf(
        council: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk.bootstrap import open_database
    from coopdesk.services import ledger
    from tests.reports.helpers import flat, pdf_text

    db, motion = council
    database = open_database(db)
    try:
        ledger.set_rate(database, rate_cents=1000, effective_from=date(2026, 12, 7), motion_id=motion)
        period = ledger.create_period(database, starts_on=date(2026, 12, 7), ends_on=date(2026, 12, 20)).id
        ledger.set_hours(database, period_id=period, hours={"M001": 8000, "M002": 8000})
        ledger.close_period(database, period_id=period, posted_on=date(2026, 12, 21))
        ledger.share_out_surplus(database, year=2026, amount_cents=100_000, basis="equal", motion_id=motion,
                                 posted_on=date(2027, 2, 10))
    finally:
        database.dispose()
    code, out, _ = run(db, capsys, "ledger", "statement", "M001", "--year", "2027", "--json")
    paid = json.loads(out)
    assert code == 0 and [entry["kind"] for entry in paid["entries"]] == ["surplus"]
    assert paid["totals"]["surplus"] == "500.00"
    code, out, _ = run(db, capsys, "ledger", "statement", "M001", "--year", "2026", "--json")
    assert code == 0 and "surplus" not in [entry["kind"] for entry in json.loads(out)["entries"]]
    pdf = tmp_path / "statement-2027.pdf"
    assert cli.main(["--db", db, "report", "statement", "M001", "--year", "2027", "--lang", "es", "-o", str(pdf)]) == 0
    text = flat(pdf_text(pdf.read_bytes()))
    assert "500,00" in text and paid["verification"] in text
    code, out, _ = run(db, capsys, "verify", "--document", paid["verification"])
    assert code == 0 and "Statement of M001" in out and "for 2027" in out and "Authentic and unchanged" in out
