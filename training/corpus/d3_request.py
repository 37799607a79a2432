"""Requests to the D3 script (``training/corpus/d3/render.js``): the look every D3 chart shares, and drawing.

D3 is how most charts on news sites, in data journalism and in web galleries are made: no chart
types, only scales, axes and shapes put together by hand, with a sparse look of their own (thin
axes with 6 px ticks or no axis line at all, 10 px sans-serif labels, Category10 or Tableau10
colours, few grid lines, direct labels). The renderers in ``renderers/d3_*.py`` draw the data and
pick a look here; the script draws with D3 on a jsdom page and answers SVG, rasterised with
CairoSVG. Needs ``node`` on PATH and ``npm ci --prefix training/corpus/d3``; without them the
renderer modules fail to import and the corpus skips them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from training.corpus import text
from training.corpus.node_script import NodeScript
from training.corpus.raster import rasterise_svg
from training.corpus.registry import Rendered

LIB = "d3"

_SCRIPT = NodeScript(Path(__file__).resolve().parent / "d3", "d3")

# d3-scale-chromatic's categorical schemes, Observable Plot's default and the plain single colours of tutorials.
_PALETTES = [
    ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"],
    ["#4e79a7", "#f28e2c", "#e15759", "#76b7b2", "#59a14f", "#edc949", "#af7aa1", "#ff9da7", "#9c755f", "#bab0ab"],
    ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"],
    ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"],
    ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#ffff33", "#a65628", "#f781bf", "#999999"],
    ["#7fc97f", "#beaed4", "#fdc086", "#ffff99", "#386cb0", "#f0027f", "#bf5b17", "#666666"],
    ["#a6cee3", "#1f78b4", "#b2df8a", "#33a02c", "#fb9a99", "#e31a1c", "#fdbf6f", "#ff7f00", "#cab2d6", "#6a3d9a"],
    ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9"],
    ["#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6", "#ffffcc", "#e5d8bd", "#fddaec"],
    ["steelblue", "#e45756", "#54a24b", "#eeca3b", "#b279a2"],
    ["#69b3a2", "#404080", "#e0ac2b", "#e85252", "#6689c6", "#9a6fb0", "#a53253"],
]
_INTERPOLATORS = ["interpolateViridis", "interpolateInferno", "interpolateMagma", "interpolatePlasma", "interpolateBlues",
                  "interpolateGreens", "interpolateOranges", "interpolateReds", "interpolateYlGnBu", "interpolateYlOrRd",
                  "interpolateRdBu", "interpolateRdYlBu", "interpolatePuBuGn", "interpolateTurbo", "interpolateCividis",
                  "interpolateSpectral", "interpolatePiYG", "interpolateGreys", "interpolateWarm", "interpolateCool"]
_FONTS = ["sans-serif", "sans-serif", "sans-serif", "DejaVu Sans", "Liberation Sans", "Liberation Serif", "serif",
          "monospace"]
_DARK = ["#111111", "#1e1e1e", "#222831", "#0f172a", "#2b2b2b"]


def size(rng: np.random.Generator, square: bool = False) -> tuple[int, int]:
    """A chart size in CSS pixels, as D3 examples are written (960×500, 600×400, ...) or at random."""
    if rng.random() < 0.35:
        w, h = [(960, 500), (960, 600), (800, 450), (700, 400), (600, 400), (640, 400), (460, 400), (928, 600),
                (500, 500), (600, 600), (928, 928)][int(rng.integers(11))]
        if square and w > 1.3 * h:
            h = w
        return w, h
    return text.pixel_size(rng, square, square_aspect=(0.8, 1.1), pixels_per_inch=(80, 130), max_side=1000,
                           min_size=(320, 260), p_square=0.8)


def style(rng: np.random.Generator, *, legend: bool = False, axes: bool = True) -> dict:
    """The look of one chart: font, colours, margins, title, axes and legend (every key render.js reads)."""
    dark = rng.random() < 0.1
    palette = list(_PALETTES[int(rng.integers(len(_PALETTES)))])
    if rng.random() < 0.25:
        palette = [palette[i] for i in rng.permutation(len(palette))]
    title = text.title(rng, p_none=0.45)
    left = int(rng.integers(35, 70)) if axes else int(rng.integers(8, 40))
    margin = {"top": int(rng.integers(20, 50)) + (22 if title else 0), "right": int(rng.integers(10, 40)),
              "bottom": int(rng.integers(28, 55)) if axes else int(rng.integers(8, 40)), "left": left}
    legend_at = None
    if legend and rng.random() < 0.8:
        legend_at = "right" if rng.random() < 0.35 else "top"
        if legend_at == "right":
            margin["right"] += 110
        else:
            margin["top"] += 24
    grid = str(rng.choice(["", "", "", "y", "y", "x", "xy"]))
    return {
        "font": str(rng.choice(_FONTS)), "fontSize": int(rng.choice([10, 10, 10, 11, 12, 13, 14])),
        "background": str(rng.choice(_DARK)) if dark else ("white" if rng.random() < 0.85 else str(
            rng.choice(["#fafafa", "#f4f4f4", "#fdf6e3", "#f8f8f2", "#eef2f7"]))),
        "ink": "#dddddd" if dark else str(rng.choice(["black", "black", "#333", "#555", "#666"])),
        "gridColour": "#555" if dark else str(rng.choice(["#ddd", "#e5e5e5", "#ccc", "#eee"])),
        "gridDash": str(rng.choice(["none", "none", "2,2", "4,2"])),
        "palette": palette, "interpolator": str(rng.choice(_INTERPOLATORS)),
        "reverseInterpolator": bool(rng.random() < 0.2),
        "margin": margin, "title": title or None, "titleAlign": "middle" if rng.random() < 0.4 else "start",
        "titleScale": float(rng.uniform(1.1, 1.8)), "titleWeight": "bold" if rng.random() < 0.6 else "normal",
        "grid": grid, "domain": bool(rng.random() < 0.7), "tickSize": int(rng.choice([6, 6, 6, 4, 0])),
        "rotateLabels": False,
        "xLabel": " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize() if rng.random() < 0.3 else None,
        "yLabel": " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize() if rng.random() < 0.35 else None,
        "legend": legend_at, "legendShape": "circle" if rng.random() < 0.4 else "square",
        "opacity": float(rng.choice([1.0, 1.0, 0.85, 0.7])), "dark": dark,
    }


def draw(kind: str, width: int, height: int, look: dict, data: dict, tag: str = "") -> Rendered:
    """Have render.js draw ``kind`` at ``width`` × ``height`` in ``look`` with ``data``, rasterised on the background."""
    svg = _SCRIPT.ask({"kind": kind, "width": width, "height": height, "style": look, "data": data})["svg"]
    style_tag = f"{'dark' if look['dark'] else 'light'},{width}x{height}" + (f",{tag}" if tag else "")
    return Rendered(rasterise_svg(svg), style_tag)


def rounded(values, digits: int = 2) -> list:
    """``values`` (any nesting of arrays) as plain JSON numbers."""
    return np.round(np.asarray(values, dtype=float), digits).tolist()
