"""Job rotation: posts, leave, plans and their weekly assignments, swaps after publication."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coopdesk.domain.rotation import Category, PlanState, Role
from coopdesk.persistence.base import Base, Timestamp, choice, created_at, string


class PostRecord(Base):
    __tablename__ = "posts"
    __table_args__ = (
        CheckConstraint("min_members >= 0 AND max_members >= min_members", name="min_max"),
        CheckConstraint("trainee_slots >= 0", name="trainee_slots_not_negative"),
        CheckConstraint("burden BETWEEN 1 AND 5", name="burden_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = string(20, unique=True)
    name: Mapped[str] = string(200)
    category: Mapped[Category] = choice(Category, "category")
    min_members: Mapped[int] = mapped_column(Integer, default=1)
    max_members: Mapped[int] = mapped_column(Integer, default=1)
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id", ondelete="RESTRICT"))
    trainee_slots: Mapped[int] = mapped_column(Integer, default=0)
    burden: Mapped[int] = mapped_column(Integer, default=1)
    place: Mapped[str | None] = string(200)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class LeaveRecord(Base):
    __tablename__ = "leaves"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="ordered_dates"),
        UniqueConstraint("member_id", "starts_on", "ends_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = string(300)


class RotationPlanRecord(Base):
    __tablename__ = "rotation_plans"
    __table_args__ = (CheckConstraint("weeks >= 1", name="weeks_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date] = mapped_column(Date, index=True)  # a Monday
    weeks: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[PlanState] = choice(PlanState, "state", default=PlanState.DRAFT)
    figures: Mapped[str | None] = string(20_000)  # the fairness figures as JSON, shown beside the roster
    created_at: Mapped[datetime] = created_at()
    published_at: Mapped[datetime | None] = mapped_column(Timestamp())


class AssignmentRecord(Base):
    __tablename__ = "rotation_assignments"
    __table_args__ = (UniqueConstraint("plan_id", "week_start", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("rotation_plans.id", ondelete="CASCADE"))
    week_start: Mapped[date] = mapped_column(Date, index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="RESTRICT"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    role: Mapped[Role] = choice(Role, "role", default=Role.REGULAR)


class SwapRecord(Base):
    """A change to a published plan for one week: two members exchange posts, or the first hands their post to the
    second, who held none that week; without a second member, the first was released from the week (on leave, and
    their post could do without them)."""

    __tablename__ = "rotation_swaps"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("rotation_plans.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    first_member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    second_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    reason: Mapped[str | None] = string(500)
    recorded_at: Mapped[datetime] = created_at()
