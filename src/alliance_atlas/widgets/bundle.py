"""Ship the part of the package that runs in the browser as a wheel that Pyodide installs by name.

Only standard-library modules go in: Pyodide's npm core ships no package wheels, so anything that
imports bibtexparser or citeproc would fail there. The wheel is byte-for-byte reproducible (fixed
timestamps, sorted names) and its version carries a hash of its content (``0.1.0+g1a2b3c4d5e6f``), so
its file name changes exactly when its code does: no cache can serve an old wheel under a new lock.

The wheel is registered in a site-local ``pyodide-lock.json`` by pyodide-build's own
``pyodide lockfile add-wheels`` (run offline), starting from the lock file of the pinned Pyodide core.
The worker loads that lock file and installs the package by name (``loadPyodide``'s ``packages``), which
checks the wheel's sha256 against the lock. That tool costs a build about a second of CPU (a Python process that
imports pyodide-build). A build starts it early and waits for it at the end, and its output is kept in
``.cache/pyodide-lock/``, named after everything it is made from (the wheel, the core lock, the tool's
version, the wheel's address): a build whose wheel is unchanged copies it instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path
from typing import IO

PACKAGE_NAME = "alliance_atlas"
DISTRIBUTION = "alliance-atlas"
PYTHON_DIR = "assets/python"
LOCK_FILE = f"{PYTHON_DIR}/pyodide-lock.json"
# Paths inside the package; a folder takes every .py file under it.
BROWSER_MODULES = (
    "__init__.py", "trajectories",
    "widgets/__init__.py", "widgets/api.py", "widgets/contract.py", "widgets/controls.py", "widgets/user_code.py",
    "widgets/vega_spec.py",
    # The chart questions ("Another one"); the rest of questions/ needs Markdown and the bibliography.
    "questions/__init__.py", "questions/contract.py", "questions/chart_bank.py", "questions/chart_html.py",
)
_FIXED_TIMESTAMP = (2020, 1, 1, 0, 0, 0)
LOCK_CACHE_SUBDIR = Path(".cache") / "pyodide-lock"


class BundleError(RuntimeError):
    """The browser wheel or its lock file could not be written."""


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


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def browser_version(contents: dict[str, bytes]) -> str:
    """The package's version with a local label hashing the shipped files (PEP 440: ``0.1.0+g<12 hex>``)."""
    digest = hashlib.sha256()
    for name in sorted(contents):
        digest.update(name.encode() + b"\0" + contents[name] + b"\0")
    return f"{metadata.version(DISTRIBUTION)}+g{digest.hexdigest()[:12]}"


