"""The benchmark inputs: a 1920×1080 PNG screenshot-like chart and a 4000×3000 phone-photo JPEG."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

CACHE = Path(__file__).resolve().parent / ".images"


def _render_chart(width: int, height: int) -> Image.Image:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(0)
    fig, ax = plt.subplots(figsize=(width / 100, height / 100), dpi=100)
    for k in range(3):
        ax.plot(np.cumsum(rng.normal(size=200)), label=f"series {k}")
    ax.set_title("Weekly active users")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.canvas.draw()
    image = Image.frombuffer("RGBA", fig.canvas.get_width_height(), fig.canvas.buffer_rgba()).convert("RGB")
    plt.close(fig)
    return image


def sample_images() -> dict[str, bytes]:
    """{name: encoded bytes}, rendered once and kept in ``benchmarks/.images``."""
    CACHE.mkdir(exist_ok=True)
    png, jpeg = CACHE / "chart_1920x1080.png", CACHE / "photo_4000x3000.jpg"
    if not png.exists():
        _render_chart(1920, 1080).save(png)
    if not jpeg.exists():
        noisy = np.asarray(_render_chart(4000, 3000), dtype=np.float32)
        noisy += np.random.default_rng(1).normal(0, 6, noisy.shape)  # sensor noise, as in a photo of a screen
        buffer = io.BytesIO()
        Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=90)
        jpeg.write_bytes(buffer.getvalue())
    return {png.name: png.read_bytes(), jpeg.name: jpeg.read_bytes()}
