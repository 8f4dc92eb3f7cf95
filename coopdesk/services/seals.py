"""`verify` from the chain's side: every sealing event in the audit chain names the row it sealed and the hash
of its content; that row must still exist, still be locked and still give that hash.

The row side alone (checking only the records still *marked* locked) misses an attacker who first unlocks a
record — sets approved minutes back to `closed`, clears a vote's `closed_at`, reopens a pay period by its
`state` column — and then rewrites it. Walking the chain instead, a sealed record that is gone, unlocked or
different is named, with the event that sealed it.

Closing a pay period also seals the facts its pay lines were computed from (the hours, the advances and the
rate), and records that change by design (members, rates, funds, users) are checked against their change log:
replaying the chained events of a record must give the row as it stands.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.audit import record_hash
from coopdesk.domain.errors import Problem
from coopdesk.domain.ledger import PeriodState
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.rotation import PlanState
from coopdesk.i18n import N_
from coopdesk.persistence.models import (
    AdvanceRecord,
    ElectionRecord,
    FundRecord,
    HourlyRateRecord,
    HoursRecord,
    MeetingRecord,
    MemberRecord,
    MotionRecord,
    PayPeriodRecord,
    RotationPlanRecord,
    UserRecord,
)
from coopdesk.services.meetings.locking import (
    APPROVE_MINUTES,
    CLOSE_ELECTION,
    CLOSE_VOTE,
    election_content,
    meeting_content,
    motion_content,
)
from coopdesk.services.rotation.integrity import ENTITY as PLAN_ENTITY
from coopdesk.services.rotation.integrity import PUBLISH, RELEASE, SWAP, plan_content

CLOSE_PERIOD, REOPEN_PERIOD = "ledger.close", "ledger.period.reopen"


class Event:
    """What verify needs of an audit event (a row of `audit_events`)."""

    id: int
    action: str
    entity: str
    entity_id: str | None
    after_json: str | None
    before_json: str | None


def after_of(event: Event) -> dict[str, Any]:
    try:
        value = json.loads(event.after_json or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# ---- the facts a closed period was computed from

def period_inputs(session: Session, period_id: int, rate: HourlyRateRecord | None) -> dict[str, Any]:
    """What closing a period seals besides its entries: the hours, the advances and the rate it used."""
    hours = session.execute(select(HoursRecord.member_id, HoursRecord.hundredths)
                            .where(HoursRecord.period_id == period_id)).all()
    advances = session.execute(select(AdvanceRecord.id, AdvanceRecord.member_id, AdvanceRecord.amount_cents)
                               .where(AdvanceRecord.period_id == period_id)).all()
    return {
        "hours": record_hash({"hours": sorted([member, value] for member, value in hours)}),
        "advances": record_hash({"advances": sorted([list(row) for row in advances])}),
        "rate": None if rate is None else [rate.id, rate.rate_cents, rate.effective_from.isoformat()],
    }


# ---- the sealed records, found from their events

@dataclass(frozen=True)
class Sealed:
    """One kind of sealed record: how to find it, whether it is still locked, and its content."""

    model: type
    locked: Callable[[Any], bool]
    content: Callable[[Session, Any], dict[str, Any]]
    missing: str
    unlocked: str
    changed: str


SEALED = {
    "motion": Sealed(
        MotionRecord, lambda m: m.closed_at is not None, motion_content,
        N_("Motion %(id)s, whose vote was closed by audit event %(event)s, is missing."),
        N_("Motion %(id)s, whose vote was closed by audit event %(event)s, is no longer closed: it was reopened "
           "outside coopdesk."),
        N_("Motion %(id)s was changed after its vote closed (audit event %(event)s): its content no longer "
           "matches its verification code."),
    ),
    "election": Sealed(
        ElectionRecord, lambda e: e.closed_at is not None, election_content,
        N_("Election %(id)s, closed by audit event %(event)s, is missing."),
        N_("Election %(id)s, closed by audit event %(event)s, is no longer closed: it was reopened outside "
           "coopdesk."),
        N_("Election %(id)s was changed after it closed (audit event %(event)s): its content no longer matches "
           "its verification code."),
    ),
    "meeting": Sealed(
        MeetingRecord, lambda m: m.state is MeetingState.APPROVED, meeting_content,
        N_("Meeting %(id)s, whose minutes were approved by audit event %(event)s, is missing."),
        N_("The minutes of meeting %(id)s, approved by audit event %(event)s, are no longer marked approved: "
           "they were unlocked outside coopdesk."),
        N_("The approved minutes of meeting %(id)s were changed (approved by audit event %(event)s): their "
           "content no longer matches their verification code."),
    ),
    PLAN_ENTITY: Sealed(
        RotationPlanRecord, lambda p: p.state is PlanState.PUBLISHED, plan_content,
        N_("Rotation plan %(id)s, published by audit event %(event)s, is missing."),
        N_("Rotation plan %(id)s, published by audit event %(event)s, is no longer marked published."),
        N_("The published rotation plan %(id)s was changed outside coopdesk: its assignments no longer match "
           "the hash recorded by audit event %(event)s."),
    ),
}
SEALING = {CLOSE_VOTE: "motion", CLOSE_ELECTION: "election", APPROVE_MINUTES: "meeting",
           PUBLISH: PLAN_ENTITY, SWAP: PLAN_ENTITY, RELEASE: PLAN_ENTITY}
STORED_CODE_CHANGED = N_("The verification code stored with %(entity)s %(id)s is not the one audit event "
                         "%(event)s recorded.")


def sealed_record_problems(session: Session, events: Sequence[Event]) -> list[tuple[int, Problem]]:
    """Each sealed record against the last event that sealed it; (event id, problem), in chain order."""
    last: dict[tuple[str, str], Event] = {}
    periods: dict[str, Event] = {}
    for event in events:
        if event.action in SEALING and event.entity == SEALING[event.action]:
            last[(event.entity, event.entity_id or "")] = event
        elif event.action in (CLOSE_PERIOD, REOPEN_PERIOD) and event.entity == "pay_period":
            periods[event.entity_id or ""] = event
    found: list[tuple[int, Problem]] = []
    for (entity, entity_id), event in last.items():
        if problem := _sealed_problem(session, SEALED[entity], entity, entity_id, event):
            found.append((event.id, problem))
    for entity_id, event in periods.items():
        if event.action == CLOSE_PERIOD and (problem := _period_problem(session, entity_id, event)):
            found.append((event.id, problem))
    return sorted(found, key=lambda pair: pair[0])


def _record(session: Session, model: type, entity_id: str) -> Any:
    try:
        return session.get(model, int(entity_id))
    except ValueError:
        return None


def _sealed_problem(session: Session, kind: Sealed, entity: str, entity_id: str, event: Event) -> Problem | None:
    params = {"id": entity_id, "event": event.id}
    record = _record(session, kind.model, entity_id)
    if record is None:
        return Problem(kind.missing, params)
    if not kind.locked(record):
        return Problem(kind.unlocked, params)
    sealed = after_of(event).get("record_hash")
    if record_hash(kind.content(session, record)) != sealed:
        return Problem(kind.changed, params)
    if getattr(record, "record_hash", sealed) != sealed:
        return Problem(STORED_CODE_CHANGED, {**params, "entity": entity})
    return None


def _period_problem(session: Session, entity_id: str, event: Event) -> Problem | None:
    params = {"id": entity_id, "event": event.id}
    period = _record(session, PayPeriodRecord, entity_id)
    if period is None:
        return Problem(N_("Pay period %(id)s, closed by audit event %(event)s, is missing."), params)
    if period.state is not PeriodState.CLOSED:
        return Problem(N_("Pay period %(id)s, closed by audit event %(event)s, is open again without a reopening "
                          "by motion: it was unlocked outside coopdesk."), params)
    sealed = after_of(event).get("inputs")
    if not isinstance(sealed, dict):
        return None  # closed before the inputs were sealed: its entries are still checked one by one
    rate = session.get(HourlyRateRecord, period.rate_id) if period.rate_id else None
    now = period_inputs(session, period.id, rate)
    for fact, message in (
        ("hours", N_("The hours of pay period %(id)s were changed after it was closed (audit event %(event)s).")),
        ("advances", N_("The advances of pay period %(id)s were changed after it was closed (audit event "
                        "%(event)s).")),
        ("rate", N_("The hourly rate pay period %(id)s was closed with was changed (audit event %(event)s).")),
    ):
        if now[fact] != sealed.get(fact):
            return Problem(message, params)
    return None


# ---- records that change by design, against their change log

@dataclass(frozen=True)
class Logged:
    """A table whose every change is a chained event: replaying them must give each row."""

    model: type
    key: Callable[[Any], str]  # the entity_id its events carry
    label: Callable[[Any], str]  # how the message names a row
    fields: dict[str, Callable[[Any], Any]]  # field in the events -> its value in the row, as the log keeps it
    unlogged: str
    changed: str
    removed: str


def _value(enum: Any) -> Any:
    return getattr(enum, "value", enum)


LOGGED = {
    "member": Logged(
        MemberRecord, lambda m: str(m.id), lambda m: m.code,
        {"code": lambda m: m.code, "full_name": lambda m: m.full_name, "body": lambda m: _value(m.body),
         "joined_on": lambda m: m.joined_on.isoformat(), "voting": lambda m: bool(m.voting),
         "status": lambda m: _value(m.status)},
        N_("Member %(name)s was not added through coopdesk: the change log has no record of it."),
        N_("Member %(name)s was changed outside coopdesk: %(field)s differs from the change log."),
        N_("Member %(name)s, recorded in the change log, is missing."),
    ),
    "hourly_rate": Logged(
        HourlyRateRecord, lambda r: str(r.id), lambda r: r.effective_from.isoformat(),
        {"rate_cents": lambda r: r.rate_cents, "effective_from": lambda r: r.effective_from.isoformat(),
         "motion_id": lambda r: r.motion_id},
        N_("The hourly rate from %(name)s was not set through coopdesk: the change log has no record of it."),
        N_("The hourly rate from %(name)s was changed outside coopdesk: %(field)s differs from the change log."),
        N_("The hourly rate %(name)s, recorded in the change log, is missing."),
    ),
    "fund": Logged(
        FundRecord, lambda f: f.code, lambda f: f.code,
        {"name": lambda f: f.name, "percent_hundredths": lambda f: f.percent_hundredths},
        N_("Fund %(name)s was not created through coopdesk: the change log has no record of it."),
        N_("Fund %(name)s was changed outside coopdesk: %(field)s differs from the change log."),
        N_("Fund %(name)s, recorded in the change log, is missing."),
    ),
    "user": Logged(
        UserRecord, lambda u: u.username, lambda u: u.username,
        {"username": lambda u: u.username, "role": lambda u: _value(u.role)},
        N_("User %(name)s was not added through coopdesk: the change log has no record of it."),
        N_("User %(name)s was changed outside coopdesk: %(field)s differs from the change log."),
        N_("User %(name)s, recorded in the change log, is missing."),
    ),
}


def _replayed(events: Iterable[Event]) -> dict[str, dict[str, tuple[int, dict[str, Any] | None]]]:
    """entity -> entity_id -> (last event id, the checked fields as the log says they are now; None once
    deleted), for every record whose creation the log holds (an event with nothing before it). One pass over the
    chain; an edit's JSON is read only when it names a checked field."""
    states: dict[str, dict[str, tuple[int, dict[str, Any] | None]]] = {entity: {} for entity in LOGGED}
    markers = {entity: tuple(f'"{field}":' for field in kind.fields) for entity, kind in LOGGED.items()}
    for event_id, entity, entity_id, before, after in _columns_of(events):
        of_entity = states.get(entity)
        if of_entity is None:
            continue
        key = entity_id or ""
        named = after is not None and any(marker in after for marker in markers[entity])
        if before is None and named and of_entity.get(key, (0, None))[1] is None:
            # a creation: nothing before, and the record's fields after. Events that only name a record with nothing
            # before (a fund's deposits and payouts, a skill granted to a member by code) change no field of it.
            of_entity[key] = (event_id, _checked(after, entity))
        elif key not in of_entity:
            continue  # changes of a record created before the log kept creations
        elif after is None and before is not None:
            of_entity[key] = (event_id, None)
        elif (state := of_entity[key][1]) is not None and after is not None:
            if named:
                state.update(_checked(after, entity))
            of_entity[key] = (event_id, state)
    return states


