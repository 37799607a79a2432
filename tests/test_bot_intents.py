"""Where Discord refuses the bot the Message Content intent, ``whatplot bot`` runs without it: with its slash
commands, "Name this chart", direct messages and mentions, and says what it can't do."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import discord
import pytest
import simcord

from bot import Settings, WhatplotBot, create_bot
from bot.__main__ import WITHOUT_MESSAGE_CONTENT, main
from bot.asked_about import NO_IMAGE_HINT, OWN_MESSAGE_HINT
from bot.errors import NoImageFound
from bot.help import UNSEEN_WITHOUT_MESSAGE_CONTENT
from classifier import ChartClassifier
from tests.bot_world import BotWorld, assert_answers, refuse_unapproved_intents_at_identify
from tests.images import bar_chart, encode
from tests.test_bot_settings import FAKE_TOKEN, clean_env  # noqa: F401 (a fixture, used by bot_env)

CHART = encode(bar_chart())
#: What the Developer Portal approved: no privileged intent, as for a bot whose owner never turned Message Content on
#: (or one in 100 or more servers that Discord hasn't approved for it).
APPROVED = discord.Intents.default()

Scenario = Callable[[BotWorld], Awaitable[None]]


def run_in_simcord(monkeypatch: pytest.MonkeyPatch, scenario: Scenario) -> list[WhatplotBot]:
    """Have ``whatplot bot`` connect to simcord's Discord, whose Developer Portal approved no privileged intent, in
    place of Discord's: ``WhatplotBot.start`` (what ``Client.run`` awaits: log in, then connect) starts the bot there.
    The bot that connects plays ``scenario`` in a :class:`BotWorld`, then stops. Returns the bots started, as
    they are started."""
    refuse_unapproved_intents_at_identify(monkeypatch, APPROVED)
    started: list[WhatplotBot] = []

    async def start_in_simcord(bot: WhatplotBot, token: str, *, reconnect: bool = True) -> None:
        started.append(bot)
        env = simcord.Env(bot, approved_intents=APPROVED, settle_timeout=10.0)
        await env.start()  # refused, it raises: then Client.run closes the bot, as where Discord refuses it
        try:
            world = BotWorld.create(env)
            await scenario(world)
            world.raise_unexpected_errors()
        finally:
            await bot.close()
            await env.shutdown()

    monkeypatch.setattr(WhatplotBot, "start", start_in_simcord)
    return started


@pytest.fixture
def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def bot_env(clean_env: Path, monkeypatch: pytest.MonkeyPatch, free_port: int) -> int:  # noqa: F811 (the fixture)
    """``whatplot bot``'s settings: a token, and the health endpoint on :func:`free_port`, which it returns."""
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.setenv("WHATPLOT_HEALTH_PORT", str(free_port))
    return free_port


def test_a_refused_intent_is_logged_once_and_the_bot_runs_without_it(
    bot_env: int, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, classifier: ChartClassifier
) -> None:
    health: dict[str, object] = {}

    async def ask_and_check_health(world: BotWorld) -> None:
        slashed = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))
        assert_answers(slashed.response.embeds[0], classifier.predict(CHART))
        # on the port the refused bot listened on before Discord refused it: that bot gave it back
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{bot_env}/healthz") as answer:
            health.update(await answer.json(), http_status=answer.status)

    started = run_in_simcord(monkeypatch, ask_and_check_health)

    assert main([]) == 0
    warnings = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    assert warnings == [WITHOUT_MESSAGE_CONTENT % "!"]
    assert "Message Content Intent" in warnings[0] and FAKE_TOKEN not in caplog.text
    refused, running = started
    assert (refused.intents.message_content, running.intents.message_content) == (True, False)
    # the status under its name no longer offers !whatplot, which Discord doesn't show it in servers
    assert (str(refused.activity), str(running.activity)) == ("Name a chart: /whatplot or !whatplot", "Name a chart: /whatplot")
    assert refused.downloader is not None  # refused at IDENTIFY, as by Discord: after its setup_hook ran
    assert refused.is_closed() and running.inference.classifier is refused.inference.classifier  # the model loaded once
    assert health == {**health, "http_status": 200, "status": "ready", "message_content": False}


