"""Distillation targets: what earlier models (the teachers) say about every training image.

A student trained towards the averaged probabilities of several models learns which chart types look
alike, not only the one right answer, and can come close to the ensemble at the cost of one model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from classifier.errors import ModelError
from classifier.model import ChartClassifier
from training.features import LabelledImage, cache_outputs


def teacher_probabilities(
    teachers: Sequence[Path], items: Sequence[LabelledImage], labels: Sequence[str], run_dir: Path, workers: int = 1
) -> np.ndarray:
    """The teachers' averaged calibrated probabilities for every image as served (un-augmented), in the order of ``labels``.

    Cached in ``run_dir`` (resumable) under a name drawn from the teachers' contents.

    Raises:
        classifier.errors.ModelError: a teacher can't be loaded, or names other labels (or another order) than ``labels``.
    """
    ensemble = ChartClassifier.load(list(teachers))
    if ensemble.labels != tuple(labels):
        raise ModelError(f"The teachers name other chart types, or in another order, than the taxonomy: {' '.join(ensemble.labels)}")
    digest = hashlib.sha256(b"".join(hashlib.sha256(Path(t).read_bytes()).digest() for t in teachers)).hexdigest()[:12]
    cache = run_dir / f"teachers_{ensemble.input_size}px_{digest}.npy"
    return cache_outputs(ensemble.probabilities, (len(labels),), items, 1, ensemble.input_size, cache, seed=0, workers=workers)


def distillation_targets(probabilities: np.ndarray, label_ids: np.ndarray, teacher_weight: float, temperature: float = 1.0) -> np.ndarray:
    """Training targets: ``teacher_weight`` of the teachers' probabilities and the rest on the true label (rows sum to 1).

    A ``temperature`` above 1 softens the teachers first (probabilities raised to ``1 / temperature``, renormalised):
    their runners-up then weigh more against their confident first choice.
    """
    one_hot = np.eye(probabilities.shape[1], dtype=np.float32)[label_ids]
    soft = np.maximum(np.asarray(probabilities, dtype=np.float32), 1e-8) ** (1 / temperature)
    soft = soft / soft.sum(axis=1, keepdims=True)  # also undoes the float16 cache's rounding
    return teacher_weight * soft + (1 - teacher_weight) * one_hot
