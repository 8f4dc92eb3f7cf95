"""What the rotation planner takes and gives: frozen, plain data (the service maps records to these)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from coopdesk.domain.rotation import Category, Role
from coopdesk.i18n import Translator


@dataclass(frozen=True)
class PostSpec:
    """A post as the planner sees it. `skill` is what a regular member must hold; trainees lack it."""

    code: str
    name: str
    category: Category
    min: int = 1
    max: int = 1
    skill: str | None = None
    trainee_slots: int = 0
    burden: int = 1

    @property
    def takes_trainees(self) -> bool:
        # Trainees are members *without* the skill, so a post that asks for none has no trainee places.
        return self.skill is not None and self.trainee_slots > 0

    def may_hold(self, skills: frozenset[str], role: Role) -> bool:
        if role is Role.REGULAR:
            return self.skill is None or self.skill in skills
        return self.takes_trainees and self.skill not in skills


@dataclass(frozen=True)
class WorkerSpec:
    """An active member of the workers' body. `leaves` are inclusive (from, to) date ranges. `learn` and `avoid`
    are the member's wishes (post codes): soft preferences the planner follows only where fairness is unchanged."""

    code: str
    skills: frozenset[str] = frozenset()
    joined_on: date = date.min
    leaves: tuple[tuple[date, date], ...] = ()
    learn: frozenset[str] = frozenset()
    avoid: frozenset[str] = frozenset()

    def eligible(self, monday: date) -> bool:
        """Joined by that Monday and no leave overlapping the Monday–Sunday week."""
        if self.joined_on > monday:
            return False
        sunday = monday + timedelta(days=6)
        return not any(begins <= sunday and ends >= monday for begins, ends in self.leaves)


@dataclass(frozen=True, order=True)
class WeekAssignment:
    """One member's post in one week: a row of `rotation export`."""

    week_start: date
    post_code: str
    member_code: str
    role: Role = Role.REGULAR


@dataclass(frozen=True)
class PlannedWeek:
    week_start: date
    assignments: tuple[WeekAssignment, ...]

    def post_of(self, member_code: str) -> WeekAssignment | None:
        return next((a for a in self.assignments if a.member_code == member_code), None)


@dataclass(frozen=True)
class MemberFigures:
    """One member's row of the fairness report."""

    member_code: str
    weeks: int
    category_weeks: Mapping[Category, int]
    fair_share: Mapping[Category, float]  # τ = weeks × N_c / A
    burden_points: int
    burden_fair_share: float  # weeks × B / A
    trainee_weeks: int
    distinct_posts: int

    @property
    def average_burden(self) -> float:
        return self.burden_points / self.weeks if self.weeks else 0.0

    def deviation(self, category: Category) -> float:
        return self.category_weeks[category] - self.fair_share[category]


@dataclass(frozen=True)
class TrainingAdvice:
    """Training `members` more members in `skill` would lower the skill-aware floor from `before` to `after`."""

    skill: str
    members: int
    before: float
    after: float

    def message(self, translator: Translator | None = None) -> str:
        """The advice in the current language, or in `translator`'s."""
        from coopdesk.domain.planner.fairness import render_training_advice

        return render_training_advice(self, translator)


