"""systemd/whatplot.service under a real systemd: scripts/systemd-check.sh installs this checkout as
the README says, boots systemd in a container without network, and checks the unit's sandbox,
restarts and exit statuses.

Opt-in, because it needs root, Docker and a few minutes (a Debian root with systemd is made once):
set WHATPLOT_SYSTEMD_TESTS=1 to run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "systemd-check.sh"
CHECKS = 5
TIMEOUT_S = 1200


def _skip_reason() -> str | None:
    if os.environ.get("WHATPLOT_SYSTEMD_TESTS", "") in ("", "0"):
        return "set WHATPLOT_SYSTEMD_TESTS=1 to check the systemd unit (takes minutes)"
    if os.geteuid() != 0 or not shutil.which("docker"):
        return "the systemd check needs root and Docker"
    return None


@pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")
def test_the_systemd_unit_runs_the_bot_in_its_sandbox() -> None:
    result = subprocess.run(["bash", str(CHECK)], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S)
    print(result.stderr[-3000:])
    lines = result.stdout.splitlines()
    assert result.returncode == 0, f"systemd-check failed (exit {result.returncode}):\n{result.stdout}"
    assert len([line for line in lines if line.startswith("ok ")]) == CHECKS and not [l for l in lines if l.startswith("FAIL")]
