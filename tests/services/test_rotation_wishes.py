"""Members' wishes: the all-or-nothing import, the planner following them inside the fairness, and the count of
wishes met in the plan's outcome and its fairness view."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coopdesk.domain.errors import ProblemsFound
from coopdesk.domain.learning import Wish
from coopdesk.persistence.database import Database
from coopdesk.services import rotation
from tests.services.learning_council import build


@pytest.fixture
def db(any_db: Database, data_dir: Path) -> Database:
    build(any_db, data_dir)
    return any_db


def wishes_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wishes.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_wishes_import_once_and_again_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = wishes_file(tmp_path, "código;puesto;deseo;motivo\nM001;CONT;aprender;quiero llevar las cuentas\n"
                                 "M002;LIMP;evitar;alergia al cloro\n")
    summary = rotation.import_wishes(db, path=path)
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    assert rotation.import_wishes(db, path=path).unchanged == 2
    wishes = rotation.list_wishes(db)
    assert [(w.member_code, w.post_code, w.wish, w.reason) for w in wishes] == [
        ("M001", "CONT", Wish.LEARN, "quiero llevar las cuentas"), ("M002", "LIMP", Wish.AVOID, "alergia al cloro")]


def test_a_bad_wishes_file_names_each_line_and_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = wishes_file(tmp_path, "member_code,post,wish,reason\nM001,CONT,learn,\nM999,CONT,learn,\n"
                                 "M002,NOPE,avoid,\nM003,CONT,maybe,\nM001,CONT,avoid,\n")
    with pytest.raises(ProblemsFound) as raised:
        rotation.import_wishes(db, path=path)
    assert [(p.line, p.column) for p in raised.value.problems] == [
        (3, "member_code"), (4, "post"), (5, "wish"), (6, "post")]
    assert rotation.list_wishes(db) == []


def test_the_plan_follows_wishes_without_losing_fairness(db: Database, tmp_path: Path) -> None:
    plain = rotation.plan_rotation(db, start=date(2027, 1, 4), weeks=12)
    before = plain.figures
    rotation.discard_plan(db, plan_id=plain.plan.id)
    # each member wishes to learn the posts they held least in the plan without wishes (a wish that costs)
    rows = "".join(f"M{i:03d},PLAN,learn,\nM{i:03d},SIEM,avoid,\n" for i in range(1, 9))
    rotation.import_wishes(db, path=wishes_file(tmp_path, "member_code,post,wish,reason\n" + rows))
    outcome = rotation.plan_rotation(db, start=date(2027, 1, 4), weeks=12)
    after = outcome.figures
    assert after.category_deviation <= after.floor + 0.005
    assert after.burden_deviation <= after.burden_target + 0.005
    assert after.quarter_misses <= before.quarter_misses
    assert after.never_did_a_category <= before.never_did_a_category
    assert outcome.wishes.wishes == 16 and outcome.wishes.learn == 8
    assert outcome.wishes.learn_met >= 1
    view = rotation.plan_fairness(db, plan_id=outcome.plan.id)
    assert view.wishes == outcome.wishes
