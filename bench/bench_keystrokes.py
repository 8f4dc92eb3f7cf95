"""A whole assembly of 51 voters from the keyboard alone: keystrokes and wall time, from "Nueva asamblea" to
the acta saved as a PDF, in the real window under Xvfb, driven by xdotool.

The steps are a secretary's: a new meeting (place, chair, secretary), two agenda items, convene, the roll
call of 51 (P, E or A on each row), open the session, the minutes of each item, a motion voted by open count,
adjourn, approve the minutes by signatures, print the acta and save it. Every key the script sends is counted
from its own list; the texts typed (place, codes, items, minutes, the motion) are counted apart, in
characters. The script waits for each step to reach the database (or the next window to appear) before the
next, so the wall time is the app's as well as the keys'.

Goals: the roll call of 51 in ≤ 60 keys; the whole assembly in ≤ 250 keys plus the typed texts.
Needs Xvfb and xdotool (`apt-get install xvfb xdotool`; openbox, when present, gives the window focus as a
desktop would). Without them it says so and skips. COOPDESK_BENCH_SHOTS=FOLDER saves a screenshot per step.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.members_csv import write_members_csv

VOTERS = 51
ROLL_GOAL = 60
WHOLE_GOAL = 250
STEP_TIMEOUT = 60.0
# Who answers the roll: 45 present, 3 excused, 3 absent — one key each.
ROLL = "p" * 45 + "e" * 3 + "a" * 3


class StepFailed(RuntimeError):
    pass


class Keyboard:
    """xdotool on the bench's display; counts what it sends."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.keys: list[str] = []
        self.typed = 0

    def xdotool(self, *args: str, timeout: float = STEP_TIMEOUT) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, check=True,
                              timeout=timeout).stdout

    def key(self, *chords: str, pause: float = 0.15) -> None:
        for chord in chords:
            self.xdotool("key", "--clearmodifiers", chord)
            self.keys.append(chord)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "25", text)
        self.typed += len(text)
        time.sleep(0.15)

    def window(self, title: str, timeout: float = STEP_TIMEOUT) -> str:
        """The id of the visible window with this title, once it shows."""
        try:
            found = self.xdotool("search", "--sync", "--onlyvisible", "--name", title, timeout=timeout).split()
        except subprocess.TimeoutExpired as error:
            raise StepFailed(f"no window '{title}' after {timeout:.0f} s") from error
        # A new window takes the keys as on a desktop (the window manager gives it the focus; this waits for it).
        subprocess.run(["xdotool", "windowactivate", "--sync", found[-1]], env=self.env, capture_output=True,
                       check=False, timeout=timeout)
        return found[-1]


