"""Execute the explainer notebooks and tell whether their stored outputs are current.

The site renders the notebooks as stored (mkdocs-jupyter ``execute: false``), so the build is
fast and needs no kernel. The outputs are kept honest instead: the test suite re-runs every
notebook top to bottom in a fresh ``python3`` kernel and compares the normalised outputs with
the stored ones. After changing a notebook or the code it calls, refresh the stored outputs::

    .venv/bin/python -m alliance_atlas.explainers.notebooks          # rewrite docs/explainers/*.ipynb
    .venv/bin/python -m alliance_atlas.explainers.notebooks --check  # exit 1 if any is stale

Execution sets ``ALLIANCE_ATLAS_SITE_OUTPUT=1`` so that figures are stored in the form the site
draws (see ``alliance_atlas.explainers.charts``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterator

from alliance_atlas.explainers.charts import SITE_OUTPUT_ENV

KERNEL_NAME = "python3"
TIMEOUT_SECONDS = 300
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "docs" / "explainers"
# Long float literals are rounded before comparing: the last digits of libm results may differ by platform.
_LONG_FLOAT = re.compile(r"(?<![\w.])(-?\d+\.\d{7,})(?:e[-+]?\d+)?")
_VOLATILE_MIME = {"application/vnd.jupyter.widget-view+json"}


@contextlib.contextmanager
def _site_output() -> Iterator[None]:
    previous = os.environ.get(SITE_OUTPUT_ENV)
    os.environ[SITE_OUTPUT_ENV] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(SITE_OUTPUT_ENV, None)
        else:
            os.environ[SITE_OUTPUT_ENV] = previous


def read(path: Path):
    import nbformat

    return nbformat.read(str(path), as_version=4)


def execute(path: Path, *, kernel_name: str = KERNEL_NAME):
    """A copy of the notebook at ``path``, run top to bottom in a fresh kernel (errors raise)."""
    import nbclient

    notebook = read(path)
    with _site_output():
        client = nbclient.NotebookClient(
            notebook,
            kernel_name=kernel_name,
            timeout=TIMEOUT_SECONDS,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
    return notebook


def _round_floats(text: str) -> str:
    return _LONG_FLOAT.sub(lambda match: f"{float(match.group(0)):.6g}", text)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def normalized_outputs(notebook) -> list[list[dict[str, Any]]]:
    """Each code cell's outputs without execution counts, metadata or platform-dependent digits."""
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            kind = output["output_type"]
            if kind == "stream":
                outputs.append({"stream": output["name"], "text": _round_floats(_text(output["text"]))})
            elif kind in ("display_data", "execute_result"):
                data = {
                    mime: _round_floats(value if isinstance(value, str) else _text(value))
                    if not isinstance(value, dict) else value
                    for mime, value in output.get("data", {}).items()
                    if mime not in _VOLATILE_MIME
                }
                outputs.append({"data": data})
            elif kind == "error":
                outputs.append({"error": output["ename"], "value": output["evalue"]})
        cells.append(outputs)
    return cells


def stale_cells(stored, fresh) -> list[int]:
    """Indices (among code cells, from 0) whose stored outputs differ from a fresh run's."""
    before, after = normalized_outputs(stored), normalized_outputs(fresh)
    if len(before) != len(after):
        return list(range(max(len(before), len(after))))
    return [index for index, (old, new) in enumerate(zip(before, after)) if old != new]


def notebooks(directory: Path = DEFAULT_DIR) -> list[Path]:
    return sorted(directory.glob("*.ipynb"))


def refresh(path: Path) -> bool:
    """Re-execute ``path`` and store its outputs; True if anything changed."""
    import nbformat

    stored = read(path)
    fresh = execute(path)
    counts = [[c.get("execution_count") for c in nb.cells if c.cell_type == "code"] for nb in (stored, fresh)]
    changed = bool(stale_cells(stored, fresh)) or counts[0] != counts[1]
    if changed:
        nbformat.write(fresh, str(path))
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Execute the explainer notebooks and store their outputs.")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: docs/explainers/*.ipynb)")
    parser.add_argument("--check", action="store_true", help="only report stale notebooks; exit 1 if any")
    args = parser.parse_args(argv)
    paths = args.paths or notebooks()
    stale = []
    for path in paths:
        if args.check:
            cells = stale_cells(read(path), execute(path))
            if cells:
                stale.append(path)
                print(f"{path}: stale outputs in code cells {', '.join(str(c + 1) for c in cells)}")
        else:
            print(f"{path}: {'outputs updated' if refresh(path) else 'unchanged'}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
