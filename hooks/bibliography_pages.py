"""Generate the bibliography's pages and downloads: references/, one page per reference, and the exports.

The pages are rendered in ``on_files``; each reference page's "Cited on" list is filled in ``on_env``,
which MkDocs runs after it has read every page and before it writes any.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from alliance_atlas.site import state
from alliance_atlas.site.state import PageKind
from alliance_atlas.site.reference_pages import (
    CITED_ON_PLACEHOLDER,
    INDEX_PAGE,
    PageLinks,
    cited_on_html,
    download_files,
    index_page_markdown,
    page_meta,
    reference_page_markdown,
    reference_page_src,
)


def on_files(files, config, **kwargs):
    build = state.current()
    if build.bibliography is None:
        return files
    pages = {INDEX_PAGE: None, **{reference_page_src(reference.key): reference.key for reference in build.bibliography}}
    generated = {}
    for src_uri, key in pages.items():
        inclusion = InclusionLevel.UNDEFINED if key is None else InclusionLevel.NOT_IN_NAV
        generated[src_uri] = _add(files, File.generated(config, src_uri, content="", inclusion=inclusion))
    for src_uri, key in pages.items():
        build.register_generated(src_uri, PageKind.REFERENCE, source=build.bibliography_path, key=key)
    build.reference_urls = {key: generated[src_uri].url for src_uri, key in pages.items() if key is not None}
    index_url = generated[INDEX_PAGE].url
    for src_uri, key in pages.items():
        links = PageLinks(generated[src_uri].url, index_url, build.reference_urls)
        if key is None:
            content = index_page_markdown(build.bibliography, links)
        else:
            content = reference_page_markdown(build.bibliography[key], build.bibliography, links)
        generated[src_uri].content_string = content
    for path, content in download_files(build.bibliography).items():
        _add(files, File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    generated = state.current().generated.get(page.file.src_uri)
    if generated is not None and generated.key is not None:
        page.meta.update(page_meta(state.current().bibliography[generated.key]))
    return markdown


def on_env(env, config, files, **kwargs):
    build = state.current()
    for src_uri, generated in build.generated_of(PageKind.REFERENCE).items():
        key = generated.key
        file = files.get_file_from_path(src_uri)
        if key is None or file is None or file.page is None or file.page.content is None:
            continue
        places = build.cited_on.get(key, [])
        file.page.content = file.page.content.replace(CITED_ON_PLACEHOLDER, cited_on_html(places, file.page.url), 1)
    return env


# ----------------------------------------------------------------------------------------------

def _add(files, file: File) -> File:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"{file.src_uri} is generated from the bibliography; remove the hand-written file of that name")
    files.append(file)
    return file
