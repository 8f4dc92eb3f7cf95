"""Start the GUI: the application object, language, which database, the main window — fast.

Only what the first screen needs is imported here: no Alembic (the schema check avoids it when the
database is at head), no reportlab, no QtPdf (the preview imports it when it opens).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

import coopdesk
from coopdesk import bootstrap, paths
from coopdesk.domain.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.persistence import credentials
from coopdesk.persistence.database import Database
from coopdesk.services.overview import has_users
from coopdesk.services.preferences import load_preferences
from coopdesk.ui import ops
from coopdesk.ui.collector import GuiThreadCollector
from coopdesk.ui.language import apply_language
from coopdesk.ui.widgets import app_icon


def _process_age() -> float | None:
    """Seconds since this process started, from /proc where there is one (the interpreter's own start-up
    counts too: it is part of what a user waits for)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat, open("/proc/uptime", encoding="ascii") as up:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])  # field 22, starttime
            uptime = float(up.read().split()[0])
        return max(0.0, uptime - started_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):
        return None


if getattr(coopdesk, "STARTED_AT", None) is None:  # `__main__` may set it (a time.perf_counter() value)
    coopdesk.STARTED_AT = time.perf_counter() - (_process_age() or 0.0)  # type: ignore[attr-defined]


log = logging.getLogger("coopdesk.ui")


def elapsed() -> float:
    return time.perf_counter() - coopdesk.STARTED_AT  # type: ignore[attr-defined]


def _claim_windows_app_id() -> None:
    """Windows groups a window under the Start-menu shortcut whose AppUserModelID (set by the installer) the
    process declares; without it the taskbar shows the bare Python host. Elsewhere there is nothing to do."""
    if sys.platform != "win32":
        return
    import ctypes

    try:
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(paths.APP_ID)  # type: ignore[attr-defined]
    except (AttributeError, OSError):  # an old or stripped-down Windows: only the grouping is lost
        log.warning("the application id could not be set")


class _PersonWait:
    """The time start-up spends waiting for the person (choosing a database, signing in): not the program's."""

    seconds = 0.0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            self.seconds += time.perf_counter() - began


waiting_for_person = _PersonWait()


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        _claim_windows_app_id()  # before any window exists
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("coopdesk")
    app.setApplicationName("coopdesk")
    app.setApplicationVersion(coopdesk.__version__)
    app.setDesktopFileName(paths.APP_ID)  # Wayland matches the window to its launcher and icon by this
    # Qt's own file dialogs everywhere: one language (ours), not the system's dialog beside our Spanish.
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app.setWindowIcon(app_icon())
    return app


def _log_to_file() -> None:
    """Unexpected errors go to the log the "Something went wrong" dialog names."""
    path = bootstrap.start_logging()
    ops.log_file = str(path) if path else None


def remembered_database() -> str | None:
    """The database of the last session — unless its file has gone since (then it is a first start)."""
    last = load_preferences().last_database
    if last and "://" not in last and not Path(last).is_file():
        return None
    return last


def start_target(db_target: str | None) -> str | None:
    """--db, else $COOPDESK_DB, else the one used last time; None means: ask (first start)."""
    return db_target or os.environ.get("COOPDESK_DB") or remembered_database()


def open_at_start(target: str, *, smoke: bool, read_only: bool = False) -> Database | int:
    """The database, or the exit code after explaining why it cannot be opened (nothing is touched; a
    damaged one may be restored from a backup on the spot)."""
    try:
        return bootstrap.open_database(target, read_only=read_only, check_later=True)  # checked once painted
    except CoopdeskError as error:
        if smoke:
            for line in error.lines():
                print(line, file=sys.stderr)
        elif isinstance(error, bootstrap.DamagedDatabase) and not read_only:
            from coopdesk.ui.backups.damaged import offer_restore

            restored = offer_restore(error, target)
            if restored is not None:
                return restored
        else:
            QMessageBox.critical(None, "coopdesk", "\n".join(error.lines()))
        return error.exit_code


class _FirstPaint:
    """Once the home page has painted its lines: what start-up made is frozen out of later collections,
    `then` runs, and for --smoke `ready <seconds>` is said and the window quits."""

    def __init__(self, app: QApplication, *, smoke: bool, then: Callable[[], None]) -> None:
        self.app, self.smoke, self.then = app, smoke, then

    def __call__(self) -> None:
        gc.freeze()  # it lives as long as the window: the collections to come need not walk it again
        if self.smoke:
            print(f"ready {elapsed():.3f}", flush=True)
            QTimer.singleShot(0, self.app.quit)
        QTimer.singleShot(0, self.then)  # once this paint is done


