"""The demo council's meetings: a Workers' Council session each month for the demo's history, up to today, and
a joint co-management assembly each quarter with the communal councils' delegates and the state's
representatives.

Each goes through the same door as `meeting import` (the form of docs/cli.md, checked by `parse_meeting`, stored
closed with every vote sealed): attendance with proxies, excuses and absences; the approval of the previous
minutes; a topic or two with minutes and motions voted openly, by roll call or by secret ballot; decisions with
follow-up actions (the older ones mostly done). One assembly elects the council's voceros (with a tie that a
runoff settles), one extraordinary assembly fails to reach its quorum. Every meeting's minutes but the last are
approved by the next session's motion; the last stays a draft. A joint assembly sits the week after the
session of March, June, September and December, requires the quorum in each body, votes its production plan by
a concurrent majority (in some quarters the communal delegates split and the plan fails among them), and its
minutes are signed by its chair and secretary (the latest stays a draft). Members are taken with their status
on the day.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.meeting_form import parse_meeting
from coopdesk.domain.meetings import ActionStatus, MeetingState, MotionResult
from coopdesk.domain.members import Body, Member, MemberStatus, is_entitled
from coopdesk.domain.organs import Organ
from coopdesk.persistence.models import (
    AgendaItemRecord,
    DecisionRecord,
    FollowUpActionRecord,
    MeetingRecord,
    MemberRecord,
    MotionRecord,
)
from coopdesk.services.meetings._common import Roster, load_roster
from coopdesk.services.meetings.importing import store_form
from coopdesk.services.meetings.lifecycle import approve_in_session

if TYPE_CHECKING:  # demo.py imports this module to list its step
    from coopdesk.services.demo import DemoContext

PLACE = "Comedor de la planta"
APPROVAL = "Aprobación del acta anterior"
# (agenda item, minutes, motion, method, majority, decision, follow-up actions)
TOPICS: tuple[tuple[str, str, str, str, str, str, tuple[str, ...]], ...] = (
    ("Informe de producción del mes",
     "La comisión de producción presentó las cifras del mes: se cumplió la meta de la línea de harina y hubo "
     "retrasos en el empaque por falta de bobinas.\n\nSe debatió la compra de repuestos para la selladora.",
     "Comprar los repuestos de la selladora con el fondo de mantenimiento", "open", "simple",
     "Se aprueba la compra de los repuestos de la selladora.", ("Pedir tres cotizaciones de repuestos",
                                                                 "Instalar los repuestos y probar la selladora")),
    ("Plan de rotación del trimestre",
     "Se presentó el plan de rotación de puestos para el trimestre, con los aprendices en mantenimiento.\n\n"
     "Varias compañeras pidieron equilibrar las guardias nocturnas.",
     "Aprobar el plan de rotación con las guardias nocturnas repartidas por igual", "roll_call", "absolute",
     "Se aprueba el plan de rotación del trimestre.", ("Publicar el plan en la cartelera",)),
    ("Fondo de salud",
     "Se informó del estado del fondo de salud y de las solicitudes de apoyo recibidas.\n\n"
     "Se propuso subir el tope de ayuda por familia.",
     "Subir el tope de ayuda del fondo de salud a tres salarios mínimos", "secret", "two_thirds",
     "Se sube el tope de ayuda del fondo de salud.", ("Actualizar el reglamento del fondo de salud",)),
    ("Seguridad industrial",
     "El comité de seguridad presentó el informe de incidentes: dos cortaduras leves en el área de corte.\n\n"
     "Se acordó revisar los guantes y las guardas de las máquinas.",
     "Dotar de guantes anticorte a todo el personal del área de corte", "open", "simple",
     "Se dota de guantes anticorte al área de corte.", ("Comprar guantes anticorte",
                                                         "Dar la charla de seguridad del área de corte")),
    ("Relación con el consejo comunal",
     "Los voceros del consejo comunal propusieron una jornada de venta a precio justo en el sector.\n\n"
     "Se discutió la logística y el transporte.",
     "Organizar una jornada mensual de venta directa en la comunidad", "roll_call", "simple",
     "Se organiza una jornada mensual de venta directa.", ("Coordinar la jornada con el consejo comunal",)),
    ("Reforma del reglamento interno",
     "La comisión redactora presentó la reforma de los artículos sobre asambleas y votaciones.\n\n"
     "Se leyó el texto completo y se recogieron observaciones.",
     "Aprobar la reforma del reglamento interno", "secret", "three_quarters",
     "Se aprueba la reforma del reglamento interno.", ("Imprimir y repartir el reglamento reformado",)),
    ("Mantenimiento del galpón",
     "Se informó de las filtraciones del techo del galpón principal antes de las lluvias.\n\n"
     "Se evaluaron dos presupuestos.",
     "Reparar el techo del galpón con el presupuesto más bajo", "open", "absolute",
     "Se repara el techo del galpón.", ("Contratar la reparación del techo",)),
    ("Formación",
     "Se propuso un ciclo de formación en contabilidad cooperativa para todos los turnos.",
     "Dictar un taller mensual de contabilidad cooperativa", "open", "unanimous",
     "Se dicta un taller mensual de contabilidad cooperativa.", ("Conseguir facilitador para el taller",)),
)


# The joint assembly's agenda: (agenda item, minutes, motion, method, majority, decision, follow-up actions); the
# first is voted by a concurrent majority.
JOINT_TOPICS: tuple[tuple[str, str, str, str, str, str, tuple[str, ...]], ...] = (
    ("Plan de producción del trimestre",
     "La gerencia y el Consejo de Trabajadores presentaron el plan de producción; los voceros del consejo comunal "
     "pidieron destinar una parte a la red de distribución de la comunidad.\n\nSe debatió el reparto entre la "
     "venta directa y la distribución comunal.",
     "Aprobar el plan de producción del trimestre con la cuota para la comunidad", "secret", "simple",
     "Se aprueba el plan de producción del trimestre.", ("Publicar el plan en la cartelera de la comunidad",)),
    ("Informe de la gerencia",
     "La representación del Estado informó sobre la entrega de materia prima y los aportes pendientes a los "
     "fondos sociales.\n\nLos trabajadores pidieron un cronograma de pagos.",
     "Exigir a la gerencia un cronograma de pagos de los aportes pendientes", "open", "simple",
     "Se exige a la gerencia un cronograma de pagos.", ("Enviar la comunicación a la gerencia",)),
)


def add_meetings(session: Session, context: DemoContext) -> None:
    rng = context.rng
    records = list(context.members)
    if not records:
        return
    roster = load_roster(session, None)
    officers = _officers(records, context.starts_on)
    days = _meeting_days(context.starts_on, context.today)
    election_at = len(days) // 2
    no_quorum_at = len(days) // 3 if len(days) >= 6 else -1
    topics = list(TOPICS)
    joint: list[date] = []
    for index, day in enumerate(days):
        if day.month % 3 == 0 and (assembly := day + timedelta(days=7)) < context.today:
            joint.append(assembly)
        members = [_as_of(record, day) for record in records]
        extraordinary = index == no_quorum_at
        starts_at = datetime.combine(day, time(14, 0) if extraordinary else time(9, 0))
        workers = [member for member in members if member.body is Body.WORKER]  # the Workers' Council's roll
        attendance = _attendance(rng, workers, day, officers, low=extraordinary)
        items: list[dict[str, Any]] = []
        if index and not extraordinary:
            items.append({"title": APPROVAL, "minutes": "Se leyó el acta de la asamblea anterior; no hubo "
                          "observaciones.", "motions": [_motion(rng, "Aprobar el acta de la asamblea anterior",
                                                                "open", "simple", attendance, members, day,
                                                                approval=True)]})
        chosen = [topics[(index * 3 + k) % len(topics)] for k in range(1 if extraordinary else 2)]
        for title, minutes, text, method, majority, _decision, _actions in chosen:
            items.append({"title": title, "minutes": minutes,
                          "motions": [_motion(rng, text, method, majority, attendance, members, day)]})
        if index == election_at and (election := _election(rng, attendance, members, day)):
            items.append(election)
        data = {"title": f"Sesión {'extraordinaria ' if extraordinary else ''}del Consejo de Trabajadores de "
                         f"{MONTHS[day.month - 1]} de {day.year}",
                "kind": "extraordinary" if extraordinary else "council", "organ": "workers_council",
                "starts_at": starts_at.isoformat(), "place": PLACE, "chair": officers[0], "secretary": officers[1],
                "quorum": "half", "attendance": attendance, "items": items,
                "convened_on": (day - timedelta(days=3 if extraordinary else 7)).isoformat()}
        form = parse_meeting(data, members)
        meeting = store_form(session, form, roster, ends_at=starts_at + timedelta(minutes=rng.randint(100, 170)))
        _decisions(session, rng, meeting, chosen, members, day, context.today)
        if index and not extraordinary:
            _approve_earlier(session, meeting)
    for number, day in enumerate(joint):
        _joint_assembly(session, context, roster, officers, day, split=number % 2 == 1,
                        latest=day == max(joint) and day > max(days))


def _joint_assembly(session: Session, context: DemoContext, roster: Roster, officers: tuple[str, str], day: date,
                    *, split: bool, latest: bool) -> None:
    """The quarter's co-management assembly: every body seated, the quorum required in each, the production plan
    voted by a concurrent majority (`split`: the communal delegates divide evenly and it fails among them)."""
    rng = context.rng
    members = [_as_of(record, day) for record in context.members]
    attendance = _attendance(rng, members, day, officers, low=False)
    for member in members:  # the delegates and representatives come: it is their assembly too
        if member.body is not Body.WORKER and member.status is MemberStatus.ACTIVE and member.joined_on <= day:
            attendance[member.code] = "present"
    plan, report = JOINT_TOPICS
    items = [
        {"title": plan[0], "minutes": plan[1],
         "motions": [_concurrent_motion(rng, plan[2], attendance, members, day, split=split)]},
        {"title": report[0], "minutes": report[1],
         "motions": [_motion(rng, report[2], report[3], report[4], attendance, members, day, approval=True)]}]
    quarter = (day.month - 1) // 3 + 1
    data = {"title": f"Asamblea conjunta de cogestión del {quarter}.º trimestre de {day.year}", "kind": "ordinary",
            "organ": "joint", "quorum_per_body": True, "starts_at": datetime.combine(day, time(9, 0)).isoformat(),
            "place": PLACE, "chair": officers[0], "secretary": officers[1], "quorum": "half",
            "attendance": attendance, "items": items, "convened_on": (day - timedelta(days=10)).isoformat()}
    meeting = store_form(session, parse_meeting(data, members), roster,
                         ends_at=datetime.combine(day, time(9, 0)) + timedelta(minutes=rng.randint(120, 180)))
    _decisions(session, rng, meeting, JOINT_TOPICS, members, day, context.today)
    if not latest:  # read out and signed at the close; the latest awaits its signatures
        approve_in_session(session, meeting)


def _concurrent_motion(rng: random.Random, text: str, attendance: dict[str, Any], members: Sequence[Member],
                       day: date, *, split: bool) -> dict[str, Any]:
    """A secret ballot counted body by body: most workers for; the delegates for, or evenly split."""
    body_of = {m.code: m.body for m in members}
    counts: dict[str, dict[str, int]] = {}
    for body in (Body.WORKER, Body.COMMUNAL_COUNCIL, Body.STATE):
        voters = [code for code in _present_voters(attendance, members, day) if body_of[code] is body]
        if not voters:
            continue
        share = 0.5 if split and body is Body.COMMUNAL_COUNCIL else rng.choice((0.75, 0.85, 1.0))
        yes = round(len(voters) * share) if body is not Body.COMMUNAL_COUNCIL or not split else len(voters) // 2
        no = len(voters) - yes if split and body is Body.COMMUNAL_COUNCIL else max(0, len(voters) - yes - 1)
        counts[body.value] = {"yes": yes, "no": no, "abstain": len(voters) - yes - no}
    return {"text": text, "method": "secret", "majority": "simple", "concurrent": True, "counts_by_body": counts}


MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")


def _meeting_days(starts_on: date, today: date) -> list[date]:
    """The third Thursday of each month after the history starts, before today."""
    days = []
    year, month = starts_on.year, starts_on.month
    while True:
        first = date(year, month, 1)
        day = first + timedelta(days=(3 - first.weekday()) % 7 + 14)
        if day >= today:
            return days
        if day > starts_on:
            days.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _as_of(record: MemberRecord, day: date) -> Member:
    status = MemberStatus.ACTIVE
    for change in sorted(record.history, key=lambda change: change.changed_on):
        if change.changed_on <= day:
            status = change.status
    return Member(code=record.code, full_name=record.full_name, body=record.body, joined_on=record.joined_on,
                  voting=record.voting, status=status, id=record.id)


def _officers(records: Sequence[MemberRecord], starts_on: date) -> tuple[str, str]:
    """Chair and secretary: the first two workers who were members throughout and never changed status."""
    steady = [r.code for r in records if r.body is Body.WORKER and r.joined_on < starts_on and len(r.history) == 1]
    steady = steady or [r.code for r in records]
    return steady[0], steady[1 % len(steady)]


def _attendance(rng: random.Random, members: Sequence[Member], day: date, officers: tuple[str, str], *,
                low: bool) -> dict[str, Any]:
    """Most come; a few send a proxy, some are excused; on a `low` day too few come for a quorum."""
    attendance: dict[str, Any] = {}
    wanting_proxy = []
    present, proxy, excused = (0.3, 0.3, 0.5) if low else (0.70, 0.76, 0.86)
    for member in members:
        if member.status is not MemberStatus.ACTIVE or member.joined_on > day:
            continue
        draw = 0.0 if member.code in officers else rng.random()
        if not is_entitled(member, day):
            if draw < 0.5:
                attendance[member.code] = "present"
        elif draw < present:
            attendance[member.code] = "present"
        elif draw < proxy:
            wanting_proxy.append(member.code)
        elif draw < excused:
            attendance[member.code] = "excused"
    entitled = {m.code for m in members if is_entitled(m, day)}
    holders = [code for code, mark in attendance.items() if mark == "present" and code in entitled]
    rng.shuffle(holders)
    for code in wanting_proxy:
        if holders:
            attendance[code] = {"proxy": holders.pop()}
    return attendance


def _present_voters(attendance: dict[str, Any], members: Sequence[Member], day: date) -> list[str]:
    entitled = {m.code for m in members if is_entitled(m, day)}
    return sorted(code for code, mark in attendance.items() if code in entitled and mark != "excused")


def _motion(rng: random.Random, text: str, method: str, majority: str, attendance: dict[str, Any],
            members: Sequence[Member], day: date, *, approval: bool = False) -> dict[str, Any]:
    voters = _present_voters(attendance, members, day)
    motion: dict[str, Any] = {"text": text, "method": method, "majority": majority}
    share = 0.9 if approval else rng.choice((0.45, 0.6, 0.7, 0.8, 0.9, 1.0) if majority != "unanimous" else (1.0,))
    if method == "roll_call":
        ballots = {}
        for code in voters:
            draw = rng.random()
            ballots[code] = "yes" if draw < share else "abstain" if draw > 0.97 else "no"
        motion["ballots"] = ballots
        return motion
    cast = len(voters) - rng.randint(0, max(0, len(voters) // 12))
    yes = round(cast * share)
    abstain = min(cast - yes, rng.randint(0, max(0, cast // 10)))
    motion["counts"] = {"yes": yes, "no": cast - yes - abstain, "abstain": abstain}
    return motion


def _election(rng: random.Random, attendance: dict[str, Any], members: Sequence[Member],
              day: date) -> dict[str, Any] | None:
    """Three voceros; the third seat is tied and a runoff between the two settles it (a council big enough)."""
    voters = _present_voters(attendance, members, day)
    workers = {m.code for m in members if m.body is Body.WORKER}
    standing = [code for code in voters if code in workers and attendance[code] == "present"]
    cast = len(voters) - 1
    if len(standing) < 5 or cast < 12:
        return None
    candidates = sorted(rng.sample(standing, 5))
    shares = (0.8, 0.7, 0.5, 0.5, 0.3)
    votes = {code: int(cast * share) for code, share in zip(candidates, shares, strict=True)}
    tied = candidates[2:4]
    first = round((cast - 1) * 0.6)
    return {"title": "Elección de voceros y voceras del consejo",
            "minutes": "Se postularon cinco compañeros y compañeras. La comisión electoral dirigió la votación "
                       "secreta y el escrutinio.\n\nHubo empate por el tercer puesto, que se resolvió en segunda "
                       "vuelta.",
            "elections": [
                {"title": "Voceros y voceras del consejo", "seats": 3, "max_choices": 3, "method": "secret",
                 "ballots_cast": cast, "blank_ballots": 0, "null_ballots": 0, "votes": votes},
                {"title": "Voceros y voceras del consejo (segunda vuelta)", "seats": 1, "max_choices": 1,
                 "method": "secret", "ballots_cast": cast, "blank_ballots": 0, "null_ballots": 1,  # one spoilt
                 "votes": {tied[0]: first, tied[1]: cast - 1 - first}}]}


def _decisions(session: Session, rng: random.Random, meeting: MeetingRecord, chosen: Sequence[tuple],
               members: Sequence[Member], day: date, today: date) -> None:
    """An acuerdo for each passed topical motion, with its follow-up actions."""
    by_title = {topic[0]: topic for topic in chosen}
    responsible = [m.id for m in members if is_entitled(m, day)]
    for item in session.scalars(select(AgendaItemRecord).where(AgendaItemRecord.meeting_id == meeting.id)):
        topic = by_title.get(item.title)
        if topic is None:
            continue
        for motion in session.scalars(select(MotionRecord).where(MotionRecord.item_id == item.id)):
            if motion.result is not MotionResult.PASSED:
                continue
            decision = DecisionRecord(item_id=item.id, motion_id=motion.id, text=topic[5])
            session.add(decision)
            session.flush()
            for description in topic[6]:
                due = day + timedelta(days=rng.randint(7, 45))
                status = ActionStatus.OPEN
                if due < today - timedelta(days=14):
                    status = ActionStatus.DONE if rng.random() < 0.85 else ActionStatus.CANCELLED
                session.add(FollowUpActionRecord(
                    decision_id=decision.id, description=description, responsible_id=rng.choice(responsible),
                    due_on=due, status=status, done_on=due - timedelta(days=rng.randint(0, 5))
                    if status is ActionStatus.DONE else None))
    session.flush()


def _approve_earlier(session: Session, meeting: MeetingRecord) -> None:
    """The meeting's "Aprobación del acta anterior", if it passed, approves every earlier minutes still waiting."""
    motion = session.scalar(select(MotionRecord).join(AgendaItemRecord, AgendaItemRecord.id == MotionRecord.item_id)
                            .where(AgendaItemRecord.meeting_id == meeting.id, AgendaItemRecord.title == APPROVAL))
    if motion is None or motion.result is not MotionResult.PASSED:
        return
    for earlier in session.scalars(select(MeetingRecord).where(MeetingRecord.state == MeetingState.CLOSED,
                                                               MeetingRecord.organ == meeting.organ,
                                                               MeetingRecord.starts_at < meeting.starts_at)
                                   .order_by(MeetingRecord.starts_at)).all():
        approve_in_session(session, earlier, motion_id=motion.id)



