"""The explainers' numbers come from alliance_atlas.trajectories and say what the prose says they do."""

from __future__ import annotations

import pytest

from alliance_atlas.explainers import data
from alliance_atlas.trajectories import analyze


def test_each_example_client_gets_its_own_pattern():
    examples = data.pattern_examples()
    assert {label: (r.pattern, r.direction) for label, r in examples.items()} == {
        "Stable": ("stable", "none"),
        "Linear growth": ("linear", "up"),
        "Quadratic (U shape)": ("quadratic", "up"),
    }


def test_model_comparison_reads_the_f_tests_of_to_dict():
    result = data.pattern_examples()["Quadratic (U shape)"]
    rows = data.model_comparison(result)
    fits = result.to_dict()["fits"]
    assert [row["model"] for row in rows] == ["Stable (level)", "Linear (slope)", "Quadratic (curve)"]
    assert rows[0]["f"] is None and rows[0]["verdict"] == "baseline"
    assert rows[2]["f"] == fits["quadratic"]["f_test"]["f"]
    assert rows[2]["p"] == fits["quadratic"]["f_test"]["p"] < 0.02
    assert rows[2]["verdict"] == "better than the simpler model"
    assert rows[1]["verdict"] == "no clear gain"
    assert rows[2]["df"] == f"1, {result.n_sessions - 3}"


def test_model_fit_rows_cover_every_model_and_session():
    result = data.pattern_examples()["Linear growth"]
    rows = data.model_fit_rows(result)
    assert len(rows) == 3 * result.n_sessions


def test_u_and_v():
    examples = data.u_and_v_examples()
    u, v = examples["U shape (gradual)"], examples["V shape (sudden)"]
    assert (u.pattern, u.direction, len(u.episodes)) == ("quadratic", "up", 0)
    # The prose says: the classifier sees no curve in the V, the episode detection finds session 6 repaired by 8.
    assert v.pattern == "stable"
    assert [(e.rupture_session, e.repair_session) for e in v.episodes] == [(6, 8)]


def test_walkthrough_client_differs_between_thresholds_as_the_prose_says():
    scores = data.walkthrough_scores()
    assert len(scores) == 16
    rows = data.episode_rows(scores)
    at = {t: [(r["rupture_session"], r["repair_session"]) for r in rows if r["threshold_sd"] == t] for t in (1.0, 2.0)}
    assert at[2.0] == [(7, 9)]
    assert at[1.0] == [(3, 4), (7, 9), (14, None)]
    flags = {row["session"]: row["flag"] for row in data.change_rows(scores)}
    assert flags[7] == "drop of 2 SD or more"
    assert flags[3] == flags[14] == "drop of 1 SD or more"
    assert analyze(scores).pattern == "stable"


def test_session_changes_are_in_client_sds():
    changes = data.session_changes([1.0, 2.0, 1.0])
    # SD of (1, 2, 1) is sqrt(1/3); a drop of 1 point is sqrt(3) SDs.
    assert changes[0].change is None
    assert changes[2].change_sd == pytest.approx(-(3 ** 0.5))
    assert changes[2].flagged(1.0) and not changes[2].flagged(2.0)


def test_false_alarms_on_pure_noise():
    rows = data.false_alarm_rates(thresholds=(1.0, 2.0), sessions=(8, 30), clients=300)
    rate = {(r["threshold_sd"], r["sessions"]): r["percent_flagged"] for r in rows}
    # The looser rule flags more, and longer series are flagged more often.
    assert rate[(1.0, 8)] > rate[(2.0, 8)]
    assert rate[(2.0, 30)] > rate[(2.0, 8)]
    assert rate[(1.0, 8)] > 90
    assert all(0 <= value <= 100 for value in rate.values())
    with pytest.raises(ValueError):
        data.false_alarm_rates(clients=0)


def test_false_alarm_figures_quoted_in_the_notebook():
    rows = data.false_alarm_rates()
    rate = {(r["threshold_sd"], r["sessions"]): r["percent_flagged"] for r in rows}
    # "At 1 SD nearly every noise-only client is flagged ... even with 8 sessions."
    assert rate[(1.0, 8)] >= 95
    # "At 2 SD about half of the 8-session clients and most of the 30-session clients are flagged."
    assert 40 <= rate[(2.0, 8)] <= 60
    assert rate[(2.0, 30)] >= 75
