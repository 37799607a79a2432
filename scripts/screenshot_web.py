"""Make the README's screenshot: the web page answering a gallery chart.

Starts the real web app on 127.0.0.1 (a free port), opens it in headless Chromium through Playwright,
uploads a chart as a user would, waits for the answer and saves a PNG of the page down to the answer's end.
Needs ``pip install playwright`` and Debian's ``chromium`` (or ``WHATPLOT_CHROMIUM=/path/to/chrome``):

    python scripts/screenshot_web.py                         # docs/images/web-answer.png
    python scripts/screenshot_web.py --scheme dark --out /tmp/dark.png --image chart.png
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
from pathlib import Path
from typing import Literal

from aiohttp import web
from PIL import Image
from playwright.async_api import FloatRect, ViewportSize, async_playwright, expect

from classifier.model import ChartClassifier
from web.app import GALLERY_DIR, create_app

CHROMIUM = os.environ.get("WHATPLOT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"]
VIEWPORT: ViewportSize = {"width": 1100, "height": 750}


async def screenshot(image: Path, out: Path, scheme: Literal["light", "dark"]) -> None:
    """Save a PNG of the page at ``VIEWPORT`` answering ``image``, in the ``scheme`` colour scheme."""
    runner = web.AppRunner(create_app(ChartClassifier.load()))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)  # port 0: the system picks a free one
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # reduced motion: the confidence bars are drawn at their full width at once, with no smooth scroll
            context = await browser.new_context(viewport=VIEWPORT, color_scheme=scheme, reduced_motion="reduce")
            page = await context.new_page()
            await page.goto(f"http://127.0.0.1:{port}/")
            await page.set_input_files("#file", str(image))
            await expect(page.locator("#verdict")).to_be_visible(timeout=60_000)
            await expect(page.locator("#preview")).to_have_js_property("complete", True)
            await page.wait_for_function("[...document.querySelectorAll('.bar-fill')].every(bar => bar.style.width)")
            # from the top of the page (the form) to just below the answer's card
            bottom = await page.evaluate("document.getElementById('result').getBoundingClientRect().bottom + scrollY")
            out.parent.mkdir(parents=True, exist_ok=True)
            clip = FloatRect(x=0, y=0, width=VIEWPORT["width"], height=bottom + 24)
            await page.screenshot(path=str(out), full_page=True, clip=clip)
            print(await page.locator("#announce").text_content())
            await browser.close()
    finally:
        await runner.cleanup()


def shrink(png: Path, colours: int = 256) -> None:
    """Re-save ``png`` as an optimised palette image: a flat UI screenshot loses nothing visible at 256 colours."""
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/images/web-answer.png"), help="the PNG to write")
    parser.add_argument("--image", type=Path, default=GALLERY_DIR / "violin.webp", help="the chart to upload")
    parser.add_argument("--scheme", choices=["light", "dark"], default="light", help="the page's colour scheme")
    args = parser.parse_args()
    if not CHROMIUM:
        parser.error("no Chromium found (apt-get install chromium, or set WHATPLOT_CHROMIUM)")
    asyncio.run(screenshot(args.image, args.out, args.scheme))
    shrink(args.out)
    print(f"{args.out}: {args.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
