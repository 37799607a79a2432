"""Still more pictures that are *not* charts: pages, sheets and frames people post in a chat.

Handwritten notes and whiteboard photos (wobbly marker strokes, uneven lighting), typeset maths
exam sheets, sheet music, electronic circuit schematics, skeletal chemical structures and reaction
schemes, generative / fractal art (escape-time sets, flow fields, Truchet tiles), receipts / tickets /
shipping labels with barcodes and QR-like codes, TV news broadcast frames with lower thirds and
tickers, and comic strips with speech balloons. Lines, grids, dots and colour ramps like charts,
but no data. Everything is drawn with Pillow / numpy (and matplotlib mathtext for the maths) from
the ``rng``; fonts, colour and photo helpers come from the sibling ``not_a_chart`` modules.
"""

from __future__ import annotations

import io
import math
import warnings

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from training.corpus import text
from training.corpus.registry import Rendered, renderer
from training.corpus.renderers.not_a_chart import _font, _hsv, _photo, _photo_finish, _quad_warp, _sentence, _smooth_noise, _texture, _tw
from training.corpus.renderers.not_a_chart_art import SS, Color, _finish, _fit, _shade
from training.corpus.renderers.not_a_chart_graphics import _latin, _text_c, _wobble
from training.corpus.renderers.not_a_chart_scenes import _camera

LABEL = "not_a_chart"


def _dims(rng: np.random.Generator, lo: int, hi: int, aspects: list[float]) -> tuple[int, int]:
    """(w, h) with the long side in [lo, hi) and an aspect (w / h) drawn from ``aspects``."""
    a = float(rng.choice(aspects))
    long_side = int(rng.integers(lo, hi))
    return (long_side, max(240, int(long_side / a))) if a >= 1 else (max(240, int(long_side * a)), long_side)


def _on_surface(rng: np.random.Generator, page: Image.Image, tilt: float = 0.05) -> Image.Image:
    """``page`` photographed lying on a textured surface, in slight perspective, with camera noise."""
    f = min(1.0, float(rng.integers(560, 900)) / max(page.size))  # phone photos get downscaled when posted
    if f < 1:
        page = page.resize((int(page.width * f), int(page.height * f)), Image.LANCZOS)
    pw, ph = page.size
    m = rng.uniform(0.06, 0.2)
    w, h = int(pw * (1 + 2 * m)), int(ph * (1 + 2 * m))
    bg = _texture(rng, w, h) * rng.uniform(0.35, 0.85)
    ox, oy = pw * m, ph * m
    j = lambda s: float(rng.normal(0, s))  # noqa: E731
    quad = [(ox + j(pw * tilt), oy + j(ph * tilt)), (ox + j(pw * tilt), oy + ph + j(ph * tilt)),
            (ox + pw + j(pw * tilt), oy + ph + j(ph * tilt)), (ox + pw + j(pw * tilt), oy + j(ph * tilt))]
    warped = _quad_warp(page.resize((w, h)), quad, w, h)
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon(quad, fill=255)
    base = Image.fromarray(np.clip(bg, 0, 255).astype(np.uint8))
    shadow = Image.new("L", (w, h), 0)
    ImageDraw.Draw(shadow).polygon([(x + pw * 0.015, y + ph * 0.02) for x, y in quad], fill=110)
    base = Image.composite(Image.new("RGB", (w, h), (0, 0, 0)), base, shadow.filter(ImageFilter.GaussianBlur(max(2, pw * 0.01))))
    base.paste(warped, (0, 0), mask)
    arr = np.asarray(base, np.float32)
    light = 0.75 + 0.35 * _smooth_noise(rng, w, h, octaves=2, base=2)
    arr = arr * light[..., None]
    return _camera(rng, arr)


# --------------------------------------------------------------------------------------- handwriting


def _warp_layer(rng: np.random.Generator, layer: Image.Image, amp: float, cell: float) -> Image.Image:
    """``layer`` with pixels displaced by a smooth random field (``amp`` px, features ~``cell`` px): wobbly hand-drawn look."""
    w, h = layer.size
    base = max(3, int(max(w, h) / cell))
    dx = (_smooth_noise(rng, w, h, octaves=2, base=base) - 0.5) * 2 * amp
    dy = (_smooth_noise(rng, w, h, octaves=2, base=base) - 0.5) * 2 * amp
    yy, xx = np.mgrid[0:h, 0:w]
    sx = np.clip((xx + dx).astype(np.int32), 0, w - 1)
    sy = np.clip((yy + dy).astype(np.int32), 0, h - 1)
    a = np.asarray(layer)
    return Image.fromarray(a[sy, sx])


def _hand_line(d: ImageDraw.ImageDraw, rng: np.random.Generator, pts, col, width: int, amount: float) -> None:
    d.line(_wobble(rng, [tuple(p) for p in pts], amount), fill=col, width=width, joint="curve")


def _notes_page(rng: np.random.Generator, w: int, h: int) -> tuple[Image.Image, str]:
    """Whiteboard, lined notebook, sticky notes or a blackboard, covered in hand-written notes and doodles."""
    kind = str(rng.choice(["whiteboard", "notebook", "notebook", "blackboard", "sticky"]))
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    if kind == "whiteboard":
        bg = Image.new("RGB", (w, h), tuple(int(v) for v in rng.integers(232, 252, 3)))
        inks = [(25, 25, 30), (30, 70, 200), (200, 35, 35), (20, 130, 60), (120, 40, 160)]
        ghost = ImageDraw.Draw(bg)  # faint traces of erased writing
        for _ in range(int(rng.integers(0, 8))):
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            ghost.line([(x, y), (x + rng.uniform(40, 300), y + rng.normal(0, 20))], fill=(215, 215, 218), width=int(rng.integers(6, 25)))
    elif kind == "blackboard":
        bg = Image.new("RGB", (w, h), _hsv(rng.uniform(0.3, 0.45), rng.uniform(0.2, 0.5), rng.uniform(0.18, 0.3)) if rng.random() < 0.6 else (35, 37, 40))
        inks = [(235, 235, 225), (240, 240, 240), (250, 230, 120), (150, 200, 250), (250, 160, 170)]
    elif kind == "sticky":
        bg = Image.new("RGB", (w, h), _hsv(rng.uniform(0, 1), rng.uniform(0.02, 0.15), rng.uniform(0.75, 0.95)))
        inks = [(20, 20, 25), (25, 40, 140), (150, 20, 20)]
    else:
        paper = tuple(int(v) for v in (rng.integers(240, 256), rng.integers(238, 254), rng.integers(225, 250)))
        bg = Image.new("RGB", (w, h), paper)
        g = ImageDraw.Draw(bg)
        step = int(rng.integers(18, 34))
        grid = rng.random() < 0.3
        for y in range(int(step * rng.uniform(2, 4)), h, step):
            g.line([(0, y), (w, y)], fill=(170, 195, 230) if not grid else (200, 215, 235), width=1)
        if grid:
            for x in range(0, w, step):
                g.line([(x, 0), (x, h)], fill=(200, 215, 235), width=1)
        elif rng.random() < 0.7:
            mx = int(w * rng.uniform(0.08, 0.15))
            g.line([(mx, 0), (mx, h)], fill=(230, 140, 140), width=2)
        inks = [(20, 30, 110), (25, 25, 30), (30, 60, 170), (160, 30, 30)]
    ink = inks[0] if rng.random() < 0.6 else inks[int(rng.integers(len(inks)))]
    hand_fonts = [str(k) for k in ("any", "any", "bold")]
    fs = h / rng.uniform(14, 28)
    lw = max(2, int(fs / rng.uniform(6, 12)))
    y = h * rng.uniform(0.04, 0.1)
    x0 = w * rng.uniform(0.04, 0.14)
    ttl = " ".join(text.words(rng, int(rng.integers(1, 4)))).title()
    f = _font(rng, fs * 1.5, str(rng.choice(hand_fonts)))
    d.text((x0, y), ttl, font=f, fill=ink)
    if rng.random() < 0.7:
        _hand_line(d, rng, [(x0, y + fs * 1.8), (x0 + _tw(d, ttl, f), y + fs * 1.8)], ink, lw, fs * 0.06)
    y += fs * 2.5
    while y < h * 0.9:
        col = ink if rng.random() < 0.75 else inks[int(rng.integers(len(inks)))]
        r = rng.random()
        f = _font(rng, fs * rng.uniform(0.85, 1.15), str(rng.choice(hand_fonts)))
        indent = x0 + (fs * rng.uniform(0.5, 2.5) if rng.random() < 0.3 else 0)
        if r < 0.55:  # bullet / numbered line
            bullet = str(rng.choice(["-", "*", "->", "•", f"{int(rng.integers(1, 9))})", "o"]))
            s = f"{bullet} {_sentence(rng, 2, 7)}"
            d.text((indent, y), s[: int(w / (fs * 0.45))], font=f, fill=col)
            if rng.random() < 0.15:  # crossed out
                _hand_line(d, rng, [(indent, y + fs * 0.6), (indent + _tw(d, s, f) * rng.uniform(0.3, 0.9), y + fs * 0.6)], col, lw, fs * 0.05)
            y += fs * rng.uniform(1.4, 2.0)
        elif r < 0.72:  # boxes joined by arrows
            n = int(rng.integers(2, 4))
            bx = indent
            bh = fs * 2
            for i in range(n):
                s = " ".join(text.words(rng, int(rng.integers(1, 3))))
                bw = _tw(d, s, f) + fs
                if bx + bw > w * 0.95:
                    break
                if rng.random() < 0.5:
                    _hand_line(d, rng, [(bx, y), (bx + bw, y), (bx + bw, y + bh), (bx, y + bh), (bx, y)], col, lw, fs * 0.05)
                else:
                    d.ellipse([bx - fs * 0.3, y - fs * 0.2, bx + bw + fs * 0.3, y + bh + fs * 0.2], outline=col, width=lw)
                d.text((bx + fs * 0.5, y + bh * 0.25), s, font=f, fill=col)
                if i < n - 1:
                    ax0, ax1 = bx + bw + fs * 0.4, bx + bw + fs * 2.4
                    _hand_line(d, rng, [(ax0, y + bh / 2), (ax1, y + bh / 2)], col, lw, fs * 0.05)
                    d.line([(ax1 - fs * 0.5, y + bh / 2 - fs * 0.4), (ax1, y + bh / 2), (ax1 - fs * 0.5, y + bh / 2 + fs * 0.4)], fill=col, width=lw)
                bx += bw + fs * 2.8
            y += bh + fs * 1.2
        elif r < 0.82:  # a little doodle: star, smiley, cloud or a wavy underline
            cx, cy, rr = rng.uniform(w * 0.2, w * 0.85), y + fs, fs * rng.uniform(0.8, 1.6)
            k = int(rng.integers(3))
            if k == 0:
                pts = [(cx + rr * (1 if i % 2 == 0 else 0.45) * math.cos(-math.pi / 2 + i * math.pi / 5), cy + rr * (1 if i % 2 == 0 else 0.45) * math.sin(-math.pi / 2 + i * math.pi / 5)) for i in range(11)]
                _hand_line(d, rng, pts, col, lw, fs * 0.04)
            elif k == 1:
                d.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], outline=col, width=lw)
                d.ellipse([cx - rr * 0.4, cy - rr * 0.35, cx - rr * 0.2, cy - rr * 0.1], fill=col)
                d.ellipse([cx + rr * 0.2, cy - rr * 0.35, cx + rr * 0.4, cy - rr * 0.1], fill=col)
                d.arc([cx - rr * 0.55, cy - rr * 0.4, cx + rr * 0.55, cy + rr * 0.6], 20, 160, fill=col, width=lw)
            else:
                xs = np.linspace(indent, indent + rng.uniform(0.3, 0.7) * w, 40)
                _hand_line(d, rng, list(zip(xs, cy + np.sin(xs / fs * 1.3) * fs * 0.3)), col, lw, fs * 0.03)
            y += rr * 2 + fs * 0.6
        elif r < 0.9:  # a maths-ish line
            a, b = int(rng.integers(2, 20)), int(rng.integers(2, 20))
            s = str(rng.choice([f"x = {a} + {b}y", f"{a}x² - {b} = 0", f"f(x) = {a}x + {b}", f"Δ = {a * b}", f"{a} × {b} = {a * b}", f"≈ {a}.{b}%", "n → ∞"]))
            d.text((indent, y), s, font=f, fill=col)
            if rng.random() < 0.4:
                tw = _tw(d, s, f)
                d.rectangle([indent - fs * 0.3, y - fs * 0.2, indent + tw + fs * 0.3, y + fs * 1.4], outline=col, width=lw)
            y += fs * 1.9
        else:
            y += fs * rng.uniform(0.8, 2)
    if kind == "sticky":  # the notes are small squares stuck on the surface: crop the content into a few notes
        layer = _warp_layer(rng, layer, fs * 0.08, fs * 0.9)
        bg.paste(layer, (0, 0), layer)
        return bg, kind
    layer = _warp_layer(rng, layer, fs * rng.uniform(0.04, 0.1), fs * rng.uniform(0.6, 1.4))
    if kind in ("whiteboard", "blackboard"):
        layer = layer.filter(ImageFilter.GaussianBlur(rng.uniform(0, 0.8)))
    bg.paste(layer, (0, 0), layer)
    return bg, kind


