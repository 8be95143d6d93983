"""COinS spans and Highwire meta tags for Zotero and Google Scholar."""

from __future__ import annotations

from urllib.parse import parse_qsl
import html

from alliance_atlas.bibliography import coins_span, highwire_meta, highwire_tags


def coins_pairs(span: str) -> list[tuple[str, str]]:
    title = span.split('title="', 1)[1].rsplit('"', 1)[0]
    return parse_qsl(html.unescape(title))


def test_coins_for_a_journal_article(real_bibliography):
    span = coins_span(real_bibliography["safran1996resolution"])
    assert span.startswith('<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal')
    pairs = coins_pairs(span)
    assert ("rft.atitle", "The resolution of ruptures in the therapeutic alliance") in pairs
    assert ("rft.jtitle", "Journal of Consulting and Clinical Psychology") in pairs
    assert ("rft.spage", "447") in pairs and ("rft.epage", "458") in pairs
    assert ("rft_id", "info:doi/10.1037/0022-006X.64.3.447") in pairs
    assert ("rft_id", "info:pmid/8698936") in pairs
    assert [value for name, value in pairs if name == "rft.au"] == ["Safran, J. D.", "Muran, J. C."]


def test_coins_for_a_chapter(real_bibliography):
    pairs = dict(coins_pairs(coins_span(real_bibliography["safran2002repairing"])))
    assert pairs["rft.genre"] == "bookitem"
    assert pairs["rft.btitle"] == "Psychotherapy relationships that work"


def test_coins_escapes_markup(script_reference):
    span = coins_span(script_reference)
    assert "<script" not in span and "<b>" not in span and '"<x>' not in span
    assert ("rft.atitle", script_reference.title) in coins_pairs(span)


def test_highwire_meta(real_bibliography):
    meta = highwire_meta(real_bibliography["safran1996resolution"])
    assert meta[:4] == [
        ("citation_title", "The resolution of ruptures in the therapeutic alliance"),
        ("citation_author", "Safran, J. D."),
        ("citation_author", "Muran, J. C."),
        ("citation_publication_date", "1996"),
    ]
    assert ("citation_firstpage", "447") in meta and ("citation_lastpage", "458") in meta
    assert ("citation_doi", "10.1037/0022-006X.64.3.447") in meta and ("citation_pmid", "8698936") in meta
    chapter = dict(highwire_meta(real_bibliography["safran2002repairing"]))
    assert chapter["citation_inbook_title"] == "Psychotherapy relationships that work"
    assert chapter["citation_publisher"] == "Oxford University Press"


def test_highwire_tags_escape_markup(script_reference):
    assert ("citation_title", script_reference.title) in highwire_meta(script_reference)
    tags = highwire_tags(script_reference)
    assert "<script" not in tags and "<b>" not in tags
    assert 'content="Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;"' in tags
