"""Special charts with matplotlib and friends: choropleth (procedural regions), treemap (squarify), sankey,
network (networkx), dendrogram (scipy), word cloud (wordcloud), venn (matplotlib-venn), waffle (pywaffle)."""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path

from training.corpus import text
from training.corpus.mpl_style import DIV_CMAPS, SEQ_CMAPS, chart, palette, sample_size
from training.corpus.registry import renderer

# ----------------------------------------------------------------------------------------------------- choropleth


def _smooth_noise(rng, h, w, scale):
    """Cheap smooth noise: bilinear upsampling of a coarse random grid."""
    gh, gw = max(2, int(h / scale) + 2), max(2, int(w / scale) + 2)
    g = rng.normal(0, 1, (gh, gw))
    ys = np.linspace(0, gh - 1.001, h)
    xs = np.linspace(0, gw - 1.001, w)
    y0, x0 = ys.astype(int), xs.astype(int)
    fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
    a = g[y0][:, x0]
    b = g[y0][:, x0 + 1]
    c = g[y0 + 1][:, x0]
    d = g[y0 + 1][:, x0 + 1]
    return a * (1 - fy) * (1 - fx) + b * (1 - fy) * fx + c * fy * (1 - fx) + d * fy * fx


def _regions(rng, h, w):
    """Integer region map (-1 = outside land) of procedurally generated map-like regions."""
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    warp = float(rng.uniform(3, 12))
    wx = xx + warp * (_smooth_noise(rng, h, w, 25) + 0.5 * _smooth_noise(rng, h, w, 8))
    wy = yy + warp * (_smooth_noise(rng, h, w, 25) + 0.5 * _smooth_noise(rng, h, w, 8))
    mode = str(rng.choice(["voronoi", "voronoi", "grid", "grid"]))
    if mode == "voronoi":
        n = int(rng.choice([int(rng.integers(8, 40)), int(rng.integers(40, 90)), int(rng.integers(90, 180))]))
        pts = np.column_stack([rng.uniform(0, w, n), rng.uniform(0, h, n)])
        d = (wx[..., None] - pts[:, 0]) ** 2 + (wy[..., None] - pts[:, 1]) ** 2
        reg = np.argmin(d, axis=-1)
    else:  # US-states-like: irregular grid rows with varying column widths
        rows = int(rng.integers(3, 8))
        rh = h / rows
        reg = np.zeros((h, w), int)
        row = np.clip((wy / rh).astype(int), 0, rows - 1)
        nid = 0
        for r in range(rows):
            k = int(rng.integers(3, 10))
            cuts = np.sort(rng.uniform(0, w, k - 1))
            col = np.searchsorted(cuts, wx)
            reg = np.where(row == r, nid + col, reg)
            nid += k
    # land mask: one noisy blob (a country), several (continents, islands) or nearly everything
    land_mode = str(rng.choice(["one", "one", "many", "full"]))
    rough = 0.18 * _smooth_noise(rng, h, w, 30) + 0.06 * _smooth_noise(rng, h, w, 6)
    if land_mode == "one":
        cx, cy = w / 2, h / 2
        r = np.sqrt(((xx - cx) / (w * 0.46)) ** 2 + ((yy - cy) / (h * 0.46)) ** 2)
        land = r + rough < 1.0
    elif land_mode == "many":
        land = np.zeros((h, w), bool)
        for _ in range(int(rng.integers(2, 7))):
            cx, cy = rng.uniform(0.15, 0.85) * w, rng.uniform(0.15, 0.85) * h
            rx, ry = rng.uniform(0.06, 0.3) * w, rng.uniform(0.08, 0.35) * h
            r = np.sqrt(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2)
            land |= r + 1.5 * rough < 1.0
        if land.mean() < 0.08:
            land |= np.sqrt(((xx - w / 2) / (w * 0.4)) ** 2 + ((yy - h / 2) / (h * 0.4)) ** 2) + rough < 1.0
    else:
        land = _smooth_noise(rng, h, w, 40) > -1.2
    reg = np.where(land, reg, -1)
    return reg, mode


