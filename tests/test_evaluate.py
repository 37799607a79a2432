"""`whatplot evaluate` on labelled sets as people write them: manifests, labels, paths and mistakes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image, ImageFont

from tests.images import bar_chart
from training import plots
from training.evaluate import main, match_labels
from training.features import LabelledImage, ManifestError, read_manifest
from training.reference import is_installed as reference_is_installed


@pytest.mark.parametrize(
    "text",
    [
        "path\tlabel\tsource\na.png\tbar\tweb\nsub/b.png\tpie\t\n",
        "a.png\tbar\tweb\nsub/b.png\tpie\n",  # no header row
        "\ufeffPath\tLabel\tSource\r\na.png\tbar\tweb\r\nsub/b.png\tpie\r\n",  # a BOM, CRLF, a capitalised header
        "# made by hand\npath\tlabel\tsource\n\na.png\tbar\tweb\n  \n# the pies\nsub/b.png\tpie\n",
        "label\tnote\tpath\tsource\nbar\tx\ta.png\tweb\npie\ty\tsub/b.png\t\n",  # extra columns, in any order
        "path\tlabel\tsource\na.png\tbar\tweb\nsub\\b.png\tpie\n",  # a path written on Windows
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
        ("# bars\nbar\ta.png\n", "line 2: a label, then a path; without a header row the path comes first"),
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
        (["--manifest", str(manifest), "--out", str(tmp_path / "file")], 2, "file is a file, not a folder"),
        (["--manifest", str(manifest), "--model-card", str(tmp_path / "file" / "card.md")], 2, "--model-card"),
        (["--manifest", str(manifest), "--model-card", str(tmp_path)], 2, "is a folder"),
        (["--manifest", str(tmp_path / "file")], 2, "lists no images"),
    ]:
        out = ["--out", str(tmp_path / "out")] if "--out" not in args else []
        try:
            assert main([*args, *out, "--no-reference"]) == status
        except SystemExit as exit_info:
            assert exit_info.code == status
        assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("step", ["read_manifest", "predict_probabilities"])
def test_evaluate_stops_cleanly_on_ctrl_c(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """At any step: reading a long manifest, or checking that its images are there, takes a while too."""

    def interrupt(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(f"training.evaluate.{step}", interrupt)
    assert main(["--manifest", str(_labelled_set(tmp_path / "set")), "--out", str(tmp_path / "out"), "--no-reference"]) == 130
    assert capsys.readouterr().err.strip().endswith("whatplot evaluate: interrupted; the same command resumes the evaluation")


def test_evaluate_stops_on_sigterm_as_on_ctrl_c(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """``kill``, ``docker stop`` and systemd send SIGTERM: one line and exit status 143, no traceback."""
    import os
    import signal
    import time

    def terminated(*_args: object, **_kwargs: object) -> None:
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
    assert capsys.readouterr().err.strip().endswith("whatplot evaluate: stopped (SIGTERM); the same command resumes the evaluation")


def run_evaluate(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``whatplot evaluate`` as a user runs it, in a process of its own (a hang fails the test, not the run)."""
    command = [sys.executable, "-m", "whatplot", "evaluate", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


def test_pipes_devices_and_bombs_in_a_manifest_are_unreadable_not_a_hang_or_a_crash(tmp_path: Path) -> None:
    """A pipe would block reading, /dev/zero never end, and a picture past Pillow's bomb limit makes it raise: each is
    a miss, for the reference model too (which runs when ``../shared/baselines`` has it)."""
    bar_chart().save(tmp_path / "a.png")
    os.mkfifo(tmp_path / "pipe.png")
    Image.new("1", (15000, 13000)).save(tmp_path / "bomb.png")  # 195 megapixels, a small file
    (tmp_path / "manifest.tsv").write_text("a.png\tbar\npipe.png\tbar\n/dev/zero\tbar\nbomb.png\tbar\n")
    result = run_evaluate("--manifest", str(tmp_path / "manifest.tsv"), "--out", str(tmp_path / "out"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert (report["n_images"], report["n_unreadable"]) == (4, 3)


def test_the_summary_prints_on_a_terminal_that_lacks_its_characters(tmp_path: Path) -> None:
    manifest = str(_labelled_set(tmp_path / "set"))
    result = run_evaluate("--manifest", manifest, "--out", str(tmp_path / "out"), "--no-reference", env={"PYTHONIOENCODING": "latin-1"})
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "top-1 0.500 (95% interval 0.150\\u20130.850)" in result.stdout  # the dash, escaped


def test_the_contact_sheet_does_not_claim_no_mistakes_when_images_were_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    titles: list[str | None] = []

    def save_contact_sheet(*args: object, title: str | None = None, **kwargs: object) -> None:
        titles.append(title)
        plots.save_contact_sheet(*args, title=title, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("training.evaluate.save_contact_sheet", save_contact_sheet)
    assert main(["--manifest", str(_labelled_set(tmp_path / "set")), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert titles == ["no mistakes on 2 images (2 unreadable, not shown: predictions.tsv marks them)"]


def test_a_contact_sheet_is_wide_enough_for_its_title(tmp_path: Path) -> None:
    bar_chart().save(tmp_path / "a.png")
    title = "the most confident mistakes (2 unreadable, not shown: predictions.tsv marks them)"
    plots.save_contact_sheet([tmp_path / "a.png"], ["bar -> pie 90%\na.png"], tmp_path / "sheet.png", title=title)
    with Image.open(tmp_path / "sheet.png") as sheet:
        assert sheet.width >= ImageFont.load_default(size=13).getlength(title)


def test_the_confusion_matrix_gives_unreadable_images_a_column_of_their_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unreadable image is no prediction of a label outside the set, which is what the last column holds."""
    columns: list[list[str]] = []
    savefig = Figure.savefig

    def spy(figure: Figure, *args: object, **kwargs: object) -> None:
        columns.append([label.get_text() for label in figure.axes[0].get_xticklabels()])
        savefig(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", spy)
    plots.save_confusion_matrix(np.array([0, 0, 1]), np.array([0, -1, 2]), ["bar", "pie"], [0, 1], tmp_path / "confusion.png")
    assert columns == [["bar", "pie", "(a label not in this set)", "(unreadable)"]]


@pytest.fixture
def stand_in_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A reference folder as ``../shared/baselines`` holds one (not beside every clone), made of this repository's files:
    our shipped model as its ``keras_model.tflite`` (224×224 input, as the reference's) and a ``labels.txt`` in the
    reference's format ("0 Vertical Bar Plot") naming its 14 classes in turn over the model's 40 outputs."""
    import shutil

    from classifier.config import shipped_model_paths
    from classifier.taxonomy import load_taxonomy
    from training import reference

    folder = tmp_path / "baselines" / "plot-classifier"
    folder.mkdir(parents=True)
    shutil.copyfile(shipped_model_paths()[0], folder / reference.MODEL_FILE)
    names = [t.reference_class for t in load_taxonomy() if t.reference_class]
    (folder / reference.LABELS_FILE).write_text("".join(f"{i} {names[i % len(names)]} Plot\n" for i in range(len(load_taxonomy()))))
    monkeypatch.setattr(reference, "REFERENCE_DIR", folder)
    return folder


@pytest.fixture(params=["stand_in", pytest.param("shared", marks=pytest.mark.skipif(not reference_is_installed(), reason="needs ../shared/baselines"))])
def a_reference(request: pytest.FixtureRequest) -> None:
    """The comparison with the reference model runs everywhere on the stand-in, and on the real one where it is there."""
    if request.param == "stand_in":
        request.getfixturevalue("stand_in_reference")


@pytest.mark.usefixtures("a_reference")
def test_no_comparison_is_reported_on_a_set_of_labels_the_reference_lacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bar_chart().save(tmp_path / "a.png")
    (tmp_path / "manifest.tsv").write_text("a.png\tsankey\n")  # not one of the reference's 14 types
    assert main(["--manifest", str(tmp_path / "manifest.tsv"), "--out", str(tmp_path / "out")]) == 0
    assert "reference" not in capsys.readouterr().out
    assert json.loads((tmp_path / "out" / "report.json").read_text())["reference"] is None


def test_the_reference_models_answers_are_mapped_to_our_labels(
    stand_in_reference: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its top output's line of its labels.txt, as our taxonomy id, measured on the images of its types only."""
    from ai_edge_litert.interpreter import Interpreter
    from PIL import ImageOps

    from classifier.taxonomy import load_taxonomy
    from training import reference

    bar_chart().save(tmp_path / "a.png")
    bar_chart((480, 360)).save(tmp_path / "b.png")
    (tmp_path / "manifest.tsv").write_text("a.png\tbar\nb.png\tradar\na.png\tsankey\n")  # sankey: not one of its types
    answers: list[tuple[str, str | None]] = []
    predict_file = reference.ReferenceModel.predict_file

    def recorded(model: reference.ReferenceModel, path: Path) -> str | None:  # a spy: the real answer, noted
        answers.append((path.name, predict_file(model, path)))
        return answers[-1][1]

    monkeypatch.setattr(reference.ReferenceModel, "predict_file", recorded)
    assert main(["--manifest", str(tmp_path / "manifest.tsv"), "--out", str(tmp_path / "out")]) == 0

    # the reference's own pipeline by hand; line i of the stand-in's labels.txt names the i % 14th reference class
    interpreter = Interpreter(model_path=str(stand_in_reference / reference.MODEL_FILE))
    interpreter.allocate_tensors()
    by_line = [t.id for t in load_taxonomy() if t.reference_class]
    expected = {}
    for name in ("a.png", "b.png"):
        x = np.asarray(ImageOps.fit(Image.open(tmp_path / name).convert("RGB"), (224, 224)), dtype=np.float32) / 127.0 - 1.0
        interpreter.set_tensor(interpreter.get_input_details()[0]["index"], x[None])
        interpreter.invoke()
        expected[name] = by_line[int(np.argmax(interpreter.get_tensor(interpreter.get_output_details()[0]["index"])[0])) % len(by_line)]
    # (its first line names bar: answering another line is what tells a right mapping from one of every line to the first)
    assert set(expected.values()) != {"bar"}, "the stand-in answers its first line: give it images it calls otherwise"
    assert answers == [("a.png", expected["a.png"]), ("b.png", expected["b.png"])]
    compared = json.loads((tmp_path / "out" / "report.json").read_text())["reference"]
    assert compared["n_images"] == 2 and compared["reference_top1"] == ((expected["a.png"] == "bar") + (expected["b.png"] == "radar")) / 2
    assert f"reference {compared['reference_top1']:.3f}" in capsys.readouterr().out


def test_a_missing_reference_model_is_skipped_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed with pip, away from this repository's ``../shared``, ``whatplot evaluate`` still evaluates."""
    monkeypatch.setattr("training.reference.REFERENCE_DIR", tmp_path / "baselines")
    assert main(["--manifest", str(_labelled_set(tmp_path / "set")), "--out", str(tmp_path / "out")]) == 0
    assert f"no reference model in {tmp_path / 'baselines'}: skipping the comparison with it" in capsys.readouterr().err
    assert json.loads((tmp_path / "out" / "report.json").read_text())["reference"] is None


def test_an_image_listed_twice_is_pointed_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A row pasted twice counts twice, and one image under two labels is a miss whatever the model says: say so."""
    bar_chart().save(tmp_path / "a.png")
    bar_chart((480, 360)).save(tmp_path / "b.png")
    (tmp_path / "manifest.tsv").write_text("a.png\tbar\nb.png\tbar\na.png\tbar\n./a.png\tpie\n")
    assert main(["--manifest", str(tmp_path / "manifest.tsv"), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert f"2 rows list an image listed earlier (each row counts), e.g. {tmp_path / 'a.png'}" in capsys.readouterr().err


def test_a_summary_that_cannot_be_printed_exits_1_in_one_line(tmp_path: Path) -> None:
    """The report is written either way; closed standard output loses nothing the folder doesn't hold."""
    manifest = str(_labelled_set(tmp_path / "set"))
    command = [sys.executable, "-m", "whatplot", "evaluate", "--manifest", manifest, "--out", str(tmp_path / "out"), "--no-reference"]
    with open("/dev/full", "wb") as full:  # a full disk
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[-1] == "whatplot evaluate: can't write to standard output: No space left on device"
    assert (tmp_path / "out" / "report.json").is_file()
    closed = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *command], stderr=subprocess.PIPE, text=True, timeout=120)
    assert closed.returncode == 0 and "Traceback" not in closed.stderr, closed.stderr


def test_a_folder_whose_name_is_not_utf8_is_evaluated(tmp_path: Path) -> None:
    """A set copied from an old Latin-1 system: predictions.tsv keeps the path's bytes, the summary shows them escaped."""
    folder = tmp_path / os.fsdecode(b"caf\xe9")
    result = run_evaluate("--manifest", str(_labelled_set(folder)), "--out", str(folder / "out"), "--no-reference")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"report and plots in {tmp_path}/caf\\xe9/out" in result.stdout
    assert str(tmp_path).encode() + b"/caf\xe9/a.png\tbar\tbar" in (folder / "out" / "predictions.tsv").read_bytes()


# --- Resuming: an evaluation stopped part-way goes on where it stopped when the same command runs again. ---


def _set_to_resume(folder: Path) -> Path:
    """Six charts of different sizes (the model's probabilities differ), a text file and a missing file, as a manifest."""
    folder.mkdir()
    rows = []
    for k, size in enumerate([(640, 480), (480, 360), (800, 400), (300, 300), (500, 700), (1000, 500)]):
        bar_chart(size).save(folder / f"{k}.png")
        rows.append(f"{k}.png\tbar\n")
    (folder / "notes.png").write_text("not an image")
    (folder / "manifest.tsv").write_text("".join(rows[:3]) + "notes.png\tbar\ngone.png\tbar\n" + "".join(rows[3:]))
    return folder / "manifest.tsv"


class Preprocessed:
    """``training.evaluate.preprocess`` as it is, counting the images it reads; with ``stop_after``, it sends this
    process SIGTERM (``kill``) once it has read that many, as a user stopping the run part-way would."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, stop_after: int | None = None) -> None:
        from training import evaluate

        self.paths: list[str] = []
        self._preprocess, self._stop_after = evaluate.preprocess, stop_after
        monkeypatch.setattr(evaluate, "preprocess", self)
        monkeypatch.setattr(evaluate, "BATCH_SIZE", 2)  # a few batches of a few images

    def __call__(self, path: Path, size: int) -> np.ndarray:
        import signal

        if self._stop_after is not None and len(self.paths) == self._stop_after:
            os.kill(os.getpid(), signal.SIGTERM)
        self.paths.append(Path(path).name)
        return self._preprocess(path, size)


def _outputs(out: Path) -> tuple[dict, bytes]:
    return json.loads((out / "report.json").read_text()), (out / "predictions.tsv").read_bytes()


def _stopped_part_way(manifest: Path, out: Path, monkeypatch: pytest.MonkeyPatch, *args: str, kept: int = 3) -> None:
    """Evaluate into ``out`` two images a batch, stopped by SIGTERM as it reads 3.png: the first two batches are kept,
    but for notes.png: no result is kept for an image that couldn't be read (reading it again is cheap)."""
    with monkeypatch.context() as patched:
        Preprocessed(patched, stop_after=4)
        assert main(["--manifest", str(manifest), "--out", str(out), "--no-reference", *args]) == 143
    assert len((out / "progress.jsonl").read_text().splitlines()) == kept  # 0.png, 1.png and 2.png
    assert not (out / "report.json").exists()


def test_a_stopped_evaluation_resumes_measuring_only_the_images_it_had_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = _set_to_resume(tmp_path / "set")
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "whole"), "--no-reference"]) == 0
    _stopped_part_way(manifest, tmp_path / "out", monkeypatch)
    assert capsys.readouterr().err.strip().endswith("stopped (SIGTERM); the same command resumes the evaluation")

    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert "resuming: 3 of 8 images already done" in capsys.readouterr().err
    assert preprocessed.paths == ["notes.png", "3.png", "4.png", "5.png"]  # and gone.png, missing, isn't read
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "whole")  # the same report as a run never stopped
    assert not (tmp_path / "out" / "progress.jsonl").exists()  # finished: the next run measures every image again
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["confusion.png", "predictions.tsv", "report.json", "worst_mistakes.png"]


def test_fresh_measures_every_image_again(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = _set_to_resume(tmp_path / "set")
    _stopped_part_way(manifest, tmp_path / "out", monkeypatch)
    capsys.readouterr()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference", "--fresh"]) == 0
    assert "resuming" not in capsys.readouterr().err
    assert preprocessed.paths == ["0.png", "1.png", "2.png", "notes.png", "3.png", "4.png", "5.png"]


def test_results_of_another_model_file_are_not_reused(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path, another model in it (a new run's copied over the shipped one): every image is measured again."""
    import shutil

    from classifier.config import WEIGHTS_DIR

    manifest = _set_to_resume(tmp_path / "set")
    (tmp_path / "model").mkdir()
    model = tmp_path / "model" / "whatplot.tflite"
    shutil.copy(WEIGHTS_DIR / "labels.txt", tmp_path / "model")
    shutil.copy(WEIGHTS_DIR / "whatplot.tflite", model)
    _stopped_part_way(manifest, tmp_path / "out", monkeypatch, "--model", str(model))
    shutil.copy(WEIGHTS_DIR / "whatplot-b.tflite", model)
    capsys.readouterr()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference", "--model", str(model)]) == 0
    assert "resuming" not in capsys.readouterr().err
    assert preprocessed.paths == ["0.png", "1.png", "2.png", "notes.png", "3.png", "4.png", "5.png"]
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "b"), "--no-reference", "--model", str(WEIGHTS_DIR / "whatplot-b.tflite")]) == 0
    assert _outputs(tmp_path / "out")[0] == _outputs(tmp_path / "b")[0]


def test_a_changed_manifest_row_or_image_is_measured_again(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = _set_to_resume(tmp_path / "set")
    _stopped_part_way(manifest, tmp_path / "out", monkeypatch)
    manifest.write_text(manifest.read_text().replace("0.png\tbar", "0.png\tline"))  # a label corrected
    bar_chart((900, 300)).save(tmp_path / "set" / "1.png")  # an image replaced
    capsys.readouterr()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert "resuming: 1 of 8 images already done" in capsys.readouterr().err  # 2.png
    assert preprocessed.paths == ["0.png", "1.png", "notes.png", "3.png", "4.png", "5.png"]
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "whole"), "--no-reference"]) == 0
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "whole")


