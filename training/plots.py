"""PNG plots people look at: confusion matrices and contact sheets."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

THUMB = 160


def save_confusion_matrix(truth: np.ndarray, predicted: np.ndarray, names: Sequence[str], indices: Sequence[int], path: Path) -> None:
    """Row-normalised confusion matrix over the classes ``indices`` (named ``names``)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    position = {index: k for k, index in enumerate(indices)}
    matrix = np.zeros((len(indices), len(indices) + 1))
    for t, p in zip(truth, predicted):
        matrix[position[t], position.get(p, len(indices))] += 1
    matrix = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    size = 4 + 0.28 * len(names)
    fig, ax = plt.subplots(figsize=(size + 1, size), dpi=100)
    ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(names) + 1), [*names, "(other)"], rotation=90, fontsize=7)
    ax.set_yticks(range(len(names)), names, fontsize=7)
    for (row, col), value in np.ndenumerate(matrix):
        if value >= 0.05:
            ax.text(col, row, f"{value:.0%}"[:-1], ha="center", va="center", fontsize=5, color="white" if value > 0.5 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"Confusion matrix (row-normalised, {len(truth)} images)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def save_contact_sheet(paths: Sequence[Path], captions: Sequence[str], path: Path, columns: int = 8) -> None:
    """A grid of thumbnails with a caption under each."""
    rows = max(1, -(-len(paths) // columns))
    sheet = Image.new("RGB", (columns * THUMB, rows * (THUMB + 16)), "white")
    draw = ImageDraw.Draw(sheet)
    for k, (image_path, caption) in enumerate(zip(paths, captions)):
        x, y = (k % columns) * THUMB, (k // columns) * (THUMB + 16)
        try:
            with Image.open(image_path) as image:
                image.thumbnail((THUMB - 4, THUMB - 4))
                sheet.paste(image.convert("RGB"), (x + 2, y + 2))
        except OSError:
            draw.text((x + 4, y + 4), "unreadable", fill="red")
        draw.text((x + 2, y + THUMB), caption[:30], fill="black")
    sheet.save(path)
