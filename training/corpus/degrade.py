"""Post-render degradations: how charts look when people post them (screenshots, photos, recompression).

:func:`degrade` applies each degradation with some probability, all random draws from the given
``numpy.random.Generator``; about 30% of images stay clean. It returns the image and the names of what
was applied (``jpeg_q<quality>`` is last when present; the caller may skip the in-memory JPEG round
trip with ``apply_jpeg=False`` and save the file as JPEG at that quality instead).
"""

from __future__ import annotations

import io
from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from training.corpus import text

P_CLEAN = 0.30


@cache
def _font_path(bold: bool = False) -> str | None:
    try:
        from matplotlib import font_manager

        return font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans",
                                                                 weight="bold" if bold else "normal"))
    except Exception:
        return None


@cache
def font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    path = _font_path(bold)
    try:
        return ImageFont.truetype(path, size) if path else ImageFont.load_default()
    except Exception:
        return ImageFont.load_default()


def _w(rng, n: int) -> list[str]:
    return [w for w in text.words(rng, n, non_english=0.0)]


def _rgb(rng, lo=0, hi=256):
    return tuple(int(x) for x in rng.integers(lo, hi, 3))


def _bg_of(img: Image.Image) -> tuple:
    a = np.asarray(img)
    corners = np.concatenate([a[:3, :3].reshape(-1, 3), a[-3:, -3:].reshape(-1, 3), a[:3, -3:].reshape(-1, 3)])
    return tuple(int(x) for x in np.median(corners, axis=0))


def _fit(img: Image.Image, max_w: int, max_h: int) -> Image.Image:
    s = min(max_w / img.width, max_h / img.height, 1.0 if max(img.size) < 700 else 10)
    return img.resize((max(1, int(img.width * s)), max(1, int(img.height * s))), Image.LANCZOS)


# ----------------------------------------------------------------------------------------------- geometric


def crop(img, rng):
    w, h = img.size
    fr = rng.uniform(0, [0.15, 0.12, 0.15, 0.15]) * (rng.random(4) < 0.6)
    box = (int(w * fr[0]), int(h * fr[1]), int(w * (1 - fr[2])), int(h * (1 - fr[3])))
    if box[2] - box[0] < w * 0.5 or box[3] - box[1] < h * 0.5:
        return img
    return img.crop(box)


def pad(img, rng):
    w, h = img.size
    col = _bg_of(img) if rng.random() < 0.5 else (255, 255, 255) if rng.random() < 0.6 else _rgb(rng)
    m = (rng.uniform(0, 0.25, 4) * np.array([w, h, w, h])).astype(int)
    out = Image.new("RGB", (w + m[0] + m[2], h + m[1] + m[3]), col)
    out.paste(img, (int(m[0]), int(m[1])))
    return out


def rotate(img, rng):
    ang = float(rng.uniform(-4, 4))
    return img.rotate(ang, resample=Image.BICUBIC, expand=True, fillcolor=_bg_of(img))


def rescale(img, rng):
    w, h = img.size
    s = float(rng.uniform(0.3, 0.7))
    small = img.resize((max(16, int(w * s)), max(16, int(h * s))), Image.BILINEAR)
    return small.resize((w, h), Image.BICUBIC if rng.random() < 0.5 else Image.NEAREST)


# ----------------------------------------------------------------------------------------------- chrome


