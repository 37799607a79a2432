"""Charts drawn with Bokeh and screenshotted in a headless Chromium.

Bokeh draws the interactive charts of many notebooks, dashboards and its own large gallery, with a
look of its own: a toolbar of tool icons beside the plot (with the Bokeh logo), bold titles at the
top left, light grey grids, Category10/20 colours and its themes (caliber, dark_minimal,
light_minimal, night_sky, contrast). Needs Chromium (``apt-get install chromium``); without it this
module fails to import and the corpus skips it. Words are drawn without CJK (``text.no_cjk()``): the
browser has no font for them here.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from bokeh.embed import file_html
from bokeh.models import ColorBar, FactorRange, LinearColorMapper
from bokeh.palettes import Blues256, Category10, Category20, Colorblind, Dark2, Inferno256, Set2, Spectral, Viridis256
from bokeh.plotting import figure, from_networkx
from bokeh.resources import INLINE
from bokeh.themes import built_in_themes

from training.corpus import data, text
from training.corpus.browser import find_browser, screenshot
from training.corpus.registry import Rendered, renderer

LIB = "bokeh"

if find_browser() is None:
    raise ImportError("bokeh renderers need Chrome/Chromium (apt-get install chromium, or set BROWSER_PATH)")

_PALETTES = [Category10[10], Category10[10], Category20[20], Colorblind[8], Dark2[8], Set2[8]]
_THEMES = [None, None, None, "caliber", "light_minimal", "dark_minimal", "night_sky", "contrast"]
_DARK_THEMES = {"dark_minimal", "night_sky", "contrast"}
_SEQUENTIAL = [Viridis256, Inferno256, tuple(reversed(Blues256)), Spectral[11]]


class _Figure:
    """One Bokeh chart being built: its figure, colours and theme, drawn by :meth:`render`."""

    def __init__(self, rng: np.random.Generator, *, square: bool = False, axes: bool = True, **figure_options) -> None:
        self.rng = rng
        self.width, self.height = text.pixel_size(rng, square, square_aspect=(0.8, 1.05), pixels_per_inch=(80, 120),
                                                  max_side=900, min_size=(320, 260), p_square=0.7)
        self.theme = _THEMES[int(rng.integers(len(_THEMES)))]
        palette = list(_PALETTES[int(rng.integers(len(_PALETTES)))])
        self.colours = [palette[i] for i in rng.permutation(len(palette))] if rng.random() < 0.3 else palette
        toolbar = rng.choice(["right", "right", "right", "above", "below", "none"])
        self.figure = figure(width=self.width, height=self.height, title=text.title(rng, p_none=0.35) or None,
                             toolbar_location=None if toolbar == "none" else str(toolbar), **figure_options)
        if rng.random() < 0.3:
            self.figure.toolbar.logo = None
        if not axes:
            self.figure.axis.visible = False
            self.figure.grid.visible = False
        elif rng.random() < 0.25:
            self.figure.xgrid.visible = False
        if rng.random() < 0.3:
            self.figure.yaxis.axis_label = " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize()

    def colour(self, i: int) -> str:
        return self.colours[i % len(self.colours)]

    def legend(self, location: str | None = None) -> None:
        """Place the legend, if the chart has one: inside a corner, or outside on the right."""
        if not self.figure.legend:
            return
        legend = self.figure.legend[0]
        legend.location = location or str(self.rng.choice(["top_left", "top_right", "bottom_right", "top_center"]))
        if self.rng.random() < 0.25:
            self.figure.add_layout(legend, "right")
        legend.visible = bool(self.rng.random() < 0.9)

    def render(self) -> Rendered:
        """Screenshot the chart in Chromium."""
        theme = built_in_themes[self.theme] if self.theme else None
        html = file_html(self.figure, INLINE, "chart", theme=theme)
        html = html.replace("<body>", '<body style="margin: 0">', 1)
        dark = self.theme in _DARK_THEMES
        return Rendered(screenshot(html, self.width, self.height), f"{self.theme or 'default'},{'dark' if dark else 'light'},{self.width}x{self.height}")


def _values(rng: np.random.Generator, n: int, trend: bool = False) -> list[float]:
    return [round(float(v), 1) for v in data.web_values(rng, n, trend)]


# ------------------------------------------------------------------------------------------------ bars


def _bars(rng: np.random.Generator, *, horizontal: bool) -> Rendered:
    n = int(rng.integers(3, 14))
    cats = text.categories(rng, n)
    chart = _Figure(rng, **({"y_range": cats[::-1]} if horizontal else {"x_range": cats}))
    colours = [chart.colour(i) for i in range(n)] if rng.random() < 0.35 else chart.colour(0)
    thickness = float(rng.uniform(0.5, 0.9))
    if horizontal:
        chart.figure.hbar(y=cats, right=_values(rng, n), height=thickness, color=colours)
        chart.figure.x_range.start = 0
    else:
        chart.figure.vbar(x=cats, top=_values(rng, n), width=thickness, color=colours)
        chart.figure.y_range.start = 0
        if n > 8:
            chart.figure.xaxis.major_label_orientation = float(rng.choice([0.8, 1.2]))
    return chart.render()


@renderer("bar", LIB)
@text.no_cjk()
def bar_bokeh(rng: np.random.Generator) -> Rendered:
    return _bars(rng, horizontal=False)


@renderer("horizontal_bar", LIB)
@text.no_cjk()
def horizontal_bar_bokeh(rng: np.random.Generator) -> Rendered:
    return _bars(rng, horizontal=True)


@renderer("grouped_bar", LIB)
@text.no_cjk()
def grouped_bar_bokeh(rng: np.random.Generator) -> Rendered:
    """Bars side by side within each category, on Bokeh's nested categorical axis."""
    n, k = int(rng.integers(3, 8)), int(rng.integers(2, 4))
    cats, series = text.categories(rng, n), [w.capitalize() for w in text.words(rng, k)]
    series = series if len(set(series)) == k else [f"Series {i + 1}" for i in range(k)]
    factors = [(c, s) for c in cats for s in series]
    chart = _Figure(rng, x_range=FactorRange(*factors))
    chart.figure.vbar(x=factors, top=_values(rng, n * k), width=0.9,
                      color=[chart.colour(i % k) for i in range(n * k)], line_color="white")
    chart.figure.y_range.start = 0
    chart.figure.xaxis.major_label_orientation = 1.0 if rng.random() < 0.5 else 0.0
    return chart.render()


