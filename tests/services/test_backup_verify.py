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
