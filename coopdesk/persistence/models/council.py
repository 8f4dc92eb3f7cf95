from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Integer
from sqlalchemy.orm import Mapped, mapped_column

from coopdesk.domain.settings import UnitKind
from coopdesk.persistence.base import Base, choice, string


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
    kind: Mapped[UnitKind] = choice(UnitKind, "unit_kind", default=UnitKind.COOPERATIVE,
                                    server_default=UnitKind.COOPERATIVE.value)
    # publishing a rotation plan needs a passed motion of the council (docs/cli.md, `council set`); None until
    # the council says: then an SPU needs one and a cooperative does not
    plans_need_decision: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
