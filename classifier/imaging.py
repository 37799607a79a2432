"""From image bytes to the model's input: the one path every image takes.

Training, evaluation, the CLI, the bot and the web page all call :func:`preprocess` (or
:func:`load_image`, then :func:`letterbox`), so a chart looks exactly the same to the model wherever it
comes from. An image goes, in order, through:

1. **load** (:func:`_read`): bytes, a path, a file object or a Pillow image; size cap, empty files and
   known non-images (PDF, SVG, HEIC, web pages: :func:`classifier.formats.sniff_unsupported`).
2. **checks** before any pixel is decoded: hostile headers (:func:`classifier.formats.check_header`,
   :func:`~classifier.formats.check_icon_frames`), then Pillow opens only the formats in
   :data:`_RASTER_FORMATS` (:func:`_open`), and :func:`_check_dimensions` refuses pixel bombs, huge TIFF
   tiles, tiny images and ones too long and thin to show a chart; :func:`_check_decoded_size`, pictures whose
   mode (transparency, CMYK, 16-bit or floating-point samples) would take too much memory to convert.
3. **decode** (:func:`_decode`): libspng for plain PNGs, Pillow otherwise (big JPEGs at reduced size); the
   first frame, or the first drawn one after a blank first frame (one :func:`preprocess` would refuse), within
   bounds (:func:`_shown_frame`), turned upright by its EXIF orientation. Whatever a decoder raises becomes a
   :class:`~classifier.errors.CorruptImage` that says whether the file was cut short (:func:`_decoding_failed`);
   a PNG whose metadata Pillow refuses to unpack, or with ancillary chunks of wrong checksums, is tried again
   without them, and a JPEG that lacks only its end marker with it (:func:`_repaired`). A TIFF whose first page is
   marked a thumbnail is decoded from its first full page (:func:`_first_full_page`).
4. **RGB** (:func:`classifier.rgb.to_rgb`): transparency composited, high bit depths scaled, a band at a time.
5. **letterbox** (:func:`letterbox`): scaled to fit the model's square input, padded with the border colour.
6. **preprocess** (:func:`preprocess`): a blank result (one colour, or one colour but for a few stray pixels:
   :func:`_is_blank`) refused, the rest as a uint8 array.

Every refusal is a :class:`~classifier.errors.ImageError` whose message is written for the sender.
Importing this module also sets two Pillow-wide defences: its own pixel limit (a backstop) and libtiff
for every TIFF.
"""

from __future__ import annotations

import io
import math
import os
import struct
from pathlib import Path
from typing import BinaryIO, Union

import numpy as np
from PIL import ExifTags, Image, TiffImagePlugin, UnidentifiedImageError

try:
    import pyspng as spng
except ImportError:  # optional accelerator: Pillow decodes PNG where it is missing
    spng = None

from classifier import config
from classifier.errors import (
    TRUNCATED,
    BlankImage,
    CorruptImage,
    ImageError,
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
    is_sequential_jpeg,
    sniff_unsupported,
    sniff_unsupported_end,
    webp_first_frame,
    without_broken_png_chunks,
    without_png_metadata,
)
from classifier.rgb import bytes_per_pixel, describe_mode, to_rgb

#: The side a frame is letterboxed to when :func:`_shown_frame` tells whether it is blank (see :func:`_is_blank`), as
#: :func:`preprocess` judges the model's input: the shipped models' input size. Making a copy that small takes less time
#: than a histogram of the whole frame (testing a blank 40 MP frame itself for specks took 6 s and a 240 MB copy), and a
#: fixed size, not the caller's, shows every caller (the web page's preview too) the same frame.
_FRAME_JUDGED_AT = 224

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

#: Anything :func:`load_image` and :func:`preprocess` accept.
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
#: What Pillow raises on seeking to a frame (or page) it can't read: SyntaxError, and the errors that opening a
#: file turns into one (ImageFile.__init__) but seeking lets through, EOFError (the end) aside. A TIFF page
#: without a width raises TypeError; one of a compression Pillow doesn't know, KeyError.
_UNREADABLE_FRAME_ERRORS = (SyntaxError, IndexError, TypeError, KeyError, struct.error)


