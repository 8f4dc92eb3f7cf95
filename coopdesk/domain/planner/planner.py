"""`plan_rotation`: checks the input, runs the weekly assignment and the swaps, measures the result.

The numeric work (numpy, scipy) lives in `_assign` and `_swaps` and is imported on the first call only,
so importing the planner costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from coopdesk.domain.errors import InvalidInput, UsageError
from coopdesk.domain.planner.model import Plan, PlannedWeek, PostSpec, WeekAssignment, WorkerSpec, wishes_met
from coopdesk.domain.rotation import BURDEN_MAX, BURDEN_MIN, Role, is_monday, mondays
from coopdesk.i18n import N_

if TYPE_CHECKING:
    from coopdesk.domain.planner._assign import State

Progress = Callable[[int, int], None]  # (weeks done, weeks in all)

MAX_WEEKS = 520


def plan_rotation(posts: Sequence[PostSpec], workers: Sequence[WorkerSpec], start: date, weeks: int,
                  seed: int = 1, history: Iterable[WeekAssignment] = (), *,
                  retired_posts: Sequence[PostSpec] = (), progress: Progress | None = None) -> Plan:
    """Plan `weeks` weeks from the Monday `start` so that every rotation rule holds, as fairly as possible.

    `workers` are the members eligible by body and status; each week takes those who had joined by its
    Monday and have no leave in it. `history` holds published assignments of earlier weeks: they are
    kept as they are and the fairness counts continue from them (`retired_posts` describes posts that
    appear there but are no longer planned); the skill-aware floors are then those of a plan that keeps
    them. The same input and seed give the same plan.
    Raises UsageError for a bad start or length, PlanningImpossible (an InvalidInput) naming the week,
    the post and the reason when a week cannot be planned.
    """
    if not is_monday(start):
        raise UsageError(N_("The plan must start on a Monday; %(date)s is not one."), date=start.isoformat())
    if not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(N_("A plan runs from 1 to %(max)d weeks, not %(weeks)d."), max=MAX_WEEKS, weeks=weeks)
    posts = sorted(posts, key=lambda p: p.code)
    workers = sorted(workers, key=lambda w: w.code)
    _check_posts(posts)
    _check_unique([w.code for w in workers], N_("Member %(code)s is listed twice."))
    known = {p.code: p for p in retired_posts} | {p.code: p for p in posts}
    past = sorted(history)
    for row in past:
        if row.week_start >= start:
            raise UsageError(N_("History must end before the plan starts (week of %(week)s)."),
                             week=row.week_start.isoformat())
        if row.post_code not in known:
            raise InvalidInput(N_("Post %(code)s in the published weeks is unknown."), code=row.post_code)

    from coopdesk.domain.planner import _assign, _swaps
    from coopdesk.domain.planner.fairness import measure

    days = mondays(start, weeks)
    state = _assign.State.start(posts, workers, days, past, known)
    _assign.assign_weeks(state, seed, progress)
    floors = measure(list(known.values()), past + _rows(state), workers=workers, advice=False,
                     published_until=start)
    _swaps.improve(state, category_floor=floors.floor, burden_floor=floors.burden_target)
    planned = _rows(state)
    skill_floors = None if floors.category_skill_floor is None else (floors.floor, floors.burden_target)
    figures = measure(list(known.values()), past + planned, workers=workers, known_floors=skill_floors,
                      published_until=start)
    by_week: dict[date, list[WeekAssignment]] = {day: [] for day in days}
    for row in planned:
        by_week[row.week_start].append(row)
    return Plan(start=start, seed=seed, figures=figures,
                weeks=tuple(PlannedWeek(day, tuple(rows)) for day, rows in by_week.items()),
                wishes=wishes_met(workers, planned))


def _rows(state: State) -> list[WeekAssignment]:
    rows = []
    for t, monday in enumerate(state.days):
        for w, group in state.placed(t):
            post = state.posts[group // 2]
            role = Role.TRAINEE if group % 2 else Role.REGULAR
            rows.append(WeekAssignment(monday, post.code, state.workers[w].code, role))
    rows.sort()
    return rows


def _check_posts(posts: Sequence[PostSpec]) -> None:
    _check_unique([p.code for p in posts], N_("Post %(code)s is listed twice."))
    for p in posts:
        if p.min < 0 or p.max < p.min:
            raise InvalidInput(N_("Post %(code)s: the maximum (%(max)d) must be at least the minimum (%(min)d), "
                                  "and the minimum at least 0."), code=p.code, min=p.min, max=p.max)
        if p.trainee_slots < 0:
            raise InvalidInput(N_("Post %(code)s: trainee places cannot be negative."), code=p.code)
        if not BURDEN_MIN <= p.burden <= BURDEN_MAX:
            raise InvalidInput(N_("Post %(code)s: the burden must lie between %(low)d and %(high)d."),
                               code=p.code, low=BURDEN_MIN, high=BURDEN_MAX)


def _check_unique(codes: list[str], message: str) -> None:
    for a, b in pairwise(codes):
        if a == b:
            raise InvalidInput(message, code=a)
