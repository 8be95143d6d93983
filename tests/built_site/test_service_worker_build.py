"""The offline layer of the built site: the generated worker, its precache, the save list and the manifest."""

from __future__ import annotations

import json
import re

import pytest

from alliance_atlas.build.service_worker import MANIFEST, OFFLINE_PAGE, SAVE_LIST, SERVICE_WORKER, site_pages

pytestmark = pytest.mark.build

# service_worker.py writes this build's values into sw.js as one line of JSON above the hand-written worker.
_PLAN = re.compile(r"^const PLAN = (\{.*\});$", re.MULTILINE)


@pytest.fixture(scope="module")
def plan(site_dir):
    worker = (site_dir / SERVICE_WORKER).read_text(encoding="utf-8")
    found = _PLAN.search(worker)
    assert found, "sw.js carries no PLAN line"
    return json.loads(found[1])


@pytest.fixture(scope="module")
def precache(plan):
    return {entry["url"]: entry["revision"] for entry in plan["precache"]}


def test_the_worker_precaches_the_shell_the_search_index_and_the_navigation(site_dir, precache):
    assert "search/search_index.json" in precache
    assert "assets/python/pyodide-lock.json" in precache
    assert any(re.fullmatch(r"assets/python/alliance_atlas-[^/]+-py3-none-any\.whl", url) for url in precache)
    assert any(re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", url) for url in precache)
    assert any(re.fullmatch(r"assets/javascripts/workers/search\.\w+\.min\.js", url) for url in precache)
    for page in ("index.html", "theory/index.html", "explorer/analyse/index.html", OFFLINE_PAGE + "index.html"):
        assert page in precache, page
    # Every precached file exists, and each carries a revision (or a hash in its name), so a rebuild replaces it.
    for url, revision in precache.items():
        assert (site_dir / url).is_file(), url
        assert revision or re.search(r"\.[0-9a-f]{8}\.", url), url
    # Generated pages are cached when visited or saved, and the 38 MB of vendored libraries at first use.
    assert "references/safran1996resolution/index.html" not in precache
    assert not [url for url in precache if url.startswith("assets/vendor/pyodide/")]


def test_the_worker_runtime_is_served_from_the_site(site_dir, plan):
    worker = (site_dir / SERVICE_WORKER).read_text(encoding="utf-8")
    assert "importScripts(...PLAN.runtime)" in worker
    # Workbox's runtime, each file relative to sw.js (so from the site itself), the core first.
    assert plan["runtime"] and "workbox-core" in plan["runtime"][0]
    for path in plan["runtime"]:
        assert not path.startswith(("/", "http")) and "//" not in path, path
        assert (site_dir / path).is_file(), path
    assert "http" not in worker.replace("http://127.0.0.1", "")


def test_the_save_list_names_every_page_of_the_build(site_dir, precache):
    saved = json.loads((site_dir / SAVE_LIST).read_text(encoding="utf-8"))
    assert saved["pages"] == site_pages(site_dir)
    assert "references/safran1996resolution/" in saved["pages"] and "./" in saved["pages"]
    assert saved["pagesCache"] == f"atlas-pages-{saved['build']}"
    assert all((site_dir / path).is_file() for path in saved["runtime"])


def test_every_page_links_the_manifest_and_its_icons_exist(site_dir):
    manifest = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    for icon in manifest["icons"]:
        assert (site_dir / icon["src"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for html in ("index.html", "theory/index.html", "references/safran1996resolution/index.html"):
        text = (site_dir / html).read_text(encoding="utf-8")
        prefix = "../" * html.count("/")
        assert f'<link rel="manifest" href="{prefix}{MANIFEST}">' in text, html
        assert f'data-worker="{prefix}{SERVICE_WORKER}"' in text, html
