"""What the needs services share: rows to DTOs (with the viewer's privacy applied), lookups, text checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import NotFound, Problem, ProblemsFound
from coopdesk.domain.needs import (
    Commitment,
    CommitmentState,
    Incident,
    IncidentKind,
    Need,
    Viewer,
)
from coopdesk.i18n import N_
from coopdesk.persistence.models import (
    CommitmentRecord,
    IncidentRecord,
    MeetingRecord,
    MemberRecord,
    NeedRecord,
)
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.meetings.lifecycle import located, text_problems

NEEDS = NeedRecord.__table__
COMMITMENTS = CommitmentRecord.__table__
INCIDENTS = IncidentRecord.__table__
MEMBERS = MemberRecord.__table__
MEETINGS = MeetingRecord.__table__


def check_texts(*fields: tuple[str | None, str, int, bool]) -> None:
    """(value, field, limit, required) each; every problem at once, the field named."""
    problems: list[Problem] = []
    for value, where, limit, required in fields:
        problems += text_problems(value, where, limit, required=required)
    if problems:
        raise ProblemsFound(located(problems))


def member_id_of(session: Session, code: str | None) -> int | None:
    if code is None or not code.strip():
        return None
    member_id = session.scalar(select(MemberRecord.id).where(MemberRecord.code == code.strip()))
    if member_id is None:
        raise NotFound(N_("There is no member with code %(code)s."), code=code.strip())
    return member_id


def get_need(session: Session, need_id: int) -> NeedRecord:
    return get_or_not_found(session, NeedRecord, need_id, N_("There is no need with id %(id)s."), lock=True)


def get_commitment(session: Session, commitment_id: int) -> CommitmentRecord:
    return get_or_not_found(session, CommitmentRecord, commitment_id, N_("There is no commitment with id %(id)s."),
                            lock=True)


def get_incident(session: Session, incident_id: int) -> IncidentRecord:
    return get_or_not_found(session, IncidentRecord, incident_id, N_("There is no incident with id %(id)s."))


NEED_COLUMNS = (NEEDS.c.id, NEEDS.c.kind, MEMBERS.c.code, MEMBERS.c.full_name, NEEDS.c.title, NEEDS.c.detail,
                NEEDS.c.private, NEEDS.c.consent_to_name, NEEDS.c.state, NEEDS.c.raised_in_id, NEEDS.c.agenda_item_id,
                NEEDS.c.decision_id, NEEDS.c.met_on, NEEDS.c.how, NEEDS.c.evidence, NEEDS.c.created_on,
                NEEDS.c.incident_id, MEETINGS.c.title, NEEDS.c.version)


def needs_query() -> Select:  # type: ignore[type-arg]
    """Needs with their member and meeting, read through Core as plain tuples (ten thousand stay quick)."""
    return (select(*NEED_COLUMNS)
            .outerjoin(MEMBERS, MEMBERS.c.id == NEEDS.c.member_id)
            .outerjoin(MEETINGS, MEETINGS.c.id == NEEDS.c.raised_in_id))


def need_from_row(row: Sequence, viewer: Viewer) -> Need:  # type: ignore[type-arg] — a Row unpacks like a tuple
    (need_id, kind, code, name, title, detail, private, consent, state, raised_in, item_id, decision_id, met_on,
     how, evidence, created_on, incident_id, meeting_title, version) = row
    shown = viewer.may_see(private, code)
    return Need(
        id=need_id, kind=kind, member_code=code if shown else None, member_name=name if shown else None,
        title=title, detail=detail if shown else "", private=private, consent_to_name=consent, state=state,
        raised_in=raised_in, agenda_item_id=item_id, decision_id=decision_id, met_on=met_on, how=how,
        evidence=evidence, created_on=created_on, hidden=not shown, incident_id=incident_id,
        meeting_title=meeting_title, version=version,
    )


def load_needs(session: Session, ids: Sequence[int] | None, viewer: Viewer) -> list[Need]:
    query = needs_query()
    if ids is not None:
        query = query.where(NEEDS.c.id.in_(ids))
    return [need_from_row(row, viewer) for row in session.execute(query.order_by(NEEDS.c.id))]


def commitment_from_row(row) -> Commitment:  # type: ignore[no-untyped-def]
    return Commitment(id=row.id, owed_by=row.owed_by, what=row.what, due=row.due, state=CommitmentState(row.state),
                      evidence=row.evidence, decision_id=row.decision_id, need_id=row.need_id, done_on=row.done_on,
                      created_on=row.created_on, incident_id=row.incident_id, version=row.version)


def load_commitments(session: Session, ids: Sequence[int] | None = None) -> list[Commitment]:
    query = select(COMMITMENTS)
    if ids is not None:
        query = query.where(COMMITMENTS.c.id.in_(ids))
    return [commitment_from_row(row) for row in session.execute(query.order_by(COMMITMENTS.c.due, COMMITMENTS.c.id))]


def load_incidents(session: Session, viewer: Viewer, ids: Sequence[int] | None = None) -> list[Incident]:
    query = (select(INCIDENTS, MEMBERS.c.code.label("member_code"), MEMBERS.c.full_name.label("member_name"),
                    NEEDS.c.id.label("need_id"), COMMITMENTS.c.id.label("commitment_id"))
             .outerjoin(MEMBERS, MEMBERS.c.id == INCIDENTS.c.member_id)
             .outerjoin(NEEDS, NEEDS.c.incident_id == INCIDENTS.c.id)
             .outerjoin(COMMITMENTS, COMMITMENTS.c.incident_id == INCIDENTS.c.id))
    if ids is not None:
        query = query.where(INCIDENTS.c.id.in_(ids))
    incidents: dict[int, Incident] = {}
    for row in session.execute(query.order_by(INCIDENTS.c.occurred_on.desc(), INCIDENTS.c.id.desc())):
        if row.id in incidents:  # an incident that raised several records: the first of each is named
            continue
        shown = viewer.may_see(True, row.member_code)  # who was affected is always private
        incidents[row.id] = Incident(
            id=row.id, occurred_on=row.occurred_on, kind=IncidentKind(row.kind), what=row.what,
            member_code=row.member_code if shown else None, member_name=row.member_name if shown else None,
            actions=row.actions, need_id=row.need_id, commitment_id=row.commitment_id,
            hidden=row.member_code is not None and not shown)
    return list(incidents.values())


def not_after_today(day: date, where: str) -> None:
    if day > date.today():
        raise ProblemsFound(located([Problem(N_("%(date)s is in the future"), {"date": day.isoformat()},
                                             column=where)]))
