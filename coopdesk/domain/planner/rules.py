"""The hard rules of a rotation week (docs/cli.md), checked on any roster: a manual swap is accepted only
when `check_week` finds nothing wrong with the week it changes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from coopdesk.domain.errors import Problem
from coopdesk.domain.planner.model import PostSpec, WeekAssignment, WorkerSpec
from coopdesk.domain.rotation import Role
from coopdesk.i18n import N_, format_date

NOT_AVAILABLE = N_("%(member)s is not available in the week of %(week)s.")
SEVERAL_POSTS = N_("%(member)s holds %(count)d posts in the week of %(week)s.")
NO_POST = N_("%(member)s has no post in the week of %(week)s.")
UNKNOWN_POST = N_("Post %(post)s is unknown.")
REGULAR_COUNT = N_("Post %(post)s has %(count)d regular member(s) in the week of %(week)s; it needs between "
                   "%(min)d and %(max)d.")
TRAINEE_COUNT = N_("Post %(post)s has %(count)d trainee(s) in the week of %(week)s; it takes at most %(max)d.")
UNGUIDED = N_("Post %(post)s has trainees but no regular member in the week of %(week)s.")
LACKS_SKILL = N_("%(member)s lacks the skill '%(skill)s' to be a regular member of %(post)s.")
NOTHING_TO_LEARN = N_("Post %(post)s takes no trainees: it asks for no skill to learn.")
HAS_SKILL = N_("%(member)s cannot be a trainee on %(post)s: a trainee is someone without the skill '%(skill)s'.")


def check_week(posts: Sequence[PostSpec], workers: Sequence[WorkerSpec], week_start: date,
               assignments: Iterable[WeekAssignment]) -> tuple[Problem, ...]:
    """Every broken rule of that week's roster (`workers`: the members eligible by body and status)."""
    rows = [a for a in assignments if a.week_start == week_start]
    week = format_date(week_start)
    spec = {p.code: p for p in posts}
    skills = {w.code: w.skills for w in workers}
    wanted = {w.code for w in workers if w.eligible(week_start)}
    problems: list[Problem] = []
    held = Counter(a.member_code for a in rows)
    for member in sorted(held):
        if member not in wanted:
            problems.append(Problem(NOT_AVAILABLE, {"member": member, "week": week}))
        if held[member] > 1:
            problems.append(Problem(SEVERAL_POSTS, {"member": member, "count": held[member], "week": week}))
    problems += [Problem(NO_POST, {"member": m, "week": week}) for m in sorted(wanted - set(held))]
    problems += [Problem(UNKNOWN_POST, {"post": code}) for code in sorted({a.post_code for a in rows} - set(spec))]
    for post in posts:
        regular = [a.member_code for a in rows if a.post_code == post.code and a.role is Role.REGULAR]
        trainees = [a.member_code for a in rows if a.post_code == post.code and a.role is Role.TRAINEE]
        params = {"post": post.code, "week": week}
        if not post.min <= len(regular) <= post.max:
            problems.append(Problem(REGULAR_COUNT, params | {"count": len(regular), "min": post.min, "max": post.max}))
        if len(trainees) > post.trainee_slots:
            problems.append(Problem(TRAINEE_COUNT, params | {"count": len(trainees), "max": post.trainee_slots}))
        if trainees and not regular:
            problems.append(Problem(UNGUIDED, params))
        if trainees and post.skill is None:
            problems.append(Problem(NOTHING_TO_LEARN, {"post": post.code}))
        for member in regular:
            if not post.may_hold(skills.get(member, frozenset()), Role.REGULAR):
                problems.append(Problem(LACKS_SKILL, {"member": member, "skill": post.skill, "post": post.code}))
        for member in trainees:
            if post.skill is not None and post.skill in skills.get(member, frozenset()):
                problems.append(Problem(HAS_SKILL, {"member": member, "skill": post.skill, "post": post.code}))
    return tuple(problems)
