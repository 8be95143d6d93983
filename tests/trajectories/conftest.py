"""Shared fixtures for the trajectories tests."""

from __future__ import annotations

import pathlib
import sys

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE_DIR = REPO_ROOT / "src"

try:
    import alliance_atlas.trajectories  # noqa: F401
except ImportError:  # not installed yet: run from the source tree
    sys.path.insert(0, str(SOURCE_DIR))


@pytest.fixture
def v_shaped_series() -> list[float]:
    """Level 5, sharp drop of 2 at session 6, back to 5 by session 8 (noise-free)."""
    return [5.0, 5.0, 5.0, 5.0, 5.0, 3.0, 4.0, 5.0, 5.0, 5.0, 5.0, 5.0]


@pytest.fixture
def straight_line() -> list[float]:
    return [1.0, 2.0, 3.0, 4.0, 5.0]
