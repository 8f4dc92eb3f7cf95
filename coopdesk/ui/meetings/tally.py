"""What a motion's vote shows besides its counts: the live tally in words ("faltan N votos a favor"), and for a
roll call the present voters, each with the vote cast (by their proxy, for a represented member)."""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk.domain.meeting_record import BodyVote, MotionTally, Person, RollView
from coopdesk.domain.meetings import (
    AttendanceStatus,
    Choice,
    MotionResult,
    VoteMethod,
    base_in_words,
    yes_needed_in_words,
)
from coopdesk.domain.members import BODY_PLURAL_LABELS
from coopdesk.domain.organs import shortfall_in_words
from coopdesk.i18n import N_, _, ngettext
from coopdesk.ui.colors import status_style
from coopdesk.ui.meetings.common import Col

RESULT_TONES = {MotionResult.PASSED: "good", MotionResult.REJECTED: "bad", MotionResult.NO_QUORUM: "warning"}


def tally_lines(tally: MotionTally) -> tuple[str, str, str]:
    """(the counts, the base in words, the verdict) and the verdict's style — what closing now would give."""
    counts = _("Yes %(yes)d · No %(no)d · Abstain %(abstain)d — present voters %(present)d of %(entitled)d "
               "entitled") % {"yes": tally.yes, "no": tally.no, "abstain": tally.abstain,
                              "present": tally.present_voters, "entitled": tally.entitled}
    base = base_in_words(tally.base, tally.base_count)
    if tally.closed and tally.result is not None:
        return counts, base, _("Result: %(result)s") % {"result": _(tally.result.label)}
    if not tally.valid and tally.method is VoteMethod.ROLL_CALL:
        return counts, base, _("A ballot comes from a member who is no longer a present voter: clear it before "
                               "closing.")
    if not tally.valid:
        return counts, base, _("More votes than present voters: correct the count before closing.")
    if not tally.quorum_met:
        return counts, base, _("No quorum: closed now, the vote would be recorded as “No quorum”.")
    verdict = _("If the vote closed now: %(result)s") % {"result": _(tally.result.label)} if tally.result else ""
    if tally.result is not MotionResult.PASSED and tally.concurrent and tally.shortfall:
        verdict += " — " + "; ".join(shortfall_in_words(tally.shortfall))  # "faltan 2 … entre los delegados …"
    elif tally.result is not MotionResult.PASSED:
        verdict += " — " + yes_needed_in_words(tally.yes_needed)
    if tally.method is VoteMethod.ROLL_CALL and tally.not_voted:
        verdict += " · " + ngettext("%(count)d present voter has not voted", "%(count)d present voters have not "
                                    "voted", tally.not_voted) % {"count": tally.not_voted}
    return counts, base, verdict


def body_line(vote: BodyVote) -> str:
    """"Communal council delegates: yes 2 · no 2 · abstain 0 — base 4 → Rejected"."""
    line = _("%(body)s: yes %(yes)d · no %(no)d · abstain %(abstain)d") % {
        "body": _(BODY_PLURAL_LABELS[vote.body]), "yes": vote.yes, "no": vote.no, "abstain": vote.abstain}
    if vote.base_count is not None and vote.result is not None:
        line += " — " + _("base %(base)d → %(result)s") % {"base": vote.base_count, "result": _(vote.result.label)}
    return line


def bodies_text(tally: MotionTally) -> str:
    """A concurrent vote's figures body by body, after the result over everyone's figures."""
    lines = [_("Overall: %(result)s") % {"result": _(tally.overall_result.label)}] if tally.overall_result else []
    return "\n".join(lines + [body_line(vote) for vote in tally.by_body])


def tally_style(tally: MotionTally) -> str:
    if not tally.valid or not tally.quorum_met:
        return status_style("bad", bold=True)
    tone = RESULT_TONES.get(tally.result) if tally.result else None
    return status_style(tone, bold=True) if tone else status_style("muted")


@dataclass(frozen=True)
class BallotLine:
    member: Person
    cast_by: Person | None
    choice: Choice | None
    present: bool = True  # False: voted, then left (the ballot must be withdrawn before the vote closes)


def voters_of(roll: RollView) -> list[BallotLine]:
    """Present voters as the roll stands: entitled members in the room, and those represented by someone in it."""
    here = {line.member.id for line in roll.lines
            if line.status is AttendanceStatus.PRESENT and line.left_at is None}
    voters = []
    for line in roll.lines:
        if not line.entitled:
            continue
        if line.member.id in here:
            voters.append(BallotLine(line.member, None, None))
        elif line.status is AttendanceStatus.REPRESENTED and line.proxy is not None and line.proxy.id in here:
            voters.append(BallotLine(line.member, line.proxy, None))
    return voters


BALLOT_COLUMNS = (
    Col(N_("Code"), lambda b: b.member.code),
    Col(N_("Name"), lambda b: b.member.full_name),
    Col(N_("Cast by"), lambda b: b.cast_by.label if b.cast_by else ""),
    Col(N_("Vote"), lambda b: _(b.choice.label) if b.choice else ("" if b.present else _("(left)"))),
)


def ballot_style(line: BallotLine) -> str | None:
    if not line.present:
        return "bad"
    return {Choice.YES: "ok", Choice.NO: "bad", Choice.ABSTAIN: "warn"}.get(line.choice) if line.choice else None
