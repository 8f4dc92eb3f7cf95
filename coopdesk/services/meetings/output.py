"""`meeting show`: the meeting as docs/cli.md's JSON (`meeting_json`) or as lines for a person (`meeting_lines`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coopdesk.domain.meeting_record import MeetingDetail, MotionDetail, RollCounters
from coopdesk.domain.meetings import AttendanceStatus, MotionResult, rule_in_words
from coopdesk.domain.members import BODY_PLURAL_LABELS, Body
from coopdesk.domain.organs import body_shortfall_in_words, concurrent_rule_in_words
from coopdesk.domain.votes import Counts, yes_votes_needed
from coopdesk.i18n import _, current, format_date, ngettext
from coopdesk.services.meetings.locking import iso


def _motion_json(motion: MotionDetail, item_position: int) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": motion.id, "item": item_position, "number": motion.number, "text": motion.text,
        "method": motion.method.value, "majority": motion.majority.value, "base": motion.base.value,
        "yes": motion.yes, "no": motion.no, "abstain": motion.abstain, "base_count": motion.base_count,
        "result": motion.result.value if motion.result else None, "entitled": motion.entitled,
        "present_voters": motion.present_voters, "closed": motion.closed, "verification_code": motion.record_hash,
        "proposer": motion.proposer.code if motion.proposer else None,
    }
    if motion.ballots:
        entry["ballots"] = {ballot.member.code: ballot.choice.value for ballot in motion.ballots}
    entry["concurrent"] = motion.concurrent
    if motion.by_body:
        entry["by_body"] = {vote.body.value: {
            "yes": vote.yes, "no": vote.no, "abstain": vote.abstain, "base_count": vote.base_count,
            "result": vote.result.value if vote.result else None, "entitled": vote.entitled,
            "present_voters": vote.present_voters} for vote in motion.by_body}
    return entry


def meeting_json(detail: MeetingDetail) -> dict[str, Any]:
    """docs/cli.md's `meeting show --json` (its keys, and more); attendance in the import's own form."""
    attendance: dict[str, Any] = {}
    for line in detail.attendance:
        if line.status is AttendanceStatus.REPRESENTED and line.proxy is not None:
            attendance[line.member.code] = {"proxy": line.proxy.code}
        else:
            attendance[line.member.code] = line.status.value
    counters = detail.counters
    return {
        "id": detail.id, "title": detail.title, "kind": detail.kind.value, "state": detail.state.value,
        "starts_at": iso(detail.starts_at), "ends_at": iso(detail.ends_at), "place": detail.place,
        "convened_on": iso(detail.convened_on),
        "chair": detail.chair.code if detail.chair else None,
        "secretary": detail.secretary.code if detail.secretary else None,
        "organ": detail.organ.value, "quorum_per_body": detail.quorum_per_body,
        "entitled_by_body": {body.value: count for body, count in counters.entitled_by_body.items()},
        "present_by_body": {body.value: count for body, count in counters.present_by_body.items()},
        "quorum": detail.quorum_rule.value, "entitled": counters.entitled, "present_voters": counters.present_voters,
        "quorum_met": counters.quorum_met, "quorum_minimum": counters.quorum_minimum,
        "in_person": counters.in_person, "represented": counters.represented, "excused": counters.excused,
        "absent": counters.absent, "attendance": attendance,
        "items": [{"position": item.position, "title": item.title, "minutes": item.minutes,
                   "motions": [motion.id for motion in item.motions],
                   "elections": [election.id for election in item.elections]} for item in detail.items],
        "motions": [_motion_json(motion, item.position) for item in detail.items for motion in item.motions],
        "elections": [{"id": e.id, "item": item.position, "title": e.title, "seats": e.seats,
                       "max_choices": e.max_choices, "method": e.method.value, "ballots_cast": e.ballots_cast,
                       "blank_ballots": e.blank_ballots, "null_ballots": e.null_ballots, "closed": e.closed,
                       "votes": {line.member.code: line.votes for line in e.candidates},
                       "elected": [p.code for p in e.elected], "runoff": [p.code for p in e.runoff],
                       "verification_code": e.record_hash}
                      for item in detail.items for e in item.elections],
        "decisions": [{"id": d.id, "item": item.position, "text": d.text, "motion": d.motion_id,
                       "actions": [{"id": a.id, "description": a.description,
                                    "responsible": a.responsible.code if a.responsible else None,
                                    "due_on": iso(a.due_on), "status": a.status.value} for a in d.actions]}
                      for item in detail.items for d in item.decisions],
        "approved": detail.locked,
        "approval": None if detail.approval is None else {
            "method": detail.approval.method.value, "motion": detail.approval.motion_id,
            "approved_at": iso(detail.approval.approved_at)},
        "errata": [{"recorded_on": iso(e.recorded_on), "reason": e.reason, "correction": e.correction}
                   for e in detail.errata],
        "verification_code": detail.verification_code,
    }


def long_datetime(moment: datetime) -> str:
    """"viernes, 20 de noviembre de 2026, 9:00 a. m." in the current language."""
    from babel.dates import format_time

    tr = current()
    return f"{format_date(moment.date(), tr.lang, 'full')}, {format_time(moment, 'short', locale=tr.locale)}"


def quorum_sentence(counters: RollCounters) -> str:
    values = {"present": counters.present_voters, "entitled": counters.entitled,
              "minimum": counters.quorum_minimum, "missing": counters.needed_more}
    if counters.short_bodies and counters.needed_more == 0:  # met overall, not inside some body
        return _("No quorum: %(present)d of %(entitled)d entitled voters present or represented, but not in "
                 "each body: %(bodies)s.") % (values | {"bodies": quorum_by_body_sentence(counters)})
    if counters.quorum_met:
        return _("Quorum met: %(present)d of %(entitled)d entitled voters present or represented "
                 "(%(minimum)d needed).") % values
    return _("No quorum: %(present)d of %(entitled)d entitled voters present or represented; %(minimum)d were "
             "needed (%(missing)d more).") % values


def by_body_sentence(counters: RollCounters) -> str:
    """"Workers: 30 entitled, 25 present · Communal council delegates: 4 entitled, 3 present · …"."""
    return " · ".join(_("%(body)s: %(entitled)d entitled, %(present)d present") % {
        "body": _(BODY_PLURAL_LABELS[body]), "entitled": count.entitled, "present": count.present_voters}
        for body, count in counters.by_body)


def quorum_by_body_sentence(counters: RollCounters) -> str | None:
    """With the quorum required in each body: which bodies lack their own (None when none does)."""
    if not counters.short_bodies:
        return None
    return "; ".join(_("%(body)s without their own quorum (%(missing)d more needed)") % {
        "body": _(BODY_PLURAL_LABELS[body]), "missing": missing} for body, missing in counters.short_bodies)


def body_shortfall(motion: MotionDetail, vote_body: Body) -> int | None:
    """The yes votes a closed concurrent motion lacked inside one body (0 where it passed there)."""
    vote = next(v for v in motion.by_body if v.body is vote_body)
    return yes_votes_needed(motion.majority, motion.base, Counts(vote.yes, vote.no, vote.abstain),
                            present_voters=vote.present_voters or 0, entitled=vote.entitled or 0)


def concurrent_lines(motion: MotionDetail) -> list[str]:
    """The concurrent rule in words, each body's tally and result, and what it lacked in each body."""
    lines = [concurrent_rule_in_words(motion.majority, motion.base)]
    for vote in motion.by_body:
        lines.append(_("%(body)s: yes %(yes)d, no %(no)d, abstain %(abstain)d · base %(base)s → %(result)s") % {
            "body": _(BODY_PLURAL_LABELS[vote.body]), "yes": vote.yes, "no": vote.no, "abstain": vote.abstain,
            "base": "—" if vote.base_count is None else vote.base_count,
            "result": _(vote.result.label) if vote.result else _("vote open")})
        if vote.result is MotionResult.REJECTED:
            lines.append(body_shortfall_in_words(vote.body, body_shortfall(motion, vote.body)))
    return lines


