"""Read a shipped model's trained layers back out of its LiteRT file, to continue training it.

A run's Keras weights live in its run folder, which is not kept; the LiteRT file is. The converter
folded each batch norm into the convolution before it and the temperature into the logits layer.
Batch norms stay frozen during fine-tuning, so an identity batch norm (gamma 1, mean 0, variance
1 - epsilon) whose beta is the folded bias gives back the same function. The logits come back
divided by the file's temperature; the continued run fits a new one anyway. The whole network is
read back, the stem too, so a model whose stem was trained end to end continues as it was. Several
files read back as the mean of their weights (a weight soup).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import keras
import numpy as np

from training.network import CONVOLUTIONS


def read_litert_weights(model_path: Path) -> dict[str, np.ndarray]:
    """The folded weights of every MobileNet layer and of the logits, by Keras layer name:
    ``conv1`` (kernel), ``conv1_bn`` (folded bias), ``conv_dw_1``, ``conv_dw_1_bn``, …, ``logits`` and ``logits_bias``.

    int8 weights come back dequantized (their scale per channel applied), float16 and float32 ones as stored.

    Raises:
        ValueError: the file is unreadable or not a MobileNet V1 export.
    """
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=str(model_path))  # ValueError for a file that is not a LiteRT model
    ops = interpreter._get_ops_details()  # LiteRT's only listing of a graph's ops
    tensors = {int(t["index"]): t for t in interpreter.get_tensor_details()}
    # float16 weights (and those of a layer an int8 export kept in float) may be constants feeding a DEQUANTIZE op
    dequantized_from = {int(op["outputs"][0]): int(op["inputs"][0]) for op in ops if op["op_name"] == "DEQUANTIZE"}

    def constant(index: int) -> np.ndarray:
        index = dequantized_from.get(int(index), int(index))
        value = interpreter.get_tensor(index)
        if np.issubdtype(value.dtype, np.floating):
            return np.asarray(value, dtype=np.float32)
        quantization = tensors[index]["quantization_parameters"]  # int8 kernels, int32 biases: a scale per output channel
        shape = [1] * value.ndim
        if quantization["scales"].size > 1:
            shape[quantization["quantized_dimension"]] = -1
        return (value.astype(np.float32) - quantization["zero_points"].reshape(shape)) * quantization["scales"].astype(np.float32).reshape(shape)

    convolutions = [op for op in ops if op["op_name"] in ("CONV_2D", "DEPTHWISE_CONV_2D")]
    dense = [op for op in ops if op["op_name"] == "FULLY_CONNECTED"]
    if len(convolutions) != len(CONVOLUTIONS) or len(dense) != 1:
        raise ValueError(f"{model_path} is not a MobileNet V1 export: {len(convolutions)} convolutions, {len(dense)} dense layers")
    weights: dict[str, np.ndarray] = {}
    for name, op in zip(CONVOLUTIONS, convolutions):
        kernel = constant(op["inputs"][1])
        if op["op_name"] == "DEPTHWISE_CONV_2D":
            weights[name] = kernel[0][..., None]  # (1, h, w, c) → (h, w, c, 1)
        else:
            weights[name] = kernel.transpose(1, 2, 3, 0)  # (out, h, w, in) → (h, w, in, out)
        weights[f"{name}_bn"] = constant(op["inputs"][2])
    weights["logits"] = constant(dense[0]["inputs"][1]).T
    weights["logits_bias"] = constant(dense[0]["inputs"][2])
    return weights


def import_litert_weights(model_paths: Sequence[Path], stem: keras.Model, top: keras.Model, head: keras.Model) -> None:
    """Set the whole network (``stem`` and ``top``, the two halves of MobileNet, and ``head``) from exported whatplot models.

    One model is read back as it is. Several are averaged weight by weight (a weight soup): models fine-tuned
    from one starting point lie in one basin, where the mean of their weights is often a better model than
    each of them (Wortsman et al., "Model soups", 2022). Their logits come back divided by each file's
    temperature; the run fits a new one.

    Raises:
        ValueError: a file can't be read back (see :func:`read_litert_weights`) or names another number of labels.
    """
    models = [read_litert_weights(path) for path in model_paths]
    weights = {name: np.mean([model[name] for model in models], axis=0) for name in models[0]}
    logits = head.get_layer("logits")
    for path, model in zip(model_paths, models):
        if model["logits"].shape[1] != logits.units:
            raise ValueError(f"{path} names {model['logits'].shape[1]} labels, the run {logits.units}")
    layers = {layer.name: layer for layer in stem.layers + top.layers}
    for name, value in weights.items():
        if name.endswith("_bn"):  # identity batch norm whose beta is the folded bias
            layer = layers[name]
            layer.set_weights([np.ones_like(value), value, np.zeros_like(value), np.full_like(value, 1.0 - layer.epsilon)])
        elif name.startswith("conv"):
            layers[name].set_weights([value])
    logits.set_weights([weights["logits"], weights["logits_bias"]])
