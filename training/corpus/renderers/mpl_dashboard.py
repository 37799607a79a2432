"""Matplotlib charts in the look of business-intelligence tools: Tableau, Power BI, Looker Studio, Qlik,
Grafana, Datawrapper/Flourish and trading dashboards.

Each renderer opens a :func:`_bi_canvas` (one tool's canvas, cards, fonts, palette; sometimes a small
dashboard whose extra tiles are KPI number cards, slicers or more charts of the SAME kind), draws its chart
with the look helpers, and the canvas fits every chart into its card before rendering.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patches, ticker

from training.corpus import text
from training.corpus.mpl_style import _FONTS, fig_to_image, sample_size
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.mpl_web import (
    _age_bands,
    _pyramid_sides,
    _smooth,
    _task_names,
)

# ------------------------------------------------------------------------------------------------ tool looks

_PAL = {
    "tableau": ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
                "#9C755F", "#BAB0AC"],
    "powerbi": ["#118DFF", "#12239E", "#E66C37", "#6B007B", "#E044A7", "#744EC2", "#D9B300", "#D64550"],
    "looker": ["#4285F4", "#EA4335", "#FBBC04", "#34A853", "#FF6D01", "#46BDC6", "#7BAAF7", "#F07B72"],
    "qlik": ["#4477AA", "#117733", "#DDCC77", "#CC6677", "#88CCEE", "#44AA99", "#999933", "#AA4499"],
    "grafana": ["#73BF69", "#F2CC0C", "#8AB8FF", "#FF780A", "#F2495C", "#5794F2", "#B877D9", "#6ED0E0"],
    "datawrapper": ["#18A1CD", "#FA8C00", "#C71E1D", "#09BB9F", "#1D81A2", "#FFA126", "#15607A", "#8E44AD"],
    "trading": ["#2962FF", "#FF9800", "#E040FB", "#00BCD4", "#FFEB3B", "#26A69A", "#EF5350", "#9C27B0"],
}
#          figure bg candidates                 card      card edge   text       muted      grid
_LOOK = {
    "tableau": (["#FFFFFF"], "#FFFFFF", None, "#333333", "#666666", "#E6E6E6"),
    "powerbi": (["#EAEAEA", "#F3F2F1", "#E6E6E6", "#FFFFFF"], "#FFFFFF", None, "#252423", "#605E5C", "#E1DFDD"),
    "looker": (["#FFFFFF", "#F1F3F4"], "#FFFFFF", "#DADCE0", "#202124", "#5F6368", "#E0E0E0"),
    "qlik": (["#FFFFFF", "#F2F2F2"], "#FFFFFF", "#D9D9D9", "#404040", "#595959", "#E5E5E5"),
    "grafana": (["#111217", "#0B0C0E"], "#181B1F", "#2C3235", "#CCCCDC", "#9FA1AC", "#2A2D32"),
    "datawrapper": (["#FFFFFF"], "#FFFFFF", None, "#181818", "#777777", "#E6E6E6"),
    "trading": (["#131722", "#161A25", "#0B0E11"], "#131722", None, "#D1D4DC", "#787B86", "#2A2E39"),
}
_DARK = {"grafana", "trading"}
_BI_FONTS = ["Liberation Sans", "DejaVu Sans", "Noto Sans", "Liberation Sans Narrow"]


@dataclass
class _Canvas:
    """One tool-look figure: ``ax`` is the main chart, ``tiles`` extra axes for charts of the same kind."""

    rng: np.random.Generator
    fig: plt.Figure
    ax: plt.Axes
    look: str
    colors: list
    fg: str
    muted: str
    grid: str
    card: str
    tiles: list = field(default_factory=list)
    fits: list = field(default_factory=list)  # (axes, inner rect in figure fractions)
    tags: list = field(default_factory=list)

    @property
    def dark(self) -> bool:
        return self.look in _DARK

    def style(self, ax: plt.Axes, grid: str | None = "y") -> None:
        """Spines, grid and tick colours of the tool."""
        ax.set_facecolor(self.card)
        for s in ax.spines.values():
            s.set_visible(False)
        if self.look == "tableau" or (self.look == "qlik" and self.rng.random() < 0.5):
            ax.spines["left"].set_visible(True)
            ax.spines["bottom"].set_visible(True)
            for s in ("left", "bottom"):
                ax.spines[s].set_color("#C8C8C8")
        if grid:
            ls = "--" if self.look == "powerbi" and self.rng.random() < 0.4 else "-"
            ax.grid(True, axis=grid, color=self.grid, lw=0.8, ls=ls)
            ax.set_axisbelow(True)
        ax.tick_params(colors=self.muted, length=0 if self.look != "tableau" else 3, labelsize="small")
        ax.tick_params(axis="both", color="#C8C8C8")

    def axis_titles(self, ax: plt.Axes, x: str | None, y: str | None, p: float = 0.7) -> None:
        """Grey axis titles, each present with probability ``p``."""
        if x and self.rng.random() < p:
            ax.set_xlabel(x, color=self.muted)
        if y and self.rng.random() < p:
            ax.set_ylabel(y, color=self.muted)

    def legend(self, ax: plt.Axes, handles: list, labels: list, title: str | None = None) -> None:
        """The tool's legend: Tableau/Qlik card on the right, Power BI/Looker row on top, Grafana below."""
        kw: dict = {"frameon": False, "fontsize": "small", "labelcolor": self.muted, "handlelength": 1.0,
                    "handletextpad": 0.4}
        width_in = ax.get_position().width * self.fig.get_size_inches()[0]
        item_in = (max(len(str(s)) for s in labels) * 0.5 + 3) * plt.rcParams["legend.fontsize"] / 72
        fit = max(1, int(width_in / item_in))
        if self.look in ("tableau", "qlik") or (self.look == "datawrapper" and self.rng.random() < 0.3):
            kw.update(loc="upper left", bbox_to_anchor=(1.02, 1.0), title=title, alignment="left")
        elif self.look == "grafana":
            kw.update(loc="upper left", bbox_to_anchor=(0.0, -0.12), ncol=min(len(labels), 4, fit), handlelength=1.5)
        else:
            loc = "lower left" if self.look in ("powerbi", "datawrapper") else "lower center"
            x = 0.0 if loc == "lower left" else 0.5
            kw.update(loc=loc, bbox_to_anchor=(x, 1.01), ncol=min(len(labels), 6, fit), title=title,
                      columnspacing=1.0)
            if title and self.look == "powerbi":  # Power BI puts the legend title inline, left of the items
                kw.pop("title")
                handles = [patches.Patch(alpha=0)] + list(handles)
                labels = [title] + list(labels)
                kw["ncol"] = min(len(labels), 7, fit + 1)
        leg = ax.legend(handles, labels, **kw)
        if leg.get_title():
            leg.get_title().set_color(self.fg)
            leg.get_title().set_fontsize("small")

    def measure_title(self, measure: str, dim: str) -> str:
        """A title the way the tool auto-names a visual."""
        r = self.rng.random()
        if self.look == "powerbi" and r < 0.6:
            return f"{self.rng.choice(['Sum of', 'Count of', 'Average of'])!s} {measure} by {dim}"
        if self.look == "tableau" and r < 0.3:
            return f"Sheet {int(self.rng.integers(1, 12))}"
        return text.title(self.rng, 0.0)