# Reading the bytes and checking them before any pixel is decoded.


def load_image(source: ImageSource, min_side: int | None = None) -> Image.Image:
    """Decode ``source`` safely into an upright 8-bit RGB image.

    ``min_side`` lets JPEG decoding skip detail it does not need: the result is then at least
    that large on its shorter side (or its full size, if smaller).

    Raises:
        classifier.errors.ImageError: a subclass saying what is wrong with the input.
    """
    data = _read(source)
    tries = 3  # the bytes as they are, then repaired at most twice (a PNG may need both repairs)
    while True:
        try:
            return _decode(data, min_side)
        except CorruptImage as exc:
            tries -= 1
            repaired = _repaired(data, exc) if isinstance(data, bytes) and tries else None
            if repaired is None:
                raise
        data = repaired  # decoded after the except block, which holds (in its traceback) what was decoded before the failure


def _repaired(data: bytes, error: CorruptImage) -> bytes | None:
    """``data`` repaired where it failed to decode (``error``) in a way browsers forgive and no pixel depends on;
    None for anything else. Pillow's limits on a PNG's text and colour-profile chunks (MAX_TEXT_CHUNK,
    MAX_TEXT_MEMORY): without those chunks. A PNG's ancillary chunks of wrong checksums: without them. A
    sequential JPEG that lacks no more than its end marker: with it."""
    if "MAX_TEXT_" in str(error.__cause__):
        return without_png_metadata(data)
    if error.__cause__ is not None and (repaired := without_broken_png_chunks(data)) is not data:  # Pillow failed
        return repaired
    if error.message == TRUNCATED and _is_jpeg_whole_but_its_end(data):
        return data + _JPEG_END
    return None


#: The marker that ends a JPEG file (EOI).
_JPEG_END = b"\xff\xd9"
#: Bytes that libjpeg decodes otherwise than the zero bits it makes up for a scan cut short (no 0xFF: not a marker).
_NOT_ZEROS = bytes([0x5A, 0xA5]) * 32


def _is_jpeg_whole_but_its_end(data: bytes) -> bool:
    """Whether a sequential JPEG file that Pillow calls truncated lacks no more than its end marker (EOI), as some
    writers leave it: browsers show such a picture whole, Pillow refuses it. (A progressive one's later passes change
    nothing at the size it is compared at below, so it is left refused.)

    Told apart from a file cut within its pixels by decoding it twice at an eighth of its size, once ended there and
    once after some bytes that are no marker: libjpeg skips those after a whole scan, where it decodes them as more
    of a scan cut short (and makes up zero bits for what they don't reach).
    """
    if not is_sequential_jpeg(data) or data.endswith(_JPEG_END):
        return False
    try:
        ended = _decode(data + _JPEG_END, min_side=1)
        padded = _decode(data + _NOT_ZEROS + _JPEG_END, min_side=1)
    except ImageError:
        return False
    return ended.size == padded.size and ended.tobytes() == padded.tobytes()


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


def _too_many_bytes(n: int) -> str:
    return f"The image is {n / 2**20:.1f} MB; the limit is {config.MAX_IMAGE_BYTES // 2**20} MB."


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
        if (name := format_named_by(data)) == "TIFF" and (samples := _unsupported_tiff_samples(data)):
            raise UnsupportedFormat(
                f"TIFF images of {samples} aren't supported. Save the chart as an 8-bit PNG or TIFF (or a JPEG)."
            ) from exc
        if name is not None:
            raise CorruptImage(f"The {name} file is damaged or cut short, so it can't be decoded.") from exc
        sniff_unsupported_end(data)
        raise NotAnImage("That file isn't an image I can read (PNG, JPEG, GIF, WebP, AVIF, BMP, TIFF or ICO).") from exc
    except _DECODING_ERRORS as exc:
        raise _decoding_failed(exc, data) from exc
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


def _check_dimensions(image: Image.Image) -> None:
    """Refuse, from its header alone, a picture of too many pixels (for its format), of TIFF tiles too large
    to allocate (see :func:`_tile_size`), or too small, or too long and thin (see
    :data:`config.MAX_ASPECT_RATIO`), to show a chart."""
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
    if max(width, height) > config.MAX_ASPECT_RATIO * min(width, height):
        raise ImageTooSmall(
            f"The image is {width}×{height} pixels, too long and thin to show a chart; "
            f"its longer side can be at most {config.MAX_ASPECT_RATIO} times its shorter one."
        )


