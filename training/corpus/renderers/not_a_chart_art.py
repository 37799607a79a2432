"""More images that are *not* charts: clip art, logos, textures, line art, covers and styled tables.

These are the kinds of pictures a chart classifier easily mistakes for charts: flat vector art made of
round shapes and colour bands, emblems with wordmarks, regular patterns (bricks, tiles, weaves), colour
gradients and hue wheels, maze / floor-plan / wireframe line drawings, title slides and book covers,
and small web-styled tables with big fonts. Everything is drawn with Pillow + numpy from the ``rng``;
fonts and colour helpers come from :mod:`training.corpus.renderers.not_a_chart`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from training.corpus import text
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.not_a_chart import _font, _hsv, _photo_finish, _rgb, _sentence, _size, _smooth_noise, _texture, _tw

LABEL = "not_a_chart"

Color = tuple[int, int, int]
Paint = Callable[[], Color]
SS = 2  # supersampling factor for the flat vector drawings


# --------------------------------------------------------------------------------------- shared bits


def _star_pts(cx: float, cy: float, r: float, n: int = 5, inner: float = 0.45, rot: float = -math.pi / 2) -> list[tuple[float, float]]:
    """Vertices of an ``n``-pointed star."""
    return [(cx + (r if i % 2 == 0 else r * inner) * math.cos(rot + i * math.pi / n), cy + (r if i % 2 == 0 else r * inner) * math.sin(rot + i * math.pi / n)) for i in range(2 * n)]


def _shade(c: Color, k: float) -> Color:
    """``c`` darkened (k < 1) or lightened towards white (k > 1)."""
    if k <= 1:
        return tuple(int(v * k) for v in c)  # type: ignore[return-value]
    return tuple(int(v + (255 - v) * min(1.0, k - 1)) for v in c)  # type: ignore[return-value]


def _background(rng: np.random.Generator, w: int, h: int) -> tuple[Image.Image, Color]:
    """White, plain coloured, pale tint or 'transparent' checkerboard canvas; returns it and its main colour."""
    r = rng.random()
    if r < 0.45:
        return Image.new("RGB", (w, h), (255, 255, 255)), (255, 255, 255)
    if r < 0.6:  # transparent-looking checkerboard, as image viewers show PNGs with alpha
        a = np.full((h, w), 255, np.uint8)
        c = int(rng.integers(8, 20)) * SS
        yy, xx = np.mgrid[0:h, 0:w]
        a[((yy // c + xx // c) % 2) == 1] = 204
        return Image.fromarray(a).convert("RGB"), (230, 230, 230)
    if r < 0.8:
        c = _hsv(rng.random(), rng.uniform(0.05, 0.25), rng.uniform(0.9, 1.0))
    else:
        c = _hsv(rng.random(), rng.uniform(0.3, 0.9), rng.uniform(0.25, 0.95))
    return Image.new("RGB", (w, h), c), c


def _paint(rng: np.random.Generator, silhouette: Color | None) -> Paint:
    """A colour source: a fixed silhouette colour, or colours from a small harmonious palette."""
    if silhouette is not None:
        return lambda: silhouette
    h0, spread = rng.random(), rng.uniform(0.05, 0.5)
    pal = [_hsv(h0 + rng.normal(0, spread), rng.uniform(0.35, 0.95), rng.uniform(0.45, 1.0)) for _ in range(int(rng.integers(3, 7)))]
    return lambda: pal[int(rng.integers(len(pal)))]


def _brand(rng: np.random.Generator) -> str:
    """An invented brand / title word from syllables."""
    syl = ["no", "va", "ly", "ze", "ta", "ko", "ri", "an", "mo", "lu", "ex", "io", "ra", "ven", "sol", "tri", "bel", "or", "pix", "qu", "fin", "sta"]
    s = "".join(str(rng.choice(syl)) for _ in range(int(rng.integers(2, 4))))
    return s.title() if rng.random() < 0.7 else (s.upper() if rng.random() < 0.5 else s)


def _fit(d: ImageDraw.ImageDraw, s: str, font, width: float):
    """``font`` scaled down (same face) so that ``s`` is at most ``width`` wide."""
    tw = _tw(d, s, font)
    if tw <= width or not hasattr(font, "font_variant"):
        return font
    return font.font_variant(size=max(6, int(font.size * width / tw)))


def _finish(img: Image.Image, w: int, h: int) -> Image.Image:
    """Downsample a supersampled drawing to its final size (anti-aliasing)."""
    return img.resize((w, h), Image.LANCZOS)


# --------------------------------------------------------------------------------------- clip art


def _animal(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A four-legged animal: body and head ellipses, ears, legs, tail (dog / cat / bear / sheep-like)."""
    body, dark = paint(), paint()
    bw, bh = s * rng.uniform(0.55, 0.8), s * rng.uniform(0.3, 0.45)
    face = 1 if rng.random() < 0.5 else -1
    leg_h, leg_w = s * rng.uniform(0.25, 0.5), s * rng.uniform(0.08, 0.14)
    for lx in (-0.65, -0.35, 0.35, 0.65):
        x = cx + lx * bw
        d.rounded_rectangle([x - leg_w / 2, cy, x + leg_w / 2, cy + bh * 0.6 + leg_h], radius=leg_w / 2, fill=dark, outline=ol, width=lw)
    tx = cx - face * bw * 0.9
    d.line([tx, cy - bh * 0.2, tx - face * s * 0.3, cy - bh * rng.uniform(0.4, 1.4)], fill=dark, width=int(s * rng.uniform(0.05, 0.12)))
    if rng.random() < 0.4:  # woolly body
        for i in range(9):
            a = 2 * math.pi * i / 9
            r = bh * 0.55
            d.ellipse([cx + bw * 0.8 * math.cos(a) - r, cy + bh * 0.7 * math.sin(a) - r, cx + bw * 0.8 * math.cos(a) + r, cy + bh * 0.7 * math.sin(a) + r], fill=body, outline=ol, width=lw)
    d.ellipse([cx - bw, cy - bh, cx + bw, cy + bh], fill=body, outline=ol, width=lw)
    hx, hy, hr = cx + face * bw * 0.95, cy - bh * rng.uniform(0.7, 1.3), s * rng.uniform(0.22, 0.32)
    if rng.random() < 0.5:  # pointed ears
        for e in (-0.6, 0.3):
            ex = hx + face * e * hr
            d.polygon([(ex - hr * 0.35, hy - hr * 0.6), (ex + hr * 0.35, hy - hr * 0.6), (ex, hy - hr * 1.5)], fill=dark, outline=ol)
    else:  # round ears
        for e in (-0.7, 0.6):
            ex, r = hx + e * hr, hr * 0.4
            d.ellipse([ex - r, hy - hr * 0.9 - r, ex + r, hy - hr * 0.9 + r], fill=dark, outline=ol, width=lw)
    d.ellipse([hx - hr, hy - hr, hx + hr, hy + hr], fill=body, outline=ol, width=lw)
    sx = hx + face * hr * 0.7
    d.ellipse([sx - hr * 0.45, hy - hr * 0.05, sx + hr * 0.45, hy + hr * 0.6], fill=_shade(body, 1.35), outline=ol, width=lw)
    er = hr * 0.12
    d.ellipse([hx + face * hr * 0.25 - er, hy - hr * 0.35 - er, hx + face * hr * 0.25 + er, hy - hr * 0.35 + er], fill=(25, 25, 25) if body != (0, 0, 0) else (255, 255, 255))


