"""Published rosters are tamper-evident: the audit chain holds the hash of each published plan's content,
written when it was published and again after every recorded change (a swap, or a member released from a week).
`verify` checks that the content of each published plan still gives the last hash the chain holds for it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.domain.audit import record_hash
from coopdesk.domain.errors import Problem
from coopdesk.domain.rotation import PlanState
from coopdesk.i18n import N_
from coopdesk.persistence.models import AssignmentRecord, AuditEventRecord, RotationPlanRecord

PUBLISH, SWAP, RELEASE = "publish_rotation", "swap_rotation", "release_rotation"
ENTITY = "rotation_plan"


def plan_content(session: Session, record: RotationPlanRecord) -> dict[str, Any]:
    """The canonical content of a plan: member and post ids, not codes, since a code may be corrected later."""
    rows = session.execute(select(AssignmentRecord.week_start, AssignmentRecord.post_id, AssignmentRecord.member_id,
                                  AssignmentRecord.role).where(AssignmentRecord.plan_id == record.id)).all()
    return {
        "plan": record.id, "starts_on": record.starts_on.isoformat(), "weeks": record.weeks,
        "assignments": sorted([week.isoformat(), post, member, getattr(role, "value", role)]
                              for week, post, member, role in rows),
    }


def plan_hash(session: Session, record: RotationPlanRecord) -> str:
    return record_hash(plan_content(session, record))


def rotation_problems(session: Session) -> list[Problem]:
    """Published plans that no event of the chain published (the others are checked from the chain's side, in
    `coopdesk.services.seals`)."""
    recorded: dict[str, str | None] = {}
    for entity_id, after in session.execute(
            select(AuditEventRecord.entity_id, AuditEventRecord.after_json)
            .where(AuditEventRecord.entity == ENTITY, AuditEventRecord.action.in_((PUBLISH, SWAP, RELEASE)))
            .order_by(AuditEventRecord.id)):
        try:
            recorded[entity_id or ""] = json.loads(after or "{}")["record_hash"]
        except (ValueError, KeyError, TypeError):
            recorded[entity_id or ""] = None
    problems = []
    plans = session.scalars(select(RotationPlanRecord).where(RotationPlanRecord.state == PlanState.PUBLISHED)
                            .order_by(RotationPlanRecord.id))
    for record in plans:
        digest = recorded.get(str(record.id))
        if digest is None:
            problems.append(Problem(N_("Rotation plan %(id)s is marked published, but the audit chain holds no "
                                       "record of its publication."), {"id": record.id}))
    return problems
