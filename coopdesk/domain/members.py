"""Members of the council: who they are, which body they come from, whether they vote."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from coopdesk.domain.errors import Problem
from coopdesk.i18n import N_

CODE_MAX = 20
NAME_MAX = 200
NATIONAL_ID_MAX = 20
SKILL_MAX = 40
PHONE_MAX = 40
EMAIL_MAX = 200
NOTE_MAX = 500
SEARCH_KEY_MAX = 400


class Body(StrEnum):
    """The three bodies that sit on a Workers' Council."""

    WORKER = "worker"
    COMMUNAL_COUNCIL = "communal_council"
    STATE = "state"

    @property
    def label(self) -> str:
        return BODY_LABELS[self]

    @property
    def votes_by_default(self) -> bool:
        return self is not Body.STATE


BODY_LABELS = {
    Body.WORKER: N_("Worker"),
    Body.COMMUNAL_COUNCIL: N_("Communal council"),
    Body.STATE: N_("State"),
}
BODY_PLURAL_LABELS = {
    Body.WORKER: N_("Workers"),
    Body.COMMUNAL_COUNCIL: N_("Communal council delegates"),
    Body.STATE: N_("State representatives"),
}


class MemberStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    LEFT = "left"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    MemberStatus.ACTIVE: N_("Active"),
    MemberStatus.SUSPENDED: N_("Suspended"),
    MemberStatus.LEFT: N_("Left"),
}


@dataclass(frozen=True)
class MemberDraft:
    """A member as typed in a form or read from a file, before it is stored."""

    code: str
    full_name: str
    body: Body
    joined_on: date
    voting: bool
    national_id: str | None = None
    skills: tuple[str, ...] = ()
    status: MemberStatus = MemberStatus.ACTIVE
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Member(MemberDraft):
    id: int = 0
    version: int = 1


@dataclass(frozen=True)
class StatusChange:
    """One line of a member's status history."""

    changed_on: date
    status: MemberStatus
    note: str | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class MemberDetail:
    member: Member
    history: tuple[StatusChange, ...] = field(default_factory=tuple)


_NUMBERED_CODE = re.compile(r"([A-Za-z]*)(\d+)")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SKILL = re.compile(r"^[\w-]+$")
_NATIONAL_ID = re.compile(r"^[VEJPG]-?\d{5,10}$", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents, so that "angel" finds "Ángel" and "nunez" finds "Núñez"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def next_code(codes: Iterable[str]) -> str:
    """The code after the highest of the usual form (M051 → M052, same letters and width); M001 for the first."""
    numbered = [(int(found.group(2)), found.group(1), len(found.group(2)))
                for found in map(_NUMBERED_CODE.fullmatch, codes) if found]
    if not numbered:
        return "M001"
    number, prefix, width = max(numbered)
    return f"{prefix}{number + 1:0{width}d}"


def search_words(query: str) -> list[str]:
    """The words a search looks for: each must appear, in any order, in a member's code, name or id."""
    return fold(query).split()


def name_matches(query: str, text: str) -> bool:
    """The one name matcher: accents, case and word order aside, and parts of words, so "maryuri lopez" and
    "lop mary" both find "M001 — Maryuri Ana López Torres". The register applies the same rule in SQL."""
    folded = fold(text)
    return all(word in folded for word in search_words(query))


def search_key(draft: MemberDraft) -> str:
    return fold(" ".join(filter(None, (draft.code, draft.full_name, draft.national_id))))[:SEARCH_KEY_MAX]


def normalize_skill(skill: str) -> str:
    """A skill's code as typed, in lower case: "Primeros auxilios" is "primeros_auxilios". (Two codes that differ
    only in accents name one skill: see `skill_key`.)"""
    return "_".join(skill.lower().split())


def skill_key(code: str) -> str:
    """What makes two skills one: "mecánica" and "Mecanica" are the same skill."""
    return fold(normalize_skill(code))


def skill_label(code: str) -> str:
    """How a skill reads: "primeros auxilios", not its code "primeros_auxilios"."""
    return code.replace("_", " ")


def is_skill_code(code: str) -> bool:
    return bool(_SKILL.match(code)) and len(code) <= SKILL_MAX


def validate_member(draft: MemberDraft) -> list[Problem]:
    """Every problem with a member's fields, each naming the field (as `column`)."""
    problems: list[Problem] = []

    def bad(column: str, message: str, **params: object) -> None:
        problems.append(Problem(message, dict(params), column=column))

    if not draft.code:
        bad("code", N_("the member code is required"))
    elif len(draft.code) > CODE_MAX:
        bad("code", N_("the code is longer than %(max)d characters"), max=CODE_MAX)
    elif any(ch.isspace() for ch in draft.code):
        bad("code", N_("the code may not contain spaces"))
    if not draft.full_name.strip():
        bad("full_name", N_("the name is required"))
    elif len(draft.full_name) > NAME_MAX:
        bad("full_name", N_("the name is longer than %(max)d characters"), max=NAME_MAX)
    if draft.national_id and not _NATIONAL_ID.match(draft.national_id):
        bad("national_id", N_("'%(value)s' is not a national id like V-12345678"), value=draft.national_id)
    for skill in draft.skills:
        if not _SKILL.match(skill) or len(skill) > SKILL_MAX:
            bad("skills", N_("'%(value)s' is not a valid skill code"), value=skill)
    if draft.phone and len(draft.phone) > PHONE_MAX:
        bad("phone", N_("the phone number is longer than %(max)d characters"), max=PHONE_MAX)
    if draft.email and (len(draft.email) > EMAIL_MAX or not _EMAIL.match(draft.email)):
        bad("email", N_("'%(value)s' is not an e-mail address"), value=draft.email)
    return problems


def is_entitled(member: Member, on: date) -> bool:
    """Entitled to vote on a date: voting rights, active, already joined."""
    return member.voting and member.status is MemberStatus.ACTIVE and member.joined_on <= on
