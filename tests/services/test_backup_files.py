"""Backups as files: readable and checked, copied to another folder with their SHA-256 compared, the
copies before imports, restores and migrations, and a damaged database found at opening and restored."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from coopdesk.bootstrap import DamagedDatabase, open_database
from coopdesk.cli import main
from coopdesk.domain.errors import DatabaseError, InvalidInput, ProblemsFound
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.persistence.migrate import HEAD_REVISION
from coopdesk.services.backup import (
    backup_before,
    backup_database,
    backups_dir,
    check_against_manifest,
    copy_backup,
    inspect_backup,
    latest_verified_backup,
    list_backups,
    manifest_path,
    restore_database,
    row_counts,
)
from coopdesk.services.backup_schedule import backup_now
from coopdesk.services.member_import import import_members
from coopdesk.services.members import count_members, create_member
from coopdesk.services.verify import verify_database


def add_member(db: Database, code: str) -> None:
    create_member(db, draft=MemberDraft(code, f"Socia {code} " * 8, Body.WORKER, date(2020, 1, 1), True))


def test_a_backup_is_a_checked_readable_database_with_its_manifest(db: Database, tmp_path: Path) -> None:
    for n in range(5):
        add_member(db, f"M{n}")
    target = tmp_path / "copia.sqlite3"
    manifest = backup_database(db, target=target)
    data = json.loads(manifest_path(target).read_text(encoding="utf-8"))
    assert data["sha256"] == manifest.sha256 and data["app_version"] and data["schema_revision"] == HEAD_REVISION
    assert data["row_counts"]["members"] == 5 == row_counts(db)["members"]
    assert check_against_manifest(target) == manifest
    copy = open_database(target)
    try:
        assert count_members(copy) == 5 and verify_database(copy).sound
    finally:
        copy.dispose()


def test_the_backups_folder_lists_newest_first_with_kinds(db: Database, db_path: Path) -> None:
    add_member(db, "M1")
    first = backup_before(db, "import")
    second = backup_before(db, "import")  # the same second: a second file, not an overwrite
    regular = backup_now(db)
    listed = list_backups(db_path)
    assert [info.path for info in listed] == [regular.path, second, first]
    assert [info.reason for info in listed] == [None, "import", "import"]
    assert all(info.verified for info in listed) and latest_verified_backup(db_path).path == regular.path  # type: ignore[union-attr]
    assert backups_dir(db_path) == db_path.parent / "backups"


def test_copying_to_a_folder_checks_the_copy(db: Database, tmp_path: Path) -> None:
    add_member(db, "M1")
    source = backup_now(db).path
    usb = tmp_path / "usb"
    usb.mkdir()
    copied = copy_backup(source, folder=usb)
    assert copied.path == usb / source.name and copied.path.read_bytes() == source.read_bytes()
    assert check_against_manifest(copied.path).sha256 == copied.sha256
    assert copy_backup(source, folder=usb).path == copied.path  # copying again: already there, checked
    assert not list(usb.glob(".*partial"))


def test_a_backup_that_rotted_is_not_copied(db: Database, tmp_path: Path) -> None:
    add_member(db, "M1")
    source = backup_now(db).path
    data = bytearray(source.read_bytes())
    data[-100] ^= 0xFF
    source.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="manifest"):
        copy_backup(source, folder=tmp_path)
    assert not (tmp_path / source.name).exists()


def test_a_file_without_manifest_is_checked_before_it_is_described(db: Database, tmp_path: Path) -> None:
    add_member(db, "M1")
    target = tmp_path / "b.sqlite3"
    backup_database(db, target=target)
    manifest_path(target).unlink()
    assert inspect_backup(target).row_counts["members"] == 1
    with pytest.raises(InvalidInput):
        check_against_manifest(target)


# ---- the copies kept forever


def test_an_import_that_writes_is_preceded_by_a_copy(db: Database, db_path: Path, data_dir: Path) -> None:
    import_members(db, path=data_dir / "members.csv")
    copies = list_backups(db_path)
    assert [info.reason for info in copies] == ["import"]
    with sqlite3.connect(copies[0].path) as copy:  # the state *before* the import
        assert copy.execute("SELECT count(*) FROM members").fetchone() == (0,)
    import_members(db, path=data_dir / "members.csv")  # nothing changes: no copy
    bad = db_path.parent / "bad.csv"
    bad.write_text("code,full_name,body,joined_on\nM900,,worker,2020-01-01\n", encoding="utf-8")
    with pytest.raises(ProblemsFound):
        import_members(db, path=bad)  # refused: nothing written, no copy
    import_members(db, path=data_dir / "members.csv", dry_run=True)
    assert len(list_backups(db_path)) == 1


def test_imports_of_posts_leave_hours_and_meetings_are_preceded_by_a_copy(tmp_path: Path, data_dir: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    assert main(["--db", db, "posts", "import", str(data_dir / "posts.csv")]) == 0
    assert main(["--db", db, "leave", "import", str(data_dir / "leave.csv")]) == 0
    assert main(["--db", db, "meeting", "import", str(data_dir / "meeting_example.json")]) == 0
    assert main(["--db", db, "ledger", "period", "open", "2026-01-05", "2026-01-18"]) == 0
    hours = tmp_path / "hours.csv"
    hours.write_text("member_code,hours\nM001,80\n", encoding="utf-8")
    assert main(["--db", db, "ledger", "hours", "1", str(hours)]) == 0
    reasons = [info.reason for info in list_backups(Path(db))]
    assert reasons == ["import"] * 5


def test_a_migration_is_preceded_by_a_verified_copy(db: Database, db_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from coopdesk import bootstrap

    add_member(db, "M1")
    db.dispose()
    upgraded = []
    monkeypatch.setattr(bootstrap, "needs_upgrade", lambda _db: True)  # as if this version's schema were newer
    monkeypatch.setattr(bootstrap, "upgrade", lambda _db, backup=True: upgraded.append(backup))
    open_database(db_path).dispose()
    copies = list_backups(db_path)
    assert upgraded == [False] and [info.reason for info in copies] == ["migration"] and copies[0].verified


# ---- damage found at opening; restore


def damage(db_path: Path) -> None:
    """Scribble over the members table's first page, as a failing disk would."""
    with sqlite3.connect(db_path) as raw:
        root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'members'").fetchone()[0]
        page = raw.execute("PRAGMA page_size").fetchone()[0]
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with db_path.open("r+b") as handle:
        handle.seek((root - 1) * page + 8)
        handle.write(b"\xff" * 200)


