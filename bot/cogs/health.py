"""``GET /healthz`` on a local port: 200 while the gateway is connected, else 503.

The model is loaded before the bot is built, so "ready" means the gateway session is up; "reconnecting", that it
was and is lost (Discord down, the network gone), however long discord.py tries again. The Docker healthcheck
polls it. Disabled when ``WHATPLOT_HEALTH_PORT=off``.
"""

from __future__ import annotations

import errno
import socket
import logging
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import BadHttpMessage
from discord.ext import commands

from bot.client import WhatplotBot

log = logging.getLogger(__name__)


class _ServerLog(logging.LoggerAdapter):
    """The health server's log: a malformed request (a port scanner's, a client's mistake) is one line, not
    an error with aiohttp's traceback; an error of the endpoint itself keeps its traceback."""

    def exception(self, msg: object, *args: object, exc_info: object = True, **kwargs: Any) -> None:
        if isinstance(exc_info, BadHttpMessage):
            self.info("Refused a malformed request to the health endpoint (%s)", type(exc_info).__name__)
        else:
            self.error(msg, *args, exc_info=exc_info, **kwargs)


def gateway_connected(bot: WhatplotBot) -> bool:
    """Whether every gateway connection of ``bot`` (one a shard) is open now: discord.py stays "ready" while it
    reconnects."""
    if isinstance(bot, commands.AutoShardedBot):
        return all(not shard.is_closed() for shard in bot.shards.values())
    return bot.ws is not None and bot.ws.open


class Health(commands.Cog):
    """Serves the health endpoint for as long as the bot runs."""

    def __init__(self, bot: WhatplotBot, host: str, port: int) -> None:
        self.bot = bot
        self.host = host
        self.port = port
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0, logger=_ServerLog(log))

    async def cog_load(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            raise
        self.port = self._runner.addresses[0][1]  # the real port when 0 asked for a free one
        log.info("Health endpoint on http://%s:%d/healthz", self.host, self.port)

    async def cog_unload(self) -> None:
        await self._runner.cleanup()

    async def healthz(self, request: web.Request) -> web.Response:
        """Readiness as JSON: ``status`` is "ready", "reconnecting" or "starting"; ``message_content``, whether
        Discord gave the bot the Message Content intent (without it, the bot runs with fewer ways to ask it)."""
        if not self.bot.is_ready() or self.bot.is_closed():
            status = "starting"
        else:
            status = "ready" if gateway_connected(self.bot) else "reconnecting"
        body = {
            "status": status,
            "guilds": len(self.bot.guilds),
            "inference_pending": self.bot.inference.pending,
            "message_content": self.bot.intents.message_content,
        }
        return web.json_response(body, status=200 if status == "ready" else 503)


async def setup(bot: WhatplotBot) -> None:
    settings = bot.settings
    if settings.health_port is None:
        log.info("Health endpoint disabled")
        return
    try:
        await bot.add_cog(Health(bot, settings.health_host, settings.health_port))
    except OSError as exc:  # the bot is worth more than its health endpoint: it runs on without it
        where = f"{settings.health_host}:{settings.health_port}"
        reason = exc.strerror or exc
        if exc.errno == errno.EADDRINUSE:
            fix = "is in use. Set WHATPLOT_HEALTH_PORT to a free port, or to off."
        elif exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):  # the host: not this machine's
            fix = (
                f"can't be listened on ({reason}). Set WHATPLOT_HEALTH_HOST to an address of this machine "
                "(127.0.0.1, or 0.0.0.0 for every interface), or WHATPLOT_HEALTH_PORT to off."
            )
        else:  # a port under 1024 without the privilege to listen on it, say
            fix = f"can't be listened on ({reason}). Set WHATPLOT_HEALTH_PORT to a free port over 1023, or to off."
        log.error("Health endpoint not started: %s %s", where, fix)