def _decoded_size_limit(image: Image.Image) -> int:
    """The most pixels an opened (not yet decoded) ``image`` may have for its mode (see :data:`config.MAX_DECODE_BYTES`)."""
    return config.MAX_DECODE_BYTES // bytes_per_pixel(image)


def _check_decoded_size(image: Image.Image) -> None:
    """Refuse, before decoding it, a picture whose mode takes so many bytes a pixel, decoded and converted to RGB
    (see :func:`classifier.rgb.bytes_per_pixel`), that it would take over :data:`config.MAX_DECODE_BYTES`."""
    width, height = image.size
    if width * height > (limit := _decoded_size_limit(image)):
        raise ImageTooLarge(
            f"The image is {width}×{height} pixels {describe_mode(image)}; the limit for such images is "
            f"{limit / 1e6:.0f} megapixels (converting them takes more memory). Resize it, or save it as an RGB PNG or JPEG."
        )


def _tile_size(image: Image.Image) -> tuple[int, int]:
    """The size of each tile of a tiled TIFF page, (0, 0) for anything else.

    libtiff allocates a whole tile before decoding any of it, however small the picture: a 4 KB TIFF
    of 64×64 pixels in 26752×26752 tiles took 2 GB.
    """
    tags = getattr(image, "tag_v2", {})
    width, length = tags.get(TiffImagePlugin.TILEWIDTH), tags.get(TiffImagePlugin.TILELENGTH)
    return (width, length) if isinstance(width, int) and isinstance(length, int) else (0, 0)


# Decoding the frame to classify, upright, as RGB.


def _decode(data: bytes | Image.Image, min_side: int | None) -> Image.Image:
    """Open, check and decode what :func:`_read` gave (see :func:`load_image`)."""
    image = _open(data)
    page = _first_full_page(image)  # where it is (a TIFF's thumbnail skipped)
    _check_dimensions(image)
    if min_side and image.format in ("JPEG", "MPO"):
        image.draft("RGB", (min_side, min_side))
    _check_decoded_size(image)  # at the size and mode a JPEG is decoded at
    if isinstance(data, bytes) and (fast := _decode_png_fast(image, data)) is not None:
        return fast
    try:
        image.seek(page)  # the first frame (or full page); _shown_frame looks further if it is blank
        image.load()
        upright = _upright_transpose(image)
        rgb = _shown_frame(image, data, page)
        return rgb if upright is None else rgb.transpose(upright)
    except (*_DECODING_ERRORS, EOFError) as exc:
        raise _decoding_failed(exc, data if isinstance(data, bytes) else None, image) from exc


#: The TIFF tag (NewSubfileType) whose lowest bit marks a page as a reduced-resolution copy of another (a thumbnail).
_NEW_SUBFILE_TYPE = 254


def _first_full_page(image: Image.Image) -> int:
    """Seek an opened ``image`` to its first page that is not marked a reduced-resolution copy of another (as scanners
    and cameras put a thumbnail first), if its first page is so marked and such a page comes within
    :data:`config.FRAMES_SEARCHED` pages (and can be read); which page that is (0 for anything else)."""
    def reduced() -> bool:
        subfile_type = getattr(image, "tag_v2", {}).get(_NEW_SUBFILE_TYPE)
        return isinstance(subfile_type, int) and bool(subfile_type & 1)

    if image.format != "TIFF" or not reduced():
        return 0
    for page in range(1, 1 + config.FRAMES_SEARCHED):
        try:
            image.seek(page)
        except (EOFError, Image.DecompressionBombError, *_UNREADABLE_FRAME_ERRORS):  # the end, or damage: the thumbnail
            break
        if not reduced():
            return page
    image.seek(0)
    return 0


