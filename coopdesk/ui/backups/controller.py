"""Backups, verification and the one-writer lock, as the main window offers them.

File → Back up now / Copy backup to folder… / Restore…, Tools → Verify database / Verify document…, the
backup age in the status bar, automatic backups (every 30 minutes if something changed, and on close), the
lock of the open database (taken before it opens, refreshed every minute, released when the window closes or
opens another database) and the read-only banner. The main window only creates this and calls `claim`,
`may_close` and `retranslate_ui`.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from coopdesk import bootstrap
from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.persistence.database import Database
from coopdesk.persistence.lock import REFRESH_SECONDS, DatabaseInUse, DatabaseLock, is_read_only, storage_kind
from coopdesk.ui.backups.lock_prompt import ReadOnlyBanner, claim_database, release, sqlite_file, storage_warning
from coopdesk.ui.backups.status import BackupStatus
from coopdesk.ui.ops import run_op, show_error

if TYPE_CHECKING:
    from coopdesk.services.backup_schedule import AutoBackups
    from coopdesk.ui.main_window import MainWindow

log = logging.getLogger("coopdesk.ui")
PAINT_WAIT_MS = 5000
AUTOMATIC_EVERY_MS = 30 * 60 * 1000  # every 30 minutes of work when something changed
_held: set[DatabaseLock] = set()  # released at exit too, whatever path the process leaves by


@atexit.register
def _release_all() -> None:
    for lock in list(_held):
        release(lock)
    _held.clear()


class BackupController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db: Database | None = None
        self.auto: AutoBackups | None = None
        self.locks: dict[Path, DatabaseLock] = {}
        self.warned: set[Path] = set()
        self.closing = False  # the close-time backup is done: let the window close
        self.backing_up_to_close = False
        self.auto_running = False
        self._waiting_for_paint = False

        self.actions = {key: QAction(window) for key in ("backup", "copy", "restore", "verify", "document")}
        for key, slot in (("backup", self.backup_now), ("copy", self.copy_backup), ("restore", self.restore),
                          ("verify", self.verify_database), ("document", self.verify_document)):
            self.actions[key].triggered.connect(slot)
        quit_action = window.actions_by_key["quit"]
        for key in ("backup", "copy", "restore"):
            window.file_menu.insertAction(quit_action, self.actions[key])
        window.file_menu.insertSeparator(quit_action)
        self.tools_menu = QMenu(window)
        window.menuBar().insertMenu(window.language_menu.menuAction(), self.tools_menu)
        self.tools_menu.addAction(self.actions["verify"])
        self.tools_menu.addAction(self.actions["document"])

        self.status = BackupStatus(window)
        window.statusBar().addPermanentWidget(self.status)
        self.banner = ReadOnlyBanner(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)

        self.auto_timer = QTimer(self)
        self.auto_timer.setInterval(AUTOMATIC_EVERY_MS)
        self.auto_timer.timeout.connect(self.automatic_backup)
        self.tick = QTimer(self)
        self.tick.setInterval(REFRESH_SECONDS * 1000)
        self.tick.timeout.connect(self._every_minute)
        window.database_changed.connect(self._database_changed)
        self._update_actions()

    def retranslate_ui(self) -> None:
        texts = {"backup": _("&Back up now"), "copy": _("&Copy backup to folder…"), "restore": _("&Restore…"),
                 "verify": _("&Verify database"), "document": _("Verify &document…")}
        for key, text in texts.items():
            self.actions[key].setText(text)
        self.tools_menu.setTitle(_("&Tools"))
        self.status.retranslate_ui()
        self.banner.retranslate_ui()
        self._update_actions()

    # -- the lock

    def claim(self, target: str, *, ask: bool = True) -> bool | None:
        """Before opening `target`: take its lock. Returns whether to open it read-only, or None when the
        person chose not to open it."""
        claim = claim_database(self.window, target, ask=ask)
        if claim is None:
            return None
        if claim.lock is not None:
            self._keep(claim.lock)
        return claim.read_only

    def unclaim(self, target: str) -> None:
        """Opening `target` failed: give back its lock (unless it is the database already open)."""
        path = sqlite_file(target)
        if path is not None and path in self.locks and (self.db is None or self.db.path != path):
            self._drop(path)

    def _keep(self, lock: DatabaseLock) -> None:
        old = self.locks.get(lock.db_path)
        if old is not None and old is not lock:
            _held.discard(old)  # the same file taken again: the new token is the one on disk
        self.locks[lock.db_path] = lock
        _held.add(lock)

    def _drop(self, path: Path) -> None:
        lock = self.locks.pop(path, None)
        if lock is not None:
            release(lock)
            _held.discard(lock)

    def _every_minute(self) -> None:
        for lock in self.locks.values():
            if not lock.refresh():
                log.warning("the lock %s was taken over by another process", lock.path)
                self.window.statusBar().showMessage(
                    _("Another coopdesk window has taken over this database: close this one to avoid confusion."))
        self.status.refresh()

    # -- following the open database

    def _database_changed(self) -> None:
        db = self.window.db
        old, old_auto = self.db, self.auto
        self.db = db
        path = db.path if db is not None and db.is_sqlite else None
        for held in [p for p in self.locks if p != path]:
            self._drop(held)
        if path is not None and not is_read_only(db) and path not in self.locks:  # opened without a claim
            with contextlib.suppress(DatabaseInUse, OSError):
                self._keep(DatabaseLock.acquire(path))
        if old_auto is not None and old_auto.db is not db:
            self.auto = None
            self._finish_old(old_auto, same_file=old is not None and db is not None and old.path == db.path)
        self._update_actions()
        if not self._waiting_for_paint:
            QTimer.singleShot(0, self, self._start_backups)  # it reads the backups folder: after what is queued

    def _start_backups(self) -> None:
        """Automatic backups, the status bar's backup age and the drive warning, for the database now open."""
        from coopdesk.services.backup_schedule import AutoBackups

        db = self.db
        path = db.path if db is not None and db.is_sqlite else None
        if db is not None and self.auto is None and AutoBackups.enabled_for(db):
            self.auto = AutoBackups(db)
        self.status.set_path(path)
        if self.auto is not None:
            self.auto_timer.start()
        else:
            self.auto_timer.stop()
        self.tick.start()
        if path is not None and path not in self.warned:
            self.warned.add(path)
            kind = storage_kind(path)
            if kind is not None:
                self._warn_storage(kind)

    def wait_for_paint(self) -> None:
        """At start-up: backups, their status and the file's check wait until the window is painted (or a few
        seconds, should it start minimised and paint nothing)."""
        self._waiting_for_paint = True
        QTimer.singleShot(PAINT_WAIT_MS, self, self.window_painted)

    def window_painted(self) -> None:
        if self._waiting_for_paint:
            self._waiting_for_paint = False
            self._start_backups()
            self.check_file()

    def check_file(self) -> None:
        """SQLite's quick check of the database opened at start-up, on the worker once the window is painted
        (writes queue behind it). A damaged file is said at once, with the offer to restore a backup; without
        one the window closes and leaves the file as it is."""
        db = self.db
        if db is not None and db.is_sqlite:
            run_op(self.window, lambda: bootstrap.check_file(db), on_failure=self._damaged)

    def _damaged(self, error: BaseException) -> bool:
        if not isinstance(error, bootstrap.DamagedDatabase):
            return False
        from coopdesk.ui.backups.damaged import offer_restore

        if self.db is not None and is_read_only(self.db):  # the other window's to restore
            show_error(self.window, error).exec()
            restored = None
        else:
            restored = offer_restore(error, error.path, self.window)
        if restored is None:
            self.window.close()
        else:
            self._restored(restored)
        return True

    def _finish_old(self, auto: AutoBackups, *, same_file: bool) -> None:
        """The database this window leaves is backed up if it changed (not after a restore onto it)."""
        if same_file or not auto.due():
            auto.close()
            return
        run_op(self.window, auto.run, on_success=lambda _info: auto.close(),
               on_failure=lambda _error: bool(auto.close()))

    def _update_actions(self) -> None:
        db = self.db
        sqlite = db is not None and db.is_sqlite
        read_only = db is not None and is_read_only(db)
        for key in ("backup", "copy"):
            self.actions[key].setEnabled(sqlite)
        self.actions["restore"].setEnabled(sqlite and not read_only)
        self.actions["verify"].setEnabled(db is not None)
        self.actions["document"].setEnabled(db is not None)
        self.banner.setVisible(read_only)  # the sections and the window's own menus: MainWindow._set_editable

    def _warn_storage(self, kind: str) -> None:
        self.window.statusBar().showMessage(storage_warning(kind).split(". ")[0] + ".")
        box = QMessageBox(QMessageBox.Icon.Warning, "coopdesk", storage_warning(kind), QMessageBox.StandardButton.Ok,
                          self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- backing up

    def backup_now(self) -> None:
        from coopdesk.services.backup_schedule import backup_now

        db, auto = self.db, self.auto
        if db is None or not db.is_sqlite:
            return

        def work(progress):  # type: ignore[no-untyped-def]
            return auto.run(progress=progress, force=True) if auto is not None else backup_now(db, progress=progress)

        run_op(self.window, work, on_success=self._backed_up, progress=_("Backing up…"))

    def _backed_up(self, info) -> None:  # type: ignore[no-untyped-def]
        self.status.refresh()
        if info is not None:
            self.window.statusBar().showMessage(_("Backed up and checked: %(path)s") % {"path": str(info.path)},
                                                10_000)
        for dialog in self.window.findChildren(QObject, "backupsDialog"):
            dialog.reload()  # type: ignore[attr-defined]

    def automatic_backup(self) -> None:
        auto = self.auto
        if auto is None or self.auto_running or not auto.due():
            return
        self.auto_running = True

        def done(info) -> None:  # type: ignore[no-untyped-def]
            self.auto_running = False
            self._backed_up(info)

        def failed(_error: BaseException) -> bool:
            self.auto_running = False
            return False  # the usual error dialog: a backup that fails must not go unnoticed

        run_op(self.window, auto.run, on_success=done, on_failure=failed)

    def may_close(self) -> bool:
        """The window asks before closing: a changed database is backed up first (with progress), and the
        window closes when that is done."""
        if self.closing or self.auto is None or not self.auto.due():
            self.shutdown()
            return True
        if not self.backing_up_to_close:
            self.backing_up_to_close = True
            run_op(self.window, self.auto.run, on_success=lambda _info: self._close_now(),
                   on_failure=self._close_failed, progress=_("Backing up before closing…"))
        return False

    def _close_now(self) -> None:
        self.closing = True
        self.window.close()

    def _close_failed(self, error: BaseException) -> bool:
        self.backing_up_to_close = False
        reason = "\n".join(error.lines()) if isinstance(error, CoopdeskError) else str(error)
        box = QMessageBox(QMessageBox.Icon.Warning, "coopdesk",
                          _("The backup before closing failed:\n%(reason)s\n\nClose anyway?") % {"reason": reason},
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: answer == QMessageBox.StandardButton.Yes and self._close_now())
        box.open()  # not exec(): no nested event loop while the worker may still report
        return True

    def shutdown(self) -> None:
        """The window is going: a last backup if something changed and none ran (the application was quit
        without closing the window), then the lock is given back."""
        self.auto_timer.stop()
        self.tick.stop()
        if self.auto is not None:
            if self.auto.due():
                try:
                    self.auto.run()
                except CoopdeskError:
                    log.exception("the backup at exit failed")
            self.auto.close()
            self.auto = None
        for path in list(self.locks):
            self._drop(path)

    # -- the dialogs

    def copy_backup(self) -> None:
        self._backups_dialog(copy=True)

    def restore(self) -> None:
        self._backups_dialog(copy=False)

    def _backups_dialog(self, *, copy: bool) -> None:
        from coopdesk.ui.backups.backups_dialog import BackupsDialog, Mode

        if self.db is None or not self.db.is_sqlite:
            return
        dialog = BackupsDialog(self.db, Mode.COPY if copy else Mode.RESTORE, self.window)
        dialog.setObjectName("backupsDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.backup_requested.connect(self.backup_now)
        dialog.restored.connect(self._restored)
        dialog.open()

    def _restored(self, db: Database) -> None:
        self.window.set_database(db)
        self.status.refresh()
        self.window.statusBar().showMessage(_("The backup was restored; the database as it was is in the backups "
                                              "folder."), 15_000)

    def verify_database(self) -> None:
        from coopdesk.services.verify import verify_database

        db = self.db
        if db is None:
            return
        run_op(self.window, lambda: verify_database(db), on_success=self._verified,
               progress=_("Checking the database…"))

    def _verified(self, report) -> None:  # type: ignore[no-untyped-def]
        from coopdesk.ui.backups.verify_dialog import VerifyDialog

        can_restore = self.actions["restore"].isEnabled()
        dialog = VerifyDialog(report, self.window, can_restore=can_restore)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self.restore)
        dialog.open()

    def verify_document(self) -> None:
        from coopdesk.ui.backups.document_dialog import VerifyDocumentDialog

        if self.db is None:
            return
        dialog = VerifyDocumentDialog(self.db, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
