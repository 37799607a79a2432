"""From image bytes to the model's input: the one path every image takes.

Training, evaluation, the CLI, the bot and the web page all call :func:`preprocess` (training its two steps,
:func:`load_image` then :func:`input_from_picture`, to vary the picture in between), so a chart looks exactly the same
to the model wherever it comes from. An image goes, in order, through:

1. **load** (:func:`_read`): bytes, a path, a file object or a Pillow image; size cap, empty files and
   known non-images (PDF, SVG, HEIC, web pages: :func:`classifier.formats.sniff_unsupported`).
2. **checks** before any pixel is decoded (:mod:`classifier.opening`): hostile headers
   (:func:`classifier.formats.check_header`, :func:`~classifier.formats.check_icon_frames`), then Pillow opens only
   the formats it allows (:func:`~classifier.opening.open_image`), and :func:`~classifier.opening.check_dimensions`
   refuses pixel bombs, huge TIFF tiles, tiny images and ones too long and thin to show a chart;
   :func:`~classifier.opening.check_decoded_size`, pictures whose mode (transparency, CMYK, 16-bit or
   floating-point samples) would take too much memory to convert.
3. **decode** (:func:`_decode`): libspng for plain PNGs, Pillow otherwise (big JPEGs at reduced size); the
   frame shown (:mod:`classifier.frames`): the first, or the first drawn one after a blank first frame (one
   :func:`preprocess` would refuse), within bounds (:func:`~classifier.frames.shown_frame`), turned upright by its
   EXIF orientation. Whatever a decoder raises becomes a :class:`~classifier.errors.CorruptImage` that says whether
   the file was cut short (:func:`~classifier.opening.decoding_failed`); a PNG whose metadata Pillow refuses to
   unpack, or with ancillary chunks of wrong checksums, is tried again without them, and a JPEG that lacks only its
   end marker with it (:func:`_repaired`). A TIFF whose first page is marked a thumbnail is decoded from its first
   full page (:func:`~classifier.frames.first_full_page`).
4. **RGB** (:func:`classifier.rgb.to_rgb`): transparency composited, high bit depths scaled, a band at a time.
5. **letterbox** (:func:`classifier.letterboxing.letterbox`): scaled to fit the model's square input, padded with
   the border colour.
6. **model input** (:func:`input_from_picture`): a blank result (one colour, or one colour but for a few stray pixels:
   :func:`classifier.letterboxing.is_blank`) refused, the rest as a uint8 array.

Every refusal is a :class:`~classifier.errors.ImageError` whose message is written for the sender.
Importing this module also sets (through :mod:`classifier.opening`) two Pillow-wide defences: its own pixel
limit (a backstop) and libtiff for every TIFF.
"""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path
from typing import BinaryIO, Union

import numpy as np
from PIL import ExifTags, Image

try:
    import pyspng as spng
except ImportError:  # optional accelerator: Pillow decodes PNG where it is missing
    spng = None

from classifier import config
from classifier.errors import TRUNCATED, BlankImage, CorruptImage, ImageError, ImageTooLarge, NotAnImage, UnreadableInput
from classifier.formats import (
    is_single_scan_jpeg,
    sniff_unsupported,
    without_broken_png_chunks,
    without_png_metadata,
)
from classifier.frames import first_full_page, shown_frame
from classifier.letterboxing import is_blank, letterbox
from classifier.opening import DECODING_ERRORS, check_decoded_size, check_dimensions, decoding_failed, open_image
from classifier.rgb import to_rgb


#: How much of the start of a file tells a known non-image: an SVG's ``<svg`` may come after a long comment or
#: DOCTYPE (editors write kilobytes of them).
SNIFFED_BYTES = 16384
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


# Reading the bytes, and repairing them where browsers forgive what Pillow refuses.