@renderer("choropleth", "matplotlib")
def choropleth_matplotlib(rng):
    with chart(rng, aspect=(1.0, 2.2), themes=["default"] * 4 + ["darkmode", "minimal", "ggplot", "bmh",
                                                                  "seaborn-v0_8-white", "Solarize_Light2"]) as c:
        w = int(rng.integers(240, 380))
        h = int(w / float(rng.uniform(1.2, 2.0)))
        reg, mode = _regions(rng, h, w)
        ids = np.unique(reg[reg >= 0])
        diverging = rng.random() < 0.25
        vals = rng.normal(0, 1, ids.max() + 2) if diverging else rng.gamma(2, 1, ids.max() + 2)
        if rng.random() < 0.6:  # spatially smooth values: neighbouring regions look alike, as on real maps
            m = reg >= 0
            cnt = np.bincount(reg[m], minlength=len(vals)).astype(float)
            cx = np.bincount(reg[m], weights=np.nonzero(m)[1], minlength=len(vals)) / np.maximum(cnt, 1)
            cy = np.bincount(reg[m], weights=np.nonzero(m)[0], minlength=len(vals)) / np.maximum(cnt, 1)
            field = _smooth_noise(rng, h, w, float(rng.uniform(40, 120)))
            trend = field[np.clip(cy.astype(int), 0, h - 1), np.clip(cx.astype(int), 0, w - 1)]
            vals = trend * float(rng.uniform(1, 2)) + vals * float(rng.uniform(0.2, 0.6))
        cmap = matplotlib.colormaps[str(rng.choice(DIV_CMAPS if diverging else SEQ_CMAPS + ["YlOrRd", "Blues",
                                                                                           "Reds", "Greens"]))]
        if rng.random() < 0.35:  # classed (binned) colour scale
            k = int(rng.integers(4, 8))
            cmap = cmap.resampled(k)
        val_img = np.where(reg >= 0, vals[np.clip(reg, 0, None)], np.nan)
        if rng.random() < 0.15:  # missing data regions
            miss = rng.choice(ids, max(1, len(ids) // 10))
            val_img[np.isin(reg, miss)] = np.nan
        vmin, vmax = np.nanmin(val_img), np.nanmax(val_img)
        rgba = cmap((val_img - vmin) / (vmax - vmin + 1e-9))
        sea = str(rng.choice(["none", "none", "#cfe8f3", "#e8f4fa", "#dddddd", "#a6d5f7", "#f2f2f2"]))
        outside = reg < 0
        rgba[outside] = matplotlib.colors.to_rgba(c.bg) if sea == "none" else matplotlib.colors.to_rgba(sea)
        rgba[np.isnan(val_img) & ~outside] = matplotlib.colors.to_rgba("#bbbbbb")
        border = np.zeros_like(reg, bool)
        border[:, 1:] |= reg[:, 1:] != reg[:, :-1]
        border[1:, :] |= reg[1:, :] != reg[:-1, :]
        bcol = str(rng.choice(["white", "white", "black", "#555555"]))
        rgba[border] = matplotlib.colors.to_rgba(bcol)
        c.ax.imshow(rgba, interpolation="nearest", extent=(-125, -66, 24, 50) if rng.random() < 0.3 else None)
        sm = matplotlib.cm.ScalarMappable(norm=matplotlib.colors.Normalize(vmin, vmax), cmap=cmap)
        if rng.random() < 0.85:
            cb = c.fig.colorbar(sm, ax=c.ax, orientation=str(rng.choice(["vertical", "horizontal"])),
                                shrink=float(rng.uniform(0.5, 0.9)), pad=0.03)
            if rng.random() < 0.5:
                cb.set_label(" ".join(text.words(rng, 2)).capitalize())
        if rng.random() < 0.75:
            c.ax.axis("off")
        if rng.random() < 0.25:  # region labels
            for i in rng.choice(ids, min(len(ids), 8), replace=False):
                ys, xs = np.nonzero(reg == i)
                if len(xs) > 150:
                    c.ax.text(xs.mean(), ys.mean(), text.words(rng, 1)[0][:3].upper(), fontsize="xx-small",
                              ha="center", va="center")
        c.tags.append(mode)
        c.set_title(0.3)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- treemap


@renderer("treemap", "squarify")
def treemap_squarify(rng):
    import squarify

    with chart(rng, aspect=(0.8, 2.2), themes=["default"] * 4 + ["darkmode", "minimal", "ggplot",
                                                                  "seaborn-v0_8-white", "fivethirtyeight"]) as c:
        n = int(rng.integers(4, 30))
        sizes = np.sort(rng.lognormal(0, float(rng.uniform(0.4, 1.2)), n))[::-1]
        labels = text.categories(rng, n)
        if rng.random() < 0.5:
            labels = [f"{lab}\n{s / sizes.sum() * 100:.1f}%" for lab, s in zip(labels, sizes)]
        if rng.random() < 0.5:
            cm = matplotlib.colormaps[str(rng.choice(SEQ_CMAPS + ["Spectral", "tab20", "Pastel1", "Set3"]))]
            cols = [cm(x) for x in np.linspace(0.15, 0.9, n)[rng.permutation(n) if rng.random() < 0.4 else slice(None)]]
        else:
            cols = palette(rng, n, str(rng.choice(["tab20", "Set3", "Pastel1", "tab10", "Paired", "husl"])))
        squarify.plot(sizes=sizes, label=[lab if i < int(rng.integers(3, n + 1)) else "" for i, lab in
                                          enumerate(labels)],
                      color=cols, ax=c.ax, pad=bool(rng.random() < 0.3), alpha=float(rng.uniform(0.7, 1.0)),
                      text_kwargs={"fontsize": float(rng.uniform(6, 10)), "color": str(rng.choice(["black", "white"]))},
                      edgecolor=str(rng.choice(["white", "white", "black", "none"])),
                      linewidth=float(rng.uniform(0.5, 3)))
        c.ax.axis("off")
        c.set_title(0.35)
    return c.rendered


@renderer("treemap", "squarify-nested")
def treemap_nested(rng):
    import squarify

    with chart(rng, aspect=(1.0, 2.2), themes=["default"] * 3 + ["minimal", "darkmode", "seaborn-v0_8-white"]) as c:
        W, H = 100.0, 100.0 / float(rng.uniform(1.0, 2.0))
        k = int(rng.integers(2, 7))
        groups = [np.sort(rng.lognormal(0, 0.7, int(rng.integers(2, 9))))[::-1] for _ in range(k)]
        tot = np.array([g.sum() for g in groups])
        order = np.argsort(-tot)
        tot = tot[order]
        groups = [groups[i] for i in order]
        rects = squarify.squarify(squarify.normalize_sizes(tot, W, H), 0, 0, W, H)
        base = palette(rng, k, str(rng.choice(["tab10", "Set2", "Dark2", "excel", "deep"])))
        names = text.categories(rng, k)
        header = rng.random() < 0.5
        for gi, (r, g) in enumerate(zip(rects, groups)):
            x, y, dx, dy = r["x"], r["y"], r["dx"], r["dy"]
            hh = min(dy * 0.15, 5) if header else 0
            c.ax.add_patch(Rectangle((x, y), dx, dy, fc=base[gi], ec=c.bg, lw=3))
            sub = squarify.squarify(squarify.normalize_sizes(g, dx - 1, dy - 1 - hh), x + 0.5, y + 0.5, dx - 1,
                                    dy - 1 - hh)
            rgb = np.array(matplotlib.colors.to_rgb(base[gi]))
            for si, s in enumerate(sub):
                f = 0.1 + 0.5 * si / max(1, len(sub))
                c.ax.add_patch(Rectangle((s["x"], s["y"]), s["dx"], s["dy"], fc=tuple(rgb + (1 - rgb) * f),
                                         ec="white", lw=0.8))
                if s["dx"] * s["dy"] > 60 and rng.random() < 0.6:
                    c.ax.text(s["x"] + s["dx"] / 2, s["y"] + s["dy"] / 2, text.words(rng, 1)[0][:8],
                              ha="center", va="center", fontsize="xx-small")
            if header or rng.random() < 0.5:
                c.ax.text(x + 1, y + dy - 0.5, names[gi], ha="left", va="top", fontsize="x-small",
                          fontweight="bold", color="white" if rng.random() < 0.5 else "black")
        c.ax.set_xlim(0, W)
        c.ax.set_ylim(0, H)
        c.ax.axis("off")
        c.set_title(0.35)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- sankey


@renderer("sankey", "matplotlib")
def sankey_matplotlib(rng):
    from matplotlib.sankey import Sankey

    with chart(rng, aspect=(1.0, 2.0), themes=["default"] * 4 + ["minimal", "ggplot", "seaborn-v0_8-white",
                                                                  "darkmode"]) as c:
        n_out = int(rng.integers(2, 6))
        outs = rng.dirichlet(np.ones(n_out)) * float(rng.uniform(0.6, 1.0))
        n_in = int(rng.integers(1, 3))
        ins = rng.dirichlet(np.ones(n_in))
        flows = list(ins) + [-o for o in outs]
        rest = 1.0 - outs.sum()
        if rest > 0.01:
            flows.append(-rest)
        orient = [0] * n_in + [int(o) for o in rng.choice([-1, 0, 1], len(flows) - n_in)]
        orient[n_in] = 0
        labels = text.categories(rng, len(flows))
        sk = Sankey(ax=c.ax, scale=float(rng.uniform(0.6, 1.2)), unit=None, gap=float(rng.uniform(0.15, 0.4)),
                    format="%.2f", head_angle=float(rng.uniform(90, 150)), shoulder=0.03)
        sk.add(flows=flows, orientations=orient, labels=labels if rng.random() < 0.8 else None,
               fc=c.colors[0], ec=c.fg if rng.random() < 0.5 else c.colors[0], alpha=float(rng.uniform(0.5, 0.9)),
               pathlengths=[float(rng.uniform(0.2, 0.6)) for _ in flows])
        if rng.random() < 0.4:  # second connected diagram
            f2 = [outs[0]] + [-x for x in rng.dirichlet(np.ones(int(rng.integers(2, 4)))) * outs[0]]
            try:
                sk.add(flows=f2, orientations=[0] + [int(o) for o in rng.choice([-1, 0, 1], len(f2) - 1)],
                       prior=0, connect=(n_in, 0), fc=c.colors[1], alpha=0.7, labels=text.categories(rng, len(f2)))
            except Exception:
                pass
        for d in sk.finish():
            for t in d.texts:
                t.set_fontsize("x-small")
        c.ax.axis("off")
        c.set_title(0.4)
    return c.rendered


def _band(x0, y0a, y0b, x1, y1a, y1b):
    """Closed bezier band from the vertical segment at x0 to the one at x1."""
    xm = (x0 + x1) / 2
    verts = [(x0, y0a), (xm, y0a), (xm, y1a), (x1, y1a), (x1, y1b), (xm, y1b), (xm, y0b), (x0, y0b), (x0, y0a)]
    codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CURVE4, Path.CURVE4, Path.CURVE4,
             Path.CLOSEPOLY]
    return Path(verts, codes)


@renderer("sankey", "matplotlib-flows")
def sankey_flows(rng):
    """Hand-drawn sankey/alluvial: columns of node bars joined by bezier bands."""
    with chart(rng, aspect=(1.1, 2.4), themes=["default"] * 4 + ["minimal", "darkmode", "seaborn-v0_8-white",
                                                                  "dark_background"]) as c:
        ncol = int(rng.integers(2, 5))
        sizes = [int(rng.integers(2, 7)) for _ in range(ncol)]
        total = 100.0
        gap = float(rng.uniform(2, 8))
        nodew = float(rng.uniform(0.02, 0.06))
        node_cols = palette(rng, sum(sizes), str(rng.choice(["tab10", "tab20", "Set2", "Pastel1", "Dark2", "husl"])))
        # column node values
        cols = [rng.dirichlet(np.ones(s) * 1.5) * total for s in sizes]
        ci = 0
        pos = []
        for k, vals in enumerate(cols):
            x = k / (ncol - 1)
            y = 0.0
            ps = []
            for v in vals:
                ps.append([x, y, y + v])
                y += v + gap
            pos.append(ps)
        alpha = float(rng.uniform(0.3, 0.6))
        color_by_src = rng.random() < 0.7
        gray_flows = rng.random() < 0.25
        names = text.categories(rng, sum(sizes))
        for k in range(ncol - 1):
            a, b = cols[k], cols[k + 1]
            # transport matrix (proportional with noise), rows sum to a, cols sum to b
            F = np.outer(a, b) / total * rng.uniform(0.3, 1.7, (len(a), len(b)))
            for _ in range(20):
                F *= (a / F.sum(1))[:, None]
                F *= (b / F.sum(0))[None, :]
            outy = [p[1] for p in pos[k]]
            iny = [p[1] for p in pos[k + 1]]
            for i in range(len(a)):
                for j in range(len(b)):
                    f = F[i, j]
                    if f < 0.3:
                        continue
                    x0 = pos[k][i][0] + nodew / 2
                    x1 = pos[k + 1][j][0] - nodew / 2
                    p = _band(x0, outy[i], outy[i] + f, x1, iny[j], iny[j] + f)
                    col = node_cols[ci + i] if color_by_src else node_cols[ci + len(a) + j]
                    if gray_flows:
                        col = "#888888" if c.dark else "#bbbbbb"
                    c.ax.add_patch(PathPatch(p, fc=col, ec="none", alpha=alpha))
                    outy[i] += f
                    iny[j] += f
            ci += len(a)
        ci = 0
        for k in range(ncol):
            for i, (x, y0, y1) in enumerate(pos[k]):
                c.ax.add_patch(Rectangle((x - nodew / 2, y0), nodew, y1 - y0, fc=node_cols[ci], ec="none"))
                if rng.random() < 0.85:
                    right = k < ncol - 1
                    c.ax.text(x + (nodew if right else -nodew), (y0 + y1) / 2, names[ci], fontsize="x-small",
                              ha="left" if right else "right", va="center", color=c.fg)
                ci += 1
        c.ax.set_xlim(-0.12, 1.12)
        c.ax.set_ylim(-gap, total + gap * max(sizes))
        c.ax.invert_yaxis()
        c.ax.axis("off")
        c.set_title(0.4)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- network


@renderer("network", "networkx")
def network_networkx(rng):
    import networkx as nx

    with chart(rng, aspect=(0.9, 1.8), themes=["default"] * 5 + ["darkmode", "minimal", "dark_background",
                                                                  "ggplot"], tight=0.5) as c:
        seed = int(rng.integers(0, 2 ** 31))
        kind = str(rng.choice(["er", "er", "ba", "ba", "ws", "tree", "tree", "karate", "grid", "community", "community",
                               "star"]))
        n = int(rng.integers(6, 45)) if rng.random() < 0.7 else int(rng.integers(60, 220))
        if n > 45 and kind in ("karate", "grid", "star"):
            kind = "ba"
        if kind == "er":
            G = nx.gnp_random_graph(n, float(rng.uniform(1.2, 4.0)) / n, seed=seed)
        elif kind == "ba":
            G = nx.barabasi_albert_graph(n, int(rng.integers(1, 3)), seed=seed)
        elif kind == "ws":
            G = nx.watts_strogatz_graph(n, 4, 0.2, seed=seed)
        elif kind == "tree":
            G = nx.random_labeled_tree(n, seed=seed) if hasattr(nx, "random_labeled_tree") else nx.random_tree(n,
                                                                                                              seed=seed)
        elif kind == "karate":
            G = nx.karate_club_graph()
        elif kind == "grid":
            G = nx.grid_2d_graph(int(rng.integers(3, 6)), int(rng.integers(3, 6)))
            G = nx.convert_node_labels_to_integers(G)
        elif kind == "star":
            G = nx.star_graph(int(rng.integers(5, 20)))
        else:
            sizes = [int(rng.integers(4, 12)) for _ in range(int(rng.integers(2, 5)))]
            G = nx.random_partition_graph(sizes, 0.4, 0.02, seed=seed)
        G.remove_nodes_from([v for v in list(G.nodes) if G.degree(v) == 0 and rng.random() < 0.7])
        if G.number_of_nodes() == 0:
            G = nx.path_graph(5)
        directed = rng.random() < 0.25
        if directed:
            G = nx.DiGraph([(u, v) if rng.random() < 0.5 else (v, u) for u, v in G.edges])
        lay = str(rng.choice(["spring", "spring", "spring", "kk", "circular", "shell", "spectral"]))
        if lay == "spring":
            pos = nx.spring_layout(G, seed=seed, k=float(rng.uniform(0.1, 0.6)) if rng.random() < 0.5 else None,
                                   iterations=30)
        elif lay == "kk" and G.number_of_nodes() <= 40:  # (kamada-kawai is slow on big graphs)
            pos = nx.kamada_kawai_layout(G)
        elif lay == "circular":
            pos = nx.circular_layout(G)
        elif lay == "shell":
            pos = nx.shell_layout(G)
        elif lay == "spectral" and G.number_of_nodes() > 3:
            pos = nx.spectral_layout(G)
        else:
            pos = nx.spring_layout(G, seed=seed, iterations=30)
        deg = np.array([G.degree(v) for v in G.nodes], float)
        size_mode = rng.integers(0, 3)
        big = G.number_of_nodes() > 45
        node_size = (deg / max(deg.max(), 1) * float(rng.uniform(200, 700)) + 30) if size_mode == 0 else \
            float(rng.uniform(40, 500))
        if big:
            node_size = np.asarray(node_size) * float(rng.uniform(0.08, 0.3))
        if rng.random() < 0.5:
            node_color = deg
            cmap = matplotlib.colormaps[str(rng.choice(SEQ_CMAPS))]
        else:
            node_color = c.colors[0]
            cmap = None
        nx.draw_networkx_edges(G, pos, ax=c.ax, alpha=float(rng.uniform(0.3, 0.9)), width=float(rng.uniform(0.5, 2)),
                               edge_color=str(rng.choice(["gray", "black", "#999999", c.fg])),
                               arrows=directed, arrowsize=10, node_size=node_size)
        nx.draw_networkx_nodes(G, pos, ax=c.ax, node_size=node_size, node_color=node_color, cmap=cmap,
                               edgecolors=str(rng.choice(["none", "black", "white"])),
                               node_shape=str(rng.choice(["o", "o", "o", "s"])))
        if rng.random() < 0.4 and G.number_of_nodes() < 30:  # node labels on small graphs
            names = {v: (text.categories(rng, 1)[0] if rng.random() < 0.5 else str(v)) for v in G.nodes}
            nx.draw_networkx_labels(G, pos, names, ax=c.ax, font_size=float(rng.uniform(6, 9)), font_color=c.fg)
        if rng.random() < 0.85:
            c.ax.axis("off")
        c.tags += [kind, lay]
        c.set_title(0.4)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- dendrogram


@renderer("dendrogram", "scipy")
def dendrogram_scipy(rng):
    from scipy.cluster import hierarchy

    with chart(rng, aspect=(0.7, 2.4)) as c:
        n = int(rng.choice([6, 10, 15, 20, 30, 50]))
        k = int(rng.integers(2, 6))
        X = rng.normal(0, 1, (k, 4))[rng.integers(0, k, n)] * float(rng.uniform(1, 4)) + rng.normal(0, 1, (n, 4))
        method = str(rng.choice(["ward", "average", "complete", "single"]))
        Z = hierarchy.linkage(X, method=method)
        orient = str(rng.choice(["top", "top", "left", "right", "bottom"]))
        labels = text.categories(rng, n) if rng.random() < 0.6 else None
        if rng.random() < 0.5:
            hierarchy.set_link_color_palette([matplotlib.colors.to_hex(col) for col in c.colors[:6]])
        else:
            hierarchy.set_link_color_palette(None)
        hierarchy.dendrogram(Z, ax=c.ax, orientation=orient, labels=labels,
                             color_threshold=float(rng.uniform(0.3, 0.8)) * Z[:, 2].max() if rng.random() < 0.7 else 0,
                             above_threshold_color=str(rng.choice(["gray", "black", "C0"])),
                             leaf_font_size=float(rng.uniform(6, 10)), leaf_rotation=float(rng.choice([0, 45, 90]))
                             if orient in ("top", "bottom") else 0, no_labels=bool(rng.random() < 0.15),
                             truncate_mode="lastp" if n > 30 and rng.random() < 0.4 else None, p=12)
        hierarchy.set_link_color_palette(None)
        if rng.random() < 0.25:
            thr = float(rng.uniform(0.3, 0.7)) * Z[:, 2].max()
            (c.ax.axhline if orient in ("top", "bottom") else c.ax.axvline)(thr, color="red", ls="--", lw=1)
        if rng.random() < 0.4:
            for s in ("top", "right"):
                c.ax.spines[s].set_visible(False)
        c.tags += [orient, method]
        dist = str(rng.choice(["Distance", "Height", "Euclidean distance", ""]))
        c.decorate(legend=False, xlabel="" if orient in ("top", "bottom") else dist,
                   ylabel=dist if orient in ("top", "bottom") else "", grid=None)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- word cloud

_EXTRA_WORDS = (
    "data python cloud learning science analytics chart plot graph visual design music travel coffee love happy "
    "community network future innovation health climate energy ocean forest river mountain city night summer winter "
    "spring autumn friend family garden book movie game sport football basketball space star planet art culture "
    "history language code server database security privacy freedom peace justice education research discovery"
).split()


@renderer("word_cloud", "wordcloud")
def word_cloud_wordcloud(rng):
    from wordcloud import WordCloud

    with chart(rng, themes=["default"] * 6 + ["darkmode", "minimal", "seaborn-v0_8-white"], tight=0.5) as c:
        pool = list(dict.fromkeys(_EXTRA_WORDS + text._WORDS))
        n = int(rng.integers(25, 120))
        chosen = list(rng.choice(pool, min(n, len(pool)), replace=False))
        freqs = np.minimum(rng.zipf(float(rng.uniform(1.5, 2.5)), len(chosen)), 40).astype(float)
        freqs += rng.uniform(0, 1, len(chosen))
        freqs = {w: float(f) for w, f in zip(chosen, freqs)}
        fw, fh = c.fig.get_size_inches()
        W = int(fw * c.dpi)
        H = int(fh * c.dpi)
        scale = 300 / max(W, H) if max(W, H) > 300 else 1.0  # draw small, upscale: keeps it fast
        fonts = [matplotlib.font_manager.findfont(f) for f in ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono",
                                                              "STIXGeneral")]
        mask = None
        mshape = rng.random()
        if mshape < 0.2:  # ellipse
            yy, xx = np.mgrid[0:int(H * scale), 0:int(W * scale)]
            cy, cx = yy.shape[0] / 2, yy.shape[1] / 2
            inside = ((xx - cx) / (cx * 0.95)) ** 2 + ((yy - cy) / (cy * 0.95)) ** 2 < 1
            mask = np.where(inside, 0, 255).astype(np.uint8)
        elif mshape < 0.35:  # a country/blob-shaped cloud
            mh, mw = int(H * scale), int(W * scale)
            reg, _ = _regions(rng, mh, mw)
            mask = np.where(reg >= 0, 0, 255).astype(np.uint8)
            if (mask == 0).mean() < 0.2:
                mask = None
        bg = c.bg if rng.random() < 0.8 else str(rng.choice(["black", "white", "#1e1e1e", "#f5f5dc"]))
        bg_hex = matplotlib.colors.to_hex(bg)
        dark = sum(matplotlib.colors.to_rgb(bg_hex)) < 1.5
        cm = str(rng.choice(["viridis", "plasma", "tab10", "Dark2", "Set1", "cool", "autumn", "inferno", "Blues",
                             "magma", "rainbow", "Paired"] + (["Pastel1", "spring", "summer", "Set3"] if dark else [])))
        wc = WordCloud(width=max(50, int(W * scale)), height=max(50, int(H * scale)), background_color=bg_hex,
                       colormap=cm, random_state=int(rng.integers(0, 2 ** 31)), max_words=n, mask=mask,
                       prefer_horizontal=float(rng.choice([1.0, 0.9, 0.7, 0.5])), font_path=str(rng.choice(fonts)),
                       relative_scaling=float(rng.uniform(0.3, 0.7)), margin=int(rng.integers(1, 5)),
                       min_font_size=4, max_font_size=None)
        wc.generate_from_frequencies(freqs)
        c.ax.imshow(wc.to_array(), interpolation="bilinear")
        c.ax.axis("off")
        c.fig.subplots_adjust(0, 0, 1, 1)
        c.set_title(0.7)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- venn


