"""Matplotlib charts in the look of office suites (Microsoft Excel / PowerPoint, Google Sheets, LibreOffice
Calc), the most common source of real-world charts: "Chart Title" centred on top, sans fonts, light grey
horizontal gridlines, no top/right spines, grey tick labels, legend at the bottom or right, data labels and
the suites' palettes; older styles add rounded chart borders, gradient or 3-D-ish fills and shadows.

The shared look lives in :func:`_office` (figure, palette, fonts, chart border) and :func:`_office_axes`
(spines, grid, tick colours); :meth:`_Office.finish` places title and legend and lays the figure out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colors as mcolors
from matplotlib import patches
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from training.corpus import text
from training.corpus.mpl_style import _FONTS, fig_to_image
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.mpl_web import _task_names

# ------------------------------------------------------------------------------------------- shared look

_PALETTES = {
    "excel": ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E"],
    "excel2007": ["#4F81BD", "#C0504D", "#9BBB59", "#8064A2", "#4BACC6", "#F79646", "#2C4D75", "#772C2A"],
    "sheets": ["#4285F4", "#DB4437", "#F4B400", "#0F9D58", "#AB47BC", "#00ACC1", "#FF7043", "#9E9D24"],
    "calc": ["#004586", "#FF420E", "#FFD320", "#579D1C", "#7E0021", "#83CAFF", "#314004", "#AECF00"],
    "excel_mono": ["#4472C4", "#264478", "#698ED0", "#335AA1", "#8FAADC", "#203864", "#B4C7E7", "#2F5597"],
    "excel_green": ["#70AD47", "#43682B", "#A9D18E", "#548235", "#C5E0B4", "#375623", "#8FBC6B", "#385723"],
}
_LOOKS = ["excel"] * 5 + ["excel2007"] * 2 + ["sheets"] * 2 + ["calc", "ppt"]
_OFFICE_FONTS = [f for f in ("Liberation Sans", "Noto Sans", "DejaVu Sans", "Liberation Sans Narrow") if f in _FONTS]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]
_REGIONS = ["North", "South", "East", "West", "Central", "Northeast", "Midwest", "Pacific", "Europe", "Asia",
            "Americas", "EMEA", "APAC", "LATAM"]


@dataclass
class _Office:
    """An open office-look figure: draw on ``ax`` (or more axes), then :meth:`finish`."""

    rng: np.random.Generator
    fig: plt.Figure
    ax: plt.Axes
    look: str
    colors: list
    fg: str  # colour of tick labels and title
    grid: str  # colour of gridlines
    dark: bool
    tags: list = field(default_factory=list)
    title: str = ""
    legend: object = None
    legend_at: str = "bottom"
    rendered: Rendered | None = None

    def add_legend(self, handles=None, labels=None, where: str | None = None) -> None:
        """A figure legend at the bottom (mostly), right or top, in one row unless at the right."""
        rng = self.rng
        if handles is None:
            handles, labels = self.ax.get_legend_handles_labels()
        if not handles:
            return
        if where is None:
            probs = {"sheets": [0.35, 0.3, 0.35], "calc": [0.2, 0.8, 0.0]}.get(self.look, [0.7, 0.25, 0.05])
            where = str(rng.choice(["bottom", "right", "top"], p=probs))
        self.legend_at = where
        kw: dict = {"frameon": self.look == "calc" and rng.random() < 0.7, "fontsize": plt.rcParams["font.size"],
                    "labelcolor": self.fg, "handlelength": 0.9, "handleheight": 0.9}
        if where == "right":
            kw.update(loc="center right", ncol=1)
        else:
            kw.update(loc="lower center" if where == "bottom" else "upper center", ncol=min(len(handles), 6),
                      columnspacing=1.2)
        self.legend = self.fig.legend(handles, labels, **kw)

    def finish(self) -> None:
        """Title on top, legend in its band, tight layout around them, then convert to an image."""
        rng, fig = self.rng, self.fig
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        w, h = fig.bbox.width, fig.bbox.height
        pad = 6 / h
        top, bottom, right = 1.0 - pad, pad, 1.0 - 6 / w
        if self.title:
            left = self.look == "sheets" and rng.random() < 0.7
            fs = plt.rcParams["font.size"] * float(rng.uniform(1.25, 1.7))
            t = fig.text(0.03 if left else 0.5, top, self.title, ha="left" if left else "center", va="top",
                         fontsize=fs, color=self.fg, fontweight="bold" if rng.random() < 0.25 else "normal")
            top -= t.get_window_extent(r).height / h + pad
        if self.legend is not None:
            bb = self.legend.get_window_extent(r)
            if self.legend_at == "bottom":
                self.legend.set_bbox_to_anchor((0.5, pad), transform=fig.transFigure)
                bottom += bb.height / h + pad
            elif self.legend_at == "top":
                self.legend.set_bbox_to_anchor((0.5, top), transform=fig.transFigure)
                top -= bb.height / h + pad
            else:
                self.legend.set_bbox_to_anchor((right, 0.5), transform=fig.transFigure)
                right -= bb.width / w + 8 / w
        try:
            fig.tight_layout(rect=(0.0, bottom, right, top), pad=float(rng.uniform(0.4, 1.2)))
        except Exception:
            pass
        self.rendered = Rendered(fig_to_image(fig), ",".join(self.tags))


def _office_palette(rng: np.random.Generator, look: str, n: int) -> list:
    """``n`` colours of the look's palette (sometimes Excel's monochrome variants), cycled."""
    name = {"excel": "excel", "ppt": "excel", "excel2007": "excel2007", "sheets": "sheets", "calc": "calc"}[look]
    if name == "excel" and rng.random() < 0.15:
        name = str(rng.choice(["excel_mono", "excel_green", "excel2007"]))
    base = _PALETTES[name]
    return [base[i % len(base)] for i in range(n)]


def _office_axes(o: _Office, ax: plt.Axes, grid: str = "y") -> None:
    """Office axes: no top/right(/left) spines, light grey ``grid`` lines below the data, grey ticks."""
    rng = o.rng
    for side in ("top", "right"):
        ax.spines[side].set_visible(o.look == "calc" and rng.random() < 0.5)
    ax.spines["left"].set_visible(o.look in ("excel2007", "calc", "sheets") and rng.random() < 0.6)
    for s in ax.spines.values():
        s.set_color(o.grid if o.look != "excel2007" else "#868686")
    ax.set_facecolor("none")
    if grid:
        ax.grid(True, axis=grid, color=o.grid, lw=0.8)
    ax.set_axisbelow(True)
    tick_len = 3.0 if o.look in ("excel2007", "calc") else 0.0
    ax.tick_params(colors=o.fg, labelcolor=o.fg, length=tick_len, labelsize=plt.rcParams["font.size"])


@contextmanager
def _office(rng: np.random.Generator, aspect: tuple[float, float] = (1.1, 2.0), n_colors: int = 6,
            grid: str | None = "y", looks: list | None = None, rows: int = 0) -> Iterator[_Office]:
    """Open an office-look figure (size, font, palette, border, dark style at random), tall enough for
    ``rows`` rows of labels; converts it on exit."""
    look = str(rng.choice(looks or _LOOKS))
    dark = look in ("excel", "ppt") and rng.random() < 0.1
    font = str(rng.choice(_OFFICE_FONTS))
    fg = "#D9D9D9" if dark else {"sheets": "#444444", "calc": "#333333", "excel2007": "#262626"}.get(look, "#595959")
    grid_c = "#595959" if dark else {"sheets": "#CCCCCC", "calc": "#B3B3B3", "excel2007": "#868686"}.get(look, "#D9D9D9")
    w = float(rng.uniform(4.5, 9.5))
    a = float(rng.uniform(*aspect)) if look != "ppt" else float(rng.uniform(1.5, 1.8))
    dpi = int(rng.choice([80, 90, 96, 100, 110]))
    fs = float(np.clip(w * 72 / rng.uniform(34, 58), 7, 15)) * (1.15 if look == "ppt" else 1.0)
    h = max(w / a, 3.3, rows * fs * 2.1 / 72 + 1.5)
    rc = {"font.family": font, "font.size": fs, "axes.unicode_minus": False, "text.color": fg,
          "axes.labelcolor": fg, "hatch.color": fg}
    with plt.rc_context(rc), text.no_cjk():
        fig = plt.figure(figsize=(w, h), dpi=dpi)
        bg = "#404040" if dark else ("white" if rng.random() < 0.85 else str(rng.choice(["#F2F2F2", "#FAFAFA"])))
        fig.set_facecolor(bg)
        ax = fig.add_subplot(111)
        o = _Office(rng, fig, ax, look, _office_palette(rng, look, n_colors), fg, grid_c, dark,
                    tags=["office", look, font.replace(" ", "").lower(), f"{dpi}dpi"] + (["dark"] if dark else []))
        if grid is not None:
            _office_axes(o, ax, grid)
        if rng.random() < (0.6 if look == "excel2007" else 0.25):  # the chart-area border, often rounded
            style = "round,pad=0,rounding_size=0.015" if rng.random() < 0.6 else "square,pad=0"
            fig.patches.append(patches.FancyBboxPatch((0.004, 0.004), 0.992, 0.992, boxstyle=style,
                                                      transform=fig.transFigure, fill=False, lw=1.0,
                                                      ec=str(rng.choice(["#D9D9D9", "#BFBFBF", "#868686"]))))
        if rng.random() < 0.85:
            o.title = "Chart Title" if rng.random() < 0.3 else (text.title(rng, 0.0) or "Chart Title")
        try:
            yield o
            o.finish()
        finally:
            plt.close(fig)


# ------------------------------------------------------------------------------------------- data & text


def _office_categories(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` category names as typed into a spreadsheet: months, quarters, years, regions, products..."""
    kind = int(rng.integers(8))
    if kind == 0 and n <= 12:
        s = int(rng.integers(0, 13 - n))
        return (_MONTHS if rng.random() < 0.7 else _MONTHS_LONG)[s:s + n]
    if kind == 1:
        y0 = int(rng.integers(2005, 2024))
        return [f"Q{i % 4 + 1} {y0 + i // 4}" for i in range(n)]
    if kind == 2:
        y0 = int(rng.integers(1995, 2025 - n))
        return [str(y0 + i) for i in range(n)]
    if kind == 3 and n <= len(_REGIONS):
        return [str(r) for r in rng.choice(_REGIONS, n, replace=False)]
    if kind == 4:
        return [f"Product {chr(65 + i)}" if n <= 26 else f"Product {i + 1}" for i in range(n)]
    if kind == 5:
        return [f"Category {i + 1}" for i in range(n)]
    return text.categories(rng, n, long_labels=0.1)


