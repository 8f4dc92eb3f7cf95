"""The chain's head, kept outside the database: a small file beside it, every backup's manifest, and each
printed document that carries a verification code.

An attacker holding the database file can delete the newest audit events, or rewrite the whole chain and
recompute every hash from the first event on; the chain then still links up. What gives it away is a copy of
the head kept elsewhere: the id, hash and time of the last event the desk wrote. `verify` reads the anchor file
and the newest checked backup's manifest, and the event each names must still be in the chain with that hash.

A printed document carries a short form of the head as it stood when it was printed (`ChainMark`, the line
"Chain: event 90,470 · 3F2A-9C1D" under its code); `verify --document CODE --chain LINE` checks the chain still
holds that event with that hash. The paper is the record: a copy kept in the database would go with the events
it vouches for.

The anchor is rewritten after every unit of work that appended to the chain (SQLite files only: a shared
server keeps its own logs and backups).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput, Problem
from coopdesk.i18n import N_, format_datetime
from coopdesk.persistence.database import Database
from coopdesk.persistence.files import atomic_write

ANCHOR_SUFFIX = ".anchor.json"
MARK_DIGITS = 8  # of the head's hash printed on a document: one chance in four thousand million to guess
PENDING = "coopdesk_chain_head"  # session.info: the head a unit of work appended, written once it commits


@dataclass(frozen=True)
class ChainHead:
    event_id: int
    hash: str
    occurred_at: str  # UTC, ISO 8601
    restored_at: str | None = None  # UTC: when a backup was last restored (older backups' heads are then newer)

    @property
    def moment(self) -> datetime:
        value = datetime.fromisoformat(self.occurred_at)
        return value if value.tzinfo else value.replace(tzinfo=UTC)


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ANCHOR_SUFFIX)


def read_anchor(db_path: Path) -> ChainHead | None:
    try:
        data = json.loads(anchor_path(db_path).read_text(encoding="utf-8"))
        return ChainHead(int(data["event_id"]), str(data["hash"]), str(data["occurred_at"]),
                         data.get("restored_at"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_anchor(db_path: Path, head: ChainHead | None, *, restored: bool = False) -> None:
    """Anchor this head (None: the chain is empty, so the file goes). `restored`: a backup was just restored."""
    target = anchor_path(db_path)
    previous = read_anchor(db_path)
    since = datetime.now(UTC).isoformat(timespec="seconds") if restored else previous and previous.restored_at
    try:
        if head is None:
            target.unlink(missing_ok=True)
        else:
            head = ChainHead(head.event_id, head.hash, head.occurred_at, since)
            atomic_write(target, json.dumps(asdict(head), indent=2).encode("utf-8"))
    except OSError:
        pass  # a read-only folder: the backups' manifests still anchor the chain


def head_of(record: Any) -> ChainHead:
    moment = record.occurred_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return ChainHead(int(record.id), str(record.hash), moment.isoformat(timespec="seconds"))


def remember_head(session: Session) -> None:
    """Called by whoever appends to the chain: the anchor follows once the unit of work commits."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite" and bind.url.database:
        session.info[PENDING] = Path(bind.url.database)


def current_head(connection: Any) -> ChainHead | None:
    row = connection.execute(text(
        "SELECT id, hash, occurred_at FROM audit_events ORDER BY id DESC LIMIT 1")).first()
    if row is None:
        return None
    moment = row[2] if isinstance(row[2], datetime) else datetime.fromisoformat(str(row[2]))
    return head_of(SimpleNamespace(id=row[0], hash=row[1], occurred_at=moment))


@event.listens_for(Session, "before_commit")
def _head_before_commit(session: Session) -> None:
    path = session.info.get(PENDING)
    if isinstance(path, Path):
        session.flush()
        session.info[PENDING] = (path, current_head(session))


@event.listens_for(Session, "after_commit")
def _anchor_after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if isinstance(pending, tuple):
        write_anchor(*pending)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


# ---- the check of `verify`

def anchor_problems(events: list[Any], anchors: list[tuple[str, ChainHead]]) -> list[Problem]:
    """Each anchored head (where it was kept, the head) against the chain as it stands."""
    by_id = {event.id: event for event in events}
    last = events[-1].id if events else 0
    problems = []
    for place, head in anchors:
        when = format_datetime(head.moment.astimezone(), fmt="short")
        found = by_id.get(head.event_id)
        if found is None and head.event_id > last:
            problems.append(Problem(
                N_("The audit chain ends before the last known event (number %(id)s, of %(when)s, kept in "
                   "%(place)s): its newest events were deleted."),
                {"id": head.event_id, "when": when, "place": place}))
        elif found is None or found.hash != head.hash:
            problems.append(Problem(
                N_("The audit chain does not hold the event %(id)s of %(when)s kept in %(place)s: the chain was "
                   "rewritten."), {"id": head.event_id, "when": when, "place": place}))
    return problems[:1]  # one anchor is enough to name it; the others would repeat it


# ---- the head as a printed document carries it


class ChainMark(NamedTuple):
    """Where the chain stood when a document was printed: the last event's number and the first digits of its
    hash (a plain tuple to the reports, which print it)."""

    event_id: int
    digits: str  # MARK_DIGITS lowercase hex

    def printed(self) -> str:
        return f"{self.digits[:4]}-{self.digits[4:]}".upper()


# "Cadena: evento 90.470 · 3F2A-9C1D", "Chain: event 90,470 · 3F2A-9C1D", "90470 3f2a9c1d": a number, then the hash
_MARK = re.compile(r"(\d[\d.,\s\u00a0\u202f]*?)[\s·:]+([0-9a-f]{4})-?([0-9a-f]{4})(?![0-9a-f])", re.IGNORECASE)


def chain_mark(session: Session) -> ChainMark | None:
    """The mark a document printed now carries (None while the chain is empty)."""
    head = current_head(session.connection())
    return None if head is None else ChainMark(head.event_id, head.hash[:MARK_DIGITS])


def printed_mark(db: Database) -> ChainMark | None:
    """The mark for a document about to be printed; None for a member's login on a server, which may not read
    the chain (its documents then carry no chain line)."""
    with db.read() as session:
        if session.get_bind().dialect.name == "postgresql" and not session.scalar(
                text("SELECT has_table_privilege('audit_events', 'SELECT')")):
            return None
        return chain_mark(session)


def parse_chain_mark(text: str) -> ChainMark:
    """The chain line as typed from the paper, in either language; anything else is bad input."""
    found = _MARK.search(text or "")
    if found is None:
        raise InvalidInput(N_("'%(line)s' is not a document's chain line: type the event's number and the eight "
                              "characters after it, e.g. \"90470 3F2A-9C1D\"."), line=(text or "").strip()[:80])
    return ChainMark(int(re.sub(r"\D", "", found[1])), (found[2] + found[3]).lower())


def mark_problem(events: list[Any], mark: ChainMark) -> Problem | None:
    """The chain (its events in id order) against a printed mark; None when it still holds that event."""
    last = events[-1].id if events else 0
    found = next((event for event in reversed(events) if event.id == mark.event_id), None)
    if found is None and mark.event_id > last:
        return Problem(N_("The chain ends before the event this document saw (event %(id)s; the chain's last is "
                          "%(last)s): records written after it were deleted, or an older backup was restored."),
                       {"id": mark.event_id, "last": last})
    if found is None or not str(found.hash).startswith(mark.digits):
        return Problem(N_("The chain's event %(id)s is not the one this document saw: the chain was rewritten."),
                       {"id": mark.event_id})
    return None
