"""Organs, the quorum in each body and the concurrent majority — every edge of the rules in docs/cli.md."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.meetings import AttendanceStatus, Base, Choice, Majority, MotionResult, QuorumRule
from coopdesk.domain.members import Body
from coopdesk.domain.organs import (
    BodyCount,
    BodyTally,
    Organ,
    body_count_problems,
    body_counts,
    body_shortfall_in_words,
    concurrent_rule_in_words,
    concurrent_shortfall_in_words,
    decide_concurrent,
    quorum_by_body,
    split_ballots,
)
from coopdesk.domain.votes import Counts, Mark, build_roll, decide
from coopdesk.i18n import translator

PASSED, REJECTED, NO_QUORUM = MotionResult.PASSED, MotionResult.REJECTED, MotionResult.NO_QUORUM
W, C, S = Body.WORKER, Body.COMMUNAL_COUNCIL, Body.STATE


def test_the_workers_council_admits_only_workers_and_the_joint_body_everyone() -> None:
    assert Organ.WORKERS_COUNCIL.bodies == (W,)
    assert not Organ.WORKERS_COUNCIL.admits(C) and not Organ.WORKERS_COUNCIL.admits(S)
    assert all(Organ.JOINT.admits(body) for body in Body)


def test_body_counts_of_a_roll_count_represented_members_in_their_own_body() -> None:
    body_of = {"W1": W, "W2": W, "W3": W, "C1": C, "C2": C, "S1": S}
    roll = build_roll({"W1": Mark(AttendanceStatus.PRESENT), "C1": Mark(AttendanceStatus.PRESENT),
                       "C2": Mark(AttendanceStatus.REPRESENTED, "W1")}, entitled=set(body_of) - {"S1"})
    assert body_counts(roll, body_of, Organ.JOINT.bodies) == {
        W: BodyCount(3, 1), C: BodyCount(2, 2), S: BodyCount(0, 0)}


def test_the_quorum_in_each_body_needs_more_than_half_inside_each_body() -> None:
    counts = {W: BodyCount(20, 18), C: BodyCount(4, 2), S: BodyCount(0, 0)}
    assert quorum_by_body(QuorumRule.HALF, counts, per_body=False).met  # 20 of 24
    each = quorum_by_body(QuorumRule.HALF, counts, per_body=True)
    assert not each.met  # exactly half of the communal delegates is not a quorum
    assert each.short_bodies == ((C, 1),)
    assert [body for body, _status in each.by_body] == [W, C]  # a body with nobody entitled is not asked
    assert quorum_by_body(QuorumRule.NONE, counts, per_body=True).met


def tallies(**by_body: tuple[int, int, int, int, int]) -> dict[Body, BodyTally]:
    """body=(entitled, present, yes, no, abstain)."""
    return {Body(body): BodyTally(e, p, Counts(y, n, a)) for body, (e, p, y, n, a) in by_body.items()}


def test_a_concurrent_motion_fails_on_an_exact_half_inside_one_body() -> None:
    outcome = decide_concurrent(Majority.SIMPLE, None, tallies(
        worker=(30, 30, 28, 2, 0), communal_council=(4, 4, 2, 2, 0)), quorum_met=True)
    assert outcome.overall.result is PASSED  # 30 to 4 overall
    assert [(b.body, b.result, b.base_count) for b in outcome.bodies] == [(W, PASSED, 30), (C, REJECTED, 4)]
    assert outcome.result is REJECTED
    assert outcome.shortfalls == ((C, 1),)
    es, en = translator("es"), translator("en")
    assert concurrent_shortfall_in_words(outcome, es) == ["falta 1 voto a favor entre los delegados comunales"]
    assert concurrent_shortfall_in_words(outcome, en) == ["1 more yes vote needed among the communal delegates"]


def test_the_shortfall_in_words_as_a_secretary_reads_it() -> None:
    assert body_shortfall_in_words(C, 3, translator("es")) == "faltan 3 votos a favor entre los delegados comunales"
    assert body_shortfall_in_words(C, 3, translator("en")) == "3 more yes votes needed among the communal delegates"
    assert "Mayoría concurrente" in concurrent_rule_in_words(Majority.SIMPLE, None, translator("es"))
    assert "each body" in concurrent_rule_in_words(Majority.TWO_THIRDS, Base.PRESENT, translator("en"))


def test_a_body_with_no_present_voters_is_skipped() -> None:
    outcome = decide_concurrent(Majority.SIMPLE, None, tallies(
        worker=(30, 20, 15, 5, 0), communal_council=(4, 0, 0, 0, 0), state=(2, 0, 0, 0, 0)), quorum_met=True)
    assert [b.body for b in outcome.bodies] == [W]
    assert outcome.result is PASSED


def test_a_body_whose_base_is_zero_rejects_the_motion() -> None:
    outcome = decide_concurrent(Majority.SIMPLE, None, tallies(
        worker=(30, 20, 15, 5, 0), communal_council=(4, 3, 0, 0, 3)), quorum_met=True)
    communal = outcome.bodies[1]
    assert communal.base_count == 0 and communal.result is REJECTED
    assert outcome.result is REJECTED
    assert outcome.shortfalls == ((C, 1),)


def test_without_quorum_nothing_passes_and_every_body_says_so() -> None:
    outcome = decide_concurrent(Majority.SIMPLE, None, tallies(worker=(30, 10, 10, 0, 0)), quorum_met=False)
    assert outcome.result is NO_QUORUM and outcome.bodies[0].result is NO_QUORUM


def test_a_fixed_base_uses_each_bodys_own_figures() -> None:
    outcome = decide_concurrent(Majority.ABSOLUTE, Base.ENTITLED, tallies(
        worker=(20, 18, 15, 3, 0), communal_council=(6, 5, 3, 2, 0)), quorum_met=True)
    assert [b.base_count for b in outcome.bodies] == [20, 6]
    assert outcome.bodies[1].result is REJECTED  # 3 of 6 entitled is not more than half
    assert outcome.bodies[1].yes_needed == 1


def test_counts_beyond_a_bodys_present_voters_are_named_by_body() -> None:
    problems = body_count_problems(tallies(worker=(10, 5, 3, 1, 0), state=(2, 0, 1, 0, 0)))
    assert [p.column for p in problems] == ["counts_by_body.state"]


def test_roll_call_ballots_split_by_the_voters_bodies() -> None:
    body_of = {"W1": W, "W2": W, "C1": C}
    assert split_ballots([("W1", Choice.YES), ("W2", Choice.NO), ("C1", Choice.YES)], body_of) == {
        W: Counts(1, 1, 0), C: Counts(1, 0, 0)}


# -- properties --------------------------------------------------------------------------------------------

majorities = st.sampled_from(list(Majority))
bases = st.one_of(st.none(), st.sampled_from(list(Base)))


@st.composite
def body_tally(draw: st.DrawFn) -> BodyTally:
    entitled = draw(st.integers(0, 30))
    present = draw(st.integers(0, entitled))
    yes = draw(st.integers(0, present))
    no = draw(st.integers(0, present - yes))
    abstain = draw(st.integers(0, present - yes - no))
    return BodyTally(entitled, present, Counts(yes, no, abstain))


body_tallies = st.dictionaries(st.sampled_from(list(Body)), body_tally(), min_size=1)


@given(majorities, bases, body_tallies)
def test_a_concurrent_motion_passes_exactly_when_it_passes_overall_and_in_every_present_body(
        majority: Majority, base: Base | None, by_body: dict[Body, BodyTally]) -> None:
    outcome = decide_concurrent(majority, base, by_body, quorum_met=True)
    present = [body for body in Body if body in by_body and by_body[body].present_voters > 0]
    assert [b.body for b in outcome.bodies] == present
    for b in outcome.bodies:
        tally = b.tally
        alone = decide(majority, base, tally.counts, tally.present_voters, tally.entitled, True)
        assert (b.result, b.base_count, b.yes_needed) == (alone.result, alone.base_count, alone.yes_needed)
    expected = outcome.overall.result is PASSED and all(b.result is PASSED for b in outcome.bodies)
    assert (outcome.result is PASSED) == expected
    assert (outcome.result is PASSED) == (not concurrent_shortfall_in_words(outcome, translator("en"))
                                          and outcome.overall.result is PASSED)


@given(majorities, bases, body_tally())
def test_with_one_body_the_concurrent_majority_is_the_plain_one(majority: Majority, base: Base | None,
                                                                  tally: BodyTally) -> None:
    outcome = decide_concurrent(majority, base, {W: tally}, quorum_met=True)
    plain = decide(majority, base, tally.counts, tally.present_voters, tally.entitled, True)
    assert outcome.result is plain.result


@given(majorities, bases, body_tallies, st.integers(0, 30))
def test_a_body_with_nobody_present_never_changes_the_result(majority: Majority, base: Base | None,
                                                             by_body: dict[Body, BodyTally], entitled: int) -> None:
    absent_body = next((body for body in Body if body not in by_body), None)
    if absent_body is None:
        return
    with_empty = by_body | {absent_body: BodyTally(entitled, 0, Counts())}
    outcome = decide_concurrent(majority, base, with_empty, quorum_met=True)
    if entitled == 0:
        assert outcome.result is decide_concurrent(majority, base, by_body, quorum_met=True).result
    assert absent_body not in [b.body for b in outcome.bodies]


@given(majorities, st.sampled_from([Base.YES_NO, Base.YES_NO_ABSTAIN]), body_tally())
def test_the_shortfall_of_a_body_is_exactly_what_carries_it_there(majority: Majority, base: Base,
                                                                    tally: BodyTally) -> None:
    outcome = decide_concurrent(majority, base, {C: tally}, quorum_met=True)
    if not outcome.bodies or (needed := outcome.bodies[0].yes_needed) is None:
        return

    def with_yes(extra: int) -> MotionResult:  # that many more delegates come and vote yes
        more = BodyTally(tally.entitled + extra, tally.present_voters + extra,
                         Counts(tally.counts.yes + extra, tally.counts.no, tally.counts.abstain))
        return decide_concurrent(majority, base, {C: more}, quorum_met=True).bodies[0].result

    assert with_yes(needed) is PASSED
    if needed:
        assert with_yes(needed - 1) is REJECTED


def _meets(rule: QuorumRule, count: BodyCount) -> bool:
    if rule is QuorumRule.HALF:
        return 2 * count.present_voters > count.entitled
    if rule is QuorumRule.TWO_THIRDS:
        return 3 * count.present_voters >= 2 * count.entitled
    return True


@given(st.sampled_from(list(QuorumRule)), st.dictionaries(st.sampled_from(list(Body)), st.tuples(
    st.integers(0, 30), st.integers(0, 30)).map(lambda pair: BodyCount(max(pair), min(pair)))))
def test_the_quorum_in_each_body_is_never_easier_than_the_overall_one(rule: QuorumRule,
                                                                      counts: dict[Body, BodyCount]) -> None:
    overall = quorum_by_body(rule, counts, per_body=False)
    each = quorum_by_body(rule, counts, per_body=True)
    assert each.overall == overall.overall
    assert not each.met or overall.met
    assert each.met == (overall.met and all(_meets(rule, c) for c in counts.values() if c.entitled >= 1))


def test_each_organ_proposes_its_usual_kind_of_meeting() -> None:
    from coopdesk.domain.meetings import MeetingKind

    assert Organ.WORKERS_COUNCIL.usual_kind is MeetingKind.COUNCIL
    assert Organ.JOINT.usual_kind is MeetingKind.ORDINARY
