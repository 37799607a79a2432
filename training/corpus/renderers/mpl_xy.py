"""X/Y charts with matplotlib, seaborn, pandas and mplfinance: line, area, stream, scatter, bubble,
hexbin, contour, 3-D surface, parallel coordinates, candlestick."""

from __future__ import annotations


import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from training.corpus import data, text
from training.corpus.mpl_style import DIV_CMAPS, SEQ_CMAPS, THEMES, chart, data_scale
from training.corpus.registry import renderer


def _series(rng, n, k, positive=False):
    kind = rng.integers(0, 4)
    x = np.arange(n)
    out = []
    for _ in range(k):
        if kind == 0:
            y = np.cumsum(rng.normal(rng.uniform(-0.2, 0.4), 1, n))
        elif kind == 1:
            y = np.sin(x / n * rng.uniform(2, 12) + rng.uniform(0, 6)) * rng.uniform(1, 3) + rng.normal(0, 0.2, n)
        elif kind == 2:
            y = rng.uniform(0.5, 2) * np.exp(x / n * rng.uniform(0.5, 3)) + rng.normal(0, 0.3, n)
        else:
            y = rng.normal(0, 1, n).cumsum() * 0.3 + np.linspace(0, rng.uniform(-3, 5), n)
        if positive:
            y = y - y.min() + rng.uniform(0.3, 2)
        out.append(y * data_scale(rng) / 10 if k == 1 else y)
    return np.array(out)


def _xaxis(rng, n):
    kind = rng.integers(0, 3)
    if kind == 0:
        start = pd.Timestamp(int(rng.integers(1990, 2027)), int(rng.integers(1, 13)), 1)
        freq = str(rng.choice(["D", "W", "MS", "QS", "h"]))
        return pd.date_range(start, periods=n, freq=freq)
    if kind == 1:
        return np.arange(n) + int(rng.choice([0, 1, 1990, 2000]))
    return np.linspace(0, float(rng.uniform(1, 100)), n)


@renderer("line", "matplotlib")
def line_matplotlib(rng):
    with chart(rng) as c:
        n = int(rng.choice([8, 12, 20, 50, 100, 300]))
        k = int(rng.choice([1, 1, 1, 2, 3, 4, 6]))
        ys = _series(rng, n, k)
        x = _xaxis(rng, n)
        names = text.categories(rng, k)
        marker = str(rng.choice(["", "", "", "o", ".", "s", "^"])) if n <= 50 else ""
        ls_cycle = rng.random() < 0.15
        for j in range(k):
            c.ax.plot(x, ys[j], marker=marker, ms=float(rng.uniform(3, 6)), lw=float(rng.uniform(1, 3)),
                      ls=["-", "--", ":", "-."][j % 4] if ls_cycle else "-", label=names[j],
                      drawstyle="steps-mid" if rng.random() < 0.05 else "default")
        if rng.random() < 0.15:
            c.ax.axhline(float(np.mean(ys)), color="gray", ls="--", lw=1)
        if rng.random() < 0.1 and (ys > 0).all():
            c.ax.set_yscale("log")
        if rng.random() < 0.15:
            j = int(rng.integers(0, n))
            c.ax.annotate(str(rng.choice(["peak", "launch", "event", "here"])), (x[j], ys[0][j]),
                          xytext=(10, 20), textcoords="offset points", arrowprops={"arrowstyle": "->"})
        if isinstance(x, pd.DatetimeIndex):
            c.fig.autofmt_xdate() if rng.random() < 0.5 else None
        c.decorate(legend=k > 1 and rng.random() < 0.85)
    return c.rendered


@renderer("line", "matplotlib-bump")
def line_bump(rng):
    """Bump chart / slope-ish line chart: ranks over a few periods, markers at every point."""
    with chart(rng) as c:
        k = int(rng.integers(3, 9))
        n = int(rng.integers(3, 9))
        scores = np.cumsum(rng.normal(0, 1, (k, n)), axis=1)
        ranks = np.argsort(np.argsort(-scores, axis=0), axis=0) + 1
        x = np.arange(n) + int(rng.choice([0, 2015, 2018]))
        names = text.categories(rng, k)
        ms = float(rng.uniform(5, 12))
        for j in range(k):
            c.ax.plot(x, ranks[j], marker="o", ms=ms, lw=float(rng.uniform(1.5, 4)), label=names[j],
                      color=c.colors[j % len(c.colors)])
            if rng.random() < 0.5:
                c.ax.text(x[-1] + 0.15, ranks[j, -1], names[j], va="center", fontsize="small", color=c.fg)
        c.ax.invert_yaxis()
        c.ax.set_yticks(range(1, k + 1))
        c.ax.set_xticks(x)
        c.decorate(ylabel=str(rng.choice(["Rank", "Position", ""])), legend=rng.random() < 0.4)
    return c.rendered


@renderer("line", "seaborn")
def line_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        n = int(rng.choice([10, 20, 40, 80]))
        k = int(rng.choice([1, 2, 3, 4]))
        reps = int(rng.choice([1, 1, 5]))
        ys = _series(rng, n, k)
        names = text.categories(rng, k)
        rows = []
        for j in range(k):
            for r in range(reps):
                noise = rng.normal(0, 0.3, n) if reps > 1 else 0
                rows += list(zip(np.arange(n), ys[j] + noise, [names[j]] * n))
        df = pd.DataFrame(rows, columns=["x", "y", "series"])
        sns.lineplot(data=df, x="x", y="y", hue="series" if k > 1 else None, style="series" if k > 1 and
                     rng.random() < 0.3 else None, markers=bool(rng.random() < 0.3), ax=c.ax,
                     palette=str(rng.choice(["deep", "muted", "husl", "rocket", "tab10"])) if k > 1 else None,
                     errorbar=(("ci", 90) if rng.random() < 0.3 else "sd") if reps > 1 else None, n_boot=100, seed=0, legend="auto" if rng.random() < 0.8 else False)
        c.decorate(legend=False)
    return c.rendered


@renderer("line", "pandas")
def line_pandas(rng):
    with chart(rng) as c:
        n = int(rng.choice([24, 36, 60, 120, 365]))
        k = int(rng.choice([1, 2, 3, 5]))
        ys = _series(rng, n, k)
        df = pd.DataFrame(ys.T, index=_xaxis(rng, n), columns=text.categories(rng, k))
        df.plot(ax=c.ax, lw=float(rng.uniform(1, 2.5)), legend=k > 1 and rng.random() < 0.85,
                grid=bool(rng.random() < 0.5), logy=False)
        c.decorate(legend=False)
    return c.rendered


@renderer("area", "matplotlib")
def area_matplotlib(rng):
    with chart(rng) as c:
        n = int(rng.choice([10, 20, 40, 100]))
        k = int(rng.choice([1, 1, 2, 3, 4, 5]))
        ys = _series(rng, n, k, positive=True)
        x = _xaxis(rng, n)
        names = text.categories(rng, k)
        mode = str(rng.choice(["stacked", "overlap", "single"])) if k > 1 else "single"
        alpha = float(rng.uniform(0.4, 0.9))
        if mode == "stacked":
            if rng.random() < 0.25:
                ys = ys / ys.sum(axis=0) * 100
            c.ax.stackplot(x, ys, labels=names, alpha=float(rng.uniform(0.7, 1.0)),
                           colors=c.colors[:k], edgecolor=str(rng.choice(["none", "white"])), linewidth=0.5)
        elif mode == "overlap":
            for j in range(k):
                c.ax.fill_between(x, ys[j], alpha=float(rng.uniform(0.3, 0.6)), label=names[j],
                                  color=c.colors[j % len(c.colors)])
                c.ax.plot(x, ys[j], color=c.colors[j % len(c.colors)], lw=1.2,
                          marker="o" if n <= 40 and rng.random() < 0.3 else "", ms=4)
        else:
            y = ys[0]
            base = 0 if rng.random() < 0.8 else float(y.min() * 0.9)
            c.ax.fill_between(x, y, base, alpha=alpha, color=c.colors[0], label=names[0])
            if rng.random() < 0.7:
                c.ax.plot(x, y, color=c.colors[0], lw=float(rng.uniform(1, 2.5)))
            c.ax.set_ylim(bottom=base)
        if rng.random() < 0.7:
            c.ax.set_xlim(x[0], x[-1])
        if mode != "single" or rng.random() < 0.1:
            c.ax.set_ylim(bottom=0)
        c.tags.append(mode)
        c.decorate(legend=k > 1 and rng.random() < 0.85)
    return c.rendered


