"""The change log of records: who changed what and when, before → after, in the append-only audit chain.

Every edit of member data, rotation posts, the hourly rate, the social funds and the council's settings
appends an event in the same unit of work as the edit: if the edit is saved, so is its record, and nothing
can turn this off (the services call it unconditionally; the table refuses UPDATE and DELETE). An event
keeps only the fields that changed, each side as canonical JSON; a new record keeps all its filled fields.
The actor is the user signed in to coopdesk, else the account of the operating system.

The log of members, hourly rates, funds and users is replayed by `verify` against their rows, so each row must
have a creation in it. Databases filled before the log kept every creation (an older demo, for one) hold rows
without one: the first write of this version appends a baseline — one `<entity>.baseline` event per such row,
as it stands, then a `change_log.baseline` marker — and from then on a row the log never created is tampering.
Until the marker exists, `verify` tells those rows apart as not yet logged (see `services.verify`).
"""

from __future__ import annotations

import dataclasses
import functools
import getpass
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from coopdesk.domain.audit import canonical, chain_hash
from coopdesk.persistence.base import utcnow
from coopdesk.persistence.database import Database

if TYPE_CHECKING:
    from coopdesk.persistence.models import AuditEventRecord

# The audit model (and, through its hash width, the meetings models) loads on the first change, not at
# start-up: the members and council services import this module before the first window is painted.

ACTOR_MAX = 100  # audit_events.actor
Fields = Mapping[str, Any]

_signed_in: str | None = None


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any  # a JSON value (text, number, true/false, list) or None when the field was empty
    after: Any


@dataclass(frozen=True)
class ChangeEntry:
    """One recorded event about a record, for its "History of changes"."""

    id: int
    occurred_at: datetime  # aware, UTC
    actor: str | None
    action: str  # e.g. member.create, member.update, post.update, ledger.fund
    changes: tuple[FieldChange, ...]

    @property
    def created(self) -> bool:
        return self.action.endswith(".create")


@dataclass(frozen=True)
class Change:
    """One edit to record (the batch form, for imports)."""

    entity: str
    entity_id: object
    before: Fields | None  # None: the record was created
    after: Fields | None  # None: the record was deleted
    action: str | None = None


# ---- who

def set_signed_in_user(name: str | None) -> None:
    """Who is signed in to coopdesk in this process (None when nobody is): the actor of later changes."""
    global _signed_in
    _signed_in = (name or "").strip() or None


def current_actor() -> str:
    """The signed-in user, else the operating-system account (never empty)."""
    if _signed_in:
        return _signed_in[:ACTOR_MAX]
    try:
        name = getpass.getuser()
    except Exception:  # no USER variable and no password entry (some containers): still record something
        name = ""
    return (name or "?")[:ACTOR_MAX]


# ---- what

def plain(value: Any) -> Any:
    """A value as the change log keeps it: JSON types only, an empty text as None."""
    kind = type(value)
    if kind is str:
        return value or None
    if value is None or kind is bool or kind is int:
        return value
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(item) for item in value]
        return sorted(items, key=canonical) if isinstance(value, set | frozenset) else items
    if isinstance(value, str):
        return value or None
    return value


def snapshot(value: Any, *, of: type | None = None, skip: Iterable[str] = ()) -> dict[str, Any]:
    """The fields of a dataclass (only those of the class `of`, e.g. a draft without id and version)."""
    return {name: plain(getattr(value, name)) for name in _field_names(of or type(value), frozenset(skip))}


@functools.cache
def _field_names(cls: type, skip: frozenset[str]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in skip)


