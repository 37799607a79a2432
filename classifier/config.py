"""Limits and defaults of the classifier, in one place."""

from __future__ import annotations

from pathlib import Path

#: Folder with the shipped models and their ``labels.txt``.
WEIGHTS_DIR = Path(__file__).resolve().parent.parent / "weights"
#: The name training exports a model under (the first of the shipped models).
MODEL_FILENAME = "whatplot.tflite"
#: The shipped models, whose probabilities are averaged: two MobileNets fine-tuned in different runs are
#: right more often together than either alone (realcharts top-1 0.903 against 0.882 and 0.885; int8 files).
SHIPPED_MODELS = (MODEL_FILENAME, "whatplot-b.tflite")
#: The labels file beside each model: its outputs' taxonomy ids, in order.
LABELS_FILENAME = "labels.txt"

#: Largest encoded image accepted, in bytes (Discord's own upload cap for most users).
MAX_IMAGE_BYTES = 25 * 1024 * 1024
#: Largest decoded image accepted, in pixels (width x height); bigger headers are refused unread.
MAX_IMAGE_PIXELS = 40_000_000
#: Lower limits, in pixels, for formats (as Pillow names them) whose decoders take more memory a pixel, so that one
#: decode peaks under about 300 MB (a Raspberry Pi has 1–2 GB). Pillow decodes a WebP, still or animated, with
#: libwebp's animation decoder, which holds two canvases of 4 bytes a pixel besides the picture it hands over and
#: Pillow's copy of it: 16 bytes a pixel at the peak (540 MB of process memory at 33 MP, 280 MB at 16 MP).
MAX_IMAGE_PIXELS_BY_FORMAT: dict[str, int] = {"WEBP": 16_000_000}
#: Largest GIF screen on which a frame after a blank first frame is decoded (in the search for a drawn one): Pillow
#: draws each later frame on an RGB copy of the whole screen, then converts the whole screen once more (a blank
#: first frame and a chart on a 40 MP screen took 530 MB of process memory, on a 20 MP one 280 MB). Past it the
#: search stops, as past the pixel limit, and the blank first frame is the answer.
MAX_GIF_SCREEN_PIXELS_SEARCHED = 20_000_000
#: Smallest side, in pixels, that can still show a chart.
MIN_IMAGE_SIDE = 16
#: An image is blank when, at the model's input size, no channel of any pixel differs from another's
#: by more than this (0–255): the corpus never shows the model such an image, so it would only guess.
BLANK_IMAGE_LEVELS = 4

#: URL downloads: total, connect and per-read timeouts in seconds, and redirects followed.
DOWNLOAD_TIMEOUT_S = 15.0
DOWNLOAD_CONNECT_TIMEOUT_S = 5.0
DOWNLOAD_READ_TIMEOUT_S = 5.0
DOWNLOAD_MAX_REDIRECTS = 5


def shipped_model_paths() -> tuple[Path, ...]:
    """The shipped model files, in ``WEIGHTS_DIR``."""
    return tuple(WEIGHTS_DIR / name for name in SHIPPED_MODELS)
