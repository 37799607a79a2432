"""Photo-like scenes that are *not* charts, with the statistics of real phone-camera pictures.

``not_a_chart.py`` already draws simple procedural photos; the scenes here add what the classifier
needs to tell a real photo from a smooth contour / surface plot: sensor noise and chroma blotches,
vignetting, colour casts (tungsten, shade, neon), over / under exposure, depth of field (sharp subject,
blurred background, bokeh discs), true perspective (vanishing-point roads, rooms, floors), specular
highlights, soft cast shadows and high-frequency natural textures (grain, fur, foliage, ripples).
Everything is numpy / Pillow, vectorised, drawn from the ``rng``.

Scenes: a tabletop still life, a tourist shot of a building, a parked car / motorbike, a city street
(day or night, lanes in perspective, window grids, lamps, neon, blurred cars), a mountain landscape
(ridges with rock and snow, aerial haze, forest, meadow or a lake mirroring it, sunsets), a cat or dog
(shaded body with fur strokes, glossy eyes, whiskers) on a sofa / lawn / floor, macro close-ups with a
tilted focal plane (leaf veins and water drops, gravel, woven fabric, a pile of berries or sweets) and
an indoor room ray-cast in perspective (window sunlight on the floor, ceiling lamp, furniture, a TV).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.not_a_chart import _hsv, _quad_warp, _sky, _smooth_noise

LABEL = "not_a_chart"

Color = tuple[int, int, int]
Vec = tuple[float, float, float]

# White-balance gains of common lighting (R, G, B)
_CASTS: dict[str, Vec] = {
    "daylight": (1.0, 1.0, 1.0),
    "tungsten": (1.2, 1.0, 0.7),
    "shade": (0.88, 0.98, 1.16),
    "fluorescent": (0.94, 1.07, 0.9),
    "golden": (1.14, 1.0, 0.78),
    "neon": (1.1, 0.85, 1.2),
}


# --------------------------------------------------------------------------------------- camera


def _frame(rng: np.random.Generator) -> tuple[int, int]:
    """A phone-camera frame: 4:3, 3:4, 16:9, 9:16, 1:1 or 3:2, 480-1600 px on the long side."""
    aspect = float(rng.choice([4 / 3, 4 / 3, 3 / 4, 3 / 4, 16 / 9, 9 / 16, 1.0, 3 / 2]))
    long_side = int(rng.integers(480, 1600))
    if aspect >= 1:
        return long_side, int(long_side / aspect)
    return int(long_side * aspect), long_side


def _img(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _arr(img: Image.Image) -> np.ndarray:
    return np.asarray(img, np.float32).copy()


def _blur(arr: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur of an (h, w, 3) float image; large radii go through a downsample for speed."""
    if sigma < 0.3:
        return arr
    h, w = arr.shape[:2]
    f = max(1, int(sigma / 3))
    img = _img(arr)
    if f > 1:
        img = img.resize((max(2, w // f), max(2, h // f)), Image.BILINEAR, reducing_gap=2.0)
    img = img.filter(ImageFilter.GaussianBlur(sigma / f))
    if f > 1:
        img = img.resize((w, h), Image.BICUBIC)
    return np.asarray(img, np.float32)


def _grid(h: int, w: int, y0: int = 0, x0: int = 0) -> tuple[np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[y0 : y0 + h, x0 : x0 + w]
    return yy.astype(np.float32), xx.astype(np.float32)


def _light(rng: np.random.Generator) -> np.ndarray:
    """A unit light direction from the upper left or upper right, towards the viewer."""
    v = np.array([rng.choice([-1, 1]) * rng.uniform(0.3, 0.8), -rng.uniform(0.3, 0.8), rng.uniform(0.4, 0.9)], np.float32)
    return v / np.linalg.norm(v)


def _bokeh(rng: np.random.Generator, w: int, h: int, n: int, hue: float, rmax: float, ymax: float = 1.0) -> np.ndarray:
    """Out-of-focus point lights: soft discs with brighter rims, to add onto a blurred background."""
    layer = Image.new("RGB", (w, h), (0, 0, 0))
    d = ImageDraw.Draw(layer)
    for _ in range(n):
        r = rng.uniform(0.25, 1.0) * rmax
        x, y = rng.uniform(0, w), rng.uniform(0, h * ymax)
        col = _hsv(hue + rng.normal(0, 0.07), rng.uniform(0.1, 0.8), rng.uniform(0.3, 1.0))
        d.ellipse([x - r, y - r, x + r, y + r], fill=tuple(int(c * 0.6) for c in col), outline=col, width=max(1, int(r * 0.12)))
    return np.asarray(layer.filter(ImageFilter.GaussianBlur(max(1.0, rmax * 0.06))), np.float32)


def _motion_blur(arr: np.ndarray, length: float, angle: float) -> np.ndarray:
    """Camera shake: the average of shifted copies along a direction."""
    steps = 7
    out = np.zeros_like(arr)
    for t in np.linspace(-0.5, 0.5, steps):
        out += np.roll(arr, (int(round(t * length * math.sin(angle))), int(round(t * length * math.cos(angle)))), axis=(0, 1))
    return out / steps


def _camera(rng: np.random.Generator, arr: np.ndarray, cast: str | None = None, ev: float | None = None, iso: float | None = None) -> Image.Image:
    """White balance, exposure with highlight roll-off, vignette, shake, sensor noise and phone sharpening."""
    h, w = arr.shape[:2]
    cast = cast or str(rng.choice(["daylight", "daylight", "tungsten", "shade", "fluorescent", "golden"]))
    gains = np.array(_CASTS[cast], np.float32) * rng.normal(1, 0.03, 3).astype(np.float32)
    ev = float(rng.normal(0, 0.45)) if ev is None else ev
    arr = arr * gains * 2.0**ev
    if rng.random() < 0.6:  # filmic shoulder instead of hard clipping
        k = rng.uniform(1.0, 2.5)
        arr = 255 * (1 - np.exp(-k * np.clip(arr, 0, None) / 255)) / (1 - math.exp(-k))
    yy, xx = _grid(h, w)
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    arr = arr * (1 - rng.uniform(0.05, 0.45) * np.clip(r2 / 2, 0, 1) ** rng.uniform(0.8, 1.6))[..., None]
    if rng.random() < 0.12:
        arr = _motion_blur(arr, rng.uniform(3, 0.02 * max(w, h) + 4), rng.uniform(0, math.pi))
    iso = rng.uniform(1.5, 9) if iso is None else iso
    lum = np.clip(arr.mean(-1, keepdims=True), 0, 255)
    shot = iso * np.sqrt(lum / 255 + 0.08)
    arr = arr + shot * rng.standard_normal((h, w, 1), dtype=np.float32)
    cs = (max(2, w // 3), max(2, h // 3))  # blotchy chroma noise, as phones leave after denoising
    chroma = np.asarray(Image.fromarray(rng.integers(0, 256, (cs[1], cs[0], 3), dtype=np.uint8)).resize((w, h), Image.BILINEAR), np.float32) - 127.5
    arr = arr + chroma * (iso / 127.5) * rng.uniform(0.3, 1.0) * shot / max(iso, 1e-3)
    img = _img(arr)
    if rng.random() < 0.5:
        img = img.filter(ImageFilter.UnsharpMask(radius=rng.uniform(1, 2.5), percent=int(rng.integers(40, 140)), threshold=2))
    return img


def _fine(rng: np.random.Generator, w: int, h: int, scale: float = 1.0) -> np.ndarray:
    """High-frequency grain in [-1, 1] at a pixel scale >= 1."""
    sw, sh = max(2, int(w / scale)), max(2, int(h / scale))
    g = rng.random((sh, sw), dtype=np.float32) * 2 - 1
    if (sw, sh) == (w, h):
        return g
    return np.asarray(Image.fromarray(((g + 1) * 127.5).astype(np.uint8)).resize((w, h), Image.BILINEAR), np.float32) / 127.5 - 1


# --------------------------------------------------------------------------------------- shaded primitives


def _over(arr: np.ndarray, x0: int, y0: int, rgb: np.ndarray, alpha: np.ndarray) -> None:
    """Composite an (hh, ww, 3) patch with alpha (hh, ww) onto ``arr`` at (x0, y0), in place, clipped."""
    h, w = arr.shape[:2]
    hh, ww = alpha.shape
    ax0, ay0, ax1, ay1 = max(0, x0), max(0, y0), min(w, x0 + ww), min(h, y0 + hh)
    if ax0 >= ax1 or ay0 >= ay1:
        return
    a = alpha[ay0 - y0 : ay1 - y0, ax0 - x0 : ax1 - x0, None]
    p = rgb[ay0 - y0 : ay1 - y0, ax0 - x0 : ax1 - x0]
    region = arr[ay0:ay1, ax0:ax1]
    region *= 1 - a
    region += p * a


def _ellipsoid(arr: np.ndarray, cx: float, cy: float, rx: float, ry: float, col: Color, light: np.ndarray, spec: float = 0.5, shin: float = 25, amb: float = 0.25) -> None:
    """A shaded ellipsoid (fruit, ball, head, dome) with a specular highlight."""
    x0, y0 = int(cx - rx - 2), int(cy - ry - 2)
    yy, xx = _grid(int(2 * ry + 5), int(2 * rx + 5), y0, x0)
    nx, ny = (xx - cx) / rx, (yy - cy) / ry
    d2 = nx * nx + ny * ny
    nz = np.sqrt(np.clip(1 - d2, 0, 1))
    lam = np.clip(nx * light[0] + ny * light[1] + nz * light[2], 0, 1)
    hv = light + np.array([0, 0, 1], np.float32)
    hv /= np.linalg.norm(hv)
    sp = np.clip(nx * hv[0] + ny * hv[1] + nz * hv[2], 0, 1) ** shin
    rgb = np.array(col, np.float32) * (amb + (1 - amb) * lam)[..., None] + 255 * spec * sp[..., None]
    _over(arr, x0, y0, rgb, np.clip((1 - np.sqrt(d2)) * min(rx, ry), 0, 1))


def _cylinder(arr: np.ndarray, cx: float, top: float, bottom: float, rx: float, ry: float, col: Color, light: np.ndarray, spec: float = 0.4, shin: float = 12, amb: float = 0.3, alpha: float = 1.0) -> None:
    """The side of an upright cylinder seen slightly from above (cup, bottle, can, column)."""
    x0, y0 = int(cx - rx - 2), int(top - 2)
    yy, xx = _grid(int(bottom - top + ry + 5), int(2 * rx + 5), y0, x0)
    nx = np.clip((xx - cx) / rx, -1, 1)
    nz = np.sqrt(1 - nx * nx)
    lam = np.clip(nx * light[0] + nz * light[2] + 0.3 * abs(light[1]), 0, 1)
    hv = light + np.array([0, 0, 1], np.float32)
    hv /= np.linalg.norm(hv)
    sp = np.clip(nx * hv[0] + nz * hv[2], 0, 1) ** shin
    shade = amb + (1 - amb) * lam * (1 - 0.15 * (yy - top) / max(1.0, bottom - top))
    rgb = np.array(col, np.float32) * shade[..., None] + 255 * spec * sp[..., None]
    edge = np.clip((1 - np.abs((xx - cx) / rx)) * rx, 0, 1)
    base = np.clip(bottom + ry * nz - yy, 0, 1) * np.clip(yy - top + 1, 0, 1)
    _over(arr, x0, y0, rgb, edge * base * alpha)


def _disc(arr: np.ndarray, cx: float, cy: float, rx: float, ry: float, rgb: Vec | np.ndarray, alpha: float = 1.0) -> None:
    """A flat anti-aliased ellipse of one colour."""
    x0, y0 = int(cx - rx - 2), int(cy - ry - 2)
    yy, xx = _grid(int(2 * ry + 5), int(2 * rx + 5), y0, x0)
    d = np.sqrt(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2)
    a = np.clip((1 - d) * min(rx, ry), 0, 1) * alpha
    _over(arr, x0, y0, np.broadcast_to(np.asarray(rgb, np.float32), a.shape + (3,)), a)


def _shadow(arr: np.ndarray, cx: float, cy: float, rx: float, ry: float, strength: float) -> None:
    """A soft contact shadow: darken an elliptical region with a smooth falloff."""
    x0, y0 = int(cx - rx - 2), int(cy - ry - 2)
    yy, xx = _grid(int(2 * ry + 5), int(2 * rx + 5), y0, x0)
    d = np.sqrt(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2)
    s = np.clip(1 - d, 0, 1) ** 1.5 * strength
    _over(arr, x0, y0, np.zeros(s.shape + (3,), np.float32), s)


# --------------------------------------------------------------------------------------- tabletop


def _tabletop_surface(rng: np.random.Generator, w: int, h: int, ty: int) -> np.ndarray:
    """A table top in perspective below ``ty``: wood planks, stone or cloth, blurring with distance."""
    hh = h - ty
    yy, xx = _grid(hh, w)
    depth = 1.0 / (yy + hh * rng.uniform(0.08, 0.3))  # larger = farther
    u = (xx - w * rng.uniform(0.3, 0.7)) * depth * hh * 0.02
    kind = rng.integers(3)
    n = _smooth_noise(rng, w, hh, octaves=4, base=int(rng.integers(3, 8)))
    if kind == 0:  # wood
        col = np.array(_hsv(rng.uniform(0.05, 0.1), rng.uniform(0.35, 0.75), rng.uniform(0.3, 0.8)), np.float32)
        grain = 0.5 + 0.5 * np.sin(u * rng.uniform(8, 30) + n * rng.uniform(4, 12))
        plank = np.abs(np.sin(u * rng.uniform(0.8, 2.0) * math.pi)) > 0.04
        tex = (0.75 + 0.35 * grain) * (0.55 + 0.45 * plank)
    elif kind == 1:  # stone / laminate
        col = np.array(_hsv(rng.random(), rng.uniform(0, 0.15), rng.uniform(0.5, 0.95)), np.float32)
        tex = 0.85 + 0.25 * n + 0.05 * _fine(rng, w, hh)
    else:  # table cloth with a weave
        col = np.array(_hsv(rng.random(), rng.uniform(0.2, 0.7), rng.uniform(0.4, 0.95)), np.float32)
        weave = 0.5 + 0.25 * (np.sin(u * 60) + np.sin(yy * depth * hh * 1.2))
        tex = 0.8 + 0.15 * weave + 0.2 * n
    surf = col * tex[..., None] * (0.8 + 0.35 * (yy / hh))[..., None]
    far = _blur(surf, rng.uniform(2, 6))
    t = np.clip(yy / (hh * rng.uniform(0.3, 0.8)), 0, 1)[..., None]
    return far * (1 - t) + surf * t


def _background_blur(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """An out-of-focus backdrop: wall / window / shelves as soft colour regions plus bokeh."""
    base = np.array(_hsv(rng.random(), rng.uniform(0.05, 0.45), rng.uniform(0.35, 0.9)), np.float32)
    arr = base * (0.7 + 0.6 * _smooth_noise(rng, w, h, octaves=3, base=2))[..., None]
    img = _img(arr)
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(2, 8))):
        x, y = rng.uniform(-0.2, 1) * w, rng.uniform(-0.2, 0.8) * h
        bw, bh = rng.uniform(0.1, 0.5) * w, rng.uniform(0.1, 0.6) * h
        bright = rng.random() < 0.3  # a window
        fill = (245, 245, 240) if bright else _hsv(rng.random(), rng.uniform(0.1, 0.7), rng.uniform(0.15, 0.8))
        d.rectangle([x, y, x + bw, y + bh], fill=fill)
    arr = _blur(_arr(img), rng.uniform(0.02, 0.05) * max(w, h))
    if rng.random() < 0.6:
        arr = arr + _bokeh(rng, w, h, int(rng.integers(5, 40)), rng.random(), rng.uniform(0.015, 0.05) * max(w, h)) * rng.uniform(0.4, 0.9)
    return arr


def _mug(arr: np.ndarray, rng: np.random.Generator, cx: float, base: float, s: float, light: np.ndarray) -> None:
    rx, ry, hgt = s * 0.5, s * 0.5 * rng.uniform(0.2, 0.4), s * rng.uniform(0.8, 1.3)
    col = _hsv(rng.random(), rng.uniform(0, 0.8), rng.uniform(0.5, 1.0))
    hx = cx + rng.choice([-1, 1]) * rx * 1.05
    img = _img(arr)  # handle: a thick ring drawn with Pillow, then shaded by the cylinder over it
    ImageDraw.Draw(img).ellipse([hx - s * 0.22, base - hgt * 0.75, hx + s * 0.22, base - hgt * 0.25], outline=tuple(int(c * 0.7) for c in col), width=max(2, int(s * 0.08)))
    arr[:] = np.asarray(img, np.float32)
    top = base - hgt
    _cylinder(arr, cx, top, base, rx, ry, col, light, spec=rng.uniform(0.2, 0.6), shin=rng.uniform(8, 40))
    _disc(arr, cx, top, rx, ry, tuple(min(255, c * 1.1) for c in col))
    liquid = np.array(_hsv(rng.uniform(0.05, 0.09), rng.uniform(0.5, 0.9), rng.uniform(0.12, 0.4)), np.float32)
    _disc(arr, cx, top + ry * 0.08, rx * 0.88, ry * 0.82, liquid)
    if rng.random() < 0.5:  # foam / reflection on the coffee
        _disc(arr, cx - rx * 0.2, top, rx * 0.3, ry * 0.25, liquid + 90, 0.6)


def _bottle(arr: np.ndarray, rng: np.random.Generator, cx: float, base: float, s: float, light: np.ndarray) -> None:
    rx, hgt = s * rng.uniform(0.25, 0.4), s * rng.uniform(1.8, 2.8)
    ry = rx * 0.25
    col = _hsv(rng.choice([0.3, 0.08, 0.55, rng.random()]), rng.uniform(0.3, 0.9), rng.uniform(0.2, 0.8))
    a = rng.uniform(0.75, 1.0)
    shoulder = base - hgt * 0.65
    _cylinder(arr, cx, shoulder, base, rx, ry, col, light, spec=0.8, shin=60, alpha=a)
    _ellipsoid(arr, cx, shoulder, rx, rx * 0.55, col, light, spec=0.8, shin=60)
    _cylinder(arr, cx, base - hgt, shoulder - rx * 0.4, rx * 0.35, ry * 0.35, col, light, spec=0.8, shin=60, alpha=a)
    if rng.random() < 0.7:  # paper label
        label = _hsv(rng.random(), rng.uniform(0, 0.5), rng.uniform(0.7, 1.0))
        lt = base - hgt * rng.uniform(0.25, 0.45)
        _cylinder(arr, cx, lt, lt + hgt * rng.uniform(0.12, 0.25), rx * 1.01, ry, label, light, spec=0.1, shin=5)


def _bowl(arr: np.ndarray, rng: np.random.Generator, cx: float, base: float, s: float, light: np.ndarray) -> None:
    rx = s * rng.uniform(0.7, 1.1)
    ry = rx * rng.uniform(0.2, 0.35)
    col = _hsv(rng.random(), rng.uniform(0, 0.6), rng.uniform(0.6, 1.0))
    top = base - rx * rng.uniform(0.45, 0.65)
    x0, y0 = int(cx - rx - 2), int(top - 2)
    yy, xx = _grid(int(base - top + 5), int(2 * rx + 5), y0, x0)
    nx = (xx - cx) / rx
    ny = (yy - top) / (base - top)
    inside = np.clip((1 - nx * nx - ny * ny) * rx * 0.5, 0, 1) * (yy >= top)
    nz = np.sqrt(np.clip(1 - nx * nx - ny * ny, 0, 1))
    lam = np.clip(nx * light[0] + ny * light[1] + nz * light[2], 0, 1)
    rgb = np.array(col, np.float32) * (0.3 + 0.7 * lam)[..., None] + 180 * lam[..., None] ** 30
    _over(arr, x0, y0, rgb, inside)
    inner = tuple(c * 0.75 for c in col)
    _disc(arr, cx, top, rx, ry, inner)
    if rng.random() < 0.7:  # contents: fruit, salad or soup
        food = _hsv(rng.uniform(0, 0.35), rng.uniform(0.5, 1), rng.uniform(0.4, 0.9))
        for _ in range(int(rng.integers(3, 9))):
            fx = cx + rng.normal(0, rx * 0.3)
            _ellipsoid(arr, fx, top - ry * rng.uniform(0, 0.6), rx * 0.22, rx * 0.2, food, light, spec=0.3)


def _fruit(arr: np.ndarray, rng: np.random.Generator, cx: float, base: float, s: float, light: np.ndarray) -> None:
    r = s * rng.uniform(0.3, 0.5)
    col = _hsv(rng.choice([0.0, 0.02, 0.08, 0.15, 0.25, rng.random()]), rng.uniform(0.6, 1), rng.uniform(0.5, 0.95))
    _ellipsoid(arr, cx, base - r * 0.95, r * rng.uniform(0.95, 1.1), r, col, light, spec=rng.uniform(0.2, 0.7), shin=rng.uniform(10, 50))


def _glass(arr: np.ndarray, rng: np.random.Generator, cx: float, base: float, s: float, light: np.ndarray) -> None:
    rx, hgt = s * rng.uniform(0.3, 0.45), s * rng.uniform(0.9, 1.5)
    ry = rx * 0.3
    drink = _hsv(rng.choice([0.08, 0.12, 0.0, 0.55]), rng.uniform(0.3, 0.9), rng.uniform(0.3, 0.9))
    level = base - hgt * rng.uniform(0.4, 0.85)
    _cylinder(arr, cx, level, base, rx * 0.95, ry, drink, light, spec=0.9, shin=80, alpha=0.8)
    _disc(arr, cx, level, rx * 0.95, ry * 0.95, tuple(min(255, c * 1.2) for c in drink), 0.8)
    _cylinder(arr, cx, base - hgt, base, rx, ry, (230, 235, 240), light, spec=1.0, shin=120, amb=0.0, alpha=0.25)


_TABLE_OBJECTS = (_mug, _bottle, _bowl, _fruit, _fruit, _glass, _mug)


@renderer(LABEL, "pillow-photo")
def tabletop_photo_pillow(rng: np.random.Generator) -> Rendered:
    """A phone photo of cups, bottles, bowls and fruit on a table, background out of focus."""
    w, h = _frame(rng)
    ty = int(h * rng.uniform(0.35, 0.65))
    arr = _background_blur(rng, w, h)
    arr[ty:] = _tabletop_surface(rng, w, h, ty)
    light = _light(rng)
    s = min(w, h) * rng.uniform(0.18, 0.35)
    n = int(rng.integers(1, 5))
    bases = np.sort(rng.uniform(ty + (h - ty) * 0.2, h - s * 0.05, n))
    for base in bases:
        cx = rng.uniform(0.12, 0.88) * w
        scale = s * (0.6 + 0.6 * (base - ty) / (h - ty))
        _shadow(arr, cx - light[0] * scale * 0.6, base, scale * rng.uniform(0.6, 1.0), scale * 0.2, rng.uniform(0.3, 0.6))
        _TABLE_OBJECTS[int(rng.integers(len(_TABLE_OBJECTS)))](arr, rng, cx, base, scale, light)
    return Rendered(_camera(rng, arr), "photo,tabletop")


# --------------------------------------------------------------------------------------- architecture


def _foliage(rng: np.random.Generator, arr: np.ndarray, top: np.ndarray) -> None:
    """Trees / bushes below the per-column line ``top``: dark green with leaf-scale grain, in place."""
    h, w = arr.shape[:2]
    yy, _ = _grid(h, w)
    leaves = _smooth_noise(rng, w, h, octaves=3, base=int(rng.integers(20, 50))) * 0.6 + 0.4 * (_fine(rng, w, h, rng.uniform(1.5, 3)) + 1) / 2
    edge = top[None, :] + (leaves - 0.5) * h * 0.04
    mask = np.clip((yy - edge) * 0.8, 0, 1)[..., None]
    green = np.array(_hsv(rng.uniform(0.2, 0.36), rng.uniform(0.4, 0.8), rng.uniform(0.15, 0.45)), np.float32)
    arr[:] = arr * (1 - mask) + green * (0.35 + 1.0 * leaves)[..., None] * mask


def _pagoda(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, base: float, s: float, wall: Color, roof: Color, lit: float) -> None:
    tiers = int(rng.integers(3, 8))
    tw, th = s * 0.55, s * rng.uniform(0.16, 0.24)
    y = base
    for i in range(tiers):
        k = 1 - 0.09 * i
        bw = tw * k
        d.rectangle([cx - bw / 2, y - th, cx + bw / 2, y], fill=wall)
        d.rectangle([cx, y - th, cx + bw / 2, y], fill=tuple(int(c * lit) for c in wall))  # side in shade
        for j in range(1, 4):  # pillars / windows
            x = cx - bw / 2 + bw * j / 4
            d.rectangle([x - bw * 0.03, y - th * 0.85, x + bw * 0.03, y - th * 0.1], fill=tuple(int(c * 0.45) for c in wall))
        y -= th
        ew = bw * rng.uniform(1.35, 1.6)
        lift = th * rng.uniform(0.2, 0.45)
        eave = [(cx - ew / 2, y + th * 0.15 - lift), (cx - bw * 0.45, y + th * 0.25), (cx + bw * 0.45, y + th * 0.25), (cx + ew / 2, y + th * 0.15 - lift), (cx + bw * 0.3, y - th * 0.25), (cx - bw * 0.3, y - th * 0.25)]
        d.polygon(eave, fill=roof)
        d.polygon([(cx, y - th * 0.25), (cx + bw * 0.3, y - th * 0.25), (cx + ew / 2, y + th * 0.15 - lift), (cx + bw * 0.45, y + th * 0.25), (cx, y + th * 0.25)], fill=tuple(int(c * lit) for c in roof))
        d.line([(cx - ew / 2, y + th * 0.15 - lift), (cx - bw * 0.45, y + th * 0.25), (cx + bw * 0.45, y + th * 0.25), (cx + ew / 2, y + th * 0.15 - lift)], fill=tuple(int(c * 0.3) for c in roof), width=max(2, int(th * 0.08)))
        y -= th * 0.25
    d.rectangle([cx - s * 0.012, y - s * 0.35, cx + s * 0.012, y], fill=tuple(int(c * 0.6) for c in roof))
    for k in range(5):
        yy = y - s * 0.05 * (k + 1)
        d.ellipse([cx - s * 0.03, yy - s * 0.015, cx + s * 0.03, yy + s * 0.015], fill=tuple(int(c * 0.6) for c in roof))


def _tower(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, base: float, s: float, wall: Color, roof: Color, lit: float) -> None:
    bw, th = s * rng.uniform(0.2, 0.4), s * rng.uniform(1.0, 1.6)
    top = base - th
    d.polygon([(cx - bw / 2, base), (cx - bw * 0.4, top), (cx + bw * 0.4, top), (cx + bw / 2, base)], fill=wall)
    d.polygon([(cx, base), (cx, top), (cx + bw * 0.4, top), (cx + bw / 2, base)], fill=tuple(int(c * lit) for c in wall))
    rows, cols = int(rng.integers(6, 25)), int(rng.integers(2, 6))
    glass = _hsv(rng.uniform(0.5, 0.65), rng.uniform(0.1, 0.5), rng.uniform(0.2, 0.6))
    for r in range(rows):
        y = top + th * (r + 0.3) / rows
        half = bw * (0.4 + 0.1 * (y - top) / th)
        for c in range(cols):
            x = cx - half + 2 * half * (c + 0.25) / cols
            d.rectangle([x, y, x + 2 * half * 0.5 / cols, y + th * 0.5 / rows], fill=glass)
    if rng.random() < 0.6:  # spire
        d.polygon([(cx - bw * 0.4, top), (cx, top - th * rng.uniform(0.15, 0.4)), (cx + bw * 0.4, top)], fill=roof)
        d.polygon([(cx, top), (cx, top - th * 0.15), (cx + bw * 0.4, top)], fill=tuple(int(c * lit) for c in roof))


def _columns(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, base: float, s: float, wall: Color, roof: Color, lit: float) -> None:
    bw, ch = s * rng.uniform(0.9, 1.3), s * rng.uniform(0.35, 0.55)
    n = int(rng.integers(4, 10))
    top = base - ch
    d.rectangle([cx - bw / 2, base - ch * 0.06, cx + bw / 2, base], fill=wall)
    d.rectangle([cx - bw / 2 * 0.95, top, cx + bw / 2 * 0.95, base - ch * 0.06], fill=tuple(int(c * 0.35) for c in wall))
    for i in range(n):
        x = cx - bw / 2 * 0.9 + bw * 0.9 * i / (n - 1)
        cw = bw / n * 0.3
        d.rectangle([x - cw, top, x + cw, base - ch * 0.06], fill=wall)
        d.rectangle([x + cw * 0.2, top, x + cw, base - ch * 0.06], fill=tuple(int(c * lit) for c in wall))
    d.rectangle([cx - bw / 2, top - ch * 0.12, cx + bw / 2, top], fill=wall)
    d.polygon([(cx - bw / 2 * 1.02, top - ch * 0.12), (cx, top - ch * rng.uniform(0.3, 0.45)), (cx + bw / 2 * 1.02, top - ch * 0.12)], fill=roof)


def _domed(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, base: float, s: float, wall: Color, roof: Color, lit: float) -> None:
    _columns(d, rng, cx, base, s * 0.8, wall, wall, lit)
    bw = s * 0.45
    drum_top = base - s * 0.75
    d.rectangle([cx - bw / 2, drum_top, cx + bw / 2, base - s * 0.45], fill=wall)
    d.rectangle([cx, drum_top, cx + bw / 2, base - s * 0.45], fill=tuple(int(c * lit) for c in wall))
    r = bw * 0.55
    d.pieslice([cx - r, drum_top - r, cx + r, drum_top + r], 180, 360, fill=roof)
    d.pieslice([cx - r, drum_top - r, cx + r, drum_top + r], 270, 360, fill=tuple(int(c * lit) for c in roof))
    d.rectangle([cx - r * 0.05, drum_top - r * 1.4, cx + r * 0.05, drum_top - r * 0.9], fill=roof)


_BUILDINGS = {"pagoda": _pagoda, "tower": _tower, "temple": _columns, "dome": _domed}


@renderer(LABEL, "pillow-photo")
def architecture_photo_pillow(rng: np.random.Generator) -> Rendered:
    """A tourist photo of a pagoda, tower, temple front or domed building against the sky, trees in front."""
    w, h = _frame(rng)
    kind = str(rng.choice(list(_BUILDINGS)))
    sky = _sky(rng, w, h)
    img = _img(sky)
    d = ImageDraw.Draw(img)
    base = h * rng.uniform(0.8, 0.98)
    s = min(w, h * 0.85) * rng.uniform(0.55, 0.95)
    warm = rng.random() < 0.5
    wall = _hsv(rng.uniform(0.02, 0.12) if warm else rng.random(), rng.uniform(0.05, 0.6), rng.uniform(0.5, 0.95))
    roof = _hsv(rng.choice([0.0, 0.03, 0.08, 0.45, 0.6]), rng.uniform(0.2, 0.8), rng.uniform(0.15, 0.6))
    cx = w * rng.uniform(0.35, 0.65)
    for _ in range(int(rng.integers(0, 3))):  # hazy buildings behind
        bx = rng.uniform(0, w)
        d.rectangle([bx, base - rng.uniform(0.1, 0.4) * h, bx + rng.uniform(0.05, 0.2) * w, base], fill=tuple(int(v) for v in sky[int(h * 0.6), 0] * 0.8))
    _BUILDINGS[kind](d, rng, cx, base, s, wall, roof, rng.uniform(0.5, 0.8))
    arr = _arr(img)
    # weathering: stains, brick / plaster texture over everything that is not sky
    tex = 0.85 + 0.2 * _smooth_noise(rng, w, h, octaves=4, base=int(rng.integers(10, 30))) + 0.06 * _fine(rng, w, h)
    mask = (np.abs(arr - sky).sum(-1) > 12).astype(np.float32)[..., None]
    arr = arr * (1 + (tex[..., None] - 1) * mask)
    if rng.random() < 0.7:
        ground = base + h * rng.uniform(-0.12, 0.05)
        _foliage(rng, arr, ground - _smooth_noise(rng, w, 1, octaves=5, base=6)[0] * h * rng.uniform(0.05, 0.25))
    img = _img(arr)
    if rng.random() < 0.6:  # converging verticals: the phone tilted up at a tall building
        k = rng.uniform(0.03, 0.12) * w
        img = _quad_warp(img, [(0, 0), (-k, h), (w + k, h), (w, 0)], w, h)
    arr = _arr(img)
    return Rendered(_camera(rng, arr, cast=str(rng.choice(["daylight", "daylight", "golden", "shade"]))), f"photo,{kind}")


# --------------------------------------------------------------------------------------- vehicles


def _wheel(arr: np.ndarray, rng: np.random.Generator, cx: float, cy: float, r: float, light: np.ndarray, spokes: int) -> None:
    """Tyre, chrome rim with spokes and a hub, seen from the side."""
    _disc(arr, cx, cy, r, r, (22, 22, 24))
    _ellipsoid(arr, cx, cy, r * 0.68, r * 0.68, (150, 152, 158), light, spec=0.9, shin=40, amb=0.35)
    img = _img(arr)
    d = ImageDraw.Draw(img)
    a0 = rng.uniform(0, math.pi)
    for i in range(spokes):
        a = a0 + 2 * math.pi * i / spokes
        d.line([cx, cy, cx + r * 0.62 * math.cos(a), cy + r * 0.62 * math.sin(a)], fill=(40, 40, 44), width=max(1, int(r * (0.2 if spokes < 8 else 0.04))))
    arr[:] = np.asarray(img, np.float32)
    _ellipsoid(arr, cx, cy, r * 0.16, r * 0.16, (190, 190, 195), light, spec=1.0, shin=30)


def _car(arr: np.ndarray, rng: np.random.Generator, cx: float, ground: float, s: float, light: np.ndarray, col: Color) -> None:
    L, H = s, s * rng.uniform(0.28, 0.38)
    r = H * 0.36
    x0 = cx - L / 2
    roof0, roof1 = x0 + L * rng.uniform(0.22, 0.32), x0 + L * rng.uniform(0.62, 0.75)
    body = [(x0, ground - r * 0.6), (x0 + L * 0.02, ground - H * 0.55), (roof0 - L * 0.05, ground - H * 0.6), (roof0 + L * 0.06, ground - H), (roof1, ground - H), (roof1 + L * 0.1, ground - H * 0.6), (x0 + L * 0.98, ground - H * 0.55), (x0 + L, ground - r * 0.6)]
    m = Image.new("L", arr.shape[1::-1], 0)
    ImageDraw.Draw(m).polygon(body, fill=255)
    win = Image.new("L", arr.shape[1::-1], 0)
    ImageDraw.Draw(win).polygon([(roof0 - L * 0.02, ground - H * 0.62), (roof0 + L * 0.07, ground - H * 0.94), (roof1 - L * 0.01, ground - H * 0.94), (roof1 + L * 0.07, ground - H * 0.62)], fill=255)
    mask = np.asarray(m.filter(ImageFilter.GaussianBlur(0.8)), np.float32) / 255
    wmask = np.asarray(win.filter(ImageFilter.GaussianBlur(0.8)), np.float32) / 255
    h, w = arr.shape[:2]
    yy, _ = _grid(h, w)
    t = np.clip((yy - (ground - H)) / H, 0, 1)
    horizon = ground - H * rng.uniform(0.45, 0.6)  # paint mirrors a bright sky above a dark ground
    refl = np.where(yy < horizon, 1.25 - 0.5 * t, 0.55 - 0.2 * t) + 0.6 * np.exp(-((yy - horizon) / (H * 0.03)) ** 2)
    paint = np.array(col, np.float32) * refl[..., None]
    arr[:] = arr * (1 - mask[..., None]) + paint * mask[..., None]
    glass = np.array([40, 48, 58], np.float32) * (0.7 + 0.8 * (1 - t))[..., None]
    arr[:] = arr * (1 - wmask[..., None]) + glass * wmask[..., None]
    for wx in (x0 + L * 0.18, x0 + L * 0.82):
        _wheel(arr, rng, wx, ground - r, r, light, int(rng.choice([5, 6, 10, 20])))


def _motorbike(arr: np.ndarray, rng: np.random.Generator, cx: float, ground: float, s: float, light: np.ndarray, col: Color) -> None:
    r = s * rng.uniform(0.16, 0.2)
    xb, xf = cx - s * 0.38, cx + s * 0.38
    img = _img(arr)
    d = ImageDraw.Draw(img)
    frame = tuple(int(c) for c in rng.choice([(30, 30, 32), (170, 170, 175), col]))
    lw = max(3, int(s * 0.025))
    seat_y, tank_y = ground - r * 2.3, ground - r * 2.6
    d.line([(xb, ground - r), (cx - s * 0.05, ground - r * 0.9), (cx + s * 0.2, tank_y + r * 0.2), (xf, ground - r)], fill=frame, width=lw)
    d.line([(xb, ground - r), (cx - s * 0.1, seat_y)], fill=frame, width=lw)
    d.line([(xf, ground - r), (cx + s * 0.27, tank_y - r * 0.4)], fill=(180, 180, 185), width=lw)  # fork
    d.line([(cx + s * 0.22, tank_y - r * 0.5), (cx + s * 0.32, tank_y - r * 0.7)], fill=(20, 20, 20), width=lw)  # handlebar
    d.rounded_rectangle([cx - s * 0.33, seat_y - r * 0.25, cx - s * 0.02, seat_y + r * 0.1], radius=r * 0.15, fill=(25, 22, 20))
    arr[:] = np.asarray(img, np.float32)
    _ellipsoid(arr, cx - s * 0.0, ground - r * 1.3, s * 0.14, r * 0.5, (95, 95, 100), light, spec=0.7, shin=30)  # engine
    _ellipsoid(arr, cx + s * 0.1, tank_y, s * 0.16, r * 0.38, col, light, spec=0.9, shin=60)  # tank
    _ellipsoid(arr, xb + s * 0.15, ground - r * 0.8, s * 0.2, r * 0.12, (200, 200, 205), light, spec=1.0, shin=80)  # exhaust
    _ellipsoid(arr, cx + s * 0.3, tank_y - r * 0.3, r * 0.22, r * 0.22, (235, 235, 225), light, spec=1.0, shin=50)  # headlight
    for wx in (xb, xf):
        _wheel(arr, rng, wx, ground - r, r, light, int(rng.choice([5, 7, 24])))


@renderer(LABEL, "pillow-photo")
def vehicle_photo_pillow(rng: np.random.Generator) -> Rendered:
    """A side-on photo of a car or motorcycle with glossy paint and chrome, parked, background blurred."""
    w, h = _frame(rng)
    ground = h * rng.uniform(0.7, 0.9)
    arr = _background_blur(rng, w, h)
    road = np.array(_hsv(rng.random(), rng.uniform(0, 0.15), rng.uniform(0.2, 0.55)), np.float32)
    gy = int(ground - h * rng.uniform(0.05, 0.2))
    g = road * (0.85 + 0.15 * _fine(rng, w, h - gy, rng.uniform(1, 2.5)) + 0.15 * _smooth_noise(rng, w, h - gy, octaves=3, base=6))[..., None]
    arr[gy:] = g
    light = _light(rng)
    kind = "car" if rng.random() < 0.5 else "motorcycle"
    s = w * rng.uniform(0.6, 0.95) if kind == "car" else min(w, h * 1.3) * rng.uniform(0.55, 0.8)
    cx = w * rng.uniform(0.42, 0.58)
    col = _hsv(rng.random(), rng.uniform(0, 0.95), rng.uniform(0.2, 0.9))
    _shadow(arr, cx, ground, s * 0.55, s * 0.045, rng.uniform(0.5, 0.8))
    (_car if kind == "car" else _motorbike)(arr, rng, cx, ground, s, light, col)
    return Rendered(_camera(rng, arr), f"photo,{kind}")


# --------------------------------------------------------------------------------------- street


def _streaks(rng: np.random.Generator, w: int, h: int, length: float, angle: float) -> np.ndarray:
    """Directional noise in [0, 1]: streaks ``length`` px long at ``angle`` radians (hair, fur, brushed texture)."""
    d = int(math.hypot(w, h)) + 2
    small = (rng.random((max(2, int(d / max(length, 1.0))), max(2, d // 2)), dtype=np.float32) * 255).astype(np.uint8)
    img = Image.fromarray(small).resize((d, d), Image.BILINEAR).rotate(math.degrees(angle), Image.BILINEAR)
    x0, y0 = (d - w) // 2, (d - h) // 2
    return np.asarray(img.crop((x0, y0, x0 + w, y0 + h)), np.float32) / 255


def _glow(arr: np.ndarray, layer: Image.Image, sigma: float, strength: float) -> np.ndarray:
    """Add a light layer (lamps, neon, screens) with its halo, as lights bloom in a real lens."""
    lights = np.asarray(layer, np.float32)
    return arr + lights * 0.8 + _blur(lights, sigma) * strength


def _texture_except(rng: np.random.Generator, arr: np.ndarray, keep: np.ndarray | None, amount: float) -> np.ndarray:
    """Multiply grime / grain texture into every pixel that differs from ``keep`` (e.g. the bare sky; None: all)."""
    h, w = arr.shape[:2]
    tex = 1 + amount * 0.5 * (_smooth_noise(rng, w, h, octaves=4, base=int(rng.integers(8, 30))) - 0.5) + amount * 0.5 * _fine(rng, w, h, rng.uniform(1, 2))
    if keep is None:
        return arr * tex[..., None]
    mask = (np.abs(arr - keep).sum(-1) > 12).astype(np.float32)
    return arr * (1 + (tex - 1) * mask)[..., None]


def _night_sky(rng: np.random.Generator, w: int, h: int, hz: float) -> np.ndarray:
    """Dark blue sky brightening to an orange light-pollution glow at the horizon."""
    top = np.array(_hsv(rng.uniform(0.6, 0.7), rng.uniform(0.4, 0.9), rng.uniform(0.03, 0.15)), np.float32)
    low = np.array(_hsv(rng.uniform(0.02, 0.1), rng.uniform(0.3, 0.7), rng.uniform(0.2, 0.45)), np.float32)
    t = np.clip(np.linspace(0, 1, h, dtype=np.float32) * h / max(hz, 1), 0, 1)[:, None, None] ** 2
    return np.broadcast_to(top * (1 - t) + low * t, (h, w, 3)).copy()


@renderer(LABEL, "pillow-photo")
def street_photo_pillow(rng: np.random.Generator) -> Rendered:
    """A street photo down a city road, day or night: lane markings, facades with windows, lamps, neon, cars."""
    w, h = _frame(rng)
    night = rng.random() < 0.45
    hz, vx, f, ch = h * rng.uniform(0.38, 0.55), w * rng.uniform(0.3, 0.7), w * rng.uniform(0.5, 0.9), rng.uniform(1.3, 1.9)

    def P(x: float, y: float, z: float) -> tuple[float, float]:
        return vx + f * x / z, hz + f * (ch - y) / z

    sky = _night_sky(rng, w, h, hz) if night else _sky(rng, w, h)
    img = _img(sky)
    d = ImageDraw.Draw(img)
    dim = rng.uniform(0.25, 0.45) if night else 1.0
    lanes = int(rng.integers(2, 5))
    rw = lanes * 3.3 / 2
    side = rw + rng.uniform(2, 5)
    pave = tuple(int(c * dim) for c in _hsv(rng.uniform(0.05, 0.6), rng.uniform(0, 0.1), rng.uniform(0.5, 0.75)))
    d.rectangle([0, hz, w, h], fill=pave)
    asphalt = tuple(int(c * dim) for c in _hsv(rng.uniform(0.55, 0.65), rng.uniform(0, 0.08), rng.uniform(0.2, 0.4)))
    d.polygon([P(-rw, 0, 0.3), P(rw, 0, 0.3), P(rw, 0, 2000), P(-rw, 0, 2000)], fill=asphalt)
    paint = tuple(int(c * (0.7 if night else 1)) for c in (235, 235, 225))
    centre = (230, 190, 40) if rng.random() < 0.4 else paint
    for x in (-rw + 0.25, rw - 0.25):
        d.polygon([P(x - 0.08, 0, 0.3), P(x + 0.08, 0, 0.3), P(x + 0.08, 0, 2000), P(x - 0.08, 0, 2000)], fill=paint)
    period, dash, z0 = rng.uniform(9, 15), rng.uniform(2.5, 4), rng.uniform(0.5, 6)
    for k in range(1, lanes):
        x = -rw + 3.3 * k
        col = centre if 2 * k == lanes else paint
        for z in np.arange(z0, 200, period):
            d.polygon([P(x - 0.07, 0, z), P(x + 0.07, 0, z), P(x + 0.07, 0, z + dash), P(x - 0.07, 0, z + dash)], fill=col)
    # buildings on both sides, drawn far to near so that nearer ones overlap
    blocks = []
    for sgn in (-1, 1):
        z = rng.uniform(0.5, 4)
        while z < 260:
            length = rng.uniform(8, 30)
            hgt = rng.uniform(6, 40) if rng.random() < 0.85 else rng.uniform(40, 120)
            blocks.append((z, z + length, sgn * (side + rng.uniform(0, 1.5)), hgt, sgn))
            z += length
    lit_p = rng.uniform(0.2, 0.6)
    glow = Image.new("RGB", (w, h), (0, 0, 0))
    gd = ImageDraw.Draw(glow)
    for za, zb, x, hgt, sgn in sorted(blocks, key=lambda b: -b[0]):
        wall = np.array(_hsv(rng.choice([0.05, 0.08, 0.1, 0.58, rng.random()]), rng.uniform(0, 0.4), rng.uniform(0.35, 0.9)), np.float32) * dim
        lit = 1.0 if sgn < 0 else rng.uniform(0.55, 0.8)
        d.polygon([P(x, 0, za), P(x, hgt, za), P(x + sgn * 15, hgt, za), P(x + sgn * 15, 0, za)], fill=tuple(int(c * lit * 0.8) for c in wall))
        d.polygon([P(x, 0, za), P(x, hgt, za), P(x, hgt, zb), P(x, 0, zb)], fill=tuple(int(c * lit) for c in wall))
        floor_h, col_w = rng.uniform(2.9, 3.6), rng.uniform(2, 3.5)
        if f * floor_h / za < 3:
            continue
        frac = rng.uniform(0.35, 0.7)
        for y in np.arange(1.0 + floor_h * (rng.random() < 0.5), hgt - 1.0, floor_h):
            for z in np.arange(za + 0.6, zb - col_w * frac, col_w):
                if night:
                    on = rng.random() < lit_p
                    col = _hsv(rng.uniform(0.07, 0.15), rng.uniform(0.2, 0.7), rng.uniform(0.7, 1.0)) if on else (18, 18, 26)
                else:
                    col = _hsv(rng.uniform(0.52, 0.62), rng.uniform(0.05, 0.35), rng.uniform(0.2, 0.75))
                quad = [P(x, y, z), P(x, y + floor_h * 0.55, z), P(x, y + floor_h * 0.55, z + col_w * frac), P(x, y, z + col_w * frac)]
                d.polygon(quad, fill=col)
                if night and col[0] > 100:
                    gd.polygon(quad, fill=tuple(int(c * 0.5) for c in col))
        if night and za < 60 and rng.random() < 0.5:  # neon sign on the facade
            nz, ny = rng.uniform(za, max(za + 0.1, zb - 4)), rng.uniform(2.5, 6)
            quad = [P(x, ny, nz), P(x, ny + rng.uniform(0.6, 1.5), nz), P(x, ny + 1, nz + rng.uniform(2, 4)), P(x, ny, nz + 3)]
            neon = _hsv(rng.choice([0.0, 0.5, 0.83, 0.92, 0.58, 0.3]), rng.uniform(0.6, 1), 1.0)
            d.polygon(quad, fill=neon)
            gd.polygon(quad, fill=neon)
    arr = _texture_except(rng, _arr(img), sky, rng.uniform(0.15, 0.35))
    # parked / driving cars: rear views in our lanes, fronts in the oncoming ones
    cars = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    cd = ImageDraw.Draw(cars)
    for z in np.sort(rng.uniform(5, 140, int(rng.integers(0, 9))))[::-1]:
        lane = int(rng.integers(lanes))
        x = -rw + 3.3 * (lane + 0.5) + rng.normal(0, 0.2)
        body = (*(int(c * dim) for c in _hsv(rng.random(), rng.choice([0, 0, 0.7]), rng.uniform(0.1, 0.9))), 255)
        cd.rectangle([*P(x - 0.9, 0.9, z), *P(x + 0.9, 0.25, z)], fill=body)
        cd.polygon([P(x - 0.8, 0.9, z), P(x - 0.65, 1.45, z), P(x + 0.65, 1.45, z), P(x + 0.8, 0.9, z)], fill=(*(int(c * 0.8) for c in body[:3]), 255))
        cd.polygon([P(x - 0.7, 0.95, z), P(x - 0.58, 1.38, z), P(x + 0.58, 1.38, z), P(x + 0.7, 0.95, z)], fill=(25, 30, 38, 255))
        for wx in (-0.85, 0.6):
            cd.rectangle([*P(x + wx, 0.25, z), *P(x + wx + 0.25, 0.0, z)], fill=(15, 15, 15, 255))
        oncoming = lane < lanes // 2
        lamp = (255, 250, 230) if oncoming else (230, 20, 20)
        for lx in (-0.85, 0.55):
            box = [*P(x + lx, 0.85, z), *P(x + lx + 0.3, 0.7, z)]
            cd.rectangle(box, fill=(*lamp, 255))
            if night:
                gd.ellipse([box[0] - f * 0.12 / z, box[1] - f * 0.12 / z, box[2] + f * 0.12 / z, box[3] + f * 0.12 / z], fill=lamp)
    cars = cars.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 2.5)))
    img = _img(arr)
    img.paste(cars, (0, 0), cars)
    d = ImageDraw.Draw(img)
    pole = (40, 42, 45) if not night else (15, 15, 18)
    for z in np.arange(rng.uniform(3, 12), 160, rng.uniform(20, 35)):
        for sgn in (-1, 1):
            x = sgn * (rw + 0.6)
            d.line([P(x, 0, z), P(x, 7, z), P(x - sgn * 1.6, 7.3, z)], fill=pole, width=max(1, int(f * 0.15 / z)))
            lx, ly = P(x - sgn * 1.6, 7.2, z)
            r = max(1.0, f * 0.25 / z)
            d.ellipse([lx - r, ly - r * 0.5, lx + r, ly + r * 0.5], fill=(255, 230, 180) if night else (200, 200, 195))
            if night:
                gd.ellipse([lx - r * 2, ly - r * 2, lx + r * 2, ly + r * 2], fill=(255, 190, 110))
    arr = _arr(img)
    if night:
        arr = _glow(arr, glow, max(w, h) * rng.uniform(0.006, 0.015), rng.uniform(1.0, 2.5))
        cam = _camera(rng, arr, cast=str(rng.choice(["tungsten", "neon", "daylight"])), ev=rng.uniform(-0.3, 0.5), iso=rng.uniform(8, 20))
    else:
        cam = _camera(rng, arr)
    return Rendered(cam, f"photo,street,{'night' if night else 'day'}")


# --------------------------------------------------------------------------------------- landscape


def _sunset_sky(rng: np.random.Generator, w: int, h: int, hz: float) -> tuple[np.ndarray, float]:
    """Deep blue-violet overhead to orange at the horizon, a sun glowing on it; returns the sky and the sun's x."""
    top = np.array(_hsv(rng.uniform(0.6, 0.78), rng.uniform(0.4, 0.8), rng.uniform(0.25, 0.6)), np.float32)
    mid = np.array(_hsv(rng.uniform(0.9, 1.02), rng.uniform(0.3, 0.7), rng.uniform(0.6, 0.95)), np.float32)
    low = np.array(_hsv(rng.uniform(0.04, 0.12), rng.uniform(0.5, 0.95), 1.0), np.float32)
    t = np.clip(np.linspace(0, 1, h, dtype=np.float32) * h / max(hz, 1), 0, 1)[:, None, None]
    sky = np.where(t < 0.6, top + (mid - top) * (t / 0.6), mid + (low - mid) * ((t - 0.6) / 0.4))
    sky = np.broadcast_to(sky, (h, w, 3)).copy()
    sx = w * rng.uniform(0.15, 0.85)
    yy, xx = _grid(h, w)
    r = np.sqrt((xx - sx) ** 2 + (yy - hz) ** 2) / max(w, h)
    sky += (np.exp(-r / rng.uniform(0.05, 0.15)) * 160 + (r < rng.uniform(0.015, 0.03)) * 255)[..., None] * np.array([1.0, 0.85, 0.6], np.float32)
    if rng.random() < 0.7:  # lit cloud bands
        cl = _smooth_noise(rng, w, max(2, h // 4), octaves=4, base=int(rng.integers(3, 7)))
        cl = np.asarray(Image.fromarray((cl * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC), np.float32) / 255
        c = np.clip((cl - 0.55) * 3, 0, 1)[..., None] * (yy < hz)[..., None]
        sky = sky * (1 - c * 0.7) + c * 0.7 * np.array(_hsv(rng.uniform(0.95, 1.08), rng.uniform(0.3, 0.7), rng.uniform(0.5, 1.0)), np.float32)
    return sky, sx


def _ridge(rng: np.random.Generator, w: int) -> np.ndarray:
    """A mountain ridge profile in [0, 1]: ridged fractal noise with sharp peaks."""
    n = _smooth_noise(rng, w, 1, octaves=6, base=int(rng.integers(2, 6)), persistence=0.5)[0]
    return (1 - np.abs(2 * n - 1)) ** rng.uniform(0.8, 1.5)


@renderer(LABEL, "pillow-photo")
def landscape_photo_pillow(rng: np.random.Generator) -> Rendered:
    """A holiday landscape photo: hazy mountain ranges with rock and snow, forest, a lake mirroring it, clouds or sunset."""
    w, h = _frame(rng)
    hz = h * rng.uniform(0.45, 0.7)
    sunset = rng.random() < 0.35
    sky, sun_x = _sunset_sky(rng, w, h, hz) if sunset else (_sky(rng, w, h), 0.0)
    arr = sky.copy()
    haze = sky[int(hz) - 1, w // 2]
    yy, _ = _grid(h, w)
    layers = int(rng.integers(2, 5))
    rock_hue = rng.uniform(0.05, 0.12) if rng.random() < 0.6 else rng.uniform(0.55, 0.65)
    streak = _streaks(rng, w, h, rng.uniform(8, 30), rng.uniform(-0.3, 0.3))
    fine = _fine(rng, w, h, rng.uniform(1, 2))
    land = np.zeros((h, w, 1), np.float32)
    for i in range(layers):
        near = i / max(layers - 1, 1)  # 0 = far range, 1 = nearest hills
        amp = h * rng.uniform(0.1, 0.3) * (1 - 0.5 * near)
        smooth = _smooth_noise(rng, w, 1, octaves=4, base=int(rng.integers(1, 4)))[0]
        top = hz + h * 0.02 * i - amp * (0.55 * _ridge(rng, w) + 0.45 * smooth) - h * 0.02
        r0 = max(0, int(top.min()) - 1)
        ys, st, fn = yy[r0:], streak[r0:], fine[r0:]
        rock = np.array(_hsv(rock_hue + rng.normal(0, 0.02), rng.uniform(0.1, 0.35), rng.uniform(0.3, 0.6) - 0.15 * near), np.float32)
        grad = np.gradient(top)[None, :]  # faces turned to the light are brighter
        shade = 0.8 + 0.35 * np.tanh(grad * rng.choice([-1, 1]) * 0.3) + 0.3 * (st - 0.5) + 0.12 * fn * (0.3 + near)
        col = rock * shade[..., None]
        if near < 0.7 and rng.random() < 0.6:  # snow on the high peaks
            snow = np.clip((top.min() + amp * rng.uniform(0.2, 0.5) - ys) / 3 + (st - 0.5) * 4, 0, 1)[..., None]
            col = col * (1 - snow) + np.array([235, 238, 245], np.float32) * (0.75 + 0.3 * shade[..., None]) * snow
        if near > 0.5:  # forested lower slopes
            col = col * 0.4 + np.array(_hsv(rng.uniform(0.22, 0.38), rng.uniform(0.3, 0.7), 0.35), np.float32) * (0.5 + st[..., None] + 0.3 * fn[..., None]) * 0.6
        fade = 0.75 * (1 - near) ** 1.3 * rng.uniform(0.6, 1.0)  # aerial perspective
        col = col * (1 - fade) + haze * fade
        mask = np.clip(ys - top[None, :], 0, 1)[..., None]
        arr[r0:] = arr[r0:] * (1 - mask) + col * mask
        land[r0:] = np.maximum(land[r0:], mask)
    if sunset:
        arr = arr * (1 - 0.4 * land)  # back-lit ranges go dark
    lake = rng.random() < 0.55
    water = int(hz + h * rng.uniform(0.03, 0.12))
    if not lake:  # a meadow in front with a ragged edge: grass blades shrinking with distance
        r0 = water - int(h * 0.04)
        n = h - r0
        blades = _streaks(rng, w, n, rng.uniform(6, 16), rng.normal(0, 0.1))
        depth = np.linspace(0.3, 1, n, dtype=np.float32)[:, None, None]
        grass = np.array(_hsv(rng.uniform(0.12, 0.3), rng.uniform(0.4, 0.8), rng.uniform(0.35, 0.6)), np.float32)
        grass = grass * (0.35 + 0.9 * blades[..., None] * depth + 0.25 * _fine(rng, w, n)[..., None] * depth) * (0.7 + 0.4 * depth)
        edge = water - h * 0.04 * _smooth_noise(rng, w, 1, octaves=5, base=10)[0] + (blades - 0.5) * 6
        mask = np.clip(yy[r0:] - edge, 0, 1)[..., None]
        arr[r0:] = arr[r0:] * (1 - mask) + grass * mask
    if lake and water < h - 4:
        n = h - water
        src = np.clip(2 * water - np.arange(water, h), 0, h - 1)
        ripple = _smooth_noise(rng, 2, n, octaves=3, base=int(rng.integers(20, 60)))[:, 0] - 0.5
        amp = np.linspace(1, rng.uniform(5, 25), n)
        cols = np.clip(np.arange(w)[None, :] + (ripple * amp)[:, None], 0, w - 1).astype(np.int32)
        refl = arr[src[:, None], cols]
        refl = np.asarray(_img(refl).resize((w, max(2, n // 3)), Image.BILINEAR).resize((w, n), Image.BILINEAR), np.float32)
        tint = np.array(_hsv(rng.uniform(0.45, 0.6), rng.uniform(0.2, 0.6), rng.uniform(0.2, 0.45)), np.float32)
        k = rng.uniform(0.55, 0.85)
        wav = _streaks(rng, w, n, rng.uniform(30, 120), math.pi / 2)
        refl = refl * k + tint * (1 - k) + 40 * (wav[..., None] - 0.5)
        if sunset:  # glitter path of the sun
            path = np.exp(-((np.arange(w) - sun_x) / (w * 0.05)) ** 2)[None, :] * (wav > 0.7)
            refl += path[..., None] * 200
        arr[water:] = refl
    img = _img(arr)
    if rng.random() < 0.3:  # a slightly tilted horizon
        img = img.rotate(rng.normal(0, 1.5), Image.BICUBIC, expand=False).crop((w * 0.04, h * 0.04, w * 0.96, h * 0.96)).resize((w, h), Image.BICUBIC)
    cast = "golden" if sunset else str(rng.choice(["daylight", "daylight", "shade", "golden"]))
    return Rendered(_camera(rng, _arr(img), cast=cast, iso=rng.uniform(1, 5)), f"photo,landscape,{'sunset' if sunset else 'day'}")


# --------------------------------------------------------------------------------------- pets


def _pet_backdrop(rng: np.random.Generator, w: int, h: int, ty: int) -> tuple[np.ndarray, str]:
    """Where a pet gets photographed: a sofa / blanket, a lawn or a wooden floor, below ``ty``, backdrop above."""
    arr = _background_blur(rng, w, h)
    kind = str(rng.choice(["sofa", "grass", "floor"]))
    n = h - ty
    if kind == "sofa":
        col = np.array(_hsv(rng.random(), rng.uniform(0.1, 0.6), rng.uniform(0.3, 0.85)), np.float32)
        yy, xx = _grid(n, w)
        weave = np.sin(xx * rng.uniform(1.2, 2.5)) * np.sin(yy * rng.uniform(1.2, 2.5))
        folds = _smooth_noise(rng, w, n, octaves=3, base=int(rng.integers(2, 5)))
        arr[ty:] = col * (0.65 + 0.5 * folds + 0.06 * weave + 0.06 * _fine(rng, w, n))[..., None]
    elif kind == "grass":
        blades = _streaks(rng, w, n, rng.uniform(10, 30), rng.normal(0, 0.15))
        col = np.array(_hsv(rng.uniform(0.18, 0.32), rng.uniform(0.5, 0.85), rng.uniform(0.35, 0.6)), np.float32)
        arr[ty:] = col * (0.4 + 0.9 * blades + 0.15 * _fine(rng, w, n))[..., None]
    else:
        arr[ty:] = _tabletop_surface(rng, w, h, ty)
    sharp = arr.copy()
    blurred = _blur(arr, max(w, h) * rng.uniform(0.006, 0.02))
    t = np.clip((np.arange(h, dtype=np.float32) - ty) / max(n, 1), 0, 1)[:, None, None] ** 1.5 * rng.uniform(0.4, 0.9)
    return blurred * (1 - t) + sharp * t, kind


_COATS: tuple[Color, ...] = ((205, 120, 50), (30, 28, 28), (120, 118, 115), (235, 230, 220), (140, 90, 50), (220, 190, 140), (75, 55, 40))


def _soft_mask(a: np.ndarray, radius: float) -> np.ndarray:
    """Gaussian-blur a [0, 1] mask; large radii go through a downsample for speed."""
    img = Image.fromarray((a * 255).astype(np.uint8))
    k = max(1, int(radius / 4))
    if k > 1:
        small = img.resize((max(2, img.width // k), max(2, img.height // k)), Image.BILINEAR, reducing_gap=2.0)
        img = small.filter(ImageFilter.GaussianBlur(radius / k)).resize(img.size, Image.BICUBIC)
    else:
        img = img.filter(ImageFilter.GaussianBlur(radius))
    return np.asarray(img, np.float32) / 255


def _eye(arr: np.ndarray, x: float, y: float, r: float, iris: Color, slit: float, light: np.ndarray) -> None:
    """A glossy animal eye: dark lid rim, shaded iris, round or slit pupil and a catch-light."""
    _disc(arr, x, y, r * 1.15, r * 1.05, (15, 12, 10))
    _ellipsoid(arr, x, y, r, r * 0.92, iris, light, spec=0.0, amb=0.55)
    _disc(arr, x, y, r * slit, r * 0.85, (8, 8, 8))
    _disc(arr, x - light[0] * r * 0.4, y + light[1] * r * 0.4, r * 0.2, r * 0.2, (250, 250, 250), 0.95)  # catch-light


@renderer(LABEL, "pillow-photo")
def pet_photo_pillow(rng: np.random.Generator) -> Rendered:
    """A phone photo of a cat or dog (shaded body, fur strokes, glossy eyes) on a sofa, lawn or floor, background blurred."""
    w, h = _frame(rng)
    ty = int(h * rng.uniform(0.3, 0.6))
    arr, place = _pet_backdrop(rng, w, h, ty)
    light = _light(rng)
    cat = rng.random() < 0.5
    s = min(w, h) * rng.uniform(0.45, 0.75)
    cx, gy = w * rng.uniform(0.35, 0.65), h * rng.uniform(0.8, 0.97)
    lying = rng.random() < 0.5
    # silhouette in a local patch
    pw, ph = int(s * 1.9), int(s * 1.45)
    px0, py0 = int(cx - pw / 2), int(gy - s * 1.3)
    lx, ly = cx - px0, gy - py0
    side = rng.choice([-1, 1])
    if lying:
        brx, bry = s * rng.uniform(0.45, 0.6), s * rng.uniform(0.2, 0.28)
        bcx, bcy = lx - side * s * 0.1, ly - bry
        hr = s * rng.uniform(0.17, 0.22)
        hx, hy = bcx + side * brx * 0.75, bcy - bry * 0.9
    else:
        brx, bry = s * rng.uniform(0.25, 0.33), s * rng.uniform(0.36, 0.44)
        bcx, bcy = lx, ly - bry
        hr = s * rng.uniform(0.18, 0.24)
        hx, hy = bcx + rng.normal(0, s * 0.03), bcy - bry * 0.95 - hr * 0.4
    body_m, head_m = Image.new("L", (pw, ph), 0), Image.new("L", (pw, ph), 0)
    bd, hd = ImageDraw.Draw(body_m), ImageDraw.Draw(head_m)
    bd.ellipse([bcx - brx, bcy - bry, bcx + brx, bcy + bry], fill=255)
    for k in (-1, 1):  # front paws
        px = (hx + k * hr * 0.45) if not lying else (hx + side * hr * 0.2 + k * hr * 0.35)
        bd.ellipse([px - hr * 0.28, ly - hr * (0.8 if lying else 0.35), px + hr * 0.28, ly], fill=255)
    tail = [(bcx - side * brx * 0.85, bcy + bry * 0.5)]
    for t in np.linspace(0.2, 1, 6):  # tail curling round the body
        tail.append((tail[0][0] - side * s * 0.25 * math.sin(t * 2.2), tail[0][1] + s * (0.15 * t - 0.25 * t * t) * (1 if lying else -0.8)))
    bd.line(tail, fill=255, width=int(s * (0.08 if cat else 0.07)), joint="curve")
    hd.ellipse([hx - hr, hy - hr * (0.9 if cat else 1.0), hx + hr, hy + hr * (0.85 if cat else 1.0)], fill=255)
    marks_m = Image.new("L", (pw, ph), 0)  # a dog's darker floppy ears and lighter muzzle
    md = ImageDraw.Draw(marks_m)
    if cat or rng.random() < 0.4:  # pointed ears
        for k in (-1, 1):
            hd.polygon([(hx + k * hr * 0.92, hy - hr * 0.2), (hx + k * hr * 0.75, hy - hr * 1.35), (hx + k * hr * 0.15, hy - hr * 0.82)], fill=255)
    else:
        for k in (-1, 1):
            ear = [hx + k * hr * 0.75 - hr * 0.3, hy - hr * 0.7, hx + k * hr * 0.75 + hr * 0.3, hy + hr * rng.uniform(0.4, 0.9)]
            hd.ellipse(ear, fill=255)
            md.ellipse(ear, fill=100)
    if not cat:
        muzzle = [hx - hr * 0.5, hy + hr * 0.05, hx + hr * 0.5, hy + hr * 0.75]
        hd.ellipse(muzzle, fill=255)
        md.ellipse(muzzle, fill=200)
    body_a, head_a = np.asarray(body_m, np.float32) / 255, np.asarray(head_m, np.float32) / 255
    sil = np.maximum(body_a, head_a)
    height = np.maximum(_soft_mask(body_a, s * 0.07), _soft_mask(head_a, s * 0.04) * 1.15)
    gy_, gx_ = np.gradient(height * s * 0.12)
    norm = np.sqrt(gx_ * gx_ + gy_ * gy_ + 1)
    lam = np.clip((-gx_ * light[0] - gy_ * light[1] + light[2]) / norm, 0, 1)
    # coat: base colour, tabby stripes or white patches, fur strokes
    yy, xx = _grid(ph, pw)
    base = np.array(_COATS[int(rng.integers(len(_COATS)))], np.float32) * rng.uniform(0.85, 1.1)
    flow = rng.uniform(-0.4, 0.4) + (math.pi / 2 if lying else 0)
    fur = 0.6 * _streaks(rng, pw, ph, s * rng.uniform(0.015, 0.035), flow) + 0.4 * _streaks(rng, pw, ph, s * 0.012, flow + rng.normal(0, 0.3))
    fine = _fine(rng, pw, ph, rng.uniform(1, 1.8))
    col = np.broadcast_to(base, (ph, pw, 3)).copy()
    marks = _soft_mask(np.asarray(marks_m, np.float32) / 255, max(1.0, s * 0.01))
    col *= (1 - 0.45 * np.clip(1 - np.abs(marks - 0.4) / 0.2, 0, 1))[..., None]  # ears darker
    light_muzzle = np.clip((marks - 0.6) / 0.2, 0, 1)[..., None] * rng.uniform(0.3, 0.8)
    col = col * (1 - light_muzzle) + np.array([225, 205, 175], np.float32) * light_muzzle
    pattern = rng.random()
    if pattern < 0.35:  # tabby
        a = rng.uniform(0, math.pi)
        wob = _smooth_noise(rng, pw, ph, octaves=3, base=6)
        stripes = np.sin((xx * math.cos(a) + yy * math.sin(a)) / (s * rng.uniform(0.025, 0.05)) + wob * 6)
        col *= (1 - 0.45 * np.clip(stripes * 2, 0, 1))[..., None]
    elif pattern < 0.65:  # bicolour with white patches
        patch = np.clip((_smooth_noise(rng, pw, ph, octaves=3, base=3) - rng.uniform(0.45, 0.65)) * 8, 0, 1)[..., None]
        col = col * (1 - patch) + np.array([240, 236, 228], np.float32) * patch
    rgb = col * (0.3 + 0.8 * lam)[..., None] * (0.65 + 0.55 * fur + 0.12 * fine)[..., None]
    rgb += 60 * np.clip(lam - 0.85, 0, 1)[..., None] * fur[..., None] * 4  # sheen on the lit side
    alpha = np.clip((_soft_mask(sil, max(1.0, s * 0.008)) - 0.5) * 4 + (fur - 0.5) * 1.6 + fine * 0.3, 0, 1) * (sil > 0.02)
    alpha = np.maximum(alpha, (_soft_mask(sil, 1) > 0.98).astype(np.float32))
    _shadow(arr, cx, gy, brx * 1.2, s * 0.06, rng.uniform(0.4, 0.7))
    _over(arr, px0, py0, rgb, alpha)
    # the face, in image coordinates
    fx, fy = hx + px0, hy + py0
    er = hr * (0.2 if cat else 0.15)
    iris = _hsv(rng.uniform(0.1, 0.3), rng.uniform(0.6, 1), rng.uniform(0.6, 0.95)) if cat else _hsv(rng.uniform(0.05, 0.09), 0.8, rng.uniform(0.3, 0.55))
    slit = rng.uniform(0.15, 0.7) if cat else 0.6
    for k in (-1, 1):
        _eye(arr, fx + k * hr * 0.4, fy - hr * 0.12, er, iris, slit, light)
    if cat:
        _disc(arr, fx, fy + hr * 0.3, hr * 0.12, hr * 0.08, (200, 120, 120))
        img = _img(arr)
        dr = ImageDraw.Draw(img)
        for k in (-1, 1):  # whiskers
            for j in range(3):
                dr.line([(fx + k * hr * 0.2, fy + hr * 0.4), (fx + k * hr * rng.uniform(1.0, 1.4), fy + hr * (0.25 + 0.15 * j))], fill=(235, 232, 225), width=max(1, int(hr * 0.015)))
        arr = _arr(img)
    else:
        _ellipsoid(arr, fx, fy + hr * 0.22, hr * 0.2, hr * 0.14, (25, 20, 20), light, spec=0.8, shin=30, amb=0.4)
        _disc(arr, fx, fy + hr * 0.6, hr * 0.18, hr * 0.04, (60, 30, 30), 0.8)
    if rng.random() < 0.3:  # the subject moved a little
        arr = _motion_blur(arr, rng.uniform(2, 6), rng.uniform(0, math.pi))
    return Rendered(_camera(rng, arr, iso=rng.uniform(3, 14)), f"photo,{'cat' if cat else 'dog'},{place}")


# --------------------------------------------------------------------------------------- macro


def _focus_falloff(rng: np.random.Generator, arr: np.ndarray) -> np.ndarray:
    """Shallow depth of field: sharp along a band, increasingly blurred away from it (a tilted focal plane)."""
    h, w = arr.shape[:2]
    yy, xx = _grid(h, w)
    a = rng.uniform(0, math.pi)
    u = ((xx - w / 2) * math.cos(a) + (yy - h / 2) * math.sin(a)) / max(w, h)
    dist = np.abs(u - rng.uniform(-0.2, 0.2)) / rng.uniform(0.08, 0.3)
    soft, far = _blur(arr, max(w, h) * 0.004), _blur(arr, max(w, h) * rng.uniform(0.012, 0.03))
    t1, t2 = np.clip(dist, 0, 1)[..., None], np.clip(dist - 1, 0, 1)[..., None]
    return arr * (1 - t1) + soft * t1 * (1 - t2) + far * t2


def _macro_leaf(rng: np.random.Generator, w: int, h: int, light: np.ndarray) -> np.ndarray:
    """A leaf filling the frame: midrib, curved side veins, a fine vein net, water drops."""
    arr = _background_blur(rng, w, h) * np.array([0.7, 1.0, 0.6], np.float32)
    yy, xx = _grid(h, w)
    a, L = rng.uniform(0, 2 * math.pi), max(w, h) * rng.uniform(0.9, 1.6)
    ox, oy = w / 2 - math.cos(a) * L / 2 + rng.normal(0, w * 0.1), h / 2 - math.sin(a) * L / 2 + rng.normal(0, h * 0.1)
    u = ((xx - ox) * math.cos(a) + (yy - oy) * math.sin(a)) / L  # along the midrib, 0..1
    v = (-(xx - ox) * math.sin(a) + (yy - oy) * math.cos(a)) / L  # across
    half = rng.uniform(0.2, 0.35) * np.clip(np.sin(math.pi * np.clip(u, 0, 1)), 0, 1) ** 0.7
    inside = np.clip((half - np.abs(v)) * L * 0.5, 0, 1)[..., None]
    green = np.array(_hsv(rng.uniform(0.18, 0.33) if rng.random() < 0.85 else rng.uniform(0.0, 0.1), rng.uniform(0.5, 0.9), rng.uniform(0.2, 0.45)), np.float32)
    spacing = rng.uniform(0.05, 0.1)
    side = np.abs(((u - np.abs(v) * rng.uniform(0.8, 1.6)) / spacing) % 1 - 0.5) * spacing * L
    net = _smooth_noise(rng, w, h, octaves=2, base=int(rng.integers(25, 60)))
    cells = 1 - np.abs(2 * net - 1)
    veins = np.maximum(np.exp(-(np.abs(v) * L / (L * 0.006 * (1.3 - u))) ** 2), 0.7 * np.exp(-(side / (L * 0.0025)) ** 2))
    veins = np.maximum(veins, 0.35 * (cells > 0.93))
    bumps = 0.85 + 0.25 * cells + 0.08 * _fine(rng, w, h)
    leaf = green * bumps[..., None] * (1 + 0.4 * veins[..., None]) * (0.8 + 0.35 * np.clip(0.5 - v * 2 * light[0], 0, 1))[..., None]
    arr = arr * (1 - inside) + leaf * inside
    for _ in range(int(rng.integers(0, 12))):  # water drops on the surface
        r = max(w, h) * rng.uniform(0.008, 0.04)
        x, y = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
        _shadow(arr, x + light[0] * -r * 0.4, y - light[1] * r * 0.4 + r * 0.3, r * 1.1, r * 1.0, 0.4)
        _ellipsoid(arr, x, y, r, r * rng.uniform(0.8, 1.0), tuple(int(c * 1.2) for c in green), light, spec=1.0, shin=80, amb=0.6)
    return arr


def _macro_pebbles(rng: np.random.Generator, w: int, h: int, light: np.ndarray) -> np.ndarray:
    """Sand or gravel: thousands of shaded grains with highlights and cast shadows."""
    img = Image.new("RGB", (w, h), _hsv(rng.uniform(0.05, 0.12), rng.uniform(0.2, 0.5), rng.uniform(0.25, 0.5)))
    d = ImageDraw.Draw(img)
    r = max(rng.uniform(3, 30), math.sqrt(w * h / 6000))
    n = int(w * h / (r * r * 1.6))
    hue, sat = rng.uniform(0.03, 0.14), rng.uniform(0.05, 0.45)
    xs, ys = rng.uniform(-r, w + r, n), rng.uniform(-r, h + r, n)
    rs = r * rng.uniform(0.5, 1.3, n)
    asp = rng.uniform(0.6, 1.0, n)
    vals = rng.uniform(0.35, 0.95, n)
    hues = hue + rng.normal(0, 0.03, n)
    for x, y, rr, k, val, hh in zip(xs, ys, rs, asp, vals, hues):
        sx, sy = -light[0] * rr * 0.3, -light[1] * rr * 0.3
        d.ellipse([x - rr + sx, y - rr * k + sy, x + rr + sx, y + rr * k + sy], fill=(20, 16, 12))
        d.ellipse([x - rr, y - rr * k, x + rr, y + rr * k], fill=_hsv(hh, sat, val * 0.85))
        hx, hy = x + light[0] * rr * 0.35, y + light[1] * rr * 0.35 * k
        d.ellipse([hx - rr * 0.45, hy - rr * 0.4 * k, hx + rr * 0.45, hy + rr * 0.4 * k], fill=_hsv(hh, sat * 0.7, min(1, val * 1.05)))
    arr = _blur(_arr(img), r * 0.12)
    return arr * (0.85 + 0.3 * (_fine(rng, w, h, max(1, r * 0.15)) + 1) / 2)[..., None]


def _macro_fabric(rng: np.random.Generator, w: int, h: int, light: np.ndarray) -> np.ndarray:
    """Woven cloth seen very close: over-under threads with rounded profiles and fuzzy fibres, tilted away."""
    yy, xx = _grid(h, w)
    p = rng.uniform(8, 30)
    a = rng.uniform(0, math.pi)
    wob = _smooth_noise(rng, w, h, octaves=2, base=int(rng.integers(3, 8))) * rng.uniform(0.5, 3)  # threads wander
    u, v = (xx * math.cos(a) + yy * math.sin(a)) / p + wob, (-xx * math.sin(a) + yy * math.cos(a)) / p - wob
    iu, iv = np.floor(u), np.floor(v)
    fu, fv = u - iu, v - iv
    twill = int(rng.integers(1, 3))
    warp_up = ((iu + iv * twill) % 2) < 1
    prof_u, prof_v = np.sin(math.pi * fu) ** 0.6, np.sin(math.pi * fv) ** 0.6
    shade = np.where(warp_up, prof_u * (0.75 + 0.25 * np.sin(math.pi * fv)), prof_v * (0.75 + 0.25 * np.sin(math.pi * fu)))
    c1 = np.array(_hsv(rng.random(), rng.uniform(0.1, 0.8), rng.uniform(0.3, 0.9)), np.float32)
    c2 = c1 * rng.uniform(0.6, 1.0) if rng.random() < 0.6 else np.array(_hsv(rng.random(), rng.uniform(0.1, 0.8), rng.uniform(0.3, 0.9)), np.float32)
    col = np.where(warp_up[..., None], c1, c2)
    fibres = _streaks(rng, w, h, p * 0.8, a + math.pi / 2) * 0.5 + _streaks(rng, w, h, p * 0.8, a) * 0.5
    slub = _smooth_noise(rng, w, h, octaves=2, base=int(rng.integers(8, 20)))  # uneven yarn and dye
    arr = col * (0.25 + 0.8 * shade * (0.8 + 0.4 * slub) + 0.5 * (fibres - 0.5) + 0.1 * _fine(rng, w, h))[..., None]
    img = _img(arr)
    k = rng.uniform(0.1, 0.3)
    return _arr(_quad_warp(img, [(-w * k, 0), (0, h), (w, h), (w * (1 + k), 0)], w, h))


def _macro_food(rng: np.random.Generator, w: int, h: int, light: np.ndarray) -> np.ndarray:
    """A close-up pile of berries, beans, peas or sweets on a plate: glossy round things touching each other."""
    arr = _background_blur(rng, w, h)
    hue = rng.choice([0.0, 0.02, 0.08, 0.13, 0.3, 0.75, rng.random()])
    r = min(w, h) * rng.uniform(0.05, 0.12)
    n = int(w * h / (r * r * 1.2))
    pts = np.stack([rng.uniform(-r, w + r, n), rng.uniform(-r, h + r, n)], 1)
    for x, y in pts[np.argsort(pts[:, 1])]:  # back to front
        rr = r * rng.uniform(0.75, 1.2)
        _shadow(arr, x - light[0] * rr * 0.4, y + rr * 0.5, rr * 1.05, rr * 0.6, 0.5)
        col = _hsv(hue + rng.normal(0, 0.03), rng.uniform(0.5, 1.0), rng.uniform(0.3, 0.95))
        _ellipsoid(arr, x, y, rr * rng.uniform(0.85, 1.15), rr * rng.uniform(0.8, 1.0), col, light, spec=rng.uniform(0.3, 0.9), shin=rng.uniform(20, 80))
    return arr * (0.95 + 0.1 * _smooth_noise(rng, w, h, octaves=2, base=int(rng.integers(20, 50))))[..., None]


_MACROS = {"leaf": _macro_leaf, "gravel": _macro_pebbles, "fabric": _macro_fabric, "food": _macro_food}


@renderer(LABEL, "pillow-photo")
def macro_photo_pillow(rng: np.random.Generator) -> Rendered:
    """A macro close-up with shallow focus: leaf veins and water drops, sand / gravel, woven fabric or a pile of food."""
    w, h = _frame(rng)
    w, h = int(w * 0.8), int(h * 0.8)
    kind = str(rng.choice(list(_MACROS)))
    arr = _focus_falloff(rng, _MACROS[kind](rng, w, h, _light(rng)))
    return Rendered(_camera(rng, arr), f"photo,macro,{kind}")


# --------------------------------------------------------------------------------------- indoor room


def _box(d: ImageDraw.ImageDraw, P: Callable[[float, float, float], tuple[float, float]], x0: float, x1: float, y0: float, y1: float, z0: float, z1: float, col: np.ndarray, eye: float) -> None:
    """A shaded box (furniture) in room coordinates: the faces a camera at x = 0, height ``eye`` can see."""
    c = lambda k: tuple(int(min(255, v * k)) for v in col)
    if x0 > 0:
        d.polygon([P(x0, y0, z0), P(x0, y1, z0), P(x0, y1, z1), P(x0, y0, z1)], fill=c(0.7))
    if x1 < 0:
        d.polygon([P(x1, y0, z0), P(x1, y1, z0), P(x1, y1, z1), P(x1, y0, z1)], fill=c(0.75))
    if y1 < eye:
        d.polygon([P(x0, y1, z0), P(x1, y1, z0), P(x1, y1, z1), P(x0, y1, z1)], fill=c(1.1))
    d.polygon([P(x0, y0, z0), P(x0, y1, z0), P(x1, y1, z0), P(x1, y0, z0)], fill=c(0.9))


@renderer(LABEL, "pillow-photo")
def room_photo_pillow(rng: np.random.Generator) -> Rendered:
    """An indoor phone photo of a room in perspective: walls, floor, ceiling, window light, furniture and a glowing screen."""
    out = _frame(rng)
    k = min(1.0, 1000 / max(out))  # the smooth room is ray-cast at most 1000 px wide, then upscaled
    w, h = int(out[0] * k), int(out[1] * k)
    f = max(w, h) * rng.uniform(0.45, 0.75)
    vx, vy = w * rng.uniform(0.35, 0.65), h * rng.uniform(0.4, 0.6)
    eye, H, D = rng.uniform(1.1, 1.6), rng.uniform(2.4, 3.0), rng.uniform(3.5, 7)
    width, off = rng.uniform(3.6, 6), rng.uniform(-1, 1)
    xl, xr = -width / 2 + off, width / 2 + off

    def P(x: float, y: float, z: float) -> tuple[float, float]:
        return vx + f * x / z, vy + f * (eye - y) / z

    # cast a ray through every pixel and find the wall, floor or ceiling it hits
    yy, xx = _grid(h, w)
    dx, dy = (xx - vx) / f, (vy - yy) / f
    big = np.float32(1e6)
    with np.errstate(divide="ignore", invalid="ignore"):
        cands = np.stack([
            np.where(dy < 0, eye / -dy, big), np.where(dy > 0, (H - eye) / dy, big),
            np.where(dx < 0, xl / dx, big), np.where(dx > 0, xr / dx, big), np.full_like(dx, D),
        ])
    surf = np.argmin(cands, 0)
    z = np.take_along_axis(cands, surf[None], 0)[0]
    X, Y = dx * z, eye + dy * z
    normals = np.array([[0, 1, 0], [0, -1, 0], [1, 0, 0], [-1, 0, 0], [0, 0, -1]], np.float32)[surf]
    night = rng.random() < 0.4
    lamp = np.array([rng.uniform(xl + 0.5, xr - 0.5), H - 0.2, rng.uniform(1.5, D - 0.5)], np.float32)
    to = np.stack([lamp[0] - X, lamp[1] - Y, lamp[2] - z], -1)
    dist = np.linalg.norm(to, axis=-1) + 1e-3
    lam = np.clip((to * normals).sum(-1) / dist, 0, 1) / (1 + 0.08 * dist * dist)
    # corners and edges get less light (ambient occlusion)
    gaps = np.stack([Y, H - Y, X - xl, xr - X, D - z])
    ao = 1 - 0.35 * np.exp(-np.partition(gaps, 1, axis=0)[1] / 0.35)
    paint = np.array(_hsv(rng.uniform(0.05, 0.15) if rng.random() < 0.6 else rng.random(), rng.uniform(0, 0.35), rng.uniform(0.6, 0.95)), np.float32)
    accent = np.array(_hsv(rng.random(), rng.uniform(0.1, 0.6), rng.uniform(0.4, 0.9)), np.float32) if rng.random() < 0.4 else paint
    cols = np.stack([paint, paint * 0.98, paint, paint, accent])
    albedo = cols[surf] * (0.95 + 0.08 * _smooth_noise(rng, w, h, octaves=3, base=8))[..., None]
    floor = surf == 0
    kind = str(rng.choice(["wood", "wood", "tiles", "carpet"]))
    fx, fz = X[floor], z[floor]
    if kind == "wood":
        pw = rng.uniform(0.12, 0.25)
        idx = np.floor(fx / pw)
        tone = 0.8 + 0.25 * np.sin(idx * 12.9898) ** 2
        grain = 0.9 + 0.1 * np.sin(fz * rng.uniform(15, 40) + np.sin(idx * 7.1) * 20 + fx * 3)
        gap = np.abs((fx / pw) % 1 - 0.5) < 0.48
        wood = np.array(_hsv(rng.uniform(0.05, 0.1), rng.uniform(0.4, 0.7), rng.uniform(0.35, 0.75)), np.float32)
        albedo[floor] = wood * (tone * grain * (0.55 + 0.45 * gap))[:, None]
    elif kind == "tiles":
        ts = rng.uniform(0.3, 0.6)
        grout = (np.abs((fx / ts) % 1 - 0.5) < 0.47) & (np.abs((fz / ts) % 1 - 0.5) < 0.47)
        tile = np.array(_hsv(rng.random(), rng.uniform(0, 0.2), rng.uniform(0.5, 0.9)), np.float32)
        albedo[floor] = tile * (0.6 + 0.4 * grout)[:, None]
    else:
        albedo[floor] = np.array(_hsv(rng.random(), rng.uniform(0.1, 0.6), rng.uniform(0.25, 0.7)), np.float32) * (0.9 + 0.12 * _fine(rng, w, h)[floor])[:, None]
    light = (0.25 + (1.4 if night else 0.7) * lam)[..., None] * ao[..., None]
    arr = albedo * light
    # a window in a side or the back wall, with sunlight falling through it onto the floor
    wall = int(rng.choice([2, 3, 4]))
    wy0, wy1 = rng.uniform(0.8, 1.1), rng.uniform(1.9, min(2.4, H - 0.2))
    if wall == 4:
        a0 = rng.uniform(xl + 0.2, xr - 1.4)
        wa0, wa1, along = a0, a0 + rng.uniform(0.8, min(2.5, xr - 0.2 - a0)), X
    else:
        a0 = rng.uniform(1.0, max(1.2, D - 2.0))
        wa0, wa1, along = a0, min(D - 0.2, a0 + rng.uniform(0.8, 2.5)), z
    win = (surf == wall) & (Y > wy0) & (Y < wy1) & (along > wa0) & (along < wa1)
    outside = np.array(_hsv(rng.uniform(0.55, 0.62), rng.uniform(0.1, 0.5), rng.uniform(0.08, 0.2) if night else rng.uniform(0.85, 1.0)), np.float32)
    bars = (np.abs(((along - wa0) / (wa1 - wa0) * int(rng.integers(1, 4))) % 1 - 0.5) > 0.47) | (np.abs(Y - (wy0 + wy1) / 2) < 0.025)
    arr[win] = np.where(bars[win][:, None], np.array([235, 235, 230], np.float32) * 0.8, outside * (1.0 + 0.25 * (Y[win, None] - wy0)))
    if not night:
        sun = np.array([rng.uniform(-1, 1) if wall == 4 else (-1 if wall == 2 else 1) * rng.uniform(0.5, 1.5), rng.uniform(0.4, 1.0), rng.uniform(0.3, 1.5) if wall == 4 else rng.uniform(-0.5, 0.5)], np.float32)
        target = (xl, xr, D)[wall - 2]
        src = (X, X, z)[wall - 2]
        step = (sun[0], sun[0], sun[2])[wall - 2]
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (target - src) / step
        hy, ha = Y + t * sun[1], (z if wall != 4 else X) + t * (sun[2] if wall != 4 else sun[0])
        spill = ((surf == 0) | (surf == 2) | (surf == 3)) & (surf != wall) & (t > 0) & (hy > wy0) & (hy < wy1) & (ha > wa0) & (ha < wa1)
        patch = _blur(np.repeat(spill.astype(np.float32)[..., None] * 255, 3, -1), max(w, h) * 0.004) / 255
        arr += albedo * patch * rng.uniform(0.6, 1.2) * np.array([1.0, 0.95, 0.85], np.float32)
        arr += _blur(np.where(win[..., None], arr, 0), max(w, h) * 0.02) * 0.6  # bloom around the bright window
    # furniture, far to near, and a screen on the back wall or a desk
    img = _img(arr)
    d = ImageDraw.Draw(img)
    glow = Image.new("RGB", (w, h), (0, 0, 0))
    furn = np.array(_hsv(rng.random(), rng.uniform(0.1, 0.6), rng.uniform(0.25, 0.8)), np.float32)
    tv_x = rng.uniform(xl + 0.6, xr - 1.6)
    _box(d, P, tv_x - 0.2, tv_x + 1.4, 0, 0.5, D - 0.45, D, furn * 0.7, eye)
    tw, th = rng.uniform(0.9, 1.4), rng.uniform(0.55, 0.8)
    scr = [P(tv_x + 0.6 - tw / 2, 0.7 + th, D - 0.02), P(tv_x + 0.6 + tw / 2, 0.6, D - 0.02)]
    d.rectangle(scr, fill=(12, 12, 14))
    (sx0, sy0), (sx1, sy1) = scr
    bw = max(1.0, (sx1 - sx0) * 0.03)
    if rng.random() < 0.8:  # it is on
        content = Image.fromarray(rng.integers(0, 256, (int(rng.integers(2, 6)), int(rng.integers(2, 8)), 3), dtype=np.uint8)).resize((max(1, int(sx1 - sx0 - 2 * bw)), max(1, int(sy1 - sy0 - 2 * bw))), Image.BICUBIC)
        img.paste(content, (int(sx0 + bw), int(sy0 + bw)))
        glow.paste(content.point(lambda v: v // 2), (int(sx0 + bw), int(sy0 + bw)))
    for _ in range(int(rng.integers(1, 4))):
        kind_f = rng.random()
        if kind_f < 0.4:  # sofa along a side wall
            sgn = rng.choice([-1, 1])
            x_wall = xl if sgn < 0 else xr
            za = rng.uniform(1.5, max(1.6, D - 2.5))
            col = np.array(_hsv(rng.random(), rng.uniform(0.1, 0.7), rng.uniform(0.25, 0.8)), np.float32)
            xa, xb = sorted((x_wall, x_wall - sgn * 0.9))
            _box(d, P, xa, xb, 0, 0.45, za, za + 2.0, col, eye)
            xa, xb = sorted((x_wall, x_wall - sgn * 0.25))
            _box(d, P, xa, xb, 0.45, 0.85, za, za + 2.0, col * 0.9, eye)
        elif kind_f < 0.7:  # a table with legs
            tx, tz = rng.uniform(xl + 0.6, xr - 1.6), rng.uniform(1.6, D - 1.0)
            col = np.array(_hsv(rng.uniform(0.05, 0.1), rng.uniform(0.3, 0.7), rng.uniform(0.2, 0.7)), np.float32)
            for lx_, lz_ in ((tx + 0.05, tz + 0.05), (tx + 0.95, tz + 0.05), (tx + 0.05, tz + 0.75), (tx + 0.95, tz + 0.75)):
                _box(d, P, lx_, lx_ + 0.05, 0, 0.72, lz_, lz_ + 0.05, col * 0.8, eye)
            _box(d, P, tx, tx + 1.0, 0.72, 0.76, tz, tz + 0.8, col, eye)
        else:  # a bookshelf against the back wall beside the TV, full of coloured spines
            if tv_x - xl > 1.5:
                bx = rng.uniform(xl + 0.1, tv_x - 1.3)
            elif xr - tv_x > 2.7:
                bx = rng.uniform(tv_x + 1.5, xr - 1.1)
            else:
                continue
            top = rng.uniform(1.2, 2.2)
            col = np.array(_hsv(rng.uniform(0.05, 0.1), rng.uniform(0.2, 0.6), rng.uniform(0.3, 0.85)), np.float32)
            _box(d, P, bx, bx + 1.0, 0, top, D - 0.35, D - 0.01, col, eye)
            for sy in np.arange(0.1, top - 0.3, 0.38):
                x = bx + 0.05
                while x < bx + 0.9:
                    bwid = rng.uniform(0.03, 0.08)
                    d.rectangle([P(x, sy + rng.uniform(0.2, 0.32), D - 0.36), P(x + bwid, sy, D - 0.36)], fill=_hsv(rng.random(), rng.uniform(0.3, 0.8), rng.uniform(0.2, 0.8)))
                    x += bwid + 0.005
    if night:  # the ceiling lamp itself
        lx_, ly_ = P(float(lamp[0]), float(lamp[1]), float(lamp[2]))
        r = f * 0.15 / float(lamp[2])
        d.ellipse([lx_ - r, ly_ - r * 0.4, lx_ + r, ly_ + r * 0.4], fill=(255, 245, 220))
        ImageDraw.Draw(glow).ellipse([lx_ - r * 1.5, ly_ - r, lx_ + r * 1.5, ly_ + r], fill=(255, 200, 130))
    arr = _texture_except(rng, _arr(img), None, 0.08)
    arr = _glow(arr, glow, max(w, h) * 0.02, rng.uniform(1.0, 2.5))
    cast = str(rng.choice(["tungsten", "tungsten", "fluorescent"])) if night else str(rng.choice(["daylight", "shade", "tungsten", "fluorescent"]))
    arr = _arr(_img(_blur(arr, rng.uniform(0, 1.2))).resize(out, Image.BICUBIC))
    return Rendered(_camera(rng, arr, cast=cast, iso=rng.uniform(4, 16)), f"photo,room,{kind}")
