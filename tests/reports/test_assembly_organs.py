"""The organ in the convocation and the acta, and the acta's figures by body for a joint meeting, read back
from the PDF in es, en and es+en."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from coopdesk.domain.meetings import MeetingKind
from coopdesk.domain.organs import Organ
from coopdesk.domain.settings import Council
from coopdesk.persistence.database import Database
from coopdesk.services import meetings as m
from coopdesk.services.council import save_council
from coopdesk.services.member_import import import_members

from .helpers import flat, pdf_text

AT = datetime(2026, 11, 24, 16, 45)
WORKERS = [f"M{n:03d}" for n in range(1, 35)]


@pytest.fixture
def council_db(db: Database, data_dir: Path, council: Council) -> Database:
    import_members(db, path=data_dir / "members.csv")
    save_council(db, council=council)
    return db


def joint() -> dict[str, Any]:
    return {
        "title": "Asamblea de cogestión del cuarto trimestre", "kind": "ordinary", "organ": "joint",
        "quorum_per_body": True, "starts_at": "2026-11-20T09:00", "place": "Galpón", "chair": "M001",
        "secretary": "M002",
        "attendance": {code: "present" for code in [*WORKERS[:24], "M035", "M036", "M037", "M038"]},
        "items": [{"title": "Plan de producción", "motions": [
            {"text": "Aprobar el plan con la comuna", "method": "secret", "majority": "simple", "concurrent": True,
             "counts_by_body": {"worker": {"yes": 20, "no": 4, "abstain": 0},
                                "communal_council": {"yes": 2, "no": 2, "abstain": 0}}},
            {"text": "Aprobar el acta anterior", "method": "open", "majority": "simple",
             "counts": {"yes": 25, "no": 0, "abstain": 3}}]}]}


def acta(db: Database, meeting_id: int, lang: str) -> str:
    return flat(pdf_text(m.assembly_report(db, meeting_id=meeting_id, lang=lang, generated_at=AT)))


def test_a_joint_acta_names_its_organ_and_prints_the_figures_by_body(council_db: Database) -> None:
    meeting_id = m.import_meeting(council_db, data=joint())
    es, en, both = (acta(council_db, meeting_id, lang) for lang in ("es", "en", "es+en"))
    assert "Asamblea conjunta de cogestión" in es and "Cifras por sector" in es
    assert "Voceros de consejos comunales 4 4" in es  # entitled, present
    assert "Trabajadores 34 24" in es
    assert "Mayoría concurrente" in es
    assert "falta 1 voto a favor entre los delegados comunales" in es
    assert "Joint co-management assembly" in en and "Figures by body" in en
    assert "1 more yes vote needed among the communal delegates" in en
    # side by side: each column in its own language
    assert "Cifras por sector" in both and "Figures by body" in both
    assert "falta 1 voto a favor entre los delegados comunales" in both and "1 more yes vote needed" in both
    # at half the page's width every header and body name stays whole ("Abst enció n", "Trabajadore s" before)
    for word in ("Abstención", "Abstain", "Base", "Trabajadores", "Workers"):
        assert re.search(rf"\b{word}\b", both), word


def test_a_workers_council_acta_has_no_table_by_body(council_db: Database) -> None:
    data = joint() | {"organ": "workers_council", "quorum_per_body": False}
    data["attendance"] = {code: "present" for code in WORKERS[:24]}
    data["items"][0]["motions"] = data["items"][0]["motions"][1:]
    data["items"][0]["motions"][0]["counts"] = {"yes": 21, "no": 0, "abstain": 3}
    es = acta(council_db, m.import_meeting(council_db, data=data), "es")
    assert "Consejo de Trabajadores" in es and "Cifras por sector" not in es
    assert "24 de 34" in es  # only the workers are entitled


def test_the_convocation_names_its_organ(council_db: Database) -> None:
    detail = m.create_meeting(council_db, draft=m.MeetingDraft(
        title="Asamblea de cogestión", kind=MeetingKind.ORDINARY, starts_at=datetime(2026, 11, 20, 9, 0),
        place="Galpón principal", organ=Organ.JOINT, quorum_per_body=True))
    m.add_item(council_db, meeting_id=detail.id, title="Plan de producción")
    es = flat(pdf_text(m.convocation_report(council_db, meeting_id=detail.id, lang="es", generated_at=AT)))
    assert "Asamblea conjunta de cogestión" in es
    assert "convoca a la asamblea conjunta de cogestión de los trabajadores" in es
    assert "La regla debe cumplirse también dentro de cada sector." in es
    en = flat(pdf_text(m.convocation_report(council_db, meeting_id=detail.id, lang="en", generated_at=AT)))
    assert "Joint co-management assembly" in en
