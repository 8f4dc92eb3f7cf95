"""docs/cli.md's hard rotation rules checked on the files alone (members, posts, leave CSV and a `rotation
export`), independently of coopdesk's own code — a port of the shared conformance checker's checks."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from pathlib import Path


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    text = ""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            pass
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _date(text: str) -> dt.date:
    text = text.strip()
    return dt.date.fromisoformat(text) if "-" in text else dt.datetime.strptime(text, "%d/%m/%Y").date()


def hard_rule_violations(members_csv: Path, posts_csv: Path, leave_csv: Path, export_csv: Path,
                         start: dt.date, weeks: int) -> list[str]:
    """Every broken rule, one line each (empty when the export keeps them all). The sample files use the
    Spanish headers; members without a status column are all active."""
    members = {r["código"]: r for r in _rows(members_csv)}
    posts = {r["código"]: r for r in _rows(posts_csv)}
    leave: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for r in _rows(leave_csv):
        leave[r["código"]].append((_date(r["desde"]), _date(r["hasta"])))
    skills = {code: set(filter(None, m["habilidades"].split("|"))) for code, m in members.items()}

    def eligible(code: str, monday: dt.date) -> bool:
        m = members[code]
        if m["órgano"] != "trabajador" or _date(m["fecha_ingreso"]) > monday:
            return False
        sunday = monday + dt.timedelta(days=6)
        return not any(a <= sunday and b >= monday for a, b in leave[code])

    by_week: dict[dt.date, list[dict[str, str]]] = defaultdict(list)
    for r in _rows(export_csv):
        by_week[_date(r["week_start"])].append(r)
    mondays = [start + dt.timedelta(weeks=i) for i in range(weeks)]
    violations = [f"week {wk} outside the plan" for wk in by_week if wk not in mondays]
    for wk in mondays:
        got = Counter(r["member_code"] for r in by_week[wk])
        want = {c for c in members if eligible(c, wk)}
        for c, n in got.items():
            if n > 1:
                violations.append(f"{wk} {c} holds {n} posts")
            if c not in want:
                violations.append(f"{wk} {c} not eligible")
        violations += [f"{wk} {c} eligible but unassigned" for c in sorted(want - set(got))]
        for pc, p in posts.items():
            on = [r for r in by_week[wk] if r["post_code"] == pc]
            regular = [r for r in on if r["role"] == "regular"]
            trainees = [r for r in on if r["role"] == "trainee"]
            low, high = int(p["min"] or 1), int(p["max"] or p["min"] or 1)
            if not low <= len(regular) <= high:
                violations.append(f"{wk} {pc} has {len(regular)} regular (min {low}, max {high})")
            if len(trainees) > int(p["aprendices"] or 0):
                violations.append(f"{wk} {pc} has {len(trainees)} trainees")
            if trainees and not regular:
                violations.append(f"{wk} {pc} trainee without a regular member")
            for r in regular:
                if p["habilidad"] and p["habilidad"] not in skills[r["member_code"]]:
                    violations.append(f"{wk} {pc} regular {r['member_code']} lacks {p['habilidad']}")
            for r in trainees:
                if p["habilidad"] and p["habilidad"] in skills[r["member_code"]]:
                    violations.append(f"{wk} {pc} trainee {r['member_code']} already has {p['habilidad']}")
        violations += [f"{wk} unknown post {r['post_code']}" for r in by_week[wk] if r["post_code"] not in posts]
    return violations
