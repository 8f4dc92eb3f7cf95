"""Posts and leave: the CSV import (all or nothing, one problem per line and column, idempotent), the export
that round-trips, and the posts editor's and leave calendar's services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coopdesk.domain.errors import ConflictError, ProblemsFound
from coopdesk.domain.rotation import Category
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import LeaveRecord, PostRecord, Skill
from coopdesk.services import rotation
from coopdesk.services.member_import import import_members
from coopdesk.services.members import get_member_by_code
from coopdesk.services.rotation import PostDraft


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def members(db: Database, data_dir: Path) -> Database:
    import_members(db, path=data_dir / "members.csv")
    return db


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def snapshot(db: Database) -> tuple[list[tuple], list[tuple], list[str]]:
    with db.read() as session:
        posts = sorted(tuple(r) for r in session.execute(select(
            PostRecord.code, PostRecord.name, PostRecord.category, PostRecord.min_members, PostRecord.max_members,
            PostRecord.skill_id, PostRecord.trainee_slots, PostRecord.burden, PostRecord.version)))
        leaves = sorted(tuple(r) for r in session.execute(select(
            LeaveRecord.member_id, LeaveRecord.starts_on, LeaveRecord.ends_on, LeaveRecord.reason)))
        skills = sorted(session.scalars(select(Skill.code)))
    return posts, leaves, skills


def test_the_sample_posts_import_once_and_again_changes_nothing(members: Database, data_dir: Path) -> None:
    summary = rotation.import_posts(members, path=data_dir / "posts.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (11, 0, 0)
    before = snapshot(members)
    again = rotation.import_posts(members, path=data_dir / "posts.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)
    assert snapshot(members) == before
    carg = next(p for p in rotation.list_posts(members) if p.code == "CARG")
    assert (carg.name, carg.category, carg.min_members, carg.max_members, carg.skill, carg.trainee_slots,
            carg.burden) == ("Carga con montacargas", Category.MANUAL, 2, 2, "montacargas", 1, 5)


def test_defaults_aliases_and_a_new_skill(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", "code,name,category,min,max,skill,trainee_slots,burden\n"
                                     "A,Almacén,administrativo,,,,,\n"
                                     "B,Barrido,Manual,2,,,,5\n"
                                     "C,Consejo comunal,comunitario,1,3,Vocería Comunal,2,\n"
                                     "D,Despacho,administrative,0,2,,,\n")
    rotation.import_posts(db, path=path)
    posts = {p.code: p for p in rotation.list_posts(db)}
    assert (posts["A"].category, posts["A"].min_members, posts["A"].max_members, posts["A"].burden,
            posts["A"].trainee_slots, posts["A"].skill) == (Category.ADMINISTRATIVE, 1, 1, 1, 0, None)
    assert (posts["B"].min_members, posts["B"].max_members, posts["B"].burden) == (2, 2, 5)
    assert (posts["C"].category, posts["C"].skill, posts["C"].trainee_slots) == (Category.COMMUNITY,
                                                                                "vocería_comunal", 2)
    assert (posts["D"].min_members, posts["D"].max_members) == (0, 2)
    assert "vocería_comunal" in rotation.skill_codes(db)


def test_a_bad_posts_file_names_each_problem_and_writes_nothing(members: Database, data_dir: Path,
                                                                 tmp_path: Path) -> None:
    rotation.import_posts(members, path=data_dir / "posts.csv")
    before = snapshot(members)
    path = write(tmp_path / "bad.csv", "código;nombre;categoría;min;max;habilidad;aprendices;carga\n"
                                       "SIEM;Siembra;manual;4;6;;0;4\n"
                                       "NEW;Nuevo;gerencial;1;1;;0;1\n"
                                       "X1;;manual;3;2;;0;9\n"
                                       "SIEM;Otra vez;manual;1;1;;0;1\n"
                                       "Y 2;Con espacio;manual;uno;1;;-1;1\n")
    with pytest.raises(ProblemsFound) as caught:
        rotation.import_posts(members, path=path)
    lines = caught.value.lines()
    found = {(p.line, p.column) for p in caught.value.problems}
    assert (3, "categoría") in found  # unknown category
    assert {(4, "nombre"), (4, "max"), (4, "carga")} <= found
    assert (5, "código") in found  # the same code twice
    assert {(6, "código"), (6, "min"), (6, "aprendices")} <= found
    assert all(line.startswith(("Línea", "Line")) for line in lines)
    assert snapshot(members) == before


def test_posts_export_round_trips(members: Database, data_dir: Path, tmp_path: Path) -> None:
    rotation.import_posts(members, path=data_dir / "posts.csv")
    rotation.update_post(members, post_id=rotation.list_posts(members)[0].id, version=1, draft=PostDraft(
        code="CARG", name="Carga con montacargas", category=Category.MANUAL, min_members=2, max_members=2,
        skill="montacargas", trainee_slots=1, burden=5, place="Patio de carga", active=False))
    out = tmp_path / "posts.csv"
    assert rotation.export_posts(members, path=out, excel=True) == 11
    assert out.read_bytes().startswith("\ufeffcode;name;category;min;max;skill;trainee_slots;burden".encode())
    before = snapshot(members)
    summary = rotation.import_posts(members, path=out)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 11)
    assert snapshot(members) == before


def test_the_posts_editor_keeps_versions(db: Database) -> None:
    draft = PostDraft(code="SOLD", name="Soldadura", category=Category.MANUAL, min_members=1, max_members=2,
                      skill=" Soldadura ", trainee_slots=1, burden=4, place="Taller")
    post = rotation.create_post(db, draft=draft)
    assert (post.skill, post.version, post.place) == ("soldadura", 1, "Taller")
    edited = rotation.update_post(db, post_id=post.id, version=post.version,
                                  draft=PostDraft(**{**draft.__dict__, "burden": 5, "skill": "soldadura"}))
    assert (edited.burden, edited.version) == (5, 2)
    with pytest.raises(ConflictError):
        rotation.update_post(db, post_id=post.id, version=1, draft=draft)
    with pytest.raises(ProblemsFound) as caught:
        rotation.create_post(db, draft=PostDraft(code="SOLD", name="", category=Category.MANUAL, min_members=2,
                                                 max_members=1, burden=0))
    assert {p.column for p in caught.value.problems} == {"code", "name", "max", "burden"}
    assert rotation.get_post(db, post.id).burden == 5


def test_leave_import_is_idempotent(members: Database, data_dir: Path) -> None:
    summary = rotation.import_leave(members, path=data_dir / "leave.csv")
    assert (summary.created, summary.updated, summary.unchanged, summary.conflicts) == (6, 0, 0, ())
    before = snapshot(members)
    again = rotation.import_leave(members, path=data_dir / "leave.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert snapshot(members) == before
    m009 = rotation.list_leave(members, member_id=get_member_by_code(members, "M009").id)
    assert [(x.starts_on, x.ends_on, x.reason) for x in m009] == [(date(2027, 3, 11), date(2027, 3, 31),
                                                                   "reposo médico")]


def test_a_bad_leave_file_names_each_problem_and_writes_nothing(members: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "leave.csv", "member_code,from,to,reason\n"
                                         "M001,2027-01-04,2027-01-10,vacaciones\n"
                                         "M999,2027-01-04,2027-01-10,\n"
                                         "M002,2027-02-10,2027-02-01,\n"
                                         "M003,31/02/2027,2027-03-05,\n"
                                         "M001,2027-01-04,2027-01-10,otra vez\n", encoding="cp1252")
    with pytest.raises(ProblemsFound) as caught:
        rotation.import_leave(members, path=path)
    found = {(p.line, p.column) for p in caught.value.problems}
    assert found == {(3, "member_code"), (4, "to"), (5, "from"), (6, "member_code")}
    with members.read() as session:
        assert session.scalar(select(func.count(LeaveRecord.id))) == 0


def test_the_leave_calendar(members: Database) -> None:
    member = get_member_by_code(members, "M004")
    leave = rotation.add_leave(members, member_id=member.id, starts_on=date(2027, 5, 3), ends_on=date(2027, 5, 9),
                               reason=" vacaciones ")
    assert (leave.member_code, leave.reason) == ("M004", "vacaciones")
    with pytest.raises(ProblemsFound):
        rotation.add_leave(members, member_id=member.id, starts_on=date(2027, 5, 9), ends_on=date(2027, 5, 3))
    assert [x.id for x in rotation.list_leave(members, first=date(2027, 5, 9), last=date(2027, 6, 1))] == [leave.id]
    assert rotation.list_leave(members, first=date(2027, 5, 10)) == []
    rotation.remove_leave(members, leave_id=leave.id)
    assert rotation.list_leave(members, member_id=member.id) == []
