"""Week-by-week min-cost assignment (Hungarian method on an expanded matrix of places).

Rows are the week's eligible members, columns are places: each post's `min` mandatory regular places,
its optional regular places up to `max`, its trainee places. A mandatory place carries a large bonus, so
the optimum fills every minimum (possible whenever the week is feasible at all); a member may not take a
place they are not qualified for (infinite cost). The rest of the cost chases fairness: each member's
deficit in each category and in burden points against a running fair share, a penalty for the same post
as last week, a pull towards posts not yet held (stronger when the weeks left barely reach the variety
goal), a pull towards a category the member owes the quarter as its weeks there run out (the quarter
rule of `fairness`), and a pull of members lacking a skill into trainee places so skills spread. The
seed drives a tiny jitter that only breaks ties, so another seed gives another roster as fair. A post
with minimum 0 that got trainees and no regular member is solved again with a minimum of 1 there, or
else without its trainee places. The swaps (`_swaps`) then polish the whole plan against the final fair
shares, which only exist once every week has its head counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy.optimize import linear_sum_assignment

from coopdesk.domain.planner.fairness import PRESENT_ENOUGH, VARIETY_GOAL, quarter_of, quarter_rule_applies
from coopdesk.domain.planner.feasibility import PlanningImpossible, Reason, diagnose_week
from coopdesk.domain.planner.model import PostSpec, WeekAssignment, WorkerSpec
from coopdesk.domain.rotation import CATEGORIES, Role

# Weights of the weekly cost (a category week off target costs about 2 × W_CATEGORY).
W_CATEGORY = 1.0
W_BURDEN = 0.6
W_REPEAT = 1.5
W_HELD = 0.25  # per earlier week on the same post
W_NEW_POST = 0.5
W_VARIETY = 2.0  # extra pull to a new post when the weeks left barely reach the variety goal
W_TRAINEE = 0.4
W_NEVER = 1.0
W_QUARTER = 2.0  # pull to a category owed to the quarter when the member's weeks there run out
# Members' wishes: a pull to a post they want to learn (until they have held it), a push from one they would
# avoid. Below every fairness weight: a tie-breaker here; the swaps keep every floor whatever these say.
W_LEARN = 0.3
W_AVOID = 0.3
MARGIN = 2  # weeks to spare before the quarter rule or the variety goal pulls
MANDATORY = 1e6
JITTER = 1e-6
SWAPPED = ("at", "counts", "points", "held", "trainee", "quarter_counts")  # what swaps within a week change


@dataclass
class State:
    """Everything the assignment and the swaps share; counts include the history."""

    posts: list[PostSpec]
    workers: list[WorkerSpec]
    days: list[date]
    able: np.ndarray  # (members, groups) may take the place group (2·post regular, 2·post+1 trainee)
    eligible: np.ndarray  # (members, weeks)
    at: np.ndarray  # (members, weeks) group held, -1 when absent
    category: np.ndarray  # (posts,) index into CATEGORIES
    burden: np.ndarray  # (posts,)
    counts: np.ndarray  # (members, 3) weeks per category so far
    points: np.ndarray  # (members,) burden points so far
    held: np.ndarray  # (members, posts) weeks on each post so far
    trainee: np.ndarray  # (members,) trainee weeks so far
    before: np.ndarray  # (members,) post held in the week before the plan, -1 if none
    history_weeks: np.ndarray  # (members,)
    totals: np.ndarray  # (3,) category weeks of everyone, history included
    all_weeks: int
    all_points: int
    quarter: np.ndarray  # (weeks,) index of each week's calendar quarter among the plan's quarters
    quarter_counts: np.ndarray  # (members, quarters, 3) weeks per category in each quarter so far
    quarter_history: np.ndarray  # (members, quarters) weeks worked in the quarter before the plan began
    quarter_totals: np.ndarray  # (quarters, 3) category weeks of everyone in each quarter so far
    wish: np.ndarray  # (members, posts) +1 the member wants to learn the post, -1 would avoid it, 0 no wish

    @classmethod
    def start(cls, posts: list[PostSpec], workers: list[WorkerSpec], days: list[date],
              history: Sequence[WeekAssignment], known: dict[str, PostSpec]) -> State:
        n, p = len(workers), len(posts)
        able = np.zeros((n, 2 * p), dtype=bool)
        for i, w in enumerate(workers):
            for j, post in enumerate(posts):
                able[i, 2 * j] = post.may_hold(w.skills, Role.REGULAR)
                able[i, 2 * j + 1] = post.may_hold(w.skills, Role.TRAINEE)
        eligible = np.array([[w.eligible(d) for d in days] for w in workers], dtype=bool).reshape(n, len(days))
        quarters = {q: k for k, q in enumerate(dict.fromkeys(quarter_of(d) for d in days))}
        state = cls(
            posts=posts, workers=workers, days=days, able=able, eligible=eligible,
            at=np.full((n, len(days)), -1, dtype=np.int64),
            category=np.array([CATEGORIES.index(x.category) for x in posts], dtype=np.int64),
            burden=np.array([x.burden for x in posts], dtype=np.float64),
            counts=np.zeros((n, 3), dtype=np.int64), points=np.zeros(n), held=np.zeros((n, p), dtype=np.int64),
            trainee=np.zeros(n, dtype=np.int64), before=np.full(n, -1, dtype=np.int64),
            history_weeks=np.zeros(n, dtype=np.int64), totals=np.zeros(3, dtype=np.int64),
            all_weeks=0, all_points=0,
            quarter=np.array([quarters[quarter_of(d)] for d in days], dtype=np.int64),
            quarter_counts=np.zeros((n, len(quarters), 3), dtype=np.int64),
            quarter_history=np.zeros((n, len(quarters)), dtype=np.int64),
            quarter_totals=np.zeros((len(quarters), 3), dtype=np.int64),
            wish=np.zeros((n, p), dtype=np.int64))
        member = {w.code: i for i, w in enumerate(workers)}
        post_index = {x.code: j for j, x in enumerate(posts)}
        for i, w in enumerate(workers):
            for code in w.learn:
                if code in post_index:
                    state.wish[i, post_index[code]] = 1
            for code in w.avoid:
                if code in post_index:
                    state.wish[i, post_index[code]] = -1
        last_week = days[0] - timedelta(weeks=1) if days else None
        for row in history:
            spec = known[row.post_code]
            c = CATEGORIES.index(spec.category)
            state.totals[c] += 1
            state.all_weeks += 1
            state.all_points += spec.burden
            q = quarters.get(quarter_of(row.week_start))
            if q is not None:
                state.quarter_totals[q, c] += 1
            i = member.get(row.member_code)
            if i is None:
                continue
            if q is not None:
                state.quarter_counts[i, q, c] += 1
                state.quarter_history[i, q] += 1
            state.counts[i, c] += 1
            state.points[i] += spec.burden
            state.history_weeks[i] += 1
            state.trainee[i] += row.role is Role.TRAINEE
            j = post_index.get(row.post_code)
            if j is not None:
                state.held[i, j] += 1
                if row.week_start == last_week:
                    state.before[i] = j
        return state

    @property
    def member_weeks(self) -> np.ndarray:
        """Each member's weeks over history and plan (a_w)."""
        return self.history_weeks + self.eligible.sum(axis=1)

    @property
    def quarter_weeks(self) -> np.ndarray:
        """(members, quarters) each member's weeks in each quarter, history included (a_wq)."""
        planned = np.zeros_like(self.quarter_history)
        for q in range(planned.shape[1]):
            planned[:, q] = self.eligible[:, self.quarter == q].sum(axis=1)
        return self.quarter_history + planned

    def quarter_elapsed(self) -> np.ndarray:
        """(members, weeks) each member's weeks in the week's quarter up to and including it, history included."""
        present = np.cumsum(self.eligible, axis=1)
        first = np.searchsorted(self.quarter, self.quarter)  # the quarter's first week of the plan
        before = np.where(first > 0, present[:, np.maximum(first - 1, 0)], 0)
        return self.quarter_history[:, self.quarter] + present - before

    def snapshot(self) -> dict[str, np.ndarray]:
        """Copies of what swaps change, to `restore` when a trial does not pay."""
        return {name: getattr(self, name).copy() for name in SWAPPED}

    def restore(self, snapshot: dict[str, np.ndarray]) -> None:
        for name, value in snapshot.items():
            setattr(self, name, value)

    def placed(self, t: int) -> list[tuple[int, int]]:
        rows = np.nonzero(self.at[:, t] >= 0)[0]
        return [(int(i), int(self.at[i, t])) for i in rows]

    def record(self, t: int, members: np.ndarray, groups: np.ndarray) -> None:
        posts = groups // 2
        cats = self.category[posts]
        self.at[members, t] = groups
        np.add.at(self.counts, (members, cats), 1)
        self.points[members] += self.burden[posts]
        np.add.at(self.held, (members, posts), 1)
        self.trainee[members] += groups % 2
        np.add.at(self.totals, cats, 1)
        np.add.at(self.quarter_counts, (members, self.quarter[t], cats), 1)
        np.add.at(self.quarter_totals[self.quarter[t]], cats, 1)
        self.all_weeks += len(members)
        self.all_points += int(self.burden[posts].sum())


