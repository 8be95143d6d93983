"""Loading and validating .bib files: every problem located by file, line and key."""

from __future__ import annotations

import os
import shutil

import pytest

from alliance_atlas.bibliography import BibliographyError, BibliographyErrors, Person, load_bibliography
from alliance_atlas.bibliography.parse import cached_bibliography
from alliance_atlas.bibliography.vocabulary import TOPICS

from .conftest import FIXTURES, REAL_BIB


def only_error(name: str) -> BibliographyError:
    with pytest.raises(BibliographyErrors) as raised:
        load_bibliography(FIXTURES / name)
    assert len(raised.value.errors) == 1, str(raised.value)
    return raised.value.errors[0]


@pytest.mark.parametrize(
    "fixture, line, key, reason",
    [
        ("unclosed_brace.bib", 11, "greenson1965working", "could not parse the entry"),
        ("duplicate_key.bib", 11, "bordin1979generalizability", "duplicate key 'bordin1979generalizability' (first defined on line 1)"),
        ("duplicate_field.bib", 7, "horvath1991relation", "duplicate field 'year'"),
        ("missing_year.bib", 1, "gaston1990concept", "missing required field 'year' for @article"),
        ("bad_doi.bib", 6, "leahy2008therapeutic", "malformed DOI 'https://doi.org/10.1017/S1352465808004128'"),
        ("bad_year.bib", 5, "leahy2008therapeutic", "malformed year '2008a' (expected 4 digits)"),
        ("unknown_keyword.bib", 6, "leahy2008therapeutic", "unknown topic keyword 'rupture-repiar' (did you mean 'rupture-repair'?)"),
        ("unknown_evidence.bib", 7, "leahy2008therapeutic", "unknown evidence type 'opinion'"),
        ("unknown_type.bib", 1, "leahy2008therapeutic", "unknown entry type '@journalarticle'"),
    ],
)
def test_each_bad_fixture_names_file_line_key_and_reason(fixture, line, key, reason):
    error = only_error(fixture)
    assert error.file.endswith(f"fixtures/bib/{fixture}")
    assert (error.line, error.key) == (line, key)
    assert reason in error.reason
    assert str(error).startswith(f"{error.file}:{line}: {key}: ")


def test_the_unclosed_entry_does_not_hide_the_valid_one_before_it(tmp_path):
    text = (FIXTURES / "unclosed_brace.bib").read_text()
    with pytest.raises(BibliographyErrors) as raised:
        load_bibliography(FIXTURES / "unclosed_brace.bib")
    assert "greenson1965working" in str(raised.value)
    # Without the broken entry the file is valid: the first entry was parsed, not swallowed.
    valid = tmp_path / "first_only.bib"
    valid.write_text(text.split("@article{greenson")[0])
    assert list(load_bibliography(valid).references) == ["bordin1979generalizability"]


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "many.bib"
    path.write_text(
        "@article{one2000a,\n"
        "  author = {A, B.},\n"
        "  title = {T},\n"
        "  year = {20},\n"
        "  doi = {doi:10.1/x},\n"
        "  keywords = {outcome, nonsense},\n"
        "  evidence = {gossip},\n"
        "}\n"
        "\n"
        "@misc{two2001b,\n"
        "  title = {No author},\n"
        "  year = {2001},\n"
        "  evidence = {review},\n"
        "  annotation = {x},\n"
        "}\n"
    )
    with pytest.raises(BibliographyErrors) as raised:
        load_bibliography(path)
    found = {(e.line, e.key, e.reason.split(" '")[0].split(" (")[0]) for e in raised.value.errors}
    assert found == {
        (1, "one2000a", "missing required field"),  # journal
        (4, "one2000a", "malformed year"),
        (5, "one2000a", "malformed DOI"),
        (6, "one2000a", "unknown topic keyword"),
        (7, "one2000a", "unknown evidence type"),
        (1, "one2000a", "missing annotation"),
        (10, "two2001b", "missing required field"),  # author
    }
    lines = str(raised.value).splitlines()
    assert lines[0] == "7 problems in the bibliography:"
    assert all(line.startswith(str(path)) for line in lines[1:])


def test_missing_evidence_is_an_error(tmp_path):
    path = tmp_path / "no_evidence.bib"
    path.write_text("@misc{x2000a,\n  author = {A, B.},\n  title = {T},\n  year = {2000},\n  annotation = {a},\n}\n")
    with pytest.raises(BibliographyErrors, match="missing evidence type"):
        load_bibliography(path)


