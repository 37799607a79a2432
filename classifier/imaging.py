"""Decoding and preprocessing: the one path from image bytes to the model's input.

Training, evaluation, the CLI, the bot and the web page all call :func:`preprocess`, so a chart
looks exactly the same to the model wherever it comes from.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from typing import BinaryIO, Union

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

try:
    import pyspng as spng
except ImportError:  # optional accelerator: Pillow decodes PNG where it is missing
    spng = None

from classifier import config
from classifier.errors import (
    BlankImage,
    CorruptImage,
    ImageTooLarge,
    ImageTooSmall,
    NotAnImage,
    UnsupportedFormat,
)

_WHITE = (255, 255, 255)
#: Discord's dark theme background, behind transparent charts drawn in light ink.
_DARK_THEME_GREY = (49, 51, 56)
#: A transparent picture goes on dark grey when under 1% of what it draws is darker than lightness 200 (of 255).
_SHOWS_ON_WHITE = 200
_MIN_SHARE_SHOWING = 0.01

#: Anything :func:`preprocess` accepts.
ImageSource = Union[bytes, bytearray, memoryview, str, os.PathLike, BinaryIO, Image.Image]

Image.init()
#: Formats Pillow may try (a short list keeps rarely used, less hardened decoders out of reach).
_RASTER_FORMATS = [f for f in ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF", "AVIF", "ICO") if f in Image.OPEN]

# Pillow's own bomb check raises only at twice its limit; ours (in _open) runs first and is exact.
Image.MAX_IMAGE_PIXELS = config.MAX_IMAGE_PIXELS * 2


def _sniff_unsupported(head: bytes) -> None:
    """Raise a specific error for well-known non-raster inputs, judged from the first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"%pdf"):
        raise UnsupportedFormat("That's a PDF, not an image. Export the chart as PNG or JPEG.")
    if stripped.startswith((b"<svg", b"<?xml")) and b"<svg" in stripped:
        raise UnsupportedFormat("SVG images aren't supported. Export the chart as PNG or JPEG.")
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        raise UnsupportedFormat("HEIC photos aren't supported. Share it as JPEG or PNG instead.")
    if stripped.startswith((b"<!doctype", b"<html")):
        raise NotAnImage("That's a web page, not an image. Link the image file itself.")


def _open(source: ImageSource) -> tuple[Image.Image, bytes | None]:
    """Open ``source`` lazily (header only) and check its size before any pixel is decoded.

    Returns the image and its encoded bytes (None when ``source`` already is a Pillow image).
    """
    if isinstance(source, Image.Image):
        return source, None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            if path.stat().st_size > config.MAX_IMAGE_BYTES:
                raise ImageTooLarge(_too_many_bytes(path.stat().st_size))
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise NotAnImage(f"Can't read {path}: {exc.strerror or exc}.") from exc
    else:
        data = source.read(config.MAX_IMAGE_BYTES + 1)
    if len(data) > config.MAX_IMAGE_BYTES:
        raise ImageTooLarge(_too_many_bytes(len(data)))
    if not data:
        raise NotAnImage("The file is empty.")
    _sniff_unsupported(data[:1024])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=_RASTER_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(_too_many_pixels()) from exc
    except UnidentifiedImageError as exc:
        raise NotAnImage("That file isn't an image I can read (PNG, JPEG, GIF, WebP, BMP or TIFF).") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise CorruptImage("The image is damaged and can't be decoded.") from exc
    return image, data


def _too_many_bytes(n: int) -> str:
    return f"The image is {n / 2**20:.1f} MB; the limit is {config.MAX_IMAGE_BYTES // 2**20} MB."


def _too_many_pixels() -> str:
    return f"The image has too many pixels; the limit is {config.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels."


def _check_dimensions(image: Image.Image) -> None:
    width, height = image.size
    if width * height > config.MAX_IMAGE_PIXELS:
        raise ImageTooLarge(
            f"The image is {width}×{height} pixels; the limit is {config.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels."
        )
    if min(width, height) < config.MIN_IMAGE_SIDE:
        raise ImageTooSmall(
            f"The image is only {width}×{height} pixels; a chart needs at least {config.MIN_IMAGE_SIDE} on each side."
        )


