"""Matplotlib charts that sharpen the boundaries population_pyramid / funnel, bar / histogram and
scatter / bubble: smooth triangular pyramids on a signed value axis, pyramids split by a central age column,
pyramids with another year overlaid, generic back-to-back bars in any row order; touching bars on a
categorical axis, few wide bars on dark backgrounds, bars over integer categories; scatters of several groups
with distinct marker shapes, of large constant-size edged markers, and with a fitted line or LOWESS curve in a
confidence band."""

from __future__ import annotations

import matplotlib
import matplotlib.ticker
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from training.corpus import text
from training.corpus.mpl_style import chart, data_scale, palette
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.mpl_bar_kinds import _COUNTRIES, _rotate_if_long, _series_colors, _value_fmt
from training.corpus.renderers.mpl_web import _SEX_COLORS, _age_bands

_SEX_NAMES = [["Male", "Female"], ["Men", "Women"], ["Males", "Females"], ["M", "F"], ["Boys", "Girls"]]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"]


# ------------------------------------------------------------------------------------------ population_pyramid


def _smooth_sides(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Male and female values for ``n`` age bands (youngest first) that narrow steadily with age, nearly
    symmetric: a linear triangle, an exponential decay or a power curve, with a little noise."""
    a = np.linspace(0, 1, n)
    kind = int(rng.integers(0, 3))
    if kind == 0:
        base = 1 - a * rng.uniform(0.75, 0.95)
    elif kind == 1:
        base = np.exp(-a * rng.uniform(1.5, 3.5))
    else:
        base = (1 - a * rng.uniform(0.8, 0.97)) ** rng.uniform(0.6, 1.7)
    noise = float(rng.uniform(0.0, 0.025))
    male = base * (1 + rng.normal(0, noise, n))
    female = base * (1 + rng.normal(0, noise, n)) * (1 + a ** 2 * rng.uniform(0.0, 0.25))
    return np.minimum.accumulate(np.clip(male, 1e-3, None)), np.minimum.accumulate(np.clip(female, 1e-3, None))


def _pyramid_units(rng: np.random.Generator, male: np.ndarray, female: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, str, str]:
    """Scale sides to percent of total, thousands or millions; returns (male, female, tick suffix, axis label)."""
    tot = male.sum() + female.sum()
    unit = int(rng.integers(0, 3))
    if unit == 0:
        return male / tot * 100, female / tot * 100, "%", str(rng.choice(["% of population", "Percent", "Share (%)",
                                                                           "Population (%)"]))
    scale = float(10 ** rng.uniform(3.5, 5.5)) if unit == 1 else float(10 ** rng.uniform(0.5, 2))
    label = "Population (thousands)" if unit == 1 else "Population (millions)"
    return male / tot * scale, female / tot * scale, "", label


def _sym_ticks(m: float, k: int = 6) -> np.ndarray:
    """Symmetric 'nice' ticks from -m to m."""
    ticks = matplotlib.ticker.MaxNLocator(k, symmetric=True).tick_values(-m, m)
    return ticks[np.abs(ticks) <= m * 1.001]


def _pyramid_title(rng: np.random.Generator, year: int) -> str | None:
    """A pyramid-ish title, a random one, or none."""
    r = rng.random()
    if r < 0.45:
        return str(rng.choice([f"Population pyramid, {rng.choice(_COUNTRIES)} {year}",
                               f"{rng.choice(_COUNTRIES)}: population by age and sex ({year})",
                               f"Age structure {year}", f"Population by age group, {year}"]))
    return None if r < 0.75 else ""


@renderer("population_pyramid", "matplotlib-smooth")
def population_pyramid_smooth(rng: np.random.Generator) -> Rendered:
    """A smooth, nearly symmetric triangle of 10-21 touching age bands back to back around a centre line, on
    a signed (negative left) or mirrored absolute value axis; two sex colours or one colour for both."""
    with chart(rng, aspect=(0.7, 1.8)) as c:
        n = int(rng.integers(10, 22))
        male, female = _smooth_sides(rng, n)
        male, female, suffix, vlabel = _pyramid_units(rng, male, female)
        y = np.arange(n)
        h = float(rng.choice([1.0, 1.0, 0.95, 0.9]))
        names = [str(s) for s in _SEX_NAMES[int(rng.integers(len(_SEX_NAMES)))]]
        one_colour = rng.random() < 0.25
        if one_colour:
            cm = cf = c.colors[int(rng.integers(0, 3))]
        elif rng.random() < 0.5:
            cm, cf = _SEX_COLORS[int(rng.integers(len(_SEX_COLORS)))]
        else:
            cm, cf = _series_colors(c, 2)
        edge = str(rng.choice(["white", "white", "none", c.fg])) if not c.dark else str(rng.choice(["none", "black"]))
        c.ax.barh(y, -male, height=h, color=cm, edgecolor=edge, linewidth=0.5, label=None if one_colour else names[0])
        c.ax.barh(y, female, height=h, color=cf, edgecolor=edge, linewidth=0.5, label=None if one_colour else names[1])
        c.ax.axvline(0, color=c.fg, lw=float(rng.uniform(0.8, 1.6)))
        m = float(max(male.max(), female.max())) * float(rng.uniform(1.05, 1.25))
        c.ax.set_xlim(-m, m)
        c.ax.set_ylim(-0.5 - (1 - h) / 2, n - 0.5 + (0.9 if one_colour else 0.2))
        ticks = _sym_ticks(m)
        c.ax.set_xticks(ticks)
        absolute = rng.random() < 0.6
        c.ax.set_xticklabels([f"{(abs(t) if absolute else t):g}{suffix}" for t in ticks])
        every = 2 if n > 16 and rng.random() < 0.5 else 1
        c.ax.set_yticks(y[::every], _age_bands(rng, n)[::every], fontsize="small")
        if one_colour or rng.random() < 0.3:  # the sexes named over their halves
            for side, name in ((-1, names[0]), (1, names[1])):
                c.ax.text(side * m * 0.5, n - 0.3 + (0.3 if one_colour else 0), name, ha="center", va="bottom",
                          fontweight="bold", color=c.fg, fontsize="small")
            legend = False
        else:
            legend = True
        year = int(rng.integers(1950, 2051))
        c.decorate(title=_pyramid_title(rng, year), xlabel=vlabel if rng.random() < 0.6 else "",
                   ylabel=str(rng.choice(["Age", "Age group", "Age (years)", ""])), legend=legend)
        c.tags.append("smooth-one-colour" if one_colour else "smooth")
    return c.rendered


@renderer("population_pyramid", "matplotlib-centre-ages")
def population_pyramid_centre_ages(rng: np.random.Generator) -> Rendered:
    """Two mirrored panels with the age bands written in a column between them, each panel with its own
    value axis (the left one reversed) and a sex header."""
    with chart(rng, aspect=(0.9, 2.0), tight=0.0) as c:
        n = int(rng.integers(8, 22))
        male, female = _smooth_sides(rng, n) if rng.random() < 0.5 else _bumpy_sides(rng, n)
        male, female, suffix, vlabel = _pyramid_units(rng, male, female)
        c.fig.delaxes(c.ax)
        mid = float(rng.uniform(0.14, 0.26))
        axl, axm, axr = c.fig.subplots(1, 3, sharey=True, gridspec_kw={"width_ratios": [1, mid, 1], "wspace": 0.0})
        c.ax = axl
        y = np.arange(n)
        h = float(rng.uniform(0.6, 1.0))
        cm, cf = _SEX_COLORS[int(rng.integers(len(_SEX_COLORS)))] if rng.random() < 0.6 else _series_colors(c, 2)
        names = [str(s) for s in _SEX_NAMES[int(rng.integers(len(_SEX_NAMES) - 1))]]
        edge = str(rng.choice(["none", "none", "white", c.fg]))
        axl.barh(y, male, height=h, color=cm, edgecolor=edge, linewidth=0.5)
        axr.barh(y, female, height=h, color=cf, edgecolor=edge, linewidth=0.5)
        m = float(max(male.max(), female.max())) * float(rng.uniform(1.05, 1.2))
        axl.set_xlim(m, 0)
        axr.set_xlim(0, m)
        axl.set_ylim(-0.5 - (1 - h) / 2, n - 0.5 + (1 - h) / 2)
        fmt = matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}{suffix}")
        grid = rng.random() < 0.6
        for ax, side in ((axl, "left"), (axr, "right")):
            ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
            ax.xaxis.set_major_formatter(fmt)
            ax.tick_params(axis="y", left=False, right=False, labelleft=False, labelright=False)
            ax.tick_params(axis="x", labelsize="small")
            if grid:
                ax.grid(True, axis="x", alpha=0.5)
                ax.set_axisbelow(True)
            for s in ("top", side):
                ax.spines[s].set_visible(rng.random() < 0.3)
        axm.axis("off")
        axm.set_xlim(0, 1)
        bands = _age_bands(rng, n)
        fs = min(9.0, 150.0 / n)
        for yi, a in zip(y, bands):
            axm.text(0.5, yi, a, ha="center", va="center", fontsize=fs, color=c.fg)
        if rng.random() < 0.5:
            axm.text(0.5, n - 0.3, str(rng.choice(["Age", "AGE", "Age group"])), ha="center", va="bottom",
                     fontweight="bold", fontsize=fs, color=c.fg)
        for ax, name, col in ((axl, names[0], cm), (axr, names[1], cf)):
            ax.set_title(name, color=col if rng.random() < 0.5 else c.fg, fontweight=str(rng.choice(["normal", "bold"])))
            if rng.random() < 0.5:
                ax.set_xlabel(vlabel, fontsize="small")
        year = int(rng.integers(1950, 2051))
        t = _pyramid_title(rng, year)
        if t is None:
            t = text.title(rng, 0.4)
        low = 0.18 if axl.get_xlabel() or axr.get_xlabel() else 0.1
        c.fig.subplots_adjust(left=0.05, right=0.95, bottom=low, top=0.84 if t else 0.9, wspace=0.0)
        if t:
            c.fig.suptitle(t, fontsize=float(rng.uniform(10, 14)))
        c.tags.append("centre-ages")
    return c.rendered


def _bumpy_sides(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Male and female values with a realistic, not strictly narrowing profile (baby boom, constrictive base)."""
    a = np.linspace(0, 1, n)
    base = 1 / (1 + np.exp((a - rng.uniform(0.55, 0.8)) * rng.uniform(6, 12)))
    if rng.random() < 0.5:  # fewer young
        base = base * (1 - rng.uniform(0.1, 0.35) * np.exp(-a / 0.2))
    if rng.random() < 0.5:
        base = base * (1 + 0.35 * np.exp(-((a - rng.uniform(0.3, 0.6)) / 0.08) ** 2))
    male = base * np.exp(-a ** 3 * rng.uniform(0.3, 1.0)) * rng.normal(1.02, 0.03, n)
    female = base * (1 + a ** 2 * rng.uniform(0.1, 0.5)) * rng.normal(1.0, 0.03, n)
    return np.clip(male, 1e-3, None), np.clip(female, 1e-3, None)


@renderer("population_pyramid", "matplotlib-overlay")
def population_pyramid_overlay(rng: np.random.Generator) -> Rendered:
    """Percent pyramid of one year or country in filled bars with another drawn over it as a step outline,
    hollow bars or a marker line, on a mirrored percent axis around a zero line."""
    with chart(rng, aspect=(0.7, 1.8)) as c:
        n = int(rng.integers(10, 22))
        male, female = _bumpy_sides(rng, n) if rng.random() < 0.6 else _smooth_sides(rng, n)
        tilt = 1 + float(rng.uniform(0.3, 1.2)) * np.linspace(0.5, -0.5, n) * float(rng.choice([1, -1]))
        om, of = male * tilt * rng.normal(1, 0.04, n), female * tilt * rng.normal(1, 0.04, n)
        tot, otot = male.sum() + female.sum(), om.sum() + of.sum()
        male, female, om, of = male / tot * 100, female / tot * 100, om / otot * 100, of / otot * 100
        y = np.arange(n)
        h = float(rng.uniform(0.75, 1.0))
        cm, cf = _SEX_COLORS[int(rng.integers(len(_SEX_COLORS)))] if rng.random() < 0.6 else _series_colors(c, 2)
        alpha = float(rng.uniform(0.55, 0.95))
        c.ax.barh(y, -male, height=h, color=cm, alpha=alpha, lw=0)
        c.ax.barh(y, female, height=h, color=cf, alpha=alpha, lw=0)
        year = int(rng.integers(1990, 2031))
        if rng.random() < 0.6:
            other = str(rng.choice([year - int(rng.choice([20, 30, 40, 50])), year + int(rng.choice([20, 30, 50]))]))
            names = [f"{n_} {year}" for n_ in ("Male", "Female")]
        else:
            a_, b_ = rng.choice(sorted(set(_COUNTRIES)), 2, replace=False)
            other, names = str(b_), [f"{a_}, male", f"{a_}, female"]
        ol = str(rng.choice([c.fg, "#333333" if not c.dark else "#dddddd", "#d62728", "#ff7f0e"]))
        lw = float(rng.uniform(0.9, 1.8))
        style = int(rng.integers(0, 3))
        if style == 0:  # step outline
            yy = np.r_[y - 0.5, n - 0.5]
            c.ax.step(-np.r_[om, om[-1]], yy, where="post", color=ol, lw=lw)
            c.ax.step(np.r_[of, of[-1]], yy, where="post", color=ol, lw=lw)
            handle = Line2D([], [], color=ol, lw=lw)
        elif style == 1:  # hollow bars
            c.ax.barh(y, -om, height=h, fill=False, edgecolor=ol, lw=lw)
            c.ax.barh(y, of, height=h, fill=False, edgecolor=ol, lw=lw)
            handle = Patch(facecolor="none", edgecolor=ol, lw=lw)
        else:  # marker line through the band centres
            ls, mk = str(rng.choice(["-", "--", ":"])), str(rng.choice(["o", "D", "s", ""]))
            c.ax.plot(-om, y, color=ol, lw=lw, ls=ls, marker=mk, ms=3.5)
            c.ax.plot(of, y, color=ol, lw=lw, ls=ls, marker=mk, ms=3.5)
            handle = Line2D([], [], color=ol, lw=lw, ls=ls, marker=mk, ms=3.5)
        c.ax.axvline(0, color=c.fg, lw=0.8)
        m = float(max(male.max(), female.max(), om.max(), of.max())) * float(rng.uniform(1.08, 1.25))
        c.ax.set_xlim(-m, m)
        c.ax.set_ylim(-0.5, n - 0.5)
        ticks = _sym_ticks(m, int(rng.integers(4, 8)))
        c.ax.set_xticks(ticks, [f"{abs(t):g}%" for t in ticks])
        every = 2 if n > 15 and rng.random() < 0.5 else 1
        c.ax.set_yticks(y[::every], _age_bands(rng, n)[::every], fontsize="small")
        c.decorate(title=_pyramid_title(rng, year), legend=False,
                   xlabel=str(rng.choice(["% of population", "Percent of total population", ""])),
                   ylabel=str(rng.choice(["Age", "Age group", ""])))
        loc = str(rng.choice(["upper right", "upper left", "lower right"]))
        c.ax.legend([Patch(color=cm, alpha=alpha), Patch(color=cf, alpha=alpha), handle], names + [other],
                    loc=loc, fontsize="small", frameon=bool(rng.random() < 0.6))
        c.tags.append(f"overlay{style}")
    return c.rendered


@renderer("population_pyramid", "matplotlib-back-to-back", weight=2)
def population_pyramid_back_to_back(rng: np.random.Generator) -> Rendered:
    """The generic form plotting tools draw: two bar sets back to back on a signed value axis, in two colours,
    rows in any order (narrowing up or down, or unsorted) labelled by numbers, age bands or categories, with
    gaps between the bars. Sorted, it has a funnel's outline; the two colours and the centre axis tell it apart."""
    with chart(rng, aspect=(0.8, 1.8)) as c:
        n = int(rng.integers(5, 21))
        male, female = _smooth_sides(rng, n) if rng.random() < 0.5 else _bumpy_sides(rng, n)
        male, female, suffix, vlabel = _pyramid_units(rng, male, female)
        order = str(rng.choice(["wide-bottom", "wide-top", "unsorted"]))
        if order == "wide-top":
            male, female = male[::-1], female[::-1]
        elif order == "unsorted":
            shuffle = rng.permutation(n)
            male, female = male[shuffle], female[shuffle]
        y = np.arange(n)
        h = float(rng.uniform(0.55, 0.9))
        cm, cf = _series_colors(c, 2) if rng.random() < 0.6 else _SEX_COLORS[int(rng.integers(len(_SEX_COLORS)))]
        year = int(rng.integers(1950, 2051))
        names = [str(s) for s in rng.choice([["Group A", "Group B"], [f"{year - 20}", f"{year}"], *_SEX_NAMES])]
        c.ax.barh(y, -male, height=h, color=cm, label=names[0])
        c.ax.barh(y, female, height=h, color=cf, label=names[1])
        if rng.random() < 0.6:
            c.ax.axvline(0, color=c.fg, lw=float(rng.uniform(0.5, 1.2)))
        m = float(max(male.max(), female.max())) * float(rng.uniform(1.02, 1.2))
        c.ax.set_xlim(-m, m)
        if rng.random() < 0.5:
            c.ax.set_xticks(_sym_ticks(m), [f"{t:g}{suffix}" for t in _sym_ticks(m)])
        rows = str(rng.choice(["numbers", "ages", "categories"]))
        if rows == "ages":
            c.ax.set_yticks(y, _age_bands(rng, n), fontsize="small")
        elif rows == "categories":
            c.ax.set_yticks(y, text.categories(rng, n), fontsize="small")
        elif rng.random() < 0.5:
            c.ax.set_yticks(y, [str(i + 1) for i in y], fontsize="small")
        if rng.random() < 0.4:
            c.ax.invert_yaxis()
        c.decorate(title=_pyramid_title(rng, year), xlabel=str(rng.choice([vlabel, "x", "Value", ""])),
                   ylabel=str(rng.choice(["y", "Age", "Group", ""])), legend=rng.random() < 0.6)
        c.tags.append(f"back-to-back-{order}")
    return c.rendered


# ------------------------------------------------------------------------------------------------------- bar


def _label_fmt(rng: np.random.Generator, scale: float) -> str:
    """Value label format for bars of magnitude ``scale``, with enough decimals for fractions."""
    return str(rng.choice(["{:.3f}", "{:.2f}"])) if scale < 1 else _value_fmt(rng, scale)


def _category_labels(rng: np.random.Generator, n_max: int) -> tuple[list[str], str, bool]:
    """Category names for bars: months, names, product codes or weekdays; returns (labels, axis name, ordered)."""
    kind = int(rng.integers(0, 4))
    if kind == 0:
        n = int(rng.integers(4, min(12, n_max) + 1))
        start = int(rng.integers(0, 13 - n))
        names = _MONTHS_LONG if n <= 6 and rng.random() < 0.4 else _MONTHS
        return names[start:start + n], "Month", True
    if kind == 1:
        n = int(rng.integers(3, n_max + 1))
        return text.categories(rng, n), str(rng.choice(["Category", "Name", "Group", ""])), False
    if kind == 2:
        n = int(rng.integers(3, n_max + 1))
        pre = str(rng.choice(["SKU-", "P", "A", "X-", "PRD", "Item "]))
        codes = sorted(rng.choice(np.arange(10, 999), n, replace=False))
        return [f"{pre}{int(k):03d}" for k in codes], "Product", False
    return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][: int(rng.choice([5, 7]))], "Day", True


