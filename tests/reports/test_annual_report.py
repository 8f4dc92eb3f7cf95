"""The annual report over a demo year: what it counts agrees with the records, and it reads in es, en and
es+en (side by side) with its sections and charts."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from coopdesk.domain.meetings import MeetingState
from coopdesk.persistence.database import Database
from coopdesk.services import meetings as m
from coopdesk.services.annual import annual_account, annual_report
from coopdesk.services.demo import create_demo

from .helpers import flat, pdf_text
from .test_acta_form import words_at

AT = datetime(2026, 12, 1, 10, 0)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    from coopdesk.bootstrap import open_database

    db = open_database(tmp_path_factory.mktemp("annual") / "demo.sqlite3")
    create_demo(db, members=24, years=1, today=date(2026, 11, 24))
    return db


def test_the_account_agrees_with_the_records(demo_db: Database) -> None:
    account = annual_account(demo_db, year=2026)
    held = [s for s in m.list_meetings(demo_db)
            if s.starts_at.year == 2026 and s.state in (MeetingState.CLOSED, MeetingState.APPROVED)]
    assert [line.id for line in account.meetings] == [s.id for s in sorted(held, key=lambda s: s.starts_at)]
    assert [line.number for line in account.meetings if line.kind.value == "ordinary"][:2] == ["01-2026", "02-2026"]
    assert sum(line.agreements for line in account.meetings) == len(account.agreements)
    assert account.rotation and all(line.total > 0 for line in account.rotation)
    assert account.periods and all(p.ends_on.year == 2026 for p in account.periods)
    assert account.owed_funds and any(fund.arrears_cents > 0 for fund in account.owed_funds)  # an SPU's demo
    assert all(fund.balances for fund in account.funds)


def test_the_report_in_each_language(demo_db: Database) -> None:
    es = flat(pdf_text(annual_report(demo_db, year=2026, lang="es", generated_at=AT)))
    for text in ("Memoria y cuenta", "Año 2026", "1. Asambleas y asistencia", "2. Acuerdos y su seguimiento",
                 "3. Balance de la rotación", "4. Anticipos", "5. Fondos sociales",
                 "Asistencia a cada reunión, en porcentaje de los miembros con derecho a voto", "Página 1 de"):
        assert text in es, text
    assert re.search(r"\d+ reuniones se convocaron y celebraron", es)
    en = flat(pdf_text(annual_report(demo_db, year=2026, lang="en", generated_at=AT)))
    assert "Annual report" in en and "1. Assemblies and attendance" in en and "Página" not in en


def test_es_en_side_by_side(demo_db: Database) -> None:
    data = annual_report(demo_db, year=2026, lang="es+en", generated_at=AT)
    words = words_at(data)

    def x_of(text: str) -> float:
        return next(x for piece, x in words if text in piece)

    assert x_of("Asambleas y asistencia") < 612 / 2 < x_of("Assemblies and attendance")


def test_es_en_prints_each_table_once_across_the_page(demo_db: Database) -> None:
    """Headings and sentences side by side, but the tables across the page: no code, date or header word is cut
    by a half-width column ("01-202 6", "Administrat iva"), and each header reads Spanish over English."""
    text = flat(pdf_text(annual_report(demo_db, year=2026, lang="es+en", generated_at=AT)))
    assert "Acta N.º Minutes No." in text and "Votantes presentes Present voters" in text
    assert "Administrativa Administrative" in text and "Comunitaria Community" in text
    assert re.search(r"\b\d{2}-2026\b", text) and not re.search(r"\b\d{2}-202 6\b", text)


def test_a_year_without_records_still_reads(demo_db: Database) -> None:
    text = flat(pdf_text(annual_report(demo_db, year=2001, lang="en", generated_at=AT)))
    assert "No assembly was held this year." in text and "No pay period ended this year." in text
