"""Charts on x/y axes drawn with D3 (``training/corpus/d3/axes.js``): bars, lines, areas, points, distributions.

The data are drawn here and the look picked by :func:`training.corpus.d3_request.style`; D3 draws
them as its gallery and Observable examples do. See :mod:`training.corpus.d3_request`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from training.corpus import data, text
from training.corpus.d3_request import LIB, draw, rounded, size, style
from training.corpus.registry import Rendered, renderer

_CURVES = ["linear", "linear", "monotone", "basis", "step", "cardinal", "natural", "catmullRom"]
_FORMATS = [".0f", ".1f", ",.0f", ".2s", ".0%"]


def _dates(rng: np.random.Generator, n: int, step_days: int | None = None) -> list[str]:
    """``n`` ISO dates from a random start, a day, week or month apart."""
    start = dt.date(2000, 1, 1) + dt.timedelta(days=int(rng.integers(0, 9000)))
    step = step_days or int(rng.choice([1, 7, 30]))
    return [(start + dt.timedelta(days=i * step)).isoformat() for i in range(n)]


def _room_for(look: dict, names: list[str]) -> None:
    """Widen the left margin so that ``names`` fit there as axis labels."""
    look["margin"]["left"] = max(look["margin"]["left"], 12 + 6 * max(len(name) for name in names))


def _bars(rng: np.random.Generator, kind: str, values, categories: list[str], *, horizontal: bool,
          legend: bool = False, **extra) -> Rendered:
    w, h = size(rng)
    look = style(rng, legend=legend)
    if horizontal:
        _room_for(look, categories)
    elif len(categories) > 8 and rng.random() < 0.6:
        look["rotateLabels"] = True
        look["margin"]["bottom"] += 30
    payload = {"categories": categories, "values": rounded(values), "horizontal": horizontal,
               "padding": float(rng.uniform(0.05, 0.45)), **extra}
    return draw(kind, w, h, look, payload, "horizontal" if horizontal else "vertical")


def _one_series(rng: np.random.Generator, horizontal: bool, n_max: int, p_sorted: float, p_by_category: float,
                p_labels: float) -> Rendered:
    n = int(rng.integers(3, n_max))
    values = data.web_values(rng, n)
    if rng.random() < p_sorted:
        values = np.sort(values)[::-1]
    return _bars(rng, "bar", values, text.categories(rng, n), horizontal=horizontal,
                 colourByCategory=bool(rng.random() < p_by_category), radius=int(rng.choice([0, 0, 0, 3])),
                 labels=bool(rng.random() < p_labels), format=str(rng.choice(_FORMATS[:3])))


@renderer("bar", LIB)
@text.no_cjk()
def bar_d3(rng: np.random.Generator) -> Rendered:
    """One series of vertical bars (steelblue or coloured by category), sometimes sorted, with value labels."""
    return _one_series(rng, False, 20, p_sorted=0.3, p_by_category=0.2, p_labels=0.25)


@renderer("horizontal_bar", LIB)
@text.no_cjk()
def horizontal_bar_d3(rng: np.random.Generator) -> Rendered:
    """One series of horizontal bars, mostly sorted as news graphics sort them, often with value labels."""
    return _one_series(rng, True, 22, p_sorted=0.6, p_by_category=0.15, p_labels=0.45)


@renderer("grouped_bar", LIB)
@text.no_cjk()
def grouped_bar_d3(rng: np.random.Generator) -> Rendered:
    """Clusters of side-by-side bars, one per series, either orientation."""
    n, k = int(rng.integers(2, 9)), int(rng.integers(2, 6))
    values = np.stack([data.web_values(rng, k) for _ in range(n)])
    return _bars(rng, "groupedBar", values, text.categories(rng, n), horizontal=bool(rng.random() < 0.25), legend=True,
                 keys=text.categories(rng, k), innerPadding=float(rng.uniform(0.0, 0.2)))


@renderer("stacked_bar", LIB)
@text.no_cjk()
def stacked_bar_d3(rng: np.random.Generator) -> Rendered:
    """Bars split into stacked segments (d3.stack), absolute or normalised to 100%, either orientation."""
    n, k = int(rng.integers(3, 16)), int(rng.integers(2, 7))
    values = rng.uniform(1, 10, (n, k)) * rng.uniform(0.3, 1.0, k)
    return _bars(rng, "stackedBar", values, text.categories(rng, n), horizontal=bool(rng.random() < 0.35), legend=True,
                 keys=text.categories(rng, k), normalize=bool(rng.random() < 0.3),
                 stroke=str(rng.choice(["none", "none", "white"])))


@renderer("lollipop", LIB)
@text.no_cjk()
def lollipop_d3(rng: np.random.Generator) -> Rendered:
    """Thin stems ending in dots (the D3 graph gallery's lollipop), either orientation, often sorted."""
    n = int(rng.integers(4, 25))
    values = data.web_values(rng, n)
    if rng.random() < 0.5:
        values = np.sort(values)[::-1]
    return _bars(rng, "lollipop", values, text.categories(rng, n), horizontal=bool(rng.random() < 0.5),
                 r=float(rng.uniform(3, 8)), stemWidth=float(rng.choice([1, 1, 1.5, 2])),
                 stemColour=str(rng.choice(["grey", "#999", "black"])) if rng.random() < 0.6 else None,
                 dotColour=int(rng.integers(0, 3)), dotStroke=str(rng.choice(["none", "black"])))


@renderer("histogram", LIB)
@text.no_cjk()
def histogram_d3(rng: np.random.Generator) -> Rendered:
    """d3.bin over one to three samples: adjacent bars with a 1 px gap, overlaid when several."""
    k = 1 if rng.random() < 0.75 else int(rng.integers(2, 4))
    samples = []
    for _ in range(k):
        shape = rng.choice(["normal", "skew", "bimodal"])
        n = int(rng.integers(200, 3000))
        if shape == "normal":
            samples.append(rng.normal(rng.uniform(0, 50), rng.uniform(3, 15), n))
        elif shape == "skew":
            samples.append(rng.gamma(rng.uniform(1.5, 4), rng.uniform(2, 10), n))
        else:
            samples.append(np.r_[rng.normal(10, 3, n // 2), rng.normal(rng.uniform(18, 30), 4, n // 2)])
    w, h = size(rng)
    look = style(rng, legend=k > 1)
    return draw("histogram", w, h, look, {
        "values": rounded(np.concatenate(samples)), "groups": [rounded(s) for s in samples],
        "names": text.categories(rng, k) if k > 1 else [], "bins": int(rng.integers(10, 60)),
        "gap": float(rng.choice([1, 1, 0.5, 0])), "colour": int(rng.integers(0, 3)),
        "stroke": str(rng.choice(["none", "none", "white", "black"]))})


@renderer("population_pyramid", LIB)
@text.no_cjk()
def population_pyramid_d3(rng: np.random.Generator) -> Rendered:
    """Two back-to-back bar sets around a central gutter of age bands, an axis under each side."""
    n = int(rng.integers(8, 21))
    step = int(rng.choice([5, 5, 10]))
    groups = [f"{i * step}-{i * step + step - 1}" for i in range(n - 1)] + [f"{(n - 1) * step}+"]
    base = np.linspace(1, 0.15, n) ** rng.uniform(0.5, 1.5) * rng.uniform(0.8, 1.2, n)
    left, right = base * rng.uniform(0.9, 1.1, n), base * rng.uniform(0.9, 1.1, n) * np.linspace(1, 1.3, n)
    w, h = size(rng)
    look = style(rng, legend=True)
    look["margin"]["left"] = max(look["margin"]["left"], 50)
    gutter = int(rng.choice([0, 0, 30, 50]))
    return draw("pyramid", w, h, look, {
        "groups": groups, "left": rounded(left * 1000, 0), "right": rounded(right * 1000, 0), "gutter": gutter,
        "padding": float(rng.uniform(0.02, 0.25)), "names": [str(s) for s in rng.choice([["Male", "Female"], ["Men", "Women"], ["M", "F"]])],
        "format": str(rng.choice([",.0f", ".2s"]))})


def _series(rng: np.random.Generator, n: int, k: int, positive: bool = False) -> list[dict]:
    names = text.categories(rng, k)
    out = []
    for name in names:
        y = data.web_values(rng, n, trend=True) if positive else np.cumsum(rng.normal(0, 1, n)) * rng.uniform(1, 20) + rng.uniform(-20, 100)
        out.append({"name": name, "y": rounded(y)})
    return out


def _x(rng: np.random.Generator, n: int) -> tuple[list, bool]:
    if rng.random() < 0.7:
        return _dates(rng, n), True
    return rounded(np.linspace(0, rng.uniform(1, 100), n)), False


@renderer("line", LIB)
@text.no_cjk()
def line_d3(rng: np.random.Generator) -> Rendered:
    """One to eight lines over time or a number (d3.line), sometimes dots, direct labels at the line ends."""
    n = int(rng.integers(6, 200))
    k = int(rng.choice([1, 1, 1, 2, 3, 4, 6, 8]))
    x, time = _x(rng, n)
    direct = k > 1 and rng.random() < 0.35
    w, h = size(rng)
    look = style(rng, legend=k > 1 and not direct)
    if direct:
        look["margin"]["right"] += 70
    return draw("line", w, h, look, {
        "x": x, "time": time, "series": _series(rng, n, k), "curve": str(rng.choice(_CURVES)),
        "strokeWidth": float(rng.choice([1, 1.5, 1.5, 2, 3])), "dots": float(rng.choice([0, 0, 0, 3, 4])) if n < 40 else 0,
        "hollowDots": bool(rng.random() < 0.4), "dashed": bool(rng.random() < 0.15), "directLabels": direct})


@renderer("area", LIB)
@text.no_cjk()
def area_d3(rng: np.random.Generator) -> Rendered:
    """Filled areas: one area under its line, overlapping translucent areas, or a stacked area (d3.stack)."""
    n = int(rng.integers(10, 200))
    k = int(rng.choice([1, 1, 2, 3, 4, 6]))
    stacked = k > 1 and rng.random() < 0.6
    x, time = _x(rng, n)
    w, h = size(rng)
    look = style(rng, legend=k > 1)
    return draw("area", w, h, look, {
        "x": x, "time": time, "series": _series(rng, n, k, positive=True), "stacked": stacked, "stream": False,
        "baseline": 0, "curve": str(rng.choice(_CURVES)),
        "fillOpacity": float(rng.uniform(0.6, 1.0)) if stacked or k == 1 else float(rng.uniform(0.25, 0.55)),
        "outline": float(rng.choice([0, 1, 1.5, 2])), "directLabels": stacked and rng.random() < 0.3})


@renderer("stream", LIB)
@text.no_cjk()
def stream_d3(rng: np.random.Generator) -> Rendered:
    """A streamgraph: d3.stack with the wiggle or silhouette offset and the inside-out order, smooth curves."""
    n = int(rng.integers(15, 120))
    k = int(rng.integers(3, 16))
    x, time = _x(rng, n)
    t = np.linspace(0, 1, n)
    series = []
    for name in text.categories(rng, k):
        y = sum(rng.uniform(0.2, 1) * np.exp(-((t - rng.uniform(-0.2, 1.2)) / rng.uniform(0.05, 0.35)) ** 2) for _ in range(3))
        series.append({"name": name, "y": rounded(y * rng.uniform(1, 50) + rng.uniform(0, 2))})
    w, h = size(rng)
    look = style(rng, legend=True)
    return draw("area", w, h, look, {
        "x": x, "time": time, "series": series, "stacked": True, "stream": True,
        "offset": str(rng.choice(["stackOffsetWiggle", "stackOffsetSilhouette"])), "baseline": 0,
        "curve": str(rng.choice(["basis", "basis", "catmullRom", "natural", "monotone"])), "fillOpacity": float(rng.uniform(0.75, 1)),
        "outline": 0, "stroke": bool(rng.random() < 0.5), "hideY": bool(rng.random() < 0.7),
        "directLabels": bool(rng.random() < 0.3)})


def _points(rng: np.random.Generator, n: int, groups: int, sizes: bool) -> list[list[float]]:
    x = rng.normal(0, 1, n) * rng.uniform(1, 30) + rng.uniform(-10, 100)
    slope = rng.normal(0, 1)
    y = slope * x + rng.normal(0, rng.uniform(0.2, 3) * x.std() + 1e-6, n) + rng.uniform(-50, 50)
    if rng.random() < 0.3:
        x = np.abs(x) + 1
    s = rng.lognormal(0, rng.uniform(0.6, 1.4), n) if sizes else np.ones(n)
    g = rng.integers(0, groups, n)
    return np.column_stack([x, y, s, g]).round(3).tolist()


@renderer("scatter", LIB)
@text.no_cjk()
def scatter_d3(rng: np.random.Generator) -> Rendered:
    """Points by two variables (the classic D3 scatterplot): dots, hollow rings or symbols, by group."""
    groups = int(rng.choice([1, 1, 2, 3, 4]))
    n = int(rng.integers(15, 600))
    w, h = size(rng)
    look = style(rng, legend=groups > 1)
    symbol = "circle" if rng.random() < 0.75 else str(rng.choice(["symbolCross", "symbolTriangle", "symbolSquare", "symbolDiamond"]))
    return draw("scatter", w, h, look, {
        "points": _points(rng, n, groups, False), "names": text.categories(rng, groups) if groups > 1 else [],
        "sized": False, "r": float(rng.uniform(1.5, 5)), "symbol": symbol, "hollow": bool(rng.random() < 0.2),
        "outline": False, "fillOpacity": float(rng.choice([1, 0.8, 0.6, 0.4])), "strokeWidth": 1.2, "labels": None})


@renderer("bubble", LIB)
@text.no_cjk()
def bubble_d3(rng: np.random.Generator) -> Rendered:
    """A scatter whose circle areas encode a third variable (d3.scaleSqrt), translucent, big ones behind, some named."""
    groups = int(rng.choice([1, 2, 3, 4, 5]))
    n = int(rng.integers(8, 150))
    points = _points(rng, n, groups, True)
    w, h = size(rng)
    look = style(rng, legend=groups > 1)
    labels = None
    if rng.random() < 0.3:
        biggest = np.argsort([-p[2] for p in points])[: int(rng.integers(2, 8))]
        labels = [[int(i), name] for i, name in zip(biggest, text.categories(rng, len(biggest)))]
    return draw("scatter", w, h, look, {
        "points": points, "names": text.categories(rng, groups) if groups > 1 else [], "sized": True,
        "maxR": float(rng.uniform(15, 45)), "symbol": "circle", "hollow": False, "outline": bool(rng.random() < 0.5),
        "strokeColour": str(rng.choice(["white", "black", "none"])), "fillOpacity": float(rng.uniform(0.4, 0.9)),
        "strokeWidth": 1, "labels": labels})


@renderer("hexbin", LIB)
@text.no_cjk()
def hexbin_d3(rng: np.random.Generator) -> Rendered:
    """d3-hexbin over thousands of points, hexagons coloured by count on a sequential scale."""
    n = int(rng.integers(1000, 8000))
    w, h = size(rng)
    return draw("hexbin", w, h, style(rng), {
        "points": _points(rng, n, 1, False), "radius": float(rng.uniform(5, 16)),
        "stroke": str(rng.choice(["none", "white", "black", "#444"]))})


@renderer("contour", LIB)
@text.no_cjk()
def contour_d3(rng: np.random.Generator) -> Rendered:
    """d3.contourDensity of a cloud of points: filled bands or iso-lines, the points sometimes shown."""
    k = int(rng.integers(1, 4))
    n = int(rng.integers(200, 2000))
    centres = rng.normal(0, 3, (k, 2))
    idx = rng.integers(0, k, n)
    pts = centres[idx] + rng.normal(0, 1, (n, 2)) * rng.uniform(0.5, 2, (k, 2))[idx]
    w, h = size(rng)
    return draw("contour", w, h, style(rng), {
        "points": np.column_stack([pts, np.ones(n), np.zeros(n)]).round(3).tolist(),
        "bandwidth": float(rng.uniform(10, 40)), "thresholds": int(rng.integers(6, 25)), "filled": bool(rng.random() < 0.55),
        "stroke": str(rng.choice(["none", "white", "#333"])), "colourLines": bool(rng.random() < 0.5),
        "showPoints": bool(rng.random() < 0.2)})


def _samples(rng: np.random.Generator, k: int) -> list[list[float]]:
    out = []
    for _ in range(k):
        n = int(rng.integers(20, 400))
        if rng.random() < 0.6:
            v = rng.normal(rng.uniform(10, 30), rng.uniform(2, 8), n)
        else:
            v = rng.gamma(rng.uniform(1.5, 5), rng.uniform(2, 6), n) + rng.uniform(0, 10)
        out.append(rounded(v))
    return out


def _samples_by_group(rng: np.random.Generator, kind: str, k: int, p_horizontal: float, padding: tuple[float, float],
                      **extra) -> Rendered:
    """``k`` named samples drawn as ``kind`` (box or violin) on a band scale, vertical or (with ``p_horizontal``) not."""
    w, h = size(rng)
    horizontal = bool(rng.random() < p_horizontal)
    look = style(rng)
    names = text.categories(rng, k)
    if horizontal:
        _room_for(look, names)
    return draw(kind, w, h, look, {"names": names, "values": _samples(rng, k), "horizontal": horizontal,
                                   "padding": float(rng.uniform(*padding)), **extra})


@renderer("box", LIB)
@text.no_cjk()
def box_d3(rng: np.random.Generator) -> Rendered:
    """Box plots computed in D3 (quartiles, 1.5 IQR whiskers, outliers), hollow or filled, sometimes with jittered points."""
    return _samples_by_group(rng, "box", int(rng.integers(1, 9)), 0.25, (0.2, 0.6), filled=bool(rng.random() < 0.6),
                             oneColour=bool(rng.random() < 0.5), inkStroke=bool(rng.random() < 0.6),
                             cap=float(rng.choice([0, 0.25, 0.5])), jitter=bool(rng.random() < 0.25))


@renderer("violin", LIB)
@text.no_cjk()
def violin_d3(rng: np.random.Generator) -> Rendered:
    """Mirrored kernel densities per group (the D3 graph gallery's violins), sometimes a box inside."""
    return _samples_by_group(rng, "violin", int(rng.integers(2, 8)), 0.2, (0.02, 0.3),
                             bandwidth=float(rng.uniform(0.04, 0.12)), oneColour=bool(rng.random() < 0.4),
                             stroke=bool(rng.random() < 0.4), inner=bool(rng.random() < 0.4))


@renderer("ridgeline", LIB)
@text.no_cjk()
def ridgeline_d3(rng: np.random.Generator) -> Rendered:
    """Overlapping density curves stacked down the chart (the D3 graph gallery's ridgeline)."""
    k = int(rng.integers(4, 15))
    w, h = size(rng)
    look = style(rng)
    names = text.categories(rng, k)
    _room_for(look, names)
    return draw("ridgeline", w, h, look, {
        "names": names, "values": _samples(rng, k), "overlap": float(rng.uniform(1.2, 3.5)),
        "bandwidth": float(rng.uniform(0.03, 0.1)), "gradient": bool(rng.random() < 0.4), "oneColour": bool(rng.random() < 0.4),
        "stroke": bool(rng.random() < 0.7)})


@renderer("heatmap", LIB)
@text.no_cjk()
def heatmap_d3(rng: np.random.Generator) -> Rendered:
    """A matrix of cells on two band scales coloured by value, sometimes rounded, gapped or labelled."""
    nx, ny = int(rng.integers(4, 30)), int(rng.integers(3, 20))
    field = rng.normal(0, 1, (ny, nx)).cumsum(axis=int(rng.integers(0, 2))) + rng.normal(0, 0.5, (ny, nx))
    w, h = size(rng)
    look = style(rng)
    ys = text.categories(rng, ny)
    _room_for(look, ys)
    if nx > 10:
        look["rotateLabels"] = True
        look["margin"]["bottom"] += 25
    return draw("heatmap", w, h, look, {
        "xs": text.categories(rng, nx), "ys": ys, "values": rounded(field), "padding": float(rng.choice([0, 0, 0.05, 0.1])),
        "radius": int(rng.choice([0, 0, 2, 4])), "labels": nx * ny < 120 and rng.random() < 0.4, "format": ".1f"})


@renderer("candlestick", LIB)
@text.no_cjk()
def candlestick_d3(rng: np.random.Generator) -> Rendered:
    """Daily candles on a time scale (Observable's candlestick) or OHLC ticks, green/red or black/white."""
    n = int(rng.integers(15, 120))
    o, hi, lo, c = data.price_series(rng, n)
    colours = [("#4daf4a", "#e41a1c"), ("#26a69a", "#ef5350"), ("black", "black"), ("steelblue", "#d62728")]
    up, down = colours[int(rng.integers(len(colours)))]
    w, h = size(rng)
    return draw("candlestick", w, h, style(rng), {
        "dates": _dates(rng, n, 1), "open": rounded(o), "high": rounded(hi), "low": rounded(lo), "close": rounded(c),
        "padding": float(rng.uniform(0.1, 0.5)), "upColour": up, "downColour": down, "wickInk": bool(rng.random() < 0.4),
        "ohlc": bool(rng.random() < 0.2), "hollowUp": up == "black" or rng.random() < 0.2})


@renderer("waterfall", LIB)
@text.no_cjk()
def waterfall_d3(rng: np.random.Generator) -> Rendered:
    """Floating bars of increments and decrements from a start to a total, with dashed connectors."""
    cats, start, end, kind = data.waterfall_steps(rng)
    colours = [["#2ca02c", "#d62728", "#1f77b4"], ["#59a14f", "#e15759", "#4e79a7"], ["#66c2a5", "#fc8d62", "#8da0cb"],
               ["steelblue", "#e45756", "#777"]]
    return _bars(rng, "waterfall", [0] * len(cats), cats, horizontal=False, start=rounded(start), end=rounded(end),
                 steps=kind, colours=colours[int(rng.integers(len(colours)))], connectors=bool(rng.random() < 0.6))


@renderer("gantt", LIB)
@text.no_cjk()
def gantt_d3(rng: np.random.Generator) -> Rendered:
    """Task bars on a time axis (at the top or bottom), coloured by phase, sometimes a "today" line."""
    n = int(rng.integers(4, 20))
    base = dt.date(2020, 1, 1) + dt.timedelta(days=int(rng.integers(0, 2000)))
    starts = np.sort(rng.integers(0, 90, n)) if rng.random() < 0.7 else rng.integers(0, 90, n)
    lengths = rng.integers(3, 40, n)
    phases = np.minimum(np.arange(n) * int(rng.integers(1, 5)) // n, 9)
    tasks = [f"{' '.join(text.words(rng, int(rng.integers(1, 3)))).capitalize()} {i + 1}" for i in range(n)]
    w, h = size(rng)
    look = style(rng)
    _room_for(look, tasks)
    iso = lambda d: (base + dt.timedelta(days=int(d))).isoformat()  # noqa: E731
    return draw("gantt", w, h, look, {
        "tasks": tasks, "start": [iso(s) for s in starts], "end": [iso(s + l) for s, l in zip(starts, lengths)],
        "phase": phases.tolist(), "padding": float(rng.uniform(0.15, 0.45)), "radius": int(rng.choice([0, 0, 3, 6])),
        "axisOnTop": bool(rng.random() < 0.5), "today": iso(rng.integers(10, 100)) if rng.random() < 0.3 else None})


@renderer("parallel_coordinates", LIB)
@text.no_cjk()
def parallel_coordinates_d3(rng: np.random.Generator) -> Rendered:
    """Polylines across vertical axes, one per dimension (the D3 graph gallery's parallel plot)."""
    d = int(rng.integers(3, 9))
    n = int(rng.integers(20, 300))
    groups = int(rng.choice([1, 2, 3, 4]))
    g = rng.integers(0, groups, n)
    centres = rng.normal(0, 1, (groups, d))
    rows = (centres[g] + rng.normal(0, rng.uniform(0.3, 1.0), (n, d))) * rng.uniform(1, 100, d) + rng.uniform(0, 200, d)
    w, h = size(rng)
    look = style(rng, legend=groups > 1)
    look["margin"]["top"] += 12 + (16 if look["legend"] == "top" else 0)  # room for the axis names above the axes
    look["margin"]["right"] = max(look["margin"]["right"], 30)
    return draw("parallel", w, h, look, {
        "dims": [str(x).capitalize() for x in text.words(rng, d)], "rows": rounded(rows), "groups": g.tolist(),
        "names": text.categories(rng, groups) if groups > 1 else [], "colourBy": "group" if groups > 1 or rng.random() < 0.5 else "row",
        "strokeWidth": float(rng.choice([0.8, 1, 1.5])), "lineOpacity": float(rng.uniform(0.3, 0.9)), "halo": bool(rng.random() < 0.5)})
