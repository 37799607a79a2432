"""Charts drawn with pygal (SVG) and rasterised with CairoSVG."""

from __future__ import annotations

import numpy as np
import pygal
from PIL import Image
from pygal import style as pstyle

from training.corpus import text
from training.corpus.raster import flatten_png
from training.corpus.registry import Rendered, renderer

LIB = "pygal"

_STYLES = ["DefaultStyle", "DefaultStyle", "DarkStyle", "NeonStyle", "DarkSolarizedStyle", "LightSolarizedStyle", "LightStyle", "CleanStyle", "RedBlueStyle",
           "DarkColorizedStyle", "LightColorizedStyle", "TurquoiseStyle", "LightGreenStyle", "DarkGreenStyle", "DarkGreenBlueStyle", "BlueStyle", "custom", "custom"]
_FONTS = ["DejaVu Sans", "Liberation Sans", "Liberation Serif", "Noto Sans", "DejaVu Sans Mono", "monospace", "sans-serif", "serif"]


def _style(rng: np.random.Generator) -> tuple[pstyle.Style, str]:
    name = str(rng.choice(_STYLES))
    fs = float(rng.uniform(0.8, 1.6))
    font = str(rng.choice(_FONTS))
    sizes = dict(title_font_size=int(16 * fs), label_font_size=int(11 * fs), major_label_font_size=int(11 * fs), legend_font_size=int(12 * fs),
                 value_font_size=int(11 * fs), font_family=font, tooltip_font_size=10)
    if name == "custom":
        hue = rng.random()
        import colorsys

        cols = tuple("#%02x%02x%02x" % tuple(int(c * 255) for c in colorsys.hsv_to_rgb((hue + i * rng.uniform(0.08, 0.3)) % 1, rng.uniform(0.4, 0.9), rng.uniform(0.5, 0.95))) for i in range(12))
        dark = rng.random() < 0.3
        st = pstyle.Style(background="#222222" if dark else str(rng.choice(["white", "#fafafa", "#f0f0f0"])), plot_background="#2b2b2b" if dark else str(rng.choice(["white", "#f5f5f5", "#ffffff"])),
                          foreground="#dddddd" if dark else "#333333", foreground_strong="#ffffff" if dark else "#000000", foreground_subtle="#555555" if dark else "#cccccc",
                          colors=cols, opacity=str(rng.uniform(0.6, 0.95)), opacity_hover=".9", **sizes)
    else:
        base = getattr(pstyle, name)
        st = base(**sizes)
    return st, name


def _size(rng: np.random.Generator, square: bool = False) -> tuple[int, int]:
    return text.pixel_size(rng, square, square_aspect=(0.75, 1.05), pixels_per_inch=(90, 130), max_side=1000,
                           min_size=(300, 240))


def _cfg(rng: np.random.Generator, square: bool = False, legend: bool = True) -> tuple[dict, str]:
    st, name = _style(rng)
    w, h = _size(rng, square)
    ttl = text.title(rng)
    kw = dict(style=st, width=w, height=h, title=ttl or None, show_legend=legend and rng.random() < 0.85, legend_at_bottom=bool(rng.random() < 0.4),
              margin=int(rng.integers(5, 25)), show_x_guides=bool(rng.random() < 0.3), show_y_guides=bool(rng.random() < 0.85), x_label_rotation=int(rng.choice([0, 0, 20, 45, 90])),
              print_values=bool(rng.random() < 0.15), rounded_bars=int(rng.choice([0, 0, 0, 3, 6])), truncate_legend=-1)
    if rng.random() < 0.3:
        kw["x_title"] = " ".join(text.words(rng, 2)).capitalize()
    if rng.random() < 0.3:
        kw["y_title"] = " ".join(text.words(rng, 2)).capitalize()
    return kw, name


def _png(chart) -> Image.Image:
    return flatten_png(chart.render_to_png())


