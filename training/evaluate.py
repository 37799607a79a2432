"""`whatplot evaluate`: measure a model on any labelled image set.

Writes ``report.json`` (top-1 with its 95% interval, top-3, per-class accuracy, macro-F1, ECE, the
most frequent confusions, top-1 per source where the manifest names sources, the reference model's
score on the same images), ``predictions.tsv`` (every image's label and top three), ``confusion.png``
and ``worst_mistakes.png`` into ``--out``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
from scipy.stats import binomtest
from tqdm import tqdm

from classifier.answer import printable
from classifier.config import shipped_model_paths
from classifier.errors import ModelError, WhatplotError
from classifier.imaging import preprocess
from classifier.model import ChartClassifier
from classifier.taxonomy import load_taxonomy
from training import reference
from training.calibration import expected_calibration_error
from training.config import REALCHARTS_DIR
from training.features import LabelledImage, ManifestError, read_manifest
from training.files import why_unwritable
from training.model_card import write_shipped_card
from training.plots import save_confusion_matrix, save_contact_sheet
from training.signals import Terminated, sigterm_stops_like_ctrl_c


@dataclass
class EvaluationReport:
    """How a model did on a labelled image set: what ``report.json`` holds."""

    n_images: int
    n_unreadable: int
    top1: float
    #: 95% Wilson interval of top-1: how far it could move on another sample of images like these.
    top1_interval: tuple[float, float]
    top3: float
    macro_f1: float
    ece: float
    per_class: dict[str, dict[str, float]]  # label -> n, accuracy (recall), f1
    #: The most frequent mistakes, most frequent first: {"true", "predicted", "count"}.
    top_confusions: list[dict[str, str | int]]
    #: Top-1 per source (the manifest's ``source`` column: the tool or collection an image came from),
    #: the source with the most misses first: {"source", "n", "missed", "accuracy"}. Empty when the
    #: manifest names no sources.
    per_source: list[dict[str, str | int | float]] = field(default_factory=list)
    reference: dict[str, float] | None = None  # the reference model on the images of its 14 types

    def summary(self) -> str:
        """A few lines for the terminal: the headline numbers, then the worst sources and confusions."""
        low, high = self.top1_interval
        unreadable = f", {self.n_unreadable} unreadable (counted as misses)" if self.n_unreadable else ""
        text = (
            f"top-1 {self.top1:.3f} (95% interval {low:.3f}–{high:.3f})  top-3 {self.top3:.3f}  "
            f"macro-F1 {self.macro_f1:.3f}  ECE {self.ece:.3f}  ({self.n_images} images{unreadable})"
        )
        if self.reference:
            text += (
                f"\non the reference's {int(self.reference['n_images'])} images of its 14 types: "
                f"ours {self.reference['ours_top1']:.3f}, reference {self.reference['reference_top1']:.3f}"
            )
        if self.per_source:
            text += "\nmost misses by source: " + ", ".join(
                f"{s['source']} {s['missed']} of {s['n']} ({s['accuracy']:.3f})" for s in self.per_source[:3]
            )
        if self.top_confusions:
            text += "\nmost frequent confusions: " + ", ".join(
                f"{c['true']} -> {c['predicted']} ({c['count']})" for c in self.top_confusions[:3]
            )
        return text


def predict_probabilities(classifier: ChartClassifier, items: Sequence[LabelledImage], batch_size: int = 32) -> np.ndarray:
    """Probabilities for every image (a row of NaN for an unreadable one)."""
    rows = np.full((len(items), len(classifier.labels)), np.nan)
    for start in tqdm(range(0, len(items), batch_size), desc="evaluating", unit="batch"):
        inputs, positions = [], []
        for i in range(start, min(start + batch_size, len(items))):
            if not items[i].path.is_file():  # missing, or a pipe or device that reading would block on or never end
                continue
            try:
                inputs.append(preprocess(items[i].path, classifier.input_size))
                positions.append(i)
            except WhatplotError:
                continue
        if inputs:
            rows[positions] = classifier.probabilities(np.stack(inputs))
    return rows


def predicted_labels(probabilities: np.ndarray) -> np.ndarray:
    """The top label of each row, or -1 for an unreadable image (a row of NaN)."""
    return np.where(np.isnan(probabilities).any(axis=1), -1, np.nan_to_num(probabilities).argmax(axis=1))


def score(probabilities: np.ndarray, truth: np.ndarray, labels: Sequence[str]) -> EvaluationReport:
    """Metrics over the labels present in ``truth`` (indices into ``labels``)."""
    readable = ~np.isnan(probabilities).any(axis=1)
    filled = np.where(readable[:, None], probabilities, 0.0)
    predicted = predicted_labels(probabilities)
    top3 = np.array([t in np.argsort(-p)[:3] for p, t in zip(filled, truth)]) & readable
    per_class: dict[str, dict[str, float]] = {}
    for index in sorted(set(truth.tolist())):
        is_true, is_pred = truth == index, predicted == index
        tp = float((is_true & is_pred).sum())
        precision = tp / max(is_pred.sum(), 1)
        recall = tp / max(is_true.sum(), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        per_class[labels[index]] = {"n": int(is_true.sum()), "accuracy": round(recall, 4), "f1": round(f1, 4)}
    mistakes = Counter((int(t), int(p)) for t, p in zip(truth, predicted) if p >= 0 and p != t)
    top_confusions: list[dict[str, str | int]] = [
        {"true": labels[t], "predicted": labels[p], "count": count} for (t, p), count in mistakes.most_common(10)
    ]
    hits = int((predicted == truth).sum())
    interval = binomtest(hits, len(truth)).proportion_ci(confidence_level=0.95, method="wilson")
    return EvaluationReport(
        n_images=len(truth),
        n_unreadable=int((~readable).sum()),
        top1=hits / len(truth),
        top1_interval=(round(float(interval.low), 4), round(float(interval.high), 4)),
        top3=float(top3.mean()),
        macro_f1=float(np.mean([c["f1"] for c in per_class.values()])),
        ece=expected_calibration_error(filled[readable], truth[readable]) if readable.any() else 0.0,
        per_class=per_class,
        top_confusions=top_confusions,
    )


def accuracy_per_source(items: Sequence[LabelledImage], correct: np.ndarray) -> list[dict[str, str | int | float]]:
    """Top-1 per ``item.source`` (``correct``: one bool per item), the most misses first."""
    hits: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for item, right in zip(items, correct):
        if item.source:
            counts[item.source] += 1
            hits[item.source] += bool(right)
    by_misses = sorted(counts, key=lambda source: (hits[source] - counts[source], source))
    return [
        {"source": source, "n": counts[source], "missed": counts[source] - hits[source], "accuracy": round(hits[source] / counts[source], 4)}
        for source in by_misses
    ]


def compare_with_reference(items: Sequence[LabelledImage], predicted: np.ndarray, labels: Sequence[str]) -> dict[str, float] | None:
    """Top-1 of ours and of the reference model on the images whose label the reference knows (None when there are none,
    or the reference model isn't there)."""
    if not reference.is_installed():
        return None
    model = reference.ReferenceModel()
    known = set(model.labels)
    ours = theirs = n = 0
    for item, pred in tqdm(list(zip(items, predicted)), desc="reference model", unit="img"):
        if item.label not in known:
            continue
        n += 1
        ours += labels[pred] == item.label if pred >= 0 else 0
        theirs += model.predict_file(item.path) == item.label
    return {"n_images": n, "ours_top1": ours / n, "reference_top1": theirs / n} if n else None


def evaluate(classifier: ChartClassifier, items: Sequence[LabelledImage], out_dir: Path, with_reference: bool = True) -> EvaluationReport:
    """Evaluate ``classifier`` on ``items``, writing the report and plots into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    index = {label: i for i, label in enumerate(classifier.labels)}
    items, _ = match_labels(items, classifier.labels)
    truth = np.array([index[item.label] for item in items])
    probabilities = predict_probabilities(classifier, items)
    report = score(probabilities, truth, classifier.labels)
    predicted = predicted_labels(probabilities)
    report.per_source = accuracy_per_source(items, predicted == truth)
    if with_reference:
        report.reference = compare_with_reference(items, predicted, classifier.labels)
    (out_dir / "report.json").write_text(json.dumps(asdict(report), indent=2))
    write_predictions(items, probabilities, classifier.labels, out_dir / "predictions.tsv")
    present = sorted(set(truth.tolist()))
    save_confusion_matrix(truth, predicted, [classifier.labels[i] for i in present], present, out_dir / "confusion.png")
    # unreadable images are no mistake of the model's: predictions.tsv lists them
    wrong = [i for i in np.argsort(-np.nan_to_num(probabilities).max(axis=1)) if 0 <= predicted[i] != truth[i]][:48]
    captions = [f"{items[i].label} -> {classifier.labels[predicted[i]]} {probabilities[i].max():.0%}\n{items[i].path.name}" for i in wrong]
    unreadable = f" ({report.n_unreadable} unreadable, not shown: predictions.tsv marks them)" if report.n_unreadable else ""
    title = ("the most confident mistakes" if wrong else f"no mistakes on {len(items) - report.n_unreadable} images") + unreadable
    save_contact_sheet([items[i].path for i in wrong], captions, out_dir / "worst_mistakes.png", title=title)
    return report


def _label_key(text: str) -> str:
    """``text`` as :func:`label_ids` matches it: lower case, with runs of spaces, ``_`` and ``-`` as one space."""
    return " ".join(re.split(r"[\s_-]+", text.strip().lower())).strip()


def label_ids(labels: Sequence[str]) -> dict[str, str]:
    """How a labelled set may name each of ``labels`` (taxonomy ids), keyed by :func:`_label_key`: the id, the
    display name ("Violin plot") and the reference project's class ("Violin", "Violin Plot"), in any case."""
    names = {label: [label] for label in labels}
    for chart_type in load_taxonomy():
        if chart_type.id in names:
            reference = [chart_type.reference_class, f"{chart_type.reference_class} plot"] if chart_type.reference_class else []
            names[chart_type.id] += [chart_type.name, *reference]
    return {_label_key(name): label for label, aliases in names.items() for name in aliases}


def match_labels(items: Sequence[LabelledImage], labels: Sequence[str]) -> tuple[list[LabelledImage], Counter[str]]:
    """The items whose label names one of ``labels`` (see :func:`label_ids`), relabelled with its id, and how
    many items each other label had."""
    ids = label_ids(labels)
    known: list[LabelledImage] = []
    unknown: Counter[str] = Counter()
    for item in items:
        if (label := ids.get(_label_key(item.label))) is not None:
            known.append(replace(item, label=label))
        else:
            unknown[item.label] += 1
    return known, unknown


def write_predictions(items: Sequence[LabelledImage], probabilities: np.ndarray, labels: Sequence[str], path: Path) -> None:
    """One row per image: its path and label, the top prediction, and the top three with confidences."""
    with path.open("w", encoding="utf-8", errors="surrogateescape", newline="") as f:  # a path as its bytes
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["path", "label", "predicted", "confidence", "top3"])
        for item, row in zip(items, probabilities):
            if np.isnan(row).any():
                writer.writerow([item.path, item.label, "unreadable", "", ""])
                continue
            top3 = np.argsort(-row, kind="stable")[:3]
            writer.writerow([item.path, item.label, labels[top3[0]], f"{row[top3[0]]:.4f}", " ".join(f"{labels[i]}:{row[i]:.4f}" for i in top3)])


