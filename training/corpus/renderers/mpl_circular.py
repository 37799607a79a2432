"""Circular charts with matplotlib and pandas: pie, donut, radar, chord, sunburst, polar area, gauge."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.patches import PathPatch, Wedge
from matplotlib.path import Path

from training.corpus import text
from training.corpus.mpl_style import chart, fmt_pct, palette
from training.corpus.registry import renderer


def _shares(rng, n):
    v = rng.dirichlet(np.full(n, float(rng.uniform(0.6, 4))))
    v = np.maximum(v, 0.01)
    if rng.random() < 0.4:
        v = np.sort(v)[::-1]
    return v * float(rng.choice([1, 100, 1000, 5e4]))


def _slice_colors(c, rng, n):
    if rng.random() < 0.7:
        return [c.colors[i % len(c.colors)] for i in range(n)] if n <= len(c.colors) else palette(rng, n, "tab20")
    cm = matplotlib.colormaps[str(rng.choice(["Blues", "viridis", "Set3", "Pastel1", "tab20c", "Spectral", "plasma",
                                              "Greens", "coolwarm", "Paired"]))]
    return [cm(x) for x in np.linspace(0.15, 0.9, n)]


def _pie_like(rng, hole: float, library="matplotlib"):
    with chart(rng, aspect=(0.9, 1.8), themes=["default"] * 5 + ["ggplot", "darkmode", "dark_background",
                                                                  "fivethirtyeight", "excel", "seaborn-v0_8-white",
                                                                  "Solarize_Light2", "bmh", "grayscale"]) as c:
        n = int(rng.integers(2, 10))
        vals = _shares(rng, n)
        labels = text.categories(rng, n)
        cols = _slice_colors(c, rng, n)
        explode = None
        if rng.random() < 0.2:
            explode = [0.0] * n
            explode[int(rng.integers(0, n))] = float(rng.uniform(0.05, 0.2))
        label_mode = rng.integers(0, 4)  # 0 labels on slices, 1 legend, 2 none, 3 outside with leader lines
        edge = str(rng.choice(["white", "white", "none", "black"])) if hole == 0 else str(rng.choice(["white", "none"]))
        wedgeprops = {"edgecolor": edge, "linewidth": float(rng.uniform(0.5, 2.5))}
        if hole > 0:
            wedgeprops["width"] = 1 - hole
        pct = fmt_pct(rng)
        kw = dict(colors=cols, explode=explode, startangle=float(rng.choice([0, 90, 90, 140, 180])),
                  counterclock=bool(rng.random() < 0.5), wedgeprops=wedgeprops, shadow=bool(rng.random() < 0.05),
                  labels=labels if label_mode == 0 else None, autopct=pct,
                  pctdistance=(1 - (1 - hole) / 2) if hole > 0 else float(rng.uniform(0.55, 0.8)),
                  textprops={"fontsize": "small", "color": c.fg})
        if library == "pandas":
            s = pd.Series(vals, index=labels)
            kw.pop("colors")
            s.plot.pie(ax=c.ax, colors=cols, **{k: v for k, v in kw.items() if k != "labels"},
                       labels=labels if label_mode == 0 else None, ylabel="")
        else:
            wedges, *_ = c.ax.pie(vals, **kw)
            if label_mode == 3:  # labels outside with leader lines (the spreadsheet look)
                for wdg, lab, v in zip(wedges, labels, vals):
                    ang = np.radians((wdg.theta2 + wdg.theta1) / 2)
                    x, y = np.cos(ang), np.sin(ang)
                    c.ax.annotate(f"{lab} ({v / vals.sum() * 100:.0f}%)" if rng.random() < 0.5 else lab,
                                  xy=(x * wdg.r, y * wdg.r), xytext=(1.35 * np.sign(x), 1.3 * y),
                                  ha="left" if x > 0 else "right", va="center", fontsize="x-small", color=c.fg,
                                  arrowprops={"arrowstyle": "-", "color": "gray", "lw": 0.7,
                                              "connectionstyle": f"angle,angleA=0,angleB={np.degrees(ang):.0f}"})
        if hole > 0 and rng.random() < 0.5:
            c.ax.text(0, 0, str(rng.choice([f"{vals.sum():,.0f}", "Total", text.words(rng, 1)[0].capitalize(),
                                            f"{vals.max() / vals.sum() * 100:.0f}%"])),
                      ha="center", va="center", fontsize=float(rng.uniform(10, 20)), color=c.fg, fontweight="bold")
        if label_mode == 1:
            c.ax.legend(labels, loc=str(rng.choice(["center left", "upper right", "lower center", "best"])),
                        bbox_to_anchor=(1.0, 0.5) if rng.random() < 0.5 else None, fontsize="small",
                        frameon=bool(rng.random() < 0.5))
        c.ax.set_aspect("equal")
        c.set_title()
    return c.rendered


@renderer("pie", "matplotlib")
def pie_matplotlib(rng):
    return _pie_like(rng, 0.0)


@renderer("pie", "pandas")
def pie_pandas(rng):
    return _pie_like(rng, 0.0, "pandas")


@renderer("donut", "matplotlib")
def donut_matplotlib(rng):
    return _pie_like(rng, float(rng.uniform(0.35, 0.75)))


@renderer("donut", "matplotlib-circle")
def donut_circle(rng):
    """Pie with a white circle pasted in the middle (the common tutorial recipe), sometimes two rings."""
    with chart(rng, aspect=(0.9, 1.6)) as c:
        n = int(rng.integers(2, 8))
        vals = _shares(rng, n)
        labels = text.categories(rng, n)
        cols = _slice_colors(c, rng, n)
        c.ax.pie(vals, colors=cols, labels=labels if rng.random() < 0.6 else None, startangle=90,
                 autopct=fmt_pct(rng), pctdistance=0.8, wedgeprops={"edgecolor": "white", "linewidth": 1},
                 textprops={"fontsize": "small", "color": c.fg})
        from matplotlib.patches import Circle

        c.ax.add_artist(Circle((0, 0), float(rng.uniform(0.45, 0.7)), fc=c.bg))
        c.ax.set_aspect("equal")
        c.set_title()
    return c.rendered


@renderer("radar", "matplotlib")
def radar_matplotlib(rng):
    with chart(rng, projection="polar", aspect=(0.9, 1.5)) as c:
        d = int(rng.integers(4, 11))
        k = int(rng.choice([1, 1, 2, 2, 3, 4]))
        axes_names = [w.capitalize() for w in text.words(rng, d, non_english=0.05)] if rng.random() < 0.6 else \
            text.categories(rng, d)
        ang = np.linspace(0, 2 * np.pi, d, endpoint=False)
        angc = np.concatenate([ang, ang[:1]])
        names = text.categories(rng, k)
        top = float(rng.choice([1, 5, 10, 100]))
        fill = rng.random() < 0.75
        for j in range(k):
            v = rng.uniform(0.2, 1.0, d) * top
            vc = np.concatenate([v, v[:1]])
            col = c.colors[j % len(c.colors)]
            c.ax.plot(angc, vc, color=col, lw=float(rng.uniform(1, 2.5)), label=names[j],
                      marker="o" if rng.random() < 0.3 else "", ms=4)
            if fill:
                c.ax.fill(angc, vc, color=col, alpha=float(rng.uniform(0.1, 0.4)))
        c.ax.set_xticks(ang)
        c.ax.set_xticklabels(axes_names, fontsize="small")
        c.ax.set_ylim(0, top)
        if rng.random() < 0.5:
            c.ax.set_theta_offset(np.pi / 2)
            c.ax.set_theta_direction(-1)
        if rng.random() < 0.4:  # polygonal grid look: hide circular spine, draw polygons
            c.ax.spines["polar"].set_visible(False)
            c.ax.yaxis.grid(False)
            for r in np.linspace(top / 4, top, 4):
                c.ax.plot(angc, [r] * (d + 1), color="gray", lw=0.6, alpha=0.7)
        if rng.random() < 0.5:
            c.ax.set_yticklabels([])
        c.decorate(xlabel="", ylabel="", legend=k > 1 and rng.random() < 0.85, grid=None)
    return c.rendered


def _arc_ribbon(a0, a1, b0, b1, r=1.0):
    """A closed chord ribbon from arc [a0,a1] to arc [b0,b1] (radians) with quadratic beziers via the centre."""
    def arc(t0, t1):
        ts = np.linspace(t0, t1, 12)
        return [(r * np.cos(t), r * np.sin(t)) for t in ts]

    pa = arc(a0, a1)
    pb = arc(b0, b1)
    verts = [pa[0]] + pa[1:]
    codes = [Path.MOVETO] + [Path.LINETO] * (len(pa) - 1)
    verts += [(0, 0), pb[0]]
    codes += [Path.CURVE3, Path.CURVE3]
    verts += pb[1:]
    codes += [Path.LINETO] * (len(pb) - 1)
    verts += [(0, 0), pa[0]]
    codes += [Path.CURVE3, Path.CURVE3]
    return Path(verts, codes)


@renderer("chord", "matplotlib")
def chord_matplotlib(rng):
    with chart(rng, square=True, themes=["default"] * 4 + ["darkmode", "dark_background", "minimal", "ggplot"],
               tight=0.0) as c:
        n = int(rng.integers(3, 11))
        M = rng.gamma(1.0, 1.0, (n, n)) * (rng.random((n, n)) < float(rng.uniform(0.5, 1.0)))
        if rng.random() < 0.5:
            M = (M + M.T) / 2
        np.fill_diagonal(M, 0 if rng.random() < 0.7 else np.diag(M))
        M[M.sum(1) == 0, (np.argmax(M.sum(0)))] = 1.0
        row = M.sum(1)
        gap = float(rng.uniform(0.01, 0.06)) * 2 * np.pi
        total = 2 * np.pi - gap * n
        spans = row / row.sum() * total
        starts = np.concatenate([[0], np.cumsum(spans + gap)[:-1]]) + float(rng.uniform(0, 2 * np.pi))
        cols = _slice_colors(c, rng, n)
        names = text.categories(rng, n)
        width = float(rng.uniform(0.04, 0.12))
        # outer arcs
        for i in range(n):
            a0, a1 = np.degrees(starts[i]), np.degrees(starts[i] + spans[i])
            c.ax.add_patch(Wedge((0, 0), 1.0 + width, a0, a1, width=width, fc=cols[i], ec="none"))
            if rng.random() < 0.85:
                mid = starts[i] + spans[i] / 2
                rr = 1.0 + width + 0.08
                rot = np.degrees(mid) % 360
                c.ax.text(rr * np.cos(mid), rr * np.sin(mid), names[i], ha="left" if np.cos(mid) > 0 else "right",
                          va="center", fontsize="small", color=c.fg,
                          rotation=rot if rot < 90 or rot > 270 else rot - 180, rotation_mode="anchor")
        # ribbons: each source's arc is split among destinations proportional to M
        offsets = starts.copy()
        seg = {}
        for i in range(n):
            for j in range(n):
                w = M[i, j] / row[i] * spans[i]
                seg[(i, j)] = (offsets[i], offsets[i] + w)
                offsets[i] += w
        alpha = float(rng.uniform(0.45, 0.8))
        mono = rng.random() < 0.15
        if rng.random() < 0.3:  # outer scale ticks
            step = float(rng.choice([0.02, 0.04, 0.06]))
            for i in range(n):
                for t in np.arange(starts[i], starts[i] + spans[i], step * 2 * np.pi / 2):
                    r0 = 1.0 + width + 0.01
                    c.ax.plot([r0 * np.cos(t), (r0 + 0.03) * np.cos(t)], [r0 * np.sin(t), (r0 + 0.03) * np.sin(t)],
                              color=c.fg, lw=0.5)
        for i in range(n):
            for j in range(i, n):
                if M[i, j] <= 0 and M[j, i] <= 0:
                    continue
                a0, a1 = seg[(i, j)]
                b0, b1 = seg[(j, i)]
                if i == j:
                    b0, b1 = a1, a0
                p = _arc_ribbon(a0, a1, b0, b1)
                col = cols[i] if M[i, j] >= M[j, i] else cols[j]
                if mono:
                    col = cols[0]
                c.ax.add_patch(PathPatch(p, fc=col, ec=col if rng.random() < 0.5 else "none", alpha=alpha, lw=0.3))
        lim = 1.45 if rng.random() < 0.8 else 1.2
        c.ax.set_xlim(-lim, lim)
        c.ax.set_ylim(-lim, lim)
        c.ax.set_aspect("equal")
        c.ax.axis("off")
        c.set_title(0.4)
    return c.rendered


def _hierarchy(rng):
    n1 = int(rng.integers(2, 7))
    inner = _shares(rng, n1)
    outer = []
    for v in inner:
        m = int(rng.integers(1, 5))
        outer.append(rng.dirichlet(np.ones(m)) * v)
    return inner, outer


@renderer("sunburst", "matplotlib")
def sunburst_matplotlib(rng):
    with chart(rng, square=rng.random() < 0.5, aspect=(0.9, 1.5),
               themes=["default"] * 4 + ["darkmode", "minimal", "ggplot", "seaborn-v0_8-white"]) as c:
        inner, outer = _hierarchy(rng)
        levels = int(rng.choice([2, 3, 3]))
        n1 = len(inner)
        cmaps = ["Blues", "Oranges", "Greens", "Purples", "Reds", "Greys", "YlOrBr", "PuRd"]
        base = _slice_colors(c, rng, n1)
        ring_w = float(rng.uniform(0.22, 0.32))
        hole = float(rng.uniform(0.0, 0.35)) if rng.random() < 0.7 else 0.0
        r0 = hole + ring_w
        edge = {"edgecolor": c.bg if rng.random() < 0.8 else "black", "linewidth": float(rng.uniform(0.5, 2))}
        start = float(rng.choice([0, 90]))
        c.ax.pie(inner, radius=r0, colors=base, startangle=start, counterclock=False,
                 wedgeprops={"width": r0 - hole if hole > 0 else r0, **edge},
                 labels=text.categories(rng, n1) if rng.random() < 0.5 else None, labeldistance=0.55 if hole < 0.1
                 else 0.7, textprops={"fontsize": "x-small", "color": c.fg})
        flat, fcols = [], []
        shade = rng.random() < 0.5
        for i, sub in enumerate(outer):
            flat += list(sub)
            if shade:
                cm = matplotlib.colormaps[cmaps[i % len(cmaps)]]
                fcols += [cm(x) for x in np.linspace(0.4, 0.8, len(sub))]
            else:
                rgb = np.array(matplotlib.colors.to_rgb(base[i]))
                fcols += [tuple(np.clip(rgb + (1 - rgb) * f, 0, 1)) for f in np.linspace(0.15, 0.55, len(sub))]
        c.ax.pie(flat, radius=r0 + ring_w, colors=fcols, startangle=start, counterclock=False,
                 wedgeprops={"width": ring_w, **edge})
        if levels == 3:
            flat3, f3 = [], []
            ragged = rng.random() < 0.6
            for v, col in zip(flat, fcols):
                if ragged and rng.random() < 0.4:  # a leaf at level 2: nothing drawn outside it
                    flat3.append(v)
                    f3.append((0.0, 0.0, 0.0, 0.0))
                    continue
                m = int(rng.integers(1, 4))
                flat3 += list(rng.dirichlet(np.ones(m)) * v)
                rgb = np.array(matplotlib.colors.to_rgb(col))
                f3 += [tuple(np.clip(rgb + (1 - rgb) * f, 0, 1)) for f in np.linspace(0.2, 0.5, m)]
            wedges, *_ = c.ax.pie(flat3, radius=r0 + 2 * ring_w, colors=f3, startangle=start, counterclock=False,
                                  wedgeprops={"width": ring_w, **edge})
            for wdg, col in zip(wedges, f3):
                if len(col) == 4 and col[3] == 0.0:
                    wdg.set_edgecolor((0, 0, 0, 0))
        c.ax.set_aspect("equal")
        c.set_title()
    return c.rendered


@renderer("polar_area", "matplotlib")
def polar_area_matplotlib(rng):
    """Rose / coxcomb: equal angles, varying radius; sometimes stacked (Nightingale)."""
    with chart(rng, projection="polar", aspect=(0.9, 1.5)) as c:
        n = int(rng.choice([4, 6, 8, 12, 12, 16, 24]))
        theta = np.linspace(0, 2 * np.pi, n, endpoint=False)
        width = 2 * np.pi / n * float(rng.choice([1.0, 1.0, 0.95, 0.85]))
        k = int(rng.choice([1, 1, 1, 2, 3]))
        bottom = np.zeros(n)
        names = text.categories(rng, k)
        cm = matplotlib.colormaps[c.cmap]
        for j in range(k):
            r = rng.uniform(0.2, 1.0, n) * float(rng.choice([1, 10, 100]))
            if k == 1 and rng.random() < 0.5:
                cols = [cm(x) for x in r / r.max()]
            elif k == 1 and rng.random() < 0.5:
                cols = _slice_colors(c, rng, n)
            else:
                cols = c.colors[j % len(c.colors)]
            c.ax.bar(theta, r, width=width, bottom=bottom, color=cols, edgecolor=str(rng.choice(["white", "black",
                                                                                                  "none"])),
                     lw=0.6, alpha=float(rng.uniform(0.7, 1.0)), label=names[j], align="edge" if rng.random() < 0.5
                     else "center")
            bottom = bottom + r
        if rng.random() < 0.6:
            c.ax.set_xticks(theta)
            c.ax.set_xticklabels(text.categories(rng, n) if n <= 12 else
                                 [str(m) for m in ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW",
                                                   "WSW", "W", "WNW", "NW", "NNW"] * 2][:n], fontsize="small")
        if rng.random() < 0.5:
            c.ax.set_theta_zero_location("N")
            c.ax.set_theta_direction(-1)
        if rng.random() < 0.4:
            c.ax.set_yticklabels([])
        c.decorate(xlabel="", ylabel="", legend=k > 1, grid=None)
    return c.rendered


@renderer("polar_area", "matplotlib-circularbar")
def polar_area_circular_bar(rng):
    """Circular barplot: many thin bars around a hole (sometimes stacked), no radial grid clutter."""
    with chart(rng, projection="polar", square=rng.random() < 0.6, aspect=(0.9, 1.5),
               themes=["default"] * 4 + ["minimal", "darkmode", "seaborn-v0_8-white", "ggplot"]) as c:
        n = int(rng.integers(20, 90))
        k = int(rng.choice([1, 1, 2, 3]))
        theta = np.linspace(0, 2 * np.pi, n, endpoint=False)
        hole = float(rng.uniform(0.2, 1.0))
        width = 2 * np.pi / n * float(rng.uniform(0.6, 0.95))
        bottom = np.full(n, hole)
        cm = matplotlib.colormaps[c.cmap]
        groups = int(rng.integers(1, 5))
        gid = np.sort(rng.integers(0, groups, n))
        for j in range(k):
            r = rng.gamma(2, 0.5, n) * (1 + 0.5 * np.sin(theta * rng.uniform(1, 4)))
            if k == 1 and rng.random() < 0.5:
                cols = [cm(x) for x in r / r.max()]
            elif k == 1:
                cols = [c.colors[g % len(c.colors)] for g in gid]
            else:
                cols = c.colors[j % len(c.colors)]
            c.ax.bar(theta, r, width=width, bottom=bottom, color=cols, edgecolor="none")
            bottom = bottom + r
        c.ax.set_ylim(0, bottom.max() * 1.05)
        c.ax.set_yticks([])
        c.ax.set_xticks([])
        c.ax.spines["polar"].set_visible(rng.random() < 0.3)
        c.ax.grid(rng.random() < 0.3, alpha=0.4)
        if rng.random() < 0.6 and n <= 60:  # rotated labels just outside the bars
            names = text.categories(rng, n)
            for t, top, nm in zip(theta, bottom, names):
                deg = np.degrees(t)
                c.ax.text(t, top + bottom.max() * 0.03, nm, fontsize=float(rng.uniform(4, 6)), color=c.fg,
                          rotation=deg if deg <= 90 or deg >= 270 else deg - 180, rotation_mode="anchor",
                          ha="left" if deg <= 90 or deg >= 270 else "right", va="center")
        if rng.random() < 0.5:
            c.ax.text(0, 0, " ".join(text.words(rng, int(rng.integers(1, 3)))).title(), ha="center", va="center",
                      fontsize="small", color=c.fg)
        c.tags.append("circularbar")
        c.set_title(0.4)
    return c.rendered


@renderer("polar_area", "matplotlib-radialbar")
def polar_area_radial_bar(rng):
    """Radial bar chart: concentric bars whose angular length encodes the value."""
    with chart(rng, projection="polar", aspect=(0.9, 1.5)) as c:
        n = int(rng.integers(3, 10))
        vals = rng.uniform(0.15, 1.0, n)
        names = text.categories(rng, n)
        cols = _slice_colors(c, rng, n)
        inner = float(rng.uniform(0.5, 2.5))
        h = float(rng.uniform(0.55, 0.9))
        frac = float(rng.choice([1.0, 0.75, 0.75]))
        for i in range(n):
            if rng.random() < 0.3:
                c.ax.barh(inner + i, 2 * np.pi * frac, height=h, left=0, color="lightgray", alpha=0.35)
            c.ax.barh(inner + i, 2 * np.pi * frac * vals[i], height=h, left=0, color=cols[i], label=names[i])
        c.ax.set_theta_zero_location("N")
        c.ax.set_theta_direction(-1)
        c.ax.set_ylim(0, inner + n)
        c.ax.set_yticks([])
        if rng.random() < 0.5:
            c.ax.grid(False)
            c.ax.spines["polar"].set_visible(False)
            c.ax.set_xticks([])
        if rng.random() < 0.6:
            for i in range(n):
                c.ax.text(0, inner + i, f"{names[i]} ", ha="right", va="center", fontsize="x-small", color=c.fg)
        c.tags.append("radialbar")
        c.decorate(xlabel="", ylabel="", legend=rng.random() < 0.3, grid=None)
    return c.rendered


def _gauge(c, rng, cx: float, cy: float, style: str, sweep: float, small: bool = False) -> None:
    """One gauge centred at (cx, cy) with radius 1: a zoned dial with a needle, or a filled band."""
    value = float(rng.uniform(0, 1))
    lo, hi = 0.0, float(rng.choice([1, 10, 100, 100, 200, 1000, 8000]))
    a_start = 90 + sweep / 2  # degrees, value grows clockwise from a_start
    a_end = a_start - sweep
    r = 1.0
    w = float(rng.uniform(0.15, 0.4))
    if style == "dial":
        zones = int(rng.choice([3, 4, 5, 10]))
        zc = (["#2ca02c", "#ffdd57", "#d62728"] if zones == 3 else
              [matplotlib.colormaps[str(rng.choice(["RdYlGn_r", "RdYlGn", "viridis", "coolwarm", "Blues"]))](x)
               for x in np.linspace(0.05, 0.95, zones)])
        if rng.random() < 0.5:
            zc = zc[::-1]
        for i in range(zones):
            t0 = a_start - sweep * i / zones
            t1 = a_start - sweep * (i + 1) / zones
            c.ax.add_patch(Wedge((cx, cy), r, t1, t0, width=w, fc=zc[i], ec=c.bg, lw=1.5))
        ang = np.radians(a_start - sweep * value)
        nl = float(rng.uniform(0.7, 0.95))
        if rng.random() < 0.5:  # line needle
            c.ax.plot([cx, cx + nl * r * np.cos(ang)], [cy, cy + nl * r * np.sin(ang)], color=c.fg,
                      lw=float(rng.uniform(2, 4)), solid_capstyle="round")
        else:  # triangular needle
            perp = ang + np.pi / 2
            b = 0.05
            c.ax.add_patch(matplotlib.patches.Polygon(
                [(cx + b * np.cos(perp), cy + b * np.sin(perp)), (cx + nl * np.cos(ang), cy + nl * np.sin(ang)),
                 (cx - b * np.cos(perp), cy - b * np.sin(perp))], closed=True, fc=c.fg))
        c.ax.add_patch(matplotlib.patches.Circle((cx, cy), 0.06, fc=c.fg))
        if rng.random() < 0.7 and not small:  # tick labels
            for t in np.linspace(0, 1, int(rng.choice([3, 5, 6, 11]))):
                a = np.radians(a_start - sweep * t)
                c.ax.text(cx + 1.13 * r * np.cos(a), cy + 1.13 * r * np.sin(a), f"{lo + t * (hi - lo):g}",
                          ha="center", va="center", fontsize="x-small", color=c.fg)
    else:
        track = "#444444" if c.dark else str(rng.choice(["#e6e6e6", "#d9d9d9", "#eeeeee"]))
        c.ax.add_patch(Wedge((cx, cy), r, a_end, a_start, width=w, fc=track, ec="none"))
        col = c.colors[0] if rng.random() < 0.6 else matplotlib.colormaps["RdYlGn"](value)
        c.ax.add_patch(Wedge((cx, cy), r, a_start - sweep * value, a_start, width=w, fc=col, ec="none"))
        if rng.random() < 0.3:
            ang = np.radians(a_start - sweep * value)
            c.ax.plot([cx + 0.5 * r * np.cos(ang), cx + 1.05 * r * np.cos(ang)],
                      [cy + 0.5 * r * np.sin(ang), cy + 1.05 * r * np.sin(ang)], color=c.fg, lw=2)
        if rng.random() < 0.4 and not small:
            c.ax.text(cx - 0.8, cy - 0.12, f"{lo:g}", ha="center", fontsize="x-small", color=c.fg)
            c.ax.text(cx + 0.8, cy - 0.12, f"{hi:g}", ha="center", fontsize="x-small", color=c.fg)
    txt = f"{lo + value * (hi - lo):.0f}" if hi > 10 else f"{value * hi:.2f}"
    if rng.random() < 0.4:
        txt = f"{value * 100:.0f}%"
    ty = cy - 0.25 if style == "dial" else cy + (0.05 if sweep <= 180 else 0.0)
    c.ax.text(cx, ty, txt, ha="center", va="center", fontsize=float(rng.uniform(10, 16) if small else
                                                                    rng.uniform(14, 30)),
              color=c.fg, fontweight="bold")
    if rng.random() < 0.6 or small:
        c.ax.text(cx, cy - (0.55 if sweep > 180 else (0.47 if style == "dial" else 0.3)), " ".join(text.words(rng, int(rng.integers(1, 3)))).title(),
                  ha="center", va="center", fontsize="small", color=c.fg)


@renderer("gauge", "matplotlib")
def gauge_matplotlib(rng):
    """A dial with needle or a half-donut band; sometimes a row/grid of them (a KPI dashboard)."""
    multi = rng.random() < 0.25
    with chart(rng, aspect=(1.6, 3.2) if multi else (1.0, 2.0), tight=0.0,
               themes=["default"] * 4 + ["darkmode", "dark_background", "minimal", "seaborn-v0_8-white"]) as c:
        style = str(rng.choice(["dial", "band"]))
        sweep = float(rng.choice([180, 180, 180, 240, 270]))
        n = int(rng.integers(2, 5)) if multi else 1
        for k in range(n):
            _gauge(c, rng, k * 2.7, 0.0, style if rng.random() < 0.8 else str(rng.choice(["dial", "band"])), sweep,
                   small=multi)
        c.ax.set_xlim(-1.3, (n - 1) * 2.7 + 1.3)
        c.ax.set_ylim(-1.0 if sweep > 180 else -0.55, 1.3)
        c.ax.set_aspect("equal")
        c.ax.axis("off")
        c.set_title(0.5)
        c.tags += [style, f"{sweep:.0f}deg", f"x{n}"]
    return c.rendered


# ------------------------------------------------------------------ D3 / data-to-viz circular barplots


def _rim_labels(c, rng, theta, tops, names, pad: float, fs: float) -> None:
    """Bar names rotated along their angle just outside the bar tops, flipped on the left half."""
    for t, top, nm in zip(theta, tops, names):
        deg = np.degrees(t) % 360
        right = deg <= 90 or deg >= 270
        c.ax.text(t, top + pad, nm, fontsize=fs, color=c.fg, alpha=0.85, rotation=deg if right else deg - 180,
                  rotation_mode="anchor", ha="left" if right else "right", va="center")


def _group_slots(rng, groups: int, lo: int, hi: int, gap: int):
    """Angles of bars laid out group by group with ``gap`` empty slots after each group."""
    sizes = rng.integers(lo, hi + 1, groups)
    slots = int(sizes.sum()) + gap * groups
    pos, gid, first = [], [], []
    s = gap // 2 + 1
    for g, m in enumerate(sizes):
        first.append(s)
        pos += list(range(s, s + int(m)))
        gid += [g] * int(m)
        s += int(m) + gap
    step = 2 * np.pi / slots
    return np.array(pos) * step, np.array(gid), sizes, np.array(first) * step, step


def _polar_blank(c, rng, lo: float, hi: float) -> None:
    c.ax.set_ylim(lo, hi)
    c.ax.set_xticks([])
    c.ax.set_yticks([])
    c.ax.grid(False)
    c.ax.spines["polar"].set_visible(False)
    if rng.random() < 0.5:
        c.ax.set_theta_zero_location(str(rng.choice(["N", "E"])))
        c.ax.set_theta_direction(int(rng.choice([-1, 1])))


def _ref_arcs(c, rng, levels, a0: float, a1: float, labels: bool) -> None:
    """Faint reference arcs (or full circles) at ``levels``, with small value labels at angle ``a0``."""
    ts = np.linspace(a0, a1, 120)
    col = "#777777" if c.dark else "#b0b0b0"
    for lv in levels:
        c.ax.plot(ts, np.full_like(ts, lv), color=col, lw=0.5, alpha=0.8, zorder=0)
        if labels:
            c.ax.text(a0, lv, f"{lv:g}", fontsize=5, color=col, ha="right", va="center", fontweight="bold")


@renderer("polar_area", "matplotlib-grouped-circularbar")
def polar_area_grouped_circular(rng):
    """R-graph-gallery circular barplot: groups separated by empty slots, a baseline arc and group letter under
    each group, bar names rotated outside, a scale of faint arcs in the first gap."""
    with chart(rng, projection="polar", square=rng.random() < 0.7, aspect=(0.9, 1.4), tight=0.6,
               themes=["default"] * 6 + ["minimal", "darkmode", "seaborn-v0_8-white"]) as c:
        groups = int(rng.integers(3, 6))
        gap = int(rng.integers(2, 5))
        theta, gid, sizes, first, step = _group_slots(rng, groups, 4, 16, gap)
        n = len(theta)
        top = float(rng.choice([100, 100, 50, 1000]))
        vals = np.round(rng.uniform(0.1, 1.0, n) * top)
        if rng.random() < 0.4:  # each group sorted
            for g in range(groups):
                vals[gid == g] = np.sort(vals[gid == g])[:: int(rng.choice([1, -1]))]
        hole = top * float(rng.uniform(0.5, 1.1))
        alpha = float(rng.choice([0.5, 0.6, 0.85, 1.0]))
        cols = [c.colors[g % len(c.colors)] for g in gid]
        c.ax.bar(theta, vals, width=step * float(rng.uniform(0.8, 0.95)), color=cols, alpha=alpha,
                 edgecolor="none" if rng.random() < 0.6 else c.bg, lw=0.5, zorder=2)
        _polar_blank(c, rng, -hole, top * 1.45)
        if rng.random() < 0.85:  # scale arcs in the first gap
            a1 = first[0] - step * 0.6
            _ref_arcs(c, rng, np.linspace(0, top, 5)[1:], a1 - step * (gap - 0.4), a1, labels=True)
        grey = "#999999" if c.dark else "#555555"
        letters = [chr(65 + g) for g in range(groups)] if rng.random() < 0.7 else text.categories(rng, groups)
        base = -top * float(rng.uniform(0.03, 0.08))
        full_circle = rng.random() < 0.35
        if full_circle:
            ts = np.linspace(0, 2 * np.pi, 200)
            c.ax.plot(ts, np.full_like(ts, base), color=grey, lw=0.8)
        for g in range(groups):
            a0 = first[g] - step / 2
            a1 = a0 + sizes[g] * step
            if not full_circle:
                ts = np.linspace(a0 + step * 0.1, a1 - step * 0.1, 40)
                c.ax.plot(ts, np.full_like(ts, base), color=grey, lw=float(rng.uniform(0.8, 1.6)))
            c.ax.text((a0 + a1) / 2, base - top * 0.18, letters[g], ha="center", va="center", color=grey,
                      fontsize=float(rng.uniform(6, 9)), fontweight="bold")
        if rng.random() < 0.85:
            names = text.categories(rng, n) if rng.random() < 0.5 else [f"{text.words(rng, 1)[0][:7]} {i + 1}"
                                                                        for i in range(n)]
            _rim_labels(c, rng, theta, vals, names, top * 0.04, float(rng.uniform(4, 6.5)))
        c.tags.append("grouped-circularbar")
        c.set_title(0.5)
    return c.rendered


@renderer("polar_area", "matplotlib-stacked-circularbar")
def polar_area_stacked_circular(rng):
    """Stacked circular barplot (data-to-viz): 40-100 bars in groups, 3-4 stacked levels in distinct colours,
    faint concentric reference circles with small value labels, level legend."""
    with chart(rng, projection="polar", square=rng.random() < 0.6, aspect=(0.9, 1.5), tight=0.6,
               themes=["default"] * 6 + ["minimal", "darkmode", "seaborn-v0_8-white"]) as c:
        groups = int(rng.integers(1, 6))
        gap = int(rng.integers(2, 4)) if groups > 1 else int(rng.integers(3, 6))
        theta, gid, sizes, first, step = _group_slots(rng, groups, max(8, 40 // groups), max(10, 100 // groups),
                                                      gap)
        n = len(theta)
        k = int(rng.choice([3, 4, 4]))
        unit = float(rng.choice([1, 10, 10, 100]))
        vals = np.round(rng.gamma(float(rng.uniform(1.5, 4)), 1, (k, n)) * unit * rng.uniform(0.3, 1.3, n))
        if rng.random() < 0.5:  # bars ordered by total within each group
            order = np.concatenate([np.where(gid == g)[0][np.argsort(vals[:, gid == g].sum(0))] for g in range(groups)])
            vals = vals[:, order]
        if rng.random() < 0.6:
            cm = matplotlib.colormaps[str(rng.choice(["viridis", "plasma", "Set2", "tab10", "Dark2", "cividis"]))]
            cols = [cm(x) for x in np.linspace(0.05, 0.85, k)]
        else:
            cols = c.colors[:k]
        names = list(rng.choice([["Level 1", "Level 2", "Level 3", "Level 4"], ["low", "medium", "high", "very high"],
                                 text.categories(rng, 4)]))
        bottom = np.zeros(n)
        ec = str(rng.choice(["none", "white"])) if not c.dark else "none"
        for j in range(k):
            c.ax.bar(theta, vals[j], bottom=bottom, width=step * float(rng.uniform(0.85, 1.0)), color=cols[j],
                     edgecolor=ec, lw=0.3, alpha=float(rng.uniform(0.85, 1.0)), label=names[j], zorder=2)
            bottom = bottom + vals[j]
        top = float(bottom.max())
        tick = float(10 ** np.floor(np.log10(top / 2)))
        tick *= 2 if top / tick > 6 else 1
        levels = np.arange(0, top * 1.01, tick)
        hole = top * float(rng.uniform(0.3, 0.9))
        _polar_blank(c, rng, -hole, top * (1.45 if n <= 70 else 1.15))
        if rng.random() < 0.5 and groups > 1:  # arcs only in the gaps, labelled there
            for g in range(groups):
                a1 = first[g] - step * 0.6
                _ref_arcs(c, rng, levels, a1 - step * (gap - 0.6), a1, labels=g == 0)
        else:
            ts = np.linspace(0, 2 * np.pi, 240)
            col = "#666666" if c.dark else "#cccccc"
            for lv in levels:
                c.ax.plot(ts, np.full_like(ts, lv), color=col, lw=0.5, zorder=1)
                c.ax.text(first[0] - step * 1.2, lv, f"{lv:g}", fontsize=5, color=col, ha="center", va="bottom",
                          zorder=3)
        if rng.random() < 0.6 and n <= 70:
            _rim_labels(c, rng, theta, bottom, [f"{text.words(rng, 1)[0][:6]} {i + 1}" for i in range(n)],
                        top * 0.03, float(rng.uniform(3.5, 5)))
        if groups > 1 and rng.random() < 0.7:
            for g in range(groups):
                c.ax.text(first[g] + (sizes[g] - 1) * step / 2, -top * 0.12, chr(65 + g), ha="center", va="center",
                          fontsize="small", fontweight="bold", color=c.fg)
        if rng.random() < 0.75:
            loc, anchor = [("upper left", (1.0, 1.0)), ("upper center", (0.5, -0.02)), ("center left", (1.0, 0.5)),
                           ("upper left", (-0.1, 1.08))][int(rng.integers(4))]
            c.ax.legend(loc=loc, bbox_to_anchor=anchor, fontsize="x-small", frameon=False,
                        ncol=k if loc == "upper center" else 1)
        c.tags.append("stacked-circularbar")
        c.set_title(0.5)
    return c.rendered


@renderer("polar_area", "matplotlib-nightingale-overlay")
def polar_area_overlay_rose(rng):
    """Nightingale coxcomb with 2-3 series overlaid (not stacked) in translucent light colours over a light
    ring grid; a few wedges, month or category spokes."""
    with chart(rng, projection="polar", square=rng.random() < 0.6, aspect=(0.9, 1.5),
               themes=["default"] * 5 + ["minimal", "seaborn-v0_8-white", "Solarize_Light2", "darkmode"]) as c:
        n = int(rng.choice([5, 6, 7, 8, 10, 12, 12]))
        k = int(rng.choice([2, 2, 3]))
        theta = np.arange(n) * 2 * np.pi / n
        base = rng.gamma(2.0, 1.0, n)
        vals = np.array([base * rng.uniform(0.3, 1.6, n) * rng.uniform(0.4, 1.0) for _ in range(k)])
        vals *= float(rng.choice([1, 10, 100, 1000]))
        rad = np.sqrt(vals) if rng.random() < 0.5 else vals
        pal = list(rng.choice([["#a6cee3", "#fb9a99", "#b2df8a"], ["#8dd3c7", "#bebada", "#fb8072"],
                               ["#c6dbef", "#fdd0a2", "#c7e9c0"], ["#f4a582", "#92c5de", "#cccccc"],
                               [c.colors[0], c.colors[1], c.colors[2]]]))
        names = list(rng.choice([["Zymotic diseases", "Wounds & injuries", "All other causes"],
                                 text.categories(rng, 3)]))
        order = np.argsort(-rad.sum(1))  # biggest series at the back
        alpha = float(rng.uniform(0.35, 0.65))
        width = 2 * np.pi / n * float(rng.choice([1.0, 1.0, 0.96]))
        for j in order:
            col = matplotlib.colors.to_rgb(pal[j])
            c.ax.bar(theta, rad[j], width=width, color=col, alpha=alpha, label=names[j], zorder=2,
                     edgecolor=tuple(x * 0.7 for x in col), lw=float(rng.uniform(0.4, 1.0)),
                     align=str(rng.choice(["edge", "center"])))
        c.ax.set_theta_zero_location(str(rng.choice(["N", "W", "E"])))
        c.ax.set_theta_direction(int(rng.choice([-1, 1])))
        c.ax.set_xticks(theta)
        months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        start = int(rng.integers(0, 12))
        spokes = [months[(start + i) % 12] for i in range(n)] if rng.random() < 0.6 else text.categories(rng, n)
        c.ax.set_xticklabels(spokes, fontsize="small", color=c.fg)
        c.ax.grid(True, color="#555555" if c.dark else str(rng.choice(["#dddddd", "#e6e6e6", "#cfcfcf"])), lw=0.7)
        c.ax.set_rlabel_position(float(rng.uniform(0, 360)))
        c.ax.tick_params(axis="y", labelsize=6, colors="#999999")
        if rng.random() < 0.4:
            c.ax.set_yticklabels([])
        c.ax.spines["polar"].set_visible(rng.random() < 0.4)
        c.ax.spines["polar"].set_color("#cccccc")
        c.decorate(xlabel="", ylabel="", legend=rng.random() < 0.85, grid=None)
        c.tags.append("overlay")
    return c.rendered
