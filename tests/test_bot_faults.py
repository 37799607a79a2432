"""Bad input, hostile links, slow servers, load and crashes: the bot always answers, briefly and clearly."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from typing import TypeVar

import aiohttp
import discord
import numpy as np
import pytest
from discord.ext import commands
from PIL import Image

from bot import Settings, WhatplotBot
from bot.answer import (
    CUSTOM_ID_LIMIT,
    DELETE_FAILED,
    MAX_IMAGES,
    MAX_TEXT_PARTS,
    MESSAGE_LIMIT,
    DeleteAnswerButton,
    Result,
    build_embeds,
    percent,
    text_messages,
)
from bot.asked_about import NO_HISTORY_PERMISSION_HINT, OWN_MESSAGE_HINT
from bot.cogs.error_handler import APOLOGY, AUTOMOD_BLOCKED_ANSWER, DISCORD_FAILED
from bot.errors import Busy, NoImageFound, SlowDown
from bot.images import NOT_RENEWED_HINT, ImageRef, MayRenew
from bot.in_flight import RESTARTING
from bot.limits import UserCooldown
from bot.replies import MAX_RATELIMIT_WAIT_S
from classifier import ChartClassifier
from classifier.byte_budget import Take
from classifier.download import is_public_address
from classifier.errors import BlankImage, CorruptImage, ImageError, NotAnImage
from tests.bot_world import (
    BotWorld,
    assert_answers,
    fail_after_answering_interactions,
    fail_after_posting,
    fail_attachment_reads,
    hold_up_reads,
    SLOWMODE,
    omit_nested_referenced_messages,
    rate_limit,
    refuse_long_embed_urls,
    refuse_malformed_embed_urls,
)
from tests.images import bar_chart, encode

CHART = encode(bar_chart())
#: The bar chart turned 45°: the model's best guess is a chart type it isn't sure of.
ASKEW_CHART = encode(bar_chart().rotate(45, fillcolor="white"))
T = TypeVar("T")


def error_text(world: BotWorld, request) -> str:
    """The explanation in the single error embed answering ``request``."""
    (embed,) = world.answer_to(request).embeds
    assert embed.title == "I can't name that one"
    return embed.description


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The records logged at ERROR or with a traceback: what a failure of Discord's, not the bot's, must not leave."""
    return [record for record in caplog.records if record.levelname == "ERROR" or record.exc_info]


def classifier_error(classifier: ChartClassifier, data: bytes) -> ImageError:
    """The error the classifier itself raises for ``data``: the bot must pass its message on."""
    with pytest.raises(ImageError) as caught:
        classifier.predict(data)
    return caught.value


async def test_broken_image(world: BotWorld, classifier: ChartClassifier) -> None:
    broken = CHART[: len(CHART) // 2]
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("broken.png", broken)])

    expected = classifier_error(classifier, broken)
    assert isinstance(expected, CorruptImage)
    assert error_text(world, request) == expected.message


async def test_not_an_image(world: BotWorld, classifier: ChartClassifier) -> None:
    text = b"just some notes\n" * 20
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("notes.txt", text)])

    expected = classifier_error(classifier, text)
    assert isinstance(expected, NotAnImage)
    assert error_text(world, request) == expected.message


async def test_a_blank_image_is_called_blank(world: BotWorld, classifier: ChartClassifier) -> None:
    blank = encode(Image.new("RGBA", (640, 480), (0, 0, 0, 0)))  # an empty canvas exported with transparency
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", blank)])

    expected = classifier_error(classifier, blank)
    assert isinstance(expected, BlankImage)
    assert error_text(world, request) == expected.message


@pytest.mark.bot_settings(max_image_bytes=4096)
async def test_oversized_attachment_is_refused_before_reading(world: BotWorld, monkeypatch) -> None:
    read, reads = discord.Attachment.read, []

    async def counted_read(attachment: discord.Attachment, **kwargs) -> bytes:
        reads.append(attachment.filename)
        return await read(attachment, **kwargs)

    monkeypatch.setattr(discord.Attachment, "read", counted_read)
    big = encode(bar_chart((1200, 900)))
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("big.png", big)])

    assert error_text(world, request) == f"big.png is {len(big) / 1024:.0f} KB; I read images up to 4 KB."
    assert reads == []


@pytest.mark.parametrize("failure", ["hang-up", "503"])
async def test_an_attachment_discord_fails_to_send_is_named_without_a_traceback(
    world: BotWorld, monkeypatch, caplog, failure: str
) -> None:
    async def hang_up(url: str) -> bytes:
        raise aiohttp.ServerDisconnectedError()  # Discord's file server closed the connection mid-way

    if failure == "hang-up":
        monkeypatch.setattr(world.bot.http, "get_from_cdn", hang_up)
    else:
        fail_attachment_reads(world.env, monkeypatch, int(failure))
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert error_text(world, request) == "I couldn't get that attachment from Discord just now; try again in a moment."
    assert not errors_logged(caplog)


async def test_an_attachment_deleted_before_it_is_read_is_named(world: BotWorld, monkeypatch) -> None:
    fail_attachment_reads(world.env, monkeypatch, 404)
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert error_text(world, request) == "Discord wouldn't give me that attachment; was it deleted?"


async def test_a_sticker_deleted_from_its_server_is_named_as_a_sticker(world: BotWorld) -> None:
    """A server's sticker outlives none of the messages it was posted in: asked about later, it is gone."""
    sticker = await world.send_sticker(world.bob, "q3", CHART, discord.StickerFormatType.png)
    del world.env.backend.cdn._blobs[sticker.stickers[0].url]  # the server removed the sticker: Discord's CDN says 404
    request = await world.alice.send(world.channel, "!whatplot", reply_to=sticker)

    assert error_text(world, request) == "Discord wouldn't give me that sticker; was it deleted?"


async def test_an_attachment_discord_is_slow_to_send_times_out(world: BotWorld, monkeypatch) -> None:
    monkeypatch.setattr("bot.images.ATTACHMENT_TIMEOUT_S", 0.2)

    async def stall(url: str) -> bytes:
        await world.env.external_wait(asyncio.Event().wait(), reason="Discord's file server sends nothing")
        raise AssertionError("never sent")

    monkeypatch.setattr(world.bot.http, "get_from_cdn", stall)
    result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))
    assert result.acknowledged  # "whatplot is thinking…" while it waits
    await world.env.advance_time(0.2)  # simcord's clock runs the bot's timers while it waits on outside input

    (answer,) = world.answers()
    assert [e.description for e in answer.embeds] == ["Discord took too long to send me that attachment; try again in a moment."]


async def test_one_bad_image_does_not_spoil_the_others(world: BotWorld, classifier: ChartClassifier) -> None:
    request = await world.alice.send(
        world.channel, "!whatplot", attachments=[("notes.txt", b"hello"), ("chart.png", CHART)]
    )

    bad, good = world.answer_to(request).embeds
    assert bad.title == "I can't name that one"
    assert_answers(good, classifier.predict(CHART))


async def test_without_embed_links_the_answer_comes_as_text(world: BotWorld, classifier: ChartClassifier) -> None:
    # Discord refuses a bot's embeds (403) in a channel where it lacks Embed Links.
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    names = [f"chart{i}.png" for i in range(1, 11)]
    attachments = [(name, CHART) for name in names[:-1]] + [(names[-1], b"hello")]
    request = await world.alice.send(channel, "!whatplot", attachments=attachments)

    answers = world.answers_to(request.id, channel)
    assert len(answers) > 1  # ten answers don't fit in one message
    assert all(not m.embeds and 0 < len(m.content) <= MESSAGE_LIMIT for m in answers)
    text = "\n".join(m.content for m in answers)
    best = classifier.predict(CHART)[0]
    assert text.count(f"{best.name} · {percent(best.confidence)}") == 9
    footers = [text.index(f"-# {i}/10 · {name}") for i, name in enumerate(names, start=1)]
    assert footers == sorted(footers)
    assert "I can't name that one" in text[footers[-2] : footers[-1]]  # the text file's answer comes last


def buttons(message: discord.Message) -> list[discord.ui.Button]:
    """The buttons under ``message``."""
    return [child for row in message.components for child in row.children]