def _field(rng: np.random.Generator) -> str:
    return " ".join(text.words(rng, int(rng.integers(1, 3)), non_english=0.05)).title()


def _short(v: float) -> str:
    """Power BI-style short number: 1.2K, 3.4M."""
    a = abs(v)
    for div, suf in ((1e9, "bn"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            return f"{v / div:.1f}{suf}"
    return f"{v:.0f}" if a >= 10 else f"{v:.1f}"


def _card(c: _Canvas, rect: tuple, title: str, title_fs: float) -> tuple:
    """Draw a card background + title at ``rect`` (figure fractions); return the inner rect for content."""
    x, y, w, h = rect
    fw, fh = c.fig.get_size_inches()
    edge = _LOOK[c.look][2]
    if c.card != c.fig.get_facecolor() or edge:
        rounded = c.look in ("powerbi", "looker", "grafana")
        c.fig.patches.append(patches.FancyBboxPatch(
            (x, y), w, h, boxstyle=f"round,pad=0,rounding_size={0.008 if rounded else 0}", transform=c.fig.transFigure,
            facecolor=c.card, edgecolor=edge or "none", lw=0.8, zorder=-1))
    pad_x, pad_y = 0.1 / fw, 0.08 / fh
    top = y + h - pad_y
    if title:
        bold = c.look in ("tableau", "qlik", "datawrapper") or c.rng.random() < 0.3
        fit = int((w - 2 * pad_x) * fw * 72 / (title_fs * (0.62 if bold else 0.56)))
        if len(title) > fit:
            title = title[: max(fit - 1, 3)].rstrip() + "…"
        c.fig.text(x + pad_x, top, title, ha="left", va="top", fontsize=title_fs, color=c.fg,
                   fontweight="bold" if bold else "normal")
        top -= (title_fs * 1.9 / 72) / fh
    return (x + pad_x, y + pad_y, w - 2 * pad_x, top - y - pad_y)


def _kpi(c: _Canvas, rect: tuple) -> None:
    """A KPI number card (not a chart): big value, caption, sometimes a coloured change."""
    rng = c.rng
    x, y, w, h = _card(c, rect, "", 10)
    val = _short(float(10 ** rng.uniform(1, 7)))
    if rng.random() < 0.3:
        val = f"{rng.uniform(1, 99):.1f}%"
    col = str(rng.choice([c.fg, c.colors[0]])) if not c.dark else str(rng.choice(c.colors[:3]))
    h_in = h * c.fig.get_size_inches()[1]
    c.fig.text(x + w / 2, y + h * 0.58, val, ha="center", va="center", color=col,
               fontsize=float(np.clip(h_in * 22, 9, 28)))
    c.fig.text(x + w / 2, y + h * 0.12, _field(rng), ha="center", va="center", color=c.muted, fontsize="small")
    if h_in > 0.75 and rng.random() < 0.4:
        up = rng.random() < 0.6
        c.fig.text(x + w * 0.97, y + h * 0.95, f"{'▲' if up else '▼'} {rng.uniform(0.5, 25):.1f}%", ha="right",
                   va="top", color="#1AAB40" if up else "#D64550", fontsize="x-small")


def _slicer(c: _Canvas, rect: tuple) -> None:
    """A slicer card (not a chart): a field name and a list of check boxes."""
    rng = c.rng
    x, y, _, h = _card(c, rect, _field(rng), float(plt.rcParams["font.size"]))
    fh = c.fig.get_size_inches()[1]
    step = 0.22 / fh
    items = text.categories(rng, int(np.clip(h / step, 1, 7)))
    for i, it in enumerate(items):
        yy = y + h - (i + 0.6) * step
        if yy < y:
            break
        on = rng.random() < 0.5
        c.fig.patches.append(patches.Rectangle((x, yy - step * 0.25), step * 0.5 * fh / c.fig.get_size_inches()[0],
                                               step * 0.5, transform=c.fig.transFigure, lw=0.8,
                                               facecolor=c.colors[0] if on else "none", edgecolor=c.muted))
        c.fig.text(x + step * 0.9 * fh / c.fig.get_size_inches()[0], yy, it, va="center", color=c.fg,
                   fontsize="small")


def _layout(rng: np.random.Generator, fw: float, fh: float, dashboard: float) -> tuple[tuple, list]:
    """Main card rect and a list of (kind, rect) side tiles, in figure fractions."""
    g = 0.08  # inches of gap between cards
    gx, gy = g / fw, g / fh
    if rng.random() >= dashboard or fw < 4.5:
        m = float(rng.uniform(0.0, 0.04)) if rng.random() < 0.5 else 0.0
        return (m + gx * 0.5, m + gy * 0.5, 1 - 2 * m - gx, 1 - 2 * m - gy), []
    kind = str(rng.choice(["right", "top", "top_right"])) if fh > 3.6 else "right"
    main = (gx, gy, 1 - 2 * gx, 1 - 2 * gy)
    tiles = []
    if kind in ("top", "top_right"):
        kh = min(0.9 / fh, 0.2)
        k = int(rng.integers(2, 5))
        kw = (1 - (k + 1) * gx) / k
        tiles += [("kpi", (gx + i * (kw + gx), 1 - gy - kh, kw, kh)) for i in range(k)]
        main = (gx, gy, 1 - 2 * gx, 1 - 3 * gy - kh)
    if kind in ("right", "top_right"):
        sw = float(rng.uniform(0.22, 0.32))
        x0, y0, w0, h0 = main
        n = int(min(rng.integers(1, 3 if kind == "top_right" else 4), max(1, h0 * fh // 1.4)))
        sh = (h0 - (n - 1) * gy) / n
        tiles += [("side", (x0 + w0 - sw, y0 + i * (sh + gy), sw, sh)) for i in range(n)]
        main = (x0, y0, w0 - sw - gx, h0)
    return main, tiles


@contextmanager
def _bi_canvas(rng: np.random.Generator, looks: list | None = None, *, aspect: tuple | None = None,
               dashboard: float = 0.3, same_tiles: bool = True, title: str | None = None):
    """Open a figure in one BI tool's look; yield a :class:`_Canvas`; fit the charts into their cards and
    store ``Rendered`` as ``c.rendered``. Side tiles of a dashboard are KPI cards, slicers, or (when
    ``same_tiles``) extra chart axes in ``c.tiles`` that the renderer must fill with the same chart kind."""
    look = str(rng.choice(looks or ["tableau", "tableau", "powerbi", "powerbi", "looker", "qlik", "grafana",
                                    "datawrapper"]))
    bgs, card, _, fg, muted, grid = _LOOK[look]
    bg = str(rng.choice(bgs))
    if look == "trading":
        card = bg
    if look == "powerbi" and bg == "#FFFFFF" and rng.random() < 0.5:
        card = "#FFFFFF"
    fonts = [f for f in _BI_FONTS if f in _FONTS] or ["DejaVu Sans"]
    font = str(rng.choice(fonts))
    fs = float(rng.uniform(7, 10.5))
    w, h, _ = sample_size(rng, aspect)
    dpi = int(max(rng.choice([72, 80, 100, 110, 130]), 330 / min(w, h)))
    pal = list(_PAL[look])
    if rng.random() < 0.15:  # tools let users pick another theme palette
        pal = list(_PAL[str(rng.choice(list(_PAL)))])
    rc = {"font.family": font, "font.size": fs, "axes.unicode_minus": font.startswith("DejaVu"),
          "text.color": fg, "axes.labelcolor": muted, "axes.prop_cycle": matplotlib.cycler(color=pal),
          "figure.facecolor": bg, "axes.edgecolor": "#C8C8C8", "legend.fontsize": fs * 0.9}
    with plt.rc_context(rc), text.no_cjk():
        fig = plt.figure(figsize=(w, h), dpi=dpi)
        c = _Canvas(rng, fig, None, look, pal, fg, muted, grid, card,  # type: ignore[arg-type]
                    tags=[look, font.replace(" ", "").lower(), f"{dpi}dpi"])
        try:
            main, side = _layout(rng, w, h, dashboard)
            if side:
                c.tags.append("dashboard")
            if title is None:
                title = c.measure_title(_field(rng), _field(rng)) if rng.random() < 0.85 else ""
            inner = _card(c, main, title, fs * float(rng.uniform(1.15, 1.6)))
            c.ax = fig.add_axes(inner)
            c.fits.append((c.ax, inner))
            for kind, rect in side:
                r = rng.random()
                if kind == "kpi" or r < 0.3:
                    _kpi(c, rect)
                elif same_tiles and r < 0.75:
                    sub = _card(c, rect, text.title(rng, 0.2), fs)
                    ax = fig.add_axes(sub)
                    c.tiles.append(ax)
                    c.fits.append((ax, sub))
                else:
                    _slicer(c, rect)
            yield c
            _fit(c)
            c.rendered = Rendered(fig_to_image(fig, dpi), ",".join(c.tags))  # type: ignore[attr-defined]
        finally:
            plt.close(fig)


def _fit(c: _Canvas) -> None:
    """Move each chart axes so that its tick labels, axis titles and legend lie inside its card."""
    r = c.fig.canvas.get_renderer()
    W, H = c.fig.bbox.width, c.fig.bbox.height
    for ax, (x, y, w, h) in c.fits:
        ax.set_position((x, y, w, h))
        bb, pos = ax.get_tightbbox(r), ax.get_window_extent(r)
        left, bottom = max(pos.x0 - bb.x0, 0) / W, max(pos.y0 - bb.y0, 0) / H
        right, top = max(bb.x1 - pos.x1, 0) / W, max(bb.y1 - pos.y1, 0) / H
        nw, nh = max(w - left - right, w * 0.3), max(h - bottom - top, h * 0.3)
        ax.set_position((x + min(left, w * 0.7), y + min(bottom, h * 0.7), nw, nh))


# ------------------------------------------------------------------------------------------------ data helpers


def _walk(rng: np.random.Generator, n: int, scale: float = 100.0) -> np.ndarray:
    """A positive, trending, noisy series of ``n`` points."""
    y = np.cumsum(rng.normal(rng.uniform(-0.02, 0.05), rng.uniform(0.02, 0.12), n))
    return scale * np.exp(y - y.min()) * rng.uniform(0.5, 1.5)


def _months(rng: np.random.Generator, n: int) -> list[str]:
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    if rng.random() < 0.3:
        y0 = int(rng.integers(2008, 2026))
        return [str(y0 + i) for i in range(n)]
    k = int(rng.integers(12))
    return [names[(k + i) % 12] for i in range(n)]


def _date_axis(c: _Canvas, ax: plt.Axes, fmt: str | None = None) -> None:
    """Date ticks on x with a label format that suits the visible span."""
    lo, hi = ax.get_xlim()
    if fmt is None:
        span = hi - lo
        fmts = (["%Y", "%b %Y", "%b '%y"] if span > 400 else ["%b %d", "%d %b", "%b", "%m/%d"] if span > 40
                else ["%b %d", "%d %b", "%m/%d", "%a %d"])
        fmt = str(c.rng.choice(fmts))
    width_in = ax.get_position().width * c.fig.get_size_inches()[0]
    most = int(np.clip(width_in * 1.2, 3, c.rng.integers(5, 8)))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=most))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))


# ------------------------------------------------------------------------------------------------------- gantt


@renderer("gantt", "matplotlib-bi")
def gantt_bi(rng: np.random.Generator) -> Rendered:
    """Tableau Gantt bar marks / Power BI gantt: task rows (sometimes grouped under phase rows) on a date axis."""
    with _bi_canvas(rng, ["tableau", "tableau", "powerbi", "powerbi", "looker", "qlik", "grafana"],
                    aspect=(1.1, 2.6), same_tiles=False) as c:
        ax = c.ax
        c.style(ax, grid="x")
        phases = int(rng.integers(1, 5))
        s0 = mdates.date2num(dt.date(int(rng.integers(2019, 2027)), int(rng.integers(1, 13)), 1))
        grouped = phases > 1 and (c.look == "powerbi" or rng.random() < 0.5)
        by_phase = rng.random() < 0.5
        cats = text.categories(rng, int(rng.integers(2, 5)))
        h = float(rng.uniform(0.45, 0.8))
        labels, bold, y, t = [], [], 0, 0.0
        span = float(rng.choice([40, 90, 180, 365]))
        for p in range(phases):
            n = int(rng.integers(2, max(3, min(7 if phases > 1 else 14, int(c.fig.get_size_inches()[1] * 4 / phases)))))
            st = np.maximum(0, t + np.cumsum(rng.uniform(-0.05, 0.25, n) * span / 3))
            du = rng.uniform(0.05, 0.3, n) * span
            t = float(st[-1] + du[-1] * rng.uniform(0.3, 1.0))
            if grouped:
                ax.barh(y, st.max() + du.max() - st.min(), left=s0 + st.min(), height=h * 0.45,
                        color="#3B3A39" if not c.dark else "#CCCCDC", zorder=2)
                labels.append(f"{rng.choice(['Phase', 'Stage', 'Sprint', 'Workstream'])!s} {p + 1}")
                bold.append(True)
                y += 1
            ci = rng.integers(0, len(cats), n)
            for k in range(n):
                col = c.colors[p % len(c.colors)] if by_phase else c.colors[ci[k] % len(c.colors)]
                ax.barh(y, du[k], left=s0 + st[k], height=h, color=col, zorder=2)
                if c.look == "powerbi" and rng.random() < 0.5:  # % complete
                    ax.barh(y, du[k] * rng.uniform(0, 1), left=s0 + st[k], height=h * 0.35, color="#00000055",
                            zorder=3)
                labels.append(("   " if grouped else "") + _task_names(rng, 1)[0])
                bold.append(False)
                y += 1
        ax.set_yticks(range(y), labels)
        for lab, b in zip(ax.get_yticklabels(), bold):
            lab.set_fontweight("bold" if b else "normal")
            lab.set_color(c.fg if b else c.muted)
        ax.set_ylim(y - 0.4, -0.6)
        _date_axis(c, ax)
        if c.look == "tableau" and rng.random() < 0.5:
            ax.xaxis.tick_top()
        if rng.random() < 0.4:
            ax.axvline(s0 + t * rng.uniform(0.2, 0.8), color="#D64550", ls="--", lw=1, zorder=4)
        if c.look == "tableau" and rng.random() < 0.7:
            for yy in range(y + 1):
                ax.axhline(yy - 0.5, color="#EEEEEE", lw=0.6, zorder=0)
        c.axis_titles(ax, str(rng.choice(["Start Date", "Week of Start", "Month of Date", "Timeline"])),
                      str(rng.choice(["Task", "Task Name", "Activity"])), p=0.5)
        if by_phase and phases > 1 and not grouped:
            c.legend(ax, [patches.Patch(color=c.colors[i]) for i in range(phases)],
                     [f"Phase {i + 1}" for i in range(phases)], "Phase")
        elif not by_phase:
            c.legend(ax, [patches.Patch(color=c.colors[i]) for i in range(len(cats))], cats, _field(rng))
    return c.rendered


# -------------------------------------------------------------------------------------------------------- area


@renderer("area", "matplotlib-bi")
def area_bi(rng: np.random.Generator) -> Rendered:
    """Grafana dark time-series panel with translucent filled areas, Tableau stacked area, Power BI area chart."""
    with _bi_canvas(rng, ["grafana", "grafana", "tableau", "powerbi", "looker", "qlik"], dashboard=0.4) as c:
        stacked = c.look == "tableau" or rng.random() < 0.35
        k = int(rng.integers(1, 5)) if not stacked else int(rng.integers(2, 7))
        names = text.categories(rng, max(k, 2))
        n = int(rng.integers(30, 200)) if c.look == "grafana" else int(rng.integers(12, 60))
        t0 = mdates.date2num(dt.datetime(2024, int(rng.integers(1, 13)), int(rng.integers(1, 28)),
                                         int(rng.integers(0, 24))))
        step = float(rng.choice([1 / 1440, 5 / 1440, 1 / 24])) if c.look == "grafana" else float(rng.choice([1, 7, 30]))
        unit = str(rng.choice(["", " ms", " req/s", "%", " GB", " K"]))
        alpha = float(rng.uniform(0.1, 0.35)) if c.look == "grafana" else float(rng.uniform(0.35, 0.9))

        def draw(ax: plt.Axes, m: int) -> None:
            x = t0 + np.arange(n) * step
            ys = [_walk(rng, n, 10 ** rng.uniform(0, 3)) * (1 + 0.3 * rng.standard_normal(n) *
                                                            (c.look == "grafana")).clip(0.2) for _ in range(m)]
            c.style(ax, grid="both" if c.look == "grafana" else "y")
            if stacked and m > 1:
                ax.stackplot(x, ys, colors=c.colors[:m], alpha=min(1.0, alpha + 0.3), lw=0.5,
                             edgecolor=c.card if c.look == "tableau" else None, labels=names[:m])
            else:
                for i, yy in enumerate(ys):
                    ax.plot(x, yy, color=c.colors[i], lw=float(rng.uniform(1, 2)), label=names[i])
                    ax.fill_between(x, yy, color=c.colors[i], alpha=alpha, lw=0)
            ax.set_xlim(x[0], x[-1])
            ax.set_ylim(bottom=0)
            fmt = "%H:%M" if c.look == "grafana" and step < 1 else None
            _date_axis(c, ax, fmt)
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: _short(v) + unit))
            ax.yaxis.set_major_locator(ticker.MaxNLocator(int(rng.integers(3, 7))))

        draw(c.ax, k)
        for ax in c.tiles:
            draw(ax, int(rng.integers(1, 3)))
        handles, labels = c.ax.get_legend_handles_labels()
        if (k > 1 or rng.random() < 0.4) and handles:
            c.legend(c.ax, handles, labels, _field(rng))
        c.axis_titles(c.ax, None, _field(rng), p=0.4)
    return c.rendered


