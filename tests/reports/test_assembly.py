"""The acta, the convocation and the ballot papers, read back from the PDF."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from coopdesk.domain.meetings import MeetingKind
from coopdesk.domain.settings import Council
from coopdesk.persistence.database import Database
from coopdesk.services import meetings as m
from coopdesk.services.documents import find_by_verification_code
from coopdesk.services.members import all_members

from .helpers import flat, pdf_text

AT = datetime(2026, 11, 24, 16, 45)


def example(data_dir: Path) -> dict[str, Any]:
    data = json.loads((data_dir / "meeting_example.json").read_text(encoding="utf-8"))
    data["ends_at"] = "2026-11-20T11:30"
    data["items"][0]["minutes"] = "Se leyó el acta.\n\nHubo <b>observaciones</b> & dudas de Ángel Núñez."
    data["items"].append({"title": "Elección de voceros", "elections": [
        {"title": "Voceros del consejo", "seats": 2, "max_choices": 2, "method": "secret", "ballots_cast": 20,
         "votes": {"M005": 15, "M006": 9, "M007": 9, "M008": 2}}]})
    return data


def acta(db: Database, meeting_id: int, lang: str) -> str:
    return flat(pdf_text(m.assembly_report(db, meeting_id=meeting_id, lang=lang, generated_at=AT)))


def test_the_acta_of_an_imported_meeting(council_db: Database, data_dir: Path, council: Council) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    es = acta(council_db, meeting_id, "es")
    assert council.name in es and "Asamblea de ejemplo" in es
    assert "viernes, 20 de noviembre de 2026" in es and "9:00 a. m." in es and "11:30 a. m." in es
    assert "Juan Beatriz González Colmenárez" in es  # the secretary, accents intact
    assert re.search(r"21 (de|of) 38", es)  # the quorum statement
    assert "Página 1 de" in es
    assert "Hubo <b>observaciones</b> & dudas de Ángel Núñez." in es  # user text is never markup
    for text in ("Aprobar el acta", "Empate", "Mayoría simple: más votos a favor que en contra", "APROBADA",
                 "RECHAZADA", "Votación nominal", "Votación secreta"):
        assert text in es, text
    assert "Voceros del consejo" in es and re.search(r"(Ramón Luis Sánchez Rodríguez|M006)", es)
    assert "DRAFT" in es or "BORRADOR" in es  # not approved yet


def test_languages_differ_and_both_appear_side_by_side(council_db: Database, data_dir: Path) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    es, en, both = (acta(council_db, meeting_id, lang) for lang in ("es", "en", "es+en"))
    assert len({es, en, both}) == 3
    assert "Friday, November 20, 2026" in en and "Quorum met: 21 of 38" in en and "Page 1 of" in en
    assert "Simple majority: more yes than no votes" in en and "PASSED" in en and "Página" not in en
    assert "Página 1 de" in both and "Page 1 of" in both
    assert "Votación secreta" in both and "Secret ballot" in both and " / Secret ballot" not in both


def test_approved_minutes_carry_their_verification_code(council_db: Database, data_dir: Path) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    detail = m.approve_by_signatures(council_db, meeting_id=meeting_id)
    m.add_erratum(council_db, meeting_id=meeting_id, reason="Nombre mal escrito", correction="Léase «Piñero».")
    data = m.assembly_report(council_db, meeting_id=meeting_id, lang="en", generated_at=AT)
    text = flat(pdf_text(data))
    code = detail.verification_code or ""
    printed = "-".join(code[i:i + 4] for i in range(0, 16, 4)).upper()  # the format of every document's code
    assert printed in text and "DRAFT" not in text
    assert "coopdesk verify --document" in text  # how to check it
    found = find_by_verification_code(council_db, code=printed)
    assert found is not None and found.intact and found.record_id == meeting_id
    assert "Léase «Piñero»." in text and "Errata" in text
    pages = PdfReader(io.BytesIO(data)).pages
    assert all(f"Page {n} of {len(pages)}" in page.extract_text() for n, page in enumerate(pages, start=1))
    for lang in ("es", "en", "es+en"):  # the code ends the acta on the page of the approval and the signatures
        pages = PdfReader(io.BytesIO(m.assembly_report(council_db, meeting_id=meeting_id, lang=lang,
                                                       generated_at=AT))).pages
        page = next(flat(page.extract_text()) for page in pages if printed in page.extract_text())
        assert ("Aprobación" in page or "Approval" in page) and ("Secretario(a)" in page or "Secretary" in page)


def test_the_convocation(council_db: Database, data_dir: Path) -> None:
    ids = {member.code: member.id for member in all_members(council_db)}
    detail = m.create_meeting(council_db, draft=m.MeetingDraft(
        title="Asamblea ordinaria de noviembre", kind=MeetingKind.ORDINARY, starts_at=datetime(2026, 11, 20, 9, 0),
        place="Galpón principal", chair_id=ids["M001"], secretary_id=ids["M002"]))
    for title, minutes in (("Aprobación del acta anterior", 10), ("Anticipo igualitario", 40)):
        m.add_item(council_db, meeting_id=detail.id, title=title, proposer_id=ids["M003"], expected_minutes=minutes)
    es = flat(pdf_text(m.convocation_report(council_db, meeting_id=detail.id, lang="es", generated_at=AT)))
    assert "viernes, 20 de noviembre de 2026, 9:00 a. m." in es
    assert "Galpón principal" in es and "Aprobación del acta anterior" in es and "Anticipo igualitario" in es
    assert "Página 1 de 1" in es
    en = flat(pdf_text(m.convocation_report(council_db, meeting_id=detail.id, lang="en", generated_at=AT)))
    assert "Friday, November 20, 2026" in en and en != es


def test_ballot_papers_one_per_present_voter(council_db: Database, data_dir: Path, council: Council) -> None:
    meeting_id = m.import_meeting(council_db, data=example(data_dir))
    detail = m.meeting_detail(council_db, meeting_id)
    secret = detail.motions[2]
    text = flat(pdf_text(m.ballots_report(council_db, motion_id=secret.id, lang="en", generated_at=AT)))
    assert text.count(council.name) == 21 + PdfReader(io.BytesIO(m.ballots_report(
        council_db, motion_id=secret.id, lang="en", generated_at=AT))).get_num_pages()  # papers + page headers
    assert "No. 21 of 21" in text and "No. 22" not in text
    assert secret.text in text and "Abstain" in text
    election = detail.elections[0]
    text = flat(pdf_text(m.ballots_report(council_db, election_id=election.id, lang="es", generated_at=AT)))
    for line in election.candidates:
        assert text.count(line.member.full_name) == 21
