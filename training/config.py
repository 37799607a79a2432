"""Every hyper-parameter of a training run, in one dataclass."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
#: ImageNet MobileNet V1 weights shipped beside the project (``weights="imagenet"`` can't download here).
DEFAULT_BASE_WEIGHTS = SHARED_DIR / "weights" / "mobilenet_v1_1.0_224_imagenet_notop.weights.h5"
#: Labelled real charts, used only to measure the model (never to train it).
REALCHARTS_DIR = SHARED_DIR / "realcharts"
#: How an exported model stores its numbers (see ``training.export.export_litert``).
QUANTIZATIONS = ("int8", "float16", "dynamic", "none")


def _default_base_weights() -> Path | None:
    return DEFAULT_BASE_WEIGHTS if DEFAULT_BASE_WEIGHTS.exists() else None


@dataclass
class TrainConfig:
    """Hyper-parameters and paths of one training run (see ``whatplot train --help``)."""

    run_dir: Path = REPO_ROOT / "runs" / "default"
    corpus_dir: Path = REPO_ROOT / "data" / "corpus"
    #: More rendered corpora added to the first, e.g. more images of the weak labels
    #: (``python -m training.corpus --out data/extra --start 800 --labels ...``), in order. Each corpus is split on
    #: its own, so the earlier ones keep the validation images they had in an earlier run.
    extra_corpus_dirs: tuple[Path, ...] = ()
    per_class: int = 800  # corpus images rendered per label
    #: not_a_chart covers everything else people post (photos, tables, UI, text), so it gets more.
    not_a_chart_per_class: int = 1800
    corpus_seed: int = 0
    workers: int = 2
    base_weights: Path | None = field(default_factory=_default_base_weights)
    #: An earlier run's ``final.weights.h5`` (same input size and frozen blocks), or an exported ``.tflite``
    #: such as the shipped ``weights/whatplot.tflite``, to continue fine-tuning from; the head stage is
    #: skipped. Several ``.tflite`` files start from the mean of their weights: a weight soup of models
    #: fine-tuned from one starting point, which may then be calibrated and exported without training
    #: (``epochs=0, end_to_end_epochs=0``; with one file, that exports it again, e.g. as int8). Empty trains
    #: from the ImageNet weights.
    init_weights: tuple[Path, ...] = ()
    #: Exported ``.tflite`` models (e.g. the shipped pair and earlier runs) whose averaged probabilities on each
    #: training image, as served, become part of its target: distillation of their ensemble into this one model.
    #: Empty trains on the labels alone.
    teachers: tuple[Path, ...] = ()
    teacher_weight: float = 0.7  # share of a training target from the teachers, the rest on the true label
    #: Above 1 softens the teachers' probabilities (raised to 1/T): they are near-certain on images they trained on.
    teacher_temperature: float = 1.0
    input_size: int = 224
    #: MobileNet blocks 1..N stay frozen in the cached-feature stages (their output is cached once per view); later
    #: blocks train. The end-to-end stage trains them all.
    frozen_blocks: int = 6
    views_per_image: int = 2  # augmented views cached per training image (view 0 is un-augmented)
    #: Validation views (view 0 clean, the rest augmented). The temperature is fitted on all of them:
    #: clean renders alone are easier than real posts and make the calibrated model overconfident.
    val_views: int = 2
    val_fraction: float = 0.1
    batch_size: int = 64
    head_epochs: int = 2  # linear head only
    epochs: int = 4  # head + unfrozen blocks; v9 (member A's first run) used 4 (v8 used 6: 13 min more, not better)
    head_learning_rate: float = 1e-3
    learning_rate: float = 3e-4
    #: Then every layer (the stem too, batch norm still frozen) on images augmented afresh each epoch, after
    #: (or, with ``epochs=0``, instead of) the cached-feature epochs. No cache: ~11 img/s on 2 CPU cores (v27, v28).
    end_to_end_epochs: int = 0
    end_to_end_learning_rate: float = 3e-5
    #: Share of the fine-tuning steps that ramp the learning rate up from 0. Without it, training accuracy fell
    #: from 0.76 to 0.2 on the first unfrozen steps (v9 had none; a 1-epoch A/B with 0.1 gained 3.8 points).
    warmup_fraction: float = 0.1
    weight_decay: float = 1e-4
    label_smoothing: float = 0.1
    dropout: float = 0.3
    seed: int = 0
    #: int8 (weights and activations, the layers that lose most to it kept in float), float16, dynamic or none.
    #: As int8, the shipped pair's networks run 1.55× as fast as float16 on a CPU, at the same accuracy on real charts.
    quantization: str = "int8"
    #: Training images, as served, that set an int8 model's activation ranges and find the layers kept in float.
    calibration_images: int = 400
    export_dir: Path = REPO_ROOT / "weights"
    #: Real charts to measure the exported model on (validation only); None skips it.
    realcharts_manifest: Path | None = REALCHARTS_DIR / "manifest.tsv"

    def __post_init__(self) -> None:
        self._check_ranges()
        if len(self.init_weights) > 1 and any(path.suffix != ".tflite" for path in self.init_weights):
            raise ValueError("several --init-weights are averaged into one model; each must be an exported .tflite")
        if self.trains_nothing and not self.init_weights:
            raise ValueError(
                "--epochs 0 needs --end-to-end-epochs, or --init-weights to export again (several: their mean): "
                "there would be nothing to train"
            )
        if self.teachers and any(path.suffix != ".tflite" for path in self.teachers):
            raise ValueError("each --teacher must be an exported .tflite model")
        if not 0 <= self.teacher_weight <= 1:
            raise ValueError("--teacher-weight is a share of the target, between 0 and 1")
        # Both would run the teachers over the whole corpus (minutes) for targets nothing uses.
        if self.teachers and self.trains_nothing:
            raise ValueError("--teacher needs a training stage to distil into; a weight soup trains nothing")
        if self.teachers and self.teacher_weight == 0:
            raise ValueError("--teacher-weight 0 ignores the teachers; leave out --teacher")
        if self.quantization not in QUANTIZATIONS:
            raise ValueError(f"--quantization is one of {', '.join(QUANTIZATIONS)}, not {self.quantization!r}")
        if self.teacher_temperature <= 0:
            raise ValueError("--teacher-temperature must be positive")
        distillation_options = [
            f"--{option.name.replace('_', '-')}"
            for option in fields(self)
            if option.name in ("teacher_weight", "teacher_temperature") and getattr(self, option.name) != option.default
        ]
        if distillation_options and not self.teachers:
            raise ValueError(f"{' and '.join(distillation_options)} only shape distillation; add --teacher FILE (or leave them out)")

    def _check_ranges(self) -> None:
        """Refuse numbers no run can use, naming the option, before anything starts."""
        at_least = {
            "per_class": 0, "not_a_chart_per_class": 0, "head_epochs": 0, "epochs": 0, "end_to_end_epochs": 0, "calibration_images": 0,
            "workers": 1, "views_per_image": 1, "val_views": 1, "batch_size": 1, "frozen_blocks": 1, "input_size": 32,
        }  # fmt: skip
        for name, low in at_least.items():
            if getattr(self, name) < low:
                raise ValueError(f"--{name.replace('_', '-')} must be at least {low}, not {getattr(self, name)}")
        if self.frozen_blocks > 13:
            raise ValueError(f"--frozen-blocks counts MobileNet's 13 blocks, so it is at most 13, not {self.frozen_blocks}")
        for name in ("head_learning_rate", "learning_rate", "end_to_end_learning_rate"):
            if getattr(self, name) <= 0:
                raise ValueError(f"--{name.replace('_', '-')} must be positive")
        for name in ("val_fraction", "warmup_fraction", "dropout", "label_smoothing"):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"--{name.replace('_', '-')} is a share, at least 0 and below 1, not {getattr(self, name)}")
        if self.weight_decay < 0:
            raise ValueError("--weight-decay can't be negative")

    @property
    def trains_nothing(self) -> bool:
        """No training stage: ``init_weights`` (a weight soup of several, or one model, e.g. to quantize it
        another way) are only calibrated and exported."""
        return not self.epochs and not self.end_to_end_epochs

    def to_json_dict(self) -> dict[str, object]:
        """The config as JSON values (for the run's ``config.json``): paths as strings, tuples of paths as lists."""

        def as_json(value: object) -> object:
            if isinstance(value, Path):
                return str(value)
            if isinstance(value, tuple):
                return [str(path) for path in value]
            return value

        return {name: as_json(value) for name, value in asdict(self).items()}
