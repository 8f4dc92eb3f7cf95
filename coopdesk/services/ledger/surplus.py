"""Sharing a year's surplus among the workers who had hours that year, to the cent — in a cooperative only: a
Socialist Production Unit is social property, and its surplus is not shared out.

Shares follow `coopdesk.domain.payroll.share_surplus`: cut to the cent, the cents left over one each to the
largest remainders (ties: lower member code), so they add up to the amount exactly. A period counts in the
year it ends; every such period must be closed first, so that the hours behind the shares no longer change.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.ledger import EntryKind, PeriodState, SurplusBasis
from coopdesk.domain.money import format_amount_plain
from coopdesk.domain.payroll import share_surplus
from coopdesk.domain.settings import UnitKind
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import HoursRecord, MemberRecord, PayPeriodRecord, SurplusRecord
from coopdesk.services.council import unit_kind
from coopdesk.services.ledger._store import Draft, passed_motion, post
from coopdesk.services.ledger.dto import SurplusPreview, SurplusResult, SurplusShare


def preview_surplus(db: Database, *, year: int, amount_cents: int, basis: SurplusBasis) -> SurplusPreview:
    """Each worker's share, before anything is posted."""
    with db.read() as session:
        return SurplusPreview(year, amount_cents, SurplusBasis(basis), _shares(session, year, amount_cents, basis))


def share_out_surplus(db: Database, *, year: int, amount_cents: int, basis: SurplusBasis,
                      motion_id: int | None = None, posted_on: date | None = None) -> SurplusResult:
    with db.write() as session:
        return post_surplus(session, year=year, amount_cents=amount_cents, basis=basis, motion_id=motion_id,
                            posted_on=posted_on or date.today())


def post_surplus(session: Session, *, year: int, amount_cents: int, basis: SurplusBasis, motion_id: int | None,
                 posted_on: date) -> SurplusResult:
    basis = SurplusBasis(basis)
    if motion_id is not None:
        passed_motion(session, motion_id)
    shares = _shares(session, year, amount_cents, basis)
    record = SurplusRecord(year=year, amount_cents=amount_cents, basis=basis, motion_id=motion_id)
    session.add(record)
    session.flush()
    members = dict(session.execute(select(MemberRecord.code, MemberRecord.id).where(
        MemberRecord.code.in_([share.member_code for share in shares]))).all())
    drafts = [Draft(member_id=members[share.member_code], kind=EntryKind.SURPLUS.value,
                    amount_cents=share.share_cents, surplus_id=record.id)
              for share in shares if share.share_cents]
    post(session, drafts, posted_on=posted_on, action="ledger.surplus", entity="surplus", entity_id=record.id,
         details={"year": year, "amount": format_amount_plain(amount_cents), "basis": basis.value,
                  "motion_id": motion_id})
    return SurplusResult(year, amount_cents, basis, shares, id=record.id, motion_id=motion_id)


def _shares(session: Session, year: int, amount_cents: int, basis: SurplusBasis) -> tuple[SurplusShare, ...]:
    if unit_kind(session) is UnitKind.SPU:
        raise InvalidInput(N_("A Socialist Production Unit is social property: its surplus is not shared out "
                              "among the workers."))
    if amount_cents <= 0:
        raise InvalidInput(N_("A surplus to share must be more than zero."))
    in_year = PayPeriodRecord.ends_on.between(date(year, 1, 1), date(year, 12, 31))
    still_open = session.execute(select(PayPeriodRecord.id, PayPeriodRecord.starts_on, PayPeriodRecord.ends_on)
                                 .where(in_year, PayPeriodRecord.state == PeriodState.OPEN)
                                 .order_by(PayPeriodRecord.starts_on).limit(1)).first()
    if still_open is not None:
        raise InvalidInput(N_("Pay period %(id)s (%(start)s to %(end)s) counts in %(year)s and is still open; "
                              "close it before sharing that year's surplus."),
                           id=still_open[0], start=still_open[1].isoformat(), end=still_open[2].isoformat(), year=year)
    worked = session.execute(
        select(MemberRecord.code, MemberRecord.full_name, func.sum(HoursRecord.hundredths))
        .join(HoursRecord, HoursRecord.member_id == MemberRecord.id)
        .join(PayPeriodRecord, PayPeriodRecord.id == HoursRecord.period_id)
        .where(in_year).group_by(MemberRecord.code, MemberRecord.full_name)
        .having(func.sum(HoursRecord.hundredths) > 0)
    ).all()
    if not worked:
        raise InvalidInput(N_("Nobody had hours in %(year)s, so there is no one to share its surplus among."),
                           year=year)
    hours = {code: int(total) for code, _name, total in worked}
    shares = share_surplus(amount_cents, hours, SurplusBasis(basis))
    names = {code: name for code, name, _total in worked}
    return tuple(SurplusShare(code, names[code], hours[code], cents) for code, cents in sorted(shares.items()))
