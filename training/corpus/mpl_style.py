"""Random matplotlib look for the matplotlib-family renderers, and figure -> PIL conversion.

Every renderer of ``training/corpus/renderers/mpl_*.py`` draws through :func:`chart`::

    with chart(rng) as c:          # samples theme, palette, font, size; opens fig/ax
        c.ax.bar(...)
        c.decorate(title=..., xlabel=..., ylabel=...)
    return c.rendered              # Rendered(image, style)

All randomness comes from the ``rng`` passed in. The figure is always closed.
"""

from __future__ import annotations

import importlib
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import colors as mcolors  # noqa: E402
from PIL import Image  # noqa: E402

try:  # registers seaborn's colormaps (rocket, mako, vlag, icefire, flare, crest) used by name below
    importlib.import_module("seaborn")
except ImportError:  # pragma: no cover
    pass

from training.corpus import text  # noqa: E402
from training.corpus.registry import Rendered  # noqa: E402

warnings.filterwarnings("ignore", message=".*Glyph.*missing.*")
warnings.filterwarnings("ignore", message=".*missing from font.*")
warnings.filterwarnings("ignore", category=UserWarning, module="matplotlib")
warnings.filterwarnings("ignore", category=FutureWarning)

_EXCEL = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E"]
_GOOGLE = ["#4285F4", "#DB4437", "#F4B400", "#0F9D58", "#AB47BC", "#00ACC1", "#FF7043", "#9E9D24"]

# qualitative palettes (matplotlib colormap names or explicit lists)
_PALETTES = [
    "tab10", "tab10", "tab10", "Set1", "Set2", "Set3", "Pastel1", "Pastel2", "Dark2", "Accent", "Paired",
    "tab20", "excel", "google", "viridis", "plasma", "cividis", "coolwarm", "Blues_r", "Greens_r", "husl",
    "deep", "muted", "colorblind", "bright",
]
SEQ_CMAPS = [
    "viridis", "viridis", "plasma", "inferno", "magma", "cividis", "Blues", "Greens", "Reds", "Oranges",
    "Purples", "YlOrRd", "YlGnBu", "BuPu", "GnBu", "OrRd", "PuBuGn", "rocket", "mako", "turbo", "cubehelix",
]
DIV_CMAPS = ["coolwarm", "RdBu_r", "RdBu", "bwr", "PiYG", "PRGn", "RdYlGn", "Spectral", "vlag", "icefire", "seismic"]
_FONTS = ["DejaVu Sans"] * 5 + ["DejaVu Serif", "DejaVu Sans Mono", "STIXGeneral"]


def _register_system_fonts() -> None:
    """Make common system fonts (Arial/Times-like Liberation, Noto) available to matplotlib when installed."""
    from pathlib import Path

    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    for fam, files in (("Liberation Sans", ["liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"]),
                       ("Liberation Serif", ["liberation/LiberationSerif-Regular.ttf",
                                             "liberation/LiberationSerif-Bold.ttf"]),
                       ("Liberation Sans Narrow", ["liberation/LiberationSansNarrow-Regular.ttf",
                                                   "liberation/LiberationSansNarrow-Bold.ttf"]),
                       ("Noto Sans", ["noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"]),
                       ("Noto Serif", ["noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf"])):
        paths = [Path("/usr/share/fonts/truetype") / f for f in files]
        if fam not in known and all(p.is_file() for p in paths):
            try:
                for p in paths:
                    font_manager.fontManager.addfont(str(p))
            except Exception:
                continue
        if fam in {f.name for f in font_manager.fontManager.ttflist}:
            _FONTS.extend([fam] * (3 if fam == "Liberation Sans" else 1))


_register_system_fonts()

THEMES = [
    "default", "default", "default", "ggplot", "seaborn-v0_8-whitegrid", "seaborn-v0_8-darkgrid", "seaborn-v0_8-white",
    "seaborn-v0_8-ticks", "fivethirtyeight", "dark_background", "darkmode", "excel", "excel", "bmh", "grayscale",
    "classic", "Solarize_Light2", "minimal", "tableau-colorblind10",
]
DARK_THEMES = {"dark_background", "darkmode"}


