"""The words an answer is said in, the same in the bot, on the web page and on its form without JavaScript: how a
confidence is written, and what is said when the model is not sure, or sees no chart."""

from __future__ import annotations

import enum

from classifier.taxonomy import NOT_A_CHART

#: Said before the top chart type when its confidence is under the "not sure" threshold
#: (:data:`classifier.config.NOT_SURE_BELOW` unless set).
NOT_SURE = "I'm not sure. My best guess:"
#: The answer's title where the top label is ``not_a_chart``, and what it says of the image.
NOT_A_CHART_TITLE = "That doesn't look like a chart"
NOT_A_CHART_TEXT = "It looks more like a photo, a screenshot, a table or a diagram than plotted data."


class Verdict(enum.Enum):
    """What an answer says of its top label: the three ways the bot and the web page word it."""

    NOT_A_CHART = "not_a_chart"  #: the top label is ``not_a_chart``, however sure
    NOT_SURE = "not_sure"  #: a chart type, under the "not sure" threshold
    SURE = "sure"  #: a chart type, at or above it


def verdict(label: str, confidence: float, not_sure_below: float) -> Verdict:
    """How an answer whose top label is ``label``, at ``confidence``, is worded under the threshold ``not_sure_below``."""
    if label == NOT_A_CHART:
        return Verdict.NOT_A_CHART
    return Verdict.NOT_SURE if confidence < not_sure_below else Verdict.SURE


def percent(confidence: float) -> str:
    """A confidence as a whole percentage; "<1%" rather than a misleading "0%", and ">99%" rather than
    "100%" for a guess that isn't certain."""
    shown = round(confidence * 100)
    if shown == 0:
        return "<1%"
    return ">99%" if shown == 100 and confidence < 1 else f"{shown}%"
