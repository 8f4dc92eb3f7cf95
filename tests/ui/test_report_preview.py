from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

from tests.ui.conftest import GUI, add_members

pytestmark = GUI


def tiny_pdf(pages: int = 2) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawText(200, 400, f"Página {page + 1}")
    painter.end()
    buffer.close()
    return bytes(data)


@pytest.fixture
def preview(qtbot, wait_ops):  # type: ignore[no-untyped-def]
    from coopdesk.ui.report_preview import ReportPreview

    asked: list[str] = []

    def render(lang: str) -> bytes:
        asked.append(lang)
        return tiny_pdf()

    dialog = ReportPreview(None, render=render, file_stem="prueba")
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ops()
    dialog.asked = asked
    return dialog


def test_the_preview_shows_the_pdf(preview, qtbot):
    from PySide6.QtPdf import QPdfDocument

    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    assert preview.document.pageCount() == 2
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()
    assert preview.asked == ["es"]


def test_choosing_a_language_renders_again(preview, wait_ops):
    preview.language.setCurrentIndex(2)
    wait_ops()
    assert preview.asked == ["es", "es+en"]
    assert preview.default_file_name() == "prueba (es+en).pdf"


def test_save_writes_the_same_bytes(preview, tmp_path: Path):
    target = preview.save_to(tmp_path / "registro")
    assert target.name == "registro.pdf"
    assert target.read_bytes() == preview.pdf


def test_printing_draws_every_page(preview, qtbot, tmp_path: Path):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == 2
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(importlib.util.find_spec("coopdesk.services.reports") is None,
                    reason="the reports service is not in this tree")
def test_the_real_members_report(qtbot, db, wait_ops):
    from PySide6.QtPdf import QPdfDocument

    from coopdesk.ui.report_preview import ReportPreview

    add_members(db, 12)
    dialog = ReportPreview(db)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_ops()
    assert dialog.pdf is not None and dialog.pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready)
    assert dialog.document.pageCount() >= 1
