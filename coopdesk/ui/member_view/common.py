"""What the member view's tabs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coopdesk.persistence.database import Database


def open_preview(db: Database, parent: QWidget, *, title: Callable[[], str], render: Callable[[str], bytes],
                 file_stem: str) -> QWidget:
    """The PDF preview (QtPdf is imported only now), titled in the current language."""
    from coopdesk.ui.report_preview import ReportPreview

    class Preview(ReportPreview):
        def retranslate_ui(self) -> None:
            super().retranslate_ui()
            self.setWindowTitle(title())

    preview = Preview(db, parent, render=render, file_stem=file_stem)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()
    return preview
