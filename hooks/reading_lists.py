"""Generate the reading lists: reading-lists/, one page per topic, and each list as APA text and Markdown.

The logic lives in ``alliance_atlas.site.reading_lists``; this hook only places the pages and files.
It runs after hooks/bibliography_pages.py, which knows every reference page's URL and already
writes each topic's .bib and .ris. The .txt and .md lists are written into the site after the
build, because MkDocs would render a generated ``.md`` file as a page.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from alliance_atlas.site import state
from alliance_atlas.site import reading_lists as listing
from alliance_atlas.site.state import PageKind


def on_files(files, config, **kwargs):
    build = state.current()
    if build.bibliography is None:
        return files
    lists = listing.reading_lists(build.formatter)
    index = _add(files, File.generated(config, listing.INDEX_PAGE, content=""), build)
    index.content_string = listing.index_page_markdown(lists, listing.ListLinks(index.url, build.reference_urls))
    for slug, reading in lists.items():
        page = _add(files, File.generated(config, listing.topic_page_src(slug), content="", inclusion=InclusionLevel.NOT_IN_NAV), build)
        links = listing.ListLinks(page.url, build.reference_urls)
        page.content_string = listing.topic_page_markdown(reading, links, _site_pages(slug, files))
    build.text_files.update(listing.text_downloads(lists, config["site_name"], config["site_url"] or ""))
    return files


def on_post_build(config, **kwargs):
    site_dir = Path(config["site_dir"])
    for path, content in state.current().text_files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


# ----------------------------------------------------------------------------------------------

def _site_pages(slug: str, files) -> list[listing.SitePage]:
    pages = []
    for src_uri in listing.TOPIC_PAGES.get(slug, ()):
        file = files.get_file_from_path(src_uri)
        if file is None:
            raise PluginError(f"reading list {slug!r}: the page docs/{src_uri} is gone; update TOPIC_PAGES in alliance_atlas/site/reading_lists.py")
        source = Path(file.abs_src_path).read_text(encoding="utf-8") if file.abs_src_path else ""
        pages.append(listing.SitePage(listing.page_title_from_markdown(source) or file.name, file.url))
    return pages


def _add(files, file: File, build) -> File:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"{file.src_uri} is generated from the bibliography; remove the hand-written file of that name")
    files.append(file)
    build.register_generated(file.src_uri, PageKind.READING_LIST, source=build.bibliography_path)
    return file

