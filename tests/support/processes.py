"""Watching the processes code under test starts."""

from __future__ import annotations

import subprocess


def record_popen(monkeypatch) -> list[subprocess.Popen]:
    """Every process started through ``subprocess.Popen`` from now on, in order (they still run for real)."""
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def recording(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", recording)
    return started