@renderer("area", "pandas")
def area_pandas(rng):
    with chart(rng, seaborn=rng.random() < 0.4) as c:
        n = int(rng.choice([12, 24, 52, 100]))
        k = int(rng.choice([1, 2, 3, 4, 6]))
        ys = _series(rng, n, k, positive=True)
        df = pd.DataFrame(ys.T, index=_xaxis(rng, n), columns=text.categories(rng, k))
        df.plot.area(ax=c.ax, stacked=bool(rng.random() < 0.8), alpha=float(rng.uniform(0.5, 0.95)),
                     legend=k > 1 and rng.random() < 0.85, color=c.colors[:k], lw=float(rng.uniform(0, 1.5)))
        c.decorate(legend=False)
    return c.rendered


@renderer("stream", "matplotlib")
def stream_matplotlib(rng):
    with chart(rng, aspect=(1.3, 3.0)) as c:
        n = int(rng.choice([30, 60, 100, 200]))
        k = int(rng.integers(4, 14))
        x = np.linspace(0, 1, n) if rng.random() < 0.5 else _xaxis(rng, n)
        t = np.linspace(0, 1, n)
        ys = []
        for _ in range(k):
            bumps = sum(rng.uniform(0.2, 1.0) * np.exp(-((t - rng.uniform(-0.1, 1.1)) ** 2) / rng.uniform(0.005, 0.08))
                        for _ in range(int(rng.integers(1, 5))))
            ys.append(bumps + rng.uniform(0.01, 0.1))
        ys = np.array(ys)
        cm = __import__("matplotlib").colormaps[str(rng.choice(SEQ_CMAPS + ["tab20", "Set3", "Spectral",
                                                                           "tab20c", "Pastel1"]))]
        cols = [cm(v) for v in np.linspace(0.1, 0.9, k)] if rng.random() < 0.6 else None
        baseline = str(rng.choice(["wiggle", "wiggle", "sym", "weighted_wiggle"]))
        c.ax.stackplot(x, ys, baseline=baseline, colors=cols, labels=text.categories(rng, k),
                       edgecolor=str(rng.choice(["none", "white"])), linewidth=0.4)
        if rng.random() < 0.6:
            for s in ("left", "right", "top"):
                c.ax.spines[s].set_visible(False)
            c.ax.set_yticks([])
        c.ax.set_xlim(x[0], x[-1])
        c.tags.append(baseline)
        c.decorate(legend=rng.random() < 0.35, ylabel="")
    return c.rendered


def _xy_cloud(rng, n):
    kind = rng.integers(0, 4)
    x = rng.normal(0, 1, n) * data_scale(rng)
    if kind == 0:
        y = x * rng.uniform(-2, 2) + rng.normal(0, np.std(x) * rng.uniform(0.2, 2), n)
    elif kind == 1:
        y = x ** 2 * rng.uniform(0.1, 1) + rng.normal(0, np.std(x) ** 2 * 0.3 + 1e-9, n)
    elif kind == 2:
        x = rng.uniform(0, 100, n)
        y = rng.uniform(0, 100, n)
    else:
        centers = rng.uniform(-5, 5, (int(rng.integers(2, 5)), 2))
        idx = rng.integers(0, len(centers), n)
        x = centers[idx, 0] + rng.normal(0, 0.8, n)
        y = centers[idx, 1] + rng.normal(0, 0.8, n)
    return x, y


@renderer("scatter", "matplotlib")
def scatter_matplotlib(rng):
    with chart(rng) as c:
        n = int(rng.choice([15, 40, 100, 300, 1000]))
        groups = int(rng.choice([1, 1, 2, 3, 4]))
        x, y = _xy_cloud(rng, n)
        size = float(rng.choice([6, 12, 20, 30, 50]))  # constant size: scatter, not bubble
        marker = str(rng.choice(["o", "o", "o", ".", "s", "^", "x", "D", "+"]))
        alpha = float(rng.uniform(0.4, 1.0))
        names = text.categories(rng, groups)
        if groups == 1 and rng.random() < 0.25:
            sc = c.ax.scatter(x, y, s=size, c=y + x * 0.2, cmap=c.cmap, marker=marker, alpha=alpha)
            if rng.random() < 0.5:
                c.fig.colorbar(sc, ax=c.ax)
        else:
            g = rng.integers(0, groups, n)
            for j in range(groups):
                m = g == j
                c.ax.scatter(x[m] + j * rng.uniform(0, 1) * np.std(x), y[m], s=size, marker=marker, alpha=alpha,
                             label=names[j], linewidths=0.5 if marker not in ("x", "+") else 1.2,
                             edgecolors=str(rng.choice(["face", "black", "white"])) if marker not in ("x", "+", ".")
                             else None)
        if rng.random() < 0.25:
            a, b = np.polyfit(x, y, 1)
            xs = np.linspace(x.min(), x.max(), 10)
            c.ax.plot(xs, a * xs + b, color=str(rng.choice(["red", "black", "gray"])), ls="--", lw=1.2)
        if rng.random() < 0.05 and (x > 0).all() and (y > 0).all():
            c.ax.set_xscale("log")
            c.ax.set_yscale("log")
        c.decorate(legend=groups > 1 and rng.random() < 0.85)
    return c.rendered


@renderer("scatter", "seaborn")
def scatter_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        n = int(rng.choice([30, 100, 300, 800]))
        x, y = _xy_cloud(rng, n)
        g = np.array(text.categories(rng, int(rng.integers(1, 5))))[rng.integers(0, 4, n) % 4 % max(1, 1)]
        k = int(rng.integers(1, 5))
        names = np.array(text.categories(rng, k))
        g = names[rng.integers(0, k, n)]
        kind = rng.integers(0, 3)
        if kind == 0:
            sns.scatterplot(x=x, y=y, hue=g if k > 1 else None, style=g if k > 1 and rng.random() < 0.3 else None,
                            ax=c.ax, s=float(rng.choice([15, 30, 50])), alpha=float(rng.uniform(0.5, 1)),
                            palette=str(rng.choice(["deep", "muted", "bright", "husl", "Set2"])) if k > 1 else None)
        elif kind == 1:
            sns.regplot(x=x, y=y, ax=c.ax, seed=0, scatter_kws={"s": float(rng.choice([10, 25, 40])), "alpha": 0.7},
                        ci=None if rng.random() < 0.5 else 95, color=c.colors[0])
        else:
            sns.scatterplot(x=x, y=y, ax=c.ax, color=c.colors[0], s=20, edgecolor="none")
            sns.rugplot(x=x, y=y, ax=c.ax, height=0.02, color=c.colors[0], alpha=0.5)
        c.decorate(legend=False)
    return c.rendered


@renderer("scatter", "seaborn-jointplot")
def scatter_seaborn_joint(rng):
    """Scatter with marginal distributions (seaborn jointplot)."""
    import seaborn as sns

    with chart(rng, seaborn=True, fig=False) as c:
        n = int(rng.choice([50, 150, 400]))
        x, y = _xy_cloud(rng, n)
        k = int(rng.choice([1, 1, 2, 3]))
        names = [w.capitalize() for w in dict.fromkeys(text.words(rng, 4, non_english=0))] + ["X value", "Y value"]
        xn, yn = names[0], names[1]
        df = pd.DataFrame({xn: x, yn: y})
        hue = None
        if k > 1:
            hue = str(rng.choice([h for h in ("group", "Group", "class", "segment", "type", "Kind") if h not in (xn, yn)]))
            df[hue] = np.array(text.categories(rng, k))[rng.integers(0, k, n)]
        h = float(rng.uniform(3.5, 6))
        g = sns.jointplot(data=df, x=xn, y=yn, hue=hue, height=h, color=c.colors[0] if k == 1 else None,
                          marginal_kws={"fill": bool(rng.random() < 0.5)} if k > 1 else {"bins": int(rng.integers(10, 30))},
                          joint_kws={"s": float(rng.choice([10, 20, 35])), "alpha": float(rng.uniform(0.5, 1))},
                          palette=str(rng.choice(["deep", "muted", "Set2"])) if k > 1 else None)
        c.fig = g.figure
    return c.rendered


def _largest_first(x, y, z, sizes):
    """The bubbles reordered biggest first, so that the small ones are drawn on top and stay visible."""
    order = np.argsort(-sizes)
    return x[order], y[order], z[order], sizes[order]


def _bubbles(rng, n=None):
    n = n or int(rng.integers(6, 60))
    x, y = _xy_cloud(rng, n)
    z = rng.lognormal(0, float(rng.uniform(0.6, 1.2)), n)
    smax = float(rng.uniform(800, 4000))
    sizes = z / z.max() * smax + 15
    return x, y, z, sizes