@renderer("bar", "matplotlib-touching")
def bar_touching_categorical(rng: np.random.Generator) -> Rendered:
    """Bars of width 1.0 with no gap between them, but on a categorical axis: month, name or product code
    labels centred under each bar, often sorted by value, thin separating edges or none."""
    with chart(rng) as c:
        labels, xname, ordered = _category_labels(rng, 14)
        n = len(labels)
        scale = data_scale(rng)
        vals = rng.uniform(0.15, 1.0, n) * scale
        if not ordered and rng.random() < 0.6:
            order = np.argsort(vals)[::-1]
            vals, labels = vals[order], [labels[i] for i in order]
        x = np.arange(n)
        many = rng.random() < 0.25
        cols = palette(rng, n) if many else [c.colors[int(rng.integers(0, 3))]] * n
        edge = str(rng.choice(["white", "white", "black", "none", c.fg]))
        if c.dark and edge == "white":
            edge = "black"
        bars = c.ax.bar(x, vals, width=1.0, color=cols, edgecolor=edge, linewidth=float(rng.uniform(0.6, 2.0)))
        c.ax.set_xticks(x, labels)
        _rotate_if_long(c.ax, rng, labels)
        c.ax.tick_params(axis="x", length=float(rng.choice([0, 3.5, 3.5])))
        c.ax.set_xlim(-0.5 - float(rng.choice([0, 0, 0.3])), n - 0.5 + float(rng.choice([0, 0, 0.3])))
        if rng.random() < 0.35:
            c.ax.bar_label(bars, fmt=_label_fmt(rng, scale), fontsize="small", padding=2)
        c.decorate(legend=False, xlabel=xname if rng.random() < 0.5 else "")
        c.ax.set_ylim(0, float(vals.max()) * float(rng.uniform(1.05, 1.25)))
        c.tags.append("touching")
    return c.rendered


