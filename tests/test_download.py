"""The guarded downloader against a real local HTTP server (only 127.0.0.1 is let through)."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from aiohttp import web

from classifier.download import ImageDownloader, is_public_address
from classifier.errors import DownloadError, DownloadTimeout, ImageTooLarge, URLRefused
from tests.images import bar_chart, encode

CHART = encode(bar_chart())
LOOPBACK = ipaddress.ip_address("127.0.0.1")


def only_loopback(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Lets the test server through while every other non-public address stays refused."""
    return address == LOOPBACK


def respond(**response: object):
    async def handler(request: web.Request) -> web.Response:
        return web.Response(**response)

    return handler


def redirect(location: str):
    async def handler(request: web.Request) -> web.Response:
        raise web.HTTPFound(location)

    return handler


async def slow(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse()
    await response.prepare(request)
    await response.write(b"\x89PNG")
    await asyncio.sleep(5)
    return response


async def endless(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse()  # chunked: no Content-Length to check up front
    await response.prepare(request)
    for _ in range(100):
        await response.write(b"\0" * 65536)
    return response


@pytest.fixture
async def server_url(aiohttp_server) -> str:
    app = web.Application()
    app.router.add_get("/chart.png", respond(body=CHART, content_type="text/plain"))
    app.router.add_get("/hop", redirect("/chart.png"))
    app.router.add_get("/to-private", redirect("http://10.0.0.7/chart.png"))
    app.router.add_get("/to-metadata", redirect("http://169.254.169.254/latest/meta-data"))
    app.router.add_get("/to-localhost-name", redirect("http://localhost:1/x"))
    app.router.add_get("/loop", redirect("/loop"))
    app.router.add_get("/missing", respond(status=404))
    app.router.add_get("/slow", slow)
    app.router.add_get("/endless", endless)
    app.router.add_get("/huge", respond(body=b"\0" * 200_000))
    server = await aiohttp_server(app)
    return f"http://127.0.0.1:{server.port}"


@pytest.fixture
async def downloader():
    async with ImageDownloader(is_allowed=only_loopback, timeout=3, read_timeout=1, max_bytes=100_000) as d:
        yield d


async def test_fetches_an_image_and_follows_redirects(server_url: str, downloader: ImageDownloader) -> None:
    assert await downloader.fetch(f"{server_url}/chart.png") == CHART  # content type is not trusted either way
    assert await downloader.fetch(f"{server_url}/hop") == CHART


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
async def test_redirects_to_private_addresses_are_refused(server_url: str, downloader: ImageDownloader, path: str) -> None:
    with pytest.raises(URLRefused, match="private or local"):
        await downloader.fetch(server_url + path)


async def test_host_names_are_checked_after_resolution(server_url: str) -> None:
    async with ImageDownloader() as strict:  # the real policy: localhost resolves to loopback
        with pytest.raises(URLRefused, match="private or local"):
            await strict.fetch("http://localhost:9/chart.png")


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.com/x.png", "http://127.0.0.1:9/x", "http://[::1]:9/x", "http://0.0.0.0/x", "http://192.168.1.1/x", "http://[fe80::1]/x", "data:image/png;base64,AAAA"],
)
async def test_bad_schemes_and_literal_addresses_are_refused(url: str) -> None:
    async with ImageDownloader() as strict:
        with pytest.raises(URLRefused):
            await strict.fetch(url)


async def test_slow_server_times_out(server_url: str, downloader: ImageDownloader) -> None:
    with pytest.raises(DownloadTimeout):
        await downloader.fetch(f"{server_url}/slow")


async def test_size_is_capped_with_and_without_content_length(server_url: str, downloader: ImageDownloader) -> None:
    for path in ("/huge", "/endless"):
        with pytest.raises(ImageTooLarge):
            await downloader.fetch(server_url + path)


async def test_http_errors_and_redirect_loops(server_url: str, downloader: ImageDownloader) -> None:
    with pytest.raises(DownloadError, match="404"):
        await downloader.fetch(f"{server_url}/missing")
    with pytest.raises(DownloadError, match="redirects"):
        await downloader.fetch(f"{server_url}/loop")


def test_public_address_policy() -> None:
    public = ["8.8.8.8", "2606:4700:4700::1111"]
    private = ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "224.0.0.1", "0.0.0.0", "::ffff:127.0.0.1", "100.64.0.1"]
    assert all(is_public_address(ipaddress.ip_address(a)) for a in public)
    assert not any(is_public_address(ipaddress.ip_address(a)) for a in private)
