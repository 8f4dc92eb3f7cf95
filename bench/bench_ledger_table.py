"""The Ledger section's table of entries over 100,000 entries opens — filters filled, the model set on every
matching id, the first rows read and painted — in under 300 ms (issue 5; the model is lazy).

The books are those of `bench_ledger` (40 workers × 520 biweekly periods × 5 entries = 104,000 entries, built
in one unit of work through the services' session-level functions). The widget is the real `EntriesTab`,
offscreen; the time runs from creating it until its table's viewport has painted.
Run alone with `python bench/bench_ledger_table.py`, or through `python -m bench`.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

GOAL_S = 0.300
RUNS = 3


def _books(folder: Path):  # type: ignore[no-untyped-def]
    from bench.bench_ledger import HISTORY_MEMBERS, HISTORY_PERIODS, _council
    from coopdesk.persistence.models import MemberRecord
    from coopdesk.services.ledger.closing import close
    from coopdesk.services.ledger.periods import add_period, replace_hours

    db = _council(folder, "table", HISTORY_MEMBERS)
    rng = random.Random(3)
    with db.write() as session:
        ids = [member.id for member in session.query(MemberRecord).order_by(MemberRecord.code)]
        start = date(2001, 1, 1)
        for _ in range(HISTORY_PERIODS):
            period = add_period(session, starts_on=start, ends_on=start + timedelta(days=13))
            replace_hours(session, period, {member: rng.randint(60, 90) * 100 for member in ids})
            close(session, period_id=period.id, posted_on=start + timedelta(days=14))
            start += timedelta(days=14)
    return db


def _open_table(db) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    """Seconds from nothing to the first rows painted; the rows shown; the rows cached."""
    from PySide6.QtWidgets import QApplication

    from coopdesk.ui.ledger.context import LedgerContext
    from coopdesk.ui.ledger.entries_tab import EntriesTab

    start = time.perf_counter()
    context = LedgerContext()
    context.set_database(db)
    tab = EntriesTab(context)
    tab.resize(1000, 700)
    tab.set_database(db)
    tab.show()  # reads the filters' choices and the ids, fits the columns to the first rows
    tab.table.viewport().repaint()  # paints the visible rows now, reading them in one chunk
    elapsed = time.perf_counter() - start
    shown = tab.table.rowAt(tab.table.viewport().height() - 1) + 1 or tab.model.rowCount()
    rows, cached = tab.model.rowCount(), len(tab.model._cache)
    tab.close()
    tab.deleteLater()
    QApplication.processEvents()
    assert shown > 10 and cached >= shown, (shown, cached)
    return elapsed, rows, cached


def run() -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import coopdesk.ui.ledger.entries_tab  # noqa: F401 — import time is start-up's concern, not the table's
    from coopdesk.ui.language import apply_language

    apply_language("es")
    with tempfile.TemporaryDirectory(prefix="coopdesk-bench-table-") as folder:
        started = time.perf_counter()
        db = _books(Path(folder))
        build_s = time.perf_counter() - started
        try:
            timings = []
            for _ in range(RUNS):
                seconds, rows, cached = _open_table(db)
                timings.append(seconds)
        finally:
            db.dispose()
    best, first = min(timings), timings[0]
    met = best < GOAL_S
    print(f"entries table over {rows:,} entries: opens and paints its first rows in {best * 1000:.0f} ms "
          f"(first time {first * 1000:.0f} ms; {cached} rows read) — goal < {GOAL_S * 1000:.0f} ms: "
          f"{'met' if met else 'MISSED'}")
    print(f"(building the books took {build_s:.1f} s)")
    del app
    return {"name": "ledger table", "entries": rows, "seconds": round(best, 4), "first_seconds": round(first, 4),
            "rows_read": cached, "goal_seconds": GOAL_S, "met": met}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    run()
