"""The needs report and the letter, read back with pypdf: the figures an assembly checks, private names kept
out, and the three languages."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coopdesk.domain.needs import (
    Commitment,
    CommitmentLetter,
    CommitmentState,
    IncidentKind,
    Need,
    NeedKind,
    NeedState,
    NeedsYear,
)
from coopdesk.domain.settings import Council
from coopdesk.reports.letter import LetterReport
from coopdesk.reports.needs import NeedsReport
from tests.reports.helpers import flat, pdf_text

TODAY = date(2026, 12, 7)
AT = datetime(2026, 12, 7, 10, 30)


def need(number: int, kind: NeedKind, name: str | None, *, private: bool = False, consent: bool = False,
         created: date = date(2026, 2, 1), met: date | None = None) -> Need:
    return Need(id=number, kind=kind, member_code=None if name is None else f"M{number:03d}", member_name=name,
                title=f"Necesidad {number}", detail="", private=private, consent_to_name=consent,
                state=NeedState.MET if met else NeedState.OPEN, raised_in=None, agenda_item_id=None,
                decision_id=None, met_on=met, how="Fondo de salud" if met else "", evidence="", created_on=created)


def clinic(due: date = date(2026, 3, 1)) -> Commitment:
    return Commitment(id=1, owed_by="Gerencia de la UPS", what="Cobertura de la clínica", due=due,
                      state=CommitmentState.PENDING, evidence="", decision_id=3, need_id=None, done_on=None,
                      created_on=date(2026, 1, 10))


def year(council: Council) -> NeedsYear:
    met = (need(1, NeedKind.FAMILY, "Yolimar Piñero", private=True, met=date(2026, 2, 11)),
           need(2, NeedKind.PERSONAL, "Néstor Briceño", private=True, consent=True, met=date(2026, 3, 3)),
           need(3, NeedKind.COMMUNITY, None, met=date(2026, 5, 1)))
    open_ = (need(4, NeedKind.COMMUNITY, None, created=date(2026, 4, 2)),)
    raised = {NeedKind.PERSONAL: (0, 1) + (0,) * 10, NeedKind.FAMILY: (0, 1) + (0,) * 10,
              NeedKind.COMMUNITY: (0, 1, 0, 1) + (0,) * 8}
    met_months = {NeedKind.PERSONAL: (0, 0, 1) + (0,) * 9, NeedKind.FAMILY: (0, 1) + (0,) * 10,
                  NeedKind.COMMUNITY: (0,) * 4 + (1,) + (0,) * 7}
    return NeedsYear(council=council, year=2026, today=TODAY, raised_by_kind_month=raised,
                     met_by_kind_month=met_months, met_needs=met, open_needs=open_, overdue=(clinic(),),
                     commitments_done=(), incidents_by_kind={IncidentKind.INJURY: 1, IncidentKind.ILLNESS: 0,
                                                             IncidentKind.NEAR_MISS: 2, IncidentKind.HAZARD: 1})


def test_the_needs_report_in_english(council: Council) -> None:
    text = flat(pdf_text(NeedsReport(data=year(council), lang="en", generated_at=AT).render()))
    assert "Needs, commitments and incidents" in text and "Year 2026" in text
    assert "Family 1 1 0" in text and "Community 2 1 1" in text and "Total 4 3 1" in text
    assert "Median time from recording a need to meeting it: 30 days." in text
    assert "Gerencia de la UPS" in text and "281" in text  # 1 March to 7 December
    assert "Near miss 2" in text and "Total 4" in text


def test_private_needs_are_named_only_with_consent(council: Council) -> None:
    for lang in ("es", "en", "es+en"):
        text = pdf_text(NeedsReport(data=year(council), lang=lang, generated_at=AT).render())
        assert "Yolimar" not in text  # private, no consent
        assert "Néstor Briceño" in text  # private, agreed to be named


def test_spanish_and_both_languages(council: Council) -> None:
    spanish = flat(pdf_text(NeedsReport(data=year(council), lang="es", generated_at=AT).render()))
    assert "Necesidades, compromisos e incidentes" in spanish and "Compromisos vencidos" in spanish
    both = flat(pdf_text(NeedsReport(data=year(council), lang="es+en", generated_at=AT).render()))
    assert "Compromisos vencidos" in both and "Commitments overdue" in both


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_letter_cites_the_decision_and_the_acta(council: Council, lang: str) -> None:
    letter = CommitmentLetter(council=council, commitment=clinic(), today=TODAY,
                              decision_text="Exigir a la gerencia la cobertura completa de la clínica",
                              meeting_id=3, meeting_title="Asamblea ordinaria de enero",
                              meeting_on=date(2026, 1, 16), verification_code="ab12" * 16)
    text = flat(pdf_text(LetterReport(letter=letter, lang=lang, generated_at=AT).render()))
    assert "Gerencia de la UPS" in text and "Exigir a la gerencia la cobertura completa de la clínica" in text
    assert "Asamblea ordinaria de enero" in text and "AB12-AB12-AB12-AB12" in text.upper()  # the one code format
    late = "with no record that it was done: 281." if lang == "en" else "sin constancia de su cumplimiento: 281."
    assert late in text
