"""Charts without x/y axes drawn with D3 (``training/corpus/d3/layouts.js``): pies, radial charts, hierarchies,
flows, networks, sets and maps, as the D3 gallery, Observable notebooks and news graphics draw them (d3.pie,
d3.treemap, d3.partition, d3-sankey, d3.forceSimulation, d3.cluster, d3.chord, d3.geoPath, ...).

Every random choice is made here; the script draws the request deterministically. Words are drawn without CJK
(``text.no_cjk()``): CairoSVG has no font for them here.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.cluster.hierarchy import ClusterNode, linkage, to_tree

from training.corpus import data, synthgeo, text
from training.corpus.d3_request import LIB, draw, rounded, size, style
from training.corpus.registry import Rendered, renderer


def _stroke(rng: np.random.Generator, look: dict, p_none: float = 0.4) -> str:
    """Separating strokes: the background's colour (white gaps) or none."""
    return "none" if rng.random() < p_none else look["background"]


def _tree(rng: np.random.Generator, depth: int, fan: int, total: float = 1000.0) -> list[dict]:
    """Random children down to ``depth`` levels, at most ``fan`` each, sharing ``total`` at random; leaves have a value."""
    names = text.categories(rng, int(rng.integers(2, fan + 1)), long_labels=0.05)
    nodes = []
    for name, share in zip(names, rng.dirichlet(np.ones(len(names)) * 1.5) * total):
        node: dict = {"name": name}
        if depth > 1 and rng.random() < 0.85:
            node["children"] = _tree(rng, depth - 1, fan, share)
        else:
            node["value"] = round(float(share), 2) + 0.01
        nodes.append(node)
    return nodes


def _clustering(rng: np.random.Generator) -> dict:
    """A hierarchical clustering of random points as a binary tree whose nodes carry their merge height."""
    n = int(rng.integers(8, 40))
    points = rng.normal(0, 1, (n, 3)) + rng.normal(0, 3, (int(rng.integers(2, 5)), 3))[rng.integers(0, 2, n)]
    names = text.categories(rng, n, long_labels=0.05) if rng.random() < 0.6 else [f"S{i + 1}" for i in range(n)]
    method = str(rng.choice(["average", "complete", "ward", "single"]))

    def node(c: ClusterNode) -> dict:
        if c.is_leaf():
            return {"name": names[c.id], "height": 0}
        return {"name": "", "height": round(float(c.dist), 3), "children": [node(c.left), node(c.right)]}

    return node(to_tree(linkage(points, method)))


# ------------------------------------------------------------------------------------------------ round charts


def _pie(rng: np.random.Generator, donut: bool) -> Rendered:
    width, height = size(rng, square=True)
    look = style(rng, legend=True, axes=False)
    k = int(rng.integers(2, 10))
    spec = {"names": text.categories(rng, k), "values": rounded(rng.dirichlet(np.ones(k) * rng.uniform(0.7, 3)) * 100 + 0.5, 1),
            "inner": float(rng.uniform(0.4, 0.75)) if donut else 0.0,
            "padAngle": float(rng.choice([0, 0, 0.01, 0.02, 0.03] if donut else [0, 0, 0, 0.01])),
            "cornerRadius": int(rng.choice([0, 0, 3, 6] if donut else [0, 0, 0, 4])),
            "stroke": _stroke(rng, look), "strokeWidth": float(rng.choice([1, 1.5, 2])),
            "labels": str(rng.choice(["inside", "inside", "outside", "none"])),
            "show": str(rng.choice(["name", "name", "value", "percent", "both"])),
            "startAngle": float(rng.choice([0, 0, rng.uniform(0, 2 * math.pi)])), "sort": bool(rng.random() < 0.4),
            "centre": bool(donut and rng.random() < 0.4)}
    return draw("pie", width, height, look, spec, spec["labels"])


@renderer("pie", LIB)
@text.no_cjk()
def pie_d3(rng: np.random.Generator) -> Rendered:
    """A d3.pie with white or no separators, labels inside (name, value) or outside on leader lines, or a legend."""
    return _pie(rng, donut=False)


