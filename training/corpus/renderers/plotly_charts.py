"""Charts drawn with plotly and exported to PNG with kaleido (one headless Chrome per process).

Kaleido >= 1 needs a Chrome/Chromium; ``/usr/bin/chromium`` (Debian package ``chromium``) is
used when present. Geographic base maps would be fetched from a CDN, so the choropleth uses
made-up regions (:mod:`training.corpus.synthgeo`) on a blank ``Choroplethmap``.
"""

from __future__ import annotations

import io
import os
import warnings

import numpy as np
import plotly.express as px
import plotly.graph_objects as go
from PIL import Image

from training.corpus import data, synthgeo, text
from training.corpus.browser import find_browser
from training.corpus.registry import Rendered, renderer

LIB = "plotly"

_TEMPLATES = ["plotly", "plotly_white", "plotly_dark", "ggplot2", "seaborn", "simple_white", "presentation", "none", "gridon", "xgridoff", "ygridoff"]
_TEMPLATE_P = np.array([4, 4, 2, 2, 2, 2, 1, 1, 1, 1, 1], float)
_QUAL = ["Plotly", "D3", "G10", "T10", "Alphabet", "Dark24", "Light24", "Set1", "Set2", "Set3", "Pastel", "Pastel1", "Bold", "Vivid", "Safe", "Prism", "Antique", "Dark2"]
_SEQ = ["Viridis", "Cividis", "Plasma", "Inferno", "Magma", "Blues", "Greens", "Reds", "YlOrRd", "YlGnBu", "RdBu", "RdYlGn", "Spectral", "Turbo", "Hot", "Jet", "Portland", "Picnic", "Electric", "Bluered", "Teal", "Sunset", "Aggrnyl", "PuBu", "Oranges", "Purples"]

_server_started = False


# Without a browser every export would fail slowly; failing the import lets the corpus skip this module.
if find_browser() is None:
    raise ImportError("plotly renderers need Chrome/Chromium for kaleido (apt-get install chromium, or set BROWSER_PATH)")


def _start() -> None:
    global _server_started
    if _server_started:
        return
    if not os.environ.get("BROWSER_PATH"):
        path = find_browser()
        if path:
            os.environ["BROWSER_PATH"] = path
    import kaleido

    warnings.filterwarnings("ignore", message=".*kopts.*")
    try:
        kaleido.start_sync_server(silence_warnings=True)
    except Exception:  # already running or old kaleido: plotly will start one per call
        pass
    _server_started = True


def _export(fig: go.Figure, w: int, h: int) -> Image.Image:
    _start()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        png = fig.to_image(format="png", width=w, height=h, scale=1)
    return Image.open(io.BytesIO(png)).convert("RGB")


def _size(rng: np.random.Generator, square: bool = False) -> tuple[int, int]:
    return text.pixel_size(rng, square, square_aspect=(0.75, 1.1), pixels_per_inch=(85, 130), max_side=1000,
                           min_size=(300, 260), p_square=0.7)


def _colors(rng: np.random.Generator) -> list[str]:
    pal = list(getattr(px.colors.qualitative, str(rng.choice(_QUAL))))
    if rng.random() < 0.5:
        pal = [pal[i] for i in rng.permutation(len(pal))]
    return pal


def _cscale(rng: np.random.Generator) -> str:
    s = str(rng.choice(_SEQ))
    return s + "_r" if rng.random() < 0.3 else s


def _style(rng: np.random.Generator, fig: go.Figure, legend: bool | None = None, axes: bool = True) -> str:
    """Template, title, fonts, legend and margins; returns a style tag."""
    tpl = str(rng.choice(_TEMPLATES, p=_TEMPLATE_P / _TEMPLATE_P.sum()))
    ttl = text.title(rng)
    fs = int(rng.integers(10, 17))
    lay: dict = dict(template=tpl, font=dict(size=fs, family=str(rng.choice(["Arial", "Open Sans", "Verdana", "Times New Roman", "Courier New", "Helvetica"])) if rng.random() < 0.6 else None))
    if ttl:
        lay["title"] = dict(text=ttl, x=float(rng.choice([0.0, 0.05, 0.5])), xanchor="left" if rng.random() < 0.5 else "auto")
    m = int(rng.integers(20, 70))
    lay["margin"] = dict(l=m, r=int(rng.integers(10, 60)), t=int(rng.integers(40, 90)) if ttl else int(rng.integers(10, 50)), b=m)
    if legend is not None:
        lay["showlegend"] = legend
        if legend and rng.random() < 0.4:
            lay["legend"] = dict(orientation="h", y=float(rng.choice([-0.15, 1.02])), x=0, yanchor="top" if rng.random() < 0.5 else "bottom")
    if rng.random() < 0.15:
        lay["paper_bgcolor"] = str(rng.choice(["#fafafa", "#f4f1ea", "#1e1e1e", "#ffffff", "#eef2f7"]))
    fig.update_layout(**lay)
    if axes:
        if rng.random() < 0.5:
            fig.update_xaxes(title_text=" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize())
        if rng.random() < 0.5:
            fig.update_yaxes(title_text=" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize())
    return tpl


def _render(rng: np.random.Generator, fig: go.Figure, tags: str, legend: bool | None = None, axes: bool = True, square: bool = False,
            size: tuple[int, int] | None = None) -> Rendered:
    tpl = _style(rng, fig, legend, axes)
    w, h = size or _size(rng, square)
    return Rendered(_export(fig, w, h), f"{tpl},{tags}")


def _series(rng: np.random.Generator, n: int) -> np.ndarray:
    kind = rng.integers(3)
    if kind == 0:
        return np.abs(rng.normal(50, 25, n)) + 1
    if kind == 1:
        return np.abs(np.cumsum(rng.normal(0, 5, n)) + rng.uniform(20, 80))
    return rng.exponential(30, n) + 1


# ------------------------------------------------------------------------------- bars


@renderer("bar", LIB)
def bar_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 16))
    cats = text.categories(rng, n)
    y = _series(rng, n)
    cols = _colors(rng)
    color = cols[0] if rng.random() < 0.7 else [cols[i % len(cols)] for i in range(n)]
    fig = go.Figure(go.Bar(x=cats, y=y, marker_color=color, text=np.round(y).astype(int) if rng.random() < 0.3 else None,
                           marker_line_width=float(rng.choice([0, 0, 1, 2]))))
    fig.update_layout(bargap=float(rng.uniform(0.05, 0.5)))
    return _render(rng, fig, "bar", legend=False)


@renderer("horizontal_bar", LIB)
def horizontal_bar_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 18))
    cats = text.categories(rng, n, long_labels=0.3)
    x = _series(rng, n)
    if rng.random() < 0.5:
        x = np.sort(x)
    cols = _colors(rng)
    fig = go.Figure(go.Bar(y=cats, x=x, orientation="h", marker_color=cols[0] if rng.random() < 0.7 else cols[: n] * 3,
                           text=np.round(x, 1) if rng.random() < 0.3 else None))
    fig.update_layout(bargap=float(rng.uniform(0.1, 0.5)))
    return _render(rng, fig, "hbar", legend=False)


def _multi_bar(rng: np.random.Generator, mode: str) -> tuple[go.Figure, str]:
    n, k = int(rng.integers(3, 10)), int(rng.integers(2, 6))
    cats = text.categories(rng, n)
    names = text.categories(rng, k)
    cols = _colors(rng)
    horiz = rng.random() < 0.3
    fig = go.Figure()
    for i in range(k):
        v = _series(rng, n)
        if horiz:
            fig.add_bar(y=cats, x=v, name=names[i], orientation="h", marker_color=cols[i % len(cols)])
        else:
            fig.add_bar(x=cats, y=v, name=names[i], marker_color=cols[i % len(cols)])
    pct = mode == "stack" and rng.random() < 0.3
    fig.update_layout(barmode=mode, barnorm="percent" if pct else None, bargap=float(rng.uniform(0.1, 0.4)))
    return fig, ("h" if horiz else "v") + (",pct" if pct else "")