#: What a PNG holding an orientation, which Pillow applies and libspng does not, has in it.
_PNG_ORIENTATION_TAGS = (b"eXIf", b"Raw profile type exif", b"tiff:Orientation")
#: PNG modes libspng decodes to the same pixels as Pillow (after :func:`to_rgb`), and the output it decodes each to.
#: Not palette pictures: libspng expands them to RGBA (4 bytes a pixel, then an RGB copy: 340 MB of process memory
#: at 40 MP), where Pillow keeps a byte a pixel (236 MB), and is no faster at it.
_SPNG_OUTPUT_FOR_MODE = {"RGB": "RGB", "RGBA": "RGBA", "L": "L", "LA": "RGBA"}


def _decode_png_fast(image: Image.Image, data: bytes) -> Image.Image | None:
    """Decode a plain PNG with libspng (about twice as fast as Pillow's decoder) into 8-bit RGB.

    Returns None, leaving the work to Pillow, where pyspng is not installed (it has no wheels for
    ARM) or the PNG is one Pillow must handle: animated, 16-bit grey, a palette picture, with a tRNS transparent
    colour, oriented (by EXIF, as an eXIf chunk or ImageMagick's text chunk, or by XMP), or damaged.
    """
    if spng is None or image.format != "PNG" or image.mode not in _SPNG_OUTPUT_FOR_MODE:
        return None
    if getattr(image, "is_animated", False) or "transparency" in image.info or any(tag in data for tag in _PNG_ORIENTATION_TAGS):
        return None
    output = _SPNG_OUTPUT_FOR_MODE[image.mode]
    try:
        pixels = spng.load(data, format=output)
    except Exception:  # noqa: BLE001 - any libspng failure: let Pillow decode it and say what is wrong
        return None
    return to_rgb(Image.fromarray(pixels, output))


def _upright_transpose(image: Image.Image) -> Image.Transpose | None:
    """How to turn ``image`` upright, as its EXIF (or XMP) orientation says; None if it is upright already.

    ``ImageOps.exif_transpose`` would also write the EXIF data back without the orientation, and
    fails on damaged tags that no pixel depends on.
    """
    orientation = image.getexif().get(ExifTags.Base.Orientation)
    return _UPRIGHT.get(orientation) if isinstance(orientation, int) else None


def _shown_frame(image: Image.Image, data: bytes | Image.Image, page: int = 0) -> Image.Image:
    """The frame of a loaded ``image`` (opened from ``data``) to classify, in 8-bit RGB: its first (or its ``page``,
    see :func:`_first_full_page`), or the first drawn after it (see :func:`_first_drawn_frame`) if that is blank: one
    flat colour, give or take a speck (see :func:`_is_blank`), judged at :data:`_FRAME_JUDGED_AT`.

    A blank first frame is not kept through the search (at 40 MP, 160 MB more at its peak, or twice
    that where ``image`` itself is not RGB): if no frame is drawn, it is decoded again, from a fresh
    start where there are bytes to start from (Pillow keeps a GIF's screen grown to hold a later frame
    that lies beyond it, past the pixel limit too).
    """
    rgb = to_rgb(image, _frame_short_of_screen(image, data))
    # An MPO photo's further pictures are other views of the same scene (a stereo pair's other eye, a preview):
    # not pages.
    blank = _is_blank(letterbox(rgb, _FRAME_JUDGED_AT))
    if not blank or image.format == "MPO" or _screen_too_large_to_search(image) or not _is_animated(image):
        return rgb
    del rgb  # not kept through the search
    if (drawn := _first_drawn_frame(image, page)) is not None:
        return drawn
    first = _open(data)
    first.seek(page)
    first.load()
    return to_rgb(first, _frame_short_of_screen(first, data))


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


def _is_animated(image: Image.Image) -> bool:
    """Whether ``image`` has a second frame (or page): Pillow seeks to it to tell."""
    try:
        return bool(getattr(image, "is_animated", False))
    except _UNREADABLE_FRAME_ERRORS as exc:  # a second frame Pillow can't make sense of
        raise _decoding_failed(exc, None) from exc


def _screen_too_large_to_search(image: Image.Image) -> bool:
    """Whether ``image`` is a GIF whose screen (which a later frame may grow) is over
    :data:`config.MAX_GIF_SCREEN_PIXELS_SEARCHED`: Pillow draws every frame after the first, on its way to the
    one asked for too, on an RGB copy of the whole screen, so none is decoded."""
    return image.format == "GIF" and image.width * image.height > config.MAX_GIF_SCREEN_PIXELS_SEARCHED