def test_a_progress_file_cut_short_by_a_crash_is_read_up_to_its_last_whole_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kill -9`` or a full disk while a line was being written: that image is measured again, the others aren't."""
    manifest = _set_to_resume(tmp_path / "set")
    _stopped_part_way(manifest, tmp_path / "out", monkeypatch)
    progress = tmp_path / "out" / "progress.jsonl"
    progress.write_text(progress.read_text()[:-40])
    capsys.readouterr()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert "resuming: 2 of 8 images already done" in capsys.readouterr().err
    assert preprocessed.paths == ["2.png", "notes.png", "3.png", "4.png", "5.png"]


@pytest.mark.usefixtures("a_reference")
def test_the_reference_models_answers_are_kept_too(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from training import reference

    manifest = _set_to_resume(tmp_path / "set")
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "whole")]) == 0
    answered: list[str] = []
    predict_file = reference.ReferenceModel.predict_file

    def stopped_after_two(model: reference.ReferenceModel, path: Path) -> str | None:
        if len(answered) == 2:
            raise KeyboardInterrupt
        answered.append(path.name)
        return predict_file(model, path)

    monkeypatch.setattr(reference.ReferenceModel, "predict_file", stopped_after_two)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out")]) == 130
    monkeypatch.setattr(reference.ReferenceModel, "predict_file", lambda model, path: answered.append(path.name) or predict_file(model, path))
    capsys.readouterr()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out")]) == 0
    assert "resuming: 6 of 8 images already done (2 by the reference model)" in capsys.readouterr().err  # not notes.png, gone.png
    assert preprocessed.paths == ["notes.png"] and answered == ["0.png", "1.png", "2.png", "notes.png", "gone.png", "3.png", "4.png", "5.png"]
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "whole")