@renderer("stacked_bar", LIB)
@text.no_cjk()
def stacked_bar_bokeh(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(3, 10)), int(rng.integers(2, 5))
    cats = text.categories(rng, n)
    names = [f"s{i}" for i in range(k)]
    labels = [w.capitalize() for w in text.words(rng, k)]
    horizontal = bool(rng.random() < 0.3)
    chart = _Figure(rng, **({"y_range": cats} if horizontal else {"x_range": cats}))
    source = {"cats": cats, **{name: _values(rng, n) for name in names}}
    colours = [chart.colour(i) for i in range(k)]
    if horizontal:
        chart.figure.hbar_stack(names, y="cats", height=0.8, color=colours, source=source, legend_label=labels)
        chart.figure.x_range.start = 0
    else:
        chart.figure.vbar_stack(names, x="cats", width=0.8, color=colours, source=source, legend_label=labels)
        chart.figure.y_range.start = 0
    chart.legend()
    return chart.render()


@renderer("histogram", LIB)
@text.no_cjk()
def histogram_bokeh(rng: np.random.Generator) -> Rendered:
    chart = _Figure(rng)
    for i in range(int(rng.choice([1, 1, 1, 2]))):
        sample = rng.normal(rng.uniform(0, 10), rng.uniform(1, 3), int(rng.integers(200, 3000)))
        counts, edges = np.histogram(sample, bins=int(rng.integers(12, 50)))
        chart.figure.quad(top=counts, bottom=0, left=edges[:-1], right=edges[1:], fill_color=chart.colour(i),
                          line_color=str(rng.choice(["white", "white", chart.colour(i)])), fill_alpha=0.5 if i else 0.8)
    chart.figure.y_range.start = 0
    return chart.render()


@renderer("population_pyramid", LIB)
@text.no_cjk()
def population_pyramid_bokeh(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(8, 20))
    ages = [f"{5 * i}-{5 * i + 4}" for i in range(n)]
    shape = np.linspace(1.0, 0.15, n) * rng.uniform(0.8, 1.2, n)
    chart = _Figure(rng, y_range=ages)
    chart.figure.hbar(y=ages, right=(-shape * rng.uniform(2, 8)).round(2), height=0.9, color=chart.colour(0), legend_label="Male")
    chart.figure.hbar(y=ages, right=(shape * rng.uniform(2, 8)).round(2), height=0.9, color=chart.colour(1), legend_label="Female")
    chart.legend()
    return chart.render()


