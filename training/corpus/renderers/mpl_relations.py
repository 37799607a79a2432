"""Relation charts drawn by hand with matplotlib: parallel coordinates in D3/Observable looks with one scale
per axis (vertical and horizontal orientation) and wide pandas/seaborn-like ones with many rotated axes;
venn (classic 2/3/4-set diagrams with labelled regions, proportional/nested Euler circles); sankey
(ggalluvial-style alluvial stages, multi-stage energy/budget flows left to right or top to bottom); chord (D3 chord
diagrams with value ticks, circos-style rings with many thin links)."""

from __future__ import annotations

from itertools import pairwise

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, Ellipse, PathPatch, Rectangle, Wedge
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator

from training.corpus import text
from training.corpus.mpl_style import DIV_CMAPS, SEQ_CMAPS, chart, palette
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.mpl_circular import _arc_ribbon
from training.corpus.renderers.mpl_misc import _band

_LIGHT_DARK = ["default"] * 5 + ["minimal", "seaborn-v0_8-white", "darkmode", "dark_background"]


def _fmt(v: float) -> str:
    """A short number: 1234 -> 1.2k, 0.5 -> 0.5, 2e6 -> 2M."""
    a = abs(v)
    for div, suf in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if a >= div:
            return f"{v / div:.3g}{suf}"
    return f"{v:.3g}"


