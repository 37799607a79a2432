"""Matplotlib line and area charts of kinds the rest of the corpus lacks. Lines: many busy overlapping
noisy series, few-point series with a marker at every point, step / cumulative / ECDF curves, analytics-style
time series with event spans, annotations and an overview strip, and small multiples of lines. Areas: one
spiky heavy-tailed series with a gradient or translucent fill, stacked areas of many layers, signed fills and
bands between two curves, overlapping translucent areas with strong outlines, and 100 % stacked shares."""

from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib.ticker import FuncFormatter, PercentFormatter

from training.corpus import text
from training.corpus.mpl_style import Chart, chart, data_scale, palette
from training.corpus.registry import Rendered, renderer

# ----------------------------------------------------------------------------------------------- helpers


def _dates(rng: np.random.Generator, n: int, freq: str) -> pd.DatetimeIndex:
    """``n`` timestamps at ``freq`` from a random start between 2000 and 2025."""
    start = pd.Timestamp(int(rng.integers(2000, 2026)), int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    return pd.date_range(start, periods=n, freq=freq)


def _date_ticks(c: Chart, ax=None) -> None:
    """Date ticks: concise, auto or a fixed strftime format, sometimes slanted."""
    rng, ax = c.rng, ax or c.ax
    loc = mdates.AutoDateLocator(maxticks=int(rng.integers(4, 9)))
    ax.xaxis.set_major_locator(loc)
    kind = int(rng.integers(0, 3))
    if kind == 0:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    elif kind == 1:
        ax.xaxis.set_major_formatter(mdates.DateFormatter(str(rng.choice(["%b %Y", "%Y-%m", "%b '%y", "%d %b",
                                                                          "%m/%d/%y"]))))
    else:
        ax.xaxis.set_major_formatter(mdates.AutoDateFormatter(loc))
    if kind != 0 and rng.random() < 0.6:
        ax.tick_params(axis="x", labelrotation=int(rng.choice([30, 45])))
        for t in ax.get_xticklabels():
            t.set_ha("right")


def _series_colors(c: Chart, k: int) -> list:
    """``k`` series colours: the chart's palette, or a wider one when there are many series."""
    if c.theme == "grayscale":
        return [c.colors[int(i)] for i in np.linspace(0, len(c.colors) - 1, k)]
    if k > len(c.colors) or c.rng.random() < 0.25:
        return palette(c.rng, k, str(c.rng.choice(["tab20", "tab10", "husl", "Paired", "tab20", "bright"])))
    return [c.colors[j % len(c.colors)] for j in range(k)]


def _legend(c: Chart, ax=None, k: int = 1, outside: float = 0.25) -> None:
    """A legend inside, outside right or below the axes, in one or several columns."""
    rng, ax = c.rng, ax or c.ax
    kw: dict = {"fontsize": str(rng.choice(["x-small", "small", "small"])), "frameon": bool(rng.random() < 0.6)}
    r = rng.random()
    if r < outside:
        kw.update(loc="upper left", bbox_to_anchor=(1.01, 1.0), ncol=1 if k <= 12 else 2)
    elif r < outside + 0.2:
        kw.update(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(k, int(rng.integers(3, 7))))
    else:
        kw.update(loc=str(rng.choice(["best", "upper left", "upper right", "lower left", "lower right"])),
                  ncol=1 if k <= 4 else int(rng.integers(1, 4)))
    if rng.random() < 0.15:
        kw["title"] = text.words(rng, 1)[0].capitalize()
    ax.legend(**kw)


def _xvalues(rng: np.random.Generator, n: int):
    """An x axis of ``n`` ordered values: dates, years, indices or a continuous range."""
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return _dates(rng, n, str(rng.choice(["D", "W", "MS", "h", "min"])))
    if kind == 1:
        return np.arange(n) + int(rng.choice([1950, 1980, 2000]))
    if kind == 2:
        return np.arange(n)
    return np.linspace(0, float(rng.choice([1, 10, 60, 100, 1000])), n)


def _spiky(rng: np.random.Generator, n: int) -> np.ndarray:
    """A positive heavy-tailed series: a low baseline with a few tall narrow peaks (bubbles, outbreaks, bursts)."""
    t = np.linspace(0, 1, n)
    y = np.full(n, float(rng.uniform(0.01, 0.1)))
    for _ in range(int(rng.integers(1, 5))):
        c0, w = rng.uniform(0.05, 0.95), rng.uniform(0.005, 0.06)
        h = rng.pareto(1.2) + rng.uniform(0.2, 1.0)
        if rng.random() < 0.5:  # asymmetric: fast rise, slow decay (or the reverse)
            s = np.where(t < c0, w * rng.uniform(0.3, 1.0), w * rng.uniform(1.0, 3.0))
            y += h * np.exp(-np.abs(t - c0) / s)
        else:
            y += h * np.exp(-((t - c0) ** 2) / (2 * w ** 2))
    y *= np.exp(rng.normal(0, float(rng.uniform(0.01, 0.12)), n))
    return y / y.max()


def _smooth_positive(rng: np.random.Generator, n: int, k: int, jagged: bool) -> np.ndarray:
    """``k`` positive layers on ``n`` points: slow bumps and trends, optionally noisy."""
    t = np.linspace(0, 1, n)
    out = []
    for _ in range(k):
        y = rng.uniform(0.2, 1.0) + rng.normal(0, 0.6) * t
        y = y + sum(rng.uniform(0.1, 0.6) * np.sin(2 * np.pi * rng.uniform(0.3, 3) * t + rng.uniform(0, 6))
                    for _ in range(int(rng.integers(1, 3))))
        if rng.random() < 0.4:
            y = y + rng.uniform(0.5, 2) * np.exp(-((t - rng.uniform(0, 1)) ** 2) / rng.uniform(0.01, 0.1))
        if jagged:
            y = y + np.cumsum(rng.normal(0, 0.06, n)) + rng.normal(0, 0.08, n)
        y = y - min(0.0, float(y.min())) + rng.uniform(0.05, 0.4)
        out.append(y)
    return np.array(out)


def _value_formatter(rng: np.random.Generator):
    """A y tick formatter with thousands separators, a currency sign or k/M suffixes (or None)."""
    r = rng.random()
    if r < 0.2:
        return FuncFormatter(lambda v, _p: f"{v:,.0f}")
    if r < 0.3:
        sym = str(rng.choice(["$", "€", "£"]))
        return FuncFormatter(lambda v, _p: f"{sym}{v:,.0f}")
    if r < 0.4:
        return FuncFormatter(lambda v, _p: f"{v / 1e3:g}k" if abs(v) >= 1e3 else f"{v:g}")
    return None


# -------------------------------------------------------------------------------------------------------- line


def _busy(rng: np.random.Generator, n: int, kind: int) -> np.ndarray:
    """One high-frequency series: a sensor signal, a random-walk price or an oscillation with noise."""
    t = np.linspace(0, 1, n)
    if kind == 0:  # sensor: slow drift + fast oscillation + noise
        y = (np.sin(2 * np.pi * rng.uniform(0.5, 3) * t + rng.uniform(0, 6)) * rng.uniform(0.5, 2)
             + np.sin(2 * np.pi * rng.uniform(20, 80) * t) * rng.uniform(0.1, 0.6) + rng.normal(0, rng.uniform(0.1, 0.4), n))
    elif kind == 1:  # finance-like random walk in log space
        y = 100 * np.exp(np.cumsum(rng.normal(rng.uniform(-0.0005, 0.001), rng.uniform(0.005, 0.03), n)))
    else:  # noisy oscillation around a level
        y = rng.uniform(-1, 1) + np.sin(2 * np.pi * rng.uniform(3, 15) * t + rng.uniform(0, 6)) * rng.uniform(0.2, 1) \
            + rng.normal(0, rng.uniform(0.2, 0.6), n)
    return y


@renderer("line", "matplotlib-busy")
def line_busy_overlap(rng: np.random.Generator) -> Rendered:
    """5-15 dense noisy or oscillating series (sensors, prices, signals) drawn as thin overlapping lines, often
    with a legend of many entries."""
    with chart(rng, aspect=(1.0, 3.0)) as c:
        k = int(rng.integers(5, 16))
        n = int(rng.choice([150, 300, 500, 1000, 2000]))
        kind = int(rng.integers(0, 3))
        x = _xvalues(rng, n)
        names = text.categories(rng, k)
        cols = _series_colors(c, k)
        lw = float(rng.uniform(0.4, 1.3))
        alpha = float(rng.uniform(0.6, 1.0))
        scale = data_scale(rng) if kind != 1 else 1.0
        offset = rng.random() < 0.15 and kind != 1
        for j in range(k):
            y = _busy(rng, n, kind) * scale
            if offset:
                y = y + j * scale * float(rng.uniform(1.0, 2.0))
            c.ax.plot(x, y, lw=lw, alpha=alpha, color=cols[j], label=names[j])
        if rng.random() < 0.7:
            c.ax.set_xlim(x[0], x[-1])
        if isinstance(x, pd.DatetimeIndex):
            _date_ticks(c)
        if kind == 0 and rng.random() < 0.3:
            c.ax.axhline(0, color=c.fg, lw=0.8, alpha=0.6)
        fmt = _value_formatter(rng) if kind == 1 else None
        if fmt is not None:
            c.ax.yaxis.set_major_formatter(fmt)
        c.decorate(legend=False, grid=True)
        if rng.random() < 0.75:
            _legend(c, k=k, outside=0.35)
        c.tags.append(f"busy{kind}")
    return c.rendered


@renderer("line", "matplotlib-markers")
def line_markers_every_point(rng: np.random.Generator) -> Rendered:
    """Several short series (5-20 points) joined by straight segments with a marker at every point: survey
    waves, yearly figures, benchmark results; sometimes value labels, dashed styles or hollow markers."""
    with chart(rng) as c:
        n = int(rng.integers(5, 21))
        k = int(rng.choice([1, 2, 2, 3, 3, 4, 5, 6]))
        cats = rng.random() < 0.35
        if cats:
            xl = [str(s) for s in (text.categories(rng, n, long_labels=0.0) if rng.random() < 0.4 else
                                   [f"{m} {y}" for y in range(2019, 2030) for m in ("Q1", "Q2", "Q3", "Q4")][:n])]
            x = np.arange(n)
        else:
            x = np.arange(n) + int(rng.choice([0, 1, 1990, 2005, 2010])) if rng.random() < 0.6 else \
                np.sort(rng.choice(np.arange(1, 200), n, replace=False)) * float(rng.choice([1, 0.1, 10]))
        names = text.categories(rng, k)
        cols = _series_colors(c, k)
        scale = data_scale(rng)
        markers = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "<"]
        one_marker = rng.random() < 0.4
        ms = float(rng.uniform(4, 10))
        lw = float(rng.uniform(1.0, 2.8))
        hollow = rng.random() < 0.25
        dashed = rng.random() < 0.2
        labels = rng.random() < 0.25 and k <= 2 and n <= 12
        for j in range(k):
            y = (rng.uniform(0.3, 1.0) + np.cumsum(rng.normal(rng.uniform(-0.05, 0.1), rng.uniform(0.05, 0.2), n))) \
                * scale
            m = "o" if one_marker else markers[j % len(markers)]
            c.ax.plot(x, y, marker=m, ms=ms, lw=lw, color=cols[j], label=names[j],
                      ls=["-", "--", "-.", ":"][j % 4] if dashed else "-",
                      mfc=c.bg if hollow else cols[j], mew=float(rng.uniform(1.0, 2.0)))
            if labels:
                fmt = "{:.2f}" if scale < 10 else "{:,.0f}"
                for xi, yi in zip(x, y):
                    c.ax.annotate(fmt.format(yi), (xi, yi), xytext=(0, 7), textcoords="offset points", ha="center",
                                  fontsize="x-small", color=cols[j])
        if cats:
            c.ax.set_xticks(x, xl)
            if max(len(s) for s in xl) > 5 or n > 10:
                c.ax.tick_params(axis="x", labelrotation=int(rng.choice([30, 45, 90])))
        elif x.dtype.kind == "i" and n <= 12:
            c.ax.set_xticks(x)
        if rng.random() < 0.3:
            c.ax.set_ylim(bottom=0)
        c.decorate(legend=k > 1 and rng.random() < 0.85, grid=True)
    return c.rendered