def passed_motions(session: Session, context: DemoContext, *, day: date, title: str, item_title: str,
                   texts: Sequence[str], organ: Organ = Organ.JOINT) -> list[MotionRecord]:
    """A small assembly of `organ` on `day` that passes these motions by a show of hands, stored like any
    imported meeting (sealed votes, frozen roll) — for other demo steps that need a decision to point at (rates,
    funds, a rotation plan)."""
    rng = context.rng
    members = [_as_of(record, day) for record in context.members]
    entitled = [m.code for m in members if is_entitled(m, day) and organ.admits(m.body)]
    attendance: dict[str, Any] = {code: "present" for code in entitled if rng.random() < 0.85}
    if 2 * len(attendance) <= len(entitled):  # make sure of the quorum
        attendance = dict.fromkeys(entitled, "present")
    cast = len(attendance)
    data = {"title": title, "organ": organ.value,
            "kind": "extraordinary" if "extraordinaria" in title.lower() else organ.usual_kind.value,
            "starts_at": datetime.combine(day, time(9, 0)).isoformat(), "place": PLACE, "quorum": "half",
            "convened_on": (day - timedelta(days=7)).isoformat(),
            "chair": entitled[0] if entitled else None, "secretary": entitled[1] if len(entitled) > 1 else None,
            "attendance": attendance,
            "items": [{"title": item_title, "minutes": "Se presentó la propuesta, se debatió y se votó a mano alzada.",
                       "motions": [{"text": text, "method": "open", "majority": "simple",
                                    "counts": {"yes": cast, "no": 0, "abstain": 0}} for text in texts]}]}
    meeting = store_form(session, parse_meeting(data, members), load_roster(session, None),
                         ends_at=datetime.combine(day, time(11, 0)))
    motions = list(session.scalars(select(MotionRecord).join(AgendaItemRecord,
                                                             AgendaItemRecord.id == MotionRecord.item_id)
                                   .where(AgendaItemRecord.meeting_id == meeting.id).order_by(MotionRecord.position)))
    for motion in motions:
        session.add(DecisionRecord(item_id=motion.item_id, motion_id=motion.id, text=motion.text))
    session.flush()
    return motions
