from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coopdesk.ui import app
from tests.ui.conftest import GUI, add_members

pytestmark = GUI
ROOT = Path(__file__).resolve().parents[2]


def run_smoke(db_path: Path, home: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from coopdesk.ui.app import run_gui; sys.exit(run_gui(sys.argv[1], smoke=True))"
    env = {**os.environ, "COOPDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env=env)


def test_smoke_prints_ready_once_the_members_are_painted(db, db_path: Path, isolated_home: Path):
    add_members(db, 40)
    db.dispose()
    result = run_smoke(db_path, isolated_home)
    assert result.returncode == 0, result.stderr
    word, seconds = result.stdout.split()
    assert word == "ready"
    assert 0 < float(seconds) < 30


def make_newer(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")


def test_a_newer_database_is_refused_with_exit_code_4(db, db_path: Path, isolated_home: Path):
    db.dispose()
    make_newer(db_path)
    result = run_smoke(db_path, isolated_home)
    assert result.returncode == 4
    assert "9999" in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)


def test_a_newer_database_is_explained_in_a_message_box(qtbot, db, db_path: Path):
    db.dispose()
    make_newer(db_path)
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(20, close_box)
    assert app.open_at_start(str(db_path), smoke=False) == 4
    assert seen and "9999" in seen[0]


def test_the_start_up_time_logged_leaves_out_the_sign_in_prompt(qtbot, db, db_path: Path, isolated_home: Path,
                                                                monkeypatch, caplog):
    import logging
    import time

    import coopdesk
    from coopdesk.domain.users import UserRole
    from coopdesk.services.users import add_user
    from coopdesk.ui import login

    add_user(db, username="secretaria", password="una clave larga", role=UserRole.ADMINISTRATOR)
    db.dispose()

    def slow_sign_in(database, parent=None):  # type: ignore[no-untyped-def]
        time.sleep(2.0)  # the secretary types a name and a password
        return login.Access(None)

    monkeypatch.setattr(login, "sign_in", slow_sign_in)
    QTimer.singleShot(1500, QApplication.quit)
    began = time.perf_counter()
    monkeypatch.setattr(coopdesk, "STARTED_AT", began)  # as if the process started now
    with caplog.at_level(logging.INFO, logger="coopdesk.ui"):
        app.waiting_for_person.seconds = 0.0
        app.run_gui(str(db_path))
    shown = next(r for r in caplog.records if r.getMessage().startswith("main window shown after"))
    seconds, waited = shown.args
    assert waited >= 2.0 and "waiting for the person not counted" in shown.getMessage()
    assert seconds < time.perf_counter() - began - 2.0  # the two seconds at the prompt are not start-up time
