"""Limits and defaults of the classifier, in one place."""

from __future__ import annotations

from pathlib import Path

#: Folder with the shipped models and their ``labels.txt``.
WEIGHTS_DIR = Path(__file__).resolve().parent.parent / "weights"
#: The name training exports a model under.
MODEL_FILENAME = "whatplot.tflite"
#: The shipped models, whose probabilities are averaged: two MobileNets fine-tuned in different runs are
#: right more often together than either alone (realcharts top-1 0.903 against 0.882 and 0.885; int8 files).
SHIPPED_MODELS = ("whatplot.tflite", "whatplot-b.tflite")
LABELS_FILENAME = "labels.txt"

#: Largest encoded image accepted, in bytes (Discord's own upload cap for most users).
MAX_IMAGE_BYTES = 25 * 1024 * 1024
#: Largest decoded image accepted, in pixels (width x height); bigger headers are refused unread.
MAX_IMAGE_PIXELS = 40_000_000
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
