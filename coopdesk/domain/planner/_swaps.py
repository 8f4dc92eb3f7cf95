"""Improving a planned roster by exchanging places within a week, never breaking a rule.

Once the weeks are assigned, the head counts of every post (and so N_c, A and every fair share) are
fixed, and exchanging members' places within a week keeps them fixed. The objective is a sum over
members of convex penalties on their final deviations (categories, burden points) with a steep extra
penalty beyond the floor (the least reachable maximum); then what a member "owes": a category it owes a
quarter (the quarter rule of `fairness`), a week on the same post as the week before, distinct posts
short of the variety goal; then concentration on few posts and uneven trainee weeks. Because it is
separable by member, the best re-shuffle of one week given all the others is an assignment problem
(members × the week's places), solved exactly; pairwise swaps and longer cycles are special cases.
Weeks are re-solved in turn until none improves; then `_chains` repairs deviations that only a chain of
swaps across weeks can move, `_mend` what members still owe, and the weeks are re-solved again.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from coopdesk.domain.planner._assign import State
from coopdesk.domain.planner.fairness import PRESENT_ENOUGH, VARIETY_GOAL, quarter_rule_applies

W_CATEGORY = 1.0
W_BURDEN = 0.5
W_NEVER = 4.0
W_QUARTER = 12.0  # per category a member owes a quarter and did not do there
W_REPEAT = 12.0  # per week on the same post as the week before
W_SHORT = 6.0  # per distinct post below what the member's weeks allow (the variety goal)
W_TRAINEE_SPREAD = 0.05
W_HELD = 0.25  # per earlier week on the same post
W_NEW_POST = 2.0
# Members' wishes come last, below every fairness term: a post wished to learn counts once held, a post wished
# to avoid per week held. They decide only between rosters alike in everything else.
W_LEARN = 1.0
W_AVOID = 0.5
# Beyond its floor a deviation costs a step (so that reaching the floor exactly matters) plus a steep
# convex penalty on the excess (so that excess is spread rather than piled on one member: the report
# shows the maximum). Categories come before burden, burden before what members owe (the quarter rule
# and repeats before variety); squares and concentration on few posts decide the rest.
CATEGORY_STEP, CATEGORY_SLOPE, CATEGORY_SQUARE = 100.0, 100.0, 300.0  # excess in weeks
BURDEN_STEP, BURDEN_SLOPE, BURDEN_SQUARE = 20.0, 20.0, 20.0  # excess in points
MAX_PASSES = 80
MIN_GAIN = 0.01  # per member and pass: below it, further passes only reshuffle for crumbs
MAX_ROUNDS = 8
SLACK = 1e-6
UNIT = np.eye(3, dtype=np.int64)


class Objective:
    """The separable cost of a roster: `member_cost(w)` summed over members."""

    def __init__(self, state: State, *, category_floor: float, burden_floor: float) -> None:
        self.state = state
        weeks = state.member_weeks.astype(np.float64)
        self.tau = weeks[:, None] * (state.totals / state.all_weeks)[None, :]
        self.mean_burden = state.all_points / state.all_weeks
        self.beta = weeks * self.mean_burden
        self.expect_all = (weeks >= PRESENT_ENOUGH)[:, None] & (state.totals > 0)[None, :]
        present = state.quarter_weeks[:, :, None]
        share = state.quarter_totals / np.maximum(state.quarter_totals.sum(axis=1), 1)[:, None]
        self.quarter_due = quarter_rule_applies(present, present * share[None, :, :])  # (members, quarters, 3)
        regular = state.able[:, 0::2]
        self.open_posts = np.stack([regular[:, state.category == c].sum(axis=1) for c in range(3)], axis=1)
        self.category_floor = category_floor + SLACK
        self.burden_floor = burden_floor + SLACK  # in points
        self.frozen = np.zeros(state.at.shape, dtype=bool)  # places the chains leave alone
        self.unmendable: set[int] = set()  # members `_mend` could not mend

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

    @staticmethod
    def quarter_cost(counts: np.ndarray, due: np.ndarray) -> np.ndarray:
        """Weeks per category in a quarter -> the cost of the categories owed there and not done."""
        return W_QUARTER * ((counts == 0) & due)

    def burden_cost(self, ahead: np.ndarray) -> np.ndarray:
        """`ahead`: burden points beyond the fair share, in units of the mean burden of a week."""
        return (W_BURDEN * ahead * ahead
                + self._beyond(ahead * self.mean_burden, self.burden_floor, BURDEN_STEP, BURDEN_SLOPE,
                               BURDEN_SQUARE))

    def variety_goal(self, counts: np.ndarray, rows: np.ndarray | int) -> np.ndarray:
        """Distinct posts a member's weeks per category allow (as `fairness` counts a member short)."""
        return np.minimum(VARIETY_GOAL, np.minimum(counts, self.open_posts[rows]).sum(axis=-1))

    def deviations(self) -> np.ndarray:
        return self.state.counts - self.tau

    def member_excess(self) -> tuple[np.ndarray, np.ndarray]:
        """Per member, category weeks and burden points beyond their floors."""
        weeks = np.maximum(np.abs(self.deviations()) - self.category_floor, 0.0).sum(axis=1)
        return weeks, np.maximum(np.abs(self.state.points - self.beta) - self.burden_floor, 0.0)

    def excess(self) -> float:
        """Category weeks and burden points beyond their floors, summed over members."""
        weeks, points = self.member_excess()
        return float(weeks.sum() + points.sum())

    def owed(self, members: np.ndarray | int | slice = slice(None)) -> np.ndarray:
        """Per member, the cost of what it owes: categories owed to a quarter and not done there, weeks on the
        same post as the week before, distinct posts missing below the variety goal."""
        s = self.state
        rows = np.arange(len(s.workers))[members]
        short = np.maximum(self.variety_goal(s.counts[rows], rows) - (s.held[rows] > 0).sum(axis=-1), 0)
        posts = _post(s.at[rows])
        previous = np.concatenate([s.before[rows][..., None], posts[..., :-1]], axis=-1)
        repeats = ((posts == previous) & (posts >= 0)).sum(axis=-1)
        quarters = self.quarter_cost(s.quarter_counts[rows], self.quarter_due[rows]).sum(axis=(-2, -1))
        return quarters + W_REPEAT * repeats + W_SHORT * short

    def owed_in_all(self) -> float:
        return float(self.owed().sum())

    def defects(self) -> np.ndarray:
        """Per member: a deviation beyond its floor, or something owed (see `owed`)."""
        weeks, points = self.member_excess()
        return (weeks > 0) | (points > 0) | (self.owed() > 0)

    def member_cost(self, w: int) -> float:
        s = self.state
        cost = float(self.category_cost(s.counts[w], w).sum())
        cost += float(self.burden_cost(np.array((s.points[w] - self.beta[w]) / self.mean_burden)))
        cost += float(self.owed(w)) + float(self._variety(s.held[w]).sum())
        cost += float(self.wish_cost(s.held[w], s.wish[w]).sum())
        return cost + W_TRAINEE_SPREAD * float(s.trainee[w]) ** 2

    @staticmethod
    def wish_cost(held: np.ndarray, wish: np.ndarray) -> np.ndarray:
        """Per post: minus W_LEARN for a post wished to learn and held, W_AVOID per week on a post to avoid."""
        return W_AVOID * held * (wish < 0) - W_LEARN * ((held > 0) & (wish > 0))

    def _tables(self, members: np.ndarray, quarter: np.ndarray | int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each member, the change of category cost (members, a, b), of the cost of what is owed to
        `quarter` (members, [quarters,] a, b) and the variety goal (members, a, b) if one of their weeks
        went from category a to b."""
        s = self.state
        counts = s.counts[members]
        rows = members[:, None, None]
        moved = counts[:, None, None, :] - UNIT[None, :, None, :] + UNIT[None, None, :, :]
        category = (self.category_cost(moved, rows).sum(axis=-1)
                    - self.category_cost(counts, members).sum(axis=-1)[:, None, None])
        done, due = s.quarter_counts[members][:, quarter], self.quarter_due[members][:, quarter]
        shifted = done[..., None, None, :] - UNIT[:, None, :] + UNIT[None, :, :]
        owed = (self.quarter_cost(shifted, due[..., None, None, :]).sum(axis=-1)
                - self.quarter_cost(done, due).sum(axis=-1)[..., None, None])
        return category, owed, self.variety_goal(moved, rows)

    def move_gain(self, members: np.ndarray, rows: np.ndarray | int, t: np.ndarray | int,
                  to: np.ndarray) -> np.ndarray:
        """Cost change of member `members[rows]` leaving its place in week t for place group `to` (rows, t and
        `to` broadcast together); infinite where the member may not take that place. Exact for one move."""
        return self.move_gains(members, rows, t, to)[0]

    def move_gains(self, members: np.ndarray, rows: np.ndarray | int, t: np.ndarray | int,
                   to: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`move_gain` and the part of it from what the member owes (see `owed`)."""
        s = self.state
        w = members[rows]
        here = s.at[w, t]
        p, q = here // 2, to // 2
        a, b = s.category[p], s.category[q]
        if np.ndim(t):
            category, quarter, goal = self._tables(members, slice(None))
            owed = quarter[rows, s.quarter[t], a, b]
        else:
            category, quarter, goal = self._tables(members, int(s.quarter[t]))
            owed = quarter[rows, a, b]

        ahead = (s.points[w] - self.beta[w]) / self.mean_burden
        gain = category[rows, a, b] + self.burden_cost(ahead + (s.burden[q] - s.burden[p]) / self.mean_burden)
        gain -= self.burden_cost(ahead)

        last = len(s.days) - 1
        before = np.where(t > 0, _post(s.at[w, np.maximum(t - 1, 0)]), s.before[w])
        after = np.where(t < last, _post(s.at[w, np.minimum(t + 1, last)]), -1)
        repeats = (before == q).astype(np.float64) + (after == q) - (before == p) - (after == p)

        moves = p != q
        held_here, held_there = s.held[w, p], s.held[w, q]
        # the change of `_variety` when one week leaves the post held here and one joins the post there
        gain += moves * (W_HELD * (held_there - held_here + 1)
                         + W_NEW_POST * ((held_here == 1).astype(np.float64) - (held_there == 0)))
        distinct = (s.held[w] > 0).sum(axis=-1)
        distinct_after = distinct - (moves & (held_here == 1)) + (moves & (held_there == 0))
        short = np.maximum(self.variety_goal(s.counts[w], w) - distinct, 0)
        owed = owed + W_SHORT * (np.maximum(goal[rows, a, b] - distinct_after, 0) - short) + W_REPEAT * repeats

        wish_here, wish_there = s.wish[w, p], s.wish[w, q]
        gain += moves * (W_AVOID * ((wish_there < 0).astype(np.float64) - (wish_here < 0))
                         - W_LEARN * ((wish_there > 0) & (held_there == 0))
                         + W_LEARN * ((wish_here > 0) & (held_here == 1)))

        taught = s.trainee[w]
        taught_after = taught - here % 2 + to % 2
        gain += owed + W_TRAINEE_SPREAD * (taught_after * taught_after - taught * taught)
        return np.where(s.able[w, to], gain, np.inf), owed

    def week_matrix(self, t: int, members: np.ndarray) -> np.ndarray:
        """Cost change (u, v) of member u taking v's place this week; infinite where u may not."""
        return self.move_gain(members, np.arange(len(members))[:, None], t, self.state.at[members, t][None, :])


def improve(state: State, *, category_floor: float, burden_floor: float) -> int:
    """Re-solve weeks and repair by chains until nothing improves; returns the number of moves made."""
    if state.all_weeks == 0 or not len(state.days):
        return 0
    from coopdesk.domain.planner._chains import repair
    from coopdesk.domain.planner._mend import mend

    objective = Objective(state, category_floor=category_floor, burden_floor=burden_floor)
    made = 0
    for _ in range(MAX_ROUNDS):
        made += resolve_weeks(objective)
        repaired = repair(objective) or mend(objective)
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
    state.quarter_counts[member, state.quarter[t], state.category[p]] -= 1
    state.quarter_counts[member, state.quarter[t], state.category[q]] += 1
    state.points[member] += state.burden[q] - state.burden[p]
    state.held[member, p] -= 1
    state.held[member, q] += 1
    state.trainee[member] += group % 2 - old % 2


def swap(state: State, t: int, a: int, b: int) -> None:
    ga, gb = int(state.at[a, t]), int(state.at[b, t])
    move(state, t, a, gb)
    move(state, t, b, ga)
