"""Faults in the middle of a request, and limits: what the other bot tests don't try yet."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from bot.cogs.error_handler import DISCORD_FAILED
from bot.in_flight import RESTARTING
from classifier import ChartClassifier
from tests.bot_world import BotWorld, _fail_after, assert_answers
from tests.images import bar_chart, encode

CHART = encode(bar_chart())
#: Ten charts: an answer in text (where the bot may not embed links) takes several messages.
TEN_CHARTS = [(f"chart{i}.png", CHART) for i in range(1, 11)]


def buttons(message: discord.Message) -> list[discord.ui.Item[Any]]:
    """The buttons of ``message``: its 🗑️, where it has one."""
    return [child for row in message.components for child in getattr(row, "children", [])]


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The records logged at ERROR or with a traceback."""
    return [record for record in caplog.records if record.levelname == "ERROR" or record.exc_info]


def around_posts(
    world: BotWorld,
    monkeypatch: pytest.MonkeyPatch,
    *,
    before: Callable[[int], None] = lambda post: None,
    after: Callable[[int], Awaitable[None]] | None = None,
) -> None:
    """Run ``before(n)`` as the bot makes its ``n``-th post (``POST /channels/{id}/messages``), and ``after(n)`` once
    Discord took it."""
    send = world.bot.http.send_message
    posts = 0

    async def send_between(*args: object, **kwargs: object) -> object:
        nonlocal posts
        posts += 1
        before(posts)
        sent = await send(*args, **kwargs)
        if after is not None:
            await after(posts)
        return sent

    monkeypatch.setattr(world.bot.http, "send_message", send_between)


async def test_a_text_answer_discord_fails_to_finish_leaves_no_part_without_its_delete_button(
    world: BotWorld, monkeypatch, caplog
) -> None:
    """Discord takes the first part of an answer in text, then fails the second, sent again too: the first, which has
    no 🗑️ (it sits on the last part), isn't left in the channel for good; the asker is told to try again."""
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)

    def fail_the_second_part(post: int) -> None:
        if post in (2, 3):  # the second part, and that part sent again
            raise discord.DiscordServerError(SimpleNamespace(status=503, reason="Service Unavailable"), "down")

    around_posts(world, monkeypatch, before=fail_the_second_part)
    request = await world.alice.send(channel, "!whatplot", attachments=TEN_CHARTS)

    (told,) = world.answers_to(request.id, channel)
    assert told.content == DISCORD_FAILED
    assert not errors_logged(caplog)
    assert [error.status for error in world.take_errors()] == [503]  # type: ignore[attr-defined]


@pytest.mark.parametrize("asked", ["asked", "watch mode"])
async def test_a_text_answer_barred_between_its_parts_comes_whole_by_dm_or_not_at_all(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, caplog, asked: str
) -> None:
    """A moderator takes Send Messages away while the bot posts an answer in text, part by part: the answer comes
    whole by DM, under one note, its 🗑️ deleting it all there, none of it left in the channel; watch mode's comes
    nowhere (nobody asked for a DM)."""
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    if asked == "watch mode":
        await world.mod.send(channel, "!whatplot-watch on")

    async def bar_the_bot(post: int) -> None:
        if post == 1:  # the answer's first part
            world.deny_the_bot(channel, embed_links=True, send_messages=True)
            await asyncio.sleep(0.05)  # discord.py hears of it (CHANNEL_UPDATE) before the next part

    posted = len(world.answers(channel))
    around_posts(world, monkeypatch, after=bar_the_bot)
    content = "!whatplot" if asked == "asked" else "our numbers"
    await world.alice.send(channel, content, attachments=TEN_CHARTS)

    assert len(world.answers(channel)) == posted  # no part left behind
    dm = world.alice.user.dm_channel
    dms = [m for m in dm.history() if m.author.id == world.bot.user.id] if dm else []
    if asked == "watch mode":
        assert dms == []
        assert "Discord refused the post for my permissions" in caplog.text
        return
    note = f"I'm not allowed to post in {channel.mention}, so here is my answer."
    assert sum(m.content.count(note) for m in dms) == 1
    assert [len(buttons(m)) for m in dms] == [0] * (len(dms) - 1) + [1]
    text = "\n".join(m.content for m in dms)
    assert text.count(f"{classifier.predict(CHART)[0].name} · ") == len(TEN_CHARTS)
    await world.alice.user.click(dms[-1], label="Delete")
    assert [m for m in dm.history() if m.author.id == world.bot.user.id] == []