@renderer("stacked_bar", LIB)
def stacked_bar_plotly(rng: np.random.Generator) -> Rendered:
    fig, tag = _multi_bar(rng, "stack")
    return _render(rng, fig, f"stacked,{tag}", legend=rng.random() < 0.85)


@renderer("grouped_bar", LIB)
def grouped_bar_plotly(rng: np.random.Generator) -> Rendered:
    fig, tag = _multi_bar(rng, "group")
    fig.update_layout(bargroupgap=float(rng.uniform(0, 0.2)))
    return _render(rng, fig, f"grouped,{tag}", legend=rng.random() < 0.85)


@renderer("histogram", LIB)
def histogram_plotly(rng: np.random.Generator) -> Rendered:
    k = 1 if rng.random() < 0.7 else int(rng.integers(2, 4))
    cols = _colors(rng)
    fig = go.Figure()
    for i in range(k):
        kind = rng.integers(3)
        n = int(rng.integers(200, 3000))
        x = rng.normal(rng.uniform(0, 50), rng.uniform(3, 15), n) if kind == 0 else (rng.gamma(2, rng.uniform(2, 10), n) if kind == 1 else np.concatenate([rng.normal(0, 1, n // 2), rng.normal(3, 1, n // 2)]))
        fig.add_histogram(x=x, nbinsx=int(rng.integers(10, 60)), name=text.words(rng, 1)[0], marker_color=cols[i % len(cols)],
                          opacity=0.65 if k > 1 else 1.0, marker_line_width=float(rng.choice([0, 0, 1])), marker_line_color="white")
    fig.update_layout(barmode="overlay", bargap=float(rng.choice([0, 0, 0.02, 0.05])))
    return _render(rng, fig, "hist", legend=k > 1)


@renderer("population_pyramid", LIB)
def population_pyramid_plotly(rng: np.random.Generator) -> Rendered:
    step = int(rng.choice([5, 5, 10]))
    ages = [f"{a}-{a + step - 1}" for a in range(0, 90, step)] + ["90+"]
    n = len(ages)
    base = np.exp(-np.linspace(0, rng.uniform(1.5, 4), n)) * rng.uniform(0.5, 1.5) + rng.uniform(0, 0.3, n) * np.linspace(1, 0, n)
    male = base * rng.uniform(0.9, 1.1, n) * 1000
    female = base * rng.uniform(0.9, 1.1, n) * 1000
    cols = _colors(rng)
    fig = go.Figure()
    fig.add_bar(y=ages, x=-male, orientation="h", name="Male", marker_color=cols[0], customdata=male)
    fig.add_bar(y=ages, x=female, orientation="h", name="Female", marker_color=cols[1])
    mx = float(max(male.max(), female.max()))
    ticks = np.linspace(-mx, mx, 5)
    fig.update_layout(barmode="relative", bargap=float(rng.uniform(0, 0.2)),
                      xaxis=dict(tickvals=ticks, ticktext=[f"{abs(t):.0f}" for t in ticks]))
    return _render(rng, fig, "pyramid", legend=rng.random() < 0.8)


# ------------------------------------------------------------------------------- lines and areas


def _x_axis(rng: np.random.Generator, n: int):
    if rng.random() < 0.5:
        start = np.datetime64("2015-01-01") + int(rng.integers(0, 3000))
        return start + np.arange(n) * int(rng.choice([1, 7, 30]))
    return np.arange(n) * float(rng.choice([1, 0.5, 10]))


@renderer("line", LIB)
def line_plotly(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(8, 200)), int(rng.integers(1, 6))
    x = _x_axis(rng, n)
    cols = _colors(rng)
    mode = str(rng.choice(["lines", "lines", "lines+markers"])) if n < 60 else "lines"
    fig = go.Figure()
    for i in range(k):
        y = np.cumsum(rng.normal(rng.normal(0, 0.3), 1, n)) + rng.uniform(0, 30)
        fig.add_scatter(x=x, y=y, mode=mode, name=text.words(rng, 1)[0] + str(i), line=dict(color=cols[i % len(cols)], width=float(rng.uniform(1, 4)),
                        dash=str(rng.choice(["solid", "solid", "dash", "dot"])), shape="spline" if rng.random() < 0.2 else "linear"))
    return _render(rng, fig, "line", legend=k > 1 and rng.random() < 0.9)


@renderer("area", LIB)
def area_plotly(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(10, 120)), int(rng.integers(1, 5))
    x = _x_axis(rng, n)
    cols = _colors(rng)
    stacked = k > 1 and rng.random() < 0.6
    fig = go.Figure()
    for i in range(k):
        y = np.abs(np.cumsum(rng.normal(0, 1, n)) + rng.uniform(5, 30))
        fig.add_scatter(x=x, y=y, mode="lines", name=text.words(rng, 1)[0], stackgroup="one" if stacked else None,
                        fill=None if stacked else ("tozeroy" if i == 0 or rng.random() < 0.7 else "tonexty"),
                        line=dict(color=cols[i % len(cols)], width=float(rng.uniform(0.5, 2.5))), groupnorm="percent" if stacked and i == 0 and rng.random() < 0.2 else None)
    return _render(rng, fig, "area" + (",stacked" if stacked else ""), legend=k > 1)


@renderer("stream", LIB)
def stream_plotly(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(30, 150)), int(rng.integers(4, 12))
    x = _x_axis(rng, n)
    t = np.linspace(0, 1, n)
    ys = []
    for _ in range(k):
        c, wdt = rng.uniform(0, 1), rng.uniform(0.05, 0.3)
        ys.append(rng.uniform(1, 10) * np.exp(-((t - c) ** 2) / (2 * wdt**2)) + np.abs(np.convolve(rng.normal(0, 0.4, n), np.ones(5) / 5, "same")))
    ys = np.array(ys)
    total = ys.sum(0)
    base = -total / 2  # silhouette (ThemeRiver) baseline
    if rng.random() < 0.5:  # wiggle
        base = base + np.convolve(rng.normal(0, total.mean() * 0.05, n), np.ones(9) / 9, "same")
    cols = _colors(rng) if rng.random() < 0.5 else px.colors.sample_colorscale(_cscale(rng), list(np.linspace(0, 1, k)))
    fig = go.Figure()
    fig.add_scatter(x=x, y=base, mode="lines", line=dict(width=0), showlegend=False, hoverinfo="skip")
    cum = base.copy()
    names = text.categories(rng, k)
    for i in range(k):
        cum = cum + ys[i]
        fig.add_scatter(x=x, y=cum, mode="lines", fill="tonexty", name=names[i], line=dict(width=float(rng.choice([0, 0.5])), color=cols[i % len(cols)], shape="spline"),
                        fillcolor=cols[i % len(cols)])
    fig.update_yaxes(showticklabels=rng.random() < 0.4, zeroline=False)
    return _render(rng, fig, "stream", legend=rng.random() < 0.7)


# ------------------------------------------------------------------------------- scatter family


@renderer("scatter", LIB)
def scatter_plotly(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(1, 5))
    cols = _colors(rng)
    fig = go.Figure()
    for i in range(k):
        n = int(rng.integers(20, 400))
        x = rng.normal(rng.uniform(0, 10), rng.uniform(0.5, 3), n)
        y = x * rng.normal(0, 1) + rng.normal(0, rng.uniform(0.5, 4), n)
        fig.add_scatter(x=x, y=y, mode="markers", name=text.words(rng, 1)[0],
                        marker=dict(size=float(rng.uniform(4, 10)), color=cols[i % len(cols)], opacity=float(rng.uniform(0.5, 1)),
                                    symbol=str(rng.choice(["circle", "circle", "square", "diamond", "x", "circle-open"])), line=dict(width=float(rng.choice([0, 0.5, 1])), color="white")))
    return _render(rng, fig, "scatter", legend=k > 1)


@renderer("bubble", LIB)
def bubble_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(8, 60))
    x, y = rng.uniform(0, 100, n), rng.uniform(0, 100, n)
    s = rng.uniform(5, 100, n) ** rng.uniform(1, 1.5)
    by_color = rng.random() < 0.5
    fig = go.Figure(go.Scatter(x=x, y=y, mode="markers+text" if rng.random() < 0.2 else "markers", text=text.categories(rng, n) if n < 25 else None,
                               marker=dict(size=s, sizemode="area", sizeref=2.0 * s.max() / (rng.uniform(35, 70) ** 2), color=rng.uniform(0, 1, n) if by_color else _colors(rng)[0],
                                           colorscale=_cscale(rng) if by_color else None, opacity=float(rng.uniform(0.5, 0.85)), line=dict(width=1, color="DarkSlateGrey"),
                                           showscale=bool(by_color and rng.random() < 0.5))))
    return _render(rng, fig, "bubble", legend=False)


@renderer("hexbin", LIB)
def hexbin_plotly(rng: np.random.Generator) -> Rendered:
    """Hexagon markers on a hexagonal lattice, coloured by point counts (plotly has no hexbin trace)."""
    n = int(rng.integers(500, 5000))
    x = rng.normal(0, 1, n)
    y = x * rng.uniform(-1, 1) + rng.normal(0, 1, n)
    gx = int(rng.integers(12, 30))
    dx = (x.max() - x.min()) / gx
    dy = dx * np.sqrt(3) / 2 * (np.ptp(y) / np.ptp(x))
    rows = int(np.ptp(y) / dy) + 2
    cx, cy, cnt = [], [], []
    for r in range(rows):
        yc = y.min() + r * dy
        off = dx / 2 if r % 2 else 0
        for c in range(gx + 2):
            cx.append(x.min() + c * dx + off)
            cy.append(yc)
    cx, cy = np.array(cx), np.array(cy)
    # assign each point to nearest centre (in scaled space)
    sx = (x[:, None] - cx[None, :]) / dx
    sy = (y[:, None] - cy[None, :]) / (dy / (np.sqrt(3) / 2))
    idx = np.argmin(sx**2 + sy**2, axis=1)
    cnt = np.bincount(idx, minlength=len(cx))
    keep = cnt > 0 if rng.random() < 0.8 else np.ones(len(cx), bool)
    w, h = _size(rng)
    tpl = _style(rng, (fig := go.Figure()), legend=False)
    ml, mr = fig.layout.margin.l or 60, fig.layout.margin.r or 40
    px_per_x = (w - ml - mr - 80) / (np.ptp(cx) + dx)
    size = px_per_x * dx * 1.12
    fig.add_scatter(x=cx[keep], y=cy[keep], mode="markers", marker=dict(symbol="hexagon", size=size, color=cnt[keep], colorscale=_cscale(rng), showscale=True, line=dict(width=0)))
    fig.update_xaxes(range=[cx.min() - dx, cx.max() + dx], showgrid=False)
    fig.update_yaxes(showgrid=False)
    return Rendered(_export(fig, w, h), f"{tpl},hexbin")


# ------------------------------------------------------------------------------- parts of a whole


def _pie(rng: np.random.Generator, hole: float) -> go.Figure:
    n = int(rng.integers(2, 9))
    vals = rng.dirichlet(np.ones(n) * rng.uniform(0.5, 3)) * 100
    pull = [float(rng.choice([0, 0.1])) if rng.random() < 0.2 else 0 for _ in range(n)]
    fig = go.Figure(go.Pie(labels=text.categories(rng, n), values=vals, hole=hole, pull=pull, sort=rng.random() < 0.5,
                           textinfo=str(rng.choice(["percent", "label+percent", "label", "none", "value"])), marker=dict(colors=_colors(rng), line=dict(color="white", width=float(rng.choice([0, 1, 2]))))))
    return fig


@renderer("pie", LIB)
def pie_plotly(rng: np.random.Generator) -> Rendered:
    return _render(rng, _pie(rng, 0.0), "pie", legend=rng.random() < 0.6, axes=False, square=True)


@renderer("donut", LIB)
def donut_plotly(rng: np.random.Generator) -> Rendered:
    fig = _pie(rng, float(rng.uniform(0.35, 0.7)))
    if rng.random() < 0.4:
        fig.add_annotation(text=f"{rng.integers(10, 999)}", showarrow=False, font_size=int(rng.integers(14, 30)))
    return _render(rng, fig, "donut", legend=rng.random() < 0.6, axes=False, square=True)


@renderer("treemap", LIB)
def treemap_plotly(rng: np.random.Generator) -> Rendered:
    labels, parents, values = _hierarchy(rng)
    fig = go.Figure(go.Treemap(labels=labels, parents=parents, values=values, branchvalues="total",
                               marker=dict(colorscale=_cscale(rng)) if rng.random() < 0.4 else None, textinfo="label" if rng.random() < 0.6 else "label+value",
                               tiling=dict(packing=str(rng.choice(["squarify", "squarify", "binary", "slice-dice"])))))
    return _render(rng, fig, "treemap", axes=False)


@renderer("sunburst", LIB)
def sunburst_plotly(rng: np.random.Generator) -> Rendered:
    labels, parents, values = _hierarchy(rng)
    fig = go.Figure(go.Sunburst(labels=labels, parents=parents, values=values, branchvalues="total", insidetextorientation="radial" if rng.random() < 0.4 else "auto",
                                marker=dict(colorscale=_cscale(rng)) if rng.random() < 0.3 else None))
    if rng.random() < 0.5:
        fig.update_layout(sunburstcolorway=_colors(rng))
    return _render(rng, fig, "sunburst", axes=False, square=True)


def _hierarchy(rng: np.random.Generator) -> tuple[list[str], list[str], list[float]]:
    labels, parents, values = [], [], []
    top = text.categories(rng, int(rng.integers(2, 7)))
    root = text.words(rng, 1)[0].title() if rng.random() < 0.5 else ""
    if root:
        labels.append(root)
        parents.append("")
        values.append(0.0)
    total = 0.0
    for t in top:
        sub_vals = []
        kids = int(rng.integers(0, 6))
        labels.append(t)
        parents.append(root)
        values.append(0.0)
        ti = len(values) - 1
        for j in range(kids):
            v = float(rng.exponential(20) + 1)
            lab = f"{t}-{text.words(rng, 1)[0][:6]}{j}"
            labels.append(lab)
            parents.append(t)
            values.append(v)
            sub_vals.append(v)
            if rng.random() < 0.3:  # third level
                gv = rng.dirichlet(np.ones(int(rng.integers(2, 4)))) * v
                for g, x in enumerate(gv):
                    labels.append(f"{lab}.{g}")
                    parents.append(lab)
                    values.append(float(x))
        values[ti] = float(sum(sub_vals)) if sub_vals else float(rng.exponential(20) + 1)
        total += values[ti]
    if root:
        values[0] = total
    return labels, parents, values


@renderer("waffle", LIB)
def waffle_plotly(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(2, 6))
    rows, cols_n = int(rng.choice([10, 10, 5, 8])), int(rng.choice([10, 10, 20, 15]))
    total = rows * cols_n
    shares = np.floor(rng.dirichlet(np.ones(k)) * total).astype(int)
    shares[0] += total - shares.sum()
    z = np.repeat(np.arange(k), shares).reshape(rows, cols_n) if rng.random() < 0.5 else np.repeat(np.arange(k), shares).reshape(cols_n, rows).T
    cols = _colors(rng)
    scale = [[i / k, cols[i % len(cols)]] for i in range(k)] + [[(i + 1) / k, cols[i % len(cols)]] for i in range(k)]
    scale = sorted(scale, key=lambda s: s[0])
    gap = int(rng.integers(1, 5))
    fig = go.Figure(go.Heatmap(z=z[::-1], colorscale=scale, zmin=0, zmax=k, xgap=gap, ygap=gap, showscale=False))
    names = text.categories(rng, k)
    for i in range(k):  # legend entries
        fig.add_scatter(x=[None], y=[None], mode="markers", marker=dict(symbol="square", size=12, color=cols[i % len(cols)]), name=f"{names[i]} ({shares[i]})")
    fig.update_xaxes(visible=False, scaleanchor="y", constrain="domain")
    fig.update_yaxes(visible=False)
    return _render(rng, fig, "waffle", legend=True, axes=False)


# ------------------------------------------------------------------------------- distributions


@renderer("box", LIB)
def box_plotly(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(2, 9))
    cats = text.categories(rng, k)
    cols = _colors(rng)
    horiz = rng.random() < 0.3
    one_colour = rng.random() < 0.5
    fig = go.Figure()
    for i in range(k):
        d = rng.normal(rng.uniform(0, 20), rng.uniform(1, 6), int(rng.integers(20, 200)))
        d = np.concatenate([d, rng.normal(d.mean(), d.std() * 4, int(rng.integers(0, 4)))])
        kw = dict(name=cats[i], marker_color=cols[0 if one_colour else i % len(cols)], boxpoints=str(rng.choice(["outliers", "outliers", "all", "suspectedoutliers"])) if rng.random() < 0.9 else False,
                  notched=bool(rng.random() < 0.15), boxmean=bool(rng.random() < 0.2), jitter=0.4)
        fig.add_box(**({"x": d} if horiz else {"y": d}), **kw)
    return _render(rng, fig, "box" + (",h" if horiz else ""), legend=False)


@renderer("violin", LIB)
def violin_plotly(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(2, 7))
    cats = text.categories(rng, k)
    cols = _colors(rng)
    split = rng.random() < 0.2
    fig = go.Figure()
    for i in range(k):
        n = int(rng.integers(50, 400))
        d = np.concatenate([rng.normal(rng.uniform(0, 10), rng.uniform(0.5, 3), n), rng.normal(rng.uniform(0, 10), 1, n // int(rng.integers(2, 8)))])
        if split:
            for s, side in enumerate(("negative", "positive")):
                fig.add_violin(x=[cats[i]] * len(d), y=d + s * rng.normal(0, 1), side=side, line_color=cols[s], name=["A", "B"][s], showlegend=i == 0, legendgroup=str(s))
        else:
            fig.add_violin(y=d, name=cats[i], line_color=cols[i % len(cols)], box_visible=bool(rng.random() < 0.5), meanline_visible=bool(rng.random() < 0.5),
                           points=str(rng.choice(["outliers", "all"])) if rng.random() < 0.3 else False)
    if split:
        fig.update_layout(violinmode="overlay")
    return _render(rng, fig, "violin" + (",split" if split else ""), legend=split)


@renderer("ridgeline", LIB)
def ridgeline_plotly(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(4, 12))
    cats = text.categories(rng, k)
    cols = _colors(rng) if rng.random() < 0.5 else px.colors.sample_colorscale(_cscale(rng), list(np.linspace(0.1, 0.9, k)))
    fig = go.Figure()
    shift = rng.normal(0, 1)
    for i in range(k):
        d = rng.normal(i * shift * 0.3 + rng.normal(0, 1), rng.uniform(0.6, 2), int(rng.integers(100, 500)))
        fig.add_violin(x=d, name=cats[i], line_color="black" if rng.random() < 0.3 else cols[i % len(cols)], fillcolor=cols[i % len(cols)], opacity=float(rng.uniform(0.6, 1)))
    fig.update_traces(orientation="h", side="positive", width=float(rng.uniform(2, 3.5)), points=False, meanline_visible=False)
    fig.update_layout(xaxis_showgrid=False, xaxis_zeroline=False)
    return _render(rng, fig, "ridgeline", legend=False)


# ------------------------------------------------------------------------------- matrices & fields


@renderer("heatmap", LIB)
def heatmap_plotly(rng: np.random.Generator) -> Rendered:
    kind = str(rng.choice(["matrix", "corr", "calendar"]))
    if kind == "corr":
        k = int(rng.integers(4, 12))
        a = rng.normal(0, 1, (50, k)) @ rng.normal(0, 1, (k, k))
        z = np.corrcoef(a.T)
        xs = ys = text.categories(rng, k)
        cs, zmid = str(rng.choice(["RdBu", "RdBu_r", "PiYG", "BrBG", "Picnic", "Tealrose"])), 0
    elif kind == "calendar":
        z = rng.poisson(rng.uniform(1, 6), (7, 53)).astype(float)
        xs, ys = list(range(1, 54)), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        cs, zmid = str(rng.choice(["Greens", "YlGn", "Blues", "Oranges"])), None
    else:
        r, c = int(rng.integers(4, 25)), int(rng.integers(4, 25))
        z = rng.normal(0, 1, (r, c)).cumsum(1) + rng.normal(0, 1, (r, 1))
        xs, ys = text.categories(rng, c), text.categories(rng, r)
        cs, zmid = _cscale(rng), None
    annotate = z.size <= 100 and rng.random() < 0.5
    gap = int(rng.choice([0, 0, 1, 2]))
    fig = go.Figure(go.Heatmap(z=z, x=xs, y=ys, colorscale=cs, zmid=zmid, xgap=gap, ygap=gap, texttemplate="%{z:.2f}" if annotate else None, showscale=rng.random() < 0.85))
    return _render(rng, fig, f"heatmap,{kind}", legend=False, axes=False)


def _field(rng: np.random.Generator, n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.linspace(-3, 3, n)
    y = np.linspace(-3, 3, n)
    X, Y = np.meshgrid(x, y)
    Z = np.zeros_like(X)
    for _ in range(int(rng.integers(1, 5))):
        cx, cy, s = rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(0.5, 1.5)
        Z += rng.choice([-1, 1]) * rng.uniform(0.5, 2) * np.exp(-((X - cx) ** 2 + (Y - cy) ** 2) / (2 * s**2))
    if rng.random() < 0.4:
        Z += 0.3 * np.sin(X * rng.uniform(1, 3)) * np.cos(Y * rng.uniform(1, 3))
    return x, y, Z


@renderer("contour", LIB)
def contour_plotly(rng: np.random.Generator) -> Rendered:
    x, y, Z = _field(rng)
    coloring = str(rng.choice(["fill", "fill", "lines", "heatmap"]))
    fig = go.Figure(go.Contour(x=x, y=y, z=Z, colorscale=_cscale(rng), ncontours=int(rng.integers(6, 25)),
                               contours=dict(coloring=coloring, showlabels=bool(rng.random() < 0.4)), line=dict(width=float(rng.uniform(0.5, 2))), showscale=rng.random() < 0.7))
    return _render(rng, fig, f"contour,{coloring}", legend=False)


@renderer("surface_3d", LIB)
def surface_plotly(rng: np.random.Generator) -> Rendered:
    x, y, Z = _field(rng, int(rng.integers(25, 60)))
    fig = go.Figure(go.Surface(x=x, y=y, z=Z, colorscale=_cscale(rng), showscale=rng.random() < 0.6,
                               contours=dict(z=dict(show=bool(rng.random() < 0.3), usecolormap=True, project_z=True))))
    if rng.random() < 0.3:
        fig.update_traces(hidesurface=False, contours_x=dict(show=True, color="black", width=1), contours_y=dict(show=True, color="black", width=1))
    eye = dict(x=float(rng.uniform(-2, 2)), y=float(rng.uniform(-2, 2)), z=float(rng.uniform(0.4, 1.5)))
    fig.update_layout(scene_camera=dict(eye=eye))
    return _render(rng, fig, "surface", legend=False, axes=False)


# ------------------------------------------------------------------------------- radial


@renderer("radar", LIB)
def radar_plotly(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(4, 10)), int(rng.integers(1, 4))
    axes_names = text.categories(rng, n)
    cols = _colors(rng)
    fig = go.Figure()
    for i in range(k):
        r = rng.uniform(1, 10, n)
        fig.add_scatterpolar(r=list(r) + [r[0]], theta=axes_names + [axes_names[0]], fill="toself" if rng.random() < 0.75 else None, name=text.words(rng, 1)[0],
                             line_color=cols[i % len(cols)], opacity=float(rng.uniform(0.6, 1)))
    fig.update_layout(polar=dict(gridshape="linear" if rng.random() < 0.5 else "circular", radialaxis=dict(visible=bool(rng.random() < 0.7))))
    return _render(rng, fig, "radar", legend=k > 1, axes=False, square=True)


@renderer("polar_area", LIB)
def polar_area_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.choice([6, 8, 12, 12, 16]))
    k = 1 if rng.random() < 0.6 else int(rng.integers(2, 4))
    theta = text.categories(rng, n) if rng.random() < 0.5 else [f"{int(a)}" for a in np.linspace(0, 360, n, endpoint=False)]
    cols = _colors(rng)
    fig = go.Figure()
    for i in range(k):
        r = rng.uniform(1, 10, n)
        fig.add_barpolar(r=r, theta=theta, name=text.words(rng, 1)[0], marker_color=cols[i % len(cols)] if k > 1 or rng.random() < 0.5 else cols[:n] * 2, marker_line_color="white", marker_line_width=1, opacity=0.9)
    fig.update_layout(polar=dict(bargap=float(rng.choice([0, 0, 0.05, 0.1])), radialaxis=dict(showticklabels=bool(rng.random() < 0.5))))
    return _render(rng, fig, "polar_area", legend=k > 1, axes=False, square=True)


@renderer("gauge", LIB)
def gauge_plotly(rng: np.random.Generator) -> Rendered:
    k = 1 if rng.random() < 0.75 else int(rng.integers(2, 4))
    fig = go.Figure()
    cols = _colors(rng)
    for i in range(k):
        mx = float(rng.choice([100, 100, 1, 200, 5000]))
        v = float(rng.uniform(0, mx))
        steps = [dict(range=[a * mx, b * mx], color=c) for a, b, c in [(0, 0.5, "#e8f5e9"), (0.5, 0.8, "#fff3e0"), (0.8, 1, "#ffebee")]] if rng.random() < 0.5 else []
        fig.add_trace(go.Indicator(mode=str(rng.choice(["gauge+number", "gauge+number+delta", "gauge"])), value=v, delta=dict(reference=v * rng.uniform(0.7, 1.3)),
                                   title=dict(text=text.words(rng, 1)[0].title()), domain=dict(x=[i / k, (i + 1) / k - 0.05], y=[0, 1]),
                                   gauge=dict(shape="angular", axis=dict(range=[0, mx]), bar=dict(color=cols[i % len(cols)], thickness=float(rng.uniform(0.2, 0.9))), steps=steps,
                                              threshold=dict(line=dict(color="red", width=3), value=mx * rng.uniform(0.6, 0.95)) if rng.random() < 0.5 else None)))
    return _render(rng, fig, "gauge", axes=False)


# ------------------------------------------------------------------------------- flows & processes


@renderer("sankey", LIB)
def sankey_plotly(rng: np.random.Generator) -> Rendered:
    layers = [int(rng.integers(2, 5)) for _ in range(int(rng.integers(2, 5)))]
    names, src, dst, val = [], [], [], []
    offs = np.cumsum([0] + layers)
    for li, n in enumerate(layers):
        names += [f"{c}" for c in text.categories(rng, n)]
    for li in range(len(layers) - 1):
        for a in range(layers[li]):
            for b in range(layers[li + 1]):
                if rng.random() < 0.7:
                    src.append(int(offs[li] + a))
                    dst.append(int(offs[li + 1] + b))
                    val.append(float(rng.exponential(10) + 1))
    cols = _colors(rng)
    node_cols = [cols[i % len(cols)] for i in range(len(names))]
    link_cols = [f"rgba(150,150,150,{rng.uniform(0.25, 0.5):.2f})"] * len(src) if rng.random() < 0.5 else [_rgba(node_cols[s], 0.4) for s in src]
    fig = go.Figure(go.Sankey(node=dict(label=names, color=node_cols, pad=int(rng.integers(8, 25)), thickness=int(rng.integers(10, 30))),
                              link=dict(source=src, target=dst, value=val, color=link_cols), orientation="h"))
    return _render(rng, fig, "sankey", axes=False)


@renderer("waterfall", LIB)
def waterfall_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 12))
    cats = text.categories(rng, n)
    vals = rng.normal(0, 20, n)
    vals[0] = abs(vals[0]) + 50
    measure = ["absolute"] + ["relative"] * (n - 1)
    if rng.random() < 0.7:
        cats = cats + ["Total"]
        measure = measure + ["total"]
        vals = np.append(vals, 0)
    cols = _colors(rng)
    fig = go.Figure(go.Waterfall(x=cats, y=vals, measure=measure, orientation="v", connector=dict(visible=bool(rng.random() < 0.7)),
                                 increasing=dict(marker_color=cols[0]), decreasing=dict(marker_color=cols[1]), totals=dict(marker_color=cols[2]),
                                 text=[f"{v:+.0f}" for v in vals] if rng.random() < 0.4 else None))
    return _render(rng, fig, "waterfall", legend=False)


@renderer("funnel", LIB)
def funnel_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 8))
    stages = [str(s) for s in rng.choice(["Visits", "Sign-ups", "Leads", "Trials", "Qualified", "Proposals", "Orders", "Paid", "Renewed", "Downloads", "Installs", "Active"], n, replace=False)]
    vals = np.sort(rng.uniform(0.3, 1, n))[::-1].cumprod() * rng.uniform(1e3, 1e5)
    cols = _colors(rng)
    if rng.random() < 0.2:
        fig = go.Figure(go.Funnelarea(values=vals, text=stages, marker=dict(colors=cols)))
    else:
        fig = go.Figure(go.Funnel(y=stages, x=vals, textinfo=str(rng.choice(["value", "value+percent initial", "percent previous", "label"])),
                                  marker=dict(color=cols[0] if rng.random() < 0.4 else cols[:n] * 2), connector=dict(visible=bool(rng.random() < 0.7))))
    return _render(rng, fig, "funnel", legend=False, axes=False)


@renderer("gantt", LIB)
def gantt_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 15))
    start = np.datetime64("2024-01-01") + int(rng.integers(0, 600))
    tasks, starts, ends, groups = [], [], [], []
    t = 0
    names = [f"{w.title()} {i + 1}" if rng.random() < 0.5 else f"Task {i + 1}" for i, w in enumerate(text.words(rng, n))]
    teams = text.categories(rng, int(rng.integers(1, 4)))
    for i in range(n):
        t = max(0, t + int(rng.integers(-5, 10)))
        dur = int(rng.integers(2, 30))
        tasks.append(names[i])
        starts.append(str(start + t))
        ends.append(str(start + t + dur))
        groups.append(str(rng.choice(teams)))
    import pandas as pd

    df = pd.DataFrame(dict(Task=tasks, Start=starts, Finish=ends, Team=groups))
    fig = px.timeline(df, x_start="Start", x_end="Finish", y="Task", color="Team" if len(teams) > 1 else None, color_discrete_sequence=_colors(rng))
    fig.update_yaxes(autorange="reversed", title_text=None)
    return _render(rng, fig, "gantt", legend=len(teams) > 1)


