"""The guarded downloader against a real local HTTP server (only 127.0.0.1 is let through)."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import ipaddress
import pickle
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from aiohttp.compression_utils import HAS_BROTLI, HAS_ZSTD

from classifier.download import (
    MAX_CONNECTIONS_PER_HOST, MAX_LOOKUPS, PAGE_HEAD_BYTES, ImageDownloader, discord_link_expired, is_public_address, preview_image_url,
    without_credentials,
)
from classifier.errors import DownloadError, DownloadTimeout, ImageTooLarge, NotAnImage, URLRefused
from tests.images import bar_chart, encode

CHART = encode(bar_chart())
LOOPBACK = ipaddress.ip_address("127.0.0.1")


def only_loopback(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Lets the test server through while every other non-public address stays refused."""
    return address == LOOPBACK


@pytest.fixture
async def downloader():
    async with ImageDownloader(is_allowed=only_loopback, timeout=3, read_timeout=1, max_bytes=100_000) as d:
        yield d


async def test_fetches_an_image_and_follows_redirects(image_server: str, downloader: ImageDownloader) -> None:
    assert await downloader.fetch(f"{image_server}/chart.png") == CHART
    assert await downloader.fetch(f"{image_server}/hop") == CHART


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
async def test_redirects_to_private_addresses_are_refused(image_server: str, downloader: ImageDownloader, path: str) -> None:
    with pytest.raises(URLRefused, match="private or local"):
        await downloader.fetch(image_server + path)


async def test_host_names_are_checked_after_resolution(image_server: str) -> None:
    async with ImageDownloader() as strict:  # the real policy: localhost resolves to loopback
        with pytest.raises(URLRefused, match="private or local"):
            await strict.fetch("http://localhost:9/chart.png")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd", "ftp://example.com/x.png", "http://127.0.0.1:9/x", "http://[::1]:9/x", "http://0.0.0.0/x", "http://192.168.1.1/x",
        "http://[fe80::1]/x", "data:image/png;base64,AAAA", "http://[::1/x", "http://example.com:99999/x", "http://127.1/x",
        "http://example.com:0/x", "http://exa mple.com/x", "http://example.com/\udcff.png",
    ],
)
async def test_bad_schemes_and_literal_addresses_are_refused(url: str) -> None:
    async with ImageDownloader() as strict:
        with pytest.raises(URLRefused):
            await strict.fetch(url)


@pytest.mark.parametrize("text", ["www.example.com/chart.png", "what chart is this?"])
async def test_a_link_without_http_in_front_says_so(text: str) -> None:
    async with ImageDownloader() as strict:
        with pytest.raises(URLRefused, match=r"^That link doesn't start with http:// or https://\.$"):
            await strict.fetch(text)


async def test_a_host_name_that_maps_to_an_address_is_checked_as_that_address() -> None:
    """aiohttp connects to an address without asking the resolver; IDNA mapping makes "①②⑦.0.0.1" 127.0.0.1."""
    async with ImageDownloader() as strict:
        for url in ("http://①②⑦.0.0.1:9/x", "http://127。0。0。1:9/x"):
            with pytest.raises(URLRefused, match=r"127\.0\.0\.1 is a private or local address"):
                await strict.fetch(url)


async def test_an_address_is_checked_as_the_socket_reads_it() -> None:
    """aiohttp hands "[::1%25]" to the socket still percent-encoded (::1 in zone 25, where decoded, "::1%", it is no
    address), and connects to anything with a colon or of digits and dots without asking the resolver."""
    async with ImageDownloader() as strict:
        for url in ("http://[::1%25]:9/x", "http://[::1%2525]:9/x"):
            with pytest.raises(URLRefused, match="::1%25(25)? is a private or local address"):
                await strict.fetch(url)
        # Browsers read a host whose last label is a number (decimal, octal or 0x hex) as an IPv4 address, and
        # so does the system resolver: "0x7f.1" is 127.0.0.1, which a public server's page may link to.
        for host in ("2130706433", "127.1.", "0", "0x7f.1", "0x7F000001", "0177.0.0.1", "a.0x10", "example.0x", "1.2.3.4.5"):
            with pytest.raises(URLRefused, match="isn't a valid IP address"):
                await strict.fetch(f"http://{host}:9/x")