def build_browser_wheel(package_root: Path, directory: Path) -> Path:
    """Write a pure-Python wheel of the browser modules into `directory`; return its path."""
    contents = {
        f"{PACKAGE_NAME}/{file.relative_to(package_root).as_posix()}": file.read_bytes()
        for file in browser_files(package_root)
    }
    version = browser_version(contents)
    dist_info = f"{PACKAGE_NAME}-{version}.dist-info"
    contents[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {DISTRIBUTION}\nVersion: {version}\nRequires-Python: >=3.12\n"
        "Summary: The browser half of Alliance Atlas: trajectories and the widget API (standard library only)\n"
    ).encode()
    contents[f"{dist_info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: alliance_atlas.widgets.bundle\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()
    contents[f"{dist_info}/top_level.txt"] = f"{PACKAGE_NAME}\n".encode()
    record = [f"{name},{_record_hash(data)},{len(data)}" for name, data in contents.items()]
    contents[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()

    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{PACKAGE_NAME}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():  # the dist-info last, as installers expect
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target


def write_lock_file(wheel: Path, core_lock: Path, target: Path, *, timeout: float = 120,
                    cache_dir: Path | None = None) -> Path:
    """Write `target`: `core_lock` (the Pyodide core's pyodide-lock.json) with `wheel` added by
    `pyodide lockfile add-wheels`. The wheel's address in the lock is relative to `target`'s folder.

    With `cache_dir`, a lock file made before from the same inputs is copied rather than made again."""
    return start_lock_file(wheel, core_lock, target, cache_dir=cache_dir).wait(timeout)


def start_lock_file(wheel: Path, core_lock: Path, target: Path, *, cache_dir: Path | None = None) -> PendingLock:
    """Begin `write_lock_file`: the tool runs in its own process while the caller goes on; `wait` finishes it."""
    if not core_lock.is_file():
        raise BundleError(f"{core_lock} is missing: run `npm ci` (the README's commands do)")
    cached = Path(cache_dir) / f"{_lock_key(wheel, core_lock, target)}.json" if cache_dir is not None else None
    if cached is not None and _valid_json(cached):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        return PendingLock(wheel, target, None, None)
    command = [sys.executable, "-m", "pyodide_cli", "lockfile", "add-wheels",
               "--input", str(core_lock.resolve()), "--output", str(target.resolve()),
               "--base-path", str(target.parent.resolve()), str(wheel.resolve())]
    # Its output goes to a file: a pipe nobody reads until the end could fill up and stall the tool.
    output = tempfile.TemporaryFile("w+", encoding="utf-8")
    try:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)
    except OSError as error:
        output.close()
        raise BundleError(f"`pyodide lockfile add-wheels` could not start: {error}") from error
    return PendingLock(wheel, target, process, output, cached)


class PendingLock:
    """A lock file being written by `pyodide lockfile add-wheels` in its own process (or already written)."""

    def __init__(self, wheel: Path, target: Path, process: subprocess.Popen | None, output: IO[str] | None,
                 cached: Path | None = None):
        self.wheel, self.target = wheel, target
        self._process, self._output, self._cached = process, output, cached
        self._cancelled = False

    def wait(self, timeout: float = 120) -> Path:
        """The lock file's path once the tool has written it; BundleError if it failed or took over `timeout` s."""
        if self._cancelled:
            raise BundleError(f"the lock file for {self.wheel.name} was cancelled before it was written")
        process, output = self._process, self._output
        if process is None or output is None:
            return self.target
        self._process = self._output = None
        try:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired as error:
                process.kill()
                process.wait()
                raise BundleError(f"`pyodide lockfile add-wheels` took over {timeout:.0f} s") from error
            if process.returncode != 0 or not self.target.is_file():
                output.seek(0)
                detail = output.read().strip()[-1500:]
                raise BundleError(f"`pyodide lockfile add-wheels` could not register {self.wheel.name} "
                                  f"(pyodide-build is pinned in constraints.txt): {detail}")
        finally:
            output.close()
        if self._cached is not None:
            _keep(self.target, self._cached)
        return self.target

    def cancel(self) -> None:
        """Stop the tool if it is still running (a build that failed before it needed the lock file)."""
        process, output = self._process, self._output
        self._process = self._output = None
        self._cancelled = True
        if process is not None:
            process.kill()
            process.wait()
        if output is not None:
            output.close()


def _lock_key(wheel: Path, core_lock: Path, target: Path) -> str:
    """A hash of everything `add-wheels` writes the lock file from."""
    try:
        tool = metadata.version("pyodide-build")
    except metadata.PackageNotFoundError:
        tool = "not installed"
    address = os.path.relpath(wheel.resolve(), target.parent.resolve())
    digest = hashlib.sha256(f"pyodide-build {tool}\n{address}\n".encode())
    digest.update(hashlib.sha256(wheel.read_bytes()).digest())
    digest.update(hashlib.sha256(core_lock.read_bytes()).digest())
    return digest.hexdigest()


def _valid_json(path: Path) -> bool:
    # A file cut short (a build killed while writing) is not JSON: make the lock file again.
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return True


def _keep(made: Path, cached: Path) -> None:
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cached.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "wb") as out:
            out.write(made.read_bytes())
        os.replace(temporary, cached)
    except OSError:
        # A read-only checkout still builds; only the next build runs the tool again.
        pass


def build_browser_package(package_root: Path, core_lock: Path, site_dir: Path, *,
                          cache_dir: Path | None = None) -> tuple[Path, Path]:
    """The wheel and the site-local lock file, both in `site_dir/PYTHON_DIR` (`cache_dir`: see write_lock_file)."""
    pending = start_browser_package(package_root, core_lock, site_dir, cache_dir=cache_dir)
    return pending.wheel, pending.wait()


def start_browser_package(package_root: Path, core_lock: Path, site_dir: Path, *,
                          cache_dir: Path | None = None) -> PendingLock:
    """Write the wheel and begin its lock file (see start_lock_file): a build starts this early and waits at
    the end, so the tool's second or so of CPU runs beside the pages rather than after them."""
    wheel = build_browser_wheel(package_root, site_dir / PYTHON_DIR)
    return start_lock_file(wheel, core_lock, site_dir / LOCK_FILE, cache_dir=cache_dir)
