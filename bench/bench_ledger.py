"""The ledger against its goals (issue 5):
- close a pay period of 100 members and write its payroll PDF: < 1 s;
- a member's statement over 20 years of biweekly periods (520): < 100 ms;
- the table of entries over 100,000 entries opens (ids in order + the first page of rows): < 300 ms.

The books are made through the services (the demo's session-level door for the 520 periods, in one unit of work).
Run alone with `python bench/bench_ledger.py`, or through `python -m bench`.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CLOSE_GOAL_S = 1.0
STATEMENT_GOAL_S = 0.100
PAGE_GOAL_S = 0.300
PAGE_ROWS = 100
HISTORY_PERIODS = 520
HISTORY_MEMBERS = 40  # 40 members × 520 periods × 5 entries (gross, three funds, net) = 104,000 entries
RUNS = 3


def _best(action: Callable[[], Any], runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _council(folder: Path, name: str, members: int):  # type: ignore[no-untyped-def]
    from coopdesk.bootstrap import open_database
    from coopdesk.domain.members import Body, MemberDraft
    from coopdesk.services import ledger
    from coopdesk.services.demo_ledger import demo_motion
    from coopdesk.services.members import create_member

    db = open_database(folder / f"{name}.sqlite3")
    for number in range(1, members + 1):
        create_member(db, draft=MemberDraft(f"M{number:03d}", f"Trabajadora Número {number}", Body.WORKER,
                                            date(2000, 1, 1), True, national_id=f"V-{10_000_000 + number}"))
    motion = demo_motion(db, text="Fijar el anticipo igualitario en Bs. 12,75", day=date(2000, 6, 1))
    ledger.set_rate(db, rate_cents=1275, effective_from=date(2001, 1, 1), motion_id=motion)
    for code, name_, percent in (("ahorro", "Caja de ahorro", 500), ("vivienda", "Fondo de vivienda", 300),
                                 ("salud", "Fondo de salud", 200)):
        ledger.save_fund(db, code=code, name=name_, percent_hundredths=percent)
    return db


def _close_and_print(folder: Path) -> dict[str, float]:
    from coopdesk.services import ledger
    from coopdesk.services.ledger.reports import payroll_report

    db = _council(folder, "close", 100)
    rng = random.Random(1)
    timings = []
    try:
        payroll_report(db, period_id=_fortnight(db, rng, date(2027, 1, 4)), lang="es")  # warm-up: fonts, Babel
        for run in range(RUNS):
            period = _fortnight(db, rng, date(2027, 2, 1) + timedelta(days=14 * run))
            start = time.perf_counter()
            ledger.close_period(db, period_id=period)
            pdf = payroll_report(db, period_id=period, lang="es")
            timings.append(time.perf_counter() - start)
            (folder / "payroll.pdf").write_bytes(pdf)
    finally:
        db.dispose()
    return {"close_and_pdf_s": min(timings)}


def _fortnight(db, rng: random.Random, start: date) -> int:  # type: ignore[no-untyped-def]
    from coopdesk.services import ledger

    period = ledger.create_period(db, starts_on=start, ends_on=start + timedelta(days=13)).id
    ledger.set_hours(db, period_id=period, hours={f"M{n:03d}": rng.randint(60, 90) * 100 for n in range(1, 101)})
    for number in rng.sample(range(1, 101), 8):
        ledger.add_advance(db, period_id=period, member_code=f"M{number:03d}", amount_cents=rng.randint(50, 300) * 100)
    return period


def _history(folder: Path) -> dict[str, float | int]:
    from coopdesk.services import ledger
    from coopdesk.services.ledger.closing import close
    from coopdesk.services.ledger.periods import add_period, replace_hours

    db = _council(folder, "history", HISTORY_MEMBERS)
    rng = random.Random(2)
    start_build = time.perf_counter()
    with db.write() as session:
        start = date(2001, 1, 1)
        from coopdesk.persistence.models import MemberRecord

        ids = [member.id for member in session.query(MemberRecord).order_by(MemberRecord.code)]
        for _ in range(HISTORY_PERIODS):
            period = add_period(session, starts_on=start, ends_on=start + timedelta(days=13))
            replace_hours(session, period, {member: rng.randint(60, 90) * 100 for member in ids})
            close(session, period_id=period.id, posted_on=start + timedelta(days=14))
            start += timedelta(days=14)
    build_s = time.perf_counter() - start_build
    try:
        entries = ledger.count_entries(db)
        ledger.statement(db, member_code="M007", year=None)  # warm-up
        all_years = _best(lambda: ledger.statement(db, member_code="M007", year=None))
        one_year = _best(lambda: ledger.statement(db, member_code="M007", year=2010))

        def first_page() -> None:
            ids = ledger.entry_ids(db)
            ledger.entries_by_ids(db, ids=ids[:PAGE_ROWS])

        page = _best(first_page)
        newest_first = _best(lambda: ledger.entries_by_ids(db, ids=ledger.entry_ids(db, descending=True)[:PAGE_ROWS]))
        statement_rows = len(ledger.statement(db, member_code="M007", year=None).entries)
    finally:
        db.dispose()
    return {"entries": entries, "build_s": build_s, "statement_all_years_s": all_years,
            "statement_rows": statement_rows, "statement_one_year_s": one_year, "first_page_s": page,
            "first_page_newest_s": newest_first}


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="coopdesk-bench-ledger-") as folder:
        close = _close_and_print(Path(folder))
        history = _history(Path(folder))
    result: dict[str, Any] = {**close, **history}
    result["met"] = (close["close_and_pdf_s"] < CLOSE_GOAL_S and history["statement_all_years_s"] < STATEMENT_GOAL_S
                     and history["first_page_s"] < PAGE_GOAL_S)

    def verdict(ok: bool) -> str:
        return "OK" if ok else "TOO SLOW"

    print(f"close a period of 100 members + payroll PDF: {close['close_and_pdf_s']:.3f} s "
          f"(goal < {CLOSE_GOAL_S:.1f} s) {verdict(close['close_and_pdf_s'] < CLOSE_GOAL_S)}")
    print(f"member statement over {HISTORY_PERIODS} biweekly periods ({history['statement_rows']} entries): "
          f"{history['statement_all_years_s'] * 1000:.1f} ms, one year {history['statement_one_year_s'] * 1000:.1f} ms "
          f"(goal < {STATEMENT_GOAL_S * 1000:.0f} ms) {verdict(history['statement_all_years_s'] < STATEMENT_GOAL_S)}")
    print(f"entries table over {history['entries']:,} entries, ids + first {PAGE_ROWS} rows: "
          f"{history['first_page_s'] * 1000:.1f} ms (newest first {history['first_page_newest_s'] * 1000:.1f} ms; "
          f"goal < {PAGE_GOAL_S * 1000:.0f} ms) {verdict(history['first_page_s'] < PAGE_GOAL_S)}")
    print(f"(building the {HISTORY_PERIODS} periods took {history['build_s']:.1f} s)")
    return result


if __name__ == "__main__":
    run()