def test_the_reports_are_written_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped while writing its outputs, a run into a finished folder leaves no half-written file, and no report (the
    mark of a finished evaluation, written last); the next run finishes from its kept results."""
    manifest = _set_to_resume(tmp_path / "set")
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    before = {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()}

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("training.evaluate.save_contact_sheet", stopped)  # the last of the plots
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference", "--fresh"]) == 130
    assert not (tmp_path / "out" / "report.json").exists()
    assert {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir() if path.name in before} == {
        name: data for name, data in before.items() if name != "report.json"
    }
    assert not list((tmp_path / "out").glob("*.partial"))
    monkeypatch.undo()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert preprocessed.paths == ["notes.png"]  # unreadable: read again
    assert {path.name: path.read_bytes() for path in (tmp_path / "out").iterdir()} == before


def test_a_run_stopped_while_writing_its_outputs_leaves_no_report_beside_outputs_it_does_not_describe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new evaluation into a finished folder, stopped after predictions.tsv: the earlier run's report.json is gone
    (a report is written last, beside the outputs it describes), and the same command writes them all."""
    manifest = _set_to_resume(tmp_path / "set")
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    manifest.write_text(manifest.read_text().replace("0.png\tbar", "0.png\tline"))  # a label corrected

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr("training.evaluate.save_confusion_matrix", stopped)
        assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 130
    assert not (tmp_path / "out" / "report.json").exists()
    assert "0.png\tline\t" in (tmp_path / "out" / "predictions.tsv").read_text()  # the new run's
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert preprocessed.paths == ["notes.png"]
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "whole"), "--no-reference"]) == 0
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "whole")


