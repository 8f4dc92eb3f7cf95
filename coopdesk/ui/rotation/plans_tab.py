"""The plans: every plan with its weeks, state and swaps; the chosen plan's fairness report below; plan new
weeks, publish or discard a draft, or see a plan's roster."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coopdesk.i18n import N_, _, format_date, ngettext
from coopdesk.services.rotation.dto import FairnessView, PlanInfo
from coopdesk.services.rotation.planning import discard_plan, list_plans, plan_fairness, publish_plan
from coopdesk.services.skills import Candidate, training_candidates
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import (
    Col,
    RotationTab,
    RowsModel,
    fit_columns,
    make_table,
    selected_row,
    show_message,
)
from coopdesk.ui.rotation.context import RotationContext
from coopdesk.ui.rotation.fairness import FairnessPanel


def _state(plan: PlanInfo) -> str:
    return _("published") if plan.published else _("draft")


def discarded_text(plan_id: int) -> str:
    return _("Draft plan %(id)d is discarded.") % {"id": plan_id}


def confirm_discard_box(parent: QWidget, plan: PlanInfo, discard: Callable[[], object]) -> QMessageBox:
    """Ask before throwing a draft away (the plans tab and the wizard share it); `discard` runs on accept."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Discard the draft"),
                      _("Discard draft plan %(id)d, %(weeks)d weeks from %(first)s?") % {
                          "id": plan.id, "weeks": plan.weeks, "first": format_date(plan.starts_on)},
                      QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(_("Its assignments are deleted; those weeks stay unplanned until you plan them again."))
    button = box.addButton(_("Discard"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    button.clicked.connect(lambda: discard())
    box.open()
    return box


PLAN_COLUMNS = [
    Col(N_("Plan"), lambda p: str(p.id), right=True),
    Col(N_("From"), lambda p: format_date(p.starts_on)),
    Col(N_("To"), lambda p: format_date(p.ends_on)),
    Col(N_("Weeks"), lambda p: str(p.weeks), right=True),
    Col(N_("State"), _state),
    Col(N_("Swaps"), lambda p: str(p.swaps), right=True),
    Col(N_("Seed"), lambda p: str(p.seed), right=True),
]


class PlansTab(RotationTab):
    def __init__(self, context: RotationContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.generation = 0  # a late report for a plan no longer chosen is dropped
        self.model = RowsModel(PLAN_COLUMNS, self)
        self.table = make_table(self.model, stretch=False)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._chosen())
        self.plan_button = QPushButton()
        self.publish_button = QPushButton()
        self.discard_button = QPushButton()
        self.roster_button = QPushButton()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.panel = FairnessPanel()
        self.panel.member_chosen.connect(self.show_training)
        bar = self.button_bar(self.empty, {self.plan_button: self.plan_weeks,
                                           self.publish_button: self.confirm_publish,
                                           self.discard_button: self.confirm_discard,
                                           self.roster_button: self.show_roster})
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.notice)
        layout.addSpacing(6)
        layout.addWidget(self.panel, 1)
        self.retranslate_ui()
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.plan_button.setText(_("Plan weeks…"))
        self.publish_button.setText(_("Publish…"))
        self.discard_button.setText(_("Discard draft…"))
        self.roster_button.setText(_("Show the roster"))
        self.model.retranslate()
        self.panel.retranslate_ui()
        self._describe()

    def _describe(self) -> None:
        count = len(self.model.rows)
        self.empty.setText(ngettext("%(count)d plan. Choose one to see its fairness.",
                                    "%(count)d plans. Choose one to see its fairness.", count) % {"count": count}
                           if count else _("No rotation plans yet: plan the first weeks."))

    # -- data

    def reload(self, select_id: int | None = None) -> None:
        plan = self.selected_plan()
        select_id = select_id if select_id is not None else (plan.id if plan else None)
        plans = list_plans(self.db) if self.db is not None else []
        self.model.set_rows(list(reversed(plans)))  # latest first
        rows = min(max(len(plans), 2), 6)
        self.table.setFixedHeight(self.table.verticalHeader().defaultSectionSize() * rows
                                  + self.table.horizontalHeader().sizeHint().height() + 4)
        fit_columns(self.table)
        self._describe()
        if not plans:
            self.panel.clear()
        else:
            self.select(select_id if select_id is not None else self.model.rows[0].id)
        self._update_buttons()

    def selected_plan(self) -> PlanInfo | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def select(self, plan_id: int) -> None:
        self.select_id(plan_id, scroll=False)

    def _chosen(self) -> None:
        self._update_buttons()
        plan = self.selected_plan()
        if plan is None or self.db is None:
            return
        self.generation += 1
        generation, db, plan_id = self.generation, self.db, plan.id

        def read() -> tuple[FairnessView, dict[str, list[Candidate]]]:
            view = plan_fairness(db, plan_id=plan_id)
            return view, training_candidates(db, summary=view.summary)

        def shown(found: tuple[FairnessView, dict[str, list[Candidate]]]) -> None:
            view, closest = found
            if generation == self.generation:
                self.panel.show_figures(view.plan, view.summary, view.per_member, view.names, closest=closest,
                                        wishes=view.wishes)

        run_op(self, read, on_success=shown)

    def _update_buttons(self) -> None:
        plan = self.selected_plan()
        self.plan_button.setEnabled(self.db is not None)
        self.publish_button.setEnabled(plan is not None and not plan.published)
        self.discard_button.setEnabled(plan is not None and not plan.published)
        self.roster_button.setEnabled(plan is not None)

    def write_controls(self) -> tuple[QWidget, ...]:
        return self.plan_button, self.publish_button, self.discard_button

    # -- actions

    def plan_weeks(self) -> QWidget | None:
        from coopdesk.ui.rotation.plan_wizard import open_plan_wizard

        if self.db is None:
            return None
        return open_plan_wizard(self, self.db, on_changed=self.context.notify, on_roster=self.context.show_roster)

    def confirm_publish(self) -> QWidget | None:
        """Ask before publishing — for the passed motion that adopted the plan, when plans need a decision."""
        from coopdesk.services.rotation.decisions import plans_need_decision
        from coopdesk.ui.rotation.decision import PublishWithMotionDialog

        plan = self.selected_plan()
        if plan is None or plan.published or self.db is None:
            return None
        if plans_need_decision(self.db):
            return PublishWithMotionDialog.open_for(self, self.db, plan, self._published)
        box = QMessageBox(QMessageBox.Icon.Question, _("Publish the plan"),
                          _("Publish plan %(id)d, %(weeks)d weeks from %(first)s?") % {
                              "id": plan.id, "weeks": plan.weeks, "first": format_date(plan.starts_on)},
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(_("A published plan is frozen: members can rely on it, and every later change is a "
                                 "swap recorded with its reason."))
        publish = box.addButton(_("Publish"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        db, plan_id = self.db, plan.id
        publish.clicked.connect(lambda: run_op(self, lambda: publish_plan(db, plan_id=plan_id),
                                               on_success=self._published))
        box.open()
        return box

    def _published(self, plan: PlanInfo) -> None:
        show_message(self.notice, _("Plan %(id)d is published: %(weeks)d weeks from %(first)s. Later changes are "
                                    "recorded swaps.") % {"id": plan.id, "weeks": plan.weeks,
                                                          "first": format_date(plan.starts_on)})
        self.reload(select_id=plan.id)
        self.context.notify()

    def confirm_discard(self) -> QMessageBox | None:
        plan = self.selected_plan()
        if plan is None or plan.published or self.db is None:
            return None
        db, plan_id = self.db, plan.id
        return confirm_discard_box(self, plan, lambda: run_op(self, lambda: discard_plan(db, plan_id=plan_id),
                                                              on_success=lambda _none: self._discarded(plan_id)))

    def _discarded(self, plan_id: int) -> None:
        show_message(self.notice, discarded_text(plan_id))
        self.table.clearSelection()  # the plan is gone: choose the latest one left
        self.reload()
        self.context.notify()

    def show_training(self, member_code: str) -> QWidget | None:
        """The training history of a member the advice names (to record the skill once they have it)."""
        from coopdesk.ui.members.skills_dialog import SkillsDialog

        if self.db is None:
            return None
        return SkillsDialog.open_for(self, self.db, member_code, editable=self.editable)

    def show_roster(self) -> None:
        plan = self.selected_plan()
        if plan is not None:
            self.context.show_roster(plan.starts_on, plan.weeks)
