"""Typed settings: the council's own (in its database) and the user's preferences (per computer)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Council:
    name: str = "Consejo de Trabajadores"
    short_name: str | None = None
    tax_id: str | None = None
    address: str | None = None
    currency: str = "VES"


@dataclass(frozen=True)
class Preferences:
    language: str = "es"
    last_database: str | None = None
    amount_ceiling: str | None = None  # the largest amount accepted, e.g. "1000000000.00" (None: that default)
