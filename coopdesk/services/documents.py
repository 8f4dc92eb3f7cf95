""""Verify document": from the verification code printed on a PDF to the record it stands for, and whether
that record is still exactly what was printed.

Codes come in two forms (see `reports/base.py` and the services that make them):
- 64 hex digits, printed in groups of four: the `record_hash` of approved minutes (the acta, whose QR code
  holds `coopdesk:acta:ID:CODE`), of a closed vote or of a closed election. The audit chain holds each code
  too, so a record whose hash was rewritten is still found — and named as changed. The first 16 digits are
  enough to find one.
- 16 hex digits as `ABCD-EF01-2345-6789`: a payroll or a member's statement, a digest over the posted
  entries it shows (`ledger._store.verification_code`). Those are recomputed — for the ledger as it is now
  and as it stood after each earlier posting, so an older printout is recognised as superseded.

A document printed since the chain's head is anchored on paper also carries a chain line under its code
(`services.anchor.ChainMark`): given it, the check also tells whether the chain still holds the event the
document saw — deleting the newest events, or rewriting the chain, shows there. Older documents have none.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.audit import record_hash
from coopdesk.domain.errors import InvalidInput, Problem
from coopdesk.domain.meetings import MeetingState
from coopdesk.i18n import N_, _, format_date
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    AuditEventRecord,
    ElectionRecord,
    LedgerEntryRecord,
    MeetingRecord,
    MemberRecord,
    MotionRecord,
    PayPeriodRecord,
)
from coopdesk.services.anchor import ChainMark, mark_problem, parse_chain_mark
from coopdesk.services.ledger._store import POSTING_ACTIONS, entry_content, posting_digest
from coopdesk.services.ledger.years import counts_on, earlier_years, with_period
from coopdesk.services.meetings.locking import (
    APPROVE_MINUTES,
    CHANGED,
    CLOSE_ELECTION,
    CLOSE_VOTE,
    UNCHAINED,
    election_content,
    meeting_content,
    motion_content,
)
from coopdesk.services.verify import chain_problems

SHORT = 16  # hex digits of a ledger code; also enough of a long code to find its record


class DocumentKind(StrEnum):
    MINUTES = "minutes"
    VOTE = "vote"
    ELECTION = "election"
    PAYROLL = "payroll"
    STATEMENT = "statement"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    DocumentKind.MINUTES: N_("Minutes of a meeting"),
    DocumentKind.VOTE: N_("Result of a vote"),
    DocumentKind.ELECTION: N_("Result of an election"),
    DocumentKind.PAYROLL: N_("Payroll of a pay period"),
    DocumentKind.STATEMENT: N_("Member's statement"),
}


class DocumentState(StrEnum):
    INTACT = "intact"  # the record is exactly what was printed
    SUPERSEDED = "superseded"  # authentic, but later postings changed the document (print it again)
    CHANGED = "changed"  # the record no longer matches its code: tampered with, or damaged


@dataclass(frozen=True)
class VerifiedDocument:
    kind: DocumentKind
    record_id: int | None  # meeting, motion, election or pay period id; None for a statement
    title: str  # the meeting's title, the motion's text, the member's code and name…
    day: date | None  # the meeting's date, the vote's closing date, the period's last day
    state: DocumentState
    code: str  # the full code found
    period: tuple[date, date] | None = None
    year: int | None = None  # a statement's year (None: all years)
    problems: tuple[Problem, ...] = ()
    chain: ChainMark | None = None  # the chain line as printed on the document, when it was given
    chain_holds: bool = False  # the chain still holds the event the document saw, with its hash

    @property
    def intact(self) -> bool:
        return self.state is DocumentState.INTACT


def normalize_code(text: str) -> str:
    """Digits as typed or scanned — groups, dashes, lower or upper case, the acta's QR payload — as lowercase hex."""
    raw = text.strip()
    digits = re.sub(r"[\s\-.]", "", raw.rsplit(":", 1)[-1]).lower()
    if not re.fullmatch(rf"[0-9a-f]{{{SHORT},64}}", digits):
        raise InvalidInput(N_("A verification code has 16 to 64 characters, digits 0–9 and letters A–F (spaces and "
                              "dashes do not count); '%(code)s' is not one."), code=raw[:80])
    return digits


