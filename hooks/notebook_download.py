"""Give each explainer notebook page a visible link to download the notebook itself.

mkdocs-jupyter's ``include_source`` copies the .ipynb beside the page; Material has no button for it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from alliance_atlas.explainers.pages import download_link_html, insert_after_title


def on_page_content(html, page, config, files, **kwargs):
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    return insert_after_title(html, download_link_html(PurePosixPath(page.file.src_uri).name))
