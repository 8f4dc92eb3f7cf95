"""Vocabulary of job rotation (the planner arrives with the rotation module)."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    MANUAL = "manual"
    ADMINISTRATIVE = "administrative"
    COMMUNITY = "community"


class Role(StrEnum):
    REGULAR = "regular"
    TRAINEE = "trainee"


class PlanState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
