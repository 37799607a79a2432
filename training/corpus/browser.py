"""A headless Chrome/Chromium for renderers whose library draws in a browser (plotly's kaleido, Bokeh)."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from PIL import Image


def find_browser() -> str | None:
    """A Chrome/Chromium: $BROWSER_PATH, the usual names on PATH, or choreographer's own download."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    for cand in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        path = shutil.which(cand)
        if path:
            return path
    try:
        from choreographer.browsers.chromium import Chromium

        return Chromium.find_browser(skip_local=False)
    except Exception:
        return None


def screenshot(html: str, width: int, height: int, timeout_s: float = 30) -> Image.Image:
    """A ``width`` × ``height`` screenshot of the page ``html`` once its scripts have run (RGB).

    One headless browser per call (1–2 s): simple, and no browser outlives the render. RuntimeError
    when there is no browser, it fails or it takes too long.
    """
    browser = find_browser()
    if browser is None:
        raise RuntimeError("no Chrome/Chromium (apt-get install chromium, or set BROWSER_PATH)")
    with tempfile.TemporaryDirectory(prefix="whatplot-browser-") as tmp:
        page, png = Path(tmp) / "page.html", Path(tmp) / "page.png"
        page.write_text(html, encoding="utf-8")
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                   f"--user-data-dir={tmp}/profile", f"--window-size={width},{height}",
                   "--virtual-time-budget=5000",  # let the page's scripts draw before the shot
                   f"--screenshot={png}", page.as_uri()]
        # A session of its own, so that a browser that hangs is killed with all its helper processes.
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True) as browser_process:
            try:
                browser_process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired as error:
                os.killpg(browser_process.pid, signal.SIGKILL)
                browser_process.wait()
                raise RuntimeError(f"browser: no screenshot in {timeout_s} s") from error
        if not png.is_file():
            raise RuntimeError("browser: no screenshot written")
        with Image.open(io.BytesIO(png.read_bytes())) as image:
            return image.convert("RGB")
