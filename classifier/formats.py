"""What an image file is, judged from its bytes before Pillow decodes any of it.

Formats we refuse with a message of their own (PDF, SVG, HEIC, PSD, Windows metafiles, TGA..., and images written out
as text), the signatures of those we decode (to call a file "damaged" rather than "not an image"), and the checks that
keep hostile headers from Pillow: an icon's hidden oversized picture, headers of endless tiny parts (TIFF directories
too), PNGs of endless chunks, TIFF pages listing endless strips, 12-bit JPEGs, JPEGs of a coding process libjpeg can't
decode, JPEGs of endless scans, large run-length compressed BMPs, BMPs (and icons) holding a JPEG or PNG; where an
animated WebP's first frame lies on its canvas; what a TIFF Pillow can't open holds a pixel; and a PNG's damaged
ancillary chunks, which browsers drop.
"""

from __future__ import annotations

import itertools
import re
import struct
import zlib
from collections.abc import Callable, Iterator

from classifier import config
from classifier.errors import TRUNCATED, CorruptImage, ImageTooLarge, NotAnImage, UnsupportedFormat

#: The first eight bytes of every PNG file.
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: PNG chunks holding compressed metadata (text and the colour profile) that no pixel depends on.
_PNG_METADATA_CHUNKS = (b"zTXt", b"iTXt", b"iCCP")
#: Brands of HEIF containers (HEIC photos); an AVIF image names "avif" or "avis" among its brands too.
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"mif2", b"msf1")

