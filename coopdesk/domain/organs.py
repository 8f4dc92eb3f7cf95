"""Organs of the unit and the per-body arithmetic of its joint body (binding rules: docs/cli.md, "Organs").

Two organs meet: the **Workers' Council** (members of body `worker` only) and the **joint** co-management
assembly (workers, communal-council delegates and state representatives). In the joint body a meeting may
require the quorum inside each body as well, and a motion may be **concurrent**: it passes only if it passes
overall *and* inside each body that has present voters, by the same majority and base on that body's own
figures. A body with no present voters is skipped; inside a body, B = 0 rejects (as overall). Pure functions
over counts, like `votes.py`, which they reuse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from coopdesk.domain.errors import Problem
from coopdesk.domain.meetings import (
    Base,
    Choice,
    Majority,
    MeetingKind,
    MotionResult,
    QuorumRule,
    default_base,
    rule_in_words,
)
from coopdesk.domain.members import Body
from coopdesk.domain.votes import (
    Counts,
    Outcome,
    QuorumStatus,
    Roll,
    base_count,
    count_problems,
    decide,
    passes,
    quorum_status,
    yes_votes_needed,
)
from coopdesk.i18n import N_, Translator, current


class Organ(StrEnum):
    WORKERS_COUNCIL = "workers_council"
    JOINT = "joint"

    @property
    def label(self) -> str:
        return ORGAN_LABELS[self]

    @property
    def bodies(self) -> tuple[Body, ...]:
        """The bodies whose members sit in this organ, in the order they are shown."""
        return ORGAN_BODIES[self]

    def admits(self, body: Body) -> bool:
        return Body(body) in ORGAN_BODIES[self]

    @property
    def usual_kind(self) -> MeetingKind:
        """The kind a new meeting of this organ is proposed as (the secretary may choose another)."""
        return MeetingKind.COUNCIL if self is Organ.WORKERS_COUNCIL else MeetingKind.ORDINARY


ORGAN_LABELS = {
    Organ.WORKERS_COUNCIL: N_("Workers' Council"),
    Organ.JOINT: N_("Joint co-management assembly"),
}
ORGAN_BODIES = {
    Organ.WORKERS_COUNCIL: (Body.WORKER,),
    Organ.JOINT: (Body.WORKER, Body.COMMUNAL_COUNCIL, Body.STATE),
}
NOT_IN_ORGAN = N_("%(code)s is not a worker and does not sit in the Workers' Council")
# "… needed among the communal delegates": where a body's shortfall lies.
AMONG_BODY = {
    Body.WORKER: N_("among the workers"),
    Body.COMMUNAL_COUNCIL: N_("among the communal delegates"),
    Body.STATE: N_("among the state representatives"),
}


# -- per-body figures of a roll ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyCount:
    """One body's entitled voters and present voters (present or represented)."""

    entitled: int
    present_voters: int


def body_counts(roll: Roll, body_of: Mapping[str, Body], bodies: Iterable[Body]) -> dict[Body, BodyCount]:
    """Entitled and present voters of each of `bodies` (zero where nobody of that body sits)."""
    result = {}
    for body in bodies:
        entitled = sum(1 for code in roll.entitled if body_of.get(code) is body)
        present = sum(1 for code in roll.present_voters if body_of.get(code) is body)
        result[Body(body)] = BodyCount(entitled, present)
    return result


@dataclass(frozen=True)
class QuorumByBody:
    """The meeting's quorum: overall, and (when required) inside each body with an entitled member."""

    overall: QuorumStatus
    by_body: tuple[tuple[Body, QuorumStatus], ...] = ()  # only when the quorum is required in each body

    @property
    def met(self) -> bool:
        return self.overall.met and all(status.met for _body, status in self.by_body)

    @property
    def short_bodies(self) -> tuple[tuple[Body, int], ...]:
        """Bodies without their own quorum, and how many more present voters each needs."""
        return tuple((body, status.needed_more) for body, status in self.by_body if not status.met)


def quorum_by_body(rule: QuorumRule, counts: Mapping[Body, BodyCount], *, per_body: bool) -> QuorumByBody:
    """The rule over the whole roll, and with `per_body` inside each body that has ≥ 1 entitled member."""
    overall = quorum_status(rule, sum(c.entitled for c in counts.values()),
                            sum(c.present_voters for c in counts.values()))
    if not per_body:
        return QuorumByBody(overall)
    return QuorumByBody(overall, tuple((body, quorum_status(rule, c.entitled, c.present_voters))
                                       for body, c in counts.items() if c.entitled >= 1))


# -- the concurrent majority -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyTally:
    """A body's figures for one vote: its entitled and present voters and its own counts."""

    entitled: int
    present_voters: int
    counts: Counts


@dataclass(frozen=True)
class BodyOutcome:
    body: Body
    tally: BodyTally
    base_count: int
    result: MotionResult
    yes_needed: int | None  # more yes votes inside this body that would carry it there; None: none can

    @property
    def passed(self) -> bool:
        return self.result is MotionResult.PASSED


