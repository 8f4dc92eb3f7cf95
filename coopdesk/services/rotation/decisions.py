"""Plans decided by the council (docs/cli.md, `council set plans-need-decision` and `rotation publish --motion`).

With "plans need a decision" on, a draft plan is put to a Workers' Council meeting — an agenda item and a motion
that the plan wizard can add to a meeting not yet closed — and publishing needs that motion, passed. The plan
keeps the motion that adopted it (a table of its own), and the motion names its plan: they show each other, as a
wage rate and its motion do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.meetings import Majority, MeetingState, MotionResult, VoteMethod, default_base
from coopdesk.domain.organs import Organ
from coopdesk.domain.settings import Council, UnitKind
from coopdesk.i18n import N_, _, format_date
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    CouncilSettings,
    MeetingRecord,
    MotionRecord,
    PlanDecisionRecord,
    RotationPlanRecord,
)
from coopdesk.services.change_log import record_change
from coopdesk.services.ledger._store import passed_motion
from coopdesk.services.meetings._common import get_meeting, require_live
from coopdesk.services.rotation import _store

# The workers plan their own work: only their Workers' Council adopts a plan (a joint body's motion does not).
NOT_THE_COUNCIL = N_("Motion %(motion)d was voted in the joint co-management assembly; a rotation plan is adopted "
                     "by a passed motion of a Workers' Council meeting.")
ITEM_TITLE = N_("Rotation plan %(id)d: %(weeks)d weeks from %(first)s")
MOTION_TEXT = N_("Adopt rotation plan %(id)d (%(weeks)d weeks from %(first)s to %(last)s) as the council's plan")


@dataclass(frozen=True)
class PlanDecision:
    plan_id: int
    motion_id: int
    motion_text: str


@dataclass(frozen=True)
class PutToMeeting:
    meeting_id: int
    item_id: int
    motion_id: int


def plans_need_decision(db: Database) -> bool:
    with db.read() as session:
        return _needs_decision(session.get(CouncilSettings, 1))


def _needs_decision(row: CouncilSettings | None) -> bool:
    """What the council set; until it says, an SPU's plans need a decision (its workers plan their own work
    and decide it together) and a cooperative's do not."""
    if row is None:
        return False
    if row.plans_need_decision is None:
        return row.kind is not None and UnitKind(row.kind) is UnitKind.SPU  # kind unset: a cooperative
    return bool(row.plans_need_decision)


def set_plans_need_decision(db: Database, *, value: bool) -> bool:
    """Whether publishing a rotation plan needs a passed motion of the council from now on."""
    with db.write() as session:
        row = session.get(CouncilSettings, 1)
        if row is None:  # the council's settings were never saved: start from their defaults
            council = Council()
            row = CouncilSettings(id=1, name=council.name, currency=council.currency, kind=council.kind)
            session.add(row)
        before = _needs_decision(row)
        row.plans_need_decision = value
        session.flush()
        record_change(session, entity="council", entity_id=1, before={"plans_need_decision": before},
                      after={"plans_need_decision": value})
        return value


def decide_plan(session: Session, *, plan: RotationPlanRecord, motion_id: int | None) -> PlanDecision | None:
    """At publishing: the passed motion that adopts the plan (required when plans need a decision)."""
    row = session.get(CouncilSettings, 1)
    if motion_id is None:
        if _needs_decision(row):
            raise InvalidInput(N_("Plans need a decision of the council: publish plan %(id)d with the passed "
                                  "motion that adopted it (--motion)."), id=plan.id)
        return None
    motion = passed_motion(session, motion_id)
    if motion.item.meeting.organ is not Organ.WORKERS_COUNCIL:
        raise InvalidInput(NOT_THE_COUNCIL, motion=motion_id)
    taken = session.scalar(select(PlanDecisionRecord.plan_id).where(PlanDecisionRecord.motion_id == motion_id))
    if taken is not None and taken != plan.id:
        raise InvalidInput(N_("Motion %(motion)d adopted plan %(plan)d already."), motion=motion_id, plan=taken)
    session.merge(PlanDecisionRecord(plan_id=plan.id, motion_id=motion.id))
    return PlanDecision(plan.id, motion.id, motion.text)


