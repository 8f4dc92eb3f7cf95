"""Typed settings: the council's own (in its database) and the user's preferences (per computer)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coopdesk.i18n import N_


class UnitKind(StrEnum):
    """What the council's unit is; it decides who pays the social funds and whether a surplus is shared out."""

    SPU = "spu"
    COOPERATIVE = "cooperative"

    @property
    def label(self) -> str:
        return UNIT_KIND_LABELS[self]

    @property
    def explanation(self) -> str:
        return UNIT_KIND_EXPLANATIONS[self]


UNIT_KIND_LABELS = {UnitKind.SPU: N_("Socialist Production Unit (SPU)"),
                    UnitKind.COOPERATIVE: N_("Worker cooperative")}
UNIT_KIND_EXPLANATIONS = {
    UnitKind.SPU: N_("An SPU is social property, run together by its workers, the communal councils and the "
                     "state; its surplus is not shared out, and the social funds are owed by management."),
    UnitKind.COOPERATIVE: N_("A cooperative belongs to its worker-members, who share out its surplus and pay "
                             "the social funds from their own pay."),
}


@dataclass(frozen=True)
class Council:
    name: str = "Consejo de Trabajadores"
    short_name: str | None = None
    tax_id: str | None = None
    address: str | None = None
    currency: str = "VES"
    kind: UnitKind = UnitKind.COOPERATIVE


@dataclass(frozen=True)
class Preferences:
    language: str = "es"
    last_database: str | None = None
    amount_ceiling: str | None = None  # the largest amount accepted, e.g. "1000000000.00" (None: that default)
