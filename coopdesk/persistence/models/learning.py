"""Learning over time and workers' own planning: survey areas, waves and answers; dated skill grants; members'
rotation wishes; each post's tasks for a week."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coopdesk.domain.learning import (
    AREA_CODE_MAX,
    AREA_NAME_MAX,
    TASK_MAX,
    WAVE_NAME_MAX,
    WISH_REASON_MAX,
    SkillSource,
    Wish,
)
from coopdesk.persistence.base import Base, choice, created_at, string


class SurveyAreaRecord(Base):
    __tablename__ = "survey_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = string(AREA_CODE_MAX, unique=True)
    name_es: Mapped[str] = string(AREA_NAME_MAX)
    name_en: Mapped[str] = string(AREA_NAME_MAX)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SurveyWaveRecord(Base):
    __tablename__ = "survey_waves"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = string(WAVE_NAME_MAX, unique=True)
    opened_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = created_at()


class SurveyAnswerRecord(Base):
    """One member's self-assessment in one area in one wave: private to the member (aggregates only for others)."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
        UniqueConstraint("wave_id", "member_id", "area_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_waves.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("survey_areas.id", ondelete="RESTRICT"))
    score: Mapped[int] = mapped_column(Integer)


class SkillGrantRecord(Base):
    """When and how a member came to hold a skill; a council grant names the passed motion."""

    __tablename__ = "skill_grants"
    __table_args__ = (
        CheckConstraint("how <> 'council' OR motion_id IS NOT NULL", name="council_needs_motion"),
        UniqueConstraint("member_id", "skill_id", "granted_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="RESTRICT"))
    granted_on: Mapped[date] = mapped_column(Date)
    how: Mapped[SkillSource] = choice(SkillSource, "how")
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime] = created_at()


class RotationWishRecord(Base):
    """A member's wish to learn a post, or to be spared it: a soft preference of the planner."""

    __tablename__ = "rotation_wishes"
    __table_args__ = (UniqueConstraint("member_id", "post_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    wish: Mapped[Wish] = choice(Wish, "wish")
    reason: Mapped[str | None] = string(WISH_REASON_MAX)


class WeeklyTaskRecord(Base):
    """What a post does in one week: targets, deliveries, what to prepare."""

    __tablename__ = "rotation_tasks"
    __table_args__ = (UniqueConstraint("week_start", "post_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date] = mapped_column(Date, index=True)  # a Monday
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    task: Mapped[str] = string(TASK_MAX)


class PlanDecisionRecord(Base):
    """The passed motion by which the council adopted a rotation plan (a table of its own: the plans stay as
    they were for councils that publish without one)."""

    __tablename__ = "rotation_plan_decisions"

    plan_id: Mapped[int] = mapped_column(ForeignKey("rotation_plans.id", ondelete="CASCADE"), primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"), index=True)
