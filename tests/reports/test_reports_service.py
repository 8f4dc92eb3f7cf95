"""The reports service over a real database."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from coopdesk.domain.errors import UsageError
from coopdesk.domain.members import Body, MemberDraft
from coopdesk.domain.settings import Council
from coopdesk.services.council import save_council
from coopdesk.services.members import create_member
from coopdesk.services.reports import members_report

from .helpers import flat, pdf_text


def test_members_report_from_the_database(db) -> None:
    save_council(db, council=Council(name="Consejo Socialista Ñ", tax_id="G-20000001-0"))
    create_member(db, draft=MemberDraft("M001", "Ángel Núñez Piñero", Body.WORKER, date(2020, 5, 1), True,
                                        national_id="V-12345678"))
    create_member(db, draft=MemberDraft("M002", "Begoña Añez", Body.STATE, date(2021, 1, 15), False))
    text = flat(pdf_text(members_report(db, lang="es+en")))
    assert "Ángel Núñez Piñero" in text and "Begoña Añez" in text and "V-12.345.678" in text  # with thousands dots
    assert "Consejo Socialista Ñ" in text and "Código Code" in text


def test_members_report_on_an_empty_database(db) -> None:
    assert members_report(db, lang="en").startswith(b"%PDF")


def test_unknown_language_is_a_usage_error(db) -> None:
    with pytest.raises(UsageError):
        members_report(db, lang="fr")


def test_the_service_module_loads_neither_qt_nor_reportlab() -> None:
    code = ("import sys, coopdesk.services.reports; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'reportlab'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
