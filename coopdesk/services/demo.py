"""The demo council: a deterministic, plausible Workers' Council to try coopdesk on an empty database.

The demo is a list of steps over one unit of work; each step reads and extends a shared `DemoContext`
(the random generator, the period the demo covers, the members made so far). Later modules add their
steps (posts and rotation, meetings, the ledger) to `STEPS` and their counts to `DemoSummary`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.members import Body, MemberDraft, MemberStatus, fold, search_key, validate_member
from coopdesk.domain.settings import Council, UnitKind
from coopdesk.i18n import N_
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import (
    FundRecord,
    HourlyRateRecord,
    LedgerEntryRecord,
    MeetingRecord,
    MemberRecord,
    PayPeriodRecord,
    PostRecord,
    StatusChangeRecord,
)
from coopdesk.services.change_log import Change, record_changes
from coopdesk.services.council import save_council
from coopdesk.services.demo_learning import add_learning
from coopdesk.services.demo_ledger import add_ledger
from coopdesk.services.demo_meetings import add_meetings
from coopdesk.services.demo_needs import add_needs
from coopdesk.services.demo_rotation import add_rotation
from coopdesk.services.members import member_fields, skills_by_code

Progress = Callable[[int, int], None]

COUNCIL = Council(
    name="Consejo de Trabajadores — Unidad de Producción Socialista «El Maizal»",
    short_name="UPS El Maizal",
    tax_id="G-20009876-5",
    address="Sector El Maizal, municipio Simón Planas, estado Lara",
    currency="VES",
)
SKILLS = ("montacargas", "cocina", "contabilidad", "inventario", "mecanica", "primeros_auxilios", "soldadura")
WOMEN = ("María", "Carmen", "Rosa", "Yusbelis", "Yohana", "Nélida", "Dayana", "Milagros", "Coromoto",
         "Zuleima", "Beatriz", "Andreína", "Génesis", "Yusmary", "Inés", "Belkis", "Yelitza", "Maryuri",
         "Gregoria", "Teresa", "Ana", "Luisa")
MEN = ("José", "Luis", "Jesús", "Héctor", "Ángel", "Ramón", "Darwin", "Wilmer", "Eudomar", "Francisco",
       "Omar", "Rafael", "Pedro", "Juan", "Yorman", "Efraín", "Simón", "Oswaldo", "Jhonny", "Carlos",
       "Néstor", "Víctor")
SURNAMES = ("Rodríguez", "González", "Pérez", "Hernández", "García", "Martínez", "López", "Díaz", "Sánchez",
            "Ramírez", "Rojas", "Torres", "Castillo", "Mendoza", "Briceño", "Colmenárez", "Yépez", "Añez",
            "Piñero", "Castañeda", "Gutiérrez", "Escalona", "Peña", "Muñoz", "Álvarez", "Giménez", "Chirinos",
            "Urdaneta", "Montilla", "Guédez", "Linares", "Quintero", "Salazar", "Márquez", "Suárez", "Zambrano")
PHONE_PREFIXES = ("0412", "0414", "0416", "0424", "0426")
# Tables that hold a council's own records: any row in them makes a database "not empty".
_USER_DATA = (MemberRecord, PostRecord, MeetingRecord, PayPeriodRecord, LedgerEntryRecord, HourlyRateRecord,
              FundRecord)


@dataclass(frozen=True)
class DemoSummary:
    council: str
    members: int
    workers: int
    communal_council: int
    state: int
    suspended: int
    left: int


@dataclass
class DemoContext:
    """What the steps share: one random generator (so a seed gives one council) and what was made."""

    rng: random.Random
    today: date
    starts_on: date  # the demo's history covers starts_on .. today (`years` long)
    member_count: int
    members: list[MemberRecord] = field(default_factory=list)
    kind: UnitKind = UnitKind.SPU  # an SPU (funds owed by management, no surplus) or a cooperative


DemoStep = Callable[[Session, DemoContext], None]


def create_demo(
    db: Database, *, members: int = 60, years: int = 2, seed: int = 1, progress: Progress | None = None,
    today: date | None = None, kind: UnitKind | str = UnitKind.SPU,
) -> DemoSummary:
    """Fill an empty database with the demo council (the same seed and day give the same council): an SPU, or
    with `kind` a cooperative."""
    if members < 1:
        raise InvalidInput(N_("The demo needs at least %(min)d member."), min=1)
    if years < 1:
        raise InvalidInput(N_("The demo needs at least %(min)d year of history."), min=1)
    today = today or date.today()
    context = DemoContext(random.Random(seed), today, _years_before(today, years), members, kind=UnitKind(kind))
    total = len(STEPS) + 1
    with db.write() as session:
        if any(session.scalar(select(func.count()).select_from(model)) for model in _USER_DATA):
            raise InvalidInput(N_("The database already holds a council's records; the demo needs an empty one."))
        for done, step in enumerate(STEPS, start=1):
            step(session, context)
            session.flush()
            if progress:
                progress(done, total)
    save_council(db, council=replace(COUNCIL, kind=context.kind))
    if progress:
        progress(total, total)
    by_body = {body: sum(1 for m in context.members if m.body is body) for body in Body}
    by_status = {status: sum(1 for m in context.members if m.status is status) for status in MemberStatus}
    return DemoSummary(
        council=COUNCIL.name, members=len(context.members), workers=by_body[Body.WORKER],
        communal_council=by_body[Body.COMMUNAL_COUNCIL], state=by_body[Body.STATE],
        suspended=by_status[MemberStatus.SUSPENDED], left=by_status[MemberStatus.LEFT],
    )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _add_members(session: Session, context: DemoContext) -> None:
    """Mostly workers, a few communal-council delegates and state representatives (who do not vote)."""
    rng, count = context.rng, context.member_count
    state = round(count * 0.05) if count >= 10 else 0
    delegates = max(1, round(count * 0.08)) if count >= 5 else 0
    bodies = [Body.WORKER] * (count - state - delegates) + [Body.COMMUNAL_COUNCIL] * delegates + [Body.STATE] * state
    national_ids = rng.sample(range(4_000_000, 31_000_000), count)
    width = max(3, len(str(count)))
    drafts: list[tuple[MemberDraft, list[tuple[date, MemberStatus]]]] = []
    for index, body in enumerate(bodies):
        draft = _member(rng, context, index, body, f"M{index + 1:0{width}d}", f"V-{national_ids[index]}")
        drafts.append((draft, [(draft.joined_on, MemberStatus.ACTIVE)]))
    _change_statuses(rng, context, drafts)
    skills = skills_by_code(session, SKILLS)
    for draft, history in drafts:
        assert not validate_member(draft), draft  # the generator itself is wrong otherwise
        record = MemberRecord(
            code=draft.code, full_name=draft.full_name, national_id=draft.national_id, body=draft.body,
            joined_on=draft.joined_on, voting=draft.voting, status=history[-1][1], phone=draft.phone,
            email=draft.email, search_key=search_key(draft), skills=[skills[code] for code in draft.skills],
            history=[StatusChangeRecord(changed_on=day, status=status) for day, status in history],
        )
        session.add(record)
        context.members.append(record)
    session.flush()
    # Each member's creation enters the change log, as if typed in: `verify` replays it against the rows.
    record_changes(session, [Change("member", record.id, None, member_fields(replace(draft, status=record.status)))
                             for record, (draft, _history) in zip(context.members, drafts, strict=True)])


def _member(
    rng: random.Random, context: DemoContext, index: int, body: Body, code: str, national_id: str
) -> MemberDraft:
    first_names = rng.sample(WOMEN if rng.random() < 0.5 else MEN, 2)
    surnames = rng.sample(SURNAMES, 2)
    if body is Body.WORKER and rng.random() < 0.12:  # a few joined during the demo's own history
        joined = _random_day(rng, context.starts_on, context.today - timedelta(days=30))
    else:
        earliest = context.starts_on - timedelta(days=365 * (10 if body is Body.WORKER else 4))
        joined = _random_day(rng, earliest, context.starts_on - timedelta(days=1))
    skills: tuple[str, ...] = ()
    if body is Body.WORKER:
        skills = tuple(sorted(rng.sample(SKILLS, rng.choices((0, 1, 2, 3), weights=(1, 4, 3, 2))[0])))
    email = None
    if rng.random() < 0.5:
        email = f"{fold(first_names[0])}.{fold(surnames[0])}{index + 1}@correo.com.ve".replace(" ", "")
    return MemberDraft(
        code=code, full_name=" ".join((*first_names, *surnames)), body=body, joined_on=joined,
        voting=body.votes_by_default, national_id=national_id, skills=skills,
        phone=f"{rng.choice(PHONE_PREFIXES)}-{rng.randint(1_000_000, 9_999_999)}", email=email,
    )


def _change_statuses(
    rng: random.Random, context: DemoContext, drafts: list[tuple[MemberDraft, list[tuple[date, MemberStatus]]]]
) -> None:
    """Some workers are suspended, one came back from a suspension, some left; each with its history."""
    workers = [history for draft, history in drafts if draft.body is Body.WORKER]
    count = len(drafts)
    chosen = rng.sample(workers, min(len(workers), 2 * round(count * 0.05) + (1 if count >= 20 else 0)))
    suspended, left = round(count * 0.05), round(count * 0.05)
    for position, history in enumerate(chosen):
        first = max(history[0][0], context.starts_on) + timedelta(days=1)
        last = context.today - timedelta(days=7)
        if first > last:
            continue
        day = _random_day(rng, first, last)
        if position < suspended:
            history.append((day, MemberStatus.SUSPENDED))
        elif position < suspended + left:
            history.append((day, MemberStatus.LEFT))
        else:  # suspended, then reinstated by the assembly
            history.append((day, MemberStatus.SUSPENDED))
            history.append((_random_day(rng, day + timedelta(days=1), max(day + timedelta(days=1), last)),
                            MemberStatus.ACTIVE))


STEPS: list[DemoStep] = [_add_members]
STEPS.append(add_ledger)
STEPS.append(add_meetings)
STEPS.append(add_rotation)
STEPS.append(add_needs)
STEPS.append(add_learning)
