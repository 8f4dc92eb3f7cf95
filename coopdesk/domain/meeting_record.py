"""A meeting as it is shown: the frozen DTOs the meeting services hand out and the assembly reports print.

A window, the CLI or a PDF holds them without a session (they live in the domain so that reports, below the
services, can take them).

Members appear as `Person` (id, code, name), so a list or a PDF never has to look them up again. Counts of a
closed vote are the frozen ones; those of a live meeting are computed from the roll as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from coopdesk.domain.meetings import (
    ActionStatus,
    ApprovalMethod,
    AttendanceStatus,
    Base,
    Choice,
    Majority,
    MeetingKind,
    MeetingState,
    MotionResult,
    QuorumRule,
    VoteMethod,
)
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.organs import BodyCount, Organ
from coopdesk.domain.settings import Council
from coopdesk.i18n import N_


@dataclass(frozen=True)
class Person:
    id: int
    code: str
    full_name: str

    @property
    def label(self) -> str:
        return f"{self.full_name} ({self.code})"


@dataclass(frozen=True)
class MeetingDraft:
    """The convocation's fields, as typed in the form (chair and secretary by member id)."""

    title: str
    kind: MeetingKind
    starts_at: datetime  # the council's wall time
    place: str | None = None
    chair_id: int | None = None
    secretary_id: int | None = None
    quorum_rule: QuorumRule = QuorumRule.HALF
    organ: Organ = Organ.JOINT  # the form on screen proposes the Workers' Council
    quorum_per_body: bool = False  # joint body only
    convened_on: date | None = None  # the day the convocation was issued; None keeps the one recorded


@dataclass(frozen=True)
class RollCounters:
    """The live counters of the roll-call screen (E, P, quorum, how many more are needed)."""

    entitled: int
    present_voters: int
    in_person: int  # present in person, voters or not
    represented: int
    excused: int
    absent: int
    departed: int  # came and left again (no longer counted while the meeting goes on)
    quorum_rule: QuorumRule
    quorum_met: bool
    quorum_minimum: int  # the fewest present voters that make a quorum
    needed_more: int  # present voters still missing overall (0 when the overall quorum is met)
    organ: Organ = Organ.JOINT
    quorum_per_body: bool = False  # the quorum was also required inside each body
    by_body: tuple[tuple[Body, BodyCount], ...] = ()  # entitled and present voters of each of the organ's bodies
    short_bodies: tuple[tuple[Body, int], ...] = ()  # with quorum_per_body: bodies short of their own quorum

    @property
    def entitled_by_body(self) -> dict[Body, int]:
        return {body: count.entitled for body, count in self.by_body}

    @property
    def present_by_body(self) -> dict[Body, int]:
        return {body: count.present_voters for body, count in self.by_body}


@dataclass(frozen=True)
class AttendanceLine:
    member: Person
    status: AttendanceStatus
    entitled: bool
    proxy: Person | None = None  # a represented member's proxy holder
    represents: Person | None = None  # the member a present holder represents
    arrived_at: datetime | None = None
    left_at: datetime | None = None

    @property
    def departed(self) -> bool:
        return self.left_at is not None


@dataclass(frozen=True)
class RollView:
    """The roll-call screen: every member who may be marked, with their mark, and the counters."""

    meeting_id: int
    lines: tuple[AttendanceLine, ...]
    counters: RollCounters
    editable: bool
    # The members who cannot be marked (suspended, or no longer members) and why: the quick entry says so.
    off_roll: tuple[tuple[Person, MemberStatus], ...] = ()


@dataclass(frozen=True)
class Ballot:
    member: Person
    choice: Choice
    cast_by: Person | None = None  # the proxy holder who cast a represented member's ballot


@dataclass(frozen=True)
class BodyVote:
    """A concurrent motion inside one body: its counts and, once closed, its frozen roll, base and result."""

    body: Body
    yes: int
    no: int
    abstain: int
    entitled: int | None = None
    present_voters: int | None = None
    base_count: int | None = None
    result: MotionResult | None = None


