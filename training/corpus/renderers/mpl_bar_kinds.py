"""Matplotlib charts that sharpen the boundaries bar / grouped_bar and bubble / scatter: single-series bars
with one colour per category, many thin-gapped bars, annotated and signed bars; paired (year-over-year)
and widely separated multi-series grouped bars; bubbles with a wide size range and a size legend, bubble
grids (punchcards); dense scatters of one constant small marker size."""

from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from training.corpus import text
from training.corpus.mpl_style import Chart, chart, data_scale, palette
from training.corpus.registry import Rendered, renderer

_COUNTRIES = (  # noqa: SIM905
    "China India USA Indonesia Pakistan Nigeria Brazil Bangladesh Russia Mexico Japan Ethiopia Philippines "
    "Egypt Vietnam Congo Turkey Iran Germany Thailand France UK Tanzania Italy Kenya Myanmar Colombia Spain "
    "Uganda Sudan Algeria Argentina Iraq Poland Canada Morocco Ukraine Angola Peru Malaysia Ghana Nepal "
    "Yemen Venezuela Australia Chile Romania Netherlands Belgium Sweden Greece Portugal Norway Denmark "
    "Finland Ireland Austria Hungary Israel Switzerland Cuba Bolivia Ecuador"
).split()


def _value_fmt(rng: np.random.Generator, scale: float) -> str:
    """A format string for value labels that suits the data magnitude."""
    if scale < 10:
        return "{:.2f}" if rng.random() < 0.5 else "{:.1f}"
    return str(rng.choice(["{:,.0f}", "{:.0f}"]))


def _rotate_if_long(ax, rng: np.random.Generator, labels: list[str], limit: int = 6) -> None:
    """Rotate x tick labels when they are long or many."""
    if labels and (max(len(s) for s in labels) > limit or len(labels) > 12):
        rot = int(rng.choice([30, 45, 60, 90]))
        for t in ax.get_xticklabels():
            t.set_rotation(rot)
            t.set_ha("center" if rot == 90 else "right")


def _series_colors(c: Chart, k: int) -> list:
    """``k`` distinguishable series colours of the chart's palette (spread out on grey themes)."""
    if c.theme == "grayscale":
        return [c.colors[int(i)] for i in np.linspace(0, len(c.colors) - 1, k)]
    return [c.colors[j % len(c.colors)] for j in range(k)]


# ------------------------------------------------------------------------------------------------------- bar


@renderer("bar", "matplotlib-colored")
def bar_colored_categories(rng: np.random.Generator) -> Rendered:
    """One series of vertical bars, each bar its own palette colour, often with a legend naming the bars."""
    with chart(rng) as c:
        n = int(rng.integers(3, 11))
        cats = text.categories(rng, n)
        vals = rng.uniform(0.15, 1.0, n) * data_scale(rng)
        if rng.random() < 0.4:
            vals = np.sort(vals)[::-1]
        cols = palette(rng, n) if rng.random() < 0.7 else c.colors[:n]
        x = np.arange(n)
        width = float(rng.uniform(0.45, 0.85))
        edge = str(rng.choice(["none", "none", "black", "white"]))
        bars = c.ax.bar(x, vals, width=width, color=cols, edgecolor=edge, linewidth=0.8)
        legend = rng.random() < 0.6
        if legend and rng.random() < 0.5:  # the legend names the bars; the axis does not
            c.ax.set_xticks([])
        else:
            c.ax.set_xticks(x, cats)
            _rotate_if_long(c.ax, rng, cats)
        if rng.random() < 0.35:
            c.ax.bar_label(bars, fmt=_value_fmt(rng, float(vals.max())), fontsize="small", padding=2)
        if legend:
            handles = [Patch(facecolor=col, edgecolor=edge if edge != "none" else col) for col in cols]
            kw: dict = {"fontsize": "small", "frameon": bool(rng.random() < 0.7)}
            if n > 6 or rng.random() < 0.4:
                kw.update(loc="upper left", bbox_to_anchor=(1.01, 1.0))
                c.fig.subplots_adjust(right=0.78)  # room for the legend when no tight layout follows
            else:
                kw.update(loc=str(rng.choice(["best", "upper right"])))
                if rng.random() < 0.3:
                    kw["ncol"] = int(rng.integers(2, 4))
            c.ax.legend(handles, cats, **kw)
        c.decorate(legend=False, xlabel="" if rng.random() < 0.5 else None)
        c.ax.set_ylim(0, float(vals.max()) * float(rng.uniform(1.08, 1.35)))
    return c.rendered