def _series_names(rng: np.random.Generator, k: int) -> list[str]:
    """Legend entries: Excel's defaults ("Series1"), years, or words."""
    kind = int(rng.integers(4))
    if kind == 0:
        return [f"Series{i + 1}" if rng.random() < 0.5 else f"Series {i + 1}" for i in range(k)]
    if kind == 1:
        y0 = int(rng.integers(2010, 2025))
        return [str(y0 + i) for i in range(k)]
    if kind == 2:
        names = [w.capitalize() for w in dict.fromkeys(text.words(rng, k * 4))]
        return names[:k] if len(names) >= k else [f"Series {i + 1}" for i in range(k)]
    return [str(s) for s in rng.choice(["Sales", "Profit", "Cost", "Budget", "Actual", "Target", "Forecast",
                                        "Revenue", "Expenses", "Units", "Online", "Retail"], k, replace=False)]


def _value_format(rng: np.random.Generator, scale: float) -> Callable[[float], str]:
    """A number format for axis and data labels: plain, thousands separators, currency or percent."""
    kind = int(rng.integers(5))
    if scale < 10 and kind < 3:
        return lambda v: f"{v:.1f}"
    if kind == 0:
        return lambda v: f"${v:,.0f}"
    if kind == 1 and scale <= 100:
        return lambda v: f"{v:.0f}%"
    return lambda v: f"{v:,.0f}"


def _values(rng: np.random.Generator, n: int, scale: float) -> np.ndarray:
    return np.round(scale * rng.uniform(0.2, 1.0, n) * (1 + 0.3 * np.sin(rng.uniform(0, 6) + np.arange(n))), 1)


