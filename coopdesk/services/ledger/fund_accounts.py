"""The social funds' own accounts: what management owes them and deposits, and payouts by the council's motion.

A fund paid by management is owed `owed:CODE` for every pay line posted; what management really pays in is a
`deposit:CODE` entry (no member), and the arrears are the difference. Any fund pays out (`payout:CODE`, to a
member or to no one in particular) only what it holds, and only as a passed motion decided. Deposits and
payouts are posted like every entry (hashed, in the audit chain); a mistake is reversed, never edited.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.ledger import EntryKind, FundPayer, arrears_since, fund_kind, split_kind
from coopdesk.domain.money import format_amount_plain
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import FundRecord, LedgerEntryRecord
from coopdesk.services.ledger._store import NOTE_MAX, Draft, get_member, passed_motion, post
from coopdesk.services.ledger.dto import FundBalance, FundHistory, FundMonth, FundMove

Entry = LedgerEntryRecord


# ---- where the funds stand

def fund_balance(db: Database, *, fund_code: str) -> FundBalance:
    """One fund's account as it stands now."""
    with db.read() as session:
        record = _fund(session, fund_code)
        return next(account for account in fund_accounts(session) if account.code == record.code)


def fund_accounts(session: Session, *, until: date | None = None) -> tuple[FundBalance, ...]:
    """Every fund's account, counting the entries posted up to `until` (all of them without it)."""
    records = list(session.scalars(select(FundRecord).order_by(FundRecord.id)))
    sums: dict[tuple[int, EntryKind], int] = defaultdict(int)
    owed: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for fund_id, kind, day, amount in _fund_entries(session, until):
        entry_kind = split_kind(kind)[0]
        sums[(fund_id, entry_kind)] += amount
        if entry_kind is EntryKind.OWED:
            owed[fund_id].append((day, amount))
    return tuple(
        FundBalance(record.code, record.name, FundPayer(record.paid_by),
                    contributed_cents=sums[(record.id, EntryKind.CONTRIBUTION)],
                    owed_cents=sums[(record.id, EntryKind.OWED)],
                    deposited_cents=sums[(record.id, EntryKind.DEPOSIT)],
                    paid_out_cents=sums[(record.id, EntryKind.PAYOUT)],
                    arrears_since=arrears_since(owed[record.id], sums[(record.id, EntryKind.DEPOSIT)]))
        for record in records
    )


def _fund_entries(session: Session, until: date | None) -> list[tuple[int, str, date, int]]:
    """(fund id, kind, day, cents) of every fund entry by day — a reversal under the kind of what it undoes."""
    original = aliased(Entry)
    kind = func.coalesce(original.kind, Entry.kind)
    query = (select(Entry.fund_id, kind, Entry.posted_on, func.sum(Entry.amount_cents))
             .outerjoin(original, original.id == Entry.reverses_id)
             .where(Entry.fund_id.is_not(None))
             .group_by(Entry.fund_id, kind, Entry.posted_on).order_by(Entry.posted_on))
    if until is not None:
        query = query.where(Entry.posted_on <= until)
    return [(fund_id, entry_kind, day, int(total)) for fund_id, entry_kind, day, total in session.execute(query)]


def fund_history(db: Database, *, fund_code: str, today: date | None = None) -> FundHistory:
    """What management owed and deposited, in all, at the end of each month from the fund's first entry on."""
    with db.read() as session:
        record = _fund(session, fund_code)
        balance = next(account for account in fund_accounts(session) if account.code == record.code)
        entries = [(day, split_kind(kind)[0], cents) for fund_id, kind, day, cents in _fund_entries(session, None)
                   if fund_id == record.id]
    months: list[FundMonth] = []
    if entries:
        owed = deposited = 0
        month, last = entries[0][0].replace(day=1), max(entries[-1][0], today or date.today()).replace(day=1)
        pending = iter(entries)
        entry = next(pending, None)
        while month <= last:
            following = _next_month(month)
            while entry is not None and entry[0] < following:
                owed += entry[2] if entry[1] is EntryKind.OWED else 0
                deposited += entry[2] if entry[1] is EntryKind.DEPOSIT else 0
                entry = next(pending, None)
            months.append(FundMonth(month, owed, deposited))
            month = following
    return FundHistory(balance, tuple(months))


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