def _many_bar_data(rng: np.random.Generator, n: int) -> tuple[list[str], np.ndarray, str]:
    """Labels and values for many bars: daily values, ranked countries or numbered items."""
    kind = int(rng.integers(0, 3))
    scale = data_scale(rng)
    if kind == 0:  # daily/weekly series with a trend and weekday rhythm
        start = dt.date(int(rng.integers(2015, 2027)), int(rng.integers(1, 13)), int(rng.integers(1, 28)))
        step = int(rng.choice([1, 1, 1, 7]))
        days = [start + dt.timedelta(days=step * i) for i in range(n)]
        fmt = str(rng.choice(["%b %d", "%d %b", "%m/%d", "%Y-%m-%d", "%d.%m."]))
        labels = [d.strftime(fmt) for d in days]
        t = np.arange(n)
        vals = 1 + 0.5 * np.sin(t / rng.uniform(3, 12)) + rng.normal(0, 0.25, n) + rng.uniform(-0.02, 0.03) * t
        if step == 1 and rng.random() < 0.5:
            vals += np.array([0.4 if d.weekday() < 5 else -0.3 for d in days])
        return labels, np.clip(vals, 0.05, None) * scale, "daily"
    if kind == 1:  # ranked countries
        labels = [str(s) for s in rng.choice(sorted(set(_COUNTRIES)), n, replace=False)]
        vals = np.sort(rng.pareto(float(rng.uniform(1.0, 3.0)), n) + 0.1)[::-1] * scale
        if rng.random() < 0.3:
            vals = vals[::-1]
        return labels, vals, "ranked"
    labels = [str(i + 1) for i in range(n)] if rng.random() < 0.5 else [f"{text.words(rng, 1)[0][:3].upper()}{i + 1}"
                                                                         for i in range(n)]
    return labels, rng.gamma(float(rng.uniform(1.5, 6)), 1.0, n) * scale, "items"


@renderer("bar", "matplotlib-many")
def bar_many_thin_gaps(rng: np.random.Generator) -> Rendered:
    """20-60 single-colour vertical bars with thin gaps: daily values, ranked countries or numbered items."""
    with chart(rng, aspect=(1.2, 2.4)) as c:
        n = int(rng.integers(20, 61))
        labels, vals, kind = _many_bar_data(rng, n)
        x = np.arange(n)
        width = float(rng.uniform(0.6, 0.85))
        col = c.colors[int(rng.integers(0, 3))]
        cols: list = [col] * n
        if rng.random() < 0.3:
            cols[int(rng.integers(0, n))] = str(rng.choice(["#d62728", "#ff7f0e", "#e15759", "black"]))
        c.ax.bar(x, vals, width=width, color=cols, edgecolor="none")
        c.ax.set_xlim(-0.7, n - 0.3)
        if kind == "daily" or rng.random() < 0.4:  # only every k-th label
            k = int(rng.choice([2, 5, 7, 10])) if kind == "daily" else int(rng.integers(2, 6))
            c.ax.set_xticks(x[::k], labels[::k])
        else:
            c.ax.set_xticks(x, labels)
            c.ax.tick_params(axis="x", labelsize="x-small")
        _rotate_if_long(c.ax, rng, labels, limit=2)
        if rng.random() < 0.3:
            win = int(rng.integers(3, 8))
            avg = np.convolve(vals, np.ones(win) / win, mode="same")
            c.ax.plot(x, avg, color=c.fg, lw=1.5, label=f"{win}-day average")
        c.decorate(legend=None, xlabel="" if rng.random() < 0.5 else None)
        c.ax.margins(x=0.01)
    return c.rendered


