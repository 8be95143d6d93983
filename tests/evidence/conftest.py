from __future__ import annotations

from pathlib import Path

import pytest

from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.evidence import parse_effects

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "evidence"
SMALL_BIB = Path(__file__).resolve().parents[1] / "fixtures" / "bib" / "valid_small.bib"


@pytest.fixture(scope="session")
def small_bibliography():
    return load_bibliography(SMALL_BIB)


@pytest.fixture(scope="session")
def small_keys(small_bibliography):
    return frozenset(reference.key for reference in small_bibliography)


@pytest.fixture
def valid_effects(small_keys):
    parsed = parse_effects((FIXTURES / "valid.csv").read_text(encoding="utf-8"), small_keys, file="valid.csv")
    assert parsed.errors == []
    return parsed.effects