@renderer("venn", "matplotlib-venn")
def venn_matplotlib_venn(rng):
    from matplotlib_venn import venn2, venn2_circles, venn3, venn3_circles

    with chart(rng, aspect=(0.9, 1.6), themes=["default"] * 5 + ["darkmode", "minimal", "seaborn-v0_8-white",
                                                                  "ggplot"], tight=0.5) as c:
        three = rng.random() < 0.55
        names = text.categories(rng, 3 if three else 2)
        if three:
            subsets = tuple(int(x) for x in rng.integers(1, 60, 7))
            cols = tuple(c.colors[:3]) if rng.random() < 0.6 else ("r", "g", "b")
            v = venn3(subsets=subsets, set_labels=names, ax=c.ax, set_colors=cols, alpha=float(rng.uniform(0.3, 0.7)))
            if rng.random() < 0.5:
                venn3_circles(subsets=subsets, ax=c.ax, linewidth=float(rng.uniform(0.5, 2)),
                              linestyle=str(rng.choice(["solid", "dashed"])), color=c.fg)
        else:
            subsets = tuple(int(x) for x in rng.integers(1, 100, 3))
            cols = tuple(c.colors[:2]) if rng.random() < 0.6 else ("r", "g")
            v = venn2(subsets=subsets, set_labels=names, ax=c.ax, set_colors=cols, alpha=float(rng.uniform(0.3, 0.7)))
            if rng.random() < 0.5:
                venn2_circles(subsets=subsets, ax=c.ax, linewidth=float(rng.uniform(0.5, 2)), color=c.fg)
        if rng.random() < 0.2 and v is not None:
            for t in v.subset_labels:
                if t is not None:
                    t.set_text("")
        for t in (v.set_labels or []):
            if t is not None:
                t.set_color(c.fg)
        for t in (v.subset_labels or []):
            if t is not None:
                t.set_color(c.fg)
        c.set_title(0.4)
    return c.rendered