def build_parser() -> argparse.ArgumentParser:
    """The ``whatplot evaluate`` command line."""
    parser = argparse.ArgumentParser(prog="whatplot evaluate", description="Evaluate a model on a labelled image set.")
    parser.add_argument(
        "--manifest", type=Path, default=REALCHARTS_DIR / "manifest.tsv",
        help="TSV of path, label (and source) columns, its header row optional; a label is a chart type's id or name",
    )  # fmt: skip
    parser.add_argument("--root", type=Path, default=None, help="folder the manifest's paths are relative to (default: its folder)")
    parser.add_argument("--model", type=Path, action="append", help="a LiteRT model; repeat it to average several (default: the shipped models)")
    parser.add_argument("--out", type=Path, default=Path("runs/evaluation"), help="folder for report.json, predictions.tsv and the PNGs")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference model comparison")
    parser.add_argument("--model-card", type=Path, help="also write the models' card here: the measures, then each model's own card")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``whatplot evaluate``; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with sigterm_stops_like_ctrl_c():
            return _run(parser, args)
    except KeyboardInterrupt as stop:
        how = "stopped (SIGTERM)" if isinstance(stop, Terminated) else "interrupted"
        print(f"\nwhatplot evaluate: {how}", file=sys.stderr)  # after a progress bar
        return 143 if isinstance(stop, Terminated) else 130
    except BrokenPipeError:
        raise  # the reader left (``| head -1``): the ``whatplot`` command ends quietly
    except OSError as exc:  # a full disk, say: the report, or the summary on standard output
        print(f"whatplot evaluate: can't write {exc.filename or 'to standard output'}: {exc.strerror or exc}", file=sys.stderr)
        if exc.filename is None and sys.stdout is not None:  # nor retry the summary at exit, with a traceback
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Check what ``args`` name, before the minutes of work, then evaluate; returns the exit status."""
    try:
        items = read_manifest(args.manifest, args.root)
    except ManifestError as exc:
        parser.error(str(exc))
    if not items:
        parser.error(f"{args.manifest} lists no images")
    models = args.model or list(shipped_model_paths())
    try:
        classifier = ChartClassifier.load(models)
    except ModelError as exc:
        print(f"whatplot evaluate: {exc.message}", file=sys.stderr)
        return 3
    items, unknown = match_labels(items, classifier.labels)
    if unknown:
        named = ", ".join(f"{label!r} ({n})" for label, n in unknown.most_common(10))
        more = ", …" if len(unknown) > 10 else ""
        print(f"skipping {unknown.total()} images with a label the model doesn't know: {named}{more}", file=sys.stderr)
    if not items:
        parser.error(f"{args.manifest} lists no image with a label the model knows (an id of weights/labels.txt or a chart type's name)")
    _check_images(parser, args, items)
    _make_output_folders(parser, args)
    with_reference = not args.no_reference
    if with_reference and not reference.is_installed():
        print(f"whatplot evaluate: no reference model in {reference.REFERENCE_DIR}: skipping the comparison with it", file=sys.stderr)
        with_reference = False
    report = evaluate(classifier, items, args.out, with_reference)
    _print(report.summary())
    _print(f"report and plots in {args.out}")
    if args.model_card:
        write_shipped_card(args.model_card, models, report)
        _print(f"model card in {args.model_card}")
    return 0


def _check_images(parser: argparse.ArgumentParser, args: argparse.Namespace, items: Sequence[LabelledImage]) -> None:
    """Point out rows that list an image again and images that are missing; exit with a usage error where none is."""
    listed = Counter(item.path for item in items)
    if repeated := len(items) - len(listed):
        example = next(path for path, n in listed.items() if n > 1)
        print(f"{repeated} rows list an image listed earlier (each row counts), e.g. {example}", file=sys.stderr)
    missing = [item.path for item in items if not item.path.is_file()]
    if len(missing) == len(items):
        fix = "is --root right?" if args.root else "give --root, the folder its paths are relative to"
        parser.error(f"none of its {len(items)} images is there (e.g. {missing[0]}): {fix}")
    if missing:
        print(f"{len(missing)} of {len(items)} images are missing and count as misses, e.g. {missing[0]}", file=sys.stderr)


def _make_output_folders(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Make the --out folder and the --model-card's, or exit with a usage error where one can't be made or written:
    before the run, not after it, which would lose the evaluation's minutes."""
    if args.model_card and args.model_card.is_dir():
        parser.error(f"--model-card {args.model_card} is a folder: give the card's file name")
    card_folder = [("--model-card", args.model_card.parent)] if args.model_card else []
    for option, folder in [*card_folder, ("--out", args.out)]:
        if why := why_unwritable(folder):
            parser.error(f"{option} {folder}: {why}")
        folder.mkdir(parents=True, exist_ok=True)


def _print(text: str) -> None:
    """Print ``text``, with what stdout's encoding lacks escaped (``\\u2013`` on a Latin-1 terminal, ``\\xe9`` for a
    path's byte that isn't UTF-8); nothing where stdout is closed (the report is in its folder)."""
    if sys.stdout is None:
        return
    encoding = sys.stdout.encoding or "utf-8"
    print(printable(text).encode(encoding, "backslashreplace").decode(encoding), flush=True)
