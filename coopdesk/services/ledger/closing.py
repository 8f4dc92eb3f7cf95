"""The payroll of a period: its preview while open, closing (posting it), reopening by motion.

Closing posts, per member, gross = hours × the rate in force on the period's first day, one contribution per
active fund the workers pay, one amount owed per active fund management pays, the advances and
net = gross − contributions − advances (`coopdesk.domain.payroll`, half-up to the cent; what management owes
is not deducted), and locks the period. A period reopened by a passed motion is closed again the same way: members whose
line came out the same are left alone; any other line is reversed whole and posted anew, so the books only
ever grow and every pay line balances.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem
from coopdesk.domain.ledger import EntryKind, FundPayer, PeriodState, fund_kind, split_kind
from coopdesk.domain.money import format_amount_plain
from coopdesk.domain.payroll import Fund as PayFund
from coopdesk.domain.payroll import PayLine, compute_payroll, pay_line
from coopdesk.i18n import N_
from coopdesk.persistence.base import utcnow
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AdvanceRecord,
    FundRecord,
    HourlyRateRecord,
    HoursRecord,
    LedgerEntryRecord,
    MemberRecord,
    PayPeriodRecord,
    PeriodReopeningRecord,
)
from coopdesk.services.audit import append_event
from coopdesk.services.ledger._rows import Entry, load_rows
from coopdesk.services.ledger._store import (
    NOTE_MAX,
    Draft,
    effective_entries,
    get_period,
    open_period,
    passed_motion,
    post,
    posting_digest,
    rate_dto,
    rate_in_force,
    reason_text,
    reversal_drafts,
    verification_code,
)
from coopdesk.services.ledger.dto import (
    CloseResult,
    Correction,
    EntryRow,
    Fund,
    Payroll,
    PayrollLine,
    PeriodSummary,
)
from coopdesk.services.ledger.periods import summary
from coopdesk.services.ledger.setup import fund_records, to_fund
from coopdesk.services.seals import period_inputs

NO_RATE = N_("No hourly rate is in force on %(date)s; set one with a passed motion first (ledger rate).")


def payroll(db: Database, *, period_id: int) -> Payroll:
    """An open period's payroll as closing would post it now; a closed period's as it was posted."""
    with db.read() as session:
        period = get_period(session, period_id)
        if period.state is PeriodState.OPEN:
            return _preview(session, period)
        return _posted(session, period)


def close_period(db: Database, *, period_id: int, posted_on: date | None = None) -> CloseResult:
    with db.write() as session:
        return close(session, period_id=period_id, posted_on=posted_on or date.today())


def reopen_period(db: Database, *, period_id: int, motion_id: int, reason: str) -> PeriodSummary:
    """Reopen a closed period, as a passed motion decided; the motion and the reason are kept."""
    with db.write() as session:
        period = get_period(session, period_id)
        if period.state is not PeriodState.CLOSED:
            raise InvalidInput(N_("Pay period %(id)s is open; only a closed period can be reopened."), id=period.id)
        motion = passed_motion(session, motion_id)
        reason = reason_text(reason, limit=1000)
        session.add(PeriodReopeningRecord(period_id=period.id, motion_id=motion.id, reason=reason))
        period.state, period.closed_at = PeriodState.OPEN, None
        session.flush()
        append_event(session, action="ledger.period.reopen", entity="pay_period", entity_id=period.id,
                     after={"motion_id": motion.id, "reason": reason})
        return summary(session, period)


# ---- computing

def _inputs(session: Session, period: PayPeriodRecord
            ) -> tuple[HourlyRateRecord | None, list[Fund], dict[str, tuple[int, str]], dict[str, int], dict[str, int]]:
    """The rate in force, the active funds, the members concerned (code -> id, name), hours and advances."""
    rate = rate_in_force(session, period.starts_on)
    funds = fund_records(session, active_only=True)
    members: dict[str, tuple[int, str]] = {}
    hours: dict[str, int] = {}
    for member_id, code, name, value in session.execute(
        select(MemberRecord.id, MemberRecord.code, MemberRecord.full_name, HoursRecord.hundredths)
        .join(HoursRecord, HoursRecord.member_id == MemberRecord.id).where(HoursRecord.period_id == period.id)
    ):
        members[code], hours[code] = (member_id, name), value
    advances: dict[str, int] = {}
    for member_id, code, name, total in session.execute(
        select(MemberRecord.id, MemberRecord.code, MemberRecord.full_name, func.sum(AdvanceRecord.amount_cents))
        .join(AdvanceRecord, AdvanceRecord.member_id == MemberRecord.id).where(AdvanceRecord.period_id == period.id)
        .group_by(MemberRecord.id, MemberRecord.code, MemberRecord.full_name)
    ):
        members[code], advances[code] = (member_id, name), int(total)
    return rate, funds, members, hours, advances


def _lines(pay_lines: tuple[PayLine, ...], members: dict[str, tuple[int, str]]) -> tuple[PayrollLine, ...]:
    return tuple(
        PayrollLine(line.member_code, members[line.member_code][1], line.hours_hundredths, line.gross_cents,
                    tuple(cents for _code, cents in line.contributions), line.advances_cents, line.net_cents,
                    tuple(cents for _code, cents in line.owed))
        for line in pay_lines
    )


def totals(lines: tuple[PayrollLine, ...], fund_count: int, owed_count: int = 0) -> PayrollLine:
    return PayrollLine(
        "", "", sum(line.hours_hundredths for line in lines), sum(line.gross_cents for line in lines),
        tuple(sum(line.contributions[index] for line in lines) for index in range(fund_count)),
        sum(line.advances_cents for line in lines), sum(line.net_cents for line in lines),
        tuple(sum(line.owed[index] for line in lines) for index in range(owed_count)),
    )


def _split(funds: list[Fund]) -> tuple[list[Fund], list[Fund]]:
    """The funds the workers pay (deducted) and those management pays (owed), each in the funds' order."""
    return ([fund for fund in funds if fund.paid_by is FundPayer.WORKERS],
            [fund for fund in funds if fund.paid_by is FundPayer.MANAGEMENT])