def meeting_lines(detail: MeetingDetail) -> list[str]:
    """The meeting for a person at a terminal: header, roll and quorum, each motion's result."""
    lines = [f"{detail.title} (#{detail.id})",
             f"{_(detail.organ.label)} · {_(detail.kind.label)} · {long_datetime(detail.starts_at)}"
             + (f" · {detail.place}" if detail.place else ""),
             f"{_('State')}: {_(detail.state.label)}"]
    if detail.chair or detail.secretary:
        lines.append(f"{_('Chair')}: {detail.chair.label if detail.chair else '—'} · "
                     f"{_('Secretary')}: {detail.secretary.label if detail.secretary else '—'}")
    c = detail.counters
    lines.append(_("Entitled voters: %(entitled)d · present voters: %(present)d (%(in_person)d in person, "
                   "%(represented)d represented) · excused: %(excused)d · absent: %(absent)d") % {
        "entitled": c.entitled, "present": c.present_voters, "in_person": c.in_person,
        "represented": c.represented, "excused": c.excused, "absent": c.absent})
    if len(c.by_body) > 1:
        lines.append(by_body_sentence(c))
    lines.append(quorum_sentence(c))
    for item in detail.items:
        lines.append("")
        lines.append(f"{item.position}. {item.title}")
        for motion in item.motions:
            result = _(motion.result.label) if motion.result else _("vote open")
            lines.append(f"  [{motion.id}] {motion.number} {motion.text}")
            lines.append("      " + _("%(method)s · %(rule)s · yes %(yes)d, no %(no)d, abstain %(abstain)d · "
                                      "base %(base)s → %(result)s") % {
                "method": _(motion.method.label), "rule": rule_in_words(motion.majority, motion.base),
                "yes": motion.yes, "no": motion.no, "abstain": motion.abstain,
                "base": "—" if motion.base_count is None else motion.base_count, "result": result})
            if motion.concurrent:
                lines += ["      " + line for line in concurrent_lines(motion)]
        for election in item.elections:
            lines.append(f"  [{_('election')} {election.id}] {election.title}: " + ", ".join(
                f"{line.member.full_name} {line.votes}" + (" ✓" if line.elected else " ↺" if line.runoff else "")
                for line in election.candidates))
            if election.needs_runoff:
                seats = election.runoff_seats
                lines.append("      " + ngettext("Runoff needed for %(count)d seat",
                                                  "Runoff needed for %(count)d seats", seats) % {"count": seats})
        for decision in item.decisions:
            lines.append(f"  {_('Decision')}: {decision.text}")
    if detail.verification_code:
        lines.append("")
        lines.append(f"{_('Verification code')}: {detail.verification_code}")
    return lines
