from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from coopdesk.services.members import count_members
from coopdesk.ui.members.import_wizard import ImportWizard
from coopdesk.ui.members.page import MembersPage
from tests.ui.conftest import GUI

pytestmark = GUI

BAD = "código;nombre;órgano;fecha_ingreso;correo\nM 1;;trabajador;2020-01-01;x@\nM900;Ana;marciano;31/02/2020;\n"


def test_a_bad_file_shows_its_problems_and_writes_nothing(qtbot, db, tmp_path: Path, wait_ops):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.file_page.path.setText(str(bad))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    wait_ops()
    page = wizard.preview_page
    assert page.problems.count() >= 4
    lines = [page.problems.item(i).text() for i in range(page.problems.count())]
    assert any("2" in line and "nombre" in line for line in lines)  # line and column are named
    assert any("órgano" in line for line in lines)
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert count_members(db) == 0


def test_a_good_file_is_previewed_then_imported(qtbot, db, data_dir: Path, wait_ops):
    page = MembersPage(db)
    qtbot.addWidget(page)
    wizard = ImportWizard(db, page)
    wizard.imported.connect(page._imported)
    wizard.show()
    wizard.file_page.path.setText(str(data_dir / "members.csv"))
    wizard.next()
    wait_ops()
    assert wizard.preview_page.preview is not None
    assert wizard.preview_page.preview.to_create == 40
    assert "40" in wizard.preview_page.summary.text()
    assert count_members(db) == 0  # the preview wrote nothing
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled()
    commit.click()
    wait_ops()
    assert wizard.result_page.summary_result is not None
    assert wizard.result_page.summary_result.created == 40
    assert count_members(db) == 40
    assert page.model.rowCount() == 40  # the table refreshed
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_importing_the_same_file_again_has_nothing_to_do(qtbot, db, data_dir: Path, wait_ops):
    from coopdesk.services.member_import import import_members

    import_members(db, path=data_dir / "members.csv")
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(data_dir / "members.csv"))
    wizard.next()
    wait_ops()
    assert wizard.preview_page.preview.unchanged == 40
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
