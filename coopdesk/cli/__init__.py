"""The command line (docs/cli.md): `coopdesk [--db …] [--lang …] COMMAND …`."""

from coopdesk.cli.main import main

__all__ = ["main"]
