"""The home page's reads go around the mapped classes: they must name what the schema has, and show the next
assembly, pending agreements, overdue commitments, open needs and the member's week — on both backends."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from coopdesk.domain.meeting_record import MeetingDraft
from coopdesk.domain.meetings import MeetingKind
from coopdesk.domain.needs import NeedKind
from coopdesk.persistence.models import load_all
from coopdesk.services import home, meetings, needs
from tests.services.needs_council import decide, fill

TODAY = date.today()


def test_the_home_reads_name_tables_and_columns_of_the_schema() -> None:
    schema = load_all().metadata.tables
    for light in (home.MEETINGS, home.AGENDA, home.DECISIONS, home.ACTIONS, home.COMMITMENTS, home.NEEDS,
                  home.MEMBERS, home.PLANS, home.ASSIGNMENTS, home.POSTS):
        mapped = schema[light.name]
        for column in light.columns:
            assert column.name in mapped.columns, f"{light.name}.{column.name}"


def test_what_the_home_page_shows(any_db) -> None:  # type: ignore[no-untyped-def]
    past = fill(any_db)
    item = meetings.add_item(any_db, meeting_id=past, title="Salud")
    meetings.add_action(any_db, decision_id=decide(any_db, item.id), description="Pedir el paramédico",
                        owed_by="Gerencia", due_on=TODAY - timedelta(days=3))
    upcoming = meetings.create_meeting(any_db, draft=MeetingDraft(
        "Asamblea de enero", MeetingKind.ORDINARY, datetime.combine(TODAY + timedelta(days=4), time(9)), "Comedor"))
    meetings.add_item(any_db, meeting_id=upcoming.id, title="Informe de la clínica")
    for day in (30, 10, 1):
        needs.add_commitment(any_db, owed_by="Gerencia", what=f"Compromiso {day}", due=TODAY - timedelta(days=day))
    needs.add_commitment(any_db, owed_by="Gerencia", what="A tiempo", due=TODAY + timedelta(days=1))
    needs.add_need(any_db, kind=NeedKind.COMMUNITY, title="Agua")
    shown = home.read_home(any_db)
    assert shown.next_assembly is not None and shown.next_assembly.id == upcoming.id
    assert shown.next_assembly.agenda == ("Informe de la clínica",)
    assert [line.text for line in shown.pending_agreements] == ["Pedir el paramédico (Gerencia)"]
    assert shown.pending_agreements[0].record_id == past and shown.pending_agreements[0].days_late == 3
    assert [line.days_late for line in shown.overdue_commitments] == [30, 10, 1] and shown.overdue_count == 3
    assert shown.open_needs == {"community": 1}
    assert shown.my_week == ()  # nobody signed in


def test_the_signed_in_members_post_this_week_matches_their_schedule(db) -> None:  # type: ignore[no-untyped-def]
    from coopdesk.services.demo import create_demo
    from coopdesk.services.rotation.views import member_schedule

    create_demo(db, members=30, years=1, today=TODAY)
    weeks = []
    for code in ("M001", "M002", "M003"):
        schedule = member_schedule(db, member_code=code, weeks=1)
        published = tuple(week.post.name for week in schedule.weeks if week.published)
        weeks.append(home.read_home(db, member_code=code).my_week)
        assert weeks[-1] == published
    assert any(weeks)
    shown = home.read_home(db, member_code="M001")
    assert shown.next_assembly is not None and shown.overdue_count >= 1  # the demo's story: the clinic
