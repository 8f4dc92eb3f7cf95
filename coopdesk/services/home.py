"""What the home page ("Inicio") shows as the window opens: the next assembly with its agenda, the pending
agreements, overdue commitments, open needs by kind, the signed-in member's post this week.

Read through SQLAlchemy Core over bare table names, like `overview.py`: the home page is the first screen, and
declaring the mapped classes would cost start-up time. The names are checked against the mapped tables by the
tests. The arrears of the funds management pays (`fund_arrears`) are read apart, once the page has painted: they
are summed from the ledger's entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, DateTime, column, func, select, table

from coopdesk.persistence.database import Database

MEETINGS = table("meetings", column("id"), column("title"), column("starts_at", DateTime), column("state"),
                 column("place"))
AGENDA = table("agenda_items", column("id"), column("meeting_id"), column("position"), column("title"))
DECISIONS = table("decisions", column("id"), column("item_id"), column("text"))
ACTIONS = table("follow_up_actions", column("id"), column("decision_id"), column("description"),
                column("due_on", Date), column("status"), column("owed_by"))
COMMITMENTS = table("commitments", column("id"), column("owed_by"), column("what"), column("due", Date),
                    column("state"))
NEEDS = table("needs", column("id"), column("kind"), column("state"))
MEMBERS = table("members", column("id"), column("code"))
PLANS = table("rotation_plans", column("id"), column("state"))
ASSIGNMENTS = table("rotation_assignments", column("plan_id"), column("week_start", Date), column("post_id"),
                    column("member_id"), column("role"))
POSTS = table("posts", column("id"), column("code"), column("name"))

LIVE_STATES = ("draft", "convened", "open")
SHOWN = 5  # lines per block; the count says how many more there are


@dataclass(frozen=True)
class Line:
    """One line of the home page and the record it opens (a pending agreement opens its meeting)."""

    record_id: int
    text: str
    day: date | None = None
    days_late: int = 0


@dataclass(frozen=True)
class NextAssembly:
    id: int
    title: str
    starts_at: datetime
    place: str | None
    agenda: tuple[str, ...]


@dataclass(frozen=True)
class Home:
    next_assembly: NextAssembly | None
    pending_agreements: tuple[Line, ...]
    pending_count: int
    overdue_commitments: tuple[Line, ...]
    overdue_count: int
    open_needs: dict[str, int]  # by kind
    my_week: tuple[str, ...]  # the signed-in member's posts this week (empty: none, or no member signed in)


def read_home(db: Database, *, member_code: str | None = None, today: date | None = None) -> Home:
    today = today or date.today()
    with db.read() as session:
        meeting = session.execute(
            select(MEETINGS).where(MEETINGS.c.state.in_(LIVE_STATES),
                                   MEETINGS.c.starts_at >= datetime.combine(today, datetime.min.time()))
            .order_by(MEETINGS.c.starts_at, MEETINGS.c.id).limit(1)).first()
        agenda = () if meeting is None else tuple(session.execute(
            select(AGENDA.c.title).where(AGENDA.c.meeting_id == meeting.id).order_by(AGENDA.c.position)).scalars())
        pending = (select(ACTIONS, AGENDA.c.meeting_id).join(DECISIONS, DECISIONS.c.id == ACTIONS.c.decision_id)
                   .join(AGENDA, AGENDA.c.id == DECISIONS.c.item_id).where(ACTIONS.c.status == "open"))
        pending_count = session.execute(select(func.count()).select_from(pending.subquery())).scalar() or 0
        actions = session.execute(
            pending.order_by(ACTIONS.c.due_on.is_(None), ACTIONS.c.due_on, ACTIONS.c.id).limit(SHOWN)).all()
        overdue = select(COMMITMENTS).where(COMMITMENTS.c.state == "pending", COMMITMENTS.c.due < today)
        overdue_count = session.execute(select(func.count()).select_from(overdue.subquery())).scalar() or 0
        commitments = session.execute(overdue.order_by(COMMITMENTS.c.due, COMMITMENTS.c.id).limit(SHOWN)).all()
        open_needs = dict(session.execute(select(NEEDS.c.kind, func.count()).where(NEEDS.c.state != "met")
                                          .group_by(NEEDS.c.kind)).all())
        week: tuple[str, ...] = ()
        if member_code is not None:
            monday = today - timedelta(days=today.weekday())
            week = tuple(session.execute(
                select(POSTS.c.name).select_from(ASSIGNMENTS)
                .join(PLANS, PLANS.c.id == ASSIGNMENTS.c.plan_id).join(POSTS, POSTS.c.id == ASSIGNMENTS.c.post_id)
                .join(MEMBERS, MEMBERS.c.id == ASSIGNMENTS.c.member_id)
                .where(MEMBERS.c.code == member_code, ASSIGNMENTS.c.week_start == monday,
                       PLANS.c.state == "published")).scalars())
    return Home(
        next_assembly=None if meeting is None else NextAssembly(meeting.id, meeting.title, meeting.starts_at,
                                                               meeting.place, agenda),
        pending_agreements=tuple(Line(row.meeting_id, row.description + (f" ({row.owed_by})" if row.owed_by else ""),
                                      row.due_on, _late(row.due_on, today)) for row in actions),
        pending_count=pending_count,
        overdue_commitments=tuple(Line(row.id, f"{row.owed_by}: {row.what}", row.due, _late(row.due, today))
                                  for row in commitments),
        overdue_count=overdue_count, open_needs=open_needs, my_week=week,
    )


def _late(due: date | None, today: date) -> int:
    return (today - due).days if due is not None and due < today else 0


@dataclass(frozen=True)
class FundArrears:
    """A fund management pays and is behind with: what it owes, since when."""

    code: str
    name: str
    arrears_cents: int
    since: date


def fund_arrears(db: Database) -> tuple[FundArrears, ...]:
    """The funds management is behind with, the longest behind first (from the ledger's sums of its entries)."""
    from coopdesk.services.needs.commitments import fund_arrears_commitments

    return tuple(FundArrears(c.fund_code or "", c.fund_name, c.arrears_cents, c.due)
                 for c in sorted(fund_arrears_commitments(db), key=lambda c: c.due))
