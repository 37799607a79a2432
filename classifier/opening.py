"""Opening an image with Pillow, its header only, and refusing it before any pixel is decoded.

Step 2 of :mod:`classifier.imaging`'s pipeline: which formats Pillow may try (:func:`open_image`), pixel bombs, huge
TIFF tiles, tiny images and ones too long and thin to show a chart (:func:`check_dimensions`), pictures whose mode
would take too much memory to convert (:func:`check_decoded_size`), and the error a decoder's failure becomes
(:func:`decoding_failed`). Importing it sets two Pillow-wide defences: its own pixel limit (a backstop) and libtiff
for every TIFF.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, TiffImagePlugin, UnidentifiedImageError

from classifier import config
from classifier.errors import (
    TRUNCATED,
    CorruptImage,
    ImageTooLarge,
    ImageTooSmall,
    NotAnImage,
    UnsupportedFormat,
)
from classifier.formats import (
    check_header,
    check_icon_frames,
    check_pixel_count,
    check_tiff_pieces,
    describe_tiff_samples,
    format_named_by,
    is_cut_short,
    sniff_unsupported_end,
)
from classifier.rgb import bytes_per_pixel, describe_mode

Image.init()
#: Formats Pillow may try (a short list keeps rarely used, less hardened decoders out of reach).
_RASTER_FORMATS = [f for f in ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF", "AVIF", "ICO") if f in Image.OPEN]

# Pillow's own bomb check, kept as a backstop, raises only at twice its limit; ours (check_dimensions,
# right after the header is read and before any pixel is decoded) is exact.
Image.MAX_IMAGE_PIXELS = config.MAX_IMAGE_PIXELS * 2
# Below twice its limit, Pillow only warns, and check_dimensions then refuses the picture with a message of its own:
# the warning would add nothing but a line in the bot's or the web server's log.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
# Pillow decodes an uncompressed TIFF itself, a strip (or tile) at a time, in Python: 2.4 million one-row strips
# (an 18 MB file) took it 9 s and 800 MB. libtiff, which decodes every other TIFF, takes a tenth of a second.
TiffImagePlugin.READ_LIBTIFF = True


#: What Pillow raises for a file it can't decode; libavif's failures (a missing image item, undecodable pixels)
#: come as RuntimeError, and an AVIF animation whose track has no timescale (zero, or no media header) as
#: ZeroDivisionError (Pillow divides by it for each frame's timestamp).
DECODING_ERRORS = (OSError, SyntaxError, ValueError, RuntimeError, ZeroDivisionError)


def open_image(data: bytes | Image.Image) -> Image.Image:
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
        if (name := format_named_by(data)) == "TIFF" and (samples := _unsupported_tiff_samples(data)):
            raise UnsupportedFormat(
                f"TIFF images of {samples} aren't supported. Save the chart as an 8-bit PNG or TIFF (or a JPEG)."
            ) from exc
        if name is not None:
            raise CorruptImage(f"The {name} file is damaged or cut short, so it can't be decoded.") from exc
        sniff_unsupported_end(data)
        raise NotAnImage("That file isn't an image I can read (PNG, JPEG, GIF, WebP, AVIF, BMP, TIFF or ICO).") from exc
    except DECODING_ERRORS as exc:
        raise decoding_failed(exc, data) from exc
    return image


def _unsupported_tiff_samples(data: bytes) -> str:
    """What a TIFF file that Pillow can't open holds a pixel (see :func:`classifier.formats.describe_tiff_samples`)
    where that is why: samples of a size, type or number Pillow has no mode for (floating-point colour, 64-bit or
    16-bit floating-point grey, 16-bit grey and alpha...); "" where the file is damaged, or its header doesn't say."""
    try:
        TiffImagePlugin.TiffImageFile(io.BytesIO(data))  # its header only, as Image.open read it
    except SyntaxError as exc:
        return describe_tiff_samples(data) if "unknown pixel mode" in str(exc) else ""
    except Exception:  # noqa: BLE001 - anything else a damaged header raises: damaged, as said
        return ""
    return ""


def _too_many_pixels() -> str:
    return f"The image has too many pixels; the limit is {config.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels."


def check_dimensions(image: Image.Image) -> None:
    """Refuse, from its header alone, a picture of too many pixels (for its format), of TIFF tiles too large
    to allocate (see :func:`tile_size`), or too small, or too long and thin (see
    :data:`config.MAX_ASPECT_RATIO`), to show a chart."""
    width, height = image.size
    check_pixel_count(width, height, image.format)
    tile_width, tile_length = tile_size(image)
    if tile_width * tile_length > config.MAX_IMAGE_PIXELS:
        raise ImageTooLarge(
            f"The TIFF file's tiles are {tile_width}×{tile_length} pixels each; "
            f"the limit is {config.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels."
        )
    if min(width, height) < config.MIN_IMAGE_SIDE:
        raise ImageTooSmall(
            f"The image is only {width}×{height} pixels; a chart needs at least {config.MIN_IMAGE_SIDE} on each side."
        )
    if max(width, height) > config.MAX_ASPECT_RATIO * min(width, height):
        raise ImageTooSmall(
            f"The image is {width}×{height} pixels, too long and thin to show a chart; "
            f"its longer side can be at most {config.MAX_ASPECT_RATIO} times its shorter one."
        )


def decoded_size_limit(image: Image.Image) -> int:
    """The most pixels an opened (not yet decoded) ``image`` may have for its mode (see :data:`config.MAX_DECODE_BYTES`)."""
    return config.MAX_DECODE_BYTES // bytes_per_pixel(image)


def check_decoded_size(image: Image.Image) -> None:
    """Refuse, before decoding it, a picture whose mode takes so many bytes a pixel, decoded and converted to RGB
    (see :func:`classifier.rgb.bytes_per_pixel`), that it would take over :data:`config.MAX_DECODE_BYTES`."""
    width, height = image.size
    if width * height > (limit := decoded_size_limit(image)):
        raise ImageTooLarge(
            f"The image is {width}×{height} pixels {describe_mode(image)}; the limit for such images is "
            f"{limit / 1e6:.0f} megapixels (converting them takes more memory). Resize it, or save it as an RGB PNG or JPEG."
        )


def tile_size(image: Image.Image) -> tuple[int, int]:
    """The size of each tile of a tiled TIFF page, (0, 0) for anything else.

    libtiff allocates a whole tile before decoding any of it, however small the picture: a 4 KB TIFF
    of 64×64 pixels in 26752×26752 tiles took 2 GB.
    """
    tags = getattr(image, "tag_v2", {})
    width, length = tags.get(TiffImagePlugin.TILEWIDTH), tags.get(TiffImagePlugin.TILELENGTH)
    return (width, length) if isinstance(width, int) and isinstance(length, int) else (0, 0)


def decoding_failed(exc: Exception, data: bytes | None, image: Image.Image | None = None) -> CorruptImage:
    """The error for an image Pillow opened (or recognised) but could not decode (``image``, if it got that far)."""
    if data is not None and image is not None and image.format == "TIFF":
        try:
            check_tiff_pieces(data)  # before their lists are unpacked below, in Python
        except CorruptImage as too_many:
            return too_many
    cut_short = data is not None and (is_cut_short(data) or (image is not None and _runs_past_end(image, len(data))))
    if "truncated" in str(exc).lower() or cut_short:
        return CorruptImage(TRUNCATED)
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
