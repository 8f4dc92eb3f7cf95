"""Improving a planned roster by exchanging places within a week, never breaking a rule.

Once the weeks are assigned, the head counts of every post (and so N_c, A and every fair share) are
fixed, and exchanging members' places within a week keeps them fixed. The objective is a sum over
members of convex penalties on their final deviations (categories, burden points) with a steep extra
penalty beyond the floor (the least reachable maximum), plus repeats, concentration on few posts and
uneven trainee weeks. Because it is separable by member, the best re-shuffle of one week given all the
others is an assignment problem (members × the week's places), solved exactly; pairwise swaps and
longer cycles are special cases. Weeks are re-solved in turn until none improves; then `_chains`
repairs deviations that only a chain of swaps across weeks can move, and the weeks are re-solved again.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from coopdesk.domain.planner._assign import State
from coopdesk.domain.planner.fairness import PRESENT_ENOUGH

W_CATEGORY = 1.0
W_BURDEN = 0.5
W_NEVER = 4.0
W_TRAINEE_SPREAD = 0.05
W_REPEAT = 3.0
W_HELD = 0.25  # per earlier week on the same post
W_NEW_POST = 2.0
# Beyond its floor a deviation costs a step (so that reaching the floor exactly matters) plus a steep
# convex penalty on the excess (so that excess is spread rather than piled on one member: the report
# shows the maximum). Categories come before burden; squares, repeats and variety decide the rest.
CATEGORY_STEP, CATEGORY_SLOPE, CATEGORY_SQUARE = 100.0, 100.0, 300.0  # excess in weeks
BURDEN_STEP, BURDEN_SLOPE, BURDEN_SQUARE = 5.0, 4.0, 1.0  # excess in points
MAX_PASSES = 80
MIN_GAIN = 0.01  # per member and pass: below it, further passes only reshuffle for crumbs
MAX_ROUNDS = 8
SLACK = 1e-6


class Objective:
    """The separable cost of a roster: `member_cost(w)` summed over members."""

    def __init__(self, state: State, *, category_floor: float, burden_floor: float) -> None:
        self.state = state
        weeks = state.member_weeks.astype(np.float64)
        self.tau = weeks[:, None] * (state.totals / state.all_weeks)[None, :]
        self.mean_burden = state.all_points / state.all_weeks
        self.beta = weeks * self.mean_burden
        self.expect_all = (weeks >= PRESENT_ENOUGH)[:, None] & (state.totals > 0)[None, :]
        self.category_floor = category_floor + SLACK
        self.burden_floor = burden_floor + SLACK  # in points

    @staticmethod
    def _beyond(x: np.ndarray, floor: float, step: float, slope: float, square: float) -> np.ndarray:
        excess = np.maximum(np.abs(x) - floor, 0.0)
        return (slope + square * excess) * excess + step * (excess > 0)

    @staticmethod
    def _variety(k: np.ndarray) -> np.ndarray:
        return W_HELD * k * (k - 1) / 2 - W_NEW_POST * (k > 0)

    def category_cost(self, counts: np.ndarray, rows: np.ndarray | int) -> np.ndarray:
        x = counts - self.tau[rows]
        beyond = self._beyond(x, self.category_floor, CATEGORY_STEP, CATEGORY_SLOPE, CATEGORY_SQUARE)
        return W_CATEGORY * x * x + beyond + W_NEVER * ((counts == 0) & self.expect_all[rows])

    def burden_cost(self, ahead: np.ndarray) -> np.ndarray:
        """`ahead`: burden points beyond the fair share, in units of the mean burden of a week."""
        return (W_BURDEN * ahead * ahead
                + self._beyond(ahead * self.mean_burden, self.burden_floor, BURDEN_STEP, BURDEN_SLOPE,
                               BURDEN_SQUARE))

    def deviations(self) -> np.ndarray:
        return self.state.counts - self.tau

    def member_cost(self, w: int) -> float:
        s = self.state
        cost = float(self.category_cost(s.counts[w], w).sum())
        cost += float(self.burden_cost(np.array((s.points[w] - self.beta[w]) / self.mean_burden)))
        posts = np.where(s.at[w] >= 0, s.at[w] // 2, -1)
        previous = np.concatenate(([s.before[w]], posts[:-1]))
        cost += W_REPEAT * int(((posts == previous) & (posts >= 0)).sum())
        cost += float(self._variety(s.held[w]).sum())
        return cost + W_TRAINEE_SPREAD * float(s.trainee[w]) ** 2

    def week_matrix(self, t: int, members: np.ndarray) -> np.ndarray:
        """Cost change (u, v) of member u taking v's place this week; infinite where u may not."""
        s = self.state
        groups = s.at[members, t]
        posts = groups // 2
        cats = s.category[posts]
        roles = groups % 2
        arange = np.arange(len(members))

        counts = s.counts[members]
        current = self.category_cost(counts, members)
        plus = self.category_cost(counts + 1, members) - current
        minus = (self.category_cost(counts - 1, members) - current)[arange, cats]
        gain = np.where(cats[:, None] != cats[None, :], minus[:, None] + plus[:, cats], 0.0)

        ahead = (s.points[members] - self.beta[members]) / self.mean_burden
        load = s.burden[posts] / self.mean_burden
        gain += self.burden_cost(ahead[:, None] - load[:, None] + load[None, :]) - self.burden_cost(ahead)[:, None]

        before = s.before[members] if t == 0 else _post(s.at[members, t - 1])
        after = np.full(len(members), -1) if t == len(s.days) - 1 else _post(s.at[members, t + 1])
        repeats = (before == posts).astype(np.float64) + (after == posts)
        repeats_if = (before[:, None] == posts[None, :]).astype(np.float64) + (after[:, None] == posts[None, :])
        gain += W_REPEAT * (repeats_if - repeats[:, None])

        held = s.held[members]
        here = held[arange, posts]
        there = held[:, posts]
        variety = self._variety
        gain += np.where(posts[:, None] != posts[None, :],
                         (variety(here - 1) - variety(here))[:, None] + variety(there + 1) - variety(there), 0.0)

        taught = s.trainee[members]
        taught_if = taught[:, None] - roles[:, None] + roles[None, :]
        gain += W_TRAINEE_SPREAD * (taught_if * taught_if - (taught * taught)[:, None])

        gain = np.where(s.able[members][:, groups], gain, np.inf)
        np.fill_diagonal(gain, 0.0)
        return gain


