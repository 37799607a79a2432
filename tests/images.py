"""Test images made on the fly: simple charts drawn with Pillow, and hostile files."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
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


def png_with_lying_header(
    width: int, height: int, colour_type: int = 2, bit_depth: int = 8, transparent: bytes | None = None
) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression-bomb shape), of ``colour_type``
    (2: RGB, 0: grey, 4: grey and alpha, 6: RGBA) and ``bit_depth``, with a tRNS chunk of ``transparent`` if given."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    trns = png_chunk(b"tRNS", transparent) if transparent is not None else b""
    pixels = png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + trns + pixels + png_chunk(b"IEND", b"")


def avif_with_lying_size(width: int, height: int) -> bytes:
    """A 64×64 AVIF bar chart whose image spatial extents property (ispe) claims ``width``×``height`` pixels."""
    avif = bytearray(encode(bar_chart((64, 64)), "AVIF"))
    struct.pack_into(">II", avif, avif.index(b"ispe") + 8, width, height)  # after the box's type, version and flags
    return bytes(avif)


def icon_around(picture: bytes) -> bytes:
    """An ICO file holding ``picture`` (a PNG, or a BMP without its file header) as its one picture, its
    directory claiming the usual 256×256."""
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 0, 0, 0, 0, 1, 32, len(picture), 22) + picture


def damaged_avif(part: str) -> bytes:
    """A bar chart as AVIF, damaged in its ``part``: "header" (its primary item names an item it doesn't have)
    or "pixels" (its coded pixels, after their first bytes, overwritten)."""
    avif = bytearray(encode(bar_chart(), "AVIF"))
    if part == "header":
        struct.pack_into(">H", avif, avif.index(b"pitm") + 8, 99)  # after the box's type, version and flags
    else:
        start = avif.index(b"mdat") + 4  # the box's payload, after its size and type
        end = start - 8 + struct.unpack_from(">I", avif, start - 8)[0]
        avif[start + 16 : end] = b"\xff" * (end - start - 16)
    return bytes(avif)


def gif_on_larger_screen(image: Image.Image, width: int, height: int) -> bytes:
    """``image`` as a GIF whose logical screen (the area a viewer shows) is ``width``×``height``, larger than
    its one frame, which is at the top left."""
    data = bytearray(encode(image, "GIF"))
    struct.pack_into("<HH", data, 6, width, height)
    return bytes(data)


def gif_of_blank_frame_then_chart(filler: bytes = b"", count: int = 0, chart_at: tuple[int, int] = (0, 0)) -> bytes:
    """A GIF of a blank 640×480 frame, then a bar chart at ``chart_at`` (beyond the GIF's screen, if far enough),
    with ``count`` times ``filler`` between them: extension blocks where it starts with 0x21, else sub-blocks
    at the end of the first frame's pixels."""
    gif = bytearray(encode(Image.new("P", (640, 480), 255), "GIF", save_all=True, append_images=[bar_chart().convert("P")]))
    second = gif.rindex(b"\x21\xf9")  # the second frame's graphic control extension (8 bytes), then its descriptor
    struct.pack_into("<HH", gif, second + 9, *chart_at)
    at = second if filler.startswith(b"\x21") else second - 1  # before the empty sub-block ending the first frame
    return bytes(gif[:at] + filler * count + gif[at:])


def icon_of_bitmap(rgba: np.ndarray, clear: np.ndarray | None = None) -> bytes:
    """An ICO file holding the RGBA pixels ``rgba`` as a 32-bit BMP whose mask (a bit a pixel, after them) makes
    the pixels where ``clear`` (of booleans) is true clear; all are shown if ``clear`` is None."""
    height, width = rgba.shape[:2]
    pixels = rgba[::-1][..., [2, 1, 0, 3]].tobytes()  # bottom row first, in BGRA order
    bits = np.zeros((height, -(-width // 32) * 32), dtype=bool)  # rows of whole 32-bit words
    bits[:, :width] = False if clear is None else clear
    mask = np.packbits(bits[::-1], axis=1).tobytes()
    info = struct.pack("<IiiHHIIiiII", 40, width, 2 * height, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0)
    return icon_around(info + pixels + mask)


def bitmap_holding(inner: bytes, compression: int, width: int, height: int, icon: bool = False) -> bytes:
    """A BMP (or, if ``icon``, an ICO holding a BMP) whose pixels are ``inner``, a whole JPEG or PNG file of
    ``width``×``height`` pixels, marked by ``compression`` (4 or 5), as printers' drivers write them."""
    info = struct.pack("<IiiHHIIiiII", 40, width, 2 * height if icon else height, 1, 24, compression, len(inner), 0, 0, 0, 0)
    if icon:
        return icon_around(info + inner)
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(inner), 0, 0, 14 + len(info)) + info + inner


def with_header_parts(fmt: str, count: int) -> bytes:
    """A bar chart in ``fmt`` (JPEG, PNG, GIF, or ICO holding a PNG) with ``count`` tiny parts added to its
    header, before its pixels: empty comment segments, empty unknown chunks, one-letter comment blocks."""
    if fmt == "ICO":
        return icon_around(with_header_parts("PNG", count))
    if fmt == "JPEG":
        jpeg = encode(bar_chart(), "JPEG")
        return jpeg[:2] + b"\xff\xfe\x00\x02" * count + jpeg[2:]
    if fmt == "PNG":
        png = encode(bar_chart())
        return png[:33] + png_chunk(b"zzZz", b"") * count + png[33:]
    gif = encode(bar_chart().convert("P"), "GIF")
    palette_end = 13 + 3 * 2 ** ((gif[10] & 7) + 1)
    return gif[:palette_end] + b"\x21\xfe\x01a\x00" * count + gif[palette_end:]


def png_rotated_by_text(kind: bytes) -> bytes:
    """A PNG bar chart whose orientation (rotated 90° clockwise) is in a text chunk, not an eXIf one:
    ImageMagick's hex-encoded EXIF (``tEXt`` "Raw profile type exif") or Adobe's XMP (``iTXt``)."""
    if kind == b"tEXt":
        exif = Image.Exif()
        exif[0x0112] = 6
        hexed = exif.tobytes().hex()
        text = f"\nexif\n{len(hexed) // 2:8d}\n" + "\n".join(hexed[i : i + 72] for i in range(0, len(hexed), 72)) + "\n"
        return with_png_chunk(encode(bar_chart()), b"tEXt", b"Raw profile type exif\0" + text.encode())
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>'
    return with_png_chunk(encode(bar_chart()), b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + xmp)


def _two_page_tiff() -> tuple[bytearray, list[int]]:
    """A two-page TIFF, a blank 64×64 page then a black one, and where each entry of its second page's directory is."""
    data = bytearray(encode(Image.new("L", (64, 64), 255), "TIFF", save_all=True, append_images=[Image.new("L", (64, 64), 0)]))
    first = struct.unpack_from("<I", data, 4)[0]
    second = struct.unpack_from("<I", data, first + 2 + 12 * struct.unpack_from("<H", data, first)[0])[0]
    return data, list(range(second + 2, second + 2 + 12 * struct.unpack_from("<H", data, second)[0], 12))


def tiff_with_lying_second_page(width: int, height: int) -> bytes:
    """A two-page TIFF: a blank 64×64 page, then one whose header claims ``width``×``height`` pixels."""
    data, entries = _two_page_tiff()
    for entry in entries:
        tag, kind = struct.unpack_from("<HH", data, entry)
        if tag in (256, 257):  # ImageWidth, ImageLength
            struct.pack_into("<H" if kind == 3 else "<I", data, entry + 8, width if tag == 256 else height)
    return bytes(data)


def tiff_with_second_page_without_width() -> bytes:
    """A two-page TIFF: a blank 64×64 page, then one whose directory has lost its width (the tag renumbered)."""
    data, entries = _two_page_tiff()
    for entry in entries:
        if struct.unpack_from("<H", data, entry)[0] == 256:  # ImageWidth
            struct.pack_into("<H", data, entry, 65000)
    return bytes(data)


def tiff_with_second_page_of_unknown_compression() -> bytes:
    """A two-page TIFF: a blank 64×64 page, then one whose compression is a number no codec has."""
    data, entries = _two_page_tiff()
    for entry in entries:
        if struct.unpack_from("<H", data, entry)[0] == 259:  # Compression, a short
            struct.pack_into("<H", data, entry + 8, 9999)
    return bytes(data)


def avif_animation_without_timescale() -> bytes:
    """A two-frame AVIF animation of a bar chart whose track's media header (mdhd) gives a timescale of zero."""
    avif = bytearray(encode(bar_chart(), "AVIF", save_all=True, append_images=[bar_chart()]))
    header = avif.index(b"mdhd") + 4  # after the box's size and type: its version, flags, two times, the timescale
    struct.pack_into(">I", avif, header + 4 + (8 if avif[header] == 0 else 16), 0)
    return bytes(avif)


def jpeg_with_damaged_exif() -> bytes:
    """A JPEG bar chart turned by its EXIF orientation (90° clockwise) whose XResolution tag, a fraction,
    is marked as text: damage in a tag no pixel depends on."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x011A] = 72.0  # XResolution
    data = exif.tobytes()
    entry = data.index(struct.pack(">HH", 0x011A, 5))  # the tag, then its type: 5, a fraction (Pillow writes big-endian)
    return encode(bar_chart(), "JPEG", exif=data[:entry] + struct.pack(">HH", 0x011A, 2) + data[entry + 4 :])


def tiled_tiff(tile_side: int, blank_first_page: bool = False) -> bytes:
    """A TIFF of a 64×64 grey bar chart in one deflated tile of ``tile_side``×``tile_side`` pixels (a tile may
    be larger than its picture), after a blank 64×64 page if ``blank_first_page``."""
    tile = Image.new("L", (tile_side, tile_side), 255)
    tile.paste(bar_chart((64, 64)).convert("L"))
    pixels, blank = zlib.compress(tile.tobytes(), 1), b"\xff" * 64 * 64
    data = bytearray(b"II*\x00\x00\x00\x00\x00")
    pages: list[dict[int, int]] = []
    if blank_first_page:  # uncompressed, in one strip
        pages.append({259: 1, 273: len(data), 278: 64, 279: len(blank)})
        data += blank
    pages.append({259: 8, 322: tile_side, 323: tile_side, 324: len(data), 325: len(pixels)})
    data += pixels + b"\x00" * (len(pixels) % 2)  # the pages' directories start on an even offset
    struct.pack_into("<I", data, 4, len(data))
    for index, tags in enumerate(pages):
        tags = {256: 64, 257: 64, 258: 8, 262: 1, 277: 1, **tags}  # width, height, bits, black is zero, one sample
        next_page = len(data) + 6 + 12 * len(tags) if index + 1 < len(pages) else 0
        entries = b"".join(struct.pack("<HHII", tag, 4, 1, value) for tag, value in sorted(tags.items()))
        data += struct.pack("<H", len(tags)) + entries + struct.pack("<I", next_page)
    return bytes(data)


def with_tiff_tag(tiff: bytes, tag: int, value: int | None = None, kind: int | None = None) -> bytes:
    """A one-page little-endian ``tiff`` (as Pillow writes it) with its ``tag``, of one number, set to ``value``,
    and (if ``kind``) marked as a value of another type (2: text, 3: short, 4: long...)."""
    data = bytearray(tiff)
    page = struct.unpack_from("<I", data, 4)[0]
    for entry in range(page + 2, page + 2 + 12 * struct.unpack_from("<H", data, page)[0], 12):
        if struct.unpack_from("<H", data, entry)[0] == tag:
            if value is not None:
                struct.pack_into("<I", data, entry + 8, value)  # a short (16 bits) is the first half, little-endian
            if kind is not None:
                struct.pack_into("<H", data, entry + 2, kind)
    return bytes(data)


def run_length_bitmap(width: int, height: int, runs: bytes, bits: int = 8) -> bytes:
    """A grey BMP of ``width``×``height`` pixels, ``runs`` of them run-length compressed at ``bits`` (8 or 4) a pixel."""
    colours = 2**bits
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, bits, 1 if bits == 8 else 2, len(runs), 0, 0, colours, 0)
    palette = b"".join(bytes((i * 255 // (colours - 1),) * 3 + (0,)) for i in range(colours))
    start = 14 + len(info) + len(palette)
    return b"BM" + struct.pack("<IHHI", start + len(runs), 0, 0, start) + info + palette + runs


def jpeg_with_empty_scans(image: Image.Image, count: int) -> bytes:
    """``image`` as a progressive JPEG with ``count`` more scans at its end, each of no data (libjpeg still goes
    over the whole picture in each)."""
    jpeg = encode(image, "JPEG", progressive=True)
    ac_scan = b"\xff\xda\x00\x08\x01\x01\x00\x01\x3f\x00"  # the first component's AC coefficients 1 to 63
    return jpeg[:-2] + ac_scan * count + jpeg[-2:]


def bitmap_with_alpha(rgba: np.ndarray) -> bytes:
    """A 32-bit BMP (a version 5 header, masks naming an alpha channel) of the RGBA pixels ``rgba``."""
    height, width = rgba.shape[:2]
    pixels = rgba[::-1][..., [2, 1, 0, 3]].tobytes()  # bottom row first, in BGRA order
    info = struct.pack("<IiiHHIIiiII", 124, width, height, 1, 32, 3, len(pixels), 2835, 2835, 0, 0)  # 3: masks follow
    info += struct.pack("<IIII", 0xFF0000, 0xFF00, 0xFF, 0xFF000000) + b"BGRs" + bytes(48) + struct.pack("<IIII", 4, 0, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(info) + len(pixels), 0, 0, 14 + len(info)) + info + pixels


def tiff_of_one_row_strips(width: int, height: int) -> bytes:
    """An uncompressed grey TIFF of ``width``×``height`` pixels in one-row strips, all of them the same
    row of stripes (so a few bytes of pixels and four bytes a strip, in each of two tags)."""
    row = bytes(255 * (x % 2) for x in range(width))
    data = bytearray(b"II*\x00\x00\x00\x00\x00") + row
    offsets, counts = len(data), len(data) + 4 * height
    data += struct.pack("<I", 8) * height + struct.pack("<I", width) * height
    struct.pack_into("<I", data, 4, len(data))
    tags = {256: (1, width), 257: (1, height), 258: (1, 8), 259: (1, 1), 262: (1, 1), 273: (height, offsets), 277: (1, 1)}
    tags |= {278: (1, 1), 279: (height, counts)}  # one row a strip, and each strip's byte count
    entries = b"".join(struct.pack("<HHII", tag, 4, number, value) for tag, (number, value) in sorted(tags.items()))
    return bytes(data + struct.pack("<H", len(tags)) + entries + b"\x00\x00\x00\x00")


def lossless_jpeg(frame_marker: int = 0xC3, side: int = 32) -> bytes:
    """A grey ``side``×``side`` JPEG, 128 throughout, coded losslessly (Huffman, 8 bits a sample) under the frame
    header marker ``frame_marker``: SOF3 makes it a true lossless JPEG, another marker names another process
    (libjpeg refuses some of them on reading the marker, before any pixel).

    Every sample is predicted exactly (the first from 128, the rest from their left or upper neighbour), so each
    is the one-bit code of a difference of 0, the only symbol of its Huffman table.
    """

    def segment(marker: int, body: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body

    huffman_table = bytes([0x00, 1, *[0] * 15, 0])  # DC table 0: one code of one bit, for a difference of 0
    frame = struct.pack(">BHHB", 8, side, side, 1) + bytes([1, 0x11, 0])  # 8 bits, one component
    scan = bytes([1, 1, 0x00, 1, 0, 0])  # component 1 with table 0; predictor 1, no point transform
    pixels = bytes(-(-side * side // 8))
    return b"\xff\xd8" + segment(0xC4, huffman_table) + segment(frame_marker, frame) + segment(0xDA, scan) + pixels + b"\xff\xd9"


def _riff_chunk(kind: bytes, payload: bytes) -> bytes:
    """One RIFF chunk (as in a WebP file): type, little-endian length, payload, padded to an even length."""
    return kind + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) % 2)


def webp_animation_on_larger_canvas(frames: list[Image.Image], width: int, height: int, at: tuple[int, int]) -> bytes:
    """An animated WebP (of one frame, which Pillow calls still, or more) whose canvas is ``width``×``height``, larger
    than its ``frames``, opaque and losslessly coded, each at ``at`` (even numbers); its header marks no alpha, and
    its background colour is opaque black (which viewers, and libwebp, ignore: what no frame covers is clear)."""

    def u24(n: int) -> bytes:
        return n.to_bytes(3, "little")

    header = _riff_chunk(b"VP8X", bytes([0x02, 0, 0, 0]) + u24(width - 1) + u24(height - 1))  # 0x02: an animation
    body = header + _riff_chunk(b"ANIM", b"\x00\x00\x00\xff" + b"\x00\x00")  # background (BGRA), loop forever
    for frame in frames:
        bitstream = encode(frame.convert("RGB"), "WEBP", lossless=True)[12:]  # its VP8L chunk, after the RIFF header
        place = u24(at[0] // 2) + u24(at[1] // 2) + u24(frame.width - 1) + u24(frame.height - 1) + u24(100) + b"\x00"
        body += _riff_chunk(b"ANMF", place + bitstream)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def tiff_of_pages_of_many_tags(pages: int, tags: int) -> bytes:
    """A TIFF of ``pages`` pages, each a blank 64×64 grey picture (the last a bar chart) whose directory has ``tags``
    more entries of tags no reader knows (a short each, held in the entry itself)."""
    from PIL import TiffTags  # noqa: PLC0415 - only here

    unknown = [tag for tag in range(32768, 65536) if TiffTags.lookup(tag).name == "unknown"][:tags]
    blank, chart = b"\xff" * 4096, bar_chart((64, 64)).convert("L").tobytes()
    data = bytearray(b"II*\x00\x00\x00\x00\x00") + blank + chart
    struct.pack_into("<I", data, 4, len(data))
    for page in range(pages):
        known = {256: 64, 257: 64, 258: 8, 259: 1, 262: 1, 273: 8 + 4096 * (page == pages - 1), 277: 1, 278: 64, 279: 4096}
        entries = b"".join(struct.pack("<HHII", tag, 4, 1, value) for tag, value in known.items())
        entries += b"".join(struct.pack("<HHIHH", tag, 3, 1, 1, 0) for tag in unknown)
        count = len(known) + len(unknown)
        next_page = len(data) + 2 + 12 * count + 4 if page + 1 < pages else 0
        data += struct.pack("<H", count) + entries + struct.pack("<I", next_page)
    return bytes(data)
