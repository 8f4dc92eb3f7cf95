"""`python -m coopdesk` and the entry points of the `coopdesk` and `coopdesk-gui` scripts."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from coopdesk.cli import main as cli_main

    return cli_main(argv)


def main_gui() -> int:
    """The window, with whatever options the `coopdesk-gui` script was given."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