def discord(img, rng):
    """A Discord dark-theme message with avatar, username and timestamp above the image."""
    dark = rng.random() < 0.85
    bg = (49, 51, 56) if dark else (255, 255, 255)
    fg = (219, 222, 225) if dark else (46, 51, 56)
    side = rng.random() < 0.4
    pic = _fit(img, int(rng.integers(300, 520)), int(rng.integers(250, 420)))
    left = 72 + (int(rng.integers(140, 240)) if side else 0)
    top_extra = int(rng.integers(0, 80))
    W = left + pic.width + int(rng.integers(20, 120))
    H = top_extra + 60 + pic.height + int(rng.integers(10, 60))
    out = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(out)
    if side:
        sw = left - 72
        d.rectangle([0, 0, sw, H], fill=(43, 45, 49) if dark else (242, 243, 245))
        for i in range(int(H / 28)):
            d.text((14, 12 + i * 28), "# " + "-".join(_w(rng, int(rng.integers(1, 3)))),
                   fill=(148, 155, 164), font=font(13))
    if top_extra > 20:  # previous message
        d.text((left, 8), " ".join(_w(rng, int(rng.integers(3, 9)))),
               fill=fg, font=font(14))
    y0 = top_extra + 8
    ax = left - 56
    d.ellipse([ax, y0, ax + 40, y0 + 40], fill=_rgb(rng, 60, 230))
    name = "".join(_w(rng, 1)) + (str(int(rng.integers(0, 999))) if rng.random() < 0.5 else "")
    d.text((left, y0), name, fill=_rgb(rng, 120, 256), font=font(15, True))
    d.text((left + 10 + int(d.textlength(name, font=font(15, True))), y0 + 2), "Today at %d:%02d PM" % (rng.integers(1, 13), rng.integers(0, 60)),
           fill=(148, 155, 164), font=font(12))
    if rng.random() < 0.5:
        d.text((left, y0 + 22), str(rng.choice(["what chart is this?", "look at this", "lol", "@whatplot",
                                                "thoughts?", "new numbers are in"])), fill=fg, font=font(14))
    out.paste(pic, (left, y0 + 48))
    return out


def browser(img, rng):
    dark = rng.random() < 0.3
    W = int(max(img.width + rng.integers(40, 300), 420))
    tab_h, bar_h = 34, 38
    H = int(img.height + tab_h + bar_h + rng.integers(20, 200))
    page = (255, 255, 255) if not dark else (32, 33, 36)
    out = Image.new("RGB", (W, H), page)
    d = ImageDraw.Draw(out)
    d.rectangle([0, 0, W, tab_h], fill=(222, 225, 230) if not dark else (32, 33, 36))
    d.rectangle([0, tab_h, W, tab_h + bar_h], fill=(255, 255, 255) if not dark else (53, 54, 58))
    x = 8
    for i in range(int(rng.integers(1, 5))):
        tw = int(rng.integers(100, 200))
        if i == 0:
            d.rounded_rectangle([x, 6, x + tw, tab_h + 4], 8, fill=(255, 255, 255) if not dark else (53, 54, 58))
        d.text((x + 12, 12), " ".join(_w(rng, 2)).title()[:16],
               fill=(60, 64, 67) if not dark else (232, 234, 237), font=font(12))
        x += tw + 4
    for k in range(3):
        d.ellipse([W - 70 + k * 20, 12, W - 60 + k * 20, 22], fill=[(255, 95, 87), (254, 188, 46), (40, 200, 64)][k])
    d.rounded_rectangle([80, tab_h + 6, W - 40, tab_h + bar_h - 6], 14,
                        fill=(241, 243, 244) if not dark else (32, 33, 36))
    url = str(rng.choice(["https://", ""])) + str(rng.choice(["www.", ""])) + "".join(_w(rng, 2)) + str(rng.choice([".com", ".org",
                                                                                                  ".io", ".net"])) + \
        "/" + "/".join(_w(rng, int(rng.integers(1, 3))))
    d.text((96, tab_h + 12), url, fill=(95, 99, 104) if not dark else (189, 193, 198), font=font(13))
    for k in range(3):
        d.text((10 + k * 22, tab_h + 9), "←→↻"[k], fill=(95, 99, 104), font=font(15))
    y = tab_h + bar_h + 10
    if H - y - img.height > 40:  # some page text lines
        for i in range(int(rng.integers(1, 3))):
            d.rectangle([20, y + i * 14, 20 + int(rng.integers(100, W - 40)), y + i * 14 + 7],
                        fill=(200, 200, 200) if not dark else (90, 90, 90))
        y += 36
    out.paste(img, (int(rng.integers(10, max(11, W - img.width))), y))
    return out


