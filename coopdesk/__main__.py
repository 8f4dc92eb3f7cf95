"""`python -m coopdesk` and the entry points of the `coopdesk` and `coopdesk-gui` scripts."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up creates tens of thousands of objects that all live on (modules, mapped classes, Qt enums), so
    # the collector's passes over them are wasted: it is paused until the window has painted (ui.app) or a
    # command starts its work (cli.main) — a tenth of the time to the first painted window.
    gc.disable()
    try:
        from coopdesk.cli import main as cli_main

        return cli_main(argv)
    finally:
        gc.enable()


def main_gui() -> int:
    """The window, with whatever options the `coopdesk-gui` script was given."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
