"""Loading a record by its key, or the NotFound a person understands."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from coopdesk.domain.errors import NotFound

T = TypeVar("T")


def get_or_not_found(session: Session, model: type[T], key: Any, message: str, *, lock: bool = False) -> T:
    """`session.get`, raising NotFound(message, id=key) when there is no such row.

    `message` is an N_() text with an `%(id)s` placeholder; `lock` takes the row for the transaction."""
    record = session.get(model, key, with_for_update=lock)
    if record is None:
        raise NotFound(message, id=key)
    return record
