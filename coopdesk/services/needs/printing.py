"""The needs PDFs as user actions: a letter to the party that owes a commitment, and the year's report of
needs, commitments and incidents for the assembly (reportlab loaded only here)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, NotFound, UsageError
from coopdesk.domain.ledger import EntryKind, FundPayer, fund_kind
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.needs import (
    FUND_ID_PREFIX,
    Commitment,
    CommitmentLetter,
    CommitmentState,
    FundArrearsFacts,
    IncidentKind,
    NeedKind,
    NeedsYear,
    Viewer,
)
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    DecisionRecord,
    FundRecord,
    LedgerEntryRecord,
    MeetingRecord,
    MotionRecord,
)
from coopdesk.reports import report_languages
from coopdesk.services.anchor import printed_mark
from coopdesk.services.ledger.fund_accounts import fund_accounts
from coopdesk.services.meetings._detail import council_of
from coopdesk.services.needs._store import get_commitment, load_commitments, load_incidents, load_needs
from coopdesk.services.needs.commitments import arrears_commitments


def commitment_letter(db: Database, *, commitment_id: int | str, today: date | None = None) -> CommitmentLetter:
    """What the letter cites: the commitment, and the decision, meeting and acta code that demanded it; for a
    fund in arrears ("fund:CODE"), the fund's figures and the motion that set the fund."""
    today = today or date.today()
    with db.read() as session:
        if isinstance(commitment_id, str):
            return _fund_letter(session, commitment_id, today)
        get_commitment(session, commitment_id)
        commitment = load_commitments(session, [commitment_id])[0]
        decision = session.get(DecisionRecord, commitment.decision_id) if commitment.decision_id else None
        item = session.get(AgendaItemRecord, decision.item_id) if decision else None
        return _letter(session, commitment, today, decision.text if decision else None, item)


def _letter(session: Session, commitment: Commitment, today: date, agreement: str | None,
            item: AgendaItemRecord | None, fund: FundArrearsFacts | None = None) -> CommitmentLetter:
    meeting = session.get(MeetingRecord, item.meeting_id) if item else None
    return CommitmentLetter(
        council=council_of(session), commitment=commitment, today=today, decision_text=agreement,
        meeting_id=meeting.id if meeting else None, meeting_title=meeting.title if meeting else None,
        meeting_on=meeting.starts_at.date() if meeting else None,
        # The acta's code exists once its minutes are approved and locked.
        verification_code=meeting.record_hash if meeting and meeting.state is MeetingState.APPROVED else None,
        fund=fund)


def _fund_letter(session: Session, commitment_id: str, today: date) -> CommitmentLetter:
    """Management's arrears with a fund: what it owes and deposited, each deposit, and the fund's motion (the
    decision that set the fund, and the acta that holds it), if it has one."""
    commitment = next((c for c in arrears_commitments(session) if c.id == commitment_id), None)
    code = commitment_id.removeprefix(FUND_ID_PREFIX)
    fund = session.scalar(select(FundRecord).where(FundRecord.code == code))
    if commitment is None or fund is None:
        if fund is not None and fund.paid_by is FundPayer.MANAGEMENT:
            raise InvalidInput(N_("Management owes the fund %(code)s nothing: there are no arrears to write about."),
                               code=code)
        raise NotFound(N_("There is no commitment with id %(id)s."), id=commitment_id)
    account = next(a for a in fund_accounts(session) if a.code == fund.code)
    reversed_ids = select(LedgerEntryRecord.reverses_id).where(LedgerEntryRecord.reverses_id.is_not(None))
    deposits = tuple((day, cents) for day, cents in session.execute(
        select(LedgerEntryRecord.posted_on, LedgerEntryRecord.amount_cents)
        .where(LedgerEntryRecord.fund_id == fund.id,
               LedgerEntryRecord.kind == fund_kind(EntryKind.DEPOSIT, fund.code),
               LedgerEntryRecord.id.not_in(reversed_ids))
        .order_by(LedgerEntryRecord.posted_on, LedgerEntryRecord.id)))
    facts = FundArrearsFacts(account.owed_cents, account.deposited_cents, deposits)
    motion = session.get(MotionRecord, fund.motion_id) if fund.motion_id else None
    decision = session.scalar(select(DecisionRecord).where(DecisionRecord.motion_id == motion.id)
                              .order_by(DecisionRecord.id).limit(1)) if motion else None
    item = session.get(AgendaItemRecord, motion.item_id) if motion else None
    agreement = decision.text if decision else motion.text if motion else None
    return _letter(session, commitment, today, agreement, item, facts)


def letter_report(db: Database, *, commitment_id: int | str, lang: str, generated_at: datetime | None = None) -> bytes:
    """The letter in Spanish or English (a letter is written in one language: es+en is refused)."""
    if report_languages(lang) and "+" in lang:
        raise UsageError(N_("A letter is written in one language; use es or en."))
    from coopdesk.reports.letter import LetterReport

    letter = commitment_letter(db, commitment_id=commitment_id)
    report = LetterReport(letter=letter, lang=lang, generated_at=generated_at)
    report.chain_mark = printed_mark(db)  # printed under the acta's code: where the audit chain stood
    return report.render()


def needs_year(db: Database, *, year: int, today: date | None = None) -> NeedsYear:
    """The year's figures. Reports are read by the whole assembly: private needs come without a name unless
    their member agreed to be named (`public_name`).

    What was open or overdue is told as it stood at the end of the year (today, for the current one): a
    commitment done, or a need met, in a later year was still pending when the year closed."""
    as_of = min(today or date.today(), date(year, 12, 31))
    with db.read() as session:
        needs = load_needs(session, None, Viewer.desk())
        commitments = [as_it_stood(c, as_of) for c in load_commitments(session)] + arrears_commitments(
            session, until=as_of)
        incidents = load_incidents(session, Viewer.anonymous())
        council = council_of(session)
    raised = Counter((n.kind, n.created_on.month) for n in needs if n.created_on.year == year)
    met = Counter((n.kind, n.met_on.month) for n in needs if n.met_on and n.met_on.year == year)
    return NeedsYear(
        council=council, year=year, today=as_of,
        raised_by_kind_month={kind: tuple(raised[kind, m] for m in range(1, 13)) for kind in NeedKind},
        met_by_kind_month={kind: tuple(met[kind, m] for m in range(1, 13)) for kind in NeedKind},
        met_needs=tuple(n for n in needs if n.met_on and n.met_on.year == year),
        open_needs=tuple(n for n in needs if (n.met_on is None or n.met_on > as_of) and n.created_on <= as_of),
        overdue=tuple(c for c in commitments if c.created_on <= as_of and c.overdue(as_of)),
        commitments_done=tuple(c for c in commitments if c.done_on and c.done_on.year == year),
        incidents_by_kind={kind: sum(1 for i in incidents if i.kind is kind and i.occurred_on.year == year)
                           for kind in IncidentKind},
    )


def as_it_stood(commitment: Commitment, day: date) -> Commitment:
    """The commitment as it stood at the end of `day`: one done later was still pending then."""
    if commitment.done_on is None or commitment.done_on <= day:
        return commitment
    return replace(commitment, state=CommitmentState.PENDING, done_on=None, evidence="")


def needs_report(db: Database, *, year: int, lang: str, generated_at: datetime | None = None,
                 today: date | None = None) -> bytes:
    report_languages(lang)
    from coopdesk.reports.needs import NeedsReport

    return NeedsReport(data=needs_year(db, year=year, today=today), lang=lang, generated_at=generated_at).render()