def _names(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct capitalised variable names, sometimes with a unit."""
    out = list(dict.fromkeys(w.capitalize() for w in text.words(rng, n + 8, non_english=0)))[:n]
    while len(out) < n:
        out.append(f"Var {len(out) + 1}")
    units = ["(kg)", "(%)", "(s)", "(mpg)", "(cm)", "($)", "(hp)", "(°C)"]
    return [f"{w} {rng.choice(units)}" if rng.random() < 0.2 else w for w in out]


# ------------------------------------------------------------------------------------------- parallel coords


def _pc_data(rng: np.random.Generator, n: int, d: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` rows x ``d`` columns of clustered values, each column on its own scale, and each row's class."""
    g = rng.integers(0, k, n)
    z = rng.normal(0, 1, (k, d))[g] + rng.normal(0, float(rng.uniform(0.3, 0.9)), (n, d))
    scales = 10.0 ** rng.integers(-1, 4, d)
    return rng.uniform(0, 6, d) * scales + z * scales, g


def _pc_scales(rng: np.random.Generator, vals: np.ndarray, g: np.ndarray, n_cat: int
               ) -> tuple[np.ndarray, list[list[tuple[float, str]]]]:
    """Each column mapped to [0, 1] with its own (nice) ticks; the first ``n_cat`` columns become categorical."""
    n, d = vals.shape
    norm = np.empty_like(vals)
    ticks: list[list[tuple[float, str]]] = []
    nice = rng.random() < 0.6
    for j in range(d):
        if j < n_cat:  # categorical: the class itself or a coarse binning, levels evenly spaced
            m = int(rng.integers(2, 6))
            cuts = np.quantile(vals[:, j], np.linspace(0, 1, m + 1)[1:-1])
            level = g % m if rng.random() < 0.5 else np.digitize(vals[:, j], cuts)
            names = text.categories(rng, m)
            norm[:, j] = (level + 0.5) / m + rng.normal(0, 0.06 / m, n)
            ticks.append([((i + 0.5) / m, names[i]) for i in range(m)])
            continue
        lo, hi = float(vals[:, j].min()), float(vals[:, j].max())
        tv = MaxNLocator(int(rng.integers(4, 9))).tick_values(lo, hi)
        if nice:
            lo, hi = float(tv[0]), float(tv[-1])
        tv = tv[(tv >= lo - 1e-9) & (tv <= hi + 1e-9)]
        norm[:, j] = (vals[:, j] - lo) / (hi - lo)
        ticks.append([((t - lo) / (hi - lo), _fmt(float(t))) for t in tv])
    return norm, ticks


def _pc_segments(norm: np.ndarray, smooth: bool, horizontal: bool) -> list[np.ndarray]:
    """One polyline per row through the axes at 0..d-1 (cosine-eased curves when ``smooth``)."""
    n, d = norm.shape
    if smooth:
        t = np.linspace(0, 1, 9)[:-1]
        ease = (1 - np.cos(np.pi * t)) / 2
        xs = np.concatenate([j + t for j in range(d - 1)] + [[d - 1]])
        ys = np.concatenate([norm[:, [j]] + (norm[:, [j + 1]] - norm[:, [j]]) * ease for j in range(d - 1)]
                            + [norm[:, [d - 1]]], axis=1)
    else:
        xs, ys = np.arange(d, dtype=float), norm
    pts = np.stack([np.broadcast_to(xs, ys.shape), ys], axis=-1)
    return list(pts[..., ::-1] if horizontal else pts)


def _pc_axes(c, rng: np.random.Generator, ticks: list, names: list[str], horizontal: bool, rotate: float) -> None:
    """Draw one axis line per dimension with its own tick labels and its name at the end."""
    fg = c.fg
    room = c.fig.get_size_inches()[1 if horizontal else 0] * 72 * 0.85 / len(names)  # points per axis
    base = matplotlib.rcParams["font.size"]
    fs = max(0.6 * base, min(float(rng.uniform(0.65, 0.9)) * base,
             room / (0.62 * max(len(lab) for tk in ticks for _, lab in tk) + 2) if not horizontal else room / 2.5))
    if horizontal:  # names sit in the left margin (18% of the width)
        room = c.fig.get_size_inches()[0] * 72 * 0.17
    name_fs = min(fs * 1.1, room / (0.62 * max(map(len, names))))
    tick_side = -1 if rng.random() < 0.75 else 1
    for j, (tk, nm) in enumerate(zip(ticks, names)):
        line = ([j, j], [0, 1]) if not horizontal else ([0, 1], [j, j])
        c.ax.plot(*line, color=fg, lw=1.0, zorder=3)
        for pos, lab in tk:
            a, b = (j, pos) if not horizontal else (pos, j)
            dx, dy = (0.04 * tick_side, 0) if not horizontal else (0, -0.07 * tick_side)
            c.ax.plot([a, a + dx], [b, b + dy], color=fg, lw=0.8, zorder=3)
            c.ax.text(a + 2.2 * dx, b + 2 * dy, lab, fontsize=fs, color=fg, zorder=4,
                      ha=("right" if tick_side < 0 else "left") if not horizontal else "center",
                      va="center" if not horizontal else ("top" if tick_side < 0 else "bottom"),
                      bbox=dict(fc=c.bg, ec="none", alpha=0.6, pad=0.3) if rng.random() < 0.3 else None)
        if not horizontal:
            c.ax.text(j, 1.04 if rotate == 0 else -0.04, nm, ha="center" if rotate == 0 else "right",
                      va="bottom" if rotate == 0 else "top", rotation=rotate, rotation_mode="anchor",
                      fontweight="bold", color=fg, fontsize=name_fs)
        else:
            c.ax.text(-0.03, j, nm, ha="right", va="center", fontweight="bold", color=fg, fontsize=name_fs)


def _pc_color(c, rng: np.random.Generator, norm: np.ndarray, ticks: list, names_ax: list[str], g: np.ndarray,
              k: int, legend_ok: bool = True) -> list:
    """Per-row colours by class (with a legend), by a colormap of one axis (with a colorbar), or one highlighted
    class over grey context lines."""
    mode = str(rng.choice(["class", "class", "cmap", "highlight"]))
    if mode == "cmap":
        j = int(rng.integers(norm.shape[1]))
        cm = matplotlib.colormaps[str(rng.choice(SEQ_CMAPS + DIV_CMAPS))]
        if rng.random() < 0.7:
            sm = matplotlib.cm.ScalarMappable(matplotlib.colors.Normalize(0, 1), cmap=cm)
            cb = c.fig.colorbar(sm, ax=c.ax, fraction=0.04, pad=0.03)
            cb.set_ticks([t for t, _ in ticks[j]])
            cb.set_ticklabels([lab for _, lab in ticks[j]])
            cb.set_label(names_ax[j])
            cb.outline.set_visible(False)
        return [cm(v) for v in norm[:, j]]
    from matplotlib.lines import Line2D

    names = text.categories(rng, k)
    if mode == "highlight":
        grey = "#555555" if c.dark else "#c8c8c8"
        hi = c.colors[int(rng.integers(len(c.colors)))]
        handles, labels = [Line2D([], [], color=hi, lw=2), Line2D([], [], color=grey, lw=2)], [names[0], "Other"]
        cols = [hi if gi == 0 else grey for gi in g]
    else:
        handles = [Line2D([], [], color=c.colors[i % len(c.colors)], lw=2) for i in range(k)]
        labels, cols = names, [c.colors[gi % len(c.colors)] for gi in g]
    if legend_ok and rng.random() < 0.75:
        outside = rng.random() < 0.5
        c.ax.legend(handles, labels, fontsize="small", frameon=bool(rng.random() < 0.5),
                    title=text.words(rng, 1)[0].capitalize() if rng.random() < 0.3 else None,
                    **({"loc": "upper left", "bbox_to_anchor": (1.02, 1.0)} if outside else
                       {"loc": "lower center", "bbox_to_anchor": (0.5, 1.08), "ncol": len(labels)}))
    return cols


def _pc_lines(c, rng: np.random.Generator, norm: np.ndarray, cols: list, g: np.ndarray, horizontal: bool) -> None:
    """Thin translucent polylines, highlighted/coloured ones on top of grey ones."""
    smooth = rng.random() < 0.3
    segs = _pc_segments(norm, smooth, horizontal)
    n = len(segs)
    alpha = float(np.clip(rng.uniform(8, 40) / np.sqrt(n), 0.12, 0.8))
    order = np.argsort(g == 0, kind="stable")  # class 0 last (the highlighted one)
    lw = float(rng.uniform(0.5, 1.4))
    c.ax.add_collection(LineCollection([segs[i] for i in order], colors=[cols[i] for i in order], lw=lw,
                                       alpha=alpha, zorder=2))


def _parallel_axes(rng: np.random.Generator, horizontal: bool, aspect: tuple[float, float], dims: tuple[int, int],
                   classes: tuple[int, int], rows: list[int], categorical: list[int]) -> Rendered:
    """Parallel coordinates with one scaled axis per dimension (vertical, or stacked top to bottom when
    ``horizontal``); ``dims``/``classes`` are integer ranges, ``rows``/``categorical`` choices."""
    with chart(rng, aspect=aspect, themes=_LIGHT_DARK, tight=0.0) as c:
        d = int(rng.integers(*dims))
        k = int(rng.integers(*classes))
        vals, g = _pc_data(rng, int(rng.choice(rows)), d, k)
        norm, ticks = _pc_scales(rng, vals, g, int(rng.choice(categorical)))
        names = _names(rng, d)
        cols = _pc_color(c, rng, norm, ticks, names, g, k)
        _pc_lines(c, rng, norm, cols, g, horizontal)
        _pc_axes(c, rng, ticks, names, horizontal, 0)
        if horizontal:
            c.ax.set_ylim(d - 0.6, -0.5)
            c.ax.set_xlim(-0.03, 1.03)
        else:
            c.ax.set_xlim(-0.45, d - 0.6)
            c.ax.set_ylim(-0.04, 1.12)
        c.ax.axis("off")
        c.set_title(0.5)
        side = c.ax.get_legend() is not None or len(c.fig.axes) > 1  # legend or colorbar
        if horizontal:
            c.fig.subplots_adjust(left=0.2, right=0.8 if side else 0.96, top=0.88, bottom=0.05)
        else:
            c.fig.subplots_adjust(left=0.04, right=0.82 if side else 0.97, top=0.88, bottom=0.04)
    return c.rendered


@renderer("parallel_coordinates", "matplotlib-d3")
def parallel_coordinates_d3(rng: np.random.Generator) -> Rendered:
    """D3/Observable parallel coordinates: one vertical axis per dimension with its own ticks, names on top,
    many thin translucent lines by class, by a colormap (colorbar) or one highlighted group; some axes
    categorical, sometimes smooth curves."""
    return _parallel_axes(rng, False, (1.2, 2.6), (3, 9), (2, 6), [30, 80, 200, 400], [0, 0, 1, 2])


@renderer("parallel_coordinates", "matplotlib-horizontal")
def parallel_coordinates_horizontal(rng: np.random.Generator) -> Rendered:
    """Parallel coordinates turned sideways: horizontal axes stacked top to bottom, each with its own scale,
    polylines running down between them."""
    return _parallel_axes(rng, True, (0.8, 1.8), (3, 8), (2, 5), [30, 80, 200], [0, 0, 1])


@renderer("parallel_coordinates", "matplotlib-many-axes")
def parallel_coordinates_many(rng: np.random.Generator) -> Rendered:
    """Wide pandas/seaborn-like parallel coordinates: 8-20 standardised variables on a shared value axis with
    vertical axis lines, rotated names, class colours with a legend and sometimes bold class means."""
    with chart(rng, aspect=(1.5, 3.0), tight=0.9) as c:
        d = int(rng.integers(8, 21))
        k = int(rng.integers(2, 5))
        vals, g = _pc_data(rng, int(rng.choice([40, 100, 250])), d, k)
        scale = str(rng.choice(["z", "minmax", "raw"]))
        if scale == "z":
            vals = (vals - vals.mean(0)) / vals.std(0)
        elif scale == "minmax":
            vals = (vals - vals.min(0)) / np.ptp(vals, axis=0)
        else:
            vals = vals / 10.0 ** np.floor(np.log10(np.abs(vals).max(0)))
        names = _names(rng, d)
        labels = text.categories(rng, k)
        alpha = float(rng.uniform(0.15, 0.5))
        segs = [np.column_stack([np.arange(d), v]) for v in vals]
        c.ax.add_collection(LineCollection(segs, colors=[c.colors[i % len(c.colors)] for i in g], lw=0.8,
                                           alpha=alpha))
        for i in range(k):
            c.ax.plot([], [], color=c.colors[i % len(c.colors)], lw=2, label=labels[i])
            if rng.random() < 0.4 and (g == i).any():
                c.ax.plot(np.arange(d), vals[g == i].mean(0), color=c.colors[i % len(c.colors)], lw=2.5)
        for j in range(d):
            c.ax.axvline(j, color=c.fg, lw=0.8, alpha=0.8)
        c.ax.set_xticks(range(d))
        rot = float(rng.choice([30, 45, 60, 90]))
        c.ax.set_xticklabels(names, rotation=rot, ha="right" if rot < 90 else "center")
        c.ax.set_xlim(-0.2, d - 0.8)
        c.ax.autoscale(axis="y")
        c.decorate(xlabel="", ylabel={"z": "Standardised value", "minmax": "", "raw": None}[scale], grid=None)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- venn

# 4-set Venn: four rotated ellipses (cx, cy, width, height, angle) in a unit square, and where each set's name goes
_VENN4 = [(0.350, 0.400, 0.72, 0.45, 140.0), (0.450, 0.500, 0.72, 0.45, 140.0),
          (0.544, 0.500, 0.72, 0.45, 40.0), (0.644, 0.400, 0.72, 0.45, 40.0)]
_VENN4_LABELS = [(0.06, 0.76), (0.22, 0.93), (0.78, 0.93), (0.94, 0.76)]


def _venn_shapes(rng: np.random.Generator, k: int) -> tuple[list[tuple], list[tuple[float, float]]]:
    """Shapes (cx, cy, w, h, angle) of a classic 2/3/4-set diagram and a set-label position outside each."""
    if k == 4:
        return [(x - 0.5, y - 0.47, w, h, a) for x, y, w, h, a in _VENN4], \
            [(x - 0.5, y - 0.47) for x, y in _VENN4_LABELS]
    r = 0.3
    d = float(rng.uniform(0.5, 0.75)) * r
    if k == 2:
        centers = [(-d, 0.0), (d, 0.0)]
    else:
        centers = [(d * np.cos(a), d * np.sin(a)) for a in np.radians([150, 30, 270])]
    ellipse = k == 2 and rng.random() < 0.3  # two tilted ellipses instead of circles
    shapes = [(x, y, 2 * r * (1.25 if ellipse else 1), 2 * r, (30 if x < 0 else -30) if ellipse else 0)
              for x, y in centers]
    labels = []
    for x, y in centers:
        u = np.array([x, y]) / np.hypot(x, y)
        if k == 2 and rng.random() < 0.5:  # names above the circles
            labels.append((x, r * 1.2))
        else:
            labels.append(tuple(np.array([x, y]) + u * r * 1.25))
    return shapes, labels


def _venn_region_spots(shapes: list[tuple], res: int = 160) -> dict[tuple, tuple[float, float]]:
    """For every non-empty combination of shape memberships, the point deepest inside that region."""
    from scipy.ndimage import distance_transform_edt

    xs = np.linspace(-0.6, 0.6, res)
    xx, yy = np.meshgrid(xs, xs)
    inside = []
    for cx, cy, w, h, ang in shapes:
        t = np.radians(ang)
        dx, dy = xx - cx, yy - cy
        u, v = dx * np.cos(t) + dy * np.sin(t), -dx * np.sin(t) + dy * np.cos(t)
        inside.append((u / (w / 2)) ** 2 + (v / (h / 2)) ** 2 <= 1)
    code = sum(m.astype(int) << i for i, m in enumerate(inside))
    spots = {}
    for val in range(1, 2 ** len(shapes)):
        mask = code == val
        if mask.sum() < 4:
            continue
        dist = distance_transform_edt(np.pad(mask, 1))[1:-1, 1:-1]
        iy, ix = np.unravel_index(int(np.argmax(dist)), dist.shape)
        spots[tuple(bool(val >> i & 1) for i in range(len(shapes)))] = (float(xs[ix]), float(xs[iy]))
    return spots


def _frame(c, half: tuple, p_no_title: float, top: float) -> None:
    """Equal-aspect axes spanning ±``half`` (x, y) without axis lines; a random title (none with
    probability ``p_no_title``) gets the figure's top margin down to ``top``."""
    c.ax.set_xlim(-half[0], half[0])
    c.ax.set_ylim(-half[1], half[1])
    c.ax.set_aspect("equal")
    c.ax.axis("off")
    c.set_title(p_no_title)
    c.fig.subplots_adjust(0.02, 0.02, 0.98, top if c.ax.get_title() else 0.98)


@renderer("venn", "matplotlib-regions")
def venn_regions(rng: np.random.Generator) -> Rendered:
    """Classic 2/3/4-set Venn (circles, tilted ellipses, or four rotated ellipses): translucent, outline-only
    or flat bold infographic fills, set names outside and counts, percentages or item words in every region."""
    themes = ["default"] * 5 + ["minimal", "seaborn-v0_8-white", "darkmode", "dark_background"]
    with chart(rng, aspect=(0.9, 1.6), themes=themes, tight=0.0) as c:
        k = int(rng.choice([2, 2, 3, 3, 3, 4, 4]))
        shapes, label_pos = _venn_shapes(rng, k)
        style = str(rng.choice(["translucent", "translucent", "outline", "flat"]))
        cols = [c.colors[i % len(c.colors)] for i in range(k)]
        if rng.random() < 0.3:
            cols = list(rng.choice(["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#f781bf"], k,
                                   replace=False))
        lw = float(rng.uniform(1.0, 3.0))
        for (cx, cy, w, h, ang), col in zip(shapes, cols):
            if style == "outline":
                kw = {"fc": "none", "ec": col, "lw": lw * 1.3}
            elif style == "flat":
                kw = {"fc": col, "ec": c.bg, "lw": lw * 1.5, "alpha": float(rng.uniform(0.6, 0.8))}
            else:
                kw = {"fc": col, "ec": str(rng.choice(["none", col, c.fg])), "lw": lw * 0.6,
                      "alpha": float(rng.uniform(0.25, 0.5))}
            c.ax.add_patch(Ellipse((cx, cy), w, h, angle=ang, **kw))
        names = text.categories(rng, k)
        name_fs = matplotlib.rcParams["font.size"] * float(rng.uniform(1.0, 1.4))
        for (x, y), nm, col in zip(label_pos, names, cols):
            c.ax.text(x, y, nm, ha="center", va="center", fontsize=name_fs, fontweight="bold",
                      color=col if rng.random() < 0.4 else c.fg)
        content = str(rng.choice(["count", "count", "pct", "both", "words", "none"]))
        spots = _venn_region_spots(shapes)
        counts = rng.integers(1, int(rng.choice([20, 100, 1000])), len(spots))
        fs = matplotlib.rcParams["font.size"] * (0.75 if k == 4 else float(rng.uniform(0.8, 1.1)))
        txt_col = "white" if style == "flat" and rng.random() < 0.6 else c.fg
        for (member, (x, y)), n in zip(spots.items(), counts):
            if content == "count":
                s = f"{n:,}"
            elif content == "pct":
                s = f"{100 * n / counts.sum():.1f}%"
            elif content == "both":
                s = f"{n}\n({100 * n / counts.sum():.0f}%)"
            elif content == "words":
                s = "\n".join(text.words(rng, int(rng.integers(1, 3 if k == 4 else 4)), non_english=0))
            else:
                continue
            c.ax.text(x, y, s, ha="center", va="center", fontsize=fs * (0.85 if content == "words" else 1),
                      color=txt_col, fontweight="bold" if sum(member) == k and rng.random() < 0.5 else "normal")
        _frame(c, (0.62, 0.58), p_no_title=0.4, top=0.9)
    return c.rendered


@renderer("venn", "matplotlib-euler")
def venn_euler(rng: np.random.Generator) -> Rendered:
    """Euler diagram: circles with areas proportional to set sizes, partly overlapping, nested or apart,
    filled translucent or drawn as outlines, names and sizes inside or beside them."""
    with chart(rng, aspect=(0.9, 1.8), themes=_LIGHT_DARK, tight=0.0) as c:
        k = int(rng.choice([2, 3, 3, 4]))
        sizes = np.sort(rng.uniform(0.15, 1.0, k))[::-1]
        radii = np.sqrt(sizes) * 0.3
        layout = str(rng.choice(["overlap", "overlap", "nested", "mixed"]))
        if layout == "nested":  # at most three levels, or the names pile up
            k, sizes, radii = min(k, 3), sizes[:3], radii[:3]
        centers = [np.zeros(2)]
        hosts: set[int] = set()
        for i in range(1, k):
            if layout == "nested" or (layout == "mixed" and i == 1):  # inside the previous (or the biggest) one
                host = i - 1 if layout == "nested" else 0
                hosts.add(host)
                radii[i] = radii[host] * float(rng.uniform(0.45, 0.7))
                ang = float(rng.uniform(0, 2 * np.pi))
                room = (radii[host] - radii[i]) * float(rng.uniform(0.1, 0.7))
                centers.append(centers[host] + room * np.array([np.cos(ang), np.sin(ang)]))
            else:  # overlapping (sometimes apart from) the largest circle, spread around it
                ang = float(rng.uniform(0, 2 * np.pi)) if i == 1 else float(
                    np.arctan2(*(centers[1] - centers[0])[::-1]) + 2 * np.pi * i / k)
                dist = radii[0] + radii[i] * float(rng.uniform(-0.7, 0.6 if layout == "mixed" else 0.3))
                centers.append(centers[0] + dist * np.array([np.cos(ang), np.sin(ang)]))
        names = text.categories(rng, k)
        outline = rng.random() < 0.3
        alpha = float(rng.uniform(0.25, 0.55))
        fs = matplotlib.rcParams["font.size"] * float(rng.uniform(0.9, 1.3))
        show_n = rng.random() < 0.7
        n_total = int(rng.choice([100, 500, 5000, 20000]))
        for i, (ctr, r) in enumerate(zip(centers, radii)):
            col = c.colors[i % len(c.colors)]
            c.ax.add_patch(Circle(tuple(ctr), r, fc="none" if outline else col, ec=col if outline or
                                  rng.random() < 0.5 else "none", lw=float(rng.uniform(1.2, 2.5)),
                                  alpha=1.0 if outline else alpha))
            lab = names[i] + (f"\n{_fmt(sizes[i] * n_total)}" if show_n else "")
            kw = {"ha": "center", "va": "center", "fontsize": fs, "color": col if outline else c.fg,
                  "fontweight": "bold"}
            if i in hosts:  # circles holding others: name just inside the top edge
                c.ax.text(ctr[0], ctr[1] + r * 0.93, lab, **{**kw, "va": "top"})
            elif r < 0.07:  # tiny circles: name above, outside
                c.ax.text(ctr[0], ctr[1] + r + 0.02, lab, **{**kw, "va": "bottom", "fontsize": fs * 0.8})
            else:  # in the circle's own part, pushed away from the others
                away = ctr - np.mean([p for j, p in enumerate(centers) if j != i], axis=0)
                norm_ = float(np.hypot(*away))
                pos = ctr + (0.45 * r * away / norm_ if norm_ > 1e-6 else 0)
                c.ax.text(pos[0], pos[1], lab, **kw)
        pts = np.array(centers)
        span = max(float(np.max(np.abs(pts) + radii[:, None])), 0.3) * 1.15
        _frame(c, (span, span), p_no_title=0.4, top=0.9)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- sankey


def _swap_xy(path: Path) -> Path:
    """The same path mirrored on the diagonal (left-to-right flows become top-to-bottom)."""
    return Path(path.vertices[:, ::-1], path.codes)


@renderer("sankey", "matplotlib-alluvial")
def sankey_alluvial(rng: np.random.Generator) -> Rendered:
    """ggalluvial-style alluvial diagram: 2-5 stages of stacked bars (strata with outlines and labels) joined by
    curved translucent ribbons that follow each cohort, coloured by the first stage (legend) or grey."""
    themes = ["ggplot", "ggplot", "default", "minimal", "seaborn-v0_8-whitegrid", "seaborn-v0_8-white", "bmh"]
    with chart(rng, aspect=(1.1, 2.2), themes=themes, tight=0.9) as c:
        n_stage = int(rng.choice([2, 3, 3, 4, 5]))
        n_cat = [int(rng.integers(2, 5)) for _ in range(n_stage)]
        n_coh = int(rng.integers(8, 30))
        path = np.column_stack([rng.integers(0, m, n_coh) for m in n_cat])  # each cohort's stratum per stage
        w = rng.gamma(1.5, 1.0, n_coh) * float(rng.choice([1, 10, 100, 1000]))
        cat_names = [text.categories(rng, m) for m in n_cat]
        stage_names = _names(rng, n_stage)
        gap = float(rng.uniform(0.0, 0.04)) * w.sum()
        bar_w = float(rng.uniform(0.12, 0.3))
        colour_stage = int(rng.choice([0, 0, n_stage - 1]))
        cols = palette(rng, n_cat[colour_stage], str(rng.choice(["Set2", "Set1", "Dark2", "tab10", "Paired",
                                                                    "viridis", "Pastel1"])))
        grey_ribbons = rng.random() < 0.15
        alpha = float(rng.uniform(0.35, 0.75))
        # stratum bottoms: strata stacked from the top in category order
        bottoms = []
        for s, m in enumerate(n_cat):
            tot = np.array([w[path[:, s] == j].sum() for j in range(m)])
            b = np.concatenate([[0.0], np.cumsum(tot + gap)[:-1]])
            bottoms.append((b, tot))
        for s in range(n_stage - 1):
            # lodes inside each stratum are ordered by the stratum they come from/go to, then by colour
            left = np.lexsort((path[:, colour_stage], path[:, s + 1], path[:, s]))
            right = np.lexsort((path[:, colour_stage], path[:, s], path[:, s + 1]))
            y0, y1 = np.empty(n_coh), np.empty(n_coh)
            for order, stage, ys in ((left, s, y0), (right, s + 1, y1)):
                fill = bottoms[stage][0].copy()
                for i in order:
                    ys[i] = fill[path[i, stage]]
                    fill[path[i, stage]] += w[i]
            for i in range(n_coh):
                col = "#999999" if grey_ribbons else cols[path[i, colour_stage]]
                band = _band(s + bar_w / 2, y0[i], y0[i] + w[i], s + 1 - bar_w / 2, y1[i], y1[i] + w[i])
                c.ax.add_patch(PathPatch(band, fc=col, ec=col if rng.random() < 0.3 else "none", lw=0.3,
                                         alpha=alpha))
        fill_strata = rng.random() < 0.4
        for s in range(n_stage):
            for j, (b, t) in enumerate(zip(*bottoms[s])):
                if t <= 0:
                    continue
                fc = cols[j] if fill_strata and s == colour_stage else ("#eeeeee" if fill_strata else "none")
                c.ax.add_patch(Rectangle((s - bar_w / 2, b), bar_w, t, fc=fc, ec="#333333" if not c.dark else "#cccccc",
                                         lw=1.0, zorder=3))
                if t > 0.06 * w.sum():
                    c.ax.text(s, b + t / 2, cat_names[s][j], ha="center", va="center", zorder=4, color=c.fg,
                              fontsize="small" if n_stage <= 3 else "x-small")
        c.ax.set_xticks(range(n_stage))
        c.ax.set_xticklabels(stage_names)
        c.ax.set_xlim(-0.5, n_stage - 0.5)
        c.ax.set_ylim(-gap, bottoms[0][0][-1] + bottoms[0][1][-1] + gap)
        if rng.random() < 0.5:
            c.ax.invert_yaxis()
        if not grey_ribbons and rng.random() < 0.7:
            from matplotlib.patches import Patch

            c.ax.legend([Patch(fc=col, alpha=alpha) for col in cols], cat_names[colour_stage],
                        title=stage_names[colour_stage], fontsize="small", loc="center left",
                        bbox_to_anchor=(1.01, 0.5), frameon=False)
        c.decorate(xlabel="" if rng.random() < 0.6 else None, ylabel=str(rng.choice(["Count", "Freq", "n", ""])),
                   legend=False, grid=None)
        c.ax.grid(False, axis="x")
    return c.rendered


@renderer("sankey", "matplotlib-energy")
def sankey_energy(rng: np.random.Generator) -> Rendered:
    """Multi-stage energy/budget flow (d3-sankey / SankeyMATIC look): thin node rectangles in 3-5 columns,
    translucent ribbons coloured by source or target, node labels with values; left-to-right or top-to-bottom."""
    vertical = rng.random() < 0.3
    with chart(rng, aspect=(0.6, 1.2) if vertical else (1.0, 2.4), themes=_LIGHT_DARK, tight=0.0) as c:
        n_layer = int(rng.integers(3, 6))
        sizes = [int(rng.integers(2, 5 if vertical else 7)) for _ in range(n_layer)]
        sizes[-1] = max(sizes[-1], 2)
        total = float(rng.choice([100, 250, 1000, 3500, 12000]))
        flows: list[tuple[int, int, int, float]] = []  # (layer, source, target, value)
        vals = [rng.dirichlet(np.ones(sizes[0]) * 1.5) * total]
        for L in range(n_layer - 1):
            into = np.zeros(sizes[L + 1])
            for i, v in enumerate(vals[L]):
                k = int(rng.integers(1, min(sizes[L + 1], 3) + 1))
                targets = rng.choice(sizes[L + 1], k, replace=False)
                for t, share in zip(targets, rng.dirichlet(np.ones(k) * 2) * v):
                    flows.append((L, i, int(t), float(share)))
                    into[t] += share
            keep = into > 0  # drop nodes nothing flows into, renumbering the targets
            remap = np.cumsum(keep) - 1
            flows = [(L2, s, int(remap[t]) if L2 == L else t, f) for L2, s, t, f in flows]
            sizes[L + 1] = int(keep.sum())
            vals.append(into[keep])
        pad = float(rng.uniform(0.03, 0.1)) * total
        node_w = float(rng.uniform(0.015, 0.04)) * (n_layer - 1)
        height = max(v.sum() + pad * (len(v) - 1) for v in vals)
        pos = []  # each node's bottom
        for v in vals:
            b = np.concatenate([[0.0], np.cumsum(v + pad)[:-1]])
            pos.append(b + (height - (v.sum() + pad * (len(v) - 1))) / 2)
        names = [text.categories(rng, s) for s in sizes]
        node_cols = [palette(rng, s, str(rng.choice(["tab10", "Set2", "Dark2", "tab20", "husl", "Paired"])))
                     for s in sizes]
        by_target = rng.random() < 0.35
        grey = rng.random() < 0.2
        alpha = float(rng.uniform(0.3, 0.6))
        out_fill = [p.copy() for p in pos]
        in_fill = [p.copy() for p in pos]
        for L, s, t, f in sorted(flows, key=lambda x: (x[0], x[1], x[2])):
            band = _band(L + node_w / 2, out_fill[L][s], out_fill[L][s] + f, L + 1 - node_w / 2,
                         in_fill[L + 1][t], in_fill[L + 1][t] + f)
            out_fill[L][s] += f
            in_fill[L + 1][t] += f
            col = ("#888888" if c.dark else "#b0b0b0") if grey else (node_cols[L + 1][t] if by_target else
                                                                     node_cols[L][s])
            c.ax.add_patch(PathPatch(_swap_xy(band) if vertical else band, fc=col, ec="none", alpha=alpha))
        unit = str(rng.choice(["", "", " TWh", " PJ", " GWh", " bn", " Mt"]))
        fs = matplotlib.rcParams["font.size"] * float(rng.uniform(0.75, 0.95))
        with_val = rng.random() < 0.8
        for L in range(n_layer):
            for i, (b, v) in enumerate(zip(pos[L], vals[L])):
                rect = (L - node_w / 2, b, node_w, v)
                x, y, w, h = (rect[1], rect[0], rect[3], rect[2]) if vertical else rect
                c.ax.add_patch(Rectangle((x, y), w, h, fc=node_cols[L][i], ec="none", zorder=3))
                lab = names[L][i] + ((f" {v:,.0f}{unit}" if unit else f" {_fmt(v)}") if with_val else "")
                last = L == n_layer - 1
                if vertical and 0 < L < n_layer - 1:  # middle rows: the label sits on the node, boxed
                    c.ax.text(b + v / 2, L, lab, ha="center", va="center", fontsize=fs * 0.9, color=c.fg, zorder=4,
                              bbox={"fc": c.bg, "ec": "none", "alpha": 0.75, "pad": 1})
                elif vertical:
                    c.ax.text(b + v / 2, L + (node_w if last else -node_w), lab.replace(" ", "\n", 1), ha="center",
                              va="top" if last else "bottom", fontsize=fs, color=c.fg, zorder=4)
                else:
                    c.ax.text(L + node_w, b + v / 2, lab, ha="left", va="center", fontsize=fs, color=c.fg, zorder=4)
        lo, hi = -0.05 * height, height * 1.05
        if vertical:
            c.ax.set_xlim(lo, hi)
            c.ax.set_ylim(n_layer - 0.6, -0.4)
        else:  # room on the right for the last column's labels (their width estimated from the font size)
            ax_w = c.fig.get_size_inches()[0] * 0.96
            lab_w = min(0.6 * fs / 72 * max(len(t.get_text()) for t in c.ax.texts[-sizes[-1]:]) + 0.1, ax_w / 3)
            c.ax.set_xlim(-0.05, n_layer - 1 + max(0.2, lab_w * (n_layer - 0.95) / (ax_w - lab_w)))
            c.ax.set_ylim(hi, lo)
        c.ax.axis("off")
        c.set_title(0.4)
        c.fig.subplots_adjust(0.02, 0.02, 0.98, 0.9 if c.ax.get_title() else 0.98)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- chord


def _chord_layout(rng: np.random.Generator, m: np.ndarray, gap: float) -> tuple[np.ndarray, np.ndarray, dict]:
    """Group start angles and spans (radians, proportional to row sums) and each (i, j) sub-arc of group i."""
    n = len(m)
    row = m.sum(1)
    spans = row / row.sum() * (2 * np.pi - gap * n)
    starts = np.concatenate([[0.0], np.cumsum(spans + gap)[:-1]]) + float(rng.uniform(0, 2 * np.pi))
    sub = {}
    for i in range(n):
        a = starts[i]
        for j in range(n):
            w = m[i, j] / row[i] * spans[i]
            sub[(i, j)] = (a, a + w)
            a += w
    return starts, spans, sub


def _radial_text(ax, ang: float, r: float, s: str, **kw) -> None:
    """Text at angle ``ang`` and radius ``r``, rotated along the radius and kept upright."""
    deg = np.degrees(ang) % 360
    flip = 90 < deg < 270
    ax.text(r * np.cos(ang), r * np.sin(ang), s, rotation=deg - 180 if flip else deg, rotation_mode="anchor",
            ha="right" if flip else "left", va="center", **kw)


@renderer("chord", "matplotlib-d3")
def chord_d3(rng: np.random.Generator) -> Rendered:
    """D3 chord diagram: outer arc per group with a value scale (minor ticks, labelled major ticks), group
    names around the circle, translucent ribbons through the centre coloured by source (or by the larger flow)."""
    with chart(rng, square=rng.random() < 0.6, aspect=(1.0, 1.5), themes=_LIGHT_DARK, tight=0.0) as c:
        n = int(rng.integers(3, 9))
        scale = float(rng.choice([1, 10, 100, 1000]))
        m = np.round(rng.gamma(2.0, 1.0, (n, n)) * (rng.random((n, n)) < float(rng.uniform(0.5, 1.0)))
                     * float(rng.uniform(5, 30))) * scale
        np.fill_diagonal(m, 0 if rng.random() < 0.7 else np.round(np.diag(m) * 0.3))
        m[m.sum(1) == 0, (np.argmax(m.sum(0)) + 1) % n] = scale
        m[m.sum(1) == 0, 0] = scale
        starts, spans, sub = _chord_layout(rng, m, float(rng.uniform(0.02, 0.06)))
        r_in = 1.0
        width = float(rng.uniform(0.05, 0.1))
        cols = palette(rng, n, str(rng.choice(["tab10", "Set2", "Dark2", "Set1", "Paired", "husl", "Spectral"])))
        by_source = rng.random() < 0.6
        alpha = float(rng.uniform(0.5, 0.8))
        for i in range(n):
            for j in range(i, n):
                if m[i, j] <= 0 and m[j, i] <= 0:
                    continue
                (a0, a1), (b0, b1) = sub[(i, j)], sub[(j, i)]
                src = i if by_source or m[i, j] >= m[j, i] else j
                col = matplotlib.colors.to_rgb(cols[src])
                c.ax.add_patch(PathPatch(_arc_ribbon(a0, a1, b0, b1, r_in), fc=col, alpha=alpha, lw=0.6,
                                         ec=tuple(0.7 * x for x in col)))
        fs = matplotlib.rcParams["font.size"]
        total = m.sum()
        step = float(MaxNLocator(int(rng.integers(20, 60))).tick_values(0, total)[1])
        major = int(rng.choice([4, 5]))
        for i in range(n):
            a0, a1 = np.degrees(starts[i]), np.degrees(starts[i] + spans[i])
            col = matplotlib.colors.to_rgb(cols[i])
            c.ax.add_patch(Wedge((0, 0), r_in + width, a0, a1, width=width, fc=col, ec=tuple(0.7 * x for x in col)))
            per_rad = m[i].sum() / spans[i]
            for k, v in enumerate(np.arange(0, m[i].sum() + 1e-9, step)):
                t = starts[i] + v / per_rad
                r0 = r_in + width + 0.01
                big = k % major == 0
                c.ax.plot([r0 * np.cos(t), (r0 + (0.04 if big else 0.02)) * np.cos(t)],
                          [r0 * np.sin(t), (r0 + (0.04 if big else 0.02)) * np.sin(t)], color=c.fg, lw=0.6)
                if big:
                    _radial_text(c.ax, t, r0 + 0.05, _fmt(v), fontsize=fs * 0.7, color=c.fg)
        names = text.categories(rng, n)
        radial = rng.random() < 0.4
        for i, nm in enumerate(names):
            mid = starts[i] + spans[i] / 2
            r = r_in + width + 0.22
            if radial:
                _radial_text(c.ax, mid, r, nm, fontsize=fs, color=c.fg, fontweight="bold")
            else:
                c.ax.text(r * np.cos(mid), r * np.sin(mid), nm, ha="center", va="center", fontsize=fs, color=c.fg,
                          fontweight="bold")
        lim = 1.75 if radial else 1.5
        _frame(c, (lim, lim), p_no_title=0.4, top=0.92)
    return c.rendered


def _bezier_through_centre(p0: np.ndarray, p1: np.ndarray, pull: float, k: int = 24) -> np.ndarray:
    """Points of a quadratic Bezier from ``p0`` to ``p1`` whose control point is the midpoint pulled to the centre."""
    t = np.linspace(0, 1, k)[:, None]
    ctrl = (p0 + p1) / 2 * pull
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * ctrl + t ** 2 * p1


@renderer("chord", "matplotlib-circos")
def chord_circos(rng: np.random.Generator) -> Rendered:
    """Circos-style chord plot: many segments on a ring (sometimes an inner heat track), dozens to hundreds of
    thin translucent links curving through the middle, names rotated along the circle."""
    themes = ["default"] * 4 + ["dark_background", "darkmode", "seaborn-v0_8-white"]
    with chart(rng, square=rng.random() < 0.7, aspect=(1.0, 1.4), themes=themes, tight=0.0) as c:
        n = int(rng.integers(8, 25))
        sizes = rng.uniform(0.3, 1.0, n)
        gap = float(rng.uniform(0.04, 0.2)) * 2 * np.pi / n  # all gaps together: 4-20% of the ring
        spans = sizes / sizes.sum() * (2 * np.pi - gap * n)
        starts = np.concatenate([[0.0], np.cumsum(spans + gap)[:-1]]) + np.pi / 2
        cm = matplotlib.colormaps[str(rng.choice(["tab20", "hsv", "Spectral", "rainbow", "turbo", "tab20b"]))]
        cols = [cm(x) for x in np.linspace(0, 0.95 if cm.name != "hsv" else 0.9, n)]
        width = float(rng.uniform(0.04, 0.1))
        for i in range(n):
            c.ax.add_patch(Wedge((0, 0), 1 + width, np.degrees(starts[i]), np.degrees(starts[i] + spans[i]),
                                 width=width, fc=cols[i], ec=c.fg if rng.random() < 0.3 else "none", lw=0.4))
        r_link = 1.0
        if rng.random() < 0.45:  # an inner heat-map track
            r_link = 0.9
            hm = matplotlib.colormaps[str(rng.choice(SEQ_CMAPS))]
            for i in range(n):
                edges = np.linspace(starts[i], starts[i] + spans[i], int(rng.integers(3, 10)))
                for e0, e1 in pairwise(edges):
                    c.ax.add_patch(Wedge((0, 0), 0.97, np.degrees(e0), np.degrees(e1), width=0.05,
                                         fc=hm(float(rng.random())), ec="none"))
        n_links = int(rng.choice([40, 100, 200, 400]))
        src = rng.integers(0, n, n_links)
        dst = (src + rng.integers(1, n, n_links)) % n
        ta = starts[src] + rng.random(n_links) * spans[src]
        tb = starts[dst] + rng.random(n_links) * spans[dst]
        pull = float(rng.uniform(0.0, 0.4))
        curves = [_bezier_through_centre(r_link * np.array([np.cos(a), np.sin(a)]),
                                         r_link * np.array([np.cos(b), np.sin(b)]), pull) for a, b in zip(ta, tb)]
        mono = rng.random() < 0.2
        link_cols = ["#888888" if mono else cols[s] for s in src]
        alpha = float(np.clip(rng.uniform(6, 25) / np.sqrt(n_links), 0.15, 0.7))
        c.ax.add_collection(LineCollection(curves, colors=link_cols, lw=float(rng.uniform(0.4, 1.5)), alpha=alpha))
        names = _names(rng, n) if rng.random() < 0.5 else [f"chr{i + 1}" for i in range(n)]
        fs = matplotlib.rcParams["font.size"] * float(rng.uniform(0.65, 0.9))
        for i, nm in enumerate(names):
            _radial_text(c.ax, starts[i] + spans[i] / 2, 1 + width + 0.04, nm, fontsize=fs, color=c.fg)
        label_in = 0.7 * fs / 72 * max(map(len, names))  # the longest name's width in inches
        lim = (1 + width + 0.08) / (1 - min(2 * label_in / min(c.fig.get_size_inches()), 0.5))
        _frame(c, (lim, lim), p_no_title=0.5, top=0.92)
    return c.rendered