@renderer("candlestick", LIB)
def candlestick_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(20, 120))
    dates = np.datetime64("2020-01-01") + int(rng.integers(0, 1500)) + np.arange(n)
    open_, high, low, close = data.price_series(rng, n)
    ohlc = rng.random() < 0.25
    Trace = go.Ohlc if ohlc else go.Candlestick
    fig = go.Figure(Trace(x=dates, open=open_, high=high, low=low, close=close, name=text.words(rng, 1)[0].upper()[:4]))
    if rng.random() < 0.3:
        fig.add_scatter(x=dates, y=np.convolve(close, np.ones(5) / 5, "same"), mode="lines", name="MA5", line=dict(width=1.5))
    fig.update_layout(xaxis_rangeslider_visible=bool(rng.random() < 0.3))
    return _render(rng, fig, "ohlc" if ohlc else "candles", legend=False)


@renderer("parallel_coordinates", LIB)
def parallel_plotly(rng: np.random.Generator) -> Rendered:
    k, n = int(rng.integers(3, 8)), int(rng.integers(20, 300))
    base = rng.normal(0, 1, n)
    dims = []
    for name in text.categories(rng, k):
        v = base * rng.normal(0, 1) + rng.normal(0, 1, n)
        dims.append(dict(label=name, values=v * rng.uniform(1, 50) + rng.uniform(0, 100)))
    fig = go.Figure(go.Parcoords(line=dict(color=base, colorscale=_cscale(rng), showscale=bool(rng.random() < 0.4)), dimensions=dims))
    return _render(rng, fig, "parcoords", axes=False)


