"""Images that are *not* charts: what a Discord channel sees besides charts.

Everything is drawn with Pillow + numpy from the ``rng``: photo-like procedural scenes, textures,
screenshots of chat / code / terminals / documents, tables and spreadsheets, UI mock-ups,
flow diagrams and org charts without data, memes, emoji-like drawings and logos.
Fonts come from the system when present; Pillow's built-in font is always the fallback.
"""

from __future__ import annotations

import glob
import math
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from training.corpus import text
from training.corpus.registry import Rendered, renderer

LABEL = "not_a_chart"

# --------------------------------------------------------------------------------------- fonts

_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
_LATIN = ("DejaVu", "Liberation", "NotoSans-", "NotoSerif-", "NotoSansDisplay", "NotoSerifDisplay", "FreeSans", "FreeSerif", "Ubuntu", "Roboto", "OpenSans", "Lato")


@lru_cache(maxsize=1)
def _font_files() -> dict[str, list[str]]:
    files: list[str] = []
    for d in _FONT_DIRS:
        files += glob.glob(f"{d}/**/*.ttf", recursive=True) + glob.glob(f"{d}/**/*.otf", recursive=True)
    files = sorted(f for f in files if any(k in f.rsplit("/", 1)[-1] for k in _LATIN))
    mono = [f for f in files if "Mono" in f]
    bold = [f for f in files if "Bold" in f and "Mono" not in f]
    regular = [f for f in files if "Mono" not in f and "Bold" not in f and "Math" not in f and "ExtraLight" not in f]
    return {"any": regular, "mono": mono, "bold": bold}


@lru_cache(maxsize=256)
def _load(path: str | None, size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    size = max(6, int(size))
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    try:
        return ImageFont.load_default(size=size)
    except Exception:  # very old Pillow or no FreeType
        return ImageFont.load_default()


def _font(rng: np.random.Generator, size: float, kind: str = "any"):
    pool = _font_files().get(kind) or _font_files().get("any") or []
    if not pool or rng.random() < 0.08:
        return _load(None, int(size))
    return _load(str(pool[int(rng.integers(len(pool)))]), int(size))


def _tw(draw: ImageDraw.ImageDraw, s: str, font) -> int:
    try:
        return int(draw.textlength(s, font=font))
    except Exception:
        return len(s) * 7


# --------------------------------------------------------------------------------------- helpers


def _size(rng: np.random.Generator, photo: bool = False) -> tuple[int, int]:
    if photo:
        aspect = float(rng.choice([4 / 3, 3 / 2, 16 / 9, 1.0, 3 / 4, 9 / 16, 2 / 3]))
    else:
        w, h, _ = text.figure_size(rng)
        aspect = w / h
    long_side = int(rng.integers(380, 1000))
    if aspect >= 1:
        return long_side, max(160, int(long_side / aspect))
    return max(160, int(long_side * aspect)), long_side


def _rgb(rng: np.random.Generator, lo: int = 0, hi: int = 256) -> tuple[int, int, int]:
    return tuple(int(v) for v in rng.integers(lo, hi, 3))  # type: ignore[return-value]


def _hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    import colorsys

    r, g, b = colorsys.hsv_to_rgb(h % 1.0, min(max(s, 0), 1), min(max(v, 0), 1))
    return int(r * 255), int(g * 255), int(b * 255)


def _smooth_noise(rng: np.random.Generator, w: int, h: int, octaves: int = 5, base: int = 3, persistence: float = 0.55) -> np.ndarray:
    """Fractal value noise in [0, 1], shape (h, w)."""
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    for o in range(octaves):
        cells = base * (2**o)
        small = rng.random((max(2, int(cells * h / max(w, h)) + 1), max(2, int(cells * w / max(w, h)) + 1))).astype(np.float32)
        im = Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
        out += amp * np.asarray(im, np.float32) / 255.0
        total += amp
        amp *= persistence
    out /= total
    out -= out.min()
    return out / max(out.max(), 1e-6)


def _palette_map(rng: np.random.Generator, field: np.ndarray, n: int | None = None) -> np.ndarray:
    """Map a [0,1] field to RGB through a random smooth colour ramp."""
    n = n or int(rng.integers(2, 5))
    h0 = rng.random()
    stops = np.array([_hsv(h0 + rng.normal(0, 0.15) * i, rng.uniform(0.1, 0.8), rng.uniform(0.15, 1.0)) for i in range(n)], np.float32)
    xs = np.linspace(0, 1, n)
    rgb = np.stack([np.interp(field, xs, stops[:, c]) for c in range(3)], -1)
    return rgb


def _photo_finish(rng: np.random.Generator, arr: np.ndarray) -> Image.Image:
    """Lighting, vignette, blur and sensor noise so the picture looks camera-made."""
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if rng.random() < 0.7:  # vignette
        cx, cy = w * rng.uniform(0.35, 0.65), h * rng.uniform(0.35, 0.65)
        r = np.sqrt(((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
        arr = arr * (1 - rng.uniform(0.1, 0.6) * np.clip(r, 0, 1)[..., None] ** 2)
    if rng.random() < 0.5:  # directional light
        ang = rng.uniform(0, 2 * np.pi)
        grad = (np.cos(ang) * xx / w + np.sin(ang) * yy / h)
        arr = arr * (1 + rng.uniform(0.05, 0.35) * (grad - grad.mean()))[..., None]
    if rng.random() < 0.6:  # colour grade
        arr = arr * rng.uniform(0.85, 1.15, 3)[None, None, :] + rng.normal(0, 8, 3)[None, None, :]
    if rng.random() < 0.7:  # fine surface detail: real photos are never perfectly smooth
        detail = _smooth_noise(rng, w, h, octaves=3, base=int(rng.integers(40, 120)), persistence=0.7)
        arr = arr * (1 + rng.uniform(0.05, 0.25) * (detail - 0.5))[..., None]
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 2.0)))
    a = np.asarray(img, np.float32)
    sigma = rng.uniform(1, 9) if rng.random() < 0.8 else 0
    if sigma:
        a = a + rng.normal(0, sigma, a.shape).astype(np.float32)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if rng.random() < 0.2:  # black-and-white photo (sample images and scans often are)
        img = img.convert("L").convert("RGB")
    return img


def _sentence(rng: np.random.Generator, lo: int = 3, hi: int = 14) -> str:
    ws = text.words(rng, int(rng.integers(lo, hi)), non_english=0.05)
    extra = ["the", "a", "is", "and", "to", "of", "in", "for", "lol", "ok", "I", "we", "this", "that", "you", "it", "with", "on"]
    ws = [w if rng.random() < 0.6 else str(rng.choice(extra)) for w in ws]
    s = " ".join(ws)
    s = s[0].upper() + s[1:]
    return s + str(rng.choice([".", ".", ".", "!", "?", "", " :)", "..."]))


# --------------------------------------------------------------------------------------- photos


def _sky(rng, w, h) -> np.ndarray:
    top = np.array(_hsv(rng.uniform(0.52, 0.68), rng.uniform(0.3, 0.9), rng.uniform(0.5, 1.0)), np.float32)
    if rng.random() < 0.3:  # sunset / dusk
        bottom = np.array(_hsv(rng.uniform(0.0, 0.12), rng.uniform(0.4, 0.9), rng.uniform(0.7, 1.0)), np.float32)
    else:
        bottom = np.array(_hsv(rng.uniform(0.5, 0.62), rng.uniform(0.05, 0.35), rng.uniform(0.8, 1.0)), np.float32)
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None] ** rng.uniform(0.6, 1.6)
    sky = top * (1 - t) + bottom * t
    sky = np.broadcast_to(sky, (h, w, 3)).copy()
    if rng.random() < 0.7:  # clouds
        cl = _smooth_noise(rng, w, h, octaves=5, base=int(rng.integers(2, 5)))
        thr = rng.uniform(0.45, 0.7)
        c = np.clip((cl - thr) / (1 - thr), 0, 1)[..., None] * rng.uniform(0.5, 1.0)
        sky = sky * (1 - c) + c * rng.uniform(200, 255)
    return sky


def _landscape(rng, w, h) -> np.ndarray:
    arr = _sky(rng, w, h)
    yy = np.arange(h, dtype=np.float32)[:, None]
    n_layers = int(rng.integers(1, 4))
    horizon = rng.uniform(0.35, 0.7) * h
    for i in range(n_layers):
        ridge_noise = _smooth_noise(rng, w, 1, octaves=5, base=int(rng.integers(2, 6)))[0]
        amp = rng.uniform(0.05, 0.3) * h / (i + 1)
        base = horizon + i * rng.uniform(0.05, 0.15) * h
        ridge = base - ridge_noise * amp
        mask = (yy > ridge[None, :]).astype(np.float32)
        hue = rng.choice([rng.uniform(0.22, 0.4), rng.uniform(0.05, 0.12), rng.uniform(0.55, 0.7)])
        col = np.array(_hsv(hue, rng.uniform(0.2, 0.7), rng.uniform(0.2, 0.7) * (0.6 + 0.4 * (i + 1) / n_layers)), np.float32)
        tex = _smooth_noise(rng, w, h, octaves=6, base=int(rng.integers(4, 12)))[..., None]
        layer = col * (0.7 + 0.6 * tex)
        arr = arr * (1 - mask[..., None]) + layer * mask[..., None]
    if rng.random() < 0.3:  # water reflection on the bottom
        wl = int(rng.uniform(0.7, 0.9) * h)
        refl = arr[max(0, 2 * wl - h) : wl][::-1]
        arr[wl : wl + refl.shape[0]] = refl[: h - wl] * np.array([0.7, 0.8, 0.95], np.float32)
    if rng.random() < 0.3:  # sun
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, horizon), rng.uniform(0.02, 0.08) * max(w, h)
        xx = np.arange(w, dtype=np.float32)[None, :]
        d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
        glow = np.clip(1 - d / (r * 4), 0, 1)[..., None] ** 2
        arr = arr + glow * np.array([255, 230, 180], np.float32) * 0.8
    return arr


def _bokeh(rng, w, h) -> np.ndarray:
    base = _palette_map(rng, _smooth_noise(rng, w, h, octaves=3, base=2)) * rng.uniform(0.3, 0.9)
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    over = Image.new("RGB", (w, h), (0, 0, 0))
    d = ImageDraw.Draw(over)
    hue = rng.random()
    for _ in range(int(rng.integers(15, 80))):
        r = rng.uniform(0.01, 0.08) * max(w, h)
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        d.ellipse([x - r, y - r, x + r, y + r], fill=_hsv(hue + rng.normal(0, 0.08), rng.uniform(0.2, 0.9), rng.uniform(0.3, 1)))
    over = over.filter(ImageFilter.GaussianBlur(rng.uniform(2, 12)))
    return np.asarray(img, np.float32) + np.asarray(over, np.float32) * rng.uniform(0.4, 0.9)


