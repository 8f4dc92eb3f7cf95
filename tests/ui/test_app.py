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
