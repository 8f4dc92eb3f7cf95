"""Chains of swaps across weeks that move one category week from a member beyond the floor to one with room.

A member X with too many weeks in category a (and room in b) gives an a-place to a partner Y holding a
b-place in the same week (a swap both may make). If Y now has too many a-weeks or too few b-weeks, Y
passes an a-place on in another week, and so on: every member inside the chain ends with the weeks per
category it had, only the two ends change. Breadth-first search finds the shortest such chain; it is
kept only if the whole objective improves. Week-by-week re-solving cannot find these, since each single
swap of the chain makes some member worse.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import islice

import numpy as np

from coopdesk.domain.planner._swaps import Objective, swap

MAX_REPAIRS = 400
CANDIDATES = 12  # chains tried per deviation before giving up on it

Chain = list[tuple[int, int, int]]  # (giver, taker, week) swaps in order


def repair(objective: Objective) -> int:
    """Fix category deviations beyond the floor by chains; returns the number of swaps made."""
    made = 0
    floor = objective.category_floor
    tried: set[tuple[int, int, int]] = set()
    for _ in range(MAX_REPAIRS):
        x = objective.deviations()
        beyond = np.argwhere(np.abs(x) > floor)
        if not len(beyond):
            break
        order = np.argsort(-np.abs(x[beyond[:, 0], beyond[:, 1]]), kind="stable")
        fixed = False
        for member, category in beyond[order]:
            member, category = int(member), int(category)
            if (member, category, int(np.sign(x[member, category]))) in tried:
                continue
            tried.add((member, category, int(np.sign(x[member, category]))))
            for lose, gain in _tokens(x[member], category, floor):
                for chain in islice(_search(objective, member, lose, gain, x), CANDIDATES):
                    if _apply_if_better(objective, chain):
                        made += len(chain)
                        fixed = True
                        tried.clear()
                        break
                if fixed:
                    break
            if fixed:
                break
        if not fixed:
            break
    return made


def _tokens(row: np.ndarray, category: int, floor: float) -> list[tuple[int, int]]:
    """(category to lose, category to gain) pairs for a member, the most promising first."""
    others = [c for c in range(3) if c != category]
    if row[category] > 0:
        return [(category, b) for b in sorted(others, key=lambda b: row[b])]
    return [(a, category) for a in sorted(others, key=lambda a: -row[a])]


def _search(objective: Objective, start: int, lose: int, gain: int, x: np.ndarray) -> Iterator[Chain]:
    """Chains of (giver, taker, week) swaps passing a `lose`-place on until someone can keep it, shortest first."""
    state = objective.state
    floor = objective.category_floor
    cat_at = np.where(state.at >= 0, state.category[state.at // 2], -1)
    room = (x[:, lose] + 1 <= floor) & (x[:, gain] - 1 >= -floor)
    parent: dict[int, tuple[int, int] | None] = {start: None}
    queue = deque([start])
    while queue:
        giver = queue.popleft()
        for t in np.nonzero(cat_at[giver] == lose)[0]:
            place = state.at[giver, t]
            column = state.at[:, t]
            takers = np.nonzero((cat_at[:, t] == gain) & state.able[:, place]
                                & state.able[giver][np.maximum(column, 0)])[0]
            for taker in takers:
                taker = int(taker)
                if taker in parent:
                    continue
                parent[taker] = (giver, int(t))
                if room[taker]:
                    yield _unwind(parent, taker)
                else:
                    queue.append(taker)


def _unwind(parent: dict[int, tuple[int, int] | None], end: int) -> Chain:
    chain = []
    node = end
    while parent[node] is not None:
        giver, t = parent[node]  # type: ignore[misc]
        chain.append((giver, node, t))
        node = giver
    chain.reverse()
    return chain


def _apply_if_better(objective: Objective, chain: Chain) -> bool:
    members = {m for giver, taker, _t in chain for m in (giver, taker)}
    before = sum(objective.member_cost(m) for m in members)
    for giver, taker, t in chain:
        swap(objective.state, t, giver, taker)
    if sum(objective.member_cost(m) for m in members) < before - 1e-9:
        return True
    for giver, taker, t in reversed(chain):
        swap(objective.state, t, giver, taker)
    return False


def repair_burden(objective: Objective) -> int:
    """Fix burden deviations beyond the floor by chains of swaps between posts of the same category."""
    made = 0
    state = objective.state
    floor = objective.burden_floor
    tried: set[int] = set()
    for _ in range(MAX_REPAIRS):
        y = state.points - objective.beta
        beyond = [int(w) for w in np.argsort(-np.abs(y), kind="stable") if abs(y[w]) > floor and w not in tried]
        if not beyond:
            break
        member = beyond[0]
        tried.add(member)
        for chain in islice(_search_burden(objective, member, y, floor), CANDIDATES):
            if _apply_if_better(objective, chain):
                made += len(chain)
                tried.clear()
                break
    return made


def _search_burden(objective: Objective, start: int, y: np.ndarray, floor: float) -> Iterator[Chain]:
    """Shortest chain where each member sheds (or takes on) the points the previous one passed on."""
    state = objective.state
    cat_at = np.where(state.at >= 0, state.category[state.at // 2], -1)
    load_at = np.where(state.at >= 0, state.burden[state.at // 2], 0.0)
    parent: dict[int, tuple[int, int] | None] = {start: None}
    excess = {start: float(y[start])}  # deviation the member must get back within ±floor
    busy = {start: -1}  # the week in which a member of the chain already swapped
    queue = deque([start])
    while queue:
        giver = queue.popleft()
        low, high = -floor - excess[giver], floor - excess[giver]  # change in points that would do
        for t in np.nonzero(state.at[giver] >= 0)[0]:
            if t == busy[giver]:
                continue
            place = state.at[giver, t]
            change = load_at[:, t] - load_at[giver, t]  # giver's change if it takes each member's place
            column = state.at[:, t]
            takers = np.nonzero((cat_at[:, t] == cat_at[giver, t]) & (change >= low - 1e-9) & (change != 0)
                                & state.able[:, place] & state.able[giver][np.maximum(column, 0)])[0]
            for taker in takers:
                taker = int(taker)
                if taker in parent:
                    continue
                parent[taker] = (giver, int(t))
                left = float(y[taker] - change[taker])
                if abs(left) <= floor and change[taker] <= high + 1e-9:
                    yield _unwind(parent, taker)
                    continue
                excess[taker], busy[taker] = left, int(t)
                queue.append(taker)
