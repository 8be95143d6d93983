"""The abbreviation-block extension changes the work Python-Markdown does, never the HTML it writes."""

from __future__ import annotations

import markdown
import pytest

from alliance_atlas.site.abbreviation_blocks import split_definitions

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "pymdownx.superfences"]
GLOSSARY = "\n".join(f"*[T{number}]: Term number {number}" for number in range(40))

CASES = {
    "glossary appended": f"# Title\n\nUses T1, T7 and T39 in text.\n\n{GLOSSARY}\n",
    "glossary alone": GLOSSARY,
    "a definition inside a paragraph": "Some T1 text\n*[T1]: One\n*[T2]: Two\nmore T2 text\n",
    "a definition whose title is on the next line": "*[T1]:\n    One on the next line\n*[T2]: Two\n\nT1 and T2.\n",
    "definitions in fenced code": "```\n*[T1]: One\n*[T2]: Two\n```\n\nT1 T2\n",
    "a list then definitions": "- T1 in a list\n\n*[T1]: One\n*[T2]: Two\n",
    "a removed definition": '*[T1]: One\n*[T1]: ""\n\nT1 is not an abbreviation here.\n',
}


def _html(text: str, *, split: bool) -> str:
    extensions = [*EXTENSIONS, "alliance_atlas.site.abbreviation_blocks"] if split else EXTENSIONS
    return markdown.markdown(text, extensions=extensions)


@pytest.mark.parametrize("name", sorted(CASES))
def test_html_is_the_same_with_and_without_the_extension(name):
    assert _html(CASES[name], split=True) == _html(CASES[name], split=False)


def test_the_glossary_is_split_into_one_block_per_definition():
    lines = split_definitions(["Text", "", *GLOSSARY.split("\n"), ""])
    blocks = "\n".join(lines).strip().split("\n\n")
    assert blocks[0] == "Text"
    assert blocks[1:41] == GLOSSARY.split("\n")
    assert '<abbr title="Term number 7">T7</abbr>' in _html(CASES["glossary appended"], split=True)


def test_blocks_mixing_definitions_and_text_are_left_alone():
    lines = ["Some text", "*[T1]: One", "*[T2]: Two"]
    assert split_definitions(lines) == lines