# ---- deposits and payouts

def record_deposit(db: Database, *, fund_code: str, amount_cents: int, paid_on: date, note: str | None = None,
                   today: date | None = None) -> FundMove:
    """What management really paid into a fund it owes, on the day it paid."""
    with db.write() as session:
        return post_deposit(session, fund_code=fund_code, amount_cents=amount_cents, paid_on=paid_on, note=note,
                            today=today or date.today())


def post_deposit(session: Session, *, fund_code: str, amount_cents: int, paid_on: date, note: str | None,
                 today: date) -> FundMove:
    record = _fund(session, fund_code)
    if FundPayer(record.paid_by) is not FundPayer.MANAGEMENT:
        raise InvalidInput(N_("The fund %(code)s is paid by the workers from their pay; management owes it "
                              "nothing to deposit."), code=record.code)
    note = _checked(amount_cents, paid_on, note, today)
    kind = fund_kind(EntryKind.DEPOSIT, record.code)
    (entry_id,) = post(session, [Draft(member_id=None, kind=kind, amount_cents=amount_cents, fund_id=record.id,
                                       note=note)],
                       posted_on=paid_on, action="ledger.deposit", entity="fund", entity_id=record.code,
                       details={"amount": format_amount_plain(amount_cents), "paid_on": paid_on.isoformat()})
    return FundMove(entry_id, record.code, kind, amount_cents, paid_on, note=note)


def pay_out(db: Database, *, fund_code: str, amount_cents: int, paid_on: date, motion_id: int,
            member_code: str | None = None, note: str | None = None, today: date | None = None) -> FundMove:
    """Pay out of a fund as a passed motion decided — to a member, or to no one in particular — at most what
    the fund holds."""
    with db.write() as session:
        return post_payout(session, fund_code=fund_code, amount_cents=amount_cents, paid_on=paid_on,
                           motion_id=motion_id, member_code=member_code, note=note, today=today or date.today())


def post_payout(session: Session, *, fund_code: str, amount_cents: int, paid_on: date, motion_id: int,
                member_code: str | None, note: str | None, today: date) -> FundMove:
    record = _fund(session, fund_code)
    motion = passed_motion(session, motion_id)
    note = _checked(amount_cents, paid_on, note, today)
    member = get_member(session, member_code.strip()) if member_code and member_code.strip() else None
    held = next(account for account in fund_accounts(session) if account.code == record.code).held_cents
    if amount_cents > held:
        raise InvalidInput(N_("The fund %(code)s holds %(held)s; it cannot pay out %(amount)s."),
                           code=record.code, held=format_amount_plain(held),
                           amount=format_amount_plain(amount_cents))
    kind = fund_kind(EntryKind.PAYOUT, record.code)
    (entry_id,) = post(session, [Draft(member_id=member.id if member else None, kind=kind,
                                       amount_cents=amount_cents, fund_id=record.id, note=note,
                                       motion_id=motion.id)],
                       posted_on=paid_on, action="ledger.payout", entity="fund", entity_id=record.code,
                       details={"amount": format_amount_plain(amount_cents), "paid_on": paid_on.isoformat(),
                                "motion_id": motion.id, "member": member.code if member else None})
    return FundMove(entry_id, record.code, kind, amount_cents, paid_on, member.code if member else None,
                    motion.id, note)


def _fund(session: Session, code: str) -> FundRecord:
    record = session.scalar(select(FundRecord).where(FundRecord.code == code.strip()))
    if record is None:
        raise NotFound(N_("There is no fund with code %(code)s."), code=code)
    return record


def _checked(amount_cents: int, paid_on: date, note: str | None, today: date | None) -> str | None:
    """An amount above zero, a day not yet to come, a note within the column: the note, tidied."""
    if amount_cents <= 0:
        raise InvalidInput(N_("The amount must be more than zero."))
    if paid_on > (today or date.today()):
        raise InvalidInput(N_("%(date)s has not come yet; record a payment once it is made."),
                           date=paid_on.isoformat())
    text = " ".join((note or "").split()) or None
    if text is not None and len(text) > NOTE_MAX:
        raise InvalidInput(N_("The note is longer than %(max)d characters."), max=NOTE_MAX)
    return text
