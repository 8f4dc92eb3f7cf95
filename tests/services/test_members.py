from __future__ import annotations

from datetime import date

import pytest

from coopdesk.domain.errors import ConflictError, NotFound, ProblemsFound
from coopdesk.domain.members import Body, MemberDraft, MemberStatus
from coopdesk.persistence.database import Database
from coopdesk.services import members as service
from coopdesk.services.overview import MemberFilter, MemberSort, member_ids, members_by_id


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db  # these tests run on SQLite and on PostgreSQL


def draft(code: str = "M001", name: str = "Rosa Yusbelis Rojas", **changes: object) -> MemberDraft:
    values: dict[str, object] = {
        "code": code, "full_name": name, "body": Body.WORKER, "joined_on": date(2015, 3, 1), "voting": True,
    }
    values.update(changes)
    return MemberDraft(**values)  # type: ignore[arg-type]


def test_add_and_read_back(db: Database) -> None:
    created = service.create_member(db, draft=draft(national_id="V-21981216", skills=("cocina", "montacargas")))
    detail = service.get_member(db, created.id)
    assert detail.member.full_name == "Rosa Yusbelis Rojas"
    assert detail.member.skills == ("cocina", "montacargas")
    assert [change.status for change in detail.history] == [MemberStatus.ACTIVE]


def test_bad_fields_are_refused_with_one_problem_each(db: Database) -> None:
    with pytest.raises(ProblemsFound) as raised:
        service.create_member(db, draft=draft(code="M 1", name=" ", email="no-at-sign"))
    assert {problem.column for problem in raised.value.problems} == {"code", "full_name", "email"}
    assert service.count_members(db) == 0


def test_codes_and_national_ids_are_unique(db: Database) -> None:
    service.create_member(db, draft=draft(national_id="V-1234567"))
    with pytest.raises(ProblemsFound) as raised:
        service.create_member(db, draft=draft(national_id="V-1234567", name="Otra"))
    assert {problem.column for problem in raised.value.problems} == {"code", "national_id"}


def test_a_status_change_is_kept_in_the_history(db: Database) -> None:
    member = service.create_member(db, draft=draft())
    service.update_member(
        db, member_id=member.id, version=member.version, draft=draft(status=MemberStatus.SUSPENDED),
        status_note="falta grave", status_changed_on=date(2026, 5, 4),
    )
    history = service.get_member(db, member.id).history
    assert [(c.status, c.note) for c in history] == [
        (MemberStatus.ACTIVE, None), (MemberStatus.SUSPENDED, "falta grave")]
    assert history[-1].changed_on == date(2026, 5, 4)


def test_a_stale_edit_is_a_conflict_and_overwrites_nothing(db: Database) -> None:
    member = service.create_member(db, draft=draft())
    service.update_member(db, member_id=member.id, version=member.version, draft=draft(name="Primera"))
    with pytest.raises(ConflictError):
        service.update_member(db, member_id=member.id, version=member.version, draft=draft(name="Segunda"))
    assert service.get_member(db, member.id).member.full_name == "Primera"


def test_search_ignores_case_and_accents(db: Database) -> None:
    service.create_member(db, draft=draft("M001", "Ángel Núñez Piñero"))
    service.create_member(db, draft=draft("M002", "Rosa Rojas", body=Body.STATE, voting=False))
    found = member_ids(db, member_filter=MemberFilter(search="angel nunez"))
    assert [members_by_id(db, found)[i].code for i in found] == ["M001"]
    assert member_ids(db, member_filter=MemberFilter(search="100%")) == []
    assert len(member_ids(db, member_filter=MemberFilter(body=Body.STATE))) == 1


def test_sorting_by_name_descending(db: Database) -> None:
    for code, name in (("M1", "Beatriz"), ("M2", "Ana"), ("M3", "Carlos")):
        service.create_member(db, draft=draft(code, name))
    ids = member_ids(db, sort=MemberSort.NAME, descending=True)
    rows = members_by_id(db, ids)
    assert [rows[i].full_name for i in ids] == ["Carlos", "Beatriz", "Ana"]


def test_unknown_member(db: Database) -> None:
    with pytest.raises(NotFound):
        service.get_member_by_code(db, "NOPE")
