"""At start-up, a database that fails SQLite's quick check: say so, and offer to restore one of its backups
before anything else touches it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk import bootstrap
from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.ui.ops import show_error


def offer_restore(error: bootstrap.DamagedDatabase, target: str, parent: QWidget | None = None) -> Database | None:
    """The restored database, opened; None when the person closed instead (or the restore did not happen)."""
    from coopdesk.ui.backups.backups_dialog import BackupsDialog, Mode

    box = QMessageBox(QMessageBox.Icon.Critical, "coopdesk", error.translated(), QMessageBox.StandardButton.NoButton,
                      parent)
    box.setInformativeText(_("Restoring replaces it with a backup; the damaged file is kept in the backups "
                             "folder."))
    restore = box.addButton(_("Restore a backup…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return None
    try:
        damaged = bootstrap.open_database(target, check=False)
    except CoopdeskError as unreadable:
        show_error(parent, unreadable).exec()
        return None
    restored: list[Database] = []
    dialog = BackupsDialog(damaged, Mode.RESTORE, parent)
    dialog.restored.connect(restored.append)
    dialog.exec()
    if not restored:
        damaged.dispose()
    return restored[0] if restored else None