@renderer("donut", LIB)
@text.no_cjk()
def donut_d3(rng: np.random.Generator) -> Rendered:
    """A d3.arc ring of any thickness, with padAngle/cornerRadius gaps, labels in or out and sometimes a total inside."""
    return _pie(rng, donut=True)


@renderer("polar_area", LIB)
@text.no_cjk()
def polar_area_d3(rng: np.random.Generator) -> Rendered:
    """A rose / coxcomb (equal wedges, radius by value, sometimes stacked) or a circular bar plot round a hole."""
    width, height = size(rng, square=True)
    look = style(rng, legend=True, axes=False)
    n = int(rng.integers(5, 17))
    k = 1 if rng.random() < 0.7 else int(rng.integers(2, 5))
    barplot = rng.random() < 0.4
    spec = {"names": text.categories(rng, n, long_labels=0.05), "series": text.categories(rng, k),
            "values": rounded(np.stack([data.web_values(rng, n) for _ in range(k)], axis=1), 1),
            "inner": float(rng.uniform(0.15, 0.45)) if barplot else float(rng.choice([0, 0, 0.08])),
            "padding": float(rng.uniform(0.1, 0.35)) if barplot else float(rng.choice([0, 0, 0.03, 0.08])),
            "radial": bool(rng.random() < 0.6), "grid": bool(rng.random() < 0.6),
            "labels": str(rng.choice(["rotated", "rotated", "around", "none"] if barplot else ["around", "around", "rotated", "none"])),
            "byCategory": bool(rng.random() < (0.3 if barplot else 0.8)), "cornerRadius": int(rng.choice([0, 0, 2, 4])),
            "stroke": _stroke(rng, look), "startAngle": float(rng.choice([0, 0, rng.uniform(0, 2 * math.pi)]))}
    return draw("polar_area", width, height, look, spec, "circular_barplot" if barplot else "rose")


@renderer("radar", LIB)
@text.no_cjk()
def radar_d3(rng: np.random.Generator) -> Rendered:
    """A spider chart: d3.lineRadial polygons (filled or not) over polygon or circle levels with spokes."""
    width, height = size(rng, square=True)
    look = style(rng, legend=True, axes=False)
    n, k = int(rng.integers(4, 11)), int(rng.integers(1, 4))
    top = float(rng.choice([100, 100, 10, 5, 1]))
    spec = {"axes": text.categories(rng, n, long_labels=0.05), "series": text.categories(rng, k),
            "values": rounded(rng.uniform(0.15, 1, (k, n)) * top, 2), "max": top, "levels": int(rng.integers(3, 6)),
            "circles": bool(rng.random() < 0.3), "bands": bool(rng.random() < 0.4), "levelLabels": bool(rng.random() < 0.5),
            "smooth": bool(rng.random() < 0.15), "fill": float(rng.choice([0, 0.1, 0.2, 0.3, 0.5])),
            "dots": bool(rng.random() < 0.4), "strokeWidth": float(rng.choice([1, 1.5, 2, 3]))}
    return draw("radar", width, height, look, spec)


@renderer("gauge", LIB)
@text.no_cjk()
def gauge_d3(rng: np.random.Generator) -> Rendered:
    """A d3.arc dial (half circle or wider): a filled value band, or coloured bands with a needle; big value in the middle."""
    width, height = size(rng, square=rng.random() < 0.5)
    look = style(rng, axes=False)
    top = float(rng.choice([100, 100, 10, 200, 1000]))
    bands = rng.random() < 0.35
    spec = {"value": round(float(rng.uniform(0.05, 0.95) * top), 1), "min": 0, "max": top, "unit": "%" if top == 100 and rng.random() < 0.6 else "",
            "angle": float(rng.choice([math.pi / 2, math.pi / 2, 0.75 * math.pi, rng.uniform(0.6, 0.8) * math.pi])),
            "thickness": float(rng.uniform(0.12, 0.35)), "cornerRadius": int(rng.choice([0, 0, 3, 10])),
            "track": look["gridColour"] if rng.random() < 0.6 else "#e6e6e6",
            "bands": rounded(np.sort(rng.uniform(0.3, 0.9, 2)) * top, 1) if bands else None,
            "bandColours": [str(c) for c in rng.choice([["#4caf50", "#ffc107", "#f44336"], ["#1a9850", "#fee08b", "#d73027"],
                                                        ["#2c7bb6", "#ffffbf", "#d7191c"]])],
            "needle": bool(bands or rng.random() < 0.35), "ticks": int(rng.choice([0, 0, 5, 10])),
            "name": text.words(rng, 1)[0].capitalize() if rng.random() < 0.5 else ""}
    return draw("gauge", width, height, look, spec, "bands" if bands else "")