@renderer("line", "matplotlib-steps")
def line_steps_cumulative(rng: np.random.Generator) -> Rendered:
    """Monotone or stepped lines: ECDFs of a few samples, cumulative totals over time, survival (Kaplan-Meier
    like) curves and step-post/-pre series with vertical jumps; sometimes on a log axis."""
    with chart(rng) as c:
        kind = str(rng.choice(["ecdf", "cumsum", "survival", "step"]))
        k = int(rng.choice([1, 2, 3, 4, 5]))
        names = text.categories(rng, k)
        cols = _series_colors(c, k)
        lw = float(rng.uniform(1.0, 2.5))
        logx = False
        n = int(rng.integers(30, 400)) if kind == "cumsum" else int(rng.integers(8, 40))
        x = _xvalues(rng, n) if kind == "cumsum" else np.arange(n)
        scale = data_scale(rng)
        for j in range(k):
            if kind == "ecdf":
                m = int(rng.integers(15, 400))
                dist = int(rng.integers(0, 3))
                s = (rng.lognormal(rng.uniform(0, 3), rng.uniform(0.3, 1.2), m) if dist == 0 else
                     rng.normal(rng.uniform(-2, 2), rng.uniform(0.5, 2), m) if dist == 1 else rng.exponential(1, m))
                s = np.sort(s) * (10 if dist == 0 else 1)
                yv = np.arange(1, m + 1) / m * (100 if rng.random() < 0.3 else 1)
                c.ax.step(s, yv, where="post", lw=lw, color=cols[j], label=names[j])
                logx = logx or (dist == 0 and rng.random() < 0.5)
            elif kind == "cumsum":
                inc = rng.exponential(1, n) * (rng.random(n) < rng.uniform(0.3, 1.0)) * rng.uniform(0.3, 3)
                y = np.cumsum(inc) * scale + scale * 0.1
                c.ax.plot(x, y, lw=lw, color=cols[j], label=names[j],
                          drawstyle=str(rng.choice(["default", "steps-post"])))
            elif kind == "survival":
                m = int(rng.integers(20, 120))
                times = np.sort(rng.exponential(rng.uniform(5, 40), m))
                surv = np.cumprod(1 - 1 / np.arange(m, 0, -1))
                surv = np.concatenate([[1.0], surv[:-1] * rng.uniform(0.95, 1.0)])
                c.ax.step(np.concatenate([[0], times[:-1]]), surv, where="post", lw=lw, color=cols[j],
                          label=names[j])
                if rng.random() < 0.4:  # censoring ticks
                    idx = rng.choice(m, int(rng.integers(3, 10)), replace=False)
                    c.ax.plot(times[idx], surv[idx], "|", color=cols[j], ms=8)
            else:
                y = (np.cumsum(rng.choice([0, 0, 1, -1, 2], n) * rng.uniform(0.5, 2)) + rng.uniform(0, 10)) * scale
                c.ax.step(x, y, where=str(rng.choice(["post", "pre", "mid"])), lw=lw, color=cols[j], label=names[j])
                if rng.random() < 0.3:
                    c.ax.plot(x, y, "o", ms=3, color=cols[j])
        if kind == "cumsum" and isinstance(x, pd.DatetimeIndex):
            _date_ticks(c)
        if logx:
            c.ax.set_xscale("log")
        elif kind == "cumsum" and rng.random() < 0.3:
            c.ax.set_yscale("log")
        xlabel = ylabel = None
        if kind == "ecdf":
            ylabel = str(rng.choice(["Cumulative probability", "ECDF", "Proportion", "F(x)", "Cumulative share"]))
        elif kind == "survival":
            xlabel = str(rng.choice(["Time (months)", "Days", "Follow-up (years)", "Time"]))
            ylabel = str(rng.choice(["Survival probability", "Proportion surviving", "S(t)"]))
            c.ax.set_ylim(0, 1.05)
        elif kind == "cumsum":
            ylabel = str(rng.choice(["Cumulative total", "Cumulative count", "Total", ""])) or None
        c.tags.append(kind)
        c.decorate(legend=k > 1 and rng.random() < 0.85, xlabel=xlabel, ylabel=ylabel)
    return c.rendered


