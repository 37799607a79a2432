"""Matplotlib charts that sharpen the boundaries of box plots, Gantt charts and stacked bars against
candlesticks, waterfalls, lollipops and dendrograms: a few filled boxes along a date/period axis, horizontal
boxes, many narrow boxes with long whiskers and outlier columns, a few boxes over thousands of skewed values
with solid runs of outliers, boxes grouped by a hue, notched / mean-marked boxes in dark or web looks, textbook
boxes over a number line; task Gantt charts with milestones, a today line and dependency arrows, phase-coloured
Gantt bars with percent-complete fills, resource timelines with several labelled bars per row; horizontal 100 %
stacked bars with many rows, diverging (Likert) stacked bars centred on zero, and vertical stacks of many thin
segments with totals on top."""

from __future__ import annotations

import datetime as dt

import matplotlib
import matplotlib.dates as mdates
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.ticker import FuncFormatter, PercentFormatter

from training.corpus import text
from training.corpus.mpl_style import DIV_CMAPS, Chart, chart, data_scale, news_look, palette
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.mpl_bar_kinds import _rotate_if_long, _series_colors

_PEOPLE = (  # noqa: SIM905
    "Anna Ben Carla David Emma Felix Grace Hugo Ines Jonas Kira Liam Mia Noah Olga Paul Rosa Sam Tina Umar "
    "Vera Wim Yara Zoe"
).split()
_MACHINES = ["CNC-", "Press ", "Line ", "Oven ", "Room ", "Bay ", "Crane ", "Lathe ", "Server ", "Truck "]
_TASK_VERBS = (  # noqa: SIM905
    "Plan Design Build Test Review Deploy Research Draft Approve Migrate Train Audit Prototype Launch Document "
    "Procure Install Validate Integrate Survey Analyse Report Refactor Setup"
).split()


