"""Ordinary least squares polynomial fits (degree 0, 1 or 2) of scores on session number.

Sessions are numbered t = 1..n. The fit is computed on the centred variable
x = t - (n + 1) / 2 because powers of raw session numbers are strongly correlated,
which makes the normal equations ill-conditioned; the centre is an integer or a
half-integer, so x is exact in binary floating point. Coefficients are converted
back and reported for the polynomial in t: ``b0 + b1*t + b2*t**2``.

Information criteria use the Gaussian likelihood with the error variance counted
as a parameter (k = degree + 2):
    AIC  = n*ln(RSS/n) + 2k
    AICc = AIC + 2k(k+1)/(n-k-1)      (None when n - k - 1 <= 0)
    BIC  = n*ln(RSS/n) + k*ln(n)
All three are None when the fit is exact (RSS = 0), where the log-likelihood is infinite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from .linalg import solve_linear_system

MAX_DEGREE = 2


@dataclass(frozen=True)
class PolynomialFit:
    """One least squares fit. ``coefficients[k]`` multiplies ``t**k``."""

    degree: int
    coefficients: tuple[float, ...]
    fitted: tuple[float, ...]
    rss: float
    tss: float
    r2: float
    n_sessions: int
    aic: float | None
    aicc: float | None
    bic: float | None

    @property
    def n_coefficients(self) -> int:
        return self.degree + 1

    @property
    def df_residual(self) -> int:
        return self.n_sessions - self.n_coefficients

    def predict(self, session: float) -> float:
        return sum(coefficient * session**power for power, coefficient in enumerate(self.coefficients))


def exact_fit_tolerance(scores: Sequence[float]) -> float:
    """RSS below this is rounding noise: it treats residuals under ~1e-10 of the data scale as zero."""
    scale = max(1.0, max(abs(y) for y in scores))
    return len(scores) * (1e-10 * scale) ** 2


def fit_polynomial(scores: Sequence[float], degree: int) -> PolynomialFit:
    """Least squares fit of ``scores`` (sessions 1..n) by a polynomial of ``degree`` 0, 1 or 2."""
    return fit_polynomials(scores, (degree,))[0]


def fit_polynomials(scores: Sequence[float], degrees: Sequence[int] = (0, 1, 2)) -> list[PolynomialFit]:
    """Fit several degrees at once, sharing the power sums they all need."""
    n = len(scores)
    for degree in degrees:
        if not isinstance(degree, int) or isinstance(degree, bool) or not 0 <= degree <= MAX_DEGREE:
            raise ValueError(f"degree must be 0, 1 or 2, got {degree!r}")
        if n < degree + 1:
            raise ValueError(f"a degree-{degree} fit needs at least {degree + 1} scores, got {n}")
    ys = [float(y) for y in scores]
    centre = (n + 1) / 2
    xs = [t - centre for t in range(1, n + 1)]
    top = max(degrees)
    # power_sums[k] = sum(x**k); moment_sums[k] = sum(x**k * y): the normal equation entries.
    power_sums = [0.0] * (2 * top + 1)
    moment_sums = [0.0] * (top + 1)
    for x, y in zip(xs, ys):
        x_power = 1.0
        for k in range(2 * top + 1):
            power_sums[k] += x_power
            if k <= top:
                moment_sums[k] += x_power * y
            x_power *= x
    mean_y = moment_sums[0] / n
    tss = sum((y - mean_y) ** 2 for y in ys)
    tolerance = exact_fit_tolerance(ys)

    fits = []
    for degree in degrees:
        size = degree + 1
        normal_matrix = [[power_sums[r + c] for c in range(size)] for r in range(size)]
        centred = solve_linear_system(normal_matrix, moment_sums[:size])
        fitted = tuple(_evaluate(centred, x) for x in xs)
        rss = sum((y - f) ** 2 for y, f in zip(ys, fitted))
        if rss <= tolerance:
            rss = 0.0
        fits.append(
            PolynomialFit(
                degree=degree,
                coefficients=tuple(_uncentre(centred, centre)),
                fitted=fitted,
                rss=rss,
                tss=tss,
                r2=_r_squared(rss, tss, tolerance),
                n_sessions=n,
                **_information_criteria(rss, n, n_parameters=degree + 2),
            )
        )
    return fits


def _evaluate(coefficients: Sequence[float], x: float) -> float:
    value = 0.0
    for coefficient in reversed(coefficients):
        value = value * x + coefficient
    return value


def _uncentre(centred: Sequence[float], centre: float) -> list[float]:
    """Rewrite a0 + a1*(t-c) + a2*(t-c)**2 as b0 + b1*t + b2*t**2."""
    a = list(centred) + [0.0] * (3 - len(centred))
    b0 = a[0] - a[1] * centre + a[2] * centre * centre
    b1 = a[1] - 2.0 * a[2] * centre
    b2 = a[2]
    # Adding 0.0 turns -0.0 into 0.0 so exact zeros print as plain zeros.
    return [b0 + 0.0, b1 + 0.0, b2 + 0.0][: len(centred)]


def _r_squared(rss: float, tss: float, tolerance: float) -> float:
    # A constant series has nothing to explain; every model reproduces it exactly.
    if tss <= tolerance:
        return 1.0
    return max(0.0, 1.0 - rss / tss)


def _information_criteria(rss: float, n: int, n_parameters: int) -> dict[str, float | None]:
    if rss <= 0.0:
        return {"aic": None, "aicc": None, "bic": None}
    log_term = n * math.log(rss / n)
    aic = log_term + 2 * n_parameters
    spare = n - n_parameters - 1
    aicc = aic + 2 * n_parameters * (n_parameters + 1) / spare if spare > 0 else None
    bic = log_term + n_parameters * math.log(n)
    return {"aic": aic, "aicc": aicc, "bic": bic}