@renderer("bar", "matplotlib-annotated")
def bar_annotated_signed(rng: np.random.Generator) -> Rendered:
    """One series of vertical bars with value labels, a highlighted bar and a reference line; sometimes with
    negative values coloured by sign."""
    with chart(rng) as c:
        n = int(rng.integers(4, 16))
        cats = text.categories(rng, n)
        scale = data_scale(rng)
        signed = rng.random() < 0.5
        if signed:
            vals = rng.normal(float(rng.uniform(-0.2, 0.5)), 1.0, n) * scale
            vals[int(rng.integers(0, n))] = -abs(vals[0]) - 0.2 * scale  # at least one negative
        else:
            vals = rng.uniform(0.2, 1.0, n) * scale
        x = np.arange(n)
        base, hi = c.colors[0], str(rng.choice(["#d62728", "#ff7f0e", "#2ca02c", "#e15759", "#f4b400"]))
        if signed and rng.random() < 0.7:
            neg = str(rng.choice(["#d62728", "#e15759", "#c0392b", "#ff7f0e"]))
            pos = str(rng.choice(["#2ca02c", "#1f77b4", "#4e79a7", "#59a14f"]))
            cols = [pos if v >= 0 else neg for v in vals]
        else:
            cols = [base] * n
            if rng.random() < 0.5:
                cols = ["#bbbbbb" if not c.dark else "#666666"] * n
            cols[int(np.argmax(vals)) if rng.random() < 0.6 else int(rng.integers(0, n))] = hi
        bars = c.ax.bar(x, vals, width=float(rng.uniform(0.5, 0.8)), color=cols,
                        edgecolor=str(rng.choice(["none", "none", c.fg])), linewidth=0.6)
        fmt = _value_fmt(rng, scale)
        if rng.random() < 0.3 and scale <= 100:
            fmt += "%"
        c.ax.bar_label(bars, labels=[fmt.format(v) for v in vals], padding=2, fontsize="small",
                       label_type="edge" if rng.random() < 0.8 else "center")
        c.ax.set_xticks(x, cats)
        _rotate_if_long(c.ax, rng, cats)
        if signed:
            c.ax.axhline(0, color=c.fg, lw=0.9)
        if rng.random() < 0.75:
            ref = float(np.mean(vals)) if rng.random() < 0.6 else float(np.quantile(vals, rng.uniform(0.5, 0.9)))
            name = str(rng.choice(["Average", "Mean", "Target", "Goal", "Benchmark", "Median"]))
            c.ax.axhline(ref, color=str(rng.choice(["#444444", "#d62728", "gray", c.fg])),
                         ls=str(rng.choice(["--", ":", "-."])), lw=1.2, label=name)
            if rng.random() < 0.5:
                c.ax.text(n - 0.5, ref, f" {name}: {fmt.format(ref)}", va="bottom", ha="right", fontsize="small",
                          color=c.fg)
        lo, hi_v = float(min(vals.min(), 0)), float(max(vals.max(), 0))
        pad = (hi_v - lo) * 0.12
        c.ax.set_ylim(lo - (pad if lo < 0 else 0), hi_v + pad)
        c.decorate(legend=rng.random() < 0.4, xlabel="" if rng.random() < 0.5 else None)
    return c.rendered


# ------------------------------------------------------------------------------------------------ grouped_bar


@renderer("grouped_bar", "matplotlib-pair")
def grouped_bar_pair(rng: np.random.Generator) -> Rendered:
    """Two series side by side per category (year-over-year, before/after), tight pairs with wide gaps
    between categories, vertical or horizontal."""
    with chart(rng) as c:
        n = int(rng.integers(3, 13))
        cats = text.categories(rng, n)
        year = int(rng.integers(2010, 2027))
        names = [[str(year - 1), str(year)], ["Before", "After"], ["Last year", "This year"], ["Male", "Female"],
                 ["Actual", "Target"], [f"Q{int(rng.integers(1, 5))} {year - 1}", f"Q{int(rng.integers(1, 5))} {year}"]
                 ][int(rng.integers(0, 6))]
        scale = data_scale(rng)
        a = rng.uniform(0.2, 1.0, n) * scale
        b = a * rng.uniform(0.7, 1.4, n)
        if rng.random() < 0.5:  # muted previous period next to a strong current one
            strong = c.colors[0]
            cols = [str(rng.choice(["#bbbbbb", "#9fb7d9", "#c6dbef", "#d9d9d9"])), strong]
        else:
            cols = _series_colors(c, 2)
        bw = float(rng.uniform(0.25, 0.4))
        gap = bw * float(rng.choice([0.0, 0.0, 0.05, 0.12]))
        off = (bw + gap) / 2
        pos = np.arange(n)
        horizontal = rng.random() < 0.4
        draw = c.ax.barh if horizontal else c.ax.bar
        edge = str(rng.choice(["none", "none", "white", "black"]))
        groups = []
        for j, (vals, sign) in enumerate(((a, -1), (b, 1))):
            p = pos + sign * off
            if horizontal:
                groups.append(draw(p, vals, height=bw, color=cols[j], label=names[j], edgecolor=edge, linewidth=0.6))
            else:
                groups.append(draw(p, vals, width=bw, color=cols[j], label=names[j], edgecolor=edge, linewidth=0.6))
        if horizontal:
            c.ax.set_yticks(pos, cats)
            if rng.random() < 0.6:
                c.ax.invert_yaxis()
        else:
            c.ax.set_xticks(pos, cats)
            _rotate_if_long(c.ax, rng, cats)
        if rng.random() < 0.3:
            fmt = _value_fmt(rng, scale)
            for g in groups:
                c.ax.bar_label(g, labels=[fmt.format(v) for v in g.datavalues], fontsize="x-small", padding=1)
        c.decorate(legend=rng.random() < 0.9)
    return c.rendered


