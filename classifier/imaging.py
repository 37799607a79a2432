"""Decoding and preprocessing: the one path from image bytes to the model's input.

Training, evaluation, the CLI, the bot and the web page all call :func:`preprocess`, so a chart
looks exactly the same to the model wherever it comes from.
"""

from __future__ import annotations

import io
import math
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Union

import numpy as np
from PIL import ExifTags, Image, TiffImagePlugin, UnidentifiedImageError

try:
    import pyspng as spng
except ImportError:  # optional accelerator: Pillow decodes PNG where it is missing
    spng = None

from classifier import config
from classifier.errors import BlankImage, CorruptImage, ImageTooLarge, ImageTooSmall, NotAnImage
from classifier.formats import (
    check_header,
    check_icon_frames,
    check_pixel_count,
    format_named_by,
    is_cut_short,
    sniff_unsupported,
    webp_first_frame,
    without_png_metadata,
)

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

#: An animation or multi-page file whose first frame is blank is searched this far for a frame that is not.
_FRAMES_SEARCHED = 100
_FRAME_PIXELS_SEARCHED = config.MAX_IMAGE_PIXELS

#: How to turn a picture upright for each EXIF orientation other than 1 (upright already).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

#: Anything :func:`preprocess` accepts.
ImageSource = Union[bytes, bytearray, memoryview, str, os.PathLike, BinaryIO, Image.Image]

