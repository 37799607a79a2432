"""Charts drawn with Apache ECharts (server-side SVG in Node.js) and rasterised with CairoSVG.

ECharts draws a large share of the charts on the web (dashboards, news, BI tools), with a look of
its own: top-centre legends, rounded bars, gradient areas, rose pies, slider zooms. Options are
built here as JSON and rendered by ``training/corpus/echarts/render.js``, one Node process per
corpus worker. Needs ``node`` on PATH and ``npm ci --prefix training/corpus/echarts``; without
them this module fails to import and the corpus skips it. Words are drawn without CJK
(``text.no_cjk()``): CairoSVG has no font for them here.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np

from training.corpus import data, synthgeo, text
from training.corpus.node_script import NodeScript
from training.corpus.raster import rasterise_svg
from training.corpus.registry import Rendered, renderer

LIB = "echarts"

_SCRIPT = NodeScript(Path(__file__).resolve().parent.parent / "echarts", "echarts")

# Palettes of ECharts' own themes (v4 default, v5 default, macarons, vintage, westeros, walden, infographic,
# shine, roma) and a few dashboard ones; None keeps the v6 default.
_PALETTES: list[list[str] | None] = [
    None, None,
    ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"],
    ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"],
    ["#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622", "#bda29a", "#6e7074", "#546570"],
    ["#2ec7c9", "#b6a2de", "#5ab1ef", "#ffb980", "#d87a80", "#8d98b3", "#e5cf0d", "#97b552", "#95706d", "#dc69aa"],
    ["#d87c7c", "#919e8b", "#d7ab82", "#6e7074", "#61a0a8", "#efa18d", "#787464", "#cc7e63", "#724e58", "#4b565b"],
    ["#516b91", "#59c4e6", "#edafda", "#93b7e3", "#a5e7f0", "#cbb0e3"],
    ["#3fb1e3", "#6be6c1", "#626c91", "#a0a7e6", "#c4ebad", "#96dee8"],
    ["#c1232b", "#27727b", "#fcce10", "#e87c25", "#b5c334", "#fe8463", "#9bca63", "#fad860", "#f3a43b", "#60c0dd"],
    ["#c12e34", "#e6b600", "#0098d9", "#2b821d", "#005eaa", "#339ca8", "#cda819", "#32a487"],
    ["#e01f54", "#001852", "#f5e8c8", "#b8d2c7", "#c6b38e", "#a4d8c2", "#f3d999", "#d3758f", "#dcc392", "#2e4783"],
    ["#1890ff", "#2fc25b", "#facc14", "#223273", "#8543e0", "#13c2c2", "#3436c7", "#f04864"],
    ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"],
]
_DARK_BACKGROUNDS = ["#100c2a", "#293441", "#1f1f1f", "#0f172a", "#2b2b2b", "#5b5c6e"]
_FONTS = ["sans-serif", "sans-serif", "DejaVu Sans", "Liberation Sans", "Liberation Serif", "serif", "monospace"]
_SEQUENTIAL = [["#f7fbff", "#6baed6", "#08306b"], ["#313695", "#ffffbf", "#a50026"], ["#fff5eb", "#fd8d3c", "#7f2704"],
               ["#440154", "#21918c", "#fde725"], ["#e0f3db", "#43a2ca"], ["#50a3ba", "#eac736", "#d94e5d"],
               ["#f2f0f7", "#756bb1"], ["#ffffcc", "#41b6c4", "#253494"], ["#edf8e9", "#31a354", "#006d2c"]]


def _draw(request: dict, style: str) -> Rendered:
    return Rendered(rasterise_svg(_SCRIPT.ask(request)["svg"]), style)


def _chart(rng: np.random.Generator, *, square: bool = False, legend: bool = False) -> tuple[dict, dict, str]:
    """A request with a random size and theme, and the option's common parts (title, colours, font, legend)."""
    w, h = text.pixel_size(rng, square, square_aspect=(0.75, 1.1), pixels_per_inch=(85, 130), max_side=1000,
                           min_size=(320, 260), p_square=0.7)
    dark = rng.random() < 0.15
    option: dict = {"textStyle": {"fontFamily": str(rng.choice(_FONTS)), "fontSize": int(rng.integers(10, 15))}}
    palette = _PALETTES[int(rng.integers(len(_PALETTES)))]
    if palette is not None:
        option["color"] = [palette[i] for i in rng.permutation(len(palette))] if rng.random() < 0.3 else palette
    if dark:
        option["backgroundColor"] = str(rng.choice(_DARK_BACKGROUNDS))
    elif rng.random() < 0.15:
        option["backgroundColor"] = str(rng.choice(["#fafafa", "#f5f7fa", "#fdf6e3", "#eef2f7"]))
    ttl = text.title(rng)
    if ttl:
        option["title"] = {"text": ttl, "left": str(rng.choice(["left", "center", "center"])),
                           "textStyle": {"fontSize": int(rng.integers(13, 22))}}
        if rng.random() < 0.25:
            option["title"]["subtext"] = " ".join(text.words(rng, int(rng.integers(2, 6)))).capitalize()
    if legend and rng.random() < 0.85:
        option["legend"] = {"top": "bottom" if rng.random() < 0.3 else ("12%" if ttl else "top"),
                            "left": str(rng.choice(["center", "center", "right", "left"])),
                            "icon": str(rng.choice(["roundRect", "circle", "rect", "line"])) if rng.random() < 0.4 else None}
        if rng.random() < 0.15:
            option["legend"].update(orient="vertical", top="middle", left="right")
    if rng.random() < 0.12:
        option["toolbox"] = {"feature": {"saveAsImage": {}, "dataView": {}, "restore": {}}}
    request = {"width": w, "height": h, "theme": "dark" if dark else None, "option": option}
    return request, option, f"{'dark' if dark else 'light'},{w}x{h}"


