"""The evidence map: every pooled effect the atlas reports, from one data file.

``bibliography/effects.csv`` is parsed and validated (``parse``), and rendered as inline figures,
tables and the evidence page's forest plot (``render``, ``chart``, ``evidence_map``) through
shortcodes in the pages (``shortcodes``). ``hooks/evidence.py`` connects it to MkDocs.
"""

from alliance_atlas.evidence.model import Effect
from alliance_atlas.evidence.parse import EvidenceError, EvidenceErrors, load_effects, parse_effects
from alliance_atlas.evidence.shortcodes import EvidenceShortcodeError, expand

__all__ = ["Effect", "EvidenceError", "EvidenceErrors", "EvidenceShortcodeError", "expand", "load_effects", "parse_effects"]