@renderer(LABEL, "pillow-handwriting")
@_latin
def handwritten_notes_pillow(rng: np.random.Generator) -> Rendered:
    """Photos of hand-written notes: whiteboards, blackboards, lined or squared notebook pages, sticky notes."""
    pw, ph = _dims(rng, 400, 900, [4 / 3, 3 / 2, 16 / 9, 3 / 4, 0.7, 1.0])
    page, kind = _notes_page(rng, pw, ph)
    if kind == "sticky":
        w, h = int(pw * rng.uniform(1.3, 1.8)), int(ph * rng.uniform(1.1, 1.5))
        wall = _texture(rng, w, h) * rng.uniform(0.4, 0.9) if rng.random() < 0.5 else np.full((h, w, 3), rng.integers(150, 240, 3), np.float32)
        base = Image.fromarray(np.clip(wall, 0, 255).astype(np.uint8))
        n = int(rng.integers(2, 7))
        for _ in range(n):
            s = int(min(w, h) * rng.uniform(0.25, 0.45))
            cx, cy = int(rng.uniform(0, max(1, pw - s))), int(rng.uniform(0, max(1, ph - s)))
            note = Image.new("RGB", (s, s), _hsv(float(rng.choice([0.15, 0.13, 0.95, 0.5, 0.3, 0.08])), rng.uniform(0.35, 0.7), rng.uniform(0.85, 1.0)))
            crop = page.crop((cx, cy, cx + s, cy + s))
            txt = np.asarray(crop.convert("L"), np.float32)
            dark = np.clip((170 - txt) / 120, 0, 1)[..., None]
            note = Image.fromarray((np.asarray(note, np.float32) * (1 - dark) + np.asarray(crop, np.float32) * dark * 0.6).astype(np.uint8))
            note = note.rotate(float(rng.normal(0, 6)), expand=True, fillcolor=None, resample=Image.BICUBIC)
            px, py = int(rng.uniform(0, max(1, w - note.width))), int(rng.uniform(0, max(1, h - note.height)))
            m = Image.fromarray((np.asarray(note.convert("L")) > 0).astype(np.uint8) * 255)
            base.paste(note, (px, py), m)
        img = _camera(rng, np.asarray(base, np.float32))
        return Rendered(img, f"handwriting,sticky,n{n}")
    arr = np.asarray(page, np.float32)
    if kind == "whiteboard" and rng.random() < 0.7:  # glare from the ceiling lights
        h, w = arr.shape[:2]
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        gx, gy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.1, 0.6) * h
        g = np.exp(-(((xx - gx) / (w * rng.uniform(0.1, 0.3))) ** 2 + ((yy - gy) / (h * rng.uniform(0.1, 0.3))) ** 2))
        arr = arr * (1 - 0.15 * _smooth_noise(rng, w, h, octaves=2, base=2)[..., None]) + 40 * g[..., None]
        page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.65:
        img = _on_surface(rng, page, tilt=rng.uniform(0.01, 0.07))
        return Rendered(img, f"handwriting,{kind},photo")
    return Rendered(_photo_finish(rng, np.asarray(page, np.float32)) if rng.random() < 0.5 else page, f"handwriting,{kind},scan")


# --------------------------------------------------------------------------------------- maths exam page


_PROBLEMS = [
    ("Evaluate", r"$\int_0^{1} x^2 e^{x}\,dx$"), ("Evaluate", r"$\lim_{n\to\infty}\left(1+\frac{1}{n}\right)^n$"),
    ("Differentiate", r"$f(x) = x^3 \sin(2x) + \ln(1+x^2)$"), ("Solve for $x$:", r"$3x^2 - 5x + 2 = 0$"),
    ("Prove that", r"$\sum_{k=1}^{n} k^3 = \left(\frac{n(n+1)}{2}\right)^2$"), ("Simplify", r"$\frac{x^2-9}{x^2+6x+9}$"),
    ("Show that", r"$\sqrt{2} \notin \mathbb{Q}$"), ("Find the eigenvalues of", r"$A = \left[\frac{2\quad 1}{1\quad 2}\right]$"),
    ("Compute", r"$\oint_C \frac{dz}{z^2+1}$"), ("Let", r"$a_n = \frac{(-1)^n}{\sqrt{n}}$"),
    ("Determine whether", r"$\sum_{n=1}^{\infty} \frac{1}{n^p}$ converges"), ("Find", r"$\frac{\partial^2 u}{\partial x\,\partial y}$ for $u = e^{xy}\cos y$"),
    ("Solve", r"$y'' + 4y = \sin t,\quad y(0)=0$"), ("Expand", r"$(a+b)^5$"), ("Verify", r"$\nabla \times (\nabla \phi) = \mathbf{0}$"),
    ("Factor", r"$x^4 - 16$"), ("Compute", r"$\binom{10}{3} + \binom{10}{7}$"), ("Evaluate", r"$\int\!\!\int_R (x+y)\,dA$"),
    ("Given", r"$\log_2 x + \log_2(x-2) = 3$"), ("Prove by induction", r"$2^n > n^2$ for $n \geq 5$"),
    ("Find the Taylor series of", r"$\frac{1}{1-x}$ about $x=0$"), ("Compute", r"$\det\left(\lambda I - B\right)$"),
]
_STEPS = [r"$= \frac{1}{2}\left[x^2\right]_0^1$", r"$\Rightarrow x = \frac{2}{3}$ or $x = 1$", r"$= 2x\cos x - x^2 \sin x$",
          r"$\therefore\ a_n \to 0$", r"$\leq \frac{C}{n^2}$", r"$= e - 2$", r"$\Longrightarrow \lambda_1 = 1,\ \lambda_2 = 3$",
          r"$\blacksquare$", r"$= \pi$", r"$\sim \mathcal{O}(n \log n)$", r"$\Leftrightarrow p > 1$"]