def _grid(rng: np.random.Generator) -> dict:
    return {"left": f"{int(rng.integers(3, 12))}%", "right": f"{int(rng.integers(3, 10))}%",
            "top": f"{int(rng.integers(12, 22))}%", "bottom": f"{int(rng.integers(6, 16))}%", "containLabel": True}


def _axes(rng: np.random.Generator, option: dict, categories: list[str] | None, *, horizontal: bool = False,
          boundary_gap: bool = True) -> None:
    """A category (or value, when ``categories`` is None) axis and a value axis, either way round."""
    category: dict = {"type": "value", "scale": True} if categories is None else {
        "type": "category", "data": categories, "boundaryGap": boundary_gap, "axisTick": {"alignWithLabel": True}}
    if categories is not None and len(categories) > 8 and not horizontal and rng.random() < 0.6:
        category["axisLabel"] = {"rotate": int(rng.choice([30, 45, 90]))}
    value: dict = {"type": "value", "splitLine": {"show": bool(rng.random() < 0.85),
                                                  "lineStyle": {"type": str(rng.choice(["solid", "dashed", "dotted"]))}}}
    if rng.random() < 0.35:
        value.update(name=" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize(), nameLocation="middle", nameGap=45)
    if rng.random() < 0.2:
        value["axisLine"] = {"show": True}
    option["grid"] = _grid(rng)
    option["xAxis"], option["yAxis"] = (value, category) if horizontal else (category, value)


def _r(values: np.ndarray, digits: int = 1) -> list[float]:
    return [round(float(v), digits) for v in values]


def _dates(rng: np.random.Generator, n: int) -> list[str]:
    start = np.datetime64("2015-01-01") + int(rng.integers(0, 3000))
    step = int(rng.choice([1, 7, 30]))
    return [str(start + i * step).replace("-", "/") for i in range(n)]


def _item_labels(rng: np.random.Generator, p: float, position: str = "top") -> dict:
    return {"show": True, "position": position} if rng.random() < p else {}


# ------------------------------------------------------------------------------------------------ bars


@renderer("bar", LIB)
@text.no_cjk()
def bar_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    n = int(rng.integers(3, 16))
    _axes(rng, option, text.categories(rng, n))
    radius = int(rng.choice([0, 0, 4, 8]))
    series = {"type": "bar", "data": _r(data.web_values(rng, n)), "barWidth": f"{int(rng.integers(35, 80))}%",
              "itemStyle": {"borderRadius": [radius, radius, 0, 0]}, "label": _item_labels(rng, 0.3),
              "showBackground": bool(rng.random() < 0.15), "colorBy": "data" if rng.random() < 0.2 else "series"}
    option["series"] = [series]
    return _draw(request, tag)


@renderer("horizontal_bar", LIB)
@text.no_cjk()
def horizontal_bar_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    n = int(rng.integers(3, 15))
    _axes(rng, option, text.categories(rng, n), horizontal=True)
    values = data.web_values(rng, n)
    if rng.random() < 0.5:
        values = np.sort(values)
    radius = int(rng.choice([0, 0, 4, 8]))
    option["series"] = [{"type": "bar", "data": _r(values), "barWidth": f"{int(rng.integers(35, 80))}%",
                         "itemStyle": {"borderRadius": [0, radius, radius, 0]}, "label": _item_labels(rng, 0.35, "right"),
                         "colorBy": "data" if rng.random() < 0.15 else "series"}]
    return _draw(request, tag)


def _multi_bar(rng: np.random.Generator, stacked: bool) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    n, k = int(rng.integers(3, 10)), int(rng.integers(2, 6 if stacked else 5))
    horizontal = rng.random() < 0.3
    _axes(rng, option, text.categories(rng, n), horizontal=horizontal)
    names = text.categories(rng, k)
    values = np.stack([data.web_values(rng, n) for _ in range(k)])
    if stacked and rng.random() < 0.3:
        values = values / values.sum(axis=0) * 100
    option["series"] = [{"type": "bar", "name": name, "data": _r(row), "stack": "total" if stacked else None,
                         "barGap": f"{int(rng.integers(0, 30))}%", "barWidth": None if rng.random() < 0.7 else f"{int(rng.integers(10, 25))}%",
                         "label": _item_labels(rng, 0.2, "inside" if stacked else ("right" if horizontal else "top"))}
                        for name, row in zip(names, values)]
    return _draw(request, tag + (",horizontal" if horizontal else ""))


@renderer("stacked_bar", LIB)
@text.no_cjk()
def stacked_bar_echarts(rng: np.random.Generator) -> Rendered:
    return _multi_bar(rng, stacked=True)


@renderer("grouped_bar", LIB)
@text.no_cjk()
def grouped_bar_echarts(rng: np.random.Generator) -> Rendered:
    return _multi_bar(rng, stacked=False)


@renderer("histogram", LIB)
@text.no_cjk()
def histogram_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    sample = rng.normal(0, 1, 800) if rng.random() < 0.5 else rng.gamma(rng.uniform(1.5, 5), 1, 800)
    counts, edges = np.histogram(sample * rng.uniform(5, 50) + rng.uniform(0, 100), bins=int(rng.integers(8, 31)))
    _axes(rng, option, [f"{e:.0f}" for e in edges[:-1]])
    border = {"borderColor": str(rng.choice(["#ffffff", "#333333"])), "borderWidth": 1} if rng.random() < 0.5 else {}
    option["series"] = [{"type": "bar", "data": [int(c) for c in counts], "barCategoryGap": str(rng.choice(["0%", "0%", "1%", "3%"])),
                         "itemStyle": border}]
    return _draw(request, tag)


@renderer("population_pyramid", LIB)
@text.no_cjk()
def population_pyramid_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    width = int(rng.choice([5, 5, 10]))
    ages = [f"{a}-{a + width - 1}" for a in range(0, 100 - width + 1, width)] + ["100+"]
    shape = np.exp(-np.linspace(0, rng.uniform(1.5, 4), len(ages))) * rng.uniform(2, 8)
    men = shape * rng.uniform(0.85, 1.15, len(ages))
    women = shape * rng.uniform(0.85, 1.15, len(ages))
    _axes(rng, option, ages, horizontal=True)
    option["yAxis"].update(axisTick={"show": False})
    gap = f"{int(rng.integers(2, 30))}%"
    colors = [["#4e79a7", "#e15759"], ["#3ba0ff", "#ff7eb6"], ["#5470c6", "#ee6666"], [None, None]][int(rng.integers(4))]
    option["series"] = [{"type": "bar", "name": name, "stack": "population", "data": _r(v, 2), "barCategoryGap": gap,
                         "itemStyle": {"color": color} if color else {}}
                        for name, v, color in (("Male", -men, colors[0]), ("Female", women, colors[1]))]
    return _draw(request, tag)


@renderer("waterfall", LIB)
@text.no_cjk()
def waterfall_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    cats, start, end, kinds = data.waterfall_steps(rng)
    _axes(rng, option, cats)
    up, down, total = (str(rng.choice(choices)) for choices in (["#91cc75", "#2ca02c", "#3ba272"], ["#ee6666", "#d62728", "#c23531"],
                                                                 ["#5470c6", "#1f77b4", "#6e7074"]))
    colors = {"start": total, "total": total, "up": up, "down": down}
    bars = [{"value": round(float(abs(e - s)), 1), "itemStyle": {"color": colors[k]}} for s, e, k in zip(start, end, kinds)]
    option["series"] = [
        {"type": "bar", "stack": "waterfall", "data": _r(np.minimum(start, end)), "silent": True,
         "itemStyle": {"color": "transparent", "borderColor": "transparent"}},
        {"type": "bar", "stack": "waterfall", "data": bars, "label": _item_labels(rng, 0.5, "top"),
         "barWidth": f"{int(rng.integers(40, 80))}%"},
    ]
    return _draw(request, tag)


@renderer("gantt", LIB)
@text.no_cjk()
def gantt_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    n = int(rng.integers(4, 16))
    tasks = [f"{' '.join(text.words(rng, int(rng.integers(1, 3)))).capitalize()}" for _ in range(n)]
    starts = np.cumsum(rng.integers(0, 6, n)).astype(float)
    lengths = rng.integers(2, 15, n).astype(float)
    _axes(rng, option, tasks, horizontal=True)
    option["yAxis"]["inverse"] = True
    option["xAxis"].update(axisLabel={"formatter": str(rng.choice(["Day {value}", "W{value}", "{value}"]))}, scale=False)
    option["xAxis"]["splitLine"]["show"] = True
    option["series"] = [
        {"type": "bar", "stack": "gantt", "data": _r(starts), "silent": True, "itemStyle": {"color": "transparent"}},
        {"type": "bar", "stack": "gantt", "data": _r(lengths), "barWidth": f"{int(rng.integers(40, 75))}%",
         "colorBy": "data" if rng.random() < 0.4 else "series",
         "itemStyle": {"borderRadius": int(rng.choice([0, 0, 3, 6]))}},
    ]
    return _draw(request, tag)


@renderer("lollipop", LIB)
@text.no_cjk()
def lollipop_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    n = int(rng.integers(5, 20))
    horizontal = rng.random() < 0.5
    _axes(rng, option, text.categories(rng, n), horizontal=horizontal)
    values = data.web_values(rng, n)
    if rng.random() < 0.5:
        values = np.sort(values)
    color = option.get("color", ["#5470c6"])[0]
    option["series"] = [
        {"type": "bar", "data": _r(values), "barWidth": int(rng.integers(1, 4)), "itemStyle": {"color": color}},
        {"type": "scatter", "data": _r(values), "symbolSize": int(rng.integers(8, 18)), "itemStyle": {"color": color},
         "symbol": str(rng.choice(["circle", "circle", "emptyCircle", "diamond"]))},
    ]
    return _draw(request, tag + (",horizontal" if horizontal else ""))


# ------------------------------------------------------------------------------------------------ lines and areas


def _lines(rng: np.random.Generator, filled: bool) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    k, n = int(rng.integers(1, 5)), int(rng.integers(8, 60))
    names = text.categories(rng, k)
    _axes(rng, option, _dates(rng, n), boundary_gap=False)
    stacked = filled and k > 1 and rng.random() < 0.6
    smooth = bool(rng.random() < 0.4)
    series = []
    for name in names:
        s = {"type": "line", "name": name, "data": _r(data.web_values(rng, n, trend=True)), "smooth": smooth,
             "showSymbol": bool(n < 25 and rng.random() < 0.5), "lineStyle": {"width": float(rng.uniform(1, 3))}}
        if filled:
            s["areaStyle"] = {"opacity": round(float(rng.uniform(0.3, 0.9)), 2)}
            s["stack"] = "total" if stacked else None
        elif rng.random() < 0.1:
            s["step"] = "middle"
        series.append(s)
    option["series"] = series
    if rng.random() < 0.12:
        option["dataZoom"] = [{"type": "slider", "start": 0, "end": 100}]
    return _draw(request, tag + (",stacked" if stacked else ""))


@renderer("line", LIB)
@text.no_cjk()
def line_echarts(rng: np.random.Generator) -> Rendered:
    return _lines(rng, filled=False)


@renderer("area", LIB)
@text.no_cjk()
def area_echarts(rng: np.random.Generator) -> Rendered:
    return _lines(rng, filled=True)


@renderer("stream", LIB)
@text.no_cjk()
def stream_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    k, n = int(rng.integers(4, 11)), int(rng.integers(15, 45))
    names = text.categories(rng, k)
    dates = _dates(rng, n)
    rows = []
    for name in names:
        centre, spread = rng.uniform(0, n), rng.uniform(n / 6, n / 2)
        values = rng.uniform(5, 40) * np.exp(-((np.arange(n) - centre) / spread) ** 2) + np.abs(rng.normal(0, 2, n)) + 1
        rows += [[d, round(float(v), 1), name] for d, v in zip(dates, values)]
    option["singleAxis"] = {"type": "time", "top": "15%", "bottom": "12%",
                            "splitLine": {"show": bool(rng.random() < 0.5)}}
    option["series"] = [{"type": "themeRiver", "data": rows, "label": {"show": bool(rng.random() < 0.3)}}]
    return _draw(request, tag)


@renderer("ridgeline", LIB)
@text.no_cjk()
def ridgeline_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    k = int(rng.integers(4, 11))
    names = text.categories(rng, k)
    x = np.linspace(0, 10, 80)
    overlap = rng.uniform(1.2, 2.5)
    option["grid"] = _grid(rng)
    option["xAxis"] = {"type": "value", "min": 0, "max": 10, "splitLine": {"show": bool(rng.random() < 0.3)}}
    option["yAxis"] = {"type": "value", "min": 0, "max": k + overlap, "axisLabel": {"show": False}, "splitLine": {"show": False}}
    series = []
    for i, name in reversed(list(enumerate(names))):  # the lowest ridge is drawn last, in front
        density = sum(rng.uniform(0.3, 1) * np.exp(-((x - rng.uniform(2, 8)) / rng.uniform(0.5, 1.8)) ** 2) for _ in range(int(rng.integers(1, 3))))
        density = density / density.max() * overlap
        stack = f"ridge{i}"
        series.append({"type": "line", "name": name, "stack": stack, "data": [[float(v), i] for v in x], "showSymbol": False,
                       "lineStyle": {"opacity": 0}, "endLabel": {"show": True, "formatter": "{a}"}})
        series.append({"type": "line", "stack": stack, "data": [[float(v), round(float(d), 3)] for v, d in zip(x, density)],
                       "showSymbol": False, "smooth": True, "areaStyle": {"opacity": round(float(rng.uniform(0.6, 1)), 2)},
                       "lineStyle": {"color": "#ffffff" if rng.random() < 0.5 else "#333333", "width": 1}})
    option["series"] = series
    return _draw(request, tag)


# ------------------------------------------------------------------------------------------------ points


@renderer("scatter", LIB)
@text.no_cjk()
def scatter_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    groups = text.categories(rng, int(rng.integers(1, 4)))
    _axes(rng, option, None)
    option["xAxis"]["splitLine"] = {"show": bool(rng.random() < 0.6)}
    size, symbol = int(rng.integers(4, 13)), str(rng.choice(["circle", "circle", "diamond", "triangle", "rect"]))
    series = []
    for name in groups:
        n = int(rng.integers(20, 200))
        x = rng.normal(rng.uniform(0, 100), rng.uniform(5, 25), n)
        y = x * rng.uniform(-2, 2) + rng.normal(0, rng.uniform(5, 40), n)
        series.append({"type": "scatter", "name": name, "symbol": symbol, "symbolSize": size,
                       "data": [[round(float(a), 2), round(float(b), 2)] for a, b in zip(x, y)],
                       "itemStyle": {"opacity": round(float(rng.uniform(0.5, 1)), 2)}})
    option["series"] = series
    return _draw(request, tag)


@renderer("bubble", LIB)
@text.no_cjk()
def bubble_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    groups = text.categories(rng, int(rng.integers(1, 5)))
    _axes(rng, option, None)
    biggest = rng.uniform(30, 80)
    series = []
    for name in groups:
        n = int(rng.integers(5, 30))
        x, y, z = rng.uniform(0, 100, n), rng.uniform(0, 100, n), rng.exponential(1, n) + 0.05
        sizes = biggest * np.sqrt(z / z.max())
        series.append({"type": "scatter", "name": name, "itemStyle": {"opacity": round(float(rng.uniform(0.45, 0.9)), 2),
                                                                     "borderColor": "#ffffff" if rng.random() < 0.5 else None},
                       "data": [{"value": [round(float(a), 1), round(float(b), 1)], "symbolSize": round(float(s), 1)}
                                for a, b, s in zip(x, y, sizes)]})
    option["series"] = series
    return _draw(request, tag)


# ------------------------------------------------------------------------------------------------ circles


def _slices(rng: np.random.Generator, k_range: tuple[int, int] = (3, 9)) -> list[dict]:
    k = int(rng.integers(*k_range))
    names = text.categories(rng, k)
    return [{"name": name, "value": round(float(v), 1)} for name, v in zip(names, rng.dirichlet(np.ones(k)) * 100 + 1)]


def _pie(rng: np.random.Generator, kind: str) -> Rendered:
    request, option, tag = _chart(rng, square=True, legend=True)
    outer = int(rng.integers(55, 78))
    series = {"type": "pie", "data": _slices(rng), "startAngle": int(rng.integers(0, 360)),
              "center": ["50%", f"{int(rng.integers(50, 60))}%"], "label": {"show": bool(rng.random() < 0.8),
                                                                          "position": str(rng.choice(["outside", "outside", "inside"]))}}
    if kind == "donut":
        series["radius"] = [f"{int(rng.integers(30, outer - 10))}%", f"{outer}%"]
        if rng.random() < 0.3:
            series["padAngle"] = int(rng.integers(1, 5))
    elif kind == "rose":
        series["radius"] = [f"{int(rng.choice([0, 0, 10, 20]))}%", f"{outer}%"]
        series["roseType"] = str(rng.choice(["area", "radius"]))
    else:
        series["radius"] = f"{outer}%"
    if rng.random() < 0.3:
        series["itemStyle"] = {"borderRadius": int(rng.integers(2, 10)), "borderColor": "#ffffff", "borderWidth": int(rng.integers(1, 4))}
    option["series"] = [series]
    return _draw(request, tag)


@renderer("pie", LIB)
@text.no_cjk()
def pie_echarts(rng: np.random.Generator) -> Rendered:
    return _pie(rng, "pie")


@renderer("donut", LIB)
@text.no_cjk()
def donut_echarts(rng: np.random.Generator) -> Rendered:
    return _pie(rng, "donut")


@renderer("polar_area", LIB)
@text.no_cjk()
def polar_area_echarts(rng: np.random.Generator) -> Rendered:
    if rng.random() < 0.5:
        return _pie(rng, "rose")
    request, option, tag = _chart(rng, square=True)
    n = int(rng.integers(4, 13))
    cats = text.categories(rng, n)
    radial_bars = rng.random() < 0.35  # bars bent round the centre, one ring per category
    option["polar"] = {"radius": [f"{int(rng.choice([0, 0, 10, 25]))}%", f"{int(rng.integers(65, 80))}%"]}
    category, value = {"type": "category", "data": cats}, {"type": "value", "axisLabel": {"show": bool(rng.random() < 0.5)}}
    option["angleAxis"], option["radiusAxis"] = (value, category) if radial_bars else (category, value)
    option["series"] = [{"type": "bar", "coordinateSystem": "polar", "data": _r(data.web_values(rng, n)), "colorBy": "data" if rng.random() < 0.7 else "series",
                         "barCategoryGap": str(rng.choice(["0%", "5%", "20%"]))}]
    return _draw(request, tag + (",radial_bar" if radial_bars else ",polar_bar"))


@renderer("gauge", LIB)
@text.no_cjk()
def gauge_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, square=True)
    value = round(float(rng.uniform(5, 95)), int(rng.integers(0, 2)))
    width = int(rng.integers(8, 30))
    series: dict = {"type": "gauge", "data": [{"value": value, "name": text.words(rng, 1)[0].capitalize() if rng.random() < 0.6 else ""}],
                    "detail": {"formatter": str(rng.choice(["{value}", "{value}%"])), "fontSize": int(rng.integers(16, 36))},
                    "axisLine": {"lineStyle": {"width": width}}}
    if rng.random() < 0.4:
        series.update(startAngle=180, endAngle=0, center=["50%", "70%"])
    if rng.random() < 0.4:  # a filled band instead of a needle
        series.update(progress={"show": True, "width": width}, pointer={"show": False}, axisTick={"show": False},
                      splitLine={"show": False}, axisLabel={"show": bool(rng.random() < 0.3)})
    elif rng.random() < 0.5:
        bands = np.sort(rng.uniform(0.2, 0.9, 2))
        series["axisLine"]["lineStyle"]["color"] = [[round(float(bands[0]), 2), "#67e0e3"], [round(float(bands[1]), 2), "#37a2da"], [1, "#fd666d"]]
    option["series"] = [series]
    return _draw(request, tag)