@renderer("venn", "matplotlib")
def venn_matplotlib(rng):
    """Hand-drawn circle/ellipse venn with 2-4 sets, equal-sized shapes (the classic diagram)."""
    with chart(rng, aspect=(0.9, 1.5), themes=["default"] * 4 + ["darkmode", "minimal", "dark_background"]) as c:
        k = int(rng.choice([2, 3, 3, 4]))
        names = text.categories(rng, k)
        alpha = float(rng.uniform(0.25, 0.55))
        edge = str(rng.choice(["none", c.fg, "white"]))
        if k == 4:
            for i, (cx, ang) in enumerate([(-0.35, 45), (-0.12, 45), (0.12, -45), (0.35, -45)]):
                cy = -0.1 if i in (0, 3) else 0.05
                c.ax.add_patch(Ellipse((cx, cy), 1.4, 0.75, angle=ang, fc=c.colors[i], alpha=alpha, ec=edge, lw=1.5))
            lab_pos = [(-0.95, 0.6), (-0.4, 0.9), (0.4, 0.9), (0.95, 0.6)]
        else:
            r = 0.55
            d = float(rng.uniform(0.45, 0.8)) * r
            centers = [(-d, 0), (d, 0)] if k == 2 else [(-d, d * 0.55), (d, d * 0.55), (0, -d * 1.0)]
            for i, (cx, cy) in enumerate(centers):
                c.ax.add_patch(Circle((cx, cy), r, fc=c.colors[i], alpha=alpha, ec=edge, lw=1.5))
            lab_pos = [(cx * 1.9, cy + r * 1.08 if cy >= 0 else cy - r * 1.15) for cx, cy in centers]
        for (x, y), nme in zip(lab_pos, names):
            c.ax.text(x, y, nme, ha="center", va="center", fontsize="small", color=c.fg, fontweight="bold")
        if rng.random() < 0.7:
            for _ in range(2 ** k - 1):
                c.ax.text(*rng.uniform(-0.5, 0.5, 2), str(int(rng.integers(1, 99))), ha="center", va="center",
                          fontsize="x-small", color=c.fg)
        c.ax.set_xlim(-1.3, 1.3)
        c.ax.set_ylim(-1.1, 1.1)
        c.ax.set_aspect("equal")
        c.ax.axis("off")
        c.set_title(0.4)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- waffle


