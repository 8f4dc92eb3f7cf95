"""The annual report's last two sections over a demo year with two survey waves: needs raised and met (by kind,
the median days, overdue commitments with the funds in arrears among them) and learning change (means per wave,
the share who improved, nothing under five answers) — in es, en and es+en."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete

from coopdesk.persistence.database import Database
from coopdesk.persistence.models import SurveyWaveRecord
from coopdesk.services import survey
from coopdesk.services.annual import annual_account, annual_report
from coopdesk.services.demo import create_demo

from .helpers import flat, pdf_text

AT = datetime(2026, 12, 1, 10, 0)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from coopdesk.bootstrap import open_database

    folder = tmp_path_factory.mktemp("annual-learning")
    db = open_database(folder / "demo.sqlite3")
    create_demo(db, members=24, years=1, today=date(2026, 11, 24))
    with db.write() as session:  # the demo's own rounds out: these two hold figures known to the last digit
        session.execute(delete(SurveyWaveRecord))
    survey.add_default_areas(db)
    # "organisation": six members answer both waves (means 2.50 and 3.33), four of them higher the second time;
    # "speaking": three answer — too few for a mean
    for name, day, scores in (("Primera ronda", date(2026, 2, 2), (2, 2, 3, 3, 4, 1)),
                              ("Segunda ronda", date(2026, 9, 7), (3, 4, 4, 3, 4, 2))):
        wave = survey.open_wave(db, name=name, opened_on=day)
        lines = [f"M{n:03d},organisation,{score}" for n, score in enumerate(scores, 1)]
        lines += [f"M{n:03d},speaking,3" for n in (1, 2, 3)]
        path = folder / f"{wave.id}.csv"
        path.write_text("member_code,area,score\n" + "\n".join(lines) + "\n", encoding="utf-8")
        survey.import_answers(db, wave_id=wave.id, path=path)
    return db


def test_the_account_carries_the_needs_and_the_waves_of_the_year(demo_db: Database) -> None:
    account = annual_account(demo_db, year=2026)
    needs = account.extra["needs"]
    assert sum(sum(months) for months in needs.raised_by_kind_month.values()) > 0  # type: ignore[attr-defined]
    assert any(c.fund_code for c in needs.overdue)  # type: ignore[attr-defined]  # the demo's fund arrears
    learning = account.extra["learning"]
    assert [wave.name for wave in learning.waves] == ["Primera ronda", "Segunda ronda"]  # type: ignore[attr-defined]
    assert annual_account(demo_db, year=2025).extra["learning"].waves == ()  # type: ignore[attr-defined]


def test_the_two_sections_in_each_language(demo_db: Database) -> None:
    es = flat(pdf_text(annual_report(demo_db, year=2026, lang="es", generated_at=AT)))
    for text in ("6. Necesidades planteadas y atendidas", "7. Cambio en el aprendizaje", "Comunitaria",
                 "Compromisos vencidos", "Depositar la deuda con el fondo", "Organización colectiva",
                 "2,50 (n 6)", "3,33 (n 6)", "67%", "— (n 3)", "menos de 5 para comparar"):
        assert text in es, text
    assert "Expresarse en asamblea" in es and "(n 3)" in es and "3,00 (n 3)" not in es  # no mean of three
    en = flat(pdf_text(annual_report(demo_db, year=2026, lang="en", generated_at=AT)))
    for text in ("6. Needs raised and met", "7. Learning change", "Collective organisation", "3.33 (n 6)",
                 "Deposit the arrears of the fund “Fondo de vivienda”"):  # in the report's language
        assert text in en, text
    assert "Depositar la deuda" not in en
    both = pdf_text(annual_report(demo_db, year=2026, lang="es+en", generated_at=AT))
    assert "Cambio en el aprendizaje" in flat(both) and "Learning change" in flat(both)