async def test_an_ipv4_mapped_address_is_named_in_dotted_form() -> None:
    """Python 3.11 prints ::ffff:10.0.0.1 as "::ffff:a00:1", which hides which address it is."""
    async with ImageDownloader() as strict:
        for url in ("http://[::ffff:10.0.0.1]/x.png", "http://[0:0:0:0:0:ffff:a00:1]/x.png"):
            with pytest.raises(URLRefused) as refused:
                await strict.fetch(url)
            assert refused.value.message == "::ffff:10.0.0.1 is a private or local address; I only fetch public URLs."


async def test_host_names_that_end_in_a_word_are_looked_up_not_refused(monkeypatch) -> None:
    """Only a number as the last label makes a host an address; "1.2.3.4.nip.io" and "0x.example" are names."""
    looked_up: list[str] = []

    def no_such_name(host, *args, **kwargs):
        looked_up.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    async with ImageDownloader() as strict:
        for host in ("1.2.3.4.nip.io", "0x.example", "0x7f.example", "123abc"):
            with pytest.raises(DownloadError, match="Can't find the server"):
                await strict.fetch(f"http://{host}/x.png")
    assert looked_up == ["1.2.3.4.nip.io", "0x.example", "0x7f.example", "123abc"]


async def test_an_invalid_domain_name_is_refused_not_raised_as_unicode_error() -> None:
    async with ImageDownloader() as strict:
        for host in ("a..b", ".example.com", "x" * 64 + ".example.com"):
            with pytest.raises(URLRefused, match="isn't a valid domain name"):
                await strict.fetch(f"http://{host}/chart.png")


async def test_messages_quote_at_most_a_short_part_of_a_long_link() -> None:
    """A reply quoting a 5000-character link would not fit in a Discord embed (4096 characters)."""
    long = "x" * 5000
    async with ImageDownloader() as strict:
        for url in (f"http://{long}.example/", f"gopher{long}://example.com/", f"http://example.com:{long}/", f"http://a.example\\{long}"):
            with pytest.raises(URLRefused) as refused:
                await strict.fetch(url)
            assert len(refused.value.message) < 200


