"""Bar-family charts with matplotlib, seaborn and pandas: bars, stacked/grouped, histogram, pyramid,
waterfall, funnel, lollipop, gantt."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from training.corpus import text
from training.corpus.mpl_style import chart, data_scale
from training.corpus.registry import renderer


def _values(rng: np.random.Generator, n: int, negative: float = 0.12) -> np.ndarray:
    scale = data_scale(rng)
    kind = rng.integers(0, 4)
    if kind == 0:
        v = rng.uniform(0.1, 1.0, n)
    elif kind == 1:
        v = np.sort(rng.lognormal(0, 0.8, n))[::-1]
    elif kind == 2:
        v = np.abs(np.cumsum(rng.normal(0, 1, n))) + rng.uniform(0.5, 3)
    else:
        v = rng.gamma(2.0, 1.0, n) + 0.1
    v = v * scale
    if rng.random() < negative:
        v = v - np.quantile(v, float(rng.uniform(0.2, 0.6)))
    return np.round(v, 2)


def _n(rng, lo=3, hi=12):
    return int(rng.integers(lo, hi + 1))


def _ticklabels(ax, rng, labels, axis="x"):
    long = max(len(s) for s in labels) > 6 or len(labels) > 8
    if axis == "x":
        ax.set_xticks(range(len(labels)))
        rot = float(rng.choice([30, 45, 60, 90])) if long else 0.0
        ax.set_xticklabels(labels, rotation=rot, ha="right" if 0 < rot < 90 else "center")
    else:
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels(labels)


def _bar_labels(c, bars, rng, p=0.3):
    if rng.random() < p:
        fmt = str(rng.choice(["%.0f", "%.1f", "{:,.0f}"]))
        try:
            c.ax.bar_label(bars, fmt=fmt, fontsize="small", padding=2,
                           label_type=str(rng.choice(["edge", "edge", "center"])))
        except Exception:
            pass


def _simple_bars(c, rng, horizontal: bool):
    n = _n(rng, 2, 16 if not horizontal else 20)
    labels = text.categories(rng, n)
    vals = _values(rng, n)
    if rng.random() < 0.3:
        order = np.argsort(vals)
        vals = vals[order][:: -1 if rng.random() < 0.5 else 1]
    width = float(rng.uniform(0.35, 0.85))
    colors = c.colors[0] if rng.random() < 0.65 else [c.colors[i % len(c.colors)] for i in range(n)]
    if rng.random() < 0.1 and (vals > 0).all():
        colors = [c.colors[0]] * n
        colors[int(rng.integers(0, n))] = c.colors[1]
    edge = str(rng.choice(["none", "black", "white"])) if rng.random() < 0.3 else "none"
    kw = dict(color=colors, edgecolor=edge, alpha=float(rng.uniform(0.75, 1.0)))
    if rng.random() < 0.12:
        err = np.abs(vals) * rng.uniform(0.05, 0.2, n)
        kw["xerr" if horizontal else "yerr"] = err
        kw["capsize"] = float(rng.uniform(0, 4))
    if horizontal:
        bars = c.ax.barh(range(n), vals, height=width, **kw)
        _ticklabels(c.ax, rng, labels, "y")
        if rng.random() < 0.5:
            c.ax.invert_yaxis()
        if rng.random() < 0.08 and (vals > 0).all():
            c.ax.set_xscale("log")
    else:
        bars = c.ax.bar(range(n), vals, width=width, **kw)
        _ticklabels(c.ax, rng, labels, "x")
        if rng.random() < 0.08 and (vals > 0).all():
            c.ax.set_yscale("log")
    if (vals < 0).any():
        (c.ax.axvline if horizontal else c.ax.axhline)(0, color=c.fg, lw=0.8)
    _bar_labels(c, bars, rng)


@renderer("bar", "matplotlib")
def bar_matplotlib(rng):
    with chart(rng) as c:
        _simple_bars(c, rng, horizontal=False)
        c.decorate(legend=False)
    return c.rendered


@renderer("horizontal_bar", "matplotlib")
def horizontal_bar_matplotlib(rng):
    with chart(rng) as c:
        _simple_bars(c, rng, horizontal=True)
        c.decorate(legend=False)
    return c.rendered


def _sns_bars(rng, horizontal):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        n = _n(rng, 3, 12)
        labels = text.categories(rng, n)
        vals = _values(rng, n)
        df = pd.DataFrame({"cat": labels, "val": vals})
        # seaborn aggregates repeated samples -> error bars sometimes
        if rng.random() < 0.35:
            df = pd.concat([df.assign(val=df.val * rng.uniform(0.8, 1.2, n)) for _ in range(5)])
            errorbar = ("ci", 95)
        else:
            errorbar = None
        pal = str(rng.choice(["deep", "muted", "pastel", "Blues_d", "viridis", "rocket", "husl", "Set2"]))
        single = rng.random() < 0.5
        kw = dict(errorbar=errorbar, ax=c.ax, width=float(rng.uniform(0.5, 0.85)), seed=int(rng.integers(2**31)))
        if single:
            kw["color"] = c.colors[0]
        else:
            kw.update(hue="cat", palette=pal, legend=False)
        if horizontal:
            sns.barplot(data=df, y="cat", x="val", orient="h", **kw)
        else:
            sns.barplot(data=df, x="cat", y="val", **kw)
            if max(len(s) for s in labels) > 6:
                c.ax.tick_params(axis="x", rotation=int(rng.choice([30, 45, 90])))
        if rng.random() < 0.3:
            sns.despine(ax=c.ax, left=horizontal is False and rng.random() < 0.3)
        c.decorate(legend=False, xlabel="" if rng.random() < 0.5 else None, ylabel="" if rng.random() < 0.5 else None)
    return c.rendered


@renderer("bar", "seaborn")
def bar_seaborn(rng):
    return _sns_bars(rng, horizontal=False)


@renderer("horizontal_bar", "seaborn")
def horizontal_bar_seaborn(rng):
    return _sns_bars(rng, horizontal=True)


def _multi(rng, n, k):
    base = _values(rng, n, negative=0.0)
    data = np.abs(np.array([base * rng.uniform(0.2, 1.3, n) for _ in range(k)]))
    return np.round(data, 2)


@renderer("stacked_bar", "matplotlib")
def stacked_bar_matplotlib(rng):
    with chart(rng) as c:
        n, k = _n(rng, 3, 12), _n(rng, 2, 6)
        labels = text.categories(rng, n)
        series = text.categories(rng, k)
        data = _multi(rng, n, k)
        pct = rng.random() < 0.4
        if pct:
            data = data / data.sum(axis=0, keepdims=True) * 100
        horizontal = rng.random() < 0.4
        width = float(rng.uniform(0.45, 0.9)) if rng.random() < 0.85 else 0.98
        edge = str(rng.choice(["white", "none", "black"]))
        bottom = np.zeros(n)
        for j in range(k):
            if horizontal:
                bars = c.ax.barh(range(n), data[j], left=bottom, height=width, label=series[j], edgecolor=edge,
                                 linewidth=0.6, color=c.colors[j % len(c.colors)])
            else:
                bars = c.ax.bar(range(n), data[j], bottom=bottom, width=width, label=series[j], edgecolor=edge,
                                linewidth=0.6, color=c.colors[j % len(c.colors)])
            if rng.random() < 0.2:
                try:
                    c.ax.bar_label(bars, fmt="%.0f", label_type="center", fontsize="x-small")
                except Exception:
                    pass
            bottom += data[j]
        _ticklabels(c.ax, rng, labels, "y" if horizontal else "x")
        if pct:
            (c.ax.set_xlim if horizontal else c.ax.set_ylim)(0, 100)
        c.tags.append("pct" if pct else "abs")
        c.decorate(legend=rng.random() < 0.85)
    return c.rendered


@renderer("stacked_bar", "pandas")
def stacked_bar_pandas(rng):
    with chart(rng, seaborn=rng.random() < 0.4) as c:
        n, k = _n(rng, 3, 10), _n(rng, 2, 5)
        data = _multi(rng, n, k).T
        df = pd.DataFrame(data, index=text.categories(rng, n), columns=text.categories(rng, k))
        if rng.random() < 0.35:
            df = df.div(df.sum(axis=1), axis=0)
            c.tags.append("pct")
        kind = "barh" if rng.random() < 0.4 else "bar"
        df.plot(kind=kind, stacked=True, ax=c.ax, width=float(rng.uniform(0.5, 0.9)), color=c.colors[:k],
                rot=int(rng.choice([0, 0, 45, 90])) if kind == "bar" else 0, legend=rng.random() < 0.85,
                edgecolor=str(rng.choice(["none", "white"])))
        c.decorate(legend=False)
    return c.rendered


@renderer("grouped_bar", "matplotlib")
def grouped_bar_matplotlib(rng):
    with chart(rng) as c:
        n, k = _n(rng, 2, 8), _n(rng, 2, 5)
        labels = text.categories(rng, n)
        series = text.categories(rng, k)
        data = _multi(rng, n, k)
        if rng.random() < 0.12:
            data = data - np.quantile(data, 0.3)
        horizontal = rng.random() < 0.35
        group_w = float(rng.uniform(0.6, 0.9))
        w = group_w / k
        gap = float(rng.choice([1.0, 1.0, 0.9]))
        for j in range(k):
            pos = np.arange(n) - group_w / 2 + w * (j + 0.5)
            kw = dict(label=series[j], color=c.colors[j % len(c.colors)],
                      edgecolor=str(rng.choice(["none", "white", "black"])), linewidth=0.5)
            if horizontal:
                bars = c.ax.barh(pos, data[j], height=w * gap, **kw)
            else:
                bars = c.ax.bar(pos, data[j], width=w * gap, **kw)
            if rng.random() < 0.15:
                try:
                    c.ax.bar_label(bars, fmt="%.0f", fontsize="x-small", padding=1)
                except Exception:
                    pass
        _ticklabels(c.ax, rng, labels, "y" if horizontal else "x")
        if (data < 0).any():
            (c.ax.axvline if horizontal else c.ax.axhline)(0, color=c.fg, lw=0.8)
        c.decorate(legend=rng.random() < 0.9)
    return c.rendered


@renderer("grouped_bar", "seaborn")
def grouped_bar_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        n, k = _n(rng, 2, 7), _n(rng, 2, 4)
        labels, series = text.categories(rng, n), text.categories(rng, k)
        data = _multi(rng, n, k)
        rows = [(labels[i], series[j], data[j, i]) for i in range(n) for j in range(k)]
        df = pd.DataFrame(rows, columns=["cat", "series", "val"])
        if rng.random() < 0.4:
            df = pd.concat([df.assign(val=df.val * rng.uniform(0.8, 1.2, len(df))) for _ in range(4)])
            eb = ("ci", 95)
        else:
            eb = None
        pal = str(rng.choice(["deep", "muted", "pastel", "dark", "Set2", "husl", "rocket", "mako", "colorblind"]))
        if rng.random() < 0.3:
            sns.barplot(data=df, y="cat", x="val", hue="series", ax=c.ax, palette=pal, errorbar=eb, orient="h", seed=0)
        else:
            sns.barplot(data=df, x="cat", y="val", hue="series", ax=c.ax, palette=pal, errorbar=eb, seed=0)
        if rng.random() < 0.2 and c.ax.get_legend():
            c.ax.get_legend().remove()
        c.decorate(legend=False)
    return c.rendered


def _hist_data(rng):
    kind = rng.integers(0, 5)
    n = int(rng.integers(200, 3000))
    if kind == 0:
        x = rng.normal(rng.uniform(-50, 100), rng.uniform(1, 30), n)
    elif kind == 1:
        x = rng.lognormal(rng.uniform(0, 3), rng.uniform(0.3, 0.9), n)
    elif kind == 2:
        x = np.concatenate([rng.normal(0, 1, n // 2), rng.normal(rng.uniform(2, 5), rng.uniform(0.5, 1.5), n // 2)])
    elif kind == 3:
        x = rng.exponential(rng.uniform(1, 50), n)
    else:
        x = rng.gamma(rng.uniform(1, 6), rng.uniform(1, 10), n)
    return x * data_scale(rng) / 10


@renderer("histogram", "matplotlib")
def histogram_matplotlib(rng):
    with chart(rng) as c:
        k = 1 if rng.random() < 0.7 else int(rng.integers(2, 4))
        bins = int(rng.integers(8, 60))
        htype = str(rng.choice(["bar", "bar", "bar", "stepfilled"]))
        for j in range(k):
            if j == 0:
                x = x0 = _hist_data(rng)
            else:  # another series on the same scale, shifted
                x = rng.normal(np.mean(x0) + np.std(x0) * rng.uniform(-1.5, 1.5), np.std(x0) * rng.uniform(0.4, 1.2),
                               int(rng.integers(300, 2000)))
            c.ax.hist(x, bins=bins, histtype=htype, alpha=1.0 if k == 1 else 0.55, color=c.colors[j % len(c.colors)],
                      edgecolor=str(rng.choice(["black", "white", "none", c.colors[j % len(c.colors)]])),
                      linewidth=float(rng.uniform(0.3, 1.0)), density=bool(rng.random() < 0.2),
                      orientation="horizontal" if rng.random() < 0.07 else "vertical",
                      label=text.categories(rng, 1)[0] if k > 1 else None, log=bool(rng.random() < 0.05))
        if rng.random() < 0.15:
            c.ax.axvline(float(np.median(x)), color=str(rng.choice(["red", "black", "orange"])), ls="--")
        c.decorate(ylabel=str(rng.choice(["Frequency", "Count", "Density", ""])) if rng.random() < 0.6 else None)
    return c.rendered


@renderer("histogram", "seaborn")
def histogram_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        x = _hist_data(rng)
        kw = dict(bins=int(rng.integers(10, 50)), kde=bool(rng.random() < 0.4), ax=c.ax,
                  element=str(rng.choice(["bars", "bars", "step"])), stat=str(rng.choice(["count", "count", "density",
                                                                                           "percent"])))
        if rng.random() < 0.3:
            g = rng.choice(text.categories(rng, 2), len(x))
            x = x + (g == g[0]) * np.std(x) * rng.uniform(0.5, 2)
            sns.histplot(x=x, hue=g, multiple=str(rng.choice(["layer", "stack"])), **kw)
        else:
            sns.histplot(x=x, color=c.colors[0], **kw)
        c.decorate(legend=False)
    return c.rendered


_AGES = [f"{a}-{a + 4}" for a in range(0, 100, 5)] + ["100+"]


def _pyramid_data(rng):
    n = int(rng.integers(8, 22))
    ages = _AGES[:n - 1] + [f"{(n - 1) * 5}+"] if rng.random() < 0.8 else [f"{a}-{a + 9}" for a in range(0, n * 10, 10)]
    shape = rng.uniform(0.02, 0.12)
    base = np.exp(-shape * np.arange(n)) * rng.uniform(0.8, 1.2, n)
    if rng.random() < 0.4:  # bulge (baby boom)
        base *= 1 + 0.6 * np.exp(-((np.arange(n) - rng.uniform(3, n - 3)) ** 2) / 6)
    scale = float(rng.choice([1, 100, 1000, 1e6]))
    male = base * rng.uniform(0.9, 1.1, n) * scale
    female = base * rng.uniform(0.9, 1.15, n) * scale
    if rng.random() < 0.4:
        tot = male.sum() + female.sum()
        male, female = male / tot * 100, female / tot * 100
    return ages, male, female


@renderer("population_pyramid", "matplotlib")
def population_pyramid_matplotlib(rng):
    with chart(rng, aspect=(0.7, 1.9)) as c:
        ages, male, female = _pyramid_data(rng)
        y = np.arange(len(ages))
        h = float(rng.uniform(0.7, 1.0))
        colors = (c.colors[0], c.colors[1]) if rng.random() < 0.5 else tuple(rng.choice(
            [["#1f77b4", "#e377c2"], ["steelblue", "salmon"], ["#4472C4", "#ED7D31"], ["#2c7bb6", "#d7191c"]]))
        names = list(rng.choice([["Male", "Female"], ["Men", "Women"], ["M", "F"], ["Males", "Females"]]))
        edge = str(rng.choice(["none", "white", "black"]))
        if rng.random() < 0.75:
            c.ax.barh(y, -male, height=h, color=colors[0], label=names[0], edgecolor=edge, lw=0.4)
            c.ax.barh(y, female, height=h, color=colors[1], label=names[1], edgecolor=edge, lw=0.4)
            m = max(male.max(), female.max())
            ticks = np.linspace(-m, m, 5)
            c.ax.set_xticks(ticks)
            c.ax.set_xticklabels([f"{abs(t):.0f}" if m > 5 else f"{abs(t):.1f}" for t in ticks])
            c.ax.axvline(0, color=c.fg, lw=0.6)
            c.ax.set_yticks(y)
            c.ax.set_yticklabels(ages, fontsize="small")
        else:  # labels in a central gap
            gap = max(male.max(), female.max()) * 0.18
            c.ax.barh(y, -male, left=-gap, height=h, color=colors[0], label=names[0])
            c.ax.barh(y, female, left=gap, height=h, color=colors[1], label=names[1])
            for yi, a in zip(y, ages):
                c.ax.text(0, yi, a, ha="center", va="center", fontsize="x-small", color=c.fg)
            c.ax.set_yticks([])
            c.ax.set_xticks([])
            for s in c.ax.spines.values():
                s.set_visible(rng.random() < 0.3)
        c.decorate(xlabel=str(rng.choice(["Population", "Population (%)", "Thousands", ""])), ylabel="Age" if
                   rng.random() < 0.5 else "", legend=rng.random() < 0.8)
    return c.rendered


@renderer("population_pyramid", "seaborn")
def population_pyramid_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True, aspect=(0.7, 1.8)) as c:
        ages, male, female = _pyramid_data(rng)
        ages = ages[::-1]
        male, female = male[::-1], female[::-1]
        pal = list(rng.choice([["#3274A1", "#E1812C"], ["#4C72B0", "#DD8452"], ["#55A868", "#C44E52"]]))
        sns.barplot(x=-male, y=ages, color=pal[0], ax=c.ax, label="Male", orient="h")
        sns.barplot(x=female, y=ages, color=pal[1], ax=c.ax, label="Female", orient="h")
        ticks = c.ax.get_xticks()
        c.ax.set_xticks(ticks)
        c.ax.set_xticklabels([f"{abs(t):g}" for t in ticks])
        c.decorate(xlabel="Population", ylabel="Age group", legend=rng.random() < 0.8)
    return c.rendered


@renderer("waterfall", "matplotlib")
def waterfall_matplotlib(rng):
    with chart(rng) as c:
        n = _n(rng, 4, 12)
        labels = text.categories(rng, n)
        scale = data_scale(rng)
        start = float(rng.uniform(50, 200)) * scale
        deltas = rng.normal(0, 40, n - 1) * scale
        deltas[0] = abs(deltas[0])
        if rng.random() < 0.7:  # start bar, deltas, total bar
            labels = ["Start"] + labels[1:n - 1] + ["Total"] if rng.random() < 0.5 else labels
            vals = np.concatenate([[start], deltas[: n - 2]])
            cum = np.cumsum(vals)
            bottoms = np.concatenate([[0], cum[:-1]])
            heights = vals.copy()
            bottoms = np.append(bottoms, 0)
            heights = np.append(heights, cum[-1])
            kinds = ["total"] + ["up" if d >= 0 else "down" for d in vals[1:]] + ["total"]
        else:
            vals = deltas[: n]
            vals = np.concatenate([vals, rng.normal(0, 40, max(0, n - len(vals))) * scale])[:n]
            cum = np.cumsum(vals)
            bottoms = np.concatenate([[0], cum[:-1]])
            heights = vals
            kinds = ["up" if d >= 0 else "down" for d in vals]
        pal = rng.integers(0, 3)
        cmap = [{"up": "#2ca02c", "down": "#d62728", "total": "#1f77b4"},
                {"up": "#70AD47", "down": "#ED7D31", "total": "#4472C4"},
                {"up": c.colors[0], "down": c.colors[1], "total": c.colors[2]}][pal]
        horizontal = rng.random() < 0.15
        width = float(rng.uniform(0.5, 0.85))
        cols = [cmap[k] for k in kinds]
        edge = str(rng.choice(["none", "black"]))
        if horizontal:
            bars = c.ax.barh(range(n), heights, left=bottoms, height=width, color=cols, edgecolor=edge)
            _ticklabels(c.ax, rng, labels, "y")
            c.ax.invert_yaxis()
        else:
            bars = c.ax.bar(range(n), heights, bottom=bottoms, width=width, color=cols, edgecolor=edge)
            _ticklabels(c.ax, rng, labels, "x")
        if rng.random() < 0.6 and not horizontal:
            tops = bottoms + heights
            for i in range(n - 1):
                c.ax.plot([i + width / 2, i + 1 - width / 2], [tops[i]] * 2, color="gray", lw=0.8,
                          ls=str(rng.choice(["-", "--", ":"])))
        if rng.random() < 0.4:
            for b, h in zip(bars, heights):
                x = b.get_x() + b.get_width() / 2 if not horizontal else b.get_x() + b.get_width()
                y = b.get_y() + b.get_height() if not horizontal else b.get_y() + b.get_height() / 2
                c.ax.annotate(f"{h:+,.0f}", (x, y), ha="center", va="bottom", fontsize="x-small", color=c.fg)
        c.decorate(legend=False)
    return c.rendered


@renderer("funnel", "matplotlib")
def funnel_matplotlib(rng):
    with chart(rng, aspect=(0.8, 2.0), themes=["default", "default", "minimal", "excel", "darkmode", "ggplot",
                                                 "seaborn-v0_8-white"]) as c:
        n = _n(rng, 3, 8)
        stages = list(rng.choice([["Visits", "Sign-ups", "Trials", "Purchases", "Renewals", "Referrals", "Upsell",
                                   "Advocates"], ["Awareness", "Interest", "Consideration", "Intent", "Evaluation",
                                                  "Purchase", "Loyalty", "Advocacy"],
                                  ["Leads", "Qualified", "Proposal", "Negotiation", "Closed", "Won", "Onboarded",
                                   "Active"]]))[:n]
        if rng.random() < 0.3:
            stages = text.categories(rng, n)
        v = np.sort(rng.uniform(0.05, 1, n))[::-1]
        v[0] = 1.0
        v = np.round(v * float(rng.choice([100, 1000, 5000, 1e5])))
        y = np.arange(n)
        mode = rng.integers(0, 3)
        single = rng.random() < 0.5
        cols = [c.colors[0]] * n if single else [c.colors[i % len(c.colors)] for i in range(n)]
        h = float(rng.uniform(0.6, 0.95)) if mode != 1 else 1.0
        if mode in (0, 1):
            c.ax.barh(y, v, left=-v / 2, height=h, color=cols, edgecolor=str(rng.choice(["none", "white"])))
        else:  # trapezoids
            from matplotlib.patches import Polygon

            for i in range(n):
                top = v[i] / 2
                bot = v[i + 1] / 2 if i + 1 < n else v[i] / 2 * 0.7
                poly = Polygon([(-top, i - 0.45), (top, i - 0.45), (bot, i + 0.45), (-bot, i + 0.45)],
                               closed=True, facecolor=cols[i], edgecolor="white")
                c.ax.add_patch(poly)
            c.ax.set_xlim(-v[0] / 2 * 1.05, v[0] / 2 * 1.05)
            c.ax.set_ylim(n - 0.5, -0.5)
        if mode != 2:
            c.ax.invert_yaxis()
        inside = rng.random() < 0.6
        for i in range(n):
            lab = f"{v[i]:,.0f}" if rng.random() < 0.5 else f"{v[i] / v[0] * 100:.0f}%"
            if inside:
                c.ax.text(0, i, lab, ha="center", va="center", color="white", fontsize="small", fontweight="bold")
        if rng.random() < 0.7:
            c.ax.set_yticks(y)
            c.ax.set_yticklabels(stages)
        else:
            c.ax.set_yticks([])
            for i in range(n):
                c.ax.text(v[0] / 2 * 1.02, i, stages[i], va="center", fontsize="small", color=c.fg)
        c.ax.set_xticks([])
        for side in ("top", "right", "bottom"):
            c.ax.spines[side].set_visible(False)
        if rng.random() < 0.6:
            c.ax.spines["left"].set_visible(False)
        c.decorate(xlabel="", ylabel="", legend=False, grid=None)
    return c.rendered


@renderer("lollipop", "matplotlib")
def lollipop_matplotlib(rng):
    with chart(rng) as c:
        n = _n(rng, 5, 25)
        labels = text.categories(rng, n)
        vals = _values(rng, n, negative=0.15)
        if rng.random() < 0.5:
            o = np.argsort(vals)
            vals, labels = vals[o], [labels[i] for i in o]
        horizontal = rng.random() < 0.5
        mode = rng.choice(["lollipop", "lollipop", "lollipop", "cleveland", "dot"])
        col = c.colors[0]
        ms = float(rng.uniform(4, 12))
        base = 0.0 if (vals < 0).any() or rng.random() < 0.8 else float(vals.min() * 0.8)
        pos = np.arange(n)
        if mode == "lollipop":
            lw = float(rng.uniform(0.8, 2.5))
            if horizontal:
                c.ax.hlines(pos, base, vals, color=str(rng.choice([col, "gray", "black"])), lw=lw)
                c.ax.plot(vals, pos, "o", ms=ms, color=col)
            else:
                c.ax.vlines(pos, base, vals, color=str(rng.choice([col, "gray", "black"])), lw=lw)
                c.ax.plot(pos, vals, "o", ms=ms, color=col)
        elif mode == "cleveland":
            v2 = vals * rng.uniform(0.6, 1.4, n)
            names = text.categories(rng, 2)
            if horizontal:
                c.ax.hlines(pos, np.minimum(vals, v2), np.maximum(vals, v2), color="gray", lw=1.5, alpha=0.7)
                c.ax.plot(vals, pos, "o", ms=ms, color=c.colors[0], label=names[0])
                c.ax.plot(v2, pos, "o", ms=ms, color=c.colors[1], label=names[1])
            else:
                c.ax.vlines(pos, np.minimum(vals, v2), np.maximum(vals, v2), color="gray", lw=1.5, alpha=0.7)
                c.ax.plot(pos, vals, "o", ms=ms, color=c.colors[0], label=names[0])
                c.ax.plot(pos, v2, "o", ms=ms, color=c.colors[1], label=names[1])
        else:  # dot plot with dotted guide lines
            if horizontal:
                c.ax.hlines(pos, vals.min() - abs(vals.min()) * 0.1, vals.max() * 1.05, color="gray", lw=0.6, ls=":")
                c.ax.plot(vals, pos, "o", ms=ms, color=col)
            else:
                c.ax.vlines(pos, vals.min() - abs(vals.min()) * 0.1, vals.max() * 1.05, color="gray", lw=0.6, ls=":")
                c.ax.plot(pos, vals, "o", ms=ms, color=col)
        _ticklabels(c.ax, rng, labels, "y" if horizontal else "x")
        c.tags.append(str(mode))
        c.decorate(legend=mode == "cleveland")
    return c.rendered


@renderer("lollipop", "seaborn")
def lollipop_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True, aspect=(0.7, 1.8)) as c:
        n = _n(rng, 5, 20)
        labels = text.categories(rng, n)
        vals = _values(rng, n, negative=0.1)
        o = np.argsort(vals)
        df = pd.DataFrame({"cat": [labels[i] for i in o], "val": vals[o]})
        pal = str(rng.choice(["flare", "crest", "viridis", "deep", "rocket"]))
        if rng.random() < 0.5:
            c.ax.hlines(df.cat, 0, df.val, color="gray", lw=float(rng.uniform(0.8, 2)))
        else:
            c.ax.grid(axis="y", ls=":", alpha=0.7)
        sns.scatterplot(data=df, x="val", y="cat", hue="val" if rng.random() < 0.5 else None, palette=pal,
                        s=float(rng.uniform(40, 150)), ax=c.ax, legend=False, color=c.colors[0], zorder=3)
        c.decorate(legend=False)
    return c.rendered


def _gantt_tasks(rng):
    n = _n(rng, 4, 16)
    start = dt.date(int(rng.integers(2015, 2027)), int(rng.integers(1, 13)), int(rng.integers(1, 28)))
    tasks, t0 = [], 0
    names = list(rng.choice(["Research", "Design", "Prototype", "Build", "Testing", "Review", "Launch", "Docs",
                             "QA", "Deploy", "Planning", "Kickoff", "Marketing", "Training", "Migration",
                             "Sign-off", "Beta", "Audit"], size=n, replace=False)) if rng.random() < 0.6 else \
        [f"Task {i + 1}" if rng.random() < 0.5 else " ".join(text.words(rng, 2)).capitalize() for i in range(n)]
    for i in range(n):
        t0 = max(0, t0 + int(rng.integers(-3, 8)))
        d = int(rng.integers(2, 25))
        tasks.append((names[i], start + dt.timedelta(days=t0), d))
    return tasks


@renderer("gantt", "matplotlib")
def gantt_matplotlib(rng):
    import matplotlib.dates as mdates

    with chart(rng, aspect=(1.2, 3.0)) as c:
        tasks = _gantt_tasks(rng)
        n = len(tasks)
        groups = int(rng.integers(1, 5))
        gidx = np.sort(rng.integers(0, groups, n))
        h = float(rng.uniform(0.4, 0.85))
        for i, (name, s, d) in enumerate(tasks):
            col = c.colors[gidx[i] % len(c.colors)]
            c.ax.barh(i, d, left=mdates.date2num(s), height=h, color=col,
                      edgecolor=str(rng.choice(["none", "black"])), alpha=0.9)
            if rng.random() < 0.25:
                frac = float(rng.uniform(0.1, 1.0))
                c.ax.barh(i, d * frac, left=mdates.date2num(s), height=h * 0.35, color="black", alpha=0.35)
        if rng.random() < 0.3:
            for _ in range(int(rng.integers(1, 3))):
                i = int(rng.integers(0, n))
                x = mdates.date2num(tasks[i][1]) + tasks[i][2]
                c.ax.plot(x, i, "D", color="black", ms=7)
        if rng.random() < 0.4:
            today = mdates.date2num(tasks[0][1]) + float(rng.uniform(5, 40))
            c.ax.axvline(today, color="red", ls="--", lw=1)
        c.ax.set_yticks(range(n))
        c.ax.set_yticklabels([t[0] for t in tasks], fontsize="small")
        c.ax.invert_yaxis()
        c.ax.xaxis_date()
        fmt = str(rng.choice(["%b %d", "%Y-%m-%d", "%d/%m", "%b", "W%W"]))
        c.ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))
        if rng.random() < 0.5:
            c.ax.xaxis.tick_top()
        c.ax.grid(axis="x", alpha=0.4, visible=rng.random() < 0.7)
        c.ax.tick_params(axis="x", labelsize="small", rotation=int(rng.choice([0, 0, 30, 45])))
        c.decorate(xlabel="", ylabel="", legend=False, grid=None)
    return c.rendered


@renderer("gantt", "matplotlib-broken_barh")
def gantt_broken_barh(rng):
    with chart(rng, aspect=(1.3, 3.0)) as c:
        n = _n(rng, 3, 10)
        names = [f"{w.capitalize()}" for w in text.words(rng, n)] if rng.random() < 0.5 else \
            [f"Phase {i + 1}" for i in range(n)]
        x0 = 0
        for i in range(n):
            segs = []
            x = x0 + int(rng.integers(0, 6))
            for _ in range(int(rng.integers(1, 4))):
                d = int(rng.integers(2, 12))
                segs.append((x, d))
                x += d + int(rng.integers(1, 5))
            x0 = segs[0][0] + int(rng.integers(1, 8))
            c.ax.broken_barh(segs, (i - 0.35, 0.7), facecolors=c.colors[i % len(c.colors)] if rng.random() < 0.6
                             else c.colors[0], edgecolor="none")
        c.ax.set_yticks(range(n))
        c.ax.set_yticklabels(names)
        c.ax.invert_yaxis()
        unit = str(rng.choice(["Day", "Week", "Sprint", "Month"]))
        c.ax.set_xlabel(unit if rng.random() < 0.6 else "")
        c.ax.grid(axis="x", alpha=0.4)
        c.decorate(xlabel="", legend=False, grid=None)
    return c.rendered


def _pandas_bars(rng, horizontal: bool):
    with chart(rng, seaborn=rng.random() < 0.3) as c:
        n = _n(rng, 3, 15)
        s = pd.Series(_values(rng, n), index=text.categories(rng, n), name=text.words(rng, 1)[0])
        if rng.random() < 0.3:
            s = s.sort_values(ascending=bool(rng.random() < 0.5))
        if rng.random() < 0.4:
            s.index.name = text.words(rng, 1)[0].capitalize()
        kw = dict(ax=c.ax, width=float(rng.uniform(0.4, 0.8)), legend=bool(rng.random() < 0.2),
                  color=c.colors[0] if rng.random() < 0.7 else [c.colors[i % len(c.colors)] for i in range(n)],
                  edgecolor=str(rng.choice(["none", "black"])), grid=bool(rng.random() < 0.3))
        if horizontal:
            s.plot.barh(**kw)
        else:
            s.plot.bar(rot=int(rng.choice([0, 45, 90, 90])), **kw)
        if (s < 0).any():
            (c.ax.axvline if horizontal else c.ax.axhline)(0, color=c.fg, lw=0.8)
        c.decorate(legend=False)
    return c.rendered


@renderer("bar", "pandas")
def bar_pandas(rng):
    return _pandas_bars(rng, horizontal=False)


@renderer("horizontal_bar", "pandas")
def horizontal_bar_pandas(rng):
    return _pandas_bars(rng, horizontal=True)


@renderer("grouped_bar", "pandas")
def grouped_bar_pandas(rng):
    with chart(rng, seaborn=rng.random() < 0.3) as c:
        n, k = _n(rng, 2, 8), _n(rng, 2, 4)
        df = pd.DataFrame(_multi(rng, n, k).T, index=text.categories(rng, n), columns=text.categories(rng, k))
        kind = "barh" if rng.random() < 0.3 else "bar"
        df.plot(kind=kind, ax=c.ax, width=float(rng.uniform(0.6, 0.85)), color=c.colors[:k],
                rot=int(rng.choice([0, 0, 45, 90])) if kind == "bar" else 0, legend=rng.random() < 0.9,
                edgecolor=str(rng.choice(["none", "white", "black"])))
        c.decorate(legend=False)
    return c.rendered


@renderer("stacked_bar", "seaborn")
def stacked_bar_seaborn(rng):
    """The seaborn idiom for stacked bars: a weighted categorical histplot with multiple="stack"."""
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        n, k = _n(rng, 3, 10), _n(rng, 2, 5)
        labels, series = text.categories(rng, n), text.categories(rng, k)
        data = _multi(rng, n, k)
        xcol = str(rng.choice(["Category", "Region", "Month", "Product", "Team"]))
        hcol = str(rng.choice(["Segment", "Type", "Group", "Channel", "Source"]))
        rows = [(labels[i], series[j], data[j, i]) for i in range(n) for j in range(k)]
        df = pd.DataFrame(rows, columns=[xcol, hcol, "Value"])
        pct = rng.random() < 0.3
        horizontal = rng.random() < 0.3
        sns.histplot(data=df, **({"y": xcol} if horizontal else {"x": xcol}), hue=hcol, weights="Value",
                     multiple="fill" if pct else "stack", shrink=float(rng.uniform(0.5, 0.85)), discrete=True,
                     palette=str(rng.choice(["deep", "muted", "Set2", "husl", "rocket", "mako", "pastel"])),
                     edgecolor=str(rng.choice(["white", "none"])), alpha=1.0, ax=c.ax, legend=rng.random() < 0.9)
        if not horizontal and max(map(len, labels)) > 5:
            c.ax.tick_params(axis="x", rotation=int(rng.choice([30, 45, 90])))
        (c.ax.set_xlabel if horizontal else c.ax.set_ylabel)(str(rng.choice(["Share", "Total", "Count", "Value", ""]))
                                                              if not pct else "Share")
        c.tags.append("pct" if pct else "abs")
        c.decorate(legend=False)
    return c.rendered


@renderer("histogram", "pandas")
def histogram_pandas(rng):
    with chart(rng) as c:
        k = int(rng.choice([1, 1, 2, 3]))
        x0 = _hist_data(rng)
        cols = {text.words(rng, 1)[0].capitalize() + (f" {j}" if j else ""):
                (x0 if j == 0 else x0 * rng.uniform(0.7, 1.3) + np.std(x0) * rng.uniform(-1, 1)) for j in range(k)}
        df = pd.DataFrame(cols)
        df.plot.hist(ax=c.ax, bins=int(rng.integers(10, 50)), alpha=1.0 if k == 1 else 0.5,
                     stacked=bool(k > 1 and rng.random() < 0.3), color=c.colors[:k], legend=k > 1,
                     edgecolor=str(rng.choice(["none", "black", "white"])))
        c.decorate(legend=False)
    return c.rendered


_LIKERT_SCALES = [
    ("Strongly disagree", "Disagree", "Somewhat disagree", "Neutral", "Somewhat agree", "Agree", "Strongly agree"),
    ("Very dissatisfied", "Dissatisfied", "Somewhat dissatisfied", "Neither", "Somewhat satisfied", "Satisfied",
     "Very satisfied"),
    ("Very poor", "Poor", "Below average", "Average", "Above average", "Good", "Excellent"),
    ("Never", "Rarely", "Seldom", "Sometimes", "Often", "Usually", "Always"),
    ("Very unlikely", "Unlikely", "Somewhat unlikely", "Undecided", "Somewhat likely", "Likely", "Very likely"),
]


def _likert_levels(rng, k):
    """``k`` (4-7) ordered response levels; the neutral one in the middle when ``k`` is odd."""
    if rng.random() < 0.15:
        return [str(i + 1) for i in range(k)]
    scale = _LIKERT_SCALES[int(rng.integers(len(_LIKERT_SCALES)))]
    picks = {4: [0, 1, 5, 6], 5: [0, 1, 3, 5, 6], 6: [0, 1, 2, 4, 5, 6], 7: list(range(7))}[k]
    return [scale[i] for i in picks]


def _likert_questions(rng, n):
    kind = rng.integers(0, 3)
    if kind == 0:
        return [f"{str(rng.choice(['Question', 'Q', 'Item', 'Statement']))} {i + 1}" for i in range(n)]
    if kind == 1:
        return text.categories(rng, n)
    forms = ["I am satisfied with the {}", "The {} is easy to use", "My {} improved", "I would recommend the {}",
             "The {} meets my needs", "I trust the {} {}", "{} {} is clear", "I understand the {}"]
    return [forms[int(rng.integers(len(forms)))].format(*text.words(rng, 2)).capitalize() for _ in range(n)]


def _luminance(color) -> float:
    import matplotlib.colors as mcolors

    r, g, b = mcolors.to_rgb(color)
    return 0.299 * r + 0.587 * g + 0.114 * b


@renderer("stacked_bar", "matplotlib-likert")
def stacked_bar_likert(rng):
    """Diverging stacked bars of a Likert survey: one row per question, the responses centred on the neutral
    midpoint so that disagreement extends left of zero; diverging palette, percent labels, legend above or right."""
    import matplotlib
    import matplotlib.ticker as mticker

    with chart(rng, aspect=(0.9, 2.6)) as c:
        ax = c.ax
        n, k = _n(rng, 3, 14), _n(rng, 4, 7)
        levels, rows = _likert_levels(rng, k), _likert_questions(rng, n)
        tilt = rng.normal(0.2, 0.5) + rng.normal(0, float(rng.uniform(0.2, 0.6)), n)
        w = rng.gamma(float(rng.uniform(2, 8)), 1, (n, k)) * np.exp(tilt[:, None] * np.linspace(-1, 1, k))
        vals = w / w.sum(1, keepdims=True) * 100
        if rng.random() < 0.4:
            vals = vals[np.argsort(vals[:, k - k // 2:].sum(1))[::-1]]
        cm = matplotlib.colormaps[str(rng.choice(["RdBu", "BrBG", "PuOr", "RdYlBu", "PiYG", "RdYlGn", "coolwarm_r",
                                                  "PRGn", "RdBu", "BrBG"]))]
        cols = [cm(x) for x in np.linspace(0.08, 0.92, k)]
        if k % 2 and rng.random() < 0.5:
            cols[k // 2] = str(rng.choice(["#d9d9d9", "#bdbdbd", "#e0e0e0", "#cccccc"]))
        if rng.random() < 0.2:  # red-grey-blue
            cols = [matplotlib.colors.to_hex(x) for x in _rgb_ramp(k)]
        centred = rng.random() < 0.8
        neg = vals[:, : k // 2].sum(1) + (vals[:, k // 2] / 2 if k % 2 else 0)
        start = -neg if centred else np.zeros(n)
        height = float(rng.uniform(0.5, 0.85))
        ec = str(rng.choice(["white", "none", "none"]))
        show = rng.random() < 0.55
        fmt = str(rng.choice(["{:.0f}%", "{:.0f}", "{:.0f}%", "{:.1f}%"]))
        # smallest segment (in percent points) wide enough for its label: label width over points per percent
        w_in = c.size[0]  # type: ignore[attr-defined]
        min_v = len(fmt.format(55.5)) * 0.6 * 0.83 * matplotlib.rcParams["font.size"] / 72 / (0.55 * w_in / 110)
        for j in range(k):
            bars = ax.barh(range(n), vals[:, j], left=start, height=height, color=cols[j], label=levels[j], ec=ec,
                           lw=0.6)
            if show:
                ax.bar_label(bars, [fmt.format(v) if v >= min_v else "" for v in vals[:, j]], label_type="center",
                             fontsize="x-small", color="white" if _luminance(cols[j]) < 0.5 else "black")
            start = start + vals[:, j]
        ax.set_yticks(range(n))
        ax.set_yticklabels(rows, fontsize="small" if n < 10 else "x-small")
        ax.set_ylim(n - 0.5, -0.5)
        if centred:
            ax.axvline(0, color=c.fg, lw=float(rng.uniform(0.6, 1.5)), ls=str(rng.choice(["-", "-", "--"])))
            reach = np.ceil(max(neg.max(), (100 - neg).max()) / 20) * 20
            lo = -reach if rng.random() < 0.6 else -np.ceil(neg.max() / 20) * 20
            ax.set_xlim(lo, reach if lo == -reach else np.ceil((100 - neg).max() / 20) * 20)
            signed = rng.random() < 0.4
            ax.xaxis.set_major_formatter(mticker.FuncFormatter(
                lambda v, _: f"{v:.0f}%" if signed else f"{abs(v):.0f}%"))
        else:
            ax.set_xlim(0, 100)
            ax.xaxis.set_major_formatter(mticker.PercentFormatter())
        if show and rng.random() < 0.5:
            ax.set_xticks([])
            for s in ("top", "right", "bottom"):
                ax.spines[s].set_visible(False)
        ax.tick_params(axis="y", length=0)
        if rng.random() < 0.6:
            chars = int(w_in * 72 / (0.6 * 0.83 * matplotlib.rcParams["font.size"]))  # characters across
            per = max(len(s) for s in levels) + 5
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=max(1, min(k, chars // per)),
                      fontsize="x-small", frameon=False)
        else:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="x-small", frameon=rng.random() < 0.5)
        c.tags.append("likert-centred" if centred else "likert-100")
        title = c.title(0.3)
        if title:
            c.fig.suptitle(title, fontweight=str(rng.choice(["normal", "bold"])))
        c.decorate(title="", legend=False, ylabel="", xlabel="" if rng.random() < 0.6 else "Percent of responses",
                   grid=None)
    return c.rendered


def _rgb_ramp(k):
    """Red - grey - blue steps for ``k`` levels."""
    red, grey, blue = np.array([0.80, 0.15, 0.15]), np.array([0.82, 0.82, 0.82]), np.array([0.13, 0.35, 0.70])
    t = np.linspace(-1, 1, k)
    return [grey + (red - grey) * -x if x < 0 else grey + (blue - grey) * x for x in t]


@renderer("stacked_bar", "matplotlib-dense")
def stacked_bar_dense(rng):
    """Dense stacked columns: 30-120 adjacent stacked columns of a yearly/monthly series, no value labels, legend
    or direct labels on the right; sometimes a news graphic; sometimes contributions above and below zero with a
    total line."""
    import matplotlib.ticker

    from training.corpus.mpl_style import news_chart, news_look

    news = rng.random() < 0.4
    with (news_chart if news else chart)(rng, aspect=(1.2, 2.4)) as c:
        ax = c.ax
        n, k = _n(rng, 30, 120), _n(rng, 3, 10)
        names = text.categories(rng, k)
        t = np.linspace(0, 1, n)
        trend = np.exp(t[None, :] * rng.uniform(-1, 2.5, (k, 1)))
        walk = np.exp(np.cumsum(rng.normal(0, float(rng.uniform(0.02, 0.12)), (k, n)), axis=1))
        vals = rng.gamma(2.0, 1.0, (k, 1)) * trend * walk * data_scale(rng)
        mode = str(rng.choice(["abs", "abs", "pct", "contrib"]))
        if mode == "pct":
            vals = vals / vals.sum(0, keepdims=True) * 100
        elif mode == "contrib":
            vals = np.sin(t[None, :] * rng.uniform(3, 15, (k, 1)) + rng.uniform(0, 6, (k, 1))) * rng.uniform(
                0.3, 1.5, (k, 1)) + rng.normal(0, 0.3, (k, n))
        if rng.random() < 0.6:
            x = np.arange(n) + int(rng.integers(1900, 2025 - n))
            c.tags.append("years")
        else:
            x = pd.date_range(pd.Timestamp(int(rng.integers(1990, 2018)), 1, 1), periods=n, freq="MS")
            c.tags.append("months")
        xs = np.arange(n)
        width = 1.0 if rng.random() < 0.4 else float(rng.uniform(0.8, 0.95))
        ec = str(rng.choice(["none", "none", "white"]))
        if c.dark and ec == "white":
            ec = c.bg
        pos, negb = np.zeros(n), np.zeros(n)
        for j in range(k):
            v = vals[j]
            base = np.where(v >= 0, pos, negb)
            ax.bar(xs, v, bottom=base, width=width, color=c.colors[j % len(c.colors)], ec=ec, lw=0.3, label=names[j])
            pos, negb = pos + np.clip(v, 0, None), negb + np.clip(v, None, 0)
        if mode == "contrib":
            ax.axhline(0, color=c.fg, lw=0.8)
            if rng.random() < 0.7:
                ax.plot(xs, vals.sum(0), color=c.fg, lw=1.4, marker="o" if rng.random() < 0.3 else "", ms=2.5,
                        label="Total")
        step = max(1, int(np.ceil(n / float(rng.uniform(5, 12)))))
        if isinstance(x, pd.DatetimeIndex):
            step = int(np.ceil(step / 12) * 12) if step > 6 else step
            dfmt = str(rng.choice(["%Y", "%b %Y", "%Y-%m"])) if step >= 12 else "%b %y"
            lab = [d.strftime(dfmt) for d in x]
        else:
            step = int(rng.choice([s for s in (2, 5, 10, 20, 25) if s >= step and n // s >= 3][:2] or [step]))
            lab = [str(v) for v in x]
        first = (-x[0]) % step if not isinstance(x, pd.DatetimeIndex) else 0
        ticks = xs[first::step]
        ax.set_xticks(ticks)
        ax.set_xticklabels([lab[i] for i in ticks], rotation=0 if len(lab[0]) <= 4 else int(rng.choice([0, 45])))
        ax.set_xlim(-0.5 - (1 - width) / 2, n - 0.5)
        if mode == "pct":
            ax.set_ylim(0, 100)
        elif vals.max() * k >= 1e4 and (news or rng.random() < 0.5):
            ax.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        direct = rng.random() < 0.4 and mode != "contrib"
        if direct:
            mid = np.cumsum(vals[:, -1]) - vals[:, -1] / 2
            for j in range(k):
                ax.text(n, mid[j], " " + names[j], color=c.colors[j % len(c.colors)], va="center",
                        fontsize="x-small" if k > 6 else "small", fontweight=str(rng.choice(["normal", "bold"])))
        if news:
            if not direct and rng.random() < 0.8:
                ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(k + 1, int(rng.integers(3, 6))),
                          frameon=False, fontsize="small")
            news_look(c, grid="y")
            c.fig.subplots_adjust(right=0.84 if direct else 0.97, top=float(c.fig.subplotpars.top) - 0.06)
        else:
            if not direct and rng.random() < 0.85:
                ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small",
                          frameon=bool(rng.random() < 0.5))
            c.decorate(legend=False, xlabel="" if rng.random() < 0.6 else None)
        c.tags.append(mode)
    return c.rendered
