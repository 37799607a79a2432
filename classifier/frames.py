"""Which frame (or page) of a file is shown, and so classified.

Step 3 of :mod:`classifier.imaging`'s pipeline, once a file is opened: a TIFF's first full page where its first is a
thumbnail (:func:`first_full_page`), and the first frame, or the first drawn one after a blank first frame (one
:func:`~classifier.imaging.preprocess` would refuse), within bounds (:func:`shown_frame`).
"""

from __future__ import annotations

import math
import struct

from PIL import Image

from classifier import config
from classifier.formats import webp_first_frame
from classifier.letterboxing import is_blank, letterbox
from classifier.opening import decoded_size_limit, decoding_failed, open_image, tile_size
from classifier.rgb import to_rgb

#: The side a frame is letterboxed to when :func:`shown_frame` tells whether it is blank (see
#: :func:`~classifier.letterboxing.is_blank`), as :func:`~classifier.imaging.preprocess` judges the model's input: the
#: shipped models' input size. Making a copy that small takes less time than a histogram of the whole frame (testing a
#: blank 40 MP frame itself for specks took 6 s), and a fixed size, not the caller's, shows every
#: caller (the web page's preview too) the same frame.
_FRAME_JUDGED_AT = 224


#: What Pillow raises on seeking to a frame (or page) it can't read: SyntaxError, and the errors that opening a
#: file turns into one (ImageFile.__init__) but seeking lets through, EOFError (the end) aside. A TIFF page
#: without a width raises TypeError; one of a compression Pillow doesn't know, KeyError.
_UNREADABLE_FRAME_ERRORS = (SyntaxError, IndexError, TypeError, KeyError, struct.error)


#: Formats whose files tell whether they have a second frame (or page) only when Pillow seeks to it; the others
#: (PNG, WebP, AVIF) say how many frames they hold in their header, which Pillow has read on opening them.
_FRAMES_COUNTED_BY_SEEKING = ("GIF", "TIFF")


#: The TIFF tag (NewSubfileType) whose lowest bit marks a page as a reduced-resolution copy of another (a thumbnail).
_NEW_SUBFILE_TYPE = 254


def first_full_page(image: Image.Image) -> int:
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


def shown_frame(image: Image.Image, data: bytes | Image.Image, page: int = 0) -> Image.Image:
    """The frame of a loaded ``image`` (opened from ``data``) to classify, in 8-bit RGB: its first (or its ``page``,
    see :func:`first_full_page`), or the first drawn after it (see :func:`_first_drawn_frame`) if that is blank: one
    flat colour, give or take a speck (see :func:`~classifier.letterboxing.is_blank`), judged at
    :data:`_FRAME_JUDGED_AT`.

    A blank first frame is not kept through the search (at 40 MP, 160 MB more at its peak, or twice
    that where ``image`` itself is not RGB): if no frame is drawn, it is decoded again, from a fresh
    start where there are bytes to start from (Pillow keeps a GIF's screen grown to hold a later frame
    that lies beyond it, past the pixel limit too).
    """
    rgb = to_rgb(image, _frame_short_of_screen(image, data))
    # An MPO photo's further pictures are other views of the same scene (a stereo pair's other eye, a preview):
    # not pages.
    if image.format == "MPO" or _screen_too_large_to_search(image):
        return rgb
    # Judging a frame costs a letterbox (which preprocess then makes again), so a file whose header says it has no
    # other frame is not judged. GIF and TIFF tell only by seeking to their second frame, done only after a blank
    # first one: a damaged second frame must not fail a file whose first is drawn.
    if image.format not in _FRAMES_COUNTED_BY_SEEKING and not _is_animated(image):
        return rgb
    if not is_blank(letterbox(rgb, _FRAME_JUDGED_AT)) or not _is_animated(image):
        return rgb
    del rgb  # not kept through the search
    if (drawn := _first_drawn_frame(image, page)) is not None:
        return drawn
    first = open_image(data)
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
        raise decoding_failed(exc, None) from exc


def _screen_too_large_to_search(image: Image.Image) -> bool:
    """Whether ``image`` is a GIF whose screen (which a later frame may grow) is over
    :data:`config.MAX_GIF_SCREEN_PIXELS_SEARCHED`: Pillow draws every frame after the first, on its way to the
    one asked for too, on an RGB copy of the whole screen, so none is decoded."""
    return image.format == "GIF" and image.width * image.height > config.MAX_GIF_SCREEN_PIXELS_SEARCHED


def _first_drawn_frame(image: Image.Image, after: int = 0) -> Image.Image | None:
    """The first frame, in 8-bit RGB, of an animation or multi-page file whose first frame is blank (a blank
    cover page, the empty canvas a chart is then drawn on: see :func:`shown_frame`) that is not, if one comes
    soon enough: within :data:`config.FRAMES_SEARCHED` frames and :data:`config.MAX_IMAGE_PIXELS` pixels
    decoded (a TIFF's pages, and their tiles, may each be of any size), none of them over the limit for its
    mode (see :func:`~classifier.opening.check_decoded_size`), and, for a GIF, while its screen is not too large (see
    :func:`_screen_too_large_to_search`); from the frame ``after`` on."""
    pixels_left = config.MAX_IMAGE_PIXELS
    for frame in range(after + 1, 1 + config.FRAMES_SEARCHED):
        try:
            image.seek(frame)
        except (EOFError, Image.DecompressionBombError):  # the end, or a page far over the limit
            return None
        except _UNREADABLE_FRAME_ERRORS as exc:  # a frame or page Pillow can't make sense of
            raise decoding_failed(exc, None) from exc
        pixels_left -= max(image.width * image.height, math.prod(tile_size(image)))
        if pixels_left < 0 or image.width * image.height > decoded_size_limit(image) or _screen_too_large_to_search(image):
            return None
        image.load()
        if not is_blank(letterbox(rgb := to_rgb(image), _FRAME_JUDGED_AT)):
            return rgb
        del rgb  # not kept while the next frame is converted
    return None
