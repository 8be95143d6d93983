"""The numbers behind the explainer notebooks, computed with ``alliance_atlas.trajectories``.

Standard library only. Notebooks call these functions and show what they return; they hold
no analysis code of their own, so an explainer and the widgets cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from alliance_atlas.trajectories import PRESETS, AnalysisResult, analyze, find_episodes, generate, stable
from alliance_atlas.trajectories.episodes import sample_sd

# The three patterns of Kivlighan and Shaughnessy's typology, drawn from the widget presets.
PATTERN_PRESETS: dict[str, str] = {
    "Stable": "stable",
    "Linear growth": "linear-growth",
    "Quadratic (U shape)": "u-shape",
}
MODEL_LABELS = {"stable": "Stable (level)", "linear": "Linear (slope)", "quadratic": "Quadratic (curve)"}
# Reported operationalisations of a rupture: a drop of this many SDs of the client's own scores.
THRESHOLDS: dict[float, str] = {
    2.0: "2 SD, as reported for Stiles et al. (2004)",
    1.0: "1 SD, as reported for Strauss et al. (2006)",
}


def preset_series(name: str) -> list[float]:
    """The scores of one of the widget presets (``PRESETS``)."""
    params = dict(PRESETS[name])
    return generate(params.pop("pattern"), **params)


def pattern_examples() -> dict[str, AnalysisResult]:
    """One analysed synthetic client per pattern, keyed by the pattern's label."""
    return {label: analyze(preset_series(preset)) for label, preset in PATTERN_PRESETS.items()}


def trajectory_rows(results: dict[str, AnalysisResult]) -> list[dict[str, Any]]:
    """Long rows (series, session, score, fitted) for charts and tables of several clients."""
    rows = []
    for label, result in results.items():
        for session, (score, fitted) in enumerate(zip(result.scores, result.fitted), start=1):
            rows.append({"series": label, "session": session, "score": round(score, 3), "fitted": round(fitted, 3)})
    return rows


def model_fit_rows(result: AnalysisResult) -> list[dict[str, Any]]:
    """Fitted values of all three models (stable, linear, quadratic) for each session."""
    rows = []
    for fit in result.classification.fits:
        label = MODEL_LABELS[("stable", "linear", "quadratic")[fit.degree]]
        for session, value in enumerate(fit.fitted, start=1):
            rows.append({"model": label, "session": session, "fitted": round(value, 3)})
    return rows


def model_comparison(result: AnalysisResult) -> list[dict[str, Any]]:
    """One row per model, read from ``result.to_dict()["fits"]``: fit, F-test against the simpler model, verdict."""
    fits = result.to_dict()["fits"]
    rows = []
    for name in ("stable", "linear", "quadratic"):
        fit = fits[name]
        test = fit["f_test"]
        row: dict[str, Any] = {
            "model": MODEL_LABELS[name],
            "coefficients": fit["degree"] + 1,
            "rss": fit["rss"],
            "r2": fit["r2"],
            "compared_with": None,
            "f": None,
            "df": None,
            "p": None,
            "alpha": None,
            "verdict": "baseline",
        }
        if test is not None:
            row.update(
                compared_with=MODEL_LABELS[test["compared_with"]],
                f=test["f"],
                df=f"{test['df_numerator']}, {test['df_denominator']}",
                p=test["p"],
                alpha=test["alpha"],
                verdict="better than the simpler model" if test["p"] is not None and test["p"] < test["alpha"]
                else "no clear gain",
            )
        rows.append(row)
    return rows


def pattern_summary(results: dict[str, AnalysisResult]) -> list[dict[str, Any]]:
    """For each example client: the label the classifier gives and the two test p-values."""
    rows = []
    for label, result in results.items():
        fits = result.to_dict()["fits"]
        rows.append({
            "client": label,
            "sessions": result.n_sessions,
            "slope_p": fits["linear"]["f_test"]["p"],
            "curvature_p": fits["quadratic"]["f_test"]["p"],
            "pattern": result.pattern,
            "direction": result.direction,
        })
    return rows


@dataclass(frozen=True)
class SessionChange:
    session: int
    score: float
    change: float | None
    change_sd: float | None

    def flagged(self, threshold_sd: float) -> bool:
        return self.change_sd is not None and -self.change_sd >= threshold_sd


