"""Any decoded Pillow image as 8-bit RGB: the colour conversion step of :func:`classifier.imaging.load_image`.

What needs more than ``Image.convert("RGB")``: transparency is composited on a background (white, or
Discord's dark grey for a chart drawn in light ink); 16-bit, 32-bit and floating-point samples are scaled
to 8 bits; a BMP's or icon's unused alpha byte is ignored (an icon's mask used instead); and the part of
the screen a first frame leaves unpainted is taken as clear. Large pictures are converted a band of rows at
a time, so no whole-picture intermediate adds to the memory peak.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
from PIL import Image, TiffImagePlugin

_WHITE = (255, 255, 255)
#: Discord's dark theme background, behind transparent charts drawn in light ink.
_DARK_THEME_GREY = (49, 51, 56)
#: A transparent picture goes on dark grey when under 1% of what it draws is darker than lightness 200 (of 255).
_SHOWS_ON_WHITE = 200
_MIN_SHARE_SHOWING = 0.01

#: Pictures are converted a band of rows at a time, each of about this many pixels, where a whole-picture
#: intermediate (a 40 MP picture's RGBA, or its samples as floating point) would add 160 MB to the peak.
_BAND_PIXELS = 2**20

#: The TIFF photometric interpretation of grey samples that go from white (zero) to black.
_MIN_IS_WHITE = 0

#: Modes of one channel of samples beyond 8 bits, which :func:`to_rgb` scales to 8-bit grey first.
_NUMBER_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I", "F")
#: Modes with an alpha channel.
_ALPHA_MODES = ("RGBA", "La", "LA", "PA", "RGBa")


def to_rgb(image: Image.Image, frame: tuple[int, int, int, int] | None = None) -> Image.Image:
    """``image``, of any Pillow mode, as 8-bit RGB (``image`` itself where it already is, with nothing transparent).

    Transparency (an alpha channel, or a colour marked transparent, as in an RGB PNG's tRNS chunk) is
    composited on white, or on dark grey where next to nothing drawn would show on white (see
    :func:`_background_for`). A BMP's (or icon's) alpha channel of zeros throughout is taken as unused; an
    icon's mask then says what is clear. ``frame``, if given, is where a first frame lies on a screen it leaves
    partly unpainted (see ``classifier.frames._frame_short_of_screen``): the rest is taken as clear, as
    browsers show it.
    """
    if frame is not None:
        rgb = image.convert("RGB")  # a copy, whatever the mode: painted on below
        _paint_around(rgb, frame, _background_for(_as_rgba(_sample(rgb, frame))))
        return rgb
    if image.mode == "RGB" and "transparency" not in image.info:
        return image
    if image.mode in _NUMBER_MODES:
        return _grey_from_numbers(image).convert("RGB")
    if image.mode == "RGBA" and _alpha_from_spare_byte(image) and image.getextrema()[3] == (0, 0):
        # Its writer left a 32-bit pixel's spare byte zero: browsers show it opaque, as here, but for an icon's mask.
        if (mask := _icon_mask(image)) is None:
            return image.convert("RGB")
        image = image.copy()  # not the caller's own
        image.putalpha(mask)
    if image.mode in _ALPHA_MODES or "transparency" in image.info:
        canvas = Image.new("RGB", image.size, _background_for(_as_rgba(_sample(image))))
        if image.mode == "RGBA":
            canvas.paste(image, mask=image)  # blended as alpha_composite would, without two more RGBA copies
            return canvas
        for top, band in _bands(image):  # converted to RGBA a band at a time, not as a whole (160 MB at 40 MP)
            rgba = _as_rgba(band)
            canvas.paste(rgba, (0, top), mask=rgba)
        return canvas
    return image.convert("RGB")


def bytes_per_pixel(image: Image.Image) -> int:
    """The bytes a pixel of an opened (not yet decoded) ``image`` takes while it is decoded and :func:`to_rgb`
    converts it: Pillow's own (1 for 1-bit, grey and palette pictures, 2 for 16-bit grey, 4 for every other mode),
    the 4-byte RGB copy made of any but an opaque RGB picture, and the 8-bit grey step of samples beyond 8 bits."""
    mode = image.mode
    own = 1 if mode in ("1", "L", "P") else 2 if mode.startswith("I;16") else 4
    copy = 0 if mode == "RGB" and "transparency" not in image.info else 4
    return own + copy + (1 if mode in _NUMBER_MODES else 0)


def describe_mode(image: Image.Image) -> str:
    """What sets ``image`` apart from an opaque 8-bit RGB picture, for a message: "with transparency", "in CMYK"..."""
    if image.mode in _ALPHA_MODES or "transparency" in image.info:
        return "with transparency"
    named = {"I": "of 32-bit samples", "F": "of floating-point samples", "CMYK": "in CMYK", "LAB": "in Lab colour"}
    return "of 16-bit samples" if image.mode.startswith("I;16") else named.get(image.mode, f"in {image.mode} mode")


def _paint_around(image: Image.Image, frame: tuple[int, int, int, int], colour: tuple[int, int, int]) -> None:
    """Paint all of ``image`` that lies outside ``frame`` (left, upper, right, lower) ``colour``, in place."""
    left, upper, right, lower = frame
    width, height = image.size
    for box in ((0, 0, width, upper), (0, lower, width, height), (0, upper, left, lower), (right, upper, width, lower)):
        if box[0] < box[2] and box[1] < box[3]:
            image.paste(colour, box)


def _alpha_from_spare_byte(image: Image.Image) -> bool:
    """Whether the alpha of an RGBA ``image`` is the fourth byte of a 32-bit BMP's pixels, which writers often
    leave zero: a BMP file's, or an icon's BMP's (Pillow takes an icon's alpha so where the icon's directory says
    32 bits a pixel; from the picture's mask otherwise, as it does a PNG's from the PNG)."""
    if image.format != "ICO":
        return image.format == "BMP"
    icon, entry = _icon_entry(image)
    icon.buf.seek(entry.offset)
    return entry.bpp == 32 and not icon.buf.read(8).startswith(b"\x89PNG")


def _icon_mask(image: Image.Image) -> Image.Image | None:
    """The mask of an icon's 32-bit BMP picture (a bit a pixel, after its colours; set where it is clear) as
    alpha; None for a BMP file, or an icon's BMP without a mask (as Pillow writes them)."""
    if image.format != "ICO":
        return None
    icon, entry = _icon_entry(image)
    row = -(-image.width // 32) * 4  # rows of whole 32-bit words
    icon.buf.seek(entry.offset)
    header = int.from_bytes(icon.buf.read(4), "little")
    if entry.size < header + 4 * image.width * image.height + row * image.height:  # no room for it after the colours
        return None
    icon.buf.seek(entry.offset + entry.size - row * image.height)
    bits = icon.buf.read(row * image.height)
    if len(bits) < row * image.height:
        return None
    return Image.frombuffer("1", image.size, bits, "raw", ("1;I", row, -1))  # set bits clear, bottom row first


def _icon_entry(image: Image.Image) -> tuple[Any, Any]:
    """The ``IcoFile`` Pillow opened ``image`` from, and the directory entry of the picture it decoded."""
    icon = image.ico  # type: ignore[attr-defined]
    return icon, icon.entry[icon.getentryindex(image.size)]


def _as_rgba(image: Image.Image) -> Image.Image:
    """``image``, of any mode with transparency (an alpha channel, or a colour marked transparent), as RGBA."""
    if image.mode == "La":  # grey and premultiplied alpha (a TIFF's), which Pillow turns into RGBA only by way of LA
        image = image.convert("LA")
    return image if image.mode == "RGBA" else image.convert("RGBA")


def _bands(image: Image.Image) -> Iterator[tuple[int, Image.Image]]:
    """``image`` cut into bands of whole rows, each of about :data:`_BAND_PIXELS` pixels, and the row each starts at."""
    rows = max(1, _BAND_PIXELS // image.width)
    for top in range(0, image.height, rows):
        yield top, image.crop((0, top, image.width, min(top + rows, image.height)))


def _grey_from_numbers(image: Image.Image) -> Image.Image:
    """An image of 16-bit, 32-bit integer or floating-point samples (one channel) as 8-bit grey: a 16-bit range
    scaled down, floating point in [0, 1] scaled up, any other range beyond 0–255 stretched to fit; NaN and
    infinity (where nothing was measured) taken as the lowest value.

    Done a band of rows at a time, each operation in place: the whole picture as floating point would be
    160 MB at 40 MP, and each step of the arithmetic another 160 MB.
    """
    low, high = _finite_range(image)
    invert = _is_min_is_white(image)
    grey = np.empty((image.height, image.width), dtype=np.uint8)
    for top, band in _bands(image):
        values = np.asarray(band, dtype=np.float32)
        values = np.where(np.isfinite(values), values, low)  # a new array, which the steps below overwrite
        if 255 < high <= 65535 and low >= 0:  # 16-bit range
            np.divide(values, 257.0, out=values)
        elif image.mode == "F" and 0 <= low and high <= 1:  # floating point in [0, 1], as scientific tools save it
            np.multiply(values, 255.0, out=values)
        elif high > 255 or low < 0:
            np.subtract(values, low, out=values)
            np.divide(values, max(high - low, 1e-6), out=values)
            np.multiply(values, 255.0, out=values)
        if invert:
            np.subtract(255.0, values, out=values)
        grey[top : top + len(values)] = np.clip(values, 0, 255, out=values).astype(np.uint8)
    return Image.fromarray(grey, "L")


def _finite_range(image: Image.Image) -> tuple[float, float]:
    """The lowest and highest finite sample of a one-channel ``image``, (0.0, 0.0) if it has none."""
    low, high = math.inf, -math.inf
    for _, band in _bands(image):
        values = np.asarray(band, dtype=np.float32)
        finite = np.isfinite(values)
        if finite.any():
            low = min(low, float(values.min(where=finite, initial=math.inf)))
            high = max(high, float(values.max(where=finite, initial=-math.inf)))
    return (low, high) if low <= high else (0.0, 0.0)


def _is_min_is_white(image: Image.Image) -> bool:
    """Whether ``image`` is a TIFF page whose photometric interpretation makes zero white (as scanners write);
    Pillow turns such samples of 8 bits or fewer the right way round, not 16-bit or floating-point ones."""
    return getattr(image, "tag_v2", {}).get(TiffImagePlugin.PHOTOMETRIC_INTERPRETATION) == _MIN_IS_WHITE


def _sample(image: Image.Image, box: tuple[int, int, int, int] | None = None) -> Image.Image:
    """Every few pixels of ``image`` (or of its ``box``, left, upper, right, lower), in rows and columns, about 256
    along its longer side: sample enough, and quick."""
    left, upper, right, lower = box or (0, 0, *image.size)
    width, height = right - left, lower - upper
    step = max(1, max(width, height) // 256)
    return image.resize((max(1, width // step), max(1, height // step)), Image.Resampling.NEAREST, box=box)


def _background_for(sample: Image.Image) -> tuple[int, int, int]:
    """The colour to show a transparent picture on, judged from an RGBA :func:`_sample` of it: white, as most
    apps do, unless next to nothing drawn would show on white (a chart made for a dark theme, in white lines
    and text)."""
    pixels = np.asarray(sample, dtype=np.float32)
    alpha = pixels[..., 3] / 255.0
    drawn = float(alpha.sum())
    if drawn == 0:
        return _WHITE
    lightness = pixels[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    shows_on_white = float((alpha * (lightness < _SHOWS_ON_WHITE)).sum()) / drawn
    return _DARK_THEME_GREY if shows_on_white < _MIN_SHARE_SHOWING else _WHITE