@renderer("radar", LIB)
@text.no_cjk()
def radar_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, square=True, legend=True)
    axes = text.categories(rng, int(rng.integers(4, 10)))
    names = text.categories(rng, int(rng.integers(1, 4)))
    option["radar"] = {"indicator": [{"name": a, "max": 100} for a in axes], "shape": str(rng.choice(["polygon", "polygon", "circle"])),
                       "radius": f"{int(rng.integers(55, 72))}%", "splitArea": {"show": bool(rng.random() < 0.6)}}
    filled = rng.random() < 0.6
    option["series"] = [{"type": "radar", "data": [{"name": name, "value": _r(rng.uniform(20, 100, len(axes))),
                                                    "areaStyle": {"opacity": 0.3} if filled else None} for name in names]}]
    return _draw(request, tag)


# ------------------------------------------------------------------------------------------------ distributions, matrices


@renderer("box", LIB)
@text.no_cjk()
def box_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    n = int(rng.integers(3, 11))
    horizontal = rng.random() < 0.25
    _axes(rng, option, text.categories(rng, n), horizontal=horizontal)
    boxes, outliers = [], []
    for i in range(n):
        sample = rng.normal(rng.uniform(20, 80), rng.uniform(3, 15), int(rng.integers(30, 200)))
        q1, median, q3 = np.percentile(sample, [25, 50, 75])
        low, high = max(sample.min(), q1 - 1.5 * (q3 - q1)), min(sample.max(), q3 + 1.5 * (q3 - q1))
        boxes.append(_r(np.array([low, q1, median, q3, high]), 2))
        outliers += [[i, round(float(v), 2)] if not horizontal else [round(float(v), 2), i] for v in sample if v < low or v > high]
    option["series"] = [{"type": "boxplot", "data": boxes, "boxWidth": [7, f"{int(rng.integers(30, 70))}%"],
                         "itemStyle": {"borderWidth": float(rng.uniform(1, 2.5))} if rng.random() < 0.5 else {}},
                        {"type": "scatter", "data": outliers, "symbolSize": int(rng.integers(4, 9))}]
    return _draw(request, tag + (",horizontal" if horizontal else ""))


