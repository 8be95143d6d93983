"""The real evidence file validates against the real bibliography and covers the site's areas."""

from __future__ import annotations

from collections import Counter

from alliance_atlas.bibliography.parse import load_bibliography
from alliance_atlas.evidence import parse_effects
from support.sitebuild import REPO_ROOT


def test_the_evidence_file_is_valid_and_large_enough():
    bibliography = load_bibliography(REPO_ROOT / "bibliography" / "alliance.bib")
    parsed = parse_effects(
        (REPO_ROOT / "bibliography" / "effects.csv").read_text(encoding="utf-8"),
        {reference.key for reference in bibliography},
        file="bibliography/effects.csv",
    )
    assert parsed.errors == []
    assert len(parsed.effects) >= 15
    areas = Counter(effect.area for effect in parsed.effects)
    assert set(areas) >= {"outcomes", "rupture-repair", "therapist", "monitoring", "religion"}
    assert len({effect.metric for effect in parsed.effects}) >= 3
