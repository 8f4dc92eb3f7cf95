"""Members from and to CSV: preview, all-or-nothing import (create, or update by code), export.

The import is bulk work for councils that bring their whole register at once: the members and skills
already stored are read in two queries, every row is checked before anything is written, and the writes
are executemany statements in one transaction. A row equal to the stored member is not touched at all,
so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import Problem, ProblemsFound
from coopdesk.domain.members import (
    Body,
    MemberDraft,
    MemberStatus,
    normalize_skill,
    search_key,
    validate_member,
)
from coopdesk.domain.parsing import choice_parser, parse_bool, parse_date, split_list
from coopdesk.i18n import N_
from coopdesk.persistence.base import utcnow
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MemberRecord, Skill, StatusChangeRecord, member_skills
from coopdesk.services.backup import backup_before
from coopdesk.services.change_log import Change, record_changes
from coopdesk.services.csv_io import Column, CsvTable, RowCheck, read_csv, write_csv
from coopdesk.services.members import all_members, member_fields

Progress = Callable[[int, int], None]

COLUMNS = (
    Column("code", ("codigo", "código"), required=True),
    Column("full_name", ("nombre", "nombre_completo"), required=True),
    Column("national_id", ("cedula", "cédula")),
    Column("body", ("organo", "órgano", "sector"), required=True),
    Column("joined_on", ("ingreso", "fecha_ingreso"), required=True),
    Column("voting", ("vota", "voto")),
    Column("skills", ("habilidades", "competencias")),
    Column("status", ("estado_membresia",)),
    Column("phone", ("telefono", "teléfono")),
    Column("email", ("correo",)),
)
BODY_ALIASES: dict[str, Body] = {
    "worker": Body.WORKER, "trabajador": Body.WORKER, "trabajadora": Body.WORKER,
    "communal_council": Body.COMMUNAL_COUNCIL, "consejo_comunal": Body.COMMUNAL_COUNCIL,
    "state": Body.STATE, "estado": Body.STATE,
}
STATUS_ALIASES: dict[str, MemberStatus] = {
    "active": MemberStatus.ACTIVE, "activo": MemberStatus.ACTIVE, "activa": MemberStatus.ACTIVE,
    "suspended": MemberStatus.SUSPENDED, "suspendido": MemberStatus.SUSPENDED,
    "suspendida": MemberStatus.SUSPENDED,
    "left": MemberStatus.LEFT, "retirado": MemberStatus.LEFT, "retirada": MemberStatus.LEFT,
}
_parse_body = choice_parser(BODY_ALIASES)
_parse_status = choice_parser(STATUS_ALIASES)
_PROGRESS_EVERY = 500


@dataclass(frozen=True)
class ImportPreview:
    drafts: tuple[MemberDraft, ...]
    problems: tuple[Problem, ...]
    to_create: int
    to_update: int
    unchanged: int


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class _Stored:
    id: int
    version: int
    draft: MemberDraft


@dataclass
class _Plan:
    drafts: list[MemberDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    creates: list[MemberDraft] = field(default_factory=list)
    updates: list[tuple[_Stored, MemberDraft]] = field(default_factory=list)
    unchanged: int = 0


def preview_member_import(db: Database, *, path: Path, progress: Progress | None = None) -> ImportPreview:
    """What an import of this file would do, and every problem in it; writes nothing."""
    try:
        table = read_csv(path, COLUMNS)
    except ProblemsFound as error:
        return ImportPreview((), tuple(error.problems), 0, 0, 0)
    with db.read() as session:
        plan = _plan(session, table, progress)
    return ImportPreview(tuple(plan.drafts), tuple(plan.problems), len(plan.creates), len(plan.updates),
                         plan.unchanged)


def import_members(
    db: Database, *, path: Path, dry_run: bool = False, progress: Progress | None = None
) -> ImportSummary:
    """Create or update every member of the file, or — on any problem — nothing (raises ProblemsFound)."""
    table = read_csv(path, COLUMNS)
    with db.read() if dry_run else db.write() as session:
        plan = _plan(session, table, progress)
        if plan.problems:
            raise ProblemsFound(plan.problems)
        if not dry_run:
            if plan.creates or plan.updates:
                backup_before(db, "import")  # the state before this write (WAL: other connections see it)
            _write(session, plan)
    return ImportSummary(len(plan.creates), len(plan.updates), plan.unchanged)


def export_members(db: Database, *, path: Path, excel: bool = False) -> int:
    """Every member in the import format (English headers), so that importing the file changes nothing."""
    rows = (
        (m.code, m.full_name, m.national_id, m.body.value, m.joined_on, m.voting, "|".join(m.skills),
         m.status.value, m.phone, m.email)
        for m in all_members(db)
    )
    return write_csv(path, [column.name for column in COLUMNS], rows, excel=excel)


# Planning: read what is stored, check every row, decide create / update / unchanged.

def _plan(session: Session, table: CsvTable, progress: Progress | None) -> _Plan:
    stored = _load_stored(session)
    plan = _Plan(problems=list(table.problems))
    first_line: dict[str, int] = {}
    ids: list[tuple[int, str, str]] = []  # (line, code, national id) of rows whose id could be read
    total = len(table.rows)
    for done, (line, cells) in enumerate(table.rows, start=1):
        draft, problems = _read_row(line, cells, table, stored)
        if draft.code and draft.code in first_line:
            problems.append(Problem(N_("code %(value)s is already on line %(other)d"),
                                    {"value": draft.code, "other": first_line[draft.code]},
                                    line=line, column=table.header("code")))
        elif draft.code:
            first_line[draft.code] = line
        if draft.national_id and not any(p.column == table.header("national_id") for p in problems):
            ids.append((line, draft.code, draft.national_id))
        if problems:
            plan.problems += problems
        else:
            plan.drafts.append(draft)
        if progress and (done % _PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    plan.problems += _national_id_clashes(ids, stored, table)
    if plan.problems:
        plan.problems.sort(key=lambda problem: problem.line or 0)
        return plan
    for draft in plan.drafts:
        old = stored.get(draft.code)
        if old is None:
            plan.creates.append(draft)
        elif old.draft == draft:
            plan.unchanged += 1
        else:
            plan.updates.append((old, draft))
    return plan


def _load_stored(session: Session) -> dict[str, _Stored]:
    skills: dict[int, list[str]] = defaultdict(list)
    query = select(member_skills.c.member_id, Skill.code).join(Skill, Skill.id == member_skills.c.skill_id)
    for member_id, code in session.execute(query.order_by(Skill.code)):
        skills[member_id].append(code)
    m = MemberRecord
    rows = session.execute(select(m.id, m.version, m.code, m.full_name, m.body, m.joined_on, m.voting,
                                  m.national_id, m.status, m.phone, m.email))
    return {
        code: _Stored(member_id, version, MemberDraft(
            code=code, full_name=name, body=body, joined_on=joined_on, voting=voting,
            national_id=national_id, skills=tuple(skills.get(member_id, ())), status=status,
            phone=phone, email=email))
        for member_id, version, code, name, body, joined_on, voting, national_id, status, phone, email in rows
    }


def _read_row(
    line: int, cells: Mapping[str, str], table: CsvTable, stored: Mapping[str, _Stored]
) -> tuple[MemberDraft, list[Problem]]:
    """The member a row describes and its problems. Columns the file lacks keep the stored value;
    an empty cell means the default (none; active; a vote unless the member is a state representative)."""
    row = RowCheck(line, cells, table.header)
    bad, parsed, problems, bad_columns = row.bad, row.parsed, row.problems, row.bad_columns
    row.require(COLUMNS)
    code = cells["code"]
    old = stored[code].draft if code in stored else None
    body = parsed("body", _parse_body, Body.WORKER)
    values: dict[str, object] = {
        "code": code,
        "full_name": cells["full_name"],
        "body": body,
        "joined_on": parsed("joined_on", parse_date, date.min),
    }
    optional = {
        "national_id": lambda: parsed("national_id", str.upper, None),
        "skills": lambda: tuple(sorted({normalize_skill(s) for s in parsed("skills", split_list, ())})),
        "status": lambda: parsed("status", _parse_status, MemberStatus.ACTIVE),
        "phone": lambda: cells.get("phone") or None,
        "email": lambda: cells.get("email") or None,
    }
    for name, read in optional.items():
        values[name] = read() if name in cells or old is None else getattr(old, name)
    if "voting" in cells:
        values["voting"] = parsed("voting", parse_bool, body.votes_by_default)
    elif old is not None and old.body is body:
        values["voting"] = old.voting
    else:
        values["voting"] = body.votes_by_default
    draft = MemberDraft(**values)  # type: ignore[arg-type]
    for problem in validate_member(draft):
        if problem.column not in bad_columns:
            bad(problem.column or "code", problem.message, problem.params)
    return draft, problems


def _national_id_clashes(
    rows: list[tuple[int, str, str]], stored: Mapping[str, _Stored], table: CsvTable
) -> list[Problem]:
    """A national id may be held by one member once the import is done (ids may move between rows)."""
    in_file = {cells["code"] for _line, cells in table.rows}
    holders: dict[str, tuple[int | None, str]] = {
        old.draft.national_id: (None, code)
        for code, old in stored.items() if old.draft.national_id and code not in in_file
    }
    problems = []
    column = table.header("national_id")
    for line, code, national_id in rows:
        holder = holders.get(national_id)
        if holder is None:
            holders[national_id] = (line, code)
        elif holder[0] is None:
            problems.append(Problem(N_("national id %(value)s is already used by member %(code)s"),
                                    {"value": national_id, "code": holder[1]}, line=line, column=column))
        elif holder[1] != code:
            problems.append(Problem(N_("national id %(value)s is also on line %(other)d"),
                                    {"value": national_id, "other": holder[0]}, line=line, column=column))
    return problems


# Writing: executemany statements, in an order that lets national ids move between members.

def _write(session: Session, plan: _Plan) -> None:
    now, today = utcnow(), date.today()
    members, history = MemberRecord.__table__, StatusChangeRecord.__table__
    skill_ids = _skill_ids(session, {s for d in plan.creates + [d for _, d in plan.updates] for s in d.skills})
    by_id = members.update().where(members.c.id == bindparam("b_id"))
    moving = [{"b_id": old.id, "national_id": None} for old, new in plan.updates
              if old.draft.national_id and old.draft.national_id != new.national_id]
    if moving:  # free them first: the UNIQUE constraint is checked row by row
        session.execute(by_id, moving)
    if plan.updates:
        session.execute(by_id, [
            {"b_id": old.id, **_columns(new), "updated_at": now, "version": old.version + 1}
            for old, new in plan.updates
        ])
    if plan.creates:
        session.execute(members.insert(), [
            {**_columns(new), "code": new.code, "created_at": now, "updated_at": now, "version": 1}
            for new in plan.creates
        ])
    new_ids: dict[str, int] = {}
    if plan.creates:
        new_ids = {code: id_ for code, id_ in session.execute(select(members.c.code, members.c.id))}
    reskilled = [(old.id, new) for old, new in plan.updates if old.draft.skills != new.skills]
    if reskilled:
        session.execute(member_skills.delete().where(member_skills.c.member_id == bindparam("b_id")),
                        [{"b_id": member_id} for member_id, _ in reskilled])
    pairs = [(member_id, new) for member_id, new in reskilled] + [(new_ids[d.code], d) for d in plan.creates]
    links = [{"member_id": member_id, "skill_id": skill_ids[s]} for member_id, d in pairs for s in d.skills]
    if links:
        session.execute(member_skills.insert(), links)
    changes = [
        {"member_id": new_ids[d.code], "changed_on": d.joined_on, "status": d.status, "recorded_at": now}
        for d in plan.creates
    ] + [
        {"member_id": old.id, "changed_on": today, "status": new.status, "recorded_at": now}
        for old, new in plan.updates if old.draft.status is not new.status
    ]
    if changes:
        session.execute(history.insert(), [{"note": None, **change} for change in changes])
    logged = [(old.id, Change("member", old.id, member_fields(old.draft), member_fields(new)))
              for old, new in plan.updates]
    logged += [(new_ids[d.code], Change("member", new_ids[d.code], None, member_fields(d))) for d in plan.creates]
    record_changes(session, [change for _id, change in sorted(logged, key=lambda pair: pair[0])])  # each member's log


def _columns(draft: MemberDraft) -> dict[str, object]:
    return {
        "full_name": draft.full_name, "national_id": draft.national_id, "body": draft.body,
        "joined_on": draft.joined_on, "voting": draft.voting, "status": draft.status, "phone": draft.phone,
        "email": draft.email, "search_key": search_key(draft),
    }


def _skill_ids(session: Session, codes: set[str]) -> dict[str, int]:
    """Ids of these skills, creating the ones never seen before."""
    known = {code: id_ for code, id_ in session.execute(select(Skill.code, Skill.id))}
    missing = sorted(codes - known.keys())
    if missing:
        session.execute(Skill.__table__.insert(), [{"code": code, "name": None} for code in missing])
        known = {code: id_ for code, id_ in session.execute(select(Skill.code, Skill.id))}
    return known

