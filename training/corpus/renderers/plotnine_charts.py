"""Charts with the ggplot2 look, drawn by plotnine (on matplotlib's Agg backend)."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import plotnine as p9  # noqa: E402
from PIL import Image  # noqa: E402

from training.corpus import data, synthgeo, text  # noqa: E402
from training.corpus.registry import Rendered, renderer  # noqa: E402

LIB = "plotnine"

_THEMES = ["theme_gray", "theme_gray", "theme_bw", "theme_minimal", "theme_classic", "theme_dark", "theme_light", "theme_linedraw", "theme_538", "theme_seaborn",
           "theme_tufte", "theme_matplotlib"]
_QUAL = ["Set1", "Set2", "Set3", "Dark2", "Paired", "Pastel1", "Pastel2", "Accent", "tab10"]
_SEQ = ["viridis", "magma", "plasma", "inferno", "cividis", "Blues", "Greens", "Reds", "YlOrRd", "YlGnBu", "RdBu", "Spectral", "coolwarm", "PuBuGn", "OrRd", "BuPu"]
_FILLS = ["#595959", "#F8766D", "#00BFC4", "#7CAE00", "#C77CFF", "steelblue", "darkorange", "#1b9e77", "firebrick", "#595959", "#3366cc", "navy", "darkgreen"]


def _theme(rng: np.random.Generator):
    name = str(rng.choice(_THEMES))
    base = int(rng.integers(8, 15))
    try:
        th = getattr(p9, name)(base_size=base)
    except TypeError:  # theme_seaborn / theme_matplotlib take other arguments
        th = getattr(p9, name)()
    extra = {}
    if rng.random() < 0.3:
        extra["legend_position"] = str(rng.choice(["bottom", "top", "left", "right"]))
    if rng.random() < 0.2:
        extra["axis_text_x"] = p9.element_text(angle=int(rng.choice([45, 90])), ha="right" if rng.random() < 0.5 else "center")
    return th + (p9.theme(**extra) if extra else p9.theme()), name


def _fill(rng: np.random.Generator) -> str:
    return str(rng.choice(_FILLS))


def _qual(rng: np.random.Generator, aes: str = "fill"):
    if rng.random() < 0.35:
        return getattr(p9, f"scale_{aes}_hue")()  # ggplot2 default hues
    if rng.random() < 0.2:
        return getattr(p9, f"scale_{aes}_grey")() if aes in ("fill", "color") else getattr(p9, f"scale_{aes}_hue")()
    return getattr(p9, f"scale_{aes}_brewer")(type="qual", palette=str(rng.choice(["Set1", "Set2", "Set3", "Dark2", "Paired", "Pastel1", "Accent"])))


def _seq(rng: np.random.Generator, aes: str = "fill"):
    if rng.random() < 0.35:
        return getattr(p9, f"scale_{aes}_gradient")(low=str(rng.choice(["white", "#132B43", "lightyellow"])), high=str(rng.choice(["#56B1F7", "darkred", "navy", "darkgreen"])))
    return getattr(p9, f"scale_{aes}_cmap")(cmap_name=str(rng.choice(_SEQ)))


def _labs(rng: np.random.Generator, **kw):
    ttl = text.title(rng)
    d = dict(title=ttl or None)
    for ax in ("x", "y"):
        d[ax] = " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize() if rng.random() < 0.6 else None
    d.update(kw)
    return p9.labs(**{k: v for k, v in d.items() if v is not None or k in ("x", "y")})


def _render(rng: np.random.Generator, plot, tags: str, square: bool = False, theme=True) -> Rendered:
    w, h, dpi = text.figure_size(rng)
    if square:
        h = w * rng.uniform(0.8, 1.05)
    dpi = int(dpi * rng.uniform(1.2, 1.6))
    f = min(1.0, 1000 / (max(w, h) * dpi))
    w, h = w * f, h * f
    name = "custom"
    if theme:
        th, name = _theme(rng)
        plot = plot + th
    plot = plot + p9.theme(figure_size=(w, h), dpi=dpi)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig = plot.draw()
        fig.savefig(buf, format="png", dpi=dpi)
    import matplotlib.pyplot as plt

    plt.close(fig)
    img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return Rendered(img, f"{name},{tags}")


def _vals(rng: np.random.Generator, n: int) -> np.ndarray:
    k = rng.integers(3)
    if k == 0:
        return np.abs(rng.normal(50, 25, n)) + 1
    if k == 1:
        return np.abs(np.cumsum(rng.normal(0, 5, n)) + rng.uniform(20, 80))
    return rng.exponential(30, n) + 1


def _cats(rng: np.random.Generator, n: int, long_labels: float = 0.15) -> pd.Categorical:
    c = text.categories(rng, n, long_labels)
    return pd.Categorical(c, categories=c, ordered=True)


# ------------------------------------------------------------------------------- bars


@renderer("bar", LIB)
def bar_plotnine(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 15))
    df = pd.DataFrame({"c": _cats(rng, n), "v": _vals(rng, n)})
    width = float(rng.uniform(0.5, 0.95))
    if rng.random() < 0.35:
        p = p9.ggplot(df, p9.aes("c", "v", fill="c")) + p9.geom_col(width=width, show_legend=bool(rng.random() < 0.3)) + _qual(rng)
    else:
        p = p9.ggplot(df, p9.aes("c", "v")) + p9.geom_col(fill=_fill(rng), width=width)
    if rng.random() < 0.25:
        p = p + p9.geom_text(p9.aes(label="v"), format_string="{:.0f}", va="bottom", size=8)
    return _render(rng, p + _labs(rng), "bar")


@renderer("horizontal_bar", LIB)
def horizontal_bar_plotnine(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(3, 16))
    v = _vals(rng, n)
    cats = text.categories(rng, n, 0.3)
    if rng.random() < 0.5:
        order = np.argsort(v)
        cats, v = [cats[i] for i in order], v[order]
    df = pd.DataFrame({"c": pd.Categorical(cats, categories=cats, ordered=True), "v": v})
    p = p9.ggplot(df, p9.aes("c", "v")) + p9.geom_col(fill=_fill(rng), width=float(rng.uniform(0.5, 0.9))) + p9.coord_flip()
    return _render(rng, p + _labs(rng), "hbar")


def _long(rng: np.random.Generator) -> pd.DataFrame:
    n, k = int(rng.integers(3, 9)), int(rng.integers(2, 6))
    cats, ser = text.categories(rng, n), text.categories(rng, k)
    rows = [(c, s, float(v)) for s in ser for c, v in zip(cats, _vals(rng, n))]
    df = pd.DataFrame(rows, columns=["c", "s", "v"])
    df["c"] = pd.Categorical(df["c"], categories=cats, ordered=True)
    df["s"] = pd.Categorical(df["s"], categories=ser, ordered=True)
    return df


@renderer("stacked_bar", LIB)
def stacked_bar_plotnine(rng: np.random.Generator) -> Rendered:
    df = _long(rng)
    pos = "fill" if rng.random() < 0.3 else "stack"
    p = p9.ggplot(df, p9.aes("c", "v", fill="s")) + p9.geom_col(position=pos, width=float(rng.uniform(0.5, 0.95)), color="white" if rng.random() < 0.3 else None) + _qual(rng)
    horiz = rng.random() < 0.3
    if horiz:
        p = p + p9.coord_flip()
    return _render(rng, p + _labs(rng, fill=None), f"stacked,{pos}" + (",h" if horiz else ""))


@renderer("grouped_bar", LIB)
def grouped_bar_plotnine(rng: np.random.Generator) -> Rendered:
    df = _long(rng)
    p = p9.ggplot(df, p9.aes("c", "v", fill="s")) + p9.geom_col(position=p9.position_dodge(width=float(rng.uniform(0.8, 0.95))), width=float(rng.uniform(0.7, 0.9))) + _qual(rng)
    horiz = rng.random() < 0.3
    if horiz:
        p = p + p9.coord_flip()
    return _render(rng, p + _labs(rng, fill=None), "grouped" + (",h" if horiz else ""))


@renderer("histogram", LIB)
def histogram_plotnine(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(200, 3000))
    kind = rng.integers(3)
    x = rng.normal(rng.uniform(0, 50), rng.uniform(3, 15), n) if kind == 0 else (rng.gamma(2, rng.uniform(2, 10), n) if kind == 1 else np.r_[rng.normal(0, 1, n // 2), rng.normal(3, 1, n // 2)])
    groups = rng.random() < 0.25
    df = pd.DataFrame({"x": x, "g": rng.choice(text.categories(rng, 2), len(x))})
    bins = int(rng.integers(10, 60))
    if groups:
        df.loc[df.g == df.g.iloc[0], "x"] += float(np.std(x))
        p = p9.ggplot(df, p9.aes("x", fill="g")) + p9.geom_histogram(bins=bins, alpha=0.6, position="identity") + _qual(rng)
    else:
        p = p9.ggplot(df, p9.aes("x")) + p9.geom_histogram(bins=bins, fill=_fill(rng), color=str(rng.choice(["white", "black", "none"])) if rng.random() < 0.6 else None)
    return _render(rng, p + _labs(rng, fill=None), "hist")


@renderer("population_pyramid", LIB)
def population_pyramid_plotnine(rng: np.random.Generator) -> Rendered:
    step = int(rng.choice([5, 5, 10]))
    ages = [f"{a}-{a + step - 1}" for a in range(0, 90, step)] + ["90+"]
    n = len(ages)
    base = np.exp(-np.linspace(0, rng.uniform(1.5, 4), n)) * rng.uniform(0.5, 1.5) + rng.uniform(0, 0.3, n) * np.linspace(1, 0, n)
    df = pd.DataFrame({"age": pd.Categorical(ages * 2, categories=ages, ordered=True), "sex": ["Male"] * n + ["Female"] * n,
                       "v": np.r_[-base * rng.uniform(0.9, 1.1, n), base * rng.uniform(0.9, 1.1, n)] * 1000})
    p = (p9.ggplot(df, p9.aes("age", "v", fill="sex")) + p9.geom_col(width=float(rng.uniform(0.8, 1.0))) + p9.coord_flip()
         + p9.scale_y_continuous(labels=lambda b: [f"{abs(x):.0f}" for x in b]) + _qual(rng))
    return _render(rng, p + _labs(rng, x="Age", fill=None), "pyramid")


# ------------------------------------------------------------------------------- lines / areas / points


def _ts(rng: np.random.Generator, n: int, k: int, positive: bool = False) -> pd.DataFrame:
    t = pd.date_range(str(np.datetime64("2010-01-01") + int(rng.integers(0, 4000))), periods=n, freq=str(rng.choice(["D", "W", "MS"]))) if rng.random() < 0.6 else np.arange(n)
    rows = []
    for s in text.categories(rng, k):
        y = np.cumsum(rng.normal(0, 1, n)) + rng.uniform(5, 30)
        rows.append(pd.DataFrame({"t": t, "s": s, "v": np.abs(y) if positive else y}))
    return pd.concat(rows)


@renderer("line", LIB)
def line_plotnine(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(8, 200)), int(rng.integers(1, 6))
    df = _ts(rng, n, k)
    size = float(rng.uniform(0.4, 1.5))
    if k == 1:
        p = p9.ggplot(df, p9.aes("t", "v")) + p9.geom_line(color=_fill(rng), size=size)
        if n < 40 and rng.random() < 0.5:
            p = p + p9.geom_point()
    else:
        p = p9.ggplot(df, p9.aes("t", "v", color="s")) + p9.geom_line(size=size) + _qual(rng, "color")
    return _render(rng, p + _labs(rng, color=None), "line")


@renderer("area", LIB)
def area_plotnine(rng: np.random.Generator) -> Rendered:
    n, k = int(rng.integers(10, 150)), int(rng.integers(1, 5))
    df = _ts(rng, n, k, positive=True)
    if k == 1:
        p = p9.ggplot(df, p9.aes("t", "v")) + p9.geom_area(fill=_fill(rng), alpha=float(rng.uniform(0.5, 1)))
    else:
        pos = str(rng.choice(["stack", "stack", "fill"]))
        p = p9.ggplot(df, p9.aes("t", "v", fill="s")) + p9.geom_area(position=pos, alpha=float(rng.uniform(0.7, 1))) + _qual(rng)
    return _render(rng, p + _labs(rng, fill=None), "area")


@renderer("scatter", LIB)
def scatter_plotnine(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(1, 5))
    rows = []
    for s in text.categories(rng, k):
        n = int(rng.integers(20, 300))
        x = rng.normal(rng.uniform(0, 10), rng.uniform(0.5, 3), n)
        rows.append(pd.DataFrame({"x": x, "y": x * rng.normal(0, 1) + rng.normal(0, rng.uniform(0.5, 4), n), "s": s}))
    df = pd.concat(rows)
    shape = str(rng.choice(["o", "o", "s", "^", "D"]))
    if k == 1:
        p = p9.ggplot(df, p9.aes("x", "y")) + p9.geom_point(color=_fill(rng), size=float(rng.uniform(1, 3)), alpha=float(rng.uniform(0.5, 1)), shape=shape)
    else:
        p = p9.ggplot(df, p9.aes("x", "y", color="s")) + p9.geom_point(size=float(rng.uniform(1, 3)), alpha=float(rng.uniform(0.5, 1)), shape=shape) + _qual(rng, "color")
    if rng.random() < 0.2:
        p = p + p9.geom_smooth(method="lm", se=False, color="black")
    return _render(rng, p + _labs(rng, color=None), "scatter")


@renderer("bubble", LIB)
def bubble_plotnine(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(8, 60))
    df = pd.DataFrame({"x": rng.uniform(0, 100, n), "y": rng.uniform(0, 100, n), "s": rng.uniform(5, 100, n) ** 1.3, "g": rng.choice(text.categories(rng, 4), n)})
    if rng.random() < 0.6:
        p = p9.ggplot(df, p9.aes("x", "y", size="s", fill="g")) + p9.geom_point(alpha=float(rng.uniform(0.5, 0.85)), color="black", stroke=0.3) + _qual(rng)
    else:
        p = p9.ggplot(df, p9.aes("x", "y", size="s")) + p9.geom_point(alpha=float(rng.uniform(0.5, 0.85)), color=_fill(rng))
    p = p + p9.scale_size_area(max_size=float(rng.uniform(12, 25)))
    return _render(rng, p + _labs(rng, fill=None, size=" ".join(text.words(rng, 1))), "bubble")


@renderer("hexbin", LIB)
def hexbin_plotnine(rng: np.random.Generator) -> Rendered:
    """Hexagonal binning computed here and drawn as polygons (plotnine has no geom_hex)."""
    n = int(rng.integers(500, 5000))
    x = rng.normal(0, 1, n)
    y = x * rng.uniform(-1, 1) + rng.normal(0, 1, n)
    gx = int(rng.integers(10, 30))
    r = (x.max() - x.min()) / gx / np.sqrt(3)  # hexagon radius (pointy-top)
    wdt, hgt = np.sqrt(3) * r, 1.5 * r
    row = np.round((y - y.min()) / hgt).astype(int)
    # refine: check the neighbouring row as well (nearest centre wins)
    best = None
    for dr in (-1, 0, 1):
        rr = row + dr
        cc = np.round((x - x.min() - (rr % 2) * wdt / 2) / wdt).astype(int)
        cx, cy = x.min() + cc * wdt + (rr % 2) * wdt / 2, y.min() + rr * hgt
        d = (x - cx) ** 2 + (y - cy) ** 2
        if best is None:
            best = (d, rr, cc)
        else:
            m = d < best[0]
            best = (np.where(m, d, best[0]), np.where(m, rr, best[1]), np.where(m, cc, best[2]))
    keys, counts = np.unique(np.stack([best[1], best[2]], 1), axis=0, return_counts=True)
    ang = np.radians(np.arange(6) * 60 + 30)
    polys = []
    for i, ((rr, cc), cnt) in enumerate(zip(keys, counts)):
        cx, cy = x.min() + cc * wdt + (rr % 2) * wdt / 2, y.min() + rr * hgt
        polys.append(pd.DataFrame({"x": cx + r * np.cos(ang), "y": cy + r * np.sin(ang), "id": i, "count": cnt}))
    df = pd.concat(polys)
    p = p9.ggplot(df, p9.aes("x", "y", group="id", fill="count")) + p9.geom_polygon(color=str(rng.choice(["white", "none", "grey"])) if rng.random() < 0.4 else None) + _seq(rng) + p9.coord_fixed()
    return _render(rng, p + _labs(rng), "hexbin")


# ------------------------------------------------------------------------------- distributions


def _groups(rng: np.random.Generator, k: int, lo: int = 20, hi: int = 200) -> pd.DataFrame:
    rows = []
    for c in text.categories(rng, k):
        d = rng.normal(rng.uniform(0, 20), rng.uniform(1, 6), int(rng.integers(lo, hi)))
        if rng.random() < 0.4:
            d = np.r_[d, rng.normal(d.mean() + rng.uniform(3, 10), 1.5, len(d) // 2)]
        d = np.r_[d, rng.normal(d.mean(), d.std() * 4, int(rng.integers(0, 4)))]
        rows.append(pd.DataFrame({"c": c, "v": d}))
    df = pd.concat(rows)
    df["c"] = pd.Categorical(df["c"], categories=list(dict.fromkeys(df["c"])), ordered=True)
    return df


@renderer("box", LIB)
def box_plotnine(rng: np.random.Generator) -> Rendered:
    df = _groups(rng, int(rng.integers(2, 9)))
    if rng.random() < 0.5:
        p = p9.ggplot(df, p9.aes("c", "v", fill="c")) + p9.geom_boxplot(show_legend=bool(rng.random() < 0.3), notch=bool(rng.random() < 0.15), width=float(rng.uniform(0.4, 0.8))) + _qual(rng)
    else:
        p = p9.ggplot(df, p9.aes("c", "v")) + p9.geom_boxplot(fill=str(rng.choice(["white", "lightgrey", "lightblue", "#F8766D"])), width=float(rng.uniform(0.4, 0.8)))
    if rng.random() < 0.3:
        p = p + p9.coord_flip()
    return _render(rng, p + _labs(rng), "box")


@renderer("violin", LIB)
def violin_plotnine(rng: np.random.Generator) -> Rendered:
    df = _groups(rng, int(rng.integers(2, 7)), 60, 300)
    p = p9.ggplot(df, p9.aes("c", "v", fill="c")) + p9.geom_violin(show_legend=False, trim=bool(rng.random() < 0.5), **({"draw_quantiles": [0.25, 0.5, 0.75]} if rng.random() < 0.3 else {})) + _qual(rng)
    if rng.random() < 0.3:
        p = p + p9.geom_boxplot(width=0.1, fill="white", outlier_shape="")
    if rng.random() < 0.2:
        p = p + p9.coord_flip()
    return _render(rng, p + _labs(rng), "violin")


@renderer("ridgeline", LIB)
def ridgeline_plotnine(rng: np.random.Generator) -> Rendered:
    k = int(rng.integers(4, 12))
    cats = text.categories(rng, k)
    grid = np.linspace(-6, 6 + k * 0.3, 200)
    shift = rng.normal(0, 0.4)
    scale = float(rng.uniform(1.2, 3.0))
    rows = []
    for i, c in enumerate(cats):
        d = rng.normal(i * shift + rng.normal(0, 1), rng.uniform(0.6, 2), int(rng.integers(100, 400)))
        bw = 1.06 * d.std() * len(d) ** -0.2
        dens = np.exp(-((grid[:, None] - d[None, :]) ** 2) / (2 * bw**2)).sum(1)
        dens = dens / dens.max() * scale * 0.9
        rows.append(pd.DataFrame({"x": grid, "ymin": float(i), "ymax": i + dens, "c": c, "order": -i}))
    df = pd.concat(rows)
    df["c"] = pd.Categorical(df["c"], categories=cats, ordered=True)
    fill = rng.random() < 0.6
    one = _fill(rng) if rng.random() < 0.5 else "#9ecae1"
    edge = "black" if rng.random() < 0.5 else "white"
    p = p9.ggplot(df, p9.aes("x", ymin="ymin", ymax="ymax", group="c"))
    # draw top rows first so lower ridges overlap the ones above them
    for c in cats[::-1]:
        sub = df[df.c == c]
        p = p + (p9.geom_ribbon(data=sub, mapping=p9.aes(fill="c"), color=edge, alpha=0.9, size=0.4) if fill else
                 p9.geom_ribbon(data=sub, fill=one, color=edge, alpha=0.85, size=0.4))
    if fill:
        p = p + _qual(rng) + p9.guides(fill=None)
    p = p + p9.scale_y_continuous(breaks=list(range(k)), labels=cats)
    return _render(rng, p + _labs(rng, y=None), "ridgeline")


# ------------------------------------------------------------------------------- matrices, fields, maps


@renderer("heatmap", LIB)
def heatmap_plotnine(rng: np.random.Generator) -> Rendered:
    corr = rng.random() < 0.35
    if corr:
        k = int(rng.integers(4, 12))
        a = rng.normal(0, 1, (50, k)) @ rng.normal(0, 1, (k, k))
        z = np.corrcoef(a.T)
        xs = ys = text.categories(rng, k)
    else:
        r, c = int(rng.integers(4, 20)), int(rng.integers(4, 20))
        z = rng.normal(0, 1, (r, c)).cumsum(1) + rng.normal(0, 1, (r, 1))
        xs, ys = text.categories(rng, c), text.categories(rng, r)
    df = pd.DataFrame([(xs[j], ys[i], float(z[i, j])) for i in range(len(ys)) for j in range(len(xs))], columns=["x", "y", "v"])
    df["x"] = pd.Categorical(df["x"], categories=list(dict.fromkeys(xs)), ordered=True)
    df["y"] = pd.Categorical(df["y"], categories=list(dict.fromkeys(ys)), ordered=True)
    p = p9.ggplot(df, p9.aes("x", "y", fill="v")) + p9.geom_tile(color="white" if rng.random() < 0.5 else None)
    p = p + (p9.scale_fill_gradient2(low="#2166ac", mid="white", high="#b2182b", midpoint=0) if corr else _seq(rng))
    if len(df) <= 100 and rng.random() < 0.5:
        p = p + p9.geom_text(p9.aes(label="v"), format_string="{:.2f}", size=7)
    return _render(rng, p + _labs(rng, x=None, y=None, fill=None), "heatmap" + (",corr" if corr else ""))


@renderer("contour", LIB)
def contour_plotnine(rng: np.random.Generator) -> Rendered:
    rows = []
    for _ in range(int(rng.integers(1, 4))):
        n = int(rng.integers(200, 800))
        c = rng.normal(0, 2, 2)
        cov = np.array([[1, rng.uniform(-0.8, 0.8)], [0, 1]])
        pts = rng.normal(0, rng.uniform(0.5, 1.5), (n, 2)) @ cov + c
        rows.append(pd.DataFrame({"x": pts[:, 0], "y": pts[:, 1]}))
    df = pd.concat(rows)
    p = p9.ggplot(df, p9.aes("x", "y"))
    if rng.random() < 0.3:
        p = p + p9.geom_point(alpha=0.2, size=0.5)
    if rng.random() < 0.5:
        p = p + p9.geom_density_2d(p9.aes(color="..level.."), size=float(rng.uniform(0.4, 1)), levels=int(rng.integers(6, 15))) + _seq(rng, "color")
    else:
        p = p + p9.geom_density_2d(color=_fill(rng), size=float(rng.uniform(0.4, 1)), levels=int(rng.integers(6, 15)))
    return _render(rng, p + _labs(rng, color=None), "contour,density2d")


@renderer("choropleth", LIB)
def choropleth_plotnine(rng: np.random.Generator) -> Rendered:
    gj = synthgeo.regions(rng, int(rng.integers(8, 60)))
    rows = []
    vals = rng.gamma(2, 10, len(gj["features"]))
    binned = rng.random() < 0.3
    for i, (f, v) in enumerate(zip(gj["features"], vals)):
        ring = np.array(f["geometry"]["coordinates"][0])
        rows.append(pd.DataFrame({"lon": ring[:, 0], "lat": ring[:, 1], "id": i, "v": v}))
    df = pd.concat(rows)
    if binned:
        df["v"] = pd.cut(df["v"], bins=int(rng.integers(3, 6)))
    p = p9.ggplot(df, p9.aes("lon", "lat", group="id", fill="v")) + p9.geom_polygon(color=str(rng.choice(["white", "black", "#4d4d4d"])), size=float(rng.uniform(0.1, 0.5)))
    p = p + (p9.scale_fill_brewer(type="seq", palette=str(rng.choice(["Blues", "Greens", "OrRd", "YlGnBu", "Purples", "Reds"]))) if binned else _seq(rng)) + p9.coord_fixed(ratio=float(rng.uniform(1.0, 1.4)))
    if rng.random() < 0.6:
        p = p + p9.theme_void() + p9.theme(figure_size=(5, 4))
        return _render(rng, p + _labs(rng, x=None, y=None, fill=" ".join(text.words(rng, 1))), "choropleth,void", theme=False)
    return _render(rng, p + _labs(rng, x=None, y=None, fill=" ".join(text.words(rng, 1))), "choropleth")


@renderer("waffle", LIB)
def waffle_plotnine(rng: np.random.Generator) -> Rendered:
    names, lab, rows_n, cols_n = data.waffle_cells(rng)
    total = rows_n * cols_n
    df = pd.DataFrame({"x": np.arange(total) % cols_n, "y": np.arange(total) // cols_n, "g": pd.Categorical([names[i] for i in lab], categories=names, ordered=True)})
    gap = float(rng.uniform(0.75, 0.95))
    p = (p9.ggplot(df, p9.aes("x", "y", fill="g")) + p9.geom_tile(width=gap, height=gap) + p9.coord_fixed() + _qual(rng)
         + p9.theme_void() + p9.theme(legend_position=str(rng.choice(["right", "bottom"]))))
    return _render(rng, p + p9.labs(title=text.title(rng) or None, fill=None), "waffle", theme=False)


# ------------------------------------------------------------------------------- others


@renderer("lollipop", LIB)
def lollipop_plotnine(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 20))
    v = _vals(rng, n)
    cats = text.categories(rng, n)
    if rng.random() < 0.5:
        order = np.argsort(v)
        cats, v = [cats[i] for i in order], v[order]
    df = pd.DataFrame({"c": pd.Categorical(cats, categories=cats, ordered=True), "v": v, "v2": v * rng.uniform(0.4, 1.6, n)})
    col = _fill(rng)
    dumbbell = rng.random() < 0.25
    if dumbbell:
        p = (p9.ggplot(df) + p9.geom_segment(p9.aes(x="c", xend="c", y="v", yend="v2"), color="grey", size=1.2)
             + p9.geom_point(p9.aes("c", "v"), color=col, size=4) + p9.geom_point(p9.aes("c", "v2"), color=_fill(rng), size=4))
    else:
        p = p9.ggplot(df, p9.aes("c", "v")) + p9.geom_segment(p9.aes(x="c", xend="c", y=0, yend="v"), color=col if rng.random() < 0.5 else "#7f7f7f", size=float(rng.uniform(0.5, 1.5))) + p9.geom_point(color=col, size=float(rng.uniform(2.5, 6)))
    if rng.random() < 0.6:
        p = p + p9.coord_flip()
    return _render(rng, p + _labs(rng), "lollipop" + (",dumbbell" if dumbbell else ""))


@renderer("gantt", LIB)
def gantt_plotnine(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(4, 15))
    start = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 600)))
    rows, t = [], 0
    teams = text.categories(rng, int(rng.integers(1, 4)))
    names = [f"{w.title()} {i + 1}" for i, w in enumerate(text.words(rng, n))]
    for i in range(n):
        t = max(0, t + int(rng.integers(-5, 10)))
        dur = int(rng.integers(2, 30))
        rows.append((names[i], start + pd.Timedelta(days=t), start + pd.Timedelta(days=t + dur), str(rng.choice(teams))))
    df = pd.DataFrame(rows, columns=["task", "a", "b", "team"])
    df["task"] = pd.Categorical(df["task"], categories=names[::-1], ordered=True)
    size = float(rng.uniform(4, 10))
    p = p9.ggplot(df, p9.aes(x="a", xend="b", y="task", yend="task", color="team")) + p9.geom_segment(size=size) + _qual(rng, "color")
    if len(teams) == 1:
        p = p + p9.guides(color=None)
    return _render(rng, p + _labs(rng, y=None, color=None), "gantt")


@renderer("waterfall", LIB)
def waterfall_plotnine(rng: np.random.Generator) -> Rendered:
    cats, start, end, steps = data.waterfall_steps(rng)
    kind = [{"start": "Start", "up": "Increase", "down": "Decrease", "total": "Total"}[k] for k in steps]
    idx = np.arange(len(cats))
    wdt = float(rng.uniform(0.3, 0.45))
    df = pd.DataFrame({"i": idx, "lo": np.minimum(start, end), "hi": np.maximum(start, end), "k": kind})
    p = p9.ggplot(df) + p9.geom_rect(p9.aes(xmin="i - %f" % wdt, xmax="i + %f" % wdt, ymin="lo", ymax="hi", fill="k"))
    if rng.random() < 0.6:
        seg = pd.DataFrame({"x": idx[:-1] + wdt, "xe": idx[1:] - wdt, "y": end[:-1]})
        p = p + p9.geom_segment(seg, p9.aes(x="x", xend="xe", y="y", yend="y"), linetype="dashed", color="grey")
    p = p + p9.scale_x_continuous(breaks=list(idx), labels=cats) + p9.scale_fill_manual(values={"Start": "#4c78a8", "Increase": "#2ca02c", "Decrease": "#d62728", "Total": "#4c78a8"})
    return _render(rng, p + _labs(rng, x=None, fill=None), "waterfall")


@renderer("candlestick", LIB)
def candlestick_plotnine(rng: np.random.Generator) -> Rendered:
    n = int(rng.integers(20, 90))
    dates = pd.date_range(str(np.datetime64("2019-01-01") + int(rng.integers(0, 1500))), periods=n, freq="B")
    open_, high, low, close = data.price_series(rng, n)
    half = pd.Timedelta(hours=float(rng.uniform(6, 10)))
    df = pd.DataFrame({"d": dates, "d0": dates - half, "d1": dates + half, "o": open_, "h": high, "l": low, "c": close, "up": np.where(close >= open_, "up", "down")})
    up, down = ("#26a69a", "#ef5350") if rng.random() < 0.6 else ("white", "black")
    p = (p9.ggplot(df) + p9.geom_segment(p9.aes(x="d", xend="d", y="l", yend="h"), color="black" if up == "white" else "#4d4d4d", size=0.4)
         + p9.geom_rect(p9.aes(xmin="d0", xmax="d1", ymin="o", ymax="c", fill="up"), color="black" if up == "white" else None, size=0.3)
         + p9.scale_fill_manual(values={"up": up, "down": down}) + p9.guides(fill=None))
    return _render(rng, p + _labs(rng, x=None), "candles")
