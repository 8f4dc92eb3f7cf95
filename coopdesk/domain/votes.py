"""The arithmetic of an assembly: quorum, majority over a base, proxies, roll calls and elections.

Pure functions over counts and member codes (binding rules: docs/cli.md, "Meetings from JSON"); problems
name where (`attendance.M023`, `ballots.M039`) in `column`. Comparisons are on integers (`2Y > B`, not
`Y > B / 2`), so nothing is rounded. Default bases and the rules in words are in `meetings.py`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from coopdesk.domain.errors import Problem, ProblemsFound
from coopdesk.domain.meetings import AttendanceStatus, Base, Choice, Majority, MotionResult, QuorumRule, default_base
from coopdesk.i18n import N_

# -- quorum ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumStatus:
    met: bool
    needed_more: int  # present voters still missing for the quorum (0 when met)


def quorum_minimum(rule: QuorumRule, entitled: int) -> int:
    """The fewest present voters that meet the rule: half → 2P > E, two_thirds → 3P ≥ 2E."""
    rule = QuorumRule(rule)
    if rule is QuorumRule.HALF:
        return entitled // 2 + 1
    if rule is QuorumRule.TWO_THIRDS:
        return -(-2 * entitled // 3)
    return 0


def quorum_status(rule: QuorumRule, entitled: int, present: int) -> QuorumStatus:
    _check_people(entitled, present)
    minimum = quorum_minimum(rule, entitled)
    return QuorumStatus(met=present >= minimum, needed_more=max(0, minimum - present))


def _check_people(entitled: int, present: int) -> None:
    if entitled < 0 or not 0 <= present <= entitled:
        raise ProblemsFound([Problem(
            N_("%(present)d present voters cannot come from %(entitled)d entitled voters"),
            {"present": present, "entitled": entitled})])


# -- majority and base -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain

    def add(self, choice: Choice) -> Counts:
        return Counts(self.yes + (choice is Choice.YES), self.no + (choice is Choice.NO),
                      self.abstain + (choice is Choice.ABSTAIN))


@dataclass(frozen=True)
class Outcome:
    result: MotionResult
    base: Base
    base_count: int
    yes_needed: int | None  # more yes votes that would pass it ("faltan N"); None: no number of them can


def base_count(base: Base, counts: Counts, *, present_voters: int, entitled: int) -> int:
    match Base(base):
        case Base.YES_NO:
            return counts.yes + counts.no
        case Base.YES_NO_ABSTAIN:
            return counts.cast
        case Base.PRESENT:
            return present_voters
        case Base.ENTITLED:
            return entitled
    raise AssertionError(base)  # pragma: no cover


def passes(majority: Majority, yes: int, base: int) -> bool:
    """Whether Y yes votes carry the motion over a base of B. With B = 0 nothing passes."""
    if base <= 0:
        return False
    match Majority(majority):
        case Majority.SIMPLE | Majority.ABSOLUTE:
            return 2 * yes > base  # exactly half fails
        case Majority.TWO_THIRDS:
            return 3 * yes >= 2 * base  # the exact edge passes
        case Majority.THREE_QUARTERS:
            return 4 * yes >= 3 * base
        case Majority.UNANIMOUS:
            return yes == base
    raise AssertionError(majority)  # pragma: no cover


def yes_votes_needed(majority: Majority, base: Base, counts: Counts, *, present_voters: int,
                     entitled: int) -> int | None:
    """How many more yes votes would carry the motion, the other counts unchanged (0 if it passes). A yes
    vote also grows a base of votes cast, so it is not just "B/2 − Y". None when no number of yes votes can
    do it (unanimity with a vote against; a base of nobody)."""
    grows = Base(base) in (Base.YES_NO, Base.YES_NO_ABSTAIN)

    def carried(extra: int) -> bool:
        more = Counts(counts.yes + extra, counts.no, counts.abstain)
        b = base_count(base, more, present_voters=present_voters, entitled=entitled)
        return passes(majority, more.yes, b)

    # Passing is monotone in extra yes votes up to these bounds, which suffice when it is possible at all
    # (a fixed base caps the yes votes at the base itself).
    fixed = base_count(base, counts, present_voters=present_voters, entitled=entitled)
    high = 4 * fixed + 1 if grows else max(0, fixed - counts.yes)
    if not carried(high):
        return None
    low = 0  # binary search for the fewest
    while low < high:
        middle = (low + high) // 2
        if carried(middle):
            high = middle
        else:
            low = middle + 1
    return low


def count_problems(counts: Counts, present_voters: int, *, where: str | None = None) -> list[Problem]:
    if min(counts.yes, counts.no, counts.abstain) < 0:
        return [Problem(N_("vote counts cannot be negative"), column=where)]
    if counts.cast > present_voters:
        return [Problem(N_("%(cast)d votes were counted but there are only %(present)d present voters"),
                        {"cast": counts.cast, "present": present_voters}, column=where)]
    return []


def decide(majority: Majority, base: Base | None, counts: Counts, present_voters: int, entitled: int,
           quorum_met: bool) -> Outcome:
    """The result of a motion; `base` None means the default base of the majority."""
    _check_people(entitled, present_voters)
    if problems := count_problems(counts, present_voters):
        raise ProblemsFound(problems)
    base = Base(base) if base is not None else default_base(majority)
    b = base_count(base, counts, present_voters=present_voters, entitled=entitled)
    needed = yes_votes_needed(majority, base, counts, present_voters=present_voters, entitled=entitled)
    if not quorum_met:
        result = MotionResult.NO_QUORUM
    else:
        result = MotionResult.PASSED if passes(majority, counts.yes, b) else MotionResult.REJECTED
    return Outcome(result=result, base=base, base_count=b, yes_needed=needed)


# -- attendance and proxies --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """One member's attendance; `proxy` names the present member who holds a represented member's vote."""

    status: AttendanceStatus
    proxy: str | None = None


@dataclass(frozen=True)
class Roll:
    """Attendance resolved: who counts as a present voter, and who casts whose vote."""

    entitled: frozenset[str]
    present: frozenset[str]  # in person, voters or not
    represented: tuple[tuple[str, str], ...] = ()  # (represented member, proxy holder), by member code

    @cached_property
    def holders(self) -> dict[str, str]:
        return dict(self.represented)

    @cached_property
    def present_voters(self) -> frozenset[str]:
        return (self.present & self.entitled) | (frozenset(self.holders) & self.entitled)

    @property
    def entitled_count(self) -> int:
        return len(self.entitled)

    @property
    def present_voter_count(self) -> int:
        return len(self.present_voters)

    def caster(self, code: str) -> str:
        """Who casts the member's vote: the proxy holder for a represented member, else the member."""
        return self.holders.get(code, code)

    def quorum(self, rule: QuorumRule) -> QuorumStatus:
        return quorum_status(rule, self.entitled_count, self.present_voter_count)


