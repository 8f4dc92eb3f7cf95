"""The append-only audit trail and the people who sign in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from coopdesk.domain.users import UserRole
from coopdesk.persistence.base import HASH_LEN, Base, choice, created_at, string


class AuditEventRecord(Base):
    """One recorded change or locking event.

    `hash` is SHA-256 over a canonical form of the event and `prev_hash`, so the rows form a chain
    that `verify` recomputes; UPDATE and DELETE are refused by triggers.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = created_at()
    actor: Mapped[str | None] = string(100)
    action: Mapped[str] = string(60)
    entity: Mapped[str] = string(60)
    entity_id: Mapped[str | None] = string(60)
    before_json: Mapped[str | None] = string(50_000)
    after_json: Mapped[str | None] = string(50_000)
    prev_hash: Mapped[str | None] = string(HASH_LEN)
    hash: Mapped[str | None] = string(HASH_LEN)


class UserRecord(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = string(60, unique=True)
    password_hash: Mapped[str] = string(300)
    role: Mapped[UserRole] = choice(UserRole, "role")
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at()
