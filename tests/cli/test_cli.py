"""The command line: a few real processes for exit codes and imports, the rest through `main()` in-process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk import cli
from coopdesk.cli.core import COMMANDS
from coopdesk.persistence.migrate import HEAD_REVISION
from coopdesk.services import members as member_service
from tests.cli import ROOT, run


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as con:
        tables = [name for (name,) in con.execute("select name from sqlite_master where type='table'")]
        rows = {name: sorted(con.execute(f'select * from "{name}"').fetchall(), key=repr) for name in tables}
    con.close()
    return rows


# Real processes: one per exit code.

def test_init_creates_the_database_and_prints_the_revision(tmp_path: Path, isolated_home: Path) -> None:
    done = run("--db", str(tmp_path / "c.sqlite3"), "init", home=isolated_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == HEAD_REVISION
    assert "Traceback" not in done.stderr


def test_an_unknown_command_is_a_usage_error(tmp_path: Path, isolated_home: Path) -> None:
    done = run("--db", str(tmp_path / "c.sqlite3"), "no-such-command", home=isolated_home)
    assert done.returncode == 2
    assert "no-such-command" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "c.sqlite3").exists()


def test_a_bad_flag_is_a_usage_error(tmp_path: Path, isolated_home: Path) -> None:
    done = run("--db", str(tmp_path / "c.sqlite3"), "demo", "--members", "zero", home=isolated_home)
    assert done.returncode == 2
    assert "--members" in done.stderr and "Traceback" not in done.stderr


def test_a_bad_file_exits_3_and_writes_nothing(tmp_path: Path, isolated_home: Path, data_dir: Path) -> None:
    db = tmp_path / "c.sqlite3"
    assert run("--db", str(db), "members", "import", str(data_dir / "members.csv"), home=isolated_home).returncode == 0
    before = table_rows(db)
    bad = tmp_path / "bad.csv"
    bad.write_text("code,full_name,body,joined_on\nX1,Ana,gerente,2020-01-01\nX2,,worker,2020-02-30\n")
    done = run("--db", str(db), "--lang", "en", "members", "import", str(bad), home=isolated_home)
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        "Line 2, column body: 'gerente' is not one of: worker, communal_council, state",
        "Line 3, column full_name: a value is required",
        "Line 3, column joined_on: '2020-02-30' is not a date of the calendar",
        "3 problems found; nothing was written.",
    ]
    assert table_rows(db) == before


def test_a_database_from_a_newer_version_is_left_alone(tmp_path: Path, isolated_home: Path,
                                                       data_dir: Path) -> None:
    db = tmp_path / "c.sqlite3"
    assert run("--db", str(db), "init", home=isolated_home).returncode == 0
    with sqlite3.connect(db) as con:
        con.execute("update alembic_version set version_num = '9999'")
    con.close()
    before = db.read_bytes()
    done = run("--db", str(db), "members", "import", str(data_dir / "members.csv"), home=isolated_home)
    assert done.returncode == 4
    assert "9999" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before


def test_lang_goes_before_or_after_the_command(tmp_path: Path, isolated_home: Path) -> None:
    target = str(tmp_path / "c.sqlite3")
    missing = str(tmp_path / "nope.json")
    before = run("--lang", "en", "--db", target, "meeting", "import", missing, home=isolated_home)
    after = run("--db", target, "meeting", "import", missing, "--lang=en", home=isolated_home)
    assert before.returncode == after.returncode == 3
    assert before.stderr == after.stderr
    assert "nope.json" in before.stderr
    default = run("--db", target, "meeting", "import", missing, home=isolated_home)
    assert default.returncode == 3 and default.stderr != before.stderr  # Spanish, the default


def test_commands_other_than_gui_never_load_qt(tmp_path: Path, isolated_home: Path) -> None:
    code = ("import sys; from coopdesk.cli import main; "
            f"rc = main(['--db', {str(tmp_path / 'c.sqlite3')!r}, 'demo', '--members', '5']); "
            "sys.exit(rc or ('PySide6' in sys.modules and 9))")
    env = {**os.environ, "COOPDESK_HOME": str(isolated_home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr


# In-process: the same `main()`, faster.

def test_import_dry_run_and_export(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "--lang", "en", "members", "import", str(data_dir / "members.csv"),
                     "--dry-run"]) == 0
    assert "40 members would be added" in capsys.readouterr().out
    assert cli.main(["--db", db, "members", "import", str(data_dir / "members.csv"), "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "Members: 40 added, 0 updated, 0 unchanged."
    out = tmp_path / "socios.csv"
    assert cli.main([f"--db={db}", "members", "export", str(out), "--excel", "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == f"40 members written to {out}."
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcode;full_name;")


def test_demo_and_its_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "demo", "--members", "20", "--seed", "3"]) == 0
    assert "El Maizal" in capsys.readouterr().out
    assert cli.main(["--db", db, "demo"]) == 3
    assert capsys.readouterr().err.strip()


def test_the_demo_spus_published_plan_carries_its_workers_council_motion_and_verifies(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", db, "--lang", "es", "council", "show"]) == 0
    assert "Los planes necesitan una decisión: sí" in capsys.readouterr().out  # an SPU, not set otherwise
    assert cli.main(["--db", db, "--lang", "en", "rotation", "list"]) == 0
    [plan] = capsys.readouterr().out.strip().splitlines()
    assert "\tpublished\t" in plan and plan.split("\t")[-1].startswith("motion ")
    assert cli.main(["--db", db, "verify"]) == 0


@pytest.mark.parametrize("argv", [
    ["--lang", "fr", "init"], ["init", "--lang", "es+en"], ["members"], ["members", "import"], ["--db"],
    ["report", "members"], ["report", "assembly", "x", "-o", "x.pdf"], ["rotation", "plan", "--start", "x"],
    ["members", "export", "x.csv", "--bogus"], ["ledger", "period", "open", "2027-01-04", "x"],
    ["report", "annual", "-o", "x.pdf"], ["report", "annual", "--year", "20x6", "-o", "x.pdf"],
])
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, argv: list[str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(tmp_path / "c.sqlite3"), *argv]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not (tmp_path / "c.sqlite3").exists()


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "en", "--help"]) == 0
    out = capsys.readouterr().out
    assert "members" in out and "--db" in out


def test_the_members_report(tmp_path: Path, data_dir: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    for lang in ("es", "en", "es+en"):
        pdf = tmp_path / f"members-{lang}.pdf"
        assert cli.main(["--db", db, "report", "members", "--lang", lang, "-o", str(pdf)]) == 0
        assert pdf.read_bytes().startswith(b"%PDF")


def test_the_annual_report(tmp_path: Path, data_dir: Path) -> None:
    from pypdf import PdfReader

    db = str(tmp_path / "c.sqlite3")
    assert cli.main(["--db", db, "members", "import", str(data_dir / "members.csv")]) == 0
    for lang in ("es", "en", "es+en"):
        pdf = tmp_path / f"annual-{lang}.pdf"
        assert cli.main(["--db", db, "report", "annual", "--year", "2026", "--lang", lang, "-o", str(pdf)]) == 0
        reader = PdfReader(pdf)
        assert reader.metadata.title.endswith("2026")  # the document's own name: which year
        if lang != "es":
            assert "Annual report" in reader.pages[0].extract_text()


def test_something_unexpected_exits_4_and_is_logged(tmp_path: Path, isolated_home: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(COMMANDS, "init", broken)
    assert cli.main(["--db", str(tmp_path / "c.sqlite3"), "--lang", "en", "init"]) == 4
    err = capsys.readouterr().err
    assert err.startswith("Something went wrong: boom") and "Traceback" not in err
    assert "RuntimeError: boom" in (isolated_home / "coopdesk.log").read_text(encoding="utf-8")
    assert cli.main(["--db", str(tmp_path / "c.sqlite3"), "init", "--debug"]) == 4
    assert "Traceback" in capsys.readouterr().err


def test_the_database_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 data_dir: Path) -> None:
    target = tmp_path / "env.sqlite3"
    monkeypatch.setenv("COOPDESK_DB", str(target))
    assert cli.main(["members", "import", str(data_dir / "members.csv")]) == 0
    from coopdesk.bootstrap import open_database

    db = open_database(target)
    try:
        assert member_service.count_members(db) == 40
    finally:
        db.dispose()


def test_the_window_and_the_command_line_log_to_one_file(tmp_path: Path, isolated_home: Path) -> None:
    import logging

    from coopdesk import bootstrap

    first = bootstrap.start_logging()
    assert first == isolated_home / "coopdesk.log"
    assert bootstrap.start_logging() == first  # once, however often it is asked
    ours = [h for h in logging.getLogger().handlers if getattr(h, "coopdesk_log", False)]
    assert len(ours) == 1
    logging.getLogger("coopdesk.ui").error("from the window")
    ours[0].flush()
    assert "ERROR coopdesk.ui: from the window" in first.read_text(encoding="utf-8")
