"""Matplotlib choropleth maps in several looks, on made-up geography (:mod:`training.corpus.synthgeo`):
dense county-like maps with a classed legend, D3/Observable web maps with a colour-ramp key, news maps
with region labels and a stepped legend, dark-theme maps, tile-grid cartograms and world-like maps with
several continents, an ocean, graticule lines and "no data" regions. Every map encodes a value by colour
over regions and carries a colour key."""

from __future__ import annotations

import itertools

import matplotlib
import numpy as np
from matplotlib import patches
from matplotlib.collections import PolyCollection

from training.corpus import synthgeo, text
from training.corpus.mpl_style import DIV_CMAPS, SEQ_CMAPS, chart, news_chart, news_look
from training.corpus.registry import Rendered, renderer

_CLASS_CMAPS = ["Blues", "Greens", "Reds", "Oranges", "Purples", "YlOrRd", "YlGnBu", "BuPu", "GnBu", "OrRd",
                "PuBuGn", "YlOrBr", "RdPu", "viridis", "magma"]
_DARK_CMAPS = ["viridis", "magma", "inferno", "plasma", "mako", "rocket", "cividis", "turbo"]
_SMOOTH_SEQ = [m for m in SEQ_CMAPS if m not in ("turbo", "cubehelix")]  # no rainbow-like ramps that read as categories
_NODATA = ["#cccccc", "#d9d9d9", "#bdbdbd", "#e0e0e0"]


def _polygons(rng: np.random.Generator, n: int, box: tuple[float, float, float, float] = (0, 0, 1, 1)
              ) -> list[np.ndarray]:
    """About ``n`` made-up regions tiling a blob-shaped country, stretched to fill ``box`` (x0, y0, x1, y1)."""
    gj = synthgeo.regions(rng, n, subdiv=int(rng.integers(3, 6)))
    rings = [np.asarray(f["geometry"]["coordinates"][0]) for f in gj["features"]]
    area = [abs(np.sum(r[:, 0] * np.roll(r[:, 1], -1) - np.roll(r[:, 0], -1) * r[:, 1])) / 2 for r in rings]
    rings = [r for r, a in zip(rings, area) if np.ptp(r, 0).max() ** 2 < 8 * a]  # drop stray sliver cells
    allp = np.vstack(rings)
    lo, span = allp.min(0), np.ptp(allp, 0)
    x0, y0, x1, y1 = box
    return [np.column_stack([x0 + (r[:, 0] - lo[0]) / span[0] * (x1 - x0), y0 + (r[:, 1] - lo[1]) / span[1] * (y1 - y0)])
            for r in rings]


def _field_values(rng: np.random.Generator, pts: np.ndarray, diverging: bool = False) -> np.ndarray:
    """Spatially smooth values at points ``pts`` (neighbouring regions look alike), plus local noise."""
    v = np.zeros(len(pts))
    for _ in range(int(rng.integers(2, 6))):
        c, s = rng.uniform(-0.1, 1.1, 2), rng.uniform(0.15, 0.6)
        v += rng.uniform(-1, 1) * np.exp(-((pts - c) ** 2).sum(1) / s**2)
    v += float(rng.uniform(0.1, 0.5)) * rng.normal(0, 1, len(pts)) * v.std() + rng.normal(0, 0.05, len(pts))
    if diverging:
        return v - np.median(v)
    return (v - v.min()) * float(10.0 ** rng.choice([0, 1, 1, 2, 3])) / max(np.ptp(v), 1e-9)


def _centroids(polys: list[np.ndarray]) -> np.ndarray:
    return np.array([p.mean(0) for p in polys])


def _bins(rng: np.random.Generator, vals: np.ndarray, k: int) -> np.ndarray:
    """``k + 1`` round class breaks over ``vals`` (quantile or equal-interval)."""
    if rng.random() < 0.5:
        edges = np.quantile(vals, np.linspace(0, 1, k + 1))
    else:
        edges = np.linspace(vals.min(), vals.max(), k + 1)
    step = 10.0 ** np.floor(np.log10(max(np.ptp(vals), 1e-9) / k))
    edges = np.unique(np.round(edges / step) * step)
    if len(edges) < 3:
        edges = np.linspace(vals.min(), vals.max(), k + 1)
    return edges


