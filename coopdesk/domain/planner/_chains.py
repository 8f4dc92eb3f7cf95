"""Chains of swaps across weeks, for deviations beyond the floor that no single week can repair.

Categories: a member X beyond the floor swaps places with a partner Y in some week, moving one of X's
weeks from category a to b and one of Y's from b to a. If that leaves Y worse off than before, Y passes
a week on in another week to a third member, and so on until someone can keep it: nobody inside the
chain ends with more excess than they had. Burden: the same with swaps between posts of one category,
passing burden points instead of category weeks. Breadth-first search gives the shortest chains first;
a chain is kept only if the whole objective improves. Re-solving week by week cannot find these, since
each single swap of the chain makes some member worse.
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
    tried: set[int] = set()
    for _ in range(MAX_REPAIRS):
        x = objective.deviations()
        worst = np.abs(x).max(axis=1)
        beyond = [int(m) for m in np.argsort(-worst, kind="stable") if worst[m] > floor and int(m) not in tried]
        if not beyond:
            break
        member = beyond[0]
        tried.add(member)
        for chain in islice(_search(objective, member, x), CANDIDATES):
            if _apply_if_better(objective, chain):
                made += len(chain)
                tried.clear()
                break
    return made


def _search(objective: Objective, start: int, x: np.ndarray) -> Iterator[Chain]:
    """Chains of (giver, taker, week) swaps that lower `start`'s excess over the floor, shortest first.

    A swap moves one week of the giver from category a to b and one of the taker from b to a. A taker
    left with more excess than it had passes a week on in another week, and so on, until a taker can
    keep it; nobody inside the chain ends with more excess than before.
    """
    state = objective.state
    floor = objective.category_floor

    def excess(v: np.ndarray) -> float:
        return float(np.maximum(np.abs(v) - floor, 0.0).sum())

    cat_at = np.where(state.at >= 0, state.category[state.at // 2], -1)
    parent: dict[int, tuple[int, int] | None] = {start: None}
    now = {start: x[start].copy()}  # deviations once the chain reached the member
    allowed = {start: excess(x[start]) - 1e-9}  # the excess the member may end with
    busy = {start: -1}  # the week in which a member of the chain already swapped
    queue = deque([start])
    unit = np.eye(3)
    while queue:
        giver = queue.popleft()
        for t in np.nonzero(cat_at[giver] >= 0)[0]:
            if t == busy[giver]:
                continue
            a = int(cat_at[giver, t])
            place = state.at[giver, t]
            column = state.at[:, t]
            for b in range(3):
                if b == a or excess(now[giver] - unit[a] + unit[b]) > allowed[giver]:
                    continue
                takers = np.nonzero((cat_at[:, t] == b) & state.able[:, place]
                                    & state.able[giver][np.maximum(column, 0)])[0]
                for taker in takers.tolist():
                    if taker in parent:
                        continue
                    parent[taker] = (giver, int(t))
                    after = x[taker] + unit[a] - unit[b]
                    if excess(after) <= excess(x[taker]) + 1e-9:
                        yield _unwind(parent, taker)
                        continue
                    now[taker], allowed[taker], busy[taker] = after, excess(x[taker]) + 1e-9, int(t)
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
    """Chains of same-category swaps that bring `start`'s burden points closer to its fair share.

    Each member of the chain takes the place of the next in some week; a member that the swap pushes
    beyond both the floor and its own earlier deviation passes points on to the next, so that nobody
    inside the chain ends worse off. Shortest chains first; the start may move only part of the way.
    """
    state = objective.state
    cat_at = np.where(state.at >= 0, state.category[state.at // 2], -1)
    load_at = np.where(state.at >= 0, state.burden[state.at // 2], 0.0)
    parent: dict[int, tuple[int, int] | None] = {start: None}
    excess = {start: float(y[start])}  # deviation in points once the chain reached the member
    bound = {start: abs(float(y[start])) - 1e-9}  # how far from its share the member may end
    busy = {start: -1}  # the week in which a member of the chain already swapped
    queue = deque([start])
    while queue:
        giver = queue.popleft()
        low, high = -bound[giver] - excess[giver], bound[giver] - excess[giver]  # changes that would do
        for t in np.nonzero(state.at[giver] >= 0)[0]:
            if t == busy[giver]:
                continue
            place = state.at[giver, t]
            change = load_at[:, t] - load_at[giver, t]  # giver's change if it takes each member's place
            column = state.at[:, t]
            takers = np.nonzero((cat_at[:, t] == cat_at[giver, t]) & (change >= low) & (change <= high)
                                & (change != 0) & state.able[:, place] & state.able[giver][np.maximum(column, 0)])[0]
            for taker in sorted(takers.tolist(), key=lambda m: abs(excess[giver] + change[m])):
                if taker in parent:
                    continue
                parent[taker] = (giver, int(t))
                left = float(y[taker] - change[taker])
                limit = max(floor, abs(float(y[taker])))
                if abs(left) <= limit:
                    yield _unwind(parent, taker)
                    continue
                excess[taker], bound[taker], busy[taker] = left, limit, int(t)
                queue.append(taker)
