"""`posts`, `leave`, `rotation …` and `report roster` at the command line: exit codes, the new plan's id on
the last line, nothing written on bad input, and the messages that name the week, the post and the skill."""

from __future__ import annotations

import sqlite3
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from coopdesk import cli
from tests.cli import run
from tests.services.rotation_rules import hard_rule_violations


def fingerprint(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as con:
        tables = [name for (name,) in con.execute("select name from sqlite_master where type='table'")]
        rows = {name: sorted(con.execute(f'select * from "{name}"').fetchall(), key=repr) for name in tables}
    con.close()
    return rows


@pytest.fixture
def council(tmp_path: Path, data_dir: Path) -> str:
    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    assert cli.main(["--db", db, "posts", "import", str(data_dir / "posts.csv")]) == 0
    assert cli.main(["--db", db, "leave", "import", str(data_dir / "leave.csv")]) == 0
    return db


def test_plan_publish_swap_export_and_calendar(council: str, data_dir: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "plan", "--start", "2027-01-04", "--weeks", "12",
                     "--seed", "1"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "1"
    assert printed[0].startswith("Plan 1 (draft): 12 weeks from Jan 4, 2027")
    text = "\n".join(printed)
    assert "(floor " in text and "Largest gap from a fair share of a category" in text
    assert any(line.split()[:1] == ["M002"] and "González" in line for line in printed)
    out = tmp_path / "rot.csv"
    assert cli.main(["--db", council, "rotation", "export", str(out)]) == 0
    assert hard_rule_violations(data_dir / "members.csv", data_dir / "posts.csv", data_dir / "leave.csv", out,
                                date(2027, 1, 4), 12) == []
    assert cli.main(["--db", council, "rotation", "publish", "1"]) == 0
    assert cli.main(["--db", council, "rotation", "publish", "1"]) == 3
    assert cli.main(["--db", council, "rotation", "export", str(out), "--start", "2027-01-11", "--weeks", "1"]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    assert rows and all(row.startswith("2027-01-11,") for row in rows)
    on = {}
    for row in rows:
        _week, post, member, role = row.split(",")
        if post in ("SIEM", "LIMP", "MERC") and role == "regular":
            on.setdefault(post, member)
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "swap", "2027-01-11", on["SIEM"], on["LIMP"],
                     "--reason", "cita médica"]) == 0
    assert "recorded on published plan 1" in capsys.readouterr().out
    assert cli.main(["--db", council, "rotation", "swap", "2027-01-11", on["SIEM"], on["SIEM"]]) == 3
    capsys.readouterr()
    assert cli.main(["--db", council, "rotation", "ics", "M002", str(tmp_path / "m.ics")]) == 0
    assert "12" in capsys.readouterr().out and (tmp_path / "m.ics").read_bytes().count(b"BEGIN:VEVENT") == 12
    assert cli.main(["--db", council, "rotation", "ics", "M999", str(tmp_path / "x.ics")]) == 3
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "list"]) == 0
    assert capsys.readouterr().out.split("\t")[:5] == ["1", "2027-01-04", "2027-03-28", "12", "published"]
    assert cli.main(["--db", council, "--lang", "en", "rotation", "member", "M002", "--from", "2027-01-04",
                     "--weeks", "2"]) == 0
    assert "Juan Beatriz González Colmenárez (M002)" in capsys.readouterr().out


def test_a_start_that_is_not_a_monday_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.sqlite3"
    for argv in (["rotation", "plan", "--start", "2027-01-05", "--weeks", "2"],
                 ["rotation", "plan", "--start", "2027-02-30", "--weeks", "2"],
                 ["rotation", "plan", "--start", "2027-01-04", "--weeks", "0"],
                 ["rotation", "swap", "2027-01-06", "M001", "M002"],
                 ["rotation", "export", "x.csv", "--weeks", "2"],
                 ["report", "roster", "--start", "2027-01-10", "--weeks", "4", "-o", "x.pdf"]):
        capsys.readouterr()
        assert cli.main(["--db", str(db), *argv]) == 2, argv
        assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not db.exists()


