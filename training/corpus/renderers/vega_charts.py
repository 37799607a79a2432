"""Charts written as raw Vega specs (layouts Vega-Lite lacks), rendered offline by vl-convert.

Trees (dendrogram-style cluster layouts, linear and radial), sunbursts and treemaps. (A force-directed network was
tried and dropped: vl-convert rendered it blank.)
Vega's ``random()`` expressions are never used, so every image follows from the ``rng``.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from training.corpus import text
from training.corpus.raster import flatten_png
from training.corpus.registry import Rendered, renderer

LIB = "vega"
_SCHEMA = "https://vega.github.io/schema/vega/v5.json"
_CAT = ["category10", "category20", "tableau10", "tableau20", "set1", "set2", "set3", "dark2", "paired", "pastel1", "accent", "observable10"]
_SEQ = ["viridis", "magma", "blues", "greens", "oranges", "purples", "teals", "plasma", "turbo", "goldgreen", "bluepurple", "yelloworangered"]
_FONTS = ["sans-serif", "Liberation Sans", "DejaVu Sans", "Noto Sans", "Liberation Serif", "DejaVu Sans Mono"]


def _png(rng: np.random.Generator, spec: dict, dark: bool) -> Image.Image:
    import vl_convert as vlc

    spec.setdefault("background", "#1e1e1e" if dark else str(rng.choice(["white", "white", "#fafafa", "#f5f5f0"])))
    png = vlc.vega_to_png(spec, scale=float(rng.uniform(1.0, 1.3)))
    return flatten_png(png, (30, 30, 30) if dark else (255, 255, 255))


def _size(rng: np.random.Generator, square: bool = False) -> tuple[int, int]:
    return text.pixel_size(rng, square, square_aspect=(0.85, 1.0), pixels_per_inch=(70, 110), max_side=800,
                           min_size=(240, 220))


def _title(rng: np.random.Generator, fg: str) -> dict | None:
    t = text.title(rng)
    return {"text": t, "color": fg, "fontSize": int(rng.integers(12, 20)), "anchor": str(rng.choice(["start", "middle"]))} if t else None


def _random_tree(rng: np.random.Generator, n: int, max_children: int = 5) -> list[dict]:
    nodes = [{"id": 0, "parent": None, "name": text.words(rng, 1)[0].title(), "size": 0}]
    frontier = [0]
    names = text.categories(rng, n)
    while len(nodes) < n:
        if not frontier:  # the growth died out early: keep branching from a random node
            frontier.append(int(rng.integers(0, len(nodes))))
        p = frontier.pop(0)
        for _ in range(int(rng.integers(1 if p else 2, max_children + 1))):
            if len(nodes) >= n:
                break
            i = len(nodes)
            nodes.append({"id": i, "parent": p, "name": names[i % len(names)], "size": float(rng.exponential(10) + 1)})
            if rng.random() < 0.6:
                frontier.append(i)
    return nodes


def _cluster_nodes(rng: np.random.Generator) -> list[dict]:
    """Binary tree from agglomerative clustering of random points (a real dendrogram topology)."""
    from scipy.cluster.hierarchy import linkage, to_tree

    n = int(rng.integers(6, 30))
    k = int(rng.integers(2, 5))
    X = rng.normal(0, 4, (k, 3))[rng.integers(0, k, n)] + rng.normal(0, 1, (n, 3))
    root = to_tree(linkage(X, str(rng.choice(["average", "complete", "ward", "single"]))))
    labels = text.categories(rng, n) if rng.random() < 0.6 else [f"S{i}" for i in range(n)]
    out: list[dict] = []

    def walk(node, parent):
        i = len(out)
        out.append({"id": i, "parent": parent, "name": labels[node.id] if node.is_leaf() else "", "size": 1.0, "h": float(node.dist)})
        if not node.is_leaf():
            walk(node.get_left(), i)
            walk(node.get_right(), i)

    walk(root, None)
    return out


@renderer("dendrogram", LIB)
def dendrogram_vega(rng: np.random.Generator) -> Rendered:
    dark = rng.random() < 0.15
    fg = "#dddddd" if dark else "#333333"
    w, h = _size(rng)
    nodes = _cluster_nodes(rng) if rng.random() < 0.6 else _random_tree(rng, int(rng.integers(8, 40)))
    horizontal = rng.random() < 0.6
    method = "cluster" if rng.random() < 0.75 else "tidy"
    shape = "orthogonal" if rng.random() < 0.75 else str(rng.choice(["diagonal", "line"]))
    size = [{"signal": "height"}, {"signal": "width - 90"}] if horizontal else [{"signal": "width"}, {"signal": "height - 60"}]
    as_ = ["y", "x", "depth", "children"] if horizontal else ["x", "y", "depth", "children"]
    stroke = str(rng.choice(["#555555", "#1f77b4", "#888888", "#d62728", "#2ca02c"])) if not dark else "#bbbbbb"
    show_nodes = rng.random() < 0.5
    spec = {
        "$schema": _SCHEMA, "width": w, "height": h, "padding": int(rng.integers(5, 25)),
        "data": [
            {"name": "tree", "values": nodes, "transform": [{"type": "stratify", "key": "id", "parentKey": "parent"},
                                                           {"type": "tree", "method": method, "size": size, "as": as_}]},
            {"name": "links", "source": "tree", "transform": [{"type": "treelinks"}, {"type": "linkpath", "orient": "horizontal" if horizontal else "vertical", "shape": shape}]},
        ],
        "scales": [{"name": "color", "type": "ordinal", "domain": {"data": "tree", "field": "depth"}, "range": {"scheme": str(rng.choice(_CAT))}}],
        "marks": [
            {"type": "path", "from": {"data": "links"}, "encode": {"update": {"path": {"field": "path"}, "stroke": {"value": stroke}, "strokeWidth": {"value": float(rng.uniform(0.8, 2.2))}}}},
            {"type": "symbol", "from": {"data": "tree"}, "encode": {"update": {"x": {"field": "x"}, "y": {"field": "y"}, "size": {"value": float(rng.uniform(15, 80)) if show_nodes else 0},
                                                                             "fill": {"scale": "color", "field": "depth"}}}},
            {"type": "text", "from": {"data": "tree"}, "encode": {"update": {
                "x": {"field": "x"}, "y": {"field": "y"}, "text": {"field": "name"}, "fill": {"value": fg}, "font": {"value": str(rng.choice(_FONTS))},
                "fontSize": {"value": int(rng.integers(8, 12))}, "baseline": {"value": "middle"},
                **({"dx": {"signal": "datum.children ? -6 : 6"}, "align": {"signal": "datum.children ? 'right' : 'left'"}} if horizontal else
                   {"dy": {"signal": "datum.children ? -8 : 10"}, "angle": {"signal": "datum.children ? 0 : 90"}, "align": {"signal": "datum.children ? 'center' : 'left'"}})}}},
        ],
    }
    t = _title(rng, fg)
    if t:
        spec["title"] = t
    return Rendered(_png(rng, spec, dark), f"vega,dendrogram,{method},{shape}")


@renderer("dendrogram", LIB)
def radial_dendrogram_vega(rng: np.random.Generator) -> Rendered:
    """Radial tree / circular dendrogram (leaves on a circle, links bent around the centre)."""
    dark = rng.random() < 0.15
    fg = "#dddddd" if dark else "#333333"
    w, h = _size(rng, square=True)
    nodes = _cluster_nodes(rng) if rng.random() < 0.5 else _random_tree(rng, int(rng.integers(15, 70)))
    radius = min(w, h) / 2 - 50
    shape = str(rng.choice(["orthogonal", "diagonal", "line"], p=[0.45, 0.45, 0.1]))
    extent = float(rng.choice([360, 360, 360, 300, 270]))
    rot = float(rng.uniform(0, 360))
    stroke = str(rng.choice(["#555555", "#1f77b4", "#999999", "#d62728"])) if not dark else "#bbbbbb"
    cx, cy = w / 2, h / 2
    spec = {
        "$schema": _SCHEMA, "width": w, "height": h, "padding": 5, "autosize": "none",
        "data": [
            {"name": "tree", "values": nodes, "transform": [
                {"type": "stratify", "key": "id", "parentKey": "parent"},
                {"type": "tree", "method": "cluster" if rng.random() < 0.75 else "tidy", "size": [1, radius], "as": ["alpha", "radius", "depth", "children"]},
                {"type": "formula", "expr": f"({rot} + {extent} * datum.alpha + 270) % 360", "as": "angle"},
                {"type": "formula", "expr": "PI * datum.angle / 180", "as": "radians"},
                {"type": "formula", "expr": "inrange(datum.angle, [90, 270])", "as": "leftside"},
                {"type": "formula", "expr": f"{cx} + datum.radius * cos(datum.radians)", "as": "x"},
                {"type": "formula", "expr": f"{cy} + datum.radius * sin(datum.radians)", "as": "y"}]},
            {"name": "links", "source": "tree", "transform": [
                {"type": "treelinks"},
                {"type": "linkpath", "shape": shape, "orient": "radial", "sourceX": "source.radians", "sourceY": "source.radius", "targetX": "target.radians", "targetY": "target.radius"}]},
        ],
        "scales": [{"name": "color", "type": "ordinal", "domain": {"data": "tree", "field": "depth"}, "range": {"scheme": str(rng.choice(_CAT))}}],
        "marks": [
            {"type": "path", "from": {"data": "links"}, "encode": {"update": {"x": {"value": cx}, "y": {"value": cy}, "path": {"field": "path"}, "stroke": {"value": stroke},
                                                                            "strokeWidth": {"value": float(rng.uniform(0.7, 1.8))}}}},
            {"type": "symbol", "from": {"data": "tree"}, "encode": {"update": {"x": {"field": "x"}, "y": {"field": "y"}, "size": {"value": float(rng.uniform(10, 60)) if rng.random() < 0.6 else 0},
                                                                             "fill": {"scale": "color", "field": "depth"}}}},
            {"type": "text", "from": {"data": "tree"}, "encode": {"update": {
                "x": {"field": "x"}, "y": {"field": "y"}, "dx": {"signal": "(datum.leftside ? -1 : 1) * 6"}, "angle": {"signal": "datum.leftside ? datum.angle - 180 : datum.angle"},
                "align": {"signal": "datum.leftside ? 'right' : 'left'"}, "baseline": {"value": "middle"}, "text": {"signal": "datum.children ? '' : datum.name"},
                "fontSize": {"value": int(rng.integers(7, 11))}, "fill": {"value": fg}, "font": {"value": str(rng.choice(_FONTS))}}}},
        ],
    }
    t = _title(rng, fg)
    if t:
        spec["title"] = t
    return Rendered(_png(rng, spec, dark), f"vega,dendrogram,radial,{shape}")


def _hier_spec(rng: np.random.Generator, kind: str, w: int, h: int, dark: bool) -> dict:
    nodes = _random_tree(rng, int(rng.integers(10, 60)), max_children=6)
    fg = "#dddddd" if dark else "#333333"
    scheme = str(rng.choice(_CAT if rng.random() < 0.7 else _SEQ))
    colour_by = "depth" if kind == "sunburst" and rng.random() < 0.5 else "top"
    tx = [{"type": "stratify", "key": "id", "parentKey": "parent"}]
    if kind == "sunburst":
        tx.append({"type": "partition", "field": "size", "sort": {"field": "value"}, "size": [{"signal": "2 * PI"}, {"signal": "min(width, height) / 2"}],
                   "as": ["a0", "r0", "a1", "r1", "depth", "children"]})
    else:
        tx.append({"type": "treemap", "field": "size", "sort": {"field": "value"}, "round": True, "method": str(rng.choice(["squarify", "squarify", "binary", "slicedice", "resquarify"])),
                   "paddingInner": float(rng.choice([0, 1, 2])), "paddingOuter": float(rng.choice([0, 2, 4])), "paddingTop": float(rng.choice([0, 0, 14])),
                   "ratio": float(rng.uniform(1, 2)), "size": [{"signal": "width"}, {"signal": "height"}]})
    # colour leaves by their top-level ancestor: computed here, passed as a field
    parent = {nd["id"]: nd["parent"] for nd in nodes}
    for nd in nodes:
        a = nd["id"]
        while parent.get(a) not in (None, 0):
            a = parent[a]
        nd["top"] = a
    spec = {"$schema": _SCHEMA, "width": w, "height": h, "padding": int(rng.integers(2, 15)), "autosize": "pad",
            "data": [{"name": "tree", "values": nodes, "transform": tx}],
            "scales": [{"name": "color", "type": "ordinal", "domain": {"data": "tree", "field": colour_by}, "range": {"scheme": scheme}}]}
    stroke = "#1e1e1e" if dark else "white"
    if kind == "sunburst":
        spec["marks"] = [{"type": "arc", "from": {"data": "tree"}, "encode": {"enter": {
            "x": {"signal": "width / 2"}, "y": {"signal": "height / 2"}, "fill": {"scale": "color", "field": colour_by}, "fillOpacity": {"signal": "datum.depth == 0 ? 0 : 1 - datum.depth * 0.12"},
            "startAngle": {"field": "a0"}, "endAngle": {"field": "a1"}, "innerRadius": {"field": "r0"}, "outerRadius": {"field": "r1"}, "stroke": {"value": stroke}, "strokeWidth": {"value": float(rng.uniform(0.5, 2))}}}}]
    else:
        spec["marks"] = [
            {"type": "rect", "from": {"data": "tree"}, "interactive": False, "encode": {"enter": {"fill": {"scale": "color", "field": "top"}, "fillOpacity": {"signal": f"datum.children ? {rng.uniform(0.2, 0.5):.2f} : 1"}},
                                                                                        "update": {"x": {"field": "x0"}, "y": {"field": "y0"}, "x2": {"field": "x1"}, "y2": {"field": "y1"},
                                                                                                   "stroke": {"value": stroke}, "strokeWidth": {"value": float(rng.uniform(0.5, 2.5))}}}},
        ]
        if rng.random() < 0.7:
            spec["marks"].append({"type": "text", "from": {"data": "tree"}, "encode": {"enter": {"fill": {"value": "white" if rng.random() < 0.6 else "#222"}, "fontSize": {"value": int(rng.integers(8, 13))},
                                                                                          "text": {"signal": "datum.children ? '' : datum.name"}, "font": {"value": str(rng.choice(_FONTS))}},
                                                                                "update": {"x": {"signal": "datum.x0 + 4"}, "y": {"signal": "datum.y0 + 12"}}}})
    t = _title(rng, fg)
    if t:
        spec["title"] = t
    return spec


@renderer("sunburst", LIB)
def sunburst_vega(rng: np.random.Generator) -> Rendered:
    dark = rng.random() < 0.15
    w, h = _size(rng, square=True)
    return Rendered(_png(rng, _hier_spec(rng, "sunburst", w, h, dark), dark), "vega,sunburst")


@renderer("treemap", LIB)
def treemap_vega(rng: np.random.Generator) -> Rendered:
    dark = rng.random() < 0.15
    w, h = _size(rng)
    return Rendered(_png(rng, _hier_spec(rng, "treemap", w, h, dark), dark), "vega,treemap")