@renderer("waffle", "pywaffle")
def waffle_pywaffle(rng):
    import matplotlib.pyplot as plt
    from pywaffle import Waffle

    with chart(rng, fig=False, themes=["default"] * 5 + ["darkmode", "minimal", "seaborn-v0_8-white"]) as c:
        k = int(rng.integers(2, 6))
        rows = int(rng.choice([5, 8, 10, 10, 12]))
        cols_n = int(rng.choice([10, 10, 15, 20]))
        total = rows * cols_n
        vals = np.round(rng.dirichlet(np.ones(k)) * total).astype(int)
        vals[-1] = max(1, total - vals[:-1].sum())
        names = text.categories(rng, k)
        w, h, dpi = sample_size(rng, aspect=(1.0, 2.2))
        kw = dict(rows=rows, columns=cols_n, values=list(int(v) for v in vals),
                  colors=[matplotlib.colors.to_hex(x) for x in c.colors[:k]], figsize=(w, h),
                  interval_ratio_x=float(rng.uniform(0.1, 0.5)), interval_ratio_y=float(rng.uniform(0.1, 0.5)),
                  starting_location=str(rng.choice(["NW", "SW", "NE", "SE"])),
                  vertical=bool(rng.random() < 0.4), block_arranging_style=str(rng.choice(["normal", "snake"])),
                  rounding_rule="floor")
        if rng.random() < 0.75:
            kw["legend"] = {"labels": [f"{n} ({v})" for n, v in zip(names, vals)], "loc": "upper left",
                            "bbox_to_anchor": (1.0, 1) if rng.random() < 0.5 else (0, -0.05),
                            "ncol": 1 if rng.random() < 0.5 else k, "fontsize": "small", "framealpha": 0}
        t = c.title()
        if t:
            kw["title"] = {"label": t, "loc": "left"}
        if rng.random() < 0.2:
            kw["block_aspect_ratio"] = float(rng.uniform(0.8, 1.3))
        fig = plt.figure(FigureClass=Waffle, **kw)
        fig.set_dpi(dpi)
        c.dpi = dpi
        c.fig = fig
    return c.rendered


