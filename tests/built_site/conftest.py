"""One crawl of every built page in Chromium, shared by the browser guard tests (support/crawl.py)."""

from __future__ import annotations

import pytest

from support.crawl import visit_every_page


@pytest.fixture(scope="session")
def page_visits(site_dir):
    return visit_every_page(site_dir)
