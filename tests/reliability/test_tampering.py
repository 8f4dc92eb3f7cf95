"""Tampering as an attacker holding the database file would try it: the sqlite3 shell, triggers dropped,
foreign keys off, rows edited, inserted or deleted — even the whole audit chain recomputed. Each kind must make
`verify` exit 1 with its first line naming the bad record, and never show a traceback."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from coopdesk.cli import main

APPROVED = "(SELECT min(id) FROM meetings WHERE state = 'approved')"
APPROVED_ITEM = f"(SELECT min(id) FROM agenda_items WHERE meeting_id = {APPROVED})"
CLOSED_MOTION = "(SELECT max(id) FROM motions WHERE closed_at IS NOT NULL)"
ROLL_CALL = "(SELECT min(id) FROM motions WHERE closed_at IS NOT NULL AND method = 'roll_call')"
ELECTION = "(SELECT min(id) FROM elections WHERE closed_at IS NOT NULL)"
CLOSED_PERIOD = "(SELECT max(id) FROM pay_periods WHERE state = 'closed')"
PLAN = "(SELECT min(id) FROM rotation_plans WHERE state = 'published')"
LAST_EVENT = "(SELECT max(id) FROM audit_events)"


def _recompute_chain(path: Path) -> None:
    """The strongest attack on a lone file: change an event, then rehash the whole chain from the first one."""
    from coopdesk.domain.audit import chain_hash
    from coopdesk.persistence.database import Database
    from coopdesk.persistence.models import AuditEventRecord
    from coopdesk.services.audit import event_fields

    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE audit_events SET actor = 'intruso' WHERE id = 5")
    db = Database.open(path)
    with db.read() as session:
        rows = session.execute(AuditEventRecord.__table__.select().order_by(AuditEventRecord.id)).all()
    db.dispose()
    previous, updates = None, []
    for row in rows:
        digest = chain_hash(previous, event_fields(row))  # type: ignore[arg-type]
        updates.append((previous, digest, row.id))
        previous = digest
    with sqlite3.connect(path) as raw:
        raw.executemany("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", updates)


def _delete_last_events(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("DELETE FROM audit_events WHERE id > (SELECT max(id) - 3 FROM audit_events)")


Attack = str | Callable[[Path], None]

# (kind, what the attacker does, what the first line of verify must name)
CASES: list[tuple[str, Attack, str]] = [
    # minutes
    ("minutes unlocked, then rewritten",
     f"UPDATE meetings SET state = 'closed' WHERE id = {APPROVED}; "
     f"UPDATE agenda_items SET minutes = 'Nada se dijo.' WHERE id = {APPROVED_ITEM}",
     "are no longer marked approved"),
    ("approved minutes rewritten", f"UPDATE agenda_items SET minutes = 'Otra cosa.' WHERE id = {APPROVED_ITEM}",
     "approved minutes of meeting"),
    ("approved meeting's title", f"UPDATE meetings SET title = 'Asamblea falsa' WHERE id = {APPROVED}",
     "approved minutes of meeting"),
    ("approved meeting's date", f"UPDATE meetings SET starts_at = '2020-01-01 09:00:00' WHERE id = {APPROVED}",
     "approved minutes of meeting"),
    ("approved meeting deleted", f"DELETE FROM meetings WHERE id = {APPROVED}", "is missing"),
    ("agenda item of approved minutes deleted", f"DELETE FROM agenda_items WHERE id = {APPROVED_ITEM}",
     "approved minutes of meeting"),
    ("decision of approved minutes rewritten",
     "UPDATE decisions SET text = 'Se decidió otra cosa' WHERE item_id IN "
     "(SELECT id FROM agenda_items WHERE meeting_id IN (SELECT id FROM meetings WHERE state = 'approved'))",
     "approved minutes of meeting"),
    ("day of issue of approved minutes' convocation",
     f"UPDATE meetings SET convened_on = '2020-01-01' WHERE id = {APPROVED}", "approved minutes of meeting"),
    ("stored verification code of minutes", f"UPDATE meetings SET record_hash = '{'0' * 64}' WHERE id = {APPROVED}",
     "verification code stored with meeting"),
    # attendance
    ("attendance status", f"UPDATE attendance SET status = 'present' WHERE meeting_id = {APPROVED} "
                          "AND status = 'absent'", "approved minutes of meeting"),
    ("attendance row deleted", f"DELETE FROM attendance WHERE meeting_id = {APPROVED} AND rowid = "
                               f"(SELECT min(rowid) FROM attendance WHERE meeting_id = {APPROVED})",
     "approved minutes of meeting"),
    ("attendance entitlement", f"UPDATE attendance SET entitled = NOT entitled WHERE meeting_id = {APPROVED}",
     "approved minutes of meeting"),
    # votes
    ("vote reopened, then tally changed",
     f"UPDATE motions SET closed_at = NULL, yes = yes + 5 WHERE id = {CLOSED_MOTION}", "is no longer closed"),
    ("closed tally changed", f"UPDATE motions SET yes = yes + 1 WHERE id = {CLOSED_MOTION}", "was changed after"),
    ("result flipped", f"UPDATE motions SET result = CASE result WHEN 'passed' THEN 'rejected' ELSE 'passed' END "
                       f"WHERE id = {CLOSED_MOTION}", "was changed after"),
    ("entitled count of a closed vote", f"UPDATE motions SET entitled = entitled + 3 WHERE id = {CLOSED_MOTION}",
     "was changed after"),
    ("roll of a closed vote", f"DELETE FROM motion_voters WHERE motion_id = {CLOSED_MOTION} AND rowid = "
                              f"(SELECT min(rowid) FROM motion_voters WHERE motion_id = {CLOSED_MOTION})",
     "was changed after"),
    ("roll-call ballot changed", f"UPDATE roll_call_ballots SET choice = CASE choice WHEN 'yes' THEN 'no' ELSE 'yes' "
                                 f"END WHERE motion_id = {ROLL_CALL}", "was changed after"),
    ("proposer of a closed vote", f"UPDATE motions SET proposer_id = (SELECT min(id) FROM members) "
                                  f"WHERE id = {CLOSED_MOTION}", "was changed after"),
    ("closed motion deleted", f"DELETE FROM motions WHERE id = {CLOSED_MOTION}", "is missing"),
    # elections
    ("candidate's votes", f"UPDATE candidates SET votes = votes + 7 WHERE election_id = {ELECTION}",
     "was changed after it closed"),
    ("null ballots of a closed election", f"UPDATE elections SET null_ballots = 2 WHERE id = {ELECTION}",
     "was changed after it closed"),
    ("election reopened", f"UPDATE elections SET closed_at = NULL WHERE id = {ELECTION}", "is no longer closed"),
    ("elected flag flipped", f"UPDATE candidates SET elected = NOT elected WHERE election_id = {ELECTION}",
     "was changed after it closed"),
    # ledger
    ("posted amount edited", "UPDATE ledger_entries SET amount_cents = amount_cents + 100 WHERE id = 10",
     "Ledger entry 10 was changed"),
    ("entry slipped in", "INSERT INTO ledger_entries (posted_at, posted_on, period_id, member_id, kind, amount_cents) "
                         "VALUES ('2026-01-01 00:00:00', '2026-01-01', 1, 1, 'net', 99999)", "was not posted by"),
    ("posted entry deleted", "DELETE FROM ledger_entries WHERE id = 11", "no longer the ones that were posted"),
    # periods
    ("period reopened by its state", f"UPDATE pay_periods SET state = 'open', closed_at = NULL "
                                     f"WHERE id = {CLOSED_PERIOD}", "is open again"),
    ("hours of a closed period", f"UPDATE hours SET hundredths = hundredths + 800 WHERE period_id = {CLOSED_PERIOD}",
     "The hours of pay period"),
    ("hours of a closed period deleted", f"DELETE FROM hours WHERE period_id = {CLOSED_PERIOD}",
     "The hours of pay period"),
    ("advance of a closed period", "UPDATE advances SET amount_cents = 1 WHERE id = (SELECT max(id) FROM advances "
                                   "WHERE period_id IN (SELECT id FROM pay_periods WHERE state = 'closed'))",
     "advances of pay period"),
    ("closed period deleted", f"DELETE FROM pay_periods WHERE id = {CLOSED_PERIOD}", "is missing"),
    # rates
    ("hourly rate edited", "UPDATE hourly_rates SET rate_cents = rate_cents * 2", "hourly rate from"),
    ("hourly rate slipped in", "INSERT INTO hourly_rates (effective_from, rate_cents, motion_id, created_at) "
                               "VALUES ('2019-01-01', 1, 1, '2019-01-01 00:00:00')", "was not set through coopdesk"),
    # funds
    ("fund percentage", "UPDATE funds SET percent_hundredths = 0 WHERE code = 'salud'", "Fund salud was changed"),
    ("fund slipped in", "INSERT INTO funds (code, name, percent_hundredths, active) VALUES ('x', 'X', 100, 1)",
     "Fund x was not created"),
    # members
    ("voting rights", "UPDATE members SET voting = NOT voting WHERE code = 'M001'",
     "Member M001 was changed outside coopdesk: voting"),
    ("member's name", "UPDATE members SET full_name = 'Otra Persona' WHERE code = 'M002'", "full_name"),
    ("member's status", "UPDATE members SET status = 'left' WHERE code = 'M003'", "status"),
    ("member slipped in", "INSERT INTO members (code, full_name, body, joined_on, voting, status, search_key, "
                          "created_at, updated_at, version) VALUES ('X1', 'Fantasma', 'worker', '2020-01-01', 1, "
                          "'active', 'fantasma', '2020-01-01', '2020-01-01', 1)", "Member X1 was not added"),
    # rosters
    ("published assignment moved", "UPDATE rotation_assignments SET post_id = (SELECT max(id) FROM posts) "
                                   "WHERE rowid = (SELECT min(rowid) FROM rotation_assignments "
                                   f"WHERE plan_id = {PLAN})",
     "published rotation plan"),
    ("published assignment deleted", f"DELETE FROM rotation_assignments WHERE rowid = (SELECT min(rowid) FROM "
                                     f"rotation_assignments WHERE plan_id = {PLAN})", "published rotation plan"),
    ("roster unpublished", f"UPDATE rotation_plans SET state = 'draft' WHERE id = {PLAN}",
     "no longer marked published"),
    # users
    ("role raised", "UPDATE users SET role = 'administrator' WHERE username = 'ana'", "User ana was changed"),
    ("user slipped in", "INSERT INTO users (username, password_hash, role, created_at) VALUES ('eve', 'x', "
                        "'administrator', '2026-01-01')", "User eve was not added"),
    # audit rows
    ("event edited", "UPDATE audit_events SET after_json = '{}' WHERE id = 3", "audit chain is broken at event 3"),
    ("middle event deleted", "DELETE FROM audit_events WHERE id = 4", "audit chain is broken at event 5"),
    ("newest event deleted", f"DELETE FROM audit_events WHERE id = {LAST_EVENT}", "ends before the last known event"),
    ("newest events deleted", _delete_last_events, "ends before the last known event"),
    ("whole chain recomputed", _recompute_chain, "the chain was rewritten"),
    ("chain emptied", "DELETE FROM audit_events", "ends before the last known event"),
    ("forged event appended", "INSERT INTO audit_events (occurred_at, action, entity, prev_hash, hash) VALUES "
                              "('2026-01-01 00:00:00', 'close_vote', 'motion', 'x', 'y')", "audit chain is broken"),
]


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo council with a secretary user, its WAL folded into the file (a copy of the file is all of it)."""
    folder = tmp_path_factory.mktemp("council")
    path = folder / "c.sqlite3"
    assert main(["--db", str(path), "demo", "--members", "30", "--years", "1"]) == 0
    from coopdesk.bootstrap import open_database
    from coopdesk.domain.users import UserRole
    from coopdesk.services.users import add_user

    db = open_database(path)
    add_user(db, username="carmen", password="secreto-largo", role=UserRole.ADMINISTRATOR)
    add_user(db, username="ana", password="secreto-largo", role=UserRole.SECRETARY)
    db.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _attacked(council: Path, folder: Path, attack: Attack) -> Path:
    path = folder / council.name
    shutil.copyfile(council, path)
    shutil.copyfile(council.with_name(council.name + ".anchor.json"), path.with_name(path.name + ".anchor.json"))
    with sqlite3.connect(path) as raw:
        for (trigger,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            raw.execute(f'DROP TRIGGER "{trigger}"')
    if callable(attack):
        attack(path)
    else:
        with sqlite3.connect(path) as raw:
            raw.executescript(attack)
    return path


def test_the_untouched_council_is_sound(council: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _attacked(council, tmp_path, "")
    assert main(["--db", str(path), "--lang", "en", "verify"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(("attack", "named"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_kind_of_tampering_is_named(council: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         attack: Attack, named: str) -> None:
    path = _attacked(council, tmp_path, attack)
    capsys.readouterr()
    code = main(["--db", str(path), "--lang", "en", "verify"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "went wrong" not in err, err
    assert code == 1, err
    assert named in err.splitlines()[0], err


def test_there_are_at_least_thirty_kinds() -> None:
    assert len(CASES) >= 30
