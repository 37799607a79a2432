"""Render one example image per chart type into ``web/static/gallery/<label>.webp``.

Each label's first working renderer draws its chart from a fixed seed, so reruns give the same
pictures. Renderers of the preferred library family come first (one look across the gallery), then
the rest by name; a renderer that raises is skipped for the next one, and labels with no working
renderer are listed at the end. Rerun it when renderers are added or fixed::

    python scripts/make_gallery.py [--prefer matplotlib] [--seed 7] [--width 240] [--quality 70]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from classifier.taxonomy import load_taxonomy
from training.corpus.generate import load_renderers
from training.corpus.registry import Renderer

GALLERY_DIR = Path(__file__).resolve().parent.parent / "web" / "static" / "gallery"


def thumbnail(image: Image.Image, width: int) -> Image.Image:
    """``image`` in RGB, scaled down to ``width`` pixels wide (never up)."""
    image = image.convert("RGB")
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
    return image


def render_first(renderers: list[Renderer], seed: int) -> tuple[Renderer, Image.Image] | None:
    """The first of ``renderers`` that draws a picture from ``seed``, with that picture."""
    for candidate in renderers:
        try:
            return candidate, candidate.fn(np.random.default_rng(seed)).image
        except Exception as exc:  # noqa: BLE001 - a broken renderer must not stop the gallery
            print(f"  {candidate.name} failed: {exc.__class__.__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
    return None


def main(argv: list[str] | None = None) -> int:
    """Write the gallery; returns 0 when every label has an example, 1 when some are missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefer", default="matplotlib", help="library family tried first (default matplotlib)")
    parser.add_argument("--seed", type=int, default=7, help="seed of every label's renderer (default 7)")
    parser.add_argument("--width", type=int, default=240, help="image width in pixels (default 240)")
    parser.add_argument("--quality", type=int, default=70, help="WebP quality (default 70)")
    parser.add_argument("--out", type=Path, default=GALLERY_DIR, help="output folder (default web/static/gallery)")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    available = load_renderers()
    missing = []
    for chart in load_taxonomy():
        candidates = sorted(available.get(chart.id, []), key=lambda r: (not r.library.startswith(args.prefer), r.name))
        result = render_first(candidates, args.seed)
        if result is None:
            missing.append(chart.id)
            continue
        used, image = result
        path = args.out / f"{chart.id}.webp"
        thumbnail(image, args.width).save(path, "WEBP", quality=args.quality, method=6)
        print(f"{path.name:<28} {used.name}  {path.stat().st_size / 1024:.1f} KB")
    total = sum(p.stat().st_size for p in args.out.glob("*.webp"))
    print(f"total {total / 1024:.0f} KB in {args.out}")
    if missing:
        print(f"no working renderer yet for: {', '.join(missing)}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