#: What a Windows metafile (WMF or EMF: how Office copies charts) is told; known in two places, below.
_METAFILE = "Windows metafiles (WMF, EMF) aren't supported. Export the chart as PNG or JPEG."
#: Leading bytes of image and document formats we don't decode, and what to tell the sender.
_UNSUPPORTED_SIGNATURES: tuple[tuple[tuple[bytes, ...], str], ...] = (
    ((b"%!PS", b"\xc5\xd0\xd3\xc6"), "PostScript and EPS files aren't supported. Export the chart as PNG or JPEG."),
    ((b"8BPS",), "Photoshop (PSD) files aren't supported. Export the chart as PNG or JPEG."),
    ((b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51"), "JPEG 2000 images aren't supported. Export the chart as PNG or JPEG."),
    ((b"\x00\x00\x00\x0cJXL \r\n\x87\n", b"\xff\x0a"), "JPEG XL images aren't supported. Export the chart as PNG or JPEG."),
    (
        tuple(b"P%d%c" % (n, space) for n in range(1, 8) for space in b" \t\r\n"),
        "Netpbm images (PPM, PGM, PBM) aren't supported. Export the chart as PNG or JPEG.",
    ),
    ((b"qoif",), "QOI images aren't supported. Export the chart as PNG or JPEG."),
    (tuple(b"\x0a%c\x01" % version for version in (0, 2, 3, 4, 5)), "PCX images aren't supported. Export the chart as PNG or JPEG."),
    ((b"DDS ",), "DirectDraw (DDS) textures aren't supported. Export the chart as PNG or JPEG."),
    ((b"icns",), "Apple icon (ICNS) files aren't supported. Export the chart as PNG or JPEG."),
    ((b"v/1\x01",), "OpenEXR images aren't supported. Export the chart as PNG or JPEG."),
    ((b"#?RADIANCE", b"#?RGBE"), "Radiance HDR images aren't supported. Export the chart as PNG or JPEG."),
    # Office copies charts as these (a placeable WMF, then a plain one in memory or on disk); EMF: see sniff_unsupported.
    (
        (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00\x00\x03", b"\x02\x00\x09\x00\x00\x03"),
        _METAFILE,
    ),
    ((b"gimp xcf ",), "GIMP (XCF) files aren't supported. Export the chart as PNG or JPEG."),
    ((b"II\xbc\x00", b"II\xbc\x01"), "JPEG XR images aren't supported. Export the chart as PNG or JPEG."),
    ((b"\x8aMNG\r\n\x1a\n", b"\x8bJNG\r\n\x1a\n"), "MNG and JNG images aren't supported. Export the chart as PNG or JPEG."),
    ((b"SIMPLE  =",), "FITS images aren't supported. Export the chart as PNG or JPEG."),
    ((b"\x59\xa6\x6a\x95",), "Sun raster images aren't supported. Export the chart as PNG or JPEG."),
    ((b"\x01\xda\x00", b"\x01\xda\x01"), "SGI images aren't supported. Export the chart as PNG or JPEG."),
    ((b"/* XPM */",), "XPM images aren't supported. Export the chart as PNG or JPEG."),
)
#: The first bytes of a PNG, JPEG or GIF file written out as text (base64), lower-cased.
_BASE64_IMAGES = (b"ivborw0kggo", b"/9j/", b"r0lgodlh", b"r0lgoddh")
#: The last bytes of a TGA file of version 2 (the first have no signature).
_TGA_FOOTER = b"TRUEVISION-XFILE.\x00"
#: JPEG frame header markers (SOF0 to SOF15; 0xC4, 0xC8 and 0xCC are other segments), which give the bits per sample.
_JPEG_FRAME_HEADERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: Frame header markers of the coding processes that libjpeg-turbo (in Pillow) refuses, and what to call them:
#: hierarchical (differential) frames and arithmetic-coded lossless ones. Baseline, extended, progressive (either
#: coding) and Huffman-coded lossless JPEGs of 8 bits a sample decode.
_UNDECODABLE_JPEG_PROCESSES: dict[int, str] = {
    **dict.fromkeys((0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF), "Hierarchical"),
    0xCB: "Arithmetic-coded lossless",
}
#: More header parts before the pixels (JPEG segments, PNG chunks, GIF extension blocks) than any writer makes
#: (an ICC profile in a JPEG takes at most 255 segments); a JPEG's junk bytes, and its segments between scans, count too.
_MAX_HEADER_PARTS = 10_000
#: Parts of a PNG or GIF file in all (see :data:`_FILE_PARTS`), its pixels' too: writers store a PNG's pixels in chunks
#: of 8 KB or more, a GIF's in sub-blocks of 255 bytes (100,000 in a 25 MB file). Pillow reads each in Python, where
#: it reads them: 2 million empty PNG chunks took it 1.5 s as pixels, 4 s (and 300 MB) after them; 4 million tiny GIF
#: comment blocks after a blank first frame, 4 s and 700 MB. Strips (or tiles) of a TIFF page, too: a 40 MP page in
#: one-row strips has at most 44,722 of them (see :data:`config.MAX_ASPECT_RATIO`), in tiles of 16×16 pixels 156,250.
_MAX_FILE_PARTS = 200_000
#: Scans (passes over the pixels) of a JPEG file, ten times what a progressive JPEG has: libjpeg goes over the
#: whole picture in each, however few bytes it holds (10,000 empty scans of a 36 MP picture took 16 s).
_MAX_JPEG_SCANS = 100
#: A JPEG marker: 0xFF, then a byte that is not a stuffed zero, a fill byte, a restart marker (those lie among
#: the pixels) or the rare marker of no length (TEM).
_JPEG_MARKER = re.compile(rb"\xff[^\x00\x01\xd0-\xd7\xff]")
#: Limits on run-length compressed BMPs, which Pillow decodes in Python, a step at a time (1 KB of them took
#: 4 s): each keeps the time under half a second.
_MAX_RLE_BMP_PIXELS = 4_000_000
_MAX_RLE_BMP_BYTES = 2 * 2**20
#: BMP compressions that wrap a whole JPEG or PNG file (for printers), which Pillow can't decode; in an OS/2 BMP
#: (an info header of 64 bytes) 4 means run lengths of 24-bit pixels instead.
_EMBEDDED_BMP_COMPRESSIONS: dict[int, str] = {4: "JPEG", 5: "PNG"}
_OS2_BMP_INFO_SIZE = 64
#: How to name, to the sender, the formats Pillow names otherwise.
_PILLOW_FORMAT_NAMES = {"WEBP": "WebP"}
#: Leading bytes of the formats we decode, to say "damaged" rather than "not an image" when Pillow can't read one.
_RASTER_SIGNATURES: tuple[tuple[tuple[bytes, ...], str], ...] = (
    ((_PNG_SIGNATURE,), "PNG"),
    ((b"\xff\xd8\xff",), "JPEG"),
    ((b"GIF87a", b"GIF89a"), "GIF"),
    ((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"), "TIFF"),  # classic TIFF, then BigTIFF
)

#: Files people post that are no picture at all, by their first bytes, with what to send instead.
_SCREENSHOT = "Post a screenshot of the chart (PNG or JPEG) instead."
_NOT_IMAGE_SIGNATURES: tuple[tuple[tuple[bytes, ...], str], ...] = (
    ((b"\x1a\x45\xdf\xa3",), f"That's a video (WebM or Matroska), not an image. {_SCREENSHOT}"),
    # MP3 (tagged, or from its first frame's sync bits), FLAC
    ((b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"fLaC"), f"That's an audio file, not an image. {_SCREENSHOT}"),
    ((b"OggS",), f"That's an Ogg file (sound or video), not an image. {_SCREENSHOT}"),
    (
        (b"PK\x03\x04", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b"),
        f"That's an archive (ZIP, RAR, 7z or gzip; Word, Excel and PowerPoint files are ZIPs too), not an image. "
        f"{_SCREENSHOT}",
    ),
)
#: The kinds of RIFF file (bytes 8 to 12) that aren't WebP pictures.
_RIFF_KINDS = {b"AVI ": "a video (AVI)", b"WAVE": "an audio file (WAV)"}
#: The major brands (bytes 8 to 12) of ISO media files that are videos or sound, not AVIF or HEIF pictures.
_MEDIA_BRANDS = {
    **dict.fromkeys((b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"qt  "), "a video"),
    **dict.fromkeys((b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"dash", b"MSNV"), "a video"),
    **dict.fromkeys((b"M4A ", b"M4B "), "an audio file"),
}


def sniff_unsupported(head: bytes) -> None:
    """Raise a specific error for well-known non-raster inputs, judged from the first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"%pdf"):
        raise UnsupportedFormat("That's a PDF, not an image. Export the chart as PNG or JPEG.")
    for signatures, message in _UNSUPPORTED_SIGNATURES:
        if head.startswith(signatures):
            raise UnsupportedFormat(message)
    if head.startswith(b"\x01\x00\x00\x00") and head[40:44] == b" EMF":
        raise UnsupportedFormat(_METAFILE)
    if head[128:132] == b"DICM":
        raise UnsupportedFormat("DICOM (medical) images aren't supported. Export the chart as PNG or JPEG.")
    if stripped.startswith(b"#define ") and b"_width " in stripped:
        raise UnsupportedFormat("XBM images aren't supported. Export the chart as PNG or JPEG.")
    unzipped = _unzipped_start(head).lstrip(b"\xef\xbb\xbf \t\r\n").lower() if head.startswith(b"\x1f\x8b") else b""
    if unzipped.startswith(b"<") and b"<svg" in unzipped:
        raise UnsupportedFormat("Compressed SVG (SVGZ) images aren't supported. Export the chart as PNG or JPEG.")
    if stripped.startswith(b"data:image/"):
        raise NotAnImage(
            "That's an image written out as text (a data: URI), not the image file itself. Save the image and send the file."
        )
    if stripped.startswith(_BASE64_IMAGES):
        raise NotAnImage("That's an image written out as text (base64), not the image file itself. Send the image file.")
    is_web_page = stripped.startswith(b"<") and (stripped.startswith(b"<!doctype html") or b"<html" in stripped)
    if stripped.startswith(b"<") and b"<svg" in stripped and not is_web_page:
        raise UnsupportedFormat("SVG images aren't supported. Export the chart as PNG or JPEG.")
    for signatures, message in _NOT_IMAGE_SIGNATURES:
        if head.startswith(signatures):
            raise NotAnImage(message)
    kinds = _MEDIA_BRANDS if head[4:8] == b"ftyp" else _RIFF_KINDS if head[:4] == b"RIFF" else {}
    if media := kinds.get(head[8:12]):
        raise NotAnImage(f"That's {media}, not an image. {_SCREENSHOT}")
    brands = head[8 : int.from_bytes(head[:4], "big")] if head[4:8] == b"ftyp" else b""
    if brands[:4] in _HEIF_BRANDS and b"avif" not in brands and b"avis" not in brands:
        raise UnsupportedFormat("HEIC photos aren't supported. Share it as JPEG or PNG instead.")
    if is_web_page:
        raise NotAnImage("That's a web page, not an image. Link the image file itself.")


def sniff_unsupported_end(data: bytes) -> None:
    """Raise a specific error for an image format known by its last bytes (a TGA file of version 2): called only for
    a file no decoder we use recognised, as other files may end so too."""
    if data.endswith(_TGA_FOOTER):
        raise UnsupportedFormat("TGA images aren't supported. Export the chart as PNG or JPEG.")


def _unzipped_start(head: bytes) -> bytes:
    """The first bytes (at most 1 KB) of what the start of a gzip file (``head``) unpacks to; b"" if it is damaged."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 1024)  # bounded: a bomb unpacks no further
    except zlib.error:
        return b""


def _is_webp(data: bytes) -> bool:
    """Whether ``data`` starts like a WebP file (a RIFF container of kind WEBP)."""
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def webp_first_frame(data: bytes) -> tuple[int, int, int, int] | None:
    """Where the first frame of an animated WebP file (a one-frame animation too) lies on its canvas, as
    (left, upper, right, lower); None for a still WebP, or where no frame header comes within its first
    :data:`_MAX_HEADER_PARTS` chunks or it is cut short."""
    for position in itertools.islice(_webp_chunks(data), _MAX_HEADER_PARTS):
        if data[position : position + 4] == b"ANMF":
            fields = data[position + 8 : position + 20]  # 24-bit numbers: half the offset, then the size less one
            if len(fields) < 12:
                return None
            x, y, width, height = (int.from_bytes(fields[i : i + 3], "little") for i in range(0, 12, 3))
            return 2 * x, 2 * y, 2 * x + width + 1, 2 * y + height + 1
    return None


def _webp_chunks(data: bytes) -> Iterator[int]:
    """Where each chunk of a WebP file (after its RIFF header) begins."""
    position = 12
    while position + 8 <= len(data):
        yield position
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + size + size % 2  # chunks start on an even offset


def format_named_by(data: bytes) -> str | None:
    """The name of the format we decode whose signature ``data`` starts with, if any."""
    if _is_webp(data):
        return "WebP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"avif", b"avis"):
        return "AVIF"
    return next((name for signatures, name in _RASTER_SIGNATURES if data.startswith(signatures)), None)


def is_cut_short(data: bytes) -> bool:
    """True when a WebP file is shorter than its RIFF header says (libwebp only says it can't decode it)."""
    return _is_webp(data) and int.from_bytes(data[4:8], "little") + 8 > len(data)


def without_png_metadata(data: bytes) -> bytes:
    """``data`` without its compressed text and colour-profile chunks if it is a PNG that has some,
    else ``data`` itself.

    No pixel depends on them, and Pillow refuses a PNG whose metadata unpacks to more than 1 MB
    (a chunk) or 64 MB (all of them), a decompression bomb there: the picture may still be fine.
    A damaged or truncated file stays so, its chunks are cut out as they are.
    """
    if not data.startswith(_PNG_SIGNATURE):
        return data
    kept: list[bytes] = []
    start, position = 0, len(_PNG_SIGNATURE)
    while position + 8 <= len(data):
        end = position + 12 + int.from_bytes(data[position : position + 4], "big")
        if data[position + 4 : position + 8] in _PNG_METADATA_CHUNKS:
            kept.append(data[start:position])
            start = end
        position = end
    return b"".join([*kept, data[start:]]) if kept else data


def without_broken_png_chunks(data: bytes) -> bytes:
    """``data`` without the ancillary chunks (text, times, colour profiles...: any whose type starts in lower case)
    whose checksum is wrong, if it is a PNG that has some, else ``data`` itself.

    Pillow refuses a PNG with any chunk so damaged; browsers (libpng) drop an ancillary one and show the picture,
    which no such chunk is part of. A critical chunk (the header, palette or pixels) damaged stays so.
    """
    if not data.startswith(_PNG_SIGNATURE):
        return data
    kept: list[bytes] = []
    start = 0
    for position in itertools.islice(_png_chunks(data, to_end=True), _MAX_FILE_PARTS):  # as many as Pillow reads
        length = int.from_bytes(data[position : position + 4], "big")
        end = position + 12 + length
        checksum = data[end - 4 : end]
        if data[position + 4] & 0x20 and len(checksum) == 4 and zlib.crc32(data[position + 4 : end - 4]) != int.from_bytes(checksum, "big"):
            kept.append(data[start:position])
            start = end
    return b"".join([*kept, data[start:]]) if kept else data


def check_icon_frames(data: bytes) -> None:
    """Refuse an ICO file any of whose pictures is too large, is a PNG of endless tiny header parts or
    chunks, or is a BMP holding a JPEG or PNG or of too many run lengths (see :func:`check_header`), before
    Pillow decodes it.

    Pillow decodes an icon while opening it, and each picture (a PNG or a BMP) has a header of its
    own that may claim far more pixels than the icon's directory (at most 256×256) says.
    """
    png_offsets: list[int] = []
    try:
        for index in range(int.from_bytes(data[4:6], "little")):
            (offset,) = struct.unpack_from("<I", data, 18 + 16 * index)
            frame = data[offset : offset + 24]
            if frame.startswith(_PNG_SIGNATURE):
                width, height = struct.unpack_from(">II", frame, 16)
                png_offsets.append(offset)
            else:  # a BMP without its file header; its height counts the transparency mask too
                width, height = struct.unpack_from("<ii", frame, 4)
                width, height = abs(width), abs(height) // 2
                _check_bitmap("ICO", frame[:20], len(data) - offset)
            check_pixel_count(width, height)
    except struct.error as exc:
        raise CorruptImage(TRUNCATED) from exc
    _check_part_count("ICO", itertools.chain.from_iterable(_png_chunks(data, offset) for offset in png_offsets))
    _check_file_parts("ICO", itertools.chain.from_iterable(_png_chunks(data, offset, to_end=True) for offset in png_offsets))


def _jpeg_segments(data: bytes, to_end: bool = False) -> Iterator[int]:
    """Where each marker segment of a JPEG file begins, up to its pixels (the start of scan), and each byte of
    junk between them (Pillow skips one at a time, in Python); or if ``to_end``, on to the end of its first
    picture, each marker (a segment's, or a scan's) between and after its scans too, their pixels skipped unread."""
    position = 2  # after the start-of-image marker
    while position + 5 <= len(data) and data[position : position + 2] != b"\xff\xda":
        yield position
        marker = data[position + 1]
        if data[position] != 0xFF or marker == 0xFF:  # junk, or a fill byte before a marker
            position += 1
        elif marker in (0x00, 0x01) or 0xD0 <= marker <= 0xD8:  # a stuffed zero (junk too), markers without a length
            position += 2
        else:
            position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    if not to_end:
        return
    while (marker := _JPEG_MARKER.search(data, position)) is not None and data[marker.start() + 1] != 0xD9:  # the end
        yield marker.start()
        position = marker.end() + int.from_bytes(data[marker.end() : marker.end() + 2], "big")  # past the segment


def _png_chunks(data: bytes, start: int = 0, to_end: bool = False) -> Iterator[int]:
    """Where each chunk of a PNG file (at ``start`` in ``data``: an icon's picture) begins, up to its pixels
    (the first IDAT chunk), or if ``to_end`` up to its end (IEND, which Pillow reads to)."""
    position = start + len(_PNG_SIGNATURE)
    while position + 8 <= len(data) and (to_end or data[position + 4 : position + 8] != b"IDAT"):
        yield position
        if data[position + 4 : position + 8] == b"IEND":
            return
        position += 12 + int.from_bytes(data[position : position + 4], "big")


def _gif_blocks(data: bytes, to_end: bool = False) -> Iterator[int]:
    """Where each extension block (and each of its sub-blocks) of a GIF file begins, up to its first picture, or
    if ``to_end`` to its end, each picture's sub-blocks of pixels too (Pillow skips those one by one, in Python,
    on its way to the next frame)."""
    position = 13 + (3 * 2 ** ((data[10] & 7) + 1) if len(data) > 10 and data[10] & 0x80 else 0)  # header, global palette
    while position + 2 <= len(data):
        if data[position] == 0x21:  # an extension
            position += 2
        elif data[position] == 0x2C and to_end and position + 10 <= len(data):  # a picture
            flags = data[position + 9]  # its descriptor, its own palette, then its LZW code size
            position += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1
        else:  # the first picture (unless to_end), the end, or damage
            return
        while position < len(data) and data[position]:
            yield position
            position += 1 + data[position]
        position += 1


def _tiff_byteorder(data: bytes) -> str:
    """A TIFF file's byte order, as ``int.from_bytes`` names it: "little" (``II``) or "big" (``MM``)."""
    return "little" if data[:2] == b"II" else "big"


def _tiff_directories(data: bytes) -> Iterator[tuple[int, int, int]]:
    """Where the entries of each directory (IFD) of a TIFF (or BigTIFF) file's pages begin, how many there are
    (as far as the file goes), and the size of each, for the pages Pillow may read: its first, and
    :data:`config.FRAMES_SEARCHED` more past a blank first page. A directory met again (a cycle) ends them."""
    order = "<" if data[:2] == b"II" else ">"
    big = data[2:4] in (b"+\x00", b"\x00+")
    count_format, entry_size, offset_format = ("Q", 20, "Q") if big else ("H", 12, "I")
    seen: set[int] = set()
    try:
        (offset,) = struct.unpack_from(order + offset_format, data, 8 if big else 4)
        for _ in range(1 + config.FRAMES_SEARCHED):
            if offset == 0 or offset in seen:
                return
            seen.add(offset)
            (count,) = struct.unpack_from(order + count_format, data, offset)
            start = offset + struct.calcsize(count_format)
            yield start, min(count, (len(data) - start) // entry_size), entry_size
            (offset,) = struct.unpack_from(order + offset_format, data, start + entry_size * count)
    except struct.error:  # cut short: Pillow says so
        return


def _tiff_entries(data: bytes) -> Iterator[int]:
    """Where each entry of the directories (IFDs) of a TIFF file's pages begins, for the pages Pillow may read (see
    :func:`_tiff_directories`). Pillow reads each entry in Python: 30 pages of 65,000 entries each (unknown tags)
    took it 9 s."""
    for start, count, entry_size in _tiff_directories(data):
        yield from range(start, start + entry_size * count, entry_size)


#: The tags of a TIFF page that list its strips (StripOffsets, StripByteCounts) or tiles (TileOffsets, TileByteCounts).
_TIFF_PIECE_TAGS = frozenset((273, 279, 324, 325))


def _tiff_pieces(data: bytes) -> Iterator[int]:
    """One item for each strip (or tile) of the page with the most of them among those Pillow may read of a TIFF
    file, as the longer of the lists of their offsets and lengths counts them. libtiff reads those quickly, but where
    it fails to decode a page Pillow unpacks both of its lists into Python numbers (to tell whether the file was cut
    short): 6 million of them (a 25 MB file) took 4 s and 310 MB."""
    byteorder = _tiff_byteorder(data)
    most = 0
    for start, count, entry_size in _tiff_directories(data):
        width = 8 if entry_size == 20 else 4  # of a BigTIFF entry's count
        for entry in range(start, start + entry_size * count, entry_size):
            if int.from_bytes(data[entry : entry + 2], byteorder) in _TIFF_PIECE_TAGS:
                most = max(most, int.from_bytes(data[entry + 4 : entry + 4 + width], byteorder))
    return iter(range(most))


#: How to find the parts of a file's header that Pillow reads one by one, in Python, before its pixels.
_HEADER_PARTS: dict[str, Callable[[bytes], Iterator[int]]] = {
    "JPEG": _jpeg_segments,
    "PNG": _png_chunks,
    "GIF": _gif_blocks,
    "TIFF": _tiff_entries,  # the directories of the pages Pillow may read
}
#: How to find all the parts of a file that Pillow may read one by one, in Python: a PNG's chunks (where libspng
#: is missing), a GIF's blocks on the way to a frame after the first (past a blank first frame). A TIFF page's
#: strips or tiles are counted only where libtiff fails on it (see :func:`check_tiff_pieces`).
_FILE_PARTS: dict[str, Callable[[bytes], Iterator[int]]] = {
    "PNG": lambda data: _png_chunks(data, to_end=True),
    "GIF": lambda data: _gif_blocks(data, to_end=True),
}


def check_header(data: bytes) -> None:
    """Refuse, before Pillow reads it, a file whose header it would spend seconds on or misname.

    A header of millions of tiny parts (25 MB of empty JPEG comments took Pillow ten seconds, GIF
    comments a gigabyte of memory, the directories of 30 TIFF pages 9 s), where no writer makes more than a
    few hundred; a PNG of endless chunks (anywhere), a JPEG of endless scans, or a large run-length compressed BMP, that would take seconds to
    decode; and, which Pillow can't decode and calls unreadable, a JPEG of 12- or 16-bit samples (medical and
    scientific images) or of a coding process libjpeg refuses, and a BMP holding a JPEG or PNG.
    """
    if data.startswith(b"BM"):
        _check_bitmap("BMP", data[14:34], len(data))
    name = format_named_by(data)
    if name not in _HEADER_PARTS:
        return
    _check_part_count(name, _HEADER_PARTS[name](data))
    if name in _FILE_PARTS:
        _check_file_parts(name, _FILE_PARTS[name](data))
    if name == "JPEG":
        # The markers of the whole file (not junk, nor a fill byte or a stuffed zero), listed once for the checks below:
        # a second walk, over its header again (counted above with its junk) and on between and after its scans.
        parts = _jpeg_segments(data, to_end=True)
        markers = list(itertools.islice((p for p in parts if _JPEG_MARKER.match(data, p)), _MAX_HEADER_PARTS + 1))
        _check_part_count(name, iter(markers))  # the segments between its scans too
        # The first frame header whole enough to give its bits a sample (one cut shorter is left to Pillow to call truncated).
        frame = next((p for p in markers if data[p + 1] in _JPEG_FRAME_HEADERS and p + 4 < len(data)), None)
        if frame is not None and (bits := data[frame + 4]) in (12, 16):
            raise UnsupportedFormat(f"{bits}-bit JPEG images aren't supported. Export the chart as an 8-bit JPEG or a PNG.")
        if frame is not None and (process := _UNDECODABLE_JPEG_PROCESSES.get(data[frame + 1])) is not None:
            raise UnsupportedFormat(f"{process} JPEG images aren't supported. Export the chart as a standard JPEG or a PNG.")
        if sum(data[p + 1] == 0xDA for p in markers) > _MAX_JPEG_SCANS:
            raise CorruptImage(
                f"The JPEG file has over {_MAX_JPEG_SCANS} scans (passes over its pixels), far more than any picture needs, "
                "so it can't be decoded."
            )


def is_single_scan_jpeg(data: bytes) -> bool:
    """Whether ``data`` is a JPEG of one scan: its frame header names a sequential Huffman-coded picture (baseline or
    extended, unlike a progressive one's passes) and its first scan holds every colour component (a sequential
    picture may be scanned a component at a time, one scan each)."""
    if format_named_by(data) != "JPEG":
        return False
    frame = None
    for p in _jpeg_segments(data, to_end=True):
        if data[p] != 0xFF:
            continue
        if frame is None and data[p + 1] in _JPEG_FRAME_HEADERS:
            frame = p
        elif data[p + 1] == 0xDA:  # the first scan: how many components it holds, against the frame's
            return frame is not None and data[frame + 1] in (0xC0, 0xC1) and data[p + 4 : p + 5] == data[frame + 9 : frame + 10]
    return False


def _check_bitmap(name: str, info: bytes, size: int) -> None:
    """Refuse a BMP picture (``info``: its info header; in a ``name`` file, a BMP or an ICO) that holds a JPEG
    or PNG, or that is run-length compressed and too large (see :func:`_check_run_lengths`)."""
    embedded = _EMBEDDED_BMP_COMPRESSIONS.get(_bmp_compression(info))
    if embedded is not None and int.from_bytes(info[:4], "little") != _OS2_BMP_INFO_SIZE:
        raise UnsupportedFormat(f"{name} images holding a {embedded} aren't supported. Save the chart as PNG or JPEG.")
    _check_run_lengths(info, size)


def _check_run_lengths(info: bytes, size: int) -> None:
    """Refuse a run-length compressed BMP picture (``info``: its info header) of over :data:`_MAX_RLE_BMP_PIXELS`
    (as its header counts them: an icon's count its transparency mask too) or :data:`_MAX_RLE_BMP_BYTES` (``size``,
    as far as the file goes on)."""
    if _bmp_compression(info) not in (1, 2):
        return  # not run-length compressed
    width, height = struct.unpack_from("<ii", info, 4)
    if abs(width * height) > _MAX_RLE_BMP_PIXELS or size > _MAX_RLE_BMP_BYTES:
        raise ImageTooLarge(
            "Run-length compressed BMP files are slow to decode, so their limit is "
            f"{_MAX_RLE_BMP_PIXELS / 1e6:.0f} megapixels and {_MAX_RLE_BMP_BYTES // 2**20} MB. Save the chart as PNG instead."
        )


def _bmp_compression(info: bytes) -> int:
    """The compression a BMP picture's info header (``info``) names; 0 (none) for an older header, or one too
    short to name it."""
    if len(info) < 20 or int.from_bytes(info[:4], "little") < 40:
        return 0
    return int.from_bytes(info[16:20], "little")


def _check_part_count(name: str, parts: Iterator[int]) -> None:
    """Refuse a ``name`` file whose header ``parts`` are over :data:`_MAX_HEADER_PARTS`, reading no more of them."""
    if next(itertools.islice(parts, _MAX_HEADER_PARTS, None), None) is not None:
        raise CorruptImage(
            f"The {name} file has over {_MAX_HEADER_PARTS} header parts before its pixels, far more than any picture needs, "
            "so it can't be decoded."
        )


def _check_file_parts(name: str, parts: Iterator[int]) -> None:
    """Refuse a ``name`` file whose ``parts`` (see :data:`_FILE_PARTS`; an ICO's, those of the PNGs it holds) are
    over :data:`_MAX_FILE_PARTS`, reading no more of them."""
    if next(itertools.islice(parts, _MAX_FILE_PARTS, None), None) is not None:
        raise CorruptImage(
            f"The {name} file is stored in over {_MAX_FILE_PARTS} parts, far more than any picture needs, so it can't be decoded."
        )


#: TIFF sample formats (tag 339), as a message names them.
_TIFF_SAMPLE_FORMATS = {1: "", 2: "signed ", 3: "floating-point ", 4: "untyped ", 5: "complex ", 6: "complex floating-point "}


#: TIFF colour spaces (photometric interpretations, tag 262) Pillow knows some sample layouts of: grey (either way
#: round), RGB, palette, CMYK, YCbCr, CIE L*a*b*.
_TIFF_COLOUR_SPACES = frozenset((0, 1, 2, 3, 5, 6, 8))


def describe_tiff_samples(data: bytes) -> str:
    """What a TIFF file's first page holds a pixel, from its header: "3 channels of 32-bit floating-point samples"
    ("" if its header doesn't say, or names a colour space of no known number)."""
    byteorder = _tiff_byteorder(data)
    values: dict[int, int] = {}
    for start, count, entry_size in itertools.islice(_tiff_directories(data), 1):
        for entry in range(start, start + entry_size * count, entry_size):
            tag, kind = int.from_bytes(data[entry : entry + 2], byteorder), int.from_bytes(data[entry + 2 : entry + 4], byteorder)
            if tag in (258, 262, 277, 339) and kind == 3:  # BitsPerSample, colour space, SamplesPerPixel, SampleFormat
                number = int.from_bytes(data[entry + 4 : entry + (12 if entry_size == 20 else 8)], byteorder)
                value = entry + (12 if entry_size == 20 else 8)  # the first of them, in the entry where they fit
                if number * 2 > (8 if entry_size == 20 else 4):
                    value = int.from_bytes(data[value : value + (8 if entry_size == 20 else 4)], byteorder)
                if len(first := data[value : value + 2]) == 2:
                    values[tag] = int.from_bytes(first, byteorder)
    if 258 not in values or values.get(262) not in _TIFF_COLOUR_SPACES:  # a colour space of no known number: damage
        return ""
    channels = values.get(277, 1)
    kind = _TIFF_SAMPLE_FORMATS.get(values.get(339, 1), "")
    return f"{channels} channel{'s' if channels != 1 else ''} of {values[258]}-bit {kind}samples"


def check_tiff_pieces(data: bytes) -> None:
    """Refuse a TIFF file a page of which lists over :data:`_MAX_FILE_PARTS` strips or tiles (see
    :func:`_tiff_pieces`), before Pillow unpacks their offsets and lengths: called where libtiff failed to decode it
    (earlier, a page too long and thin to show a chart, the one way to have so many strips of one row, would be
    refused as such no more)."""
    _check_file_parts("TIFF", _tiff_pieces(data))


def check_pixel_count(width: int, height: int, fmt: str | None = None) -> None:
    """Refuse a picture of more than :data:`config.MAX_IMAGE_PIXELS`, or where ``fmt`` (a format as Pillow names
    it) has a lower limit in :data:`config.MAX_IMAGE_PIXELS_BY_FORMAT`, more than that, from the size its header
    claims."""
    if width * height > config.MAX_IMAGE_PIXELS:
        raise ImageTooLarge(
            f"The image is {width}×{height} pixels; the limit is {config.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels."
        )
    limit = config.MAX_IMAGE_PIXELS_BY_FORMAT.get(fmt or "")
    if limit is not None and width * height > limit:
        name = _PILLOW_FORMAT_NAMES.get(fmt or "", fmt)
        raise ImageTooLarge(
            f"The {name} image is {width}×{height} pixels; the limit for {name} images is {limit / 1e6:.0f} megapixels "
            "(decoding them takes more memory). Resize it, or send it as PNG or JPEG."
        )
