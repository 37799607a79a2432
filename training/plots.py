"""PNG plots people look at: confusion matrices and contact sheets, each written whole or not at all
(:func:`training.files.write_atomically`): a run stopped while saving one keeps the earlier file."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from training.files import write_atomically

#: A contact sheet's cells: the square each thumbnail is centred in, and the height of a caption line, in pixels.
THUMB = 160
LINE_HEIGHT = 12


def save_confusion_matrix(truth: np.ndarray, predicted: np.ndarray, names: Sequence[str], indices: Sequence[int], path: Path) -> None:
    """Row-normalised confusion matrix over the classes ``indices`` (named ``names``); other predictions share a column,
    and unreadable images (a prediction below 0) have one of their own."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    position = {index: k for k, index in enumerate(indices)}
    columns = [*names, "(a label not in this set)", *(["(unreadable)"] if (np.asarray(predicted) < 0).any() else [])]
    matrix = np.zeros((len(indices), len(columns)))
    for t, p in zip(truth, predicted):
        matrix[position[t], len(indices) + 1 if p < 0 else position.get(p, len(indices))] += 1
    matrix = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    size = 4 + 0.28 * len(names)
    fig, ax = plt.subplots(figsize=(size + 1, size), dpi=100)
    ax.imshow(matrix, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
    ax.set_yticks(range(len(names)), names, fontsize=7)
    for (row, col), value in np.ndenumerate(matrix):
        if value >= 0.05:
            ax.text(col, row, f"{value * 100:.0f}", ha="center", va="center", fontsize=5, color="white" if value > 0.5 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"Confusion matrix (row-normalised %, {len(truth)} images)")
    fig.tight_layout()
    png = io.BytesIO()
    try:
        fig.savefig(png, format="png")
    finally:
        plt.close(fig)
    write_atomically(path, png.getvalue())


def save_contact_sheet(paths: Sequence[Path], captions: Sequence[str], path: Path, columns: int = 8, title: str | None = None) -> None:
    """A grid of thumbnails with a caption (one or two lines) under each, and an optional title."""
    columns = max(1, min(columns, len(paths)))
    rows = max(1, -(-len(paths) // columns))
    cell_height = THUMB + 2 * LINE_HEIGHT
    top = 22 if title else 0
    title_font = ImageFont.load_default(size=13)
    title_width = int(title_font.getlength(title)) + 8 if title else 0  # a sheet of one or two mistakes is narrower
    sheet = Image.new("RGB", (max(columns * THUMB, title_width), top + rows * cell_height), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=10)
    if title:
        draw.text((4, 4), title, fill="black", font=title_font)
    for k, (image_path, caption) in enumerate(zip(paths, captions)):
        x, y = (k % columns) * THUMB, top + (k // columns) * cell_height
        try:
            with Image.open(image_path) as image:
                image.thumbnail((THUMB - 4, THUMB - 4))
                sheet.paste(image.convert("RGB"), (x + (THUMB - image.width) // 2, y + (THUMB - image.height) // 2))
        except OSError:
            draw.rectangle([x + 2, y + 2, x + THUMB - 2, y + THUMB - 2], outline="red")
        draw.rectangle([x, y, x + THUMB - 1, y + cell_height - 1], outline=(220, 220, 220))
        for line_number, line in enumerate(caption.splitlines()[:2]):
            shown = _fitted(line, font, THUMB - 4)
            draw.text((x + 2, y + THUMB + line_number * LINE_HEIGHT), shown, fill=(0, 0, 90) if line_number == 0 else (110, 110, 110), font=font)
    path.parent.mkdir(parents=True, exist_ok=True)
    png = io.BytesIO()
    sheet.save(png, format="PNG")
    write_atomically(path, png.getvalue())


def _fitted(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> str:
    """``text`` as it fits in ``width`` pixels: shortened in the middle ("visanatomy__Box…Whisker7.png") where it is
    too long, so that a file name keeps its source and its end."""
    if font.getlength(text) <= width:
        return text
    head, tail = text[: len(text) // 2], text[len(text) // 2 :]
    while head or tail:
        head, tail = (head[:-1], tail) if len(head) >= len(tail) else (head, tail[1:])
        if font.getlength(f"{head}…{tail}") <= width:
            return f"{head}…{tail}"
    return "…"