@renderer(LABEL, "matplotlib-mathpage")
@_latin
def math_page_matplotlib(rng: np.random.Generator) -> Rendered:
    """A typeset maths exam / homework sheet: header with name and marks boxes, numbered problems in
    mathtext, worked steps, answer lines; portrait page, sometimes two columns or photographed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    width = float(rng.uniform(5.5, 8.5))
    height = width * float(rng.choice([1.414, 1.29, 1.414, 0.75, 1.0]))
    dpi = int(rng.choice([72, 80, 90, 100]))
    while width * height * dpi * dpi > 0.9e6:
        dpi -= 8
    fig = plt.figure(figsize=(width, height), dpi=dpi)
    paper = (1.0, 1.0, 1.0) if rng.random() < 0.6 else tuple(float(v) for v in rng.uniform(0.93, 1.0, 3))
    fig.patch.set_facecolor(paper)
    serif = rng.random() < 0.6
    family = "serif" if serif else "sans-serif"
    fontset = str(rng.choice(["cm", "stix", "dejavuserif", "dejavusans", "stixsans"])) if rng.random() < 0.5 else "dejavusans"
    ink = "#111111" if rng.random() < 0.8 else str(rng.choice(["#1a237e", "#222222", "#3e2723"]))
    pt_y = 1 / (height * 72)
    fs = float(rng.uniform(9, 13))
    y = 0.96
    course = str(rng.choice(["MATH", "MA", "STAT", "PHYS", "ECON", "CS"])) + f" {int(rng.integers(100, 400))}"
    kind = str(rng.choice(["Midterm Exam", "Final Examination", "Problem Set", "Homework", "Quiz", "Worksheet", "Tutorial Sheet"]))
    fig.text(0.5, y, f"{course} — {kind} {int(rng.integers(1, 9))}", ha="center", va="top", fontsize=fs * 1.5, weight="bold", family=family, color=ink)
    y -= fs * 2.3 * pt_y
    if rng.random() < 0.7:
        fig.text(0.08, y, "Name: ______________________", fontsize=fs, va="top", family=family, color=ink)
        fig.text(0.6, y, "Date: ____________", fontsize=fs, va="top", family=family, color=ink)
        y -= fs * 2.0 * pt_y
    if rng.random() < 0.5:
        fig.text(0.08, y, _sentence(rng, 6, 14), fontsize=fs * 0.9, va="top", family=family, style="italic", color=ink)
        y -= fs * 2.0 * pt_y
    fig.add_artist(plt.Line2D([0.06, 0.94], [y, y], color=ink, lw=0.8, transform=fig.transFigure))
    y -= fs * 1.2 * pt_y
    two_col = width / height > 0.9 and rng.random() < 0.6
    cols = [(0.06, 0.48), (0.53, 0.95)] if two_col else [(0.06, 0.94)]
    top = y
    n = 1
    order = rng.permutation(len(_PROBLEMS))
    for cx0, _cx1 in cols:
        y = top
        while True:
            verb, expr = _PROBLEMS[int(order[(n - 1) % len(order)])]
            need = fs * (2.2 + 2.5) * pt_y
            if y - need < 0.04:
                break
            pts = f" ({int(rng.integers(2, 16))} pts)" if rng.random() < 0.5 else ""
            fig.text(cx0, y, f"{n}.", fontsize=fs, va="top", weight="bold", family=family, color=ink)
            fig.text(cx0 + 0.04, y, f"{verb}{pts}", fontsize=fs, va="top", family=family, color=ink)
            y -= fs * 1.7 * pt_y
            fig.text(cx0 + 0.08, y, expr, fontsize=fs * rng.uniform(1.05, 1.35), va="top", color=ink)
            y -= fs * 2.6 * pt_y
            r = rng.random()
            if r < 0.35:  # worked steps
                for _ in range(int(rng.integers(1, 3))):
                    if y - fs * 2.2 * pt_y < 0.04:
                        break
                    fig.text(cx0 + 0.12, y, str(rng.choice(_STEPS)), fontsize=fs, va="top", color=ink)
                    y -= fs * 2.2 * pt_y
            elif r < 0.7:  # answer lines / space
                for _ in range(int(rng.integers(1, 4))):
                    if y - fs * 2 * pt_y < 0.04:
                        break
                    fig.add_artist(plt.Line2D([cx0 + 0.08, _cx1], [y - fs * 1.2 * pt_y] * 2, color="#999999", lw=0.6, transform=fig.transFigure))
                    y -= fs * 2 * pt_y
            else:
                y -= fs * rng.uniform(1, 5) * pt_y
            n += 1
    buf = io.BytesIO()
    with warnings.catch_warnings(), matplotlib.rc_context({"mathtext.fontset": fontset}):
        warnings.simplefilter("ignore")
        fig.savefig(buf, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    plt.close(fig)
    img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    tag = f"mathpage,{'2col' if two_col else '1col'},{family}"
    if rng.random() < 0.25:
        return Rendered(_on_surface(rng, img), tag + ",photo")
    return Rendered(img, tag)


# --------------------------------------------------------------------------------------- sheet music


def _clef(d: ImageDraw.ImageDraw, x: float, top: float, s: float, col: Color, lw: int, bass: bool) -> None:
    """A stylised treble (spiral over a vertical stroke) or bass clef on a staff whose line gap is ``s``."""
    if bass:
        d.arc([x, top + s * 0.2, x + s * 2.2, top + s * 2.8], 180, 420, fill=col, width=lw + 1)
        d.ellipse([x, top + s * 0.9, x + s * 0.6, top + s * 1.5], fill=col)
        for dy in (0.5, 1.5):
            d.ellipse([x + s * 2.5, top + s * dy - s * 0.15, x + s * 2.8, top + s * dy + s * 0.15], fill=col)
        return
    cx = x + s * 1.0
    d.line([(cx + s * 0.2, top - s * 1.2), (cx - s * 0.1, top + s * 4.8)], fill=col, width=lw + 1)
    d.arc([cx - s * 1.0, top + s * 1.6, cx + s * 1.0, top + s * 3.6], 0, 330, fill=col, width=lw + 1)
    d.arc([cx - s * 0.2, top - s * 1.4, cx + s * 0.8, top + s * 0.4], 180, 80, fill=col, width=lw)
    d.ellipse([cx - s * 0.6, top + s * 4.5, cx - s * 0.1, top + s * 5.0], fill=col)


@renderer(LABEL, "pillow-sheetmusic")
@_latin
def sheet_music_pillow(rng: np.random.Generator) -> Rendered:
    """A page of sheet music: title and composer, staves with clefs, key / time signatures, notes with
    stems and beams, rests, bar lines, ledger lines, dynamics and sometimes lyrics or a piano grand staff."""
    w, h = _dims(rng, 500, 1300, [0.707, 0.77, 0.707, 1.33, 1.6])
    W, H = w * SS, h * SS
    paper = (255, 255, 255) if rng.random() < 0.6 else tuple(int(v) for v in (rng.integers(240, 256), rng.integers(235, 250), rng.integers(215, 240)))
    img = Image.new("RGB", (W, H), paper)
    d = ImageDraw.Draw(img)
    col = (15, 15, 15) if rng.random() < 0.85 else (40, 30, 25)
    s = H / rng.uniform(70, 130) if h > w else H / rng.uniform(45, 80)  # staff line gap
    lw = max(1, int(s * 0.12))
    y = H * rng.uniform(0.03, 0.06)
    if rng.random() < 0.85:
        ft = _font(rng, s * rng.uniform(3, 5), str(rng.choice(["bold", "any"])))
        ttl = text.title(rng, p_none=0).title()
        ft = _fit(d, ttl, ft, W * 0.8)
        _text_c(d, W / 2, y, ttl, ft, col)
        y += s * 5.5
        fc = _font(rng, s * 1.6, "any")
        comp = f"{str(rng.choice(['J.', 'W. A.', 'F.', 'C.', 'L. van', 'A.', 'E.']))} {text.words(rng, 1)[0].title()}"
        d.text((W * 0.92 - _tw(d, comp, fc), y), comp, font=fc, fill=col)
        tempo = str(rng.choice(["Allegro", "Andante", "Moderato", "Adagio", "Presto", "Largo", "Allegretto", "♩ = 120", "Lento"]))
        d.text((W * 0.08, y), tempo, font=_font(rng, s * 1.6, "bold"), fill=col)
        y += s * 4
    grand = rng.random() < 0.35
    lyrics = not grand and rng.random() < 0.35
    x0, x1 = W * rng.uniform(0.05, 0.1), W * rng.uniform(0.9, 0.95)
    sys_gap = s * rng.uniform(8, 12) + (s * 3 if lyrics else 0)
    n_sharps = int(rng.integers(-4, 5))
    fl = _font(rng, s * 1.5, "any")
    fdyn = _font(rng, s * 1.8, "bold")
    systems = 0
    while y + (s * 4 if not grand else s * 12) < H * 0.96:
        staves = [y] if not grand else [y, y + s * 8]
        for si, top in enumerate(staves):
            for i in range(5):
                d.line([(x0, top + i * s), (x1, top + i * s)], fill=col, width=lw)
            _clef(d, x0 + s * 0.3, top, s, col, lw, bass=grand and si == 1)
            kx = x0 + s * 3.3
            for k in range(abs(n_sharps)):
                pos = [0, 1.5, -0.5, 1, 2.5, 0.5][k] if n_sharps > 0 else [2, 0.5, 2.5, 1, 3, 1.5][k]
                d.text((kx, top + pos * s - s * 0.9), "♯" if n_sharps > 0 else "♭", font=fl, fill=col)
                kx += s * 0.9
            if systems == 0:
                ftime = _font(rng, s * 2.2, "bold")
                num, den = [(4, 4), (3, 4), (6, 8), (2, 4), (2, 2), (5, 4)][int(rng.integers(6))]
                d.text((kx + s * 0.3, top - s * 0.35), str(num), font=ftime, fill=col)
                d.text((kx + s * 0.3, top + s * 1.65), str(den), font=ftime, fill=col)
                kx += s * 2
            x = kx + s * 1.5
            bars = int(rng.integers(2, 6))
            bar_w = (x1 - x) / bars
            for b in range(bars):
                bx = x + b * bar_w
                n_notes = int(rng.choice([1, 2, 3, 4, 4, 6, 8]))
                step = bar_w / (n_notes + 0.6)
                prev = None
                pair_up = True
                for ni in range(n_notes):
                    nx = bx + step * (ni + 0.6)
                    if rng.random() < 0.1:  # rest
                        d.rectangle([nx - s * 0.4, top + s * 1.5, nx + s * 0.4, top + s * 2], fill=col)
                        prev = None
                        continue
                    pos = int(rng.integers(-3, 12))  # half-steps of a line gap from the top line, downwards
                    ny = top + pos * s / 2
                    hollow = n_notes <= 2 and rng.random() < 0.7
                    d.ellipse([nx - s * 0.65, ny - s * 0.45, nx + s * 0.65, ny + s * 0.45], fill=None if hollow else col, outline=col, width=lw + 1)
                    if pos <= -2:
                        for k in range(-2, pos - 1, -2):
                            d.line([(nx - s, top + k * s / 2), (nx + s, top + k * s / 2)], fill=col, width=lw)
                    if pos >= 10:
                        for k in range(10, pos + 1, 2):
                            d.line([(nx - s, top + k * s / 2), (nx + s, top + k * s / 2)], fill=col, width=lw)
                    if n_notes == 1 and rng.random() < 0.5:
                        continue  # whole note
                    if n_notes >= 6:  # beamed pairs share one stem direction
                        if ni % 2 == 0:
                            pair_up = pos >= 4
                        up = pair_up
                    else:
                        up = pos >= 4
                    sx = nx + s * 0.6 if up else nx - s * 0.6
                    sy = ny - s * 3.3 if up else ny + s * 3.3
                    d.line([(sx, ny), (sx, sy)], fill=col, width=lw + 1)
                    if n_notes >= 6 and prev is not None and ni % 2 == 1:
                        d.line([prev, (sx, sy)], fill=col, width=int(s * 0.45))
                    prev = (sx, sy) if ni % 2 == 0 else None
                    if rng.random() < 0.06:
                        d.text((nx - s * 1.8, ny - s * 0.9), str(rng.choice(["♯", "♭", "♮"])), font=fl, fill=col)
                    if lyrics and si == 0:
                        syl = text.words(rng, 1)[0][: int(rng.integers(2, 5))]
                        d.text((nx - _tw(d, syl, fl) / 2, top + s * 7), syl, font=fl, fill=col)
                d.line([(bx + bar_w, top), (bx + bar_w, top + 4 * s)], fill=col, width=lw + 1)
                if rng.random() < 0.1:
                    d.text((bx + s, top + s * 5), str(rng.choice(["p", "mf", "f", "pp", "ff", "mp", "cresc.", "dim."])), font=fdyn, fill=col)
        if grand:
            d.line([(x0, staves[0]), (x0, staves[1] + 4 * s)], fill=col, width=lw + 2)
        y = staves[-1] + 4 * s + sys_gap
        systems += 1
    if rng.random() < 0.5:
        fp = _font(rng, s * 1.3, "any")
        _text_c(d, W / 2, H - s * 3, str(int(rng.integers(1, 40))), fp, col)
    out = _finish(img, w, h)
    tag = f"sheetmusic,{'grand' if grand else 'single'}{',lyrics' if lyrics else ''}"
    if rng.random() < 0.25:
        return Rendered(_on_surface(rng, out), tag + ",photo")
    return Rendered(out, tag)


# --------------------------------------------------------------------------------------- circuit schematics


def _component(d: ImageDraw.ImageDraw, rng: np.random.Generator, kind: str, p, q, col: Color, lw: int, u: float, label: str, font, lab_col: Color) -> None:
    """Component ``kind`` centred between grid points ``p`` and ``q`` (horizontal or vertical wire), leads included."""
    (px, py), (qx, qy) = p, q
    horiz = abs(qy - py) < 1e-6
    L = math.hypot(qx - px, qy - py)
    ux, uy = (qx - px) / L, (qy - py) / L  # along the wire
    nx, ny = -uy, ux  # across
    mx, my = (px + qx) / 2, (py + qy) / 2
    half = min(L * 0.35, u * 1.1)

    def P(a: float, b: float) -> tuple[float, float]:  # local (along, across) -> image
        return (mx + ux * a + nx * b, my + uy * a + ny * b)

    d.line([p, P(-half, 0)], fill=col, width=lw)
    d.line([P(half, 0), q], fill=col, width=lw)
    if kind == "resistor":
        n = 6
        pts = [P(-half, 0)] + [P(-half + (i + 0.5) * 2 * half / n, (u * 0.28) * (1 if i % 2 == 0 else -1)) for i in range(n)] + [P(half, 0)]
        d.line(pts, fill=col, width=lw, joint="curve")
    elif kind == "resistor_box":
        d.polygon([P(-half, -u * 0.22), P(half, -u * 0.22), P(half, u * 0.22), P(-half, u * 0.22)], outline=col, width=lw)
    elif kind in ("capacitor", "battery"):
        g = u * 0.14
        d.line([P(-half, 0), P(-g, 0)], fill=col, width=lw)
        d.line([P(g, 0), P(half, 0)], fill=col, width=lw)
        a = u * 0.45
        b = a if kind == "capacitor" else a * 0.5
        d.line([P(-g, -a), P(-g, a)], fill=col, width=lw + 1)
        d.line([P(g, -b), P(g, b)], fill=col, width=lw + (1 if kind == "capacitor" else 3))
        if kind == "battery":
            d.text(P(-g - u * 0.35, -a - u * 0.3), "+", font=font, fill=lab_col)
    elif kind == "inductor":
        n = 4
        r = half / n
        for i in range(n):
            c = P(-half + r * (2 * i + 1), 0)
            d.arc([c[0] - r, c[1] - r, c[0] + r, c[1] + r], 180 if horiz else 90, 360 if horiz else 270, fill=col, width=lw)
    elif kind in ("diode", "led"):
        a = u * 0.3
        d.line([P(-half, 0), P(half, 0)], fill=col, width=lw)
        d.polygon([P(-a, -a), P(-a, a), P(a, 0)], outline=col, fill=col if rng.random() < 0.5 else None, width=lw)
        d.line([P(a, -a), P(a, a)], fill=col, width=lw + 1)
        if kind == "led":
            for o in (0, u * 0.22):
                s0, s1 = P(-a * 0.2 + o, -a * 1.2), P(a * 0.6 + o, -a * 2.0)
                d.line([s0, s1], fill=col, width=max(1, lw - 1))
                d.ellipse([s1[0] - lw * 1.5, s1[1] - lw * 1.5, s1[0] + lw * 1.5, s1[1] + lw * 1.5], fill=col)
    elif kind in ("source", "lamp", "meter"):
        r = u * 0.42
        d.line([P(-half, 0), P(-r, 0)], fill=col, width=lw)
        d.line([P(r, 0), P(half, 0)], fill=col, width=lw)
        d.ellipse([mx - r, my - r, mx + r, my + r], outline=col, width=lw, fill=None)
        if kind == "lamp":
            d.line([P(-r * 0.7, -r * 0.7), P(r * 0.7, r * 0.7)], fill=col, width=lw)
            d.line([P(-r * 0.7, r * 0.7), P(r * 0.7, -r * 0.7)], fill=col, width=lw)
        else:
            s = "~" if kind == "source" and rng.random() < 0.5 else ("V" if kind == "meter" and rng.random() < 0.5 else ("A" if kind == "meter" else "±"))
            _text_c(d, mx, my - r * 0.6, s, font, lab_col)
    elif kind == "switch":
        d.line([P(-half, 0), P(-u * 0.4, 0)], fill=col, width=lw)
        d.line([P(u * 0.4, 0), P(half, 0)], fill=col, width=lw)
        d.line([P(-u * 0.4, 0), P(u * 0.35, -u * 0.4)], fill=col, width=lw)
        for a in (-u * 0.4, u * 0.4):
            c = P(a, 0)
            d.ellipse([c[0] - lw * 1.5, c[1] - lw * 1.5, c[0] + lw * 1.5, c[1] + lw * 1.5], outline=col, width=max(1, lw // 2))
    else:
        d.line([P(-half, 0), P(half, 0)], fill=col, width=lw)
    lx, ly = P(0, -u * 0.85)
    if horiz:
        _text_c(d, lx, ly - u * 0.2, label, font, lab_col)
    elif mx < d.im.size[0] * 0.8:  # vertical part: label to its right, or to its left near the right edge
        d.text((mx + u * 0.6, my - u * 0.25), label, font=font, fill=lab_col)
    else:
        d.text((mx - u * 0.6 - _tw(d, label, font), my - u * 0.25), label, font=font, fill=lab_col)


@renderer(LABEL, "pillow-circuit")
@_latin
def circuit_schematic_pillow(rng: np.random.Generator) -> Rendered:
    """An electronic circuit schematic: wire loops on a grid with resistors, capacitors, inductors,
    diodes / LEDs, sources, switches, lamps, ground symbols, junction dots and part labels; white,
    cream (EDA tool), blueprint or dark theme, sometimes a title block or a sheet frame."""
    w, h = _dims(rng, 420, 1200, [4 / 3, 3 / 2, 16 / 9, 1.0, 1.41, 0.8])
    W, H = w * SS, h * SS
    theme = str(rng.choice(["white", "white", "eda", "blueprint", "dark"]))
    bg, col, lab = {"white": ((255, 255, 255), (20, 20, 20), (20, 20, 20)), "eda": ((250, 248, 228), (0, 132, 0), (0, 0, 180)),
                    "blueprint": ((22, 62, 130), (235, 240, 255), (235, 240, 255)), "dark": ((28, 30, 34), (120, 220, 140), (230, 210, 120))}[theme]
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    nx, ny = int(rng.integers(3, 7)), int(rng.integers(2, 5))
    m = min(W, H) * rng.uniform(0.08, 0.14)
    gx = (W - 2 * m) / nx
    gy = (H - 2 * m) / ny
    u = min(gx, gy) * rng.uniform(0.28, 0.4)
    lw = max(2, int(u * rng.uniform(0.06, 0.1)))
    if theme == "blueprint" or rng.random() < 0.2:
        gc = _shade(bg, 1.12) if theme != "white" else (230, 230, 238)
        step = max(8, int(u / 2))
        for x in range(0, W, step):
            d.line([(x, 0), (x, H)], fill=gc, width=1)
        for y in range(0, H, step):
            d.line([(0, y), (W, y)], fill=gc, width=1)
    font = _font(rng, u * rng.uniform(0.35, 0.5), str(rng.choice(["any", "mono"])))

    def G(i: int, j: int) -> tuple[float, float]:
        return (m + i * gx, m + j * gy)

    # a ladder of loops: top and bottom rails with vertical rungs; every segment may hold a component
    rungs = sorted(set(int(v) for v in rng.choice(np.arange(nx + 1), size=int(rng.integers(2, nx + 2)), replace=False)) | {0, nx})
    rail_top, rail_bot = 0, ny
    counts: dict[str, int] = {}
    prefix = {"resistor": "R", "resistor_box": "R", "capacitor": "C", "inductor": "L", "diode": "D", "led": "LED", "source": "V", "battery": "B", "lamp": "X", "switch": "S", "meter": "M"}
    kinds = list(prefix)
    units = {"R": ["10k", "4.7k", "220", "1M", "330Ω", "47k"], "C": ["100n", "10µF", "1n", "22p", "470µ"], "L": ["10mH", "4.7µH", "100µH"], "V": ["5V", "12V", "3.3V", "AC 230V"], "B": ["9V", "1.5V", "3V"]}

    def comp(p, q) -> None:
        k = str(rng.choice(kinds))
        pre = prefix[k]
        counts[pre] = counts.get(pre, 0) + 1
        lbl = f"{pre}{counts[pre]}"
        if pre in units and rng.random() < 0.7:
            lbl += " " + str(rng.choice(units[pre]))
        _component(d, rng, k, p, q, col, lw, u, lbl, font, lab)

    for a, b in zip(rungs, rungs[1:]):
        for j in (rail_top, rail_bot):
            if rng.random() < 0.55 and b - a >= 1:
                comp(G(a, j), G(b, j))
            else:
                d.line([G(a, j), G(b, j)], fill=col, width=lw)
    for i in rungs:
        # rung from top to bottom rail, possibly through an intermediate node
        mid = int(rng.integers(1, ny)) if ny > 1 and rng.random() < 0.5 else None
        segs = [(rail_top, mid), (mid, rail_bot)] if mid else [(rail_top, rail_bot)]
        for j0, j1 in segs:
            if rng.random() < 0.75:
                comp(G(i, j0), G(i, j1))
            else:
                d.line([G(i, j0), G(i, j1)], fill=col, width=lw)
    for i in rungs[1:-1]:
        for j in (rail_top, rail_bot):
            c = G(i, j)
            r = lw * 1.8
            d.ellipse([c[0] - r, c[1] - r, c[0] + r, c[1] + r], fill=col)
    if rng.random() < 0.7:  # ground symbol under a bottom node
        gx0, gy0 = G(int(rng.choice(rungs)), rail_bot)
        d.line([(gx0, gy0), (gx0, gy0 + u * 0.6)], fill=col, width=lw)
        for k in range(3):
            hw = u * (0.45 - 0.14 * k)
            yy = gy0 + u * (0.6 + 0.17 * k)
            d.line([(gx0 - hw, yy), (gx0 + hw, yy)], fill=col, width=lw)
    for _ in range(int(rng.integers(0, 3))):  # net labels
        px, py = G(int(rng.choice(rungs)), rail_top)
        s = str(rng.choice(["VCC", "+5V", "VIN", "OUT", "GND", "SDA", "SCL", "+12V", "Vout"]))
        d.text((px + u * 0.15, py - u * 0.6), s, font=font, fill=lab)
    if rng.random() < 0.4:  # title block
        bw, bh = W * 0.32, min(u * 1.6, m * 0.75)
        fb = _font(rng, bh * 0.28, "any")
        bx, by = W - bw - m * 0.1, H - bh - m * 0.1
        d.rectangle([bx, by, bx + bw, by + bh], outline=col, width=lw)
        d.line([(bx, by + bh / 2), (bx + bw, by + bh / 2)], fill=col, width=max(1, lw // 2))
        name = text.title(rng, 0).upper()
        d.text((bx + u * 0.2, by + bh * 0.1), name, font=_fit(d, name, fb, bw - u * 0.4), fill=lab)
        d.text((bx + u * 0.2, by + bh * 0.6), f"Rev {str(rng.choice(list('ABCD')))}  Sheet 1/{int(rng.integers(1, 5))}", font=fb, fill=lab)
    if rng.random() < 0.3:
        d.rectangle([u * 0.15, u * 0.15, W - u * 0.15, H - u * 0.15], outline=col, width=lw)
    out = _finish(img, w, h)
    return Rendered(out, f"circuit,{theme},{sum(counts.values())}parts")


# --------------------------------------------------------------------------------------- chemistry


_DIRS_A = (90.0, 210.0, 330.0)  # bond directions (degrees) at the two kinds of honeycomb vertices
_DIRS_B = (270.0, 30.0, 150.0)


def _key(x: float, y: float) -> tuple[int, int]:
    return (round(x * 100), round(y * 100))


def _molecule(rng: np.random.Generator) -> tuple[dict, set, dict, set]:
    """A random skeletal structure on a honeycomb lattice: (atoms {key: (x, y, kind)}, bonds {(k1, k2)},
    labels {key: 'OH'}, double {(k1, k2)}); bond length 1."""
    atoms: dict = {}
    bonds: set = set()
    ring_bonds: list = []
    sq3 = math.sqrt(3)
    cells = [(0.0, 0.0)]
    for _ in range(int(rng.choice([0, 0, 1, 1, 2]))):  # fused rings share an edge
        cx, cy = cells[int(rng.integers(len(cells)))]
        a = math.radians(float(rng.choice([0, 60, 120, 180, 240, 300])))
        c = (round(cx + sq3 * math.cos(a), 4), round(cy + sq3 * math.sin(a), 4))
        if c not in cells:
            cells.append(c)
    if rng.random() < 0.15:
        cells = []
        atoms[_key(0, 0)] = (0.0, 0.0, "A")
    for cx, cy in cells:
        vs = []
        for k in range(6):
            ang = math.radians(90 + 60 * k)
            x, y = cx + math.cos(ang), cy + math.sin(ang)
            kk = _key(x, y)
            atoms.setdefault(kk, (x, y, "A" if k % 2 == 0 else "B"))
            vs.append(kk)
        for k in range(6):
            e = tuple(sorted((vs[k], vs[(k + 1) % 6])))
            if e not in bonds:
                bonds.add(e)
                ring_bonds.append((e, k))
    double: set = set()
    if cells and rng.random() < 0.8:  # aromatic: alternate double bonds in the first ring
        for e, k in ring_bonds[:6]:
            if k % 2 == 0:
                double.add(e)
    deg = lambda k: sum(1 for b in bonds if k in b)  # noqa: E731
    for _ in range(int(rng.integers(2, 10))):  # grow chains
        keys = [k for k in atoms if deg(k) < 3]
        if not keys:
            break
        k = keys[int(rng.integers(len(keys)))]
        x, y, t = atoms[k]
        for dd in rng.permutation(3):
            ang = math.radians((_DIRS_A if t == "A" else _DIRS_B)[int(dd)])
            nxp, nyp = x + math.cos(ang), y + math.sin(ang)
            nk = _key(nxp, nyp)
            if nk in atoms:
                continue
            if any(math.hypot(nxp - ax, nyp - ay) < 0.9 for ax, ay, _ in atoms.values()):
                continue
            atoms[nk] = (nxp, nyp, "B" if t == "A" else "A")
            e = tuple(sorted((k, nk)))
            bonds.add(e)
            if rng.random() < 0.12:
                double.add(e)
            break
    labels: dict = {}
    for k in atoms:
        dg = deg(k)
        if dg == 1 and rng.random() < 0.45:
            labels[k] = str(rng.choice(["OH", "O", "NH2", "Cl", "F", "Br", "CH3", "N", "COOH", "OMe", "CN", "SH"]))
        elif dg == 2 and rng.random() < 0.08:
            labels[k] = str(rng.choice(["O", "N", "NH", "S"]))
    return atoms, bonds, labels, double


def _draw_molecule(d: ImageDraw.ImageDraw, rng: np.random.Generator, mol, cx: float, cy: float, bl: float, col: Color, bg: Color, lw: int, font) -> tuple[float, float]:
    """Draw ``mol`` centred at (cx, cy) with bond length ``bl``; returns its (half-width, half-height)."""
    atoms, bonds, labels, double = mol
    xs = [a[0] for a in atoms.values()]
    ys = [a[1] for a in atoms.values()]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    rot = float(rng.choice([0, 0, 30, 90])) * math.pi / 180

    def P(k) -> tuple[float, float]:
        x, y, _ = atoms[k]
        x, y = x - mx, y - my
        return (cx + bl * (x * math.cos(rot) - y * math.sin(rot)), cy - bl * (x * math.sin(rot) + y * math.cos(rot)))

    ring_c = None
    for b in bonds:
        p, q = P(b[0]), P(b[1])
        d.line([p, q], fill=col, width=lw)
        if b in double:
            vx, vy = q[0] - p[0], q[1] - p[1]
            L = math.hypot(vx, vy) or 1
            ox, oy = -vy / L * bl * 0.16, vx / L * bl * 0.16
            if ring_c is None:
                ring_c = (cx, cy)
            mxp, myp = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
            if (mxp + ox - ring_c[0]) ** 2 + (myp + oy - ring_c[1]) ** 2 > (mxp - ox - ring_c[0]) ** 2 + (myp - oy - ring_c[1]) ** 2:
                ox, oy = -ox, -oy
            d.line([(p[0] + ox + vx * 0.12, p[1] + oy + vy * 0.12), (q[0] + ox - vx * 0.12, q[1] + oy - vy * 0.12)], fill=col, width=lw)
    hetero = [(220, 30, 30), (30, 60, 220), (20, 140, 40)] if rng.random() < 0.5 else [col]
    for k, s in labels.items():
        x, y = P(k)
        tw = _tw(d, s, font)
        fh = font.size if hasattr(font, "size") else 10
        d.rectangle([x - tw / 2 - 2, y - fh * 0.6, x + tw / 2 + 2, y + fh * 0.6], fill=bg)
        c = hetero[int(rng.integers(len(hetero)))] if s not in ("CH3",) else col
        d.text((x - tw / 2, y - fh * 0.62), s, font=font, fill=c)
    pts = [P(k) for k in atoms]
    return (max(abs(p[0] - cx) for p in pts) + bl * 0.6, max(abs(p[1] - cy) for p in pts) + bl * 0.6)


_NAME_BITS = ["methyl", "ethyl", "propyl", "hydroxy", "chloro", "amino", "phenyl", "benzo", "pyridin", "oxo", "carboxy", "fluoro", "nitro", "cyclohex"]


@renderer(LABEL, "pillow-molecule")
@_latin
def molecule_pillow(rng: np.random.Generator) -> Rendered:
    """Skeletal chemical structures: rings with alternating double bonds, zig-zag chains, heteroatom
    labels; one molecule with its IUPAC-like name, a reaction scheme (A -> B with reagents) or a grid of
    compounds, on white, dark or textbook-tinted pages."""
    w, h = _dims(rng, 380, 1100, [4 / 3, 16 / 9, 1.0, 2.2, 3 / 2])
    W, H = w * SS, h * SS
    dark = rng.random() < 0.15
    bg: Color = (25, 25, 30) if dark else ((255, 255, 255) if rng.random() < 0.7 else _hsv(rng.random(), 0.06, 0.98))
    col: Color = (235, 235, 235) if dark else (0, 0, 0)
    img = Image.new("RGB", (W, H), bg)
    d = ImageDraw.Draw(img)
    layout = str(rng.choice(["single", "reaction", "grid"]))
    n = 1 if layout == "single" else (2 if layout == "reaction" else int(rng.integers(3, 7)))
    if layout == "grid":
        cols = int(math.ceil(math.sqrt(n * W / H)))
        rows = int(math.ceil(n / cols))
        slots = [((i % cols + 0.5) * W / cols, (i // cols + 0.45) * H / rows, W / cols, H / rows) for i in range(n)]
    elif layout == "reaction":
        slots = [(W * 0.22, H * 0.48, W * 0.38, H * 0.8), (W * 0.78, H * 0.48, W * 0.38, H * 0.8)]
    else:
        slots = [(W / 2, H * 0.45, W * 0.8, H * 0.75)]
    lw = max(2, int(min(W, H) / rng.uniform(220, 400)))
    fname = _font(rng, min(W, H) / rng.uniform(28, 45), "any")
    for i, (cx, cy, sw, sh) in enumerate(slots):
        mol = _molecule(rng)
        xs = [a[0] for a in mol[0].values()]
        ys = [a[1] for a in mol[0].values()]
        span = max(max(xs) - min(xs) + 1.5, max(ys) - min(ys) + 1.5)
        bl = min(sw, sh) * 0.8 / span
        font = _font(rng, bl * rng.uniform(0.45, 0.6), str(rng.choice(["any", "bold"])))
        _draw_molecule(d, rng, mol, cx, cy, bl, col, bg, max(lw, int(bl / 18)), font)
        if layout != "reaction" or rng.random() < 0.5:
            nm = "".join(str(rng.choice(_NAME_BITS)) for _ in range(int(rng.integers(1, 4)))) + str(rng.choice(["ane", "ol", "ine", "ic acid", "one", "amide", "ene"]))
            if rng.random() < 0.5:
                nm = f"{int(rng.integers(1, 6))}-{nm}"
            if layout == "grid":
                nm = f"({i + 1}) {nm}" if rng.random() < 0.5 else f"{i + 1}{str(rng.choice(list('abc')))}"
            nf = _fit(d, nm, fname, sw * 0.95)
            _text_c(d, cx, min(H - nf.size * 1.4 if hasattr(nf, "size") else H - 20, cy + sh * 0.42), nm, nf, col)
    if layout == "reaction":
        ay = H * 0.48
        d.line([(W * 0.42, ay), (W * 0.58, ay)], fill=col, width=lw + 1)
        d.polygon([(W * 0.58, ay), (W * 0.56, ay - W * 0.012), (W * 0.56, ay + W * 0.012)], fill=col)
        fr = _font(rng, min(W, H) / 35, "any")
        reag = str(rng.choice(["H2, Pd/C", "NaBH4", "HCl, Δ", "KMnO4", "LiAlH4, THF", "Br2, FeBr3", "NaOH (aq)", "H2SO4"]))
        _text_c(d, W / 2, ay - min(W, H) / 14, reag, _fit(d, reag, fr, W * 0.16), col)
        if rng.random() < 0.5:
            cond = str(rng.choice(["rt, 2 h", "reflux", "0 °C", "85%", "12 h", "MeOH"]))
            _text_c(d, W / 2, ay + min(W, H) / 40, cond, _fit(d, cond, fr, W * 0.16), col)
    out = _finish(img, w, h)
    return Rendered(out, f"molecule,{layout}{',dark' if dark else ''}")


# --------------------------------------------------------------------------------------- generative art


def _cyclic(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Map ``t`` through a cosine palette (Inigo Quilez style): a + b cos(2 pi (c t + d))."""
    a = rng.uniform(0.3, 0.7, 3)
    b = rng.uniform(0.2, 0.5, 3)
    c = rng.uniform(0.5, 1.5, 3) * (1 if rng.random() < 0.5 else 1.0)
    dd = rng.uniform(0, 1, 3)
    return 255 * np.clip(a + b * np.cos(2 * np.pi * (c * t[..., None] + dd)), 0, 1)


