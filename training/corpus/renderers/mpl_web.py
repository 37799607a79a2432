"""Matplotlib charts in project-management and web/D3 news-graphic looks: gantt, stacked bars, areas,
streamgraphs, calendar/correlation heatmaps, networks, radial and tidy-tree dendrograms, packed and
gapminder bubbles, Nightingale roses."""

from __future__ import annotations

import datetime as dt

import matplotlib
import matplotlib.dates
import numpy as np
from matplotlib import patches
from matplotlib.collections import LineCollection

from training.corpus import text
from training.corpus.mpl_style import DIV_CMAPS, SEQ_CMAPS, chart, data_scale, news_chart, news_look
from training.corpus.registry import renderer


def _task_names(rng: np.random.Generator, n: int) -> list[str]:
    verbs = ["Design", "Build", "Test", "Review", "Deploy", "Plan", "Write", "Approve", "Research", "Migrate",
             "Kickoff", "Launch", "QA", "Train", "Audit", "Draft"]
    return [f"{rng.choice(verbs)} {' '.join(text.words(rng, int(rng.integers(1, 3))))}" for _ in range(n)]


def _smooth(rng: np.random.Generator, n: int, bumps: int) -> np.ndarray:
    """A positive smooth curve made of gaussian bumps over ``n`` points."""
    x = np.linspace(0, 1, n)
    y = np.zeros(n)
    for _ in range(bumps):
        y += rng.uniform(0.2, 1.0) * np.exp(-((x - rng.uniform(-0.1, 1.1)) / rng.uniform(0.05, 0.3)) ** 2)
    return y + rng.uniform(0.0, 0.05)


# ------------------------------------------------------------------------------------------------------- gantt


