from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coopdesk.domain.members import (
    CODE_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NATIONAL_ID_MAX,
    NOTE_MAX,
    PHONE_MAX,
    SEARCH_KEY_MAX,
    SKILL_MAX,
    Body,
    MemberStatus,
)
from coopdesk.persistence.base import Base, Timestamp, choice, created_at, string, utcnow

member_skills = Table(
    "member_skills",
    Base.metadata,
    Column("member_id", ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", ForeignKey("skills.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class Skill(Base):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = string(SKILL_MAX, unique=True)
    name: Mapped[str | None] = string(100)


class MemberRecord(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = string(CODE_MAX, unique=True)
    full_name: Mapped[str] = string(NAME_MAX, index=True)
    national_id: Mapped[str | None] = string(NATIONAL_ID_MAX, unique=True)
    body: Mapped[Body] = choice(Body, "body", index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    voting: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[MemberStatus] = choice(MemberStatus, "status", index=True, default=MemberStatus.ACTIVE)
    phone: Mapped[str | None] = string(PHONE_MAX)
    email: Mapped[str | None] = string(EMAIL_MAX)
    notes: Mapped[str | None] = string(2000)
    search_key: Mapped[str] = string(SEARCH_KEY_MAX, index=True)  # folded name, code and id: accent-blind search
    created_at: Mapped[datetime] = created_at()
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    skills: Mapped[list[Skill]] = relationship(secondary=member_skills, order_by=Skill.code)
    history: Mapped[list[StatusChangeRecord]] = relationship(
        back_populates="member", order_by="StatusChangeRecord.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class StatusChangeRecord(Base):
    """A member's status over time: joined, suspended, came back, left."""

    __tablename__ = "member_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    changed_on: Mapped[date] = mapped_column(Date)
    status: Mapped[MemberStatus] = choice(MemberStatus, "status")
    note: Mapped[str | None] = string(NOTE_MAX)
    recorded_at: Mapped[datetime] = created_at()

    member: Mapped[MemberRecord] = relationship(back_populates="history")
