"""Decoding and preprocessing: every input kind, every mode, every hostile file."""

from __future__ import annotations

import base64
import gzip
import io
import re
import shutil
import subprocess
import struct
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageEnhance, PngImagePlugin

from benchmarks.memory import decoding_peak
from classifier import config
from classifier.errors import BlankImage, CorruptImage, ImageTooLarge, ImageTooSmall, NotAnImage, UnreadableInput, UnsupportedFormat
from classifier import imaging, rgb
from classifier.imaging import load_image, preprocess
from tests.images import (
    avif_animation_without_timescale,
    avif_with_lying_size,
    bar_chart,
    bitmap_holding,
    bitmap_with_alpha,
    damaged_avif,
    encode,
    gif_of_blank_frame_then_chart,
    gif_on_larger_screen,
    icon_around,
    icon_of_bitmap,
    jpeg_with_damaged_exif,
    jpeg_with_empty_scans,
    lossless_jpeg,
    png_chunk,
    png_rotated_by_text,
    png_with_lying_header,
    run_length_bitmap,
    tiff_of_one_row_strips,
    tiff_of_pages_of_many_tags,
    tiff_with_second_page_of_unknown_compression,
    tiff_with_lying_second_page,
    tiff_with_second_page_without_width,
    tiled_tiff,
    webp_animation_on_larger_canvas,
    with_header_parts,
    with_png_chunk,
    with_tiff_tag,
)

SIZE = 224


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "LA", "L", "1", "P", "CMYK", "I", "F", "I;16"])
def test_every_mode_becomes_rgb_uint8(mode: str) -> None:
    fmt = "TIFF" if mode in ("CMYK", "I", "F") else "PNG"
    source = bar_chart(mode="L").convert(mode) if mode in ("I", "F", "I;16") else bar_chart(mode=mode)
    x = preprocess(encode(source, fmt), SIZE)
    assert x.shape == (SIZE, SIZE, 3) and x.dtype == np.uint8
    assert x.std() > 10  # the chart survived the conversion


def test_sixteen_bit_values_are_scaled_not_clipped() -> None:
    values = np.tile(np.linspace(0, 65535, 256, dtype=np.uint16), (64, 1))
    image = load_image(encode(Image.fromarray(values)))  # a 16-bit greyscale PNG
    row = np.asarray(image)[0, :, 0]
    assert row[0] < 5 and row[-1] > 250 and 100 < row[128] < 160


def test_float_images_in_the_unit_range_are_scaled_not_left_black() -> None:
    values = np.tile(np.linspace(0, 1, 256, dtype=np.float32), (64, 1))
    row = np.asarray(load_image(encode(Image.fromarray(values, "F"), "TIFF")))[0, :, 0]
    assert row[0] < 5 and row[-1] > 250 and 100 < row[128] < 160


@pytest.mark.parametrize("mode", ["I;16", "F"])
def test_a_tiff_whose_zero_is_white_is_not_inverted_at_16_bits_or_in_floating_point(mode: str) -> None:
    """Scanners write grey from white (zero) to black; Pillow turns only samples of 8 bits or fewer round."""
    grey = np.asarray(bar_chart().convert("L"), dtype=np.float32)
    values = ((255 - grey) * 257).astype(np.uint16) if mode == "I;16" else 1 - grey / 255
    tiff = with_tiff_tag(encode(Image.fromarray(values), "TIFF"), 262, 0)  # PhotometricInterpretation: MinIsWhite
    assert np.abs(np.asarray(load_image(tiff).convert("L"), dtype=np.float32) - grey).mean() < 1


def test_a_tiff_of_grey_and_premultiplied_alpha_is_read() -> None:
    """Its ExtraSamples tag says "associated alpha": Pillow's mode La, which it converts to RGBA only by way of LA."""
    tiff = with_tiff_tag(encode(bar_chart(mode="LA"), "TIFF"), 338, 1)
    assert np.array_equal(preprocess(tiff, SIZE), preprocess(encode(bar_chart(mode="L")), SIZE))


