"""Bench: what resolving citations costs a real ``mkdocs build``, against mkdocs-bibtex 4.4.

For each bibliography size (500 and 5,000 synthetic, valid entries) it writes a temporary
MkDocs project with 200 pages citing 20 keys each, and builds it three ways, in the same run:

* plain:          no citation processing; ``[@key]`` stays literal text (the baseline);
* atlas:          the site's own hooks (``hooks/bibliography_*.py``), which resolve citations to APA
                  and generate one reference page per entry plus the downloads; its cache of formatted
                  references (``.cache/references``) is emptied first, as on a fresh clone;
* atlas-warm:     the same, built again with that cache warm, as every build after the first
                  (``make serve``) is;
* mkdocs-bibtex:  the mkdocs-bibtex 4.4 plugin on the same .bib and pages (pybtex "plain"
                  style into footnotes; its CSL mode needs pandoc, absent here).

Overhead = build time minus the plain build's. A small timing hook of the bench's own,
listed first and last in the plain and atlas builds, also splits them per page: citing pages and
generated reference pages (including their share of the generation in ``on_files``) against the
plain build's pages. Each per-page figure is the median over the runs, the plain build's timed in
the same interleaved runs as the atlas builds, since one run of a page's CPU time can be 20% off.
The per-page and ``on_files`` figures without a suffix are the warm build's; ``*_cold`` ones the
cold build's.

This prints figures; it is not a test. The last line is one JSON object with every figure.
Run: ``.venv/bin/python bench/bibliography.py [--sizes 500 5000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from alliance_atlas.bibliography.vocabulary import EVIDENCE_TYPES, TOPICS  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs"]
ATLAS_HOOKS = ["bibliography_load.py", "bibliography_citations.py", "bibliography_pages.py"]

_FAMILIES = """Safran Muran Horvath Bordin Greenson Luborsky Gaston Hatcher Tracey Kivlighan Stiles Eubanks
Falkenstrom Fluckiger Wampold Norcross Lambert Ackerman Hilsenroth Castonguay Constantino Duncan Miller
Krupnick Martin Garske Shirk Karver McLeod Meier Leahy Gelso Carter Hayes Strauss Marmar Henry Strupp
Saunders Howard Orlinsky Overholser Richards Bergin Koenig Rose Westefeld Bishop Keating""".split()
_WORDS = """alliance rupture repair therapist client outcome bond goals tasks session feedback monitoring
empathy countertransference resistance attachment process change trajectory measurement scale
inventory dropout adolescents couples group psychodynamic cognitive humanistic integrative
negotiation collaboration agreement responsiveness supervision training relationship""".split()
_JOURNALS = [
    "Journal of Counseling Psychology",
    "Journal of Consulting and Clinical Psychology",
    "Psychotherapy",
    "Psychotherapy Research",
    "Clinical Psychology Review",
    "Counseling and Values",
]
_PUBLISHERS = [("Guilford Press", "New York"), ("American Psychological Association", "Washington, DC"),
               ("Oxford University Press", "New York"), ("Wiley", "Hoboken, NJ")]


# ---------------------------------------------------------------------------------------------
# Synthetic input


def synthetic_bib(count: int, seed: int = 1) -> tuple[str, list[str]]:
    """A valid .bib of ``count`` entries (80% articles, 10% books, 10% chapters) and its keys."""
    rng = random.Random(seed)
    topics, evidence_types = list(TOPICS), list(EVIDENCE_TYPES)
    entries, keys = [], []
    for index in range(count):
        families = rng.sample(_FAMILIES, rng.choice([1, 2, 2, 3, 4, 6]))
        authors = " and ".join(f"{family}, {rng.choice('ABCDEHJKLMPRSTW')}. {rng.choice('ABCDEJKLMS')}." for family in families)
        year = rng.randint(1950, 2024)
        words = rng.sample(_WORDS, rng.randint(4, 9))
        title = " ".join(words).capitalize()
        key = f"{families[0].lower()}{year}{words[0]}{index}"
        kind = rng.random()
        fields = [("author", authors), ("title", title)]
        if kind < 0.8:
            entry_type = "article"
            first = rng.randint(1, 900)
            fields += [("journal", rng.choice(_JOURNALS)), ("volume", str(rng.randint(1, 80))),
                       ("number", str(rng.randint(1, 6))), ("pages", f"{first}--{first + rng.randint(3, 30)}")]
        elif kind < 0.9:
            entry_type = "book"
            publisher, place = rng.choice(_PUBLISHERS)
            fields += [("publisher", publisher), ("address", place)]
        else:
            entry_type = "incollection"
            publisher, place = rng.choice(_PUBLISHERS)
            first = rng.randint(1, 400)
            fields += [("editor", f"{rng.choice(_FAMILIES)}, J. C."), ("booktitle", " ".join(rng.sample(_WORDS, 5)).capitalize()),
                       ("pages", f"{first}--{first + rng.randint(10, 30)}"), ("publisher", publisher), ("address", place)]
        fields.append(("year", str(year)))
        if rng.random() < 0.6:
            fields.append(("doi", f"10.5555/atlas.{index}"))
        if rng.random() < 0.2:
            fields.append(("pmid", str(10_000_000 + index)))
        fields += [
            ("keywords", ", ".join(rng.sample(topics, rng.randint(1, 3)))),
            ("evidence", rng.choice(evidence_types)),
            ("core", rng.choice(["true", "false"])),
            ("annotation", f"A synthetic entry about {words[0]} and {words[1]}, made for the bench."),
        ]
        body = "\n".join(f"  {name} = {{{value}}}," for name, value in fields)
        entries.append(f"@{entry_type}{{{key},\n{body}\n}}\n")
        keys.append(key)
    return "\n".join(entries), keys


def synthetic_pages(keys: list[str], pages: int, cites: int, seed: int = 2) -> dict[str, str]:
    """``pages`` Markdown pages, each citing ``cites`` distinct keys as ``[@key]``."""
    rng = random.Random(seed)
    documents = {"index.md": "# Bench\n\nA synthetic site.\n"}
    for number in range(pages):
        lines = [f"# Page {number}", ""]
        for section, key in enumerate(rng.sample(keys, cites)):
            if section % 5 == 0:
                lines += [f"## Section {section // 5}", ""]
            sentence = " ".join(rng.sample(_WORDS, 10)).capitalize()
            lines += [f"{sentence} [@{key}].", ""]
        documents[f"page_{number:03d}.md"] = "\n".join(lines)
    return documents


# ---------------------------------------------------------------------------------------------
# Timing hooks of the bench's own: first and last in the hook list, so each event's span covers
# every other handler. They append JSON lines to $ATLAS_BENCH_TIMES.

_TIMING_HOOK = '''
import json, os, time
_MARKS = []
def _mark(event, src=None):
    # CPU time of the build process: other jobs on the machine do not inflate it.
    _MARKS.append({{"edge": "{edge}", "event": event, "t": time.process_time(), "src": src}})
def on_files(files, config, **kwargs):
    _mark("files"); return files
def on_pre_page(page, **kwargs):
    _mark("pre_page", page.file.src_uri); return page
def on_page_content(html, page, **kwargs):
    _mark("page_content", page.file.src_uri); return html
def on_page_context(context, page, **kwargs):
    _mark("page_context", page.file.src_uri); return context
def on_post_page(output, page, **kwargs):
    _mark("post_page", page.file.src_uri); return output
def on_env(env, config, files, **kwargs):
    _mark("env"); return env
def on_post_build(config, **kwargs):
    # Written once at the end, so timing costs nothing measurable during the build.
    with open(os.environ["ATLAS_BENCH_TIMES"], "a") as handle:
        handle.writelines(json.dumps(mark) + "\\n" for mark in _MARKS)
    _MARKS.clear()
'''


def _page_times(times_file: Path, authored: set[str]) -> dict:
    """Split the atlas build: seconds in on_files/on_env, and per-page render times by kind."""
    begin, end = {}, {}
    for line in times_file.read_text().splitlines():
        mark = json.loads(line)
        slot = (mark["event"], mark.get("src"))
        (begin if mark["edge"] == "begin" else end).setdefault(slot, mark["t"])
    files = end[("files", None)] - begin[("files", None)]
    env = end[("env", None)] - begin[("env", None)]
    # MkDocs reads every page (on_pre_page .. on_page_content), then renders every page
    # (on_page_context .. on_post_page); a page's time is the sum of its two spans.
    generated, written = [], []
    for (event, src), start in begin.items():
        if event != "pre_page" or ("post_page", src) not in end:
            continue
        span = end[("page_content", src)] - start + end[("post_page", src)] - begin[("page_context", src)]
        (written if src in authored else generated).append(span)
    return {"on_files_s": files, "on_env_s": env, "generated": generated, "written": written}


# ---------------------------------------------------------------------------------------------
# Projects and builds


_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", {"toc": {"permalink": True}}]


def _config(variant: str, bib_name: str, hook_dir: Path) -> dict:
    config = {
        "site_name": f"Bench ({variant})",
        "site_url": "http://127.0.0.1:8000/",
        "theme": {"name": "material", "custom_dir": str(REPO / "overrides"), "font": False},
        "markdown_extensions": _EXTENSIONS,
        "plugins": ["search"],
        "extra": {"bibliography": bib_name},
    }
    if variant == "atlas":
        config["hooks"] = [str(hook_dir / "bench_begin.py"), *(str(REPO / "hooks" / name) for name in ATLAS_HOOKS), str(hook_dir / "bench_end.py")]
    elif variant == "plain":
        # Only the timing hooks: citations stay literal, and the plain pages are timed as the atlas ones are.
        config["hooks"] = [str(hook_dir / "bench_begin.py"), str(hook_dir / "bench_end.py")]
    elif variant == "mkdocs-bibtex":
        config["plugins"] = ["search", {"bibtex": {"bib_file": bib_name}}]
    return config


def _write_project(root: Path, bib: str, documents: dict[str, str]) -> None:
    (root / "docs").mkdir(parents=True)
    (root / "refs.bib").write_text(bib, encoding="utf-8")
    for name, text in documents.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    for edge in ("begin", "end"):
        (root / f"bench_{edge}.py").write_text(_TIMING_HOOK.format(edge=edge))
    for variant in ("plain", "atlas", "mkdocs-bibtex"):
        # JSON is YAML, and needs no YAML writer.
        (root / f"mkdocs-{variant}.yml").write_text(json.dumps(_config(variant, "refs.bib", root), indent=2))
    (root / "mkdocs-atlas-warm.yml").write_text(json.dumps(_config("atlas", "refs.bib", root), indent=2))


def _build(root: Path, variant: str, times_file: Path) -> tuple[float, float]:
    """Build one variant in a fresh process; return (wall seconds, CPU seconds of the build)."""
    env = {"ATLAS_BENCH_TIMES": str(times_file), "PYTHONHASHSEED": "0"}
    return timed_build(root / f"mkdocs-{variant}.yml", root / f"site-{variant}", root, env)


def timed_build(config: Path, site_dir: Path, cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """``mkdocs build`` of ``config`` in a fresh process; (wall seconds, CPU seconds of the build). bench/build.py uses it too."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}
    command = [*MKDOCS, "build", "-q", "-f", str(config), "-d", str(site_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build of {config.name} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _check_outputs(root: Path) -> dict:
    """Make sure each variant really did (or did not) resolve citations, so the figures mean something."""
    sample = root / "site-{}" / "page_000" / "index.html"
    plain = sample.as_posix().format("plain")
    atlas = sample.as_posix().format("atlas")
    bibtex = sample.as_posix().format("mkdocs-bibtex")
    text = {name: Path(path).read_text(encoding="utf-8") for name, path in (("plain", plain), ("atlas", atlas), ("mkdocs-bibtex", bibtex))}
    generated = list((root / "site-atlas").rglob("index.html"))
    return {
        "plain_left_literal": "[@" in text["plain"],
        "atlas_resolved": "[@" not in text["atlas"],
        "mkdocs_bibtex_resolved": "[@" not in text["mkdocs-bibtex"],
        "atlas_html_pages": len(generated),
    }


def _overheads(times: dict[str, list[float]]) -> dict:
    median = {variant: statistics.median(values) for variant, values in times.items()}
    atlas = median["atlas"] - median["plain"]
    bibtex = median["mkdocs-bibtex"] - median["plain"]
    return {
        "runs_s": {variant: [round(value, 3) for value in values] for variant, values in times.items()},
        "median_build_s": {variant: round(value, 3) for variant, value in median.items()},
        "atlas_overhead_s": round(atlas, 3),
        "atlas_warm_overhead_s": round(median["atlas-warm"] - median["plain"], 3),
        "mkdocs_bibtex_overhead_s": round(bibtex, 3),
        "ratio_atlas_to_mkdocs_bibtex": round(atlas / bibtex, 2) if bibtex > 0 else None,
    }


def bench_size(entries: int, pages: int, cites: int, repeat: int) -> dict:
    bib, keys = synthetic_bib(entries)
    documents = synthetic_pages(keys, pages, cites)
    with tempfile.TemporaryDirectory(prefix=f"atlas-bench-{entries}-") as tmp:
        root = Path(tmp)
        _write_project(root, bib, documents)
        wall: dict[str, list[float]] = {"plain": [], "atlas": [], "atlas-warm": [], "mkdocs-bibtex": []}
        cpu: dict[str, list[float]] = {variant: [] for variant in wall}
        splits: dict[str, list[dict]] = {"plain": [], "atlas": [], "atlas-warm": []}
        for run in range(repeat):
            # Interleaved, so drift in machine load hits every variant alike.
            for variant in wall:
                if variant == "atlas":
                    shutil.rmtree(root / ".cache", ignore_errors=True)
                times_file = root / f"times-{variant}-{run}.jsonl"
                seconds, cpu_seconds = _build(root, variant, times_file)
                wall[variant].append(seconds)
                cpu[variant].append(cpu_seconds)
                if variant in splits:
                    splits[variant].append(_page_times(times_file, set(documents)))
        checks = _check_outputs(root)
    figures = {
        "entries": entries,
        "pages": pages,
        "cites_per_page": cites,
        "repeat": repeat,
        "wall": _overheads(wall),
        "cpu": _overheads(cpu),
        "checks": checks,
    }
    for variant, suffix in (("atlas-warm", ""), ("atlas", "_cold")):
        figures.update({name + suffix: value for name, value in _median_figures([_split_figures(split) for split in splits[variant]]).items()})
    plain_pages_ms = [1000 * statistics.mean(split["written"]) for split in splits["plain"]]
    figures["plain_page_cpu_ms_runs"] = [round(value, 2) for value in plain_pages_ms]
    figures["plain_page_cpu_ms"] = round(statistics.median(plain_pages_ms), 2)
    return figures


def _median_figures(runs: list[dict]) -> dict:
    """Each figure's median over the runs (None stays None), with the citing page's figure of every run."""
    figures = {}
    for name in runs[0]:
        values = [run[name] for run in runs if run[name] is not None]
        if not values:
            figures[name] = None
        else:
            figures[name] = values[0] if len(set(values)) == 1 else round(statistics.median(values), 3)
    figures["atlas_citing_page_cpu_ms_runs"] = [run["atlas_citing_page_cpu_ms"] for run in runs]
    return figures


def _split_figures(split: dict) -> dict:
    written_ms = 1000 * statistics.mean(split["written"]) if split["written"] else None
    generated_count = len(split["generated"])
    generated_ms = None
    if generated_count:
        # Each generated page's own render time plus its share of generating them all.
        generated_ms = 1000 * (sum(split["generated"]) + split["on_files_s"] + split["on_env_s"]) / generated_count
    return {
        "atlas_on_files_cpu_s": round(split["on_files_s"], 3),
        "atlas_on_env_cpu_s": round(split["on_env_s"], 3),
        "atlas_generated_pages": generated_count,
        "atlas_generated_page_cpu_ms": round(generated_ms, 2) if generated_ms is not None else None,
        "atlas_citing_page_cpu_ms": round(written_ms, 2) if written_ms is not None else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--cites", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant up to 1,000 entries; the median counts")
    parser.add_argument("--large-repeat", type=int, default=1, help="builds per variant above 1,000 entries (each takes minutes)")
    args = parser.parse_args(argv)

    missing = [name for name in ATLAS_HOOKS if not (REPO / "hooks" / name).is_file()]
    if missing:
        print(f"atlas hooks not present yet: {', '.join(missing)}; nothing to compare", file=sys.stderr)
        return 1
    try:
        import mkdocs_bibtex  # noqa: F401
    except ImportError:
        print("mkdocs-bibtex is missing: pip install -c constraints.txt -e '.[bench]'", file=sys.stderr)
        return 1

    results = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "sizes": []}
    for entries in args.sizes:
        repeat = args.repeat if entries <= 1000 else args.large_repeat
        print(f"== {entries} entries, {args.pages} pages x {args.cites} citations, {repeat} build(s) per variant", flush=True)
        figures = bench_size(entries, args.pages, args.cites, repeat)
        results["sizes"].append(figures)
        for clock in ("wall", "cpu"):
            numbers = figures[clock]
            for variant, seconds in numbers["median_build_s"].items():
                print(f"  {clock:<4} build {variant:<14} {seconds:8.2f} s   (runs: {numbers['runs_s'][variant]})")
            print(f"  {clock:<4} overhead atlas          {numbers['atlas_overhead_s']:8.2f} s")
            print(f"  {clock:<4} overhead mkdocs-bibtex  {numbers['mkdocs_bibtex_overhead_s']:8.2f} s")
            print(f"  {clock:<4} ratio atlas/mkdocs-bibtex {numbers['ratio_atlas_to_mkdocs_bibtex']}")
        for suffix, cache in (("_cold", "cold cache"), ("", "warm cache")):
            print(f"  atlas, {cache}: on_files (reference pages and downloads) {figures['atlas_on_files_cpu_s' + suffix]:.2f} s CPU,"
                  f" {1000 * figures['atlas_on_files_cpu_s' + suffix] / entries:.2f} ms per entry, on_env {figures['atlas_on_env_cpu_s' + suffix]:.2f} s")
            print(f"  atlas, {cache}: per page (CPU): generated reference page {figures['atlas_generated_page_cpu_ms' + suffix]} ms"
                  f" over {figures['atlas_generated_pages' + suffix]} pages | citing page {figures['atlas_citing_page_cpu_ms' + suffix]} ms"
                  f" | plain page {figures['plain_page_cpu_ms']} ms")
        print(f"  per run (CPU ms): citing page {figures['atlas_citing_page_cpu_ms_runs']} | plain page {figures['plain_page_cpu_ms_runs']}")
        print(f"  checks {figures['checks']}", flush=True)
    if len(results["sizes"]) >= 2:
        small, large = results["sizes"][0], results["sizes"][-1]
        growth = {"from": small["entries"], "to": large["entries"]}
        for clock in ("wall", "cpu"):
            for name in ("atlas_overhead_s", "mkdocs_bibtex_overhead_s"):
                if small[clock][name] > 0:
                    growth[f"{clock}_{name}"] = round(large[clock][name] / small[clock][name], 2)
        results["growth"] = growth
        print(f"== growth {small['entries']} -> {large['entries']} entries (overhead multiplied by): "
              + ", ".join(f"{name} x{value}" for name, value in growth.items() if name not in ("from", "to")))
    # The figures, for the largest size, at the top level of the JSON line.
    largest = results["sizes"][-1]
    for name in ("entries", "plain_page_cpu_ms", "atlas_citing_page_cpu_ms", "atlas_generated_page_cpu_ms", "atlas_on_files_cpu_s"):
        results[name] = largest[name]
        if name + "_cold" in largest:
            results[name + "_cold"] = largest[name + "_cold"]
    print(json.dumps(results, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
