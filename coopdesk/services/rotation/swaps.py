"""Manual swaps: two members exchange their posts (and roles) for one week, or one hands their post to a
member who holds none that week. A swap is accepted only when it breaks no rotation rule that the week did
not already break (a leave recorded after publication, say, is what the swap is there to mend). On a
published plan the swap is recorded, with its reason, and the plan's new hash goes to the audit chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, NotFound, Problem, ProblemsFound
from coopdesk.domain.planner import WeekAssignment, check_week
from coopdesk.domain.rotation import PlanState
from coopdesk.i18n import N_, format_date
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AssignmentRecord, MemberRecord, PostRecord, SwapRecord
from coopdesk.services.audit import append_event
from coopdesk.services.rotation import _store
from coopdesk.services.rotation.dto import SWAP_REASON_MAX, SwapOutcome
from coopdesk.services.rotation.integrity import ENTITY, SWAP, plan_hash
from coopdesk.services.rotation.planning import refresh_figures


def check_swap(db: Database, *, week_start: date, first_code: str, second_code: str) -> tuple[Problem, ...]:
    """The rules this swap would break (empty when it may be made); writes nothing."""
    with db.read() as session:
        return tuple(_prepare(session, week_start, first_code, second_code).problems)


def swap_members(db: Database, *, week_start: date, first_code: str, second_code: str,
                 reason: str | None = None) -> SwapOutcome:
    """Make the swap, or raise ProblemsFound naming each rule it would break (nothing written)."""
    reason = (reason or "").strip() or None
    if reason and len(reason) > SWAP_REASON_MAX:
        raise InvalidInput(N_("The reason is longer than %(max)d characters."), max=SWAP_REASON_MAX)
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
    plan = _store.get_plan_record(session, swap.plan_id)
    recorded = plan.state is PlanState.PUBLISHED
    if recorded:
        session.add(SwapRecord(plan_id=plan.id, week_start=week_start, first_member_id=swap.member_ids[0],
                               second_member_id=swap.member_ids[1], reason=reason))
        session.flush()
        append_event(session, action=SWAP, entity=ENTITY, entity_id=plan.id,
                     after={"week": week_start.isoformat(), "first": first_code, "second": second_code,
                            "reason": reason, "record_hash": plan_hash(session, plan)})
    refresh_figures(session, plan, keep_floors=True)
    after = {row.member_code: row.post_code for row in swap.after}
    return SwapOutcome(plan_id=plan.id, week_start=week_start, first_code=first_code,
                       first_post=after.get(first_code), second_code=second_code,
                       second_post=after.get(second_code), recorded=recorded)


@dataclass
class _Swap:
    plan_id: int
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
    plans = _store.plans_overlapping(session, week_start, week_start + timedelta(days=7))
    if not plans:
        raise InvalidInput(N_("No rotation plan covers the week of %(week)s."), week=format_date(week_start))
    plan = next((p for p in plans if p.state is PlanState.PUBLISHED), plans[0])
    records = {record.member_id: record for record in session.scalars(select(AssignmentRecord).where(
        AssignmentRecord.plan_id == plan.id, AssignmentRecord.week_start == week_start))}
    first, second = records.get(ids[first_code]), records.get(ids[second_code])
    if first is None and second is None:
        raise InvalidInput(N_("Neither %(first)s nor %(second)s holds a post in the week of %(week)s."),
                           first=first_code, second=second_code, week=format_date(week_start))
    codes = dict(session.execute(select(PostRecord.id, PostRecord.code)).all())
    members = dict(session.execute(select(MemberRecord.id, MemberRecord.code).where(
        MemberRecord.id.in_([*records, ids[first_code], ids[second_code]]))).all())
    before = [WeekAssignment(week_start, codes[r.post_id], members[r.member_id], r.role) for r in records.values()]
    after = [row for row in before if row.member_code not in (first_code, second_code)]
    if first is not None:
        after.append(WeekAssignment(week_start, codes[first.post_id], second_code, first.role))
    if second is not None:
        after.append(WeekAssignment(week_start, codes[second.post_id], first_code, second.role))
    posts = _store.load_posts(session)
    active, retired = _store.specs_for(posts, before)
    workers = _store.worker_specs(session)
    already = check_week(active + retired, workers, week_start, before)
    problems = [problem for problem in check_week(active + retired, workers, week_start, after)
                if problem not in already]
    return _Swap(plan.id, (ids[first_code], ids[second_code]), first, second, sorted(after), problems)