@pytest.fixture
async def odd_server(aiohttp_server) -> str:
    """A local server that misbehaves: /redirect?to=LINK redirects to LINK as it is (an invalid URL, or
    nothing), /redirect-nowhere is a redirect without a Location, /page?to=LINK is a page whose preview image
    is LINK, /cut-short hangs up a tenth of the way through its body, /hang-up before answering, /reset resets the
    connection instead, /huge-header sends a 100 KB header, /set-cookie sets one and /cookie sends back
    the request's Cookie header, /latin-1 redirects to /café.png in Latin-1 (not UTF-8), which is the chart,
    /page-to-latin-1 is a page whose preview image is /latin-1, and /odd-reason answers 418 with a reason of a
    byte that isn't UTF-8 and a terminal escape sequence."""
    import socket
    import struct

    from aiohttp import web

    async def redirect(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": request.query["to"]})  # HTTPFound would parse it and fail

    async def redirect_nowhere(request: web.Request) -> web.Response:
        return web.Response(status=302)

    def page(preview: str):
        async def handler(request: web.Request) -> web.Response:
            html = f'<html><head><meta property="og:image" content="{preview}"></head></html>'
            return web.Response(text=html, content_type="text/html")

        return handler

    async def page_to(request: web.Request) -> web.Response:
        return await page(request.query["to"])(request)

    async def cut_short(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Length": str(len(CHART))})
        await response.prepare(request)
        await response.write(CHART[: len(CHART) // 10])
        request.transport.close()
        return response

    async def hang_up(request: web.Request) -> web.Response:
        request.transport.close()
        return web.Response()

    async def reset(request: web.Request) -> web.Response:
        request.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        request.transport.abort()  # with a zero linger time: a TCP reset, not a close
        return web.Response()

    async def huge_header(request: web.Request) -> web.Response:
        return web.Response(body=CHART, headers={"X-Padding": "a" * 100_000})

    async def set_cookie(request: web.Request) -> web.Response:
        response = web.Response(body=CHART)
        response.set_cookie("session", "from-an-earlier-download", max_age=3600)
        return response

    async def cookie(request: web.Request) -> web.Response:
        return web.Response(text=request.headers.get("Cookie", ""))

    async def latin_1(request: web.Request) -> web.Response:
        request.transport.write(b"HTTP/1.1 302 Found\r\nLocation: /caf\xe9.png\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        request.transport.close()  # aiohttp won't send a header that isn't UTF-8
        return web.Response()

    async def cafe(request: web.Request) -> web.Response:
        return web.Response(body=CHART) if request.raw_path == "/caf%E9.png" else web.Response(status=404)

    async def odd_reason(request: web.Request) -> web.Response:
        request.transport.write(b"HTTP/1.1 418 \xff \x1b[2Jteapot\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        request.transport.close()
        return web.Response()

    app = web.Application()
    for path, handler in (
        ("/redirect", redirect), ("/redirect-nowhere", redirect_nowhere), ("/page", page_to),
        ("/page-to-latin-1", page("/latin-1")), ("/cut-short", cut_short),
        ("/hang-up", hang_up), ("/reset", reset), ("/huge-header", huge_header), ("/set-cookie", set_cookie), ("/cookie", cookie),
        ("/latin-1", latin_1), ("/{name:caf.*}", cafe), ("/odd-reason", odd_reason),
    ):
        app.router.add_get(path, handler)
    return str((await aiohttp_server(app)).make_url("")).rstrip("/")


@pytest.mark.parametrize(
    ("path", "link", "message"),
    [
        ("/redirect", "http://[::1", "The server's redirect isn't a valid URL (Invalid IPv6 URL)."),
        ("/redirect", "http://example.com:99999/x.png", "The server's redirect isn't a valid URL (Port out of range 0-65535)."),
        ("/redirect", "http://127.1/x.png", "The server's redirect has the host '127.1', which isn't a valid IP address."),
        ("/redirect", "http://a..b/x.png", "The host name 'a..b' isn't a valid domain name."),
        ("/page", "http://[::1/x.png", "The page's preview image link isn't a valid URL (Invalid IPv6 URL)."),
        ("/page", "http://exa mple.com/x.png", "The page's preview image link isn't a valid URL (no host has that port or a blank in its name)."),
        ("/redirect", "ftp://example.com/x.png", "The server's redirect isn't an http or https link (it is ftp:)."),
        ("/redirect", "file:///etc/passwd", "The server's redirect isn't an http or https link (it is file:)."),
        ("/redirect", "data:image/png;base64,AAAA", "The server's redirect isn't an http or https link (it is data:)."),
        ("/page", "data:image/png;base64,AAAA", "The page's preview image link isn't an http or https link (it is data:)."),
        ("/redirect", "http://0x7f.1/x.png", "The server's redirect has the host '0x7f.1', which isn't a valid IP address."),
        ("/redirect", "http://[::ffff:10.0.0.1]/x.png", "::ffff:10.0.0.1 is a private or local address; I only fetch public URLs."),
    ],
)
async def test_an_unparsable_link_from_a_server_is_blamed_on_the_server(
    odd_server: str, downloader: ImageDownloader, path: str, link: str, message: str
) -> None:
    """Not "That link isn't a valid URL": the link the user sent was fine."""
    with pytest.raises(URLRefused) as refused:
        await downloader.fetch(f"{odd_server}{path}?{urlencode({'to': link})}")
    assert refused.value.message == message


@pytest.mark.parametrize("path", ["/redirect?to=", "/redirect-nowhere"])
async def test_a_redirect_to_nowhere_is_named(odd_server: str, downloader: ImageDownloader, path: str) -> None:
    """An empty Location leads back to the same link: not "Too many redirects"."""
    with pytest.raises(DownloadError) as answered:
        await downloader.fetch(odd_server + path)
    assert answered.value.message == "The server redirected without saying where to."


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/cut-short", "broke off sending the image"), ("/hang-up", "hung up without sending"), ("/reset", "connection to the server broke"),
        ("/huge-header", "isn't valid HTTP"),
    ],
)
async def test_a_misbehaving_server_is_described_not_named_by_exception_class(
    odd_server: str, downloader: ImageDownloader, path: str, words: str
) -> None:
    with pytest.raises(DownloadError, match=words):
        await downloader.fetch(odd_server + path)


async def test_a_redirect_whose_location_is_not_utf8_is_followed_as_a_browser_does(odd_server: str, downloader: ImageDownloader) -> None:
    assert await downloader.fetch(odd_server + "/latin-1") == CHART


async def test_a_pages_preview_image_is_not_counted_as_a_redirect(odd_server: str) -> None:
    async with ImageDownloader(is_allowed=only_loopback, max_redirects=1) as downloader:
        assert await downloader.fetch(odd_server + "/page-to-latin-1") == CHART  # page, one redirect, image


async def test_a_pages_preview_image_that_fails_is_named_as_the_one_that_failed(odd_server: str, downloader: ImageDownloader) -> None:
    """The page the user linked was there: "The server answered 404" alone would say it wasn't."""
    with pytest.raises(DownloadError) as answered:
        await downloader.fetch(f"{odd_server}/page?{urlencode({'to': '/gone.png'})}")
    assert answered.value.message == "The server answered 404 Not Found for the page's preview image."


async def test_a_servers_words_are_quoted_printable(odd_server: str, downloader: ImageDownloader) -> None:
    """A lone surrogate (from a byte that isn't UTF-8) can't be encoded for a reply at all."""
    with pytest.raises(DownloadError) as answered:
        await downloader.fetch(odd_server + "/odd-reason")
    assert answered.value.message == "The server answered 418 \ufffd \ufffd[2Jteapot."


async def test_cookies_are_not_kept_from_one_download_to_the_next(odd_server: str) -> None:
    """The downloader serves every user: what one server set must not go along with anyone's later downloads.
    (By a host name: cookies from an address are never kept.)"""
    server = odd_server.replace("127.0.0.1", "localhost")
    async with ImageDownloader(is_allowed=lambda address: address.is_loopback) as downloader:
        assert await downloader.fetch(server + "/set-cookie") == CHART
        assert await downloader.fetch(server + "/cookie") == b""


@functools.cache
def _bomb(compress: Callable[[bytes], bytes]) -> bytes:
    return compress(b"\0" * 50_000_000)  # 50 MB of zeros in about 50 KB


@pytest.fixture
async def raw_server() -> str:
    """A server that writes each answer byte for byte as written below (framing no HTTP library would send), then
    hangs up; the request's path names the answer."""
    import gzip
    import zlib

    answers = {
        "gzip-bomb": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(bomb := _bomb(gzip.compress)) + bomb,
        "deflate-bomb": b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: %d\r\n\r\n" % len(bomb := _bomb(zlib.compress)) + bomb,
        "gzipped-chart": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(gz := gzip.compress(CHART)) + gz,
        "brotli": b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 4\r\n\r\n\x0b\x01\x80\x03",  # not asked for
        "zstd": b"HTTP/1.1 200 OK\r\nContent-Encoding: zstd\r\nContent-Length: 13\r\n\r\n(\xb5/\xfd\x00X!\x00\x00chart",  # nor this
        "gzip-twice": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip, gzip\r\nContent-Length: %d\r\n\r\n" % len(gz2 := gzip.compress(gz)) + gz2,
        "x-gzip": b"HTTP/1.1 200 OK\r\nContent-Encoding: x-gzip\r\nContent-Length: %d\r\n\r\n" % len(gz) + gz,
        "compress": b"HTTP/1.1 200 OK\r\nContent-Encoding: compress\r\nContent-Length: 5\r\n\r\n\x1f\x9d\x90ab",
        "utf8-labelled-chart": b"HTTP/1.1 200 OK\r\nContent-Encoding: utf-8\r\nContent-Length: %d\r\n\r\n" % len(CHART) + CHART,
        "identity-chart": b"HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Length: %d\r\n\r\n" % len(CHART) + CHART,
        "length-too-long": b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (len(CHART) + 100) + CHART,
        "length-absurd": b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n" + CHART,
        "length-twice": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n" + CHART,
        "chunked-and-length": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n%x\r\n" % len(CHART) + CHART + b"\r\n0\r\n\r\n",
        "http-1.0": b"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n\r\n" + CHART,
        "http-1.0-huge": b"HTTP/1.0 200 OK\r\n\r\n" + b"\0" * 1_000_000,
    }

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = await reader.readuntil(b"\r\n\r\n")
        writer.write(answers[request.split(b" ")[1].decode().strip("/")])
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    async with server:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


#: What a compressed answer aiohttp can't undo gets (a br or zstd one when their packages aren't installed, when it
#: doesn't ask for them), rather than "isn't valid HTTP" or "isn't an image".
UNPACK = r"The server sent the image compressed \(Content-Encoding: %s\) in a way I didn't ask for and can't unpack\."


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("gzip-bomb", ImageTooLarge, "The image is bigger than"),
        ("deflate-bomb", ImageTooLarge, "The image is bigger than"),
        ("http-1.0-huge", ImageTooLarge, "The image is bigger than"),
        pytest.param("brotli", DownloadError, UNPACK % "br", marks=pytest.mark.skipif(HAS_BROTLI, reason="aiohttp asks for br")),
        pytest.param("zstd", DownloadError, UNPACK % "zstd", marks=pytest.mark.skipif(HAS_ZSTD, reason="aiohttp asks for zstd")),
        ("gzip-twice", DownloadError, UNPACK % "gzip, gzip"),
        ("x-gzip", DownloadError, UNPACK % "x-gzip"),
        ("compress", DownloadError, UNPACK % "compress"),
        ("length-too-long", DownloadError, "broke off sending the image"),
        ("length-absurd", DownloadError, "isn't valid HTTP"),
        ("length-twice", DownloadError, "isn't valid HTTP"),
        ("chunked-and-length", DownloadError, "isn't valid HTTP"),
    ],
)
async def test_hostile_framing_and_compression_are_stopped(raw_server: str, downloader: ImageDownloader, path, error, message) -> None:
    """A compression bomb is cut off at the size limit as it is inflated, and framing that is ambiguous (both
    chunked and a length, two lengths) or broken is refused, never guessed at."""
    start = time.monotonic()
    with pytest.raises(error, match=message):
        await downloader.fetch(f"{raw_server}/{path}")
    assert time.monotonic() - start < 1


@pytest.mark.parametrize("path", ["gzipped-chart", "http-1.0", "utf8-labelled-chart", "identity-chart"])
async def test_a_compressed_or_http_1_0_image_arrives_whole(raw_server: str, downloader: ImageDownloader, path: str) -> None:
    assert await downloader.fetch(f"{raw_server}/{path}") == CHART


async def test_a_link_with_a_fragment_or_a_user_name_is_fetched(image_server: str, downloader: ImageDownloader) -> None:
    """The fragment stays here (it isn't sent); a user name and password go to that server, as a browser sends them."""
    assert await downloader.fetch(f"{image_server}/chart.png#section") == CHART
    assert await downloader.fetch(image_server.replace("://", "://user:secret@") + "/chart.png") == CHART


async def test_an_https_link_to_a_plain_http_server_is_named(image_server: str, downloader: ImageDownloader) -> None:
    with pytest.raises(DownloadError, match=r"Can't make a secure \(https\) connection to 127\.0\.0\.1\."):
        await downloader.fetch(image_server.replace("http://", "https://") + "/chart.png")


async def test_an_expired_discord_link_is_named_before_any_connection() -> None:
    expired, valid = f"{int(time.time()) - 60:x}", f"{int(time.time()) + 3600:x}"
    async with ImageDownloader(is_allowed=lambda address: False) as refusing:  # any connection would be refused
        with pytest.raises(DownloadError, match="Discord attachment link has expired"):
            await refusing.fetch(f"https://cdn.discordapp.com/attachments/1/2/chart.png?ex={expired}&is=00&hm=00")
        with pytest.raises(DownloadError) as still_valid:  # fetched: refused at its address, or no DNS here
            await refusing.fetch(f"https://media.discordapp.net/attachments/1/2/chart.png?ex={valid}&is=00&hm=00")
        assert "expired" not in still_valid.value.message


async def test_slow_server_times_out(image_server: str, downloader: ImageDownloader) -> None:
    with pytest.raises(DownloadTimeout):
        await downloader.fetch(f"{image_server}/slow")


async def test_the_timeout_covers_all_redirects_together(image_server: str) -> None:
    # 0.8 s hops: each within the 1 s read timeout and the 1.2 s total of one request, two over the 1.2 s total
    async with ImageDownloader(is_allowed=only_loopback, timeout=1.2, read_timeout=1, max_bytes=100_000) as downloader:
        with pytest.raises(DownloadTimeout):
            await downloader.fetch(f"{image_server}/dawdle")


async def test_size_is_capped_with_and_without_content_length(image_server: str, downloader: ImageDownloader) -> None:
    for path in ("/huge", "/endless"):
        with pytest.raises(ImageTooLarge):
            await downloader.fetch(image_server + path)


async def test_http_errors_and_redirect_loops(image_server: str, downloader: ImageDownloader) -> None:
    with pytest.raises(DownloadError, match="404"):
        await downloader.fetch(f"{image_server}/missing")
    with pytest.raises(DownloadError, match="redirects"):
        await downloader.fetch(f"{image_server}/loop")


async def test_a_web_page_is_followed_to_its_preview_image(image_server: str, downloader: ImageDownloader) -> None:
    assert await downloader.fetch(f"{image_server}/page") == CHART


async def test_a_download_names_the_pictures_link(image_server: str, odd_server: str, downloader: ImageDownloader) -> None:
    """The link to show the picture by (the bot's thumbnail): the one asked for, or a page's preview image link;
    not where their redirects led (see :class:`~classifier.download.Downloaded` for why)."""
    for asked, picture in [
        (f"{image_server}/chart.png", f"{image_server}/chart.png"),
        (f"{image_server}/hop", f"{image_server}/hop"),  # a redirect: Discord follows it too
        (f"{image_server}/page", f"{image_server}/chart.png"),  # a page: its preview image
        (f"{odd_server}/page-to-latin-1", f"{odd_server}/latin-1"),  # a page whose preview image redirects
    ]:
        downloaded = await downloader.fetch(asked)
        assert (downloaded, downloaded.url) == (CHART, picture)
    assert copy.copy(downloaded).url == pickle.loads(pickle.dumps(downloaded)).url == picture


async def test_a_page_is_read_only_up_to_the_end_of_its_head_even_when_the_tag_is_split(
    image_server: str, downloader: ImageDownloader
) -> None:
    assert await downloader.fetch(f"{image_server}/page-then-stall") == CHART


async def test_a_preview_image_is_guarded_like_any_link(image_server: str, downloader: ImageDownloader) -> None:
    with pytest.raises(URLRefused, match="private or local"):
        await downloader.fetch(f"{image_server}/page-to-private")


async def test_pages_are_followed_once_and_a_page_without_a_preview_is_named(
    image_server: str, downloader: ImageDownloader
) -> None:
    assert (await downloader.fetch(f"{image_server}/page-to-itself")).startswith(b"<!DOCTYPE html>")
    with pytest.raises(NotAnImage, match="web page without a preview image"):
        await downloader.fetch(f"{image_server}/bare-page")


BUSY = "Too many downloads are under way right now; try again in a moment."
SLOW = "The server took too long to send the image."


async def test_slow_servers_cannot_hold_up_downloads_from_another(slow_and_fast: tuple[str, str]) -> None:
    """100 downloads at once, half from a server that never finishes: those from the other still come at once,
    where they once waited for all the connections the slow server held, and failed as "took too long"."""
    slow, fast = slow_and_fast
    async with ImageDownloader(is_allowed=only_loopback, timeout=3, read_timeout=1) as downloader:
        stuck = [asyncio.create_task(downloader.fetch(f"{slow}/{i}.png")) for i in range(50)]
        start = time.monotonic()
        assert await asyncio.gather(*(downloader.fetch(f"{fast}/{i}.png") for i in range(50))) == [CHART] * 50
        assert time.monotonic() - start < 2.5  # under the 3 s the slow server's would take: never waited for
        for task in stuck:
            task.cancel()
        await asyncio.gather(*stuck, return_exceptions=True)


async def test_waiting_for_a_free_connection_is_not_blamed_on_the_server(slow_and_fast: tuple[str, str]) -> None:
    slow, _ = slow_and_fast
    async with ImageDownloader(is_allowed=only_loopback, timeout=1, read_timeout=1) as downloader:
        fetches = (downloader.fetch(f"{slow}/{i}.png") for i in range(MAX_CONNECTIONS_PER_HOST + 2))
        answers = await asyncio.gather(*fetches, return_exceptions=True)
    assert sorted(answer.message for answer in answers) == [SLOW] * MAX_CONNECTIONS_PER_HOST + [BUSY] * 2


async def test_a_server_that_never_answers_times_out_on_its_read_timeout(downloader: ImageDownloader) -> None:
    """It takes the connection, then sends not a byte."""
    held: list[asyncio.StreamWriter] = []
    server = await asyncio.start_server(lambda reader, writer: held.append(writer), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    start = time.monotonic()
    async with server:
        with pytest.raises(DownloadTimeout, match=SLOW):
            await downloader.fetch(f"http://127.0.0.1:{port}/chart.png")
    assert time.monotonic() - start < 2  # the fixture's 1 s read timeout, not its 3 s in all
    assert held


async def test_a_cancelled_download_gives_its_connection_back(slow_and_fast: tuple[str, str]) -> None:
    """Cancelled mid-download, as a bot command is when the bot stops: every connection to that server is free again."""
    slow, _ = slow_and_fast
    async with ImageDownloader(is_allowed=only_loopback, timeout=1, read_timeout=1) as downloader:
        cancelled = [asyncio.create_task(downloader.fetch(f"{slow}/{i}.png")) for i in range(MAX_CONNECTIONS_PER_HOST)]
        await asyncio.sleep(0.3)  # each is reading its endless body
        for task in cancelled:
            task.cancel()
        await asyncio.gather(*cancelled, return_exceptions=True)
        assert all(task.cancelled() for task in cancelled)
        with pytest.raises(DownloadTimeout, match=SLOW):  # it got a connection: not BUSY
            await downloader.fetch(f"{slow}/again.png")


async def test_slow_name_lookups_hold_up_neither_other_work_nor_other_downloads(image_server: str, monkeypatch) -> None:
    """A lookup can't be stopped: one for a name whose name server answers late holds its thread past its
    download's timeout. Such lookups once filled the event loop's default executor, which runs other work too
    (the CLI classifies in it), and queued other lookups behind them."""
    resolve, answer = socket.getaddrinfo, threading.Event()

    def late_for_slow_names(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".slow.test"):
            answer.wait(10)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", late_for_slow_names)
    by_name = image_server.replace("127.0.0.1", "localhost") + "/chart.png"
    try:
        async with ImageDownloader(is_allowed=lambda address: address.is_loopback, timeout=0.5) as downloader:
            fetches = (downloader.fetch(f"http://n{i}.slow.test/x.png") for i in range(MAX_LOOKUPS + 1))
            answers = await asyncio.gather(*fetches, return_exceptions=True)
            assert sorted(answer.message for answer in answers) == [SLOW] * MAX_LOOKUPS + [BUSY]  # one more is refused at once
            async with asyncio.timeout(0.5):
                await asyncio.get_running_loop().run_in_executor(None, int)
            start = time.monotonic()
            with pytest.raises(DownloadError, match=BUSY):
                await downloader.fetch(by_name)
            assert time.monotonic() - start < 0.4  # refused at once, not after its own 0.5 s timeout
            answer.set()
            await asyncio.sleep(0.2)  # the slow lookups end, and give their threads back
            assert await downloader.fetch(by_name) == CHART
    finally:
        answer.set()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<meta name="twitter:image" content="/t.png"><meta property="og:image" content="img/og.png">', "https://a.example/post/img/og.png"),
        ("<META PROPERTY='og:image:secure_url' CONTENT='https://cdn.example/x.png?a=1&amp;b=2'>", "https://cdn.example/x.png?a=1&b=2"),
        ('<meta name="twitter:image" content="//cdn.example/t.png">', "https://cdn.example/t.png"),
        ('<meta property="og:image" content="  ">', None),
        ('<!-- <meta property="og:image" content="old.png"> --><meta property=og:image content=/new.png?a=b/>', "https://a.example/new.png?a=b/"),
        ("<script>s = '<meta property=\"og:image\" content=\"x.png\">'</SCRIPT>", None),
        ("<title>no preview</title>", None),
    ],
)
def test_preview_image_url_reads_open_graph_and_twitter_tags(html: str, expected: str | None) -> None:
    assert preview_image_url(f"<html><head>{html}</head></html>".encode(), "https://a.example/post/1") == expected


@pytest.mark.parametrize("junk", ["<a", "</", "<?", "<!--"])
def test_preview_image_url_takes_a_moment_even_for_hostile_markup(junk: str) -> None:
    """html.parser takes seconds for a quarter of a page's head of such markup (minutes for all of it), during
    which the event loop, and every other download and reply, stands still."""
    page = (junk * (PAGE_HEAD_BYTES // 4 // len(junk))).encode()
    start = time.monotonic()
    assert preview_image_url(page, "https://a.example/") is None
    assert time.monotonic() - start < 0.5


def test_public_address_policy() -> None:
    public = ["8.8.8.8", "2606:4700:4700::1111", "2002:808:808::1"]
    private = [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "224.0.0.1", "0.0.0.0", "::ffff:127.0.0.1", "100.64.0.1",
        "2002:7f00:1::", "2002:a00:7::1", "2002:a9fe:a9fe::", "fec0::1",  # 6to4 wrapping loopback, private and link-local IPv4; old site-local
    ]
    assert all(is_public_address(ipaddress.ip_address(a)) for a in public)
    assert not any(is_public_address(ipaddress.ip_address(a)) for a in private)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://ann:s3cret@example.org/chart.png", "https://example.org/chart.png"),
        ("http://token@example.org:8080/a?b=c@d", "http://example.org:8080/a?b=c@d"),
        ("https://example.org/who@where.png", "https://example.org/who@where.png"),
        ("http://[oops:pw@host/", "http://host/"),
    ],
)
def test_a_link_shown_in_the_log_keeps_no_password(url: str, shown: str) -> None:
    assert without_credentials(url) == shown


@pytest.mark.parametrize(
    ("url", "renew"),
    [
        ("https://cdn.discordapp.com/attachments/1/2/a.png", True),  # no signature
        ("https://cdn.discordapp.com/attachments/1/2/a.png?ex=zz&is=1&hm=2", True),  # a garbled expiry time
        ("https://media.discordapp.net/ephemeral-attachments/1/2/a.png?ex=1&is=1&hm=2", True),
        ("https://cdn.discordapp.com/attachments/1/2/a.png?ex=ffffffffff&is=1&hm=2", False),  # valid for ages
        ("https://cdn.discordapp.com/avatars/1/abc.png", False),  # not an attachment: never signed
        ("https://example.com/attachments/1/2/a.png", False),
        ("http://[oops/attachments/1/2/a.png", False),  # malformed: the downloader says so
    ],
)
def test_which_discord_links_have_expired(url: str, renew: bool) -> None:
    assert discord_link_expired(url) is renew
