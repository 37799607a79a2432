"""Opt-in tests: the slow, root- or Docker-needing checks that run only when asked for."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest


def opt_in(variable: str, what: str, unavailable: Callable[[], str | None]) -> pytest.MarkDecorator:
    """Skip a test unless ``variable`` is set (to anything but 0) and ``unavailable()``, asked only
    then, finds nothing missing; ``what`` says what the test does, for the skip reason."""
    if os.environ.get(variable, "") in ("", "0"):
        return pytest.mark.skip(reason=f"set {variable}=1 to {what}")
    missing = unavailable()
    return pytest.mark.skipif(missing is not None, reason=missing or "")