def slide(img, rng):
    W, H = 960, 540
    theme = rng.integers(0, 3)
    bg = [(255, 255, 255), (31, 56, 100), (245, 245, 240)][theme]
    fg = [(30, 30, 30), (255, 255, 255), (60, 60, 60)][theme]
    out = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(out)
    if rng.random() < 0.5:
        d.rectangle([0, 0, W, 12], fill=_rgb(rng))
    title = " ".join(_w(rng, int(rng.integers(2, 6)))).title()
    d.text((50, 30), title, fill=fg, font=font(34, True))
    bullets = rng.random() < 0.4
    area_x = 480 if bullets else 60
    if bullets:
        for i in range(int(rng.integers(2, 6))):
            d.text((50, 120 + i * 44), "• " + " ".join(_w(rng, int(rng.integers(2, 5)))).capitalize(), fill=fg,
                   font=font(20))
    pic = _fit(img, W - area_x - 50, H - 140)
    pic = pic.resize((max(1, int(pic.width * min((W - area_x - 50) / pic.width, (H - 140) / pic.height))),
                      max(1, int(pic.height * min((W - area_x - 50) / pic.width, (H - 140) / pic.height)))))
    out.paste(pic, (area_x + (W - area_x - 50 - pic.width) // 2, 100))
    d.text((W - 40, H - 30), str(int(rng.integers(2, 40))), fill=fg, font=font(12))
    return out


def publication(img, rng):
    """A chart as news sites, data journals and statistics offices publish it: a bold headline and a grey
    subtitle above, a source line and a credit below, sometimes a logo box, an accent bar or a rule."""
    dark = rng.random() < 0.12
    bg = _rgb(rng, 18, 50) if dark else (255, 255, 255) if rng.random() < 0.6 else _rgb(rng, 238, 256)
    ink = (235, 235, 235) if dark else _rgb(rng, 0, 60)
    grey = (150, 150, 150) if dark else _rgb(rng, 90, 130)
    pic = _fit(img, int(rng.integers(360, 900)), int(rng.integers(260, 620)))
    margin = int(rng.integers(8, 40))
    W = pic.width + 2 * margin + (int(rng.integers(0, 160)) if rng.random() < 0.3 else 0)
    out = Image.new("RGB", (W, 4000), bg)
    d = ImageDraw.Draw(out)
    y = margin
    if rng.random() < 0.3:  # accent bar or tag above the headline
        d.rectangle([margin, y, margin + int(rng.integers(30, 90)), y + int(rng.integers(4, 10))], fill=_rgb(rng, 60, 230))
        y += 14
    size = int(rng.integers(15, 28))
    logo = rng.random() < 0.35
    text_w = W - 2 * margin - (int(size * 3.5) if logo else 0)
    for line in text.wrap_lines(d, " ".join(_w(rng, int(rng.integers(3, 12)))).capitalize(), font(size, True), text_w)[:2]:
        d.text((margin, y), line, fill=ink, font=font(size, True))
        y += int(size * 1.3)
    if logo:
        box = int(size * 2.6)
        d.rectangle([W - margin - box, margin, W - margin, margin + int(box * 0.8)], fill=_rgb(rng, 0, 120))
        for k, word in enumerate(_w(rng, 2)):
            d.text((W - margin - box + 4, margin + 4 + k * int(box * 0.3)), word[:6].title(), fill=(255, 255, 255),
                   font=font(max(7, box // 5), True))
    sub = int(rng.integers(11, 16))
    for line in text.wrap_lines(d, " ".join(_w(rng, int(rng.integers(0, 30)))).capitalize(), font(sub), text_w)[:3]:
        d.text((margin, y), line, fill=grey, font=font(sub))
        y += int(sub * 1.35)
    if rng.random() < 0.3:
        d.line([margin, y + 3, W - margin, y + 3], fill=grey, width=1)
    y += int(rng.integers(6, 20))
    out.paste(pic, (margin + int(rng.integers(0, W - 2 * margin - pic.width + 1)), y))
    y += pic.height + int(rng.integers(6, 18))
    small = int(rng.integers(9, 13))
    source = str(rng.choice(["Source: ", "Data: ", "Data source: ", "Chart: ", "Sources: "])) + \
        " ".join(_w(rng, int(rng.integers(2, 8)))).title()
    d.text((margin, y), source, fill=grey, font=font(small))
    if rng.random() < 0.6:
        credit = "".join(_w(rng, 2)).title() + str(rng.choice([".org", ".com", " • CC BY", " | Graphic"]))
        credit_w = int(d.textlength(credit, font=font(small)))
        if rng.random() < 0.5 or d.textlength(source, font=font(small)) + credit_w + 20 > W - 2 * margin:
            y += int(small * 1.5)  # on a line of its own
        d.text((W - margin - credit_w, y), credit, fill=grey, font=font(small))
    return out.crop((0, 0, W, y + int(small * 1.5) + margin))


def dashboard(img, rng):
    """A chart in one card of an analytics dashboard: a page background, a card with a title, and beside it
    cards holding only key figures and text (no other chart, so the label stays the card's)."""
    dark = rng.random() < 0.25
    page = _rgb(rng, 15, 40) if dark else _rgb(rng, 232, 248)
    card = tuple(min(255, c + 14) for c in page) if dark else (255, 255, 255)
    ink = (225, 228, 232) if dark else (40, 44, 52)
    pic = _fit(img, int(rng.integers(320, 640)), int(rng.integers(220, 440)))
    gap, pad_ = int(rng.integers(8, 20)), int(rng.integers(8, 18))
    side_w = int(rng.integers(120, 260)) if rng.random() < 0.6 else 0
    header = int(rng.integers(30, 56)) if rng.random() < 0.6 else 0
    card_w, card_h = pic.width + 2 * pad_, pic.height + 2 * pad_ + 26
    kpi_h = int(rng.integers(60, 100)) if rng.random() < 0.7 else 0
    W = gap * 3 + card_w + side_w if side_w else gap * 2 + card_w
    H = header + gap + (kpi_h + gap if kpi_h else 0) + card_h + gap
    out = Image.new("RGB", (W, H), page)
    d = ImageDraw.Draw(out)
    if header:
        coloured = rng.random() < 0.5
        d.rectangle([0, 0, W, header], fill=_rgb(rng, 20, 90) if coloured else card)
        d.text((gap, header // 2 - 8), " ".join(_w(rng, 2)).title(), fill=(255, 255, 255) if coloured else ink,
               font=font(15, True))
    y = header + gap
    if kpi_h:  # a row of key-figure cards across the top
        n = int(rng.integers(2, 5))
        kw = (W - gap * (n + 1)) // n
        for k in range(n):
            x = gap + k * (kw + gap)
            d.rounded_rectangle([x, y, x + kw, y + kpi_h], 6, fill=card)
            d.text((x + 10, y + 8), " ".join(_w(rng, 2)).capitalize(), fill=_rgb(rng, 110, 160), font=font(11))
            d.text((x + 10, y + 26), f"{rng.uniform(0, 999):.{int(rng.integers(0, 2))}f}" + str(rng.choice(["", "%", "k", "M"])),
                   fill=ink, font=font(int(np.clip(kw / 6, 12, 28)), True))
        y += kpi_h + gap
    d.rounded_rectangle([gap, y, gap + card_w, y + card_h], 6, fill=card)
    d.text((gap + pad_, y + 6), " ".join(_w(rng, int(rng.integers(2, 5)))).capitalize(), fill=ink, font=font(13, True))
    out.paste(pic, (gap + pad_, y + pad_ + 22))
    if side_w:  # a card of text rows: a list, a legend-less table, filters
        x = gap * 2 + card_w
        d.rounded_rectangle([x, y, x + side_w, y + card_h], 6, fill=card)
        for k in range(min(12, (card_h - 20) // 24)):
            d.text((x + 10, y + 12 + k * 24), " ".join(_w(rng, int(rng.integers(1, 3)))).capitalize(), fill=ink,
                   font=font(12))
    return out


def mpl_window(img, rng):
    """A matplotlib GUI window: title bar "Figure 1" and the navigation toolbar (Tk or Qt look)."""
    qt = rng.random() < 0.5
    title_h = 30
    bar_h = 34
    W, H = img.width, img.height + title_h + bar_h
    out = Image.new("RGB", (W, H), (240, 240, 240))
    d = ImageDraw.Draw(out)
    dark_title = rng.random() < 0.4
    d.rectangle([0, 0, W, title_h], fill=(50, 50, 50) if dark_title else (222, 222, 222))
    d.text((W // 2 - 30, 8), f"Figure {int(rng.integers(1, 4))}", fill=(230, 230, 230) if dark_title else (30, 30, 30),
           font=font(13))
    for k in range(3):
        x = W - 26 - k * 26 if not qt else 10 + k * 20
        d.ellipse([x, 9, x + 12, 21], fill=[(255, 95, 87), (254, 188, 46), (40, 200, 64)][k] if qt else (150, 150, 150))
    top = title_h + (bar_h if qt else 0)
    out.paste(img, (0, top))
    ty = title_h + 6 if qt else title_h + img.height + 6
    d.rectangle([0, ty - 6, W, ty + bar_h - 6], fill=(240, 240, 240))
    for k, glyph in enumerate("⌂←→✥⊕≡▣"):
        d.text((8 + k * 30, ty), glyph, fill=(40, 40, 40), font=font(17))
    if rng.random() < 0.6:
        d.text((W - 150, ty + 4), f"x={rng.uniform(0, 100):.2f} y={rng.uniform(0, 100):.1f}", fill=(60, 60, 60),
               font=font(11))
    return out


def phone_photo(img, rng):
    """Photo of a screen: bezel, background, perspective, lighting gradient, blur and sensor noise."""
    bez = int(rng.integers(6, 30))
    screen = Image.new("RGB", (img.width + 2 * bez, img.height + 2 * bez), _rgb(rng, 0, 50))
    screen.paste(img, (bez, bez))
    W, H = int(screen.width * rng.uniform(1.15, 1.5)), int(screen.height * rng.uniform(1.15, 1.5))
    # background: gradient + noise (desk, wall)
    c0, c1 = np.array(_rgb(rng, 30, 220)), np.array(_rgb(rng, 30, 220))
    t = np.linspace(0, 1, H)[:, None, None]
    bg = (c0 * (1 - t) + c1 * t) * np.ones((1, W, 1)) + rng.normal(0, 6, (H, W, 1))
    out = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8), "RGB")
    ox, oy = (W - screen.width) // 2, (H - screen.height) // 2
    out.paste(screen, (ox, oy))
    # perspective: map output quad -> input
    j = rng.uniform(-0.06, 0.06, 8) * np.array([W, H] * 4)
    src = np.array([[0, 0], [W, 0], [W, H], [0, H]], float) + j.reshape(4, 2)
    dst = np.array([[0, 0], [W, 0], [W, H], [0, H]], float)
    A, b = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b += [u, v]
    coeffs = np.linalg.solve(np.array(A), np.array(b))
    out = out.transform((W, H), Image.PERSPECTIVE, tuple(coeffs), Image.BICUBIC)
    out = out.rotate(float(rng.uniform(-5, 5)), resample=Image.BICUBIC)
    a = np.asarray(out).astype(np.float32)
    gx = np.linspace(rng.uniform(0.7, 1.1), rng.uniform(0.8, 1.2), W)[None, :, None]
    gy = np.linspace(rng.uniform(0.8, 1.1), rng.uniform(0.8, 1.1), H)[:, None, None]
    a = a * gx * gy + rng.normal(0, rng.uniform(2, 8), a.shape)
    tint = np.array(rng.uniform(0.9, 1.1, 3))
    a = np.clip(a * tint, 0, 255).astype(np.uint8)
    out = Image.fromarray(a, "RGB").filter(ImageFilter.GaussianBlur(float(rng.uniform(0.3, 1.3))))
    return out


# ----------------------------------------------------------------------------------------------- pixel


def blur(img, rng):
    return img.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.5, 1.8))))


def noise(img, rng):
    a = np.asarray(img).astype(np.float32)
    a = a + rng.normal(0, rng.uniform(3, 14), a.shape if rng.random() < 0.7 else a.shape[:2] + (1,))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def moire(img, rng):
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    f1, f2 = rng.uniform(0.3, 1.2, 2)
    ang = rng.uniform(0, np.pi)
    pat = np.sin((xx * np.cos(ang) + yy * np.sin(ang)) * f1) * np.sin((xx * np.sin(ang) - yy * np.cos(ang)) * f2)
    a = a + pat[..., None] * rng.uniform(5, 18)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def watermark(img, rng):
    txt = str(rng.choice(["SAMPLE", "PREVIEW", "@dataviz", "© example.com", "CONFIDENTIAL", "DRAFT", "imgflip.com",
                          "made with ♥", "u/plotfan", "source: internal"]))
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    size = int(max(10, min(img.size) * rng.uniform(0.04, 0.15)))
    col = (255, 255, 255) if rng.random() < 0.5 else (0, 0, 0)
    alpha = int(rng.integers(40, 140))
    if rng.random() < 0.5:  # corner
        x = int(rng.uniform(0.02, 0.6) * img.width)
        y = int(rng.uniform(0.02, 0.9) * img.height)
        d.text((x, y), txt, fill=col + (alpha,), font=font(size))
    else:  # diagonal, big
        big = Image.new("RGBA", img.size, (0, 0, 0, 0))
        ImageDraw.Draw(big).text((img.width * 0.15, img.height * 0.4), txt, fill=col + (alpha,), font=font(size * 2))
        layer = big.rotate(float(rng.uniform(15, 40)))
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def jpeg(img, q):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=int(q))
    buf.seek(0)
    return Image.open(buf).convert("RGB")


# ----------------------------------------------------------------------------------------------- pipeline

_GEOM = [("crop", crop, 0.25), ("pad", pad, 0.15), ("rotate", rotate, 0.06)]
_CHROME = [("discord", discord, 0.09), ("browser", browser, 0.07), ("slide", slide, 0.05),
           ("phone_photo", phone_photo, 0.07), ("mpl_window", mpl_window, 0.04), ("publication", publication, 0.10),
           ("dashboard", dashboard, 0.05)]
_PIXEL = [("rescale", rescale, 0.18), ("blur", blur, 0.1), ("noise", noise, 0.1), ("moire", moire, 0.04),
          ("watermark", watermark, 0.08)]


_CHROME_BY_NAME = {name: fn for name, fn, _ in _CHROME}
#: Names of the chrome that :func:`degrade` can be told to frame every image in.
CHROME_NAMES = tuple(_CHROME_BY_NAME)


def degrade(img: Image.Image, rng: np.random.Generator, *, apply_jpeg: bool = True,
            p_clean: float = P_CLEAN, chrome: tuple[str, ...] = ()) -> tuple[Image.Image, list[str]]:
    """Randomly degrade ``img``; returns (image, names of the degradations applied).

    ``chrome`` (names from :data:`CHROME_NAMES`) frames every image in one of those, drawn uniformly, instead
    of leaving 30% clean and framing a few: a corpus of one posting context, such as published web charts.
    """
    img = img.convert("RGB")
    if not chrome and rng.random() < p_clean:
        return img, []
    names: list[str] = []
    for name, fn, p in _GEOM:
        if rng.random() < p:
            img = fn(img, rng)
            names.append(name)
    if chrome:
        name = str(rng.choice(chrome))
        img = _CHROME_BY_NAME[name](img, rng)
        names.append(name)
    else:  # at most one piece of chrome
        r = rng.random()
        acc = 0.0
        for name, fn, p in _CHROME:
            acc += p
            if r < acc:
                img = fn(img, rng)
                names.append(name)
                break
    for name, fn, p in _PIXEL:
        if rng.random() < p:
            img = fn(img, rng)
            names.append(name)
    if rng.random() < 0.35 or not names:
        q = int(rng.choice([15, 25, 35, 50, 60, 75, 85, 92]))
        if apply_jpeg:
            img = jpeg(img, q)
        names.append(f"jpeg_q{q}")
    return img, names
