"""What the rotation services hand to the CLI and the GUI: frozen, plain data (never a Session or a record)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from coopdesk.domain.errors import Problem
from coopdesk.domain.members import CODE_MAX, NAME_MAX, SKILL_MAX
from coopdesk.domain.planner import Figures, MemberFigures, PostSpec, WishesMet
from coopdesk.domain.roster import (  # noqa: F401 - re-exported: the services' DTOs
    Leave,
    MemberSchedule,
    MemberWeek,
    PostInfo,
    RosterEntry,
    RosterGrid,
    RosterWeek,
)
from coopdesk.domain.rotation import BURDEN_MAX, BURDEN_MIN, Category, PlanState, mondays
from coopdesk.i18n import N_

PLACE_MAX = 200
REASON_MAX = 300
SWAP_REASON_MAX = 500
_SKILL = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class PostDraft:
    """A post as typed in the posts editor or read from a file, before it is stored."""

    code: str
    name: str
    category: Category
    min_members: int = 1
    max_members: int = 1
    skill: str | None = None
    trainee_slots: int = 0
    burden: int = 1
    place: str | None = None  # where the work happens: shown in the member view and the calendar
    active: bool = True  # a retired post keeps its history but is planned no more


@dataclass(frozen=True)
class Post(PostDraft):
    id: int = 0
    version: int = 1

    def spec(self) -> PostSpec:
        return PostSpec(code=self.code, name=self.name, category=self.category, min=self.min_members,
                        max=self.max_members, skill=self.skill, trainee_slots=self.trainee_slots,
                        burden=self.burden)


def validate_post(draft: PostDraft) -> list[Problem]:
    """Every problem with a post's fields, each naming its field (as `column`, the CSV column name)."""
    problems: list[Problem] = []

    def bad(column: str, message: str, **params: object) -> None:
        problems.append(Problem(message, dict(params), column=column))

    if not draft.code:
        bad("code", N_("a value is required"))
    elif len(draft.code) > CODE_MAX:
        bad("code", N_("the code is longer than %(max)d characters"), max=CODE_MAX)
    elif any(ch.isspace() for ch in draft.code):
        bad("code", N_("the code may not contain spaces"))
    if not draft.name.strip():
        bad("name", N_("the name is required"))
    elif len(draft.name) > NAME_MAX:
        bad("name", N_("the name is longer than %(max)d characters"), max=NAME_MAX)
    if draft.min_members < 0:
        bad("min", N_("'%(value)s' is less than %(min)d"), value=draft.min_members, min=0)
    if draft.max_members < max(draft.min_members, 1):
        bad("max", N_("the maximum (%(max)d) must be at least the minimum (%(min)d) and at least 1"),
            max=draft.max_members, min=draft.min_members)
    if draft.skill is not None and (not _SKILL.match(draft.skill) or len(draft.skill) > SKILL_MAX):
        bad("skill", N_("'%(value)s' is not a valid skill code"), value=draft.skill)
    if draft.trainee_slots < 0:
        bad("trainee_slots", N_("'%(value)s' is less than %(min)d"), value=draft.trainee_slots, min=0)
    if not BURDEN_MIN <= draft.burden <= BURDEN_MAX:
        bad("burden", N_("'%(value)s' is not between %(min)d and %(max)d"), value=draft.burden,
            min=BURDEN_MIN, max=BURDEN_MAX)
    if draft.place and len(draft.place) > PLACE_MAX:
        bad("place", N_("the place is longer than %(max)d characters"), max=PLACE_MAX)
    return problems


@dataclass(frozen=True)
class PostImportSummary:
    created: int
    updated: int
    unchanged: int



@dataclass(frozen=True)
class LeaveConflict:
    """A leave that falls on a published week where the member holds a post: the member is released from the week
    (when the post can do without them) or swapped."""

    member_code: str
    week_start: date
    post_code: str


@dataclass(frozen=True)
class LeaveImportSummary:
    created: int
    updated: int
    unchanged: int
    conflicts: tuple[LeaveConflict, ...] = ()


@dataclass(frozen=True)
class PlanInfo:
    id: int
    starts_on: date
    weeks: int
    seed: int
    state: PlanState
    created_at: datetime | None = None
    published_at: datetime | None = None
    swaps: int = 0

    @property
    def published(self) -> bool:
        return self.state is PlanState.PUBLISHED

    @property
    def mondays(self) -> list[date]:
        return mondays(self.starts_on, self.weeks)

    @property
    def ends_on(self) -> date:
        """The plan's last Sunday."""
        return self.starts_on + timedelta(weeks=self.weeks, days=-1)


@dataclass(frozen=True)
class PlanOutcome:
    """What `rotation plan` made: the new draft, its figures (published history included) and what it replaced."""

    plan: PlanInfo
    figures: Figures
    names: Mapping[str, str]  # member code -> full name, for the per-member rows
    kept_weeks: tuple[date, ...] = ()  # published weeks of the asked range, left as they were
    history_weeks: int = 0  # published weeks before the plan whose fairness counts it continues
    replaced: tuple[int, ...] = ()  # ids of draft plans cut or removed for these weeks
    assignments: int = 0  # rows of the new plan
    members: int = 0  # members with a post in it
    wishes: WishesMet = field(default_factory=WishesMet)  # the members' wishes the plan met


@dataclass(frozen=True)
class FairnessView:
    """A plan's figures for the fairness panel and chart (stacked bars per member)."""

    plan: PlanInfo
    summary: Mapping[str, object]  # Figures.as_dict() form: each figure beside its floor
    per_member: tuple[MemberFigures, ...]
    names: Mapping[str, str]
    wishes: WishesMet = field(default_factory=WishesMet)  # the members' wishes the plan meets as it stands


@dataclass(frozen=True)
class FigureLine:
    """One line of the fairness report: a translated label, the value and the floor it is measured against."""

    label: str
    value: str
    floor: str | None = None








@dataclass(frozen=True)
class SwapOutcome:
    """A swap made: each member's post after it (None when the member now holds no post that week)."""

    plan_id: int
    week_start: date
    first_code: str
    first_post: str | None
    second_code: str
    second_post: str | None
    recorded: bool  # a published plan keeps a record of it


@dataclass(frozen=True)
class ReleaseOutcome:
    """A member taken off a week (on leave, their post could do without them): the post they left."""

    plan_id: int
    week_start: date
    member_code: str
    post_code: str
    recorded: bool  # a published plan keeps a record of it
