"""Needs brought to the council, commitments owed to it by outside parties, and the health-and-safety log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from coopdesk.domain.needs import (
    ACTIONS_MAX,
    DETAIL_MAX,
    EVIDENCE_MAX,
    HOW_MAX,
    OWED_BY_MAX,
    TITLE_MAX,
    WHAT_MAX,
    CommitmentState,
    IncidentKind,
    NeedKind,
    NeedState,
)
from coopdesk.persistence.base import Base, choice, created_at, string


class IncidentRecord(Base):
    """An injury, illness, near miss or hazard; the affected member is private."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[IncidentKind] = choice(IncidentKind, "kind")
    what: Mapped[str] = string(WHAT_MAX)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    actions: Mapped[str] = string(ACTIONS_MAX, default="")
    created_at: Mapped[datetime] = created_at()


class NeedRecord(Base):
    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint("kind = 'community' OR member_id IS NOT NULL", name="member_unless_community"),
        CheckConstraint("(state = 'met') = (met_on IS NOT NULL)", name="met_on_iff_met"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[NeedKind] = choice(NeedKind, "kind")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = string(TITLE_MAX)
    detail: Mapped[str] = string(DETAIL_MAX, default="")
    private: Mapped[bool] = mapped_column(default=False)
    consent_to_name: Mapped[bool] = mapped_column(default=False)  # the member agreed to be named in reports
    state: Mapped[NeedState] = choice(NeedState, "state", default=NeedState.OPEN, index=True)
    raised_in_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    created_on: Mapped[date] = mapped_column(Date)
    met_on: Mapped[date | None] = mapped_column(Date)
    how: Mapped[str] = string(HOW_MAX, default="")
    evidence: Mapped[str] = string(EVIDENCE_MAX, default="")
    created_at: Mapped[datetime] = created_at()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CommitmentRecord(Base):
    """What a party outside the council owes it (health cover, a paramedic, fund deposits, repairs)."""

    __tablename__ = "commitments"
    __table_args__ = (
        CheckConstraint("(state = 'done') = (done_on IS NOT NULL)", name="done_on_iff_done"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owed_by: Mapped[str] = string(OWED_BY_MAX)
    what: Mapped[str] = string(WHAT_MAX)
    due: Mapped[date] = mapped_column(Date, index=True)
    state: Mapped[CommitmentState] = choice(CommitmentState, "state", default=CommitmentState.PENDING, index=True)
    evidence: Mapped[str] = string(EVIDENCE_MAX, default="")
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id", ondelete="SET NULL"))
    need_id: Mapped[int | None] = mapped_column(ForeignKey("needs.id", ondelete="SET NULL"))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    created_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
