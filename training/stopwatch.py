"""Minutes a run has spent, per phase, summed over every invocation of it (first pass, resumes)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from training.files import write_atomically


class RunStopwatch:
    """Adds the minutes since the last lap to a phase and keeps the totals in ``path``.

    A resumed run reports the whole run's time, not only what its last invocation took.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.minutes: dict[str, float] = json.loads(path.read_text()) if path.exists() else {}
        self._since = time.monotonic()

    def lap(self, phase: str) -> float:
        """Count the minutes since the previous lap (or the start) to ``phase``; returns its total."""
        now = time.monotonic()
        self.minutes[phase] = self.minutes.get(phase, 0.0) + (now - self._since) / 60
        self._since = now
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(self.minutes, indent=2))  # a later run reads it back
        return self.minutes[phase]
