"""Benchmark: the trajectory widgets in headless Chromium, next to a bare Pyodide.

Builds the site (or uses --site), adds a tiny page that only runs ``loadPyodide()`` in a
module worker, serves both on 127.0.0.1 and, over --runs fresh browser contexts, measures:

* navigation -> first visible chart on the explorer (goal <= 0.5 s);
* time to interactive: Python ready with the package imported, from navigation and from
  the worker's start, next to the bare ``loadPyodide()`` page, and our overhead in %;
* slider change -> chart updated (the widget's "atlas:rendered" event; goal median <= 30 ms),
  for the level slider (same chart structure: the view gets new data) and the seed slider
  (episodes come and go, so the view is often rebuilt), and both together;
* where the worker's start-up goes: when the page started it, then Pyodide's own boot, installing the
  package's wheel from the site's pyodide-lock.json, and importing the widget API;
* the longest main-thread task during boot (PerformanceObserver "longtask"; goal <= 100 ms), and up to the
  first live chart (Vega loads and draws after "ready");
* the first contentful paint, which the build-time chart cannot precede, and the first live chart;
* the command line on a CSV of 10,000 clients x 20 sessions (bench/trajectories_cli.py's data).

Prints medians; the last line is one JSON object with every figure. Figures, not tests.

    python bench/widgets.py [--runs 10] [--site DIR] [--slider-moves 20]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import tempfile
import time

REPO_ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests"))
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from support.browser import launch_chromium, new_recorded_context  # noqa: E402
from support.server import serve_directory  # noqa: E402
from support.sitebuild import build_site  # noqa: E402

READY_TIMEOUT = 120_000

BARE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide</title></head>
<body><p id="state">loading</p><script>
const started = performance.now();
const worker = new Worker("bare-worker.js", { type: "module" });
worker.onmessage = (event) => {
  window.__bare = { startedAt: started, readyAt: performance.now(), inWorker: event.data.ms };
  document.getElementById("state").textContent = "ready";
};
</script></body></html>
"""
BARE_WORKER = """import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";
const t0 = performance.now();
await loadPyodide({ indexURL: new URL("../vendor/pyodide/", import.meta.url).href });
self.postMessage({ ms: performance.now() - t0 });
"""

# Installed before any page script: records when the first chart appears, when the widget
# turns ready, and every long task, all on the page's own clock (0 = navigation start).
PROBES = """
window.__bench = { firstChart: null, ready: null, liveChart: null, longTasks: [] };
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch (error) {}
new MutationObserver(() => {
  const b = window.__bench;
  if (b.firstChart === null && document.querySelector(".atlas-widget-chart svg")) b.firstChart = performance.now();
  const widget = document.querySelector(".atlas-explorer");
  if (b.ready === null && widget && widget.dataset.state === "ready") b.ready = performance.now();
  if (b.liveChart === null && document.querySelector(".atlas-widget-chart[data-atlas-renders]")) b.liveChart = performance.now();
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state", "data-atlas-renders"] });
"""

SLIDER_MOVE = """async ([name, value]) => {
  const root = document.querySelector(".atlas-explorer");
  const range = root.querySelector(`input[type="range"][name="${name}"]`);
  return await new Promise((resolve) => {
    root.addEventListener("atlas:rendered", () => resolve(performance.now() - t0), { once: true });
    range.value = String(value);
    const t0 = performance.now();
    range.dispatchEvent(new Event("input", { bubbles: true }));
  });
}"""


def median(values):
    return round(statistics.median(values), 1) if values else None


