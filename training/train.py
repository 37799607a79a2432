"""`whatplot train`: corpus → cached stem features → fine-tuned top → calibration → export → evaluation.

The recipe, short and linear (keras-io style):

1. Render (or reuse) the synthetic corpus and split it into train/validation per label.
2. Cache the frozen MobileNet stem's output for several augmented views of every training image.
3. Train a linear head, then the head with the last MobileNet blocks (batch-norm frozen);
   with ``--end-to-end-epochs``, then every layer on images augmented afresh each epoch.
   With ``--teacher``, the targets mix the true labels with earlier models' probabilities (distillation).
4. Fit a temperature on the validation split so confidences are honest.
5. Export the LiteRT model into the run folder and measure it on ``../shared/realcharts``.
6. Write its model card, then copy model, labels and card into ``weights/`` together.

Every stage resumes: the corpus fills in what is missing, the feature cache continues where it
stopped, training restores its last epoch, finished stages are skipped. So a run folder holds one recipe:
``whatplot train`` refuses options there other than those its ``config.json`` recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from classifier.errors import ModelError
from classifier.model import ChartClassifier
from classifier.taxonomy import NOT_A_CHART, load_taxonomy
from training.batches import FeatureBatches, ImageBatches
from training.calibration import calibrated_probabilities, expected_calibration_error, fit_temperature
from training.checkpoints import EpochLog, StageCheckpoint, forget_logged_epochs, restore_checkpoint, save_weights
from training import config as train_config
from training.config import TrainConfig
from training.evaluate import evaluate, match_labels, nothing_to_measure
from training.export import export_litert, publish
from training.features import (
    LabelledImage,
    ManifestError,
    UnreadableImage,
    cache_features,
    model_input,
    read_manifest,
    split_train_val,
)
from training.files import why_unwritable, write_atomically
from training.litert_import import import_litert_weights, read_litert_weights
from training.model_card import card_path, write_model_card
from training.network import build_backbone, build_head, build_serving_model, split_backbone, stem_inputs, unfreeze
from training.signals import Terminated, how_stopped, sigterm_stops_like_ctrl_c, stop_signal
from training.stopwatch import RunStopwatch
from training.teachers import distillation_targets, teacher_probabilities


def render_corpus(config: TrainConfig) -> Path:
    """Render the corpus (or fill in what a previous run left out); returns its manifest."""
    from training.corpus.__main__ import main as corpus_main

    common = ["--out", str(config.corpus_dir), "--seed", str(config.corpus_seed), "--workers", str(config.workers)]
    renders = [[*common, "--per-class", str(config.per_class)]]
    if config.not_a_chart_per_class > config.per_class:
        renders.append([*common, "--per-class", str(config.not_a_chart_per_class), "--labels", NOT_A_CHART])
    for argv in renders:
        status = corpus_main(argv)
        if status == 143:  # SIGTERM while rendering: as Ctrl-C
            raise Terminated
        if status == 130:  # Ctrl-C while rendering: the corpus kept what it drew, and the run stops too
            raise KeyboardInterrupt
    return config.corpus_dir / "manifest.tsv"


def _sample(items: list[LabelledImage], n: int, seed: int) -> list[LabelledImage]:
    """``n`` of ``items`` drawn at random (all of them when there are fewer), in their order."""
    keep = np.random.default_rng(seed).permutation(len(items))[:n]
    return [items[i] for i in sorted(keep)]


def _hardware() -> str:
    """What this run trains on, for its card: the GPUs TensorFlow sees, else the CPU cores it may use."""
    gpus = tf.config.list_physical_devices("GPU")
    return f"{len(gpus)} GPU{'s' if len(gpus) > 1 else ''}" if gpus else f"{len(os.sched_getaffinity(0))} CPU cores"


def _compile(model: keras.Model, learning_rate: float | keras.optimizers.schedules.LearningRateSchedule, config: TrainConfig) -> None:
    model.compile(
        optimizer=keras.optimizers.AdamW(learning_rate=learning_rate, weight_decay=config.weight_decay),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=config.label_smoothing),
        metrics=["accuracy"],
    )


#: The stages' names in ``training_log.csv``, by the name of their files in the run folder.
STAGE_NAMES = {"head_stage": "head", "final": "fine_tune", "end_to_end": "end_to_end"}


def _fit_stage(
    model: keras.Model,
    batches: keras.utils.PyDataset,
    val_batches: keras.utils.PyDataset,
    epochs: int,
    learning_rate: float,
    run: Path,
    stage: str,
    config: TrainConfig,
    schedule: bool = True,
    calibration_follows: bool = False,
) -> None:
    """Train ``model`` for a stage (with a warm-up then cosine decay when ``schedule``, else at a constant rate),
    saving a checkpoint after every epoch and resuming from it; a finished stage (``run/<stage>.weights.h5``) is
    loaded instead. Every epoch is validated but the last of the stage that ``calibration_follows``."""
    name = STAGE_NAMES[stage]
    final_weights = run / f"{stage}.weights.h5"
    backup = run / f"{stage}_backup"
    if final_weights.exists():
        model.load_weights(str(final_weights))
        print(f"{name}: trained already ({final_weights.name}), loaded")
        return
    steps = epochs * len(batches)
    warmup = int(config.warmup_fraction * steps)
    # a linear ramp from 0 over the warm-up steps, then cosine decay to 0 (warmup_fraction=0: no ramp)
    rate = keras.optimizers.schedules.CosineDecay(0.0, steps - warmup, warmup_target=learning_rate, warmup_steps=warmup) if schedule else learning_rate
    _compile(model, rate, config)
    start = model.get_weights()
    try:
        done = restore_checkpoint(model, backup)
    except ValueError as exc:  # e.g. the run was killed while writing it
        print(f"{name}: its checkpoint ({backup.name}) can't be read ({exc}); the stage starts again", file=sys.stderr)
        shutil.rmtree(backup)
        model.set_weights(start)
        _compile(model, rate, config)  # a new optimizer: the broken file may have filled part of its state
        done = 0
    if done:
        print(f"{name}: resuming after epoch {done} of {epochs} ({backup.name})")
    if isinstance(batches, ImageBatches):
        batches.start_at_epoch(done)
    log_path = run / "training_log.csv"
    forget_logged_epochs(log_path, name, done)
    callbacks = [EpochLog(log_path, name), StageCheckpoint(backup)]
    # the stage calibration follows skips its last validation: calibration predicts that split anyway (synthetic_val_top1)
    validate_after = list(range(1, epochs if calibration_follows else epochs + 1))
    model.fit(
        batches, validation_data=val_batches, epochs=epochs, initial_epoch=min(done, epochs), callbacks=callbacks, verbose=1,
        validation_freq=validate_after,
    )
    save_weights(model, final_weights)
    shutil.rmtree(backup, ignore_errors=True)


def train(config: TrainConfig) -> dict[str, object]:
    """Run every stage of the recipe; returns the summary also written to ``run_dir/summary.json``."""
    stopwatch = RunStopwatch(config.run_dir / "minutes.json")
    try:
        return _train(config, stopwatch)
    finally:
        stopwatch.lap("training")  # an interrupted invocation's minutes count when the run resumes


def _train(config: TrainConfig, stopwatch: RunStopwatch) -> dict[str, object]:
    run = config.run_dir
    run.mkdir(parents=True, exist_ok=True)
    write_atomically(run / "config.json", json.dumps(config.to_json_dict(), indent=2))  # what _check_run_folder reads
    keras.utils.set_random_seed(config.seed)
    labels = [t.id for t in load_taxonomy()]
    index = {label: i for i, label in enumerate(labels)}

    # 1. corpus
    try:
        corpora = [read_manifest(render_corpus(config))]
    finally:
        stopwatch.lap("corpus")  # near 0 when the corpus was already rendered; an interrupted render's minutes count too
    corpora += [read_manifest(extra / "manifest.tsv") for extra in config.extra_corpus_dirs]
    items = [item for corpus in corpora for item in corpus]
    splits = [split_train_val(corpus, config.val_fraction, config.seed) for corpus in corpora]
    train_items = [item for train_part, _ in splits for item in train_part]
    val_items = [item for _, val_part in splits for item in val_part]
    print(f"corpus: {len(train_items)} training and {len(val_items)} validation images")
    train_labels = np.array([index[item.label] for item in train_items])
    one_hot = np.eye(len(labels), dtype=np.float32)
    if config.teachers:  # targets per training image; validation keeps the true labels (calibration fits them)
        probabilities = teacher_probabilities(config.teachers, train_items, labels, run, config.workers)
        train_targets = distillation_targets(probabilities, train_labels, config.teacher_weight, config.teacher_temperature)
    else:
        train_targets = one_hot[train_labels]

    # the network: a stem (frozen in stage 3, cached), the top blocks and the head
    stem, top = split_backbone(build_backbone(config.input_size, config.base_weights), config.frozen_blocks)
    head = build_head(tuple(top.output.shape[1:]), len(labels), config.dropout)
    features = keras.Input(shape=tuple(top.input.shape[1:]))
    on_features = keras.Model(features, head(top(features)))
    pixels, scaled = stem_inputs(config.input_size)
    end_to_end = keras.Model(pixels, head(top(stem(scaled))))
    if config.init_weights and config.init_weights[0].suffix == ".tflite":
        import_litert_weights(config.init_weights, stem, top, head)  # shipped models, trained already
    elif config.init_weights:
        on_features.load_weights(str(config.init_weights[0]))  # an earlier run's head is trained already

    # 2–3. the head, then head + top blocks, on cached stem features
    if config.epochs:
        pixel_stem = keras.Model(pixels, stem(scaled))
        tag = f"{config.input_size}px_b{config.frozen_blocks}"
        train_x = cache_features(
            pixel_stem, train_items, config.views_per_image, config.input_size, run / f"train_{tag}.npy", config.seed, config.workers
        )
        val_x = cache_features(
            pixel_stem, val_items, config.val_views, config.input_size, run / f"val_{tag}.npy", config.seed, config.workers
        )
        val_y = np.repeat([index[item.label] for item in val_items], config.val_views)
        train_y = np.repeat(train_targets, config.views_per_image, axis=0)
        train_batches = FeatureBatches(train_x, train_y, config.batch_size, shuffle=True, seed=config.seed)
        val_batches: keras.utils.PyDataset = FeatureBatches(val_x, one_hot[val_y], config.batch_size, shuffle=False, seed=config.seed)
        if not config.init_weights:  # a new model: its head learns first, on a still frozen top
            top.trainable = False
            _fit_stage(on_features, train_batches, val_batches, config.head_epochs, config.head_learning_rate, run, "head_stage", config, schedule=False)
        unfreeze(top)
        _fit_stage(
            on_features, train_batches, val_batches, config.epochs, config.learning_rate, run, "final", config,
            calibration_follows=not config.end_to_end_epochs,
        )  # fmt: skip
        calibration_model = on_features

    # 3b. every layer but batch norm, end to end on freshly augmented images (slow: no cache to lean on).
    # With no training stage at all, the --init-weights model (or the weight soup of several) is calibrated as it is.
    if config.end_to_end_epochs or config.trains_nothing:
        val_batches = ImageBatches(
            val_items, index, config.val_views, config.input_size, config.batch_size, shuffle=False, seed=config.seed, workers=config.workers
        )
        val_y = val_batches.labels
        calibration_model = end_to_end
    if config.end_to_end_epochs:
        train_images = ImageBatches(
            train_items, index, 1, config.input_size, config.batch_size, shuffle=True, seed=config.seed, workers=config.workers, targets=train_targets
        )
        unfreeze(end_to_end)
        _fit_stage(
            end_to_end, train_images, val_batches, config.end_to_end_epochs, config.end_to_end_learning_rate, run, "end_to_end", config,
            calibration_follows=True,
        )  # fmt: skip

    # 4. calibration on the validation split
    print(f"calibration: fitting the temperature on {len(val_y)} validation views")
    val_logits = calibration_model.predict(val_batches, verbose=0)
    temperature = fit_temperature(val_logits, val_y)
    val_probabilities = calibrated_probabilities(val_logits, temperature)
    summary: dict[str, object] = {
        "synthetic_val_top1": float((val_probabilities.argmax(axis=1) == val_y).mean()),
        "temperature": temperature,
        "synthetic_val_ece_before": expected_calibration_error(calibrated_probabilities(val_logits, 1.0), val_y),
        "synthetic_val_ece_after": expected_calibration_error(val_probabilities, val_y),
    }

    # 5. export into the run folder (an int8 model's activation ranges come from training images as served) and
    # measure that file on real charts: the export folder (weights/, the shipped models) is untouched until step 6
    calibration_items = _sample(train_items, config.calibration_images, config.seed) if config.quantization == "int8" else []
    calibration_inputs = [model_input(item.path, config.input_size, None) for item in calibration_items]
    serving_model = build_serving_model(stem, top, head, temperature)
    print(f"export: {config.quantization} LiteRT model into {run / 'model'}")
    model_path, kept_float = export_litert(serving_model, labels, run / "model", config.quantization, calibration_inputs)
    summary["model_bytes"] = model_path.stat().st_size
    summary["kept_float"] = kept_float
    summary["corpus_minutes"] = stopwatch.minutes["corpus"]
    summary["train_minutes"] = stopwatch.lap("training")
    summary["hardware"] = _hardware()
    report = None
    if config.realcharts_manifest and config.realcharts_manifest.exists():
        report = evaluate(ChartClassifier.load(model_path), read_manifest(config.realcharts_manifest), run / "realcharts", model_files=[model_path])
        summary["realcharts"] = {
            "top1": report.top1, "top1_interval": report.top1_interval, "top3": report.top3,
            "macro_f1": report.macro_f1, "ece": report.ece, "reference": report.reference,
        }  # fmt: skip
        print(report.summary())
        stopwatch.lap("evaluation")

    # 6. the card beside the model, then model, labels and card into the export folder together (card last: see publish)
    write_model_card(card_path(model_path), config, summary, items, report)
    print(f"export: model, labels and card into {config.export_dir}")
    publish(model_path, config.export_dir)
    write_atomically(run / "summary.json", json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    return summary


def run(parser: argparse.ArgumentParser, args: argparse.Namespace, config: TrainConfig) -> int:
    """Run ``whatplot train`` with ``config``, made of ``args`` (read by ``parser``,
    :func:`training.train_command.build_parser`, which reports what is wrong with them); returns the process exit
    status."""
    _check_output_folders(parser, config)
    _check_run_folder(parser, config)
    _check_input_files(parser, args, config)
    try:
        with sigterm_stops_like_ctrl_c():
            try:
                train(config)
            except Exception:
                if stop_signal() is None:
                    raise
                # Ctrl-C or SIGTERM inside TensorFlow's C++ code (the export's converter) comes out as another error
                raise Terminated if stop_signal() == signal.SIGTERM else KeyboardInterrupt from None
    except KeyboardInterrupt as stop:
        how, status = how_stopped(stop)
        print(f"\nwhatplot train: {how}; the same command resumes the run", file=sys.stderr)  # after a progress bar
        return status
    except UnreadableImage as exc:
        print(
            f"whatplot train: can't read a corpus image: {exc}. Delete it and run the same command again: "
            "the corpus draws it anew",
            file=sys.stderr,
        )
        return 1
    return 0


def _check_output_folders(parser: argparse.ArgumentParser, config: TrainConfig) -> None:
    """Exit with a usage error for a run, corpus or export folder that can't be made or written: the export is
    written after training, which can take hours."""
    for option, folder in (("--run-dir", config.run_dir), ("--corpus-dir", config.corpus_dir), ("--export-dir", config.export_dir)):
        if why := why_unwritable(folder):
            parser.error(f"{option} {folder}: {why}")


#: Options that change no stage's result: where the run and its export go, how many processes work, and the
#: export and its measurement, which every invocation makes again.
NOT_RECORDED = ("run_dir", "export_dir", "workers", "quantization", "calibration_images", "realcharts_manifest")
#: The command-line flags whose name is not the field's.
FLAGS = {"extra_corpus_dirs": "--extra-corpus-dir", "teachers": "--teacher"}


def _check_run_folder(parser: argparse.ArgumentParser, config: TrainConfig) -> None:
    """Exit with a usage error where the run folder holds a run of other options (its ``config.json``): its
    finished stages and cached features would be reused as this run's."""
    recorded_path = config.run_dir / "config.json"
    if not recorded_path.is_file():
        return
    recorded = json.loads(recorded_path.read_text())
    current = config.to_json_dict()
    changed = [
        f"{FLAGS.get(name, '--' + name.replace('_', '-'))} ({recorded[name]}, now {value})"
        for name, value in current.items()
        if name not in NOT_RECORDED and name in recorded and recorded[name] != value
    ]
    if changed:
        parser.error(
            f"--run-dir {config.run_dir} holds a run with other options: {', '.join(changed)}; "
            "give another --run-dir, or that run's options to resume it"
        )


