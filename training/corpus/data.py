"""Random data shapes shared by renderers of different libraries."""

from __future__ import annotations

import numpy as np

from training.corpus import text


def web_values(rng: np.random.Generator, n: int, trend: bool = False) -> np.ndarray:
    """``n`` positive values as web chart demos show them: a random walk (always when ``trend``) or
    values scattered around a level."""
    if trend or rng.random() < 0.3:
        return np.abs(np.cumsum(rng.normal(0, 5, n)) + rng.uniform(20, 100))
    return np.abs(rng.normal(rng.uniform(20, 200), rng.uniform(5, 60), n)) + 1


def waterfall_steps(rng: np.random.Generator) -> tuple[list[str], np.ndarray, np.ndarray, list[str]]:
    """Waterfall bars as (categories, bar starts, bar ends, kinds); kinds are start/up/down/total."""
    n = int(rng.integers(4, 12))
    cats = text.categories(rng, n)
    d = rng.normal(0, 20, n)
    d[0] = abs(d[0]) + 50
    end = np.cumsum(d)
    start = np.r_[0, end[:-1]]
    kind = ["start"] + ["up" if v > 0 else "down" for v in d[1:]]
    if rng.random() < 0.7:
        cats, start, end, kind = cats + ["Total"], np.r_[start, 0], np.r_[end, end[-1]], kind + ["total"]
    return cats, start, end, kind


def waffle_cells(rng: np.random.Generator) -> tuple[list[str], np.ndarray, int, int]:
    """A waffle grid as (group names, group index of each cell in reading order, rows, columns)."""
    k = int(rng.integers(2, 6))
    rows_n, cols_n = int(rng.choice([10, 10, 5])), int(rng.choice([10, 10, 20]))
    total = rows_n * cols_n
    shares = np.floor(rng.dirichlet(np.ones(k)) * total).astype(int)
    shares[0] += total - shares.sum()
    names = text.categories(rng, k)
    return names, np.repeat(np.arange(k), shares), rows_n, cols_n


def price_series(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``n`` days of a random-walk price as (open, high, low, close), for candlestick charts."""
    close = np.abs(np.cumsum(rng.normal(0, 1, n)) + rng.uniform(20, 200))
    open_ = np.r_[close[0], close[:-1]] + rng.normal(0, 0.4, n)
    high = np.maximum(open_, close) + np.abs(rng.normal(0, 1, n))
    low = np.minimum(open_, close) - np.abs(rng.normal(0, 1, n))
    return open_, high, low, close