@renderer("candlestick", LIB)
@text.no_cjk()
def candlestick_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    n = int(rng.integers(20, 120))
    open_, high, low, close = data.price_series(rng, n)
    _axes(rng, option, _dates(rng, n))
    option["yAxis"]["scale"] = True
    series: list[dict] = [{"type": "candlestick", "data": [[round(float(v), 2) for v in row] for row in zip(open_, close, low, high)]}]
    if rng.random() < 0.4:
        series[0]["itemStyle"] = {"color": "#26a69a", "color0": "#ef5350", "borderColor": "#26a69a", "borderColor0": "#ef5350"}
    if rng.random() < 0.4:
        window = int(rng.choice([5, 10, 20]))
        average = np.convolve(close, np.ones(window) / window, mode="valid")
        series.append({"type": "line", "data": ["-"] * (window - 1) + _r(average, 2), "showSymbol": False, "smooth": True, "lineStyle": {"width": 1}})
    option["series"] = series
    if rng.random() < 0.25:
        option["dataZoom"] = [{"type": "slider", "start": int(rng.integers(0, 40)), "end": 100}]
    return _draw(request, tag)


@renderer("heatmap", LIB)
@text.no_cjk()
def heatmap_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    colors = _SEQUENTIAL[int(rng.integers(len(_SEQUENTIAL)))]
    if rng.random() < 0.25:  # a calendar heatmap
        year = int(rng.integers(2016, 2026))
        days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))
        option["calendar"] = {"range": str(year), "cellSize": ["auto", int(rng.integers(10, 20))], "top": "25%", "left": "5%", "right": "5%"}
        option["series"] = [{"type": "heatmap", "coordinateSystem": "calendar",
                             "data": [[str(d), int(v)] for d, v in zip(days, rng.poisson(rng.uniform(2, 20), len(days)))]}]
        option["visualMap"] = {"min": 0, "max": 30, "inRange": {"color": colors}, "orient": "horizontal", "left": "center", "bottom": 0}
        return _draw(request, tag + ",calendar")
    nx_, ny = int(rng.integers(4, 25)), int(rng.integers(3, 13))
    _axes(rng, option, text.categories(rng, nx_))
    option["yAxis"] = {"type": "category", "data": text.categories(rng, ny), "splitArea": {"show": True}}
    values = rng.normal(0, 1, (ny, nx_)).cumsum(axis=int(rng.integers(2))) + rng.uniform(0, 5)
    option["series"] = [{"type": "heatmap", "data": [[x, y, round(float(values[y, x]), 2)] for y in range(ny) for x in range(nx_)],
                         "label": {"show": bool(nx_ * ny < 80 and rng.random() < 0.5)},
                         "itemStyle": {"borderColor": "#ffffff", "borderWidth": int(rng.integers(0, 3))}}]
    option["visualMap"] = {"min": round(float(values.min()), 2), "max": round(float(values.max()), 2), "calculable": True,
                           "inRange": {"color": colors}, "show": bool(rng.random() < 0.8),
                           "orient": str(rng.choice(["vertical", "horizontal"])), "right": 0, "bottom": "5%"}
    option["grid"]["right"] = "15%"
    return _draw(request, tag)


