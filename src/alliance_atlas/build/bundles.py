"""One stylesheet and one script for the site's own assets, instead of one request per file.

``mkdocs.yml`` lists the site's stylesheets (``extra_css``) and scripts (``extra_javascript``) one file per
feature, which is how they are written and read. Served as they are, every page made 9 + 13 requests before
it was complete; on a slow mobile connection each costs a round trip, and Lighthouse counts them against the
first paint. The build concatenates each list, in its order, into one file written *in the same folder* as its
parts: a script that finds its neighbours through ``document.currentScript.src`` (``python-runtime.js``,
``vega-loader.js``) and a stylesheet's relative ``url()`` resolve exactly as before. The parts stay in the
build too, so an address that named one keeps working.

Each script runs inside its own ``try`` block: one that throws while starting stops only itself, as it did
when it was a file of its own, and the error still reaches the page's error handlers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

CSS_BUNDLE = "assets/stylesheets/atlas-bundle.css"
JS_BUNDLE = "assets/javascripts/atlas-bundle.js"


class BundleError(ValueError):
    """A part cannot go into its bundle (missing, or in another folder than the bundle)."""


@dataclass(frozen=True)
class Bundles:
    """The parts of each bundle, in the order ``mkdocs.yml`` lists them."""

    css: tuple[str, ...]
    js: tuple[str, ...]


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _check_parts(parts: Sequence[str], bundle: str) -> None:
    for part in parts:
        if "://" in part or part.startswith("/"):
            raise BundleError(f"{part}: only the site's own files can be bundled")
        if _folder(part) != _folder(bundle):
            # A part elsewhere would resolve its relative URLs against the bundle's folder instead of its own.
            raise BundleError(f"{part}: bundled files must be in {_folder(bundle)}/, the bundle's folder")


def plan(extra_css: Sequence[str], extra_javascript: Sequence[str]) -> Bundles:
    """What goes into each bundle; raises BundleError when a part cannot be bundled."""
    _check_parts(extra_css, CSS_BUNDLE)
    _check_parts(extra_javascript, JS_BUNDLE)
    return Bundles(css=tuple(extra_css), js=tuple(extra_javascript))


def css_bundle(parts: Sequence[tuple[str, str]]) -> str:
    """The stylesheets ``(path, text)`` one after the other, each after a comment naming it."""
    for path, text in parts:
        if "@import" in text or "@charset" in text:
            # Both are only valid at the top of a stylesheet, so they would stop working inside a bundle.
            raise BundleError(f"{path}: @import and @charset cannot be bundled")
    return "".join(f"/* {path} */\n{text.rstrip()}\n" for path, text in parts)


def js_bundle(parts: Sequence[tuple[str, str]]) -> str:
    """The scripts ``(path, text)`` one after the other, each in its own ``try`` block."""
    return "".join(
        f"/* {path} */\ntry {{\n{text.rstrip()}\n}} catch (error) {{\n  {_REPORT}\n}}\n" for path, text in parts
    )


# reportError hands the error to window.onerror and "error" listeners, as an uncaught error in its own file did.
_REPORT = 'if (typeof reportError === "function") reportError(error); else setTimeout(() => { throw error; });'


def build(bundles: Bundles, read: Callable[[str], str]) -> dict[str, str]:
    """The bundles' contents by path, reading each part with ``read(path)``."""
    return {
        CSS_BUNDLE: css_bundle([(path, read(path)) for path in bundles.css]),
        JS_BUNDLE: js_bundle([(path, read(path)) for path in bundles.js]),
    }