def _legend(c: Chart, handles: list, labels: list, *, outside_p: float = 0.25, ncol_p: float = 0.3) -> None:
    """A legend at a random place: inside, outside right, or in a row above/below the plot."""
    rng = c.rng
    kw: dict = {"fontsize": "small", "frameon": bool(rng.random() < 0.65)}
    u = rng.random()
    if u < outside_p:
        kw.update(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    elif u < outside_p + ncol_p:
        sup = getattr(c.fig, "_suptitle", None)
        titled = any(c.ax.get_title(loc=side) for side in ("center", "left", "right")) or bool(sup and sup.get_text())
        above = not titled and rng.random() < 0.7
        kw.update(loc="lower center" if above else "upper center", bbox_to_anchor=(0.5, 1.0 if above else -0.1 - (
            0.08 if c.ax.get_xlabel() else 0.0)), ncol=min(len(labels), int(rng.integers(2, 6))))
    else:
        kw.update(loc=str(rng.choice(["best", "upper right", "upper left", "lower right"])))
    if rng.random() < 0.15:
        kw["title"] = text.words(rng, 1)[0].capitalize()
    c.ax.legend(handles, labels, **kw)


def _fit_ticklabels(c: Chart, n: int, axis: str = "y") -> None:
    """Shrink the category tick labels of ``axis`` so that ``n`` of them fit the figure without overlapping."""
    w, h = c.size  # type: ignore[attr-defined]
    room = (h if axis == "y" else w) * 72 * 0.72 / max(n, 1)
    labels = c.ax.get_yticklabels() if axis == "y" else c.ax.get_xticklabels()
    if labels:
        fs = labels[0].get_fontsize()
        c.ax.tick_params(axis=axis, labelsize=max(4.0, min(fs, room * 0.85)))


def _box_samples(rng: np.random.Generator, k: int, n: tuple[int, int] = (20, 200), tails: float = 0.5,
                 scale: float | None = None) -> list:
    """``k`` samples with drifting centres and spreads; heavy tails (outliers) with probability ``tails``."""
    scale = data_scale(rng) if scale is None else scale
    centre = rng.uniform(2, 6)
    drift = rng.normal(0, 0.5)
    out = []
    for i in range(k):
        m = centre + drift * i / max(k - 1, 1) * 3 + rng.normal(0, 0.6)
        s = rng.uniform(0.4, 1.4)
        size = int(rng.integers(*n))
        kind = rng.random()
        if kind < 0.5:
            x = rng.normal(m, s, size)
        elif kind < 0.8:
            x = m - s + rng.gamma(float(rng.uniform(1.5, 4)), s * 0.6, size)
        else:
            x = m + s * rng.standard_t(float(rng.uniform(2, 5)), size)
        if rng.random() < tails:
            n_out = int(rng.integers(1, 6))
            x = np.concatenate([x, m + rng.choice([-1, 1], n_out) * s * rng.uniform(3, 5, n_out)])
        out.append(np.maximum(x, 0.05) * scale)
    return out


def _style_boxes(c: Chart, bp: dict, fills: list, *, alpha: float = 1.0, line: str | None = None,
                 median: str | None = None, lw: float = 1.0) -> None:
    """Fill the patch-artist boxes and colour whiskers, caps, medians and fliers."""
    line = line or c.fg
    for patch, col in zip(bp["boxes"], fills):
        patch.set_facecolor(col)
        patch.set_alpha(alpha)
        patch.set_edgecolor(line)
        patch.set_linewidth(lw)
    for key in ("whiskers", "caps"):
        for ln in bp[key]:
            ln.set_color(line)
            ln.set_linewidth(lw)
    for ln in bp["medians"]:
        ln.set_color(median or line)
        ln.set_linewidth(lw * c.rng.uniform(1.3, 2.5))
    for fl in bp["fliers"]:
        fl.set_markeredgecolor(line)


# ------------------------------------------------------------------------------------------------------- box


@renderer("box", "matplotlib-timeaxis")
def box_periods(rng: np.random.Generator) -> Rendered:
    """3-8 filled boxes along a period axis (quarters, years, months) or a real date axis, no raw points:
    every box with whiskers, caps and a median line; sometimes a line through the medians."""
    with chart(rng) as c:
        k = int(rng.integers(3, 9))
        data = _box_samples(rng, k, tails=0.6)
        year = int(rng.integers(2008, 2026))
        kind = str(rng.choice(["quarter", "year", "month", "date"]))
        if kind == "quarter":
            q0 = int(rng.integers(0, 4))
            labels = [f"Q{(q0 + i) % 4 + 1} {year + (q0 + i) // 4}" for i in range(k)]
            if rng.random() < 0.4:
                labels = [f"{year + (q0 + i) // 4}-Q{(q0 + i) % 4 + 1}" for i in range(k)]
        elif kind == "year":
            labels = [str(year - k + 1 + i) for i in range(k)]
        else:
            m0 = int(rng.integers(1, 13))
            months = [dt.date(year + (m0 - 1 + i) // 12, (m0 - 1 + i) % 12 + 1, 1) for i in range(k)]
            labels = [d.strftime(str(rng.choice(["%b %Y", "%b", "%Y-%m", "%m/%y"]))) for d in months]
        fills = palette(rng, k) if rng.random() < 0.55 else [c.colors[0]] * k
        notch = bool(rng.random() < 0.2)
        whis = float(rng.choice([1.5, 1.5, 1.5, 2.0, 3.0]))
        kw = dict(patch_artist=True, notch=notch, whis=whis, widths=float(rng.uniform(0.35, 0.75)),
                  showfliers=bool(rng.random() < 0.8),
                  flierprops={"marker": str(rng.choice(["o", "o", "d", "+", "x"])),
                              "markersize": float(rng.uniform(3, 6))})
        if kind == "date":
            pos = mdates.date2num(months)
            kw["widths"] = 30 * kw["widths"]
            bp = c.ax.boxplot(data, positions=pos, manage_ticks=False, **kw)
            c.ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
            c.ax.xaxis.set_major_formatter(mdates.DateFormatter(str(rng.choice(["%b %Y", "%Y-%m", "%b\n%Y"]))))
            c.ax.set_xlim(pos[0] - 25, pos[-1] + 25)
        else:
            pos = np.arange(1, k + 1)
            bp = c.ax.boxplot(data, positions=pos, **kw)
            c.ax.set_xticks(pos, labels)
            _rotate_if_long(c.ax, rng, labels, limit=8 if k < 6 else 5)
        line = str(rng.choice([c.fg, c.fg, "#333333" if not c.dark else "#dddddd", "#555555"]))
        _style_boxes(c, bp, fills, alpha=float(rng.uniform(0.55, 1.0)), line=line,
                     median=str(rng.choice([line, "white" if c.dark else "black", "#d62728", "orange"])),
                     lw=float(rng.uniform(0.8, 1.8)))
        if rng.random() < 0.3:
            meds = [float(np.median(d)) for d in data]
            c.ax.plot(pos, meds, color=str(rng.choice([c.fg, "#d62728", "#1f77b4"])), lw=1.0,
                      ls=str(rng.choice(["-", "--", ":"])), marker="o", ms=3, zorder=3)
        c.decorate(legend=False, xlabel=None if rng.random() < 0.5 else "")
        if rng.random() < 0.5:
            c.ax.grid(True, axis="y", alpha=float(rng.uniform(0.25, 0.6)))
            c.ax.set_axisbelow(True)
        c.tags.append(f"box-{kind}")
    return c.rendered


@renderer("box", "matplotlib-horizontal")
def box_horizontal(rng: np.random.Generator) -> Rendered:
    """Horizontal box plots: 3-14 categories down the y axis, often sorted by median, filled or hollow boxes,
    outlier dots, a reference line sometimes."""
    with chart(rng, aspect=(0.7, 2.2), tight=0.95) as c:
        k = int(rng.integers(3, 15))
        cats = text.categories(rng, k, long_labels=0.3)
        data = _box_samples(rng, k, tails=0.6)
        if rng.random() < 0.5:
            order = np.argsort([np.median(d) for d in data])
            data = [data[i] for i in order]
            cats = [cats[i] for i in order]
        fill_mode = rng.random()
        if fill_mode < 0.4:
            fills = palette(rng, k)
        elif fill_mode < 0.75:
            fills = [c.colors[int(rng.integers(0, 3))]] * k
        else:
            fills = ["none"] * k
        bp = c.ax.boxplot(data, vert=False, patch_artist=True, notch=bool(rng.random() < 0.15),
                          widths=float(rng.uniform(0.4, 0.8)), whis=float(rng.choice([1.5, 1.5, 2.0])),
                          showmeans=bool(rng.random() < 0.25),
                          meanprops={"marker": "D", "markerfacecolor": "white", "markeredgecolor": c.fg,
                                     "markersize": 4},
                          flierprops={"marker": str(rng.choice(["o", ".", "d"])), "markersize": float(rng.uniform(2, 5)),
                                      "alpha": 0.7})
        _style_boxes(c, bp, fills, alpha=float(rng.uniform(0.6, 1.0)), lw=float(rng.uniform(0.8, 1.6)),
                     median=str(rng.choice([c.fg, "#d62728", "orange", "white" if c.dark else "black"])))
        if fills[0] == "none":
            for patch, col in zip(bp["boxes"], palette(rng, k)):
                patch.set_edgecolor(col)
        c.ax.set_yticks(np.arange(1, k + 1), cats)
        if rng.random() < 0.25:
            ref = float(np.median(np.concatenate(data)))
            c.ax.axvline(ref, color=str(rng.choice(["#d62728", "grey", c.fg])), ls="--", lw=1)
        if rng.random() < 0.3:
            c.ax.set_xscale("log")
        c.decorate(legend=False, ylabel=None if rng.random() < 0.4 else "")
        if rng.random() < 0.5:
            c.ax.grid(True, axis="x", alpha=float(rng.uniform(0.25, 0.6)))
            c.ax.set_axisbelow(True)
    return c.rendered


@renderer("box", "matplotlib-manynarrow")
def box_many_narrow(rng: np.random.Generator) -> Rendered:
    """15-40 narrow boxes side by side with long whiskers and heavy tails, so that each column carries a
    vertical run of outlier dots (many-group benchmark / per-sample plots)."""
    with chart(rng, aspect=(1.3, 3.0)) as c:
        k = int(rng.integers(15, 41))
        scale = data_scale(rng)
        base = rng.uniform(2, 5) + np.cumsum(rng.normal(0, 0.15, k)) * (rng.random() < 0.6)
        data = []
        for i in range(k):
            size = int(rng.integers(40, 250))
            x = base[i] + rng.uniform(0.3, 1.0) * rng.standard_t(float(rng.uniform(1.8, 4)), size)
            if rng.random() < 0.5:
                x = np.abs(x) + rng.exponential(rng.uniform(0.5, 2), size)
            q1, q3 = np.percentile(x, [25, 75])
            reach = float(rng.uniform(3, 8)) * (q3 - q1)  # keep extreme t-tails from flattening the boxes
            data.append(np.clip(x, q1 - reach, q3 + reach) * scale)
        one_colour = rng.random() < 0.5
        fills = [c.colors[0]] * k if one_colour else palette(rng, k, name=str(rng.choice(
            ["tab20", "viridis", "husl", "Set3", "plasma", "tab10"])))
        flier_col = str(rng.choice([c.fg, "grey", "#d62728", "same"]))
        bp = c.ax.boxplot(data, patch_artist=True, widths=float(rng.uniform(0.3, 0.65)),
                          whis=float(rng.choice([1.5, 1.5, 2.0, 3.0])),
                          flierprops={"marker": str(rng.choice(["o", ".", ".", "+"])),
                                      "markersize": float(rng.uniform(1.5, 4)), "alpha": float(rng.uniform(0.4, 0.9)),
                                      "markerfacecolor": "none" if rng.random() < 0.5 else c.fg})
        _style_boxes(c, bp, fills, alpha=float(rng.uniform(0.7, 1.0)), lw=float(rng.uniform(0.6, 1.2)),
                     line=str(rng.choice([c.fg, "#444444" if not c.dark else "#cccccc"])))
        for fl, col in zip(bp["fliers"], fills):
            fl.set_markeredgecolor(col if flier_col == "same" else flier_col)
        lab_kind = rng.random()
        if lab_kind < 0.35:
            labels = [str(i + 1) for i in range(k)]
        elif lab_kind < 0.7:
            pre = str(rng.choice(["S", "P", "ID-", "chr", "run", "G"]))
            labels = [f"{pre}{i + 1}" for i in range(k)]
        else:
            start = dt.date(int(rng.integers(2010, 2026)), int(rng.integers(1, 13)), 1)
            labels = [(start + dt.timedelta(days=int(7 * i if k > 25 else 1 * i))).strftime("%m-%d") for i in range(k)]
        c.ax.set_xticks(np.arange(1, k + 1), labels)
        if k > 24 and rng.random() < 0.5:
            for i, t in enumerate(c.ax.get_xticklabels()):
                t.set_visible(i % 2 == 0)
        _rotate_if_long(c.ax, rng, labels, limit=3)
        if rng.random() < 0.2:
            c.ax.set_yscale("log")
        c.decorate(legend=False)
    return c.rendered


@renderer("box", "matplotlib-bigsamples")
def box_big_samples(rng: np.random.Generator) -> Rendered:
    """A few boxes over thousands of skewed values each, so that hundreds of outliers pile up into solid
    runs of dots beyond the whiskers (log-normal latencies, incomes, gene counts), upright or on their side."""
    with chart(rng, seaborn=bool(rng.random() < 0.4)) as c:
        k = int(rng.integers(2, 9))
        scale = data_scale(rng)
        skew = float(rng.uniform(0.4, 1.2))
        data = [rng.lognormal(rng.uniform(0, 1.5), skew * rng.uniform(0.7, 1.3), int(rng.integers(1000, 20000))) * scale
                for _ in range(k)]
        logged = rng.random() < 0.3
        if logged:
            data = [np.log10(d) for d in data]  # already on a log axis: outliers on both sides
        fills = [c.colors[0]] * k if rng.random() < 0.4 else c.colors[:k]
        vertical = bool(rng.random() < 0.7)
        bp = c.ax.boxplot(data, patch_artist=True, vert=vertical, widths=float(rng.uniform(0.3, 0.7)),
                          flierprops={"marker": str(rng.choice(["o", ".", "d"])), "markersize": float(rng.uniform(1.5, 5)),
                                      "alpha": float(rng.uniform(0.1, 0.7)),
                                      "markerfacecolor": "none" if rng.random() < 0.5 else c.fg})
        _style_boxes(c, bp, fills, alpha=float(rng.uniform(0.6, 1.0)), lw=float(rng.uniform(0.8, 1.5)))
        names = text.categories(rng, k)
        (c.ax.set_xticks if vertical else c.ax.set_yticks)(np.arange(1, k + 1), names)
        if vertical:
            _rotate_if_long(c.ax, rng, names, limit=3)
        if not logged and rng.random() < 0.3:
            (c.ax.set_yscale if vertical else c.ax.set_xscale)("log")
        c.decorate(legend=False)
    return c.rendered


@renderer("box", "matplotlib-hue")
def box_grouped_hue(rng: np.random.Generator) -> Rendered:
    """Boxes grouped by category and split by a hue of 2-4 colours with a legend; vertical or horizontal,
    tightly packed or gapped, outliers shown or not."""
    with chart(rng) as c:
        g = int(rng.integers(2, 7))
        h = int(rng.integers(2, 5))
        cats = text.categories(rng, g)
        hues = [str(s) for s in rng.choice(["Control", "Treatment", "Male", "Female", "2023", "2024", "2025",
                                            "Before", "After", "Model A", "Model B", "Model C", "Low", "Medium",
                                            "High", "Urban", "Rural"], h, replace=False)]
        if rng.random() < 0.4:
            hues = sorted(hues)
        cols = _series_colors(c, h)
        vert = rng.random() < 0.75
        group_w = float(rng.uniform(0.6, 0.9))
        w = group_w / h
        gap = float(rng.uniform(0.0, 0.2))
        flier = bool(rng.random() < 0.75)
        scale = data_scale(rng)
        line = str(rng.choice([c.fg, "#333333" if not c.dark else "#cccccc", "same"]))
        for j in range(h):
            data = _box_samples(rng, g, n=(20, 150), tails=0.4, scale=scale)
            pos = np.arange(g) - group_w / 2 + w * (j + 0.5)
            bp = c.ax.boxplot(data, positions=pos, widths=w * (1 - gap), patch_artist=True, vert=vert,
                              manage_ticks=False, showfliers=flier,
                              flierprops={"marker": "o", "markersize": float(rng.uniform(2, 4))})
            ln = cols[j] if line == "same" else line
            _style_boxes(c, bp, [cols[j]] * g, alpha=float(rng.uniform(0.6, 1.0)) if line != "same" else 0.45,
                         line=ln, median=ln if line != "same" else c.fg, lw=float(rng.uniform(0.8, 1.5)))
        if vert:
            c.ax.set_xticks(np.arange(g), cats)
            c.ax.set_xlim(-0.6, g - 0.4)
            _rotate_if_long(c.ax, rng, cats)
        else:
            c.ax.set_yticks(np.arange(g), cats)
            c.ax.set_ylim(-0.6, g - 0.4)
        if rng.random() < 0.4:
            for i in range(0, g, 2):
                (c.ax.axvspan if vert else c.ax.axhspan)(i - 0.5, i + 0.5, color="grey", alpha=0.08, lw=0)
        handles = [Patch(facecolor=col, edgecolor=c.fg if line != "same" else col) for col in cols]
        c.decorate(legend=False)
        _legend(c, handles, hues)
    return c.rendered


@renderer("box", "matplotlib-styled")
def box_styled(rng: np.random.Generator) -> Rendered:
    """Box plots in a dark dashboard or clean plotly-like web look: notched boxes and/or mean markers
    (dots, triangles or a dashed mean line), semi-transparent fills, light gridlines, no frame."""
    web = rng.random() < 0.55
    themes = ["darkmode", "dark_background", "default", "minimal"] if web else ["darkmode", "dark_background",
                                                                               "darkmode", "seaborn-v0_8-darkgrid"]
    with chart(rng, themes=themes, tight=0.0 if web else 0.8) as c:
        k = int(rng.integers(2, 10))
        cats = text.categories(rng, k)
        data = _box_samples(rng, k, tails=0.7)
        plotly_cols = ["#636EFA", "#EF553B", "#00CC96", "#AB63FA", "#FFA15A", "#19D3F3", "#FF6692", "#B6E880",
                       "#FF97FF", "#FECB52"]
        cols = plotly_cols[:k] if rng.random() < 0.5 else palette(rng, k)
        if rng.random() < 0.3:
            cols = [cols[0]] * k
        if web and not c.dark:
            c.ax.set_facecolor(str(rng.choice(["#E5ECF6", "white", "#F5F6F9"])))
        notch = bool(rng.random() < 0.55)
        mean_kind = str(rng.choice(["none", "marker", "marker", "line"]))
        bp = c.ax.boxplot(data, patch_artist=True, notch=notch, widths=float(rng.uniform(0.35, 0.7)),
                          showmeans=mean_kind != "none", meanline=mean_kind == "line",
                          meanprops={"marker": str(rng.choice(["o", "^", "D", "x"])), "markersize": 5,
                                     "markerfacecolor": "white", "markeredgecolor": c.fg, "color": c.fg,
                                     "linestyle": "--"},
                          flierprops={"marker": "o", "markersize": float(rng.uniform(2.5, 5)), "alpha": 0.8})
        alpha = float(rng.uniform(0.35, 0.8))
        for patch, col, fl in zip(bp["boxes"], cols, bp["fliers"]):
            patch.set_facecolor(col)
            patch.set_alpha(alpha)
            patch.set_edgecolor(col)
            patch.set_linewidth(1.8)
            fl.set_markerfacecolor(col)
            fl.set_markeredgecolor(col)
        for i, col in enumerate(cols):
            for key in ("whiskers", "caps"):
                for ln in bp[key][2 * i: 2 * i + 2]:
                    ln.set_color(col)
                    ln.set_linewidth(1.5)
            bp["medians"][i].set_color(str(rng.choice([col, c.fg])) if c.dark else col)
            bp["medians"][i].set_linewidth(2.2)
        # box outline opaque even though the fill is translucent
        for patch, col in zip(bp["boxes"], cols):
            patch.set_alpha(None)
            patch.set_facecolor((*matplotlib.colors.to_rgb(col), alpha))
        c.ax.set_xticks(np.arange(1, k + 1), cats)
        _rotate_if_long(c.ax, rng, cats)
        if web:
            news_look(c, grid="y", p_subtitle=0.4, p_source=0.3)
            if rng.random() < 0.6:
                c.ax.grid(True, axis="y", color="white" if not c.dark else "#3a3a3a", lw=1.0)
        else:
            c.decorate(legend=False)
            if mean_kind != "none" and rng.random() < 0.5:
                c.ax.legend([Line2D([], [], color=c.fg, lw=2), bp["means"][0]], ["Median", "Mean"],
                            fontsize="small", loc="best")
        c.tags.append("notch" if notch else "plain")
    return c.rendered


# ----------------------------------------------------------------------------------------------------- gantt


def _tasks(rng: np.random.Generator, n: int, start: dt.date, *, chain: float = 0.6,
           dur: tuple[int, int] = (3, 25)) -> list[tuple[str, dt.date, int]]:
    """``n`` tasks (name, start, duration in days), mostly following one another with overlaps."""
    out = []
    cur = start
    verbs = [str(v) for v in rng.choice(_TASK_VERBS, n, replace=n > len(_TASK_VERBS))]
    for i in range(n):
        d = int(rng.integers(*dur))
        if i and rng.random() < chain:
            prev_s, prev_d = out[-1][1], out[-1][2]
            s = prev_s + dt.timedelta(days=int(prev_d * rng.uniform(0.4, 1.15)))
        else:
            s = cur + dt.timedelta(days=int(rng.integers(0, 10)))
        cur = max(cur, s)
        name = verbs[i] if rng.random() < 0.5 else f"{verbs[i]} {text.words(rng, 1, non_english=0.0)[0]}"
        if rng.random() < 0.15:
            name = f"{i + 1}. {name}"
        out.append((name, s, d))
    return out


def _task_date_axis(c: Chart, axis: str = "x") -> None:
    """A date axis with a random tick format and density."""
    rng = c.rng
    ax = c.ax.xaxis if axis == "x" else c.ax.yaxis
    ax.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=int(rng.integers(5, 12))))
    fmt = str(rng.choice(["%b %d", "%d %b", "%m/%d", "%Y-%m-%d", "%d.%m.", "%b %d\n%Y", "W%W"]))
    ax.set_major_formatter(mdates.DateFormatter(fmt))
    if rng.random() < 0.3:
        c.ax.xaxis.tick_top()


@renderer("gantt", "matplotlib-tasks")
def gantt_tasks_deps(rng: np.random.Generator) -> Rendered:
    """Task rows named on the left, thin bars on a date axis, milestone diamonds, a 'today' line and
    dependency arrows from the end of one bar to the start of the next."""
    with chart(rng, aspect=(1.0, 2.6), tight=0.95) as c:
        n = int(rng.integers(5, 18))
        start = dt.date(int(rng.integers(2015, 2028)), int(rng.integers(1, 13)), int(rng.integers(1, 28)))
        tasks = _tasks(rng, n, start)
        h = float(rng.uniform(0.25, 0.6))
        one = rng.random() < 0.5
        cols = [c.colors[0]] * n if one else palette(rng, n)
        y = np.arange(n)
        rounded = rng.random() < 0.3
        for i, (_, s, d) in enumerate(tasks):
            x0 = mdates.date2num(s)
            c.ax.barh(i, d, left=x0, height=h, color=cols[i], edgecolor=str(rng.choice(["none", c.fg])) if not rounded
                      else "none", linewidth=0.6, zorder=2)
        # milestones: diamonds at the end of some tasks or on their own rows
        ms_col = str(rng.choice(["#d62728", c.fg, "#ff7f0e", "gold"]))
        n_ms = int(rng.integers(1, 4))
        for i in rng.choice(n, size=min(n_ms, n), replace=False):
            s, d = tasks[int(i)][1], tasks[int(i)][2]
            c.ax.scatter(mdates.date2num(s) + d, int(i), marker="D", s=float(rng.uniform(30, 80)), color=ms_col,
                         zorder=4, edgecolor=c.fg, linewidth=0.5)
        # dependency arrows
        arrow_col = str(rng.choice([c.fg, "grey", "#555555"]))
        for i in range(1, n):
            if rng.random() < 0.55:
                ps, pd_ = tasks[i - 1][1], tasks[i - 1][2]
                x0 = mdates.date2num(ps) + pd_
                x1 = mdates.date2num(tasks[i][1])
                c.ax.add_patch(FancyArrowPatch((x0, i - 1), (x1, i), arrowstyle="-|>", mutation_scale=8,
                                               connectionstyle="angle,angleA=0,angleB=90,rad=0" if x1 > x0 + 1
                                               else "arc3,rad=0.3", color=arrow_col, lw=0.8, zorder=3))
        ends = [mdates.date2num(s) + d for _, s, d in tasks]
        lo, hi = mdates.date2num(tasks[0][1]), max(ends)
        if rng.random() < 0.8:
            today = lo + (hi - lo) * float(rng.uniform(0.2, 0.8))
            tcol = str(rng.choice(["#d62728", "red", "#1f77b4", c.fg]))
            c.ax.axvline(today, color=tcol, ls=str(rng.choice(["--", "-", ":"])), lw=1.2, zorder=5)
            if rng.random() < 0.7:
                c.ax.text(today, -0.9, str(rng.choice(["Today", "today", "Now", "TODAY"])), color=tcol,
                          ha="center", va="bottom", fontsize="small")
        c.ax.set_yticks(y, [t[0] for t in tasks])
        _fit_ticklabels(c, n + 1)
        c.ax.set_ylim(n - 0.4, -1.1)
        c.ax.set_xlim(lo - (hi - lo) * 0.03, hi + (hi - lo) * 0.05)
        _task_date_axis(c)
        if rng.random() < 0.6:
            c.ax.grid(True, axis="x", alpha=float(rng.uniform(0.2, 0.5)), zorder=0)
        if rng.random() < 0.4:
            c.ax.legend([Patch(color=cols[0]), Line2D([], [], marker="D", ls="", color=ms_col)], ["Task", "Milestone"],
                        fontsize="small", loc="upper right")
        c.decorate(legend=False, xlabel="" if rng.random() < 0.7 else None, ylabel="", grid=None)
    return c.rendered


@renderer("gantt", "matplotlib-phases")
def gantt_phases(rng: np.random.Generator) -> Rendered:
    """Task bars coloured by project phase with a phase legend, an inner darker bar showing percent complete
    (often with the percentage written next to the bar)."""
    with chart(rng, aspect=(1.0, 2.4), tight=0.95) as c:
        n_ph = int(rng.integers(2, 6))
        phases = [str(s) for s in rng.choice(["Initiation", "Planning", "Design", "Development", "Testing",
                                              "Deployment", "Closure", "Research", "Build", "Launch"], n_ph,
                                             replace=False)]
        start = dt.date(int(rng.integers(2015, 2028)), int(rng.integers(1, 13)), 1)
        tasks, ph_of = [], []
        cur = start
        for p in range(n_ph):
            m = int(rng.integers(2, 5))
            ts = _tasks(rng, m, cur, chain=0.5, dur=(5, 30))
            tasks += ts
            ph_of += [p] * m
            cur = max(s + dt.timedelta(days=d) for _, s, d in ts) - dt.timedelta(days=int(rng.integers(0, 8)))
        n = len(tasks)
        cols = _series_colors(c, n_ph) if rng.random() < 0.5 else palette(rng, n_ph)
        h = float(rng.uniform(0.45, 0.8))
        ends = [mdates.date2num(s) + d for _, s, d in tasks]
        lo, hi = mdates.date2num(tasks[0][1]), max(ends)
        today = lo + (hi - lo) * float(rng.uniform(0.25, 0.75))
        show_pct = rng.random() < 0.6
        inner = str(rng.choice(["darker", "overlay", "stripe"]))
        for i, ((_, s, d), p) in enumerate(zip(tasks, ph_of)):
            x0 = mdates.date2num(s)
            pct = float(np.clip((today - x0) / d + rng.normal(0, 0.15), 0, 1))
            if inner == "darker":
                c.ax.barh(i, d, left=x0, height=h, color=cols[p], alpha=0.4, zorder=2)
                c.ax.barh(i, d * pct, left=x0, height=h, color=cols[p], zorder=3)
            elif inner == "overlay":
                c.ax.barh(i, d, left=x0, height=h, color=cols[p], zorder=2)
                c.ax.barh(i, d * pct, left=x0, height=h * 0.35, color="black" if not c.dark else "white",
                          alpha=0.45, zorder=3)
            else:
                c.ax.barh(i, d, left=x0, height=h, color=cols[p], zorder=2, edgecolor=c.fg, lw=0.5)
                c.ax.barh(i, d * pct, left=x0, height=h, color="none", hatch="///", edgecolor=c.fg, lw=0, zorder=3)
            if show_pct:
                c.ax.text(x0 + d + (hi - lo) * 0.01, i, f"{pct:.0%}", va="center", ha="left", fontsize="x-small",
                          color=c.fg)
        names = [t[0] for t in tasks]
        c.ax.set_yticks(np.arange(n), names)
        _fit_ticklabels(c, n)
        c.ax.set_ylim(n - 0.4, -0.6)
        if rng.random() < 0.4:  # phase bands
            i0 = 0
            for p in range(n_ph):
                m = ph_of.count(p)
                if p % 2 == 0:
                    c.ax.axhspan(i0 - 0.5, i0 + m - 0.5, color="grey", alpha=0.08, lw=0, zorder=0)
                i0 += m
        if rng.random() < 0.6:
            c.ax.axvline(today, color=str(rng.choice(["#d62728", c.fg, "#1f77b4"])), ls="--", lw=1, zorder=4)
        c.ax.set_xlim(lo - (hi - lo) * 0.02, hi + (hi - lo) * (0.08 if show_pct else 0.03))
        _task_date_axis(c)
        if rng.random() < 0.6:
            c.ax.grid(True, axis="x", alpha=0.35, zorder=0)
            c.ax.set_axisbelow(True)
        c.decorate(legend=False, xlabel="" if rng.random() < 0.7 else None, ylabel="", grid=None)
        _legend(c, [Patch(color=col) for col in cols], phases, outside_p=0.3, ncol_p=0.35)
    return c.rendered


@renderer("gantt", "matplotlib-resources")
def gantt_resources(rng: np.random.Generator) -> Rendered:
    """Resource schedule: rows are people, machines or rooms, each with several non-overlapping bars named
    inside (jobs, shifts, bookings) along a date or hour axis."""
    with chart(rng, aspect=(1.3, 2.8), tight=0.95) as c:
        n = int(rng.integers(3, 11))
        if rng.random() < 0.5:
            rows = [str(s) for s in rng.choice(_PEOPLE, n, replace=False)]
        else:
            pre = str(rng.choice(_MACHINES))
            rows = [f"{pre}{i + 1}" for i in range(n)]
        hours = rng.random() < 0.4
        span = float(rng.uniform(8, 16)) if hours else float(rng.integers(20, 90))
        t0 = dt.datetime(int(rng.integers(2018, 2028)), int(rng.integers(1, 13)), int(rng.integers(1, 28)),
                         int(rng.integers(6, 10)) if hours else 0)
        base = mdates.date2num(t0)
        unit = 1 / 24 if hours else 1.0
        n_jobs = int(rng.integers(3, 9))
        job_names = [f"{str(rng.choice(['Job', 'Order', 'WO', 'Task', 'P', '#']))}{int(rng.integers(100, 999))}"
                     if rng.random() < 0.5 else str(rng.choice(_TASK_VERBS)) for _ in range(n_jobs)]
        cols = _series_colors(c, n_jobs) if rng.random() < 0.5 else palette(rng, n_jobs)
        h = float(rng.uniform(0.5, 0.85))
        w_in, h_in = c.size  # type: ignore[attr-defined]
        fs = min(0.75 * float(matplotlib.rcParams["font.size"]), h_in * 72 * 0.6 / n * h)
        char_frac = fs * 0.62 / (w_in * 72 * 0.7)  # one character as a fraction of the time span
        txt_col = "white" if rng.random() < 0.6 else "black"
        edge = str(rng.choice(["none", "white", c.fg]))
        for r in range(n):
            t = float(rng.uniform(0, span * 0.15))
            while t < span * 0.95:
                d = float(rng.uniform(0.08, 0.3)) * span
                d = min(d, span - t)
                j = int(rng.integers(n_jobs))
                c.ax.barh(r, d * unit, left=base + t * unit, height=h, color=cols[j], edgecolor=edge, lw=0.8,
                          zorder=2)
                if d / span > char_frac * (len(job_names[j]) + 1.5):
                    c.ax.text(base + (t + d / 2) * unit, r, job_names[j], ha="center", va="center", color=txt_col,
                              fontsize=fs, clip_on=True, zorder=3)
                t += d + float(rng.exponential(span * 0.05))
        c.ax.set_yticks(np.arange(n), rows)
        _fit_ticklabels(c, n)
        c.ax.set_ylim(n - 0.4, -0.6)
        c.ax.set_xlim(base, base + span * unit)
        if hours:
            c.ax.xaxis.set_major_locator(mdates.HourLocator(interval=int(rng.choice([1, 2, 2, 3]))))
            c.ax.xaxis.set_major_formatter(mdates.DateFormatter(str(rng.choice(["%H:%M", "%H:00", "%I %p"]))))
            if rng.random() < 0.3:
                c.ax.xaxis.tick_top()
        else:
            _task_date_axis(c)
        if rng.random() < 0.7:
            c.ax.grid(True, axis="x", alpha=float(rng.uniform(0.2, 0.5)), zorder=0)
            c.ax.set_axisbelow(True)
        if rng.random() < 0.4:
            for r in range(0, n, 2):
                c.ax.axhspan(r - 0.5, r + 0.5, color="grey", alpha=0.07, lw=0, zorder=0)
        if rng.random() < 0.4:
            c.decorate(legend=False, xlabel="" if rng.random() < 0.7 else None, grid=None)
            _legend(c, [Patch(color=col) for col in cols], job_names, outside_p=0.5, ncol_p=0.4)
        else:
            c.decorate(legend=False, xlabel="" if rng.random() < 0.7 else None, grid=None)
    return c.rendered


# ----------------------------------------------------------------------------------------------- stacked bar


@renderer("stacked_bar", "matplotlib-100pct")
def stacked_hbar_100(rng: np.random.Generator) -> Rendered:
    """Horizontal 100 % stacked bars with many rows (10-25) and 2-7 segments, percent axis, optional
    in-segment labels and a legend above, beside or below."""
    with chart(rng, aspect=(0.6, 1.8), tight=0.95) as c:
        n = int(rng.integers(10, 26))
        k = int(rng.integers(2, 8))
        rows = text.categories(rng, n, long_labels=0.3)
        segs = text.categories(rng, k)
        raw = rng.dirichlet(np.full(k, float(rng.uniform(0.8, 4))), n)
        if rng.random() < 0.5:
            raw = raw[np.argsort(raw[:, 0])]
        pct = raw * 100
        if rng.random() < 0.3:
            cols = palette(rng, k, name=str(rng.choice(["viridis", "Blues_r", "cividis", "plasma", "Greens_r"])))
        else:
            cols = _series_colors(c, k)
        h = float(rng.uniform(0.55, 0.92))
        edge = str(rng.choice(["none", "white", "white", c.fg]))
        left = np.zeros(n)
        labels = rng.random() < 0.4
        for j in range(k):
            bars = c.ax.barh(np.arange(n), pct[:, j], left=left, height=h, color=cols[j], edgecolor=edge, lw=0.6,
                             label=segs[j])
            if labels:
                c.ax.bar_label(bars, labels=[f"{v:.0f}" if v >= 7 else "" for v in pct[:, j]], label_type="center",
                               fontsize="xx-small", color="white" if j % 2 == 0 else "black")
            left += pct[:, j]
        c.ax.set_yticks(np.arange(n), rows)
        _fit_ticklabels(c, n)
        c.ax.set_ylim(n - 0.5, -0.5) if rng.random() < 0.6 else c.ax.set_ylim(-0.5, n - 0.5)
        c.ax.set_xlim(0, 100)
        if rng.random() < 0.7:
            c.ax.xaxis.set_major_formatter(PercentFormatter(100, decimals=0))
        c.decorate(legend=False, ylabel="", xlabel="" if rng.random() < 0.6 else None, grid=None)
        _legend(c, [Patch(color=col) for col in cols], segs, outside_p=0.35, ncol_p=0.5)
    return c.rendered


@renderer("stacked_bar", "matplotlib-diverging")
def stacked_diverging(rng: np.random.Generator) -> Rendered:
    """Diverging stacked bars centred on zero (Likert scales, net sentiment): many rows, strong colours on
    both sides, the neutral share split across zero or left out, a zero line."""
    with chart(rng, aspect=(0.7, 2.0), tight=0.95) as c:
        n = int(rng.integers(8, 26))
        k = int(rng.choice([4, 5, 5, 6, 7]))
        scales = {4: ["Strongly disagree", "Disagree", "Agree", "Strongly agree"],
                  5: ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
                  6: ["Very poor", "Poor", "Fair", "Good", "Very good", "Excellent"],
                  7: ["1", "2", "3", "4", "5", "6", "7"]}
        names = scales[k] if rng.random() < 0.7 else [f"{text.words(rng, 1)[0].capitalize()}" for _ in range(k)]
        rows = [f"Q{i + 1}" if rng.random() < 0.3 else " ".join(text.words(rng, int(rng.integers(1, 4)))).capitalize()
                for i in range(n)]
        rows = [f"{r} {i + 1}" if rows.count(r) > 1 else r for i, r in enumerate(rows)]
        cm = str(rng.choice(DIV_CMAPS))
        cols = palette(rng, k, name=cm)
        if rng.random() < 0.3:  # strong hand-picked two-sided colours
            neg = ["#8b0000", "#d7301f", "#fc8d59"]
            pos = ["#91bfdb", "#2166ac", "#053061"]
            mid = ["#bbbbbb"] if k % 2 else []
            cols = neg[3 - k // 2:] + mid + pos[: k // 2]
        shares = rng.dirichlet(np.full(k, 1.0) + rng.uniform(0, 3, k), n) * 100
        order = np.argsort(shares[:, k // 2:].sum(1))
        if rng.random() < 0.6:
            shares = shares[order]
            rows = [rows[i] for i in order]
        mid_i = k // 2 if k % 2 else None
        drop_neutral = mid_i is not None and rng.random() < 0.3
        neg_tot = shares[:, : k // 2].sum(1)
        if mid_i is not None and not drop_neutral:
            neg_tot = neg_tot + shares[:, mid_i] / 2
        y = np.arange(n)
        h = float(rng.uniform(0.55, 0.9))
        edge = str(rng.choice(["none", "white", c.fg]))
        left = -neg_tot
        label_vals = rng.random() < 0.35
        for j in range(k):
            if drop_neutral and j == mid_i:
                continue
            bars = c.ax.barh(y, shares[:, j], left=left, height=h, color=cols[j], edgecolor=edge, lw=0.5)
            if label_vals:
                c.ax.bar_label(bars, labels=[f"{v:.0f}%" if v >= 8 else "" for v in shares[:, j]],
                               label_type="center", fontsize="xx-small")
            left = left + shares[:, j]
        c.ax.axvline(0, color=c.fg, lw=float(rng.uniform(0.8, 1.6)), zorder=4)
        lim = float(np.ceil(max(neg_tot.max(), (left).max()) / 10) * 10)
        c.ax.set_xlim(-lim, lim)
        c.ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}%"))
        c.ax.set_yticks(y, rows)
        _fit_ticklabels(c, n)
        c.ax.set_ylim(-0.6, n - 0.4)
        shown = [j for j in range(k) if not (drop_neutral and j == mid_i)]
        if rng.random() < 0.5:
            c.ax.grid(True, axis="x", alpha=0.3)
            c.ax.set_axisbelow(True)
        c.decorate(legend=False, ylabel="", xlabel="" if rng.random() < 0.6 else None, grid=None)
        _legend(c, [Patch(color=cols[j]) for j in shown], [names[j] for j in shown], outside_p=0.15, ncol_p=0.7)
    return c.rendered


@renderer("stacked_bar", "matplotlib-segments")
def stacked_thin_segments(rng: np.random.Generator) -> Rendered:
    """6-10 vertical stacked columns, each split into many (6-14) thin segments, with the column total
    written on top and a legend of the segments."""
    with chart(rng) as c:
        n = int(rng.integers(6, 11))
        k = int(rng.integers(6, 15))
        scale = data_scale(rng)
        cats = text.categories(rng, n)
        if rng.random() < 0.4:
            y0 = int(rng.integers(2000, 2020))
            cats = [str(y0 + i) for i in range(n)]
        segs = text.categories(rng, k)
        base = rng.gamma(float(rng.uniform(0.8, 3)), 1.0, k)
        trend = 1 + np.linspace(0, float(rng.uniform(-0.4, 1.2)), n)
        vals = np.outer(trend, base) * rng.uniform(0.6, 1.4, (n, k)) * scale / base.sum()
        pname = str(rng.choice(["tab20", "tab20", "husl", "viridis", "Spectral", "Paired", "Set3", "plasma", "turbo"]))
        cols = palette(rng, k, name=pname) if pname != "Spectral" else [
            matplotlib.colormaps["Spectral"](x) for x in np.linspace(0.05, 0.95, k)]
        if pname == "turbo":
            cols = [matplotlib.colormaps["turbo"](x) for x in np.linspace(0.1, 0.9, k)]
        w = float(rng.uniform(0.45, 0.85))
        edge = str(rng.choice(["white", "white", "none", c.fg]))
        bottom = np.zeros(n)
        x = np.arange(n)
        for j in range(k):
            c.ax.bar(x, vals[:, j], bottom=bottom, width=w, color=cols[j], edgecolor=edge, lw=0.5, label=segs[j])
            bottom += vals[:, j]
        fmt = "{:,.0f}" if bottom.max() >= 100 else "{:.1f}"
        longest = max(len(fmt.format(t)) for t in bottom)
        w_in = c.size[0]  # type: ignore[attr-defined]
        tot_fs = min(0.9 * float(matplotlib.rcParams["font.size"]), w_in * 72 * 0.6 / n / (0.62 * longest))
        for xi, tot in zip(x, bottom):
            c.ax.text(xi, tot + bottom.max() * 0.01, fmt.format(tot), ha="center", va="bottom", fontsize=tot_fs,
                      fontweight=str(rng.choice(["normal", "bold"])), color=c.fg)
        c.ax.set_ylim(0, bottom.max() * float(rng.uniform(1.08, 1.2)))
        c.ax.set_xticks(x, cats)
        _rotate_if_long(c.ax, rng, cats)
        handles = [Patch(color=col) for col in cols]
        if rng.random() < 0.5:  # legend order matching the stack (top segment first)
            handles, segs = handles[::-1], segs[::-1]
        c.decorate(legend=False, grid=None)
        _legend(c, handles, segs, outside_p=0.55, ncol_p=0.25)
        if rng.random() < 0.5:
            c.ax.grid(True, axis="y", alpha=0.3)
            c.ax.set_axisbelow(True)
    return c.rendered


@renderer("box", "matplotlib-textbook")
def box_number_line(rng: np.random.Generator) -> Rendered:
    """A textbook box-and-whisker plot: one to three horizontal boxes drawn over a bare number line (an
    arrowed axis with integer ticks, no frame or grid), whisker ends as short bars or dots, the five numbers
    written on sometimes, a label beside each box."""
    with chart(rng, aspect=(1.6, 4.0), themes=["default"] * 6 + ["classic", "seaborn-v0_8-white"], tight=0.9) as c:
        ax = c.ax
        k = int(rng.choice([1, 1, 2, 2, 3]))
        lo = int(rng.choice([0, 0, 10, 20, 40, 50, 100]))
        step = int(rng.choice([1, 1, 2, 5, 10]))
        span = step * int(rng.integers(8, 21))
        fills = palette(rng, k) if rng.random() < 0.5 else [str(rng.choice(["white", "none", "#dddddd"]))] * k
        ink = str(rng.choice(["black", "black", "#1f3a93", "#333333"]))
        dots = rng.random() < 0.35
        names = text.categories(rng, k)
        for i in range(k):
            q = np.sort(rng.uniform(lo, lo + span, 5))
            q = np.round(q / step) * step if rng.random() < 0.7 else q
            q = np.maximum.accumulate(q)
            y = i * float(rng.uniform(1.0, 1.5))
            h = float(rng.uniform(0.35, 0.7))
            ax.add_patch(matplotlib.patches.Rectangle((q[1], y - h / 2), max(q[3] - q[1], step * 0.2), h,
                                                      facecolor=fills[i], edgecolor=ink, lw=float(rng.uniform(1, 2.2))))
            ax.plot([q[2], q[2]], [y - h / 2, y + h / 2], color=ink, lw=float(rng.uniform(1, 2.5)))
            ax.plot([q[0], q[1]], [y, y], color=ink, lw=1.3)
            ax.plot([q[3], q[4]], [y, y], color=ink, lw=1.3)
            for end in (q[0], q[4]):
                if dots:
                    ax.plot(end, y, "o", color=ink, ms=float(rng.uniform(4, 8)))
                else:
                    ax.plot([end, end], [y - h / 4, y + h / 4], color=ink, lw=1.3)
            if rng.random() < 0.35:
                for v in q:
                    ax.text(v, y + h / 2 + 0.08, f"{v:.3g}", ha="center", va="bottom", fontsize="small", color=ink)
            if k > 1 or rng.random() < 0.4:
                ax.text(lo - span * 0.03, y, names[i], ha="right", va="center", color=ink)
        margin = span * float(rng.uniform(0.03, 0.08))
        ax.set_xlim(lo - margin - (span * 0.25 if k > 1 else 0), lo + span + margin)
        ax.set_ylim(-1.0, (k - 1) * 1.5 + 1.0)
        ticks = np.arange(lo, lo + span + step, step)
        ax.set_xticks(ticks, [f"{t:g}" if len(ticks) <= 12 or j % 2 == 0 else "" for j, t in enumerate(ticks)])
        ax.set_yticks([])
        ax.tick_params(top=False, right=False)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_position(("data", -0.7))
        ax.tick_params(axis="x", direction=str(rng.choice(["inout", "out", "in"])), length=float(rng.uniform(4, 9)))
        if rng.random() < 0.6:  # arrow heads on the number line
            ax.plot(1, -0.7, ">", color="black", ms=7, transform=ax.get_yaxis_transform(), clip_on=False)
            ax.plot(0, -0.7, "<", color="black", ms=7, transform=ax.get_yaxis_transform(), clip_on=False)
        if rng.random() < 0.5:
            ax.set_xlabel(" ".join(text.words(rng, int(rng.integers(1, 4)))).capitalize())
        c.set_title(p_none=0.45)
        c.tags.append(f"{k}box")
    return c.rendered