def _first_drawn_frame(image: Image.Image, after: int = 0) -> Image.Image | None:
    """The first frame, in 8-bit RGB, of an animation or multi-page file whose first frame is blank (a blank
    cover page, the empty canvas a chart is then drawn on: see :func:`_shown_frame`) that is not, if one comes
    soon enough: within :data:`config.FRAMES_SEARCHED` frames and :data:`config.MAX_IMAGE_PIXELS` pixels
    decoded (a TIFF's pages, and their tiles, may each be of any size), none of them over the limit for its
    mode (see :func:`_check_decoded_size`), and, for a GIF, while its screen is not too large (see
    :func:`_screen_too_large_to_search`); from the frame ``after`` on."""
    pixels_left = config.MAX_IMAGE_PIXELS
    for frame in range(after + 1, 1 + config.FRAMES_SEARCHED):
        try:
            image.seek(frame)
        except (EOFError, Image.DecompressionBombError):  # the end, or a page far over the limit
            return None
        except _UNREADABLE_FRAME_ERRORS as exc:  # a frame or page Pillow can't make sense of
            raise _decoding_failed(exc, None) from exc
        pixels_left -= max(image.width * image.height, math.prod(_tile_size(image)))
        if pixels_left < 0 or image.width * image.height > _decoded_size_limit(image) or _screen_too_large_to_search(image):
            return None
        image.load()
        if not _is_blank(letterbox(rgb := to_rgb(image), _FRAME_JUDGED_AT)):
            return rgb
        del rgb  # not kept while the next frame is converted
    return None


def _is_blank(image: Image.Image) -> bool:
    """Whether all but :data:`config.BLANK_IMAGE_STRAY_SHARE` of an RGB ``image``'s pixels are one colour (its
    median), give or take :data:`config.BLANK_IMAGE_LEVELS`: an empty canvas with a speck or two on it, or none (one
    flat colour, whose every channel spans no more than those levels, has every pixel within them of its median).

    Meant for a picture of the model's input size: one that is not blank is told from its histogram, in one pass,
    but a blank one is then compared pixel by pixel (a 16-bit copy of the whole picture: 240 MB at 40 MP).
    """
    histogram = np.asarray(image.histogram()).reshape(3, 256)  # one pass in C: the medians without a sort
    median = (histogram.cumsum(axis=1) * 2 >= histogram.sum(axis=1, keepdims=True)).argmax(axis=1)
    limit = config.BLANK_IMAGE_STRAY_SHARE * image.width * image.height
    levels = config.BLANK_IMAGE_LEVELS
    # Stray pixels per channel, from the histogram: any chart has more in one channel than the limit, which settles it.
    stray_in = [histogram[c].sum() - histogram[c, max(0, m - levels) : m + levels + 1].sum() for c, m in enumerate(median)]
    if max(stray_in) > limit:
        return False
    pixels = np.asarray(image, dtype=np.int16).reshape(-1, 3)
    return int((np.abs(pixels - median) > levels).any(axis=1).sum()) <= limit


def _decoding_failed(exc: Exception, data: bytes | None, image: Image.Image | None = None) -> CorruptImage:
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


# The model's input.


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


def _border_colour(image: Image.Image) -> tuple[int, int, int]:
    """Median colour of the image's outermost pixels, used to pad it to a square."""
    pixels = np.asarray(image)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return tuple(int(c) for c in np.median(border, axis=0))  # type: ignore[return-value]


def preprocess(source: ImageSource, size: int) -> np.ndarray:
    """Turn any image input into the model's input: a ``size``×``size``×3 uint8 array.

    The model scales pixel values itself, so this is also what training feeds it.

    Raises:
        classifier.errors.ImageError: a subclass saying what is wrong with the input, including
            :class:`~classifier.errors.BlankImage` for one flat colour (give or take a speck).
    """
    boxed = letterbox(load_image(source, min_side=size), size)
    if _is_blank(boxed):
        raise BlankImage("The image is blank (one flat colour), so there is no chart in it to name.")
    return np.asarray(boxed, dtype=np.uint8)