def palette(rng: np.random.Generator, n: int, name: str | None = None) -> list:
    """``n`` colours from a random (or named) qualitative palette."""
    name = name or str(rng.choice(_PALETTES))
    if name == "excel":
        base = _EXCEL
    elif name == "google":
        base = _GOOGLE
    elif name in ("husl", "deep", "muted", "colorblind", "bright"):
        import seaborn as sns

        return [mcolors.to_hex(c) for c in sns.color_palette(name, n)]
    else:
        cmap = matplotlib.colormaps[name]
        if getattr(cmap, "N", 256) <= 20:
            base = [mcolors.to_hex(c) for c in cmap.colors]  # type: ignore[attr-defined]
        else:
            lo, hi = (0.0, 0.85) if name in ("viridis", "plasma", "cividis") else (0.1, 0.9)
            return [mcolors.to_hex(cmap(x)) for x in np.linspace(lo, hi, max(n, 1))][:n]
    return [base[i % len(base)] for i in range(n)]


def _theme_rc(name: str, rng: np.random.Generator) -> tuple[list, dict]:
    """Matplotlib style list and rc overrides for a theme name."""
    rc: dict = {}
    styles: list = ["default"]
    if name in ("default",):
        pass
    elif name == "darkmode":
        bg = str(rng.choice(["#1e1e1e", "#2b2d31", "#0d1117", "#22272e", "#111111"]))
        styles = ["dark_background"]
        rc.update({"figure.facecolor": bg, "axes.facecolor": bg, "savefig.facecolor": bg, "grid.color": "#444444"})
    elif name == "excel":
        rc.update({
            "axes.spines.top": False, "axes.spines.right": False, "axes.spines.left": False,
            "axes.edgecolor": "#BFBFBF", "axes.grid": True, "axes.grid.axis": "y", "grid.color": "#D9D9D9",
            "xtick.color": "#595959", "ytick.color": "#595959", "axes.labelcolor": "#595959",
            "axes.titlecolor": "#595959", "ytick.left": False,
        })
    elif name == "minimal":
        rc.update({"axes.spines.top": False, "axes.spines.right": False, "axes.grid": bool(rng.random() < 0.5),
                   "grid.alpha": 0.4})
    else:
        styles = [name]
    return styles, rc


_PLACEHOLDERS = {"cat", "val", "g", "v", "h", "series", "cls", "x", "y"}