# ------------------------------------------------------------------------------------------------------ stream


@renderer("stream", "matplotlib-bi")
def stream_bi(rng: np.random.Generator) -> Rendered:
    """Flourish/D3 streamgraph: smooth layers around a wiggling baseline, layer names written inside the
    streams, no value axis."""
    with _bi_canvas(rng, ["datawrapper", "datawrapper", "looker", "tableau", "grafana", "powerbi"],
                    dashboard=0.15, same_tiles=False) as c:
        ax = c.ax
        k = int(rng.integers(4, 11))
        n = int(rng.integers(60, 160))
        ys = np.array([_smooth(rng, n, int(rng.integers(1, 5))) for _ in range(k)])
        x0 = int(rng.integers(1950, 2015))
        x = np.linspace(x0, x0 + int(rng.integers(8, 60)), n)
        cols = [c.colors[i % len(c.colors)] for i in range(k)]
        if rng.random() < 0.3:
            cmap = matplotlib.colormaps[str(rng.choice(["viridis", "plasma", "Spectral", "cool", "YlGnBu"]))]
            cols = [cmap(v) for v in np.linspace(0.1, 0.9, k)]
        baseline = str(rng.choice(["wiggle", "wiggle", "sym", "weighted_wiggle"]))
        edge = c.card if rng.random() < 0.6 else "none"
        polys = ax.stackplot(x, ys, baseline=baseline, colors=cols, edgecolor=edge, lw=0.6,
                             alpha=float(rng.uniform(0.8, 1)))
        c.style(ax, grid="x")
        ax.set_yticks([])
        ax.set_xlim(x[0], x[-1])
        ax.spines["left"].set_visible(False)
        names = text.categories(rng, k, long_labels=0.0)
        # positions of layer bottoms for labels, recomputed like stackplot does
        stack = np.cumsum(ys, axis=0)
        if baseline == "sym":
            first = -stack[-1] / 2
        elif baseline == "wiggle":
            first = -np.sum((k - 0.5 - np.arange(k))[:, None] * ys, axis=0) / k
        else:
            first = None
        if first is not None:
            lo = np.vstack([first, first + stack[:-1]])
            for i in range(k):
                j = n // 6 + int(np.argmax(ys[i, n // 6: n - n // 6]))
                if ys[i, j] > 0.12 * stack[-1].max() / 2:
                    ax.text(x[j], lo[i, j] + ys[i, j] / 2, names[i], ha="center", va="center", fontsize="small",
                            color="white" if rng.random() < 0.7 else "#222222", fontweight="bold", clip_on=True)
        elif rng.random() < 0.7:
            c.legend(ax, polys, names, None)
        ax.xaxis.set_major_locator(ticker.MaxNLocator(int(rng.integers(4, 9)), integer=True))
    return c.rendered


