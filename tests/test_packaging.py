"""Every build carries everything the app needs, catalogs included, and runs outside the source tree.

The sdist is built once, a wheel is built from it (the way a distribution or `pip install` from an sdist
does, the build hook compiling the catalogs) and installed in a clean virtual environment; every test here
shares those. `make test` sends a module to one worker, so the builds run once per suite.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("packaging")]


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path
    bin: Path
    home: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-c", "import sys, hatchling.build as b; b.build_sdist(sys.argv[1])", out],
                   cwd=ROOT, check=True, capture_output=True)
    sdist = next(out.glob("coopdesk-*.tar.gz"))
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    constraints = ["-c", str(ROOT / "constraints.txt")]
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", *constraints, "-w", out, sdist],
                   cwd=out, check=True, capture_output=True, env=clean)
    wheel = next(out.glob("coopdesk-*.whl"))
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-compile", *constraints, wheel],
                   cwd=out, check=True, capture_output=True, env=clean)
    return Built(sdist, wheel, env_dir / "bin", tmp_path_factory.mktemp("home"))


def run(built: Built, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COOPDESK_DB")}
    env["COOPDESK_HOME"] = str(built.home)
    return subprocess.run([built.bin / "coopdesk", "--db", built.home / "c.sqlite3", *args], cwd=built.home,
                          env=env, capture_output=True)


def test_the_sdist_has_the_sources_of_the_catalogs_and_the_build_hook(built: Built) -> None:
    with tarfile.open(built.sdist) as sdist:
        names = {name.partition("/")[2] for name in sdist.getnames()}
    for needed in ("hatch_build.py", "i18n/es/LC_MESSAGES/coopdesk.po", "i18n/en/LC_MESSAGES/coopdesk.po",
                   "migrations/env.py", "resources/fonts/DejaVuSans.ttf", "constraints.txt"):
        assert needed in names, needed
    assert not any(name.endswith(".mo") for name in names)


def test_the_wheel_carries_migrations_catalogs_fonts_and_icons(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as wheel:
        names = set(wheel.namelist())
    for needed in (
        "coopdesk/migrations/env.py",
        "coopdesk/migrations/versions/0001_initial_schema.py",
        "coopdesk/i18n/es/LC_MESSAGES/coopdesk.mo",
        "coopdesk/i18n/en/LC_MESSAGES/coopdesk.mo",
        "coopdesk/resources/fonts/DejaVuSans.ttf",
        "coopdesk/resources/fonts/LICENSE-DejaVu.txt",
        "coopdesk/resources/icons/coopdesk.svg",
    ):
        assert needed in names, needed
    assert not any("__pycache__" in name or name.endswith(".po") for name in names)


def test_installing_the_wheel_puts_the_launcher_icons_and_appstream_file_in_share(built: Built) -> None:
    share = built.bin.parent / "share"
    for needed in ("applications/org.coopdesk.Coopdesk.desktop", "metainfo/org.coopdesk.Coopdesk.metainfo.xml",
                   "icons/hicolor/scalable/apps/org.coopdesk.Coopdesk.svg",
                   "icons/hicolor/256x256/apps/org.coopdesk.Coopdesk.png",
                   "icons/hicolor/48x48/apps/org.coopdesk.Coopdesk.png"):
        assert (share / needed).is_file(), needed


def test_the_wheel_built_from_the_sdist_speaks_spanish(built: Built) -> None:
    assert run(built, "init").returncode == 0
    imported = run(built, "members", "import", str(ROOT / "tests" / "data" / "members.csv"))
    assert imported.returncode == 0, imported.stderr
    assert "miembros" in imported.stdout.decode().lower()
    report = run(built, "report", "members", "--lang", "es", "-o", "-")
    assert report.returncode == 0, report.stderr
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report.stdout)).pages)
    assert "Registro de miembros" in text
    assert "Register of members" in "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(run(built, "report", "members", "--lang", "en",
                                                                  "-o", "-").stdout)).pages)
    unknown = run(built, "no-such-command")
    assert unknown.returncode == 2
    assert unknown.stderr.strip()


def test_a_missing_catalog_stops_the_start_in_both_languages(built: Built) -> None:
    catalog = next((built.bin.parent / "lib").glob("python*/site-packages/coopdesk/i18n/es/LC_MESSAGES"))
    (catalog / "coopdesk.mo").rename(catalog / "away.mo")
    try:
        result = run(built, "report", "members", "-o", "-")
    finally:
        (catalog / "away.mo").rename(catalog / "coopdesk.mo")
    assert result.returncode == 4
    assert not result.stdout
    message = result.stderr.decode()
    assert "translations are missing" in message and "faltan las traducciones" in message
    assert "Traceback" not in message
