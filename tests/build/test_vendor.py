"""The browser libraries are pinned once, in vendor.py, and package.json agrees."""

import json

import altair

from alliance_atlas.build.vendor import PACKAGES, VEGA_LITE, by_name
from support.sitebuild import REPO_ROOT


def test_package_json_pins_exactly_the_vendor_versions():
    manifest = json.loads((REPO_ROOT / "package.json").read_text())
    pinned = {**manifest["dependencies"], **manifest["devDependencies"]}
    assert pinned == {package.name: package.version for package in PACKAGES}


def test_lock_file_resolves_the_same_versions():
    lock = json.loads((REPO_ROOT / "package-lock.json").read_text())
    for package in PACKAGES:
        assert lock["packages"][f"node_modules/{package.name}"]["version"] == package.version


def test_vega_lite_is_the_release_altair_targets():
    assert VEGA_LITE.version == altair.VEGALITE_VERSION
    assert by_name("vega").version.split(".")[0] == altair.VEGA_VERSION.split(".")[0]
    assert by_name("vega-embed").version.split(".")[0] == altair.VEGAEMBED_VERSION.split(".")[0]
