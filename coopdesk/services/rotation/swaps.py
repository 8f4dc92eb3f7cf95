"""Changes to a week's roster after planning: two members exchange their posts (and roles), one hands their post
to a member who holds none that week, or a member is released from the week — on leave, say, when their post
can do without them. A change is accepted only when it breaks no rotation rule that the week did not already
break (a leave recorded after publication, say, is what the change is there to mend). On a published plan the
change is recorded, with its reason, and the plan's new hash goes to the audit chain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, NotFound, Problem, ProblemsFound
from coopdesk.domain.planner import WeekAssignment, WorkerSpec, check_week
from coopdesk.domain.rotation import PlanState
from coopdesk.i18n import N_, format_date
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AssignmentRecord, MemberRecord, PostRecord, RotationPlanRecord, SwapRecord
from coopdesk.services.audit import append_event
from coopdesk.services.rotation import _store
from coopdesk.services.rotation.dto import SWAP_REASON_MAX, ReleaseOutcome, SwapOutcome
from coopdesk.services.rotation.integrity import ENTITY, RELEASE, SWAP, plan_hash
from coopdesk.services.rotation.planning import refresh_figures

STILL_AVAILABLE = N_("%(member)s can work in the week of %(week)s, and everyone who can work that week holds a "
                     "post: record their leave first.")
POST_NEEDS_THEM = N_("Post %(post)s cannot do without %(member)s in the week of %(week)s: swap them with a member "
                     "who can take the post instead.")


def check_swap(db: Database, *, week_start: date, first_code: str, second_code: str) -> tuple[Problem, ...]:
    """The rules this swap would break (empty when it may be made); writes nothing."""
    with db.read() as session:
        return tuple(_prepare(session, week_start, first_code, second_code).problems)


def swap_members(db: Database, *, week_start: date, first_code: str, second_code: str,
                 reason: str | None = None) -> SwapOutcome:
    """Make the swap, or raise ProblemsFound naming each rule it would break (nothing written)."""
    reason = _clean_reason(reason)
    with db.write() as session:
        return swap_in_session(session, week_start=week_start, first_code=first_code, second_code=second_code,
                               reason=reason)


def swap_in_session(session: Session, *, week_start: date, first_code: str, second_code: str,
                    reason: str | None = None) -> SwapOutcome:
    swap = _prepare(session, week_start, first_code, second_code)
    if swap.problems:
        raise ProblemsFound(swap.problems)
    first, second = swap.first, swap.second
    if first is not None and second is not None:
        first.post_id, second.post_id = second.post_id, first.post_id
        first.role, second.role = second.role, first.role
    elif first is not None:
        first.member_id = swap.member_ids[1]
    elif second is not None:
        second.member_id = swap.member_ids[0]
    session.flush()
    plan = swap.plan
    recorded = _record(session, plan, week_start, swap.member_ids, reason, action=SWAP,
                       details={"first": first_code, "second": second_code})
    after = {row.member_code: row.post_code for row in swap.after}
    return SwapOutcome(plan_id=plan.id, week_start=week_start, first_code=first_code,
                       first_post=after.get(first_code), second_code=second_code,
                       second_post=after.get(second_code), recorded=recorded)


def check_release(db: Database, *, week_start: date, member_code: str) -> tuple[Problem, ...]:
    """The rules taking this member off the week would break (empty when it may be done); writes nothing."""
    with db.read() as session:
        return tuple(_prepare_release(session, week_start, member_code).problems)


def release_member(db: Database, *, week_start: date, member_code: str,
                   reason: str | None = None) -> ReleaseOutcome:
    """Take the member off the week (their post stays staffed without them), or raise ProblemsFound naming each
    rule it would break (nothing written). Only a member who cannot work that week may be released."""
    reason = _clean_reason(reason)
    with db.write() as session:
        release = _prepare_release(session, week_start, member_code)
        if release.problems:
            raise ProblemsFound(release.problems)
        session.delete(release.record)
        session.flush()
        recorded = _record(session, release.plan, week_start, (release.member_id, None), reason,
                           action=RELEASE, details={"member": member_code, "post": release.post_code})
        return ReleaseOutcome(plan_id=release.plan.id, week_start=week_start, member_code=member_code,
                              post_code=release.post_code, recorded=recorded)


def _clean_reason(reason: str | None) -> str | None:
    reason = (reason or "").strip() or None
    if reason and len(reason) > SWAP_REASON_MAX:
        raise InvalidInput(N_("The reason is longer than %(max)d characters."), max=SWAP_REASON_MAX)
    return reason


def _record(session: Session, plan: RotationPlanRecord, week_start: date, member_ids: tuple[int, int | None],
            reason: str | None, *, action: str, details: Mapping[str, Any]) -> bool:
    """Measure the plan again; on a published plan, keep a record of the change and chain the plan's new hash.
    True when the change was recorded."""
    recorded = plan.state is PlanState.PUBLISHED
    if recorded:
        session.add(SwapRecord(plan_id=plan.id, week_start=week_start, first_member_id=member_ids[0],
                               second_member_id=member_ids[1], reason=reason))
        session.flush()
        append_event(session, action=action, entity=ENTITY, entity_id=plan.id,
                     after={"week": week_start.isoformat(), **details, "reason": reason,
                            "record_hash": plan_hash(session, plan)})
    refresh_figures(session, plan, keep_floors=True)
    return recorded


@dataclass
class _Week:
    """A week's roster in the plan that rules it (the published one, where there is one)."""

    plan: RotationPlanRecord
    records: dict[int, AssignmentRecord]  # member id -> their assignment
    post_codes: dict[int, str]  # post id -> code
    rows: list[WeekAssignment]


