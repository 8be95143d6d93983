"""Pack the part of the package that runs in the browser, for Pyodide to unpack.

Only standard-library modules go in: Pyodide's npm core ships no package wheels,
so anything that imports bibtexparser or citeproc would fail there. The zip is
byte-for-byte reproducible (fixed timestamps, sorted names), so rebuilding an
unchanged site changes nothing that a browser has cached.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

PACKAGE_NAME = "alliance_atlas"
BUNDLE_PATH = "assets/python/alliance_atlas.zip"
# Paths inside the package; a folder takes every .py file under it.
BROWSER_MODULES = (
    "__init__.py", "trajectories",
    "widgets/__init__.py", "widgets/api.py", "widgets/contract.py", "widgets/controls.py", "widgets/user_code.py",
)
_FIXED_TIMESTAMP = (2020, 1, 1, 0, 0, 0)


def browser_files(package_root: Path) -> list[Path]:
    """The package's browser modules, sorted; a missing one is an error, not a silent gap."""
    files = []
    for name in BROWSER_MODULES:
        path = package_root / name
        if path.is_dir():
            files.extend(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"browser module {path} is missing")
    return sorted(files)


def build_browser_bundle(package_root: Path, target: Path) -> Path:
    """Write `target` as a zip whose top folder is the package, ready for `sys.path`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in browser_files(package_root):
            name = f"{PACKAGE_NAME}/{file.relative_to(package_root).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())
    return target
