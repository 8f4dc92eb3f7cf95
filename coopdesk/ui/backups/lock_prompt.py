"""One writer: taking the database's lock before opening it, the offer of a read-only window when another
window holds it, the banner that says so, and the warning about network and removable drives."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QMessageBox, QSizePolicy, QSpacerItem, QToolBar, QWidget

from coopdesk.i18n import _
from coopdesk.persistence.lock import DatabaseInUse, DatabaseLock
from coopdesk.ui.colors import fill_style


@dataclass(frozen=True)
class Claim:
    read_only: bool
    lock: DatabaseLock | None  # None: a server, a read-only window, or a folder where no lock can be written


def sqlite_file(target: str) -> Path | None:
    """The file a --db target names (None for a server URL), resolved as the database layer resolves it."""
    return None if "://" in target else Path(target).expanduser().resolve()


def claim_database(parent: QWidget | None, target: str, *, ask: bool = True) -> Claim | None:
    """Take the lock of a SQLite file before opening it. When another window holds it, offer to open it
    read-only (`ask=False`: just do so); None when the person chose not to open it at all."""
    path = sqlite_file(target)
    if path is None:
        return Claim(False, None)
    try:
        return Claim(False, DatabaseLock.acquire(path))
    except DatabaseInUse as held:
        if not ask or ask_read_only(parent, held):
            return Claim(True, None)
        return None
    except OSError:  # a folder we may not write in (a CD, a share mounted read-only): nothing to lock
        return Claim(False, None)


def ask_read_only(parent: QWidget | None, held: DatabaseInUse) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "coopdesk", held.translated(), QMessageBox.StandardButton.NoButton,
                      parent)
    box.setInformativeText(_("Only one window may change a database at a time. You can open it read-only: you "
                             "will see everything, and change nothing."))
    read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    grid = box.layout()
    if isinstance(grid, QGridLayout):  # wide enough for the owner's details to read on a line or two, not five
        grid.addItem(QSpacerItem(460, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                     grid.rowCount(), 0, 1, grid.columnCount())
    box.exec()
    return box.clickedButton() is read_only


def release(lock: DatabaseLock | None) -> None:
    if lock is not None:
        with contextlib.suppress(OSError):
            lock.release()


class ReadOnlyBanner(QToolBar):
    """A yellow strip under the menus while the window is read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not in the tool bars' context menu
        self.setStyleSheet(fill_style("amber", "QToolBar#readOnlyBanner", "border: none; padding: 4px 8px;")
                           + fill_style("amber", "QToolBar#readOnlyBanner QLabel"))
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.addWidget(self.label)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.label.setText(_("Read-only: another coopdesk window is editing this database. Here you can look, "
                             "but not change anything."))
        self.setToolTip(_("To change something, use the other window, or close it and open the database again "
                          "here."))


def storage_warning(kind: str) -> str:
    if kind == "network":
        return _("This database is on a network drive. SQLite files can be damaged when opened over a network. "
                 "For a database shared by several computers, use the shared PostgreSQL mode (see the README); "
                 "otherwise keep the file on this computer's disk.")
    return _("This database is on a removable drive. Pulling the drive out while coopdesk is open can lose the "
             "last changes or damage the file. Keep the database on this computer's disk and use File → Copy "
             "backup to folder… to carry a copy; to share it, use the shared PostgreSQL mode.")
