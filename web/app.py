"""The aiohttp application: the page, its static files, the JSON API and the form for browsers without
JavaScript, wired together."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from aiohttp import web

from classifier import config
from classifier.byte_budget import ByteBudget
from classifier.download import ImageDownloader
from classifier.model import ChartClassifier
from web import api, form

STATIC_DIR = Path(__file__).resolve().parent / "static"
GALLERY_DIR = STATIC_DIR / "gallery"
GALLERY_URL = "/static/gallery"
#: The page runs only its own files (no CDN, no inline script) and shows only its own images: a link's
#: preview is the server's picture of what it fetched (a data: URL), so the linked host never sees a visitor.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # frame-ancestors' word for browsers that predate it
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # other sites may neither load these answers as their own resources nor keep a handle on this window
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    # The page and its files are revalidated (their ETag makes that cheap), so an upgrade never pairs
    # a new page with an old app.js; gallery images set their own, longer lifetime.
    "Cache-Control": "no-cache",
}


async def _index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC_DIR / "index.html")


async def _gallery_image(request: web.Request) -> web.FileResponse:
    """A gallery image, with its type set here: Python 3.11's own tables don't know WebP."""
    name = request.match_info["name"]
    path = GALLERY_DIR / name
    if not re.fullmatch(r"[a-z0-9_]+\.webp", name) or not path.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers={"Content-Type": "image/webp", "Cache-Control": "public, max-age=86400"})


async def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Adds the headers every response carries, and names the server without its versions."""
    for name, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers["Server"] = "whatplot"


@web.middleware
async def _close_after_a_broken_body(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Closes the connection after answering a request whose body aiohttp couldn't decode (its chunking or
    Content-Encoding): where the body ends is lost, and aiohttp would otherwise read on to keep the connection, meet
    the same error, log a traceback and drop the connection under the client's next request."""
    response = await handler(request)
    if request.content.exception() is not None:
        request.content.feed_eof()  # nothing more of it is read
        response.force_close()
    return response


def create_app(
    classifier: ChartClassifier | None = None,
    downloader_factory: Callable[[], ImageDownloader] = ImageDownloader,
    *,
    inference_threads: int = 2,
    upload_timeout: float = api.UPLOAD_TIMEOUT_S,
    max_pending_requests: int = api.MAX_PENDING_REQUESTS,
    max_upload_bytes_in_hand: int = api.MAX_UPLOAD_BYTES_IN_HAND,
    not_sure_below: float = config.NOT_SURE_BELOW,
) -> web.Application:
    """Build the web app.

    Args:
        classifier: the classifier to serve; ``None`` loads the shipped models at startup.
        downloader_factory: makes the guarded downloader for ``{"url": ...}`` requests; it is
            called inside the running event loop at startup and closed at cleanup.
        inference_threads: how many images are decoded and classified at once.
        upload_timeout: seconds a client has to send its whole request body.
        max_pending_requests: classify requests in hand at once; one more is answered 503 ``busy``.
        max_upload_bytes_in_hand: bytes of uploaded images held at once across those requests; an upload that would
            pass it is answered 503 ``busy``.
        not_sure_below: top confidence under which the page words its answer "I'm not sure" (the bot's
            ``WHATPLOT_NOT_SURE_BELOW``); the server words the answers (:mod:`web.verdict`), and ``/api/labels``
            gives it too.
    """
    app = web.Application(middlewares=[_close_after_a_broken_body, api.json_errors])
    app[api.LABELS_JSON] = api.labels_json(GALLERY_DIR, GALLERY_URL, not_sure_below)
    app[api.NOT_SURE_BELOW] = not_sure_below
    app[form.ANSWER_PAGE] = form.AnswerPage.from_index((STATIC_DIR / "index.html").read_text(encoding="utf-8"))
    app[api.UPLOAD_TIMEOUT] = upload_timeout
    app[api.REQUEST_SLOTS] = asyncio.Semaphore(max_pending_requests)
    app[api.UPLOAD_BUDGET] = ByteBudget(max_upload_bytes_in_hand)

    async def resources(app: web.Application) -> AsyncIterator[None]:
        """The inference threads, the classifier and the downloader, for as long as the app runs."""
        executor = ThreadPoolExecutor(max_workers=inference_threads, thread_name_prefix="whatplot-web")
        app[api.EXECUTOR] = executor
        if classifier is None:
            app[api.CLASSIFIER] = await asyncio.get_running_loop().run_in_executor(executor, ChartClassifier.load)
        else:
            app[api.CLASSIFIER] = classifier
        app[api.DOWNLOADER] = downloader_factory()
        try:
            yield
        finally:
            await app[api.DOWNLOADER].close()
            executor.shutdown(wait=False, cancel_futures=True)

    app.cleanup_ctx.append(resources)
    app.on_response_prepare.append(_add_security_headers)
    app.router.add_get("/", _index)
    app.router.add_post("/api/classify", api.classify, expect_handler=api.expect_body)
    app.router.add_post("/classify", form.classify, expect_handler=form.expect_body)
    app.router.add_get("/classify", form.back_to_the_form)
    app.router.add_get("/api/labels", api.labels)
    app.router.add_get("/healthz", api.healthz)
    app.router.add_get(GALLERY_URL + "/{name}", _gallery_image)  # before the catch-all static route
    app.router.add_static("/static/", STATIC_DIR)
    return app
