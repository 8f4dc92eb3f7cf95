"""The equal hourly rate (only from a passed motion) and the social funds, each paid by the workers or by
management."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.ledger import FundPayer, default_payer
from coopdesk.domain.money import format_percent_plain
from coopdesk.domain.payroll import FULL_PERCENT
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import FundRecord, HourlyRateRecord, MotionRecord
from coopdesk.services.change_log import record_change
from coopdesk.services.council import unit_kind
from coopdesk.services.ledger._store import passed_motion, to_rate
from coopdesk.services.ledger.dto import Fund, Rate

FUND_CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
FUND_NAME_MAX = 200


def set_rate(db: Database, *, rate_cents: int, effective_from: date, motion_id: int) -> Rate:
    """The equal hourly rate from `effective_from` on, as the passed motion decided."""
    with db.write() as session:
        return add_rate(session, rate_cents=rate_cents, effective_from=effective_from, motion_id=motion_id)


def add_rate(session: Session, *, rate_cents: int, effective_from: date, motion_id: int) -> Rate:
    motion = passed_motion(session, motion_id)
    if rate_cents <= 0:
        raise InvalidInput(N_("The hourly rate must be more than zero."))
    taken = session.scalar(select(HourlyRateRecord).where(HourlyRateRecord.effective_from == effective_from))
    if taken is not None:
        raise InvalidInput(N_("A rate from %(date)s is already set (by motion %(motion)s); the assembly may set "
                              "a new rate from another day."), date=effective_from.isoformat(),
                           motion=taken.motion_id)
    record = HourlyRateRecord(effective_from=effective_from, rate_cents=rate_cents, motion_id=motion.id)
    session.add(record)
    session.flush()
    record_change(session, action="ledger.rate", entity="hourly_rate", entity_id=record.id, before=None, after={
        "rate_cents": rate_cents, "effective_from": effective_from.isoformat(), "motion_id": motion.id})
    return to_rate(record, motion.text)


def list_rates(db: Database) -> list[Rate]:
    """Every rate, oldest first, with the text of its motion."""
    with db.read() as session:
        rows = session.execute(
            select(HourlyRateRecord, MotionRecord.text)
            .join(MotionRecord, MotionRecord.id == HourlyRateRecord.motion_id)
            .order_by(HourlyRateRecord.effective_from)
        ).all()
        return [to_rate(record, text) for record, text in rows]


def rates_by_motion(db: Database, *, motion_ids: Iterable[int]) -> dict[int, list[Rate]]:
    """The rates each motion set — what a meeting shows as "set the equal rate at …"."""
    wanted = set(motion_ids)
    found: dict[int, list[Rate]] = {}
    if not wanted:
        return found
    with db.read() as session:
        rows = session.execute(
            select(HourlyRateRecord, MotionRecord.text)
            .join(MotionRecord, MotionRecord.id == HourlyRateRecord.motion_id)
            .where(HourlyRateRecord.motion_id.in_(wanted)).order_by(HourlyRateRecord.effective_from)
        ).all()
        for record, text in rows:
            found.setdefault(record.motion_id, []).append(to_rate(record, text))
    return found


def to_fund(record: FundRecord) -> Fund:
    return Fund(record.id, record.code, record.name, record.percent_hundredths, record.motion_id, record.active,
                FundPayer(record.paid_by))


def save_fund(db: Database, *, code: str, name: str, percent_hundredths: int, motion_id: int | None = None,
              paid_by: FundPayer | str | None = None) -> Fund:
    """Create a fund, or change the name, percentage or payer of an existing one (from the next closing on).

    A fund at 0 % is kept but takes nothing; the funds the workers pay may take at most 100 % of gross pay
    together. A new fund without `paid_by` is paid by management in an SPU and by the workers in a cooperative;
    an existing one keeps its payer unless told otherwise.
    """
    with db.write() as session:
        return put_fund(session, code=code, name=name, percent_hundredths=percent_hundredths, motion_id=motion_id,
                        paid_by=paid_by)


def put_fund(session: Session, *, code: str, name: str, percent_hundredths: int, motion_id: int | None,
             paid_by: FundPayer | str | None = None) -> Fund:
    code, name = code.strip(), " ".join(name.split())
    if not FUND_CODE.match(code):
        raise InvalidInput(N_("'%(code)s' is not a fund code: use up to 20 letters, digits, '-' or '_'."), code=code)
    if not name or len(name) > FUND_NAME_MAX:
        raise InvalidInput(N_("A fund needs a name of 1 to %(max)d characters."), max=FUND_NAME_MAX)
    if not 0 <= percent_hundredths <= FULL_PERCENT:
        raise InvalidInput(N_("A fund takes between 0 and 100 per cent, not %(percent)s."),
                           percent=format_percent_plain(percent_hundredths))
    if motion_id is not None:
        passed_motion(session, motion_id)
    record = session.scalar(select(FundRecord).where(FundRecord.code == code))
    payer = _payer(session, paid_by, record)
    if payer is FundPayer.WORKERS:  # what management owes is not taken from the pay
        others = sum(session.scalars(select(FundRecord.percent_hundredths).where(
            FundRecord.active.is_(True), FundRecord.code != code, FundRecord.paid_by == FundPayer.WORKERS)))
        if others + percent_hundredths > FULL_PERCENT:
            raise InvalidInput(N_("The funds would take %(percent)s per cent of gross pay together; at most 100."),
                               percent=format_percent_plain(others + percent_hundredths))
    before = None
    if record is None:
        record = FundRecord(code=code)
        session.add(record)
    else:
        before = {"name": record.name, "percent_hundredths": record.percent_hundredths,
                  "motion_id": record.motion_id, "paid_by": FundPayer(record.paid_by).value}
    record.name, record.percent_hundredths, record.active = name, percent_hundredths, percent_hundredths > 0
    record.paid_by = payer
    if motion_id is not None or before is None:
        record.motion_id = motion_id
    session.flush()
    record_change(session, action="ledger.fund", entity="fund", entity_id=record.code, before=before, after={
        "name": record.name, "percent_hundredths": record.percent_hundredths, "motion_id": record.motion_id,
        "paid_by": payer.value})
    return to_fund(record)


def _payer(session: Session, paid_by: FundPayer | str | None, record: FundRecord | None) -> FundPayer:
    if paid_by is not None:
        try:
            return FundPayer(paid_by)
        except ValueError:
            raise InvalidInput(N_("'%(payer)s' cannot pay a fund; use workers or management."),
                               payer=paid_by) from None
    if record is not None:
        return FundPayer(record.paid_by)
    return default_payer(unit_kind(session))


def list_funds(db: Database, *, active_only: bool = False) -> list[Fund]:
    with db.read() as session:
        return fund_records(session, active_only=active_only)


def fund_records(session: Session, *, active_only: bool) -> list[Fund]:
    query = select(FundRecord).order_by(FundRecord.id)
    if active_only:
        query = query.where(FundRecord.active.is_(True))
    return [to_fund(record) for record in session.scalars(query)]
