"""Read built HTML with the standard library: the tags, their attributes, and the ids they define."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class ScannedPage:
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    inline_styles: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.result = ScannedPage()
        self._raw_target: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value or "") for name, value in attrs}
        self.result.tags.append((tag, attributes))
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.result.ids.add(attributes[key])
        if attributes.get("style"):
            self.result.inline_styles.append(attributes["style"])
        if tag == "style":
            self._raw_target = self.result.inline_styles
        elif tag == "script" and "src" not in attributes:
            self._raw_target = self.result.inline_scripts

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._raw_target = None

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._raw_target = None

    def handle_data(self, data):
        if self._raw_target is not None:
            self._raw_target.append(data)


    def scan(self, text: str) -> ScannedPage:
        self.feed(text)
        self.close()
        return self.result


def scan_html(text: str) -> ScannedPage:
    return _Scanner().scan(text)


def scan_file(path: Path) -> ScannedPage:
    return scan_html(path.read_text(encoding="utf-8"))
