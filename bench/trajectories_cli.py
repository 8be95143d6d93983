"""Benchmark: the trajectories CLI on 10,000 clients x 20 sessions.

Writes a synthetic CSV (a mix of all generator patterns, fixed seeds) to a
temporary directory, runs ``python -m alliance_atlas.trajectories analyze --csv``
three times per output format in a subprocess, and reports the median wall
time. The last line printed is one JSON object with the figures.

    python bench/trajectories_cli.py [--clients N] [--sessions N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCE_DIR = REPO_ROOT / "src"
sys.path.insert(0, str(SOURCE_DIR))

from alliance_atlas.trajectories.generators import generate  # noqa: E402

PATTERN_MIX = (
    ("stable", {}),
    ("linear", {"amplitude": 1.5}),
    ("linear", {"amplitude": -1.5}),
    ("quadratic", {"amplitude": 1.5}),
    ("quadratic", {"amplitude": -1.5}),
    ("v_rupture", {"rupture_session": 8, "depth": 2.0, "repair_speed": 0.5}),
)


def write_clients_csv(path: pathlib.Path, clients: int, sessions: int) -> None:
    lines = ["client," + ",".join(f"s{t}" for t in range(1, sessions + 1))]
    for index in range(clients):
        pattern, params = PATTERN_MIX[index % len(PATTERN_MIX)]
        scores = generate(pattern, sessions=sessions, level=5.0, noise_sd=0.3, seed=index, **params)
        lines.append(f"c{index:05d}," + ",".join(f"{score:.2f}" for score in scores))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def time_cli(csv_path: pathlib.Path, output_format: str, runs: int) -> list[float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE_DIR), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "alliance_atlas.trajectories", "analyze", "--csv", str(csv_path), "--format", output_format]
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        timings.append(time.perf_counter() - started)
        if completed.returncode != 0:
            raise SystemExit(f"CLI failed: {completed.stderr.strip()}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        csv_path = pathlib.Path(directory) / "clients.csv"
        write_clients_csv(csv_path, args.clients, args.sessions)
        print(f"{args.clients} clients x {args.sessions} sessions ({csv_path.stat().st_size / 1e6:.1f} MB CSV)")
        figures: dict[str, object] = {
            "benchmark": "trajectories_cli",
            "clients": args.clients,
            "sessions": args.sessions,
            "runs": args.runs,
            "python": sys.version.split()[0],
        }
        for output_format in ("jsonl", "csv"):
            timings = time_cli(csv_path, output_format, args.runs)
            median = statistics.median(timings)
            print(f"--format {output_format}: median {median:.2f} s over {args.runs} runs "
                  f"({', '.join(f'{t:.2f}' for t in timings)}); {args.clients / median:,.0f} clients/s")
            figures[f"median_seconds_{output_format}"] = round(median, 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
