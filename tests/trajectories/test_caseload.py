"""The caseload: every good row of a CSV analysed, each bad row reported by number, sorted by the latest unrepaired drop."""

from __future__ import annotations

import csv
import io
import pathlib

import pytest

from alliance_atlas.trajectories.caseload import CASELOAD_COLUMNS, build_caseload
from alliance_atlas.trajectories.validation import parse_csv, read_client_rows

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "caseload"


def _fixture(name: str) -> str:
    return (FIXTURES / f"{name}.csv").read_text(encoding="utf-8")


# One small file per kind of bad row: its third line (row 3) is the bad one, rows 2 and 4 are good.
BAD_ROWS = [
    ("too_few_scores", "Row 3 (client 'ben'): At least 3 scores are needed; got 2."),
    ("off_scale", "Row 3 (client 'ben'): Session 3: 7.5 is outside the WAI item mean range (1 to 7); "
                  "check the score or the scale."),
    ("duplicate_id", "Row 4: client id 'anna' is already used in row 2."),
    ("not_a_number", "Row 3 (client 'ben'): Session 2: 'four' is not a number."),
    ("empty_id", "Row 3: the first cell must be a client id, but it is empty."),
]


@pytest.mark.parametrize("name, message", BAD_ROWS, ids=[name for name, _ in BAD_ROWS])
def test_a_bad_row_is_reported_by_number_and_the_good_rows_are_analysed(name, message):
    caseload = build_caseload(_fixture(name), scale="wai")
    assert [problem.message for problem in caseload.problems] == [message]
    good = {"duplicate_id": ["anna", "ben"]}.get(name, ["anna", "cara"])
    assert sorted(entry.client_id for entry in caseload.entries) == good
    # Nothing dropped silently: every row of the file is either analysed or reported.
    assert len(caseload.entries) + len(caseload.problems) == 3


def test_strict_parse_csv_still_stops_at_the_first_bad_row():
    with pytest.raises(ValueError, match=r"Row 3 \(client 'ben'\): At least 3 scores"):
        parse_csv(_fixture("too_few_scores"))
    assert [row.line for row in read_client_rows(_fixture("too_few_scores"))] == [2, 3, 4]


def test_without_a_scale_no_score_is_off_the_scale():
    caseload = build_caseload(_fixture("off_scale"))
    assert caseload.problems == () and len(caseload.entries) == 3


def test_a_custom_range_names_itself_as_the_reader_s():
    caseload = build_caseload(_fixture("too_few_scores"), scale=(4.1, 6))
    assert "Row 2 (client 'anna'): Session 1: 4 is outside your custom range (4.1 to 6)" in caseload.problems[0].message


def test_clients_are_sorted_by_the_most_recent_unrepaired_drop_then_file_order():
    caseload = build_caseload(_fixture("sorting"), scale="wai")
    assert [entry.client_id for entry in caseload.entries] == ["late", "early", "steady", "repaired"]
    late, early, steady, repaired = caseload.entries
    assert (late.last_unrepaired.rupture_session, late.sessions_since_drop, late.recent) == (7, 0, True)
    assert (early.last_unrepaired.rupture_session, early.sessions_since_drop, early.recent) == (11, 3, False)
    assert steady.last_unrepaired is None and steady.sessions_since_drop is None
    # A repaired rupture is not an unrepaired drop.
    assert repaired.result.episodes and repaired.last_unrepaired is None
    assert [entry.client_id for entry in caseload.recent()] == ["late"]


def test_pattern_counts_cover_every_analysed_client():
    caseload = build_caseload(_fixture("sorting"), scale="wai")
    counts = caseload.pattern_counts()
    assert sum(counts.values()) == len(caseload.entries)
    assert counts[("stable", "none")] >= 2


def test_the_csv_export_holds_every_row_of_the_file_bad_ones_with_their_reason():
    caseload = build_caseload(_fixture("off_scale"), scale="wai")
    rows = list(csv.DictReader(io.StringIO(caseload.to_csv(lambda text: "'" + text if text == "cara" else text))))
    assert tuple(rows[0]) == CASELOAD_COLUMNS
    assert [(row["id"], row["row"]) for row in rows] == [("anna", "2"), ("'cara", "4"), ("ben", "3")]
    assert rows[2]["problem"].startswith("Row 3 (client 'ben'): Session 3") and rows[2]["pattern"] == ""
    assert rows[0]["problem"] == "" and rows[0]["unrepaired_drop_in_last_3_sessions"] == "no"


def test_a_csv_without_client_rows_is_an_error():
    with pytest.raises(ValueError, match="No client rows"):
        build_caseload("id,S1,S2\n")
