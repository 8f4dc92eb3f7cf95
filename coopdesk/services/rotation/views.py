"""What the rotation looks like to people: the roster grid (weeks × posts, names in cells), one member's
next weeks (what, where, with whom), the CSV export of docs/cli.md and a member's iCalendar file."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from coopdesk.domain.errors import NotFound
from coopdesk.domain.members import search_words
from coopdesk.domain.rotation import PlanState, Role, mondays
from coopdesk.i18n import N_, _
from coopdesk.persistence.database import Database
from coopdesk.persistence.files import atomic_write, cannot_write
from coopdesk.persistence.models import AssignmentRecord, MemberRecord, RotationPlanRecord
from coopdesk.services.csv_io import write_csv
from coopdesk.services.rotation import _store
from coopdesk.services.rotation.dto import (
    Leave,
    MemberSchedule,
    MemberWeek,
    RosterEntry,
    RosterGrid,
    RosterWeek,
)
from coopdesk.services.rotation.leave import list_leave
from coopdesk.services.rotation.tasks import task_line, tasks_between

EXPORT_HEADER = ("week_start", "post_code", "member_code", "role")
UPCOMING_WEEKS = 8
EVER = date(1900, 1, 1)  # a Monday: "from the first planned week"


def roster_grid(db: Database, *, start: date, weeks: int) -> RosterGrid:
    """Weeks × posts from the Monday `start`: the active posts and any retired post someone holds there."""
    _store.require_monday(start)
    end = _store.week_end(start, weeks)
    with db.read() as session:
        rows = _store.assignments(session, first=start, end=end)
        posts = _store.load_posts(session)
        names = _store.member_names(session, {row.member_code for _p, _s, row in rows})
        tasks = tasks_between(session, start, end)
    used = {row.post_code for _p, _s, row in rows}
    cells: dict[date, dict[str, list[RosterEntry]]] = defaultdict(lambda: defaultdict(list))
    plan_of: dict[date, tuple[int, PlanState]] = {}
    for plan_id, state, row in rows:
        plan_of[row.week_start] = (plan_id, state)
        cells[row.week_start][row.post_code].append(RosterEntry(row.member_code, names[row.member_code], row.role))
    grid_weeks = tuple(
        RosterWeek(week_start=monday, plan_id=plan_of[monday][0] if monday in plan_of else None,
                   published=monday in plan_of and plan_of[monday][1] is PlanState.PUBLISHED,
                   cells={code: tuple(people) for code, people in cells[monday].items()} if monday in cells else {},
                   tasks={code: task for (week, code), task in tasks.items() if week == monday})
        for monday in mondays(start, weeks))
    shown = tuple(_store.post_info(post) for post in posts if post.active or post.code in used)
    return RosterGrid(start=start, weeks=grid_weeks, posts=shown)


def rotation_people(db: Database, *, search: str = "") -> list[tuple[str, str]]:
    """(code, full name) of the members with a post in some plan, for "pick your name or code"."""
    query = (select(MemberRecord.code, MemberRecord.full_name)
             .where(MemberRecord.id.in_(select(AssignmentRecord.member_id).distinct()))
             .order_by(MemberRecord.full_name, MemberRecord.code))
    for word in search_words(search):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(MemberRecord.search_key.like(f"%{escaped}%", escape="\\"))
    with db.read() as session:
        return [(code, name) for code, name in session.execute(query)]


def member_schedule(db: Database, *, member_code: str, first: date | None = None,
                    weeks: int | None = UPCOMING_WEEKS) -> MemberSchedule:
    """A member's weeks from the Monday of `first` (default: this week), `weeks` of them (None: all planned):
    what post, where, in which role, and with whom; plus their leave in that time."""
    first = first or date.today()
    first = first - timedelta(days=first.weekday())
    end = None if weeks is None else _store.week_end(first, weeks)
    with db.read() as session:
        member = session.scalar(select(MemberRecord).where(MemberRecord.code == member_code))
        if member is None:
            raise NotFound(N_("There is no member with code %(code)s."), code=member_code)
        mine = _store.assignments(session, first=first, end=end, member_code=member_code)
        weeks_held = {row.week_start for _p, _s, row in mine}
        everyone = [item for item in _store.assignments(session, first=first, end=end)
                    if item[2].week_start in weeks_held]
        names = _store.member_names(session, {row.member_code for _p, _s, row in everyone})
        posts = {post.code: _store.post_info(post) for post in _store.load_posts(session)}
        tasks = tasks_between(session, first, end)
        member_id, full_name = member.id, member.full_name
    together: dict[tuple[date, str], list[RosterEntry]] = defaultdict(list)
    for _plan, _state, row in everyone:
        if row.member_code != member_code:
            together[(row.week_start, row.post_code)].append(
                RosterEntry(row.member_code, names[row.member_code], row.role))
    schedule = tuple(
        MemberWeek(week_start=row.week_start, post=posts[row.post_code], role=row.role,
                   published=state is PlanState.PUBLISHED,
                   companions=tuple(together[(row.week_start, row.post_code)]),
                   task=tasks.get((row.week_start, row.post_code)))
        for _plan, state, row in mine)
    last = (end - timedelta(days=1)) if end is not None else None
    leaves = tuple(list_leave(db, member_id=member_id, first=first, last=last))
    return MemberSchedule(member_code=member_code, full_name=full_name, weeks=schedule, leaves=leaves)


def export_rotation(db: Database, *, path: Path, start: date | None = None, weeks: int | None = None,
                    excel: bool = False) -> int:
    """`week_start, post_code, member_code, role`, one row per member per week (every plan, or the weeks
    asked for); returns the rows written."""
    if start is not None:
        _store.require_monday(start)
    end = _store.week_end(start, weeks) if start is not None and weeks is not None else None
    with db.read() as session:
        rows = _store.assignments(session, first=start, end=end)
    return write_csv(path, EXPORT_HEADER,
                     ((row.week_start, row.post_code, row.member_code, row.role.value) for _p, _s, row in rows),
                     excel=excel)


def member_calendar(db: Database, *, member_code: str) -> bytes:
    """An iCalendar file with one all-week event per week the member holds a post (every plan; weeks of a
    draft are TENTATIVE), naming the post, its category and place, the role and who else is on the post."""
    from icalendar import Calendar, Event

    schedule = member_schedule(db, member_code=member_code, first=EVER, weeks=None)
    with db.read() as session:
        stamp = session.scalar(select(func.max(func.coalesce(RotationPlanRecord.published_at,
                                                             RotationPlanRecord.created_at))))
    stamp = (stamp or datetime(2000, 1, 1, tzinfo=UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//coopdesk//rotation//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Rotation of %(name)s") % {"name": schedule.full_name})
    for week in schedule.weeks:
        post = week.post
        event = Event()
        event.add("uid", f"{week.week_start.isoformat()}-{member_code}@rotation.coopdesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", week.week_start)
        event.add("dtend", week.week_start + timedelta(days=7))
        event.add("summary", f"{post.name} ({_(post.category.label)})")
        lines = [_("Post: %(name)s (%(code)s)") % {"name": post.name, "code": post.code},
                 _("Category: %(category)s") % {"category": _(post.category.label)},
                 _("Role: %(role)s") % {"role": _(week.role.label)}]
        if week.companions:
            lines.append(_("With: %(people)s") % {"people": ", ".join(_companion(c) for c in week.companions)})
        if week.task:
            lines.append(task_line(week.task))
        if not week.published:
            lines.append(_("Draft: this week may still change."))
        event.add("description", "\n".join(lines))
        if post.place:
            event.add("location", post.place)
        event.add("categories", [_(post.category.label)])
        event.add("status", "CONFIRMED" if week.published else "TENTATIVE")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def write_member_calendar(db: Database, *, member_code: str, path: Path) -> int:
    """Write the member's calendar to `path`; returns the weeks in it."""
    data = member_calendar(db, member_code=member_code)
    try:
        atomic_write(Path(path), data)
    except OSError as error:
        raise cannot_write(Path(path), error) from None
    return data.count(b"BEGIN:VEVENT")