def _vals(rng: np.random.Generator, n: int) -> list[float]:
    k = rng.integers(3)
    if k == 0:
        v = np.abs(rng.normal(50, 25, n)) + 1
    elif k == 1:
        v = np.abs(np.cumsum(rng.normal(0, 5, n)) + rng.uniform(20, 80))
    else:
        v = rng.exponential(30, n) + 1
    return [round(float(x), 1) for x in v]


def _make(rng: np.random.Generator, cls, tags: str, square: bool = False, legend: bool = True, **extra) -> tuple:
    kw, name = _cfg(rng, square, legend)
    kw.update(extra)
    return cls(**kw), f"{name},{tags}"


def _done(chart, style: str) -> Rendered:
    return Rendered(_png(chart), style)


# ------------------------------------------------------------------------------- bars


@renderer("bar", LIB)
def bar_pygal(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 15))
    ch, st = _make(rng, pygal.Bar, "bar", legend=False)
    ch.x_labels = text.categories(rng, n)
    ch.add(text.words(rng, 1)[0], _vals(rng, n))
    return _done(ch, st)


@renderer("horizontal_bar", LIB)
def horizontal_bar_pygal(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 15))
    ch, st = _make(rng, pygal.HorizontalBar, "hbar", legend=False, x_label_rotation=0)
    ch.x_labels = text.categories(rng, n)
    ch.add(text.words(rng, 1)[0], _vals(rng, n))
    return _done(ch, st)


@renderer("stacked_bar", LIB)
def stacked_bar_pygal(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(3, 10)), int(rng.integers(2, 6))
    horiz = rng.random() < 0.35
    ch, st = _make(rng, pygal.HorizontalStackedBar if horiz else pygal.StackedBar, "stacked" + (",h" if horiz else ""))
    ch.x_labels = text.categories(rng, n)
    for name in text.categories(rng, k):
        ch.add(name, _vals(rng, n))
    return _done(ch, st)


@renderer("grouped_bar", LIB)
def grouped_bar_pygal(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(3, 9)), int(rng.integers(2, 5))
    horiz = rng.random() < 0.3
    ch, st = _make(rng, pygal.HorizontalBar if horiz else pygal.Bar, "grouped" + (",h" if horiz else ""))
    ch.x_labels = text.categories(rng, n)
    for name in text.categories(rng, k):
        ch.add(name, _vals(rng, n))
    return _done(ch, st)


@renderer("histogram", LIB)
def histogram_pygal(rng: np.random.Generator) -> Rendered:
    x = rng.normal(rng.uniform(0, 50), rng.uniform(3, 15), int(rng.integers(200, 3000))) if rng.random() < 0.6 else rng.gamma(2, rng.uniform(2, 10), int(rng.integers(200, 3000)))
    counts, edges = np.histogram(x, bins=int(rng.integers(8, 40)))
    ch, st = _make(rng, pygal.Histogram, "hist", legend=False)
    ch.add(text.words(rng, 1)[0], [(int(c), round(float(a), 2), round(float(b), 2)) for c, a, b in zip(counts, edges[:-1], edges[1:])])
    return _done(ch, st)


@renderer("population_pyramid", LIB)
def population_pyramid_pygal(rng: np.random.Generator) -> Rendered:
    step = int(rng.choice([5, 10]))
    ages = [f"{a}-{a + step - 1}" for a in range(0, 90, step)]
    n = len(ages)
    base = np.exp(-np.linspace(0, rng.uniform(1.5, 4), n)) * 1000 + rng.uniform(0, 300, n) * np.linspace(1, 0, n)
    ch, st = _make(rng, pygal.Pyramid, "pyramid", human_readable=True)
    ch.x_labels = ages
    for name in (["Male", "Female"] if rng.random() < 0.7 else text.categories(rng, 2)):
        ch.add(name, [round(float(v), 0) for v in base * rng.uniform(0.85, 1.15, n)])
    return _done(ch, st)