def improve(state: State, *, category_floor: float, burden_floor: float) -> int:
    """Re-solve weeks and repair by chains until nothing improves; returns the number of moves made."""
    if state.all_weeks == 0 or not len(state.days):
        return 0
    from coopdesk.domain.planner._chains import repair, repair_burden

    objective = Objective(state, category_floor=category_floor, burden_floor=burden_floor)
    made = 0
    for _ in range(MAX_ROUNDS):
        made += resolve_weeks(objective)
        repaired = repair(objective) + repair_burden(objective)
        made += repaired
        if not repaired:
            break
    return made


def resolve_weeks(objective: Objective) -> int:
    """Re-solve each week given the others, in turn, until a pass gains less than MIN_GAIN per member."""
    state = objective.state
    made = 0
    for _ in range(MAX_PASSES):
        made_in_pass, gained = 0, 0.0
        for t in range(len(state.days)):
            members = np.nonzero(state.at[:, t] >= 0)[0]
            if len(members) < 2:
                continue
            gain = objective.week_matrix(t, members)
            rows, cols = linear_sum_assignment(gain)
            change = float(gain[rows, cols].sum())
            if change < -1e-9:
                groups = state.at[members, t]
                moving = rows[cols != rows]
                for u, v in zip(moving, cols[moving], strict=True):
                    move(state, t, int(members[u]), int(groups[v]))
                made_in_pass += len(moving)
                gained -= change
        made += made_in_pass
        if gained < MIN_GAIN * len(state.workers):
            break
    return made


def _post(groups: np.ndarray) -> np.ndarray:
    return np.where(groups >= 0, groups // 2, -1)


def move(state: State, t: int, member: int, group: int) -> None:
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


def swap(state: State, t: int, a: int, b: int) -> None:
    ga, gb = int(state.at[a, t]), int(state.at[b, t])
    move(state, t, a, gb)
    move(state, t, b, ga)
