"""The Learning section's survey (chart and table of the anonymous results, opening a wave, importing answers)
and the member's "My learning" tab (their own answers; the council's mean only for groups of five or more)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.ui.conftest import GUI, add_members, message_boxes

pytestmark = GUI

from coopdesk.domain.users import UserRole  # noqa: E402
from coopdesk.i18n import set_language  # noqa: E402
from coopdesk.services import survey, users  # noqa: E402
from coopdesk.ui.learning.page import LearningPage  # noqa: E402
from coopdesk.ui.member_view import MemberWindow  # noqa: E402


@pytest.fixture
def council(db, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Twelve members; wave 2026 with six answers on planning and three on cooperation; wave 2027 empty."""
    add_members(db, 12)
    first = survey.open_wave(db, name="2026", opened_on=date(2026, 1, 15))
    path = tmp_path / "answers.csv"
    rows = [f"M00{i},planning,{2 + i % 3}" for i in range(1, 7)] + [f"M00{i},cooperation,4" for i in range(1, 4)]
    path.write_text("member_code,area,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    survey.import_answers(db, wave_id=first.id, path=path)
    survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    return db


def test_the_chart_and_table_show_means_only_for_groups_of_five(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    page = LearningPage(council)
    qtbot.addWidget(page)
    page.show()
    tab = page.survey
    qtbot.waitUntil(lambda: tab.summary is not None)
    rows = {(row.area, row.wave): row for row in tab.model.rows}
    assert len(rows) == 14 * 2
    planning = rows[("Planning the work", "2026")]
    assert (planning.n, str(planning.mean)) == (6, "3.00")
    cooperation = rows[("Cooperation and teamwork", "2026")]
    texts = [tab.model.data(tab.model.index(tab.model.rows.index(cooperation), column))
             for column in range(tab.model.columnCount())]
    assert texts[2:4] == ["3", "no mean (fewer than 5 answers)"]
    assert tab.chart.summary is not None and "3 answers" in tab.chart.tip_at(
        tab.chart.width() / 2, tab.chart._row(tab.chart._plot(), 4).center().y())
    assert tab.wave_box.currentText() == "2027"  # answers go to the latest wave by default
    assert tab.chart.accessibleName() and tab.table.accessibleName()


def test_a_bad_answers_file_shows_its_lines_and_writes_nothing(qtbot, council, wait_ops, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = LearningPage(council)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.survey.summary is not None)
    bad = tmp_path / "bad.csv"
    bad.write_text("member_code,area,score\nM001,planning,7\n", encoding="utf-8")
    page.survey.import_from(bad)
    wait_ops()
    boxes = message_boxes()
    assert boxes and "2" in boxes[0].informativeText()
    assert survey.survey_summary(council).result(2, "planning").n == 0


def test_a_member_answers_and_sees_no_mean_of_a_small_group(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    users.add_user(council, username="carmen", password="clave-carmen-1", role=UserRole.ADMINISTRATOR)  # first
    users.add_user(council, username="rosa", password="clave-rosa-12", role=UserRole.MEMBER, member_code="M001")
    user = users.authenticate(council, username="rosa", password="clave-rosa-12")
    window = MemberWindow(council, user)
    qtbot.addWidget(window)
    window.show()
    tab = window.survey_tab
    assert window.tabs.tabText(4) == "My learning"
    tab.wave.setCurrentIndex(tab.wave.findText("2026"))
    codes = [area.code for area in tab.areas]
    planning, cooperation = codes.index("planning"), codes.index("cooperation")
    assert tab.scores[planning].currentText() == "3"  # M001's own answer, and only theirs
    assert tab.means[planning].text() == "3.00"
    assert tab.means[cooperation].text() == "no mean (fewer than 5 answers)"
    tab.wave.setCurrentIndex(tab.wave.findText("2027"))
    assert all(score.currentData() is None for score in tab.scores)
    tab.scores[cooperation].setCurrentIndex(tab.scores[cooperation].findData(5))
    tab.save()
    wait_ops()
    assert survey.my_answers(council, member_code="M001", wave_id=2) == {"cooperation": 5}
    assert tab.means[cooperation].text() == "no mean (fewer than 5 answers)"  # one answer shows no mean
    assert survey.my_answers(council, member_code="M002", wave_id=2) == {}


def test_the_member_page_shows_and_records_the_training_history(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.domain.learning import SkillSource
    from coopdesk.services import skills
    from coopdesk.ui.members.page import MembersPage

    set_language("en")
    skills.grant_skill(council, member_code="M002", skill="contabilidad", granted_on=date(2026, 3, 2),
                       how=SkillSource.COURSE)
    page = MembersPage(council)
    qtbot.addWidget(page)
    page.show()
    page.select_member(2)
    dialog = page.show_training()
    assert dialog is not None and dialog.heading.text().endswith("(M002)")
    lines = [dialog.lines.item(i).text() for i in range(dialog.lines.count())]
    assert lines[0] == "Mar 2, 2026: contabilidad, course"
    dialog.skill.setCurrentText("inventario")
    dialog.how.setCurrentIndex(dialog.how.findData("council"))
    dialog.record()  # a council grant without its motion
    wait_ops()
    assert "motion" in dialog.error.text() and dialog.error.isVisible()
    dialog.how.setCurrentIndex(dialog.how.findData("trainee"))
    dialog.record()
    wait_ops()
    assert any("inventario, trainee weeks" in dialog.lines.item(i).text() for i in range(dialog.lines.count()))
    dialog.close()
    page.set_editable(False)
    read_only = page.show_training()
    assert read_only is not None and read_only.form_box.isHidden()
    read_only.close()


def test_the_training_advice_links_to_the_members_closest_to_the_skill(qtbot) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.domain.rotation import PlanState
    from coopdesk.services.rotation.dto import PlanInfo
    from coopdesk.services.skills import Candidate
    from coopdesk.ui.rotation.fairness import FairnessPanel

    set_language("en")
    panel = FairnessPanel()
    qtbot.addWidget(panel)
    summary = {"training": [{"skill": "contabilidad", "members": 3, "before": 1.5, "after": 0.5}]}
    closest = {"contabilidad": [Candidate("M007", "Ana Pérez", 6), Candidate("M003", "Luis Díaz", 1)]}
    panel.show_figures(PlanInfo(1, date(2027, 1, 4), 12, 1, PlanState.DRAFT), summary, [], {}, closest=closest)
    text = panel.training.text()
    assert "contabilidad" in text and 'href="member:M007"' in text and "(6 trainee weeks)" in text
    assert "(1 trainee week)" in text and text.index("M007") < text.index("M003")
    with qtbot.waitSignal(panel.member_chosen) as chosen:
        panel.training.linkActivated.emit("member:M007")
    assert chosen.args == ["M007"]


def test_the_council_edits_its_areas(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    page = LearningPage(council)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.survey.summary is not None)
    dialog = page.survey.edit_areas()
    assert dialog.model.rowCount() == 14
    dialog.table.selectRow(0)
    assert dialog.code.text() == "own_needs" and dialog.name_en.text() == "Knowledge of one's own needs"
    dialog.code.setText("ecology")
    dialog.name_es.setText("Ambiente y ecología")
    dialog.name_en.setText("Environment and ecology")
    dialog.save()
    wait_ops()
    assert dialog.model.rowCount() == 15 and dialog.notice.text() == "Area ecology saved."
    dialog.code.setText("bad code")
    dialog.save()
    wait_ops()
    assert dialog.error.isVisible() and dialog.model.rowCount() == 15
    dialog.table.selectRow(3)
    dialog.active.setChecked(False)
    dialog.save()
    wait_ops()
    dialog.close()
    wait_ops()
    qtbot.waitUntil(lambda: page.survey.summary is not None and len(page.survey.summary.areas) == 15)
    assert not next(a for a in survey.list_areas(council) if a.code == "decision_making").active


def test_the_results_print_through_the_preview(qtbot, council, wait_ops) -> None:  # type: ignore[no-untyped-def]
    page = LearningPage(council)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.survey.summary is not None)
    assert page.survey.print_button.isEnabled()
    preview = page.survey.print_results()
    qtbot.waitUntil(lambda: preview.pdf is not None, timeout=20_000)
    assert preview.pdf.startswith(b"%PDF")
    preview.close()
