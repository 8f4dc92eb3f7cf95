"""Generated member files for the benchmarks."""

from __future__ import annotations

import csv
from pathlib import Path

FIRST = ["Rosa", "Juan", "Ramón", "Ángel", "María", "José", "Yohana", "Nélida", "Héctor", "Dayana"]
LAST = ["Rojas", "González", "Sánchez", "Añez", "Piñero", "Briceño", "Yépez", "Castañeda", "Díaz", "Pérez"]


def write_members_csv(path: Path, count: int, *, communal_every: int = 20) -> Path:
    """`count` members, one in `communal_every` a communal-council delegate (0: all workers)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "full_name", "national_id", "body", "joined_on", "voting", "skills"])
        for n in range(1, count + 1):
            name = f"{FIRST[n % 10]} {FIRST[n // 10 % 10]} {LAST[n // 100 % 10]} {LAST[n % 7]}"
            body = "communal_council" if communal_every and n % communal_every == 0 else "worker"
            writer.writerow([f"M{n:05d}", name, f"V-{10_000_000 + n}", body, "2015-01-01", "yes",
                             "cocina|contabilidad" if n % 3 == 0 else ""])
    return path
