"""systemd/whatplot.service under a real systemd: scripts/systemd-check.sh installs this checkout as
docs/bot-setup.md says, boots systemd in a container without network, and checks the unit's sandbox,
restarts and exit statuses.

Opt-in, because it needs root, Docker and a few minutes (a Debian root with systemd is made once):
set WHATPLOT_SYSTEMD_TESTS=1 to run it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.opt_in import opt_in, run_check

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "systemd-check.sh"
CHECKS = 5
TIMEOUT_S = 1200


def _unavailable() -> str | None:
    if os.geteuid() != 0 or not shutil.which("docker"):
        return "the systemd check needs root and Docker"
    return None


@opt_in("WHATPLOT_SYSTEMD_TESTS", "check the systemd unit (takes minutes)", _unavailable)
def test_the_systemd_unit_runs_the_bot_in_its_sandbox() -> None:
    result = run_check(CHECK, TIMEOUT_S)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, f"systemd-check failed (exit {result.returncode}):\n{result.stdout}"
    assert len([line for line in lines if line.startswith("ok ")]) == CHECKS
    assert not [line for line in lines if line.startswith("FAIL")]