@renderer("grouped_bar", "matplotlib-separated")
def grouped_bar_separated(rng: np.random.Generator) -> Rendered:
    """3-6 series over many categories, each category a compact cluster with clear space between clusters."""
    with chart(rng, aspect=(1.2, 2.6)) as c:
        k = int(rng.integers(3, 7))
        n = int(rng.integers(5, 15))
        cats = text.categories(rng, n)
        series = text.categories(rng, k) if rng.random() < 0.6 else [str(y) for y in range(2024 - k, 2024)]
        base = rng.uniform(0.3, 1.0, n)
        vals = base[None, :] * rng.uniform(0.6, 1.4, (k, n)) * data_scale(rng)
        group_w = float(rng.uniform(0.55, 0.78))
        bw = group_w / k
        inner = float(rng.choice([0.0, 0.0, 0.08]))
        pos = np.arange(n)
        horizontal = rng.random() < 0.25
        edge = str(rng.choice(["none", "none", "white", "black"]))
        colors = _series_colors(c, k)
        for j in range(k):
            p = pos - group_w / 2 + bw * (j + 0.5)
            kw = {"color": colors[j], "label": series[j], "edgecolor": edge, "linewidth": 0.5}
            if horizontal:
                c.ax.barh(p, vals[j], height=bw * (1 - inner), **kw)
            else:
                c.ax.bar(p, vals[j], width=bw * (1 - inner), **kw)
        if rng.random() < 0.3:  # faint separators between clusters
            sep = (c.ax.axhline if horizontal else c.ax.axvline)
            for s in pos[:-1] + 0.5:
                sep(s, color="#888888", lw=0.6, ls=str(rng.choice(["-", ":"])), alpha=0.6)
        if horizontal:
            c.ax.set_yticks(pos, cats)
        else:
            c.ax.set_xticks(pos, cats)
            _rotate_if_long(c.ax, rng, cats)
        c.decorate(legend=rng.random() < 0.9)
        if c.ax.get_legend() is not None and horizontal:  # keep the legend off the long bars
            c.ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=bool(rng.random() < 0.5))
            c.fig.subplots_adjust(right=0.78)  # room for the legend when no tight layout follows
        elif c.ax.get_legend() is not None and rng.random() < 0.3:
            c.ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=k, fontsize="small", frameon=False)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- bubble


