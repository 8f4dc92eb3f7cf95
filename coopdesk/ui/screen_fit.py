"""Windows that fit the council's laptops: 1366×768 with a taskbar and a title bar, or the screen they open on
where it is smaller."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A 1366×768 screen less a 40 px taskbar and a 28 px title bar: the largest window that shows whole.
SMALL_SCREEN = QSize(1366, 768)
USABLE = QSize(1366 - 16, 768 - 40 - 28)


def fitting_size(widget: QWidget, width: int, height: int) -> QSize:
    """width×height, made smaller where the laptop's usable area or the screen's available area is."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    limit = QSize(USABLE)
    if screen is not None:
        available = screen.availableGeometry().size()
        limit = limit.boundedTo(QSize(available.width() - 16, available.height() - 28))
    return QSize(width, height).boundedTo(limit)


def fit_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize a top-level window to width×height, or to what fits a small screen."""
    widget.resize(fitting_size(widget, width, height))
