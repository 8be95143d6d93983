"""One Formatter per parsed bibliography in the tests, as the build makes one per build."""

from __future__ import annotations

import functools

from alliance_atlas.bibliography.formatting import Formatter

#: Bibliography -> its Formatter (Bibliography objects hash by identity).
formatter_for = functools.lru_cache(maxsize=None)(Formatter)
