from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coopdesk import bootstrap
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


# The window's process with a sign-in that takes two seconds (a person typing), quitting once it has shown.
SLOW_SIGN_IN = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from coopdesk.ui import app, login

def slow_sign_in(db, parent=None):
    time.sleep(2.0)
    return login.Access(None)

login.sign_in = slow_sign_in
QTimer.singleShot(0, lambda: QTimer.singleShot(500, QApplication.quit))
sys.exit(app.run_gui(sys.argv[1]))
"""


def test_the_start_up_time_logged_leaves_out_the_sign_in_prompt(db, db_path: Path, isolated_home: Path):
    from coopdesk.domain.users import UserRole
    from coopdesk.services.users import add_user

    add_user(db, username="secretaria", password="una clave larga", role=UserRole.ADMINISTRATOR)
    db.dispose()
    env = {**os.environ, "COOPDESK_HOME": str(isolated_home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SLOW_SIGN_IN, str(db_path)], capture_output=True, text=True,
                            timeout=60, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    log = next(isolated_home.rglob(bootstrap.LOG_FILE)).read_text(encoding="utf-8")
    line = next(line for line in log.splitlines() if "main window shown after" in line)
    shown, waited = (float(number) for number in re.findall(r"(\d+\.\d+) s", line))
    assert waited >= 2.0 and "waiting for the person not counted" in line  # the prompt's time is set apart
    assert shown > 0