def _escape_time(rng: np.random.Generator, w: int, h: int) -> tuple[np.ndarray, str]:
    kind = str(rng.choice(["mandelbrot", "julia", "julia", "burning_ship"]))
    f = min(1.0, math.sqrt(150_000 / (w * h)))
    cw, ch = max(32, int(w * f)), max(32, int(h * f))
    span = float(rng.uniform(2.5, 3.5)) if rng.random() < 0.5 else float(10 ** rng.uniform(-2.5, -0.5))
    if kind == "mandelbrot":
        centres = [(-0.75, 0.0), (-0.7436, 0.1318), (-0.1011, 0.9563), (-1.25066, 0.02012), (0.2816, 0.0085), (-0.16, 1.0405)]
        cx, cy = centres[int(rng.integers(len(centres)))] if span < 2 else (-0.6, 0.0)
    elif kind == "burning_ship":
        cx, cy = (-0.5, -0.5) if span >= 2 else (-1.762, -0.028)
    else:
        cx, cy = 0.0, 0.0
        span = float(rng.uniform(2.4, 3.4)) if rng.random() < 0.75 else float(rng.uniform(0.5, 1.5))
    xs = np.linspace(cx - span / 2, cx + span / 2, cw, dtype=np.float64)
    ys = np.linspace(cy - span / 2 * ch / cw, cy + span / 2 * ch / cw, ch, dtype=np.float64)
    grid = xs[None, :] + 1j * ys[:, None]
    if kind == "julia":
        a = rng.uniform(0, 2 * np.pi)
        c = complex(0.7885 * math.cos(a), 0.7885 * math.sin(a))
        z = grid.copy()
    else:
        c = grid
        z = np.zeros_like(grid)
    it = int(rng.integers(40, 90))
    count = np.full(grid.shape, float(it))
    alive = np.ones(grid.shape, bool)
    for i in range(it):
        if kind == "burning_ship":
            z[alive] = (np.abs(z[alive].real) + 1j * np.abs(z[alive].imag)) ** 2 + (c[alive] if isinstance(c, np.ndarray) else c)
        else:
            z[alive] = z[alive] ** 2 + (c[alive] if isinstance(c, np.ndarray) else c)
        esc = alive & (np.abs(z) > 4)
        count[esc] = i + 1 - np.log2(np.log(np.abs(z[esc]) + 1e-9) + 1e-9)
        alive &= ~esc
    t = np.clip(np.nan_to_num(count / it, nan=0.0, posinf=1.0, neginf=0.0), 0, 1)
    t = t ** rng.uniform(0.3, 1.0) * rng.uniform(2, 8)
    rgb = _cyclic(rng, t)
    inside = (255 * np.array(_hsv(rng.random(), rng.uniform(0, 0.5), rng.uniform(0, 0.15)))) / 255
    rgb[alive] = inside
    img = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)
    if kind == "burning_ship":
        img = img.transpose(Image.FLIP_TOP_BOTTOM)
    return np.asarray(img, np.float32), kind


