"""Generated chart questions: "Which pattern is this?", from the trajectory generators and analysis.

Standard library only. The build calls ``chart_question`` in CPython to make the page's bank, and the
browser calls the same function through Pyodide (``browser_api.call_json("chart_question", ...)``) for
"Another one", so the page and the explorer cannot disagree about a series.

The correct answer is the pattern that generated the series. Ordinary questions are redrawn (with
the next sub-seed) until the site's own analysis agrees with that pattern, so the chart really shows
it. Hard questions (few sessions, heavy noise) are kept as first drawn: the analysis may then call the
series something else, and the explanation says so, because that is the lesson.
"""

from __future__ import annotations

import random
from typing import Any

from alliance_atlas.trajectories import analyze, chart_spec, data_table, describe, generate

# (value, label) of the four answers, in the order the page lists them.
ANSWERS: tuple[tuple[str, str], ...] = (
    ("stable", "Stable: no clear trend or curve"),
    ("linear", "Linear: steady growth or steady decline"),
    ("curve", "U or inverted U: a gradual curve"),
    ("v", "V: a sudden rupture, then repair"),
)
_LABELS = dict(ANSWERS)
_SHORT = {"stable": "stable", "linear": "linear", "curve": "a U or inverted U", "v": "a V (rupture and repair)"}
SCALE = "wai"
MAX_REDRAWS = 60
DECIMALS = 2


def chart_question(seed: int, hard: bool = False) -> dict[str, Any]:
    """One question, the same for the same ``seed`` and ``hard`` in CPython and in Pyodide."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**31:
        raise ValueError("The seed must be a whole number from 0 to 2147483647.")
    rng = random.Random(seed * 2 + (1 if hard else 0))
    answer = ANSWERS[rng.randrange(len(ANSWERS))][0]
    for attempt in range(MAX_REDRAWS):
        pattern, params = _draw(answer, hard, rng)
        scores = [round(value, DECIMALS) for value in generate(pattern, **params)]
        result = analyze(scores)
        detected = detected_answer(result)
        if hard or detected == answer:
            break
    return _question(seed, hard, answer, pattern, params, result, detected)


def detected_answer(result) -> str:
    """What the analysis says, in the question's four answers: a repaired rupture counts as a V."""
    if any(episode.repaired for episode in result.episodes):
        return "v"
    return {"stable": "stable", "linear": "linear", "quadratic": "curve"}[result.pattern]


def _draw(answer: str, hard: bool, rng: random.Random) -> tuple[str, dict[str, Any]]:
    sessions = rng.randint(6, 8) if hard else rng.randint(12, 16)
    noise = round(rng.uniform(0.45, 0.65), 2) if hard else round(rng.uniform(0.15, 0.25), 2)
    seed = rng.randrange(1_000_000)
    sign = rng.choice((1, -1))
    if answer == "stable":
        return "stable", {"sessions": sessions, "level": round(rng.uniform(4.5, 5.5), 1), "noise_sd": noise, "seed": seed}
    if answer == "linear":
        size = rng.uniform(0.9, 1.3) if hard else rng.uniform(1.6, 2.2)
        level = 4.0 if sign > 0 else 5.8
        return "linear", {"sessions": sessions, "level": level, "amplitude": round(sign * size, 1), "noise_sd": noise, "seed": seed}
    if answer == "curve":
        size = rng.uniform(0.9, 1.3) if hard else rng.uniform(1.6, 2.2)
        level = 5.6 if sign > 0 else 4.0
        return "quadratic", {"sessions": sessions, "level": level, "amplitude": round(sign * size, 1), "noise_sd": noise, "seed": seed}
    depth = rng.uniform(1.0, 1.4) if hard else rng.uniform(1.8, 2.4)
    return "v_rupture", {
        "sessions": sessions, "level": round(rng.uniform(5.0, 5.8), 1),
        "rupture_session": rng.randint(3, sessions - 3) if hard else rng.randint(5, sessions - 5),
        "depth": round(depth, 1), "repair_speed": round(rng.uniform(0.4, 0.6), 2),
        "noise_sd": noise if hard else round(noise / 2, 2), "seed": seed,
    }


def _question(seed, hard, answer, pattern, params, result, detected) -> dict[str, Any]:
    full = chart_spec(result, scale=SCALE, title="The series with the analysis")
    return {
        "seed": seed,
        "hard": bool(hard),
        "answer": answer,
        "answers": [list(item) for item in ANSWERS],
        "detected": detected,
        "agrees": detected == answer,
        "sessions": result.n_sessions,
        "noise_sd": params["noise_sd"],
        "scores": list(result.scores),
        "question_chart": _scores_only(full, result),
        "answer_chart": full,
        "description": describe(result),
        "table": data_table(result),
        "explanation": explanation(answer, pattern, params, result, detected, hard),
    }


def _scores_only(full: dict[str, Any], result) -> dict[str, Any]:
    """The chart shown with the question: the scores alone, without the fitted curve or the episodes."""
    first = dict(full["layer"][0])
    encoding = dict(first["encoding"])
    encoding["color"] = {"datum": "Observed score", "scale": {"domain": ["Observed score"], "range": ["#1f4e79"]}, "title": None}
    first["encoding"] = encoding
    low, high = min(result.scores), max(result.scores)
    spec = {key: value for key, value in full.items() if key != "layer"}
    spec.update({
        "title": "Which pattern is this?",
        "description": (f"Line chart of alliance scores by session for {result.n_sessions} sessions, "
                        f"scores from {low:g} to {high:g}."),
        "data": {"values": [{"session": s, "score": v} for s, v in enumerate(result.scores, start=1)]},
        "layer": [first],
    })
    return spec


def explanation(answer: str, pattern: str, params: dict[str, Any], result, detected: str, hard: bool) -> str:
    """Two or three sentences: how the series was made, what the analysis says, and why that may differ."""
    made = _how_made(answer, params)
    if detected == answer:
        verdict = f"The site's analysis agrees: it reads the series as {_SHORT[detected]}."
    else:
        verdict = f"The site's analysis reads it as {_SHORT[detected]} instead."
    if not hard:
        return f"{made} {verdict}"
    return (f"{made} {verdict} This one is hard on purpose: with only {result.n_sessions} sessions and noise of "
            f"{params['noise_sd']:g} points, chance wobbles can hide a pattern or imitate another, "
            "which is why one client's series is weak evidence of a pattern.")


def _how_made(answer: str, params: dict[str, Any]) -> str:
    noise = f"random noise of SD {params['noise_sd']:g}"
    if answer == "stable":
        return f"The series was generated flat at {params['level']:g}, plus {noise}."
    if answer == "linear":
        way = "rising" if params["amplitude"] > 0 else "falling"
        return f"The series was generated as a straight line {way} by {abs(params['amplitude']):g} points in all, plus {noise}."
    if answer == "curve":
        shape = "a U (a gradual dip and recovery)" if params["amplitude"] > 0 else "an inverted U (a gradual rise and fall)"
        return f"The series was generated as {shape} of {abs(params['amplitude']):g} points, plus {noise}."
    return (f"The series was generated as a V: a sudden drop of {params['depth']:g} points at session "
            f"{params['rupture_session']}, then a repair of {params['repair_speed']:g} of the drop per session, plus {noise}.")


def chart_bank(count: int, hard: int, seed: int) -> list[dict[str, Any]]:
    """``count`` questions from consecutive seeds; the last ``hard`` of them are hard."""
    return [chart_question(seed + index, hard=index >= count - hard) for index in range(count)]