def _bird(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A round bird / chick / penguin: body, head, wing, beak and feet."""
    body, wing, beak = paint(), paint(), _hsv(rng.uniform(0.05, 0.12), 0.9, 1.0) if rng.random() < 0.7 else paint()
    face = 1 if rng.random() < 0.5 else -1
    bw, bh = s * rng.uniform(0.45, 0.6), s * rng.uniform(0.5, 0.7)
    for fx in (-0.25, 0.25):
        d.line([cx + fx * bw, cy + bh * 0.9, cx + fx * bw, cy + bh * 1.2], fill=beak, width=max(2, int(s * 0.05)))
    d.ellipse([cx - bw, cy - bh, cx + bw, cy + bh], fill=body, outline=ol, width=lw)
    if rng.random() < 0.5:  # belly
        d.ellipse([cx - bw * 0.6 + face * bw * 0.15, cy - bh * 0.4, cx + bw * 0.6 + face * bw * 0.15, cy + bh * 0.9], fill=_shade(body, 1.6))
    hr = s * rng.uniform(0.25, 0.35)
    hx, hy = cx + face * bw * 0.35, cy - bh * 0.85
    d.ellipse([hx - hr, hy - hr, hx + hr, hy + hr], fill=body, outline=ol, width=lw)
    bx = hx + face * hr * 0.9
    d.polygon([(bx, hy - hr * 0.2), (bx, hy + hr * 0.25), (bx + face * hr * 0.7, hy + hr * 0.05)], fill=beak, outline=ol)
    d.chord([cx - bw * 0.9, cy - bh * 0.3, cx + bw * 0.5, cy + bh * 0.6], 0, 180, fill=wing, outline=ol, width=lw)
    er = hr * 0.15
    d.ellipse([hx + face * hr * 0.35 - er, hy - hr * 0.25 - er, hx + face * hr * 0.35 + er, hy - hr * 0.25 + er], fill=(20, 20, 20) if body != (0, 0, 0) else (255, 255, 255))


def _gift(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A gift box with a ribbon cross and a bow."""
    box, rib = paint(), paint()
    bw, bh = s * rng.uniform(0.55, 0.8), s * rng.uniform(0.45, 0.7)
    top = cy - bh * 0.4
    d.rectangle([cx - bw * 0.9, top, cx + bw * 0.9, cy + bh], fill=box, outline=ol, width=lw)
    d.rectangle([cx - bw, top - bh * 0.3, cx + bw, top], fill=_shade(box, 0.85), outline=ol, width=lw)
    rw = bw * rng.uniform(0.12, 0.22)
    d.rectangle([cx - rw / 2, top - bh * 0.3, cx + rw / 2, cy + bh], fill=rib, outline=ol, width=lw)
    if rng.random() < 0.6:
        d.rectangle([cx - bw * 0.9, (top + cy + bh) / 2 - rw / 2, cx + bw * 0.9, (top + cy + bh) / 2 + rw / 2], fill=rib, outline=ol, width=lw)
    by = top - bh * 0.3
    for side in (-1, 1):
        d.ellipse([cx + side * bw * 0.5 - bw * 0.3, by - bh * 0.35, cx + side * bw * 0.5 + bw * 0.3, by + bh * 0.05], fill=rib, outline=ol, width=lw)
    d.ellipse([cx - rw * 0.7, by - rw * 0.7, cx + rw * 0.7, by + rw * 0.5], fill=_shade(rib, 0.8), outline=ol, width=lw)


def _house(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A house: walls, roof, chimney, door and windows."""
    wall, roof, trim = paint(), paint(), paint()
    bw, bh = s * rng.uniform(0.6, 0.85), s * rng.uniform(0.5, 0.7)
    top = cy - bh * 0.2
    d.rectangle([cx + bw * 0.4, top - bh * 0.9, cx + bw * 0.6, top - bh * 0.2], fill=_shade(roof, 0.8), outline=ol, width=lw)
    d.rectangle([cx - bw * 0.8, top, cx + bw * 0.8, cy + bh], fill=wall, outline=ol, width=lw)
    d.polygon([(cx - bw, top + 2), (cx, top - bh * rng.uniform(0.6, 1.0)), (cx + bw, top + 2)], fill=roof, outline=ol)
    dw = bw * 0.22
    d.rounded_rectangle([cx - dw / 2, cy + bh * 0.25, cx + dw / 2, cy + bh], radius=dw * 0.3, fill=trim, outline=ol, width=lw)
    glass = (255, 255, 255) if wall == (0, 0, 0) else _hsv(rng.uniform(0.5, 0.6), 0.35, 1.0)
    for wx in (-0.5, 0.5):
        x = cx + wx * bw
        d.rectangle([x - bw * 0.14, cy + bh * 0.05, x + bw * 0.14, cy + bh * 0.4], fill=glass, outline=trim, width=max(2, lw))
        d.line([x, cy + bh * 0.05, x, cy + bh * 0.4], fill=trim, width=max(2, lw))


def _tree(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A pine (stacked triangles) or a leafy tree (clustered circles) on a trunk."""
    leaf = paint() if rng.random() < 0.5 else _hsv(rng.uniform(0.22, 0.42), rng.uniform(0.4, 0.9), rng.uniform(0.35, 0.8))
    trunk = paint() if leaf == (0, 0, 0) else _hsv(rng.uniform(0.05, 0.1), 0.6, rng.uniform(0.3, 0.5))
    tw = s * rng.uniform(0.08, 0.15)
    d.rectangle([cx - tw, cy + s * 0.2, cx + tw, cy + s], fill=trunk, outline=ol, width=lw)
    if rng.random() < 0.5:
        for k in range(3):
            y = cy + s * 0.35 - k * s * 0.4
            r = s * (0.7 - k * 0.15)
            d.polygon([(cx - r, y), (cx, y - s * 0.65), (cx + r, y)], fill=_shade(leaf, 1 - 0.1 * k), outline=ol)
    else:
        for _ in range(int(rng.integers(4, 8))):
            r = s * rng.uniform(0.25, 0.4)
            x, y = cx + rng.uniform(-0.4, 0.4) * s, cy - s * 0.25 + rng.uniform(-0.35, 0.3) * s
            d.ellipse([x - r, y - r, x + r, y + r], fill=leaf, outline=ol, width=lw)
        if rng.random() < 0.5:  # fruit
            fruit = _hsv(rng.uniform(-0.03, 0.1), 0.9, 0.95)
            for _ in range(int(rng.integers(3, 8))):
                x, y, r = cx + rng.uniform(-0.5, 0.5) * s, cy - s * 0.25 + rng.uniform(-0.4, 0.3) * s, s * 0.06
                d.ellipse([x - r, y - r, x + r, y + r], fill=fruit)


def _car(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A side-view car / van: body, cabin with windows, wheels with hubs."""
    body = paint()
    bw, bh = s * rng.uniform(0.8, 1.0), s * rng.uniform(0.22, 0.32)
    ch = bh * rng.uniform(0.8, 1.4)
    d.polygon([(cx - bw * 0.55, cy - bh), (cx - bw * 0.35, cy - bh - ch), (cx + bw * 0.25, cy - bh - ch), (cx + bw * 0.5, cy - bh)], fill=body, outline=ol)
    glass = (255, 255, 255) if body == (0, 0, 0) else _hsv(rng.uniform(0.5, 0.6), 0.3, 0.95)
    d.polygon([(cx - bw * 0.45, cy - bh - 2), (cx - bw * 0.31, cy - bh - ch * 0.8), (cx - bw * 0.07, cy - bh - ch * 0.8), (cx - bw * 0.07, cy - bh - 2)], fill=glass)
    d.polygon([(cx + bw * 0.0, cy - bh - 2), (cx + bw * 0.0, cy - bh - ch * 0.8), (cx + bw * 0.21, cy - bh - ch * 0.8), (cx + bw * 0.4, cy - bh - 2)], fill=glass)
    d.rounded_rectangle([cx - bw, cy - bh * 1.05, cx + bw, cy + bh * 0.6], radius=bh * 0.45, fill=body, outline=ol, width=lw)
    for wx in (-0.6, 0.6):
        x, r = cx + wx * bw, bh * 0.75
        d.ellipse([x - r, cy + bh * 0.4 - r, x + r, cy + bh * 0.4 + r], fill=(30, 30, 35))
        d.ellipse([x - r * 0.45, cy + bh * 0.4 - r * 0.45, x + r * 0.45, cy + bh * 0.4 + r * 0.45], fill=(200, 200, 205))
    d.ellipse([cx + bw * 0.88, cy - bh * 0.6, cx + bw, cy - bh * 0.25], fill=(255, 230, 120))


def _cup(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A mug or teacup on a saucer, with a handle and steam."""
    cup = paint()
    cw, ch = s * rng.uniform(0.4, 0.55), s * rng.uniform(0.5, 0.75)
    if rng.random() < 0.5:
        d.ellipse([cx - cw * 1.6, cy + ch * 0.85, cx + cw * 1.6, cy + ch * 1.15], fill=_shade(cup, 0.8), outline=ol, width=lw)
    hr = ch * 0.3
    d.ellipse([cx + cw * 0.7, cy - hr, cx + cw * 0.7 + hr * 2, cy + hr], outline=cup, width=max(3, int(hr * 0.4)))
    d.rounded_rectangle([cx - cw, cy - ch * 0.5, cx + cw, cy + ch], radius=cw * 0.3, fill=cup, outline=ol, width=lw)
    d.ellipse([cx - cw, cy - ch * 0.62, cx + cw, cy - ch * 0.38], fill=_hsv(0.07, 0.7, 0.35) if cup != (0, 0, 0) else (0, 0, 0))
    if rng.random() < 0.6:  # steam
        for k in (-1, 0, 1):
            pts = [(cx + k * cw * 0.45 + math.sin(t * 1.5) * cw * 0.12, cy - ch * 0.7 - t * ch * 0.15) for t in np.linspace(0, 4, 12)]
            d.line(pts, fill=(170, 170, 170), width=max(2, int(s * 0.03)), joint="curve")
    if rng.random() < 0.5 and cup != (0, 0, 0):  # a heart / band decoration
        d.rectangle([cx - cw, cy + ch * 0.1, cx + cw, cy + ch * 0.25], fill=_shade(cup, 1.5))


def _mascot(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A blob / robot-ish mascot: big head with eyes, small body and arms."""
    body = paint()
    if rng.random() < 0.5:
        d.rounded_rectangle([cx - s * 0.45, cy - s * 0.7, cx + s * 0.45, cy + s * 0.1], radius=s * rng.uniform(0.05, 0.3), fill=body, outline=ol, width=lw)
        d.line([cx, cy - s * 0.7, cx, cy - s * 0.9], fill=body, width=max(2, int(s * 0.04)))
        d.ellipse([cx - s * 0.06, cy - s * 0.98, cx + s * 0.06, cy - s * 0.86], fill=paint())
    else:
        d.ellipse([cx - s * 0.55, cy - s * 0.8, cx + s * 0.55, cy + s * 0.2], fill=body, outline=ol, width=lw)
    d.rounded_rectangle([cx - s * 0.35, cy + s * 0.05, cx + s * 0.35, cy + s * 0.8], radius=s * 0.12, fill=_shade(body, 0.85), outline=ol, width=lw)
    for side in (-1, 1):
        d.line([cx + side * s * 0.35, cy + s * 0.3, cx + side * s * 0.6, cy + s * rng.uniform(-0.1, 0.5)], fill=_shade(body, 0.7), width=max(3, int(s * 0.07)))
    eye = (255, 255, 255)
    for side in (-1, 1):
        x, y, r = cx + side * s * 0.2, cy - s * 0.35, s * rng.uniform(0.08, 0.14)
        d.ellipse([x - r, y - r, x + r, y + r], fill=eye)
        d.ellipse([x - r * 0.45, y - r * 0.3, x + r * 0.45, y + r * 0.6], fill=(20, 20, 20))
    d.arc([cx - s * 0.2, cy - s * 0.3, cx + s * 0.2, cy - s * 0.05], 20, 160, fill=(20, 20, 20) if body != (0, 0, 0) else eye, width=max(2, int(s * 0.03)))


def _hex_tree_emblem(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A round logo holding a tree made of hexagons (or circles) on a trunk."""
    ring = paint()
    d.ellipse([cx - s, cy - s, cx + s, cy + s], fill=ring if rng.random() < 0.5 else None, outline=ring, width=max(3, int(s * 0.06)))
    inner = (255, 255, 255) if rng.random() < 0.5 else _shade(ring, 1.8)
    d.ellipse([cx - s * 0.88, cy - s * 0.88, cx + s * 0.88, cy + s * 0.88], fill=inner)
    trunk = paint()
    d.polygon([(cx - s * 0.08, cy + s * 0.7), (cx - s * 0.04, cy + s * 0.05), (cx + s * 0.04, cy + s * 0.05), (cx + s * 0.08, cy + s * 0.7)], fill=trunk)
    r = s * rng.uniform(0.09, 0.13)
    circles = rng.random() < 0.3
    for row in range(4):
        n = row + 1
        y = cy - s * 0.55 + row * r * 1.6
        for i in range(n):
            x = cx + (i - (n - 1) / 2) * r * 1.85
            if circles:
                d.ellipse([x - r * 0.9, y - r * 0.9, x + r * 0.9, y + r * 0.9], fill=paint())
            else:
                d.regular_polygon((x, y, r * 0.95), 6, rotation=30, fill=paint())


def _striped_emblem(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, s: float, paint: Paint, ol, lw: int) -> None:
    """A retro emblem: a disc or shield filled with horizontal colour bands, maybe a star or peak on top."""
    im = d._image  # type: ignore[attr-defined]
    layer = Image.new(im.mode, im.size)
    ld = ImageDraw.Draw(layer)
    n = int(rng.integers(3, 8))
    h0 = rng.random()
    cols = [_hsv(h0 + 0.06 * k, rng.uniform(0.5, 0.95), rng.uniform(0.7, 1.0)) for k in range(n)]
    for k in range(n):
        ld.rectangle([cx - s, cy - s + 2 * s * k / n, cx + s, cy - s + 2 * s * (k + 1) / n], fill=cols[k])
    mask = Image.new("L", im.size, 0)
    md = ImageDraw.Draw(mask)
    if rng.random() < 0.6:
        md.ellipse([cx - s, cy - s, cx + s, cy + s], fill=255)
    else:
        md.polygon([(cx - s * 0.85, cy - s), (cx + s * 0.85, cy - s), (cx + s * 0.85, cy + s * 0.1), (cx, cy + s), (cx - s * 0.85, cy + s * 0.1)], fill=255)
    im.paste(layer, (0, 0), mask)
    dark = paint()
    if rng.random() < 0.5:
        d.polygon([(cx - s * 0.7, cy + s * 0.6), (cx - s * 0.15, cy - s * 0.2), (cx + s * 0.1, cy + s * 0.15), (cx + s * 0.35, cy - s * 0.05), (cx + s * 0.8, cy + s * 0.6)], fill=dark)
    else:
        d.polygon(_star_pts(cx, cy, s * 0.45), fill=dark)


_CLIPART = {"animal": _animal, "bird": _bird, "gift": _gift, "house": _house, "tree": _tree, "car": _car, "cup": _cup, "mascot": _mascot,
            "hextree": _hex_tree_emblem, "stripes": _striped_emblem}


@renderer(LABEL, "pillow")
def clipart_pillow(rng: np.random.Generator) -> Rendered:
    """Flat vector clip art: animals, birds, gifts, houses, trees, cars, cups, mascots and emblems; sometimes as silhouettes."""
    w, h = _size(rng, photo=rng.random() < 0.5)
    W, H = w * SS, h * SS
    img, bg = _background(rng, W, H)
    sil: Color | None = None
    look = "flat"
    r = rng.random()
    if r < 0.2:
        sil, look = ((0, 0, 0) if rng.random() < 0.7 else _hsv(rng.random(), 0.8, rng.uniform(0.2, 0.6))), "silhouette"
        if sum(bg) < 300:
            img, bg = Image.new("RGB", (W, H), (255, 255, 255)), (255, 255, 255)
    ol, lw = None, 1
    if sil is None and rng.random() < 0.35:
        ol, lw, look = (25, 25, 30), int(rng.integers(2, 6)) * SS, "outlined"
    paint = _paint(rng, sil)
    kinds = list(_CLIPART)
    n = 1 if rng.random() < 0.65 else int(rng.integers(2, 5 if W > H * 1.2 else 3))
    chosen = [str(rng.choice(kinds)) for _ in range(n)]
    layer = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for i, kind in enumerate(chosen):
        s = min(W / n, H) * (rng.uniform(0.3, 0.44) if n == 1 else rng.uniform(0.26, 0.38))
        cx = W * (i + 0.5) / n + rng.uniform(-0.05, 0.05) * W / n
        cy = H * rng.uniform(0.45, 0.55)
        _CLIPART[kind](d, rng, cx, cy, s, paint, ol, lw)
    alpha = np.asarray(layer)[..., 3:4].astype(np.float32) / 255
    rgb = np.asarray(layer)[..., :3].astype(np.float32)
    if sil is None and rng.random() < 0.4:  # simple flat shading: darker lower-right half
        look += ",shaded"
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        ang = rng.uniform(0, 2 * math.pi)
        band = (np.sin(xx / W * 6 + yy / H * 6 + ang) > 0.3).astype(np.float32)
        rgb = rgb * (1 - rng.uniform(0.08, 0.2) * band[..., None])
    if rng.random() < 0.4:  # soft ground shadow
        sh = Image.fromarray((alpha[..., 0] * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(12 * SS))
        sa = np.asarray(sh, np.float32)[..., None] / 255 * 0.25
        off = int(8 * SS)
        sa = np.roll(np.roll(sa, off, 0), off, 1)
    else:
        sa = 0.0
    base = np.asarray(img, np.float32) * (1 - sa)
    out = base * (1 - alpha) + rgb * alpha
    pic = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    if rng.random() < 0.3:  # a caption under the art, as on sticker / stock sites
        dd = ImageDraw.Draw(pic)
        f = _font(rng, H * rng.uniform(0.05, 0.08), "bold")
        cap = text.words(rng, 1, non_english=0)[0].title() if rng.random() < 0.5 else _brand(rng)
        dd.text(((W - _tw(dd, cap, f)) / 2, H * 0.9 - H * 0.04), cap, font=f, fill=(40, 40, 40) if sum(bg) > 400 else (245, 245, 245))
    return Rendered(_finish(pic, w, h), f"clipart,{look},{'+'.join(sorted(set(chosen)))}")


# --------------------------------------------------------------------------------------- logos


def _mark(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, cy: float, r: float, col: Color, col2: Color, initials: str) -> str:
    """An emblem: circle / ring / shield / rounded square / hexagon / seal, holding initials or an icon."""
    shape = str(rng.choice(["circle", "ring", "shield", "square", "hexagon", "seal", "none"]))
    inner_col: Color = (255, 255, 255)
    if shape == "circle":
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)
    elif shape == "ring":
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=col, width=max(3, int(r * 0.12)))
        inner_col = col
    elif shape == "shield":
        d.polygon([(cx - r * 0.85, cy - r), (cx + r * 0.85, cy - r), (cx + r * 0.85, cy + r * 0.05), (cx, cy + r * 1.05), (cx - r * 0.85, cy + r * 0.05)], fill=col)
    elif shape == "square":
        d.rounded_rectangle([cx - r, cy - r, cx + r, cy + r], radius=r * rng.uniform(0.1, 0.45), fill=col)
    elif shape == "hexagon":
        d.regular_polygon((cx, cy, r), 6, rotation=float(rng.choice([0, 30])), fill=col)
    elif shape == "seal":
        d.polygon(_star_pts(cx, cy, r, n=int(rng.integers(12, 24)), inner=0.88), fill=col)
        d.ellipse([cx - r * 0.72, cy - r * 0.72, cx + r * 0.72, cy + r * 0.72], outline=(255, 255, 255), width=max(2, int(r * 0.04)))
    else:
        inner_col = col
    icon = str(rng.choice(["letters", "star", "peaks", "bolt", "leaf", "drop"]))
    if icon == "letters":
        f = _font(rng, r * (1.1 if len(initials) == 1 else 0.8), "bold")
        tw = _tw(d, initials, f)
        d.text((cx - tw / 2, cy - r * (0.62 if len(initials) == 1 else 0.45)), initials, font=f, fill=inner_col)
    elif icon == "star":
        d.polygon(_star_pts(cx, cy, r * 0.55, n=int(rng.choice([4, 5, 6]))), fill=inner_col if rng.random() < 0.6 else col2)
    elif icon == "peaks":
        d.polygon([(cx - r * 0.6, cy + r * 0.35), (cx - r * 0.15, cy - r * 0.4), (cx + r * 0.05, cy - r * 0.05), (cx + r * 0.25, cy - r * 0.25), (cx + r * 0.6, cy + r * 0.35)], fill=inner_col)
        d.ellipse([cx + r * 0.15, cy - r * 0.62, cx + r * 0.4, cy - r * 0.37], fill=col2)
    elif icon == "bolt":
        d.polygon([(cx + r * 0.1, cy - r * 0.65), (cx - r * 0.35, cy + r * 0.08), (cx - r * 0.02, cy + r * 0.08), (cx - r * 0.12, cy + r * 0.65), (cx + r * 0.35, cy - r * 0.1), (cx + r * 0.02, cy - r * 0.1)], fill=inner_col)
    elif icon == "leaf":
        d.chord([cx - r * 0.55, cy - r * 0.55, cx + r * 0.35, cy + r * 0.35], 90, 270, fill=inner_col)
        d.chord([cx - r * 0.35, cy - r * 0.35, cx + r * 0.55, cy + r * 0.55], 270, 90, fill=col2)
    else:
        d.ellipse([cx - r * 0.35, cy - r * 0.1, cx + r * 0.35, cy + r * 0.6], fill=inner_col)
        d.polygon([(cx - r * 0.32, cy + r * 0.15), (cx, cy - r * 0.6), (cx + r * 0.32, cy + r * 0.15)], fill=inner_col)
    return f"{shape}+{icon}"


@renderer(LABEL, "pillow")
def logo_pillow(rng: np.random.Generator) -> Rendered:
    """A logo: an emblem with a wordmark (stacked or side by side), or a wordmark alone with coloured letters."""
    w, h = _size(rng) if rng.random() < 0.6 else (int(rng.integers(250, 800)),) * 2
    W, H = w * SS, h * SS
    img, bg = _background(rng, W, H)
    d = ImageDraw.Draw(img)
    light_bg = sum(bg) > 400
    col = _hsv(rng.random(), rng.uniform(0.5, 1), rng.uniform(0.35, 0.9)) if light_bg else _hsv(rng.random(), rng.uniform(0, 0.4), 1.0)
    col2 = _hsv(rng.random(), rng.uniform(0.6, 1), rng.uniform(0.6, 1))
    ink = col if rng.random() < 0.6 else ((30, 30, 35) if light_bg else (245, 245, 245))
    name = _brand(rng)
    if rng.random() < 0.3:
        name += str(rng.choice([" Labs", " Studio", " Co.", ".io", " Group", " AI", " Foods"]))
    tagline = " ".join(text.words(rng, int(rng.integers(2, 5)), non_english=0)).upper() if rng.random() < 0.45 else ""
    layout = str(rng.choice(["stacked", "side", "letters", "stacked", "side"]))
    m = min(W, H)
    cx, r = W / 2, 0.0
    if layout == "letters":  # the whole logo is text, each letter (or syllable) coloured
        f = _fit(d, name, _font(rng, min(m * 0.3, W * 1.6 / max(4, len(name))), "bold"), W * 0.88)
        tw = _tw(d, name, f)
        x, y = (W - tw) / 2, H / 2 - f.size * 0.7 if hasattr(f, "size") else H / 2
        h0 = rng.random()
        cols = [_hsv(h0 + k * rng.uniform(0.1, 0.3), rng.uniform(0.6, 1), rng.uniform(0.6, 0.95)) for k in range(int(rng.integers(2, 5)))]
        for i, ch in enumerate(name):
            d.text((x, y), ch, font=f, fill=cols[i % len(cols)])
            x += _tw(d, ch, f)
        desc = "letters"
        ty = y + getattr(f, "size", 12) * 1.35
    else:
        r = m * (rng.uniform(0.16, 0.26) if layout == "stacked" else rng.uniform(0.13, 0.2))
        initials = name[0].upper() + (name[1:].strip()[0].upper() if rng.random() < 0.3 and len(name) > 2 else "")
        f = _font(rng, r * rng.uniform(0.5, 0.8) if layout == "stacked" else r * rng.uniform(0.6, 0.9), "bold" if rng.random() < 0.7 else "any")
        f = _fit(d, name, f, W * 0.88 if layout == "stacked" else W * 0.9 - 2.4 * r)
        tw = _tw(d, name, f)
        if layout == "stacked":
            cx, cy = W / 2, H / 2 - r * 0.6
            desc = _mark(d, rng, cx, cy, r, col, col2, initials)
            d.text(((W - tw) / 2, cy + r * 1.25), name, font=f, fill=ink)
            ty = cy + r * 1.25 + getattr(f, "size", 12) * 1.3
        else:
            total = 2 * r + r * 0.4 + tw
            cx, cy = (W - total) / 2 + r, H / 2
            desc = _mark(d, rng, cx, cy, r, col, col2, initials)
            d.text((cx + r * 1.4, cy - getattr(f, "size", 12) * 0.65), name, font=f, fill=ink)
            ty = cy + getattr(f, "size", 12) * 0.75
    if tagline:
        spaced = " ".join(tagline) if len(tagline) < 18 else tagline
        ft = _fit(d, spaced, _font(rng, max(8 * SS, m * 0.035), "any"), W * 0.9 - (cx + r * 1.4 if layout == "side" else 0))
        tw = _tw(d, spaced, ft)
        tx = (W - tw) / 2 if layout != "side" else cx + r * 1.4
        d.text((tx, ty + m * 0.02), spaced, font=ft, fill=_shade(ink, 1.3) if light_bg else ink)
    return Rendered(_finish(img, w, h), f"logo,{layout},{desc}")


# --------------------------------------------------------------------------------------- textures & colour


def _jitter(rng: np.random.Generator, c: Color, amount: float) -> Color:
    return tuple(int(np.clip(v * (1 + rng.normal(0, amount)), 0, 255)) for v in c)  # type: ignore[return-value]


def _bricks(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    mortar = _rgb(rng, 150, 225)
    img = Image.new("RGB", (w, h), mortar)
    d = ImageDraw.Draw(img)
    bh = int(rng.integers(14, 45))
    bw = int(bh * rng.uniform(1.8, 3.2))
    gap = max(2, int(bh * rng.uniform(0.08, 0.18)))
    base = _hsv(rng.uniform(0.0, 0.08), rng.uniform(0.3, 0.7), rng.uniform(0.4, 0.8)) if rng.random() < 0.7 else _rgb(rng, 90, 220)
    for row, y in enumerate(range(0, h, bh)):
        off = (bw // 2) * (row % 2)
        for x in range(-off, w, bw):
            d.rectangle([x + gap // 2, y + gap // 2, x + bw - gap // 2, y + bh - gap // 2], fill=_jitter(rng, base, 0.12))
    return np.asarray(img, np.float32) * (0.8 + 0.4 * _smooth_noise(rng, w, h, octaves=5, base=int(rng.integers(10, 40))))[..., None]


def _tiles(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    grout = _rgb(rng, 60, 240)
    img = Image.new("RGB", (w, h), grout)
    d = ImageDraw.Draw(img)
    t = int(rng.integers(20, 90))
    gap = max(1, int(t * rng.uniform(0.03, 0.1)))
    cols = [_hsv(rng.random(), rng.uniform(0, 0.6), rng.uniform(0.5, 1)) for _ in range(int(rng.integers(1, 4)))]
    hexes = rng.random() < 0.3
    for j, y in enumerate(range(0, h + t, t if not hexes else int(t * 0.87))):
        for i, x in enumerate(range(-t, w + t, t)):
            c = _jitter(rng, cols[(i + j) % len(cols)] if rng.random() < 0.8 else cols[int(rng.integers(len(cols)))], 0.05)
            if hexes:
                d.regular_polygon((x + (t / 2) * (j % 2), y, t / 2 - gap), 6, rotation=30, fill=c)
            else:
                d.rectangle([x + gap, y + gap, x + t - gap, y + t - gap], fill=c)
    return np.asarray(img, np.float32) * (0.9 + 0.2 * _smooth_noise(rng, w, h, octaves=4, base=6))[..., None]


def _wood(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    n = _smooth_noise(rng, w, h, octaves=5, base=int(rng.integers(2, 6)))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    plank = int(rng.integers(60, 200))
    idx = (yy // plank).astype(np.int32)
    shift = (idx * 97.0) % 311
    grain = 0.5 + 0.5 * np.sin((yy + n * rng.uniform(20, 60) + shift) * rng.uniform(0.15, 0.5) + np.sin(xx * 0.01 + idx) * 3)
    light = np.array(_hsv(rng.uniform(0.05, 0.11), rng.uniform(0.35, 0.7), rng.uniform(0.65, 0.95)), np.float32)
    arr = light * (0.6 + 0.4 * grain[..., None]) * (0.85 + 0.15 * ((idx * 37) % 5 / 4.0))[..., None]
    arr[(yy % plank) < 2] *= 0.4
    return arr


def _weave(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    t = int(rng.integers(6, 28))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    warp_on = ((xx // t + yy // t) % 2) == 0
    u, v = (xx % t) / t, (yy % t) / t
    shade = np.where(warp_on, np.sin(np.pi * u), np.sin(np.pi * v)) * 0.5 + 0.5
    c1, c2 = np.array(_rgb(rng, 30, 255), np.float32), np.array(_rgb(rng, 30, 255), np.float32)
    if rng.random() < 0.5:
        c2 = c1 * rng.uniform(0.6, 0.9)
    arr = np.where(warp_on[..., None], c1, c2) * (0.5 + 0.5 * shade[..., None])
    return arr * (0.9 + 0.2 * rng.random((h, w, 1)).astype(np.float32))


def _stones(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """Voronoi cobbles / flagstones: cells of varied tone with dark joints."""
    k = 3
    sw, sh = max(8, w // k), max(8, h // k)
    n = int(rng.integers(15, 70))
    pts = rng.random((n, 2)).astype(np.float32) * [sw, sh]
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    dist = np.sqrt((xx[..., None] - pts[:, 0]) ** 2 + (yy[..., None] - pts[:, 1]) ** 2)
    part = np.partition(dist, 1, axis=-1)
    edge = np.clip((part[..., 1] - part[..., 0]) / rng.uniform(1.5, 4), 0, 1)
    tone = rng.uniform(0.55, 1.0, n).astype(np.float32)[dist.argmin(-1)]
    small = (edge * tone * 255).astype(np.uint8)
    field = np.asarray(Image.fromarray(small).resize((w, h), Image.BILINEAR), np.float32) / 255
    field = field * (0.75 + 0.25 * _smooth_noise(rng, w, h, octaves=6, base=12))
    c = np.array(_hsv(rng.uniform(0.05, 0.15), rng.uniform(0, 0.3), rng.uniform(0.6, 0.95)), np.float32)
    return field[..., None] * c


def _gradient(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """A smooth gradient: four corner colours blended bilinearly, or radial."""
    cs = np.array([_hsv(rng.random(), rng.uniform(0.3, 1), rng.uniform(0.4, 1)) for _ in range(4)], np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    u, v = xx / w, yy / h
    if rng.random() < 0.3:
        r = np.sqrt((u - rng.uniform(0.2, 0.8)) ** 2 + (v - rng.uniform(0.2, 0.8)) ** 2) / 0.8
        t = np.clip(r, 0, 1)[..., None]
        return cs[0] * (1 - t) + cs[1] * t
    u, v = u[..., None], v[..., None]
    return (cs[0] * (1 - u) + cs[1] * u) * (1 - v) + (cs[2] * (1 - u) + cs[3] * u) * v


def _hue_wheel(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """A colour picker: an HSV wheel, or a saturation/value square with a hue bar beside it."""
    bg = (255, 255, 255) if rng.random() < 0.5 else (int(rng.integers(30, 70)),) * 3
    arr = np.ones((h, w, 3), np.float32) * np.array(bg, np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if rng.random() < 0.5:
        cx, cy, r = w / 2, h / 2, min(w, h) * 0.42
        dx, dy = xx - cx, yy - cy
        rad = np.sqrt(dx**2 + dy**2) / r
        hue = (np.arctan2(dy, dx) / (2 * np.pi)) % 1.0
        sat, val = np.clip(rad, 0, 1), np.full_like(rad, rng.uniform(0.8, 1.0))
        inside = rad <= 1
        if rng.random() < 0.4:  # ring only (hue ring around an empty middle)
            sat[:] = 1
            inside &= rad > rng.uniform(0.6, 0.8)
    else:
        side = min(w * 0.7, h * 0.85)
        x0, y0 = (w - side * 1.25) / 2, (h - side) / 2
        u, v = (xx - x0) / side, (yy - y0) / side
        hue = np.full_like(u, rng.random())
        sat, val = np.clip(u, 0, 1), np.clip(1 - v, 0, 1)
        inside = (u >= 0) & (u <= 1) & (v >= 0) & (v <= 1)
        bar = (u >= 1.08) & (u <= 1.2) & (v >= 0) & (v <= 1)
        hue = np.where(bar, np.clip(v, 0, 1), hue)
        sat, val = np.where(bar, 1.0, sat), np.where(bar, 1.0, val)
        inside |= bar
    i = np.floor(hue * 6).astype(np.int32) % 6
    f = hue * 6 - np.floor(hue * 6)
    p, q, t = val * (1 - sat), val * (1 - f * sat), val * (1 - (1 - f) * sat)
    rgb = np.select([i[..., None] == k for k in range(6)], [np.stack(c, -1) for c in ((val, t, p), (q, val, p), (p, val, t), (p, q, val), (t, p, val), (val, p, q))])
    return np.where(inside[..., None], rgb * 255, arr)


_PATTERNS = {"bricks": _bricks, "tiles": _tiles, "wood": _wood, "weave": _weave, "stones": _stones, "gradient": _gradient, "huewheel": _hue_wheel, "noise": _texture}


@renderer(LABEL, "pillow")
def pattern_pillow(rng: np.random.Generator) -> Rendered:
    """Textures and colour fields: bricks, tiles, wood, weave, stones, noise textures, gradients, hue wheels / pickers."""
    w, h = _size(rng, photo=rng.random() < 0.5)
    kind = str(rng.choice(list(_PATTERNS)))
    arr = _PATTERNS[kind](rng, w, h)
    flat = kind in ("gradient", "huewheel")
    if not flat and rng.random() < 0.5:
        img = _photo_finish(rng, arr)
    else:
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    grey = not flat and rng.random() < 0.25
    if grey:
        img = img.convert("L").convert("RGB")
    return Rendered(img, f"pattern,{kind}{',grey' if grey else ''}")


# --------------------------------------------------------------------------------------- line art


def _maze(rng: np.random.Generator, d: ImageDraw.ImageDraw, w: int, h: int, ink: Color) -> str:
    """A perfect maze from a randomised depth-first search, drawn as walls."""
    cell = int(rng.integers(12, 40))
    nx, ny = max(4, (w - 40) // cell), max(4, (h - 40) // cell)
    x0, y0 = (w - nx * cell) // 2, (h - ny * cell) // 2
    right = np.ones((ny, nx), bool)
    down = np.ones((ny, nx), bool)
    seen = np.zeros((ny, nx), bool)
    stack = [(0, 0)]
    seen[0, 0] = True
    while stack:
        y, x = stack[-1]
        nbrs = [(y + dy, x + dx) for dy, dx in ((0, 1), (1, 0), (0, -1), (-1, 0)) if 0 <= y + dy < ny and 0 <= x + dx < nx and not seen[y + dy, x + dx]]
        if not nbrs:
            stack.pop()
            continue
        yy, xx = nbrs[int(rng.integers(len(nbrs)))]
        if yy == y:
            right[y, min(x, xx)] = False
        else:
            down[min(y, yy), x] = False
        seen[yy, xx] = True
        stack.append((yy, xx))
    lw = max(1, int(cell * rng.uniform(0.08, 0.25)))
    d.line([x0 + cell, y0, x0 + nx * cell, y0], fill=ink, width=lw)
    d.line([x0, y0, x0, y0 + ny * cell], fill=ink, width=lw)
    for y in range(ny):
        for x in range(nx):
            px, py = x0 + x * cell, y0 + y * cell
            if right[y, x] and not (y == ny - 1 and x == nx - 1):
                d.line([px + cell, py, px + cell, py + cell], fill=ink, width=lw)
            if down[y, x]:
                d.line([px, py + cell, px + cell, py + cell], fill=ink, width=lw)
    return "maze"


def _dungeon(rng: np.random.Generator, d: ImageDraw.ImageDraw, w: int, h: int, ink: Color) -> str:
    """A tabletop dungeon map: grid paper, rooms and corridors, room numbers."""
    g = int(rng.integers(10, 24))
    grid = _hsv(0.58, 0.25, 0.95)
    for x in range(0, w, g):
        d.line([x, 0, x, h], fill=grid)
    for y in range(0, h, g):
        d.line([0, y, w, y], fill=grid)
    gw, gh = w // g, h // g
    rooms: list[tuple[int, int, int, int]] = []
    for _ in range(60):
        rw, rh = int(rng.integers(3, 9)), int(rng.integers(3, 8))
        if gw - rw - 2 < 2 or gh - rh - 2 < 2:
            break
        rx, ry = int(rng.integers(1, gw - rw - 1)), int(rng.integers(1, gh - rh - 1))
        if all(rx + rw + 1 < a or a + c + 1 < rx or ry + rh + 1 < b or b + e + 1 < ry for a, b, c, e in rooms):
            rooms.append((rx, ry, rw, rh))
        if len(rooms) >= int(rng.integers(4, 12)):
            break
    lw = max(2, g // 5)
    fill = (255, 255, 255) if rng.random() < 0.7 else _hsv(0.1, 0.15, 0.97)
    centers = [((a + c / 2) * g, (b + e / 2) * g) for a, b, c, e in rooms]
    for (x1, y1), (x2, y2) in zip(centers, centers[1:]):
        d.line([x1, y1, x2, y1, x2, y2], fill=ink, width=g + 2 * lw)
        d.line([x1, y1, x2, y1, x2, y2], fill=fill, width=g)
    f = _font(rng, g * 1.2, "bold")
    for i, (a, b, c, e) in enumerate(rooms):
        d.rectangle([a * g, b * g, (a + c) * g, (b + e) * g], fill=fill, outline=ink, width=lw)
        d.text((a * g + g * 0.4, b * g + g * 0.2), str(i + 1), font=f, fill=ink)
    for (x1, y1), (x2, y2) in zip(centers, centers[1:]):  # corridor floors over room walls
        d.line([x1, y1, x2, y1, x2, y2], fill=fill, width=g - 2)
    return "dungeon"


def _floor_plan(rng: np.random.Generator, d: ImageDraw.ImageDraw, w: int, h: int, ink: Color) -> str:
    """An architectural floor plan: thick outer walls, rooms from recursive splits, door swings, labels."""
    m = int(min(w, h) * 0.08)
    lw = max(3, int(min(w, h) * 0.012))
    rooms = [(m, m, w - m, h - m)]
    for _ in range(int(rng.integers(3, 8))):
        i = int(np.argmax([(c - a) * (e - b) for a, b, c, e in rooms]))
        a, b, c, e = rooms.pop(i)
        if (c - a) > (e - b):
            s = int(a + (c - a) * rng.uniform(0.35, 0.65))
            rooms += [(a, b, s, e), (s, b, c, e)]
        else:
            s = int(b + (e - b) * rng.uniform(0.35, 0.65))
            rooms += [(a, b, c, s), (a, s, c, e)]
    names = ["Kitchen", "Living", "Bedroom", "Bath", "WC", "Hall", "Office", "Dining", "Closet", "Laundry", "Bed 2", "Garage"]
    f = _font(rng, max(9, min(w, h) * 0.03))
    fs = _font(rng, max(8, min(w, h) * 0.022))
    for a, b, c, e in rooms:
        d.rectangle([a, b, c, e], outline=ink, width=max(1, lw // 2))
        dw = min(c - a, e - b) * 0.25
        if rng.random() < 0.8:  # a door: gap in the bottom wall and a quarter-circle swing
            dx = a + (c - a) * rng.uniform(0.15, 0.6)
            d.line([dx, e, dx + dw, e], fill=(255, 255, 255), width=lw)
            d.arc([dx - dw, e - dw, dx + dw, e + dw], 270, 360, fill=ink, width=1)
            d.line([dx, e, dx, e - dw], fill=ink, width=max(1, lw // 2))
        nm = str(rng.choice(names))
        d.text(((a + c) / 2 - _tw(d, nm, f) / 2, (b + e) / 2 - 8), nm, font=f, fill=ink)
        if rng.random() < 0.6:
            dim = f"{(c - a) / 60:.1f} x {(e - b) / 60:.1f} m"
            d.text(((a + c) / 2 - _tw(d, dim, fs) / 2, (b + e) / 2 + 10), dim, font=fs, fill=ink)
    d.rectangle([m, m, w - m, h - m], outline=ink, width=lw)
    for _ in range(int(rng.integers(1, 5))):  # windows on the outer wall
        x = rng.uniform(m + 20, w - m - 60)
        d.line([x, m, x + min(w, h) * 0.08, m], fill=(255, 255, 255), width=lw - 1)
        d.line([x, m, x + min(w, h) * 0.08, m], fill=ink, width=1)
    return "floorplan"


_SOLIDS = {
    "Tetrahedron": ([(1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)], 2.83),
    "Cube": ([(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], 2.01),
    "Octahedron": ([(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)], 1.42),
    "Icosahedron": ([(0, s1, s2 * 1.618) for s1 in (-1, 1) for s2 in (-1, 1)] + [(s1, s2 * 1.618, 0) for s1 in (-1, 1) for s2 in (-1, 1)] + [(s2 * 1.618, 0, s1) for s1 in (-1, 1) for s2 in (-1, 1)], 2.01),
    "Prism": ([(math.cos(a), math.sin(a), z) for z in (-1, 1) for a in np.linspace(0, 2 * math.pi, 7)[:-1]], 1.01),
}


def _wireframe(rng: np.random.Generator, d: ImageDraw.ImageDraw, w: int, h: int, ink: Color) -> str:
    """Wireframe polyhedra (platonic-solid outlines) with lettered vertices and names underneath."""
    n = int(rng.integers(1, 4))
    names = [str(k) for k in rng.choice(list(_SOLIDS), n, replace=False)]
    f = _font(rng, max(10, min(w / n, h) * 0.06))
    lf = _font(rng, max(9, min(w / n, h) * 0.045), "any")
    accent = _hsv(rng.random(), 0.8, 0.7) if rng.random() < 0.5 else ink
    for k, name in enumerate(names):
        verts, edge_len = _SOLIDS[name]
        v = np.array(verts, np.float32)
        a, b = rng.uniform(0, 2 * math.pi, 2)
        ra = np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]], np.float32)
        rb = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]], np.float32)
        p = v @ ra.T @ rb.T
        s = min(w / n, h) * 0.3 / np.abs(p[:, :2]).max()
        cx, cy = w * (k + 0.5) / n, h * 0.45
        xy = [(cx + s * q[0], cy + s * q[1]) for q in p]
        dist = np.linalg.norm(v[:, None] - v[None], axis=-1)
        back = p[:, 2] < np.median(p[:, 2]) - 0.3
        for i in range(len(v)):
            for j in range(i + 1, len(v)):
                if abs(dist[i, j] - edge_len) < 0.05:
                    if back[i] or back[j]:
                        seg = [(xy[i][0] + (xy[j][0] - xy[i][0]) * t, xy[i][1] + (xy[j][1] - xy[i][1]) * t) for t in np.linspace(0, 1, 12)]
                        for q in range(0, 11, 2):
                            d.line([seg[q], seg[q + 1]], fill=ink, width=1)
                    else:
                        d.line([xy[i], xy[j]], fill=accent, width=max(2, int(s * 0.02)))
        if rng.random() < 0.7:
            for i, (x, y) in enumerate(xy):
                d.text((x + 4, y - 14), chr(65 + i % 26), font=lf, fill=ink)
        d.text((cx - _tw(d, name, f) / 2, h * 0.85), name, font=f, fill=ink)
    return "wireframe"


def _construction(rng: np.random.Generator, d: ImageDraw.ImageDraw, w: int, h: int, ink: Color) -> str:
    """A compass-and-straightedge drawing: triangle, circumcircle or arcs, bisectors, labelled points."""
    m = min(w, h)
    pts = [(w / 2 + m * rng.uniform(-0.35, 0.35), h / 2 + m * rng.uniform(-0.35, 0.35)) for _ in range(3)]
    lw = max(1, int(m * 0.004))
    d.polygon(pts, outline=ink, width=lw * 2)
    (ax, ay), (bx, by), (cx, cy) = pts
    dd = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    grey = (150, 150, 150)
    if abs(dd) > 1e-3:
        ux = ((ax**2 + ay**2) * (by - cy) + (bx**2 + by**2) * (cy - ay) + (cx**2 + cy**2) * (ay - by)) / dd
        uy = ((ax**2 + ay**2) * (cx - bx) + (bx**2 + by**2) * (ax - cx) + (cx**2 + cy**2) * (bx - ax)) / dd
        r = math.hypot(ax - ux, ay - uy)
        if r < m:
            d.ellipse([ux - r, uy - r, ux + r, uy + r], outline=ink, width=lw)
            d.ellipse([ux - 3, uy - 3, ux + 3, uy + 3], fill=ink)
            d.text((ux + 5, uy + 2), "O", font=_font(rng, m * 0.04), fill=ink)
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):  # compass arcs at each side's ends
        L = math.hypot(x2 - x1, y2 - y1) * 0.7
        for (px, py) in ((x1, y1), (x2, y2)):
            ang = math.degrees(math.atan2((y1 + y2) / 2 - py, (x1 + x2) / 2 - px))
            d.arc([px - L, py - L, px + L, py + L], ang - 75, ang + 75, fill=grey, width=1)
    f = _font(rng, m * 0.05, "any")
    for (x, y), lab in zip(pts, "ABC"):
        d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=ink)
        d.text((x + 8, y - m * 0.06), lab, font=f, fill=ink)
    return "construction"


_LINE_ART = {"maze": _maze, "dungeon": _dungeon, "floorplan": _floor_plan, "wireframe": _wireframe, "construction": _construction}


@renderer(LABEL, "pillow")
def line_art_pillow(rng: np.random.Generator) -> Rendered:
    """Line drawings: mazes, dungeon maps, floor plans, wireframe polyhedra, geometric constructions."""
    w, h = _size(rng)
    kind = str(rng.choice(list(_LINE_ART)))
    inverted = kind in ("maze", "wireframe", "construction") and rng.random() < 0.25
    bg: Color = (_hsv(rng.uniform(0.55, 0.7), 0.6, 0.3) if rng.random() < 0.5 else (20, 20, 24)) if inverted else ((255, 255, 255) if rng.random() < 0.75 else _hsv(0.12, 0.12, 0.97))
    ink: Color = (235, 235, 240) if inverted else ((20, 20, 20) if rng.random() < 0.7 else _hsv(rng.random(), 0.7, 0.4))
    img = Image.new("RGB", (w, h), bg)
    tag = _LINE_ART[kind](rng, ImageDraw.Draw(img), w, h, ink)
    return Rendered(img, f"lineart,{tag}{',dark' if inverted else ''}")


# --------------------------------------------------------------------------------------- covers & title slides


@renderer(LABEL, "pillow")
def cover_pillow(rng: np.random.Generator) -> Rendered:
    """Book covers, posters and title slides: big title, small subtitle / author, a little decoration."""
    kind = str(rng.choice(["book", "slide", "poster"]))
    if kind == "book":
        hgt = int(rng.integers(450, 1100))
        w, h = int(hgt * rng.uniform(0.62, 0.72)), hgt
    elif kind == "slide":
        wid = int(rng.integers(480, 1200))
        w, h = wid, int(wid / float(rng.choice([16 / 9, 4 / 3, 16 / 10])))
    else:
        w, h = _size(rng)
    dark = rng.random() < 0.55
    hue = rng.random()
    bg = _hsv(hue, rng.uniform(0.3, 0.9), rng.uniform(0.08, 0.35)) if dark else (_hsv(hue, rng.uniform(0.0, 0.6), rng.uniform(0.85, 1.0)) if rng.random() < 0.7 else (255, 255, 255))
    if rng.random() < 0.3:  # gradient background
        top, bot = np.array(bg, np.float32), np.array(_shade(bg, 0.5 if not dark else 1.25), np.float32)
        t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
        img = Image.fromarray(np.broadcast_to(top * (1 - t) + bot * t, (h, w, 3)).astype(np.uint8))
    else:
        img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    fg = (245, 245, 240) if dark else (25, 25, 30)
    accent = _hsv(hue + rng.uniform(0.3, 0.7), rng.uniform(0.5, 1), rng.uniform(0.7, 1.0) if dark else rng.uniform(0.4, 0.8))
    title = text.title(rng, p_none=0).replace("  ", " ") if rng.random() < 0.6 else _brand(rng)
    if rng.random() < 0.3:
        title = title.upper()
    tf = _font(rng, min(w, h) * rng.uniform(0.08, 0.15), "bold" if rng.random() < 0.7 else "any")
    lines = text.wrap_lines(d, title, tf, int(w * 0.82))[:4]
    size = getattr(tf, "size", 12)
    left = kind == "slide" and rng.random() < 0.5
    block = len(lines) * size * 1.15
    y = h * rng.uniform(0.18, 0.3) if kind == "book" else (h - block) / 2 - size * 0.3
    if rng.random() < 0.5:  # frame or band decoration
        if rng.random() < 0.5:
            mgn = int(min(w, h) * 0.04)
            d.rectangle([mgn, mgn, w - mgn, h - mgn], outline=accent, width=max(2, mgn // 6))
        else:
            d.rectangle([0, y - size * 0.5, w * (0.02 if left else 1.0), y + block + size * 0.1], fill=accent if left else _shade(bg, 1.15 if not dark else 1.1))
    for ln in lines:
        x = w * 0.08 if left else (w - _tw(d, ln, tf)) / 2
        d.text((x, y), ln, font=tf, fill=fg)
        y += size * 1.15
    sf = _font(rng, max(10, size * rng.uniform(0.3, 0.45)), "any")
    ss = getattr(sf, "size", 10)
    y += size * 0.3
    if rng.random() < 0.6:
        y += ss * 0.5  # a rule or an ornament between title and subtitle
        cx = w * 0.08 + w * 0.1 if left else w / 2
        if rng.random() < 0.5:
            d.line([cx - w * 0.1, y, cx + w * 0.1, y], fill=accent, width=max(2, size // 12))
        else:
            r = ss * 0.5
            d.polygon([(cx, y - r), (cx + r, y), (cx, y + r), (cx - r, y)], fill=accent)
        y += ss
    subtitle = _sentence(rng, 3, 8).rstrip(".!?:) ")
    d.text((w * 0.08 if left else (w - _tw(d, subtitle, sf)) / 2, y), subtitle, font=sf, fill=_shade(fg, 0.8) if not dark else _shade(fg, 0.85))
    author = f"{str(rng.choice(['Anna', 'Ben', 'Chen', 'Dana', 'Elif', 'Femi', 'Hana', 'Ivan', 'Jules', 'Kai']))} {str(rng.choice(['Smith', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'García', 'Weber']))}"
    if kind == "slide":
        author += str(rng.choice(["", f"  ·  {text.words(rng, 1, non_english=0)[0].title()} Meetup 202{int(rng.integers(0, 6))}"]))
    af = _font(rng, max(10, ss * rng.uniform(0.8, 1.2)), "bold" if kind == "book" else "any")
    ay = h * 0.86 if kind != "slide" else h * 0.8
    d.text((w * 0.08 if left else (w - _tw(d, author, af)) / 2, ay), author.upper() if kind == "book" and rng.random() < 0.5 else author, font=af, fill=fg)
    if kind == "book" and rng.random() < 0.5:  # a small emblem above the author
        r = min(w, h) * 0.05
        d.polygon(_star_pts(w / 2, h * 0.72, r, n=int(rng.integers(4, 9)), inner=rng.uniform(0.3, 0.6)), fill=accent)
    return Rendered(img, f"cover,{kind}{',dark' if dark else ''}")


# --------------------------------------------------------------------------------------- styled tables


@renderer(LABEL, "pillow")
def styled_table_pillow(rng: np.random.Generator) -> Rendered:
    """A small web / notebook table with big type: coloured header row, zebra rows, index column, '...' rows."""
    with text.no_cjk():  # the Latin fonts would draw CJK words as boxes
        return _styled_table(rng)


def _styled_table(rng: np.random.Generator) -> Rendered:
    n_rows, n_cols = int(rng.integers(3, 7)), int(rng.integers(2, 6))
    fs = int(rng.integers(16, 34))
    font, bold = _font(rng, fs), _font(rng, fs, "bold")
    matrix = rng.random() < 0.25
    header_bg = _hsv(float(rng.choice([0.47, 0.5, 0.55, 0.58, 0.62, 0.75, 0.0, 0.33])) + rng.normal(0, 0.02), rng.uniform(0.5, 0.9), rng.uniform(0.45, 0.8)) if rng.random() < 0.75 else (240, 240, 240)
    header_fg = (255, 255, 255) if sum(header_bg) < 600 else (20, 20, 20)
    names = [t.title() for t in text.words(rng, n_cols, non_english=0)] if not matrix else text.categories(rng, n_cols)
    index = [str(i) for i in range(n_rows)] if rng.random() < 0.6 else text.categories(rng, n_rows)
    if matrix:
        index = names[:n_rows] + [f"x{i}" for i in range(max(0, n_rows - n_cols))]
    kinds = [int(k) for k in rng.integers(0, 4, n_cols)]
    cells: list[list[str]] = []
    for i in range(n_rows):
        row = []
        for j in range(n_cols):
            if matrix:
                row.append("-" if i == j or rng.random() < 0.3 else f"{rng.uniform(0, 1):.2f}")
            elif kinds[j] == 0:
                row.append(text.categories(rng, 1)[0])
            elif kinds[j] == 1:
                row.append(f"{rng.normal(50, 40):.{int(rng.integers(0, 3))}f}")
            elif kinds[j] == 2:
                row.append(str(rng.choice(["True", "False", "yes", "no", "NaN", "None"])))
            else:
                row.append(str(int(rng.integers(0, 5000))))
        cells.append(row)
    if not matrix and n_rows > 3 and rng.random() < 0.35:  # pandas-style ellipsis row
        cells[n_rows // 2] = ["..."] * n_cols
        index[n_rows // 2] = "..."
    probe = ImageDraw.Draw(Image.new("RGB", (8, 8)))
    pad = int(fs * rng.uniform(0.5, 1.0))
    show_index = rng.random() < 0.7
    cols = ([[""] + index] if show_index else []) + [[names[j]] + [r[j] for r in cells] for j in range(n_cols)]
    col_w = [max(_tw(probe, s, bold) for s in c) + 2 * pad for c in cols]
    rh = int(fs * rng.uniform(1.7, 2.4))
    tw, th = sum(col_w), rh * (n_rows + 1)
    margin = int(rng.integers(10, 80))
    w, h = max(250, tw + 2 * margin), max(160, th + 2 * margin + (fs * 2 if rng.random() < 0.3 else 0))
    img = Image.new("RGB", (w, h), (255, 255, 255) if rng.random() < 0.8 else (248, 249, 250))
    d = ImageDraw.Draw(img)
    x0, y0 = (w - tw) // 2 if rng.random() < 0.5 else margin, h - th - margin
    if y0 > margin + fs:  # a caption above
        cap = text.title(rng, p_none=0)
        d.text((x0, y0 - fs * 1.6), cap, font=_fit(d, cap, bold, w - x0 - 8), fill=(30, 30, 30))
    zebra = (_hsv(rng.random(), 0.08, 0.96) if rng.random() < 0.5 else (242, 242, 242)) if rng.random() < 0.7 else None
    border = _rgb(rng, 150, 220) if rng.random() < 0.6 else (40, 40, 40)
    accent = _hsv(rng.random(), 0.8, 0.6) if rng.random() < 0.4 else None
    xs = np.cumsum([x0] + col_w)
    for r in range(n_rows + 1):
        y = y0 + r * rh
        fill = header_bg if r == 0 else (zebra if zebra and r % 2 == 0 else None)
        if fill:
            d.rectangle([x0, y, xs[-1], y + rh], fill=fill)
        for j, c in enumerate(cols):
            s = c[r]
            is_idx = show_index and j == 0
            f = bold if r == 0 or is_idx else font
            colr = header_fg if r == 0 else ((30, 30, 30) if not (accent and j == len(cols) - 1 and s not in ("...", "-")) else accent)
            numeric = s.replace(".", "").replace("-", "").isdigit()
            tx = xs[j + 1] - pad - _tw(d, s, f) if numeric and r > 0 else xs[j] + pad
            d.text((tx, y + (rh - fs) // 2 - 2), s, font=f, fill=colr)
    lw = int(rng.integers(1, 3))
    grid = rng.random() < 0.6
    for r in range(n_rows + 2):
        if grid or r in (0, 1, n_rows + 1):
            d.line([x0, y0 + r * rh, xs[-1], y0 + r * rh], fill=border, width=lw)
    if grid:
        for xv in xs:
            d.line([xv, y0, xv, y0 + th], fill=border, width=lw)
    return Rendered(img, f"table,styled{',matrix' if matrix else ''}")
