"""Answering a message wherever the bot can: Discord refuses a reply where the bot may not read the
channel's history (error 160002), a bot's embeds where it may not embed links, and any message
where it may not send messages. A message Discord fails to take (a 5xx error, or 429 once discord.py
has waited out its rate limits) is sent once more before the bot gives up on it.

Slowmode holds a bot's posts too, unless it may manage the channel's messages: discord.py waits out a
rate limit of up to :data:`MAX_RATELIMIT_WAIT_S` and raises :class:`discord.RateLimited` beyond it, and
the answer then goes to the asker's DMs rather than hours later.

Also :class:`WhatplotContext`, through which commands' one-line replies go. What the bot may do in a channel is
:mod:`bot.permissions`'s; how Discord's refusals read, :mod:`bot.discord_errors`'s.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, TypeVar

import discord
from discord.ext import commands

from bot.discord_errors import (
    ALREADY_ACKNOWLEDGED,
    CANNOT_REPLY_WITHOUT_HISTORY,
    discord_failed,
    refused_for_permissions,
)
from bot.permissions import bot_may, bot_may_post, locked_to_the_bot
from bot.text import wait_words

log = logging.getLogger(__name__)

#: How long the bot waits before sending a message again that Discord failed to take.
RESEND_DELAY_S = 2.0
#: The longest rate limit discord.py waits out before a request (the client's ``max_ratelimit_timeout``; 30 s
#: is the least it takes). A longer one, most often a channel's slowmode, raises :class:`discord.RateLimited`.
MAX_RATELIMIT_WAIT_S = 30.0
#: Discord's limit on a message's text.
MESSAGE_LIMIT = 2000
#: How often the typing indicator is renewed: Discord shows it for 10 s, or until the bot posts.
TYPING_EVERY_S = 5.0
T = TypeVar("T")


async def resending(send: Callable[[], Awaitable[T]]) -> T:
    """Run ``send`` (a call that posts one message), once more after :data:`RESEND_DELAY_S` if Discord
    failed to take it (:func:`discord_failed`): an answer worked out is not lost to a blip."""
    try:
        return await send()
    except discord.HTTPException as exc:
        if not discord_failed(exc):
            raise
        log.warning(
            "Discord failed to take a message (%s %s); sending it again in %.0f s", exc.status, exc.text, RESEND_DELAY_S
        )
    await asyncio.sleep(RESEND_DELAY_S)
    return await send()


def _once_only(options: dict[str, Any]) -> dict[str, Any]:
    """``options`` of a post, with a nonce of its own: Discord hands back the message it took with that nonce lately
    rather than post it again, so that a post :func:`resending` sends again where Discord failed to say it took it
    (a 5xx after all) is not posted twice. Random, as the bot is the author of every answer, in every channel."""
    return {**options, "nonce": secrets.randbits(63)}  # at most 19 digits: Discord takes up to 25 characters


def _mention(channel: discord.abc.Messageable) -> str:
    """How an answer sent by DM names the channel it couldn't go to."""
    return getattr(channel, "mention", "that channel")


def barred_note(channel: discord.abc.Messageable, *, answer: bool = True) -> str:
    """The line above an answer (see :func:`dm_note`) sent by DM because the bot may not post in ``channel``."""
    where = _mention(channel)
    why = f"{where} is locked" if locked_to_the_bot(channel) else f"I'm not allowed to post in {where}"
    return dm_note(why, answer=answer)


def dm_note(why: str, *, answer: bool = True) -> str:
    """The line above what the bot sends by DM instead of in the channel, ``why`` it does: the answer asked for
    (``answer``), or else a line instead of one (a refusal such as "Slow down a little…", a hint, an error)."""
    then = "here is my answer" if answer else "I'm replying here"
    return f"{why}, so {then}."


def held_note(channel: discord.abc.Messageable, retry_after: float, *, answer: bool = True) -> str:
    """The line above an answer (see :func:`dm_note`) sent by DM because slowmode holds the bot's posts in
    ``channel`` for ``retry_after`` seconds."""
    wait = wait_words(retry_after)
    return dm_note(f"I can't post in {_mention(channel)} for another {wait} (slowmode)", answer=answer)


