"""Run the browser tests several times while every core is kept busy, as on a loaded CI machine.

    python scripts/stress.py [--runs 3] [--burners N] [-- extra pytest arguments]

A race that a quiet machine hides shows up here. The CPU burners are started by this script and always
stopped by it: on success, on a failed run, on Ctrl-C and on SIGTERM. Each run prints its pass and fail
counts; the exit status is non-zero when any run had a failure.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BURN = "while True: pass"


def start_burners(count: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", BURN], stdin=subprocess.DEVNULL) for _ in range(count)]


def stop_burners(burners: list[subprocess.Popen]) -> None:
    for burner in burners:
        if burner.poll() is None:
            burner.kill()
    for burner in burners:
        burner.wait()


def counts(report: Path) -> dict[str, int]:
    """Passed, failed (failures and errors) and skipped, from pytest's JUnit XML report."""
    try:
        suite = ET.parse(report).getroot()
    except (OSError, ET.ParseError):
        return {"passed": 0, "failed": 1, "skipped": 0}  # pytest died before writing it: count the run as failed
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, failures, errors, skipped = (int(suite.get(name, 0)) for name in ("tests", "failures", "errors", "skipped"))
    return {"passed": total - failures - errors - skipped, "failed": failures + errors, "skipped": skipped}


def run_once(number: int, pytest_args: list[str], workdir: Path) -> dict[str, int]:
    report = workdir / f"run-{number}.xml"
    command = [sys.executable, "-m", "pytest", "-m", "browser", "-q", "-p", "no:cacheprovider",
               f"--junitxml={report}", *pytest_args]
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=False)
    result = counts(report)
    result["seconds"] = round(time.monotonic() - started)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 3)))
    parser.add_argument("--burners", type=int, default=os.cpu_count() or 2, help="busy processes (default: one per core)")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest after --")
    args = parser.parse_args(argv)

    # SIGTERM ends the script like Ctrl-C does, so the finally below stops the burners either way.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    results = []
    burners = start_burners(args.burners)
    print(f"stress: {args.burners} CPU burner(s) running; {args.runs} run(s) of the browser tests", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="atlas-stress-") as workdir:
            for number in range(1, args.runs + 1):
                result = run_once(number, args.pytest_args, Path(workdir))
                results.append(result)
                print(f"stress: run {number}/{args.runs}: {result['passed']} passed, {result['failed']} failed, "
                      f"{result['skipped']} skipped in {result['seconds']} s", flush=True)
    finally:
        stop_burners(burners)
        print("stress: CPU burners stopped", flush=True)
    failed_runs = sum(1 for result in results if result["failed"])
    print(f"stress: {len(results) - failed_runs} of {len(results)} runs passed")
    return 1 if failed_runs else 0


if __name__ == "__main__":
    sys.exit(main())