def _companion(entry: RosterEntry) -> str:
    if entry.role is Role.TRAINEE:
        return _("%(name)s (trainee)") % {"name": entry.full_name}
    return entry.full_name



def schedules_from_grid(grid: RosterGrid, leaves: Iterable[Leave] = ()) -> list[MemberSchedule]:
    """Every member's schedule over the grid's weeks (by code), built without asking the database again."""
    weeks: dict[str, list[MemberWeek]] = defaultdict(list)
    names: dict[str, str] = {}
    posts = {post.code: post for post in grid.posts}
    for week in grid.weeks:
        for code, people in week.cells.items():
            for entry in people:
                names[entry.member_code] = entry.full_name
                weeks[entry.member_code].append(MemberWeek(
                    week_start=week.week_start, post=posts[code], role=entry.role, published=week.published,
                    companions=tuple(other for other in people if other.member_code != entry.member_code),
                    task=week.tasks.get(code)))
    off: dict[str, list[Leave]] = defaultdict(list)
    for leave in leaves:
        off[leave.member_code].append(leave)
    return [MemberSchedule(member_code=code, full_name=names[code], weeks=tuple(weeks[code]),
                           leaves=tuple(off[code]))
            for code in sorted(weeks, key=_natural)]


def _natural(code: str) -> list[object]:
    """"M2" before "M10": runs of digits compare as numbers."""
    return [int(part) if index % 2 else part.casefold() for index, part in enumerate(re.split(r"(\d+)", code))]
