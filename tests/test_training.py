"""The whole training pipeline, tiny: corpus → features → train → calibrate → export → load → predict → evaluate."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from classifier import ChartClassifier, load_taxonomy
from classifier.config import shipped_model_paths
from classifier.imaging import load_image
from training.calibration import expected_calibration_error, fit_temperature
from training.config import TrainConfig
from training.evaluate import evaluate, score
from training.features import augment, dark_theme, read_manifest, split_train_val
from training.network import CONVOLUTIONS


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[TrainConfig, dict]:
    from training.train import train

    root = tmp_path_factory.mktemp("training")
    config = TrainConfig(
        run_dir=root / "run", corpus_dir=root / "corpus", per_class=2, workers=2, input_size=64,
        not_a_chart_per_class=2, views_per_image=1, val_fraction=0.5, batch_size=16, head_epochs=1, epochs=1, warmup_fraction=0.5,
        export_dir=root / "export", realcharts_manifest=None,
    )  # fmt: skip
    return config, train(config)


def test_tiny_training_run_exports_a_working_model(tiny_run: tuple[TrainConfig, dict]) -> None:
    config, summary = tiny_run
    classifier = ChartClassifier.load(config.export_dir / "whatplot.tflite")
    assert classifier.labels == tuple(t.id for t in load_taxonomy())
    assert classifier.input_size == 64
    image = next(config.corpus_dir.glob("bar/*"))
    predictions = classifier.predict(image, top_k=None)
    assert sum(p.confidence for p in predictions) == pytest.approx(1.0, abs=1e-3)
    assert summary["temperature"] > 0 and summary["model_bytes"] > 1_000_000
    assert json.loads((config.run_dir / "summary.json").read_text())["temperature"] == summary["temperature"]
    assert (config.run_dir / "training_log.csv").read_text().count("\n") >= 2  # one row per epoch
    card = (config.export_dir / "whatplot.md").read_text()  # named after the model beside it
    assert "linear warm-up over 50% of the steps" in card
    command = card.split("Command: `")[1].split("`")[0]  # the run's own flags, so the card reproduces it
    assert "--per-class 2 " in command and command.endswith("--warmup-fraction 0.5") and "--run-dir" not in command
    assert f"--corpus-dir {config.corpus_dir} " in command
    drawn_by = Counter(item.source.split(":")[0].split("-")[0] for item in read_manifest(config.corpus_dir / "manifest.tsv"))
    assert f"drawn by {drawn_by.most_common(1)[0][0]}, " in card  # the libraries of this corpus, not a fixed list


def test_a_finished_run_resumes_without_retraining(tiny_run: tuple[TrainConfig, dict]) -> None:
    from training.train import train

    config, summary = tiny_run
    before = (config.run_dir / "final.weights.h5").stat().st_mtime
    again = train(config)
    assert (config.run_dir / "final.weights.h5").stat().st_mtime == before
    assert again["temperature"] == pytest.approx(summary["temperature"])
    assert again["train_minutes"] > summary["train_minutes"]  # the first pass's time counts too, not only the resume's
    assert again["corpus_minutes"] >= summary["corpus_minutes"]


def test_a_run_continues_from_earlier_weights_with_an_extra_corpus(tiny_run: tuple[TrainConfig, dict], tmp_path: Path) -> None:
    import dataclasses

    from training.corpus.__main__ import main as render
    from training.train import train

    config, _ = tiny_run
    extras = (tmp_path / "extra", tmp_path / "extra2")
    for start, extra in zip((2, 4), extras):
        assert render(["--out", str(extra), "--start", str(start), "--per-class", "2", "--labels", "bar,pie,not_a_chart", "--no-sheets", "--quiet"]) == 0
    continued = dataclasses.replace(
        config, run_dir=tmp_path / "run", export_dir=tmp_path / "export", extra_corpus_dirs=extras, init_weights=(config.run_dir / "final.weights.h5",)
    )
    summary = train(continued)

    log = (continued.run_dir / "training_log.csv").read_text().strip().splitlines()
    assert len(log) == 1 + continued.epochs  # a header and the fine-tuning epochs: no second head stage
    n_train = len(read_manifest(config.corpus_dir / "manifest.tsv")) // 2 + 3 + 3  # each corpus split in half
    assert np.load(continued.run_dir / "train_64px_b6.npy", mmap_mode="r").shape[0] == n_train * continued.views_per_image
    card = (continued.export_dir / "whatplot.md").read_text()
    assert "Continued from an earlier run's weights" in card and f"--init-weights {continued.init_weights[0]}" in card
    assert f"--extra-corpus-dir {extras[0]} --extra-corpus-dir {extras[1]}" in card and summary["temperature"] > 0


def test_an_exported_model_reads_back_into_keras_to_continue_training(tiny_run: tuple[TrainConfig, dict]) -> None:
    import keras

    from classifier.imaging import preprocess
    from training.litert_import import import_litert_weights
    from training.network import build_backbone, build_head, build_serving_model, split_backbone

    config, summary = tiny_run
    keras.utils.set_random_seed(config.seed)  # the run's own stem (its initial weights), as train() builds it
    stem, top = split_backbone(build_backbone(config.input_size, config.base_weights), config.frozen_blocks)
    head = build_head(tuple(top.output.shape[1:]), len(load_taxonomy()), config.dropout)
    features = keras.Input(shape=tuple(top.input.shape[1:]))
    keras.Model(features, head(top(features))).load_weights(str(config.run_dir / "final.weights.h5"))
    layers = {layer.name: layer for layer in stem.layers + top.layers}

    def folded(name: str) -> tuple[np.ndarray, np.ndarray]:  # a convolution and its batch norm as one affine map
        gamma, beta, mean, variance = layers[f"{name}_bn"].get_weights()
        scale = gamma / np.sqrt(variance + layers[f"{name}_bn"].epsilon)
        kernel = layers[name].get_weights()[0]
        return kernel * scale[:, None] if "dw" in name else kernel * scale, beta - mean * scale

    trained = {name: folded(name) for name in CONVOLUTIONS}  # stem and top
    trained_logits = [w / summary["temperature"] for w in head.get_layer("logits").get_weights()]

    for layer in stem.layers + top.layers + head.layers:  # forget them: what follows must come from the file
        layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])
    model_path = config.export_dir / "whatplot.tflite"
    import_litert_weights([model_path], stem, top, head)
    # int8 in the file (a few layers float): within one int8 step of the largest weight, not equal
    for name in CONVOLUTIONS:
        for read_back, expected in zip(folded(name), trained[name]):
            assert np.allclose(read_back, expected, rtol=2e-3, atol=np.abs(expected).max() / 127), name
    for read_back, expected in zip(head.get_layer("logits").get_weights(), trained_logits):
        assert np.allclose(read_back, expected, rtol=2e-3, atol=np.abs(expected).max() / 127)

    images = np.stack([preprocess(path, config.input_size) for path in sorted(config.corpus_dir.glob("*/*.*"))[::10]])
    exported = ChartClassifier.load(model_path).probabilities(images)
    rebuilt = build_serving_model(stem, top, head, temperature=1.0)(images.astype(np.float32)).numpy()  # T is folded in
    assert np.abs(np.log(rebuilt) - np.log(exported)).max() < 0.05  # int8 activations: close, not equal

    wrong_labels = build_head(tuple(top.output.shape[1:]), 14, config.dropout)
    with pytest.raises(ValueError, match="names 40 labels, the run 14"):
        import_litert_weights([model_path], stem, top, wrong_labels)


def live_network(config: TrainConfig, seed: int) -> tuple[object, object, object]:
    """A network's stem, top and head, alive without the ImageNet weights (../shared is not beside every clone):
    He-initialised kernels keep the activations from vanishing over 27 layers, as Keras's default initialiser lets them
    (all outputs alike, all ReLUs off)."""
    import keras

    from training.network import build_backbone, build_head, split_backbone

    keras.utils.set_random_seed(seed)
    stem, top = split_backbone(build_backbone(config.input_size, None), config.frozen_blocks)
    head = build_head(tuple(top.output.shape[1:]), len(load_taxonomy()), config.dropout)
    rng = np.random.default_rng(seed)
    for layer in stem.layers + top.layers:
        if isinstance(layer, (keras.layers.Conv2D, keras.layers.DepthwiseConv2D)):
            kernel = layer.get_weights()[0]
            fan_in = kernel.shape[0] * kernel.shape[1] * (1 if isinstance(layer, keras.layers.DepthwiseConv2D) else kernel.shape[2])
            layer.set_weights([rng.normal(0, np.sqrt(2 / fan_in), kernel.shape).astype(np.float32)])
    return stem, top, head


def test_an_int8_export_keeps_the_head_and_the_layers_int8_hurts_most_in_float(tiny_run: tuple[TrainConfig, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ai_edge_litert.interpreter import Interpreter

    from classifier.imaging import preprocess
    from training import export
    from training.network import build_serving_model

    config, _ = tiny_run
    model = build_serving_model(*live_network(config, seed=0), temperature=1.0)
    labels = [t.id for t in load_taxonomy()]
    images = np.stack([preprocess(path, config.input_size) for path in sorted(config.corpus_dir.glob("*/*.*"))[::2]])

    def kernel_types(path: Path) -> dict[str, str]:
        interpreter = Interpreter(model_path=str(path))
        tensors = {t["index"]: t for t in interpreter.get_tensor_details()}
        ops = [op for op in interpreter._get_ops_details() if op["op_name"] in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED")]
        return {name: tensors[op["inputs"][1]]["dtype"].__name__ for name, op in zip((*CONVOLUTIONS, "logits"), ops)}

    def assert_float_exactly(path: Path, kept: list[str]) -> None:  # the layers named kept, and only those, are float
        types = kernel_types(path)
        assert types["logits"] == "float32" and "logits" not in kept  # the head is always float, not for its error
        assert all((kind == "float32") == (name in kept) for name, kind in types.items() if name != "logits")

    float16, _ = export.export_litert(model, labels, tmp_path / "float16", "float16")
    int8, kept = export.export_litert(model, labels, tmp_path / "int8", "int8", images)
    assert_float_exactly(int8, kept)
    p16, p8 = (ChartClassifier.load(path).probabilities(images) for path in (float16, int8))
    assert np.abs(np.log(p8) - np.log(p16)).max() < 0.05 and np.allclose(p8.sum(axis=1), 1, atol=1e-3)  # close, not equal
    assert np.abs(p8 * 256 - np.round(p8 * 256)).max() > 0.01  # a float softmax: not rounded to steps of 1/256

    monkeypatch.setattr(export, "MAX_INT8_ERROR_STEPS", export.MAX_INT8_ERROR_STEPS / 5)  # a stricter limit keeps more layers float
    stricter, more = export.export_litert(model, labels, tmp_path / "stricter", "int8", images)
    assert len(more) > len(kept) and set(kept) <= set(more)
    assert_float_exactly(stricter, more)
    with pytest.raises(ValueError, match="calibration images"):
        export.export_litert(model, labels, tmp_path / "none", "int8")


@pytest.fixture(scope="module")
def live_models(tiny_run: tuple[TrainConfig, dict], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two exported (float32) models of live networks, He-initialised from different seeds, each with the tiny run's card
    beside it. Without the ImageNet weights (../shared is not beside every clone) the tiny run's network starts dead, all
    its ReLUs off, so only its head's bias can learn: these let every layer learn, and differ in every weight."""
    import shutil

    from training import export
    from training.network import build_serving_model

    config, _ = tiny_run
    labels = [t.id for t in load_taxonomy()]
    paths = []
    for seed in (1, 2):
        stem, top, head = live_network(config, seed)
        logits = head.get_layer("logits")
        rng = np.random.default_rng(seed)
        logits.set_weights([rng.normal(0, 0.1, w.shape).astype(np.float32) for w in logits.get_weights()])  # a bias that differs too
        out = tmp_path_factory.mktemp(f"live{seed}")
        path, _ = export.export_litert(build_serving_model(stem, top, head, temperature=1.0), labels, out, "none")
        shutil.copyfile(config.export_dir / "whatplot.md", out / "whatplot.md")
        paths.append(path)
    return paths[0], paths[1]


