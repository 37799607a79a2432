"""The bot's life as a process: the invite link it logs while it is in no server, and stopping it (``close()``
called more than once)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
import simcord

from bot import Settings, create_bot
from bot.in_flight import RESTARTING
from tests.bot_world import BotWorld
from tests.test_bot_faults import alice_asks_and_her_read_stalls

NO_SERVER = "I'm in no server; invite me to one with "


def invite_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [message for message in caplog.messages if message.startswith(NO_SERVER)]


async def reconnect(env: simcord.Env, bot: object) -> None:
    """The gateway connection drops and comes back with a new session (IDENTIFY): discord.py fires on_ready again."""
    ready = asyncio.Event()

    async def on_ready() -> None:
        ready.set()

    bot.add_listener(on_ready)  # type: ignore[attr-defined]
    shard = bot.get_shard(0)  # type: ignore[attr-defined]
    await shard.disconnect()
    await shard.reconnect()
    async with asyncio.timeout(10):
        await ready.wait()
    bot.remove_listener(on_ready)  # type: ignore[attr-defined]
    await env.settle()


async def test_the_invite_link_is_logged_once_per_stretch_in_no_server(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """on_ready fires again after each reconnect (hourly, for some hosts): the link once is enough. Removed from its
    last server, the bot is in no server again, and its owner wants the link again: it is logged then, once."""
    caplog.set_level(logging.INFO, logger="bot.client")
    bot = create_bot(Settings(shard_count=1, db_path=tmp_path / "w.db", health_port=None))
    env = simcord.Env(bot, settle_timeout=10.0)
    await env.start()
    try:
        assert len(invite_lines(caplog)) == 1
        await reconnect(env, bot)
        await reconnect(env, bot)
        assert len(invite_lines(caplog)) == 1

        guild = env.create_guild()  # invited
        await env.settle()
        await reconnect(env, bot)
        assert bot.guilds and len(invite_lines(caplog)) == 1

        env.backend.remove_guild(guild.id)  # kicked from its one server
        await env.settle()
        assert not bot.guilds and len(invite_lines(caplog)) == 2
        await reconnect(env, bot)
        assert len(invite_lines(caplog)) == 2
    finally:
        await bot.close()
        await env.shutdown()


async def test_a_bot_in_a_server_logs_no_invite_link(world: BotWorld, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.client")
    second = world.env.create_guild()
    await world.env.settle()
    world.env.backend.remove_guild(second.id)  # still in world.guild
    await world.env.settle()

    assert not invite_lines(caplog)


async def test_close_called_twice_at_once_tells_each_asker_once(world: BotWorld, monkeypatch) -> None:
    """A second stop while the bot stops (SIGTERM during a shutdown; discord.py's and our own close): both calls
    wait for the one close, neither raises, and the asker of an unfinished request is told once, not twice."""
    asking, _ = await alice_asks_and_her_read_stalls(world, monkeypatch, 0.2)
    first = asyncio.ensure_future(world.bot.close())
    await asyncio.sleep(0)  # the first is waiting for alice's request now
    second = asyncio.ensure_future(world.bot.close())
    async with asyncio.timeout(10):
        await asyncio.gather(first, second)
    unfinished = await asking

    assert [answer.content for answer in world.answers_to(unfinished.id)] == [RESTARTING]
    assert world.bot.is_closed()


async def test_close_after_close_returns_at_once(world: BotWorld) -> None:
    await world.bot.close()
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with asyncio.timeout(5):
        await world.bot.close()  # as the world fixture's own close does after the test, and discord.py's runner
    assert loop.time() - started < 0.5 and world.bot.is_closed()
