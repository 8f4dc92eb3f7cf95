"""The needs PDFs as user actions: a letter to the party that owes a commitment, and the year's report of
needs, commitments and incidents for the assembly (reportlab loaded only here)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime

from coopdesk.domain.errors import UsageError
from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.needs import (
    Commitment,
    CommitmentLetter,
    CommitmentState,
    IncidentKind,
    NeedKind,
    NeedsYear,
    Viewer,
)
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AgendaItemRecord, DecisionRecord, MeetingRecord
from coopdesk.reports import report_languages
from coopdesk.services.meetings._detail import council_of
from coopdesk.services.needs._store import get_commitment, load_commitments, load_incidents, load_needs
from coopdesk.services.needs.commitments import arrears_commitments


def commitment_letter(db: Database, *, commitment_id: int, today: date | None = None) -> CommitmentLetter:
    """What the letter cites: the commitment, and the decision, meeting and acta code that demanded it."""
    with db.read() as session:
        get_commitment(session, commitment_id)
        commitment = load_commitments(session, [commitment_id])[0]
        decision = session.get(DecisionRecord, commitment.decision_id) if commitment.decision_id else None
        item = session.get(AgendaItemRecord, decision.item_id) if decision else None
        meeting = session.get(MeetingRecord, item.meeting_id) if item else None
        return CommitmentLetter(
            council=council_of(session), commitment=commitment, today=today or date.today(),
            decision_text=decision.text if decision else None,
            meeting_id=meeting.id if meeting else None, meeting_title=meeting.title if meeting else None,
            meeting_on=meeting.starts_at.date() if meeting else None,
            # The acta's code exists once its minutes are approved and locked.
            verification_code=meeting.record_hash if meeting and meeting.state is MeetingState.APPROVED else None,
        )


def letter_report(db: Database, *, commitment_id: int, lang: str, generated_at: datetime | None = None) -> bytes:
    """The letter in Spanish or English (a letter is written in one language: es+en is refused)."""
    if report_languages(lang) and "+" in lang:
        raise UsageError(N_("A letter is written in one language; use es or en."))
    from coopdesk.reports.letter import LetterReport

    letter = commitment_letter(db, commitment_id=commitment_id)
    return LetterReport(letter=letter, lang=lang, generated_at=generated_at).render()


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
