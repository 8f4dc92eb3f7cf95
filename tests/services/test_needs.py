"""Needs, commitments and incidents through the services, on SQLite and PostgreSQL: a need's whole life, the
checks that write nothing, and privacy as another member would meet it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.domain.needs import CommitmentState, IncidentKind, NeedKind, NeedState, Viewer
from coopdesk.domain.users import UserRole
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import NeedRecord
from coopdesk.services import meetings, needs
from tests.services.needs_council import approve, decide, fill

TODAY = date.today()


@pytest.fixture
def db(any_db: Database) -> Database:
    return any_db


@pytest.fixture
def meeting_id(db: Database) -> int:
    return fill(db)


def count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(NeedRecord)) or 0


def test_a_need_from_open_to_met(db: Database, meeting_id: int) -> None:
    need = needs.add_need(db, kind=NeedKind.FAMILY, member_code="M001", title="Tratamiento de la hija",
                          detail="Consulta de neurología", private=True)
    assert need.state is NeedState.OPEN and need.member_code == "M001"
    raised = needs.raise_need(db, need_id=need.id, meeting_id=meeting_id)
    assert raised.state is NeedState.RAISED and raised.raised_in == meeting_id
    item = meetings.meeting_detail(db, meeting_id).items[-1]
    assert item.title == "Tratamiento de la hija" and item.proposer is None  # private: the agenda names nobody
    decided = needs.decide_need(db, need_id=need.id, decision_id=decide(db, item.id, "Ayuda del fondo de salud"))
    assert decided.state is NeedState.DECIDED and decided.decision_id is not None
    met = needs.meet_need(db, need_id=need.id, on=TODAY, how="El fondo de salud pagó la consulta",
                          evidence="Factura 0042")
    assert met.state is NeedState.MET and met.met_on == TODAY and met.evidence == "Factura 0042"
    assert [n.id for n in needs.list_needs(db, viewer=Viewer.desk(), open_only=True)] == []


def test_a_community_need_names_no_member_and_a_personal_one_must(db: Database, meeting_id: int) -> None:
    water = needs.add_need(db, kind=NeedKind.COMMUNITY, title="Agua potable para el sector")
    assert water.member_code is None
    with pytest.raises(InvalidInput, match="member"):
        needs.add_need(db, kind=NeedKind.PERSONAL, title="Lentes")
    assert count(db) == 1


def test_bad_input_names_the_field_and_writes_nothing(db: Database, meeting_id: int, english: None) -> None:
    with pytest.raises(ProblemsFound) as raised:
        needs.add_need(db, kind=NeedKind.PERSONAL, member_code="M001", title=" ", detail="x" * 2001)
    assert [line.split(":")[0] for line in raised.value.lines()] == ["title", "detail"]
    with pytest.raises(InvalidInput) as raised:
        needs.add_need(db, kind=NeedKind.PERSONAL, member_code="M999", title="Lentes")
    assert "M999" in raised.value.translated()
    need = needs.add_need(db, kind=NeedKind.PERSONAL, member_code="M001", title="Lentes")
    with pytest.raises(ProblemsFound) as raised:
        needs.meet_need(db, need_id=need.id, on=TODAY + timedelta(days=1), how="Óptica")
    assert raised.value.lines()[0].startswith("on:") and "future" in raised.value.lines()[0]
    with pytest.raises(InvalidInput, match="not been raised"):
        needs.decide_need(db, need_id=need.id, decision_id=1)
    with pytest.raises(InvalidInput, match="no meeting"):
        needs.raise_need(db, need_id=need.id, meeting_id=999)
    assert needs.list_needs(db, viewer=Viewer.desk())[0].state is NeedState.OPEN
    assert len(meetings.meeting_detail(db, meeting_id).items) == 0
    needs.meet_need(db, need_id=need.id, on=TODAY, how="Óptica comunal")
    with pytest.raises(InvalidInput, match="already met"):
        needs.meet_need(db, need_id=need.id, on=TODAY, how="Otra vez")
    with pytest.raises(InvalidInput, match="not open"):
        needs.raise_need(db, need_id=need.id, meeting_id=meeting_id)


def test_a_decision_of_another_meeting_is_refused(db: Database, meeting_id: int) -> None:
    need = needs.add_need(db, kind=NeedKind.COMMUNITY, title="Alumbrado")
    needs.raise_need(db, need_id=need.id, meeting_id=meeting_id)
    from datetime import datetime

    from coopdesk.domain.meeting_record import MeetingDraft
    from coopdesk.domain.meetings import MeetingKind

    other = meetings.create_meeting(db, draft=MeetingDraft("Otra", MeetingKind.ORDINARY, datetime(2026, 12, 1, 9)))
    item = meetings.add_item(db, meeting_id=other.id, title="Varios")
    with pytest.raises(InvalidInput, match="not taken in the meeting"):
        needs.decide_need(db, need_id=need.id, decision_id=decide(db, item.id))


def test_another_members_private_need_shows_no_member_and_no_detail(db: Database, meeting_id: int,
                                                                    tmp_path: Path) -> None:
    private = needs.add_need(db, kind=NeedKind.PERSONAL, member_code="M001", title="Tratamiento",
                             detail="Diagnóstico reservado", private=True)
    public = needs.add_need(db, kind=NeedKind.PERSONAL, member_code="M002", title="Transporte")
    other_member = Viewer.of(UserRole.MEMBER, "M002")
    seen = {n.id: n for n in needs.list_needs(db, viewer=other_member)}
    assert seen[private.id].member_code is None and seen[private.id].member_name is None
    assert seen[private.id].detail == "" and seen[private.id].hidden
    assert seen[public.id].member_code == "M002"
    for viewer in (Viewer.of(UserRole.MEMBER, "M001"), Viewer.of(UserRole.SECRETARY, None),
                   Viewer.of(UserRole.ADMINISTRATOR, None), Viewer.desk()):
        mine = needs.needs_by_id(db, [private.id], viewer=viewer)[private.id]
        assert mine.member_code == "M001" and mine.detail == "Diagnóstico reservado"
    assert needs.needs_by_id(db, [private.id], viewer=Viewer.anonymous())[private.id].member_code is None
    needs.export_needs(db, path=tmp_path / "needs.csv", viewer=other_member)
    exported = (tmp_path / "needs.csv").read_text(encoding="utf-8")
    assert "Diagnóstico" not in exported and "M001" not in exported and "Transporte" in exported


def test_the_change_log_keeps_no_private_title(db: Database, meeting_id: int) -> None:
    from coopdesk.persistence.models import AuditEventRecord

    needs.add_need(db, kind=NeedKind.FAMILY, member_code="M001", title="Quimioterapia de la madre", private=True)
    with db.read() as session:
        events = " ".join(str(e.after_json) for e in session.scalars(select(AuditEventRecord)))
    assert "Quimioterapia" not in events


def test_commitments_overdue_and_done(db: Database, meeting_id: int) -> None:
    item = meetings.add_item(db, meeting_id=meeting_id, title="Salud en planta")
    decision = decide(db, item.id)
    late = needs.add_commitment(db, owed_by="Gerencia", what="Paramédico en planta", due=TODAY - timedelta(days=90),
                                decision_id=decision)
    soon = needs.add_commitment(db, owed_by="Ministerio del Trabajo", what="Inspección", due=TODAY + timedelta(days=5))
    assert late.overdue(TODAY) and late.days_overdue(TODAY) == 90 and not soon.overdue(TODAY)
    assert [c.id for c in needs.list_commitments(db, overdue_only=True)] == [late.id]
    done = needs.mark_done(db, commitment_id=late.id, on=TODAY, evidence="Contrato del paramédico")
    assert done.state is CommitmentState.DONE and not done.overdue(TODAY)
    assert needs.list_commitments(db, overdue_only=True) == []
    with pytest.raises(InvalidInput, match="already done"):
        needs.mark_done(db, commitment_id=late.id, on=TODAY)
    with pytest.raises(InvalidInput, match="no decision"):
        needs.add_commitment(db, owed_by="Gerencia", what="x", due=TODAY, decision_id=999)
    assert len(needs.list_commitments(db)) == 2
    assert needs.fund_arrears_commitments(db) == []  # no fund is paid by management here


def test_a_past_years_report_tells_what_was_overdue_and_open_at_its_end(db: Database, meeting_id: int) -> None:
    from coopdesk.services.needs.printing import needs_year

    last_year = TODAY.year - 1
    clinic = needs.add_commitment(db, owed_by="Gerencia", what="Clínica", due=date(last_year, 6, 1),
                                  created_on=date(last_year, 3, 1))
    roof = needs.add_need(db, kind=NeedKind.COMMUNITY, title="Techo de la escuela", created_on=date(last_year, 2, 1))
    needs.mark_done(db, commitment_id=clinic.id, on=TODAY)
    needs.meet_need(db, need_id=roof.id, on=TODAY, how="Asamblea con el consejo comunal")
    past = needs_year(db, year=last_year)
    (overdue,) = past.overdue  # done this year, so still owed when last year closed
    assert overdue.id == clinic.id and overdue.days_overdue(past.today) == (date(last_year, 12, 31)
                                                                           - date(last_year, 6, 1)).days
    assert [n.id for n in past.open_needs] == [roof.id] and past.commitments_done == ()
    now = needs_year(db, year=TODAY.year)
    assert now.overdue == () and now.open_needs == () and [c.id for c in now.commitments_done] == [clinic.id]


def test_a_follow_up_action_may_be_owed_by_an_outside_party(db: Database, meeting_id: int) -> None:
    item = meetings.add_item(db, meeting_id=meeting_id, title="Salud")
    action = meetings.add_action(db, decision_id=decide(db, item.id), description="Contratar un paramédico",
                                 owed_by="  La   gerencia ")
    assert action.owed_by == "La gerencia" and action.responsible is None
    assert meetings.open_actions(db)[0].action.owed_by == "La gerencia"


def test_an_incident_raises_a_commitment_and_hides_who_was_affected(db: Database, meeting_id: int) -> None:
    incident = needs.add_incident(db, on=TODAY, kind=IncidentKind.NEAR_MISS, what="Montacargas sin frenos",
                                  member_code="M003", actions="Parar el montacargas")
    commitment = needs.add_commitment(db, owed_by="Gerencia", what="Reparar los frenos", due=TODAY,
                                      incident_id=incident.id)
    listed = needs.list_incidents(db, viewer=Viewer.of(UserRole.MEMBER, "M002"))
    assert listed[0].member_code is None and listed[0].hidden and listed[0].commitment_id == commitment.id
    assert needs.list_incidents(db, viewer=Viewer.of(UserRole.MEMBER, "M003"))[0].member_code == "M003"
    assert needs.list_incidents(db, viewer=Viewer.desk())[0].member_code == "M003"
    with pytest.raises(ProblemsFound):
        needs.add_incident(db, on=TODAY, kind=IncidentKind.HAZARD, what="")


def test_the_letter_cites_the_approved_acta(db: Database, meeting_id: int) -> None:
    item = meetings.add_item(db, meeting_id=meeting_id, title="Salud")
    decision = decide(db, item.id)
    commitment = needs.add_commitment(db, owed_by="Gerencia", what="Paramédico", due=TODAY - timedelta(days=3),
                                      decision_id=decision)
    from coopdesk.services.needs.printing import commitment_letter

    draft = commitment_letter(db, commitment_id=commitment.id)
    assert draft.verification_code is None and draft.decision_text == "Exigir a la gerencia un paramédico en planta"
    code = approve(db, meeting_id)
    letter = commitment_letter(db, commitment_id=commitment.id)
    assert letter.verification_code == code and letter.meeting_title == "Asamblea de salud"


def test_an_outside_partys_action_is_sealed_with_the_minutes(db: Database, meeting_id: int) -> None:
    from sqlalchemy import update

    from coopdesk.persistence.models import FollowUpActionRecord
    from coopdesk.services.verify import verify_database
    from tests.reports.helpers import pdf_text

    item = meetings.add_item(db, meeting_id=meeting_id, title="Salud")
    meetings.add_action(db, decision_id=decide(db, item.id), description="Contratar un paramédico",
                        owed_by="Gerencia de la EPS")
    approve(db, meeting_id)
    assert "Gerencia de la EPS" in pdf_text(meetings.assembly_report(db, meeting_id=meeting_id, lang="es"))
    assert verify_database(db).sound
    with db.write() as session:
        session.execute(update(FollowUpActionRecord).values(owed_by="Otra parte"))
    assert not verify_database(db).sound