@dataclass(frozen=True)
class Figures:
    """Fairness of a set of weeks, each figure beside its floor (the least any plan could reach).

    Categories: τ(w, c) = a_w × N_c / A with a_w the member's weeks, N_c the weeks worked in c (trainee
    weeks included) and A all weeks; `category_deviation` = max |weeks in c − τ| over members and categories.
    Burden: β(w) = a_w × B / A with B all burden points; `burden_deviation` = max |points − β| (in points).
    `burden_spread` = max − min average burden per week among members with ≥ 12 weeks (as the checker).
    `quarter_misses`: (member, quarter, category) where a member present 8 weeks or more of a calendar
    quarter, with a fair share of at least one week of the category there, did none (see `fairness`).
    """

    weeks: int
    members: int
    assignments: int
    category_totals: Mapping[Category, int]
    category_deviation: float
    category_floor: float  # closed form, skill-blind
    category_skill_floor: float | None  # from counts per member and post; None when not computed
    burden_deviation: float
    burden_floor: float  # closed form on burden points
    burden_skill_floor: float | None  # linear programme over counts per member and post; None when not computed
    burden_spread: float | None
    administrative_share_spread: float | None
    never_did_a_category: int  # members with ≥ 12 weeks missing a category the plan has
    quarter_misses: int  # the quarter rule missed: (member, quarter, category)
    consecutive_repeats: int
    variety_mean: float  # distinct posts per member
    variety_min: int
    variety_short: int  # members below min(12, weeks, posts open to them) distinct posts
    trainee_weeks: int
    per_member: tuple[MemberFigures, ...] = ()
    training: tuple[TrainingAdvice, ...] = field(default=())

    @property
    def floor(self) -> float:
        """The floor that applies to `category_deviation`: the skill-aware one when known."""
        return self.category_floor if self.category_skill_floor is None else self.category_skill_floor

    @property
    def burden_target(self) -> float:
        """The floor that applies to `burden_deviation`: the skill-aware one when known."""
        return self.burden_floor if self.burden_skill_floor is None else self.burden_skill_floor

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready figures (what the plan record stores and the CLI prints)."""
        return {
            "weeks": self.weeks,
            "members": self.members,
            "assignments": self.assignments,
            "category_totals": {str(c): n for c, n in self.category_totals.items()},
            "max_category_deviation": round(self.category_deviation, 3),
            "deviation_floor": round(self.category_floor, 3),
            "skill_floor": None if self.category_skill_floor is None else round(self.category_skill_floor, 3),
            "max_burden_deviation": round(self.burden_deviation, 3),
            "burden_floor": round(self.burden_floor, 3),
            "burden_skill_floor": None if self.burden_skill_floor is None else round(self.burden_skill_floor, 3),
            "burden_spread": None if self.burden_spread is None else round(self.burden_spread, 3),
            "admin_share_spread": (None if self.administrative_share_spread is None
                                   else round(self.administrative_share_spread, 3)),
            "never_did_a_category": self.never_did_a_category,
            "quarter_misses": self.quarter_misses,
            "consecutive_repeats": self.consecutive_repeats,
            "variety": round(self.variety_mean, 2),
            "variety_min": self.variety_min,
            "variety_short": self.variety_short,
            "trainee_weeks": self.trainee_weeks,
            "training": [{"skill": t.skill, "members": t.members, "before": round(t.before, 3),
                          "after": round(t.after, 3)} for t in self.training],
        }


@dataclass(frozen=True)
class WishesMet:
    """How many wishes a plan met: a wish to learn a post is met when the member holds it (as a regular member or
    a trainee) at least one planned week; a wish to avoid one, when the member holds it in none."""

    learn: int = 0
    learn_met: int = 0
    avoid: int = 0
    avoid_met: int = 0

    @property
    def wishes(self) -> int:
        return self.learn + self.avoid

    @property
    def met(self) -> int:
        return self.learn_met + self.avoid_met

    def as_dict(self) -> dict[str, int]:
        return {"learn": self.learn, "learn_met": self.learn_met, "avoid": self.avoid, "avoid_met": self.avoid_met}


def wishes_met(workers: Sequence[WorkerSpec], assignments: Iterable[WeekAssignment]) -> WishesMet:
    """Count the wishes of `workers` that these (planned) assignments met; members who hold no week count not."""
    held: dict[str, set[str]] = {}
    for row in assignments:
        held.setdefault(row.member_code, set()).add(row.post_code)
    learn = learn_met = avoid = avoid_met = 0
    for worker in workers:
        posts = held.get(worker.code)
        if posts is None:
            continue
        learn += len(worker.learn)
        learn_met += len(worker.learn & posts)
        avoid += len(worker.avoid)
        avoid_met += len(worker.avoid - posts)
    return WishesMet(learn, learn_met, avoid, avoid_met)


@dataclass(frozen=True)
class Plan:
    start: date
    seed: int
    weeks: tuple[PlannedWeek, ...]
    figures: Figures  # over the history passed in and the planned weeks together
    wishes: WishesMet = field(default_factory=lambda: WishesMet())  # the members' wishes the planned weeks met

    @property
    def assignments(self) -> tuple[WeekAssignment, ...]:
        return tuple(a for week in self.weeks for a in week.assignments)

    def week(self, monday: date) -> PlannedWeek:
        for week in self.weeks:
            if week.week_start == monday:
                return week
        raise KeyError(monday)
