"""The rotation as people read it: the roster grid (weeks × posts, names in cells), a member's weeks (what,
where, with whom) and their leave. Plain data shared by the services, the GUI and the roster report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from coopdesk.domain.rotation import Category, Role


@dataclass(frozen=True)
class Leave:
    id: int
    member_id: int
    member_code: str
    member_name: str
    starts_on: date
    ends_on: date  # inclusive
    reason: str | None = None


@dataclass(frozen=True)
class RosterEntry:
    member_code: str
    full_name: str
    role: Role = Role.REGULAR


@dataclass(frozen=True)
class PostInfo:
    code: str
    name: str
    category: Category
    place: str | None = None
    burden: int = 1
    active: bool = True


@dataclass(frozen=True)
class RosterWeek:
    week_start: date
    plan_id: int | None
    published: bool
    cells: Mapping[str, tuple[RosterEntry, ...]] = field(default_factory=dict)  # post code -> people
    tasks: Mapping[str, str] = field(default_factory=dict)  # post code -> what the post does that week

    def people(self, post_code: str) -> tuple[RosterEntry, ...]:
        return self.cells.get(post_code, ())


@dataclass(frozen=True)
class RosterGrid:
    """Weeks × posts with the people in each cell (a week without a plan has no cells)."""

    start: date
    weeks: tuple[RosterWeek, ...]
    posts: tuple[PostInfo, ...]

    @property
    def planned(self) -> bool:
        return any(week.cells for week in self.weeks)


@dataclass(frozen=True)
class MemberWeek:
    """One week of a member's schedule: what, where, with whom."""

    week_start: date
    post: PostInfo
    role: Role
    published: bool
    companions: tuple[RosterEntry, ...] = ()
    task: str | None = None  # what the post does that week

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


@dataclass(frozen=True)
class MemberSchedule:
    member_code: str
    full_name: str
    weeks: tuple[MemberWeek, ...]
    leaves: tuple[Leave, ...] = ()
