"""Charts drawn with Vega-Lite through altair, rendered offline to PNG by vl-convert."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from training.corpus import data, synthgeo, text
from training.corpus.raster import flatten_png
from training.corpus.registry import Rendered, renderer

LIB = "altair"

_THEMES = [None, None, None, "dark", "excel", "fivethirtyeight", "ggplot2", "googlecharts", "latimes", "powerbi", "quartz", "urbaninstitute", "vox",
           "carbonwhite", "carbong10", "carbong90", "carbong100"]
_SCHEMES_CAT = ["category10", "category20", "tableau10", "tableau20", "set1", "set2", "set3", "dark2", "paired", "pastel1", "pastel2", "accent", "observable10"]
_SCHEMES_SEQ = ["viridis", "magma", "inferno", "plasma", "blues", "greens", "oranges", "reds", "purples", "greys", "turbo", "yellowgreenblue", "yelloworangered",
                "bluepurple", "goldgreen", "redyellowblue", "redblue", "spectral", "blueorange", "teals", "warmgreys", "lightgreyred", "darkblue", "cividis"]
_FONTS = [None, "Liberation Sans", "Liberation Serif", "DejaVu Sans", "Noto Sans", "DejaVu Sans Mono", "Noto Serif"]


def _size(rng: np.random.Generator, square: bool = False) -> tuple[int, int]:
    return text.pixel_size(rng, square, square_aspect=(0.8, 1.1), pixels_per_inch=(60, 105), max_side=850,
                           min_size=(160, 140))


def _cat(rng: np.random.Generator) -> alt.Scale:
    return alt.Scale(scheme=str(rng.choice(_SCHEMES_CAT)))


def _seq(rng: np.random.Generator) -> alt.Scale:
    return alt.Scale(scheme=str(rng.choice(_SCHEMES_SEQ)), reverse=bool(rng.random() < 0.3))


def _color(rng: np.random.Generator) -> str:
    return str(rng.choice(["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#333333", "#17becf"]))


def _axis_title(rng: np.random.Generator) -> str | None:
    return " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize() if rng.random() < 0.6 else None


def _render(rng: np.random.Generator, chart, tags: str, square: bool = False, sized: bool = True) -> Rendered:
    theme = _THEMES[int(rng.integers(len(_THEMES)))]
    if sized:
        w, h = _size(rng, square)
        chart = chart.properties(width=w, height=h)
    ttl = text.title(rng)
    if ttl:
        chart = chart.properties(title=alt.TitleParams(ttl, anchor=str(rng.choice(["start", "middle"])), fontSize=int(rng.integers(12, 22))))
    spec = chart.to_dict(validate=False)
    cfg: dict = spec.setdefault("config", {})
    font = _FONTS[int(rng.integers(len(_FONTS)))]
    if font:
        cfg["font"] = font
    if theme in ("dark", "carbong90", "carbong100"):  # layered text marks default to black
        cfg.setdefault("text", {})["color"] = "#e0e0e0"
    if rng.random() < 0.3:
        cfg["view"] = {"stroke": None}
    if rng.random() < 0.2:
        cfg.setdefault("axis", {})["grid"] = False
    if rng.random() < 0.2:
        cfg["legend"] = {"orient": str(rng.choice(["bottom", "top", "left", "right"]))}
    import vl_convert as vlc

    png = vlc.vegalite_to_png(spec, scale=float(rng.uniform(1.0, 1.3)), theme=theme)
    return Rendered(flatten_png(png), f"{theme or 'default'},{tags}")


def _vals(rng: np.random.Generator, n: int) -> np.ndarray:
    k = rng.integers(3)
    if k == 0:
        return np.round(np.abs(rng.normal(50, 25, n)) + 1, 1)
    if k == 1:
        return np.round(np.abs(np.cumsum(rng.normal(0, 5, n)) + rng.uniform(20, 80)), 1)
    return np.round(rng.exponential(30, n) + 1, 1)


def _dates(rng: np.random.Generator, n: int) -> pd.DatetimeIndex:
    return pd.date_range(str(np.datetime64("2012-01-01") + int(rng.integers(0, 4000))), periods=n, freq=str(rng.choice(["D", "W", "MS"])))


# ------------------------------------------------------------------------------- bars


@renderer("bar", LIB)
def bar_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 16))
    df = pd.DataFrame({"c": text.categories(rng, n), "v": _vals(rng, n)})
    sort = None if rng.random() < 0.5 else "-y"
    enc = dict(x=alt.X("c:N", sort=sort, title=_axis_title(rng), axis=alt.Axis(labelAngle=int(rng.choice([0, -45, -90])))), y=alt.Y("v:Q", title=_axis_title(rng)))
    mark = alt.Chart(df).mark_bar(color=_color(rng), cornerRadiusTopLeft=float(rng.choice([0, 0, 3])), cornerRadiusTopRight=float(rng.choice([0, 0, 3])))
    ch = mark.encode(**enc) if rng.random() < 0.7 else mark.encode(**enc, color=alt.Color("c:N", legend=None, scale=_cat(rng)))
    if rng.random() < 0.3:
        ch = ch + alt.Chart(df).mark_text(dy=-6).encode(x=alt.X("c:N", sort=sort), y="v:Q", text="v:Q")
    return _render(rng, ch, "bar")


@renderer("horizontal_bar", LIB)
def horizontal_bar_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 18))
    df = pd.DataFrame({"c": text.categories(rng, n, long_labels=0.3), "v": _vals(rng, n)})
    sort = None if rng.random() < 0.4 else "-x"
    ch = alt.Chart(df).mark_bar(color=_color(rng)).encode(y=alt.Y("c:N", sort=sort, title=_axis_title(rng)), x=alt.X("v:Q", title=_axis_title(rng)))
    if rng.random() < 0.3:
        ch = ch + alt.Chart(df).mark_text(align="left", dx=3).encode(y=alt.Y("c:N", sort=sort), x="v:Q", text="v:Q")
    return _render(rng, ch, "hbar")


def _long(rng: np.random.Generator) -> pd.DataFrame:
    n, k = int(rng.integers(3, 10)), int(rng.integers(2, 6))
    cats, ser = text.categories(rng, n), text.categories(rng, k)
    rows = [(c, s, float(v)) for s in ser for c, v in zip(cats, _vals(rng, n))]
    return pd.DataFrame(rows, columns=["c", "s", "v"])


@renderer("stacked_bar", LIB)
def stacked_bar_altair(rng: np.random.Generator) -> Rendered:
    df = _long(rng)
    norm = rng.random() < 0.3
    horiz = rng.random() < 0.35
    q = alt.X("v:Q", stack="normalize" if norm else "zero", title=_axis_title(rng)) if horiz else alt.Y("v:Q", stack="normalize" if norm else "zero", title=_axis_title(rng))
    c = alt.Y("c:N", title=None) if horiz else alt.X("c:N", title=None)
    ch = alt.Chart(df).mark_bar().encode(**({"x": q, "y": c} if horiz else {"x": c, "y": q}), color=alt.Color("s:N", scale=_cat(rng), title=None))
    return _render(rng, ch, "stacked" + (",pct" if norm else "") + (",h" if horiz else ""))


@renderer("grouped_bar", LIB)
def grouped_bar_altair(rng: np.random.Generator) -> Rendered:
    df = _long(rng)
    horiz = rng.random() < 0.3
    col = alt.Color("s:N", scale=_cat(rng), title=None)
    if horiz:
        ch = alt.Chart(df).mark_bar().encode(y=alt.Y("c:N", title=None), yOffset="s:N", x=alt.X("v:Q", title=_axis_title(rng)), color=col)
    else:
        ch = alt.Chart(df).mark_bar().encode(x=alt.X("c:N", title=None), xOffset="s:N", y=alt.Y("v:Q", title=_axis_title(rng)), color=col)
    return _render(rng, ch, "grouped" + (",h" if horiz else ""))


@renderer("histogram", LIB)
def histogram_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(200, 3000))
    kind = rng.integers(3)
    x = rng.normal(rng.uniform(0, 50), rng.uniform(3, 15), n) if kind == 0 else (rng.gamma(2, rng.uniform(2, 10), n) if kind == 1 else np.r_[rng.normal(0, 1, n // 2), rng.normal(3, 1, n // 2)])
    df = pd.DataFrame({"x": x})
    ch = alt.Chart(df).mark_bar(color=_color(rng), binSpacing=float(rng.choice([0, 0, 1])), stroke="white" if rng.random() < 0.3 else None).encode(
        x=alt.X("x:Q", bin=alt.Bin(maxbins=int(rng.integers(10, 60))), title=_axis_title(rng)), y=alt.Y("count()", title=_axis_title(rng) or "Count"))
    return _render(rng, ch, "hist")


@renderer("population_pyramid", LIB)
def population_pyramid_altair(rng: np.random.Generator) -> Rendered:
    step = int(rng.choice([5, 5, 10]))
    ages = [f"{a:02d}-{a + step - 1:02d}" for a in range(0, 90, step)] + ["90+"]
    n = len(ages)
    base = np.exp(-np.linspace(0, rng.uniform(1.5, 4), n)) * rng.uniform(0.5, 1.5) + rng.uniform(0, 0.3, n) * np.linspace(1, 0, n)
    rows = [(a, "Male", -float(v)) for a, v in zip(ages, base * rng.uniform(0.9, 1.1, n) * 1000)]
    rows += [(a, "Female", float(v)) for a, v in zip(ages, base * rng.uniform(0.9, 1.1, n) * 1000)]
    df = pd.DataFrame(rows, columns=["age", "sex", "v"])
    ch = alt.Chart(df).mark_bar().encode(y=alt.Y("age:O", sort="descending", title="Age"), x=alt.X("v:Q", title=_axis_title(rng) or "Population", axis=alt.Axis(format="s")),
                                         color=alt.Color("sex:N", scale=_cat(rng), title=None))
    return _render(rng, ch, "pyramid")


# ------------------------------------------------------------------------------- lines / areas


@renderer("line", LIB)
def line_altair(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(8, 200)), int(rng.integers(1, 6))
    d = _dates(rng, n)
    names = text.categories(rng, k)
    df = pd.DataFrame([(d[i], names[j], v) for j in range(k) for i, v in enumerate(np.cumsum(rng.normal(0, 1, n)) + rng.uniform(0, 30))], columns=["t", "s", "v"])
    ch = alt.Chart(df).mark_line(point=bool(n < 40 and rng.random() < 0.4), strokeWidth=float(rng.uniform(1, 3.5)), interpolate=str(rng.choice(["linear", "linear", "monotone", "step"]))).encode(
        x=alt.X("t:T", title=_axis_title(rng)), y=alt.Y("v:Q", title=_axis_title(rng)), color=alt.Color("s:N", scale=_cat(rng), title=None, legend=None if k == 1 else alt.Legend()))
    return _render(rng, ch, "line")


@renderer("area", LIB)
def area_altair(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(10, 150)), int(rng.integers(1, 5))
    d = _dates(rng, n)
    names = text.categories(rng, k)
    df = pd.DataFrame([(d[i], names[j], abs(v)) for j in range(k) for i, v in enumerate(np.cumsum(rng.normal(0, 1, n)) + rng.uniform(5, 30))], columns=["t", "s", "v"])
    stack = "zero" if rng.random() < 0.6 else ("normalize" if rng.random() < 0.3 else None)
    op = 1.0 if stack else 0.5
    ch = alt.Chart(df).mark_area(opacity=op, line=bool(rng.random() < 0.4), interpolate=str(rng.choice(["linear", "monotone"]))).encode(
        x=alt.X("t:T", title=_axis_title(rng)), y=alt.Y("v:Q", stack=stack, title=_axis_title(rng)), color=alt.Color("s:N", scale=_cat(rng), title=None, legend=None if k == 1 else alt.Legend()))
    return _render(rng, ch, f"area,{stack}")


@renderer("stream", LIB)
def stream_altair(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(30, 150)), int(rng.integers(4, 12))
    d = _dates(rng, n)
    t = np.linspace(0, 1, n)
    names = text.categories(rng, k)
    rows = []
    for j in range(k):
        c, wdt = rng.uniform(0, 1), rng.uniform(0.05, 0.3)
        y = rng.uniform(1, 10) * np.exp(-((t - c) ** 2) / (2 * wdt**2)) + np.abs(np.convolve(rng.normal(0, 0.4, n), np.ones(5) / 5, "same"))
        rows += [(d[i], names[j], float(y[i])) for i in range(n)]
    df = pd.DataFrame(rows, columns=["t", "s", "v"])
    ch = alt.Chart(df).mark_area(interpolate="basis").encode(
        x=alt.X("t:T", title=None, axis=alt.Axis(domain=False, grid=bool(rng.random() < 0.5))), y=alt.Y("v:Q", stack="center", axis=None),
        color=alt.Color("s:N", scale=_cat(rng) if rng.random() < 0.6 else _seq(rng), title=None))
    return _render(rng, ch, "stream")


# ------------------------------------------------------------------------------- points


@renderer("scatter", LIB)
def scatter_altair(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(1, 5))
    rows = []
    for j, name in enumerate(text.categories(rng, k)):
        n = int(rng.integers(20, 300))
        x = rng.normal(rng.uniform(0, 10), rng.uniform(0.5, 3), n)
        y = x * rng.normal(0, 1) + rng.normal(0, rng.uniform(0.5, 4), n)
        rows += [(a, b, name) for a, b in zip(x, y)]
    df = pd.DataFrame(rows, columns=["x", "y", "s"])
    mark = str(rng.choice(["point", "circle", "square", "tick_free"]))
    m = alt.Chart(df).mark_point(filled=bool(rng.random() < 0.5), size=float(rng.uniform(15, 70))) if mark in ("point", "tick_free") else (
        alt.Chart(df).mark_circle(size=float(rng.uniform(15, 70)), opacity=float(rng.uniform(0.5, 1))) if mark == "circle" else alt.Chart(df).mark_square(size=float(rng.uniform(15, 60))))
    ch = m.encode(x=alt.X("x:Q", title=_axis_title(rng), scale=alt.Scale(zero=False)), y=alt.Y("y:Q", title=_axis_title(rng), scale=alt.Scale(zero=False)),
                  color=alt.Color("s:N", scale=_cat(rng), title=None, legend=None if k == 1 else alt.Legend()))
    return _render(rng, ch, "scatter")


@renderer("bubble", LIB)
def bubble_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(8, 60))
    df = pd.DataFrame({"x": rng.uniform(0, 100, n), "y": rng.uniform(0, 100, n), "s": rng.uniform(5, 100, n) ** 1.3, "g": rng.choice(text.categories(rng, 4), n)})
    colour = alt.Color("g:N", scale=_cat(rng), title=None) if rng.random() < 0.6 else alt.value(_color(rng))
    ch = alt.Chart(df).mark_circle(opacity=float(rng.uniform(0.45, 0.85)), stroke="black" if rng.random() < 0.4 else None, strokeWidth=0.5).encode(
        x=alt.X("x:Q", title=_axis_title(rng)), y=alt.Y("y:Q", title=_axis_title(rng)), size=alt.Size("s:Q", scale=alt.Scale(range=[30, float(rng.uniform(1500, 4000))]), title=_axis_title(rng)), color=colour)
    return _render(rng, ch, "bubble")


@renderer("lollipop", LIB)
def lollipop_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 20))
    df = pd.DataFrame({"c": text.categories(rng, n), "v": _vals(rng, n)})
    df["v2"] = df["v"] * rng.uniform(0.4, 1.6, n)
    horiz = rng.random() < 0.5
    col = _color(rng)
    dumbbell = rng.random() < 0.25
    sort = "-x" if horiz and rng.random() < 0.5 else None
    c = alt.Y("c:N", sort=sort, title=None) if horiz else alt.X("c:N", title=None)
    base = alt.Chart(df)
    if dumbbell:
        rule = base.mark_rule(color="grey", strokeWidth=2).encode(**({"y": c, "x": "v:Q", "x2": "v2:Q"} if horiz else {"x": c, "y": "v:Q", "y2": "v2:Q"}))
        p1 = base.mark_circle(size=120, color=col, opacity=1).encode(**({"y": c, "x": alt.X("v:Q", title=_axis_title(rng))} if horiz else {"x": c, "y": alt.Y("v:Q", title=_axis_title(rng))}))
        p2 = base.mark_circle(size=120, color=_color(rng), opacity=1).encode(**({"y": c, "x": "v2:Q"} if horiz else {"x": c, "y": "v2:Q"}))
        ch = rule + p1 + p2
    else:
        rule = base.mark_rule(color=col if rng.random() < 0.5 else "grey", strokeWidth=float(rng.uniform(1, 3))).encode(**({"y": c, "x": alt.X("v:Q", title=_axis_title(rng)), "x2": alt.datum(0)} if horiz else {"x": c, "y": alt.Y("v:Q", title=_axis_title(rng)), "y2": alt.datum(0)}))
        pts = base.mark_circle(size=float(rng.uniform(60, 200)), color=col, opacity=1).encode(**({"y": c, "x": "v:Q"} if horiz else {"x": c, "y": "v:Q"}))
        ch = rule + pts
    return _render(rng, ch, "lollipop" + (",dumbbell" if dumbbell else ""))


# ------------------------------------------------------------------------------- arcs


def _arc(rng: np.random.Generator, inner: float) -> alt.Chart:
    n = int(rng.integers(2, 9))
    df = pd.DataFrame({"c": text.categories(rng, n), "v": rng.dirichlet(np.ones(n) * rng.uniform(0.5, 3)) * 100})
    outer = float(rng.uniform(90, 160))
    ch = alt.Chart(df).mark_arc(innerRadius=inner * outer, outerRadius=outer, stroke="white" if rng.random() < 0.5 else None, cornerRadius=float(rng.choice([0, 0, 4])),
                                padAngle=float(rng.choice([0, 0, 0.02]))).encode(theta=alt.Theta("v:Q", stack=True), color=alt.Color("c:N", scale=_cat(rng), title=None))
    if rng.random() < 0.35:
        ch = ch + alt.Chart(df).mark_text(radius=outer + 15, size=11).encode(theta=alt.Theta("v:Q", stack=True), text="c:N")
    return ch


@renderer("pie", LIB)
def pie_altair(rng: np.random.Generator) -> Rendered:
    return _render(rng, _arc(rng, 0.0), "pie", sized=False)


@renderer("donut", LIB)
def donut_altair(rng: np.random.Generator) -> Rendered:
    return _render(rng, _arc(rng, float(rng.uniform(0.4, 0.7))), "donut", sized=False)


@renderer("polar_area", LIB)
def polar_area_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.choice([5, 6, 8, 10, 12, 16]))
    df = pd.DataFrame({"c": text.categories(rng, n), "v": rng.uniform(1, 10, n), "a": np.arange(n), "b": np.arange(1, n + 1), "m": np.arange(n) + 0.5})
    outer = float(rng.uniform(100, 170))
    theta = alt.Theta("a:Q", scale=alt.Scale(domain=[0, n], range=[0, 2 * np.pi]))
    rscale = alt.Scale(type=str(rng.choice(["sqrt", "linear"])), zero=True, domain=[0, 10], rangeMax=outer)
    rad = alt.Radius("v:Q", scale=rscale)
    base = alt.Chart(df).encode(theta=theta, theta2="b:Q", radius=rad)
    single = rng.random() < 0.3
    colour = alt.value(_color(rng)) if single else alt.Color("c:N", scale=_cat(rng), title=None, legend=None if rng.random() < 0.3 else alt.Legend())
    ch = base.mark_arc(stroke="#fff" if rng.random() < 0.6 else None, opacity=float(rng.uniform(0.75, 1)), padAngle=float(rng.choice([0, 0, 0.01, 0.03]))).encode(color=colour)
    if rng.random() < 0.6:  # circular grid rings behind the wedges
        rings = pd.DataFrame({"r": [2.5, 5, 7.5, 10], "a": 0, "b": n})
        grid = alt.Chart(rings).mark_arc(fill=None, stroke="#bbbbbb", strokeWidth=0.8).encode(theta=theta, theta2="b:Q", radius=alt.Radius("r:Q", scale=rscale))
        ch = grid + ch
    if rng.random() < 0.4:
        ch = ch + alt.Chart(df).mark_text(radius=outer + 14, fontSize=10).encode(theta=alt.Theta("m:Q", scale=alt.Scale(domain=[0, n], range=[0, 2 * np.pi])), text="c:N")
    return _render(rng, ch, "polar_area", sized=False)


# ------------------------------------------------------------------------------- distributions


@renderer("box", LIB)
def box_altair(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(2, 9))
    rows = []
    for c in text.categories(rng, k):
        d = rng.normal(rng.uniform(0, 20), rng.uniform(1, 6), int(rng.integers(20, 150)))
        d = np.r_[d, rng.normal(d.mean(), d.std() * 4, int(rng.integers(0, 4)))]
        rows += [(c, float(v)) for v in d]
    df = pd.DataFrame(rows, columns=["c", "v"])
    horiz = rng.random() < 0.3
    colour = alt.Color("c:N", scale=_cat(rng), legend=None) if rng.random() < 0.5 else alt.value(_color(rng))
    ext = 1.5 if rng.random() < 0.8 else "min-max"
    ch = alt.Chart(df).mark_boxplot(extent=ext, size=float(rng.uniform(12, 40))).encode(
        **({"y": alt.Y("c:N", title=None), "x": alt.X("v:Q", title=_axis_title(rng), scale=alt.Scale(zero=False))} if horiz else {"x": alt.X("c:N", title=None), "y": alt.Y("v:Q", title=_axis_title(rng), scale=alt.Scale(zero=False))}),
        color=colour)
    return _render(rng, ch, "box")


@renderer("violin", LIB)
def violin_altair(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(2, 6))
    rows = []
    for c in text.categories(rng, k):
        n = int(rng.integers(60, 300))
        d = np.r_[rng.normal(rng.uniform(0, 10), rng.uniform(0.5, 3), n), rng.normal(rng.uniform(0, 10), 1, n // int(rng.integers(2, 8)))]
        rows += [(c, float(v)) for v in d]
    df = pd.DataFrame(rows, columns=["c", "v"])
    w, h = _size(rng)
    ch = alt.Chart(df, width=max(40, w // k), height=h).transform_density("v", as_=["v", "density"], groupby=["c"], extent=[float(df.v.min()) - 1, float(df.v.max()) + 1]).mark_area(orient="horizontal").encode(
        y=alt.Y("v:Q", title=_axis_title(rng)), color=alt.Color("c:N", scale=_cat(rng), legend=None),
        x=alt.X("density:Q", stack="center", impute=None, title=None, axis=alt.Axis(labels=False, values=[0], grid=False, ticks=True))).facet(
        column=alt.Column("c:N", header=alt.Header(titleOrient="bottom", labelOrient="bottom", labelPadding=0), title=None)).configure_facet(spacing=0).configure_view(stroke=None)
    return _render(rng, ch, "violin", sized=False)


@renderer("ridgeline", LIB)
def ridgeline_altair(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(4, 11))
    rows = []
    shift = rng.normal(0, 1)
    for i, c in enumerate(text.categories(rng, k)):
        d = rng.normal(i * shift * 0.3 + rng.normal(0, 1), rng.uniform(0.6, 2), int(rng.integers(100, 400)))
        rows += [(c, float(v)) for v in d]
    df = pd.DataFrame(rows, columns=["c", "v"])
    step = int(rng.integers(18, 40))
    overlap = float(rng.uniform(1.5, 3.5))
    w, _ = _size(rng)
    lo, hi = float(df.v.min()) - 1, float(df.v.max()) + 1
    ch = alt.Chart(df, height=step, width=w).transform_density("v", as_=["v", "density"], groupby=["c"], extent=[lo, hi]).mark_area(
        interpolate="monotone", fillOpacity=float(rng.uniform(0.6, 0.95)), stroke="white" if rng.random() < 0.5 else "black", strokeWidth=0.7).encode(
        x=alt.X("v:Q", title=_axis_title(rng)), y=alt.Y("density:Q", axis=None, scale=alt.Scale(range=[step, -step * overlap])),
        fill=alt.Fill("c:N", scale=_cat(rng), legend=None) if rng.random() < 0.5 else alt.value(_color(rng))).facet(
        row=alt.Row("c:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left"))).properties(bounds="flush").configure_facet(spacing=0).configure_view(stroke=None).configure_title(anchor="end")
    return _render(rng, ch, "ridgeline", sized=False)


# ------------------------------------------------------------------------------- matrices, maps


@renderer("heatmap", LIB)
def heatmap_altair(rng: np.random.Generator) -> Rendered:
    kind = str(rng.choice(["matrix", "corr", "calendar"]))
    if kind == "calendar":
        days = pd.date_range(f"{int(rng.integers(2015, 2026))}-01-01", periods=365)
        df = pd.DataFrame({"d": days, "v": rng.poisson(rng.uniform(1, 6), 365)})
        ch = alt.Chart(df).mark_rect(cornerRadius=float(rng.choice([0, 2])), stroke="white" if rng.random() < 0.7 else None).encode(
            x=alt.X("week(d):O", title=None, axis=alt.Axis(labels=False, ticks=False)), y=alt.Y("day(d):O", title=None), color=alt.Color("v:Q", scale=_seq(rng), title=None))
        return _render(rng, ch, "heatmap,calendar")
    if kind == "corr":
        k = int(rng.integers(4, 12))
        a = rng.normal(0, 1, (50, k)) @ rng.normal(0, 1, (k, k))
        z = np.corrcoef(a.T)
        xs = ys = text.categories(rng, k)
        scale = alt.Scale(scheme=str(rng.choice(["redblue", "blueorange", "purplegreen", "pinkyellowgreen", "redyellowblue"])), domain=[-1, 1])
    else:
        r, c = int(rng.integers(4, 20)), int(rng.integers(4, 20))
        z = rng.normal(0, 1, (r, c)).cumsum(1) + rng.normal(0, 1, (r, 1))
        xs, ys = text.categories(rng, c), text.categories(rng, r)
        scale = _seq(rng)
    df = pd.DataFrame([(xs[j], ys[i], float(z[i, j])) for i in range(len(ys)) for j in range(len(xs))], columns=["x", "y", "v"])
    base = alt.Chart(df).encode(x=alt.X("x:N", sort=None, title=None), y=alt.Y("y:N", sort=None, title=None))
    ch = base.mark_rect().encode(color=alt.Color("v:Q", scale=scale, title=None))
    if len(df) <= 100 and rng.random() < 0.5:
        ch = ch + base.mark_text(fontSize=9).encode(text=alt.Text("v:Q", format=".2f"))
    return _render(rng, ch, f"heatmap,{kind}")


@renderer("choropleth", LIB)
def choropleth_altair(rng: np.random.Generator) -> Rendered:
    gj = synthgeo.regions(rng, int(rng.integers(8, 60)), clockwise=True)
    vals = rng.gamma(2, 10, len(gj["features"]))
    for f, v in zip(gj["features"], vals):
        f["properties"]["v"] = float(v)
    data = alt.Data(values=gj["features"])
    ch = alt.Chart(data).mark_geoshape(stroke=str(rng.choice(["white", "black", "#555"])), strokeWidth=float(rng.uniform(0.3, 1.5))).encode(
        color=alt.Color("properties.v:Q", scale=_seq(rng), title=_axis_title(rng)))
    proj = str(rng.choice(["mercator", "equalEarth", "albers", "identity"]))
    ch = ch.project(type="identity", reflectY=True) if proj == "identity" else ch.project(type=proj)
    ch = ch.configure_view(stroke=None) if rng.random() < 0.7 else ch
    return _render(rng, ch, "choropleth,synthetic", square=True)


@renderer("waffle", LIB)
def waffle_altair(rng: np.random.Generator) -> Rendered:
    names, lab, rows_n, cols_n = data.waffle_cells(rng)
    total = rows_n * cols_n
    df = pd.DataFrame({"col": np.arange(total) % cols_n, "row": np.arange(total) // cols_n, "g": [f"{names[i]}" for i in lab]})
    side = int(rng.integers(14, 30))
    mark = alt.Chart(df).mark_square(size=side * side * 0.7, opacity=1) if rng.random() < 0.5 else alt.Chart(df).mark_rect(stroke="white", strokeWidth=2, cornerRadius=float(rng.choice([0, 2])))
    ch = mark.encode(x=alt.X("col:O", axis=None), y=alt.Y("row:O", axis=None), color=alt.Color("g:N", scale=_cat(rng), title=None, sort=names)).properties(
        width=cols_n * side, height=rows_n * side).configure_view(stroke=None)
    return _render(rng, ch, "waffle", sized=False)


# ------------------------------------------------------------------------------- processes, finance


@renderer("gantt", LIB)
def gantt_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 15))
    start = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 600)))
    rows, t = [], 0
    teams = text.categories(rng, int(rng.integers(1, 4)))
    for i, w in enumerate(text.words(rng, n)):
        t = max(0, t + int(rng.integers(-5, 10)))
        dur = int(rng.integers(2, 30))
        rows.append((f"{w.title()} {i + 1}", start + pd.Timedelta(days=t), start + pd.Timedelta(days=t + dur), str(rng.choice(teams))))
    df = pd.DataFrame(rows, columns=["task", "a", "b", "team"])
    col = alt.Color("team:N", scale=_cat(rng), title=None) if len(teams) > 1 else alt.value(_color(rng))
    ch = alt.Chart(df).mark_bar(cornerRadius=float(rng.choice([0, 0, 3])), height=alt.RelativeBandSize(float(rng.uniform(0.5, 0.9)))).encode(
        y=alt.Y("task:N", sort=None, title=None), x=alt.X("a:T", title=None), x2="b:T", color=col)
    return _render(rng, ch, "gantt")


@renderer("waterfall", LIB)
def waterfall_altair(rng: np.random.Generator) -> Rendered:
    cats, start, end, kind = data.waterfall_steps(rng)
    df = pd.DataFrame({"c": cats, "a": start, "b": end, "k": kind, "lab": [f"{b - a:+.0f}" for a, b in zip(start, end)]})
    palette = [_color(rng) for _ in range(3)]
    ch = alt.Chart(df).mark_bar(size=float(rng.uniform(15, 45))).encode(x=alt.X("c:N", sort=None, title=None), y=alt.Y("a:Q", title=_axis_title(rng)), y2="b:Q",
                                                                        color=alt.Color("k:N", scale=alt.Scale(domain=["start", "up", "down", "total"], range=[palette[2], "#2ca02c", "#d62728", palette[2]]), legend=None))
    if rng.random() < 0.5:
        ch = ch + alt.Chart(df).mark_text(dy=-8).encode(x=alt.X("c:N", sort=None), y="b:Q", text="lab:N")
    return _render(rng, ch, "waterfall")


@renderer("candlestick", LIB)
def candlestick_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(20, 90))
    dates = pd.date_range(str(np.datetime64("2019-01-01") + int(rng.integers(0, 1500))), periods=n, freq="B")
    open_, high, low, close = data.price_series(rng, n)
    df = pd.DataFrame({"d": dates, "o": open_, "h": high, "l": low, "c": close})
    up, down = (("#06982d", "#ae1325") if rng.random() < 0.6 else (_color(rng), "#333333"))
    colour = alt.condition("datum.o <= datum.c", alt.value(up), alt.value(down))
    base = alt.Chart(df).encode(x=alt.X("d:T", title=None), color=colour)
    rule = base.mark_rule().encode(y=alt.Y("l:Q", scale=alt.Scale(zero=False), title=_axis_title(rng)), y2="h:Q")
    bar = base.mark_bar(size=float(rng.uniform(3, 9))).encode(y="o:Q", y2="c:Q")
    return _render(rng, rule + bar, "candles")


@renderer("funnel", LIB)
def funnel_altair(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 8))
    stages = [str(s) for s in rng.choice(["Visits", "Sign-ups", "Leads", "Trials", "Qualified", "Proposals", "Orders", "Paid", "Renewed", "Downloads", "Installs", "Active"], n, replace=False)]
    vals = np.sort(rng.uniform(0.3, 1, n))[::-1].cumprod() * rng.uniform(1e3, 1e5)
    df = pd.DataFrame({"s": stages, "lo": -vals / 2, "hi": vals / 2, "v": np.round(vals).astype(int)})
    col = alt.Color("s:N", scale=_cat(rng), legend=None, sort=None) if rng.random() < 0.5 else alt.value(_color(rng))
    base = alt.Chart(df).encode(y=alt.Y("s:N", sort=None, title=None, axis=alt.Axis(domain=False, ticks=False)))
    ch = base.mark_bar(height=alt.RelativeBandSize(float(rng.uniform(0.75, 0.98)))).encode(x=alt.X("lo:Q", axis=None), x2="hi:Q", color=col) + base.mark_text(color="white" if rng.random() < 0.5 else "black").encode(x=alt.datum(0), text="v:Q")
    return _render(rng, ch.configure_view(stroke=None), "funnel")


# ------------------------------------------------------------------------------- radial by hand


@renderer("radar", LIB)
def radar_altair(rng: np.random.Generator) -> Rendered:
    """Radar chart drawn with lines on x/y computed here (Vega-Lite has no polar line mark)."""
    n, k = int(rng.integers(4, 10)), int(rng.integers(1, 4))
    axes = text.categories(rng, n)
    ang = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    polygon = rng.random() < 0.6
    rings = []
    for lv in np.linspace(0.2, 1, int(rng.choice([4, 5]))):
        if polygon:
            pts = [(lv * np.cos(a), lv * np.sin(a)) for a in np.r_[ang, ang[:1]]]
        else:
            t = np.linspace(0, 2 * np.pi, 73)
            pts = list(zip(lv * np.cos(t), lv * np.sin(t)))
        rings += [(x, y, f"r{lv:.2f}", i) for i, (x, y) in enumerate(pts)]
    grid = pd.DataFrame(rings, columns=["x", "y", "g", "o"])
    spokes = pd.DataFrame([(0.0, 0.0, float(np.cos(a)), float(np.sin(a))) for a in ang], columns=["x", "y", "x2", "y2"])
    labels = pd.DataFrame({"x": 1.15 * np.cos(ang), "y": 1.15 * np.sin(ang), "t": axes})
    rows = []
    names = text.categories(rng, k)
    for s in names:
        v = rng.uniform(0.2, 1.0, n)
        rows += [(float(v[i % n] * np.cos(ang[i % n])), float(v[i % n] * np.sin(ang[i % n])), s, i) for i in range(n + 1)]
    data = pd.DataFrame(rows, columns=["x", "y", "s", "o"])
    sc = alt.Scale(domain=[-1.3, 1.3])
    X, Y = alt.X("x:Q", scale=sc, axis=None), alt.Y("y:Q", scale=sc, axis=None)
    gcol = "#cccccc" if rng.random() < 0.7 else "#999999"
    base = alt.Chart(grid).mark_line(color=gcol, strokeWidth=0.8).encode(x=X, y=Y, detail="g:N", order="o:Q")
    sp = alt.Chart(spokes).mark_rule(color=gcol, strokeWidth=0.8).encode(x=X, y=Y, x2="x2:Q", y2="y2:Q")
    lab = alt.Chart(labels).mark_text(fontSize=int(rng.integers(9, 13))).encode(x=X, y=Y, text="t:N")
    colour = alt.Color("s:N", scale=_cat(rng), title=None, legend=None if k == 1 else alt.Legend())
    fill = rng.random() < 0.7
    line = alt.Chart(data).mark_line(strokeWidth=float(rng.uniform(1.5, 3)), point=bool(rng.random() < 0.5)).encode(x=X, y=Y, color=colour, order="o:Q", detail="s:N")
    layers = [base, sp]
    if fill:
        layers.append(alt.Chart(data).mark_line(filled=True, opacity=float(rng.uniform(0.15, 0.4))).encode(x=X, y=Y, color=colour, order="o:Q", detail="s:N"))
    layers += [line, lab]
    side = int(rng.uniform(240, 480))
    ch = alt.layer(*layers).properties(width=side, height=side).configure_view(stroke=None)
    return _render(rng, ch, "radar" + (",poly" if polygon else ",circle"), sized=False)


@renderer("gauge", LIB)
def gauge_altair(rng: np.random.Generator) -> Rendered:
    """Half-ring gauge: a background arc, a value arc and the number in the middle (arc marks)."""
    k = 1 if rng.random() < 0.7 else int(rng.integers(2, 4))
    charts = []
    outer = float(rng.uniform(80, 130))
    inner = outer * float(rng.uniform(0.55, 0.8))
    span = float(rng.choice([np.pi, np.pi, 1.5 * np.pi]))
    start = -span / 2
    for _ in range(k):
        mx = float(rng.choice([100, 100, 1, 500]))
        v = float(rng.uniform(0.05, 0.98))
        bands = rng.random() < 0.4
        segs = [(0, 0.6, "#4caf50"), (0.6, 0.85, "#ffc107"), (0.85, 1, "#f44336")] if bands else [(0, 1, "#e6e6e6")]
        df = pd.DataFrame([(start + a * span, start + b * span, c) for a, b, c in segs], columns=["t0", "t1", "c"])
        bg = alt.Chart(df).mark_arc(innerRadius=inner, outerRadius=outer, opacity=0.35 if bands else 1).encode(
            theta=alt.Theta("t0:Q", scale=None), theta2="t1:Q", color=alt.Color("c:N", scale=None))
        val = pd.DataFrame({"t0": [start], "t1": [start + v * span]})
        fg = alt.Chart(val).mark_arc(innerRadius=inner, outerRadius=outer, color=_color(rng)).encode(theta=alt.Theta("t0:Q", scale=None), theta2="t1:Q")
        layers = [bg, fg]
        if rng.random() < 0.4:  # needle
            ang = start + v * span
            nd = pd.DataFrame({"x": [0.0], "y": [0.0], "x2": [float(np.sin(ang)) * outer * 0.95], "y2": [float(np.cos(ang)) * outer * 0.95]})
            sc = alt.Scale(domain=[-outer, outer], range=[0, 2 * outer])
            scy = alt.Scale(domain=[-outer, outer], range=[2 * outer, 0])
            layers.append(alt.Chart(nd).mark_rule(strokeWidth=3, color="#333333").encode(x=alt.X("x:Q", scale=sc, axis=None), y=alt.Y("y:Q", scale=scy, axis=None), x2="x2:Q", y2="y2:Q"))
        txt = f"{v * mx:.0f}" if mx >= 100 else f"{v:.0%}"
        layers.append(alt.Chart(pd.DataFrame({"t": [txt]})).mark_text(fontSize=int(outer * 0.35), fontWeight="bold", dy=-5 if span == np.pi else 0).encode(text="t:N"))
        layers.append(alt.Chart(pd.DataFrame({"t": [text.words(rng, 1)[0].title()]})).mark_text(fontSize=int(rng.integers(11, 16)), dy=int(outer * 0.3)).encode(text="t:N"))
        charts.append(alt.layer(*layers).properties(width=2 * outer, height=2 * outer))
    ch = alt.hconcat(*charts).configure_view(stroke=None) if k > 1 else charts[0].configure_view(stroke=None)
    return _render(rng, ch, "gauge", sized=False)
