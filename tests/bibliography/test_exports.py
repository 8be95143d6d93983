"""Exports parse back with independent readers, holding every entry."""

from __future__ import annotations

import json

import pybtex.database
import rispy

from alliance_atlas.bibliography import to_bibtex, to_csl, to_csl_json, to_ris
from alliance_atlas.bibliography.exports import reference_to_bibtex
import dataclasses


def test_bibtex_round_trips_through_pybtex(real_bibliography):
    parsed = pybtex.database.parse_string(to_bibtex(real_bibliography), "bibtex")
    assert list(parsed.entries) == list(real_bibliography.references)
    safran = parsed.entries["safran1996resolution"]
    assert [str(p) for p in safran.persons["author"]] == ["Safran, J. D.", "Muran, J. C."]
    assert safran.fields["doi"] == "10.1037/0022-006X.64.3.447"


def test_bibtex_built_from_fields_when_there_is_no_source_text(script_reference):
    rebuilt = dataclasses.replace(script_reference, bibtex="")
    parsed = pybtex.database.parse_string(reference_to_bibtex(rebuilt), "bibtex")
    assert parsed.entries["evil2020script"].fields["title"] == r'Hello <script>alert(1)</script> \& "friends"'


def test_ris_round_trips_through_rispy(real_bibliography):
    records = rispy.loads(to_ris(real_bibliography))
    assert [record["id"] for record in records] == list(real_bibliography.references)
    by_id = {record["id"]: record for record in records}
    article = by_id["safran1996resolution"]
    assert article["type_of_reference"] == "JOUR"
    assert article["authors"] == ["Safran, J. D.", "Muran, J. C."]
    assert (article["year"], article["volume"], article["number"]) == ("1996", "64", "3")
    assert (article["start_page"], article["end_page"]) == ("447", "458")
    assert article["doi"] == "10.1037/0022-006X.64.3.447"
    assert article["secondary_title"] == "Journal of Consulting and Clinical Psychology"
    chapter = by_id["safran2002repairing"]
    assert chapter["type_of_reference"] == "CHAP"
    assert chapter["secondary_title"] == "Psychotherapy relationships that work"
    assert (chapter["publisher"], chapter["place_published"]) == ("Oxford University Press", "New York")
    assert by_id["koenig2007spirituality"]["type_of_reference"] == "BOOK"
    assert by_id["fluckiger2018alliance"]["authors"][0] == "Flückiger, Christoph"


def test_csl_json_holds_every_entry(real_bibliography):
    items = json.loads(to_csl_json(real_bibliography))
    assert [item["id"] for item in items] == list(real_bibliography.references)


def test_csl_item_mapping(real_bibliography):
    item = to_csl(real_bibliography["safran1996resolution"])
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Safran", "given": "J. D."}, {"family": "Muran", "given": "J. C."}]
    assert item["issued"] == {"date-parts": [[1996]]}
    assert (item["container-title"], item["volume"], item["issue"], item["page"]) == (
        "Journal of Consulting and Clinical Psychology", "64", "3", "447-458")
    assert (item["DOI"], item["PMID"]) == ("10.1037/0022-006X.64.3.447", "8698936")
    chapter = to_csl(real_bibliography["freud1912dynamics"])
    assert chapter["type"] == "chapter" and chapter["original-date"] == {"date-parts": [[1912]]}
    assert (chapter["publisher"], chapter["publisher-place"]) == ("Hogarth Press", "London")
    assert to_csl(real_bibliography["ardito2011therapeutic"])["number"] == "270"
    assert to_csl(real_bibliography["aca2014code"])["author"] == [{"literal": "American Counseling Association"}]
