"""Shared paths and parsed fixtures for the bibliography engine's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from alliance_atlas.bibliography import load_bibliography

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "bib"
REAL_BIB = REPO_ROOT / "bibliography" / "alliance.bib"


@pytest.fixture(scope="session")
def real_bibliography():
    return load_bibliography(REAL_BIB)


@pytest.fixture(scope="session")
def small_bibliography():
    return load_bibliography(FIXTURES / "valid_small.bib")


@pytest.fixture(scope="session")
def script_reference():
    return load_bibliography(FIXTURES / "script_title.bib")["evil2020script"]
