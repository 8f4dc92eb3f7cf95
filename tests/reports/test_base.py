"""The report frame: header, footer, metadata, escaping, signatures, verification code, page size."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader

from coopdesk.domain.settings import Council
from coopdesk.i18n import N_
from coopdesk.reports.base import Report, Signer

from .helpers import flat, pdf_text

MARKUP = "Acta <b>sin</b> cierre & <font color='red'>fin</font> <br/> <"


class SampleReport(Report):
    title = N_("Register of members")
    subject = N_("Members of the council by body, with their voting right and status")

    def story(self):
        return [
            self.heading(MARKUP),
            self.para(MARKUP),
            self.signatures([Signer(self.labels.t(N_("Secretary")), "Ángel Núñez Piñero"), Signer("Presidente(a)")]),
            self.verification("7F3A-19C2-0B44", payload="coopdesk:verify:7F3A19C20B44"),
        ]


class LandscapeReport(SampleReport):
    landscape = True


def test_user_text_is_shown_literally_with_header_and_footer(council: Council) -> None:
    hostile = Council(name="Consejo <b>Unido</b> & Cía", tax_id="J-123<4>", address="Calle <i>8</i> & 9")
    data = SampleReport(council=hostile, lang="en", generated_at=datetime(2026, 3, 5, 9, 30)).render()
    text = pdf_text(data)
    assert text.count(MARKUP) == 2
    assert "Consejo <b>Unido</b> & Cía" in text
    assert "Tax id: J-123<4>" in text and "Calle <i>8</i> & 9" in text
    assert "Generated: Mar 5, 2026, 9:30" in text
    assert "Page 1 of 1" in text


def test_signatures_and_verification_code(council: Council) -> None:
    text = flat(pdf_text(SampleReport(council=council, lang="es+en").render()))
    assert "Ángel Núñez Piñero" in text
    # A role in both languages reads one over the other, never joined with a slash.
    assert "Secretario(a) Secretary" in text and "Presidente(a)" in text and "Secretario(a) / " not in text
    assert "Código de verificación" in text and "Verification code" in text and "7F3A-19C2-0B44" in text


def test_metadata(council: Council) -> None:
    reader = PdfReader(io.BytesIO(SampleReport(council=council, lang="en").render()))
    assert reader.metadata.title == "Register of members"
    assert reader.metadata.author == council.name
    assert reader.metadata.subject.startswith("Members of the council")
    assert reader.metadata.creator == "coopdesk"
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    reader = PdfReader(io.BytesIO(SampleReport(council=council, lang="es+en").render()))
    assert reader.metadata.title == "Registro de miembros / Register of members"
    assert reader.trailer["/Root"]["/Lang"] == "es-VE"


def test_letter_paper_portrait_or_landscape(council: Council) -> None:
    portrait = PdfReader(io.BytesIO(SampleReport(council=council, lang="es").render())).pages[0].mediabox
    landscape = PdfReader(io.BytesIO(LandscapeReport(council=council, lang="es").render())).pages[0].mediabox
    assert (float(portrait.width), float(portrait.height)) == (612, 792)
    assert (float(landscape.width), float(landscape.height)) == (792, 612)


def test_a_long_header_wraps_rather_than_cutting_the_tax_id() -> None:
    long = Council(name="Consejo de Trabajadores de la Empresa de Producción Social Textil «Hilanderas del Sur»",
                   tax_id="G-20012345-6 (registro mercantil 2019-0457)",
                   address="Carretera Panamericana, kilómetro 12, sector Las Adjuntas, galpón industrial 4, "
                           "parroquia Macarao, municipio Libertador, Distrito Capital")
    for lang in ("es", "es+en"):
        text = flat(pdf_text(SampleReport(council=long, lang=lang).render()))
        assert "G-20012345-6 (registro mercantil 2019-0457)" in text
        assert "Distrito Capital" in text and "«Hilanderas del Sur»" in text
        assert "…" not in text.split("Registro de miembros")[0]  # nothing in the header cut short
    assert "RIF (Tax id): G-20012345-6" in text
    assert "Registro de miembros" in text and "Register of members" in text
    assert "Página 1 de 1" in text and "Page 1 of 1" in text


def test_a_cell_in_both_languages_pairs_its_lines() -> None:
    from coopdesk.reports.tables import in_each_language

    assert in_each_language("V-123", "V-123") == "V-123"
    assert in_each_language("Bs. 1.045,50", "Bs. 1,045.50") == "Bs. 1.045,50\nBs. 1,045.50"
    # a member's note under a payout's concept: each language's concept, then the note once
    assert in_each_language("Pago del fondo\nCompra de lentes", "Fund payout\nCompra de lentes") == \
        "Pago del fondo\nFund payout\nCompra de lentes"
    assert in_each_language("uno\ndos", "one") == "uno\ndos\none"
