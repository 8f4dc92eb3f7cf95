"""What each post does in a week — targets, deliveries, what to prepare — so that everyone arrives on Monday
knowing what to do and where (docs/cli.md, `rotation tasks import`). Tasks are entered in the roster grid or
imported; members see them in their rotation, the per-member roster and their calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, NotFound, ProblemsFound
from coopdesk.domain.learning import TASK_MAX
from coopdesk.domain.parsing import parse_date
from coopdesk.domain.rotation import is_monday
from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import PostRecord, WeeklyTaskRecord
from coopdesk.services.backup import backup_before
from coopdesk.services.change_log import record_change
from coopdesk.services.csv_io import Column, RowCheck, read_csv

COLUMNS = (
    Column("week", ("semana", "week_start", "lunes"), required=True),
    Column("post", ("puesto", "post_code"), required=True),
    Column("task", ("tarea", "tareas"), required=True),
)


@dataclass(frozen=True)
class TaskImportSummary:
    created: int
    updated: int
    unchanged: int


def import_tasks(db: Database, *, path: Path) -> TaskImportSummary:
    """Every task of the file (a post's task for a week replaces the one stored), or — on any problem — none."""
    table = read_csv(path, COLUMNS)
    problems = list(table.problems)
    with db.write() as session:
        posts = dict(session.execute(select(PostRecord.code, PostRecord.id)).all())
        rows: dict[tuple[date, int], str] = {}
        first_line: dict[tuple[date, int], int] = {}
        for line, cells in table.rows:
            row = RowCheck(line, cells, table.header)
            row.require(COLUMNS)
            week = row.parsed("week", parse_date, None)
            if week is not None and not is_monday(week):
                row.bad("week", N_("%(date)s is not a Monday; rotation weeks start on Mondays."),
                        {"date": week.isoformat()})
            post = cells["post"]
            if post and post not in posts:
                row.bad("post", N_("there is no post with code %(code)s"), {"code": post})
            task = " ".join(cells["task"].split("\n")).strip() if cells["task"] else ""
            if len(task) > TASK_MAX:
                row.bad("task", N_("the task is longer than %(max)d characters"), {"max": TASK_MAX})
            if not row.problems and week is not None:
                key = (week, posts[post])
                if key in first_line:
                    row.bad("post", N_("this post's task for this week is already on line %(other)d"),
                            {"other": first_line[key]})
                else:
                    first_line[key] = line
                    rows[key] = task
            problems += row.problems
        if problems:
            problems.sort(key=lambda problem: problem.line or 0)
            raise ProblemsFound(problems)
        stored = {(r.week_start, r.post_id): r for r in session.scalars(select(WeeklyTaskRecord))}
        if rows:
            backup_before(db, "import")
        created = updated = unchanged = 0
        for (week, post), task in rows.items():
            record = stored.get((week, post))
            if record is None:
                session.add(WeeklyTaskRecord(week_start=week, post_id=post, task=task))
                created += 1
            elif record.task != task:
                record.task = task
                updated += 1
            else:
                unchanged += 1
        session.flush()
        record_change(session, action="rotation.tasks", entity="rotation_tasks", entity_id=None, before=None,
                      after={"created": created, "updated": updated})
        return TaskImportSummary(created, updated, unchanged)


def set_task(db: Database, *, week_start: date, post_code: str, task: str) -> str | None:
    """A post's task for one week, as typed in the roster grid; an empty text removes it."""
    if not is_monday(week_start):
        raise InvalidInput(N_("%(date)s is not a Monday; rotation weeks start on Mondays."),
                           date=week_start.isoformat())
    text = task.strip()
    if len(text) > TASK_MAX:
        raise InvalidInput(N_("the task is longer than %(max)d characters"), max=TASK_MAX)
    with db.write() as session:
        post = session.scalar(select(PostRecord.id).where(PostRecord.code == post_code))
        if post is None:
            raise NotFound(N_("There is no post with code %(code)s."), code=post_code)
        record = session.scalar(select(WeeklyTaskRecord).where(WeeklyTaskRecord.week_start == week_start,
                                                               WeeklyTaskRecord.post_id == post))
        before = None if record is None else {"task": record.task}
        if not text:
            session.execute(delete(WeeklyTaskRecord).where(WeeklyTaskRecord.week_start == week_start,
                                                           WeeklyTaskRecord.post_id == post))
        elif record is None:
            session.add(WeeklyTaskRecord(week_start=week_start, post_id=post, task=text))
        else:
            record.task = text
        session.flush()
        record_change(session, action="rotation.task", entity="rotation_task",
                      entity_id=f"{week_start.isoformat()}/{post_code}", before=before,
                      after={"task": text} if text else None)
        return text or None


def tasks_between(session: Session, first: date | None, end: date | None) -> dict[tuple[date, str], str]:
    """(week, post code) -> the post's task that week, for the weeks in [first, end)."""
    query = select(WeeklyTaskRecord.week_start, PostRecord.code, WeeklyTaskRecord.task).join(
        PostRecord, PostRecord.id == WeeklyTaskRecord.post_id)
    if first is not None:
        query = query.where(WeeklyTaskRecord.week_start >= first)
    if end is not None:
        query = query.where(WeeklyTaskRecord.week_start < end)
    return {(week, code): task for week, code, task in session.execute(query)}


def task_line(task: str) -> str:
    """How a week's task is introduced wherever a member reads it."""
    return _("Task: %(task)s") % {"task": task}

