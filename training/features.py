"""Labelled image lists, training-time augmentation, and the cache of frozen-stem features.

Every image goes through the serving path (``classifier.imaging.preprocess``'s two steps); an augmented view is the
decoded picture (``classifier.imaging.load_image``) varied as a person's screenshot would vary in between.
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageOps
from tqdm import tqdm

from classifier.errors import BlankImage, WhatplotError
from classifier.imaging import input_from_picture, load_image
from training.files import write_atomically
from training.signals import leave_interrupts_to_the_main_process


class UnreadableImage(ValueError):
    """An image of a labelled set that can't be decoded; the message names the file and why."""


@dataclass(frozen=True)
class LabelledImage:
    """One image file of a labelled set, with its label (a taxonomy id, or as the set names it)."""

    path: Path
    label: str
    #: Where it came from: the corpus renderer that drew it (``library:function``), or the ``source``
    #: column of another labelled set (the tool or collection it was taken from); may be empty.
    source: str = ""


class ManifestError(ValueError):
    """A labelled image list that can't be read as one; the message says why, for the person who wrote it."""


#: The columns of a manifest without a header row.
HEADERLESS_COLUMNS = ("path", "label", "source")


def read_manifest(manifest: Path, root: Path | None = None) -> list[LabelledImage]:
    """Rows of a TSV with ``path`` and ``label`` columns (and ``renderer`` or ``source``, if it has one);
    relative paths are relative to ``root`` (default: its folder).

    The header row may be left out (the columns are then path, label and source); a UTF-8 BOM, CRLF line
    ends, blank lines, lines starting with ``#`` and Windows paths (``sub\\b.png``) are fine. Raises
    :class:`ManifestError` for a file that can't be read, isn't tab-separated, has a header without path and
    label columns, or a row without a label.
    """
    root = manifest.parent if root is None else root
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"can't read the manifest {manifest}: {getattr(exc, 'strerror', None) or exc}") from exc
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        return []
    rows = [(n, next(csv.reader([line], delimiter="\t"))) for n, line in numbered]
    first = [cell.strip().lower() for cell in rows[0][1]]
    if "path" in first and "label" in first:
        columns, rows = first, rows[1:]
    elif len(first) < 2:
        hint = " (it looks comma-separated: put a tab between the columns)" if "," in numbered[0][1] else ""
        raise ManifestError(f"{manifest} is not a tab-separated list of paths and labels{hint}")
    elif not Path(first[0]).suffix and Path(first[1]).suffix:
        raise ManifestError(f"{manifest}, line {rows[0][0]}: a label, then a path; without a header row the path comes first")
    elif not Path(first[0]).suffix:
        raise ManifestError(f"{manifest}: the header row ({', '.join(first)}) names no path and label columns")
    else:
        columns = list(HEADERLESS_COLUMNS)
    items = []
    for number, cells in rows:
        row = dict(zip(columns, (cell.strip() for cell in cells)))
        if not row.get("path") or not row.get("label"):
            raise ManifestError(f"{manifest}, line {number}: needs a path and a label, separated by a tab")
        path = row["path"].replace("\\", "/")  # a manifest made on Windows: a\b.png is a/b.png, not one name
        items.append(LabelledImage(root / path, row["label"], row.get("renderer") or row.get("source") or ""))
    return items


def split_train_val(items: Sequence[LabelledImage], val_fraction: float, seed: int) -> tuple[list[LabelledImage], list[LabelledImage]]:
    """A deterministic split that keeps every label's share the same in both parts."""
    rng = np.random.default_rng(seed)
    train: list[LabelledImage] = []
    val: list[LabelledImage] = []
    for label in sorted({item.label for item in items}):
        group = sorted((item for item in items if item.label == label), key=lambda item: str(item.path))
        order = rng.permutation(len(group))
        n_val = max(1, round(len(group) * val_fraction)) if len(group) > 1 else 0
        val += [group[i] for i in order[:n_val]]
        train += [group[i] for i in order[n_val:]]
    return train, val


