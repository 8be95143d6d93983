"""Give the theme's search dialog an accessible name, which axe-core requires."""

from __future__ import annotations

import re

_UNNAMED_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')


def on_post_page(output, page, config, **kwargs):
    return _name_search_dialog(output)


def on_post_template(output_content, template_name, config, **kwargs):
    return _name_search_dialog(output_content)


def _name_search_dialog(html: str) -> str:
    return _UNNAMED_SEARCH_DIALOG.sub(r'\1 aria-label="Search"', html, count=1)
