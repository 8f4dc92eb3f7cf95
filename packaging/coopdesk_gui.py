"""Entry point of the frozen `coopdesk-gui` executable (the window, without a console on Windows)."""

import sys

from coopdesk.__main__ import main_gui

sys.exit(main_gui())