def changed_fields(before: Fields | None, after: Fields | None) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Only what differs; a created record keeps its filled fields, a deleted one what it held."""
    if before is None and after is None:
        return None, None
    if before is None:
        return None, {key: value for key, value in _plain_map(after).items() if value is not None}
    if after is None:
        return {key: value for key, value in _plain_map(before).items() if value is not None}, None
    old, new = _plain_map(before), _plain_map(after)
    keys = [key for key in sorted(old.keys() | new.keys()) if old.get(key) != new.get(key)]
    return {key: old.get(key) for key in keys}, {key: new.get(key) for key in keys}


def _plain_map(values: Fields | None) -> dict[str, Any]:
    return {str(key): plain(value) for key, value in (values or {}).items()}


def _action(entity: str, before: Fields | None, after: Fields | None) -> str:
    return f"{entity}.{'create' if before is None else 'delete' if after is None else 'update'}"


# ---- the baseline of records filled before the log kept their creation

BASELINE = "change_log.baseline"  # the marker's action: the log of records is complete from here on
_BASELINED: set[tuple[str, str | None]] = set()  # (database url, first event's hash) seen holding the marker


def ensure_baseline(session: Session) -> None:
    """Before the first event this process appends to a database: adopt the rows the log never created, once
    per database (see the module's docstring). A look at the first event and, the first time, one query."""
    from coopdesk.persistence.models import AuditEventRecord

    events = AuditEventRecord.__table__.c
    first = session.scalar(select(events.hash).order_by(events.id).limit(1))
    key = (str(session.get_bind().url), first)
    if key in _BASELINED:
        return
    if session.scalar(select(events.id).where(events.action == BASELINE).limit(1)) is not None:
        _BASELINED.add(key)  # known only once committed: a baseline written now is looked for again next time
        return
    # An empty chain has nothing to adopt: a row without its creation is one being added in this very unit of work.
    adopted = unlogged_rows(session) if first is not None else []
    _append(session, [*adopted, Change("change_log", None, None, {"complete": True}, BASELINE)], current_actor())


def unlogged_rows(session: Session) -> list[Change]:
    """A baseline event for each row of a replayed table whose creation the log does not hold."""
    from coopdesk.persistence.models import AuditEventRecord
    from coopdesk.services.seals import LOGGED
    from coopdesk.services.server_roles import SECRET_COLUMNS

    events = AuditEventRecord.__table__.c
    adopted: list[Change] = []
    for entity, kind in LOGGED.items():
        created = set(session.scalars(select(events.entity_id).where(
            events.entity == entity, events.before_json.is_(None), events.after_json.is_not(None))))
        table = kind.model.__table__
        hidden = SECRET_COLUMNS.get(table.name, ())  # a secretary's login on a server may not read them
        for row in session.execute(select(*(column for column in table.c if column.name not in hidden))):
            if kind.key(row) not in created:
                adopted.append(Change(entity, kind.key(row), None, {field: read(row) for field, read in
                                                                    kind.fields.items()}, f"{entity}.baseline"))
    return adopted


# ---- recording (inside the caller's unit of work)

def record_change(
    session: Session,
    *,
    entity: str,
    entity_id: object,
    before: Fields | None,
    after: Fields | None,
    action: str | None = None,
    actor: str | None = None,
) -> AuditEventRecord | None:
    """Append the change to the audit chain; an edit that changed nothing records nothing."""
    from coopdesk.services.audit import append_event

    old, new = changed_fields(before, after)
    if before is not None and after is not None and not new:
        return None
    return append_event(session, action=action or _action(entity, before, after), entity=entity,
                        entity_id=entity_id, before=old, after=new, actor=actor or current_actor())


def record_changes(session: Session, changes: Sequence[Change], *, actor: str | None = None) -> int:
    """Many changes at once (an import of thousands of rows): chained here, written in one statement.

    Returns how many events were recorded (edits that changed nothing record none)."""
    ensure_baseline(session)
    return _append(session, changes, actor or current_actor())


def _append(session: Session, changes: Sequence[Change], who: str) -> int:
    from coopdesk.persistence.models import AuditEventRecord
    from coopdesk.services.anchor import remember_head
    from coopdesk.services.audit import event_fields

    prepared = []
    for change in changes:
        old, new = changed_fields(change.before, change.after)
        if change.before is not None and change.after is not None and not new:
            continue
        prepared.append((change, old, new))
    if not prepared:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7261)"))  # the lock `append_event` takes
    last = session.scalar(select(AuditEventRecord.hash).order_by(AuditEventRecord.id.desc()).limit(1))
    now = utcnow()
    rows = []
    for change, old, new in prepared:
        # The same fields `append_event` hashes, so that `verify` recomputes these events like any other.
        event = SimpleNamespace(
            occurred_at=now, actor=who, action=change.action or _action(change.entity, change.before, change.after),
            entity=change.entity, entity_id=None if change.entity_id is None else str(change.entity_id),
            before_json=None if old is None else canonical(old), after_json=None if new is None else canonical(new),
            prev_hash=last,
        )
        event.hash = last = chain_hash(event.prev_hash, event_fields(event))  # type: ignore[arg-type]
        rows.append(vars(event))
    session.execute(insert(AuditEventRecord.__table__), rows)  # Core executemany: no ORM objects to build
    remember_head(session)
    return len(rows)


# ---- reading

def record_history(db: Database, *, entity: str, entity_id: object) -> tuple[ChangeEntry, ...]:
    """Every recorded event about one record (e.g. entity="member", entity_id=its id), oldest first."""
    from coopdesk.persistence.models import AuditEventRecord

    with db.read() as session:
        events = session.execute(
            select(AuditEventRecord.id, AuditEventRecord.occurred_at, AuditEventRecord.actor,
                   AuditEventRecord.action, AuditEventRecord.before_json, AuditEventRecord.after_json)
            .where(AuditEventRecord.entity == entity, AuditEventRecord.entity_id == str(entity_id))
            .order_by(AuditEventRecord.id)
        ).all()
    return tuple(ChangeEntry(event_id, occurred_at, actor, action, _field_changes(before, after))
                 for event_id, occurred_at, actor, action, before, after in events)


def _field_changes(before_json: str | None, after_json: str | None) -> tuple[FieldChange, ...]:
    before, after = _loaded(before_json), _loaded(after_json)
    return tuple(FieldChange(key, before.get(key), after.get(key)) for key in sorted(before.keys() | after.keys()))


def _loaded(text_: str | None) -> dict[str, Any]:
    if text_ is None:
        return {}
    try:
        value = json.loads(text_)
    except ValueError:
        return {"value": text_}
    return value if isinstance(value, dict) else {"value": value}