async def send_by_dm(
    message: discord.Message,
    note: str,
    *contents: str | None,
    last_view: Callable[[list[int]], discord.ui.View] | None = None,
    **options: Any,
) -> discord.Message | None:
    """Send the answer to ``message`` to its author's DMs: ``contents``, a message each (none: ``note`` alone),
    ``note`` (why they come there) above the first. Where the note doesn't fit above the first (a full page of
    text), it comes on its own. ``last_view``: the view of the last message, made from the ids of those before it
    (an answer in text's 🗑️, which deletes them all); the others then have none. Returns the last message sent;
    None when the author doesn't accept DMs. Where Discord fails or refuses one, those sent are taken back
    (:func:`take_back`), so that no part is left without the 🗑️."""
    first, *rest = contents or (None,)
    texts = [f"{note}\n{first or ''}".rstrip(), *rest]
    sent: list[discord.Message] = []
    try:
        if len(texts[0]) > MESSAGE_LIMIT:
            sent.append(await resending(functools.partial(message.author.send, note, **_once_only({}))))
            texts[0] = first or ""
        for index, text in enumerate(texts, start=1):
            if last_view is not None and index == len(texts):
                options["view"] = last_view([part.id for part in sent])
            sent.append(await resending(functools.partial(message.author.send, text, **_once_only(options))))
        return sent[-1]
    except (discord.RateLimited, discord.HTTPException) as exc:
        await take_back(sent)  # as in the channel (bot.send_answer): no part left without the 🗑️, on the last
        if not isinstance(exc, discord.Forbidden):
            raise
        log.info("Can't answer user %s in channel %s, nor by DM (closed)", message.author.id, message.channel.id)
        return None


async def take_back(sent: Sequence[discord.Message]) -> None:
    """Delete ``sent``, the parts of an answer that went out before Discord failed or refused the rest; one deleted
    meanwhile, or that Discord fails to delete, stays."""
    for part in sent:
        with contextlib.suppress(discord.HTTPException):
            await part.delete()


async def post_or_dm(
    message: discord.Message,
    post: Callable[[], Awaitable[T]],
    *contents: str | None,
    answer: bool = True,
    **options: Any,
) -> T | discord.Message | None:
    """Run ``post`` (a call that answers ``message`` in its channel with ``contents``); where slowmode holds the
    bot's posts there longer than :data:`MAX_RATELIMIT_WAIT_S`, send ``contents`` to the author's DMs instead,
    :func:`held_note` above them (see :func:`send_by_dm`; ``answer``: whether ``contents`` are the answer, see
    :func:`dm_note`). A DM has no slowmode: a long rate limit there is Discord's own, and raised.

    So too where Discord refuses the post for the bot's permissions
    (:data:`~bot.discord_errors.MISSING_PERMISSIONS`), which :func:`bot_may_post` allowed: taken away meanwhile, or
    the bot timed out; then :func:`barred_note` is above."""
    try:
        return await post()
    except discord.Forbidden as exc:
        if message.guild is None or not refused_for_permissions(exc):
            raise
        log.info(
            "Discord refused my post in channel %s (missing permissions); answering user %s by DM",
            message.channel.id,
            message.author.id,
        )
        return await send_by_dm(message, barred_note(message.channel, answer=answer), *contents, **options)
    except discord.RateLimited as exc:
        if message.guild is None:
            raise
        log.info(
            "Slowmode holds my posts in channel %s for %.0f s; answering user %s by DM",
            message.channel.id,
            exc.retry_after,
            message.author.id,
        )
        note = held_note(message.channel, exc.retry_after, answer=answer)
        return await send_by_dm(message, note, *contents, **options)


async def reply(
    message: discord.Message,
    content: str | None = None,
    *,
    if_still_there: bool = False,
    dm_if_held: bool = True,
    answer: bool = True,
    **options: Any,
) -> discord.Message | None:
    """Reply to ``message`` without pinging its author; ``if_still_there``: only while ``message`` is
    there, else Discord refuses the reply (:func:`~bot.discord_errors.gone` says so).

    Where the bot may not read the channel's history, the answer is a plain message that starts by
    naming the author; where it may not post at all (in a locked thread, say), the answer goes to the author's
    DMs, as it does where slowmode holds the bot's posts longer than :data:`MAX_RATELIMIT_WAIT_S`, under a note that
    says why (see :func:`dm_note`: ``answer`` is whether ``content`` is the answer asked for). Unless ``dm_if_held``
    is False: then it goes to the channel all the same, and :class:`discord.RateLimited`, or Discord's refusal
    (:class:`discord.Forbidden`), is raised, for the caller to decide (watch mode sends no DM; a part of an answer
    in text doesn't go on its own). Returns None when the author doesn't accept DMs.
    """
    if dm_if_held and not bot_may_post(message.channel):
        return await send_by_dm(message, barred_note(message.channel, answer=answer), content, **options)
    post = functools.partial(_post, message, content, if_still_there=if_still_there, **options)
    return await post_or_dm(message, post, content, answer=answer, **options) if dm_if_held else await post()


