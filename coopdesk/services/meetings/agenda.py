"""The ordered agenda of a meeting and the minutes of each item (saved as they are typed)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import ConflictError, InvalidInput, Problem, ProblemsFound
from coopdesk.domain.meeting_record import ItemDetail
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AgendaItemRecord, ElectionRecord, MotionRecord
from coopdesk.persistence.models.meetings import MINUTES_MAX
from coopdesk.services.meetings._common import (
    get_item,
    get_meeting,
    load_roster,
    person_or_problem,
    require_live,
    require_unlocked,
)
from coopdesk.services.meetings._detail import item_dto, items_of
from coopdesk.services.meetings.lifecycle import located, text_problems

ITEM_TITLE_MAX = 300
LONGEST_ITEM = 24 * 60  # minutes


def _check_item(session: Session, title: str, proposer_id: int | None, expected_minutes: int | None) -> None:
    problems = text_problems(title, "title", ITEM_TITLE_MAX)
    problems += person_or_problem(load_roster(session, None), proposer_id, "proposer")
    if expected_minutes is not None and not 0 <= expected_minutes <= LONGEST_ITEM:
        problems.append(Problem(N_("'%(value)s' is not a number of minutes between 0 and %(max)d"),
                                {"value": expected_minutes, "max": LONGEST_ITEM}, column="expected_minutes"))
    if problems:
        raise ProblemsFound(located(problems))


def add_item(db: Database, *, meeting_id: int, title: str, proposer_id: int | None = None,
             expected_minutes: int | None = None) -> ItemDetail:
    """A new item at the end of the agenda."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        _check_item(session, title, proposer_id, expected_minutes)
        last = session.scalar(select(func.max(AgendaItemRecord.position))
                              .where(AgendaItemRecord.meeting_id == meeting_id)) or 0
        item = AgendaItemRecord(meeting_id=meeting_id, position=last + 1, title=title.strip(),
                                proposer_id=proposer_id, expected_minutes=expected_minutes, minutes="")
        session.add(item)
        session.flush()
        return item_dto(item, session, load_roster(session, meeting))


def update_item(db: Database, *, item_id: int, version: int, title: str, proposer_id: int | None = None,
                expected_minutes: int | None = None) -> ItemDetail:
    with db.write() as session:
        item = get_item(session, item_id)
        require_unlocked(item.meeting)
        if item.version != version:
            raise ConflictError()
        _check_item(session, title, proposer_id, expected_minutes)
        item.title, item.proposer_id, item.expected_minutes = title.strip(), proposer_id, expected_minutes
        session.flush()
        return item_dto(item, session, load_roster(session, item.meeting))


def remove_item(db: Database, *, item_id: int) -> None:
    """Take an item off the agenda (not once a vote on it has closed); the others close up."""
    with db.write() as session:
        item = get_item(session, item_id)
        meeting = item.meeting
        require_live(meeting)
        closed = session.scalar(select(func.count(MotionRecord.id)).where(
            MotionRecord.item_id == item_id, MotionRecord.closed_at.is_not(None)))
        closed = (closed or 0) + (session.scalar(select(func.count(ElectionRecord.id)).where(
            ElectionRecord.item_id == item_id, ElectionRecord.closed_at.is_not(None))) or 0)
        if closed:
            raise InvalidInput(N_("Agenda item %(id)s has closed votes; it stays in the minutes."), id=item_id)
        for election in session.scalars(select(ElectionRecord).where(ElectionRecord.item_id == item_id)):
            session.delete(election)
        meeting.items.remove(item)
        session.flush()
        _renumber(session, meeting.items)


def reorder_items(db: Database, *, meeting_id: int, item_ids: Sequence[int]) -> list[ItemDetail]:
    """Put the agenda in this order (every item of the meeting, each once)."""
    with db.write() as session:
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        items = {item.id: item for item in meeting.items}
        if sorted(item_ids) != sorted(items):
            raise InvalidInput(N_("The new order must list every item of the agenda once."))
        _renumber(session, [items[item_id] for item_id in item_ids])
        return items_of(session, [items[item_id] for item_id in item_ids], load_roster(session, meeting))


def _renumber(session: Session, items: Sequence[AgendaItemRecord]) -> None:
    # Positions are unique per meeting: move every item out of the way first, then into place.
    for index, item in enumerate(items, start=1):
        item.position = -index
    session.flush()
    for index, item in enumerate(items, start=1):
        item.position = index
    session.flush()


def save_minutes(db: Database, *, item_id: int, text: str) -> int:
    """Store the item's minutes as typed so far (the editor calls this as the secretary types); returns the
    item's new version. Paragraphs are separated by blank lines."""
    if len(text) > MINUTES_MAX:
        raise InvalidInput(N_("The minutes of an item may not be longer than %(max)d characters."), max=MINUTES_MAX)
    with db.write() as session:
        item = get_item(session, item_id)
        require_unlocked(item.meeting)
        if item.minutes != text:
            item.minutes = text
            session.flush()
        return item.version