def _to_rgb(image: Image.Image) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB; transparency is composited on white."""
    if image.mode == "RGB":
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        values = np.asarray(image, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        if 255 < high <= 65535 and low >= 0:  # 16-bit range
            values = values / 257.0
        elif image.mode == "F" and 0 <= low and high <= 1:  # floating point in [0, 1], as scientific tools save it
            values = values * 255.0
        elif high > 255 or low < 0:
            values = (values - low) / max(high - low, 1e-6) * 255.0
        gray = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), "L")
        return gray.convert("RGB")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, _background_for(rgba) + (255,))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _background_for(rgba: Image.Image) -> tuple[int, int, int]:
    """The colour to show a transparent picture on: white, as most apps do, unless next to nothing drawn
    would show on white (a chart made for a dark theme, in white lines and text)."""
    step = max(1, max(rgba.size) // 256)  # every step-th pixel is sample enough, and quick to take
    sample = rgba.resize((max(1, rgba.width // step), max(1, rgba.height // step)), Image.Resampling.NEAREST)
    pixels = np.asarray(sample, dtype=np.float32)
    alpha = pixels[..., 3] / 255.0
    drawn = float(alpha.sum())
    if drawn == 0:
        return _WHITE
    lightness = pixels[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    shows_on_white = float((alpha * (lightness < _SHOWS_ON_WHITE)).sum()) / drawn
    return _DARK_THEME_GREY if shows_on_white < _MIN_SHARE_SHOWING else _WHITE


#: PNG modes libspng decodes to the same pixels as Pillow (after :func:`_to_rgb`), and the output it uses.
_SPNG_FORMATS = {"RGB": "RGB", "RGBA": "RGBA", "L": "L", "LA": "RGBA", "P": "RGBA"}


def _decode_png_fast(image: Image.Image, data: bytes) -> Image.Image | None:
    """Decode a plain PNG with libspng (about twice as fast as Pillow's decoder) into 8-bit RGB.

    Returns None, leaving the work to Pillow, where pyspng is not installed (it has no wheels for
    ARM) or the PNG is one Pillow must handle: animated, 16-bit grey, with a tRNS transparent
    colour, EXIF-oriented, or damaged.
    """
    if spng is None or image.format != "PNG" or image.mode not in _SPNG_FORMATS:
        return None
    if getattr(image, "is_animated", False) or "transparency" in image.info or b"eXIf" in data:
        return None
    output = _SPNG_FORMATS[image.mode]
    try:
        pixels = spng.load(data, format=output)
    except Exception:  # noqa: BLE001 - any libspng failure: let Pillow decode it and say what is wrong
        return None
    return _to_rgb(Image.fromarray(pixels, output))


def load_image(source: ImageSource, min_side: int | None = None) -> Image.Image:
    """Decode ``source`` safely into an upright 8-bit RGB image.

    ``min_side`` lets JPEG decoding skip detail it does not need: the result is then at least
    that large on its shorter side (or its full size, if smaller).

    Raises:
        classifier.errors.ImageError: a subclass saying what is wrong with the input.
    """
    image, data = _open(source)
    _check_dimensions(image)
    if data is not None and (fast := _decode_png_fast(image, data)) is not None:
        return fast
    if min_side and image.format in ("JPEG", "MPO"):
        image.draft("RGB", (min_side, min_side))
    try:
        image.seek(0)  # first frame of animations
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        return _to_rgb(image)
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if "truncated" in str(exc):
            raise CorruptImage("The image file is truncated (the download or upload was cut short).") from exc
        raise CorruptImage("The image is damaged and can't be decoded.") from exc


def _border_colour(image: Image.Image) -> tuple[int, int, int]:
    """Median colour of the image's outermost pixels, used to pad it to a square."""
    pixels = np.asarray(image)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return tuple(int(c) for c in np.median(border, axis=0))  # type: ignore[return-value]


def letterbox(image: Image.Image, size: int) -> Image.Image:
    """Scale ``image`` to fit a ``size``×``size`` square, keeping its aspect ratio, and pad it."""
    width, height = image.size
    scale = size / max(width, height)
    new_size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = image.resize(new_size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    if new_size == (size, size):
        return resized
    canvas = Image.new("RGB", (size, size), _border_colour(resized))
    canvas.paste(resized, ((size - new_size[0]) // 2, (size - new_size[1]) // 2))
    return canvas


def preprocess(source: ImageSource, size: int) -> np.ndarray:
    """Turn any image input into the model's input: a ``size``×``size``×3 uint8 array.

    The model scales pixel values itself, so this is also what training feeds it.

    Raises:
        classifier.errors.ImageError: a subclass saying what is wrong with the input, including
            :class:`~classifier.errors.BlankImage` for one flat colour.
    """
    pixels = np.asarray(letterbox(load_image(source, min_side=size), size), dtype=np.uint8)
    if int(np.ptp(pixels, axis=(0, 1)).max()) <= config.BLANK_IMAGE_LEVELS:
        raise BlankImage("The image is blank (one flat colour), so there is no chart in it to name.")
    return pixels
