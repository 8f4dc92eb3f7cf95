"""Commitments owed to the council by parties outside it (management, the SPE, a ministry, the communal
council…): add one, list them (overdue ones flagged), record that it was done.

Funds whose management-paid contributions are in arrears are commitments too; `fund_arrears_commitments`
is where they join the list once the ledger records what management owes (it returns none until then).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coopdesk.domain.errors import ConflictError, InvalidInput
from coopdesk.domain.needs import EVIDENCE_MAX, OWED_BY_MAX, WHAT_MAX, Commitment, CommitmentState
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import CommitmentRecord, DecisionRecord
from coopdesk.services.change_log import record_change
from coopdesk.services.needs._store import (
    COMMITMENTS,
    check_texts,
    get_commitment,
    get_incident,
    get_need,
    load_commitments,
    not_after_today,
)

ENTITY = "commitment"


def _logged(record: CommitmentRecord) -> dict[str, object]:
    return {"owed_by": record.owed_by, "what": record.what, "due": record.due.isoformat(),
            "state": record.state.value, "decision": record.decision_id, "need": record.need_id}


def add_commitment(db: Database, *, owed_by: str, what: str, due: date, decision_id: int | None = None,
                   need_id: int | None = None, incident_id: int | None = None,
                   created_on: date | None = None) -> Commitment:
    check_texts((owed_by, "owed_by", OWED_BY_MAX, True), (what, "what", WHAT_MAX, True))
    with db.write() as session:
        if decision_id is not None and session.get(DecisionRecord, decision_id) is None:
            raise InvalidInput(N_("There is no decision with id %(id)s."), id=decision_id)
        if need_id is not None:
            get_need(session, need_id)
        if incident_id is not None:
            get_incident(session, incident_id)
        record = CommitmentRecord(owed_by=" ".join(owed_by.split()), what=what.strip(), due=due,
                                  state=CommitmentState.PENDING, evidence="", decision_id=decision_id,
                                  need_id=need_id, incident_id=incident_id, created_on=created_on or date.today())
        session.add(record)
        session.flush()
        record_change(session, entity=ENTITY, entity_id=record.id, before=None, after=_logged(record))
        return load_commitments(session, [record.id])[0]


def list_commitments(db: Database, *, overdue_only: bool = False, today: date | None = None) -> list[Commitment]:
    """Every commitment, the soonest due first; `overdue_only`: pending ones past their date."""
    today = today or date.today()
    with db.read() as session:
        commitments = load_commitments(session)
    commitments += fund_arrears_commitments(db)
    return [c for c in commitments if c.overdue(today)] if overdue_only else commitments


def commitment_ids(db: Database, *, pending_only: bool = False) -> list[int]:
    query = select(COMMITMENTS.c.id)
    if pending_only:
        query = query.where(COMMITMENTS.c.state == CommitmentState.PENDING.value)
    with db.read() as session:
        return list(session.execute(query.order_by(COMMITMENTS.c.due, COMMITMENTS.c.id)).scalars())


def commitments_by_id(db: Database, ids: list[int]) -> dict[int, Commitment]:
    with db.read() as session:
        return {commitment.id: commitment for commitment in load_commitments(session, ids)}


def mark_done(db: Database, *, commitment_id: int, on: date, evidence: str = "",
              version: int | None = None) -> Commitment:
    """The party did what it owed, on `on`; `evidence` says how the council knows (a delivery note…)."""
    check_texts((evidence, "evidence", EVIDENCE_MAX, False))
    not_after_today(on, "on")
    with db.write() as session:
        record = get_commitment(session, commitment_id)
        if version is not None and record.version != version:
            raise ConflictError()
        if record.state is CommitmentState.DONE:
            raise InvalidInput(N_("Commitment %(id)s was already done on %(date)s."), id=commitment_id,
                               date=record.done_on.isoformat() if record.done_on else "")
        before = _logged(record)
        record.state, record.done_on, record.evidence = CommitmentState.DONE, on, (evidence or "").strip()
        session.flush()
        record_change(session, entity=ENTITY, entity_id=record.id, before=before,
                      after=_logged(record) | {"done_on": on.isoformat()})
        return load_commitments(session, [record.id])[0]


def fund_arrears_commitments(db: Database) -> list[Commitment]:
    """Funds with arrears, as commitments of management: a hook for the ledger's management-paid funds.

    This version of the ledger records no amounts owed by management, so there are none yet."""
    return []