@renderer("lollipop", LIB)
def lollipop_plotly(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 20))
    cats = text.categories(rng, n)
    v = _series(rng, n)
    horiz = rng.random() < 0.5
    col = _colors(rng)[0]
    fig = go.Figure()
    dot = rng.random() < 0.2  # Cleveland dot plot: two dots joined by a line
    v2 = v * rng.uniform(0.5, 1.5, n)
    for i in range(n):
        a, b = (min(v[i], v2[i]), max(v[i], v2[i])) if dot else (0, v[i])
        xy = dict(x=[a, b], y=[cats[i]] * 2) if horiz else dict(x=[cats[i]] * 2, y=[a, b])
        fig.add_scatter(**xy, mode="lines", line=dict(color="grey" if rng.random() < 0.5 or dot else col, width=float(rng.uniform(1, 3))), showlegend=False)
    ms = float(rng.uniform(8, 16))
    fig.add_scatter(**(dict(x=v, y=cats) if horiz else dict(x=cats, y=v)), mode="markers", marker=dict(size=ms, color=col), name="a")
    if dot:
        fig.add_scatter(**(dict(x=v2, y=cats) if horiz else dict(x=cats, y=v2)), mode="markers", marker=dict(size=ms, color=_colors(rng)[1]), name="b")
    return _render(rng, fig, "lollipop" + (",dumbbell" if dot else ""), legend=dot)


