"""Rotation posts: list, add, edit (optimistic version), retire; import from and export to CSV (docs/cli.md).

An import creates new posts and updates changed ones by code, all or nothing; a post absent from the file
is left alone, and a row equal to the stored post is not touched, so importing the same file twice changes
nothing. A skill named by a post is created when the council has never seen it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import ConflictError, NotFound, Problem, ProblemsFound
from coopdesk.domain.members import normalize_skill
from coopdesk.domain.parsing import choice_parser, parse_bool, parse_int
from coopdesk.domain.rotation import BURDEN_MAX, BURDEN_MIN, Category
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import PostRecord, Skill
from coopdesk.services._lookup import get_or_not_found
from coopdesk.services.backup import backup_before
from coopdesk.services.change_log import Change, record_change, record_changes, snapshot
from coopdesk.services.csv_io import Column, CsvTable, RowCheck, read_csv, write_csv
from coopdesk.services.members import skills_by_code
from coopdesk.services.rotation._store import load_posts, to_post
from coopdesk.services.rotation.dto import Post, PostDraft, PostImportSummary, validate_post

COLUMNS = (
    Column("code", ("codigo", "código"), required=True),
    Column("name", ("nombre",), required=True),
    Column("category", ("categoria", "categoría"), required=True),
    Column("min", ("minimo", "mínimo")),
    Column("max", ("maximo", "máximo")),
    Column("skill", ("habilidad",)),
    Column("trainee_slots", ("aprendices",)),
    Column("burden", ("carga",)),
    Column("place", ("lugar",)),
    Column("active", ("activo", "activa")),
)
CATEGORY_ALIASES: dict[str, Category] = {
    "manual": Category.MANUAL,
    "administrative": Category.ADMINISTRATIVE, "administrativa": Category.ADMINISTRATIVE,
    "administrativo": Category.ADMINISTRATIVE,
    "community": Category.COMMUNITY, "comunitaria": Category.COMMUNITY, "comunitario": Category.COMMUNITY,
}
parse_category = choice_parser(CATEGORY_ALIASES)


# ---- one post at a time (the posts editor)

def list_posts(db: Database, *, include_retired: bool = True) -> list[Post]:
    with db.read() as session:
        posts = load_posts(session)
    return posts if include_retired else [post for post in posts if post.active]


def get_post(db: Database, post_id: int) -> Post:
    with db.read() as session:
        return _post(session, post_id)


def skill_codes(db: Database) -> list[str]:
    """Every skill the council knows, for the posts editor's choice list."""
    with db.read() as session:
        return list(session.scalars(select(Skill.code).order_by(Skill.code)))


def create_post(db: Database, *, draft: PostDraft) -> Post:
    draft = _normalized(draft)
    with db.write() as session:
        _check(session, draft, post_id=None)
        record = PostRecord()
        _apply(session, record, draft)
        session.add(record)
        session.flush()
        record_change(session, entity="post", entity_id=record.id, before=None, after=snapshot(draft))
        return to_post(record, draft.skill)


def update_post(db: Database, *, post_id: int, version: int, draft: PostDraft) -> Post:
    """Save an edit made on `version` of the post; a newer version saved meanwhile is a conflict."""
    draft = _normalized(draft)
    with db.write() as session:
        record = get_or_not_found(session, PostRecord, post_id, N_("There is no post with id %(id)s."))
        if record.version != version:
            raise ConflictError()
        _check(session, draft, post_id=post_id)
        before = snapshot(_post(session, post_id), of=PostDraft)
        _apply(session, record, draft)
        session.flush()
        record_change(session, entity="post", entity_id=post_id, before=before, after=snapshot(draft))
        return to_post(record, draft.skill)


def _post(session: Session, post_id: int) -> Post:
    for post in load_posts(session):
        if post.id == post_id:
            return post
    raise NotFound(N_("There is no post with id %(id)s."), id=post_id)


def _normalized(draft: PostDraft) -> PostDraft:
    skill = normalize_skill(draft.skill) if draft.skill and draft.skill.strip() else None
    return replace(draft, code=draft.code.strip(), name=draft.name.strip(), skill=skill,
                   place=(draft.place or "").strip() or None)


def _check(session: Session, draft: PostDraft, *, post_id: int | None) -> None:
    problems = validate_post(draft)
    same = session.scalar(select(PostRecord.id).where(PostRecord.code == draft.code))
    if same is not None and same != post_id:
        problems.append(Problem(N_("code %(value)s is already used by another post"), {"value": draft.code},
                                column="code"))
    if problems:
        raise ProblemsFound(problems)


def _apply(session: Session, record: PostRecord, draft: PostDraft) -> None:
    skill_id = None
    if draft.skill:  # first, so that flushing a new skill never flushes half an edit
        skill = skills_by_code(session, [draft.skill])[draft.skill]
        if skill.id is None:
            session.flush()
        skill_id = skill.id
    record.code = draft.code
    record.name = draft.name
    record.category = draft.category
    record.min_members = draft.min_members
    record.max_members = draft.max_members
    record.skill_id = skill_id
    record.trainee_slots = draft.trainee_slots
    record.burden = draft.burden
    record.place = draft.place
    record.active = draft.active