def _fmt(v: float, pct: bool) -> str:
    s = f"{v:,.0f}" if abs(v) >= 10 or v == 0 else f"{v:.1f}"
    return s + ("%" if pct else "")


def _class_labels(rng: np.random.Generator, edges: np.ndarray) -> list[str]:
    pct = bool(rng.random() < 0.3)
    dash = str(rng.choice(["–", "-", " – ", " to "]))
    labels = [f"{_fmt(a, pct)}{dash}{_fmt(b, pct)}" for a, b in itertools.pairwise(edges)]
    if rng.random() < 0.4:
        labels[0], labels[-1] = f"< {_fmt(edges[1], pct)}", f"{_fmt(edges[-2], pct)}+"
    return labels


def _legend_title(rng: np.random.Generator) -> str:
    return " ".join(text.words(rng, int(rng.integers(1, 4)))).capitalize()


def _abbrev(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct two-letter region codes (like US state / province abbreviations)."""
    letters = np.array(list("ABCDEFGHIKLMNOPRSTUVWY"))
    out: list[str] = []
    while len(out) < n:
        code = "".join(rng.choice(letters, 2))
        if code not in out:
            out.append(code)
    return out


def _classed(name: str, k: int) -> matplotlib.colors.ListedColormap:
    """``k`` discrete classes of a colormap, skipping its near-white end so every class shows."""
    return matplotlib.colors.ListedColormap(matplotlib.colormaps[name](np.linspace(0.15, 1.0, k)))


def _map_axes(ax, polys: list[np.ndarray], pad: float = 0.02) -> None:
    """Hide axes and frame the polygons with equal aspect."""
    allp = np.vstack(polys)
    (x0, y0), (x1, y1) = allp.min(0), allp.max(0)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    ax.set_aspect("equal")
    ax.axis("off")


@renderer("choropleth", "matplotlib-counties")
def choropleth_counties(rng: np.random.Generator) -> Rendered:
    """US-county-like dense map: hundreds to thousands of small regions (a real county map has ~3,000, which
    read as texture), thin or no borders, a discrete 5-7 class legend."""
    with chart(rng, aspect=(1.2, 2.0), themes=["default"] * 5 + ["minimal", "seaborn-v0_8-white"]) as c:
        n = int(np.exp(rng.uniform(np.log(150), np.log(3000))))  # log-uniform: as many state-scale as county-scale
        polys = _polygons(rng, n)
        vals = _field_values(rng, _centroids(polys))
        k = int(rng.integers(5, 8))
        edges = _bins(rng, vals, k)
        k = len(edges) - 1
        cmap = _classed(str(rng.choice(_CLASS_CMAPS)), k)
        cls = np.clip(np.searchsorted(edges, vals, side="right") - 1, 0, k - 1)
        colors = [cmap(i) for i in cls]
        edge = str(rng.choice(["white", "white", "#ffffff", "#f0f0f0", "#666666"] + ["face"] * (n > 1000)))
        c.ax.add_collection(PolyCollection(polys, facecolors=colors, edgecolors=edge,
                                           linewidths=float(rng.uniform(0.1, 0.4)) * (0.5 if n > 1000 else 1)))
        _map_axes(c.ax, polys)
        handles = [patches.Patch(facecolor=cmap(i), edgecolor="none") for i in range(k)]
        labels = _class_labels(rng, edges)
        if rng.random() < 0.5:
            handles, labels = handles[::-1], labels[::-1]
        loc = str(rng.choice(["lower right", "center left", "below"]))
        kw = {"title": _legend_title(rng) if rng.random() < 0.8 else None, "fontsize": "small",
              "frameon": bool(rng.random() < 0.4), "handlelength": float(rng.uniform(1, 2))}
        if loc == "below":
            c.ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=k, columnspacing=0.8,
                        **kw)
        elif loc == "center left":
            c.ax.legend(handles, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), **kw)
        else:
            c.ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(1.0, 0.0), **kw)
        c.set_title(0.3)
        c.tags.append("counties")
    return c.rendered


def _ramp_legend(rng: np.random.Generator, fig, rect: list[float], cmap, vmin: float, vmax: float,
                 title: str, fg: str, classes: int = 0) -> None:
    """A D3-style horizontal colour-ramp key in its own small axes: ticks and values under it (or on top),
    the title above; ``classes`` > 0 draws discrete swatches (a quantize scale) instead of a smooth ramp."""
    lax = fig.add_axes(rect)
    grad = np.linspace(vmin, vmax, classes if classes else 256)[None, :]
    lax.imshow(grad, aspect="auto", cmap=cmap, extent=(vmin, vmax, 0, 1), interpolation="nearest")
    lax.set_yticks([])
    for s in lax.spines.values():
        s.set_visible(False)
    ticks = np.linspace(vmin, vmax, classes + 1) if classes else matplotlib.ticker.MaxNLocator(5).tick_values(vmin, vmax)
    ticks = [t for t in ticks if vmin - 1e-9 <= t <= vmax + 1e-9]
    lax.set_xticks(ticks, [_fmt(t, False) for t in ticks])
    lax.set_xlim(vmin, vmax)
    top = bool(rng.random() < 0.3)  # D3 keys put the axis above or below the ramp
    lax.tick_params(axis="x", length=float(rng.uniform(3, 7)), labelsize="small", colors=fg, direction="out",
                    top=top, labeltop=top, bottom=not top, labelbottom=not top)
    if title:
        lax.set_title(title, loc="left", fontsize="small", fontweight=str(rng.choice(["normal", "bold"])), color=fg,
                      pad=16 if top else 4)


@renderer("choropleth", "matplotlib-d3")
def choropleth_d3(rng: np.random.Generator) -> Rendered:
    """D3/Observable web map: no axes, a small horizontal colour-ramp key with ticks near the top, a bold
    left-aligned title, sometimes a hovered region with a tooltip box."""
    with chart(rng, aspect=(1.1, 1.9), themes=["default"] * 6 + ["darkmode"], tight=0.0) as c:
        polys = _polygons(rng, int(rng.integers(12, 120)), box=(0, 0, 1.0, float(rng.uniform(0.6, 0.9))))
        diverging = rng.random() < 0.25
        vals = _field_values(rng, _centroids(polys), diverging)
        cmap = matplotlib.colormaps[str(rng.choice(DIV_CMAPS if diverging else SEQ_CMAPS[:12] + _CLASS_CMAPS))]
        classes = int(rng.integers(5, 10)) if rng.random() < 0.4 else 0
        vmin, vmax = float(vals.min()), float(vals.max())
        if diverging:
            vmax = float(np.abs(vals).max())
            vmin = -vmax
        if classes:
            cmap = matplotlib.colors.ListedColormap(cmap(np.linspace(0.05, 1.0, classes)))
        norm = matplotlib.colors.Normalize(vmin, vmax)
        edge = c.bg if rng.random() < 0.6 else str(rng.choice(["#ffffff", "#333333", "#999999"]))
        c.ax.add_collection(PolyCollection(polys, facecolors=cmap(norm(vals)), edgecolors=[edge],
                                           linewidths=float(rng.uniform(0.3, 1.0))))
        inch = 1.0 / c.fig.get_size_inches()[1]  # one inch as a fraction of the figure height
        t = c.title(0.15)
        y = 1.0 - 0.12 * inch
        if t:
            c.fig.text(0.03, y, t, ha="left", va="top", fontweight="bold", color=c.fg,
                       fontsize=matplotlib.rcParams["font.size"] * float(rng.uniform(1.2, 1.6)))
            y -= 0.4 * inch
        y -= 0.5 * inch
        x0 = 0.03 if rng.random() < 0.6 else float(rng.uniform(0.45, 0.6))
        _ramp_legend(rng, c.fig, [x0, y, float(rng.uniform(0.25, 0.38)), 0.12 * inch], cmap,
                     vmin, vmax, _legend_title(rng) if rng.random() < 0.8 else "", c.fg, classes)
        c.fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=y - 0.3 * inch)
        _map_axes(c.ax, polys)
        if rng.random() < 0.45:  # hovered region + tooltip
            i = int(rng.integers(len(polys)))
            c.ax.add_patch(patches.Polygon(polys[i], closed=True, fill=False, edgecolor=c.fg, lw=1.8))
            cx, cy = polys[i].mean(0)
            name = " ".join(text.words(rng, int(rng.integers(1, 3)))).title()
            c.ax.annotate(f"{name}\n{_fmt(float(vals[i]), False)}", (cx, cy), xytext=(12, 12),
                          textcoords="offset points", fontsize="small", color="black",
                          bbox={"boxstyle": "round,pad=0.5", "fc": "white", "ec": "#999999", "alpha": 0.95})
        c.tags.append("d3")
    return c.rendered


def _stepped_legend(rng: np.random.Generator, fig, y: float, colors: list, labels: list[str], fg: str) -> None:
    """A row of equal colour boxes with class labels under them, as news graphics draw a classed key."""
    x0 = float(rng.uniform(0.02, 0.06))
    w = min(0.9 / len(colors), float(rng.uniform(0.1, 0.16)))
    gap = 0.004 if rng.random() < 0.5 else 0.0
    h = 0.025
    for i, (col, lab) in enumerate(zip(colors, labels)):
        fig.patches.append(patches.Rectangle((x0 + i * w, y), w - gap, h, transform=fig.transFigure, facecolor=col,
                                             edgecolor="none"))
        fig.text(x0 + i * w + (w - gap) / 2, y - 0.008, lab, ha="center", va="top", fontsize="x-small", color=fg)


@renderer("choropleth", "matplotlib-news")
def choropleth_news(rng: np.random.Generator) -> Rendered:
    """News-graphic map: state/province-sized regions with name or code labels and a stepped class key."""
    with news_chart(rng, aspect=(1.0, 1.8)) as c:
        polys = _polygons(rng, int(rng.integers(8, 45)))
        cent = _centroids(polys)
        vals = _field_values(rng, cent)
        k = int(rng.integers(3, 7))
        edges = _bins(rng, vals, k)
        k = len(edges) - 1
        name = str(rng.choice(_CLASS_CMAPS[:12]))
        cmap = _classed(name, k)
        cls = np.clip(np.searchsorted(edges, vals, side="right") - 1, 0, k - 1)
        colors = [cmap(i) for i in cls]
        nodata = rng.random() < 0.3
        if nodata:
            for i in rng.choice(len(polys), max(1, len(polys) // 8), replace=False):
                colors[i] = str(rng.choice(_NODATA))
        c.ax.add_collection(PolyCollection(polys, facecolors=colors, edgecolors=[c.bg],
                                           linewidths=float(rng.uniform(0.6, 1.5))))
        _map_axes(c.ax, polys)
        news_look(c, grid=None, p_subtitle=0.6)
        c.ax.axis("off")
        top = c.fig.subplotpars.top
        c.fig.subplots_adjust(top=top - 0.07, bottom=0.06)
        labels = _abbrev(rng, len(polys)) if rng.random() < 0.5 else [
            (w[:10].title() if rng.random() < 0.7 else w.upper()[:8]) for w in text.words(rng, len(polys), 0.0)]
        area = np.array([abs(np.sum(p[:, 0] * np.roll(p[:, 1], -1) - np.roll(p[:, 0], -1) * p[:, 1])) / 2
                         for p in polys])
        show_vals = rng.random() < 0.3
        span = np.ptp(np.vstack(polys), 0)
        for i in np.flatnonzero(area > span.prod() * float(rng.uniform(0.012, 0.03))):  # labels fit big regions
            lum = np.dot(matplotlib.colors.to_rgb(colors[i]), [0.3, 0.59, 0.11])
            lab = f"{labels[i]}\n{_fmt(float(vals[i]), False)}" if show_vals else labels[i]
            c.ax.text(*cent[i], lab, ha="center", va="center", fontsize="x-small", linespacing=0.9,
                      color="white" if lum < 0.5 else "#222222")
        legend_colors = [cmap(i) for i in range(k)]
        legend_labels = _class_labels(rng, edges)
        if nodata:
            legend_colors.append(_NODATA[0])
            legend_labels.append(str(rng.choice(["No data", "N/A", "No data", "Not reported"])))
        _stepped_legend(rng, c.fig, top - 0.045, legend_colors, legend_labels, c.fg)
        c.tags.append("news-map")
    return c.rendered


@renderer("choropleth", "matplotlib-dark")
def choropleth_dark(rng: np.random.Generator) -> Rendered:
    """Dark-theme map: regions in viridis/magma-like colours on a near-black page with a light colorbar."""
    with chart(rng, aspect=(1.0, 2.0), themes=["dark_background", "darkmode"]) as c:
        bg = str(rng.choice(["#000000", "#0b0f19", "#111418", "#1a1a2e", "#0d1117", "#1e1e1e"]))
        c.fig.set_facecolor(bg)
        c.ax.set_facecolor(bg)
        polys = _polygons(rng, int(rng.choice([int(rng.integers(10, 60)), int(rng.integers(60, 300))])))
        vals = _field_values(rng, _centroids(polys))
        cmap = matplotlib.colormaps[str(rng.choice(_DARK_CMAPS))]
        if rng.random() < 0.3:
            cmap = matplotlib.colors.ListedColormap(cmap(np.linspace(0, 1, int(rng.integers(5, 9)))))
        norm = (matplotlib.colors.LogNorm(max(vals.min(), vals.max() / 300) + 1e-3, vals.max() + 1e-3)
                if rng.random() < 0.2 else matplotlib.colors.Normalize(vals.min(), vals.max()))
        edge = bg if rng.random() < 0.6 else str(rng.choice(["#444444", "#888888", "#2a2a2a"]))
        c.ax.add_collection(PolyCollection(polys, facecolors=cmap(norm(np.maximum(vals, 1e-3))), edgecolors=[edge],
                                           linewidths=float(rng.uniform(0.2, 0.9))))
        if rng.random() < 0.4:  # glowing country outline
            outline = PolyCollection(polys, facecolors="none", edgecolors=[cmap(0.9)], linewidths=0.15, alpha=0.5)
            c.ax.add_collection(outline)
        _map_axes(c.ax, polys)
        sm = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
        orient = str(rng.choice(["vertical", "vertical", "horizontal"]))
        cb = c.fig.colorbar(sm, ax=c.ax, orientation=orient, shrink=float(rng.uniform(0.4, 0.85)),
                            fraction=float(rng.uniform(0.03, 0.06)), pad=0.02, aspect=float(rng.uniform(15, 30)))
        cb.outline.set_visible(bool(rng.random() < 0.4))
        if rng.random() < 0.6:
            cb.set_label(_legend_title(rng))
        t = c.title(0.25)
        if t:
            c.ax.set_title(t, loc=str(rng.choice(["left", "center"])), color=str(rng.choice(["white", "#e0e0e0"])),
                           fontweight=str(rng.choice(["normal", "bold"])))
        c.tags.append("dark-map")
    return c.rendered


def _tile_layout(rng: np.random.Generator, hexagons: bool) -> np.ndarray:
    """Tile centres (col, row) of a tile-grid cartogram: the cells of a small grid inside a blob outline."""
    cols, rows = int(rng.integers(8, 14)), int(rng.integers(5, 9))
    gx, gy = np.meshgrid(np.arange(cols, dtype=float), np.arange(rows, dtype=float))
    if hexagons:
        gx = gx + 0.5 * (gy % 2)
    u, v = (gx - (cols - 1) / 2) / (cols / 2), (gy - (rows - 1) / 2) / (rows / 2)
    th = np.arctan2(v, u)
    k = int(rng.integers(2, 5))
    r = 0.95 + sum(rng.uniform(0.05, 0.2) * np.sin(rng.integers(2, 5) * th + rng.uniform(0, 6.3)) for _ in range(k))
    keep = np.hypot(u, v) < r
    keep &= rng.random(keep.shape) > 0.06  # a few gaps and bays
    return np.column_stack([gx[keep], gy[keep]])


@renderer("choropleth", "matplotlib-tilegrid")
def choropleth_tilegrid(rng: np.random.Generator) -> Rendered:
    """Tile-grid cartogram: one square or hexagon per region, arranged like the map, code labels inside,
    filled by value with a colorbar or class legend."""
    with chart(rng, aspect=(1.1, 1.9), themes=["default"] * 5 + ["minimal", "darkmode", "seaborn-v0_8-white"]) as c:
        hexagons = bool(rng.random() < 0.5)
        pos = _tile_layout(rng, hexagons)
        pos[:, 1] = pos[:, 1].max() - pos[:, 1]
        n = len(pos)
        norm_pos = (pos - pos.min(0)) / np.maximum(np.ptp(pos, 0), 1)
        diverging = rng.random() < 0.25
        vals = _field_values(rng, norm_pos, diverging)
        classed = rng.random() < 0.5
        name = str(rng.choice(DIV_CMAPS if diverging else _CLASS_CMAPS + SEQ_CMAPS[:6]))
        gap = float(rng.uniform(0.04, 0.14))
        if classed:
            edges = _bins(rng, vals, int(rng.integers(3, 7)))
            k = len(edges) - 1
            cmap = _classed(name, k) if not diverging else matplotlib.colors.ListedColormap(
                matplotlib.colormaps[name](np.linspace(0, 1, k)))
            cls = np.clip(np.searchsorted(edges, vals, side="right") - 1, 0, k - 1)
            colors = [cmap(i) for i in cls]
        else:
            norm = matplotlib.colors.Normalize(vals.min(), vals.max())
            cmap = matplotlib.colormaps[name]
            colors = [cmap(norm(v)) for v in vals]
        codes = _abbrev(rng, n)
        yscale = np.sqrt(3) / 2 if hexagons else 1.0
        for (x, y), col, code, v in zip(pos, colors, codes, vals):
            y = y * yscale
            if hexagons:
                shape = patches.RegularPolygon((x, y), 6, radius=(0.5 - gap / 2) / yscale, orientation=0,
                                               facecolor=col, edgecolor="none")
            else:
                shape = patches.FancyBboxPatch((x - 0.5 + gap / 2, y - 0.5 + gap / 2), 1 - gap, 1 - gap,
                                               boxstyle=f"round,pad=0,rounding_size={float(rng.choice([0, 0, 0.1]))}",
                                               facecolor=col, edgecolor="none")
            c.ax.add_patch(shape)
            lum = np.dot(matplotlib.colors.to_rgb(col), [0.3, 0.59, 0.11])
            c.ax.text(x, y, code, ha="center", va="center", fontsize="x-small" if n > 40 else "small",
                      color="white" if lum < 0.5 else "#222222", fontweight=str(rng.choice(["normal", "bold"])))
        c.ax.set_xlim(pos[:, 0].min() - 0.8, pos[:, 0].max() + 0.8)
        c.ax.set_ylim(pos[:, 1].min() * yscale - 0.8, pos[:, 1].max() * yscale + 0.8)
        c.ax.set_aspect("equal")
        c.ax.axis("off")
        if classed:
            handles = [patches.Patch(facecolor=cmap(i)) for i in range(k)]
            c.ax.legend(handles, _class_labels(rng, edges), fontsize="small", frameon=False,
                        title=_legend_title(rng) if rng.random() < 0.6 else None,
                        loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=k, handlelength=1.2, columnspacing=0.8)
        else:
            sm = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
            cb = c.fig.colorbar(sm, ax=c.ax, orientation=str(rng.choice(["vertical", "horizontal"])),
                                shrink=float(rng.uniform(0.4, 0.8)), pad=0.03)
            cb.outline.set_visible(bool(rng.random() < 0.5))
        c.set_title(0.25)
        c.tags.append("hexgrid" if hexagons else "squaregrid")
    return c.rendered


@renderer("choropleth", "matplotlib-world")
def choropleth_world(rng: np.random.Generator) -> Rendered:
    """World-map-like layout: several continent-shaped groups of countries on an ocean with graticule lines,
    some countries grey for "no data", and a colour key."""
    ocean = str(rng.choice(["#cfe8f3", "#e8f4fa", "#a6cee3", "#dfeef7", "#ffffff", "#f2f2f2", "#bcd9ea"]))
    with chart(rng, aspect=(1.5, 2.3), themes=["default"] * 5 + ["minimal", "seaborn-v0_8-white", "bmh"]) as c:
        boxes = [(-165, 15, -55, 72), (-82, -55, -35, 12), (-12, 37, 40, 70), (-18, -35, 50, 34), (44, 5, 150, 75),
                 (112, -42, 155, -12)]  # roughly where the continents are
        polys: list[np.ndarray] = []
        for i in rng.permutation(len(boxes))[: int(rng.integers(3, 7))]:
            x0, y0, x1, y1 = np.asarray(boxes[i], float) + rng.uniform(-3, 3, 4)
            polys += _polygons(rng, int(rng.integers(4, 30)), (x0, y0, x1, y1))
        if rng.random() < 0.6:  # islands
            for _ in range(int(rng.integers(1, 6))):
                cx, cy, r = rng.uniform(-170, 170), rng.uniform(-50, 70), rng.uniform(2, 6)
                th = np.linspace(0, 2 * np.pi, 12, endpoint=False)
                rr = r * rng.uniform(0.6, 1.3, 12)
                polys.append(np.column_stack([cx + rr * np.cos(th), cy + 0.7 * rr * np.sin(th)]))
        cent = _centroids(polys)
        diverging = rng.random() < 0.2
        vals = _field_values(rng, (cent - [-180, -60]) / [360, 140], diverging)
        cmap = matplotlib.colormaps[str(rng.choice(DIV_CMAPS if diverging else _SMOOTH_SEQ + _CLASS_CMAPS))]
        norm = matplotlib.colors.Normalize(vals.min(), vals.max())
        colors = [cmap(norm(v)) for v in vals]
        nodata = rng.choice(len(polys), int(len(polys) * rng.uniform(0.0, 0.2)), replace=False)
        for i in nodata:
            colors[i] = str(rng.choice(_NODATA))
        c.ax.set_facecolor(ocean)
        edge = str(rng.choice(["white", "#ffffff", "#555555", "#888888"]))
        c.ax.add_collection(PolyCollection(polys, facecolors=colors, edgecolors=[edge],
                                           linewidths=float(rng.uniform(0.2, 0.7)), zorder=2))
        c.ax.set_xlim(-180, 180)
        c.ax.set_ylim(-62, 84)
        c.ax.set_aspect(float(rng.uniform(1.0, 1.3)))
        grat = float(rng.choice([15, 20, 30]))
        for lon in np.arange(-180, 181, grat):
            c.ax.axvline(lon, color="#888888", lw=0.4, alpha=0.6, zorder=1)
        for lat in np.arange(-60, 85, grat):
            c.ax.axhline(lat, color="#888888", lw=0.4, alpha=0.6, zorder=1)
        if rng.random() < 0.5:
            c.ax.set_xticks([]), c.ax.set_yticks([])
        else:
            c.ax.axis("off")
            c.ax.add_patch(patches.Rectangle((-180, -62), 360, 146, facecolor=ocean, edgecolor="#666666", lw=0.8,
                                             zorder=0))
        sm = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
        cb = c.fig.colorbar(sm, ax=c.ax, orientation=str(rng.choice(["horizontal", "horizontal", "vertical"])),
                            shrink=float(rng.uniform(0.4, 0.8)), pad=0.04, aspect=float(rng.uniform(20, 40)))
        if rng.random() < 0.6:
            cb.set_label(_legend_title(rng))
        if len(nodata) and rng.random() < 0.7:
            c.ax.legend([patches.Patch(facecolor=_NODATA[0])], [str(rng.choice(["No data", "No data", "n/a"]))],
                        loc="lower left", fontsize="x-small", frameon=bool(rng.random() < 0.5))
        c.set_title(0.2)
        c.tags.append("world")
    return c.rendered
