"""The JSON API: ``POST /api/classify``, ``GET /api/labels`` and ``GET /healthz``.

``/api/classify`` answers with the same JSON as ``whatplot classify --json``
(:meth:`classifier.answer.Answer.to_dict`), plus a ``preview`` of the image (``?preview=1``) and the page's
``wording`` of the answer (``?wording=1``, :mod:`web.verdict`) when asked; bad input gets a 4xx status with that
error JSON. :func:`answer_request` is the answering itself, and :func:`expect_body` the refusal of a request on
its head alone, which the form for browsers without JavaScript (:mod:`web.form`) shares.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import io
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from aiohttp import BodyPartReader, MultipartReader, StreamReader, hdrs, web
from aiohttp.helpers import parse_mimetype
from aiohttp.http_exceptions import BadHttpMessage, HttpProcessingError, LineTooLong
from aiohttp.web_urldispatcher import _default_expect_handler

from classifier import config
from classifier.answer import Answer
from classifier.byte_budget import ByteBudget, Take
from classifier.download import ImageDownloader, without_credentials
from classifier.errors import (
    DownloadError,
    DownloadTimeout,
    ImageError,
    ImageTooLarge,
    NotAnImage,
    UnsupportedFormat,
    URLRefused,
    WhatplotError,
)
from classifier.imaging import load_image
from classifier.model import ChartClassifier, Prediction
from classifier.taxonomy import load_taxonomy
from web.verdict import word

log = logging.getLogger(__name__)

CLASSIFIER = web.AppKey("classifier", ChartClassifier)
DOWNLOADER = web.AppKey("downloader", ImageDownloader)
EXECUTOR = web.AppKey("executor", Executor)
LABELS_JSON = web.AppKey("labels_json", str)
UPLOAD_TIMEOUT = web.AppKey("upload_timeout", float)
REQUEST_SLOTS = web.AppKey("request_slots", asyncio.Semaphore)
UPLOAD_BUDGET = web.AppKey("upload_budget", ByteBudget)
NOT_SURE_BELOW = web.AppKey("not_sure_below", float)

#: Multipart framing (boundaries, part headers) allowed on top of the image itself.
MULTIPART_OVERHEAD = 64 * 1024
#: Fields of a form read in search of the "image" one (the page sends only that one): each costs the
#: event loop time to parse, so a form of thousands of tiny fields is refused, not parsed.
MAX_FORM_PARTS = 32
#: Bytes a form may have before its first part (its preamble, which browsers and curl leave empty): aiohttp
#: reads it a line at a time on the event loop, where 20 MB of empty lines took 25 seconds.
MAX_FORM_PREAMBLE_BYTES = 1024
#: Largest JSON body (``{"url": ...}``) accepted.
MAX_JSON_BYTES = 16 * 1024
#: Longest side of the preview ``?preview=1`` adds: the page shows a link's image from it, never from the link.
PREVIEW_SIDE = 640
#: Seconds a client has to send its whole request body; a trickled upload is cut off after that.
UPLOAD_TIMEOUT_S = 60.0
#: Classify requests handled at once (being received, waiting for or in inference): each may hold
#: an image of up to 25 MB, so one more is answered 503 at once, its body unread.
MAX_PENDING_REQUESTS = 32
#: Bytes of uploaded images held at once across those requests (see :mod:`classifier.byte_budget`): an upload that would
#: pass it is answered 503 at once, the rest of its body unread: five uploads at the 25 MB limit, or hundreds of
#: screenshots.
MAX_UPLOAD_BYTES_IN_HAND = 128 * 2**20
#: Seconds a client told the server is busy is asked to wait (the ``Retry-After`` header).
RETRY_AFTER_S = 2

#: ``Answer.input`` of a request refused before any of its body was read.
UNREAD_INPUT = "request"
_SERVER_ERROR = "Something went wrong on the server; please try again."
_HOW_TO_SEND = 'Send an image as the multipart field "image", as the raw request body, or as JSON {"url": "https://..."}.'


class BadRequest(WhatplotError):
    """The request itself is malformed: no image in it, bad JSON, a bad parameter."""

    kind = "bad_request"


class RequestTimeout(WhatplotError):
    """The client took longer than the upload timeout to send its request body."""

    kind = "request_timeout"


class ServerBusy(WhatplotError):
    """As many requests as the server takes at once are already in hand."""

    kind = "busy"

    def __init__(self) -> None:
        super().__init__(f"The server is naming a lot of charts right now; try again in {RETRY_AFTER_S} seconds.")


#: HTTP status of each error, most specific first; anything else is a 500.
_STATUS: tuple[tuple[type[WhatplotError], int], ...] = (
    (BadRequest, 400),
    (RequestTimeout, 408),
    (ImageTooLarge, 413),
    (NotAnImage, 415),
    (UnsupportedFormat, 415),
    (ImageError, 422),
    (URLRefused, 400),
    (DownloadTimeout, 504),
    (DownloadError, 502),
    (ServerBusy, 503),
)


def status_for(error: WhatplotError) -> int:
    """The HTTP status that answers ``error``."""
    return next((status for kind, status in _STATUS if isinstance(error, kind)), 500)


def status_and_headers(answer: Answer) -> tuple[int, dict[str, str] | None]:
    """The HTTP status that answers ``answer`` (its error's, or 200), and the headers it needs: ``Retry-After``
    when the server is busy."""
    if answer.error is None:
        return 200, None
    headers = {"Retry-After": str(RETRY_AFTER_S)} if isinstance(answer.error, ServerBusy) else None
    return status_for(answer.error), headers


#: Answers a classify request: ``(request, answer, preview)`` to the response (the API's JSON, the form's page).
Responder = Callable[[web.Request, Answer, str | None], web.Response]


def respond(request: web.Request, answer: Answer, preview: str | None = None) -> web.Response:
    """``answer`` as a JSON response, with its HTTP status and headers, and, when it has predictions, ``preview``
    (a data URL) when there is one and the page's wording of it when the request asks (``?wording=1``)."""
    status, headers = status_and_headers(answer)
    body = answer.to_dict()
    if answer.error is None:
        if preview is not None:
            body["preview"] = preview
        if _wants(request, "wording"):  # checked with the request's head: an answer without an error passed
            body["wording"] = word(answer.predictions or [], request.app[NOT_SURE_BELOW]).to_dict()
    return web.json_response(body, status=status, headers=headers, dumps=functools.partial(json.dumps, ensure_ascii=False))


def _preview(data: bytes) -> str:
    """A small WebP of the image in ``data`` (one :func:`ChartClassifier.predict` took), as a data URL: made from
    its decoded pixels, so that what a browser renders is a plain picture, whatever the bytes were."""
    image = load_image(data, min_side=PREVIEW_SIDE)
    image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE))
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=80)
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


