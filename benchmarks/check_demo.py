"""Benchmark: `mocap check` of the bundled demo catalog, as a user runs it (a new process each
time, imports included). Prints the median and spread of several runs.

    .venv/bin/python benchmarks/check_demo.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def time_command(command: list[str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)  # noqa: S603
        timings.append(time.perf_counter() - start)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    python = sys.executable
    cases = {
        "python startup (floor)": [python, "-c", "pass"],
        "mocap check (demo, 68 files)": [python, "-m", "checks.cli", "check", "--as-of", "2026-11-24"],
        "mocap check --format json": [
            python,
            "-m",
            "checks.cli",
            "check",
            "--as-of",
            "2026-11-24",
            "--format",
            "json",
        ],
        "mocap rules": [python, "-m", "checks.cli", "rules"],
    }
    print(f"{'command':<32} {'median':>8} {'min':>8} {'max':>8}   ({runs} runs)")
    for name, command in cases.items():
        timings = time_command(command, runs)
        print(f"{name:<32} {statistics.median(timings):>7.3f}s {min(timings):>7.3f}s {max(timings):>7.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
