"""Random text and sizes shared by all renderers: titles, category names, figure shapes."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

_WORDS = (
    "revenue sales growth users churn region north south east west central cost profit margin "
    "quarter month year week product category segment share market price volume temperature "
    "rainfall score rating income age group population count rate index value total average "
    "median sample trial dose response model accuracy loss latency throughput requests errors "
    "visits orders returns stock energy emissions budget forecast actual target team city "
    "country school student patient species gene protein signal depth height weight speed"
).split()

_NON_ENGLISH = (
    "Umsatz Wachstum Kosten ventes croissance région año ventas población precio "
    "売上 人口 地域 成長 销售 增长 地区 인구 매출 Выручка Рост доля"
).split()

_NAMES = (
    "Alpha Beta Gamma Delta Apple Banana Cherry Durian Oslo Paris Lima Tokyo Cairo Delhi Quito "
    "Chrome Firefox Safari Edge Python Java Rust Go Kotlin Swift Q1 Q2 Q3 Q4 Mon Tue Wed Thu Fri "
    "Sat Sun Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec Group-A Group-B Control Treatment"
).split()


_NO_CJK_DEPTH = 0  # > 0 while a renderer without CJK fonts draws (see no_cjk())


def _has_cjk(word: str) -> bool:
    return any(ord(ch) >= 0x2E80 for ch in word)


@contextmanager
def no_cjk():
    """Within this context :func:`words` draws no Chinese/Japanese/Korean words (for renderers whose fonts
    lack those glyphs and would draw empty boxes)."""
    global _NO_CJK_DEPTH
    _NO_CJK_DEPTH += 1
    try:
        yield
    finally:
        _NO_CJK_DEPTH -= 1


def words(rng: np.random.Generator, n: int, non_english: float = 0.1) -> list[str]:
    """``n`` random words, a fraction of them from other languages."""
    pool = _NON_ENGLISH if rng.random() < non_english else _WORDS
    if _NO_CJK_DEPTH and pool is _NON_ENGLISH:
        pool = [w for w in _NON_ENGLISH if not _has_cjk(w)]
    return [str(w) for w in rng.choice(pool, size=n)]


def title(rng: np.random.Generator, p_none: float = 0.25) -> str:
    """A random chart title, or an empty string (no title) with probability ``p_none``."""
    if rng.random() < p_none:
        return ""
    text = " ".join(words(rng, int(rng.integers(1, 6))))
    return text.capitalize() if rng.random() < 0.7 else text.title()


def categories(rng: np.random.Generator, n: int, long_labels: float = 0.15) -> list[str]:
    """``n`` distinct category names; sometimes long ones."""
    if rng.random() < long_labels:
        return [f"{' '.join(words(rng, int(rng.integers(2, 4))))} {i + 1}" for i in range(n)]
    pool = list(dict.fromkeys(_NAMES))
    if n <= len(pool) and rng.random() < 0.7:
        start = int(rng.integers(0, len(pool) - n + 1))
        return pool[start : start + n] if rng.random() < 0.5 else [str(c) for c in rng.choice(pool, n, replace=False)]
    return [f"{words(rng, 1)[0][:8]} {i + 1}" for i in range(n)]


def figure_size(rng: np.random.Generator) -> tuple[float, float, int]:
    """(width_in, height_in, dpi) from phone-portrait to ultra-wide, mostly landscape."""
    aspect = float(rng.choice([0.6, 0.75, 1.0, 1.0, 1.33, 1.33, 1.5, 1.6, 1.78, 1.78, 2.2, 3.0]))
    width = float(rng.uniform(4.0, 9.0))
    dpi = int(rng.choice([50, 60, 72, 80, 100]))
    return width, width / aspect, dpi


def pixel_size(rng: np.random.Generator, square: bool, *, square_aspect: tuple[float, float],
               pixels_per_inch: tuple[float, float], max_side: int, min_size: tuple[int, int],
               p_square: float = 1.0) -> tuple[int, int]:
    """(width, height) in pixels for libraries that size charts in pixels: a :func:`figure_size` at a
    random resolution, made near-square when ``square`` (with probability ``p_square``), shrunk to
    ``max_side`` and kept at least ``min_size``."""
    w_in, h_in, _ = figure_size(rng)
    if square and (p_square >= 1 or rng.random() < p_square):
        h_in = w_in * rng.uniform(*square_aspect)
    scale = rng.uniform(*pixels_per_inch)
    w, h = int(w_in * scale), int(h_in * scale)
    f = min(1.0, max_side / max(w, h))
    return max(int(w * f), min_size[0]), max(int(h * f), min_size[1])


def wrap_lines(draw, text_: str, font, width: int) -> list[str]:
    """``text_`` broken greedily into lines no wider than ``width`` pixels when drawn by ``draw`` in ``font``."""
    lines: list[str] = []
    for word in text_.split():
        if lines and _text_width(draw, lines[-1] + " " + word, font) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _text_width(draw, s: str, font) -> int:
    try:
        return int(draw.textlength(s, font=font))
    except Exception:  # a bitmap font without advance widths
        return len(s) * 7