def find_by_verification_code(db: Database, *, code: str, chain: str | None = None) -> VerifiedDocument | None:
    """The document a printed verification code belongs to, and whether it is intact; None when no record of
    this database ever had that code. `chain`: the document's chain line, as printed under its code."""
    digits = normalize_code(code)
    mark = parse_chain_mark(chain) if chain and chain.strip() else None
    with db.read() as session:
        events = list(session.scalars(select(AuditEventRecord).order_by(AuditEventRecord.id)))
        broken = chain_problems(events)
        found = _sealed_record(session, digits)
        if found is None and len(digits) == SHORT:
            found = _ledger_document(session, digits, events)
    if found is None:
        return None
    if mark is not None:
        missing = mark_problem(events, mark)
        found = replace(found, chain=mark, chain_holds=missing is None)
        broken = broken + ([missing] if missing else [])
    if not broken:
        return found
    # A broken audit chain makes every later record untrustworthy, this one included.
    return _with_problems(found, DocumentState.CHANGED, list(found.problems) + broken)


def _with_problems(found: VerifiedDocument, state: DocumentState, problems: list[Problem]) -> VerifiedDocument:
    return replace(found, state=state, problems=tuple(problems))


# ---- in words (the window's dialog and `coopdesk verify --document`)


def describe(found: VerifiedDocument) -> str:
    """Which record, in words: "Minutes of the meeting «…» of 15 Nov 2024 (meeting 3)"."""
    day = format_date(found.day) if found.day else "—"
    values = {"title": found.title, "date": day, "id": found.record_id}
    if found.kind is DocumentKind.MINUTES:
        return _("Minutes of the meeting «%(title)s» of %(date)s (meeting %(id)s)") % values
    if found.kind is DocumentKind.VOTE:
        return _("Vote on «%(title)s», at the meeting of %(date)s (motion %(id)s)") % values
    if found.kind is DocumentKind.ELECTION:
        return _("Election «%(title)s», at the meeting of %(date)s (election %(id)s)") % values
    if found.kind is DocumentKind.PAYROLL:
        start, end = found.period or (None, None)
        return _("Payroll of the pay period %(start)s – %(end)s (period %(id)s)") % {
            "start": format_date(start) if start else "—", "end": format_date(end) if end else "—",
            "id": found.record_id}
    if found.year is None:
        return _("Statement of %(member)s, all years") % {"member": found.title}
    return _("Statement of %(member)s for %(year)s") % {"member": found.title, "year": found.year}


def chain_verdict(found: VerifiedDocument) -> str | None:
    """The chain line's outcome when it matches (a mismatch is told among the problems, as it happened)."""
    if found.chain is None or not found.chain_holds:
        return None
    return _("Chain position matches: the chain still holds event %(id)s as this document saw it.") % {
        "id": found.chain.event_id}


def verdict_of(found: VerifiedDocument) -> tuple[str, str]:
    """(headline, explanation) for a found document: when only its chain line fails, the record is as printed
    but the chain behind it lost or changed events since."""
    only_chain = found.chain is not None and not found.chain_holds and len(found.problems) == 1
    if not only_chain:
        return verdict(found.state)
    return (_("The chain changed since it was printed"),
            _("The record still matches the code, but the audit chain no longer holds what was written until the "
              "document was printed. Tools → Verify database checks everything."))


def verdict(state: DocumentState) -> tuple[str, str]:
    """(headline, explanation) for a found document."""
    if state is DocumentState.INTACT:
        return (_("Authentic and unchanged"),
                _("This database holds exactly what the document shows."))
    if state is DocumentState.SUPERSEDED:
        return (_("Authentic, but no longer current"),
                _("The document was genuine when printed; entries were posted since (a correction, or later "
                  "periods). Print it again for the current figures."))
    return (_("Changed after it was sealed"),
            _("The record no longer matches the code: it was changed outside coopdesk, or the file was damaged. "
              "Tools → Verify database checks everything."))


# ---- approved minutes, closed votes and elections


_SEALED: dict[str, tuple[Any, str, DocumentKind, Callable[[Session, Any], dict[str, Any]]]] = {
    "meeting": (MeetingRecord, APPROVE_MINUTES, DocumentKind.MINUTES, meeting_content),
    "motion": (MotionRecord, CLOSE_VOTE, DocumentKind.VOTE, motion_content),
    "election": (ElectionRecord, CLOSE_ELECTION, DocumentKind.ELECTION, election_content),
}


