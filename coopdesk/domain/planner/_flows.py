"""The skill-aware floor: least δ for which counts per member and post exist that respect the skills.

Relaxation: forget the weeks and keep only how many weeks each member spends on each post. A plan gives
a flow  source → member (exactly a_w) → member×category (between ⌈τ−δ⌉⁺ and ⌊τ+δ⌋) → post as regular
(members holding its skill) or as trainee (members lacking it) → category (exactly N_c) → sink, with each
post's regular weeks between weeks×min and weeks×max and its trainee weeks at most weeks×slots. If no such
flow exists for δ, no plan reaches Δcat ≤ δ: the least feasible δ is a lower bound (integral, since
flows with integer bounds have integral solutions). Feasibility is monotone in δ, so a binary search over
the values |k − τ| where a bound changes finds it. When the plan continues published weeks, a member's
weeks there are kept (at least that many on each post): the floor is then the least any continuation of
those weeks can reach, higher than a fresh plan's when the published weeks lean one way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import maximum_flow

EPS = 1e-9


@dataclass(frozen=True)
class Relaxation:
    weeks: Sequence[int]  # a_w per member
    tau: Sequence[Sequence[float]]  # τ per member and category
    options: Sequence[frozenset[int]]  # place nodes (post×role) each member may use
    place_category: Sequence[int]
    place_bounds: Sequence[tuple[int, int]]  # (least, most) weeks in all on each place
    totals: Sequence[int]  # N_c
    # weeks each member already holds on each place in published weeks, which a re-plan keeps (none: all free)
    fixed: Sequence[Mapping[int, int]] = ()

    def with_options(self, options: Sequence[frozenset[int]]) -> Relaxation:
        return replace(self, options=options)

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(member, place) pairs a member's weeks may go to, with the least and most weeks on each: the
        published weeks are kept, the rest may go to any place the member may take."""
        pairs, least, most = [], [], []
        for i, options in enumerate(self.options):
            kept = self.fixed[i] if self.fixed else {}
            free = self.weeks[i] - sum(kept.values())
            for j in sorted(options | kept.keys()):
                pairs.append((i, j))
                least.append(kept.get(j, 0))
                most.append(kept.get(j, 0) + (free if j in options else 0))
        return (np.array(pairs, dtype=np.int64).reshape(-1, 2), np.array(least, dtype=np.int64),
                np.array(most, dtype=np.int64))


def breakpoints(problem: Relaxation) -> list[float]:
    """The values of δ where some member×category bound changes: |k − τ| for k = 0 … a_w."""
    return sorted({abs(k - t) for a, taus in zip(problem.weeks, problem.tau, strict=True)
                   for t in taus for k in range(0, a + 1)})


def least_delta(problem: Relaxation, low: float, high: float, points: Sequence[float] | None = None) -> float:
    """The least δ in [low, high] at which the relaxation is feasible (high itself when none below is)."""
    points = breakpoints(problem) if points is None else points
    candidates = [d for d in points if low - EPS <= d < high - EPS] + [high]
    graph = _Graph(problem)
    lo, hi = 0, len(candidates) - 1
    if graph.feasible(candidates[lo]):
        return candidates[lo]
    while hi - lo > 1:  # invariant: candidates[lo] infeasible, candidates[hi] feasible (or the cap)
        mid = (lo + hi) // 2
        if graph.feasible(candidates[mid]):
            hi = mid
        else:
            lo = mid
    return candidates[hi]