@dataclass
class Chart:
    """An open figure with its theme; renderers draw on ``ax`` then call :meth:`decorate`."""

    rng: np.random.Generator
    fig: plt.Figure
    ax: plt.Axes
    dpi: int
    theme: str
    dark: bool
    colors: list
    cmap: str
    tags: list = field(default_factory=list)
    rendered: Rendered | None = None

    @property
    def fg(self) -> str:
        return "white" if self.dark else "black"

    @property
    def bg(self):
        return self.fig.get_facecolor()

    def title(self, p_none: float = 0.25) -> str:
        return text.title(self.rng, p_none)

    def set_title(self, p_none: float = 0.25) -> None:
        """Give the main axes a random title, or none with probability ``p_none``."""
        t = self.title(p_none)
        if t:
            self.ax.set_title(t)

    def decorate(self, *, title: str | None = None, xlabel: str | None = None, ylabel: str | None = None,
                 legend: bool | None = None, ax=None, grid: bool | None = True) -> None:
        """Title/axis labels/legend/grid/spines, each present or not at random."""
        rng, ax = self.rng, ax or self.ax
        t = self.title() if title is None else title
        if t:
            if rng.random() < 0.2:
                self.fig.suptitle(t, fontsize=float(rng.uniform(10, 16)), fontweight=str(rng.choice(["normal", "bold"])))
            else:
                ax.set_title(t, loc=str(rng.choice(["center", "center", "left"])))
        if xlabel is None and rng.random() < 0.55:
            xlabel = " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize()
        if ylabel is None and rng.random() < 0.55:
            ylabel = " ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize()
        if xlabel:
            ax.set_xlabel(xlabel)
        if ylabel:
            ax.set_ylabel(ylabel)
        # placeholder column names left by seaborn/pandas ("cat", "val", ...) become words or nothing
        for get, set_ in ((ax.get_xlabel, ax.set_xlabel), (ax.get_ylabel, ax.set_ylabel)):
            if get() in _PLACEHOLDERS:
                set_(" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize() if rng.random() < 0.5 else "")
        leg = ax.get_legend()
        if leg is not None and leg.get_title().get_text() in _PLACEHOLDERS:
            leg.set_title(text.words(rng, 1)[0].capitalize() if rng.random() < 0.4 else "")
        if grid is not None and rng.random() < 0.3:
            ax.grid(bool(rng.random() < 0.6), alpha=float(rng.uniform(0.3, 0.8)))
        if rng.random() < 0.25:
            for side in ("top", "right"):
                if side in ax.spines:
                    ax.spines[side].set_visible(False)
        if legend is None:
            legend = rng.random() < 0.75
        if legend:
            handles, labels = ax.get_legend_handles_labels()
            if handles:
                loc = str(rng.choice(["best", "upper right", "upper left", "lower right", "center left"]))
                kw: dict = {"fontsize": "small", "frameon": bool(rng.random() < 0.7)}
                if rng.random() < 0.15:
                    kw.update(loc="upper left", bbox_to_anchor=(1.01, 1.0))
                else:
                    kw.update(loc=loc)
                if rng.random() < 0.15:
                    kw["title"] = text.words(rng, 1)[0].capitalize()
                ax.legend(**kw)


def sample_size(rng: np.random.Generator, aspect: tuple[float, float] | None = None) -> tuple[float, float, int]:
    w, h, dpi = text.figure_size(rng)
    w = min(w, 8.0)
    if aspect is not None:  # (min, max) of width/height
        a = float(np.clip(w / h, *aspect))
        h = w / a
    return w, h, dpi


@contextmanager
def chart(rng: np.random.Generator, *, projection: str | None = None, aspect: tuple[float, float] | None = None,
          themes: list | None = None, seaborn: bool = False, n_colors: int = 10, fig: bool = True,
          tight: float = 0.8, square: bool = False):
    """Open a themed figure; on exit convert it to a :class:`Rendered` (``c.rendered``) and close it.

    With ``fig=False`` no figure is created: the body must set ``c.fig`` (libraries making their own).
    """
    # libraries that draw from the global generators (seaborn jitter, squarify, ...) follow rng too
    np.random.seed(int(rng.integers(2**31)))
    import random

    random.seed(int(rng.integers(2**31)))
    theme = str(rng.choice(themes or THEMES))
    styles, rc = _theme_rc(theme, rng)
    font = str(rng.choice(_FONTS))
    rc.update({"font.family": font, "axes.unicode_minus": font.startswith("DejaVu"), "figure.autolayout": False})
    base_fs = float(rng.uniform(7, 12))
    rc["font.size"] = base_fs
    rc["axes.titlesize"] = base_fs * float(rng.uniform(1.0, 1.4))
    if theme == "grayscale":
        colors = [mcolors.to_hex(str(g)) for g in np.linspace(0.15, 0.75, n_colors)]
    else:
        colors = palette(rng, n_colors)
    rc["axes.prop_cycle"] = matplotlib.cycler(color=colors)
    cmap = str(rng.choice(SEQ_CMAPS)) if theme != "grayscale" else "Greys"
    w, h, dpi = sample_size(rng, aspect=(1.0, 1.0) if square else aspect)
    style_ctx = [s for s in styles]
    tags = [theme, font.replace(" ", "").lower(), f"{dpi}dpi"]
    if seaborn:
        import seaborn as sns

        sstyle = str(rng.choice(["whitegrid", "darkgrid", "white", "ticks", "whitegrid"]))
        sctx = str(rng.choice(["paper", "notebook", "notebook", "talk"]))
        if theme in DARK_THEMES:
            srcs = {}
        else:
            srcs = dict(sns.axes_style(sstyle))
            tags.append(f"sns-{sstyle}")
        srcs.update({k: v for k, v in sns.plotting_context(sctx).items()})
        srcs.update(rc)
        srcs["font.size"] = base_fs
        rc = srcs
    with warnings.catch_warnings(), text.no_cjk():
        warnings.simplefilter("ignore")
        with plt.style.context(style_ctx), plt.rc_context(rc):
            c = Chart(rng=rng, fig=None, ax=None, dpi=dpi, theme=theme, dark=theme in DARK_THEMES,  # type: ignore[arg-type]
                      colors=colors, cmap=cmap, tags=tags)
            if fig:
                c.fig = plt.figure(figsize=(w, h), dpi=dpi)
                c.ax = c.fig.add_subplot(111, projection=projection)
            c.size = (w, h)  # type: ignore[attr-defined]
            try:
                yield c
                if c.fig is not None:
                    if tight and rng.random() < tight:
                        try:
                            c.fig.tight_layout(pad=float(rng.uniform(0.3, 1.5)))
                        except Exception:
                            pass
                    c.rendered = Rendered(fig_to_image(c.fig, c.dpi), ",".join(c.tags))
            finally:
                if c.fig is not None:
                    plt.close(c.fig)


def fig_to_image(fig, dpi: int | None = None) -> Image.Image:
    """Render a figure through its Agg canvas buffer into an RGB PIL image."""
    if dpi is not None:
        fig.set_dpi(dpi)
    fig.canvas.draw()
    buf = np.asarray(fig.canvas.buffer_rgba())
    img = Image.fromarray(buf[..., :3].copy(), "RGB")
    return img


def data_scale(rng: np.random.Generator) -> float:
    """A magnitude for values: from fractions to millions."""
    return float(10.0 ** rng.choice([-1, 0, 1, 1, 2, 2, 2, 3, 4, 6]))


def fmt_pct(rng: np.random.Generator) -> str | None:
    return str(rng.choice(["%1.0f%%", "%1.1f%%", "%.0f%%"])) if rng.random() < 0.6 else None


NEWS_PALETTES = [
    ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"],
    ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"],
    ["#00429d", "#4771b2", "#73a2c6", "#a5d5d8", "#ffbcaf", "#f4777f", "#cf3759", "#93003a"],
    ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999"],
    ["#3b5b92", "#d1495b", "#edae49", "#66a182", "#2e4057", "#8d96a3", "#00798c", "#c44536"],
    ["#22577a", "#38a3a5", "#57cc99", "#80ed99", "#c7f9cc", "#f2c14e", "#f78154", "#4d9078"],
    ["#003f5c", "#2f4b7c", "#665191", "#a05195", "#d45087", "#f95d6a", "#ff7c43", "#ffa600"],
]


def news_look(c: Chart, *, grid: str | None = "y", title: str | None = None, p_subtitle: float = 0.7,
              p_source: float = 0.6, ax=None) -> None:
    """Restyle ``c`` as a web/D3 news graphic: no frame, light grid, bold left-aligned title and subtitle
    above the plot, a source note at the bottom."""
    rng, ax = c.rng, ax or c.ax
    grey = "#888888" if c.dark else "#666666"
    for s in ax.spines.values():
        s.set_visible(False)
    if grid and hasattr(ax, "xaxis") and ax.name == "rectilinear":
        ax.grid(False)
        ax.grid(True, axis=grid, color="#444444" if c.dark else "#e0e0e0", lw=0.8)
        ax.set_axisbelow(True)
        if rng.random() < 0.5 and grid == "y":
            ax.spines["bottom"].set_visible(True)
            ax.spines["bottom"].set_color(grey)
    ax.tick_params(length=0, colors=grey)
    t = c.title(0.1) if title is None else title
    top = 0.97
    if t:
        c.fig.text(0.02, top, t, ha="left", va="top", fontweight="bold", color=c.fg,
                   fontsize=float(rng.uniform(1.1, 1.5)) * plt.rcParams["font.size"])
    sub = " ".join(text.words(c.rng, int(rng.integers(3, 8)))).capitalize() if rng.random() < p_subtitle else ""
    if sub:
        c.fig.text(0.02, top - 0.07, sub, ha="left", va="top", color=grey, fontsize=plt.rcParams["font.size"])
    src = ""
    if rng.random() < p_source:
        src = str(rng.choice(["Source: ", "Source: ", "Data: ", "SOURCE: ", "Chart: "])) + " ".join(
            text.words(rng, int(rng.integers(1, 4)))).title()
        c.fig.text(0.02, 0.015, src, ha="left", va="bottom", color=grey, fontsize=plt.rcParams["font.size"] * 0.8)
    head = 0.08 + (0.05 if t else 0) + (0.06 if sub else 0)
    c.fig.subplots_adjust(top=1 - head, bottom=0.1 + (0.05 if src else 0))
    c.tags.append("news")


@contextmanager
def news_chart(rng: np.random.Generator, **kw):
    """:func:`chart` with a flat web/news palette on a white (sometimes dark) page; draw, then :func:`news_look`."""
    kw.setdefault("themes", ["default"] * 6 + ["darkmode", "minimal"])
    with chart(rng, tight=0.0, **kw) as c:
        if not c.dark and rng.random() < 0.2:
            c.fig.set_facecolor(str(rng.choice(["#f7f7f2", "#fdf6e3", "#f0f0f0", "#fff1e5"])))
            c.ax.set_facecolor(c.fig.get_facecolor())
        if rng.random() < 0.7:
            base = NEWS_PALETTES[int(rng.integers(len(NEWS_PALETTES)))]
            c.colors = [base[i % len(base)] for i in range(10)]
        yield c
