"""The web app's JSON API and static files, through aiohttp's test client and the real model."""

from __future__ import annotations

import asyncio
import gc
import gzip
import ipaddress
import json
import logging
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
import urllib.request
from html import escape, unescape

import numpy as np
import pytest
from aiohttp import FormData, web
from PIL import Image

from classifier import ChartClassifier, config
from classifier.download import MAX_CONNECTIONS, ImageDownloader
from classifier.errors import (
    BlankImage,
    CorruptImage,
    DownloadError,
    DownloadTimeout,
    ImageTooLarge,
    ImageTooSmall,
    NotAnImage,
    UnsupportedFormat,
    URLRefused,
    WhatplotError,
)
from classifier.model import Prediction
from classifier.taxonomy import load_taxonomy
from classifier.wording import percent
from tests.images import bar_chart, encode, png_with_lying_header
from web import __main__ as web_main
from web.api import (
    LABELS_JSON,
    MAX_FORM_PARTS,
    MAX_PENDING_REQUESTS,
    PREVIEW_SIDE,
    UPLOAD_BUDGET,
    BadRequest,
    RequestTimeout,
    status_for,
)
from web.app import STATIC_DIR, create_app
from web.form import AnswerPage
from web.verdict import word

CHART = encode(bar_chart())
LOOPBACK = ipaddress.ip_address("127.0.0.1")


def expected(classifier: ChartClassifier, name: str, data: bytes, top_k: int = 3) -> dict[str, object]:
    """What the API must answer: the model's own predictions on ``data``, as the JSON contract writes them (the
    confidence to 4 decimals), written out here rather than by the serializer the API uses."""
    predictions = classifier.predict(data, top_k=top_k)
    return {
        "input": name,
        "predictions": [{"label": p.label, "name": p.name, "confidence": round(p.confidence, 4)} for p in predictions],
    }


@pytest.fixture
async def client(aiohttp_client, classifier):
    return await aiohttp_client(create_app(classifier))


def respond(**response: object):
    """A handler that always gives the same response."""

    async def handler(request: web.Request) -> web.Response:
        return web.Response(**response)  # type: ignore[arg-type]

    return handler


@pytest.fixture
async def image_server(aiohttp_server):
    """A local server with a chart, a 404 and a web page, to fetch by URL."""
    app = web.Application()
    app.router.add_get("/chart.png", respond(body=CHART, content_type="image/png"))
    app.router.add_get("/page", respond(text="<!doctype html><p>hi</p>", content_type="text/html"))
    app.router.add_get("/missing", respond(status=404))
    return await aiohttp_server(app)


def form(field: str, data: bytes, filename: str) -> FormData:
    """A multipart form with one file field."""
    result = FormData()
    result.add_field(field, data, filename=filename, content_type="image/png")
    return result


@pytest.fixture
async def loopback_client(aiohttp_client, classifier):
    """A client of an app whose downloader may reach 127.0.0.1 (and still nothing else private)."""
    factory = lambda: ImageDownloader(is_allowed=lambda address: address == LOOPBACK)  # noqa: E731
    return await aiohttp_client(create_app(classifier, downloader_factory=factory))


async def test_multipart_upload_answers_like_the_cli(client, classifier):
    response = await client.post("/api/classify", data=form("image", CHART, "chart.png"))
    assert response.status == 200
    assert await response.json() == expected(classifier, "chart.png", CHART)


async def test_raw_body_upload(client, classifier):
    jpeg = encode(bar_chart(), "JPEG", quality=85)
    response = await client.post("/api/classify", data=jpeg, headers={"Content-Type": "image/jpeg"})
    assert response.status == 200
    assert await response.json() == expected(classifier, "body", jpeg)