@renderer("bubble", "matplotlib-sizelegend")
def bubble_wide_range(rng: np.random.Generator) -> Rendered:
    """Translucent overlapping bubbles whose areas span a 10-50x range, with a legend of reference sizes."""
    with chart(rng) as c:
        n = int(rng.integers(15, 70))
        x = rng.normal(0, 1, n) * data_scale(rng)
        y = (0.6 * x / max(np.abs(x).max(), 1e-9) + rng.normal(0, 0.5, n)) * data_scale(rng)
        z = rng.lognormal(0, 1.0, n)
        ratio = float(rng.uniform(10, 50))
        z_min, z_max = float(z.min()), float(z.max())
        s_min = float(rng.uniform(25, 60))  # marker area in pt^2

        def size(v) -> np.ndarray:
            """Marker area for value(s) ``v``: from ``s_min`` to ``ratio`` times it."""
            return s_min + (np.asarray(v) - z_min) / (z_max - z_min) * s_min * (ratio - 1)

        alpha = float(rng.uniform(0.35, 0.65))
        edge = str(rng.choice(["white", "black", "gray", "none"]))
        mode = int(rng.integers(0, 3))
        if mode == 0:
            sc = c.ax.scatter(x, y, s=size(z), c=z, cmap=c.cmap, alpha=alpha, edgecolors=edge, linewidths=0.7)
            if rng.random() < 0.4:
                c.fig.colorbar(sc, ax=c.ax, shrink=0.8)
        elif mode == 1:
            g = int(rng.integers(2, 5))
            grp = rng.integers(0, g, n)
            for j, name in enumerate(text.categories(rng, g)):
                m = grp == j
                c.ax.scatter(x[m], y[m], s=size(z[m]), alpha=alpha, color=c.colors[j], edgecolors=edge,
                             linewidths=0.7, label=name)
        else:
            c.ax.scatter(x, y, s=size(z), alpha=alpha, color=c.colors[0], edgecolors=edge, linewidths=0.7)
        c.ax.margins(float(rng.uniform(0.1, 0.2)))
        c.decorate(legend=mode == 1)
        group_leg = c.ax.get_legend()
        refs = np.unique(np.round(np.quantile(z, [0.05, 0.5, 1.0]) * 10) / 10)
        handles = [Line2D([], [], ls="", marker="o", markersize=float(np.sqrt(size(v))), markerfacecolor="none"
                          if rng.random() < 0.5 else "#999999", markeredgecolor=c.fg, alpha=0.8) for v in refs]
        scale_name = str(rng.choice(["Population", "Size", "Volume", "Revenue", "GDP", "Count", "Weight"]))
        loc = "lower right" if group_leg is not None else str(rng.choice(["upper left", "lower right", "upper right"]))
        big = float(np.sqrt(size(refs[-1]))) / (0.83 * plt.rcParams["font.size"])  # largest marker in font sizes
        c.ax.legend(handles, [f"{v:g}" for v in refs], title=scale_name, labelspacing=0.45 * big, borderpad=0.5 * big,
                    handletextpad=0.3 * big, fontsize="small", frameon=bool(rng.random() < 0.6), loc=loc)
        if group_leg is not None:
            c.ax.add_artist(group_leg)
    return c.rendered


_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@renderer("bubble", "matplotlib-punchcard")
def bubble_grid(rng: np.random.Generator) -> Rendered:
    """A bubble grid / punchcard: categorical rows x columns with a circle per cell sized by its value."""
    with chart(rng, aspect=(1.0, 3.0)) as c:
        if rng.random() < 0.4:
            rows = _WEEKDAYS
            hour_fmt = str(rng.choice(["{}", "{:02d}", "{:02d}:00"]))
            cols = [hour_fmt.format(h) for h in range(0, 24, int(rng.choice([1, 1, 2, 3])))]
        else:
            rows = text.categories(rng, int(rng.integers(3, 10)))
            cols = text.categories(rng, int(rng.integers(4, 14)))
        nr, nc = len(rows), len(cols)
        v = np.outer(rng.uniform(0.2, 1, nr), rng.uniform(0.2, 1, nc)) * rng.lognormal(0, 0.6, (nr, nc))
        v[rng.random((nr, nc)) < float(rng.uniform(0, 0.2))] = 0
        cell_pt = min(c.size[0] * 72 * 0.8 / nc, c.size[1] * 72 * 0.75 / nr)  # type: ignore[attr-defined]
        smax = (cell_pt * float(rng.uniform(0.75, 1.0))) ** 2
        s = v / v.max() * smax
        xx, yy = np.meshgrid(np.arange(nc), np.arange(nr))
        colour_by_value = rng.random() < 0.5
        kw: dict = {"edgecolors": str(rng.choice(["none", "white", c.fg])), "linewidths": 0.5,
                    "alpha": float(rng.uniform(0.7, 1.0))}
        if colour_by_value:
            sc = c.ax.scatter(xx.ravel(), yy.ravel(), s=s.ravel(), c=v.ravel(), cmap=c.cmap, **kw)
            if rng.random() < 0.4:
                c.fig.colorbar(sc, ax=c.ax, shrink=0.7)
        else:
            c.ax.scatter(xx.ravel(), yy.ravel(), s=s.ravel(), color=c.colors[0] if rng.random() < 0.6 else c.fg, **kw)
        c.ax.set_xticks(np.arange(nc), cols)
        c.ax.set_yticks(np.arange(nr), rows)
        _rotate_if_long(c.ax, rng, cols, limit=3)
        c.ax.set_xlim(-0.7, nc - 0.3)
        c.ax.set_ylim(nr - 0.3, -0.7)
        c.ax.grid(bool(rng.random() < 0.6), color="#cccccc", lw=0.5, alpha=0.6)
        c.ax.set_axisbelow(True)
        if rng.random() < 0.5:
            for side in c.ax.spines.values():
                side.set_visible(False)
            c.ax.tick_params(length=0)
        c.decorate(legend=False, grid=None, xlabel="" if rng.random() < 0.6 else None,
                   ylabel="" if rng.random() < 0.6 else None)
    return c.rendered


