"""Finding pandoc citations in Markdown without tripping on e-mail, URLs or code."""

from __future__ import annotations

from alliance_atlas.bibliography import CitationItem, find_citations, unknown_key_message


def keys(markdown):
    return [citation.keys for citation in find_citations(markdown)]


def test_bracketed_single_and_multiple():
    (one, two) = find_citations("A [@safran1996resolution]. B [@bordin1979generalizability; @horvath2011alliance].")
    assert one.items == (CitationItem("safran1996resolution", None),) and not one.narrative
    assert one.source == "[@safran1996resolution]"
    assert two.keys == ("bordin1979generalizability", "horvath2011alliance")


def test_locators_and_prefixes():
    (citation,) = find_citations("[see @safran1996resolution, pp. 3-4; @bordin1979generalizability, p. 12]")
    assert citation.items == (
        CitationItem("safran1996resolution", "pp. 3-4", "see"),
        CitationItem("bordin1979generalizability", "p. 12"),
    )


def test_narrative_with_and_without_locator():
    text = "As @safran1996resolution showed, and @bordin1979generalizability [p. 12] argued."
    first, second = find_citations(text)
    assert first.narrative and first.keys == ("safran1996resolution",)
    assert text[first.start : first.end] == "@safran1996resolution"
    assert second.items == (CitationItem("bordin1979generalizability", "p. 12"),)
    assert second.source == "@bordin1979generalizability [p. 12]"


def test_narrative_key_stops_before_trailing_punctuation():
    assert keys("Cited by @gaston1990concept: and @horvath1989development.") == [
        ("gaston1990concept",), ("horvath1989development",)
    ]


def test_email_addresses_are_not_citations():
    assert keys("Write to name@example.org or [first.last@uni.edu] or <me@example.com>.") == []


def test_urls_are_not_citations():
    assert keys("See https://mastodon.social/@alliance and [profile](https://x.org/@someone).") == []


def test_inline_code_and_fenced_code_are_skipped():
    text = (
        "Use `[@notacitation]` or ``@neither``.\n"
        "```python\n"
        "@decorator\n"
        "x = [@infence]\n"
        "```\n"
        "~~~~\n"
        "@tilde\n"
        "~~~~\n"
        "After the fence [@real2000key].\n"
    )
    assert keys(text) == [("real2000key",)]
    (citation,) = find_citations(text)
    assert text[citation.start : citation.end] == "[@real2000key]"


def test_links_comments_and_escapes_are_skipped():
    text = "[text with @x](https://a.org) ![img @y](a.png) <!-- [@hidden] --> \\@escaped\n[@k]: https://b.org"
    assert keys(text) == []
    assert keys('<img alt="@handle" src="x.png"> <span title="[@inattr]">[@visible]</span>') == [("visible",)]


def test_a_citation_before_a_colon_mid_sentence_is_a_citation():
    text = "Repair brings several gains [@safran2002repairing; @safran2000resolving]:\n\n- one\n   [@k]: https://b.org"
    assert keys(text) == [("safran2002repairing", "safran2000resolving")]


def test_unknown_key_message_suggests_closest_keys(real_bibliography):
    message = unknown_key_message("docs/x.md", "safran1996resolutoin", real_bibliography)
    assert message.startswith("docs/x.md: unknown citation key 'safran1996resolutoin'; closest keys: safran1996resolution, ")
    assert unknown_key_message("docs/x.md", "zzzzzz", real_bibliography).endswith("no similar key in the bibliography")


def test_fence_rules_follow_commonmark():
    text = (
        "!!! note\n"
        "    ```\n"
        "    [@indented]\n"
        "    ```\n"
        "````\n"
        "```\n"
        "[@inside_longer_fence]\n"
        "````\n"
        "~~~\n"
        "``` does not close a tilde fence [@still_code]\n"
        "~~~\n"
        "@start2000line opens a line.\n"
        "```\n"
        "[@unclosed_fence_runs_to_the_end]\n"
    )
    assert keys(text) == [("start2000line",)]


def test_citation_keys_with_pandoc_punctuation_and_brackets_without_keys():
    assert keys("[@doe:2000-a] and [a note] and [@Smith_99]") == [("doe:2000-a",), ("Smith_99",)]
    assert keys("[see page 3; not a citation]") == []
