"""`council show|set kind` and the funds management owes on the command line: exit codes and output forms."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.cli.test_ledger_cli import council, last_line, run, snapshot

__all__ = ["council"]  # the fixture, shared with the ledger's tests


def test_council_show_and_set_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    code, out, _ = run(db, capsys, "init")
    code, out, _ = run(db, capsys, "council", "show", "--json")
    assert code == 0 and json.loads(out)["kind"] == "cooperative" and json.loads(out)["name"]
    code, out, _ = run(db, capsys, "council", "set", "kind", "spu")
    assert code == 0 and "social property" in out
    code, out, _ = run(db, capsys, "council", "show")
    assert code == 0 and "(spu)" in out
    code, _, err = run(db, capsys, "council", "set", "kind", "empresa")
    assert code == 2 and "empresa" in err


def test_an_spu_owes_its_funds_and_shares_no_surplus(council: tuple[str, int], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db, motion = council
    assert run(db, capsys, "council", "set", "kind", "spu")[0] == 0
    assert run(db, capsys, "ledger", "rate", "10,00", "--from", "2026-11-02", "--motion", str(motion))[0] == 0
    code, out, _ = run(db, capsys, "ledger", "fund", "vivienda", "Fondo de vivienda", "3")
    assert code == 0 and "Management owes" in out
    code, out, _ = run(db, capsys, "ledger", "fund", "ahorro", "Caja de ahorro", "5", "--paid-by", "workers")
    assert code == 0 and "takes 5 %" in out
    code, out, _ = run(db, capsys, "ledger", "period", "open", "2026-11-02", "2026-11-15")
    period = last_line(out)
    hours = tmp_path / "horas.csv"
    hours.write_text("codigo,horas\nM001,80\nM002,10\n", encoding="utf-8")
    assert run(db, capsys, "ledger", "hours", period, str(hours))[0] == 0
    code, out, _ = run(db, capsys, "ledger", "period", "close", period)
    assert code == 0 and "Owed by management to vivienda: Bs. 27.00" in out
    code, out, _ = run(db, capsys, "ledger", "deposit", "vivienda", "20,00", "--on", "2026-11-20", "--note", "parcial")
    assert code == 0 and last_line(out).isdigit()
    code, out, _ = run(db, capsys, "ledger", "fund-balance", "vivienda", "--json")
    balance = json.loads(out)
    assert {key: balance[key] for key in ("code", "owed", "deposited", "arrears")} == {
        "code": "vivienda", "owed": "27.00", "deposited": "20.00", "arrears": "7.00"}
    code, out, _ = run(db, capsys, "ledger", "statement", "M001", "--year", "2026", "--json")
    totals = json.loads(out)["totals"]
    assert totals["net"] == "760.00" and totals["owed_by_management"] == {"vivienda": "24.00"}
    before = snapshot(db)
    for args in (("ledger", "surplus", "2026", "100", "--basis", "equal"),
                 ("ledger", "deposit", "ahorro", "5", "--on", "2026-11-20"),
                 ("ledger", "deposit", "vivienda", "5,001", "--on", "2026-11-20"),
                 ("ledger", "payout", "vivienda", "21", "--on", "2026-11-21", "--motion", str(motion))):
        code, _, err = run(db, capsys, *args)
        assert code == 3 and err, args
    assert snapshot(db) == before
    assert run(db, capsys, "ledger", "deposit", "vivienda", "5", "--on", "31/02/2026")[0] == 2
    code, out, _ = run(db, capsys, "ledger", "payout", "vivienda", "20", "--on", "2026-11-21", "--motion",
                       str(motion), "--member", "M002")
    assert code == 0 and "M002" in out
    export = tmp_path / "libro.csv"
    assert run(db, capsys, "ledger", "export", str(export))[0] == 0
    with export.open(encoding="utf-8", newline="") as handle:
        kinds = {(row["kind"], row["member_code"]) for row in csv.DictReader(handle)}
    assert {("owed:vivienda", "M001"), ("deposit:vivienda", ""), ("payout:vivienda", "M002")} <= kinds
    assert ("contribution:vivienda", "M001") not in kinds
    assert run(db, capsys, "verify")[0] == 0
