"""Rupture-repair episodes in one client's series of alliance scores.

Definitions (sessions are numbered from 1, as clinicians count them; SD is the
sample standard deviation of the client's own scores, the same value as
``statistics.stdev``):

* Rupture: a session whose score is at least ``threshold_sd`` SDs below the
  previous session's score. ``rupture_session`` is the session with the lower
  score; the session before it supplies the pre-rupture score.
* Trough: the last session of the uninterrupted decline that starts with the
  rupture (scores keep falling until one does not). Usually it is the rupture
  session itself.
* Repair: the first session within ``repair_window`` sessions after the trough
  whose score is at least ``pre-rupture score - repair_tolerance_sd * SD``
  (default tolerance 0.5 SD; scores above the pre-rupture level also count).
  ``repair_session`` is None if no such session exists, including when the
  series ends first.
* Depth: pre-rupture score minus trough score.

After an episode the search for the next drop starts at its repair session, or
at its trough when it was not repaired, so episodes never overlap.

The default ``threshold_sd = 2.0`` follows the reported operationalisation of
Stiles et al. (2004): a drop of at least 2 SDs of the client's own scores, as
described in a secondary source. ``1.0`` follows the looser reported
operationalisation attributed to Strauss et al. (2006), also from a secondary
report. Neither has been checked against the original papers here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

DEFAULT_THRESHOLD_SD = 2.0
DEFAULT_REPAIR_WINDOW = 3
DEFAULT_REPAIR_TOLERANCE_SD = 0.5


@dataclass(frozen=True)
class Episode:
    rupture_session: int
    trough_session: int
    repair_session: int | None
    depth: float
    pre_rupture_score: float
    trough_score: float

    @property
    def repaired(self) -> bool:
        return self.repair_session is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rupture_session": self.rupture_session,
            "trough_session": self.trough_session,
            "repair_session": self.repair_session,
            "depth": self.depth,
            "pre_rupture_score": self.pre_rupture_score,
            "trough_score": self.trough_score,
        }


def sample_sd(scores: Sequence[float]) -> float:
    """Sample standard deviation (n - 1 denominator), as ``statistics.stdev``.

    Computed directly because ``statistics.stdev`` works in exact fractions,
    which is slow enough to matter for ten thousand clients.
    """
    n = len(scores)
    if n < 2:
        raise ValueError("a standard deviation needs at least 2 scores")
    mean = sum(scores) / n
    return math.sqrt(sum((y - mean) ** 2 for y in scores) / (n - 1))


def check_episode_settings(threshold_sd: float, repair_window: int, repair_tolerance_sd: float) -> None:
    for name, value in (("threshold_sd", threshold_sd), ("repair_tolerance_sd", repair_tolerance_sd)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    if threshold_sd <= 0:
        raise ValueError(f"threshold_sd must be greater than 0, got {threshold_sd}")
    if repair_tolerance_sd < 0:
        raise ValueError(f"repair_tolerance_sd must not be negative, got {repair_tolerance_sd}")
    if isinstance(repair_window, bool) or not isinstance(repair_window, int) or repair_window < 1:
        raise ValueError(f"repair_window must be a whole number of sessions, at least 1, got {repair_window!r}")


def find_episodes(
    scores: Sequence[float],
    *,
    threshold_sd: float = DEFAULT_THRESHOLD_SD,
    repair_window: int = DEFAULT_REPAIR_WINDOW,
    repair_tolerance_sd: float = DEFAULT_REPAIR_TOLERANCE_SD,
) -> list[Episode]:
    """Rupture-repair episodes in ``scores`` (see the module docstring for definitions)."""
    check_episode_settings(threshold_sd, repair_window, repair_tolerance_sd)
    ys = [float(y) for y in scores]
    n = len(ys)
    if n < 2:
        return []
    sd = sample_sd(ys)
    if sd == 0.0:
        return []  # A constant series has no drops at all.
    minimum_drop = threshold_sd * sd
    tolerance = repair_tolerance_sd * sd

    episodes = []
    index = 1  # 0-based index of the session that might be a rupture
    while index < n:
        pre_score = ys[index - 1]
        if pre_score - ys[index] < minimum_drop:
            index += 1
            continue
        trough = index
        while trough + 1 < n and ys[trough + 1] < ys[trough]:
            trough += 1
        repair = None
        for candidate in range(trough + 1, min(n, trough + 1 + repair_window)):
            if ys[candidate] >= pre_score - tolerance:
                repair = candidate
                break
        episodes.append(
            Episode(
                rupture_session=index + 1,
                trough_session=trough + 1,
                repair_session=None if repair is None else repair + 1,
                depth=pre_score - ys[trough],
                pre_rupture_score=pre_score,
                trough_score=ys[trough],
            )
        )
        # The next drop is measured from where this episode ended.
        index = (repair if repair is not None else trough) + 1
    return episodes
