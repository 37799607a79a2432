"""Decoding and preprocessing: every input kind, every mode, every hostile file."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from classifier import config
from classifier.errors import BlankImage, CorruptImage, ImageTooLarge, ImageTooSmall, NotAnImage, UnsupportedFormat
from classifier import imaging
from classifier.imaging import load_image, preprocess
from tests.images import bar_chart, encode, png_with_lying_header

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
    assert tuple(image[0, 0]) == imaging._DARK_THEME_GREY
    assert image.max() > 200  # the light bars and axes are still there
    assert preprocess(encode(Image.fromarray(light_ink)), SIZE).std() > 10  # a chart, not a blank image


@pytest.mark.skipif(imaging.spng is None, reason="pyspng is not installed here")
@pytest.mark.parametrize("mode", ["RGB", "RGBA", "LA", "L", "1", "P", "P+tRNS", "I;16"])
def test_fast_png_decoder_gives_pillows_pixels(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    chart = bar_chart(mode="RGBA").convert("RGBA")
    alpha = np.asarray(chart).copy()
    alpha[::3, :, 3] = 90  # some partly transparent rows
    source = Image.fromarray(alpha, "RGBA")
    if mode == "P+tRNS":
        source, extra = source.convert("RGB").quantize(32), {"transparency": 2}
    else:
        source, extra = (source.convert("L").convert(mode) if mode == "I;16" else source.convert(mode)), {}
    buffer = io.BytesIO()
    source.save(buffer, "PNG", **extra)
    fast = np.asarray(load_image(buffer.getvalue()))
    monkeypatch.setattr(imaging, "spng", None)
    assert np.array_equal(fast, np.asarray(load_image(buffer.getvalue())))


def test_exif_orientation_is_applied() -> None:
    image = bar_chart((400, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise
    assert load_image(encode(image, "JPEG", exif=exif)).size == (200, 400)


def test_animated_gif_uses_first_frame() -> None:
    frames = [Image.new("RGB", (64, 64), colour) for colour in ("white", "black")]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    assert np.asarray(load_image(data)).mean() > 250


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


def test_decompression_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(ImageTooLarge, match="megapixels"):
        preprocess(png_with_lying_header(100_000, 100_000), SIZE)
    with pytest.raises(ImageTooLarge):
        preprocess(png_with_lying_header(8_000, 6_000), SIZE)


def test_too_many_bytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "MAX_IMAGE_BYTES", 1000)
    with pytest.raises(ImageTooLarge, match="MB"):
        preprocess(encode(bar_chart()), SIZE)


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


def test_missing_file_is_reported(tmp_path) -> None:
    with pytest.raises(NotAnImage, match="Can't read"):
        preprocess(tmp_path / "nope.png", SIZE)