@renderer("waffle", LIB)
@text.no_cjk()
def waffle_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, square=True)
    names, cells, rows, cols = data.waffle_cells(rng)
    hidden = {"show": False}
    option["grid"] = {"left": "10%", "right": "10%", "top": "18%", "bottom": "15%"}
    option["xAxis"] = {"type": "category", "data": list(range(cols)), "axisLine": hidden, "axisLabel": hidden, "axisTick": hidden}
    option["yAxis"] = {"type": "category", "data": list(range(rows)), "axisLine": hidden, "axisLabel": hidden, "axisTick": hidden, "inverse": True}
    palette = option.get("color") or _PALETTES[2]
    option["visualMap"] = {"type": "piecewise", "pieces": [{"value": i, "label": name, "color": palette[i % len(palette)]} for i, name in enumerate(names)],
                           "orient": "horizontal", "left": "center", "bottom": 0, "show": bool(rng.random() < 0.7)}
    gap = int(rng.integers(1, 5))
    option["series"] = [{"type": "heatmap", "data": [[j % cols, j // cols, int(g)] for j, g in enumerate(cells)],
                         "itemStyle": {"borderColor": option.get("backgroundColor", "#ffffff"), "borderWidth": gap,
                                       "borderRadius": int(rng.choice([0, 0, 2, 4]))}}]
    return _draw(request, tag)


@renderer("parallel_coordinates", LIB)
@text.no_cjk()
def parallel_coordinates_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    dims = text.categories(rng, int(rng.integers(4, 9)))
    groups = text.categories(rng, int(rng.integers(1, 4)))
    option["parallelAxis"] = [{"dim": i, "name": d} for i, d in enumerate(dims)]
    option["parallel"] = {"left": "6%", "right": "10%", "top": "20%", "bottom": "10%"}
    series = []
    for name in groups:
        centre = rng.uniform(10, 90, len(dims))
        rows = centre + rng.normal(0, rng.uniform(5, 20), (int(rng.integers(15, 80)), len(dims)))
        series.append({"type": "parallel", "name": name, "data": [_r(r) for r in rows],
                       "lineStyle": {"width": float(rng.uniform(0.8, 2)), "opacity": round(float(rng.uniform(0.3, 0.8)), 2)}})
    option["series"] = series
    return _draw(request, tag)


# ------------------------------------------------------------------------------------------------ hierarchies, flows, maps


def _tree(rng: np.random.Generator, depth: int, max_children: int) -> list[dict]:
    names = text.categories(rng, max_children)
    nodes = []
    for name in names[: int(rng.integers(2, max_children + 1))]:
        node: dict = {"name": name}
        if depth > 1 and rng.random() < 0.8:
            node["children"] = _tree(rng, depth - 1, max_children)
        else:
            node["value"] = round(float(rng.exponential(20) + 1), 1)
        nodes.append(node)
    return nodes


@renderer("treemap", LIB)
@text.no_cjk()
def treemap_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    option["series"] = [{"type": "treemap", "data": _tree(rng, int(rng.integers(1, 3)), 7), "roam": False, "nodeClick": False,
                         "breadcrumb": {"show": bool(rng.random() < 0.5)}, "upperLabel": {"show": bool(rng.random() < 0.4), "height": 20},
                         "levels": [{"itemStyle": {"gapWidth": int(rng.integers(0, 4)), "borderWidth": int(rng.integers(0, 3))}},
                                    {"itemStyle": {"gapWidth": 1}, "colorSaturation": [0.35, 0.6]}]}]
    return _draw(request, tag)


@renderer("sunburst", LIB)
@text.no_cjk()
def sunburst_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, square=True)
    option["series"] = [{"type": "sunburst", "data": _tree(rng, int(rng.integers(2, 4)), 5),
                         "radius": [f"{int(rng.choice([0, 10, 20]))}%", f"{int(rng.integers(75, 92))}%"],
                         "label": {"rotate": str(rng.choice(["radial", "tangential"])), "show": bool(rng.random() < 0.8)},
                         "itemStyle": {"borderColor": "#ffffff", "borderWidth": int(rng.integers(1, 3))}}]
    return _draw(request, tag)


@renderer("dendrogram", LIB)
@text.no_cjk()
def dendrogram_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    radial = rng.random() < 0.2
    series: dict = {"type": "tree", "data": [{"name": "", "children": _tree(rng, int(rng.integers(2, 5)), 4)}],
                    "symbol": str(rng.choice(["none", "emptyCircle", "circle"])), "symbolSize": int(rng.integers(4, 9)),
                    "top": "12%", "bottom": "8%", "left": "8%", "right": "15%", "expandAndCollapse": False,
                    "lineStyle": {"width": float(rng.uniform(1, 2.5))}, "label": {"show": bool(rng.random() < 0.6)}}
    if radial:
        series["layout"] = "radial"
    else:
        series.update(orient=str(rng.choice(["LR", "TB", "RL", "BT"])), edgeShape=str(rng.choice(["polyline", "polyline", "curve"])))
    option["series"] = [series]
    return _draw(request, tag + (",radial" if radial else ""))


@renderer("sankey", LIB)
@text.no_cjk()
def sankey_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    layers = [text.categories(rng, int(rng.integers(2, 6))) for _ in range(int(rng.integers(2, 5)))]
    names = [name for layer in layers for name in layer]
    if len(set(names)) < len(names):  # the same word in two layers would make a cycle
        layers = [[f"{name} {i + 1}" for name in layer] for i, layer in enumerate(layers)]
    links = []
    for left, right in zip(layers, layers[1:]):
        for source in left:
            for target in rng.choice(right, size=int(rng.integers(1, len(right) + 1)), replace=False):
                links.append({"source": source, "target": str(target), "value": round(float(rng.exponential(20) + 1), 1)})
    vertical = rng.random() < 0.1
    option["series"] = [{"type": "sankey", "data": [{"name": n} for layer in layers for n in layer], "links": links,
                         "orient": "vertical" if vertical else "horizontal", "nodeWidth": int(rng.integers(8, 30)),
                         "nodeGap": int(rng.integers(4, 16)), "left": "5%", "right": "12%", "top": "12%", "bottom": "6%",
                         "lineStyle": {"color": str(rng.choice(["gradient", "source", "target"])), "opacity": round(float(rng.uniform(0.25, 0.6)), 2),
                                       "curveness": 0.5}}]
    return _draw(request, tag)


@renderer("chord", LIB)
@text.no_cjk()
def chord_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, square=True, legend=True)
    names = text.categories(rng, int(rng.integers(4, 10)))
    links = [{"source": a, "target": b, "value": round(float(rng.exponential(10) + 1), 1)}
             for i, a in enumerate(names) for b in names[i + 1:] if rng.random() < 0.6]
    option["series"] = [{"type": "chord", "data": [{"name": n} for n in names], "links": links, "radius": ["70%", f"{int(rng.integers(74, 82))}%"],
                         "padAngle": int(rng.integers(1, 6)), "label": {"show": bool(rng.random() < 0.8)},
                         "lineStyle": {"color": str(rng.choice(["source", "target", "gradient"])), "opacity": round(float(rng.uniform(0.3, 0.7)), 2)}}]
    return _draw(request, tag)