async def test_curl_data_binary_upload(client, classifier):
    """curl's --data-binary, as docs/web.md shows it, labels the raw image as a URL-encoded form."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    response = await client.post("/api/classify?top_k=5", data=CHART, headers=headers)
    assert response.status == 200
    assert await response.json() == expected(classifier, "body", CHART, top_k=5)


async def test_top_k(client, classifier):
    response = await client.post("/api/classify?top_k=7", data=CHART)
    body = await response.json()
    assert response.status == 200 and len(body["predictions"]) == 7
    assert body == expected(classifier, "body", CHART, top_k=7)


@pytest.mark.parametrize("top_k", ["0", "41", "abc", "-1", "%C2%B2", "3.5", "%2B5", "%205", "5%20", "1_0", "%D9%A5"])
async def test_bad_top_k(client, top_k):
    response = await client.post(f"/api/classify?top_k={top_k}", data=CHART)
    assert response.status == 400
    assert (await response.json())["error"]["type"] == "bad_request"


async def test_url_is_fetched_with_the_guarded_downloader(loopback_client, image_server, classifier):
    url = str(image_server.make_url("/chart.png"))
    response = await loopback_client.post("/api/classify", json={"url": url})
    assert response.status == 200
    assert await response.json() == expected(classifier, url, CHART)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/chart.png", "http://localhost:9/chart.png", "http://10.0.0.7/x.png", "http://169.254.169.254/latest", "file:///etc/passwd"],
)
async def test_private_and_local_urls_are_refused(client, url):
    response = await client.post("/api/classify", json={"url": url})
    assert response.status == 400
    body = await response.json()
    assert body["input"] == url
    assert body["error"]["type"] == "url_refused"


async def test_the_default_downloader_refuses_the_local_test_server(client, image_server):
    response = await client.post("/api/classify", json={"url": str(image_server.make_url("/chart.png"))})
    assert response.status == 400
    assert (await response.json())["error"]["type"] == "url_refused"


async def test_url_to_a_web_page(loopback_client, image_server):
    response = await loopback_client.post("/api/classify", json={"url": str(image_server.make_url("/page"))})
    assert response.status == 415
    assert (await response.json())["error"]["type"] == "not_an_image"


async def test_url_that_fails_upstream_is_a_bad_gateway(loopback_client, image_server):
    response = await loopback_client.post("/api/classify", json={"url": str(image_server.make_url("/missing"))})
    assert response.status == 502
    body = await response.json()
    assert body["error"]["type"] == "download_error" and "404" in body["error"]["message"]


@pytest.mark.parametrize(
    ("data", "status", "kind"),
    [
        (b"just some text, not a picture", 415, "not_an_image"),
        (b"<!DOCTYPE html><html><body>hi</body></html>", 415, "not_an_image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', 415, "unsupported_format"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 415, "unsupported_format"),
        (CHART[: len(CHART) // 2], 422, "corrupt_image"),
        (encode(bar_chart((12, 12))), 422, "too_small"),
        (png_with_lying_header(100_000, 100_000), 413, "too_large"),
    ],
    ids=["text", "html", "svg", "pdf", "truncated", "tiny", "pixel-bomb"],
)
async def test_bad_images(client, data, status, kind):
    response = await client.post("/api/classify", data=data)
    assert response.status == status
    body = await response.json()
    assert body["input"] == "body"
    assert body["error"]["type"] == kind and body["error"]["message"]
    assert "predictions" not in body


NESTED_FORM = b"--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c--\r\n\r\n--b--\r\n"
#: A form whose first field, "_charset_" (RFC 7578's default charset), names no charset there is.
BAD_CHARSET_FORM = b'--b\r\nContent-Disposition: form-data; name="_charset_"\r\n\r\n' + b"x" * 40 + b"\r\n--b--\r\n"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"data": b""}, "empty"),
        ({"data": b"{not json", "headers": {"Content-Type": "application/json"}}, "not valid JSON"),
        ({"json": {"link": "https://example.org/x.png"}}, '"url"'),
        ({"json": ["https://example.org/x.png"]}, '"url"'),
        ({"data": form("file", CHART, "chart.png")}, '"image" field'),
        ({"data": {"image": "chart.png"}}, "--data-binary"),
        ({"data": b"xx", "headers": {"Content-Type": "multipart/form-data"}}, "malformed"),
        ({"data": b"garbage", "headers": {"Content-Type": "multipart/form-data; boundary=abc"}}, "malformed"),
        ({"data": NESTED_FORM, "headers": {"Content-Type": "multipart/form-data; boundary=b"}}, "Nested"),
        ({"data": BAD_CHARSET_FORM, "headers": {"Content-Type": "multipart/form-data; boundary=b"}}, "malformed (Invalid default charset)"),
    ],
    ids=[
        "empty", "bad-json", "no-url", "json-list", "no-image-field", "urlencoded-form", "no-boundary", "bad-multipart", "nested-form",
        "bad-charset-field",
    ],  # fmt: skip
)
async def test_malformed_requests(client, kwargs, fragment):
    response = await client.post("/api/classify", **kwargs)
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["type"] == "bad_request" and fragment in error["message"]


async def test_a_file_name_that_is_not_utf8_is_answered_in_valid_json(client, classifier):
    header = b'--b\r\nContent-Disposition: form-data; name="image"; filename="caf\xe9.png"\r\nContent-Type: image/png\r\n\r\n'
    body = header + CHART + b"\r\n--b--\r\n"
    response = await client.post("/api/classify", data=body, headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert response.status == 200
    assert await response.json() == expected(classifier, "caf\\xe9.png", CHART)


async def test_json_nested_thousands_deep_is_a_bad_request_not_a_crash(client):
    deep = b"[" * 8000 + b"]" * 8000  # under the JSON size limit, past Python's recursion limit
    response = await client.post("/api/classify", data=deep, headers={"Content-Type": "application/json"})
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["type"] == "bad_request" and "not valid JSON" in error["message"]


async def test_a_malformed_url_is_refused(client):
    response = await client.post("/api/classify", json={"url": "http://[::1/chart.png"})
    assert response.status == 400
    assert (await response.json())["error"]["type"] == "url_refused"


async def test_over_the_size_limit_by_content_length(client):
    response = await client.post("/api/classify", data=b"\0" * (config.MAX_IMAGE_BYTES + 1))
    assert response.status == 413
    assert (await response.json())["error"]["type"] == "too_large"


async def test_over_the_size_limit_while_streaming(client, monkeypatch):
    monkeypatch.setattr(config, "MAX_IMAGE_BYTES", 100_000)

    async def chunked():  # no Content-Length: only the streaming cap can stop it
        for _ in range(20):
            yield b"\0" * 10_000

    response = await client.post("/api/classify", data=chunked())
    assert response.status == 413
    assert (await response.json())["error"]["type"] == "too_large"


async def test_multipart_over_the_size_limit(client, monkeypatch):
    monkeypatch.setattr(config, "MAX_IMAGE_BYTES", 100_000)
    response = await client.post("/api/classify", data=form("image", b"\0" * 150_000, "big.png"))  # under the multipart allowance, over the cap
    assert response.status == 413
    body = await response.json()
    assert body["input"] == "big.png" and body["error"]["type"] == "too_large"


async def test_unexpected_failure_is_a_500_with_the_json_contract(aiohttp_client, classifier):
    class Broken:
        labels = classifier.labels

        def predict(self, image, top_k=3):
            raise RuntimeError("boom")

    client = await aiohttp_client(create_app(Broken()))  # type: ignore[arg-type]
    response = await client.post("/api/classify", data=CHART)
    assert response.status == 500
    body = await response.json()
    assert body["error"]["type"] == "error" and "boom" not in body["error"]["message"]


async def test_a_bug_after_inference_is_still_a_json_500(aiohttp_client, classifier):
    class Garbled:  # its answer can't be turned into JSON
        labels = classifier.labels

        def predict(self, image, top_k=3):
            return [object()]

    client = await aiohttp_client(create_app(Garbled()))  # type: ignore[arg-type]
    response = await client.post("/api/classify", data=CHART)
    assert response.status == 500
    assert (await response.json())["error"]["type"] == "error"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (BadRequest("x"), 400),
        (URLRefused("x"), 400),
        (RequestTimeout("x"), 408),
        (ImageTooLarge("x"), 413),
        (NotAnImage("x"), 415),
        (UnsupportedFormat("x"), 415),
        (CorruptImage("x"), 422),
        (ImageTooSmall("x"), 422),
        (BlankImage("x"), 422),
        (DownloadError("x"), 502),
        (DownloadTimeout("x"), 504),
        (WhatplotError("x"), 500),
    ],
)
def test_status_for_each_error(error, status):
    assert status_for(error) == status


async def test_labels_lists_the_taxonomy_with_examples(client):
    response = await client.get("/api/labels")
    assert response.status == 200
    body = await response.json()
    assert body["max_image_bytes"] == config.MAX_IMAGE_BYTES
    taxonomy = load_taxonomy()
    assert [entry["id"] for entry in body["labels"]] == [t.id for t in taxonomy]
    for entry, chart in zip(body["labels"], taxonomy):
        assert entry["name"] == chart.name and entry["description"] == chart.description
        assert entry["links"] == [{"title": link.title, "url": link.url} for link in chart.links]
    examples = [entry["example"] for entry in body["labels"] if entry["example"]]
    assert examples, "the gallery has no images: run scripts/make_gallery.py"
    for url in examples:
        image = await client.get(url)
        assert image.status == 200 and image.content_type == "image/webp"


async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok", "labels": 40}


async def test_page_and_its_files_are_served_with_a_strict_policy(client):
    response = await client.get("/")
    assert response.status == 200 and response.content_type == "text/html"
    html = await response.text()
    assert 'src="static/app.js"' in html and 'href="static/style.css"' in html  # relative: the page may sit under a path
    assert "http://" not in html.replace("http://www.w3.org", "")  # no CDN
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/static/app.js", "/static/style.css", "/static/favicon.svg"):
        assert (await client.get(path)).status == 200


async def test_the_page_may_show_images_only_from_itself(client):
    """No image from another host: a link's preview comes from the server (``?preview=1``), so the visitor's
    address never reaches the linked host, and the browser never renders what the server didn't vet."""
    policy = dict(part.strip().split(" ", 1) for part in (await client.get("/")).headers["Content-Security-Policy"].split(";"))
    assert set(policy["img-src"].split()) == {"'self'", "blob:", "data:"}