def session_changes(scores: Sequence[float]) -> list[SessionChange]:
    """Each session's change from the previous one, in points and in SDs of the client's own scores."""
    sd = sample_sd(scores)
    changes = []
    for index, score in enumerate(scores):
        change = None if index == 0 else score - scores[index - 1]
        changes.append(SessionChange(index + 1, score, change, None if change is None or sd == 0 else change / sd))
    return changes


def change_rows(scores: Sequence[float], thresholds: Sequence[float] = (1.0, 2.0)) -> list[dict[str, Any]]:
    """``session_changes`` as rows, with whether each drop reaches each threshold.

    ``flag`` names the strictest threshold reached ("none" if none is).
    """
    rows = []
    for change in session_changes(scores):
        reached = [t for t in sorted(thresholds) if change.flagged(t)]
        rows.append({
            "session": change.session,
            "score": round(change.score, 3),
            "change": None if change.change is None else round(change.change, 3),
            "change_sd": None if change.change_sd is None else round(change.change_sd, 3),
            "flag": f"drop of {reached[-1]:g} SD or more" if reached else "smaller change",
        })
    return rows


def episode_rows(scores: Sequence[float], thresholds: Sequence[float] = (2.0, 1.0)) -> list[dict[str, Any]]:
    """Every rupture-repair episode ``find_episodes`` reports at each threshold."""
    rows = []
    for threshold in thresholds:
        episodes = find_episodes(scores, threshold_sd=threshold)
        if not episodes:
            rows.append({"threshold_sd": threshold, "rupture_session": None, "trough_session": None,
                         "repair_session": None, "depth": None})
        for episode in episodes:
            rows.append({"threshold_sd": threshold, "rupture_session": episode.rupture_session,
                         "trough_session": episode.trough_session, "repair_session": episode.repair_session,
                         "depth": round(episode.depth, 3)})
    return rows


def false_alarm_rates(
    thresholds: Sequence[float] = (1.0, 2.0),
    sessions: Sequence[int] = (8, 12, 20, 30),
    *,
    clients: int = 1000,
    level: float = 5.0,
    noise_sd: float = 0.3,
    first_seed: int = 1_000_000,
) -> list[dict[str, Any]]:
    """How often the rupture rule fires on clients whose true alliance never changes.

    Each simulated client is ``stable`` (a constant level plus independent noise), so every
    flagged rupture is a false alarm. For each threshold and series length, the row gives
    the percentage of clients with at least one flagged rupture and the mean number of
    flags per client. The same seeds are used at every threshold, so rows are comparable.
    """
    if clients < 1:
        raise ValueError(f"clients must be at least 1, got {clients}")
    rows = []
    for n in sessions:
        series = [stable(n, level=level, noise_sd=noise_sd, seed=first_seed + i) for i in range(clients)]
        for threshold in thresholds:
            counts = [len(find_episodes(scores, threshold_sd=threshold)) for scores in series]
            flagged = sum(1 for count in counts if count)
            rows.append({
                "threshold_sd": threshold,
                "sessions": n,
                "clients": clients,
                "percent_flagged": round(100.0 * flagged / clients, 1),
                "flags_per_client": round(sum(counts) / clients, 3),
            })
    return rows


# The synthetic client of "Finding ruptures in session data": steady, one sharp drop at session 7
# that is repaired, and enough noise that the looser threshold flags ordinary wobbles too.
WALKTHROUGH_CLIENT: dict[str, Any] = {
    "pattern": "v_rupture",
    "sessions": 16,
    "level": 5.2,
    "rupture_session": 7,
    "depth": 1.6,
    "repair_speed": 0.5,
    "noise_sd": 0.25,
    "seed": 3,
}


def walkthrough_scores() -> list[float]:
    params = dict(WALKTHROUGH_CLIENT)
    return [round(score, 2) for score in generate(params.pop("pattern"), **params)]


def u_and_v_examples() -> dict[str, AnalysisResult]:
    """A gradual dip and recovery (U) next to a sudden drop and quick repair (V), from the widget presets."""
    return {
        "U shape (gradual)": analyze(preset_series("u-shape")),
        "V shape (sudden)": analyze(preset_series("v-rupture")),
    }


def episodes_by_client(results: dict[str, AnalysisResult]) -> dict[str, list[dict[str, Any]]]:
    """The rupture-repair episodes ``analyze`` found for each client, as dicts."""
    return {label: [episode.to_dict() for episode in result.episodes] for label, result in results.items()}
