"""The printed record as whole processes, as a user starts them:

- `coopdesk report annual --year Y` on the demo council (goal: under 3 s), in es, en and es+en;
- `coopdesk report members` for 2,000 members against a bare reportlab script writing the same table in the
  same fonts (goal: at most 2x). Both are separate Python processes, so the figure includes what each imports.

Run alone with `python bench/bench_print_processes.py`, or through `python -m bench print`.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

RUNS = 5
MEMBERS = 2000
ANNUAL_GOAL_S = 3.0
MEMBERS_GOAL = 2.0
DEMO_TODAY = date(2026, 11, 24)

BARE = r'''
import sqlite3, sys
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase.pdfmetrics import registerFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate, Table
fonts, db, out = sys.argv[1:4]
registerFont(TTFont("DejaVuSans", fonts + "/DejaVuSans.ttf"))
registerFont(TTFont("DejaVuSans-Bold", fonts + "/DejaVuSans-Bold.ttf"))
rows = [["Código", "Nombre completo", "Cédula", "Vota", "Ingreso", "Estado"]]
rows += [list(map(str, r)) for r in sqlite3.connect(db).execute(
    "select code, full_name, national_id, voting, joined_on, status from members order by code")]
doc = SimpleDocTemplate(out, pagesize=LETTER, leftMargin=42, rightMargin=42)
doc.build([Table(rows, colWidths=[58, 210, 72, 40, 66, 62], repeatRows=1, style=[
    ("FONT", (0, 0), (-1, -1), "DejaVuSans", 8.5), ("FONT", (0, 0), (-1, 0), "DejaVuSans-Bold", 8.5)])])
'''


def _median_run(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of the process, medians of RUNS. Both are single-threaded work, so on an idle machine
    wall time is CPU time; on a busy one wall time also counts the others' work, and CPU time is the figure."""
    walls, cpus = [], []
    for _ in range(RUNS + 1):  # the first run warms the disk cache and the bytecode
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls[1:]), statistics.median(cpus[1:])


def run() -> dict:
    from bench.members_csv import write_members_csv
    from coopdesk.bootstrap import open_database
    from coopdesk.paths import fonts_dir
    from coopdesk.services.demo import create_demo
    from coopdesk.services.member_import import import_members

    coopdesk = str(Path(sys.executable).with_name("coopdesk"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        demo = work / "demo.sqlite3"
        db = open_database(demo)
        create_demo(db, today=DEMO_TODAY)
        db.dispose()
        annual = {lang: _median_run([coopdesk, "--db", str(demo), "report", "annual", "--year", str(DEMO_TODAY.year),
                                     "--lang", lang, "-o", str(work / f"annual-{lang}.pdf")])
                  for lang in ("es", "en", "es+en")}
        big = work / "members.sqlite3"
        db = open_database(big)
        import_members(db, path=write_members_csv(work / "members.csv", MEMBERS))
        db.dispose()
        script = work / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        bare = _median_run([sys.executable, str(script), str(fonts_dir()), str(big), str(work / "bare.pdf")])
        members = _median_run([coopdesk, "--db", str(big), "report", "members", "--lang", "es", "-o",
                               str(work / "members.pdf")])
    ratio = members[1] / bare[1]
    met = max(cpu for _wall, cpu in annual.values()) < ANNUAL_GOAL_S and ratio <= MEMBERS_GOAL
    for lang, (wall, cpu) in annual.items():
        print(f"report annual (demo year, {lang}): {cpu:.2f} s CPU, {wall:.2f} s wall (goal < {ANNUAL_GOAL_S:.0f} s)")
    print(f"report members, {MEMBERS} members: {members[1]:.2f} s CPU ({members[0]:.2f} s wall); bare reportlab "
          f"script {bare[1]:.2f} s CPU ({bare[0]:.2f} s wall); ratio {ratio:.2f}x (goal <= {MEMBERS_GOAL:.0f}x) "
          f"{'OK' if met else 'MISSED'}")
    return {"annual_cpu_s": {k: round(v[1], 2) for k, v in annual.items()}, "members_cpu_s": round(members[1], 2),
            "bare_cpu_s": round(bare[1], 2), "ratio": round(ratio, 2), "met": met}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    run()
