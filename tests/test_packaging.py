"""The wheel carries everything the app needs and runs outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-c", "constraints.txt", "-w", out, "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    return next(out.glob("coopdesk-*.whl"))


def test_the_wheel_carries_migrations_catalogs_fonts_and_icons(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "coopdesk/migrations/env.py",
        "coopdesk/migrations/versions/0001_initial_schema.py",
        "coopdesk/i18n/es/LC_MESSAGES/coopdesk.mo",
        "coopdesk/i18n/en/LC_MESSAGES/coopdesk.mo",
        "coopdesk/resources/fonts/DejaVuSans.ttf",
        "coopdesk/resources/fonts/LICENSE-DejaVu.txt",
        "coopdesk/resources/icons/coopdesk.svg",
        "coopdesk/resources/coopdesk.desktop",
    ):
        assert needed in names, needed
    assert not any("__pycache__" in name for name in names)


@pytest.mark.slow
def test_installed_wheel_works_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "-c", ROOT / "constraints.txt", wheel],
        check=True, capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"COOPDESK_HOME": str(tmp_path)}
    db = tmp_path / "c.sqlite3"

    def coopdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([env_dir / "bin" / "coopdesk", "--db", db, *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True)

    assert coopdesk("init").returncode == 0
    assert coopdesk("members", "import", str(ROOT / "tests" / "data" / "members.csv")).returncode == 0
    report = coopdesk("report", "members", "-o", str(tmp_path / "r.pdf"))
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    unknown = coopdesk("no-such-command")
    assert unknown.returncode == 2
    assert unknown.stderr.strip()
