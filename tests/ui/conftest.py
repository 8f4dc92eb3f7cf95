"""Widget tests: real widgets (offscreen), real SQLite files, the real worker thread."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from coopdesk.domain.members import Body, MemberDraft, MemberStatus
from coopdesk.services.members import create_member

# Every widget test: the gui marker, and no failure for the offscreen platform's notice that it cannot
# pass size hints to a window manager it does not have.
GUI = [pytest.mark.gui, pytest.mark.qt_log_ignore("propagateSizeHints")]

NAMES = ("Rosa Rojas", "Ángel Núñez", "Beatriz Pérez", "Carlos Díaz", "Yohana Peña", "Omar Briceño")


def add_members(db, count: int) -> None:  # type: ignore[no-untyped-def]
    """`count` members with varied bodies and statuses, codes M001…"""
    bodies = list(Body)
    statuses = list(MemberStatus)
    for i in range(1, count + 1):
        body = bodies[i % 7 % 3]
        create_member(db, draft=MemberDraft(
            code=f"M{i:03d}",
            full_name=f"{NAMES[i % len(NAMES)]} {i}",
            body=body,
            joined_on=date(2010 + i % 12, 1 + i % 12, 1 + i % 27),
            voting=body.votes_by_default,
            national_id=f"V-{10_000_000 + i}",
            skills=("cocina",) if i % 2 else (),
            status=statuses[0] if i % 5 else statuses[1 + i % 2],
        ))


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo council, made once (it takes seconds); a test opens a copy of it with demo_window()."""
    from coopdesk.bootstrap import open_database
    from coopdesk.services.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COOPDESK_HOME", str(tmp_path_factory.mktemp("demo_home")))
        database = open_database(path)
        create_demo(database, members=20, years=1)  # enough workers for a rotation plan
        database.dispose()
    return path


def demo_window(qtbot, demo_file: Path, db_path: Path) -> Iterator:  # type: ignore[no-untyped-def, type-arg]
    """The main window on a copy of the demo council, 1366×768 (a fixture's body: `yield from` it)."""
    from coopdesk.bootstrap import open_database
    from coopdesk.ui.main_window import MainWindow

    with closing(sqlite3.connect(demo_file)) as source, closing(sqlite3.connect(db_path)) as copy:
        source.backup(copy)
    database = open_database(db_path)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    database.dispose()


@pytest.fixture
def wait_ops(qtbot):  # type: ignore[no-untyped-def]
    """Wait until every background operation has reported back to the GUI thread."""
    from coopdesk.ui import ops

    def wait(timeout: int = 20_000) -> None:
        qtbot.waitUntil(lambda: ops.pending_ops() == 0, timeout=timeout)

    return wait


@pytest.fixture(autouse=True)
def _clean_ui(qapp):  # type: ignore[no-untyped-def]
    """No test leaves work running, message boxes open, or another language in force; and, as in the app,
    Python collects on the GUI thread only (a collection on the worker could destroy Qt objects there)."""
    from coopdesk.ui.collector import GuiThreadCollector

    collector = GuiThreadCollector()
    yield
    from PySide6.QtWidgets import QApplication, QMessageBox

    from coopdesk.ui import ops
    from coopdesk.ui.language import apply_language

    ops.wait_for_worker()
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()
    apply_language("es")
    collector.stop()  # this test's garbage, collected here, on the GUI thread
    # What survives (modules, caches, the session's fixtures) is set aside from later collections: unfrozen,
    # each test's collection walked everything the worker had ever kept, which reached 5 s a test late in a run.
    gc.freeze()


def message_boxes():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QMessageBox

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def alt_key(text: str) -> str | None:
    """The letter Alt answers to in a control's text ("Nue&va asamblea…" -> "v"), as Qt reads it."""
    from PySide6.QtGui import QKeySequence

    key = QKeySequence.mnemonic(text)
    return None if key.isEmpty() else key.toString()[-1].lower()


def alt_keys(top) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(letter, text) of every Alt+letter shown in `top`: its menus' titles, and the visible buttons, labels of
    fields, group boxes and tabs. Qt presses none of two that share a letter."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar

    texts = [action.text() for bar in top.findChildren(QMenuBar) for action in bar.actions()]
    for widget in top.findChildren(QAbstractButton) + top.findChildren(QLabel) + top.findChildren(QGroupBox):
        if widget.isVisible() and not (isinstance(widget, QLabel) and widget.buddy() is None):
            texts.append(widget.title() if isinstance(widget, QGroupBox) else widget.text())
    texts += [bar.tabText(i) for bar in top.findChildren(QTabBar) if bar.isVisible() for i in range(bar.count())
              if bar.isTabVisible(i)]
    return [(letter, text) for text in texts if (letter := alt_key(text))]