@renderer("network", LIB)
@text.no_cjk()
def network_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, square=True)
    n = int(rng.integers(8, 60))
    seed = int(rng.integers(2**31))
    graph = nx.barabasi_albert_graph(n, int(rng.integers(1, 3)), seed=seed) if rng.random() < 0.5 else nx.connected_watts_strogatz_graph(n, 4, 0.3, seed=seed)
    circular = rng.random() < 0.25
    positions = nx.circular_layout(graph) if circular else nx.spring_layout(graph, seed=seed)
    degree = dict(graph.degree())
    groups = int(rng.integers(1, 5))
    option["series"] = [{"type": "graph", "layout": "none", "roam": False,
                         "categories": [{"name": f"Group {g + 1}"} for g in range(groups)],
                         "data": [{"name": str(v), "x": round(float(positions[v][0]), 3), "y": round(float(positions[v][1]), 3),
                                   "symbolSize": round(float(5 + 3 * degree[v] ** 0.8), 1), "category": int(v % groups)} for v in graph.nodes],
                         "links": [{"source": str(a), "target": str(b)} for a, b in graph.edges],
                         "label": {"show": bool(rng.random() < 0.3)},
                         "lineStyle": {"color": "source" if rng.random() < 0.4 else "#aaa", "curveness": round(float(rng.choice([0, 0, 0.2, 0.3])), 1),
                                       "opacity": round(float(rng.uniform(0.4, 0.9)), 2)}}]
    return _draw(request, tag + (",circular" if circular else ""))