def _pairs(marks: Mapping[str, Mark] | Iterable[tuple[str, Mark]]) -> list[tuple[str, Mark]]:
    return list(marks.items()) if isinstance(marks, Mapping) else list(marks)


def validate_attendance(marks: Mapping[str, Mark] | Iterable[tuple[str, Mark]], *, entitled: Collection[str],
                        known: Collection[str] | None = None) -> list[Problem]:
    """Every problem with a roll, one each, `column` = `attendance.CODE` of the member concerned.

    Marks may come as pairs so that a member marked twice (present, and represented) can be caught.
    """
    pairs = _pairs(marks)
    problems: list[Problem] = []
    statuses: dict[str, set[AttendanceStatus]] = {}
    for code, mark in pairs:
        statuses.setdefault(code, set()).add(mark.status)
    present = {code for code, kinds in statuses.items() if AttendanceStatus.PRESENT in kinds}
    carried: dict[str, str] = {}
    seen: set[str] = set()

    def bad(code: str, message: str, **params: object) -> None:
        problems.append(Problem(message, {"code": code, **params}, column=f"attendance.{code}"))

    for code, mark in pairs:
        if code in seen:
            if statuses[code] >= {AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED}:
                bad(code, N_("%(code)s is present in person and cannot also be represented"))
            else:
                bad(code, N_("%(code)s is listed twice"))
            continue
        seen.add(code)
        if known is not None and code not in known:
            bad(code, N_("%(code)s is not a member of the council"))
            continue
        if (mark.status is AttendanceStatus.REPRESENTED) != (mark.proxy is not None):
            bad(code, N_("%(code)s is represented only when a proxy holder is named"))
            continue
        if mark.proxy is None:
            continue
        holder = mark.proxy
        if holder == code:
            bad(code, N_("%(code)s cannot hold their own proxy"))
        elif code not in entitled:
            bad(code, N_("%(code)s has no vote at this meeting, so nobody can represent them"))
        elif known is not None and holder not in known:
            bad(code, N_("the proxy holder %(holder)s of %(code)s is not a member of the council"), holder=holder)
        elif holder not in entitled:
            bad(code, N_("the proxy holder %(holder)s of %(code)s has no vote at this meeting"), holder=holder)
        elif holder not in present:
            bad(code, N_("the proxy holder %(holder)s of %(code)s is not present in person"), holder=holder)
        elif holder in carried:
            bad(code, N_("%(holder)s already holds the proxy of %(other)s and may carry only one"),
                holder=holder, other=carried[holder])
        else:
            carried[holder] = code
    return problems


