"""Mutated images for fuzzing the decoding path: small valid seeds of every format and variant we decode, and
random mutations of them (bit flips, bytes set to extreme values, 16/32-bit fields overwritten, chunks or segments
duplicated or deleted, truncation, splicing two seeds). Used by ``tests/test_fuzz.py`` (quick, in-process) and
``scripts/fuzz_decode.py`` (long, in worker processes)."""

from __future__ import annotations

import random
import re
import struct

import numpy as np
from PIL import Image, features

from tests.images import (
    bar_chart,
    bitmap_with_alpha,
    encode,
    gif_on_larger_screen,
    icon_of_bitmap,
    run_length_bitmap,
    tiled_tiff,
)

#: Values that 16- and 32-bit fields (sizes, offsets, counts) are overwritten with.
INTERESTING = (0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 6000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF)


def build_seeds() -> dict[str, bytes]:
    """Small valid images, one of each format and variant we decode."""
    chart, blank = bar_chart((96, 64)), Image.new("RGB", (96, 64), "white")
    grey = np.asarray(chart.convert("L"))
    rle = bytes([8, 0, 8, 255]) * 4 + b"\x00\x00"  # rows of black and white runs, then end of line
    seeds = {
        "png": encode(chart),
        "png-16bit": encode(Image.fromarray(grey.astype(np.uint16) * 257)),
        "png-palette": encode(chart.convert("P"), "PNG", transparency=0),
        "png-alpha": encode(chart.convert("RGBA")),
        "apng": encode(blank, "PNG", save_all=True, append_images=[chart]),  # blank first frame: the search too
        "jpeg": encode(chart, "JPEG"),
        "jpeg-progressive": encode(chart, "JPEG", progressive=True),
        "jpeg-cmyk": encode(chart.convert("CMYK"), "JPEG"),
        "gif": encode(blank.convert("P"), "GIF", save_all=True, append_images=[chart.convert("P")]),
        "gif-screen": gif_on_larger_screen(chart.convert("P"), 128, 96),
        "webp": encode(chart, "WEBP"),
        "webp-lossless": encode(chart.convert("RGBA"), "WEBP", lossless=True),
        "webp-animated": encode(blank, "WEBP", save_all=True, append_images=[chart]),
        "bmp": encode(chart, "BMP"),
        "bmp-palette": encode(chart.convert("P"), "BMP"),
        "bmp-alpha": bitmap_with_alpha(np.asarray(chart.convert("RGBA"))),
        "bmp-rle8": run_length_bitmap(16, 16, rle * 16),
        "bmp-rle4": run_length_bitmap(16, 16, rle * 16, bits=4),
        "tiff": encode(chart, "TIFF"),
        "tiff-pages": encode(blank, "TIFF", save_all=True, append_images=[chart]),
        "tiff-lzw": encode(chart, "TIFF", compression="tiff_lzw"),
        "tiff-deflate": encode(chart.convert("L"), "TIFF", compression="tiff_adobe_deflate"),
        "tiff-jpeg": encode(chart, "TIFF", compression="jpeg"),
        "tiff-packbits": encode(chart.convert("P"), "TIFF", compression="packbits"),
        "tiff-16bit": encode(Image.fromarray(grey.astype(np.uint16) * 257), "TIFF"),
        "tiff-float": encode(Image.fromarray(grey.astype(np.float32) / 255), "TIFF"),
        "tiff-tiled": tiled_tiff(64, blank_first_page=True),
        "ico-png": encode(chart.resize((64, 64)), "ICO", sizes=[(32, 32), (64, 64)]),
        "ico-bmp": encode(chart.resize((64, 64)), "ICO", sizes=[(64, 64)], bitmap_format="bmp"),
        "ico-bmp32": icon_of_bitmap(np.asarray(chart.resize((64, 64)).convert("RGBA"))),
    }
    if features.check("avif"):
        seeds["avif"] = encode(chart, "AVIF")
        seeds["avif-sequence"] = encode(blank, "AVIF", save_all=True, append_images=[chart])
    return seeds


def parts(data: bytes) -> list[tuple[int, int]]:
    """Where each chunk (PNG, RIFF, ISO box) or marker segment (JPEG) of ``data`` starts and ends, as far as
    they can be followed; empty for other formats."""
    if data.startswith(b"\xff\xd8"):
        starts = [m.start() for m in re.finditer(rb"\xff[^\x00\xff\xd0-\xd7]", data)] + [len(data)]
        return list(zip(starts, starts[1:]))
    if data.startswith(b"\x89PNG"):  # position, how its length is stored, how much more than that the chunk takes
        position, length, extra = 8, ">I", 12
    elif data.startswith(b"RIFF"):
        position, length, extra = 12, "<4xI", 8
    elif data[4:8] == b"ftyp":
        position, length, extra = 0, ">I", 0
    else:
        return []
    found = []
    while position + 8 <= len(data):
        size = struct.unpack_from(length, data, position)[0] + extra
        if size < 8 or position + size > len(data):
            break
        found.append((position, position + size + (size & 1 if data.startswith(b"RIFF") else 0)))  # RIFF pads to even
        position = found[-1][1]
    return found


def span(rng: random.Random, data: bytearray) -> tuple[int, int]:
    """A chunk or segment of ``data`` if it has any, else a few bytes of it."""
    if found := parts(bytes(data)):
        return rng.choice(found)
    start = offset(rng, data)
    return start, min(len(data), start + rng.randint(1, 64))


def offset(rng: random.Random, data: bytearray) -> int:
    """A random offset into ``data``, in its first 256 bytes (where headers are) more often than not."""
    return rng.randrange(min(len(data), 256) if rng.random() < 0.6 else len(data))


def mutate(rng: random.Random, data: bytearray, seeds: dict[str, bytes]) -> str:
    """Mutate ``data`` in place once, at random; say how."""
    kind = rng.choice(("flip", "extreme", "field", "duplicate", "delete", "truncate", "splice"))
    at = offset(rng, data)
    if kind == "flip":
        data[at] ^= 1 << rng.randrange(8)
    elif kind == "extreme":
        data[at] = rng.choice((0, 0xFF, 0x7F, 0x80))
    elif kind == "field":
        layout = rng.choice(("<H", ">H", "<I", ">I"))
        value = rng.choice(INTERESTING) & (0xFFFF if layout.endswith("H") else 0xFFFFFFFF)
        data[at : at + struct.calcsize(layout)] = struct.pack(layout, value)
    elif kind in ("duplicate", "delete"):
        start, end = span(rng, data)
        if kind == "duplicate":
            data[end:end] = data[start:end]
        else:
            del data[start:end]
        return f"{kind} {start}:{end}"
    elif kind == "truncate":
        del data[at + 1 :]
    else:
        name = rng.choice(list(seeds))
        other = seeds[name]
        data[at:] = other[rng.randrange(len(other)) :]
        return f"splice {name} at {at}"
    return f"{kind} at {at}"


def make_case(rng: random.Random, seeds: dict[str, bytes], name: str | None = None) -> tuple[str, list[str], bytes]:
    """A seed's name (``name``, or one at random), how it was mutated (one to four times), and the mutated bytes."""
    name = name or rng.choice(list(seeds))
    data = bytearray(seeds[name])
    steps = [mutate(rng, data, seeds) for _ in range(rng.choice((1, 1, 2, 4))) if len(data) > 1]
    return name, steps, bytes(data) or b"\x00"
