"""Pairwise swaps within a week that keep every rule and lower the plan's fairness objective.

Once the weeks are assigned, the head counts of every post (and so N_c, A and every fair share) are
fixed, and a swap of two members' places in one week keeps them fixed. The objective is a sum over
members of convex penalties on their final deviations (categories, burden points), with a steep extra
penalty beyond the floor (the least reachable maximum), plus repeats, concentration on few posts, and
uneven trainee weeks. Because it is separable by member, all improving swaps of disjoint pairs found in
one evaluation of a week can be applied together.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from coopdesk.domain.planner._assign import PRESENT_ENOUGH, W_HELD, W_NEW_POST, W_REPEAT, State

W_CATEGORY = 1.0
W_BURDEN = 0.5
W_NEVER = 4.0
W_TRAINEE_SPREAD = 0.05
BEYOND_FLOOR = float(__import__('os').environ.get('K', 10))
MAX_PASSES = 80
STEP_CATEGORY = float(__import__('os').environ.get('SC', 10))
STEP_BURDEN = float(__import__('os').environ.get('SB', 3))
SLACK = 1e-6


def _psi(x: np.ndarray, floor: float, step: float) -> np.ndarray:
    excess = np.maximum(np.abs(x) - floor, 0.0)
    return x * x + BEYOND_FLOOR * excess + step * (excess > 0)


def _variety(k: np.ndarray) -> np.ndarray:
    return W_HELD * k * (k - 1) / 2 - W_NEW_POST * (k > 0)


def improve(state: State, *, category_floor: float, burden_floor: float) -> int:
    """Apply improving swaps until none is left (or MAX_PASSES); returns how many were made."""
    if state.all_weeks == 0 or not len(state.days):
        return 0
    weeks = state.member_weeks.astype(np.float64)
    share = state.totals / state.all_weeks
    tau = weeks[:, None] * share[None, :]
    mean_burden = state.all_points / state.all_weeks
    beta = weeks * mean_burden
    expect_all = (weeks >= PRESENT_ENOUGH)[:, None] & (state.totals > 0)[None, :]
    floors = (category_floor + SLACK, (burden_floor + SLACK) / mean_burden)

    def category_cost(counts: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return (W_CATEGORY * _psi(counts - tau[rows], floors[0], STEP_CATEGORY)
                + W_NEVER * ((counts == 0) & expect_all[rows]))

    made = 0
    last = len(state.days) - 1
    for _ in range(MAX_PASSES):
        made_in_pass = 0
        for t in range(len(state.days)):
            members = np.nonzero(state.at[:, t] >= 0)[0]
            if len(members) < 2:
                continue
            groups = state.at[members, t]
            posts = groups // 2
            cats = state.category[posts]
            roles = groups % 2
            arange = np.arange(len(members))

            counts = state.counts[members]
            current = category_cost(counts, members)
            plus = category_cost(counts + 1, members) - current
            minus = (category_cost(counts - 1, members) - current)[arange, cats]
            gain = np.where(cats[:, None] != cats[None, :], minus[:, None] + plus[:, cats], 0.0)

            ahead = (state.points[members] - beta[members]) / mean_burden
            load = state.burden[posts] / mean_burden
            moved = ahead[:, None] - load[:, None] + load[None, :]
            gain += W_BURDEN * (_psi(moved, floors[1], STEP_BURDEN) - _psi(ahead, floors[1], STEP_BURDEN)[:, None])

            before = state.before[members] if t == 0 else _post(state.at[members, t - 1])
            after = np.full(len(members), -1) if t == last else _post(state.at[members, t + 1])
            repeats = (before == posts).astype(np.float64) + (after == posts)
            repeats_if = (before[:, None] == posts[None, :]).astype(np.float64) + (after[:, None] == posts[None, :])
            gain += W_REPEAT * (repeats_if - repeats[:, None])

            held = state.held[members]
            here = held[arange, posts]
            there = held[:, posts]
            gain += np.where(posts[:, None] != posts[None, :],
                             (_variety(here - 1) - _variety(here))[:, None] + _variety(there + 1) - _variety(there),
                             0.0)

            taught = state.trainee[members]
            taught_if = taught[:, None] - roles[:, None] + roles[None, :]
            gain += W_TRAINEE_SPREAD * (taught_if * taught_if - (taught * taught)[:, None])

            may = state.able[members][:, groups]  # u may take v's place
            gain = np.where(may, gain, np.inf)
            np.fill_diagonal(gain, 0.0)
            rows, cols = linear_sum_assignment(gain)
            if gain[rows, cols].sum() < -1e-9:
                moving = rows[cols != rows]
                for u, v in zip(moving, cols[moving], strict=True):
                    _move(state, t, int(members[u]), int(groups[v]))
                made_in_pass += len(moving)
        made += made_in_pass
        if not made_in_pass:
            break
    return made


def _post(groups: np.ndarray) -> np.ndarray:
    return np.where(groups >= 0, groups // 2, -1)


def _move(state: State, t: int, member: int, group: int) -> None:
    """Put `member` in place `group` in week t (the week's other moves keep the head counts)."""
    old = int(state.at[member, t])
    p, q = old // 2, group // 2
    state.at[member, t] = group
    state.counts[member, state.category[p]] -= 1
    state.counts[member, state.category[q]] += 1
    state.points[member] += state.burden[q] - state.burden[p]
    state.held[member, p] -= 1
    state.held[member, q] += 1
    state.trainee[member] += group % 2 - old % 2