def test_sigterm_while_a_report_is_written_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``kill`` half-way through writing report.json: no report.json.partial is left behind, nor a report."""
    import signal
    import time

    manifest = _set_to_resume(tmp_path / "set")
    write_text = Path.write_text

    def killed_half_way(path: Path, data: str, *args: object, **kwargs: object) -> int:
        if path.name != "report.json.partial":
            return write_text(path, data, *args, **kwargs)
        write_text(path, data[: len(data) // 2], *args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
        raise AssertionError("SIGTERM didn't stop the run")

    with monkeypatch.context() as patched:
        patched.setattr(Path, "write_text", killed_half_way)
        assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 143
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["confusion.png", "predictions.tsv", "progress.jsonl", "worst_mistakes.png"]
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert preprocessed.paths == ["notes.png"]
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "whole"), "--no-reference"]) == 0
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "whole")


def test_an_image_unreadable_when_stopped_is_read_when_resumed(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """An image the first run couldn't read (permission denied, then fixed with chmod; or a decoder that lacked its
    format, since upgraded), its file as it was: the resumed run reads it, and reports what a whole run would."""
    from classifier.errors import WhatplotError
    from training import evaluate

    manifest = _set_to_resume(tmp_path / "set")
    preprocess = evaluate.preprocess

    def refusing_1(path: Path, size: int) -> np.ndarray:
        if Path(path).name == "1.png":
            raise WhatplotError("can't read it")
        return preprocess(path, size)

    with monkeypatch.context() as patched:
        patched.setattr(evaluate, "preprocess", refusing_1)
        _stopped_part_way(manifest, tmp_path / "out", patched, kept=2)  # its SIGTERM wraps refusing_1
    assert "1.png" not in (tmp_path / "out" / "progress.jsonl").read_text()
    capsys.readouterr()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert "resuming: 2 of 8 images already done" in capsys.readouterr().err
    assert preprocessed.paths == ["1.png", "notes.png", "3.png", "4.png", "5.png"]
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "whole"), "--no-reference"]) == 0
    assert _outputs(tmp_path / "out") == _outputs(tmp_path / "whole")
    assert _outputs(tmp_path / "out")[0]["n_unreadable"] == 2  # notes.png and gone.png only


def test_results_of_another_decoder_are_not_reused(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Pillow upgraded between the stopped run and the resumed one (or the classifier's code changed): every image is
    measured again."""
    from importlib import metadata
    from types import SimpleNamespace

    manifest = _set_to_resume(tmp_path / "set")
    _stopped_part_way(manifest, tmp_path / "out", monkeypatch)
    upgraded = SimpleNamespace(
        version=lambda name: "99.0" if name == "pillow" else metadata.version(name), PackageNotFoundError=metadata.PackageNotFoundError
    )
    monkeypatch.setattr("training.progress.metadata", upgraded)
    capsys.readouterr()
    preprocessed = Preprocessed(monkeypatch)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert "resuming" not in capsys.readouterr().err
    assert preprocessed.paths == ["0.png", "1.png", "2.png", "notes.png", "3.png", "4.png", "5.png"]


