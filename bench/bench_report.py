"""`report members` for 2,000 members against a bare reportlab table of the same rows (goal: at most 2x).

The baseline is the cheapest PDF of that data: one `Table` of plain strings in the same fonts and column
widths, header repeated on each page, nothing else. The report adds the council header, "Page X of Y",
grouping by body, wrapping of long cells, totals and the signature block.
Run alone with `python bench/bench_report.py`, or through `python -m bench`.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from datetime import date, datetime

MEMBERS = 2000
RUNS = 3
GOAL = 2.0

FIRST = ("Ángel", "María José", "Luis", "Yolimar", "Néstor", "Carmen", "José Gregorio", "Oriana", "Wilmer",
         "Dayana", "Nelson", "Yusmary", "Pedro", "Marbelis", "Jhonny", "Rosángela")
LAST = ("Núñez", "Piñero", "Rodríguez", "González", "Pérez", "Hernández", "Díaz", "Márquez", "Briceño", "Añez",
        "Colmenárez", "Mendoza", "Suárez", "Gutiérrez", "Peña", "Ramírez")


def sample_members(count: int = MEMBERS, seed: int = 1) -> list:
    from coopdesk.domain.members import Body, Member, MemberStatus

    rng = random.Random(seed)
    members = []
    for number in range(1, count + 1):
        body = rng.choices(list(Body), weights=(8, 2, 1))[0]
        members.append(Member(
            code=f"M{number:04d}",
            full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}",
            body=body,
            joined_on=date(2012 + rng.randrange(14), rng.randrange(1, 13), rng.randrange(1, 29)),
            voting=body.votes_by_default,
            national_id=f"V-{rng.randrange(5_000_000, 31_000_000)}",
            status=rng.choices(list(MemberStatus), weights=(40, 1, 2))[0],
            id=number,
        ))
    return members


def _best(action: Callable[[], bytes]) -> tuple[float, bytes]:
    action()  # warm-up: fonts, catalogs, Babel data
    best, output = float("inf"), b""
    for _ in range(RUNS):
        start = time.perf_counter()
        output = action()
        best = min(best, time.perf_counter() - start)
    return best, output


def run() -> dict:
    from reportlab.platypus import SimpleDocTemplate, Table

    from coopdesk.domain.settings import Council
    from coopdesk.reports.members import MembersReport
    from coopdesk.reports.style import CELL_FONT_SIZE, FONT, FONT_BOLD, MARGIN, register_fonts

    register_fonts()
    members = sample_members()
    council = Council(name="Consejo de Trabajadores de la Empresa de Propiedad Social Ejemplo",
                      tax_id="G-20012345-6", address="Zona Industrial II, Barquisimeto, Lara")
    generated_at = datetime(2026, 1, 15, 10, 30)

    def report(lang: str) -> Callable[[], bytes]:
        return lambda: MembersReport(council=council, lang=lang, members=members,
                                     generated_at=generated_at).render()

    sample = MembersReport(council=council, lang="es", members=members)
    labels = sample.labels
    rows = [["Code", "Full name", "National id", "Votes", "Joined", "Status"]] + [
        [m.code, m.full_name, m.national_id or "", labels.yes_no(m.voting), labels.date(m.joined_on),
         labels.t(m.status.label)]
        for m in members
    ]
    widths = [58.0, sample.width - 58 - 72 - 40 - 66 - 62, 72.0, 40.0, 66.0, 62.0]

    def baseline() -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, leftMargin=MARGIN, rightMargin=MARGIN)
        table = Table(rows, colWidths=widths, repeatRows=1, style=[
            ("FONT", (0, 0), (-1, -1), FONT, CELL_FONT_SIZE),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, CELL_FONT_SIZE),
        ])
        doc.build([table])
        return buffer.getvalue()

    baseline_s, _ = _best(baseline)
    report_s, pdf = _best(report("es"))
    bilingual_s, _ = _best(report("es+en"))
    ratio = report_s / baseline_s
    result = {
        "members": MEMBERS,
        "baseline_table_s": round(baseline_s, 3),
        "report_members_es_s": round(report_s, 3),
        "report_members_es_en_s": round(bilingual_s, 3),
        "ratio": round(ratio, 2),
        "goal_ratio": GOAL,
        "ok": ratio <= GOAL,
        "pdf_bytes": len(pdf),
    }
    print(f"report members, {MEMBERS} members: bare reportlab table {baseline_s:.3f} s, "
          f"report (es) {report_s:.3f} s, report (es+en) {bilingual_s:.3f} s, "
          f"ratio {ratio:.2f}x (goal <= {GOAL:.0f}x) {'OK' if result['ok'] else 'TOO SLOW'}")
    return result


if __name__ == "__main__":
    run()