def _texture(rng, w, h) -> np.ndarray:
    kind = rng.integers(4)
    n = _smooth_noise(rng, w, h, octaves=int(rng.integers(3, 8)), base=int(rng.integers(2, 10)))
    if kind == 1:  # wood / marble
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        f = rng.uniform(0.01, 0.05)
        n = 0.5 + 0.5 * np.sin((xx * np.cos(rng.uniform(0, 3)) + yy) * f + n * rng.uniform(5, 20))
    elif kind == 2:  # ridged
        n = 1 - np.abs(n * 2 - 1)
    elif kind == 3:  # grainy surface (concrete, sand, fabric)
        n = 0.7 * n + 0.3 * rng.random((h, w)).astype(np.float32)
    return _palette_map(rng, n)


def _still_life(rng, w, h) -> np.ndarray:
    """Blurred background + a few shaded objects (fruit, ball, cup-ish) on a table."""
    bg = _palette_map(rng, _smooth_noise(rng, w, h, octaves=3, base=2), n=2)
    table_y = int(rng.uniform(0.5, 0.8) * h)
    tc = np.array(_rgb(rng, 40, 220), np.float32)
    bg[table_y:] = tc * (0.8 + 0.3 * _smooth_noise(rng, w, h - table_y, octaves=5, base=8)[..., None])
    img = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(1, 6)))
    arr = np.asarray(img, np.float32).copy()
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    for _ in range(int(rng.integers(1, 5))):
        r = rng.uniform(0.06, 0.2) * min(w, h)
        cx = rng.uniform(0.15, 0.85) * w
        cy = table_y - r * rng.uniform(0.6, 1.0)
        sx, sy = rng.uniform(0.8, 1.3), rng.uniform(0.8, 1.3)
        d = np.sqrt(((xx - cx) / sx) ** 2 + ((yy - cy) / sy) ** 2) / r
        mask = np.clip((1 - d) * r / 2, 0, 1)
        lx, ly = cx - r * 0.35, cy - r * 0.4
        shade = 1 - np.clip(np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / (2 * r), 0, 1)
        col = np.array(_hsv(rng.random(), rng.uniform(0.4, 1), rng.uniform(0.5, 1)), np.float32)
        obj = col * (0.35 + 0.8 * shade[..., None]) + 120 * (shade[..., None] ** 8)
        # shadow
        sd = np.sqrt(((xx - cx - r * 0.3) / (r * 1.2)) ** 2 + ((yy - table_y) / (r * 0.25)) ** 2)
        arr = arr * (1 - 0.4 * np.clip(1 - sd, 0, 1)[..., None])
        arr = arr * (1 - mask[..., None]) + obj * mask[..., None]
    return arr


def _night(rng, w, h) -> np.ndarray:
    arr = _palette_map(rng, _smooth_noise(rng, w, h, octaves=4, base=2), n=2) * rng.uniform(0.05, 0.3)
    n_stars = int(rng.integers(100, 1500))
    ys, xs = rng.integers(0, h, n_stars), rng.integers(0, w, n_stars)
    arr[ys, xs] = rng.uniform(120, 255, (n_stars, 1))
    if rng.random() < 0.5:  # city lights silhouette
        sil = int(rng.uniform(0.6, 0.85) * h)
        x = 0
        while x < w:
            bw, bh = int(rng.integers(15, 80)), int(rng.uniform(0.05, 0.35) * h)
            arr[sil - bh :, x : x + bw] = rng.uniform(5, 25)
            for _ in range(int(rng.integers(0, 20))):
                wx, wy = x + int(rng.integers(0, max(1, bw - 4))), sil - int(rng.integers(0, max(1, bh)))
                arr[wy : wy + 3, wx : wx + 3] = np.array([255, 220, 140]) * rng.uniform(0.4, 1)
            x += bw
    return arr


def _indoor(rng, w, h) -> np.ndarray:
    """Walls, floor, a window and furniture-like boxes, heavily smoothed: a phone snapshot of a room."""
    img = Image.new("RGB", (w, h), _rgb(rng, 120, 240))
    d = ImageDraw.Draw(img)
    floor = int(rng.uniform(0.55, 0.8) * h)
    d.rectangle([0, floor, w, h], fill=_rgb(rng, 60, 200))
    if rng.random() < 0.7:
        wx, wy = rng.uniform(0.05, 0.6) * w, rng.uniform(0.05, 0.25) * h
        ww, wh = rng.uniform(0.15, 0.35) * w, rng.uniform(0.2, 0.4) * h
        d.rectangle([wx, wy, wx + ww, wy + wh], fill=_hsv(rng.uniform(0.5, 0.65), 0.3, 0.98), outline=_rgb(rng, 180, 255), width=int(rng.integers(3, 10)))
        d.line([wx + ww / 2, wy, wx + ww / 2, wy + wh], fill=_rgb(rng, 180, 255), width=4)
    for _ in range(int(rng.integers(1, 5))):
        bw, bh = rng.uniform(0.1, 0.4) * w, rng.uniform(0.1, 0.4) * h
        bx = rng.uniform(0, w - bw)
        col = _rgb(rng, 20, 230)
        d.rectangle([bx, floor - bh * 0.7, bx + bw, floor + bh * 0.3], fill=col)
        d.rectangle([bx, floor - bh * 0.7, bx + bw, floor - bh * 0.6], fill=tuple(min(255, c + 30) for c in col))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(1.5, 5)))
    arr = np.asarray(img, np.float32)
    return arr * (0.85 + 0.3 * _smooth_noise(rng, w, h, octaves=3, base=2))[..., None]


def _portrait(rng, w, h) -> np.ndarray:
    """Blurred background with a head-and-shoulders silhouette in soft light (a selfie / profile photo)."""
    bg = _palette_map(rng, _smooth_noise(rng, w, h, octaves=3, base=2), n=3)
    img = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(4, 12)))
    arr = np.asarray(img, np.float32).copy()
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx = w * rng.uniform(0.35, 0.65)
    r = min(w, h) * rng.uniform(0.14, 0.24)
    cy = h * rng.uniform(0.3, 0.5)
    skin = np.array(_hsv(rng.uniform(0.03, 0.09), rng.uniform(0.25, 0.6), rng.uniform(0.35, 0.95)), np.float32)
    cloth = np.array(_rgb(rng, 10, 230), np.float32)
    hair = np.array(_hsv(rng.uniform(0.02, 0.1), rng.uniform(0.2, 0.7), rng.uniform(0.05, 0.6)), np.float32)
    # shoulders / torso
    d_body = ((xx - cx) / (r * rng.uniform(1.9, 2.6))) ** 2 + ((yy - (cy + r * 3.2)) / (r * 2.3)) ** 2
    body = np.clip((1 - d_body) * 8, 0, 1)
    # neck
    neck = np.clip((1 - (np.abs(xx - cx) / (r * 0.38)) ** 4) * 4, 0, 1) * ((yy > cy) & (yy < cy + r * 1.6))
    # head (ellipse) and hair cap
    d_head = ((xx - cx) / r) ** 2 + ((yy - cy) / (r * 1.28)) ** 2
    head = np.clip((1 - d_head) * 10, 0, 1)
    d_hair = ((xx - cx) / (r * 1.08)) ** 2 + ((yy - cy + r * 0.25) / (r * 1.3)) ** 2
    hair_m = np.clip((1 - d_hair) * 10, 0, 1) * (yy < cy - r * rng.uniform(0.2, 0.6)) if rng.random() < 0.85 else np.zeros_like(head)
    light = 0.75 + 0.35 * np.clip(1 - np.hypot(xx - (cx - r * 0.5), yy - (cy - r * 0.5)) / (r * 3), 0, 1)
    for m, col in ((body, cloth), (neck, skin * 0.85), (head, skin), (hair_m, hair)):
        layer = col[None, None, :] * light[..., None]
        arr = arr * (1 - m[..., None]) + layer * m[..., None]
    return arr


def _building(rng, w, h) -> np.ndarray:
    """A facade with a grid of windows under a sky, slightly rotated (a street snapshot)."""
    arr = _sky(rng, w, h)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    x = -int(rng.integers(0, 60))
    while x < w:
        bw = int(rng.uniform(0.2, 0.6) * w)
        top = int(rng.uniform(0.05, 0.45) * h)
        wall = _rgb(rng, 60, 230)
        d.rectangle([x, top, x + bw, h], fill=wall)
        ww, wh = int(rng.integers(8, 30)), int(rng.integers(10, 40))
        gx, gy = ww + int(rng.integers(6, 25)), wh + int(rng.integers(8, 30))
        glass = _hsv(rng.uniform(0.5, 0.65), rng.uniform(0.1, 0.5), rng.uniform(0.2, 0.8))
        for yy in range(top + 10, h - wh, gy):
            for xx in range(x + 8, x + bw - ww, gx):
                lit = rng.random() < 0.15
                d.rectangle([xx, yy, xx + ww, yy + wh], fill=(250, 220, 150) if lit else glass)
        x += bw + int(rng.integers(0, 20))
    d.rectangle([0, int(h * rng.uniform(0.85, 0.95)), w, h], fill=_rgb(rng, 40, 110))
    img = img.rotate(float(rng.normal(0, 2.5)), resample=Image.BICUBIC, expand=False, fillcolor=_rgb(rng, 60, 120))
    arr = np.asarray(img, np.float32)
    return arr * (0.85 + 0.3 * _smooth_noise(rng, w, h, octaves=4, base=3))[..., None]


def _forest(rng, w, h) -> np.ndarray:
    canopy = _palette_map(rng, _smooth_noise(rng, w, h, octaves=6, base=int(rng.integers(4, 10))), n=3)
    green = np.array(_hsv(rng.uniform(0.2, 0.38), rng.uniform(0.4, 0.8), rng.uniform(0.3, 0.7)), np.float32)
    arr = 0.35 * canopy + 0.65 * green * (0.5 + _smooth_noise(rng, w, h, octaves=6, base=8)[..., None])
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(4, 20))):
        x = rng.uniform(0, w)
        tw = rng.uniform(0.01, 0.06) * w
        col = _hsv(rng.uniform(0.05, 0.1), rng.uniform(0.3, 0.6), rng.uniform(0.1, 0.4))
        d.polygon([(x - tw, h), (x + tw, h), (x + tw * 0.6, 0), (x - tw * 0.6, 0)], fill=col)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 3)))
    return np.asarray(img, np.float32)


def _plate(rng, w, h) -> np.ndarray:
    """Top-down food / object on a table: textured surface, a plate and blobs on it."""
    arr = _texture(rng, w, h) * rng.uniform(0.6, 1.0)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    cx, cy, r = w * rng.uniform(0.35, 0.65), h * rng.uniform(0.35, 0.65), min(w, h) * rng.uniform(0.25, 0.42)
    d.ellipse([cx - r + 8, cy - r + 12, cx + r + 8, cy + r + 12], fill=(40, 40, 40))
    plate = _rgb(rng, 200, 256)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=plate)
    d.ellipse([cx - r * 0.75, cy - r * 0.75, cx + r * 0.75, cy + r * 0.75], outline=tuple(max(0, c - 25) for c in plate), width=3)
    for _ in range(int(rng.integers(3, 25))):
        br = r * rng.uniform(0.08, 0.3)
        a, rr = rng.uniform(0, 2 * np.pi), r * 0.55 * np.sqrt(rng.random())
        bx, by = cx + rr * np.cos(a), cy + rr * np.sin(a)
        d.ellipse([bx - br, by - br * rng.uniform(0.5, 1), bx + br, by + br], fill=_hsv(rng.uniform(0, 0.35), rng.uniform(0.4, 1), rng.uniform(0.3, 0.95)))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(1, 3)))
    return np.asarray(img, np.float32)


def _paper_photo(rng, w, h) -> np.ndarray:
    """A photo of a printed page / whiteboard lying at an angle on a textured surface, unevenly lit."""
    bg = _texture(rng, w, h) * rng.uniform(0.4, 0.9)
    pw, ph = int(w * rng.uniform(0.55, 0.85)), int(h * rng.uniform(0.6, 0.9))
    if rng.random() < 0.6:
        page, _ = _document(rng, pw, ph)
    else:  # whiteboard scribbles
        page = Image.new("RGB", (pw, ph), (245, 245, 240))
        d = ImageDraw.Draw(page)
        for _ in range(int(rng.integers(3, 15))):
            col = [(20, 20, 20), (200, 30, 30), (30, 60, 200), (20, 130, 40)][int(rng.integers(4))]
            pts = np.cumsum(rng.normal(0, 12, (int(rng.integers(5, 30)), 2)), 0) + [rng.uniform(0, pw), rng.uniform(0, ph)]
            d.line([tuple(p) for p in pts], fill=col, width=int(rng.integers(2, 6)), joint="curve")
        f = _font(rng, ph / 12, "any")
        for _ in range(int(rng.integers(1, 4))):
            d.text((rng.uniform(0, pw * 0.6), rng.uniform(0, ph * 0.8)), " ".join(text.words(rng, 2)), font=f, fill=(30, 30, 120))
    page = page.convert("RGBA")
    # random quadrilateral for the page corners
    ox, oy = (w - pw) / 2, (h - ph) / 2
    j = lambda s: float(rng.normal(0, s))  # noqa: E731
    quad = [(ox + j(pw * 0.05), oy + j(ph * 0.05)), (ox + j(pw * 0.05), oy + ph + j(ph * 0.05)), (ox + pw + j(pw * 0.05), oy + ph + j(ph * 0.05)), (ox + pw + j(pw * 0.05), oy + j(ph * 0.05))]
    base = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8)).convert("RGBA")
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon(quad, fill=255)
    flat = page.resize((w, h))
    inv = _quad_warp(flat, quad, w, h)
    shade = Image.fromarray((255 * (0.7 + 0.3 * _smooth_noise(rng, w, h, octaves=2, base=2))).astype(np.uint8))
    inv = Image.composite(inv, Image.new("RGBA", (w, h), (0, 0, 0, 255)), shade) if rng.random() < 0.7 else inv
    base.paste(inv, (0, 0), mask)
    return np.asarray(base.convert("RGB"), np.float32)


def _quad_warp(img: Image.Image, quad, w: int, h: int) -> Image.Image:
    """Warp the full image ``img`` (w x h) onto quadrilateral ``quad`` (TL, BL, BR, TR) via a perspective transform."""
    src = [(0, 0), (0, h), (w, h), (w, 0)]
    # solve for coefficients mapping output (quad) -> input (src)
    a = []
    b = []
    for (x, y), (u, v) in zip(quad, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b += [u, v]
    coeffs = np.linalg.solve(np.array(a, float), np.array(b, float))
    return img.transform((w, h), Image.PERSPECTIVE, data=tuple(coeffs), resample=Image.BICUBIC)


def _grass(rng, w, h) -> np.ndarray:
    """Thousands of thin blades (or twigs/hair) over a dark base: high-frequency detail like a real close-up."""
    base_h = rng.uniform(0.15, 0.4)
    hue = rng.uniform(0.18, 0.33) if rng.random() < 0.75 else rng.uniform(0.05, 0.12)  # green grass or dry straw
    img = Image.new("RGB", (w, h), _hsv(hue, 0.6, 0.2))
    d = ImageDraw.Draw(img)
    n = int(w * h / rng.uniform(40, 120))
    xs, ys = rng.uniform(0, w, n), rng.uniform(0, h * 1.2, n)
    lens = rng.uniform(0.03, 0.15, n) * h
    angs = rng.normal(-np.pi / 2, rng.uniform(0.1, 0.35), n)
    for x, y, ln, a in zip(xs, ys, lens, angs):
        depth = y / (h * 1.2)
        col = _hsv(hue + rng.normal(0, 0.03), rng.uniform(0.4, 0.9), base_h + depth * rng.uniform(0.3, 0.7))
        d.line([x, y, x + ln * np.cos(a), y + ln * np.sin(a)], fill=col, width=int(rng.integers(1, 3)))
    if rng.random() < 0.4:  # a few flowers / leaves
        for _ in range(int(rng.integers(3, 30))):
            x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(3, 12)
            d.ellipse([x - r, y - r, x + r, y + r], fill=_hsv(rng.random(), 0.7, 0.95))
    return np.asarray(img, np.float32)


def _gravel(rng, w, h) -> np.ndarray:
    """Pebbles / beans / coins: many small shaded ellipses packed together."""
    arr = _palette_map(rng, _smooth_noise(rng, w, h, octaves=4, base=6), n=2) * 0.4
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    h0 = rng.random()
    sat = rng.uniform(0.05, 0.5)
    rmax = rng.uniform(5, 20)
    n = int(w * h / (rmax**2 * rng.uniform(0.7, 1.6)))  # dense: sparse dots would look like a scatter plot
    for _ in range(n):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        rx, ry = rng.uniform(0.5, 1) * rmax, rng.uniform(0.4, 1) * rmax
        v = rng.uniform(0.3, 0.9)
        d.ellipse([x - rx, y - ry, x + rx, y + ry], fill=_hsv(h0 + rng.normal(0, 0.04), sat, v))
        d.ellipse([x - rx * 0.5, y - ry * 0.6, x, y - ry * 0.1], fill=_hsv(h0, sat * 0.6, min(1, v + 0.15)))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.2)))
    return np.asarray(img, np.float32)


_PHOTOS = {"landscape": _landscape, "bokeh": _bokeh, "texture": _texture, "stilllife": _still_life, "night": _night, "indoor": _indoor,
           "portrait": _portrait, "building": _building, "forest": _forest, "plate": _plate, "paper": _paper_photo, "grass": _grass, "gravel": _gravel}
_PHOTO_P = {"landscape": 0.16, "bokeh": 0.07, "texture": 0.08, "stilllife": 0.09, "night": 0.06, "indoor": 0.1, "portrait": 0.14, "building": 0.1, "forest": 0.06, "plate": 0.06, "paper": 0.08, "grass": 0.06, "gravel": 0.05}


def _photo(rng: np.random.Generator, w: int, h: int) -> tuple[Image.Image, str]:
    names = list(_PHOTOS)
    p = np.array([_PHOTO_P[k] for k in names])
    kind = str(rng.choice(names, p=p / p.sum()))
    arr = _PHOTOS[kind](rng, w, h)
    return _photo_finish(rng, arr), kind


@renderer(LABEL, "pillow", weight=2)  # photos are what people post most
def photo_pillow(rng: np.random.Generator) -> Rendered:
    w, h = _size(rng, photo=True)
    img, kind = _photo(rng, w, h)
    return Rendered(img, f"photo,{kind}")


@renderer(LABEL, "pillow", weight=2)  # photos are what people post most
def photo_scene_pillow(rng: np.random.Generator) -> Rendered:
    """A second photo renderer: real channels are full of photos, so they get double weight."""
    w, h = _size(rng, photo=True)
    kind = str(rng.choice(["landscape", "stilllife", "indoor", "bokeh", "portrait", "building", "forest", "plate", "paper", "grass", "gravel"]))
    arr = _PHOTOS[kind](rng, w, h)
    img = _photo_finish(rng, arr)
    if rng.random() < 0.25:  # screenshot of a photo in a phone/gallery frame
        pad = int(rng.integers(10, 60))
        frame = Image.new("RGB", (w + 2 * pad, h + 2 * pad + pad), (0, 0, 0) if rng.random() < 0.6 else (245, 245, 245))
        frame.paste(img, (pad, 2 * pad))
        img = frame
    return Rendered(img, f"photo,{kind}")


# --------------------------------------------------------------------------------------- scientific images


def _microscopy(rng, w, h) -> np.ndarray:
    """Cells or nuclei on a dark or bright field, as a microscope camera sees them."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    field = np.zeros((h, w), np.float32)
    for _ in range(int(rng.integers(8, 90))):
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.015, 0.07) * max(w, h)
        sx, sy = rng.uniform(0.6, 1.4), rng.uniform(0.6, 1.4)
        d = np.sqrt(((xx - cx) / sx) ** 2 + ((yy - cy) / sy) ** 2) / r
        field = np.maximum(field, np.clip(1.2 - d, 0, 1) * rng.uniform(0.4, 1))
    field *= 0.6 + 0.4 * _smooth_noise(rng, w, h, octaves=4, base=int(rng.integers(10, 40)))
    if rng.random() < 0.5:  # fluorescence: bright cells on black in one or two channels
        col = np.array(_hsv(float(rng.choice([0.0, 0.33, 0.6, 0.8])), 0.9, 1.0), np.float32)
        return field[..., None] * col
    bg = np.array(_rgb(rng, 170, 250), np.float32)  # stained slide
    stain = np.array(_hsv(rng.uniform(0.75, 0.95), rng.uniform(0.3, 0.8), rng.uniform(0.3, 0.7)), np.float32)
    return bg * (1 - field[..., None]) + stain * field[..., None]


def _fundus(rng, w, h) -> np.ndarray:
    """A retina-like disc on black, with branching dark vessels."""
    s = min(w, h)
    img = Image.new("RGB", (w, h), (0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy, r = w / 2, h / 2, s * rng.uniform(0.4, 0.49)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_hsv(rng.uniform(0.0, 0.08), rng.uniform(0.6, 0.95), rng.uniform(0.6, 0.95)))
    ox, oy = cx + rng.uniform(-0.4, 0.4) * r, cy + rng.uniform(-0.2, 0.2) * r
    vessel = _hsv(rng.uniform(0.95, 1.0), 0.8, rng.uniform(0.3, 0.5))
    for _ in range(int(rng.integers(4, 9))):  # random-walk vessels out of the optic disc
        x, y, ang, width = ox, oy, rng.uniform(0, 2 * np.pi), rng.uniform(3, 7) * s / 500
        while (x - cx) ** 2 + (y - cy) ** 2 < r * r and width > 0.6:
            ang += rng.normal(0, 0.25)
            nx, ny = x + np.cos(ang) * s / 60, y + np.sin(ang) * s / 60
            d.line([x, y, nx, ny], fill=vessel, width=max(1, int(width)))
            x, y, width = nx, ny, width * 0.97
    rd = r * rng.uniform(0.08, 0.14)
    d.ellipse([ox - rd, oy - rd, ox + rd, oy + rd], fill=(250, 220, 150))
    return np.asarray(img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 2.5))), np.float32)


def _phantom(rng, w, h) -> np.ndarray:
    """Grey ellipses inside ellipses: a CT/MRI slice or test phantom."""
    img = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(img)
    cx, cy, s = w / 2, h / 2, min(w, h)
    for k in range(int(rng.integers(4, 14))):
        rx, ry = s * rng.uniform(0.03, 0.45) / (1 + 0.3 * k), s * rng.uniform(0.03, 0.45) / (1 + 0.3 * k)
        if k == 0:
            rx, ry = s * rng.uniform(0.35, 0.47), s * rng.uniform(0.4, 0.48)
        x, y = cx + rng.uniform(-0.2, 0.2) * s * (k > 0), cy + rng.uniform(-0.25, 0.25) * s * (k > 0)
        d.ellipse([x - rx, y - ry, x + rx, y + ry], fill=int(rng.integers(40, 255)))
    arr = np.asarray(img.filter(ImageFilter.GaussianBlur(rng.uniform(0, 2))), np.float32)
    arr = arr * (0.85 + 0.3 * _smooth_noise(rng, w, h, octaves=5, base=20))
    return np.repeat(arr[..., None], 3, -1)


def _astronomy(rng, w, h) -> np.ndarray:
    """Stars plus a glowing nebula or spiral galaxy."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.3, 0.7)
    r = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / max(w, h)
    if rng.random() < 0.5:  # spiral galaxy
        theta = np.arctan2(yy - cy, xx - cx)
        arms = 0.5 + 0.5 * np.cos(2 * theta - np.log(r + 1e-3) * rng.uniform(3, 7))
        glow = np.exp(-r * rng.uniform(6, 14)) * (0.4 + 0.6 * arms)
    else:  # nebula
        glow = _smooth_noise(rng, w, h, octaves=6, base=3) ** 2 * np.exp(-r * rng.uniform(1, 4))
    arr = _palette_map(rng, np.clip(glow / max(glow.max(), 1e-6), 0, 1), n=3) * np.clip(glow / max(glow.max(), 1e-6), 0, 1)[..., None] * 1.6
    n = int(rng.integers(200, 2500))
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    arr[ys, xs] = rng.uniform(100, 255, (n, 1))
    return arr


def _solids(rng, w, h) -> np.ndarray:
    """Flat-shaded 3D polyhedra or spheres on a plain background: a rendering, not a chart."""
    img = Image.new("RGB", (w, h), (255, 255, 255) if rng.random() < 0.5 else _rgb(rng, 30, 240))
    d = ImageDraw.Draw(img)
    n = int(rng.integers(1, 6))
    for i in range(n):
        cx, cy, r = (i + 0.5) * w / n, h * rng.uniform(0.35, 0.65), min(w / n, h) * rng.uniform(0.25, 0.42)
        col = np.array(_hsv(rng.random(), rng.uniform(0.3, 0.9), 1.0), np.float32)
        k = int(rng.integers(4, 9))
        rot = rng.uniform(0, 2 * np.pi)
        rim = [(cx + r * np.cos(rot + 2 * np.pi * j / k), cy + r * np.sin(rot + 2 * np.pi * j / k)) for j in range(k)]
        top = (cx + rng.uniform(-0.3, 0.3) * r, cy + rng.uniform(-0.3, 0.3) * r)
        for j in range(k):  # one face per rim edge, lit from the upper left
            shade = 0.45 + 0.5 * (0.5 + 0.5 * np.cos(rot + 2 * np.pi * (j + 0.5) / k + 2.3))
            d.polygon([top, rim[j], rim[(j + 1) % k]], fill=tuple(int(c * shade) for c in col), outline=(30, 30, 30) if rng.random() < 0.5 else None)
    return np.asarray(img, np.float32)


_SCIENCE = {"microscopy": _microscopy, "fundus": _fundus, "phantom": _phantom, "astronomy": _astronomy, "solids": _solids}


@renderer(LABEL, "pillow")
def science_image_pillow(rng: np.random.Generator) -> Rendered:
    """Images from science and imaging that are not charts: micrographs, scans, sky, 3D renders."""
    w, h = _size(rng, photo=True)
    kind = str(rng.choice(list(_SCIENCE)))
    img = _photo_finish(rng, _SCIENCE[kind](rng, w, h))
    return Rendered(img, f"science,{kind}")


# --------------------------------------------------------------------------------------- screenshots

_THEMES = {
    "discord": ((49, 51, 56), (219, 222, 225), (148, 155, 164)),
    "discord_light": ((255, 255, 255), (46, 51, 56), (94, 103, 114)),
    "slack": ((26, 29, 33), (209, 210, 211), (171, 171, 173)),
    "light": ((250, 250, 250), (20, 20, 20), (120, 120, 120)),
    "whatsapp": ((236, 229, 221), (17, 27, 33), (102, 119, 129)),
    "amoled": ((0, 0, 0), (230, 230, 230), (130, 130, 130)),
}


def _chat(rng, w, h) -> tuple[Image.Image, str]:
    name = str(rng.choice(list(_THEMES)))
    bg, fg, dim = _THEMES[name]
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(12, 22))
    font, bold = _font(rng, fs), _font(rng, fs, "bold")
    small = _font(rng, fs * 0.75)
    y = int(rng.integers(5, 30))
    bubbles = name == "whatsapp" or rng.random() < 0.25
    while y < h - fs:
        if bubbles:
            mine = rng.random() < 0.5
            lines = text.wrap_lines(d, _sentence(rng), font, int(w * 0.6))
            bw = max(_tw(d, ln, font) for ln in lines) + 20
            bh = len(lines) * (fs + 4) + 14
            x0 = w - bw - 15 if mine else 15
            col = (217, 253, 211) if name == "whatsapp" and mine else ((0, 132, 255) if mine else (229, 229, 234))
            if name == "whatsapp" and not mine:
                col = (255, 255, 255)
            d.rounded_rectangle([x0, y, x0 + bw, y + bh], radius=12, fill=col)
            tc = (255, 255, 255) if col == (0, 132, 255) else (20, 20, 20)
            for i, ln in enumerate(lines):
                d.text((x0 + 10, y + 7 + i * (fs + 4)), ln, font=font, fill=tc)
            y += bh + int(rng.integers(6, 16))
            continue
        av = int(fs * 2.2)
        d.ellipse([12, y, 12 + av, y + av], fill=_hsv(rng.random(), 0.6, 0.85))
        user = str(rng.choice(["alex", "sam", "datanerd", "kim_", "plotbot", "j0rdan", "maria", "chen", "ZZ", "pixel"])) + str(rng.integers(0, 99))
        x = 24 + av
        d.text((x, y), user, font=bold, fill=_hsv(rng.random(), 0.5, 0.95) if rng.random() < 0.6 else fg)
        d.text((x + _tw(d, user, bold) + 8, y + 3), f"Today at {int(rng.integers(1, 13))}:{int(rng.integers(0, 60)):02d} PM", font=small, fill=dim)
        y += fs + 6
        for _ in range(int(rng.integers(1, 4))):
            for ln in text.wrap_lines(d, _sentence(rng, 2, 25), font, w - x - 20):
                d.text((x, y), ln, font=font, fill=fg)
                y += fs + 5
        y += int(rng.integers(8, 20))
    if rng.random() < 0.6:  # input box
        d.rounded_rectangle([12, h - 50, w - 12, h - 10], radius=8, fill=tuple(max(0, min(255, c + (12 if sum(bg) < 300 else -12))) for c in bg))
        d.text((25, h - 40), "Message #" + text.words(rng, 1)[0], font=font, fill=dim)
    return img, f"chat,{name}"


_KW = ["def", "return", "import", "from", "for", "in", "if", "else", "class", "const", "let", "fn", "pub", "while", "async", "await", "self", "None", "True", "print", "lambda", "try", "except", "var", "function"]
_CODE_THEMES = [
    ((30, 30, 30), (212, 212, 212), (86, 156, 214), (206, 145, 120), (106, 153, 85), (181, 206, 168)),
    ((40, 42, 54), (248, 248, 242), (255, 121, 198), (241, 250, 140), (98, 114, 164), (189, 147, 249)),
    ((255, 255, 255), (36, 41, 46), (215, 58, 73), (3, 47, 98), (106, 115, 125), (0, 92, 197)),
    ((0, 43, 54), (131, 148, 150), (133, 153, 0), (42, 161, 152), (88, 110, 117), (211, 54, 130)),
    ((39, 40, 34), (248, 248, 242), (249, 38, 114), (230, 219, 116), (117, 113, 94), (174, 129, 255)),
]