@dataclass(frozen=True)
class MotionDetail:
    id: int
    meeting_id: int
    item_id: int
    position: int
    text: str
    method: VoteMethod
    majority: Majority
    base: Base
    yes: int
    no: int
    abstain: int
    entitled: int | None  # frozen when the vote closed
    present_voters: int | None
    base_count: int | None
    result: MotionResult | None  # None while the vote is open
    closed_at: datetime | None
    record_hash: str | None
    number: str = ""  # "2.1": the second agenda item's first motion
    ballots: tuple[Ballot, ...] = ()  # roll call only (a secret ballot never names anyone)
    concurrent: bool = False
    by_body: tuple[BodyVote, ...] = ()  # concurrent: each body's figures (once closed: those with present voters)
    proposer: Person | None = None  # who put the motion forward, where not the item's proposer

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class MotionTally:
    """A motion's live count: what it would give if the vote closed now ("faltan N votos a favor")."""

    motion_id: int
    method: VoteMethod
    majority: Majority
    base: Base
    yes: int
    no: int
    abstain: int
    entitled: int
    present_voters: int
    quorum_met: bool
    base_count: int
    valid: bool  # False: more votes than present voters (someone left); the vote cannot close so
    result: MotionResult | None  # the result if it closed now; None when not valid
    yes_needed: int | None  # more yes votes that would carry it; None when none can
    not_voted: int  # roll call: present voters without a ballot yet
    closed: bool
    concurrent: bool = False
    overall_result: MotionResult | None = None  # concurrent: the result over everyone's figures alone
    by_body: tuple[BodyVote, ...] = ()  # concurrent: each body with present voters, as if it closed now
    shortfall: tuple[tuple[Body | None, int | None], ...] = ()  # concurrent: (None = overall) yes votes lacking


@dataclass(frozen=True)
class CandidateLine:
    member: Person
    votes: int
    elected: bool
    runoff: bool


@dataclass(frozen=True)
class ElectionDetail:
    id: int
    meeting_id: int
    item_id: int
    position: int
    title: str
    seats: int
    max_choices: int
    method: VoteMethod
    ballots_cast: int
    blank_ballots: int
    closed_at: datetime | None
    record_hash: str | None
    candidates: tuple[CandidateLine, ...]  # most votes first once closed, else by code
    null_ballots: int | None = None  # None: counted before null ballots were recorded apart

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def elected(self) -> tuple[Person, ...]:
        return tuple(line.member for line in self.candidates if line.elected)

    @property
    def runoff(self) -> tuple[Person, ...]:
        return tuple(line.member for line in self.candidates if line.runoff)

    @property
    def needs_runoff(self) -> bool:
        return any(line.runoff for line in self.candidates)

    @property
    def runoff_seats(self) -> int:
        return self.seats - len(self.elected) if self.needs_runoff else 0

    @property
    def unfilled(self) -> int:
        return 0 if not self.closed or self.needs_runoff else self.seats - len(self.elected)


@dataclass(frozen=True)
class ActionDetail:
    id: int
    decision_id: int
    description: str
    responsible: Person | None
    due_on: date | None
    status: ActionStatus
    done_on: date | None
    version: int
    owed_by: str | None = None  # a party outside the council (management, a ministry…) instead of a member


@dataclass(frozen=True)
class DecisionDetail:
    id: int
    item_id: int
    motion_id: int | None
    text: str
    actions: tuple[ActionDetail, ...] = ()


@dataclass(frozen=True)
class PendingAction:
    """One line of "Acuerdos pendientes": an open follow-up action and where it was agreed."""

    action: ActionDetail
    decision_text: str
    meeting_id: int
    meeting_title: str
    meeting_starts_at: datetime


@dataclass(frozen=True)
class ItemDetail:
    id: int
    meeting_id: int
    position: int
    title: str
    proposer: Person | None
    expected_minutes: int | None
    minutes: str
    version: int
    motions: tuple[MotionDetail, ...] = ()
    elections: tuple[ElectionDetail, ...] = ()
    decisions: tuple[DecisionDetail, ...] = ()

    @property
    def paragraphs(self) -> list[str]:
        """The minutes as paragraphs: split at blank lines (single line breaks stay inside a paragraph)."""
        blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip())
                  for block in self.minutes.replace("\r\n", "\n").split("\n\n")]
        return [block for block in blocks if block]


@dataclass(frozen=True)
class ApprovalDetail:
    method: ApprovalMethod
    approved_at: datetime
    motion_id: int | None = None
    motion_number: str | None = None  # "1.1" within the later meeting
    motion_text: str | None = None
    motion_meeting_id: int | None = None  # the later meeting whose motion approved these minutes
    motion_meeting_title: str | None = None
    motion_meeting_starts_at: datetime | None = None


@dataclass(frozen=True)
class ErratumDetail:
    id: int
    recorded_on: date
    reason: str
    correction: str


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    title: str
    kind: MeetingKind
    state: MeetingState
    starts_at: datetime
    place: str | None
    organ: Organ = Organ.JOINT