def load_image(source: ImageSource, min_side: int | None = None) -> Image.Image:
    """Decode ``source`` safely into an upright 8-bit RGB image.

    ``min_side`` lets JPEG decoding skip detail it does not need: the result is then at least
    that large on its shorter side (or its full size, if smaller).

    Raises:
        classifier.errors.ImageError: a subclass saying what is wrong with the input.
        TypeError: ``source`` is a file opened in text mode (``open(path)`` without ``"rb"``).
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
    """Whether a JPEG file of one scan that Pillow calls truncated lacks no more than its end marker (EOI), as some
    writers leave it: browsers show such a picture whole, Pillow refuses it. (A progressive one's later passes, or a
    sequential one's scans of one component each, change nothing at the size it is compared at below, so those are
    left refused.)

    Told apart from a file cut within its pixels by decoding it twice at an eighth of its size, once ended there and
    once after some bytes that are no marker: libjpeg skips those after a whole scan, where it decodes them as more
    of a scan cut short (and makes up zero bits for what they don't reach). At that size a file cut within the last
    few bytes of its scan (the last block or two of the picture, bottom right) passes too, and is shown as a browser
    shows it, with those blocks made up.
    """
    if not is_single_scan_jpeg(data) or data.endswith(_JPEG_END):
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
            raise UnreadableInput(f"Can't read {path}: {getattr(exc, 'strerror', None) or exc}.") from exc
    elif isinstance(source, io.TextIOBase):  # open(path) without "rb": its read() decodes, or fails to
        raise TypeError("An image file must be opened in binary mode: open(path, 'rb').")
    else:
        data = source.read(config.MAX_IMAGE_BYTES + 1)
    if len(data) > config.MAX_IMAGE_BYTES:
        # Streams are read only up to the limit, so how far beyond it they go is unknown.
        size = _too_many_bytes(len(data)) if isinstance(source, (bytes, bytearray, memoryview)) else None
        raise ImageTooLarge(size or f"The image is over the {config.megabytes(config.MAX_IMAGE_BYTES)} MB limit.")
    if not data:
        raise NotAnImage("The file is empty.")
    sniff_unsupported(data[:SNIFFED_BYTES])
    return data


def _too_many_bytes(n: int) -> str:
    return f"The image is {n / 2**20:.1f} MB; the limit is {config.megabytes(config.MAX_IMAGE_BYTES)} MB."


# Decoding the frame to classify, upright, as RGB.


def _decode(data: bytes | Image.Image, min_side: int | None) -> Image.Image:
    """Open, check and decode what :func:`_read` gave (see :func:`load_image`)."""
    image = open_image(data)
    page = first_full_page(image)  # where it is (a TIFF's thumbnail skipped)
    check_dimensions(image)
    if min_side and image.format in ("JPEG", "MPO"):
        image.draft("RGB", (min_side, min_side))
    check_decoded_size(image)  # at the size and mode a JPEG is decoded at
    if isinstance(data, bytes) and (fast := _decode_png_fast(image, data)) is not None:
        return fast
    try:
        image.seek(page)  # the first frame (or full page); shown_frame looks further if it is blank
        image.load()
        upright = _upright_transpose(image)
        rgb = shown_frame(image, data, page)
        return rgb if upright is None else rgb.transpose(upright)
    except (*DECODING_ERRORS, EOFError) as exc:
        raise decoding_failed(exc, data if isinstance(data, bytes) else None, image) from exc


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
    fails on damaged tags that no pixel depends on. EXIF data that can't be read at all (cut short, or not EXIF)
    leaves the picture as it is, as browsers show it.
    """
    try:
        orientation = image.getexif().get(ExifTags.Base.Orientation)
    except (*DECODING_ERRORS, EOFError, struct.error):
        return None
    return _UPRIGHT.get(orientation) if isinstance(orientation, int) else None


def preprocess(source: ImageSource, size: int) -> np.ndarray:
    """Turn any image input into the model's input: a ``size``×``size``×3 uint8 array.

    The model scales pixel values itself, so this is also what training feeds it.

    Raises:
        classifier.errors.ImageError: a subclass saying what is wrong with the input, including
            :class:`~classifier.errors.BlankImage` for one flat colour (give or take a speck).
        TypeError: ``source`` is a file opened in text mode (``open(path)`` without ``"rb"``).
    """
    return input_from_picture(load_image(source, min_side=size), size)


def input_from_picture(picture: Image.Image, size: int) -> np.ndarray:
    """Steps 5 and 6 of :func:`preprocess` for a decoded RGB ``picture`` (what :func:`load_image` gives, varied as
    training varies it, say): letterboxed to ``size``, refused if blank, as a uint8 array.

    Raises:
        classifier.errors.BlankImage: one flat colour (give or take a speck).
    """
    boxed = letterbox(picture, size)
    if is_blank(boxed):
        raise BlankImage("The image is blank (one flat colour), so there is no chart in it to name.")
    return np.asarray(boxed, dtype=np.uint8)
