"""Entry point of the frozen `coopdesk` executable (the command line; with no command, the window)."""

import sys

from coopdesk.__main__ import main

sys.exit(main())