async def test_without_embed_links_the_delete_button_deletes_every_part_of_the_answer(world: BotWorld) -> None:
    """An answer in text that takes several messages goes with them all: the 🗑️ sits on the last, and takes the
    others, not the messages around them (other answers to the asker, others' words)."""
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    charts = [(f"chart{i}.png", CHART) for i in range(1, 11)]
    other = await world.alice.send(channel, "!whatplot", attachments=charts)
    chat = await world.bob.send(channel, "nice charts")
    request = await world.alice.send(channel, "!whatplot", attachments=charts)
    after = await world.bob.send(channel, "and these?")

    parts = world.answers_to(request.id, channel)
    assert len(parts) > 2  # ten answers in text take several messages
    assert [len(buttons(part)) for part in parts] == [0] * (len(parts) - 1) + [1]  # one 🗑️, on the last
    await world.restart()  # the button keeps the others' ids: nothing to remember
    await world.alice.click(parts[-1], label="Delete")

    assert world.answers_to(request.id, channel) == []
    assert len(world.answers_to(other.id, channel)) == len(parts)  # the asker's other answer stays
    others = [m.id for m in channel.history() if m.author.id != world.bot.user.id]
    assert others == [other.id, chat.id, request.id, after.id]


async def test_the_delete_button_deletes_the_parts_of_an_answer_left_when_one_is_gone(
    world: BotWorld, caplog
) -> None:
    """A moderator deleted a part already (or an earlier press did): the others still go, for a moderator too."""
    moderators = world.guild.create_role("Moderators", permissions=discord.Permissions(manage_messages=True))
    moderator = world.guild.add_member(world.env.create_user("moderator"), roles=[moderators])
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    request = await world.alice.send(channel, "!whatplot", attachments=[(f"c{i}.png", CHART) for i in range(10)])
    parts = world.answers_to(request.id, channel)
    world.env.backend.delete_message(channel.id, parts[0].id)

    refused = await world.bob.click(parts[-1], label="Delete")
    assert "Only the person who asked, or a moderator" in refused.response.content
    assert len(world.answers_to(request.id, channel)) == len(parts) - 1
    await moderator.click(parts[-1], label="Delete")
    assert world.answers(channel) == []
    assert not errors_logged(caplog)


async def test_where_discord_fails_to_delete_a_part_the_button_stays_to_delete_the_rest(
    world: BotWorld, caplog
) -> None:
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    request = await world.alice.send(channel, "!whatplot", attachments=[(f"c{i}.png", CHART) for i in range(10)])
    parts = world.answers_to(request.id, channel)
    world.env.inject_error("DELETE", f"/channels/{channel.id}/messages/{parts[1].id}", status=503)

    pressed = await world.alice.click(parts[-1], label="Delete")
    (told,) = pressed.followups
    assert told.ephemeral and told.content == DELETE_FAILED
    assert [m.id for m in world.answers(channel)] == [part.id for part in parts[1:]]  # the 🗑️ with them
    await world.alice.click(parts[-1], label="Delete")  # again, a moment later
    assert world.answers(channel) == []
    assert not errors_logged(caplog)


async def test_without_embed_links_nor_history_the_delete_button_deletes_every_part(world: BotWorld) -> None:
    """Where the bot may not read the channel's history, its answer is no reply, and it can't look for the
    parts: the button knows them."""
    channel = world.channel_where_the_bot_lacks("bare", embed_links=False, read_message_history=False)
    await world.alice.send(channel, "!whatplot", attachments=[(f"c{i}.png", CHART) for i in range(10)])
    parts = world.answers(channel)
    assert len(parts) > 1 and all(part.reference is None for part in parts)

    await world.alice.click(parts[-1], label="Delete")
    assert world.answers(channel) == []


def test_the_delete_button_of_the_longest_answer_in_text_fits_discords_limit() -> None:
    """Ten answers as long as they come take :data:`MAX_TEXT_PARTS` messages at most, note included, and the
    button on the last holds the others' ids, however large the ids grow."""
    results = [Result("x" * 96 + ".png", error=ImageError("a" * MESSAGE_LIMIT)) for _ in range(MAX_IMAGES)]
    texts = text_messages(build_embeds(results, not_sure_below=0.5))
    assert all(len(text) <= MESSAGE_LIMIT for text in texts)
    assert len(texts) + 1 <= MAX_TEXT_PARTS
    button = DeleteAnswerButton(2**64 - 1, [2**64 - 1] * (MAX_TEXT_PARTS - 1))
    assert len(button.custom_id) <= CUSTOM_ID_LIMIT


async def test_the_bots_own_answers_are_never_asked_about(world: BotWorld) -> None:
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)  # answers as text, how-to links in it
    request = await world.alice.send(channel, "!whatplot", attachments=[("chart.png", CHART)])
    answer = world.answer_to_in(channel, request)
    assert "](https://" in answer.content

    replying = await world.alice.send(channel, "!whatplot", reply_to=answer)
    menu = await world.alice.context_menu(channel, "Name this chart", answer)

    assert world.answer_to_in(channel, replying).content == OWN_MESSAGE_HINT  # not "no image": it shows one
    assert menu.response.content == OWN_MESSAGE_HINT
    assert [e.kind for e in world.take_errors()] == ["no_image", "no_image"]  # type: ignore[attr-defined]