def test_without_the_intent_watch_mode_says_it_cannot_see_the_charts(
    bot_env: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def turn_watch_mode_on(world: BotWorld) -> None:
        off = await world.alice.slash(world.channel, "whatplot-watch")
        assert off.response.content == (
            "Watch mode is **off** here: ask me with `/whatplot`, "
            f"or by mentioning me ({world.bot.user.mention}) in a message with the image."
        )  # not with !whatplot, which Discord doesn't show the bot
        slashed = await world.mod.slash(world.channel, "whatplot-watch", mode="on")
        mentioned = await world.mod.send(world.channel, f"{world.bot.user.mention} whatplot-watch on")
        unseen = await world.alice.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])
        status = await world.alice.slash(world.channel, "whatplot-watch")

        for text in (slashed.response.content, world.answer_to(mentioned).content, status.response.content):
            assert text.startswith("Watch mode is **on** here")
            assert "until my owner turns on the Message Content intent" in text
        assert world.bot.get_cog("Watch").store.is_watched(world.channel.id)  # works once the intent is on
        assert not world.answers_to(unseen.id)

    run_in_simcord(monkeypatch, turn_watch_mode_on)

    assert main([]) == 0


def test_without_the_intent_mentions_dms_and_name_this_chart_still_work_and_prefix_commands_cannot(
    bot_env: int, monkeypatch: pytest.MonkeyPatch, classifier: ChartClassifier
) -> None:
    predictions = classifier.predict(CHART)

    async def ask_every_way(world: BotWorld) -> None:
        me = world.bot.user.mention
        mentioned = await world.alice.send(world.channel, me, attachments=[("chart.png", CHART)])
        assert_answers(world.answer_to(mentioned).embeds[0], predictions)
        dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)
        await world.alice.send_dm(attachments=world.env.backend.store_attachments(dm_channel.id, [("c.png", CHART)]))
        (dm_answer,) = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
        assert_answers(dm_answer.embeds[0], predictions)
        posted = await world.bob.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])
        menu = await world.alice.context_menu(world.channel, "Name this chart", posted)
        assert_answers(menu.response.embeds[0], predictions)
        prefixed = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
        assert not world.answers_to(prefixed.id)  # Discord shows the bot neither its words nor its image
        replying = await world.alice.send(world.channel, me, reply_to=posted)
        assert world.answer_to(replying).content == (  # the chart is there: the bot says why it can't see it
            f"The message you replied to has no image I can see. {UNSEEN_WITHOUT_MESSAGE_CONTENT}"
        )
        assert [type(error) for error in world.take_errors()] == [NoImageFound]

    run_in_simcord(monkeypatch, ask_every_way)

    assert main([]) == 0


def test_without_the_intent_only_hints_about_server_messages_say_discord_hides_them(
    bot_env: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Discord shows the bot direct messages, and its own, all the same: a hint about those that blamed the missing
    intent would send the asker after the bot's owner for nothing."""

    async def ask_about_what_the_bot_sees(world: BotWorld) -> None:
        me = world.bot.user.mention
        await world.alice.send_dm("!whatplot")
        (dm_hint,) = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
        assert dm_hint.content == NO_IMAGE_HINT.format(prefix="!")
        answer = await world.alice.send(world.channel, me, attachments=[("chart.png", CHART)])
        replying = await world.alice.send(world.channel, me, reply_to=world.answer_to(answer))
        assert world.answer_to(replying).content == OWN_MESSAGE_HINT
        assert [type(error) for error in world.take_errors()] == [NoImageFound, NoImageFound]

    run_in_simcord(monkeypatch, ask_about_what_the_bot_sees)

    assert main([]) == 0


#: The signals that stop ``whatplot bot`` cleanly: Ctrl-C, and SIGTERM (``kill``, Kubernetes, ``docker stop``).
STOPS = pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])


