"""Resident memory of a process that has loaded the model and classified 100 images.

    python benchmarks/memory.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def main() -> None:
    from benchmarks.sample_images import sample_images

    images = list(sample_images().values())  # rendered before measuring: matplotlib is not part of serving
    import gc

    gc.collect()
    base = rss_mb()
    from classifier import ChartClassifier

    classifier = ChartClassifier.load()
    for i in range(100):
        classifier.predict(images[i % len(images)])
    print(f"RSS before importing the classifier: {base:.0f} MB")
    print(f"RSS after loading and 100 images:    {rss_mb():.0f} MB (peak {rss_mb('VmHWM'):.0f} MB)")
    print(f"growth attributable to whatplot:     {rss_mb() - base:.0f} MB")


if __name__ == "__main__":
    main()
