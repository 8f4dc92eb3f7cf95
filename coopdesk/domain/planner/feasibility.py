"""Why a week cannot be planned: the error, and a diagnosis that names the week, the post(s) and the reason.

A week is plannable when (a) every post's minimum of regular members can be met by members holding its
skill, and (b) every eligible member fits in some place (regular up to the maximum, trainee place when
lacking the skill). By the Mendelsohn–Dulmage theorem (a) and (b) separately are enough for the
bipartite member/place problem, so each is checked with a small max-flow whose min cut is the Hall set
to report.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.planner.model import PostSpec, WorkerSpec
from coopdesk.domain.rotation import Role
from coopdesk.i18n import N_, _, format_date


class Reason(StrEnum):
    SKILL_SHORTAGE = "skill_shortage"
    SKILL_SHORTAGE_GROUP = "skill_shortage_group"
    TOO_FEW_MEMBERS = "too_few_members"
    TOO_MANY_MEMBERS = "too_many_members"
    NO_ROOM = "no_room"
    NO_GUIDE = "no_guide"


MESSAGES = {
    Reason.SKILL_SHORTAGE: N_(
        "Week of %(week)s: post %(post)s needs %(count)d member(s) with skill '%(skill)s'; "
        "only %(available)d eligible member(s) have it."),
    Reason.SKILL_SHORTAGE_GROUP: N_(
        "Week of %(week)s: posts %(posts)s together need %(count)d members with skill(s) %(skills)s; "
        "only %(available)d eligible members have them."),
    Reason.TOO_FEW_MEMBERS: N_(
        "Week of %(week)s: the posts need at least %(count)d members (the sum of their minimums) "
        "but only %(available)d are eligible."),
    Reason.TOO_MANY_MEMBERS: N_(
        "Week of %(week)s: %(available)d members are eligible but the posts take at most %(capacity)d "
        "(their maximums plus trainee places)."),
    Reason.NO_ROOM: N_(
        "Week of %(week)s: %(count)d eligible members can only take posts %(posts)s, "
        "which hold at most %(capacity)d of them."),
    Reason.NO_GUIDE: N_(
        "Week of %(week)s: post %(post)s would have trainees but no qualified member beside them."),
}
NOBODY_HAS_SKILL = N_("Week of %(week)s: post %(post)s needs %(count)d member(s) with skill '%(skill)s'; "
                      "nobody eligible has it.")


class PlanningImpossible(InvalidInput):
    """A week breaks the rotation rules whatever the roster; nothing was planned."""

    def __init__(self, reason: Reason, *, week: date, post: str | None = None, message: str | None = None,
                 **params: object) -> None:
        super().__init__(message or MESSAGES[reason], week=week.isoformat(), post=post or "", **params)
        self.reason = reason
        self.week = week
        self.post = post

    def translated(self) -> str:
        return _(self.message) % dict(self.params, week=format_date(self.week))


def diagnose_week(week: date, posts: Sequence[PostSpec], workers: Sequence[WorkerSpec]) -> PlanningImpossible | None:
    """The first reason why `workers` (those eligible in `week`) cannot fill `posts`, or None."""
    for post in posts:
        if post.skill is not None and post.min > 0:
            holders = sum(1 for w in workers if post.skill in w.skills)
            if holders < post.min:
                return PlanningImpossible(Reason.SKILL_SHORTAGE, week=week, post=post.code,
                                          message=None if holders else NOBODY_HAS_SKILL,
                                          count=post.min, skill=post.skill, available=holders)
    needed = sum(p.min for p in posts)
    if needed > len(workers):
        return PlanningImpossible(Reason.TOO_FEW_MEMBERS, week=week, count=needed, available=len(workers))
    capacity = sum(p.max + (p.trainee_slots if p.takes_trainees else 0) for p in posts)
    if len(workers) > capacity:
        return PlanningImpossible(Reason.TOO_MANY_MEMBERS, week=week, available=len(workers), capacity=capacity)

    # (a) minimums: posts (demand min) against members who may be regular there
    adjacency = [[i for i, w in enumerate(workers) if p.may_hold(w.skills, Role.REGULAR)] for p in posts]
    short = _hall_violation([p.min for p in posts], [1] * len(workers), adjacency)
    if short is not None:
        group, neighbours = short
        names = [posts[i].code for i in group]
        skills = sorted({posts[i].skill or "" for i in group})
        return PlanningImpossible(Reason.SKILL_SHORTAGE_GROUP, week=week, post=names[0], posts=", ".join(names),
                                  skills=", ".join(f"'{s}'" for s in skills),
                                  count=sum(posts[i].min for i in group), available=len(neighbours))

    # (b) room: members against places (regular up to max, trainee places for those lacking the skill)
    places = [(p, Role.REGULAR, p.max) for p in posts] + [
        (p, Role.TRAINEE, p.trainee_slots) for p in posts if p.takes_trainees]
    adjacency = [[j for j, (p, role, _cap) in enumerate(places) if p.may_hold(w.skills, role)] for w in workers]
    crowd = _hall_violation([1] * len(workers), [cap for *_rest, cap in places], adjacency)
    if crowd is not None:
        group, neighbours = crowd
        codes = sorted({places[j][0].code for j in neighbours})
        return PlanningImpossible(Reason.NO_ROOM, week=week, post=codes[0] if codes else None,
                                  posts=", ".join(codes), count=len(group),
                                  capacity=sum(places[j][2] for j in neighbours))
    return None


def _hall_violation(demand: list[int], capacity: list[int],
                    adjacency: list[list[int]]) -> tuple[list[int], list[int]] | None:
    """Max-flow from left nodes (with demand) to right nodes (with capacity) through unbounded edges.

    Returns None when every demand is met, else (left set, its right neighbourhood): the set of left
    nodes reachable from an unmet one in the residual graph, whose demand exceeds its neighbours' room.
    """
    load = [0] * len(capacity)
    flow: list[dict[int, int]] = [{} for _ in demand]  # flow[left][right]
    users: list[dict[int, int]] = [{} for _ in capacity]  # users[right][left] = the same flow
    met = [0] * len(demand)
    for left, want in enumerate(demand):
        while met[left] < want and _augment(left, adjacency, flow, users, load, capacity):
            met[left] += 1
    unmet = [i for i, want in enumerate(demand) if met[i] < want]
    if not unmet:
        return None
    seen_left, seen_right = set(unmet), set()
    queue = deque(unmet)
    while queue:
        left = queue.popleft()
        for right in adjacency[left]:
            if right not in seen_right:
                seen_right.add(right)
                for other in users[right]:
                    if other not in seen_left:
                        seen_left.add(other)
                        queue.append(other)
    return sorted(seen_left), sorted(seen_right)


def _augment(start: int, adjacency: list[list[int]], flow: list[dict[int, int]], users: list[dict[int, int]],
             load: list[int], capacity: list[int]) -> bool:
    """Push one unit from left node `start` along a shortest augmenting path; False when there is none."""
    came_from: dict[int, tuple[int, int | None]] = {start: (start, None)}  # left -> (previous left, via right)
    queue = deque([start])
    seen_right: set[int] = set()
    while queue:
        left = queue.popleft()
        for right in adjacency[left]:
            if right in seen_right:
                continue
            seen_right.add(right)
            if load[right] < capacity[right]:
                load[right] += 1
                node, via = left, right
                while True:  # walk back: add flow on the edge into `via`, take it off the edge we came by
                    flow[node][via] = flow[node].get(via, 0) + 1
                    users[via][node] = flow[node][via]
                    previous, back = came_from[node]
                    if back is None:
                        return True
                    flow[node][back] -= 1
                    users[back][node] = flow[node][back]
                    if not flow[node][back]:
                        del flow[node][back], users[back][node]
                    node, via = previous, back
            for other in users[right]:
                if other not in came_from:
                    came_from[other] = (left, right)
                    queue.append(other)
    return False