def measure_widgets(browser, base_url: str, runs: int, slider_moves: int) -> dict:
    first_chart, tti, boot, long_task, slider, level = [], [], [], [], [], []
    first_paint, live_chart, long_task_live = [], [], []
    bare_tti, bare_boot = [], []
    steps, worker_start = {}, []  # the worker's own timings of its steps; when the page started it
    for run in range(runs):
        context, network = new_recorded_context(browser)
        page = context.new_page()
        page.add_init_script(PROBES)
        page.goto(base_url + "explorer/", wait_until="commit")
        page.wait_for_function("() => window.__bench && window.__bench.ready !== null", timeout=READY_TIMEOUT)
        page.wait_for_function("() => !document.querySelector('.atlas-explorer').dataset.busy", timeout=30_000)
        bench = page.evaluate("() => window.__bench")
        runtime = page.evaluate("() => { const s = window.AtlasPython.get().state; return [s.startedAt, s.readyAt, s.timings]; }")
        first_chart.append(bench["firstChart"])
        # The first paint of anything: the build-time chart cannot show before it (the theme's stylesheets hold it up).
        first_paint.append(page.evaluate(
            "() => (performance.getEntriesByName('first-contentful-paint')[0] || { startTime: null }).startTime"))
        live_chart.append(bench["liveChart"])
        tti.append(bench["ready"])
        boot.append(runtime[1] - runtime[0])
        for step, ms in (runtime[2] or {}).items():
            steps.setdefault(step, []).append(ms)
        worker_start.append(runtime[0])
        long_task.append(max((duration for start, duration in bench["longTasks"] if start <= bench["ready"]), default=0.0))
        # Until the first live chart, which follows "ready": Vega loads and draws then.
        long_task_live.append(max((duration for start, duration in bench["longTasks"] if start <= bench["liveChart"]), default=0.0))
        # The level slider keeps the chart's structure (the view is fed new data); the seed
        # slider often adds or removes an episode layer, which means a fresh Vega view.
        for move in range(slider_moves):
            level.append(page.evaluate(SLIDER_MOVE, ["level", round(4.5 + 0.1 * (move % 15), 1)]))
            slider.append(page.evaluate(SLIDER_MOVE, ["seed", 100 + run * slider_moves + move]))
        if network.blocked:
            raise SystemExit(f"requests left the machine: {network.blocked}")
        context.close()

        context, _ = new_recorded_context(browser)
        page = context.new_page()
        page.goto(base_url + "assets/bench/bare.html", wait_until="commit")
        page.wait_for_function("() => window.__bare", timeout=READY_TIMEOUT)
        bare = page.evaluate("() => window.__bare")
        bare_tti.append(bare["readyAt"])
        bare_boot.append(bare["readyAt"] - bare["startedAt"])
        context.close()
        print(f"run {run + 1}: first chart {bench['firstChart']:.0f} ms, ready {bench['ready']:.0f} ms "
              f"(bare {bare['readyAt']:.0f} ms), longest task {long_task[-1]:.0f} ms, "
              f"slider median: level {statistics.median(level[-slider_moves:]):.1f} ms, "
              f"seed {statistics.median(slider[-slider_moves:]):.1f} ms", flush=True)
    figures = {
        "first_chart_ms": median(first_chart),
        "first_contentful_paint_ms": median([value for value in first_paint if value is not None]),
        "first_live_chart_ms": median(live_chart),
        "time_to_interactive_ms": median(tti),
        "bare_pyodide_time_to_interactive_ms": median(bare_tti),
        "worker_boot_ms": median(boot),
        "worker_start_ms": median(worker_start),
        **{f"worker_{step}_ms": median(values) for step, values in steps.items()},
        "bare_worker_boot_ms": median(bare_boot),
        "slider_to_chart_ms": median(level + slider),
        "level_slider_to_chart_ms": median(level),
        "seed_slider_to_chart_ms": median(slider),
        "slider_to_chart_p90_ms": round(statistics.quantiles(level + slider, n=10)[-1], 1) if len(slider) >= 5 else None,
        "longest_boot_task_ms": median(long_task),
        "longest_boot_task_max_ms": round(max(long_task), 1),
        "longest_task_to_live_chart_ms": median(long_task_live),
    }
    figures["overhead_vs_bare_percent"] = round(100 * (figures["time_to_interactive_ms"] / figures["bare_pyodide_time_to_interactive_ms"] - 1), 1)
    figures["worker_overhead_vs_bare_percent"] = round(100 * (figures["worker_boot_ms"] / figures["bare_worker_boot_ms"] - 1), 1)
    return figures


def measure_cli(clients: int, sessions: int, runs: int) -> dict:
    from trajectories_cli import time_cli, write_clients_csv

    with tempfile.TemporaryDirectory() as directory:
        csv_path = pathlib.Path(directory) / "clients.csv"
        write_clients_csv(csv_path, clients, sessions)
        timings = time_cli(csv_path, "csv", runs)
    return {"cli_clients": clients, "cli_sessions": sessions, "cli_csv_seconds": round(statistics.median(timings), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--slider-moves", type=int, default=20)
    parser.add_argument("--site", type=pathlib.Path, help="a built site to use instead of building one")
    parser.add_argument("--cli-runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        site = args.site
        if site is None:
            started = time.perf_counter()
            result = build_site(REPO_ROOT / "mkdocs.yml", pathlib.Path(directory) / "site")
            if not result.ok:
                raise SystemExit(f"the build failed:\n{result.output[-3000:]}")
            site = result.site_dir
            print(f"built the site in {time.perf_counter() - started:.1f} s")
        bench_dir = site / "assets" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        (bench_dir / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
        (bench_dir / "bare-worker.js").write_text(BARE_WORKER, encoding="utf-8")

        from playwright.sync_api import sync_playwright

        with serve_directory(site) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                figures = {"benchmark": "widgets", "runs": args.runs}
                figures.update(measure_widgets(browser, base_url, args.runs, args.slider_moves))
            finally:
                browser.close()
        if args.site is not None:
            for name in ("bare.html", "bare-worker.js"):
                (bench_dir / name).unlink()
            bench_dir.rmdir()

    figures.update(measure_cli(10_000, 20, args.cli_runs))
    print(f"first chart {figures['first_chart_ms']} ms (goal <= 500); "
          f"interactive {figures['time_to_interactive_ms']} ms vs bare Pyodide {figures['bare_pyodide_time_to_interactive_ms']} ms "
          f"(+{figures['overhead_vs_bare_percent']}%); worker boot {figures['worker_boot_ms']} ms vs {figures['bare_worker_boot_ms']} ms; "
          f"slider -> chart {figures['slider_to_chart_ms']} ms (goal <= 30; level {figures['level_slider_to_chart_ms']}, "
          f"seed {figures['seed_slider_to_chart_ms']}); longest boot task {figures['longest_boot_task_ms']} ms "
          f"(goal <= 100); CLI 10,000 x 20 CSV {figures['cli_csv_seconds']} s")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