# ------------------------------------------------------------------------------- lines / areas / points


@renderer("line", LIB)
def line_pygal(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(6, 60)), int(rng.integers(1, 5))
    ch, st = _make(rng, pygal.Line, "line", show_dots=bool(n < 30 and rng.random() < 0.7), interpolate="cubic" if rng.random() < 0.3 else None,
                   stroke_style={"width": float(rng.uniform(1, 4))}, show_minor_x_labels=False, x_labels_major_every=max(1, n // 8))
    ch.x_labels = [str(i) for i in range(n)] if rng.random() < 0.5 else [f"{m}" for m in np.tile(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], n // 12 + 1)[:n]]
    for name in text.categories(rng, k):
        ch.add(name, [round(float(v), 2) for v in np.cumsum(rng.normal(0, 1, n)) + rng.uniform(0, 30)])
    return _done(ch, st)


@renderer("area", LIB)
def area_pygal(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(6, 50)), int(rng.integers(1, 5))
    stacked = k > 1 and rng.random() < 0.6
    ch, st = _make(rng, pygal.StackedLine if stacked else pygal.Line, "area" + (",stacked" if stacked else ""), fill=True, show_dots=bool(rng.random() < 0.3),
                   interpolate="cubic" if rng.random() < 0.3 else None, show_minor_x_labels=False, x_labels_major_every=max(1, n // 8))
    ch.x_labels = [str(i) for i in range(n)]
    for name in text.categories(rng, k):
        ch.add(name, [round(float(abs(v)), 2) for v in np.cumsum(rng.normal(0, 1, n)) + rng.uniform(5, 30)])
    return _done(ch, st)


@renderer("scatter", LIB)
def scatter_pygal(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(1, 4))
    ch, st = _make(rng, pygal.XY, "scatter", stroke=False, dots_size=float(rng.uniform(2, 5)))
    for name in text.categories(rng, k):
        n = int(rng.integers(20, 200))
        x = rng.normal(rng.uniform(0, 10), rng.uniform(0.5, 3), n)
        y = x * rng.normal(0, 1) + rng.normal(0, rng.uniform(0.5, 4), n)
        ch.add(name, [(round(float(a), 3), round(float(b), 3)) for a, b in zip(x, y)])
    return _done(ch, st)


@renderer("bubble", LIB)
def bubble_pygal(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(1, 4))
    ch, st = _make(rng, pygal.XY, "bubble", stroke=False)
    for name in text.categories(rng, k):
        n = int(rng.integers(5, 25))
        x, y, r = rng.uniform(0, 100, n), rng.uniform(0, 100, n), rng.uniform(3, 30, n)
        ch.add(name, [{"value": (round(float(a), 2), round(float(b), 2)), "node": {"r": round(float(c), 1)}} for a, b, c in zip(x, y, r)])
    return _done(ch, st)


# ------------------------------------------------------------------------------- circular & misc


def _pie(rng: np.random.Generator, inner: float, tag: str) -> Rendered:
    n = int(rng.integers(2, 9))
    half = rng.random() < 0.08
    ch, st = _make(rng, pygal.Pie, tag, square=True, inner_radius=inner, half_pie=half, print_values=bool(rng.random() < 0.3))
    for name, v in zip(text.categories(rng, n), rng.dirichlet(np.ones(n) * rng.uniform(0.5, 3)) * 100):
        ch.add(name, round(float(v), 1))
    return _done(ch, st + (",half" if half else ""))


@renderer("pie", LIB)
def pie_pygal(rng: np.random.Generator) -> Rendered:
    return _pie(rng, 0.0, "pie")


@renderer("donut", LIB)
def donut_pygal(rng: np.random.Generator) -> Rendered:
    return _pie(rng, float(rng.uniform(0.35, 0.75)), "donut")


@renderer("box", LIB)
def box_pygal(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(2, 8))
    ch, st = _make(rng, pygal.Box, "box", box_mode=str(rng.choice(["1.5IQR", "1.5IQR", "tukey", "extremes", "stdev"])))
    for name in text.categories(rng, k):
        d = rng.normal(rng.uniform(0, 20), rng.uniform(1, 6), int(rng.integers(20, 120)))
        d = np.r_[d, rng.normal(d.mean(), d.std() * 4, int(rng.integers(0, 4)))]
        ch.add(name, [round(float(v), 2) for v in d])
    return _done(ch, st)


@renderer("radar", LIB)
def radar_pygal(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(4, 10)), int(rng.integers(1, 4))
    ch, st = _make(rng, pygal.Radar, "radar", square=True, fill=bool(rng.random() < 0.6), dots_size=float(rng.uniform(0, 4)))
    ch.x_labels = text.categories(rng, n)
    for name in text.categories(rng, k):
        ch.add(name, [round(float(v), 1) for v in rng.uniform(1, 10, n)])
    return _done(ch, st)


@renderer("funnel", LIB)
def funnel_pygal(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 8))
    ch, st = _make(rng, pygal.Funnel, "funnel", show_y_guides=False)
    vals = np.sort(rng.uniform(0.3, 1, n))[::-1].cumprod() * rng.uniform(1e3, 1e5)
    stages = [str(s) for s in rng.choice(["Visits", "Sign-ups", "Leads", "Trials", "Qualified", "Proposals", "Orders", "Paid", "Renewed", "Downloads", "Installs", "Active"], n, replace=False)]
    for s, v in zip(stages, vals):  # one series per stage: pygal draws them as narrowing bands
        ch.add(s, round(float(v)))
    return _done(ch, st)


@renderer("gauge", LIB)
def gauge_pygal(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(1, 4)) if rng.random() < 0.6 else 1
    ch, st = _make(rng, pygal.SolidGauge, "solidgauge", square=True, inner_radius=float(rng.uniform(0.5, 0.8)), half_pie=bool(rng.random() < 0.75))
    for name in text.categories(rng, k):
        mx = float(rng.choice([100, 100, 1000, 5]))
        ch.add(name, [{"value": round(float(rng.uniform(0.05, 1) * mx), 1), "max_value": mx}])
    return _done(ch, st)


@renderer("treemap", LIB)
def treemap_pygal(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(2, 8))
    ch, st = _make(rng, pygal.Treemap, "treemap", print_labels=bool(rng.random() < 0.4), print_values=bool(rng.random() < 0.3))
    for name in text.categories(rng, k):
        ch.add(name, [round(float(v), 1) for v in rng.exponential(20, int(rng.integers(1, 8))) + 1])
    return _done(ch, st)


@renderer("lollipop", LIB)
def lollipop_pygal(rng: np.random.Generator) -> Rendered:
    """Stems as thin XY segments ending in a dot (pygal has no lollipop chart of its own)."""
    n = int(rng.integers(4, 16))
    vals = _vals(rng, n)
    horiz = rng.random() < 0.4
    cats = text.categories(rng, n)
    ch, st = _make(rng, pygal.XY, "lollipop" + (",h" if horiz else ""), legend=False, dots_size=float(rng.uniform(4, 8)), show_x_guides=False,
                   stroke_style={"width": float(rng.uniform(1.5, 3))})
    if horiz:
        ch.y_labels = [{"label": c, "value": i} for i, c in enumerate(cats)]
    else:
        ch.x_labels = [{"label": c, "value": i} for i, c in enumerate(cats)]
    single = rng.random() < 0.7
    for i, v in enumerate(vals):
        pts = [(0, i), (v, i)] if horiz else [(i, 0), (i, v)]
        ch.add("s" if single else cats[i], [{"value": pts[0], "node": {"r": 0.01}}, {"value": pts[1]}], show_dots=True)
    if single:
        ch.config.style.colors = tuple([ch.config.style.colors[0]] * n)
    return _done(ch, st)
