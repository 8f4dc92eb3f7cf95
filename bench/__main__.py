"""Run every benchmark module's `run()` and print one line per figure against its goal."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(selected: list[str]) -> int:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    failed = skipped = 0
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        print(f"== {name}", flush=True)
        result = importlib.import_module(f"bench.{name}").run()
        failed += result.get("met") is False
        skipped += bool(result.get("skipped"))
    print("all goals met" if not failed else f"{failed} benchmark(s) missed their goal",
          f"({skipped} skipped: nothing measured)" if skipped else "")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
