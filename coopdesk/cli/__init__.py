"""The command line (CONTRACT.md): `coopdesk [--db …] [--lang …] COMMAND …`."""

from coopdesk.cli.main import main

__all__ = ["main"]