# ------------------------------------------------------------------------------------------------- stacked bar


@renderer("stacked_bar", "matplotlib-bi")
def stacked_bar_bi(rng: np.random.Generator) -> Rendered:
    """Power BI stacked column / 100% stacked bar and Tableau stacked bars with segment data labels."""
    with _bi_canvas(rng, ["powerbi", "powerbi", "tableau", "tableau", "looker", "qlik", "grafana"],
                    dashboard=0.4) as c:
        k = int(rng.integers(2, 6))
        segs = text.categories(rng, k)
        horiz = rng.random() < 0.45
        pct = rng.random() < 0.4
        labels_on = rng.random() < 0.6
        scale = float(10 ** rng.uniform(1, 5))

        def draw(ax: plt.Axes, m: int, small: bool) -> None:
            cats = _months(rng, m) if rng.random() < 0.4 else text.categories(rng, m, 0.0 if small else 0.08)
            v = rng.uniform(0.1, 1, (k, m)) * rng.uniform(0.3, 1, m) * scale
            if pct:
                v = v / v.sum(axis=0) * 100
            bottom = np.zeros(m)
            width = float(rng.uniform(0.5, 0.8))
            pos = np.arange(m)
            c.style(ax, grid="x" if horiz else "y")
            for i in range(k):
                bar = (ax.barh(pos, v[i], left=bottom, height=width, color=c.colors[i], label=segs[i]) if horiz
                       else ax.bar(pos, v[i], bottom=bottom, width=width, color=c.colors[i], label=segs[i]))
                if labels_on and not small and m <= 10:
                    big = v[i] > 0.09 * v.sum(axis=0).max()
                    txt = [(f"{x:.0f}%" if pct else _short(x)) if b else "" for x, b in zip(v[i], big)]
                    ax.bar_label(bar, txt, label_type="center", fontsize="x-small", color="white")
                bottom += v[i]
            if horiz:
                ax.set_yticks(pos, cats)
                ax.invert_yaxis()
            else:
                ax.set_xticks(pos, cats, rotation=0 if m < 8 else 45)
            vax = ax.xaxis if horiz else ax.yaxis
            vax.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:.0f}%" if pct else _short(x)))

        draw(c.ax, int(rng.integers(3, 13)), False)
        for ax in c.tiles:
            draw(ax, int(rng.integers(2, 6)), True)
        h, lab = c.ax.get_legend_handles_labels()
        c.legend(c.ax, h, lab, _field(rng) if rng.random() < 0.6 else None)
        c.axis_titles(c.ax, _field(rng), _field(rng), p=0.5)
    return c.rendered