def _flow_field(rng: np.random.Generator, w: int, h: int) -> tuple[np.ndarray, str]:
    dark = rng.random() < 0.5
    bg = _hsv(rng.random(), rng.uniform(0, 0.3), rng.uniform(0.03, 0.15) if dark else rng.uniform(0.88, 0.98))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    ang = _smooth_noise(rng, w, h, octaves=2, base=int(rng.integers(2, 6))) * rng.uniform(4, 12) * np.pi
    h0 = rng.random()
    spread = rng.uniform(0.05, 0.4)
    n = int(rng.integers(300, 1200))
    steps = int(rng.integers(20, 70))
    step = max(w, h) / rng.uniform(250, 500)
    lwid = int(rng.integers(1, 4))
    for _ in range(n):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        pts = [(x, y)]
        for _s in range(steps):
            a = ang[int(min(h - 1, max(0, y))), int(min(w - 1, max(0, x)))]
            x += math.cos(a) * step
            y += math.sin(a) * step
            if not (0 <= x < w and 0 <= y < h):
                break
            pts.append((x, y))
        if len(pts) > 2:
            col = _hsv(h0 + rng.uniform(-spread, spread), rng.uniform(0.3, 0.9), rng.uniform(0.5, 1.0) if dark else rng.uniform(0.2, 0.8))
            d.line(pts, fill=col, width=lwid)
    return np.asarray(img, np.float32), "flowfield"


