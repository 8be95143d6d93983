"""Rendering, the GIFT and Markdown exports, and the course pack's appendix, on small hand-made questions."""

from __future__ import annotations

import html
import re

from alliance_atlas.questions.bank import collect, downloads
from alliance_atlas.questions.contract import ATTRIBUTES, CLASSES, ROOT_ATTRIBUTE
from alliance_atlas.questions.exports import gift_escape, gift_question
from alliance_atlas.questions.page import render_page
from alliance_atlas.questions.parse import parse_page
from alliance_atlas.questions.render import answers_appendix, question_html

from support.gift_rules import check_question, questions_of

TRICKY = """# Page

```question
id: tricky
stem: Is {a} = b: really ~ true #1?
a: Yes <b>bold</b> & *so*.
b: No = never.
  why: Because {this} is ~wrong~ #2: see.
c: Also yes.
answer: a, c
explanation: An explanation with a colon: and a hash # [@bordin1979generalizability].
```

```question
id: tf
kind: true-false
stem: True: or false?
answer: true
explanation: It is true {really}.
```
"""


def parsed():
    return parse_page(TRICKY, "docs/p.md").questions


def test_author_text_is_escaped_and_inline_markdown_rendered():
    page = question_html(parsed()[0], 1)
    assert "Yes &lt;b&gt;bold&lt;/b&gt; &amp; <em>so</em>." in page
    assert "<b>bold</b>" not in page
    assert f'{ROOT_ATTRIBUTE} {ATTRIBUTES["id"]}="tricky" {ATTRIBUTES["correct"]}="a,c"' in page
    assert page.count('type="checkbox"') == 3 and "Choose every correct answer." in page
    # Citations are left for the citation engine, which runs on the page afterwards.
    assert "[@bordin1979generalizability]" in page
    # The answer is in a closed <details>, and the form's "Check" waits for the script.
    assert f'<details class="{CLASSES["answer"]}"><summary>Show the answer</summary>' in page
    assert f'<p class="{CLASSES["actions"]}" hidden>' in page
    assert 'role="status" aria-live="polite"' in page


def test_a_page_keeps_its_line_count_and_gets_one_progress_line():
    rendered = render_page(TRICKY, "docs/p.md", page_key="p/")
    assert rendered.markdown.count("\n") == TRICKY.count("\n")
    assert rendered.markdown.count("data-atlas-question-contract=") == 1
    assert [question.id for question in rendered.questions] == ["tricky", "tf"]
    assert "```" not in rendered.markdown


def test_gift_escapes_special_characters():
    assert gift_escape("a ~ b = c # d { e } f : g") == r"a \~ b \= c \# d \{ e \} f \: g"
    assert gift_escape("line\nbreak") == "line break"


def test_gift_questions_follow_the_rules_for_weighted_multiple_answers_and_true_false():
    multiple, true_false = parsed()
    text = gift_question(multiple, "Area 1 (tricky)", cite=lambda value: value)
    assert check_question(text) == []
    assert text.startswith(r"::Area 1 (tricky)::[markdown]Is \{a\} \= b\: really \~ true \#1?{")
    assert "~%50%Yes" in text and "~%-100%No \\= never.#Because" in text and "~%50%Also yes." in text
    tf = gift_question(true_false, "Area 2 (tf)", cite=lambda value: value)
    assert check_question(tf) == []
    assert tf.endswith(r"{TRUE#It is true \{really\}.#It is true \{really\}.}")


def test_the_checker_catches_what_it_should():
    assert check_question("Question without title{=a#b}") == ["no ::title:: at the start"]
    assert "expected one answer block" in check_question("::t::x{=a#b}{=c#d}")[0]
    assert any("unescaped" in problem for problem in check_question("::t::a: b{=a#b}"))
    assert any("no feedback" in problem for problem in check_question("::t::a{=a ~b#c}"))


def test_exports_hold_every_question_with_title_and_cited_text():
    bank, errors = collect({"concept/index.md": TRICKY}, known_key=lambda key: True)
    assert errors == []
    files = downloads(bank, lambda text: text.replace("[@bordin1979generalizability]", "(Bordin, 1979)"), "Atlas")
    assert set(files) == {
        "downloads/questions/alliance-atlas-questions.gift", "downloads/questions/alliance-atlas-questions.md",
        "downloads/questions/concept.gift", "downloads/questions/concept.md",
    }
    gift = questions_of(files["downloads/questions/concept.gift"])
    assert [re.match(r"::(.*?)::", question)[1] for question in gift] == [r"The concept 1 (tricky)", "The concept 2 (tf)"]
    assert all(check_question(question) == [] for question in gift)
    markdown = files["downloads/questions/concept.md"]
    assert "**Answer:** a, c" in markdown and "(Bordin, 1979)" in markdown and "- Why b is wrong:" in markdown


def test_the_appendix_lists_answers_per_chapter_with_links_back():
    appendix = answers_appendix([("Chapter", "concept/", parsed()), ("Empty", "x/", [])],
                                cite=lambda text: text.replace("[@bordin1979generalizability]", "<cite>B</cite>"),
                                link=lambda url, qid: f"../{url}#question-{qid}")
    assert appendix.count("<h2>") == 1
    assert 'href="../concept/#question-tricky"' in appendix
    assert "<cite>B</cite>" in appendix
    assert html.unescape(appendix).count("Because {this} is ~wrong~ #2: see.") == 1
    assert answers_appendix([("Empty", "x/", [])], cite=str, link=lambda url, qid: "") == ""