@pytest.mark.parametrize("mode", ["P", "LA", "RGB"])
def test_transparency_converted_a_band_at_a_time_is_composited_as_the_whole_picture_would_be(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A picture not already RGBA is converted to RGBA, and composited, a band of rows at a time."""
    monkeypatch.setattr(rgb, "_BAND_PIXELS", 640 * 100)  # five bands, the last one short
    rgba = np.asarray(bar_chart(mode="RGBA")).copy()
    rgba[::3, :, 3] = 90  # some partly transparent rows
    if mode == "P":
        data = encode(bar_chart().quantize(16), "PNG", transparency=0)
    elif mode == "RGB":
        data = encode(bar_chart(), "PNG", transparency=(255, 255, 255))
    else:  # a TIFF: libspng, where installed, decodes a grey PNG with alpha to RGBA itself
        data = encode(Image.fromarray(rgba, "RGBA").convert("LA"), "TIFF")
    whole = encode(Image.open(io.BytesIO(data)).convert("RGBA"))
    assert np.array_equal(np.asarray(load_image(data)), np.asarray(load_image(whole)))


def test_samples_beyond_8_bits_are_scaled_by_the_range_of_the_whole_picture_not_of_each_band(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """They are converted a band of rows at a time: each band's values must be stretched by the picture's range."""
    monkeypatch.setattr(rgb, "_BAND_PIXELS", 640 * 100)  # five bands, the last one short
    values = np.tile(np.linspace(3000, -1000, 480, dtype=np.float32)[:, None], (1, 640))
    values[200:210] = np.nan  # taken as the lowest value, which is in the last band
    column = np.asarray(load_image(encode(Image.fromarray(values, "F"), "TIFF")), dtype=int)[:, 0, 0]
    expected = np.nan_to_num((values[:, 0] + 1000) / 4000 * 255, nan=0.0)
    assert np.abs(column - expected).max() <= 1


def test_transparency_is_composited_on_white() -> None:
    transparent = Image.new("RGBA", (64, 64), (255, 0, 0, 0))
    assert np.asarray(load_image(encode(transparent))).min() == 255
    dark_ink = np.asarray(bar_chart(mode="RGBA")).copy()
    dark_ink[..., 3] = np.where(dark_ink[..., :3].min(axis=-1) == 255, 0, 255)  # the white canvas made transparent
    assert tuple(np.asarray(load_image(encode(Image.fromarray(dark_ink))))[0, 0]) == (255, 255, 255)


def test_a_chart_drawn_in_light_ink_for_dark_themes_is_shown_on_dark_grey() -> None:
    """White axes and bars on a transparent canvas vanish on white; Discord's dark theme shows them on grey."""
    drawn = np.asarray(bar_chart().convert("L")) < 255
    light_ink = np.zeros((*drawn.shape, 4), dtype=np.uint8)
    light_ink[drawn] = (240, 240, 240, 255)  # light grey axes and bars on a clear canvas
    image = np.asarray(load_image(encode(Image.fromarray(light_ink))))
    assert tuple(image[0, 0]) == rgb._DARK_THEME_GREY
    assert image.max() > 200  # the light bars and axes are still there
    assert preprocess(encode(Image.fromarray(light_ink)), SIZE).std() > 10  # a chart, not a blank image


@pytest.mark.skipif(imaging.spng is None, reason="pyspng is not installed here")
@pytest.mark.parametrize("mode", ["RGB", "RGBA", "LA", "L", "1", "P", "P+tRNS", "I;16"])
def test_fast_png_decoder_gives_pillows_pixels(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    chart = bar_chart(mode="RGBA").convert("RGBA")
    alpha = np.asarray(chart).copy()
    alpha[::3, :, 3] = 90  # some partly transparent rows
    source = Image.fromarray(alpha, "RGBA")
    if mode in ("P", "P+tRNS"):  # a palette made from RGB: Pillow's RGBA -> P would add a tRNS chunk to "P" too
        source, extra = source.convert("RGB").quantize(32), ({"transparency": 2} if mode == "P+tRNS" else {})
    else:
        source, extra = (source.convert("L").convert(mode) if mode == "I;16" else source.convert(mode)), {}
    buffer = io.BytesIO()
    source.save(buffer, "PNG", **extra)
    fast = np.asarray(load_image(buffer.getvalue()))
    monkeypatch.setattr(imaging, "spng", None)
    assert np.array_equal(fast, np.asarray(load_image(buffer.getvalue())))


def test_a_bmp_whose_alpha_is_zero_throughout_is_opaque_not_blank() -> None:
    """Many BMP writers leave a 32-bit pixel's spare byte zero even where the header names it alpha;
    browsers and Windows then show the picture opaque."""
    rgba = np.asarray(bar_chart(mode="RGBA")).copy()
    assert np.array_equal(preprocess(bitmap_with_alpha(rgba), SIZE), preprocess(encode(bar_chart()), SIZE))
    rgba[..., 3] = 0
    assert np.array_equal(preprocess(bitmap_with_alpha(rgba), SIZE), preprocess(encode(bar_chart()), SIZE))
    rgba[:, :320, 3] = 255  # an alpha channel in use: the clear half is white
    assert np.asarray(load_image(bitmap_with_alpha(rgba)))[:, 320:].min() == 255


def test_a_gif_screen_beyond_its_first_frame_is_clear_not_the_palettes_first_colour() -> None:
    """Browsers show what a GIF's first frame leaves of its logical screen clear; Pillow fills it with the
    palette's first colour, here black, a frame around the chart that was never drawn."""
    chart = bar_chart().convert("P")  # the web palette, black first
    on_white = Image.new("RGB", (800, 600), "white")
    on_white.paste(chart.convert("RGB"))
    assert np.array_equal(np.asarray(load_image(gif_on_larger_screen(chart, 800, 600))), np.asarray(on_white))


@pytest.mark.parametrize("frames", [1, 2], ids=["one-frame", "animated"])
def test_a_webp_canvas_beyond_its_first_frame_is_clear_not_black(frames: int) -> None:
    """What no frame of an animated WebP covers is clear (the background colour its header gives is ignored, by
    browsers and libwebp alike); Pillow takes a WebP whose header marks no alpha as opaque, so showed it black."""
    chart = bar_chart()
    data = webp_animation_on_larger_canvas([chart] + [Image.new("RGB", chart.size, "black")] * (frames - 1), 800, 600, (80, 60))
    on_white = Image.new("RGB", (800, 600), "white")
    on_white.paste(chart, (80, 60))
    assert np.array_equal(np.asarray(load_image(data)), np.asarray(on_white))
    assert np.array_equal(preprocess(data, SIZE), preprocess(encode(on_white), SIZE))


def test_an_icon_whose_alpha_is_zero_throughout_is_opaque_not_blank() -> None:
    """As in a BMP (above): older icon writers left a 32-bit picture's alpha zero, its mask alone saying what
    is clear, and Windows and browsers then show it opaque but for its mask. A PNG in an icon that is clear
    throughout is blank."""
    rgba = np.asarray(bar_chart((64, 64), mode="RGBA")).copy()
    rgba[..., 3] = 0
    assert np.array_equal(preprocess(icon_of_bitmap(rgba), SIZE), preprocess(encode(bar_chart((64, 64))), SIZE))
    clear = np.zeros((64, 64), dtype=bool)
    clear[:, :20] = True
    rgba[:, :20, :3] = 0  # black under the mask, as icon writers leave it
    shown = np.asarray(load_image(icon_of_bitmap(rgba, clear)))
    assert shown[:, :20].min() == 255 and np.array_equal(shown[:, 20:], np.asarray(bar_chart((64, 64)))[:, 20:])
    with pytest.raises(BlankImage):
        preprocess(icon_around(encode(Image.fromarray(rgba))), SIZE)
    rgba[:, :32, 3] = 255  # an alpha channel in use: the clear half is white
    assert np.asarray(load_image(icon_of_bitmap(rgba)))[:, 32:].min() == 255


def test_a_colour_marked_transparent_in_an_rgb_png_is_composited_like_an_alpha_channel() -> None:
    """An RGB PNG's tRNS chunk names one colour as transparent (here the magenta canvas): browsers show it
    as a clear canvas, so the model must see white, not magenta."""
    pixels = np.asarray(bar_chart()).copy()
    pixels[(pixels == 255).all(axis=-1)] = (255, 0, 255)
    data = encode(Image.fromarray(pixels), "PNG", transparency=(255, 0, 255))
    assert np.array_equal(preprocess(data, SIZE), preprocess(encode(bar_chart()), SIZE))


def test_an_mpo_photo_is_its_first_picture_not_a_search_through_its_other_views() -> None:
    """A phone's multi-picture JPEG holds other views of one scene (a stereo pair's other eye, a preview)."""
    chart = bar_chart()
    assert preprocess(encode(chart, "MPO", save_all=True, append_images=[Image.new("RGB", chart.size)]), SIZE).std() > 10
    with pytest.raises(BlankImage):  # was "truncated": the next picture was read at the first one's reduced size
        preprocess(encode(Image.new("RGB", chart.size, "white"), "MPO", save_all=True, append_images=[chart]), SIZE)


def test_exif_orientation_is_applied() -> None:
    image = bar_chart((400, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise
    assert load_image(encode(image, "JPEG", exif=exif)).size == (200, 400)


@pytest.mark.skipif(imaging.spng is None, reason="pyspng is not installed here")
@pytest.mark.parametrize("kind", [b"tEXt", b"iTXt"])
def test_a_png_oriented_by_a_text_chunk_is_turned_whichever_decoder_is_installed(kind: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pillow applies it; libspng (installed on x86, not on ARM) knows nothing of it."""
    data = png_rotated_by_text(kind)
    fast = load_image(data)
    monkeypatch.setattr(imaging, "spng", None)
    assert fast.size == load_image(data).size == (480, 640)


def test_damaged_exif_tags_do_not_stop_the_orientation_or_the_picture() -> None:
    assert load_image(jpeg_with_damaged_exif()).size == (480, 640)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
@pytest.mark.parametrize("exif", [b"II*\x00\x08", b"JUNKJUNK"], ids=["cut-short", "not-exif"])
def test_exif_data_that_cannot_be_read_leaves_the_picture_as_it_is(fmt: str, exif: bytes) -> None:
    """A PNG's eXIf chunk or a WebP's EXIF chunk holding no readable EXIF: browsers show the picture, and so do we."""
    chart = bar_chart((300, 200))
    assert load_image(encode(chart, fmt, exif=exif)).size == (300, 200)


def test_an_imagemagick_exif_text_chunk_that_is_not_hex_leaves_the_picture_as_it_is() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Raw profile type exif", "\nexif\n      10\nzzzzzzzzzzzzzzzzzzzz\n")
    assert load_image(encode(bar_chart((300, 200)), "PNG", pnginfo=info)).size == (300, 200)


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP", "TIFF"])
def test_an_animation_blank_throughout_is_its_first_frame(fmt: str) -> None:
    """The blank first frame is not kept through the search for a drawn one but decoded again: it must come back."""
    frames = [Image.new("RGB", (64, 64), colour) for colour in ((250, 250, 250), (252, 251, 250), "black")]
    lossless = {"lossless": True} if fmt == "WEBP" else {}
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], **lossless)
    assert np.array_equal(np.asarray(load_image(data)), np.asarray(frames[0]))


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP", "TIFF"])
def test_an_animation_or_multi_page_file_whose_first_frame_is_blank_shows_its_first_drawn_frame(fmt: str) -> None:
    """A blank cover page, or the empty canvas an animation draws its chart on, is not the answer."""
    chart = bar_chart()
    blank, black = Image.new("RGB", chart.size, "white"), Image.new("RGB", chart.size, "black")
    assert preprocess(encode(blank, fmt, save_all=True, append_images=[chart, black]), SIZE).std() > 10
    with pytest.raises(BlankImage):  # a file blank throughout is still named as such
        preprocess(encode(blank, fmt, save_all=True, append_images=[black]), SIZE)


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP", "TIFF"])
def test_an_animation_whose_first_frame_is_a_speck_on_an_empty_canvas_shows_its_chart_not_a_blank(fmt: str) -> None:
    """A first frame that preprocess would refuse as blank (one colour but for a few stray pixels), not only one
    flat colour, is searched past: the chart drawn after it is what is named."""
    chart = bar_chart()
    speck = Image.new("RGB", chart.size, "white")
    for xy in ((100, 100), (500, 300)):
        speck.putpixel(xy, (0, 0, 0))
    lossless = {"lossless": True} if fmt == "WEBP" else {}
    with pytest.raises(BlankImage):  # blank on its own, but not flat
        preprocess(encode(speck, fmt, **lossless), SIZE)
    assert np.ptp(np.asarray(load_image(encode(speck, fmt, **lossless)))) > config.BLANK_IMAGE_LEVELS
    animation = encode(speck, fmt, save_all=True, append_images=[chart], **lossless)
    assert np.array_equal(preprocess(animation, SIZE), preprocess(encode(chart, fmt, **lossless), SIZE))


@pytest.mark.parametrize("side", [7_000, 20_000])
def test_the_search_past_a_blank_first_page_decodes_no_page_over_the_limit(side: int) -> None:
    """Each page of a TIFF has a size of its own: past the limit (49 MP) or Pillow's backstop (400 MP) it is left unread."""
    with pytest.raises(BlankImage):
        preprocess(tiff_with_lying_second_page(side, side), SIZE)


def test_a_blank_first_frame_is_decoded_again_at_its_own_size_when_a_later_frame_lies_far_beyond_the_screen() -> None:
    """Pillow grows a GIF's screen to hold each frame as it seeks to it, and keeps it grown when it seeks back:
    the first frame, decoded again after a search that found no drawn frame, came out on 7640×7480 pixels,
    over the pixel limit."""
    far = gif_of_blank_frame_then_chart(chart_at=(7000, 7000))
    assert load_image(far).size == (640, 480)
    with pytest.raises(BlankImage):
        preprocess(far, SIZE)
    assert preprocess(gif_of_blank_frame_then_chart(chart_at=(100, 100)), SIZE).std() > 10  # a chart within reach


def test_a_gif_is_searched_past_a_blank_first_frame_only_on_a_screen_of_at_most_20_megapixels() -> None:
    """Pillow draws each frame after the first on an RGB copy of the whole screen, and converts it whole once more:
    a later frame on a 40 MP screen took 530 MB."""
    assert preprocess(gif_of_blank_frame_then_chart(chart_at=(3800, 3900)), SIZE).std() > 10  # a 19 MP screen
    with pytest.raises(BlankImage):
        preprocess(gif_of_blank_frame_then_chart(chart_at=(5000, 5000)), SIZE)  # a 31 MP screen


def test_a_page_pillow_cant_make_sense_of_after_a_blank_first_page_is_damaged_not_a_crash() -> None:
    """Pillow raises what it raises on opening a file it can't read on seeking to such a page or frame (TypeError
    for a TIFF page without a width, KeyError for one of a compression it doesn't know; IndexError for a GIF cut
    within its second frame's descriptor)."""
    with pytest.raises(CorruptImage, match="damaged"):
        preprocess(tiff_with_second_page_without_width(), SIZE)
    with pytest.raises(CorruptImage, match="damaged"):
        preprocess(tiff_with_second_page_of_unknown_compression(), SIZE)
    gif = gif_of_blank_frame_then_chart()
    second = gif.rindex(b"\x21\xf9") + 8  # the second frame's descriptor, after its graphic control extension
    with pytest.raises(CorruptImage, match="damaged|truncated"):
        preprocess(gif[: second + 9], SIZE)


def test_a_tiff_whose_strip_offsets_are_text_is_damaged_not_a_crash() -> None:
    """Where libtiff fails, the strips' offsets and lengths tell whether the file was cut short, if they are numbers."""
    with pytest.raises(CorruptImage, match="damaged"):
        preprocess(with_tiff_tag(encode(bar_chart(), "TIFF"), 273, kind=2), SIZE)  # StripOffsets, as text


def test_a_tiff_in_tiles_far_larger_than_its_picture_is_refused_before_decoding() -> None:
    """libtiff allocates a whole tile first: a 4 KB TIFF of 64×64 pixels in 26752×26752 tiles took 2 GB."""
    assert preprocess(tiled_tiff(256), SIZE).std() > 10  # tiles larger than the picture are common
    with pytest.raises(ImageTooLarge, match="tiles are 6400×6400 pixels"):
        preprocess(tiled_tiff(6400), SIZE)
    with pytest.raises(BlankImage):  # the search past a blank first page leaves such a page unread too
        preprocess(tiled_tiff(6400, blank_first_page=True), SIZE)


def test_a_tiff_of_millions_of_strips_is_decoded_at_once_not_a_strip_at_a_time_in_python() -> None:
    """Pillow decodes an uncompressed TIFF itself, in Python: 2.4 million one-row strips took it 9 s and 800 MB.

    Within the pixel limit, so many strips come only in a picture far too long and thin to show a chart, which is
    now refused from its header (the largest reachable, 900×44,000, takes Pillow 0.35 s, libtiff 0.2 s)."""
    assert preprocess(tiff_of_one_row_strips(64, 64), SIZE).std() > 10
    started = time.monotonic()
    with pytest.raises(BlankImage):  # stripes 900 pixels wide and 44,000 tall: a grey band at the model's size
        preprocess(tiff_of_one_row_strips(900, 44_000), SIZE)
    with pytest.raises(ImageTooSmall, match="too long and thin"):  # stripes 16 pixels wide and 2.4 million tall
        preprocess(tiff_of_one_row_strips(16, 2_400_000), SIZE)
    assert time.monotonic() - started < 1


def test_large_jpeg_is_decoded_reduced() -> None:
    data = encode(bar_chart((4000, 3000)), "JPEG", quality=90)
    image = load_image(data, min_side=SIZE)
    assert SIZE <= min(image.size) < 1000
    assert preprocess(data, SIZE).shape == (SIZE, SIZE, 3)


def test_wide_image_is_letterboxed_without_distortion() -> None:
    x = preprocess(encode(bar_chart((900, 300))), SIZE)
    assert (x[:30] == 255).all() and (x[-30:] == 255).all()  # padded with the white border colour


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", NotAnImage, "empty"),
        (b"hello, this is text", NotAnImage, "isn't an image"),
        (b"<!DOCTYPE html><html><body>hi</body></html>", NotAnImage, "web page"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', UnsupportedFormat, "SVG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", UnsupportedFormat, "PDF"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", UnsupportedFormat, "HEIC"),
        (b"\x00\x00\x00\x18ftypmif2\x00\x00\x00\x00mif2heic", UnsupportedFormat, "HEIC"),  # HEIF's second edition
        (b'<!-- Generator: Inkscape --><svg xmlns="http://www.w3.org/2000/svg"></svg>', UnsupportedFormat, "SVG"),
        (b"<!-- saved from a browser --><html><body><svg></svg></body></html>", NotAnImage, "web page"),
        (b"<!-- " + b"licence text " * 500 + b'--><svg xmlns="http://www.w3.org/2000/svg"></svg>', UnsupportedFormat, "SVG"),  # 6 KB in
        (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n", UnsupportedFormat, "EPS"),  # never handed to Ghostscript
        (b"8BPS\x00\x01" + bytes(20), UnsupportedFormat, "Photoshop"),
        (encode(bar_chart(), "JPEG2000"), UnsupportedFormat, "JPEG 2000"),
        (b"\xff\x0a\xfa\x7f" + bytes(60), UnsupportedFormat, "JPEG XL"),
        (encode(bar_chart(), "PPM"), UnsupportedFormat, "Netpbm"),
        (b"P2\n# a comment\n64 48\n255\n" + b"128 " * 3072, UnsupportedFormat, "Netpbm"),
        (encode(bar_chart(), "QOI"), UnsupportedFormat, "QOI"),
        (encode(bar_chart(), "PCX"), UnsupportedFormat, "PCX"),
        (encode(bar_chart(), "DDS"), UnsupportedFormat, "DDS"),
        (encode(bar_chart(), "TGA"), UnsupportedFormat, "TGA images"),  # known by its last bytes (version 2)
        (encode(bar_chart(), "TGA")[:-26], NotAnImage, "isn't an image I can read"),  # version 1: no signature at all
        (b"\xd7\xcd\xc6\x9a" + bytes(60), UnsupportedFormat, r"Windows metafiles \(WMF, EMF\)"),  # Office's charts
        (b"\x01\x00\x00\x00" + bytes(36) + b" EMF" + bytes(60), UnsupportedFormat, r"Windows metafiles \(WMF, EMF\)"),
        (gzip.compress(b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'), UnsupportedFormat, r"Compressed SVG \(SVGZ\)"),
        (gzip.compress(b"x,y\n1,2\n"), NotAnImage, r"That's an archive"),  # any other gzip file
        (b"gimp xcf v011\x00" + bytes(60), UnsupportedFormat, r"GIMP \(XCF\)"),
        (b"II\xbc\x01" + bytes(60), UnsupportedFormat, "JPEG XR"),
        (b"\x8aMNG\r\n\x1a\n" + bytes(60), UnsupportedFormat, "MNG and JNG"),
        (bytes(128) + b"DICM" + bytes(60), UnsupportedFormat, r"DICOM \(medical\)"),
        (encode(bar_chart(), "SGI"), UnsupportedFormat, "SGI images"),
        (encode(bar_chart().convert("1"), "XBM"), UnsupportedFormat, "XBM images"),
        (b"data:image/png;base64," + base64.b64encode(encode(bar_chart())), NotAnImage, r"written out as text \(a data: URI\)"),
        (base64.b64encode(encode(bar_chart(), "JPEG")), NotAnImage, r"written out as text \(base64\)"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", NotAnImage, "That's a video, not an image"),
        (b"\x00\x00\x00\x14ftypqt  \x20\x05\x03\x00qt  ", NotAnImage, "That's a video"),  # QuickTime .mov
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01webm", NotAnImage, r"That's a video \(WebM or Matroska\)"),
        (b"RIFF\x24\x00\x00\x00AVI LIST", NotAnImage, r"That's a video \(AVI\)"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", NotAnImage, "That's an audio file"),
        (b"\xff\xfb\x90\x64" + bytes(60), NotAnImage, "That's an audio file"),  # an MP3 without tags
        (b"OggS\x00\x02" + bytes(20), NotAnImage, r"That's an Ogg file \(sound or video\)"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", NotAnImage, r"That's an audio file \(WAV\)"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", NotAnImage, "That's an audio file"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", NotAnImage, "Excel and PowerPoint files are ZIPs too"),
        (b"\x1f\x8b\x08\x00" + bytes(16), NotAnImage, r"That's an archive \(ZIP, RAR, 7z or gzip"),
    ],
)
def test_non_images_get_specific_errors(data: bytes, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        preprocess(data, SIZE)


def test_truncated_file_is_reported_as_corrupt() -> None:
    data = encode(bar_chart(), "PNG")
    with pytest.raises(CorruptImage):
        preprocess(data[: len(data) // 2], SIZE)
    jpeg = encode(bar_chart(), "JPEG")
    with pytest.raises(CorruptImage, match="truncated"):
        preprocess(jpeg[: len(jpeg) // 2], SIZE)


def test_a_12_bit_jpeg_is_named_unsupported_not_damaged() -> None:
    jpeg = encode(bar_chart(), "JPEG")
    frame_header = jpeg.index(b"\xff\xc0")
    twelve_bit = jpeg[: frame_header + 1] + b"\xc1\x00\x11\x0c" + jpeg[frame_header + 5 :]  # extended DCT, 12 bits a sample
    with pytest.raises(UnsupportedFormat, match="12-bit JPEG images aren't supported"):
        preprocess(twelve_bit, SIZE)


def test_a_stuffed_zero_among_a_jpeg_headers_segments_is_skipped_not_taken_for_a_segment() -> None:
    """Pillow (and libjpeg) skip 0xFF 0x00 between segments as junk; taken for a segment, its "length" (here the
    fill bytes after it) would skip the frame header, and a 12-bit JPEG would be called damaged."""
    jpeg = encode(bar_chart(), "JPEG")
    frame_header = jpeg.index(b"\xff\xc0")
    twelve_bit = jpeg[: frame_header + 1] + b"\xc1\x00\x11\x0c" + jpeg[frame_header + 5 :]
    with pytest.raises(UnsupportedFormat, match="12-bit JPEG images aren't supported"):
        preprocess(twelve_bit[:2] + b"\xff\x00\xff\xff" + twelve_bit[2:], SIZE)


def test_a_lossless_jpeg_is_read() -> None:
    """libjpeg-turbo 3 decodes Huffman-coded lossless JPEGs (SOF3) of 8 bits a sample: no message of their own."""
    assert load_image(lossless_jpeg()).getextrema() == ((128, 128),) * 3


@pytest.mark.parametrize(
    ("marker", "process"),
    [(marker, "Hierarchical") for marker in (0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF)] + [(0xCB, "Arithmetic-coded lossless")],
)
def test_a_jpeg_of_a_process_libjpeg_cant_decode_is_named_unsupported_not_damaged(marker: int, process: str) -> None:
    data = lossless_jpeg(marker)
    with pytest.raises(OSError), Image.open(io.BytesIO(data)) as image:  # libjpeg refuses the frame header itself
        image.load()
    with pytest.raises(UnsupportedFormat, match=f"{process} JPEG images aren't supported"):
        preprocess(data, SIZE)


@pytest.mark.parametrize("container", ["BMP", "ICO"])
@pytest.mark.parametrize(("compression", "embedded"), [(4, "JPEG"), (5, "PNG")])
def test_a_bmp_holding_a_jpeg_or_png_is_named_unsupported_not_damaged(container: str, compression: int, embedded: str) -> None:
    """Printers' BMPs that wrap a whole JPEG or PNG file, which Pillow can't decode; in an icon too."""
    wrapped = bitmap_holding(encode(bar_chart((64, 64)), embedded), compression, 64, 64, icon=container == "ICO")
    with pytest.raises(UnsupportedFormat, match=f"{container} images holding a {embedded} aren't supported"):
        preprocess(wrapped, SIZE)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "ICO"])
def test_a_header_of_endless_tiny_parts_is_refused_at_once(fmt: str) -> None:
    """Pillow reads each part before the pixels in Python: 25 MB of them took it seconds (GIF: and a gigabyte),
    in a PNG inside an icon too."""
    assert preprocess(with_header_parts(fmt, 1000), SIZE).std() > 10  # a long header, but not an absurd one
    hostile = with_header_parts(fmt, 300_000)
    started = time.monotonic()
    with pytest.raises(CorruptImage, match=f"The {fmt} file has over 10000 header parts"):
        preprocess(hostile, SIZE)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("container", ["PNG", "ICO"])
@pytest.mark.parametrize("where", ["pixels", "after the pixels"])
def test_a_png_of_millions_of_tiny_chunks_is_refused_at_once(container: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where libspng is missing (ARM), Pillow reads a PNG's chunks one by one, in Python, wherever they are:
    2 million empty ones took it 1.5 s as pixel data, 4 s (and 300 MB) after the pixels."""
    monkeypatch.setattr(imaging, "spng", None)
    png = encode(bar_chart())

    def with_chunks(count: int) -> bytes:
        if where == "pixels":
            chunks = png[:33] + png_chunk(b"IDAT", b"") * count + png[33:]
        else:
            chunks = png[:-12] + png_chunk(b"zzZz", b"") * count + png[-12:]  # before IEND
        return icon_around(chunks) if container == "ICO" else chunks

    assert np.array_equal(preprocess(with_chunks(10_000), SIZE), preprocess(png, SIZE))
    hostile = with_chunks(2_000_000)
    started = time.monotonic()
    with pytest.raises(CorruptImage, match=f"The {container} file is stored in over 200000 parts"):
        preprocess(hostile, SIZE)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("filler", [b"\x21\xfe\x01a\x00", b"\x01\x00"], ids=["comments-between-frames", "empty-pixel-blocks"])
def test_a_gif_of_millions_of_tiny_blocks_after_a_blank_first_frame_is_refused_at_once(filler: bytes) -> None:
    """Blocks before a GIF's first picture count as its header's parts (above); those after it Pillow reads one
    by one, in Python, on its way to the second frame when the first is blank: 4 million one-letter comments
    took it 4 s and 700 MB."""
    assert preprocess(gif_of_blank_frame_then_chart(filler, 1000), SIZE).std() > 10  # the chart, in its second frame
    hostile = gif_of_blank_frame_then_chart(filler, 4_000_000)
    started = time.monotonic()
    with pytest.raises(CorruptImage, match="The GIF file is stored in over 200000 parts"):
        preprocess(hostile, SIZE)
    assert time.monotonic() - started < 0.5


def test_a_jpeg_of_endless_scans_is_refused_at_once() -> None:
    """libjpeg goes over the whole picture in each scan, however few bytes it holds: 10,000 empty scans of a
    36 MP picture (100 KB) took 16 s."""
    assert preprocess(jpeg_with_empty_scans(bar_chart(), 80), SIZE).std() > 10  # many scans, but not absurdly many
    hostile = jpeg_with_empty_scans(Image.new("L", (3000, 3000), 255), 5_000)
    started = time.monotonic()
    with pytest.raises(CorruptImage, match="The JPEG file has over 100 scans"):
        preprocess(hostile, SIZE)
    assert time.monotonic() - started < 0.5


def test_a_tiff_of_pages_of_endless_tags_is_refused_at_once() -> None:
    """Pillow reads each entry of a page's directory in Python, the pages it searches past a blank first one too:
    30 pages of 65,000 tags took it 9 s. A few pages of a few tags each are read."""
    assert preprocess(tiff_of_pages_of_many_tags(3, 20), SIZE).std() > 10  # the chart on its last page
    started = time.monotonic()
    with pytest.raises(CorruptImage, match="The TIFF file has over 10000 header parts"):
        preprocess(tiff_of_pages_of_many_tags(3, 5000), SIZE)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(
    ("filler", "at"),
    [
        (b"\xff\xfe\x00\x02" + bytes(20_000_000), 2),  # an empty comment, then junk, in the header
        (b"\xff\xfe\x00\x02" * 5_000_000, -2),  # empty comments after the last scan
    ],
)
def test_junk_in_a_jpeg_or_endless_segments_between_its_scans_are_refused_at_once(filler: bytes, at: int) -> None:
    """Pillow skips junk before the pixels a byte at a time, in Python (20 MB took 1.5 s); libjpeg reads what lies
    between the scans quickly, but counting the scans must not take seconds either."""
    jpeg = encode(bar_chart(), "JPEG", progressive=True)
    hostile = jpeg[:at] + filler + jpeg[at:]
    started = time.monotonic()
    with pytest.raises(CorruptImage, match="The JPEG file has over 10000 header parts"):
        preprocess(hostile, SIZE)
    assert time.monotonic() - started < 0.5


def test_a_large_run_length_compressed_bmp_is_refused_before_pillow_decodes_it_in_python() -> None:
    """Pillow decodes such a BMP a step at a time, in Python: 1 KB of them took 4 s, in an icon too."""
    stripes = run_length_bitmap(64, 64, b"\x20\x00\x20\xff\x00\x00" * 64 + b"\x00\x01")  # 32 black, 32 white, end of row
    assert preprocess(stripes, SIZE).std() > 10
    padded = run_length_bitmap(2_400_000, 16, b"\x01\x05\x00\x00" * 16 + b"\x00\x01")  # rows filled a pixel at a time
    stalled = run_length_bitmap(64, 64, b"\x00\x02\x00\x00" * 5_000_000)  # 20 MB of moves by nothing
    for hostile in (padded, stalled, icon_around(padded[14:])):  # an icon's picture is a BMP without its file header
        started = time.monotonic()
        with pytest.raises(ImageTooLarge, match="Run-length compressed BMP files are slow to decode"):
            preprocess(hostile, SIZE)
        assert time.monotonic() - started < 0.5


def test_a_jpeg_with_the_largest_colour_profile_there_can_be_is_read() -> None:
    icc_chunks = b"".join(b"\xff\xe2\xff\xffICC_PROFILE\x00" + bytes([i, 255]) + bytes(65519) for i in range(1, 256))
    assert preprocess(b"\xff\xd8" + icc_chunks + encode(bar_chart(), "JPEG")[2:], SIZE).std() > 10


def test_an_avif_image_in_a_heif_container_is_not_taken_for_heic() -> None:
    avif = encode(bar_chart(), "AVIF")
    mif1 = avif[:8] + b"mif1" + avif[12:]  # major brand mif1, "avif" among the compatible brands, as some encoders write
    assert preprocess(mif1, SIZE).std() > 10


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (encode(bar_chart())[:28] + b"\xff" + encode(bar_chart())[29:], "PNG"),  # a bit flipped in the header
        (b"GIF89a/*\x10\x00\x10\x00\x00\x00\x00;*/=1;alert(1)", "GIF"),  # a GIF/JavaScript polyglot
        (encode(bar_chart(), "TIFF")[:8], "TIFF"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + bytes(64), "AVIF"),
    ],
)
def test_a_damaged_header_of_a_known_format_is_called_damaged_not_unknown(data: bytes, name: str) -> None:
    with pytest.raises(CorruptImage, match=f"The {name} file is damaged"):
        preprocess(data, SIZE)


@pytest.mark.parametrize("part", ["header", "pixels"])
def test_a_damaged_avif_is_called_damaged_not_a_crash(part: str) -> None:
    """libavif's failures reach Pillow's callers as RuntimeError, on opening or on decoding."""
    with pytest.raises(CorruptImage, match="damaged"):
        preprocess(damaged_avif(part), SIZE)


def test_an_avif_animation_without_a_timescale_is_called_damaged_not_a_crash() -> None:
    """Pillow divides by the track's timescale for each frame's timestamp: ZeroDivisionError."""
    with pytest.raises(CorruptImage, match="damaged"):
        preprocess(avif_animation_without_timescale(), SIZE)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF", "TIFF"])
def test_a_file_cut_anywhere_is_corrupt_never_unknown(fmt: str) -> None:
    data = encode(bar_chart((320, 240)), fmt)
    for end in (12, 20, 40, 100, len(data) // 3, len(data) * 9 // 10):
        with pytest.raises(CorruptImage, match="truncated|damaged"):
            preprocess(data[:end], SIZE)
    with pytest.raises(CorruptImage, match="truncated"):
        preprocess(data[: len(data) // 2], SIZE)


def test_a_jpeg_cut_within_its_frame_header_is_corrupt_not_a_crash() -> None:
    """The frame header gives the bits a sample, read before Pillow sees the file."""
    data = encode(bar_chart((320, 240)), "JPEG")
    frame = data.index(b"\xff\xc0")
    for end in range(frame + 1, frame + 12):
        with pytest.raises(CorruptImage, match="truncated|damaged"):
            preprocess(data[:end], SIZE)


@pytest.mark.parametrize("use_spng", [True, False])
@pytest.mark.parametrize("kind", [b"zTXt", b"iTXt", b"iCCP"])
def test_a_bomb_in_png_metadata_is_skipped_and_the_chart_classified(kind: bytes, use_spng: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pillow refuses to unpack more than 1 MB of text or colour profile; no pixel needs them."""
    if not use_spng:
        monkeypatch.setattr(imaging, "spng", None)
    bomb = zlib.compress(bytes(8 * 2**20), 9)  # 8 KB that unpack to 8 MB
    header = {b"zTXt": b"Comment\0\0", b"iTXt": b"Comment\0\1\0\0\0", b"iCCP": b"icc\0\0"}[kind]
    chart = encode(bar_chart())
    data = with_png_chunk(chart, kind, header + bomb)
    assert np.array_equal(preprocess(data, SIZE), preprocess(chart, SIZE))
    trailing = chart[:-12] + with_png_chunk(chart[-45:], kind, header + bomb)[33:]  # after the pixels, before IEND
    assert np.array_equal(preprocess(trailing, SIZE), preprocess(chart, SIZE))


def test_an_icon_hiding_a_huge_picture_is_refused_before_decoding() -> None:
    with pytest.raises(ImageTooLarge, match="8000×8000"):
        preprocess(icon_around(encode(Image.new("1", (8000, 8000)))), SIZE)  # the directory says 256×256
    with pytest.raises(ImageTooLarge, match="100000×100000"):
        preprocess(icon_around(png_with_lying_header(100_000, 100_000)), SIZE)
    assert preprocess(icon_around(encode(bar_chart((64, 64)))), SIZE).std() > 10


def test_float_images_with_missing_values_keep_their_chart() -> None:
    grey = bar_chart().convert("L")
    values = np.asarray(grey, dtype=np.float32) * 100.0 - 5000.0  # beyond 0-255: stretched to fit
    values[:5, :5] = np.nan
    values[-1, -1] = np.inf
    x = preprocess(encode(Image.fromarray(values, "F"), "TIFF"), SIZE)
    assert np.abs(x.astype(int) - preprocess(encode(grey), SIZE)).mean() < 1


def test_decompression_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(ImageTooLarge, match="megapixels"):
        preprocess(png_with_lying_header(100_000, 100_000), SIZE)
    with pytest.raises(ImageTooLarge):
        preprocess(png_with_lying_header(8_000, 6_000), SIZE)


def test_a_picture_between_pillows_bomb_warning_and_its_error_is_refused_without_the_warning(tmp_path: Path) -> None:
    """Pillow warns of 80 to 160 MP, and errs above: the refusal says it all, with no warning beside it in the bot's
    or the web server's log. In a fresh interpreter, as they run (pytest resets warning filters around each test)."""
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_with_lying_header(9_000, 9_000))
    script = "import sys; from classifier import preprocess\ntry: preprocess(sys.argv[1], 224)\nexcept Exception as e: print(e)"
    run = subprocess.run([sys.executable, "-W", "default", "-c", script, str(bomb)], capture_output=True, text=True, timeout=60)
    assert run.stdout == "The image is 9000×9000 pixels; the limit is 40 megapixels.\n"
    assert run.stderr == ""


def test_a_webp_over_its_own_lower_pixel_limit_is_refused_before_decoding() -> None:
    """Pillow decodes every WebP with libwebp's animation decoder, which holds two canvases besides the picture:
    16 bytes a pixel at its peak, where the 40 MP limit would let one take about 670 MB (one at the limit is
    decoded: below)."""
    message = "The WebP image is 4000×4002 pixels; the limit for WebP images is 16 megapixels"
    with pytest.raises(ImageTooLarge, match=message):
        load_image(webp_animation_on_larger_canvas([bar_chart()], 4000, 4002, (0, 0)))


def test_an_avif_over_its_own_lower_pixel_limit_is_refused_before_decoding() -> None:
    """libavif decodes into planes of its own (YUV, alpha, RGB) before Pillow's copy: a 40 MP AVIF took 390 MB."""
    message = "The AVIF image is 4000×4002 pixels; the limit for AVIF images is 16 megapixels"
    with pytest.raises(ImageTooLarge, match=message):
        load_image(avif_with_lying_size(4000, 4002))


def _tiff_claiming(mode: str, width: int, height: int) -> bytes:
    """A 64×64 TIFF of ``mode`` whose header claims ``width``×``height`` pixels."""
    return with_tiff_tag(with_tiff_tag(encode(Image.new(mode, (64, 64)), "TIFF"), 256, width), 257, height)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (png_with_lying_header(6500, 5000, colour_type=6), "6500×5000 pixels with transparency; the limit .* is 31"),
        (png_with_lying_header(6500, 5000, colour_type=4), "with transparency; the limit for such images is 31"),
        (png_with_lying_header(6500, 5000, transparent=b"\0\1\0\2\0\3"), "with transparency; the limit for such images is 31"),
        (png_with_lying_header(7400, 5000, colour_type=0, bit_depth=16), "of 16-bit samples; the limit for such images is 36"),
        (_tiff_claiming("CMYK", 6500, 5000), "in CMYK; the limit for such images is 31"),
        (_tiff_claiming("F", 5800, 5000), "of floating-point samples; the limit for such images is 28"),
        (_tiff_claiming("I", 5800, 5000), "of 32-bit samples; the limit for such images is 28"),
    ],
    ids=["rgba", "grey-and-alpha", "rgb-trns", "16-bit-grey", "cmyk", "float", "32-bit"],
)
def test_a_picture_whose_mode_takes_too_much_memory_to_convert_is_refused_before_decoding(data: bytes, words: str) -> None:
    """Under the 40 MP limit, but 4 bytes a pixel (Pillow's own) and 4 more for the RGB copy: an RGBA or CMYK picture
    of 40 MP took 340 MB, a floating-point one 385 MB."""
    with pytest.raises(ImageTooLarge, match=words):
        load_image(data)


@pytest.mark.parametrize("shape", [(16, 2_500_000), (2_500_000, 16), (20_000, 300)])
def test_a_picture_too_long_and_thin_to_show_a_chart_is_refused_before_decoding(shape: tuple[int, int]) -> None:
    """At the model's input such a picture is a few pixels thin, or under one: 16×2,500,000 pixels showed it a
    flat grey square, after 320 MB of decoding."""
    width, height = shape
    with pytest.raises(ImageTooSmall, match=f"{width}×{height} pixels, too long and thin to show a chart"):
        load_image(png_with_lying_header(width, height))


def test_a_long_thin_chart_is_refused_but_one_up_to_50_times_as_long_as_it_is_wide_is_read() -> None:
    with pytest.raises(ImageTooSmall, match="too long and thin"):
        preprocess(encode(bar_chart((2040, 40))), SIZE)
    assert preprocess(encode(bar_chart((2000, 40))), SIZE).shape == (SIZE, SIZE, 3)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from Linux's /proc")
@pytest.mark.parametrize(
    ("build", "outcome"),
    [
        (lambda: webp_animation_on_larger_canvas([bar_chart()], 6600, 5000, (0, 0)), "too_large"),
        (lambda: webp_animation_on_larger_canvas([bar_chart()], 4000, 4000, (0, 0)), "decoded"),  # its canvas cleared too
        (lambda: gif_of_blank_frame_then_chart(chart_at=(5600, 5600)), "decoded"),  # its blank first frame: not searched
        (lambda: encode(Image.new("P", (8000, 5000), 255), "GIF", save_all=True, append_images=[Image.new("P", (8000, 5000))]), "decoded"),
        (lambda: encode(bar_chart((4000, 4000)).convert("RGBA"), "AVIF", speed=10, subsampling="4:4:4"), "decoded"),
        (lambda: encode(bar_chart((8000, 5000)).convert("P"), compress_level=1), "decoded"),  # by Pillow: libspng makes it RGBA
        (lambda: encode(bar_chart((6250, 5000)).convert("RGBA"), compress_level=1), "decoded"),
        (lambda: encode(bar_chart((6250, 5000)), compress_level=1, transparency=(1, 2, 3)), "decoded"),
        # Past a blank first page, a page over the limit for its mode is not searched: the blank page is the answer.
        (
            lambda: encode(
                Image.new("RGBA", (64, 64), "white"), "TIFF", save_all=True,
                append_images=[bar_chart((8000, 5000)).convert("RGBA")], compression="tiff_deflate",
            ),
            "decoded",
        ),
    ],
    ids=[
        "webp-33mp", "webp-at-its-limit", "gif-later-frame-on-38mp", "gif-blank-40mp-first-frame", "avif-at-its-limit",
        "png-palette-40mp", "png-rgba-at-its-limit", "png-rgb-trns-at-its-limit", "tiff-blank-page-then-rgba-40mp",
    ],
)
def test_decoding_a_large_picture_peaks_under_300_mb(build: Callable[[], bytes], outcome: str, tmp_path: Path) -> None:
    """A Raspberry Pi has 1–2 GB. Each picture is decoded in a fresh process, whose peak is its own."""
    image = tmp_path / "image"
    image.write_bytes(build())
    what, peak = decoding_peak(image, load_only=True)
    assert what == outcome and peak < 300


def test_too_many_bytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "MAX_IMAGE_BYTES", 2**20)
    data = encode(bar_chart()) + bytes(3 * 2**20)
    with pytest.raises(ImageTooLarge, match=r"The image is 3\.\d MB; the limit is 1 MB"):
        preprocess(data, SIZE)
    with pytest.raises(ImageTooLarge, match="The image is over the 1 MB limit"):  # read only up to the limit
        preprocess(io.BytesIO(data), SIZE)


def test_tiny_image_is_refused() -> None:
    with pytest.raises(ImageTooSmall, match="8×8"):
        preprocess(encode(Image.new("RGB", (8, 8))), SIZE)


@pytest.mark.parametrize(
    ("image", "fmt"),
    [
        (Image.new("RGB", (800, 600), "white"), "PNG"),
        (Image.new("RGBA", (300, 300), (20, 40, 60, 0)), "PNG"),  # fully transparent: white once composited
        (Image.new("CMYK", (640, 480), (0, 60, 90, 10)), "JPEG"),
        (Image.new("RGB", (1200, 900), (30, 30, 30)), "WEBP"),
    ],
)
def test_a_blank_image_is_named_as_such_not_guessed_at(image: Image.Image, fmt: str) -> None:
    with pytest.raises(BlankImage, match="blank"):
        preprocess(encode(image, fmt), SIZE)


def test_a_speck_on_an_empty_canvas_is_blank_but_one_line_across_it_is_not() -> None:
    """One dark pixel of a 200×200 white picture is 9 at the model's size: no chart, only a guess at one."""
    speck = Image.new("RGB", (200, 200), "white")
    speck.putpixel((100, 100), (0, 0, 0))
    with pytest.raises(BlankImage, match="blank"):
        preprocess(encode(speck), SIZE)
    line = Image.new("RGB", (200, 200), "white")
    line.paste((0, 0, 0), (0, 100, 200, 101))
    assert preprocess(encode(line), SIZE).shape == (SIZE, SIZE, 3)


def test_a_faint_chart_is_not_blank() -> None:
    faint = ImageEnhance.Contrast(bar_chart((2000, 1500))).enhance(0.08)  # bars and axes a few levels off white
    assert 4 < np.ptp(np.asarray(faint)) < 25
    assert preprocess(encode(faint), SIZE).shape == (SIZE, SIZE, 3)


def test_paths_file_objects_and_pil_images_give_the_same_input(tmp_path) -> None:
    data = encode(bar_chart())
    path = tmp_path / "chart.png"
    path.write_bytes(data)
    expected = preprocess(data, SIZE)
    for source in (path, str(path), io.BytesIO(data), Image.open(io.BytesIO(data))):
        assert np.array_equal(preprocess(source, SIZE), expected)


def test_a_file_opened_in_text_mode_is_refused_saying_how_to_open_it(tmp_path) -> None:
    path = tmp_path / "chart.png"
    path.write_bytes(encode(bar_chart()))
    with path.open() as text_file, pytest.raises(TypeError, match=r"binary mode: open\(path, 'rb'\)"):
        preprocess(text_file, SIZE)


def test_missing_file_is_reported(tmp_path) -> None:
    with pytest.raises(UnreadableInput, match="Can't read"):
        preprocess(tmp_path / "nope.png", SIZE)
    with pytest.raises(UnreadableInput, match="File name too long"):
        preprocess(tmp_path / ("x" * 300), SIZE)


def _tiff_of_strips_listed(count: int) -> bytes:
    """A 640×480 TIFF whose StripOffsets and StripByteCounts each list ``count`` short numbers (a strip of one row
    each, all but the first few past its picture): libtiff fails on it, and Pillow unpacks both lists."""
    tiff = encode(bar_chart(), "TIFF")
    listed = struct.pack(f"<{count}H", *([8] * count))
    data = bytearray(tiff + listed + listed)
    page = struct.unpack_from("<I", data, 4)[0]
    for entry in range(page + 2, page + 2 + 12 * struct.unpack_from("<H", data, page)[0], 12):
        tag = struct.unpack_from("<H", data, entry)[0]
        if tag in (273, 279):  # StripOffsets, StripByteCounts: shorts, after the file
            struct.pack_into("<HII", data, entry + 2, 3, count, len(tiff) + (len(listed) if tag == 279 else 0))
        elif tag == 278:  # RowsPerStrip
            struct.pack_into("<HII", data, entry + 2, 4, 1, 1)
    return bytes(data)


def test_a_tiff_listing_millions_of_strips_is_refused_at_once() -> None:
    """Where libtiff fails on a page, Pillow unpacks its strips' offsets and lengths into Python numbers to tell whether
    the file was cut short: 6 million of each took 4 s and 310 MB. A page of many strips, but not absurdly many, is
    still called damaged."""
    with pytest.raises(CorruptImage, match="damaged"):
        preprocess(_tiff_of_strips_listed(1000), SIZE)
    hostile = _tiff_of_strips_listed(6_000_000)
    started = time.monotonic()
    with pytest.raises(CorruptImage, match="The TIFF file is stored in over 200000 parts"):
        preprocess(hostile, SIZE)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("use_spng", [True, False])
@pytest.mark.parametrize("where", ["header", "after the pixels"])
def test_a_png_whose_text_chunk_has_a_wrong_checksum_is_read_as_browsers_read_it(
    where: str, use_spng: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pillow refuses a PNG any chunk of which fails its checksum; browsers (libpng) drop a damaged ancillary chunk,
    which no pixel depends on. A damaged header is still damaged."""
    if not use_spng:
        monkeypatch.setattr(imaging, "spng", None)
    chart = encode(bar_chart())
    text = bytearray(png_chunk(b"tEXt", b"Comment\0made by hand"))
    text[-1] ^= 0xFF  # its checksum
    data = chart[:33] + bytes(text) + chart[33:] if where == "header" else chart[:-12] + bytes(text) + chart[-12:]
    assert np.array_equal(preprocess(data, SIZE), preprocess(chart, SIZE))
    header = bytearray(chart)
    header[29] ^= 0xFF  # the header's (IHDR) checksum
    with pytest.raises(CorruptImage, match="damaged"):
        preprocess(bytes(header), SIZE)


@pytest.mark.parametrize("bits", [16, 64])
def test_a_tiff_of_samples_pillow_has_no_mode_for_is_named_unsupported_not_damaged(bits: int) -> None:
    """Scientific tools save floating-point samples of 16 or 64 bits (and colour of floating point, grey and alpha
    of 16 bits...), which Pillow can't open: the sender needs to hear that, not that the file is damaged."""
    tiff = with_tiff_tag(encode(Image.new("F", (64, 64)), "TIFF"), 258, bits)  # BitsPerSample: 32 made 16 or 64
    with pytest.raises(UnsupportedFormat, match=f"TIFF images of 1 channel of {bits}-bit floating-point samples aren't supported"):
        preprocess(tiff, SIZE)
    with pytest.raises(CorruptImage, match="The TIFF file is damaged"):  # a damaged header is still called so
        preprocess(with_tiff_tag(encode(Image.new("F", (64, 64)), "TIFF"), 262, 99), SIZE)


@pytest.mark.parametrize("mode", ["RGB", "L", "CMYK"])
def test_a_jpeg_missing_only_its_end_marker_is_read_whole_but_one_cut_within_its_pixels_is_truncated(mode: str) -> None:
    """Some writers leave out a JPEG's last two bytes (EOI); browsers show the picture whole, Pillow called it
    truncated. A file cut anywhere within its pixels is still called truncated."""
    jpeg = encode(bar_chart(mode=mode), "JPEG")
    assert np.array_equal(np.asarray(load_image(jpeg[:-2])), np.asarray(load_image(jpeg)))
    for end in range(len(jpeg) // 5, len(jpeg) - 2, len(jpeg) // 40):
        with pytest.raises(CorruptImage, match="truncated"):
            load_image(jpeg[:end])


@pytest.mark.skipif(shutil.which("jpegtran") is None, reason="needs jpegtran (Debian's libjpeg-turbo-progs)")
def test_a_jpeg_scanned_a_component_at_a_time_and_cut_between_its_scans_is_truncated(tmp_path: Path) -> None:
    """A sequential JPEG may hold one scan per colour component: cut before its second scan, its first is whole and
    the check for a missing end marker alone passed it, the missing colours made up."""
    (tmp_path / "scans").write_text("0;\n1;\n2;\n")  # jpegtran's script: the luma, then each chroma, a scan each
    (tmp_path / "chart.jpg").write_bytes(encode(bar_chart(), "JPEG"))
    jpeg = subprocess.run(
        ["jpegtran", "-scans", str(tmp_path / "scans"), str(tmp_path / "chart.jpg")], capture_output=True, check=True
    ).stdout
    scans = [match.start() for match in re.finditer(b"\xff\xda", jpeg)]
    assert len(scans) == 3 and load_image(jpeg).size == (640, 480)
    for cut in scans[1:]:
        with pytest.raises(CorruptImage, match="truncated"):
            load_image(jpeg[:cut])


def _tiff_with_reduced_pages(pages: list[Image.Image], reduced: set[int]) -> bytes:
    """A TIFF of ``pages``, those numbered in ``reduced`` marked (NewSubfileType 1) as reduced-resolution copies."""
    data = bytearray(encode(pages[0], "TIFF", save_all=True, append_images=pages[1:], tiffinfo={254: 1}))
    offset, page = struct.unpack_from("<I", data, 4)[0], 0
    while offset:
        count = struct.unpack_from("<H", data, offset)[0]
        for entry in range(offset + 2, offset + 2 + 12 * count, 12):
            if struct.unpack_from("<H", data, entry)[0] == 254:
                struct.pack_into("<I", data, entry + 8, int(page in reduced))
        offset, page = struct.unpack_from("<I", data, offset + 2 + 12 * count)[0], page + 1
    return bytes(data)


def test_a_tiff_whose_first_pages_are_marked_thumbnails_shows_its_first_full_page() -> None:
    """Scanners and cameras put a thumbnail first, marked a reduced-resolution copy: 8×6 pixels was "too small"."""
    chart = bar_chart()
    pages = [chart.resize((8, 6)), chart.resize((100, 75)), chart]
    assert load_image(_tiff_with_reduced_pages(pages, {0, 1})).size == (640, 480)
    with pytest.raises(ImageTooSmall, match="8×6"):  # no full page: the first is all there is to show
        load_image(_tiff_with_reduced_pages(pages, {0, 1, 2}))
    with pytest.raises(ImageTooSmall, match="8×6"):  # unmarked, a small first page is the picture
        load_image(_tiff_with_reduced_pages(pages, set()))
    blank_then_chart = [chart.resize((160, 120)), Image.new("RGB", chart.size, "white"), chart]
    assert preprocess(_tiff_with_reduced_pages(blank_then_chart, {0}), SIZE).std() > 10  # searched past its full page