def _load_week(session: Session, week_start: date) -> _Week:
    plans = _store.plans_overlapping(session, week_start, week_start + timedelta(days=7))
    if not plans:
        raise InvalidInput(N_("No rotation plan covers the week of %(week)s."), week=format_date(week_start))
    plan = next((p for p in plans if p.state is PlanState.PUBLISHED), plans[0])
    records = {record.member_id: record for record in session.scalars(select(AssignmentRecord).where(
        AssignmentRecord.plan_id == plan.id, AssignmentRecord.week_start == week_start))}
    post_codes = dict(session.execute(select(PostRecord.id, PostRecord.code)).all())
    members = dict(session.execute(select(MemberRecord.id, MemberRecord.code).where(
        MemberRecord.id.in_(list(records)))).all())
    rows = [WeekAssignment(week_start, post_codes[r.post_id], members[r.member_id], r.role) for r in records.values()]
    return _Week(plan, records, post_codes, rows)


def _new_problems(session: Session, week_start: date, before: list[WeekAssignment], after: list[WeekAssignment],
                  workers: list[WorkerSpec]) -> list[Problem]:
    """The rules `after` breaks that `before` did not already break."""
    posts = _store.load_posts(session)
    active, retired = _store.specs_for(posts, before)
    already = check_week(active + retired, workers, week_start, before)
    return [problem for problem in check_week(active + retired, workers, week_start, after) if problem not in already]


@dataclass
class _Swap:
    plan: RotationPlanRecord
    member_ids: tuple[int, int]
    first: AssignmentRecord | None
    second: AssignmentRecord | None
    after: list[WeekAssignment]
    problems: list[Problem]


def _prepare(session: Session, week_start: date, first_code: str, second_code: str) -> _Swap:
    _store.require_monday(week_start)
    if first_code == second_code:
        raise InvalidInput(N_("A member cannot swap with themselves."))
    ids = _store.member_ids(session, [first_code, second_code])
    for code in (first_code, second_code):
        if code not in ids:
            raise NotFound(N_("There is no member with code %(code)s."), code=code)
    week = _load_week(session, week_start)
    first, second = week.records.get(ids[first_code]), week.records.get(ids[second_code])
    if first is None and second is None:
        raise InvalidInput(N_("Neither %(first)s nor %(second)s holds a post in the week of %(week)s."),
                           first=first_code, second=second_code, week=format_date(week_start))
    after = [row for row in week.rows if row.member_code not in (first_code, second_code)]
    if first is not None:
        after.append(WeekAssignment(week_start, week.post_codes[first.post_id], second_code, first.role))
    if second is not None:
        after.append(WeekAssignment(week_start, week.post_codes[second.post_id], first_code, second.role))
    problems = _new_problems(session, week_start, week.rows, after, _store.worker_specs(session))
    return _Swap(week.plan, (ids[first_code], ids[second_code]), first, second, sorted(after), problems)


@dataclass
class _Release:
    plan: RotationPlanRecord
    member_id: int
    record: AssignmentRecord
    post_code: str
    problems: list[Problem]


def _prepare_release(session: Session, week_start: date, member_code: str) -> _Release:
    _store.require_monday(week_start)
    member_id = _store.member_ids(session, [member_code]).get(member_code)
    if member_id is None:
        raise NotFound(N_("There is no member with code %(code)s."), code=member_code)
    week = _load_week(session, week_start)
    record = week.records.get(member_id)
    if record is None:
        raise InvalidInput(N_("%(member)s holds no post in the week of %(week)s."), member=member_code,
                           week=format_date(week_start))
    post = week.post_codes[record.post_id]
    workers = _store.worker_specs(session)
    after = [row for row in week.rows if row.member_code != member_code]
    problems = _new_problems(session, week_start, week.rows, after, workers)
    params = {"member": member_code, "post": post, "week": format_date(week_start)}
    post_short = any(problem.params.get("post") == post for problem in problems)
    if problems and any(w.code == member_code and w.eligible(week_start) for w in workers):
        problems.append(Problem(STILL_AVAILABLE, params))
    if post_short:
        problems.append(Problem(POST_NEEDS_THEM, params))
    return _Release(week.plan, member_id, record, post, problems)
