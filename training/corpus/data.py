"""Random data shapes shared by renderers of different libraries."""

from __future__ import annotations

import numpy as np

from training.corpus import text


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
