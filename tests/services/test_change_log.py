"""The change log: every edit of members, posts, rates, funds and council settings, with who and before → after."""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from coopdesk.domain.errors import ConflictError, InvalidInput, ProblemsFound
from coopdesk.domain.members import Body, MemberDraft, MemberStatus
from coopdesk.domain.rotation import Category
from coopdesk.domain.settings import Council
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AuditEventRecord
from coopdesk.services import change_log, ledger
from coopdesk.services.change_log import FieldChange, record_history, set_signed_in_user
from coopdesk.services.council import council_version, get_council, save_council
from coopdesk.services.demo_ledger import demo_motion
from coopdesk.services.member_import import import_members
from coopdesk.services.members import create_member, get_member, update_member
from coopdesk.services.rotation import PostDraft, create_post, import_posts, update_post
from coopdesk.services.verify import verify_database

ANA = MemberDraft("M001", "Ana Pérez", Body.WORKER, date(2020, 1, 1), True, phone="0414-1234567")


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture(autouse=True)
def nobody_signed_in():  # type: ignore[no-untyped-def]
    set_signed_in_user(None)
    yield
    set_signed_in_user(None)


def events(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(AuditEventRecord.id))) or 0


def changes(entry: change_log.ChangeEntry) -> dict[str, tuple[object, object]]:
    return {change.field: (change.before, change.after) for change in entry.changes}


def test_a_member_page_shows_who_changed_what_and_when(db: Database) -> None:
    member = create_member(db, draft=ANA)
    set_signed_in_user("secretaria")
    update_member(db, member_id=member.id, version=member.version,
                  draft=replace(ANA, full_name="Ana María Pérez", phone=None, status=MemberStatus.SUSPENDED),
                  status_note="Falta grave")
    created, edited = record_history(db, entity="member", entity_id=member.id)
    assert created.created and created.action == "member.create"
    assert created.actor == getpass.getuser()  # nobody signed in: the account of the computer
    assert changes(created)["full_name"] == (None, "Ana Pérez")
    assert "national_id" not in changes(created)  # a new record keeps only its filled fields
    assert edited.action == "member.update" and edited.actor == "secretaria"
    assert changes(edited) == {  # only what changed, before → after
        "full_name": ("Ana Pérez", "Ana María Pérez"),
        "phone": ("0414-1234567", None),
        "status": ("active", "suspended"),
    }
    assert edited.occurred_at.tzinfo is not None and edited.occurred_at >= created.occurred_at
    assert verify_database(db).sound


def test_a_save_that_changes_nothing_records_nothing(db: Database) -> None:
    member = create_member(db, draft=ANA)
    again = update_member(db, member_id=member.id, version=member.version, draft=ANA)
    assert again.version == member.version
    assert len(record_history(db, entity="member", entity_id=member.id)) == 1


def test_a_change_of_skills_alone_is_logged_and_bumps_the_version(db: Database) -> None:
    member = create_member(db, draft=ANA)
    saved = update_member(db, member_id=member.id, version=member.version, draft=replace(ANA, skills=("cocina",)))
    assert saved.version == member.version + 1  # else a second secretary's save would silently win
    assert changes(record_history(db, entity="member", entity_id=member.id)[-1]) == {"skills": ([], ["cocina"])}
    with pytest.raises(ConflictError):
        update_member(db, member_id=member.id, version=member.version, draft=replace(ANA, skills=("riego",)))
    assert get_member(db, member.id).member.skills == ("cocina",)


def test_a_refused_edit_leaves_no_trace(db: Database) -> None:
    member = create_member(db, draft=ANA)
    other = create_member(db, draft=MemberDraft("M002", "Luis Rojas", Body.WORKER, date(2020, 1, 1), True))
    before = events(db)
    with pytest.raises(ProblemsFound):  # the code is taken: the edit and its log entry go together
        update_member(db, member_id=member.id, version=member.version, draft=replace(ANA, code=other.code))
    with pytest.raises(ConflictError):
        update_member(db, member_id=member.id, version=member.version + 5, draft=replace(ANA, full_name="Otra"))
    assert events(db) == before
    assert get_member(db, member.id).member.full_name == "Ana Pérez"