def _pay_funds(funds: list[Fund]) -> list[PayFund]:
    return [PayFund(fund.code, fund.percent_hundredths, fund.paid_by) for fund in funds]


def _preview(session: Session, period: PayPeriodRecord) -> Payroll:
    rate, funds, members, hours, advances = _inputs(session, period)
    workers_funds, owed_funds = _split(funds)
    pay_funds = _pay_funds(funds)
    problems: list[Problem] = []
    if rate is None:
        problems.append(Problem(NO_RATE, {"date": period.starts_on.isoformat()}))
        pay_lines = tuple(pay_line(code, hours.get(code, 0), 0, pay_funds, advances.get(code, 0))
                          for code in sorted(members))
    else:
        pay_lines = compute_payroll(hours, rate.rate_cents, pay_funds, advances)
    lines = _lines(pay_lines, members)
    return Payroll(summary(session, period), rate_dto(session, rate), tuple(workers_funds), lines,
                   totals(lines, len(workers_funds), len(owed_funds)), posted=False,
                   corrections=_rows_and_corrections(session, period)[1], problems=tuple(problems),
                   owed_funds=tuple(owed_funds))


def _posted(session: Session, period: PayPeriodRecord) -> Payroll:
    """The period's pay lines as they stand (entries no reversal has undone) and, beside them, every correction
    that touches the period: its entries that were reversed, and the reversals posted in it."""
    rows, corrections = _rows_and_corrections(session, period)
    current = [row for row in rows if row.period_id == period.id and row.kind != EntryKind.REVERSAL.value
               and row.reversed_by_id is None]
    funds = _posted_funds(session, current, EntryKind.CONTRIBUTION)
    owed_funds = _posted_funds(session, current, EntryKind.OWED)
    hours = dict(session.execute(select(MemberRecord.code, HoursRecord.hundredths)
                                 .join(HoursRecord, HoursRecord.member_id == MemberRecord.id)
                                 .where(HoursRecord.period_id == period.id)).all())
    lines = tuple(_line_from_rows(code, member_rows, hours.get(code, 0), funds, owed_funds)
                  for code, member_rows in sorted(_by_member(current).items()))
    hashes = dict(session.execute(select(LedgerEntryRecord.id, LedgerEntryRecord.record_hash)
                                  .where(LedgerEntryRecord.period_id == period.id)).all())
    verification = verification_code(posting_digest((row.id, hashes.get(row.id)) for row in current))
    rate = session.get(HourlyRateRecord, period.rate_id) if period.rate_id else None
    return Payroll(summary(session, period), rate_dto(session, rate), tuple(funds), lines,
                   totals(lines, len(funds), len(owed_funds)), posted=True, corrections=corrections,
                   verification=verification, owed_funds=tuple(owed_funds))


def _posted_funds(session: Session, rows: list[EntryRow], kind: EntryKind) -> list[Fund]:
    """The funds that entries of this kind (contribution or owed) were posted to."""
    codes = {code for row in rows for entry_kind, code in [split_kind(row.kind)] if entry_kind is kind}
    return [to_fund(record) for record in session.scalars(
        select(FundRecord).where(FundRecord.code.in_(sorted(codes))).order_by(FundRecord.id))] if codes else []