async def test_a_preview_of_the_classified_image_comes_when_asked(loopback_client, image_server, classifier):
    """A small WebP of the decoded, upright image, as a data URL; never the fetched bytes themselves."""
    import base64
    import io

    from PIL import Image

    url = str(image_server.make_url("/chart.png"))
    response = await loopback_client.post("/api/classify?preview=1", json={"url": url})
    body = await response.json()
    assert response.status == 200 and body.pop("preview").startswith("data:image/webp;base64,")
    assert body == expected(classifier, url, CHART)
    answer = await (await loopback_client.post("/api/classify?top_k=2&preview=1", data=encode(bar_chart((300, 200))))).json()
    preview = Image.open(io.BytesIO(base64.b64decode(answer["preview"].split(",", 1)[1])))
    assert preview.format == "WEBP" and preview.size == (300, 200) and len(answer["predictions"]) == 2  # not enlarged
    assert "preview" not in await (await loopback_client.post("/api/classify", json={"url": url})).json()
    failed = await (await loopback_client.post("/api/classify?preview=1", data=b"not an image")).json()
    assert "preview" not in failed and failed["error"]["type"] == "not_an_image"


async def test_a_large_images_preview_is_small(client):
    import base64
    import io

    from PIL import Image

    big = encode(bar_chart((3000, 2000)))
    answer = await (await client.post("/api/classify?preview=1", data=big)).json()
    preview = Image.open(io.BytesIO(base64.b64decode(answer["preview"].split(",", 1)[1])))
    assert preview.size[0] == PREVIEW_SIDE and abs(preview.size[1] - PREVIEW_SIDE * 2 / 3) <= 1


@pytest.mark.parametrize(
    ("query", "name"), [("top_k=1&top_k=5", "top_k"), ("preview=1&preview=0", "preview"), ("wording=1&wording=1", "wording")]
)
async def test_a_parameter_given_twice_is_a_bad_request(client, query, name):
    response = await client.post(f"/api/classify?{query}", data=CHART)
    assert response.status == 400
    assert (await response.json())["error"]["message"] == f"{name} is given 2 times; give it once."


async def test_a_url_that_is_not_a_string_is_named_as_such(client):
    response = await client.post("/api/classify", json={"url": 5})
    assert response.status == 400
    assert (await response.json())["error"]["message"] == 'The JSON\'s "url" must be a string, the link to an image.'


@pytest.mark.parametrize("value", ["yes", "2", ""])
@pytest.mark.parametrize("name", ["preview", "wording"])
async def test_a_bad_preview_or_wording_parameter_is_a_bad_request(client, name, value):
    response = await client.post(f"/api/classify?{name}={value}", data=CHART)
    assert response.status == 400
    assert (await response.json())["error"]["message"] == f"{name} must be 0 or 1."


async def test_create_app_loads_the_shipped_model_when_given_none(aiohttp_client, classifier):
    client = await aiohttp_client(create_app())
    response = await client.post("/api/classify", data=CHART)
    assert await response.json() == expected(classifier, "body", CHART)


def test_main_reports_a_missing_model(tmp_path, capsys):
    assert web_main.main(["--model", str(tmp_path / "nope.tflite")]) == 3
    assert "whatplot web:" in capsys.readouterr().err


async def raw_request(client, request: bytes, *, then: bytes = b"", pause: float = 0.0) -> bytes:
    """Send ``request`` byte for byte (no client tidies the path or the framing), then, after
    ``pause`` seconds, ``then``; return the whole answer (its head, and its body as long as the
    head says: a server may keep the connection open a while to drain what a client left unsent)."""
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(request)
    await asyncio.sleep(pause)
    writer.write(then)
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
    length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    body = await asyncio.wait_for(reader.readexactly(int(length[1])) if length else reader.read(), timeout=10)
    writer.close()
    return head + body