# ---- files

def import_posts(db: Database, *, path: Path) -> PostImportSummary:
    """Create or update every post of the file, or — on any problem — nothing (raises ProblemsFound)."""
    table = read_csv(path, COLUMNS)
    with db.write() as session:
        stored = {post.code: post for post in load_posts(session)}
        drafts, problems = _read_table(table, stored)
        if problems:
            raise ProblemsFound(problems)
        if any(d.code not in stored or _as_draft(stored[d.code]) != d for d in drafts):
            backup_before(db, "import")  # the state before this write (WAL: other connections see it)
        created = updated = unchanged = 0
        logged: list[tuple[PostRecord, PostDraft, Post | None]] = []
        for draft in drafts:
            old = stored.get(draft.code)
            if old is None:
                record = PostRecord()
                _apply(session, record, draft)
                session.add(record)
                logged.append((record, draft, None))
                created += 1
            elif _as_draft(old) == draft:
                unchanged += 1
            else:
                record = session.get(PostRecord, old.id)
                assert record is not None
                _apply(session, record, draft)
                logged.append((record, draft, old))
                updated += 1
        session.flush()
        record_changes(session, [Change("post", record.id, None if old is None else snapshot(old, of=PostDraft),
                                        snapshot(draft)) for record, draft, old in logged])
    return PostImportSummary(created, updated, unchanged)


def export_posts(db: Database, *, path: Path, excel: bool = False) -> int:
    """Every post (retired ones too) in the import format, so that importing the file changes nothing."""
    rows = ((p.code, p.name, p.category.value, p.min_members, p.max_members, p.skill, p.trainee_slots, p.burden,
             p.place, p.active) for p in list_posts(db))
    return write_csv(path, [column.name for column in COLUMNS], rows, excel=excel)


def _as_draft(post: Post) -> PostDraft:
    return PostDraft(code=post.code, name=post.name, category=post.category, min_members=post.min_members,
                     max_members=post.max_members, skill=post.skill, trainee_slots=post.trainee_slots,
                     burden=post.burden, place=post.place, active=post.active)


def _read_table(table: CsvTable, stored: Mapping[str, Post]) -> tuple[list[PostDraft], list[Problem]]:
    problems = list(table.problems)
    drafts: list[PostDraft] = []
    first_line: dict[str, int] = {}
    for line, cells in table.rows:
        draft, row_problems = _read_row(line, cells, table, stored)
        if draft is not None and draft.code in first_line:
            row_problems.append(Problem(N_("code %(value)s is already on line %(other)d"),
                                        {"value": draft.code, "other": first_line[draft.code]},
                                        line=line, column=table.header("code")))
        elif draft is not None:
            first_line[draft.code] = line
        problems += row_problems
        if draft is not None and not row_problems:
            drafts.append(draft)
    problems.sort(key=lambda problem: problem.line or 0)
    return drafts, problems


def _read_row(line: int, cells: Mapping[str, str], table: CsvTable, stored: Mapping[str, Post]
              ) -> tuple[PostDraft | None, list[Problem]]:
    """The post a row describes and its problems. A column the file lacks keeps the stored value (or the
    default for a new post); an empty cell means the default: min 1, max = min, no skill, 0 trainees, burden 1."""
    row = RowCheck(line, cells, table.header)
    bad, parsed, problems, bad_columns = row.bad, row.parsed, row.problems, row.bad_columns
    row.require(COLUMNS)
    code = cells["code"]
    old = stored.get(code)
    counting = lambda text: parse_int(text, minimum=0)  # noqa: E731
    minimum = parsed("min", counting, 1) if "min" in cells or old is None else old.min_members
    if "max" in cells:
        maximum = parsed("max", counting, minimum)
    else:
        maximum = old.max_members if old is not None and old.max_members >= minimum else minimum
    values: dict[str, object] = {
        "code": code, "name": cells["name"], "category": parsed("category", parse_category, Category.MANUAL),
        "min_members": minimum, "max_members": maximum,
    }
    optional = {
        "skill": ("skill", lambda: normalize_skill(cells.get("skill", "")) or None),
        "trainee_slots": ("trainee_slots", lambda: parsed("trainee_slots", counting, 0)),
        "burden": ("burden", lambda: parsed(
            "burden", lambda text: parse_int(text, minimum=BURDEN_MIN, maximum=BURDEN_MAX), BURDEN_MIN)),
        "place": ("place", lambda: cells.get("place") or None),
        "active": ("active", lambda: parsed("active", parse_bool, True)),
    }
    for name, (column, read) in optional.items():
        values[name] = read() if column in cells or old is None else getattr(old, name)
    draft = PostDraft(**values)  # type: ignore[arg-type]
    for problem in validate_post(draft):
        column = problem.column or "code"
        if column not in bad_columns and not (column == "max" and {"min", "max"} & bad_columns):
            bad(column, problem.message, problem.params)
    return (draft if code else None), problems
