"""Vocabulary of the equal-wage ledger (the rules arrive with the ledger module)."""

from __future__ import annotations

from enum import StrEnum


class PeriodState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class SurplusBasis(StrEnum):
    EQUAL = "equal"
    HOURS = "hours"
