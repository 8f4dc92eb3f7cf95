"""Preview a PDF report, then print it or save it. QtPdf is imported here only, when a preview opens."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_, _, current_language
from coopdesk.persistence.database import Database
from coopdesk.persistence.files import atomic_write, cannot_write
from coopdesk.ui.files import documents_folder
from coopdesk.ui.ops import run_op, show_error
from coopdesk.ui.screen_fit import fit_on_screen

Renderer = Callable[[str], bytes]
REPORT_LANGUAGES = (("es", N_("Spanish")), ("en", N_("English")), ("es+en", N_("Spanish and English")))
_UNSAFE_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')  # not allowed in a Windows file name
PRINT_DPI_MAX = 300  # a page image at 600 dpi would be ~140 MB; 300 dpi prints text crisply


def members_renderer(db: Database) -> Renderer:
    def render(lang: str) -> bytes:
        from coopdesk.services.reports import members_report

        return members_report(db, lang=lang)

    return render


class ReportPreview(QDialog):
    def __init__(self, db: Database | None, parent: QWidget | None = None, render: Renderer | None = None,
                 file_stem: str | None = None) -> None:
        super().__init__(parent)
        if render is None:
            assert db is not None
            render = members_renderer(db)
        self.render_report = render
        self.file_stem = file_stem
        self.pdf: bytes | None = None
        self.generation = 0  # a late result for a language no longer chosen is dropped

        self.language = QComboBox()
        for code, _label in REPORT_LANGUAGES:
            self.language.addItem("", code)
        self.language.setCurrentIndex(0 if current_language() == "es" else 1)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.state = QLabel()
        self.document = QPdfDocument(self)
        self._folder = tempfile.TemporaryDirectory(prefix="coopdesk-preview-")
        self.document.statusChanged.connect(self._document_status)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.buttons = QDialogButtonBox()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(self.print_button.click)
        self.save_button.clicked.connect(self.save_document)

        top = QHBoxLayout()
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        top.addStretch(1)
        top.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        fit_on_screen(self, 860, 700)  # Print, Save and Close stay on a 768 px screen
        self.retranslate_ui()
        self.language.currentIndexChanged.connect(self.reload)
        self.reload()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Register of members"))
        self.language_label.setText(_("&Language of the report:"))
        for i, (_code, label) in enumerate(REPORT_LANGUAGES):
            self.language.setItemText(i, _(label))
        self.print_button.setText(_("&Print…"))
        self.view.setAccessibleName(_("Pages of the report"))
        self.save_button.setText(_("&Save as PDF…"))

    # -- producing and showing the PDF

    def reload(self) -> None:
        self.generation += 1
        generation, lang = self.generation, self.language.currentData()
        self.pdf = None
        self._set_busy(True)
        run_op(self, lambda: self.render_report(lang),
               on_success=lambda data: self._loaded(generation, data),
               on_failure=lambda _error: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        self.state.setText(_("Preparing the report…") if busy else "")
        self.print_button.setEnabled(not busy and self.pdf is not None)
        self.save_button.setEnabled(not busy and self.pdf is not None)

    def _loaded(self, generation: int, data: bytes) -> None:
        if generation != self.generation:
            return
        self.pdf = bytes(data)
        self.document.close()
        # Loading from a file is synchronous; loading from a QBuffer reads on a thread of Qt's, which
        # crashes when the dialog is closed before it is done.
        path = Path(self._folder.name) / f"preview-{generation}.pdf"
        path.write_bytes(self.pdf)
        self.document.load(str(path))
        self._set_busy(False)

    def _document_status(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Error:
            self.pdf = None
            self._set_busy(False)
            show_error(self, InvalidInput(N_("The report could not be shown.")))

    # -- output

    def default_file_name(self) -> str:
        """A name to read in a folder ("Acta 2026-12-07 asamblea ordinaria.pdf"); the report's language is added
        when it is not the window's."""
        stem = self.file_stem or _("Register of members")
        lang = self.language.currentData()
        name = stem if lang == current_language() else f"{stem} ({lang})"
        return _UNSAFE_IN_FILE_NAMES.sub("-", name) + ".pdf"

    def save_document(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save as PDF"), str(documents_folder() / self.default_file_name()), _("PDF documents (*.pdf)"))
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> Path:
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            atomic_write(target, self.pdf or b"")  # an existing file survives a failed write
        except OSError as error:
            show_error(self, cannot_write(target, error))
            return target
        self.state.setText(_("Saved as %(path)s") % {"path": str(target)})  # the secretary sees where it went
        return target

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.document.pageCount():
            size = self.document.pagePointSize(0)
            printer.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point))
            orientation = QPageLayout.Orientation.Landscape if size.width() > size.height() \
                else QPageLayout.Orientation.Portrait
            printer.setPageOrientation(orientation)
        printer.setFullPage(True)  # the PDF has its own margins
        printer.setDocName(self.default_file_name())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Draw each page (or the chosen range) as an image scaled to the paper; returns pages printed."""
        count = self.document.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        pages = range(first - 1, last) if first > 0 and last >= first else range(count)
        pages = range(max(0, pages.start), min(count, pages.stop))
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, InvalidInput(N_("The printer could not be started.")))
            return 0
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        try:
            for n, page in enumerate(pages):
                if n:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                image = self.document.render(
                    page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
                area = painter.viewport()
                fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.topLeft(), fitted), image)
        finally:
            painter.end()
        return len(pages)
