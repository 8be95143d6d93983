"""A synthesis's counts: show="k" and show="n", and rows that give a count without a confirmed pooled size."""

from __future__ import annotations

import json
import re

import pytest

from alliance_atlas.evidence import EvidenceShortcodeError, expand, parse_effects
from alliance_atlas.evidence.render import NOT_CONFIRMED, inline_html, table_html
from alliance_atlas.evidence.vocabulary import COLUMNS

HEADER = ",".join(COLUMNS)
COUNT_ONLY = "count,safran2002repairing,outcomes,Alliance and outcome,mixed,mixed,79,,,,,,,,,,,58 published and 21 unpublished."
WITH_EFFECT = "repair,safran1996resolution,rupture-repair,Repair and outcome,adults,individual,11,1314,more than,patients,r,0.29,0.10,0.47,95,,,"


@pytest.fixture
def effects(small_keys):
    parsed = parse_effects(f"{HEADER}\n{WITH_EFFECT}\n{COUNT_ONLY}\n", small_keys, file="e.csv")
    assert parsed.errors == []
    return parsed.effects


def run(markdown, effects):
    return expand(markdown, effects, page="docs/p.md", work_label=lambda key: f"Work {key}", map_href="../evidence/")


def test_a_row_may_give_a_count_without_a_pooled_size(effects):
    count = effects[1]
    assert (count.k, count.metric, count.effect, count.has_effect, count.has_interval) == (79, "", None, False, False)
    assert effects[0].has_effect


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (COUNT_ONLY.replace(",79,", ",,"), "metric and effect are empty and so are k and n: the row reports nothing"),
        (COUNT_ONLY.replace(",79,,,,,,,,", ",79,,,,,,0.1,0.2,95"), "ci_low, ci_high, ci_level given without an effect"),
        (COUNT_ONLY.replace(",79,,,,,", ",79,,,,r,"), "effect is empty; for a count whose pooled size is not confirmed, leave metric empty too"),
        (COUNT_ONLY.replace(",79,,,,,,", ",79,,,,,0.2,"), "metric is empty; give the effect's metric"),
    ],
)
def test_a_count_only_row_still_needs_a_count_and_nothing_that_needs_an_estimate(row, reason, small_keys):
    parsed = parse_effects(f"{HEADER}\n{row}\n", small_keys, file="e.csv")
    assert [error.line for error in parsed.errors] == [2], parsed.errors
    assert parsed.errors[0].reason.startswith(reason)


def test_inline_k_and_n_print_the_counts_alone(effects):
    assert inline_html(effects[0], "k") == '<span class="atlas-effect" data-atlas-effect="repair">11</span>'
    assert inline_html(effects[0], "n").endswith(">more than 1,314 patients</span>")
    assert inline_html(effects[1], "k").endswith(">79</span>")


def test_shortcodes_with_k_and_n_expand_in_prose(effects):
    out = run('Pooled <!-- atlas:effect id="repair" show="k" --> studies with <!-- atlas:effect id="repair" show="n" -->.\n', effects)
    assert out == (
        'Pooled <span class="atlas-effect" data-atlas-effect="repair">11</span> studies with '
        '<span class="atlas-effect" data-atlas-effect="repair">more than 1,314 patients</span>.\n'
    )


#: shortcode -> the start of the error it raises (the page and line come first).
IMPOSSIBLE_SHOWS = {
    '<!-- atlas:effect id="count" show="n" -->': "show='n' is not possible for 'count': the file gives no n",
    '<!-- atlas:effect id="count" -->': "show='full' is not possible for 'count': the file gives a count but no pooled size",
    '<!-- atlas:effect id="count" show="value" -->': "show='value' is not possible for 'count'",
    '<!-- atlas:effect id="repair" show="also" -->': "show='also' is not possible for 'repair': the file gives no also_metric",
    '<!-- atlas:effect id="repair" show="N" -->': "unknown show='N' for 'repair'; use one of full, estimate, value, also, k, n",
}


def test_a_show_the_row_cannot_give_stops_the_build(effects):
    for shortcode, message in IMPOSSIBLE_SHOWS.items():
        with pytest.raises(EvidenceShortcodeError, match="^docs/p.md:2: " + re.escape(message)):
            run(f"Text.\n{shortcode}\n", effects)


def test_a_table_lists_a_count_only_row_with_its_count_and_says_the_size_is_not_confirmed(effects):
    table = table_html(effects, "Pooled effects")
    row = table[table.index('<tr data-atlas-effect="count"'):]
    assert '<td class="atlas-evidence-table__number">79</td>' in row
    assert f"<td>{NOT_CONFIRMED}</td>" in row
    assert "58 published and 21 unpublished." in row


def test_the_map_draws_only_pooled_sizes_and_names_the_rows_it_leaves_out(effects):
    out = run("<!-- atlas:evidence-map -->\n", effects)
    spec = json.loads(__import__("html").unescape(out.split('data-atlas-spec="')[1].split('"')[0]))
    assert [row["id"] for row in spec["data"]["values"]] == ["repair"]
    assert out.count("<tr data-atlas-effect") == 1 and "Showing all 1 pooled effects." in out
    assert "Forest plot of 1 pooled effects from 1 meta-analyses" in out
    assert (
        "Not mapped, because only the number of studies or participants is confirmed, not the pooled size: "
        "@safran2002repairing on alliance and outcome.</p>"
    ) in out


def test_a_map_without_count_only_rows_says_nothing_about_them(effects):
    assert "Not mapped" not in run("<!-- atlas:evidence-map -->\n", effects[:1])
