"""Top-1 on real charts as people post them: whatplot vs the reference model, in one process.

    python benchmarks/robustness.py [--every 1] [--manifest M --root R] [--model FILE ...]

Each labelled image (default: ``../shared/realcharts``, validation only) is classified as it is and
under the ways a chart changes on its way into a Discord channel: a small preview, heavy JPEG, a
grey-scale print, a dark theme, a screenshot of the chat around it, a phone photo of a screen, a
slight rotation, a chart small on a slide. The transforms are drawn here, independently of the
corpus generator's degradations, so they measure what the training augmentation has not shown
the model. ``--every 3`` takes every third image for a quicker run (~3 min on 2 cores).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classifier import ChartClassifier  # noqa: E402
from classifier.imaging import load_image  # noqa: E402
from training.config import REALCHARTS_DIR  # noqa: E402
from training.features import read_manifest  # noqa: E402
from training.reference import ReferenceModel  # noqa: E402

DISCORD_DARK = (49, 51, 56)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def preview(image: Image.Image) -> bytes:
    """Scaled down to 320 px on its longer side, as a chat preview saved and re-posted."""
    small = image.copy()
    small.thumbnail((320, 320))
    return _png(small)


def screenshot_in_chat(image: Image.Image) -> bytes:
    """Cropped from a screenshot of Discord's dark theme: chat-grey margins around the chart."""
    margin = int(0.15 * max(image.size))
    return _png(ImageOps.expand(image, border=margin, fill=DISCORD_DARK))


def on_a_slide(image: Image.Image) -> bytes:
    """Small on a white slide under a coloured title bar: about a quarter of the picture."""
    width, height = image.size
    slide = Image.new("RGB", (int(width * 2.2), int(height * 1.6)), "white")
    ImageDraw.Draw(slide).rectangle([0, 0, slide.width, int(height * 0.25)], fill=(30, 60, 120))
    slide.paste(image, (int(width * 0.1), int(height * 0.45)))
    return _png(slide)


def phone_photo(image: Image.Image, rng: np.random.Generator) -> bytes:
    """A phone photo of a screen: skewed perspective, uneven warm light, sensor noise, blur, JPEG."""
    width, height = image.size
    corners = np.array([(0, 0), (width, 0), (width, height), (0, height)], float)
    inwards = np.array([(1, 1), (-1, 1), (-1, -1), (1, -1)])
    seen_at = corners + inwards * 0.08 * rng.random((4, 2)) * (width, height)  # each corner moved in by up to 8%
    rows = []  # the 8 equations of the perspective map from the photo's corners to the chart's
    for (x, y), (X, Y) in zip(seen_at, corners, strict=True):
        rows += [([x, y, 1, 0, 0, 0, -X * x, -X * y], X), ([0, 0, 0, x, y, 1, -Y * x, -Y * y], Y)]
    coefficients = np.linalg.solve(np.array([r for r, _ in rows], float), np.array([v for _, v in rows], float))
    photo = image.transform(image.size, Image.Transform.PERSPECTIVE, tuple(coefficients), Image.Resampling.BILINEAR, fillcolor=(60, 55, 50))
    light = np.linspace(0.75, 1.05, width)[None, :, None] * np.array([1.0, 0.97, 0.9])
    pixels = np.asarray(photo, dtype=float) * light + rng.normal(0, 6, (height, width, 3))
    blurred = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.0))
    return _jpeg(blurred, 70)


def conditions(rng: np.random.Generator) -> dict[str, Callable[[Image.Image], bytes]]:
    """Name → transform of an RGB image into the bytes a user would post."""
    return {
        "preview, 320 px": preview,
        "JPEG quality 25": lambda image: _jpeg(image, 25),
        "grey-scale": lambda image: _png(ImageOps.grayscale(image)),
        "inverted (dark theme)": lambda image: _png(ImageOps.invert(image)),
        "screenshot in chat": screenshot_in_chat,
        "phone photo of a screen": lambda image: phone_photo(image, rng),
        "rotated 4°": lambda image: _png(image.rotate(4, expand=True, fillcolor="white")),
        "small on a slide": on_a_slide,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", type=Path, default=REALCHARTS_DIR / "manifest.tsv")
    parser.add_argument("--root", type=Path, default=None, help="folder the manifest's paths are relative to (default: its own)")
    parser.add_argument("--every", type=int, default=1, help="take every Nth image")
    parser.add_argument("--model", type=Path, action="append", default=[], help="a .tflite file instead of the shipped pair (repeatable: averaged)")
    args = parser.parse_args()
    ours, reference = ChartClassifier.load(args.model or None), ReferenceModel()
    items = read_manifest(args.manifest, args.root)[:: max(1, args.every)]
    images = [load_image(item.path) for item in items]  # RGB, transparency flattened as served
    known = [item.label in reference.labels for item in items]
    print(f"{len(items)} images, {sum(known)} of the reference's 14 types")
    print(f"{'condition':<26}{'whatplot':>10}{'whatplot, 14 types':>20}{'reference, 14 types':>21}")
    runs = [("as posted", None), *conditions(np.random.default_rng(0)).items()]
    for name, transform in runs:
        if transform is None:  # the file's own bytes
            posted = [item.path.read_bytes() for item in items]
        else:
            posted = [transform(image) for image in tqdm(images, desc=name, unit="img", leave=False)]
        ours_right = np.array([p[0].label == item.label for p, item in zip(ours.predict_many(posted, top_k=1), items, strict=True)])
        theirs_right = [reference.predict_label(data) == item.label for data, item, k in zip(posted, items, known, strict=True) if k]
        print(f"{name:<26}{ours_right.mean():>10.3f}{ours_right[known].mean():>20.3f}{np.mean(theirs_right):>21.3f}")


if __name__ == "__main__":
    main()
