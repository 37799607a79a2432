"""Resuming an evaluation: keep each image's results as they are made, so that a `whatplot evaluate` stopped part way
(Ctrl-C, SIGTERM, a crash, a full disk) goes on where it stopped when it runs again into the same folder.

What is kept: in :data:`PROGRESS_FILE` in the output folder, each result with what made it (:func:`model_key`: the
model's files and the code and libraries that decode the images, :func:`decoding_key`) and which image it is for
(:func:`image_key`: the manifest row and the file's size and modification time). A kept result is reused only while
all of these are unchanged (see :class:`Progress`); ``--fresh`` reuses none.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

import classifier as classifier_package
from training import reference
from training.features import LabelledImage
from training.files import digest, write_atomically


#: The file in the output folder that keeps each image's results while an evaluation runs (see :class:`Progress`).
PROGRESS_FILE = "progress.jsonl"

#: :meth:`Progress.get`'s answer for an image it holds no result of.
NOT_DONE = object()


class Progress:
    """The results an evaluation has made so far, kept in ``path`` as they are made, so that an evaluation stopped by
    Ctrl-C, SIGTERM, a crash or a full disk goes on where it stopped when it runs again into the same folder.

    One JSON object a line, appended and flushed a batch at a time: ``by``, what made the result (:func:`model_key`: a
    name, ``model`` for ours or ``reference``, the SHA-256 of the model's files and that of the code that decodes the
    images and runs it), ``image``, the image's key (:func:`image_key`: the manifest row's path and label, the file's
    size and modification time) and ``result``. A result is reused only for the same ``by`` and ``image``: a changed
    model, decoder, manifest row or image file is measured again. No result is kept for an image that couldn't be read
    (``None``): a fixed permission or a missing file put back leaves its modification time as it was, and reading it
    again is cheap. Opening it keeps the lines still valid (none where ``fresh``) and drops the rest, a line cut short
    too.
    """

    def __init__(self, path: Path, images: Sequence[str], makers: Iterable[str], fresh: bool = False) -> None:
        self.path, self.images = path, images
        self._results: dict[tuple[str, str], object] = {} if fresh else _read_progress(path, set(makers), set(images))
        write_atomically(path, "".join(_progress_line(by, image, result) for (by, image), result in self._results.items()))
        self._file = path.open("a", encoding="utf-8")

    def get(self, by: str, i: int) -> object:
        """The result ``by`` made for image ``i`` (an index into ``images``), or :data:`NOT_DONE`."""
        return self._results.get((by, self.images[i]), NOT_DONE)

    def done(self, by: str) -> int:
        """How many of the images have a result made by ``by``."""
        return sum((by, image) in self._results for image in self.images)

    def add(self, by: str, results: Iterable[tuple[int, object]]) -> None:
        """Keep the ``(i, result)`` pairs that ``by`` made, on disk before this returns."""
        lines = []
        for i, result in results:
            self._results[(by, self.images[i])] = result
            lines.append(_progress_line(by, self.images[i], result))
        try:
            self._file.write("".join(lines))
            self._file.flush()
        except OSError as exc:  # a full disk: name the file (the command's message would blame standard output)
            exc.filename = exc.filename or str(self.path)
            raise

    def close(self) -> None:
        try:
            self._file.close()
        except OSError:  # a full disk, already reported by add(): the lines it couldn't write are measured again next time
            pass

    def remove(self) -> None:
        """Closed and deleted: the evaluation's outputs are written, and a new run measures every image again."""
        self.close()
        self.path.unlink(missing_ok=True)


def image_key(item: LabelledImage) -> str:
    """What a result of :class:`Progress` is kept for: the image's absolute path and its label, and the file's size and
    modification time (none where it can't be read: a result made while it was missing is not reused once it's there)."""
    try:
        stat = item.path.stat()
        made = [stat.st_size, stat.st_mtime_ns]
    except OSError:
        made = None
    return json.dumps([os.path.abspath(item.path), item.label, made])  # a path that isn't UTF-8 as \udcxx escapes


def model_key(name: str, files: Iterable[Path]) -> str:
    """``name``, the SHA-256 of the model ``files`` and :func:`decoding_key`: the ``by`` of the results :class:`Progress`
    keeps. Raises OSError where a file can't be read."""
    return f"{name}:{digest(files)}:{decoding_key()}"


#: The libraries that decode the images and run the models: a result is valid for their versions.
DECODING_PACKAGES = ("pillow", "pyspng", "numpy", "ai-edge-litert")


def decoding_key() -> str:
    """A SHA-256 (its first 16 digits) of what turns an image file into a model's answer besides the model: the source
    of the ``classifier`` package (the decoding, for ours), of :mod:`training.reference` (the reference model's own
    pipeline), the taxonomy (how the reference's classes map to ours), and the versions of :data:`DECODING_PACKAGES`.
    A result made before any of them changed is not reused (a decoder that now reads an image it couldn't, say)."""
    package = Path(classifier_package.__file__).parent
    sources = [*sorted(package.glob("*.py")), *sorted(package.glob("data/*.json")), Path(reference.__file__)]
    sha = hashlib.sha256(digest(sources).encode())
    for name in DECODING_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        sha.update(f"\n{name} {version}".encode())
    return sha.hexdigest()[:16]


def reference_key() -> str:
    """The reference model's :func:`model_key`, or "" where it isn't installed or its files can't be read."""
    if not reference.is_installed():
        return ""
    try:
        return model_key("reference", reference.model_files())
    except OSError:  # its labels.txt missing, say: a run that compares says so (see training.evaluate's _reference_unusable)
        return ""


def _progress_line(by: str, image: str, result: object) -> str:
    return json.dumps({"by": by, "image": image, "result": result}) + "\n"


def _read_progress(path: Path, makers: set[str], images: set[str]) -> dict[tuple[str, str], object]:
    """The results in ``path`` (see :class:`Progress`) made by one of ``makers`` for one of ``images``."""
    results: dict[tuple[str, str], object] = {}
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return results
    for line in lines:
        try:
            row = json.loads(line)
            by, image, result = row["by"], row["image"], row["result"]
        except (ValueError, TypeError, KeyError):  # cut short by a crash or a full disk, or not one of ours
            continue
        if by in makers and image in images and result is not None:  # None: unreadable (kept by an earlier version)
            results[(by, image)] = result
    return results