async def test_without_read_message_history_the_answer_names_the_asker(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    # Discord refuses replies (error 160002) where the bot may not read the channel's history.
    channel = world.channel_where_the_bot_lacks("no-history", read_message_history=False)
    await world.alice.send(channel, "!whatplot", attachments=[("chart.png", CHART)])
    await world.bob.send(channel, "!whatplot")  # about the chart above, which the bot may not look back at
    slashed = await world.bob.slash(channel, "whatplot")

    answer, hint = world.answers(channel)
    assert answer.reference is None and hint.reference is None
    assert answer.content == world.alice.mention
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    assert hint.content == f"{world.bob.mention} {NO_HISTORY_PERMISSION_HINT}"  # not "I couldn't find an image"
    assert slashed.ephemeral and slashed.response.content == NO_HISTORY_PERMISSION_HINT
    assert [type(error) for error in world.take_errors()] == [NoImageFound, NoImageFound]


async def test_where_the_bot_may_not_post_the_answer_comes_by_dm(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    channel = world.channel_where_the_bot_lacks("read-only", send_messages=False)
    await world.alice.send(channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert world.answers(channel) == []
    (answer,) = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert answer.content == f"I'm not allowed to post in <#{channel.id}>, so here is my answer."
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_where_discord_refuses_the_bots_posts_unforeseen_answers_and_hints_come_by_dm(
    world: BotWorld, classifier: ChartClassifier, caplog
) -> None:
    """A bot timed out by a moderator can't post, and isn't told so: its answer mustn't be lost to a 403, nor
    its "sorry" after it, with a traceback in the log."""
    world.time_out_the_bot()
    await world.env.settle()
    assert world.bot.get_guild(world.guild.id).me.is_timed_out() is False  # the bot can't know beforehand
    await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    await world.alice.send(world.channel, "!whatplt")

    assert world.answers() == []
    answer, hint = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert answer.content == f"I'm not allowed to post in <#{world.channel.id}>, so here is my answer."
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    note = f"I'm not allowed to post in <#{world.channel.id}>, so I'm replying here."
    assert hint.content == f"{note}\nDid you mean `!whatplot`?"
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_where_discord_refuses_a_text_answers_posts_unforeseen_it_comes_whole_by_dm(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    world.time_out_the_bot()
    await world.alice.send(channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert world.answers(channel) == []
    (answer,) = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert answer.content.startswith(f"I'm not allowed to post in <#{channel.id}>, so here is my answer.\n")
    assert classifier.predict(CHART)[0].label.replace("_", " ").lower() in answer.content.lower()


@pytest.mark.bot_settings(cooldown_rate=1, cooldown_per=60.0)
async def test_where_the_bot_may_not_post_a_refusal_by_dm_says_it_is_no_answer(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """"Slow down a little…" under "…so here is my answer." would read as if it were one."""
    channel = world.channel_where_the_bot_lacks("read-only", send_messages=False)
    for _ in range(2):
        await world.alice.send(channel, "!whatplot", attachments=[("chart.png", CHART)])

    answer, refusal = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert answer.content == f"I'm not allowed to post in <#{channel.id}>, so here is my answer."
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    note = f"I'm not allowed to post in <#{channel.id}>, so I'm replying here."
    assert refusal.content.startswith(f"{note}\nSlow down a little: you can ask me again in")
    assert [e.kind for e in world.take_errors()] == ["slow_down"]


async def test_without_send_messages_in_threads_answers_in_its_threads_come_by_dm(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Threads have a permission of their own: the bot may post in the channel and not in its threads."""
    channel = world.channel_where_the_bot_lacks("no-threads", send_messages_in_threads=False)
    world.env.backend.create_thread(channel.id, "q3 numbers", world.alice.id)
    (thread,) = channel.threads
    await world.mod.send(channel, "!whatplot-watch on")

    in_channel = await world.alice.send(channel, "!whatplot", attachments=[("chart.png", CHART)])
    await world.alice.send(thread, "!whatplot", attachments=[("chart.png", CHART)])

    assert_answers(world.answer_to_in(channel, in_channel).embeds[0], classifier.predict(CHART))
    assert world.answers(thread) == []
    dms = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert [m.content for m in dms] == [f"I'm not allowed to post in <#{thread.id}>, so here is my answer."]
    assert_answers(dms[0].embeds[0], classifier.predict(CHART))


async def test_in_a_locked_thread_answers_come_by_dm_and_watch_mode_stays_quiet(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Discord refuses a post in a locked thread (160005) from all but those who may manage threads, though a
    moderator still posts there: the answer to one goes to their DMs, and watch mode, asked by nobody, passes."""
    backend = world.env.backend
    world.deny_the_bot(world.channel, manage_threads=True)  # as invited: it needs no Manage Threads
    backend.create_thread(world.channel.id, "resolved: q3 numbers", world.alice.id)
    (thread,) = world.channel.threads
    await world.mod.send(thread, "!whatplot-watch on")
    backend.edit_channel(thread.id, {}, thread_metadata={"locked": True})
    await world.env.settle()
    posts_before = len(backend.http_requests)
    for path in (f"/channels/{thread.id}/messages", f"/channels/{thread.id}/typing"):
        world.env.inject_error("POST", path, status=403, code=160005, message="Thread is locked", times=None)

    await world.mod.send(thread, "one more", attachments=[("chart.png", CHART)])
    await world.mod.send(thread, "!whatplot", attachments=[("chart.png", CHART)])
    await world.mod.send(thread, "!whatplot-watch")

    (answer, told) = [m for m in world.mod.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert answer.content == f"<#{thread.id}> is locked, so here is my answer."
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    assert told.content.endswith("But the thread is locked: I can't post in it.")
    assert not [r for r in backend.http_requests[posts_before:] if r.path.startswith(f"/channels/{thread.id}/")]


def block_by_automod(world: BotWorld, times: int | None) -> None:
    """Have a rule of the server's AutoMod block the bot's next ``times`` posts (None: all of them), as Discord does."""
    message = "Message was blocked by automatic moderation"
    world.env.inject_error("POST", "/channels/*/messages", status=400, code=200000, message=message, times=times)


async def test_an_answer_automod_blocks_is_said_so_in_words_that_pass(world: BotWorld, caplog) -> None:
    """A server's AutoMod rule (a word, or links) may block an answer: its asker is told why, not apologised to for
    a fault of the bot's; the log gets one line, no traceback."""
    block_by_automod(world, times=1)
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert world.answer_to(request).content == AUTOMOD_BLOCKED_ANSWER
    assert not errors_logged(caplog)
    assert [e.code for e in world.take_errors()] == [200000]  # type: ignore[attr-defined]
    assert any("AutoMod blocked my answer" in r.getMessage() for r in caplog.records)


async def test_a_hint_automod_blocks_is_followed_by_the_automod_line(world: BotWorld, caplog) -> None:
    """The no-image hint shows an example link, which a server's rule against links blocks: the asker still hears."""
    block_by_automod(world, times=1)
    request = await world.alice.send(world.channel, "!whatplot")

    assert world.answer_to(request).content == AUTOMOD_BLOCKED_ANSWER
    assert not errors_logged(caplog)
    assert [type(e) for e in world.take_errors()] == [NoImageFound]


async def test_a_watched_chart_whose_answer_automod_blocks_leaves_one_log_line(world: BotWorld, caplog) -> None:
    await world.mod.send(world.channel, "!whatplot-watch on")
    block_by_automod(world, times=None)
    posted = await world.alice.send(world.channel, "q3", attachments=[("chart.png", CHART)])

    assert not world.answers_to(posted.id)
    assert not errors_logged(caplog)
    assert [r.getMessage() for r in caplog.records if "AutoMod" in r.getMessage()] == [
        f"Couldn't answer user {world.alice.id} in channel {world.channel.id}: the server's AutoMod blocked it "
        "(400 Bad Request (error code: 200000): Message was blocked by automatic moderation)"
    ]


async def test_a_reply_refused_for_the_history_permission_taken_meanwhile_goes_out_as_a_post(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Read Message History taken from the bot after it checked: Discord refuses the reply (160002), so the answer
    is posted naming its asker, as where the bot knew it lacked the permission."""
    message = "Cannot reply without permission to read message history"
    world.env.inject_error("POST", "/channels/*/messages", status=403, code=160002, message=message, times=1)
    await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    (answer,) = world.answers()
    assert answer.reference is None and answer.content == world.alice.user.mention
    assert_answers(answer.embeds[0], classifier.predict(CHART))


@pytest.mark.bot_settings(url_policy=is_public_address)  # production policy: nothing local at all
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/chart.png", "private or local address"),
        ("http://localhost:8080/chart.png", "private or local address"),
        ("http://[::1]/chart.png", "private or local address"),
        ("http://10.1.2.3/chart.png", "private or local address"),
        ("http://192.168.0.10/chart.png", "private or local address"),
        ("http://169.254.169.254/latest/meta-data", "private or local address"),
        ("file:///etc/passwd", "Only http and https links are allowed"),
        ("ftp://example.com/chart.png", "Only http and https links are allowed"),
    ],
)
async def test_refused_urls(world: BotWorld, url: str, reason: str) -> None:
    request = await world.alice.send(world.channel, f"!whatplot {url}")

    assert reason in error_text(world, request)


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
async def test_redirect_to_a_private_address_is_refused(world: BotWorld, image_server: str, path: str) -> None:
    request = await world.alice.send(world.channel, f"!whatplot {image_server}{path}")

    assert "private or local address" in error_text(world, request)


async def test_a_web_page_without_a_preview_image_is_named(world: BotWorld, image_server: str) -> None:
    request = await world.alice.send(world.channel, f"!whatplot {image_server}/bare-page")

    assert "web page without a preview image" in error_text(world, request)


async def test_a_password_in_a_link_stays_out_of_the_log(world: BotWorld, image_server: str, caplog) -> None:
    """A link's ``user:password@`` is its owner's: the operator's log keeps the link without it."""
    caplog.set_level(logging.INFO)
    link = image_server.replace("http://", "http://ann:s3cret@") + "/missing"
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert "404" in error_text(world, request)
    assert f"{image_server}/missing" in caplog.text and "s3cret" not in caplog.text


async def test_a_password_in_a_link_stays_out_of_the_answer(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """Nobody sees what ``/whatplot url:`` was given, but everyone sees its answer, and can open its thumbnail."""
    link = image_server.replace("http://", "http://ann:s3cret@") + "/chart.png"
    result = await world.alice.slash(world.channel, "whatplot", url=link)

    (embed,) = result.response.embeds
    assert_answers(embed, classifier.predict(CHART))
    assert embed.thumbnail.url == f"{image_server}/chart.png"
    assert "s3cret" not in str(embed.to_dict())


async def test_a_request_deleted_before_its_answer_still_gets_the_answer(
    world: BotWorld, classifier: ChartClassifier, image_server: str, monkeypatch
) -> None:
    """Discord refuses a reply to a deleted message unless the reply says it may go out on its own."""
    fetch = world.bot.downloader.fetch
    backend = world.env.backend

    async def fetch_while_the_asker_deletes_the_request(url: str, take) -> bytes:
        (request_id,) = [i for i, m in backend.messages[world.channel.id].items() if m.author_id == world.alice.id]
        backend.delete_message(world.channel.id, request_id)
        return await fetch(url, take)

    monkeypatch.setattr(world.bot.downloader, "fetch", fetch_while_the_asker_deletes_the_request)
    await world.alice.send(world.channel, f"!whatplot {image_server}/chart.png")

    (answer,) = world.answers()
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_request_in_flight_when_the_bot_is_stopped_is_answered_first(
    world: BotWorld, classifier: ChartClassifier, image_server: str, monkeypatch
) -> None:
    fetch = world.bot.downloader.fetch
    fetching = asyncio.Event()

    async def fetch_while_the_bot_is_stopped(url: str, take) -> bytes:
        fetching.set()
        await asyncio.sleep(0.5)  # meanwhile the bot is told to stop (Ctrl-C, docker stop, systemctl stop)
        return await fetch(url, take)

    monkeypatch.setattr(world.bot.downloader, "fetch", fetch_while_the_bot_is_stopped)
    asking = asyncio.create_task(world.alice.send(world.channel, f"!whatplot {image_server}/chart.png"))
    await fetching.wait()
    await world.bot.close()
    await asking

    (answer,) = world.answers()
    assert_answers(answer.embeds[0], classifier.predict(CHART))


def stall_image_reads(world: BotWorld, monkeypatch: pytest.MonkeyPatch, finish_timeout: float) -> asyncio.Event:
    """Make every image read stall, as a download from a server that never answers does, and a stopping bot
    give up on its requests after ``finish_timeout`` seconds instead of 10; the event is set once a read starts."""
    reading = asyncio.Event()

    async def read_from_a_server_that_never_answers(ref: ImageRef, may_renew: MayRenew, take: Take) -> bytes:
        reading.set()
        return await world.env.external_wait(asyncio.Event().wait(), reason="a server that never answers")

    monkeypatch.setattr(world.bot.image_reader, "read", read_from_a_server_that_never_answers)
    monkeypatch.setattr("bot.client.FINISH_REQUESTS_TIMEOUT_S", finish_timeout)
    return reading


async def alice_asks_and_her_read_stalls(
    world: BotWorld, monkeypatch: pytest.MonkeyPatch, finish_timeout: float
) -> tuple[asyncio.Future[discord.Message], asyncio.Event]:
    """Alice asks about a chart, and the image read her request starts stalls (see :func:`stall_image_reads`): her
    request, not yet answered, and the event set once the read started (it has, on return)."""
    reading = stall_image_reads(world, monkeypatch, finish_timeout)
    asking = asyncio.ensure_future(world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)]))
    async with asyncio.timeout(5):
        await reading.wait()
    return asking, reading


async def stop_while_reading(world: BotWorld, monkeypatch: pytest.MonkeyPatch, ask: Awaitable[T]) -> T:
    """Do ``ask`` (an actor's message or command), and stop the bot once the image read it starts stalls
    (see :func:`stall_image_reads`)."""
    return await stop_once(world, ask, stall_image_reads(world, monkeypatch, 0.1))


async def stop_once(world: BotWorld, ask: Awaitable[T], stalled: asyncio.Event) -> T:
    """Do ``ask`` (an actor's message or command), and stop the bot once ``stalled`` is set: the request it makes is
    stuck (for longer than the bot waits for its requests as it stops)."""
    asking = asyncio.ensure_future(ask)
    async with asyncio.timeout(5):
        await stalled.wait()
    await world.bot.close()
    return await asking


async def test_a_request_unfinished_when_the_bot_stops_is_told_so(world: BotWorld, monkeypatch) -> None:
    answered = await world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])
    ask = world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])
    unfinished = await stop_while_reading(world, monkeypatch, ask)

    assert world.answer_to(unfinished).content == RESTARTING
    assert world.answer_to(answered).embeds  # answered before the bot stopped: not told again


async def test_a_request_that_comes_while_the_bot_stops_is_told_so(world: BotWorld, monkeypatch) -> None:
    """The gateway stays open while the bot finishes the requests in hand: one that comes meanwhile is one more."""
    asking, reading = await alice_asks_and_her_read_stalls(world, monkeypatch, 0.5)
    stopping = asyncio.ensure_future(world.bot.close())
    await asyncio.sleep(0)  # the bot is waiting for alice's request now
    reading.clear()
    late = world.post_via_backend(world.bob, "!whatplot", [("c.png", CHART)])  # bob asks meanwhile
    async with asyncio.timeout(5):
        await reading.wait()
        await stopping
    early = await asking

    assert world.answer_to(early).content == RESTARTING
    assert [answer.content for answer in world.answers_to(late.id)] == [RESTARTING]


async def test_a_request_that_comes_while_askers_are_told_the_bot_stops_is_told_so(
    world: BotWorld, monkeypatch
) -> None:
    """Telling the askers of unfinished requests takes a moment, and the gateway is open until it is done: a request
    that comes then is one more, not one dropped without a word as the bot exits."""
    reading = stall_image_reads(world, monkeypatch, 0.1)
    asking = asyncio.ensure_future(world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)]))
    async with asyncio.timeout(5):
        await reading.wait()
    send_message = world.bot.http.send_message
    telling = asyncio.Event()

    async def send_message_slowly(*args: object, **kwargs: object) -> object:
        telling.set()
        await asyncio.sleep(0.5)  # Discord slow to take the first "I'm restarting": bob asks meanwhile
        return await send_message(*args, **kwargs)

    monkeypatch.setattr(world.bot.http, "send_message", send_message_slowly)
    stopping = asyncio.ensure_future(world.bot.close())
    async with asyncio.timeout(5):
        await telling.wait()
    monkeypatch.setattr(world.bot.http, "send_message", send_message)
    late = world.post_via_backend(world.bob, "!whatplot", [("c.png", CHART)])  # bob asks meanwhile
    async with asyncio.timeout(5):
        await stopping
    early = await asking

    assert world.answer_to(early).content == RESTARTING
    assert [answer.content for answer in world.answers_to(late.id)] == [RESTARTING]


