"""A Markdown extension that gives each abbreviation definition a block of its own, before the block parser runs.

pymdownx.snippets appends the glossary's ~80 ``*[TERM]: definition`` lines to every page as one block.
Python-Markdown's abbr block processor takes one definition off that block and puts the rest back, so
every processor ahead of it tests the remainder again: some 80 × 15 regular-expression scans of a 7 KB
block on each page, about half of all Markdown time in a site build. A blank line between definitions
makes each one a block of its own, which abbr consumes at once; the HTML is the same.

Only blocks made of nothing but one-line definitions are split: there the processors ahead of abbr cannot
match (a definition line starts with ``*[``), so splitting changes nothing but the work done.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

# Python-Markdown's own abbreviation pattern (markdown.extensions.abbr), held to a single line: a definition
# whose title is on the next line is left as it is.
_DEFINITION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*(?P<title>.*)$")


def is_definition(line: str) -> bool:
    match = _DEFINITION.match(line)
    return bool(match and match.group("abbr").strip() and match.group("title").strip())


def split_definitions(lines: list[str]) -> list[str]:
    """``lines`` with a blank line between the definitions of every block that holds only definitions."""
    result: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
            continue
        if len(block) > 1 and all(is_definition(entry) for entry in block):
            for entry in block[:-1]:
                result += [entry, ""]
            result.append(block[-1])
        else:
            result += block
        block = []
        result.append(line)
    return result[:-1]


class _SplitDefinitions(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return split_definitions(lines)


class AbbreviationBlocks(Extension):
    def extendMarkdown(self, md):
        # After snippets (32) has appended the glossary, fenced code (25) and raw HTML (20) are stashed.
        md.preprocessors.register(_SplitDefinitions(md), "atlas_abbreviation_blocks", 19)


def makeExtension(**kwargs):
    return AbbreviationBlocks(**kwargs)
