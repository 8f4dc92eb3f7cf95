"""The command line through real processes (exit codes, stdout and stderr as a script sees them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`python -m coopdesk ARGS` with its own data folder, and no database named by the environment."""
    env = {**os.environ, "COOPDESK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("COOPDESK_DB", None)
    return subprocess.run([sys.executable, "-m", "coopdesk", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60, check=False)