def _sealed_record(session: Session, digits: str) -> VerifiedDocument | None:
    """Match the code against the records' hashes and against the hashes the audit chain recorded."""
    matches: dict[tuple[str, int], str] = {}
    for entity, (model, _action, _kind, _content) in _SEALED.items():
        for record_id, digest in session.execute(select(model.id, model.record_hash)
                                                 .where(model.record_hash.like(f"{digits}%"))):
            matches[(entity, record_id)] = digest
    chained: dict[tuple[str, int], set[str]] = defaultdict(set)
    for entity, (_model, action, _kind, _content) in _SEALED.items():
        for entity_id, after in session.execute(select(AuditEventRecord.entity_id, AuditEventRecord.after_json)
                                                .where(AuditEventRecord.entity == entity,
                                                       AuditEventRecord.action == action)):
            digest = _json_field(after, "record_hash")
            if digest and entity_id and entity_id.isdigit():
                chained[(entity, int(entity_id))].add(digest)
                if digest.startswith(digits):
                    matches[(entity, int(entity_id))] = digest  # the audit chain's word beats the record's
    if not matches:
        return None
    if len(matches) > 1:
        raise InvalidInput(N_("More than one document starts with these characters; type more of the code."))
    ((entity, record_id), digest), = matches.items()
    model, _action, kind, content = _SEALED[entity]
    record = session.get(model, record_id)
    if record is None:
        return VerifiedDocument(kind, record_id, "", None, DocumentState.CHANGED, digest, problems=(
            Problem(N_("The record with this code was removed from the database."), {}),))
    problems = []
    if record.record_hash != digest or record_hash(content(session, record)) != digest:
        problems.append(Problem(CHANGED[entity], {"id": record_id}))
    elif digest not in chained.get((entity, record_id), set()):
        problems.append(Problem(UNCHAINED[entity], {"id": record_id}))
    if entity == "meeting" and record.state is not MeetingState.APPROVED:
        problems.append(Problem(CHANGED[entity], {"id": record_id}))
    title, day = _describe(session, entity, record)
    return VerifiedDocument(kind, record_id, title, day, DocumentState.CHANGED if problems else DocumentState.INTACT,
                            digest, problems=tuple(problems))


def _describe(session: Session, entity: str, record: Any) -> tuple[str, date | None]:
    if entity == "meeting":
        return record.title, record.starts_at.date()
    meeting = session.scalar(select(MeetingRecord)
                             .join(AgendaItemRecord, AgendaItemRecord.meeting_id == MeetingRecord.id)
                             .where(AgendaItemRecord.id == record.item_id))
    day = meeting.starts_at.date() if meeting is not None else (record.closed_at.date() if record.closed_at else None)
    return (record.text if entity == "motion" else record.title), day


def _json_field(text: str | None, name: str) -> Any:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return None
    return value.get(name) if isinstance(value, dict) else None


# ---- payrolls and statements


@dataclass
class _Entry:
    id: int
    period_id: int | None
    surplus_id: int | None
    member_id: int | None
    kind: str
    reverses_id: int | None
    digest: str | None
    content: dict[str, Any]
    year: int  # the year it counts in on a statement (`ledger.years`)


@dataclass(frozen=True)
class _Match:
    kind: DocumentKind
    key: tuple[Any, ...]  # (period_id,) or (member_id, year)
    current: bool
    entry_ids: tuple[int, ...]
    code: str


def _code(pairs: list[tuple[int, str | None]]) -> str:
    return posting_digest(pairs)[:SHORT]


def _ledger_document(session: Session, digits: str, events: list[AuditEventRecord]) -> VerifiedDocument | None:
    entries = _load_entries(session)
    if not entries:
        return None
    boundaries = sorted({max(last for _first, last in runs) for runs in _posted_runs(events) if runs})
    matches = _payroll_matches(entries, boundaries, digits) + _statement_matches(session, entries, digits)
    if not matches:
        return None
    # A reprint of the same figures beats an older one; a year's statement beats the all-years one.
    match = min(matches, key=lambda m: (not m.current, m.kind is DocumentKind.STATEMENT and m.key[1] is None))
    by_id = {entry.id: entry for entry in entries}
    changed = [entry_id for entry_id in match.entry_ids
               if by_id[entry_id].digest != record_hash(by_id[entry_id].content)]
    problems = tuple(Problem(N_("Ledger entry %(id)s was changed after it was posted: its content no longer "
                                "matches its record hash."), {"id": entry_id}) for entry_id in changed[:10])
    state = (DocumentState.CHANGED if changed else
             DocumentState.INTACT if match.current else DocumentState.SUPERSEDED)
    if match.kind is DocumentKind.PAYROLL:
        period = session.get(PayPeriodRecord, match.key[0])
        dates = (period.starts_on, period.ends_on) if period else None
        return VerifiedDocument(match.kind, match.key[0], "", dates[1] if dates else None, state, match.code,
                                period=dates, problems=problems)
    member = session.get(MemberRecord, match.key[0])
    title = f"{member.code} {member.full_name}" if member else ""
    return VerifiedDocument(match.kind, None, title, None, state, match.code, year=match.key[1], problems=problems)


