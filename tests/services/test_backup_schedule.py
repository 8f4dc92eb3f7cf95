"""Which regular backups are kept (a pure function, property-tested) and when one is taken."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coopdesk.bootstrap import open_database
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.services.backup import backup_before, backup_name, backups_dir, list_backups, manifest_path
from coopdesk.services.backup_schedule import (
    DAILY,
    MONTHLY,
    RECENT,
    WEEKLY,
    AutoBackups,
    backup_age,
    backup_now,
    prune_backups,
    retained,
)
from coopdesk.services.members import create_member

NOW = datetime(2026, 6, 15, 12, 0, 0)
stamps = st.sets(st.datetimes(min_value=NOW - timedelta(days=800), max_value=NOW + timedelta(hours=2)),
                 max_size=300)


@settings(max_examples=300, deadline=None)
@given(stamps)
def test_retention_keeps_what_it_promises(backups: set[datetime]) -> None:
    kept = retained(backups, NOW)
    assert kept <= backups
    assert {b for b in backups if b > NOW - RECENT} <= kept  # everything of the last two days (and the future)
    if backups:
        assert max(backups) in kept
    older = [b for b in backups if b <= NOW - RECENT]
    assert len(kept - set(backups - set(older))) <= DAILY + WEEKLY + MONTHLY
    for key, count in ((lambda s: s.date(), DAILY), (lambda s: s.isocalendar()[:2], WEEKLY),
                       (lambda s: (s.year, s.month), MONTHLY)):
        buckets = sorted({key(b) for b in older}, reverse=True)[:count]
        for bucket in buckets:  # the newest backup of each of the most recent days, weeks and months
            assert max(b for b in older if key(b) == bucket) in kept


@settings(max_examples=200, deadline=None)
@given(stamps)
def test_retention_is_stable(backups: set[datetime]) -> None:
    kept = retained(backups, NOW)
    assert retained(kept, NOW) == kept  # pruning again the same day deletes nothing more


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=60 * 24 * 9), min_size=1, max_size=120))
def test_pruning_after_every_backup_keeps_what_pruning_once_would(gaps: list[int]) -> None:
    """The window prunes after each backup; the result must not depend on how often that happened."""
    moment, taken, kept = NOW - timedelta(days=500), set(), set()
    for gap in gaps:
        moment += timedelta(minutes=gap)
        taken.add(moment)
        kept = retained(kept | {moment}, moment)
    assert kept == retained(taken, moment)


def test_a_year_of_hourly_backups_thins_out_to_about_forty() -> None:
    hourly = {NOW - timedelta(hours=h) for h in range(24 * 365)}
    kept = retained(hourly, NOW)
    assert 48 <= len(kept) <= 48 + DAILY + WEEKLY + MONTHLY
    oldest = min(kept)
    assert NOW - oldest > timedelta(days=300)  # a monthly one from nearly a year ago survives


# ---- files


def add_member(db: Database, code: str) -> None:
    create_member(db, draft=MemberDraft(code, f"Socia {code}", Body.WORKER, date(2020, 1, 1), True))


def fake_backup(db_path: Path, moment: datetime, reason: str | None = None) -> Path:
    folder = backups_dir(db_path)
    folder.mkdir(exist_ok=True)
    path = folder / backup_name(db_path.stem, moment, reason)
    path.write_bytes(b"x")
    manifest_path(path).write_text("{}", encoding="utf-8")
    return path


def test_pruning_deletes_regular_backups_only(db: Database, db_path: Path) -> None:
    moments = [NOW - timedelta(days=d) for d in range(0, 200)]
    for moment in moments:
        fake_backup(db_path, moment)
    before = fake_backup(db_path, NOW - timedelta(days=150), "import")
    deleted = prune_backups(db_path, now=NOW)
    left = {info.taken_at for info in list_backups(db_path) if info.reason is None}
    assert left == retained(set(moments), NOW) and len(deleted) == 200 - len(left)
    assert before.is_file()  # before-* copies are kept forever
    assert not any(manifest_path(path).exists() for path in deleted)


def test_other_databases_backups_in_the_same_folder_are_left_alone(db: Database, db_path: Path) -> None:
    other = db_path.with_name("demo.sqlite3")
    for days in range(100):
        fake_backup(other, NOW - timedelta(days=days))
    prune_backups(db_path, now=NOW)
    assert len(list_backups(other)) == 100


def test_back_up_now_writes_a_verified_copy_and_thins_out(db: Database, db_path: Path) -> None:
    add_member(db, "M001")
    info = backup_now(db)
    assert info.verified and info.reason is None and info.path.parent == backups_dir(db_path)
    assert info.path.name.startswith("council-")
    again = backup_now(db)  # the same second: the next name, never an overwrite
    assert again.path != info.path and again.path.is_file()
    with sqlite3.connect(again.path) as copy:
        assert copy.execute("SELECT code FROM members").fetchall() == [("M001",)]
    assert backup_age(db_path) is not None and backup_age(db_path) < timedelta(minutes=1)  # type: ignore[operator]


def test_automatic_backups_happen_only_after_a_change(db: Database, db_path: Path) -> None:
    auto = AutoBackups(db)
    try:
        assert not auto.due() and auto.run() is None
        add_member(db, "M001")
        assert auto.due()
        assert auto.run() is not None and not auto.due()
        with sqlite3.connect(db_path) as script:  # another program (the command line) writes meanwhile
            script.execute("UPDATE members SET phone = '0414' WHERE code = 'M001'")
        assert auto.due()
        assert auto.run(force=True) is not None and auto.run() is None
        assert len(list_backups(db_path)) == 2
    finally:
        auto.close()


def test_a_read_only_window_takes_no_automatic_backups(db: Database, db_path: Path) -> None:
    viewer = open_database(db_path, read_only=True)
    try:
        assert not AutoBackups.enabled_for(viewer) and backup_before(viewer, "import") is None
        auto = AutoBackups(viewer)
        add_member(db, "M001")
        assert not auto.due()
    finally:
        viewer.dispose()
