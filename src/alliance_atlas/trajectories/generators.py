"""Synthetic alliance series for the patterns described in the research literature.

Sessions are numbered t = 1..n. Every generator returns a list of ``sessions``
floats: an expected curve plus independent Gaussian noise with standard
deviation ``noise_sd`` drawn from ``random.Random(seed)``, so the same seed
always gives the same series (also under Pyodide).

What ``amplitude`` means for each pattern (the accuracy tests rely on this):

* ``linear``: the total expected change from session 1 to session n.
  Positive = growth (direction "up"), negative = decline ("down").
* ``quadratic``: the depth of the curve, i.e. the expected difference between
  the first/last sessions and the midpoint, which is the vertex. Positive = U
  shape (dip then recovery; positive curvature, direction "up"); negative =
  inverted U (rise then fall back, direction "down").

``v_rupture`` is a sharp drop of ``depth`` at ``rupture_session`` followed by a
straight-line climb back to ``level`` that recovers ``repair_speed`` of the
depth per session (1.0 = fully repaired the next session).
"""

from __future__ import annotations

import math
import random
from typing import Any, Callable

PATTERNS = ("stable", "linear", "quadratic", "v_rupture")


def stable(sessions: int = 12, *, level: float = 5.0, noise_sd: float = 0.3, seed: int | None = None) -> list[float]:
    """Flat alliance: ``level`` plus noise."""
    _check_common(sessions, level, noise_sd)
    return _add_noise([level] * sessions, noise_sd, seed)


def linear(
    sessions: int = 12,
    *,
    level: float = 4.5,
    amplitude: float = 1.5,
    noise_sd: float = 0.3,
    seed: int | None = None,
) -> list[float]:
    """Straight-line change from ``level`` at session 1 to ``level + amplitude`` at the last session."""
    _check_common(sessions, level, noise_sd)
    _check_finite("amplitude", amplitude)
    step = amplitude / (sessions - 1)
    return _add_noise([level + step * (t - 1) for t in range(1, sessions + 1)], noise_sd, seed)


def quadratic(
    sessions: int = 12,
    *,
    level: float = 5.0,
    amplitude: float = 1.5,
    noise_sd: float = 0.3,
    seed: int | None = None,
) -> list[float]:
    """Symmetric parabola: ``level`` at the first and last session, ``level - amplitude`` at the midpoint."""
    _check_common(sessions, level, noise_sd)
    _check_finite("amplitude", amplitude)
    midpoint = (sessions + 1) / 2
    half_span = (sessions - 1) / 2
    expected = [level - amplitude * (1.0 - ((t - midpoint) / half_span) ** 2) for t in range(1, sessions + 1)]
    return _add_noise(expected, noise_sd, seed)


def v_rupture(
    sessions: int = 12,
    *,
    level: float = 5.0,
    rupture_session: int = 6,
    depth: float = 1.5,
    repair_speed: float = 0.5,
    noise_sd: float = 0.1,
    seed: int | None = None,
) -> list[float]:
    """Stable ``level``, a sudden drop of ``depth`` at ``rupture_session``, then a linear repair."""
    _check_common(sessions, level, noise_sd)
    _check_whole_number("rupture_session", rupture_session)
    if not 2 <= rupture_session <= sessions:
        raise ValueError(
            f"rupture_session must be between 2 and {sessions} (a rupture needs a session before it), "
            f"got {rupture_session}"
        )
    _check_finite("depth", depth)
    if depth <= 0:
        raise ValueError(f"depth must be greater than 0, got {depth}")
    _check_finite("repair_speed", repair_speed)
    if not 0 < repair_speed <= 1:
        raise ValueError(f"repair_speed must be greater than 0 and at most 1, got {repair_speed}")
    expected = []
    for t in range(1, sessions + 1):
        if t < rupture_session:
            expected.append(level)
        else:
            remaining_fraction = max(0.0, 1.0 - repair_speed * (t - rupture_session))
            expected.append(level - depth * remaining_fraction)
    return _add_noise(expected, noise_sd, seed)


_GENERATORS: dict[str, Callable[..., list[float]]] = {
    "stable": stable,
    "linear": linear,
    "quadratic": quadratic,
    "v_rupture": v_rupture,
}

# Ready-made examples for the web widget: each value is a full set of keyword
# arguments for ``generate``, including the pattern name. The seeds were picked
# so each example shows its own pattern without an incidental noise "rupture";
# they are illustrations, not evidence (the tests use their own seeds).
PRESETS: dict[str, dict[str, Any]] = {
    "stable": {"pattern": "stable", "sessions": 12, "level": 5.2, "noise_sd": 0.25, "seed": 20},
    "linear-growth": {"pattern": "linear", "sessions": 12, "level": 4.2, "amplitude": 1.8, "noise_sd": 0.25, "seed": 12},
    "linear-decline": {"pattern": "linear", "sessions": 12, "level": 5.6, "amplitude": -1.6, "noise_sd": 0.25, "seed": 13},
    "u-shape": {"pattern": "quadratic", "sessions": 14, "level": 5.4, "amplitude": 1.6, "noise_sd": 0.25, "seed": 14},
    "inverted-u": {"pattern": "quadratic", "sessions": 14, "level": 4.4, "amplitude": -1.6, "noise_sd": 0.25, "seed": 16},
    "v-rupture": {
        "pattern": "v_rupture",
        "sessions": 14,
        "level": 5.5,
        "rupture_session": 6,
        "depth": 2.0,
        "repair_speed": 0.5,
        "noise_sd": 0.15,
        "seed": 16,
    },
}


def generate(pattern: str, **params: Any) -> list[float]:
    """Generate a series for ``pattern`` (one of PATTERNS) with the generator's keyword arguments."""
    generator = _GENERATORS.get(pattern)
    if generator is None:
        raise ValueError(f"unknown pattern {pattern!r}; choose one of: {', '.join(PATTERNS)}")
    try:
        return generator(**params)
    except TypeError as error:
        # An unexpected keyword is a user mistake, so report it as one.
        raise ValueError(f"bad parameters for pattern {pattern!r}: {error}") from None


def _check_common(sessions: int, level: float, noise_sd: float) -> None:
    _check_whole_number("sessions", sessions)
    if sessions < 3:
        raise ValueError(f"sessions must be at least 3, got {sessions}")
    _check_finite("level", level)
    _check_finite("noise_sd", noise_sd)
    if noise_sd < 0:
        raise ValueError(f"noise_sd must not be negative, got {noise_sd}")


def _check_whole_number(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")


def _check_finite(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")


def _add_noise(expected: list[float], noise_sd: float, seed: int | None) -> list[float]:
    rng = random.Random(seed)
    return [value + rng.gauss(0.0, noise_sd) for value in expected]
