"""`make run` names the missing X11 libraries of Qt's xcb plugin and the one apt-get line that brings them."""

from __future__ import annotations

import subprocess
import sys

from coopdesk.ui import system_libraries

# What ldd says of libqxcb.so on a bare Debian 12 (cut short).
BARE_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffc8a9f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0a1c000000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0a1bf00000)
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
"""


def test_the_missing_libraries_come_once_each_with_their_debian_packages() -> None:
    missing = system_libraries.missing_libraries(BARE_DEBIAN, loadable=set())
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0", "libxcb-cursor.so.0"]
    assert system_libraries.install_line(missing) == (
        "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0")


def test_nothing_is_missing_when_the_linker_finds_everything() -> None:
    found = "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x1)\n"
    assert system_libraries.missing_libraries(found, loadable={"libxcb-cursor.so.0"}) == []


def test_the_check_of_this_machine_prints_the_line_or_nothing() -> None:
    missing = system_libraries.check()
    result = subprocess.run([sys.executable, "-m", "coopdesk.ui.system_libraries"], capture_output=True,
                            text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == (1 if missing else 0)
    if missing:
        assert system_libraries.install_line(missing) in result.stderr
    assert result.stdout == ""


def test_another_chosen_platform_is_not_checked(monkeypatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(system_libraries, "check", lambda: ["libxcb-icccm.so.4"])
    assert system_libraries.main() == 0
