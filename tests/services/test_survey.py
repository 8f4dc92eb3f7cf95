"""The learning survey: areas, waves, the all-or-nothing import with line numbers, the member's own answers, and
the summary that shows no mean for a group of fewer than five answers (anonymous in aggregate)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coopdesk.domain.errors import InvalidInput, ProblemsFound
from coopdesk.persistence.database import Database
from coopdesk.persistence.models import AuditEventRecord, SurveyAnswerRecord
from coopdesk.services import survey
from coopdesk.services.member_import import import_members


@pytest.fixture
def db(any_db: Database, data_dir: Path) -> Database:
    import_members(any_db, path=data_dir / "members.csv")
    survey.add_default_areas(any_db)  # the shared server's tables are emptied between tests, seeds included
    return any_db


def answers_file(tmp_path: Path, rows: list[tuple[str, str, object]], name: str = "answers.csv") -> Path:
    path = tmp_path / name
    path.write_text("member_code;area;score\n" + "".join(f"{m};{a};{s}\n" for m, a, s in rows), encoding="utf-8")
    return path


def count_answers(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(SurveyAnswerRecord)) or 0


def test_a_new_database_has_the_fourteen_default_areas(db_path: Path) -> None:
    from coopdesk.bootstrap import open_database

    fresh = open_database(db_path.with_name("fresh.sqlite3"))
    try:
        assert len(survey.list_areas(fresh)) == 14
        assert survey.add_default_areas(fresh) == 0
    finally:
        fresh.dispose()


def test_the_default_areas_are_fourteen_in_spanish_and_english(db: Database) -> None:
    areas = survey.list_areas(db)
    assert len(areas) == 14
    assert areas[0].name("es") == "Conocimiento de las necesidades propias"
    assert areas[0].name("en") == "Knowledge of one's own needs"
    assert {"planning", "decision_making", "health_safety", "rights_laws", "technical"} <= {a.code for a in areas}


def test_the_council_adds_renames_and_retires_areas(db: Database) -> None:
    survey.save_area(db, code="ecology", name_es="Ambiente", name_en="Environment")
    survey.save_area(db, code="own_needs", name_es="Mis necesidades", name_en="My needs", active=False)
    codes = [a.code for a in survey.list_areas(db, active_only=True)]
    assert codes[-1] == "ecology" and "own_needs" not in codes
    with pytest.raises(InvalidInput):
        survey.save_area(db, code="bad code", name_es="x", name_en="x")


def test_a_group_under_five_answers_shows_its_count_and_no_mean(db: Database, tmp_path: Path) -> None:
    wave = survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    rows = [(f"M00{i}", "planning", score) for i, score in zip(range(1, 6), (3, 4, 4, 5, 2), strict=True)]
    rows += [(f"M00{i}", "Toma de decisiones", 5) for i in range(1, 5)]  # four answers: a small group
    summary = survey.import_answers(db, wave_id=wave.id, path=answers_file(tmp_path, rows))
    assert (summary.created, summary.members) == (9, 5)
    result = survey.survey_summary(db)
    assert result.result(wave.id, "planning").n == 5
    assert result.result(wave.id, "planning").mean == Decimal("3.60")
    small = result.result(wave.id, "decision_making")
    assert (small.n, small.mean) == (4, None)
    as_json = result.as_dict()["waves"][0]["areas"]
    assert {"area": "decision_making", "n": 4, "mean": None} in as_json
    assert {"area": "planning", "n": 5, "mean": 3.6} in as_json


def test_the_share_who_improved_between_waves(db: Database, tmp_path: Path) -> None:
    first = survey.open_wave(db, name="2026", opened_on=date(2026, 1, 15))
    second = survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    codes = [f"M00{i}" for i in range(1, 7)]
    survey.import_answers(db, wave_id=first.id, path=answers_file(tmp_path, [(c, "cooperation", 2) for c in codes]))
    later = [(c, "cooperation", 3 if i < 4 else 2) for i, c in enumerate(codes)]  # four of six rose
    later += [(c, "community", 4) for c in codes[:3]]
    survey.import_answers(db, wave_id=second.id, path=answers_file(tmp_path, later, "b.csv"))
    result = survey.survey_summary(db)
    change = result.improvement(second.id, "cooperation")
    assert (change.n, change.improved) == (6, Decimal("0.67"))
    assert result.improvement(second.id, "community").improved is None  # nobody answered it the year before
    assert result.improvement(first.id, "cooperation") is None


def test_a_bad_file_writes_nothing_and_names_each_line(db: Database, tmp_path: Path) -> None:
    wave = survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    path = answers_file(tmp_path, [("M001", "planning", 4), ("M999", "planning", 3), ("M002", "astrology", 3),
                                   ("M003", "planning", 6), ("M001", "Planificación del trabajo", 2),
                                   ("M004", "planning", "")])
    with pytest.raises(ProblemsFound) as raised:
        survey.import_answers(db, wave_id=wave.id, path=path)
    where = [(p.line, p.column) for p in raised.value.problems]
    assert where == [(3, "member_code"), (4, "area"), (5, "score"), (6, "area"), (7, "score")]
    assert count_answers(db) == 0
    with pytest.raises(InvalidInput, match="wave"):
        survey.import_answers(db, wave_id=99, path=answers_file(tmp_path, [("M001", "planning", 4)]))


def test_reimporting_changes_nothing_and_a_new_score_replaces_the_old(db: Database, tmp_path: Path) -> None:
    wave = survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    path = answers_file(tmp_path, [("M001", "planning", 4), ("M002", "planning", 3)])
    survey.import_answers(db, wave_id=wave.id, path=path)
    again = survey.import_answers(db, wave_id=wave.id, path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = survey.import_answers(db, wave_id=wave.id, path=answers_file(tmp_path, [("M001", "planning", 5)]))
    assert (changed.created, changed.updated) == (0, 1)
    assert survey.my_answers(db, member_code="M001", wave_id=wave.id) == {"planning": 5}


def test_answers_are_private_to_the_member_and_kept_out_of_the_audit_chain(db: Database) -> None:
    wave = survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    scores = {"planning": 2, "cooperation": 5}
    assert survey.save_my_answers(db, member_code="M001", wave_id=wave.id, scores=scores) == 2
    assert survey.my_answers(db, member_code="M001", wave_id=wave.id) == {"planning": 2, "cooperation": 5}
    assert survey.my_answers(db, member_code="M002", wave_id=wave.id) == {}
    with pytest.raises(ProblemsFound):
        survey.save_my_answers(db, member_code="M001", wave_id=wave.id, scores={"planning": 0})
    with db.read() as session:
        details = " ".join(str(event.after_json) for event in session.scalars(
            select(AuditEventRecord).where(AuditEventRecord.entity == "survey_wave")))
    assert "planning" not in details and "cooperation" not in details
    # one member's answers alone never show a mean, however the summary is read
    assert survey.survey_summary(db).result(wave.id, "planning").mean is None


def test_a_wave_name_is_unique(db: Database) -> None:
    survey.open_wave(db, name="2027", opened_on=date(2027, 1, 15))
    with pytest.raises(InvalidInput, match="already"):
        survey.open_wave(db, name="2027", opened_on=date(2027, 2, 1))
