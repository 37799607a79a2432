"""Matplotlib charts in the look of classic statistics tools and papers: R base graphics, Stata (s2color),
MATLAB, SPSS, SAS, gnuplot and black-and-white academic figures (serif fonts, hatching, panel letters).

The look lives in :func:`_classic` (a figure with the tool's rc settings) and :func:`_finish_axes` (the
tool's frame, ticks and grid applied after drawing); every renderer draws through them.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.patches import Rectangle

from training.corpus import text
from training.corpus.mpl_style import fig_to_image, sample_size
from training.corpus.registry import Rendered, renderer

LOOKS = ["r", "r", "r", "stata", "matlab", "matlab", "spss", "sas", "gnuplot", "academic", "academic"]

_COLORS = {
    "r": ["black", "#DF536B", "#61D04F", "#2297E6", "#28E2E5", "#CD0BBC", "#F5C710", "gray"],
    "r_old": ["black", "red", "#00CD00", "blue", "cyan", "magenta", "yellow", "gray"],
    "stata": ["#1a476f", "#90353b", "#55752f", "#e37e00", "#6e8e84", "#c10534", "#938dd2", "#cac27e"],
    "matlab": ["#0072BD", "#D95319", "#EDB120", "#7E2F8E", "#77AC30", "#4DBEEE", "#A2142F", "#0072BD"],
    "matlab_old": ["blue", "#008000", "red", "#00BFBF", "#BF00BF", "#BFBF00", "#404040", "blue"],
    "spss": ["#3E58AC", "#2EB848", "#D3CE97", "#7C287D", "#FBF873", "#EF3338", "#48C2C5", "#CCCCCC"],
    "sas": ["#445694", "#A23A2E", "#01665E", "#543005", "#9D3CDB", "#7F8E1F", "#2597FA", "#B26084"],
    "gnuplot": ["#9400D3", "#009E73", "#56B4E9", "#E69F00", "#F0E442", "#0072B2", "#E51E10", "black"],
    "academic": ["black", "#555555", "#999999", "#cccccc", "white", "#333333", "#777777", "#bbbbbb"],
}
_FILLS = {  # single-series fill colours per look
    "r": ["grey", "lightgray", "white", "#cccccc", "skyblue", "lightblue", "#DF536B", "darkgrey"],
    "stata": ["#1a476f"], "matlab": ["#0072BD", "#4DBEEE"], "spss": ["#3E58AC", "#D3CE97", "#8FAADC"],
    "sas": ["#A6B4D6", "#445694"], "gnuplot": ["#9400D3", "#56B4E9", "white"],
    "academic": ["white", "#bbbbbb", "#777777", "black"],
}
HATCHES = ["///", "\\\\\\", "xxx", "...", "ooo", "---", "+++", "||", "**"]
_MPL_FONTS = {f.name for f in font_manager.fontManager.ttflist}


def _font(rng: np.random.Generator, serif: bool) -> str:
    pool = (["DejaVu Serif", "Liberation Serif", "STIXGeneral", "Noto Serif"] if serif
            else ["Liberation Sans", "Liberation Sans", "DejaVu Sans", "Noto Sans", "Liberation Sans Narrow"])
    fonts = [f for f in pool if f in _MPL_FONTS] or ["DejaVu Serif" if serif else "DejaVu Sans"]
    return str(rng.choice(fonts))


@dataclass
class Classic:
    """An open figure in one classic tool's look."""

    rng: np.random.Generator
    look: str
    fig: plt.Figure
    axes: list
    colors: list
    fill: str
    font: str
    box: bool  # full frame (True) or R-style open L axes
    rotate_y: bool = True  # y tick labels may be turned vertical (R las=0, Stata); off for category names
    tags: list = field(default_factory=list)
    rendered: Rendered | None = None

    @property
    def ax(self) -> plt.Axes:
        return self.axes[0]

    def title(self, ax: plt.Axes | None = None, t: str | None = None, p_none: float = 0.3) -> None:
        """The look's title: R bold centred, Stata plain large, academic mostly none."""
        t = text.title(self.rng, p_none) if t is None else t
        if not t or (self.look == "academic" and self.rng.random() < 0.6):
            return
        ax = ax or self.ax
        weight = "bold" if self.look in ("r", "matlab", "sas", "spss") else "normal"
        ax.set_title(t, fontweight=weight, fontsize=plt.rcParams["font.size"] * float(self.rng.uniform(1.1, 1.4)))

    def hatch(self, i: int) -> str | None:
        """A hatch pattern for series ``i`` in the academic look (else none)."""
        return HATCHES[i % len(HATCHES)] if self.look == "academic" else None

    def edge(self) -> str:
        """Bar outline colour: black where the tool outlines bars, else none."""
        return "black" if self.look in ("r", "academic", "gnuplot", "spss") else "none"