# --------------------------------------------------------------------------------------------------------- bar


@renderer("bar", "matplotlib-bi")
def bar_bi(rng: np.random.Generator) -> Rendered:
    """Power BI column chart with data labels, Tableau sorted bars (one measure, one colour or a value ramp)."""
    with _bi_canvas(rng, ["powerbi", "powerbi", "tableau", "tableau", "looker", "qlik", "grafana", "datawrapper"],
                    dashboard=0.45) as c:
        horiz = c.look in ("tableau", "datawrapper") and rng.random() < 0.5
        sort = c.look == "tableau" or rng.random() < 0.5
        scale = float(10 ** rng.uniform(1, 6))
        ramp = c.look == "tableau" and rng.random() < 0.3

        def draw(ax: plt.Axes, m: int, small: bool) -> None:
            cats = (_months(rng, m) if not sort and rng.random() < 0.5
                    else text.categories(rng, m, 0.0 if small else 0.1))
            v = rng.lognormal(0, 0.6, m) * scale
            if sort:
                v = np.sort(v)[::-1]
            col = c.colors[0 if rng.random() < 0.75 else 1]
            cols = [col] * m
            if ramp:
                cmap = matplotlib.colormaps["Blues"]
                cols = [cmap(0.3 + 0.7 * x / v.max()) for x in v]
            elif c.look == "powerbi" and rng.random() < 0.2:  # cross-highlight selection
                sel = int(rng.integers(m))
                cols = [col if i == sel else col + "55" for i in range(m)]
            pos = np.arange(m)
            w = float(rng.uniform(0.5, 0.85))
            c.style(ax, grid="x" if horiz else "y")
            bars = ax.barh(pos, v, height=w, color=cols) if horiz else ax.bar(pos, v, width=w, color=cols)
            if not small and rng.random() < 0.7:
                ax.bar_label(bars, [_short(x) for x in v], padding=2, fontsize="x-small", color=c.muted)
            if horiz:
                ax.set_yticks(pos, cats)
                ax.invert_yaxis()
                ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: _short(x)))
            else:
                ax.set_xticks(pos, cats, rotation=90 if small else 0 if m < 7 else float(rng.choice([45, 90])))
                ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: _short(x)))
                if c.look == "powerbi" and rng.random() < 0.3:
                    ax.set_yticks([])

        draw(c.ax, int(rng.integers(3, 16)), False)
        for ax in c.tiles:
            draw(ax, int(rng.integers(3, 7)), True)
        c.axis_titles(c.ax, _field(rng), _field(rng), p=0.6)
    return c.rendered


# ----------------------------------------------------------------------------------------------------- scatter


