"""Every table of coopdesk, one module per area, loaded when first named.

`from coopdesk.persistence.models import MemberRecord` imports only the members module: declaring the
mapped classes costs a few milliseconds each, and the first screen needs only a handful. `load_all()`
registers every table on `Base.metadata` (for Alembic and whole-database work).
"""

from __future__ import annotations

import importlib
from typing import Any

from coopdesk.persistence.base import Base

AREAS = ("council", "members", "meetings", "rotation", "ledger", "audit", "needs", "learning")

_WHERE = {
    "CouncilSettings": "council",
    "MemberRecord": "members", "Skill": "members", "StatusChangeRecord": "members", "member_skills": "members",
    "MeetingRecord": "meetings", "MeetingApprovalRecord": "meetings", "AgendaItemRecord": "meetings",
    "AttendanceRecord": "meetings", "MotionRecord": "meetings", "MotionVoterRecord": "meetings",
    "MotionBodyRecord": "meetings", "RollCallBallotRecord": "meetings", "ElectionRecord": "meetings",
    "CandidateRecord": "meetings",
    "DecisionRecord": "meetings", "FollowUpActionRecord": "meetings", "ErratumRecord": "meetings",
    "PostRecord": "rotation", "LeaveRecord": "rotation", "RotationPlanRecord": "rotation",
    "AssignmentRecord": "rotation", "SwapRecord": "rotation",
    "HourlyRateRecord": "ledger", "FundRecord": "ledger", "PayPeriodRecord": "ledger",
    "PeriodReopeningRecord": "ledger", "HoursRecord": "ledger", "AdvanceRecord": "ledger",
    "SurplusRecord": "ledger", "LedgerEntryRecord": "ledger",
    "AuditEventRecord": "audit", "UserRecord": "audit",
    "NeedRecord": "needs", "CommitmentRecord": "needs", "IncidentRecord": "needs",
    "SurveyAreaRecord": "learning", "SurveyWaveRecord": "learning", "SurveyAnswerRecord": "learning",
    "SkillGrantRecord": "learning", "RotationWishRecord": "learning", "WeeklyTaskRecord": "learning",
    "PlanDecisionRecord": "learning",
}

__all__ = ["AREAS", "Base", "load_all", *_WHERE]


def __getattr__(name: str) -> Any:
    area = _WHERE.get(name)
    if area is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{area}"), name)


def load_all() -> type[Base]:
    """Import every area so that `Base.metadata` holds the whole schema."""
    for area in AREAS:
        importlib.import_module(f"{__name__}.{area}")
    return Base

