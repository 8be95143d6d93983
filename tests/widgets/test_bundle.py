"""The browser wheel and the site-local pyodide-lock.json that registers it (alliance_atlas.widgets.bundle)."""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys
import zipfile

import pytest

import alliance_atlas
from alliance_atlas.widgets.bundle import (
    DISTRIBUTION,
    LOCK_FILE,
    BundleError,
    build_browser_package,
    build_browser_wheel,
    start_browser_package,
    write_lock_file,
)
from support.processes import record_popen

PACKAGE_ROOT = pathlib.Path(alliance_atlas.__file__).parent
CORE_LOCK = pathlib.Path(__file__).resolve().parents[2] / "node_modules" / "pyodide" / "pyodide-lock.json"


def test_the_wheel_is_reproducible_and_named_by_its_content(tmp_path):
    first = build_browser_wheel(PACKAGE_ROOT, tmp_path / "a")
    second = build_browser_wheel(PACKAGE_ROOT, tmp_path / "b")
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
    assert first.name.startswith("alliance_atlas-") and first.name.endswith("-py3-none-any.whl")

    # A change to a shipped module gives another version, so no cache can serve the old wheel for it.
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE_ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "widgets" / "api.py").write_text((copy / "widgets" / "api.py").read_text() + "\n# changed\n")
    assert build_browser_wheel(copy, tmp_path / "c").name != first.name


def test_the_wheel_holds_the_browser_modules_and_a_record_that_matches_them(tmp_path):
    wheel = build_browser_wheel(PACKAGE_ROOT, tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "alliance_atlas/widgets/api.py" in names and "alliance_atlas/trajectories/__init__.py" in names
        assert not [name for name in names if name.startswith("alliance_atlas/bibliography/")]
        dist_info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/RECORD"))
        record = archive.read(f"{dist_info}/RECORD").decode().splitlines()
        for line in record:
            name, digest, size = line.rsplit(",", 2)
            if name.endswith("/RECORD"):
                continue
            data = archive.read(name)
            assert int(size) == len(data), name
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={expected}", name
        assert len(record) == len(names)
        assert f"Name: {DISTRIBUTION}" in archive.read(f"{dist_info}/METADATA").decode()


def test_pip_installs_the_wheel(tmp_path):
    wheel = build_browser_wheel(PACKAGE_ROOT, tmp_path / "dist")
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(tmp_path / "t"), str(wheel)],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "t" / "alliance_atlas" / "widgets" / "api.py").is_file()


def test_the_site_lock_file_adds_the_wheel_with_its_sha256_to_the_core_lock(tmp_path):
    if not CORE_LOCK.is_file():
        pytest.fail("node_modules/pyodide is needed: run `make test`, which installs it", pytrace=False)
    wheel, lock_file = build_browser_package(PACKAGE_ROOT, CORE_LOCK, tmp_path)
    assert lock_file == tmp_path / LOCK_FILE and wheel.parent == lock_file.parent
    lock = json.loads(lock_file.read_text(encoding="utf-8"))
    core = json.loads(CORE_LOCK.read_text(encoding="utf-8"))
    entry = lock["packages"][DISTRIBUTION]
    assert entry["file_name"] == wheel.name  # relative to the lock file, wherever the site is served
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["alliance_atlas"] and entry["depends"] == []
    assert lock["info"] == core["info"]
    assert set(lock["packages"]) == set(core["packages"]) | {DISTRIBUTION}


def test_a_missing_core_lock_file_is_a_clear_error(tmp_path):
    wheel = build_browser_wheel(PACKAGE_ROOT, tmp_path)
    with pytest.raises(BundleError, match="pyodide-lock.json is missing: run `npm ci`"):
        write_lock_file(wheel, tmp_path / "nowhere" / "pyodide-lock.json", tmp_path / "lock.json")


def test_a_lock_file_the_tool_cannot_read_is_reported_with_the_tool_s_words(tmp_path):
    wheel = build_browser_wheel(PACKAGE_ROOT, tmp_path)
    broken = tmp_path / "core-lock.json"
    broken.write_text("{ not json", encoding="utf-8")
    with pytest.raises(BundleError, match="could not register alliance_atlas-"):
        write_lock_file(wheel, broken, tmp_path / "lock.json")


def test_the_lock_file_is_made_once_per_wheel_then_copied_from_the_cache(tmp_path, monkeypatch):
    if not CORE_LOCK.is_file():
        pytest.fail("node_modules/pyodide is needed: run `make test`, which installs it", pytrace=False)
    cache = tmp_path / "cache"
    _, first = build_browser_package(PACKAGE_ROOT, CORE_LOCK, tmp_path / "one", cache_dir=cache)
    (kept,) = cache.glob("*.json")

    def no_tool(*args, **kwargs):
        raise AssertionError("pyodide lockfile add-wheels ran for a wheel already in the cache")

    monkeypatch.setattr(subprocess, "Popen", no_tool)
    _, second = build_browser_package(PACKAGE_ROOT, CORE_LOCK, tmp_path / "two", cache_dir=cache)
    assert second.read_bytes() == first.read_bytes()
    # A cache file cut short is not used: the tool runs again and writes it whole.
    monkeypatch.undo()
    kept.write_text(first.read_text(encoding="utf-8")[:100], encoding="utf-8")
    _, third = build_browser_package(PACKAGE_ROOT, CORE_LOCK, tmp_path / "three", cache_dir=cache)
    assert third.read_bytes() == first.read_bytes() == kept.read_bytes()


def test_a_build_that_stops_early_cancels_the_tool_and_is_told_the_lock_file_was_not_written(tmp_path, monkeypatch):
    if not CORE_LOCK.is_file():
        pytest.fail("node_modules/pyodide is needed: run `make test`, which installs it", pytrace=False)
    started = record_popen(monkeypatch)
    pending = start_browser_package(PACKAGE_ROOT, CORE_LOCK, tmp_path)
    assert pending.wheel.is_file() and len(started) == 1
    pending.cancel()
    assert started[0].poll() is not None  # ended, not left running after the build
    with pytest.raises(BundleError, match="cancelled before it was written"):
        pending.wait()