def _check_input_files(parser: argparse.ArgumentParser, args: argparse.Namespace, config: TrainConfig) -> None:
    """Exit with a usage error for a file the run reads only later: checked before the corpus renders,
    which can take an hour."""
    if config.base_weights is not None and not config.base_weights.is_file():
        parser.error(f"--base-weights {config.base_weights} is not a file (the ImageNet MobileNet V1 weights, .weights.h5)")
    # without the default realcharts set the run skips its evaluation, but a set named on the command line must be
    # there; either is read only after training, so a broken one stops the run now
    named = args.realcharts_manifest != parser.get_default("realcharts_manifest")
    if config.realcharts_manifest is not None and (named or config.realcharts_manifest.is_file()):
        try:
            realcharts = read_manifest(config.realcharts_manifest)
        except ManifestError as exc:
            parser.error(f"--realcharts-manifest: {exc}")
        if not realcharts or not match_labels(realcharts, [t.id for t in load_taxonomy()])[0]:
            parser.error(f"--realcharts-manifest: {nothing_to_measure(config.realcharts_manifest, bool(realcharts))}")
    for extra in args.extra_corpus_dirs:
        if not (extra / "manifest.tsv").is_file():
            parser.error(f"--extra-corpus-dir {extra} has no manifest.tsv (render it with `whatplot corpus --out {extra}`)")
    for init in args.init_weights:
        if not init.is_file():
            parser.error(f"--init-weights {init} is not a file (an earlier run's final.weights.h5 or an exported .tflite)")
        if init.suffix == ".tflite":
            try:
                read_litert_weights(init)
            except ValueError as exc:
                parser.error(f"--init-weights: {exc}")
    if config.teachers:
        try:
            ChartClassifier.load(list(config.teachers))
        except ModelError as exc:
            parser.error(f"--teacher: {exc}")
    # last: the checks above must not depend on ../shared being there
    if config.base_weights is None and not all(path.suffix == ".tflite" for path in config.init_weights or [Path()]):
        # only an exported model brings its stem along; anything else would train from random weights for hours
        parser.error(
            f"the ImageNet MobileNet V1 weights are not at {train_config.DEFAULT_BASE_WEIGHTS} (../shared/weights): "
            "give their file with --base-weights"
        )
    if config.base_weights is not None:
        try:
            build_backbone(config.input_size, config.base_weights)
        except Exception as exc:  # h5py's OSError for a file that isn't HDF5, Keras's ValueError for another network's
            reason = str(exc).split("\n")[0]
            parser.error(f"--base-weights {config.base_weights} can't be loaded into MobileNet V1 ({reason})")
