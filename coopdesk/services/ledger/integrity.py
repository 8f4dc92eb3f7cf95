"""`verify`'s check of the posted ledger entries against their record_hash and their postings' audit events.

Three ways the books could have been touched behind coopdesk's back, each named:
- an entry's content no longer matches its record_hash (edited with the triggers dropped);
- a posting's digest over (id, record_hash) of its entries no longer matches (an entry and its hash were
  both rewritten, or an entry removed) — the digest is held by the audit chain, which verify checks apart;
- an entry belongs to no posting at all (slipped in by hand).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.audit import record_hash
from coopdesk.domain.errors import Problem
from coopdesk.i18n import N_
from coopdesk.persistence.models import AuditEventRecord, LedgerEntryRecord
from coopdesk.services.ledger._store import POSTING_ACTIONS, entry_content, expand_runs, posting_digest

MAX_NAMED = 10  # past this many, one line says how many more


def ledger_hash_problems(session: Session) -> list[Problem]:
    entry = LedgerEntryRecord
    stored: dict[int, str | None] = {}
    changed: list[int] = []
    for row in session.execute(select(
        entry.id, entry.posted_at, entry.posted_on, entry.period_id, entry.surplus_id, entry.member_id, entry.kind,
        entry.fund_id, entry.amount_cents, entry.reverses_id, entry.note, entry.motion_id, entry.record_hash,
    ).order_by(entry.id)):
        (entry_id, posted_at, posted_on, period_id, surplus_id, member_id, kind, fund_id, amount, reverses_id,
         note, motion_id, digest) = row
        stored[entry_id] = digest
        content = entry_content(posted_at=posted_at, posted_on=posted_on, period_id=period_id,
                                surplus_id=surplus_id, member_id=member_id, kind=kind, fund_id=fund_id,
                                amount_cents=amount, reverses_id=reverses_id, note=note, motion_id=motion_id)
        if digest != record_hash(content):
            changed.append(entry_id)
    covered: set[int] = set()
    broken: list[int] = []
    for event_id, after in session.execute(
        select(AuditEventRecord.id, AuditEventRecord.after_json)
        .where(AuditEventRecord.action.in_(POSTING_ACTIONS)).order_by(AuditEventRecord.id)
    ):
        try:
            posted = json.loads(after or "{}")["posted"]
            ids = expand_runs(posted["ids"])
            digest = posted["digest"]
        except (ValueError, KeyError, TypeError):
            broken.append(event_id)
            continue
        if any(entry_id not in stored for entry_id in ids) or \
                posting_digest((entry_id, stored[entry_id]) for entry_id in ids) != digest:
            broken.append(event_id)
        covered.update(ids)
    problems = _named([entry_id for entry_id in changed if entry_id in covered],
                      N_("Ledger entry %(id)s was changed after it was posted: its content no longer matches its "
                         "record hash."))
    problems += _named(broken, N_("The ledger entries posted by audit event %(id)s are no longer the ones that "
                                  "were posted: an entry was changed, replaced or removed."))
    problems += _named(sorted(set(stored) - covered),
                       N_("Ledger entry %(id)s was not posted by coopdesk: no posting in the audit chain holds it."))
    return problems


def _named(ids: list[int], message: str) -> list[Problem]:
    problems = [Problem(message, {"id": entry_id}) for entry_id in ids[:MAX_NAMED]]
    if len(ids) > MAX_NAMED:
        problems.append(Problem(N_("… and %(count)d more like it."), {"count": len(ids) - MAX_NAMED}))
    return problems