@renderer("waffle", "matplotlib")
def waffle_matplotlib(rng):
    with chart(rng, aspect=(0.9, 2.2), themes=["default"] * 4 + ["darkmode", "minimal", "fivethirtyeight"]) as c:
        rows, cols_n = (10, 10) if rng.random() < 0.6 else (int(rng.integers(4, 12)), int(rng.integers(10, 26)))
        total = rows * cols_n
        single = rng.random() < 0.35
        if single:  # one share highlighted (e.g. 37% of 100)
            k = 2
            v = int(rng.integers(1, total))
            vals = [v, total - v]
            colours = [c.colors[0], str(rng.choice(["#dddddd", "#e0e0e0", "#cccccc", "#444444" if c.dark else
                                                    "#eeeeee"]))]
        else:
            k = int(rng.integers(2, 6))
            vals = list(np.round(rng.dirichlet(np.ones(k)) * total).astype(int))
            vals[-1] = total - sum(vals[:-1])
            colours = c.colors[:k]
        cells = np.repeat(np.arange(k), np.maximum(vals, 0))[:total]
        gap = float(rng.uniform(0.08, 0.3))
        shape = str(rng.choice(["square", "square", "square", "rounded", "circle", "person", "glyph"]))
        rounded, circles = shape == "rounded", shape == "circle"
        glyph = str(rng.choice(["★", "♥", "●", "▲", "♦", "■"]))
        by_col = rng.random() < 0.5
        for idx, cat in enumerate(cells):
            r, cc = (idx % rows, idx // rows) if by_col else (idx // cols_n, idx % cols_n)
            x, y = cc, rows - 1 - r
            if shape == "person":
                c.ax.add_patch(Circle((x + 0.5, y + 0.78), 0.14, fc=colours[cat], ec="none"))
                c.ax.add_patch(FancyBboxPatch((x + 0.3, y + 0.08), 0.4, 0.5, boxstyle="round,pad=0,rounding_size=0.15",
                                              fc=colours[cat], ec="none"))
            elif shape == "glyph":
                c.ax.text(x + 0.5, y + 0.5, glyph, ha="center", va="center", color=colours[cat],
                          fontsize=max(4.0, 0.8 * 72 * c.fig.get_size_inches()[0] * 0.8 / cols_n), family="DejaVu Sans")
            elif circles:
                c.ax.add_patch(Circle((x + 0.5, y + 0.5), (1 - gap) / 2, fc=colours[cat], ec="none"))
            elif rounded:
                c.ax.add_patch(FancyBboxPatch((x + gap / 2, y + gap / 2), 1 - gap, 1 - gap,
                                              boxstyle="round,pad=0,rounding_size=0.2", fc=colours[cat], ec="none"))
            else:
                c.ax.add_patch(Rectangle((x + gap / 2, y + gap / 2), 1 - gap, 1 - gap, fc=colours[cat], ec="none"))
        c.ax.set_xlim(0, cols_n)
        c.ax.set_ylim(0, rows)
        c.ax.set_aspect("equal")
        c.ax.axis("off")
        names = text.categories(rng, k)
        if rng.random() < 0.7:
            from matplotlib.patches import Patch

            c.ax.legend(handles=[Patch(color=colours[i], label=f"{names[i]}") for i in range(k)],
                        loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=k, frameon=False, fontsize="small")
        if single and rng.random() < 0.6:
            c.ax.set_title(f"{vals[0] / total * 100:.0f}%", fontsize=float(rng.uniform(14, 24)), fontweight="bold")
        else:
            c.set_title(0.4)
    return c.rendered
