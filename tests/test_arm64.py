"""The classifier on a Raspberry Pi's CPU: scripts/arm64-check.sh runs the shipped models on an
emulated 64-bit ARM Cortex-A72 (a Pi 4) and compares every answer with this machine's.

Opt-in, because it needs root and takes minutes (Debian's qemu-user-static and debootstrap, an
arm64 Debian root made once, 40 images under emulation): set WHATPLOT_ARM64_TESTS=1 to run it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from tests.opt_in import opt_in, run_check

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "arm64-check.sh"
GALLERY = ROOT / "web" / "static" / "gallery"
TIMEOUT_S = 1800


def _unavailable() -> str | None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "the ARM check needs root and apt-get (qemu-user-static, debootstrap, chroot)"
    return None


@opt_in("WHATPLOT_ARM64_TESTS", "check the classifier on emulated ARM (takes minutes)", _unavailable)
def test_the_shipped_models_answer_the_same_on_arm64() -> None:
    result = run_check(CHECK, TIMEOUT_S)
    summary = re.search(r"(\d+) images answered on both .*top-1 the same for (\d+), largest probability difference ([\d.]+)", result.stdout)
    assert result.returncode == 0 and summary, f"arm64-check failed (exit {result.returncode}):\n{result.stdout}"
    images = len(list(GALLERY.iterdir()))
    assert int(summary[1]) == int(summary[2]) == images
    assert float(summary[3]) <= 0.02