# ------------------------------------------------------------------------------------------------ hierarchies


@renderer("treemap", LIB)
@text.no_cjk()
def treemap_d3(rng: np.random.Generator) -> Rendered:
    """A d3.treemap (squarify, binary or slice-dice) coloured by group or nested by depth, with clipped cell labels."""
    width, height = size(rng)
    look = style(rng, legend=True, axes=False)
    depth = int(rng.choice([1, 2, 2, 3]))
    spec = {"tree": {"name": "root", "children": _tree(rng, depth, int(rng.choice([4, 6, 8]) if depth < 3 else 4))},
            "tile": str(rng.choice(["squarify", "squarify", "binary", "slice", "resquarify"])),
            "paddingInner": int(rng.choice([0, 1, 1, 2, 3])), "paddingOuter": int(rng.choice([0, 1, 2, 4])),
            "header": bool(depth > 1 and rng.random() < 0.4), "labels": bool(rng.random() < 0.85), "values": bool(rng.random() < 0.5),
            "stroke": _stroke(rng, look, p_none=0.5)}
    spec["byDepth"] = bool(spec["header"] and rng.random() < 0.4)
    return draw("treemap", width, height, look, spec, spec["tile"])


@renderer("sunburst", LIB)
@text.no_cjk()
def sunburst_d3(rng: np.random.Generator) -> Rendered:
    """A d3.partition in rings round an empty or filled centre, coloured by top branch, labels along the radius."""
    width, height = size(rng, square=True)
    look = style(rng, axes=False)
    spec = {"tree": {"name": text.words(rng, 1)[0].capitalize(), "children": _tree(rng, int(rng.integers(2, 5)), int(rng.integers(3, 7)))},
            "hole": float(rng.choice([0, 0.5, 1, 1])), "padAngle": float(rng.choice([0, 0.005, 0.01])),
            "gap": float(rng.choice([0, 1, 2])), "cornerRadius": int(rng.choice([0, 0, 2])), "shade": bool(rng.random() < 0.5),
            "stroke": _stroke(rng, look), "labels": bool(rng.random() < 0.75), "centre": bool(rng.random() < 0.5)}
    return draw("sunburst", width, height, look, spec)


@renderer("dendrogram", LIB)
@text.no_cjk()
def dendrogram_d3(rng: np.random.Generator) -> Rendered:
    """d3.cluster or d3.tree, left-to-right, top-down or radial, with bracket or curved links; sometimes a clustering by height."""
    orient = str(rng.choice(["horizontal", "horizontal", "vertical", "radial"]))
    width, height = size(rng, square=orient == "radial")
    look = style(rng, axes=False)
    heights = rng.random() < 0.45
    tree = _clustering(rng) if heights else {"name": "", "children": _tree(rng, int(rng.integers(2, 5 if orient == "radial" else 4)), 4)}
    spec = {"tree": tree, "heights": heights, "layout": "cluster" if heights or rng.random() < 0.6 else "tree", "orient": orient,
            "link": "elbow" if heights and rng.random() < 0.85 else str(rng.choice(["elbow", "curve"])),
            "dots": bool(rng.random() < 0.4), "labels": bool(rng.random() < 0.85),
            "linkColour": str(rng.choice([look["ink"], "#555", "#999", look["palette"][0]])),
            "linkOpacity": float(rng.choice([1, 0.6])), "linkWidth": float(rng.choice([1, 1.5, 2]))}
    return draw("dendrogram", width, height, look, spec, f"{orient},{spec['layout']},{spec['link']}")


# ------------------------------------------------------------------------------------------------ flows and networks


