"""The plan wizard: a Monday start, planning off the GUI thread, the fairness report (figures beside their
floors, per-member rows, the chart), publishing; an impossible week named in a dialog with nothing written;
the plans tab showing a plan's fairness."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from coopdesk.domain.rotation import Category
from coopdesk.services import rotation
from coopdesk.services.rotation import PostDraft
from coopdesk.ui.rotation.plan_wizard import PlanWizard, default_start
from tests.ui.conftest import GUI
from tests.ui.rotation_council import START, sample_council

pytestmark = GUI


@pytest.fixture
def council(db, data_dir):  # type: ignore[no-untyped-def]
    return sample_council(db, data_dir)


def open_wizard(qtbot, db, **options) -> PlanWizard:  # type: ignore[no-untyped-def]
    wizard = PlanWizard(db, None, **options)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def accept_box(box: QMessageBox) -> None:
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()


def test_the_start_keeps_to_mondays(qtbot, council):
    wizard = open_wizard(qtbot, council, start=START, weeks=2)
    edit = wizard.parameters.start
    said = []
    edit.snapped.connect(said.append)
    edit.setDate(QDate(2027, 1, 7))  # a Thursday, as if typed
    assert edit.monday() == START  # already a Monday underneath, even before the user is done
    edit.editingFinished.emit()
    assert edit.date().toPython() == START and said and wizard.parameters.snapped.isVisible()
    edit.stepBy(1)  # the arrows move a week at a time
    assert edit.monday() == START + timedelta(weeks=1)
    assert "2027" in wizard.parameters.until.text()


def test_the_default_start_follows_the_last_plan(council):
    assert default_start([], today=date(2026, 11, 25)) == date(2026, 11, 30)
    plan = rotation.plan_rotation(council, start=START, weeks=2).plan
    assert default_start([plan], today=date(2026, 11, 25)) == START + timedelta(weeks=2)


def test_the_wizard_plans_shows_the_figures_and_publishes(qtbot, council, wait_ops):
    changed = []
    wizard = open_wizard(qtbot, council, start=START, weeks=3, on_changed=lambda: changed.append(True))
    wizard.parameters.seed.setValue(4)
    wizard.next()  # "Plan": the run page starts the planner on the worker
    wait_ops()
    assert wizard.currentPage() is wizard.result_page
    outcome = wizard.outcome
    assert outcome is not None and (outcome.plan.starts_on, outcome.plan.weeks, outcome.plan.seed) == (START, 3, 4)
    assert [p.id for p in rotation.list_plans(council)] == [outcome.plan.id] and changed
    panel = wizard.result_page.panel
    expected = rotation.figure_lines(outcome.figures.as_dict())
    shown = [(a.text(), b.text(), c.text()) for a, b, c in panel.figure_labels if a.isVisible()]
    assert shown == [(line.label, line.value, line.floor or "") for line in expected]  # each figure by its floor
    assert panel.members_model.rowCount() == len(outcome.figures.per_member) == outcome.members
    assert len(panel.chart.bars) == outcome.members
    first = outcome.figures.per_member[0]
    bar = panel.chart.bars[0]
    assert list(bar.weeks) == [first.category_weeks[c] for c in Category] and sum(bar.weeks) == first.weeks
    assert panel.training.text()  # the advice, or the plain statement that none is needed
    box = wizard.confirm_publish()
    accept_box(box)
    wait_ops()
    assert rotation.get_plan(council, outcome.plan.id).published
    assert wizard.published is not None and "publi" in panel.title.text().lower()


def test_planning_again_replaces_the_draft(qtbot, council, wait_ops):
    wizard = open_wizard(qtbot, council, start=START, weeks=2)
    wizard.next()
    wait_ops()
    first = wizard.outcome.plan.id
    wizard.plan_again()
    assert wizard.currentPage() is wizard.parameters and wizard.parameters.seed.value() == 2
    assert str(first) in wizard.parameters.overlap.text()  # its draft weeks will be replaced
    wizard.next()
    wait_ops()
    assert wizard.outcome.replaced == (first,)
    assert [p.id for p in rotation.list_plans(council)] == [wizard.outcome.plan.id]


def test_an_impossible_week_is_named_and_nothing_is_written(qtbot, council, wait_ops):
    draft = rotation.plan_rotation(council, start=START, weeks=2).plan
    rotation.create_post(council, draft=PostDraft(code="SOLD", name="Soldadura", category=Category.MANUAL,
                                                  skill="soldadura"))
    wizard = open_wizard(qtbot, council, start=START, weeks=4)
    wizard.next()
    wait_ops()
    box = wizard.impossible
    assert box is not None and box.isVisible()
    assert "SOLD" in box.text() and "soldadura" in box.text()
    assert "2027" in box.informativeText() and "SOLD" in box.informativeText()
    assert wizard.currentPage() is wizard.parameters and wizard.outcome is None
    assert [(p.id, p.weeks) for p in rotation.list_plans(council)] == [(draft.id, 2)]  # nothing written
    box.close()


def test_the_plans_tab_shows_a_plans_fairness_and_publishes(qtbot, council, wait_ops):
    from coopdesk.ui.rotation.context import RotationContext
    from coopdesk.ui.rotation.plans_tab import PlansTab

    first = rotation.plan_rotation(council, start=START, weeks=2).plan
    second = rotation.plan_rotation(council, start=START + timedelta(weeks=2), weeks=2).plan
    tab = PlansTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show()
    wait_ops()
    assert [p.id for p in tab.model.rows] == [second.id, first.id]  # latest first, and chosen
    assert tab.panel.plan is not None and tab.panel.plan.id == second.id
    assert tab.panel.members_model.rowCount() > 0 and tab.panel.chart.bars
    tab.select(first.id)
    wait_ops()
    assert tab.panel.plan.id == first.id and tab.publish_button.isEnabled()
    accept_box(tab.confirm_publish())
    wait_ops()
    assert rotation.get_plan(council, first.id).published and not tab.publish_button.isEnabled()
    assert tab.notice.isVisible()


def test_a_draft_is_discarded_from_the_plans_tab_and_the_wizard(qtbot, council, wait_ops):
    from coopdesk.ui.rotation.context import RotationContext
    from coopdesk.ui.rotation.plans_tab import PlansTab

    published = rotation.plan_rotation(council, start=START, weeks=2).plan
    rotation.publish_plan(council, plan_id=published.id)
    draft = rotation.plan_rotation(council, start=START + timedelta(weeks=2), weeks=2).plan
    tab = PlansTab(RotationContext())
    qtbot.addWidget(tab)
    tab.set_database(council)
    tab.show()
    wait_ops()
    assert tab.selected_plan().id == draft.id and tab.discard_button.isEnabled()
    accept_box(tab.confirm_discard())
    wait_ops()
    assert [p.id for p in rotation.list_plans(council)] == [published.id]
    assert [p.id for p in tab.model.rows] == [published.id] and tab.notice.isVisible()
    assert tab.selected_plan().id == published.id and not tab.discard_button.isEnabled()  # published: frozen
    assert tab.confirm_discard() is None

    changed = []
    wizard = open_wizard(qtbot, council, start=START + timedelta(weeks=2), weeks=2,
                         on_changed=lambda: changed.append(True))
    wizard.next()
    wait_ops()
    planned = wizard.outcome.plan.id
    assert wizard.result_page.discard_button.isEnabled()
    accept_box(wizard.confirm_discard())
    wait_ops()
    assert [p.id for p in rotation.list_plans(council)] == [published.id] and len(changed) == 2
    page = wizard.result_page
    assert not page.discard_button.isEnabled() and not page.publish_button.isEnabled()
    assert str(planned) in page.state.text() and wizard.confirm_discard() is None