_DARK_BGS = ["#0b1e3f", "#1a1a2e", "#262626", "#14213d", "#1e1e1e", "#0d1117", "#2b2d42", "#000000"]


@renderer("bar", "matplotlib-dark-few")
def bar_dark_few(rng: np.random.Generator) -> Rendered:
    """3-8 wide bars on a dark background with value labels on or inside the bars, often no y axis."""
    with chart(rng, themes=["dark_background", "darkmode", "darkmode"]) as c:
        if rng.random() < 0.5:
            bg = str(rng.choice(_DARK_BGS))
            c.fig.set_facecolor(bg)
            c.ax.set_facecolor(bg)
        n = int(rng.integers(3, 9))
        cats = text.categories(rng, n) if rng.random() < 0.7 else [str(y) for y in range(2026 - n, 2026)]
        scale = data_scale(rng)
        vals = rng.uniform(0.25, 1.0, n) * scale
        if rng.random() < 0.3:
            vals = np.sort(vals)[::-1]
        bright = ["#4cc9f0", "#f72585", "#ffd166", "#06d6a0", "#4895ef", "#ff9f1c", "#90e0ef", "#e63946", "#a8dadc"]
        if rng.random() < 0.35:
            cols = palette(rng, n)
        else:
            cols = [str(rng.choice(bright)) if rng.random() < 0.6 else c.colors[0]] * n
        x = np.arange(n)
        bars = c.ax.bar(x, vals, width=float(rng.uniform(0.6, 0.9)), color=cols, edgecolor="none")
        fmt = _label_fmt(rng, scale)
        inside = rng.random() < 0.35
        c.ax.bar_label(bars, labels=[fmt.format(v) for v in vals], label_type="center" if inside else "edge",
                       padding=0 if inside else 3, color="white" if not inside else "black" if rng.random() < 0.5
                       else "white", fontweight=str(rng.choice(["normal", "bold"])), fontsize="small" if n > 5 else None)
        c.ax.set_xticks(x, cats)
        _rotate_if_long(c.ax, rng, cats, limit=10)
        for s in ("top", "right"):
            c.ax.spines[s].set_visible(False)
        c.decorate(legend=False, xlabel="" if rng.random() < 0.6 else None, grid=None)
        if rng.random() < 0.4:  # the labels carry the values
            c.ax.set_yticks([])
            c.ax.spines["left"].set_visible(False)
            c.ax.set_ylabel("")
        elif rng.random() < 0.5:
            c.ax.grid(True, axis="y", color="#555555", lw=0.5, alpha=0.6)
            c.ax.set_axisbelow(True)
        c.ax.set_ylim(0, float(vals.max()) * float(rng.uniform(1.1, 1.25)))
        c.tags.append("dark-few")
    return c.rendered


