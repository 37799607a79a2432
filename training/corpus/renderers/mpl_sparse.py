"""Matplotlib charts with few or small marks, where a chart type's outline is all the model has to go on:
textbook scatter plots of 6-30 equal markers (not bubbles, not lollipops), Gantt charts of 3-9 tasks in a
staircase, bottom-up as often as top-down (not a waterfall), streamgraphs of 2-5 smooth layers (not stacked
areas) and line charts of a few oscillating series that cross each other (not candlesticks). Each boundary has
its other side too: candlesticks so thin and calm that a body is hardly bigger than a marker, and bubbles
whose areas differ by only 2.5-6 times."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import numpy as np
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from training.corpus import data, text
from training.corpus.mpl_style import chart, palette
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.mpl_box_gantt import _fit_ticklabels, _task_date_axis, _tasks
from training.corpus.renderers.mpl_xy import (
    _CANDLE_COLORS,
    _dates,
    _draw_candles,
    _series_date_axis,
    _size_legend,
    _xy_cloud,
)

_UNITS = [  # axis label and tick format of a measured quantity
    ("Temperature (°C)", "{:.0f}°C"), ("Sales ($)", "${:,.0f}"), ("Weight (kg)", "{:.0f}"), ("Height (cm)", "{:.0f}"),
    ("Age", "{:.0f}"), ("Price", "${:.2f}"), ("Score", "{:.0f}"), ("Share", "{:.0%}"), ("Hours studied", "{:.0f}"),
    ("Income (k$)", "{:.0f}k"), ("Speed (km/h)", "{:.0f}"), ("Rainfall (mm)", "{:.0f}"),
]


# --------------------------------------------------------------------------------------------------- scatter


@renderer("scatter", "matplotlib-sparse")
def scatter_sparse(rng: np.random.Generator) -> Rendered:
    """A textbook scatter plot: 6-30 markers of one size and shape (one or two groups) showing a rising,
    falling, curved or absent relation, with unit-bearing axis labels; sometimes a fitted line or point labels."""
    with chart(rng, aspect=(0.8, 1.8)) as c:
        n = int(rng.integers(6, 31))
        (xlab, xfmt), (ylab, yfmt) = (_UNITS[i] for i in rng.choice(len(_UNITS), 2, replace=False))
        x0, xs = float(rng.uniform(0, 50)), float(rng.uniform(5, 100))
        x = np.sort(rng.uniform(x0, x0 + xs, n)) if rng.random() < 0.5 else x0 + xs * rng.random(n)
        t = (x - x0) / xs
        shape = str(rng.choice(["rising", "rising", "falling", "curved", "none"]))
        trend = {"rising": t, "falling": -t, "curved": (t - 0.5) ** 2 * 4, "none": 0 * t}[shape]
        ys = float(rng.uniform(5, 500))
        y = ys * (1 + trend + rng.normal(0, rng.uniform(0.05, 0.4), n))
        if "%" in yfmt:
            y = (y - y.min()) / (np.ptp(y) + 1e-9) * 0.8 + 0.1
        groups = 2 if rng.random() < 0.3 else 1
        g = rng.integers(0, groups, n)
        marker = str(rng.choice(["o", "o", "o", "s", "D", "^", "x", "+", "*"]))
        size = float(rng.uniform(12, 90))
        hollow = marker in "os^D" and rng.random() < 0.2
        names = text.categories(rng, groups)
        for j in range(groups):
            col = c.colors[j] if groups > 1 or rng.random() < 0.6 else str(rng.choice(["black", "navy", "blue",
                                                                                       "#d62728", "darkgreen"]))
            col = "white" if c.dark and col in ("black", "navy") else col
            c.ax.scatter(x[g == j], y[g == j], s=size, marker=marker, label=names[j],
                         facecolors="none" if hollow else col, edgecolors=col, zorder=3,
                         linewidths=1.2 if hollow or marker in "x+" else float(rng.uniform(0, 0.8)))
        if rng.random() < 0.3 and shape != "none":
            deg = 2 if shape == "curved" else 1
            xx = np.linspace(x.min(), x.max(), 50)
            c.ax.plot(xx, np.polyval(np.polyfit(x, y, deg), xx), color=str(rng.choice(["grey", "#d62728", c.fg])),
                      ls=str(rng.choice(["-", "--", ":"])), lw=1.2, zorder=2)
        if rng.random() < 0.15:
            for i in rng.choice(n, size=min(n, int(rng.integers(2, 6))), replace=False):
                c.ax.annotate(text.words(rng, 1)[0].capitalize(), (x[i], y[i]), xytext=(4, 4),
                              textcoords="offset points", fontsize="x-small", color=c.fg)
        for axis, fmt in ((c.ax.xaxis, xfmt), (c.ax.yaxis, yfmt)):
            if rng.random() < 0.6:
                axis.set_major_formatter(FuncFormatter(lambda v, _p, f=fmt: f.format(v)))
        if rng.random() < 0.3:  # textbook look: big axis titles in a colour
            tcol = str(rng.choice(["#1f77b4", "#4472C4", "dimgray", "#2a6f97"]))
            c.ax.set_xlabel(xlab.split(" (")[0], fontsize="x-large", color=tcol)
            c.ax.set_ylabel(ylab.split(" (")[0], fontsize="x-large", color=tcol)
        else:
            c.ax.set_xlabel(xlab)
            c.ax.set_ylabel(ylab)
        c.decorate(legend=groups > 1, xlabel="", ylabel="")
        c.tags.append(f"{n}pts,{shape}")
    return c.rendered


# ----------------------------------------------------------------------------------------------------- gantt


@renderer("gantt", "matplotlib-staircase")
def gantt_staircase(rng: np.random.Generator) -> Rendered:
    """3-9 tasks one after another, so the bars form a staircase that climbs (first task at the bottom) as
    often as it falls; tasks named on the axis, inside the bars or only in a legend of coloured boxes, on a
    date, week or day axis."""
    with chart(rng, aspect=(1.0, 2.4), tight=0.95) as c:
        n = int(rng.integers(3, 10))
        start = dt.date(int(rng.integers(2010, 2028)), int(rng.integers(1, 13)), int(rng.integers(1, 28)))
        tasks = _tasks(rng, n, start, chain=float(rng.uniform(0.7, 1.0)), dur=(2, int(rng.integers(8, 40))))
        axis = str(rng.choice(["dates", "dates", "weeks", "days"]))
        x0s = np.array([(s - start).days for _, s, _d in tasks], dtype=float)
        durs = np.array([d for *_, d in tasks], dtype=float)
        if axis == "dates":
            x0s = x0s + mdates.date2num(start)
        elif axis == "weeks":
            x0s, durs = x0s / 7 + 1, np.maximum(durs / 7, 0.5)
        cols = palette(rng, n) if rng.random() < 0.6 else [c.colors[0]] * n
        h = float(rng.uniform(0.3, 0.75))
        labels = str(rng.choice(["axis", "axis", "inside", "legend"]))
        edge = str(rng.choice(["none", c.fg, "white"]))
        for i in range(n):
            c.ax.barh(i, durs[i], left=x0s[i], height=h, color=cols[i], edgecolor=edge, lw=0.6, zorder=2)
            if labels == "inside":
                c.ax.text(x0s[i] + durs[i] / 2, i, tasks[i][0], ha="center", va="center", fontsize="x-small",
                          color="white" if rng.random() < 0.6 else "black", clip_on=True, zorder=3)
        if rng.random() < 0.3:  # a milestone after the last task
            c.ax.scatter(x0s[-1] + durs[-1], n - 1, marker="D", s=60, color=str(rng.choice(["gold", "#d62728"])),
                         edgecolor=c.fg, zorder=4)
        if labels == "axis":
            c.ax.set_yticks(np.arange(n), [t[0] for t in tasks])
            _fit_ticklabels(c, n)
        else:
            c.ax.set_yticks([])
        if labels == "legend":
            c.ax.legend([Patch(color=col) for col in cols], [t[0] for t in tasks], fontsize="small",
                        loc=str(rng.choice(["upper left", "lower right", "center left"])), frameon=rng.random() < 0.6)
        climbs = rng.random() < 0.5
        c.ax.set_ylim((-0.7, n - 0.3) if climbs else (n - 0.3, -0.7))
        if axis == "dates":
            _task_date_axis(c)
        else:
            c.ax.xaxis.set_major_formatter(FuncFormatter(
                lambda v, _p, w="Week " if axis == "weeks" else "Day ": f"{w}{v:.0f}"))
        if rng.random() < 0.6:
            c.ax.grid(True, axis="x", alpha=float(rng.uniform(0.2, 0.5)), zorder=0)
            c.ax.set_axisbelow(True)
        c.decorate(legend=False, xlabel="" if rng.random() < 0.7 else None, ylabel="", grid=None)
        c.tags.append(f"{n}tasks,{'climbs' if climbs else 'falls'},{axis},{labels}")
    return c.rendered


# ---------------------------------------------------------------------------------------------------- stream


@renderer("stream", "matplotlib-few")
def stream_few(rng: np.random.Generator) -> Rendered:
    """A streamgraph of 2-5 layers made of a few smooth bumps each, stacked around a symmetric or wiggling
    baseline, translucent or outlined, often with its value axis kept (mirrored about zero)."""
    with chart(rng, aspect=(1.3, 3.0)) as c:
        k = int(rng.integers(2, 6))
        n = int(rng.integers(40, 200))
        t = np.linspace(0, 1, n)
        ys = np.zeros((k, n))
        for i in range(k):
            for _ in range(int(rng.integers(1, 5))):
                ys[i] += rng.uniform(0.3, 1.5) * np.exp(-((t - rng.uniform(-0.1, 1.1)) / rng.uniform(0.05, 0.3)) ** 2)
            ys[i] += rng.uniform(0.02, 0.2)
        ys *= float(rng.uniform(5, 500))
        x = t * float(rng.integers(10, 80)) + float(rng.integers(1950, 2015))
        if rng.random() < 0.4:
            x = mdates.date2num(dt.date(int(rng.integers(2000, 2024)), 1, 1)) + t * float(rng.integers(60, 1500))
        baseline = str(rng.choice(["sym", "sym", "wiggle", "weighted_wiggle"]))
        alpha = float(rng.uniform(0.5, 1.0))
        outline = rng.random() < 0.5
        names = text.categories(rng, k, long_labels=0.0)
        c.ax.stackplot(x, ys, baseline=baseline, labels=names, colors=c.colors[:k], alpha=alpha,
                       edgecolor=c.fg if outline else "none", lw=0.8)
        c.ax.set_xlim(x[0], x[-1])
        if x[0] > 10000:
            loc = mdates.AutoDateLocator(maxticks=int(rng.integers(4, 8)))
            c.ax.xaxis.set_major_locator(loc)
            c.ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
        if rng.random() < 0.5:
            c.ax.set_yticks([])
            c.ax.spines["left"].set_visible(False)
        else:
            c.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{abs(v):,.0f}"))
        if rng.random() < 0.4:
            c.ax.axhline(0, color=c.fg, lw=0.5, alpha=0.5)
        c.decorate(ylabel="" if rng.random() < 0.6 else None)
        c.tags.append(f"{k}layers,{baseline}")
    return c.rendered


# ------------------------------------------------------------------------------------------------------ line


@renderer("line", "matplotlib-oscillating")
def line_oscillating(rng: np.random.Generator) -> Rendered:
    """2-4 periodic series (sines of different periods, phases and noise) that keep crossing one another,
    20-150 points each, often with a marker at every point."""
    with chart(rng, aspect=(1.1, 2.6)) as c:
        k = int(rng.integers(2, 5))
        n = int(rng.integers(20, 151))
        x = np.linspace(0, float(rng.choice([1, 10, 12, 24, 100, 360])), n)
        markers = str(rng.choice(["", "", "o", ".", "s", "^"]))
        names = text.categories(rng, k)
        lw = float(rng.uniform(0.8, 2.2))
        for j in range(k):
            period = np.ptp(x) / float(rng.uniform(1, 5))
            y = float(rng.uniform(0.5, 2)) * np.sin(2 * np.pi * x / period + rng.uniform(0, 6))
            y = y + rng.normal(0, rng.uniform(0, 0.25), n) + float(rng.normal(0, 0.3))
            c.ax.plot(x, y, lw=lw, marker=markers or None, ms=float(rng.uniform(2.5, 6)), label=names[j])
        c.ax.set_xlim(x[0], x[-1])
        c.decorate()
        c.tags.append(f"{k}lines,{n}pts")
    return c.rendered


# ------------------------------------------------------------------------------- the other side of the boundary


@renderer("candlestick", "matplotlib-thin")
def candlestick_thin(rng: np.random.Generator) -> Rendered:
    """30-150 narrow candles of a calm price that trends a long way, so each body and wick is small against
    the axis: candles that read as short dashes or dots unless one looks at them."""
    with chart(rng, aspect=(1.2, 2.8)) as c:
        n = int(rng.integers(30, 151))
        o, h, lo, cl = (np.array(a) for a in data.price_series(rng, n))
        drift = np.linspace(0, float(rng.uniform(15, 60)) * float(rng.choice([-1, 1])), n)
        ohlc = np.array([a + drift for a in (o, h, lo, cl)])
        ohlc = ohlc - min(0.0, float(ohlc.min())) + 5
        x = mdates.date2num(_dates(rng, n, str(rng.choice(["B", "D", "W"]))))
        w = float(np.median(np.diff(x))) * float(rng.uniform(0.2, 0.5))
        up, down = _CANDLE_COLORS[int(rng.integers(len(_CANDLE_COLORS)))]
        _draw_candles(c, c.ax, x, ohlc, w, str(rng.choice(["filled", "filled", "hollow"])), up, down)
        _series_date_axis(c)
        if rng.random() < 0.4:
            c.ax.yaxis.tick_right()
        c.decorate(legend=False, xlabel="", ylabel=str(rng.choice(["Price", "Close ($)", "USD", ""])), grid=None)
        c.tags.append(f"{n}candles")
    return c.rendered


@renderer("bubble", "matplotlib-mild")
def bubble_mild(rng: np.random.Generator) -> Rendered:
    """8-60 translucent bubbles whose areas differ by only 2.5-6 times, one or a few colours, usually with the
    size legend that says they are bubbles."""
    with chart(rng) as c:
        n = int(rng.integers(8, 61))
        x, y = _xy_cloud(rng, n)
        z = rng.uniform(1, float(rng.uniform(2.5, 6)), n) * float(rng.choice([1, 10, 1000, 1e5]))
        sizes = z / z.max() * float(rng.uniform(150, 900))
        k = int(rng.choice([1, 1, 2, 3]))
        g = rng.integers(0, k, n)
        names = text.categories(rng, k)
        alpha = float(rng.uniform(0.4, 0.85))
        for j in range(k):
            m = g == j
            c.ax.scatter(x[m], y[m], s=sizes[m], color=c.colors[j], alpha=alpha, label=names[j],
                         edgecolors=str(rng.choice(["none", "white", c.fg])), linewidths=0.6)
        c.ax.margins(float(rng.uniform(0.08, 0.2)))
        c.decorate(legend=k > 1)
        if rng.random() < 0.85:
            _size_legend(c, z, sizes, loc=str(rng.choice(["lower right", "upper left"])))
        c.tags.append(f"{n}bubbles")
    return c.rendered
