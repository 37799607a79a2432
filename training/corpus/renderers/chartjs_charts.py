"""Charts drawn with Chart.js (in Node.js on a Skia canvas, @napi-rs/canvas).

Chart.js is the chart library of countless web dashboards, admin templates and tutorials, with a
look of its own: translucent fills under solid borders, a legend of boxes above the plot, light
grids, bold grey titles, half-doughnut gauges. Configurations are built here as JSON and drawn by
``training/corpus/chartjs/render.js``, one Node process per corpus worker. Needs ``node`` on PATH and
``npm ci --prefix training/corpus/chartjs``; without them this module fails to import and the corpus
skips it. Words are drawn without CJK (``text.no_cjk()``): the canvas has no font for them here.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
from PIL import Image

from training.corpus import data, text
from training.corpus.node_script import NodeScript
from training.corpus.registry import Rendered, renderer

LIB = "chartjs"

_SCRIPT = NodeScript(Path(__file__).resolve().parent.parent / "chartjs", "chart.js")

# Chart.js's own sample colours (its docs and most tutorials), its default palette, Bootstrap, Tailwind, Tableau 10.
_PALETTES: list[list[tuple[int, int, int]]] = [
    [(255, 99, 132), (54, 162, 235), (255, 206, 86), (75, 192, 192), (153, 102, 255), (255, 159, 64), (201, 203, 207)],
    [(54, 162, 235), (255, 99, 132), (75, 192, 192), (255, 159, 64), (153, 102, 255), (255, 205, 86), (201, 203, 207)],
    [(13, 110, 253), (25, 135, 84), (220, 53, 69), (255, 193, 7), (13, 202, 240), (102, 16, 242), (253, 126, 20)],
    [(59, 130, 246), (16, 185, 129), (245, 158, 11), (239, 68, 68), (139, 92, 246), (236, 72, 153), (20, 184, 166)],
    [(78, 121, 167), (242, 142, 43), (225, 87, 89), (118, 183, 178), (89, 161, 79), (237, 201, 72), (176, 122, 161)],
    [(0, 123, 255), (40, 167, 69), (255, 193, 7), (220, 53, 69), (23, 162, 184), (108, 117, 125), (52, 58, 64)],
]
_FONTS = ["Helvetica Neue, Helvetica, Arial, sans-serif", "sans-serif", "DejaVu Sans", "Liberation Sans",
          "Liberation Serif", "monospace"]
_DARK_BACKGROUNDS = ["#1e1e2d", "#222b36", "#2c3e50", "#111827", "#343a40", "#1f2937"]
_LIGHT_BACKGROUNDS = ["white", "white", "white", "#f8f9fa", "#f4f6f9", "#fcfcfc"]


class _Style:
    """The look one chart draws from: colours, transparency, border width, dark or light."""

    def __init__(self, rng: np.random.Generator) -> None:
        palette = _PALETTES[int(rng.integers(len(_PALETTES)))]
        self.colours = [palette[i] for i in rng.permutation(len(palette))] if rng.random() < 0.3 else palette
        self.alpha = float(rng.choice([0.2, 0.5, 0.5, 0.7, 1.0]))
        self.border_width = int(rng.choice([0, 1, 1, 2, 3]))
        self.dark = bool(rng.random() < 0.15)

    def fill(self, i: int, alpha: float | None = None) -> str:
        r, g, b = self.colours[i % len(self.colours)]
        return f"rgba({r}, {g}, {b}, {self.alpha if alpha is None else alpha})"

    def line(self, i: int) -> str:
        return self.fill(i, 1.0)

    def fills(self, n: int) -> list[str]:
        return [self.fill(i) for i in range(n)]


def _draw(rng: np.random.Generator, style: _Style, config: dict, *, square: bool = False,
          legend: bool = True) -> Rendered:
    """Draw ``config`` at a random size and resolution, with a title and legend or not, and return the picture."""
    w, h = text.pixel_size(rng, square, square_aspect=(0.75, 1.1), pixels_per_inch=(80, 125), max_side=900,
                           min_size=(300, 240), p_square=0.7)
    scale = 2 if rng.random() < 0.25 and max(w, h) <= 700 else 1  # a screenshot from a high-density screen
    plugins = config.setdefault("options", {}).setdefault("plugins", {})
    ttl = text.title(rng, p_none=0.4)
    if ttl:
        plugins["title"] = {"display": True, "text": ttl, "font": {"size": int(rng.integers(12, 20))},
                            "align": str(rng.choice(["center", "center", "start"]))}
    plugins["legend"] = {"display": bool(legend and rng.random() < 0.85),
                         "position": str(rng.choice(["top", "top", "top", "bottom", "right", "left"])),
                         "labels": {"usePointStyle": bool(rng.random() < 0.25)}}
    request = {"width": w, "height": h, "scale": scale, "config": config,
               "font": str(rng.choice(_FONTS)), "fontSize": int(rng.choice([10, 11, 12, 12, 13, 14])),
               "background": str(rng.choice(_DARK_BACKGROUNDS if style.dark else _LIGHT_BACKGROUNDS)),
               "textColor": "#c9d1d9" if style.dark else str(rng.choice(["#666", "#666", "#333", "#6c757d"])),
               "gridColor": "rgba(255, 255, 255, 0.1)" if style.dark else "rgba(0, 0, 0, 0.1)"}
    png = base64.b64decode(_SCRIPT.ask(request)["png"])
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return Rendered(image, f"{'dark' if style.dark else 'light'},{w}x{h}@{scale}x,alpha{style.alpha}")


def _scales(rng: np.random.Generator, *, stacked: bool = False, horizontal: bool = False,
            begin_at_zero: bool = True) -> dict:
    """Cartesian axes: grids on or off, a value axis that may begin at zero, stacked or not."""
    value = {"beginAtZero": begin_at_zero, "stacked": stacked, "grid": {"display": bool(rng.random() < 0.85)}}
    category = {"stacked": stacked, "grid": {"display": bool(rng.random() < 0.5)}}
    if rng.random() < 0.3:
        value["title"] = {"display": True, "text": " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize()}
    return {"x": value, "y": category} if horizontal else {"x": category, "y": value}


def _values(rng: np.random.Generator, n: int, trend: bool = False) -> list[float]:
    return [round(float(v), 1) for v in data.web_values(rng, n, trend)]


def _series_names(rng: np.random.Generator, k: int) -> list[str]:
    return [str(rng.choice(["Dataset", "Series", "Sales", "Revenue", "Users"])) + f" {i + 1}" if rng.random() < 0.5
            else " ".join(text.words(rng, 1)).capitalize() for i in range(k)]


def _bar_dataset(rng: np.random.Generator, style: _Style, i: int, label: str, values: list, *,
                 colour_by_bar: bool = False) -> dict:
    n = len(values)
    return {"label": label, "data": values,
            "backgroundColor": style.fills(n) if colour_by_bar else style.fill(i),
            "borderColor": [style.line(j) for j in range(n)] if colour_by_bar else style.line(i),
            "borderWidth": style.border_width, "borderRadius": int(rng.choice([0, 0, 0, 4, 8]))}


# ------------------------------------------------------------------------------------------------ bars


def _bars(rng: np.random.Generator, *, horizontal: bool) -> Rendered:
    style = _Style(rng)
    n = int(rng.integers(3, 14))
    colour_by_bar = bool(rng.random() < 0.35)
    config = {"type": "bar", "data": {"labels": text.categories(rng, n), "datasets": [
        _bar_dataset(rng, style, 0, _series_names(rng, 1)[0], _values(rng, n), colour_by_bar=colour_by_bar)]},
        "options": {"indexAxis": "y" if horizontal else "x", "scales": _scales(rng, horizontal=horizontal)}}
    return _draw(rng, style, config, legend=not colour_by_bar)


@renderer("bar", LIB)
@text.no_cjk()
def bar_chartjs(rng: np.random.Generator) -> Rendered:
    return _bars(rng, horizontal=False)


@renderer("horizontal_bar", LIB)
@text.no_cjk()
def horizontal_bar_chartjs(rng: np.random.Generator) -> Rendered:
    return _bars(rng, horizontal=True)


def _multi_bar(rng: np.random.Generator, *, stacked: bool) -> Rendered:
    style = _Style(rng)
    n, k = int(rng.integers(3, 10)), int(rng.integers(2, 5))
    names = _series_names(rng, k)
    horizontal = bool(rng.random() < 0.2)
    config = {"type": "bar", "data": {"labels": text.categories(rng, n), "datasets": [
        _bar_dataset(rng, style, i, names[i], _values(rng, n)) for i in range(k)]},
        "options": {"indexAxis": "y" if horizontal else "x", "scales": _scales(rng, stacked=stacked, horizontal=horizontal)}}
    return _draw(rng, style, config)


@renderer("stacked_bar", LIB)
@text.no_cjk()
def stacked_bar_chartjs(rng: np.random.Generator) -> Rendered:
    return _multi_bar(rng, stacked=True)


@renderer("grouped_bar", LIB)
@text.no_cjk()
def grouped_bar_chartjs(rng: np.random.Generator) -> Rendered:
    return _multi_bar(rng, stacked=False)


@renderer("histogram", LIB)
@text.no_cjk()
def histogram_chartjs(rng: np.random.Generator) -> Rendered:
    """The Chart.js histogram recipe: a bar chart of bin counts with no gaps between bars."""
    style = _Style(rng)
    sample = rng.normal(rng.uniform(0, 100), rng.uniform(5, 30), int(rng.integers(200, 3000)))
    counts, edges = np.histogram(sample, bins=int(rng.integers(8, 30)))
    labels = [f"{e:.0f}" for e in edges[:-1]]
    dataset = _bar_dataset(rng, style, 0, "Frequency", [int(c) for c in counts])
    dataset.update(barPercentage=1.0, categoryPercentage=1.0, borderRadius=0)
    config = {"type": "bar", "data": {"labels": labels, "datasets": [dataset]}, "options": {"scales": _scales(rng)}}
    return _draw(rng, style, config, legend=False)


@renderer("population_pyramid", LIB)
@text.no_cjk()
def population_pyramid_chartjs(rng: np.random.Generator) -> Rendered:
    style = _Style(rng)
    n = int(rng.integers(8, 20))
    ages = [f"{5 * i}-{5 * i + 4}" for i in range(n)][::-1]
    shape = np.linspace(1.0, 0.15, n)[::-1] * rng.uniform(0.8, 1.2, n)
    males = [round(-float(v), 1) for v in shape * rng.uniform(2, 8)]
    females = [round(float(v), 1) for v in shape * rng.uniform(2, 8) * rng.uniform(0.9, 1.1, n)]
    config = {"type": "bar", "data": {"labels": ages, "datasets": [
        _bar_dataset(rng, style, 0, "Male", males), _bar_dataset(rng, style, 1, "Female", females)]},
        "options": {"indexAxis": "y", "scales": _scales(rng, stacked=True, horizontal=True)}}
    for dataset in config["data"]["datasets"]:
        dataset.update(barPercentage=1.0, categoryPercentage=float(rng.uniform(0.8, 1.0)))
    return _draw(rng, style, config)


def _floating_bars(rng: np.random.Generator, style: _Style, labels: list[str], spans: list[list[float]],
                   colours: list[str], *, horizontal: bool) -> Rendered:
    """A bar chart of ``[start, end]`` bars, the Chart.js way to draw waterfalls and Gantt charts."""
    config = {"type": "bar", "data": {"labels": labels, "datasets": [
        {"label": "", "data": spans, "backgroundColor": colours, "borderColor": colours,
         "borderWidth": style.border_width, "borderSkipped": False,
         "barPercentage": float(rng.uniform(0.5, 0.95))}]},
        "options": {"indexAxis": "y" if horizontal else "x", "scales": _scales(rng, horizontal=horizontal, begin_at_zero=False)}}
    return _draw(rng, style, config, legend=False)


@renderer("waterfall", LIB)
@text.no_cjk()
def waterfall_chartjs(rng: np.random.Generator) -> Rendered:
    style = _Style(rng)
    cats, start, end, kind = data.waterfall_steps(rng)
    colour = {"start": style.fill(2), "total": style.fill(2), "up": style.fill(1), "down": style.fill(0)}
    spans = [[round(float(a), 1), round(float(b), 1)] for a, b in zip(start, end)]
    return _floating_bars(rng, style, cats, spans, [colour[k] for k in kind], horizontal=False)


@renderer("gantt", LIB)
@text.no_cjk()
def gantt_chartjs(rng: np.random.Generator) -> Rendered:
    style = _Style(rng)
    n = int(rng.integers(4, 14))
    starts = np.cumsum(rng.integers(0, 6, n)).astype(float)
    ends = starts + rng.integers(2, 12, n)
    tasks = [f"{text.words(rng, 1)[0].capitalize()} {i + 1}" if rng.random() < 0.7 else f"Task {i + 1}" for i in range(n)]
    phases = rng.integers(0, 3, n) if rng.random() < 0.6 else np.zeros(n, int)
    spans = [[float(a), float(b)] for a, b in zip(starts, ends)]
    return _floating_bars(rng, style, tasks, spans, [style.fill(int(p)) for p in phases], horizontal=True)


@renderer("lollipop", LIB)
@text.no_cjk()
def lollipop_chartjs(rng: np.random.Generator) -> Rendered:
    """Thin bars with a round point on top: a bar and a line dataset without a line, the usual Chart.js recipe."""
    style = _Style(rng)
    n = int(rng.integers(5, 20))
    values = _values(rng, n)
    horizontal = bool(rng.random() < 0.4)
    stick = {"type": "bar", "label": "", "data": values, "backgroundColor": style.line(0),
             "barThickness": int(rng.integers(1, 4))}
    head = {"type": "line", "label": _series_names(rng, 1)[0], "data": values, "showLine": False,
            "pointRadius": int(rng.integers(4, 9)), "pointBackgroundColor": style.line(int(rng.integers(0, 2))),
            "pointBorderColor": style.line(0)}
    config = {"type": "bar", "data": {"labels": text.categories(rng, n), "datasets": [head, stick]},
              "options": {"indexAxis": "y" if horizontal else "x", "scales": _scales(rng, horizontal=horizontal)}}
    return _draw(rng, style, config, legend=False)


# ------------------------------------------------------------------------------------------------ lines


def _lines(rng: np.random.Generator, *, filled: bool) -> Rendered:
    style = _Style(rng)
    n = int(rng.integers(6, 40))
    k = int(rng.integers(1, 4)) if filled else int(rng.integers(1, 6))
    names = _series_names(rng, k)
    stacked = filled and k > 1 and rng.random() < 0.5
    tension = float(rng.choice([0, 0, 0.3, 0.4]))
    points = int(rng.choice([0, 2, 3])) if n > 20 else int(rng.choice([0, 3, 4]))
    datasets = []
    for i in range(k):
        fill: str | bool = ("origin" if i == 0 or not stacked else "-1") if filled else False
        datasets.append({"label": names[i], "data": _values(rng, n, trend=True), "borderColor": style.line(i),
                         "backgroundColor": style.fill(i, min(style.alpha, 0.5) if filled and not stacked else None),
                         "fill": fill, "tension": tension, "pointRadius": points, "borderWidth": int(rng.choice([1, 2, 3])),
                         "borderDash": [5, 5] if not filled and i > 0 and rng.random() < 0.2 else []})
    config = {"type": "line", "data": {"labels": text.categories(rng, n) if n < 13 and rng.random() < 0.5
                                       else [str(2000 + i) if n < 25 else str(i + 1) for i in range(n)],
                                       "datasets": datasets},
              "options": {"scales": _scales(rng, stacked=stacked, begin_at_zero=filled)}}
    return _draw(rng, style, config, legend=k > 1 or rng.random() < 0.5)


@renderer("line", LIB)
@text.no_cjk()
def line_chartjs(rng: np.random.Generator) -> Rendered:
    return _lines(rng, filled=False)


@renderer("area", LIB)
@text.no_cjk()
def area_chartjs(rng: np.random.Generator) -> Rendered:
    return _lines(rng, filled=True)


def _points(rng: np.random.Generator, *, bubble: bool) -> Rendered:
    style = _Style(rng)
    k = int(rng.integers(1, 4))
    names = _series_names(rng, k)
    datasets = []
    for i in range(k):
        n = int(rng.integers(8, 25)) if bubble else int(rng.integers(15, 200))
        x = rng.normal(rng.uniform(0, 50), rng.uniform(5, 20), n)
        y = x * rng.uniform(-1, 1) + rng.normal(0, rng.uniform(3, 20), n)
        points = [{"x": round(float(a), 2), "y": round(float(b), 2)} for a, b in zip(x, y)]
        if bubble:
            for point, r in zip(points, rng.uniform(3, 25, n)):
                point["r"] = round(float(r), 1)
        datasets.append({"label": names[i], "data": points, "backgroundColor": style.fill(i),
                         "borderColor": style.line(i), "borderWidth": style.border_width,
                         "pointRadius": int(rng.integers(2, 6)),
                         "pointStyle": str(rng.choice(["circle", "circle", "circle", "rect", "triangle", "crossRot"]))})
    scales = {"x": {"type": "linear", "position": "bottom"}, "y": {"type": "linear"}}
    return _draw(rng, style, {"type": "bubble" if bubble else "scatter", "data": {"datasets": datasets},
                                 "options": {"scales": scales}}, legend=k > 1 or rng.random() < 0.5)


@renderer("scatter", LIB)
@text.no_cjk()
def scatter_chartjs(rng: np.random.Generator) -> Rendered:
    return _points(rng, bubble=False)


@renderer("bubble", LIB)
@text.no_cjk()
def bubble_chartjs(rng: np.random.Generator) -> Rendered:
    return _points(rng, bubble=True)


# ------------------------------------------------------------------------------------------------ circular


def _circular(rng: np.random.Generator, kind: str, *, cutout: str | None = None) -> Rendered:
    style = _Style(rng)
    n = int(rng.integers(3, 8))
    # A polar area's wedges differ in length, not angle: values as uneven as those of a pie's wedges.
    values = [round(float(v), 1) for v in rng.uniform(5, 100, n)] if kind == "polarArea" else _values(rng, n)
    dataset = {"label": _series_names(rng, 1)[0], "data": values, "backgroundColor": style.fills(n),
               "borderColor": "#fff" if not style.dark and rng.random() < 0.6 else [style.line(i) for i in range(n)],
               "borderWidth": int(rng.choice([0, 1, 2, 2]))}
    options: dict = {}
    if cutout is not None:
        options["cutout"] = cutout
    return _draw(rng, style, {"type": kind, "data": {"labels": text.categories(rng, n), "datasets": [dataset]},
                                 "options": options}, square=True)


@renderer("pie", LIB)
@text.no_cjk()
def pie_chartjs(rng: np.random.Generator) -> Rendered:
    return _circular(rng, "pie")


@renderer("donut", LIB)
@text.no_cjk()
def donut_chartjs(rng: np.random.Generator) -> Rendered:
    return _circular(rng, "doughnut", cutout=f"{int(rng.integers(35, 75))}%")


@renderer("polar_area", LIB)
@text.no_cjk()
def polar_area_chartjs(rng: np.random.Generator) -> Rendered:
    return _circular(rng, "polarArea")


@renderer("gauge", LIB)
@text.no_cjk()
def gauge_chartjs(rng: np.random.Generator) -> Rendered:
    """The Chart.js gauge recipe: a half doughnut of the value and the rest, or of coloured bands."""
    style = _Style(rng)
    value = float(rng.uniform(5, 95))
    if rng.random() < 0.5:
        values, colours = [round(value, 1), round(100 - value, 1)], [style.line(0), "#e5e7eb" if not style.dark else "#374151"]
    else:
        values, colours = [30, 40, 30], ["rgb(220, 53, 69)", "rgb(255, 193, 7)", "rgb(40, 167, 69)"]
    dataset = {"data": values, "backgroundColor": colours, "borderWidth": 0}
    config = {"type": "doughnut", "data": {"labels": ["Value", "Rest"] if len(values) == 2 else ["Low", "Medium", "High"],
                                           "datasets": [dataset]},
              "options": {"rotation": -90, "circumference": 180, "cutout": f"{int(rng.integers(55, 85))}%"}}
    return _draw(rng, style, config, legend=False)


@renderer("radar", LIB)
@text.no_cjk()
def radar_chartjs(rng: np.random.Generator) -> Rendered:
    style = _Style(rng)
    n, k = int(rng.integers(5, 10)), int(rng.integers(1, 4))
    names = _series_names(rng, k)
    datasets = [{"label": names[i], "data": _values(rng, n), "backgroundColor": style.fill(i, min(style.alpha, 0.4)),
                 "borderColor": style.line(i), "pointBackgroundColor": style.line(i), "borderWidth": int(rng.choice([1, 2, 3])),
                 "fill": bool(rng.random() < 0.85)} for i in range(k)]
    config = {"type": "radar", "data": {"labels": text.categories(rng, n), "datasets": datasets},
              "options": {"scales": {"r": {"beginAtZero": bool(rng.random() < 0.6)}}}}
    return _draw(rng, style, config, square=True)