_INT_AXES = ["Week", "Trial", "Participant", "Store", "Rating", "Grade", "Lane", "Question", "Day", "Round",
             "Team", "Level", "Batch", "Site", "Sensor", "Cluster", "Month", "Quarter"]


@renderer("bar", "matplotlib-intcat")
def bar_integer_categories(rng: np.random.Generator) -> Rendered:
    """One series of bars over integer categories (1, 2, 3, ...: week, trial, store number) with every
    integer labelled under its bar centre; gapped bars, sometimes value labels or error bars."""
    with chart(rng) as c:
        n = int(rng.integers(3, 16))
        start = int(rng.choice([1, 1, 1, 0, int(rng.integers(2, 20))]))
        x = np.arange(start, start + n)
        scale = data_scale(rng)
        shape = int(rng.integers(0, 3))
        if shape == 0:
            vals = rng.uniform(0.2, 1.0, n)
        elif shape == 1:  # a trend
            vals = np.clip(np.linspace(rng.uniform(0.2, 0.6), rng.uniform(0.4, 1.0), n) + rng.normal(0, 0.1, n), 0.05,
                           None)
        else:  # ups and downs
            vals = 0.6 + 0.3 * np.sin(np.arange(n) * rng.uniform(0.8, 2.5)) + rng.normal(0, 0.08, n)
        vals = np.clip(vals, 0.05, None) * scale
        width = float(rng.choice([0.5, 0.6, 0.7, 0.8, 0.9]))
        col = c.colors[int(rng.integers(0, 3))]
        edge = str(rng.choice(["none", "none", c.fg]))
        kw: dict = {}
        if rng.random() < 0.25:
            kw = {"yerr": vals * rng.uniform(0.05, 0.2, n), "capsize": float(rng.uniform(2, 5)),
                  "error_kw": {"ecolor": c.fg, "lw": 0.8}}
        bars = c.ax.bar(x, vals, width=width, color=col, edgecolor=edge, linewidth=0.7, **kw)
        c.ax.set_xticks(x, [str(int(v)) for v in x])
        if rng.random() < 0.3 and not kw:
            c.ax.bar_label(bars, fmt=_label_fmt(rng, scale), fontsize="small", padding=2)
        xname = str(rng.choice(_INT_AXES))
        c.decorate(legend=False, xlabel=xname if rng.random() < 0.8 else None)
        c.ax.set_xlim(x[0] - 0.5 - width / 4, x[-1] + 0.5 + width / 4)
        c.tags.append("intcat")
    return c.rendered


