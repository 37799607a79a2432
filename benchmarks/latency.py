"""End-to-end latency, bytes → ranked chart types: whatplot vs the reference model, in one process.

    python benchmarks/latency.py [--repeat 30] [--model FILE ...]

``--model`` (repeatable) measures other model files than the shipped pair, e.g. another quantization.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sample_images import sample_images  # noqa: E402
from classifier import ChartClassifier  # noqa: E402
from training.reference import ReferenceModel  # noqa: E402


def median_ms(fn, data: object, repeat: int) -> float:
    fn(data)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--model", type=Path, action="append", default=[], help="a .tflite file instead of the shipped pair (repeatable: averaged)")
    args = parser.parse_args()
    ours, reference = ChartClassifier.load(args.model or None), ReferenceModel()
    print(f"{'image':<24}{'whatplot ms':>12}{'reference ms':>14}{'ratio':>8}")
    for name, data in sample_images().items():
        a = median_ms(ours.predict, data, args.repeat)
        b = median_ms(reference.predict_label, data, args.repeat)
        print(f"{name:<24}{a:>12.1f}{b:>14.1f}{a / b:>8.2f}")
    # the networks alone, on an input already preprocessed (whatplot's pair against the reference's one network)
    pixels = np.zeros((1, ours.input_size, ours.input_size, 3), dtype=np.uint8)
    a = median_ms(ours.probabilities, pixels, args.repeat)
    b = median_ms(reference.scores, np.zeros((224, 224, 3), dtype=np.float32), args.repeat)
    print(f"{'network(s) alone':<24}{a:>12.1f}{b:>14.1f}{a / b:>8.2f}")


if __name__ == "__main__":
    main()