@pytest.mark.parametrize("command", ["/whatplot", "Name this chart"])
async def test_an_app_command_unfinished_when_the_bot_stops_is_told_so(world: BotWorld, monkeypatch, command: str) -> None:
    posted = await world.bob.send(world.channel, "look", attachments=[("c.png", CHART)])
    if command == "/whatplot":
        ask = world.alice.slash(world.channel, "whatplot")  # names the latest image in the channel
    else:
        ask = world.alice.context_menu(world.channel, command, posted)
    result = await stop_while_reading(world, monkeypatch, ask)

    assert result.response.content == RESTARTING


@pytest.mark.parametrize("command", ["!whatplot-watch on", "/whatplot-watch mode:on"])
async def test_whatplot_watch_unfinished_when_the_bot_stops_is_told_so(world: BotWorld, monkeypatch, command: str) -> None:
    """Its choice is written to SQLite, where a slow disk, or another process holding the database, can outlast the
    bot's wait for the requests in hand."""
    writing = asyncio.Event()

    async def write_to_a_locked_database(channel_id: int, enabled: bool) -> None:
        writing.set()
        await world.env.external_wait(asyncio.Event().wait(), reason="a database another process holds")

    monkeypatch.setattr(world.bot.get_cog("Watch").store, "set", write_to_a_locked_database)
    monkeypatch.setattr("bot.client.FINISH_REQUESTS_TIMEOUT_S", 0.1)
    if command.startswith("!"):
        request = await stop_once(world, world.mod.send(world.channel, command), writing)
        assert world.answer_to(request).content == RESTARTING
    else:
        result = await stop_once(world, world.mod.slash(world.channel, "whatplot-watch", mode="on"), writing)
        assert result.response.content == RESTARTING and result.ephemeral is False  # deferred in public