def test_an_import_logs_each_member_it_creates_or_changes(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text("code,full_name,body,joined_on,phone\nM001,Ana Pérez,worker,2020-01-01,0414\n"
                    "M002,Luis Rojas,worker,2021-05-01,\n", encoding="utf-8")
    import_members(db, path=path)
    path.write_text("code,full_name,body,joined_on,phone\nM001,Ana Pérez,worker,2020-01-01,0416\n"
                    "M002,Luis Rojas,worker,2021-05-01,\n", encoding="utf-8")
    before = events(db)
    assert import_members(db, path=path).updated == 1
    assert events(db) == before + 1
    ana = next(m for m in (get_member(db, i).member for i in (1, 2)) if m.code == "M001")
    history = record_history(db, entity="member", entity_id=ana.id)
    assert [entry.action for entry in history] == ["member.create", "member.update"]
    assert changes(history[-1]) == {"phone": ("0414", "0416")}
    import_members(db, path=path)  # the same file again: nothing changes, nothing is logged
    assert events(db) == before + 1
    assert verify_database(db).sound  # the batch is chained like any other event


def test_posts_are_logged_from_the_editor_and_from_files(db: Database, tmp_path: Path) -> None:
    post = create_post(db, draft=PostDraft("COC", "Cocina", Category.MANUAL, 1, 2))
    update_post(db, post_id=post.id, version=post.version,
                draft=PostDraft("COC", "Cocina comunal", Category.MANUAL, 1, 2, burden=3))
    with pytest.raises(ConflictError):
        update_post(db, post_id=post.id, version=post.version, draft=PostDraft("COC", "Otra", Category.MANUAL))
    path = tmp_path / "posts.csv"
    path.write_text("code,name,category,min,max,burden\nCOC,Cocina comunal,manual,1,3,3\n"
                    "RIE,Riego,manual,1,1,2\n", encoding="utf-8")
    import_posts(db, path=path)
    history = record_history(db, entity="post", entity_id=post.id)
    assert [entry.action for entry in history] == ["post.create", "post.update", "post.update"]
    assert changes(history[1]) == {"burden": (1, 3), "name": ("Cocina", "Cocina comunal")}
    assert changes(history[2]) == {"max_members": (2, 3)}
    assert verify_database(db).sound


def test_rates_and_funds_are_logged_with_their_actor(db: Database) -> None:
    create_member(db, draft=ANA)
    motion = demo_motion(db, text="Fijar la tarifa", day=date(2026, 12, 1))
    set_signed_in_user("tesorero")
    rate = ledger.set_rate(db, rate_cents=1000, effective_from=date(2027, 1, 1), motion_id=motion)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=500)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=700)
    ledger.save_fund(db, code="ahorro", name="Caja de ahorro", percent_hundredths=700)  # no change: no entry
    (rate_entry,) = record_history(db, entity="hourly_rate", entity_id=rate.id)
    assert rate_entry.actor == "tesorero" and changes(rate_entry)["rate_cents"] == (None, 1000)
    _created, edited = record_history(db, entity="fund", entity_id="ahorro")
    assert changes(edited) == {"percent_hundredths": (500, 700)} and edited.actor == "tesorero"


def test_council_settings_are_logged_and_checked_against_the_version_edited(db: Database) -> None:
    assert council_version(db) == 0
    save_council(db, council=Council("Consejo de Trabajadores de La Esperanza"), version=0)
    version = council_version(db)
    save_council(db, council=Council("Consejo de Trabajadores de La Esperanza", address="Barquisimeto"),
                 version=version)
    with pytest.raises(ConflictError):  # someone else saved after this form was opened
        save_council(db, council=Council("Otro nombre"), version=version)
    assert get_council(db).name == "Consejo de Trabajadores de La Esperanza"
    _created, edited = record_history(db, entity="council", entity_id=1)
    assert changes(edited) == {"address": (None, "Barquisimeto")}


def test_the_log_cannot_be_rewritten(db: Database) -> None:
    member = create_member(db, draft=ANA)
    with pytest.raises(InvalidInput), db.write() as session:
        session.execute(delete(AuditEventRecord).where(AuditEventRecord.entity_id == str(member.id)))
    assert len(record_history(db, entity="member", entity_id=member.id)) == 1


def test_values_are_kept_as_plain_json() -> None:
    assert change_log.changed_fields({"on": date(2026, 1, 2), "body": Body.STATE, "x": ""},
                                     {"on": date(2026, 1, 3), "body": Body.STATE, "x": None}) == (
        {"on": "2026-01-02"}, {"on": "2026-01-03"})
    assert change_log.ChangeEntry(1, None, None, "post.create", (FieldChange("a", None, 1),)).created  # type: ignore[arg-type]
