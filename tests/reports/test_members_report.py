"""The register of members."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from pypdf import PdfReader

from coopdesk.domain.members import Body, MemberStatus
from coopdesk.domain.settings import Council
from coopdesk.reports import national_id
from coopdesk.reports.members import MembersReport, natural_key

from .helpers import flat, make_members, pdf_text

AT = datetime(2026, 2, 10, 16, 45)


def render(council: Council, members, lang: str = "es") -> bytes:
    return MembersReport(council=council, lang=lang, members=members, generated_at=AT).render()


def test_accented_names_come_back_out(council: Council) -> None:
    members = make_members(12)
    members[0] = replace(members[0], full_name="Ángel Núñez Piñero")
    text = pdf_text(render(council, members))
    assert "Ángel Núñez Piñero" in text
    assert council.name in text
    for member in members:
        assert member.code in text and national_id(member.national_id) in text


def test_long_register_is_numbered_on_every_page(council: Council) -> None:
    data = render(council, make_members(200), "en")
    pages = PdfReader(__import__("io").BytesIO(data)).pages
    total = len(pages)
    assert total > 1
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()
    # The table header is repeated at the top of every page of a group.
    assert "Full name" in pages[1].extract_text()


def test_groups_with_counts_and_totals(council: Council) -> None:
    members = make_members(20)
    text = pdf_text(render(council, members, "en"))
    for body, heading in ((Body.WORKER, "Workers"), (Body.COMMUNAL_COUNCIL, "Communal council delegates"),
                          (Body.STATE, "State representatives")):
        assert f"{heading} ({sum(1 for m in members if m.body is body)})" in text
    assert re.search(r"Total\s+20\s+", text)
    assert "Secretary" in text


def test_each_language_has_its_labels(council: Council) -> None:
    members = make_members(10)
    es, en, both = (flat(pdf_text(render(council, members, lang))) for lang in ("es", "en", "es+en"))
    assert len({es, en, both}) == 3
    assert "Registro de miembros" in es and "Nombre completo" in es and "Página 1 de 1" in es
    assert "Sí" in es and "Activo" in es and "Register of members" not in es
    assert "Register of members" in en and "Full name" in en and "Page 1 of 1" in en
    assert "Yes" in en and "Active" in en and "Registro" not in en
    assert "Registro de miembros" in both and "Register of members" in both
    assert "Código Code" in both and "Sí Yes" in both and " / " not in both
    assert "Página 1 de 2" in both and "Page 1 of 2" in both  # rows of two lines: one per language


def test_markup_in_names_does_not_break_the_report(council: Council) -> None:
    members = make_members(4)
    members[0] = replace(members[0], full_name="<b>Ana</b> & Bea")
    members[1] = replace(members[1], full_name="<i>Pedro & Pablo</i> de los Santos Inocentes "
                         "Ramírez-Villalobos y Fernández de la Concepción", status=MemberStatus.LEFT)
    hostile = Council(name="Consejo <b>& Cía", tax_id=None, address=None)
    text = pdf_text(render(hostile, members, "es+en"))
    assert "<b>Ana</b> & Bea" in text
    assert "<i>Pedro & Pablo</i>" in text
    assert "Consejo <b>& Cía" in text


def test_empty_register(council: Council) -> None:
    text = pdf_text(render(council, [], "en"))
    assert "Workers (0)" in text and "No members in this group." in text


def test_codes_in_natural_order(council: Council) -> None:
    members = [replace(member, code=code, national_id=None)
               for member, code in zip(make_members(3), ("M10", "M2", "M1"), strict=True)]
    members = [replace(member, body=Body.WORKER) for member in members]
    text = pdf_text(render(council, members, "en"))
    assert text.index("M1\n") < text.index("M2\n") < text.index("M10\n")
    assert sorted(["A10", "a9", "B1"], key=natural_key) == ["a9", "A10", "B1"]


def test_the_register_prints_cedulas_with_dots_and_only_entitled_members_vote(council: Council) -> None:
    from dataclasses import replace

    members = make_members(10)  # the 9th is suspended, the 10th has left; the 5th is a state representative
    members[0] = replace(members[0], national_id="V-8508515")
    text = pdf_text(MembersReport(council=council, lang="es", members=members).render())
    assert "V-8.508.515" in text
    text = flat(text)
    for member in members:
        votes = member.voting and member.status is MemberStatus.ACTIVE
        line = f"{member.code} {member.full_name} {national_id(member.national_id)} {'Sí' if votes else 'No'}"
        assert line in text, line
    assert "Helvetica" not in MembersReport(council=council, lang="es", members=members).render().decode("latin-1")