def test_an_end_to_end_stage_trains_the_stem_too(tiny_run: tuple[TrainConfig, dict], live_models: tuple[Path, Path], tmp_path: Path) -> None:
    import dataclasses

    from training.litert_import import read_litert_weights
    from training.train import train

    config, _ = tiny_run
    shipped = live_models[0]
    continued = dataclasses.replace(
        config, run_dir=tmp_path / "run", export_dir=tmp_path / "export", init_weights=(shipped,), epochs=0, end_to_end_epochs=1,
        end_to_end_learning_rate=1e-3, quantization="none",
    )  # fmt: skip
    summary = train(continued)

    assert not list(continued.run_dir.glob("*.npy"))  # no cached-feature stage, so no cache
    assert len((continued.run_dir / "training_log.csv").read_text().strip().splitlines()) == 2  # a header and the one epoch
    before, after = read_litert_weights(shipped), read_litert_weights(continued.export_dir / "whatplot.tflite")
    # a stem block, the stem's last, the top and the head, against the run's own starting weights (float32: a layer
    # not trained reads back as it went in)
    for layer in ("conv_pw_1", "conv_dw_6", "conv_pw_13", "logits", "logits_bias"):
        assert not np.allclose(before[layer], after[layer], atol=1e-5), layer
    classifier = ChartClassifier.load(continued.export_dir / "whatplot.tflite")
    assert sum(p.confidence for p in classifier.predict(next(config.corpus_dir.glob("pie/*")), top_k=None)) == pytest.approx(1.0, abs=1e-3)
    card = (continued.export_dir / "whatplot.md").read_text().split("## Before this run")[0]  # this run's part, not the earlier run's
    assert summary["temperature"] > 0 and "every layer end to end for 1 epoch" in card and "cached" not in card


