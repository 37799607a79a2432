"""Read a shipped model's trained layers back out of its LiteRT file, to continue training it.

A run's Keras weights live in its run folder, which is not kept; the LiteRT file is. The converter
folded each batch norm into the convolution before it and the temperature into the logits layer.
Batch norms stay frozen during fine-tuning, so an identity batch norm (gamma 1, mean 0, variance
1 - epsilon) whose beta is the folded bias gives back the same function. The logits come back
divided by the file's temperature; the continued run fits a new one anyway.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np


def _constant_reader(interpreter: object) -> tuple[list[dict], object]:
    ops = interpreter._get_ops_details()  # type: ignore[attr-defined]  # LiteRT's only listing of a graph's ops
    # float16 weights are stored as half-precision constants feeding a DEQUANTIZE op
    dequantized_from = {int(op["outputs"][0]): int(op["inputs"][0]) for op in ops if op["op_name"] == "DEQUANTIZE"}

    def constant(index: int) -> np.ndarray:
        value = interpreter.get_tensor(dequantized_from.get(int(index), int(index)))  # type: ignore[attr-defined]
        if not np.issubdtype(value.dtype, np.floating):
            raise ValueError("only float16 and float32 exports can be read back (int8 weights lost precision)")
        return np.asarray(value, dtype=np.float32)

    return ops, constant


def _set_identity_batch_norm(layer: keras.layers.BatchNormalization, bias: np.ndarray) -> None:
    layer.set_weights([np.ones_like(bias), bias, np.zeros_like(bias), np.full_like(bias, 1.0 - layer.epsilon)])


def import_litert_weights(model_path: Path, top: keras.Model, head: keras.Model, frozen_blocks: int) -> None:
    """Set ``top`` (MobileNet blocks ``frozen_blocks + 1``–13) and ``head`` from an exported whatplot model.

    Raises:
        ValueError: the file is not a whatplot MobileNet V1 export with ``head``'s number of labels.
    """
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=str(model_path))
    ops, constant = _constant_reader(interpreter)
    convolutions = [op for op in ops if op["op_name"] in ("CONV_2D", "DEPTHWISE_CONV_2D")]
    dense = [op for op in ops if op["op_name"] == "FULLY_CONNECTED"]
    if len(convolutions) != 27 or len(dense) != 1:  # MobileNet V1: conv1, then 13 depthwise + pointwise pairs
        raise ValueError(f"{model_path} is not a MobileNet V1 export: {len(convolutions)} convolutions, {len(dense)} dense layers")
    for block in range(frozen_blocks + 1, 14):
        depthwise, pointwise = convolutions[2 * block - 1], convolutions[2 * block]
        kernel, bias = constant(depthwise["inputs"][1]), constant(depthwise["inputs"][2])
        top.get_layer(f"conv_dw_{block}").set_weights([kernel[0][..., None]])  # (1, h, w, c) → (h, w, c, 1)
        _set_identity_batch_norm(top.get_layer(f"conv_dw_{block}_bn"), bias)
        kernel, bias = constant(pointwise["inputs"][1]), constant(pointwise["inputs"][2])
        top.get_layer(f"conv_pw_{block}").set_weights([kernel.transpose(1, 2, 3, 0)])  # (out, h, w, in) → (h, w, in, out)
        _set_identity_batch_norm(top.get_layer(f"conv_pw_{block}_bn"), bias)
    kernel, bias = constant(dense[0]["inputs"][1]), constant(dense[0]["inputs"][2])
    logits = head.get_layer("logits")
    if kernel.shape[0] != logits.units:
        raise ValueError(f"{model_path} names {kernel.shape[0]} labels, the run {logits.units}")
    logits.set_weights([kernel.T, bias])
