"""The standalone one-folder app (`make dist`) runs without the source tree or a Python of the system's:
it opens its window, prints a report in Spanish and verifies the database.

Slow (PyInstaller takes minutes): it runs only when COOPDESK_TEST_DIST=1 is set, e.g.
`COOPDESK_TEST_DIST=1 .venv/bin/pytest -p no:xdist tests/test_standalone.py`. With COOPDESK_TEST_DIST_DIR
naming a folder already built (on Windows: dist\\coopdesk), that folder is tested instead of building one.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("standalone"),
    pytest.mark.skipif(os.environ.get("COOPDESK_TEST_DIST") != "1", reason="set COOPDESK_TEST_DIST=1 to build it"),
]
SUFFIX = ".exe" if sys.platform == "win32" else ""


@pytest.fixture(scope="module")
def app_dir() -> Path:
    if os.environ.get("COOPDESK_TEST_DIST_DIR"):
        return Path(os.environ["COOPDESK_TEST_DIST_DIR"])
    subprocess.run(["make", "dist"], cwd=ROOT, check=True, capture_output=True)
    return ROOT / "dist" / "coopdesk"


def frozen(app_dir: Path, home: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    # No Python of ours: no PYTHONPATH, no venv on PATH, run from elsewhere than the source tree.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "COOPDESK_"))}
    env |= {"COOPDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    return subprocess.run([app_dir / f"coopdesk{SUFFIX}", "--db", home / "c.sqlite3", *args], cwd=home, env=env,
                          capture_output=True, timeout=300)


def test_the_folder_carries_migrations_catalogs_fonts_icons_and_qt_plugins(app_dir: Path) -> None:
    inside = next(path for path in (app_dir / "_internal", app_dir) if (path / "coopdesk").is_dir())
    for needed in ("coopdesk/migrations/env.py", "coopdesk/i18n/es/LC_MESSAGES/coopdesk.mo",
                   "coopdesk/i18n/en/LC_MESSAGES/coopdesk.mo", "coopdesk/resources/fonts/DejaVuSans.ttf",
                   "coopdesk/resources/icons/coopdesk.svg"):
        assert (inside / needed).is_file(), needed
    plugins = list(inside.glob("PySide6/Qt/plugins/platforms/*"))
    assert any("offscreen" in plugin.name for plugin in plugins), plugins
    assert (app_dir / f"coopdesk-gui{SUFFIX}").is_file()


def test_the_frozen_app_opens_its_window_prints_in_spanish_and_verifies(app_dir: Path, tmp_path: Path) -> None:
    assert frozen(app_dir, tmp_path, "init").returncode == 0
    imported = frozen(app_dir, tmp_path, "members", "import", str(ROOT / "tests" / "data" / "members.csv"))
    assert imported.returncode == 0, imported.stderr
    smoke = frozen(app_dir, tmp_path, "gui", "--smoke")
    assert smoke.returncode == 0, smoke.stderr
    assert smoke.stdout.decode().startswith("ready ")
    report = frozen(app_dir, tmp_path, "report", "members", "--lang", "es", "-o", "-")
    assert report.returncode == 0, report.stderr
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report.stdout)).pages)
    assert "Registro de miembros" in text
    verify = frozen(app_dir, tmp_path, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "La base de datos está sana" in verify.stdout.decode()
