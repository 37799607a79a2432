"""Faceted small multiples: a grid of small panels with shared axes, one chart of the label in each, as
seaborn's ``FacetGrid``/``relplot``/``catplot``, ggplot's ``facet_wrap`` and pandas' ``subplots=True`` draw
them. The panel headers are ggplot's grey strips, seaborn's ``group = value`` titles or plain titles; the
label is the kind of chart in the panels (scatter, bubble, bar, box, area, stacked bar).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import matplotlib
import numpy as np

from training.corpus import text
from training.corpus.mpl_style import Chart, chart, data_scale
from training.corpus.registry import Rendered, renderer


@dataclass(frozen=True)
class Shared:
    """What every panel of one figure draws with, so that the panels really share their axes."""

    one_colour: bool  # every panel in the first colour, or each in its own
    scale: float  # of the values
    categories: int  # bars or boxes per panel
    points: int  # x positions of an area panel


#: Draws panel ``j`` of a facet grid on ``ax``.
PanelFn = Callable[[Chart, Shared, matplotlib.axes.Axes, int], None]


def _strip(c: Chart, ax, name: str, facet: str, kind: str, fs: float) -> None:
    """The panel's header: a ggplot grey strip, a seaborn ``facet = name`` title or a plain title."""
    if kind == "strip":
        ax.set_title(name, fontsize=fs, color=c.fg, pad=3,
                     bbox={"boxstyle": "square,pad=0.3", "fc": "#3a3a3a" if c.dark else "#d9d9d9", "ec": "none"})
    elif kind == "seaborn":
        ax.set_title(f"{facet} = {name}", fontsize=fs)
    else:
        ax.set_title(name, fontsize=fs, loc=str(c.rng.choice(["center", "left"])))