async def _read_capped(
    chunks: AsyncIterator[bytes], limit: int, too_large: Callable[[], WhatplotError], take: Take | None = None
) -> bytes:
    """Join ``chunks``, raising ``too_large()`` as soon as they exceed ``limit`` bytes; ``take`` is told of each
    chunk's bytes as it comes (a :class:`ByteBudget`'s, which may refuse them)."""
    body = bytearray()
    async for chunk in chunks:
        if take is not None:
            take(len(chunk))
        body.extend(chunk)
        if len(body) > limit:
            raise too_large()
    return bytes(body)


def _image_too_large() -> ImageTooLarge:
    return ImageTooLarge(f"The image is bigger than the {config.megabytes(config.MAX_IMAGE_BYTES)} MB limit.")


class _FormBody:
    """A form's request body as aiohttp's multipart reader reads it, with its preamble (what comes before the
    first boundary) cut off past :data:`MAX_FORM_PREAMBLE_BYTES`; everything else is the body's own.

    A wrapper, as the reader takes any stream: aiohttp has no setting for this, and the other ways to it are a
    private method of the reader (``_read_until_first_boundary``) or handing read lines back to the stream
    (``unread_data``, deprecated)."""

    def __init__(self, content: StreamReader, boundary: str) -> None:
        self._content = content
        self._boundary = b"--" + boundary.encode()
        self._preamble: int | None = 0  #: bytes of it read so far; None once it has ended

    def __getattr__(self, name: str) -> Any:  # read(), at_eof()...
        return getattr(self._content, name)

    async def readline(self, *, max_line_length: int | None = None) -> bytes:
        if self._preamble is None:
            return await self._content.readline(max_line_length=max_line_length)
        try:  # room for the rest of the preamble, or the boundary's line
            line = await self._content.readline(max_line_length=MAX_FORM_PREAMBLE_BYTES - self._preamble + len(self._boundary) + 4)
        except LineTooLong:
            raise self._too_long() from None
        if line.rstrip() in (self._boundary, self._boundary + b"--"):
            self._preamble = None
            return line
        self._preamble += len(line) or 1  # b"", the body's end, counts too: else the reader says the boundary is missing
        if self._preamble > MAX_FORM_PREAMBLE_BYTES:
            raise self._too_long()
        return line

    @staticmethod
    def _too_long() -> BadRequest:
        return BadRequest(
            f"The multipart form has over {MAX_FORM_PREAMBLE_BYTES // 1024} KB before its first part, or its boundary "
            f"isn't the one its Content-Type names. {_HOW_TO_SEND}"
        )


async def _part_chunks(part: BodyPartReader) -> AsyncIterator[bytes]:
    while chunk := await part.read_chunk():
        yield chunk


async def _read_multipart(request: web.Request, answer: Answer, take: Take) -> bytes:
    """The body of the first part named "image", if one of the first :data:`MAX_FORM_PARTS` is; its file
    name (or "image") becomes ``answer.input``. The parts before it are skipped, but not past the size limit."""
    limit = config.MAX_IMAGE_BYTES + MULTIPART_OVERHEAD
    try:
        boundary = parse_mimetype(request.headers[hdrs.CONTENT_TYPE]).parameters.get("boundary", "")
        # as request.multipart() makes it, reading through _FormBody (less the size limit of part.read(), not used here)
        parts = MultipartReader(
            request.headers,
            _FormBody(request.content, boundary),  # type: ignore[arg-type]
            max_field_size=request.protocol.max_field_size,
            max_headers=request.protocol.max_headers,
        )
        for _ in range(MAX_FORM_PARTS):
            part = await parts.next()
            if part is None:
                raise BadRequest(f'The form has no "image" field. {_HOW_TO_SEND}')
            if not isinstance(part, BodyPartReader):
                raise BadRequest(f"Nested multipart forms aren't supported. {_HOW_TO_SEND}")
            if part.name == "image":
                answer.input = part.filename or "image"
                return await _read_capped(_part_chunks(part), config.MAX_IMAGE_BYTES, _image_too_large, take)
            async for _ in _part_chunks(part):  # a chunked body has no Content-Length to check up front
                if request.content.total_bytes > limit:
                    raise _image_too_large()
    except (ValueError, RuntimeError) as exc:  # aiohttp's words for a broken multipart body (Runtime: its _charset_ part)
        raise BadRequest(f"The multipart form is malformed ({exc}). {_HOW_TO_SEND}") from exc
    except BadHttpMessage as exc:  # aiohttp reading a part's headers, or a line past its limit
        raise BadRequest(
            f'The multipart form is malformed: a part has over 128 headers, a header that isn\'t "Name: value", '
            f"or a line over 8 KB. {_HOW_TO_SEND}"
        ) from exc
    raise BadRequest(f'The form has no "image" field among its first {MAX_FORM_PARTS}. {_HOW_TO_SEND}')


async def _read_url(request: web.Request) -> str:
    """The link of a ``{"url": ...}`` JSON body."""
    too_big = functools.partial(BadRequest, f"The JSON body is bigger than {MAX_JSON_BYTES // 1024} KB.")
    raw = await _read_capped(request.content.iter_chunked(4096), MAX_JSON_BYTES, too_big)
    try:
        payload = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: nested thousands deep
        raise BadRequest(f"The body is not valid JSON. {_HOW_TO_SEND}") from exc
    if not isinstance(payload, dict):
        raise BadRequest(f'The JSON must be an object, {{"url": "https://..."}}. {_HOW_TO_SEND}')
    url = payload.get("url")
    if url is not None and not isinstance(url, str):
        raise BadRequest('The JSON\'s "url" must be a string, the link to an image.')
    if not url or not url.strip():
        raise BadRequest(f'The JSON has no "url". {_HOW_TO_SEND}')
    return url.strip()


def _query_value(request: web.Request, name: str, default: str) -> str:
    """The query parameter ``name`` (``default`` when absent); given twice, which one is meant is unclear."""
    values = request.query.getall(name, [default])
    if len(values) > 1:
        raise BadRequest(f"{name} is given {len(values)} times; give it once.")
    return values[0]


def _top_k(request: web.Request, classifier: ChartClassifier) -> int:
    """The request's ``top_k`` query parameter (default :data:`classifier.config.DEFAULT_TOP_K`), checked: ASCII
    digits only, as ``int()`` would also take " 5", "+5", "1_0" and other scripts' digits."""
    value = _query_value(request, "top_k", str(config.DEFAULT_TOP_K))
    top_k = int(value) if value.isascii() and value.isdigit() else 0
    if not 1 <= top_k <= len(classifier.labels):
        raise BadRequest(f"top_k must be a whole number from 1 to {len(classifier.labels)}.")
    return top_k


def _wants(request: web.Request, name: str) -> bool:
    """The request's query parameter ``name`` (``preview``, ``wording``): 1 for that in the answer, 0 (the default) for none."""
    value = _query_value(request, name, "0")
    if value not in ("0", "1"):
        raise BadRequest(f"{name} must be 0 or 1.")
    return value == "1"


def _check_head(request: web.Request) -> tuple[int, bool]:
    """Check a classify request on its head alone, before any of its body is read; returns its ``top_k``
    and whether it wants a preview (whether it wants the wording is checked too, and read by :func:`respond`).

    Raises:
        ServerBusy: as many requests as the server takes are in hand.
        BadRequest: a bad ``top_k``, ``preview`` or ``wording``.
        ImageTooLarge: the body says it is bigger than the limit.
    """
    if request.app[REQUEST_SLOTS].locked():
        raise ServerBusy()
    top_k, wants_preview = _top_k(request, request.app[CLASSIFIER]), _wants(request, "preview")
    _wants(request, "wording")  # read by respond(), once there is an answer to word
    overhead = MULTIPART_OVERHEAD if request.content_type.startswith("multipart/") else 0
    if request.content_length is not None and request.content_length > config.MAX_IMAGE_BYTES + overhead:
        raise _image_too_large()
    return top_k, wants_preview


async def expect_body(request: web.Request, responder: Responder = respond) -> web.StreamResponse | None:
    """A classify request's answer to ``Expect: 100-continue``: one refused on its head alone is answered at once
    (by ``responder``: the API's JSON unless told), so that the client never sends its body (curl asks so before a
    large upload)."""
    try:
        _check_head(request)
    except WhatplotError as exc:
        return responder(request, Answer(UNREAD_INPUT, error=exc), None)
    await _default_expect_handler(request)  # "100 Continue": send the body
    return None  # and the request goes on to classify()


@contextlib.asynccontextmanager
async def _receiving_body(request: web.Request) -> AsyncIterator[None]:
    """Guards the reads of the request body in the block: they must end within the app's upload
    timeout, and a body aiohttp can't decode, or a client that hangs up, is the client's error."""
    timeout = request.app[UPLOAD_TIMEOUT]
    try:
        async with asyncio.timeout(timeout):
            yield
    except TimeoutError as exc:
        raise RequestTimeout(f"The upload took longer than {timeout:g} seconds; please try again on a faster connection.") from exc
    except (HttpProcessingError, web.RequestPayloadError) as exc:  # bad chunking or Content-Encoding
        raise BadRequest(f"The request body can't be read: it is truncated, or its encoding or framing is broken. {_HOW_TO_SEND}") from exc
    except ConnectionResetError as exc:  # nobody reads the answer; this keeps the log free of tracebacks
        raise BadRequest("The client closed the connection before the upload ended.") from exc


async def _image_from_request(request: web.Request, answer: Answer, take: Take) -> bytes:
    """The image bytes a classify request carries, in whichever form, each uploaded byte told to ``take`` as it comes
    (see :class:`ByteBudget`); names ``answer.input`` on the way."""
    async with _receiving_body(request):
        if request.content_type.startswith("multipart/"):
            return await _read_multipart(request, answer, take)
        if request.content_type == "application/json":
            answer.input = await _read_url(request)
        else:
            answer.input = "body"
            chunks = request.content.iter_chunked(64 * 1024)
            data = await _read_capped(chunks, config.MAX_IMAGE_BYTES, _image_too_large, take)
            if not data:
                raise BadRequest(f"The request is empty. {_HOW_TO_SEND}")
            return data
    # Only a JSON body gets here; the download has its own timeouts, and its bytes are held like an upload's.
    return await request.app[DOWNLOADER].fetch(answer.input, take)


async def _predict(
    request: web.Request, data: bytes, top_k: int, wants_preview: bool
) -> tuple[list[Prediction], str | None]:
    """Rank the chart types of ``data`` in the inference threads, and make its preview if ``wants_preview``.

    curl's ``--data-binary`` labels a raw image as a URL-encoded form, so such a body is classified
    like any raw body; only when it isn't an image is it answered as the form it claims to be.
    """
    classifier = request.app[CLASSIFIER]

    def predict() -> tuple[list[Prediction], str | None]:
        predictions = classifier.predict(data, top_k=top_k)
        return predictions, _preview(data) if wants_preview else None

    try:
        return await asyncio.get_running_loop().run_in_executor(request.app[EXECUTOR], predict)
    except NotAnImage as exc:
        if request.content_type != "application/x-www-form-urlencoded":
            raise
        raise BadRequest(
            "A URL-encoded form can't carry an image (with curl, use -F image=@file or --data-binary @file, "
            f"or -H 'Content-Type: application/json' to send a link). {_HOW_TO_SEND}"
        ) from exc


async def answer_request(request: web.Request) -> tuple[Answer, str | None]:
    """Rank the chart types of the one image a classify request carries, in any of its forms, and make its preview
    (a data URL) if the request asks for one (``?preview=1``); never raises: a failure is the answer's error."""
    answer, preview = Answer(UNREAD_INPUT), None
    try:
        top_k, wants_preview = _check_head(request)
        async with request.app[REQUEST_SLOTS]:  # taken before any await: the check above still holds
            with request.app[UPLOAD_BUDGET].holding(ServerBusy) as take:
                data = await _image_from_request(request, answer, take)
                answer.predictions, preview = await _predict(request, data, top_k, wants_preview)
    except WhatplotError as exc:
        # Without its traceback: that holds this frame, which holds the answer, which would hold the error, a cycle
        # that kept each failed upload's bytes (25 MB, say) until Python's rare full collection.
        answer.error = exc.with_traceback(None)
    except Exception:  # noqa: BLE001 - the client gets an answer in its contract, the log gets the details
        log.exception("classifying %s failed", without_credentials(answer.input))
        answer.error = WhatplotError(_SERVER_ERROR)
    return answer, preview


async def classify(request: web.Request) -> web.Response:
    """``POST /api/classify[?top_k=3][&preview=1][&wording=1]``: rank the chart types of one image (and send a
    preview of it, and the page's wording of the answer)."""
    return respond(request, *await answer_request(request))


#: The paths whose errors are JSON: the API's (``/api`` itself too) and the health check's.
_API_PATHS = ("/api/", "/healthz")


def _is_api_path(path: str) -> bool:
    return path == "/api" or path.startswith(_API_PATHS)


@web.middleware
async def json_errors(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
    """Answers the API's paths with the error JSON whatever goes wrong, aiohttp's own 404 and 405
    (with their ``Allow``) included, where it would answer in plain text."""
    if not _is_api_path(request.path):
        return await handler(request)
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        kind = exc.reason.lower().replace(" ", "_")  # not_found, method_not_allowed
        message = f"{exc.status} {exc.reason}: the API is POST /api/classify, GET /api/labels and GET /healthz."
        headers = {"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else None
        return web.json_response({"error": {"type": kind, "message": message}}, status=exc.status, headers=headers)
    except Exception:  # noqa: BLE001 - the client gets the JSON contract, the log gets the details
        log.exception("answering %s %s failed", request.method, request.path)
        return web.json_response({"error": {"type": WhatplotError.kind, "message": _SERVER_ERROR}}, status=500)


def labels_json(gallery_dir: Path, gallery_url: str, not_sure_below: float) -> str:
    """The ``/api/labels`` document: every chart type (``example`` is set where ``gallery_dir`` has
    one), the upload size limit, and the top confidence under which an answer is worded "I'm not sure"."""
    entries = []
    for chart in load_taxonomy():
        example = gallery_dir / f"{chart.id}.webp"
        entries.append(
            {
                "id": chart.id,
                "name": chart.name,
                "looks_like": chart.looks_like,
                "description": chart.description,
                "links": [{"title": link.title, "url": link.url} for link in chart.links],
                "example": f"{gallery_url}/{example.name}" if example.is_file() else None,
            }
        )
    document = {"labels": entries, "max_image_bytes": config.MAX_IMAGE_BYTES, "not_sure_below": not_sure_below}
    return json.dumps(document, ensure_ascii=False)


async def labels(request: web.Request) -> web.Response:
    """``GET /api/labels``: the 40 chart types with descriptions, links and an example image, and the page's settings."""
    return web.Response(text=request.app[LABELS_JSON], content_type="application/json")


async def healthz(request: web.Request) -> web.Response:
    """``GET /healthz``: 200 once the model is loaded and the server answers."""
    return web.json_response({"status": "ok", "labels": len(request.app[CLASSIFIER].labels)})
