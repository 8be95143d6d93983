"""One pooled effect of the evidence file, and how its numbers are printed.

Numbers are kept as the decimal strings the file gives, so that ``.278`` prints with three
decimals and ``.29`` with two: the atlas reports a figure exactly as its source did.
Printing follows APA style: statistics in italics, no leading zero for a correlation (it cannot
exceed 1), a leading zero for d, g and odds ratios, and a true minus sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from alliance_atlas.evidence.vocabulary import METRICS


@dataclass(frozen=True)
class Effect:
    """One row of ``bibliography/effects.csv``, validated.

    A row may give a synthesis's count (k, N) without a pooled size, when only the count is confirmed:
    then ``metric`` is "" and ``effect`` is None (``has_effect`` is False), and the row is listed in
    tables with "pooled size not confirmed" but drawn nowhere.
    """

    id: str
    key: str
    area: str
    association: str
    population: str
    format: str
    k: int | None
    n: int | None
    n_qualifier: str
    n_unit: str
    metric: str
    effect: Decimal | None
    ci_low: Decimal | None
    ci_high: Decimal | None
    ci_level: Decimal | None
    also_metric: str
    also_effect: Decimal | None
    note: str
    line: int = 0

    @property
    def has_effect(self) -> bool:
        return self.effect is not None

    @property
    def has_interval(self) -> bool:
        return self.ci_low is not None and self.ci_high is not None

    @property
    def null_value(self) -> float:
        """The value that means no effect: 0, or 1 for an odds ratio."""
        return METRICS[self.metric][2]

    def n_text(self) -> str:
        """"more than 30,000 patients", "1,301 participants" or ""."""
        if self.n is None:
            return ""
        return " ".join(part for part in (self.n_qualifier, f"{self.n:,}", self.n_unit) if part)

    def k_text(self) -> str:
        return f"{self.k:,}" if self.k is not None else ""


def format_number(value: Decimal, metric: str) -> str:
    """``0.278`` as ``.278`` for r, ``0.55`` as ``0.55`` for d; a minus sign for negatives."""
    text = format(abs(value), "f")
    if METRICS[metric][3] and text.startswith("0."):
        text = text[1:]
    return ("\u2212" if value < 0 else "") + text


def interval_label(effect: Effect) -> str:
    """"95% CI" or, where the source gave no level, "CI"."""
    if effect.ci_level is None:
        return "CI"
    return f"{format(effect.ci_level.normalize(), 'f')}% CI"
