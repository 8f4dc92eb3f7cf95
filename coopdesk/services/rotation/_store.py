"""Reading the rotation's records as the planner and the views want them, inside the caller's unit of work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import UsageError
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.planner import PostSpec, WeekAssignment, WorkerSpec
from coopdesk.domain.rotation import PlanState, Role, is_monday
from coopdesk.i18n import N_
from coopdesk.persistence.models import (
    AssignmentRecord,
    LeaveRecord,
    MemberRecord,
    PostRecord,
    RotationPlanRecord,
    Skill,
    SwapRecord,
    member_skills,
)
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.rotation.dto import PlanInfo, Post, PostInfo

# Published weeks whose fairness counts a new plan continues: a year, so that old history does not weigh.
HISTORY_WEEKS = 52


def require_monday(day: date) -> None:
    if not is_monday(day):
        raise UsageError(N_("%(date)s is not a Monday; rotation weeks start on Mondays."), date=day.isoformat())


def week_end(start: date, weeks: int) -> date:
    """The Monday after the last week."""
    return start + timedelta(weeks=weeks)


def to_post(record: PostRecord, skill: str | None) -> Post:
    return Post(code=record.code, name=record.name, category=record.category, min_members=record.min_members,
                max_members=record.max_members, skill=skill, trainee_slots=record.trainee_slots,
                burden=record.burden, place=record.place, active=record.active, id=record.id,
                version=record.version)


def load_posts(session: Session) -> list[Post]:
    """Every post, retired ones included, by code."""
    query = (select(PostRecord, Skill.code).outerjoin(Skill, Skill.id == PostRecord.skill_id)
             .order_by(PostRecord.code))
    return [to_post(record, skill) for record, skill in session.execute(query)]


def post_info(post: Post) -> PostInfo:
    return PostInfo(code=post.code, name=post.name, category=post.category, place=post.place,
                    burden=post.burden, active=post.active)


def to_plan(record: RotationPlanRecord, swaps: int = 0) -> PlanInfo:
    return PlanInfo(id=record.id, starts_on=record.starts_on, weeks=record.weeks, seed=record.seed,
                    state=record.state, created_at=record.created_at, published_at=record.published_at,
                    swaps=swaps)


def get_plan_record(session: Session, plan_id: int) -> RotationPlanRecord:
    return get_or_not_found(session, RotationPlanRecord, plan_id, N_("There is no rotation plan with id %(id)s."))


def swap_counts(session: Session, plan_ids: Iterable[int]) -> dict[int, int]:
    ids = list(plan_ids)
    if not ids:
        return {}
    query = (select(SwapRecord.plan_id, func.count()).where(SwapRecord.plan_id.in_(ids))
             .group_by(SwapRecord.plan_id))
    return {plan_id: count for plan_id, count in session.execute(query)}


def plans_overlapping(session: Session, first: date, end: date, state: PlanState | None = None
                      ) -> list[RotationPlanRecord]:
    """Plans with a week in [first, end), by start. A plan's weeks lie in [starts_on, starts_on + weeks)."""
    query = select(RotationPlanRecord).where(RotationPlanRecord.starts_on < end).order_by(
        RotationPlanRecord.starts_on, RotationPlanRecord.id)
    if state is not None:
        query = query.where(RotationPlanRecord.state == state)
    return [plan for plan in session.scalars(query) if week_end(plan.starts_on, plan.weeks) > first]


def worker_specs(session: Session) -> list[WorkerSpec]:
    """The members the rotation plans: the workers' body, status active; with skills, joining date and leave."""
    rows = session.execute(select(MemberRecord.id, MemberRecord.code, MemberRecord.joined_on).where(
        MemberRecord.body == Body.WORKER, MemberRecord.status == MemberStatus.ACTIVE)).all()
    ids = [member_id for member_id, _code, _joined in rows]
    skills: dict[int, set[str]] = defaultdict(set)
    leaves: dict[int, list[tuple[date, date]]] = defaultdict(list)
    if ids:
        for member_id, code in session.execute(
                select(member_skills.c.member_id, Skill.code).join(Skill, Skill.id == member_skills.c.skill_id)):
            skills[member_id].add(code)
        for member_id, starts, ends in session.execute(
                select(LeaveRecord.member_id, LeaveRecord.starts_on, LeaveRecord.ends_on)
                .order_by(LeaveRecord.starts_on)):
            leaves[member_id].append((starts, ends))
    return sorted((WorkerSpec(code=code, skills=frozenset(skills[member_id]), joined_on=joined,
                              leaves=tuple(leaves[member_id]))
                   for member_id, code, joined in rows), key=lambda w: w.code)


def member_names(session: Session, codes: Iterable[str] | None = None) -> dict[str, str]:
    query = select(MemberRecord.code, MemberRecord.full_name)
    if codes is not None:
        wanted = sorted(set(codes))
        if not wanted:
            return {}
        query = query.where(MemberRecord.code.in_(wanted))
    return dict(session.execute(query).all())


def member_ids(session: Session, codes: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    return dict(session.execute(select(MemberRecord.code, MemberRecord.id).where(MemberRecord.code.in_(wanted))).all())


def assignment_query() -> Select[Any]:
    """(plan id, plan state, week, post code, member code, role) of every assignment."""
    plan = RotationPlanRecord
    return (select(AssignmentRecord.plan_id, plan.state, AssignmentRecord.week_start, PostRecord.code,
                   MemberRecord.code, AssignmentRecord.role)
            .join(plan, plan.id == AssignmentRecord.plan_id)
            .join(PostRecord, PostRecord.id == AssignmentRecord.post_id)
            .join(MemberRecord, MemberRecord.id == AssignmentRecord.member_id))


def assignments(session: Session, *, first: date | None = None, end: date | None = None,
                plan_id: int | None = None, state: PlanState | None = None,
                member_code: str | None = None) -> list[tuple[int, PlanState, WeekAssignment]]:
    """Assignments with their plan, sorted by week, post, role and member."""
    query = assignment_query()
    conditions = []
    if first is not None:
        conditions.append(AssignmentRecord.week_start >= first)
    if end is not None:
        conditions.append(AssignmentRecord.week_start < end)
    if plan_id is not None:
        conditions.append(AssignmentRecord.plan_id == plan_id)
    if member_code is not None:
        conditions.append(MemberRecord.code == member_code)
    if state is not None:
        conditions.append(RotationPlanRecord.state == state)
    if conditions:
        query = query.where(and_(*conditions))
    rows = [(plan, PlanState(state_), WeekAssignment(week, post, member, Role(role)))
            for plan, state_, week, post, member, role in session.execute(query)]
    rows.sort(key=lambda row: (row[2].week_start, row[2].post_code, row[2].role is not Role.REGULAR,
                               row[2].member_code))
    return rows


def published_history(session: Session, before: date) -> list[WeekAssignment]:
    """Published assignments of the HISTORY_WEEKS weeks before `before` (a new plan's fairness continues them)."""
    first = before - timedelta(weeks=HISTORY_WEEKS)
    return [row for _plan, _state, row in
            assignments(session, first=first, end=before, state=PlanState.PUBLISHED)]


def specs_for(posts: list[Post], rows: Iterable[WeekAssignment]) -> tuple[list[PostSpec], list[PostSpec]]:
    """(active posts, retired posts that `rows` mention) as the planner takes them."""
    used = {row.post_code for row in rows}
    active = [post.spec() for post in posts if post.active]
    retired = [post.spec() for post in posts if not post.active and post.code in used]
    return active, retired