@dataclass(frozen=True)
class ConcurrentOutcome:
    overall: Outcome  # the motion over everyone's figures, as if it were not concurrent
    bodies: tuple[BodyOutcome, ...]  # the bodies with present voters, in the organ's order
    result: MotionResult

    @property
    def shortfalls(self) -> tuple[tuple[Body, int | None], ...]:
        """The bodies where the motion fails, with the yes votes it lacks there."""
        return tuple((b.body, b.yes_needed) for b in self.bodies if b.result is MotionResult.REJECTED)


def split_ballots(ballots: Iterable[tuple[str, Choice]], body_of: Mapping[str, Body]) -> dict[Body, Counts]:
    """A roll call's counts per body (a represented member's ballot counts in their own body)."""
    result: dict[Body, Counts] = {}
    for code, choice in ballots:
        body = body_of[code]
        result[body] = result.get(body, Counts()).add(Choice(choice))
    return result


def body_count_problems(tallies: Mapping[Body, BodyTally], *, where: str = "counts_by_body") -> list[Problem]:
    """Counts no body could give: negative, or more votes than the body's present voters."""
    problems = []
    for body, tally in tallies.items():
        problems += count_problems(tally.counts, tally.present_voters, where=f"{where}.{Body(body).value}")
    return problems


def decide_concurrent(majority: Majority, base: Base | None, tallies: Mapping[Body, BodyTally],
                      quorum_met: bool) -> ConcurrentOutcome:
    """Passes only if it passes overall and inside each body with present voters (same majority and base,
    each body's own figures). Overall figures are the sums of the bodies'."""
    base = Base(base) if base is not None else default_base(majority)
    total = Counts(sum(t.counts.yes for t in tallies.values()), sum(t.counts.no for t in tallies.values()),
                   sum(t.counts.abstain for t in tallies.values()))
    overall = decide(majority, base, total, sum(t.present_voters for t in tallies.values()),
                     sum(t.entitled for t in tallies.values()), quorum_met)
    outcomes = []
    for body in sorted(tallies, key=list(Body).index):
        tally = tallies[body]
        if tally.present_voters == 0:
            continue  # a body with nobody present neither carries nor blocks the motion
        b = base_count(base, tally.counts, present_voters=tally.present_voters, entitled=tally.entitled)
        if not quorum_met:
            result = MotionResult.NO_QUORUM
        else:
            result = MotionResult.PASSED if passes(majority, tally.counts.yes, b) else MotionResult.REJECTED
        outcomes.append(BodyOutcome(Body(body), tally, b, result, yes_votes_needed(
            majority, base, tally.counts, present_voters=tally.present_voters, entitled=tally.entitled)))
    if not quorum_met:
        result = MotionResult.NO_QUORUM
    elif overall.result is MotionResult.PASSED and all(outcome.passed for outcome in outcomes):
        result = MotionResult.PASSED
    else:
        result = MotionResult.REJECTED
    return ConcurrentOutcome(overall, tuple(outcomes), result)


# -- in words ----------------------------------------------------------------------------------------------


def concurrent_rule_in_words(majority: Majority, base: Base | None = None, tr: Translator | None = None) -> str:
    tr = tr or current()
    return tr.gettext(N_("Concurrent majority — %(rule)s, overall and inside each body with present voters")) % {
        "rule": rule_in_words(majority, base, tr)}


def body_shortfall_in_words(body: Body, needed: int | None, tr: Translator | None = None) -> str:
    """"faltan 2 votos a favor entre los delegados comunales"."""
    tr = tr or current()
    among = tr.gettext(AMONG_BODY[Body(body)])
    if needed is None:
        return tr.gettext(N_("no number of yes votes %(among)s can carry it")) % {"among": among}
    return tr.ngettext("%(count)d more yes vote needed %(among)s", "%(count)d more yes votes needed %(among)s",
                       needed) % {"count": needed, "among": among}


def missing_yes(outcome: ConcurrentOutcome) -> tuple[tuple[Body | None, int | None], ...]:
    """Where the motion lacks yes votes — overall (None) and in each body where it falls short — with how
    many (None: no number of them can carry it); empty when it has enough everywhere."""
    pairs: list[tuple[Body | None, int | None]] = []
    if outcome.overall.yes_needed != 0:
        pairs.append((None, outcome.overall.yes_needed))
    pairs += [(b.body, b.yes_needed) for b in outcome.bodies if b.yes_needed != 0]
    return tuple(pairs)


def shortfall_in_words(pairs: Iterable[tuple[Body | None, int | None]], tr: Translator | None = None) -> list[str]:
    tr = tr or current()
    sentences = []
    for body, needed in pairs:
        if body is not None:
            sentences.append(body_shortfall_in_words(body, needed, tr))
        elif needed is None:
            sentences.append(tr.gettext(N_("More yes votes cannot carry it overall")))
        else:
            sentences.append(tr.ngettext("%(count)d more yes vote needed overall",
                                         "%(count)d more yes votes needed overall", needed) % {"count": needed})
    return sentences


def concurrent_shortfall_in_words(outcome: ConcurrentOutcome, tr: Translator | None = None) -> list[str]:
    """What the motion lacks, in words; empty when it has enough yes votes overall and in every body."""
    return shortfall_in_words(missing_yes(outcome), tr)
