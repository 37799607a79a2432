"""The form for browsers without JavaScript: ``POST /classify`` takes what ``/api/classify`` takes and answers with
a page of its own, in the words the page's script uses (``static/app.js``), and a link back to the form.

Everything a request can put on the page (a file name, an error's words, which may quote a link) is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import NoReturn

from aiohttp import web

from classifier.answer import Answer, printable
from classifier.model import Prediction
from classifier.taxonomy import NOT_A_CHART, chart_types_by_id
from classifier.wording import NOT_A_CHART_TEXT, NOT_A_CHART_TITLE, NOT_SURE, percent
from web import api

# The page's words (static/app.js), besides the bot's (classifier.wording).
SURE = "This looks like"
ERROR_TITLE = "Couldn't classify that."

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>{title} · whatplot</title>
  <link rel="icon" href="static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="static/style.css">
</head>
<body class="has-result">
  <header class="topbar">
    <a class="brand" href="./">
      <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true"><rect x="4" y="16" width="5" height="12" rx="1.5"/><rect x="13.5" y="9" width="5" height="19" rx="1.5"/><rect x="23" y="4" width="5" height="24" rx="1.5"/></svg>
      whatplot
    </a>
  </header>
  <main>
    <section class="hero"><h1>What chart is this?</h1></section>
    <section class="result card{result_class}">
      <figure class="preview">
        {image}{caption}
      </figure>
      <div class="answer">
        {answer}
        <a class="secondary" href="./">Try another image</a>
      </div>
    </section>
  </main>
</body>
</html>
"""


def with_article(name: str) -> str:
    """``name`` after "a" or "an": "a bar chart", "an area chart"."""
    return f"{'an' if name.lower().startswith(tuple('aeiou')) else 'a'} {name}"


def _error(message: str) -> str:
    return f'<div class="error" role="alert"><strong>{ERROR_TITLE}</strong> <span>{escape(message)}</span></div>'


def _title(top: Prediction) -> str:
    """What the answer calls the top chart type."""
    return NOT_A_CHART_TITLE if top.label == NOT_A_CHART else top.name


def _verdict(predictions: Sequence[Prediction], not_sure_below: float) -> str:
    """The top chart type, said as sure or not, what it is, every ranked type, and links on how to make one."""
    top = predictions[0]
    chart_type = chart_types_by_id().get(top.label)
    if top.label == NOT_A_CHART:
        eyebrow, description, links_title = "", NOT_A_CHART_TEXT, "Choosing a chart"
    else:
        unsure = top.confidence < not_sure_below
        eyebrow = f'<p class="eyebrow unsure">{NOT_SURE}</p>' if unsure else f'<p class="eyebrow">{SURE}</p>'
        description = chart_type.description if chart_type else ""
        links_title = f"How to make {with_article(top.name.lower())}"
    head = f'{eyebrow}<h2 class="top-name">{escape(_title(top))}</h2>\n<p class="description">{escape(description)}</p>'
    rows = "".join(
        f'<li class="prediction"><div class="prediction-head"><span class="prediction-name">{escape(p.name)}</span>'
        f'<span class="prediction-value">{escape(percent(p.confidence))}</span></div></li>'
        for p in predictions
    )
    links = ""
    if chart_type and chart_type.links:
        chips = "".join(
            f'<a href="{escape(link.url)}" target="_blank" rel="noopener noreferrer">{escape(link.title)}</a>' for link in chart_type.links
        )
        links = f'<div class="links"><p class="links-title">{escape(links_title)}</p>{chips}</div>'
    return f'{head}\n<ol class="predictions">{rows}</ol>\n{links}'


def render(answer: Answer, preview: str | None, *, not_sure_below: float) -> str:
    """The answer page for ``answer``: its error, or its ranked chart types worded as sure or not (under
    ``not_sure_below``), beside ``preview`` (a data URL of the image) when there is one."""
    if answer.error is not None:
        title, body = ERROR_TITLE.rstrip("."), _error(printable(answer.error.message))
    else:
        predictions = answer.predictions or []  # an answer without an error has them
        title, body = _title(predictions[0]), _verdict(predictions, not_sure_below)
    image = f'<img src="{escape(preview)}" alt="The image you sent">\n        ' if preview else ""
    name = escape(printable(answer.input))
    caption = "" if answer.input == api.UNREAD_INPUT else f'<figcaption title="{name}">{name}</figcaption>'
    return _PAGE.format(title=escape(title), result_class="" if preview else " no-preview", image=image, caption=caption, answer=body)


async def classify(request: web.Request) -> web.Response:
    """``POST /classify[?top_k=3][&preview=1]``: the no-JavaScript form's answer, as a page, with the API's status."""
    answer, preview = await api.answer_request(request)
    status, headers = api.status_and_headers(answer)
    page = render(answer, preview, not_sure_below=request.app[api.NOT_SURE_BELOW])
    return web.Response(text=page, content_type="text/html", status=status, headers=headers)


async def back_to_the_form(request: web.Request) -> NoReturn:
    """``GET /classify`` (the answer page's address typed or bookmarked): the answer isn't kept, so the form."""
    raise web.HTTPSeeOther("./")  # relative: the page may sit under a proxy's path
