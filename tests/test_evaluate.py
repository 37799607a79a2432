"""`whatplot evaluate` on labelled sets as people write them: manifests, labels, paths and mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.images import bar_chart
from training.evaluate import main, match_labels
from training.features import LabelledImage, ManifestError, read_manifest


@pytest.mark.parametrize(
    "text",
    [
        "path\tlabel\tsource\na.png\tbar\tweb\nsub/b.png\tpie\t\n",
        "a.png\tbar\tweb\nsub/b.png\tpie\n",  # no header row
        "\ufeffPath\tLabel\tSource\r\na.png\tbar\tweb\r\nsub/b.png\tpie\r\n",  # a BOM, CRLF, a capitalised header
        "# made by hand\npath\tlabel\tsource\n\na.png\tbar\tweb\n  \n# the pies\nsub/b.png\tpie\n",
        "label\tnote\tpath\tsource\nbar\tx\ta.png\tweb\npie\ty\tsub/b.png\t\n",  # extra columns, in any order
    ],
)
def test_a_manifest_is_read_however_it_was_written(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.tsv").write_bytes(text.encode())
    assert read_manifest(tmp_path / "manifest.tsv") == [
        LabelledImage(tmp_path / "a.png", "bar", "web"),
        LabelledImage(tmp_path / "sub/b.png", "pie", ""),
    ]


def test_manifest_paths_are_relative_to_the_root_unless_absolute(tmp_path: Path) -> None:
    (tmp_path / "manifest.tsv").write_text(f"a.png\tbar\n{tmp_path / 'b.png'}\tpie\n")
    assert [item.path for item in read_manifest(tmp_path / "manifest.tsv", Path("/data"))] == [Path("/data/a.png"), tmp_path / "b.png"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("path,label\na.png,bar\n", "not a tab-separated list of paths and labels (it looks comma-separated"),
        ("file\tclass\na.png\tbar\n", "the header row (file, class) names no path and label columns"),
        ("path\tlabel\na.png\tbar\nb.png\n", "line 3: needs a path and a label"),
    ],
)
def test_a_manifest_that_cant_be_read_says_why(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "manifest.tsv").write_text(text)
    with pytest.raises(ManifestError) as error:
        read_manifest(tmp_path / "manifest.tsv")
    assert message in str(error.value)


def test_labels_match_by_id_name_or_reference_class_in_any_case() -> None:
    items = [LabelledImage(Path(f"{i}.png"), label) for i, label in enumerate(["violin", "Violin plot", "VIOLIN", "Doughnut", "Vertical Bar Plot", "horizontal-bar", "pie_graph", "pie_graph"])]
    known, unknown = match_labels(items, ["bar", "horizontal_bar", "donut", "violin"])
    assert [item.label for item in known] == ["violin", "violin", "violin", "donut", "bar", "horizontal_bar"]
    assert unknown == {"pie_graph": 2}


def _labelled_set(folder: Path) -> Path:
    """Two bar charts, a text file, a missing file and an unknown label, as a manifest in ``folder``."""
    folder.mkdir()
    bar_chart().save(folder / "a.png")
    bar_chart((480, 360)).save(folder / "b.png")
    (folder / "notes.png").write_text("not an image")
    (folder / "manifest.tsv").write_text("a.png\tBar chart\nb.png\tbar\nnotes.png\tbar\ngone.png\tbar\nb.png\tpie_graph\n")
    return folder / "manifest.tsv"


def test_evaluate_skips_unknown_labels_and_counts_unreadable_images(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = _labelled_set(tmp_path / "set")
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    captured = capsys.readouterr()
    assert "skipping 1 images with a label the model doesn't know: 'pie_graph' (1)" in captured.err
    assert "1 of 4 images are missing and count as misses" in captured.err
    assert "(4 images, 2 unreadable (counted as misses))" in captured.out
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert (report["n_images"], report["n_unreadable"], list(report["per_class"])) == (4, 2, ["bar"])
    for name in ("confusion.png", "worst_mistakes.png", "predictions.tsv"):
        assert (tmp_path / "out" / name).stat().st_size > 0


def test_evaluate_refuses_what_it_cant_use_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = _labelled_set(tmp_path / "set")
    (tmp_path / "file").write_text("")
    for args, status, message in [
        (["--manifest", str(tmp_path / "none.tsv")], 2, "can't read the manifest"),
        (["--manifest", str(manifest), "--root", str(tmp_path)], 2, "none of its 4 images is there"),
        (["--manifest", str(manifest), "--model", str(tmp_path / "none.tflite")], 3, "none.tflite doesn't exist"),
        (["--manifest", str(manifest), "--out", str(tmp_path / "file")], 2, "can't make that folder"),
    ]:
        out = ["--out", str(tmp_path / "out")] if "--out" not in args else []
        try:
            assert main([*args, *out, "--no-reference"]) == status
        except SystemExit as exit_info:
            assert exit_info.code == status
        assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_evaluate_stops_cleanly_on_ctrl_c(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("training.evaluate.predict_probabilities", interrupt)
    assert main(["--manifest", str(_labelled_set(tmp_path / "set")), "--out", str(tmp_path / "out"), "--no-reference"]) == 130
    assert capsys.readouterr().err.strip().endswith("whatplot evaluate: interrupted")


def test_evaluate_stops_on_sigterm_as_on_ctrl_c(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """``kill``, ``docker stop`` and systemd send SIGTERM: one line and exit status 143, no traceback."""
    import os
    import signal
    import time

    def terminated(*_args: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends

    def unhandled(_signum: int, _frame: object) -> None:
        raise AssertionError("SIGTERM reached the test's own handler: whatplot evaluate doesn't handle it")

    before = signal.signal(signal.SIGTERM, unhandled)
    monkeypatch.setattr("training.evaluate.predict_probabilities", terminated)
    try:
        assert main(["--manifest", str(_labelled_set(tmp_path / "set")), "--out", str(tmp_path / "out"), "--no-reference"]) == 143
    finally:
        assert signal.signal(signal.SIGTERM, before) is unhandled  # main put back the handler it found
    assert capsys.readouterr().err.strip().endswith("whatplot evaluate: stopped (SIGTERM)")
