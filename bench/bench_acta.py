"""`report assembly` for a big meeting — 100 attendees, 30 agenda items, 60 motions — against a bare reportlab
document of the same text (goals: under 1 s, and at most 2x the bare document).

The acta is rendered from an in-memory `MeetingDetail` (no database: this measures the report). The baseline
is the cheapest PDF of the acta's own text: every line the acta prints (read back with pypdf), one plain
paragraph each, in the same font, nothing else — no header, tables, page numbers or QR code.
Run alone with `python bench/bench_acta.py`, or through `python -m bench`.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

ATTENDEES = 100
ITEMS = 30
MOTIONS = 60
RUNS = 3
GOAL_SECONDS = 1.0
GOAL_RATIO = 2.0

FIRST = ("Ángel", "María José", "Luis", "Yolimar", "Néstor", "Carmen", "José Gregorio", "Oriana", "Wilmer",
         "Dayana", "Nelson", "Yusmary", "Pedro", "Marbelis", "Jhonny", "Rosángela")
LAST = ("Núñez", "Piñero", "Rodríguez", "González", "Pérez", "Hernández", "Díaz", "Márquez", "Briceño", "Añez",
        "Colmenárez", "Mendoza", "Suárez", "Gutiérrez", "Peña", "Ramírez")
SENTENCES = ("La comisión presentó su informe y respondió las preguntas de la asamblea.",
             "Varias compañeras pidieron revisar las cifras antes de votar.",
             "Se discutió el impacto sobre los turnos de la planta y sobre la comunidad.",
             "El consejo comunal apoyó la propuesta con algunas observaciones.",
             "Se acordó dejar constancia de las intervenciones en el acta.")


def sample_meeting(seed: int = 1):  # type: ignore[no-untyped-def]
    from coopdesk.domain import meeting_record as r
    from coopdesk.domain.meetings import (
        ActionStatus,
        ApprovalMethod,
        AttendanceStatus,
        Choice,
        Majority,
        MeetingKind,
        MeetingState,
        MotionResult,
        QuorumRule,
        VoteMethod,
        default_base,
    )
    from coopdesk.domain.settings import Council

    rng = random.Random(seed)
    people = [r.Person(n, f"M{n:03d}", f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}")
              for n in range(1, ATTENDEES + 21)]
    lines = []
    for person in people:
        status = rng.choices(list(AttendanceStatus), weights=(80, 8, 7, 5))[0] if person.id <= ATTENDEES else \
            AttendanceStatus.ABSENT
        lines.append(r.AttendanceLine(person, status, entitled=person.id % 25 != 0,
                                      proxy=people[0] if status is AttendanceStatus.REPRESENTED else None))
    present = sum(1 for line in lines if line.status is AttendanceStatus.PRESENT)
    counters = r.RollCounters(entitled=116, present_voters=present, in_person=present, represented=5, excused=7,
                              absent=20, departed=0, quorum_rule=QuorumRule.HALF, quorum_met=True, quorum_minimum=59,
                              needed_more=0)
    starts = datetime(2026, 11, 20, 9, 0)
    items, motion_id = [], 0
    methods = (VoteMethod.OPEN, VoteMethod.SECRET, VoteMethod.ROLL_CALL, VoteMethod.OPEN)
    for position in range(1, ITEMS + 1):
        motions = []
        for number in (1, 2):
            motion_id += 1
            method, majority = methods[motion_id % 4], list(Majority)[motion_id % 5]
            yes, no = rng.randint(30, 80), rng.randint(0, 20)
            ballots = tuple(r.Ballot(p, rng.choice((Choice.YES, Choice.YES, Choice.NO))) for p in people[:present]) \
                if method is VoteMethod.ROLL_CALL else ()
            motions.append(r.MotionDetail(
                id=motion_id, meeting_id=1, item_id=position, position=number,
                text=f"Aprobar la propuesta {position}.{number} de la comisión sobre {rng.choice(LAST).lower()}",
                method=method, majority=majority, base=default_base(majority), yes=yes, no=no, abstain=3,
                entitled=116, present_voters=present, base_count=yes + no, result=MotionResult.PASSED,
                closed_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC), record_hash="ab" * 32,
                number=f"{position}.{number}", ballots=ballots))
        actions = (r.ActionDetail(position, position, "Publicar el acuerdo y hacerle seguimiento", people[position],
                                  date(2026, 12, 1) + timedelta(days=position), ActionStatus.OPEN, None, 1),)
        items.append(r.ItemDetail(
            id=position, meeting_id=1, position=position, title=f"Punto {position}: informe de la comisión",
            proposer=people[position], expected_minutes=10, version=1,
            minutes="\n\n".join(" ".join(rng.sample(SENTENCES, 3)) for _ in range(3)), motions=tuple(motions),
            decisions=(r.DecisionDetail(position, position, motions[0].id, "Se aprueba la propuesta.", actions),)))
    return r.MeetingDetail(
        council=Council(name="Consejo de Trabajadores de la Empresa de Propiedad Social Ejemplo", tax_id="G-20012345-6",
                        address="Zona Industrial II, Barquisimeto, Lara"),
        id=1, title="Asamblea ordinaria de noviembre", kind=MeetingKind.ORDINARY, state=MeetingState.APPROVED,
        starts_at=starts, ends_at=starts + timedelta(hours=4), place="Galpón principal", chair=people[0],
        secretary=people[1], quorum_rule=QuorumRule.HALF, version=1, attendance=tuple(lines), counters=counters,
        items=tuple(items), approval=r.ApprovalDetail(ApprovalMethod.SIGNATURES, datetime(2026, 11, 27, tzinfo=UTC)),
        record_hash="0123456789abcdef" * 4)


def _best(action: Callable[[], bytes]) -> tuple[float, bytes]:
    action()  # warm-up: fonts, catalogs, Babel data
    best, output = float("inf"), b""
    for _ in range(RUNS):
        start = time.perf_counter()
        output = action()
        best = min(best, time.perf_counter() - start)
    return best, output


def run() -> dict:
    from xml.sax.saxutils import escape

    from pypdf import PdfReader
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from coopdesk.reports.assembly import AssemblyReport
    from coopdesk.reports.style import MARGIN, stylesheet

    detail = sample_meeting()
    generated_at = datetime(2026, 11, 27, 10, 30)

    def acta(lang: str) -> Callable[[], bytes]:
        return lambda: AssemblyReport(detail=detail, lang=lang, generated_at=generated_at).render()

    report_s, pdf = _best(acta("es"))
    bilingual_s, _ = _best(acta("es+en"))
    pages = PdfReader(io.BytesIO(pdf)).pages
    text_lines = [line for page in pages for line in page.extract_text().splitlines() if line.strip()]
    body = stylesheet().body

    def baseline() -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, leftMargin=MARGIN, rightMargin=MARGIN)
        doc.build([Paragraph(escape(line), body) for line in text_lines])
        return buffer.getvalue()

    baseline_s, _ = _best(baseline)
    ratio = report_s / baseline_s
    met = report_s < GOAL_SECONDS and ratio <= GOAL_RATIO
    result = {
        "attendees": ATTENDEES, "items": ITEMS, "motions": MOTIONS, "pages": len(pages),
        "text_lines": len(text_lines), "baseline_text_s": round(baseline_s, 3), "acta_es_s": round(report_s, 3),
        "acta_es_en_s": round(bilingual_s, 3), "ratio": round(ratio, 2), "goal_s": GOAL_SECONDS,
        "goal_ratio": GOAL_RATIO, "met": met,
    }
    print(f"report assembly, {ATTENDEES} attendees, {ITEMS} items, {MOTIONS} motions ({len(pages)} pages, "
          f"{len(text_lines)} lines): bare reportlab text {baseline_s:.3f} s, acta (es) {report_s:.3f} s, "
          f"acta (es+en) {bilingual_s:.3f} s, ratio {ratio:.2f}x (goals < {GOAL_SECONDS:.0f} s, "
          f"<= {GOAL_RATIO:.0f}x) {'OK' if met else 'TOO SLOW'}")
    return result


if __name__ == "__main__":
    run()