class Books:
    """The database as the window leaves it (read-only; the window holds the writer's lock)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def value(self, sql: str) -> object:
        with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5) as connection:
            row = connection.execute(sql).fetchone()
        return row[0] if row else None

    def wait(self, what: str, sql: str, expected: object, timeout: float = STEP_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        value = None
        while time.monotonic() < deadline:
            value = self.value(sql)
            if value == expected:
                return
            time.sleep(0.05)
        raise StepFailed(f"{what}: {sql} gave {value!r}, not {expected!r}")


def missing_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


def screenshot(env: dict[str, str], path: Path) -> None:
    script = ("import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication([])\n"
              "app.primaryScreen().grabWindow(0).save(sys.argv[1])\n")
    subprocess.run([sys.executable, "-c", script, str(path)], env={**env, "QT_QPA_PLATFORM": "xcb"},
                   check=False, timeout=30)


def assembly(keyboard: Keyboard, books: Books, step: Callable[[str], None]) -> dict[str, float | int]:
    """The secretary's keys, step by step; returns the roll call's keys and seconds."""
    meeting = "SELECT {} FROM meetings ORDER BY id DESC LIMIT 1"
    keyboard.key("ctrl+3")  # Asambleas
    keyboard.key("alt+v")  # Nue&va asamblea…
    keyboard.window("Nueva asamblea")
    keyboard.key("alt+l")
    keyboard.type("Galpon principal")
    keyboard.key("alt+p")
    keyboard.type("M00001")
    keyboard.key("Tab", "alt+s")
    keyboard.type("M00002")
    keyboard.key("Tab", "Return")
    books.wait("the new meeting", meeting.format("chair_id IS NOT NULL AND place IS NOT NULL"), 1)
    step("created")
    for number, title in enumerate(("Informe de gestion del trimestre", "Eleccion de la comision electoral"), 1):
        keyboard.key("alt+o")  # Agregar punt&o…
        keyboard.window("Nuevo punto del orden del día")
        keyboard.type(title)
        keyboard.key("Return")
        books.wait("an agenda item", "SELECT count(*) FROM agenda_items", number)
    step("agenda")
    keyboard.key("alt+v")  # Con&vocar
    books.wait("convened", meeting.format("state"), "convened")
    step("convened")

    keyboard.key("alt+2")  # the roll call, its first row chosen
    time.sleep(1.0)  # the roll is read off the GUI thread; a person looks at it before the first key
    keys_before, started = len(keyboard.keys), time.perf_counter()
    for answer in ROLL:
        keyboard.key(answer, pause=0.12)
    books.wait("the roll call", "SELECT count(*) FROM attendance", VOTERS)
    books.wait("the roll call", "SELECT count(*) FROM attendance WHERE status = 'present'", ROLL.count("p"))
    roll = {"roll_keys": len(keyboard.keys) - keys_before + 1, "roll_s": time.perf_counter() - started}
    step("roll")

    keyboard.key("alt+b")  # A&brir la sesión…
    keyboard.window("Abrir la sesión")
    keyboard.key("Return")  # the date is a week away: "Abrir de todos modos" is the default
    books.wait("open", meeting.format("state"), "open")
    step("open")

    keyboard.key("alt+3", "Tab", "Tab")  # the proceedings: the first item, then its minutes
    keyboard.type("Se presento el informe de gestion del trimestre y fue discutido.")
    step("minutes 1")
    keyboard.key("ctrl+Tab", "alt+g")  # Mociones, A&gregar moción…
    keyboard.window("Nueva moción")
    keyboard.type("Aprobar el informe de gestion del trimestre")
    keyboard.key("Tab", "Return")  # by show of hands, simple majority: the usual
    books.wait("the motion", "SELECT count(*) FROM motions", 1)
    for label, count in (("alt+f", "38"), ("alt+e", "4"), ("alt+b", "3")):  # A &favor, &En contra, A&bstenciones
        keyboard.key(label)
        keyboard.type(count)
    keyboard.key("alt+v")  # Cerrar la &votación…
    keyboard.window("^coopdesk$")
    keyboard.key("shift+Tab", "Return")  # "Cancelar" is the default: the secretary means it
    books.wait("the vote", "SELECT result FROM motions", "passed")
    books.wait("the count", "SELECT yes || '-' || no || '-' || abstain FROM motions", "38-4-3")
    step("vote")
    keyboard.key("alt+3", "Tab", "Left", "shift+Tab", "Down", "Tab", "Tab")  # the next item's minutes
    keyboard.type("Se eligio la comision electoral por aclamacion.")
    step("minutes 2")

    keyboard.key("alt+u")  # Cla&usurar…
    keyboard.window("Clausurar la sesión")
    keyboard.key("Return")
    books.wait("adjourned", meeting.format("state"), "closed")
    books.wait("the minutes saved", "SELECT count(*) FROM agenda_items WHERE minutes != ''", 2)
    step("closed")

    keyboard.key("alt+b")  # Apro&bar el acta…
    keyboard.window("Aprobar el acta")
    keyboard.key("alt+f", "Return")  # &Firmada por el presidente(a) y el secretario(a)
    books.wait("approved", meeting.format("state"), "approved")
    step("approved")

    keyboard.key("alt+e")  # Imprimir &el acta…
    keyboard.window("Acta de la asamblea")
    time.sleep(1.0)  # the acta is drawn off the GUI thread; its pages show
    keyboard.key("alt+g")  # &Guardar como PDF…
    keyboard.window("Guardar como PDF")
    keyboard.key("Return")  # the proposed name, in the documents folder
    deadline = time.monotonic() + STEP_TIMEOUT
    while not list(books.path.parent.glob("**/Acta *.pdf")):
        if time.monotonic() > deadline:
            raise StepFailed("no acta saved")
        time.sleep(0.05)
    step("saved")
    return roll


def run() -> dict:
    missing = missing_tools()
    if missing:
        print(f"keystrokes of an assembly: skipped — {' and '.join(missing)} not installed "
              "(apt-get install xvfb xdotool)")
        return {"skipped": True}
    from coopdesk.ui.system_libraries import check, install_line

    lacking = check()
    if lacking:
        print(f"keystrokes of an assembly: skipped — Qt's X11 plugin lacks {', '.join(lacking)} "
              f"({install_line(lacking)})")
        return {"skipped": True}
    shots = os.environ.get("COOPDESK_BENCH_SHOTS")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        db_path = home / "asamblea.sqlite3"
        members = write_members_csv(home / "miembros.csv", VOTERS, communal_every=0)
        base = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "DISPLAY"))}
        env = {**base, "HOME": str(home), "COOPDESK_HOME": str(home / "coopdesk")}
        coopdesk = [sys.executable, "-m", "coopdesk", "--db", str(db_path), "--lang", "es"]
        subprocess.run([*coopdesk, "members", "import", str(members)], env=env, check=True, capture_output=True)
        started: list[subprocess.Popen] = []
        try:
            # A 1366×768 laptop's screen, on the first free display (Xvfb says which).
            xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            started.append(xvfb)
            assert xvfb.stdout is not None
            display = xvfb.stdout.readline().strip()
            if not display.isdigit():
                print("keystrokes of an assembly: skipped — Xvfb did not start")
                return {"skipped": True}
            env["DISPLAY"] = f":{display}"
            if shutil.which("openbox"):
                started.append(subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL))
                time.sleep(0.5)
            keyboard = Keyboard(env)
            started.append(subprocess.Popen([*coopdesk, "gui"], env={**env, "QT_QPA_PLATFORM": "xcb"},
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            count = 0

            def step(name: str) -> None:
                nonlocal count
                count += 1
                if shots:
                    screenshot(env, Path(shots) / f"{count:02d}-{name.replace(' ', '-')}.png")

            try:
                window = keyboard.window("coopdesk", timeout=60)
                keyboard.xdotool("windowactivate", "--sync", window)
                time.sleep(2.0)  # Inicio paints, the first backup runs
                began = time.perf_counter()
                roll = assembly(keyboard, Books(db_path), step)
            except (StepFailed, subprocess.CalledProcessError) as error:
                step("failed")
                print(f"keystrokes of an assembly: FAILED at {count + 1}: {error}")
                return {"met": False}
            whole_s = time.perf_counter() - began
        finally:
            for process in reversed(started):
                process.kill()
                process.wait(timeout=10)
    keys = len(keyboard.keys)
    met = roll["roll_keys"] <= ROLL_GOAL and keys <= WHOLE_GOAL
    print(f"assembly of {VOTERS} voters from the keyboard: {keys} keys plus {keyboard.typed} characters typed, "
          f"{whole_s:.1f} s (goal ≤ {WHOLE_GOAL} keys); roll call {roll['roll_keys']} keys in {roll['roll_s']:.1f} s "
          f"(goal ≤ {ROLL_GOAL}) {'MET' if met else 'MISSED'}")
    return {"met": met, "keys": keys, "typed": keyboard.typed, "seconds": whole_s, **roll}


if __name__ == "__main__":
    sys.exit(0 if run().get("met", True) else 1)
