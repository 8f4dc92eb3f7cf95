"""`verify`: the database file, its foreign keys, the audit chain and the ledger's balance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from coopdesk.domain.audit import chain_hash
from coopdesk.domain.errors import Problem, UnreadableDatabase
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database, translate_errors
from coopdesk.persistence.models import AuditEventRecord, LedgerEntryRecord, MemberRecord
from coopdesk.services.anchor import ChainHead, anchor_path, anchor_problems, read_anchor
from coopdesk.services.audit import event_fields
from coopdesk.services.backup import latest_verified_backup
from coopdesk.services.change_log import BASELINE
from coopdesk.services.ledger.integrity import ledger_hash_problems
from coopdesk.services.meetings.locking import locked_record_problems
from coopdesk.services.rotation.integrity import rotation_problems
from coopdesk.services.seals import LOGGED, logged_record_problems, sealed_record_problems

DAMAGED = N_("The database file is damaged: %(detail)s")
MAX_DANGLING = 10  # rows left pointing to a deleted one: past this many, one line says how many more


@dataclass(frozen=True)
class VerifyReport:
    problems: tuple[Problem, ...]
    events_checked: int
    notes: tuple[Problem, ...] = ()  # worth knowing, not damage: rows filled before the change log kept them

    @property
    def sound(self) -> bool:
        return not self.problems


def verify_database(db: Database, *, full: bool = True) -> VerifyReport:
    problems: list[Problem] = []
    dangling: list[Problem] = []  # rows pointing to a deleted one: named after what the chain says was deleted
    if db.is_sqlite:
        damage = _sqlite_checks(db, full=full)
        problems += [problem for problem in damage if problem.message == DAMAGED]
        dangling = [problem for problem in damage if problem.message != DAMAGED]
    events: list[AuditEventRecord] = []
    notes: list[Problem] = []
    try:
        with db.read() as session:
            # Plain rows, not ORM objects: they carry the same attributes, and a long chain loads ~5× faster.
            table = AuditEventRecord.__table__
            events = session.execute(select(table).order_by(table.c.id)).all()  # type: ignore[assignment]
            problems += chain_problems(events)
            problems += anchor_problems(events, _anchors(db))
            logged = logged_record_problems(session, events)
            if not any(event.action == BASELINE for event in events):
                logged, notes = _not_yet_logged(logged)
            problems += [problem for _event, problem in sorted(
                sealed_record_problems(session, events) + logged, key=lambda pair: pair[0])]
            problems += ledger_hash_problems(session)
            problems += _ledger_problems(session)
            problems += locked_record_problems(session)  # closed votes, elections, approved minutes
            problems += rotation_problems(session)  # published rosters and their recorded swaps
    except UnreadableDatabase as error:  # a damaged file: what could be read is reported, then this
        problems.append(Problem(DAMAGED, {"detail": error.params["detail"]}))
    problems += dangling[:MAX_DANGLING]
    if len(dangling) > MAX_DANGLING:
        problems.append(Problem(N_("… and %(count)d more like it."), {"count": len(dangling) - MAX_DANGLING}))
    return VerifyReport(tuple(problems), len(events), tuple(notes))


def _not_yet_logged(logged: list[tuple[int, Problem]]) -> tuple[list[tuple[int, Problem]], list[Problem]]:
    """Before this version's first write (see `change_log.ensure_baseline`), rows whose creation the log lacks
    were filled by an older coopdesk — an older demo did not log its members: one note, not tampering."""
    unlogged = {kind.unlogged for kind in LOGGED.values()}
    waiting = [problem for _event, problem in logged if problem.message in unlogged]
    if not waiting:
        return logged, []
    names = ", ".join(str(problem.params["name"]) for problem in waiting[:5]) + ("…" if len(waiting) > 5 else "")
    return [pair for pair in logged if pair[1].message not in unlogged], [Problem(
        N_("%(count)s records (%(names)s) were filled in before the change log kept their creation, by an older "
           "coopdesk: they are not logged yet, and will be at the next change saved. From then on a record the "
           "log does not hold is reported as tampering."), {"count": len(waiting), "names": names})]


def _anchors(db: Database) -> list[tuple[str, ChainHead]]:
    """The chain heads kept outside the database: the anchor file beside it, and the newest checked backup
    (taken since the last restore, whose older chain it would otherwise contradict)."""
    if db.path is None:
        return []
    anchors: list[tuple[str, ChainHead]] = []
    kept = read_anchor(db.path)
    if kept is not None:
        anchors.append((anchor_path(db.path).name, kept))
    backup = latest_verified_backup(db.path)
    manifest = backup.manifest if backup else None
    if (backup and manifest and manifest.last_event_id is not None and manifest.last_chain_hash
            and manifest.last_event_at and (kept is None or kept.restored_at is None
                                            or manifest.created_at > kept.restored_at)):
        anchors.append((backup.path.name, ChainHead(manifest.last_event_id, manifest.last_chain_hash,
                                                    manifest.last_event_at)))
    return anchors


def _sqlite_checks(db: Database, *, full: bool) -> list[Problem]:
    problems = []
    try:
        with translate_errors(), db.engine.connect() as connection:
            pragma = "integrity_check" if full else "quick_check"
            for (line,) in connection.exec_driver_sql(f"PRAGMA {pragma}"):
                if line != "ok":
                    problems.append(Problem(DAMAGED, {"detail": line}))
            for table, rowid, parent, _fk in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(Problem(
                    N_("Row %(row)s of %(table)s points to a missing row of %(parent)s."),
                    {"row": rowid, "table": table, "parent": parent},
                ))
    except UnreadableDatabase as error:  # too damaged for the check to finish: that is its finding
        problems.append(Problem(DAMAGED, {"detail": error.params["detail"]}))
    return problems


def chain_problems(events: list[AuditEventRecord]) -> list[Problem]:
    """The first broken link is named: everything after it can no longer be trusted."""
    previous = None
    for event in events:
        if event.prev_hash != previous or event.hash != chain_hash(event.prev_hash, event_fields(event)):
            return [Problem(
                N_("The audit chain is broken at event %(id)s (%(action)s of %(entity)s %(entity_id)s): "
                   "a record was changed or removed."),
                {"id": event.id, "action": event.action, "entity": event.entity,
                 "entity_id": event.entity_id or ""},
            )]
        previous = event.hash
    return []


def _ledger_problems(session) -> list[Problem]:  # type: ignore[no-untyped-def]
    """For each member and period: net = gross − contributions − advances, reversals included (what management
    owes a fund is not deducted, so it is left out); and no fund pays out more than it holds."""
    totals: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    reversed_kind: dict[int, str] = {}
    rows = session.execute(
        select(LedgerEntryRecord.id, LedgerEntryRecord.period_id, LedgerEntryRecord.member_id,
               LedgerEntryRecord.kind, LedgerEntryRecord.amount_cents, LedgerEntryRecord.reverses_id)
        .where(LedgerEntryRecord.period_id.is_not(None)).order_by(LedgerEntryRecord.id)
    ).all()
    for entry_id, period_id, member_id, kind, amount, reverses_id in rows:
        kind = reversed_kind.get(reverses_id, kind) if kind == "reversal" else kind
        reversed_kind[entry_id] = kind
        group = "contribution" if kind.startswith("contribution:") else kind
        totals[(period_id, member_id)][group] += amount
    problems = _fund_problems(session)
    for (period_id, member_id), t in sorted(totals.items()):
        if t["net"] != t["gross"] - t["contribution"] - t["advance"]:
            code = session.scalar(select(MemberRecord.code).where(MemberRecord.id == member_id))
            problems.append(Problem(
                N_("The ledger does not balance for member %(member)s in period %(period)s."),
                {"member": code, "period": period_id},
            ))
    return problems


def _fund_problems(session) -> list[Problem]:  # type: ignore[no-untyped-def]
    """A fund never pays out more than was paid into it (contributions and management's deposits)."""
    from coopdesk.domain.money import format_amount_plain
    from coopdesk.services.ledger.fund_accounts import fund_accounts

    return [Problem(N_("The fund %(code)s paid out %(amount)s more than was paid into it."),
                    {"code": account.code, "amount": format_amount_plain(-account.held_cents)})
            for account in fund_accounts(session) if account.held_cents < 0]



