"""The acta in its legal form, read back from the PDF: its number, the formulas, the agreements numbered
across the acta, the null ballots, and the "acta de no constitución" of a meeting without quorum."""

from __future__ import annotations

import re
from pathlib import Path

from coopdesk.persistence.database import Database
from coopdesk.services import meetings as m

from .helpers import flat, pdf_text
from .test_assembly import AT, acta, example


def test_the_formulas_and_the_number(council_db: Database, data_dir: Path) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    es = acta(council_db, meeting_id, "es")
    assert "Acta N.º 01-2026 de la asamblea ordinaria" in es
    assert "Siendo las 9:00 a. m. del viernes, 20 de noviembre de 2026, en Comedor" in es
    assert "se dio inicio a la sesión" in es
    assert "se levantó la sesión a las 11:30 a. m." in es
    assert "Convocada por escrito" in es and "Anexo: hoja de asistencia" in es
    assert "Iniciales" in es and "Firma" in es
    en = acta(council_db, meeting_id, "en")
    assert "Minutes No. 01-2026 of the ordinary assembly" in en and "the session was opened" in en
    # a second ordinary meeting of the same year takes the next number
    data = example(data_dir)
    data["starts_at"], data["ends_at"] = "2026-12-04T09:00", "2026-12-04T10:00"
    second = m.import_meeting(council_db, data=data)
    assert "Acta N.º 02-2026" in acta(council_db, second, "es")