def _truchet(rng: np.random.Generator, w: int, h: int) -> tuple[np.ndarray, str]:
    W, H = w * SS, h * SS
    c0 = _hsv(rng.random(), rng.uniform(0.2, 0.9), rng.uniform(0.2, 1.0))
    c1 = _hsv(rng.random(), rng.uniform(0.2, 0.9), rng.uniform(0.2, 1.0))
    img = Image.new("RGB", (W, H), c0)
    d = ImageDraw.Draw(img)
    s = int(max(W, H) / rng.uniform(8, 30))
    lw = max(2, int(s * rng.uniform(0.08, 0.3)))
    arcs = rng.random() < 0.6
    for y in range(0, H + s, s):
        for x in range(0, W + s, s):
            flip = rng.random() < 0.5
            if arcs:
                if flip:
                    d.arc([x - s / 2, y - s / 2, x + s / 2, y + s / 2], 0, 90, fill=c1, width=lw)
                    d.arc([x + s / 2, y + s / 2, x + 3 * s / 2, y + 3 * s / 2], 180, 270, fill=c1, width=lw)
                else:
                    d.arc([x + s / 2, y - s / 2, x + 3 * s / 2, y + s / 2], 90, 180, fill=c1, width=lw)
                    d.arc([x - s / 2, y + s / 2, x + s / 2, y + 3 * s / 2], 270, 360, fill=c1, width=lw)
            else:
                d.polygon([(x, y), (x + s, y), (x, y + s)] if flip else [(x + s, y), (x + s, y + s), (x, y)], fill=c1)
    return np.asarray(_finish(img, w, h), np.float32), "truchet"


def _warped_marble(rng: np.random.Generator, w: int, h: int) -> tuple[np.ndarray, str]:
    n1 = _smooth_noise(rng, w, h, octaves=4, base=3)
    n2 = _smooth_noise(rng, w, h, octaves=4, base=3)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    f = rng.uniform(0.01, 0.04)
    t = np.sin((xx * math.cos(rng.uniform(0, 3)) + yy) * f + (n1 * 2 - 1) * rng.uniform(6, 18) + n2 * 6) * 0.5 + 0.5
    return _cyclic(rng, t * rng.uniform(0.5, 1.5)), "marble"


@renderer(LABEL, "pillow-generative")
def generative_art_pillow(rng: np.random.Generator) -> Rendered:
    """Generative / fractal art: Mandelbrot, Julia and burning-ship escape-time images with cosine
    palettes, flow-field line drawings, Truchet tilings and domain-warped marbling; sometimes framed
    with a caption like an art post."""
    w, h = _dims(rng, 360, 1300, [1.0, 1.0, 4 / 3, 16 / 9, 3 / 4, 9 / 16, 3 / 2])
    k = rng.random()
    if k < 0.4:
        arr, kind = _escape_time(rng, w, h)
    elif k < 0.65:
        arr, kind = _flow_field(rng, w, h)
    elif k < 0.82:
        arr, kind = _truchet(rng, w, h)
    else:
        arr, kind = _warped_marble(rng, w, h)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.2:  # posted as a framed print / with a signature
        m = int(min(w, h) * rng.uniform(0.04, 0.1))
        frame = Image.new("RGB", (w + 2 * m, h + 3 * m), _hsv(rng.random(), rng.uniform(0, 0.1), rng.uniform(0.9, 1.0)))
        frame.paste(img, (m, m))
        d = ImageDraw.Draw(frame)
        with text.no_cjk():
            cap = text.title(rng, p_none=0)
        d.text((m, h + m * 1.5), cap, font=_font(rng, m * 0.8, "any"), fill=(60, 60, 60))
        img = frame
        kind += ",framed"
    return Rendered(img, f"generative,{kind}")


# --------------------------------------------------------------------------------------- receipts, tickets, labels


def _barcode(d: ImageDraw.ImageDraw, rng: np.random.Generator, x: float, y: float, w: float, h: float, col: Color) -> None:
    bars = rng.integers(1, 5, int(rng.integers(40, 90)))
    unit = w / bars.sum()
    cx = x
    for i, b in enumerate(bars):
        if i % 2 == 0:
            d.rectangle([cx, y, cx + b * unit - 0.5, y + h], fill=col)
        cx += b * unit


def _qr(d: ImageDraw.ImageDraw, rng: np.random.Generator, x: float, y: float, s: float, col: Color, bg: Color) -> None:
    n = int(rng.choice([21, 25, 29, 33]))
    c = s / n
    mods = rng.random((n, n)) < 0.5
    for i in range(n):
        for j in range(n):
            if mods[i, j]:
                d.rectangle([x + j * c, y + i * c, x + (j + 1) * c - 0.01, y + (i + 1) * c - 0.01], fill=col)
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        d.rectangle([x + (fx - (1 if fx else 0)) * c, y + (fy - (1 if fy else 0)) * c, x + (fx + 8 - (1 if fx else 0)) * c - 0.01, y + (fy + 8 - (1 if fy else 0)) * c - 0.01], fill=bg)
        d.rectangle([x + fx * c, y + fy * c, x + (fx + 7) * c - 0.01, y + (fy + 7) * c - 0.01], fill=col)
        d.rectangle([x + (fx + 1) * c, y + (fy + 1) * c, x + (fx + 6) * c - 0.01, y + (fy + 6) * c - 0.01], fill=bg)
        d.rectangle([x + (fx + 2) * c, y + (fy + 2) * c, x + (fx + 5) * c - 0.01, y + (fy + 5) * c - 0.01], fill=col)


def _receipt(rng: np.random.Generator) -> tuple[Image.Image, str]:
    w = int(rng.integers(300, 460))
    h = int(w * rng.uniform(1.8, 3.0))
    paper = tuple(int(v) for v in (rng.integers(240, 256), rng.integers(238, 254), rng.integers(228, 250)))
    img = Image.new("RGB", (w, h), paper)
    d = ImageDraw.Draw(img)
    ink = (40, 40, 45) if rng.random() < 0.7 else (70, 60, 110)
    fs = w / rng.uniform(24, 34)
    f = _font(rng, fs, "mono")
    fb = _font(rng, fs * 1.6, str(rng.choice(["bold", "mono"])))
    y = fs * 1.5
    shop = (" ".join(text.words(rng, int(rng.integers(1, 3))))).upper()
    _text_c(d, w / 2, y, shop, _fit(d, shop, fb, w * 0.9), ink)
    y += fs * 2.4
    for s in [f"{int(rng.integers(1, 999))} {text.words(rng, 1)[0].title()} St", f"Tel {int(rng.integers(100, 999))}-{int(rng.integers(1000, 9999))}",
              f"{int(rng.integers(1, 29)):02d}/{int(rng.integers(1, 13)):02d}/20{int(rng.integers(15, 27))}  {int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d}"]:
        _text_c(d, w / 2, y, s, f, ink)
        y += fs * 1.35
    cw = _tw(d, "-", f) or 7
    sep = "-" * int(w * 0.9 / cw) if rng.random() < 0.6 else "=" * int(w * 0.9 / cw)
    _text_c(d, w / 2, y, sep, f, ink)
    y += fs * 1.5
    total = 0.0
    for _ in range(int(rng.integers(3, 14))):
        if y > h * 0.62:
            break
        item = " ".join(text.words(rng, int(rng.integers(1, 3)))).upper()[:18]
        qty = int(rng.integers(1, 4))
        price = float(rng.integers(50, 3000)) / 100 * qty
        total += price
        if qty > 1 and rng.random() < 0.5:
            d.text((w * 0.06, y), item, font=f, fill=ink)
            y += fs * 1.3
            item = f"  {qty} x {price / qty:.2f}"
        d.text((w * 0.06, y), item, font=f, fill=ink)
        ps = f"{price:.2f}"
        d.text((w * 0.94 - _tw(d, ps, f), y), ps, font=f, fill=ink)
        y += fs * 1.35
    _text_c(d, w / 2, y, sep, f, ink)
    y += fs * 1.5
    tax = total * float(rng.choice([0.05, 0.07, 0.1, 0.19, 0.2]))
    for lab, v, big in (("SUBTOTAL", total, False), ("TAX", tax, False), ("TOTAL", total + tax, True)):
        ff = fb if big else f
        d.text((w * 0.06, y), lab, font=ff, fill=ink)
        vs = f"{v:.2f}"
        d.text((w * 0.94 - _tw(d, vs, ff), y), vs, font=ff, fill=ink)
        y += fs * (2.1 if big else 1.35)
    pay = str(rng.choice(["VISA **** ", "CASH", "MASTERCARD **** ", "DEBIT **** "]))
    d.text((w * 0.06, y), pay + (str(int(rng.integers(1000, 9999))) if "*" in pay else ""), font=f, fill=ink)
    y += fs * 2
    _text_c(d, w / 2, y, str(rng.choice(["THANK YOU!", "THANK YOU FOR SHOPPING", "PLEASE COME AGAIN", "*** CUSTOMER COPY ***"])), f, ink)
    y += fs * 2
    if rng.random() < 0.7 and y + fs * 4 < h:
        _barcode(d, rng, w * 0.15, y, w * 0.7, min(fs * 3.5, h - y - fs * 2), ink)
        y += fs * 4
    if rng.random() < 0.4 and y + w * 0.4 < h:
        s = w * 0.35
        _qr(d, rng, (w - s) / 2, y, s, ink, paper)
    if rng.random() < 0.6:  # faded thermal print
        a = np.asarray(img, np.float32)
        fade = 0.55 + 0.45 * _smooth_noise(rng, w, h, octaves=2, base=2)
        a = 255 - (255 - a) * fade[..., None]
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    return img.crop((0, 0, w, int(min(h, y + fs * 3)))) if rng.random() < 0.5 else img, "receipt"


