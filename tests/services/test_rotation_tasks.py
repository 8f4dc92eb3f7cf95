"""Weekly tasks per post: the all-or-nothing import, the roster grid's editing, and the task shown wherever a member
reads their week — `member_schedule`, the iCalendar event and the per-member roster PDF."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.persistence.database import Database
from coopdesk.services import rotation
from tests.services.learning_council import build

START = date(2027, 1, 4)


@pytest.fixture
def db(any_db: Database, data_dir: Path) -> Database:
    build(any_db, data_dir)
    rotation.plan_rotation(any_db, start=START, weeks=2)
    return any_db


def tasks_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tasks.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_tasks_import_once_and_again_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = tasks_file(tmp_path, "semana;puesto;tarea\n04/01/2027;MERC;Entregar 200 bolsas al Mercal el jueves\n"
                                "2027-01-11;MERC;Inventario de bolsas vacías\n")
    summary = rotation.import_tasks(db, path=path)
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    assert rotation.import_tasks(db, path=path).unchanged == 2
    grid = rotation.roster_grid(db, start=START, weeks=2)
    assert grid.weeks[0].tasks == {"MERC": "Entregar 200 bolsas al Mercal el jueves"}


def test_a_bad_tasks_file_names_each_line_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = tasks_file(tmp_path, "week,post,task\n2027-01-04,MERC,ok\n2027-01-05,MERC,not a Monday\n"
                                "2027-01-04,NOPE,no such post\n2027-01-11,SIEM,\n2027-01-04,MERC,twice\n"
                                f"2027-01-18,SIEM,{'x' * 1001}\n")
    with pytest.raises(ProblemsFound) as raised:
        rotation.import_tasks(db, path=path)
    assert [(p.line, p.column) for p in raised.value.problems] == [
        (3, "week"), (4, "post"), (5, "task"), (6, "post"), (7, "task")]
    assert rotation.roster_grid(db, start=START, weeks=2).weeks[0].tasks == {}


def test_a_member_reads_the_week_s_task_in_their_schedule_calendar_and_roster(db: Database) -> None:
    grid = rotation.roster_grid(db, start=START, weeks=1)
    member = grid.weeks[0].cells["MERC"][0].member_code
    assert rotation.set_task(db, week_start=START, post_code="MERC", task="  Entregar 200 bolsas  ") == \
        "Entregar 200 bolsas"
    week = rotation.member_schedule(db, member_code=member, first=START, weeks=1).weeks[0]
    assert week.task == "Entregar 200 bolsas"
    ics = rotation.member_calendar(db, member_code=member).decode()
    assert "Entregar 200 bolsas" in ics.replace("\r\n ", "")
    pdf = rotation.roster_report(db, start=START, weeks=1, lang="en", per_member=True)
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Task: Entregar 200 bolsas" in text.replace("\n", " ")
    assert rotation.set_task(db, week_start=START, post_code="MERC", task="") is None  # cleared
    assert rotation.member_schedule(db, member_code=member, first=START, weeks=1).weeks[0].task is None
    with pytest.raises(InvalidInput):
        rotation.set_task(db, week_start=date(2027, 1, 5), post_code="MERC", task="x")
