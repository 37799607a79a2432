"""Resident memory of a process that has loaded the model and classified 100 images; with ``--decoding``, the
peak of decoding each of a set of large pictures instead, each in a fresh process.

    python benchmarks/memory.py
    python benchmarks/memory.py --decoding
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Run in a fresh process (see :func:`decoding_peak`): preprocesses the file named first on its command line (without
#: libspng if the second is "no-spng"; only decodes it, with load_image, if the third is "load"), then prints the
#: outcome and the process's peak resident memory. VmHWM, not ru_maxrss: a child started by vfork (as subprocess
#: does) inherits its parent's ru_maxrss.
_DECODE = """
import sys
from pathlib import Path
from benchmarks.memory import memory_mb
from classifier import imaging
from classifier.errors import WhatplotError
if sys.argv[2] == "no-spng":
    imaging.spng = None
try:
    if sys.argv[3] == "load":
        imaging.load_image(Path(sys.argv[1]))
    else:
        imaging.preprocess(Path(sys.argv[1]), 224)
    outcome = "decoded"
except WhatplotError as exc:
    outcome = exc.kind
print(outcome, memory_mb("VmHWM"))
"""


def memory_mb(field: str = "VmRSS") -> float:
    """This process's ``field`` of Linux's /proc/self/status, in MB: VmRSS its resident memory, VmHWM the peak of
    that, VmSize its address space."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def decoding_peak(path: Path, without_spng: bool = False, load_only: bool = False) -> tuple[str, float]:
    """Preprocess the file at ``path`` (only decode it, with ``load_only``) in a fresh process, whose peak is its own;
    what came of it ("decoded", or the error's kind) and that process's peak resident memory in MB."""
    mode = ["no-spng" if without_spng else "spng", "load" if load_only else "preprocess"]
    run = subprocess.run([sys.executable, "-c", _DECODE, str(path), *mode], capture_output=True, text=True, check=True, cwd=ROOT)
    outcome, peak = run.stdout.split()
    return outcome, float(peak)


def main() -> None:
    from benchmarks.sample_images import sample_images

    images = list(sample_images().values())  # rendered before measuring: matplotlib is not part of serving
    import gc

    gc.collect()
    base = memory_mb()
    from classifier import ChartClassifier

    classifier = ChartClassifier.load()
    for i in range(100):
        classifier.predict(images[i % len(images)])
    print(f"RSS before importing the classifier: {base:.0f} MB")
    print(f"RSS after loading and 100 images:    {memory_mb():.0f} MB (peak {memory_mb('VmHWM'):.0f} MB)")
    print(f"growth attributable to whatplot:     {memory_mb() - base:.0f} MB")


def _large_pictures() -> dict[str, tuple[Callable[[], bytes], bool]]:
    """Each case's name, how to make its file, and whether to decode it without libspng (as on ARM)."""
    from PIL import Image

    from tests.images import bar_chart, encode, gif_of_blank_frame_then_chart, webp_animation_on_larger_canvas

    def blank_then(fmt: str, size: tuple[int, int], **params: object) -> bytes:
        """A blank first frame (or page), then a chart."""
        chart = bar_chart(size).convert("P") if fmt == "GIF" else bar_chart(size)
        blank = Image.new(chart.mode, size, 255 if fmt == "GIF" else "white")
        return encode(blank, fmt, save_all=True, append_images=[chart], **params)

    return {
        "WebP 33 MP (6600×5000)": (lambda: encode(bar_chart((6600, 5000)), "WEBP", method=0), False),
        "WebP 20 MP (5000×4000)": (lambda: encode(bar_chart((5000, 4000)), "WEBP", method=0), False),
        "WebP 16 MP (4000×4000)": (lambda: encode(bar_chart((4000, 4000)), "WEBP", method=0), False),
        "WebP 16 MP canvas, small frame": (lambda: webp_animation_on_larger_canvas([bar_chart()], 4000, 4000, (0, 0)), False),
        "WebP 16 MP blank frame, then a chart": (lambda: blank_then("WEBP", (4000, 4000), method=0), False),
        "PNG 40 MP (8000×5000), libspng": (lambda: encode(bar_chart((8000, 5000)), compress_level=1), False),
        "PNG 40 MP (8000×5000), Pillow": (lambda: encode(bar_chart((8000, 5000)), compress_level=1), True),
        "JPEG 40 MP (8000×5000)": (lambda: encode(bar_chart((8000, 5000)), "JPEG"), False),
        "TIFF 40 MP (8000×5000), deflated": (lambda: encode(bar_chart((8000, 5000)), "TIFF", compression="tiff_deflate"), False),
        "TIFF blank 40 MP page, then a chart": (lambda: blank_then("TIFF", (8000, 5000), compression="tiff_deflate"), False),
        "GIF 40 MP (8000×5000)": (lambda: encode(bar_chart((8000, 5000)).convert("P"), "GIF"), False),
        "GIF blank 40 MP frame, then a chart": (lambda: blank_then("GIF", (8000, 5000)), False),
        "GIF blank 20 MP frame, then a chart": (lambda: blank_then("GIF", (5000, 4000)), False),
        "GIF blank frame, a later one on a 38 MP screen": (lambda: gif_of_blank_frame_then_chart(chart_at=(5600, 5600)), False),
        "GIF blank frame, a later one on a 19 MP screen": (lambda: gif_of_blank_frame_then_chart(chart_at=(3800, 3900)), False),
    }


def decoding() -> None:
    """Print the peak resident memory of preprocessing each large picture, each in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        for name, (make, without_spng) in _large_pictures().items():
            path = Path(folder) / "picture"
            path.write_bytes(make())
            outcome, peak = decoding_peak(path, without_spng)
            print(f"{name:48s} {peak:5.0f} MB peak  {outcome}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Resident memory of whatplot: serving, or decoding large pictures.")
    parser.add_argument("--decoding", action="store_true", help="the peak of decoding large pictures, each in a fresh process")
    if parser.parse_args().decoding:
        decoding()
    else:
        main()
