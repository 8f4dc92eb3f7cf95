"""Vocabulary of assemblies and votes (the rules themselves arrive with the assemblies module)."""

from __future__ import annotations

from enum import StrEnum


class MeetingKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"
    COUNCIL = "council"


class MeetingState(StrEnum):
    DRAFT = "draft"
    CONVENED = "convened"
    OPEN = "open"
    CLOSED = "closed"
    APPROVED = "approved"


class QuorumRule(StrEnum):
    HALF = "half"
    TWO_THIRDS = "two_thirds"
    NONE = "none"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    REPRESENTED = "represented"


class VoteMethod(StrEnum):
    OPEN = "open"
    ROLL_CALL = "roll_call"
    SECRET = "secret"


class Majority(StrEnum):
    SIMPLE = "simple"
    ABSOLUTE = "absolute"
    TWO_THIRDS = "two_thirds"
    THREE_QUARTERS = "three_quarters"
    UNANIMOUS = "unanimous"


class Base(StrEnum):
    YES_NO = "yes_no"
    YES_NO_ABSTAIN = "yes_no_abstain"
    PRESENT = "present"
    ENTITLED = "entitled"


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class MotionResult(StrEnum):
    PASSED = "passed"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


class ApprovalMethod(StrEnum):
    MOTION = "motion"
    SIGNATURES = "signatures"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
