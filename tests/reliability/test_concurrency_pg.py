"""Two secretaries, one member: two processes × 500 conflicting edits, and not one update lost.

In each round both processes read the member, wait for each other, then save their own change against the
version they read: exactly one save may win, the other must be told of the conflict and change nothing.
Afterwards every successful save has raised the version by exactly one, the change log holds each save with
the previous save's value as its "before", and the audit chain verifies. Runs on the PostgreSQL server
(`postgres` marker, per-worker database) and on SQLite.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import fields
from datetime import date
from typing import Any

import pytest

from coopdesk.domain.errors import ConflictError, CoopdeskError
from coopdesk.domain.members import Body, Member, MemberDraft
from coopdesk.persistence.database import Database
from coopdesk.services.change_log import record_history
from coopdesk.services.members import create_member, get_member, update_member
from coopdesk.services.verify import verify_database

ROUNDS = 500
WORKERS = 2
WAIT = 60  # seconds a process waits for the other at a barrier before the test fails (never a hang)


def draft_of(member: Member, **changes: Any) -> MemberDraft:
    values = {f.name: getattr(member, f.name) for f in fields(MemberDraft)}
    return MemberDraft(**{**values, **changes})


def edit_in_turns(target: str, member_id: int, worker: int, barrier: Any, results: Any) -> None:
    """One secretary: read, wait for the other, save; record what was saved and the conflicts."""
    db = Database.open(target)
    saved: list[tuple[int, int, str]] = []  # (version read, version saved, phone written)
    conflicts = at_row = 0
    try:
        for round_ in range(ROUNDS):
            member = get_member(db, member_id).member
            barrier.wait(WAIT)
            phone = f"0414-{worker}{round_:06d}"
            try:
                after = update_member(db, member_id=member_id, version=member.version,
                                      draft=draft_of(member, phone=phone))
                saved.append((member.version, after.version, phone))
            except ConflictError as conflict:
                conflicts += 1
                at_row += conflict.__cause__ is not None  # caught by the versioned UPDATE, not the first check
            barrier.wait(WAIT)
    except BaseException as error:  # tell the test instead of leaving it waiting
        barrier.abort()
        results.put((worker, saved, conflicts, at_row, f"{type(error).__name__}: {error}"))
        raise
    finally:
        db.dispose()
    results.put((worker, saved, conflicts, at_row, None))


@pytest.mark.slow
def test_two_processes_500_conflicting_edits_lose_no_update(any_db: Database) -> None:
    db = any_db
    member = create_member(db, draft=MemberDraft("M001", "Ana Pérez", Body.WORKER, date(2020, 1, 1), True))
    target = db.url.render_as_string(hide_password=False) if not db.is_sqlite else str(db.path)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=edit_in_turns, args=(target, member.id, worker, barrier, results))
                 for worker in range(1, WORKERS + 1)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=WAIT * 5) for _ in processes]
    for process in processes:
        process.join(WAIT)
    failures = [failure for *_rest, failure in outcomes if failure]
    assert not failures, failures

    saves = sorted((save for _worker, saved, *_rest in outcomes for save in saved), key=lambda save: save[1])
    conflicts = sum(outcome[2] for outcome in outcomes)
    at_row = sum(outcome[3] for outcome in outcomes)
    backend = "SQLite" if db.is_sqlite else "PostgreSQL"
    print(f"\nconcurrency on {backend}: {WORKERS} processes × {ROUNDS} conflicting edits: {len(saves)} saved, "
          f"{conflicts} conflicts detected ({at_row} by the versioned UPDATE itself), lost updates: "
          f"{len(saves) + 1 - get_member(db, member.id).member.version}")

    assert len(saves) + conflicts == WORKERS * ROUNDS
    assert len(saves) == ROUNDS and conflicts == ROUNDS * (WORKERS - 1)  # one winner per round, exactly
    assert all(after == read + 1 for read, after, _phone in saves)  # each save raised the version by one
    assert [after for _read, after, _phone in saves] == list(range(2, ROUNDS + 2))  # no version twice: none lost
    final = get_member(db, member.id).member
    assert final.version == ROUNDS + 1 and final.phone == saves[-1][2]

    edits = [entry for entry in record_history(db, entity="member", entity_id=member.id) if not entry.created]
    assert len(edits) == ROUNDS
    logged = [{change.field: (change.before, change.after) for change in entry.changes}["phone"] for entry in edits]
    phones = [phone for _read, _after, phone in saves]
    assert logged == list(zip([None, *phones[:-1]], phones, strict=True))  # each save started from the last one
    assert verify_database(db).sound


def close_at_once(target: str, period_id: int, barrier: Any, results: Any) -> None:
    """One secretary pressing "Close period" at the same moment as the other."""
    from coopdesk.services import ledger

    db = Database.open(target)
    try:
        barrier.wait(WAIT)
        try:
            ledger.close_period(db, period_id=period_id, posted_on=date(2027, 1, 18))
            results.put("closed")
        except CoopdeskError as refused:
            results.put(f"{type(refused).__name__}: {refused.translated()}")
    finally:
        db.dispose()


def test_two_closings_of_one_period_post_it_once(any_db: Database) -> None:
    from sqlalchemy import func, select

    from coopdesk.persistence.models import LedgerEntryRecord
    from coopdesk.services import ledger
    from coopdesk.services.demo_ledger import demo_motion

    db = any_db
    for n in range(1, 21):
        create_member(db, draft=MemberDraft(f"M{n:03d}", f"Trabajadora {n}", Body.WORKER, date(2020, 1, 1), True))
    motion = demo_motion(db, text="Fijar la tarifa", day=date(2026, 12, 1))
    ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=motion)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500)
    period = ledger.create_period(db, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 17)).id
    ledger.set_hours(db, period_id=period, hours={f"M{n:03d}": 8000 + n for n in range(1, 21)})
    target = db.url.render_as_string(hide_password=False) if not db.is_sqlite else str(db.path)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    processes = [context.Process(target=close_at_once, args=(target, period, barrier, results)) for _ in range(2)]
    for process in processes:
        process.start()
    outcomes = sorted((results.get(timeout=WAIT) for _ in processes), key=lambda outcome: outcome != "closed")
    for process in processes:
        process.join(WAIT)
    # The second is refused: as a conflict when both read the period open (PostgreSQL), or because it is closed.
    print(f"\ntwo closings at once on {'SQLite' if db.is_sqlite else 'PostgreSQL'}: {outcomes}")
    assert outcomes[0] == "closed" and outcomes[1].startswith(("ConflictError", "InvalidInput")), outcomes
    with db.read() as session:
        assert session.scalar(select(func.count(LedgerEntryRecord.id))) == 20 * 3  # gross, one fund, net: once
    assert verify_database(db).sound
