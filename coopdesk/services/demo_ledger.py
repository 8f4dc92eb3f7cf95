"""The demo council's books: two years (the demo's history) of biweekly pay periods with hours and advances,
the equal rate set — and raised once — by passed motions, and three social funds.

In the SPU (the default demo) management owes the funds: it deposits what it owes each month into the savings
fund, stops paying the housing fund about ten months before today and pays the health fund only half for the
last five, so the arrears show; the savings fund lends a worker money by a passed motion; no surplus is shared
out. In the cooperative the workers pay the funds from their pay and one year's surplus is shared out.

The rate must come from a passed motion. The meetings step may or may not have run before this one (both
append to `demo.STEPS`), so a passed motion that speaks of the rate ("tarifa", "anticipo") and was voted before
the first period is used when there is one; otherwise a small assembly of our own decides it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.ledger import FundPayer, SurplusBasis
from coopdesk.domain.meetings import (
    MotionResult,
)
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.money import format_amount_plain, parse_amount
from coopdesk.domain.settings import UnitKind
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    AgendaItemRecord,
    FundRecord,
    LedgerEntryRecord,
    MeetingRecord,
    MemberRecord,
    MotionRecord,
)
from coopdesk.services.ledger._store import rate_in_force
from coopdesk.services.ledger.closing import close
from coopdesk.services.ledger.fund_accounts import post_deposit, post_payout
from coopdesk.services.ledger.periods import add_period, put_advance, replace_hours
from coopdesk.services.ledger.setup import add_rate, put_fund
from coopdesk.services.ledger.surplus import post_surplus

if TYPE_CHECKING:  # demo.py imports this module to list its step
    from coopdesk.services.demo import DemoContext

FIRST_RATE_CENTS = 850
RAISED_RATE_CENTS = 1275
FUNDS = (("ahorro", "Caja de ahorro", 500), ("vivienda", "Fondo de vivienda", 300), ("salud", "Fondo de salud", 200))
PERIOD_DAYS = 14
_AMOUNT_IN_TEXT = re.compile(r"Bs\.?\s*([0-9]+(?:[.,][0-9]{1,2})?)(?![0-9])")


def add_ledger(session: Session, context: DemoContext) -> None:
    workers = [m for m in context.members if m.body is Body.WORKER]
    first = context.starts_on + timedelta(days=(7 - context.starts_on.weekday()) % 7)  # a Monday
    if not workers or first > context.today:
        return
    rng = context.rng
    motion, cents = _rate_motion(session, context, first)
    if motion.result is not MotionResult.PASSED:
        return  # nobody could vote yet (a tiny council whose members all joined later): no books to keep
    add_rate(session, rate_cents=cents, effective_from=first, motion_id=motion.id)
    spu = context.kind is UnitKind.SPU
    who_pays = "que la gerencia aporta sobre" if spu else "descontados de"
    funds_motion = _meeting(session, context, first - timedelta(days=9), "Asamblea extraordinaria: fondos sociales",
                            "Fondos sociales de los trabajadores",
                            ["Crear la caja de ahorro (5 %), el fondo de vivienda (3 %) y el fondo de salud (2 %), "
                             f"{who_pays} cada anticipo bruto"])[0]
    payer = FundPayer.MANAGEMENT if spu else FundPayer.WORKERS
    for code, name, percent in FUNDS:
        put_fund(session, code=code, name=name, percent_hundredths=percent, motion_id=funds_motion.id,
                 paid_by=payer)
    raise_on = first + timedelta(days=PERIOD_DAYS * 26)
    if raise_on <= context.today:
        raised = _meeting(session, context, raise_on - timedelta(days=6), "Asamblea ordinaria: revisión del anticipo",
                          "Revisión del anticipo igualitario",
                          [f"Fijar el anticipo igualitario en Bs. {_plain(RAISED_RATE_CENTS)} por hora trabajada, "
                           f"igual para todos, desde el {raise_on.isoformat()}"])[0]
        add_rate(session, rate_cents=RAISED_RATE_CENTS, effective_from=raise_on, motion_id=raised.id)
    start = first
    while start <= context.today:
        end = start + timedelta(days=PERIOD_DAYS - 1)
        _pay_period(session, context, start, end, workers, rng)
        start = end + timedelta(days=1)
    if spu:
        _deposits(session, context)
        _loan(session, context)
    else:
        _surplus(session, context)


def _deposits(session: Session, context: DemoContext) -> None:
    """Management pays each month, on the 10th, what it came to owe the month before — the savings fund in full
    throughout, the housing fund until about ten months before today, the health fund half for the last five."""
    housing_stops = context.today - timedelta(days=300)
    health_halves = context.today - timedelta(days=150)
    owed: dict[tuple[str, date], int] = {}
    for code, day, cents in session.execute(
        select(FundRecord.code, LedgerEntryRecord.posted_on, LedgerEntryRecord.amount_cents)
        .join(FundRecord, FundRecord.id == LedgerEntryRecord.fund_id)
        .where(LedgerEntryRecord.kind.startswith("owed:"))
    ):
        month = day.replace(day=1)
        owed[(code, month)] = owed.get((code, month), 0) + cents
    for (code, month), cents in sorted(owed.items(), key=lambda item: (item[0][1], item[0][0])):
        paid_on = (month + timedelta(days=32)).replace(day=10)
        if paid_on > context.today or (code == "vivienda" and paid_on > housing_stops):
            continue
        if code == "salud" and paid_on > health_halves:
            cents //= 2
        post_deposit(session, fund_code=code, amount_cents=cents, paid_on=paid_on, today=context.today,
                     note="Transferencia de la gerencia")


def _loan(session: Session, context: DemoContext) -> None:
    """The savings fund lends a worker money for a family emergency, as a small assembly decided."""
    day = context.today - timedelta(days=75)
    worker = next((m for m in context.members if m.body is Body.WORKER and m.status is MemberStatus.ACTIVE
                   and m.joined_on < day), None)
    if worker is None or day < context.starts_on:
        return
    amount = 150_000
    motion = _meeting(session, context, day - timedelta(days=2), "Consejo de trabajadores: préstamo de la caja",
                      "Préstamo de la caja de ahorro",
                      [f"Prestar Bs. {_plain(amount)} de la caja de ahorro a {worker.full_name} por una emergencia "
                       "familiar, a devolver en diez quincenas"])[0]
    with contextlib.suppress(InvalidInput):  # a tiny demo whose fund holds less: no loan
        post_payout(session, fund_code="ahorro", amount_cents=amount, paid_on=day, motion_id=motion.id,
                    member_code=worker.code, note="Préstamo por emergencia familiar", today=context.today)


def _pay_period(session: Session, context: DemoContext, start: date, end: date, workers: Sequence[MemberRecord],
                rng) -> None:  # type: ignore[no-untyped-def]
    period = add_period(session, starts_on=start, ends_on=end)
    hours: dict[int, int] = {}
    for member in workers:
        if member.joined_on > end or _status_on(member, start) is not MemberStatus.ACTIVE:
            continue
        draw = rng.random()
        if draw < 0.04:
            continue  # on leave the whole period
        if draw < 0.15 or member.joined_on > start:
            value = rng.randint(40, 158) * 50  # part of the period, in half hours
        else:
            value = 8000 + rng.choice((-400, -200, 0, 0, 0, 0, 200, 400, 800))
        hours[member.id] = value
    replace_hours(session, period, hours)
    for member_id in sorted(hours):
        if rng.random() < 0.06:
            member = next(m for m in workers if m.id == member_id)
            put_advance(session, period_id=period.id, member_code=member.code,
                        amount_cents=rng.choice((100, 150, 200, 250)) * 100, paid_on=start + timedelta(days=6),
                        note="Adelanto de quincena")
    if end < context.today:
        close(session, period_id=period.id, posted_on=end + timedelta(days=1))


def _surplus(session: Session, context: DemoContext) -> None:
    """The last whole year before today shares a surplus, in proportion to hours, early the next year."""
    from coopdesk.persistence.models import HoursRecord, PayPeriodRecord

    year = context.today.year - 1
    worked = session.scalar(select(func.sum(HoursRecord.hundredths)).join(
        PayPeriodRecord, PayPeriodRecord.id == HoursRecord.period_id).where(
        PayPeriodRecord.ends_on.between(date(year, 1, 1), date(year, 12, 31))))
    rate = rate_in_force(session, date(year, 12, 31))
    if not worked or rate is None:
        return
    # About three per cent of the year's gross pay, in whole hundreds of bolívares.
    amount = max(100_00, (worked * rate.rate_cents // 100 * 3 // 100) // 100_00 * 100_00)
    day = min(date(year + 1, 2, 16), context.today)
    motion = _meeting(session, context, day - timedelta(days=2), f"Asamblea ordinaria: excedente de {year}",
                      f"Excedente del ejercicio {year}",
                      [f"Repartir el excedente de {year}, Bs. {_plain(amount)}, entre los trabajadores en "
                       "proporción a las horas trabajadas"])[0]
    post_surplus(session, year=year, amount_cents=amount, basis=SurplusBasis.HOURS, motion_id=motion.id,
                 posted_on=day)


def _rate_motion(session: Session, context: DemoContext, first: date) -> tuple[MotionRecord, int]:
    """A passed motion on the rate voted before the first period (the meetings step's), or one of our own."""
    text = func.lower(MotionRecord.text)
    found = session.scalar(
        select(MotionRecord).join(AgendaItemRecord, AgendaItemRecord.id == MotionRecord.item_id)
        .join(MeetingRecord, MeetingRecord.id == AgendaItemRecord.meeting_id)
        .where(MotionRecord.result == MotionResult.PASSED, or_(text.contains("tarifa"), text.contains("anticipo")),
               MeetingRecord.starts_at < datetime.combine(first, time()))
        .order_by(MeetingRecord.starts_at).limit(1))
    if found is not None:
        amount = _AMOUNT_IN_TEXT.search(found.text)
        cents = parse_amount(amount.group(1)) if amount else FIRST_RATE_CENTS
        return found, cents if cents > 0 else FIRST_RATE_CENTS
    motion = _meeting(session, context, first - timedelta(days=10), "Asamblea extraordinaria: anticipo igualitario",
                      "Anticipo igualitario por hora de trabajo",
                      [f"Fijar el anticipo igualitario en Bs. {_plain(FIRST_RATE_CENTS)} por hora trabajada, igual "
                       f"para todos los trabajadores, desde el {first.isoformat()}"])[0]
    return motion, FIRST_RATE_CENTS


def _meeting(session: Session, context: DemoContext, day: date, title: str, item_title: str,
             texts: Sequence[str]) -> list[MotionRecord]:
    """A small assembly that passes these motions, stored like any imported meeting (sealed votes)."""
    from coopdesk.services.demo_meetings import passed_motions

    return passed_motions(session, context, day=day, title=title, item_title=item_title, texts=texts)


def _status_on(member: MemberRecord, day: date) -> MemberStatus:
    status = MemberStatus.ACTIVE
    for change in member.history:
        if change.changed_on <= day:
            status = change.status
    return status


def _plain(cents: int) -> str:
    return format_amount_plain(cents).replace(".", ",")


def demo_motion(db: Database, *, text: str, day: date) -> int:
    """A passed motion of a small assembly on `day`, for trying the ledger out (tests, benchmarks)."""
    import random

    from coopdesk.services.demo import DemoContext

    with db.write() as session:
        members = list(session.scalars(select(MemberRecord).order_by(MemberRecord.code)))
        context = DemoContext(random.Random(0), day, day, len(members), members)
        return _meeting(session, context, day, "Asamblea", "Punto único", [text])[0].id