@renderer("sankey", LIB)
@text.no_cjk()
def sankey_d3(rng: np.random.Generator) -> Rendered:
    """A d3-sankey diagram: node bars in columns, links coloured by source, target, a gradient or grey."""
    width, height = size(rng)
    look = style(rng, axes=False)
    layers = [text.categories(rng, int(rng.integers(2, 6)), long_labels=0.05) for _ in range(int(rng.integers(2, 5)))]
    names = [name for layer in layers for name in layer]
    if len(set(names)) < len(names):  # the same word in two layers: tell them apart
        layers = [[f"{name} {i + 1}" for name in layer] for i, layer in enumerate(layers)]
    index = {name: i for i, name in enumerate(name for layer in layers for name in layer)}
    links: dict[tuple[int, int], float] = {}
    for depth, (left, right) in enumerate(zip(layers, layers[1:])):
        for target in right:  # every node gets a flow in
            links[index[str(rng.choice(left))], index[target]] = 0
        for source in left:
            ahead = right if depth + 2 >= len(layers) or rng.random() < 0.8 else layers[depth + 2]
            for target in rng.choice(ahead, size=int(rng.integers(1, len(ahead) + 1)), replace=False):
                links[index[source], index[str(target)]] = 0
    spec = {"nodes": [{"name": name} for name in index],
            "links": [{"source": s, "target": t, "value": round(float(rng.exponential(20) + 2), 1)} for s, t in links],
            "align": str(rng.choice(["justify", "justify", "left", "right", "center"])),
            "nodeWidth": int(rng.integers(8, 25)), "nodePadding": int(rng.integers(6, 24)),
            "linkColour": str(rng.choice(["source", "source", "target", "gradient", "grey"])),
            "linkOpacity": float(rng.uniform(0.3, 0.6)), "values": bool(rng.random() < 0.4),
            "colourBy": "layer" if rng.random() < 0.2 else "node", "nodeStroke": str(rng.choice(["none", "none", look["ink"]]))}
    return draw("sankey", width, height, look, spec, spec["linkColour"])


@renderer("network", LIB)
@text.no_cjk()
def network_d3(rng: np.random.Generator) -> Rendered:
    """A d3.forceSimulation node-link graph: grey or curved links (arrows when directed), nodes coloured by group."""
    width, height = size(rng, square=rng.random() < 0.6)
    look = style(rng, legend=True, axes=False)
    n = int(rng.integers(8, 70))
    seed = int(rng.integers(2**31))
    kind = str(rng.choice(["communities", "scale_free", "small_world", "tree"]))
    if kind == "communities":
        sizes = [int(s) for s in rng.multinomial(n - 3, np.ones(int(rng.integers(2, 6))) / 5) + 1]
        graph = nx.random_partition_graph(sizes, min(1.0, 4 / max(sizes)), 0.6 / n, seed=seed)
        group = {v: graph.nodes[v]["block"] for v in graph}
    else:
        graph = {"scale_free": lambda: nx.barabasi_albert_graph(n, int(rng.integers(1, 3)), seed=seed),
                 "small_world": lambda: nx.connected_watts_strogatz_graph(n, 4, 0.2, seed=seed),
                 "tree": lambda: nx.random_labeled_tree(n, seed=seed)}[kind]()
        groups = int(rng.choice([1, 1, 3, 5]))
        group = {v: int(rng.integers(groups)) for v in graph}
    labels = graph.number_of_nodes() <= 30 and rng.random() < 0.35
    names = text.categories(rng, graph.number_of_nodes(), long_labels=0) if labels else [str(v) for v in graph]
    weighted = rng.random() < 0.5
    spec = {"nodes": [{"id": names[i], "group": group[v], "x": round(float(x), 1), "y": round(float(y), 1)}
                      for i, (v, (x, y)) in enumerate(zip(graph, rng.normal(0, 100, (graph.number_of_nodes(), 2))))],
            "links": [{"source": names[a], "target": names[b], "value": int(rng.integers(1, 6)) if weighted else 1}
                      for a, b in graph.edges],
            "groups": text.categories(rng, max(group.values()) + 1) if max(group.values()) > 0 else [],
            "seed": float(rng.random()), "distance": int(rng.integers(20, 60)), "charge": int(rng.integers(-200, -30)),
            "radius": float(rng.uniform(3, 8)), "sizeByDegree": bool(rng.random() < 0.4), "labels": labels,
            "curved": bool(rng.random() < 0.15), "arrows": bool(rng.random() < 0.15),
            "linkColour": str(rng.choice(["#999", "#aaa", "#bbb", look["ink"]])), "linkOpacity": float(rng.uniform(0.4, 0.9)),
            "linkWidth": float(rng.choice([1, 1, 1.5])), "nodeStroke": str(rng.choice([look["background"], look["background"], "none"]))}
    return draw("network", width, height, look, spec, kind)