async def test_a_watched_chart_unfinished_when_the_bot_stops_gets_no_word(world: BotWorld, monkeypatch) -> None:
    """Nobody asked: a word that the answer isn't coming would be noise."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    await stop_while_reading(world, monkeypatch, world.alice.send(world.channel, "look", attachments=[("c.png", CHART)]))

    (watch_is_on,) = world.answers()
    assert watch_is_on.content.startswith("Watch mode is **on**")


async def test_discord_hanging_cannot_hold_up_stopping(world: BotWorld, monkeypatch, caplog) -> None:
    async def send_message_without_end(*args: object, **kwargs: object) -> object:
        return await asyncio.Event().wait()

    monkeypatch.setattr(world.bot.http, "send_message", send_message_without_end)
    monkeypatch.setattr("bot.in_flight.TELL_TIMEOUT_S", 0.1)
    ask = world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])
    async with asyncio.timeout(5):
        await stop_while_reading(world, monkeypatch, ask)

    assert world.bot.is_closed()
    assert "Stopping without telling every asker" in caplog.text


@pytest.mark.bot_settings(download_timeout=0.5)
async def test_slow_server_times_out(world: BotWorld, image_server: str, monkeypatch) -> None:
    # simcord waits for the bot to go idle after each action, and a task blocked on a socket looks
    # hung to it. Declaring the download as external input (simcord's env.external_wait) lets it
    # wait for the bot's own 0.5 s download timeout instead.
    fetch = world.bot.downloader.fetch

    async def fetch_as_external_input(url: str, take) -> bytes:
        return await world.env.external_wait(fetch(url, take), reason="image download from a slow server")

    monkeypatch.setattr(world.bot.downloader, "fetch", fetch_as_external_input)
    result = await world.alice.slash(world.channel, "whatplot", url=f"{image_server}/slow")

    assert result.acknowledged
    (embed,) = result.response.embeds
    assert embed.description == "The server took too long to send the image."


async def post_burst(world: BotWorld, n: int) -> list:
    """Post ``n`` "!whatplot" messages from different users before the bot handles any of them.

    simcord's actors wait for each answer, so the messages go straight through its backend.
    """
    users = [world.guild.add_member(world.env.create_user(f"user{i}")) for i in range(n)]
    requests = [world.post_via_backend(user, "!whatplot", [("c.png", CHART)]) for user in users]
    await world.env.settle()
    return requests


async def test_burst_of_twenty_requests_gets_twenty_answers(world: BotWorld, classifier: ChartClassifier) -> None:
    requests = await post_burst(world, 20)

    predictions = classifier.predict(CHART)
    for request in requests:
        assert_answers(world.answer_to(request).embeds[0], predictions)


@pytest.mark.bot_settings(queue_size=2)
async def test_full_queue_still_answers_every_request(world: BotWorld, monkeypatch) -> None:
    read, reads = world.bot.image_reader.read, []

    async def counted_read(ref, may_renew, take):
        reads.append(ref)
        return await read(ref, may_renew, take)

    monkeypatch.setattr(world.bot.image_reader, "read", counted_read)
    requests = await post_burst(world, 8)

    answers = [world.answer_to(request) for request in requests]
    busy = [answer for answer in answers if answer.content == Busy().message and not answer.embeds]  # one line
    assert 0 < len(busy) < len(answers)  # some waited their turn, the rest were told to come back
    assert len(reads) == len(answers) - len(busy)  # a refused image isn't read: a flood can't fill the memory
    assert [type(e) for e in world.take_errors()] == [Busy] * len(busy)


@pytest.mark.bot_settings(queue_mb=1)
async def test_images_past_the_queues_bytes_are_told_to_come_back(world: BotWorld) -> None:
    """The queue holds its images' bytes up to WHATPLOT_QUEUE_MB in all, however few they are: 32 images of 25 MB
    would pass a small machine's memory."""
    pixels = [np.random.default_rng(seed).integers(0, 256, (380, 380, 3), dtype=np.uint8) for seed in range(3)]
    noise = [(f"{i}.png", encode(Image.fromarray(p))) for i, p in enumerate(pixels)]
    assert all(400_000 < len(png) < 2**20 // 2 for _, png in noise)  # two fit in the 1 MB, not three
    request = await world.alice.send(world.channel, "!whatplot", attachments=noise)

    embeds = world.answer_to(request).embeds
    assert [e.description == Busy().message for e in embeds] == [False, False, True]
    assert world.bot.inference.held.held == 0  # all given back


@pytest.mark.bot_settings(queue_size=20)
async def test_one_askers_images_take_at_most_half_the_queue(world: BotWorld, classifier: ChartClassifier) -> None:
    """One user's many (or slow) links can't take every place in the queue: another's request still gets in."""
    charts = [(f"{i}.png", CHART) for i in range(10)]
    first, second = (world.post_via_backend(world.alice, "!whatplot", charts) for _ in range(2))
    bobs = world.post_via_backend(world.bob, "!whatplot", [("c.png", CHART)])
    await world.env.settle()

    assert not any(e.description == Busy().message for e in world.answer_to(first).embeds)
    assert world.answer_to(second).content == Busy().message
    assert_answers(world.answer_to(bobs).embeds[0], classifier.predict(CHART))
    assert [type(e) for e in world.take_errors()] == [Busy]


@pytest.mark.bot_settings(cooldown_rate=2, cooldown_per=60.0)
async def test_cooldown_answers_with_slow_down(world: BotWorld) -> None:
    for _ in range(2):
        await world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])
    third = await world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])
    assert world.answer_to(third).content.startswith("Slow down a little: you can ask me again in")

    slashed = await world.alice.slash(world.channel, "whatplot", image=("c.png", CHART))
    assert slashed.ephemeral and slashed.response.content.startswith("Slow down")

    others = await world.bob.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])  # per user
    assert world.answer_to(others).embeds
    assert [e.kind for e in world.take_errors()] == ["slow_down", "slow_down"]


async def test_unexpected_error_gets_an_apology_not_a_traceback(world: BotWorld, monkeypatch) -> None:
    async def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(world.bot, "classify_images", broken)
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])

    assert world.answer_to(request).content == APOLOGY
    assert [str(e) for e in world.take_errors()] == ["boom"]


async def test_a_model_error_costs_one_image_its_answer_and_nothing_more(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, caplog
) -> None:
    predict = world.bot.inference.classifier.predict

    def predict_failing_once(image: bytes, top_k: int = 3):
        monkeypatch.setattr(world.bot.inference.classifier, "predict", predict)
        raise RuntimeError("the interpreter failed")

    monkeypatch.setattr(world.bot.inference.classifier, "predict", predict_failing_once)
    failed = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    later = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert error_text(world, failed) == "Sorry, something went wrong on my side with this image."
    assert "Unexpected error while classifying" in caplog.text  # with its traceback, for the operator
    assert_answers(world.answer_to(later).embeds[0], classifier.predict(CHART))
    assert world.bot.inference.pending == 0


@pytest.mark.bot_settings(not_sure_below=0.0)
async def test_threshold_zero_never_says_not_sure(world: BotWorld, classifier: ChartClassifier) -> None:
    best = classifier.predict(ASKEW_CHART)[0]
    assert best.label != "not_a_chart" and best.confidence < Settings().not_sure_below  # "not sure" by default
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("c.png", ASKEW_CHART)])

    title = world.answer_to(request).embeds[0].title
    assert title == f"{best.name} · {percent(best.confidence)}"


@pytest.mark.bot_settings(not_sure_below=1.0)
async def test_threshold_one_always_says_not_sure(world: BotWorld, classifier: ChartClassifier) -> None:
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])

    best = classifier.predict(CHART)[0]
    assert best.label != "not_a_chart" and best.confidence >= Settings().not_sure_below  # sure by default
    title = world.answer_to(request).embeds[0].title
    assert title.startswith("I'm not sure.")


async def test_an_expired_discord_link_discord_wont_renew_is_named(world: BotWorld) -> None:
    """An attachment Discord doesn't know (deleted): see tests/test_bot_attachment_links.py for those it renews."""
    expired = f"{int(time.time()) - 3600:x}"
    link = f"https://cdn.discordapp.com/attachments/{world.channel.id}/2/chart.png?ex={expired}&is={expired}&hm=00ff"
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert error_text(world, request) == NOT_RENEWED_HINT
    assert world.attachments.requests == [[link]]


async def test_a_typing_indicator_discord_fails_does_not_cost_the_answer(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    world.env.inject_error("POST", "/channels/*/typing", status=500, times=None)
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


async def test_a_typing_indicator_discord_holds_up_does_not_hold_up_the_answer(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    """Many requests in one channel at once exhaust Discord's rate limit on its typing indicator, which discord.py
    waits out (up to 30 s): the answers mustn't wait for a courtesy."""
    send_typing = world.bot.http.send_typing

    async def send_typing_held_up(*args: object, **kwargs: object) -> object:
        await world.env.external_wait(asyncio.sleep(20), reason="a typing indicator held up by a rate limit")
        return await send_typing(*args, **kwargs)

    monkeypatch.setattr(world.bot.http, "send_typing", send_typing_held_up)
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_an_answer_discord_fails_to_take_is_sent_again(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, status: int
) -> None:
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    world.env.inject_error("POST", "/channels/*/messages", status=status)
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    world.env.inject_error("PATCH", "/webhooks/*/messages/@original", status=status)  # the deferred answer's edit
    result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    assert_answers(result.response.embeds[0], classifier.predict(CHART))


@pytest.mark.parametrize("where", ["in the channel", "by DM"])
async def test_an_answer_discord_took_but_failed_to_confirm_is_not_posted_twice(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, where: str
) -> None:
    """Discord can answer 502 for a post it took all the same: the answer sent again must not be a second one."""
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    channel = world.channel if where == "in the channel" else world.channel_where_the_bot_lacks("x", send_messages=False)
    fail_after_posting(monkeypatch)
    request = await world.alice.send(channel, "!whatplot", attachments=[("c.png", CHART)])

    if where == "in the channel":
        answers = world.answers_to(request.id, channel)
    else:
        answers = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert len(answers) == 1
    assert_answers(answers[0].embeds[0], classifier.predict(CHART))


@pytest.mark.parametrize("command", ["/whatplot", "/whatplot private:True", "Name this chart"])
async def test_an_app_commands_answer_discord_made_but_failed_to_confirm_is_not_sent_twice(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, command: str
) -> None:
    """Discord can answer 502 for an interaction's answer it made all the same: sent again, the answer must not come
    twice (a followup has no nonce to guard it), and its 🗑️ still deletes it."""
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    posted = await world.bob.send(world.channel, "look", attachments=[("c.png", CHART)])
    fail_after_answering_interactions(monkeypatch)
    private = command.endswith("True")
    if command == "Name this chart":
        result = await world.alice.context_menu(world.channel, command, posted)
    else:
        result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART), private=private)

    assert result.followups == [] and result.ephemeral == private
    assert_answers(result.response.embeds[0], classifier.predict(CHART))
    if not private:
        await world.alice.click(result.response.message, label="Delete")
        assert world.answers() == []


