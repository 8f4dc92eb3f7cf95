"""Chains of swaps across weeks, for deviations beyond the floors that no single week can repair.

A member X beyond a floor swaps places with a partner Y in some week. If that leaves Y worse off than it
was, Y passes a place on in another week to a third member, and so on until someone can keep what it got.
Three kinds, tried in this order:
- category chains: each swap moves one week of the giver from category a to b and one of the taker from
  b to a; nobody inside the chain ends with more category weeks beyond the floor than before (burden
  points are left to the objective);
- burden chains: swaps between posts of one category pass burden points instead;
- when neither finds anything, mixed chains, whose swaps may move both, after which nobody inside has more
  excess of either kind than before; and trades of two swaps with one partner, a lighter week for a
  heavier one in one week and a category for another in a second, for a member that can mend one kind
  only by spoiling the other.
Breadth-first search gives the shortest chains first; a chain is kept only if the whole objective
improves. Re-solving week by week cannot find these, since each single swap of a chain makes some member
worse.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterator
from itertools import chain, islice

import numpy as np

from coopdesk.domain.planner._swaps import Objective, swap

MAX_REPAIRS = 400
CANDIDATES = 12  # chains of each kind tried per member before giving up on it
MAX_GIVERS = 60  # members a mixed chain search passes through at most
SLACK = 1e-9

Chain = list[tuple[int, int, int]]  # (giver, taker, week) swaps in order


def repair(objective: Objective) -> int:
    """Category chains, then burden chains, from every member beyond a floor; mixed chains and pair trades
    when those found nothing. Returns the number of swaps made."""
    made = _repair(objective, _beyond_category, _category_chains) + _repair(objective, _beyond_burden, _burden_chains)
    return made or _repair(objective, _beyond_either, _mixed_chains)


def repair_around(objective: Objective, members: Collection[int], keep_owed: bool) -> int:
    """Mixed chains and pair trades from those of `members` beyond a floor (with `keep_owed`, only chains that
    leave nobody in them owing more, see `Objective.owed`). Returns the number of swaps made."""
    def beyond(objective: Objective) -> list[int]:
        return [m for m in _beyond_either(objective) if m in members]

    return _repair(objective, beyond, _mixed_chains, keep_owed)


def _repair(objective: Objective, beyond: Callable[[Objective], list[int]],
            chains: Callable[[Objective, int], Iterator[Chain]], keep_owed: bool = False) -> int:
    """From the members `beyond` finds (worst first), keep the first chain that pays, until none does."""
    made = 0
    tried: set[int] = set()
    for _ in range(MAX_REPAIRS):
        todo = [m for m in beyond(objective) if m not in tried]
        if not todo:
            break
        member = todo[0]
        tried.add(member)
        for found in chains(objective, member):
            if _apply_if_better(objective, found, keep_owed):
                made += len(found)
                tried.clear()
                break
    return made


def _worst_first(excess: np.ndarray) -> list[int]:
    return [int(m) for m in np.argsort(-excess, kind="stable") if excess[m] > 0]


def _beyond_category(objective: Objective) -> list[int]:
    return _worst_first(np.abs(objective.deviations()).max(axis=1) - objective.category_floor)


def _beyond_burden(objective: Objective) -> list[int]:
    return _worst_first(np.abs(objective.state.points - objective.beta) - objective.burden_floor)


def _beyond_either(objective: Objective) -> list[int]:
    weeks, points = objective.member_excess()
    return _worst_first(weeks + points)


def _category_chains(objective: Objective, member: int) -> Iterator[Chain]:
    return islice(_search_category(objective, member, objective.deviations()), CANDIDATES)


def _burden_chains(objective: Objective, member: int) -> Iterator[Chain]:
    points = objective.state.points - objective.beta
    return islice(_search_burden(objective, member, points, objective.burden_floor), CANDIDATES)


def _mixed_chains(objective: Objective, member: int) -> Iterator[Chain]:
    return chain(islice(_search_mixed(objective, member), CANDIDATES),
                 islice(_pair_swaps(objective, member), CANDIDATES))


def _search_category(objective: Objective, start: int, x: np.ndarray) -> Iterator[Chain]:
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


def _search_mixed(objective: Objective, start: int) -> Iterator[Chain]:
    """Chains of (giver, taker, week) swaps after which nobody in the chain has more excess beyond the floors
    in any category or in burden than before, and `start` has less; shortest first (MAX_GIVERS expanded).

    A taker left with more excess than it had passes a place on in another week, and so on, until a taker
    can keep what it got.
    """
    state = objective.state
    open_at = (state.at >= 0) & ~objective.frozen
    cat_at = np.where(open_at, state.category[np.maximum(state.at, 0) // 2], -1)
    load_at = np.where(state.at >= 0, state.burden[np.maximum(state.at, 0) // 2], 0.0)
    excess = _Excess(objective)
    unit = np.eye(3)
    parent: dict[int, tuple[int, int] | None] = {start: None}
    # deviations once the chain reached the member: before it passes a place on
    categories, points = {start: excess.x[start]}, {start: float(excess.y[start])}
    busy = {start: -1}  # the week in which a member of the chain already swapped
    queue = deque([start])
    for _ in range(MAX_GIVERS):
        if not queue:
            return
        giver = queue.popleft()
        weeks = np.nonzero(cat_at[giver] >= 0)[0]
        weeks = weeks[weeks != busy[giver]]
        if not len(weeks):
            continue
        place, a = state.at[giver, weeks], cat_at[giver, weeks]
        theirs = cat_at[:, weeks].T  # (weeks, members)
        change = load_at[:, weeks].T - load_at[giver, weeks][:, None]  # giver's change on each member's place
        moved = unit[np.maximum(theirs, 0)] - unit[a][:, None, :]
        giver_ok, gain = excess.compare(giver, moved, change, categories[giver], points[giver])
        if giver == start:
            giver_ok &= gain > SLACK
        fits = (giver_ok & (theirs >= 0) & ((theirs != a[:, None]) | (change != 0)) & state.able[:, place].T
                & state.able[giver][np.maximum(state.at[:, weeks].T, 0)])
        rows, takers = np.nonzero(fits)
        keeps, _gain = excess.compare(takers, -moved[rows, takers], -change[rows, takers])
        for k in np.argsort(~keeps, kind="stable").tolist():
            taker, t = int(takers[k]), int(weeks[rows[k]])
            if taker in parent:
                continue
            parent[taker] = (giver, t)
            if keeps[k]:
                yield _unwind(parent, taker)
                continue
            categories[taker] = excess.x[taker] - moved[rows[k], taker]
            points[taker], busy[taker] = float(excess.y[taker] - change[rows[k], taker]), t
            queue.append(taker)


def _pair_swaps(objective: Objective, start: int) -> Iterator[Chain]:
    """Two swaps of `start` with the same partner in two weeks, after which neither has more excess beyond the
    floors in any category or in burden than before, and `start` has less: the first swap mends the start,
    the second gives back what the first cost it in the other kind (a heavier week for a lighter one, say)."""
    state = objective.state
    weeks = np.nonzero((state.at[start] >= 0) & ~objective.frozen[start])[0]
    mine = state.at[start, weeks]
    theirs = state.at[:, weeks]
    valid = ((theirs >= 0) & ~objective.frozen[:, weeks] & (theirs != mine[None, :])
             & state.able[start][np.maximum(theirs, 0)] & state.able[:, mine])
    valid[start] = False
    partners = np.nonzero(valid.sum(axis=1) >= 2)[0]
    if not len(partners):
        return
    valid, theirs = valid[partners], np.maximum(theirs[partners], 0)
    unit = np.eye(3)
    moved = unit[state.category[theirs // 2]] - unit[state.category[mine // 2]][None, :, :]  # start's category change
    load = state.burden[theirs // 2] - state.burden[mine // 2][None, :]  # start's burden change
    excess = _Excess(objective)
    both = moved[:, :, None, :] + moved[:, None, :, :]  # (partner, first week, second week, category)
    points = load[:, :, None] + load[:, None, :]
    start_ok, start_gain = excess.compare(start, both, points)
    partner_ok, _gain = excess.compare(partners[:, None, None], -both, -points)
    order = np.arange(len(weeks))
    fine = (start_ok & (start_gain > SLACK) & partner_ok & valid[:, :, None] & valid[:, None, :]
            & (order[:, None] < order[None, :])[None, :, :])
    for flat in np.argsort(np.where(fine, -start_gain, np.inf), axis=None, kind="stable")[: int(fine.sum())].tolist():
        k, first, second = np.unravel_index(flat, fine.shape)
        partner = int(partners[k])
        yield [(start, partner, int(weeks[first])), (start, partner, int(weeks[second]))]


class _Excess:
    """Category weeks and burden points beyond the floors, per member and kind, as they are now."""

    def __init__(self, objective: Objective) -> None:
        self.cat_floor, self.burden_floor = objective.category_floor, objective.burden_floor
        self.x, self.y = objective.deviations(), objective.state.points - objective.beta
        self.cat, self.burden = self.of(self.x, self.y)

    def of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.maximum(np.abs(x) - self.cat_floor, 0.0), np.maximum(np.abs(y) - self.burden_floor, 0.0)

    def compare(self, members: np.ndarray | int, moved: np.ndarray, points: np.ndarray,
                cat_now: np.ndarray | None = None, burden_now: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray]:
        """Whether members whose deviations change by (moved, points) — from (cat_now, burden_now) if they
        changed already — end with no more excess of any kind than they have now, and how much less in all."""
        x = self.x[members] if cat_now is None else cat_now
        y = self.y[members] if burden_now is None else burden_now
        cat, burden = self.of(x + moved, y + points)
        cat_before, burden_before = self.cat[members], self.burden[members]
        ok = (cat <= cat_before + SLACK).all(axis=-1) & (burden <= burden_before + SLACK)
        return ok, cat_before.sum(axis=-1) + burden_before - cat.sum(axis=-1) - burden


def _unwind(parent: dict[int, tuple[int, int] | None], end: int) -> Chain:
    chain = []
    node = end
    while parent[node] is not None:
        giver, t = parent[node]  # type: ignore[misc]
        chain.append((giver, node, t))
        node = giver
    chain.reverse()
    return chain


def _apply_if_better(objective: Objective, chain: Chain, keep_owed: bool = False) -> bool:
    """Make the chain if it lowers the cost (and, with `keep_owed`, leaves its members owing no more)."""
    members = list({m for giver, taker, _t in chain for m in (giver, taker)})
    before = sum(objective.member_cost(m) for m in members)
    owed = objective.owed(members).sum() if keep_owed else 0
    for giver, taker, t in chain:
        swap(objective.state, t, giver, taker)
    if (sum(objective.member_cost(m) for m in members) < before - 1e-9
            and (not keep_owed or objective.owed(members).sum() <= owed)):
        return True
    for giver, taker, t in reversed(chain):
        swap(objective.state, t, giver, taker)
    return False
