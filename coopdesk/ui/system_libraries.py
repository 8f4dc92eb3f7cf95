"""What Qt's X11 (xcb) platform plugin needs from the system, checked before the window is opened.

PySide6's wheels carry Qt but not the X11 libraries its xcb plugin links to. On a bare Debian or Ubuntu some
are missing (libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0 …) and Qt then only says it "could not load the
Qt platform plugin", pointing elsewhere. `make run` runs this module first: it asks the dynamic linker (ldd)
which libraries the plugin cannot find and prints the one `apt-get install` line that brings them. `coopdesk gui`
asks the same before it opens the window (`ready`), once per installed plugin: a good check is remembered.
Nothing here imports PySide6, so it works where PySide6 itself cannot load.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# The Debian/Ubuntu package of each library Qt's xcb plugin (and the Qt libraries under it) links to.
PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}
# Loaded by the plugin at run time rather than linked, so ldd cannot see that it is missing.
LOADED_AT_RUN_TIME = ("libxcb-cursor.so.0",)
NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)


def xcb_plugin() -> Path | None:
    """The xcb platform plugin inside the installed PySide6, found without importing it."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def missing_libraries(ldd_output: str, loadable: set[str] | None = None) -> list[str]:
    """The libraries ldd reported as not found, and those loaded at run time that the system lacks."""
    missing = dict.fromkeys(NOT_FOUND.findall(ldd_output))
    for name in LOADED_AT_RUN_TIME:
        if loadable is not None and name not in loadable:
            missing[name] = None
    return list(missing)


def install_line(libraries: list[str]) -> str:
    packages = sorted({PACKAGES.get(name, name) for name in libraries})
    return "sudo apt-get install " + " ".join(packages)


def _loadable(names: tuple[str, ...]) -> set[str]:
    import ctypes

    found = set()
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        found.add(name)
    return found


def check() -> list[str]:
    """The missing libraries on this machine (none where there is no xcb plugin to check, e.g. Windows)."""
    plugin = xcb_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return []
    output = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False).stdout
    return missing_libraries(output, _loadable(LOADED_AT_RUN_TIME))


def _xcb_chosen() -> bool:
    """Whether Qt will load its X11 plugin: on Linux, unless another platform was chosen (offscreen, wayland…)
    or the desktop session is Wayland's."""
    chosen = os.environ.get("QT_QPA_PLATFORM", "").partition(":")[0]
    if chosen:
        return chosen == "xcb"
    return sys.platform.startswith("linux") and os.environ.get("XDG_SESSION_TYPE") != "wayland"


def main() -> int:
    """Says what to install (on stderr) and returns 1 when the X11 plugin lacks libraries; else 0."""
    if not _xcb_chosen():
        return 0
    missing = check()
    if not missing:
        return 0
    from coopdesk.i18n import _

    print(_("coopdesk: Qt's X11 plugin needs libraries this system lacks: %(libraries)s")
          % {"libraries": ", ".join(missing)}, file=sys.stderr)
    print(_("Install them (Debian/Ubuntu) with:") + "\n\n    " + install_line(missing) + "\n", file=sys.stderr)
    return 1


def ready(folder: Path) -> bool:
    """Before the window opens: whether Qt's X11 plugin can load, saying what to install when it cannot. A good
    check is remembered in `folder` for this very plugin file, so later starts only compare one line."""
    plugin = xcb_plugin() if _xcb_chosen() else None
    if plugin is None:
        return True
    stamp = f"{plugin} {plugin.stat().st_mtime_ns}"
    marker = folder / "qt-libraries-checked"
    try:
        if marker.read_text(encoding="utf-8") == stamp:
            return True
    except OSError:
        pass
    if main():
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        marker.write_text(stamp, encoding="utf-8")
    except OSError:
        pass  # a read-only home: checked again next time
    return True


if __name__ == "__main__":
    sys.exit(main())
