"""Distribution and matrix charts with matplotlib, seaborn and joypy: box, violin, ridgeline, heatmap."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd

from training.corpus import text
from training.corpus.mpl_style import DIV_CMAPS, SEQ_CMAPS, chart, data_scale, news_chart, news_look, palette, sample_size
from training.corpus.registry import renderer


def _groups(rng, k, n=None):
    out = []
    scale = data_scale(rng)
    for _ in range(k):
        m = n or int(rng.integers(20, 200))
        kind = rng.integers(0, 4)
        mu, sd = rng.uniform(-1, 3), rng.uniform(0.3, 1.5)
        if kind == 0:
            x = rng.normal(mu, sd, m)
        elif kind == 1:
            x = rng.lognormal(mu / 3, sd / 2, m)
        elif kind == 2:
            x = np.concatenate([rng.normal(mu, sd / 2, m // 2), rng.normal(mu + rng.uniform(1, 3), sd / 2, m - m // 2)])
        else:
            x = rng.gamma(rng.uniform(1, 5), sd, m) + mu
        out.append(x * scale)
    return out


@renderer("box", "matplotlib")
def box_matplotlib(rng):
    with chart(rng) as c:
        k = int(rng.integers(1, 10))
        data = _groups(rng, k)
        names = text.categories(rng, k)
        vert = rng.random() < 0.75
        patch = rng.random() < 0.6
        bp = c.ax.boxplot(data, orientation="vertical" if vert else "horizontal", patch_artist=patch,
                          notch=bool(rng.random() < 0.15), widths=float(rng.uniform(0.3, 0.8)),
                          showmeans=bool(rng.random() < 0.2), showfliers=bool(rng.random() < 0.85),
                          whis=float(rng.choice([1.5, 1.5, 1.0, 2.0])),
                          medianprops={"color": str(rng.choice(["black", "orange", "red", "white"])), "lw": 1.5})
        if patch:
            for j, b in enumerate(bp["boxes"]):
                b.set_facecolor(c.colors[j % len(c.colors)] if rng.random() < 0.7 or j == 0 else c.colors[0])
                b.set_alpha(float(rng.uniform(0.6, 1.0)))
        (c.ax.set_xticks if vert else c.ax.set_yticks)(range(1, k + 1))
        (c.ax.set_xticklabels if vert else c.ax.set_yticklabels)(names, rotation=45 if vert and k > 6 else 0)
        if rng.random() < 0.15:
            for j, d in enumerate(data):
                jit = rng.normal(j + 1, 0.05, len(d))
                (c.ax.scatter(jit, d, s=4, alpha=0.4, color=c.fg) if vert else c.ax.scatter(d, jit, s=4, alpha=0.4,
                                                                                            color=c.fg))
        c.decorate(legend=False)
    return c.rendered


@renderer("box", "seaborn")
def box_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        k = int(rng.integers(2, 8))
        data = _groups(rng, k, int(rng.integers(30, 150)))
        names = text.categories(rng, k)
        df = pd.DataFrame({"g": np.repeat(names, [len(d) for d in data]), "v": np.concatenate(data)})
        hue = None
        if rng.random() < 0.35:
            df["h"] = np.array(text.categories(rng, 2))[rng.integers(0, 2, len(df))]
            df.loc[df.h == df.h.iloc[0], "v"] *= rng.uniform(1.1, 1.5)
            hue = "h"
        orient = "h" if rng.random() < 0.3 else "v"
        x, y = ("v", "g") if orient == "h" else ("g", "v")
        pal = str(rng.choice(["deep", "pastel", "Set2", "muted", "husl", "vlag", "light:b", "rocket"]))
        kind = rng.choice(["box", "box", "box", "boxen"])
        fn = sns.boxplot if kind == "box" else sns.boxenplot
        if hue:
            fn(data=df, x=x, y=y, hue=hue, palette=pal, ax=c.ax, orient=orient)
        else:
            fn(data=df, x=x, y=y, hue=x if orient == "v" else y, palette=pal, ax=c.ax, legend=False, orient=orient)
        if rng.random() < 0.25:
            sns.stripplot(data=df, x=x, y=y, color=".3", size=2, alpha=0.5, ax=c.ax, orient=orient)
        c.tags.append(str(kind))
        c.decorate(legend=False)
    return c.rendered


@renderer("violin", "matplotlib")
def violin_matplotlib(rng):
    with chart(rng) as c:
        k = int(rng.integers(1, 8))
        data = _groups(rng, k, int(rng.integers(50, 300)))
        vert = rng.random() < 0.8
        parts = c.ax.violinplot(data, orientation="vertical" if vert else "horizontal",
                                showmeans=bool(rng.random() < 0.3), showmedians=bool(rng.random() < 0.5),
                                showextrema=bool(rng.random() < 0.6), widths=float(rng.uniform(0.5, 0.9)))
        for j, b in enumerate(parts["bodies"]):
            b.set_facecolor(c.colors[j % len(c.colors)] if rng.random() < 0.6 else c.colors[0])
            b.set_edgecolor(str(rng.choice(["black", "none", "white"])))
            b.set_alpha(float(rng.uniform(0.5, 0.9)))
        if rng.random() < 0.3:  # inner box
            q1, med, q3 = np.array([np.percentile(d, [25, 50, 75]) for d in data]).T
            pos = np.arange(1, k + 1)
            if vert:
                c.ax.vlines(pos, q1, q3, color="k", lw=5)
                c.ax.scatter(pos, med, color="white", s=12, zorder=3)
            else:
                c.ax.hlines(pos, q1, q3, color="k", lw=5)
                c.ax.scatter(med, pos, color="white", s=12, zorder=3)
        names = text.categories(rng, k)
        (c.ax.set_xticks if vert else c.ax.set_yticks)(range(1, k + 1))
        (c.ax.set_xticklabels if vert else c.ax.set_yticklabels)(names)
        c.decorate(legend=False)
    return c.rendered


@renderer("violin", "seaborn")
def violin_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True) as c:
        k = int(rng.integers(2, 7))
        data = _groups(rng, k, int(rng.integers(40, 120)))
        names = text.categories(rng, k)
        df = pd.DataFrame({"g": np.repeat(names, [len(d) for d in data]), "v": np.concatenate(data)})
        pal = str(rng.choice(["deep", "pastel", "Set2", "muted", "husl", "light:g", "rocket", "coolwarm"]))
        kw = dict(inner=str(rng.choice(["box", "box", "quart", "stick", "point"])), ax=c.ax, palette=pal,
                  cut=float(rng.choice([0, 2])), gridsize=60)
        orient = "h" if rng.random() < 0.2 else "v"
        x, y = ("v", "g") if orient == "h" else ("g", "v")
        if rng.random() < 0.35:
            df["h"] = np.array(text.categories(rng, 2))[rng.integers(0, 2, len(df))]
            df.loc[df.h == df.h.iloc[0], "v"] += df.v.std() * rng.uniform(0.3, 1)
            sns.violinplot(data=df, x=x, y=y, hue="h", split=bool(rng.random() < 0.6), orient=orient, **kw)
        else:
            sns.violinplot(data=df, x=x, y=y, hue=x if orient == "v" else y, legend=False, orient=orient, **kw)
        c.decorate(legend=False)
    return c.rendered


@renderer("ridgeline", "joypy")
def ridgeline_joypy(rng):
    import sys

    import joypy
    import matplotlib.pyplot as plt

    jmod = sys.modules["joypy.joyplot"]
    if not getattr(jmod, "_whatplot_patched", False):  # joypy 0.2.6 vs pandas 3: _flatten yields a generator
        orig = jmod._flatten
        jmod._flatten = lambda axes: list(orig(axes))
        orig_range = jmod._x_range

        def _x_range(data, extra=0.2):  # 200 instead of 1000 KDE points: 4x faster, same look
            r = orig_range(data, extra)
            return np.linspace(r[0], r[-1], 120) if len(r) > 2 else r

        jmod._x_range = _x_range
        jmod._whatplot_patched = True

    with chart(rng, fig=False, themes=["default"] * 3 + ["minimal", "ggplot", "darkmode", "seaborn-v0_8-white"]) as c:
        k = int(rng.integers(4, 10))
        data = _groups(rng, k, int(rng.integers(40, 100)))
        allv = np.concatenate(data)
        lo, hi = np.percentile(allv, [1, 99])
        data = [d[(d >= lo) & (d <= hi)] if ((d >= lo) & (d <= hi)).sum() > 10 else np.clip(d, lo, hi) for d in data]
        names = text.categories(rng, k) if rng.random() < 0.6 else \
            [str(m) for m in ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                              "Y1", "Y2"]][:k]
        df = pd.DataFrame({names[j]: pd.Series(d) for j, d in enumerate(data)})
        from training.corpus.mpl_style import sample_size

        w, h, dpi = sample_size(rng, aspect=(0.6, 1.6))
        kw = dict(figsize=(w, h), overlap=float(rng.uniform(0.5, 2.5)), linewidth=float(rng.uniform(0.5, 1.5)),
                  fade=bool(rng.random() < 0.3), grid=bool(rng.random() < 0.4), alpha=float(rng.uniform(0.6, 1)),
                  linecolor="white" if c.dark else str(rng.choice(["black", "white", "k"])), legend=False)
        if rng.random() < 0.6 or c.dark:
            kw["colormap"] = matplotlib.colormaps[str(rng.choice(SEQ_CMAPS + ["Spectral", "coolwarm"]))]
        else:
            kw["color"] = c.colors[0]
        if rng.random() < 0.2:
            kw["hist"] = False
            kw["kind"] = "kde"
        t = c.title()
        if t:
            kw["title"] = t
        fig, axes = joypy.joyplot(df, **kw)
        fig.set_dpi(dpi)
        c.dpi = dpi
        c.fig = fig
        plt.figure(fig.number)
    return c.rendered


@renderer("ridgeline", "matplotlib")
def ridgeline_matplotlib(rng):
    from scipy.stats import gaussian_kde

    with chart(rng, aspect=(0.6, 1.8), themes=["default"] * 3 + ["minimal", "darkmode", "seaborn-v0_8-white",
                                                                  "ggplot", "bmh"]) as c:
        k = int(rng.integers(4, 12))
        data = _groups(rng, k, 120)
        allv = np.concatenate(data)
        xs = np.linspace(np.percentile(allv, 0.5), np.percentile(allv, 99.5), 150)
        overlap = float(rng.uniform(0.6, 2.0))
        names = text.categories(rng, k)
        cm = matplotlib.colormaps[str(rng.choice(SEQ_CMAPS))]
        by_cmap = rng.random() < 0.7
        paired = rng.random() < 0.25  # two overlapping distributions per row (e.g. before/after)
        pair_cols = list(rng.choice([["#d62728", "#1f77b4"], ["#ff7f0e", "#2ca02c"], [c.colors[0], c.colors[1]]]))
        pair_names = text.categories(rng, 2)
        alpha = float(rng.uniform(0.7, 1))
        edge = c.fg if rng.random() < 0.5 else "white"
        for j in range(k):
            off = (k - 1 - j)
            series = [data[j]] if not paired else [data[j], data[j] + np.std(allv) * rng.uniform(0.2, 0.8)]
            for q, d in enumerate(series):
                ys = gaussian_kde(d)(xs)
                ys = ys / ys.max() * overlap
                if paired:
                    col, a = pair_cols[q], 0.6
                else:
                    col, a = (cm(j / max(1, k - 1) * 0.8 + 0.1) if by_cmap else c.colors[0]), alpha
                c.ax.fill_between(xs, off, off + ys, color=col, alpha=a, zorder=j + 1, lw=0,
                                  label=pair_names[q] if paired and j == 0 else None)
                c.ax.plot(xs, off + ys, color=edge, lw=1, zorder=j + 1)
            c.ax.axhline(off, color=c.fg, lw=0.4, alpha=0.6, zorder=0)
        c.ax.set_yticks(range(k))
        c.ax.set_yticklabels(names[::-1])
        for s in ("top", "right", "left"):
            c.ax.spines[s].set_visible(False)
        c.ax.tick_params(axis="y", length=0)
        c.decorate(legend=paired, ylabel="", grid=None)
    return c.rendered


def _confusion(rng, d):
    """Counts of a ``d``-class confusion matrix: a heavy diagonal over small confusions."""
    return (rng.integers(0, 15, (d, d)) + np.diag(rng.integers(40, 120, d))).astype(float)


def _matrix(rng):
    kind = str(rng.choice(["random", "smooth", "corr", "corr", "calendar", "confusion"]))
    if kind == "corr":
        d = int(rng.integers(4, 14))
        A = rng.normal(0, 1, (50, d)) @ rng.normal(0, 1, (d, d)) * rng.uniform(0.3, 1)
        M = np.corrcoef(A.T)
        names = [w.capitalize() for w in text.words(rng, d, non_english=0)]
        names = [f"{n}{i}" if names.count(n) > 1 else n for i, n in enumerate(names)]
        return kind, M, names, names
    if kind == "calendar":
        weeks = int(rng.choice([12, 26, 52, 53]))
        M = rng.gamma(1.5, 2, (7, weeks)) * (rng.random((7, weeks)) < 0.85)
        days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return kind, M, [str(i) if i % 4 == 0 else "" for i in range(weeks)], days
    if kind == "confusion":
        d = int(rng.integers(3, 10))
        M = _confusion(rng, d)
        names = text.categories(rng, d)
        return kind, M, names, names
    r, cc = int(rng.integers(4, 20)), int(rng.integers(4, 24))
    if kind == "smooth":
        x = np.linspace(0, 3, cc)
        y = np.linspace(0, 3, r)
        M = np.sin(x[None, :] * rng.uniform(0.5, 2)) + np.cos(y[:, None] * rng.uniform(0.5, 2)) + rng.normal(0, 0.2,
                                                                                                            (r, cc))
    else:
        M = rng.gamma(2, 1, (r, cc)) * data_scale(rng)
    cols = text.categories(rng, cc) if rng.random() < 0.6 else [str(i) for i in range(cc)]
    rows = text.categories(rng, r) if rng.random() < 0.7 else [str(i) for i in range(r)]
    return kind, M, cols, rows


@renderer("heatmap", "matplotlib")
def heatmap_matplotlib(rng):
    with chart(rng, aspect=(0.8, 2.5)) as c:
        kind, M, cols, rows = _matrix(rng)
        cmap = str(rng.choice(DIV_CMAPS)) if kind == "corr" else str(rng.choice(SEQ_CMAPS))
        if kind == "calendar" and rng.random() < 0.6:
            cmap = str(rng.choice(["Greens", "YlGn", "BuGn"]))
        kw = {"vmin": -1, "vmax": 1} if kind == "corr" else {}
        im = c.ax.imshow(M, cmap=cmap, aspect="auto" if rng.random() < 0.6 or kind == "calendar" else "equal", **kw)
        c.ax.set_xticks(range(len(cols)))
        c.ax.set_xticklabels(cols, rotation=int(rng.choice([0, 45, 90])) if max(map(len, cols)) > 3 else 0,
                             fontsize="small")
        c.ax.set_yticks(range(len(rows)))
        c.ax.set_yticklabels(rows, fontsize="small")
        if kind == "calendar" and rng.random() < 0.7:  # white cell gaps like github
            c.ax.set_xticks(np.arange(-0.5, M.shape[1]), minor=True)
            c.ax.set_yticks(np.arange(-0.5, M.shape[0]), minor=True)
            c.ax.grid(which="minor", color=c.bg, lw=2)
            c.ax.tick_params(which="minor", length=0)
        if M.size <= 120 and rng.random() < 0.6:
            norm = (M - M.min()) / (np.ptp(M) + 1e-9)
            for (i, j), v in np.ndenumerate(M):
                c.ax.text(j, i, f"{v:.2f}" if kind in ("corr", "smooth") else f"{v:.0f}", ha="center", va="center",
                          fontsize="xx-small", color="white" if 0.25 < norm[i, j] < 0.75 and kind == "corr"
                          or norm[i, j] > 0.6 else "black")
        if rng.random() < 0.8:
            c.fig.colorbar(im, ax=c.ax, shrink=float(rng.uniform(0.6, 1.0)))
        c.ax.grid(False) if kind != "calendar" else None
        c.tags.append(kind)
        c.decorate(legend=False, xlabel="" if kind in ("corr", "calendar") else None,
                   ylabel="" if kind in ("corr", "calendar") else None, grid=None)
    return c.rendered


@renderer("heatmap", "seaborn")
def heatmap_seaborn(rng):
    import seaborn as sns

    with chart(rng, seaborn=True, aspect=(0.8, 2.2)) as c:
        kind, M, cols, rows = _matrix(rng)
        kw = dict(cmap=str(rng.choice(DIV_CMAPS)) if kind == "corr" else str(rng.choice(SEQ_CMAPS)),
                  annot=bool(M.size <= 100 and rng.random() < 0.6), fmt=".2f" if kind in ("corr", "smooth") else ".0f",
                  linewidths=float(rng.choice([0, 0, 0.5, 1, 2])), linecolor=str(rng.choice(["white", "gray"])),
                  square=bool(rng.random() < 0.4), cbar=bool(rng.random() < 0.85), ax=c.ax,
                  xticklabels=cols, yticklabels=rows, annot_kws={"fontsize": 7})
        if kind == "corr":
            kw.update(vmin=-1, vmax=1, center=0)
            if rng.random() < 0.4:
                kw["mask"] = np.triu(np.ones_like(M, dtype=bool), k=int(rng.integers(0, 2)))
        sns.heatmap(M, **kw)
        c.tags.append(kind)
        c.decorate(legend=False, xlabel="" if rng.random() < 0.6 else None, ylabel="" if rng.random() < 0.6 else None,
                   grid=None)
    return c.rendered


@renderer("box", "pandas")
def box_pandas(rng):
    with chart(rng) as c:
        k = int(rng.integers(2, 8))
        data = _groups(rng, k, int(rng.integers(30, 120)))
        df = pd.DataFrame({n: pd.Series(d) for n, d in zip(text.categories(rng, k), data)})
        vert = rng.random() < 0.8
        df.plot.box(ax=c.ax, vert=vert, grid=bool(rng.random() < 0.4), patch_artist=bool(rng.random() < 0.4),
                    rot=int(rng.choice([0, 0, 45, 90])) if vert else 0, widths=float(rng.uniform(0.3, 0.7)))
        c.decorate(legend=False)
    return c.rendered


@renderer("box", "matplotlib-points")
def box_over_points(rng):
    """Box plots drawn over their raw points (jittered strips or many outliers), 1 to 30 groups, often
    in a web/news look."""
    chart_fn = news_chart if rng.random() < 0.5 else chart
    with chart_fn(rng) as c:
        k = int(rng.choice([1, 2, 3, 4, 6, 8, 12, 20, 30]))
        data = _groups(rng, k, int(rng.integers(15, 400)))
        if rng.random() < 0.4:  # heavy upper tails: columns of outliers above the whiskers
            data = [d + rng.exponential(2 * d.std(), len(d)) * (rng.random(len(d)) < 0.1) for d in data]
        vert = rng.random() < 0.7
        pos = np.arange(1, k + 1)
        points = str(rng.choice(["jitter", "jitter", "fliers", "swarm"]))
        colors = [c.colors[j % len(c.colors)] for j in range(k)] if rng.random() < 0.6 else [c.colors[0]] * k
        filled = rng.random() < 0.6
        bp = c.ax.boxplot(data, positions=pos, orientation="vertical" if vert else "horizontal", patch_artist=filled,
                          widths=float(rng.uniform(0.3, 0.7)), showfliers=points == "fliers",
                          flierprops={"marker": "o", "markersize": float(rng.uniform(2, 5)), "alpha": 0.6,
                                      "markerfacecolor": colors[0], "markeredgecolor": "none"},
                          medianprops={"color": c.fg, "lw": 1.5}, zorder=2)
        for j, b in enumerate(bp["boxes"]):
            if filled:
                b.set_facecolor(colors[j])
                b.set_alpha(float(rng.uniform(0.3, 0.8)))
        if points != "fliers":
            spread = 0.08 if points == "jitter" else 0.2
            size = float(rng.uniform(6, 30)) if k < 8 else 5.0
            for j, d in enumerate(data):
                offset = rng.normal(0, spread, len(d)) if points == "jitter" else rng.uniform(-spread, spread, len(d))
                xy = (pos[j] + offset, d) if vert else (d, pos[j] + offset)
                c.ax.scatter(*xy, s=size, alpha=float(rng.uniform(0.4, 0.9)), color=colors[j], edgecolor="none",
                             zorder=1 if rng.random() < 0.5 else 3)
        names = text.categories(rng, k)
        (c.ax.set_xticks if vert else c.ax.set_yticks)(pos)
        (c.ax.set_xticklabels if vert else c.ax.set_yticklabels)(names, rotation=60 if vert and k > 6 else 0,
                                                                  fontsize="small" if k < 12 else "x-small")
        if chart_fn is news_chart:
            news_look(c, grid="y" if vert else "x")
        else:
            c.decorate(legend=False)
        c.tags.append(points)
    return c.rendered


@renderer("heatmap", "seaborn-clustermap")
def heatmap_clustermap(rng):
    """seaborn clustermap: a clustered heatmap with row/column dendrograms (and sometimes colour strips)."""
    import seaborn as sns

    with chart(rng, seaborn=True, fig=False, themes=["default"] * 4 + ["minimal", "seaborn-v0_8-white"]) as c:
        r, k = int(rng.integers(6, 30)), int(rng.integers(4, 14))
        groups = int(rng.integers(2, 5))
        base = rng.normal(0, 1, (groups, k)) * float(rng.uniform(0.5, 2))
        M = base[rng.integers(0, groups, r)] + rng.normal(0, 0.6, (r, k))
        df = pd.DataFrame(M, index=text.categories(rng, r) if rng.random() < 0.5 else [f"s{i}" for i in range(r)],
                          columns=[w.capitalize()[:10] for w in text.words(rng, k)] if rng.random() < 0.6
                          else [str(i) for i in range(k)])
        df.columns = [f"{col}{i}" if list(df.columns).count(col) > 1 else col for i, col in enumerate(df.columns)]
        w, h, dpi = sample_size(rng, aspect=(0.7, 1.5))
        kw = dict(cmap=str(rng.choice(DIV_CMAPS + SEQ_CMAPS)), figsize=(w, h), method="average",
                  z_score=0 if rng.random() < 0.3 else None, row_cluster=True, col_cluster=bool(rng.random() < 0.7),
                  linewidths=float(rng.choice([0, 0, 0.5])), dendrogram_ratio=float(rng.uniform(0.1, 0.25)),
                  cbar_pos=(0.02, 0.8, 0.03, 0.15) if rng.random() < 0.8 else None)
        if rng.random() < 0.3:
            pal = palette(rng, groups, "tab10")
            kw["row_colors"] = [pal[g] for g in rng.integers(0, groups, r)]
        g = sns.clustermap(df, **kw)
        g.ax_heatmap.tick_params(labelsize=float(rng.uniform(5, 8)))
        g.figure.set_dpi(dpi)
        c.dpi = dpi
        c.fig = g.figure
        c.tags.append("clustermap")
    return c.rendered


def _cell_text(ax, im, M, labels) -> None:
    """Write ``labels`` in the cells of ``im`` (drawn from ``M`` with imshow), black or white by cell lightness."""
    for (i, j), v in np.ndenumerate(M):
        lum = np.dot(im.cmap(im.norm(v))[:3], [0.299, 0.587, 0.114])
        ax.text(j, i, labels[i][j], ha="center", va="center", color="white" if lum < 0.5 else "black",
                fontsize=float(np.clip(40 / M.shape[1], 6, 11)))


_LIKELIHOOD = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain", "Certain"]
_IMPACT = ["Negligible", "Minor", "Moderate", "Major", "Severe", "Catastrophic"]


@renderer("heatmap", "matplotlib-risk")
def heatmap_risk(rng):
    """Risk / score matrix: 3x3 to 6x6 cells coloured green-yellow-red by likelihood x consequence, with
    scores, ratings or risk ids in the cells and Likelihood / Consequence axis titles."""
    with chart(rng, themes=["default"] * 5 + ["minimal", "seaborn-v0_8-white"], square=rng.random() < 0.5) as c:
        ax = c.ax
        n = int(rng.integers(3, 7))
        ny = n if rng.random() < 0.7 else int(rng.integers(3, 7))
        S = np.arange(1, ny + 1)[:, None] * np.arange(1, n + 1)[None, :]
        bands = ["Low", "Medium", "High", "Extreme"] if rng.random() < 0.5 else ["Low", "Moderate", "High", "Critical"]
        level = np.digitize(S / S.max(), [0.2, 0.4, 0.65])
        if rng.random() < 0.5:
            cmap = matplotlib.colors.ListedColormap(str(rng.choice(["#4caf50,#ffeb3b,#ff9800,#f44336",
                                                                    "#00b050,#ffff00,#ffc000,#ff0000",
                                                                    "#92d050,#ffe699,#f4b183,#c00000"])).split(","))
            im = ax.imshow(level, cmap=cmap, vmin=-0.5, vmax=3.5, origin="lower")
        else:
            im = ax.imshow(S, cmap=str(rng.choice(["RdYlGn_r", "RdYlGn_r", "YlOrRd", "Spectral_r"])), origin="lower")
        what = str(rng.choice(["score", "band", "both", "ids"]))
        ids = iter(rng.permutation(40) + 1)
        labels = [[{"score": f"{s}", "band": bands[b], "both": f"{s}\n{bands[b]}",
                    "ids": ", ".join(f"R{next(ids)}" for _ in range(min(2, int(rng.poisson(0.8)))))}[what]
                   for s, b in zip(srow, brow)] for srow, brow in zip(S, level)]
        _cell_text(ax, im, S if im.get_array().max() > 3 else level, labels)
        num = rng.random() < 0.4
        xs = _IMPACT[:n] if n > 3 else ["Low", "Medium", "High"]
        ys = _LIKELIHOOD[:ny] if ny > 3 else ["Low", "Medium", "High"]
        ax.set_xticks(range(n))
        ax.set_xticklabels([f"{i + 1}\n{s}" if num else s for i, s in enumerate(xs)], fontsize="small",
                           rotation=30 if n > 4 and not num and rng.random() < 0.5 else 0)
        ax.set_yticks(range(ny))
        ax.set_yticklabels([f"{i + 1} {s}" if num else s for i, s in enumerate(ys)], fontsize="small")
        ax.set_xticks(np.arange(-0.5, n), minor=True)
        ax.set_yticks(np.arange(-0.5, ny), minor=True)
        ax.grid(which="minor", color=str(rng.choice(["white", "black", "#666666"])), lw=float(rng.uniform(1, 4)))
        ax.grid(which="major", visible=False)
        ax.tick_params(which="both", length=0)
        ax.set_xlabel(str(rng.choice(["Consequence", "Impact", "Severity", "CONSEQUENCE", "Impact →"])),
                      fontweight="bold")
        ax.set_ylabel(str(rng.choice(["Likelihood", "Probability", "LIKELIHOOD", "Likelihood →"])), fontweight="bold")
        t = c.title(0.4) if rng.random() < 0.6 else str(rng.choice(["Risk matrix", "Risk assessment", "Risk heat map"]))
        if t:
            ax.set_title(t, fontweight="bold")
        c.tags.append(what)
    return c.rendered


@renderer("heatmap", "matplotlib-confusion")
def heatmap_confusion(rng):
    """Small annotated confusion matrix (2 to 5 classes, sklearn ConfusionMatrixDisplay look): counts or
    rates in the cells, a colorbar, Predicted / True axis titles."""
    with chart(rng, themes=["default"] * 5 + ["minimal", "seaborn-v0_8-white", "darkmode"], square=rng.random() < 0.6) as c:
        ax = c.ax
        d = int(rng.choice([2, 2, 2, 3, 3, 4, 5]))
        M = np.round(_confusion(rng, d) * float(rng.choice([0.3, 1, 1, 4, 20])))
        names = list(rng.choice([["0", "1"], ["Negative", "Positive"], ["False", "True"], ["No", "Yes"],
                                 ["cat", "dog"], ["benign", "malignant"]])) if d == 2 and rng.random() < 0.7 \
            else ([n[:9] for n in text.categories(rng, d)] if rng.random() < 0.6 else [str(i) for i in range(d)])
        norm = rng.random() < 0.3
        V = M / M.sum(1, keepdims=True) if norm else M
        im = ax.imshow(V, cmap=str(rng.choice(["Blues", "Blues", "viridis", "Greens", "Oranges", "YlGnBu", "Purples"])))
        fmt = str(rng.choice(["{:.2f}", "{:.0%}"])) if norm else "{:.0f}"
        share = not norm and rng.random() < 0.3
        labels = [[fmt.format(v) + (f"\n({m / M.sum():.1%})" if share else "")
                   for v, m in zip(vr, mr)] for vr, mr in zip(V, M)]
        _cell_text(ax, im, V, labels)
        ax.set_xticks(range(d))
        ax.set_xticklabels(names, rotation=45 if d > 3 and max(map(len, names)) > 3 else 0)
        ax.set_yticks(range(d))
        ax.set_yticklabels(names, rotation=90 if d == 2 and rng.random() < 0.3 else 0, va="center")
        top = rng.random() < 0.25
        if top:
            ax.xaxis.tick_top()
            ax.xaxis.set_label_position("top")
        pred, true = [str(s) for s in rng.choice([("Predicted label", "True label"), ("Prediction", "Truth"),
                                                  ("Predicted", "Actual"), ("Predicted class", "True class")])]
        ax.set_xlabel(pred)
        ax.set_ylabel(true)
        ax.grid(False)
        if rng.random() < 0.85:
            c.fig.colorbar(im, ax=ax, shrink=float(rng.uniform(0.6, 1.0)))
        t = c.title(0.5) if rng.random() < 0.6 else "Confusion matrix" + str(rng.choice(["", " (normalized)", ""]))
        if t and not top:
            ax.set_title(t)
        c.tags.append("normalized" if norm else "counts")
    return c.rendered


_HOURS = [f"{h}:00" for h in range(24)]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@renderer("heatmap", "matplotlib-smooth")
def heatmap_smooth(rng):
    """Smooth interpolated field (imshow with bilinear / bicubic interpolation): a quantity by hour of day x
    month, day of year or weekday, with a colorbar and time axis labels."""
    with chart(rng, themes=["default"] * 5 + ["minimal", "seaborn-v0_8-white", "darkmode"], aspect=(1.0, 2.5)) as c:
        ax = c.ax
        xkind = str(rng.choice(["month", "month", "day", "weekday"]))
        nx = {"month": 12, "day": 365, "weekday": 7}[xkind]
        hours = np.arange(24)[:, None]
        x = np.arange(nx)[None, :] / nx
        season = np.cos(2 * np.pi * (x - rng.uniform(0.5, 0.6)))
        day = np.cos(2 * np.pi * (hours - rng.uniform(13, 16)) / 24)
        a, b = float(rng.uniform(3, 15)), float(rng.uniform(2, 8))
        M = float(rng.uniform(-5, 20)) + a * season + b * day * (1 + 0.5 * season) + rng.normal(0, 0.3, (24, nx))
        unit = str(rng.choice(["Temperature (°C)", "°C", "Load (MW)", "kWh", "Irradiance (W/m²)", "Visitors"]))
        if not unit.endswith("C)") and unit != "°C":
            M = np.maximum(M - M.min(), 0) * data_scale(rng) / 10
        upper = rng.random() < 0.5
        im = ax.imshow(M, aspect="auto", origin="upper" if upper else "lower",
                       interpolation=str(rng.choice(["bilinear", "bicubic", "bicubic", "gaussian", "spline16"])),
                       cmap=str(rng.choice(["RdYlBu_r", "coolwarm", "jet", "turbo", "inferno", "magma", "viridis",
                                            "Spectral_r", "plasma", "YlOrRd"])))
        step = int(rng.choice([2, 3, 4, 6]))
        ax.set_yticks(range(0, 24, step))
        ax.set_yticklabels(_HOURS[::step] if rng.random() < 0.6 else [f"{h:02d}" for h in range(0, 24, step)])
        if xkind == "month":
            ax.set_xticks(range(12))
            ax.set_xticklabels(_MONTHS if rng.random() < 0.7 else [m[0] for m in _MONTHS])
        elif xkind == "day":
            ax.set_xticks(np.cumsum([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30]))
            ax.set_xticklabels(_MONTHS, ha="left")
        else:
            ax.set_xticks(range(7))
            ax.set_xticklabels(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        ax.grid(False)
        cb = c.fig.colorbar(im, ax=ax, shrink=float(rng.uniform(0.7, 1.0)), pad=0.02)
        if rng.random() < 0.7:
            cb.set_label(unit)
        c.decorate(xlabel=str(rng.choice(["Month", "", "Day of year" if xkind == "day" else ""])),
                   ylabel=str(rng.choice(["Hour of day", "Hour", "Time of day", ""])), legend=False, grid=None)
        c.tags.append(xkind)
    return c.rendered


@renderer("heatmap", "matplotlib-years")
def heatmap_years(rng):
    """Calendar heatmap split by year (calplot / July look): a weekday x week panel per year stacked from top to
    bottom, big year labels on the left, month outlines, grey days without data, light or dark page."""
    import datetime as dt

    years = int(rng.integers(2, 6))
    a = 60 / (years * 7 * 1.5 + 5)  # width / height that leaves each year panel room for its labels
    with chart(rng, aspect=(a, a * 1.15), themes=["default"] * 4 + ["darkmode", "dark_background"], tight=0.0) as c:
        c.fig.clf()
        axes = c.fig.subplots(years, 1, squeeze=False)[:, 0]
        cmap = str(rng.choice(SEQ_CMAPS + ["YlGn", "Greens", "RdYlGn", "YlOrRd", "Reds", "Blues"]))
        empty = "#2d333b" if c.dark else str(rng.choice(["#ebedf0", "#eeeeee", "#f5f5f5", "#e0e0e0"]))
        gap = c.bg if rng.random() < 0.8 else empty
        y0 = int(rng.integers(2008, 2022))
        n_all = sum((dt.date(y0 + a + 1, 1, 1) - dt.date(y0 + a, 1, 1)).days for a in range(years))
        t = np.arange(n_all)
        vals = rng.gamma(float(rng.uniform(0.5, 3)), 1, n_all) * (1 + 0.5 * np.sin(2 * np.pi * t / 365.25 + rng.uniform(0, 6)))
        vals *= 1 + float(rng.uniform(-0.5, 1.5)) * t / n_all
        vals[rng.random(n_all) < rng.uniform(0, 0.3)] = np.nan
        lead = int(rng.integers(0, 200)) if rng.random() < 0.5 else 0  # data starting in the first year
        vals[:lead] = np.nan
        vals *= data_scale(rng)
        vmax = float(np.nanpercentile(vals, 98))
        outline = rng.random() < 0.6
        initials = rng.random() < 0.4
        done = 0
        for a, ax in enumerate(axes):
            first = dt.date(y0 + a, 1, 1)
            days = (dt.date(y0 + a + 1, 1, 1) - first).days
            idx = np.arange(days) + first.weekday()
            grid, blank = np.full((7, 54), np.nan), np.full((7, 54), np.nan)
            grid[idx % 7, idx // 7] = vals[done : done + days]
            blank[idx % 7, idx // 7] = 0
            done += days
            lw = float(rng.choice([0.5, 1.0, 1.5])) * 72 / c.dpi
            ax.pcolormesh(np.ma.masked_invalid(blank), cmap=matplotlib.colors.ListedColormap([empty]), edgecolors=gap,
                          linewidth=lw)
            qm = ax.pcolormesh(np.ma.masked_invalid(grid), cmap=cmap, vmin=0, vmax=vmax, edgecolors=gap, linewidth=lw)
            starts = [(dt.date(y0 + a, mm, 1) - first).days + first.weekday() for mm in range(1, 13)]
            if outline:
                for s in starts[1:]:
                    w, r = s // 7, s % 7
                    ax.plot([w, w, w + 1, w + 1] if r else [w, w], [7, r, r, 0] if r else [7, 0], color=c.fg, lw=1.0)
            ax.set_ylim(7, 0)
            ax.set_xlim(0, 54)
            ax.set_aspect("equal")
            ax.set_yticks(np.arange(7) + 0.5)
            ax.set_yticklabels(list("MTWTFSS") if initials else ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                               fontsize="x-small")
            ax.set_xticks(np.array(starts) // 7 + 2)
            ax.set_xticklabels(_MONTHS, fontsize="x-small")
            ax.tick_params(length=0)
            for sp in ax.spines.values():
                sp.set_visible(False)
            ax.set_ylabel(str(y0 + a), fontsize=float(rng.uniform(12, 20)), fontweight="bold",
                          color="#888888" if c.dark else "#aaaaaa", labelpad=8)
        t = c.title(0.4)
        if t:
            c.fig.suptitle(t, x=0.02, ha="left", fontsize="medium")
        c.fig.subplots_adjust(left=0.1, right=0.88, top=0.9 if t else 0.97, bottom=0.04, hspace=0.35)
        if rng.random() < 0.6:
            c.fig.colorbar(qm, ax=list(axes), shrink=0.8, pad=0.02, fraction=0.03)
        c.tags.append("outline" if outline else "plain")
    return c.rendered
