"""The needs register: add a need, list it (lazily, for the window), raise it in a meeting (an agenda item),
link it to the decision taken, record how it was met, export it.

Every read takes a `Viewer`: another member's private need comes back without its member and detail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from coopdesk.domain.errors import ConflictError, InvalidInput
from coopdesk.domain.needs import (
    DETAIL_MAX,
    EVIDENCE_MAX,
    HOW_MAX,
    TITLE_MAX,
    Need,
    NeedKind,
    NeedState,
    Viewer,
)
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AgendaItemRecord, DecisionRecord, NeedRecord
from coopdesk.services.change_log import record_change
from coopdesk.services.meetings._common import get_meeting, require_live
from coopdesk.services.needs._store import (
    MEMBERS,
    NEEDS,
    check_texts,
    get_incident,
    get_need,
    load_needs,
    member_id_of,
    need_from_row,
    needs_query,
    not_after_today,
)

ENTITY = "need"
EXPORT_COLUMNS = ("id", "kind", "member", "title", "detail", "private", "state", "raised_in", "decision",
                  "created_on", "met_on", "how", "evidence")


@dataclass(frozen=True)
class NeedFilter:
    open_only: bool = False  # open, raised or decided: not yet met
    kind: NeedKind | None = None
    member_code: str | None = None  # only this member's needs (the member window)


def _logged(record: NeedRecord) -> dict[str, object]:
    """What the change log keeps of a need: a private one's title stays out of it."""
    fields: dict[str, object] = {"kind": record.kind.value, "state": record.state.value, "private": record.private}
    if not record.private:
        fields["title"] = record.title
    return fields


def add_need(db: Database, *, kind: NeedKind, title: str, member_code: str | None = None, detail: str = "",
             private: bool = False, consent_to_name: bool = False, created_on: date | None = None,
             incident_id: int | None = None) -> Need:
    """A need as a member (or the community) brings it; personal and family needs name their member."""
    kind = NeedKind(kind)
    check_texts((title, "title", TITLE_MAX, True), (detail, "detail", DETAIL_MAX, False))
    with db.write() as session:
        member_id = member_id_of(session, member_code)
        if member_id is None and kind is not NeedKind.COMMUNITY:
            raise InvalidInput(N_("A personal or family need names its member (give the member's code)."))
        if incident_id is not None:
            get_incident(session, incident_id)
        record = NeedRecord(kind=kind, member_id=member_id, title=title.strip(), detail=(detail or "").strip(),
                            private=private, consent_to_name=consent_to_name and member_id is not None,
                            state=NeedState.OPEN, created_on=created_on or date.today(), incident_id=incident_id,
                            how="", evidence="")
        session.add(record)
        session.flush()
        record_change(session, entity=ENTITY, entity_id=record.id, before=None, after=_logged(record))
        return load_needs(session, [record.id], Viewer.desk())[0]


def need_ids(db: Database, *, need_filter: NeedFilter = NeedFilter()) -> list[int]:
    """The ids of the needs that match, newest first (rows are fetched lazily by `needs_by_id`)."""
    query = select(NEEDS.c.id)
    if need_filter.open_only:
        query = query.where(NEEDS.c.state != NeedState.MET.value)
    if need_filter.kind is not None:
        query = query.where(NEEDS.c.kind == need_filter.kind.value)
    if need_filter.member_code is not None:
        query = query.join(MEMBERS, MEMBERS.c.id == NEEDS.c.member_id).where(MEMBERS.c.code == need_filter.member_code)
    with db.read() as session:
        return list(session.execute(query.order_by(NEEDS.c.created_on.desc(), NEEDS.c.id.desc())).scalars())


def needs_by_id(db: Database, ids: list[int], *, viewer: Viewer) -> dict[int, Need]:
    with db.read() as session:
        return {need.id: need for need in load_needs(session, ids, viewer)}


def list_needs(db: Database, *, viewer: Viewer, open_only: bool = False) -> list[Need]:
    """Every need (or those not yet met), oldest first, as this viewer may see them."""
    query = needs_query()
    if open_only:
        query = query.where(NEEDS.c.state != NeedState.MET.value)
    with db.read() as session:
        return [need_from_row(row, viewer) for row in session.execute(query.order_by(NEEDS.c.id))]