@renderer("network", LIB)
def network_plotly(rng: np.random.Generator) -> Rendered:
    import networkx as nx

    n = int(rng.integers(8, 60))
    kind = rng.integers(3)
    seed = int(rng.integers(0, 2**31))
    g = nx.barabasi_albert_graph(n, int(rng.integers(1, 3)), seed=seed) if kind == 0 else (nx.watts_strogatz_graph(n, 4, 0.2, seed=seed) if kind == 1 else nx.random_geometric_graph(n, 0.25, seed=seed))
    pos = nx.spring_layout(g, seed=seed) if kind != 2 else nx.get_node_attributes(g, "pos")
    ex, ey = [], []
    for a, b in g.edges():
        ex += [pos[a][0], pos[b][0], None]
        ey += [pos[a][1], pos[b][1], None]
    deg = np.array([g.degree(i) for i in g.nodes()])
    fig = go.Figure()
    fig.add_scatter(x=ex, y=ey, mode="lines", line=dict(width=float(rng.uniform(0.5, 2)), color="#888"), hoverinfo="none")
    fig.add_scatter(x=[pos[i][0] for i in g.nodes()], y=[pos[i][1] for i in g.nodes()], mode="markers+text" if n < 20 and rng.random() < 0.5 else "markers",
                    text=[str(i) for i in g.nodes()], textposition="top center",
                    marker=dict(size=(6 + deg * rng.uniform(1, 3)) if rng.random() < 0.6 else float(rng.uniform(8, 18)), color=deg, colorscale=_cscale(rng), showscale=bool(rng.random() < 0.4), line_width=1))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _render(rng, fig, "network", legend=False, axes=False)


