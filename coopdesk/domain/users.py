"""Who may do what on a shared office computer."""

from __future__ import annotations

from enum import StrEnum


class UserRole(StrEnum):
    ADMINISTRATOR = "administrator"
    SECRETARY = "secretary"
    MEMBER = "member"
