"""What Keras trains on: batches of cached stem features, or of whole images, with their targets
(one-hot labels, or distillation targets)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import keras
import numpy as np

from training.features import LabelledImage, model_input_of, view_jobs


class FeatureBatches(keras.utils.PyDataset):
    """Batches of cached stem features with their targets (one row of class probabilities each), reshuffled every epoch."""

    def __init__(self, features: np.ndarray, targets: np.ndarray, batch_size: int, shuffle: bool, seed: int) -> None:
        super().__init__()
        self.features, self.targets = features, targets
        self.batch_size, self.shuffle = batch_size, shuffle
        self._rng = np.random.default_rng(seed)
        self._order = self._rng.permutation(len(targets)) if shuffle else np.arange(len(targets))

    def __len__(self) -> int:
        return math.ceil(len(self.targets) / self.batch_size)

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        rows = np.sort(self._order[index * self.batch_size : (index + 1) * self.batch_size])
        return self.features[rows].astype(np.float32), self.targets[rows]

    def on_epoch_end(self) -> None:
        if self.shuffle:
            self._order = self._rng.permutation(len(self.targets))


class ImageBatches(keras.utils.PyDataset):
    """Batches of model inputs made from the image files, as the serving path makes them, with one-hot labels
    (or, given ``targets``, one row of those per image: distillation targets).

    For training (``shuffle=True``) every view is augmented and every epoch draws new views in a new
    order (a resumed stage too: see :meth:`start_at_epoch`). For validation the views are those of the feature
    cache: view 0 clean, the rest augmented.
    Images are decoded in ``workers`` threads while the model trains on the previous batch.
    """

    def __init__(
        self,
        items: Sequence[LabelledImage],
        label_index: dict[str, int],
        views: int,
        size: int,
        batch_size: int,
        shuffle: bool,
        seed: int,
        workers: int = 1,
        targets: np.ndarray | None = None,
    ) -> None:
        super().__init__(workers=workers, use_multiprocessing=False)
        self.items, self.views, self.size = items, views, size
        self.batch_size, self.shuffle, self.seed = batch_size, shuffle, seed
        self.labels = np.repeat([label_index[item.label] for item in items], views)
        self.targets = np.repeat(targets, views, axis=0) if targets is not None else keras.utils.to_categorical(self.labels, len(label_index))
        self._epoch = 0
        self._new_epoch()

    def _new_epoch(self) -> None:
        # training views never repeat the feature cache's seeds, nor an earlier epoch's
        seed = self.seed + 7_919 * (self._epoch + 1) if self.shuffle else self.seed
        self._jobs = view_jobs(self.items, self.views, self.size, seed, first_view_clean=not self.shuffle)
        rng = np.random.default_rng(seed)
        self._order = rng.permutation(len(self._jobs)) if self.shuffle else np.arange(len(self._jobs))

    def start_at_epoch(self, epoch: int) -> None:
        """Serve epoch ``epoch``'s views (from 0) next: a resumed stage goes on with new ones, not the first epoch's."""
        self._epoch = epoch
        self._new_epoch()

    def __len__(self) -> int:
        return math.ceil(len(self._jobs) / self.batch_size)

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        rows = self._order[index * self.batch_size : (index + 1) * self.batch_size]
        pixels = np.stack([model_input_of(self._jobs[row]) for row in rows]).astype(np.float32)
        return pixels, self.targets[rows]

    def on_epoch_end(self) -> None:
        if self.shuffle:
            self._epoch += 1
            self._new_epoch()