@renderer("funnel", LIB)
@text.no_cjk()
def funnel_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng, legend=True)
    k = int(rng.integers(3, 8))
    stages = text.categories(rng, k)
    values = np.sort(rng.uniform(5, 100, k))[::-1]
    option["series"] = [{"type": "funnel", "data": [{"name": s, "value": round(float(v), 1)} for s, v in zip(stages, values)],
                         "sort": "ascending" if rng.random() < 0.1 else "descending", "gap": int(rng.integers(0, 5)),
                         "left": f"{int(rng.integers(5, 25))}%", "width": f"{int(rng.integers(50, 80))}%", "top": "15%", "bottom": "8%",
                         "label": {"position": str(rng.choice(["inside", "right", "left"]))}}]
    return _draw(request, tag)


@renderer("choropleth", LIB)
@text.no_cjk()
def choropleth_echarts(rng: np.random.Generator) -> Rendered:
    request, option, tag = _chart(rng)
    regions = synthgeo.regions(rng, n=int(rng.integers(12, 70)))
    request["map"] = regions
    names = [f["properties"]["name"] for f in regions["features"]]
    values = rng.gamma(2, 20, len(names))
    colors = _SEQUENTIAL[int(rng.integers(len(_SEQUENTIAL)))]
    if rng.random() < 0.3:
        bounds = np.quantile(values, [0.25, 0.5, 0.75])
        option["visualMap"] = {"type": "piecewise", "pieces": [{"max": round(float(bounds[0]), 1)}, {"min": round(float(bounds[0]), 1), "max": round(float(bounds[1]), 1)},
                                                                 {"min": round(float(bounds[1]), 1), "max": round(float(bounds[2]), 1)}, {"min": round(float(bounds[2]), 1)}],
                               "inRange": {"color": colors}, "left": "left", "bottom": "5%"}
    else:
        option["visualMap"] = {"min": 0, "max": round(float(values.max()), 1), "inRange": {"color": colors}, "calculable": True,
                               "left": "left", "bottom": "5%", "show": bool(rng.random() < 0.8)}
    option["series"] = [{"type": "map", "map": "regions", "roam": False, "data": [{"name": n, "value": round(float(v), 1)} for n, v in zip(names, values)],
                         "itemStyle": {"borderColor": str(rng.choice(["#ffffff", "#999999", "#333333"])), "borderWidth": round(float(rng.uniform(0.3, 1.2)), 1)},
                         "label": {"show": False}}]
    return _draw(request, tag)