# ---------------------------------------------------------------------------------------------------- scatter


@renderer("scatter", "matplotlib-dense")
def scatter_dense_constant(rng: np.random.Generator) -> Rendered:
    """200-5000 points of one small constant marker size, sometimes coloured by group, with a regression
    line or marginal rugs."""
    with chart(rng) as c:
        n = int(np.exp(rng.uniform(np.log(200), np.log(5000))))
        g = int(rng.choice([1, 1, 2, 3, 4, 5]))
        grp = rng.integers(0, g, n)
        centers = rng.normal(0, 2.0, (g, 2))
        slope = float(rng.uniform(-1.5, 1.5))
        x = rng.normal(0, 1, n) * float(rng.uniform(0.5, 2)) + centers[grp, 0]
        y = slope * x + rng.normal(0, float(rng.uniform(0.3, 1.5)), n) + centers[grp, 1]
        if rng.random() < 0.3:
            y = np.exp(y / max(np.abs(y).max(), 1e-9) * 2)
        sx, sy = data_scale(rng), data_scale(rng)
        x, y = x * sx, y * sy
        size = float(np.exp(rng.uniform(np.log(1.5), np.log(14)))) * (1.0 if n < 1500 else 0.5)
        alpha = float(rng.uniform(0.25, 0.6)) if n > 1000 else float(rng.uniform(0.5, 0.9))
        marker = str(rng.choice(["o", "o", "o", ".", "s", "+", "x"]))
        edge = "none" if marker in "o.s" else None
        names = text.categories(rng, g)
        for j in range(g):
            m = grp == j
            kw: dict = {"s": size, "alpha": alpha, "marker": marker, "color": c.colors[j % len(c.colors)]}
            kw.update({"linewidths": 0.6} if edge is None else {"linewidths": 0, "edgecolors": edge})
            c.ax.scatter(x[m], y[m], label=names[j] if g > 1 else None, **kw)
        extra = int(rng.integers(0, 3))
        if extra in (0, 2):  # least-squares line over all points
            k, b = np.polyfit(x, y, 1)
            xs = np.array([x.min(), x.max()])
            c.ax.plot(xs, k * xs + b, color=str(rng.choice(["#d62728", "black", c.fg, "#ff7f0e"])), lw=1.8,
                      ls=str(rng.choice(["-", "-", "--"])), label="fit" if rng.random() < 0.5 else None)
        if extra in (1, 2):  # marginal rugs along the axes
            rug = float(rng.uniform(0.015, 0.04))
            col = c.fg if g == 1 else [c.colors[j % len(c.colors)] for j in grp]
            c.ax.vlines(x, 0, rug, transform=c.ax.get_xaxis_transform(), colors=col, lw=0.4, alpha=0.4)
            c.ax.hlines(y, 0, rug, transform=c.ax.get_yaxis_transform(), colors=col, lw=0.4, alpha=0.4)
        c.decorate(legend=g > 1 and rng.random() < 0.85)
        leg = c.ax.get_legend()
        if leg is not None:  # legend markers readable despite the tiny points
            for h in leg.legend_handles:
                if hasattr(h, "set_sizes"):
                    h.set_sizes([max(size, 25.0)])
                h.set_alpha(1.0)
    return c.rendered
