"""Session-level helpers every ledger service shares: looking records up, and posting entries.

Posting is the one door into `ledger_entries`: each entry gets `record_hash` over its content (everything but
its id, which the database assigns), and the whole posting enters the audit chain as one event whose
`after` holds the ids posted and a digest over (id, record_hash) of each — so `verify` can tell that an
entry was changed, swapped, or slipped in outside a posting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, func, select, text
from sqlalchemy.orm import Session, aliased

from coopdesk.domain.audit import printed_code, record_hash
from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.ledger import EntryKind, PeriodState
from coopdesk.domain.meetings import MotionResult
from coopdesk.i18n import N_, _
from coopdesk.persistence.base import utcnow
from coopdesk.persistence.models import (
    HourlyRateRecord,
    LedgerEntryRecord,
    MemberRecord,
    MotionRecord,
    PayPeriodRecord,
)
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.audit import append_event
from coopdesk.services.ledger.dto import Rate

# The audit actions that post entries; `verify` checks each one's digest against the entries.
POSTING_ACTIONS = ("ledger.close", "ledger.reverse", "ledger.surplus", "ledger.deposit", "ledger.payout")
NOTE_MAX = 500


# ---- looking up

def get_period(session: Session, period_id: int, *, lock: bool = False) -> PayPeriodRecord:
    return get_or_not_found(session, PayPeriodRecord, period_id, N_("There is no pay period %(id)s."), lock=lock)


def open_period(session: Session, period_id: int) -> PayPeriodRecord:
    """The period, which must still be open (a closed one is locked).

    The row is locked for the rest of the transaction, so hours saved on a shared server cannot slip into
    a period that another secretary is closing at the same moment."""
    period = get_period(session, period_id, lock=True)
    if period.state is not PeriodState.OPEN:
        raise InvalidInput(
            N_("Pay period %(id)s (%(start)s to %(end)s) is closed and locked. Reopen it by a passed motion, "
               "or post the correction in an open period."),
            id=period.id, start=period.starts_on.isoformat(), end=period.ends_on.isoformat())
    return period


def get_member(session: Session, code: str) -> MemberRecord:
    member = session.scalar(select(MemberRecord).where(MemberRecord.code == code))
    if member is None:
        raise NotFound(N_("There is no member with code %(code)s."), code=code)
    return member


def passed_motion(session: Session, motion_id: int) -> MotionRecord:
    """The motion, which must have passed: the assembly decides the rate, the funds and reopenings."""
    motion = get_or_not_found(session, MotionRecord, motion_id, N_("There is no motion %(id)s."))
    if motion.result is not MotionResult.PASSED:
        if motion.result is None:
            raise InvalidInput(N_("Motion %(id)s has not been voted on yet; only a passed motion counts."),
                               id=motion_id)
        raise InvalidInput(N_("Motion %(id)s did not pass (%(result)s); only a passed motion counts."),
                           id=motion_id, result=_(motion.result.label))
    return motion


def rate_in_force(session: Session, day: date) -> HourlyRateRecord | None:
    return session.scalar(
        select(HourlyRateRecord).where(HourlyRateRecord.effective_from <= day)
        .order_by(HourlyRateRecord.effective_from.desc()).limit(1)
    )


def to_rate(record: HourlyRateRecord, motion_text: str) -> Rate:
    return Rate(record.id, record.effective_from, record.rate_cents, record.motion_id, motion_text)


def rate_dto(session: Session, record: HourlyRateRecord | None) -> Rate | None:
    if record is None:
        return None
    return to_rate(record, session.scalar(select(MotionRecord.text).where(MotionRecord.id == record.motion_id))
                   or "")


def reason_text(text: str | None, *, limit: int = NOTE_MAX) -> str:
    """The reason a reversal or a reopening must give: trimmed, not empty, within the column's length."""
    value = " ".join((text or "").split())
    if not value:
        raise InvalidInput(N_("A reason is required."))
    if len(value) > limit:
        raise InvalidInput(N_("The reason is longer than %(max)d characters."), max=limit)
    return value


# ---- posting

@dataclass(frozen=True)
class Draft:
    """An entry about to be posted."""

    member_id: int | None  # None: a fund's own entry (a deposit, a payout to no one in particular)
    kind: str
    amount_cents: int
    period_id: int | None = None
    surplus_id: int | None = None
    fund_id: int | None = None
    reverses_id: int | None = None
    note: str | None = None
    motion_id: int | None = None  # the passed motion that decided it (a payout)