@STOPS
def test_a_stop_while_the_bot_runs_closes_it_and_exits_cleanly(
    bot_env: int, monkeypatch: pytest.MonkeyPatch, stop_signal: signal.Signals
) -> None:
    """Ctrl-C, or SIGTERM: the bot closes, then exits 0, as a server stopped on purpose does (``whatplot web`` too),
    and puts back the SIGTERM handler it found."""
    closed: list[bool] = []

    async def stop_while_running(world: BotWorld) -> None:
        signal.raise_signal(stop_signal)
        await world.env.external_wait(asyncio.Event().wait(), reason="the bot's task, until the stop cancels it")

    started = run_in_simcord(monkeypatch, stop_while_running)
    close = WhatplotBot.close

    async def close_and_note(bot: WhatplotBot) -> None:
        await close(bot)
        closed.append(bot.is_closed())

    monkeypatch.setattr(WhatplotBot, "close", close_and_note)

    sigterm_handler = signal.getsignal(signal.SIGTERM)
    assert main([]) == 0
    refused, running = started
    assert running.is_closed() and closed and all(closed)
    assert signal.getsignal(signal.SIGTERM) is sigterm_handler  # main put back the handler it found


@STOPS
def test_a_stop_as_the_refused_bot_closes_stops_it_whole(
    bot_env: int,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    stop_signal: signal.Signals,
) -> None:
    """Ctrl-C (or SIGTERM, see ``sigterm_as_ctrl_c``) as the bot Discord refused the intent closes: it closes all the
    same, leaving no connection open, and no other bot starts."""
    started = run_in_simcord(monkeypatch, never_reached)
    close = WhatplotBot.close
    interrupted: list[WhatplotBot] = []

    async def close_as_ctrl_c_comes(bot: WhatplotBot) -> None:
        if not interrupted:
            # asyncio.run's handler, which cancels the bot's task: Python's own would raise KeyboardInterrupt here
            assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
            interrupted.append(bot)
            signal.raise_signal(stop_signal)
        await close(bot)

    monkeypatch.setattr(WhatplotBot, "close", close_as_ctrl_c_comes)

    assert main([]) == 0
    assert started == interrupted and interrupted[0].is_closed()
    started.clear(), interrupted.clear()
    gc.collect()  # an aiohttp session left open says so as it is collected
    assert "Unclosed" not in caplog.text


@STOPS
def test_a_stop_before_the_bot_without_the_intent_starts_ends_it(
    bot_env: int, monkeypatch: pytest.MonkeyPatch, stop_signal: signal.Signals
) -> None:
    """Ctrl-C (or SIGTERM) between the two bots, where no event loop catches it (Client.run's does, while it runs)."""
    started = run_in_simcord(monkeypatch, never_reached)

    def create_bot_as_ctrl_c_comes(settings: Settings, *args: object, message_content: bool = True) -> WhatplotBot:
        if not message_content:  # the second bot's
            signal.raise_signal(stop_signal)  # Python's own handler of Ctrl-C raises KeyboardInterrupt here
        return create_bot(settings, *args)

    monkeypatch.setattr("bot.__main__.create_bot", create_bot_as_ctrl_c_comes)

    try:
        status = main([])
    except KeyboardInterrupt:  # caught, lest it end the test run: it is pytest's own stop
        pytest.fail("Ctrl-C escaped main(): python -m bot would end with its traceback")
    assert status == 0
    (refused,) = started
    assert refused.is_closed()


async def never_reached(world: BotWorld) -> None:
    """A scenario for a bot that must not start."""
    raise AssertionError("a bot without the Message Content intent started")
