"""Bar-family charts with matplotlib, seaborn and pandas: bars, stacked/grouped, histogram, pyramid,
waterfall, funnel, lollipop, gantt."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from training.corpus import text
from training.corpus.mpl_style import chart, data_scale, news_chart, news_look
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


# ------------------------------------------------------------------------------------- grouped bars, more kinds

_COUNTRIES = ("Germany", "France", "Italy", "Spain", "Poland", "Sweden", "Norway", "Finland", "Denmark", "Austria",
              "Belgium", "Netherlands", "Portugal", "Greece", "Ireland", "Czechia", "Hungary", "Romania", "Japan",
              "Canada", "Mexico", "Brazil", "Chile", "India", "China", "Australia", "United States", "United Kingdom",
              "South Korea", "New Zealand", "Switzerland", "Turkey", "South Africa", "Argentina", "Indonesia")
_SERIES = (("Men", "Women"), ("Before", "After"), ("Urban", "Rural"), ("Actual", "Target"), ("Public", "Private"),
           ("Domestic", "Foreign"), ("Q1", "Q2", "Q3", "Q4"), ("Low", "Medium", "High"), ("Under 30", "30-59", "60+"),
           ("Exports", "Imports"), ("Boys", "Girls"), ("Online", "In store", "Phone"), ("EU", "US", "Asia", "Other"))


def _group_names(rng, n):
    """``n`` category names for grouped bars: consecutive (or every-other) years, countries or generic names."""
    kind = int(rng.integers(0, 3))
    if kind == 0:
        step = int(rng.choice([1, 1, 1, 2, 5])) if n <= 12 else 1
        y0 = int(rng.integers(1960, 2026 - n * step))
        season = step == 1 and rng.random() < 0.15  # "2019/20"
        return [f"{y0 + i}/{(y0 + i + 1) % 100:02d}" if season else str(y0 + i * step) for i in range(n)]
    if kind == 1:
        return [str(s) for s in rng.choice(_COUNTRIES, n, replace=False)]
    return text.categories(rng, n)


def _series_names(rng, k, years: bool = True):
    """``k`` legend entries: two or more years, a natural pair/triple, or generic names."""
    r = rng.random()
    if years and r < 0.3:
        y = int(rng.integers(1990, 2024))
        return [str(v) for v in sorted(y - rng.choice(np.arange(1, 12), k - 1, replace=False))] + [str(y)]
    fits = [s for s in _SERIES if len(s) == k]
    if fits and r < 0.7:
        return list(fits[int(rng.integers(len(fits)))])
    return text.categories(rng, k)


def _draw_groups(c, rng, pos, data, names, horizontal: bool, group_w: float, colors=None):
    """Clusters of side-by-side bars: series ``j`` (row ``j`` of ``data``; NaN = no bar) around each position of
    ``pos``; returns the bar containers."""
    k = len(data)
    w = group_w / k
    fill = float(rng.choice([1.0, 1.0, 0.92, 0.8]))
    edge = str(rng.choice(["none", "none", "white", "black"]))
    if c.dark and edge == "white":
        edge = c.bg
    if colors is None:  # sequential palettes: spread the picks so that the series stay apart
        step = 1 if _distance(c.colors[0], c.colors[1]) > 0.3 else max(1, len(c.colors) // k)
        colors = [c.colors[(j * step) % len(c.colors)] for j in range(k)]
    out = []
    for j in range(k):
        off = w * (j + 0.5) - group_w / 2
        kw = dict(label=names[j], color=colors[j], edgecolor=edge, linewidth=0.5)
        if horizontal:  # first series on top within each group
            out.append(c.ax.barh(pos - off, data[j], height=w * fill, **kw))
        else:
            out.append(c.ax.bar(pos + off, data[j], width=w * fill, **kw))
    return out


def _distance(a, b) -> float:
    import matplotlib.colors as mcolors

    return float(np.linalg.norm(np.subtract(mcolors.to_rgb(a), mcolors.to_rgb(b))))


def _end_labels(c, rng, containers, data, fontsize="x-small"):
    """Values at the outer ends of the bars (nothing for missing bars), formatted for their magnitude."""
    top = float(np.nanmax(np.abs(data)))
    div, fmt = 1.0, "{:.2f}" if top < 1 else "{:.1f}"
    if top >= 1e5:
        div, fmt = (1e6, "{:.1f}M") if top >= 1e6 else (1e3, "{:.0f}K")
    elif top >= 10:
        fmt = str(rng.choice(["{:.0f}", "{:,.0f}"]))
    suffix = "%" if top < 1000 and rng.random() < 0.2 else ""
    for bars, v in zip(containers, data):
        c.ax.bar_label(bars, [fmt.format(x / div) + suffix if np.isfinite(x) else "" for x in v], padding=2,
                       fontsize=fontsize, color=c.fg)


def _font_in(scale: float = 1.0) -> float:
    """Inches of the current font size times ``scale`` (a character is about 0.6 of that wide)."""
    import matplotlib

    return float(matplotlib.rcParams["font.size"]) * scale / 72


def _left_margin(c, labels, scale: float) -> float:
    """Figure fraction that the longest y tick label needs at ``scale`` times the font size."""
    return min(0.45, 0.04 + max(map(len, labels)) * 0.6 * _font_in(scale) / c.size[0])  # type: ignore[attr-defined]


def _news_key(c, rng, k, grid: str, key: bool = True):
    """Finish a news graphic: a frameless one-row key above the plot, left-aligned, then :func:`news_look` with
    room for the key under the title."""
    if key:
        c.ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=k, frameon=False, fontsize="small",
                    handlelength=float(rng.choice([0.8, 1.2, 2.0])), borderaxespad=0.2)
    news_look(c, grid=grid)
    if key:
        h = c.size[1]  # type: ignore[attr-defined]
        c.fig.subplots_adjust(top=float(c.fig.subplotpars.top) - 2.0 * _font_in() / h)


@renderer("grouped_bar", "matplotlib-horizontal")
def grouped_bar_horizontal(rng):
    """Horizontal grouped bars: 5-25 categories (years, countries, ...) down the y axis, 2-4 side-by-side bars per
    category, a legend, sometimes the values at the bar ends; sometimes a news graphic."""
    import matplotlib

    n = _n(rng, 5, 25)
    k = _n(rng, 2, 4 if n <= 14 else 3)
    news = rng.random() < 0.3
    kw = dict(aspect=(0.55, 1.1) if n * k > 30 else (0.8, 1.8)) | ({} if news else dict(tight=1.0))
    with (news_chart if news else chart)(rng, **kw) as c:
        labels = _group_names(rng, n)
        series = _series_names(rng, k, years=not labels[0][:1].isdigit())
        w, h = c.size  # type: ignore[attr-defined]
        need = (n * (k * 7 + 5) + 120) / c.dpi  # inches for >= 7 px a bar
        if h < need:
            c.fig.set_size_inches(max(w, need * 0.6), need)
            c.size = (max(w, need * 0.6), need)  # type: ignore[attr-defined]
        data = _multi(rng, n, k)
        if not labels[0][:1].isdigit() and rng.random() < 0.4:  # sorted by the first series
            o = np.argsort(data[0])[:: 1 if rng.random() < 0.5 else -1]
            data, labels = data[:, o], [labels[i] for i in o]
        bars = _draw_groups(c, rng, np.arange(n), data, series, True, float(rng.uniform(0.7, 0.9)))
        _ticklabels(c.ax, rng, labels, "y")
        fs = 0.85 if n > 15 else 1.0
        c.ax.tick_params(axis="y", labelsize=float(matplotlib.rcParams["font.size"]) * fs)
        if rng.random() < 0.6:
            c.ax.invert_yaxis()
        c.ax.margins(y=0.01)
        if rng.random() < (0.5 if n * k <= 40 else 0.2):
            _end_labels(c, rng, bars, data, fontsize="x-small" if n * k > 20 else "small")
            c.ax.margins(x=0.12)
        c.tags.append(f"h{n}x{k}")
        if news:
            _news_key(c, rng, k, "x")
            c.fig.subplots_adjust(left=_left_margin(c, labels, fs), right=0.96)
        else:
            c.decorate(legend=rng.random() < 0.92, ylabel="" if rng.random() < 0.7 else None)
    return c.rendered


@renderer("grouped_bar", "matplotlib-signed")
def grouped_bar_signed(rng):
    """Grouped columns of changes around a zero line (e.g. change vs last year): 2-4 series of positive and
    negative values; sometimes the groups sit far apart on a year axis with gaps, and some bars are missing."""
    import matplotlib.ticker as mticker

    with chart(rng) as c:
        n, k = _n(rng, 3, 14), _n(rng, 2, 4)
        common = rng.normal(0, 1, n)
        data = common * float(rng.uniform(0.3, 1.0)) + rng.normal(float(rng.uniform(-0.4, 0.4)), 1, (k, n))
        data = np.round(data * float(rng.choice([1, 3, 5, 10, 10, 25, 100])), 1)
        if rng.random() < 0.3:  # sparse: some series missing for some categories
            miss = rng.random((k, n)) < float(rng.uniform(0.1, 0.35))
            miss[int(rng.integers(k)), :] = False
            data[miss] = np.nan
        gaps = rng.random() < 0.35
        if gaps:  # a year axis with uneven gaps: some groups far apart
            pos = np.cumsum(np.concatenate([[0], rng.choice([1, 1, 1, 2, 3, 5, 10], n - 1)])).astype(float)
            y0 = int(rng.integers(1950, 2000))
            labels = [str(y0 + int(p)) for p in pos]
            group_w = float(rng.uniform(0.6, 0.9)) * (1.0 if rng.random() < 0.5 else float(rng.uniform(1.2, 2.0)))
        else:
            pos, labels, group_w = np.arange(n, dtype=float), _group_names(rng, n), float(rng.uniform(0.6, 0.9))
        series = _series_names(rng, k, years=not gaps)
        bars = _draw_groups(c, rng, pos, data, series, False, group_w)
        if gaps:  # upright labels where the closest groups leave room for them
            room = 0.75 * c.size[0] / (pos[-1] + 1) * np.diff(pos).min()  # type: ignore[attr-defined]
            c.ax.set_xticks(pos)
            c.ax.set_xticklabels(labels, rotation=0 if room > 3.2 * _font_in() else 90)
        else:
            _ticklabels(c.ax, rng, labels, "x")
        c.ax.axhline(0, color=c.fg, lw=float(rng.uniform(0.6, 1.4)), zorder=3)
        pct = rng.random() < 0.5
        if pct:
            c.ax.yaxis.set_major_formatter(mticker.FuncFormatter(
                lambda v, _: f"{v:+.0f}%" if v else "0%") if rng.random() < 0.5 else mticker.PercentFormatter(
                decimals=0))
        if rng.random() < 0.3 and n * k <= 16 and not gaps:
            _end_labels(c, rng, bars, data)
        c.tags.append("gaps" if gaps else "even")
        ylabel = str(rng.choice(["Change vs previous year", "Change (%)", "Year-on-year change", "Difference",
                                 "Change from baseline", ""])) if rng.random() < 0.6 else None
        c.decorate(legend=rng.random() < 0.92, ylabel=ylabel, xlabel="" if rng.random() < 0.6 else None)
    return c.rendered


@renderer("grouped_bar", "matplotlib-news")
def grouped_bar_news(rng):
    """A news graphic of many categories (10-20) with two bars each: a pair of years or groups side by side,
    flat colours (sometimes grey against a highlight), the key above the plot, light grid, no frame."""
    import matplotlib.ticker as mticker

    with news_chart(rng, aspect=(1.3, 2.0)) as c:
        n = _n(rng, 10, 20)
        labels = _group_names(rng, n)
        series = _series_names(rng, 2, years=not labels[0][:1].isdigit())
        data = _multi(rng, n, 2)
        if rng.random() < 0.3:
            data = data / data.max() * float(rng.uniform(40, 100))
        if not labels[0][:1].isdigit() and rng.random() < 0.5:  # countries/names ranked, years in order
            o = np.argsort(data[1])[::-1]
            data, labels = data[:, o], [labels[i] for i in o]
        colors = None
        if rng.random() < 0.35:
            colors = [str(rng.choice(["#b0b0b0", "#c8c8c8", "#9aa5b1"])), c.colors[int(rng.integers(0, 3))]]
        elif rng.random() < 0.3:  # light and dark shade of one hue
            import matplotlib.colors as mcolors

            dark = np.array(mcolors.to_rgb(c.colors[0]))
            colors = [mcolors.to_hex(dark + (1 - dark) * 0.55), mcolors.to_hex(dark)]
        bars = _draw_groups(c, rng, np.arange(n), data, series, False, float(rng.uniform(0.65, 0.85)), colors)
        _ticklabels(c.ax, rng, labels, "x")
        c.ax.set_xlim(-0.6, n - 0.4)
        if data.max() >= 1e4:
            c.ax.yaxis.set_major_formatter(mticker.EngFormatter(sep=""))
        if rng.random() < 0.3 and 0.3 * c.size[0] / n > 0.22:  # type: ignore[attr-defined]  # labels fit the bars
            _end_labels(c, rng, bars, data, fontsize=6)
        _news_key(c, rng, 2, "y", key=rng.random() < 0.85)
        rot = np.radians(c.ax.get_xticklabels()[0].get_rotation())
        below = (max(map(len, labels)) * 0.6 * np.sin(rot) + 1.5) * _font_in() / c.size[1]  # type: ignore[attr-defined]
        c.fig.subplots_adjust(bottom=min(0.5, float(c.fig.subplotpars.bottom) + below))
    return c.rendered


# ------------------------------------------------------------------------------------------ histograms, more kinds


def _hist_groups(rng, k):
    """``k`` samples of one quantity: the first from :func:`_hist_data`, the others shifted/scaled on its scale."""
    x0 = _hist_data(rng)
    mu, sd = float(np.mean(x0)), float(np.std(x0))
    return [x0] + [mu + sd * rng.uniform(-1.5, 1.5) + (rng.choice(x0, int(rng.integers(300, 2500))) - mu) *
                   rng.uniform(0.4, 1.2) for _ in range(k - 1)]


@renderer("histogram", "matplotlib-multiples")
def histogram_small_multiples(rng):
    """Faceted histograms: a grid of 2x2 up to 4x5 panels, one histogram each with touching bars, a panel title,
    shared axes and common bins."""
    import matplotlib
    import matplotlib.ticker as mticker

    rows, cols = _n(rng, 2, 4), _n(rng, 2, 5)
    with chart(rng, tight=0.0, n_colors=20, aspect=(cols / rows * 0.8, cols / rows * 1.4)) as c:
        w, h = c.size  # type: ignore[attr-defined]
        c.fig.set_size_inches(max(w, 130 * cols / c.dpi), max(h, 100 * rows / c.dpi))  # >= 130x100 px a panel
        m = rows * cols - (int(rng.integers(1, cols)) if rng.random() < 0.25 else 0)
        c.fig.clf()
        axes = c.fig.subplots(rows, cols, sharex=True, sharey=str(rng.choice(["all", "all", "row", "none"])),
                              squeeze=False).ravel()
        xs = _hist_groups(rng, m)
        edges = np.histogram_bin_edges(np.concatenate(xs), bins=_n(rng, 10, 40),
                                       range=tuple(np.quantile(np.concatenate(xs), [0.001, 0.995])))
        one = rng.random() < 0.55
        colors = [col for col in c.colors if _distance(col, c.bg[:3]) > 0.3]  # none that vanish into the page
        edge = str(rng.choice(["none", "none", "white", "black"]))
        names = text.categories(rng, m, long_labels=0.0)
        fs = float(rng.uniform(0.7, 0.95)) * float(matplotlib.rcParams["font.size"])
        small = mticker.EngFormatter(sep="") if np.abs(edges).max() >= 1e4 else None
        counts = np.array([np.histogram(x, edges)[0] for x in xs])
        for j, ax in enumerate(axes):
            ax.set_visible(j < m)
            if j >= m:
                continue
            col = colors[0 if one else j % len(colors)]
            if edge == "none":  # one filled outline: looks the same as touching bars and draws much faster
                ax.stairs(counts[j], edges, fill=True, color=col)
            else:
                ax.bar(edges[:-1], counts[j], width=np.diff(edges), align="edge", color=col, edgecolor=edge, lw=0.4)
            ax.set_title(names[j], fontsize=fs, pad=3)
            ax.tick_params(labelsize=fs * 0.85)
            ax.xaxis.set_major_locator(mticker.MaxNLocator(int(rng.integers(3, 6)) if cols < 4 else 3))
            ax.yaxis.set_major_locator(mticker.MaxNLocator(3 if rows > 2 else 4))
            if small:
                ax.xaxis.set_major_formatter(small)
        for j, ax in enumerate(axes[:m]):
            ax.set_xlim(edges[0], edges[-1])
            ax.label_outer()
            if j + cols >= m:  # bottom panel of its column (the one below may be hidden)
                ax.xaxis.set_tick_params(labelbottom=True)
        t = c.title(0.4)
        if t:
            c.fig.suptitle(t, fontweight=str(rng.choice(["normal", "bold"])))
        xl = rng.random() < 0.5
        if xl:
            c.fig.supxlabel(" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize(), fontsize=fs)
        yl = rng.random() < 0.5
        if yl:
            c.fig.supylabel(str(rng.choice(["Count", "Frequency", "Number", "Share"])), fontsize=fs)
        # margins and gaps in inches, set directly (a tight layout of up to 20 panels costs more than the render)
        w, h = c.fig.get_size_inches()
        pt = 1 / 72
        tick_w = (len(f"{counts.max():,}") * 0.6 + 0.6) * fs * 0.85 * pt + 0.06
        left, bottom = 0.08 + tick_w + (fs * 1.5 * pt if yl else 0), 0.08 + fs * 2.0 * pt + (fs * 1.5 * pt if xl else 0)
        top = 0.06 + fs * 1.5 * pt + (float(matplotlib.rcParams["axes.titlesize"]) * 1.6 * pt if t else 0)
        gap_w, gap_h = float(rng.uniform(0.08, 0.25)), fs * 1.5 * pt + float(rng.uniform(0.05, 0.2))
        aw, ah = (w - left - 0.12 - gap_w * (cols - 1)) / cols, (h - bottom - top - gap_h * (rows - 1)) / rows
        c.fig.subplots_adjust(left=left / w, right=1 - 0.12 / w, bottom=bottom / h, top=1 - top / h,
                              wspace=gap_w / aw, hspace=gap_h / ah)
        c.tags.append(f"{rows}x{cols}")
    return c.rendered


def _spiky_data(rng):
    """Spiky/multimodal values for very fine bins: prices heaped at round numbers, self-reported integers heaped
    at multiples of 5/10, or a mixture of narrow modes; plus the name of the kind."""
    n = int(rng.integers(5000, 60000))
    kind = str(rng.choice(["price", "price", "heaped", "modes"]))
    if kind == "price":
        x = rng.lognormal(float(rng.uniform(2, 6)), float(rng.uniform(0.3, 0.8)), n)
        unit = 10 ** np.floor(np.log10(np.median(x)) - 1)
        r, p = rng.random(n), np.cumsum(rng.dirichlet([2, 2, 2, 3]))
        for i, u in enumerate((10 * unit, 5 * unit, unit)):  # heaps at round prices, the roundest the highest
            x = np.where((r >= (p[i - 1] if i else 0)) & (r < p[i]), np.round(x / u) * u, x)
    elif kind == "heaped":
        x = np.round(rng.normal(float(rng.uniform(30, 70)), float(rng.uniform(8, 20)), n))
        heap = float(rng.choice([5, 10]))
        x = np.where(rng.random(n) < float(rng.uniform(0.2, 0.6)), np.round(x / heap) * heap, x)
    else:
        k = _n(rng, 3, 8)
        centers = rng.uniform(0, 100, k)
        x = np.concatenate([rng.normal(centers[i], rng.uniform(0.3, 3), int(n * rng.dirichlet(np.ones(k))[i]) + 10)
                            for i in range(k)] + [rng.uniform(-5, 105, n // 5)])
        x = x * data_scale(rng) / 10
    return x, kind


@renderer("histogram", "matplotlib-fine")
def histogram_fine_bins(rng):
    """One histogram with very fine bins (80-300) of spiky or multimodal data, in one colour, bars touching."""
    import matplotlib.ticker as mticker

    with chart(rng, aspect=(1.2, 2.6)) as c:
        x, kind = _spiky_data(rng)
        lo, hi = np.quantile(x, [0.0, float(rng.uniform(0.97, 0.999))])
        c.ax.hist(x, bins=_n(rng, 80, 300), range=(float(lo), float(hi)), color=c.colors[int(rng.integers(0, 3))],
                  histtype=str(rng.choice(["bar", "bar", "stepfilled"])), edgecolor="none",
                  alpha=float(rng.uniform(0.8, 1.0)), density=bool(rng.random() < 0.2))
        if kind == "price" and rng.random() < 0.6:
            c.ax.xaxis.set_major_formatter(mticker.StrMethodFormatter(str(rng.choice(["${x:,.0f}", "€{x:,.0f}",
                                                                                    "£{x:,.0f}"]))))
        if rng.random() < 0.15:
            c.ax.axvline(float(np.median(x)), color=str(rng.choice(["red", "black", "orange"])), ls="--", lw=1)
        c.ax.margins(x=0.01)
        c.tags.append(kind)
        c.decorate(legend=False, ylabel=str(rng.choice(["Count", "Frequency", "Number of listings", ""]))
                   if rng.random() < 0.6 else None, xlabel="Price" if kind == "price" and rng.random() < 0.5 else None)
    return c.rendered


_HIST_GROUPS = (("Control", "Treatment"), ("Male", "Female"), ("Before", "After"), ("Train", "Test"),
                ("Group A", "Group B", "Group C"), ("Low", "Medium", "High"), ("Placebo", "Low dose", "High dose"))


@renderer("histogram", "matplotlib-overlay")
def histogram_overlay(rng):
    """Histograms of 2-3 groups on shared bins: overlaid translucent bars, stacked bars (``barstacked``) or step
    outlines, with a legend."""
    with chart(rng) as c:
        mode = str(rng.choice(["overlay", "overlay", "stacked", "step"]))
        k = _n(rng, 2, 3 if mode != "step" else 4)
        xs = _hist_groups(rng, k)
        fits = [g for g in _HIST_GROUPS if len(g) == k]
        names = list(fits[int(rng.integers(len(fits)))]) if fits and rng.random() < 0.6 else text.categories(rng, k)
        edges = np.histogram_bin_edges(np.concatenate(xs), bins=_n(rng, 15, 60))
        cols = [c.colors[j % len(c.colors)] for j in range(k)]
        density = bool(rng.random() < (0.4 if mode != "stacked" else 0.0))
        if mode == "stacked":
            c.ax.hist(xs, bins=edges, histtype="barstacked", color=cols, label=names, rwidth=1.0,
                      edgecolor=str(rng.choice(["none", "white", "black"])), linewidth=0.4)
        elif mode == "step":
            lw = float(rng.uniform(1.0, 2.5))
            for j in range(k):
                if rng.random() < 0.3:
                    c.ax.hist(xs[j], bins=edges, histtype="stepfilled", color=cols[j], alpha=0.15, density=density)
                c.ax.hist(xs[j], bins=edges, histtype="step", color=cols[j], lw=lw, label=names[j], density=density)
        else:
            alpha = float(rng.uniform(0.35, 0.6))
            htype = str(rng.choice(["bar", "stepfilled"]))
            outline = rng.random() < 0.3
            for j in range(k):
                c.ax.hist(xs[j], bins=edges, histtype=htype, color=cols[j], alpha=alpha, label=names[j],
                          density=density, edgecolor=cols[j] if htype == "bar" and rng.random() < 0.3 else "none")
                if outline:
                    c.ax.hist(xs[j], bins=edges, histtype="step", color=cols[j], lw=1.2, density=density)
        c.tags.append(mode)
        c.decorate(legend=rng.random() < 0.95, ylabel=("Density" if density else str(
            rng.choice(["Count", "Frequency", ""]))) if rng.random() < 0.6 else None)
    return c.rendered
