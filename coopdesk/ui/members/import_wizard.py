"""Import members from a CSV file: choose it, see what it would do (or what is wrong), then import.

The preview and the import both run on the worker with a progress bar; the preview writes nothing, and
the import is all-or-nothing, so a file that changed between the two steps still cannot half-import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from coopdesk.domain.errors import ProblemsFound
from coopdesk.i18n import _, ngettext
from coopdesk.persistence.database import Database
from coopdesk.services.member_import import ImportPreview, ImportSummary, import_members, preview_member_import
from coopdesk.ui.colors import status_style
from coopdesk.ui.ops import run_op
from coopdesk.ui.widgets import app_icon


def _progress_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)  # busy until the first count arrives
    bar.hide()
    return bar


def _set_progress(bar: QProgressBar, done: int, total: int) -> None:
    bar.setRange(0, max(total, 0))
    bar.setValue(min(done, total))


def counts_text(created: int, updated: int, unchanged: int) -> str:
    return "\n".join((
        ngettext("%(count)d new member", "%(count)d new members", created) % {"count": created},
        ngettext("%(count)d member updated", "%(count)d members updated", updated) % {"count": updated},
        ngettext("%(count)d member unchanged", "%(count)d members unchanged", unchanged) % {"count": unchanged},
    ))


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.path = QLineEdit()
        self.path.textChanged.connect(self.completeChanged)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Choose the file"))
        self.setSubTitle(_("A CSV file from a spreadsheet, one member per line."))
        self.help.setText(_(
            "Required columns: code, full_name, body, joined_on (or their Spanish names: código, nombre, "
            "órgano, fecha_ingreso). Optional: national_id, voting, skills, status, phone, email. "
            "Members whose code already exists are updated; the others are added."))
        self.browse.setText(_("B&rowse…"))
        self.path.setAccessibleName(_("File to import"))

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import members"), self.path.text() or str(Path.home()),
            _("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.path.setText(path)

    def chosen(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def isComplete(self) -> bool:
        return bool(self.path.text().strip()) and self.chosen().is_file()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.preview: ImportPreview | None = None
        self.progress = _progress_bar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setAlternatingRowColors(True)
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addStretch()  # keeps the counts at the top while the problem list is hidden
        self.setCommitPage(True)  # after this page the import happens; there is no way back
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Check the file"))
        self.setSubTitle(_("Nothing has been written yet."))

    def initializePage(self) -> None:
        self.preview = None
        self.problems.clear()
        self.problems.hide()
        self.summary.setStyleSheet("")
        self.summary.setText(_("Reading the file…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        db, path = self.owner.db, self.owner.file_page.chosen()
        run_op(self, lambda progress: preview_member_import(db, path=path, progress=progress),
               on_success=self._previewed, on_failure=self._failed,
               progress=lambda done, total: _set_progress(self.progress, done, total))

    def _previewed(self, preview: ImportPreview) -> None:
        self.progress.hide()
        self.preview = preview
        if preview.problems:
            count = len(preview.problems)
            self.summary.setStyleSheet(status_style("bad"))
            self.summary.setText(
                ngettext("The file has %(count)d problem; nothing was written. Correct it and try again.",
                         "The file has %(count)d problems; nothing was written. Correct them and try again.",
                         count) % {"count": count})
            self.problems.addItems([problem.translated() for problem in preview.problems])
            self.problems.show()
        elif preview.to_create + preview.to_update == 0:
            self.summary.setText(_("Nothing to import: every member in the file is already up to date.")
                                 + "\n\n" + counts_text(0, 0, preview.unchanged))
        else:
            self.summary.setText(_("Importing this file will give:") + "\n\n"
                                 + counts_text(preview.to_create, preview.to_update, preview.unchanged))
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> bool:
        self.progress.hide()
        self.summary.setText("")
        return False  # the default dialog explains (an unreadable file, a locked database…)

    def isComplete(self) -> bool:
        preview = self.preview
        return preview is not None and not preview.problems and preview.to_create + preview.to_update > 0


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.summary_result: ImportSummary | None = None
        self.progress = _progress_bar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Import"))
        self.setSubTitle("")

    def initializePage(self) -> None:
        self.summary.setText(_("Importing…"))
        self.progress.show()
        db, path = self.owner.db, self.owner.file_page.chosen()
        run_op(self, lambda progress: import_members(db, path=path, progress=progress),
               on_success=self._imported, on_failure=self._failed,
               progress=lambda done, total: _set_progress(self.progress, done, total))

    def _imported(self, summary: ImportSummary) -> None:
        self.progress.hide()
        self.summary_result = summary
        self.summary.setText(_("The members were imported.") + "\n\n"
                             + counts_text(summary.created, summary.updated, summary.unchanged))
        self.completeChanged.emit()
        self.owner.imported.emit()

    def _failed(self, error: BaseException) -> bool:
        self.progress.hide()
        self.summary.setStyleSheet(status_style("bad"))
        if isinstance(error, ProblemsFound):  # the file changed since the preview
            self.summary.setText(error.translated())
            self.problems.addItems(error.lines())
            self.problems.show()
            return True
        self.summary.setText(_("Nothing was imported."))
        return False

    def isComplete(self) -> bool:
        return self.summary_result is not None


class ImportWizard(QWizard):
    imported = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.file_page = FilePage()
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.resize(680, 520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import members"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        for page in (self.file_page, self.preview_page, self.result_page):
            page.retranslate_ui()
