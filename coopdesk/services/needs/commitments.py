"""Commitments owed to the council by parties outside it (management, the SPE, a ministry, the communal
council…): add one, list them (overdue ones flagged), record that it was done.

A fund management pays and is behind with is a commitment too, derived from the ledger's figures rather than
recorded: owed by management, due since the arrears began, with the id "fund:CODE" (docs/cli.md, "Needs,
commitments, incidents"). It leaves the list once management deposits what it owes; it is never marked done.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import ConflictError, InvalidInput, NotFound
from coopdesk.domain.ledger import FundPayer
from coopdesk.domain.needs import (
    EVIDENCE_MAX,
    FUND_ID_PREFIX,
    OWED_BY_MAX,
    WHAT_MAX,
    Commitment,
    CommitmentState,
    fund_arrears_commitment,
)
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import CommitmentRecord, DecisionRecord
from coopdesk.services.change_log import record_change
from coopdesk.services.ledger.fund_accounts import fund_accounts
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
    """Every commitment, the soonest due first, with the funds in arrears among them; `overdue_only`: pending
    ones past their date."""
    today = today or date.today()
    with db.read() as session:
        commitments = load_commitments(session) + arrears_commitments(session)
    commitments.sort(key=lambda c: _order(c.due, c.id))
    return [c for c in commitments if c.overdue(today)] if overdue_only else commitments


def _order(due: date, commitment_id: int | str) -> tuple[date, bool, int, str]:
    """By due date; on one day a fund's arrears first, then the recorded ones by id."""
    recorded = isinstance(commitment_id, int)
    return due, recorded, commitment_id if isinstance(commitment_id, int) else 0, str(commitment_id)


def commitment_ids(db: Database, *, pending_only: bool = False) -> list[int | str]:
    """The ids in list order: the recorded ones (integers) and the funds in arrears ("fund:CODE")."""
    query = select(COMMITMENTS.c.id, COMMITMENTS.c.due)
    if pending_only:
        query = query.where(COMMITMENTS.c.state == CommitmentState.PENDING.value)
    with db.read() as session:
        rows: list[tuple[date, int | str]] = [(due, id_) for id_, due in session.execute(query)]
        rows += [(c.due, c.id) for c in arrears_commitments(session)]
    rows.sort(key=lambda row: _order(*row))
    return [id_ for _due, id_ in rows]


def commitments_by_id(db: Database, ids: list[int | str]) -> dict[int | str, Commitment]:
    with db.read() as session:
        found: dict[int | str, Commitment] = {
            c.id: c for c in load_commitments(session, [i for i in ids if isinstance(i, int)])}
        if any(isinstance(i, str) for i in ids):
            found |= {c.id: c for c in arrears_commitments(session) if c.id in ids}
    return found


def mark_done(db: Database, *, commitment_id: int | str, on: date, evidence: str = "",
              version: int | None = None) -> Commitment:
    """The party did what it owed, on `on`; `evidence` says how the council knows (a delivery note…)."""
    if isinstance(commitment_id, str):
        refuse_fund_commitment(db, commitment_id)
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


def refuse_fund_commitment(db: Database, commitment_id: str) -> None:
    """A fund's arrears are not marked done: they end when management deposits them (and the ledger says so)."""
    if commitment_id in {c.id for c in fund_arrears_commitments(db)}:
        raise InvalidInput(N_("%(id)s is the arrears of the fund %(code)s: it ends when management's deposit is "
                              "recorded in the ledger (ledger deposit), not by marking it done."),
                           id=commitment_id, code=commitment_id.removeprefix(FUND_ID_PREFIX))
    raise NotFound(N_("There is no commitment with id %(id)s."), id=commitment_id)


def fund_arrears_commitments(db: Database) -> list[Commitment]:
    """Each fund management pays and is behind with, as a commitment of management."""
    with db.read() as session:
        return arrears_commitments(session)


def arrears_commitments(session: Session, *, until: date | None = None) -> list[Commitment]:
    """From the ledger's figures: owed less deposited, due since the day the arrears began (counting the
    entries posted up to `until`: the arrears as they stood that day)."""
    return [fund_arrears_commitment(account.code, account.name, account.arrears_cents, account.arrears_since)
            for account in fund_accounts(session, until=until)
            if account.paid_by is FundPayer.MANAGEMENT and account.arrears_cents > 0
            and account.arrears_since is not None]
