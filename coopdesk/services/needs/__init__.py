"""Needs, commitments owed to the council, and incidents — as user actions (see docs/cli.md, "Needs")."""

from coopdesk.services.needs.commitments import (
    add_commitment,
    commitment_ids,
    commitments_by_id,
    fund_arrears_commitments,
    list_commitments,
    mark_done,
)
from coopdesk.services.needs.incidents import add_incident, incident_ids, incidents_by_id, list_incidents
from coopdesk.services.needs.register import (
    NeedFilter,
    add_need,
    decide_need,
    export_needs,
    list_needs,
    meet_need,
    need_ids,
    needs_by_id,
    raise_need,
)
from coopdesk.services.needs.viewers import viewer_of_cli, viewer_of_user

__all__ = [
    "NeedFilter",
    "add_commitment",
    "add_incident",
    "add_need",
    "commitment_ids",
    "commitments_by_id",
    "decide_need",
    "export_needs",
    "fund_arrears_commitments",
    "incident_ids",
    "incidents_by_id",
    "list_commitments",
    "list_incidents",
    "list_needs",
    "mark_done",
    "meet_need",
    "need_ids",
    "needs_by_id",
    "raise_need",
    "viewer_of_cli",
    "viewer_of_user",
]