async def test_a_chart_shown_only_as_an_embeds_thumbnail_is_named_when_asked_about(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """An alert bot's embed may show its chart as the thumbnail only, with a link to its dashboard: asked about (a
    reply, "Name this chart"), the bot names the chart it shows, not the page nor "no image". A bare command still
    passes over it, as watch mode does: the bot's own answers show their charts so."""
    backend = world.env.backend
    alerts = world.guild.add_member(world.env.create_user("alerts", bot=True))
    embed = {"type": "rich", "title": "Latency over SLO", "thumbnail": {"url": f"{image_server}/chart.png"}}
    dashboard = "<https://grafana.example/d/latency>"  # a link to the page the alert comes from: no picture
    posted = backend.create_message(world.channel.id, alerts.id, f"Dashboard: {dashboard}", embeds=[embed])
    await world.env.settle()
    alert = await world.bot.get_channel(world.channel.id).fetch_message(posted.id)
    predictions = classifier.predict(CHART)

    on_menu = await world.alice.context_menu(world.channel, "Name this chart", alert)
    assert_answers(on_menu.response.embeds[0], predictions)
    request = await world.alice.send(world.channel, "!whatplot", reply_to=alert)
    assert_answers(world.answer_to(request).embeds[0], predictions)

    bare = await world.bob.send(world.channel, "!whatplot")
    assert world.answer_to(bare).content.startswith("I couldn't find an image.")
    assert [error.kind for error in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]


async def test_a_watched_chart_deleted_while_its_answer_in_text_goes_out_leaves_none_of_it(
    world: BotWorld, monkeypatch, caplog
) -> None:
    """Its author deletes a watched message of ten charts while the bot posts its answer in text, part by part: the
    parts that went out, replies to nothing now and without the 🗑️ (on the last part), are taken back."""
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    await world.mod.send(channel, "!whatplot-watch on")
    posted = len(world.answers(channel))

    async def delete_the_charts(post: int) -> None:
        if post == 1:  # the answer's first part
            world.env.backend.delete_message(channel.id, charts.id)

    around_posts(world, monkeypatch, after=delete_the_charts)
    charts = world.post_via_backend(world.alice, "our numbers", TEN_CHARTS, channel=channel)
    await world.env.settle()

    assert len(world.answers(channel)) == posted
    assert "Couldn't answer user" in caplog.text and "the message was deleted" in caplog.text
    assert not errors_logged(caplog)


def dms_from_the_bot(world: BotWorld, member: Any) -> list[discord.Message]:
    """The bot's messages in ``member``'s DMs, oldest first."""
    dm_channel = member.user.dm_channel
    return [m for m in dm_channel.history() if m.author.id == world.bot.user.id] if dm_channel else []


@pytest.mark.parametrize("failure", ["503", "DMs closed"])
async def test_a_text_answer_by_dm_discord_fails_to_finish_leaves_no_part_without_its_delete_button(
    world: BotWorld, monkeypatch, caplog, failure: str
) -> None:
    """An answer in text goes by DM (Discord refuses the bot's posts in the channel), and Discord takes its first part,
    then fails the second, sent again too, or refuses it (DMs closed meanwhile): the first, without the 🗑️ (on the
    last part), isn't left in the DMs for good. After a 503 the asker is told to try again, by DM; with DMs closed,
    there is no one to tell, and the log says so."""
    caplog.set_level(logging.INFO, logger="bot")
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    world.time_out_the_bot()

    def fail_the_second_part(post: int) -> None:  # post 1: the channel's, refused; 2: the first part, by DM
        if failure == "503" and post in (3, 4):  # the second part, and that part sent again
            raise discord.DiscordServerError(SimpleNamespace(status=503, reason="Service Unavailable"), "down")
        if failure == "DMs closed" and post == 3:
            response = SimpleNamespace(status=403, reason="Forbidden")
            raise discord.Forbidden(response, {"code": 50007, "message": "Cannot send messages to this user"})

    around_posts(world, monkeypatch, before=fail_the_second_part)
    await world.alice.send(channel, "!whatplot", attachments=TEN_CHARTS)

    assert world.answers(channel) == []
    texts = [m.content for m in dms_from_the_bot(world, world.alice)]
    if failure == "503":
        note = f"I'm not allowed to post in {channel.mention}, so I'm replying here."
        assert texts == [f"{note}\n{DISCORD_FAILED}"]
        assert [error.status for error in world.take_errors()] == [503]  # type: ignore[attr-defined]
    else:
        assert texts == []
        assert f"Can't answer user {world.alice.id}" in caplog.text
    assert not errors_logged(caplog)


@pytest.mark.parametrize("command", ["/whatplot", "/whatplot private:True", "Name this chart"])
async def test_an_app_commands_answer_discord_keeps_failing_to_take_says_to_try_again(
    world: BotWorld, monkeypatch, caplog, command: str
) -> None:
    """Discord takes an app command's deferral, then fails its answer (the deferred response's edit), sent again too:
    the user isn't left on "thinking…"; they are told Discord failed, and the log holds no traceback."""
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    posted = await world.bob.send(world.channel, "look", attachments=[("c.png", CHART)])
    world.env.inject_error("PATCH", "/webhooks/*/messages/@original", status=503, times=2)
    if command == "Name this chart":
        result = await world.alice.context_menu(world.channel, command, posted)
    else:
        private = command.endswith("True")
        result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART), private=private)

    shown = [result.response, *result.followups]
    assert [message.content for message in shown if message is not None] == [DISCORD_FAILED]
    assert "App command" in caplog.text and "Discord failed (503" in caplog.text
    assert not errors_logged(caplog)
    assert [error.status for error in world.take_errors()] == [503]  # type: ignore[attr-defined]


