"""Member records: list, look up, add, edit (with status history)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from coopdesk.domain.errors import ConflictError, NotFound, Problem, ProblemsFound
from coopdesk.domain.members import (
    Member,
    MemberDetail,
    MemberDraft,
    StatusChange,
    next_code,
    search_key,
    skill_key,
    validate_member,
)
from coopdesk.i18n import N_
from coopdesk.persistence.base import utcnow
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MemberRecord, Skill, StatusChangeRecord
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.change_log import record_change, snapshot


def to_member(record: MemberRecord) -> Member:
    return Member(
        code=record.code,
        full_name=record.full_name,
        body=record.body,
        joined_on=record.joined_on,
        voting=record.voting,
        national_id=record.national_id,
        skills=tuple(skill.code for skill in record.skills),
        status=record.status,
        phone=record.phone,
        email=record.email,
        id=record.id,
        version=record.version,
    )


def all_members(db: Database) -> list[Member]:
    with db.read() as session:
        records = session.scalars(
            select(MemberRecord).order_by(MemberRecord.code).options(selectinload(MemberRecord.skills))
        )
        return [to_member(record) for record in records]


def next_member_code(db: Database) -> str:
    """The code a new member is offered: the one after the highest in use."""
    with db.read() as session:
        return next_code(session.scalars(select(MemberRecord.code)))


def count_members(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(MemberRecord.id))) or 0


def get_member(db: Database, member_id: int) -> MemberDetail:
    with db.read() as session:
        record = get_or_not_found(session, MemberRecord, member_id, N_("There is no member with id %(id)s."))
        history = tuple(
            StatusChange(change.changed_on, change.status, change.note, change.recorded_at)
            for change in record.history
        )
        return MemberDetail(to_member(record), history)


def get_member_by_code(db: Database, code: str) -> Member:
    with db.read() as session:
        record = session.scalar(select(MemberRecord).where(MemberRecord.code == code))
        if record is None:
            raise NotFound(N_("There is no member with code %(code)s."), code=code)
        return to_member(record)


def create_member(db: Database, *, draft: MemberDraft) -> Member:
    with db.write() as session:
        _check(session, draft, member_id=None)
        record = MemberRecord()
        _apply(session, record, draft, status_note=None, changed_on=draft.joined_on)
        session.add(record)
        session.flush()
        member = to_member(record)
        record_change(session, entity="member", entity_id=member.id, before=None, after=member_fields(member))
        return member


def update_member(
    db: Database,
    *,
    member_id: int,
    version: int,
    draft: MemberDraft,
    status_note: str | None = None,
    status_changed_on: date | None = None,
) -> Member:
    """Save an edit made on `version` of the record; a newer version saved meanwhile is a conflict."""
    with db.write() as session:
        record = get_or_not_found(session, MemberRecord, member_id, N_("There is no member with id %(id)s."))
        if record.version != version:
            raise ConflictError()  # saved by someone else since this edit began
        _check(session, draft, member_id=member_id)
        before = member_fields(to_member(record))
        _apply(session, record, draft, status_note=status_note, changed_on=status_changed_on or date.today())
        after = member_fields(to_member(record))
        if after != before:
            record.updated_at = utcnow()  # the row itself is written, so a change of skills alone bumps the version
        session.flush()
        record_change(session, entity="member", entity_id=member_id, before=before, after=after)
        return to_member(record)


def member_fields(member: MemberDraft) -> dict[str, object]:
    """What the change log keeps of a member (its editable fields; skills sorted)."""
    fields = snapshot(member, of=MemberDraft)
    fields["skills"] = sorted(set(fields["skills"] or ()))
    return fields


def _check(session: Session, draft: MemberDraft, *, member_id: int | None) -> None:
    problems = validate_member(draft)
    problems += duplicate_problems(session, draft, member_id=member_id)
    if problems:
        raise ProblemsFound(problems)


def duplicate_problems(session: Session, draft: MemberDraft, *, member_id: int | None) -> list[Problem]:
    problems = []
    same_code = session.scalar(select(MemberRecord.id).where(MemberRecord.code == draft.code))
    if same_code is not None and same_code != member_id:
        problems.append(Problem(N_("code %(value)s is already used by another member"), {"value": draft.code},
                                column="code"))
    if draft.national_id:
        same_id = session.scalar(select(MemberRecord.id).where(MemberRecord.national_id == draft.national_id))
        if same_id is not None and same_id != member_id:
            problems.append(Problem(N_("national id %(value)s is already used by another member"),
                                    {"value": draft.national_id}, column="national_id"))
    return problems


def skills_by_code(session: Session, codes: Iterable[str]) -> dict[str, Skill]:
    """The skill rows for these codes, creating the ones not seen before. A skill is found whatever its accents
    or case: "mecánica" is the "mecanica" already known, not a second skill beside it."""
    wanted = set(codes)
    if not wanted:
        return {}
    known = {skill_key(skill.code): skill for skill in session.scalars(select(Skill))}
    found = {code: known[skill_key(code)] for code in wanted if skill_key(code) in known}
    for code in sorted(wanted - found.keys()):
        found[code] = Skill(code=code)
        session.add(found[code])
    return found


def _apply(
    session: Session, record: MemberRecord, draft: MemberDraft, *, status_note: str | None, changed_on: date
) -> None:
    status_changed = record.status != draft.status
    record.code = draft.code
    record.full_name = draft.full_name
    record.national_id = draft.national_id or None
    record.body = draft.body
    record.joined_on = draft.joined_on
    record.voting = draft.voting
    record.status = draft.status
    record.phone = draft.phone or None
    record.email = draft.email or None
    record.search_key = search_key(draft)
    skills = skills_by_code(session, draft.skills)
    record.skills = list(dict.fromkeys(skills[code] for code in sorted(set(draft.skills))))  # one row per skill
    if status_changed:
        change = StatusChangeRecord(changed_on=changed_on, status=draft.status, note=status_note)
        record.history.append(change)
