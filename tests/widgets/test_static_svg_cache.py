"""The static charts' disk cache: a chart drawn once is not drawn again, an edited spec is."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from alliance_atlas.widgets import api as browser_api
from alliance_atlas.widgets import static_svg
from support.processes import record_popen

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


@pytest.fixture
def fresh(monkeypatch):
    # Only the disk cache under test may answer, not this process's memory of earlier tests.
    monkeypatch.setattr(static_svg, "_cache", {})
    if not static_svg.node_available() or not (NODE_MODULES / "vega").is_dir():
        pytest.skip("Node.js or the npm packages are not installed")


def _spec():
    return browser_api.explore_preset("u-shape")["chart"]


def test_a_drawn_chart_is_served_from_the_cache_without_node(fresh, tmp_path, monkeypatch):
    spec = _spec()
    drawn = static_svg.render_svgs({"c": spec}, NODE_MODULES, cache_dir=tmp_path)["c"]
    assert drawn.startswith("<svg") and len(list(tmp_path.glob("*.svg"))) == 1

    monkeypatch.setattr(static_svg, "_cache", {})

    def no_node(*args, **kwargs):
        raise AssertionError("Node was started for a chart already in the cache")

    monkeypatch.setattr(subprocess, "run", no_node)
    monkeypatch.setattr(subprocess, "Popen", no_node)
    assert static_svg.render_svgs({"other-id": spec}, NODE_MODULES, cache_dir=tmp_path) == {"other-id": drawn}


def test_an_edited_spec_is_drawn_again(fresh, tmp_path, monkeypatch):
    spec = _spec()
    before = static_svg.render_svgs({"c": spec}, NODE_MODULES, cache_dir=tmp_path)["c"]
    monkeypatch.setattr(static_svg, "_cache", {})
    edited = {**spec, "title": "An edited title"}
    after = static_svg.render_svgs({"c": edited}, NODE_MODULES, cache_dir=tmp_path)["c"]
    assert "An edited title" in after and "An edited title" not in before
    assert len(list(tmp_path.glob("*.svg"))) == 2


def test_a_damaged_cache_file_is_drawn_again(fresh, tmp_path, monkeypatch):
    spec = _spec()
    drawn = static_svg.render_svgs({"c": spec}, NODE_MODULES, cache_dir=tmp_path)["c"]
    (cached,) = tmp_path.glob("*.svg")
    cached.write_text(drawn[: len(drawn) // 2], encoding="utf-8")
    monkeypatch.setattr(static_svg, "_cache", {})
    assert static_svg.render_svgs({"c": spec}, NODE_MODULES, cache_dir=tmp_path)["c"] == drawn
    assert cached.read_text(encoding="utf-8") == drawn


def test_one_renderer_draws_every_call_with_one_node_process_and_closes_it(fresh, tmp_path, monkeypatch):
    started = record_popen(monkeypatch)
    spec = _spec()
    renderer = static_svg.ChartRenderer(NODE_MODULES)
    try:
        first = static_svg.render_svgs({"c": spec}, NODE_MODULES, cache_dir=tmp_path, renderer=renderer)["c"]
        # A spec Vega-Lite cannot compile fails its own call only; the same process draws the next chart.
        with pytest.raises(static_svg.ChartSvgError, match="failed"):
            static_svg.render_svgs({"bad": {"mark": "no-such-mark"}}, NODE_MODULES, cache_dir=tmp_path,
                                   renderer=renderer)
        edited = {**spec, "title": "Drawn by the same process"}
        second = static_svg.render_svgs({"c": edited}, NODE_MODULES, cache_dir=tmp_path, renderer=renderer)["c"]
    finally:
        renderer.close()
    assert first.startswith("<svg") and "Drawn by the same process" in second
    assert len(started) == 1
    assert started[0].returncode == 0


def test_a_renderer_started_early_draws_with_the_process_it_started(fresh, tmp_path, monkeypatch):
    # A build with an empty cache starts Node before its first page; that process then draws the charts.
    assert static_svg.cache_is_empty(NODE_MODULES, cache_dir=tmp_path)
    started = record_popen(monkeypatch)
    renderer = static_svg.ChartRenderer(NODE_MODULES)
    try:
        renderer.start()
        assert len(started) == 1 and started[0].poll() is None
        drawn = static_svg.render_svgs({"c": _spec()}, NODE_MODULES, cache_dir=tmp_path, renderer=renderer)
    finally:
        renderer.close()
    assert drawn["c"].startswith("<svg") and len(started) == 1
    assert not static_svg.cache_is_empty(NODE_MODULES, cache_dir=tmp_path)