def test_a_weight_soup_of_exported_models_is_calibrated_and_exported_without_training(
    tiny_run: tuple[TrainConfig, dict], live_models: tuple[Path, Path], tmp_path: Path
) -> None:
    import dataclasses

    from training.litert_import import read_litert_weights
    from training.train import train

    config, _ = tiny_run
    first, second = live_models
    soup = dataclasses.replace(
        config, run_dir=tmp_path / "soup", export_dir=tmp_path / "soup_export", init_weights=(first, second), epochs=0, quantization="none"
    )  # fmt: skip
    summary = train(soup)

    assert not (soup.run_dir / "training_log.csv").exists()  # no epoch trained
    a, b, mean = read_litert_weights(first), read_litert_weights(second), read_litert_weights(soup.export_dir / "whatplot.tflite")
    # the stem's first and last layers, the top's last and the head. Each file's logits carry its own temperature (1
    # here); the soup's are the mean of theirs divided by its new one
    for layer in ("conv1", "conv_pw_1", "conv_dw_6", "conv_pw_13", "logits", "logits_bias"):
        expected = (a[layer] + b[layer]) / 2 * (1 / summary["temperature"] if layer.startswith("logits") else 1)
        assert not np.allclose(a[layer], b[layer], rtol=0.05, atol=0), layer
        assert np.allclose(mean[layer], expected, rtol=1e-4, atol=1e-4 * np.abs(expected).max()), layer
    card = (soup.export_dir / "whatplot.md").read_text()
    assert f"A weight soup: every weight the mean of `{first}`, `{second}`'s" in card and "not trained further" in card and "This run trained nothing" in card
    assert f"--init-weights {first} --init-weights {second}" in card and "AdamW" not in card.split("## Before this run")[0]
    assert card.count("\n## Before this run") == 2  # each model's own card comes along


def test_teacher_probabilities_are_the_teachers_predictions_on_each_image_as_served(tiny_run: tuple[TrainConfig, dict], tmp_path: Path) -> None:
    from training.teachers import distillation_targets, teacher_probabilities

    config, _ = tiny_run
    teacher = config.export_dir / "whatplot.tflite"
    items = read_manifest(config.corpus_dir / "manifest.tsv")[:12]
    labels = [t.id for t in load_taxonomy()]
    probabilities = np.array(teacher_probabilities([teacher], items, labels, tmp_path), dtype=np.float64)
    classifier = ChartClassifier.load(teacher)
    for item, row in zip(items, probabilities):
        served = {p.label: p.confidence for p in classifier.predict(item.path, top_k=None)}
        assert np.allclose(row, [served[label] for label in labels], atol=2e-3)
    (cache,) = tmp_path.glob("teachers_64px_*.npy")
    before = cache.stat().st_mtime_ns
    assert np.array_equal(np.array(teacher_probabilities([teacher], items, labels, tmp_path), dtype=np.float64), probabilities)  # read back, not recomputed
    assert cache.stat().st_mtime_ns == before

    label_ids = np.array([labels.index(item.label) for item in items])
    targets = distillation_targets(probabilities, label_ids, teacher_weight=0.7)
    assert np.allclose(targets.sum(axis=1), 1.0, atol=1e-5)
    rows = np.arange(len(items))
    assert np.allclose(targets[rows, label_ids], 0.3 + 0.7 * probabilities[rows, label_ids] / probabilities.sum(axis=1), atol=1e-4)
    softened = distillation_targets(probabilities, label_ids, teacher_weight=1.0, temperature=3.0)
    sharp = distillation_targets(probabilities, label_ids, teacher_weight=1.0)
    assert np.allclose(softened.sum(axis=1), 1.0, atol=1e-5)
    assert np.all(softened.max(axis=1) < sharp.max(axis=1)) and np.array_equal(softened.argmax(axis=1), sharp.argmax(axis=1))