def _label(rng: np.random.Generator) -> tuple[Image.Image, str]:
    """A shipping label or a boarding pass / event ticket with barcodes and a QR-like code."""
    ticket = rng.random() < 0.5
    w, h = (int(rng.integers(700, 1100)), 0) if ticket else (int(rng.integers(420, 640)), 0)
    h = int(w * rng.uniform(0.35, 0.45)) if ticket else int(w * rng.uniform(1.3, 1.6))
    bg: Color = (255, 255, 255) if not ticket or rng.random() < 0.5 else _hsv(rng.random(), rng.uniform(0.05, 0.2), 0.98)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    ink: Color = (15, 15, 20)
    u = min(w, h) / 14
    f = _font(rng, u * 0.55, "any")
    fb = _font(rng, u * 1.0, "bold")
    if ticket:
        accent = _hsv(rng.random(), rng.uniform(0.5, 0.9), rng.uniform(0.4, 0.8))
        d.rectangle([0, 0, w, u * 2], fill=accent)
        d.text((u * 0.5, u * 0.4), str(rng.choice(["BOARDING PASS", "ADMIT ONE", "E-TICKET", "TRAIN TICKET", "CONCERT TICKET"])), font=fb, fill=(255, 255, 255))
        stub = w * rng.uniform(0.68, 0.76)
        for yy in range(int(u * 2.3), h, int(u * 0.5)):
            d.line([(stub, yy), (stub, yy + u * 0.25)], fill=(150, 150, 150), width=2)
        fields = [("PASSENGER" if rng.random() < 0.5 else "NAME", f"{text.words(rng, 1)[0].upper()}/{text.words(rng, 1)[0].upper()}"), ("FROM", str(rng.choice(["OSL", "CDG", "LIM", "NRT", "CAI", "DEL", "JFK"]))),
                  ("TO", str(rng.choice(["LHR", "AMS", "SFO", "GRU", "SYD", "FRA"]))), ("DATE", f"{int(rng.integers(1, 29)):02d} {str(rng.choice(['JAN', 'MAR', 'JUL', 'OCT', 'DEC']))}"),
                  ("GATE", f"{str(rng.choice(list('ABCDE')))}{int(rng.integers(1, 40))}"), ("SEAT", f"{int(rng.integers(1, 45))}{str(rng.choice(list('ABCDEF')))}")]
        for i, (k, v) in enumerate(fields):
            x = u * 0.5 + (i % 3) * stub / 3.1
            y = u * 2.8 + (i // 3) * u * 2.6
            d.text((x, y), k, font=f, fill=(110, 110, 110))
            d.text((x, y + u * 0.75), v, font=_fit(d, v, fb, stub / 3.3), fill=ink)
        _barcode(d, rng, u * 0.5, h - u * 2.6, stub * 0.6, u * 2, ink)
        s = min(w - stub - u, h - u * 3)
        _qr(d, rng, stub + (w - stub - s) / 2, u * 2.5, s, ink, bg)
        return img, "ticket"
    d.rectangle([u * 0.2, u * 0.2, w - u * 0.2, h - u * 0.2], outline=ink, width=max(2, int(u * 0.08)))
    y = u * 0.6
    d.text((u * 0.6, y), str(rng.choice(["PRIORITY MAIL", "EXPRESS", "STANDARD", "PARCEL", "GROUND"])), font=fb, fill=ink)
    y += u * 1.6
    d.line([(u * 0.2, y), (w - u * 0.2, y)], fill=ink, width=max(2, int(u * 0.08)))
    y += u * 0.4
    for head in ("FROM:", "SHIP TO:"):
        d.text((u * 0.6, y), head, font=f, fill=ink)
        y += u * 0.8
        for s in [" ".join(text.words(rng, 2)).title(), f"{int(rng.integers(1, 9999))} {text.words(rng, 1)[0].title()} Ave", f"{str(rng.choice(text._NAMES[8:15]))} {int(rng.integers(10000, 99999))}"]:
            d.text((u * 1.2, y), s, font=f if head == "FROM:" else _font(rng, u * 0.75, "bold"), fill=ink)
            y += u * (0.75 if head == "FROM:" else 0.95)
        y += u * 0.4
    _qr(d, rng, u * 0.6, y, min(u * 4, h - y - u * 5), ink, bg)
    d.text((u * 5.2, y + u * 0.5), f"{float(rng.uniform(0.2, 20)):.1f} KG", font=fb, fill=ink)
    y += min(u * 4, h - y - u * 5) + u * 0.5
    _barcode(d, rng, u * 0.6, y, w - u * 1.2, max(u, h - y - u * 1.8), ink)
    tn = " ".join(str(int(rng.integers(1000, 9999))) for _ in range(4))
    _text_c(d, w / 2, h - u * 1.3, tn, f, ink)
    return img, "shipping_label"


@renderer(LABEL, "pillow-receipt")
@_latin
def receipt_label_pillow(rng: np.random.Generator) -> Rendered:
    """Till receipts (items, prices, totals, barcode / QR, faded thermal print), boarding passes / event
    tickets and shipping labels with barcodes and QR-like codes; flat scans or photographed on a table."""
    img, kind = _receipt(rng) if rng.random() < 0.55 else _label(rng)
    if rng.random() < 0.55:
        return Rendered(_on_surface(rng, img, tilt=rng.uniform(0.01, 0.06)), f"receipt,{kind},photo")
    if rng.random() < 0.5:  # screenshot-like: centred on a grey or dark canvas
        w, h = img.size
        m = int(max(w, h) * rng.uniform(0.05, 0.3))
        c = Image.new("RGB", (w + 2 * m, h + 2 * m), tuple(int(v) for v in np.full(3, rng.integers(30, 230))))
        c.paste(img, (m, m))
        img = c
    return Rendered(img, f"receipt,{kind},flat")


# --------------------------------------------------------------------------------------- TV broadcast frames


@renderer(LABEL, "pillow-broadcast")
@_latin
def broadcast_frame_pillow(rng: np.random.Generator) -> Rendered:
    """A TV / stream frame: a photo-like scene (sometimes with a blurred presenter silhouette), a channel
    bug, LIVE badge and clock, a lower-third caption bar with headline and a news ticker."""
    w = int(rng.integers(560, 1300))
    h = int(w * float(rng.choice([9 / 16, 9 / 16, 3 / 4])))
    f = min(1.0, 720 / w)  # the backdrop is drawn smaller and scaled up (it is soft on TV anyway)
    photo, scene = _photo(rng, int(w * f), int(h * f))
    img = photo.convert("RGB").resize((w, h), Image.BICUBIC)
    if rng.random() < 0.5:  # presenter / interviewee in front of a blurred backdrop
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(3, 9)))
        d = ImageDraw.Draw(img)
        cx = w * rng.uniform(0.25, 0.75)
        suit = _hsv(rng.random(), rng.uniform(0, 0.5), rng.uniform(0.1, 0.4))
        skin = _hsv(rng.uniform(0.04, 0.1), rng.uniform(0.3, 0.6), rng.uniform(0.35, 0.9))
        hr = h * rng.uniform(0.11, 0.16)
        hy = h * rng.uniform(0.3, 0.42)
        d.ellipse([cx - hr * 2.6, hy + hr * 1.3, cx + hr * 2.6, hy + hr * 6], fill=suit)
        d.rectangle([cx - hr * 0.35, hy + hr * 0.7, cx + hr * 0.35, hy + hr * 1.5], fill=skin)
        d.ellipse([cx - hr * 0.8, hy - hr, cx + hr * 0.8, hy + hr], fill=skin)
        d.chord([cx - hr * 0.85, hy - hr * 1.1, cx + hr * 0.85, hy + hr * 0.6], 180, 360, fill=_hsv(rng.uniform(0, 0.1), rng.uniform(0.2, 0.7), rng.uniform(0.05, 0.5)))
        img = img.filter(ImageFilter.GaussianBlur(0.8))
    d = ImageDraw.Draw(img)
    accent = _hsv(float(rng.choice([0.0, 0.6, 0.62, 0.02, 0.55, 0.08, 0.75])), rng.uniform(0.7, 1.0), rng.uniform(0.55, 0.9))
    dark: Color = _hsv(rng.random(), rng.uniform(0, 0.4), rng.uniform(0.05, 0.2))
    u = h / 22
    fb = _font(rng, u * 1.15, "bold")
    f = _font(rng, u * 0.75, "any")
    # lower third
    ly = h * rng.uniform(0.68, 0.76)
    lx0, lx1 = w * rng.uniform(0.03, 0.08), w * rng.uniform(0.75, 0.97)
    tag = str(rng.choice(["BREAKING NEWS", "LIVE", "DEVELOPING STORY", "JUST IN", "EXCLUSIVE", "WEATHER", "MARKETS"]))
    tw = _tw(d, tag, f) + u
    d.rectangle([lx0, ly - u * 1.1, lx0 + tw, ly], fill=accent)
    d.text((lx0 + u * 0.5, ly - u * 1.0), tag, font=f, fill=(255, 255, 255))
    head = _sentence(rng, 4, 9).rstrip(".!?:) ").upper()
    light_bar = rng.random() < 0.6
    d.rectangle([lx0, ly, lx1, ly + u * 1.9], fill=(250, 250, 250) if light_bar else dark)
    hc = (20, 20, 20) if light_bar else (255, 255, 255)
    d.text((lx0 + u * 0.5, ly + u * 0.3), head, font=_fit(d, head, fb, lx1 - lx0 - u), fill=hc)
    d.rectangle([lx0, ly + u * 1.9, lx1, ly + u * 3.0], fill=dark)
    sub = _sentence(rng, 5, 12)
    d.text((lx0 + u * 0.5, ly + u * 2.05), sub, font=_fit(d, sub, f, lx1 - lx0 - u), fill=(230, 230, 230))
    # ticker
    if rng.random() < 0.8:
        ty = h - u * 1.5
        d.rectangle([0, ty, w, h], fill=accent if rng.random() < 0.3 else dark)
        box = str(rng.choice(["NEWS", "WORLD", "SPORT", "BUSINESS", "24"]))
        bw = _tw(d, box, f) + u
        d.rectangle([0, ty, bw, h], fill=accent)
        d.text((u * 0.5, ty + u * 0.3), box, font=f, fill=(255, 255, 255))
        x = bw + u * 0.5 - rng.uniform(0, w * 0.3)
        while x < w:
            s = _sentence(rng, 4, 10) + "  •  "
            d.text((max(x, bw + u * 0.3), ty + u * 0.3), s, font=f, fill=(240, 240, 240))
            x += _tw(d, s, f) + u
    # channel bug, LIVE badge, clock
    bug = "".join(str(rng.choice(list("ABCNWTVSKXZ")))for _ in range(int(rng.integers(2, 5))))
    bx, by = w - u * 1.0 - _tw(d, bug, fb) - u, u * 0.8
    if rng.random() < 0.5:
        d.rounded_rectangle([bx, by, w - u * 0.8, by + u * 1.6], radius=u * 0.3, fill=accent)
    d.text((bx + u * 0.5, by + u * 0.15), bug, font=fb, fill=(255, 255, 255))
    if rng.random() < 0.6:
        d.rectangle([u * 0.8, u * 0.8, u * 0.8 + _tw(d, "LIVE", f) + u, u * 2.0], fill=(210, 20, 20))
        d.text((u * 1.3, u * 0.95), "LIVE", font=f, fill=(255, 255, 255))
    if rng.random() < 0.5:
        clock = f"{int(rng.integers(0, 24)):02d}:{int(rng.integers(0, 60)):02d}"
        d.rectangle([lx1, ly + u * 1.9, lx1 + _tw(d, clock, f) + u, ly + u * 3.0], fill=accent)
        d.text((lx1 + u * 0.5, ly + u * 2.05), clock, font=f, fill=(255, 255, 255))
    if rng.random() < 0.4:  # recompressed screen grab
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=int(rng.integers(25, 70)))
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return Rendered(img, f"broadcast,{scene}")


