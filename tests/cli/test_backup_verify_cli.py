from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coopdesk.cli import main


def test_backup_verify_restore(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    assert main(["--db", db, "backup", str(tmp_path / "copia.sqlite3")]) == 0
    assert (tmp_path / "copia.sqlite3.manifest.json").is_file()
    assert main(["--db", db, "verify"]) == 0
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM members WHERE code = 'M040'")
    assert main(["--db", db, "restore", str(tmp_path / "copia.sqlite3")]) == 0
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM members").fetchone() == (40,)
    assert list((tmp_path / "backups").glob("c-before-restore-*.sqlite3"))


def test_verify_names_a_broken_chain_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite3"
    assert main(["--db", str(db), "init"]) == 0
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO audit_events (occurred_at, action, entity, hash) "
                    "VALUES ('2026-01-01 00:00:00', 'lock', 'meeting', 'forged')")
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "verify"]) == 1
    assert "audit chain is broken at event 1" in capsys.readouterr().err


def test_restore_of_a_missing_file_is_invalid_input(tmp_path: Path) -> None:
    assert main(["--db", str(tmp_path / "c.sqlite3"), "restore", str(tmp_path / "nope.sqlite3")]) == 3
