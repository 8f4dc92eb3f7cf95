"""`survey …`, `skills …` and `council set plans-need-decision` at the command line: ids on the last line, exit
3 with nothing written on bad input, and no mean for a group of fewer than five answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coopdesk import cli


def answers(db: str) -> int:
    with sqlite3.connect(db) as con:
        count = con.execute("select count(*) from survey_answers").fetchone()[0]
    con.close()
    return count


@pytest.fixture
def council(tmp_path: Path, data_dir: Path) -> str:
    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    return db


def test_a_wave_its_answers_and_the_summary(council: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert cli.main(["--db", council, "survey", "wave", "open", "Encuesta 2027", "--on", "15/01/2027"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1"
    path = tmp_path / "a.csv"
    path.write_text("código;área;puntaje\n" + "".join(f"M00{i};planning;{i}\n" for i in range(1, 6))
                    + "M001;Toma de decisiones;4\n", encoding="cp1252")
    assert cli.main(["--db", council, "survey", "import", "1", str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["--db", council, "survey", "summary", "--json"]) == 0
    areas = {row["area"]: row for row in json.loads(capsys.readouterr().out)["waves"][0]["areas"]}
    assert areas["planning"] == {"area": "planning", "n": 5, "mean": 3.0}
    assert areas["decision_making"] == {"area": "decision_making", "n": 1, "mean": None}
    assert cli.main(["--db", council, "--lang", "en", "survey", "summary"]) == 0
    text = capsys.readouterr().out
    assert "Planning the work" in text and "3.00" in text
    assert "no mean (fewer than 5 answers)" in text
    assert cli.main(["--db", council, "survey", "areas", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 14 and listed[0]["name_en"] == "Knowledge of one's own needs"


def test_a_bad_answers_file_exits_3_and_writes_nothing(council: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", council, "survey", "wave", "open", "2027", "--on", "2027-01-15"]) == 0
    path = tmp_path / "a.csv"
    path.write_text("member_code,area,score\nM001,planning,4\nM002,planning,9\n", encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "survey", "import", "1", str(path)]) == 3
    assert "Line 3, column score" in capsys.readouterr().err
    assert answers(council) == 0
    assert cli.main(["--db", council, "survey", "import", "7", str(path)]) == 3
    assert cli.main(["--db", council, "survey", "wave", "open", "2028", "--on", "mañana"]) == 2


def meeting_file(tmp_path: Path) -> Path:
    from tests.services.learning_council import meeting

    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(meeting([("Reconocer la formación en contabilidad", 8, 1), ("Otra cosa", 1, 8)])),
                    encoding="utf-8")
    return path


def test_skills_grant_and_history(council: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", council, "meeting", "import", str(meeting_file(tmp_path))]) == 0
    capsys.readouterr()
    assert cli.main(["--db", council, "skills", "grant", "M005", "contabilidad", "--on", "2027-03-01", "--how",
                     "council"]) == 3  # a council grant needs its motion
    assert cli.main(["--db", council, "skills", "grant", "M005", "contabilidad", "--on", "2027-03-01", "--how",
                     "council", "--motion", "2"]) == 3  # that did not pass
    assert cli.main(["--db", council, "skills", "grant", "M005", "contabilidad", "--on", "2027-03-01", "--how",
                     "school"]) == 2
    assert cli.main(["--db", council, "skills", "grant", "M005", "contabilidad", "--on", "2027-03-01", "--how",
                     "council", "--motion", "1"]) == 0
    assert cli.main(["--db", council, "skills", "grant", "M005", "cocina", "--on", "2027-01-10", "--how",
                     "course"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", council, "skills", "history", "M005", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert history["grants"] == [{"skill": "cocina", "on": "2027-01-10", "how": "course", "motion_id": None},
                                 {"skill": "contabilidad", "on": "2027-03-01", "how": "council", "motion_id": 1}]
    assert cli.main(["--db", council, "--lang", "en", "skills", "history", "M005"]) == 0
    assert "Mar 1, 2027: contabilidad, council grant — motion 1" in capsys.readouterr().out
    assert cli.main(["--db", council, "skills", "history", "M999"]) == 3


def test_plans_need_a_decision_of_the_council(council: str, tmp_path: Path, data_dir: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", council, "posts", "import", str(data_dir / "posts.csv")]) == 0
    assert cli.main(["--db", council, "meeting", "import", str(meeting_file(tmp_path))]) == 0
    assert cli.main(["--db", council, "council", "set", "plans-need-decision", "yes"]) == 0
    assert cli.main(["--db", council, "council", "set", "plans-need-decision", "maybe"]) == 2
    assert cli.main(["--db", council, "rotation", "plan", "--start", "2027-01-04", "--weeks", "4"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "publish", "1"]) == 3
    assert "--motion" in capsys.readouterr().err
    assert cli.main(["--db", council, "rotation", "publish", "1", "--motion", "2"]) == 3  # rejected
    assert cli.main(["--db", council, "rotation", "publish", "1", "--motion", "1"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", council, "rotation", "list"]) == 0
    assert capsys.readouterr().out.split("\t")[-1].strip() in ("moción 1", "motion 1")
    assert cli.main(["--db", council, "meeting", "show", "1", "--json"]) == 0
    motions = {m["id"]: m for m in json.loads(capsys.readouterr().out)["motions"]}
    assert motions[1]["rotation_plan"] == 1 and "rotation_plan" not in motions[2]
    assert cli.main(["--db", council, "council", "set", "plans-need-decision", "no"]) == 0
    assert cli.main(["--db", council, "rotation", "plan", "--start", "2027-02-01", "--weeks", "1"]) == 0
    assert cli.main(["--db", council, "rotation", "publish", "2"]) == 0


def test_a_joint_body_motion_does_not_publish_a_plan(council: str, tmp_path: Path, data_dir: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from tests.services.learning_council import meeting

    joint = tmp_path / "joint.json"
    joint.write_text(json.dumps(meeting([("Aprobar el plan de rotación", 9, 0)], organ="joint")), encoding="utf-8")
    assert cli.main(["--db", council, "posts", "import", str(data_dir / "posts.csv")]) == 0
    assert cli.main(["--db", council, "meeting", "import", str(joint)]) == 0
    assert cli.main(["--db", council, "council", "set", "plans-need-decision", "yes"]) == 0
    assert cli.main(["--db", council, "rotation", "plan", "--start", "2027-01-04", "--weeks", "2"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "publish", "1", "--motion", "1"]) == 3
    err = capsys.readouterr().err
    assert "Motion 1 was voted in the joint co-management assembly" in err and "Workers' Council" in err
    assert cli.main(["--db", council, "--lang", "es", "rotation", "publish", "1", "--motion", "1"]) == 3
    assert "Consejo de Trabajadores" in capsys.readouterr().err
    assert cli.main(["--db", council, "--lang", "en", "rotation", "publish", "1"]) == 3
    assert "--motion" in capsys.readouterr().err  # still a draft that needs its decision: nothing was written


def test_weekly_tasks_and_wishes_at_the_command_line(council: str, tmp_path: Path, data_dir: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", council, "posts", "import", str(data_dir / "posts.csv")]) == 0
    wishes = tmp_path / "wishes.csv"
    wishes.write_text("member_code,post,wish,reason\nM001,CONT,learn,cuentas\nM002,LIMP,avoid,alergia\n",
                      encoding="utf-8")
    assert cli.main(["--db", council, "rotation", "wishes", "import", str(wishes)]) == 0
    wishes.write_text("member_code,post,wish,reason\nM001,CONT,maybe,\n", encoding="utf-8")
    assert cli.main(["--db", council, "rotation", "wishes", "import", str(wishes)]) == 3
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "plan", "--start", "2027-01-04", "--weeks",
                     "2"]) == 0
    assert "Members' wishes met: " in capsys.readouterr().out
    tasks = tmp_path / "tasks.csv"
    tasks.write_text("week,post,task\n2027-01-04,MERC,Entregar 200 bolsas\n2027-01-06,MERC,x\n", encoding="utf-8")
    assert cli.main(["--db", council, "rotation", "tasks", "import", str(tasks)]) == 3  # not a Monday
    tasks.write_text("week,post,task\n2027-01-04,MERC,Entregar 200 bolsas\n", encoding="utf-8")
    assert cli.main(["--db", council, "rotation", "tasks", "import", str(tasks)]) == 0
    out = tmp_path / "rot.csv"
    assert cli.main(["--db", council, "rotation", "export", str(out), "--start", "2027-01-04", "--weeks", "1"]) == 0
    member = next(line.split(",")[2] for line in out.read_text().splitlines()[1:] if ",MERC," in line)
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "member", member, "--from", "2027-01-04",
                     "--weeks", "1"]) == 0
    assert "Task: Entregar 200 bolsas" in capsys.readouterr().out
