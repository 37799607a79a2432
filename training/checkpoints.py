"""A training stage's progress on disk: a checkpoint after every epoch to resume from, and the epoch log
(``training_log.csv``). Each file is written whole or not at all (:mod:`training.files`)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import keras

from training.files import write_atomically

LOG_COLUMNS = ("stage", "epoch", "loss", "accuracy", "val_loss", "val_accuracy")


def save_weights(model: keras.Model, path: Path) -> None:
    """``model.save_weights(path)`` written whole or not at all: a run killed while saving keeps the earlier file."""
    partial = path.with_name(path.name.removesuffix(".weights.h5") + ".partial.weights.h5")
    model.save_weights(str(partial))
    os.replace(partial, path)


class StageCheckpoint(keras.callbacks.Callback):
    """After every epoch, the model's weights (with the optimizer's state, so the learning-rate schedule goes on where
    it was) and how many epochs are done, in ``folder``; each file is written whole (see :func:`save_weights`)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        save_weights(self.model, self.folder / "latest.weights.h5")
        write_atomically(self.folder / "training_metadata.json", json.dumps({"epoch": epoch + 1}))


def restore_checkpoint(model: keras.Model, folder: Path) -> int:
    """Load a stage's checkpoint (see :class:`StageCheckpoint`) into the compiled ``model``; returns the epochs it
    had done, 0 when there is none. Raises ``ValueError`` for a checkpoint that can't be read."""
    weights, metadata = folder / "latest.weights.h5", folder / "training_metadata.json"
    if not weights.exists() or not metadata.exists():
        return 0
    try:
        done = int(json.loads(metadata.read_text())["epoch"])
        if not model.optimizer.built:
            model.optimizer.build(model.trainable_variables)
        model.load_weights(str(weights))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(str(exc).split("\n")[0]) from exc
    return done


class EpochLog(keras.callbacks.Callback):
    """One row per finished epoch in ``training_log.csv``: the stage, the epoch (from 1), loss and accuracy, and the
    validation split's (``NA`` where an epoch is not validated)."""

    def __init__(self, path: Path, stage: str) -> None:
        super().__init__()
        self.path, self.stage = path, stage

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        row = [self.stage, str(epoch + 1), *(f"{logs[key]:.6g}" if key in logs else "NA" for key in LOG_COLUMNS[2:])]
        new = not self.path.exists()
        with self.path.open("a", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            if new:
                writer.writerow(LOG_COLUMNS)
            writer.writerow(row)


def forget_logged_epochs(path: Path, stage: str, kept: int) -> None:
    """Drop the rows of ``stage`` after epoch ``kept`` from the log: epochs whose weights the run no longer has
    (stopped before its checkpoint was saved, or a checkpoint that had to be thrown away), trained again now."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    old_format = reader.fieldnames != list(LOG_COLUMNS)
    if old_format:  # an earlier version's log (Keras's CSVLogger): epochs from 0, no stage
        rows = [{**row, "stage": "?", "epoch": str(int(row.get("epoch") or 0) + 1)} for row in rows]
    kept_rows = [row for row in rows if not (row.get("stage") == stage and int(row.get("epoch") or 0) > kept)]
    if old_format or len(kept_rows) != len(rows):
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(LOG_COLUMNS)
        writer.writerows([row.get(column) or "NA" for column in LOG_COLUMNS] for row in kept_rows)
        write_atomically(path, text.getvalue())
