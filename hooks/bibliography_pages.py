"""Generate the bibliography's pages and downloads: references/, one page per reference, and the exports.

The pages are rendered in ``on_files`` (their ready HTML put back in ``on_page_content``); each reference page's "Cited on" list is filled in ``on_env``,
which MkDocs runs after it has read every page and before it writes any.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from alliance_atlas.site import state
from alliance_atlas.site import reference_pages as pages
from alliance_atlas.site.html_slots import MissingSlotError
from alliance_atlas.site.state import PageKind


def on_files(files, config, **kwargs):
    build = state.current()
    if build.bibliography is None:
        return files
    to_generate = {pages.INDEX_PAGE: None, **{pages.reference_page_src(reference.key): reference.key for reference in build.bibliography}}
    generated = {}
    for src_uri, key in to_generate.items():
        inclusion = InclusionLevel.UNDEFINED if key is None else InclusionLevel.NOT_IN_NAV
        generated[src_uri] = _add(files, File.generated(config, src_uri, content="", inclusion=inclusion))
    for src_uri, key in to_generate.items():
        build.register_generated(src_uri, PageKind.REFERENCE, source=build.bibliography_path, key=key)
    build.reference_urls = {key: generated[src_uri].url for src_uri, key in to_generate.items() if key is not None}
    index_url = generated[pages.INDEX_PAGE].url
    for src_uri, key in to_generate.items():
        links = pages.PageLinks(generated[src_uri].url, index_url, build.reference_urls)
        # The pages are mostly ready HTML, which skips Markdown (see site.html_slots); on_page_content puts it back.
        slots = build.slots_for(src_uri)
        if key is None:
            content = pages.index_page_markdown(build.formatter, links, slots=slots)
        else:
            content = pages.reference_page_markdown(build.bibliography[key], build.formatter, links, slots=slots)
        generated[src_uri].content_string = content
    for path, content in pages.download_files(build.formatter).items():
        _add(files, File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    generated = state.current().generated.get(page.file.src_uri)
    if generated is not None and generated.key is not None:
        page.meta.update(pages.page_meta(state.current().bibliography[generated.key]))
    return markdown


def on_page_content(html, page, config, files, **kwargs):
    build = state.current()
    generated = build.generated.get(page.file.src_uri)
    if generated is None or generated.kind is not PageKind.REFERENCE:
        return html
    try:
        return build.fill_slots(page.file.src_uri, html)
    except MissingSlotError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


def on_env(env, config, files, **kwargs):
    build = state.current()
    for src_uri, generated in build.generated_of(PageKind.REFERENCE).items():
        key = generated.key
        file = files.get_file_from_path(src_uri)
        if key is None or file is None or file.page is None or file.page.content is None:
            continue
        places = build.cited_on.get(key, [])
        file.page.content = file.page.content.replace(pages.CITED_ON_PLACEHOLDER, pages.cited_on_html(places, file.page.url), 1)
    return env


# ----------------------------------------------------------------------------------------------

def _add(files, file: File) -> File:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"{file.src_uri} is generated from the bibliography; remove the hand-written file of that name")
    files.append(file)
    return file
