"""Cold one-shot runs as whole processes: `whatplot classify chart.png` vs the reference project's
own pipeline (TensorFlow/Keras load of its .h5, then predict), on the same PNG.

    python benchmarks/cold_start.py [--repeat 5]      # needs `pip install --no-deps tf-keras`
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sample_images import CACHE, sample_images  # noqa: E402
from training.reference import REFERENCE_DIR  # noqa: E402

REFERENCE_ONE_SHOT = """
import sys, numpy as np, tf_keras
from PIL import Image, ImageOps
model = tf_keras.models.load_model(sys.argv[1], compile=False)
image = ImageOps.fit(Image.open(sys.argv[2]).convert("RGB"), (224, 224))
print(model.predict((np.asarray(image, dtype=np.float32) / 127.0 - 1.0)[None], verbose=0).argmax())
"""


def seconds(name: str, command: list[str], repeat: int) -> float:
    """Median wall time of ``command`` as a whole process; exits with its error output if it fails."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{name} failed (exit status {done.returncode}):\n{done.stderr.strip()}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if importlib.util.find_spec("tf_keras") is None:
        sys.exit("The reference's one-shot pipeline needs tf-keras: pip install --no-deps tf-keras")
    sample_images()
    chart = str(CACHE / "chart_1920x1080.png")
    ours = seconds("whatplot classify", [sys.executable, "-m", "whatplot", "classify", chart], args.repeat)
    reference = seconds("the reference's one-shot pipeline", [sys.executable, "-c", REFERENCE_ONE_SHOT, str(REFERENCE_DIR / "keras_model.h5"), chart], args.repeat)
    print(f"whatplot classify (cold process): {ours:.2f} s")
    print(f"reference one-shot (TF/Keras):    {reference:.2f} s")
    print(f"ratio: {ours / reference:.2f}")


if __name__ == "__main__":
    main()