def augment(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A random variation of a chart as people post it: cropped, padded, stretched, recoloured (or in a dark theme), blurred, scaled down and up."""
    width, height = image.size
    if rng.random() < 0.5:  # crop, sometimes cutting titles or axes
        keep_w, keep_h = rng.uniform(0.75, 1.0, size=2)
        left, top = rng.uniform(0, 1 - keep_w) * width, rng.uniform(0, 1 - keep_h) * height
        image = image.crop((int(left), int(top), int(left + keep_w * width), int(top + keep_h * height)))
    if rng.random() < 0.2:  # margins
        border = tuple(int(v) for v in rng.integers(0, 256, size=3)) if rng.random() < 0.3 else (255, 255, 255)
        image = ImageOps.expand(image, border=int(rng.integers(4, max(5, min(image.size) // 6))), fill=border)
    if rng.random() < 0.3:  # aspect stretch
        sx, sy = rng.uniform(0.8, 1.25, size=2)
        image = image.resize((max(16, int(image.width * sx)), max(16, int(image.height * sy))), Image.Resampling.BILINEAR)
    if rng.random() < 0.5:
        image = ImageEnhance.Brightness(image).enhance(rng.uniform(0.75, 1.2))
        image = ImageEnhance.Contrast(image).enhance(rng.uniform(0.7, 1.3))
        image = ImageEnhance.Color(image).enhance(rng.uniform(0.5, 1.4))
    if rng.random() < 0.08:
        image = ImageOps.grayscale(image).convert("RGB")
    elif rng.random() < 0.1:
        image = dark_theme(image, floor=int(rng.integers(0, 48)))
    if rng.random() < 0.15:
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.2)))
    if rng.random() < 0.2:  # low resolution, scaled back up
        factor = rng.uniform(0.3, 0.7)
        small = image.resize((max(16, int(image.width * factor)), max(16, int(image.height * factor))), Image.Resampling.BILINEAR)
        image = small.resize(image.size, Image.Resampling.BILINEAR)
    return image


def dark_theme(image: Image.Image, floor: int = 0) -> Image.Image:
    """The picture as a dark theme draws it: lightness inverted, hues kept, so a white canvas becomes ``floor`` grey."""
    y, cb, cr = image.convert("YCbCr").split()
    y = y.point(lambda v: 255 - v * (255 - floor) // 255)
    return Image.merge("YCbCr", (y, cb, cr)).convert("RGB")


def model_input(path: Path, size: int, seed: int | None) -> np.ndarray:
    """The model's input for one image file, made by the serving path (:func:`classifier.imaging.preprocess`'s
    steps: :func:`~classifier.imaging.load_image`, then :func:`~classifier.imaging.input_from_picture`): the file as served
    when ``seed`` is None, else its decoded picture augmented with ``seed`` in between.

    Raises:
        classifier.errors.ImageError: for a picture serving refuses, a blank one included (an augmented view that is
            blank where the picture is not is that picture as served instead).
    """
    picture = load_image(path, min_side=size)
    if seed is None:
        return input_from_picture(picture, size)
    try:
        return input_from_picture(augment(picture, np.random.default_rng(seed)), size)
    except BlankImage:  # a crop that missed every mark (none in 10,000 views of data/m1, but a run makes 200,000)
        return input_from_picture(picture, size)


#: Model inputs run through the network at a time while the cache is filled.
CACHE_BATCH_SIZE = 64
#: One model input to make: (image path, input size, augmentation seed or None for the image as served).
ViewJob = tuple[str, int, int | None]


def view_jobs(items: Sequence[LabelledImage], views: int, size: int, seed: int, first_view_clean: bool = True) -> list[ViewJob]:
    """``views`` inputs per image, image by image: job ``i * views + v`` is view ``v`` of image ``i``.

    View 0 is the un-augmented image unless ``first_view_clean`` is False; the others are augmented
    with seeds derived from ``seed``, so the same arguments always give the same pictures.
    """
    return [
        (str(item.path), size, None if v == 0 and first_view_clean else seed * 1_000_003 + i * views + v)
        for i, item in enumerate(items)
        for v in range(views)
    ]


def model_input_of(job: ViewJob) -> np.ndarray:
    """:func:`model_input` for one :data:`ViewJob`; raises :class:`UnreadableImage` naming an image that can't be read."""
    try:
        return model_input(Path(job[0]), job[1], job[2])
    except (WhatplotError, OSError) as exc:
        reason = exc.message if isinstance(exc, WhatplotError) else exc.strerror or str(exc)
        raise UnreadableImage(f"{job[0]}: {reason}") from None


