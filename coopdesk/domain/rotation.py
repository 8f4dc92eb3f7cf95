"""Vocabulary of job rotation; the planner itself lives in `coopdesk.domain.planner`."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from coopdesk.i18n import N_


class Category(StrEnum):
    MANUAL = "manual"
    ADMINISTRATIVE = "administrative"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


class Role(StrEnum):
    REGULAR = "regular"
    TRAINEE = "trainee"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


class PlanState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


CATEGORY_LABELS = {
    Category.MANUAL: N_("Manual"),
    Category.ADMINISTRATIVE: N_("Administrative"),
    Category.COMMUNITY: N_("Community"),
}
ROLE_LABELS = {Role.REGULAR: N_("Regular"), Role.TRAINEE: N_("Trainee")}

# The order of categories in figures, charts and arrays.
CATEGORIES: tuple[Category, ...] = tuple(Category)

# Burden runs from 1 (light) to 5 (heavy, unpleasant).
BURDEN_MIN = 1
BURDEN_MAX = 5


def is_monday(day: date) -> bool:
    return day.weekday() == 0


def mondays(start: date, weeks: int) -> list[date]:
    """The Mondays of `weeks` consecutive weeks from `start`."""
    return [start + timedelta(weeks=i) for i in range(weeks)]