@renderer("gantt", LIB)
@text.no_cjk()
def gantt_bokeh(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 14))
    tasks = [f"{text.words(rng, 1)[0].capitalize()} {i + 1}" for i in range(n)]
    starts = np.cumsum(rng.integers(0, 6, n)).astype(float)
    chart = _Figure(rng, y_range=tasks[::-1])
    groups = rng.integers(0, 3, n) if rng.random() < 0.6 else np.zeros(n, int)
    chart.figure.hbar(y=tasks, left=starts, right=starts + rng.integers(2, 12, n), height=float(rng.uniform(0.4, 0.8)),
                      color=[chart.colour(int(g)) for g in groups])
    return chart.render()


@renderer("lollipop", LIB)
@text.no_cjk()
def lollipop_bokeh(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(5, 20))
    cats, values = text.categories(rng, n), _values(rng, n)
    chart = _Figure(rng, x_range=cats)
    chart.figure.segment(x0=cats, y0=0, x1=cats, y1=values, line_width=int(rng.integers(1, 4)), color=chart.colour(0))
    chart.figure.scatter(x=cats, y=values, size=int(rng.integers(8, 16)), fill_color=chart.colour(int(rng.integers(0, 2))),
                         line_color=chart.colour(0))
    chart.figure.y_range.start = 0
    chart.figure.xaxis.major_label_orientation = 0.9 if n > 8 else 0.0
    return chart.render()


# ------------------------------------------------------------------------------------------------ lines and points


def _series(rng: np.random.Generator, n: int, k: int) -> tuple[np.ndarray, list[np.ndarray]]:
    x = np.arange(n, dtype=float) if rng.random() < 0.5 else np.linspace(0, float(rng.uniform(1, 20)), n)
    return x, [np.asarray(_values(rng, n, trend=True)) for _ in range(k)]


@renderer("line", LIB)
@text.no_cjk()
def line_bokeh(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(10, 120)), int(rng.integers(1, 6))
    x, ys = _series(rng, n, k)
    chart = _Figure(rng)
    markers = rng.random() < 0.3 and n < 40
    for i, y in enumerate(ys):
        label = text.words(rng, 1)[0].capitalize()
        chart.figure.line(x, y, line_width=int(rng.integers(1, 4)), color=chart.colour(i), legend_label=label)
        if markers:
            chart.figure.scatter(x, y, size=6, color=chart.colour(i), legend_label=label)
    chart.legend()
    return chart.render()


@renderer("area", LIB)
@text.no_cjk()
def area_bokeh(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(10, 80)), int(rng.integers(1, 4))
    x, ys = _series(rng, n, k)
    chart = _Figure(rng)
    if k > 1 and rng.random() < 0.6:  # stacked, Bokeh's varea_stack
        source = {"x": x, **{f"y{i}": y for i, y in enumerate(ys)}}
        chart.figure.varea_stack([f"y{i}" for i in range(k)], x="x", color=[chart.colour(i) for i in range(k)], source=source,
                                 legend_label=[w.capitalize() for w in text.words(rng, k)], fill_alpha=float(rng.uniform(0.6, 1)))
    else:
        for i, y in enumerate(ys):
            chart.figure.varea(x=x, y1=0, y2=y, fill_color=chart.colour(i), fill_alpha=float(rng.uniform(0.3, 0.6)),
                               legend_label=text.words(rng, 1)[0].capitalize())
            if rng.random() < 0.6:
                chart.figure.line(x, y, color=chart.colour(i), line_width=2)
    chart.figure.y_range.start = 0
    chart.legend()
    return chart.render()


@renderer("stream", LIB)
@text.no_cjk()
def stream_bokeh(rng: np.random.Generator) -> Rendered:
    """Layers stacked around a wiggling centre line (varea between cumulative bounds), as in Bokeh's gallery."""
    n, k = int(rng.integers(30, 120)), int(rng.integers(4, 10))
    x = np.arange(n, dtype=float)
    layers = np.stack([np.convolve(np.abs(rng.normal(0, 1, n)) * rng.uniform(0.5, 3), np.ones(7) / 7, "same") for _ in range(k)])
    bounds = np.vstack([np.zeros(n), np.cumsum(layers, axis=0)]) - layers.sum(axis=0) / 2
    chart = _Figure(rng)
    for i in range(k):
        chart.figure.varea(x=x, y1=bounds[i], y2=bounds[i + 1], fill_color=chart.colour(i), fill_alpha=0.9)
    return chart.render()