@renderer("choropleth", LIB)
def choropleth_plotly(rng: np.random.Generator) -> Rendered:
    gj = synthgeo.regions(rng, int(rng.integers(8, 60)))
    ids = [f["id"] for f in gj["features"]]
    z = rng.gamma(2, 10, len(ids)) if rng.random() < 0.6 else np.linspace(0, 1, len(ids))[rng.permutation(len(ids))]
    lon0, lat0, lon1, lat1 = gj["bbox"]
    fig = go.Figure(go.Choroplethmap(geojson=gj, locations=ids, z=z, colorscale=_cscale(rng), marker_line_width=float(rng.uniform(0.3, 1.5)),
                                     marker_line_color=str(rng.choice(["white", "black", "#444"])), showscale=bool(rng.random() < 0.85)))
    w, h = _size(rng)
    # web-mercator: at zoom z the world is 512*2^z px wide; fit the map into 55-85 % of the plot
    merc = lambda lat: np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))  # noqa: E731
    ppd = min(w / (lon1 - lon0), h / (merc(lat1) - merc(lat0))) * rng.uniform(0.55, 0.85)
    zoom = float(np.log2(ppd * 360 / 512))
    lat_c = float(np.degrees(2 * np.arctan(np.exp(np.radians((merc(lat0) + merc(lat1)) / 2))) - np.pi / 2))
    fig.update_layout(map_style="white-bg", map_center=dict(lon=(lon0 + lon1) / 2, lat=lat_c), map_zoom=zoom)
    return _render(rng, fig, "choropleth,synthetic", axes=False, size=(w, h))


# ------------------------------------------------------------------------------- trees, sets, chords


@renderer("dendrogram", LIB)
def dendrogram_plotly(rng: np.random.Generator) -> Rendered:
    import plotly.figure_factory as ff

    n = int(rng.integers(6, 40))
    k = int(rng.integers(2, 6))
    centres = rng.normal(0, 5, (k, 4))
    X = centres[rng.integers(0, k, n)] + rng.normal(0, 1, (n, 4))
    labels = text.categories(rng, n) if rng.random() < 0.6 else [f"S{i}" for i in range(n)]
    orient = str(rng.choice(["bottom", "bottom", "left", "right", "top"]))
    from scipy.cluster.hierarchy import linkage

    method = str(rng.choice(["single", "complete", "average", "ward"]))
    fig = ff.create_dendrogram(X, orientation=orient, labels=labels, linkagefun=lambda x: linkage(x, method),
                               color_threshold=float(rng.uniform(0.3, 0.8)) * 10 if rng.random() < 0.7 else None, colorscale=_colors(rng)[:8] if rng.random() < 0.5 else None)
    fig.update_traces(line_width=float(rng.uniform(1, 2.5)))
    return _render(rng, fig, f"dendrogram,{orient},{method}", legend=False)