@renderer("bubble", "matplotlib")
def bubble_matplotlib(rng):
    with chart(rng) as c:
        x, y, z, sizes = _bubbles(rng)
        mode = rng.integers(0, 3)
        alpha = float(rng.uniform(0.35, 0.8))
        edge = str(rng.choice(["black", "white", "none", "gray"]))
        if mode == 0:
            sc = c.ax.scatter(x, y, s=sizes, c=z, cmap=c.cmap, alpha=alpha, edgecolors=edge, linewidths=0.7)
            if rng.random() < 0.4:
                c.fig.colorbar(sc, ax=c.ax)
        elif mode == 1:
            groups = int(rng.integers(2, 5))
            g = rng.integers(0, groups, len(x))
            names = text.categories(rng, groups)
            for j in range(groups):
                m = g == j
                c.ax.scatter(x[m], y[m], s=sizes[m], alpha=alpha, edgecolors=edge, label=names[j], linewidths=0.7)
        elif rng.random() < 0.3:  # hollow bubbles
            c.ax.scatter(x, y, s=sizes, facecolors="none", edgecolors=c.colors[0], linewidths=1.2)
        else:
            c.ax.scatter(x, y, s=sizes, alpha=alpha, color=c.colors[0], edgecolors=edge, linewidths=0.7)
        if rng.random() < 0.3:
            labels = text.categories(rng, len(x))
            for i in np.argsort(sizes)[-min(6, len(x)):]:
                c.ax.annotate(labels[i], (x[i], y[i]), ha="center", va="center", fontsize="x-small", color=c.fg)
        c.ax.margins(float(rng.uniform(0.08, 0.2)))
        c.decorate(legend=mode == 1 and rng.random() < 0.8)
    return c.rendered


@renderer("bubble", "seaborn")
def bubble_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        x, y, z, _ = _bubbles(rng)
        k = int(rng.integers(1, 4))
        g = np.array(text.categories(rng, k))[rng.integers(0, k, len(x))]
        sns.scatterplot(x=x, y=y, size=z, sizes=(float(rng.uniform(10, 40)), float(rng.uniform(600, 2500))),
                        hue=g if k > 1 else z, alpha=float(rng.uniform(0.4, 0.8)), ax=c.ax,
                        palette=str(rng.choice(["deep", "viridis", "rocket", "muted", "husl"])) if k > 1 else
                        str(rng.choice(["viridis", "rocket", "mako", "flare"])),
                        edgecolor=str(rng.choice(["black", "white", "none"])),
                        legend="brief" if rng.random() < 0.5 else False)
        c.ax.margins(0.12)
        if c.ax.get_legend() is not None and rng.random() < 0.5:
            import seaborn as sns  # noqa: F811

            sns.move_legend(c.ax, "upper left", bbox_to_anchor=(1.01, 1), fontsize="x-small")
        c.decorate(legend=False)
    return c.rendered


@renderer("hexbin", "matplotlib")
def hexbin_matplotlib(rng):
    with chart(rng, aspect=(0.9, 1.8)) as c:
        n = int(rng.choice([2000, 5000, 20000]))
        x, y = _xy_cloud(rng, n)
        if rng.random() < 0.5:
            x, y = rng.multivariate_normal([0, 0], [[1, rng.uniform(-0.9, 0.9)], [0, 1]], n).T * data_scale(rng)
            x, y = x.copy(), y.copy()
        hb = c.ax.hexbin(x, y, gridsize=int(rng.integers(12, 45)), cmap=str(rng.choice(SEQ_CMAPS)),
                         bins="log" if rng.random() < 0.3 else None, mincnt=1 if rng.random() < 0.5 else None,
                         edgecolors=str(rng.choice(["face", "white", "none", "gray"])), linewidths=0.3)
        if rng.random() < 0.7:
            cb = c.fig.colorbar(hb, ax=c.ax)
            cb.set_label(str(rng.choice(["count", "Count", "log10(N)", ""])))
        c.decorate(legend=False, grid=None)
    return c.rendered


@renderer("hexbin", "seaborn")
def hexbin_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True, fig=False) as c:
        n = int(rng.choice([1000, 4000, 10000]))
        x, y = rng.multivariate_normal([0, 0], [[1, rng.uniform(-0.9, 0.9)], [0, 1]], n).T
        if rng.random() < 0.5:
            y = y + x ** 2 * rng.uniform(0, 0.5)
        h = float(rng.uniform(3.5, 6))
        g = sns.jointplot(x=x, y=y, kind="hex", height=h, color=c.colors[0],
                          joint_kws={"gridsize": int(rng.integers(15, 40))},
                          marginal_kws={"bins": int(rng.integers(15, 40))}) if rng.random() < 0.7 else None
        if g is None:
            import matplotlib.pyplot as plt

            fig, ax = plt.subplots(figsize=(h * 1.3, h))
            ax.hexbin(x, y, gridsize=int(rng.integers(15, 40)), cmap=str(rng.choice(["rocket_r", "mako_r", "flare",
                                                                                       "crest", "viridis"])))
            c.fig = fig
        else:
            c.fig = g.figure
            if rng.random() < 0.5:
                g.set_axis_labels(*[w.capitalize() for w in text.words(rng, 2)])
    return c.rendered


def _field(rng, n=80):
    x = np.linspace(-3, 3, n)
    y = np.linspace(-3, 3, n)
    X, Y = np.meshgrid(x, y)
    Z = np.zeros_like(X)
    for _ in range(int(rng.integers(1, 5))):
        cx, cy = rng.uniform(-2.5, 2.5, 2)
        s = rng.uniform(0.4, 1.5)
        Z += rng.uniform(-1, 1.5) * np.exp(-((X - cx) ** 2 + (Y - cy) ** 2) / (2 * s ** 2))
    if rng.random() < 0.3:
        Z += np.sin(X * rng.uniform(0.5, 2)) * np.cos(Y * rng.uniform(0.5, 2)) * rng.uniform(0.2, 0.8)
    if rng.random() < 0.2:
        Z = (1 - X / 2 + X ** 5 + Y ** 3) * np.exp(-X ** 2 - Y ** 2)
    scale = rng.uniform(0.5, 10)
    return X * scale, Y * scale, Z * data_scale(rng)


@renderer("contour", "matplotlib")
def contour_matplotlib(rng):
    with chart(rng, aspect=(0.9, 1.8)) as c:
        X, Y, Z = _field(rng, int(rng.choice([40, 60, 100])))
        levels = int(rng.integers(5, 20))
        cmap = str(rng.choice(SEQ_CMAPS + DIV_CMAPS))
        mode = str(rng.choice(["filled", "filled", "lines", "both", "lines_mono"]))
        if mode in ("filled", "both"):
            levels = min(levels, 12)
            cs = c.ax.contourf(X, Y, Z, levels=levels, cmap=cmap)
            if mode == "filled" and rng.random() < 0.5:
                c.ax.contour(X, Y, Z, levels=levels, colors=str(rng.choice(["k", "white", "gray"])),
                             linewidths=float(rng.uniform(0.3, 0.8)))
            if rng.random() < 0.7:
                c.fig.colorbar(cs, ax=c.ax)
        if mode in ("lines", "both", "lines_mono"):
            kw = {"colors": "black" if mode == "both" or (mode == "lines_mono" and not c.dark) else
                  ("white" if mode == "lines_mono" else None)}
            if kw["colors"] is None:
                kw = {"cmap": cmap}
            cl = c.ax.contour(X, Y, Z, levels=levels, linewidths=float(rng.uniform(0.6, 1.6)), **kw)
            if rng.random() < 0.6:
                c.ax.clabel(cl, inline=True, fontsize="x-small", fmt="%.2g")
            if mode == "lines" and rng.random() < 0.4:
                c.fig.colorbar(cl, ax=c.ax)
        if rng.random() < 0.15:
            c.ax.plot(*rng.uniform(X.min(), X.max(), (2, 5)), "r*", ms=10)
        if rng.random() < 0.5:
            c.ax.set_aspect("equal")
        c.tags.append(mode)
        c.decorate(legend=False, grid=None)
    return c.rendered


@renderer("contour", "seaborn")
def contour_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        n = int(rng.choice([150, 250, 400]))
        x, y = _xy_cloud(rng, n)
        k = int(rng.integers(1, 3))
        fill = bool(rng.random() < 0.5)
        if k > 1:
            g = np.array(text.categories(rng, k))[rng.integers(0, k, n)]
            sns.kdeplot(x=x, y=y, hue=g, fill=fill, ax=c.ax, levels=int(rng.integers(5, 12)), alpha=0.7 if fill else 1,
                        gridsize=60)
        else:
            sns.kdeplot(x=x, y=y, fill=fill, cmap=str(rng.choice(["rocket", "mako", "viridis", "Blues", "crest"])),
                        ax=c.ax, levels=int(rng.integers(5, 15)), thresh=float(rng.uniform(0, 0.1)),
                        cbar=bool(fill and rng.random() < 0.4), gridsize=60)
        if rng.random() < 0.25:
            c.ax.scatter(x[:150], y[:150], s=4, color=c.fg, alpha=0.4)
        c.decorate(legend=False)
    return c.rendered


