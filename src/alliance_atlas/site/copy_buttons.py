"""Small HTML pieces the reference pages and 'Cite this page' share: copy buttons and their status line.

``docs/assets/javascripts/references.js`` finds the buttons by ``data-atlas-copy`` and writes
"Copied" into the status element named by ``data-atlas-status``.
"""

from __future__ import annotations

import html

from alliance_atlas.site.search import EXCLUDE


def copy_button(text: str, copy_text: str, status_id: str, *, label: str | None = None) -> str:
    """A real <button> (keyboard-usable) that copies ``copy_text``; the visible ``text`` starts its name."""
    e = html.escape
    aria = f' aria-label="{e(label, quote=True)}"' if label and label != text else ""
    return (
        f'<button type="button" class="md-button atlas-copy__button" {EXCLUDE} data-atlas-copy="{e(copy_text, quote=True)}"'
        f' data-atlas-status="{e(status_id, quote=True)}"{aria}>{e(text)}</button>'
    )


def copy_status(status_id: str) -> str:
    """The visible, polite live region the copy buttons report to."""
    return f'<span class="atlas-copy__status" id="{html.escape(status_id, quote=True)}" role="status" aria-live="polite"></span>'