def _iso_utc(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def entry_content(*, posted_at: datetime, posted_on: date, period_id: int | None, surplus_id: int | None,
                  member_id: int | None, kind: str, fund_id: int | None, amount_cents: int, reverses_id: int | None,
                  note: str | None, motion_id: int | None = None) -> dict[str, Any]:
    """What an entry's record_hash covers: all of it but its id (bound to the hash by the posting's digest).

    The motion, a later column, is covered when there is one, so entries posted before it keep their hashes."""
    content = {
        "posted_at": _iso_utc(posted_at), "posted_on": posted_on.isoformat(), "period_id": period_id,
        "surplus_id": surplus_id, "member_id": member_id, "kind": kind, "fund_id": fund_id,
        "amount_cents": amount_cents, "reverses_id": reverses_id, "note": note,
    }
    if motion_id is not None:
        content["motion_id"] = motion_id
    return content


def posting_digest(pairs: Iterable[tuple[int, str | None]]) -> str:
    """One hash over the (id, record_hash) of every entry of a posting, in id order."""
    return record_hash({"entries": [[entry_id, digest] for entry_id, digest in sorted(pairs)]})


def id_runs(ids: Iterable[int]) -> list[list[int]]:
    """[3, 4, 5, 9] -> [[3, 5], [9, 9]]: the ids of a posting, compactly, for the audit event."""
    runs: list[list[int]] = []
    for entry_id in sorted(ids):
        if runs and runs[-1][1] == entry_id - 1:
            runs[-1][1] = entry_id
        else:
            runs.append([entry_id, entry_id])
    return runs


def expand_runs(runs: Iterable[Sequence[int]]) -> list[int]:
    return [entry_id for first, last in runs for entry_id in range(first, last + 1)]


def verification_code(digest: str) -> str:
    """The short form printed on reports (the same on every document)."""
    return printed_code(digest)


def post(session: Session, drafts: Sequence[Draft], *, posted_on: date, action: str, entity: str,
         entity_id: object, details: dict[str, Any]) -> list[int]:
    """Insert the entries (one executemany) and the audit event of the posting; returns the new ids in order."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7261)"))  # the audit chain's lock: one poster at a time
    posted_at = utcnow()
    rows = []
    for draft in drafts:
        row = {
            "posted_at": posted_at, "posted_on": posted_on, "period_id": draft.period_id,
            "surplus_id": draft.surplus_id, "member_id": draft.member_id, "kind": draft.kind,
            "fund_id": draft.fund_id, "amount_cents": draft.amount_cents, "reverses_id": draft.reverses_id,
            "note": draft.note, "motion_id": draft.motion_id,
        }
        row["record_hash"] = record_hash(entry_content(**row))
        rows.append(row)
    pairs: list[tuple[int, str]] = []
    if rows:
        # Writers are serialized (BEGIN IMMEDIATE, or the lock above), so the new rows are those past the last id.
        last = session.scalar(select(func.max(LedgerEntryRecord.id))) or 0
        session.execute(LedgerEntryRecord.__table__.insert(), rows)
        pairs = [(entry_id, digest) for entry_id, digest in session.execute(
            select(LedgerEntryRecord.id, LedgerEntryRecord.record_hash)
            .where(LedgerEntryRecord.id > last).order_by(LedgerEntryRecord.id))]
    ids = [entry_id for entry_id, _digest in pairs]
    append_event(session, action=action, entity=entity, entity_id=entity_id, after={
        **details, "posted": {"ids": id_runs(ids), "count": len(ids), "digest": posting_digest(pairs)}})
    return ids


# ---- reading entries

def effective_entries(session: Session, period_id: int) -> list[LedgerEntryRecord]:
    """The period's own pay entries that no reversal has undone (what its current pay lines are)."""
    reversal = aliased(LedgerEntryRecord)
    return list(session.scalars(
        select(LedgerEntryRecord)
        .outerjoin(reversal, reversal.reverses_id == LedgerEntryRecord.id)
        .where(and_(LedgerEntryRecord.period_id == period_id, LedgerEntryRecord.kind != EntryKind.REVERSAL.value,
                    reversal.id.is_(None)))
        .order_by(LedgerEntryRecord.id)
    ))


def reversal_drafts(entries: Iterable[LedgerEntryRecord], *, period_id: int | None, note: str) -> list[Draft]:
    """The exact opposite of each entry (same member, fund and surplus), posted into `period_id`."""
    return [
        Draft(member_id=entry.member_id, kind=EntryKind.REVERSAL.value, amount_cents=-entry.amount_cents,
              period_id=period_id, surplus_id=entry.surplus_id, fund_id=entry.fund_id, reverses_id=entry.id,
              note=note)
        for entry in entries
    ]