@renderer("chord", LIB)
@text.no_cjk()
def chord_d3(rng: np.random.Generator) -> Rendered:
    """A d3.chord of group arcs and d3.ribbon (or directed ribbonArrow) links, names round the rim, sometimes value ticks."""
    width, height = size(rng, square=True)
    look = style(rng, legend=True, axes=False)
    n = int(rng.integers(3, 11))
    matrix = np.round(rng.gamma(0.8, 1, (n, n)) * rng.choice([10, 100, 1000]) * (rng.random((n, n)) < 0.8))
    spec = {"names": text.categories(rng, n, long_labels=0.03), "matrix": rounded(matrix, 0),
            "directed": bool(rng.random() < 0.25), "padAngle": float(rng.uniform(0.02, 0.08)), "thickness": int(rng.integers(8, 25)),
            "ribbonOpacity": float(rng.uniform(0.55, 0.9)), "stroke": _stroke(rng, look, p_none=0.6),
            "ticks": bool(rng.random() < 0.35), "labels": bool(rng.random() < 0.8), "colourByTarget": bool(rng.random() < 0.3)}
    return draw("chord", width, height, look, spec, "directed" if spec["directed"] else "")


# ------------------------------------------------------------------------------------------------ shares, sets and maps


@renderer("waffle", LIB)
@text.no_cjk()
def waffle_d3(rng: np.random.Generator) -> Rendered:
    """A grid of squares, rounded squares or dots, filled by row or column in group colours, with a legend."""
    width, height = size(rng, square=rng.random() < 0.6)
    look = style(rng, legend=True, axes=False)
    names, cells, rows, cols = data.waffle_cells(rng)
    spec = {"names": names, "cells": [int(c) for c in cells], "rows": rows, "cols": cols,
            "shape": str(rng.choice(["square", "square", "rounded", "circle"])), "gap": float(rng.choice([0.05, 0.1, 0.15, 0.25])),
            "byColumn": bool(rng.random() < 0.3)}
    return draw("waffle", width, height, look, spec, spec["shape"])


@renderer("funnel", LIB)
@text.no_cjk()
def funnel_d3(rng: np.random.Generator) -> Rendered:
    """Centred stages narrowing down the page, as trapezoids or bars, labelled inside or at the sides."""
    width, height = size(rng)
    look = style(rng, axes=False)
    k = int(rng.integers(3, 8))
    values = float(rng.choice([1000, 5000, 20000, 100000])) * np.cumprod(np.r_[1, rng.uniform(0.4, 0.9, k - 1)])
    spec = {"names": text.categories(rng, k), "values": rounded(values, 0), "shape": str(rng.choice(["trapezoid", "trapezoid", "bars"])),
            "gap": int(rng.choice([0, 2, 4, 6])), "neck": float(rng.uniform(0.3, 0.8)), "labels": str(rng.choice(["inside", "side"])),
            "percent": bool(rng.random() < 0.4), "single": bool(rng.random() < 0.3), "stroke": _stroke(rng, look, p_none=0.6)}
    return draw("funnel", width, height, look, spec, spec["shape"])


