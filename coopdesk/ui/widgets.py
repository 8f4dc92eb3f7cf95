"""Small pieces shared by several windows."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _
from coopdesk.paths import icon_path


def sentence(text: str) -> str:
    """Domain messages are fragments ("the name is required"); under a field they read as sentences."""
    return text[:1].upper() + text[1:] if text else text


def relative_font(widget: QWidget, scale: float, weight: int | None = None) -> None:
    """A heading's size as a multiple of the system font's, so a larger system font enlarges it too (a point
    size in a style sheet would stay put)."""
    font = QFont(widget.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * scale)
    if weight is not None:
        font.setWeight(QFont.Weight(weight))
    widget.setFont(font)


def refill(box: QComboBox, choices: Iterable[tuple[object, str]]) -> None:
    """Replace a box's choices (data, text), keeping the one chosen while it is still offered (else the first),
    and without signalling a change: the caller shows what the box now holds."""
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    for data, text in choices:
        box.addItem(text, data)
    box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
    box.blockSignals(False)


def set_read_only(field: QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox, read_only: bool = True) -> None:
    """A read-only field looks it: the window's colour behind its text, not an editable field's (both from the
    palette, so a dark or high-contrast theme keeps its own)."""
    field.setReadOnly(read_only)
    palette = field.palette()
    role = QPalette.ColorRole.Window if read_only else QPalette.ColorRole.Base
    palette.setBrush(QPalette.ColorRole.Base, QApplication.palette(field).brush(role))
    field.setPalette(palette)


@functools.cache  # read from its files once: the application, each window and the dialogs share it
def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("coopdesk.svg", "coopdesk.png"):
        if icon_path(name).is_file():
            icon.addFile(str(icon_path(name)))
    return icon


_NAMED_BY_TAB = "coopdeskNamedByTab"


def name_views_by_their_tab(root: QWidget) -> None:
    """Lists and tables with no accessible name of their own are called by the tab that holds them, so a
    screen reader says "Posts, table" instead of just "table" (again after a change of language)."""
    for tabs in root.findChildren(QTabWidget):
        if not tabs.property(_NAMED_BY_TAB):  # a tab's content may be built when it is first shown
            tabs.setProperty(_NAMED_BY_TAB, True)
            tabs.currentChanged.connect(lambda _index, root=root: name_views_by_their_tab(root))
        for index in range(tabs.count()):
            label = tabs.tabText(index).replace("&", "")
            for view in tabs.widget(index).findChildren(QAbstractItemView):
                if view.objectName().startswith("qt_") or (view.parent() is not None and isinstance(
                        view.parent().parent(), QAbstractItemView)):
                    continue  # Qt's own parts (a calendar's grid, a completer's popup)
                if not view.accessibleName() or view.property(_NAMED_BY_TAB):
                    view.setAccessibleName(label)
                    view.setProperty(_NAMED_BY_TAB, True)


_NAMED_BY_LABEL = "coopdeskNamedByLabel"


def label_name(text: str) -> str:
    """A label's text as a name to be said: "&Reason:" → "Reason"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def name_fields_by_their_labels(root: QWidget) -> None:
    """Each field a label is the buddy of is called by that label. Qt does this itself only when the label sits
    beside the field; a field in a box of its own (with its problem line under it, say) or a composite field
    would go unnamed. Run again after a change of language: the names follow the labels."""
    for label in root.findChildren(QLabel):
        field = label.buddy()
        name = label_name(label.text())
        if field is None or not name:
            continue
        for target in (field, field.focusProxy()):
            if target is not None and (not target.accessibleName() or target.property(_NAMED_BY_LABEL)):
                target.setAccessibleName(name)
                target.setProperty(_NAMED_BY_LABEL, True)


class UnavailablePage(QWidget):
    """What a section not built yet shows: a plain statement, never a fake screen."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_source = title
        self.title = QLabel()
        relative_font(self.title, 1.6, 600)
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