def _scale(rng: np.random.Generator) -> float:
    return float(rng.choice([5, 10, 50, 100, 100, 500, 1000, 5000, 20000, 1e6]))


def _data_labels(o: _Office, bars, fmt: Callable[[float], str], where: str = "edge", color: str | None = None,
                 values=None, min_frac: float = 0.0) -> None:
    """Data labels on ``bars`` (on top, inside end or centred); skipped on bars below ``min_frac`` of the max."""
    vals = np.asarray(values) if values is not None else np.asarray(
        [abs(b.get_height()) if bars.orientation == "vertical" else abs(b.get_width()) for b in bars])
    top = float(np.max(np.abs(vals))) if len(vals) else 1.0
    labels = [fmt(v) if abs(v) >= min_frac * top else "" for v in vals]
    o.ax.bar_label(bars, labels=labels, label_type=where, padding=2 if where == "edge" else 0,
                   color=color or o.fg, fontsize=plt.rcParams["font.size"] * 0.9)


def _text_on(color: str) -> str:
    """White or black, whichever reads better on ``color``."""
    r, g, b = mcolors.to_rgb(color)
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.6 else "white"


def _shade(color: str, f: float) -> str:
    """``color`` darkened (f < 1) or lightened towards white (f > 1)."""
    c = np.array(mcolors.to_rgb(color))
    c = c * f if f < 1 else c + (1 - c) * (f - 1)
    return mcolors.to_hex(np.clip(c, 0, 1))


def _fancy_columns(o: _Office, bars, colors: list) -> str:
    """Older Office fills on vertical columns: a 3-D-ish box, a vertical gradient, a drop shadow, or flat."""
    rng, ax = o.rng, o.ax
    kind = str(rng.choice(["flat", "flat", "3d", "gradient", "shadow"] if o.look != "excel2007"
                          else ["flat", "3d", "gradient", "gradient", "shadow"]))
    ax.autoscale_view()
    y0, y1 = ax.get_ylim()
    if kind == "3d":
        for b, c in zip(bars, colors):
            x, w, h = b.get_x(), b.get_width(), b.get_height()
            d, dy = w * 0.3, (y1 - y0) * 0.035
            ax.add_patch(patches.Polygon([(x + w, 0), (x + w + d, dy), (x + w + d, h + dy), (x + w, h)],
                                         fc=_shade(c, 0.7), ec="none", zorder=b.get_zorder()))
            ax.add_patch(patches.Polygon([(x, h), (x + w, h), (x + w + d, h + dy), (x + d, h + dy)],
                                         fc=_shade(c, 1.35), ec="none", zorder=b.get_zorder()))
    elif kind == "gradient":
        grad = np.linspace(1, 0, 64)[:, None]
        for b, c in zip(bars, colors):
            cmap = mcolors.LinearSegmentedColormap.from_list("", [_shade(c, 0.8), c, _shade(c, 1.5)])
            x, w, h = b.get_x(), b.get_width(), b.get_height()
            ax.imshow(grad, extent=(x, x + w, 0, h), aspect="auto", cmap=cmap, zorder=b.get_zorder(),
                      interpolation="bilinear")
            b.set_alpha(0)
    elif kind == "shadow":
        for b in bars:
            x, w, h = b.get_x(), b.get_width(), b.get_height()
            ax.add_patch(patches.Rectangle((x + w * 0.07, 0), w, h - (y1 - y0) * 0.012, fc="#000000", alpha=0.25,
                                           ec="none", zorder=b.get_zorder() - 0.1))
    ax.set_xlim(bars[0].get_x() - bars[0].get_width() * 0.8, bars[-1].get_x() + bars[-1].get_width() * 1.8)
    ax.set_ylim(y0, y1 * (1.08 if kind == "3d" else 1.0))
    return kind


def _gap_width(rng: np.random.Generator) -> float:
    """Bar width from Excel's gap width (50-220 % of a bar)."""
    return 1.0 / (1.0 + float(rng.uniform(0.5, 2.2)))


def _axis_format(o: _Office, ax: plt.Axes, fmt: Callable[[float], str], axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _p: fmt(v)))
    target.set_major_locator(MaxNLocator(int(o.rng.integers(4, 9))))


def _fit_xticks(o: _Office, ax: plt.Axes, labels: list[str]) -> None:
    """Rotate category labels that would not fit side by side."""
    width_pt = o.fig.get_figwidth() * 72 * 0.8
    if sum(len(t) + 2 for t in labels) * plt.rcParams["font.size"] * 0.6 > width_pt:
        plt.setp(ax.get_xticklabels(), rotation=int(o.rng.choice([45, 90])), ha="right", rotation_mode="anchor")


def _axis_titles(o: _Office, ax: plt.Axes, x: float = 0.3, y: float = 0.4) -> None:
    """Excel's "Axis Title" placeholders or real words, each at random."""
    for p, setter in ((x, ax.set_xlabel), (y, ax.set_ylabel)):
        if o.rng.random() < p:
            setter("Axis Title" if o.rng.random() < 0.3 else " ".join(text.words(o.rng, 2)).capitalize(),
                   color=o.fg)


# ------------------------------------------------------------------------------------------------- gantt