@renderer("gantt", "matplotlib-project")
def gantt_project(rng: np.random.Generator):
    """MS Project / Excel look: a task table on the left, bars on a day grid with a date header on top."""
    import matplotlib.dates as mdates

    with chart(rng, aspect=(1.4, 2.6), themes=["default"] * 4 + ["minimal", "excel"], tight=0.0) as c:
        n = int(rng.integers(6, 26))
        names = _task_names(rng, n)
        start = dt.date(int(rng.integers(2019, 2027)), int(rng.integers(1, 13)), int(rng.integers(1, 28)))
        s0 = mdates.date2num(start)
        starts, durs, t = [], [], 0.0
        for i in range(n):
            t = max(0, t + int(rng.integers(-2, 6)))
            d = int(rng.integers(1, 12))
            starts.append(t)
            durs.append(d)
            if rng.random() < 0.5:
                t += d
        starts_a, durs_a = np.array(starts, float) + s0, np.array(durs, float)
        end = float((starts_a + durs_a).max())
        table = rng.random() < 0.6
        c.fig.clf()
        if table:
            gs = c.fig.add_gridspec(1, 2, width_ratios=[float(rng.uniform(0.35, 0.6)), 1], wspace=0)
            tab, ax = c.fig.add_subplot(gs[0]), c.fig.add_subplot(gs[1])
        else:
            ax, tab = c.fig.add_subplot(111), None
        c.ax = ax
        phases = int(rng.integers(1, 5))
        ph = np.sort(rng.integers(0, phases, n))
        bar_c = c.colors if rng.random() < 0.5 else [str(rng.choice(["#4472C4", "#5B9BD5", "#3D85C6", "#6AA84F"]))] * 10
        h = float(rng.uniform(0.45, 0.75))
        ax.set_xlim(s0 - 1, end + 2)
        if rng.random() < 0.7:  # weekends
            for d in np.arange(np.floor(s0) - 1, end + 2):
                if mdates.num2date(d).weekday() >= 5:
                    ax.axvspan(d, d + 1, color="#eeeeee" if not c.dark else "#333333", lw=0, zorder=0)
        prog = rng.random() < 0.5
        for i in range(n):
            col = bar_c[ph[i] % len(bar_c)]
            ax.barh(i, durs_a[i], left=starts_a[i], height=h, color=col, alpha=0.55 if prog else 0.9,
                    edgecolor=str(rng.choice(["none", "#333333"])), lw=0.6, zorder=2)
            if prog:
                ax.barh(i, durs_a[i] * rng.uniform(0, 1), left=starts_a[i], height=h, color=col, zorder=3)
        if rng.random() < 0.6:  # dependency arrows
            for i in range(1, n):
                if rng.random() < 0.4 and starts_a[i] >= starts_a[i - 1] + durs_a[i - 1] - 0.01:
                    x0 = starts_a[i - 1] + durs_a[i - 1]
                    ax.annotate("", xy=(starts_a[i], i), xytext=(x0, i - 1),
                                arrowprops=dict(arrowstyle="->", color=c.fg, lw=0.7,
                                                connectionstyle="angle,angleA=0,angleB=90,rad=0"), zorder=4)
        if rng.random() < 0.6:  # milestones
            for i in rng.choice(n, int(rng.integers(1, 4)), replace=False):
                ax.plot(starts_a[i] + durs_a[i], i, "D", color=str(rng.choice(["black", "#C00000", c.colors[1]])),
                        ms=float(rng.uniform(5, 9)), zorder=5)
        if rng.random() < 0.5:
            ax.axvline(s0 + rng.uniform(0.2, 0.8) * (end - s0), color="red", lw=1.2,
                       ls=str(rng.choice(["-", "--"])), zorder=6)
        ax.set_ylim(n - 0.5, -0.5)
        ax.xaxis_date()
        span = end - s0
        loc = mdates.DayLocator(interval=max(1, int(span // 14))) if span < 45 else mdates.WeekdayLocator(byweekday=0)
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(mdates.DateFormatter(str(rng.choice(["%d", "%d %b", "%m/%d", "%a %d"]))))
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", labelsize="x-small", rotation=int(rng.choice([0, 0, 90])))
        ax.grid(axis="x", color="#cccccc", lw=0.5)
        if rng.random() < 0.6:
            ax.grid(axis="y", color="#dddddd", lw=0.5)
        ax.set_axisbelow(True)
        if tab is not None:
            ax.set_yticks(range(n))
            ax.set_yticklabels([])
            ax.tick_params(axis="y", length=0)
            tab.set_ylim(n - 0.5, -0.5)
            tab.set_xlim(0, 1)
            tab.set_xticks([])
            tab.set_yticks([])
            cols = [("Task Name", 0.04, [nm[:22] for nm in names])]
            if rng.random() < 0.8:
                cols.append(("Start", 0.62, [mdates.num2date(s).strftime("%d/%m") for s in starts_a]))
            if rng.random() < 0.8:
                cols.append(("Dur.", 0.84, [f"{int(d)}d" for d in durs_a]))
            fs = min(8.0, 200.0 / n)
            for head, x, vals in cols:
                tab.text(x, -0.9, head, fontsize=fs, fontweight="bold", va="bottom", color=c.fg)
                for i, v in enumerate(vals):
                    tab.text(x, i, v, fontsize=fs, va="center", color=c.fg, clip_on=True)
            for i in range(n + 1):
                tab.axhline(i - 0.5, color="#cccccc", lw=0.5)
            for head, x, _ in cols[1:]:
                tab.axvline(x - 0.02, color="#cccccc", lw=0.5)
        else:
            ax.set_yticks(range(n))
            ax.set_yticklabels([nm[:24] for nm in names], fontsize=min(8.0, 160.0 / n))
        t = c.title(0.5)
        if t:
            c.fig.suptitle(t, fontsize="medium", fontweight="bold", x=0.02, ha="left")
        c.fig.subplots_adjust(left=0.02 if tab is not None else 0.36, right=0.98, top=0.86 if t else 0.9, bottom=0.03)
        c.tags.append("table" if tab is not None else "plain")
    return c.rendered


@renderer("gantt", "matplotlib-web")
def gantt_web(rng: np.random.Generator):
    """Frappe-gantt / mermaid look: rounded bars with labels, section bands, date grid, today line."""
    with news_chart(rng, aspect=(1.3, 2.4)) as c:
        ax = c.ax
        sections = int(rng.integers(1, 5))
        sizes = [int(rng.integers(max(2, 6 // sections), 8)) for _ in range(sections)]
        n = sum(sizes)
        names = _task_names(rng, n)
        sec = np.repeat(np.arange(sections), sizes)
        t, starts, durs = 0.0, [], []
        for i in range(n):
            t = max(0.0, t + float(rng.integers(-3, 7)))
            starts.append(t)
            durs.append(float(rng.integers(2, 15)))
        end = max(s + d for s, d in zip(starts, durs))
        mermaid = rng.random() < 0.5
        h = float(rng.uniform(0.5, 0.75))
        y = 0
        for k in range(sections):
            if mermaid:
                ax.axhspan(y - 0.5, y + sizes[k] - 0.5, color=c.colors[k % len(c.colors)], alpha=0.08, lw=0)
            y += sizes[k]
        for i in range(n):
            col = c.colors[sec[i] % len(c.colors)] if rng.random() < 0.9 else c.colors[0]
            box = patches.FancyBboxPatch((starts[i], i - h / 2), durs[i], h, boxstyle=f"round,pad=0,rounding_size={h / 3}",
                                         mutation_aspect=1 / max(end / n, 1), fc=col, ec="none", alpha=0.45 if not mermaid else 0.9)
            ax.add_patch(box)
            if not mermaid:
                p = float(rng.uniform(0, 1))
                ax.add_patch(patches.FancyBboxPatch((starts[i], i - h / 2), durs[i] * p, h,
                                                    boxstyle=f"round,pad=0,rounding_size={h / 3}",
                                                    mutation_aspect=1 / max(end / n, 1), fc=col, ec="none"))
            inside = durs[i] > end * 0.18
            ax.text(starts[i] + (0.5 if inside else durs[i] + 0.5), i, names[i], va="center", ha="left",
                    fontsize="x-small", color="white" if inside and mermaid else c.fg, clip_on=True)
        if rng.random() < 0.5:
            for k in range(int(rng.integers(1, 3))):
                x = float(rng.uniform(0, end))
                ax.plot(x, float(rng.integers(0, n)), "D", color=c.fg, ms=7)
        if rng.random() < 0.5:
            ax.axvline(float(rng.uniform(0.2, 0.8)) * end, color="#e15759", lw=1.5)
        ax.set_xlim(-1, end * 1.25)
        ax.set_ylim(n - 0.4, -0.6)
        base = dt.date(int(rng.integers(2020, 2027)), int(rng.integers(1, 13)), 1)
        step = int(rng.choice([7, 7, 14])) if end > 30 else int(rng.choice([2, 3, 5]))
        ticks = np.arange(0, end * 1.25, step)
        fmt = str(rng.choice(["%b %d", "%d %b", "%Y-%m-%d", "%d"]))
        ax.set_xticks(ticks)
        ax.set_xticklabels([(base + dt.timedelta(days=int(d))).strftime(fmt) for d in ticks], fontsize="x-small")
        if mermaid:
            ax.set_yticks([sum(sizes[:k]) + sizes[k] / 2 - 0.5 for k in range(sections)])
            ax.set_yticklabels([text.words(rng, 1)[0].capitalize() for _ in range(sections)], fontweight="bold")
        else:
            ax.set_yticks([])
        if rng.random() < 0.5:
            ax.xaxis.tick_top()
        news_look(c, grid="x")
    return c.rendered


# ------------------------------------------------------------------------------------------------- stacked_bar


@renderer("stacked_bar", "matplotlib-web")
def stacked_bar_web(rng: np.random.Generator):
    """News-graphic stacked bars: many categories, 2-8 segments, often 100%, legend in a row, value labels."""
    with news_chart(rng) as c:
        ax = c.ax
        n, k = int(rng.integers(5, 31)), int(rng.integers(2, 9))
        horizontal = rng.random() < 0.5
        pct = rng.random() < 0.45
        w = rng.gamma(float(rng.uniform(0.8, 4)), 1, (n, k))
        if rng.random() < 0.5:
            w = w * np.linspace(1, rng.uniform(0.2, 3), n)[:, None]
        vals = w / w.sum(1, keepdims=True) * 100 if pct else w * data_scale(rng)
        if rng.random() < 0.4:
            vals = vals[np.argsort(vals[:, 0])]
        cats = text.categories(rng, n) if rng.random() < 0.6 else [str(y) for y in range(2000, 2000 + n)]
        segs = text.categories(rng, k)
        cols = c.colors[:k] if rng.random() < 0.7 else [matplotlib.colormaps[str(rng.choice(
            ["Blues", "viridis", "RdYlBu", "YlGnBu", "PuBu", "magma"]))](x) for x in np.linspace(0.2, 0.9, k)]
        width = float(rng.choice([1.0, 0.95, 0.85, 0.7, 0.6]))
        ec = str(rng.choice(["white", "none", "none"]))
        labels = rng.random() < 0.4 and n <= 14
        base = np.zeros(n)
        for j in range(k):
            if horizontal:
                bars = ax.barh(range(n), vals[:, j], left=base, height=width, color=cols[j], label=segs[j], ec=ec, lw=0.5)
            else:
                bars = ax.bar(range(n), vals[:, j], bottom=base, width=width, color=cols[j], label=segs[j], ec=ec, lw=0.5)
            if labels:
                fmt = "{:.0f}%" if pct else "{:.0f}"
                ax.bar_label(bars, [fmt.format(v) if v > vals.sum(1).max() * 0.06 else "" for v in vals[:, j]],
                             label_type="center", fontsize="x-small", color="white")
            base += vals[:, j]
        if horizontal:
            ax.set_yticks(range(n))
            ax.set_yticklabels(cats, fontsize="small" if n < 18 else "x-small")
            ax.invert_yaxis()
            ax.set_ylim(n - 0.5, -0.5)
            if pct:
                ax.set_xlim(0, 100)
        else:
            ax.set_xticks(range(n))
            ax.set_xticklabels(cats, rotation=0 if n < 10 else int(rng.choice([45, 90])),
                               fontsize="small" if n < 18 else "x-small")
            if pct:
                ax.set_ylim(0, 100)
        if pct:
            (ax.xaxis if horizontal else ax.yaxis).set_major_formatter(matplotlib.ticker.PercentFormatter())
        news_look(c, grid="x" if horizontal else "y")
        where = str(rng.choice(["top", "top", "right", "bottom"]))
        if where == "top":
            ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(k, 6), frameon=False, fontsize="small",
                      handlelength=1, borderaxespad=0.2)
        elif where == "right":
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
            c.fig.subplots_adjust(right=0.8)
        else:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if horizontal else -0.25), ncol=min(k, 5),
                      frameon=False, fontsize="small")
            c.fig.subplots_adjust(bottom=0.3)
        if horizontal:
            c.fig.subplots_adjust(left=0.22)
    return c.rendered


# -------------------------------------------------------------------------------------------------------- area


@renderer("area", "matplotlib-web")
def area_web(rng: np.random.Generator):
    """D3-style areas on a time axis: a single filled area, stacked, overlapping translucent or stepped."""
    with news_chart(rng) as c:
        ax = c.ax
        n = int(rng.integers(20, 250))
        x = np.datetime64(f"{int(rng.integers(1990, 2024))}-01-01") + np.arange(n) * np.timedelta64(
            int(rng.choice([1, 7, 30])), "D")
        mode = str(rng.choice(["single", "single", "stacked", "overlap", "step"]))
        k = 1 if mode in ("single", "step") else int(rng.integers(2, 6))
        scale = data_scale(rng)
        ys = [(np.abs(np.cumsum(rng.normal(0, 1, n))) + rng.uniform(2, 10)) * scale for _ in range(k)]
        names = text.categories(rng, k)
        line = rng.random() < 0.6
        alpha = float(rng.uniform(0.25, 0.55)) if mode == "overlap" else float(rng.uniform(0.5, 1.0))
        if mode == "stacked":
            ax.stackplot(x, ys, colors=c.colors[:k], labels=names, alpha=alpha, lw=0.5 if line else 0,
                         edgecolor="white" if line else "none")
            tops = np.cumsum(ys, axis=0)
        else:
            for j, y in enumerate(ys):
                step = "post" if mode == "step" else None
                ax.fill_between(x, y, 0 if rng.random() < 0.85 else y.min() * 0.8, color=c.colors[j], alpha=alpha,
                                lw=0, step=step, label=names[j])
                if line:
                    (ax.step if step else ax.plot)(x, y, color=c.colors[j], lw=float(rng.uniform(1, 2.2)),
                                                   **({"where": "post"} if step else {}))
            tops = np.array(ys)
        if k > 1 and rng.random() < 0.6:
            for j in range(k):
                ax.text(x[-1], tops[j][-1], " " + names[j], color=c.colors[j], fontsize="small", va="top",
                        fontweight="bold")
        elif k > 1:
            ax.legend(loc="upper left", frameon=False, fontsize="small", ncol=k)
        ax.set_xlim(x[0], x[-1])
        loc = matplotlib.dates.AutoDateLocator(maxticks=int(rng.integers(4, 8)))
        ax.xaxis.set_major_locator(loc)
        ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(loc))
        ax.set_ylim(bottom=0)
        ax.margins(y=0.05)
        news_look(c, grid="y")
        c.fig.subplots_adjust(right=0.85 if k > 1 else 0.95)
        c.tags.append(mode)
    return c.rendered


# ------------------------------------------------------------------------------------------------------ stream


@renderer("stream", "matplotlib-web")
def stream_web(rng: np.random.Generator):
    """d3 streamgraph: many smooth layers around a wiggling/symmetric baseline, no y axis, inline labels."""
    with news_chart(rng, aspect=(1.4, 3.0)) as c:
        ax = c.ax
        k = int(rng.integers(5, 21))
        n = 120
        ys = np.array([_smooth(rng, n, int(rng.integers(1, 5))) for _ in range(k)])
        ys *= data_scale(rng)
        x = np.arange(n) if rng.random() < 0.5 else np.linspace(1990, int(rng.integers(2000, 2025)), n)
        base = str(rng.choice(["wiggle", "sym", "weighted_wiggle", "wiggle"]))
        if rng.random() < 0.5:
            cols = [matplotlib.colormaps[str(rng.choice(["viridis", "plasma", "magma", "Spectral", "RdYlBu", "cool",
                                                          "YlOrRd", "PuBuGn", "tab20", "Set3"]))](v)
                    for v in np.linspace(0.05, 0.95, k)]
        else:
            cols = [c.colors[j % len(c.colors)] for j in range(k)]
        polys = ax.stackplot(x, ys, baseline=base, colors=cols, lw=float(rng.choice([0, 0, 0.3, 0.8])),
                             edgecolor="white")
        names = text.categories(rng, k)
        if rng.random() < 0.6:
            for j, p in enumerate(polys):
                verts = p.get_paths()[0].vertices
                if len(verts) < 2 * n:
                    continue
                lo, hi = verts[1:n + 1, 1], verts[n + 2:2 * n + 2, 1][::-1]
                th = np.abs(hi - lo)
                i = int(np.argmax(th))
                if th[i] > (np.abs(ys.sum(0)).max()) * 0.06 and len(hi) == n:
                    ax.text(x[i], (lo[i] + hi[i]) / 2, names[j], ha="center", va="center", fontsize="x-small",
                            color="black")
        elif rng.random() < 0.7:
            ax.legend(polys, names, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="x-small")
            c.fig.subplots_adjust(right=0.8)
        ax.set_xlim(x[0], x[-1])
        ax.set_yticks([])
        news_look(c, grid="x" if rng.random() < 0.6 else None)
        ax.tick_params(axis="y", left=False, labelleft=False)
        c.tags.append(base)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- heatmap


@renderer("heatmap", "matplotlib-calendar")
def heatmap_calendar(rng: np.random.Generator):
    """GitHub-contributions calendar: one small square per day, weeks as columns, weekdays as rows."""
    with chart(rng, aspect=(2.2, 5.0), themes=["default"] * 5 + ["darkmode"], tight=0.0) as c:
        years = int(rng.choice([1, 1, 1, 2, 3]))
        c.fig.clf()
        axes = c.fig.subplots(years, 1, squeeze=False)[:, 0]
        gh = rng.random() < 0.4
        cmap = matplotlib.colors.ListedColormap(["#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39"]) if gh else \
            matplotlib.colormaps[str(rng.choice(SEQ_CMAPS + ["Greens", "YlGn", "Blues", "Oranges"]))]
        y0 = int(rng.integers(2015, 2026))
        gap = float(rng.choice([0.5, 1.0, 1.5, 2.5])) * 72 / c.dpi
        rate = float(rng.uniform(0.3, 3))
        for a, ax in enumerate(axes):
            first = dt.date(y0 + a, 1, 1)
            days = (dt.date(y0 + a + 1, 1, 1) - first).days
            off = first.weekday()
            grid = np.full((7, 54), np.nan)
            vals = rng.poisson(rate * (1 + np.sin(np.arange(days) / 58.0 + rng.uniform(0, 6))), days).astype(float)
            vals[rng.random(days) < rng.uniform(0, 0.4)] = 0
            for d in range(days):
                grid[(d + off) % 7, (d + off) // 7] = vals[d]
            m = np.ma.masked_invalid(grid)
            ax.pcolormesh(m, cmap=cmap, edgecolors=c.bg, linewidth=gap, vmin=0)
            ax.set_aspect("equal")
            ax.set_ylim(7, 0)
            ax.set_xlim(0, 54)
            ax.set_yticks([1.5, 3.5, 5.5])
            ax.set_yticklabels(["Tue", "Thu", "Sat"] if rng.random() < 0.3 else ["Mon", "Wed", "Fri"], fontsize="x-small")
            month_starts = [((dt.date(y0 + a, mm, 1) - first).days + off) // 7 for mm in range(1, 13)]
            ax.set_xticks(np.array(month_starts) + 0.5)
            ax.set_xticklabels([dt.date(2000, mm, 1).strftime("%b") for mm in range(1, 13)], fontsize="x-small")
            ax.xaxis.tick_top()
            ax.tick_params(length=0)
            for s in ax.spines.values():
                s.set_visible(False)
            if years > 1 or rng.random() < 0.5:
                ax.set_ylabel(str(y0 + a), fontweight="bold", fontsize="small")
        t = c.title(0.4)
        if t:
            c.fig.suptitle(t, x=0.02, ha="left", fontsize="medium")
        if rng.random() < 0.5:
            c.fig.text(0.98, 0.02, "Less", ha="right", fontsize="x-small", color=c.fg)
        c.fig.subplots_adjust(left=0.08, right=0.98, top=0.85 if t else 0.92, bottom=0.06, hspace=0.3)
        c.tags.append("github" if gh else "cal")
    return c.rendered


@renderer("heatmap", "matplotlib-corr")
def heatmap_corr(rng: np.random.Generator):
    """Annotated correlation matrix (full or triangular, cells with gaps) or a big matrix of thin cells."""
    with chart(rng, themes=["default"] * 4 + ["minimal", "seaborn-v0_8-white", "darkmode"]) as c:
        ax = c.ax
        big = rng.random() < 0.3
        if big:
            r, k = int(rng.integers(20, 80)), int(rng.integers(30, 200))
            base = rng.normal(0, 1, (r, 3)) @ rng.normal(0, 1, (3, k))
            m = base[np.argsort(base[:, 0])] + rng.normal(0, 0.5, (r, k))
            cmap = str(rng.choice(DIV_CMAPS + SEQ_CMAPS))
            im = ax.imshow(m, aspect="auto", cmap=cmap, interpolation="nearest")
            ax.set_xticks([])
            if r <= 40 and rng.random() < 0.6:
                ax.set_yticks(range(r))
                ax.set_yticklabels([f"{text.words(rng, 1)[0][:5]}{i}" for i in range(r)], fontsize=5)
            else:
                ax.set_yticks([])
        else:
            k = int(rng.integers(4, 16))
            X = rng.normal(0, 1, (60, 3)) @ rng.normal(0, 1, (3, k)) + rng.normal(0, 1, (60, k)) * rng.uniform(0.5, 2)
            m = np.corrcoef(X.T)
            names = text.categories(rng, k)
            if rng.random() < 0.4:
                m = np.ma.masked_array(m, np.triu(np.ones_like(m, bool), 1 if rng.random() < 0.5 else 0))
            cmap = str(rng.choice(DIV_CMAPS))
            gap = float(rng.choice([0, 0, 1, 2, 3]))
            im = ax.pcolormesh(m, cmap=cmap, vmin=-1, vmax=1, edgecolors=c.bg if gap else "face", linewidth=gap)
            ax.set_ylim(k, 0)
            ax.set_aspect("equal")
            if rng.random() < 0.7 and k <= 12:
                for i in range(k):
                    for j in range(k):
                        if m[i, j] is not np.ma.masked:
                            v = float(m[i, j])
                            ax.text(j + 0.5, i + 0.5, f"{v:.2f}" if k < 8 else f"{v:.1f}", ha="center", va="center",
                                    fontsize=max(4.0, 9 - k * 0.4), color="white" if abs(v) > 0.6 else "black")
            ax.set_xticks(np.arange(k) + 0.5)
            ax.set_xticklabels(names, rotation=int(rng.choice([45, 90])), fontsize="small")
            ax.set_yticks(np.arange(k) + 0.5)
            ax.set_yticklabels(names, fontsize="small")
            for s in ax.spines.values():
                s.set_visible(False)
        if rng.random() < 0.85:
            c.fig.colorbar(im, ax=ax, shrink=float(rng.uniform(0.5, 1.0)))
        ax.tick_params(length=0)
        c.decorate(xlabel="", ylabel="", legend=False, grid=None)
        ax.grid(False)
        c.tags.append("big" if big else "corr")
    return c.rendered


# ----------------------------------------------------------------------------------------------------- network


def _graph(rng: np.random.Generator, n: int):
    """A random graph with planted communities: (networkx graph, community of each node)."""
    import networkx as nx

    k = int(rng.integers(1, 7))
    sizes = np.maximum(2, rng.multinomial(n - 2 * k, np.ones(k) / k) + 2).tolist()
    p_in = min(0.9, float(rng.uniform(2, 6)) / max(sizes))
    G = nx.random_partition_graph(sizes, p_in, float(rng.uniform(0.2, 1.5)) / n, seed=int(rng.integers(2**31)))
    comm = np.repeat(np.arange(k), sizes)
    return G, comm


def _bezier(p0: np.ndarray, p1: np.ndarray, ctrl: np.ndarray, m: int = 16) -> np.ndarray:
    t = np.linspace(0, 1, m)[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * ctrl + t ** 2 * p1


@renderer("network", "matplotlib-web")
def network_web(rng: np.random.Generator):
    """Node-link diagram in force-directed, circular (edges bent towards the centre) or arc layout,
    small unlabelled nodes coloured by community, curved edges."""
    import networkx as nx

    with news_chart(rng, aspect=(0.9, 2.0), themes=["default"] * 5 + ["darkmode", "dark_background"]) as c:
        ax = c.ax
        n = int(rng.integers(10, 200))
        G, comm = _graph(rng, n)
        lay = str(rng.choice(["force", "force", "circle", "arc"]))
        order = np.arange(n)
        if lay == "force":
            p = nx.spring_layout(G, seed=int(rng.integers(2**31)), iterations=int(rng.integers(20, 50)))
            pos = np.array([p[i] for i in range(n)])
        elif lay == "circle":
            a = 2 * np.pi * np.arange(n) / n
            pos = np.c_[np.cos(a), np.sin(a)]
        else:
            pos = np.c_[np.arange(n, dtype=float), np.zeros(n)]
        bend = float(rng.uniform(0.0, 0.4)) if lay == "force" else float(rng.uniform(0.5, 1.0))
        segs, ecols = [], []
        cols = c.colors
        for u, v in G.edges:
            p0, p1 = pos[u], pos[v]
            if lay == "arc":
                ctrl = np.array([(p0[0] + p1[0]) / 2, abs(p1[0] - p0[0]) * (1 if (u + v) % 2 or rng.random() < 0.6 else -1)])
            elif lay == "circle":
                ctrl = (p0 + p1) / 2 * (1 - bend)
            else:
                mid, d = (p0 + p1) / 2, p1 - p0
                ctrl = mid + bend * np.array([-d[1], d[0]])
            segs.append(_bezier(p0, p1, ctrl))
            ecols.append(cols[comm[u] % len(cols)] if comm[u] == comm[v] and rng.random() < 0.8 else
                         ("#bbbbbb" if not c.dark else "#666666"))
        ax.add_collection(LineCollection(segs, colors=ecols, lw=float(rng.uniform(0.3, 1.2)),
                                         alpha=float(rng.uniform(0.25, 0.7)), zorder=1))
        deg = np.array([G.degree(i) for i in order], float)
        size = (float(rng.uniform(4, 30)) * (1 + deg / max(deg.max(), 1) * (2 if rng.random() < 0.6 else 0)))
        size = size * (40 / max(n, 40))
        ax.scatter(pos[:, 0], pos[:, 1], s=size, c=[cols[k % len(cols)] for k in comm], zorder=2,
                   edgecolors=str(rng.choice(["none", "white", c.fg])), linewidths=0.5)
        if n <= 40 and rng.random() < 0.4:
            for i in range(n):
                ax.text(pos[i, 0], pos[i, 1] - (0.8 if lay == "arc" else 0), text.words(rng, 1)[0], fontsize=5,
                        ha="center", va="top" if lay == "arc" else "bottom", color=c.fg,
                        rotation=90 if lay == "arc" else 0)
        ax.autoscale_view()
        ax.set_aspect("equal" if lay != "arc" else "auto")
        ax.set_xticks([])
        ax.set_yticks([])
        news_look(c, grid=None, p_subtitle=0.4, p_source=0.3)
        c.tags.append(lay)
    return c.rendered


# -------------------------------------------------------------------------------------------------- dendrogram


def _linkage(rng: np.random.Generator, n: int):
    from scipy.cluster import hierarchy

    k = int(rng.integers(2, 6))
    X = rng.normal(0, 1, (k, 4))[rng.integers(0, k, n)] * float(rng.uniform(1, 4)) + rng.normal(0, 1, (n, 4))
    return hierarchy.linkage(X, method=str(rng.choice(["ward", "average", "complete"])))


@renderer("dendrogram", "matplotlib-radial")
def dendrogram_radial(rng: np.random.Generator):
    """Circular dendrogram: elbow links turned into radial spokes and arcs, leaf labels around the rim."""
    from scipy.cluster import hierarchy

    with chart(rng, square=True, themes=["default"] * 5 + ["minimal", "darkmode"]) as c:
        ax = c.ax
        n = int(rng.choice([12, 20, 30, 40, 60, 80]))
        Z = _linkage(rng, n)
        d = hierarchy.dendrogram(Z, no_plot=True, color_threshold=float(rng.uniform(0.4, 0.8)) * Z[:, 2].max())
        span = float(rng.choice([2 * np.pi, 2 * np.pi, 1.8 * np.pi, np.pi]))
        hmax = Z[:, 2].max()
        to_a = lambda x: (np.asarray(x) - 5) / (10 * n) * span  # noqa: E731
        to_r = lambda y: 1 - np.asarray(y) / hmax  # noqa: E731
        pal = {col: c.colors[i % len(c.colors)] for i, col in enumerate(sorted(set(d["color_list"])))}
        mono = rng.random() < 0.3
        lw = float(rng.uniform(0.6, 1.5))
        segs, seg_cols = [], []
        for xs, ys, col in zip(d["icoord"], d["dcoord"], d["color_list"]):
            a, r = to_a(xs), to_r(ys)
            arc = np.linspace(a[1], a[2], 30)
            segs += [np.c_[np.cos(a[:2]) * r[:2], np.sin(a[:2]) * r[:2]],  # spokes and the arc joining them
                     np.c_[np.cos(a[2:]) * r[2:], np.sin(a[2:]) * r[2:]], np.c_[np.cos(arc) * r[1], np.sin(arc) * r[1]]]
            seg_cols += [c.fg if mono else pal[col]] * 3
        ax.add_collection(LineCollection(segs, colors=seg_cols, lw=lw))
        names = text.categories(rng, n)
        if n <= 60 and rng.random() < 0.8:
            for i, leaf in enumerate(d["leaves"]):
                a = float(to_a(5 + 10 * i))
                deg = np.degrees(a)
                flip = 90 < deg % 360 < 270
                ax.text(np.cos(a) * 1.03, np.sin(a) * 1.03, names[leaf][:14], rotation=deg + (180 if flip else 0),
                        rotation_mode="anchor", ha="right" if flip else "left", va="center",
                        fontsize=max(4.0, 9 - n / 12), color=c.fg)
        if rng.random() < 0.4:
            ax.scatter(np.cos(to_a(5 + 10 * np.arange(n))), np.sin(to_a(5 + 10 * np.arange(n))), s=6, color=c.fg, zorder=3)
        ax.set_xlim(-1.4, 1.4)
        ax.set_ylim(-1.4, 1.4)
        ax.set_aspect("equal")
        ax.axis("off")
        t = c.title(0.4)
        if t:
            ax.set_title(t)
    return c.rendered


def _random_tree(rng: np.random.Generator, depth: int, fan: tuple[int, int] = (2, 5), keep: float = 0.8,
                 cap: int = 70) -> tuple[list, list]:
    """A random rooted tree up to ``depth`` levels deep, ``fan[0]`` to ``fan[1]`` children under the root (from 1
    below it), a fraction ``keep`` of each level branching on: (parent of each node, level of each node)."""
    parent, level = [-1], [0]
    frontier = [0]
    for dlev in range(1, depth + 1):
        nxt = []
        for p in frontier:
            for _ in range(int(rng.integers(1 if dlev > 1 else fan[0], fan[1] if dlev < depth else fan[1] + 1))):
                parent.append(p)
                level.append(dlev)
                nxt.append(len(parent) - 1)
        frontier = [v for v in nxt if rng.random() < keep] or nxt[:1]
        if len(parent) > cap:
            break
    return parent, level


def _tidy(parent: list) -> tuple[dict, np.ndarray, float]:
    """Tidy-tree placement: (children of each node, position of each node with leaves at 0, 1, 2, ... in
    depth-first order and parents centred over their children, number of leaves)."""
    m = len(parent)
    kids: dict = {i: [] for i in range(m)}
    for i, p in enumerate(parent):
        if p >= 0:
            kids[p].append(i)
    pos = np.zeros(m)
    counter = [0.0]

    def place(v: int) -> float:
        if not kids[v]:
            pos[v] = counter[0]
            counter[0] += 1
        else:
            pos[v] = float(np.mean([place(ch) for ch in kids[v]]))
        return pos[v]

    place(0)
    return kids, pos, counter[0]


@renderer("dendrogram", "matplotlib-tree")
def dendrogram_tree(rng: np.random.Generator):
    """d3.tree / collapsible-tree look: a tidy tree with curved (or elbow) links, circle nodes, labelled leaves."""
    with news_chart(rng, themes=["default"] * 6 + ["darkmode"]) as c:
        ax = c.ax
        parent, level = _random_tree(rng, int(rng.integers(2, 5)))
        m = len(parent)
        kids, pos, n_leaves = _tidy(parent)
        counter = [n_leaves]
        lev = np.array(level, float)
        horizontal = rng.random() < 0.7
        curved = rng.random() < 0.7
        xy = np.c_[lev, pos] if horizontal else np.c_[pos, -lev]
        segs = []
        for v in range(1, m):
            p0, p1 = xy[parent[v]], xy[v]
            t = np.linspace(0, 1, 20)
            if curved:
                s = 3 * t ** 2 - 2 * t ** 3
                seg = np.c_[p0[0] + (p1[0] - p0[0]) * (t if horizontal else s), p0[1] + (p1[1] - p0[1]) * (s if horizontal else t)]
            else:
                mid = (p0 + p1) / 2
                seg = np.array([p0, [mid[0], p0[1]], [mid[0], p1[1]], p1]) if horizontal else \
                    np.array([p0, [p0[0], mid[1]], [p1[0], mid[1]], p1])
            segs.append(seg)
        ax.add_collection(LineCollection(segs, colors="#999999" if not c.dark else "#777777", lw=float(rng.uniform(0.8, 1.8))))
        leaf = np.array([not kids[v] for v in range(m)])
        fill = np.where(leaf, matplotlib.colors.to_hex(c.bg) if rng.random() < 0.5 else c.colors[1], c.colors[0]) if rng.random() < 0.7 else \
            np.array([c.colors[lv % len(c.colors)] for lv in level], object)
        ax.scatter(xy[:, 0], xy[:, 1], s=float(rng.uniform(15, 60)), c=list(fill), edgecolors=c.colors[0], zorder=3, lw=1.2)
        fs = max(4.5, min(9.0, 220 / max(counter[0], 1)))
        for v in range(m):
            name = text.words(rng, 1)[0] if rng.random() < 0.7 else text.categories(rng, 1)[0]
            if horizontal:
                ax.text(xy[v, 0] + (0.06 if leaf[v] else -0.06), xy[v, 1], name, fontsize=fs, va="center",
                        ha="left" if leaf[v] else "right", color=c.fg)
            elif leaf[v]:
                ax.text(xy[v, 0], xy[v, 1] - 0.08, name, fontsize=fs, va="top", ha="center", rotation=90, color=c.fg)
        ax.autoscale_view()
        if horizontal:
            ax.set_ylim(counter[0], -1)
            ax.set_xlim(-0.5, lev.max() + 0.8)
        else:
            ax.set_ylim(-lev.max() - 1.0, 0.4)
        ax.set_xticks([])
        ax.set_yticks([])
        news_look(c, grid=None, p_subtitle=0.3, p_source=0.2)
        c.tags.append("curved" if curved else "elbow")
    return c.rendered


def _cubic(p0: np.ndarray, c0: np.ndarray, c1: np.ndarray, p1: np.ndarray, m: int = 20) -> np.ndarray:
    """Points of the cubic Bézier curve from ``p0`` to ``p1`` with control points ``c0``, ``c1``."""
    t = np.linspace(0, 1, m)[:, None]
    return (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * c0 + 3 * (1 - t) * t ** 2 * c1 + t ** 3 * p1


def _d3_tree(rng: np.random.Generator, leaves: tuple[int, int], p_cluster: float = 0.0):
    """A random hierarchy 2 to 4 levels deep with about ``leaves`` leaves: (parent, children, leaf-order position,
    leaf count, leaf mask, depth of each node with all leaves moved to the last level (``d3.cluster``) with
    probability ``p_cluster``, top-level branch of each node, the top-level nodes)."""
    depth = int(rng.integers(2, 5))
    target = float(rng.uniform(*leaves))
    f = max(2, int(round(target ** (1 / depth))))
    keep = float(rng.uniform(0.75, 1.0))
    for _ in range(8):  # redraw trees that came out far from the wanted size
        parent, level = _random_tree(rng, depth, fan=(max(2, f - 1), f + 2), keep=keep, cap=int(target * 1.6))
        tree = _tidy(parent)
        if leaves[0] <= tree[2] <= leaves[1]:
            break
    kids, pos, n_leaves = tree
    m = len(parent)
    leaf = np.array([not kids[v] for v in range(m)])
    lev = np.array(level, float)
    if rng.random() < p_cluster:
        lev[leaf] = lev.max()
    branch = np.zeros(m, int)
    for v in range(1, m):
        branch[v] = v if parent[v] == 0 else branch[parent[v]]
    return parent, kids, pos, n_leaves, leaf, lev, branch, sorted(set(branch[1:]))


def _halo(c) -> list:
    """White (page-coloured) outline behind text, as D3 examples draw labels over links."""
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=2.5, foreground=matplotlib.colors.to_hex(c.bg))]


@renderer("dendrogram", "matplotlib-d3cluster")
def dendrogram_d3_cluster(rng: np.random.Generator):
    """Observable/D3 ``d3.cluster``/``d3.tree`` left to right: cubic ``linkHorizontal`` links, a circle on every
    node (D3 grey #555/#999, or hollow steelblue collapsible-tree nodes), leaf labels on the right with a halo,
    leaves often aligned in one column."""
    with chart(rng, aspect=(0.8, 2.2), themes=["default"] * 8 + ["darkmode"], tight=0.0) as c:
        ax = c.ax
        parent, kids, pos, n_leaves, leaf, lev, branch, top = _d3_tree(rng, (6, 40), p_cluster=0.6)
        m = len(parent)
        xy = np.c_[lev, pos]
        look = str(rng.choice(["d3", "d3", "collapsible", "colour"]))
        grey = "#999999" if not c.dark else "#777777"
        segs = []
        for v in range(1, m):
            p0, p1 = xy[parent[v]], xy[v]
            mx = (p0[0] + p1[0]) / 2
            segs.append(_cubic(p0, np.array([mx, p0[1]]), np.array([mx, p1[1]]), p1))
        link_cols = [c.colors[top.index(branch[v]) % len(c.colors)] for v in range(1, m)] if look == "colour" else \
            ("#555555" if look == "d3" and not c.dark else grey)
        ax.add_collection(LineCollection(segs, colors=link_cols, lw=float(rng.uniform(0.8, 2.0)),
                                         alpha=float(rng.uniform(0.4, 0.8)) if look != "collapsible" else 1.0, zorder=1))
        r = float(rng.uniform(10, 45))
        if look == "collapsible":
            face = np.where(leaf, matplotlib.colors.to_hex(c.bg), "#b0c4de")
            ax.scatter(xy[:, 0], xy[:, 1], s=r, c=list(face), edgecolors="#4682b4", lw=1.5, zorder=3)
        elif look == "colour":
            ax.scatter(xy[:, 0], xy[:, 1], s=r, zorder=3, edgecolors="none",
                       c=[c.fg if v == 0 else c.colors[top.index(branch[v]) % len(c.colors)] for v in range(m)])
        else:
            ax.scatter(xy[:, 0], xy[:, 1], s=r, c=np.where(leaf, "#999999", "#555555" if not c.dark else "#cccccc"),
                       zorder=3, edgecolors="none")
        fs = max(4.5, min(10.0, 0.7 * c.size[1] * 72 / (n_leaves + 1)))
        inner = rng.random() < 0.6
        dx = 0.03 * lev.max()
        for v in range(m):
            if leaf[v] or inner:
                name = text.words(rng, 1)[0].capitalize() if rng.random() < 0.5 else text.categories(rng, 1)[0]
                ax.text(xy[v, 0] + (dx if leaf[v] else -dx), xy[v, 1] - (0 if leaf[v] else 0.15), name, fontsize=fs,
                        va="center", ha="left" if leaf[v] else "right", color=c.fg, zorder=4, path_effects=_halo(c))
        ax.set_ylim(n_leaves - 0.3, -0.7)
        ax.set_xlim(-lev.max() * (0.25 if inner else 0.05), lev.max() * float(rng.uniform(1.3, 1.5)))
        ax.axis("off")
        t = c.title(0.6)
        if t:
            ax.set_title(t, loc=str(rng.choice(["left", "center"])), color=c.fg)
        c.fig.subplots_adjust(left=0.02, right=0.98, top=0.92 if t else 0.98, bottom=0.02)
        c.tags.append(look)
    return c.rendered


@renderer("dendrogram", "matplotlib-d3radial")
def dendrogram_d3_radial(rng: np.random.Generator):
    """D3 radial tidy tree / radial cluster: curved ``linkRadial`` links from the centre, 40-150 leaf labels
    rotated around the circle, sometimes node dots and links coloured by top-level branch."""
    with chart(rng, square=True, themes=["default"] * 7 + ["darkmode", "dark_background"], tight=0.0) as c:
        ax = c.ax
        parent, kids, pos, n_leaves, leaf, rad, branch, top = _d3_tree(rng, (40, 150), p_cluster=0.6)
        m = len(parent)
        rad /= rad.max()
        span = float(rng.choice([2 * np.pi, 2 * np.pi, 1.9 * np.pi, 1.5 * np.pi]))
        ang = (pos + 0.5) / n_leaves * span
        cart = lambda a, r: np.c_[r * np.sin(a), r * np.cos(a)]  # noqa: E731  (angle 0 at the top, clockwise)
        coloured = rng.random() < 0.4
        segs = []
        for v in range(1, m):
            u = parent[v]
            rm = (rad[u] + rad[v]) / 2
            pts = cart(np.array([ang[u], ang[u], ang[v], ang[v]]), np.array([rad[u], rm, rm, rad[v]]))
            segs.append(_cubic(*pts))
        link_col = [c.colors[top.index(branch[v]) % len(c.colors)] for v in range(1, m)] if coloured else \
            ("#555555" if not c.dark else "#aaaaaa")
        ax.add_collection(LineCollection(segs, colors=link_col, lw=float(rng.uniform(0.5, 1.5)),
                                         alpha=float(rng.uniform(0.4, 0.9))))
        xy = cart(ang, rad)
        if rng.random() < 0.6:
            ax.scatter(xy[:, 0], xy[:, 1], s=float(rng.uniform(3, 14)), zorder=3, edgecolors="none",
                       c=np.where(leaf, "#999999", "#555555" if not c.dark else "#dddddd") if not coloured else
                       [c.fg if v == 0 else c.colors[top.index(branch[v]) % len(c.colors)] for v in range(m)])
        fs = max(3.5, min(8.0, 420 / n_leaves * c.size[0] / 8))
        for v in np.flatnonzero(leaf):
            deg = 90 - np.degrees(ang[v])
            flip = np.cos(np.radians(deg)) < 0
            p = cart(ang[v], rad[v] + 0.03)[0]
            ax.text(p[0], p[1], text.words(rng, 1)[0] if rng.random() < 0.7 else text.categories(rng, 1)[0][:14],
                    rotation=deg + (180 if flip else 0), rotation_mode="anchor", ha="right" if flip else "left",
                    va="center", fontsize=fs, color=c.fg)
        ax.set(xlim=(-1.45, 1.45), ylim=(-1.45, 1.45), aspect="equal")
        ax.axis("off")
        t = c.title(0.6)
        if t:
            c.fig.text(0.02, 0.98, t, ha="left", va="top", fontweight="bold", color=c.fg)
        c.fig.subplots_adjust(left=0.0, right=1.0, top=1.0, bottom=0.0)
        c.tags.append("branch" if coloured else "grey")
    return c.rendered


_ROLES = ["CEO", "CTO", "CFO", "COO", "VP Sales", "VP Eng", "Director", "Head of", "Manager", "Lead", "Engineer",
          "Analyst", "Designer", "Intern", "Sales", "Support", "HR", "Finance", "Ops", "Legal"]


@renderer("dendrogram", "matplotlib-orgchart")
def dendrogram_orgchart(rng: np.random.Generator):
    """Top-down org chart / hierarchy: straight elbow connectors (down, across the siblings, down) to boxes with
    names and roles or to small circles with labels."""
    with chart(rng, aspect=(1.0, 2.4), themes=["default"] * 6 + ["minimal", "darkmode"], tight=0.0) as c:
        ax = c.ax
        parent, kids, pos, n_leaves, _, lev, _, _ = _d3_tree(rng, (4, 22))
        m = len(parent)
        level = lev.astype(int)
        xy = np.c_[pos, -lev]
        line = "#888888" if not c.dark else "#aaaaaa"
        lw = float(rng.uniform(0.8, 2.0))
        segs = []
        for u in range(m):
            if kids[u]:
                ch = xy[kids[u]]
                ym = xy[u, 1] - 0.5
                segs += [np.array([xy[u], [xy[u, 0], ym]]), np.array([[ch[:, 0].min(), ym], [ch[:, 0].max(), ym]])]
                segs += [np.array([[x, ym], [x, y]]) for x, y in ch]
        ax.add_collection(LineCollection(segs, colors=line, lw=lw, zorder=1))
        fs = min(9.0, c.size[0] * 72 * 0.9 / n_leaves / 6.5)
        boxes = rng.random() < 0.6 and fs > 4.5
        fs = max(fs, 4.5)
        if boxes:
            by_level = rng.random() < 0.5
            rounded = str(rng.choice(["round,pad=0.4", "square,pad=0.4", "round4,pad=0.5"]))
            for v in range(m):
                role = _ROLES[min(len(_ROLES) - 1, int(rng.integers(0, 4)) if v == 0 else int(rng.integers(4, len(_ROLES))))]
                name = text.words(rng, 1)[0].capitalize()
                face = c.colors[level[v] % len(c.colors)] if by_level else ("#ffffff" if not c.dark else "#333333")
                lum = np.dot(matplotlib.colors.to_rgb(face), [0.299, 0.587, 0.114])
                ax.text(xy[v, 0], xy[v, 1], f"{name}\n{role}" if rng.random() < 0.8 else name, ha="center", va="center",
                        fontsize=fs, color="white" if lum < 0.55 else "black", zorder=3, linespacing=1.1,
                        bbox={"boxstyle": rounded, "fc": face, "ec": line if not by_level else face, "lw": 1})
        else:
            ax.scatter(xy[:, 0], xy[:, 1], s=float(rng.uniform(15, 60)), zorder=3, lw=1.2, edgecolors=c.colors[0],
                       c=c.colors[0] if rng.random() < 0.6 else matplotlib.colors.to_hex(c.bg))
            for v in range(m):
                ax.text(xy[v, 0], xy[v, 1] - 0.12, text.words(rng, 1)[0], ha="center", va="top", fontsize=fs,
                        color=c.fg, rotation=90 if not kids[v] and n_leaves > 10 else 0, zorder=4)
        ax.set_xlim(-0.8, n_leaves - 0.2)
        ax.set_ylim(-max(level) - (0.9 if boxes else 1.2), 0.5)
        ax.axis("off")
        t = c.title(0.4)
        if t:
            ax.set_title(t, color=c.fg)
        c.fig.subplots_adjust(left=0.02, right=0.98, top=0.9 if t else 0.98, bottom=0.02)
        c.tags.append("boxes" if boxes else "dots")
    return c.rendered


# ------------------------------------------------------------------------------------------------------ bubble


def _pack(r: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Centres for circles of radii ``r`` (largest first) packed around the origin without overlap."""
    xy = np.zeros((len(r), 2))
    for i in range(1, len(r)):
        best, best_d = None, np.inf
        for j in range(i):
            ang = rng.uniform(0, 2 * np.pi, 24)
            cand = xy[j] + (r[j] + r[i] + 1e-3) * np.c_[np.cos(ang), np.sin(ang)]
            dist = np.linalg.norm(cand[:, None, :] - xy[None, :i], axis=2)
            ok = (dist >= (r[:i] + r[i]) * 0.999).all(1)
            if ok.any():
                cd = np.linalg.norm(cand[ok], axis=1)
                k = int(np.argmin(cd))
                if cd[k] < best_d:
                    best, best_d = cand[ok][k], cd[k]
        xy[i] = best if best is not None else [0, r[:i].sum() + r[i]]
    return xy


@renderer("bubble", "matplotlib-packed")
def bubble_packed(rng: np.random.Generator):
    """Packed-bubble chart: circles sized by value, packed together with no axes, labels in the big ones."""
    with news_chart(rng, square=rng.random() < 0.5) as c:
        ax = c.ax
        n = int(rng.integers(8, 45))
        v = np.sort(rng.lognormal(0, float(rng.uniform(0.6, 1.3)), n))[::-1] * data_scale(rng)
        r = np.sqrt(v / v.max())
        xy = _pack(r, rng)
        groups = int(rng.integers(1, 6))
        g = rng.integers(0, groups, n)
        names = text.categories(rng, n)
        alpha = float(rng.choice([1.0, 0.85, 0.6]))
        for i in range(n):
            ax.add_patch(patches.Circle(xy[i], r[i], fc=c.colors[g[i] % len(c.colors)], ec=c.bg if rng.random() < 0.7
                                        else "none", alpha=alpha, lw=1))
            if r[i] > 0.35:
                ax.text(*xy[i], f"{names[i]}\n{v[i]:,.3g}" if rng.random() < 0.5 else names[i], ha="center",
                        va="center", fontsize=float(6 + 6 * r[i]), color="white" if rng.random() < 0.7 else "black")
        ext = np.abs(xy).max() + 1.1
        ax.set_xlim(-ext, ext)
        ax.set_ylim(-ext, ext)
        ax.set_aspect("equal")
        ax.axis("off")
        news_look(c, grid=None, p_subtitle=0.4, p_source=0.4)
        if groups > 1 and rng.random() < 0.7:
            hs = [patches.Patch(color=c.colors[k]) for k in range(groups)]
            ax.legend(hs, text.categories(rng, groups), loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                      fontsize="small")
    return c.rendered


@renderer("bubble", "matplotlib-gapminder")
def bubble_gapminder(rng: np.random.Generator):
    """Gapminder-style bubble chart: log x axis, bubble areas spanning orders of magnitude, translucent overlaps."""
    with news_chart(rng) as c:
        ax = c.ax
        n = int(rng.integers(15, 150))
        k = int(rng.integers(1, 7))
        g = rng.integers(0, k, n)
        x = 10 ** rng.uniform(2.5, 5, n)
        y = 40 + 10 * np.log10(x) + rng.normal(0, 5, n) + g * rng.uniform(-2, 2)
        pop = rng.lognormal(0, float(rng.uniform(1.2, 2.2)), n)
        s = pop / pop.max() * float(rng.uniform(1500, 5000)) * (40 / max(n, 40)) ** 0.5 + 5
        order = np.argsort(-s)
        ax.scatter(x[order], y[order], s=s[order], c=[c.colors[i % len(c.colors)] for i in g[order]],
                   alpha=float(rng.uniform(0.5, 0.85)), edgecolors=str(rng.choice(["white", "#333333", "none"])),
                   linewidths=0.6)
        if rng.random() < 0.8:
            ax.set_xscale("log")
        if rng.random() < 0.6:
            for i in order[:int(rng.integers(2, 7))]:
                ax.text(x[i], y[i], text.categories(rng, 1)[0], ha="center", va="center", fontsize="x-small")
        ax.set_xlabel(str(rng.choice(["GDP per capita ($)", "Income", "Spend per user", "Revenue"])), color="#666666")
        ax.set_ylabel(str(rng.choice(["Life expectancy", "Score", "Retention (%)", "Rating"])), color="#666666")
        if k > 1:
            hs = [matplotlib.lines.Line2D([], [], ls="", marker="o", color=c.colors[j], ms=7) for j in range(k)]
            ax.legend(hs, text.categories(rng, k), loc="lower right", frameon=False, fontsize="small")
        news_look(c, grid=str(rng.choice(["both", "y"])))
    return c.rendered


# -------------------------------------------------------------------------------------------------- polar_area


@renderer("polar_area", "matplotlib-rose")
def polar_area_rose(rng: np.random.Generator):
    """Nightingale rose: equal-angle wedges (often stacked) whose radius encodes the value, circular gridlines."""
    with news_chart(rng, projection="polar", square=True) as c:
        ax = c.ax
        n = int(rng.choice([6, 8, 10, 12, 12, 16, 24]))
        k = int(rng.choice([1, 1, 2, 3, 4]))
        vals = rng.gamma(2, 1, (k, n)) * np.linspace(1, rng.uniform(0.3, 2), n)
        theta = np.arange(n) * 2 * np.pi / n
        width = 2 * np.pi / n * float(rng.choice([1.0, 0.98, 0.9]))
        sqrt = rng.random() < 0.5  # area-true radii like Nightingale's
        cum = np.cumsum(vals, 0)
        rad = np.sqrt(cum) if sqrt else cum
        cols = c.colors if k > 1 or rng.random() < 0.4 else [c.colors[i % len(c.colors)] for i in range(n)]
        names = text.categories(rng, k)
        for j in range(k - 1, -1, -1):
            color = cols[j] if k > 1 else (cols if len(cols) >= n else cols[0])
            ax.bar(theta, rad[j], width=width, bottom=0, color=color, ec=c.bg if rng.random() < 0.7 else c.fg,
                   lw=0.8, alpha=float(rng.uniform(0.75, 1.0)), label=names[j])
        ax.set_theta_zero_location(str(rng.choice(["N", "E", "W"])))
        ax.set_theta_direction(int(rng.choice([-1, 1])))
        labels = [dt.date(2000, i % 12 + 1, 1).strftime("%b") for i in range(n)] if n == 12 else text.categories(rng, n)
        ax.set_xticks(theta)
        ax.set_xticklabels(labels, fontsize="small")
        if rng.random() < 0.5:
            ax.set_yticklabels([])
        ax.grid(True, color="#cccccc", lw=0.6)
        ax.spines["polar"].set_visible(rng.random() < 0.3)
        news_look(c, grid=None, p_subtitle=0.4, p_source=0.4)
        if k > 1:
            ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize="small")
        c.tags.append("sqrt" if sqrt else "linear")
    return c.rendered


# ------------------------------------------------------------------------------------------ population_pyramid

_COUNTRIES = ["Japan", "Nigeria", "Germany", "India", "Brazil", "Italy", "the United States", "China", "France",
              "Kenya", "Mexico", "South Korea", "Poland", "Egypt", "Canada", "Indonesia", "Spain", "Vietnam"]
_SEX_COLORS = [("#1f77b4", "#e377c2"), ("#4e79a7", "#f28e2b"), ("#3a87c8", "#e8575a"), ("#2c7fb8", "#d95f0e"),
               ("#66c2a5", "#fc8d62"), ("#6a51a3", "#41ab5d"), ("#5b9bd5", "#ed7d31")]


def _pyramid_sides(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Male and female shares (% of total) for ``n`` age bands, youngest first: an expansive, stationary or
    constrictive profile, more women at old ages, independent noise on each side."""
    a = np.linspace(0, 1, n)
    kind = str(rng.choice(["expansive", "stationary", "constrictive"]))
    if kind == "expansive":
        base = np.exp(-a * rng.uniform(2, 4))
    elif kind == "stationary":
        base = 1 / (1 + np.exp((a - rng.uniform(0.6, 0.8)) * rng.uniform(8, 14)))
    else:
        base = np.exp(-((a - rng.uniform(0.35, 0.6)) / rng.uniform(0.25, 0.4)) ** 2)
    if rng.random() < 0.4:  # a baby boom bulge
        base = base * (1 + 0.5 * np.exp(-((a - rng.uniform(0.3, 0.7)) / 0.07) ** 2))
    male = base * np.exp(-a ** 3 * rng.uniform(0.5, 1.5)) * rng.normal(1.03, 0.04, n)
    female = base * (1 + a ** 2 * rng.uniform(0.2, 0.8)) * rng.normal(1.0, 0.04, n)
    tot = male.sum() + female.sum()
    return np.clip(male, 1e-3, None) / tot * 100, np.clip(female, 1e-3, None) / tot * 100


def _age_bands(rng: np.random.Generator, n: int) -> list[str]:
    step = 5 if n > 12 else 10
    fmt = str(rng.choice(["{a}-{b}", "{a}–{b}", "{a} to {b}"]))
    bands = [fmt.format(a=i * step, b=i * step + step - 1) for i in range(n - 1)]
    return bands + [f"{(n - 1) * step}+"]


def _pyramid_legend(c, rng: np.random.Generator, cols, names, below: bool = False) -> None:
    hs = [patches.Patch(color=col) for col in cols]
    if below:
        c.ax.legend(hs, names, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(names), frameon=False,
                    fontsize="x-small")
    else:
        c.ax.legend(hs, names, loc=str(rng.choice(["upper right", "upper left", "lower right"])), frameon=False,
                    fontsize="small")


@renderer("population_pyramid", "matplotlib-web-gutter")
def population_pyramid_gutter(rng: np.random.Generator):
    """News/D3 pyramid: men left, women right, age bands written in a central gutter, percent labels at the bar
    ends, side headers; sometimes each side split into stacked sub-segments."""
    with news_chart(rng, aspect=(0.7, 1.6)) as c:
        ax = c.ax
        n = int(rng.integers(8, 22))
        male, female = _pyramid_sides(rng, n)
        ages = _age_bands(rng, n)
        y = np.arange(n)
        m = float(max(male.max(), female.max()))
        gap = m * float(rng.uniform(0.22, 0.35))
        cm, cf = _SEX_COLORS[int(rng.integers(len(_SEX_COLORS)))]
        h = float(rng.uniform(0.65, 0.9))
        split = rng.random() < 0.35
        names = list(rng.choice([["Male", "Female"], ["Men", "Women"], ["Males", "Females"]]))
        if split:  # e.g. native / foreign-born: a darker inner segment on each side
            fm, ff = rng.uniform(0.55, 0.9, n), rng.uniform(0.55, 0.9, n)
            for side, v, f, col in ((-1, male, fm, cm), (1, female, ff, cf)):
                light = tuple(1 - (1 - x) * 0.45 for x in matplotlib.colors.to_rgb(col))
                ax.barh(y, side * v * f, left=side * gap, height=h, color=col, lw=0)
                ax.barh(y, side * v * (1 - f), left=side * (gap + v * f), height=h, color=light, lw=0)
            sub = list(rng.choice([["born in country", "born abroad"], ["urban", "rural"], ["citizens", "non-citizens"]]))
            _pyramid_legend(c, rng, [cm, tuple(1 - (1 - x) * 0.45 for x in matplotlib.colors.to_rgb(cm)), cf],
                            [f"{names[0]}, {sub[0]}", f"{names[0]}, {sub[1]}", f"{names[1]}, {sub[0]}"], below=True)
        else:
            ax.barh(y, -male, left=-gap, height=h, color=cm, lw=0)
            ax.barh(y, female, left=gap, height=h, color=cf, lw=0)
        grey = "#aaaaaa" if c.dark else "#555555"
        for yi, a in zip(y, ages):
            ax.text(0, yi, a, ha="center", va="center", fontsize="x-small", color=grey)
        if rng.random() < 0.75:
            fs = min(7.0, 130.0 / n)
            d = str(rng.choice(["{:.1f}%", "{:.2f}%", "{:.1f}"]))
            for yi, vm, vf in zip(y, male, female):
                ax.text(-gap - vm - m * 0.02, yi, d.format(vm), ha="right", va="center", fontsize=fs, color=grey)
                ax.text(gap + vf + m * 0.02, yi, d.format(vf), ha="left", va="center", fontsize=fs, color=grey)
        ax.text(-gap - m * 0.5, n - 0.1, names[0], ha="center", va="bottom", fontweight="bold", color=cm)
        ax.text(gap + m * 0.5, n - 0.1, names[1], ha="center", va="bottom", fontweight="bold", color=cf)
        ax.set_ylim(-0.7, n + 0.8)
        ax.set_xlim(-gap - m * 1.3, gap + m * 1.3)
        ax.set_yticks([])
        if rng.random() < 0.5:
            ticks = np.linspace(0, m, 4)[1:]
            ax.set_xticks(np.r_[-gap - ticks[::-1], gap + ticks])
            ax.set_xticklabels([f"{t:.1f}%" for t in np.r_[ticks[::-1], ticks]], fontsize="x-small")
        else:
            ax.set_xticks([])
        year = int(rng.integers(1950, 2051))
        title = (f"Population pyramid of {rng.choice(_COUNTRIES)}, {year}" if rng.random() < 0.7
                 else f"{rng.choice(_COUNTRIES)}: population by age and sex, {year}")
        news_look(c, grid="x" if rng.random() < 0.5 else None, title=title, p_subtitle=0.4)
        c.tags.append("gutter-split" if split else "gutter")
    return c.rendered


@renderer("population_pyramid", "matplotlib-web-outline")
def population_pyramid_outline(rng: np.random.Generator):
    """Many thin age bands with no gaps (5-year or single-year bars), male and female colours, and often the
    pyramid of another year overlaid as a step outline."""
    with news_chart(rng, aspect=(0.75, 1.7)) as c:
        ax = c.ax
        n = int(rng.integers(15, 22))
        male, female = _pyramid_sides(rng, n)
        tilt = 1 + float(rng.uniform(0.3, 1.2)) * np.linspace(0.5, -0.5, n)  # an earlier, younger population
        old_m, old_f = male * tilt * rng.normal(1, 0.05, n), female * tilt * rng.normal(1, 0.05, n)
        cm, cf = _SEX_COLORS[int(rng.integers(len(_SEX_COLORS)))]
        y = np.arange(n)
        ec = str(rng.choice(["none", "white"])) if not c.dark else "none"
        ax.barh(y, -male, height=1.0, color=cm, ec=ec, lw=0.4, alpha=float(rng.uniform(0.75, 1.0)))
        ax.barh(y, female, height=1.0, color=cf, ec=ec, lw=0.4, alpha=float(rng.uniform(0.75, 1.0)))
        year = int(rng.integers(2000, 2051))
        outline = rng.random() < 0.7
        ol = c.fg if rng.random() < 0.6 else "#444444"
        if outline:
            yy = np.r_[y - 0.5, n - 0.5]
            ax.step(-np.r_[old_m, old_m[-1]], yy, where="post", color=ol, lw=float(rng.uniform(0.8, 1.6)))
            ax.step(np.r_[old_f, old_f[-1]], yy, where="post", color=ol, lw=float(rng.uniform(0.8, 1.6)))
            old = year - int(rng.choice([20, 25, 30, 40, 50]))
            hs = [patches.Patch(color=cm), patches.Patch(color=cf), matplotlib.lines.Line2D([], [], color=ol)]
            ax.legend(hs, [f"Male {year}", f"Female {year}", str(old)], loc="upper right", frameon=False,
                      fontsize="small")
        else:
            _pyramid_legend(c, rng, [cm, cf], list(rng.choice([["Male", "Female"], ["Men", "Women"]])))
        ax.axvline(0, color=c.fg, lw=0.6)
        m = float(max(male.max(), female.max(), old_m.max(), old_f.max()) * 1.1)
        ax.set_xlim(-m, m)
        ax.set_ylim(-0.5, n - 0.5)
        ticks = matplotlib.ticker.MaxNLocator(6, symmetric=True).tick_values(-m, m)
        ax.set_xticks(ticks)
        ax.set_xticklabels([f"{abs(t):g}%" for t in ticks], fontsize="small")
        every = 2 if rng.random() < 0.4 else 1
        ax.set_yticks(y[::every])
        ax.set_yticklabels(_age_bands(rng, n)[::every], fontsize="x-small")
        if rng.random() < 0.5:
            ax.set_ylabel("Age", color="#888888")
        title = f"Population pyramid of {rng.choice(_COUNTRIES)}, {year}" if rng.random() < 0.6 else None
        news_look(c, grid="x", title=title, p_subtitle=0.5)
        c.tags.append("outline" if outline else "thin")
    return c.rendered


# ------------------------------------------------------------------------------------------ gantt (timelines)


def _staircase(rng: np.random.Generator, n: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Starts and durations of ``n`` tasks that mostly follow each other, some in parallel or overlapping."""
    starts, durs, t = [], [], 0.0
    for _ in range(n):
        d = float(rng.integers(lo, hi + 1))
        r = rng.random()
        s = t if r < 0.45 else (max(0.0, t - rng.uniform(0.2, 0.8) * d) if r < 0.8 else
                                (starts[-1] if starts else 0.0))
        starts.append(s)
        durs.append(d)
        t = max(t, s + d) if rng.random() < 0.7 else s + d
    return np.array(starts), np.array(durs)


@renderer("gantt", "matplotlib-timeline")
def gantt_timeline(rng: np.random.Generator):
    """Timeline-only gantt (no task table): bars on a date axis named inside or beside the bar, milestone
    diamonds, weekend shading, a dashed 'Today' line and elbow dependency arrows."""
    import matplotlib.dates as mdates

    with news_chart(rng, aspect=(1.3, 2.4)) as c:
        ax = c.ax
        n = int(rng.integers(5, 16))
        s, d = _staircase(rng, n, 2, 12)
        s0 = mdates.date2num(dt.date(int(rng.integers(2019, 2027)), int(rng.integers(1, 13)), int(rng.integers(1, 28))))
        s = s + s0
        end = float((s + d).max())
        names = _task_names(rng, n)
        by_phase = rng.random() < 0.5
        phase = np.minimum(np.arange(n) * int(rng.integers(2, 5)) // n, 9)
        h = float(rng.uniform(0.45, 0.7))
        days = np.arange(np.floor(s0) - 1, end + 3)
        if rng.random() < 0.75:
            wk = [x for x in days if mdates.num2date(x).weekday() >= 5]
            ax.bar(wk, n + 2, bottom=-1.5, width=1.0, align="edge", color="#333333" if c.dark else "#f0f0f0", lw=0,
                   zorder=0)
        for i in range(n):
            col = c.colors[phase[i] % len(c.colors)] if by_phase else c.colors[0]
            ax.barh(i, d[i], left=s[i], height=h, color=col, zorder=2, lw=0)
            inside = d[i] >= (end - s0) * 0.2
            ax.text(s[i] + 0.3 if inside else s[i] - 0.4, i, names[i][:26], ha="left" if inside else "right",
                    va="center", fontsize="x-small", color="white" if inside else c.fg, zorder=3)
        miles = int(rng.integers(0, 4))
        for k in range(miles):
            i = int(rng.integers(0, n))
            ax.plot(s[i] + d[i], i + 0.5, "D", color=str(rng.choice(["#d62728", c.fg, "#ffa600"])), ms=7, zorder=4)
            ax.text(s[i] + d[i] + 0.6, i + 0.5, str(rng.choice(["Release", "Sign-off", "Go live", "Beta", "M" + str(k + 1)])),
                    fontsize="x-small", va="center", color=c.fg)
        if rng.random() < 0.7:
            for i in range(1, n):
                j = i - 1
                if rng.random() < 0.6 and s[i] >= s[j] + d[j] - 0.01:
                    ax.annotate("", xy=(s[i], i - h / 2), xytext=(s[j] + d[j], j),
                                arrowprops=dict(arrowstyle="-|>", color="#888888", lw=0.8, shrinkA=0, shrinkB=0,
                                                connectionstyle="angle,angleA=0,angleB=90,rad=3"), zorder=1)
        if rng.random() < 0.75:
            today = s0 + float(rng.uniform(0.25, 0.75)) * (end - s0)
            ax.axvline(today, color="#e15759", lw=1.3, ls=str(rng.choice(["--", "-"])), zorder=5)
            ax.text(today, -0.9, "Today", color="#e15759", ha="center", va="bottom", fontsize="x-small")
        ax.set_xlim(s0 - (end - s0) * 0.28, end + (end - s0) * 0.12)
        ax.set_ylim(n - 0.3, -1.2)
        ax.xaxis_date()
        ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=0, interval=1 if end - s0 < 70 else 2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter(str(rng.choice(["%b %d", "%d %b", "%d/%m", "W%W"]))))
        ax.tick_params(axis="x", labelsize="x-small")
        top = rng.random() < 0.5
        if top:
            ax.xaxis.tick_top()
        ax.set_yticks([])
        news_look(c, grid="x")
        if top:
            c.fig.subplots_adjust(top=c.fig.subplotpars.top - 0.05)
        c.tags.append("timeline")
    return c.rendered


@renderer("gantt", "matplotlib-roadmap")
def gantt_roadmap(rng: np.random.Generator):
    """Product roadmap / swimlanes: lanes of rounded coloured bars with names inside, lane titles on the left,
    quarter headers (Q1..Q4) and month ticks on top, alternating lane shading."""
    with news_chart(rng, aspect=(1.4, 2.6)) as c:
        ax = c.ax
        lanes = int(rng.integers(2, 6))
        rows = [int(rng.integers(1, 4)) for _ in range(lanes)]
        n_rows = sum(rows)
        months = int(rng.choice([6, 12, 12, 12, 18, 24]))
        year = int(rng.integers(2020, 2028))
        lane_names = list(rng.choice(["Design", "Engineering", "Marketing", "Sales", "Platform", "Mobile", "Data",
                                      "Research", "Ops", "Legal", "Support", "Growth"], lanes, replace=False))
        fig_w, fig_h = c.fig.get_size_inches()
        aspect = (months / (fig_w * 0.75)) / ((n_rows + 1) / (fig_h * 0.6))
        row = 0
        for k in range(lanes):
            if k % 2 == 0:
                ax.axhspan(row - 0.5, row + rows[k] - 0.5, color="#2a2a2a" if c.dark else "#f4f4f4", lw=0, zorder=0)
            ax.axhline(row - 0.5, color="#888888", lw=0.6, zorder=1)
            col = c.colors[k % len(c.colors)]
            ax.text(-months * 0.02, row + rows[k] / 2 - 0.5, lane_names[k], ha="right", va="center",
                    fontweight="bold", fontsize="small", color=col if rng.random() < 0.5 else c.fg)
            m = int(rng.integers(rows[k], rows[k] * 3 + 1))
            s, d = _staircase(rng, m, 1, max(2, months // 3))
            s = s * months / max(float((s + d).max()), months) + float(rng.uniform(0, months * 0.15))
            free = np.zeros(rows[k])
            for si, di in zip(s, d):
                di = min(di, months - si)
                if di <= 0.3:
                    continue
                r = int(np.argmin(free))
                if free[r] > si + 0.05:  # no free row in this lane at that time
                    continue
                free[r] = si + di
                box = patches.FancyBboxPatch((si, row + r - 0.32), di, 0.64, mutation_aspect=1 / aspect,
                                             boxstyle=f"round,pad=0,rounding_size={min(0.3 * aspect, di / 2):.3f}",
                                             fc=col, ec="none", alpha=float(rng.uniform(0.75, 1.0)), zorder=2)
                ax.add_patch(box)
                ax.text(si + 0.15, row + r, _task_names(rng, 1)[0].split(" ")[0] + " " + text.words(rng, 1)[0],
                        fontsize="x-small", color="white", va="center", ha="left", zorder=3, clip_on=True)
            row += rows[k]
        ax.set_xlim(0, months)
        ax.set_ylim(n_rows - 0.5, -1.6)
        for q in range(0, months, 3):  # quarter headers
            ax.add_patch(patches.Rectangle((q + 0.05, -1.55), 2.9, 0.9, fc="#3a3a3a" if c.dark else "#e6e6e6",
                                           lw=0, zorder=1))
            ax.text(q + 1.5, -1.1, f"Q{q // 3 % 4 + 1}" + (f" {year + q // 12}" if months > 12 or rng.random() < 0.5
                                                          else ""),
                    ha="center", va="center", fontsize="small", fontweight="bold", color=c.fg)
            ax.axvline(q, color="#999999", lw=0.6, zorder=1)
        ax.set_xticks(np.arange(months) + 0.5)
        ax.set_xticklabels([dt.date(2000, m % 12 + 1, 1).strftime("%b")[:1 if months > 12 else 3]
                            for m in range(months)], fontsize="x-small")
        ax.xaxis.tick_top()
        ax.set_yticks([])
        news_look(c, grid=None)
        c.fig.subplots_adjust(left=0.17, top=c.fig.subplotpars.top - 0.05)
        c.tags.append("roadmap")
    return c.rendered
