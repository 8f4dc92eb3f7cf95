"""One writer: the lock file, stale-lock recovery, the read-only database, and a busy database that says so
within seconds instead of hanging."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from coopdesk.bootstrap import open_database
from coopdesk.cli import main
from coopdesk.domain.errors import DatabaseLocked, UnreadableDatabase
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.persistence.lock import (
    STALE_AFTER_SECONDS,
    DatabaseInUse,
    DatabaseLock,
    ReadOnly,
    lock_path,
    read_owner,
    storage_kind,
)
from coopdesk.services.members import count_members, create_member


def write_lock(db_path: Path, *, pid: int, host: str | None = None, age: float = 0.0) -> None:
    path = lock_path(db_path)
    path.write_text(json.dumps({"pid": pid, "host": host or socket.gethostname(), "token": "theirs",
                                "started_at": "2026-01-05T08:00:00+00:00"}), encoding="utf-8")
    if age:
        os.utime(path, (time.time() - age, time.time() - age))


@pytest.fixture
def other_process():  # type: ignore[no-untyped-def]
    """A live process that is not this one and holds no lock (its pid stands for a reused pid)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


@pytest.fixture
def other_window(db_path: Path):  # type: ignore[no-untyped-def]
    """Another coopdesk process holding the database's lock, as a window does for its whole life."""
    script = ("import sys, time; from pathlib import Path; from coopdesk.persistence.lock import DatabaseLock; "
              "DatabaseLock.acquire(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().strip() == b"held"
    yield process
    process.kill()
    process.wait()


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_lock_file_says_who_holds_it_and_goes_on_release(db_path: Path) -> None:
    lock = DatabaseLock.acquire(db_path)
    owner = read_owner(db_path)
    assert owner is not None and owner.pid == os.getpid() and owner.host == socket.gethostname()
    assert lock_path(db_path).name == "council.sqlite3.lock"
    assert lock.refresh()
    lock.release()
    assert not lock_path(db_path).exists()


def test_a_live_holder_keeps_the_lock(db_path: Path, other_window: subprocess.Popen[bytes]) -> None:
    other_process = other_window
    with pytest.raises(DatabaseInUse) as held:
        DatabaseLock.acquire(db_path)
    assert held.value.owner.pid == other_process.pid and held.value.exit_code == 4
    assert str(other_process.pid) in held.value.translated()


def test_a_crashed_holder_is_taken_over(db_path: Path) -> None:
    write_lock(db_path, pid=dead_pid())
    lock = DatabaseLock.acquire(db_path)
    assert read_owner(db_path).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_another_computer_counts_until_its_lock_goes_stale(db_path: Path) -> None:
    write_lock(db_path, pid=1, host="office-pc")
    with pytest.raises(DatabaseInUse):
        DatabaseLock.acquire(db_path)
    write_lock(db_path, pid=1, host="office-pc", age=STALE_AFTER_SECONDS + 60)  # crashed, never refreshed
    DatabaseLock.acquire(db_path).release()


def test_an_old_unrefreshed_lock_of_a_live_pid_is_stale_too(db_path: Path, other_process) -> None:  # type: ignore[no-untyped-def]
    write_lock(db_path, pid=other_process.pid, age=STALE_AFTER_SECONDS + 60)  # e.g. the pid was reused
    DatabaseLock.acquire(db_path).release()


def test_a_half_written_lock_nobody_holds_is_taken_over(db_path: Path) -> None:
    lock_path(db_path).write_text("{", encoding="utf-8")  # a crash while writing: the OS lock went with it
    lock = DatabaseLock.acquire(db_path)
    assert read_owner(db_path).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_the_same_process_may_take_its_own_lock_again(db_path: Path) -> None:
    first = DatabaseLock.acquire(db_path)
    second = DatabaseLock.acquire(db_path)  # the same database opened again in this window
    first.release()  # not ours any more: the file stays
    assert lock_path(db_path).exists() and not first.refresh() and second.refresh()
    second.release()
    assert not lock_path(db_path).exists()


# ---- the second window's database


def test_a_read_only_database_reads_and_refuses_writes(db: Database, db_path: Path) -> None:
    create_member(db, draft=MemberDraft("M001", "Rosa Añez", Body.WORKER, date(2020, 1, 1), True))
    viewer = open_database(db_path, read_only=True)
    try:
        assert count_members(viewer) == 1
        with pytest.raises(ReadOnly) as refused:
            create_member(viewer, draft=MemberDraft("M002", "Ana", Body.WORKER, date(2020, 1, 1), True))
        assert refused.value.exit_code == 4 and "read-only" in refused.value.message
        with viewer.engine.connect() as connection, pytest.raises(Exception, match="readonly"):
            connection.exec_driver_sql("DELETE FROM members")  # SQLite itself refuses too (query_only)
    finally:
        viewer.dispose()
    assert count_members(db) == 1


# ---- a busy database: a clear message within seconds


@pytest.fixture
def writer_holding_the_database(db: Database, db_path: Path):  # type: ignore[no-untyped-def]
    """Another program in the middle of a write transaction (BEGIN IMMEDIATE, never committed)."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO council_settings (id, name) SELECT 99, 'x' WHERE 0")
    yield connection
    connection.rollback()
    connection.close()


@pytest.mark.slow  # waits out the busy timeout (5 s)
def test_the_command_line_exits_4_within_seconds_on_a_busy_database(
    db: Database, db_path: Path, data_dir: Path, writer_holding_the_database, capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    capsys.readouterr()
    started = time.monotonic()
    code = main(["--db", str(db_path), "--lang", "en", "members", "import", str(data_dir / "members.csv")])
    assert code == 4 and time.monotonic() - started < 7
    err = capsys.readouterr().err
    assert "busy or locked" in err and "Traceback" not in err
    assert count_members(db) == 0  # nothing was written, and reading went on meanwhile (WAL)


@pytest.mark.slow
def test_an_exclusive_lock_gives_the_same_message_at_opening(db: Database, db_path: Path) -> None:
    db.dispose()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE council_settings SET name = name")
    try:
        started = time.monotonic()
        with pytest.raises((DatabaseLocked, UnreadableDatabase)) as refused:
            open_database(db_path)
        assert time.monotonic() - started < 7 and refused.value.exit_code == 4
    finally:
        holder.rollback()
        holder.close()


# ---- where the file lives


@pytest.mark.parametrize(("mounts", "path", "kind"), [
    ([("/", "ext4")], "/home/ana/coopdesk.sqlite3", None),
    ([("/", "ext4"), ("/mnt/oficina", "cifs")], "/mnt/oficina/consejo.sqlite3", "network"),
    ([("/", "ext4"), ("/srv/nfs", "nfs4")], "/srv/nfs/a/b.sqlite3", "network"),
    ([("/", "ext4"), ("/home/ana/remoto", "fuse.sshfs")], "/home/ana/remoto/c.sqlite3", "network"),
    ([("/", "ext4"), ("/media/ana/USB", "vfat")], "/media/ana/USB/c.sqlite3", "removable"),
    ([("/", "ext4"), ("/run/media/ana/DISK", "exfat")], "/run/media/ana/DISK/c.sqlite3", "removable"),
    ([("/", "ext4"), ("/boot/efi", "vfat")], "/boot/efi/c.sqlite3", None),  # vfat, but not a removable mount
    ([("/", "ext4"), ("/media/ana/USB", "vfat")], "/media/ana/USB2/c.sqlite3", None),
])
def test_network_and_removable_drives_are_recognised(mounts, path: str, kind: str | None) -> None:  # type: ignore[no-untyped-def]
    assert storage_kind(Path(path), mounts) == kind


def test_this_machine_s_temporary_folder_is_a_local_disk(tmp_path: Path) -> None:
    assert storage_kind(tmp_path / "c.sqlite3") is None


def test_a_vanished_lock_file_is_written_again_and_a_taken_one_is_noticed(db_path: Path) -> None:
    lock = DatabaseLock.acquire(db_path)
    lock_path(db_path).unlink()  # someone tidied up the folder
    assert lock.refresh() and read_owner(db_path).token == lock.token  # type: ignore[union-attr]
    write_lock(db_path, pid=1, host="office-pc")  # another computer took it while this one slept
    assert not lock.refresh()
    lock.release()
    assert read_owner(db_path).host == "office-pc"  # type: ignore[union-attr]


def test_a_live_pid_without_the_os_lock_is_stale(db_path: Path, other_process) -> None:  # type: ignore[no-untyped-def]
    write_lock(db_path, pid=other_process.pid)  # the pid lives, but no process holds the lock: a crash, pid reused
    DatabaseLock.acquire(db_path).release()


def test_the_lock_goes_with_its_process_however_it_ends(db_path: Path, other_window) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseInUse):
        DatabaseLock.acquire(db_path)
    other_window.kill()  # no release, no clean-up: the operating system lets the lock go
    other_window.wait()
    assert read_owner(db_path).is_stale()  # type: ignore[union-attr]
    DatabaseLock.acquire(db_path).release()


def test_the_command_line_does_not_write_while_a_window_holds_the_database(
        db_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path).dispose()
    script = ("import sys, time; from pathlib import Path; from coopdesk.persistence.lock import DatabaseLock; "
              "DatabaseLock.acquire(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)")
    window = subprocess.Popen([sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE)
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == b"held"
        capsys.readouterr()
        assert main(["--db", str(db_path), "--lang", "en", "members", "import", str(data_dir / "members.csv")]) == 4
        assert "already open on this database" in capsys.readouterr().err
        assert main(["--db", str(db_path), "verify"]) == 0  # reading goes on
    finally:
        window.kill()
        window.wait()
    assert main(["--db", str(db_path), "members", "import", str(data_dir / "members.csv")]) == 0


@pytest.mark.parametrize(("path", "types", "kind"), [
    ("C:\\Users\\ana\\coopdesk.sqlite3", {"C:\\": 3}, None),  # DRIVE_FIXED
    ("Z:\\consejo\\coopdesk.sqlite3", {"Z:\\": 4}, "network"),  # DRIVE_REMOTE: a mapped share
    ("E:\\coopdesk.sqlite3", {"E:\\": 2}, "removable"),  # DRIVE_REMOVABLE: a USB stick
    ("\\\\oficina\\consejo\\coopdesk.sqlite3", {}, "network"),  # a UNC path
])
def test_network_drives_are_recognised_on_windows(path: str, types: dict[str, int], kind: str | None) -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return types[root]

    assert storage_kind(Path(path), windows=True, drive_type=drive_type) == kind
    assert asked == list(types)