def test_a_distilled_run_learns_from_a_teacher_in_both_stages(
    tiny_run: tuple[TrainConfig, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from training import batches
    from training import train as training
    from training.teachers import distillation_targets, teacher_probabilities
    from training.train import train

    config, _ = tiny_run
    teacher = config.export_dir / "whatplot.tflite"
    distilled = dataclasses.replace(
        config, run_dir=tmp_path / "run", export_dir=tmp_path / "export", init_weights=(teacher,), teachers=(teacher,), teacher_weight=0.5,
        teacher_temperature=2.0, end_to_end_epochs=1, end_to_end_learning_rate=1e-3,
    )  # fmt: skip
    trained_on: dict[str, np.ndarray] = {}  # each stage's training batches (shuffled; validation keeps the true labels) and their targets

    class FeatureBatches(batches.FeatureBatches):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            if self.shuffle:
                trained_on["cached features"] = self.targets

    class ImageBatches(batches.ImageBatches):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            if self.shuffle:
                trained_on["images"] = self.targets

    monkeypatch.setattr(training, "FeatureBatches", FeatureBatches)
    monkeypatch.setattr(training, "ImageBatches", ImageBatches)
    summary = train(distilled)

    labels = [t.id for t in load_taxonomy()]
    train_items, _ = split_train_val(read_manifest(config.corpus_dir / "manifest.tsv"), config.val_fraction, config.seed)
    probabilities = teacher_probabilities([teacher], train_items, labels, tmp_path)  # computed afresh, not the run's cache
    blend = distillation_targets(probabilities, np.array([labels.index(item.label) for item in train_items]), 0.5, 2.0)
    assert blend.max() < 0.99  # not one-hot
    assert sorted(trained_on) == ["cached features", "images"]
    assert np.allclose(trained_on["cached features"], np.repeat(blend, config.views_per_image, axis=0), atol=1e-6)
    assert np.allclose(trained_on["images"], blend, atol=1e-6)  # one view of each image per epoch

    assert list(distilled.run_dir.glob("teachers_64px_*.npy"))
    with (distilled.run_dir / "training_log.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [row["stage"] for row in rows] == ["fine_tune", "end_to_end"]
    # only the stage calibration follows skips validating its last epoch: calibration predicts that split anyway
    assert rows[0]["val_loss"] != "NA" and rows[1]["val_loss"] == "NA"
    classifier = ChartClassifier.load(distilled.export_dir / "whatplot.tflite")
    assert sum(p.confidence for p in classifier.predict(next(config.corpus_dir.glob("line/*")), top_k=None)) == pytest.approx(1.0, abs=1e-3)
    card = (distilled.export_dir / "whatplot.md").read_text().split("## Before this run")[0]
    assert summary["temperature"] > 0 and f"Distilled: each training image's target is 50% the averaged probabilities of `{teacher}`" in card
    assert "on the image as served softened at temperature 2.0, the rest its true label" in card
    assert f"--teacher {teacher} --teacher-weight 0.5 --teacher-temperature 2.0" in card


def test_train_refuses_a_missing_extra_corpus_or_init_weights_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from training.train_command import main

    rendered = tmp_path / "rendered"
    rendered.mkdir()
    (rendered / "manifest.tsv").write_text("path\tlabel\n")
    with pytest.raises(SystemExit) as exit_info:  # the flag repeats; each corpus is checked
        main(["--run-dir", str(tmp_path / "run"), "--extra-corpus-dir", str(rendered), "--extra-corpus-dir", str(tmp_path / "nowhere")])
    assert exit_info.value.code == 2 and f"{tmp_path / 'nowhere'} has no manifest.tsv" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--run-dir", str(tmp_path / "run"), "--init-weights", str(tmp_path / "missing.weights.h5")])
    assert "is not a file" in capsys.readouterr().err
    (tmp_path / "broken.tflite").write_bytes(b"not a model")
    with pytest.raises(SystemExit):
        main(["--run-dir", str(tmp_path / "run"), "--init-weights", str(tmp_path / "broken.tflite")])
    assert "not a valid Flatbuffer" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # a soup averages exported files only
        main(["--run-dir", str(tmp_path / "run"), "--init-weights", str(tmp_path / "broken.tflite"), "--init-weights", str(tmp_path / "final.weights.h5")])
    assert "each must be an exported .tflite" in capsys.readouterr().err
    (tmp_path / "labels.txt").write_text("bar\n")  # beside it: the model itself is what fails to load
    with pytest.raises(SystemExit):  # a teacher is an exported model that loads
        main(["--run-dir", str(tmp_path / "run"), "--teacher", str(tmp_path / "broken.tflite")])
    assert "--teacher: Can't load the model" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--run-dir", str(tmp_path / "run"), "--epochs", "0"])
    assert "--epochs 0 needs --end-to-end-epochs" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--run-dir", str(tmp_path / "run"), "--quantization", "int4"])
    assert "--quantization is one of int8, float16, dynamic, none, not 'int4'" in capsys.readouterr().err
    teacher = str(shipped_model_paths()[0])  # a real model: only the combination is wrong
    with pytest.raises(SystemExit):  # a soup trains nothing the teachers could teach
        main(["--run-dir", str(tmp_path / "run"), "--teacher", teacher, "--epochs", "0",
              "--init-weights", teacher, "--init-weights", teacher])
    assert "--teacher needs a training stage" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--run-dir", str(tmp_path / "run"), "--teacher", teacher, "--teacher-weight", "0"])
    assert "--teacher-weight 0 ignores the teachers" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # distillation settings without a teacher would be silently ignored
        main(["--run-dir", str(tmp_path / "run"), "--teacher-weight", "0.5", "--teacher-temperature", "2"])
    assert "--teacher-weight and --teacher-temperature only shape distillation" in capsys.readouterr().err
    for flag, value, message in [
        ("--epochs", "-1", "--epochs must be at least 0, not -1"),
        ("--workers", "0", "--workers must be at least 1, not 0"),
        ("--frozen-blocks", "14", "--frozen-blocks counts MobileNet's 13 blocks"),
        ("--val-fraction", "1", "--val-fraction is a share, at least 0 and below 1, not 1.0"),
        ("--base-weights", str(tmp_path / "none.h5"), "none.h5 is not a file"),
        ("--realcharts-manifest", str(tmp_path / "none.tsv"), "can't read the manifest"),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            main(["--run-dir", str(tmp_path / "run"), flag, value])
        assert exit_info.value.code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "run").exists()


def test_evaluate_refuses_a_manifest_without_a_label_the_model_knows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from training.evaluate import main

    Image.new("RGB", (64, 48), "white").save(tmp_path / "a.png")
    (tmp_path / "manifest.tsv").write_text("path\tlabel\na.png\tpie_graph\n")  # the taxonomy's id is "pie", its name "Pie chart"
    with pytest.raises(SystemExit) as exit_info:
        main(["--manifest", str(tmp_path / "manifest.tsv"), "--out", str(tmp_path / "out"), "--no-reference"])
    assert exit_info.value.code == 2 and "lists no image with a label the model knows" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_evaluation_writes_report_and_plots(tiny_run: tuple[TrainConfig, dict], tmp_path: Path) -> None:
    config, _ = tiny_run
    classifier = ChartClassifier.load(config.export_dir / "whatplot.tflite")
    items = read_manifest(config.corpus_dir / "manifest.tsv")
    report = evaluate(classifier, items, tmp_path, with_reference=False)
    assert report.n_images == len(items) == 80
    assert 0.0 <= report.top1 <= report.top3 <= 1.0
    assert set(report.per_class) == {t.id for t in load_taxonomy()}
    for name in ("report.json", "confusion.png", "worst_mistakes.png"):
        assert (tmp_path / name).stat().st_size > 0
    with (tmp_path / "predictions.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert [row["path"] for row in rows] == [str(item.path) for item in items]
    assert sum(row["predicted"] == row["label"] for row in rows) / len(rows) == pytest.approx(report.top1)
    assert all(row["top3"].split()[0] == f"{row['predicted']}:{row['confidence']}" for row in rows)
    assert {row["source"] for row in report.per_source} == {item.source for item in items}  # the renderers
    assert sum(row["missed"] for row in report.per_source) == round(len(items) * (1 - report.top1))
    assert [row["missed"] for row in report.per_source] == sorted((row["missed"] for row in report.per_source), reverse=True)


def test_accuracy_per_source_reads_a_labelled_sets_source_column(tmp_path: Path) -> None:
    from training.evaluate import accuracy_per_source

    (tmp_path / "manifest.tsv").write_text(
        "path\tlabel\tsource\n" + "".join(f"{i}.png\tbar\t{source}\n" for i, source in enumerate("aabbbc")) + "6.png\tbar\t\n"
    )
    items = read_manifest(tmp_path / "manifest.tsv")
    assert [item.source for item in items] == ["a", "a", "b", "b", "b", "c", ""]
    rows = accuracy_per_source(items, np.array([True, False, False, False, True, True, False]))
    assert rows == [  # the most misses first; an image without a source is left out
        {"source": "b", "n": 3, "missed": 2, "accuracy": 0.3333},
        {"source": "a", "n": 2, "missed": 1, "accuracy": 0.5},
        {"source": "c", "n": 1, "missed": 0, "accuracy": 1.0},
    ]


def test_evaluate_writes_the_card_of_the_models_it_measured(tiny_run: tuple[TrainConfig, dict], tmp_path: Path) -> None:
    from training.evaluate import main

    config, _ = tiny_run
    model = config.export_dir / "whatplot.tflite"
    args = ["--manifest", str(config.corpus_dir / "manifest.tsv"), "--model", str(model), "--out", str(tmp_path), "--no-reference"]
    assert main([*args, "--model-card", str(tmp_path / "MODEL_CARD.md")]) == 0
    card = (tmp_path / "MODEL_CARD.md").read_text()
    measured = json.loads((tmp_path / "report.json").read_text())
    assert f"(80 real charts, 40 labels): **top-1 {measured['top1']:.3f}**" in card
    worst = measured["per_source"][0]  # the corpus manifest names each image's renderer
    assert f"| {worst['source']} | {worst['n']} | {worst['missed']} | {worst['accuracy']:.2f} |" in card
    own = (config.export_dir / "whatplot.md").read_text()  # the run's card, nested under the model's name
    assert "## Model `whatplot.tflite`" in card and "### Recipe" in card and own.split("## Recipe\n")[1].split("\n")[0] in card


def test_a_continued_model_keeps_its_history_and_shipped_models_keep_their_cards(tmp_path: Path) -> None:
    from training.features import LabelledImage
    from training.model_card import write_model_card, write_shipped_card

    report = score(np.eye(2)[[0, 1, 1]], np.array([0, 1, 0]), ["bar", "line"])
    summary = {"model_bytes": 6_500_000, "temperature": 0.6, "corpus_minutes": 40.0, "train_minutes": 57.0, "synthetic_val_top1": 0.9,
               "synthetic_val_ece_before": 0.1, "synthetic_val_ece_after": 0.01, "hardware": "2 CPU cores"}  # fmt: skip
    corpus = [LabelledImage(Path(f"{label}/{i}.png"), label) for label in ("bar", "line") for i in range(3)]
    (tmp_path / "earlier.md").write_text("# whatplot model card: run `v1`\n\n## Recipe\nFrom ImageNet, 4 epochs.\n")
    continued = TrainConfig(run_dir=tmp_path / "v2", init_weights=(tmp_path / "earlier.tflite",))
    write_model_card(tmp_path / "shipped.md", continued, summary, corpus, report)
    card = (tmp_path / "shipped.md").read_text()
    assert card.startswith("# whatplot model card: run `v2`") and "Continued from an earlier run's weights (`" in card
    assert f"## Before this run: `{tmp_path / 'earlier.tflite'}`\n\n### Recipe\nFrom ImageNet, 4 epochs." in card

    write_shipped_card(tmp_path / "MODEL_CARD.md", [tmp_path / "shipped.tflite", tmp_path / "lonely.tflite"], report)
    overview = (tmp_path / "MODEL_CARD.md").read_text()
    assert "(3 real charts, 2 labels): **top-1 0.667**" in overview and "| bar | 2 | 0.50 | 0.67 |" in overview
    assert "where the images came from" not in overview  # the report names no sources
    assert "## Model `shipped.tflite`\n\nMobileNet V1" in overview and "\n### Recipe\nContinued from an earlier run's weights" in overview
    assert "\n#### Recipe\nFrom ImageNet, 4 epochs." in overview  # two levels down: the history of a member
    assert "## Model `lonely.tflite`\n\nNo card beside the model (`lonely.md`)." in overview


def test_score_counts_accuracy_f1_and_the_most_frequent_confusions(tmp_path: Path) -> None:
    from training.features import LabelledImage
    from training.model_card import write_model_card

    labels = ["bar", "line", "pie"]
    truth = np.array([0, 0, 0, 0, 1, 1, 2, 2])
    predicted = np.array([0, 1, 1, 2, 1, 1, 2, -1])  # the last image could not be read
    probabilities = np.eye(3)[predicted]
    probabilities[predicted == -1] = np.nan
    report = score(probabilities, truth, labels)
    assert report.top1 == pytest.approx(4 / 8)
    assert report.top1_interval == pytest.approx((0.2152, 0.7848), abs=1e-4)  # Wilson, 4 of 8
    assert report.n_unreadable == 1
    assert report.per_class["bar"] == {"n": 4, "accuracy": 0.25, "f1": 0.4}
    assert report.per_class["line"]["f1"] == pytest.approx(round(2 * 0.5 * 1.0 / 1.5, 4))
    assert report.top_confusions == [
        {"true": "bar", "predicted": "line", "count": 2},
        {"true": "bar", "predicted": "pie", "count": 1},
    ]
    assert "bar -> line (2)" in report.summary()
    summary = {"model_bytes": 6_500_000, "temperature": 0.6, "corpus_minutes": 47.0, "train_minutes": 34.0, "synthetic_val_top1": 0.9,
               "synthetic_val_ece_before": 0.1, "synthetic_val_ece_after": 0.01, "hardware": "2 CPU cores"}  # fmt: skip
    corpus = [LabelledImage(Path(f"{label}/{i}.png"), label) for label in labels for i in range(3)]
    write_model_card(tmp_path / "card.md", TrainConfig(), summary, corpus, report)
    card = (tmp_path / "card.md").read_text()
    assert "Most frequent confusions on realcharts (true → predicted): bar → line (2), bar → pie (1)." in card
    assert "| bar | 4 | 0.25 | 0.40 |" in card
    assert "**top-1 0.500** (95% interval 0.215–0.785)" in card
    assert "Wall time on 2 CPU cores, over every invocation of the run: 47 min rendering the corpus, 34 min training" in card


def test_split_is_stratified_and_deterministic(tiny_run: tuple[TrainConfig, dict]) -> None:
    config, _ = tiny_run
    items = read_manifest(config.corpus_dir / "manifest.tsv")
    train_a, val_a = split_train_val(items, 0.5, seed=3)
    train_b, val_b = split_train_val(items, 0.5, seed=3)
    assert train_a == train_b and val_a == val_b
    assert {i.label for i in val_a} == {i.label for i in train_a} == {t.id for t in load_taxonomy()}
    assert not {i.path for i in train_a} & {i.path for i in val_a}


def test_temperature_scaling_fixes_overconfidence() -> None:
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 5, 2000)
    logits = rng.normal(size=(2000, 5))
    logits[np.arange(2000), labels] += 1.0  # right ~50% of the time...
    overconfident = logits * 8  # ...but sure of itself
    temperature = fit_temperature(overconfident, labels)
    assert temperature > 4
    from training.calibration import calibrated_probabilities

    assert expected_calibration_error(calibrated_probabilities(overconfident, temperature), labels) < 0.05
    assert expected_calibration_error(calibrated_probabilities(overconfident, 1.0), labels) > 0.2


@pytest.fixture
def pooling_stem() -> object:
    """A stand-in for the MobileNet stem that is cheap to run: 32×32 pixels → 4×4×3 averages."""
    import keras

    pixels = keras.Input((32, 32, 3))
    return keras.Model(pixels, keras.layers.AveragePooling2D(8)(pixels))


def test_feature_cache_is_rebuilt_for_a_different_image_list(tiny_run: tuple[TrainConfig, dict], pooling_stem: object, tmp_path: Path) -> None:
    from training.features import cache_features

    config, _ = tiny_run
    items = read_manifest(config.corpus_dir / "manifest.tsv")[:4]
    cache = tmp_path / "features.npy"
    first = np.array(cache_features(pooling_stem, items[:3], 1, 32, cache, seed=0))
    second = np.array(cache_features(pooling_stem, items[1:], 1, 32, cache, seed=0))
    assert second.shape == first.shape
    assert np.allclose(second[:2], first[1:])  # the same images, recomputed in their new places
    assert not np.allclose(second[2], first[2])  # not the stale row of another image


def test_feature_cache_grown_at_the_end_keeps_its_rows(tiny_run: tuple[TrainConfig, dict], pooling_stem: object, tmp_path: Path) -> None:
    from training.features import cache_features

    config, _ = tiny_run
    items = read_manifest(config.corpus_dir / "manifest.tsv")[:3]
    cache = tmp_path / "features.npy"
    cache_features(pooling_stem, items[:2], 2, 32, cache, seed=0)
    marked = np.load(cache, mmap_mode="r+")
    marked[0] = -7.0  # a value the stem cannot produce: it survives only if the row is not recomputed
    marked.flush()
    del marked
    grown = np.array(cache_features(pooling_stem, items, 2, 32, cache, seed=0))
    fresh = np.array(cache_features(pooling_stem, items, 2, 32, tmp_path / "fresh.npy", seed=0))
    assert grown.shape == fresh.shape == (6, 4, 4, 3)
    assert (grown[0] == -7.0).all() and np.allclose(grown[1:], fresh[1:])


def test_dark_theme_inverts_lightness_and_keeps_hues() -> None:
    chart = Image.new("RGB", (40, 20), (255, 255, 255))
    ImageDraw.Draw(chart).rectangle([5, 5, 15, 15], fill=(31, 119, 180))  # matplotlib's blue bar
    ImageDraw.Draw(chart).line([20, 10, 38, 10], fill=(0, 0, 0))  # a black axis line

    dark = np.asarray(dark_theme(chart, floor=30)).astype(int)

    assert np.abs(dark[0, 0] - 30).max() <= 2  # the white canvas is now dark grey
    assert dark[10, 30].min() >= 250  # the black line is now white
    red, green, blue = dark[10, 10]
    assert blue > green > red  # the bar is still blue, only lighter


def test_augmented_views_are_reproducible_and_keep_the_chart_recognisable() -> None:
    """Augmentation varies how a chart looks, never what it is: the shipped models still name it."""
    gallery = sorted((Path(__file__).resolve().parent.parent / "web" / "static" / "gallery").glob("*.webp"))
    classifier = ChartClassifier.load()
    views, labels = [], []
    for path in gallery:
        image = load_image(path)
        for seed in range(3):
            view = augment(image, np.random.default_rng(seed))
            assert view.mode == "RGB" and view.size != (0, 0)
            assert np.array_equal(np.asarray(view), np.asarray(augment(image, np.random.default_rng(seed))))
            views.append(view)
            labels.append(path.stem)
    assert len(labels) >= 30 * 3
    ranked = classifier.predict_many(views, top_k=3)
    in_top3 = [label in {p.label for p in predictions} for label, predictions in zip(labels, ranked, strict=True)]
    assert np.mean(in_top3) >= 0.9


def test_ctrl_c_while_rendering_the_corpus_stops_the_run(tmp_path, monkeypatch) -> None:
    from training.corpus import generate
    from training.train import render_corpus

    def interrupted(task):
        raise KeyboardInterrupt

    monkeypatch.setattr(generate, "make_one", interrupted)
    with pytest.raises(KeyboardInterrupt):  # not on to not_a_chart, nor to training on a partial corpus
        render_corpus(TrainConfig(corpus_dir=tmp_path, per_class=1, not_a_chart_per_class=2, workers=1))


def _quick(config: TrainConfig, run: Path, **changes: object) -> TrainConfig:
    """The tiny run's corpus and recipe in a run folder of its own, exported as float16 (no int8 debugger pass)."""
    import dataclasses

    return dataclasses.replace(config, run_dir=run, export_dir=run / "export", workers=1, quantization="float16", **changes)


def test_a_stopped_run_resumes_each_stage_after_its_last_epoch_and_restarts_one_whose_checkpoint_is_broken(
    tiny_run: tuple[TrainConfig, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every stage, the head's too, checkpoints each epoch; a checkpoint half-written when the run was killed (kill -9
    while saving) restarts its stage instead of failing every later attempt; the log keeps one row per epoch the
    model has."""
    from training import train as training

    config = _quick(tiny_run[0], tmp_path / "run", head_epochs=2, epochs=2)
    save = training.StageCheckpoint.on_epoch_end
    stop_in: list[str] = ["head_stage_backup", "final_backup"]

    def stopped_after_the_first_epoch(self: object, epoch: int, logs: dict | None = None) -> None:
        save(self, epoch, logs)
        if stop_in and self.folder.name == stop_in[0] and epoch == 0:  # type: ignore[attr-defined]
            stop_in.pop(0)
            raise KeyboardInterrupt

    monkeypatch.setattr(training.StageCheckpoint, "on_epoch_end", stopped_after_the_first_epoch)
    with pytest.raises(KeyboardInterrupt):
        training.train(config)
    assert not (config.run_dir / "head_stage.weights.h5").exists()
    with pytest.raises(KeyboardInterrupt):
        training.train(config)
    assert "head: resuming after epoch 1 of 2 (head_stage_backup)" in capsys.readouterr().out
    checkpoint = config.run_dir / "final_backup" / "latest.weights.h5"
    with checkpoint.open("r+b") as f:  # what a kill while writing it leaves
        f.truncate(checkpoint.stat().st_size // 2)
    summary = training.train(config)

    captured = capsys.readouterr()
    assert "head: trained already (head_stage.weights.h5), loaded" in captured.out
    assert "fine_tune: its checkpoint (final_backup) can't be read (" in captured.err and "the stage starts again" in captured.err
    with (config.run_dir / "training_log.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(row["stage"], row["epoch"]) for row in rows] == [("head", "1"), ("head", "2"), ("fine_tune", "1"), ("fine_tune", "2")]
    assert rows[-1]["val_loss"] == "NA" and float(rows[0]["val_accuracy"]) >= 0  # the last epoch: calibration measures it
    assert not list(config.run_dir.glob("*_backup")) and not list(config.run_dir.glob("*partial*"))
    assert summary["temperature"] > 0 and (config.export_dir / "whatplot.tflite").is_file()


def test_sigterm_stops_a_run_as_ctrl_c_does_even_inside_the_export(
    tiny_run: tuple[TrainConfig, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``kill``, ``docker stop`` and systemd send SIGTERM: the run keeps what it did and says so. Inside TensorFlow's
    converter the signal's exception comes out as pybind11's RuntimeError, which must not end in a traceback."""
    import os
    import signal
    import time

    from training import train as training
    from training.signals import Terminated
    from training.train_command import main

    def unhandled(_signum: int, _frame: object) -> None:
        raise AssertionError("SIGTERM reached the test's own handler: whatplot train doesn't handle it")

    before = signal.signal(signal.SIGTERM, unhandled)
    config, _ = tiny_run
    args = ["--run-dir", str(tmp_path / "run"), "--corpus-dir", str(config.corpus_dir), "--export-dir", str(tmp_path / "export"),
            "--per-class", "2", "--not-a-chart-per-class", "2", "--workers", "1", "--input-size", "64", "--epochs", "0",
            "--init-weights", str(config.export_dir / "whatplot.tflite"), "--quantization", "float16", "--val-views", "1",
            "--realcharts-manifest", str(tmp_path / "realcharts.tsv")]  # fmt: skip
    (tmp_path / "realcharts.tsv").write_text(f"path\tlabel\n{next(config.corpus_dir.glob('bar/*'))}\tbar\n")  # not measured: stopped before

    def converter_stopped(*_args: object, **_kwargs: object) -> None:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except Terminated:  # as pybind11 hands it on from the converter's C++ code
            raise RuntimeError("pybind11::error_already_set: MISMATCH of original and normalized active exception types") from None

    monkeypatch.setattr(training, "export_litert", converter_stopped)
    try:
        assert main(args) == 143
    finally:
        assert signal.signal(signal.SIGTERM, before) is unhandled  # main put back the handler it found
    assert capsys.readouterr().err.strip().endswith("whatplot train: stopped (SIGTERM); the same command resumes the run")
    assert not (tmp_path / "export").exists()


def test_train_refuses_folders_it_cant_write_and_base_weights_it_cant_load_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export is written after hours of training; a MobileNet without its ImageNet weights trains for nothing."""
    from training import config as train_config
    from training.train_command import main

    (tmp_path / "file").write_text("")
    (tmp_path / "junk.weights.h5").write_text("not HDF5")
    for args, message in [
        (["--export-dir", str(tmp_path / "file")], f"--export-dir {tmp_path / 'file'}: {tmp_path / 'file'} is a file, not a folder"),
        (["--run-dir", str(tmp_path / "file" / "run")], f"--run-dir {tmp_path / 'file' / 'run'}: {tmp_path / 'file'} is a file, not a folder"),
        (["--corpus-dir", str(tmp_path / "file" / "corpus")], "is a file, not a folder"),
        (["--base-weights", str(tmp_path / "junk.weights.h5")], "junk.weights.h5 can't be loaded into MobileNet V1 (Unable to"),
    ]:
        defaults = {"--run-dir": str(tmp_path / "run"), "--corpus-dir": str(tmp_path / "corpus"), "--export-dir": str(tmp_path / "export")}
        small = ["--per-class", "0", "--not-a-chart-per-class", "0", "--workers", "1"]  # should the check be missed
        argv = [*args, *small, *(part for flag, value in defaults.items() if flag not in args for part in (flag, value))]
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2 and message in capsys.readouterr().err
    monkeypatch.setattr(train_config, "DEFAULT_BASE_WEIGHTS", tmp_path / "shared" / "weights" / "mobilenet.weights.h5")
    with pytest.raises(SystemExit) as exit_info:  # the default is gone: no silent training from random weights
        main(["--run-dir", str(tmp_path / "run"), "--corpus-dir", str(tmp_path / "corpus"), "--export-dir", str(tmp_path / "export")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and f"the ImageNet MobileNet V1 weights are not at {tmp_path / 'shared'}" in err and "--base-weights" in err
    assert not {"run", "corpus", "export"} & {path.name for path in tmp_path.iterdir()}


def test_an_unreadable_corpus_image_stops_the_run_naming_it(
    tiny_run: tuple[TrainConfig, dict], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from training import config as train_config
    from training.train_command import main

    config, _ = tiny_run
    corpus = tmp_path / "corpus"
    shutil.copytree(config.corpus_dir, corpus)
    broken = sorted(corpus.glob("pie/*.png"))[0] if list(corpus.glob("pie/*.png")) else sorted(corpus.glob("pie/*"))[0]
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not a picture" + (b"IEND\xaeB`\x82" if broken.suffix == ".png" else b"\xff\xd9"))  # ends whole
    base = [] if train_config.DEFAULT_BASE_WEIGHTS.exists() else ["--init-weights", str(config.export_dir / "whatplot.tflite")]
    (tmp_path / "realcharts.tsv").write_text(f"path\tlabel\n{next(corpus.glob('bar/*'))}\tbar\n")  # not measured: stopped before
    status = main(["--run-dir", str(tmp_path / "run"), "--corpus-dir", str(corpus), "--export-dir", str(tmp_path / "export"),
                   "--per-class", "2", "--not-a-chart-per-class", "2", "--workers", "1", "--input-size", "64", "--views-per-image", "1",
                   "--realcharts-manifest", str(tmp_path / "realcharts.tsv"), *base])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 1 and f"whatplot train: can't read a corpus image: {broken}: " in err and "Traceback" not in err


def test_the_minutes_of_an_interrupted_render_count_as_rendering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from training.corpus import generate
    from training.train import train

    def interrupted(task: tuple) -> None:
        time.sleep(0.6)  # a render under way
        raise KeyboardInterrupt

    monkeypatch.setattr(generate, "make_one", interrupted)
    with pytest.raises(KeyboardInterrupt):
        train(TrainConfig(run_dir=tmp_path / "run", corpus_dir=tmp_path / "corpus", per_class=1, not_a_chart_per_class=1, workers=1))
    minutes = json.loads((tmp_path / "run" / "minutes.json").read_text())
    assert minutes["corpus"] >= 0.01 > minutes["training"]


def test_an_export_stopped_while_writing_leaves_the_model_that_was_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--export-dir`` is ``weights/`` by default: a half-written file there would break the shipped model."""
    import keras

    from training.export import export_litert

    pixels = keras.Input((8, 8, 3))
    model = keras.Model(pixels, keras.layers.Softmax()(keras.layers.Dense(2)(keras.layers.Flatten()(pixels))))
    shipped, _ = export_litert(model, ["bar", "line"], tmp_path, "none")
    before = shipped.read_bytes()
    write_bytes = Path.write_bytes

    def stopped_half_way(self: Path, data: bytes) -> int:
        write_bytes(self, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", stopped_half_way)
    with pytest.raises(KeyboardInterrupt):
        export_litert(model, ["bar", "line"], tmp_path, "float16")
    assert shipped.read_bytes() == before
    ChartClassifier.load(shipped)


def test_a_run_stopped_while_evaluating_leaves_the_export_folder_as_it_was(
    tiny_run: tuple[TrainConfig, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--export-dir`` is ``weights/``: its model, labels and card are replaced together, only once the run has
    measured the new model and written its card; a run stopped (or failing) before then leaves the shipped pair."""
    import dataclasses
    import shutil

    from training import train as training

    config, _ = tiny_run
    shipped = tmp_path / "shipped"
    shutil.copytree(config.export_dir, shipped)  # an earlier run's model, labels and card
    before = {path.name: path.read_bytes() for path in shipped.iterdir()}
    assert set(before) == {"whatplot.tflite", "labels.txt", "whatplot.md"}
    realcharts = tmp_path / "realcharts.tsv"
    realcharts.write_text("path\tlabel\n" + "".join(f"{item.path}\t{item.label}\n" for item in read_manifest(config.corpus_dir / "manifest.tsv")[::8]))
    # continuing the shipped model into its own folder: the new card carries the earlier one along
    quick = dataclasses.replace(
        _quick(config, tmp_path / "run", epochs=0, init_weights=(shipped / "whatplot.tflite",), realcharts_manifest=realcharts), export_dir=shipped
    )

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(training, "evaluate", stopped)
    with pytest.raises(KeyboardInterrupt):
        training.train(quick)
    assert {path.name: path.read_bytes() for path in shipped.iterdir()} == before

    monkeypatch.setattr(training, "evaluate", lambda *args, **kwargs: evaluate(*args, **kwargs, with_reference=False))
    summary = training.train(quick)  # the same command again: exported, measured and shipped
    after = {path.name: path.read_bytes() for path in shipped.iterdir()}
    assert set(after) == set(before) and after["whatplot.tflite"] != before["whatplot.tflite"]
    for name in after:  # the run folder keeps its own copy of the three
        assert after[name] == (quick.run_dir / "model" / name).read_bytes(), name
    assert len(after["whatplot.tflite"]) == summary["model_bytes"]
    card = after["whatplot.md"].decode()
    assert card.startswith(f"# whatplot model card: run `{quick.run_dir.name}`") and f"**top-1 {summary['realcharts']['top1']:.3f}**" in card
    assert card.count("\n## Before this run") == 1  # the card it replaced, nested
    assert ChartClassifier.load(shipped / "whatplot.tflite").labels == tuple(t.id for t in load_taxonomy())


def test_publish_replaces_model_labels_and_card_together_the_card_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    from training import export

    run, shipped = tmp_path / "run", tmp_path / "shipped"
    for folder, text in ((run, "new"), (shipped, "old")):
        folder.mkdir()
        for name in ("whatplot.tflite", "labels.txt", "whatplot.md"):
            (folder / name).write_text(f"{text} {name}")
    copyfile = shutil.copyfile

    def full_disk(source: Path, target: Path) -> None:
        if source.name == "whatplot.md":
            raise OSError(28, "No space left on device")
        copyfile(source, target)

    monkeypatch.setattr(shutil, "copyfile", full_disk)
    with pytest.raises(OSError):
        export.publish(run / "whatplot.tflite", shipped)
    assert {path.name: path.read_text() for path in shipped.iterdir()} == {name: f"old {name}" for name in ("whatplot.tflite", "labels.txt", "whatplot.md")}
    monkeypatch.undo()
    renamed: list[str] = []
    replace = os.replace
    monkeypatch.setattr(os, "replace", lambda source, target: (renamed.append(Path(target).name), replace(source, target)))
    assert export.publish(run / "whatplot.tflite", shipped) == shipped / "whatplot.tflite"
    assert renamed == ["whatplot.tflite", "labels.txt", "whatplot.md"]  # the card last: never ahead of its model
    assert {path.name: path.read_text() for path in shipped.iterdir()} == {name: f"new {name}" for name in renamed}


def test_a_run_stopped_while_adding_up_its_minutes_keeps_the_earlier_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``minutes.json`` is read back by every later invocation: a half-written one would stop the run for good."""
    from training.stopwatch import RunStopwatch

    RunStopwatch(tmp_path / "minutes.json").lap("corpus")
    before = (tmp_path / "minutes.json").read_text()
    write_text = Path.write_text

    def stopped_half_way(self: Path, text: str, *args: object, **kwargs: object) -> int:
        write_text(self, text[: len(text) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_text", stopped_half_way)
    with pytest.raises(KeyboardInterrupt):
        RunStopwatch(tmp_path / "minutes.json").lap("training")
    monkeypatch.undo()
    assert (tmp_path / "minutes.json").read_text() == before
    assert set(RunStopwatch(tmp_path / "minutes.json").minutes) == {"corpus"}


def test_a_contact_sheets_long_caption_stays_in_its_own_cell(tmp_path: Path) -> None:
    from training.plots import THUMB, save_contact_sheet

    chart = tmp_path / "chart.png"
    Image.new("RGB", (50, 50), "red").save(chart)
    long_name = "visanatomy__a_very_long_file_name_of_a_box_and_whisker_chart_19.png"
    sheet_path = tmp_path / "sheet.png"
    save_contact_sheet([chart, chart], [f"box -> waterfall 98%\n{long_name}", ""], sheet_path, columns=2)

    sheet = np.asarray(Image.open(sheet_path).convert("L"))
    captions = sheet[THUMB:, :]
    first_cell, second_cell = captions[:, 2 : THUMB - 2], captions[:, THUMB + 2 : 2 * THUMB - 2]
    assert (first_cell < 200).any()  # the caption is drawn
    assert not (second_cell < 200).any()  # and none of it runs into the next cell, whose caption is empty


def test_a_blank_training_image_is_refused_as_serving_refuses_it(tmp_path: Path) -> None:
    """Training makes its inputs with the serving path's preprocess: a picture serving refuses stops the run, named."""
    from training.features import UnreadableImage, model_input_of

    blank = tmp_path / "blank.png"
    Image.new("RGB", (120, 90), "white").save(blank)
    with pytest.raises(UnreadableImage, match="blank.png: The image is blank"):
        model_input_of((str(blank), 64, None))


def test_a_resumed_end_to_end_stage_trains_on_new_views_not_the_first_epochs_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keras

    from tests.images import bar_chart, encode
    from training import batches
    from training import train as training
    from training.batches import ImageBatches
    from training.features import LabelledImage, model_input_of

    items = []
    for i in range(4):
        (tmp_path / f"{i}.png").write_bytes(encode(bar_chart((160 + 8 * i, 120))))
        items.append(LabelledImage(tmp_path / f"{i}.png", ("bar", "line")[i % 2]))
    index = {"bar": 0, "line": 1}
    seen: list[tuple] = []  # the augmented views made, in order (validation's view 0 has no seed); the next epoch's are made ahead

    def recorded(job: tuple) -> np.ndarray:
        if job[2] is not None:
            seen.append(job)
        return model_input_of(job)

    monkeypatch.setattr(batches, "model_input_of", recorded)

    def run_stage(run: Path) -> None:  # as a new `whatplot train` process does: new batches, a new model
        run.mkdir(exist_ok=True)
        model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(2)])
        train_images = ImageBatches(items, index, 1, 32, batch_size=2, shuffle=True, seed=0)
        val_images = ImageBatches(items, index, 1, 32, batch_size=2, shuffle=False, seed=0)
        training._fit_stage(model, train_images, val_images, 2, 1e-3, run, "end_to_end", TrainConfig(run_dir=run))

    run_stage(tmp_path / "uninterrupted")
    second_epoch = set(seen[4:8])
    seen.clear()
    save = training.StageCheckpoint.on_epoch_end

    def stopped_after_the_first_epoch(self: object, epoch: int, logs: dict | None = None) -> None:
        save(self, epoch, logs)
        raise KeyboardInterrupt

    monkeypatch.setattr(training.StageCheckpoint, "on_epoch_end", stopped_after_the_first_epoch)
    with pytest.raises(KeyboardInterrupt):
        run_stage(tmp_path / "stopped")
    monkeypatch.setattr(training.StageCheckpoint, "on_epoch_end", save)
    seen.clear()
    run_stage(tmp_path / "stopped")  # resumed after its first epoch: the second epoch's views of an uninterrupted run
    assert set(seen[:4]) == second_epoch


def test_train_refuses_a_realcharts_manifest_it_could_not_measure_on_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The measurement comes after hours of training: a set with nothing to measure must stop the run at once."""
    from training.train_command import main

    Image.new("RGB", (64, 48), "white").save(tmp_path / "a.png")
    for rows, message in [
        ("", "lists no images"),
        ("a.png\tpie_graph\n", "lists no image with a label the model knows"),  # the taxonomy's id is "pie"
    ]:
        (tmp_path / "manifest.tsv").write_text("path\tlabel\n" + rows)
        with pytest.raises(SystemExit) as exit_info:
            main(["--run-dir", str(tmp_path / "run"), "--corpus-dir", str(tmp_path / "corpus"), "--export-dir", str(tmp_path / "export"),
                  "--per-class", "0", "--not-a-chart-per-class", "0", "--realcharts-manifest", str(tmp_path / "manifest.tsv")])  # fmt: skip
        assert exit_info.value.code == 2 and f"--realcharts-manifest: {tmp_path / 'manifest.tsv'} {message}" in capsys.readouterr().err
    assert not (tmp_path / "run").exists()


def test_train_refuses_a_run_folder_of_other_options_and_ignores_those_that_change_no_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run folder's finished stages and cached features are reused: with other options they would be another
    recipe's, under a card describing this one."""
    from training.train_command import main

    run = tmp_path / "run"
    common = ["--run-dir", str(run), "--corpus-dir", str(tmp_path / "corpus"), "--export-dir", str(tmp_path / "export")]
    run.mkdir()
    recorded = TrainConfig(run_dir=run, corpus_dir=tmp_path / "corpus", export_dir=tmp_path / "export", epochs=4)
    (run / "config.json").write_text(json.dumps(recorded.to_json_dict()))  # as the first run wrote it
    with pytest.raises(SystemExit) as exit_info:
        main([*common, "--epochs", "6", "--init-weights", str(tmp_path / "other.weights.h5")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and f"--run-dir {run} holds a run with other options: --init-weights ([], now [" in err
    assert ", --epochs (4, now 6); give another --run-dir" in err
    # options that change no stage's result, e.g. --workers, pass on to the next check (here a missing realcharts set)
    with pytest.raises(SystemExit) as exit_info:
        main([*common, "--workers", "1", "--quantization", "float16", "--realcharts-manifest", str(tmp_path / "none.tsv")])
    assert exit_info.value.code == 2 and "--realcharts-manifest: can't read the manifest" in capsys.readouterr().err
