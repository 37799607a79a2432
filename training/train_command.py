"""`whatplot train`'s command line: an option per :class:`~training.config.TrainConfig` field, read before TensorFlow
is imported, so that ``--help`` and a usage error come at once, without TensorFlow's log lines. The run itself is
:func:`training.train.run`."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from training.config import TrainConfig

DESCRIPTION = "Train the model: corpus, cached stem features, fine-tuned top, calibration, export, evaluation."


#: :class:`TrainConfig`'s list fields, each a repeatable option: its flag, metavar and help.
_REPEATABLE_OPTIONS = {
    "extra_corpus_dirs": ("--extra-corpus-dir", "DIR", "another rendered corpus (repeatable)"),
    "init_weights": (
        "--init-weights",
        "FILE",
        "an earlier run's final.weights.h5 or an exported .tflite to continue from; "
        "repeat with .tflite files to start from the mean of their weights",
    ),
    "teachers": (
        "--teacher",
        "FILE",
        "an exported .tflite model whose probabilities the new model learns from (repeatable: their mean)",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """The ``whatplot train`` command line: an option per :class:`TrainConfig` field."""
    parser = argparse.ArgumentParser(prog="whatplot train", description=DESCRIPTION)
    for field in dataclasses.fields(TrainConfig):
        default = field.default if field.default is not dataclasses.MISSING else field.default_factory()  # type: ignore[misc]
        if field.name in _REPEATABLE_OPTIONS:
            flag, metavar, help_text = _REPEATABLE_OPTIONS[field.name]
            parser.add_argument(flag, dest=field.name, type=Path, action="append", default=[], metavar=metavar, help=help_text)
            continue
        value_type = Path if field.type in ("Path", "Path | None") else type(default) if default is not None else str
        parser.add_argument(f"--{field.name.replace('_', '-')}", type=value_type, default=default, help=f"(default: {default})")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``whatplot train``; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # the repeatable options arrive as lists; the config holds tuples
    repeated = {name: tuple(getattr(args, name)) for name in _REPEATABLE_OPTIONS}
    try:
        config = TrainConfig(**{**vars(args), **repeated})
    except ValueError as exc:
        parser.error(str(exc))
    from training.train import run  # not at the top: TensorFlow takes seconds to import, and logs as it does

    return run(parser, args, config)