@dataclass(frozen=True)
class MeetingDetail:
    """Everything the acta shows, and what the screens of a meeting need."""

    council: Council
    id: int
    title: str
    kind: MeetingKind
    state: MeetingState
    starts_at: datetime  # the time it was convened for
    ends_at: datetime | None
    place: str | None
    chair: Person | None
    secretary: Person | None
    quorum_rule: QuorumRule
    version: int
    attendance: tuple[AttendanceLine, ...]
    counters: RollCounters
    items: tuple[ItemDetail, ...]
    approval: ApprovalDetail | None = None
    errata: tuple[ErratumDetail, ...] = ()
    record_hash: str | None = None  # set once the minutes are approved (locked)
    organ: Organ = Organ.JOINT
    quorum_per_body: bool = False
    opened_at: datetime | None = None  # when the session actually started (unknown for meetings opened before)
    convened_on: date | None = None  # the day the convocation was issued (unknown for meetings convened before)

    @property
    def locked(self) -> bool:
        return self.state is MeetingState.APPROVED

    @property
    def session_start(self) -> datetime:
        """When the session started, or the convened time where the start was not kept apart."""
        return self.opened_at or self.starts_at

    @property
    def verification_code(self) -> str | None:
        return self.record_hash

    @property
    def motions(self) -> tuple[MotionDetail, ...]:
        return tuple(motion for item in self.items for motion in item.motions)

    @property
    def elections(self) -> tuple[ElectionDetail, ...]:
        return tuple(election for item in self.items for election in item.elections)

    @property
    def decisions(self) -> tuple[DecisionDetail, ...]:
        return tuple(decision for item in self.items for decision in item.decisions)

    def with_status(self, *statuses: AttendanceStatus) -> tuple[AttendanceLine, ...]:
        return tuple(line for line in self.attendance if line.status in statuses)

    @property
    def entitled(self) -> int:
        return self.counters.entitled

    @property
    def present_voters(self) -> int:
        return self.counters.present_voters

    @property
    def quorum_met(self) -> bool:
        return self.counters.quorum_met


@dataclass(frozen=True)
class BallotSheet:
    """Numbered secret-ballot papers for one vote: one per present voter."""

    council: Council
    meeting_title: str
    starts_at: datetime
    question: str  # the motion's text, or the election's title
    count: int  # papers to print: the present voters
    number: str = ""  # the motion's number ("2.1"), if a motion
    candidates: tuple[Person, ...] = ()  # an election's candidates; none: a motion (yes / no / abstain)
    max_choices: int = 1
    seats: int = 1

    @property
    def election(self) -> bool:
        return bool(self.candidates)


OPENING_FAR_DAYS = 7  # a session opened a week or more from today was most likely picked by mistake


def opening_doubts(detail: MeetingDetail, at: datetime, today: date) -> list[str]:
    """What looks wrong about opening the session now (untranslated messages); the secretary may go on anyway."""
    doubts = []
    if detail.state is MeetingState.DRAFT:
        doubts.append(N_("The meeting was never convened: no convocation was issued."))
    if detail.chair is None:
        doubts.append(N_("No one chairs the meeting."))
    if detail.secretary is None:
        doubts.append(N_("The meeting has no secretary."))
    if detail.counters.in_person == 0:
        doubts.append(N_("Nobody is marked present yet."))
    if abs((at.date() - today).days) >= OPENING_FAR_DAYS:
        doubts.append(N_("The session would open a week or more away from today."))
    return doubts


@dataclass(frozen=True)
class Agreement:
    """An agreement of the acta, numbered across the whole meeting: a recorded decision, or a passed motion
    that has none (its text is then the motion's own)."""

    number: int
    item_position: int
    text: str
    motion: MotionDetail | None = None
    decision: DecisionDetail | None = None

    @property
    def actions(self) -> tuple[ActionDetail, ...]:
        return self.decision.actions if self.decision else ()


def agreements_of(detail: MeetingDetail) -> tuple[Agreement, ...]:
    """The acta's agreements in order: per item, each motion's decisions (or the passed motion itself), then
    the item's decisions tied to no motion."""
    found: list[Agreement] = []
    for item in detail.items:
        for motion in item.motions:
            tied = [d for d in item.decisions if d.motion_id == motion.id]
            for decision in tied:
                found.append(Agreement(len(found) + 1, item.position, decision.text or motion.text, motion, decision))
            if not tied and motion.result is MotionResult.PASSED:
                found.append(Agreement(len(found) + 1, item.position, motion.text, motion))
        motion_ids = {motion.id for motion in item.motions}
        for decision in item.decisions:
            if decision.motion_id not in motion_ids:
                found.append(Agreement(len(found) + 1, item.position, decision.text, None, decision))
    return tuple(found)