@pytest.mark.parametrize("with_labels", [False, True], ids=["labels-lost", "model-damaged"])
def test_a_reference_model_that_cant_be_loaded_is_skipped_not_a_write_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, with_labels: bool
) -> None:
    """Its model file there but damaged, its labels.txt lost or not: --no-reference doesn't read it, a run that
    compares says it can't use it and evaluates without it (a damaged one ended the run in a traceback, after all
    the work), and neither claims it can't write a file."""
    from training import reference

    (tmp_path / "baselines").mkdir()
    (tmp_path / "baselines" / reference.MODEL_FILE).write_bytes(b"no flatbuffer")
    if with_labels:
        (tmp_path / "baselines" / reference.LABELS_FILE).write_text("0 Bar chart\n")
    monkeypatch.setattr("training.reference.REFERENCE_DIR", tmp_path / "baselines")
    manifest = _set_to_resume(tmp_path / "set")
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 0
    assert "can't" not in capsys.readouterr().err
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "compared")]) == 0
    err = capsys.readouterr().err
    assert "the reference model is unusable (" in err and "): skipping the comparison with it" in err
    assert "can't write" not in err
    assert json.loads((tmp_path / "compared" / "report.json").read_text())["reference"] is None
    _stopped_part_way(manifest, tmp_path / "resumed", monkeypatch)  # and a run without it resumes
    capsys.readouterr()
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "resumed"), "--no-reference"]) == 0
    assert "resuming: 3 of 8 images already done" in capsys.readouterr().err


def test_ctrl_c_while_counting_the_results_kept_closes_their_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long progress file takes a while to count: Ctrl-C then closes it as Ctrl-C while measuring does."""
    from training.progress import Progress

    manifest = _set_to_resume(tmp_path / "set")
    _stopped_part_way(manifest, tmp_path / "out", monkeypatch)
    opened: list[Progress] = []
    init = Progress.__init__

    def recorded(progress: Progress, *args: object, **kwargs: object) -> None:
        init(progress, *args, **kwargs)  # type: ignore[arg-type]
        opened.append(progress)

    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "__init__", recorded)
    monkeypatch.setattr(Progress, "done", interrupted)
    assert main(["--manifest", str(manifest), "--out", str(tmp_path / "out"), "--no-reference"]) == 130
    assert len(opened) == 1 and opened[0]._file.closed
    assert len((tmp_path / "out" / "progress.jsonl").read_text().splitlines()) == 3  # kept for the next run
