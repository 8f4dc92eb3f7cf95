"""Assemblies: convocation, agenda, attendance and proxies, motions and ballots, elections, decisions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coopdesk.domain.meetings import (
    ActionStatus,
    ApprovalMethod,
    AttendanceStatus,
    Choice,
    Majority,
    MeetingKind,
    MeetingState,
    MotionResult,
    QuorumRule,
    VoteMethod,
)
from coopdesk.domain.meetings import (
    Base as VoteBase,
)
from coopdesk.domain.members import Body
from coopdesk.domain.organs import Organ
from coopdesk.persistence.base import HASH_LEN, Base, Timestamp, choice, created_at, string

MINUTES_MAX = 50_000


class MeetingRecord(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = string(200)
    kind: Mapped[MeetingKind] = choice(MeetingKind, "kind")
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # convened for; local wall time of the council
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)  # when the session actually started
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The day the convocation was issued (set when it is convened, or by the secretary); unknown for meetings
    # convened before it was kept, whose reprints then leave the date to be written by hand.
    convened_on: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str | None] = string(200)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    quorum_rule: Mapped[QuorumRule] = choice(QuorumRule, "quorum_rule", default=QuorumRule.HALF)
    # Meetings recorded before there were organs sat as the joint body (everyone on one roll).
    organ: Mapped[Organ] = choice(Organ, "organ", default=Organ.JOINT, server_default=Organ.JOINT.value)
    quorum_per_body: Mapped[bool] = mapped_column(default=False, server_default=false())  # joint body only
    state: Mapped[MeetingState] = choice(MeetingState, "state", default=MeetingState.DRAFT)
    record_hash: Mapped[str | None] = string(HASH_LEN)
    created_at: Mapped[datetime] = created_at()
    version: Mapped[int] = mapped_column(Integer, default=1)

    items: Mapped[list[AgendaItemRecord]] = relationship(
        back_populates="meeting", order_by="AgendaItemRecord.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[AttendanceRecord]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class MeetingApprovalRecord(Base):
    """How the minutes were approved: by a passed motion of a later meeting, or by signatures."""

    __tablename__ = "meeting_approvals"
    __table_args__ = (
        CheckConstraint("(method = 'motion') = (motion_id IS NOT NULL)", name="motion_iff_by_motion"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    method: Mapped[ApprovalMethod] = choice(ApprovalMethod, "method")
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="RESTRICT"))
    approved_at: Mapped[datetime] = created_at()


class AgendaItemRecord(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = string(300)
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    expected_minutes: Mapped[int | None] = mapped_column(Integer)
    minutes: Mapped[str] = string(MINUTES_MAX, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[MeetingRecord] = relationship(back_populates="items")
    motions: Mapped[list[MotionRecord]] = relationship(
        back_populates="item", order_by="MotionRecord.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class AttendanceRecord(Base):
    """Who came. A represented member names the present member who holds the proxy (one each)."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "proxy_holder_id"),
        CheckConstraint("proxy_holder_id IS NULL OR proxy_holder_id <> member_id", name="no_self_proxy"),
        CheckConstraint(
            "(status = 'represented') = (proxy_holder_id IS NOT NULL)", name="proxy_iff_represented"
        ),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), primary_key=True)
    status: Mapped[AttendanceStatus] = choice(AttendanceStatus, "status")
    proxy_holder_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime)
    left_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Whether the member had a vote at this meeting, frozen when it closes (None while it is still live):
    # later changes of a member's status or voting right must not change an old meeting's quorum.
    entitled: Mapped[bool | None] = mapped_column()

    meeting: Mapped[MeetingRecord] = relationship(back_populates="attendance")


