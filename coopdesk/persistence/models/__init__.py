"""Every table of coopdesk; importing this package registers them all on `Base.metadata`."""

from coopdesk.persistence.base import Base, enforce_text_lengths
from coopdesk.persistence.models.audit import AuditEventRecord, UserRecord
from coopdesk.persistence.models.council import CouncilSettings
from coopdesk.persistence.models.ledger import (
    AdvanceRecord,
    FundRecord,
    HourlyRateRecord,
    HoursRecord,
    LedgerEntryRecord,
    PayPeriodRecord,
    PeriodReopeningRecord,
    SurplusRecord,
)
from coopdesk.persistence.models.meetings import (
    AgendaItemRecord,
    AttendanceRecord,
    CandidateRecord,
    DecisionRecord,
    ElectionRecord,
    ErratumRecord,
    FollowUpActionRecord,
    MeetingApprovalRecord,
    MeetingRecord,
    MotionRecord,
    MotionVoterRecord,
    RollCallBallotRecord,
)
from coopdesk.persistence.models.members import MemberRecord, Skill, StatusChangeRecord, member_skills
from coopdesk.persistence.models.rotation import (
    AssignmentRecord,
    LeaveRecord,
    PostRecord,
    RotationPlanRecord,
    SwapRecord,
)

enforce_text_lengths(Base.metadata)

__all__ = [
    "AdvanceRecord",
    "AgendaItemRecord",
    "AssignmentRecord",
    "AttendanceRecord",
    "AuditEventRecord",
    "Base",
    "CandidateRecord",
    "CouncilSettings",
    "DecisionRecord",
    "ElectionRecord",
    "ErratumRecord",
    "FollowUpActionRecord",
    "FundRecord",
    "HourlyRateRecord",
    "HoursRecord",
    "LeaveRecord",
    "LedgerEntryRecord",
    "MeetingApprovalRecord",
    "MeetingRecord",
    "MemberRecord",
    "MotionRecord",
    "MotionVoterRecord",
    "PayPeriodRecord",
    "PeriodReopeningRecord",
    "PostRecord",
    "RollCallBallotRecord",
    "RotationPlanRecord",
    "Skill",
    "StatusChangeRecord",
    "SurplusRecord",
    "SwapRecord",
    "UserRecord",
    "member_skills",
]
