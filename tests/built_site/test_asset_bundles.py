"""Every page links the site's own stylesheets and scripts as one bundle each, holding every listed file."""

from __future__ import annotations

import re

from mkdocs.config import load_config

from alliance_atlas.build.bundles import CSS_BUNDLE, JS_BUNDLE
from alliance_atlas.widgets.contract import CONTRACT_ATTRIBUTE
from support.sitebuild import REPO_ROOT, built_pages

_OWN_ASSET = re.compile(r'<(?:script src|link rel="stylesheet" href)="(?:\.\./)*/?(assets/(?:javascripts|stylesheets)/[^"]+)"')
# Material's own, named by their hash; math.js is added to the content of pages with math (overrides/main.html).
_NOT_OURS = re.compile(r"assets/(javascripts/bundle|stylesheets/(main|palette))\.\w+\.min\.(js|css)|assets/javascripts/math\.js")
# Also in the bundle, but pages with a live widget load it on its own as well, right after each widget (and in the head
# when the widget is near the top), so that Python starts before the page's other scripts have run (widgets/markup.py).
_PYTHON_RUNTIME = "assets/javascripts/python-runtime.js"


def test_pages_link_one_stylesheet_and_one_script_of_ours(site_dir):
    wrong = {}
    for page in built_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        ours = [url for url in _OWN_ASSET.findall(html) if not _NOT_OURS.fullmatch(url)]
        if CONTRACT_ATTRIBUTE in html:
            ours = [url for url in ours if url != _PYTHON_RUNTIME]
        if ours != [CSS_BUNDLE, JS_BUNDLE]:
            wrong[page.relative_to(site_dir).as_posix()] = ours
    assert wrong == {}


def test_bundles_hold_every_listed_file_in_order(site_dir):
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    for bundle, listed in [(CSS_BUNDLE, config["extra_css"]), (JS_BUNDLE, config["extra_javascript"])]:
        text = (site_dir / bundle).read_text(encoding="utf-8")
        starts = [text.find(f"/* {path} */\n") for path in map(str, listed)]
        assert -1 not in starts, bundle
        assert starts == sorted(starts), bundle
        for path in map(str, listed):
            assert (site_dir / path).read_text(encoding="utf-8").rstrip() in text, path
