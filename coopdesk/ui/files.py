"""The file dialogs for choosing a database, shared by the first-run dialog and the File menu, and where saved
reports go."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from coopdesk import paths
from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_, _
from coopdesk.ui.ops import show_error

DATABASE_FILTER = N_("coopdesk databases (*.sqlite3 *.db);;All files (*)")


def documents_folder() -> Path:
    """Where a saved report goes first: the user's documents folder (their home where there is none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def ask_existing_database(parent: QWidget | None, start: Path | None = None) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent, _("Open database"), str(start or paths.user_data_dir()), _(DATABASE_FILTER))
    return path or None


def ask_new_database(parent: QWidget | None) -> str | None:
    """A path for a new database; an existing file is refused, never overwritten."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("New database"), str(paths.default_database_path()), _(DATABASE_FILTER),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not path:
        return None
    if Path(path).exists():
        show_error(parent, InvalidInput(
            N_("%(path)s already exists. Choose another name, or open it with Open database…"), path=path))
        return None
    return path
