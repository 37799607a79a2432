"""`ChartClassifier`: the shipped LiteRT models (their probabilities averaged) behind a small, thread-safe API."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classifier import config
from classifier.errors import ModelError
from classifier.imaging import ImageSource, preprocess
from classifier.taxonomy import chart_types_by_id


@dataclass(frozen=True)
class Prediction:
    """One ranked chart type for an image."""

    label: str  # taxonomy id, e.g. "violin"
    name: str  # display name, e.g. "Violin plot"
    confidence: float  # probability in [0, 1]; all labels' confidences sum to 1

    def to_dict(self) -> dict[str, object]:
        """The prediction as the JSON answers give it, its confidence rounded to 4 decimals."""
        return {"label": self.label, "name": self.name, "confidence": round(self.confidence, 4)}


def _open_interpreter(model_path: Path, num_threads: int) -> object:
    from ai_edge_litert.interpreter import Interpreter  # imported here: it is the slow import

    try:
        interpreter = Interpreter(model_path=str(model_path), num_threads=num_threads)
        interpreter.allocate_tensors()
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"Can't load the model {model_path}: {exc}".strip()) from exc
    return interpreter


def _read_labels(labels_path: Path) -> list[str]:
    try:
        return labels_path.read_text("utf-8").split()
    except FileNotFoundError as exc:
        raise ModelError(f"The model's labels file {labels_path} doesn't exist: it belongs beside the model.") from exc
    except OSError as exc:
        raise ModelError(f"Can't read the model's labels {labels_path}: {exc.strerror or exc}.") from exc


class _Member:
    """One LiteRT model of the classifier, with the batch size its tensors are allocated for."""

    def __init__(self, interpreter: object) -> None:
        self.interpreter = interpreter
        input_detail = interpreter.get_input_details()[0]  # type: ignore[attr-defined]
        output_detail = interpreter.get_output_details()[0]  # type: ignore[attr-defined]
        self.input_index: int = input_detail["index"]
        self.input_size = int(input_detail["shape"][1])
        self.output_index: int = output_detail["index"]
        self.outputs = int(output_detail["shape"][-1])
        self.batch = 1

    def run(self, inputs: np.ndarray) -> np.ndarray:
        """The model's outputs for a float32 batch, its tensors resized first when the batch size changed."""
        if inputs.shape[0] != self.batch:
            self.interpreter.resize_tensor_input(self.input_index, inputs.shape)  # type: ignore[attr-defined]
            self.interpreter.allocate_tensors()  # type: ignore[attr-defined]
            self.batch = inputs.shape[0]
        self.interpreter.set_tensor(self.input_index, inputs)  # type: ignore[attr-defined]
        self.interpreter.invoke()  # type: ignore[attr-defined]
        return np.array(self.interpreter.get_tensor(self.output_index), dtype=np.float64)  # type: ignore[attr-defined]


class ChartClassifier:
    """Names the chart type of images with the shipped MobileNets (LiteRT flatbuffers, probabilities averaged).

    Use :meth:`load` to build one. :meth:`predict` may be called from several threads at once.
    """

    def __init__(self, interpreters: Sequence[object], labels: Sequence[str]) -> None:
        self._members = [_Member(interpreter) for interpreter in interpreters]
        self._lock = threading.Lock()
        self.labels: tuple[str, ...] = tuple(labels)
        self.input_size: int = self._members[0].input_size
        names = chart_types_by_id()
        unknown = [label for label in self.labels if label not in names]
        if unknown:
            raise ModelError(f"The model's labels are not in the taxonomy: {', '.join(unknown)}.")
        self._names = [names[label].name for label in self.labels]

    @classmethod
    def load(cls, path: str | Path | Sequence[str | Path] | None = None, num_threads: int | None = None) -> "ChartClassifier":
        """Load one model file, or several whose probabilities are averaged, each with the ``labels.txt``
        beside it (default: the shipped models). ``num_threads``: LiteRT's threads per model (default: the CPU
        count, at most 4).

        Raises:
            classifier.errors.ModelError: a model or its labels are missing, unreadable or don't match.
        """
        if path is None:
            model_paths = list(config.shipped_model_paths())
        else:
            model_paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
        if not model_paths:
            raise ModelError("No model file was given.")
        for model_path in model_paths:  # before the labels beside it, so that a mistyped path is named as such
            if not model_path.is_file():
                what = "isn't a file" if model_path.exists() else "doesn't exist"  # a folder, a pipe; or a typo
                raise ModelError(f"The model file {model_path} {what}.")
            if model_path.stat().st_size == 0:  # LiteRT's own words for it: "mmap of size 0 requested"
                raise ModelError(f"The model file {model_path} is empty.")
        labels_path = model_paths[0].with_name(config.LABELS_FILENAME)
        labels = _read_labels(labels_path)
        for other in {p.with_name(config.LABELS_FILENAME) for p in model_paths[1:]} - {labels_path}:
            if _read_labels(other) != labels:
                raise ModelError(
                    f"The models' labels differ: {other} and {labels_path}; "
                    "averaged models must name the same chart types in the same order."
                )
        num_threads = num_threads or min(4, os.cpu_count() or 1)  # the library's default is slower here
        interpreters = [_open_interpreter(model_path, num_threads) for model_path in model_paths]
        classifier = cls(interpreters, labels)
        for model_path, member in zip(model_paths, classifier._members):
            if member.outputs != len(labels):
                raise ModelError(
                    f"The model {model_path.name} has {member.outputs} outputs but {labels_path} lists {len(labels)} labels."
                )
            if member.input_size != classifier.input_size:
                raise ModelError(
                    f"The model {model_path.name} takes {member.input_size} px images, {model_paths[0].name} {classifier.input_size} px."
                )
        return classifier

    def probabilities(self, batch: np.ndarray) -> np.ndarray:
        """Class probabilities for a preprocessed uint8 batch of shape (n, size, size, 3)."""
        inputs = batch.astype(np.float32)
        with self._lock:
            return np.mean([member.run(inputs) for member in self._members], axis=0)

    def rank(self, probabilities: np.ndarray, top_k: int | None = config.DEFAULT_TOP_K) -> list[Prediction]:
        """The ``top_k`` most likely chart types (all of them for ``None``), best first."""
        probabilities = probabilities / probabilities.sum()
        order = np.argsort(-probabilities, kind="stable")[: top_k or None]
        return [Prediction(self.labels[i], self._names[i], float(probabilities[i])) for i in order]

    def predict(self, image: ImageSource, top_k: int | None = config.DEFAULT_TOP_K) -> list[Prediction]:
        """Rank the chart types of one image (bytes, a path, a file object or a PIL image).

        Raises:
            classifier.errors.ImageError: the input is not a usable image; the message says why.
            TypeError: ``image`` is a file opened in text mode (``open(path)`` without ``"rb"``).
        """
        return self.rank(self.probabilities(preprocess(image, self.input_size)[None])[0], top_k)

    def predict_many(
        self, images: Sequence[ImageSource], top_k: int | None = config.DEFAULT_TOP_K, batch_size: int = 16
    ) -> list[list[Prediction]]:
        """Rank many images, running the model on batches. Every image must be decodable."""
        results: list[list[Prediction]] = []
        for start in range(0, len(images), batch_size):
            batch = np.stack([preprocess(image, self.input_size) for image in images[start : start + batch_size]])
            results.extend(self.rank(p, top_k) for p in self.probabilities(batch))
        return results
