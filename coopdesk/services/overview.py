"""What the main window needs as it opens: whether anyone must sign in, the council's name and the rows of
the members table.

Read with SQLAlchemy Core over the bare table and column names rather than through the mapped classes:
declaring and configuring those costs a fifth of the time until the first window is painted, and nothing
on that screen writes. The names are checked against the mapped tables by the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy.dialects.sqlite  # noqa: F401 — the window's database, nearly always; loaded before Qt (see ui)
from sqlalchemy import Boolean, Date, Select, column, select, table

from coopdesk.domain.members import Body, Member, MemberStatus, search_words
from coopdesk.domain.settings import Council
from coopdesk.persistence.database import Database

MEMBERS = table(
    "members", column("id"), column("code"), column("full_name"), column("national_id"), column("body"),
    column("joined_on", Date), column("voting", Boolean), column("status"), column("phone"), column("email"),
    column("search_key"), column("version"),
)
MEMBER_SKILLS = table("member_skills", column("member_id"), column("skill_id"))
SKILLS = table("skills", column("id"), column("code"))
COUNCIL = table("council_settings", column("id"), column("name"))
USERS = table("users", column("id"))


class MemberSort(StrEnum):
    CODE = "code"
    NAME = "full_name"
    BODY = "body"
    JOINED = "joined_on"
    STATUS = "status"
    NATIONAL_ID = "national_id"


@dataclass(frozen=True)
class MemberFilter:
    body: Body | None = None
    status: MemberStatus | None = None
    search: str = ""  # part of the name, code or national id


def has_users(db: Database) -> bool:
    """Whether anyone must sign in (no users: the single-user desk of a council's first days)."""
    with db.read() as session:
        return session.execute(select(USERS.c.id).limit(1)).first() is not None


def council_name(db: Database) -> str:
    with db.read() as session:
        name = session.execute(select(COUNCIL.c.name).where(COUNCIL.c.id == 1)).scalar()
    return name or Council().name


def member_ids(
    db: Database,
    *,
    member_filter: MemberFilter = MemberFilter(),
    sort: MemberSort = MemberSort.CODE,
    descending: bool = False,
) -> list[int]:
    """The ids of the members that match, in display order (rows are fetched lazily by `members_by_id`)."""
    key = MEMBERS.c[sort.value]
    order = [key.desc() if descending else key.asc(), MEMBERS.c.code.asc()]
    with db.read() as session:
        return list(session.execute(_filtered(select(MEMBERS.c.id), member_filter).order_by(*order)).scalars())


def members_by_id(db: Database, ids: Sequence[int]) -> dict[int, Member]:
    members = MEMBERS.c
    with db.read() as session:
        rows = session.execute(select(MEMBERS).where(members.id.in_(ids))).all()
        skills: dict[int, list[str]] = {}
        for member_id, code in session.execute(
            select(MEMBER_SKILLS.c.member_id, SKILLS.c.code)
            .join(SKILLS, SKILLS.c.id == MEMBER_SKILLS.c.skill_id)
            .where(MEMBER_SKILLS.c.member_id.in_(ids))
            .order_by(SKILLS.c.code)
        ):
            skills.setdefault(member_id, []).append(code)
    return {
        row.id: Member(
            code=row.code, full_name=row.full_name, body=Body(row.body), joined_on=row.joined_on, voting=row.voting,
            national_id=row.national_id, skills=tuple(skills.get(row.id, ())), status=MemberStatus(row.status),
            phone=row.phone, email=row.email, id=row.id, version=row.version,
        )
        for row in rows
    }


def _filtered(query: Select, member_filter: MemberFilter) -> Select:  # type: ignore[type-arg]
    if member_filter.body is not None:
        query = query.where(MEMBERS.c.body == member_filter.body.value)
    if member_filter.status is not None:
        query = query.where(MEMBERS.c.status == member_filter.status.value)
    for word in search_words(member_filter.search):
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(MEMBERS.c.search_key.like(f"%{escaped}%", escape="\\"))
    return query