def _rows_and_corrections(session: Session, period: PayPeriodRecord) -> tuple[list[EntryRow], tuple[Correction, ...]]:
    """The period's entries (and reversals of them posted elsewhere), and each reversal beside its original."""
    rows = load_rows(session, or_(Entry.period_id == period.id, Entry.reverses_id.in_(
        select(LedgerEntryRecord.id).where(LedgerEntryRecord.period_id == period.id))))
    by_id = {row.id: row for row in rows}
    corrections = [Correction(by_id[row.reverses_id], row) for row in rows
                   if row.kind == EntryKind.REVERSAL.value and row.reverses_id in by_id]
    foreign = [row for row in rows if row.kind == EntryKind.REVERSAL.value and row.reverses_id not in by_id]
    if foreign:  # reversals posted here of entries of other periods or of a surplus
        originals = {row.id: row for row in load_rows(session, Entry.id.in_([r.reverses_id for r in foreign]))}
        corrections += [Correction(originals[row.reverses_id], row) for row in foreign]
    corrections.sort(key=lambda pair: (pair.reversal.id, pair.original.id))
    return rows, tuple(corrections)


def _by_member(rows: list[EntryRow]) -> dict[str, list[EntryRow]]:
    grouped: dict[str, list[EntryRow]] = defaultdict(list)
    for row in rows:
        grouped[row.member_code].append(row)
    return grouped


def _line_from_rows(code: str, rows: list[EntryRow], hours: int, funds: list[Fund],
                    owed_funds: list[Fund]) -> PayrollLine:
    sums: dict[str, int] = defaultdict(int)
    for row in rows:
        sums[row.kind] += row.amount_cents
    return PayrollLine(code, rows[0].member_name, hours, sums[EntryKind.GROSS.value],
                       tuple(sums[fund_kind(EntryKind.CONTRIBUTION, fund.code)] for fund in funds),
                       sums[EntryKind.ADVANCE.value], sums[EntryKind.NET.value],
                       tuple(sums[fund_kind(EntryKind.OWED, fund.code)] for fund in owed_funds))


# ---- closing

def close(session: Session, *, period_id: int, posted_on: date) -> CloseResult:
    period = open_period(session, period_id)
    rate, funds, members, hours, advances = _inputs(session, period)
    if rate is None:
        raise InvalidInput(NO_RATE, date=period.starts_on.isoformat())
    pay_lines = compute_payroll(hours, rate.rate_cents, _pay_funds(funds), advances,
                                days=(period.ends_on - period.starts_on).days + 1)
    workers_funds, owed_funds = _split(funds)
    fund_ids = {fund.code: fund.id for fund in funds}
    reason = session.scalar(select(PeriodReopeningRecord.reason).where(PeriodReopeningRecord.period_id == period.id)
                            .order_by(PeriodReopeningRecord.id.desc()).limit(1))
    note = reason[:NOTE_MAX] if reason else None  # the reopening's reason explains the reversals
    standing: dict[int, list[LedgerEntryRecord]] = defaultdict(list)
    for entry in effective_entries(session, period.id) if reason else ():  # lines posted before a reopening
        standing[entry.member_id].append(entry)
    drafts: list[Draft] = []
    reversed_count = 0
    for line in pay_lines:
        member_id = members[line.member_code][0]
        new = line.entries()
        old = standing.pop(member_id, [])
        if sorted((entry.kind, entry.amount_cents) for entry in old) == sorted(new):
            continue  # closed again with the same figures: nothing to correct
        drafts += reversal_drafts(old, period_id=period.id, note=note)
        reversed_count += len(old)
        drafts += [Draft(member_id=member_id, kind=kind, amount_cents=cents, period_id=period.id,
                         fund_id=fund_ids.get(split_kind(kind)[1] or ""))
                   for kind, cents in new]
    for old in standing.values():  # members no longer in the payroll
        drafts += reversal_drafts(old, period_id=period.id, note=note)
        reversed_count += len(old)
    lines = _lines(pay_lines, members)
    total = totals(lines, len(workers_funds), len(owed_funds))
    ids = post(session, drafts, posted_on=posted_on, action="ledger.close", entity="pay_period",
               entity_id=period.id, details={
                   "rate_cents": rate.rate_cents, "members": len(lines),
                   "gross": format_amount_plain(total.gross_cents), "net": format_amount_plain(total.net_cents),
                   # what the lines were computed from, so that `verify` can tell if it changed afterwards
                   "inputs": period_inputs(session, period.id, rate),
                   "funds": [[fund.id, fund.code, fund.percent_hundredths] for fund in funds]})
    period.state, period.closed_at, period.rate_id = PeriodState.CLOSED, utcnow(), rate.id
    session.flush()
    return CloseResult(summary(session, period), rate_dto(session, rate), tuple(workers_funds), total, len(lines),
                       len(ids) - reversed_count, reversed_count, tuple(owed_funds))
