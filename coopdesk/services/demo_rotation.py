"""The demo council's job rotation: the posts of a food-processing Unidad de Producción Socialista (field work,
packing, forklift, cleaning, kitchen, accounting, inventory, the council's secretariat, production planning,
liaison with producers, distribution to Mercal), some leave, and a published quarter (13 weeks) from the Monday
on or before four weeks ago, with one recorded swap.

The posts' maximums grow with the council, so that every eligible worker has a place; a council too small
(or without the skills) for the posts gets the posts and the leave but no plan.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.organs import Organ
from coopdesk.domain.planner import PlanningImpossible
from coopdesk.domain.rotation import Category, mondays
from coopdesk.persistence.models import LeaveRecord, PostRecord
from coopdesk.services.members import skills_by_code
from coopdesk.services.rotation import _store
from coopdesk.services.rotation.planning import plan_in_session, publish_in_session
from coopdesk.services.rotation.swaps import swap_in_session

if TYPE_CHECKING:  # demo.py imports this module to list its step
    from coopdesk.services.demo import DemoContext

QUARTER_WEEKS = 13
M, A, C = Category.MANUAL, Category.ADMINISTRATIVE, Category.COMMUNITY
# code, name, category, min, max, skill, trainee places, burden, place
POSTS = (
    ("SIEM", "Siembra y cosecha", M, 4, 6, None, 0, 4, "Parcelas de maíz del sector El Maizal"),
    ("EMPQ", "Empaque y despacho", M, 3, 4, None, 0, 3, "Galpón de empaque"),
    ("CARG", "Carga con montacargas", M, 2, 2, "montacargas", 1, 5, "Patio de carga"),
    ("LIMP", "Limpieza de planta", M, 2, 3, None, 0, 5, "Planta procesadora"),
    ("COCI", "Comedor", M, 2, 2, "cocina", 1, 3, "Comedor de la UPS"),
    ("CONT", "Contabilidad", A, 1, 1, "contabilidad", 1, 1, "Oficina administrativa"),
    ("INVT", "Inventario y compras", A, 2, 2, "inventario", 1, 2, "Almacén"),
    ("SECR", "Secretaría del Consejo", A, 1, 2, None, 0, 2, "Sede del Consejo de Trabajadores"),
    ("PLAN", "Planificación de producción", A, 1, 2, None, 0, 1, "Oficina administrativa"),
    ("PROD", "Enlace con productores", C, 2, 3, None, 0, 2, "Consejos comunales del municipio"),
    ("MERC", "Distribución a Mercal", C, 2, 3, None, 0, 3, "Red de distribución Mercal, Barquisimeto"),
)
LEAVE_REASONS = ("vacaciones", "reposo médico", "permiso por estudios", "vacaciones", "permiso por duelo")
SWAP_REASONS = ("cita médica", "diligencia personal impostergable", "acompaña a un familiar al hospital")


def first_monday(today: date) -> date:
    """The Monday on or before four weeks ago: the published quarter has begun, most of it lies ahead."""
    day = today - timedelta(weeks=4)
    return day - timedelta(days=day.weekday())


def add_rotation(session: Session, context: DemoContext) -> None:
    rng = random.Random(context.rng.random())  # one draw from the shared generator: the other steps stay put
    start = first_monday(context.today)
    days = mondays(start, QUARTER_WEEKS)
    _add_leave(session, context, rng, days)
    session.flush()
    workers = _store.worker_specs(session)
    present = [sum(1 for w in workers if w.eligible(day)) for day in days]
    holders = {skill: min((sum(1 for w in workers if skill in w.skills and w.eligible(day)) for day in days),
                          default=0) for *_head, skill, _slots, _burden, _place in POSTS if skill}
    if not _add_posts(session, min(present, default=0), max(present, default=0), holders):
        return  # too few workers even for the smallest minimums: posts and leave only
    try:
        with session.begin_nested():  # an impossible week leaves the posts and leave in place
            outcome = plan_in_session(session, start=start, weeks=QUARTER_WEEKS, seed=rng.randint(1, 999))
            publish_in_session(session, plan_id=outcome.plan.id,
                               motion_id=_adopting_motion(session, replace(context, rng=rng), start))
    except (PlanningImpossible, InvalidInput):
        return
    _one_swap(session, rng, days[1], outcome.plan.id)


def _adopting_motion(session: Session, context: DemoContext, start: date) -> int:
    """The workers plan their own work: their Workers' Council adopts the quarter's plan the week before it
    starts (an SPU's plans need that decision)."""
    from coopdesk.services.demo_meetings import passed_motions

    motions = passed_motions(session, context, day=start - timedelta(days=4),
                             title="Sesión del consejo de trabajadores: plan de rotación",
                             item_title="Plan de rotación del trimestre", organ=Organ.WORKERS_COUNCIL,
                             texts=[f"Aprobar el plan de rotación de {QUARTER_WEEKS} semanas desde el "
                                    f"{start:%d/%m/%Y}"])
    return motions[0].id


def _add_posts(session: Session, fewest: int, most: int, holders: dict[str, int]) -> bool:
    """The posts sized to the council: unskilled posts take more members (the biggest first) until everyone
    present fits, and fewer (down to one) while the minimums ask for more workers than a week has; a skilled
    post asks for no more than the holders of its skill present every week. Returns whether the minimums can
    be met."""
    minima = {code: minimum if skill is None else min(minimum, holders[skill])
              for code, _n, _c, minimum, _max, skill, *_rest in POSTS}
    maxima = {code: maximum for code, _n, _c, _min, maximum, *_rest in POSTS}
    room = sum(maxima.values()) + sum(slots for *_head, slots, _burden, _place in POSTS)
    unskilled = sorted((code for code, _n, _c, _min, _max, skill, *_rest in POSTS if skill is None),
                       key=lambda code: -maxima[code])
    turn = 0
    while room < most:
        maxima[unskilled[turn % len(unskilled)]] += 1
        room += 1
        turn += 1
    for code in unskilled:
        while sum(minima.values()) > fewest and minima[code] > 1:
            minima[code] -= 1
    skills = skills_by_code(session, {skill for *_h, skill, _s, _b, _p in POSTS if skill})
    session.flush()
    for code, name, category, _min, _max, skill, slots, burden, place in POSTS:
        session.add(PostRecord(code=code, name=name, category=category, min_members=minima[code],
                               max_members=maxima[code], skill_id=skills[skill].id if skill else None,
                               trainee_slots=slots, burden=burden, place=place, active=True, version=1))
    session.flush()
    return sum(minima.values()) <= fewest


def _add_leave(session: Session, context: DemoContext, rng: random.Random, days: list[date]) -> None:
    """A few workers take a week or three off during the quarter; one has a short leave long past."""
    workers = [m for m in context.members if m.body is Body.WORKER and m.status is MemberStatus.ACTIVE]
    if not workers:
        return
    for member in rng.sample(workers, min(len(workers), max(1, len(workers) // 10))):
        begins = rng.choice(days[1:]) + timedelta(days=rng.choice((0, 0, 2, 4)))
        ends = begins + timedelta(days=rng.choice((6, 9, 13, 20)))
        session.add(LeaveRecord(member_id=member.id, starts_on=begins, ends_on=ends,
                                reason=rng.choice(LEAVE_REASONS)))
    member = rng.choice(workers)
    begins = days[0] - timedelta(weeks=rng.randint(8, 20))
    session.add(LeaveRecord(member_id=member.id, starts_on=begins, ends_on=begins + timedelta(days=4),
                            reason="reposo médico"))


def _one_swap(session: Session, rng: random.Random, week: date, plan_id: int) -> None:
    """Two members exchange their posts for one week, as a council records when life gets in the way."""
    rows = [row for _plan, _state, row in _store.assignments(session, plan_id=plan_id, first=week,
                                                              end=week + timedelta(days=7))]
    for _attempt in range(20 if len(rows) > 1 else 0):
        first, second = rng.sample(rows, 2)
        if first.post_code == second.post_code:
            continue
        try:
            with session.begin_nested():
                swap_in_session(session, week_start=week, first_code=first.member_code,
                                second_code=second.member_code, reason=rng.choice(SWAP_REASONS))
            return
        except InvalidInput:
            continue
