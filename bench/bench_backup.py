"""A verified backup of a 50 MB database (goal: under 10 s), and its parts: the online copy through SQLite's
backup API, the checks (integrity_check, the audit chain, SHA-256), and a copy to another folder read back.

The database is the demo council, 20,000 more members (imported as a secretary would), and a long, valid
audit chain of member edits — the change log of years of work — until the file passes 50 MB. It is made once
and kept in bench/out/ (gitignored); delete the file to make it again.
Run alone with `python bench/bench_backup.py`, or through `python -m bench`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

TARGET_BYTES = 50_000_000
GOAL_SECONDS = 10.0
OUT = Path(__file__).parent / "out"
DATABASE = OUT / "backup50.sqlite3"
EVENTS_PER_BATCH = 10_000


def _append_edits(db, count: int, start: datetime) -> None:  # type: ignore[no-untyped-def]
    """`count` member edits chained onto the audit trail in one unit of work, hashed as `append_event` does.
    They touch contact fields only: verify replays a member's status against the row, and the demo's retired
    members are not active."""
    from sqlalchemy import select

    from coopdesk.domain.audit import canonical, chain_hash
    from coopdesk.persistence.models import AuditEventRecord
    from coopdesk.services.audit import event_fields

    with db.write() as session:
        previous = session.scalar(select(AuditEventRecord.hash).order_by(AuditEventRecord.id.desc()).limit(1))
        rows = []
        for n in range(count):
            member = n % 20_000 + 1
            record = AuditEventRecord(
                occurred_at=start + timedelta(seconds=n), actor="secretaria", action="member.update",
                entity="member", entity_id=str(member),
                before_json=canonical({"phone": f"0414-{n:07d}", "email": f"socia{member}@example.org",
                                       "skills": ["cocina", "contabilidad"]}),
                after_json=canonical({"phone": f"0424-{n:07d}", "email": f"socia{member}@correo.example.org",
                                      "skills": ["cocina", "contabilidad", "inventario"]}),
                prev_hash=previous)
            record.hash = previous = chain_hash(previous, event_fields(record))
            rows.append({column: getattr(record, column) for column in (
                "occurred_at", "actor", "action", "entity", "entity_id", "before_json", "after_json", "prev_hash",
                "hash")})
        session.execute(AuditEventRecord.__table__.insert(), rows)


def database() -> Path:
    """The 50 MB database, made the first time."""
    from bench.members_csv import write_members_csv
    from coopdesk.bootstrap import open_database
    from coopdesk.services.demo import create_demo
    from coopdesk.services.member_import import import_members

    if DATABASE.is_file() and DATABASE.stat().st_size >= TARGET_BYTES:
        return DATABASE
    OUT.mkdir(exist_ok=True)
    for leftover in OUT.glob(f"{DATABASE.name}*"):
        leftover.unlink()
    shutil.rmtree(OUT / "backups", ignore_errors=True)  # the copy taken before the import
    db = open_database(DATABASE)
    try:
        create_demo(db)
        with tempfile.TemporaryDirectory() as folder:
            import_members(db, path=write_members_csv(Path(folder) / "members.csv", 20_000))
        start = datetime(2020, 1, 1)
        while _size(db) < TARGET_BYTES:
            _append_edits(db, EVENTS_PER_BATCH, start)
            start += timedelta(days=1)
    finally:
        db.dispose()  # checkpoints the WAL into the file
    return DATABASE


def _size(db) -> int:  # type: ignore[no-untyped-def]
    """The database's size as SQLite sees it (the WAL's pages included)."""
    with db.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        return int(pages) * int(connection.exec_driver_sql("PRAGMA page_size").scalar())


def run() -> dict:
    from coopdesk.bootstrap import open_database
    from coopdesk.services.backup import _copy_online, backup_database, copy_backup

    path = database()
    size_mb = path.stat().st_size / 1_000_000
    db = open_database(path)
    try:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            _copy_online(path, Path(folder) / "raw.sqlite3")
            copy_only = time.perf_counter() - started
            started = time.perf_counter()
            manifest = backup_database(db, target=Path(folder) / "backup.sqlite3")
            seconds = time.perf_counter() - started
            usb = Path(folder) / "usb"
            usb.mkdir()
            started = time.perf_counter()
            copy_backup(Path(folder) / "backup.sqlite3", folder=usb)
            to_folder = time.perf_counter() - started
    finally:
        db.dispose()
    met = seconds < GOAL_SECONDS
    print(f"backup of a {size_mb:.0f} MB database ({manifest.row_counts['audit_events']:,} audit events, "
          f"{manifest.row_counts['members']:,} members): {seconds:.2f} s verified "
          f"(online copy alone {copy_only:.2f} s; copy to a folder, read back {to_folder:.2f} s) "
          f"— goal < {GOAL_SECONDS:.0f} s: {'met' if met else 'MISSED'}")
    return {"name": "backup", "size_mb": round(size_mb, 1), "seconds": round(seconds, 3),
            "copy_only_seconds": round(copy_only, 3), "copy_to_folder_seconds": round(to_folder, 3),
            "goal_seconds": GOAL_SECONDS, "met": met}


if __name__ == "__main__":
    run()