async def test_an_answer_discord_keeps_failing_to_take_is_logged(world: BotWorld, monkeypatch, caplog) -> None:
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    world.env.inject_error("POST", "/channels/*/messages", status=502, times=None)
    await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert world.answers() == []
    assert "Command 'whatplot' failed for user" in caplog.text
    assert not errors_logged(caplog)  # Discord's failure, not the bot's
    assert "Couldn't tell user" in caplog.text
    assert [error.status for error in world.take_errors()] == [502]  # type: ignore[attr-defined]


@pytest.mark.parametrize("status", [503, 429])
async def test_a_history_read_discord_fails_says_to_try_again(world: BotWorld, caplog, status: int) -> None:
    """A bare request looks back through the channel; Discord failing to send its messages is no fault of the bot's."""
    world.env.inject_error("GET", "/channels/*/messages", status=status, times=None)
    request = await world.alice.send(world.channel, "!whatplot")
    result = await world.alice.slash(world.channel, "whatplot")

    assert world.answer_to(request).content == DISCORD_FAILED
    assert result.ephemeral and result.response.content == DISCORD_FAILED
    assert not errors_logged(caplog)
    failed = [r.getMessage() for r in caplog.records if "'whatplot' failed for user" in r.getMessage()]
    assert len(failed) == 2 and all(f"Discord failed ({status} " in line for line in failed)
    assert [error.status for error in world.take_errors()] == [status] * 2  # type: ignore[attr-defined]


async def test_a_replied_message_discord_fails_to_send_says_to_try_again(world: BotWorld, monkeypatch, caplog) -> None:
    omit_nested_referenced_messages(monkeypatch)  # the chart the question replies to must be fetched
    posted = await world.bob.send(world.channel, "look", attachments=[("chart.png", CHART)])
    question = await world.alice.send(world.channel, "what kind of chart is this?", reply_to=posted)
    world.env.inject_error("GET", "/channels/*/messages/*", status=503, times=None)
    request = await world.mod.send(world.channel, "!whatplot", reply_to=question)

    assert world.answer_to(request).content == (
        "The message you replied to has no image, and Discord wouldn't show me the message it replies to just now; "
        "try again in a moment."
    )
    assert not errors_logged(caplog)
    assert len([r for r in caplog.records if f"Couldn't fetch message {posted.id}" in r.getMessage()]) == 1
    world.take_errors()


async def test_a_link_too_long_for_a_thumbnail_is_answered_without_one(
    world: BotWorld, classifier: ChartClassifier, image_server: str, monkeypatch
) -> None:
    refuse_long_embed_urls(monkeypatch)
    signed = f"{image_server}/chart.png?signature={'a1b2' * 600}"  # a signed link: longer than Discord's 2048
    result = await world.alice.slash(world.channel, "whatplot", url=signed)

    (embed,) = result.response.embeds
    assert_answers(embed, classifier.predict(CHART))
    assert embed.thumbnail.url is None


async def test_a_preview_image_link_with_blanks_in_it_is_shown_encoded(
    world: BotWorld, classifier: ChartClassifier, aiohttp_server, monkeypatch
) -> None:
    """A page's preview image link may have blanks and letters beyond ASCII in it, which Discord refuses in an embed
    (50035 "Not a well formed URL"), and with it the whole answer: the thumbnail is the link percent-encoded."""
    from aiohttp import web

    refuse_malformed_embed_urls(monkeypatch)
    html = '<html><head><meta property="og:image" content="/charts/q3 numbers ü.png"></head></html>'

    async def page(request: web.Request) -> web.Response:
        return web.Response(text=html, content_type="text/html")

    async def chart(request: web.Request) -> web.Response:
        return web.Response(body=CHART, content_type="image/png")

    app = web.Application()
    app.router.add_get("/page", page)
    app.router.add_get("/charts/{name}", chart)
    server = str((await aiohttp_server(app)).make_url("")).rstrip("/")
    request = await world.alice.send(world.channel, f"!whatplot {server}/page")

    (embed,) = world.answer_to(request).embeds
    assert_answers(embed, classifier.predict(CHART))
    assert embed.thumbnail.url == f"{server}/charts/q3%20numbers%20%C3%BC.png"


async def test_ten_long_file_names_fit_in_one_answer(world: BotWorld) -> None:
    names = [f"{'quarterly revenue by region ' * 30}{i}.png" for i in range(10)]
    request = await world.alice.send(world.channel, "!whatplot", attachments=[(name, CHART) for name in names])

    footers = [embed.footer.text for embed in world.answer_to(request).embeds]
    assert len(footers) == 10 and all(len(footer) < 120 for footer in footers)
    assert footers[0].startswith("1/10 · quarterly revenue") and footers[0].endswith("….png")


def dms_from_the_bot(world: BotWorld, member) -> list[discord.Message]:
    """The bot's messages in ``member``'s DMs, oldest first."""
    dm_channel = member.user.dm_channel
    return [m for m in dm_channel.history() if m.author.id == world.bot.user.id] if dm_channel else []


def test_the_bot_waits_out_a_rate_limit_only_so_long(bot_settings: Settings, classifier: ChartClassifier) -> None:
    """discord.py would wait out slowmode however long it is; the bot's client raises beyond half a minute."""
    bot = WhatplotBot(bot_settings, classifier)
    try:
        assert bot.http.max_ratelimit_timeout == MAX_RATELIMIT_WAIT_S == 30
    finally:
        bot.inference.shutdown()


async def test_where_slowmode_holds_the_bots_posts_answers_come_by_dm(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, caplog
) -> None:
    """Slowmode holds a bot's posts unless it may manage messages there: hours, in some channels."""
    channel_posts = f"/channels/{world.channel.id}/messages"
    rate_limit(world.env, monkeypatch, "POST", channel_posts, retry_after=6 * 3600, **SLOWMODE)
    await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    await world.bob.send(world.channel, "!whatplt")
    await world.mod.send(world.channel, "!help")
    assert world.answers() == []
    result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))  # no slowmode there

    held = f"I can't post in <#{world.channel.id}> for another 6 hours (slowmode)"
    note = f"{held}, so here is my answer."
    (answer,) = dms_from_the_bot(world, world.alice)
    assert answer.content == note
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    hint = f"{held}, so I'm replying here.\nDid you mean `!whatplot`?"  # a hint is no answer
    assert [m.content for m in dms_from_the_bot(world, world.bob)] == [hint]
    (help_text,) = dms_from_the_bot(world, world.mod)
    assert help_text.content.startswith(f"{note}\n") and "whatplot-watch" in help_text.content
    assert_answers(result.response.embeds[0], classifier.predict(CHART))
    assert not errors_logged(caplog)


