"""Background work through one door: `run_op` runs a service call off the GUI thread.

All database work shares ONE worker thread (SQLite has one writer, and ordering user actions is simpler
than locking them), callbacks come back on the GUI thread, and every error ends in a translated message
box — a CoopdeskError shows its own lines, anything else is logged and shown as "Something went wrong".
"""

from __future__ import annotations

import inspect
import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from coopdesk.domain.errors import CoopdeskError, ProblemsFound
from coopdesk.i18n import _, ngettext

log = logging.getLogger("coopdesk.ui")

Progress = Callable[[int, int], None]
MAX_LINES_SHOWN = 25
PROGRESS_DELAY_MS = 300  # quick operations finish before a progress dialog would flash up

_pool: QThreadPool | None = None
_running: dict[int, _Operation] = {}  # by number, until the GUI thread has its report
_next_number = 0
_bridge: _Bridge | None = None
_open_boxes: set[QMessageBox] = set()
log_file: str | None = None  # set by the app when it logs to a file; named in the error dialog


def worker_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


def pending_ops() -> int:
    """Operations started and not yet reported back (tests wait for 0)."""
    return len(_running)


def wait_for_worker(msecs: int = 30_000) -> bool:
    return worker_pool().waitForDone(msecs)


def _accepts_progress(fn: Callable[..., Any]) -> bool:
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "progress" or p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)


class _Operation:
    """What the caller asked for with its work: the callbacks and the progress dialog, all on the GUI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], bool | None] | None,
        progress: str | Progress | None,
    ) -> None:
        self.parent_widget = parent
        self.on_success = on_success
        self.on_failure = on_failure
        self.on_progress = progress if callable(progress) else None
        self.dialog: QProgressDialog | None = None
        if isinstance(progress, str):
            self.dialog = QProgressDialog(progress, None, 0, 0, parent)
            self.dialog.setWindowTitle("coopdesk")
            self.dialog.setCancelButton(None)  # a half-done unit of work is rolled back, never cancelled midway
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.setMinimumWidth(360)

    def _alive(self) -> bool:
        return self.parent_widget is None or shiboken6.isValid(self.parent_widget)

    def _finish(self) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = None

    def progressed(self, done: int, total: int) -> None:
        if self.on_progress is not None and self._alive():
            self.on_progress(done, total)
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total > 0 else 0)

    def succeeded(self, result: object) -> None:
        self._finish()
        if self.on_success is not None and self._alive():
            self.on_success(result)

    def failed(self, error: BaseException) -> None:
        self._finish()
        expected = isinstance(error, CoopdeskError)
        if not expected:
            log.error("unexpected error in a background operation",
                      exc_info=(type(error), error, error.__traceback__))
        if not self._alive():
            return
        handled = self.on_failure(error) if self.on_failure is not None else False
        if not handled:
            show_error(self.parent_widget, error)


class _Bridge(QObject):
    """Carries the worker's reports to the GUI thread by the operation's number. The worker never holds the
    operation (nor, through its callbacks, any widget): a last reference dropped on the worker would destroy
    Qt objects on the wrong thread, and Qt crashes."""

    progressed = Signal(int, int, int)
    finished = Signal(int, bool, object)  # number, succeeded, the result or the error

    def __init__(self) -> None:
        super().__init__()
        self.progressed.connect(self._progressed)
        self.finished.connect(self._finished)

    @Slot(int, int, int)
    def _progressed(self, number: int, done: int, total: int) -> None:
        operation = _running.get(number)
        if operation is not None:
            operation.progressed(done, total)

    @Slot(int, bool, object)
    def _finished(self, number: int, succeeded: bool, value: object) -> None:
        operation = _running.pop(number, None)
        if operation is None:
            return
        if succeeded:
            operation.succeeded(value)
        else:
            operation.failed(value)  # type: ignore[arg-type]


def _the_bridge() -> _Bridge:
    global _bridge
    if _bridge is None:
        _bridge = _Bridge()  # on the GUI thread: the first run_op comes from there
    return _bridge


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], number: int, wants_progress: bool) -> None:
        super().__init__()
        self.fn: Callable[..., Any] | None = fn
        self.number = number
        self.wants_progress = wants_progress
        self.last_percent = -1

    def progress(self, done: int, total: int) -> None:
        # Thousands of rows must not become thousands of queued repaints: report whole percents only.
        percent = int(done * 100 / total) if total > 0 else -1
        if percent != self.last_percent or done >= total:
            self.last_percent = percent
            _the_bridge().progressed.emit(self.number, done, total)

    def run(self) -> None:
        fn, self.fn = self.fn, None  # what the work captured is let go of before its result is reported
        if fn is None:
            return
        try:
            result = fn(progress=self.progress) if self.wants_progress else fn()
        except BaseException as error:
            del fn
            traceback.clear_frames(error.__traceback__)  # its frames' locals too (the lines stay for the log)
            _the_bridge().finished.emit(self.number, False, error)
        else:
            del fn
            _the_bridge().finished.emit(self.number, True, result)


def run_op(
    parent: QWidget | None,
    fn: Callable[..., Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], bool | None] | None = None,
    progress: str | Progress | None = None,
) -> None:
    """Run `fn` on the shared worker thread; `on_success(result)` follows on the GUI thread.

    `fn` receives `progress=callback(done, total)` when it has a `progress` parameter. `progress` given as
    a label shows a progress dialog over `parent` if the work takes longer than a moment; given as a
    function, it receives `(done, total)` on the GUI thread (for a progress bar of one's own).
    `on_failure(error)` runs first on any error; unless it returns True, the default error dialog is shown.
    Callbacks are dropped when `parent` has been destroyed meanwhile.
    """
    global _next_number
    _the_bridge()
    _next_number += 1
    _running[_next_number] = _Operation(parent, on_success, on_failure, progress)
    worker_pool().start(_Task(fn, _next_number, _accepts_progress(fn)))


def _message_box(parent: QWidget | None, icon: QMessageBox.Icon, text: str, details: str = "") -> QMessageBox:
    box = QMessageBox(icon, "coopdesk", text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
    if parent is None:  # nothing owns a parentless box: hold it until it closes
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()  # non-blocking: the worker's next callbacks are not held up behind it
    return box


def problem_lines(lines: list[str]) -> str:
    shown = lines[:MAX_LINES_SHOWN]
    hidden = len(lines) - len(shown)
    if hidden:
        shown.append(ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", hidden)
                     % {"count": hidden})
    return "\n".join(shown)


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """The one error dialog: translated lines for our errors, a calm apology for anything else."""
    if isinstance(error, ProblemsFound):
        return _message_box(parent, QMessageBox.Icon.Warning, error.translated(), problem_lines(error.lines()))
    if isinstance(error, CoopdeskError):
        return _message_box(parent, QMessageBox.Icon.Warning, problem_lines(error.lines()))
    details = _("The details were written to %(path)s.") % {"path": log_file} if log_file else ""
    return _message_box(
        parent, QMessageBox.Icon.Critical, _("Something went wrong and the action was not completed."), details
    )


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    if not isinstance(error, CoopdeskError):
        log.error("unexpected error", exc_info=(kind, error, tb))
    if QApplication.instance() is not None:
        parent = QApplication.activeWindow()
        if parent is None or isinstance(parent, QMessageBox) or not parent.isVisible():
            parent = None  # never hang the dialog on another message box or on a closing window
        show_error(parent, error)


def install_excepthook() -> None:
    """Errors raised in slots and event handlers end in the same dialog, never as a traceback."""
    sys.excepthook = _excepthook
