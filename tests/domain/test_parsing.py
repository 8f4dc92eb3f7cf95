from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.members import Body
from coopdesk.domain.parsing import (
    choice_parser,
    fold_key,
    parse_bool,
    parse_date,
    parse_int,
    split_list,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-31", date(2026, 3, 31)),
    ("31/03/2026", date(2026, 3, 31)),
    (" 1/2/2020 ", date(2020, 2, 1)),
    ("2024-02-29", date(2024, 2, 29)),
    ("29/02/2024", date(2024, 2, 29)),
])
def test_dates_iso_or_day_first(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "2026-02-30", "30/02/2026", "31-03-2026", "2026/03/31",
                                  "20260331", "03/31/2026", "2026-3-31T00:00"])
def test_not_dates(text: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_date(text)
    assert raised.value.params["value"] == text.strip()


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_reads_back_in_both_forms(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/") + f"{day.year:04d}") == day


@pytest.mark.parametrize(("text", "expected"), [
    ("yes", True), ("YES", True), ("sí", True), ("Sí", True), ("si", True), ("SI", True), ("true", True),
    ("1", True), ("VERDADERO", True), (" sí ", True),
    ("no", False), ("No", False), ("false", False), ("0", False), ("FALSO", False),
])
def test_booleans(text: str, expected: bool) -> None:
    assert parse_bool(text) is expected


@pytest.mark.parametrize("text", ["", "quizás", "2", "y", "nope"])
def test_not_booleans(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_bool(text)


@pytest.mark.parametrize(("text", "key"), [
    (" Cédula ", "cedula"), ("CÓDIGO", "codigo"), ("Fecha_Ingreso", "fecha_ingreso"),
    ("fecha ingreso", "fecha_ingreso"), ("\ufeffcodigo", "codigo"), ("Teléfono", "telefono"),
    ("Órgano", "organo"), ("consejo-comunal", "consejo_comunal"),
])
def test_fold_key_ignores_case_accents_and_spaces(text: str, key: str) -> None:
    assert fold_key(text) == key


def test_choices_by_any_alias() -> None:
    parse = choice_parser({"worker": Body.WORKER, "trabajador": Body.WORKER, "consejo_comunal":
                           Body.COMMUNAL_COUNCIL, "estado": Body.STATE})
    assert parse("TRABAJADOR") is Body.WORKER
    assert parse(" Consejo Comunal ") is Body.COMMUNAL_COUNCIL
    assert parse("Estado") is Body.STATE
    with pytest.raises(InvalidInput) as raised:
        parse("gerente")
    assert raised.value.params == {"value": "gerente", "choices": "worker, communal_council, state"}


@pytest.mark.parametrize(("text", "expected"), [
    ("cocina|contabilidad", ("cocina", "contabilidad")), ("a, b ,c", ("a", "b", "c")),
    ("a|a,b", ("a", "b")), (" | , ", ()), ("", ()),
])
def test_lists(text: str, expected: tuple[str, ...]) -> None:
    assert split_list(text) == expected


def test_whole_numbers_and_bounds() -> None:
    assert parse_int(" 7 ") == 7
    assert parse_int("-3") == -3
    assert parse_int("5", minimum=1, maximum=5) == 5
    for text, bounds in [("1.5", {}), ("x", {}), ("0", {"minimum": 1}), ("6", {"maximum": 5}),
                         ("9", {"minimum": 1, "maximum": 5})]:
        with pytest.raises(InvalidInput):
            parse_int(text, **bounds)


@given(st.text(max_size=30))
def test_parsers_only_ever_raise_invalid_input(text: str) -> None:
    for parse in (parse_date, parse_bool, parse_int, split_list, fold_key):
        with contextlib.suppress(InvalidInput):
            parse(text)