def _facet_grid(c: Chart, shared: Shared, draw: PanelFn, *, max_cols: int = 5) -> None:
    """Lay out a 1x2 to 4x5 grid of panels on ``c.fig``, draw each with ``draw`` and give it a header."""
    rng = c.rng
    rows, cols = int(rng.integers(1, 5)), int(rng.integers(2, max_cols + 1))
    n = rows * cols - (int(rng.integers(1, cols)) if rows > 1 and rng.random() < 0.3 else 0)
    c.fig.clf()
    axes = c.fig.subplots(rows, cols, sharex=True, sharey=bool(rng.random() < 0.8), squeeze=False).ravel()
    facet = text.words(rng, 1)[0]
    names = text.categories(rng, n, long_labels=0.0)
    header = str(rng.choice(["strip", "seaborn", "plain"]))
    fs = float(matplotlib.rcParams["font.size"]) * float(rng.uniform(0.7, 0.95))
    grid = rng.random() < 0.5
    for j, ax in enumerate(axes):
        if j >= n:
            ax.set_visible(False)
            continue
        draw(c, shared, ax, j)
        _strip(c, ax, names[j], facet, header, fs)
        ax.tick_params(labelsize=fs * 0.85)
        if header == "strip" and not c.dark:  # ggplot's grey panels with white grid lines
            ax.set_facecolor("#ebebeb")
            ax.grid(True, color="white", lw=0.8)
            ax.set_axisbelow(True)
        elif grid:
            ax.grid(True, alpha=0.4)
    if rng.random() < 0.5:
        c.fig.supxlabel(" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize(), fontsize=fs)
        c.fig.supylabel(" ".join(text.words(rng, int(rng.integers(1, 3)))).capitalize(), fontsize=fs)
    title = c.title(0.5)
    if title:
        c.fig.suptitle(title, fontsize=fs * 1.3)
    c.fig.subplots_adjust(hspace=float(rng.uniform(0.3, 0.6)), wspace=float(rng.uniform(0.08, 0.35)),
                          left=0.1, right=0.97, bottom=0.1, top=0.86 if title else 0.92)
    c.tags.append(f"facets-{rows}x{cols},{header}")


def _faceted(rng: np.random.Generator, draw: PanelFn, **grid) -> Rendered:
    """One faceted figure whose panels ``draw`` fills."""
    with chart(rng, tight=0.0, n_colors=12, aspect=(0.9, 2.2), seaborn=bool(rng.random() < 0.5)) as c:
        shared = Shared(one_colour=bool(rng.random() < 0.5), scale=data_scale(rng),
                        categories=int(rng.integers(3, 8)), points=int(rng.choice([20, 50, 120])))
        _facet_grid(c, shared, draw, **grid)
    return c.rendered


def _colour(c: Chart, shared: Shared, j: int):
    return c.colors[0] if shared.one_colour else c.colors[j % len(c.colors)]


def _scatter_panel(c: Chart, shared: Shared, ax, j: int) -> None:
    rng = c.rng
    n = int(rng.choice([15, 40, 100, 300]))
    x = rng.normal(0, 1, n)
    y = rng.uniform(-1, 1) * x + rng.normal(0, rng.uniform(0.3, 1.0), n)
    ax.scatter(x * shared.scale, y, s=float(rng.uniform(4, 25)), color=_colour(c, shared, j),
               alpha=float(rng.uniform(0.5, 1.0)), edgecolors="none" if rng.random() < 0.6 else c.fg, linewidths=0.4)


def _bubble_panel(c: Chart, shared: Shared, ax, j: int) -> None:
    rng = c.rng
    n = int(rng.integers(6, 30))
    sizes = rng.lognormal(0, 0.9, n)
    ax.scatter(rng.normal(0, 1, n), rng.normal(0, 1, n), s=sizes / sizes.max() * float(rng.uniform(200, 600)),
               color=_colour(c, shared, j), alpha=float(rng.uniform(0.4, 0.8)), edgecolors=c.fg, linewidths=0.4)


def _bar_panel(c: Chart, shared: Shared, ax, j: int) -> None:
    rng = c.rng
    ax.bar(np.arange(shared.categories), rng.gamma(2.0, 1.0, shared.categories) * shared.scale, color=_colour(c, shared, j), width=0.75)


def _box_panel(c: Chart, shared: Shared, ax, j: int) -> None:
    rng = c.rng
    data = [rng.normal(rng.uniform(1, 5), rng.uniform(0.3, 1.2), int(rng.integers(20, 300))) * shared.scale for _ in range(shared.categories)]
    bp = ax.boxplot(data, patch_artist=True, widths=0.6,
                    flierprops={"markersize": 3, "alpha": 0.6})
    for patch in bp["boxes"]:
        patch.set_facecolor(_colour(c, shared, j))
        patch.set_edgecolor(c.fg)
    for median in bp["medians"]:
        median.set_color(c.fg)


def _area_panel(c: Chart, shared: Shared, ax, j: int) -> None:
    rng = c.rng
    x = np.arange(shared.points)
    y = np.abs(1 + np.cumsum(rng.normal(0, 0.15, shared.points))) * shared.scale
    col = _colour(c, shared, j)
    ax.fill_between(x, y, color=col, alpha=float(rng.uniform(0.35, 0.9)), lw=0)
    ax.plot(x, y, color=col, lw=float(rng.uniform(0.8, 1.8)))


def _stacked_bar_panel(c: Chart, shared: Shared, ax, j: int) -> None:
    rng = c.rng
    bottom = np.zeros(shared.categories)
    for layer in range(3):
        h = rng.gamma(2.0, 1.0, shared.categories) * shared.scale
        ax.bar(np.arange(shared.categories), h, bottom=bottom, color=c.colors[layer % len(c.colors)], width=0.75)
        bottom += h


@renderer("scatter", "matplotlib-facets")
def scatter_facets(rng: np.random.Generator) -> Rendered:
    """A grid of small scatter panels, one group each."""
    return _faceted(rng, _scatter_panel)


@renderer("bubble", "matplotlib-facets")
def bubble_facets(rng: np.random.Generator) -> Rendered:
    """A grid of small bubble panels: a few translucent circles of very different sizes in each."""
    return _faceted(rng, _bubble_panel, max_cols=4)


@renderer("bar", "matplotlib-facets")
def bar_facets(rng: np.random.Generator) -> Rendered:
    """A grid of small bar panels, as ``catplot(kind="bar", col=...)`` draws them."""
    return _faceted(rng, _bar_panel, max_cols=4)


@renderer("box", "matplotlib-facets")
def box_facets(rng: np.random.Generator) -> Rendered:
    """A grid of small box-plot panels with their outliers."""
    return _faceted(rng, _box_panel, max_cols=4)


@renderer("area", "matplotlib-facets")
def area_facets(rng: np.random.Generator) -> Rendered:
    """A grid of small filled-area panels, one series each."""
    return _faceted(rng, _area_panel)


@renderer("stacked_bar", "matplotlib-facets")
def stacked_bar_facets(rng: np.random.Generator) -> Rendered:
    """A grid of small stacked-bar panels sharing one set of layer colours."""
    return _faceted(rng, _stacked_bar_panel, max_cols=4)