async def _post(
    message: discord.Message, content: str | None, *, if_still_there: bool, **options: Any
) -> discord.Message:
    """Reply to ``message`` in its channel (see :func:`reply`); or, where the bot may not read the channel's
    history, post there naming its author."""
    options = _once_only(options)
    if bot_may(message.channel, "read_message_history"):
        # Unless told otherwise, not failing if the message is gone: an asker who deleted the request meanwhile
        # still gets the answer.
        reference = message.to_reference(fail_if_not_exists=if_still_there)
        try:
            return await resending(
                lambda: message.channel.send(content, reference=reference, mention_author=False, **options)
            )
        except discord.HTTPException as exc:
            if exc.code != CANNOT_REPLY_WITHOUT_HISTORY:  # the permission taken away since the bot checked it
                raise
    return await resending(lambda: message.channel.send(_addressed(message, content), **options))


def _addressed(message: discord.Message, content: str | None) -> str | None:
    """``content`` naming the author of ``message`` first: an answer to it that is no reply. Not a webhook's (an
    alert's, a bridge's): its author is no user, and its mention would show as an unknown one."""
    if message.webhook_id is not None:
        return content
    return f"{message.author.mention} {content or ''}".rstrip()


async def edit_reply(answer: discord.Message, message: discord.Message, content: str | None, **options: Any) -> None:
    """Edit ``answer``, the bot's reply to ``message`` in its channel (see :func:`reply`), to say ``content``: still
    naming the author of ``message`` first where it is no reply."""
    text = content if answer.reference is not None else _addressed(message, content)
    await resending(lambda: answer.edit(content=text, **options))


async def answer_privately(interaction: discord.Interaction, text: str) -> None:
    """Answer ``interaction`` with ``text`` that only its user sees: as its response, or as a followup
    once it has one (a deferred answer's followup takes the visibility chosen when it was deferred). Also once
    Discord says it has one that discord.py doesn't know of (:data:`~bot.discord_errors.ALREADY_ACKNOWLEDGED`): a
    deferral Discord took, then failed to confirm, which would otherwise leave its user on "thinking…"."""
    if not interaction.response.is_done():
        try:
            await interaction.response.send_message(text, ephemeral=True)
            return
        except discord.HTTPException as exc:
            if exc.code != ALREADY_ACKNOWLEDGED:
                raise
    await interaction.followup.send(text, ephemeral=True)


@contextlib.asynccontextmanager
async def typing_in(message: discord.Message) -> AsyncIterator[None]:
    """Show "whatplot is typing…" in ``message``'s channel while the body runs, where the bot may post.

    The indicator is a courtesy: it starts beside the body, not before it, as Discord may hold it up (its rate limit
    on typing, soon reached where many ask at once in one channel); where Discord refuses it or fails, the answer
    still comes.
    """
    if not bot_may_post(message.channel):
        yield
        return
    typing = asyncio.create_task(_typing(message.channel))
    try:
        yield
    finally:
        typing.cancel()  # also where Discord holds it up still: the answer is ready


async def _typing(channel: discord.abc.Messageable) -> None:
    """Show "whatplot is typing…" in ``channel`` until cancelled, renewed every :data:`TYPING_EVERY_S`."""
    try:
        while True:
            await channel.typing()  # one trigger
            await asyncio.sleep(TYPING_EVERY_S)
    except (discord.HTTPException, discord.RateLimited) as exc:
        log.info("No typing indicator in channel %s (%s); answering anyway", getattr(channel, "id", "?"), exc)


class WhatplotContext(commands.Context["commands.Bot"]):
    """A command context whose replies to prefix commands go through :func:`reply`.

    Its replies are a line of text: a refusal ("Slow down a little…"), a hint, an error, a setting's state; the
    answers naming charts go through :func:`bot.send_answer.reply_with_answer`. So one sent by DM says so
    (:func:`dm_note`), not "here is my answer"."""

    async def reply(self, content: str | None = None, **options: Any) -> discord.Message | None:
        if self.interaction is not None:  # a hybrid command run as a slash command answers its interaction
            return await super().reply(content, **options)
        options.pop("mention_author", None)
        options.pop("ephemeral", None)  # only interactions can answer privately
        return await reply(self.message, content, answer=False, **options)