def _points(rng: np.random.Generator, *, bubble: bool) -> Rendered:
    chart = _Figure(rng)
    for i in range(int(rng.integers(1, 4))):
        n = int(rng.integers(8, 40)) if bubble else int(rng.integers(20, 400))
        x = rng.normal(rng.uniform(0, 50), rng.uniform(5, 20), n)
        y = x * rng.uniform(-1, 1) + rng.normal(0, rng.uniform(3, 20), n)
        size = rng.uniform(8, 60, n) if bubble else float(rng.integers(4, 12))
        chart.figure.scatter(x, y, size=size, fill_color=chart.colour(i), line_color=chart.colour(i),
                             fill_alpha=float(rng.uniform(0.3, 0.6)) if bubble else float(rng.choice([0.5, 0.8, 1.0])),
                             marker="circle" if bubble else str(rng.choice(["circle", "circle", "square", "triangle", "diamond"])),
                             legend_label=text.words(rng, 1)[0].capitalize())
    chart.legend()
    return chart.render()


@renderer("scatter", LIB)
@text.no_cjk()
def scatter_bokeh(rng: np.random.Generator) -> Rendered:
    return _points(rng, bubble=False)


@renderer("bubble", LIB)
@text.no_cjk()
def bubble_bokeh(rng: np.random.Generator) -> Rendered:
    return _points(rng, bubble=True)


@renderer("hexbin", LIB)
@text.no_cjk()
def hexbin_bokeh(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(2000, 20000))
    x = rng.standard_normal(n)
    y = x * rng.uniform(-1, 1) + rng.standard_normal(n)
    chart = _Figure(rng, match_aspect=True)
    chart.figure.hexbin(x, y, size=float(rng.uniform(0.08, 0.25)), palette=_SEQUENTIAL[int(rng.integers(3))])
    chart.figure.grid.visible = False
    return chart.render()


# ------------------------------------------------------------------------------------------------ circular


def _wedges(rng: np.random.Generator, *, hole: bool) -> Rendered:
    n = int(rng.integers(3, 9))
    values = np.asarray(_values(rng, n))
    ends = np.cumsum(values / values.sum() * 2 * np.pi)
    starts = np.r_[0, ends[:-1]]
    chart = _Figure(rng, square=True, axes=False, x_range=(-1.1, 1.1), y_range=(-1.1, 1.1))
    labels = text.categories(rng, n)
    for i in range(n):
        style = dict(start_angle=starts[i], end_angle=ends[i], fill_color=chart.colour(i), line_color="white",
                     legend_label=labels[i])
        if hole:
            chart.figure.annular_wedge(x=0, y=0, inner_radius=float(rng.uniform(0.35, 0.6)), outer_radius=0.9, **style)
        else:
            chart.figure.wedge(x=0, y=0, radius=0.9, **style)
    chart.legend("top_right")
    return chart.render()


@renderer("pie", LIB)
@text.no_cjk()
def pie_bokeh(rng: np.random.Generator) -> Rendered:
    return _wedges(rng, hole=False)


@renderer("donut", LIB)
@text.no_cjk()
def donut_bokeh(rng: np.random.Generator) -> Rendered:
    return _wedges(rng, hole=True)


# ------------------------------------------------------------------------------------------------ grids and others


@renderer("heatmap", LIB)
@text.no_cjk()
def heatmap_bokeh(rng: np.random.Generator) -> Rendered:
    """Rectangles coloured through a colour mapper, with a colour bar, as in Bokeh's unemployment example."""
    rows, cols = text.categories(rng, int(rng.integers(4, 13))), text.categories(rng, int(rng.integers(4, 16)))
    grid = rng.normal(0, 1, (len(rows), len(cols))).cumsum(axis=1).round(2)
    palette = _SEQUENTIAL[int(rng.integers(len(_SEQUENTIAL)))]
    chart = _Figure(rng, x_range=cols, y_range=rows[::-1])
    mapper = LinearColorMapper(palette=palette, low=float(grid.min()), high=float(grid.max()))
    ys, xs = np.meshgrid(np.arange(len(rows)), np.arange(len(cols)), indexing="ij")
    source = {"x": [cols[i] for i in xs.ravel()], "y": [rows[i] for i in ys.ravel()], "value": grid.ravel()}
    chart.figure.rect(x="x", y="y", width=1, height=1, fill_color={"field": "value", "transform": mapper},
                      line_color=None, source=source)
    chart.figure.grid.visible = False
    if rng.random() < 0.8:
        chart.figure.add_layout(ColorBar(color_mapper=mapper), "right")
    chart.figure.xaxis.major_label_orientation = 0.9 if len(cols) > 8 else 0.0
    return chart.render()


