"""Reading posted entries as `EntryRow`s: each with its member, the entry that reversed it, and — for a
reversal — the kind and period of the entry it undoes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.persistence.models import LedgerEntryRecord, MemberRecord
from coopdesk.services.ledger.dto import EntryRow

Entry = LedgerEntryRecord
_reversal = aliased(LedgerEntryRecord, name="reversal")
_original = aliased(LedgerEntryRecord, name="original")


def rows_query() -> Select:
    return (
        select(Entry.id, Entry.posted_on, Entry.period_id, func.coalesce(MemberRecord.code, ""),
               func.coalesce(MemberRecord.full_name, ""), Entry.kind, Entry.amount_cents, Entry.reverses_id,
               _reversal.id, Entry.note, Entry.surplus_id, _original.kind, _original.period_id, Entry.motion_id)
        .outerjoin(MemberRecord, MemberRecord.id == Entry.member_id)  # a deposit has no member
        .outerjoin(_reversal, _reversal.reverses_id == Entry.id)
        .outerjoin(_original, _original.id == Entry.reverses_id)
    )


def load_rows(session: Session, *conditions: ColumnElement[bool], query: Select | None = None) -> list[EntryRow]:
    """The entries that meet the conditions, in the order they were posted."""
    statement = (query if query is not None else rows_query()).where(*conditions).order_by(Entry.id)
    return [EntryRow(*row) for row in session.execute(statement)]


def rows_by_id(session: Session, ids: Sequence[int]) -> dict[int, EntryRow]:
    rows: dict[int, EntryRow] = {}
    for start in range(0, len(ids), 900):  # keep under every backend's limit of bound parameters
        chunk = list(ids[start:start + 900])
        rows.update((row.id, row) for row in load_rows(session, Entry.id.in_(chunk)))
    return rows
