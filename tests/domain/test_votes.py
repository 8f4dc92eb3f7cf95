"""Quorum, majorities and bases, proxies, roll calls and elections — every edge of docs/cli.md's rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.errors import ProblemsFound
from coopdesk.domain.meetings import (
    AttendanceStatus,
    Base,
    Choice,
    Majority,
    MotionResult,
    QuorumRule,
    base_in_words,
    rule_in_words,
    yes_needed_in_words,
)
from coopdesk.domain.votes import (
    Counts,
    Mark,
    Roll,
    ballot_problems,
    build_roll,
    decide,
    elect,
    election_problems,
    passes,
    quorum_status,
    tally_ballots,
    tally_roll_call,
    validate_attendance,
    yes_votes_needed,
)
from coopdesk.i18n import translator

PASSED, REJECTED, NO_QUORUM = MotionResult.PASSED, MotionResult.REJECTED, MotionResult.NO_QUORUM


@pytest.mark.parametrize(
    ("rule", "entitled", "present", "met", "needed_more"),
    [
        (QuorumRule.HALF, 38, 19, False, 1),  # exactly half is not a quorum
        (QuorumRule.HALF, 38, 20, True, 0),
        (QuorumRule.HALF, 39, 19, False, 1),
        (QuorumRule.HALF, 39, 20, True, 0),
        (QuorumRule.HALF, 38, 10, False, 10),
        (QuorumRule.HALF, 1, 1, True, 0),
        (QuorumRule.HALF, 0, 0, False, 1),
        (QuorumRule.TWO_THIRDS, 30, 20, True, 0),  # exactly two thirds is a quorum
        (QuorumRule.TWO_THIRDS, 30, 19, False, 1),
        (QuorumRule.TWO_THIRDS, 31, 20, False, 1),
        (QuorumRule.TWO_THIRDS, 31, 21, True, 0),
        (QuorumRule.TWO_THIRDS, 3, 2, True, 0),
        (QuorumRule.TWO_THIRDS, 38, 21, False, 5),
        (QuorumRule.NONE, 40, 0, True, 0),
    ],
)
def test_quorum(rule: QuorumRule, entitled: int, present: int, met: bool, needed_more: int) -> None:
    status = quorum_status(rule, entitled, present)
    assert (status.met, status.needed_more) == (met, needed_more)


@given(st.sampled_from(list(QuorumRule)), st.integers(0, 500), st.data())
def test_quorum_matches_the_formulas(rule: QuorumRule, entitled: int, data: st.DataObject) -> None:
    present = data.draw(st.integers(0, entitled))
    formula = {QuorumRule.HALF: 2 * present > entitled, QuorumRule.TWO_THIRDS: 3 * present >= 2 * entitled,
               QuorumRule.NONE: True}[rule]
    status = quorum_status(rule, entitled, present)
    assert status.met is formula
    if not status.met and present + status.needed_more <= entitled:
        assert quorum_status(rule, entitled, present + status.needed_more).met
        assert not quorum_status(rule, entitled, present + status.needed_more - 1).met


def test_more_present_than_entitled_is_refused() -> None:
    with pytest.raises(ProblemsFound):
        quorum_status(QuorumRule.HALF, 10, 11)


# (majority, base or None for the default, yes, no, abstain, present, entitled, result, base count)
MOTIONS = [
    (Majority.SIMPLE, None, 5, 5, 0, 20, 30, REJECTED, 10),  # exactly half fails
    (Majority.SIMPLE, None, 6, 5, 0, 20, 30, PASSED, 11),
    (Majority.SIMPLE, None, 5, 4, 10, 20, 30, PASSED, 9),  # abstentions are outside yes_no
    (Majority.SIMPLE, Base.YES_NO_ABSTAIN, 5, 4, 1, 20, 30, REJECTED, 10),
    (Majority.SIMPLE, None, 0, 0, 0, 20, 30, REJECTED, 0),  # B = 0
    (Majority.SIMPLE, None, 0, 0, 4, 20, 30, REJECTED, 0),
    (Majority.ABSOLUTE, None, 10, 0, 0, 20, 30, REJECTED, 20),  # exactly half of the present fails
    (Majority.ABSOLUTE, None, 11, 9, 0, 20, 30, PASSED, 20),
    (Majority.ABSOLUTE, None, 11, 6, 4, 21, 38, PASSED, 21),
    (Majority.ABSOLUTE, Base.YES_NO, 5, 5, 2, 20, 30, REJECTED, 10),
    (Majority.ABSOLUTE, Base.ENTITLED, 15, 0, 0, 20, 30, REJECTED, 30),
    (Majority.ABSOLUTE, None, 0, 0, 0, 0, 30, REJECTED, 0),  # B = 0 (nobody present)
    (Majority.TWO_THIRDS, None, 14, 7, 0, 21, 38, PASSED, 21),  # the exact edge passes
    (Majority.TWO_THIRDS, None, 10, 4, 1, 20, 30, PASSED, 15),
    (Majority.TWO_THIRDS, None, 13, 7, 1, 21, 38, REJECTED, 21),
    (Majority.TWO_THIRDS, Base.YES_NO, 10, 5, 5, 20, 30, PASSED, 15),
    (Majority.TWO_THIRDS, Base.ENTITLED, 20, 0, 0, 25, 30, PASSED, 30),
    (Majority.TWO_THIRDS, Base.ENTITLED, 19, 0, 0, 25, 30, REJECTED, 30),
    (Majority.TWO_THIRDS, None, 0, 0, 0, 20, 30, REJECTED, 0),
    (Majority.THREE_QUARTERS, None, 15, 5, 0, 20, 30, PASSED, 20),  # the exact edge passes
    (Majority.THREE_QUARTERS, None, 14, 5, 1, 20, 30, REJECTED, 20),
    (Majority.THREE_QUARTERS, Base.PRESENT, 15, 0, 0, 20, 30, PASSED, 20),
    (Majority.THREE_QUARTERS, Base.PRESENT, 14, 0, 0, 20, 30, REJECTED, 20),
    (Majority.UNANIMOUS, None, 10, 0, 3, 20, 30, PASSED, 10),
    (Majority.UNANIMOUS, None, 10, 1, 0, 20, 30, REJECTED, 11),
    (Majority.UNANIMOUS, None, 0, 0, 5, 20, 30, REJECTED, 0),
    (Majority.UNANIMOUS, Base.PRESENT, 20, 0, 0, 20, 30, PASSED, 20),
    (Majority.UNANIMOUS, Base.PRESENT, 19, 0, 0, 20, 30, REJECTED, 20),
]


@pytest.mark.parametrize(("majority", "base", "yes", "no", "abstain", "present", "entitled", "result", "count"),
                         MOTIONS)
def test_majority(majority: Majority, base: Base | None, yes: int, no: int, abstain: int, present: int,
                  entitled: int, result: MotionResult, count: int) -> None:
    outcome = decide(majority, base, Counts(yes, no, abstain), present, entitled, quorum_met=True)
    assert (outcome.result, outcome.base_count) == (result, count)
    assert (outcome.yes_needed == 0) is (result is PASSED)


@pytest.mark.parametrize(("majority", "base", "yes", "no", "abstain", "present", "entitled", "result", "count"),
                         MOTIONS)
def test_no_quorum_decides_nothing(majority: Majority, base: Base | None, yes: int, no: int, abstain: int,
                                   present: int, entitled: int, result: MotionResult, count: int) -> None:
    outcome = decide(majority, base, Counts(yes, no, abstain), present, entitled, quorum_met=False)
    assert (outcome.result, outcome.base_count) == (NO_QUORUM, count)


def test_default_bases() -> None:
    bases = {m: decide(m, None, Counts(1, 0, 0), 5, 9, True).base for m in Majority}
    assert bases == {Majority.SIMPLE: Base.YES_NO, Majority.ABSOLUTE: Base.PRESENT,
                     Majority.TWO_THIRDS: Base.YES_NO_ABSTAIN, Majority.THREE_QUARTERS: Base.YES_NO_ABSTAIN,
                     Majority.UNANIMOUS: Base.YES_NO}


@pytest.mark.parametrize(("majority", "base", "counts", "present", "needed"), [
    (Majority.SIMPLE, Base.YES_NO, Counts(5, 5, 0), 20, 1),
    (Majority.SIMPLE, Base.YES_NO, Counts(3, 5, 0), 20, 3),  # each yes also grows the base
    (Majority.SIMPLE, Base.YES_NO, Counts(0, 0, 0), 20, 1),
    (Majority.ABSOLUTE, Base.PRESENT, Counts(8, 2, 0), 20, 3),
    (Majority.TWO_THIRDS, Base.YES_NO_ABSTAIN, Counts(13, 7, 1), 21, 3),
    (Majority.THREE_QUARTERS, Base.YES_NO_ABSTAIN, Counts(14, 5, 1), 21, 4),
    (Majority.UNANIMOUS, Base.YES_NO, Counts(10, 1, 0), 20, None),
    (Majority.UNANIMOUS, Base.PRESENT, Counts(15, 0, 0), 20, 5),
    (Majority.ABSOLUTE, Base.PRESENT, Counts(0, 0, 0), 0, None),
])
def test_yes_votes_needed(majority: Majority, base: Base, counts: Counts, present: int, needed: int | None) -> None:
    assert yes_votes_needed(majority, base, counts, present_voters=present, entitled=40) == needed


@given(st.sampled_from(list(Majority)), st.sampled_from(list(Base)), st.integers(0, 60), st.integers(0, 60),
       st.integers(0, 60), st.integers(0, 200))
def test_yes_votes_needed_is_the_fewest(majority: Majority, base: Base, yes: int, no: int, abstain: int,
                                        extra: int) -> None:
    present = yes + no + abstain + extra
    entitled = present + extra

    def carried(more: int) -> bool:
        counts = Counts(yes + more, no, abstain)
        b = decide(majority, base, Counts(yes, no, abstain), present, entitled, True).base_count
        b += more if base in (Base.YES_NO, Base.YES_NO_ABSTAIN) else 0
        return passes(majority, counts.yes, b)

    needed = yes_votes_needed(majority, base, Counts(yes, no, abstain), present_voters=present, entitled=entitled)
    if needed is None:
        assert not any(carried(more) for more in range(0, 4 * (entitled + 1)) if yes + more <= present)
    else:
        assert carried(needed)
        assert needed == 0 or not carried(needed - 1)


@pytest.mark.parametrize("counts", [Counts(15, 5, 2), Counts(-1, 0, 0)])
def test_counts_beyond_the_present_voters_are_refused(counts: Counts) -> None:
    with pytest.raises(ProblemsFound) as raised:
        decide(Majority.SIMPLE, None, counts, 21, 38, True)
    assert len(raised.value.problems) == 1


def test_rules_in_words() -> None:
    en = translator("en")
    assert rule_in_words(Majority.SIMPLE, tr=en) == "Simple majority: more yes than no votes"
    assert rule_in_words(Majority.ABSOLUTE, tr=en) == "Absolute majority: more than half of the present voters"
    assert rule_in_words(Majority.TWO_THIRDS, Base.ENTITLED, tr=en) == (
        "Two-thirds majority: at least two thirds of the entitled voters")
    assert base_in_words(Base.PRESENT, 21, tr=en) == "Base: 21 (the present voters)"
    assert yes_needed_in_words(3, tr=en) == "3 more yes votes needed"
    assert yes_needed_in_words(1, tr=en) == "1 more yes vote needed"
    for majority in Majority:
        for base in Base:
            assert rule_in_words(majority, base)  # every pair has words, in the current language too


# -- attendance and proxies --------------------------------------------------------------------------------

ENTITLED = {"M1", "M2", "M3", "M4", "M5"}
KNOWN = ENTITLED | {"S1"}  # S1 sits for the state, without a vote
P, A, X = Mark(AttendanceStatus.PRESENT), Mark(AttendanceStatus.ABSENT), Mark(AttendanceStatus.EXCUSED)


def proxy(holder: str) -> Mark:
    return Mark(AttendanceStatus.REPRESENTED, holder)


def test_a_valid_roll() -> None:
    roll = build_roll({"M1": P, "M2": P, "M3": proxy("M1"), "M4": X, "S1": P}, entitled=ENTITLED, known=KNOWN)
    assert roll.present_voters == {"M1", "M2", "M3"}
    assert (roll.entitled_count, roll.present_voter_count) == (5, 3)
    assert roll.caster("M3") == "M1" and roll.caster("M2") == "M2"
    assert roll.quorum(QuorumRule.HALF).met and not roll.quorum(QuorumRule.TWO_THIRDS).met


@pytest.mark.parametrize(("marks", "column", "words"), [
    ([("M1", P), ("M3", proxy("M2"))], "attendance.M3", "not present in person"),
    ([("M1", P), ("M2", proxy("M1")), ("M3", proxy("M2"))], "attendance.M3", "not present in person"),
    ([("S1", P), ("M3", proxy("S1"))], "attendance.M3", "has no vote"),
    ([("M1", P), ("M2", proxy("M1")), ("M3", proxy("M1"))], "attendance.M3", "may carry only one"),
    ([("M1", proxy("M1"))], "attendance.M1", "own proxy"),
    ([("M1", P), ("M2", P), ("M2", proxy("M1"))], "attendance.M2", "cannot also be represented"),
    ([("M1", P), ("M1", X)], "attendance.M1", "listed twice"),
    ([("Z9", P)], "attendance.Z9", "not a member"),
    ([("M1", P), ("M2", proxy("Z9"))], "attendance.M2", "not a member"),
    ([("M1", P), ("S1", proxy("M1"))], "attendance.S1", "nobody can represent"),
    ([("M1", Mark(AttendanceStatus.REPRESENTED))], "attendance.M1", "proxy holder"),
])
@pytest.mark.usefixtures("english")
def test_each_bad_proxy_is_one_problem(marks: list[tuple[str, Mark]], column: str, words: str) -> None:
    problems = validate_attendance(marks, entitled=ENTITLED, known=KNOWN)
    assert [problem.column for problem in problems] == [column]
    assert words in problems[0].translated()
    with pytest.raises(ProblemsFound):
        build_roll(marks, entitled=ENTITLED, known=KNOWN)


# -- roll call ---------------------------------------------------------------------------------------------

ROLL = Roll(entitled=frozenset(ENTITLED), present=frozenset({"M1", "M2", "S1"}), represented=(("M3", "M1"),))


def test_roll_call_counts_and_names_the_proxy() -> None:
    tally = tally_roll_call({"M1": "yes", "M3": "no", "M2": Choice.ABSTAIN}, ROLL)
    assert tally.counts == Counts(1, 1, 1)
    assert tally.cast_by == (("M3", "M1"),)
    assert tally.ballots[0] == ("M1", Choice.YES)


@pytest.mark.parametrize(("ballots", "column"), [
    ([("S1", "yes")], "ballots.S1"),  # present, but has no vote
    ([("M4", "yes")], "ballots.M4"),  # entitled, but not present
    ([("M1", "yes"), ("M1", "no")], "ballots.M1"),
    ([("M2", "maybe")], "ballots.M2"),
])
def test_bad_ballots(ballots: list[tuple[str, str]], column: str) -> None:
    assert [problem.column for problem in ballot_problems(ballots, ROLL)] == [column]
    with pytest.raises(ProblemsFound):
        tally_roll_call(ballots, ROLL)


# -- elections ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("seats", "tallies", "elected", "runoff", "runoff_seats", "unfilled"), [
    (2, {"A": 10, "B": 8, "C": 5}, ("A", "B"), (), 0, 0),
    (2, {"A": 10, "B": 8, "C": 8}, ("A",), ("B", "C"), 1, 0),  # tie for the last seat
    (2, {"A": 8, "B": 8, "C": 5}, ("A", "B"), (), 0, 0),  # a tie inside the seats is no problem
    (2, {"C": 5, "B": 5, "A": 5}, (), ("A", "B", "C"), 2, 0),
    (3, {"A": 9, "B": 4, "C": 4, "D": 4, "E": 1}, ("A",), ("B", "C", "D"), 2, 0),
    (2, {"A": 3, "B": 0}, ("A",), (), 0, 1),  # nobody is elected without a vote
    (1, {}, (), (), 0, 1),
])
def test_elections(seats: int, tallies: dict[str, int], elected: tuple[str, ...], runoff: tuple[str, ...],
                   runoff_seats: int, unfilled: int) -> None:
    outcome = elect(seats, tallies)
    assert (outcome.elected, outcome.runoff, outcome.runoff_seats, outcome.unfilled) == (
        elected, runoff, runoff_seats, unfilled)
    assert outcome.needs_runoff is bool(runoff)
    assert len(outcome.elected) + outcome.runoff_seats + outcome.unfilled == seats


def test_paper_ballots() -> None:
    tallies, blank = tally_ballots([{"A", "B"}, {"A"}, set(), ["C"]], candidates=["A", "B", "C"], max_choices=2)
    assert (tallies, blank) == ({"A": 2, "B": 1, "C": 1}, 1)
    with pytest.raises(ProblemsFound) as raised:
        tally_ballots([["A", "B", "C"], ["A", "A"], ["Z"]], candidates=["A", "B", "C"], max_choices=2)
    assert [problem.column for problem in raised.value.problems] == ["ballots[1]", "ballots[2]", "ballots[3]"]


def test_election_counts_that_no_ballots_could_give() -> None:
    assert election_problems(seats=2, max_choices=2, tallies={"A": 10, "B": 10}, ballots_cast=10,
                             present_voters=12) == []
    problems = election_problems(seats=2, max_choices=1, tallies={"A": 11, "B": 5}, ballots_cast=10,
                                 present_voters=12)
    assert [problem.column for problem in problems] == ["votes.A", "votes"]
    problems = election_problems(seats=0, max_choices=1, tallies={}, ballots_cast=13, present_voters=12)
    assert [problem.column for problem in problems] == ["seats", "ballots_cast"]
