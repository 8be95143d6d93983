import math

import pytest

from alliance_atlas.trajectories.validation import clean_scores, parse_csv, parse_scores, parse_text


# --- one series: clean_scores / parse_text ---------------------------------


def test_clean_scores_accepts_numbers_and_numeric_text():
    assert clean_scores([5, "4.5", " 3.25 ", 6.0]) == [5.0, 4.5, 3.25, 6.0]


def test_trailing_empty_cells_are_dropped():
    assert clean_scores([5.0, 4.0, 3.0, None, "", "  "]) == [5.0, 4.0, 3.0]


def test_empty_cell_in_the_middle_is_refused_with_its_session():
    with pytest.raises(ValueError, match=r"Session 3 is empty, but later sessions have scores; fill it or remove the later ones"):
        clean_scores([5.0, 4.0, "", 3.0])


def test_non_numeric_score_names_session_and_value():
    with pytest.raises(ValueError, match=r"Session 4: 'abc' is not a number"):
        clean_scores(["5", "4", "3", "abc"])


@pytest.mark.parametrize("bad", ["nan", "inf", "-Infinity", math.nan, math.inf, "1e999", 10**400])
def test_non_finite_scores_are_refused(bad):
    with pytest.raises(ValueError, match=r"Session 2: .* is not a finite number"):
        clean_scores([5.0, bad, 4.0])


@pytest.mark.parametrize("huge", [1e200, "-1e13"])
def test_absurdly_large_scores_are_refused(huge):
    with pytest.raises(ValueError, match=r"Session 3: .* is too large to be a score"):
        clean_scores([5.0, 4.0, huge])


@pytest.mark.parametrize("bad", [True, [1.0], object()])
def test_non_number_objects_are_refused(bad):
    with pytest.raises(ValueError, match="Session 1: .* is not a number"):
        clean_scores([bad, 4.0, 5.0])


@pytest.mark.parametrize("values", [[], [5.0], [5.0, 4.0], [5.0, 4.0, None]])
def test_fewer_than_three_scores_are_refused(values):
    with pytest.raises(ValueError, match=r"At least 3 scores are needed; got \d"):
        clean_scores(values)


@pytest.mark.parametrize(
    "text",
    [
        "5.1 5.3 4.0",
        "5.1, 5.3, 4.0",
        "5.1;5.3;4.0",
        "5.1\t5.3\t4.0",
        "5.1\n5.3\n4.0\n",
        "5.1,\n5.3,\n4.0,",
        "  5.1\r\n5.3\r\n4.0  ",
        "5.1 5.3\n4.0",
    ],
)
def test_parse_text_accepts_common_separators(text):
    assert parse_text(text) == [5.1, 5.3, 4.0]


def test_parse_text_trailing_empty_cells_are_allowed():
    assert parse_text("5, 4, 3, , ,") == [5.0, 4.0, 3.0]


@pytest.mark.parametrize("text", ["5, 4,, 3", "5\n4\n\n3", "5; 4; ; 3"])
def test_parse_text_refuses_empty_middle_cell(text):
    with pytest.raises(ValueError, match="Session 3 is empty"):
        parse_text(text)


def test_parse_text_names_bad_token():
    with pytest.raises(ValueError, match=r"Session 4: 'abc' is not a number"):
        parse_text("5.1 5.3 3.2 abc 5.0")


@pytest.mark.parametrize("text", ["", "   \n  ", "5 4"])
def test_parse_text_refuses_too_few(text):
    with pytest.raises(ValueError, match="at least 3|At least 3"):
        parse_text(text)


def test_parse_text_refuses_non_finite():
    with pytest.raises(ValueError, match="'NaN' is not a finite number"):
        parse_text("5 4 NaN 3")


def test_parse_scores_routes_text_and_sequences():
    assert parse_scores("1 2 3") == parse_scores([1, 2, 3]) == [1.0, 2.0, 3.0]


# --- many clients: parse_csv ----------------------------------------------------


def test_parse_csv_reads_rows_with_ids_and_ragged_lengths():
    text = "A1,5.0,5.2,4.1,5.3\nB2,4.0,4.5,4.9,,\n"
    assert parse_csv(text) == [("A1", [5.0, 5.2, 4.1, 5.3]), ("B2", [4.0, 4.5, 4.9])]


def test_parse_csv_skips_header_and_blank_rows():
    text = "client,s1,s2,s3\n\nA1,5,4,3\n"
    assert parse_csv(text) == [("A1", [5.0, 4.0, 3.0])]


def test_parse_csv_detects_semicolons_and_tabs():
    assert parse_csv("A1;5;4;3\n") == [("A1", [5.0, 4.0, 3.0])]
    assert parse_csv("A1\t5\t4\t3\n") == [("A1", [5.0, 4.0, 3.0])]


def test_parse_csv_first_row_with_a_typo_is_an_error_not_a_header():
    with pytest.raises(ValueError, match=r"Row 1 \(client 'A1'\): Session 2: 'x' is not a number"):
        parse_csv("A1,5,x,3\nB2,4,4,4\n")


def test_parse_csv_error_names_row_and_client_for_bad_value():
    text = "id,s1,s2,s3,s4\nA1,5,4,3,4\nA12,5,4,3,abc\n"
    with pytest.raises(ValueError, match=r"Row 3 \(client 'A12'\): Session 4: 'abc' is not a number"):
        parse_csv(text)


def test_parse_csv_error_names_row_and_client_for_empty_middle():
    with pytest.raises(ValueError, match=r"Row 2 \(client 'B'\): Session 2 is empty"):
        parse_csv("A,5,4,3\nB,5,,3\n")


def test_parse_csv_error_names_row_and_client_for_too_few():
    with pytest.raises(ValueError, match=r"Row 2 \(client 'B'\): At least 3 scores are needed; got 2"):
        parse_csv("A,5,4,3\nB,5,4,,\n")


def test_parse_csv_error_for_non_finite_names_client():
    with pytest.raises(ValueError, match=r"Row 1 \(client 'A'\): Session 3: 'inf' is not a finite number"):
        parse_csv("A,5,4,inf\n")


def test_parse_csv_refuses_missing_id():
    with pytest.raises(ValueError, match=r"Row 2: the first cell must be a client id"):
        parse_csv("A,5,4,3\n,5,4,3\n")


def test_parse_csv_refuses_duplicate_id():
    with pytest.raises(ValueError, match=r"Row 3: client id 'A' is already used in row 1"):
        parse_csv("A,5,4,3\nB,5,4,3\nA,1,2,3\n")


@pytest.mark.parametrize("text", ["", "\n\n", "id,s1,s2,s3\n"])
def test_parse_csv_refuses_file_without_clients(text):
    with pytest.raises(ValueError, match="No client rows"):
        parse_csv(text)
