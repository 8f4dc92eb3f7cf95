from __future__ import annotations

import codecs
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.services.csv_io import Column, neutralise, read_csv, unneutralise, write_csv

COLUMNS = (
    Column("code", ("codigo", "código"), required=True),
    Column("full_name", ("nombre", "nombre_completo"), required=True),
    Column("national_id", ("cedula", "cédula")),
    Column("joined_on", ("ingreso", "fecha_ingreso")),
)


def write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("encoding", "bom"), [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16", b""),
])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, bom: bytes, delimiter: str) -> None:
    text = delimiter.join(["Código", "Nombre Completo ", " CÉDULA"]) + "\r\n"
    text += delimiter.join(["M001", "José Ángel Añez Piñero", "V-123456"]) + "\r\n"
    table = read_csv(write(tmp_path, bom + text.encode(encoding)), COLUMNS)
    assert table.headers == {"code": "Código", "full_name": "Nombre Completo", "national_id": "CÉDULA"}
    assert table.rows == [(2, {"code": "M001", "full_name": "José Ángel Añez Piñero", "national_id": "V-123456"})]
    assert table.problems == []


@pytest.mark.parametrize("header", [
    "code,full_name", "CODE , Full_Name", "codigo,nombre", " Código ,NOMBRE_COMPLETO", "CÓDIGO,Nombre",
    "codigo,nombre completo",
])
def test_header_aliases_regardless_of_case_accents_and_spaces(tmp_path: Path, header: str) -> None:
    table = read_csv(write(tmp_path, f"{header}\nM1,Ana\n".encode()), COLUMNS)
    assert table.rows == [(2, {"code": "M1", "full_name": "Ana"})]


def test_header_problems_name_the_column_on_line_1(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound) as raised:
        read_csv(write(tmp_path, b"codigo;apellido;code\nM1;x;y\n"), COLUMNS)
    found = {(p.line, p.column, p.message.split(" ")[0]) for p in raised.value.problems}
    assert found == {(1, "apellido", "unknown"), (1, "code", "this"), (1, "full_name", "this")}


def test_line_numbers_count_physical_lines(tmp_path: Path) -> None:
    data = b'\ncode,full_name\n\nM1,"Ana\nMaria"\n,\nM2,Luis\n'
    table = read_csv(write(tmp_path, data), COLUMNS)
    assert [(line, cells["code"]) for line, cells in table.rows] == [(4, "M1"), (7, "M2")]
    assert table.rows[0][1]["full_name"] == "Ana\nMaria"


def test_cells_are_trimmed_and_short_rows_padded(tmp_path: Path) -> None:
    table = read_csv(write(tmp_path, b"code;full_name;cedula\n  M1 ;  Ana  \n"), COLUMNS)
    assert table.rows == [(2, {"code": "M1", "full_name": "Ana", "national_id": ""})]


def test_a_value_beyond_the_header_is_a_problem_but_trailing_empty_cells_are_not(tmp_path: Path) -> None:
    table = read_csv(write(tmp_path, b"code;full_name;;\nM1;Ana;;\nM2;Luis;;oops\n"), COLUMNS)
    assert len(table.rows) == 2
    assert [(p.line, p.column) for p in table.problems] == [(3, None)]


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"PK\x03\x04\x00\x00binary", b"\x81\x8d\x8f\x90\x9d"])
def test_empty_or_binary_files(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ProblemsFound):
        read_csv(write(tmp_path, data), COLUMNS)


def test_a_missing_file_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Cannot read"):
        read_csv(tmp_path / "absent.csv", COLUMNS)


@given(st.text(max_size=20))
def test_neutralising_round_trips_every_text(text: str) -> None:
    cell = neutralise(text)
    assert unneutralise(cell) == text
    assert cell[:1] not in ("=", "+", "-", "@") or cell.lstrip("+-").replace(".", "", 1).isdigit()


@pytest.mark.parametrize(("value", "written"), [
    ("=SUM(A1)", "'=SUM(A1)"), ("+58 414", "'+58 414"), ("-x", "'-x"), ("@cmd", "'@cmd"),
    ("'=x", "''=x"), ("V-123", "V-123"), ("0414-123", "0414-123"), ("-50.16", "-50.16"), ("+3", "+3"),
])
def test_formula_cells_are_neutralised(value: str, written: str) -> None:
    assert neutralise(value) == written


def test_writer_plain_and_for_excel(tmp_path: Path) -> None:
    rows = [("=1+1", date(2026, 3, 31), True, None, Decimal("-50.16"), 7)]
    plain = tmp_path / "plain.csv"
    assert write_csv(plain, ["a", "b", "c", "d", "e", "f"], rows) == 1
    assert plain.read_bytes() == b"a,b,c,d,e,f\r\n'=1+1,2026-03-31,yes,,-50.16,7\r\n"
    excel = tmp_path / "excel.csv"
    write_csv(excel, ["a", "b", "c", "d", "e", "f"], rows, excel=True)
    assert excel.read_bytes() == codecs.BOM_UTF8 + b"a;b;c;d;e;f\r\n'=1+1;2026-03-31;yes;;-50.16;7\r\n"
    assert not list(tmp_path.glob(".*.part"))


def test_written_files_read_back(tmp_path: Path) -> None:
    values = ("M1", "=HYPERLINK(\"x\")", "V-1;2,3\"4", "'@x")
    for excel in (False, True):
        path = tmp_path / f"out{excel}.csv"
        write_csv(path, ["code", "full_name", "cedula", "ingreso"], [values], excel=excel)
        table = read_csv(path, COLUMNS)
        assert tuple(table.rows[0][1].values()) == values


def test_an_unwritable_target_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Cannot write"):
        write_csv(tmp_path / "no" / "such" / "dir.csv", ["a"], [])
