"""whatplot's classifier: image bytes in, ranked chart types with confidences out.

>>> from classifier import ChartClassifier
>>> ChartClassifier.load().predict(open("chart.png", "rb").read())  # doctest: +SKIP
[Prediction(label='violin', name='Violin plot', confidence=0.91), ...]
"""

from classifier.errors import WhatplotError
from classifier.imaging import load_image, preprocess
from classifier.model import ChartClassifier, Prediction
from classifier.taxonomy import ChartType, chart_types_by_id, load_taxonomy

__all__ = [
    "ChartClassifier",
    "ChartType",
    "Prediction",
    "WhatplotError",
    "chart_types_by_id",
    "load_image",
    "load_taxonomy",
    "preprocess",
]
