from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Integer, false
from sqlalchemy.orm import Mapped, mapped_column

from coopdesk.persistence.base import Base, string


class CouncilSettings(Base):
    """The single row describing the council that owns this database."""

    __tablename__ = "council_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name: Mapped[str] = string(200)
    short_name: Mapped[str | None] = string(60)
    tax_id: Mapped[str | None] = string(30)
    address: Mapped[str | None] = string(300)
    currency: Mapped[str] = string(3, default="VES")
    default_language: Mapped[str] = string(5, default="es")
    # publishing a rotation plan needs a passed motion of the council (docs/cli.md, `council set`)
    plans_need_decision: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