@renderer("surface_3d", "matplotlib")
def surface_3d_matplotlib(rng):
    with chart(rng, projection="3d", aspect=(0.9, 1.6), tight=0.0) as c:
        X, Y, Z = _field(rng, int(rng.choice([25, 35, 50])))
        mode = str(rng.choice(["surface", "surface", "surface", "wireframe", "surface_contour", "trisurf"]))
        cmap = str(rng.choice(SEQ_CMAPS + DIV_CMAPS))
        st = int(rng.choice([1, 2, 3]))
        if mode == "wireframe":
            c.ax.plot_wireframe(X, Y, Z, rstride=st, cstride=st, color=c.colors[0], lw=0.6)
        elif mode == "trisurf":
            m = rng.random(X.size) < 0.3
            c.ax.plot_trisurf(X.ravel()[m], Y.ravel()[m], Z.ravel()[m], cmap=cmap, linewidth=0.1)
        else:
            surf = c.ax.plot_surface(X, Y, Z, cmap=cmap if rng.random() < 0.85 else None, rstride=st, cstride=st,
                                     edgecolor=str(rng.choice(["none", "none", "k", "white"])), lw=0.2,
                                     alpha=float(rng.uniform(0.8, 1.0)), antialiased=False,
                                     color=None)
            if mode == "surface_contour":
                c.ax.contour(X, Y, Z, zdir="z", offset=float(Z.min()) - 0.1 * float(np.ptp(Z)), cmap=cmap)
            if rng.random() < 0.35:
                c.fig.colorbar(surf, ax=c.ax, shrink=0.6, pad=0.1)
        c.ax.view_init(elev=float(rng.uniform(15, 60)), azim=float(rng.uniform(-160, 160)))
        if rng.random() < 0.5:
            c.ax.set_xlabel("x")
            c.ax.set_ylabel("y")
            c.ax.set_zlabel("z")
        if rng.random() < 0.1:
            c.ax.set_axis_off()
        c.tags.append(mode)
        c.set_title()
    return c.rendered


def _pc_frame(rng):
    n = int(rng.choice([20, 50, 150]))
    d = int(rng.integers(4, 9))
    k = int(rng.integers(2, 5))
    cols = [w.capitalize() for w in dict.fromkeys(text.words(rng, d + 6, non_english=0))][:d]
    while len(cols) < d:
        cols.append(f"var{len(cols)}")
    centers = rng.normal(0, 1, (k, d))
    g = rng.integers(0, k, n)
    data = centers[g] + rng.normal(0, float(rng.uniform(0.3, 0.8)), (n, d))
    df = pd.DataFrame(data, columns=cols)
    names = np.array(text.categories(rng, k))
    df["cls"] = names[g]
    return df, cols, k


@renderer("parallel_coordinates", "pandas")
def parallel_coordinates_pandas(rng):
    from pandas.plotting import parallel_coordinates

    with chart(rng, aspect=(1.3, 3.0)) as c:
        df, cols, k = _pc_frame(rng)
        if rng.random() < 0.5:
            df[cols] = (df[cols] - df[cols].min()) / (df[cols].max() - df[cols].min())
        parallel_coordinates(df, "cls", ax=c.ax, color=c.colors[:k], alpha=float(rng.uniform(0.3, 0.8)),
                             lw=float(rng.uniform(0.6, 1.5)), axvlines=True,
                             axvlines_kwds={"color": c.fg, "lw": 1})
        if rng.random() < 0.3 and c.ax.get_legend():
            c.ax.get_legend().remove()
        c.decorate(legend=False, xlabel="", ylabel="", grid=None)
    return c.rendered


@renderer("parallel_coordinates", "matplotlib")
def parallel_coordinates_matplotlib(rng):
    with chart(rng, aspect=(1.3, 3.0)) as c:
        df, cols, k = _pc_frame(rng)
        d = len(cols)
        vals = df[cols].to_numpy()
        lo, hi = vals.min(0), vals.max(0)
        norm = (vals - lo) / (hi - lo)
        colour_by = rng.random() < 0.4
        import matplotlib

        cm = matplotlib.colormaps[c.cmap]
        names = list(dict.fromkeys(df.cls))
        for i in range(len(df)):
            col = cm(norm[i, 0]) if colour_by else c.colors[names.index(df.cls.iloc[i]) % len(c.colors)]
            c.ax.plot(range(d), norm[i], color=col, alpha=float(0.5), lw=0.9)
        for j in range(d):
            c.ax.axvline(j, color=c.fg, lw=1.2)
            if rng.random() < 0.8:
                for t in np.linspace(0, 1, 5):
                    c.ax.text(j + 0.03, t, f"{lo[j] + t * (hi[j] - lo[j]):.1f}", fontsize="xx-small", color=c.fg,
                              va="center")
        c.ax.set_xticks(range(d))
        c.ax.set_xticklabels(cols)
        c.ax.set_yticks([])
        c.ax.set_xlim(-0.1, d - 0.9)
        for s in ("left", "right", "top"):
            c.ax.spines[s].set_visible(False)
        c.decorate(legend=False, xlabel="", ylabel="", grid=None)
    return c.rendered


def _ohlc(rng, n):
    price = float(rng.uniform(5, 500))
    o, h, lo, cl = [], [], [], []
    vol = float(rng.uniform(0.005, 0.04))
    trend = float(rng.normal(0, 0.004))
    for _ in range(n):
        op = price * (1 + rng.normal(0, vol / 3))
        close = op * (1 + rng.normal(trend, vol))
        hi = max(op, close) * (1 + abs(rng.normal(0, vol / 2)))
        low = min(op, close) * (1 - abs(rng.normal(0, vol / 2)))
        o.append(op), h.append(hi), lo.append(low), cl.append(close)
        price = close
    idx = pd.bdate_range(pd.Timestamp(int(rng.integers(2010, 2027)), int(rng.integers(1, 13)), 1), periods=n)
    v = rng.lognormal(10, 0.5, n)
    return pd.DataFrame({"Open": o, "High": h, "Low": lo, "Close": cl, "Volume": v}, index=idx)


@renderer("candlestick", "mplfinance")
def candlestick_mplfinance(rng):
    import mplfinance as mpf

    with chart(rng, fig=False) as c:
        n = int(rng.choice([20, 30, 45, 60, 90]))
        df = _ohlc(rng, n)
        style = str(rng.choice(["default", "charles", "yahoo", "binance", "nightclouds", "mike", "classic",
                                "starsandstripes", "blueskies", "sas", "brasil", "checkers", "ibd", "kenan"]))
        kind = str(rng.choice(["candle", "candle", "candle", "ohlc", "hollow_and_filled"]))
        from training.corpus.mpl_style import sample_size

        w, h, dpi = sample_size(rng, aspect=(1.0, 2.5))
        kw = dict(type=kind, style=style, volume=bool(rng.random() < 0.4), returnfig=True, figsize=(w, h),
                  warn_too_much_data=10000, xrotation=float(rng.choice([0, 15, 45])))
        if rng.random() < 0.35:
            kw["mav"] = tuple(int(m) for m in rng.choice([3, 5, 10, 20], size=int(rng.integers(1, 3)), replace=False))
        t = c.title()
        if t:
            kw["title"] = t
        if rng.random() < 0.4:
            kw["ylabel"] = str(rng.choice(["Price", "Price ($)", "USD", ""]))
        fig, _ = mpf.plot(df, **kw)
        fig.set_dpi(dpi)
        c.dpi = dpi
        c.fig = fig
        c.tags += [style, kind]
    return c.rendered


