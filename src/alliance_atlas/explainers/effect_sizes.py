"""What a correlation between alliance and outcome means, in numbers a reader can picture.

Standard library only. The conversions are the usual textbook ones for a correlation ``r``
between a predictor and an outcome:

* Binomial effect size display (BESD): split clients at the median of the predictor and
  count "successes" (outcome above its median). With correlation ``r`` the success rates
  of the two halves are ``50 + 50 r`` and ``50 - 50 r`` per cent (``50 ± r/2 × 100``).
* Cohen's d: ``d = 2 r / sqrt(1 - r**2)`` (and back: ``r = d / sqrt(d**2 + 4)``).
* Probability of superiority (the "common language" effect size): the chance that a
  randomly picked client from the better group beats one from the other group,
  ``Phi(d / sqrt(2))`` for two normal groups with equal spread.

``META_ANALYSES`` holds the pooled effects the explainers plot. Every figure in it is
marked CONFIRMED in the project's fact-checking file; a bound is ``None`` when no
confidence interval was confirmed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any


def _check_r(r: float) -> float:
    if isinstance(r, bool) or not isinstance(r, (int, float)) or not math.isfinite(r):
        raise ValueError(f"r must be a finite number, got {r!r}")
    if not -1.0 < r < 1.0:
        raise ValueError(f"r must lie strictly between -1 and 1, got {r}")
    return float(r)


def besd(r: float) -> tuple[float, float]:
    """Success rates in per cent, (higher group, lower group), for correlation ``r``."""
    r = _check_r(r)
    return 50.0 + 50.0 * r, 50.0 - 50.0 * r


def r_to_d(r: float) -> float:
    """Cohen's d equivalent to the correlation ``r``."""
    r = _check_r(r)
    return 2.0 * r / math.sqrt(1.0 - r * r)


def d_to_r(d: float) -> float:
    """Correlation equivalent to Cohen's ``d`` (the inverse of ``r_to_d``)."""
    if isinstance(d, bool) or not isinstance(d, (int, float)) or not math.isfinite(d):
        raise ValueError(f"d must be a finite number, got {d!r}")
    return d / math.sqrt(d * d + 4.0)


def normal_cdf(z: float) -> float:
    """Standard normal distribution function, Phi(z)."""
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def normal_pdf(x: float, mean: float = 0.0, sd: float = 1.0) -> float:
    if sd <= 0:
        raise ValueError(f"sd must be greater than 0, got {sd}")
    z = (x - mean) / sd
    return math.exp(-0.5 * z * z) / (sd * math.sqrt(2.0 * math.pi))


def probability_of_superiority(d: float) -> float:
    """Chance that a random member of the group shifted by ``d`` scores above one of the other group."""
    return normal_cdf(d / math.sqrt(2.0))


def variance_explained(r: float) -> float:
    """``r**2``, the share of outcome variance that goes with the alliance."""
    return _check_r(r) ** 2


@dataclass(frozen=True)
class EffectSummary:
    r: float
    d: float
    higher_group_success: float
    lower_group_success: float
    probability_of_superiority: float
    variance_explained: float

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    def rounded(self, digits: int = 3) -> dict[str, float]:
        """``to_dict`` with every value rounded, for display."""
        return {name: round(value, digits) for name, value in self.to_dict().items()}


def summarize(r: float) -> EffectSummary:
    """Every plain-language reading of ``r`` at once."""
    d = r_to_d(r)
    high, low = besd(r)
    return EffectSummary(
        r=float(r),
        d=d,
        higher_group_success=high,
        lower_group_success=low,
        probability_of_superiority=probability_of_superiority(d),
        variance_explained=variance_explained(r),
    )


@dataclass(frozen=True)
class MetaAnalysis:
    """One pooled correlation from a meta-analysis, as confirmed in the fact-checking file."""

    label: str
    key: str
    r: float
    ci_low: float | None
    ci_high: float | None
    studies: int
    population: str
    association: str
    note: str = ""

    @property
    def has_interval(self) -> bool:
        return self.ci_low is not None and self.ci_high is not None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "has_interval": self.has_interval}


# In plotting order. Shirk et al. report the interval as r ± .06, hence .16 to .28.
META_ANALYSES: tuple[MetaAnalysis, ...] = (
    MetaAnalysis("Horvath et al. (2011)", "horvath2011alliance", 0.275, 0.25, 0.30, 190,
                 "Adults", "Alliance and outcome", "95% CI .25 to .30"),
    MetaAnalysis("Flückiger et al. (2018)", "fluckiger2018alliance", 0.278, 0.256, 0.299, 295,
                 "Adults", "Alliance and outcome", "95% CI .256 to .299"),
    MetaAnalysis("Shirk et al. (2011)", "shirk2011alliance", 0.22, 0.16, 0.28, 16,
                 "Children and adolescents", "Alliance and outcome", "reported as r = .22 ± .06"),
    MetaAnalysis("McLeod (2011)", "mcleod2011relation", 0.14, None, None, 38,
                 "Children and adolescents", "Alliance and outcome", "no interval confirmed; point only"),
    MetaAnalysis("Eubanks et al. (2018)", "eubanks2018alliance", 0.29, 0.10, 0.47, 11,
                 "Adults", "Rupture repair and outcome", "95% CI .10 to .47"),
)


def forest_rows() -> list[dict[str, Any]]:
    """``META_ANALYSES`` as JSON-ready rows for a chart or a table."""
    return [analysis.to_dict() for analysis in META_ANALYSES]


def summary_rows(values: tuple[float, ...] = (0.1, 0.2, 0.278, 0.3, 0.5)) -> list[dict[str, float]]:
    """``summarize`` for several correlations, as table rows."""
    return [summarize(r).to_dict() for r in values]
