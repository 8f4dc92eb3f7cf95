from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.bootstrap import open_database
from coopdesk.domain.errors import ProblemsFound
from coopdesk.domain.members import Body, Member, MemberDraft, MemberStatus
from coopdesk.persistence.database import Database
from coopdesk.services import members as member_service
from coopdesk.services.member_import import export_members, import_members, preview_member_import


def fingerprint(path: Path) -> str:
    """Every row of every table, as the conformance check takes it."""
    with sqlite3.connect(path) as con:
        digest = hashlib.sha256()
        for (table,) in con.execute("select name from sqlite_master where type='table' "
                                    "and name not like 'sqlite_%' order by name"):
            digest.update(table.encode())
            for row in sorted(repr(row) for row in con.execute(f'select * from "{table}"')):
                digest.update(row.encode())
    con.close()
    return digest.hexdigest()


def csv_file(tmp_path: Path, text: str, name: str = "socios.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def without_ids(members: list[Member]) -> list[Member]:
    return [replace(member, id=0) for member in members]


HEADER = "código;nombre_completo;cédula;órgano;fecha_ingreso;vota;habilidades;estado_membresia\n"


def test_the_sample_register_imports_40_members(db: Database, data_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    summary = import_members(db, path=data_dir / "members.csv",
                             progress=lambda done, total: calls.append((done, total)))
    assert (summary.created, summary.updated, summary.unchanged) == (40, 0, 0)
    assert calls[-1] == (40, 40)
    members = {m.code: m for m in member_service.all_members(db)}
    assert len(members) == 40
    assert sum(m.body is Body.WORKER for m in members.values()) == 34
    assert members["M002"].full_name == "Juan Beatriz González Colmenárez"
    assert members["M002"].skills == ("cocina", "contabilidad")
    assert members["M001"].joined_on == date(2008, 6, 30)
    assert not members["M039"].voting and members["M039"].body is Body.STATE
    assert members["M035"].voting and members["M035"].body is Body.COMMUNAL_COUNCIL
    history = member_service.get_member(db, members["M001"].id).history
    assert [(h.changed_on, h.status) for h in history] == [(date(2008, 6, 30), MemberStatus.ACTIVE)]


def test_importing_the_same_file_again_changes_nothing(db: Database, db_path: Path, data_dir: Path) -> None:
    import_members(db, path=data_dir / "members.csv")
    before = fingerprint(db_path)
    summary = import_members(db, path=data_dir / "members.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 40)
    assert fingerprint(db_path) == before


@pytest.mark.parametrize("excel", [False, True])
def test_export_then_import_round_trips_exactly(db: Database, db_path: Path, tmp_path: Path, data_dir: Path,
                                                excel: bool) -> None:
    import_members(db, path=data_dir / "members.csv")
    member_service.create_member(db, draft=MemberDraft(
        code="F1", full_name="=HYPERLINK(\"http://x\")", body=Body.STATE, joined_on=date(2020, 1, 2),
        voting=True, phone="+58 414 1234567", email="x@y.ve", status=MemberStatus.SUSPENDED,
        skills=("soldadura",)))
    before = fingerprint(db_path)
    out = tmp_path / "out.csv"
    assert export_members(db, path=out, excel=excel) == 41
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+58 414 1234567" in text and "V-21981216" in text
    summary = import_members(db, path=out)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 41)
    assert fingerprint(db_path) == before
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        import_members(fresh, path=out)
        assert without_ids(member_service.all_members(fresh)) == without_ids(member_service.all_members(db))
    finally:
        fresh.dispose()


@pytest.mark.usefixtures("english")
def test_every_problem_is_reported_with_line_and_column_and_nothing_is_written(
    db: Database, db_path: Path, tmp_path: Path, data_dir: Path
) -> None:
    import_members(db, path=data_dir / "members.csv")
    before = fingerprint(db_path)
    path = csv_file(tmp_path, HEADER
                    + "N1;Ana Pérez;V-1234567;gerente;31/02/2020;quizás;cocina;activo\n"
                    + "N2;;V-21981216;trabajador;2020-01-01;sí;mal código!;dormido\n"
                    + "N1;Otra;;estado;2020-01-01;no;;retirado\n"
                    + "N3 X;Luis;V-1234567;trabajadora;01/01/2020;;;\n")
    with pytest.raises(ProblemsFound) as raised:
        import_members(db, path=path)
    found = [(p.line, p.column) for p in raised.value.problems]
    assert found == [
        (2, "órgano"), (2, "fecha_ingreso"), (2, "vota"),
        (3, "nombre_completo"), (3, "estado_membresia"), (3, "habilidades"), (3, "cédula"),
        (4, "código"),
        (5, "código"), (5, "cédula"),
    ]
    assert all(p.translated().startswith(f"Line {p.line}, column {p.column}: ") for p in raised.value.problems)
    assert fingerprint(db_path) == before
    preview = preview_member_import(db, path=path)
    assert len(preview.problems) == len(found)
    assert fingerprint(db_path) == before


def test_updates_by_code_touch_only_what_changed(db: Database, db_path: Path, tmp_path: Path) -> None:
    first = csv_file(tmp_path, HEADER + "A1;Ana;V-1111111;trabajador;2020-01-01;sí;cocina;activo\n"
                     "A2;Luis;V-2222222;trabajador;2020-01-01;sí;;activo\n")
    import_members(db, path=first)
    luis = member_service.get_member_by_code(db, "A2")
    second = csv_file(tmp_path, HEADER + "A1;Ana María;V-1111111;trabajador;2020-01-01;sí;cocina|soldadura;"
                      "suspendido\nA2;Luis;V-2222222;trabajador;2020-01-01;sí;;activo\n", name="second.csv")
    preview = preview_member_import(db, path=second)
    assert (preview.to_create, preview.to_update, preview.unchanged) == (0, 1, 1)
    summary = import_members(db, path=second)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    ana = member_service.get_member_by_code(db, "A1")
    assert (ana.full_name, ana.skills, ana.status, ana.version) == (
        "Ana María", ("cocina", "soldadura"), MemberStatus.SUSPENDED, 2)
    history = member_service.get_member(db, ana.id).history
    assert [(h.status, h.changed_on) for h in history] == [
        (MemberStatus.ACTIVE, date(2020, 1, 1)), (MemberStatus.SUSPENDED, date.today())]
    assert member_service.get_member_by_code(db, "A2") == luis
    before = fingerprint(db_path)
    import_members(db, path=second)
    assert fingerprint(db_path) == before


def test_columns_the_file_lacks_keep_their_stored_values(db: Database, tmp_path: Path) -> None:
    import_members(db, path=csv_file(tmp_path, HEADER + "A1;Ana;V-1111111;trabajador;2020-01-01;no;cocina;"
                                     "suspendida\n"))
    import_members(db, path=csv_file(tmp_path, "code,full_name,body,joined_on\nA1,Ana B,worker,2020-01-01\n",
                                     name="few.csv"))
    ana = member_service.get_member_by_code(db, "A1")
    assert (ana.full_name, ana.national_id, ana.voting, ana.skills, ana.status) == (
        "Ana B", "V-1111111", False, ("cocina",), MemberStatus.SUSPENDED)


def test_voting_defaults_by_body(db: Database, tmp_path: Path) -> None:
    import_members(db, path=csv_file(tmp_path, "code,full_name,body,joined_on,voting\n"
                                     "W,Ana,worker,2020-01-01,\nC,Luis,Consejo Comunal,2020-01-01,\n"
                                     "S,Rosa,ESTADO,2020-01-01,\nS2,Omar,state,2020-01-01,yes\n"))
    voting = {m.code: m.voting for m in member_service.all_members(db)}
    assert voting == {"W": True, "C": True, "S": False, "S2": True}


def test_national_ids_may_move_between_members_but_never_be_shared(db: Database, tmp_path: Path) -> None:
    header = "code,full_name,body,joined_on,national_id\n"
    import_members(db, path=csv_file(tmp_path, header + "A,Ana,worker,2020-01-01,V-1111111\n"
                                     "B,Luis,worker,2020-01-01,V-2222222\nC,Rosa,worker,2020-01-01,V-3333333\n"))
    swap = csv_file(tmp_path, header + "A,Ana,worker,2020-01-01,V-2222222\nB,Luis,worker,2020-01-01,v-1111111\n",
                    name="swap.csv")
    assert import_members(db, path=swap).updated == 2
    ids = {m.code: m.national_id for m in member_service.all_members(db)}
    assert ids == {"A": "V-2222222", "B": "V-1111111", "C": "V-3333333"}
    clash = csv_file(tmp_path, header + "D,Omar,worker,2020-01-01,V-3333333\n", name="clash.csv")
    with pytest.raises(ProblemsFound) as raised:
        import_members(db, path=clash)
    assert [(p.line, p.column, p.params.get("code")) for p in raised.value.problems] == [(2, "national_id", "C")]


def test_cp1252_file_from_spanish_excel(db: Database, tmp_path: Path) -> None:
    text = "Código;Nombre;Cédula;Órgano;Ingreso\r\nM1;Ángel Núñez;V-12345678;Trabajador;05/03/2019\r\n"
    import_members(db, path=csv_file(tmp_path, text, encoding="cp1252"))
    assert member_service.get_member_by_code(db, "M1").full_name == "Ángel Núñez"


def test_dry_run_writes_nothing(db: Database, db_path: Path, data_dir: Path) -> None:
    before = fingerprint(db_path)
    assert import_members(db, path=data_dir / "members.csv", dry_run=True).created == 40
    assert fingerprint(db_path) == before


def test_an_unreadable_file_is_a_problem_in_the_preview(db: Database, tmp_path: Path) -> None:
    preview = preview_member_import(db, path=csv_file(tmp_path, "nombre;x\n"))
    assert {p.column for p in preview.problems} >= {"x", "code", "body", "joined_on"}
    assert preview.drafts == ()


CELLS = st.one_of(
    st.sampled_from(["M1", "M2", "Ana", "sí", "no", "2020-01-01", "31/12/2019", "worker", "estado",
                     "V-1234567", "cocina|soldadura", "=1+1", "'@x", "", "retirado", "a@b.ve"]),
    st.text(max_size=12),
)
OPTIONAL = st.lists(st.sampled_from(["cédula", "vota", "skills", "status", "phone", "correo", "otra", "code"]),
                    max_size=4)
HEADERS = st.one_of(  # mostly a usable header, so that rows get checked too
    st.builds(lambda extra: ["code", "nombre", "órgano", "ingreso", *extra], OPTIONAL),
    st.lists(st.sampled_from(["code", "nombre", "órgano", "ingreso", "otra", ""]), min_size=1, max_size=6),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=200),
    st.builds(lambda header, rows, sep: "\n".join(sep.join(row) for row in [header, *rows]).encode(),
              HEADERS, st.lists(st.lists(CELLS, max_size=9), max_size=6), st.sampled_from([",", ";"])),
))
def test_any_file_is_imported_whole_or_not_at_all(db: Database, db_path: Path, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    before = fingerprint(db_path)
    try:
        import_members(db, path=path)
    except ProblemsFound as error:
        assert error.problems and all(p.translated() for p in error.problems)
        assert fingerprint(db_path) == before


def test_a_copy_of_the_sample_with_bom_and_crlf_keeps_line_numbers(db: Database, tmp_path: Path,
                                                                  data_dir: Path) -> None:
    path = tmp_path / "members.csv"
    shutil.copy(data_dir / "members.csv", path)
    lines = path.read_bytes().split(b"\r\n")
    lines[10] = lines[10].replace(b"trabajador", b"jefe")
    path.write_bytes(b"\r\n".join(lines))
    with pytest.raises(ProblemsFound) as raised:
        import_members(db, path=path)
    assert [(p.line, p.column) for p in raised.value.problems] == [(11, "órgano")]