@renderer("scatter", "matplotlib-bi")
def scatter_bi(rng: np.random.Generator) -> Rendered:
    """Tableau scatter: marks coloured and shaped by category (circle, square, plus), with trend lines."""
    with _bi_canvas(rng, ["tableau", "tableau", "tableau", "powerbi", "looker", "qlik"], dashboard=0.3) as c:
        k = int(rng.integers(1, 5))
        names = text.categories(rng, k)
        shapes = rng.random() < 0.5
        hollow = c.look == "tableau" and rng.random() < 0.5
        trend = str(rng.choice(["each", "all", "none"])) if k > 1 else str(rng.choice(["all", "none"]))
        sx, sy = float(10 ** rng.uniform(0, 4)), float(10 ** rng.uniform(0, 4))

        def draw(ax: plt.Axes, n: int) -> None:
            c.style(ax, grid="both")
            allx, ally = [], []
            slope = rng.normal(0.6, 0.5)
            for i in range(k):
                x = rng.uniform(0, 1, n) * sx
                y = (slope * x / sx + rng.normal(rng.uniform(-0.2, 0.2), rng.uniform(0.05, 0.3), n)) * sy
                mk = ["o", "s", "P", "D", "^"][i] if shapes else "o"
                col = c.colors[i]
                kw = {"facecolors": "none", "edgecolors": col} if hollow and mk != "P" else {"color": col}
                ax.scatter(x, y, s=float(rng.uniform(12, 45)), marker=mk, alpha=0.85, lw=1, label=names[i], **kw)
                if trend == "each":
                    p = np.polyfit(x, y, 1)
                    xx = np.array([x.min(), x.max()])
                    ax.plot(xx, np.polyval(p, xx), color=col, lw=1.2)
                allx.append(x)
                ally.append(y)
            if trend == "all":
                x, y = np.concatenate(allx), np.concatenate(ally)
                p = np.polyfit(x, y, 1)
                xx = np.linspace(x.min(), x.max(), 2)
                ax.plot(xx, np.polyval(p, xx), color="#555555" if not c.dark else "#CCCCCC", lw=1.2)
                if rng.random() < 0.5:
                    band = np.std(y - np.polyval(p, x)) * 0.4
                    for s in (-1, 1):
                        ax.plot(xx, np.polyval(p, xx) + s * band, color="#999999", lw=0.8, ls="--")
            ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: _short(v)))
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: _short(v)))

        draw(c.ax, int(rng.integers(15, 120)) // k + 5)
        for ax in c.tiles:
            draw(ax, int(rng.integers(10, 40)))
        if k > 1:
            h, lab = c.ax.get_legend_handles_labels()
            c.legend(c.ax, h, lab, _field(rng))
        c.axis_titles(c.ax, _field(rng), _field(rng), p=0.85)
    return c.rendered


# ------------------------------------------------------------------------------------------------------ bubble


def _play_axis(c: _Canvas, ax: plt.Axes, years: list[int], at: int) -> None:
    """Power BI play axis under the plot: a play button and a slider track with year ticks."""
    pa = ax.inset_axes((0.0, -0.3, 1.0, 0.09))
    pa.set_facecolor("none")
    for s in pa.spines.values():
        s.set_visible(False)
    pa.plot([0, 1], [0, 0], color="#C8C6C4", lw=2)
    pa.plot([0, at / (len(years) - 1)], [0, 0], color=c.colors[0], lw=2)
    pa.plot([at / (len(years) - 1)], [0], "o", color=c.colors[0], ms=6)
    pa.plot([-0.05], [0], marker=">", color=c.muted, ms=9)
    pa.set_xlim(-0.08, 1.02)
    pa.set_xticks(np.linspace(0, 1, len(years)), [str(y) for y in years], fontsize="x-small", color=c.muted)
    pa.tick_params(length=0)
    pa.set_yticks([])


@renderer("bubble", "matplotlib-bi")
def bubble_bi(rng: np.random.Generator) -> Rendered:
    """Power BI scatter with a size field (bubbles), category colours, often a play axis and the current
    year written faintly behind the marks."""
    with _bi_canvas(rng, ["powerbi", "powerbi", "powerbi", "tableau", "looker", "qlik"], dashboard=0.3,
                    same_tiles=False) as c:
        ax = c.ax
        c.style(ax, grid="both")
        k = int(rng.integers(1, 6))
        n = int(rng.integers(8, 45))
        x = rng.lognormal(0, 0.7, n) * 10 ** rng.uniform(1, 4)
        y = (np.log(x) * rng.uniform(0.5, 2) + rng.normal(0, 1, n)) * 10 ** rng.uniform(0, 2)
        size = rng.lognormal(0, 0.9, n)
        size = 20 + 1400 * size / size.max() * rng.uniform(0.5, 1)
        grp = rng.integers(0, k, n)
        names = text.categories(rng, k)
        alpha = float(rng.uniform(0.55, 0.9))
        for i in range(k):
            m = grp == i
            ax.scatter(x[m], y[m], s=size[m], color=c.colors[i], alpha=alpha, edgecolors=str(rng.choice(
                ["white", "none", c.colors[i]])), lw=0.8, label=names[i])
        if rng.random() < 0.5:
            ax.set_xscale("log")
        ax.margins(0.12)
        if rng.random() < 0.4:  # data labels next to the biggest bubbles
            for j in np.argsort(size)[-int(rng.integers(2, 6)):]:
                ax.annotate(text.categories(rng, 1)[0], (x[j], y[j]), fontsize="x-small", color=c.muted,
                            ha="center", va="center")
        if c.look == "powerbi" and rng.random() < 0.75:
            y0 = int(rng.integers(1990, 2018))
            years = list(range(y0, y0 + int(rng.integers(4, 9))))
            at = int(rng.integers(len(years)))
            _play_axis(c, ax, years, at)
            if rng.random() < 0.6:
                ax.text(0.5, 0.5, str(years[at]), transform=ax.transAxes, ha="center", va="center",
                        fontsize=60, color="#DDDDDD", zorder=0)
        if k > 1:
            handles = [plt.Line2D([], [], marker="o", ls="", color=c.colors[i]) for i in range(k)]
            c.legend(ax, handles, names, _field(rng))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: _short(v)))
        ax.xaxis.set_minor_formatter(ticker.NullFormatter())
        c.axis_titles(ax, _field(rng), _field(rng), p=0.9)
    return c.rendered


# --------------------------------------------------------------------------------------------------------- box


def _box(ax: plt.Axes, pos: float, v: np.ndarray, width: float, horiz: bool, fills: tuple, edge: str) -> None:
    """Tableau-style box: two grey halves split at the median, whiskers with short caps at 1.5 IQR."""
    q1, med, q3 = np.percentile(v, [25, 50, 75])
    iqr = q3 - q1
    lo, hi = v[v >= q1 - 1.5 * iqr].min(), v[v <= q3 + 1.5 * iqr].max()

    def rect(a: float, b: float, col: str) -> patches.Rectangle:
        if horiz:
            return patches.Rectangle((a, pos - width / 2), b - a, width, facecolor=col, edgecolor=edge, lw=0.8,
                                     zorder=1)
        return patches.Rectangle((pos - width / 2, a), width, b - a, facecolor=col, edgecolor=edge, lw=0.8, zorder=1)

    ax.add_patch(rect(q1, med, fills[0]))
    ax.add_patch(rect(med, q3, fills[1]))
    for a, b in ((lo, q1), (q3, hi)):
        seg = ([a, b], [pos, pos]) if horiz else ([pos, pos], [a, b])
        ax.plot(*seg, color=edge, lw=0.8, zorder=1)
    for w in (lo, hi):
        cap = ([w, w], [pos - width / 4, pos + width / 4]) if horiz else ([pos - width / 4, pos + width / 4], [w, w])
        ax.plot(*cap, color=edge, lw=0.8, zorder=1)