@renderer("box", LIB)
@text.no_cjk()
def box_bokeh(rng: np.random.Generator) -> Rendered:
    """Quartile boxes from two vbars, whiskers as segments and outliers as points: Bokeh's box plot recipe."""
    n = int(rng.integers(2, 9))
    cats = text.categories(rng, n)
    samples = [rng.normal(rng.uniform(20, 80), rng.uniform(3, 15), int(rng.integers(30, 300))) for _ in range(n)]
    q1, q2, q3 = (np.array([np.percentile(s, q) for s in samples]) for q in (25, 50, 75))
    upper, lower = q3 + 1.5 * (q3 - q1), q1 - 1.5 * (q3 - q1)
    chart = _Figure(rng, x_range=cats)
    colour = [chart.colour(i) for i in range(n)] if rng.random() < 0.5 else chart.colour(0)
    chart.figure.segment(cats, upper, cats, q3, line_color="black")
    chart.figure.segment(cats, lower, cats, q1, line_color="black")
    chart.figure.vbar(cats, 0.6, q2, q3, fill_color=colour, line_color="black")
    chart.figure.vbar(cats, 0.6, q1, q2, fill_color=colour, line_color="black", fill_alpha=0.7)
    chart.figure.rect(cats, lower, 0.2, 0.01, line_color="black")
    chart.figure.rect(cats, upper, 0.2, 0.01, line_color="black")
    outliers = [(c, float(v)) for c, s, lo, hi in zip(cats, samples, lower, upper) for v in s if v < lo or v > hi]
    if outliers:
        chart.figure.scatter([c for c, _ in outliers], [v for _, v in outliers], size=6, color="#F38630", fill_alpha=0.6)
    return chart.render()


@renderer("candlestick", LIB)
@text.no_cjk()
def candlestick_bokeh(rng: np.random.Generator) -> Rendered:
    """Bokeh's candlestick example: high–low segments under open–close bars, green up and red down."""
    n = int(rng.integers(20, 90))
    open_, high, low, close = data.price_series(rng, n)
    x = np.arange(n)
    up = close >= open_
    chart = _Figure(rng)
    chart.figure.segment(x, high, x, low, color="black" if chart.theme not in _DARK_THEMES else "white")
    width = float(rng.uniform(0.5, 0.8))
    chart.figure.vbar(x[up], width, open_[up], close[up], fill_color=str(rng.choice(["#D5E1DD", "#26a69a", "green"])), line_color="black")
    chart.figure.vbar(x[~up], width, open_[~up], close[~up], fill_color=str(rng.choice(["#F2583E", "#ef5350", "red"])), line_color="black")
    return chart.render()


@renderer("network", LIB)
@text.no_cjk()
def network_bokeh(rng: np.random.Generator) -> Rendered:
    """A networkx graph through Bokeh's graph renderer (circles joined by straight edges)."""
    n = int(rng.integers(10, 60))
    graph = nx.connected_watts_strogatz_graph(n, int(rng.integers(2, 5)), float(rng.uniform(0.1, 0.5)),
                                             seed=int(rng.integers(2**31)))
    chart = _Figure(rng, axes=bool(rng.random() < 0.3), x_range=(-1.2, 1.2), y_range=(-1.2, 1.2))
    layout = nx.spring_layout(graph, seed=int(rng.integers(2**31))) if rng.random() < 0.7 else nx.circular_layout(graph)
    drawn = from_networkx(graph, layout, scale=1, center=(0, 0))
    drawn.node_renderer.glyph.update(size=int(rng.integers(6, 16)), fill_color=chart.colour(0))
    drawn.edge_renderer.glyph.update(line_alpha=float(rng.uniform(0.5, 0.9)), line_width=float(rng.uniform(1, 2.5)),
                                     line_color="#aaaaaa" if chart.theme in _DARK_THEMES else "#555555")
    chart.figure.renderers.append(drawn)
    return chart.render()