async def test_an_app_commands_answer_discord_holds_up_cannot_hold_up_stopping(world: BotWorld, monkeypatch) -> None:
    """discord.py waits out any rate limit on an interaction's answer (its webhook requests know no
    ``max_ratelimit_timeout``), minutes if Discord says so: the answer still goes out when the limit lifts, as the
    interaction lasts 15 minutes, but a bot told to stop meanwhile doesn't wait for it; its user is told so."""
    holding = asyncio.Event()

    async def edit_held_up(*args: object, **kwargs: object) -> object:
        holding.set()
        return await world.env.external_wait(asyncio.Event().wait(), reason="discord.py waiting out a 429")

    monkeypatch.setattr(discord.Interaction, "edit_original_response", edit_held_up)
    monkeypatch.setattr("bot.client.FINISH_REQUESTS_TIMEOUT_S", 0.1)
    asking = asyncio.ensure_future(world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART)))
    async with asyncio.timeout(5):
        await holding.wait()
        await world.bot.close()
        result = await asking

    assert world.bot.is_closed()
    assert [message.content for message in [result.response, *result.followups]] == [RESTARTING]


@pytest.mark.parametrize("failure", ["502", "502, then 40060"])
@pytest.mark.parametrize("command", ["/whatplot", "Name this chart"])
async def test_an_app_commands_deferral_discord_took_but_failed_to_confirm_says_to_try_again(
    world: BotWorld, monkeypatch, caplog, command: str, failure: str
) -> None:
    """Discord can answer 502 for a deferral it took all the same (the user sees "thinking…"): the user mustn't be
    left on it, as Discord refuses a first response to an interaction acknowledged already (40060); they are told
    Discord failed, in the deferred response, and the log holds no traceback. discord.py sends a response Discord
    failed again (simcord doesn't), which then gets 40060: Discord's fault too."""
    from simcord.backend.errors import BackendError

    def wrap(respond: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def respond_then_fail(ctx: Any) -> Any:
            responded = respond(ctx)
            if (ctx.json or {}).get("type") == discord.InteractionResponseType.deferred_channel_message.value:
                if failure == "502":
                    raise BackendError(502, 0, "Bad Gateway (after taking the deferral)")
                raise BackendError(400, 40060, "Interaction has already been acknowledged")
            return responded

        return respond_then_fail

    _fail_after(monkeypatch, "POST", "/interactions/{interaction_id}/{token}/callback", wrap)
    posted = await world.bob.send(world.channel, "look", attachments=[("c.png", CHART)])
    if command == "Name this chart":
        result = await world.alice.context_menu(world.channel, command, posted)
    else:
        result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))

    assert [message.content for message in [result.response, *result.followups]] == [DISCORD_FAILED]
    assert not errors_logged(caplog)
    status = 502 if failure == "502" else 400
    assert [error.status for error in world.take_errors()] == [status]  # type: ignore[attr-defined]
