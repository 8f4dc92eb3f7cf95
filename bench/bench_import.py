"""How long importing a register of 20,000 members into a fresh database takes (goal: under 3 s)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.members_csv import write_members_csv

MEMBERS = 20_000
GOAL_SECONDS = 3.0


def run() -> dict:
    from coopdesk.bootstrap import open_database
    from coopdesk.services.member_import import import_members

    with tempfile.TemporaryDirectory() as folder:
        csv_path = write_members_csv(Path(folder) / "members.csv", MEMBERS)
        db = open_database(Path(folder) / "bench.sqlite3")
        try:
            started = time.perf_counter()
            created = import_members(db, path=csv_path).created
            first = time.perf_counter() - started
            started = time.perf_counter()
            unchanged = import_members(db, path=csv_path).unchanged
            again = time.perf_counter() - started
        finally:
            db.dispose()
    met = first < GOAL_SECONDS and created == unchanged == MEMBERS
    print(f"member import: {MEMBERS} members in {first:.2f} s, re-import (nothing changes) {again:.2f} s "
          f"— goal < {GOAL_SECONDS:.0f} s: {'met' if met else 'MISSED'}")
    return {"name": "member import", "members": MEMBERS, "seconds": round(first, 3),
            "reimport_seconds": round(again, 3), "goal_seconds": GOAL_SECONDS, "met": met}


if __name__ == "__main__":
    run()
