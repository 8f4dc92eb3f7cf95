"""Vocabulary of assemblies and votes, with the words a secretary reads for each value.

The rules themselves (quorum, majorities, proxies, elections) live in `votes.py`, the meeting JSON form in
`meeting_form.py`; here are the default bases and the words for each rule. Labels are marked with `N_` and
translated where they are shown (a report passes its own `Translator`, for `es+en`).
"""

from __future__ import annotations

from enum import StrEnum

from coopdesk.i18n import N_, Translator, current


class MeetingKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"
    COUNCIL = "council"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


class MeetingState(StrEnum):
    DRAFT = "draft"
    CONVENED = "convened"
    OPEN = "open"
    CLOSED = "closed"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


class QuorumRule(StrEnum):
    HALF = "half"
    TWO_THIRDS = "two_thirds"
    NONE = "none"

    @property
    def label(self) -> str:
        return QUORUM_LABELS[self]


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    REPRESENTED = "represented"

    @property
    def label(self) -> str:
        return ATTENDANCE_LABELS[self]


class VoteMethod(StrEnum):
    OPEN = "open"
    ROLL_CALL = "roll_call"
    SECRET = "secret"

    @property
    def label(self) -> str:
        return METHOD_LABELS[self]


class Majority(StrEnum):
    SIMPLE = "simple"
    ABSOLUTE = "absolute"
    TWO_THIRDS = "two_thirds"
    THREE_QUARTERS = "three_quarters"
    UNANIMOUS = "unanimous"

    @property
    def label(self) -> str:
        return MAJORITY_LABELS[self]


class Base(StrEnum):
    YES_NO = "yes_no"
    YES_NO_ABSTAIN = "yes_no_abstain"
    PRESENT = "present"
    ENTITLED = "entitled"

    @property
    def label(self) -> str:
        return BASE_LABELS[self]


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"

    @property
    def label(self) -> str:
        return CHOICE_LABELS[self]


class MotionResult(StrEnum):
    PASSED = "passed"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"

    @property
    def label(self) -> str:
        return RESULT_LABELS[self]


class ApprovalMethod(StrEnum):
    MOTION = "motion"
    SIGNATURES = "signatures"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


KIND_LABELS = {
    MeetingKind.ORDINARY: N_("Ordinary assembly"),
    MeetingKind.EXTRAORDINARY: N_("Extraordinary assembly"),
    MeetingKind.COUNCIL: N_("Workers' Council session"),
}
STATE_LABELS = {
    MeetingState.DRAFT: N_("Draft"),
    MeetingState.CONVENED: N_("Convened"),
    MeetingState.OPEN: N_("In session"),
    MeetingState.CLOSED: N_("Adjourned"),
    MeetingState.APPROVED: N_("Minutes approved"),
}
QUORUM_LABELS = {
    QuorumRule.HALF: N_("More than half of the entitled voters"),
    QuorumRule.TWO_THIRDS: N_("At least two thirds of the entitled voters"),
    QuorumRule.NONE: N_("No quorum required"),
}
ATTENDANCE_LABELS = {
    AttendanceStatus.PRESENT: N_("Present"),
    AttendanceStatus.ABSENT: N_("Absent"),
    AttendanceStatus.EXCUSED: N_("Excused"),
    AttendanceStatus.REPRESENTED: N_("Represented"),
}
METHOD_LABELS = {
    VoteMethod.OPEN: N_("Open vote"),
    VoteMethod.ROLL_CALL: N_("Roll-call vote"),
    VoteMethod.SECRET: N_("Secret ballot"),
}
MAJORITY_LABELS = {
    Majority.SIMPLE: N_("Simple majority"),
    Majority.ABSOLUTE: N_("Absolute majority"),
    Majority.TWO_THIRDS: N_("Two-thirds majority"),
    Majority.THREE_QUARTERS: N_("Three-quarters majority"),
    Majority.UNANIMOUS: N_("Unanimity"),
}
BASE_LABELS = {
    Base.YES_NO: N_("Yes and no votes"),
    Base.YES_NO_ABSTAIN: N_("Yes, no and abstentions"),
    Base.PRESENT: N_("Present voters"),
    Base.ENTITLED: N_("Entitled voters"),
}
CHOICE_LABELS = {
    Choice.YES: N_("Yes"),
    Choice.NO: N_("No"),
    Choice.ABSTAIN: N_("Abstain"),
}
RESULT_LABELS = {
    MotionResult.PASSED: N_("Passed"),
    MotionResult.REJECTED: N_("Rejected"),
    MotionResult.NO_QUORUM: N_("No quorum"),
}
ACTION_LABELS = {
    ActionStatus.OPEN: N_("Pending"),
    ActionStatus.DONE: N_("Completed"),
    ActionStatus.CANCELLED: N_("Cancelled"),
}


# -- default bases and the rule in words -------------------------------------------------------------

DEFAULT_BASES = {
    Majority.SIMPLE: Base.YES_NO,
    Majority.ABSOLUTE: Base.PRESENT,
    Majority.TWO_THIRDS: Base.YES_NO_ABSTAIN,
    Majority.THREE_QUARTERS: Base.YES_NO_ABSTAIN,
    Majority.UNANIMOUS: Base.YES_NO,
}


def default_base(majority: Majority) -> Base:
    return DEFAULT_BASES[Majority(majority)]


RULE_TEMPLATES = {
    Majority.SIMPLE: N_("Simple majority: more than half of %(base)s"),
    Majority.ABSOLUTE: N_("Absolute majority: more than half of %(base)s"),
    Majority.TWO_THIRDS: N_("Two-thirds majority: at least two thirds of %(base)s"),
    Majority.THREE_QUARTERS: N_("Three-quarters majority: at least three quarters of %(base)s"),
    Majority.UNANIMOUS: N_("Unanimity: all of %(base)s"),
}
# Where the template would read awkwardly, the usual wording.
RULE_SENTENCES = {
    (Majority.SIMPLE, Base.YES_NO): N_("Simple majority: more yes than no votes"),
    (Majority.UNANIMOUS, Base.YES_NO): N_("Unanimity: every vote is yes, abstentions aside"),
}
BASE_PHRASES = {
    Base.YES_NO: N_("the yes and no votes"),
    Base.YES_NO_ABSTAIN: N_("the votes cast, abstentions included"),
    Base.PRESENT: N_("the present voters"),
    Base.ENTITLED: N_("the entitled voters"),
}


def rule_in_words(majority: Majority, base: Base | None = None, tr: Translator | None = None) -> str:
    tr = tr or current()
    majority = Majority(majority)
    base = Base(base) if base is not None else default_base(majority)
    if sentence := RULE_SENTENCES.get((majority, base)):
        return tr.gettext(sentence)
    return tr.gettext(RULE_TEMPLATES[majority]) % {"base": tr.gettext(BASE_PHRASES[base])}


def base_in_words(base: Base, count: int, tr: Translator | None = None) -> str:
    tr = tr or current()
    return tr.gettext(N_("Base: %(count)d (%(base)s)")) % {"count": count, "base": tr.gettext(BASE_PHRASES[base])}


def yes_needed_in_words(needed: int | None, tr: Translator | None = None) -> str:
    tr = tr or current()
    if needed is None:
        return tr.gettext(N_("More yes votes cannot carry it"))
    if needed == 0:
        return tr.gettext(N_("Enough yes votes to pass"))
    return tr.ngettext("%(count)d more yes vote needed", "%(count)d more yes votes needed", needed) % {
        "count": needed}
