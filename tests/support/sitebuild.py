"""Build a MkDocs site with --strict, the way CI and readers' deployments do."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# Banners about MkDocs 2 from the theme and from properdocs would bury the build's own messages.
_QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def build_site(config_file: Path, site_dir: Path, *, env: dict[str, str] | None = None) -> BuildResult:
    """Run `mkdocs build --strict` in a subprocess, as a user would, and keep its output."""
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(config_file), "--site-dir", str(site_dir)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env={**os.environ, **_QUIET, **(env or {})},
        timeout=600,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site_dir)


def built_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of a built site, leaving out vendored libraries' own files."""
    return sorted(
        path for path in site_dir.rglob("*.html")
        if "assets" not in path.relative_to(site_dir).parts[:1]
    )


def page_url_path(site_dir: Path, page: Path) -> str:
    """The URL path a reader uses for a built page: `references/x/` for `references/x/index.html`."""
    relative = page.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative
