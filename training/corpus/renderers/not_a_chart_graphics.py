"""Non-chart graphics that a chart classifier mistakes for charts.

Flags and banners, cartoon mascots and sticker sheets, infographic posters without data charts,
event timelines and roadmaps, tabletop / video-game maps, UML / ER / hand-drawn flowcharts and mind
maps, board-game screenshots (chess, sudoku, crosswords) and street maps. They are made of circles,
boxes, stripes and grids like charts are, but encode no data. Everything is drawn with Pillow + numpy
from the ``rng``; fonts and colour helpers come from the sibling ``not_a_chart`` modules.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from training.corpus import text
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.not_a_chart import _arrow, _font, _font_files, _hsv, _load, _photo_finish, _sentence, _size, _sky, _smooth_noise, _tw
from training.corpus.renderers.not_a_chart_art import SS, Color, _brand, _finish, _fit, _shade, _star_pts

LABEL = "not_a_chart"


def _latin(fn: Callable[[np.random.Generator], Rendered]) -> Callable[[np.random.Generator], Rendered]:
    """``fn`` drawing only words its Latin fonts can show (no CJK)."""

    @functools.wraps(fn)
    def wrapped(rng: np.random.Generator) -> Rendered:
        with text.no_cjk():
            return fn(rng)

    return wrapped


def _ink(bg: Color) -> Color:
    """Dark text on a light background, light text on a dark one."""
    return (30, 30, 35) if sum(bg) > 380 else (240, 240, 245)


def _text_c(d: ImageDraw.ImageDraw, cx: float, y: float, s: str, font, fill) -> None:
    """``s`` horizontally centred on ``cx`` with its top at ``y``."""
    d.text((cx - _tw(d, s, font) / 2, y), s, font=font, fill=fill)


def _icon(d: ImageDraw.ImageDraw, kind: str, cx: float, cy: float, r: float, col: Color) -> None:
    """A small flat pictogram: star, heart, check, person, bulb, house, gear, drop or bolt."""
    lw = max(2, int(r * 0.18))
    if kind == "star":
        d.polygon(_star_pts(cx, cy, r), fill=col)
    elif kind == "heart":
        d.ellipse([cx - r, cy - r * 0.7, cx, cy + r * 0.2], fill=col)
        d.ellipse([cx, cy - r * 0.7, cx + r, cy + r * 0.2], fill=col)
        d.polygon([(cx - r * 0.95, cy - r * 0.1), (cx + r * 0.95, cy - r * 0.1), (cx, cy + r)], fill=col)
    elif kind == "check":
        d.line([(cx - r * 0.8, cy), (cx - r * 0.2, cy + r * 0.6), (cx + r * 0.8, cy - r * 0.6)], fill=col, width=lw * 2, joint="curve")
    elif kind == "person":
        d.ellipse([cx - r * 0.35, cy - r, cx + r * 0.35, cy - r * 0.3], fill=col)
        d.chord([cx - r * 0.75, cy - r * 0.2, cx + r * 0.75, cy + r * 1.3], 180, 360, fill=col)
    elif kind == "bulb":
        d.ellipse([cx - r * 0.65, cy - r, cx + r * 0.65, cy + r * 0.3], fill=col)
        d.rectangle([cx - r * 0.3, cy + r * 0.2, cx + r * 0.3, cy + r * 0.75], fill=col)
        d.line([cx - r * 0.3, cy + r * 0.9, cx + r * 0.3, cy + r * 0.9], fill=col, width=lw)
    elif kind == "house":
        d.polygon([(cx - r, cy - r * 0.05), (cx, cy - r), (cx + r, cy - r * 0.05)], fill=col)
        d.rectangle([cx - r * 0.7, cy - r * 0.1, cx + r * 0.7, cy + r * 0.85], fill=col)
    elif kind == "gear":
        d.polygon(_star_pts(cx, cy, r, n=8, inner=0.75, rot=0), fill=col)
        d.ellipse([cx - r * 0.3, cy - r * 0.3, cx + r * 0.3, cy + r * 0.3], fill=(255, 255, 255))
    elif kind == "drop":
        d.ellipse([cx - r * 0.6, cy - r * 0.1, cx + r * 0.6, cy + r * 0.95], fill=col)
        d.polygon([(cx - r * 0.55, cy + r * 0.2), (cx, cy - r), (cx + r * 0.55, cy + r * 0.2)], fill=col)
    else:  # bolt
        d.polygon([(cx + r * 0.2, cy - r), (cx - r * 0.55, cy + r * 0.1), (cx - r * 0.05, cy + r * 0.1), (cx - r * 0.2, cy + r), (cx + r * 0.55, cy - r * 0.15), (cx + r * 0.05, cy - r * 0.15)], fill=col)


_ICONS = ("star", "heart", "check", "person", "bulb", "house", "gear", "drop", "bolt")


# --------------------------------------------------------------------------------------- flags


def _flag_design(rng: np.random.Generator, fw: int, fh: int) -> tuple[Image.Image, str]:
    """A flag-like design: stripes, tricolour, Nordic cross, canton with stars, hoist triangle, saltire or emblem disc."""
    pool = [(200, 16, 46), (0, 56, 168), (255, 255, 255), (0, 122, 61), (252, 209, 22), (0, 0, 0), (0, 114, 198), (239, 51, 64), (255, 130, 0), (93, 37, 120)]
    idx = rng.choice(len(pool), 4, replace=False)
    c1, c2, c3, c4 = (pool[int(i)] for i in idx)
    img = Image.new("RGB", (fw, fh), c1)
    d = ImageDraw.Draw(img)
    kind = str(rng.choice(["hstripes", "tricolour", "nordic", "canton", "hoist", "saltire", "disc", "diagonal"]))
    if kind == "hstripes":
        n = int(rng.choice([2, 3, 3, 5, 7, 9, 13]))
        cols = [c1, c2] if n > 3 else [c1, c2, c3]
        for i in range(n):
            d.rectangle([0, fh * i / n, fw, fh * (i + 1) / n], fill=cols[i % len(cols)])
    elif kind == "tricolour":
        for i, c in enumerate((c1, c2, c3)):
            d.rectangle([fw * i / 3, 0, fw * (i + 1) / 3, fh], fill=c)
    elif kind == "nordic":
        t = fh * rng.uniform(0.12, 0.22)
        x = fw * rng.uniform(0.3, 0.4)
        if rng.random() < 0.5:  # bordered cross
            d.rectangle([x - t * 0.85, 0, x + t * 0.85, fh], fill=c3)
            d.rectangle([0, fh / 2 - t * 0.85, fw, fh / 2 + t * 0.85], fill=c3)
        d.rectangle([x - t / 2, 0, x + t / 2, fh], fill=c2)
        d.rectangle([0, fh / 2 - t / 2, fw, fh / 2 + t / 2], fill=c2)
    elif kind == "canton":
        n = int(rng.choice([5, 7, 9, 13]))
        for i in range(n):
            d.rectangle([0, fh * i / n, fw, fh * (i + 1) / n], fill=(c1, (255, 255, 255))[i % 2])
        cw, ch = fw * rng.uniform(0.35, 0.45), fh * (math.ceil(n / 2) / n)
        d.rectangle([0, 0, cw, ch], fill=c2)
        rows, cols = int(rng.integers(3, 6)), int(rng.integers(3, 7))
        for r in range(rows):
            for c in range(cols):
                d.polygon(_star_pts(cw * (c + 0.5 + 0.25 * (r % 2)) / (cols + 0.25), ch * (r + 0.5) / rows, min(cw / cols, ch / rows) * 0.33), fill=(255, 255, 255))
    elif kind == "hoist":
        n = int(rng.integers(2, 4))
        for i, c in enumerate((c1, c2, c3)[:n]):
            d.rectangle([0, fh * i / n, fw, fh * (i + 1) / n], fill=c)
        d.polygon([(0, 0), (fw * rng.uniform(0.3, 0.5), fh / 2), (0, fh)], fill=c4)
        if rng.random() < 0.6:
            d.polygon(_star_pts(fw * 0.12, fh / 2, fh * 0.1), fill=(255, 255, 255))
    elif kind == "saltire":
        t = int(fh * rng.uniform(0.1, 0.2))
        d.line([0, 0, fw, fh], fill=c2, width=t)
        d.line([0, fh, fw, 0], fill=c2, width=t)
        if rng.random() < 0.5:
            d.rectangle([fw / 2 - t * 0.6, 0, fw / 2 + t * 0.6, fh], fill=c3)
            d.rectangle([0, fh / 2 - t * 0.6, fw, fh / 2 + t * 0.6], fill=c3)
    elif kind == "diagonal":
        d.polygon([(0, fh), (0, 0), (fw, 0)], fill=c2)
        d.line([0, fh, fw, 0], fill=c3, width=int(fh * rng.uniform(0.08, 0.2)))
    else:  # disc / emblem on a plain or two-band field
        if rng.random() < 0.5:
            d.rectangle([0, fh / 2, fw, fh], fill=c2)
        r = fh * rng.uniform(0.2, 0.32)
        cx = fw * float(rng.choice([0.5, 0.45]))
        d.ellipse([cx - r, fh / 2 - r, cx + r, fh / 2 + r], fill=c3)
        if rng.random() < 0.5:  # crescent
            d.ellipse([cx - r * 0.6, fh / 2 - r * 0.85, cx + r * 1.1, fh / 2 + r * 0.85], fill=c1)
        elif rng.random() < 0.6:
            d.polygon(_star_pts(cx, fh / 2, r * 0.65), fill=c4)
    if kind in ("hstripes", "tricolour") and rng.random() < 0.3:  # an emblem in the middle
        d.polygon(_star_pts(fw / 2, fh / 2, fh * 0.18, n=int(rng.choice([5, 6, 8]))), fill=c4)
    return img, kind


def _wave(rng: np.random.Generator, flag: np.ndarray, bg: np.ndarray, x0: int, y0: int) -> np.ndarray:
    """Paste ``flag`` onto ``bg`` at (x0, y0), waving: columns shift up and down, folds get light and shade."""
    fh, fw = flag.shape[:2]
    H, W = bg.shape[:2]
    xs = np.arange(fw, dtype=np.float32)
    lam, ph = fw * rng.uniform(0.35, 0.9), rng.uniform(0, 2 * math.pi)
    amp = fh * rng.uniform(0.03, 0.1) * (0.3 + 0.7 * xs / fw)
    phase = 2 * math.pi * xs / lam + ph
    off = amp * np.sin(phase)
    shade = 1 + rng.uniform(0.15, 0.35) * np.cos(phase)
    yy = np.arange(H, dtype=np.float32)[:, None] - y0 - off[None, :]
    src = np.round(yy).astype(int)
    valid = (src >= 0) & (src < fh)
    cols = np.arange(fw)
    patch = flag[np.clip(src, 0, fh - 1), cols[None, :]] * shade[None, :, None]
    out = bg.copy()
    xe = min(W, x0 + fw)
    region = out[:, x0:xe]
    m = valid[:, : xe - x0]
    region[m] = patch[:, : xe - x0][m]
    return out


@renderer(LABEL, "pillow")
@_latin
def flag_pillow(rng: np.random.Generator) -> Rendered:
    """Flags and flag-like banners: full-frame, waving, on a pole against the sky, or a server banner with a name."""
    mode = str(rng.choice(["full", "wave", "pole", "banner"]))
    if mode == "full":
        fw = int(rng.integers(300, 1000))
        fh = int(fw / float(rng.choice([1.5, 2.0, 5 / 3, 4 / 3, 1.9])))
        img, kind = _flag_design(rng, fw, fh)
        if rng.random() < 0.3:
            ImageDraw.Draw(img).rectangle([0, 0, fw - 1, fh - 1], outline=(120, 120, 120), width=1)
        return Rendered(img, f"flag,full,{kind}")
    if mode == "banner":
        w, h = int(rng.integers(600, 1200)), 0
        h = int(w / float(rng.choice([2.5, 3.0, 16 / 9, 4.0])))
        img, kind = _flag_design(rng, w, h)
        d = ImageDraw.Draw(img)
        name = _brand(rng) + str(rng.choice(["", " Community", " Gaming", " Hub", " Server", " Guild"]))
        f = _fit(d, name, _font(rng, h * rng.uniform(0.25, 0.4), "bold"), w * 0.8)
        try:
            d.text(((w - _tw(d, name, f)) / 2, h * 0.32), name, font=f, fill=(255, 255, 255), stroke_width=max(2, h // 60), stroke_fill=(0, 0, 0))
        except TypeError:
            d.text(((w - _tw(d, name, f)) / 2, h * 0.32), name, font=f, fill=(255, 255, 255))
        return Rendered(img, f"flag,banner,{kind}")
    w, h = _size(rng, photo=True)
    fw = int(w * rng.uniform(0.5, 0.75)) if mode == "pole" else int(w * rng.uniform(0.75, 0.9))
    fh = int(fw / float(rng.choice([1.5, 2.0, 5 / 3])))
    fh = min(fh, int(h * 0.6))
    flag, kind = _flag_design(rng, fw, fh)
    if mode == "pole":
        bg = _sky(rng, w, h)
        x0, y0 = int(w * rng.uniform(0.15, 0.3)), int(h * rng.uniform(0.08, 0.2))
        pole = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
        pd = ImageDraw.Draw(pole)
        pw = max(4, w // 90)
        pd.rectangle([x0 - pw, y0 - pw * 2, x0, h], fill=(170, 170, 175))
        pd.ellipse([x0 - pw * 1.6, y0 - pw * 3.5, x0 + pw * 0.6, y0 - pw * 1.3], fill=(200, 180, 90))
        out = _wave(rng, np.asarray(flag, np.float32), np.asarray(pole, np.float32), x0, y0)
        return Rendered(_photo_finish(rng, out), f"flag,pole,{kind}")
    bgc = np.array((255, 255, 255) if rng.random() < 0.6 else _hsv(rng.random(), 0.1, 0.95), np.float32)
    bg = np.broadcast_to(bgc, (h, w, 3)).copy()
    out = _wave(rng, np.asarray(flag, np.float32), bg, (w - fw) // 2, (h - fh) // 2)
    return Rendered(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), f"flag,wave,{kind}")


# --------------------------------------------------------------------------------------- mascots & stickers


def _character(rng: np.random.Generator, size: int, body: Color) -> Image.Image:
    """An RGBA cartoon character: round body with cel shading, thick outline, big eyes, mouth, limbs and extras."""
    S = size
    layer = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    ol = (25, 20, 30, 255) if rng.random() < 0.8 else (*_shade(body, 0.45), 255)
    lw = max(2, int(S * rng.uniform(0.015, 0.03)))
    shape = str(rng.choice(["blob", "bean", "square", "pear"]))
    bx0, by0, bx1, by1 = S * 0.2, S * 0.2, S * 0.8, S * 0.85
    limb = _shade(body, 0.8)
    for side in (-1, 1):  # feet and arms behind the body
        fx = S / 2 + side * S * 0.15
        d.ellipse([fx - S * 0.09, S * 0.8, fx + S * 0.09, S * 0.9], fill=(*limb, 255), outline=ol, width=lw)
        ax, ay = S / 2 + side * S * 0.3, S * rng.uniform(0.45, 0.65)
        d.ellipse([ax - S * 0.08 + side * S * 0.06, ay - S * 0.05, ax + S * 0.08 + side * S * 0.06, ay + S * 0.05], fill=(*limb, 255), outline=ol, width=lw)
    extra = str(rng.choice(["ears", "horns", "antenna", "leaf", "none"]))
    ec = (*_shade(body, 0.7), 255)
    for side in (-1, 1):
        ex = S / 2 + side * S * 0.18
        if extra == "ears":
            d.ellipse([ex - S * 0.09, S * 0.12, ex + S * 0.09, S * 0.32], fill=ec, outline=ol, width=lw)
        elif extra == "horns":
            d.polygon([(ex - S * 0.05, S * 0.26), (ex + side * S * 0.06, S * 0.08), (ex + S * 0.05, S * 0.26)], fill=(245, 235, 210, 255), outline=ol)
    if extra == "antenna":
        d.line([S / 2, S * 0.22, S / 2 + S * 0.05, S * 0.08], fill=ol, width=lw)
        d.ellipse([S * 0.52, S * 0.04, S * 0.58, S * 0.1], fill=(255, 90, 90, 255), outline=ol, width=lw)
    elif extra == "leaf":
        d.chord([S * 0.48, S * 0.06, S * 0.66, S * 0.24], 90, 270, fill=(80, 180, 80, 255), outline=ol, width=lw)
    mask = Image.new("L", (S, S), 0)
    for md, fill, line in ((d, (*body, 255), ol), (ImageDraw.Draw(mask), 255, None)):
        if shape == "blob":
            md.ellipse([bx0, by0, bx1, by1], fill=fill, outline=line, width=lw)
        elif shape == "bean":
            md.rounded_rectangle([S * 0.27, by0, S * 0.73, by1], radius=S * 0.23, fill=fill, outline=line, width=lw)
        elif shape == "square":
            md.rounded_rectangle([bx0, S * 0.25, bx1, by1], radius=S * 0.1, fill=fill, outline=line, width=lw)
        else:
            md.ellipse([S * 0.28, by0, S * 0.72, S * 0.6], fill=fill, outline=line, width=lw)
            md.ellipse([bx0, S * 0.4, bx1, by1], fill=fill, outline=line, width=lw)
            if line is not None:  # hide where the two outlines cross
                md.ellipse([S * 0.28 + lw, by0 + lw, S * 0.72 - lw, S * 0.6 - lw], fill=fill)
    m = np.asarray(mask, np.float32) / 255
    k = int(S * rng.uniform(0.05, 0.1))
    shifted = np.zeros_like(m)
    shifted[:-k, :-k] = m[k:, k:]  # body moved up-left: what it does not cover is the shaded side
    rgba = np.asarray(layer, np.float32).copy()
    rgba[..., :3] *= 1 - 0.25 * (m * (1 - shifted))[..., None]
    layer = Image.fromarray(rgba.clip(0, 255).astype(np.uint8), "RGBA")
    d = ImageDraw.Draw(layer)
    er = S * rng.uniform(0.06, 0.1)
    ey = S * rng.uniform(0.42, 0.5)
    gap = S * rng.uniform(0.1, 0.14)
    sleepy = rng.random() < 0.2
    for side in (-1, 1):
        ex = S / 2 + side * gap
        if sleepy:
            d.arc([ex - er, ey - er * 0.5, ex + er, ey + er * 0.8], 200, 340, fill=ol, width=lw)
            continue
        d.ellipse([ex - er, ey - er * 1.2, ex + er, ey + er * 1.2], fill=(255, 255, 255, 255), outline=ol, width=max(1, lw // 2))
        pr = er * 0.6
        d.ellipse([ex - pr, ey - pr * 0.9, ex + pr, ey + pr * 1.3], fill=(20, 20, 30, 255))
        d.ellipse([ex - pr * 0.2, ey - pr * 0.6, ex + pr * 0.35, ey - pr * 0.05], fill=(255, 255, 255, 255))
    if rng.random() < 0.6:  # blush
        for side in (-1, 1):
            bx = S / 2 + side * (gap + er * 1.2)
            d.ellipse([bx - er * 0.6, ey + er * 1.2, bx + er * 0.6, ey + er * 1.6], fill=(255, 130, 150, 255))
    my = ey + er * 1.5
    if rng.random() < 0.5:
        d.chord([S / 2 - er, my - er * 0.6, S / 2 + er, my + er * 0.9], 0, 180, fill=(120, 30, 40, 255), outline=ol, width=max(1, lw // 2))
    else:
        d.arc([S / 2 - er * 0.8, my - er * 0.8, S / 2 + er * 0.8, my + er * 0.4], 20, 160, fill=ol, width=lw)
    if rng.random() < 0.3:  # party hat
        hc = _hsv(rng.random(), 0.7, 0.95)
        d.polygon([(S * 0.36, S * 0.24), (S * 0.5, S * 0.02), (S * 0.64, S * 0.24)], fill=(*hc, 255), outline=ol, width=lw)
    return layer


@renderer(LABEL, "pillow")
@_latin
def mascot_pillow(rng: np.random.Generator) -> Rendered:
    """Cartoon mascots: one cel-shaded character with a name, or a sticker sheet of several with die-cut borders."""
    w, h = _size(rng) if rng.random() < 0.6 else (int(rng.integers(300, 900)),) * 2
    W, H = w * SS, h * SS
    bgc: Color = (255, 255, 255) if rng.random() < 0.45 else _hsv(rng.random(), rng.uniform(0.05, 0.5), rng.uniform(0.3, 1.0))
    img = Image.new("RGB", (W, H), bgc)
    sheet = rng.random() < 0.45
    if sheet:
        cols = int(rng.integers(2, 5)) if W >= H else int(rng.integers(2, 4))
        rows = max(1, round(cols * H / W))
        cell = min(W / cols, H / rows)
    else:
        cols = rows = 1
        cell = min(W, H) * rng.uniform(0.8, 0.95)
    hue0 = rng.random()
    for r in range(rows):
        for c in range(cols):
            body = _hsv(hue0 + rng.normal(0, 0.25), rng.uniform(0.35, 0.85), rng.uniform(0.7, 1.0))
            ch = _character(rng, int(cell * rng.uniform(0.85, 0.98)), body)
            x = int(W / 2 + (c - (cols - 1) / 2) * cell - ch.width / 2)
            y = int(H / 2 + (r - (rows - 1) / 2) * cell - ch.height / 2)
            alpha = ch.getchannel("A")
            if sheet and rng.random() < 0.85:  # die-cut white border with a soft shadow
                small = alpha.resize((ch.width // 4, ch.height // 4), Image.BILINEAR)
                grown = small.filter(ImageFilter.GaussianBlur(max(1, ch.width // 160))).point(lambda v: 255 if v > 10 else 0).resize(ch.size, Image.BILINEAR)
                shadow = grown.point(lambda v: v // 3)
                img.paste((0, 0, 0), (x + ch.width // 60, y + ch.width // 40), shadow)
                img.paste((255, 255, 255), (x, y), grown)
            img.paste(ch, (x, y), alpha)
    d = ImageDraw.Draw(img)
    if not sheet and rng.random() < 0.5:
        name = _brand(rng) if rng.random() < 0.6 else str(rng.choice(["hi!", "gg", "LOL", "good morning", "yay", "uwu", "ok"]))
        f = _fit(d, name, _font(rng, H * 0.09, "bold"), W * 0.8)
        try:
            d.text(((W - _tw(d, name, f)) / 2, H * 0.88), name, font=f, fill=(255, 255, 255), stroke_width=3 * SS, stroke_fill=(30, 30, 30))
        except TypeError:
            d.text(((W - _tw(d, name, f)) / 2, H * 0.88), name, font=f, fill=_ink(bgc))
    return Rendered(_finish(img, w, h), f"mascot,{'sheet' if sheet else 'single'}")


# --------------------------------------------------------------------------------------- infographics


@renderer(LABEL, "pillow")
@_latin
def infographic_pillow(rng: np.random.Generator) -> Rendered:
    """Infographic posters without data charts: a header, big numbers with icons, numbered steps, callouts, icon grids."""
    portrait = rng.random() < 0.6
    if portrait:
        w = int(rng.integers(420, 800))
        h = int(w * rng.uniform(1.4, 2.6))
    else:
        w, h = _size(rng)
        w, h = max(w, 560), max(h, 380)
    dark = rng.random() < 0.3
    hue = rng.random()
    bg = _hsv(hue, rng.uniform(0.3, 0.7), rng.uniform(0.12, 0.3)) if dark else ((255, 255, 255) if rng.random() < 0.5 else _hsv(hue, rng.uniform(0.03, 0.12), 0.98))
    acc = [_hsv(hue + k * rng.uniform(0.08, 0.3), rng.uniform(0.55, 0.9), rng.uniform(0.75, 1.0)) for k in range(4)]
    ink = _ink(bg)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    u = min(w, h) / 20
    hh = int(u * rng.uniform(2.4, 3.6))
    d.rectangle([0, 0, w, hh], fill=acc[0])
    title = text.title(rng, p_none=0).upper() if rng.random() < 0.5 else text.title(rng, p_none=0)
    f = _fit(d, title, _font(rng, u * 1.3, "bold"), w * 0.9)
    _text_c(d, w / 2, hh * 0.25, title, f, _ink(acc[0]))
    y = hh + u
    fb, fr, fs = _font(rng, u * 1.6, "bold"), _font(rng, u * 0.55), _font(rng, u * 0.7, "bold")
    sections = list(rng.permutation(["stats", "steps", "callout", "icons", "quote"]))
    while y < h - 3 * u and sections:
        sec = sections.pop()
        if sec != "callout":
            head = " ".join(text.words(rng, int(rng.integers(1, 4)))).title()
            d.text((u, y), head, font=fs, fill=acc[1] if not dark else ink)
            y += u * 1.3
        if sec == "stats":
            n = int(rng.integers(2, 5))
            for i in range(n):
                cx = w * (i + 0.5) / n
                _icon(d, str(rng.choice(_ICONS)), cx, y + u * 0.9, u * 0.75, acc[i % 4])
                num = str(rng.choice([f"{int(rng.integers(2, 99))}%", f"{rng.uniform(1, 9):.1f}M", f"{int(rng.integers(10, 999))}+", f"x{int(rng.integers(2, 10))}", f"#{int(rng.integers(1, 10))}"]))
                _text_c(d, cx, y + u * 1.9, num, _fit(d, num, fb, w / n * 0.9), ink)
                _text_c(d, cx, y + u * 3.8, " ".join(text.words(rng, 2, non_english=0)), _fit(d, "x" * 16, fr, w / n * 0.9), ink)
            y += u * 5
        elif sec == "steps":
            n = int(rng.integers(3, 6))
            for i in range(n):
                if y > h - 2 * u:
                    break
                r = u * 0.7
                d.ellipse([u, y, u + 2 * r, y + 2 * r], fill=acc[i % 4])
                _text_c(d, u + r, y + r * 0.35, str(i + 1), _font(rng, r, "bold"), _ink(acc[i % 4]))
                lines = text.wrap_lines(d, _sentence(rng, 4, 12), fr, int(w - 4 * u))[:2]
                for j, line in enumerate(lines):
                    d.text((u * 3, y + j * u * 0.75), line, font=fr, fill=ink)
                y += u * 2
        elif sec == "callout":
            bh = u * 3.2
            box = _shade(acc[2], 1.75) if not dark else _shade(acc[2], 0.5)
            d.rounded_rectangle([u, y, w - u, y + bh], radius=u * 0.5, fill=box)
            d.rectangle([u, y, u * 1.3, y + bh], fill=acc[2])
            _icon(d, str(rng.choice(_ICONS)), u * 2.8, y + bh / 2, u * 0.8, acc[2])
            for j, line in enumerate(text.wrap_lines(d, _sentence(rng, 8, 20), fr, int(w - 6 * u))[:3]):
                d.text((u * 4.3, y + u * 0.5 + j * u * 0.8), line, font=fr, fill=_ink(box))
            y += bh + u
        elif sec == "icons":
            cols = int(rng.integers(3, 5))
            for i in range(cols * int(rng.integers(1, 3))):
                cx, cy = w * (i % cols + 0.5) / cols, y + (i // cols) * u * 3.2 + u
                style = acc[i % 4]
                d.ellipse([cx - u, cy - u, cx + u, cy + u], fill=style)
                _icon(d, _ICONS[int(rng.integers(len(_ICONS)))], cx, cy, u * 0.55, (255, 255, 255))
                lab = text.words(rng, 1, non_english=0)[0].title()
                _text_c(d, cx, cy + u * 1.2, lab, _fit(d, lab, fr, w / cols * 0.9), ink)
            y += (i // cols + 1) * u * 3.2 + u * 0.3
        else:
            d.text((u, y - u * 0.4), "\u201c", font=_font(rng, u * 3, "bold"), fill=acc[3])
            for j, line in enumerate(text.wrap_lines(d, _sentence(rng, 8, 18), fs, int(w - 5 * u))[:3]):
                d.text((u * 3, y + j * u), line, font=fs, fill=ink)
            y += u * 4
        if rng.random() < 0.5 and y < h - u:
            d.line([u, y - u * 0.4, w - u, y - u * 0.4], fill=_shade(acc[0], 0.8), width=max(1, int(u * 0.06)))
    if rng.random() < 0.6:  # footer with source / website
        d.rectangle([0, h - u * 1.4, w, h], fill=acc[0])
        d.text((u, h - u * 1.1), f"www.{_brand(rng).lower()}.org", font=fr, fill=_ink(acc[0]))
    return Rendered(img, f"infographic,{'portrait' if portrait else 'landscape'}{',dark' if dark else ''}")


# --------------------------------------------------------------------------------------- timelines


def _date(rng: np.random.Generator, i: int, start: int) -> str:
    style = int(rng.integers(4))
    if style == 0:
        return str(start + i)
    if style == 1:
        return f"Q{i % 4 + 1} {start + i // 4}"
    if style == 2:
        return f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(i * 2) % 12]} {start + i // 6}"
    return f"Phase {i + 1}"


@renderer(LABEL, "pillow")
@_latin
def timeline_pillow(rng: np.random.Generator) -> Rendered:
    """Event timelines and roadmap slides: a line with milestone markers, dates and captions, or a chevron roadmap."""
    w, h = _size(rng)
    w, h = max(w, 480), max(h, 300)
    dark = rng.random() < 0.3
    bg = (28, 30, 38) if dark else ((255, 255, 255) if rng.random() < 0.6 else _hsv(rng.random(), 0.06, 0.98))
    ink = _ink(bg)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    hue = rng.random()
    acc = [_hsv(hue + k * rng.uniform(0.05, 0.2), rng.uniform(0.5, 0.9), rng.uniform(0.7, 1.0)) for k in range(8)]
    single = rng.random() < 0.4
    col = (lambda i: acc[0]) if single else (lambda i: acc[i % len(acc)])
    u = min(w, h) / 18
    title = text.title(rng, p_none=0.3)
    top = u
    if title:
        d.text((u, u * 0.6), title, font=_fit(d, title, _font(rng, u * 1.1, "bold"), w - 2 * u), fill=ink)
        top = u * 2.6
    fd, ft = _font(rng, u * 0.65, "bold"), _font(rng, u * 0.5)
    start = int(rng.integers(1990, 2026))
    vertical = h > w * 1.1 or rng.random() < 0.15
    kind = "vertical" if vertical else str(rng.choice(["line", "line", "chevron"]))
    n = int(rng.integers(4, 8))
    if kind == "chevron":
        cy, ch = (top + h) / 2, min(u * 2.2, h * 0.2)
        cw = (w - 2 * u) / n
        for i in range(n):
            x = u + i * cw
            tip = ch * 0.45
            d.polygon([(x, cy - ch / 2), (x + cw - 4, cy - ch / 2), (x + cw - 4 + tip, cy), (x + cw - 4, cy + ch / 2), (x, cy + ch / 2), (x + tip, cy)], fill=col(i))
            lab = _date(rng, i, start)
            _text_c(d, x + cw / 2 + tip / 2, cy - u * 0.35, lab, _fit(d, lab, fd, cw - tip * 1.5), _ink(col(i)))
            ty = cy + ch / 2 + u * 0.5 if i % 2 == 0 or rng.random() < 0.5 else cy - ch / 2 - u * 2.2
            for j, line in enumerate(text.wrap_lines(d, _sentence(rng, 2, 7), ft, int(cw * 0.95))[:3]):
                d.text((x + 4, ty + j * u * 0.6), line, font=ft, fill=ink)
        return Rendered(img, "timeline,chevron")
    lw = max(2, int(u * rng.uniform(0.1, 0.3)))
    marker = str(rng.choice(["circle", "ring", "diamond", "pin"]))
    mr = u * rng.uniform(0.3, 0.55)
    pos = np.sort(rng.uniform(0, 1, n)) if rng.random() < 0.4 else np.linspace(0, 1, n)
    line_col = _shade(acc[0], 0.8) if rng.random() < 0.5 else (150, 150, 160)
    span = (w - 3 * u) / n * 1.8  # room for one milestone's caption
    margin = max(u * 1.5, span * 0.3)
    for i, t in enumerate(pos):
        if vertical:
            lx = u * 3.5
            mx, my = lx, top + u + t * (h - top - 3 * u)
        else:
            ly = (top + h) / 2
            mx, my = margin + t * (w - 2 * margin), ly
        c = col(i)
        if i == 0:
            if vertical:
                d.line([lx, top, lx, h - u], fill=line_col, width=lw)
            else:
                d.line([u * 0.5, ly, w - u * 0.5, ly], fill=line_col, width=lw)
                if rng.random() < 0.5:
                    d.polygon([(w - u * 0.2, ly), (w - u * 0.9, ly - u * 0.4), (w - u * 0.9, ly + u * 0.4)], fill=line_col)
        if marker == "circle":
            d.ellipse([mx - mr, my - mr, mx + mr, my + mr], fill=c, outline=bg, width=max(1, lw // 2))
        elif marker == "ring":
            d.ellipse([mx - mr, my - mr, mx + mr, my + mr], fill=bg, outline=c, width=max(2, lw))
        elif marker == "diamond":
            d.regular_polygon((mx, my, mr * 1.2), 4, fill=c)
        else:
            d.ellipse([mx - mr, my - mr * 3, mx + mr, my - mr], fill=c)
            d.polygon([(mx - mr * 0.8, my - mr * 1.6), (mx, my), (mx + mr * 0.8, my - mr * 1.6)], fill=c)
        lab = _date(rng, i, start)
        cap = _sentence(rng, 2, 8)
        if vertical:
            d.text((u * 0.3, my - u * 0.35), lab, font=_fit(d, lab, fd, u * 2.6), fill=c if not single else ink)
            d.text((lx + u, my - u * 0.35), text.wrap_lines(d, cap, ft, int(w - lx - 2 * u))[0], font=ft, fill=ink)
            continue
        up = i % 2 == 0
        stem = u * rng.uniform(1.2, 2.2)
        ty = my - stem - u * 2 if up else my + stem
        if rng.random() < 0.7:
            d.line([mx, my + (-mr if up else mr), mx, ty + (u * 2 if up else 0)], fill=c, width=max(1, lw // 2))
        _text_c(d, mx, ty, lab, _fit(d, lab, fd, span * 0.6), c if not single else ink)
        for j, line in enumerate(text.wrap_lines(d, cap, ft, int(span * 0.55))[:2]):
            _text_c(d, mx, ty + u * 0.8 + j * u * 0.6, line, ft, ink)
    return Rendered(img, f"timeline,{kind},{marker}")


# --------------------------------------------------------------------------------------- game maps

_TERRAIN = ((0.32, (52, 104, 170)), (0.4, (90, 150, 205)), (0.45, (226, 208, 150)), (0.62, (118, 170, 80)), (0.74, (52, 118, 60)), (0.85, (140, 125, 100)), (2.0, (235, 235, 240)))


def _terrain_at(v: float) -> tuple[int, Color]:
    for i, (top, c) in enumerate(_TERRAIN):
        if v < top:
            return i, c
    return len(_TERRAIN) - 1, _TERRAIN[-1][1]


def _hex_map(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A hex-tile overworld: terrain from noise, tree and mountain glyphs, towns and region names on parchment."""
    img = Image.new("RGB", (w, h), _hsv(0.11, 0.25, 0.93))
    d = ImageDraw.Draw(img)
    r = w / rng.uniform(14, 30)
    dx, dy = r * math.sqrt(3), r * 1.5
    field = _smooth_noise(rng, 64, 64, octaves=4, base=2)
    ol = (60, 50, 40) if rng.random() < 0.6 else None
    for j in range(int(h / dy) + 2):
        for i in range(int(w / dx) + 2):
            cx, cy = i * dx + (dx / 2 if j % 2 else 0), j * dy
            v = float(field[min(63, int(cy / h * 63)), min(63, int(cx / w * 63))]) + rng.normal(0, 0.03)
            t, c = _terrain_at(v)
            d.regular_polygon((cx, cy, r), 6, rotation=30, fill=c, outline=ol)
            if t == 4 or (t == 3 and rng.random() < 0.2):
                for k in range(int(rng.integers(1, 4))):
                    tx, ty = cx + rng.uniform(-0.4, 0.4) * r, cy + rng.uniform(-0.3, 0.4) * r
                    d.polygon([(tx - r * 0.2, ty + r * 0.2), (tx, ty - r * 0.35), (tx + r * 0.2, ty + r * 0.2)], fill=(30, 80, 40))
            elif t == 5:
                d.polygon([(cx - r * 0.6, cy + r * 0.35), (cx, cy - r * 0.5), (cx + r * 0.6, cy + r * 0.35)], fill=(110, 95, 80), outline=(60, 50, 40))
                d.polygon([(cx - r * 0.2, cy - r * 0.2), (cx, cy - r * 0.5), (cx + r * 0.2, cy - r * 0.2)], fill=(250, 250, 250))
            elif t == 1 and rng.random() < 0.3:
                d.arc([cx - r * 0.4, cy - r * 0.2, cx, cy + r * 0.2], 200, 340, fill=(200, 225, 245), width=2)
            elif t in (2, 3) and rng.random() < 0.06:
                d.rectangle([cx - r * 0.3, cy - r * 0.1, cx + r * 0.3, cy + r * 0.35], fill=(150, 60, 50), outline=(40, 30, 30))
                d.polygon([(cx - r * 0.4, cy - r * 0.1), (cx, cy - r * 0.5), (cx + r * 0.4, cy - r * 0.1)], fill=(90, 40, 35))
    f = _font(rng, min(r * rng.uniform(0.9, 1.4), min(w, h) * 0.06), "bold")
    for _ in range(int(rng.integers(2, 6))):
        name = _brand(rng)
        x, y = rng.uniform(0.05, 0.7) * w, rng.uniform(0.05, 0.9) * h
        try:
            d.text((x, y), name, font=f, fill=(40, 30, 20), stroke_width=2, stroke_fill=(240, 230, 200))
        except TypeError:
            d.text((x, y), name, font=f, fill=(40, 30, 20))
    return img


def _tile_map(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A top-down pixel-art RPG map: grass, water, dirt paths, trees and little houses, scaled up with hard pixels."""
    t = int(rng.choice([8, 12, 16]))
    scale = int(rng.integers(2, 4))
    nx, ny = max(8, w // (t * scale)), max(6, h // (t * scale))
    W, H = nx * t, ny * t
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    water = _smooth_noise(rng, nx, ny, octaves=3, base=2) > rng.uniform(0.65, 0.8)
    grass = _hsv(rng.uniform(0.22, 0.33), rng.uniform(0.45, 0.7), rng.uniform(0.55, 0.75))
    path_row, path_col = int(rng.integers(1, ny - 1)), int(rng.integers(1, nx - 1))
    for j in range(ny):
        for i in range(nx):
            x, y = i * t, j * t
            if water[j, i]:
                d.rectangle([x, y, x + t - 1, y + t - 1], fill=(64, 120, 200))
                if rng.random() < 0.3:
                    d.line([x + 2, y + t // 2, x + t // 2, y + t // 2], fill=(150, 200, 240))
                continue
            d.rectangle([x, y, x + t - 1, y + t - 1], fill=grass)
            for _ in range(3):
                px, py = x + int(rng.integers(t)), y + int(rng.integers(t))
                d.point((px, py), fill=_shade(grass, 0.8))
            if j == path_row or i == path_col:
                d.rectangle([x, y, x + t - 1, y + t - 1], fill=(196, 164, 112))
                d.point((x + int(rng.integers(t)), y + int(rng.integers(t))), fill=(160, 130, 90))
            elif rng.random() < 0.12:  # tree
                d.ellipse([x + 1, y + t * 0.55, x + t - 2, y + t - 1], fill=_shade(grass, 0.6))
                d.rectangle([x + t * 0.42, y + t * 0.5, x + t * 0.58, y + t - 2], fill=(110, 70, 40))
                d.ellipse([x + 1, y, x + t - 2, y + t * 0.7], fill=(40, 110, 50), outline=(20, 60, 30))
            elif rng.random() < 0.03:  # house
                d.rectangle([x + 1, y + t * 0.45, x + t - 2, y + t - 1], fill=(230, 215, 180), outline=(60, 40, 30))
                d.polygon([(x, y + t * 0.5), (x + t / 2, y + 1), (x + t - 1, y + t * 0.5)], fill=(170, 60, 50), outline=(60, 30, 20))
                d.rectangle([x + t * 0.4, y + t * 0.7, x + t * 0.6, y + t - 1], fill=(90, 60, 40))
    hx, hy = path_col * t, path_row * t  # the hero on the crossroads
    d.ellipse([hx + t * 0.3, hy + 1, hx + t * 0.7, hy + t * 0.4], fill=(250, 210, 170), outline=(0, 0, 0))
    d.rectangle([hx + t * 0.3, hy + t * 0.4, hx + t * 0.7, hy + t - 2], fill=(60, 80, 200), outline=(0, 0, 0))
    return img.resize((W * scale, H * scale), Image.NEAREST)


def _battle_map(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A virtual-tabletop battle map: dark stone rooms on a square grid, walls, doors and character tokens."""
    g = int(rng.integers(24, 48))
    gw, gh = max(6, w // g), max(5, h // g)
    W, H = gw * g, gh * g
    floor = np.zeros((gh, gw), bool)
    rooms = []
    for _ in range(int(rng.integers(3, 7))):
        rw, rh = int(rng.integers(3, max(4, gw // 2))), int(rng.integers(3, max(4, gh // 2)))
        rx, ry = int(rng.integers(0, max(1, gw - rw))), int(rng.integers(0, max(1, gh - rh)))
        floor[ry : ry + rh, rx : rx + rw] = True
        rooms.append((rx + rw // 2, ry + rh // 2))
    for (x1, y1), (x2, y2) in zip(rooms, rooms[1:]):
        floor[y1, min(x1, x2) : max(x1, x2) + 1] = True
        floor[min(y1, y2) : max(y1, y2) + 1, x2] = True
    stone = _smooth_noise(rng, W, H, octaves=4, base=int(rng.integers(8, 20)))
    base = np.array(_hsv(rng.uniform(0.05, 0.12), rng.uniform(0.1, 0.3), rng.uniform(0.5, 0.7)), np.float32)
    fl = np.kron(floor, np.ones((g, g), bool))
    arr = np.where(fl[..., None], base * (0.75 + 0.5 * stone[..., None]), np.array((22, 20, 24), np.float32) * (0.8 + 0.4 * stone[..., None]))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    grid = (0, 0, 0) if rng.random() < 0.6 else (200, 200, 200)
    for x in range(0, W, g):
        d.line([x, 0, x, H], fill=grid)
    for y in range(0, H, g):
        d.line([0, y, W, y], fill=grid)
    wall = max(3, g // 6)
    for j in range(gh):
        for i in range(gw):
            if not floor[j, i]:
                continue
            x, y = i * g, j * g
            if j == 0 or not floor[j - 1, i]:
                d.line([x, y, x + g, y], fill=(90, 80, 70), width=wall)
            if j == gh - 1 or not floor[j + 1, i]:
                d.line([x, y + g, x + g, y + g], fill=(90, 80, 70), width=wall)
            if i == 0 or not floor[j, i - 1]:
                d.line([x, y, x, y + g], fill=(90, 80, 70), width=wall)
            if i == gw - 1 or not floor[j, i + 1]:
                d.line([x + g, y, x + g, y + g], fill=(90, 80, 70), width=wall)
    cells = np.argwhere(floor)
    f = _font(rng, g * 0.5, "bold")
    for k in rng.choice(len(cells), min(len(cells), int(rng.integers(2, 7))), replace=False):
        j, i = cells[int(k)]
        cx, cy = i * g + g / 2, j * g + g / 2
        c = _hsv(rng.random(), 0.7, 0.9)
        d.ellipse([cx - g * 0.42, cy - g * 0.42, cx + g * 0.42, cy + g * 0.42], fill=_shade(c, 0.4), outline=c, width=max(2, g // 10))
        _text_c(d, cx, cy - g * 0.3, str(rng.choice(list("ABCDEFGHKMRSTW"))), f, (255, 255, 255))
    return img


@renderer(LABEL, "pillow")
@_latin
def game_map_pillow(rng: np.random.Generator) -> Rendered:
    """Game maps: a hex-tile overworld, a top-down pixel-art RPG map or a virtual-tabletop battle map with tokens."""
    w, h = _size(rng)
    kind = str(rng.choice(["hex", "tiles", "battle"]))
    img = {"hex": _hex_map, "tiles": _tile_map, "battle": _battle_map}[kind](rng, w, h)
    return Rendered(img, f"gamemap,{kind}")


# --------------------------------------------------------------------------------------- software diagrams


def _wobble(rng: np.random.Generator, pts: list[tuple[float, float]], amount: float) -> list[tuple[float, float]]:
    """A polyline resampled with small random offsets, like a line drawn by hand."""
    out = []
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        n = max(2, int(math.hypot(x2 - x1, y2 - y1) / 25))
        for t in np.linspace(0, 1, n, endpoint=False):
            out.append((x1 + (x2 - x1) * t + rng.normal(0, amount), y1 + (y2 - y1) * t + rng.normal(0, amount)))
    out.append(pts[-1])
    return out


@renderer(LABEL, "pillow")
@_latin
def software_diagram_pillow(rng: np.random.Generator) -> Rendered:
    """UML class diagrams, ER schemas and flowcharts / mind maps in clean, dark, hand-drawn or whiteboard-photo style."""
    w, h = _size(rng)
    w, h = max(w, 520), max(h, 360)
    kind = str(rng.choice(["uml", "er", "flow", "mindmap"]))
    style = str(rng.choice(["clean", "dark", "sketch", "whiteboard"]))
    bg: Color = {"clean": (255, 255, 255), "dark": (30, 32, 40), "sketch": (252, 251, 247), "whiteboard": (228, 230, 226)}[style]
    ink: Color = _ink(bg)
    hand = style in ("sketch", "whiteboard")
    pens = [(30, 30, 40), (200, 40, 40), (30, 80, 200), (30, 140, 60)]
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    u = min(w, h) / 22
    lw = max(1, int(u * (0.15 if hand else 0.08)))
    f = _font(rng, u * 0.6, "mono" if kind in ("uml", "er") and rng.random() < 0.6 else "any")
    fb = _font(rng, u * 0.7, "bold")
    fill_pal = [_hsv(rng.random(), rng.uniform(0.15, 0.5), 0.95 if style != "dark" else 0.35) for _ in range(3)]

    def stroke(pts, col, width=lw):
        d.line(_wobble(rng, pts, u * 0.05) if hand else pts, fill=col, width=width, joint="curve")

    def rect(x0, y0, x1, y1, col, fill=None):
        if fill is not None and not hand:
            d.rounded_rectangle([x0, y0, x1, y1], radius=int(u * rng.uniform(0, 0.4)), fill=fill)
        stroke([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], col)

    boxes: list[tuple[float, float, float, float]] = []
    if kind in ("uml", "er"):
        n = int(rng.integers(2, 6))
        cols = min(n, 3 if w > h else 2)
        rows = math.ceil(n / cols)
        cw, rh = w / cols, (h - u) / rows
        for k in range(n):
            lines = int(rng.integers(2, 6))
            bw, bh = min(cw * 0.7, u * 9), min(rh * 0.8, u * (1.4 + 0.8 * lines + (1.2 if kind == "uml" else 0)))
            x0 = (k % cols) * cw + (cw - bw) / 2 + rng.uniform(-0.1, 0.1) * cw
            y0 = u * 0.5 + (k // cols) * rh + (rh - bh) / 2
            col = pens[k % 4] if style == "whiteboard" else ink
            head = fill_pal[k % 3] if not hand else None
            if head is not None:
                d.rectangle([x0, y0, x0 + bw, y0 + u * 1.2], fill=head)
            rect(x0, y0, x0 + bw, y0 + bh, col)
            name = _brand(rng) if kind == "uml" else text.words(rng, 1, non_english=0)[0].lower() + "s"
            _text_c(d, x0 + bw / 2, y0 + u * 0.2, name, _fit(d, name, fb, bw * 0.9), col if head is None else _ink(head))
            stroke([(x0, y0 + u * 1.2), (x0 + bw, y0 + u * 1.2)], col)
            y = y0 + u * 1.4
            for i in range(lines):
                if y > y0 + bh - u * 0.8:
                    break
                word = text.words(rng, 1, non_english=0)[0].lower()
                typ = str(rng.choice(["int", "String", "bool", "float", "Date", "UUID", "varchar(64)", "List<T>"]))
                row = (f"{rng.choice(['+', '-', '#'])} {word}: {typ}" if kind == "uml" else f"{'id' if i == 0 else word}  {typ.upper()}{'  PK' if i == 0 else ''}")
                d.text((x0 + u * 0.3, y), row, font=_fit(d, row, f, bw - u * 0.5), fill=col)
                y += u * 0.8
                if kind == "uml" and i == lines // 2:
                    stroke([(x0, y), (x0 + bw, y)], col)
                    y += u * 0.2
            boxes.append((x0, y0, bw, bh))
        for k in range(1, n):
            a, b = boxes[int(rng.integers(k))], boxes[k]
            p, q = (a[0] + a[2] / 2, a[1] + a[3]), (b[0] + b[2] / 2, b[1])
            vertical = q[1] > p[1]
            if not vertical:
                p, q = (a[0] + a[2], a[1] + a[3] / 2), (b[0], b[1] + b[3] / 2)
            mid = ((p[0] + q[0]) / 2, p[1])
            col = pens[0] if style == "whiteboard" else ink
            stroke([p, mid, (mid[0], q[1]), q], col)
            if kind == "uml":  # hollow inheritance triangle at the parent
                d.regular_polygon((p[0], p[1] + u * 0.3, u * 0.35), 3, fill=bg, outline=col)
            else:  # crow's foot ("many") where the line meets the child table
                for s in (-1, 0, 1):
                    root = (q[0], q[1] - u * 0.5) if vertical else (q[0] - u * 0.5, q[1])
                    toe = (q[0] + s * u * 0.3, q[1]) if vertical else (q[0], q[1] + s * u * 0.3)
                    d.line([root, toe], fill=col, width=lw)
    elif kind == "flow":
        steps = ["Start", "Request", "Valid?", "Load user", "Cache hit?", "Query DB", "Render", "Send email", "Retry", "Log error", "Done"]
        n = int(rng.integers(4, 8))
        prev = None
        for i in range(n):
            cx = w / 2 + (u * 6 if i % 3 == 2 else 0) * (1 if rng.random() < 0.5 else -1)
            cy = u + (i + 0.5) * (h - 2 * u) / n
            bw, bh = u * 3.5, min(u * 0.9, (h - 2 * u) / n * 0.32)
            col = pens[i % 4] if style == "whiteboard" else ink
            label = steps[0] if i == 0 else (steps[-1] if i == n - 1 else str(rng.choice(steps[1:-1])))
            if label.endswith("?"):
                pts = [(cx, cy - bh * 1.3), (cx + bw, cy), (cx, cy + bh * 1.3), (cx - bw, cy), (cx, cy - bh * 1.3)]
                if not hand:
                    d.polygon(pts[:-1], fill=fill_pal[1])
                stroke(pts, col)
            elif i in (0, n - 1):
                d.rounded_rectangle([cx - bw, cy - bh, cx + bw, cy + bh], radius=bh, fill=None if hand else fill_pal[0], outline=col, width=lw)
            else:
                rect(cx - bw, cy - bh, cx + bw, cy + bh, col, fill_pal[2])
            _text_c(d, cx, cy - u * 0.4, label, _fit(d, label, f, bw * 1.7), col if hand or style == "dark" else (25, 25, 30))
            if prev is not None:
                ah = pens[0] if style == "whiteboard" else ink
                _arrow(d, (prev[0], prev[1] + prev[2] * 1.2), (cx, cy - bh * 1.25), ah, lw)
                if prev[3]:
                    d.text((prev[0] + u * 0.3, prev[1] + prev[2] * 1.4), "Yes", font=f, fill=ah)
            prev = (cx, cy, bh, label.endswith("?"))
    else:  # mind map: a central topic with curved branches to labelled pills
        cx, cy = w / 2, h / 2
        topic = text.title(rng, p_none=0) or "Ideas"
        topic = topic[:24]
        tw = _tw(d, topic, fb) / 2 + u
        n = int(rng.integers(4, 9))
        for i in range(n):
            a = 2 * math.pi * i / n + rng.uniform(-0.2, 0.2)
            col = _hsv(i / n + rng.random() * 0.1, 0.7, 0.85 if style != "whiteboard" else 0.55)
            ex, ey = cx + math.cos(a) * w * 0.33, cy + math.sin(a) * h * 0.33
            ctrl = [(cx + (ex - cx) * t + math.sin(t * math.pi) * u * 1.5, cy + (ey - cy) * t) for t in np.linspace(0, 1, 12)]
            d.line(ctrl, fill=col, width=max(2, int(u * 0.2)), joint="curve")
            lab = " ".join(text.words(rng, int(rng.integers(1, 3)), non_english=0)).title()
            lw2 = _tw(d, lab, f) / 2 + u * 0.4
            d.rounded_rectangle([ex - lw2, ey - u * 0.55, ex + lw2, ey + u * 0.55], radius=u * 0.55, fill=bg if hand else col, outline=col, width=lw)
            _text_c(d, ex, ey - u * 0.4, lab, f, col if hand else _ink(col))
            for k in range(int(rng.integers(0, 3))):  # sub-topics as plain text on twigs
                b = a + (k - 0.5) * 0.5
                sx, sy = ex + math.cos(b) * u * 4, ey + math.sin(b) * u * 2
                d.line([ex, ey, sx, sy], fill=col, width=max(1, lw // 2))
                d.text((sx, sy - u * 0.3), text.words(rng, 1, non_english=0)[0], font=f, fill=ink)
        d.rounded_rectangle([cx - tw, cy - u * 0.9, cx + tw, cy + u * 0.9], radius=u * 0.4, fill=fill_pal[0] if not hand else bg, outline=ink, width=lw * 2)
        _text_c(d, cx, cy - u * 0.5, topic, fb, _ink(fill_pal[0]) if not hand else ink)
    if style == "whiteboard":  # a phone photo of the board
        arr = np.asarray(img, np.float32)
        return Rendered(_photo_finish(rng, arr), f"swdiagram,{kind},{style}")
    return Rendered(img, f"swdiagram,{kind},{style}")


# --------------------------------------------------------------------------------------- board games

_PIECES = "KQRBNP"
_START = ["RNBQKBNR", "PPPPPPPP"]


def _chess(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A chess position on a two-tone board, with coordinates and sometimes a move list panel."""
    dark = rng.random() < 0.5
    bg: Color = (38, 36, 33) if dark else (240, 240, 240)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    side = int(min(h * 0.94, w * (0.62 if w > h * 1.2 else 0.94)))
    sq = side // 8
    x0, y0 = int(min(h, w) * 0.03), (h - 8 * sq) // 2
    light, darkc = [((240, 217, 181), (181, 136, 99)), ((238, 238, 210), (118, 150, 86)), ((222, 227, 230), (140, 162, 173)), ((255, 255, 255), (120, 120, 120))][int(rng.integers(4))]
    for j in range(8):
        for i in range(8):
            d.rectangle([x0 + i * sq, y0 + j * sq, x0 + (i + 1) * sq - 1, y0 + (j + 1) * sq - 1], fill=light if (i + j) % 2 == 0 else darkc)
    dejavu = [p for p in _font_files()["any"] if p.endswith("DejaVuSans.ttf")]
    glyph = _load(dejavu[0], int(sq * 0.85)) if dejavu else _font(rng, sq * 0.7, "bold")
    board = [[""] * 8 for _ in range(8)]
    for r, row in enumerate(_START):
        for c, p in enumerate(row):
            board[7 - r][c] = "w" + p
            board[r][c] = "b" + p
    for _ in range(int(rng.integers(0, 40))):  # scramble into a mid-game position
        a, b = rng.integers(8, size=2), rng.integers(8, size=2)
        if board[a[0]][a[1]] and board[a[0]][a[1]][1] != "K":
            board[b[0]][b[1]], board[a[0]][a[1]] = board[a[0]][a[1]], ("" if rng.random() < 0.5 else board[b[0]][b[1]])
    for j in range(8):
        for i in range(8):
            p = board[j][i]
            if not p:
                continue
            cx, cy = x0 + i * sq + sq / 2, y0 + j * sq
            if dejavu:
                ch = chr(0x265A + _PIECES.index(p[1]))  # solid glyphs, coloured per side
                fill, stroke = ((255, 255, 255), (20, 20, 20)) if p[0] == "w" else ((20, 20, 20), (230, 230, 230))
                try:
                    d.text((cx - _tw(d, ch, glyph) / 2, cy), ch, font=glyph, fill=fill, stroke_width=max(1, sq // 40), stroke_fill=stroke)
                except TypeError:
                    d.text((cx - _tw(d, ch, glyph) / 2, cy), ch, font=glyph, fill=fill)
            else:
                _text_c(d, cx, cy + sq * 0.1, p[1], glyph, (255, 255, 255) if p[0] == "w" else (0, 0, 0))
    fc = _font(rng, sq * 0.22, "bold")
    for i in range(8):
        d.text((x0 + i * sq + sq * 0.78, y0 + 8 * sq - sq * 0.28), "abcdefgh"[i], font=fc, fill=darkc if i % 2 == 0 else light)
        d.text((x0 + sq * 0.05, y0 + i * sq + sq * 0.03), str(8 - i), font=fc, fill=darkc if i % 2 == 0 else light)
    u = sq * 0.3
    px = x0 + 8 * sq + int(u)
    if w - px > sq * 2:
        fm = _font(rng, sq * 0.28, "mono")
        ink = _ink(bg)
        d.text((px, y0), f"{_brand(rng)} (1{int(rng.integers(200, 999))})", font=_font(rng, sq * 0.3, "bold"), fill=ink)
        moves = ["e4", "e5", "Nf3", "Nc6", "Bb5", "a6", "Ba4", "Nf6", "O-O", "Be7", "Re1", "b5", "Bb3", "d6", "c3", "O-O", "h3", "Nb8", "d4", "Nbd7"]
        for k in range(int(rng.integers(3, 10))):
            y = y0 + sq * 0.6 + k * sq * 0.38
            if y > y0 + 8 * sq - u:
                break
            d.text((px, y), f"{k + 1}.  {moves[(2 * k) % 20]:<6}{moves[(2 * k + 1) % 20]}", font=fm, fill=ink)
    return img


def _sudoku(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A sudoku grid: thick 3x3 box lines, given digits in black and pencilled-in digits in blue."""
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    cell = int(min(w, h) * 0.92 / 9)
    x0, y0 = (w - 9 * cell) // 2, (h - 9 * cell) // 2
    base = np.array([[(3 * (r % 3) + r // 3 + c) % 9 + 1 for c in range(9)] for r in range(9)])
    perm = rng.permutation(9) + 1
    grid = perm[base - 1]
    fg, fu = _font(rng, cell * 0.6, "bold"), _font(rng, cell * 0.55)
    hi = rng.integers(9, size=2)
    d.rectangle([x0, y0 + hi[0] * cell, x0 + 9 * cell, y0 + (hi[0] + 1) * cell], fill=(226, 235, 243))
    d.rectangle([x0 + hi[1] * cell, y0, x0 + (hi[1] + 1) * cell, y0 + 9 * cell], fill=(226, 235, 243))
    for r in range(9):
        for c in range(9):
            v = rng.random()
            if v < 0.38:
                _text_c(d, x0 + c * cell + cell / 2, y0 + r * cell + cell * 0.15, str(grid[r, c]), fg, (20, 20, 20))
            elif v < 0.5:
                _text_c(d, x0 + c * cell + cell / 2, y0 + r * cell + cell * 0.18, str(grid[r, c]), fu, (40, 90, 200))
    for k in range(10):
        lw = 3 if k % 3 == 0 else 1
        d.line([x0 + k * cell, y0, x0 + k * cell, y0 + 9 * cell], fill=(30, 30, 30), width=lw)
        d.line([x0, y0 + k * cell, x0 + 9 * cell, y0 + k * cell], fill=(30, 30, 30), width=lw)
    return img


def _crossword(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    """A crossword: a square grid with symmetric black squares, clue numbers, some letters, clue lists beside."""
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    n = int(rng.choice([9, 11, 13, 15]))
    side = min(h * 0.92, w * (0.6 if w > h * 1.2 else 0.92))
    cell = int(side / n)
    x0, y0 = int(min(w, h) * 0.04), (h - n * cell) // 2
    black = rng.random((n, n)) < rng.uniform(0.12, 0.2)
    black = black | black[::-1, ::-1]
    fn, fl = _font(rng, cell * 0.28), _font(rng, cell * 0.6, "bold")
    num = 0
    for r in range(n):
        for c in range(n):
            x, y = x0 + c * cell, y0 + r * cell
            if black[r, c]:
                d.rectangle([x, y, x + cell, y + cell], fill=(0, 0, 0))
                continue
            d.rectangle([x, y, x + cell, y + cell], outline=(0, 0, 0))
            starts = (c == 0 or black[r, c - 1]) or (r == 0 or black[r - 1, c])
            if starts:
                num += 1
                d.text((x + 2, y + 1), str(num), font=fn, fill=(0, 0, 0))
            if rng.random() < 0.35:
                _text_c(d, x + cell / 2, y + cell * 0.3, chr(65 + int(rng.integers(26))), fl, (20, 20, 120))
    px = x0 + n * cell + cell
    if w - px > 120:
        fc, fh = _font(rng, max(10, cell * 0.35)), _font(rng, max(11, cell * 0.42), "bold")
        y = y0
        for head in ("ACROSS", "DOWN"):
            d.text((px, y), head, font=fh, fill=(0, 0, 0))
            y += cell * 0.6
            for k in range(int(rng.integers(3, 8))):
                clue = f"{int(rng.integers(1, max(2, num)))}. {_sentence(rng, 2, 6)} ({int(rng.integers(3, 9))})"
                d.text((px, y), text.wrap_lines(d, clue, fc, int(w - px - 10))[0], font=fc, fill=(30, 30, 30))
                y += cell * 0.5
            y += cell * 0.4
    return img


@renderer(LABEL, "pillow")
@_latin
def board_game_pillow(rng: np.random.Generator) -> Rendered:
    """Board-game and puzzle screenshots: a chess position with move list, a sudoku or a crossword."""
    w, h = _size(rng)
    w, h = max(w, 360), max(h, 300)
    kind = str(rng.choice(["chess", "sudoku", "crossword"]))
    img = {"chess": _chess, "sudoku": _sudoku, "crossword": _crossword}[kind](rng, w, h)
    return Rendered(img, f"boardgame,{kind}")


# --------------------------------------------------------------------------------------- street maps


@renderer(LABEL, "pillow")
@_latin
def street_map_pillow(rng: np.random.Generator) -> Rendered:
    """Web street maps: a road grid with main roads, parks, water, blocks, street names, pins, zoom buttons and a scale bar."""
    w, h = _size(rng)
    dark = rng.random() < 0.25
    land, park, water, road, casing, major, block, label = (
        ((36, 40, 52), (40, 62, 52), (22, 30, 48), (70, 76, 92), (30, 34, 44), (110, 96, 70), (44, 48, 60), (200, 205, 215)) if dark
        else ((242, 239, 233), (200, 230, 190), (170, 211, 223), (255, 255, 255), (210, 205, 195), (252, 214, 164), (228, 224, 216), (70, 70, 80)))
    img = Image.new("RGB", (w, h), land)
    d = ImageDraw.Draw(img)
    rot = rng.uniform(-0.4, 0.4)
    ca, sa = math.cos(rot), math.sin(rot)
    sp = rng.uniform(40, 90)

    def tr(x: float, y: float) -> tuple[float, float]:
        return (w / 2 + (x * ca - y * sa), h / 2 + (x * sa + y * ca))

    span = int(max(w, h) / sp) + 2
    for i in range(-span, span):  # building blocks between the streets
        for j in range(-span, span):
            if rng.random() < 0.6:
                m = sp * 0.18
                d.polygon([tr(i * sp + m, j * sp + m), tr((i + 1) * sp - m, j * sp + m), tr((i + 1) * sp - m, (j + 1) * sp - m), tr(i * sp + m, (j + 1) * sp - m)], fill=block)
    for _ in range(int(rng.integers(1, 4))):  # parks
        i, j = rng.integers(-span // 2, span // 2, size=2)
        a, b = rng.integers(1, 3, size=2)
        d.polygon([tr(i * sp, j * sp), tr((i + a) * sp, j * sp), tr((i + a) * sp, (j + b) * sp), tr(i * sp, (j + b) * sp)], fill=park)
    rw = max(4, int(sp * 0.16))
    for k in range(-span, span):
        if rng.random() < 0.85:
            d.line([tr(k * sp, -span * sp), tr(k * sp, span * sp)], fill=road, width=rw)
        if rng.random() < 0.85:
            d.line([tr(-span * sp, k * sp), tr(span * sp, k * sp)], fill=road, width=rw)
    if rng.random() < 0.7:  # a river
        y0, amp, lam = rng.uniform(0.2, 0.8) * h, rng.uniform(0.05, 0.2) * h, rng.uniform(0.6, 1.5) * w
        pts = [(x, y0 + amp * math.sin(2 * math.pi * x / lam)) for x in np.linspace(-20, w + 20, 40)]
        d.line(pts, fill=water, width=int(rng.uniform(0.05, 0.12) * min(w, h)), joint="curve")
    for _ in range(int(rng.integers(1, 3))):  # main roads / a highway: cased, coloured, curving
        x0, x1 = rng.uniform(0, w), rng.uniform(0, w)
        bend = rng.uniform(-0.2, 0.2) * w
        pts = [(x0 + (x1 - x0) * t + bend * math.sin(math.pi * t), -10 + (h + 20) * t) for t in np.linspace(0, 1, 20)]
        d.line(pts, fill=casing, width=rw * 2 + 4, joint="curve")
        d.line(pts, fill=major, width=rw * 2, joint="curve")
    f = _font(rng, max(9, sp * 0.2))
    names = ["St", "Ave", "Rd", "Blvd", "Lane", "Way", "Str.", "Park"]
    for _ in range(int(rng.integers(4, 12))):
        k = int(rng.integers(-span // 2, span // 2))
        x, y = tr(rng.uniform(-0.4, 0.4) * w, k * sp)
        s = f"{text.words(rng, 1, non_english=0.2)[0].title()} {rng.choice(names)}"
        try:
            d.text((x, y - sp * 0.1), s, font=f, fill=label, stroke_width=2, stroke_fill=land)
        except TypeError:
            d.text((x, y - sp * 0.1), s, font=f, fill=label)
    for _ in range(int(rng.integers(0, 4))):  # map pins
        px, py, r = rng.uniform(0.1, 0.9) * w, rng.uniform(0.15, 0.9) * h, max(7, min(w, h) * 0.025)
        pc = (234, 67, 53) if rng.random() < 0.7 else _hsv(rng.random(), 0.8, 0.9)
        d.polygon([(px - r * 0.85, py - r * 1.6), (px, py), (px + r * 0.85, py - r * 1.6)], fill=pc)
        d.ellipse([px - r, py - r * 2.6, px + r, py - r * 0.6], fill=pc)
        d.ellipse([px - r * 0.35, py - r * 1.95, px + r * 0.35, py - r * 1.25], fill=_shade(pc, 0.5))
    if rng.random() < 0.7:  # zoom buttons and scale bar
        b = max(18, int(min(w, h) * 0.05))
        bx, by = w - b - 10, h - 2 * b - 30
        for k, sym in enumerate("+-"):
            d.rectangle([bx, by + k * b, bx + b, by + (k + 1) * b], fill=(255, 255, 255), outline=(190, 190, 190))
            _text_c(d, bx + b / 2, by + k * b + b * 0.1, sym, _font(rng, b * 0.7, "bold"), (80, 80, 80))
        d.line([10, h - 14, 10 + b * 2, h - 14], fill=label, width=2)
        d.text((10, h - 14 - b * 0.6), f"{int(rng.choice([50, 100, 200, 500]))} m", font=f, fill=label)
    return Rendered(img, f"streetmap{',dark' if dark else ''}")
