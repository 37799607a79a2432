"""Charts drawn directly with Pillow: word clouds from a small spiral packer of our own.

This gives word clouds a second look besides the ``wordcloud`` package (other fonts, shapes,
palettes, rotations, backgrounds). Fonts come from the system with Pillow's built-in font as the
fallback (see :mod:`training.corpus.renderers.not_a_chart`).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from training.corpus import text
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.not_a_chart import _font, _hsv

_EXTRA = ("data python chart plot learning deep neural graph cloud analysis science big open model train test code api web "
          "design user music game art love happy team work home travel food coffee city green energy future social").split()


def _palette(rng: np.random.Generator, dark: bool) -> list[tuple[int, int, int]]:
    kind = rng.integers(4)
    h0 = rng.random()
    if kind == 0:  # analogous hues
        return [_hsv(h0 + rng.normal(0, 0.06), rng.uniform(0.5, 1), rng.uniform(0.45, 0.95) if not dark else rng.uniform(0.7, 1)) for _ in range(6)]
    if kind == 1:  # random bright
        return [_hsv(rng.random(), rng.uniform(0.6, 1), rng.uniform(0.5, 0.95) if not dark else rng.uniform(0.75, 1)) for _ in range(8)]
    if kind == 2:  # shades of one hue
        return [_hsv(h0, rng.uniform(0.3, 1), v) for v in np.linspace(0.35, 0.95, 5)]
    return [(30, 30, 30)] * 3 + [_hsv(h0, 0.8, 0.8)] if not dark else [(235, 235, 235)] * 3 + [_hsv(h0, 0.7, 1)]


@renderer("word_cloud", "pillow")
def word_cloud_pillow(rng: np.random.Generator) -> Rendered:
    w_in, h_in, _ = text.figure_size(rng)
    s = rng.uniform(70, 110)
    w, h = int(w_in * s), int(h_in * s)
    f = min(1.0, 800 / max(w, h))
    w, h = max(int(w * f), 240), max(int(h * f), 200)
    dark = rng.random() < 0.3
    bg = (int(rng.integers(0, 40)),) * 3 if dark else ((255, 255, 255) if rng.random() < 0.7 else tuple(int(v) for v in rng.integers(225, 256, 3)))
    img = Image.new("RGB", (w, h), bg)
    occ = np.zeros((h, w), bool)
    # an elliptical or rectangular allowed region
    yy, xx = np.mgrid[0:h, 0:w]
    if rng.random() < 0.6:
        occ |= ((xx - w / 2) / (w * 0.49)) ** 2 + ((yy - h / 2) / (h * 0.49)) ** 2 > 1
    n = int(rng.integers(30, 120))
    pool = list(dict.fromkeys(text.words(rng, n * 2, non_english=0.05) + [str(x) for x in rng.choice(_EXTRA, n)]))
    words_ = [x for x in pool if all(ord(ch) < 0x2E80 for ch in x)][:n]  # no CJK: the Latin fonts would draw boxes
    freq = np.sort(rng.zipf(float(rng.uniform(1.3, 2.0)), len(words_)).astype(float))[::-1] if rng.random() < 0.7 else np.sort(rng.exponential(1, len(words_)))[::-1] + 0.1
    freq = freq / freq.max()
    max_fs = min(w, h) * rng.uniform(0.12, 0.25)
    min_fs = max(7.0, max_fs * 0.08)
    kind = "bold" if rng.random() < 0.5 else "any"
    seed_font = int(rng.integers(1 << 30))
    pal = _palette(rng, dark)
    p_rot = float(rng.choice([0, 0.1, 0.3, 0.5]))
    upper = rng.random() < 0.15
    d = ImageDraw.Draw(img)
    cx0, cy0 = w / 2 + rng.normal(0, w * 0.03), h / 2 + rng.normal(0, h * 0.03)
    placed = 0
    box = [w, h, 0, 0]
    for word, fr in zip(words_, freq):
        fs = int(min_fs + (max_fs - min_fs) * fr ** rng.uniform(0.5, 0.9))
        font = _font(np.random.default_rng(seed_font), fs, kind)
        word = word.upper() if upper else word
        bbox = d.textbbox((0, 0), word, font=font)
        tw, th = bbox[2] - bbox[0] + 2, bbox[3] - bbox[1] + 2
        if tw <= 2 or th <= 2:
            continue
        layer = Image.new("L", (tw, th), 0)
        ImageDraw.Draw(layer).text((-bbox[0] + 1, -bbox[1] + 1), word, font=font, fill=255)
        rot = rng.random() < p_rot
        if rot:
            layer = layer.rotate(90, expand=True)
        m = np.asarray(layer) > 40
        mh, mw = m.shape
        if mh >= h or mw >= w:
            continue
        a0 = rng.uniform(0, 2 * np.pi)
        ok = False
        for t in np.arange(0, 600, 0.35):
            r = 2.5 * t
            x = int(cx0 + r * np.cos(t + a0) * (w / h) ** 0.5 - mw / 2)
            y = int(cy0 + r * np.sin(t + a0) / (w / h) ** 0.5 - mh / 2)
            if r > max(w, h):
                break
            if x < 0 or y < 0 or x + mw > w or y + mh > h:
                continue
            if not (occ[y : y + mh, x : x + mw] & m).any():
                ok = True
                break
        if not ok:
            continue
        # dilate slightly so words keep a small gap
        occ[max(0, y - 1) : y + mh + 1, max(0, x - 1) : x + mw + 1] |= np.pad(m, 1, mode="edge")[: occ[max(0, y - 1) : y + mh + 1, max(0, x - 1) : x + mw + 1].shape[0], : occ[max(0, y - 1) : y + mh + 1, max(0, x - 1) : x + mw + 1].shape[1]]
        col = pal[int(rng.integers(len(pal)))]
        img.paste(Image.new("RGB", (mw, mh), col), (x, y), layer)
        placed += 1
        box = [min(box[0], x), min(box[1], y), max(box[2], x + mw), max(box[3], y + mh)]
    if placed and rng.random() < 0.85:  # word clouds fill their canvas: crop to the words plus a margin
        m = int(rng.uniform(0.02, 0.08) * max(w, h))
        img = img.crop((max(0, box[0] - m), max(0, box[1] - m), min(w, box[2] + m), min(h, box[3] + m)))
    return Rendered(img, f"pillow,wordcloud,{'dark' if dark else 'light'},{placed}words")