@renderer("candlestick", "matplotlib")
def candlestick_matplotlib(rng):
    with chart(rng, aspect=(1.0, 2.5)) as c:
        n = int(rng.choice([15, 25, 40, 60]))
        df = _ohlc(rng, n)
        up, down = [("#26a69a", "#ef5350"), ("green", "red"), ("white", "black"), ("#2ca02c", "#d62728"),
                    (c.colors[0], c.colors[1])][int(rng.integers(0, 5))]
        ohlc_bars = rng.random() < 0.3
        w = float(rng.uniform(0.5, 0.8))
        x = np.arange(n)
        for i, r in enumerate(df.itertuples()):
            col = up if r.Close >= r.Open else down
            edge = "black" if col == "white" or (c.dark and col == "black") else col
            if c.dark and col == "black":
                col = edge = "#888888"
            if ohlc_bars:
                c.ax.vlines(i, r.Low, r.High, color=edge, lw=1.2)
                c.ax.hlines(r.Open, i - w / 2, i, color=edge, lw=1.2)
                c.ax.hlines(r.Close, i, i + w / 2, color=edge, lw=1.2)
            else:
                c.ax.vlines(i, r.Low, r.High, color=edge, lw=0.9, zorder=1)
                c.ax.bar(i, max(abs(r.Close - r.Open), 1e-6 * r.Open), bottom=min(r.Open, r.Close), width=w,
                         color=col, edgecolor=edge, zorder=2, lw=0.8)
        step = max(1, n // int(rng.integers(4, 8)))
        c.ax.set_xticks(x[::step])
        c.ax.set_xticklabels([d.strftime(str(rng.choice(["%b %d", "%Y-%m-%d", "%d %b"]))) for d in df.index[::step]],
                             rotation=int(rng.choice([0, 30, 45])))
        if rng.random() < 0.3:
            c.ax.plot(x, df.Close.rolling(5).mean(), color=str(rng.choice(["orange", "blue", "purple"])), lw=1)
        if rng.random() < 0.5:
            c.ax.yaxis.tick_right()
        c.ax.grid(alpha=0.3, visible=bool(rng.random() < 0.7))
        c.tags.append("ohlc" if ohlc_bars else "candle")
        c.decorate(legend=False, xlabel="", grid=None)
    return c.rendered


@renderer("scatter", "pandas")
def scatter_pandas(rng):
    with chart(rng) as c:
        n = int(rng.choice([30, 100, 300]))
        x, y = _xy_cloud(rng, n)
        names = [w.capitalize() for w in dict.fromkeys(text.words(rng, 4, non_english=0))] + ["a", "b"]
        df = pd.DataFrame({names[0]: x, names[1]: y, "z": rng.uniform(0, 1, n)})
        kw = dict(x=names[0], y=names[1], ax=c.ax, s=float(rng.choice([8, 15, 25, 40])), grid=bool(rng.random() < 0.4),
                  alpha=float(rng.uniform(0.5, 1)))
        if rng.random() < 0.3:
            df.plot.scatter(c="z", colormap=c.cmap, colorbar=bool(rng.random() < 0.6), **kw)
        else:
            df.plot.scatter(color=c.colors[0], **kw)
        c.decorate(legend=False, xlabel="", ylabel="")
    return c.rendered


@renderer("hexbin", "pandas")
def hexbin_pandas(rng):
    with chart(rng, aspect=(0.9, 1.8)) as c:
        n = int(rng.choice([2000, 6000]))
        x, y = rng.multivariate_normal([0, 0], [[1, rng.uniform(-0.9, 0.9)], [0, 1]], n).T
        names = [w.capitalize() for w in dict.fromkeys(text.words(rng, 4, non_english=0))] + ["a", "b"]
        df = pd.DataFrame({names[0]: x * data_scale(rng), names[1]: y})
        df.plot.hexbin(x=names[0], y=names[1], gridsize=int(rng.integers(12, 35)), ax=c.ax,
                       cmap=str(rng.choice(SEQ_CMAPS)), colorbar=bool(rng.random() < 0.8))
        c.decorate(legend=False, xlabel="", ylabel="", grid=None)
    return c.rendered


def _waves(rng, n, k):
    """``k`` oscillating series crossing zero: sums of 2-4 sinusoids, sometimes with an envelope, plus noise."""
    t = np.linspace(0, 1, n)
    out = []
    for _ in range(k):
        y = sum(rng.uniform(0.3, 1.0) * np.sin(2 * np.pi * rng.uniform(1, 12) * t + rng.uniform(0, 2 * np.pi))
                for _ in range(int(rng.integers(2, 5))))
        if rng.random() < 0.3:
            y = y * np.exp(-((t - rng.uniform(0.2, 0.8)) ** 2) / rng.uniform(0.02, 0.2))
        out.append(y + rng.normal(0, float(rng.uniform(0.02, 0.3)), n))
    return np.array(out) * data_scale(rng)


@renderer("area", "matplotlib-signed")
def area_signed(rng):
    """Oscillating series filled to zero: several overlapping translucent areas, or one series with its positive
    and negative parts in two colours (anomaly / index charts); often dark styles."""
    themes = ["default", "default", "dark_background", "darkmode", "ggplot", "seaborn-v0_8-darkgrid", "bmh",
              "fivethirtyeight", "Solarize_Light2", "seaborn-v0_8-whitegrid", "minimal", "classic", "dark_background"]
    with chart(rng, themes=themes, aspect=(1.0, 3.0)) as c:
        ax = c.ax
        n = int(rng.choice([60, 120, 200, 400, 800]))
        mode = str(rng.choice(["overlap", "overlap", "posneg", "posneg"]))
        k = 1 if mode == "posneg" else int(rng.integers(2, 5))
        ys = _waves(rng, n, k)
        x = _xaxis(rng, n)
        names = text.categories(rng, k)
        if mode == "posneg":
            y = ys[0]
            pair = [("#d62728", "#1f77b4"), ("#2ca02c", "#d62728"), ("tab:red", "tab:blue"), ("#e66101", "#5e3c99"),
                    ("#1a9850", "#d73027"), ("orange", "steelblue")][int(rng.integers(6))]
            if rng.random() < 0.4:
                pair = (c.colors[0], c.colors[1])
            alpha = float(rng.uniform(0.5, 1.0))
            ax.fill_between(x, y, 0, where=y >= 0, interpolate=True, color=pair[0], alpha=alpha, lw=0,
                            label=str(rng.choice(["Above", "Positive", "Gain", "Warm", names[0]])))
            ax.fill_between(x, y, 0, where=y < 0, interpolate=True, color=pair[1], alpha=alpha, lw=0,
                            label=str(rng.choice(["Below", "Negative", "Loss", "Cold"])))
            if rng.random() < 0.4:
                ax.plot(x, y, color=c.fg, lw=float(rng.uniform(0.4, 1.0)), alpha=0.8)
            if rng.random() < 0.3:
                sm = pd.Series(y).rolling(max(3, n // 20), center=True, min_periods=1).mean()
                ax.plot(x, sm, color=c.fg, lw=float(rng.uniform(1.2, 2.2)), label="Moving average")
        else:
            alpha = float(rng.uniform(0.3, 0.8))
            line = rng.random() < 0.6
            for j in range(k):
                col = c.colors[j % len(c.colors)]
                ax.fill_between(x, ys[j], 0, color=col, alpha=alpha, lw=0, label=names[j])
                if line:
                    ax.plot(x, ys[j], color=col, lw=float(rng.uniform(0.6, 1.6)))
        if rng.random() < 0.8:
            ax.axhline(0, color=c.fg, lw=float(rng.uniform(0.5, 1.2)), alpha=0.8)
        ax.set_xlim(x[0], x[-1])
        lim = float(np.abs(ys).max()) * float(rng.uniform(1.05, 1.3))
        if rng.random() < 0.5:
            ax.set_ylim(-lim, lim)
        c.tags.append(mode)
        c.decorate(legend=rng.random() < (0.8 if k > 1 else 0.4))
    return c.rendered


def _bumps(rng, n):
    """A density-like curve on ``n`` points: a mixture of 1-3 Gaussian bumps, zero at the ends."""
    t = np.linspace(0, 1, n)
    y = sum(rng.uniform(0.3, 1) * np.exp(-((t - rng.uniform(0.15, 0.85)) ** 2) / (2 * rng.uniform(0.03, 0.15) ** 2))
            for _ in range(int(rng.integers(1, 4))))
    return y / y.max() * float(rng.uniform(0.5, 1.0))


@renderer("area", "matplotlib-multiples")
def area_small_multiples(rng):
    """Small multiples: a 2x2 to 3x4 grid of panels, each one filled curve (a density or a time series) in its own
    colour with a panel title, shared axes."""
    with chart(rng, tight=0.0, n_colors=12, aspect=(0.7, 2.0)) as c:
        rows, cols = int(rng.integers(2, 4)), int(rng.integers(2, 5))
        m = rows * cols - (int(rng.integers(0, cols)) if rng.random() < 0.25 else 0)
        c.fig.clf()
        axes = c.fig.subplots(rows, cols, sharex=True, sharey=str(rng.choice(["all", "all", "row", "none"])),
                              squeeze=False).ravel()
        density = rng.random() < 0.5
        n = int(rng.choice([50, 100, 200]))
        if density:
            x = np.linspace(*sorted(rng.uniform(-50, 150, 2)), n) * float(rng.choice([0.01, 0.1, 1, 1, 10]))
            ys = np.array([_bumps(rng, n) for _ in range(m)])
        else:
            x = _xaxis(rng, n)
            ys = _series(rng, n, m, positive=True) * (data_scale(rng) if rng.random() < 0.5 else 1)
        one = rng.random() < 0.25
        cols_ = [c.colors[0 if one else j % len(c.colors)] for j in range(m)]
        alpha = float(rng.uniform(0.35, 0.95))
        line = rng.random() < 0.7
        names = text.categories(rng, m, long_labels=0.15 if cols <= 2 else 0.0)
        fs = float(rng.uniform(0.75, 1.0)) * _font_size()
        for j, ax in enumerate(axes):
            if j >= m:
                ax.set_visible(False)
                continue
            ax.fill_between(x, ys[j], 0, color=cols_[j], alpha=alpha, lw=0)
            if line:
                ax.plot(x, ys[j], color=cols_[j], lw=float(rng.uniform(0.8, 1.8)))
            ax.set_title(names[j], fontsize=fs, loc=str(rng.choice(["center", "center", "left"])))
            ax.tick_params(labelsize=fs * 0.85)
            ax.set_xlim(x[0], x[-1])
            if rng.random() < 0.3 or j == 0:
                ax.grid(c.theme in ("ggplot", "seaborn-v0_8-whitegrid", "seaborn-v0_8-darkgrid", "bmh")
                        or rng.random() < 0.3, alpha=0.4)
            if density and rng.random() < 0.2:
                ax.set_yticks([])
        for ax in axes[:m]:
            ax.set_ylim(bottom=0)  # after all panels are drawn, so shared limits cover every curve
            ax.label_outer()
            for t in ax.get_xticklabels():
                t.set_rotation(30 if not density and not np.issubdtype(np.asarray(x).dtype, np.number) else 0)
        t = c.title(0.4)
        if t:
            c.fig.suptitle(t, fontweight=str(rng.choice(["normal", "bold"])))
        if rng.random() < 0.4:
            c.fig.supxlabel(" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize(), fontsize=fs)
        if rng.random() < 0.4:
            c.fig.supylabel("Density" if density and rng.random() < 0.5 else
                            " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize(), fontsize=fs)
        c.fig.tight_layout(rect=(0, 0, 1, 0.95 if t else 1), pad=float(rng.uniform(0.3, 1.2)), h_pad=float(rng.uniform(0.2, 1.5)),
                           w_pad=float(rng.uniform(0.2, 1.5)))
        c.tags.append(f"{rows}x{cols},{'density' if density else 'series'}")
    return c.rendered


def _font_size() -> float:
    import matplotlib

    return float(matplotlib.rcParams["font.size"])


# ------------------------------------------------------------------------------------- line: hard real-world kinds


def _dates(rng, n, freq):
    """``n`` timestamps at ``freq`` from a random start between 2005 and 2025."""
    start = pd.Timestamp(int(rng.integers(2005, 2026)), int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    return pd.date_range(start, periods=n, freq=freq)


def _series_date_axis(c, ax=None):
    """Date ticks: auto, concise or a fixed strftime format, sometimes slanted."""
    rng, ax = c.rng, ax or c.ax
    loc = mdates.AutoDateLocator(maxticks=int(rng.integers(4, 8)))
    fmt = rng.integers(0, 3)
    ax.xaxis.set_major_locator(loc)
    short = np.ptp(ax.get_xlim()) < 150  # days
    if fmt == 0:
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(loc))
    elif fmt == 1:
        ax.xaxis.set_major_formatter(mdates.DateFormatter(str(rng.choice(
            ["%b %d", "%Y-%m-%d", "%d %b", "%m/%d"] if short else ["%b %Y", "%Y-%m", "%Y-%m-%d", "%b '%y"]))))
    else:
        ax.xaxis.set_major_formatter(mdates.AutoDateFormatter(loc))
    if rng.random() < 0.4 or fmt == 2 or "%Y-%m-%d" in str(getattr(ax.xaxis.get_major_formatter(), "fmt", "")):
        ax.tick_params(axis="x", labelrotation=int(rng.choice([30, 45, 90])))
        for t in ax.get_xticklabels():
            t.set_ha("right")


def _dense_series(rng, n, hourly):
    """A jagged daily/hourly count-like series: slow drift, weekly (and daily or yearly) cycles, spikes, noise."""
    t = np.arange(n)
    y = float(rng.uniform(20, 500)) * np.exp(np.cumsum(rng.normal(0, rng.uniform(0.002, 0.01), n)))
    if rng.random() < 0.5:  # weekend dip
        day = t // 24 if hourly else t
        y = y * np.where(day % 7 >= 5, rng.uniform(0.3, 0.8), 1.0)
    else:
        y = y * (1 + rng.uniform(0.05, 0.4) * np.sin(2 * np.pi * t / (168 if hourly else 7) + rng.uniform(0, 6)))
    if hourly:
        y = y * (1 + rng.uniform(0.2, 0.8) * np.maximum(np.sin(2 * np.pi * (t % 24 - 6) / 24), -0.2))
    elif rng.random() < 0.7:
        y = y * (1 + rng.uniform(0.1, 0.5) * np.sin(2 * np.pi * t / 365.25 + rng.uniform(0, 6)))
    k = rng.poisson(n * rng.uniform(0.001, 0.015))
    y[rng.integers(0, n, k)] *= 1 + rng.exponential(rng.uniform(0.3, 2.0), k)
    return np.maximum(y * (1 + rng.normal(0, rng.uniform(0.02, 0.15), n)), 0)


@renderer("line", "matplotlib-dense")
def line_dense(rng):
    """Dense daily or hourly series (500-3000 points, 1-3 thin lines) with weekly cycles and spikes on a date
    axis; sometimes a rolling mean drawn over the faint raw line."""
    with chart(rng, aspect=(1.2, 3.0)) as c:
        hourly = rng.random() < 0.35
        n = int(rng.integers(500, 3001))
        x = _dates(rng, n, "h" if hourly else "D")
        k = int(rng.choice([1, 1, 2, 3]))
        names = text.categories(rng, k)
        lw = float(rng.uniform(0.4, 1.2))
        smooth = rng.random() < 0.3
        for j in range(k):
            y = _dense_series(rng, n, hourly)
            col = c.colors[j % len(c.colors)]
            c.ax.plot(x, y, lw=lw, color=col, alpha=0.4 if smooth else float(rng.uniform(0.7, 1.0)),
                      label=None if smooth else names[j])
            if smooth:
                w = 168 if hourly else int(rng.choice([7, 28, 30]))
                c.ax.plot(x, pd.Series(y).rolling(w, center=True).mean(), lw=lw * 2.5, color=col, label=names[j])
        if rng.random() < 0.6:
            c.ax.set_xlim(x[0], x[-1])
        if rng.random() < 0.4:
            c.ax.set_ylim(bottom=0)
        _series_date_axis(c)
        c.decorate(legend=k > 1 and rng.random() < 0.8, xlabel=str(rng.choice(["", "", "Date", "Time"])))
    return c.rendered


def _smooth(rng, t):
    """A smooth curve over ``t`` in [0, 1]: a trend plus 1-3 slow sinusoids."""
    return float(rng.normal(0, 2)) * t + sum(rng.uniform(0.3, 1.0) * np.sin(2 * np.pi * rng.uniform(0.2, 1.5) * t
                                                                        + rng.uniform(0, 6))
                                            for _ in range(int(rng.integers(1, 4))))


@renderer("line", "matplotlib-band")
def line_band(rng):
    """Smooth line(s) with a shaded confidence band: fits with their interval (sometimes over the observations),
    or a forecast whose band widens after the last observed point."""
    with chart(rng) as c:
        n = 200
        t = np.linspace(0, 1, n)
        forecast = rng.random() < 0.4
        x = _dates(rng, n, str(rng.choice(["D", "W", "MS"]))) if rng.random() < 0.4 else t * float(rng.uniform(1, 100))
        k = 1 if forecast else int(rng.choice([1, 1, 2, 3]))
        names = text.categories(rng, k)
        scale = data_scale(rng)
        alpha = float(rng.uniform(0.15, 0.35))
        for j in range(k):
            col = c.colors[j % len(c.colors)]
            mu = _smooth(rng, t) * scale
            sd = float(rng.uniform(0.05, 0.25)) * np.ptp(mu) * (1 + rng.uniform(0, 2) * t)
            if forecast:
                m = int(n * rng.uniform(0.55, 0.8))
                obs = mu[:m] + rng.normal(0, sd[:m] * 0.5)
                sd = sd * np.sqrt(np.maximum(t - t[m - 1], 0) / (1 - t[m - 1])) * rng.uniform(1.5, 3)
                c.ax.plot(x[:m], obs, color=col, lw=1.2, label=str(rng.choice(["Observed", "Actual", "History"])))
                c.ax.plot(x[m - 1:], mu[m - 1:], color=str(rng.choice([col, "C1", "black" if not c.dark else "white"])),
                          ls=str(rng.choice(["--", "-"])), lw=1.5, label="Forecast")
                lo, hi, xs = mu[m - 1:] - 1.96 * sd[m - 1:], mu[m - 1:] + 1.96 * sd[m - 1:], x[m - 1:]
            else:
                lo, hi, xs = mu - 1.96 * sd, mu + 1.96 * sd, x
                c.ax.plot(x, mu, color=col, lw=float(rng.uniform(1.2, 2.5)), label=names[j])
                if rng.random() < 0.35:
                    idx = np.sort(rng.choice(n, int(rng.integers(20, 80)), replace=False))
                    c.ax.scatter(x[idx], mu[idx] + rng.normal(0, sd[idx]), s=8, color=col, alpha=0.6, zorder=3)
            if rng.random() < 0.3:  # inner (50 %) band
                mid = (lo + hi) / 2
                c.ax.fill_between(xs, mid - (hi - lo) * 0.17, mid + (hi - lo) * 0.17, color=col, alpha=alpha, lw=0)
            c.ax.fill_between(xs, lo, hi, color=col, alpha=alpha, lw=0,
                              label=str(rng.choice(["95% CI", "95% interval", "±2σ", "Uncertainty"])) if j == 0 else None)
        if isinstance(x, pd.DatetimeIndex):
            _series_date_axis(c)
        c.decorate(legend=rng.random() < 0.7)
    return c.rendered


_FAMILY_PARAMS = ["Temperature (K)", "Dose (mg/kg)", "Time (h)", "Concentration (µM)", "Pressure (bar)",
                  "Angle (°)", "Voltage (V)", "Age (years)", "Load (N)", "Frequency (Hz)"]


@renderer("line", "matplotlib-family")
def line_family(rng):
    """A family of 8-25 similar curves (spectra, dose-response, decays, blackbody-like) graded along a colormap,
    with a colorbar or a legend of the parameter values; spectra sometimes stacked with offsets."""
    with chart(rng) as c:
        m = int(rng.integers(8, 26))
        u = np.linspace(0, 1, m)
        p = float(rng.choice([0, 0, 1, 10, 100, 300])) + np.arange(m) * float(rng.choice([0.1, 0.5, 1, 2, 5, 10, 25]))
        kind = rng.integers(0, 4)
        if kind == 0:  # spectra: peaks growing and shifting with the parameter
            x = np.linspace(*sorted(rng.choice([200, 400, 500, 800, 1000, 1500, 4000], 2, replace=False)), 400)
            peaks = [(rng.uniform(0.1, 0.9), rng.uniform(0.01, 0.08), rng.uniform(0.3, 1), rng.uniform(-0.05, 0.05),
                      rng.uniform(-1, 1)) for _ in range(int(rng.integers(1, 4)))]
            xt = (x - x[0]) / np.ptp(x)
            ys = [sum(a * (1 + g * v) * np.exp(-((xt - c0 - d * v) ** 2) / (2 * w ** 2)) for c0, w, a, d, g in peaks)
                  + rng.normal(0, 0.005, len(x)) for v in u]
        elif kind == 1:  # dose-response sigmoids
            x = np.logspace(-3, 3, 200)
            hill = float(rng.uniform(0.6, 2.5))
            ys = [100 / (1 + (10 ** (-2 + 4 * v + rng.normal(0, 0.1)) / x) ** hill) for v in u]
            c.ax.set_xscale("log")
        elif kind == 2:  # decays / saturating growth with a changing time constant
            x = np.linspace(0, float(rng.uniform(1, 100)), 200)
            grow = rng.random() < 0.5
            ys = [(1 - np.exp(-x / (x[-1] * (0.05 + 0.6 * v)))) if grow else np.exp(-x / (x[-1] * (0.05 + 0.6 * v)))
                  for v in u]
        else:  # blackbody-like curves
            x = np.linspace(0.1, 3, 300)
            ys = [x ** -5 / (np.exp(1 / (x * (0.15 + 0.35 * v))) - 1) for v in u]
        if kind == 0 and rng.random() < 0.3:
            ys = [y + j * float(np.max(ys)) * rng.uniform(0.05, 0.2) for j, y in enumerate(ys)]
        cmap = matplotlib.colormaps[str(rng.choice(SEQ_CMAPS + DIV_CMAPS[:4] + ["jet", "rainbow", "coolwarm"]))]
        cols = cmap(np.linspace(0.2, 0.95, m)[::1 if rng.random() < 0.7 else -1])
        lw = float(rng.uniform(0.7, 2.0))
        for j in range(m):
            c.ax.plot(x, ys[j], color=cols[j], lw=lw, label=f"{p[j]:g}")
        pname = str(rng.choice(_FAMILY_PARAMS))
        c.ax.set_xlim(x[0], x[-1])
        c.decorate(legend=False)
        if rng.random() < 0.55:
            sm = matplotlib.cm.ScalarMappable(matplotlib.colors.Normalize(p[0], p[-1]),
                                              matplotlib.colors.ListedColormap(cols) if rng.random() < 0.5 else cmap)
            c.fig.colorbar(sm, ax=c.ax, label=pname if rng.random() < 0.8 else None)
        elif rng.random() < 0.85:
            out = m > 12 or rng.random() < 0.4
            c.ax.legend(title=pname if rng.random() < 0.7 else None, fontsize="x-small", ncol=1 if m <= 14 else 2,
                        frameon=bool(rng.random() < 0.6), loc="upper left" if out else "best",
                        bbox_to_anchor=(1.01, 1) if out else None)
    return c.rendered


# ----------------------------------------------------------------------------------- bubble: hard real-world kinds


def _size_legend(c, z, sizes, hollow=False, **kw):
    """A legend of 3-4 reference bubbles whose marker areas match ``sizes`` ~ ``z`` ("size = ...")."""
    rng = c.rng
    a, b = np.polyfit(z, sizes, 1)
    vals = sorted({float(f"{v:.1g}") for v in z.max() * np.array([0.05, 0.2, 0.5, 1.0])[-int(rng.integers(3, 5)):]})
    hs = [Line2D([], [], ls="", marker="o", ms=float(np.sqrt(max(a * v + b, 4))), mfc="none" if hollow else "gray",
                 mec=c.fg if hollow else "none", alpha=1 if hollow else 0.5) for v in vals]
    title = str(rng.choice(["size = ", "Size = ", "Bubble size: ", ""])) + text.words(rng, 1)[0]
    kw.setdefault("loc", str(rng.choice(["upper left", "lower right", "upper right"])))
    leg = c.ax.legend(hs, [f"{v:,.0f}" if v >= 1 else f"{v:g}" for v in vals], title=title, labelspacing=float(rng.uniform(1.2, 2.2)),
                      borderpad=1.0, fontsize="small", frameon=bool(rng.random() < 0.6), **kw)
    c.ax.add_artist(leg)


@renderer("bubble", "matplotlib-hollow")
def bubble_hollow(rng):
    """Hollow bubbles (outlines only, sometimes with a centre dot) of strongly varying area, with a size legend
    and, for groups, a colour legend."""
    with chart(rng) as c:
        x, y, z, sizes = _bubbles(rng)
        z = z * data_scale(rng)
        k = int(rng.choice([1, 1, 2, 3, 4]))
        g = rng.integers(0, k, len(x))
        names = text.categories(rng, k)
        lw = float(rng.uniform(0.8, 2.0))
        dots = rng.random() < 0.3
        for j in range(k):
            m = g == j
            c.ax.scatter(x[m], y[m], s=sizes[m], facecolors="none", edgecolors=c.colors[j], linewidths=lw)
            if dots:
                c.ax.scatter(x[m], y[m], s=4, color=c.colors[j])
        c.ax.margins(float(rng.uniform(0.1, 0.2)))
        c.decorate(legend=False)
        if rng.random() < 0.85:
            _size_legend(c, z, sizes, hollow=True)
        if k > 1:
            hs = [Line2D([], [], ls="", marker="o", ms=8, mfc="none", mec=c.colors[j], mew=lw) for j in range(k)]
            c.ax.legend(hs, names, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small", frameon=False)
    return c.rendered


@renderer("bubble", "matplotlib-dense")
def bubble_dense(rng):
    """Many (100-500) overlapping translucent bubbles, often on a dark theme, coloured by group or by value."""
    with chart(rng, themes=["dark_background", "darkmode"] * 4 + THEMES) as c:
        x, y, z, sizes = _bubbles(rng, int(rng.integers(100, 501)))
        sizes = sizes * float(rng.uniform(0.3, 0.8))
        x, y, z, sizes = _largest_first(x, y, z, sizes)
        alpha = float(rng.uniform(0.2, 0.55))
        edge = str(rng.choice(["none", "none", "white", c.fg]))
        if rng.random() < 0.5:
            k = int(rng.integers(2, 7))
            g = rng.integers(0, k, len(x))
            c.ax.scatter(x, y, s=sizes, c=[c.colors[i % len(c.colors)] for i in g], alpha=alpha, edgecolors=edge,
                         linewidths=0.4)
            if rng.random() < 0.7:
                hs = [Line2D([], [], ls="", marker="o", color=c.colors[j], ms=8) for j in range(k)]
                c.ax.legend(hs, text.categories(rng, k), fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
        else:
            v = y + rng.normal(0, np.std(y), len(y)) if rng.random() < 0.5 else z
            sc = c.ax.scatter(x, y, s=sizes, c=v, cmap=str(rng.choice(SEQ_CMAPS)), alpha=alpha, edgecolors=edge,
                              linewidths=0.4)
            if rng.random() < 0.6:
                c.fig.colorbar(sc, ax=c.ax)
        c.decorate(legend=False)
    return c.rendered


@renderer("bubble", "matplotlib-small")
def bubble_many_small(rng):
    """A scatter-sized bubble chart: 80-600 points whose areas vary 7-30 times, evenly (the largest a few
    times a scatter marker), in a correlated cloud coloured by group or value, with a few points named."""
    with chart(rng) as c:
        n = int(rng.integers(80, 601))
        x, y = _xy_cloud(rng, n)
        z = rng.uniform(0, 1, n) ** float(rng.uniform(0.7, 1.5))  # many mid-sized points: the spread shows
        smin = float(rng.uniform(3, 12))
        sizes = smin * (1 + z * float(rng.uniform(6, 30)))
        x, y, z, sizes = _largest_first(x, y, z, sizes)
        alpha = float(rng.uniform(0.45, 0.9))
        edge = str(rng.choice(["none", "none", "white", c.fg]))
        if rng.random() < 0.6:
            k = int(rng.integers(2, 6))
            g = rng.integers(0, k, n)
            c.ax.scatter(x, y, s=sizes, c=[c.colors[i % len(c.colors)] for i in g], alpha=alpha, edgecolors=edge,
                         linewidths=0.4)
        else:
            c.ax.scatter(x, y, s=sizes, c=z, cmap=str(rng.choice(SEQ_CMAPS)), alpha=alpha, edgecolors=edge,
                         linewidths=0.4)
        labels = text.categories(rng, n, long_labels=0)
        for i in range(int(rng.integers(0, 8))):
            c.ax.annotate(labels[i], (x[i], y[i]), xytext=(4, 4), textcoords="offset points",
                          fontsize=float(rng.uniform(6, 9)), color=c.fg)
        c.decorate()
    return c.rendered


@renderer("bubble", "matplotlib-labelled")
def bubble_labelled(rng):
    """Gapminder-like: 10-40 bubbles on a log x axis coloured by region, names written next to a few bubbles,
    sometimes a size legend."""
    with chart(rng) as c:
        n = int(rng.integers(10, 41))
        k = int(rng.integers(1, 6))
        g = rng.integers(0, k, n)
        lo = float(rng.uniform(1, 3))
        x = 10 ** rng.uniform(lo, lo + rng.uniform(2, 3.5), n)
        y = (np.log10(x) * rng.uniform(3, 10) + rng.normal(0, 4, n)) * float(rng.choice([1, 1, 0.1, 10])) + 40
        z = rng.lognormal(0, float(rng.uniform(1.2, 2.0)), n) * data_scale(rng)
        sizes = z / z.max() * float(rng.uniform(1500, 4000)) + 8
        order = np.argsort(-sizes)
        alpha = float(rng.uniform(0.5, 0.9))
        names = text.categories(rng, k)
        for j in range(k):
            m = order[g[order] == j]
            c.ax.scatter(x[m], y[m], s=sizes[m], color=c.colors[j], alpha=alpha, label=names[j],
                         edgecolors=str(rng.choice(["white", "black", "none"])), linewidths=0.6)
        labels = text.categories(rng, n, long_labels=0)
        fs = float(rng.uniform(6, 9))
        for i in order[:int(rng.integers(3, 12))]:
            off = float(np.sqrt(sizes[i])) / 2 + 2
            c.ax.annotate(labels[i], (x[i], y[i]), xytext=(off * 0.7, off * 0.7), textcoords="offset points",
                          fontsize=fs, color=c.fg, ha="left", va="bottom")
        c.ax.set_xscale("log")
        if rng.random() < 0.4:
            c.ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        c.ax.margins(0.1)
        c.decorate(xlabel=str(rng.choice(["GDP per capita", "Income (log scale)", "Revenue ($)", "Users", ""])),
                   legend=False)
        if rng.random() < 0.4:
            _size_legend(c, z, sizes, loc="lower right")
        if k > 1 and rng.random() < 0.85:
            c.ax.legend(fontsize="small", loc="upper left", markerscale=float(rng.uniform(0.2, 0.4)),
                        frameon=bool(rng.random() < 0.6))
    return c.rendered


# ------------------------------------------------------------------------------ candlestick: hard real-world kinds


_CANDLE_COLORS = [("#26a69a", "#ef5350"), ("green", "red"), ("#2ca02c", "#d62728"), ("#1f77b4", "#ff7f0e"),
                  ("#089981", "#f23645"), ("royalblue", "darkorange"), ("black", "black")]


def _draw_candles(c, ax, x, ohlc, w, style, up, down):
    """Candles at ``x`` with body width ``w``: ``style`` "filled", "hollow" (rising bodies hollow) or "bars"
    (OHLC bars: a high-low line with the open ticked left and the close right)."""
    o, h, lo, cl = ohlc
    rise = cl >= o
    col = [up if r else down for r in rise]
    lw = float(c.rng.uniform(0.8, 1.8))
    if c.dark and up == down == "black":
        col = ["white"] * len(col)
    if style == "bars":
        ax.vlines(x, lo, h, colors=col, lw=lw)
        ax.hlines(o, x - w / 2, x, colors=col, lw=lw)
        ax.hlines(cl, x, x + w / 2, colors=col, lw=lw)
        return col
    ax.vlines(x, lo, h, colors=col, lw=lw, zorder=1)
    face = [ax.get_facecolor() if (style == "hollow" or up == down) and r else k for r, k in zip(rise, col)]
    ax.bar(x, np.maximum(np.abs(cl - o), 1e-3 * np.abs(o).max()), bottom=np.minimum(o, cl), width=w, color=face,
           edgecolor=col, lw=lw, zorder=2)
    return col


@renderer("candlestick", "matplotlib-wide")
def candlestick_wide(rng):
    """A few (8-25) wide candles or OHLC bars with clear wicks on a date axis: green/red, blue/orange or hollow
    rising / filled falling bodies."""
    with chart(rng, aspect=(1.0, 2.2)) as c:
        n = int(rng.integers(8, 26))
        ohlc = np.array(data.price_series(rng, n)) * float(rng.choice([0.05, 0.5, 1, 1, 5, 20]))
        dates = _dates(rng, n, str(rng.choice(["B", "B", "D", "W", "MS"])))
        x = mdates.date2num(dates)
        w = float(np.median(np.diff(x))) * float(rng.uniform(0.5, 0.85))
        style = str(rng.choice(["filled", "filled", "hollow", "bars"]))
        up, down = _CANDLE_COLORS[int(rng.integers(len(_CANDLE_COLORS)))]
        _draw_candles(c, c.ax, x, ohlc, w, style, up, down)
        _series_date_axis(c)
        if rng.random() < 0.4:
            c.ax.yaxis.tick_right()
        c.tags.append(style)
        c.decorate(legend=False, xlabel="", ylabel=str(rng.choice(["Price", "Price ($)", "USD", ""])), grid=None)
    return c.rendered


@renderer("candlestick", "matplotlib-volume")
def candlestick_volume(rng):
    """Candles with 1-2 moving-average lines over a volume-bar panel whose bars take their candle's colour."""
    with chart(rng, aspect=(1.0, 2.2), tight=0.0) as c:
        c.fig.clf()
        ax, axv = c.fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [float(rng.uniform(2.5, 4)), 1],
                                                                  "hspace": float(rng.uniform(0.0, 0.15))})
        c.ax = ax
        n = int(rng.integers(30, 91))
        ohlc = np.array(data.price_series(rng, n)) * float(rng.choice([0.05, 0.5, 1, 1, 5, 20]))
        x = mdates.date2num(_dates(rng, n, "B"))
        w = float(rng.uniform(0.5, 0.8))
        up, down = _CANDLE_COLORS[int(rng.integers(len(_CANDLE_COLORS) - 1))]
        col = _draw_candles(c, ax, x, ohlc, w, str(rng.choice(["filled", "filled", "hollow", "bars"])), up, down)
        for m in rng.choice([5, 10, 20, 50], int(rng.integers(1, 3)), replace=False):
            if m < n:
                ax.plot(x, pd.Series(ohlc[3]).rolling(int(m)).mean(), lw=float(rng.uniform(1, 2)), label=f"MA {m}",
                        color=str(rng.choice(["orange", "royalblue", "purple", "gold", "gray"])))
        vol = rng.lognormal(float(rng.uniform(8, 16)), 0.4, n) * (1 + np.abs(np.diff(ohlc[[0, 3]], axis=0)[0]))
        axv.bar(x, vol, width=w, color=col, alpha=float(rng.uniform(0.5, 1)))
        axv.yaxis.set_major_formatter(matplotlib.ticker.EngFormatter())
        axv.set_ylabel(str(rng.choice(["Volume", "Vol", ""])))
        _series_date_axis(c, axv)
        if rng.random() < 0.4:
            ax.yaxis.tick_right()
            axv.yaxis.tick_right()
        c.decorate(legend=rng.random() < 0.7, xlabel="", ylabel=str(rng.choice(["Price", "Close ($)", ""])))
        c.fig.subplots_adjust(left=0.12, right=0.88, top=0.9, bottom=0.2)  # tight_layout misjudges the date panel
    return c.rendered
