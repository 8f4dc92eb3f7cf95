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


def test_the_window_is_not_opened_without_the_libraries_and_the_user_is_told_what_to_install(tmp_path) -> None:
    """`coopdesk gui` where the X11 plugin lacks libraries: exit 1 with the translated line, before Qt (which
    would abort naming another package) is even loaded."""
    script = (
        "import sys\n"
        "from coopdesk.ui import system_libraries\n"
        "system_libraries.check = lambda: ['libxcb-icccm.so.4', 'libxcb-keysyms.so.1']\n"
        "from coopdesk.__main__ import main\n"
        "code = main(['--lang', 'es', '--db', sys.argv[1], 'gui'])\n"
        "assert 'PySide6' not in sys.modules\n"
        "sys.exit(code)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "COOPDESK_HOME": str(tmp_path / "home"), "XDG_SESSION_TYPE": "x11"}
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "council.sqlite3")], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 1, result.stderr
    assert "el complemento X11 de Qt necesita bibliotecas que faltan" in result.stderr
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in result.stderr
    assert not (tmp_path / "home" / "qt-libraries-checked").exists()


def test_a_good_check_is_remembered_for_the_same_plugin(tmp_path, monkeypatch) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    monkeypatch.setattr(system_libraries.sys, "platform", "linux")
    monkeypatch.setattr(system_libraries, "xcb_plugin", lambda: plugin)
    checks = []
    monkeypatch.setattr(system_libraries, "check", lambda: checks.append(1) or [])
    assert system_libraries.ready(tmp_path / "home") and system_libraries.ready(tmp_path / "home")
    assert len(checks) == 1  # the second start only read the marker
    plugin.write_bytes(b"a newer PySide6")  # another plugin file: checked again
    assert system_libraries.ready(tmp_path / "home") and len(checks) == 2


def test_a_wayland_session_or_another_platform_is_not_checked(monkeypatch) -> None:
    monkeypatch.setattr(system_libraries, "check", lambda: ["libxcb-icccm.so.4"])
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert system_libraries.main() == 0
    monkeypatch.setenv("XDG_SESSION_TYPE", "x11")
    monkeypatch.setenv("QT_QPA_PLATFORM", "wayland")
    assert system_libraries.main() == 0
