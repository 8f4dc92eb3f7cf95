"""Commitments owed to the council: add one, mark it done, print the letter to the party that owes it."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QCheckBox, QWidget

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.needs import OWED_BY_SUGGESTIONS, CommitmentState
from coopdesk.i18n import N_, _
from coopdesk.services import needs
from coopdesk.ui.common import open_report
from coopdesk.ui.needs.form import FormDialog
from coopdesk.ui.needs.models import CommitmentsModel
from coopdesk.ui.needs.tabs import RecordsTab


def commitment_form(parent: QWidget, db, on_done, *, incident_id: int | None = None) -> FormDialog:  # type: ignore[no-untyped-def]
    """The form of a new commitment; `incident_id`: the incident that raised it."""

    def write(form: FormDialog):  # type: ignore[no-untyped-def]
        decision = form.value("decision")
        if decision and not decision.isdigit():
            return lambda: _not_a_decision(decision)
        values = {"owed_by": form.value("owed_by"), "what": form.value("what"), "due": form.value("due"),
                  "decision_id": int(decision) if decision else None, "incident_id": incident_id}
        return lambda: needs.add_commitment(db, **values)

    form = FormDialog(parent, _("New commitment"), write, on_done)
    form.choice("owed_by", _("Owed by"), [(_(party), None) for party in OWED_BY_SUGGESTIONS], editable=True)
    form.text("what", _("What"))
    form.day("due", _("Due"), date.today() + timedelta(days=30))
    form.text("decision", _("Decision number (optional)"))
    return form


def _not_a_decision(text: str) -> None:
    raise InvalidInput(N_("'%(value)s' is not a decision number (the number shown beside the decision)."),
                       value=text)


class CommitmentsTab(RecordsTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(CommitmentsModel(), parent)
        self.only_pending = QCheckBox()
        self.only_pending.toggled.connect(self._filter)
        self.bar.addWidget(self.only_pending)
        self.bar.addStretch(1)
        self.add_button = self.button(N_("New commitment…"), self.add)
        self.done_button = self.button(N_("Mark as done…"), self.done_selected, needs_row=True)
        self.letter_button = self.button(N_("Letter…"), self.letter_selected, needs_row=True)
        self.retranslate_ui()

    def accessible_title(self) -> str:
        return _("Commitments")

    def retranslate_ui(self) -> None:
        self.only_pending.setText(_("Only pending"))
        super().retranslate_ui()

    def write_controls(self) -> tuple[QWidget, ...]:
        return (self.add_button, self.done_button)

    def _filter(self, checked: bool) -> None:
        self.model.pending_only = checked
        self.stale = True
        self.ensure_loaded()

    def update_buttons(self) -> None:
        super().update_buttons()
        commitment = self.selected()
        recorded = commitment is not None and commitment.fund_code is None  # a fund's arrears end by a deposit
        self.done_button.setEnabled(recorded and commitment.state is CommitmentState.PENDING)

    def add(self) -> FormDialog | None:
        if self.db is None:
            return None
        form = commitment_form(self, self.db, self.saved)
        form.open()
        return form

    def done_selected(self) -> FormDialog | None:
        commitment = self.selected()
        if commitment is None or self.db is None:
            return None
        db = self.db
        form = FormDialog(self, _("Mark as done"), lambda f: lambda: needs.mark_done(
            db, commitment_id=commitment.id, on=f.value("on"), evidence=f.value("evidence"),
            version=commitment.version), self.saved)
        form.day("on", _("Done on"))
        form.text("evidence", _("Evidence"))
        form.open()
        return form

    def letter_selected(self) -> QWidget | None:
        commitment_id = self.selected_id()
        if commitment_id is None or self.db is None:
            return None
        db = self.db
        from coopdesk.services.needs.printing import letter_report

        def render(lang: str) -> bytes:
            return letter_report(db, commitment_id=commitment_id, lang="es" if lang == "es+en" else lang)

        return open_report(db, self, title=N_("Request to honour a commitment"), render=render,
                           file_stem=f"carta-compromiso-{commitment_id}")
