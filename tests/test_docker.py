"""The Docker image, end to end: scripts/docker-check.sh builds it and checks size, user,
healthcheck, `whatplot classify` on a mounted chart and the missing-token exit.

Opt-in, because a cold build takes minutes (and installs Debian's docker.io and starts dockerd
where there is no engine yet): set WHATPLOT_DOCKER_TESTS=1 to run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.opt_in import opt_in

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "docker-check.sh"
TIMEOUT_S = 1800


def _docker_unavailable() -> str | None:
    """Why Docker can't be used here, or None when it can (running, or installable and startable)."""
    if shutil.which("docker"):
        try:
            if subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0:
                return None
        except subprocess.TimeoutExpired:
            return "`docker info` did not answer within 30 s"
    if os.geteuid() != 0:
        return "no running Docker engine, and only root may install or start one"
    if not (shutil.which("dockerd") or shutil.which("apt-get")):
        return "no Docker engine, and no apt-get to install Debian's docker.io"
    return None


def _unavailable() -> str | None:
    missing = _docker_unavailable()
    return f"Docker is not available: {missing}" if missing else None


@opt_in("WHATPLOT_DOCKER_TESTS", "build and check the Docker image (takes minutes)", _unavailable)
def test_docker_image_builds_and_passes_its_checks() -> None:
    result = subprocess.run(
        ["bash", str(CHECK)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT_S,
    )
    print(result.stdout)
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert result.returncode == 0 and not failures, f"docker-check failed (exit {result.returncode}):\n{result.stdout}"
    assert "ok    classify:" in result.stdout
    assert "ok    bot, no DISCORD_TOKEN:" in result.stdout
