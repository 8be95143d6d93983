"""The evidence file's validation: every bad case names the file, the line and the reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alliance_atlas.evidence import EvidenceErrors, load_effects, parse_effects
from alliance_atlas.evidence.vocabulary import COLUMNS

from .conftest import FIXTURES

HEADER = ",".join(COLUMNS)
GOOD = "repair,safran1996resolution,rupture-repair,Repair and outcome,adults,individual,11,1314,,patients,r,0.29,0.10,0.47,95,,,"


def errors_of(name, keys):
    parsed = parse_effects((FIXTURES / name).read_text(encoding="utf-8"), keys, file=f"fixtures/{name}")
    return parsed, [str(error) for error in parsed.errors]


@pytest.mark.parametrize(
    ("fixture", "line", "reason"),
    [
        ("unknown-key.csv", 3, "unknown bibliography key 'richards1997spirtual'; closest: richards1997spiritual"),
        ("bad-number.csv", 3, "effect '.2x6' is not a number"),
        ("ci-excludes-estimate.csv", 3, "the interval [0.30, 0.45] does not contain the estimate 0.26"),
        ("duplicate-id.csv", 4, "duplicate id 'repair' (first used on line 2)"),
        ("unknown-area.csv", 3, "unknown area 'spirituality'; known: outcomes, rupture-repair"),
    ],
)
def test_each_bad_fixture_is_one_error_naming_file_line_and_reason(fixture, line, reason, small_keys):
    parsed, messages = errors_of(fixture, small_keys)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"fixtures/{fixture}:{line}: {reason}")
    assert parsed.errors[0].line == line
    # The good rows are still read.
    assert "repair" in [effect.id for effect in parsed.effects]


def test_load_raises_all_errors_together(tmp_path, small_keys):
    path = tmp_path / "effects.csv"
    path.write_text(
        "\n".join([HEADER, GOOD, GOOD.replace("0.29", "0.9").replace("repair,", "two,", 1), GOOD.replace("11,", "eleven,", 1).replace("repair,", "three,", 1)]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(EvidenceErrors) as raised:
        load_effects(path, small_keys, display_name="bibliography/effects.csv")
    text = str(raised.value)
    assert text.startswith("2 problems in the evidence file:")
    assert "bibliography/effects.csv:3: the interval [.10, .47] does not contain the estimate .9" in text
    assert "bibliography/effects.csv:4: k 'eleven' is not a positive whole number" in text


def test_the_valid_fixture_keeps_numbers_as_written(valid_effects):
    repair = valid_effects[0]
    assert (repair.effect, repair.ci_low, repair.ci_high) == (Decimal("0.29"), Decimal("0.10"), Decimal("0.47"))
    assert repair.k == 11 and repair.n_text() == "1,314 patients"
    assert valid_effects[2].n_text() == "more than 21,699 patients"
    assert valid_effects[1].has_interval is False


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda row: row.replace(",r,0.29,", ",r,1.29,").replace("0.47", "1.47"), "outside -1 to 1, impossible for r"),
        (lambda row: row.replace(",0.47,95,", ",,95,"), "give both ci_low and ci_high, or neither"),
        (lambda row: row.replace(",r,0.29,", ",rho,0.29,"), "unknown metric 'rho'"),
        (lambda row: row.replace(",adults,", ",elders,"), "unknown population 'elders'"),
        (lambda row: row.replace(",individual,", ",online,"), "unknown format 'online'"),
        (lambda row: row.replace("1314", '"1,314"'), "n '1,314' is not a positive whole number"),
        (lambda row: row.replace(",0.10,0.47,", ",0.47,0.10,"), "ci_low 0.47 is not below ci_high 0.10"),
        (lambda row: row + ",extra", "expected 18 columns, found 19"),
        (lambda row: row.replace("repair,", "Repair Two,", 1), "id 'Repair Two' must be lower-case"),
    ],
)
def test_other_bad_values(change, reason, small_keys):
    parsed = parse_effects(f"{HEADER}\n{change(GOOD)}\n", small_keys, file="e.csv")
    assert [error.line for error in parsed.errors] == [2]
    assert reason in parsed.errors[0].reason


def test_a_wrong_header_is_an_error_on_line_one(small_keys):
    parsed = parse_effects("id,key,effect\nx,safran1996resolution,0.2\n", small_keys, file="e.csv")
    assert [str(error) for error in parsed.errors] == [f"e.csv:1: the header must be exactly: {HEADER}"]


def test_line_numbers_count_quoted_newlines_and_blank_lines(small_keys):
    quoted = GOOD.replace("Repair and outcome", '"Repair\nand outcome"')
    bad = GOOD.replace("0.29", "x").replace("repair,", "later,", 1)
    text = f"{HEADER}\n{quoted}\n\n{bad}\n"
    parsed = parse_effects(text, small_keys, file="e.csv")
    assert [error.line for error in parsed.errors] == [5]
