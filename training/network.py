"""The network: ImageNet MobileNet V1, split into a stem and a top, plus a head.

The cached-feature stages keep the stem frozen, cache its output once per image view and train only the top and the
head, which is what makes a full run fit on two CPU cores; the optional end-to-end stage (``--end-to-end-epochs``)
trains every layer but batch norm on images augmented afresh. The exported model chains all three.
"""

from __future__ import annotations

from pathlib import Path

import keras

#: MobileNet V1's convolutions by Keras layer name, in graph order: the first convolution, then 13 depthwise +
#: pointwise pairs. Each has a batch norm named after it (``conv_dw_1_bn``).
CONVOLUTIONS = ("conv1", *(f"conv_{kind}_{block}" for block in range(1, 14) for kind in ("dw", "pw")))


def build_backbone(input_size: int, base_weights: Path | None) -> keras.Model:
    """MobileNet V1 (alpha 1.0) without its classifier, with the ImageNet weights when given."""
    backbone = keras.applications.MobileNet(
        alpha=1.0, include_top=False, weights=None, input_shape=(input_size, input_size, 3), pooling=None
    )
    if base_weights is not None:
        backbone.load_weights(str(base_weights))
    return backbone


def split_backbone(backbone: keras.Model, frozen_blocks: int) -> tuple[keras.Model, keras.Model]:
    """Split the (purely sequential) MobileNet after block ``frozen_blocks`` into ``stem`` and ``top``.

    Both share the backbone's layers.
    """
    stem_output = f"conv_pw_{frozen_blocks}_relu"
    stem = keras.Model(backbone.input, backbone.get_layer(stem_output).output, name="stem")
    names = [layer.name for layer in backbone.layers]
    x = top_input = keras.Input(shape=stem.output.shape[1:], name="stem_features")
    for layer in backbone.layers[names.index(stem_output) + 1 :]:
        x = layer(x)
    return stem, keras.Model(top_input, x, name="top")


def unfreeze(model: keras.Model) -> None:
    """Make every layer of ``model`` trainable except batch norm, which stays frozen (inference mode):
    fine-tuning it on small batches of synthetic charts only adds noise."""
    model.trainable = True
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            unfreeze(layer)
        elif isinstance(layer, keras.layers.BatchNormalization):
            layer.trainable = False


def build_head(feature_shape: tuple[int, ...], num_classes: int, dropout: float) -> keras.Model:
    """Global average pooling, dropout and a linear layer producing logits."""
    features = keras.Input(shape=feature_shape, name="top_features")
    x = keras.layers.GlobalAveragePooling2D()(features)
    x = keras.layers.Dropout(dropout)(x)
    logits = keras.layers.Dense(num_classes, name="logits")(x)
    return keras.Model(features, logits, name="head")


def stem_inputs(input_size: int) -> tuple[keras.KerasTensor, keras.KerasTensor]:
    """The model input (uint8 pixel values as floats, as ``preprocess()`` makes them) scaled to [-1, 1]."""
    pixels = keras.Input(shape=(input_size, input_size, 3), name="pixels")
    return pixels, keras.layers.Rescaling(1 / 127.5, offset=-1.0)(pixels)


def build_serving_model(stem: keras.Model, top: keras.Model, head: keras.Model, temperature: float) -> keras.Model:
    """pixels → calibrated class probabilities: what ships in the LiteRT file."""
    pixels, scaled = stem_inputs(stem.input.shape[1])
    logits = head(top(stem(scaled)))
    probabilities = keras.layers.Softmax(name="probabilities")(keras.layers.Rescaling(1.0 / temperature)(logits))
    return keras.Model(pixels, probabilities, name="whatplot")
