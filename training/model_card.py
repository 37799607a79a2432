"""Model cards: what a model is, how it was made and how well it does.

Every training run writes one for its model, beside it (``whatplot.tflite`` → ``whatplot.md``). The shipped
models get ``weights/MODEL_CARD.md`` (``whatplot evaluate --model-card``): how they do together, as the
classifier averages them, then each one's own card.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from training.config import REPO_ROOT, TrainConfig
from training.features import LabelledImage
from training.files import write_atomically

if TYPE_CHECKING:  # training.evaluate writes the shipped models' card
    from training.evaluate import EvaluationReport


def card_path(model_path: Path) -> Path:
    """Where a model's own card is: beside it, named after it (``whatplot.tflite`` → ``whatplot.md``)."""
    return model_path.with_suffix(".md")


def _warmup(config: TrainConfig) -> str:
    return f"a linear warm-up over {config.warmup_fraction:.0%} of the steps, then " if config.warmup_fraction else ""


def _stages(config: TrainConfig) -> str:
    stages = []
    if config.epochs:
        top = (
            f"with MobileNet blocks 1–{config.frozen_blocks} frozen and their output cached for {config.views_per_image} augmented views "
            f"per image, blocks {config.frozen_blocks + 1}–13 with the head for {_epochs(config.epochs)} at learning rate {config.learning_rate}"
        )
        stages.append(top if config.init_weights else f"a linear head for {_epochs(config.head_epochs)}, then, {top}")
    if config.end_to_end_epochs:
        stages.append(
            f"every layer end to end for {_epochs(config.end_to_end_epochs)} on images augmented afresh each epoch "
            f"at learning rate {config.end_to_end_learning_rate}"
        )
    if len(config.init_weights) > 1:
        shown = ", ".join(f"`{_shown_path(path)}`" for path in config.init_weights)
        soup = f"A weight soup: every weight the mean of {shown}'s (models fine-tuned from one starting point)"
        return f"{soup}; then {'; then '.join(stages)}." if stages else f"{soup}, not trained further."
    if config.init_weights and not stages:
        return f"Exported again from `{_shown_path(config.init_weights[0])}` (trained already), not trained further."
    if config.init_weights:
        return f"Continued from an earlier run's weights (`{_shown_path(config.init_weights[0])}`, trained already): {'; then '.join(stages)}."
    return f"Trained: {'; then '.join(stages)}."


def _optimiser(config: TrainConfig) -> str:
    if config.trains_nothing:
        return ""
    return (
        f"AdamW, {_warmup(config)}cosine decay, label smoothing {config.label_smoothing}, dropout {config.dropout}, "
        f"batch-norm frozen. {_distillation(config)}"
    )


def _distillation(config: TrainConfig) -> str:
    if not config.teachers:
        return ""
    shown = ", ".join(f"`{_shown_path(path)}`" for path in config.teachers)
    return (
        f"Distilled: each training image's target is {config.teacher_weight:.0%} the averaged probabilities of {shown} "
        f"on the image as served{_softened(config)}, the rest its true label. "
    )


def _softened(config: TrainConfig) -> str:
    return f" softened at temperature {config.teacher_temperature}" if config.teacher_temperature != 1 else ""


def _soup_data(config: TrainConfig) -> str:
    if not config.trains_nothing:
        return ""
    models = "the models it averaged were" if len(config.init_weights) > 1 else "the model it exported again was"
    return (
        f"This run trained nothing: {models} trained on the corpora in the cards below; "
        "its temperature was fitted on the validation split of this corpus. "
    )


def _libraries(corpus: list[LabelledImage]) -> str:
    """The plotting libraries that drew most of the corpus, from its manifest's renderer column
    (``matplotlib-office:bar_excel`` is matplotlib's): a machine without one (plotly needs Chromium) draws without it."""
    counts = Counter(item.source.split(":")[0].split("-")[0] for item in corpus if item.source)
    if not counts:
        return "the corpus's renderers"
    return ", ".join(name for name, _ in counts.most_common(8)) + (" and others" if len(counts) > 8 else "")


