"""The reference project's model ("The Plot Classifier"), run its own way, to measure against.

Its LiteRT file is in ``../shared/baselines/plot-classifier``: MobileNetV2 (alpha 0.35), 14 classes,
input from ``ImageOps.fit(img, (224, 224))`` scaled as ``x / 127 - 1``.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from classifier.config import MAX_IMAGE_BYTES
from classifier.taxonomy import load_taxonomy
from training.config import SHARED_DIR

REFERENCE_DIR = SHARED_DIR / "baselines" / "plot-classifier"
MODEL_FILE = "keras_model.tflite"
LABELS_FILE = "labels.txt"


def is_installed() -> bool:
    """Whether the reference model is in :data:`REFERENCE_DIR`: beside this repository, in ``../shared``, not in an install."""
    return (REFERENCE_DIR / MODEL_FILE).is_file()


def model_files() -> list[Path]:
    """The files :class:`ReferenceModel` reads from :data:`REFERENCE_DIR`: its answers are valid for these files'
    contents."""
    return [REFERENCE_DIR / MODEL_FILE, REFERENCE_DIR / LABELS_FILE]


#: What loading a damaged or incomplete reference model raises: a file missing or unreadable (OSError), a model that
#: isn't a flatbuffer (LiteRT's ValueError or RuntimeError), a labels.txt of other lines (IndexError, KeyError).
LOAD_ERRORS = (OSError, ValueError, RuntimeError, IndexError, KeyError)


class ReferenceModel:
    """The reference model with the reference preprocessing; ``predict_label`` returns our taxonomy id."""

    def __init__(self) -> None:
        from ai_edge_litert.interpreter import Interpreter

        model_file, labels_file = model_files()
        self._interpreter = Interpreter(model_path=str(model_file))
        self._interpreter.allocate_tensors()
        self._input = self._interpreter.get_input_details()[0]["index"]
        self._output = self._interpreter.get_output_details()[0]["index"]
        by_reference_class = {t.reference_class: t.id for t in load_taxonomy() if t.reference_class}
        names = [line.split(" ", 1)[1] for line in labels_file.read_text().splitlines() if line.strip()]
        self.labels = [by_reference_class[_match_reference_name(name, by_reference_class)] for name in names]

    def predict_label(self, data: bytes) -> str:
        """Bytes → the reference's top class, as our taxonomy id (its own pipeline, end to end)."""
        image = Image.open(io.BytesIO(data)).convert("RGB")
        fitted = ImageOps.fit(image, (224, 224))
        scores = self.scores(np.asarray(fitted, dtype=np.float32) / 127.0 - 1.0)
        return self.labels[int(np.argmax(scores))]

    def predict_file(self, path: Path) -> str | None:
        """The reference's top class for the image file ``path``, or None where its pipeline can't read it: not a
        regular file (a pipe would block, ``/dev/zero`` never end), over the 25 MB limit, or refused by Pillow."""
        try:
            if not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
                return None
            return self.predict_label(path.read_bytes())
        except Exception:  # noqa: BLE001 - Pillow raises more than OSError: DecompressionBombError, SyntaxError, ValueError
            return None

    def scores(self, x: np.ndarray) -> np.ndarray:
        """The network alone: its class scores for one input already preprocessed its way (224×224×3, in [-1, 1])."""
        self._interpreter.set_tensor(self._input, np.asarray(x, dtype=np.float32)[None])
        self._interpreter.invoke()
        return self._interpreter.get_tensor(self._output)[0]


def _match_reference_name(name: str, classes: dict[str, str]) -> str:
    """The reference class of ``classes`` (the taxonomy's ``reference_class`` values) that a labels.txt
    name ("Vertical Bar Plot", "Doughnut") starts with."""
    for reference_class in classes:
        if name.lower().startswith(reference_class.lower()):
            return reference_class
    raise ValueError(f"reference class {name!r} is not in the taxonomy")
