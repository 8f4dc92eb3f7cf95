"""Rotation planner on a council of 100 workers × 20 posts × 52 weeks (goal < 5 s wall, < 300 MiB peak),
the same year with 300 members' wishes (3 each, to learn or avoid a post; same goal, and the fairness figures
must stay at the floors of the year without wishes), and on 300 × 40 × 52 to see how the cost grows; then a
re-plan of the 100-worker year that keeps its first 26 weeks as published and plans the last 26 again (timed
alone). Each case runs in a fresh process so that
its peak resident memory (VmHWM, interpreter and numpy/scipy included) is its own. Prints the fairness
figures beside their floors.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

GOAL_SECONDS = 5.0
GOAL_MIB = 300
SIZES = ((100, 20, 52), (300, 40, 52))
CONTINUATION = (100, 20, 52, 26)  # the size and the weeks kept as published
WISHES = 300
START = date(2027, 1, 4)
SKILLS = ("contabilidad", "inventario", "montacargas", "cocina", "soldadura", "mecanica", "electricidad",
          "primeros_auxilios")


def instance(workers: int, posts: int, weeks: int, seed: int = 1, wishes: int = 0):
    """A feasible random council: post sizes scaled so every week's eligible members fit; `wishes` spread over
    the members (three each), each to learn or to avoid a post."""
    from coopdesk.domain.planner import PostSpec, WorkerSpec
    from coopdesk.domain.rotation import Category

    rng = random.Random(seed)
    cats = [Category.MANUAL] * (posts // 2) + [Category.ADMINISTRATIVE] * (posts * 3 // 10)
    cats += [Category.COMMUNITY] * (posts - len(cats))
    per_post = workers / posts  # people per post on average
    specs = []
    for j, category in enumerate(cats):
        size = max(1, round(per_post * rng.uniform(0.5, 1.5)))
        low = max(1, round(size * 0.6))
        high = max(low, round(size * 1.15))
        skill = rng.choice(SKILLS) if rng.random() < 0.4 else None
        slots = rng.randint(1, 2) if skill else 0
        burden = {Category.MANUAL: rng.randint(2, 5), Category.ADMINISTRATIVE: rng.randint(1, 3),
                  Category.COMMUNITY: rng.randint(1, 4)}[category]
        specs.append(PostSpec(f"P{j:02d}", f"Post {j}", category, low, high, skill, slots, burden))
    people = []
    for i in range(workers):
        skills = frozenset(s for s in SKILLS if rng.random() < 0.3)
        joined = START - timedelta(days=rng.randint(30, 4000))
        if rng.random() < 0.08:
            joined = START + timedelta(weeks=rng.randint(1, weeks - 4))
        leaves = []
        for _ in range(rng.randint(0, 2)):
            begins = START + timedelta(days=rng.randint(0, 7 * weeks))
            leaves.append((begins, begins + timedelta(days=rng.randint(3, 20))))
        people.append(WorkerSpec(f"W{i:03d}", skills, joined, tuple(leaves)))
    wishing = random.Random(seed + 1)
    for index in range(min(wishes // 3, len(people))):
        chosen = wishing.sample([spec.code for spec in specs], 3)
        learn = frozenset(code for code in chosen if wishing.random() < 0.5)
        people[index] = replace(people[index], learn=learn, avoid=frozenset(chosen) - learn)
    return specs, people


CHILD = """
import json, resource, sys, time

def peak_mib():
    # VmHWM belongs to this program; ru_maxrss would carry over the peak of the process that started it
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from coopdesk.i18n import set_language
set_language("en")
from bench.bench_rotation import instance, START
from coopdesk.domain.planner import plan_rotation
w, p, n, kept, wishes = map(int, sys.argv[1:6])
posts, workers = instance(w, p, n, wishes=wishes)
import numpy, scipy.optimize, scipy.sparse.csgraph  # imports are start-up cost, not planning cost
history, start = [], START
if kept:
    year = plan_rotation(posts, workers, START, n, seed=1)
    history, start = [a for week in year.weeks[:kept] for a in week.assignments], year.weeks[kept].week_start
base = peak_mib()
started = time.perf_counter()
plan = plan_rotation(posts, workers, start, n - kept, seed=1, history=history)
elapsed = time.perf_counter() - started
peak = peak_mib()
print(json.dumps({"seconds": elapsed, "peak_mib": peak, "imports_mib": base, "figures": plan.figures.as_dict(),
                  "advice": [a.message() for a in plan.figures.training], "wishes": plan.wishes.as_dict()}))
"""


def measure(workers: int, posts: int, weeks: int, kept: int = 0, wishes: int = 0) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(workers), str(posts), str(weeks), str(kept), str(wishes)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def at_floors(f: dict) -> bool:
    """Δcat and burden at their (skill-aware) floors, no quarter missed."""
    category = f["skill_floor"] if f["skill_floor"] is not None else f["deviation_floor"]
    burden = f["burden_skill_floor"] if f["burden_skill_floor"] is not None else f["burden_floor"]
    return (f["max_category_deviation"] <= category + 0.005 and f["max_burden_deviation"] <= burden + 0.005
            and f["quarter_misses"] == 0)


def run() -> dict:
    results = {}
    met = True
    cases = [(*SIZES[0], 0, 0), (*SIZES[0], 0, WISHES), (*SIZES[1], 0, 0), (*CONTINUATION, 0)]
    without_wishes: dict | None = None
    for workers, posts, weeks, kept, wishes in cases:
        r = measure(workers, posts, weeks, kept, wishes)
        f = r["figures"]
        goal = (workers, posts, weeks) == SIZES[0]
        ok = r["seconds"] < GOAL_SECONDS and r["peak_mib"] < GOAL_MIB
        if goal and not kept and not wishes:
            without_wishes = f
        if wishes and without_wishes is not None:  # wishes are followed only inside the fairness
            ok = ok and at_floors(f) == at_floors(without_wishes) and f["quarter_misses"] <= without_wishes[
                "quarter_misses"] and f["never_did_a_category"] <= without_wishes["never_did_a_category"]
        if goal:
            met = met and ok
        label = f"{workers} workers × {posts} posts × {weeks} weeks"
        if kept:
            label += f", re-planned from week {kept + 1} ({kept} published)"
        if wishes:
            w = r["wishes"]
            label += (f", {wishes} wishes ({w['learn_met']} of {w['learn']} to learn and {w['avoid_met']} of "
                      f"{w['avoid']} to avoid met)")
        verdict = ("MET" if ok else "MISSED") if goal else "(no goal)"
        print(f"rotation {label}: {r['seconds']:.2f} s, peak {r['peak_mib']:.0f} MiB "
              f"(imports alone {r['imports_mib']:.0f} MiB) {verdict}")
        print(f"  {'at' if at_floors(f) else 'NOT at'} its floors: Δcat {f['max_category_deviation']} (floor "
              f"{f['deviation_floor']}, skill-aware "
              f"{f['skill_floor']}); burden {f['max_burden_deviation']} points (floor {f['burden_floor']}), "
              f"spread of average burden {f['burden_spread']}")
        print(f"  variety {f['variety']} distinct posts per member (min {f['variety_min']}, "
              f"{f['variety_short']} short); never did a category {f['never_did_a_category']}; "
              f"quarter misses {f['quarter_misses']}; "
              f"repeats {f['consecutive_repeats']}; trainee weeks {f['trainee_weeks']}")
        for line in r["advice"]:
            print(f"  advice: {line}")
        results[label] = r
    return {"met": met, "results": results}


if __name__ == "__main__":
    run()