# --------------------------------------------------------------------------------------- comic strips


def _figure(d: ImageDraw.ImageDraw, rng: np.random.Generator, cx: float, ground: float, s: float, ol: Color, lw: int) -> tuple[float, float]:
    """A simple cartoon character standing on ``ground``; returns the top of its head (x, y)."""
    body = _hsv(rng.random(), rng.uniform(0.3, 0.8), rng.uniform(0.5, 0.95))
    skin = _hsv(rng.uniform(0.04, 0.12), rng.uniform(0.2, 0.6), rng.uniform(0.45, 1.0)) if rng.random() < 0.8 else _hsv(rng.random(), 0.5, 0.9)
    hr = s * rng.uniform(0.16, 0.24)
    if rng.random() < 0.35:  # stick figure
        hy = ground - s * 0.95
        d.ellipse([cx - hr, hy - hr, cx + hr, hy + hr], outline=ol, width=lw, fill=(255, 255, 255))
        d.line([(cx, hy + hr), (cx, ground - s * 0.35)], fill=ol, width=lw)
        d.line([(cx, ground - s * 0.35), (cx - s * 0.18, ground)], fill=ol, width=lw)
        d.line([(cx, ground - s * 0.35), (cx + s * 0.18, ground)], fill=ol, width=lw)
        a = rng.uniform(-0.6, 0.6)
        d.line([(cx - s * 0.3, hy + hr + s * 0.2 + a * s * 0.2), (cx, hy + hr + s * 0.12), (cx + s * 0.3, hy + hr + s * 0.2 - a * s * 0.3)], fill=ol, width=lw)
    else:
        hy = ground - s * 0.78
        bw = s * rng.uniform(0.22, 0.34)
        d.rounded_rectangle([cx - bw, hy + hr * 0.7, cx + bw, ground - s * 0.12], radius=bw * 0.6, fill=body, outline=ol, width=lw)
        d.line([(cx - bw * 0.5, ground - s * 0.15), (cx - bw * 0.5, ground)], fill=ol, width=lw + 1)
        d.line([(cx + bw * 0.5, ground - s * 0.15), (cx + bw * 0.5, ground)], fill=ol, width=lw + 1)
        d.ellipse([cx - hr, hy - hr, cx + hr, hy + hr], fill=skin, outline=ol, width=lw)
        if rng.random() < 0.7:
            hair = _hsv(rng.uniform(0, 0.12), rng.uniform(0.3, 0.9), rng.uniform(0.1, 0.6))
            d.chord([cx - hr, hy - hr, cx + hr, hy + hr * 0.4], 180, 360, fill=hair, outline=ol, width=lw)
    look = rng.uniform(-0.3, 0.3) * hr
    for ex in (-0.35, 0.35):
        d.ellipse([cx + ex * hr + look - hr * 0.1, hy - hr * 0.05, cx + ex * hr + look + hr * 0.1, hy + hr * 0.2], fill=ol)
    m = rng.random()
    if m < 0.5:
        d.arc([cx - hr * 0.4 + look, hy + hr * 0.1, cx + hr * 0.4 + look, hy + hr * 0.6], 20, 160, fill=ol, width=max(1, lw - 1))
    elif m < 0.8:
        d.ellipse([cx - hr * 0.15 + look, hy + hr * 0.35, cx + hr * 0.15 + look, hy + hr * 0.65], fill=ol)
    else:
        d.line([(cx - hr * 0.3 + look, hy + hr * 0.5), (cx + hr * 0.3 + look, hy + hr * 0.5)], fill=ol, width=max(1, lw - 1))
    return cx, hy - hr


def _balloon(d: ImageDraw.ImageDraw, rng: np.random.Generator, box, tail, s: str, font, ol: Color, lw: int, think: bool) -> None:
    x0, y0, x1, y1 = box
    lines = text.wrap_lines(d, s, font, int((x1 - x0) * 0.78))
    fh = getattr(font, "size", 10) * 1.15
    th = fh * len(lines)
    if th > (y1 - y0) * 0.85:
        lines = lines[: max(1, int((y1 - y0) * 0.85 / fh))]
        th = fh * len(lines)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if think:
        for k, r in enumerate((0.04, 0.06)):
            px = tail[0] + (cx - tail[0]) * (0.25 + 0.3 * k)
            py = tail[1] + (y1 - tail[1]) * (0.25 + 0.3 * k)
            rr = (x1 - x0) * r
            d.ellipse([px - rr, py - rr, px + rr, py + rr], fill=(255, 255, 255), outline=ol, width=lw)
    else:
        d.polygon([(cx - (x1 - x0) * 0.08, y1 - (y1 - y0) * 0.15), (cx + (x1 - x0) * 0.08, y1 - (y1 - y0) * 0.15), tail], fill=(255, 255, 255), outline=ol)
        d.line([(cx - (x1 - x0) * 0.08, y1 - (y1 - y0) * 0.1), tail, (cx + (x1 - x0) * 0.08, y1 - (y1 - y0) * 0.1)], fill=ol, width=lw)
    if rng.random() < 0.25 and not think:
        d.rounded_rectangle(box, radius=(y1 - y0) * 0.3, fill=(255, 255, 255), outline=ol, width=lw)
    else:
        d.ellipse(box, fill=(255, 255, 255), outline=ol, width=lw)
    yy = cy - th / 2
    for ln in lines:
        d.text((cx - _tw(d, ln, font) / 2, yy), ln, font=font, fill=ol)
        yy += fh


@renderer(LABEL, "pillow-comic")
@_latin
def comic_strip_pillow(rng: np.random.Generator) -> Rendered:
    """A comic strip or page: bordered panels with flat, gradient or halftone backgrounds, simple
    cartoon / stick figures, speech and thought balloons, caption boxes and sound effects."""
    layout = str(rng.choice(["strip3", "strip4", "grid2x2", "page3x2", "strip3"]))
    cols, rows = {"strip3": (3, 1), "strip4": (4, 1), "grid2x2": (2, 2), "page3x2": (2, 3)}[layout]
    pw = int(rng.integers(220, 380))
    ph = int(pw * rng.uniform(0.9, 1.3))
    gut = int(pw * rng.uniform(0.03, 0.08))
    title_h = int(ph * 0.22) if rng.random() < 0.4 else 0
    w, h = cols * pw + (cols + 1) * gut, rows * ph + (rows + 1) * gut + title_h
    sc = min(1.0, 1400 / max(w, h))
    W, H = w * SS, h * SS
    paper: Color = (255, 255, 255) if rng.random() < 0.7 else (250, 246, 230)
    img = Image.new("RGB", (W, H), paper)
    d = ImageDraw.Draw(img)
    ol: Color = (15, 15, 15)
    lw = max(2, int(pw * SS / rng.uniform(90, 160)))
    if title_h:
        ft = _font(rng, title_h * SS * 0.55, "bold")
        ttl = text.title(rng, p_none=0).upper()
        _text_c(d, W / 2, title_h * SS * 0.2, ttl, _fit(d, ttl, ft, W * 0.9), ol)
    font = _font(rng, pw * SS / rng.uniform(16, 24), str(rng.choice(["bold", "any", "bold"])))
    style = str(rng.choice(["flat", "halftone", "gradient", "white"]))
    for r in range(rows):
        for c in range(cols):
            x0 = (gut + c * (pw + gut)) * SS
            y0 = (title_h + gut + r * (ph + gut)) * SS
            x1, y1 = x0 + pw * SS, y0 + ph * SS
            base = _hsv(rng.random(), rng.uniform(0.1, 0.5), rng.uniform(0.75, 1.0))
            if style == "white":
                d.rectangle([x0, y0, x1, y1], fill=(255, 255, 255))
            elif style == "flat" or style == "gradient":
                d.rectangle([x0, y0, x1, y1], fill=base)
                if style == "gradient":
                    top = _shade(base, 1.4)
                    for k in range(20):
                        yy = y0 + (y1 - y0) * k / 20
                        t = k / 20
                        cc = tuple(int(top[i] * (1 - t) + base[i] * t) for i in range(3))
                        d.rectangle([x0, yy, x1, yy + (y1 - y0) / 20 + 1], fill=cc)
            else:
                d.rectangle([x0, y0, x1, y1], fill=_shade(base, 1.3))
                step = int(pw * SS / rng.uniform(18, 35))
                for yy in range(int(y0), int(y1), step):
                    for xx in range(int(x0) + (step // 2 if (yy // step) % 2 else 0), int(x1), step):
                        rr = step * 0.18 * (1 + (yy - y0) / (y1 - y0))
                        d.ellipse([xx - rr, yy - rr, xx + rr, yy + rr], fill=base)
            ground = y1 - (y1 - y0) * rng.uniform(0.05, 0.2)
            if rng.random() < 0.6:
                d.rectangle([x0, ground, x1, y1], fill=_shade(base, 0.8) if style != "white" else (235, 235, 235))
            n_fig = int(rng.integers(1, 3))
            heads = []
            for k in range(n_fig):
                fx = x0 + (x1 - x0) * ((k + 0.5) / n_fig + rng.uniform(-0.08, 0.08))
                heads.append(_figure(d, rng, fx, ground, (y1 - y0) * rng.uniform(0.45, 0.6), ol, lw))
            for k, (hx, hy) in enumerate(heads):
                if rng.random() < 0.8:
                    bw = (x1 - x0) * (0.85 if n_fig == 1 else 0.48)
                    bh = (y1 - y0) * rng.uniform(0.22, 0.3)
                    bx = min(max(x0 + (x1 - x0) * 0.03, hx - bw / 2), x1 - bw - (x1 - x0) * 0.03)
                    by = y0 + (y1 - y0) * 0.04 + (k % 2) * (y1 - y0) * 0.03
                    tail = (hx, min(hy - (y1 - y0) * 0.03, by + bh * 1.5))
                    s = _sentence(rng, 2, 9)
                    if rng.random() < 0.3:
                        s = s.upper()
                    _balloon(d, rng, (bx, by, bx + bw, by + bh), tail, s, font, ol, max(1, lw - 1), think=rng.random() < 0.15)
            if rng.random() < 0.2:  # caption box
                fc = font.font_variant(size=max(6, int(font.size * 0.8))) if hasattr(font, "font_variant") else font
                s = str(rng.choice(["Meanwhile...", "Later that day", "The next morning", "Suddenly!", "Back at the office"]))
                d.rectangle([x0, y0, x0 + _tw(d, s, fc) + 16 * SS, y0 + fc.size * 1.6], fill=(255, 235, 120), outline=ol, width=lw)
                d.text((x0 + 8 * SS, y0 + fc.size * 0.25), s, font=fc, fill=ol)
            if rng.random() < 0.12:  # sound effect
                fx = _font(rng, (y1 - y0) * 0.16, "bold")
                s = str(rng.choice(["POW!", "BAM!", "ZAP!", "WHOOSH", "CRASH!", "BOOM"]))
                sx, sy = x0 + (x1 - x0) * rng.uniform(0.1, 0.5), y0 + (y1 - y0) * rng.uniform(0.35, 0.55)
                d.text((sx, sy), s, font=fx, fill=_hsv(rng.uniform(0, 0.15), 0.9, 1.0), stroke_width=max(2, lw), stroke_fill=ol)
            d.rectangle([x0, y0, x1, y1], outline=ol, width=lw + 1)
    out = _finish(img, max(100, int(w * sc)), max(100, int(h * sc)))
    return Rendered(out, f"comic,{layout},{style}")