def _gantt_dates(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Task start dates (matplotlib date numbers) roughly in sequence, and durations in days."""
    start = mdates.date2num(dt.date(int(rng.integers(2015, 2027)), int(rng.integers(1, 13)), int(rng.integers(1, 28))))
    starts, durs, t = [], [], 0.0
    for _ in range(n):
        d = float(rng.integers(2, 21))
        starts.append(start + t)
        durs.append(d)
        t = max(0.0, t + d * float(rng.uniform(0.3, 1.1)) + float(rng.integers(-3, 4)))
    return np.array(starts), np.array(durs)


def _date_axis(o: _Office, ax: plt.Axes, lo: float, hi: float) -> None:
    fmt = str(o.rng.choice(["%m/%d/%Y", "%d-%b", "%b %d", "%d/%m/%y", "%Y-%m-%d", "%d %b"]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(fmt))
    ax.xaxis.set_major_locator(MaxNLocator(int(o.rng.integers(4, 9))))
    ax.set_xlim(lo, hi)
    if o.rng.random() < 0.3:
        plt.setp(ax.get_xticklabels(), rotation=int(o.rng.choice([45, 90, -45])),
                 ha="right" if o.rng.random() < 0.5 else "center")


@renderer("gantt", "matplotlib-office")
def gantt_excel(rng: np.random.Generator) -> Rendered:
    """Excel stacked-bar Gantt: an invisible start series, task bars top-to-bottom on a date axis, optional
    progress fill and a today line."""
    n = int(rng.integers(4, 16))
    with _office(rng, aspect=(1.2, 2.4), grid="x", rows=n) as o:
        ax = o.ax
        names = _task_names(rng, n) if rng.random() < 0.7 else [f"Task {i + 1}" for i in range(n)]
        starts, durs = _gantt_dates(rng, n)
        y, h = np.arange(n), _gap_width(rng) * 1.2
        col = o.colors[0] if rng.random() < 0.7 else o.colors[int(rng.integers(1, 4))]
        ax.barh(y, starts - starts.min() + 1, left=starts.min() - 1, height=h, color="none")  # the hidden series
        bars = ax.barh(y, durs, left=starts, height=h, color=col, label="Duration")
        if rng.random() < 0.4:
            done = durs * np.clip(rng.uniform(-0.3, 1.3, n), 0, 1)
            ax.barh(y, done, left=starts, height=h, color=_shade(col, 0.6), label="Completed")
            bars.set_label("Remaining")
        if rng.random() < 0.3:
            _data_labels(o, bars, lambda v: f"{v:.0f}" + str(rng.choice(["", " days", "d"])), where="center",
                         color=_text_on(col))
        lo, hi = starts.min() - 1, (starts + durs).max() + 1
        if rng.random() < 0.35:
            today = float(rng.uniform(lo + 1, hi - 1))
            ax.axvline(today, color="#C00000", ls=str(rng.choice(["--", "-"])), lw=1.5, label="Today")
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        _date_axis(o, ax, lo, hi)
        if rng.random() < 0.45:
            ax.xaxis.tick_top()
        ax.tick_params(axis="y", length=0)
        if rng.random() < 0.4:
            o.add_legend()
    return o.rendered


@renderer("gantt", "matplotlib-office")
def gantt_sheets_timeline(rng: np.random.Generator) -> Rendered:
    """Google Sheets timeline-style Gantt: rounded task bars coloured by owner, labels on the bars, a date
    header on top, banded rows."""
    n = int(rng.integers(5, 14))
    with _office(rng, aspect=(1.3, 2.6), grid="x", looks=["sheets", "sheets", "excel"], rows=n) as o:
        ax = o.ax
        names = _task_names(rng, n)
        starts, durs = _gantt_dates(rng, n)
        owners = [str(s) for s in rng.choice(["Alex", "Sam", "Priya", "Chen", "Maria", "Design", "Dev", "QA",
                                              "Marketing", "Ops"], int(rng.integers(2, 5)), replace=False)]
        who = rng.integers(0, len(owners), n)
        if rng.random() < 0.6:
            for i in range(0, n, 2):
                ax.axhspan(i - 0.5, i + 0.5, color="#F3F3F3" if not o.dark else "#4a4a4a", zorder=0)
        h, ticks = float(rng.uniform(0.5, 0.8)), rng.random() < 0.5
        for i in range(n):
            c = o.colors[int(who[i])]
            ax.add_patch(patches.FancyBboxPatch((starts[i], i - h / 2), durs[i], h, mutation_aspect=0.05,
                                                boxstyle="round,pad=0,rounding_size=0.6", fc=c, ec="none", zorder=2))
            if not ticks:
                ax.text(starts[i] + durs[i] + 0.5, i, names[i], va="center", ha="left", color=o.fg,
                        fontsize=plt.rcParams["font.size"] * 0.85, zorder=3)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_yticks(range(n), names) if ticks else ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        end = (starts + durs).max()
        _date_axis(o, ax, starts.min() - 1, end + (1 if ticks else (end - starts.min()) * 0.3))
        ax.xaxis.tick_top()
        ax.tick_params(axis="y", length=0)
        handles = [patches.Patch(color=o.colors[i]) for i in range(len(owners))]
        o.add_legend(handles, owners, where=str(rng.choice(["bottom", "right", "top"])))
    return o.rendered


# ------------------------------------------------------------------------------------------------ pyramid

_PYRAMID_LABELS = [("Male", "Female"), ("Males", "Females"), ("Men", "Women"), ("Male %", "Female %"),
                   ("M", "F")]


@renderer("population_pyramid", "matplotlib-office")
def population_pyramid_excel(rng: np.random.Generator) -> Rendered:
    """Butterfly pyramid: age bands on the y axis (or in the middle), males left and females right on a
    symmetric axis in percent or counts, small gap width."""
    with _office(rng, aspect=(0.8, 1.8), grid="x") as o:
        step = int(rng.choice([5, 5, 5, 10]))
        top = int(rng.choice([80, 85, 90, 100])) if step == 5 else int(rng.choice([70, 80, 90]))
        ages = [f"{a}-{a + step - 1}" for a in range(0, top, step)] + [f"{top}+"]
        n = len(ages)
        o.fig.set_figheight(max(o.fig.get_figheight(), n * plt.rcParams["font.size"] * 1.6 / 72 + 1.5))
        a = np.arange(n) / n
        base = np.exp(-a * float(rng.uniform(0.5, 3.5))) * (1 + 0.15 * np.sin(rng.uniform(0, 6) + a * 12))
        base *= 1 + float(rng.uniform(-0.3, 0.4)) * np.exp(-((a - rng.uniform(0.2, 0.6)) / 0.15) ** 2)
        male = base * rng.uniform(0.93, 1.05, n)
        female = base * rng.uniform(0.95, 1.07, n) * (1 + 0.4 * a ** 3)
        pct = rng.random() < 0.6
        total = male.sum() + female.sum()
        if pct:
            male, female = male / total * 100, female / total * 100
            fmt = (lambda v: f"{abs(v):.0f}%") if rng.random() < 0.7 else (lambda v: f"{abs(v):.1f}%")
        else:
            pop = float(rng.choice([1e4, 1e5, 1e6, 5e6]))
            male, female = male / total * pop, female / total * pop
            fmt = lambda v: f"{abs(v):,.0f}"  # noqa: E731
        names = _PYRAMID_LABELS[int(rng.integers(len(_PYRAMID_LABELS)))]
        cm, cf = (o.colors[0], o.colors[1]) if rng.random() < 0.7 else (o.colors[4 % len(o.colors)], o.colors[3])
        h = float(rng.uniform(0.75, 1.0))
        lim = max(male.max(), female.max()) * float(rng.uniform(1.05, 1.25))
        middle = rng.random() < 0.3
        y = np.arange(n)
        if middle:  # two half-axes with the age labels in a column between them
            o.ax.remove()
            gs = o.fig.add_gridspec(1, 3, width_ratios=[1, 0.16, 1], wspace=0.0)
            al, ar = o.fig.add_subplot(gs[0]), o.fig.add_subplot(gs[2], sharey=None)
            for ax in (al, ar):
                _office_axes(o, ax, "x")
                ax.set_ylim(-0.6, n - 0.4)
                ax.set_yticks([])
                ax.spines["left"].set_visible(False)
            bl = al.barh(y, male, height=h, color=cm, label=names[0])
            br = ar.barh(y, female, height=h, color=cf, label=names[1])
            al.set_xlim(lim, 0)
            ar.set_xlim(0, lim)
            for ax in (al, ar):
                _axis_format(o, ax, fmt, "x")
            for i, lab in enumerate(ages):
                ar.text(-0.08, i, lab, transform=ar.get_yaxis_transform(), ha="center", va="center",
                        fontsize=plt.rcParams["font.size"] * 0.9, color=o.fg)
            o.ax = al
            o.add_legend([bl, br], list(names))
        else:
            ax = o.ax
            bl = ax.barh(y, -male, height=h, color=cm, label=names[0])
            br = ax.barh(y, female, height=h, color=cf, label=names[1])
            ax.set_yticks(y, ages)
            ax.set_xlim(-lim, lim)
            _axis_format(o, ax, fmt, "x")
            ax.set_ylim(-0.6, n - 0.4)
            ax.tick_params(axis="y", length=0)
            if rng.random() < 0.3:
                fs = plt.rcParams["font.size"] * 0.75
                ax.bar_label(bl, labels=[fmt(v) for v in male], padding=2, fontsize=fs, color=o.fg)
                ax.bar_label(br, labels=[fmt(v) for v in female], padding=2, fontsize=fs, color=o.fg)
            if rng.random() < 0.5:
                ax.axvline(0, color=o.grid, lw=1)
            o.add_legend()
        if rng.random() < 0.3:
            o.ax.set_ylabel("Age" if rng.random() < 0.5 else "Age group", color=o.fg)
    return o.rendered


# ------------------------------------------------------------------------------------------------- funnel

_STAGES = [
    ["Prospects", "Qualified leads", "Proposals", "Negotiations", "Closed won"],
    ["Website visits", "Downloads", "Requested price list", "Invoice sent", "Finalized"],
    ["Visitors", "Sign-ups", "Activated", "Trial", "Paid", "Renewed"],
    ["Impressions", "Clicks", "Add to cart", "Checkout", "Purchase"],
    ["Applicants", "Screened", "Interviewed", "Offers", "Hired"],
    ["Awareness", "Interest", "Consideration", "Intent", "Evaluation", "Purchase", "Loyalty"],
]


@renderer("funnel", "matplotlib-office")
def funnel_excel(rng: np.random.Generator) -> Rendered:
    """Excel funnel chart: centred horizontal bars shrinking stage by stage, stage names left, values on
    the bars."""
    with _office(rng, aspect=(1.0, 2.0), grid=None) as o:
        ax = o.ax
        stages = list(_STAGES[int(rng.integers(len(_STAGES)))])
        if rng.random() < 0.25:
            stages = [f"Stage {i + 1}" for i in range(int(rng.integers(4, 8)))]
        n = len(stages)
        v = [float(rng.choice([500, 1000, 2000, 5000, 10000, 150000]))]
        for _ in range(n - 1):
            v.append(v[-1] * float(rng.uniform(0.35, 0.9)))
        v = np.round(np.array(v))
        h = float(rng.uniform(0.6, 0.95))
        cols = [o.colors[0]] * n if rng.random() < 0.6 else [o.colors[i % len(o.colors)] for i in range(n)]
        bars = ax.barh(np.arange(n), v, left=-v / 2, height=h, color=cols)
        if o.look == "excel2007" and rng.random() < 0.5:
            for b, c in zip(bars, cols):
                b.set_edgecolor(_shade(c, 0.6))
        fmt = _value_format(rng, v[0])
        for i, (val, b) in enumerate(zip(v, bars)):
            if b.get_width() > v[0] * 0.12:
                ax.text(0, i, fmt(val), ha="center", va="center", color=_text_on(cols[i]))
            else:
                ax.text(val / 2 + v[0] * 0.02, i, fmt(val), ha="left", va="center", color=o.fg)
        ax.set_xlim(-v[0] * 0.55, v[0] * 0.55)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xticks([])
        for s in ax.spines.values():
            s.set_visible(False)
        if rng.random() < 0.75:
            ax.set_yticks(range(n), stages)
            ax.tick_params(axis="y", length=0, colors=o.fg)
            if rng.random() < 0.5:
                ax.axvline(-v[0] * 0.55, color=o.grid, lw=1.5)
        else:
            ax.set_yticks([])
            for i, s in enumerate(stages):
                ax.text(-v[i] / 2 - v[0] * 0.02, i, s, ha="right", va="center",
                        color=o.fg, fontsize=plt.rcParams["font.size"] * 0.9)
            ax.set_xlim(-v[0] * 0.9, v[0] * 0.55)
    return o.rendered


# --------------------------------------------------------------------------------------------------- bars


@renderer("bar", "matplotlib-office")
def bar_excel(rng: np.random.Generator) -> Rendered:
    """Single-series Excel column chart with data labels; flat, 3-D-ish, gradient or shadowed columns."""
    with _office(rng) as o:
        ax, n = o.ax, int(rng.integers(3, 13))
        cats, scale = _office_categories(rng, n), _scale(rng)
        v = _values(rng, n, scale)
        cols = [o.colors[0]] * n if rng.random() < 0.8 else [o.colors[i % len(o.colors)] for i in range(n)]
        bars = ax.bar(np.arange(n), v, width=_gap_width(rng), color=cols, label=_series_names(rng, 1)[0])
        fmt = _value_format(rng, scale)
        o.tags.append(_fancy_columns(o, bars, cols))
        ax.set_xticks(np.arange(n), cats)
        _axis_format(o, ax, fmt)
        if rng.random() < 0.7:
            inside = rng.random() < 0.3
            _data_labels(o, bars, fmt, where="center" if inside else "edge",
                         color=_text_on(cols[0]) if inside else None)
        _fit_xticks(o, ax, cats)
        _axis_titles(o, ax)
        if rng.random() < 0.2:
            o.add_legend()
    return o.rendered


@renderer("histogram", "matplotlib-office")
def histogram_excel(rng: np.random.Generator) -> Rendered:
    """Excel histogram: touching bins labelled "[10, 20]", "(20, 30]", ... with overflow/underflow bins;
    or a Sheets histogram over a numeric axis."""
    with _office(rng) as o:
        ax = o.ax
        kind = int(rng.integers(3))
        if kind == 0:
            x = rng.normal(rng.uniform(20, 80), rng.uniform(5, 20), int(rng.integers(80, 800)))
        elif kind == 1:
            x = rng.gamma(rng.uniform(1.5, 5), rng.uniform(3, 15), int(rng.integers(80, 800)))
        else:
            x = np.concatenate([rng.normal(30, 6, 200), rng.normal(60, 8, int(rng.integers(60, 300)))])
        nb = int(rng.integers(6, 16))
        lo, hi = np.percentile(x, 2), np.percentile(x, 98)
        width = float(np.round((hi - lo) / nb, 0 if hi - lo > 2 * nb else 1)) or 1.0
        edges = np.round(np.floor(lo / width) * width + width * np.arange(nb + 1), 2)
        fill = o.colors[0] if rng.random() < 0.7 else o.colors[int(rng.integers(1, 6))]
        ec = str(rng.choice(["white", "none", _shade(fill, 0.6), "#404040"]))
        if rng.random() < 0.65:  # Excel: category axis with interval labels
            counts = [np.sum(x <= edges[0])] + [np.sum((x > a) & (x <= b)) for a, b in zip(edges[:-1], edges[1:])]
            counts.append(np.sum(x > edges[-1]))
            g = lambda v: f"{v:g}"  # noqa: E731
            labels = [f"≤{g(edges[0])}"] + [f"({g(a)}, {g(b)}]" for a, b in zip(edges[:-1], edges[1:])]
            labels.append(f">{g(edges[-1])}")
            if rng.random() < 0.5:  # no underflow/overflow bins: the first bin is closed
                counts, labels = counts[1:-1], labels[1:-1]
                labels[0] = "[" + labels[0][1:]
                counts[0] += int(np.sum(x <= edges[0]))
            pos = np.arange(len(counts))
            bars = ax.bar(pos, counts, width=1.0, color=fill, edgecolor=ec, lw=0.8)
            ax.set_xticks(pos, labels)
            if len(labels) > 7 or rng.random() < 0.3:
                plt.setp(ax.get_xticklabels(), rotation=int(rng.choice([45, 90])), ha="right")
            ax.set_xlim(-0.6, len(counts) - 0.4)
            o.tags.append("bins")
        else:  # Sheets/Calc: bars over a numeric axis
            counts, _ = np.histogram(x, edges)
            bars = ax.bar(edges[:-1], counts, width=width, align="edge", color=fill, edgecolor=ec, lw=0.8)
        if rng.random() < 0.5:
            _data_labels(o, bars, lambda v: f"{v:.0f}")
        ax.yaxis.set_major_locator(MaxNLocator(int(rng.integers(4, 8)), integer=True))
        _axis_titles(o, ax, 0.4, 0.4)
    return o.rendered


@renderer("stacked_bar", "matplotlib-office")
def stacked_bar_excel(rng: np.random.Generator) -> Rendered:
    """Excel stacked and 100 % stacked column/bar chart with data labels inside the segments."""
    with _office(rng) as o:
        ax = o.ax
        n, k = int(rng.integers(3, 9)), int(rng.integers(2, 6))
        cats, names, scale = _office_categories(rng, n), _series_names(rng, k), _scale(rng)
        data = np.array([_values(rng, n, scale * rng.uniform(0.4, 1.0)) for _ in range(k)])
        pct = rng.random() < 0.4
        if pct:
            data = data / data.sum(0) * 100
            fmt = lambda v: f"{v:.0f}%"  # noqa: E731
        else:
            fmt = _value_format(rng, scale)
        horizontal = rng.random() < 0.3
        width, pos, base = _gap_width(rng) * 1.3, np.arange(n), np.zeros(n)
        labels_on = rng.random() < 0.7
        for i in range(k):
            c = o.colors[i]
            if horizontal:
                bars = ax.barh(pos, data[i], left=base, height=width, color=c, label=names[i])
            else:
                bars = ax.bar(pos, data[i], bottom=base, width=width, color=c, label=names[i])
            if labels_on:
                _data_labels(o, bars, fmt, where="center", color=_text_on(c), values=data[i], min_frac=0.25)
            base += data[i]
        if horizontal:
            ax.grid(False)
            ax.grid(True, axis="x", color=o.grid, lw=0.8)
            ax.set_yticks(pos, cats)
            ax.invert_yaxis()
            _axis_format(o, ax, fmt, "x")
            if pct:
                ax.set_xlim(0, 100)
        else:
            ax.set_xticks(pos, cats)
            _fit_xticks(o, ax, cats)
            _axis_format(o, ax, fmt)
            if pct:
                ax.set_ylim(0, 100)
        ax.tick_params(length=0)
        o.tags.append("pct" if pct else "abs")
        _axis_titles(o, ax, 0.2, 0.3)
        o.add_legend()
    return o.rendered


@renderer("grouped_bar", "matplotlib-office")
def grouped_bar_excel(rng: np.random.Generator) -> Rendered:
    """Excel clustered column (sometimes clustered bar) with 2-5 series and the legend at the bottom."""
    with _office(rng) as o:
        ax = o.ax
        n, k = int(rng.integers(2, 8)), int(rng.integers(2, 6))
        cats, names, scale = _office_categories(rng, n), _series_names(rng, k), _scale(rng)
        fmt = _value_format(rng, scale)
        group = 1.0 / (1.0 + float(rng.uniform(0.5, 2.2)))
        overlap = float(rng.choice([0.0, -0.27, -0.1, 0.0]))  # Excel's series overlap: negative = gaps
        bw = group / (k - (k - 1) * overlap)
        horizontal = rng.random() < 0.25
        labels_on = rng.random() < (0.5 if n * k <= 16 else 0.15)
        for i in range(k):
            off = -group / 2 + bw / 2 + i * bw * (1 - overlap)
            v = _values(rng, n, scale * rng.uniform(0.5, 1.0))
            if horizontal:
                bars = ax.barh(np.arange(n) + off, v, height=bw, color=o.colors[i], label=names[i])
            else:
                bars = ax.bar(np.arange(n) + off, v, width=bw, color=o.colors[i], label=names[i])
            if labels_on:
                _data_labels(o, bars, fmt)
        if horizontal:
            ax.grid(False)
            ax.grid(True, axis="x", color=o.grid, lw=0.8)
            ax.set_yticks(np.arange(n), cats)
            ax.invert_yaxis()
            _axis_format(o, ax, fmt, "x")
        else:
            ax.set_xticks(np.arange(n), cats)
            _fit_xticks(o, ax, cats)
            _axis_format(o, ax, fmt)
        ax.tick_params(length=0)
        _axis_titles(o, ax, 0.2, 0.3)
        o.add_legend(where="bottom" if rng.random() < 0.7 else None)
    return o.rendered


# --------------------------------------------------------------------------------------------- box & area


@renderer("box", "matplotlib-office")
def box_excel(rng: np.random.Generator) -> Rendered:
    """Excel box & whisker: filled boxes with a median line and mean "x", whiskers, outlier dots, several
    series side by side per category."""
    with _office(rng) as o:
        ax = o.ax
        n, k = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        if n * k == 1:
            k = int(rng.integers(2, 5))
        cats, names = _office_categories(rng, n), _series_names(rng, k)
        group = 1.0 / (1.0 + float(rng.uniform(0.3, 1.2)))
        bw = group / k
        inner = rng.random() < 0.25
        line = "#404040" if not o.dark else "#D9D9D9"
        handles = []
        for j in range(k):
            c = o.colors[j]
            data = []
            for i in range(n):
                m, s = rng.uniform(20, 80), rng.uniform(4, 20)
                d = rng.normal(m, s, int(rng.integers(8, 40)))
                if rng.random() < 0.4:
                    d = np.append(d, m + s * rng.choice([-1, 1]) * rng.uniform(3, 5, int(rng.integers(1, 3))))
                data.append(d)
            pos = np.arange(n) - group / 2 + bw * (j + 0.5)
            solid = rng.random() < 0.6 or j == 0
            bp = ax.boxplot(data, positions=pos, widths=bw * 0.85, patch_artist=True, showmeans=True,
                            manage_ticks=False,
                            boxprops={"facecolor": c if solid else "white", "edgecolor": line if solid else c},
                            medianprops={"color": line if solid else c, "lw": 1.2},
                            whiskerprops={"color": line}, capprops={"color": line},
                            meanprops={"marker": "x", "markeredgecolor": line if solid else c, "markersize": 6},
                            flierprops={"marker": "o", "markerfacecolor": "none", "markeredgecolor": c,
                                        "markersize": 4})
            handles.append(bp["boxes"][0])
            if inner:
                for p, d in zip(pos, data):
                    ax.scatter(p + rng.uniform(-bw * 0.25, bw * 0.25, len(d)), d, s=6, color=c, alpha=0.6,
                               edgecolors="none", zorder=3)
        if n == 1 and rng.random() < 0.6:
            ax.set_xticks([0], [cats[0] if rng.random() < 0.6 else "1"])
        else:
            ax.set_xticks(np.arange(n), cats)
            _fit_xticks(o, ax, cats)
        ax.set_xlim(-0.6, n - 0.4)
        ax.yaxis.set_major_locator(MaxNLocator(int(rng.integers(4, 9))))
        _axis_titles(o, ax, 0.2, 0.3)
        if k > 1:
            o.add_legend(handles, names)
    return o.rendered


@renderer("area", "matplotlib-office")
def area_excel(rng: np.random.Generator) -> Rendered:
    """Excel area and stacked area charts, solid or translucent, over categories or dates."""
    with _office(rng) as o:
        ax = o.ax
        n, k = int(rng.integers(5, 25)), int(rng.integers(1, 5))
        stacked = k > 1 and rng.random() < 0.55
        scale = _scale(rng)
        x = np.arange(n)
        data = []
        for _ in range(k):
            walk = np.cumsum(rng.normal(0, 0.15, n)) + rng.uniform(0.6, 1.4)
            data.append(np.clip(walk, 0.05, None) * scale * rng.uniform(0.3, 1.0))
        data = np.array(data)
        if not stacked:
            data = data[np.argsort(-data.mean(1))]  # Excel draws the front series last: largest first
        names = _series_names(rng, k)
        alpha = 1.0 if rng.random() < 0.5 else float(rng.uniform(0.45, 0.8))
        if stacked:
            ax.stackplot(x, data, colors=o.colors[:k], labels=names, alpha=alpha,
                         edgecolor="white" if rng.random() < 0.3 else "none")
        else:
            for i in range(k):
                ax.fill_between(x, data[i], color=o.colors[i], alpha=alpha, label=names[i], lw=0)
                if alpha < 1 and rng.random() < 0.5:
                    ax.plot(x, data[i], color=_shade(o.colors[i], 0.7), lw=1.2)
        if rng.random() < 0.5 and n <= 12:
            labels = _office_categories(rng, n)
        else:
            d0 = dt.date(int(rng.integers(2000, 2025)), int(rng.integers(1, 13)), 1)
            step = int(rng.choice([1, 7, 30, 91, 365]))
            fmts = {365: ["%Y", "%b-%y"], 30: ["%b-%y", "%b %Y", "%m/%Y"], 91: ["%b-%y", "%b %Y"]}
            fmt = str(rng.choice(fmts.get(step, ["%m/%d/%Y", "%d/%m/%Y", "%d-%b", "%Y-%m-%d"])))
            labels = [(d0 + dt.timedelta(days=step * i)).strftime(fmt) for i in range(n)]
        every = max(1, int(np.ceil(n / 12)))
        ax.set_xticks(x[::every], labels[::every])
        if len(labels[0]) > 5 and n / every > 6:
            plt.setp(ax.get_xticklabels(), rotation=int(rng.choice([45, 90])), ha="right")
        ax.set_xlim(0, n - 1) if rng.random() < 0.6 else ax.set_xlim(-0.5, n - 0.5)
        ax.set_ylim(0, None)
        _axis_format(o, ax, _value_format(rng, scale))
        _axis_titles(o, ax, 0.2, 0.3)
        if k > 1 or rng.random() < 0.3:
            o.add_legend()
        o.tags.append("stacked" if stacked else "overlap")
    return o.rendered


# ------------------------------------------------------------------------------------------ XY charts


def _xy_grids(o: _Office) -> None:
    """Excel XY charts: major gridlines both ways."""
    o.ax.grid(False)
    o.ax.grid(True, axis="y", color=o.grid, lw=0.8)
    if o.rng.random() < 0.7:
        o.ax.grid(True, axis="x", color=o.grid, lw=0.8)


@renderer("bubble", "matplotlib-office")
def bubble_excel(rng: np.random.Generator) -> Rendered:
    """Excel bubble chart: flat or 3-D-shaded bubbles of very different sizes, data labels, gridlines both
    ways."""
    with _office(rng, aspect=(1.0, 1.9)) as o:
        ax = o.ax
        _xy_grids(o)
        k = int(rng.integers(1, 4))
        names = _series_names(rng, k)
        shaded = rng.random() < 0.35
        w_pt = o.fig.get_figwidth() * 72
        s_max = (w_pt * float(rng.uniform(0.05, 0.12))) ** 2
        fmt = _value_format(rng, 100)
        labels_on = rng.random() < 0.5
        for j in range(k):
            n = int(rng.integers(3, 12))
            x, y = rng.uniform(0, 100, n), rng.uniform(0, 100, n) * rng.uniform(0.5, 3)
            z = rng.lognormal(0, 1.0, n)
            s = s_max * z / z.max()
            c = o.colors[j]
            if shaded:  # highlight towards the upper left, layered discs
                ax.scatter(x, y, s=s, color=_shade(c, 0.75), edgecolors="none", label=names[j], zorder=2)
                for f, t in ((0.75, 1.15), (0.5, 1.35), (0.25, 1.6)):
                    r = np.sqrt(s) * (1 - f) / 2
                    pts = ax.transData.transform(np.c_[x, y]) + np.c_[-r, r] * o.fig.dpi / 72 * 0.9
                    xy = ax.transData.inverted().transform(pts)
                    ax.scatter(xy[:, 0], xy[:, 1], s=s * f * f, color=_shade(c, t), edgecolors="none", zorder=2)
            else:
                ax.scatter(x, y, s=s, color=c, alpha=float(rng.choice([1.0, 0.75, 0.6])), label=names[j],
                           edgecolors=str(rng.choice(["white", "none", _shade(c, 0.6)])), lw=1, zorder=2)
            if labels_on:
                for xi, yi, zi in zip(x, y, z):
                    ax.annotate(fmt(zi * 20), (xi, yi), ha="center", va="center", color=o.fg if not shaded else
                                "black", fontsize=plt.rcParams["font.size"] * 0.8, zorder=3)
        ax.margins(0.12)
        _axis_titles(o, ax, 0.35, 0.35)
        if k > 1 or rng.random() < 0.3:
            o.add_legend([Line2D([], [], ls="", marker="o", markersize=9, color=o.colors[j]) for j in range(k)], names)
        o.tags.append("shaded" if shaded else "flat")
    return o.rendered


@renderer("scatter", "matplotlib-office")
def scatter_excel(rng: np.random.Generator) -> Rendered:
    """Excel XY scatter: diamond/square/triangle markers, a dotted trendline with its equation and R²."""
    with _office(rng, aspect=(1.0, 1.9)) as o:
        ax = o.ax
        _xy_grids(o)
        k = int(rng.integers(1, 4)) if rng.random() < 0.5 else 1
        names = _series_names(rng, k)
        markers = list(rng.permutation(["D", "s", "^", "o", "o", "x"]))
        xs = float(rng.choice([1, 10, 100, 1000]))
        for j in range(k):
            n = int(rng.integers(8, 60))
            x = np.sort(rng.uniform(0, 10, n)) * xs
            slope, icpt = rng.uniform(-2, 3), rng.uniform(0, 50)
            y = icpt + slope * x / xs * 10 + rng.normal(0, rng.uniform(2, 15), n)
            c, m = o.colors[j], str(markers[j])
            ax.scatter(x, y, marker=m, s=float(rng.uniform(15, 45)), color=c, label=names[j], zorder=3,
                       linewidths=1.5 if m == "x" else 0.5, edgecolors=None if m == "x" else _shade(c, 0.8))
            if rng.random() < 0.75:
                p = np.polyfit(x, y, 1)
                r2 = 1 - np.sum((y - np.polyval(p, x)) ** 2) / np.sum((y - y.mean()) ** 2)
                xx = np.array([x.min(), x.max()])
                ax.plot(xx, np.polyval(p, xx), ls=str(rng.choice([":", "--", "-"])), lw=1.5, color=c, zorder=2,
                        label=f"Linear ({names[j]})" if k > 1 else None)
                sign = "+" if p[1] >= 0 else "-"
                eq = f"y = {p[0]:.4g}x {sign} {abs(p[1]):.4g}"
                if rng.random() < 0.8:
                    eq += f"\nR² = {r2:.4f}"
                ax.text(float(rng.uniform(0.05, 0.6)), 0.92 - 0.14 * j, eq, transform=ax.transAxes, color=o.fg,
                        fontsize=plt.rcParams["font.size"] * 0.9, va="top")
        _axis_titles(o, ax, 0.45, 0.45)
        if k > 1 or rng.random() < 0.3:
            o.add_legend()
    return o.rendered
