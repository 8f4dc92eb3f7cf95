"""Small pieces shared by several windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _
from coopdesk.paths import icon_path

ERROR_STYLE = "color: #c62828;"


def sentence(text: str) -> str:
    """Domain messages are fragments ("the name is required"); under a field they read as sentences."""
    return text[:1].upper() + text[1:] if text else text


def set_read_only(field: QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox, read_only: bool = True) -> None:
    """A read-only field looks it: the window's colour behind its text, not an editable field's (both from the
    palette, so a dark or high-contrast theme keeps its own)."""
    field.setReadOnly(read_only)
    palette = field.palette()
    role = QPalette.ColorRole.Window if read_only else QPalette.ColorRole.Base
    palette.setBrush(QPalette.ColorRole.Base, QApplication.palette(field).brush(role))
    field.setPalette(palette)


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("coopdesk.svg", "coopdesk.png"):
        if icon_path(name).is_file():
            icon.addFile(str(icon_path(name)))
    return icon


class UnavailablePage(QWidget):
    """What a section not built yet shows: a plain statement, never a fake screen."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_source = title
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_(self.title_source))
        self.message.setText(_("This section is not yet available in this version of coopdesk."))
