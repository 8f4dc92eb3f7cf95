"""Planning, publishing and listing rotation plans; each plan's fairness figures.

`rotation plan` replaces the unpublished plans of the asked weeks (cutting a draft that reaches outside
them) and keeps the published weeks: when the asked range begins with published weeks, the new plan starts
after them, and its fairness counts continue from the published weeks of the year before. Planning runs in
the write unit of work, so an impossible week leaves the database as it was. Publishing freezes a plan:
its content hash goes to the audit chain, and every later change is a recorded swap.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound, UsageError
from coopdesk.domain.planner import Figures, WeekAssignment, check_week, measure
from coopdesk.domain.planner import plan_rotation as run_planner
from coopdesk.domain.planner.planner import MAX_WEEKS
from coopdesk.domain.rotation import PlanState, mondays
from coopdesk.i18n import N_, format_date
from coopdesk.persistence.base import utcnow
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AssignmentRecord, RotationPlanRecord
from coopdesk.services.audit import append_event
from coopdesk.services.rotation import _store
from coopdesk.services.rotation.decisions import decide_plan
from coopdesk.services.rotation.dto import FairnessView, PlanInfo, PlanOutcome
from coopdesk.services.rotation.integrity import PUBLISH, plan_hash
from coopdesk.services.rotation.wishes import plan_wishes_met, with_wishes

Progress = Callable[[int, int], None]
DISCARD = "plan-discard"


def plan_rotation(db: Database, *, start: date, weeks: int, seed: int = 1,
                  progress: Progress | None = None) -> PlanOutcome:
    """Plan `weeks` weeks from the Monday `start` as a draft (see the module's note); raises UsageError for a
    bad start or length, PlanningImpossible naming the week, the post and the reason — nothing written."""
    _check_range(start, weeks)
    with db.write() as session:
        return plan_in_session(session, start=start, weeks=weeks, seed=seed, progress=progress)


def plan_in_session(session: Session, *, start: date, weeks: int, seed: int = 1,
                    progress: Progress | None = None) -> PlanOutcome:
    """`plan_rotation` inside the caller's unit of work (the demo plans its quarter this way)."""
    _check_range(start, weeks)
    end = _store.week_end(start, weeks)
    published = {monday for plan in _store.plans_overlapping(session, start, end, PlanState.PUBLISHED)
                 for monday in mondays(plan.starts_on, plan.weeks)}
    asked = mondays(start, weeks)
    kept = [monday for monday in asked if monday in published]
    todo = [monday for monday in asked if monday not in published]
    if not todo:
        raise InvalidInput(N_("Every week from %(start)s to %(end)s is published already; nothing to plan."),
                           start=format_date(start), end=format_date(asked[-1]))
    first = todo[0]
    inside = [monday for monday in kept if monday > first]
    if inside:
        raise InvalidInput(N_("The week of %(week)s is published: a plan cannot run across published weeks. "
                              "Plan the weeks before it, or start after it."), week=format_date(inside[0]))
    replaced = _cut_drafts(session, first, end)
    posts = _store.load_posts(session)
    if not any(post.active for post in posts):
        raise InvalidInput(N_("There are no rotation posts to plan; add or import posts first."))
    history = _store.published_history(session, first)
    active, retired = _store.specs_for(posts, history)
    workers = with_wishes(session, _store.worker_specs(session))
    plan = run_planner(active, workers, first, len(todo), seed, history, retired_posts=retired, progress=progress)
    history_weeks = len({row.week_start for row in history})
    record = RotationPlanRecord(starts_on=first, weeks=len(todo), seed=seed, state=PlanState.DRAFT,
                                figures=_figures_json(plan.figures.as_dict(), history_weeks))
    session.add(record)
    session.flush()
    _insert(session, record.id, plan.assignments, {post.code: post.id for post in posts})
    codes = {row.member_code for row in plan.assignments} | {row.member_code for row in history}
    return PlanOutcome(plan=_store.to_plan(record), figures=plan.figures, names=_store.member_names(session, codes),
                       kept_weeks=tuple(kept), history_weeks=history_weeks, replaced=tuple(replaced),
                       assignments=len(plan.assignments),
                       members=len({row.member_code for row in plan.assignments}), wishes=plan.wishes)


def publish_plan(db: Database, *, plan_id: int, motion_id: int | None = None) -> PlanInfo:
    """Freeze a draft: every week must still keep the rules (leave or members may have changed since). With
    `motion_id`, the passed motion that adopted it — required when plans need a decision of the council."""
    with db.write() as session:
        return publish_in_session(session, plan_id=plan_id, motion_id=motion_id)


def publish_in_session(session: Session, *, plan_id: int, motion_id: int | None = None) -> PlanInfo:
    record = _store.get_plan_record(session, plan_id)
    if record.state is PlanState.PUBLISHED:
        raise InvalidInput(N_("Plan %(id)s is published already."), id=plan_id)
    decision = decide_plan(session, plan=record, motion_id=motion_id)
    rows = [row for _plan, _state, row in _store.assignments(session, plan_id=plan_id)]
    posts = _store.load_posts(session)
    active, retired = _store.specs_for(posts, rows)
    workers = _store.worker_specs(session)
    problems: list[Problem] = []
    for monday in mondays(record.starts_on, record.weeks):
        problems += check_week(active + retired, workers, monday, [r for r in rows if r.week_start == monday])
    if problems:
        problems.append(Problem(N_("Plan %(id)s no longer keeps the rotation rules; plan these weeks again."),
                                {"id": plan_id}))
        raise ProblemsFound(problems)
    record.state = PlanState.PUBLISHED
    record.published_at = utcnow()
    session.flush()
    after = {"starts_on": record.starts_on.isoformat(), "weeks": record.weeks,
             "record_hash": plan_hash(session, record)}
    if decision is not None:
        after["motion_id"] = decision.motion_id
    append_event(session, action=PUBLISH, entity="rotation_plan", entity_id=record.id, after=after)
    return _store.to_plan(record)


def discard_plan(db: Database, *, plan_id: int) -> None:
    """Throw a draft away with its assignments; a published plan is frozen (changes to it are recorded swaps)."""
    with db.write() as session:
        record = _store.get_plan_record(session, plan_id)
        if record.state is PlanState.PUBLISHED:
            raise InvalidInput(N_("Plan %(id)s is published and cannot be discarded: published plans are frozen, "
                                  "and every change to them is a recorded swap."), id=plan_id)
        before = {"starts_on": record.starts_on.isoformat(), "weeks": record.weeks}
        session.execute(delete(AssignmentRecord).where(AssignmentRecord.plan_id == plan_id))
        session.delete(record)
        session.flush()
        append_event(session, action=DISCARD, entity="rotation_plan", entity_id=plan_id, before=before)


def list_plans(db: Database, *, first: date | None = None, end: date | None = None) -> list[PlanInfo]:
    """Plans by start date (those with a week in [first, end) when given)."""
    with db.read() as session:
        if first is None and end is None:
            records = list(session.scalars(select(RotationPlanRecord).order_by(RotationPlanRecord.starts_on)))
        else:
            records = _store.plans_overlapping(session, first or date.min, end or date.max)
        counts = _store.swap_counts(session, [record.id for record in records])
        return [_store.to_plan(record, counts.get(record.id, 0)) for record in records]


def get_plan(db: Database, plan_id: int) -> PlanInfo:
    with db.read() as session:
        record = _store.get_plan_record(session, plan_id)
        return _store.to_plan(record, _store.swap_counts(session, [plan_id]).get(plan_id, 0))


def plan_fairness(db: Database, *, plan_id: int) -> FairnessView:
    """The plan's figures as stored (each beside its floor) and its per-member rows as they are now, swaps
    included; rows count the published weeks before the plan, as the planner did."""
    with db.read() as session:
        record = _store.get_plan_record(session, plan_id)
        figures = _measure(session, record, skill_floor=False)
        summary = json.loads(record.figures) if record.figures else figures.as_dict()
        codes = [member.member_code for member in figures.per_member]
        return FairnessView(plan=_store.to_plan(record, _store.swap_counts(session, [plan_id]).get(plan_id, 0)),
                            summary=summary, per_member=figures.per_member,
                            names=_store.member_names(session, codes),
                            wishes=plan_wishes_met(session, plan_id=plan_id))


def refresh_figures(session: Session, record: RotationPlanRecord, *, keep_floors: bool) -> None:
    """Measure the plan again after its rows changed. Swaps keep every head count, so the skill-aware floors
    and the training advice stay valid (`keep_floors`); cutting weeks does not."""
    old = json.loads(record.figures) if record.figures else {}
    figures = _measure(session, record, skill_floor=False).as_dict()
    if keep_floors:
        for key in ("skill_floor", "burden_skill_floor", "training"):
            if key in old:
                figures[key] = old[key]
    record.figures = _figures_json(figures, old.get("history_weeks", 0))


def _measure(session: Session, record: RotationPlanRecord, *, skill_floor: bool) -> Figures:
    rows = [row for _plan, _state, row in _store.assignments(session, plan_id=record.id)]
    history = _store.published_history(session, record.starts_on)
    posts = _store.load_posts(session)
    specs = [post.spec() for post in posts]
    return measure(specs, history + rows, workers=_store.worker_specs(session), skill_floor=skill_floor,
                   advice=skill_floor)


def _figures_json(figures: dict[str, object], history_weeks: int) -> str:
    return json.dumps({**figures, "history_weeks": history_weeks}, ensure_ascii=False, sort_keys=True)


def _check_range(start: date, weeks: int) -> None:
    _store.require_monday(start)
    if not 1 <= weeks <= MAX_WEEKS:
        raise UsageError(N_("A plan runs from 1 to %(max)d weeks, not %(weeks)d."), max=MAX_WEEKS, weeks=weeks)


def _insert(session: Session, plan_id: int, rows: Sequence[WeekAssignment], post_ids: dict[str, int]) -> None:
    members = _store.member_ids(session, {row.member_code for row in rows})
    if rows:
        session.execute(AssignmentRecord.__table__.insert(), [
            {"plan_id": plan_id, "week_start": row.week_start, "post_id": post_ids[row.post_code],
             "member_id": members[row.member_code], "role": row.role} for row in rows])


def _cut_drafts(session: Session, first: date, end: date) -> list[int]:
    """Take the weeks [first, end) out of every draft: a draft left empty goes, one cut in two becomes two."""
    touched = []
    for record in _store.plans_overlapping(session, first, end, PlanState.DRAFT):
        touched.append(record.id)
        weeks = mondays(record.starts_on, record.weeks)
        before = [monday for monday in weeks if monday < first]
        after = [monday for monday in weeks if monday >= end]
        session.execute(delete(AssignmentRecord).where(
            AssignmentRecord.plan_id == record.id, AssignmentRecord.week_start >= first,
            AssignmentRecord.week_start < end))
        if not before and not after:
            session.delete(record)
            continue
        if before and after:
            tail = RotationPlanRecord(starts_on=after[0], weeks=len(after), seed=record.seed, state=PlanState.DRAFT)
            session.add(tail)
            session.flush()
            session.execute(update(AssignmentRecord).where(
                AssignmentRecord.plan_id == record.id, AssignmentRecord.week_start >= end).values(plan_id=tail.id))
            refresh_figures(session, tail, keep_floors=False)
        record.starts_on, record.weeks = (before or after)[0], len(before or after)
        session.flush()
        refresh_figures(session, record, keep_floors=False)
    session.flush()
    return touched