def _load_entries(session: Session) -> list[_Entry]:
    e = LedgerEntryRecord
    rows = session.execute(with_period(select(e.id, e.posted_at, e.posted_on, e.period_id, e.surplus_id, e.member_id,
                                              e.kind, e.fund_id, e.amount_cents, e.reverses_id, e.note, e.motion_id,
                                              e.record_hash, counts_on().label("counts_on")))
                           .order_by(e.id))
    return [_Entry(r.id, r.period_id, r.surplus_id, r.member_id, r.kind, r.reverses_id, r.record_hash,
                   entry_content(posted_at=r.posted_at, posted_on=r.posted_on, period_id=r.period_id,
                                 surplus_id=r.surplus_id, member_id=r.member_id, kind=r.kind, fund_id=r.fund_id,
                                 amount_cents=r.amount_cents, reverses_id=r.reverses_id, note=r.note,
                                 motion_id=r.motion_id), r.counts_on.year)
            for r in rows]


def _posted_runs(events: list[AuditEventRecord]) -> list[list[list[int]]]:
    runs = []
    for event in events:
        if event.action in POSTING_ACTIONS:
            posted = _json_field(event.after_json, "posted")
            try:
                runs.append([[int(first), int(last)] for first, last in posted["ids"]])  # see ledger's id_runs
            except (TypeError, KeyError, ValueError):
                continue
    return runs


def _payroll_matches(entries: list[_Entry], boundaries: list[int], digits: str) -> list[_Match]:
    """A payroll's code covers its period's entries not reversed (reversals excluded), as they stood after
    each posting that touched the period — and as they stand now."""
    reversed_at = {entry.reverses_id: entry.id for entry in entries if entry.reverses_id is not None}
    period_of = {entry.id: entry.period_id for entry in entries}
    touching: dict[int, set[int]] = defaultdict(set)  # period -> the moments (boundaries) it changed
    own: dict[int, list[_Entry]] = defaultdict(list)
    last = entries[-1].id
    for entry in entries:
        period = entry.period_id if entry.kind != "reversal" else period_of.get(entry.reverses_id or 0)
        if period is not None:
            index = bisect.bisect_left(boundaries, entry.id)
            touching[period].add(boundaries[index] if index < len(boundaries) else last)
        if entry.period_id is not None and entry.kind != "reversal":
            own[entry.period_id].append(entry)
    matches = []
    for period, moments in touching.items():
        for moment in sorted(moments | {last}):
            pairs = [(entry.id, entry.digest) for entry in own[period]
                     if entry.id <= moment and reversed_at.get(entry.id, last + 1) > moment]
            if pairs and _code(pairs) == digits:
                matches.append(_Match(DocumentKind.PAYROLL, (period,), moment == last, tuple(p[0] for p in pairs),
                                      _code(pairs)))
    return matches


def _statement_matches(session: Session, entries: list[_Entry], digits: str) -> list[_Match]:
    """A statement's code covers the member's entries of a year (or of all years); a statement printed
    earlier covered the entries posted until then, so every prefix is tried (hashed incrementally).

    The year an entry counts in is the statement's own rule (`ledger.years`). A statement printed under the
    earlier rule, which put a share of a surplus in the year the surplus shared out, is tried too: it is
    authentic, but that year's statement reads differently today, so it is never the current one."""
    earlier = earlier_years(session)
    groups: dict[tuple[int, int | None], list[_Entry]] = defaultdict(list)
    for entry in entries:
        if entry.member_id is None:  # a fund's own entry (a deposit): on no member's statement
            continue
        groups[(entry.member_id, None)].append(entry)
        groups[(entry.member_id, entry.year)].append(entry)
    moved = {(entry.member_id, year) for entry in entries if entry.member_id is not None and entry.id in earlier
             for year in (earlier[entry.id], entry.year)}
    earlier_groups: dict[tuple[int, int | None], list[_Entry]] = defaultdict(list)
    for entry in entries:
        if entry.member_id is not None and (key := (entry.member_id, earlier.get(entry.id, entry.year))) in moved:
            earlier_groups[key].append(entry)
    matches = []
    for grouped, current_rule in ((groups, True), (earlier_groups, False)):
        for key, group in grouped.items():
            for count in _prefix_matches(group, digits):
                ids = tuple(entry.id for entry in group[:count])
                matches.append(_Match(DocumentKind.STATEMENT, key, current_rule and count == len(group), ids,
                                      digits))
    return matches


def _prefix_matches(group: list[_Entry], digits: str) -> list[int]:
    """The lengths of the prefixes of `group` whose code is `digits`: the canonical JSON of
    `{"entries": [[id, hash], …]}` grows by one item per entry, so one running SHA-256 serves them all."""
    running = hashlib.sha256(b'{"entries":[')
    found = []
    for count, entry in enumerate(group, start=1):
        item = json.dumps([entry.id, entry.digest], separators=(",", ":"), ensure_ascii=False)
        running.update((item if count == 1 else "," + item).encode("utf-8"))
        final = running.copy()
        final.update(b"]}")
        if final.hexdigest()[:SHORT] == digits:
            found.append(count)
    return found
