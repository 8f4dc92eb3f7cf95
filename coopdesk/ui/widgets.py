"""Small pieces shared by several windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk.paths import icon_path

ERROR_STYLE = "color: #c62828;"


def sentence(text: str) -> str:
    """Domain messages are fragments ("the name is required"); under a field they read as sentences."""
    return text[:1].upper() + text[1:] if text else text


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
