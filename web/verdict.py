"""How the web page words an answer's ranked chart types, in the bot's words (:mod:`classifier.wording`): the one
place the page's script (which gets them with the API's answer, ``?wording=1``) and the form without JavaScript
(:mod:`web.form`, which writes them into its page) take them from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from classifier.model import Prediction
from classifier.taxonomy import chart_types_by_id
from classifier.wording import NOT_A_CHART_TEXT, NOT_A_CHART_TITLE, NOT_SURE, Verdict, percent, verdict

#: Said before the top chart type when the model is sure of it (:data:`classifier.wording.NOT_SURE` when not).
SURE = "This looks like"
#: What the links shown for ``not_a_chart`` are about.
CHOOSING_A_CHART = "Choosing a chart"


def with_article(name: str) -> str:
    """``name`` after "a" or "an": "a bar chart", "an area chart"."""
    return f"{'an' if name.lower().startswith(tuple('aeiou')) else 'a'} {name}"


@dataclass(frozen=True)
class Wording:
    """An answer's words: the top chart type said as sure or not, what it is, each ranked type's percentage, and
    links on how to make one."""

    eyebrow: str  #: said before the title: :data:`SURE` or :data:`~classifier.wording.NOT_SURE`; "" for not_a_chart
    unsure: bool  #: whether the eyebrow is the not-sure line
    title: str  #: what the answer calls the top chart type
    description: str  #: what that type is (or what the image looks like, for not_a_chart)
    percents: list[str]  #: each ranked type's confidence as the bot writes it, in the answer's order
    links_title: str  #: what ``links`` are about
    links: list[dict[str, str]]  #: ``{title, url}`` of each link on the top type
    sentence: str  #: the whole answer in one sentence, as the page reads it out to screen readers

    def to_dict(self) -> dict[str, object]:
        """The wording as ``/api/classify?wording=1`` gives it."""
        return asdict(self)


def word(predictions: Sequence[Prediction], not_sure_below: float) -> Wording:
    """The words for ``predictions`` (at least one, best first), "not sure" under a top confidence of ``not_sure_below``."""
    top = predictions[0]
    chart_type = chart_types_by_id().get(top.label)
    shown = percent(top.confidence)
    said = verdict(top.label, top.confidence, not_sure_below)
    unsure = said is Verdict.NOT_SURE
    if said is Verdict.NOT_A_CHART:
        eyebrow, title, description, links_title = "", NOT_A_CHART_TITLE, NOT_A_CHART_TEXT, CHOOSING_A_CHART
        sentence = f"{NOT_A_CHART_TITLE} ({shown} sure)."
    else:
        eyebrow, title = (NOT_SURE if unsure else SURE), top.name
        description = chart_type.description if chart_type else ""
        links_title = f"How to make {with_article(top.name.lower())}"
        sentence = f"{NOT_SURE} {top.name}, {shown} sure." if unsure else f"{SURE} {with_article(top.name)}, {shown} sure."
    return Wording(
        eyebrow=eyebrow,
        unsure=unsure,
        title=title,
        description=description,
        percents=[percent(p.confidence) for p in predictions],
        links_title=links_title,
        links=[{"title": link.title, "url": link.url} for link in chart_type.links] if chart_type else [],
        sentence=sentence,
    )
