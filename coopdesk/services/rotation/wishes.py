"""Members' rotation wishes: a post they want to learn, or one they would avoid, with a reason (docs/cli.md,
`rotation wishes import`). The planner follows them only where every fairness figure stays as it would be
without them, and each plan reports how many it met."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import ProblemsFound
from coopdesk.domain.learning import WISH_REASON_MAX, Wish
from coopdesk.domain.parsing import choice_parser
from coopdesk.domain.planner import WishesMet, WorkerSpec, wishes_met
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import MemberRecord, PostRecord, RotationWishRecord
from coopdesk.services.backup import backup_before
from coopdesk.services.change_log import record_change
from coopdesk.services.csv_io import Column, RowCheck, read_csv
from coopdesk.services.rotation import _store

COLUMNS = (
    Column("member_code", ("codigo", "código", "miembro"), required=True),
    Column("post", ("puesto", "post_code"), required=True),
    Column("wish", ("deseo",), required=True),
    Column("reason", ("motivo", "razon", "razón")),
)
WISHES = {"learn": Wish.LEARN, "aprender": Wish.LEARN, "avoid": Wish.AVOID, "evitar": Wish.AVOID}


@dataclass(frozen=True)
class RotationWish:
    member_code: str
    post_code: str
    wish: Wish
    reason: str | None = None


@dataclass(frozen=True)
class WishImportSummary:
    created: int
    updated: int
    unchanged: int


def import_wishes(db: Database, *, path: Path) -> WishImportSummary:
    """Every wish of the file (a member's wish about a post replaces the one stored), or — on any problem —
    none (ProblemsFound naming each line and column)."""
    table = read_csv(path, COLUMNS)
    problems = list(table.problems)
    parse_wish = choice_parser(WISHES)
    with db.write() as session:
        members = dict(session.execute(select(MemberRecord.code, MemberRecord.id)).all())
        posts = dict(session.execute(select(PostRecord.code, PostRecord.id)).all())
        rows: dict[tuple[int, int], tuple[Wish, str | None]] = {}
        first_line: dict[tuple[int, int], int] = {}
        for line, cells in table.rows:
            row = RowCheck(line, cells, table.header)
            row.require(COLUMNS)
            code, post = cells["member_code"], cells["post"]
            if code and code not in members:
                row.bad("member_code", N_("there is no member with code %(code)s"), {"code": code})
            if post and post not in posts:
                row.bad("post", N_("there is no post with code %(code)s"), {"code": post})
            wish = row.parsed("wish", parse_wish, None)
            reason = cells.get("reason") or None
            if reason and len(reason) > WISH_REASON_MAX:
                row.bad("reason", N_("the reason is longer than %(max)d characters"), {"max": WISH_REASON_MAX})
            if not row.problems and wish is not None:
                key = (members[code], posts[post])
                if key in first_line:
                    row.bad("post", N_("this member's wish about this post is already on line %(other)d"),
                            {"other": first_line[key]})
                else:
                    first_line[key] = line
                    rows[key] = (wish, reason)
            problems += row.problems
        if problems:
            problems.sort(key=lambda problem: problem.line or 0)
            raise ProblemsFound(problems)
        stored = {(r.member_id, r.post_id): r for r in session.scalars(select(RotationWishRecord))}
        if rows:
            backup_before(db, "import")
        created = updated = unchanged = 0
        for (member, post), (wish, reason) in rows.items():
            record = stored.get((member, post))
            if record is None:
                session.add(RotationWishRecord(member_id=member, post_id=post, wish=wish, reason=reason))
                created += 1
            elif (record.wish, record.reason) != (wish, reason):
                record.wish, record.reason = wish, reason
                updated += 1
            else:
                unchanged += 1
        session.flush()
        record_change(session, action="rotation.wishes", entity="rotation_wishes", entity_id=None, before=None,
                      after={"created": created, "updated": updated})
        return WishImportSummary(created, updated, unchanged)


def list_wishes(db: Database, *, member_code: str | None = None) -> list[RotationWish]:
    with db.read() as session:
        return _wishes(session, member_code=member_code)


def with_wishes(session: Session, workers: Sequence[WorkerSpec]) -> list[WorkerSpec]:
    """The planner's workers carrying their wishes."""
    learn: dict[str, set[str]] = {}
    avoid: dict[str, set[str]] = {}
    for wish in _wishes(session):
        (learn if wish.wish is Wish.LEARN else avoid).setdefault(wish.member_code, set()).add(wish.post_code)
    return [replace(w, learn=frozenset(learn.get(w.code, ())), avoid=frozenset(avoid.get(w.code, ())))
            if w.code in learn or w.code in avoid else w for w in workers]


def plan_wishes_met(session: Session, *, plan_id: int, first: date | None = None) -> WishesMet:
    """The wishes a plan meets as it stands now (swaps included)."""
    workers = with_wishes(session, _store.worker_specs(session))
    rows = [row for _plan, _state, row in _store.assignments(session, plan_id=plan_id, first=first)]
    return wishes_met(workers, rows)


def _wishes(session: Session, *, member_code: str | None = None) -> list[RotationWish]:
    query = (select(MemberRecord.code, PostRecord.code, RotationWishRecord.wish, RotationWishRecord.reason)
             .join(MemberRecord, MemberRecord.id == RotationWishRecord.member_id)
             .join(PostRecord, PostRecord.id == RotationWishRecord.post_id)
             .order_by(MemberRecord.code, PostRecord.code))
    if member_code is not None:
        query = query.where(MemberRecord.code == member_code)
    return [RotationWish(code, post, Wish(wish), reason) for code, post, wish, reason in session.execute(query)]
