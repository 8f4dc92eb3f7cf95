"""Small councils the reliability tests start from (built through the services, as a secretary would)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

from coopdesk.bootstrap import open_database
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import load_all

PERIOD_START, PERIOD_END = date(2027, 1, 4), date(2027, 1, 17)


def write_members(path: Path, count: int, *, first: int = 1, prefix: str = "M") -> Path:
    """A members CSV of `count` workers (codes PREFIX00001…), with national ids and a few skills."""
    lines = ["code,full_name,national_id,body,joined_on,voting,skills"]
    for n in range(first, first + count):
        skills = "cocina|contabilidad" if n % 3 == 0 else ""
        national_id = f"V-{(30_000_000 if prefix == 'A' else 20_000_000) + n}"
        lines.append(f"{prefix}{n:05d},Trabajadora Número {n},{national_id},worker,2015-01-01,yes,{skills}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def council_with_members(path: Path, folder: Path, count: int = 10) -> None:
    """A council that already holds `count` members (rows a crash must never lose)."""
    from coopdesk.services.member_import import import_members

    db = open_database(path)
    try:
        import_members(db, path=write_members(folder / "first.csv", count, prefix="A"))
    finally:
        db.dispose()


def council_with_open_period(path: Path, folder: Path, members: int = 100) -> int:
    """`members` workers with hours in an open pay period, a rate set by a passed motion and two funds;
    returns the period's id."""
    from coopdesk.services import ledger
    from coopdesk.services.demo_ledger import demo_motion
    from coopdesk.services.member_import import import_members

    db = open_database(path)
    try:
        import_members(db, path=write_members(folder / "workers.csv", members))
        motion = demo_motion(db, text="Fijar el anticipo igualitario", day=date(2026, 12, 1))
        ledger.set_rate(db, rate_cents=1250, effective_from=date(2027, 1, 1), motion_id=motion)
        ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500)
        ledger.save_fund(db, code="salud", name="Fondo de salud", percent_hundredths=225)
        period = ledger.create_period(db, starts_on=PERIOD_START, ends_on=PERIOD_END).id
        hours = folder / "hours.csv"
        hours.write_text("member_code,hours\n" + "".join(f"M{n:05d},{60 + n % 40}.{n % 4 * 25:02d}\n"
                                                          for n in range(1, members + 1)), encoding="utf-8")
        ledger.import_hours(db, period_id=period, path=hours)
        return period
    finally:
        db.dispose()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's backup API."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


def row_counts(db: Database) -> dict[str, int]:
    """Rows of every table."""
    with db.read() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in load_all().metadata.sorted_tables}


def fingerprint(db: Database) -> str:
    """Every row of every table, in a stable order: equal fingerprints mean nothing was written."""
    import hashlib

    digest = hashlib.sha256()
    with db.read() as session:
        for table in load_all().metadata.sorted_tables:
            order = ", ".join(column.name for column in table.primary_key.columns) or "1"
            for row in session.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}")):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