def status_and_json(answer: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"application/json" in head
    return int(head.split()[1]), json.loads(body)


async def test_twenty_requests_at_once_are_all_answered_off_the_event_loop(aiohttp_client, classifier):
    threads: set[str] = set()

    class Recording:  # the real model, noting the thread each prediction ran on
        labels = classifier.labels

        def predict(self, image, top_k=3):
            threads.add(threading.current_thread().name)
            return classifier.predict(image, top_k=top_k)

    client = await aiohttp_client(create_app(Recording()))  # type: ignore[arg-type]
    responses = await asyncio.gather(*(client.post("/api/classify", data=CHART) for _ in range(20)), client.get("/healthz"))
    assert [r.status for r in responses] == [200] * 21
    assert await responses[0].json() == expected(classifier, "body", CHART)
    assert threads and all(name.startswith("whatplot-web") for name in threads)


@pytest.mark.parametrize(
    ("method", "path", "status", "kind", "allow"),
    [
        ("GET", "/api/nope", 404, "not_found", None),
        ("GET", "/api", 404, "not_found", None),
        ("POST", "/api/labels/", 404, "not_found", None),
        ("GET", "/api/classify", 405, "method_not_allowed", "POST"),
        ("PUT", "/api/classify", 405, "method_not_allowed", "POST"),
        ("DELETE", "/api/labels", 405, "method_not_allowed", "GET,HEAD"),
        ("OPTIONS", "/healthz", 405, "method_not_allowed", "GET,HEAD"),
    ],
)
async def test_unknown_api_paths_and_methods_answer_json(client, method, path, status, kind, allow):
    response = await client.request(method, path)
    assert response.status == status and response.headers.get("Allow") == allow
    error = (await response.json())["error"]
    assert error["type"] == kind and error["message"]


async def test_other_unknown_paths_are_a_plain_404(client):
    response = await client.get("/nope")
    assert response.status == 404 and response.content_type == "text/plain"


@pytest.mark.parametrize(
    "path", ["/static/../web/app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/gallery/..%2f..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fweb%2fapp.py"]
)
async def test_static_files_stay_in_their_folder(client, path):
    answer = await raw_request(client, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 404") and b"create_app" not in answer


async def test_a_trickled_upload_is_cut_off(aiohttp_client, classifier):
    client = await aiohttp_client(create_app(classifier, upload_timeout=0.5))
    head = b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"
    status, body = status_and_json(await raw_request(client, head + CHART[:1000], then=CHART[1000:2000], pause=1.0))
    assert status == 408 and body["error"]["type"] == "request_timeout"  # type: ignore[index]


async def test_a_refused_upload_is_freed_at_once_not_at_the_next_full_collection(client):
    """The error's traceback held the request's frame, which held the answer holding the error: a cycle that kept
    every failed upload's bytes until Python's rare full collection (a flood of them took the server past 1 GB)."""
    size = 5_000_000
    body = bytes(size)  # no image
    gc.collect()
    gc.disable()
    tracemalloc.start()
    try:
        response = await client.post("/api/classify", data=body, headers={"Content-Type": "image/png"})
        await response.read()
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        gc.enable()
    assert response.status == 415
    assert held < size // 2


async def test_requests_past_the_limit_are_told_to_come_back_unread(aiohttp_client, classifier):
    client = await aiohttp_client(create_app(classifier, max_pending_requests=1))
    head = b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
    slow = asyncio.create_task(raw_request(client, head % len(CHART) + CHART[:1000], then=CHART[1000:], pause=0.5))
    await asyncio.sleep(0.2)  # the slow upload holds the only slot

    busy = await client.post("/api/classify", data=CHART)
    assert busy.status == 503 and busy.headers["Retry-After"] == "2"
    assert (await busy.json())["error"]["type"] == "busy"
    assert status_and_json(await slow)[0] == 200
    assert (await client.post("/api/classify", data=CHART)).status == 200  # the slot is free again


async def test_uploads_past_the_bytes_the_server_holds_are_told_to_come_back(aiohttp_client, classifier):
    """However few the requests, their uploads' bytes in hand are capped: past the cap, one is answered 503 at once."""
    client = await aiohttp_client(create_app(classifier, max_upload_bytes_in_hand=len(CHART) + 1000))
    head = b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
    slow = asyncio.create_task(raw_request(client, head % len(CHART) + CHART[:-100], then=CHART[-100:], pause=0.5))
    await asyncio.sleep(0.2)  # the slow upload holds all but 1,100 bytes of the budget

    busy = await client.post("/api/classify", data=form("image", CHART, "chart.png"))
    assert busy.status == 503 and busy.headers["Retry-After"] == "2"
    assert (await busy.json())["error"]["type"] == "busy"
    assert status_and_json(await slow)[0] == 200
    assert (await client.post("/api/classify", data=form("image", CHART, "chart.png"))).status == 200  # all given back


async def test_a_downloaded_image_counts_against_the_bytes_the_server_holds(aiohttp_client, aiohttp_server, classifier):
    """An image fetched by URL is held like an upload: past the cap, the request is answered 503, not downloaded whole."""
    big = encode(Image.fromarray(np.random.default_rng(0).integers(0, 256, (300, 300, 3), dtype=np.uint8)))
    app = web.Application()
    app.router.add_get("/big.png", respond(body=big, content_type="image/png"))
    server = await aiohttp_server(app)
    factory = lambda: ImageDownloader(is_allowed=lambda address: address == LOOPBACK)  # noqa: E731
    client = await aiohttp_client(create_app(classifier, downloader_factory=factory, max_upload_bytes_in_hand=len(big) // 2))
    busy = await client.post("/api/classify", json={"url": str(server.make_url("/big.png"))})
    assert busy.status == 503 and (await busy.json())["error"]["type"] == "busy"
    assert client.app[UPLOAD_BUDGET].held == 0  # the chunks taken before the refusal, given back


@pytest.mark.parametrize(
    ("query", "length", "status"), [("", config.MAX_IMAGE_BYTES + 1, 413), ("?top_k=0", 1000, 400)], ids=["too-large", "bad-top-k"]
)
async def test_a_request_refused_on_its_head_is_answered_before_its_body_is_asked_for(client, query, length, status):
    """curl sends Expect: 100-continue before a large upload and waits: a refusal must come instead of "100 Continue"."""
    head = f"POST /api/classify{query} HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: {length}\r\nExpect: 100-continue\r\n\r\n"
    answer = await raw_request(client, head.encode())  # and no body
    assert answer.startswith(f"HTTP/1.1 {status} ".encode())
    assert status_and_json(answer)[0] == status


async def test_an_acceptable_request_that_expects_100_continue_is_classified(client, classifier):
    head = b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
    answer = await raw_request(client, head % len(CHART), then=CHART, pause=0.2)
    continue_line, _, final = answer.partition(b"\r\n\r\n")
    assert continue_line == b"HTTP/1.1 100 Continue"
    assert status_and_json(final) == (200, expected(classifier, "body", CHART))


async def test_a_gzip_bomb_is_stopped_at_the_limit_and_a_gzipped_image_is_fine(client, classifier, monkeypatch):
    response = await client.post("/api/classify", data=gzip.compress(CHART), headers={"Content-Encoding": "gzip"})
    assert await response.json() == expected(classifier, "body", CHART)
    monkeypatch.setattr(config, "MAX_IMAGE_BYTES", 100_000)
    bomb = gzip.compress(b"\0" * 50_000_000)
    assert len(bomb) < 100_000
    response = await client.post("/api/classify", data=bomb, headers={"Content-Encoding": "gzip"})
    assert response.status == 413
    assert (await response.json())["error"]["type"] == "too_large"


@pytest.mark.parametrize("encoding", ["deflate", "gzip"])
@pytest.mark.parametrize("path", ["/api/classify", "/classify"])
async def test_a_body_that_cannot_be_decoded_is_a_bad_request(client, caplog, encoding, path):
    """The client's error, answered: not also a traceback in the server's log, as aiohttp reading the rest of the
    body after the answer (to keep the connection) would write, finding it as undecodable as before."""
    with caplog.at_level(logging.DEBUG):
        response = await client.post(path, data=b"\x1f\x8b" + CHART, headers={"Content-Encoding": encoding})
        assert response.status == 400
        if path == "/api/classify":
            assert (await response.json())["error"]["type"] == "bad_request"
        else:  # the form's answer page
            assert "The request body can't be read" in unescape(await response.text())
        assert (await client.get("/healthz")).status == 200  # the server answers on, on a new connection if need be
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []


async def test_a_url_with_a_lone_surrogate_is_refused_in_json(client):
    response = await client.post("/api/classify", data=b'{"url": "https://example.org/\\ud800.png"}', headers={"Content-Type": "application/json"})
    assert response.status == 400
    assert (await response.json())["error"]["type"] == "url_refused"


async def test_long_unicode_file_names(client, classifier):
    async def upload(name: str):  # raw UTF-8 in the header, as browsers and curl send it
        header = f'--b\r\nContent-Disposition: form-data; name="image"; filename="{name}"\r\n\r\n'.encode()
        body = header + CHART + b"\r\n--b--\r\n"
        return await client.post("/api/classify", data=body, headers={"Content-Type": "multipart/form-data; boundary=b"})

    name = "图表 ü " * 200 + ".png"  # 3 KB of UTF-8: longer than any file system allows
    assert await (await upload(name)).json() == expected(classifier, name, CHART)
    response = await upload("ü" * 5000 + ".png")  # a 10 KB header line
    assert response.status == 400
    assert (await response.json())["error"]["type"] == "bad_request"


async def test_a_chunked_form_cannot_stream_past_the_limit_in_another_field(client, monkeypatch):
    monkeypatch.setattr(config, "MAX_IMAGE_BYTES", 100_000)

    async def chunked():  # no Content-Length, and a huge field before the image
        yield b'--b\r\nContent-Disposition: form-data; name="junk"\r\n\r\n'
        for _ in range(100):
            yield b"\0" * 10_000
        yield b'\r\n--b\r\nContent-Disposition: form-data; name="image"; filename="chart.png"\r\n\r\n' + CHART + b"\r\n--b--\r\n"

    response = await client.post("/api/classify", data=chunked(), headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert response.status == 413
    assert (await response.json())["error"]["type"] == "too_large"


def multipart(*parts: bytes) -> dict[str, object]:
    """``client.post`` arguments for a form of ``parts`` (each its headers, a blank line and its body), boundary "b"."""
    body = b"".join(b"--b\r\n" + part + b"\r\n" for part in parts) + b"--b--\r\n"
    return {"data": body, "headers": {"Content-Type": "multipart/form-data; boundary=b"}}


IMAGE_PART = b'Content-Disposition: form-data; name="image"; filename="chart.png"\r\n\r\n' + CHART


async def test_a_form_of_thousands_of_fields_is_refused_not_parsed_to_its_end(client, classifier):
    """Each field costs the event loop time to parse: a few before the image are fine, not 10,000."""
    junk = b'Content-Disposition: form-data; name="junk"\r\n\r\nx'
    response = await client.post("/api/classify", **multipart(*[junk] * (MAX_FORM_PARTS - 1), IMAGE_PART))
    assert await response.json() == expected(classifier, "chart.png", CHART)
    response = await client.post("/api/classify", **multipart(*[junk] * 10_000, IMAGE_PART))
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["type"] == "bad_request" and f'no "image" field among its first {MAX_FORM_PARTS}' in error["message"]


def test_the_page_can_never_fill_the_downloaders_connections():
    """Why a wildcard DNS name (a.evil.example, b.evil.example..., each name with its own share of connections)
    can't starve other links: a request in hand holds one download at a time, and far fewer are in hand at once."""
    assert MAX_PENDING_REQUESTS < MAX_CONNECTIONS


async def test_a_short_preamble_before_the_first_part_is_fine(client, classifier):
    """RFC 2046 lets a form open with text before its first part; some mail-minded clients send a line."""
    form = multipart(IMAGE_PART)
    form["data"] = b"This is a multi-part message in MIME format.\r\n\r\n" + form["data"]
    response = await client.post("/api/classify", **form)
    assert await response.json() == expected(classifier, "chart.png", CHART)


@pytest.mark.parametrize("preamble", [b"\n" * 2_000_000, b"x" * 20_000 + b"\n"], ids=["2-mb-of-empty-lines", "a-20-kb-line"])
async def test_a_long_preamble_before_the_first_part_is_refused_at_once(client, preamble):
    """aiohttp reads a form's preamble a line at a time on the event loop: 20 MB of empty lines took 25 s of it,
    and a chunked body's preamble had no size limit at all."""

    async def chunked():
        for start in range(0, len(preamble), 65536):
            yield preamble[start : start + 65536]
        yield multipart(IMAGE_PART)["data"]

    for data in (preamble + multipart(IMAGE_PART)["data"], chunked()):
        start = time.monotonic()
        response = await client.post("/api/classify", data=data, headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert response.status == 400
        error = (await response.json())["error"]
        assert error["type"] == "bad_request" and error["message"].startswith("The multipart form has over 1 KB before its first part"), error
        assert time.monotonic() - start < 1


@pytest.mark.parametrize(
    "headers",
    [b"X-Pad: x\r\n" * 200, b"X-Pad: " + b"x" * 9000 + b"\r\n", b"not a header\r\n"],
    ids=["200-headers", "9-kb-line", "no-colon"],
)
async def test_a_part_with_bad_headers_is_named_as_such(client, headers):
    """Not "truncated, or its encoding or framing is broken": the part's headers are what's wrong."""
    response = await client.post("/api/classify", **multipart(headers + IMAGE_PART))
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["type"] == "bad_request" and "a part has over 128 headers" in error["message"], error


async def test_headers_hide_versions_and_keep_files_fresh(client):
    for path in ("/", "/static/app.js", "/api/labels", "/api/nope"):
        response = await client.get(path)
        assert response.headers["Server"] == "whatplot"
        assert response.headers["Cache-Control"] == "no-cache"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    gallery = await client.get("/static/gallery/pie.webp")
    assert "max-age" in gallery.headers["Cache-Control"]


async def test_every_answer_forbids_framing_referrers_and_sniffing(client):
    """The page, its files, the API's answers and its errors (one refused on its head alone too)."""
    answers = [await client.get(path) for path in ("/", "/static/app.js", "/static/gallery/pie.webp", "/api/labels", "/api/nope")]
    answers.append(await client.post("/api/classify", data=b"", headers={"Content-Length": str(2**30), "Expect": "100-continue"}))
    for response in answers:
        policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy and "form-action 'self'" in policy
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        # browsers that predate frame-ancestors; other sites' pages loading the answers, or keeping a handle on the tab
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("port", ["0", "65536", "99999", "http"])
def test_main_refuses_a_bad_port(port, capsys):
    with pytest.raises(SystemExit) as exit_info:
        web_main.main(["--port", port])
    assert exit_info.value.code == 2 and "port number" in capsys.readouterr().err


def test_main_reports_a_port_in_use_in_one_line(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert web_main.main(["--port", str(taken.getsockname()[1])]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("whatplot web: can't listen on http://127.0.0.1:") and "\n" not in err


def _start_server(*options: str) -> tuple[subprocess.Popen[str], int, str]:
    """``whatplot web`` with ``options`` on a free port, in a process of its own: the process, its port, and the first
    line it prints (once serving, that it is)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "whatplot", "web", *options, "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert server.stdout is not None
    return server, port, server.stdout.readline()


def test_a_server_on_every_interface_names_an_address_to_open_and_logs_no_health_checks():
    """``--host 0.0.0.0`` (as in the Docker image) is where it listens; http://0.0.0.0:8080/ is no page to open.
    Docker's health check, every 30 s, leaves no access-log line; other requests do."""
    server, port, serving = _start_server("--host", "0.0.0.0")
    try:
        assert f"serving on every interface, port {port}: open http://127.0.0.1:{port}/ here" in serving
        for path in ("/healthz", "/api/labels"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()
    finally:
        server.send_signal(signal.SIGINT)
        _, log = server.communicate(timeout=30)
    assert '"GET /api/labels HTTP/1.1" 200' in log and "/healthz" not in log


@pytest.mark.parametrize("host", ["0.0.0.0", "::", ""])
def test_every_interface_is_said_so_however_it_is_written(host):
    """``--host ""`` listens on every interface too (aiohttp's reading): http://:8080/ would be no address at all."""
    assert web_main._how_to_open(f"http://{host}:8080/", host, 8080).startswith("every interface, port 8080")


def test_stopping_the_server_does_not_wait_a_minute_on_a_trickled_upload():
    """Ctrl-C (or SIGTERM) ends ``whatplot web`` within its short grace, not aiohttp's 60 s, and quietly."""
    server, port, serving = _start_server()
    try:
        assert "serving on" in serving
        with socket.create_connection(("127.0.0.1", port)) as upload:
            upload.sendall(b"POST /api/classify HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + CHART[:100])
            time.sleep(0.5)  # the request is in hand, waiting for the rest of its body
            stopped_at = time.monotonic()
            server.send_signal(signal.SIGINT)
            _, stderr = server.communicate(timeout=30)
        assert time.monotonic() - stopped_at < web_main.SHUTDOWN_TIMEOUT_S + 5
        assert server.returncode == 0 and "Traceback" not in stderr, stderr
    finally:
        server.kill()
        server.communicate()


def test_a_request_the_server_cannot_parse_is_logged_in_one_line_not_a_traceback():
    """Anyone on the network can send one (a scanner sends many): it is no fault of the server's."""
    server, port, serving = _start_server()
    try:
        assert "serving on" in serving
        for request in (b"GET /?q=" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n", b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"):
            with socket.create_connection(("127.0.0.1", port)) as connection:
                connection.sendall(request)
                assert connection.recv(100).startswith(b"HTTP/1.0 400 Bad Request")
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    finally:
        server.kill()
        server.communicate()
    assert "Traceback" not in stderr and "ERROR" not in stderr, stderr
    refusals = [line for line in stderr.splitlines() if " aiohttp.server: " in line]
    assert len(refusals) == 2 and all(" INFO " in line for line in refusals), stderr
    assert ": 400 Got more than 8190 bytes when reading: " in refusals[0] and refusals[0].endswith("aaa...').")
    assert refusals[1].endswith(": 400 Duplicate Content-Length:")


async def test_a_link_that_waited_for_a_free_connection_is_not_blamed_on_its_server(aiohttp_client, slow_and_fast, classifier):
    """Links to one slow server, more at once than it gets connections: those that timed out waiting for one say the
    server is busy with other downloads, not that their server was slow (both are 504 download_timeout)."""
    from classifier.download import _BUSY, MAX_CONNECTIONS_PER_HOST

    slow, _ = slow_and_fast
    factory = lambda: ImageDownloader(is_allowed=lambda address: address == LOOPBACK, timeout=1, read_timeout=1)  # noqa: E731
    client = await aiohttp_client(create_app(classifier, downloader_factory=factory))
    links = [{"url": f"{slow}/{i}.png"} for i in range(MAX_CONNECTIONS_PER_HOST + 2)]
    responses = await asyncio.gather(*(client.post("/api/classify", json=link) for link in links))
    errors = [(response.status, (await response.json())["error"]) for response in responses]
    assert {(status, error["type"]) for status, error in errors} == {(504, "download_timeout")}
    slow_server = "The server took too long to send the image."
    assert sorted(error["message"] for _, error in errors) == sorted([_BUSY] * 2 + [slow_server] * MAX_CONNECTIONS_PER_HOST)


# --- The "not sure" threshold, which the page shares with the bot ---


async def test_labels_give_the_not_sure_threshold_the_app_was_made_with(client, aiohttp_client, classifier):
    """The page once said "I'm not sure" under a fixed 50%, whatever the bot was set to: the server now tells it."""
    assert (await (await client.get("/api/labels")).json())["not_sure_below"] == config.NOT_SURE_BELOW
    other = await aiohttp_client(create_app(classifier, not_sure_below=0.35))
    assert (await (await other.get("/api/labels")).json())["not_sure_below"] == 0.35


@pytest.mark.parametrize(("value", "threshold"), [("40%", 0.4), (" 0.25 ", 0.25), ("", config.NOT_SURE_BELOW)])
def test_main_serves_the_bots_not_sure_setting(monkeypatch, classifier, value, threshold):
    served: list[web.Application] = []
    monkeypatch.setenv("WHATPLOT_NOT_SURE_BELOW", value)
    monkeypatch.setattr(web_main.ChartClassifier, "load", lambda paths=None: classifier)
    monkeypatch.setattr(web_main.web, "run_app", lambda app, **kwargs: served.append(app))
    assert web_main.main([]) == 0
    assert json.loads(served[0][LABELS_JSON])["not_sure_below"] == threshold


@pytest.mark.parametrize(("value", "message"), [("150%", "must be between 0 and 1"), ("half", "must be a number between 0 and 1")])
def test_main_refuses_a_bad_not_sure_setting_as_the_bot_does(monkeypatch, capsys, value, message):
    monkeypatch.setenv("WHATPLOT_NOT_SURE_BELOW", value)
    assert web_main.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"whatplot web: WHATPLOT_NOT_SURE_BELOW {message}") and err.count("\n") == 1


# --- The form for browsers without JavaScript: POST /classify answers with a page ---


def text_of(html: str) -> str:
    """The words of a page as a reader sees them: its tags left out, its spaces joined, its entities decoded."""
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


async def test_the_form_without_javascript_answers_with_a_page_in_the_pages_words(aiohttp_client, classifier):
    """Without JavaScript, the form's answer was the API's raw JSON."""
    predictions = classifier.predict(CHART)
    for threshold, eyebrow in ((0.0, "This looks like"), (1.0, "I'm not sure. My best guess:")):
        client = await aiohttp_client(create_app(classifier, not_sure_below=threshold))
        response = await client.post("/classify?preview=1", **multipart(IMAGE_PART))
        assert response.status == 200 and response.content_type == "text/html"
        html = await response.text()
        shown = f"{eyebrow} {predictions[0].name} "
        assert shown in text_of(html) and f"How to make a {predictions[0].name.lower()}" in text_of(html)
        assert re.findall(r'class="prediction-name">([^<]*)<', html) == [p.name for p in predictions]
        assert re.findall(r'class="prediction-value">([^<]*)<', html) == [escape(percent(p.confidence)) for p in predictions]
        assert 'src="data:image/webp;base64,' in html and ">chart.png</figcaption>" in html
        assert 'href="./">Try another image</a>' in html and 'href="static/style.css"' in html  # relative: a proxy's path too
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("confidence", "shown"), [(0.31, "31%"), (0.004, "<1%"), (0.9996, ">99%"), (1.0, "100%")])
def test_percentages_are_written_as_the_bot_writes_them(confidence, shown):
    assert percent(confidence) == shown


async def test_the_api_still_answers_json_to_a_browsers_request(client, classifier):
    request = multipart(IMAGE_PART)
    request["headers"]["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # type: ignore[index]
    response = await client.post("/api/classify", **request)
    assert response.content_type == "application/json" and await response.json() == expected(classifier, "chart.png", CHART)


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        (multipart(b'Content-Disposition: form-data; name="image"; filename="notes.txt"\r\n\r\nhello'), 415, "That file isn't an image I can read"),
        (multipart(b'Content-Disposition: form-data; name="other"\r\n\r\nx'), 400, 'The form has no "image" field.'),
        ({"json": {"url": "http://10.0.0.7/<script>alert(1)</script>"}}, 400, "10.0.0.7 is a private or local address"),
    ],
    ids=["not-an-image", "no-image", "refused-link"],
)
async def test_the_form_without_javascript_words_errors_as_the_page_does(client, kwargs, status, message):
    response = await client.post("/classify", **kwargs)
    assert response.status == status and response.content_type == "text/html"
    html = await response.text()
    assert f"Couldn't classify that. {message}" in text_of(html)
    assert "<script" not in html and 'href="./">Try another image</a>' in html


async def test_the_form_without_javascript_escapes_everything_a_request_can_put_on_the_page(client):
    name = "<img src=x onerror=alert(1)><script>alert(2)</script>'.png"
    part = f'Content-Disposition: form-data; name="image"; filename="{name}"\r\n\r\n'.encode() + CHART
    html = await (await client.post("/classify", **multipart(part))).text()
    assert "<script" not in html and "<img src=x" not in html
    assert f'<figcaption title="{escape(name)}">{escape(name)}</figcaption>' in html


async def test_the_form_without_javascript_says_when_the_server_is_busy(aiohttp_client, classifier):
    client = await aiohttp_client(create_app(classifier, max_pending_requests=0))
    response = await client.post("/classify", **multipart(IMAGE_PART))
    assert response.status == 503 and response.headers["Retry-After"] == "2" and response.content_type == "text/html"
    html = await response.text()
    assert "Couldn't classify that. The server is naming a lot of charts right now" in text_of(html)
    assert "<figcaption" not in html  # nothing of the request was read: no name to show


async def test_the_answer_pages_address_opened_on_its_own_leads_to_the_form(client):
    response = await client.get("/classify", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "./"
    assert (await client.get("/classify")).url.path == "/"


async def test_the_form_refuses_on_its_head_before_its_body_is_asked_for(client, classifier):
    """curl -F to /classify with a large file: the API's refusal instead of "100 Continue", as the answer page."""
    head = f"POST /classify HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: {config.MAX_IMAGE_BYTES + 1}\r\nExpect: 100-continue\r\n\r\n"
    answer = await raw_request(client, head.encode())  # and no body
    assert answer.startswith(b"HTTP/1.1 413 ") and b"text/html" in answer.partition(b"\r\n\r\n")[0]
    assert "Couldn't classify that. The image is bigger than the 25 MB limit." in text_of(answer.decode())
    head = b"POST /classify HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
    continue_line, _, final = (await raw_request(client, head % len(CHART), then=CHART, pause=0.2)).partition(b"\r\n\r\n")
    assert continue_line == b"HTTP/1.1 100 Continue" and final.startswith(b"HTTP/1.1 200 ")
    assert f'class="top-name">{escape(classifier.predict(CHART)[0].name)}<' in final.decode()


def between(html: str, start: str, end: str) -> str:
    """The first part of ``html`` from ``start`` to the next ``end``, both included."""
    return re.search(re.escape(start) + ".*?" + re.escape(end), html, re.DOTALL)[0]  # type: ignore[index]


async def test_the_forms_answer_page_is_the_page_itself(client):
    """The answer page once repeated the page's <head> and top bar in a copy of its own: it is now index.html, its
    result section filled in, its script and the script's templates left out."""
    index = await (await client.get("/")).text()
    for kwargs in (multipart(IMAGE_PART), {"data": b"not an image"}):
        html = await (await client.post("/classify", **kwargs)).text()
        for start, end in (('<meta name="description"', ">"), ("<header", "</header>"), ('<section class="hero">', "<noscript>"),
                           ('<section id="api"', "</footer>")):  # fmt: skip
            assert between(html, start, end) == between(index, start, end)
        assert "<script" not in html and "app.js" not in html and "<template" not in html and "</template" not in html
        assert '<body class="has-result">' in html and html.count('class="result card') == 1
        for script_only in ('id="result"', 'id="verdict"', 'id="error"', 'id="retry"', 'id="again"'):  # the answer instead
            assert script_only not in html
        assert '<link rel="stylesheet" href="static/noscript.css">\n</head>' in html  # no script: what needs it steps aside


def the_answer_page_of(index: str) -> str:
    """The answer page made from ``index``, with an error shown."""
    page = AnswerPage.from_index(index)
    return page.template.format(title="T", result="<p>the answer</p>")


def test_the_whole_result_section_is_replaced_whatever_it_holds():
    """The result section was found up to its first </section>: one nested in it left the rest of it (the script's
    #verdict, #error and buttons) on the answer page after the answer."""
    index = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    nested = index.replace('<div id="verdict" hidden>', '<section class="inner"><h3>A</h3></section>\n<div id="verdict" hidden>')
    for page in (index, nested):
        html = the_answer_page_of(page)
        assert "<p>the answer</p>" in html and "<!--" not in html and "<section class=\"inner\"" not in html
        assert 'id="verdict"' not in html and 'id="error"' not in html and 'id="result"' not in html
        assert re.search(r"</p>\s*<p>the answer</p>\s*<section id=\"gallery\"", html)  # nothing of the section after it


@pytest.mark.parametrize(
    ("part", "instead"),
    [
        ("<title>", "<p>"),
        ('<link rel="stylesheet" href="static/noscript.css">', "<p>"),
        ('<script src="static/app.js" defer></script>', ""),
        ("<body>", "<div>"),
        ("<!-- result:", "<!-- results:"),
        ("<!-- /result -->", ""),
        ('<section id="result" ', '<section id="results" '),
        ("<strong>Couldn't classify that.</strong>", "<span></span>"),
        ('<div id="error"', "<div"),
    ],
    ids=["title", "noscript-stylesheet", "script", "body", "result-start", "result-end", "result-section", "error-title", "error"],
)
def test_an_answer_page_is_not_made_from_a_page_without_its_parts(part, instead):
    index = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    assert AnswerPage.from_index(index).error_title == "Couldn't classify that."
    assert index.count(part) == 1
    with pytest.raises(ValueError):
        AnswerPage.from_index(index.replace(part, instead))


@pytest.mark.parametrize("part", ["<title>whatplot · what chart is this?</title>", "<body>", "<!-- /result -->"])
def test_an_answer_page_is_not_made_from_a_page_with_a_part_twice(part):
    index = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        AnswerPage.from_index(index.replace(part, part + "\n" + part))


@pytest.mark.parametrize(
    "body", ["<body>", '<body data-theme="dark">', '<body class="wide">', '<body id="top" class="">'], ids=["bare", "attribute", "class", "empty-class"]
)
def test_the_answer_pages_body_has_the_class_has_result_whatever_else_it_has(body):
    index = (STATIC_DIR / "index.html").read_text(encoding="utf-8").replace("<body>", body)
    (tag,) = re.findall(r"<body\b[^>]*>", the_answer_page_of(index))
    assert re.fullmatch(r'<body(?: id="top")? class="(?:wide )?has-result"(?: data-theme="dark")?>', tag) and tag.count("class=") == 1


# --- The page's words for an answer, which the server gives (web/verdict.py) ---


@pytest.mark.parametrize(
    ("predictions", "eyebrow", "title", "links_title", "sentence", "percents"),
    [
        (
            [("not_a_chart", "Not a chart", 0.93), ("bar", "Bar chart", 0.042)],
            "", "That doesn't look like a chart", "Choosing a chart", "That doesn't look like a chart (93% sure).", ["93%", "4%"],
        ),
        (
            [("bar", "Bar chart", 0.31), ("line", "Line chart", 0.004)],
            "I'm not sure. My best guess:", "Bar chart", "How to make a bar chart",
            "I'm not sure. My best guess: Bar chart, 31% sure.", ["31%", "<1%"],
        ),
        (
            [("area", "Area chart", 0.9996), ("stream", "Streamgraph", 0.0004)],
            "This looks like", "Area chart", "How to make an area chart", "This looks like an Area chart, >99% sure.", [">99%", "<1%"],
        ),
    ],
    ids=["not-a-chart", "not-sure", "sure"],
)  # fmt: skip
def test_the_answer_is_worded_as_the_bot_words_it(predictions, eyebrow, title, links_title, sentence, percents):
    """The page once said "This looks like a Not a chart" with links on "How to make a not a chart", "a Area chart",
    "Best guess · not very sure" where the bot says "I'm not sure", and "100%" for a guess short of certain."""
    wording = word([Prediction(*p) for p in predictions], config.NOT_SURE_BELOW)
    assert (wording.eyebrow, wording.title, wording.links_title, wording.sentence, wording.percents) == (eyebrow, title, links_title, sentence, percents)
    assert wording.unsure == eyebrow.startswith("I'm not sure")
    chart = next(t for t in load_taxonomy() if t.id == predictions[0][0])
    assert wording.links == [{"title": link.title, "url": link.url} for link in chart.links] and wording.links


async def test_the_pages_words_come_with_the_answer_when_asked(aiohttp_client, classifier):
    """The page's script once had a copy of the bot's words (and its own "not sure" threshold): it now shows the server's."""
    predictions = classifier.predict(CHART)
    for threshold, eyebrow in ((0.0, "This looks like"), (1.0, "I'm not sure. My best guess:")):
        client = await aiohttp_client(create_app(classifier, not_sure_below=threshold))
        body = await (await client.post("/api/classify?preview=1&wording=1", data=CHART)).json()
        wording = body.pop("wording")
        assert wording == word(predictions, threshold).to_dict() and wording["eyebrow"] == eyebrow
        assert wording["description"] == next(t.description for t in load_taxonomy() if t.id == predictions[0].label)
        assert body.pop("preview").startswith("data:image/webp") and body == expected(classifier, "body", CHART)
    failed = await (await client.post("/api/classify?wording=1", data=b"not an image")).json()
    assert "wording" not in failed and failed["error"]["type"] == "not_an_image"
