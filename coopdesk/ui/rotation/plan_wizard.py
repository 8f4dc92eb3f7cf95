"""Plan weeks of rotation: choose the first Monday, how many weeks and a seed; the planner runs off the GUI
thread with a progress bar; then the plan's fairness report, and Publish (which freezes it), Discard (which
throws the draft away) or Plan again (which replaces the draft). A week that cannot be planned is named —
week, post, reason — and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coopdesk.domain.planner import PlanningImpossible
from coopdesk.domain.planner.planner import MAX_WEEKS
from coopdesk.i18n import _, format_date, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.rotation.decisions import plans_need_decision
from coopdesk.services.rotation.dto import PlanInfo, PlanOutcome
from coopdesk.services.rotation.planning import discard_plan, list_plans, plan_rotation, publish_plan
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.rotation.common import (
    MondayEdit,
    message_label,
    next_monday,
    show_message,
)
from coopdesk.ui.rotation.decision import PublishWithMotionDialog, PutToMeetingRow
from coopdesk.ui.rotation.fairness import FairnessPanel
from coopdesk.ui.rotation.plans_tab import confirm_discard_box, discarded_text
from coopdesk.ui.screen_fit import fit_on_screen

DEFAULT_WEEKS = 13  # a quarter


def default_start(plans: list[PlanInfo], today: date | None = None) -> date:
    """The Monday after the last planned week, or next Monday when nothing lies ahead."""
    start = next_monday(today or date.today())
    if plans:
        start = max(start, max(plan.ends_on for plan in plans) + timedelta(days=1))
    return start


class ParametersPage(QWizardPage):
    def __init__(self, db: Database, start: date | None, weeks: int | None) -> None:
        super().__init__()
        self.db = db
        self.plans = list_plans(db)
        self.start = MondayEdit(start or default_start(self.plans))
        self.start.setMaximumWidth(160)
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(weeks or DEFAULT_WEEKS)
        self.weeks.setMaximumWidth(110)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1)
        self.seed.setMaximumWidth(110)
        self.until = QLabel()
        self.until.setStyleSheet(status_style("muted"))
        self.snapped = message_label(status_style("warning"))
        self.snapped.setWordWrap(False)  # one line; wrapped labels in a form row get odd heights
        self.overlap = QLabel()
        self.overlap.setWordWrap(True)
        self.existing = QLabel()
        self.existing.setWordWrap(True)
        self.existing.setStyleSheet(status_style("muted"))
        self.seed_hint = QLabel()
        self.seed_hint.setWordWrap(True)
        self.seed_hint.setStyleSheet(status_style("muted"))
        self.labels = {name: QLabel() for name in ("start", "weeks", "seed")}
        form = QFormLayout()
        form.addRow(self.labels["start"], self.start)
        form.addRow("", self.snapped)
        form.addRow(self.labels["weeks"], self.weeks)
        form.addRow("", self.until)
        form.addRow(self.labels["seed"], self.seed)
        form.addRow("", self.seed_hint)
        for name in ("start", "weeks", "seed"):
            self.labels[name].setBuddy(getattr(self, name))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.overlap)
        layout.addSpacing(12)
        layout.addWidget(self.existing)
        layout.addStretch(1)
        self.start.snapped.connect(lambda text: show_message(self.snapped, text))
        self.start.monday_changed.connect(lambda _day: self._describe())
        self.weeks.valueChanged.connect(lambda _n: self._describe())
        self.setCommitPage(True)  # once planned, the draft is written: no way back but "Plan again"
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Plan the rotation"))
        self.setSubTitle(_("Every eligible worker gets one post each week, as fairly as the posts and skills "
                           "allow. Unpublished plans of these weeks are replaced; published weeks are kept."))
        self.labels["start"].setText(_("&First week (Monday):"))
        self.labels["weeks"].setText(_("&Number of weeks:"))
        self.labels["seed"].setText(_("&Seed:"))
        self.seed_hint.setText(_("The same members, posts, leave and seed always give the same plan; another seed "
                                 "gives another plan that is just as fair."))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Plan"))
        lines = [_("Plan %(id)d: %(first)s to %(last)s, %(state)s") % {
            "id": plan.id, "first": format_date(plan.starts_on), "last": format_date(plan.ends_on),
            "state": _("published") if plan.published else _("draft")} for plan in self.plans[-6:]]
        self.existing.setText("\n".join([_("Plans made so far:"), *lines]) if lines else
                              _("No rotation plans yet: plan the first weeks."))
        self._describe()

    def _describe(self) -> None:
        start, weeks = self.start.monday(), self.weeks.value()
        last = start + timedelta(weeks=weeks, days=-1)
        self.until.setText(_("to Sunday %(last)s") % {"last": format_date(last)})
        end = start + timedelta(weeks=weeks)
        touched = [plan for plan in self.plans if plan.starts_on < end and plan.ends_on >= start]
        lines = []
        published = sum(1 for plan in touched for monday in plan.mondays if plan.published and start <= monday < end)
        if published:
            lines.append(ngettext("%(count)d of these weeks is published and will be kept as it is.",
                                  "%(count)d of these weeks are published and will be kept as they are.",
                                  published) % {"count": published})
        drafts = [plan for plan in touched if not plan.published]
        if drafts:
            lines.append(_("The draft weeks of plans %(ids)s in this range will be replaced.")
                         % {"ids": ", ".join(str(plan.id) for plan in drafts)})
        self.overlap.setText("\n".join(lines))
        self.overlap.setStyleSheet(status_style("warning") if lines else "")


class RunPage(QWizardPage):
    """Plans on the worker thread, with its progress; moves on by itself when done."""

    def __init__(self) -> None:
        super().__init__()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.state = QLabel()
        self.done = False
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.state)
        layout.addWidget(self.bar)
        layout.addStretch(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Planning…"))
        self.state.setText(_("Assigning every week's posts and balancing the categories and the burden."))

    def progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total > 0 else 0)

    def isComplete(self) -> bool:
        return self.done


class ResultPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.panel = FairnessPanel()
        self.decision = PutToMeetingRow()
        self.state = message_label(status_style("good"))
        self.publish_button = QPushButton()
        self.discard_button = QPushButton()
        self.again_button = QPushButton()
        self.roster_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.decision)
        layout.addWidget(self.state)
        bar = QHBoxLayout()
        bar.addWidget(self.publish_button)
        bar.addWidget(self.discard_button)
        bar.addWidget(self.again_button)
        bar.addWidget(self.roster_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("The plan and its fairness"))
        self.setSubTitle(_("Publish the plan to freeze it: later changes are recorded swaps. Close to keep it as a "
                           "draft; plan again to replace it."))
        self.publish_button.setText(_("P&ublish…"))
        self.discard_button.setText(_("&Discard draft…"))
        self.again_button.setText(_("Plan &again…"))
        self.roster_button.setText(_("Show the &roster"))
        self.panel.retranslate_ui()
        self.decision.retranslate_ui()


class PlanWizard(QWizard):
    def __init__(self, db: Database, parent: QWidget | None = None, *, start: date | None = None,
                 weeks: int | None = None, on_changed: Callable[[], None] | None = None,
                 on_roster: Callable[[date, int], None] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.on_changed = on_changed
        self.on_roster = on_roster
        self.outcome: PlanOutcome | None = None
        self.published: PlanInfo | None = None
        self.impossible: QMessageBox | None = None
        self.planning = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # closing keeps the draft: "Close"
        self.parameters = ParametersPage(db, start, weeks)
        self.run_page = RunPage()
        self.result_page = ResultPage()
        for page in (self.parameters, self.run_page, self.result_page):
            self.addPage(page)
        self.result_page.publish_button.clicked.connect(self.confirm_publish)
        self.result_page.discard_button.clicked.connect(self.confirm_discard)
        self.result_page.again_button.clicked.connect(self.plan_again)
        self.result_page.roster_button.clicked.connect(self.show_roster)
        self.currentIdChanged.connect(self._page_changed)
        fit_on_screen(self, 1000, 680)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Plan the rotation"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Close"))
        for page in (self.parameters, self.run_page, self.result_page):
            page.retranslate_ui()

    def _page_changed(self, page_id: int) -> None:
        if self.page(page_id) is self.run_page:
            self.start_planning()

    # -- planning

    def start_planning(self) -> None:
        db = self.db
        start, weeks, seed = self.parameters.start.monday(), self.parameters.weeks.value(), self.parameters.seed.value()
        self.run_page.done = False
        self.planning = True
        self.run_page.bar.setRange(0, 0)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(False)  # a unit of work is never cut midway

        def work(progress=None) -> PlanOutcome:  # type: ignore[no-untyped-def]
            return plan_rotation(db, start=start, weeks=weeks, seed=seed, progress=progress)

        run_op(self, work, on_success=self._planned, on_failure=self._failed, progress=self.run_page.progress)

    def reject(self) -> None:
        if not self.planning:  # Escape or the window's close while planning: the plan finishes first
            super().reject()

    def _planned(self, outcome: PlanOutcome) -> None:
        self.planning = False
        self.outcome, self.published = outcome, None
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        summary = {**outcome.figures.as_dict(), "history_weeks": outcome.history_weeks}
        self.result_page.panel.show_figures(outcome.plan, summary, outcome.figures.per_member, outcome.names,
                                            wishes=outcome.wishes)
        self.result_page.decision.set_plan(self.db, outcome.plan.id)
        lines = [_("Plan %(id)d is saved as a draft: %(assignments)d assignments of %(members)d members.") % {
            "id": outcome.plan.id, "assignments": outcome.assignments, "members": outcome.members}]
        if outcome.kept_weeks:
            lines.append(ngettext("%(count)d published week kept as it was.",
                                  "%(count)d published weeks kept as they were.", len(outcome.kept_weeks))
                         % {"count": len(outcome.kept_weeks)})
        show_message(self.result_page.state, " ".join(lines), status_style("good"))
        self._draft_buttons(True)
        self.run_page.done = True
        if self.on_changed is not None:
            self.on_changed()
        self.next()

    def _failed(self, error: BaseException) -> bool:
        self.planning = False
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        self.restart()
        if isinstance(error, PlanningImpossible):
            self.impossible = self.show_impossible(error)
            return True
        return False  # another refusal (all weeks published, no posts…): the default dialog says it

    def show_impossible(self, error: PlanningImpossible) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, _("This week cannot be planned"), error.translated(),
                          QMessageBox.StandardButton.Ok, self)
        details = [_("Week: %(week)s") % {"week": format_date(error.week, fmt="full")}]
        if error.post:
            details.append(_("Post: %(post)s") % {"post": error.post})
        details.append(_("Nothing was written. Change the posts, the leave or the members' skills, then plan "
                         "again."))
        box.setInformativeText("\n".join(details))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return box

    def plan_again(self) -> None:
        """Back to the parameters (a new seed suggested) — planning again replaces this draft."""
        if self.published is None:
            self.parameters.seed.setValue(self.parameters.seed.value() + 1)
        self.parameters.plans = list_plans(self.db)
        self.parameters.retranslate_ui()
        self.restart()

    # -- publishing

    def confirm_publish(self) -> QWidget | None:
        """Ask before publishing — for the passed motion that adopted the plan, when plans need a decision."""
        if self.outcome is None or self.published is not None:
            return None
        plan = self.outcome.plan
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
        box.setWindowModality(Qt.WindowModality.WindowModal)
        publish.clicked.connect(self.publish)
        box.open()
        return box

    def confirm_discard(self) -> QMessageBox | None:
        if self.outcome is None or self.published is not None or not self.result_page.discard_button.isEnabled():
            return None
        db, plan_id = self.db, self.outcome.plan.id
        return confirm_discard_box(self, self.outcome.plan, lambda: run_op(
            self, lambda: discard_plan(db, plan_id=plan_id), on_success=lambda _none: self._discarded(plan_id)))

    def _discarded(self, plan_id: int) -> None:
        self._draft_buttons(False)
        self.result_page.roster_button.setEnabled(False)
        show_message(self.result_page.state, discarded_text(plan_id), status_style("good"))
        if self.on_changed is not None:
            self.on_changed()

    def _draft_buttons(self, enabled: bool) -> None:
        self.result_page.publish_button.setEnabled(enabled)
        self.result_page.discard_button.setEnabled(enabled)
        self.result_page.roster_button.setEnabled(True)

    def publish(self) -> None:
        if self.outcome is None:
            return
        db, plan_id = self.db, self.outcome.plan.id
        self.result_page.publish_button.setEnabled(False)
        run_op(self, lambda: publish_plan(db, plan_id=plan_id), on_success=self._published,
               on_failure=self._publish_failed)

    def _publish_failed(self, _error: BaseException) -> bool:
        self.result_page.publish_button.setEnabled(True)
        return False  # the default dialog says why (a week no longer keeps the rules…)

    def _published(self, plan: PlanInfo) -> None:
        self.published = plan
        self.result_page.discard_button.setEnabled(False)
        show_message(self.result_page.state, _("Plan %(id)d is published: %(weeks)d weeks from %(first)s. Later "
                                               "changes are recorded swaps.") % {
            "id": plan.id, "weeks": plan.weeks, "first": format_date(plan.starts_on)}, status_style("good"))
        self.result_page.panel.plan = plan
        self.result_page.panel.retranslate_ui()
        if self.on_changed is not None:
            self.on_changed()

    def show_roster(self) -> None:
        if self.outcome is not None and self.on_roster is not None:
            plan = self.outcome.plan
            self.on_roster(plan.starts_on, plan.weeks)
        self.accept()


def open_plan_wizard(parent: QWidget, db: Database, **options) -> PlanWizard:  # type: ignore[no-untyped-def]
    wizard = PlanWizard(db, parent, **options)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard

