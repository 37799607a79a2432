"""The form for browsers without JavaScript: ``POST /classify`` takes what ``/api/classify`` takes and answers with
the page itself (``static/index.html``) showing the answer, in the words the page's script shows
(:mod:`web.verdict`), and a link back to the form.

Everything a request can put on the page (a file name, an error's words, which may quote a link) is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from typing import NoReturn

from aiohttp import web

from classifier.answer import Answer, printable
from web import api
from web.verdict import Wording, word


@dataclass(frozen=True)
class AnswerPage:
    """The page (``index.html``) made into the form's answer page: ``template`` is a :meth:`str.format` string of it
    with its ``{title}`` and its result section (``{result}``) to fill in; ``error_title`` is what the page says
    above an error."""

    template: str
    error_title: str

    @classmethod
    def from_index(cls, index_html: str) -> AnswerPage:
        """The answer page made from ``index_html``: it has no script (nor the templates the script fills), so what
        only the script runs (the drop zone, the link field, the gallery) steps aside as it does without JavaScript,
        and it opens on its answer, put in place of all from the comment ``<!-- result …-->`` to ``<!-- /result -->``
        (which hold the page's ``<section id="result">`` and nothing else).

        Raises:
            ValueError: ``index_html`` lacks one of the parts this fills in or changes, or has one twice.
        """
        template = re.sub(r"\n[ \t]*<template\b.*?</template>", "", index_html, flags=re.DOTALL)
        template = template.replace("{", "{{").replace("}", "}}")
        for pattern, replacement in (
            (r"<title>[^<]*</title>", "<title>{title} · whatplot</title>"),
            (r'<noscript>\s*(<link rel="stylesheet" href="static/noscript\.css">)\s*</noscript>', r"\1"),
            (r'\n[ \t]*<script\b[^>]*\ssrc="static/app\.js"[^>]*>\s*</script>', ""),
            (r"<body\b([^>]*)>", _with_class_has_result),
            # All between the markers, which hold the #result section and nothing else: a section nested in it, or
            # any other edit inside it, can't leave a part of it (what only the script fills in) on the answer page.
            (r'<!--\s*result\b.*?-->\s*<section\b[^>]*\sid="result"[^>]*>.*?</section>\s*<!--\s*/result\s*-->', "{result}"),
        ):
            template, found = re.subn(pattern, replacement, template, flags=re.DOTALL)
            if found != 1:
                raise ValueError(f"index.html has {found} matches of {pattern!r}, where the answer page needs one")
        if re.search(r"<!--\s*/?result\b", template):
            raise ValueError("index.html has a <!-- result --> or <!-- /result --> marker besides the pair around its #result")
        error_title = re.search(r'<div id="error"[^>]*>\s*<strong>([^<]+)</strong>', index_html)
        if error_title is None:
            raise ValueError("index.html has no error title (<strong> in its #error)")
        return cls(template, unescape(error_title[1]))


def _with_class_has_result(body: re.Match[str]) -> str:
    """The page's ``<body>`` tag (``body``, its attributes in group 1) with the class ``has-result`` added."""
    attributes = body[1]
    if re.search(r'\sclass="', attributes) is None:
        return f'<body class="has-result"{attributes}>'
    with_it = re.sub(r'\sclass="([^"]*)"', lambda c: f' class="{" ".join([*c[1].split(), "has-result"])}"', attributes, count=1)
    return f"<body{with_it}>"


#: The app's :class:`AnswerPage`, made at start-up.
ANSWER_PAGE = web.AppKey("answer_page", AnswerPage)

_RESULT = """<section id="answer" class="result card{no_preview}">
      <figure class="preview">
        {image}{caption}
      </figure>
      <div class="answer">
        {answer}
        <a class="secondary" href="./">Try another image</a>
      </div>
    </section>"""


def _error(title: str, message: str) -> str:
    return f'<div class="error" role="alert"><strong>{escape(title)}</strong> <span>{escape(message)}</span></div>'


def _verdict(answer: Answer, wording: Wording) -> str:
    """The top chart type, said as sure or not, what it is, every ranked type, and links on how to make one."""
    eyebrow = f'<p class="eyebrow{" unsure" if wording.unsure else ""}">{escape(wording.eyebrow)}</p>' if wording.eyebrow else ""
    head = f'{eyebrow}<h2 class="top-name">{escape(wording.title)}</h2>\n<p class="description">{escape(wording.description)}</p>'
    rows = "".join(
        f'<li class="prediction"><div class="prediction-head"><span class="prediction-name">{escape(p.name)}</span>'
        f'<span class="prediction-value">{escape(shown)}</span></div></li>'
        for p, shown in zip(answer.predictions or [], wording.percents)
    )
    links = ""
    if wording.links:
        chips = "".join(
            f'<a href="{escape(link["url"])}" target="_blank" rel="noopener noreferrer">{escape(link["title"])}</a>' for link in wording.links
        )
        links = f'<div class="links"><p class="links-title">{escape(wording.links_title)}</p>{chips}</div>'
    return f'{head}\n<ol class="predictions">{rows}</ol>\n{links}'


def render(page: AnswerPage, answer: Answer, preview: str | None, *, not_sure_below: float) -> str:
    """``page`` showing ``answer``: its error, or its ranked chart types worded as sure or not (under
    ``not_sure_below``), beside ``preview`` (a data URL of the image) when there is one."""
    if answer.error is not None:
        title, body = page.error_title.rstrip("."), _error(page.error_title, printable(answer.error.message))
    else:
        wording = word(answer.predictions or [], not_sure_below)  # an answer without an error has predictions
        title, body = wording.title, _verdict(answer, wording)
    image = f'<img src="{escape(preview)}" alt="The image you sent">\n        ' if preview else ""
    name = escape(printable(answer.input))
    caption = "" if answer.input == api.UNREAD_INPUT else f'<figcaption title="{name}">{name}</figcaption>'
    result = _RESULT.format(no_preview="" if preview else " no-preview", image=image, caption=caption, answer=body)
    return page.template.format(title=escape(title), result=result)


def respond(request: web.Request, answer: Answer, preview: str | None = None) -> web.Response:
    """``answer`` as the answer page, with the API's HTTP status and headers."""
    status, headers = api.status_and_headers(answer)
    page = render(request.app[ANSWER_PAGE], answer, preview, not_sure_below=request.app[api.NOT_SURE_BELOW])
    return web.Response(text=page, content_type="text/html", status=status, headers=headers)


async def classify(request: web.Request) -> web.Response:
    """``POST /classify[?top_k=3][&preview=1]``: the no-JavaScript form's answer, as a page, with the API's status."""
    return respond(request, *await api.answer_request(request))


async def expect_body(request: web.Request) -> web.StreamResponse | None:
    """``POST /classify``'s answer to ``Expect: 100-continue``: the API's (:func:`web.api.expect_body`), as a page."""
    return await api.expect_body(request, respond)


async def back_to_the_form(request: web.Request) -> NoReturn:
    """``GET /classify`` (the answer page's address typed or bookmarked): the answer isn't kept, so the form."""
    raise web.HTTPSeeOther("./")  # relative: the page may sit under a proxy's path
