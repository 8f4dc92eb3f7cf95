"""The demo's needs, commitments and incidents, telling the field study's story: a clinic that only takes
emergencies, owed by management and overdue for months; a near miss with the forklift that became a
commitment and was met; community needs taken up with the communal council; personal and family needs (some
private) raised, decided and met; and the next assembly, convened, with a need on its agenda.

Past meetings are approved and locked, so they are only pointed at (a need raised under one of their items, a
commitment citing one of their decisions), never changed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.meetings import MeetingKind, MeetingState, QuorumRule
from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.needs import CommitmentState, IncidentKind, NeedKind, NeedState
from coopdesk.domain.organs import Organ
from coopdesk.persistence.models import (
    AgendaItemRecord,
    CommitmentRecord,
    DecisionRecord,
    IncidentRecord,
    MeetingRecord,
    NeedRecord,
)
from coopdesk.services.demo_meetings import APPROVAL, MONTHS, PLACE, _officers

MANAGEMENT = "Gerencia de la EPS"
MINISTRY = "Ministerio del Poder Popular para el Proceso Social de Trabajo"
COMMUNAL_COUNCIL = "Consejo comunal Los Cerritos"

# (kind, title, detail, private, consent, days ago recorded, days to meet or None)
PERSONAL_AND_FAMILY = (
    (NeedKind.FAMILY, "Tratamiento de neurología de un hijo", "Consultas y medicinas fuera de la clínica", True,
     False, 300, 41),
    (NeedKind.PERSONAL, "Lentes correctivos", "", False, False, 260, 19),
    (NeedKind.FAMILY, "Reparar el techo de la vivienda tras las lluvias", "", False, True, 210, 63),
    (NeedKind.PERSONAL, "Transporte para el turno de la noche", "", False, False, 150, None),
    (NeedKind.FAMILY, "Cuidado de la madre enferma durante el turno", "Diagnóstico reservado", True, False, 90, None),
    (NeedKind.PERSONAL, "Curso de soldadura", "", False, True, 120, 70),
    (NeedKind.PERSONAL, "Adelanto para medicinas", "", True, True, 45, 6),
)


def add_needs(session: Session, context) -> None:  # type: ignore[no-untyped-def]
    today = context.today
    workers = [m for m in context.members if m.body is Body.WORKER and m.status is MemberStatus.ACTIVE]
    if not workers:
        return
    decisions = _decisions_by_topic(session)
    health, safety, community = (decisions.get(topic) for topic in
                                 ("Fondo de salud", "Seguridad industrial", "Relación con el consejo comunal"))
    # The clinic: demanded by an assembly, owed by management, overdue for months.
    session.add(CommitmentRecord(
        owed_by=MANAGEMENT, what="Cobertura completa de la clínica para los trabajadores y sus familias (hoy solo "
        "atiende emergencias)", due=today - timedelta(days=150), state=CommitmentState.PENDING, evidence="",
        decision_id=health.id if health else None, created_on=today - timedelta(days=190)))
    session.add(CommitmentRecord(
        owed_by=MINISTRY, what="Un paramédico en planta en cada turno", due=today + timedelta(days=25),
        state=CommitmentState.PENDING, evidence="", decision_id=safety.id if safety else None,
        created_on=today - timedelta(days=60)))
    # A near miss that became a commitment, and was met.
    near_miss = IncidentRecord(occurred_on=today - timedelta(days=200), kind=IncidentKind.NEAR_MISS,
                               what="El montacargas quedó sin frenos en la rampa de carga; nadie resultó herido",
                               member_id=workers[2 % len(workers)].id,
                               actions="Se paró el montacargas y se exigió su reparación a la gerencia")
    injury = IncidentRecord(occurred_on=today - timedelta(days=95), kind=IncidentKind.INJURY,
                            what="Corte en la mano en la línea de empaque", member_id=workers[5 % len(workers)].id,
                            actions="Primeros auxilios; guantes anticorte para el área")
    hazard = IncidentRecord(occurred_on=today - timedelta(days=20), kind=IncidentKind.HAZARD,
                            what="Cables sueltos junto al tablero del galpón 2", member_id=None,
                            actions="Área señalizada; se pide la revisión eléctrica")
    session.add_all([near_miss, injury, hazard])
    session.flush()
    session.add(CommitmentRecord(
        owed_by=MANAGEMENT, what="Reparar los frenos del montacargas y revisarlo cada mes",
        due=today - timedelta(days=180), state=CommitmentState.DONE, done_on=today - timedelta(days=184),
        evidence="Acta de entrega del taller", decision_id=safety.id if safety else None,
        incident_id=near_miss.id, created_on=today - timedelta(days=199)))
    session.add(CommitmentRecord(
        owed_by=MANAGEMENT, what="Revisión eléctrica del tablero del galpón 2", due=today + timedelta(days=10),
        state=CommitmentState.PENDING, evidence="", incident_id=hazard.id, created_on=today - timedelta(days=19)))
    _community_needs(session, today, community)
    _member_needs(session, today, workers)
    _next_assembly(session, context, workers)


def _decisions_by_topic(session: Session) -> dict[str, DecisionRecord]:
    """The earliest decision taken under each agenda title (in approved meetings)."""
    found: dict[str, DecisionRecord] = {}
    rows = session.execute(select(DecisionRecord, AgendaItemRecord.title).join(
        AgendaItemRecord, AgendaItemRecord.id == DecisionRecord.item_id).join(
        MeetingRecord, MeetingRecord.id == AgendaItemRecord.meeting_id).where(
        MeetingRecord.state == MeetingState.APPROVED).order_by(MeetingRecord.starts_at))
    for decision, title in rows:
        found.setdefault(title, decision)
    return found


def _community_needs(session: Session, today: date, community: DecisionRecord | None) -> None:
    """Taken up with the communal council: raised under its agenda item, decided there; one met since."""
    item = session.get(AgendaItemRecord, community.item_id) if community else None
    raised = {"raised_in_id": item.meeting_id, "agenda_item_id": item.id, "decision_id": community.id,
              "state": NeedState.DECIDED} if item and community else {"state": NeedState.OPEN}
    session.add(NeedRecord(kind=NeedKind.COMMUNITY, title="Agua potable para el sector (tanque comunal)",
                           detail=f"Con el {COMMUNAL_COUNCIL}", created_on=today - timedelta(days=330), how="",
                           evidence="", **raised))
    met = dict(raised, state=NeedState.MET) if item else {"state": NeedState.MET}
    session.add(NeedRecord(kind=NeedKind.COMMUNITY, title="Jornada mensual de venta directa en la comunidad",
                           detail=f"Con el {COMMUNAL_COUNCIL}", created_on=today - timedelta(days=280),
                           met_on=today - timedelta(days=230), how="Primera jornada en la cancha del sector",
                           evidence="Acta del consejo comunal", **met))


def _member_needs(session: Session, today: date, workers: list) -> None:  # type: ignore[type-arg]
    for index, (kind, title, detail, private, consent, ago, days) in enumerate(PERSONAL_AND_FAMILY):
        met_on = today - timedelta(days=ago) + timedelta(days=days) if days is not None else None
        session.add(NeedRecord(
            kind=kind, member_id=workers[(index * 7 + 3) % len(workers)].id, title=title, detail=detail,
            private=private, consent_to_name=consent, created_on=today - timedelta(days=ago),
            state=NeedState.MET if met_on else NeedState.OPEN, met_on=met_on,
            how="Ayuda del fondo de salud" if met_on and private else ("Resuelto por el consejo" if met_on else ""),
            evidence="Factura" if met_on else ""))


def _next_assembly(session: Session, context, workers: list) -> None:  # type: ignore[no-untyped-def,type-arg]
    """The Workers' Council's next session, convened for the third Thursday after today, with a need raised on
    its agenda."""
    today = context.today
    first = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    day = first + timedelta(days=(3 - first.weekday()) % 7 + 14)
    chair, secretary = _officers(context.members, context.starts_on)
    ids = {m.code: m.id for m in context.members}
    meeting = MeetingRecord(title=f"Sesión del Consejo de Trabajadores de {MONTHS[day.month - 1]} de {day.year}",
                            kind=MeetingKind.COUNCIL, organ=Organ.WORKERS_COUNCIL,
                            starts_at=datetime.combine(day, time(9, 0)), place=PLACE,
                            chair_id=ids[chair], secretary_id=ids[secretary], quorum_rule=QuorumRule.HALF,
                            state=MeetingState.CONVENED)
    session.add(meeting)
    session.flush()
    titles = (APPROVAL, "Informe de la gerencia sobre la cobertura de la clínica", "Alumbrado de la calle de acceso")
    items = [AgendaItemRecord(meeting_id=meeting.id, position=n, title=title, minutes="")
             for n, title in enumerate(titles, 1)]
    session.add_all(items)
    session.flush()
    session.add(NeedRecord(kind=NeedKind.COMMUNITY, title=titles[2], detail=f"Con el {COMMUNAL_COUNCIL}",
                           created_on=today - timedelta(days=12), state=NeedState.RAISED, raised_in_id=meeting.id,
                           agenda_item_id=items[2].id, how="", evidence=""))