def cache_features(stem: object, items: Sequence[LabelledImage], views: int, size: int, out_path: Path, seed: int, workers: int = 1) -> np.ndarray:
    """Run the frozen stem (a Keras model) over ``views`` versions of every image and keep the outputs
    (float16) on disk; see :func:`cache_outputs`."""
    shape = tuple(int(d) for d in stem.output.shape[1:])  # type: ignore[attr-defined]
    return cache_outputs(lambda batch: stem(batch, training=False), shape, items, views, size, out_path, seed, workers)  # type: ignore[operator]


def cache_outputs(
    compute: Callable[[np.ndarray], object],
    output_shape: tuple[int, ...],
    items: Sequence[LabelledImage],
    views: int,
    size: int,
    out_path: Path,
    seed: int,
    workers: int = 1,
) -> np.ndarray:
    """Run ``compute`` (a batch of model inputs → a batch of outputs of ``output_shape``) over ``views``
    versions of every image and keep the outputs (float16) on disk.

    Row ``i * views + v`` holds view ``v`` of image ``i``; view 0 is the un-augmented image. The
    cache resumes where an interrupted run stopped, and keeps its rows when images are added at the end
    of the list (progress is in ``<out_path>.json``).
    """
    progress_path = out_path.with_suffix(".json")
    jobs = view_jobs(items, views, size, seed)
    key = _views_key(jobs)
    try:
        progress = json.loads(progress_path.read_text()) if progress_path.exists() and out_path.exists() else {}
    except ValueError:  # written by hand, or half-written by an older version: compute the cache afresh
        progress = {}
    # Rows stay valid while the views they were made for are still the first ones of the list: an interrupted
    # run resumes, a list grown at the end (an extra corpus) computes only its new rows, anything else starts afresh.
    n_cached = progress.get("views", 0)
    cached_key = key if n_cached == len(jobs) else _views_key(jobs[:n_cached])
    done = progress.get("rows", 0) if 0 < n_cached <= len(jobs) and progress.get("key") == cached_key else 0
    if done == len(jobs):
        return np.load(out_path, mmap_mode="r")
    outputs = _open_rows(out_path, done, (len(jobs), *output_shape))
    with (
        multiprocessing.get_context("spawn").Pool(workers, initializer=leave_interrupts_to_the_main_process) as pool,
        tqdm(total=len(jobs), initial=done, desc=out_path.stem, unit="img") as bar,
    ):
        inputs = pool.imap(model_input_of, jobs[done:], chunksize=8)
        for start in range(done, len(jobs), CACHE_BATCH_SIZE):
            stop = min(start + CACHE_BATCH_SIZE, len(jobs))
            batch = np.stack([next(inputs) for _ in range(start, stop)]).astype(np.float32)
            outputs[start:stop] = np.asarray(compute(batch), dtype=np.float16)
            outputs.flush()
            write_atomically(progress_path, json.dumps({"rows": stop, "views": len(jobs), "key": key}))
            bar.update(stop - start)
    return np.load(out_path, mmap_mode="r")


def _views_key(jobs: list[ViewJob]) -> str:
    """A digest of ``jobs``: the cache's rows are valid only for the views they were made for."""
    return hashlib.sha256(json.dumps(jobs).encode()).hexdigest()


def _open_rows(path: Path, keep: int, shape: tuple[int, ...]) -> np.memmap:
    """A float16 array file of ``shape`` at ``path`` whose first ``keep`` rows are the ones already there."""
    if not keep:
        return np.lib.format.open_memmap(path, mode="w+", dtype=np.float16, shape=shape)
    cached = np.load(path, mmap_mode="r")
    if cached.shape == shape:
        return np.lib.format.open_memmap(path, mode="r+")
    grown_path = path.with_suffix(".grown.npy")
    grown = np.lib.format.open_memmap(grown_path, mode="w+", dtype=np.float16, shape=shape)
    for start in range(0, keep, 4096):
        grown[start : min(start + 4096, keep)] = cached[start : min(start + 4096, keep)]
    grown.flush()
    grown_path.replace(path)
    return grown
