"""The health-and-safety log: injuries, illnesses, near misses and hazards (who was affected stays private)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coopdesk.domain.needs import IncidentKind
from coopdesk.i18n import N_, _
from coopdesk.services import needs
from coopdesk.ui.needs.form import FormDialog
from coopdesk.ui.needs.models import IncidentsModel
from coopdesk.ui.needs.tabs import RecordsTab


class IncidentsTab(RecordsTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(IncidentsModel(), parent)
        self.bar.addStretch(1)
        self.add_button = self.button(N_("New incident…"), self.add)
        self.need_button = self.button(N_("Raise a need…"), self.raise_need, needs_row=True)
        self.commitment_button = self.button(N_("Raise a commitment…"), self.raise_commitment, needs_row=True)
        self.retranslate_ui()

    def accessible_title(self) -> str:
        return _("Incidents")

    def add(self) -> FormDialog | None:
        if self.db is None:
            return None
        db = self.db
        from coopdesk.services.members import all_members

        def write(form: FormDialog):  # type: ignore[no-untyped-def]
            values = {"on": form.value("on"), "kind": IncidentKind(form.value("kind")), "what": form.value("what"),
                      "member_code": form.value("member"), "actions": form.value("actions")}
            return lambda: needs.add_incident(db, **values)

        form = FormDialog(self, _("New incident"), write, self.saved)
        form.day("on", _("Date"))
        form.choice("kind", _("Kind"), [(_(kind.label), kind.value) for kind in IncidentKind])
        form.long_text("what", _("What happened"))
        form.choice("member", _("Affected (kept private)"),
                    [(_("— nobody —"), None)] + [(f"{m.code} — {m.full_name}", m.code) for m in all_members(db)])
        form.long_text("actions", _("Actions decided"))
        form.open()
        return form

    def raise_need(self) -> FormDialog | None:
        """A need the incident brought up (an injured member's, say), linked to it."""
        incident_id = self.selected_id()
        if incident_id is None or self.db is None:
            return None
        from coopdesk.ui.needs.needs_tab import need_form

        form = need_form(self, self.db, lambda _need: self.saved(), incident_id=incident_id)
        form.open()
        return form

    def raise_commitment(self) -> FormDialog | None:
        """What a party must do because of the incident (a repair, a paramedic), linked to it."""
        incident_id = self.selected_id()
        if incident_id is None or self.db is None:
            return None
        from coopdesk.ui.needs.commitments_tab import commitment_form

        form = commitment_form(self, self.db, lambda _commitment: self.saved(), incident_id=incident_id)
        form.open()
        return form
