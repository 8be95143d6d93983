import pytest

from alliance_atlas.trajectories.classify import ALPHA_LINEAR, ALPHA_QUADRATIC, classify, nested_f_test
from alliance_atlas.trajectories.fitting import fit_polynomials


def test_exact_straight_line_is_linear_up(straight_line):
    result = classify(straight_line)
    assert (result.pattern, result.direction) == ("linear", "up")


def test_exact_decline_is_linear_down():
    result = classify([6.0, 5.5, 5.0, 4.5, 4.0, 3.5])
    assert (result.pattern, result.direction) == ("linear", "down")


def test_exact_u_is_quadratic_up():
    result = classify([(t - 4) ** 2 for t in range(1, 8)])
    assert (result.pattern, result.direction) == ("quadratic", "up")


def test_exact_inverted_u_is_quadratic_down():
    result = classify([-((t - 4) ** 2) for t in range(1, 8)])
    assert (result.pattern, result.direction) == ("quadratic", "down")


def test_constant_series_is_stable():
    result = classify([4.0] * 6)
    assert (result.pattern, result.direction) == ("stable", "none")


def test_three_sessions_only_test_the_slope():
    result = classify([3.0, 4.1, 4.9])
    assert result.tests[2].p is None
    assert result.pattern in ("stable", "linear")


def test_f_statistic_matches_hand_computation():
    # y = 2, 4, 3, 5: RSS0 = 5, RSS1 = 1.8 -> F = 3.2 / (1.8 / 2) = 3.5556 on (1, 2) df.
    stable_fit, linear_fit = fit_polynomials([2.0, 4.0, 3.0, 5.0], (0, 1))
    test = nested_f_test(stable_fit, linear_fit)
    assert test.f == pytest.approx(3.2 / 0.9)
    assert (test.df_numerator, test.df_denominator) == (1, 2)
    assert 0.05 < test.p < 0.5


def test_chosen_fit_matches_pattern():
    result = classify([(t - 4) ** 2 for t in range(1, 8)])
    assert result.chosen_fit.degree == 2


def test_alphas_are_the_documented_ones():
    assert (ALPHA_LINEAR, ALPHA_QUADRATIC) == (0.05, 0.02)


def test_too_few_scores_are_refused():
    with pytest.raises(ValueError, match="At least 3"):
        classify([1.0, 2.0])
