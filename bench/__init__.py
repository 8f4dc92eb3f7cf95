"""Benchmarks: speed and memory goals, run with `make bench` (never as timed tests)."""
