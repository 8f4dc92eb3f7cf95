"""Crash safety: SIGKILL the command line at random moments of a long action; the database must pass `verify`
and hold all of the action or none of it, and nothing committed before may be lost.

Half of the kills fall anywhere in the run (start-up, reading the file, writing, committing, exiting); the
other half inside the write transaction itself: the test watches for the command's write lock (a probe's
BEGIN IMMEDIATE is refused while the command writes) and kills at a random moment within the time the
writing took in a full run. The kills are seeded, so a failure can be replayed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coopdesk.persistence.database import Database
from coopdesk.services.verify import verify_database
from tests.reliability.councils import (
    copy_database,
    council_with_members,
    council_with_open_period,
    fingerprint,
    row_counts,
    write_members,
)

pytestmark = pytest.mark.slow

SEED = 20_261_124
IMPORT_MEMBERS = 20_000
IMPORT_KILLS = 8  # each run is a few seconds: 8 kills keep the import part near 30 s
CLOSE_KILLS = 16


@dataclass
class Tally:
    action: str
    kills: int = 0  # SIGKILLs sent before the command finished
    in_write: int = 0  # of them, while the command held the write lock
    none: int = 0  # the database held none of the action afterwards
    all: int = 0  # ... all of it (the kill came after the commit)
    partial: int = 0  # ... part of it: must stay 0
    rows_lost: int = 0  # committed rows (from before the action) missing afterwards: must stay 0
    unsound: list[str] = field(default_factory=list)  # verify's complaints: must stay empty

    def line(self) -> str:
        return (f"crash safety, {self.action}: {self.kills} kills tried ({self.in_write} inside the write "
                f"transaction); afterwards {self.none} held none of it, {self.all} all of it, {self.partial} "
                f"part of it; rows lost: {self.rows_lost}; verify failed: {len(self.unsound)}")


def command(db_path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "coopdesk", "--db", str(db_path), "--lang", "en", *args]


class WriteProbe:
    """Tells whether another connection holds the database's write lock."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, timeout=0, isolation_level=None)

    def writing(self) -> bool:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # "database is locked": the command is inside its transaction
            return True
        self.connection.execute("ROLLBACK")
        return False

    def close(self) -> None:
        self.connection.close()


def run(args: list[str], db_path: Path, *, kill_after: float | None = None, in_write: float | None = None
        ) -> tuple[bool, bool, float]:
    """Run the command; kill it `kill_after` seconds after launch, or `in_write` seconds after its write
    transaction began. Returns (killed, the kill fell while it held the write lock, seconds it wrote)."""
    probe = WriteProbe(db_path)
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started, write_began, write_ended = time.monotonic(), None, None
    try:
        while process.poll() is None:
            now = time.monotonic()
            if write_began is None and probe.writing():
                write_began = now
            elif write_began is not None and write_ended is None and not probe.writing():
                write_ended = now  # committed (or rolled back): the lock is free again
            if kill_after is not None and now - started >= kill_after:
                break
            if in_write is not None and write_began is not None and now - write_began >= in_write:
                break
            time.sleep(0.001)
        else:
            end = write_ended or time.monotonic()
            return False, False, end - (write_began or end)
        was_writing = probe.writing()
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return True, was_writing, 0.0
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        probe.close()


def crash_test(tmp_path: Path, tally: Tally, template: Path, args: Callable[[Path], list[str]], kills: int) -> None:
    """Calibrate with one full run, then kill `kills` runs of the same action on fresh copies."""
    def examine(path: Path) -> tuple[dict[str, int], str, list[str]]:
        db = Database.open(path)
        try:
            report = verify_database(db)
            return row_counts(db), fingerprint(db), [problem.translated() for problem in report.problems]
        finally:
            db.dispose()

    before, before_print, problems = examine(template)
    assert not problems
    full = copy_database(template, tmp_path / "full.sqlite3")
    started = time.monotonic()
    killed, _, write_seconds = run(args(full), full)
    run_seconds = time.monotonic() - started
    after, _, problems = examine(full)
    assert not killed and not problems and after != before, "the action must complete when left alone"

    rng = random.Random(SEED)
    for attempt in range(kills):
        path = copy_database(template, tmp_path / f"attempt-{attempt}.sqlite3")
        if attempt % 2:
            # to a quarter past the commit, so that kills also fall right after it
            killed, in_write, _ = run(args(path), path, in_write=rng.uniform(0, 1.25 * write_seconds))
        else:
            killed, in_write, _ = run(args(path), path, kill_after=rng.uniform(0, run_seconds))
        tally.kills += killed
        tally.in_write += in_write
        counts, printed, problems = examine(path)
        tally.unsound += problems
        tally.rows_lost += sum(max(0, before[table] - counts.get(table, 0)) for table in before)
        if counts == before and printed == before_print:
            tally.none += 1
        elif counts == after:
            tally.all += 1
        else:
            tally.partial += 1
        for name in os.listdir(tmp_path):  # keep the disk use of the test small
            if name.startswith(f"attempt-{attempt}."):
                (tmp_path / name).unlink()
    print(tally.line())
    assert tally.partial == 0 and tally.rows_lost == 0 and not tally.unsound, tally.line()
    assert tally.in_write >= 1, "no kill fell inside the write transaction"


def test_a_killed_import_of_20000_members_leaves_all_or_nothing(tmp_path: Path) -> None:
    template = tmp_path / "template.sqlite3"
    council_with_members(template, tmp_path)  # ten members already there: a crash must never lose them
    members = write_members(tmp_path / "register.csv", IMPORT_MEMBERS)
    tally = Tally(f"import of {IMPORT_MEMBERS} members")
    crash_test(tmp_path, tally, template, lambda db: command(db, "members", "import", str(members)), IMPORT_KILLS)


def test_a_killed_period_close_leaves_all_or_nothing(tmp_path: Path) -> None:
    template = tmp_path / "template.sqlite3"
    period = council_with_open_period(template, tmp_path, members=100)
    tally = Tally("close of a pay period of 100 members")
    crash_test(tmp_path, tally, template, lambda db: command(db, "ledger", "period", "close", str(period)),
               CLOSE_KILLS)