async def test_where_slowmode_holds_a_long_text_answer_its_note_comes_on_its_own(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    """A text answer's pages fill a message each; the DM's slowmode note doesn't fit above a full one."""
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    note = f"I can't post in <#{channel.id}> for another 6 hours (slowmode), so here is my answer."

    def pages(names: list[str]) -> list[str]:
        results = [Result(name, predictions=classifier.predict(CHART)) for name in names]
        return text_messages(build_embeds(results, not_sure_below=world.bot.settings.not_sure_below))

    # File names as long as it takes for a page of the answer to leave no room for the note above it.
    names = next(
        names
        for length in range(1, 90)
        if max(map(len, pages(names := [f"{'c' * length}{i}.png" for i in range(10)]))) > MESSAGE_LIMIT - len(note) - 1
    )
    rate_limit(world.env, monkeypatch, "POST", f"/channels/{channel.id}/messages", retry_after=6 * 3600, **SLOWMODE)
    await world.alice.send(channel, "!whatplot", attachments=[(name, CHART) for name in names])

    texts = [m.content for m in dms_from_the_bot(world, world.alice)]
    assert all(0 < len(text) <= MESSAGE_LIMIT for text in texts)
    assert [text.removeprefix(f"{note}\n") for text in texts if text != note] == pages(names)
    assert note in texts  # the full page's note, on its own
    dms = dms_from_the_bot(world, world.alice)
    assert [len(buttons(dm)) for dm in dms] == [0] * (len(dms) - 1) + [1]
    await world.alice.user.click(dms[-1], label="Delete")  # the note goes with the answer
    assert dms_from_the_bot(world, world.alice) == []


def slowmode_after_one_post(world: BotWorld, monkeypatch, channel, *, retry_after: float) -> None:
    """Slowmode in ``channel`` as Discord keeps it for a member: the bot's next post there goes out, and each
    one after it is held ``retry_after`` seconds (see :func:`tests.bot_world.rate_limit`)."""
    from simcord.http.client import _path_of

    posts, http = f"/channels/{channel.id}/messages", world.env.bot.http
    unheld = http.request
    rate_limit(world.env, monkeypatch, "POST", posts, retry_after=retry_after, **SLOWMODE)
    held = http.request
    posted = False

    async def request(route: discord.http.Route, **kwargs):
        nonlocal posted
        if posted or route.method != "POST" or _path_of(route.url) != posts:
            return await held(route, **kwargs)
        posted = True
        return await unheld(route, **kwargs)

    monkeypatch.setattr(http, "request", request)


def text_pages(world: BotWorld, classifier: ChartClassifier, names: list[str]) -> list[str]:
    """The plain-text messages of the answer about a chart in each file of ``names``."""
    results = [Result(name, predictions=classifier.predict(CHART)) for name in names]
    return text_messages(build_embeds(results, not_sure_below=world.bot.settings.not_sure_below))


async def test_where_slowmode_lets_one_post_through_a_text_answer_of_several_comes_whole_by_dm(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, caplog
) -> None:
    """Slowmode lets the first message of a text answer through and holds the next: the answer would be
    split between the channel and DMs, a slowmode note above each part that came by DM."""
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    note = f"I can't post in <#{channel.id}> for another 10 minutes (slowmode), so here is my answer."
    names = [f"chart{i}.png" for i in range(1, 11)]
    assert len(text_pages(world, classifier, names)) > 1
    slowmode_after_one_post(world, monkeypatch, channel, retry_after=600)
    await world.alice.send(channel, "!whatplot", attachments=[(name, CHART) for name in names])

    assert world.answers(channel) == []  # the part that went out is taken back
    texts = [m.content for m in dms_from_the_bot(world, world.alice)]
    assert texts[0].startswith(note) and sum(note in text for text in texts) == 1
    assert [text.removeprefix(f"{note}\n") for text in texts if text != note] == text_pages(world, classifier, names)
    dms = dms_from_the_bot(world, world.alice)
    await world.alice.user.click(dms[-1], label="Delete")  # the whole answer, in DMs too
    assert dms_from_the_bot(world, world.alice) == []
    assert not errors_logged(caplog)


async def test_where_slowmode_lets_one_post_through_watch_mode_leaves_no_part_of_a_text_answer(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    names = [f"chart{i}.png" for i in range(1, 11)]
    await world.mod.send(channel, "!whatplot-watch on")
    slowmode_after_one_post(world, monkeypatch, channel, retry_after=600)
    posted = await world.alice.send(channel, "our numbers", attachments=[(name, CHART) for name in names])

    assert world.answers_to(posted.id, channel) == [] and dms_from_the_bot(world, world.alice) == []
    await world.alice.edit(posted, "!whatplot our numbers")  # asked now: the whole answer comes by DM
    texts = [m.content for m in dms_from_the_bot(world, world.alice)]
    assert texts[0].startswith(f"I can't post in <#{channel.id}> for another 10 minutes (slowmode)")
    assert world.answers_to(posted.id, channel) == []


async def test_where_slowmode_holds_the_bots_posts_and_dms_are_closed_the_log_says_so(
    world: BotWorld, monkeypatch, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    rate_limit(world.env, monkeypatch, "POST", f"/channels/{world.channel.id}/messages", retry_after=3600, **SLOWMODE)
    dm_channel = world.env.backend.get_dm_channel(world.alice.id)
    world.env.inject_error(  # what Discord answers where a user takes no DMs from server members
        "POST",
        f"/channels/{dm_channel.id}/messages",
        status=403,
        code=50007,
        message="Cannot send messages to this user",
        times=None,
    )
    await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert world.answers() == []
    assert not errors_logged(caplog)
    assert len([r for r in caplog.records if f"Can't answer user {world.alice.id}" in r.getMessage()]) == 1


async def test_where_slowmode_holds_the_bots_posts_watch_mode_passes_over_a_chart(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    await world.mod.send(world.channel, "!whatplot-watch on")
    rate_limit(world.env, monkeypatch, "POST", f"/channels/{world.channel.id}/messages", retry_after=600, **SLOWMODE)
    posted = await world.alice.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])

    assert dms_from_the_bot(world, world.alice) == []  # nobody asked: no DM
    assert any("slowmode holds my posts" in r.getMessage() for r in caplog.records)
    await world.alice.edit(posted, "!whatplot our numbers")  # asked now: the answer comes by DM
    (answer,) = dms_from_the_bot(world, world.alice)
    assert answer.content.startswith(f"I can't post in <#{world.channel.id}> for another 10 minutes (slowmode)")
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    assert not errors_logged(caplog)


async def test_a_history_read_discord_holds_back_long_says_to_try_again(world: BotWorld, monkeypatch, caplog) -> None:
    rate_limit(world.env, monkeypatch, "GET", "/channels/*/messages", retry_after=120)
    request = await world.alice.send(world.channel, "!whatplot")

    assert world.answer_to(request).content == DISCORD_FAILED
    assert not errors_logged(caplog)
    assert any("Discord rate-limited it for 120 s" in r.getMessage() for r in caplog.records)
    assert [type(error) for error in world.take_errors()] == [discord.RateLimited]


async def test_help_where_the_bot_may_not_post_comes_by_dm(world: BotWorld) -> None:
    channel = world.channel_where_the_bot_lacks("read-only", send_messages=False)
    await world.alice.send(channel, "!help")

    (help_text,) = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert "whatplot-watch" in help_text.content


async def test_where_the_bot_may_not_post_and_dms_are_closed_the_log_says_so_in_one_line(
    world: BotWorld, caplog
) -> None:
    channel = world.channel_where_the_bot_lacks("read-only", send_messages=False)
    dm_channel = world.env.backend.get_dm_channel(world.alice.id)
    world.env.inject_error(  # what Discord answers where a user takes no DMs from server members
        "POST", f"/channels/{dm_channel.id}/messages", status=403, code=50007, message="Cannot send messages to this user", times=None
    )
    await world.alice.send(channel, "!help")
    await world.alice.send(channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert world.answers(channel) == []
    assert not errors_logged(caplog)
    (gone,) = [r.getMessage() for r in caplog.records if "Couldn't answer user" in r.getMessage()]
    assert "doesn't accept direct messages" in gone
    assert [error.code for error in world.take_errors()] == [50007]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("late_by", "code"), [(4, 10062), (16 * 60, 10015)], ids=["before its first response", "after 15 minutes"]
)
async def test_an_expired_interaction_is_logged_in_one_line(
    world: BotWorld, monkeypatch, caplog, late_by: float, code: int
) -> None:
    """Discord forgets an interaction unanswered for 3 s, and its followup token after 15 minutes."""
    check, classify = world.bot.cooldown.check, world.bot.classify_images

    def check_slowly(user_id: int) -> None:
        if late_by < 60:
            world.env.backend.clock.advance(late_by)
        check(user_id)

    async def classify_slowly(refs, may_renew, asker):
        if late_by >= 60:
            world.env.backend.clock.advance(late_by)
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot.cooldown, "check", check_slowly)
    monkeypatch.setattr(world.bot, "classify_images", classify_slowly)
    await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))

    assert not errors_logged(caplog)
    (gone,) = [r.getMessage() for r in caplog.records if "Couldn't answer user" in r.getMessage()]
    assert "expired" in gone and str(code) in gone
    assert [error.code for error in world.take_errors()] == [code]  # type: ignore[attr-defined]