def build_roll(marks: Mapping[str, Mark] | Iterable[tuple[str, Mark]], *, entitled: Collection[str],
               known: Collection[str] | None = None) -> Roll:
    """The roll of a valid attendance; raises ProblemsFound listing every problem otherwise."""
    pairs = _pairs(marks)
    if problems := validate_attendance(pairs, entitled=entitled, known=known):
        raise ProblemsFound(problems)
    present = frozenset(code for code, mark in pairs if mark.status is AttendanceStatus.PRESENT)
    represented = tuple(sorted((code, mark.proxy) for code, mark in pairs if mark.proxy is not None))
    return Roll(entitled=frozenset(entitled), present=present, represented=represented)


# -- roll call ---------------------------------------------------------------------------------------------


_CHOICES = frozenset(choice.value for choice in Choice)
NOT_A_PRESENT_VOTER = N_("%(code)s is not a present voter and cannot vote")


@dataclass(frozen=True)
class RollCallTally:
    counts: Counts
    ballots: tuple[tuple[str, Choice], ...]  # by member code
    cast_by: tuple[tuple[str, str], ...]  # represented member → the proxy holder who cast the ballot


def ballot_problems(ballots: Mapping[str, object] | Iterable[tuple[str, object]], roll: Roll, *,
                    where: str = "ballots") -> list[Problem]:
    """One ballot per present voter at most, a valid choice each; `column` = `WHERE.CODE`."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for code, choice in _pairs(ballots):  # type: ignore[arg-type]
        column = f"{where}.{code}"
        if code in seen:
            problems.append(Problem(N_("%(code)s voted twice"), {"code": code}, column=column))
        elif code not in roll.present_voters:
            problems.append(Problem(NOT_A_PRESENT_VOTER, {"code": code}, column=column))
        elif not isinstance(choice, str) or choice not in _CHOICES:
            problems.append(Problem(N_("'%(value)s' is not a vote (yes, no or abstain)"),
                                    {"value": choice}, column=column))
        seen.add(code)
    return problems


def tally_roll_call(ballots: Mapping[str, object] | Iterable[tuple[str, object]], roll: Roll) -> RollCallTally:
    pairs = _pairs(ballots)  # type: ignore[arg-type]
    if problems := ballot_problems(pairs, roll):
        raise ProblemsFound(problems)
    counts = Counts()
    named = tuple(sorted((code, Choice(choice)) for code, choice in pairs))
    for _code, choice in named:
        counts = counts.add(choice)
    cast_by = tuple((code, roll.caster(code)) for code, _choice in named if roll.caster(code) != code)
    return RollCallTally(counts=counts, ballots=named, cast_by=cast_by)


# -- elections ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ElectionOutcome:
    seats: int
    ranking: tuple[tuple[str, int], ...]  # every candidate, most votes first, then by code
    elected: tuple[str, ...]
    runoff: tuple[str, ...] = ()  # tied for the last seat(s): the assembly must vote again among them
    runoff_seats: int = 0  # seats the runoff fills
    unfilled: int = 0  # seats left empty for want of candidates with votes

    @property
    def needs_runoff(self) -> bool:
        return bool(self.runoff)


def elect(seats: int, tallies: Mapping[str, int]) -> ElectionOutcome:
    """Seats go to the most votes; a tie across the last seat is flagged for a runoff, never drawn by lot."""
    if seats < 1:
        raise ProblemsFound([Problem(N_("an election needs at least one seat"), column="seats")])
    if any(votes < 0 for votes in tallies.values()):
        raise ProblemsFound([Problem(N_("vote counts cannot be negative"), column="votes")])
    ranking = tuple(sorted(tallies.items(), key=lambda pair: (-pair[1], pair[0])))
    voted = [(code, votes) for code, votes in ranking if votes > 0]
    if len(voted) <= seats:
        return ElectionOutcome(seats, ranking, tuple(code for code, _ in voted), unfilled=seats - len(voted))
    cutoff = voted[seats - 1][1]
    above = tuple(code for code, votes in voted if votes > cutoff)
    tied = tuple(code for code, votes in voted if votes == cutoff)
    if len(above) + len(tied) == seats:
        return ElectionOutcome(seats, ranking, above + tied)
    return ElectionOutcome(seats, ranking, above, runoff=tied, runoff_seats=seats - len(above))


def election_problems(*, seats: int, max_choices: int, tallies: Mapping[str, int], ballots_cast: int,
                      present_voters: int, where: str = "", blank_ballots: int = 0,
                      null_ballots: int = 0) -> list[Problem]:
    """Counts that no set of ballots could give: too many ballots, more blank and null ballots than were cast,
    or more marks than the valid ballots allow (with one choice each, votes + blank + null ≤ ballots cast)."""
    prefix = f"{where}." if where else ""
    problems: list[Problem] = []
    if seats < 1:
        problems.append(Problem(N_("an election needs at least one seat"), column=f"{prefix}seats"))
    if max_choices < 1:
        problems.append(Problem(N_("each voter needs at least one choice"), column=f"{prefix}max_choices"))
    if not 0 <= ballots_cast <= present_voters:
        problems.append(Problem(N_("%(cast)d ballots were cast but there are only %(present)d present voters"),
                                {"cast": ballots_cast, "present": present_voters}, column=f"{prefix}ballots_cast"))
    for code, votes in sorted(tallies.items()):
        if not 0 <= votes <= ballots_cast:
            problems.append(Problem(N_("%(code)s has %(votes)d votes from %(cast)d ballots"),
                                    {"code": code, "votes": votes, "cast": ballots_cast},
                                    column=f"{prefix}votes.{code}"))
    if not 0 <= blank_ballots <= ballots_cast:
        problems.append(Problem(N_("%(blank)d blank ballots cannot come from %(cast)d ballots"),
                                {"blank": blank_ballots, "cast": ballots_cast}, column=f"{prefix}blank_ballots"))
    elif not 0 <= null_ballots <= ballots_cast - blank_ballots:
        problems.append(Problem(N_("%(blank)d blank and %(null)d null ballots cannot come from %(cast)d ballots"),
                                {"blank": blank_ballots, "null": null_ballots, "cast": ballots_cast},
                                column=f"{prefix}null_ballots"))
    valid = max(0, ballots_cast - blank_ballots - max(0, null_ballots))
    marks = sum(tallies.values())
    if max_choices >= 1 and marks > ballots_cast * max_choices:
        problems.append(Problem(
            N_("%(marks)d votes cannot come from %(cast)d ballots of at most %(choices)d choices each"),
            {"marks": marks, "cast": ballots_cast, "choices": max_choices}, column=f"{prefix}votes"))
    elif max_choices >= 1 and marks > valid * max_choices:  # the blank and null ballots carry no vote
        problems.append(Problem(
            N_("%(marks)d votes cannot come from the %(valid)d ballots left after %(blank)d blank and %(null)d "
               "null ones"), {"marks": marks, "valid": valid, "blank": blank_ballots, "null": null_ballots},
            column=f"{prefix}votes"))
    return problems


def tally_ballots(ballots: Iterable[Collection[str]], *, candidates: Collection[str],
                  max_choices: int) -> tuple[dict[str, int], int]:
    """Count paper ballots (each a set of candidate codes): the votes per candidate and the blank ballots."""
    tallies = dict.fromkeys(candidates, 0)
    problems: list[Problem] = []
    blank = 0
    for number, ballot in enumerate(ballots, start=1):
        column = f"ballots[{number}]"
        names = list(ballot)
        if len(set(names)) != len(names):
            problems.append(Problem(N_("ballot %(number)d names a candidate twice"), {"number": number},
                                    column=column))
        elif len(names) > max_choices:
            problems.append(Problem(N_("ballot %(number)d has %(count)d choices; at most %(max)d are allowed"),
                                    {"number": number, "count": len(names), "max": max_choices}, column=column))
        elif unknown := sorted(set(names) - set(tallies)):
            problems.append(Problem(N_("ballot %(number)d names %(code)s, who is not a candidate"),
                                    {"number": number, "code": unknown[0]}, column=column))
        elif not names:
            blank += 1
        else:
            for name in names:
                tallies[name] += 1
    if problems:
        raise ProblemsFound(problems)
    return tallies, blank
