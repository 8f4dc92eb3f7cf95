"""The needs register: add a need, raise it in a meeting (an agenda item), record the decision, mark it met."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from coopdesk.domain.meetings import MeetingState
from coopdesk.domain.needs import Need, NeedKind, NeedState, Viewer
from coopdesk.i18n import N_, _, format_date
from coopdesk.services import needs
from coopdesk.ui.needs.form import FormDialog
from coopdesk.ui.needs.models import DESK, NeedsModel
from coopdesk.ui.needs.tabs import RecordsTab

LIVE = (MeetingState.DRAFT, MeetingState.CONVENED, MeetingState.OPEN)


def need_form(parent: QWidget, db, on_done, *, member_code: str | None = None,  # type: ignore[no-untyped-def]
              incident_id: int | None = None) -> FormDialog:
    """The form of a new need; `member_code` fixes the member (a member adding their own need); `incident_id`:
    the incident that raised it."""

    def write(form: FormDialog):  # type: ignore[no-untyped-def]
        kind, code = NeedKind(form.value("kind")), member_code or form.value("member")
        values = {"kind": kind, "member_code": code, "title": form.value("title"), "detail": form.value("detail"),
                  "private": form.value("private"), "consent_to_name": form.value("named"),
                  "incident_id": incident_id}
        return lambda: needs.add_need(db, **values)

    form = FormDialog(parent, _("New need"), write, on_done,
                      intro=_("A private need shows whose it is only to that member, the secretaries and the "
                              "administrators; reports name its member only if they agree."))
    form.choice("kind", _("Kind"), [(_(kind.label), kind.value) for kind in NeedKind])
    if member_code is None:
        from coopdesk.services.members import all_members

        people = [(_("— the community —"), None)] + [(f"{m.code} — {m.full_name}", m.code) for m in all_members(db)]
        form.choice("member", _("Member"), people)
    form.text("title", _("Need"))
    form.long_text("detail", _("Detail"))
    form.check("private", _("Private (health, family)"))
    form.check("named", _("The member agrees to be named in reports"))
    return form


class NeedsTab(RecordsTab):
    def __init__(self, parent: QWidget | None = None, *, viewer: Viewer = DESK) -> None:
        super().__init__(NeedsModel(viewer=viewer), parent)
        self.only_open = QCheckBox()
        self.only_open.setChecked(True)
        self.only_open.toggled.connect(self._filter)
        self.model.need_filter = needs.NeedFilter(open_only=True)
        self.bar.addWidget(self.only_open)
        self.bar.addStretch(1)
        self.add_button = self.button(N_("New need…"), self.add)
        self.raise_button = self.button(N_("Raise in a meeting…"), self.raise_selected, needs_row=True)
        self.decide_button = self.button(N_("Record the decision…"), self.decide_selected, needs_row=True)
        self.met_button = self.button(N_("Mark as met…"), self.meet_selected, needs_row=True)
        self.table.doubleClicked.connect(lambda _index: self.show_selected())
        self.retranslate_ui()

    def accessible_title(self) -> str:
        return _("Needs")

    def retranslate_ui(self) -> None:
        self.only_open.setText(_("Only those not yet met"))
        super().retranslate_ui()

    def _filter(self, checked: bool) -> None:
        self.model.need_filter = needs.NeedFilter(open_only=checked)
        self.stale = True
        self.ensure_loaded()

    def update_buttons(self) -> None:
        super().update_buttons()
        need: Need | None = self.selected()
        state = need.state if need is not None else None
        self.raise_button.setEnabled(state is NeedState.OPEN)
        self.decide_button.setEnabled(state is NeedState.RAISED)
        self.met_button.setEnabled(state is not None and state is not NeedState.MET)

    def select(self, record_id: int) -> bool:
        if self.model.row_of(record_id) is None and self.only_open.isChecked():
            self.only_open.setChecked(False)  # a met need is shown too when it is asked for
        return super().select(record_id)

    # -- actions

    def add(self) -> FormDialog | None:
        if self.db is None:
            return None
        form = need_form(self, self.db, self.saved)
        form.open()
        return form

    def raise_selected(self) -> FormDialog | None:
        need = self.selected()
        if need is None or self.db is None:
            return None
        db = self.db
        from coopdesk.services.meetings import list_meetings

        meetings = [(f"{m.id} · {format_date(m.starts_at.date())} · {m.title}", m.id)
                    for m in list_meetings(db) if m.state in LIVE]
        form = FormDialog(self, _("Raise in a meeting"), lambda f: lambda: needs.raise_need(
            db, need_id=need.id, meeting_id=f.value("meeting")), self.saved,
            intro=_("The need becomes the last item of the meeting's agenda."))
        form.choice("meeting", _("Meeting"), meetings)
        form.open()
        return form

    def decide_selected(self) -> FormDialog | None:
        need = self.selected()
        if need is None or self.db is None or need.raised_in is None:
            return None
        db = self.db
        from coopdesk.services.meetings import meeting_detail

        detail = meeting_detail(db, need.raised_in)
        decisions = [(f"{item.position}. {decision.text}", decision.id) for item in detail.items
                     for decision in item.decisions]
        form = FormDialog(self, _("Record the decision"), lambda f: lambda: needs.decide_need(
            db, need_id=need.id, decision_id=f.value("decision")), self.saved,
            intro=_("The decisions taken in that meeting; record one there first if it is not listed."))
        form.choice("decision", _("Decision"), decisions)
        form.open()
        return form

    def meet_selected(self) -> FormDialog | None:
        need = self.selected()
        if need is None or self.db is None:
            return None
        db = self.db
        form = FormDialog(self, _("Mark as met"), lambda f: lambda: needs.meet_need(
            db, need_id=need.id, on=f.value("on"), how=f.value("how"), evidence=f.value("evidence"),
            version=need.version), self.saved)
        form.day("on", _("Met on"))
        form.text("how", _("How"))
        form.text("evidence", _("Evidence"))
        form.open()
        return form

    def show_selected(self) -> None:
        need = self.selected()
        if need is None:
            return
        from PySide6.QtWidgets import QMessageBox

        lines = [need.title, _(need.kind.label) + " · " + _(need.state.label)]
        lines += [need.detail] if need.detail else []
        lines += [_("How: %(how)s") % {"how": need.how}] if need.how else []
        box = QMessageBox(QMessageBox.Icon.Information, _("Need %(id)d") % {"id": need.id}, "\n\n".join(lines),
                          QMessageBox.StandardButton.Close, self)
        box.open()