async def test_a_channel_deleted_before_its_answer_is_logged_in_one_line(world: BotWorld, monkeypatch, caplog) -> None:
    classify = world.bot.classify_images

    async def classify_as_the_channel_is_deleted(refs, may_renew, asker):
        world.env.backend.delete_channel(world.channel.id)
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_channel_is_deleted)
    (request,) = await post_burst(world, 1)  # simcord can't show the asker a message whose channel is gone

    assert not errors_logged(caplog)
    (gone,) = [r.getMessage() for r in caplog.records if "Couldn't answer user" in r.getMessage()]
    assert "channel" in gone and "10003" in gone
    assert [error.code for error in world.take_errors()] == [10003]  # type: ignore[attr-defined]


async def test_a_thread_deleted_before_its_answer_is_logged_in_one_line(world: BotWorld, monkeypatch, caplog) -> None:
    backend = world.env.backend
    backend.create_thread(world.channel.id, "q3 numbers", world.alice.id)
    (thread,) = world.channel.threads
    classify = world.bot.classify_images

    async def classify_as_the_thread_is_deleted(refs, may_renew, asker):
        backend.delete_channel(thread.id)
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_thread_is_deleted)
    world.post_via_backend(world.alice, "!whatplot", [("c.png", CHART)], channel=thread)  # simcord can't show it
    await world.env.settle()

    assert not errors_logged(caplog)
    (gone,) = [r.getMessage() for r in caplog.records if "Couldn't answer user" in r.getMessage()]
    assert f"channel {thread.id}" in gone and "10003" in gone
    assert [error.code for error in world.take_errors()] == [10003]  # type: ignore[attr-defined]


async def test_a_bot_removed_from_the_server_before_its_answer_logs_one_line(
    world: BotWorld, monkeypatch, caplog
) -> None:
    classify = world.bot.classify_images

    async def classify_as_the_bot_is_removed(refs, may_renew, asker):
        world.env.backend.remove_member(world.guild.id, world.bot.user.id)  # kicked: Discord tells the bot the server is gone
        world.env.backend.emit("GUILD_DELETE", {"id": str(world.guild.id)})
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_bot_is_removed)
    await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    assert not errors_logged(caplog)
    (gone,) = [r.getMessage() for r in caplog.records if "Couldn't answer user" in r.getMessage()]
    assert "removed from the server" in gone and "50001" in gone
    assert [error.code for error in world.take_errors()] == [50001]  # type: ignore[attr-defined]


async def test_a_bare_slash_command_whose_history_read_is_slow_defers_in_time(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    """Discord forgets an interaction unanswered for 3 s; a history read held up by a rate limit takes longer."""
    await world.bob.send(world.channel, "here", attachments=[("chart.png", CHART)])
    hold_up_reads(world, monkeypatch, "logs_from", "a history read")
    result = await world.alice.slash(world.channel, "whatplot")
    assert result.deferred and not result.ephemeral

    await world.env.advance_time(4)
    assert_answers(result.response.embeds[0], classifier.predict(CHART))


@pytest.mark.bot_settings(cooldown_rate=1, cooldown_per=60.0)
async def test_a_user_who_keeps_asking_is_told_to_slow_down_once(world: BotWorld) -> None:
    """A reply to every refused request would let one user make the bot post as fast as they do."""
    for _ in range(5):
        await world.alice.send(world.channel, "!whatplot", attachments=[("c.png", CHART)])

    answered, told = world.answers()
    assert answered.embeds and told.content.startswith("Slow down a little")
    requests = [m for m in world.channel.history() if m.author.id == world.alice.id]
    waiting = [m for m in requests if any(str(r.emoji) == "⏳" for r in m.reactions)]
    assert len(requests) == 5 and len(waiting) == 3  # every request answered: a reply, "slow down", then ⏳
    slashed = await world.alice.slash(world.channel, "whatplot", image=("c.png", CHART))  # seen by alice alone
    assert slashed.ephemeral and slashed.response.content.startswith("Slow down")
    assert [e.kind for e in world.take_errors()] == ["slow_down"] * 5


@pytest.mark.bot_settings(cooldown_rate=1, cooldown_per=60.0)
async def test_a_slash_command_refused_again_for_the_cooldown_is_still_answered(world: BotWorld) -> None:
    """A refused message gets a ⏳; an interaction has no message to mark, and Discord tells its user "The application
    did not respond" where it gets no answer: each refusal of /whatplot-watch says so, privately, as /whatplot's do."""
    results = [await world.mod.slash(world.channel, "whatplot-watch") for _ in range(3)]

    assert results[0].response.content.startswith("Watch mode is **off** here")
    for refused in results[1:]:
        assert refused.ephemeral and refused.response.content.startswith("Slow down a little")
    assert [e.kind for e in world.take_errors()] == ["slow_down"] * 2


def test_the_cooldown_forgets_users_whose_window_has_passed() -> None:
    """A bot that runs for months meets a great many users: it mustn't remember each of them for ever."""
    now = 0.0
    cooldown = UserCooldown(rate=1, per=30.0, clock=lambda: now)
    for user_id in range(1000):
        cooldown.check(user_id)
    with pytest.raises(SlowDown):
        cooldown.check(0)

    now = 31.0
    cooldown.check(5000)

    assert list(cooldown._requests) == [5000] and not cooldown._told
    cooldown.check(0)  # forgotten, so let through and then refused as if remembered: told anew
    with pytest.raises(SlowDown) as refused:
        cooldown.check(0)
    assert not refused.value.told


@pytest.mark.bot_settings(cooldown_rate=1, cooldown_per=60.0)
@pytest.mark.parametrize(("request_text", "answer_text"), [("!help", "whatplot-watch"), ("!whatplt", "Did you mean")])
async def test_help_and_did_you_mean_count_against_the_cooldown(world: BotWorld, request_text: str, answer_text: str) -> None:
    """Each is one more message from the bot: sent again and again, they mustn't make it post as fast as a user types."""
    for _ in range(4):
        await world.alice.send(world.channel, request_text)
    await world.bob.send(world.channel, request_text)  # per user

    answered, told, bobs = world.answers()
    assert answer_text in answered.content and answer_text in bobs.content
    assert told.content.startswith("Slow down a little")
    requests = [m for m in world.channel.history() if m.author.id == world.alice.id]
    assert sum(any(str(r.emoji) == "⏳" for r in m.reactions) for m in requests) == 2
    assert {e.kind for e in world.take_errors()} <= {"slow_down"}  # refused help; a typo is no error of the bot's


@pytest.mark.bot_settings(cooldown_rate=1, cooldown_per=60.0)
async def test_whatplot_watch_refused_in_a_dm_counts_against_the_cooldown(world: BotWorld) -> None:
    """Refused before it runs (it works only in servers), it is a reply all the same: sent again and again, it mustn't
    make the bot post as fast as a user types."""
    for _ in range(3):
        await world.alice.send_dm("!whatplot-watch")

    dm = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert [m.content.split(":")[0] for m in dm] == ["That only works in a server channel.", "Slow down a little"]
    requests = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.alice.id]
    assert sum(any(str(r.emoji) == "⏳" for r in m.reactions) for m in requests) == 1
    assert {type(e) for e in world.take_errors()} == {commands.NoPrivateMessage}


async def test_a_servers_words_and_file_names_show_verbatim_not_as_markdown(world: BotWorld, aiohttp_server) -> None:
    """An error quotes what others chose: a server's reason phrase, a file's name. A masked link in
    it must not become a link in the bot's answer (a phishing lure), nor a name turn into a mention."""
    from aiohttp import web

    async def lure(request: web.Request) -> web.Response:
        return web.Response(status=404, reason="Claim [free Nitro](https://nitro.example)")

    app = web.Application()
    app.router.add_get("/chart.png", lure)
    server = await aiohttp_server(app)
    request = await world.alice.send(world.channel, f"!whatplot {server.make_url('/chart.png')}")
    assert error_text(world, request) == r"The server answered 404 Claim \[free Nitro](https://nitro.example)."

    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    name = f"**<@{world.bob.id}>**_[see](https://nitro.example).txt"
    request = await world.alice.send(channel, "!whatplot", attachments=[(name, b"hello")])
    answer = world.answer_to_in(channel, request)
    assert answer.content.endswith(r"-# \*\*<@" + "\u200b" + rf"{world.bob.id}>\*\*\_\[see](https://nitro.example).txt")
    assert not answer.mentions
