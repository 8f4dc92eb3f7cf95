"""The health-and-safety log: injuries, illnesses, near misses and hazards, with the actions decided.

Who was affected is private (`Viewer`); an incident may raise a need or a commitment, which then names it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from coopdesk.domain.needs import ACTIONS_MAX, WHAT_MAX, Incident, IncidentKind, Viewer
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import IncidentRecord
from coopdesk.services.change_log import record_change
from coopdesk.services.needs._store import check_texts, load_incidents, member_id_of, not_after_today

ENTITY = "incident"


def add_incident(db: Database, *, on: date, kind: IncidentKind, what: str, member_code: str | None = None,
                 actions: str = "") -> Incident:
    kind = IncidentKind(kind)
    check_texts((what, "what", WHAT_MAX, True), (actions, "actions", ACTIONS_MAX, False))
    not_after_today(on, "on")
    with db.write() as session:
        record = IncidentRecord(occurred_on=on, kind=kind, what=what.strip(), actions=(actions or "").strip(),
                                member_id=member_id_of(session, member_code))
        session.add(record)
        session.flush()
        # The change log keeps what happened, never who was affected.
        record_change(session, entity=ENTITY, entity_id=record.id, before=None,
                      after={"on": on.isoformat(), "kind": kind.value, "what": record.what})
        return load_incidents(session, Viewer.desk(), [record.id])[0]


def list_incidents(db: Database, *, viewer: Viewer) -> list[Incident]:
    """The log, the latest first, as this viewer may see it (the affected member only for those allowed)."""
    with db.read() as session:
        return load_incidents(session, viewer)


def incident_ids(db: Database) -> list[int]:
    """The ids of the log, the latest first (rows are fetched lazily by `incidents_by_id`)."""
    from coopdesk.services.needs._store import INCIDENTS

    with db.read() as session:
        return list(session.execute(select(INCIDENTS.c.id).order_by(INCIDENTS.c.occurred_on.desc(),
                                                                    INCIDENTS.c.id.desc())).scalars())


def incidents_by_id(db: Database, ids: list[int], *, viewer: Viewer) -> dict[int, Incident]:
    with db.read() as session:
        return {incident.id: incident for incident in load_incidents(session, viewer, ids)}
