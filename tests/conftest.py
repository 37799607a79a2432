"""Shared fixtures: the real shipped model, loaded once."""

from __future__ import annotations

import asyncio
import signal

import pytest

from classifier import ChartClassifier


@pytest.fixture(scope="session")
def classifier() -> ChartClassifier:
    return ChartClassifier.load()


# --- The Discord bot (tests/test_bot*.py): the real bot against simcord's simulated Discord. ---


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bot_settings(**fields): Settings fields for the `world` fixture's bot")
    # Run in the background by a shell (``pytest &``), the suite starts with Ctrl-C's SIGINT ignored, and every
    # program it starts would inherit that: the tests of Ctrl-C and of SIGTERM (which the bot turns into Ctrl-C)
    # need it handled. A handler, unlike "ignored", is not inherited: the programs start with the default.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def bot_settings(tmp_path, request):
    """Test settings: a fresh database, no health port, short timeouts, URLs allowed only to 127.0.0.1."""
    import ipaddress

    from bot import Settings

    loopback = ipaddress.ip_address("127.0.0.1")
    marker = request.node.get_closest_marker("bot_settings")
    fields = {
        "db_path": tmp_path / "whatplot.db",
        "health_port": None,
        "download_timeout": 1.0,
        "url_policy": lambda address: address == loopback,
        **(marker.kwargs if marker else {}),
    }
    return Settings(**fields)


@pytest.fixture
async def world(bot_settings):
    """A running bot in a guild with a #charts channel and three members (mod can manage channels)."""
    import simcord

    from bot import create_bot
    from tests.bot_world import BotWorld, refuse_command_sync_outside_known_guilds, refuse_replies_to_deleted_messages

    env = simcord.Env(create_bot(bot_settings), settle_timeout=10.0)
    refuse_replies_to_deleted_messages(env)
    refuse_command_sync_outside_known_guilds(env)
    await env.start()
    world = BotWorld.create(env)
    try:
        yield world
    finally:
        await env.bot.close()
        await env.shutdown()
    world.raise_unexpected_errors()


@pytest.fixture
async def discord_cdn(world, aiohttp_server, monkeypatch):
    """Discord's file server for ``world.attachments`` (see :func:`tests.bot_world.serve_discord_cdn`), run locally:
    the link Discord renews an attachment link to leads there. Yields the attachments."""
    from tests.bot_world import serve_discord_cdn

    await serve_discord_cdn(world.attachments, aiohttp_server, monkeypatch)
    yield world.attachments


@pytest.fixture
async def image_server(aiohttp_server):
    """A local HTTP server to download from: /chart.png, /hop (a redirect to it), redirects to private
    addresses and in a loop, /slow, /missing (404), /huge and /endless (too big, with and without Content-Length),
    /dawdle (slow redirects without end), web pages whose preview image is the chart, a private address or
    the page itself, and /bare-page (none), /page-then-stall (its head in two parts, then nothing more), /gallery
    (a page whose preview image /latest.png redirects to the chart), /long-page (one whose preview image is a signed
    link too long for a thumbnail) and /short (a redirect to that link)."""
    from aiohttp import web

    from tests.images import bar_chart, encode

    release = asyncio.Event()

    async def slow(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        await response.write(b"\x89PNG")
        await release.wait()  # until the test ends: far longer than the bot's download timeout
        return response

    def redirect(location: str):
        async def handler(request: web.Request) -> web.Response:
            raise web.HTTPFound(location)

        return handler

    async def missing(request: web.Request) -> web.Response:
        return web.Response(status=404)

    async def huge(request: web.Request) -> web.Response:
        return web.Response(body=b"\0" * 200_000)

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()  # chunked: no Content-Length to check up front
        await response.prepare(request)
        for _ in range(100):
            await response.write(b"\0" * 65536)
        return response

    async def chart(request: web.Request) -> web.Response:
        return web.Response(body=encode(bar_chart()), content_type="image/png")

    async def dawdle(request: web.Request) -> web.Response:
        await asyncio.sleep(0.8)  # each hop well within the read timeout, all of them together not
        raise web.HTTPFound(f"/dawdle?{int(request.query_string or 0) + 1}")

    def page(preview: str | None):
        meta = f'<meta property="og:image" content="{preview}">' if preview else ""
        html = f"<!DOCTYPE html><html><head><title>Weekly numbers</title>{meta}</head><body>...</body></html>"

        async def handler(request: web.Request) -> web.Response:
            return web.Response(text=html, content_type="text/html")

        return handler

    async def page_then_stall(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        await response.write(b'<html><head><meta property="og:image" content="/chart.png"></he')
        await asyncio.sleep(0.2)  # the closing tag arrives split over two reads
        await response.write(b"ad><body>")
        await release.wait()  # the rest of the page never comes
        return response

    app = web.Application()
    app.router.add_get("/chart.png", chart)
    app.router.add_get("/page-then-stall", page_then_stall)
    app.router.add_get("/to-private", redirect("http://10.0.0.7/chart.png"))
    app.router.add_get("/to-metadata", redirect("http://169.254.169.254/latest/meta-data"))
    app.router.add_get("/slow", slow)
    app.router.add_get("/hop", redirect("/chart.png"))
    app.router.add_get("/loop", redirect("/loop"))
    app.router.add_get("/missing", missing)
    app.router.add_get("/huge", huge)
    app.router.add_get("/endless", endless)
    app.router.add_get("/dawdle", dawdle)
    app.router.add_get("/page", page("/chart.png"))
    app.router.add_get("/page-to-private", page("http://10.0.0.7/chart.png"))
    app.router.add_get("/page-to-itself", page("/page-to-itself"))
    app.router.add_get("/bare-page", page(None))
    signed = f"/chart.png?signature={'a1b2' * 600}"  # longer than the 2048 characters Discord takes for a thumbnail
    app.router.add_get("/gallery", page("/latest.png"))  # a page whose preview image redirects
    app.router.add_get("/latest.png", redirect("/chart.png?v=3"))
    app.router.add_get("/long-page", page(signed))  # a page whose preview image is a long signed link
    app.router.add_get("/short", redirect(signed))
    server = await aiohttp_server(app)
    yield str(server.make_url("")).rstrip("/")
    release.set()


@pytest.fixture
async def slow_and_fast(aiohttp_server):
    """Two local servers: one that sends a byte every tenth of a second without end (never tripping a read
    timeout), and one that sends the chart at once."""
    from aiohttp import web

    from tests.images import bar_chart, encode

    chart_bytes = encode(bar_chart())
    release = asyncio.Event()

    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        while not release.is_set():
            await response.write(b"\0")
            await asyncio.sleep(0.1)
        return response

    async def chart(request: web.Request) -> web.Response:
        return web.Response(body=chart_bytes, content_type="image/png")

    servers = []
    for handler in (drip, chart):
        app = web.Application()
        app.router.add_get("/{name}", handler)
        servers.append(str((await aiohttp_server(app)).make_url("")).rstrip("/"))
    yield tuple(servers)
    release.set()
