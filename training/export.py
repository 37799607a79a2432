"""Export a trained Keras model as the LiteRT flatbuffer that ``classifier`` loads."""

from __future__ import annotations

import csv
import io
import math
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from classifier import config
from training.files import write_atomically
from training.model_card import card_path
from training.network import CONVOLUTIONS

#: In an int8 export, a layer whose int8 output is off by more than this many int8 steps (root mean square,
#: measured on the calibration images against the same layer in float) stays in float. In MobileNet V1 that
#: is a few of the first blocks: kept in float they bring the shipped models' top-1 on real charts back from
#: 1.2 points under float16 to level with it, and the model stays close to plain int8's speed (v40 and v27: 5 layers kept).
MAX_INT8_ERROR_STEPS = 1.0
#: The head always stays in float: it costs next to nothing, and an int8 softmax would round every
#: probability to a multiple of 1/256, so the runners-up under 0.4% would tie at 0.
FLOAT_HEAD_OPS = ("MEAN", "FULLY_CONNECTED", "SOFTMAX")


def export_litert(
    model: keras.Model, labels: Sequence[str], out_dir: Path, quantization: str = "int8", calibration: Sequence[np.ndarray] = ()
) -> tuple[Path, list[str]]:
    """Write ``whatplot.tflite`` and ``labels.txt`` into ``out_dir``; return the model path and the layers kept in float.

    ``quantization`` is ``"int8"`` (weights and activations, float input and output; needs ``calibration``,
    a few hundred model inputs as served, to set the activation ranges), ``"float16"`` (half-size weights,
    float compute), ``"dynamic"`` (int8 weights, dynamic-range kernels) or ``"none"`` (float32).
    An int8 export keeps its head and its noisiest layers in float (see :data:`MAX_INT8_ERROR_STEPS`); those
    layers are the list returned.
    """
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if quantization != "none":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    if quantization == "float16":
        converter.target_spec.supported_types = [tf.float16]
    kept_float: list[str] = []
    if quantization == "int8":
        flatbuffer, kept_float = _int8(converter, calibration)
    else:
        flatbuffer = converter.convert()
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / config.MODEL_FILENAME
    # each whole or not at all: a run stopped while writing leaves the model that was there (weights/ holds the shipped one)
    write_atomically(model_path, flatbuffer)
    write_atomically(out_dir / config.LABELS_FILENAME, "\n".join(labels) + "\n")
    return model_path, kept_float


def publish(model_path: Path, out_dir: Path) -> Path:
    """Copy a model exported into a run folder, its labels and its card (beside it) into ``out_dir`` (``weights/`` by
    default: the shipped models), replacing what was there; returns the model's new path.

    The run calls this last, once the model is measured and its card written: a run stopped or failing before then
    leaves ``out_dir`` as it was. Each file is first copied beside its place (``.partial``; a copy, not a move, so a
    run folder on another disk works, and the run folder keeps its own), then the three are renamed into place, one
    right after the other. The card goes last: it records what the model beside it is, so it must never get ahead of
    it. Stopped between two renames (microseconds), the folder holds the new model beside the earlier card, whose
    heading names the earlier run; never a card of a model that isn't there, so every card there describes a model
    that was shipped there. The same command run again (or a copy from the run folder) brings the new card.
    """
    sources = [model_path, model_path.with_name(config.LABELS_FILENAME), card_path(model_path)]  # the card last
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [out_dir / source.name for source in sources]
    partials = [target.with_name(target.name + ".partial") for target in targets]
    try:
        for source, partial in zip(sources, partials):
            shutil.copyfile(source, partial)
    except BaseException:  # Ctrl-C or a full disk while copying: out_dir keeps what it had, and no leftovers
        for partial in partials:
            partial.unlink(missing_ok=True)
        raise
    for partial, target in zip(partials, targets):
        os.replace(partial, target)
    return targets[0]


def _int8(converter: tf.lite.TFLiteConverter, calibration: Sequence[np.ndarray]) -> tuple[bytes, list[str]]:
    """Full-integer quantization with the head and the layers that lose most to it left in float: TensorFlow's
    selective quantization, with its quantization debugger measuring every layer's error. Returns the flatbuffer
    and the layers kept in float besides the head."""
    if not len(calibration):
        raise ValueError("int8 quantization needs calibration images")

    def samples() -> Iterator[list[np.ndarray]]:
        for pixels in calibration:
            yield [np.asarray(pixels, dtype=np.float32)[None]]

    converter.representative_dataset = samples
    debugger = tf.lite.experimental.QuantizationDebugger(converter=converter, debug_dataset=samples)
    debugger.run()
    dump = io.StringIO()
    debugger.layer_statistics_dump(dump)
    dump.seek(0)
    noisy = [
        row["tensor_name"]
        for row in csv.DictReader(dump)
        if row["op_name"] not in FLOAT_HEAD_OPS and float(row["scale"]) > 0 and _error_steps(row) > MAX_INT8_ERROR_STEPS
    ]
    debugger.options = tf.lite.experimental.QuantizationDebugOptions(denylisted_ops=list(FLOAT_HEAD_OPS), denylisted_nodes=noisy)
    # tensor names spell the layers' scopes ("whatplot_1/stem_1/conv_dw_1_relu_1/Relu6;..."): name the Keras layer
    layers = [next((layer for layer in CONVOLUTIONS if f"/{layer}_" in name), name) for name in noisy]
    return debugger.get_nondebug_quantized_model(), layers


def _error_steps(row: dict[str, str]) -> float:
    """A layer's root-mean-square int8 error in int8 steps, from its row of the debugger's statistics."""
    return math.sqrt(float(row["mean_squared_error"])) / float(row["scale"])