def ask_password(account: str, retry: bool) -> str | None:
    """The shared server's password, asked on screen (only from the GUI thread; never stored in a file)."""
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None
    question = (_("The server refused that password. Password of %(account)s:") if retry
                else _("Password of %(account)s on the database server:")) % {"account": account}
    text, accepted = QInputDialog.getText(None, "coopdesk", question, QLineEdit.EchoMode.Password)
    return text if accepted and text else None


def run_gui(db_target: str | None, smoke: bool = False, lang: str | None = None) -> int:
    """Open the main window on a database; returns the process exit code."""
    from coopdesk.ui.main_window import MainWindow

    app = application()
    collector = GuiThreadCollector(app)  # from here on, Python collects on this thread only (see ui.collector)
    _log_to_file()
    apply_language(bootstrap.start_language(lang))
    ops.install_excepthook()
    credentials.set_prompt(ask_password)

    target = start_target(db_target)
    demo = False
    new_kind = None  # the unit's kind of a database created from the first-run dialog
    if target is None and smoke:
        target = bootstrap.resolve_database_target(None)
    if target is None:
        from coopdesk.ui.first_run import FirstRunDialog, Start

        dialog = FirstRunDialog()
        with waiting_for_person():
            accepted = dialog.exec() == FirstRunDialog.DialogCode.Accepted
        if not accepted or dialog.choice is None:
            return 0
        target, demo = dialog.choice.path, dialog.choice.kind is Start.DEMO
        new_kind = dialog.choice.unit_kind if dialog.choice.kind is Start.NEW else None

    window = MainWindow()
    window.backups.wait_for_paint()
    if demo:
        window.show()
        window.open_demo()  # fills the demo council on the worker, with progress, then shows it
    else:
        read_only = window.backups.claim(target, ask=not smoke)  # the one-writer lock
        if read_only is None:
            return 0
        db = open_at_start(target, smoke=smoke, read_only=read_only)
        if isinstance(db, int):
            window.backups.shutdown()
            return db
        if new_kind is not None and not read_only:
            from coopdesk.services.council import set_unit_kind

            set_unit_kind(db, kind=new_kind)
        if not smoke and has_users(db):  # who is there? (no users: the single-user desk, full access)
            from coopdesk.ui.login import sign_in

            with waiting_for_person():
                access = sign_in(db)
            while access is not None and not access.can_edit:  # a member: their window, until they sign out
                with waiting_for_person():  # a member's own window came first: not start-up time either
                    stayed = _member_session(app, db, access.user)
                if not stayed:
                    window.backups.shutdown()  # nothing was changed: only the lock goes back
                    db.dispose()
                    return 0
                with waiting_for_person():
                    access = sign_in(db)
            if access is None:
                window.backups.shutdown()
                db.dispose()
                return 0
            window.set_access(access)
        window.set_database(db)
        window.show()
    window.home_page.first_painted.connect(_FirstPaint(app, smoke=smoke, then=window.backups.window_painted))
    log.info("main window shown after %.3f s (%.1f s waiting for the person not counted)",
             elapsed() - waiting_for_person.seconds, waiting_for_person.seconds)
    code = app.exec()
    ops.wait_for_worker()  # a write in progress finishes before the process ends
    collector.stop()
    window.backups.shutdown()  # the last backup if the window was not closed (quit), and the lock back
    if window.db is not None:
        window.db.dispose()
    return code


def _member_session(app: QApplication, db: Database, user) -> bool:  # type: ignore[no-untyped-def]
    """A member signed in: their read-only window instead of the main one; True when they signed out (the
    sign-in dialog comes again), False when they quit."""
    from coopdesk.ui.member_view import MemberWindow

    member_window = MemberWindow(db, user)
    member_window.show()
    app.exec()  # the window's close ends it (quit on last window closed), sign out included
    signed_out = member_window.signing_out
    member_window.deleteLater()
    return signed_out


def main() -> int:
    """`python -m coopdesk.ui.app [DB] [--smoke]` — handy while working on the GUI."""
    args = [arg for arg in sys.argv[1:] if arg != "--smoke"]
    return run_gui(args[0] if args else None, smoke="--smoke" in sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
