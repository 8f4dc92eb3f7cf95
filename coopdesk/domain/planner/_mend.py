"""Mending what swaps and chains leave: a member that owes something (a category owed to a quarter, a week
on the same post as the week before, distinct posts short of the variety its weeks allow), or one still
beyond a floor.

The fix is a re-shuffle of one week around the member (it takes a partner's place, the partner a third
member's, that one the member's), which usually pushes someone off a tight floor. So the re-shuffle is
made and frozen, and the chains repair what it pushed beyond the floors without undoing the mend. The lot
is kept if it leaves less excess beyond the floors, or as much and less owed, or as much owed and a lower
cost: the floors come first, then the quarter rule and repeats, then variety, then the rest.
"""

from __future__ import annotations

import numpy as np

from coopdesk.domain.planner._chains import SLACK, repair_around
from coopdesk.domain.planner._swaps import Objective, move

CHAIN_GAIN = 1.0  # least cost a mend must save when it leaves the excess and what is owed as they were
MENDING = 10  # re-shuffles tried per member, of each kind


def mend(objective: Objective) -> int:
    """Mend each member beyond a floor or owing something (see the module's note); a member no re-shuffle
    mends is not tried again on later rounds. Returns the number of members whose places changed."""
    state = objective.state
    costs = np.array([objective.member_cost(w) for w in range(len(state.workers))])
    made = 0
    for member in np.nonzero(objective.defects())[0].tolist():
        if member in objective.unmendable:
            continue
        owes = bool(objective.owed(member))  # else it is beyond a floor
        for t, cycle in _cycles(objective, member, owes):
            kept = state.snapshot()
            excess, owed = objective.excess(), objective.owed_in_all()
            for w, place in zip(cycle, np.roll(state.at[cycle, t], -1).tolist(), strict=True):
                move(state, t, w, place)
            objective.frozen[cycle, t] = True
            repair_around(objective, cycle, keep_owed=owes)
            objective.frozen[cycle, t] = False
            changed = np.nonzero((state.at != kept["at"]).any(axis=1))[0]
            after = np.array([objective.member_cost(w) for w in changed])
            if _better((objective.excess(), objective.owed_in_all(), float(after.sum())),
                       (excess, owed, float(costs[changed].sum()))):
                costs[changed] = after
                made += len(changed)
                break
            state.restore(kept)
        else:
            objective.unmendable.add(member)
    return made


def _better(after: tuple[float, float, float], before: tuple[float, float, float]) -> bool:
    """(excess beyond the floors, what members owe, cost): lower in this order, the cost by CHAIN_GAIN."""
    for now, was in zip(after[:2], before[:2], strict=True):
        if abs(now - was) > SLACK:
            return now < was
    return after[2] < before[2] - CHAIN_GAIN


def _cycles(objective: Objective, member: int, owes: bool) -> list[tuple[int, list[int]]]:
    """Re-shuffles of one week, (week, [member, a, b]): the member takes a's place, a takes b's, b the member's
    (a swap when a is b). For a member that `owes` (categories owed to a quarter, variety), those where its
    own move lessens what it owes. For a member beyond a floor, those where its own move lowers its cost by
    CHAIN_GAIN and that leave no more category weeks beyond the floor among the three (fewer, if the member
    is beyond it; burden points beyond it are for the chains to repair); then shakes that leave its categories
    as they are, from which the chains may find a way. The MENDING cheapest of each kind."""
    state = objective.state
    fewer = 2 * SLACK if objective.member_excess()[0][member] > 0 else 0.0
    mending: list[tuple[float, int, list[int]]] = []
    shaking: list[tuple[float, int, list[int]]] = []
    for t in np.nonzero(state.at[member] >= 0)[0].tolist():
        members = np.nonzero(state.at[:, t] >= 0)[0]
        me = int(np.searchsorted(members, member))
        gain = objective.week_matrix(t, members)
        total = gain[me, :, None] + gain + gain[None, :, me]  # (a, b): member → a, a → b, b → member
        np.fill_diagonal(total, gain[me] + gain[:, me])
        groups = state.at[members, t]
        same = groups[:, None] == groups[None, :]  # a move to the same place changes nothing
        total[(same & ~np.eye(len(members), dtype=bool)) | same[me][:, None] | same[me][None, :]] = np.inf
        own, owed = objective.move_gains(members, me, t, groups)
        if owes:
            _cheapest(np.where((owed < -SLACK)[:, None], total, np.inf), t, members, me, mending)
            continue
        after, before = _beyond_among(objective, members, me, state.category[groups // 2])
        _cheapest(np.where((after <= before - fewer + SLACK) & (own < -CHAIN_GAIN)[:, None], total, np.inf),
                  t, members, me, mending)
        same_category = state.category[groups // 2] == state.category[groups[me] // 2]
        _cheapest(np.where((after <= before + SLACK) & same_category[:, None], total, np.inf),
                  t, members, me, shaking)
    mending.sort(key=lambda item: item[0])
    shaking.sort(key=lambda item: item[0])
    return [(t, cycle) for _total, t, cycle in mending[:MENDING] + shaking[:MENDING]]


def _beyond_among(objective: Objective, members: np.ndarray, me: int,
                  categories: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Category weeks beyond the floor among the members of each cycle (a, b), after it and before it (the
    diagonal holds the swaps with a)."""
    floor = objective.category_floor

    def beyond(v: np.ndarray) -> np.ndarray:
        return np.maximum(np.abs(v) - floor, 0.0).sum(axis=-1)

    here, x = np.eye(3)[categories], objective.deviations()[members]
    now = beyond(x)
    after = (beyond(x[me] - here[me] + here)[:, None]
             + beyond(x[:, None, :] - here[:, None, :] + here[None, :, :])
             + beyond(x - here + here[me])[None, :])
    np.fill_diagonal(after, beyond(x[me] - here[me] + here) + beyond(x - here + here[me]))
    before = now[me] + now[:, None] + now[None, :]
    np.fill_diagonal(before, now[me] + now)
    return after, before


def _cheapest(total: np.ndarray, t: int, members: np.ndarray, me: int,
              found: list[tuple[float, int, list[int]]]) -> None:
    """Add the MENDING cheapest finite cycles of `total` (a, b) in week t to `found`."""
    for flat in np.argsort(total, axis=None, kind="stable")[:MENDING].tolist():
        a, b = divmod(flat, len(members))
        if np.isfinite(total[a, b]):
            found.append((float(total[a, b]), t, [int(members[i]) for i in dict.fromkeys((me, a, b))]))
