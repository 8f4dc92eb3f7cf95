from __future__ import annotations

import logging
import threading

from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.domain.errors import InvalidInput, Problem, ProblemsFound
from coopdesk.i18n import N_
from coopdesk.ui import ops
from tests.ui.conftest import GUI, message_boxes

pytestmark = GUI


def test_work_runs_off_the_gui_thread_and_reports_back_on_it(qtbot, wait_ops):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    ops.run_op(parent, work, on_success=lambda result: seen.update(result=result,
                                                                 callback=threading.current_thread()))
    wait_ops()
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()


def test_progress_reaches_the_gui_and_work_runs_one_at_a_time(qtbot, wait_ops):
    parent = QWidget()
    qtbot.addWidget(parent)
    reported: list[tuple[int, int]] = []
    order: list[str] = []
    running = threading.Lock()

    def work(progress) -> str:  # type: ignore[no-untyped-def]
        assert running.acquire(blocking=False), "two operations ran at once"
        try:
            for done in range(1, 5):
                progress(done, 4)
            return "done"
        finally:
            running.release()

    for name in ("first", "second", "third"):
        ops.run_op(parent, work, on_success=lambda _r, name=name: order.append(name),
                   progress=lambda done, total: reported.append((done, total)))
    wait_ops()
    assert order == ["first", "second", "third"]
    assert (4, 4) in reported
    assert ops.worker_pool().maxThreadCount() == 1


def test_a_coopdesk_error_shows_its_lines(qtbot, wait_ops):
    parent = QWidget()
    qtbot.addWidget(parent)

    def work() -> None:
        raise ProblemsFound([Problem(N_("the name is required"), line=3, column="nombre")])

    ops.run_op(parent, work)
    wait_ops()
    (box,) = message_boxes()
    assert box.icon() == QMessageBox.Icon.Warning
    assert "nombre" in box.informativeText()
    assert "3" in box.informativeText()


def test_on_failure_may_handle_the_error_itself(qtbot, wait_ops):
    parent = QWidget()
    qtbot.addWidget(parent)
    caught: list[BaseException] = []

    def work() -> None:
        raise InvalidInput(N_("the name is required"))

    ops.run_op(parent, work, on_failure=lambda error: caught.append(error) or True)
    wait_ops()
    assert isinstance(caught[0], InvalidInput)
    assert message_boxes() == []


def test_an_unexpected_error_is_logged_and_shown_without_a_traceback(qtbot, wait_ops, caplog):
    parent = QWidget()
    qtbot.addWidget(parent)

    def work() -> None:
        raise ZeroDivisionError("boom")

    with caplog.at_level(logging.ERROR, logger="coopdesk.ui"):
        ops.run_op(parent, work)
        wait_ops()
    (box,) = message_boxes()
    assert box.icon() == QMessageBox.Icon.Critical
    assert "boom" not in box.text() + box.informativeText()
    assert "Traceback" not in box.text() + box.informativeText()
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)


def test_callbacks_are_dropped_when_the_parent_is_gone(qtbot, wait_ops):
    parent = QWidget()
    called: list[object] = []
    gate = threading.Event()
    ops.run_op(parent, lambda: gate.wait(5), on_success=called.append)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(parent))
    gate.set()
    wait_ops()
    assert called == []


def test_the_excepthook_shows_the_dialog(qtbot, caplog):
    try:
        raise RuntimeError("in a slot")
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR, logger="coopdesk.ui"):
            ops._excepthook(RuntimeError, error, error.__traceback__)
    (box,) = message_boxes()
    assert box.icon() == QMessageBox.Icon.Critical
    assert caplog.records
