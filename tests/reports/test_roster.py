"""The roster PDFs: the wall sheet (weeks × posts, names in cells) and one page per member, in es, en, es+en."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coopdesk.domain.roster import Leave, PostInfo, RosterEntry, RosterGrid, RosterWeek
from coopdesk.domain.rotation import Category, Role
from coopdesk.domain.settings import Council
from coopdesk.reports.roster import MemberRosterReport, RosterReport, short_names
from coopdesk.services.rotation.views import schedules_from_grid
from tests.reports.helpers import flat, pdf_text

START = date(2027, 1, 4)
POSTS = (
    PostInfo("SIEM", "Siembra y cosecha", Category.MANUAL, "Parcelas", 4),
    PostInfo("CONT", "Contabilidad", Category.ADMINISTRATIVE, "Oficina", 1),
    PostInfo("MERC", "Distribución a Mercal", Category.COMMUNITY, None, 3),
)
PEOPLE = (
    RosterEntry("M001", "Ángel Néstor Núñez Piñero"),
    RosterEntry("M002", "María José Briceño Añez"),
    RosterEntry("M003", "Yolimar Oriana Márquez Rodríguez"),
    RosterEntry("M004", "Ángel Wilmer Núñez Colmenárez"),  # reads "Ángel Núñez" too: full names for both
    RosterEntry("M005", "Oriana Peña"),
)
WHEN = datetime(2026, 12, 1, 10, 30)


def grid(weeks: int, published: bool = True) -> RosterGrid:
    columns = []
    for i in range(weeks):
        turn = PEOPLE[i % 5:] + PEOPLE[:i % 5]
        cells = {"SIEM": (turn[0], turn[1]), "CONT": (turn[2], RosterEntry(turn[3].member_code, turn[3].full_name,
                                                                           Role.TRAINEE)),
                 "MERC": (turn[4],)}
        columns.append(RosterWeek(START + timedelta(weeks=i), 1, published or i > 0, cells))
    return RosterGrid(START, tuple(columns), POSTS)


def test_short_names_fall_back_to_the_full_name_when_two_would_read_the_same() -> None:
    names = short_names(PEOPLE)
    assert names["M002"] == "María Briceño" and names["M005"] == "Oriana Peña"
    assert names["M001"] == "Ángel Néstor Núñez Piñero" and names["M004"] == "Ángel Wilmer Núñez Colmenárez"


def test_the_wall_sheet_in_spanish(council: Council) -> None:
    pdf = RosterReport(council=council, lang="es", grid=grid(6, published=False), generated_at=WHEN).render()
    text = flat(pdf_text(pdf))
    assert "Página 1 de 2" in text and "Página 2 de 2" in text  # four weeks a page
    assert "María Briceño" in text and "Yolimar Márquez" in text and "Ángel Néstor Núñez Piñero" in text
    assert "Siembra y cosecha" in text and "Distribución a Mercal" in text and "Fábrica Ñandú" in text
    assert "4 – 10 de ene." in text


def test_the_pages_of_the_wall_sheet_share_the_weeks(council: Council) -> None:
    """Six weeks over two pages are three and three, not four and a lonely two."""
    from io import BytesIO

    from pypdf import PdfReader

    pdf = RosterReport(council=council, lang="en", grid=grid(6), generated_at=WHEN).render()
    pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
    weeks = [sum(f"{(START + timedelta(weeks=n)).strftime('%b')} {(START + timedelta(weeks=n)).day} –" in page
                 for n in range(6)) for page in pages]
    assert weeks == [3, 3]


def test_the_wall_sheet_in_english_and_in_both(council: Council) -> None:
    english = flat(pdf_text(RosterReport(council=council, lang="en", grid=grid(2), generated_at=WHEN).render()))
    assert "Page 1 of 1" in english and "Jan 4 – 10" in english and "Oriana Peña" in english
    both = flat(pdf_text(RosterReport(council=council, lang="es+en", grid=grid(2), generated_at=WHEN).render()))
    assert "Página 1 de 1" in both and "Page 1 of 1" in both


def test_the_wall_sheet_in_both_gives_each_language_its_own_line_and_dates(council: Council) -> None:
    both = flat(pdf_text(RosterReport(council=council, lang="es+en", grid=grid(2), generated_at=WHEN).render()))
    assert "Rol de rotación de puestos Job rotation roster" in both
    assert "4 – 10 de ene. Jan 4 – 10" in both  # each week in each language's form, Spanish over English
    assert "Semanas del 4 ene. 2027 al 17 ene. 2027 Weeks from Jan 4, 2027 to Jan 17, 2027" in both
    assert "Puesto Post" in both and "(aprendiz · trainee)" in both
    assert " / " not in both


def test_the_member_pages_in_both_stack_the_languages(council: Council) -> None:
    from dataclasses import replace

    weeks = grid(2)
    weeks = replace(weeks, weeks=(replace(weeks.weeks[0], tasks={"SIEM": "Cosecha del maíz"}), *weeks.weeks[1:]))
    schedules = schedules_from_grid(weeks, [])
    both = flat(pdf_text(MemberRosterReport(council=council, lang="es+en", start=START, weeks=2,
                                            schedules=schedules, generated_at=WHEN).render()))
    assert "Semana Week" in both and "Categoría Category" in both
    assert "4 – 10 de ene. de 2027 Jan 4 – 10, 2027" in both
    assert "Administrativa Administrative" in both and "Titular Regular" in both
    assert "Tarea · Task: Cosecha del maíz" in both  # the council's own words once
    assert " / " not in both


def test_one_page_per_member(council: Council) -> None:
    leave = Leave(1, 2, "M002", "María José Briceño Añez", date(2027, 2, 1), date(2027, 2, 10), "vacaciones")
    schedules = schedules_from_grid(grid(4), [leave])
    assert [s.member_code for s in schedules] == ["M001", "M002", "M003", "M004", "M005"]
    pdf = MemberRosterReport(council=council, lang="es", start=START, weeks=4, schedules=schedules,
                             generated_at=WHEN).render()
    from io import BytesIO

    from pypdf import PdfReader

    pages = [flat(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]
    assert len(pages) == 5 and all("Página 1 de 1" in page for page in pages)  # each member's own count
    assert "María José Briceño Añez (M002)" in pages[1] and "vacaciones" in pages[1]
    assert "Contabilidad" in pages[1] and "Parcelas" in "".join(pages)


def test_a_member_over_two_pages_reads_1_of_2_and_names_the_member_on_the_second(council: Council) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    schedules = schedules_from_grid(grid(30), [])
    pdf = MemberRosterReport(council=council, lang="es", start=START, weeks=30, schedules=schedules,
                             generated_at=WHEN).render()
    pages = [flat(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]
    assert len(pages) == 2 * len(schedules)
    for member, (first, second) in zip(schedules, zip(pages[::2], pages[1::2], strict=True), strict=True):
        assert "Página 1 de 2" in first and "Página 2 de 2" in second
        assert f"{member.full_name} ({member.member_code}) — continúa" in second
