"""Typed errors for everything that can go wrong between image bytes and a prediction.

Each error's message is written for the person who sent the image; ``kind`` is a stable,
machine-readable name used in JSON answers.
"""

from __future__ import annotations


#: The message of a :class:`CorruptImage` whose file ends before its pixels do.
TRUNCATED = "The image file is truncated (the download or upload was cut short)."


class WhatplotError(Exception):
    """Base class of every error whatplot reports to a user."""

    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImageError(WhatplotError):
    """The input could not be turned into a picture to classify."""

    kind = "image_error"


class UnreadableInput(ImageError):
    """No bytes to look at: a file that is missing, a broken link, a folder, a pipe or a device, one without
    permission to read it, or standard input closed or a terminal. Nothing is known of what it holds."""

    kind = "unreadable_input"


class NotAnImage(ImageError):
    """The bytes are not an image at all (text, HTML, an archive, ...)."""

    kind = "not_an_image"


class UnsupportedFormat(ImageError):
    """An image format we cannot decode (SVG, PDF, HEIC, ...)."""

    kind = "unsupported_format"


class CorruptImage(ImageError):
    """The image is truncated or damaged."""

    kind = "corrupt_image"


class ImageTooLarge(ImageError):
    """Too many bytes or too many pixels (e.g. a decompression bomb)."""

    kind = "too_large"


class ImageTooSmall(ImageError):
    """Too few pixels to tell what it shows: a side under ``config.MIN_IMAGE_SIDE``, or too long and thin
    (``config.MAX_ASPECT_RATIO``)."""

    kind = "too_small"


class BlankImage(ImageError):
    """One flat colour, give or take a speck (an empty canvas, a fully transparent image): nothing to classify."""

    kind = "blank_image"


class DownloadError(WhatplotError):
    """A URL could not be fetched safely."""

    kind = "download_error"


class URLRefused(DownloadError):
    """The URL is not allowed: malformed, not http(s), or pointing at a private or local address."""

    kind = "url_refused"


class DownloadTimeout(DownloadError):
    """The server was too slow."""

    kind = "download_timeout"


class ModelError(WhatplotError):
    """The model file is missing or unusable."""

    kind = "model_error"
