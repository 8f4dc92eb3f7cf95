"""`meeting import`, `meeting show` and the assembly reports at the command line: exit codes, the id on the last
line, nothing written on bad input, and docs/cli.md's conformance example."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coopdesk import cli
from tests.cli import run


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
    return db


def test_import_and_show_as_a_script_would(tmp_path: Path, isolated_home: Path, data_dir: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert run("--db", db, "members", "import", str(data_dir / "members.csv"), home=isolated_home).returncode == 0
    done = run("--db", db, "meeting", "import", str(data_dir / "meeting_example.json"), home=isolated_home)
    assert done.returncode == 0, done.stderr
    meeting_id = done.stdout.strip().splitlines()[-1]
    assert meeting_id.isdigit()
    shown = run("--db", db, "meeting", "show", meeting_id, "--json", home=isolated_home)
    assert shown.returncode == 0, shown.stderr
    got = json.loads(shown.stdout)
    expected = json.loads((data_dir / "meeting_example.expected.json").read_text(encoding="utf-8"))
    assert {key: got[key] for key in ("entitled", "present_voters", "quorum_met")} == {
        key: expected[key] for key in ("entitled", "present_voters", "quorum_met")}
    assert [motion["result"] for motion in got["motions"]] == expected["results"]
    assert [motion["base_count"] for motion in got["motions"]] == expected["base_counts"]
    assert all(isinstance(motion["id"], int) for motion in got["motions"])


def test_bad_input_exits_3_and_writes_nothing(tmp_path: Path, isolated_home: Path, data_dir: Path) -> None:
    db = tmp_path / "c.sqlite3"
    assert run("--db", str(db), "members", "import", str(data_dir / "members.csv"), home=isolated_home).returncode == 0
    before = fingerprint(db)
    done = run("--db", str(db), "--lang", "en", "meeting", "import", str(data_dir / "meeting_bad_proxy.json"),
               home=isolated_home)
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert lines == ["attendance.M023: the proxy holder M030 of M023 is not present in person",
                     "1 problem found; nothing was written."]
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert fingerprint(db) == before


def test_every_problem_gets_its_line(council: str, tmp_path: Path, data_dir: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((data_dir / "meeting_example.json").read_text(encoding="utf-8"))
    data["quorum"] = "most"
    data["items"][0]["motions"][1]["counts"] = {"yes": -1}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = fingerprint(Path(council))
    assert cli.main(["--db", council, "--lang", "en", "meeting", "import", str(bad)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("quorum: 'most' is not one of") and err[1].startswith("items[0].motions[1].counts.yes")
    assert err[-1] == "2 problems found; nothing was written."
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "x",\n "kind": }', encoding="utf-8")
    assert cli.main(["--db", council, "--lang", "en", "meeting", "import", str(broken)]) == 3
    assert "line 2, column 10" in capsys.readouterr().err
    assert fingerprint(Path(council)) == before


def test_show_in_words_and_unknown_ids(council: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", council, "meeting", "import", str(data_dir / "meeting_example.json")]) == 0
    meeting_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert cli.main(["--db", council, "--lang", "en", "meeting", "show", meeting_id]) == 0
    out = capsys.readouterr().out
    assert "Asamblea de ejemplo" in out and "Quorum met: 21 of 38" in out and "Friday, November 20, 2026" in out
    assert cli.main(["--db", council, "--lang", "en", "meeting", "show", "999"]) == 3
    assert capsys.readouterr().err.strip() == "There is no meeting with id 999."
    assert cli.main(["--db", council, "meeting", "show", "zero"]) == 2


def test_the_reports(council: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", council, "meeting", "import", str(data_dir / "meeting_example.json")]) == 0
    meeting_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert cli.main(["--db", council, "meeting", "show", meeting_id, "--json"]) == 0
    secret = json.loads(capsys.readouterr().out)["motions"][2]["id"]
    for argv in (["assembly", meeting_id, "--lang", "es"], ["assembly", meeting_id, "--lang", "es+en"],
                 ["convocation", meeting_id, "--lang", "en"], ["ballots", str(secret)]):
        pdf = tmp_path / "out.pdf"
        assert cli.main(["--db", council, "report", *argv, "-o", str(pdf)]) == 0, capsys.readouterr().err
        assert pdf.read_bytes().startswith(b"%PDF")
    assert cli.main(["--db", council, "report", "ballots", "1", "--election", "-o", str(tmp_path / "x.pdf")]) == 3
    assert cli.main(["--db", council, "report", "assembly", "999", "-o", str(tmp_path / "x.pdf")]) == 3
    assert cli.main(["--db", council, "report", "assembly", meeting_id]) == 2  # -o is required


def test_the_workers_council_refuses_a_communal_delegate_by_name(council: str, tmp_path: Path, data_dir: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((data_dir / "meeting_example.json").read_text(encoding="utf-8"))
    data["organ"] = "workers_council"
    bad = tmp_path / "council.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = fingerprint(Path(council))
    assert cli.main(["--db", council, "--lang", "en", "meeting", "import", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "attendance.M039: M039 is not a worker and does not sit in the Workers' Council" in err  # the state
    assert "Traceback" not in err
    assert fingerprint(Path(council)) == before


def test_a_workers_council_election_refuses_a_communal_delegate_standing(council: str, tmp_path: Path,
                                                                          data_dir: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((data_dir / "meeting_example.json").read_text(encoding="utf-8"))
    data["organ"] = "workers_council"
    data["attendance"] = {code: mark for code, mark in data["attendance"].items() if code < "M035"}
    data["items"][0]["elections"] = [{"title": "Voceros", "seats": 1, "method": "secret", "ballots_cast": 3,
                                      "votes": {"M003": 2, "M036": 1}}]
    bad = tmp_path / "council.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = fingerprint(Path(council))
    assert cli.main(["--db", council, "--lang", "en", "meeting", "import", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "items[0].elections[0].votes.M036: M036 is not a worker and does not sit in the Workers' Council" in err
    assert "Traceback" not in err
    assert fingerprint(Path(council)) == before



def imported_and_shown(council: str, data: dict, path: Path,
                       capsys: pytest.CaptureFixture[str]) -> tuple[str, dict]:
    """`meeting import` of `data` (written to `path`), then `meeting show --json` of it: its id and the JSON."""
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["--db", council, "meeting", "import", str(path)]) == 0
    meeting_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert cli.main(["--db", council, "meeting", "show", meeting_id, "--json"]) == 0
    return meeting_id, json.loads(capsys.readouterr().out)


def test_a_joint_meeting_shows_its_bodies(council: str, tmp_path: Path, data_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((data_dir / "meeting_example.json").read_text(encoding="utf-8"))
    data["items"][0]["motions"][0] = {
        "text": "Plan de producción con la comuna", "method": "open", "majority": "simple", "concurrent": True,
        "counts_by_body": {"worker": {"yes": 10, "no": 2}, "communal_council": {"yes": 1, "no": 1}}}
    data["attendance"] |= {"M035": "present", "M036": "present"}
    meeting_id, shown = imported_and_shown(council, data, tmp_path / "joint.json", capsys)
    assert shown["organ"] == "joint" and set(shown["entitled_by_body"]) == {"worker", "communal_council", "state"}
    first = shown["motions"][0]
    assert first["concurrent"] is True and first["result"] == "rejected"
    assert first["by_body"]["communal_council"]["result"] == "rejected"
    assert cli.main(["--db", council, "meeting", "show", meeting_id]) == 0
    assert "falta 1 voto a favor entre los delegados comunales" in capsys.readouterr().out


def test_the_acta_facts_round_trip_and_print(council: str, data_dir: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The day of issue, a motion's own proposer and an election's null ballots: imported, shown as JSON, printed."""
    from tests.reports.helpers import flat, pdf_text

    data = json.loads((data_dir / "meeting_example.json").read_text(encoding="utf-8"))
    data["convened_on"] = "10/11/2026"
    data["items"][0]["motions"][0]["proposer"] = "M007"
    data["items"].append({"title": "Elección del vocero", "elections": [
        {"title": "Vocero de salud", "seats": 1, "method": "secret", "ballots_cast": 20, "blank_ballots": 1,
         "null_ballots": 2, "votes": {"M005": 11, "M006": 6}}]})
    path = tmp_path / "facts.json"
    meeting_id, shown = imported_and_shown(council, data, path, capsys)
    assert shown["convened_on"] == "2026-11-10"
    assert [motion["proposer"] for motion in shown["motions"]] == ["M007"] + [None] * (len(shown["motions"]) - 1)
    assert (shown["elections"][0]["blank_ballots"], shown["elections"][0]["null_ballots"]) == (1, 2)

    def printed(kind: str, lang: str) -> str:
        pdf = tmp_path / f"{kind}-{lang}.pdf"
        assert cli.main(["--db", council, "report", kind, meeting_id, "--lang", lang, "-o", str(pdf)]) == 0
        return flat(pdf_text(pdf.read_bytes()))

    es, en = printed("assembly", "es"), printed("assembly", "en")
    assert "20 = 17 válidas + 1 en blanco + 2 nulas" in es and "20 = 17 valid + 1 blank + 2 null" in en
    assert "(propuesta de Juan Carmen Briceño Yépez)" in es and "(proposed by Juan Carmen Briceño Yépez)" in en
    assert "Convocada por escrito el martes, 10 de noviembre de 2026" in es
    assert "Convened in writing on Tuesday, November 10, 2026" in en
    assert "Emitida el martes, 10 de noviembre de 2026." in printed("convocation", "es")
    assert "Issued on Tuesday, November 10, 2026." in printed("convocation", "en")

    # the day of issue cannot follow the meeting; nothing is written
    data["convened_on"] = "2026-11-21"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = fingerprint(Path(council))
    assert cli.main(["--db", council, "--lang", "en", "meeting", "import", str(path)]) == 3
    assert "convened_on: the convocation cannot be issued after the day of the meeting" in capsys.readouterr().err
    assert fingerprint(Path(council)) == before
