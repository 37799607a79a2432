"""Procedural maps for choropleth renderers: made-up regions with wiggly shared borders.

``regions(rng, n)`` returns a GeoJSON FeatureCollection of about ``n`` polygons that tile a
blob-shaped "country" (a Voronoi partition whose borders are warped by a smooth field, so
neighbouring regions keep sharing exactly the same border). Coordinates are lon/lat degrees.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import Voronoi


def _warp(rng: np.random.Generator):
    k = int(rng.integers(3, 7))
    fx, fy = rng.uniform(2, 14, (2, k)), rng.uniform(2, 14, (2, k))
    ph = rng.uniform(0, 2 * np.pi, (4, k))
    amp = rng.uniform(0.004, 0.012) * (1.0 / np.arange(1, k + 1))

    def f(p: np.ndarray) -> np.ndarray:
        x, y = p[:, :1], p[:, 1:]
        dx = (amp * np.sin(fx[0] * x + fy[0] * y + ph[0])).sum(1) + (amp * np.sin(fx[1] * y * 3 + ph[1])).sum(1)
        dy = (amp * np.sin(fx[1] * x + fy[1] * y + ph[2])).sum(1) + (amp * np.sin(fy[0] * x * 3 + ph[3])).sum(1)
        return p + np.stack([dx, dy], 1)

    return f


def _inside_blob(rng: np.random.Generator):
    k = int(rng.integers(2, 6))
    amps, freqs, phs = rng.uniform(0.03, 0.12, k), rng.integers(2, 7, k), rng.uniform(0, 2 * np.pi, k)
    sx, sy = rng.uniform(0.75, 1.0), rng.uniform(0.6, 1.0)

    def inside(p: np.ndarray) -> np.ndarray:
        x, y = (p[:, 0] - 0.5) / sx, (p[:, 1] - 0.5) / sy
        th = np.arctan2(y, x)
        r = 0.42 * (1 + (amps[:, None] * np.sin(freqs[:, None] * th[None, :] + phs[:, None])).sum(0))
        return np.hypot(x, y) < r

    return inside


def regions(rng: np.random.Generator, n: int = 30, subdiv: int = 6, clockwise: bool = False) -> dict:
    """A FeatureCollection of ~n made-up regions; feature ids are "R0", "R1", ...

    Rings are counter-clockwise (RFC 7946, maplibre) unless ``clockwise`` (d3-geo / Vega).
    """
    inside = _inside_blob(rng)
    density = max(n, 5) / 0.45  # seeds per unit square (blob area is ~0.45)
    m = int(density * 1.6) + 20
    pts = rng.random((m, 2)) * 1.3 - 0.15
    if rng.random() < 0.5:  # more regular, "administrative grid" look
        pts = np.clip(pts + rng.normal(0, 0.004, pts.shape), -0.15, 1.15)
    keep = inside(pts)
    if keep.sum() < 3:
        keep[: 3] = True
    far = np.array([[-10, -10], [-10, 11], [11, -10], [11, 11]])
    vor = Voronoi(np.vstack([pts, far]))
    warp = _warp(rng)
    lon0, lat0 = rng.uniform(-120, 120), rng.uniform(-40, 55)
    span = rng.uniform(4, 25)
    feats = []
    for i in np.flatnonzero(keep):
        reg = vor.regions[vor.point_region[i]]
        if not reg or -1 in reg:
            continue
        v = vor.vertices[reg]
        ring = []
        for a, b in zip(v, np.roll(v, -1, axis=0)):
            t = np.linspace(0, 1, subdiv, endpoint=False)[:, None]
            ring.append(a + (b - a) * t)
        ring = warp(np.vstack(ring))
        coords = np.stack([lon0 + ring[:, 0] * span, lat0 + ring[:, 1] * span * 0.8], 1)
        # orient the exterior ring as asked, and close it
        x, y = coords[:, 0], coords[:, 1]
        if (np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y) < 0) != clockwise:
            coords = coords[::-1]
        coords = np.vstack([coords, coords[:1]])
        feats.append({"type": "Feature", "id": f"R{len(feats)}", "properties": {"name": f"R{len(feats)}"},
                      "geometry": {"type": "Polygon", "coordinates": [coords.round(4).tolist()]}})
    return {"type": "FeatureCollection", "features": feats, "bbox": [lon0, lat0, lon0 + span, lat0 + span * 0.8]}