@renderer("box", "matplotlib-bi")
def box_bi(rng: np.random.Generator) -> Rendered:
    """Tableau box plot over circle marks: jittered or lined-up dots per column with grey two-tone boxes and
    whiskers."""
    with _bi_canvas(rng, ["tableau", "tableau", "tableau", "powerbi", "qlik", "looker"], dashboard=0.25) as c:
        horiz = rng.random() < 0.3
        jitter = float(rng.choice([0.0, 0.0, 0.12, 0.25]))
        hollow = rng.random() < 0.5
        color_by = rng.random() < 0.4
        grey = str(rng.choice(["#E6E6E6", "#D9D9D9", "#EDEDED"])) if not c.dark else "#3A3D42"
        fills = (grey, str(rng.choice([grey, "#C8C8C8", "#F2F2F2"])))

        def draw(ax: plt.Axes, m: int, small: bool) -> None:
            c.style(ax, grid="x" if horiz else "y")
            cats = text.categories(rng, m, long_labels=0.0 if small or m > 5 else 0.08)
            scale = float(10 ** rng.uniform(0, 4))
            w = float(rng.uniform(0.4, 0.7))
            for i in range(m):
                n = int(rng.integers(8, 70 if not small else 30))
                v = rng.lognormal(rng.normal(0, 0.3), rng.uniform(0.2, 0.7), n) * scale
                _box(ax, i, v, w, horiz, fills, "#A0A0A0")
                col = c.colors[i % len(c.colors)] if color_by else c.colors[0]
                off = i + rng.uniform(-jitter, jitter, n) if jitter else np.full(n, float(i))
                xy = (v, off) if horiz else (off, v)
                kw = {"facecolors": "none", "edgecolors": col} if hollow else {"color": col, "alpha": 0.6}
                ax.scatter(*xy, s=float(rng.uniform(10, 30)), lw=1, zorder=2, **kw)
            if horiz:
                ax.set_yticks(range(m), cats)
                ax.set_ylim(m - 0.5, -0.5)
                ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: _short(x)))
            else:
                ax.set_xticks(range(m), cats, rotation=0 if m < 7 else 45)
                ax.set_xlim(-0.5, m - 0.5)
                ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: _short(x)))

        draw(c.ax, int(rng.integers(2, 10)), False)
        for ax in c.tiles:
            draw(ax, int(rng.integers(2, 5)), True)
        c.axis_titles(c.ax, _field(rng), _field(rng), p=0.8)
    return c.rendered


# ------------------------------------------------------------------------------------------ population pyramid


@renderer("population_pyramid", "matplotlib-bi")
def population_pyramid_bi(rng: np.random.Generator) -> Rendered:
    """Tableau / Power BI population pyramid: two colours of horizontal bars back to back, age bands on rows,
    a mirrored value axis or a central age column."""
    with _bi_canvas(rng, ["tableau", "tableau", "powerbi", "powerbi", "looker", "qlik", "datawrapper"],
                    aspect=(0.7, 1.9), dashboard=0.25, same_tiles=False) as c:
        ax = c.ax
        c.style(ax, grid="x")
        n = int(rng.choice([8, 10, 17, 18, 21]))
        male, female = _pyramid_sides(rng, n)
        total = float(10 ** rng.uniform(4, 8))
        pct = rng.random() < 0.5
        if not pct:
            male, female = male * total / 100, female * total / 100
        bands = _age_bands(rng, n)
        i0, i1 = (0, 1) if rng.random() < 0.7 else (1, 2)
        cols = [c.colors[i0], c.colors[i1]]
        names = [str(s) for s in rng.choice([["Male", "Female"], ["Men", "Women"], ["M", "F"], ["Males", "Females"]])]
        if rng.random() < 0.5:
            names, cols = names[::-1], cols[::-1]
            male, female = female, male
        gutter = rng.random() < 0.3
        g = max(male.max(), female.max()) * (0.22 if gutter else 0.0)
        y = np.arange(n)
        h = float(rng.uniform(0.7, 0.95))
        ax.barh(y, -male, left=-g, height=h, color=cols[0], label=names[0])
        ax.barh(y, female, left=g, height=h, color=cols[1], label=names[1])
        lim = max(male.max(), female.max()) * 1.1 + g
        ax.set_xlim(-lim, lim)
        fmt = (lambda v: f"{abs(v):.1f}%") if pct else (lambda v: _short(abs(v)))
        vals = [v for v in ticker.MaxNLocator(int(rng.integers(2, 5))).tick_values(0, lim - g) if 0 <= v <= lim - g]
        ticks = sorted({-(v + g) for v in vals} | {v + g for v in vals})
        ax.set_xticks(ticks, [fmt(abs(t) - g) for t in ticks])
        if gutter:
            ax.set_yticks([])
            for yy, b in zip(y, bands):
                ax.text(0, yy, b, ha="center", va="center", fontsize="x-small", color=c.muted)
        else:
            ax.set_yticks(y, bands)
        ax.set_ylim(-0.6, n - 0.4)
        ax.axvline(0, color="#C8C8C8", lw=0.8)
        if rng.random() < 0.35:
            for side, vals in ((-1, male), (1, female)):
                for yy, v in zip(y, vals):
                    ax.text(side * (v + g + lim * 0.01), yy, fmt(v), ha="right" if side < 0 else "left", va="center",
                            fontsize=6, color=c.muted)
        if c.look == "tableau" and rng.random() < 0.6:  # column headers over each pane
            for side, nm in ((-1, names[0]), (1, names[1])):
                ax.text(0.5 + side * 0.25, 1.01, nm, transform=ax.transAxes, ha="center", va="bottom", color=c.fg,
                        fontweight="bold", fontsize="small")
        else:
            c.legend(ax, [patches.Patch(color=col) for col in cols], names,
                     str(rng.choice(["Sex", "Gender", ""])) or None)
        c.axis_titles(ax, str(rng.choice(["Population", "% of total", "Count", "Share of population"])),
                      str(rng.choice(["Age", "Age group", "Age Band"])), p=0.6)
    return c.rendered


# ------------------------------------------------------------------------------------------------- candlestick


