"""Upper-tail p-values of the F distribution, without scipy.

P(F > f) for F ~ F(d1, d2) equals the regularized incomplete beta function
I_x(d2/2, d1/2) at x = d2 / (d2 + d1*f). The incomplete beta is evaluated with
the continued fraction of Numerical Recipes (betacf, modified Lentz method),
using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) so the fraction is always
evaluated where it converges quickly.
"""

from __future__ import annotations

import math

_MAX_ITERATIONS = 300
_RELATIVE_ACCURACY = 3e-16
# Stand-in for zero in Lentz's method: keeps denominators from vanishing.
_TINY = 1e-300


def regularized_incomplete_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b) for a, b > 0 and 0 <= x <= 1."""
    if a <= 0 or b <= 0:
        raise ValueError("incomplete beta needs positive shape parameters")
    if not 0.0 <= x <= 1.0:
        raise ValueError("incomplete beta needs 0 <= x <= 1")
    if x == 0.0 or x == 1.0:
        return x
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(x, a, b) / a
    return 1.0 - front * _beta_continued_fraction(1.0 - x, b, a) / b


def _beta_continued_fraction(x: float, a: float, b: float) -> float:
    a_plus_b, a_plus_1, a_minus_1 = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - a_plus_b * x / a_plus_1
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, _MAX_ITERATIONS + 1):
        two_m = 2 * m
        # Even step of the continued fraction.
        numerator = m * (b - m) * x / ((a_minus_1 + two_m) * (a + two_m))
        d = 1.0 + numerator * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + numerator / c
        c = c if abs(c) > _TINY else _TINY
        result *= d * c
        # Odd step.
        numerator = -(a + m) * (a_plus_b + m) * x / ((a + two_m) * (a_plus_1 + two_m))
        d = 1.0 + numerator * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + numerator / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        result *= delta
        if abs(delta - 1.0) < _RELATIVE_ACCURACY:
            return result
    # Only reachable for shape parameters far beyond anything a session series produces.
    return result


def f_survival(f: float, df_numerator: float, df_denominator: float) -> float:
    """P(F > f) for an F(df_numerator, df_denominator) variable."""
    if df_numerator <= 0 or df_denominator <= 0:
        raise ValueError("F distribution needs positive degrees of freedom")
    if math.isnan(f):
        raise ValueError("F statistic is not a number")
    if f <= 0.0:
        return 1.0
    if math.isinf(f):
        return 0.0
    x = df_denominator / (df_denominator + df_numerator * f)
    return regularized_incomplete_beta(x, df_denominator / 2.0, df_numerator / 2.0)