def _code(rng, w, h) -> tuple[Image.Image, str]:
    bg, fg, kw, st, cm, num = _CODE_THEMES[int(rng.integers(len(_CODE_THEMES)))]
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(11, 20))
    font = _font(rng, fs, "mono")
    lh = int(fs * rng.uniform(1.25, 1.6))
    top = 0
    if rng.random() < 0.5:  # window chrome / tabs
        top = 30
        d.rectangle([0, 0, w, top], fill=tuple(max(0, c - 12) if sum(bg) > 300 else min(255, c + 15) for c in bg))
        for i, c in enumerate([(255, 95, 86), (255, 189, 46), (39, 201, 63)]):
            d.ellipse([10 + i * 20, 9, 22 + i * 20, 21], fill=c)
    gutter = fs * 3 if rng.random() < 0.7 else 8
    indent = 0
    for i, y in enumerate(range(top + 8, h - lh // 2, lh)):
        if gutter > 8:
            d.text((6, y), f"{i + 1:>3}", font=font, fill=cm)
        x = gutter + 10 + indent * fs * 2
        r = rng.random()
        if r < 0.1:
            indent = max(0, indent - 1)
            continue
        if r < 0.2:
            d.text((x, y), "# " + " ".join(text.words(rng, int(rng.integers(2, 7)))), font=font, fill=cm)
            continue
        toks = []
        for _ in range(int(rng.integers(1, 7))):
            t = rng.random()
            if t < 0.3:
                toks.append((str(rng.choice(_KW)), kw))
            elif t < 0.45:
                toks.append((f'"{text.words(rng, 1)[0]}"', st))
            elif t < 0.55:
                toks.append((str(int(rng.integers(0, 1000))), num))
            else:
                toks.append((str(rng.choice(text.words(rng, 3))) + str(rng.choice(["", "(", ")", ".", " =", ",", "[0]", ":", "_id"])), fg))
        for t, c in toks:
            if x > w:
                break
            d.text((x, y), t, font=font, fill=c)
            x += _tw(d, t + " ", font)
        if toks and toks[-1][0].endswith(":") or rng.random() < 0.15:
            indent = min(4, indent + 1)
    return img, "code"


def _terminal(rng, w, h) -> tuple[Image.Image, str]:
    bg = (0, 0, 0) if rng.random() < 0.5 else _rgb(rng, 0, 50)
    fg = [(200, 200, 200), (0, 255, 0), (230, 230, 230), (255, 176, 0)][int(rng.integers(4))]
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(11, 18))
    font = _font(rng, fs, "mono")
    lh = int(fs * 1.35)
    y = 6
    while y < h - lh:
        r = rng.random()
        if r < 0.25:
            prompt = f"user@{text.words(rng, 1)[0]}:~$ "
            d.text((6, y), prompt, font=font, fill=(80, 250, 123))
            cmd = str(rng.choice(["ls -la", "python train.py", "git status", "pip install ", "cd ..", "cat log.txt", "nvidia-smi", "make -j8", "docker ps"])) + " ".join(text.words(rng, int(rng.integers(0, 3))))
            d.text((6 + _tw(d, prompt, font), y), cmd, font=font, fill=fg)
        elif r < 0.4:
            d.text((6, y), f"[{int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d}:{int(rng.integers(0, 60)):02d}] {rng.choice(['INFO', 'WARN', 'ERROR', 'DEBUG'])} " + " ".join(text.words(rng, 5)), font=font, fill=fg)
        elif r < 0.55:
            cols = [f"{rng.choice(['-rw-r--r--', 'drwxr-xr-x'])}", str(int(rng.integers(1, 99999))), text.words(rng, 1)[0] + str(rng.choice([".py", ".txt", "/", ".csv", ".png"]))]
            d.text((6, y), "  ".join(cols), font=font, fill=fg)
        elif r < 0.65:
            p = int(rng.integers(0, 101))
            bar = "#" * (p // 5) + "." * (20 - p // 5)
            d.text((6, y), f"epoch {int(rng.integers(1, 50))} [{bar}] {p}% loss={rng.uniform(0, 2):.4f}", font=font, fill=fg)
        else:
            d.text((6, y), " ".join(text.words(rng, int(rng.integers(2, 10)))), font=font, fill=fg)
        y += lh
    return img, "terminal"


def _document(rng, w, h) -> tuple[Image.Image, str]:
    paper = (255, 255, 255) if rng.random() < 0.7 else _rgb(rng, 235, 256)
    img = Image.new("RGB", (w, h), paper if rng.random() < 0.6 else (200, 200, 200))
    d = ImageDraw.Draw(img)
    m = int(rng.integers(10, 60))
    if img.getpixel((0, 0)) != paper:
        d.rectangle([m // 2, m // 2, w - m // 2, h + 10], fill=paper)
    fs = int(rng.integers(11, 20))
    kind = "serif" if rng.random() < 0.5 else "any"
    pool = [f for f in _font_files()["any"] if ("Serif" in f) == (kind == "serif")] or _font_files()["any"]
    path = str(pool[int(rng.integers(len(pool)))]) if pool else None
    font = _load(path, fs)
    head = _load(path, int(fs * rng.uniform(1.4, 2.2)))
    y = m
    d.text((m, y), text.title(rng, p_none=0) or "Notes", font=head, fill=(10, 10, 10))
    y += int(fs * 2.8)
    justify_bullets = rng.random() < 0.3
    while y < h - m:
        if rng.random() < 0.15:
            d.text((m, y), " ".join(text.words(rng, 3)).title(), font=_load(path, int(fs * 1.25)), fill=(20, 20, 20))
            y += int(fs * 2)
            continue
        para = " ".join(_sentence(rng, 5, 16) for _ in range(int(rng.integers(2, 6))))
        prefix = "\u2022 " if justify_bullets else ""
        for ln in text.wrap_lines(d, prefix + para, font, w - 2 * m):
            d.text((m, y), ln, font=font, fill=(30, 30, 30))
            y += int(fs * 1.45)
            if y > h - m:
                break
        y += int(fs * 0.8)
    return img, f"document,{kind}"


def _post(rng, w, h) -> tuple[Image.Image, str]:
    """A social-media post card: avatar, name/handle, text, an attached photo, action counts."""
    dark = rng.random() < 0.4
    bg = (21, 32, 43) if dark and rng.random() < 0.5 else ((0, 0, 0) if dark else (255, 255, 255))
    fg, dim = ((231, 233, 234), (113, 118, 123)) if dark else ((15, 20, 25), (83, 100, 113))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(13, 21))
    font, bold, small = _font(rng, fs), _font(rng, fs, "bold"), _font(rng, fs * 0.85)
    pad = int(fs * 1.2)
    y = pad
    while y < h - fs * 4:
        av = int(fs * 2.6)
        d.ellipse([pad, y, pad + av, y + av], fill=_hsv(rng.random(), 0.5, 0.8))
        x = pad + av + int(fs * 0.7)
        name = " ".join(text.words(rng, 2)).title()
        d.text((x, y), name, font=bold, fill=fg)
        handle = "@" + text.words(rng, 1)[0] + str(int(rng.integers(1, 999))) + f" · {int(rng.integers(1, 24))}h"
        d.text((x + _tw(d, name, bold) + 8, y + 2), handle, font=small, fill=dim)
        y += int(fs * 1.6)
        for ln in text.wrap_lines(d, " ".join(_sentence(rng, 4, 18) for _ in range(int(rng.integers(1, 4)))), font, w - x - pad):
            d.text((x, y), ln, font=font, fill=fg)
            y += int(fs * 1.35)
        if rng.random() < 0.55 and y < h - fs * 8:  # attached photo
            ph = int(min(h - y - fs * 4, (w - x - pad) * rng.uniform(0.4, 0.7)))
            if ph > 40:
                pic, _ = _photo(rng, max(40, (w - x - pad) // 2), max(30, ph // 2))
                pic = pic.resize((w - x - pad, ph))
                mask = Image.new("L", pic.size, 0)
                ImageDraw.Draw(mask).rounded_rectangle([0, 0, pic.width - 1, pic.height - 1], radius=int(fs), fill=255)
                img.paste(pic, (x, y + 6), mask)
                y += ph + 12
        y += int(fs * 0.5)
        ax = x
        for k_icon in range(4):  # reply / repost / like / share: small outline icons + counts
            s_ = int(fs * 0.8)
            if k_icon == 0:
                d.rounded_rectangle([ax, y + 2, ax + s_, y + 2 + s_ * 0.8], radius=s_ // 3, outline=dim, width=2)
            elif k_icon == 1:
                d.arc([ax, y + 2, ax + s_, y + 2 + s_], 30, 330, fill=dim, width=2)
            elif k_icon == 2:
                d.ellipse([ax, y + 2, ax + s_ * 0.55, y + 2 + s_ * 0.55], outline=dim, width=2)
                d.ellipse([ax + s_ * 0.45, y + 2, ax + s_, y + 2 + s_ * 0.55], outline=dim, width=2)
                d.polygon([(ax, y + 2 + s_ * 0.35), (ax + s_, y + 2 + s_ * 0.35), (ax + s_ / 2, y + 2 + s_)], outline=dim)
            else:
                d.line([ax, y + 2 + s_, ax + s_, y + 2], fill=dim, width=2)
            cnt = str(int(rng.integers(0, 5000))) if rng.random() < 0.8 else ""
            d.text((ax + s_ + 6, y), cnt, font=small, fill=dim)
            ax += int((w - x - pad) / 4.2)
        y += int(fs * 2)
        d.line([0, y, w, y], fill=(47, 51, 54) if dark else (239, 243, 244), width=1)
        y += pad
    return img, "post" + (",dark" if dark else "")


def _desktop(rng, w, h) -> tuple[Image.Image, str]:
    """A desktop: wallpaper, a couple of app windows (text, file lists), a taskbar with icons."""
    wall, _ = _photo(rng, max(40, w // 3), max(40, h // 3)) if rng.random() < 0.6 else (Image.fromarray(np.clip(_palette_map(rng, _smooth_noise(rng, w // 4 + 2, h // 4 + 2, octaves=3, base=2)), 0, 255).astype(np.uint8)), "")
    img = wall.resize((w, h))
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(10, 15))
    font, bold = _font(rng, fs), _font(rng, fs, "bold")
    bar_h = int(fs * 3)
    mac = rng.random() < 0.4
    for _ in range(int(rng.integers(1, 4))):
        ww, wh = int(w * rng.uniform(0.35, 0.75)), int(h * rng.uniform(0.35, 0.75))
        wx, wy = int(rng.uniform(0, w - ww)), int(rng.uniform(0, max(1, h - wh - bar_h)))
        dark = rng.random() < 0.4
        body = (32, 32, 32) if dark else (250, 250, 250)
        tb = (50, 50, 50) if dark else (225, 225, 225)
        fg = (220, 220, 220) if dark else (25, 25, 25)
        d.rectangle([wx + 4, wy + 4, wx + ww + 4, wy + wh + 4], fill=(0, 0, 0))
        d.rectangle([wx, wy, wx + ww, wy + wh], fill=body, outline=(120, 120, 120))
        d.rectangle([wx, wy, wx + ww, wy + fs * 2], fill=tb)
        if mac:
            for i, c in enumerate([(255, 95, 86), (255, 189, 46), (39, 201, 63)]):
                d.ellipse([wx + 8 + i * 16, wy + fs * 0.5, wx + 18 + i * 16, wy + fs * 0.5 + 10], fill=c)
        else:
            for i in range(3):  # close / maximise / minimise
                bx, by, s_ = wx + ww - (i + 1) * fs * 2, wy + fs * 0.5, fs * 0.9
                if i == 0:
                    d.line([bx, by, bx + s_, by + s_], fill=fg, width=1)
                    d.line([bx, by + s_, bx + s_, by], fill=fg, width=1)
                elif i == 1:
                    d.rectangle([bx, by, bx + s_, by + s_], outline=fg)
                else:
                    d.line([bx, by + s_ / 2, bx + s_, by + s_ / 2], fill=fg, width=1)
        d.text((wx + (70 if mac else 10), wy + 3), " ".join(text.words(rng, 2)).title(), font=bold, fill=fg)
        yy = wy + fs * 3
        listing = rng.random() < 0.5
        while yy < wy + wh - fs * 1.5:
            if listing:
                d.rectangle([wx + 10, yy + 2, wx + 10 + fs, yy + fs], fill=_hsv(rng.uniform(0.1, 0.6), 0.5, 0.9))
                d.text((wx + 16 + fs, yy), text.words(rng, 1)[0] + str(rng.choice([".txt", ".png", ".py", "", ".pdf", ".csv"])), font=font, fill=fg)
                d.text((wx + ww * 0.6, yy), f"{int(rng.integers(1, 999))} KB", font=font, fill=fg)
            else:
                d.text((wx + 10, yy), _sentence(rng, 3, 10)[: max(5, ww // max(1, fs // 2))], font=font, fill=fg)
            yy += int(fs * 1.5)
    d.rectangle([0, h - bar_h, w, h], fill=(30, 30, 35) if rng.random() < 0.7 else (235, 235, 240))
    x = int(fs * 1.5)
    for _ in range(int(rng.integers(4, 12))):
        s_ = int(bar_h * 0.6)
        d.rounded_rectangle([x, h - bar_h + (bar_h - s_) // 2, x + s_, h - bar_h + (bar_h + s_) // 2], radius=s_ // 4, fill=_hsv(rng.random(), 0.6, 0.9))
        x += int(s_ * 1.5)
    d.text((w - fs * 6, h - bar_h + bar_h // 2 - fs // 2), f"{int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d}", font=font, fill=(230, 230, 230))
    return img, "desktop"


@renderer(LABEL, "pillow")
def screenshot_pillow(rng: np.random.Generator) -> Rendered:
    w, h = _size(rng)
    kind = int(rng.choice(6, p=[0.25, 0.17, 0.1, 0.18, 0.18, 0.12]))
    img, tag = [_chat, _code, _terminal, _document, _post, _desktop][kind](rng, w, h)
    return Rendered(img, f"screenshot,{tag}")


# --------------------------------------------------------------------------------------- tables


def _cell_text(rng: np.random.Generator, col_kind: int) -> str:
    if col_kind == 0:
        return text.categories(rng, 1)[0]
    if col_kind == 1:
        return f"{rng.normal(100, 80):,.{int(rng.integers(0, 3))}f}"
    if col_kind == 2:
        return f"{rng.uniform(0, 100):.1f}%"
    if col_kind == 3:
        return f"2{int(rng.integers(0, 1)) * 0}2{int(rng.integers(0, 6))}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"
    return str(int(rng.integers(0, 10000)))


@renderer(LABEL, "pillow")
def table_pillow(rng: np.random.Generator) -> Rendered:
    """A table or spreadsheet grid with numbers: tabular data is not a chart."""
    w, h = _size(rng)
    dark = rng.random() < 0.25
    bg = (32, 33, 36) if dark else (255, 255, 255)
    fg = (225, 225, 225) if dark else (20, 20, 20)
    grid = (70, 70, 75) if dark else _rgb(rng, 180, 230)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(10, 18))
    font, bold = _font(rng, fs), _font(rng, fs, "bold")
    spreadsheet = rng.random() < 0.4
    n_cols = int(rng.integers(3, 9))
    kinds = [0] + [int(k) for k in rng.integers(1, 5, n_cols - 1)]
    rh = int(fs * rng.uniform(1.6, 2.4))
    x0 = fs * 3 if spreadsheet else int(rng.integers(0, 30))
    y0 = rh if spreadsheet else int(rng.integers(0, 30))
    col_w = [max(50, int(fs * rng.uniform(5, 9))) for _ in range(n_cols)]
    xs = np.cumsum([x0] + col_w)
    header_bg = (60, 64, 67) if dark else (_hsv(rng.random(), rng.uniform(0, 0.5), rng.uniform(0.75, 0.95)) if rng.random() < 0.6 else (242, 242, 242))
    zebra = rng.random() < 0.5
    if spreadsheet:
        d.rectangle([0, 0, w, rh], fill=(240, 240, 240) if not dark else (45, 45, 48))
        d.rectangle([0, 0, x0, h], fill=(240, 240, 240) if not dark else (45, 45, 48))
        for j in range(n_cols + 10):
            xa = xs[j] if j < len(xs) else xs[-1] + (j - n_cols) * col_w[-1]
            if xa > w:
                break
            d.text((xa + 4, 3), chr(65 + j % 26), font=font, fill=fg)
            d.line([xa, 0, xa, h], fill=grid)
    headers = [t.title() for t in text.words(rng, n_cols)]
    r = 0
    for y in range(y0, h, rh):
        if spreadsheet:
            d.text((4, y + 3), str(r + 1), font=font, fill=fg)
        if r == 0:
            d.rectangle([x0, y, xs[-1], y + rh], fill=header_bg)
        elif zebra and r % 2 == 0:
            d.rectangle([x0, y, xs[-1], y + rh], fill=(40, 42, 46) if dark else (246, 247, 250))
        for j in range(n_cols):
            s = headers[j] if r == 0 else _cell_text(rng, kinds[j])
            f = bold if r == 0 else font
            tx = xs[j] + 5 if kinds[j] == 0 or r == 0 else xs[j + 1] - _tw(d, s, f) - 5
            d.text((tx, y + (rh - fs) // 2), s, font=f, fill=fg)
        d.line([x0, y, xs[-1] if not spreadsheet else w, y], fill=grid)
        r += 1
    if not spreadsheet and rng.random() < 0.7:
        for xv in xs:
            d.line([xv, y0, xv, h], fill=grid)
    if rng.random() < 0.35:  # a small table alone on a mostly empty page
        return Rendered(_small_on_page(rng, img, bg), "table,small")
    return Rendered(img, f"table,{'spreadsheet' if spreadsheet else 'plain'}{',dark' if dark else ''}")


def _small_on_page(rng: np.random.Generator, img: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    """``img`` shrunk to 30–70 % and placed somewhere on a page of its former size."""
    w, h = img.size
    scale = rng.uniform(0.3, 0.7)
    small = img.resize((max(1, int(w * scale)), max(1, int(h * scale))), Image.Resampling.LANCZOS)
    page = Image.new("RGB", (w, h), background)
    page.paste(small, (int(rng.uniform(0, w - small.width)), int(rng.uniform(0, h - small.height))))
    return page


# --------------------------------------------------------------------------------------- UI mock-ups


@renderer(LABEL, "pillow")
def ui_pillow(rng: np.random.Generator) -> Rendered:
    """A web/app UI: nav bar, buttons, form fields, cards."""
    w, h = _size(rng)
    dark = rng.random() < 0.35
    bg = _rgb(rng, 15, 40) if dark else _rgb(rng, 235, 256)
    fg = (235, 235, 235) if dark else (30, 30, 30)
    accent = _hsv(rng.random(), rng.uniform(0.5, 0.9), rng.uniform(0.6, 0.95))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(11, 20))
    font, bold = _font(rng, fs), _font(rng, fs * 1.2, "bold")
    nav_h = int(fs * 3)
    d.rectangle([0, 0, w, nav_h], fill=accent if rng.random() < 0.5 else tuple(max(0, min(255, c - 15)) for c in bg))
    d.text((15, nav_h // 2 - fs // 2), text.words(rng, 1)[0].title(), font=bold, fill=(255, 255, 255) if dark or sum(accent) < 450 else fg)
    x = w - 20
    for item in text.words(rng, int(rng.integers(2, 6))):
        x -= _tw(d, item, font) + 25
        if x < w // 3:
            break
        d.text((x, nav_h // 2 - fs // 2), item.title(), font=font, fill=(240, 240, 240) if dark or sum(accent) < 450 else fg)
    side = rng.random() < 0.4
    left = 0
    if side:
        left = int(w * rng.uniform(0.15, 0.25))
        d.rectangle([0, nav_h, left, h], fill=tuple(max(0, min(255, c + (10 if dark else -10))) for c in bg))
        for i, item in enumerate(text.words(rng, 10)):
            yy = nav_h + 20 + i * fs * 2.2
            if i == 0:
                d.rounded_rectangle([6, yy - 5, left - 6, yy + fs + 5], radius=5, fill=accent)
            d.text((16, yy), item.title(), font=font, fill=fg)
    y = nav_h + 20
    mode = str(rng.choice(["form", "cards", "mixed"]))
    if mode in ("form", "mixed"):
        d.text((left + 20, y), text.title(rng, p_none=0) or "Settings", font=bold, fill=fg)
        y += fs * 3
        for _ in range(int(rng.integers(2, 6))):
            if y > h - 60:
                break
            d.text((left + 20, y), " ".join(text.words(rng, 2)).title(), font=font, fill=fg)
            y += int(fs * 1.5)
            fw = int((w - left - 40) * rng.uniform(0.5, 1))
            d.rounded_rectangle([left + 20, y, left + 20 + fw, y + fs * 2.2], radius=int(rng.integers(0, 10)), outline=(120, 120, 120), fill=tuple(min(255, c + 8) for c in bg) if dark else (255, 255, 255))
            if rng.random() < 0.5:
                d.text((left + 28, y + fs * 0.55), " ".join(text.words(rng, 2)), font=font, fill=(150, 150, 150))
            y += int(fs * 3.2)
        if rng.random() < 0.5:  # toggles and checkboxes
            for _ in range(int(rng.integers(1, 4))):
                on = rng.random() < 0.5
                d.rounded_rectangle([left + 20, y, left + 20 + fs * 2.4, y + fs * 1.3], radius=fs, fill=accent if on else (150, 150, 150))
                cx = left + 20 + (fs * 1.7 if on else fs * 0.65)
                d.ellipse([cx - fs * 0.5, y + fs * 0.15, cx + fs * 0.5, y + fs * 1.15], fill=(255, 255, 255))
                d.text((left + 30 + fs * 2.6, y), " ".join(text.words(rng, 3)), font=font, fill=fg)
                y += int(fs * 2.2)
        bx = left + 20
        for label in ["Submit", "Cancel", "Save", "Sign in", "Next"][: int(rng.integers(1, 4))]:
            bw = _tw(d, label, font) + 36
            d.rounded_rectangle([bx, y, bx + bw, y + fs * 2.4], radius=int(rng.integers(0, 14)), fill=accent)
            d.text((bx + 18, y + fs * 0.65), label, font=font, fill=(255, 255, 255))
            bx += bw + 12
        y += fs * 4
    if mode in ("cards", "mixed"):
        n = int(rng.integers(2, 5))
        cw = (w - left - 20 * (n + 1)) // n
        ch = int(min(h - y - 20, cw * rng.uniform(0.9, 1.5)))
        while ch > 60 and y < h - 60:
            for i in range(n):
                cx = left + 20 + i * (cw + 20)
                card = tuple(min(255, c + 15) for c in bg) if dark else (255, 255, 255)
                d.rounded_rectangle([cx, y, cx + cw, y + ch], radius=int(rng.integers(0, 16)), fill=card, outline=(200, 200, 200) if not dark else None)
                ih = int(ch * 0.5)
                thumb = Image.fromarray(np.clip(_palette_map(rng, _smooth_noise(rng, max(8, cw // 4), max(8, ih // 4), octaves=3)), 0, 255).astype(np.uint8)).resize((cw, ih))
                img.paste(thumb, (cx, y))
                d.text((cx + 10, y + ih + 8), " ".join(text.words(rng, 2)).title(), font=bold, fill=fg)
                d.text((cx + 10, y + ih + 14 + fs * 1.3), " ".join(text.words(rng, 3)), font=font, fill=(140, 140, 140))
            y += ch + 20
            ch = int(min(h - y - 20, ch))
    return Rendered(img, f"ui,{mode}{',dark' if dark else ''}")


# --------------------------------------------------------------------------------------- diagrams


def _arrow(d: ImageDraw.ImageDraw, p, q, col, width: int = 2) -> None:
    d.line([p, q], fill=col, width=width)
    ang = math.atan2(q[1] - p[1], q[0] - p[0])
    s = 6 + 2 * width
    a1 = (q[0] - s * math.cos(ang - 0.4), q[1] - s * math.sin(ang - 0.4))
    a2 = (q[0] - s * math.cos(ang + 0.4), q[1] - s * math.sin(ang + 0.4))
    d.polygon([q, a1, a2], fill=col)


@renderer(LABEL, "pillow")
def diagram_pillow(rng: np.random.Generator) -> Rendered:
    """Flowcharts and org charts: boxes with text joined by arrows, no data encoded."""
    w, h = _size(rng)
    dark = rng.random() < 0.2
    bg = (30, 30, 34) if dark else ((255, 255, 255) if rng.random() < 0.7 else _rgb(rng, 230, 256))
    line = (200, 200, 200) if dark else _rgb(rng, 0, 90)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fs = int(rng.integers(10, 17))
    font = _font(rng, fs)
    pal = [_hsv(rng.random(), rng.uniform(0.15, 0.6), rng.uniform(0.75, 1.0)) for _ in range(4)]
    org = rng.random() < 0.4
    lw = int(rng.integers(1, 4))
    boxes: list[tuple[float, float, float, float]] = []

    def box(cx, cy, bw, bh, label, shape="rect"):
        col = pal[int(rng.integers(len(pal)))] if rng.random() < 0.8 else bg
        if shape == "diamond":
            d.polygon([(cx, cy - bh), (cx + bw, cy), (cx, cy + bh), (cx - bw, cy)], fill=col, outline=line)
        elif shape == "oval":
            d.ellipse([cx - bw, cy - bh / 1.3, cx + bw, cy + bh / 1.3], fill=col, outline=line, width=lw)
        else:
            d.rounded_rectangle([cx - bw, cy - bh / 2, cx + bw, cy + bh / 2], radius=int(rng.integers(0, 12)), fill=col, outline=line, width=lw)
        tw = _tw(d, label, font)
        d.text((cx - tw / 2, cy - fs / 2 - 1), label, font=font, fill=(20, 20, 20))
        boxes.append((cx, cy, bw, bh))

    if org:
        levels = int(rng.integers(2, 4))
        bh = min(h / (levels * 2.2), fs * 3.2)
        parents = [(w / 2, h * 0.12)]
        box(w / 2, h * 0.12, min(w * 0.12, fs * 6), bh, str(rng.choice(["CEO", "Director", "Head of " + text.words(rng, 1)[0].title()])))
        for lev in range(1, levels):
            y = h * 0.12 + lev * (h * 0.8 / (levels - 0.5))
            kids = []
            n = int(rng.integers(2, 6)) if lev == 1 else len(parents) * int(rng.integers(1, 3))
            n = min(n, 8)
            bw = min(w / (n * 2.4), fs * 6)
            for i in range(n):
                cx = w * (i + 0.5) / n
                par = parents[min(len(parents) - 1, i * len(parents) // n)]
                midy = (par[1] + y) / 2
                d.line([par[0], par[1] + bh / 2, par[0], midy], fill=line, width=lw)
                d.line([par[0], midy, cx, midy], fill=line, width=lw)
                d.line([cx, midy, cx, y - bh / 2], fill=line, width=lw)
                name = str(rng.choice(["Anna", "Ben", "Chen", "Dana", "Eli", "Femi", "Gus", "Hana", "Ivan", "Jo"])) + " " + chr(65 + int(rng.integers(26))) + "."
                box(cx, y, bw, bh, name if rng.random() < 0.6 else text.words(rng, 1)[0].title())
                kids.append((cx, y))
            parents = kids
        tag = "orgchart"
    else:
        steps = ["Start", "Load data", "Validate", "Clean", "Train", "Evaluate", "Deploy", "Review", "Login", "Fetch", "Parse", "Save", "Notify", "Retry", "End"]
        n = int(rng.integers(3, 8))
        horizontal = w > h * 1.3 and rng.random() < 0.6
        bw = min(w / (n * 2.5) if horizontal else w * 0.15, fs * 6)
        bh = min(h / (n * 2.0) if not horizontal else h * 0.15, fs * 3)
        pts = []
        for i in range(n):
            t = (i + 0.5) / n
            jitter = rng.uniform(-0.15, 0.15)
            cx, cy = (w * t, h * (0.5 + jitter)) if horizontal else (w * (0.5 + jitter), h * t)
            shape = "oval" if i in (0, n - 1) else ("diamond" if rng.random() < 0.25 else "rect")
            label = steps[0] if i == 0 else (steps[-1] if i == n - 1 else str(rng.choice(steps[1:-1])) + ("?" if shape == "diamond" else ""))
            pts.append((cx, cy))
            box(cx, cy, bw, bh, label, shape)
        for i in range(n - 1):
            (x1, y1), (x2, y2) = pts[i], pts[i + 1]
            if horizontal:
                _arrow(d, (x1 + bw, y1), (x2 - bw - 2, y2), line, lw)
            else:
                _arrow(d, (x1, y1 + bh / 2 + 2), (x2, y2 - bh / 2 - 3), line, lw)
        if n > 3 and rng.random() < 0.5:  # a loop-back arrow
            i, j = sorted(rng.choice(n, 2, replace=False))
            side = w * 0.9 if not horizontal else None
            if side is not None:
                (x1, y1), (x2, y2) = pts[j], pts[i]
                d.line([(x1 + bw, y1), (side, y1), (side, y2)], fill=line, width=lw)
                _arrow(d, (side, y2), (x2 + bw + 2, y2), line, lw)
        tag = "flowchart"
    return Rendered(img, f"diagram,{tag}")


# --------------------------------------------------------------------------------------- memes, emoji, logos


def _outlined_text(d, xy, s, font, fill=(255, 255, 255), stroke=(0, 0, 0), sw=3) -> None:
    try:
        d.text(xy, s, font=font, fill=fill, stroke_width=sw, stroke_fill=stroke)
    except TypeError:
        d.text(xy, s, font=font, fill=fill)


@renderer(LABEL, "pillow")
def meme_pillow(rng: np.random.Generator) -> Rendered:
    """Big outlined caption text over a photo-like picture (or a caption bar above it)."""
    w, h = _size(rng, photo=True)
    img, kind = _photo(rng, w, h)
    if rng.random() < 0.4:  # emoji-ish face in the picture
        _draw_emoji(rng, ImageDraw.Draw(img), w / 2, h / 2, min(w, h) * rng.uniform(0.2, 0.35))
    style = "impact"
    top_txt = " ".join(text.words(rng, int(rng.integers(2, 7)), non_english=0.02)).upper()
    bot_txt = " ".join(text.words(rng, int(rng.integers(2, 7)), non_english=0.02)).upper()
    if rng.random() < 0.35:  # caption bar above (modern meme)
        style = "caption"
        fs = int(w / rng.uniform(14, 24))
        font = _font(rng, fs, "bold")
        tmp = ImageDraw.Draw(img)
        lines = text.wrap_lines(tmp, _sentence(rng, 4, 16), font, w - 30)
        bar = len(lines) * int(fs * 1.3) + 30
        canvas = Image.new("RGB", (w, h + bar), (255, 255, 255))
        canvas.paste(img, (0, bar))
        d = ImageDraw.Draw(canvas)
        for i, ln in enumerate(lines):
            d.text((15, 15 + i * int(fs * 1.3)), ln, font=font, fill=(0, 0, 0))
        return Rendered(canvas, f"meme,{style},{kind}")
    d = ImageDraw.Draw(img)
    fs = int(w / rng.uniform(9, 16))
    font = _font(rng, fs, "bold")
    for txt, top in ((top_txt, True), (bot_txt, False)):
        if rng.random() < 0.2:
            continue
        lines = text.wrap_lines(d, txt, font, int(w * 0.92))
        for i, ln in enumerate(lines):
            tw = _tw(d, ln, font)
            y = 10 + i * fs * 1.1 if top else h - 15 - (len(lines) - i) * fs * 1.1
            _outlined_text(d, ((w - tw) / 2, y), ln, font, sw=max(2, fs // 14))
    return Rendered(img, f"meme,{style},{kind}")


def _draw_emoji(rng, d: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> str:
    kind = str(rng.choice(["face", "heart", "star", "face", "thumb"]))
    if kind == "face":
        col = (255, 204, 77) if rng.random() < 0.8 else _hsv(rng.random(), 0.6, 0.95)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col, outline=(200, 140, 30) if rng.random() < 0.5 else None, width=max(1, int(r / 25)))
        ey, ex, er = cy - r * 0.25, r * 0.35, r * rng.uniform(0.08, 0.16)
        for s in (-1, 1):
            d.ellipse([cx + s * ex - er, ey - er * 1.4, cx + s * ex + er, ey + er * 1.4], fill=(60, 40, 20))
        mood = rng.integers(3)
        if mood == 0:
            d.arc([cx - r * 0.55, cy - r * 0.3, cx + r * 0.55, cy + r * 0.6], 20, 160, fill=(60, 40, 20), width=max(2, int(r / 10)))
        elif mood == 1:
            d.chord([cx - r * 0.55, cy - r * 0.1, cx + r * 0.55, cy + r * 0.65], 0, 180, fill=(120, 30, 30))
        else:
            d.arc([cx - r * 0.45, cy + r * 0.25, cx + r * 0.45, cy + r * 0.9], 200, 340, fill=(60, 40, 20), width=max(2, int(r / 10)))
    elif kind == "heart":
        t = np.linspace(0, 2 * np.pi, 80)
        x = 16 * np.sin(t) ** 3
        y = 13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)
        pts = [(cx + r * xi / 17, cy - r * yi / 17) for xi, yi in zip(x, y)]
        d.polygon(pts, fill=_hsv(rng.uniform(-0.05, 0.05), rng.uniform(0.6, 1), rng.uniform(0.8, 1)))
    elif kind == "star":
        n = int(rng.choice([5, 5, 6, 8]))
        pts = []
        for i in range(2 * n):
            rr = r if i % 2 == 0 else r * rng.uniform(0.38, 0.5)
            a = -np.pi / 2 + i * np.pi / n
            pts.append((cx + rr * np.cos(a), cy + rr * np.sin(a)))
        d.polygon(pts, fill=_hsv(rng.uniform(0.1, 0.16), 0.8, 1), outline=(180, 120, 0))
    else:  # thumbs-up-ish: rounded fist + thumb
        col = (255, 204, 77)
        d.rounded_rectangle([cx - r * 0.6, cy - r * 0.1, cx + r * 0.5, cy + r * 0.8], radius=r * 0.2, fill=col, outline=(200, 140, 30), width=max(1, int(r / 25)))
        d.rounded_rectangle([cx - r * 0.45, cy - r * 0.9, cx - r * 0.05, cy + r * 0.1], radius=r * 0.2, fill=col, outline=(200, 140, 30), width=max(1, int(r / 25)))
        d.rectangle([cx - r * 0.95, cy - r * 0.05, cx - r * 0.65, cy + r * 0.8], fill=(70, 110, 200))
    return kind


@renderer(LABEL, "pillow")
def emoji_logo_pillow(rng: np.random.Generator) -> Rendered:
    """Emoji/sticker drawings, icons and logo-like wordmarks."""
    s = int(rng.integers(128, 700))
    w, h = (s, s) if rng.random() < 0.6 else _size(rng)
    bg_choice = rng.random()
    bg = (255, 255, 255) if bg_choice < 0.4 else ((54, 57, 63) if bg_choice < 0.6 else _rgb(rng))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    mode = str(rng.choice(["emoji", "emoji_grid", "logo"]))
    if mode == "emoji":
        tag = _draw_emoji(rng, d, w / 2, h / 2, min(w, h) * rng.uniform(0.3, 0.45))
    elif mode == "emoji_grid":
        n = int(rng.integers(2, 5))
        r = min(w, h) / (2.6 * n)
        for i in range(n):
            for j in range(n):
                if rng.random() < 0.8:
                    _draw_emoji(rng, d, (i + 0.5) * w / n, (j + 0.5) * h / n, r * rng.uniform(0.7, 1.1))
        tag = "grid"
    else:
        col = _hsv(rng.random(), rng.uniform(0.5, 1), rng.uniform(0.4, 0.95))
        r = min(w, h) * rng.uniform(0.15, 0.3)
        cx, cy = (w / 2, h * 0.4) if rng.random() < 0.6 else (w * 0.25, h / 2)
        shape = rng.integers(4)
        if shape == 0:
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)
        elif shape == 1:
            d.rounded_rectangle([cx - r, cy - r, cx + r, cy + r], radius=r * 0.3, fill=col)
        elif shape == 2:
            d.regular_polygon((cx, cy, r), int(rng.integers(3, 9)), rotation=float(rng.uniform(0, 90)), fill=col)
        else:
            for k in range(3):
                rr = r * (1 - k * 0.3)
                d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=col, width=max(2, int(r / 8)))
        letter = chr(65 + int(rng.integers(26)))  # Latin: CJK first letters would be boxes in Latin fonts
        f = _font(rng, r * 1.1, "bold")
        d.text((cx - _tw(d, letter, f) / 2, cy - r * 0.65), letter, font=f, fill=(255, 255, 255) if shape < 3 else col)
        name = text.words(rng, 1)[0].title() + str(rng.choice(["", "ly", "io", " Labs", "hub", "X"]))
        f2 = _font(rng, min(w, h) * rng.uniform(0.08, 0.14), "bold")
        if cx == w / 2:
            d.text((w / 2 - _tw(d, name, f2) / 2, cy + r * 1.25), name, font=f2, fill=col if sum(bg) > 400 else (240, 240, 240))
        else:
            d.text((cx + r * 1.3, cy - r * 0.4), name, font=f2, fill=col if sum(bg) > 400 else (240, 240, 240))
        tag = "logo"
    return Rendered(img, f"icon,{tag}")


# --------------------------------------------------------------------------------------- matplotlib text & tables

_EQUATIONS = [
    r"$E = mc^2$", r"$\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}$", r"$\sum_{i=1}^{n} i = \frac{n(n+1)}{2}$",
    r"$f(x) = \frac{1}{\sigma\sqrt{2\pi}} e^{-\frac{(x-\mu)^2}{2\sigma^2}}$", r"$\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}$",
    r"$a^2 + b^2 = c^2$", r"$\lim_{x \to 0} \frac{\sin x}{x} = 1$", r"$\hat{\beta} = (X^T X)^{-1} X^T y$", r"$P(A|B) = \frac{P(B|A)P(A)}{P(B)}$",
    r"$x = \frac{-b \pm \sqrt{b^2-4ac}}{2a}$", r"$\mathcal{L} = -\sum_i y_i \log \hat{y}_i$", r"$\frac{\partial u}{\partial t} = \alpha \nabla^2 u$",
    r"$\det(A - \lambda I) = 0$", r"$e^{i\pi} + 1 = 0$", r"$\sigma(z) = \frac{1}{1+e^{-z}}$",
]


@renderer(LABEL, "matplotlib")
def text_table_matplotlib(rng: np.random.Generator) -> Rendered:
    """A matplotlib figure without a chart in it: a styled table, or typeset equations and notes."""
    import io as _io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    w, h, dpi = text.figure_size(rng)
    fig = plt.figure(figsize=(w, h), dpi=dpi)
    dark = rng.random() < 0.2
    if dark:
        fig.patch.set_facecolor("#202124")
    fg = "#e8e8e8" if dark else "#111111"
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
    ax.axis("off")
    if rng.random() < 0.55:
        n_cols, n_rows = int(rng.integers(2, 7)), int(rng.integers(3, 16))
        kinds = [0] + [int(k) for k in rng.integers(1, 5, n_cols - 1)]
        cells = [[_cell_text(rng, kinds[j]) for j in range(n_cols)] for _ in range(n_rows)]
        head = [t.title() for t in text.words(rng, n_cols)]
        tb = ax.table(cellText=cells, colLabels=head, loc="center", cellLoc=str(rng.choice(["center", "right", "left"])))
        tb.auto_set_font_size(False)
        tb.set_fontsize(float(rng.uniform(7, 12)))
        tb.scale(1, float(rng.uniform(1.0, 1.8)))
        hc = _hsv(rng.random(), rng.uniform(0.2, 0.7), rng.uniform(0.5, 0.9))
        zebra = rng.random() < 0.5
        for (r_, c_), cell in tb.get_celld().items():
            cell.set_edgecolor("#888888" if rng.random() < 0.99 else "white")
            if r_ == 0:
                cell.set_facecolor(tuple(v / 255 for v in hc))
                cell.set_text_props(weight="bold", color="white")
            elif zebra and r_ % 2 == 0:
                cell.set_facecolor("#2a2b2e" if dark else "#f1f3f6")
            else:
                cell.set_facecolor("#202124" if dark else "white")
            if r_ > 0:
                cell.get_text().set_color(fg)
        ttl = text.title(rng)
        if ttl:
            ax.set_title(ttl, color=fg)
        tag = "mpl_table"
    else:
        pt = 1.0 / (h * 72 * 0.96)  # one typographic point in axes units
        y = 0.97
        ttl = text.title(rng, p_none=0.4)
        if ttl:
            fs = float(rng.uniform(13, 20))
            ax.text(0.02, y, ttl, fontsize=fs, weight="bold", color=fg, transform=ax.transAxes, va="top")
            y -= fs * 2.0 * pt
        while True:
            if rng.random() < 0.5:
                fs = float(rng.uniform(12, 22))
                step = fs * 3.0 * pt
                if y - step < 0:
                    break
                ax.text(float(rng.uniform(0.02, 0.3)), y, str(rng.choice(_EQUATIONS)), fontsize=fs, color=fg, transform=ax.transAxes, va="top")
            else:
                fs = float(rng.uniform(9, 14))
                step = fs * 1.7 * pt
                if y - step < 0:
                    break
                ax.text(0.02, y, _sentence(rng, 4, 12), fontsize=fs, color=fg, transform=ax.transAxes, va="top", family=str(rng.choice(["sans-serif", "serif", "monospace"])))
            y -= step
        tag = "mpl_equations"
    buf = _io.BytesIO()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing CJK glyphs
        fig.savefig(buf, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    plt.close(fig)
    return Rendered(Image.open(_io.BytesIO(buf.getvalue())).convert("RGB"), f"{tag}{',dark' if dark else ''}")
