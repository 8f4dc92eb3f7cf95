"""`python -m coopdesk` and the entry points of the `coopdesk` and `coopdesk-gui` scripts."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up creates tens of thousands of objects that all live on (modules, mapped classes, Qt enums), so
    # the collector's passes over them are wasted: it stays off until a command starts its work (cli.main); the
    # window collects on its own thread instead (ui.collector) and not before its first paint.
    gc.disable()
    from coopdesk.i18n import MissingCatalog

    try:
        from coopdesk.cli import main as cli_main

        return cli_main(argv)
    except MissingCatalog as missing:  # before any language is in force: no dialog, no translated message
        print(missing, file=sys.stderr)
        return 4
    finally:
        gc.enable()


def main_gui() -> int:
    """The window, with whatever options the `coopdesk-gui` script was given."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