# ---------------------------------------------------------------------------------------------------- scatter


_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "<", ">", "p"]


def _spread_colors(c, g: int) -> list:
    """``g`` group colours taken across the whole palette, so that shades of a sequential one stay apart."""
    return [c.colors[int(i)] for i in np.round(np.linspace(0, len(c.colors) - 1, g))] if g > 1 else c.colors[:1]


def _group_clouds(rng: np.random.Generator, g: int, n_per: tuple[int, int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """``g`` point clouds: shifted, differently spread clusters, sometimes sharing a common trend."""
    slope = float(rng.uniform(-1.2, 1.2)) if rng.random() < 0.5 else 0.0
    out = []
    for _ in range(g):
        k = int(rng.integers(*n_per))
        cx, cy = rng.normal(0, 2.0, 2)
        sx, sy = rng.uniform(0.4, 1.2, 2)
        r = float(rng.uniform(-0.7, 0.7))
        xs = rng.normal(0, 1, k)
        ys = r * xs + np.sqrt(1 - r * r) * rng.normal(0, 1, k)
        x = cx + sx * xs
        out.append((x, cy + sy * ys + slope * x))
    return out


@renderer("scatter", "matplotlib-markers")
def scatter_group_markers(rng: np.random.Generator) -> Rendered:
    """2-5 groups of points, each its own colour and marker shape (circle, square, diamond, triangle...),
    all markers one constant size, with a legend."""
    with chart(rng) as c:
        g = int(rng.integers(2, 6))
        clouds = _group_clouds(rng, g, (10, 70))
        sx, sy = data_scale(rng), data_scale(rng)
        names = text.categories(rng, g)
        markers = _MARKERS[:g] if rng.random() < 0.5 else [str(m) for m in rng.choice(_MARKERS, g, replace=False)]
        size = float(rng.uniform(18, 70))
        alpha = float(rng.uniform(0.6, 1.0))
        edge = str(rng.choice(["none", "none", "white", "black"]))
        cols = _spread_colors(c, g)
        hollow = rng.random() < 0.15
        for j, (x, y) in enumerate(clouds):
            if hollow:
                c.ax.scatter(x * sx, y * sy, s=size, marker=markers[j], facecolors="none", edgecolors=cols[j],
                             linewidths=1.2, label=names[j])
            else:
                c.ax.scatter(x * sx, y * sy, s=size, marker=markers[j], color=cols[j], alpha=alpha,
                             edgecolors=edge, linewidths=0.6, label=names[j])
        c.decorate(legend=rng.random() < 0.9)
        c.tags.append("markers-hollow" if hollow else "markers")
    return c.rendered


@renderer("scatter", "matplotlib-bigmarkers")
def scatter_big_constant(rng: np.random.Generator) -> Rendered:
    """15-150 medium-large markers of one constant size with visible edges, often translucent and
    overlapping, in one colour or a few group colours; no size encoding."""
    with chart(rng) as c:
        n = int(rng.integers(15, 151))
        g = int(rng.choice([1, 1, 1, 2, 3]))
        grp = rng.integers(0, g, n)
        x = rng.normal(0, 1, n) + rng.normal(0, 1.5, g)[grp]
        y = float(rng.uniform(-1.2, 1.2)) * x + rng.normal(0, float(rng.uniform(0.4, 1.2)), n)
        x, y = x * data_scale(rng), y * data_scale(rng)
        size = float(np.exp(rng.uniform(np.log(70), np.log(350))))
        alpha = float(rng.uniform(0.45, 0.9))
        edge = str(rng.choice(["black", "white", c.fg, "darker"]))
        lw = float(rng.uniform(0.7, 1.6))
        names = text.categories(rng, g)
        cols = _spread_colors(c, g) if g > 1 else [c.colors[int(rng.integers(0, 3))]]
        hollow = rng.random() < 0.15
        for j in range(g):
            m = grp == j
            ec = tuple(0.6 * v for v in matplotlib.colors.to_rgb(cols[j])) if edge == "darker" else edge
            if hollow:
                c.ax.scatter(x[m], y[m], s=size, facecolors="none", edgecolors=cols[j], linewidths=lw * 1.2,
                             label=names[j] if g > 1 else None)
            else:
                c.ax.scatter(x[m], y[m], s=size, color=cols[j], alpha=alpha, edgecolors=ec, linewidths=lw,
                             label=names[j] if g > 1 else None)
        c.ax.margins(0.08)
        c.decorate(legend=g > 1 and rng.random() < 0.85)
        leg = c.ax.get_legend()
        if leg is not None:  # legend markers all the same (data) size
            for hnd in leg.legend_handles:
                if hasattr(hnd, "set_sizes"):
                    hnd.set_sizes([min(size, 80.0)])
        c.tags.append("bigmarkers")
    return c.rendered


def _lowess(x: np.ndarray, y: np.ndarray, grid: np.ndarray, frac: float) -> tuple[np.ndarray, np.ndarray]:
    """Locally weighted linear fit of ``y`` on ``x`` at ``grid`` (tricube weights over the ``frac`` nearest
    points) and an approximate standard error of the fit."""
    k = max(int(frac * len(x)), 5)
    d = np.abs(grid[:, None] - x[None, :])
    hw = np.sort(d, axis=1)[:, k - 1:k] + 1e-12
    w = np.clip(1 - (d / hw) ** 3, 0, None) ** 3
    sw = w.sum(1)
    mx = (w * x).sum(1) / sw
    my = (w * y).sum(1) / sw
    sxx = (w * (x - mx[:, None]) ** 2).sum(1) + 1e-12
    b = (w * (x - mx[:, None]) * (y - my[:, None])).sum(1) / sxx
    fit = my + b * (grid - mx)
    resid = y - np.interp(x, grid, fit)
    sigma = float(np.sqrt(np.mean(resid ** 2)))
    se = sigma * np.sqrt((w ** 2).sum(1) / sw ** 2 + (w ** 2 * (x - mx[:, None]) ** 2).sum(1) * (grid - mx) ** 2
                         / sxx ** 2)
    return fit, se


@renderer("scatter", "matplotlib-fitband")
def scatter_fit_band(rng: np.random.Generator) -> Rendered:
    """Points of one colour with a fitted straight line, quadratic or LOWESS curve and a shaded 95%
    confidence band around it, sometimes an r / R² note."""
    with chart(rng) as c:
        n = int(np.exp(rng.uniform(np.log(25), np.log(400))))
        x = rng.uniform(0, 10, n) if rng.random() < 0.5 else rng.normal(5, 2, n)
        kind = int(rng.integers(0, 3))
        noise = float(rng.uniform(0.5, 2.5))
        if kind == 0 or rng.random() < 0.3:
            y = float(rng.uniform(-1.5, 1.5)) * x + rng.normal(0, noise, n)
        else:
            y = float(rng.uniform(1, 4)) * np.sin(x / rng.uniform(1.5, 4)) + 0.3 * x + rng.normal(0, noise, n)
        sx, sy = data_scale(rng), data_scale(rng)
        x, y = x * sx, y * sy
        pt = c.colors[int(rng.integers(0, 3))]
        if not c.dark and float(np.mean(matplotlib.colors.to_rgb(pt))) > 0.7:  # pastel points: a darker shade
            pt = tuple(0.7 * v for v in matplotlib.colors.to_rgb(pt))
        same = rng.random() < 0.5  # seaborn regplot: line and band in the points' colour
        lc = pt if same else str(rng.choice(["#d62728", "black", c.fg, "#ff7f0e", "#2ca02c"]))
        c.ax.scatter(x, y, s=float(rng.uniform(12, 45)), color=pt, alpha=float(rng.uniform(0.6, 0.95)),
                     edgecolors=str(rng.choice(["none", "none", "white"])), linewidths=0.5, zorder=2)
        grid = np.linspace(x.min(), x.max(), 80)
        if kind == 0:
            X = np.c_[np.ones(n), x]
            deg_name = "Linear fit"
        elif kind == 1:
            X = np.c_[np.ones(n), x, x ** 2]
            deg_name = "Quadratic fit"
        if kind in (0, 1):
            beta, *_ = np.linalg.lstsq(X, y, rcond=None)
            G = np.c_[np.ones(80), grid, grid ** 2][:, : X.shape[1]]
            fit = G @ beta
            sigma2 = float(np.sum((y - X @ beta) ** 2) / max(n - X.shape[1], 1))
            cov = sigma2 * np.linalg.pinv(X.T @ X)
            se = np.sqrt(np.einsum("ij,jk,ik->i", G, cov, G))
        else:
            fit, se = _lowess(x, y, grid, float(rng.uniform(0.25, 0.7)))
            deg_name = str(rng.choice(["LOWESS", "LOESS", "Smoothed trend"]))
        c.ax.fill_between(grid, fit - 1.96 * se, fit + 1.96 * se, color=lc, alpha=float(rng.uniform(0.15, 0.35)),
                          lw=0, label="95% CI", zorder=1)
        c.ax.plot(grid, fit, color=lc, lw=float(rng.uniform(1.5, 2.8)), ls=str(rng.choice(["-", "-", "--"])),
                  label=deg_name, zorder=3)
        if rng.random() < 0.35:
            r = float(np.corrcoef(x, y)[0, 1])
            note = f"r = {r:.2f}" if rng.random() < 0.5 else f"R² = {r * r:.2f}"
            c.ax.text(0.03, 0.95, note, transform=c.ax.transAxes, va="top", ha="left", color=c.fg, fontsize="small")
        c.decorate(legend=rng.random() < 0.4)
        c.tags.append(["fit-linear", "fit-quadratic", "fit-lowess"][kind])
    return c.rendered