def test_a_bad_posts_file_exits_3_and_writes_nothing(council: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = fingerprint(Path(council))
    bad = tmp_path / "posts.csv"
    bad.write_text("code,name,category,min,max,burden\nNEW,Nuevo puesto,manual,1,1,1\nBAD,Malo,gerencial,2,1,7\n",
                   encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "posts", "import", str(bad)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert any(line.startswith("Line 3, column category") for line in err)
    assert any(line.startswith("Line 3, column burden") for line in err)
    assert err[-1] == "3 problems found; nothing was written."
    assert fingerprint(Path(council)) == before


def test_an_impossible_week_exits_3_naming_week_post_and_skill(council: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "sold.csv"
    extra.write_text("code,name,category,min,skill\nSOLD,Soldadura,manual,1,soldadura\n", encoding="utf-8")
    assert cli.main(["--db", council, "posts", "import", str(extra)]) == 0
    before = fingerprint(Path(council))
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "plan", "--start", "2027-01-04",
                     "--weeks", "4"]) == 3
    err = capsys.readouterr().err.strip()
    assert err == ("Week of Jan 4, 2027: post SOLD needs 1 member(s) with skill 'soldadura'; nobody eligible "
                   "has it.")
    assert fingerprint(Path(council)) == before


def test_posts_export_and_the_roster_report(council: str, tmp_path: Path) -> None:
    assert cli.main(["--db", council, "posts", "export", str(tmp_path / "p.csv"), "--excel"]) == 0
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbfcode;name;category")
    assert cli.main(["--db", council, "report", "roster", "--start", "2027-01-04", "--weeks", "4",
                     "-o", str(tmp_path / "r.pdf")]) == 3  # nothing planned yet
    assert cli.main(["--db", council, "rotation", "plan", "--start", "2027-01-04", "--weeks", "4"]) == 0
    for extra in ([], ["--per-member"], ["--lang", "es+en"]):
        target = tmp_path / "r.pdf"
        assert cli.main(["--db", council, "report", "roster", "--start", "2027-01-04", "--weeks", "4",
                         "-o", str(target), *extra]) == 0
        assert target.read_bytes().startswith(b"%PDF")


def test_discard_throws_a_draft_away_and_refuses_a_published_plan(council: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    for start in ("2027-01-04", "2027-01-18"):
        assert cli.main(["--db", council, "rotation", "plan", "--start", start, "--weeks", "2"]) == 0
    assert cli.main(["--db", council, "rotation", "publish", "1"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", council, "--lang", "en", "rotation", "discard", "2"]) == 0
    assert "Draft plan 2 is discarded." in capsys.readouterr().out
    assert cli.main(["--db", council, "--lang", "en", "rotation", "discard", "1"]) == 3
    assert "frozen" in capsys.readouterr().err
    assert cli.main(["--db", council, "rotation", "discard", "2"]) == 3  # gone already
    assert cli.main(["--db", council, "rotation", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["1"]


def test_release_takes_a_member_on_leave_off_a_week(council: str, data_dir: Path, tmp_path: Path) -> None:
    assert cli.main(["--db", council, "rotation", "plan", "--start", "2027-01-04", "--weeks", "2"]) == 0
    assert cli.main(["--db", council, "rotation", "publish", "1"]) == 0
    week = tmp_path / "week.csv"
    assert cli.main(["--db", council, "rotation", "export", str(week), "--start", "2027-01-04", "--weeks", "1"]) == 0
    rows = [line.split(",") for line in week.read_text(encoding="utf-8").splitlines()[1:]]
    regulars = Counter(post for _w, post, _m, role in rows if role == "regular")
    minimum = {"SIEM": 4, "EMPQ": 3, "LIMP": 2, "MERC": 2, "PROD": 2}  # tests/data/posts.csv
    spare = next(post for post in sorted(minimum) if regulars[post] > minimum[post])
    member = next(m for _w, post, m, role in rows if post == spare and role == "regular")
    accountant = next(m for _w, post, m, role in rows if post == "CONT" and role == "regular")
    present = next(m for _w, post, m, role in rows if post == spare and m != member)
    leave = tmp_path / "leave.csv"
    leave.write_text(f"codigo;desde;hasta;motivo\n{member};05/01/2027;07/01/2027;reposo\n"
                     f"{accountant};05/01/2027;07/01/2027;reposo\n", encoding="utf-8")
    assert cli.main(["--db", council, "leave", "import", str(leave)]) == 0
    before = fingerprint(Path(council))

    def release(*args: str) -> subprocess.CompletedProcess[str]:
        return run("--db", council, "--lang", "en", "rotation", "release", *args, home=tmp_path)

    refused = release("2027-01-04", present)
    assert refused.returncode == 3 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        f"{present} has no post in the week of Jan 4, 2027.",
        f"{present} can work in the week of Jan 4, 2027, and everyone who can work that week holds a post: record "
        "their leave first.",
        "2 problems found; nothing was written."]
    short = release("2027-01-04", accountant, "--reason", "reposo")
    assert short.returncode == 3
    assert (f"Post CONT cannot do without {accountant} in the week of Jan 4, 2027: swap them with a member who can "
            "take the post instead.") in short.stderr.splitlines()
    assert release("2027-01-05", member).returncode == 2  # not a Monday
    assert release("2027-01-04", "M999").returncode == 3
    assert fingerprint(Path(council)) == before
    done = release("2027-01-04", member, "--reason", "reposo médico")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"Week of Jan 4, 2027: {member} is taken off post {spare}.",
                                        "The change is recorded on published plan 1."]
    assert run("--db", council, "verify", home=tmp_path).returncode == 0
    assert cli.main(["--db", council, "rotation", "export", str(week), "--start", "2027-01-04", "--weeks", "1"]) == 0
    assert member not in week.read_text(encoding="utf-8")
    again = release("2027-01-04", member)
    assert again.returncode == 3 and again.stderr.strip() == f"{member} holds no post in the week of Jan 4, 2027."