def _look_rc(look: str, rng: np.random.Generator, font: str) -> dict:
    rc = {"font.family": font, "font.size": float(rng.uniform(8, 12)), "axes.unicode_minus": False,
          "mathtext.fontset": "stix" if look == "academic" else "dejavusans", "legend.fancybox": False,
          "legend.edgecolor": "black", "legend.framealpha": 1.0, "axes.titlepad": 8.0,
          "xtick.direction": "out", "ytick.direction": "out", "axes.linewidth": 0.8}
    if look in ("matlab", "gnuplot", "academic"):
        rc.update({"xtick.direction": "in", "ytick.direction": "in", "xtick.top": True, "ytick.right": True})
    if look == "matlab":
        rc.update({"axes.edgecolor": "#262626", "xtick.color": "#262626", "ytick.color": "#262626",
                   "grid.color": "#cccccc", "grid.linewidth": 0.6, "axes.linewidth": 0.6})
        if rng.random() < 0.3:  # pre-2014 grey figure window
            rc["figure.facecolor"] = "#cccccc"
    elif look == "stata":
        rc.update({"figure.facecolor": "#eaf2f3", "axes.edgecolor": "white", "grid.color": "#eaf2f3",
                   "grid.linewidth": 1.0, "legend.edgecolor": "#cccccc"})
    elif look == "spss":
        rc.update({"axes.facecolor": str(rng.choice(["#f0f0f0", "#ffffff", "#e8e8e8"])), "grid.color": "#bbbbbb"})
    elif look == "sas":
        rc.update({"axes.edgecolor": "#7f7f7f", "grid.color": "#e6e6e6", "legend.edgecolor": "#7f7f7f"})
    return rc


@contextmanager
def _classic(rng: np.random.Generator, *, looks: list | None = None, nrows: int = 1, ncols: int = 1,
             aspect: tuple[float, float] | None = None, finish: bool = True, **subplot_kw):
    """Open a figure in a random classic look; on exit apply :func:`_finish_axes` and render ``c.rendered``."""
    look = str(rng.choice(looks or LOOKS))
    font = _font(rng, serif=look == "academic" or (look == "r" and rng.random() < 0.15))
    pal = look
    if look in ("r", "matlab") and rng.random() < 0.35:
        pal = f"{look}_old"
    colors = _COLORS[pal]
    fill = str(rng.choice(_FILLS[look]))
    rc = _look_rc(look, rng, font)
    w, h, dpi = sample_size(rng, aspect=aspect)
    dpi = max(dpi, int(np.ceil(340 / min(w, h))))  # at least ~340 px on the short side
    box = look in ("matlab", "gnuplot", "spss", "sas") or (look in ("r", "academic") and rng.random() < 0.45)
    with warnings.catch_warnings(), text.no_cjk(), plt.rc_context(rc):
        warnings.simplefilter("ignore")
        fig, axs = plt.subplots(nrows, ncols, figsize=(w, h), dpi=dpi, squeeze=False, **subplot_kw)
        c = Classic(rng=rng, look=look, fig=fig, axes=list(axs.ravel()), colors=colors,
                    fill=fill, font=font, box=box,
                    tags=[f"classic-{look}", font.replace(" ", "").lower(), f"{dpi}dpi"])
        try:
            yield c
            if finish:
                for ax in c.axes:
                    _finish_axes(c, ax)
            try:
                fig.tight_layout(pad=float(rng.uniform(0.4, 1.5)))
            except Exception:
                pass
            c.rendered = Rendered(fig_to_image(fig, dpi), ",".join(c.tags))
        finally:
            plt.close(fig)


def _finish_axes(c: Classic, ax: plt.Axes, grid_axis: str = "y") -> None:
    """The tool's frame: R detached open axes, Stata white region with horizontal grid, MATLAB box + grid..."""
    rng, look = c.rng, c.look
    if not ax.axison:
        return
    if look in ("r", "academic") and not c.box:
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)
        ax.tick_params(top=False, right=False)
        if look == "r":  # axes detached from the plot region, lines only from first to last tick
            gap = float(rng.uniform(4, 10))
            for s, get, lim in (("bottom", ax.get_xticks, ax.get_xlim()), ("left", ax.get_yticks, ax.get_ylim())):
                ax.spines[s].set_position(("outward", gap))
                ticks = [t for t in get() if min(lim) - 1e-9 <= t <= max(lim) + 1e-9]
                if len(ticks) >= 2 and ax.get_xscale() == "linear" and ax.get_yscale() == "linear":
                    ax.spines[s].set_bounds(min(ticks), max(ticks))
    if look == "r" and c.rotate_y and rng.random() < 0.5:  # las=1 / default las=0 vertical y labels
        plt.setp(ax.get_yticklabels(), rotation=90, va="center")
    if look == "stata":
        ax.grid(True, axis=grid_axis)
        ax.set_axisbelow(True)
        for s in ("top", "right"):
            ax.spines[s].set_visible(False)
        for s in ("left", "bottom"):
            ax.spines[s].set_color("black")
        if c.rotate_y and rng.random() < 0.5:
            plt.setp(ax.get_yticklabels(), rotation=90, va="center")
    elif look == "matlab" and rng.random() < 0.6:
        ax.grid(True, alpha=0.8)
        ax.set_axisbelow(True)
    elif look in ("sas", "spss") and rng.random() < 0.6:
        ax.grid(True, axis=grid_axis)
        ax.set_axisbelow(True)
    elif look == "gnuplot" and rng.random() < 0.3:
        ax.grid(True, ls=":", color="#a0a0a0")


def _labels(c: Classic, ax: plt.Axes, xlabel: str | None, ylabel: str | None, p: float = 0.85) -> None:
    """Axis titles (each kept with probability ``p``)."""
    if xlabel and c.rng.random() < p:
        ax.set_xlabel(xlabel)
    if ylabel and c.rng.random() < p:
        ax.set_ylabel(ylabel)


def _var(rng: np.random.Generator) -> str:
    """A variable name as typed in a stats package: x, mpg, income, log(price)..."""
    w = text.words(rng, 1, non_english=0.0)[0]
    return str(rng.choice(["x", "y", w, w, w[:4], f"log({w})", f"{w}_{rng.integers(1, 9)}", w.capitalize()]))


def _pick(rng: np.random.Generator, items: list) -> str:
    """One of ``items`` as a string."""
    return str(items[int(rng.integers(len(items)))])


