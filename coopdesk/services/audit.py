"""Appending to the audit chain, inside the caller's unit of work."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coopdesk.domain.audit import canonical, chain_hash
from coopdesk.persistence.base import utcnow
from coopdesk.persistence.models import AuditEventRecord
from coopdesk.services.anchor import remember_head
from coopdesk.services.change_log import current_actor, ensure_baseline


def event_fields(record: AuditEventRecord) -> dict[str, Any]:
    """What the hash covers: everything but the hashes (the link to the previous one is hashed apart)."""
    return {
        "occurred_at": _iso(record.occurred_at),
        "actor": record.actor,
        "action": record.action,
        "entity": record.entity,
        "entity_id": record.entity_id,
        "before": record.before_json,
        "after": record.after_json,
    }


def _iso(moment: datetime) -> str:
    return moment.replace(tzinfo=None).isoformat(timespec="microseconds")


def append_event(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: object = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    actor: str | None = None,
) -> AuditEventRecord:
    """Record one event, chained to the last one. Writers are serialized (BEGIN IMMEDIATE / a lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(7261)"))  # one chain, one appender at a time
    ensure_baseline(session)
    last_hash = session.scalar(select(AuditEventRecord.hash).order_by(AuditEventRecord.id.desc()).limit(1))
    record = AuditEventRecord(
        occurred_at=utcnow(),
        actor=actor or current_actor(),
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        before_json=None if before is None else canonical(before),
        after_json=None if after is None else canonical(after),
        prev_hash=last_hash,
    )
    record.hash = chain_hash(record.prev_hash, event_fields(record))  # rows are never updated afterwards
    session.add(record)
    session.flush()
    remember_head(session)
    return record