def _venn_layout(rng: np.random.Generator, k: int) -> list[dict]:
    """``k`` (2 or 3) overlapping circles with centres x, y and radius r."""
    radii = np.sqrt(rng.uniform(0.5, 1.5, k))
    if k == 2:
        d = (radii[0] + radii[1]) * rng.uniform(0.4, 0.75)
        centres = np.array([[0, 0], [d, 0]])
    else:
        spread = radii.mean() * rng.uniform(0.55, 0.85)
        angles = -np.pi / 2 + np.arange(3) * 2 * np.pi / 3 + rng.normal(0, 0.1, 3)
        centres = spread * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return [{"x": round(float(x), 3), "y": round(float(y), 3), "r": round(float(r), 3)} for (x, y), r in zip(centres, radii)]


def _venn_regions(rng: np.random.Generator, circles: list[dict], percent: bool) -> list[dict]:
    """A count (or share) at the most inward point of every region big enough for one."""
    xs, ys = np.meshgrid(*[np.linspace(min(c[a] - c["r"] for c in circles), max(c[a] + c["r"] for c in circles), 160) for a in "xy"])
    distance = np.stack([np.hypot(xs - c["x"], ys - c["y"]) - c["r"] for c in circles])
    code = ((distance < 0) * (2 ** np.arange(len(circles)))[:, None, None]).sum(0)
    room = np.abs(distance).min(0)
    counts = rng.integers(5, 500, 2 ** len(circles))
    regions = []
    for region in range(1, 2 ** len(circles)):
        inside = np.where(code == region, room, -1)
        best = np.unravel_index(np.argmax(inside), inside.shape)
        if inside[best] > 0.12 * np.mean([c["r"] for c in circles]):
            label = f"{counts[region] / counts[1:].sum():.0%}" if percent else str(counts[region])
            regions.append({"x": round(float(xs[best]), 3), "y": round(float(ys[best]), 3), "text": label})
    return regions


@renderer("venn", LIB)
@text.no_cjk()
def venn_d3(rng: np.random.Generator) -> Rendered:
    """Two or three translucent (or outlined) circles with set names and counts in their regions."""
    width, height = size(rng, square=rng.random() < 0.5)
    look = style(rng, axes=False)
    k = 2 if rng.random() < 0.55 else 3
    circles = _venn_layout(rng, k)
    spec = {"names": text.categories(rng, k, long_labels=0.1), "circles": circles,
            "regions": _venn_regions(rng, circles, rng.random() < 0.3) if rng.random() < 0.8 else [],
            "filled": bool(rng.random() < 0.85), "fillOpacity": float(rng.uniform(0.25, 0.6)),
            "stroke": str(rng.choice(["colour", "colour", "none", look["ink"]])), "strokeWidth": float(rng.choice([1, 2, 3])),
            "colourNames": bool(rng.random() < 0.3)}
    spec["outsideNames"] = bool(spec["regions"] or rng.random() < 0.5)  # names inside would sit on the counts
    if not spec["filled"] and spec["stroke"] == "none":
        spec["stroke"] = "colour"
    return draw("venn", width, height, look, spec, f"{k}sets")


@renderer("choropleth", LIB)
@text.no_cjk()
def choropleth_d3(rng: np.random.Generator) -> Rendered:
    """Made-up regions through d3.geoPath(geoIdentity), filled on a sequential, quantize or quantile scale, with a ramp legend."""
    width, height = size(rng)
    look = style(rng, axes=False)
    regions = synthgeo.regions(rng, n=int(rng.integers(12, 80)), clockwise=True)
    values = rng.gamma(rng.uniform(1.5, 4), 20, len(regions["features"])) * float(rng.choice([1, 0.1, 100]))
    classes = int(rng.integers(3, 10)) if rng.random() < 0.5 else 0
    spec = {"regions": regions, "values": rounded(values, 2), "classes": classes, "quantile": bool(rng.random() < 0.4),
            "stroke": str(rng.choice([look["background"], look["background"], "#333", "#999", "none"])),
            "strokeWidth": float(rng.choice([0.5, 0.8, 1, 1.5])), "legend": bool(rng.random() < 0.8),
            "legendTitle": " ".join(text.words(rng, int(rng.integers(1, 4)))).capitalize() if rng.random() < 0.6 else None,
            "legendRight": bool(rng.random() < 0.4)}
    return draw("choropleth", width, height, look, spec, f"classes{classes}" if classes else "sequential")