def plan_decisions(db: Database, *, plan_ids: Iterable[int] | None = None) -> dict[int, PlanDecision]:
    """Plan id -> the motion that adopted it."""
    with db.read() as session:
        return _decisions(session, PlanDecisionRecord.plan_id, plan_ids)


def plans_by_motion(db: Database, *, motion_ids: Iterable[int]) -> dict[int, PlanDecision]:
    """Motion id -> the plan it adopted (what a meeting shows beside the motion)."""
    with db.read() as session:
        return {d.motion_id: d for d in _decisions(session, PlanDecisionRecord.motion_id, motion_ids).values()}


def put_plan_to_meeting(db: Database, *, plan_id: int, meeting_id: int) -> PutToMeeting:
    """Add an agenda item and its motion (open vote, simple majority) to adopt the draft plan, to a meeting not
    yet closed; the council votes it there, and the passed motion then publishes the plan."""
    with db.write() as session:
        plan = _store.get_plan_record(session, plan_id)
        info = _store.to_plan(plan)
        if info.published:
            raise InvalidInput(N_("Plan %(id)s is published already."), id=plan_id)
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        if meeting.organ is not Organ.WORKERS_COUNCIL:
            raise InvalidInput(N_("Meeting %(id)d is a meeting of the joint co-management assembly; a rotation plan "
                                  "is put to a Workers' Council meeting."), id=meeting_id)
        params = {"id": plan.id, "weeks": plan.weeks, "first": format_date(info.starts_on),
                  "last": format_date(info.ends_on)}
        last = session.scalar(select(func.max(AgendaItemRecord.position))
                              .where(AgendaItemRecord.meeting_id == meeting_id)) or 0
        item = AgendaItemRecord(meeting_id=meeting_id, position=last + 1, title=_(ITEM_TITLE) % params, minutes="")
        session.add(item)
        session.flush()
        motion = MotionRecord(item_id=item.id, position=1, text=_(MOTION_TEXT) % params, method=VoteMethod.OPEN,
                              majority=Majority.SIMPLE, base=default_base(Majority.SIMPLE), yes=0, no=0, abstain=0)
        session.add(motion)
        session.flush()
        return PutToMeeting(meeting_id, item.id, motion.id)


def adoptable_motions(db: Database) -> list[tuple[int, str]]:
    """Passed motions of Workers' Council meetings that adopted no plan yet, the latest first:
    (id, "meeting date — text")."""
    with db.read() as session:
        taken = select(PlanDecisionRecord.motion_id)
        rows = session.execute(
            select(MotionRecord.id, MotionRecord.text, MeetingRecord.starts_at)
            .join(AgendaItemRecord, AgendaItemRecord.id == MotionRecord.item_id)
            .join(MeetingRecord, MeetingRecord.id == AgendaItemRecord.meeting_id)
            .where(MotionRecord.result == MotionResult.PASSED, MotionRecord.id.not_in(taken),
                   MeetingRecord.organ == Organ.WORKERS_COUNCIL)
            .order_by(MeetingRecord.starts_at.desc(), MotionRecord.id.desc())).all()
        return [(motion, f"{format_date(starts.date())} — {text}") for motion, text, starts in rows]


def live_meetings(db: Database) -> list[tuple[int, str]]:
    """Workers' Council meetings a plan can still be put to (not closed), the latest first: (id, title)."""
    with db.read() as session:
        rows = session.execute(
            select(MeetingRecord.id, MeetingRecord.title)
            .where(MeetingRecord.state.in_((MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)),
                   MeetingRecord.organ == Organ.WORKERS_COUNCIL)
            .order_by(MeetingRecord.starts_at.desc(), MeetingRecord.id.desc()))
        return [(meeting_id, title) for meeting_id, title in rows]


def _decisions(session: Session, column, ids: Iterable[int] | None) -> dict[int, PlanDecision]:  # type: ignore[no-untyped-def]
    query = select(PlanDecisionRecord.plan_id, PlanDecisionRecord.motion_id, MotionRecord.text).join(
        MotionRecord, MotionRecord.id == PlanDecisionRecord.motion_id)
    if ids is not None:
        query = query.where(column.in_(list(ids)))
    return {plan: PlanDecision(plan, motion, text) for plan, motion, text in session.execute(query)}
