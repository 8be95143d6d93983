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

``META_ANALYSES`` holds the pooled effects the explainers plot, read from the evidence file
(``bibliography/effects.csv``), where every figure is one marked CONFIRMED in the project's
fact-checking files; a bound is ``None`` when no confidence interval was confirmed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from alliance_atlas.evidence.model import format_number, interval_label
from alliance_atlas.evidence.parse import read_effects
from alliance_atlas.evidence.vocabulary import POPULATIONS


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


#: The effects the explainer plots, in plotting order: (evidence-file id, label). Their figures are read from
#: ``bibliography/effects.csv``, the one place the site types a pooled figure.
PLOTTED: tuple[tuple[str, str], ...] = (
    ("horvath2011-overall", "Horvath et al. (2011)"),
    ("fluckiger2018-overall", "Flückiger et al. (2018)"),
    ("shirk2011-youth", "Shirk et al. (2011)"),
    ("mcleod2011-youth", "McLeod (2011)"),
    ("eubanks2018-repair", "Eubanks et al. (2018)"),
)
EVIDENCE_FILE = Path(__file__).resolve().parents[3] / "bibliography" / "effects.csv"
# The explainer's own wording for the two kinds of association it plots.
_ASSOCIATIONS = {"outcomes": "Alliance and outcome", "rupture-repair": "Rupture repair and outcome"}


def _interval_note(effect) -> str:
    if not effect.has_interval:
        return "no interval confirmed; point only"
    low, high = (format_number(value, effect.metric) for value in (effect.ci_low, effect.ci_high))
    if effect.ci_level is None:
        return f"CI {low} to {high} (level not reported)"
    return f"{interval_label(effect)} {low} to {high}"


def _meta_analyses() -> tuple[MetaAnalysis, ...]:
    by_id = {effect.id: effect for effect in read_effects(EVIDENCE_FILE)}
    return tuple(
        MetaAnalysis(
            label, by_id[identifier].key, float(by_id[identifier].effect),
            float(by_id[identifier].ci_low) if by_id[identifier].has_interval else None,
            float(by_id[identifier].ci_high) if by_id[identifier].has_interval else None,
            by_id[identifier].k, POPULATIONS[by_id[identifier].population],
            _ASSOCIATIONS[by_id[identifier].area], _interval_note(by_id[identifier]),
        )
        for identifier, label in PLOTTED
    )


META_ANALYSES: tuple[MetaAnalysis, ...] = _meta_analyses()


#: The pooled correlation the explainer translates into plain numbers: the largest adult synthesis.
REFERENCE_EFFECT = "fluckiger2018-overall"


def pooled_r(identifier: str = REFERENCE_EFFECT) -> float:
    """The pooled correlation of one row of the evidence file, by its id (``"fluckiger2018-overall"``)."""
    by_id = {effect.id: effect for effect in read_effects(EVIDENCE_FILE)}
    if identifier not in by_id:
        raise ValueError(f"{EVIDENCE_FILE.name} has no effect with id {identifier!r}")
    effect = by_id[identifier]
    if effect.metric != "r":
        raise ValueError(f"{identifier!r} is not a pooled correlation r (its metric is {effect.metric or 'not given'!r})")
    return float(effect.effect)


def forest_rows() -> list[dict[str, Any]]:
    """``META_ANALYSES`` as JSON-ready rows for a chart or a table."""
    return [analysis.to_dict() for analysis in META_ANALYSES]


#: Round correlations for the explainer's table, next to the pooled one from the evidence file.
ROUND_VALUES: tuple[float, ...] = (0.1, 0.2, 0.3, 0.5)


def summary_rows(values: tuple[float, ...] | None = None) -> list[dict[str, float]]:
    """``summarize`` for several correlations, as table rows; by default ``ROUND_VALUES`` and ``pooled_r()``."""
    if values is None:
        values = tuple(sorted((*ROUND_VALUES, pooled_r())))
    return [summarize(r).to_dict() for r in values]
