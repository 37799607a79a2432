"""`whatplot evaluate`: measure a model on any labelled image set.

Writes ``report.json`` (top-1 with its 95% interval, top-3, per-class accuracy, macro-F1, ECE, the
most frequent confusions, top-1 per source where the manifest names sources, the reference model's
score on the same images), ``predictions.tsv`` (every image's label and top three), ``confusion.png``
and ``worst_mistakes.png`` into ``--out``, each whole or not at all (:func:`training.files.write_atomically`), and
``report.json`` last: a folder that has it holds one finished evaluation's outputs.

It resumes: each image's results are kept in ``--out`` as they are made (:mod:`training.progress`), so that the same
command after Ctrl-C, SIGTERM, a crash or a full disk measures only the images it hadn't; ``--fresh`` measures them all
again.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import binomtest
from tqdm import tqdm

from classifier.answer import printable
from classifier.config import LABELS_FILENAME, shipped_model_paths
from classifier.errors import ModelError, WhatplotError
from classifier.imaging import preprocess
from classifier.model import ChartClassifier
from classifier.taxonomy import load_taxonomy
from training import reference
from training.calibration import expected_calibration_error
from training.config import REALCHARTS_DIR
from training.features import LabelledImage, ManifestError, read_manifest
from training.files import why_unwritable, write_atomically
from training.model_card import write_shipped_card
from training.plots import save_confusion_matrix, save_contact_sheet
from training.progress import NOT_DONE, PROGRESS_FILE, Progress, image_key, model_key, reference_key
from training.signals import how_stopped, sigterm_stops_like_ctrl_c


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


#: How many images the model measures at once; an interrupted evaluation loses at most the batch it was measuring.
BATCH_SIZE = 32


def _reference_unusable() -> str | None:
    """Why the installed reference model can't be loaded (a file of it missing, unreadable or damaged), or None where
    it loads."""
    try:
        reference.ReferenceModel()
    except reference.LOAD_ERRORS as exc:
        return _why_unloadable(exc)
    return None


def _why_unloadable(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"can't read {exc.filename}: {exc.strerror or exc}"
    return str(exc).split("\n")[0] or type(exc).__name__


def predict_probabilities(
    classifier: ChartClassifier, items: Sequence[LabelledImage], progress: Progress | None = None, by: str = ""
) -> np.ndarray:
    """Probabilities for every image (a row of NaN for an unreadable one); with ``progress``, the images it holds
    results of ``by`` (the classifier's :func:`training.progress.model_key`) for are not measured again, and the
    others' are kept in it (not an unreadable one's: it is read again next time)."""
    rows = np.full((len(items), len(classifier.labels)), np.nan)
    todo = []
    for i in range(len(items)):
        result = progress.get(by, i) if progress else NOT_DONE
        if isinstance(result, list) and len(result) == len(classifier.labels):
            rows[i] = result
        else:
            todo.append(i)
    with tqdm(total=len(items), initial=len(items) - len(todo), desc="evaluating", unit="img") as bar:
        for start in range(0, len(todo), BATCH_SIZE):
            batch = todo[start : start + BATCH_SIZE]
            inputs, positions = [], []
            for i in batch:
                if not items[i].path.is_file():  # missing, or a pipe or device that reading would block on or never end
                    continue
                try:
                    inputs.append(preprocess(items[i].path, classifier.input_size))
                    positions.append(i)
                except WhatplotError:
                    continue
            if inputs:
                rows[positions] = classifier.probabilities(np.stack(inputs))
            if progress:
                progress.add(by, [(i, rows[i].tolist()) for i in batch if not np.isnan(rows[i]).any()])
            bar.update(len(batch))
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


def compare_with_reference(
    items: Sequence[LabelledImage], predicted: np.ndarray, labels: Sequence[str], progress: Progress | None = None, by: str = ""
) -> dict[str, float] | None:
    """Top-1 of ours and of the reference model on the images whose label the reference knows (None when there are none,
    or the reference model isn't there); with ``progress``, as for :func:`predict_probabilities` (``by``: the reference
    model's :func:`training.progress.model_key`)."""
    if not reference.is_installed():
        return None
    try:
        model = reference.ReferenceModel()
    except reference.LOAD_ERRORS as exc:  # changed since the run began: no error of writing, which main() would call it
        print(f"whatplot evaluate: the reference model is unusable ({_why_unloadable(exc)}): skipping the comparison with it", file=sys.stderr)
        return None
    known = set(model.labels)
    ours = theirs = n = 0
    for i, (item, pred) in enumerate(tqdm(list(zip(items, predicted)), desc="reference model", unit="img")):
        if item.label not in known:
            continue
        n += 1
        ours += labels[pred] == item.label if pred >= 0 else 0
        answer = progress.get(by, i) if progress else NOT_DONE
        if answer is NOT_DONE:
            answer = model.predict_file(item.path)
            if progress and answer is not None:  # None: unreadable, read again next time
                progress.add(by, [(i, answer)])
        theirs += answer == item.label
    return {"n_images": n, "ours_top1": ours / n, "reference_top1": theirs / n} if n else None


def evaluate(classifier: ChartClassifier, items: Sequence[LabelledImage], out_dir: Path, **options: Any) -> EvaluationReport:
    """Evaluate ``classifier`` on ``items`` as a manifest lists them (those with a label it doesn't know left out,
    see :func:`match_labels`), writing the report and plots into ``out_dir``, made if need be: :func:`measure`, with
    its keyword ``options`` (``with_reference``, ``model_files``, ``fresh``)."""
    items, _ = match_labels(items, classifier.labels)
    out_dir.mkdir(parents=True, exist_ok=True)
    return measure(classifier, items, out_dir, **options)


def measure(
    classifier: ChartClassifier,
    items: Sequence[LabelledImage],
    out_dir: Path,
    with_reference: bool = True,
    *,
    model_files: Sequence[Path] | None = None,
    fresh: bool = False,
) -> EvaluationReport:
    """Evaluate ``classifier`` on ``items`` (labelled with its ids: :func:`match_labels`), writing the report and
    plots into the folder ``out_dir``.

    Given the ``model_files`` it was loaded from, it resumes: the results an earlier run into ``out_dir`` made with
    the same files for the same images are reused (not where ``fresh``), and new ones are kept as they are made
    (:class:`training.progress.Progress`, removed once the report and plots are written).
    """
    index = {label: i for i, label in enumerate(classifier.labels)}
    truth = np.array([index[item.label] for item in items])
    progress, ours, theirs = None, "", ""
    if model_files is not None:
        ours = model_key("model", [*model_files, *dict.fromkeys(path.with_name(LABELS_FILENAME) for path in model_files)])
        # kept whether or not this run compares, so that --no-reference between two runs that do loses none of its
        # answers; "" where its files can't be read (a run that compares leaves it out, saying so)
        theirs = reference_key()
        progress = Progress(out_dir / PROGRESS_FILE, [image_key(item) for item in items], [ours, theirs], fresh)
    try:  # from the moment it is open: Ctrl-C while counting what's done closes it too
        if progress and (done := progress.done(ours)):
            theirs_done = progress.done(theirs) if theirs and with_reference else 0
            by_reference = f" ({theirs_done:,} by the reference model)" if theirs_done else ""
            print(f"resuming: {done:,} of {len(items):,} images already done{by_reference} (--fresh measures them all again)", file=sys.stderr)
        probabilities = predict_probabilities(classifier, items, progress=progress, by=ours)
        report = score(probabilities, truth, classifier.labels)
        predicted = predicted_labels(probabilities)
        report.per_source = accuracy_per_source(items, predicted == truth)
        if with_reference:
            report.reference = compare_with_reference(items, predicted, classifier.labels, progress, theirs)
        _write_outputs(report, items, probabilities, truth, classifier.labels, out_dir)
    except BaseException:
        if progress:
            progress.close()  # kept: the same command goes on from it
        raise
    if progress:
        progress.remove()  # closes it
    return report


def _write_outputs(
    report: EvaluationReport, items: Sequence[LabelledImage], probabilities: np.ndarray, truth: np.ndarray, labels: Sequence[str], out_dir: Path
) -> None:
    """``predictions.tsv``, ``confusion.png``, ``worst_mistakes.png`` and last ``report.json`` into ``out_dir``.

    ``report.json`` is the mark of a finished evaluation: an earlier run's is removed before the others are replaced and
    the new one written after them, so that a run stopped while writing them leaves no report beside outputs it doesn't
    describe (the same command writes them all again, from the results it kept)."""
    predicted = predicted_labels(probabilities)
    (out_dir / "report.json").unlink(missing_ok=True)
    write_predictions(items, probabilities, labels, out_dir / "predictions.tsv")
    present = sorted(set(truth.tolist()))
    save_confusion_matrix(truth, predicted, [labels[i] for i in present], present, out_dir / "confusion.png")
    # unreadable images are no mistake of the model's: predictions.tsv lists them
    wrong = [i for i in np.argsort(-np.nan_to_num(probabilities).max(axis=1)) if 0 <= predicted[i] != truth[i]][:48]
    captions = [f"{items[i].label} -> {labels[predicted[i]]} {probabilities[i].max():.0%}\n{items[i].path.name}" for i in wrong]
    unreadable = f" ({report.n_unreadable} unreadable, not shown: predictions.tsv marks them)" if report.n_unreadable else ""
    title = ("the most confident mistakes" if wrong else f"no mistakes on {len(items) - report.n_unreadable} images") + unreadable
    save_contact_sheet([items[i].path for i in wrong], captions, out_dir / "worst_mistakes.png", title=title)
    write_atomically(out_dir / "report.json", json.dumps(asdict(report), indent=2))  # last: the "done" mark


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
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t", lineterminator="\n")
    writer.writerow(["path", "label", "predicted", "confidence", "top3"])
    for item, row in zip(items, probabilities):
        if np.isnan(row).any():
            writer.writerow([item.path, item.label, "unreadable", "", ""])
            continue
        top3 = np.argsort(-row, kind="stable")[:3]
        writer.writerow([item.path, item.label, labels[top3[0]], f"{row[top3[0]]:.4f}", " ".join(f"{labels[i]}:{row[i]:.4f}" for i in top3)])
    write_atomically(path, text.getvalue().encode("utf-8", "surrogateescape"))  # a path as its bytes


def build_parser() -> argparse.ArgumentParser:
    """The ``whatplot evaluate`` command line."""
    parser = argparse.ArgumentParser(prog="whatplot evaluate", description="Evaluate a model on a labelled image set.")
    parser.add_argument(
        "--manifest", type=Path, default=REALCHARTS_DIR / "manifest.tsv",
        help="TSV of path, label (and source) columns, its header row optional; a label is a chart type's id or name "
        "(default: %(default)s)",
    )  # fmt: skip
    parser.add_argument("--root", type=Path, default=None, help="folder the manifest's paths are relative to (default: its folder)")
    parser.add_argument("--model", type=Path, action="append", help="a LiteRT model; repeat it to average several (default: the shipped models)")
    parser.add_argument("--out", type=Path, default=Path("runs/evaluation"), help="folder for report.json, predictions.tsv and the PNGs")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference model comparison")
    parser.add_argument("--model-card", type=Path, help="also write the models' card here: the measures, then each model's own card")
    parser.add_argument(
        "--fresh", action="store_true",
        help=f"measure every image again: without it, a run stopped before it finished goes on where it stopped ({PROGRESS_FILE} in --out)",
    )  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``whatplot evaluate``; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with sigterm_stops_like_ctrl_c():
            return _run(parser, args)
    except KeyboardInterrupt as stop:
        how, status = how_stopped(stop)
        print(f"\nwhatplot evaluate: {how}; the same command resumes the evaluation", file=sys.stderr)  # after a progress bar
        return status
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
        parser.error(nothing_to_measure(args.manifest, any_listed=False))
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
        parser.error(nothing_to_measure(args.manifest, any_listed=True))
    _check_images(parser, args, items)
    _make_output_folders(parser, args)
    with_reference = not args.no_reference
    if with_reference and not reference.is_installed():
        print(f"whatplot evaluate: no reference model in {reference.REFERENCE_DIR}: skipping the comparison with it", file=sys.stderr)
        with_reference = False
    elif with_reference and (why := _reference_unusable()):  # before the minutes of work, not after them
        print(f"whatplot evaluate: the reference model is unusable ({why}): skipping the comparison with it", file=sys.stderr)
        with_reference = False
    report = measure(classifier, items, args.out, with_reference, model_files=models, fresh=args.fresh)
    _print(report.summary())
    _print(f"report and plots in {args.out}")
    if args.model_card:
        write_shipped_card(args.model_card, models, report)
        _print(f"model card in {args.model_card}")
    return 0


def nothing_to_measure(manifest: Path, any_listed: bool) -> str:
    """Why ``manifest`` can't measure a model: it lists no image, or (``any_listed``) none with a label the model knows."""
    if not any_listed:
        return f"{manifest} lists no images"
    return f"{manifest} lists no image with a label the model knows (an id of weights/labels.txt or a chart type's name)"


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
