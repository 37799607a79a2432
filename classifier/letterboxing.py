"""A picture as the model sees it: letterboxed to its square input (:func:`letterbox`), and whether that is blank
(:func:`is_blank`). Steps 5 and 6 of :mod:`classifier.imaging`'s pipeline, and how :mod:`classifier.frames` judges a
frame.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from classifier import config


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


def is_blank(image: Image.Image) -> bool:
    """Whether all but :data:`config.BLANK_IMAGE_STRAY_SHARE` of an RGB ``image``'s pixels are one colour (its
    median), give or take :data:`config.BLANK_IMAGE_LEVELS`: an empty canvas with a speck or two on it, or none (one
    flat colour, whose every channel spans no more than those levels, has every pixel within them of its median).

    Meant for a picture of the model's input size: one that is not blank is told from its histogram, in one pass,
    but a blank one is then compared pixel by pixel, in 16-bit copies of the whole picture.
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
    return int((np.abs(pixels - median.astype(np.int16)) > levels).any(axis=1).sum()) <= limit