@renderer("venn", LIB)
def venn_plotly(rng: np.random.Generator) -> Rendered:
    """Two or three translucent circles drawn as layout shapes, with set names and region counts."""
    k = 2 if rng.random() < 0.55 else 3
    cols = _colors(rng)
    r = 1.0
    d = float(rng.uniform(0.8, 1.4))
    centres = [(-d / 2, 0), (d / 2, 0)] if k == 2 else [(-d / 2, -d * 0.29), (d / 2, -d * 0.29), (0, d * 0.58)]
    fig = go.Figure()
    op = float(rng.uniform(0.25, 0.5))
    names = text.categories(rng, k)
    for i, (cx, cy) in enumerate(centres):
        fig.add_shape(type="circle", xref="x", yref="y", x0=cx - r, y0=cy - r, x1=cx + r, y1=cy + r, fillcolor=cols[i % len(cols)], opacity=op,
                      line=dict(color=cols[i % len(cols)] if rng.random() < 0.7 else "black", width=float(rng.uniform(1, 3))))
        lx, ly = cx * 1.9, cy * 1.9 + (0 if k == 3 else 1.15)
        fig.add_annotation(x=lx, y=ly, text=f"<b>{names[i]}</b>", showarrow=False, font_size=int(rng.integers(12, 20)))
    # region counts
    pts = [(-d / 2 - 0.45, 0), (d / 2 + 0.45, 0), (0, 0)] if k == 2 else [(-d / 2 - 0.4, -d * 0.4), (d / 2 + 0.4, -d * 0.4), (0, d * 0.58 + 0.45), (0, -d * 0.5), (-d * 0.35, d * 0.2), (d * 0.35, d * 0.2), (0, 0)]
    if rng.random() < 0.85:
        for x, y in pts:
            fig.add_annotation(x=x, y=y, text=str(int(rng.integers(1, 300))), showarrow=False, font_size=int(rng.integers(10, 16)))
    fig.add_scatter(x=[-2.6, 2.6], y=[-2.2, 2.3], mode="markers", marker_opacity=0, showlegend=False)
    fig.update_xaxes(visible=False, range=[-2.6, 2.6])
    fig.update_yaxes(visible=False, range=[-2.2, 2.3], scaleanchor="x")
    return _render(rng, fig, f"venn,{k}", legend=False, axes=False, square=True)


def _ribbon_path(a0: float, a1: float, b0: float, b1: float, r: float) -> str:
    """SVG path of a chord ribbon between arc [a0,a1] and arc [b0,b1] (radians) on a circle of radius r."""
    def pt(a):
        return r * np.cos(a), r * np.sin(a)

    def arc(s, e, steps=12):
        return " ".join(f"L {x:.4f},{y:.4f}" for x, y in (pt(t) for t in np.linspace(s, e, steps)))

    (x0, y0), (x2, y2) = pt(a0), pt(b0)
    return f"M {x0:.4f},{y0:.4f} {arc(a0, a1)} Q 0,0 {x2:.4f},{y2:.4f} {arc(b0, b1)} Q 0,0 {x0:.4f},{y0:.4f} Z"


@renderer("chord", LIB)
def chord_plotly(rng: np.random.Generator) -> Rendered:
    """Chord diagram from layout shapes: outer arcs per group and quadratic-Bezier ribbons between them."""
    n = int(rng.integers(3, 10))
    M = rng.exponential(1, (n, n)) * (rng.random((n, n)) < rng.uniform(0.4, 0.9))
    np.fill_diagonal(M, 0)
    tot = M.sum(1) + M.sum(0) + 1e-9
    gap = float(rng.uniform(0.02, 0.08))
    span = 2 * np.pi - gap * n
    starts = np.cumsum(np.r_[0, tot[:-1] / tot.sum() * span + gap])
    ends = starts + tot / tot.sum() * span
    cols = _colors(rng)
    fig = go.Figure()
    r_in, r_out = 1.0, float(rng.uniform(1.06, 1.15))
    pos = starts.copy()
    for i in range(n):
        a = np.linspace(starts[i], ends[i], 40)
        xs = np.r_[r_in * np.cos(a), r_out * np.cos(a[::-1])]
        ys = np.r_[r_in * np.sin(a), r_out * np.sin(a[::-1])]
        fig.add_scatter(x=xs, y=ys, fill="toself", mode="lines", line=dict(color=cols[i % len(cols)], width=0.5), fillcolor=cols[i % len(cols)], showlegend=False)
    scale = span / tot.sum()
    for i in range(n):
        for j in range(i + 1, n):
            if M[i, j] + M[j, i] <= 0:
                continue
            wi, wj = M[i, j] * scale + M[j, i] * scale * 0.0, M[j, i] * scale
            wi = (M[i, j] + M[j, i]) * scale / 2
            wj = wi
            a0, a1 = pos[i], pos[i] + wi
            b0, b1 = pos[j], pos[j] + wj
            pos[i] += wi
            pos[j] += wj
            src = i if M[i, j] >= M[j, i] else j
            fig.add_shape(type="path", path=_ribbon_path(a0, a1, b0, b1, r_in * 0.99), fillcolor=_rgba(cols[src % len(cols)], float(rng.uniform(0.45, 0.75))) if cols[src % len(cols)].startswith(("#", "rgb(")) else cols[src % len(cols)],
                          line=dict(width=0.3, color="rgba(0,0,0,0.3)"), layer="below")
    if rng.random() < 0.8:
        for i, name in enumerate(text.categories(rng, n)):
            m = (starts[i] + ends[i]) / 2
            fig.add_annotation(x=1.28 * np.cos(m), y=1.28 * np.sin(m), text=name, showarrow=False, font_size=int(rng.integers(9, 14)))
    fig.update_xaxes(visible=False, range=[-1.5, 1.5])
    fig.update_yaxes(visible=False, range=[-1.5, 1.5], scaleanchor="x")
    return _render(rng, fig, "chord", legend=False, axes=False, square=True)


# ------------------------------------------------------------------------------------------ web/news-graphic look