class _Graph:
    """The flow network of a relaxation as arrays; only the member×category bounds change with δ."""

    def __init__(self, problem: Relaxation) -> None:
        n, places = len(problem.weeks), len(problem.place_category)
        self.source, self.sink, self.super_source, self.super_sink = 0, 1, 2, 3
        member, member_cat = 4, 4 + n
        place = member_cat + 3 * n
        category = place + places
        self.nodes = category + 3
        weeks = np.asarray(problem.weeks, dtype=np.int64)
        place_cat = np.asarray(problem.place_category, dtype=np.int64).reshape(places)
        bounds = np.asarray(problem.place_bounds, dtype=np.int64).reshape(places, 2)
        totals = np.asarray(problem.totals, dtype=np.int64)
        pairs, least, most = problem.edges()
        parts = [  # (from, to, least, most) of the fixed edges
            (np.full(n, self.source), member + np.arange(n), weeks, weeks),
            (member_cat + 3 * pairs[:, 0] + place_cat[pairs[:, 1]], place + pairs[:, 1], least, most),
            (place + np.arange(places), category + place_cat, bounds[:, 0], bounds[:, 1]),
            (category + np.arange(3), np.full(3, self.sink), totals, totals),
            (np.array([self.sink]), np.array([self.source]), np.zeros(1), np.array([weeks.sum() + 1])),
        ]
        self.frm, self.to, self.least, self.most = (np.concatenate([np.asarray(p[k], dtype=np.int64) for p in parts])
                                                    for k in range(4))
        self.cat_frm = np.repeat(member + np.arange(n), 3)
        self.cat_to = member_cat + np.arange(3 * n)
        self.tau = np.asarray(problem.tau, dtype=np.float64).reshape(n, 3).ravel()
        self.cap = np.repeat(weeks, 3)

    def feasible(self, delta: float) -> bool:
        least = np.maximum(0, np.ceil(self.tau - delta - EPS)).astype(np.int64)
        most = np.minimum(self.cap, np.floor(self.tau + delta + EPS)).astype(np.int64)
        frm = np.concatenate([self.frm, self.cat_frm])
        to = np.concatenate([self.to, self.cat_to])
        low = np.concatenate([self.least, least])
        high = np.concatenate([self.most, most])
        if (high < low).any():
            return False
        # lower bounds become demands met from a super source and sink (the usual circulation)
        inflow = np.bincount(to, weights=low, minlength=self.nodes)
        excess = (inflow - np.bincount(frm, weights=low, minlength=self.nodes)).astype(np.int64)
        spare = high > low
        supply, demand = np.nonzero(excess > 0)[0], np.nonzero(excess < 0)[0]
        rows = np.concatenate([frm[spare], np.full(len(supply), self.super_source), demand])
        cols = np.concatenate([to[spare], supply, np.full(len(demand), self.super_sink)])
        caps = np.concatenate([(high - low)[spare], excess[supply], -excess[demand]]).astype(np.int32)
        graph = coo_matrix((caps, (rows, cols)), shape=(self.nodes, self.nodes)).tocsr()
        return maximum_flow(graph, self.super_source, self.super_sink).flow_value == int(excess[supply].sum())


def burden_floor(problem: Relaxation, place_burden: Sequence[int], beta: Sequence[float], points: int) -> float:
    """Least max |points_w − β_w| over the same counts per member and place, as a linear programme.

    The LP optimum δ_LP bounds every plan from below; a plan's maximum is |k − β_w| for some member and
    integer k, so the floor is the least such value ≥ δ_LP (at least the closed form's, applied after).
    """
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    edges, least, most = problem.edges()
    if not len(edges):
        return 0.0
    n, places, size = len(problem.weeks), len(problem.place_category), len(edges) + 1
    member, place = edges[:, 0], edges[:, 1]
    load = np.asarray(place_burden, dtype=np.float64)[place]
    column = np.arange(len(edges))
    delta = len(edges)
    # equalities: each member's weeks, each category's total, all the points
    eq = [(member, column, np.ones(len(edges))),
          (n + np.asarray(problem.place_category)[place], column, np.ones(len(edges))),
          (np.full(len(edges), n + 3), column, load)]
    rows, cols, vals = (np.concatenate(parts) for parts in zip(*eq, strict=True))
    a_eq = csr_matrix((vals, (rows, cols)), shape=(n + 4, size))
    b_eq = np.concatenate([np.asarray(problem.weeks, dtype=np.float64), np.asarray(problem.totals, dtype=np.float64),
                           [points]])
    # inequalities: points_w − δ ≤ β_w, −points_w − δ ≤ −β_w, and each place's least/most weeks
    ub = [(member, column, load), (np.arange(n), np.full(n, delta), -np.ones(n)),
          (n + member, column, -load), (n + np.arange(n), np.full(n, delta), -np.ones(n)),
          (2 * n + place, column, np.ones(len(edges))), (2 * n + places + place, column, -np.ones(len(edges)))]
    rows, cols, vals = (np.concatenate(parts) for parts in zip(*ub, strict=True))
    a_ub = csr_matrix((vals, (rows, cols)), shape=(2 * n + 2 * places, size))
    bounds = np.asarray(problem.place_bounds, dtype=np.float64).reshape(places, 2)
    b_ub = np.concatenate([np.asarray(beta), -np.asarray(beta), bounds[:, 1], -bounds[:, 0]])
    cost = np.zeros(size)
    cost[delta] = 1.0
    limits = np.column_stack([np.append(least, 0.0), np.append(most.astype(np.float64), np.inf)])
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=limits, method="highs")
    if result.status != 0:
        return 0.0
    lowest = float(result.x[delta]) - 1e-7
    return min(min(math.ceil(b + lowest) - b, b - math.floor(b - lowest)) for b in beta)