def test_agreements_are_numbered_across_the_acta_and_summarised(council_db: Database, data_dir: Path) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    detail = m.meeting_detail(council_db, meeting_id)
    passed = [motion for motion in detail.motions if motion.result and motion.result.value == "passed"]
    es = acta(council_db, meeting_id, "es")
    numbers = [int(n) for n in re.findall(r"Acuerdo (\d+):", es)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= len(passed)
    # a passed motion with no decision written still yields an agreement, in its own words
    assert f"Acuerdo 1: {passed[0].text}" in es
    summary = es.split("Resumen de acuerdos", 1)[1]
    assert all(motion.text in summary for motion in passed)


def test_percentages_and_the_null_ballots_of_an_election(council_db: Database, data_dir: Path) -> None:
    data = example(data_dir)
    data["items"][-1]["elections"][0].update(seats=1, max_choices=1, ballots_cast=20,
                                             votes={"M005": 11, "M006": 6})
    meeting_id = m.import_meeting(council_db, data=data)
    es = acta(council_db, meeting_id, "es")
    assert "20 = 17 válidas + 0 en blanco + 3 nulas" in es
    assert "11 (55%)" in es  # of the ballots cast
    en = acta(council_db, meeting_id, "en")
    assert "20 = 17 valid + 0 blank + 3 null" in en and "A favor" not in en


def test_a_meeting_without_quorum_prints_as_not_constituted(council_db: Database, data_dir: Path) -> None:
    data = example(data_dir)
    data["attendance"] = {"M001": "present", "M002": "present", "M003": "present", "M004": "excused"}
    data["items"] = [{"title": "Informe de producción", "minutes": "No se trató."}]
    meeting_id = m.import_meeting(council_db, data=data)
    es = flat(pdf_text(m.assembly_report(council_db, meeting_id=meeting_id, lang="es", generated_at=AT)))
    assert "Acta N.º 01-2026 de no constitución" in es
    assert re.search(r"estaban presentes o representados 3 de \d+ miembros con derecho a voto", es)
    assert "no pudo constituirse" in es and "Informe de producción" in es  # the agenda as convened
    assert "M003" in es  # who came
    for absent in ("Resumen de acuerdos", "Acuerdo 1", "Moción", "se dio inicio", "No se trató."):
        assert absent not in es, absent


def pieces_at(data: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """Each piece of text of a page with its x and y position, read by a pypdf visitor."""
    import io

    from pypdf import PdfReader

    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list, tm: list, _font: object, _size: float) -> None:
        if text.strip():  # the text matrix's origin, through the current transformation
            found.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return found


def words_at(data: bytes, page: int = 0) -> list[tuple[str, float]]:
    """Each piece of text of a page with its x position."""
    return [(text, x) for text, x, _y in pieces_at(data, page)]


def test_the_draft_mark_clears_the_bilingual_footer(council_db: Database, data_dir: Path) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    pieces = pieces_at(m.assembly_report(council_db, meeting_id=meeting_id, lang="es+en", generated_at=AT))
    mark = [y for text, _x, y in pieces if text == "BORRADOR · DRAFT"]
    footer = [y for text, _x, y in pieces if text.startswith(("Generado:", "Generated:"))]
    assert len(mark) == 1 and len(footer) == 2
    assert mark[0] < min(footer) - 6  # on a line of its own below the footer's two languages


def test_es_en_puts_spanish_left_and_english_right_on_the_same_page(council_db: Database, data_dir: Path) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    data = m.assembly_report(council_db, meeting_id=meeting_id, lang="es+en", generated_at=AT)
    words = words_at(data)
    middle = 612 / 2

    def x_of(text: str) -> float:
        return next(x for piece, x in words if text in piece)

    assert x_of("Siendo las 9:00 a. m.") < middle < x_of("At 9:00 AM on Friday, November 20, 2026")
    assert x_of("Asistencia") < middle < x_of("Attendance")
    text = flat(pdf_text(data))
    assert "viernes, 20 de noviembre de 2026" in text and "Friday, November 20, 2026" in text  # each its own dates
    assert "Página 1 de" in text and "Page 1 of" in text


def test_ballot_papers_fill_every_page_alike_and_wrap_long_names(council) -> None:  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    from coopdesk.domain.meeting_record import BallotSheet, Person
    from coopdesk.reports.ballots import BallotsReport

    long_name = "María de los Ángeles Guadalupe Fernández de la Santísima Trinidad Colmenárez"
    sheet = BallotSheet(council=council, meeting_title="Asamblea", starts_at=AT, question="Voceros", count=20,
                        candidates=(Person(1, "M001", long_name), Person(2, "M002", "Ana Añez")), max_choices=1)
    pages = PdfReader(io.BytesIO(BallotsReport(sheet=sheet, lang="es", generated_at=AT).render())).pages
    per_page = [page.extract_text().count("N.º") for page in pages]
    assert len(set(per_page[:-1])) == 1 and per_page[-1] <= per_page[0] and sum(per_page) == 20
    half = 612 / 2
    for piece, x in words_at(BallotsReport(sheet=sheet, lang="es", generated_at=AT).render()):
        if piece in long_name and len(piece) > 3 and x < half:  # a piece of the name in the left paper
            assert x + len(piece) * 4.2 < half, piece  # ends before the cut line (about 4.2 pt a character)


def test_ballot_papers_in_both_languages_stack_each_sentence(council) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.domain.meeting_record import BallotSheet
    from coopdesk.reports.ballots import BallotsReport

    sheet = BallotSheet(council=council, meeting_title="Asamblea", starts_at=AT, question="¿Subir el tope?",
                        count=3, number="2.1")
    text = flat(pdf_text(BallotsReport(sheet=sheet, lang="es+en", generated_at=AT).render()))
    assert "martes, 24 de noviembre de 2026, 4:45 p. m. Tuesday, November 24, 2026, 4:45 PM" in text
    assert "Votación secreta — N.º 1 de 3 Secret ballot — No. 1 of 3" in text
    assert "Moción 2.1 · Motion 2.1: ¿Subir el tope?" in text
    assert "Marque una sola casilla. Mark one box only." in text
    assert "Sí · Yes" in text and "Abstención · Abstain" in text
    assert " / " not in text


def test_side_by_side_tables_keep_their_words_whole(council_db: Database, data_dir: Path) -> None:
    """At half the page's width the election's and the agenda's figures fit their header words."""
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    both = acta(council_db, meeting_id, "es+en")
    for words in ("Votos obtenidos", "Resultado", "Votes received", "Outcome", "Código"):
        assert words in both, words
    convocation = flat(pdf_text(m.convocation_report(council_db, meeting_id=meeting_id, lang="es+en",
                                                     generated_at=AT)))
    assert "Minutos previstos" in convocation and "Expected minutes" in convocation
