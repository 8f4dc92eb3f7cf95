"""Decisions (acuerdos) under agenda items, their follow-up actions, and the list of pending ones.

The text of decisions and actions belongs to the minutes and is locked with them; an action's status goes on
changing after approval (that is what following up means).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import ConflictError, InvalidInput, ProblemsFound
from coopdesk.domain.meeting_record import ActionDetail, DecisionDetail, PendingAction
from coopdesk.domain.meetings import ActionStatus
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    DecisionRecord,
    FollowUpActionRecord,
    MeetingRecord,
)
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.meetings._common import (
    get_item,
    get_motion,
    load_roster,
    natural_key,
    person_or_problem,
    require_unlocked,
)
from coopdesk.services.meetings._detail import action_dto, decision_dto
from coopdesk.services.meetings.lifecycle import located, text_problems

DECISION_MAX, ACTION_MAX, OWED_BY_MAX = 2000, 1000, 200


def _party(owed_by: str | None) -> str | None:
    return " ".join((owed_by or "").split()) or None


def _decision(session: Session, decision_id: int) -> DecisionRecord:
    return get_or_not_found(session, DecisionRecord, decision_id, N_("There is no decision with id %(id)s."))


def _action(session: Session, action_id: int) -> FollowUpActionRecord:
    return get_or_not_found(session, FollowUpActionRecord, action_id,
                            N_("There is no follow-up action with id %(id)s."))


def _check_decision(session: Session, item: AgendaItemRecord, text: str, motion_id: int | None) -> None:
    if problems := text_problems(text, "text", DECISION_MAX):
        raise ProblemsFound(located(problems))
    if motion_id is not None:
        motion_item = get_item(session, get_motion(session, motion_id).item_id)
        if motion_item.meeting_id != item.meeting_id:
            raise InvalidInput(N_("Motion %(id)s belongs to another meeting."), id=motion_id)


def add_decision(db: Database, *, item_id: int, text: str, motion_id: int | None = None) -> DecisionDetail:
    """An acuerdo under the item, taken by `motion_id` when it came from a vote."""
    with db.write() as session:
        item = get_item(session, item_id)
        require_unlocked(item.meeting)
        _check_decision(session, item, text, motion_id)
        decision = DecisionRecord(item_id=item_id, motion_id=motion_id, text=text.strip())
        session.add(decision)
        session.flush()
        return decision_dto(decision, (), load_roster(session, None))


def update_decision(db: Database, *, decision_id: int, text: str, motion_id: int | None = None) -> DecisionDetail:
    with db.write() as session:
        decision = _decision(session, decision_id)
        item = get_item(session, decision.item_id)
        require_unlocked(item.meeting)
        _check_decision(session, item, text, motion_id)
        decision.text, decision.motion_id = text.strip(), motion_id
        session.flush()
        actions = session.scalars(select(FollowUpActionRecord).where(FollowUpActionRecord.decision_id == decision_id)
                                  .order_by(FollowUpActionRecord.id))
        return decision_dto(decision, actions, load_roster(session, None))


def remove_decision(db: Database, *, decision_id: int) -> None:
    with db.write() as session:
        decision = _decision(session, decision_id)
        require_unlocked(get_item(session, decision.item_id).meeting)
        session.delete(decision)


def _check_action(session: Session, description: str, responsible_id: int | None, owed_by: str | None) -> None:
    problems = text_problems(description, "description", ACTION_MAX)
    problems += text_problems(owed_by, "owed_by", OWED_BY_MAX, required=False)
    problems += person_or_problem(load_roster(session, None), responsible_id, "responsible")
    if problems:
        raise ProblemsFound(located(problems))


def add_action(db: Database, *, decision_id: int, description: str, responsible_id: int | None = None,
               due_on: date | None = None, owed_by: str | None = None) -> ActionDetail:
    """An action under the decision, for a member (`responsible_id`) or owed by an outside party (`owed_by`)."""
    with db.write() as session:
        decision = _decision(session, decision_id)
        require_unlocked(get_item(session, decision.item_id).meeting)
        _check_action(session, description, responsible_id, owed_by)
        action = FollowUpActionRecord(decision_id=decision_id, description=description.strip(),
                                      responsible_id=responsible_id, due_on=due_on, status=ActionStatus.OPEN,
                                      owed_by=_party(owed_by))
        session.add(action)
        session.flush()
        return action_dto(action, load_roster(session, None))


def update_action(db: Database, *, action_id: int, version: int, description: str,
                  responsible_id: int | None = None, due_on: date | None = None,
                  owed_by: str | None = None) -> ActionDetail:
    with db.write() as session:
        action = _action(session, action_id)
        require_unlocked(get_item(session, _decision(session, action.decision_id).item_id).meeting)
        if action.version != version:
            raise ConflictError()
        _check_action(session, description, responsible_id, owed_by)
        action.description, action.responsible_id, action.due_on = description.strip(), responsible_id, due_on
        action.owed_by = _party(owed_by)
        session.flush()
        return action_dto(action, load_roster(session, None))


def set_action_status(db: Database, *, action_id: int, status: ActionStatus, done_on: date | None = None,
                      version: int | None = None) -> ActionDetail:
    """Mark an action done (on `done_on`, default today), cancelled, or open again — also after approval."""
    with db.write() as session:
        action = _action(session, action_id)
        if version is not None and action.version != version:
            raise ConflictError()
        action.status = ActionStatus(status)
        action.done_on = (done_on or date.today()) if action.status is ActionStatus.DONE else None
        session.flush()
        return action_dto(action, load_roster(session, None))


def open_actions(db: Database) -> list[PendingAction]:
    """"Acuerdos pendientes": every open action of every meeting, the soonest due first (undated last)."""
    with db.read() as session:
        rows = session.execute(
            select(FollowUpActionRecord, DecisionRecord.text, MeetingRecord.id, MeetingRecord.title,
                   MeetingRecord.starts_at)
            .join(DecisionRecord, DecisionRecord.id == FollowUpActionRecord.decision_id)
            .join(AgendaItemRecord, AgendaItemRecord.id == DecisionRecord.item_id)
            .join(MeetingRecord, MeetingRecord.id == AgendaItemRecord.meeting_id)
            .where(FollowUpActionRecord.status == ActionStatus.OPEN)).all()
        roster = load_roster(session, None)
        pending = [PendingAction(action_dto(action, roster), text, meeting_id, title, starts_at)
                   for action, text, meeting_id, title, starts_at in rows]
    return sorted(pending, key=lambda p: (p.action.due_on is None, p.action.due_on or date.min, p.meeting_starts_at,
                                          natural_key(p.action.responsible.code) if p.action.responsible else [],
                                          p.action.id))