def test_a_damaged_database_is_refused_at_opening_and_restored(db: Database, db_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(30):
        add_member(db, f"M{n:02d}")
    good = backup_now(db).path
    db.dispose()
    damage(db_path)
    with pytest.raises(DamagedDatabase) as refused:
        open_database(db_path)
    assert refused.value.exit_code == 4 and "restore" in refused.value.message
    capsys.readouterr()
    assert main(["--db", str(db_path), "--lang", "en", "members", "export", str(db_path.parent / "m.csv")]) == 4
    assert main(["--db", str(db_path), "--lang", "en", "verify"]) == 1  # verify reaches it, and names the damage
    assert "damaged" in capsys.readouterr().err
    assert main(["--db", str(db_path), "restore", str(good)]) == 0
    restored = open_database(db_path)
    try:
        assert count_members(restored) == 30
    finally:
        restored.dispose()
    kept = [info for info in list_backups(db_path) if info.reason == "restore"]
    assert len(kept) == 1 and not kept[0].verified  # the damaged file is kept, as it was


def test_a_restore_keeps_the_current_database_first(db: Database, db_path: Path) -> None:
    add_member(db, "M1")
    good = backup_now(db).path
    add_member(db, "M2")
    manifest = restore_database(db, source=good)
    assert manifest.row_counts["members"] == 1 and count_members(db) == 1
    kept = [info for info in list_backups(db_path) if info.reason == "restore"]
    assert len(kept) == 1 and kept[0].verified and kept[0].manifest.row_counts["members"] == 2  # type: ignore[union-attr]


def test_a_broken_audit_chain_is_not_backed_up_as_if_sound(db: Database, tmp_path: Path) -> None:
    from coopdesk.services.audit import append_event

    for n in range(2):
        with db.write() as session:
            append_event(session, action="edit", entity="member", entity_id=n, after={"phone": n})
    with sqlite3.connect(db.path) as raw:  # type: ignore[arg-type]
        raw.execute("DROP TRIGGER audit_events_no_update")
        raw.execute("UPDATE audit_events SET after_json = '{}' WHERE id = (SELECT min(id) FROM audit_events)")
    with pytest.raises(DatabaseError, match="audit chain"):
        backup_database(db, target=tmp_path / "b.sqlite3")
    assert not list(tmp_path.glob("b.sqlite3*")) and not list(tmp_path.glob(".b.sqlite3*"))


def test_the_command_line_backs_up_into_the_backups_folder_without_a_file(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite3"
    assert main(["--db", str(db), "init"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "backup"]) == 0
    (backup,) = list_backups(db)
    assert backup.reason is None and backup.verified and str(backup.path) in capsys.readouterr().out


def test_a_restore_is_refused_while_a_window_has_the_database_open(tmp_path: Path) -> None:
    import subprocess
    import sys

    from coopdesk.persistence.lock import lock_path

    db = tmp_path / "c.sqlite3"
    assert main(["--db", str(db), "backup", str(tmp_path / "b.sqlite3")]) == 0
    script = ("import sys, time; from pathlib import Path; from coopdesk.persistence.lock import DatabaseLock; "
              "DatabaseLock.acquire(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)")
    window = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE)
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == b"held"  # a window's OS lock
        assert lock_path(db).exists()
        assert main(["--db", str(db), "restore", str(tmp_path / "b.sqlite3")]) == 4
    finally:
        window.kill()
        window.wait()
    assert main(["--db", str(db), "restore", str(tmp_path / "b.sqlite3")]) == 0  # the window is gone
