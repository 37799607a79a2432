"""End-to-end latency, bytes → ranked chart types: whatplot vs the reference model, in one process.

    python benchmarks/latency.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sample_images import sample_images  # noqa: E402
from classifier import ChartClassifier  # noqa: E402
from training.reference import ReferenceModel  # noqa: E402


def median_ms(fn, data: bytes, repeat: int) -> float:
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
    args = parser.parse_args()
    ours, reference = ChartClassifier.load(), ReferenceModel()
    print(f"{'image':<24}{'whatplot ms':>12}{'reference ms':>14}{'ratio':>8}")
    for name, data in sample_images().items():
        a = median_ms(ours.predict, data, args.repeat)
        b = median_ms(reference.predict_label, data, args.repeat)
        print(f"{name:<24}{a:>12.1f}{b:>14.1f}{a / b:>8.2f}")


if __name__ == "__main__":
    main()
