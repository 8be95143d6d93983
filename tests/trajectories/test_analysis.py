import json
import math
import re

import pytest

from alliance_atlas.trajectories import AnalysisResult, analyze, describe


@pytest.fixture
def v_result(v_shaped_series) -> AnalysisResult:
    return analyze(v_shaped_series)


REQUIRED_KEYS = {"pattern", "direction", "fits", "episodes", "n_sessions", "scores", "fitted", "rule"}


def test_to_dict_has_the_documented_keys(v_result):
    document = v_result.to_dict()
    assert REQUIRED_KEYS <= set(document)
    assert set(document["fits"]) == {"stable", "linear", "quadratic"}


def test_to_dict_is_strict_json(v_result):
    text = json.dumps(v_result.to_dict(), allow_nan=False)
    assert json.loads(text) == v_result.to_dict()


def test_episode_entries_report_sessions_and_depth(v_result):
    (episode,) = v_result.to_dict()["episodes"]
    assert episode["rupture_session"] == 6
    assert episode["trough_session"] == 6
    assert episode["repair_session"] == 8
    assert episode["depth"] == pytest.approx(2.0)


def test_fits_report_coefficients_and_tests():
    document = analyze([2.0, 4.0, 3.0, 5.0]).to_dict()
    linear = document["fits"]["linear"]
    assert linear["degree"] == 1
    assert linear["coefficients"] == pytest.approx([1.5, 0.8])
    assert linear["rss"] == pytest.approx(1.8)
    assert linear["r2"] == pytest.approx(0.64)
    assert linear["f_test"]["compared_with"] == "stable"
    assert linear["f_test"]["f"] == pytest.approx(3.2 / 0.9)
    assert document["fits"]["stable"]["f_test"] is None


def test_fitted_values_belong_to_the_chosen_model():
    scores = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    document = analyze(scores).to_dict()
    assert document["pattern"] == "linear"
    assert document["fitted"] == pytest.approx(scores)
    assert document["n_sessions"] == 6 and document["scores"] == scores


def test_settings_are_reported_and_used(v_shaped_series):
    document = analyze(v_shaped_series, threshold_sd=4.0, repair_window=1).to_dict()
    assert document["threshold_sd"] == 4.0 and document["repair_window"] == 1
    assert document["episodes"] == []  # a 2-point drop is about 3 SDs here


def test_analyze_accepts_text():
    assert analyze("5.1, 5.3, 5.0, 5.2").scores == (5.1, 5.3, 5.0, 5.2)


def test_trailing_empty_sessions_are_allowed():
    assert analyze([5.0, 4.0, 3.0, 4.0, None, ""]).n_sessions == 4


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ([5.0, 4.0], r"At least 3 scores are needed; got 2"),
        ([5.0, "abc", 4.0, 3.0], r"Session 2: 'abc' is not a number"),
        ([5.0, 4.0, math.nan], r"Session 3: nan is not a finite number"),
        ([5.0, math.inf, 4.0], r"Session 2: inf is not a finite number"),
        ([5.0, 4.0, None, 3.0], r"Session 3 is empty, but later sessions have scores"),
        ("5 4 x", r"Session 3: 'x' is not a number"),
    ],
)
def test_bad_input_is_refused_with_a_plain_message(scores, message):
    with pytest.raises(ValueError, match=message):
        analyze(scores)


@pytest.mark.parametrize("settings", [{"threshold_sd": -1.0}, {"repair_window": 0}])
def test_bad_settings_are_refused(settings, v_shaped_series):
    with pytest.raises(ValueError):
        analyze(v_shaped_series, **settings)


def test_result_is_frozen(v_result):
    with pytest.raises(AttributeError):
        v_result.threshold_sd = 1.0


def test_describe_stable_with_rupture(v_result):
    text = describe(v_result)
    assert "stayed about level" in text
    assert "One rupture was found at session 6, repaired by session 8." in text


def test_describe_linear_growth_gives_rate():
    text = describe(analyze([4.0, 4.2, 4.4, 4.6, 4.8, 5.0]))
    assert "rose steadily, by about 0.2 points per session" in text
    assert "No sudden session-to-session drop of 2 SDs" in text


def test_describe_u_shape_names_the_low_point():
    text = describe(analyze([(t - 5) ** 2 / 4 + 3 for t in range(1, 10)]))
    assert "dipped and then recovered (a U shape), lowest around session 5" in text


def test_describe_inverted_u_names_the_high_point():
    text = describe(analyze([6 - (t - 4) ** 2 / 4 for t in range(1, 8)]))
    assert "rose and then fell back (an inverted U), highest around session 4" in text


def test_describe_unrepaired_rupture():
    text = describe(analyze([5.0, 5.0, 5.0, 5.0, 5.0, 2.0, 2.2]))
    assert "with no repair within 3 sessions of its low point" in text


@pytest.mark.parametrize("scores", [[5.0, 5.0, 5.0, 5.0, 5.0, 3.0, 4.0, 5.0, 5.0], [4.0, 4.2, 4.4, 4.6, 4.8, 5.0]])
def test_describe_has_no_citations(scores):
    text = describe(analyze(scores))
    assert not re.search(r"\b(19|20)\d\d\b|et al", text)
    assert 1 <= text.count(". ") + 1 <= 2