def _extra_corpora(config: TrainConfig) -> str:
    if not config.extra_corpus_dirs:
        return ""
    shown = " and ".join(f"`{_shown_path(extra)}`" for extra in config.extra_corpus_dirs)
    return f"; with {shown} rendered beside it, not counted in the wall time"


def _epochs(n: int) -> str:
    return f"{n} epoch" if n == 1 else f"{n} epochs"


def _shown_path(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def _command(config: TrainConfig) -> str:
    """The `whatplot train` command line of this run: every hyper-parameter that differs from the defaults,
    and the paths that change what is trained."""
    defaults = TrainConfig()
    flags = []
    for field in dataclasses.fields(config):
        value, default = getattr(config, field.name), getattr(defaults, field.name)
        flag = f"--{field.name.replace('_', '-')}"
        if field.name == "extra_corpus_dirs":
            flags += [f"--extra-corpus-dir {_shown_path(extra)}" for extra in value]
        elif field.name == "init_weights":
            flags += [f"{flag} {_shown_path(path)}" for path in value]
        elif field.name == "teachers":
            flags += [f"--teacher {_shown_path(path)}" for path in value]
        elif field.name == "corpus_dir" and value != default:
            flags.append(f"{flag} {_shown_path(value)}")
        elif value != default and not isinstance(value, Path | None) and not isinstance(default, Path | None):
            flags.append(f"{flag} {value}")
    return " ".join(["whatplot train", *flags])


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _measured(report: EvaluationReport) -> list[str]:
    """Bullet points, a per-class table and a per-source table (where it names sources) of a realcharts evaluation."""
    lines = [
        f"- `../shared/realcharts` ({report.n_images} real charts, {len(report.per_class)} labels): **top-1 {report.top1:.3f}** "
        f"(95% interval {report.top1_interval[0]:.3f}–{report.top1_interval[1]:.3f}), top-3 {report.top3:.3f}, "
        f"macro-F1 {report.macro_f1:.3f}, ECE {report.ece:.3f}.",
    ]
    if report.reference:
        lines.append(
            f"- On the {int(report.reference['n_images'])} realcharts images of the reference project's 14 types: "
            f"whatplot {report.reference['ours_top1']:.3f}, reference model {report.reference['reference_top1']:.3f}."
        )
    if report.top_confusions:
        lines.append(
            "- Most frequent confusions on realcharts (true → predicted): "
            + ", ".join(f"{c['true']} → {c['predicted']} ({c['count']})" for c in report.top_confusions[:5])
            + "."
        )
    lines += ["", "| label | images | accuracy | F1 |", "|---|---:|---:|---:|"]
    lines += [f"| {label} | {c['n']} | {c['accuracy']:.2f} | {c['f1']:.2f} |" for label, c in report.per_class.items()]
    if report.per_source:
        lines += ["", "| where the images came from | images | missed | top-1 |", "|---|---:|---:|---:|"]
        lines += [f"| {s['source']} | {s['n']} | {s['missed']} | {s['accuracy']:.2f} |" for s in report.per_source]
    return lines


def _nested(card: str, heading: str) -> list[str]:
    """Another card under ``heading`` (a level-2 heading), its own title dropped and its headings one level deeper."""
    body = card.split("\n", 1)[1] if card.startswith("# ") else card
    return [f"## {heading}", "", *re.sub(r"^(#+) ", r"#\1 ", body, flags=re.MULTILINE).strip("\n").splitlines()]


def _numbers(config: TrainConfig, summary: dict) -> str:
    """How the file stores its numbers, with the layers an int8 export kept in float."""
    if config.quantization != "int8":
        return f"{config.quantization} weights"
    kept = summary.get("kept_float") or []
    layers = f"the head and {', '.join(kept)}, the layers int8 cost most" if kept else "the head"
    return f"int8 weights and activations except {layers} (float)"


def write_model_card(path: Path, config: TrainConfig, summary: dict, corpus: list[LabelledImage], report: EvaluationReport | None) -> None:
    """Write the card from a finished run's config, summary and realcharts report.

    A run that continued a model with a card beside it (``--init-weights``) carries that card along, so
    the history of a model continued over several runs stays with it; a weight soup carries each of its models' cards.
    """
    per_label = Counter(item.label for item in corpus)
    lines = [
        f"# whatplot model card: run `{config.run_dir.name}`",
        "",
        "MobileNet V1 (alpha 1.0, ImageNet weights) fine-tuned to name 40 chart types; LiteRT flatbuffer, "
        f"{_numbers(config, summary)}, {summary['model_bytes'] / 1e6:.1f} MB, input {config.input_size}×{config.input_size} "
        "RGB letterboxed by `classifier.imaging.preprocess` (the model scales pixels itself), output: calibrated probabilities.",
        "",
        "## Training data",
        f"{_soup_data(config)}Only the synthetic corpus of `training/corpus` (seed {config.corpus_seed}{_extra_corpora(config)}): "
        f"{len(corpus)} rendered images, {min(per_label.values())}–{max(per_label.values())} per label, drawn by {_libraries(corpus)}, "
        "with degradations (JPEG, crops, app chrome, phone-photo perspective, noise). "
        "No real-world image was used for training; `../shared/realcharts` is validation only.",
        "",
        "## Recipe",
        f"{_stages(config)} {_optimiser(config)}"
        f"Temperature scaling on the synthetic validation split ({config.val_views} views per image, view 0 clean, the rest augmented): "
        f"T = {summary['temperature']:.3f}. "
        f"Wall time on {summary['hardware']}, over every invocation of the run: {summary['corpus_minutes']:.0f} min rendering the corpus, "
        f"{summary['train_minutes']:.0f} min training and exporting. "
        f"Commit {_commit()}. Command: `{_command(config)}` (defaults in `training/config.py`).",
        "",
        "## Measured",
        f"- Synthetic validation (all views): top-1 {summary['synthetic_val_top1']:.3f}; ECE {summary['synthetic_val_ece_before']:.3f} before, "
        f"{summary['synthetic_val_ece_after']:.3f} after calibration.",
    ]
    if report is not None:
        lines += _measured(report)
    lines += [
        "",
        "Reproduce the numbers: `whatplot evaluate --model <this model> --out runs/evaluation` "
        "(report.json, predictions.tsv, confusion.png, worst_mistakes.png).",
    ]
    for init in config.init_weights:
        earlier = card_path(init)
        if earlier.exists():
            lines += ["", *_nested(earlier.read_text(encoding="utf-8"), f"Before this run: `{_shown_path(init)}`")]
    write_atomically(path, "\n".join([*lines, ""]))


def write_shipped_card(path: Path, models: Sequence[Path], report: EvaluationReport) -> None:
    """Write the card of models served together: how they do averaged (``report``), then each one's own card."""
    names = ", ".join(f"`{model.name}`" for model in models)
    lines = [
        "# whatplot model card",
        "",
        f"The classifier averages the calibrated probabilities of {names} (`classifier.config.SHIPPED_MODELS`): "
        "MobileNet V1 (alpha 1.0, ImageNet weights) fine-tuned in separate runs to name 40 chart types, on the synthetic corpus only "
        "(`../shared/realcharts` is validation only). Each one's own card follows.",
        "",
        "## Measured: averaged, as the classifier serves them",
        *_measured(report),
        "",
        "Reproduce the numbers and this card: `whatplot evaluate --model-card weights/MODEL_CARD.md` (report.json, predictions.tsv, "
        "confusion.png, worst_mistakes.png in `runs/evaluation`); one model alone: `--model weights/<file>.tflite`.",
    ]
    for model in models:
        card = card_path(model)
        own = card.read_text(encoding="utf-8") if card.exists() else f"No card beside the model (`{card.name}`)."
        lines += ["", *_nested(own, f"Model `{model.name}`")]
    write_atomically(path, "\n".join([*lines, ""]))