def test_uppercase_duplicate_field_is_not_silently_merged(tmp_path):
    path = tmp_path / "case.bib"
    path.write_text("@misc{x2000a,\n  author = {A, B.},\n  Title = {One},\n  title = {Two},\n  year = {2000},\n  evidence = {theory},\n  annotation = {a},\n}\n")
    with pytest.raises(BibliographyErrors, match="duplicate field 'title'"):
        load_bibliography(path)


def test_valid_small_has_one_entry_of_each_type(small_bibliography):
    types = {key: ref.entry_type for key, ref in small_bibliography.references.items()}
    assert types == {
        "safran1996resolution": "article",
        "richards1997spiritual": "book",
        "safran2002repairing": "incollection",
    }
    article = small_bibliography["safran1996resolution"]
    assert article.line == 3
    assert article.authors == (Person("J. D.", "Safran"), Person("J. C.", "Muran"))
    assert article.year == 1996 and article.doi == "10.1037/0022-006X.64.3.447" and article.pmid == "8698936"
    assert article.fields["pages"] == "447–458"
    assert article.pages == ("447", "458")
    assert article.core is True and article.topics == ("rupture-repair",)
    assert article.bibtex.startswith("@article{safran1996resolution,") and article.bibtex.endswith("}")
    chapter = small_bibliography["safran2002repairing"]
    assert chapter.editors == (Person("J. C.", "Norcross"),)
    assert chapter.core is False and chapter.topics == ("rupture-repair", "concept")


def test_latex_accents_are_decoded(tmp_path):
    reference = load_bibliography(FIXTURES / "latex_accents.bib")["fluckiger2018alliance"]
    assert reference.authors[0] == Person("Christoph", "Flückiger")
    assert reference.authors[1].family == "Del Re"
    assert "Flückiger" in reference.fields["author"] and "Falkenström" in reference.annotation
    assert reference.title == "The alliance in adult psychotherapy: A meta-analytic synthesis"


def test_script_title_is_valid_text(script_reference):
    assert script_reference.title == 'Hello <script>alert(1)</script> & "friends"'


def test_real_bibliography_loads(real_bibliography):
    assert len(real_bibliography) >= 55
    assert all(ref.annotation and ref.evidence for ref in real_bibliography)
    corporate = real_bibliography["aca2014code"].authors
    assert corporate == (Person("", "American Counseling Association"),) and corporate[0].is_institution
    assert real_bibliography["castonguay2006working"].authors[2].family == "Grosse Holtforth"
    # The one entry whose publisher is unknown is a warning, not a build failure.
    assert [w.key for w in real_bibliography.warnings] == ["thurer1981characteristics"]


def test_real_lines_match_the_file(real_bibliography):
    lines = REAL_BIB.read_text(encoding="utf-8").splitlines()
    for reference in real_bibliography:
        assert lines[reference.line - 1].startswith(f"@{reference.entry_type}{{{reference.key},")


def test_mapping_protocol_closest_keys_and_topics(real_bibliography):
    assert "bordin1979generalizability" in real_bibliography
    assert "nobody2099nothing" not in real_bibliography
    assert next(iter(real_bibliography)).key == list(real_bibliography.references)[0]
    assert real_bibliography.closest_keys("safran1996resolutoin")[0] == "safran1996resolution"
    rupture = real_bibliography.by_topic("rupture-repair")
    assert rupture and all("rupture-repair" in ref.topics for ref in rupture)
    keys = list(real_bibliography.references)
    assert [ref.key for ref in rupture] == [key for key in keys if key in {ref.key for ref in rupture}]
    assert all(real_bibliography.by_topic(slug) for slug in TOPICS)
    with pytest.raises(KeyError):
        real_bibliography.by_topic("astrology")


def test_cached_bibliography_reparses_only_on_change(tmp_path):
    path = tmp_path / "cached.bib"
    shutil.copy(FIXTURES / "valid_small.bib", path)
    first = cached_bibliography(path)
    assert cached_bibliography(path) is first
    with path.open("a") as handle:
        handle.write("\n% touched\n")
    second = cached_bibliography(path)
    assert second is not first and list(second.references) == list(first.references)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cached_bibliography(path) is not second