def _news(rng: np.random.Generator, fig: go.Figure, tags: str, legend: bool = False, size: tuple[int, int] | None = None) -> Rendered:
    """Export ``fig`` as a web news graphic: flat white page, light grid, bold left title + subtitle, source note."""
    ttl = text.title(rng, 0.1)
    sub = " ".join(text.words(rng, int(rng.integers(3, 8)))).capitalize() if rng.random() < 0.7 else ""
    head = (f"<b>{ttl}</b>" if ttl else "") + (f"<br><span style='font-size:0.8em;color:#666'>{sub}</span>" if sub else "")
    src = rng.random() < 0.6
    fig.update_layout(
        template="simple_white" if rng.random() < 0.5 else "plotly_white", showlegend=legend,
        font=dict(family=str(rng.choice(["Arial", "Helvetica", "Georgia", "Verdana", "Open Sans"])), size=int(rng.integers(10, 15)),
                  color="#333"),
        title=dict(text=head, x=0.01, xanchor="left") if head else None,
        margin=dict(l=int(rng.integers(30, 70)), r=int(rng.integers(15, 50)), t=(90 if sub else 60 if ttl else 20) + (30 if legend else 0), b=70 if src else 40),
        paper_bgcolor=str(rng.choice(["#ffffff", "#ffffff", "#ffffff", "#f7f7f2", "#fff1e5"])))
    fig.update_layout(plot_bgcolor=fig.layout.paper_bgcolor)
    fig.update_xaxes(showline=False, ticks="", gridcolor="#e5e5e5")
    fig.update_yaxes(showline=False, ticks="", gridcolor="#e5e5e5")
    if legend:
        fig.update_layout(legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", title=None))
    if src:
        fig.add_annotation(text=f"Source: {' '.join(text.words(rng, int(rng.integers(1, 4)))).title()}", xref="paper", yref="paper",
                           x=0, y=0, yshift=-45, showarrow=False, xanchor="left", font=dict(size=10, color="#888"))
    w, h = size or _size(rng)
    return Rendered(_export(fig, w, h), f"news,{tags}")


@renderer("gantt", "plotly-web")
def gantt_plotly_web(rng: np.random.Generator) -> Rendered:
    """Project timeline: phase-coloured task bars on a date axis on top, milestones, a today line, optional progress."""
    import pandas as pd

    n = int(rng.integers(5, 28))
    start = np.datetime64("2021-01-04") + int(rng.integers(0, 1500))
    phases = text.categories(rng, int(rng.integers(1, 5)))
    ph = np.sort(rng.integers(0, len(phases), n))
    t, rows = 0, []
    for i, w in enumerate(text.words(rng, n)):
        t = max(0, t + int(rng.integers(-3, 9)))
        d = int(rng.integers(2, 21))
        rows.append(dict(Task=f"{w.title()} {str(rng.choice(['review', 'build', 'setup', 'test', 'spec', '']))}".strip(),
                         Start=str(start + t), Finish=str(start + t + d), Phase=phases[ph[i]]))
    df = pd.DataFrame(rows).drop_duplicates("Task")
    fig = px.timeline(df, x_start="Start", x_end="Finish", y="Task", color="Phase" if len(phases) > 1 else None,
                      color_discrete_sequence=_colors(rng))
    fig.update_traces(marker_line_width=0, width=float(rng.uniform(0.5, 0.85)))
    fig.update_yaxes(autorange="reversed", title_text=None, showgrid=bool(rng.random() < 0.5))
    fig.update_xaxes(side=str(rng.choice(["top", "bottom"])), showgrid=True, dtick=86400000.0 * int(rng.choice([7, 7, 14])) if rng.random() < 0.5 else None,
                     tickformat=str(rng.choice(["%b %d", "%d %b", "%Y-%m-%d", "W%V"])))
    end = start + t + 25
    if rng.random() < 0.6:
        today = str(start + int(rng.integers(3, max(4, t))))
        fig.add_shape(type="line", x0=today, x1=today, yref="paper", y0=0, y1=1, line=dict(color="red", width=2, dash=str(rng.choice(["solid", "dash"]))))
    if rng.random() < 0.6:
        ms = df.sample(min(len(df), int(rng.integers(1, 4))), random_state=int(rng.integers(2**31)))
        fig.add_scatter(x=ms["Finish"], y=ms["Task"], mode="markers", marker=dict(symbol="diamond", size=12, color="#222"), showlegend=False)
    if rng.random() < 0.4:
        d = start
        while d < end:
            if (d.astype("datetime64[D]").view("int64") - 4) % 7 in (5, 6):  # 1970-01-01 was a Thursday
                fig.add_vrect(x0=str(d), x1=str(d + 1), fillcolor="#999", opacity=0.12, line_width=0, layer="below")
            d = d + 1
    return _news(rng, fig, "gantt", legend=len(phases) > 1)


@renderer("stacked_bar", "plotly-web")
def stacked_bar_plotly_web(rng: np.random.Generator) -> Rendered:
    """Many stacked (or 100 %) bars with 2-8 segments, thin or no gaps, values inside segments."""
    n, k = int(rng.integers(6, 31)), int(rng.integers(2, 9))
    cats = [str(y) for y in range(2024 - n, 2024)] if rng.random() < 0.4 else text.categories(rng, n)
    horiz = rng.random() < 0.45
    vals = rng.gamma(2, 1, (k, n)) * float(10 ** rng.integers(0, 4))
    cols = _colors(rng)
    fig = go.Figure()
    labels = rng.random() < 0.4 and n <= 15
    for j, name in enumerate(text.categories(rng, k)):
        xy = dict(x=vals[j], y=cats, orientation="h") if horiz else dict(x=cats, y=vals[j])
        fig.add_bar(**xy, name=name, marker=dict(color=cols[j % len(cols)], line=dict(width=float(rng.choice([0, 0, 1])), color="white")),
                    texttemplate="%{value:.0f}" if labels else None, textposition="inside")
    pct = rng.random() < 0.4
    fig.update_layout(barmode="stack", barnorm="percent" if pct else None, bargap=float(rng.choice([0.0, 0.05, 0.15, 0.3])))
    if horiz:
        fig.update_yaxes(autorange="reversed", showgrid=False)
    else:
        fig.update_xaxes(showgrid=False)
    return _news(rng, fig, "stacked,pct" if pct else "stacked", legend=True)


@renderer("area", "plotly-web")
def area_plotly_web(rng: np.random.Generator) -> Rendered:
    """Filled areas on a time axis: single (line or fill only), overlapping translucent, stacked or stepped."""
    n = int(rng.integers(24, 300))
    x = np.datetime64("2000-01-01") + int(rng.integers(0, 8000)) + np.arange(n) * int(rng.choice([1, 7, 30]))
    mode = str(rng.choice(["single", "single", "overlap", "stacked", "step"]))
    k = 1 if mode in ("single", "step") else int(rng.integers(2, 5))
    cols = _colors(rng)
    fig = go.Figure()
    for j, name in enumerate(text.categories(rng, k)):
        y = np.abs(np.cumsum(rng.normal(0, 1, n))) + rng.uniform(2, 10)
        line = dict(width=float(rng.choice([0, 1.5, 2.5])), color=cols[j % len(cols)], shape="hv" if mode == "step" else
                    str(rng.choice(["linear", "spline"])))
        fig.add_scatter(x=x, y=y, name=name, mode="lines", line=line, fill="tonexty" if mode == "stacked" and j else "tozeroy",
                        stackgroup="s" if mode == "stacked" else None, opacity=None,
                        fillcolor=None if mode != "overlap" else _rgba(cols[j % len(cols)], float(rng.uniform(0.25, 0.5))))
    fig.update_xaxes(showgrid=False)
    return _news(rng, fig, f"area,{mode}", legend=k > 1)


def _rgba(color: str, alpha: float) -> str:
    """A plotly colour ('#rrggbb' or 'rgb(r,g,b)') with transparency."""
    from plotly.colors import hex_to_rgb, unlabel_rgb

    r, g, b = hex_to_rgb(color) if color.startswith("#") else unlabel_rgb(color)
    return f"rgba({int(r)},{int(g)},{int(b)},{alpha})"


@renderer("heatmap", "plotly-web")
def heatmap_plotly_web(rng: np.random.Generator) -> Rendered:
    """Heatmap with gaps between cells: a week-by-hour grid, a calendar year, or an annotated matrix."""
    kind = str(rng.choice(["hours", "calendar", "matrix"]))
    if kind == "hours":
        z = rng.gamma(2, 1, (7, 24)) * (1 + np.sin(np.arange(24) / 24 * 2 * np.pi - 2))
        x, y = [f"{h}h" for h in range(24)], ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    elif kind == "calendar":
        z = rng.poisson(rng.uniform(0.5, 4), (7, 53)).astype(float)
        z[rng.random(z.shape) < 0.2] = 0
        x, y = [f"W{i + 1}" for i in range(53)], ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    else:
        r, k = int(rng.integers(4, 14)), int(rng.integers(4, 14))
        z = np.round(rng.normal(0, 1, (r, k)) + np.linspace(-1, 1, k), 1)
        x, y = text.categories(rng, k), text.categories(rng, r)
    gap = int(rng.choice([1, 2, 3]))
    cs = str(rng.choice(["Greens", "Blues", "YlOrRd", "Viridis", "RdBu", "Purples", "Teal"])) if kind != "matrix" else str(rng.choice(["RdBu", "PiYG", "PRGn", "BrBG", "Picnic"]))
    fig = go.Figure(go.Heatmap(z=z, x=x, y=y, xgap=gap, ygap=gap, colorscale=cs, showscale=bool(rng.random() < 0.6),
                               texttemplate="%{z}" if kind == "matrix" and rng.random() < 0.7 else None))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(showgrid=False, side=str(rng.choice(["top", "bottom"])))
    return _news(rng, fig, f"heatmap,{kind}")
