from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from coopdesk.domain.errors import DatabaseError
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import HEAD_REVISION
from coopdesk.services.audit import append_event
from coopdesk.services.backup import backup_database, manifest_path, restore_database
from coopdesk.services.members import count_members, create_member
from coopdesk.services.verify import verify_database


def add_member(db: Database, code: str) -> None:
    create_member(db, draft=MemberDraft(code, f"Socia {code}", Body.WORKER, date(2020, 1, 1), True))


def record_events(db: Database, count: int) -> None:
    for n in range(count):
        with db.write() as session:
            append_event(session, action="edit", entity="member", entity_id=n, before={"a": n}, after={"a": n + 1})


def test_a_sound_database_verifies(db: Database) -> None:
    add_member(db, "M1")
    record_events(db, 3)
    report = verify_database(db)
    assert report.sound and report.events_checked >= 3  # and whatever adding the member recorded


def test_a_changed_event_is_named(db: Database) -> None:
    record_events(db, 3)
    with sqlite3.connect(db.path) as raw:
        raw.execute("DROP TRIGGER audit_events_no_update")  # what a tamperer would have to do
        raw.execute("UPDATE audit_events SET after_json = '{\"a\":99}' WHERE id = 2")
    problems = verify_database(db).problems
    assert len(problems) == 1 and "2" in problems[0].translated()


def test_backup_is_checked_and_described(db: Database, tmp_path: Path) -> None:
    add_member(db, "M1")
    record_events(db, 2)
    target = tmp_path / "usb" / "copia.sqlite3"
    manifest = backup_database(db, target=target)
    assert target.is_file() and not list(target.parent.glob(".*partial"))
    assert manifest.row_counts["members"] == 1 and manifest.schema_revision == HEAD_REVISION
    assert json.loads(manifest_path(target).read_text())["sha256"] == manifest.sha256
    assert manifest.last_chain_hash is not None


def test_restore_brings_back_the_copy_and_keeps_a_safety_copy(db: Database, tmp_path: Path) -> None:
    add_member(db, "M1")
    backup_database(db, target=tmp_path / "b.sqlite3")
    add_member(db, "M2")
    restore_database(db, source=tmp_path / "b.sqlite3", safety_copy=tmp_path / "before-restore.sqlite3")
    assert count_members(db) == 1
    assert (tmp_path / "before-restore.sqlite3").is_file()


def test_a_non_database_is_not_restored(db: Database, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    add_member(db, "M1")
    with pytest.raises(DatabaseError):
        restore_database(db, source=junk, safety_copy=tmp_path / "safe.sqlite3")
    assert count_members(db) == 1


def test_members_an_older_demo_did_not_log_are_adopted_not_called_tampering(
        db: Database, monkeypatch: pytest.MonkeyPatch, english: None, capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk.cli import main
    from coopdesk.services import audit, change_log, members

    with monkeypatch.context() as older:  # as an older demo filled them: rows, and no creation in the log
        older.setattr(members, "record_change", lambda *args, **kwargs: None)
        older.setattr(audit, "ensure_baseline", lambda session: None)
        older.setattr(change_log, "ensure_baseline", lambda session: None)
        record_events(db, 1)
        for number in range(1, 7):
            add_member(db, f"M{number:03d}")
    report = verify_database(db)
    assert report.sound and len(report.notes) == 1
    assert report.notes[0].translated().startswith("6 records (M001, M002, M003, M004, M005…) were filled in before "
                                                   "the change log kept their creation")
    assert main(["--db", str(db.path), "--lang", "en", "verify"]) == 0
    assert "are not logged yet" in capsys.readouterr().out
    add_member(db, "M900")  # the first change saved by this version adopts them, once
    report = verify_database(db)
    assert report.sound and report.notes == ()
    assert change_log.record_history(db, entity="member", entity_id=1)[-1].action == "member.baseline"
    with sqlite3.connect(db.path) as raw:  # from now on, a member the log never created is tampering
        raw.execute("INSERT INTO members (code, full_name, body, joined_on, voting, status, version, search_key, "
                    "created_at, updated_at) SELECT 'X1', 'Intruso', body, joined_on, voting, status, 1, 'intruso', "
                    "created_at, updated_at FROM members LIMIT 1")
    problems = [problem.translated() for problem in verify_database(db).problems]
    assert problems == ["Member X1 was not added through coopdesk: the change log has no record of it."]