@renderer("line", "matplotlib-analytics")
def line_timeseries_events(rng: np.random.Generator) -> Rendered:
    """One long time series (often with a spike) on a date axis, like a web analytics or finance widget: shaded
    event spans, annotated points, reference lines, and sometimes an overview strip with a range selector below."""
    with chart(rng, aspect=(1.3, 3.0), tight=0.0) as c:
        n = int(rng.choice([120, 250, 365, 730, 1500]))
        freq = str(rng.choice(["D", "D", "h", "B", "W"]))
        x = _dates(rng, n, freq)
        t = np.linspace(0, 1, n)
        y = np.exp(np.cumsum(rng.normal(0, rng.uniform(0.005, 0.03), n))) * (1 + rng.uniform(-0.3, 1.0) * t)
        if rng.random() < 0.6:  # a spike
            i0 = int(rng.integers(n // 10, n - n // 10))
            y = y * (1 + rng.uniform(1, 6) * np.exp(-np.abs(np.arange(n) - i0) / rng.uniform(1, n / 40)))
        y = y * data_scale(rng) * float(rng.uniform(1, 9))
        overview = rng.random() < 0.4
        c.fig.clf()
        if overview:
            gs = c.fig.add_gridspec(2, 1, height_ratios=[float(rng.uniform(3.5, 6)), 1], hspace=float(rng.uniform(0.15, 0.4)))
            ax, ov = c.fig.add_subplot(gs[0]), c.fig.add_subplot(gs[1])
        else:
            ax, ov = c.fig.add_subplot(111), None
        c.ax = ax
        col = c.colors[0]
        lw = float(rng.uniform(0.8, 2.0))
        lo_i = int(n * rng.uniform(0.0, 0.5)) if overview and rng.random() < 0.6 else 0
        hi_i = int(lo_i + (n - lo_i) * rng.uniform(0.5, 1.0)) if lo_i else n
        hi_i = max(hi_i, lo_i + 20)
        ax.plot(x[lo_i:hi_i], y[lo_i:hi_i], color=col, lw=lw, label=text.categories(rng, 1)[0])
        if rng.random() < 0.3:
            win = max(3, (hi_i - lo_i) // int(rng.integers(10, 30)))
            ax.plot(x[lo_i:hi_i], pd.Series(y[lo_i:hi_i]).rolling(win, center=True, min_periods=1).mean(),
                    color=str(rng.choice(["#ff7f0e", "#d62728", "gray", c.colors[1]])), lw=lw * 1.5,
                    ls=str(rng.choice(["-", "--"])), label=f"{win}-period average")
        for _ in range(int(rng.choice([0, 1, 1, 2, 3]))):  # event spans
            a = int(rng.integers(lo_i, hi_i - 5))
            b = min(hi_i - 1, a + int(rng.integers(3, max(4, (hi_i - lo_i) // 6))))
            ax.axvspan(x[a], x[b], color=str(rng.choice(["#999999", "#ffcc00", "#d62728", "#2ca02c", c.colors[2]])),
                       alpha=float(rng.uniform(0.1, 0.3)), lw=0)
            if rng.random() < 0.6:
                ax.text(x[a], 0.97, " " + text.words(rng, 1)[0].capitalize(), transform=ax.get_xaxis_transform(),
                        va="top", fontsize="x-small", color=c.fg)
        if rng.random() < 0.6:  # annotate the max and maybe another point
            i = lo_i + int(np.argmax(y[lo_i:hi_i]))
            ax.plot(x[i], y[i], "o", color=col, ms=5)
            ax.annotate(str(rng.choice(["Peak", "All-time high", "Launch", "Outage", "Record", f"{y[i]:,.0f}"])),
                        (x[i], y[i]), xytext=(int(rng.integers(-60, 20)), int(rng.integers(-30, 10))),
                        textcoords="offset points", fontsize="small",
                        arrowprops={"arrowstyle": "->", "color": c.fg} if rng.random() < 0.7 else None, color=c.fg)
        if rng.random() < 0.3:
            ax.axhline(float(np.median(y[lo_i:hi_i])), color="gray", ls=":", lw=1)
        if rng.random() < 0.3:
            ax.fill_between(x[lo_i:hi_i], y[lo_i:hi_i], color=col, alpha=0.08, lw=0)
        ax.set_xlim(x[lo_i], x[hi_i - 1])
        fmt = _value_formatter(rng)
        if fmt is not None:
            ax.yaxis.set_major_formatter(fmt)
        if rng.random() < 0.3:
            ax.yaxis.tick_right()
        _date_ticks(c, ax)
        c.decorate(legend=rng.random() < 0.35, xlabel="" if rng.random() < 0.7 else None)
        if ov is not None:
            ov.plot(x, y, color=col, lw=0.7)
            ov.fill_between(x, y, color=col, alpha=0.15, lw=0)
            ov.axvspan(x[lo_i], x[hi_i - 1], color="#4a90d9" if not c.dark else "#888888", alpha=0.25, lw=1,
                       ec=c.fg)
            ov.set_xlim(x[0], x[-1])
            ov.set_yticks([])
            ov.tick_params(axis="x", labelsize="x-small")
            ov.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
            ov.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ov.xaxis.get_major_locator()))
            for s in ("top", "right", "left"):
                ov.spines[s].set_visible(False)
            if rng.random() < 0.5:
                for i, lab in enumerate(["1M", "3M", "6M", "YTD", "1Y", "All"][: int(rng.integers(3, 7))]):
                    c.fig.text(0.08 + i * 0.06, 0.985, lab, fontsize="x-small", va="top", color=c.fg,
                               bbox={"boxstyle": "round,pad=0.25", "fc": "none", "ec": "#999999", "lw": 0.6})
        c.fig.subplots_adjust(left=float(rng.uniform(0.08, 0.14)), right=float(rng.uniform(0.9, 0.97)),
                              bottom=float(rng.uniform(0.1, 0.18)), top=float(rng.uniform(0.82, 0.9)))
        c.tags.append("overview" if overview else "single")
    return c.rendered


@renderer("line", "matplotlib-smallmultiples")
def line_small_multiples(rng: np.random.Generator) -> Rendered:
    """Small multiples: a 2x2 to 3x4 grid of small line panels with shared axes and panel titles, one line per
    panel (sometimes with the other series in faint grey behind it)."""
    with chart(rng, tight=0.0, n_colors=12, aspect=(0.8, 2.2)) as c:
        rows, cols = int(rng.integers(2, 4)), int(rng.integers(2, 5))
        m = rows * cols - (int(rng.integers(1, cols)) if rng.random() < 0.2 else 0)
        c.fig.clf()
        axes = c.fig.subplots(rows, cols, sharex=True, sharey=str(rng.choice(["all", "all", "row", "none"])),
                              squeeze=False).ravel()
        n = int(rng.choice([20, 40, 80, 150]))
        x = _xvalues(rng, n)
        t = np.linspace(0, 1, n)
        base = rng.uniform(0.5, 2)
        ys = np.array([base + np.cumsum(rng.normal(rng.uniform(-0.02, 0.05), rng.uniform(0.03, 0.15), n))
                       + rng.uniform(0, 0.5) * np.sin(2 * np.pi * rng.uniform(0.5, 4) * t) for _ in range(m)])
        ys = ys * data_scale(rng)
        one = rng.random() < 0.4
        cols_ = [c.colors[0 if one else j % len(c.colors)] for j in range(m)]
        ghost = rng.random() < 0.35
        marker = str(rng.choice(["", "", "", "o", "."])) if n <= 40 else ""
        lw = float(rng.uniform(0.9, 2.0))
        names = text.categories(rng, m, long_labels=0.0)
        fs = float(matplotlib.rcParams["font.size"]) * float(rng.uniform(0.75, 1.0))
        for j, ax in enumerate(axes):
            if j >= m:
                ax.set_visible(False)
                continue
            if ghost:
                for y in ys:
                    ax.plot(x, y, color="#bbbbbb" if not c.dark else "#555555", lw=0.6, zorder=1)
            ax.plot(x, ys[j], color=cols_[j], lw=lw, marker=marker, ms=3, zorder=2)
            ax.set_title(names[j], fontsize=fs, loc=str(rng.choice(["center", "center", "left"])))
            ax.tick_params(labelsize=fs * 0.85)
            if rng.random() < 0.5 or c.theme in ("default", "classic"):
                ax.grid(bool(rng.random() < 0.6), alpha=0.4)
            if isinstance(x, pd.DatetimeIndex):
                ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=3))
                ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
            else:
                ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
        t_ = c.title(0.4)
        if t_:
            c.fig.suptitle(t_, fontsize=fs * 1.3)
        c.fig.subplots_adjust(hspace=float(rng.uniform(0.35, 0.6)), wspace=float(rng.uniform(0.15, 0.4)),
                              left=0.08, right=0.97, bottom=0.08, top=0.86 if t_ else 0.92)
        c.tags.append(f"{rows}x{cols}")
    return c.rendered


# -------------------------------------------------------------------------------------------------------- area


def _gradient_fill(ax, x, y, color, alpha: float, base: float = 0.0) -> None:
    """Fill under ``y`` with a vertical gradient from ``color`` (top) to transparent (bottom)."""
    xn = mdates.date2num(x) if isinstance(x, pd.DatetimeIndex) else np.asarray(x, dtype=float)
    rgb = mcolors.to_rgb(color)
    grad = np.zeros((100, 1, 4))
    grad[..., :3] = rgb
    grad[..., 3] = np.linspace(0, alpha, 100)[:, None]
    ymax = float(np.max(y))
    im = ax.imshow(grad, aspect="auto", extent=(xn[0], xn[-1], base, ymax), origin="lower", zorder=1)
    poly = ax.fill_between(xn, y, base, color="none", lw=0)
    im.set_clip_path(poly.get_paths()[0], transform=ax.transData)
    ax.set_xlim(xn[0], xn[-1])
    ax.set_ylim(base, ymax * 1.08)


@renderer("area", "matplotlib-spiky")
def area_spiky(rng: np.random.Generator) -> Rendered:
    """One area under a spiky, heavy-tailed series (a price bubble, daily cases, traffic bursts): tall narrow
    peaks over a low baseline, with a vertical gradient or a translucent fill and an outline."""
    with chart(rng, aspect=(1.1, 3.0)) as c:
        n = int(rng.choice([100, 200, 365, 600, 1000]))
        x = _dates(rng, n, str(rng.choice(["D", "D", "W", "h"]))) if rng.random() < 0.6 else np.arange(n)
        y = _spiky(rng, n) * data_scale(rng) * float(rng.uniform(1, 9))
        col = c.colors[int(rng.integers(0, 3))] if rng.random() < 0.6 else \
            str(rng.choice(["#f7931a", "#e45756", "#1f77b4", "#6a3d9a", "#2ca02c", "#ff7f0e"]))
        gradient = rng.random() < 0.5
        alpha = float(rng.uniform(0.35, 0.9))
        if gradient:
            _gradient_fill(c.ax, x, y, col, alpha)
            if isinstance(x, pd.DatetimeIndex):
                c.ax.xaxis_date()
        else:
            c.ax.fill_between(x, y, 0, color=col, alpha=alpha, lw=0)
            c.ax.set_xlim(x[0], x[-1])
            c.ax.set_ylim(bottom=0)
        if gradient or rng.random() < 0.7:
            xx = mdates.date2num(x) if gradient and isinstance(x, pd.DatetimeIndex) else x
            c.ax.plot(xx, y, color=col, lw=float(rng.uniform(0.8, 2.0)), zorder=2)
        if rng.random() < 0.3 and not gradient:
            win = int(rng.integers(5, 15))
            c.ax.plot(x, pd.Series(y).rolling(win, center=True, min_periods=1).mean(), color=c.fg, lw=1.2,
                      label=f"{win}-day average")
        if rng.random() < 0.4:
            i = int(np.argmax(y))
            xi = (mdates.date2num(x) if gradient and isinstance(x, pd.DatetimeIndex) else x)[i]
            c.ax.annotate(f"{y[i]:,.0f}" if y[i] >= 10 else f"{y[i]:.2f}", (xi, y[i]), xytext=(8, -4),
                          textcoords="offset points", fontsize="small", color=c.fg)
        fmt = _value_formatter(rng)
        if fmt is not None:
            c.ax.yaxis.set_major_formatter(fmt)
        if isinstance(x, pd.DatetimeIndex):
            _date_ticks(c)
        c.tags.append("gradient" if gradient else "flat")
        c.decorate(legend=rng.random() < 0.5, grid=True)
    return c.rendered


@renderer("area", "matplotlib-layers")
def area_stacked_many(rng: np.random.Generator) -> Rendered:
    """Stacked areas of 6-12 layers on a zero baseline, smooth or jagged, with a legend (often outside) or
    inline labels; white or no edges between the layers."""
    with chart(rng, aspect=(1.1, 2.6), n_colors=12) as c:
        k = int(rng.integers(6, 13))
        n = int(rng.choice([12, 20, 40, 80, 150, 300]))
        jagged = rng.random() < 0.45
        ys = _smooth_positive(rng, n, k, jagged) * data_scale(rng)
        x = _xvalues(rng, n)
        names = text.categories(rng, k)
        if c.theme == "grayscale":
            cols = [c.colors[int(i)] for i in np.linspace(0, len(c.colors) - 1, k)]
        elif rng.random() < 0.6:
            cols = palette(rng, k, str(rng.choice(["tab20", "tab10", "Set3", "Paired", "husl", "tab20", "Spectral_r",
                                                   "viridis", "plasma", "muted", "deep"])))
        else:
            cols = c.colors[:k]
        edge = rng.random() < 0.5
        c.ax.stackplot(x, ys, labels=names, colors=cols, alpha=float(rng.uniform(0.75, 1.0)),
                       edgecolor="white" if edge else "none", lw=float(rng.uniform(0.3, 1.0)) if edge else 0)
        c.ax.set_xlim(x[0], x[-1])
        c.ax.set_ylim(0, float(ys.sum(axis=0).max()) * float(rng.uniform(1.0, 1.15)))
        if isinstance(x, pd.DatetimeIndex):
            _date_ticks(c)
        fmt = _value_formatter(rng)
        if fmt is not None:
            c.ax.yaxis.set_major_formatter(fmt)
        c.decorate(legend=False, grid=True)
        if rng.random() < 0.2:
            tops = np.cumsum(ys, axis=0)
            mid = tops - ys / 2
            i = int(n * rng.uniform(0.5, 0.8))
            for j in range(k):
                if ys[j, i] > 0.06 * tops[-1, i]:
                    c.ax.text(x[i], mid[j, i], names[j], fontsize="x-small", ha="center", va="center",
                              color="black")
        elif rng.random() < 0.9:
            h, lab = c.ax.get_legend_handles_labels()
            if rng.random() < 0.5:
                h, lab = h[::-1], lab[::-1]
            kw: dict = {"fontsize": "x-small" if k > 8 else "small", "frameon": bool(rng.random() < 0.6)}
            r = rng.random()
            if r < 0.6 or k > 7:
                kw.update(loc="upper left", bbox_to_anchor=(1.01, 1.0))
            else:
                kw.update(loc="upper left", ncol=int(rng.integers(1, 4)))
            c.ax.legend(h, lab, **kw)
        c.tags.append("jagged" if jagged else "smooth")
    return c.rendered


@renderer("area", "matplotlib-between")
def area_signed_band(rng: np.random.Generator) -> Rendered:
    """Signed areas: one series filled above and below zero (or a baseline) in two colours, or the region between
    two curves shaded in the colour of whichever is higher (surplus / deficit, actual vs target)."""
    with chart(rng, aspect=(1.1, 3.0)) as c:
        n = int(rng.choice([40, 80, 150, 300, 600]))
        x = _xvalues(rng, n)
        t = np.linspace(0, 1, n)
        mode = str(rng.choice(["zero", "zero", "between", "between", "baseline"]))
        pairs = [("#2ca02c", "#d62728"), ("#1f77b4", "#d62728"), ("#d6604d", "#4393c3"), ("#1a9850", "#d73027"),
                 ("#ef8a62", "#67a9cf"), ("#e66101", "#5e3c99"), ("tab:green", "tab:orange")]
        pos, neg = pairs[int(rng.integers(len(pairs)))]
        if rng.random() < 0.3:
            pos, neg = c.colors[0], c.colors[1]
        alpha = float(rng.uniform(0.35, 0.9))
        scale = data_scale(rng)
        wig = sum(rng.uniform(0.3, 1.0) * np.sin(2 * np.pi * rng.uniform(1, 8) * t + rng.uniform(0, 6))
                  for _ in range(int(rng.integers(1, 4))))
        noise = np.cumsum(rng.normal(0, rng.uniform(0.01, 0.08), n))
        plabel = str(rng.choice(["Surplus", "Above", "Gain", "Positive", "Exports"]))
        nlabel = str(rng.choice(["Deficit", "Below", "Loss", "Negative", "Imports"]))
        if mode in ("zero", "baseline"):
            y = (wig + noise + rng.normal(0, rng.uniform(0, 0.1), n)) * scale
            b = 0.0 if mode == "zero" else float(rng.uniform(1, 5)) * scale
            y = y + b
            c.ax.fill_between(x, y, b, where=y >= b, interpolate=True, color=pos, alpha=alpha, lw=0, label=plabel)
            c.ax.fill_between(x, y, b, where=y < b, interpolate=True, color=neg, alpha=alpha, lw=0, label=nlabel)
            if rng.random() < 0.6:
                c.ax.plot(x, y, color=c.fg if rng.random() < 0.5 else "#555555", lw=float(rng.uniform(0.5, 1.5)))
            c.ax.axhline(b, color=c.fg, lw=float(rng.uniform(0.6, 1.2)), alpha=0.8)
        else:
            a = (rng.uniform(2, 5) + 0.5 * wig + noise) * scale
            bb = a + (sum(rng.uniform(0.3, 0.8) * np.sin(2 * np.pi * rng.uniform(0.5, 4) * t + rng.uniform(0, 6))
                          for _ in range(2)) + rng.normal(0, 0.05, n)) * scale
            names = text.categories(rng, 2)
            lw = float(rng.uniform(1.2, 2.5))
            ca = c.fg if rng.random() < 0.2 else pos
            c.ax.plot(x, a, color=ca, lw=lw, label=names[0])
            c.ax.plot(x, bb, color=neg, lw=lw, label=names[1], ls=str(rng.choice(["-", "-", "--"])))
            c.ax.fill_between(x, a, bb, where=a >= bb, interpolate=True, color=pos, alpha=alpha * 0.6, lw=0)
            c.ax.fill_between(x, a, bb, where=a < bb, interpolate=True, color=neg, alpha=alpha * 0.6, lw=0)
        c.ax.set_xlim(x[0], x[-1])
        if isinstance(x, pd.DatetimeIndex):
            _date_ticks(c)
        c.tags.append(mode)
        c.decorate(legend=rng.random() < 0.6, grid=True)
    return c.rendered


@renderer("area", "matplotlib-overlap")
def area_overlap_outlined(rng: np.random.Generator) -> Rendered:
    """2-4 overlapping translucent areas filled to zero, each with a strong outline line in its colour (sometimes
    with markers or a dashed line); often a legend."""
    with chart(rng) as c:
        k = int(rng.integers(2, 5))
        n = int(rng.choice([10, 15, 25, 50, 100, 200]))
        ys = _smooth_positive(rng, n, k, jagged=rng.random() < 0.4) * data_scale(rng)
        order = np.argsort(-ys.mean(axis=1))  # draw the biggest first so every area stays visible
        ys = ys[order]
        x = _xvalues(rng, n)
        names = text.categories(rng, k)
        cols = _series_colors(c, k)
        alpha = float(rng.uniform(0.15, 0.45))
        lw = float(rng.uniform(1.5, 3.0))
        marker = str(rng.choice(["o", "s", "D", "^"])) if n <= 25 and rng.random() < 0.4 else ""
        for j in range(k):
            c.ax.fill_between(x, ys[j], 0, color=cols[j], alpha=alpha, lw=0)
            c.ax.plot(x, ys[j], color=cols[j], lw=lw, marker=marker, ms=5, label=names[j],
                      ls="--" if rng.random() < 0.1 else "-")
        c.ax.set_xlim(x[0], x[-1])
        c.ax.set_ylim(0, float(ys.max()) * float(rng.uniform(1.05, 1.25)))
        if isinstance(x, pd.DatetimeIndex):
            _date_ticks(c)
        c.decorate(legend=rng.random() < 0.85, grid=True)
    return c.rendered


@renderer("area", "matplotlib-share")
def area_percent_stacked(rng: np.random.Generator) -> Rendered:
    """100 % stacked areas: the shares of 3-10 groups over time filling the whole plot, with a percentage axis,
    a legend or inline labels, and optional white separators."""
    with chart(rng, n_colors=10) as c:
        k = int(rng.integers(3, 11))
        n = int(rng.choice([10, 20, 30, 60, 120]))
        ys = _smooth_positive(rng, n, k, jagged=rng.random() < 0.3)
        shares = ys / ys.sum(axis=0)
        frac = rng.random() < 0.3
        shares = shares if frac else shares * 100
        x = _xvalues(rng, n) if rng.random() < 0.6 else np.arange(n) + int(rng.choice([1960, 1990, 2000]))
        names = text.categories(rng, k)
        if c.theme == "grayscale":
            cols = [c.colors[int(i)] for i in np.linspace(0, len(c.colors) - 1, k)]
        elif rng.random() < 0.4:
            cols = palette(rng, k, str(rng.choice(["tab10", "Set2", "Paired", "Pastel1", "viridis", "Spectral",
                                                   "coolwarm", "muted"])))
        else:
            cols = _series_colors(c, k)
        edge = rng.random() < 0.5
        c.ax.stackplot(x, shares, labels=names, colors=cols, alpha=float(rng.uniform(0.8, 1.0)),
                       edgecolor="white" if edge else "none", lw=float(rng.uniform(0.4, 1.2)) if edge else 0)
        c.ax.set_xlim(x[0], x[-1])
        c.ax.set_ylim(0, 1 if frac else 100)
        c.ax.yaxis.set_major_formatter(PercentFormatter(1.0 if frac else 100, decimals=0))
        if isinstance(x, pd.DatetimeIndex):
            _date_ticks(c)
        c.decorate(legend=False, ylabel=str(rng.choice(["Share", "Share of total", "Percent", "%", ""])) or None,
                   grid=True)
        if rng.random() < 0.35:
            mid = np.cumsum(shares, axis=0) - shares / 2
            i = int(n * rng.uniform(0.3, 0.7))
            for j in range(k):
                if shares[j, i] > (0.06 if frac else 6):
                    c.ax.text(x[i], mid[j, i], names[j], fontsize="x-small", ha="center", va="center",
                              color="white" if rng.random() < 0.5 else "black")
        elif rng.random() < 0.9:
            _legend(c, k=k, outside=0.45)
        c.tags.append("fraction" if frac else "percent")
    return c.rendered
