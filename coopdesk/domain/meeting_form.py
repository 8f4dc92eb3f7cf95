"""The meeting JSON of docs/cli.md ("Meetings from JSON"), read and checked into one frozen `MeetingForm`.

`parse_meeting(data, members)` takes what `json.load` gave and the council's members, and either returns the
meeting with everything resolved (entitled voters, present voters, quorum, each motion's outcome) or raises
`ProblemsFound` with one problem per mistake, each naming where it is (`items[0].motions[2].counts`,
`attendance.M021`). A problem that follows from another (a ballot of a member whose proxy is invalid) is not
reported twice. Extensions beyond the contract, all optional: an item may hold `elections` (see `_election`),
the meeting may give `convened_on` (the day its convocation was issued) and a motion its `proposer` (a member's
code).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.domain.meetings import (
    AttendanceStatus,
    Base,
    Choice,
    Majority,
    MeetingKind,
    MotionResult,
    QuorumRule,
    VoteMethod,
)
from coopdesk.domain.members import Body, Member, is_entitled
from coopdesk.domain.organs import (
    NOT_IN_ORGAN,
    BodyTally,
    ConcurrentOutcome,
    Organ,
    QuorumByBody,
    body_count_problems,
    body_counts,
    decide_concurrent,
    quorum_by_body,
    split_ballots,
)
from coopdesk.domain.parsing import parse_date
from coopdesk.domain.votes import (
    NOT_A_PRESENT_VOTER,
    Counts,
    ElectionOutcome,
    Mark,
    Outcome,
    QuorumStatus,
    Roll,
    ballot_problems,
    build_roll,
    count_problems,
    decide,
    elect,
    election_problems,
    tally_roll_call,
    validate_attendance,
)
from coopdesk.i18n import N_, _

E = TypeVar("E", bound=StrEnum)

# The same limits as the database columns (persistence/models/meetings.py).
TITLE_MAX = 200
PLACE_MAX = 200
ITEM_TITLE_MAX = 300
MINUTES_MAX = 50_000
MOTION_TEXT_MAX = 2000


@dataclass(frozen=True)
class LocatedProblem(Problem):
    """A problem in a JSON form: shown after the path of the value, since there are no line numbers."""

    def translated(self) -> str:
        if self.line is None and self.column:
            return _("%(where)s: %(problem)s") % {"where": self.column, "problem": _(self.message) % self.params}
        return super().translated()


@dataclass(frozen=True)
class MotionForm:
    text: str
    method: VoteMethod
    majority: Majority
    base: Base
    counts: Counts
    outcome: Outcome
    ballots: tuple[tuple[str, Choice], ...] = ()  # roll call only, by member code
    cast_by: tuple[tuple[str, str], ...] = ()  # roll call: represented member → proxy holder
    concurrent: bool = False
    counts_by_body: tuple[tuple[Body, Counts], ...] = ()  # concurrent: each body's counts (roll calls: split)
    concurrent_outcome: ConcurrentOutcome | None = None
    proposer: str | None = None  # who put it forward (member code), where not the item's proposer

    @property
    def result(self) -> MotionResult:
        return self.concurrent_outcome.result if self.concurrent_outcome else self.outcome.result


@dataclass(frozen=True)
class ElectionForm:
    title: str
    seats: int
    max_choices: int
    method: VoteMethod
    ballots_cast: int
    votes: tuple[tuple[str, int], ...]  # candidate code → votes, by code
    outcome: ElectionOutcome
    blank_ballots: int = 0
    null_ballots: int | None = None  # None: not given (the acta then works them out, as before they were kept)


@dataclass(frozen=True)
class ItemForm:
    title: str
    minutes: str
    motions: tuple[MotionForm, ...] = ()
    elections: tuple[ElectionForm, ...] = ()


@dataclass(frozen=True)
class MeetingForm:
    title: str
    kind: MeetingKind
    starts_at: datetime
    place: str | None
    chair: str | None
    secretary: str | None
    quorum_rule: QuorumRule
    attendance: tuple[tuple[str, Mark], ...]  # as listed, by code; members not listed are absent
    roll: Roll
    quorum: QuorumStatus
    items: tuple[ItemForm, ...]
    organ: Organ = Organ.JOINT
    quorum_per_body: bool = False
    quorum_by_body: QuorumByBody | None = None
    body_of: tuple[tuple[str, Body], ...] = ()  # every member of the organ, by code
    convened_on: date | None = None  # the day the convocation was issued

    @property
    def entitled(self) -> int:
        return self.roll.entitled_count

    @property
    def present_voters(self) -> int:
        return self.roll.present_voter_count

    @property
    def quorum_met(self) -> bool:
        return self.quorum_by_body.met if self.quorum_by_body else self.quorum.met

    @property
    def motions(self) -> tuple[MotionForm, ...]:
        return tuple(motion for item in self.items for motion in item.motions)


@dataclass(frozen=True)
class _RollCheck:
    """What may be said against the roll when some marks are themselves problems (or no date is known)."""

    dated: bool  # False: without a date nobody's entitlement is known
    doubtful: frozenset[str]  # members whose mark is a problem
    max_voters: int  # the present voters, counting each doubtful member who might be one

    @property
    def sure(self) -> bool:
        return self.dated and not self.doubtful

    def reliable(self, problem: Problem) -> bool:
        """A "not a present voter" problem that does not merely echo a doubtful mark."""
        return self.dated and problem.params.get("code") not in self.doubtful


class _Reader:
    """Reads values out of the loaded JSON, noting a problem (and returning None) for each bad one."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, where: str | None, message: str, **params: Any) -> None:
        self.problems.append(Problem(message, params, column=where))

    def object(self, value: Any, where: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.bad(where, N_("an object {…} is expected here"))
        return None

    def list(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.bad(where, N_("a list […] is expected here"))
        return []

    def text(self, obj: Mapping[str, Any], key: str, where: str, *, limit: int,
             required: bool = True) -> str | None:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.bad(where, N_("a value is required"))
            return None
        if not isinstance(value, str):
            self.bad(where, N_("text is expected here"))
            return None
        if len(value) > limit:
            self.bad(where, N_("the text is longer than %(max)d characters"), max=limit)
            return None
        return value.strip()

    def choice(self, obj: Mapping[str, Any], key: str, where: str, enum: type[E], *,
               default: E | None = None) -> E | None:
        value = obj.get(key)
        if value is None and default is not None:
            return default
        if value is None:
            self.bad(where, N_("a value is required"))
            return None
        if isinstance(value, str) and value in {member.value for member in enum}:
            return enum(value)
        self.bad(where, N_("'%(value)s' is not one of: %(choices)s"), value=value,
                 choices=", ".join(member.value for member in enum))
        return None

    def count(self, value: Any, where: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self.bad(where, N_("'%(value)s' is not a whole number of 0 or more"), value=value)
        return None

    def member(self, obj: Mapping[str, Any], key: str, where: str, known: Mapping[str, Member]) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in known:
            self.bad(where, N_("%(code)s is not a member of the council"), code=value)
            return None
        return value


def parse_meeting(data: Any, members: Iterable[Member]) -> MeetingForm:
    known = {member.code: member for member in members}
    r = _Reader()
    meeting = r.object(data, "")
    if meeting is None:
        raise ProblemsFound(_located(r.problems))
    title = r.text(meeting, "title", "title", limit=TITLE_MAX)
    kind = r.choice(meeting, "kind", "kind", MeetingKind)
    starts_at = _datetime(r, meeting.get("starts_at"))
    place = r.text(meeting, "place", "place", limit=PLACE_MAX, required=False)
    chair = r.member(meeting, "chair", "chair", known)
    secretary = r.member(meeting, "secretary", "secretary", known)
    convened_on = _day(r, meeting.get("convened_on"), "convened_on")
    if convened_on is not None and starts_at is not None and convened_on > starts_at.date():
        r.bad("convened_on", N_("the convocation cannot be issued after the day of the meeting"))
    rule = r.choice(meeting, "quorum", "quorum", QuorumRule, default=QuorumRule.HALF)
    organ = r.choice(meeting, "organ", "organ", Organ, default=Organ.JOINT) or Organ.JOINT
    per_body = _flag(r, meeting, "quorum_per_body", "quorum_per_body")
    if per_body and organ is not Organ.JOINT:
        r.bad("quorum_per_body", N_("the quorum in each body applies only to the joint body"))
    body_of = {code: member.body for code, member in known.items() if organ.admits(member.body)}

    marks, malformed = _attendance(r, meeting.get("attendance"))
    outsiders = _outsiders(r, marks, known, body_of)
    marks = [(code, mark) for code, mark in marks if code not in outsiders]
    entitled: set[str] = set()
    doubtful = set(malformed) | outsiders
    if starts_at is not None:
        entitled = {code for code in body_of if is_entitled(known[code], starts_at.date())}
        problems = [problem for problem in validate_attendance(marks, entitled=entitled, known=known)
                    if problem.params.get("holder") not in malformed]  # that holder's mark is the problem
        r.problems.extend(problems)
        doubtful |= {problem.params["code"] for problem in problems}
    doubtful |= {code for code, mark in marks if mark.proxy in doubtful}  # their vote hangs on a doubtful mark
    # The roll of the marks beyond doubt; checks against it allow for every doubtful member being a voter.
    usable = [(code, mark) for code, mark in marks
              if code not in doubtful and code in known and (starts_at is not None or mark.proxy is None)]
    roll = build_roll(usable, entitled=entitled, known=known)
    check = _RollCheck(starts_at is not None, frozenset(doubtful),
                       roll.present_voter_count + len(doubtful & entitled))
    quorum = roll.quorum(rule or QuorumRule.HALF)
    by_body = quorum_by_body(rule or QuorumRule.HALF, body_counts(roll, body_of, organ.bodies), per_body=per_body)
    seats = _Seats(organ, body_of, known)

    items = []
    for i, raw in enumerate(r.list(meeting.get("items"), "items")):
        where = f"items[{i}]"
        if (item := r.object(raw, where)) is None:
            continue
        motions = [_motion(r, m, f"{where}.motions[{j}]", roll, by_body.met, check, seats, known)
                   for j, m in enumerate(r.list(item.get("motions"), f"{where}.motions"))]
        elections = [_election(r, e, f"{where}.elections[{j}]", roll, check, seats)
                     for j, e in enumerate(r.list(item.get("elections"), f"{where}.elections"))]
        items.append(ItemForm(
            title=r.text(item, "title", f"{where}.title", limit=ITEM_TITLE_MAX) or "",
            minutes=r.text(item, "minutes", f"{where}.minutes", limit=MINUTES_MAX, required=False) or "",
            motions=tuple(m for m in motions if m is not None),
            elections=tuple(e for e in elections if e is not None)))

    if r.problems:
        raise ProblemsFound(_located(r.problems))
    assert title and kind and starts_at and rule  # each is either read or a problem was noted
    return MeetingForm(title=title, kind=kind, starts_at=starts_at, place=place, chair=chair,
                       secretary=secretary, quorum_rule=rule, roll=roll, quorum=quorum, items=tuple(items),
                       attendance=tuple(sorted(marks, key=lambda pair: pair[0])), organ=organ,
                       quorum_per_body=per_body, quorum_by_body=by_body, body_of=tuple(sorted(body_of.items())),
                       convened_on=convened_on)


@dataclass(frozen=True)
class _Seats:
    """Who sits in the meeting's organ: its members' bodies by code (the council's other members do not)."""

    organ: Organ
    body_of: Mapping[str, Body]
    known: Mapping[str, Member]

    def outside(self, code: object) -> bool:
        return isinstance(code, str) and code in self.known and code not in self.body_of


def _outsiders(r: _Reader, marks: list[tuple[str, Mark]], known: Mapping[str, Member],
               body_of: Mapping[str, Body]) -> set[str]:
    """Marks naming a member outside the organ, as the member or as their proxy holder (each noted)."""
    outside: set[str] = set()
    for code, mark in marks:
        if code in known and code not in body_of:
            r.bad(f"attendance.{code}", NOT_IN_ORGAN, code=code)
            outside.add(code)
        elif mark.proxy in known and mark.proxy not in body_of:
            r.bad(f"attendance.{code}", N_("the proxy holder %(holder)s of %(code)s is not a worker and does not "
                                          "sit in the Workers' Council"), code=code, holder=mark.proxy)
            outside.add(code)
    return outside


def _flag(r: _Reader, obj: Mapping[str, Any], key: str, where: str) -> bool:
    value = obj.get(key, False)
    if isinstance(value, bool):
        return value
    r.bad(where, N_("'%(value)s' is not true or false"), value=value)
    return False


def _located(problems: list[Problem]) -> list[Problem]:
    return [LocatedProblem(p.message, p.params, p.line, p.column) for p in problems]


def _day(r: _Reader, value: Any, where: str) -> date | None:
    """An optional date, as the CSV files write them (`2026-11-10` or `10/11/2026`)."""
    if value is None:
        return None
    if not isinstance(value, str):
        r.bad(where, N_("'%(value)s' is not a date like 2026-03-31 or 31/03/2026"), value=value)
        return None
    try:
        return parse_date(value)
    except InvalidInput as error:
        r.bad(where, error.message, **error.params)
        return None


def _datetime(r: _Reader, value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is None:  # the council's wall time, as stored
            return moment
    if value is None:
        r.bad("starts_at", N_("a value is required"))
    else:
        r.bad("starts_at", N_("'%(value)s' is not a date and time like 2026-11-20T09:00"), value=value)
    return None


_STATUSES = {"present": AttendanceStatus.PRESENT, "absent": AttendanceStatus.ABSENT,
             "excused": AttendanceStatus.EXCUSED}


def _attendance(r: _Reader, value: Any) -> tuple[list[tuple[str, Mark]], set[str]]:
    """The marks as listed, and the codes whose mark could not be read."""
    if value is None or (attendance := r.object(value, "attendance")) is None:
        return [], set()
    marks, malformed = [], set()
    for code, raw in attendance.items():
        if isinstance(raw, str) and raw in _STATUSES:
            marks.append((code, Mark(_STATUSES[raw])))
        elif isinstance(raw, Mapping) and set(raw) == {"proxy"} and isinstance(raw["proxy"], str):
            marks.append((code, Mark(AttendanceStatus.REPRESENTED, raw["proxy"])))
        else:
            malformed.add(code)
            r.bad(f"attendance.{code}",
                  N_("'%(value)s' is not present, absent, excused or {\"proxy\": CODE}"), value=raw)
    return marks, malformed


def _motion(r: _Reader, raw: Any, where: str, roll: Roll, quorum_met: bool,
            check: _RollCheck, seats: _Seats, known: Mapping[str, Member]) -> MotionForm | None:
    if (motion := r.object(raw, where)) is None:
        return None
    before = len(r.problems)
    text = r.text(motion, "text", f"{where}.text", limit=MOTION_TEXT_MAX)
    proposer = r.member(motion, "proposer", f"{where}.proposer", known)  # any member may propose, as for items
    method = r.choice(motion, "method", f"{where}.method", VoteMethod)
    majority = r.choice(motion, "majority", f"{where}.majority", Majority)
    base = r.choice(motion, "base", f"{where}.base", Base) if motion.get("base") is not None else None
    concurrent = _flag(r, motion, "concurrent", f"{where}.concurrent")
    if concurrent and seats.organ is not Organ.JOINT:
        r.bad(f"{where}.concurrent", N_("a concurrent majority applies only to the joint body"))
    counts: Counts | None = None
    by_body: dict[Body, Counts] = {}
    ballots: tuple[tuple[str, Choice], ...] = ()
    cast_by: tuple[tuple[str, str], ...] = ()
    if method is VoteMethod.ROLL_CALL:
        if "counts" in motion or "counts_by_body" in motion:
            r.bad(f"{where}.counts", N_("a roll-call vote gives its ballots, not counts"))
        if "ballots" not in motion:
            r.bad(f"{where}.ballots", N_("a roll-call vote needs its ballots, one per voter"))
        elif (raw_ballots := r.object(motion["ballots"], f"{where}.ballots")) is not None:
            for code in filter(seats.outside, raw_ballots):
                r.bad(f"{where}.ballots.{code}", NOT_IN_ORGAN, code=code)
            raw_ballots = {code: choice for code, choice in raw_ballots.items() if not seats.outside(code)}
            problems = ballot_problems(raw_ballots, roll, where=f"{where}.ballots")
            r.problems.extend(p for p in problems if p.message != NOT_A_PRESENT_VOTER or check.reliable(p))
            if not problems:
                tally = tally_roll_call(raw_ballots, roll)
                counts, ballots, cast_by = tally.counts, tally.ballots, tally.cast_by
                by_body = split_ballots(ballots, seats.body_of)
    elif method is not None:
        if "ballots" in motion:
            r.bad(f"{where}.ballots", N_("open and secret votes give counts, not ballots"))
        if concurrent:
            if "counts" in motion:
                r.bad(f"{where}.counts", N_("a concurrent vote gives its counts by body (counts_by_body)"))
            by_body = _counts_by_body(r, motion.get("counts_by_body"), f"{where}.counts_by_body", seats.organ)
            counts = None if by_body is None else Counts(*(sum(getattr(c, key) for c in by_body.values())
                                                           for key in ("yes", "no", "abstain")))
        else:
            if "counts_by_body" in motion:
                r.bad(f"{where}.counts_by_body", N_("counts by body are given only for a concurrent vote"))
            counts = _counts(r, motion.get("counts"), f"{where}.counts")
        if check.dated and counts is not None:
            r.problems.extend(count_problems(counts, check.max_voters, where=f"{where}.counts"))
    if not check.sure or len(r.problems) > before or None in (text, method, majority, counts):
        return None  # a problem is noted already (about the roll, when it is in doubt)
    assert text and method and majority and counts is not None
    outcome = decide(majority, base, counts, roll.present_voter_count, roll.entitled_count, quorum_met)
    concurrent_outcome = None
    if concurrent:
        tallies = {body: BodyTally(figures.entitled, figures.present_voters, (by_body or {}).get(body, Counts()))
                   for body, figures in body_counts(roll, seats.body_of, seats.organ.bodies).items()}
        if problems := body_count_problems(tallies, where=f"{where}.counts_by_body"):
            r.problems.extend(problems)
            return None
        concurrent_outcome = decide_concurrent(majority, base, tallies, quorum_met)
    return MotionForm(text=text, method=method, majority=majority, base=outcome.base, counts=counts,
                      outcome=outcome, ballots=ballots, cast_by=cast_by, concurrent=concurrent,
                      counts_by_body=tuple(sorted((by_body or {}).items(), key=lambda pair: list(Body).index(pair[0]))),
                      concurrent_outcome=concurrent_outcome, proposer=proposer)


def _counts_by_body(r: _Reader, value: Any, where: str, organ: Organ) -> dict[Body, Counts] | None:
    """`{"worker": {"yes": …}, "communal_council": {…}}`; a body left out counted no votes."""
    if value is None:
        r.bad(where, N_("a concurrent open or secret vote needs its counts by body (counts_by_body)"))
        return None
    if (raw := r.object(value, where)) is None:
        return None
    by_body: dict[Body, Counts] = {}
    bodies = {body.value for body in organ.bodies}
    ok = True
    for key, counts in raw.items():
        if key not in bodies:
            r.bad(f"{where}.{key}", N_("'%(value)s' is not one of: %(choices)s"), value=key,
                  choices=", ".join(sorted(bodies)))
            ok = False
        elif (read := _counts(r, counts, f"{where}.{key}")) is None:
            ok = False
        else:
            by_body[Body(key)] = read
    return by_body if ok else None


def _counts(r: _Reader, value: Any, where: str) -> Counts | None:
    if value is None:
        r.bad(where, N_("an open or secret vote needs its counts (yes, no, abstain)"))
        return None
    if (counts := r.object(value, where)) is None:
        return None
    numbers: dict[str, int] = {}
    for key, raw in counts.items():
        if key not in {"yes", "no", "abstain"}:
            r.bad(f"{where}.{key}", N_("'%(value)s' is not yes, no or abstain"), value=key)
        elif (number := r.count(raw, f"{where}.{key}")) is not None:
            numbers[key] = number
    if len(numbers) != len(counts):
        return None
    return Counts(**numbers)


def _election(r: _Reader, raw: Any, where: str, roll: Roll, check: _RollCheck,
              seats_of: _Seats) -> ElectionForm | None:
    """`{"title", "seats", "max_choices" (default 1), "method" (open|secret), "ballots_cast", "votes": {CODE: N}}`,
    and optionally `blank_ballots` (default 0) and `null_ballots` (spoilt ones; left out, they are not recorded).
    Candidates come from the meeting's organ, as its voters do."""
    if (election := r.object(raw, where)) is None:
        return None
    before = len(r.problems)
    title = r.text(election, "title", f"{where}.title", limit=ITEM_TITLE_MAX)
    seats = r.count(election.get("seats"), f"{where}.seats")
    max_choices = r.count(election.get("max_choices", 1), f"{where}.max_choices")
    method = r.choice(election, "method", f"{where}.method", VoteMethod)
    if method is VoteMethod.ROLL_CALL:
        r.bad(f"{where}.method", N_("an election is counted openly or by secret ballot"))
    cast = r.count(election.get("ballots_cast"), f"{where}.ballots_cast")
    blank = r.count(election.get("blank_ballots", 0), f"{where}.blank_ballots")
    null = None if election.get("null_ballots") is None else r.count(election["null_ballots"],
                                                                      f"{where}.null_ballots")
    votes: dict[str, int] = {}
    for code, number in (r.object(election.get("votes"), f"{where}.votes") or {}).items():
        if code not in seats_of.known:
            r.bad(f"{where}.votes.{code}", N_("%(code)s is not a member of the council"), code=code)
        elif seats_of.outside(code):
            r.bad(f"{where}.votes.{code}", NOT_IN_ORGAN, code=code)
        elif (count := r.count(number, f"{where}.votes.{code}")) is not None:
            votes[code] = count
    if len(r.problems) > before or None in (title, seats, max_choices, method, cast, blank):
        return None
    assert seats is not None and max_choices is not None and cast is not None and title and method
    assert blank is not None
    problems = election_problems(seats=seats, max_choices=max_choices, tallies=votes, ballots_cast=cast,
                                 present_voters=check.max_voters if check.dated else cast, where=where,
                                 blank_ballots=blank, null_ballots=null or 0)
    if problems:
        r.problems.extend(problems)
        return None
    return ElectionForm(title=title, seats=seats, max_choices=max_choices, method=method, ballots_cast=cast,
                        votes=tuple(sorted(votes.items())), outcome=elect(seats, votes), blank_ballots=blank,
                        null_ballots=null)
