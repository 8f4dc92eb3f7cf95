"""Start-up until the main window is painted with 2,000 members, against the import floor.

The floor is a bare PySide6 window in a process that also imports `sqlalchemy.orm` and `babel`.
Goal: coopdesk ≤ 1.3 × the floor. Both are timed the same way: from launch to the `ready` line.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.members_csv import write_members_csv

GOAL_RATIO = 1.3
RUNS = 15
FLOOR_SCRIPT = """
import sqlalchemy.orm, babel.dates, babel.numbers
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication([])
window = QMainWindow(); window.setCentralWidget(QLabel("floor")); window.resize(1000, 700); window.show()
def painted():
    window.repaint(); print("ready", flush=True); app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""


def coopdesk_command() -> list[str]:
    """The `coopdesk` script installed beside this Python, as a person starts it (else `python -m coopdesk`)."""
    script = Path(sys.executable).with_name("coopdesk")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "coopdesk"]


def time_until_ready(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("ready"):
            elapsed = time.perf_counter() - started
            process.wait(timeout=30)
            return elapsed
    raise RuntimeError(f"{command} never became ready (exit {process.wait()})")


def run() -> dict:
    from coopdesk.bootstrap import open_database
    from coopdesk.services.member_import import import_members

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        db = open_database(db_path)
        import_members(db, path=write_members_csv(Path(folder) / "m.csv", 2000))
        db.dispose()
        env["COOPDESK_HOME"] = folder
        # Timed as a user starts it: with the bytecode cache that pip or the first run writes (the floor's
        # libraries have theirs from installation).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app = [*coopdesk_command(), "--db", str(db_path), "gui", "--smoke"]
        floor = [sys.executable, "-c", FLOOR_SCRIPT]
        time_until_ready(app, env)  # warm the file cache and write the bytecode cache once
        app_times, floor_times = [], []
        for _ in range(RUNS):  # interleaved, so that a busy moment of the machine weighs on both
            app_times.append(time_until_ready(app, env))
            floor_times.append(time_until_ready(floor, env))
    # Each start beside the floor's start that followed it: the median of those ratios leaves out the moments the
    # machine was busy elsewhere, which a ratio of two medians does not.
    ratio = statistics.median(a / f for a, f in zip(app_times, floor_times, strict=True))
    app_s, floor_s = statistics.median(app_times), statistics.median(floor_times)
    met = ratio <= GOAL_RATIO
    print(f"start-up, 2,000 members painted: {app_s:.3f} s; import floor {floor_s:.3f} s (medians of {RUNS}); "
          f"ratio {ratio:.2f} (median of the pairs; goal ≤ {GOAL_RATIO}) {'MET' if met else 'MISSED'}; "
          f"fastest {min(app_times):.3f} s / {min(floor_times):.3f} s")
    return {"app_s": app_s, "floor_s": floor_s, "ratio": ratio, "met": met}
