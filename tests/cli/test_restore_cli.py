"""Restore refuses a backup that is damaged or was tampered with, before anything is replaced; a good one
round-trips and the message gives the backup's own date."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from coopdesk.cli import main
from coopdesk.i18n import format_datetime
from coopdesk.services.backup import manifest_path


@pytest.fixture
def council(tmp_path: Path, data_dir: Path) -> tuple[Path, Path]:
    """A council with members, a backup of it, and one more member added after the backup."""
    db = tmp_path / "c.sqlite3"
    assert main(["--db", str(db), "members", "import", str(data_dir / "members.csv")]) == 0
    backup = tmp_path / "usb" / "copia.sqlite3"
    assert main(["--db", str(db), "backup", str(backup)]) == 0
    with sqlite3.connect(db) as raw:
        before = raw.execute("SELECT count(*) FROM members").fetchone()[0]
    assert before == 40
    return db, backup


def _fingerprint(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as raw:
        return (raw.execute("SELECT count(*) FROM members").fetchone()[0],
                raw.execute("SELECT count(*) FROM audit_events").fetchone()[0])


def _drop_triggers(raw: sqlite3.Connection) -> None:
    for (trigger,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        raw.execute(f'DROP TRIGGER "{trigger}"')


def test_a_good_backup_round_trips_and_names_its_own_date(
        council: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, backup = council
    taken = format_datetime(datetime.fromisoformat(json.loads(manifest_path(backup).read_text())["created_at"])
                            .astimezone(), "en")
    with sqlite3.connect(db) as raw:
        raw.execute("DELETE FROM members WHERE code = 'M040'")  # damage the live one
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "restore", str(backup)]) == 0
    assert taken in capsys.readouterr().out
    assert _fingerprint(db)[0] == 40
    assert main(["--db", str(db), "verify"]) == 0  # the anchor follows the restored chain


def test_a_corrupted_backup_is_refused_and_nothing_changes(
        council: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, backup = council
    data = bytearray(backup.read_bytes())
    data[5000:5100] = b"\xff" * 100
    backup.write_bytes(bytes(data))
    before = _fingerprint(db)
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "restore", str(backup)]) == 4
    err = capsys.readouterr().err
    assert "no longer matches its manifest" in err and "Nothing was replaced" in err
    assert _fingerprint(db) == before
    assert not list((db.parent / "backups").glob("c-before-restore-*"))


def test_a_corrupted_backup_without_manifest_is_refused(
        council: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, backup = council
    manifest_path(backup).unlink()
    with backup.open("r+b") as handle:  # the header's magic: SQLite cannot read the file at all
        handle.write(b"not a database at all!")
    before = _fingerprint(db)
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "restore", str(backup)]) in (3, 4)
    assert "Traceback" not in capsys.readouterr().err
    assert _fingerprint(db) == before


def test_a_tampered_backup_is_refused_and_nothing_changes(
        council: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, backup = council
    manifest_path(backup).unlink()  # the attacker also throws its manifest away
    with sqlite3.connect(backup) as raw:
        _drop_triggers(raw)
        raw.execute("UPDATE members SET voting = NOT voting WHERE code = 'M001'")
    before = _fingerprint(db)
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "restore", str(backup)]) == 4
    err = capsys.readouterr().err
    assert "fails verification" in err and "M001" in err and "Nothing was replaced" in err
    assert _fingerprint(db) == before
    assert not list(db.parent.glob(".*partial"))


def test_a_backup_with_a_broken_chain_is_refused(
        council: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db, backup = council
    manifest_path(backup).unlink()
    with sqlite3.connect(backup) as raw:
        _drop_triggers(raw)
        raw.execute("UPDATE audit_events SET actor = 'intruso' WHERE id = 2")
    before = _fingerprint(db)
    capsys.readouterr()
    assert main(["--db", str(db), "--lang", "en", "restore", str(backup)]) == 4
    assert "Nothing was replaced" in capsys.readouterr().err
    assert _fingerprint(db) == before
