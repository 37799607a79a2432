"""The synthetic corpus generator: every label renders, images are sane, the manifest matches, seeds repeat."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytest.importorskip("matplotlib")

from training.corpus import generate  # noqa: E402
from training.plots import LINE_HEIGHT, THUMB  # noqa: E402
from training.corpus.browser import find_browser, screenshot  # noqa: E402
from training.corpus.degrade import degrade  # noqa: E402

MPL_LIBRARIES = ("matplotlib", "seaborn", "pandas", "mplfinance", "matplotlib-venn", "squarify", "wordcloud",
                 "pywaffle", "joypy", "networkx", "scipy")


def _read_manifest(out: Path) -> list[dict]:
    with open(out / "manifest.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    assert generate.main(["--out", str(out), "--per-class", "1", "--seed", "7", "--workers", "1", "--quiet"]) == 0
    return out


def test_every_taxonomy_label_is_rendered(corpus):
    ids = generate.taxonomy_ids()
    assert len(ids) == 40 and ids[0] == "bar" and ids[-1] == "not_a_chart"
    labels = {r["label"] for r in _read_manifest(corpus)}
    chart_labels = set(ids) - {"not_a_chart"}
    assert chart_labels <= labels, f"missing: {sorted(chart_labels - labels)}"
    assert labels <= set(ids)


def test_images_are_readable_not_blank_and_small(corpus):
    for row in _read_manifest(corpus):
        path = corpus / row["path"]
        with Image.open(path) as im:
            im.load()
            assert max(im.size) <= generate.MAX_SIDE, row["path"]
            a = np.asarray(im.convert("L"), dtype=np.float32)
        assert a.std() > 2.0, f"near-blank image {row['path']}"
        assert path.suffix == (".jpg" if "jpeg_q" in row["degradations"] else ".png")


def test_manifest_rows_match_files(corpus):
    rows = _read_manifest(corpus)
    assert list(rows[0].keys()) == list(generate.MANIFEST_COLUMNS)
    listed = {r["path"] for r in rows}
    on_disk = {str(p.relative_to(corpus)) for p in corpus.glob("*/*") if p.suffix in (".png", ".jpg")
               and p.parent.name not in ("sheets",)}
    assert listed == on_disk
    assert len(listed) == len(rows)
    for r in rows:
        assert r["path"].startswith(r["label"] + "/")
        assert r["renderer"] and r["seed"].isdigit()


def test_rerun_skips_existing_and_keeps_manifest(corpus):
    before = (corpus / "manifest.tsv").read_bytes()
    mtimes = {p: p.stat().st_mtime_ns for p in corpus.glob("*/*.png")}
    assert generate.main(["--out", str(corpus), "--per-class", "1", "--seed", "7", "--workers", "1", "--quiet",
                          "--labels", "bar,pie", "--no-sheets"]) == 0
    assert (corpus / "manifest.tsv").read_bytes() == before
    assert all(p.stat().st_mtime_ns == t for p, t in mtimes.items())


def test_contact_sheets_written(corpus):
    """One sheet per label rendered, each showing its renders (here one a label): a picture, not a blank page."""
    labels = {r["label"] for r in _read_manifest(corpus)}
    assert {sheet.stem for sheet in (corpus / "sheets").glob("*.png")} == labels
    with Image.open(corpus / "sheets" / "violin.png") as sheet:
        pixels = np.asarray(sheet.convert("L"))
    thumbnail = pixels[-(THUMB + 2 * LINE_HEIGHT) : -2 * LINE_HEIGHT, :THUMB]  # the one cell, above its two caption lines
    assert (thumbnail < 200).mean() > 0.02 and thumbnail.std() > 10  # the render drawn there, not a blank cell


def test_same_seed_same_bytes_for_matplotlib_renders(tmp_path):
    labels = "histogram,choropleth,word_cloud,dendrogram,network"
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        assert generate.main(["--out", str(out), "--per-class", "2", "--seed", "11", "--workers", "1", "--quiet",
                              "--labels", labels, "--no-sheets"]) == 0
        rows = [r for r in _read_manifest(out) if r["renderer"].split(":")[0] in MPL_LIBRARIES]
        digests.append({r["path"]: hashlib.sha256((out / r["path"]).read_bytes()).hexdigest() for r in rows})
    assert digests[0], "no matplotlib-family render among the sample"
    assert digests[0] == digests[1]


def test_renderers_option_draws_with_the_named_renderers_only(tmp_path, capsys):
    only = "matplotlib-textbook:box_number_line,matplotlib:pie_matplotlib"
    assert generate.main(["--out", str(tmp_path), "--per-class", "3", "--workers", "1", "--quiet", "--no-sheets",
                          "--renderers", only]) == 0
    rows = _read_manifest(tmp_path)
    assert sorted((r["label"], r["renderer"]) for r in rows) == [("box", "matplotlib-textbook:box_number_line")] * 3 + [
        ("pie", "matplotlib:pie_matplotlib")] * 3
    assert generate.main(["--out", str(tmp_path), "--renderers", "matplotlib:no_such_renderer", "--quiet"]) == 2
    assert "unknown renderers: matplotlib:no_such_renderer" in capsys.readouterr().err


def test_renderers_option_takes_a_library_name_for_all_of_its_renderers(tmp_path):
    library = "matplotlib-signed"
    expected = {r.name for rens in generate.load_renderers().values() for r in rens if r.library == library}
    assert len(expected) > 1
    assert generate.main(["--out", str(tmp_path), "--per-class", "1", "--workers", "1", "--quiet", "--no-sheets",
                          "--renderers", library]) == 0
    assert {r["renderer"] for r in _read_manifest(tmp_path)} == expected


def test_chrome_option_frames_every_image_in_the_named_chrome(tmp_path, capsys):
    """A corpus of published web charts: every image framed by a headline and source line, or a dashboard card."""
    assert generate.main(["--out", str(tmp_path), "--per-class", "3", "--workers", "1", "--quiet", "--no-sheets",
                          "--labels", "pie,heatmap", "--chrome", "publication,dashboard"]) == 0
    rows = _read_manifest(tmp_path)
    assert len(rows) == 6
    for row in rows:
        framed = {"publication", "dashboard"} & set(row["degradations"].split(","))
        assert len(framed) == 1, row
        with Image.open(tmp_path / row["path"]) as img:
            assert img.size[0] > 200 and img.size[1] > 200
    assert generate.main(["--out", str(tmp_path), "--chrome", "newspaper", "--quiet"]) == 2
    assert "unknown chrome: newspaper" in capsys.readouterr().err


def test_renderer_is_deterministic_in_process():
    by_label = generate.load_renderers()
    for label in ("stacked_bar", "sankey", "venn", "waffle", "ridgeline"):
        r = next(r for r in by_label[label] if r.library in MPL_LIBRARIES or r.library.startswith("matplotlib"))
        a = r.fn(np.random.default_rng(3)).image
        b = r.fn(np.random.default_rng(3)).image
        assert a.tobytes() == b.tobytes(), r.name


def test_degrade_is_seeded_and_keeps_some_clean():
    img = Image.new("RGB", (300, 200), "white")
    from PIL import ImageDraw

    ImageDraw.Draw(img).rectangle([50, 50, 200, 150], fill=(200, 30, 30))
    clean = 0
    for s in range(60):
        a, na = degrade(img, np.random.default_rng(s))
        b, nb = degrade(img, np.random.default_rng(s))
        assert na == nb and a.tobytes() == b.tobytes()
        clean += not na
    assert 8 <= clean <= 32


def test_broken_render_detection():
    assert generate.is_broken(Image.new("RGB", (200, 200), "white")) == "low_variance"
    noisy = Image.fromarray(np.random.default_rng(0).integers(0, 255, (100, 100, 3), dtype=np.uint8))
    assert generate.is_broken(noisy) is None


def test_renderer_weight_sets_its_share_of_the_round_robin():
    renderers = generate.load_renderers()["not_a_chart"]
    picks = [generate.pick_renderer(renderers, 0, "not_a_chart", i).name for i in range(sum(r.weight for r in renderers))]
    for r in renderers:
        assert picks.count(r.name) == r.weight, r.name
    assert any(r.weight > 1 for r in renderers)


def _browserless_renderers() -> list:
    """Every matplotlib-family and Pillow renderer, and the ECharts, Chart.js and D3 ones where Node.js is set up (none
    needs a browser)."""
    return [r for rs in generate.load_renderers().values() for r in rs
            if r.library in MPL_LIBRARIES or r.library.startswith(("matplotlib", "pillow")) or r.library in ("echarts", "chartjs", "d3")]


@pytest.mark.parametrize("renderer", _browserless_renderers(), ids=lambda r: f"{r.label}-{r.name}")
def test_every_renderer_draws_a_usable_rgb_image(renderer):
    rendered = renderer.fn(np.random.default_rng(11))
    assert rendered.image.mode == "RGB"
    assert min(rendered.image.size) >= 100, rendered.image.size
    assert generate.is_broken(rendered.image) is None
    assert "\t" not in rendered.style and "\n" not in rendered.style



def _bokeh_renderers() -> list:
    return [r for rs in generate.load_renderers().values() for r in rs if r.library == "bokeh"]


@pytest.mark.skipif(not _bokeh_renderers(), reason="needs Chromium for the Bokeh renderers")
@pytest.mark.parametrize("renderer", _bokeh_renderers(), ids=lambda r: f"{r.label}-{r.name}")
def test_every_bokeh_renderer_draws_its_chart_in_the_browser(renderer):
    rendered = renderer.fn(np.random.default_rng(11))
    assert rendered.image.mode == "RGB" and min(rendered.image.size) >= 200, rendered.image.size
    assert generate.is_broken(rendered.image) is None


@pytest.mark.skipif(find_browser() is None, reason="needs Chromium")
def test_browser_that_does_not_answer_in_time_is_killed_and_reported():
    with pytest.raises(RuntimeError, match=r"browser: no screenshot in 0.01 s"):
        screenshot("<p>hi</p>", 200, 100, timeout_s=0.01)
    assert screenshot("<p>hi</p>", 200, 100).size == (200, 100)


@pytest.fixture
def echarts():
    return pytest.importorskip("training.corpus.renderers.echarts_charts", reason="needs Node.js and `npm ci --prefix training/corpus/echarts`")


PIE = {"width": 120, "height": 90, "option": {"series": [{"type": "pie", "data": [1, 2]}]}}


def test_echarts_error_is_raised_with_its_message_and_the_next_render_works(echarts):
    broken_map = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "a"},
                                                             "geometry": {"type": "Polygon", "coordinates": 5}}]}
    with pytest.raises(RuntimeError, match="echarts: TypeError"):
        echarts._SCRIPT.ask({"width": 100, "height": 100, "map": broken_map, "option": {"series": [{"type": "map", "map": "regions"}]}})
    assert echarts._SCRIPT.ask(PIE)["svg"].startswith('<svg width="120" height="90"')


def test_echarts_render_without_answer_in_time_is_abandoned_and_the_next_render_works(echarts, monkeypatch):
    """A render that never answers (ECharts can loop on odd input) must not stall a corpus worker."""
    monkeypatch.setattr(echarts._SCRIPT, "timeout_s", 0.05)
    points = np.random.default_rng(0).random((300_000, 2)).round(4).tolist()
    with pytest.raises(RuntimeError, match="no answer in 0.05 s"):
        echarts._SCRIPT.ask({"width": 100, "height": 100, "option": {"xAxis": {}, "yAxis": {}, "series": [{"type": "scatter", "data": points}]}})
    monkeypatch.setattr(echarts._SCRIPT, "timeout_s", 30)
    assert echarts._SCRIPT.ask(PIE)["svg"].startswith('<svg width="120" height="90"')


@pytest.fixture
def chartjs():
    return pytest.importorskip("training.corpus.renderers.chartjs_charts", reason="needs Node.js and `npm ci --prefix training/corpus/chartjs`")


BAR = {"width": 150, "height": 100, "config": {"type": "bar", "data": {"labels": ["a", "b"], "datasets": [{"data": [1, 2]}]}}}


def test_chartjs_error_is_raised_with_its_message_and_the_next_render_works(chartjs):
    with pytest.raises(RuntimeError, match='chart.js: Error: "sideways" is not a registered controller'):
        chartjs._SCRIPT.ask({**BAR, "config": {"type": "sideways", "data": {"datasets": [{"data": [1]}]}}})
    png = Image.open(io.BytesIO(base64.b64decode(chartjs._SCRIPT.ask(BAR)["png"])))
    assert png.size == (150, 100)


def test_chartjs_high_density_render_has_twice_the_pixels(chartjs):
    """A screenshot from a high-density screen: the same chart at twice the pixels, not a bigger chart."""
    png = Image.open(io.BytesIO(base64.b64decode(chartjs._SCRIPT.ask({**BAR, "scale": 2})["png"])))
    assert png.size == (300, 200)


def test_render_that_never_ends_is_abandoned_and_the_next_seed_drawn(tmp_path, monkeypatch):
    """pygal 3.x loops forever (filling memory) when an axis title has no room; the corpus must go on."""
    monkeypatch.setattr(generate, "RENDER_TIMEOUT_S", 2)
    result = generate.make_one((str(tmp_path), "lollipop", 60097, 0, True, {"pygal:lollipop_pygal"}, ()))
    assert result.rejects == [("pygal:lollipop_pygal", "timeout")]
    assert not result.error and (tmp_path / result.row["path"]).is_file()


def test_a_renderer_module_that_failed_to_import_is_named_again_after_the_render(tmp_path, monkeypatch, capsys):
    """A library missing on the machine (plotly's kaleido without Chromium) silently changes the corpus unless the
    warning outlives the progress bar."""
    generate.load_renderers()
    monkeypatch.setitem(generate._LOAD_ERRORS, "broken_charts", "ImportError: no such library")
    assert generate.main(["--out", str(tmp_path), "--per-class", "1", "--workers", "1", "--no-sheets",
                          "--renderers", "matplotlib:pie_matplotlib"]) == 0
    err = capsys.readouterr().err
    warning = "renderer module broken_charts failed to import, so its renderers drew nothing: ImportError: no such library"
    assert err.count(warning) == 2 and err.rstrip().endswith(warning)


def test_an_interrupted_render_keeps_its_images_and_resumes(tmp_path, monkeypatch, capsys):
    """Ctrl-C writes the manifest of what was drawn and exits 130; the same command draws only the rest, and once the
    corpus is complete, nothing (a resumed `whatplot train` runs it every time)."""
    args = ["--out", str(tmp_path), "--per-class", "2", "--workers", "1", "--quiet", "--no-sheets",
            "--renderers", "matplotlib:pie_matplotlib"]
    make_one, calls = generate.make_one, []

    def interrupted_after_one(task):
        calls.append(task[2])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return make_one(task)

    monkeypatch.setattr(generate, "make_one", interrupted_after_one)
    assert generate.main(args) == 130
    assert "interrupted: the manifest has 1 images; the same command renders the rest" in capsys.readouterr().err
    assert [r["path"].split(".")[0] for r in _read_manifest(tmp_path)] == ["pie/pie_00000"]
    assert generate.main(args) == 0
    assert "made 1 images, skipped 1 existing" in capsys.readouterr().out
    assert len(_read_manifest(tmp_path)) == 2 and calls == [0, 1, 1]  # the interrupted image, then only it again
    assert generate.main(args) == 0
    assert "made 0 images, skipped 2 existing" in capsys.readouterr().out and calls == [0, 1, 1]


@pytest.mark.parametrize("option", ["--per-class", "--start", "--workers"])
def test_a_negative_count_is_refused(tmp_path, option, capsys):
    with pytest.raises(SystemExit) as exit_info:
        generate.main(["--out", str(tmp_path), option, "-1"])
    assert exit_info.value.code == 2 and f"{option} can't be negative" in capsys.readouterr().err


def test_strict_refuses_to_render_without_a_renderer_module(tmp_path, monkeypatch, capsys):
    """``--strict`` protects a long render from going on without a library's looks."""
    generate.load_renderers()
    monkeypatch.setitem(generate._LOAD_ERRORS, "broken_charts", "ImportError: no such library")
    assert generate.main(["--out", str(tmp_path), "--per-class", "1", "--workers", "1", "--no-sheets", "--strict",
                          "--renderers", "matplotlib:pie_matplotlib"]) == 2
    assert "--strict: not rendering without broken_charts" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.png")) and not list(tmp_path.rglob("*.jpg"))


@pytest.fixture
def d3():
    return pytest.importorskip("training.corpus.d3_request", reason="needs Node.js and `npm ci --prefix training/corpus/d3`")


def test_d3_draws_bars_on_d3_axes_and_reports_an_unknown_kind(d3):
    rng = np.random.default_rng(0)
    look = d3.style(rng)
    svg = d3._SCRIPT.ask({"kind": "bar", "width": 300, "height": 200, "style": look, "data": {
        "categories": ["a", "b", "c"], "values": [3, 1, 2], "horizontal": False, "padding": 0.2, "colourByCategory": False,
        "radius": 0, "labels": False, "format": ".0f"}})["svg"]
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"')
    assert svg.count('class="tick"') >= 3 + 2  # d3-axis ticks: the three categories and at least two values
    with pytest.raises(RuntimeError, match="d3: Error: unknown kind sideways"):
        d3._SCRIPT.ask({"kind": "sideways", "width": 10, "height": 10, "style": look, "data": {}})
    assert d3.draw("bar", 300, 200, look, {"categories": ["a"], "values": [1], "horizontal": True, "padding": 0.1,
                                          "colourByCategory": False, "radius": 0, "labels": True, "format": ".0f"}).image.size == (300, 200)


def test_a_missing_or_cut_short_image_is_drawn_again(tmp_path, capsys):
    """A rerun skips the images it has, but not one deleted, or cut short (a full disk, a copy stopped half-way): the
    manifest would lose it for good, or training would stop on it."""
    args = ["--out", str(tmp_path), "--per-class", "3", "--workers", "1", "--quiet", "--no-sheets",
            "--renderers", "matplotlib:pie_matplotlib"]
    assert generate.main(args) == 0
    rows = _read_manifest(tmp_path)
    whole = (tmp_path / rows[0]["path"]).read_bytes()
    (tmp_path / rows[0]["path"]).write_bytes(whole[: len(whole) // 2])
    (tmp_path / rows[1]["path"]).unlink()
    capsys.readouterr()
    assert generate.main(args) == 0
    assert "made 2 images, skipped 1 existing" in capsys.readouterr().out
    assert _read_manifest(tmp_path) == rows
    assert (tmp_path / rows[0]["path"]).read_bytes() == whole  # the same seed, the same picture
    with Image.open(tmp_path / rows[1]["path"]) as im:
        im.load()


def test_sigterm_stops_a_render_as_ctrl_c_does(tmp_path):
    """``kill``, ``docker stop`` and systemd send SIGTERM: the manifest keeps what was drawn and the command says so."""
    import signal
    import subprocess
    import sys
    import time

    command = [sys.executable, "-m", "training.corpus", "--out", str(tmp_path), "--per-class", "200", "--workers", "2",
               "--quiet", "--no-sheets", "--renderers", "matplotlib:pie_matplotlib"]
    process = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".parts/pie/*.tsv")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    drawn = len(_read_manifest(tmp_path))
    assert process.returncode == 143, err
    assert f"stopped (SIGTERM): the manifest has {drawn} images; the same command renders the rest" in err
    assert "Traceback" not in err and 0 < drawn < 200