Image.init()
#: Formats Pillow may try (a short list keeps rarely used, less hardened decoders out of reach).
_RASTER_FORMATS = [f for f in ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF", "AVIF", "ICO") if f in Image.OPEN]

# Pillow's own bomb check, kept as a backstop, raises only at twice its limit; ours (_check_dimensions,
# right after the header is read and before any pixel is decoded) is exact.
Image.MAX_IMAGE_PIXELS = config.MAX_IMAGE_PIXELS * 2
# Pillow decodes an uncompressed TIFF itself, a strip (or tile) at a time, in Python: 2.4 million one-row strips
# (an 18 MB file) took it 9 s and 800 MB. libtiff, which decodes every other TIFF, takes a tenth of a second.
TiffImagePlugin.READ_LIBTIFF = True


#: What Pillow raises for a file it can't decode; libavif's failures (a missing image item, undecodable pixels)
#: come as RuntimeError, and an AVIF animation whose track has no timescale (zero, or no media header) as
#: ZeroDivisionError (Pillow divides by it for each frame's timestamp).
_DECODING_ERRORS = (OSError, SyntaxError, ValueError, RuntimeError, ZeroDivisionError)
#: What Pillow raises on seeking to a frame (or page) it can't read: what it takes (ImageFile.__init__), on
#: opening a file, for a format it can't read (a TIFF page without a width, TypeError; of a compression it
#: doesn't know, KeyError).
_UNREADABLE_FRAME_ERRORS = (SyntaxError, IndexError, TypeError, KeyError, struct.error)


def _decoding_failed(exc: Exception, data: bytes | None, image: Image.Image | None = None) -> CorruptImage:
    """The error for an image Pillow opened (or recognised) but could not decode (``image``, if it got that far)."""
    cut_short = data is not None and (is_cut_short(data) or (image is not None and _runs_past_end(image, len(data))))
    if "truncated" in str(exc).lower() or cut_short:
        return CorruptImage("The image file is truncated (the download or upload was cut short).")
    return CorruptImage("The image is damaged and can't be decoded.")


def _runs_past_end(image: Image.Image, size: int) -> bool:
    """Whether the pixels of a TIFF page (its strips or tiles), where its header puts them, run past the end of
    a file of ``size`` bytes: libtiff, which decodes it, says no more than that it failed. A damaged header's
    tags may hold anything (text where numbers belong): those say nothing of where the pixels are."""
    tags = getattr(image, "tag_v2", {})
    for offsets, counts in (
        (TiffImagePlugin.STRIPOFFSETS, TiffImagePlugin.STRIPBYTECOUNTS),
        (TiffImagePlugin.TILEOFFSETS, TiffImagePlugin.TILEBYTECOUNTS),
    ):
        starts, lengths = tags.get(offsets), tags.get(counts)
        if isinstance(starts, tuple) and isinstance(lengths, tuple) and all(isinstance(n, int) for n in starts + lengths):
            return max(map(sum, zip(starts, lengths)), default=0) > size
    return False


def _read(source: ImageSource) -> bytes | Image.Image:
    """The encoded bytes of ``source`` (a Pillow image stays as it is), checked for size and known non-images."""
    if isinstance(source, Image.Image):
        return source
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            if path.stat().st_size > config.MAX_IMAGE_BYTES:
                raise ImageTooLarge(_too_many_bytes(path.stat().st_size))
            with path.open("rb") as file:  # capped: a file may grow, or (in /proc) say it is empty
                data = file.read(config.MAX_IMAGE_BYTES + 1)
        except (OSError, ValueError) as exc:  # missing, a folder, no permission, a name too long, a NUL in it...
            raise NotAnImage(f"Can't read {path}: {getattr(exc, 'strerror', None) or exc}.") from exc
    elif isinstance(source, io.TextIOBase):  # open(path) without "rb": its read() decodes, or fails to
        raise TypeError("An image file must be opened in binary mode: open(path, 'rb').")
    else:
        data = source.read(config.MAX_IMAGE_BYTES + 1)
    if len(data) > config.MAX_IMAGE_BYTES:
        # Streams are read only up to the limit, so how far beyond it they go is unknown.
        size = _too_many_bytes(len(data)) if isinstance(source, (bytes, bytearray, memoryview)) else None
        raise ImageTooLarge(size or f"The image is over the {config.MAX_IMAGE_BYTES // 2**20} MB limit.")
    if not data:
        raise NotAnImage("The file is empty.")
    sniff_unsupported(data[:1024])
    return data


def _open(data: bytes | Image.Image) -> Image.Image:
    """Open ``data`` lazily (header only), refusing it if it is too large before any pixel is decoded."""
    if isinstance(data, Image.Image):
        return data
    if data.startswith(b"\x00\x00\x01\x00"):
        check_icon_frames(data)
    check_header(data)
    try:
        image = Image.open(io.BytesIO(data), formats=_RASTER_FORMATS)
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge(_too_many_pixels()) from exc
    except UnidentifiedImageError as exc:
        if (name := format_named_by(data)) is not None:
            raise CorruptImage(f"The {name} file is damaged or cut short, so it can't be decoded.") from exc
        raise NotAnImage("That file isn't an image I can read (PNG, JPEG, GIF, WebP, AVIF, BMP, TIFF or ICO).") from exc
    except _DECODING_ERRORS as exc:
        raise _decoding_failed(exc, data) from exc
    return image


def _too_many_bytes(n: int) -> str:
    return f"The image is {n / 2**20:.1f} MB; the limit is {config.MAX_IMAGE_BYTES // 2**20} MB."


def _too_many_pixels() -> str:
    return f"The image has too many pixels; the limit is {config.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels."


def _tile_size(image: Image.Image) -> tuple[int, int]:
    """The size of each tile of a tiled TIFF page, (0, 0) for anything else.

    libtiff allocates a whole tile before decoding any of it, however small the picture: a 4 KB TIFF
    of 64×64 pixels in 26752×26752 tiles took 2 GB.
    """
    tags = getattr(image, "tag_v2", {})
    width, length = tags.get(TiffImagePlugin.TILEWIDTH), tags.get(TiffImagePlugin.TILELENGTH)
    return (width, length) if isinstance(width, int) and isinstance(length, int) else (0, 0)


def _check_dimensions(image: Image.Image) -> None:
    width, height = image.size
    check_pixel_count(width, height, image.format)
    tile_width, tile_length = _tile_size(image)
    if tile_width * tile_length > config.MAX_IMAGE_PIXELS:
        raise ImageTooLarge(
            f"The TIFF file's tiles are {tile_width}×{tile_length} pixels each; "
            f"the limit is {config.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels."
        )
    if min(width, height) < config.MIN_IMAGE_SIDE:
        raise ImageTooSmall(
            f"The image is only {width}×{height} pixels; a chart needs at least {config.MIN_IMAGE_SIDE} on each side."
        )


def _to_rgb(image: Image.Image, frame: tuple[int, int, int, int] | None = None) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB; transparency (an alpha channel, or a colour marked
    transparent, as in an RGB PNG's tRNS chunk) is composited on white, but a BMP's alpha channel of
    zeros throughout is taken as unused (in an icon, its mask then says what is clear). ``frame``, if
    given, is where the picture's first frame lies on a screen it leaves partly unpainted (see
    :func:`_frame_short_of_screen`): the rest is clear, as browsers show it, and composited likewise."""
    if frame is not None:
        rgb = image.convert("RGB")  # a copy, whatever the mode: painted on below
        _paint_around(rgb, frame, _background_for(_as_rgba(_sample(rgb, frame))))
        return rgb
    if image.mode == "RGB" and "transparency" not in image.info:
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return _grey_from_numbers(image).convert("RGB")
    if image.mode == "RGBA" and _alpha_from_spare_byte(image) and image.getextrema()[3] == (0, 0):
        # Its writer left a 32-bit pixel's spare byte zero: browsers show it opaque, as here, but for an icon's mask.
        if (mask := _icon_mask(image)) is None:
            return image.convert("RGB")
        image = image.copy()  # not the caller's own
        image.putalpha(mask)
    if image.mode in ("RGBA", "La", "LA", "PA", "RGBa") or "transparency" in image.info:
        canvas = Image.new("RGB", image.size, _background_for(_as_rgba(_sample(image))))
        if image.mode == "RGBA":
            canvas.paste(image, mask=image)  # blended as alpha_composite would, without two more RGBA copies
            return canvas
        for top, band in _bands(image):  # converted to RGBA a band at a time, not as a whole (160 MB at 40 MP)
            rgba = _as_rgba(band)
            canvas.paste(rgba, (0, top), mask=rgba)
        return canvas
    return image.convert("RGB")


def _frame_short_of_screen(image: Image.Image, data: bytes | Image.Image) -> tuple[int, int, int, int] | None:
    """Where the first frame of a GIF with no colour marked transparent, or of an animated WebP without alpha
    (opened from the bytes ``data``), lies on its screen (the area viewers show: a GIF's logical screen, a WebP's
    canvas) if it leaves some of it unpainted; None for anything else. Browsers show the rest of the screen
    clear; Pillow fills it with a GIF palette's first colour (often black), and a WebP's with black."""
    if image.tell() != 0:
        return None
    if image.format == "GIF" and "transparency" not in image.info:
        frame = getattr(image, "dispose_extent", None)
    elif image.format == "WEBP" and image.mode == "RGB" and isinstance(data, bytes):
        frame = webp_first_frame(data)
    else:
        return None
    if frame is None or frame == (0, 0, *image.size):
        return None
    left, upper, right, lower = frame
    return frame if 0 <= left < right <= image.width and 0 <= upper < lower <= image.height else None


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
    icon = image.ico  # type: ignore[attr-defined]
    entry = icon.entry[icon.getentryindex(image.size)]
    icon.buf.seek(entry.offset)
    return entry.bpp == 32 and not icon.buf.read(8).startswith(b"\x89PNG")


def _icon_mask(image: Image.Image) -> Image.Image | None:
    """The mask of an icon's 32-bit BMP picture (a bit a pixel, after its colours; set where it is clear) as
    alpha; None for a BMP file, or an icon's BMP without a mask (as Pillow writes them)."""
    if image.format != "ICO":
        return None
    icon = image.ico  # type: ignore[attr-defined]
    entry = icon.entry[icon.getentryindex(image.size)]
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


#: What a PNG holding an orientation, which Pillow applies and libspng does not, has in it.
_PNG_ORIENTATION_TAGS = (b"eXIf", b"Raw profile type exif", b"tiff:Orientation")
#: PNG modes libspng decodes to the same pixels as Pillow (after :func:`_to_rgb`), and the output it uses.
_SPNG_FORMATS = {"RGB": "RGB", "RGBA": "RGBA", "L": "L", "LA": "RGBA", "P": "RGBA"}


def _decode_png_fast(image: Image.Image, data: bytes) -> Image.Image | None:
    """Decode a plain PNG with libspng (about twice as fast as Pillow's decoder) into 8-bit RGB.

    Returns None, leaving the work to Pillow, where pyspng is not installed (it has no wheels for
    ARM) or the PNG is one Pillow must handle: animated, 16-bit grey, with a tRNS transparent
    colour, oriented (by EXIF, as an eXIf chunk or ImageMagick's text chunk, or by XMP), or damaged.
    """
    if spng is None or image.format != "PNG" or image.mode not in _SPNG_FORMATS:
        return None
    if getattr(image, "is_animated", False) or "transparency" in image.info or any(tag in data for tag in _PNG_ORIENTATION_TAGS):
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
    data = _read(source)
    try:
        return _decode(data, min_side)
    except CorruptImage as exc:
        # Only Pillow's limits on PNG text and colour-profile chunks (MAX_TEXT_CHUNK, MAX_TEXT_MEMORY) merit a second try.
        if not isinstance(data, bytes) or "MAX_TEXT_" not in str(exc.__cause__):
            raise
        return _decode(without_png_metadata(data), min_side)  # its pixels may be fine


def _decode(data: bytes | Image.Image, min_side: int | None) -> Image.Image:
    """:func:`load_image` for what :func:`_read` gave."""
    image = _open(data)
    _check_dimensions(image)
    if isinstance(data, bytes) and (fast := _decode_png_fast(image, data)) is not None:
        return fast
    if min_side and image.format in ("JPEG", "MPO"):
        image.draft("RGB", (min_side, min_side))
    try:
        image.seek(0)  # first frame of animations (the first not blank, if it is: below)
        image.load()
        upright = _upright_transpose(image)
        rgb = _shown_frame(image, data)
        return rgb if upright is None else rgb.transpose(upright)
    except (*_DECODING_ERRORS, EOFError) as exc:
        raise _decoding_failed(exc, data if isinstance(data, bytes) else None, image) from exc


def _upright_transpose(image: Image.Image) -> Image.Transpose | None:
    """How to turn ``image`` upright, as its EXIF (or XMP) orientation says; None if it is upright already.

    ``ImageOps.exif_transpose`` would also write the EXIF data back without the orientation, and
    fails on damaged tags that no pixel depends on.
    """
    orientation = image.getexif().get(ExifTags.Base.Orientation)
    return _UPRIGHT.get(orientation) if isinstance(orientation, int) else None


def _is_flat(image: Image.Image) -> bool:
    """Whether an RGB ``image`` is one colour, give or take :data:`config.BLANK_IMAGE_LEVELS`.

    Judged from its histogram, taken in one pass: ``getextrema`` copies out each channel first (40 MB
    apiece at 40 MP) and takes three times as long.
    """
    levels = [np.flatnonzero(counts) for counts in np.reshape(image.histogram(), (-1, 256))]
    return max(int(used[-1] - used[0]) for used in levels) <= config.BLANK_IMAGE_LEVELS


def _shown_frame(image: Image.Image, data: bytes | Image.Image) -> Image.Image:
    """The frame of a loaded ``image`` (opened from ``data``) to classify, in 8-bit RGB: its first, or the
    first drawn (see :func:`_first_drawn_frame`) if that is blank.

    A blank first frame is not kept through the search (at 40 MP, 160 MB more at its peak, or twice
    that where ``image`` itself is not RGB): if no frame is drawn, it is decoded again, from a fresh
    start where there are bytes to start from (Pillow keeps a GIF's screen grown to hold a later frame
    that lies beyond it, past the pixel limit too).
    """
    rgb = _to_rgb(image, _frame_short_of_screen(image, data))
    # An MPO photo's further pictures are other views of the same scene (a stereo pair's other eye, a preview):
    # not pages.
    if not _is_flat(rgb) or image.format == "MPO" or _screen_too_large_to_search(image) or not _is_animated(image):
        return rgb
    del rgb  # not kept through the search
    if (drawn := _first_drawn_frame(image)) is not None:
        return drawn
    first = _open(data)
    first.seek(0)
    first.load()
    return _to_rgb(first, _frame_short_of_screen(first, data))


def _screen_too_large_to_search(image: Image.Image) -> bool:
    """Whether ``image`` is a GIF whose screen (which a later frame may grow) is too large to decode a frame after
    the first on: Pillow draws each on an RGB copy of the whole screen (see
    :data:`config.MAX_GIF_SCREEN_PIXELS_SEARCHED`), on its way to it too."""
    return image.format == "GIF" and image.width * image.height > config.MAX_GIF_SCREEN_PIXELS_SEARCHED


def _is_animated(image: Image.Image) -> bool:
    """Whether ``image`` has a second frame (or page): Pillow seeks to it to tell."""
    try:
        return bool(getattr(image, "is_animated", False))
    except _UNREADABLE_FRAME_ERRORS as exc:  # a second frame Pillow can't make sense of
        raise _decoding_failed(exc, None) from exc


def _first_drawn_frame(image: Image.Image) -> Image.Image | None:
    """The first frame, in 8-bit RGB, of an animation or multi-page file whose first frame is one flat
    colour (a blank cover page, the empty canvas a chart is then drawn on) that is not, if one comes
    soon enough: within :data:`_FRAMES_SEARCHED` frames and :data:`_FRAME_PIXELS_SEARCHED` pixels
    decoded (a TIFF's pages, and their tiles, may each be of any size), and, for a GIF, while its screen
    is not too large (see :func:`_screen_too_large_to_search`)."""
    pixels_left = _FRAME_PIXELS_SEARCHED
    for frame in range(1, 1 + _FRAMES_SEARCHED):
        try:
            image.seek(frame)
        except (EOFError, Image.DecompressionBombError):  # the end, or a page far over the limit
            return None
        except _UNREADABLE_FRAME_ERRORS as exc:  # a frame or page Pillow can't make sense of
            raise _decoding_failed(exc, None) from exc
        pixels_left -= max(image.width * image.height, math.prod(_tile_size(image)))
        if pixels_left < 0 or _screen_too_large_to_search(image):
            return None
        image.load()
        if not _is_flat(rgb := _to_rgb(image)):
            return rgb
        del rgb  # not kept while the next frame is converted
    return None


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
    boxed = letterbox(load_image(source, min_side=size), size)
    if _is_flat(boxed):
        raise BlankImage("The image is blank (one flat colour), so there is no chart in it to name.")
    return np.asarray(boxed, dtype=np.uint8)