def assign_weeks(state: State, seed: int, progress: Callable[[int, int], None] | None) -> None:
    rng = np.random.default_rng(seed % 2**64)  # any int is a seed, negative ones too
    posts = state.posts
    lows = np.array([p.min for p in posts], dtype=np.int64)
    highs = np.array([p.max for p in posts], dtype=np.int64)
    slots = np.array([p.trainee_slots if p.takes_trainees else 0 for p in posts], dtype=np.int64)
    prior_share, prior_burden = _prior(state, lows, highs, slots)
    before_total = state.history_weeks[:, None] + np.cumsum(state.eligible, axis=1)  # a_w up to and including t
    present = state.member_weeks
    quarter_elapsed, quarter_present = state.quarter_elapsed(), state.quarter_weeks
    for t, day in enumerate(state.days):
        members = np.nonzero(state.eligible[:, t])[0]
        weight = max(len(members), 1)
        share = (state.totals + prior_share * weight) / (state.all_weeks + weight)
        mean_burden = (state.all_points + prior_burden * weight) / (state.all_weeks + weight)
        previous = np.where(state.at[:, t - 1] >= 0, state.at[:, t - 1] // 2, -1) if t else state.before
        cost = _weekly_cost(state, members, before_total[members, t], present[members], share, mean_burden,
                            previous[members])
        cost -= _quarter_pull(state, t, members, quarter_elapsed[members, t],
                              quarter_present[members, state.quarter[t]], share)
        noise = rng.random(cost.shape) * JITTER
        groups = _solve(state, day, members, cost + noise, lows.copy(), highs, slots.copy())
        state.record(t, members, groups)
        if progress is not None:
            progress(t + 1, len(state.days))


def _prior(state: State, lows: np.ndarray, highs: np.ndarray, slots: np.ndarray) -> tuple[np.ndarray, float]:
    """A first guess of the category shares and mean burden (from mid-range head counts)."""
    heads = (lows + highs) / 2 + slots / 2
    if not heads.sum():
        heads = np.ones(len(lows))
    share = np.bincount(state.category, weights=heads, minlength=3) / heads.sum()
    if state.all_weeks:
        share = state.totals / state.all_weeks
        return share, state.all_points / state.all_weeks
    return share, float((heads * state.burden).sum() / heads.sum())


def _weekly_cost(state: State, members: np.ndarray, weeks_so_far: np.ndarray, present: np.ndarray,
                 share: np.ndarray, mean_burden: float, previous: np.ndarray) -> np.ndarray:
    """Cost (members × place groups) of this week's choice, the marginal change in squared deficits."""
    group_post = np.repeat(np.arange(len(state.posts)), 2)
    group_cat = state.category[group_post]
    counts = state.counts[members]
    gap = counts - weeks_so_far[:, None] * share[None, :]  # > 0: ahead of the fair share
    category = W_CATEGORY * (2 * gap + 1)
    # members present long enough who never did a category are pulled into it, harder as weeks pass
    never = (counts == 0) & (present[:, None] >= PRESENT_ENOUGH) & (share[None, :] > 0)
    category -= W_NEVER * never * (weeks_so_far / np.maximum(present, 1))[:, None]
    cost = category[:, group_cat]
    load = state.burden[group_post][None, :]
    ahead = state.points[members] - weeks_so_far * mean_burden
    cost += W_BURDEN * (load * load + 2 * load * ahead[:, None]) / (mean_burden * mean_burden)
    cost += W_REPEAT * (previous[:, None] == group_post[None, :])
    held = state.held[members][:, group_post]
    cost += W_HELD * held - _new_post_pull(state, members, weeks_so_far, present, share)[:, None] * (held == 0)
    cost[:, 1::2] -= W_TRAINEE / (1 + state.trainee[members])[:, None]
    wish = state.wish[members][:, group_post]
    cost -= W_LEARN * ((wish > 0) & (held == 0))
    cost += W_AVOID * (wish < 0)
    return cost


def _new_post_pull(state: State, members: np.ndarray, weeks_so_far: np.ndarray, present: np.ndarray,
                   share: np.ndarray) -> np.ndarray:
    """Per member, the pull towards a post not held yet: stronger once the distinct posts still missing for the
    variety goal (estimated from the fair shares) come within MARGIN of the weeks left."""
    regular = state.able[members][:, 0::2]
    open_posts = np.stack([regular[:, state.category == c].sum(axis=1) for c in range(3)], axis=1)
    goal = np.minimum(VARIETY_GOAL, np.minimum(present[:, None] * share[None, :], open_posts).sum(axis=1))
    missing = goal - (state.held[members] > 0).sum(axis=1)
    return W_NEW_POST + W_VARIETY * (missing > present - weeks_so_far + 1 - MARGIN)


def _quarter_pull(state: State, t: int, members: np.ndarray, elapsed: np.ndarray, present: np.ndarray,
                  share: np.ndarray) -> np.ndarray:
    """Pull (members × place groups) towards the categories a member owes the week's quarter and has not done
    there yet, once the member's weeks left in the quarter come within MARGIN of the categories owed."""
    lacking = ((state.quarter_counts[members, state.quarter[t]] == 0)
               & quarter_rule_applies(present[:, None], present[:, None] * share[None, :]))
    running_out = lacking.sum(axis=1) > present - elapsed + 1 - MARGIN
    pull = W_QUARTER * (lacking & running_out[:, None])
    return pull[:, state.category[np.repeat(np.arange(len(state.posts)), 2)]]


def _solve(state: State, day: date, members: np.ndarray, cost: np.ndarray, lows: np.ndarray,
           highs: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """The week's place group per member; raises PlanningImpossible naming the week and post."""
    trying: int | None = None  # a post with minimum 0 whose minimum is raised to 1 on trial
    closed: list[int] = []
    while True:
        groups = _hungarian(state, members, cost, lows, highs, slots)
        if groups is None and trying is not None:  # no regular to spare there: close its trainee places
            lows[trying], slots[trying] = 0, 0
            closed.append(trying)
            trying = None
            continue
        if groups is None:
            problem = diagnose_week(day, state.posts, [state.workers[i] for i in members])
            if problem is None:  # only the trainee-beside-a-regular rule on a post with minimum 0 is left
                post = state.posts[closed[-1]].code if closed else None
                problem = PlanningImpossible(Reason.NO_GUIDE, week=day, post=post)
            raise problem
        trying = None
        posts = groups // 2
        regular = np.bincount(posts[groups % 2 == 0], minlength=len(state.posts))
        taught = np.bincount(posts[groups % 2 == 1], minlength=len(state.posts))
        unguided = np.nonzero((taught > 0) & (regular == 0))[0]
        if not len(unguided):
            return groups
        p = int(unguided[0])
        if highs[p] >= 1:
            trying, lows[p] = p, 1
        else:
            slots[p] = 0
            closed.append(p)


def _hungarian(state: State, members: np.ndarray, cost: np.ndarray, lows: np.ndarray, highs: np.ndarray,
               slots: np.ndarray) -> np.ndarray | None:
    n = len(members)
    spare = n - int(lows.sum())
    capacity = int(highs.sum() + slots.sum())
    if spare < 0 or n > capacity:
        return None
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    optional = np.minimum(highs - lows, spare)
    trainee = np.minimum(slots, spare)
    p = len(state.posts)
    regular_groups = 2 * np.arange(p)
    columns = np.concatenate([np.repeat(regular_groups, lows), np.repeat(regular_groups, optional),
                              np.repeat(regular_groups + 1, trainee)])
    mandatory = np.zeros(len(columns), dtype=bool)
    mandatory[: int(lows.sum())] = True
    matrix = cost[:, columns] - MANDATORY * mandatory[None, :]
    matrix[~state.able[members][:, columns]] = np.inf
    try:
        rows, cols = linear_sum_assignment(matrix)
    except ValueError:  # no way to seat every member
        return None
    if len(rows) < n or mandatory[cols].sum() < mandatory.sum():
        return None
    groups = np.empty(n, dtype=np.int64)
    groups[rows] = columns[cols]
    return groups