@renderer("candlestick", "matplotlib-bi")
def candlestick_bi(rng: np.random.Generator) -> Rendered:
    """Trading dashboard: green/red candles, moving averages, price axis on the right, volume bars at the
    bottom, a ticker header and a last-price tag."""
    with _bi_canvas(rng, ["trading", "trading", "trading", "grafana", "powerbi", "tableau"], aspect=(1.2, 2.6),
                    dashboard=0.2, same_tiles=False, title="") as c:
        ax = c.ax
        c.style(ax, grid="both")
        up, down = (str(s) for s in [("#26A69A", "#EF5350"), ("#089981", "#F23645"), ("#0ECB81", "#F6465D"),
                                      ("#4CAF50", "#E53935")][int(rng.integers(4))])
        n = int(rng.integers(30, 150))
        ret = rng.normal(rng.uniform(-0.004, 0.006), rng.uniform(0.008, 0.03), n + 1)
        close = float(10 ** rng.uniform(0, 4)) * np.exp(np.cumsum(ret))
        op, cl = close[:-1], close[1:] * np.exp(rng.normal(0, 0.01, n))
        rngs = np.abs(rng.normal(0, 0.012, n)) * close[1:]
        hi = np.maximum(op, cl) + rngs * rng.uniform(0.2, 1, n)
        lo = np.minimum(op, cl) - rngs * rng.uniform(0.2, 1, n)
        x = np.arange(n)
        rise = cl >= op
        cols = np.where(rise, up, down)
        ohlc = rng.random() < 0.15
        w = float(rng.uniform(0.5, 0.8))
        ax.vlines(x, lo, hi, colors=cols, lw=0.8, zorder=2)
        if ohlc:
            ax.hlines(op, x - w / 2, x, colors=cols, lw=1, zorder=2)
            ax.hlines(cl, x, x + w / 2, colors=cols, lw=1, zorder=2)
        else:
            hollow = rng.random() < 0.2
            face = [c.card if (hollow and r) else col for r, col in zip(rise, cols)]
            ax.bar(x, np.maximum(np.abs(cl - op), 1e-3 * close.mean()), bottom=np.minimum(op, cl), width=w,
                   color=face, edgecolor=cols, lw=0.6, zorder=3)
        for i, p in enumerate(rng.choice([9, 20, 50, 100, 200], int(rng.integers(0, 3)), replace=False)):
            p = min(int(p), n // 2)
            ma = np.convolve(cl, np.ones(p) / p, mode="valid")
            ax.plot(x[p - 1:], ma, color=c.colors[i % len(c.colors)], lw=1.1, zorder=4)
        span = hi.max() - lo.min()
        ax.set_ylim(lo.min() - span * float(rng.uniform(0.2, 0.4)), hi.max() + span * 0.05)
        if rng.random() < 0.8:  # volume overlaid at the bottom of the price pane
            vol = rng.lognormal(0, 0.5, n)
            vax = ax.twinx()
            vax.bar(x, vol, width=w, color=cols, alpha=0.35, zorder=1)
            vax.set_ylim(0, vol.max() * float(rng.uniform(4, 6)))
            vax.set_yticks([])
            for s in vax.spines.values():
                s.set_visible(False)
        floor = lo.min() - span * 0.02
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.2f}" if floor <= v < 100 else
                                                          f"{v:,.0f}" if v >= floor else ""))
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
        ax.set_xlim(-1, n + n * 0.04)
        t0 = dt.date(int(rng.integers(2015, 2026)), int(rng.integers(1, 13)), 1)
        step = int(rng.choice([1, 7]))
        fmt = str(rng.choice(["%b '%y", "%b %Y"] if n * step > 300 else ["%b %d", "%d", "%m/%d", "%d %b"]))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(
            lambda v, _: (t0 + dt.timedelta(days=int(v) * step)).strftime(fmt)))
        ax.xaxis.set_major_locator(ticker.MaxNLocator(int(rng.integers(4, 8)), integer=True))
        last = cl[-1]
        ax.annotate(f"{last:.2f}", (1.0, last), xycoords=("axes fraction", "data"), ha="left", va="center",
                    fontsize="x-small", color="white", bbox={"boxstyle": "square,pad=0.2", "fc": cols[-1], "ec": "none"})
        if rng.random() < 0.5:
            ax.axhline(last, color=cols[-1], lw=0.7, ls=":", zorder=1)
        sym = "".join(rng.choice(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), int(rng.integers(3, 5))))
        sym += str(rng.choice(["", "USD", "USDT", " · NASDAQ", " · NYSE"]))
        tf = str(rng.choice(["1D", "1W", "4h", "1h", "15m", "D"]))
        head = f"{sym} · {tf}   O{op[-1]:.2f} H{hi[-1]:.2f} L{lo[-1]:.2f} C{cl[-1]:.2f}"
        ax.text(0.01, 0.99, head, transform=ax.transAxes, ha="left", va="top", fontsize="small", color=c.fg)
    return c.rendered


# ---------------------------------------------------------------------------------------- parallel coordinates


@renderer("parallel_coordinates", "matplotlib-bi")
def parallel_coordinates_bi(rng: np.random.Generator) -> Rendered:
    """Tableau / Power BI parallel coordinates: 3-8 labelled vertical axes with their own scales, polylines
    coloured by category."""
    with _bi_canvas(rng, ["tableau", "tableau", "powerbi", "powerbi", "looker", "qlik", "grafana"],
                    dashboard=0.2, same_tiles=False) as c:
        ax = c.ax
        c.style(ax, grid=None)
        for s in ax.spines.values():
            s.set_visible(False)
        d = int(rng.integers(3, int(np.clip(c.fig.get_size_inches()[0] * 1.1, 4, 9))))
        k = int(rng.integers(1, 5))
        n = int(rng.integers(10, 120))
        grp = rng.integers(0, k, n)
        centers = rng.uniform(0.15, 0.85, (k, d))
        z = np.clip(centers[grp] + rng.normal(0, rng.uniform(0.08, 0.2), (n, d)), 0, 1)
        lines_alpha = float(np.clip(6 / np.sqrt(n), 0.2, 0.9))
        xs = np.arange(d)
        names = text.categories(rng, k)
        lw = float(rng.uniform(0.8, 1.6))
        for i in range(n):
            ax.plot(xs, z[i], color=c.colors[grp[i] % len(c.colors)], alpha=lines_alpha, lw=lw)
        axis_col = "#888888" if not c.dark else "#666666"
        dims = list(dict.fromkeys(w.capitalize() for w in text.words(rng, 3 * d, non_english=0.0)))
        dims = (dims + [f"Var {i + 1}" for i in range(d)])[:d]
        for j in range(d):
            ax.axvline(j, color=axis_col, lw=1.0, zorder=3)
            lo, hi = sorted(rng.uniform(0, 1, 2) * 10 ** rng.uniform(0, 4))
            hi += (hi - lo) * 0.5 + 1
            for t in np.linspace(0, 1, int(rng.integers(3, 6))):
                ax.plot([j - 0.03, j], [t, t], color=axis_col, lw=0.8, zorder=3)
                ax.text(j - 0.05, t, _short(lo + t * (hi - lo)), ha="right", va="center", fontsize="x-small",
                        color=c.muted, zorder=4)
        ax.set_xticks(xs, dims)
        if rng.random() < 0.5:
            ax.xaxis.tick_top()
        ax.set_yticks([])
        ax.set_xlim(-0.35, d - 0.85)
        ax.set_ylim(-0.03, 1.03)
        ax.tick_params(axis="x", colors=c.fg, labelsize="small", labelrotation=30 if d > 6 else 0)
        if k > 1:
            c.legend(ax, [plt.Line2D([], [], color=c.colors[i], lw=2) for i in range(k)], names, _field(rng))
    return c.rendered