def raise_need(db: Database, *, need_id: int, meeting_id: int) -> Need:
    """Bring an open need to a meeting: it becomes the last item of that meeting's agenda."""
    with db.write() as session:
        record = get_need(session, need_id)
        if record.state is not NeedState.OPEN:
            raise InvalidInput(N_("Need %(id)s is not open (it is %(state)s); only an open need is raised."),
                               id=need_id, state=record.state.value)
        meeting = get_meeting(session, meeting_id)
        require_live(meeting)
        last = session.scalar(select(func.max(AgendaItemRecord.position))
                              .where(AgendaItemRecord.meeting_id == meeting_id)) or 0
        # The agenda is public: a private need goes on it by its title only, never by its member.
        item = AgendaItemRecord(meeting_id=meeting_id, position=last + 1, title=record.title[:300], minutes="",
                                proposer_id=None if record.private else record.member_id)
        session.add(item)
        session.flush()
        before = _logged(record)
        record.state, record.raised_in_id, record.agenda_item_id = NeedState.RAISED, meeting_id, item.id
        session.flush()
        record_change(session, entity=ENTITY, entity_id=record.id, before=before,
                      after=_logged(record) | {"meeting": meeting_id})
        return load_needs(session, [record.id], Viewer.desk())[0]


def decide_need(db: Database, *, need_id: int, decision_id: int) -> Need:
    """Link a raised need to the decision the meeting took on it (its follow-up actions say what comes next)."""
    with db.write() as session:
        record = get_need(session, need_id)
        if record.state not in (NeedState.RAISED, NeedState.DECIDED):
            raise InvalidInput(N_("Need %(id)s has not been raised in a meeting yet."), id=need_id)
        decision = session.get(DecisionRecord, decision_id)
        if decision is None:
            raise InvalidInput(N_("There is no decision with id %(id)s."), id=decision_id)
        item = session.get(AgendaItemRecord, decision.item_id)
        if item is None or item.meeting_id != record.raised_in_id:
            raise InvalidInput(N_("Decision %(decision)s was not taken in the meeting need %(need)s was raised in."),
                               decision=decision_id, need=need_id)
        before = _logged(record)
        record.state, record.decision_id = NeedState.DECIDED, decision_id
        session.flush()
        record_change(session, entity=ENTITY, entity_id=record.id, before=before,
                      after=_logged(record) | {"decision": decision_id})
        return load_needs(session, [record.id], Viewer.desk())[0]


def meet_need(db: Database, *, need_id: int, on: date, how: str, evidence: str = "",
              version: int | None = None) -> Need:
    """Record that the need was met: when, how, and the evidence (a receipt, a document, a witness)."""
    check_texts((how, "how", HOW_MAX, True), (evidence, "evidence", EVIDENCE_MAX, False))
    not_after_today(on, "on")
    with db.write() as session:
        record = get_need(session, need_id)
        if version is not None and record.version != version:
            raise ConflictError()
        if record.state is NeedState.MET:
            raise InvalidInput(N_("Need %(id)s was already met on %(date)s."), id=need_id, date=record.met_on)
        if on < record.created_on:
            raise InvalidInput(N_("Need %(id)s was recorded on %(recorded)s; it cannot have been met before."),
                               id=need_id, recorded=record.created_on.isoformat())
        before = _logged(record)
        record.state, record.met_on = NeedState.MET, on
        record.how, record.evidence = how.strip(), (evidence or "").strip()
        session.flush()
        record_change(session, entity=ENTITY, entity_id=record.id, before=before, after=_logged(record))
        return load_needs(session, [record.id], Viewer.desk())[0]


def export_needs(db: Database, *, path: Path, viewer: Viewer) -> int:
    """Every need as CSV (UTF-8, ISO dates), private ones as this viewer may see them; returns the count."""
    from coopdesk.services.csv_io import write_csv

    rows = ((need.id, need.kind.value, need.member_code, need.title, need.detail, need.private, need.state.value,
             need.raised_in, need.decision_id, need.created_on, need.met_on, need.how, need.evidence)
            for need in list_needs(db, viewer=viewer))
    return write_csv(path, EXPORT_COLUMNS, rows)
