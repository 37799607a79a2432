"""Pictures that plotting libraries hand back as PNG or SVG, flattened to the RGB images the corpus keeps."""

from __future__ import annotations

import io

import cairosvg
from PIL import Image


def flatten_png(png: bytes, background: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """The PNG ``png`` as RGB, any transparency laid over ``background``."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", image.size, (*background, 255)), image).convert("RGB")


def rasterise_svg(svg: str) -> Image.Image:
    """The SVG document ``svg`` drawn by CairoSVG at its own size, on white."""
    return flatten_png(cairosvg.svg2png(bytestring=svg.encode("utf-8")))
