"""Test images made on the fly: simple charts drawn with Pillow, and hostile files."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw


def bar_chart(size: tuple[int, int] = (640, 480), mode: str = "RGB") -> Image.Image:
    """A plain vertical bar chart with axes, drawn with Pillow."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    width, height = size
    left, bottom = width // 8, height - height // 8
    draw.line([(left, height // 10), (left, bottom), (width - width // 20, bottom)], fill="black", width=2)
    heights = [0.5, 0.8, 0.3, 0.65, 0.9, 0.4]
    slot = (width - left - width // 20) / len(heights)
    for i, h in enumerate(heights):
        x0 = left + i * slot + slot * 0.2
        draw.rectangle([x0, bottom - h * (bottom - height // 10), x0 + slot * 0.6, bottom], fill=(31, 119, 180))
    return image.convert(mode) if mode != "RGB" else image


def encode(image: Image.Image, fmt: str = "PNG", **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def with_png_chunk(png: bytes, kind: bytes, data: bytes) -> bytes:
    """``png`` with one more chunk right after its header (IHDR)."""
    return png[:33] + png_chunk(kind, data) + png[33:]


def png_with_lying_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression-bomb shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b"")


def icon_around(png: bytes) -> bytes:
    """An ICO file holding ``png`` as its one picture, its directory claiming the usual 256×256."""
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 0, 0, 0, 0, 1, 32, len(png), 22) + png