def _legend(c: Classic, ax: plt.Axes, ncol: int = 1,
            locs: tuple = ("upper right", "upper left", "best", "lower right")) -> None:
    """A boxed legend where the tool puts it: Stata/SAS below, others inside at one of ``locs``."""
    if c.look in ("stata", "sas") and c.rng.random() < 0.7:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=max(ncol, 2), fontsize="small")
    else:
        ax.legend(loc=_pick(c.rng, list(locs)), fontsize="small",
                  frameon=c.look != "academic" or c.rng.random() < 0.5)


def _sample(rng: np.random.Generator, n: int) -> np.ndarray:
    """A skewed, bimodal or normal sample with a random location and scale."""
    kind = rng.integers(4)
    if kind == 0:
        x = rng.normal(0, 1, n)
    elif kind == 1:
        x = rng.gamma(float(rng.uniform(1.5, 5)), 1.0, n)
    elif kind == 2:
        x = np.concatenate([rng.normal(0, 1, n // 2), rng.normal(float(rng.uniform(2, 4)), 1, n - n // 2)])
    else:
        x = rng.standard_t(3, n)
    return x * float(10 ** rng.uniform(-0.5, 2)) + float(rng.choice([0, 0, 10, 50, 100]))


def _mixture_density(rng: np.random.Generator, grid: np.ndarray, loc: float) -> np.ndarray:
    """A smooth density (1-3 gaussian bumps) around ``loc`` on ``grid``."""
    y = np.zeros_like(grid)
    for _ in range(int(rng.integers(1, 4))):
        s = float(rng.uniform(0.4, 1.2))
        y += rng.uniform(0.3, 1.0) * np.exp(-0.5 * ((grid - loc - rng.normal(0, 1.0)) / s) ** 2) / s
    return y / y.max()


# ---------------------------------------------------------------------------------------------------------- box


@renderer("box", "matplotlib-classic")
def box_classic(rng: np.random.Generator) -> Rendered:
    """R boxplot() / Stata graph box / MATLAB boxplot: notched or plain boxes, outlier circles or red +,
    sometimes horizontal or grouped by a second factor."""
    with _classic(rng) as c:
        k = int(rng.integers(2, 9))
        groups = int(rng.choice([1, 1, 1, 2, 3]))
        names = text.categories(rng, k) if rng.random() < 0.6 else [str(i + 1) for i in range(k)]
        horizontal = rng.random() < 0.25
        scale, base = float(10 ** rng.uniform(0, 2)), float(rng.uniform(0, 5))
        width = 0.8 / groups
        for g in range(groups):
            data = [rng.normal(base + rng.normal(0, 1.5), rng.uniform(0.5, 1.5), int(rng.integers(15, 120))) * scale
                    for _ in range(k)]
            data = [np.concatenate([d, d.mean() + rng.choice([-1, 1], int(rng.integers(0, 4))) * d.std()
                                    * rng.uniform(2.5, 4, 1)]) if rng.random() < 0.6 else d for d in data]
            pos = np.arange(1, k + 1) + (g - (groups - 1) / 2) * width
            if c.look == "matlab":
                box_kw = dict(boxprops=dict(color="#0000FF"), medianprops=dict(color="red"),
                              whiskerprops=dict(color="black", ls="--"), capprops=dict(color="black"),
                              flierprops=dict(marker="+", markeredgecolor="red", markersize=6))
                fill = None
            else:
                fill = c.colors[(g + 1) % len(c.colors)] if groups > 1 else c.fill
                if c.look == "academic" and groups > 1:
                    fill = ["white", "#bbbbbb", "#777777"][g]
                box_kw = dict(boxprops=dict(facecolor=fill, edgecolor="black"),
                              medianprops=dict(color="black", lw=float(rng.choice([1.0, 2.0, 2.5]))),
                              whiskerprops=dict(color="black", ls=_pick(rng, ["--", "-"])),
                              capprops=dict(color="black"),
                              flierprops=dict(marker="o", markerfacecolor="none", markeredgecolor="black",
                                              markersize=float(rng.uniform(3, 6))))
            bp = c.ax.boxplot(data, positions=pos, widths=width * float(rng.uniform(0.5, 0.85)),
                              vert=not horizontal, notch=bool(rng.random() < 0.3), patch_artist=fill is not None,
                              manage_ticks=False, **box_kw)
            if fill is not None and groups > 1:
                bp["boxes"][0].set_label(text.categories(rng, 1)[0] if g else text.words(rng, 1)[0].capitalize())
                if c.hatch(g):
                    for b in bp["boxes"]:
                        b.set_hatch(c.hatch(g))
        ticks = np.arange(1, k + 1)
        (c.ax.set_yticks if horizontal else c.ax.set_xticks)(ticks, names)
        c.rotate_y = not horizontal
        (c.ax.set_ylim if horizontal else c.ax.set_xlim)(0.4, k + 0.6)
        if groups > 1 and fill is not None:
            _legend(c, c.ax, groups)
        c.title()
        value, factor = _var(rng), _var(rng)
        _labels(c, c.ax, value if horizontal else factor, factor if horizontal else value, p=0.6)
        c.tags.append("horizontal" if horizontal else "vertical")
    return c.rendered


# ---------------------------------------------------------------------------------------------------- histogram


@renderer("histogram", "matplotlib-classic")
def histogram_classic(rng: np.random.Generator) -> Rendered:
    """R hist() ("Histogram of x", "Frequency", grey touching bins), optionally with a density curve;
    MATLAB histogram (blue translucent bins); academic hatched bins."""
    with _classic(rng) as c:
        x = _sample(rng, int(rng.integers(60, 2000)))
        var = _var(rng)
        density = rng.random() < 0.35
        bins = int(rng.choice([8, 10, 12, 15, 20, 30, 40])) if c.look != "r" else "auto"
        if c.look == "matlab":
            kw = dict(color="#0072BD", alpha=0.6, edgecolor="black", lw=0.5)
        else:
            kw = dict(color=c.fill, edgecolor="black" if c.fill != "black" else "white", lw=0.8,
                      hatch=c.hatch(int(rng.integers(9))) if rng.random() < 0.5 else None)
        if c.look == "r":
            bins = np.histogram_bin_edges(x, bins="sturges")
        c.ax.hist(x, bins=bins, density=density, **kw)
        if density and rng.random() < 0.8:
            grid = np.linspace(x.min(), x.max(), 200)
            bw = 1.06 * x.std() * len(x) ** -0.2
            d = np.exp(-0.5 * ((grid[:, None] - x[None, :]) / bw) ** 2).sum(1) / (len(x) * bw * np.sqrt(2 * np.pi))
            c.ax.plot(grid, d, color=_pick(rng, ["red", "blue", "black", "darkgreen", c.colors[1]]),
                      lw=float(rng.uniform(1, 2.5)), ls=_pick(rng, ["-", "-", "--"]))
        if c.look == "r" and rng.random() < 0.3:
            c.ax.plot(x, np.zeros_like(x), "|", color="black", ms=6)  # rug()
        c.title(t=f"Histogram of {var}" if c.look == "r" and rng.random() < 0.7 else None)
        _labels(c, c.ax, var, "Density" if density else _pick(rng, ["Frequency", "Frequency", "Count",
                                                                        "Percent", "Number"]))
    return c.rendered


# ---------------------------------------------------------------------------------------------------------- bar


@renderer("bar", "matplotlib-classic")
def bar_classic(rng: np.random.Generator) -> Rendered:
    """R barplot() of one series (grey bars with gaps, names below), or an academic bar chart with error bars
    and hatching, or Stata/MATLAB/SPSS single-colour bars."""
    with _classic(rng) as c:
        k = int(rng.integers(3, 13))
        names = text.categories(rng, k)
        scale = float(10 ** rng.choice([0, 1, 2, 3]))
        v = rng.uniform(0.2, 1.0, k) * scale
        pos = np.arange(k) * (1 + float(rng.uniform(0.1, 0.6)))
        hatch = c.hatch(int(rng.integers(9))) if rng.random() < 0.5 else None
        err = rng.uniform(0.03, 0.15, k) * scale if c.look == "academic" or rng.random() < 0.25 else None
        c.ax.bar(pos, v, width=1.0, color=c.fill if c.look != "matlab" else "#0072BD",
                 edgecolor="black" if c.edge() == "black" or c.fill == "white" else "none", hatch=hatch,
                 yerr=err, capsize=float(rng.uniform(2, 5)), error_kw=dict(lw=0.9, ecolor="black"))
        if c.look == "academic" and rng.random() < 0.4:  # significance stars
            for p, val, e in zip(pos, v, err if err is not None else np.zeros(k)):
                if rng.random() < 0.35:
                    c.ax.text(p, val + e * 1.2, _pick(rng, ["*", "**", "***", "n.s."]), ha="center", va="bottom")
        crowded = k * max(len(nm) for nm in names) > 45
        c.ax.set_xticks(pos, names, rotation=90 if crowded else 0)
        if c.look == "r" and rng.random() < 0.5:
            c.ax.tick_params(axis="x", length=0)
        c.title()
        _labels(c, c.ax, _var(rng) if rng.random() < 0.4 else None, _var(rng), p=0.7)
    return c.rendered


# ---------------------------------------------------------------------------------------------------------- area


@renderer("area", "matplotlib-classic")
def area_classic(rng: np.random.Generator) -> Rendered:
    """R polygon() under a curve (e.g. a shaded normal tail), MATLAB area() stacked areas, or the shaded region
    between two lines."""
    with _classic(rng) as c:
        kind = _pick(rng, ["polygon", "stacked", "stacked", "between"])
        n = int(rng.integers(20, 200))
        x = _pick(rng, ["index", "unit", "ten", "years"])
        x = {"index": np.arange(1.0, n + 1), "unit": np.linspace(0, 1, n), "ten": np.linspace(0, 10, n),
             "years": np.linspace(0, n / 12, n) + int(rng.integers(1950, 2020))}[x]
        ax = c.ax
        if kind == "polygon":
            y = _mixture_density(rng, np.linspace(-4, 4, n), 0.0) * float(10 ** rng.uniform(-1, 2))
            fill = _pick(rng, ["grey", "lightgray", "skyblue", "#F5C710", c.colors[1], "lightblue"])
            ax.fill_between(x, 0, y, color=fill, edgecolor="black", lw=1.0,
                            hatch=c.hatch(int(rng.integers(9))) if rng.random() < 0.5 else None)
            ax.plot(x, y, color="black", lw=1)
            ax.set_ylim(0, y.max() * 1.08)
            ylabel = _pick(rng, ["Density", "y", "f(x)", _var(rng)])
        elif kind == "stacked":
            m = int(rng.integers(2, 6))
            ys = np.array([np.abs(np.cumsum(rng.normal(0, 1, n))) + rng.uniform(1, 6) for _ in range(m)])
            ys *= float(10 ** rng.uniform(0, 3))
            cols = [c.colors[(i + (1 if c.look in ("r", "academic") and c.colors[0] == "black" else 0)) % 8]
                    for i in range(m)]
            if c.look == "academic":
                cols = [str(g) for g in np.linspace(0.95, 0.35, m)]
            polys = ax.stackplot(x, ys, colors=cols, edgecolor="black" if c.look != "matlab" else "#262626",
                                 lw=0.6, labels=text.categories(rng, m))
            for i, p in enumerate(polys):
                if c.hatch(i) and rng.random() < 0.6:
                    p.set_hatch(c.hatch(i))
            ax.set_ylim(0, ys.sum(0).max() * 1.05)
            if rng.random() < 0.8:
                _legend(c, ax, m)
            ylabel = _var(rng)
        else:
            mid = np.cumsum(rng.normal(0, 1, n)) + 10
            half = rng.uniform(1, 3) + np.abs(np.sin(np.linspace(0, rng.uniform(1, 6), n))) * rng.uniform(0, 3)
            col = c.colors[1] if c.look != "academic" else "black"
            ax.fill_between(x, mid - half, mid + half, color=col if c.look != "academic" else "#cccccc",
                            alpha=0.35 if c.look != "academic" else 1.0, lw=0)
            for yy in (mid - half, mid + half):
                ax.plot(x, yy, color=col, lw=1, ls=_pick(rng, ["-", "--"]))
            ax.plot(x, mid, color="black", lw=1.5)
            ylabel = _var(rng)
        ax.set_xlim(x[0], x[-1])
        c.title()
        _labels(c, ax, _pick(rng, ["x", "Time", "Year", _var(rng)]), ylabel)
        c.tags.append(kind)
    return c.rendered


# -------------------------------------------------------------------------------------------------------- bubble


@renderer("bubble", "matplotlib-classic")
def bubble_classic(rng: np.random.Generator) -> Rendered:
    """R symbols(circles=...) bubbles scaled by a third variable, hollow or filled, some labelled; Stata
    weighted scatter with hollow circles; MATLAB bubblechart."""
    with _classic(rng) as c:
        n = int(rng.integers(8, 60))
        x = rng.lognormal(0, 0.8, n) * float(10 ** rng.uniform(0, 3))
        y = 0.5 * np.log(x) + rng.normal(0, 0.6, n)
        z = rng.lognormal(0, 1.0, n)
        size = (z / z.max()) * float(rng.uniform(800, 3000)) + 15
        hollow = rng.random() < 0.5
        col = c.colors[int(rng.integers(1, 5))] if c.look not in ("academic",) else "black"
        if rng.random() < 0.3 and c.look != "academic":
            groups = rng.integers(0, 3, n)
            fc = [c.colors[1 + g] for g in groups]
        else:
            fc = col
        order = np.argsort(-size)
        c.ax.scatter(x[order], y[order], s=size[order], facecolors="none" if hollow else fc,
                     edgecolors=fc if hollow else "black", alpha=1.0 if hollow else float(rng.uniform(0.5, 0.9)),
                     lw=float(rng.uniform(0.6, 1.4)))
        if rng.random() < 0.35:
            c.ax.set_xscale("log")
        if rng.random() < 0.6:
            names = text.categories(rng, n)
            for i in np.argsort(-size)[: int(rng.integers(3, min(n, 12) + 1))]:
                c.ax.text(x[i], y[i], names[i], ha="center", va="center", fontsize=plt.rcParams["font.size"] * 0.75)
        c.ax.margins(0.12)
        c.title()
        _labels(c, c.ax, _var(rng), _var(rng))
        c.tags.append("hollow" if hollow else "filled")
    return c.rendered


# ------------------------------------------------------------------------------------------------------- scatter


@renderer("scatter", "matplotlib-classic")
def scatter_classic(rng: np.random.Generator) -> Rendered:
    """R plot() with open circles (pch=1) and an abline, Stata/MATLAB scatter, or a pairs() scatterplot matrix."""
    if rng.random() < 0.3:
        return _pairs(rng)
    with _classic(rng) as c:
        n = int(rng.integers(15, 400))
        x = _sample(rng, n) if rng.random() < 0.3 else rng.normal(0, 1, n) * float(10 ** rng.uniform(0, 2))
        slope = float(rng.normal(0, 1.5))
        y = slope * x + rng.normal(0, 1, n) * x.std() * float(rng.uniform(0.3, 2)) + float(rng.uniform(-5, 50))
        index_plot = c.look == "r" and rng.random() < 0.15
        if index_plot:
            x = np.arange(1, n + 1)
        marker = {"r": "o", "stata": "o", "matlab": "o", "spss": "o", "sas": "o", "gnuplot": "+"}.get(
            c.look, _pick(rng, ["o", "s", "^", "x"]))
        col = c.colors[0] if c.look not in ("stata", "gnuplot") else c.colors[int(rng.integers(0, 3))]
        filled = c.look in ("stata", "spss") or rng.random() < 0.25
        c.ax.scatter(x, y, s=float(rng.uniform(10, 40)), marker=marker, facecolors=col if filled else "none",
                     edgecolors=col, lw=0.8)
        if rng.random() < 0.6 and not index_plot:
            b, a = np.polyfit(x, y, 1)
            xs = np.array(c.ax.get_xlim())
            c.ax.plot(xs, a + b * xs, color=_pick(rng, ["red", "blue", "black", c.colors[1]]),
                      lw=float(rng.uniform(1, 2)), ls=_pick(rng, ["-", "-", "--"]))
            c.ax.set_xlim(*xs)
        c.title()
        _labels(c, c.ax, "Index" if index_plot else _var(rng), _var(rng))
    return c.rendered


def _pairs(rng: np.random.Generator) -> Rendered:
    """R pairs(): a grid of small open-circle scatter panels with variable names on the diagonal."""
    k = int(rng.integers(3, 5))
    with _classic(rng, looks=["r", "r", "academic", "stata"], nrows=k, ncols=k, aspect=(0.9, 1.3),
                  finish=False) as c:
        n = int(rng.integers(30, 150))
        cov = rng.normal(0, 1, (k, k))
        data = rng.normal(0, 1, (n, k)) @ cov * rng.uniform(1, 50, k) + rng.uniform(0, 100, k)
        names = [_var(rng) for _ in range(k)]
        col = _pick(rng, ["black", "black", c.colors[1], c.colors[3]])
        fs = plt.rcParams["font.size"]
        for i in range(k):
            for j in range(k):
                ax = c.axes[i * k + j]
                ax.tick_params(labelsize=fs * 0.7, length=3, direction="out", top=False, right=False)
                if i == j:
                    ax.text(0.5, 0.5, names[i], ha="center", va="center", transform=ax.transAxes, fontsize=fs * 1.3)
                    ax.set_xticks([])
                    ax.set_yticks([])
                else:
                    ax.scatter(data[:, j], data[:, i], s=8, facecolors="none", edgecolors=col, lw=0.6)
                    if j != 0 and not (i == 0 and j == 1):
                        ax.set_yticklabels([])
                    if i != k - 1 and not (i == k - 2 and j == k - 1):
                        ax.set_xticklabels([])
        if rng.random() < 0.5:
            c.fig.suptitle(text.title(rng, 0.0), fontweight="bold")
        c.fig.subplots_adjust(wspace=0.05, hspace=0.05)
        c.tags.append("pairs")
    return c.rendered


# ---------------------------------------------------------------------------------------------------- dendrogram


@renderer("dendrogram", "matplotlib-classic")
def dendrogram_classic(rng: np.random.Generator) -> Rendered:
    """R plot(hclust): "Cluster Dendrogram", "Height" axis, leaves hanging at their merge heights, sometimes
    rect.hclust boxes; or a horizontal dendrogram with coloured branches."""
    from scipy.cluster import hierarchy

    horizontal = rng.random() < 0.3
    with _classic(rng, aspect=(0.7, 1.6) if horizontal else (1.0, 2.4)) as c:
        n = int(rng.choice([8, 12, 16, 20, 25, 32, 40]))
        k = int(rng.integers(2, 6))
        X = rng.normal(0, 1, (k, 3))[rng.integers(0, k, n)] * float(rng.uniform(1, 4)) + rng.normal(0, 1, (n, 3))
        method = _pick(rng, ["complete", "average", "ward", "single"])
        Z = hierarchy.linkage(X, method=method)
        Z[:, 2] *= float(10 ** rng.uniform(-0.5, 1.5))
        d = hierarchy.dendrogram(Z, no_plot=True)
        top = Z[:, 2].max()
        hang = float(rng.uniform(0.05, 0.1)) * top if c.look == "r" and not horizontal and rng.random() < 0.7 else 0
        labels = text.categories(rng, n) if rng.random() < 0.5 else [str(i + 1) for i in range(n)]
        leaf_labels = [labels[i] for i in d["leaves"]]
        cut = float(np.sort(Z[:, 2])[-(k - 1)] if k > 1 else top) - 1e-9
        colored = horizontal or rng.random() < 0.25
        groups = hierarchy.fcluster(Z, k, criterion="maxclust")[d["leaves"]]
        lw = float(rng.uniform(0.8, 1.4))
        branch_cols = c.colors[1:] if c.colors[0] == "black" else c.colors
        leaf_bottom = {}
        for ic, dc in zip(d["icoord"], d["dcoord"]):
            dc = list(dc)
            for end in (0, 3):
                if dc[end] == 0 and hang:
                    dc[end] = dc[1] - hang
                    leaf_bottom[ic[end]] = dc[end]
            col = "black"
            if colored and dc[1] < cut:  # a branch inside one cluster takes the cluster's colour
                col = branch_cols[groups[int(ic[0] // 10)] % len(branch_cols)]
            xs, ys = (dc, ic) if horizontal else (ic, dc)
            c.ax.plot(xs, ys, color=col, lw=lw)
        pos = np.arange(n) * 10 + 5
        fs = plt.rcParams["font.size"] * (0.8 if n > 20 else 1.0)
        if horizontal:
            c.ax.set_yticks(pos, leaf_labels, fontsize=fs)
            c.rotate_y = False
            c.ax.tick_params(axis="y", length=0)
            c.ax.set_ylim(0, n * 10)
            c.ax.set_xlim(top * 1.05, 0) if rng.random() < 0.5 else c.ax.set_xlim(0, top * 1.05)
        else:
            c.ax.set_xlim(0, n * 10)
            if hang:  # R hang: each label under its own leaf end
                c.ax.set_xticks([])
                for p, lab in zip(pos, leaf_labels):
                    c.ax.text(p, leaf_bottom[p] - 0.02 * top, lab, rotation=90, ha="center", va="top", fontsize=fs)
                c.ax.set_ylim(-0.25 * top if n < 30 else -0.3 * top, top * 1.05)
                c.ax.set_yticks([t for t in c.ax.get_yticks() if 0 <= t <= top * 1.05])
            else:
                c.ax.set_xticks(pos, leaf_labels, rotation=90, fontsize=fs)
                c.ax.set_ylim(0, top * 1.05)
            c.ax.spines["bottom"].set_visible(False)
            c.ax.tick_params(axis="x", bottom=False, top=False)
            if c.look in ("r", "academic"):
                c.box = False
            if rng.random() < 0.35 and k > 1:  # rect.hclust
                edges = np.flatnonzero(np.diff(groups)) + 1
                for a, b in zip(np.r_[0, edges], np.r_[edges, n]):
                    c.ax.add_patch(Rectangle((a * 10 + 1, -0.2 * top), (b - a) * 10 - 2, cut + 0.2 * top,
                                             fill=False, edgecolor=_pick(rng, ["red", "blue", "#DF536B"]),
                                             lw=1.5))
        c.title(t="Cluster Dendrogram" if c.look == "r" and rng.random() < 0.7 else None)
        height = _pick(rng, ["Height", "Height", "Distance", "Linkage distance", "Dissimilarity"])
        _labels(c, c.ax, height if horizontal else None, None if horizontal else height)
        if c.look == "r" and not horizontal and rng.random() < 0.6:
            c.ax.set_xlabel(f"dist({_var(rng)})\nhclust (*, \"{method}\")", fontsize=fs * 0.9)
        c.tags += ["horizontal" if horizontal else "vertical", method]
    return c.rendered


# ----------------------------------------------------------------------------------------------------- ridgeline


@renderer("ridgeline", "matplotlib-classic")
def ridgeline_classic(rng: np.random.Generator) -> Rendered:
    """Overlapping density curves stacked vertically (joyplot) in a classic/academic look: grey or coloured
    fills, names on the y axis."""
    with _classic(rng, looks=["r", "r", "academic", "academic", "stata", "matlab", "sas"], aspect=(0.6, 1.6)) as c:
        k = int(rng.integers(4, 13))
        names = text.categories(rng, k)
        grid = np.linspace(-4, 4 + k * 0.3, 300)
        overlap = float(rng.uniform(1.2, 2.5))
        drift = float(rng.uniform(-0.2, 0.3))
        mode = _pick(rng, ["grey", "color", "white", "gradient"])
        cmap = plt.get_cmap(_pick(rng, ["Greys", "Blues", "viridis", "Greys"]))
        scale = float(10 ** rng.uniform(0, 2))
        for i in range(k):
            y = _mixture_density(rng, grid, i * drift) * overlap
            base = k - 1 - i
            if mode == "grey":
                fc = "#bbbbbb"
            elif mode == "white":
                fc = "white"
            elif mode == "gradient":
                fc = cmap(0.3 + 0.5 * i / k)
            else:
                fc = c.colors[(i + 1) % len(c.colors)]
            c.ax.fill_between(grid * scale, base, base + y, color=fc, alpha=0.85 if mode == "color" else 1.0,
                              zorder=i * 2, lw=0)
            c.ax.plot(grid * scale, base + y, color="black", lw=0.9, zorder=i * 2 + 1)
            if rng.random() < 0.5:
                c.ax.axhline(base, color="black", lw=0.5, zorder=i * 2 + 1)
        c.ax.set_yticks(np.arange(k)[::-1], names)
        c.ax.set_ylim(-0.1, k - 1 + overlap * 1.1)
        c.ax.set_xlim(grid[0] * scale, grid[-1] * scale)
        c.rotate_y = False
        c.title()
        _labels(c, c.ax, _var(rng), _pick(rng, ["", "", "Group", _var(rng)]))
        c.tags.append(mode)
    return c.rendered


# --------------------------------------------------------------------------------------------------- candlestick


def _ohlc(rng: np.random.Generator, n: int) -> tuple[np.ndarray, ...]:
    """A random walk of open/high/low/close prices and volumes."""
    close = float(10 ** rng.uniform(0.5, 3)) * np.exp(np.cumsum(rng.normal(0, rng.uniform(0.005, 0.03), n)))
    open_ = np.r_[close[0], close[:-1]] * np.exp(rng.normal(0, 0.006, n))
    span = np.abs(close - open_) + close * rng.uniform(0.001, 0.02, n)
    high = np.maximum(open_, close) + span * rng.uniform(0, 0.8, n)
    low = np.minimum(open_, close) - span * rng.uniform(0, 0.8, n)
    vol = rng.lognormal(0, 0.5, n) * float(10 ** rng.uniform(4, 7))
    return open_, high, low, close, vol


@renderer("candlestick", "matplotlib-classic")
def candlestick_classic(rng: np.random.Generator) -> Rendered:
    """R quantmod chartSeries (black background, green/orange candles, volume panel below, right price axis)
    or a plain white OHLC bar chart."""
    import datetime as dt

    quantmod = rng.random() < 0.55
    volume = quantmod and rng.random() < 0.75
    n = int(rng.integers(25, 130)) if quantmod else int(rng.integers(15, 60))
    o, h, lo, cl, vol = _ohlc(rng, n)
    up = cl >= o
    kw = dict(nrows=2, gridspec_kw=dict(height_ratios=[3, 1])) if volume else {}
    with _classic(rng, looks=["r"] if quantmod else ["r", "matlab", "academic", "gnuplot", "sas"],
                  aspect=(1.2, 1.8) if volume else (1.2, 2.4), finish=not quantmod, **kw) as c:
        ax = c.ax
        x = np.arange(n)
        if quantmod:
            bg, fg = ("black", "#666666") if rng.random() < 0.8 else ("white", "#444444")
            c.fig.set_facecolor(bg)
            upc, dnc = ("#00FF00", "#FF8C00") if bg == "black" else ("#00CC00", "#FF0000")
            w = 0.6
            for a in c.axes:
                a.set_facecolor(bg)
                a.grid(True, color="#444444" if bg == "black" else "#dddddd", ls=":", lw=0.6)
                a.yaxis.tick_right()
                a.tick_params(colors=fg, labelsize=plt.rcParams["font.size"] * 0.85)
                for s in a.spines.values():
                    s.set_color(fg)
                a.set_xlim(-1, n)
            cols = np.where(up, upc, dnc)
            ax.vlines(x, lo, h, colors=fg if rng.random() < 0.5 else cols, lw=0.8)
            ax.bar(x, np.maximum(np.abs(cl - o), cl * 1e-3), bottom=np.minimum(o, cl), width=w, color=cols,
                   edgecolor=cols, lw=0.5)
            sym = "".join(rng.choice(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), int(rng.integers(2, 5))))
            d0 = dt.date(int(rng.integers(2005, 2026)), int(rng.integers(1, 13)), 1)
            ax.set_title(f"{sym} [{d0}/{d0 + dt.timedelta(days=int(n * 1.4))}]", loc="left", color=fg,
                         fontsize=plt.rcParams["font.size"] * 1.2)
            ax.text(0.01, 0.97, f"Last {cl[-1]:.2f}", transform=ax.transAxes, color=upc if up[-1] else dnc,
                    va="top", fontsize=plt.rcParams["font.size"] * 0.9)
            ticks = np.linspace(0, n - 1, int(rng.integers(4, 8))).astype(int)
            labels = [(d0 + dt.timedelta(days=int(t * 1.4))).strftime(_pick(rng, ["%b %d %Y", "%b %d"]))
                      for t in ticks]
            c.axes[-1].set_xticks(ticks, labels)
            if volume:
                ax.set_xticks(ticks, [])
                vax = c.axes[1]
                vax.bar(x, vol / 1e6, width=w, color=cols if rng.random() < 0.6 else upc)
                vax.text(0.01, 0.95, f"Volume (millions):\n{vol[-1]:,.0f}", transform=vax.transAxes, va="top",
                         color=fg, fontsize=plt.rcParams["font.size"] * 0.8)
            c.tags.append("quantmod")
        else:
            tick = 0.3
            pairs = [("black", "black"), ("#008000", "red"), ("#009E73", "#D55E00"), ("blue", "red")]
            upc, dnc = ("black", "black") if c.look == "academic" else pairs[int(rng.integers(len(pairs)))]
            for i in range(n):
                col = upc if up[i] else dnc
                ax.vlines(i, lo[i], h[i], color=col, lw=1)
                ax.hlines(o[i], i - tick, i, color=col, lw=1)
                ax.hlines(cl[i], i, i + tick, color=col, lw=1)
            ax.set_xlim(-1, n)
            c.title()
            _labels(c, ax, _pick(rng, ["Day", "Time", "Index", "Date"]), _pick(rng, ["Price", "Close",
                                                                                              _var(rng)]))
            c.tags.append("ohlc")
    return c.rendered


# --------------------------------------------------------------------------------------------------- stacked_bar


@renderer("stacked_bar", "matplotlib-classic")
def stacked_bar_classic(rng: np.random.Generator) -> Rendered:
    """R barplot() of a matrix (stacked, grey shades or colours, boxed legend), academic stacked bars with
    hatching, Stata/SPSS stacked bars; vertical or horizontal, sometimes 100 %."""
    with _classic(rng) as c:
        k, m = int(rng.integers(3, 11)), int(rng.integers(2, 6))
        names = text.categories(rng, k)
        series = text.categories(rng, m)
        vals = rng.uniform(0.1, 1.0, (m, k)) * float(10 ** rng.choice([0, 1, 2, 3]))
        if rng.random() < 0.3:
            vals = vals / vals.sum(0) * 100
        horizontal = rng.random() < 0.25
        if c.look == "r" and rng.random() < 0.5:
            cols = [plt.get_cmap("Greys")(v) for v in np.linspace(0.85, 0.15, m)]  # gray.colors()
        elif c.look == "academic":
            cols = [str(g) for g in np.linspace(0.2, 0.95, m)] if rng.random() < 0.5 else ["white"] * m
        else:
            start = 1 if c.colors[0] == "black" else 0
            cols = [c.colors[(start + i) % len(c.colors)] for i in range(m)]
        pos = np.arange(k) * (1 + float(rng.uniform(0.15, 0.6)))
        bottom = np.zeros(k)
        hatched = c.look == "academic" or (c.look == "r" and rng.random() < 0.2)
        for i in range(m):
            kw = dict(color=cols[i], edgecolor="black" if c.edge() == "black" else "white", lw=0.7,
                      hatch=HATCHES[i % len(HATCHES)] if hatched else None, label=series[i])
            if horizontal:
                c.ax.barh(pos, vals[i], left=bottom, height=1.0, **kw)
            else:
                c.ax.bar(pos, vals[i], bottom=bottom, width=1.0, **kw)
            bottom += vals[i]
        (c.ax.set_yticks if horizontal else c.ax.set_xticks)(pos, names)
        c.rotate_y = not horizontal
        if rng.random() < 0.85:
            _legend(c, c.ax, m, locs=("upper right", "lower right") if horizontal else ("upper right", "upper left"))
            c.ax.margins(**{"x" if horizontal else "y": float(rng.uniform(0.2, 0.35))})  # room for the legend
        c.title()
        _labels(c, c.ax, None if horizontal else _var(rng), _var(rng) if not horizontal else None, p=0.6)
        c.tags.append("horizontal" if horizontal else "vertical")
    return c.rendered
