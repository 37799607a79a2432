"""Opt-in tests: the slow, root- or Docker-needing checks that run only when asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


def opt_in(variable: str, what: str, unavailable: Callable[[], str | None]) -> pytest.MarkDecorator:
    """Skip a test unless ``variable`` is set (to anything but 0) and ``unavailable()``, asked only
    then, finds nothing missing; ``what`` says what the test does, for the skip reason."""
    if os.environ.get(variable, "") in ("", "0"):
        return pytest.mark.skip(reason=f"set {variable}=1 to {what}")
    missing = unavailable()
    return pytest.mark.skipif(missing is not None, reason=missing or "")


def run_check(script: Path, timeout_s: int) -> subprocess.CompletedProcess[str]:
    """Run one of the project's check scripts from the repository root, with this interpreter's
    environment first on PATH (the scripts run ``python3``); its progress (stderr) is printed, for
    pytest to show when the test fails."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        ["bash", str(script)], cwd=script.parents[1], env=env, capture_output=True, text=True, timeout=timeout_s
    )
    print(result.stderr[-3000:])
    return result
