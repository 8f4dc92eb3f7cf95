"""The learning survey's PDF: per wave and area the answers and the mean, and no mean for a group of fewer than
five answers — in Spanish, English and both."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from coopdesk.persistence.database import Database
from coopdesk.services import survey
from coopdesk.services.member_import import import_members


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


def test_the_report_shows_means_only_for_groups_of_five(db: Database, data_dir: Path, tmp_path: Path) -> None:
    import_members(db, path=data_dir / "members.csv")
    wave = survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    path = tmp_path / "a.csv"
    rows = [f"M00{i},planning,{1 + i % 5}" for i in range(1, 7)] + ["M001,rights_laws,5", "M002,rights_laws,1"]
    path.write_text("member_code,area,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    survey.import_answers(db, wave_id=wave.id, path=path)
    english = text_of(survey.survey_report(db, lang="en"))
    assert "Planning the work 6 2.83" in english
    assert "Rights and laws 2 no mean (fewer than 5 answers)" in english
    spanish = text_of(survey.survey_report(db, lang="es"))
    assert "Planificación del trabajo 6 2,83" in spanish and "sin promedio" in spanish
    both = text_of(survey.survey_report(db, lang="es+en"))
    assert "Derechos y leyes" in both and "Rights and laws" in both  # side by side
    assert "Respuestas" in both and "Answers" in both  # each half-width header word whole, never "Respu estas"
    assert "3.00" not in english  # the small group's mean (5 and 1) shows nowhere