class MotionRecord(Base):
    """A question put to the vote, with its counts and the roll frozen when the vote closed."""

    __tablename__ = "motions"
    __table_args__ = (
        UniqueConstraint("item_id", "position"),
        CheckConstraint("yes >= 0 AND no >= 0 AND abstain >= 0", name="counts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = string(2000)
    # Who put the motion forward, where it was someone other than the item's proposer (None: the item's).
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    method: Mapped[VoteMethod] = choice(VoteMethod, "method")
    majority: Mapped[Majority] = choice(Majority, "majority")
    base: Mapped[VoteBase] = choice(VoteBase, "base")
    yes: Mapped[int] = mapped_column(Integer, default=0)
    no: Mapped[int] = mapped_column(Integer, default=0)
    abstain: Mapped[int] = mapped_column(Integer, default=0)
    entitled: Mapped[int | None] = mapped_column(Integer)
    present_voters: Mapped[int | None] = mapped_column(Integer)
    base_count: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[MotionResult | None] = choice(MotionResult, "result")
    closed_at: Mapped[datetime | None] = mapped_column(Timestamp())
    record_hash: Mapped[str | None] = string(HASH_LEN)
    # Joint body only: it must pass overall and inside each body with present voters.
    concurrent: Mapped[bool] = mapped_column(default=False, server_default=false())

    item: Mapped[AgendaItemRecord] = relationship(back_populates="motions")


class MotionBodyRecord(Base):
    """A concurrent motion's figures inside one body: the counts entered for that body (open and secret
    votes), and once the vote closes the body's frozen roll, base and result (roll calls too)."""

    __tablename__ = "motion_body_counts"
    __table_args__ = (
        CheckConstraint("yes >= 0 AND no >= 0 AND abstain >= 0", name="counts_not_negative"),
    )

    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), primary_key=True)
    body: Mapped[Body] = choice(Body, "body", primary_key=True)
    yes: Mapped[int] = mapped_column(Integer, default=0)
    no: Mapped[int] = mapped_column(Integer, default=0)
    abstain: Mapped[int] = mapped_column(Integer, default=0)
    entitled: Mapped[int | None] = mapped_column(Integer)  # frozen at the close, like the motion's own
    present_voters: Mapped[int | None] = mapped_column(Integer)
    base_count: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[MotionResult | None] = choice(MotionResult, "result")


class MotionVoterRecord(Base):
    """The roll as it stood when the vote closed: each present voter, and who cast a represented vote."""

    __tablename__ = "motion_voters"

    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), primary_key=True)
    proxy_holder_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))


class RollCallBallotRecord(Base):
    """A named vote (roll call only — secret ballots store counts, never a member's choice)."""

    __tablename__ = "roll_call_ballots"

    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), primary_key=True)
    choice: Mapped[Choice] = choice(Choice, "choice")


class ElectionRecord(Base):
    __tablename__ = "elections"
    __table_args__ = (
        UniqueConstraint("item_id", "position"),
        CheckConstraint("seats >= 1", name="seats_positive"),
        CheckConstraint("max_choices >= 1", name="max_choices_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = string(300)
    seats: Mapped[int] = mapped_column(Integer)
    max_choices: Mapped[int] = mapped_column(Integer)
    method: Mapped[VoteMethod] = choice(VoteMethod, "method")
    ballots_cast: Mapped[int] = mapped_column(Integer, default=0)
    blank_ballots: Mapped[int] = mapped_column(Integer, default=0)
    # Spoilt ballots, recorded with the count; None for elections counted before they were kept apart.
    null_ballots: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(Timestamp())
    record_hash: Mapped[str | None] = string(HASH_LEN)


class CandidateRecord(Base):
    __tablename__ = "candidates"
    __table_args__ = (UniqueConstraint("election_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    votes: Mapped[int] = mapped_column(Integer, default=0)
    elected: Mapped[bool] = mapped_column(default=False)
    runoff: Mapped[bool] = mapped_column(default=False)


class DecisionRecord(Base):
    """An acuerdo taken under an agenda item, possibly by a motion."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id", ondelete="SET NULL"))
    text: Mapped[str] = string(2000)


class FollowUpActionRecord(Base):
    __tablename__ = "follow_up_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = string(1000)
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"))
    owed_by: Mapped[str | None] = string(200)  # a party outside the council (management, a ministry…), if not a member
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = choice(ActionStatus, "status", default=ActionStatus.OPEN, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ErratumRecord(Base):
    """A correction appended to approved minutes (which are never edited)."""

    __tablename__ = "minutes_errata"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    recorded_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = string(1000)
    correction: Mapped[str] = string(5000)
    recorded_at: Mapped[datetime] = created_at()