def _columns_of(events: Iterable[Event]) -> Iterable[tuple[int, str, str | None, str | None, str | None]]:
    return ((e.id, e.entity, e.entity_id, e.before_json, e.after_json) for e in events)


def _checked(after_json: str, entity: str) -> dict[str, Any]:
    try:
        value = json.loads(after_json)
    except ValueError:
        return {}
    fields = LOGGED[entity].fields
    return {key: item for key, item in value.items() if key in fields} if isinstance(value, dict) else {}


def logged_record_problems(session: Session, events: Sequence[Event]) -> list[tuple[int, Problem]]:
    """Rows of members, rates, funds and users against their replayed change log; (event id, problem)."""
    found: list[tuple[int, Problem]] = []
    replayed = _replayed(events)
    for entity, kind in LOGGED.items():
        states = replayed[entity]
        seen: set[str] = set()
        for record in session.execute(select(kind.model.__table__)):  # plain rows: the members may be thousands
            key = kind.key(record)
            seen.add(key)
            last, state = states.get(key, (0, None))
            if state is None:
                found.append((last or 10**12, Problem(kind.unlogged, {"name": kind.label(record)})))
                continue
            for field, read in kind.fields.items():
                if field in state and state[field] != read(record):
                    found.append((last, Problem(kind.changed, {"name": kind.label(record), "field": field})))
                    break
        for key, (last, state) in states.items():
            if state is not None and key not in seen:
                found.append((last, Problem(kind.removed, {"name": state.get("code") or key})))
    return sorted(found, key=lambda pair: pair[0])
