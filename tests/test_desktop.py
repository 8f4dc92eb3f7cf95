"""The desktop files: one reverse-DNS id everywhere, a valid AppStream description, icons for every platform."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from coopdesk.paths import APP_ID

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"


def test_the_launcher_names_the_command_and_the_icon_by_the_id() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(RESOURCES / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID
    assert section["Exec"].split()[0] == "coopdesk"
    assert section["Name"] == "coopdesk" and section["Comment[es]"]


def test_the_appstream_file_describes_the_same_id_with_screenshots_releases_and_a_rating() -> None:
    component = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.find("description/p") is not None
    assert component.find("screenshots/screenshot/image") is not None
    assert component.find("releases/release").get("version") == __import__("coopdesk").__version__
    assert component.find("content_rating").get("type") == "oars-1.1"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstreamcli (apt-get install appstream)")
def test_appstreamcli_validates_the_metainfo() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", RESOURCES / f"{APP_ID}.metainfo.xml"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_windows_icon_holds_every_size_explorer_asks_for() -> None:
    with Image.open(RESOURCES / "icons" / "coopdesk.ico") as icon:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(icon.info["sizes"])


def test_the_hicolor_icons_are_the_sizes_their_folders_say() -> None:
    for name, size in (("coopdesk.png", 256), ("coopdesk-128.png", 128), ("coopdesk-48.png", 48)):
        with Image.open(RESOURCES / "icons" / name) as image:
            assert image.size == (size, size), name


@pytest.mark.gui
def test_the_window_tells_the_desktop_its_id(qapp) -> None:
    from coopdesk.ui.app import application

    assert application().desktopFileName() == APP_ID


def test_on_windows_the_process_declares_the_installers_app_id(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows simulated: the taskbar groups the window under the shortcut's AppUserModelID."""
    import ctypes
    import types

    from coopdesk.ui import app

    declared: list[str] = []
    shell32 = types.SimpleNamespace(SetCurrentProcessExplicitAppUserModelID=declared.append)
    monkeypatch.setattr(app.sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(shell32=shell32), raising=False)
    app._claim_windows_app_id()
    assert declared == [APP_ID]
    iss = (ROOT / "packaging" / "coopdesk.iss").read_text(encoding="utf-8")
    assert f'#define AppId "{APP_ID}"' in iss and 'AppUserModelID: "{#AppId}"' in iss


def test_elsewhere_no_windows_call_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from coopdesk.ui import app

    monkeypatch.setattr(app.sys, "platform", "linux")
    app._claim_windows_app_id()  # no ctypes.windll here: it would raise if it were called
