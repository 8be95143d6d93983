import math

import pytest

from alliance_atlas.trajectories.fitting import fit_polynomial, fit_polynomials


def test_straight_line_gives_exact_intercept_and_slope(straight_line):
    fit = fit_polynomial(straight_line, 1)
    assert fit.coefficients == pytest.approx((0.0, 1.0), abs=1e-12)
    assert fit.rss == 0.0
    assert fit.r2 == 1.0
    assert fit.fitted == pytest.approx(straight_line)


def test_known_quadratic_is_recovered_in_session_units():
    sessions = range(1, 9)
    scores = [2.0 + 0.5 * t - 0.25 * t * t for t in sessions]
    fit = fit_polynomial(scores, 2)
    assert fit.coefficients == pytest.approx((2.0, 0.5, -0.25), abs=1e-10)
    assert fit.rss == 0.0


def test_hand_computed_linear_fit_with_residuals():
    # t = 1..4, y = 2, 4, 3, 5: Sxy = 4, Sxx = 5 -> slope 0.8, intercept 3.5 - 0.8 * 2.5 = 1.5.
    # Fitted 2.3, 3.1, 3.9, 4.7; residuals -.3, .9, -.9, .3 -> RSS 1.8; TSS 5 -> R² 0.64.
    fit = fit_polynomial([2.0, 4.0, 3.0, 5.0], 1)
    assert fit.coefficients == pytest.approx((1.5, 0.8))
    assert fit.fitted == pytest.approx((2.3, 3.1, 3.9, 4.7))
    assert fit.rss == pytest.approx(1.8)
    assert fit.tss == pytest.approx(5.0)
    assert fit.r2 == pytest.approx(0.64)
    assert fit.df_residual == 2


def test_hand_computed_information_criteria():
    # k = 3 (intercept, slope, error variance); n - k - 1 = 0, so AICc is undefined.
    fit = fit_polynomial([2.0, 4.0, 3.0, 5.0], 1)
    assert fit.aic == pytest.approx(4 * math.log(1.8 / 4) + 6)
    assert fit.bic == pytest.approx(4 * math.log(1.8 / 4) + 3 * math.log(4))
    assert fit.aicc is None


def test_mean_model_is_the_average():
    fit = fit_polynomial([4.0, 6.0, 5.0], 0)
    assert fit.coefficients == pytest.approx((5.0,))
    assert fit.rss == pytest.approx(2.0)
    assert fit.r2 == 0.0


def test_constant_series_has_r2_one_and_no_information_criteria():
    for fit in fit_polynomials([3.0, 3.0, 3.0, 3.0]):
        assert fit.rss == 0.0
        assert fit.r2 == 1.0
        assert fit.aic is None


def test_large_session_numbers_stay_accurate():
    # Centring keeps the normal equations well conditioned even for long series.
    n = 400
    scores = [1.0 + 0.01 * t + 0.0001 * t * t for t in range(1, n + 1)]
    fit = fit_polynomial(scores, 2)
    assert fit.coefficients == pytest.approx((1.0, 0.01, 0.0001), rel=1e-8)


def test_predict_matches_fitted_values():
    fit = fit_polynomial([5.0, 4.2, 3.9, 4.4, 5.1, 5.0], 2)
    assert [fit.predict(t) for t in range(1, 7)] == pytest.approx(fit.fitted)


@pytest.mark.parametrize("degree", [-1, 3, 1.0, True])
def test_unsupported_degree_is_refused(degree):
    with pytest.raises(ValueError):
        fit_polynomial([1.0, 2.0, 3.0, 4.0], degree)


def test_too_few_scores_for_degree_is_refused():
    with pytest.raises(ValueError, match="at least 3"):
        fit_polynomial([1.0, 2.0], 2)
