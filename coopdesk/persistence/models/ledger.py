"""The equal-wage ledger. Money is integer cents; posted entries are append-only (see the triggers)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coopdesk.domain.ledger import FundPayer, PeriodState, SurplusBasis
from coopdesk.persistence.base import HASH_LEN, Base, Timestamp, cents, choice, created_at, string


class HourlyRateRecord(Base):
    """The equal rate, in force from a date, set by a passed motion."""

    __tablename__ = "hourly_rates"
    __table_args__ = (CheckConstraint("rate_cents > 0", name="rate_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    rate_cents: Mapped[int] = cents()
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = created_at()


class FundRecord(Base):
    __tablename__ = "funds"
    __table_args__ = (CheckConstraint("percent_hundredths BETWEEN 0 AND 10000", name="percent_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = string(20, unique=True)
    name: Mapped[str] = string(200)
    percent_hundredths: Mapped[int] = mapped_column(Integer)  # 5.25 % is 525
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    paid_by: Mapped[FundPayer] = choice(FundPayer, "fund_payer", default=FundPayer.WORKERS,
                                        server_default=FundPayer.WORKERS.value)


class PayPeriodRecord(Base):
    __tablename__ = "pay_periods"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="ordered_dates"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, unique=True)
    ends_on: Mapped[date] = mapped_column(Date)
    state: Mapped[PeriodState] = choice(PeriodState, "state", default=PeriodState.OPEN)
    rate_id: Mapped[int | None] = mapped_column(ForeignKey("hourly_rates.id", ondelete="RESTRICT"))
    closed_at: Mapped[datetime | None] = mapped_column(Timestamp())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class PeriodReopeningRecord(Base):
    __tablename__ = "period_reopenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("pay_periods.id", ondelete="RESTRICT"), index=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"))
    reason: Mapped[str] = string(1000)
    reopened_at: Mapped[datetime] = created_at()


class HoursRecord(Base):
    __tablename__ = "hours"
    __table_args__ = (CheckConstraint("hundredths >= 0", name="hours_not_negative"),)

    period_id: Mapped[int] = mapped_column(ForeignKey("pay_periods.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), primary_key=True)
    hundredths: Mapped[int] = mapped_column(Integer)  # 72.5 h is 7250


class AdvanceRecord(Base):
    """An advance already paid in a period, deducted when the period closes."""

    __tablename__ = "advances"
    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("pay_periods.id", ondelete="RESTRICT"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    amount_cents: Mapped[int] = cents()
    paid_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = string(500)


class SurplusRecord(Base):
    __tablename__ = "surplus_distributions"
    __table_args__ = (CheckConstraint("amount_cents > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = cents()
    basis: Mapped[SurplusBasis] = choice(SurplusBasis, "basis")
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"))
    posted_at: Mapped[datetime] = created_at()


class LedgerEntryRecord(Base):
    """A posted line. Never updated or deleted: a correction is a reversing entry."""

    __tablename__ = "ledger_entries"
    __table_args__ = (UniqueConstraint("reverses_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posted_at: Mapped[datetime] = created_at()
    posted_on: Mapped[date] = mapped_column(Date)
    period_id: Mapped[int | None] = mapped_column(
        ForeignKey("pay_periods.id", ondelete="RESTRICT"), index=True
    )
    surplus_id: Mapped[int | None] = mapped_column(
        ForeignKey("surplus_distributions.id", ondelete="RESTRICT")
    )
    # No member: what management deposits into a fund, and a payout from one to no one in particular.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    # gross, contribution:CODE, owed:CODE, deposit:CODE, payout:CODE, advance, net, surplus, reversal
    kind: Mapped[str] = string(40)
    fund_id: Mapped[int | None] = mapped_column(ForeignKey("funds.id", ondelete="RESTRICT"))
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"))  # a payout's
    amount_cents: Mapped[int] = cents()
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id", ondelete="RESTRICT"))
    note: Mapped[str | None] = string(500)
    record_hash: Mapped[str | None] = string(HASH_LEN)
