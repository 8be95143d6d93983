"""One-call analysis of a client's alliance series: pattern, fits and episodes.

``analyze`` validates the scores, classifies the trajectory (see ``classify``)
and finds rupture-repair episodes (see ``episodes``). The result's ``to_dict``
is JSON-ready (only dicts, lists, str, int, float, bool and None; no NaN or
infinity) and is what the command line prints and the web widget reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from .classify import (
    ALPHA_LINEAR,
    ALPHA_QUADRATIC,
    PATTERN_NAMES,
    RULE_TEXT,
    Classification,
    NestedFTest,
    classify,
)
from .episodes import (
    DEFAULT_REPAIR_TOLERANCE_SD,
    DEFAULT_REPAIR_WINDOW,
    DEFAULT_THRESHOLD_SD,
    Episode,
    check_episode_settings,
    find_episodes,
    sample_sd,
)
from .fitting import PolynomialFit
from .validation import parse_scores

_TEST_ALPHA = {1: ALPHA_LINEAR, 2: ALPHA_QUADRATIC}


@dataclass(frozen=True)
class AnalysisResult:
    scores: tuple[float, ...]
    classification: Classification
    episodes: tuple[Episode, ...]
    threshold_sd: float
    repair_window: int
    repair_tolerance_sd: float
    score_sd: float

    @property
    def n_sessions(self) -> int:
        return len(self.scores)

    @property
    def pattern(self) -> str:
        return self.classification.pattern

    @property
    def direction(self) -> str:
        return self.classification.direction

    @property
    def fitted(self) -> tuple[float, ...]:
        """Fitted values of the chosen model, one per session."""
        return self.classification.chosen_fit.fitted

    @property
    def rule(self) -> str:
        return RULE_TEXT

    def to_dict(self) -> dict[str, Any]:
        fits = self.classification.fits
        tests = self.classification.tests
        return {
            "n_sessions": self.n_sessions,
            "scores": list(self.scores),
            "pattern": self.pattern,
            "direction": self.direction,
            "rule": self.rule,
            "fitted": list(self.fitted),
            "fits": {PATTERN_NAMES[fit.degree]: _fit_to_dict(fit, tests[fit.degree]) for fit in fits},
            "episodes": [episode.to_dict() for episode in self.episodes],
            "score_sd": self.score_sd,
            "threshold_sd": self.threshold_sd,
            "repair_window": self.repair_window,
            "repair_tolerance_sd": self.repair_tolerance_sd,
        }


def analyze(
    scores: str | Sequence[Any],
    *,
    threshold_sd: float = DEFAULT_THRESHOLD_SD,
    repair_window: int = DEFAULT_REPAIR_WINDOW,
    repair_tolerance_sd: float = DEFAULT_REPAIR_TOLERANCE_SD,
) -> AnalysisResult:
    """Analyse one series (a sequence of numbers/numeric strings, or text as ``parse_text`` reads it)."""
    check_episode_settings(threshold_sd, repair_window, repair_tolerance_sd)
    values = parse_scores(scores)
    return AnalysisResult(
        scores=tuple(values),
        classification=classify(values),
        episodes=tuple(
            find_episodes(
                values,
                threshold_sd=threshold_sd,
                repair_window=repair_window,
                repair_tolerance_sd=repair_tolerance_sd,
            )
        ),
        threshold_sd=float(threshold_sd),
        repair_window=repair_window,
        repair_tolerance_sd=float(repair_tolerance_sd),
        score_sd=sample_sd(values),
    )


def describe(result: AnalysisResult) -> str:
    """A plain-language summary in one or two sentences (no citations; the page adds them)."""
    return f"{_describe_pattern(result)} {_describe_episodes(result)}"


def _fit_to_dict(fit: PolynomialFit, test: NestedFTest | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "degree": fit.degree,
        "coefficients": list(fit.coefficients),
        "rss": fit.rss,
        "r2": fit.r2,
        "df_residual": fit.df_residual,
        "aic": fit.aic,
        "aicc": fit.aicc,
        "bic": fit.bic,
        "f_test": None,
    }
    if test is not None:
        entry["f_test"] = {
            "compared_with": PATTERN_NAMES[fit.degree - 1],
            "f": test.f,
            "p": test.p,
            "df_numerator": test.df_numerator,
            "df_denominator": test.df_denominator,
            "alpha": _TEST_ALPHA[fit.degree],
        }
    return entry


def _describe_pattern(result: AnalysisResult) -> str:
    n = result.n_sessions
    if result.pattern == "stable":
        return f"Across {n} sessions the alliance stayed about level (no clear trend or curve)."
    fit = result.classification.chosen_fit
    if result.pattern == "linear":
        slope = fit.coefficients[1]
        verb = "rose" if slope > 0 else "fell"
        return f"Across {n} sessions the alliance {verb} steadily, by about {abs(slope):.2g} points per session."
    b1, b2 = fit.coefficients[1], fit.coefficients[2]
    vertex = -b1 / (2 * b2)
    turning = f"around session {round(vertex)}"
    if result.direction == "up":
        if 1 < vertex < n:
            return f"Across {n} sessions the alliance dipped and then recovered (a U shape), lowest {turning}."
        if vertex <= 1:
            return f"Across {n} sessions the alliance rose at an accelerating pace."
        return f"Across {n} sessions the alliance fell, with the decline slowing down."
    if 1 < vertex < n:
        return f"Across {n} sessions the alliance rose and then fell back (an inverted U), highest {turning}."
    if vertex <= 1:
        return f"Across {n} sessions the alliance fell at an accelerating pace."
    return f"Across {n} sessions the alliance rose, with the growth levelling off."


def _describe_episodes(result: AnalysisResult) -> str:
    episodes = result.episodes
    if not episodes:
        return (
            f"No sudden session-to-session drop of {_format_sd(result.threshold_sd)} "
            "(of this client's own scores) or more was found."
        )
    if len(episodes) == 1:
        episode = episodes[0]
        where = f"at session {episode.rupture_session}"
        if episode.repaired:
            return f"One rupture was found {where}, repaired by session {episode.repair_session}."
        return f"One rupture was found {where}, with no repair within {result.repair_window} sessions of its low point."
    repaired = sum(episode.repaired for episode in episodes)
    sessions = ", ".join(str(episode.rupture_session) for episode in episodes)
    return f"{len(episodes)} ruptures were found (sessions {sessions}); {repaired} of them repaired."


def _format_sd(threshold_sd: float) -> str:
    amount = f"{threshold_sd:g}"
    return f"{amount} SD" if math.isclose(threshold_sd, 1.0) else f"{amount} SDs"
