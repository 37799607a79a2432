"""Export a trained Keras model as the LiteRT flatbuffer that ``classifier`` loads."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import keras
import tensorflow as tf

from classifier import config


def export_litert(model: keras.Model, labels: Sequence[str], out_dir: Path, quantization: str = "float16") -> Path:
    """Write ``whatplot.tflite`` and ``labels.txt`` into ``out_dir``; return the model path.

    ``quantization`` is ``"float16"`` (half-size weights, float compute), ``"dynamic"``
    (int8 weights, dynamic-range kernels) or ``"none"`` (float32).
    """
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if quantization in ("float16", "dynamic"):
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    if quantization == "float16":
        converter.target_spec.supported_types = [tf.float16]
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / config.MODEL_FILENAME
    model_path.write_bytes(converter.convert())
    (out_dir / config.LABELS_FILENAME).write_text("\n".join(labels) + "\n", encoding="utf-8")
    return model_path
