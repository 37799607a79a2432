"""Limits and defaults of the classifier, and the "not sure" threshold its answers are worded by, in one place."""

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

#: Largest encoded image accepted, in bytes (25 MiB): more than any screenshot or export of a chart takes.
MAX_IMAGE_BYTES = 25 * 1024 * 1024
#: Largest decoded image accepted, in pixels (width x height); bigger headers are refused unread.
MAX_IMAGE_PIXELS = 40_000_000
#: Lower limits, in pixels, for formats (as Pillow names them) whose decoders take more memory a pixel, so that one
#: decode peaks under about 300 MB (a Raspberry Pi has 1–2 GB). Pillow decodes a WebP, still or animated, with
#: libwebp's animation decoder, which holds two canvases of 4 bytes a pixel besides the picture it hands over and
#: Pillow's copy of it: 16 bytes a pixel at the peak (540 MB of process memory at 33 MP, 280 MB at 16 MP).
#: libavif decodes an AVIF into planes of its own (YUV, alpha, then RGB) before Pillow's copy: 9 to 11 bytes a pixel
#: at 8 bits (390 MB of process memory at 40 MP, 245 MB at 20 MP in 4:4:4), more at 10 or 12 bits.
MAX_IMAGE_PIXELS_BY_FORMAT: dict[str, int] = {"WEBP": 16_000_000, "AVIF": 16_000_000}
#: Most bytes that decoding a picture and converting it to RGB may take together, to keep a decode's peak under about
#: 300 MB with what the process holds already. Pillow keeps 4 bytes a pixel for every mode but those of 1 (1-bit,
#: grey, palette) and 2 (16-bit grey), and converting any but an opaque RGB picture makes a 4-byte RGB copy beside it:
#: an RGBA, CMYK or LA picture of 40 MP took 340 MB, a floating-point one 385 MB. Such pictures get a lower pixel
#: limit (see :func:`classifier.rgb.bytes_per_pixel`): 31 MP with an alpha channel (or an RGB picture with a
#: transparent colour) or in CMYK, 28 MP of 32-bit or floating-point samples, 36 MP of 16-bit ones; grey and palette
#: pictures keep the 40 MP limit, with a transparent colour or not.
MAX_DECODE_BYTES = 240 * 2**20
#: Longest side of a picture, as a multiple of its shortest: at the model's input (224 pixels) a picture 50 times as
#: long as it is wide is under 5 pixels thin, too few to show a chart (an image of 16×2,500,000 pixels showed the
#: model a flat grey square).
MAX_ASPECT_RATIO = 50
#: Largest GIF screen on which a frame after a blank first frame is decoded (in the search for a drawn one): Pillow
#: draws each later frame on an RGB copy of the whole screen, then converts the whole screen once more (a blank
#: first frame and a chart on a 40 MP screen took 530 MB of process memory, on a 20 MP one 280 MB). Past it the
#: search stops, as past the pixel limit, and the blank first frame is the answer.
MAX_GIF_SCREEN_PIXELS_SEARCHED = 20_000_000
#: An animation or multi-page file whose first frame is blank is searched this far (in frames, or pages) for a
#: frame that is not.
FRAMES_SEARCHED = 100
#: Smallest side, in pixels, that can still show a chart.
MIN_IMAGE_SIDE = 16
#: An image is blank when, at the model's input size, every channel of every pixel lies within this many levels
#: (0–255) of the image's median colour: the corpus never shows the model such an image, so it would only guess.
BLANK_IMAGE_LEVELS = 4
#: ...or when, at that size, all but this share of its pixels are one colour (give or take the levels above): a
#: speck of dust on an empty canvas (one dark pixel of a 200×200 white picture is 9 at the model's size) shows no
#: chart either. Kept low, so that a chart of a few small marks is still named: 0.03% is 15 pixels of 50,176, where
#: a chart's axes or one line across it alone are 0.45%.
BLANK_IMAGE_STRAY_SHARE = 0.0003

#: How many chart types an answer ranks by default: the best guess and up to two runners-up (the bot's answers, the
#: web API's ``top_k``, ``whatplot classify --top-k`` and :meth:`classifier.ChartClassifier.predict` alike).
DEFAULT_TOP_K = 3

#: Top confidence under which an answer says "I'm not sure. My best guess: …", in the bot and on the web page alike;
#: ``WHATPLOT_NOT_SURE_BELOW`` (read with :func:`parse_fraction`) sets another.
NOT_SURE_BELOW = 0.5
#: The environment variable that sets another "not sure" threshold, for the bot and the web page alike.
NOT_SURE_BELOW_VARIABLE = "WHATPLOT_NOT_SURE_BELOW"

#: URL downloads: total, connect and per-read timeouts in seconds, and redirects followed.
DOWNLOAD_TIMEOUT_S = 15.0
DOWNLOAD_CONNECT_TIMEOUT_S = 5.0
DOWNLOAD_READ_TIMEOUT_S = 5.0
DOWNLOAD_MAX_REDIRECTS = 5


def shipped_model_paths() -> tuple[Path, ...]:
    """The shipped model files, in ``WEIGHTS_DIR``."""
    return tuple(WEIGHTS_DIR / name for name in SHIPPED_MODELS)


def megabytes(n: int) -> str:
    """``n`` bytes in MB (of 2**20 bytes), as the messages about a size limit write it: "25", "10.5"."""
    return f"{n / 2**20:.3g}"


def parse_fraction(name: str, value: str) -> float:
    """The setting ``name``'s ``value``, a share written as a number from 0 to 1 (``0.4``) or a percentage (``40%``).

    Raises:
        ValueError: ``value`` is neither; the message names the setting, for the person who set it.
    """
    try:
        number = float(value.rstrip("%")) / (100 if value.endswith("%") else 1)
    except ValueError:
        raise ValueError(f"{name} must be a number between 0 and 1 (or a percentage), got {value!r}.") from None
    if not 0 <= number <= 1:
        raise ValueError(f"{name} must be between 0 and 1 (or 0% and 100%), got {value}.")
    return number
