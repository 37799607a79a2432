"""Sending the answer :mod:`bot.answer` builds, as a reply to the request: one message with the embeds and the 🗑️
button (:func:`reply_with_answer`), or, where the bot may not embed links, the same answer as text, over as many
messages as it takes, the 🗑️ button on the last (:func:`_reply_with_text`). Where and how a reply goes (a DM where
the bot may not post, or slowmode holds its posts) is :mod:`bot.replies`' job.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import discord

from bot.answer import answer_view, text_messages
from bot.permissions import bot_may, bot_may_post
from bot.replies import post_or_dm, reply, take_back


async def reply_with_answer(
    message: discord.Message,
    embeds: Sequence[discord.Embed],
    note: str | None = None,
    *,
    if_still_there: bool = False,
    dm_if_held: bool = True,
) -> discord.Message | None:
    """Reply to ``message`` (see :func:`bot.replies.reply`, which takes ``if_still_there`` and ``dm_if_held``)
    with the answer ``embeds``, a ``note`` above them, and a 🗑️ button for its author.

    In a channel where the bot lacks Embed Links, Discord refuses embeds (403), so the answer is
    sent as text instead, split over several messages if it is long (:func:`_reply_with_text`).

    Returns the answer where it is one message with the embeds, which :func:`bot.replies.edit_reply` may edit; None
    where it went out as text, or nowhere (the author doesn't accept DMs).
    """
    view = answer_view(message.author.id)
    # An answer sent by DM may have embeds.
    if bot_may(message.channel, "embed_links") or not bot_may_post(message.channel):
        return await reply(
            message, note, embeds=list(embeds), view=view, if_still_there=if_still_there, dm_if_held=dm_if_held
        )
    texts = ([note] if note else []) + text_messages(embeds)
    post = functools.partial(_reply_with_text, message, texts, if_still_there=if_still_there)
    if dm_if_held:
        last_view = functools.partial(answer_view, message.author.id)
        await post_or_dm(message, post, *texts, last_view=last_view, suppress_embeds=True)
    else:
        await post()
    return None


async def _reply_with_text(message: discord.Message, texts: Sequence[str], *, if_still_there: bool) -> None:
    """Reply to ``message`` in its channel with ``texts``, a message each; the last with the 🗑️ button, which
    deletes them all (:class:`~bot.answer.DeleteAnswerButton`).

    Slowmode lets the first through and holds the next (or the bot is barred from the channel meanwhile, or Discord
    fails to take one, twice): then those sent are taken back before the error is raised, so that the answer comes
    whole wherever it goes (the asker's DMs), and no part is left without the 🗑️, which is on the last. No part
    goes to the DMs on its own (:func:`~bot.replies.reply` with ``dm_if_held=False``).
    """
    sent: list[discord.Message] = []
    try:
        for index, text in enumerate(texts, start=1):
            last = index == len(texts)
            view = answer_view(message.author.id, [part.id for part in sent]) if last else discord.utils.MISSING
            answer = await reply(
                message, text, view=view, suppress_embeds=True, if_still_there=if_still_there, dm_if_held=False
            )
            if answer is not None:
                sent.append(answer)
    except (discord.RateLimited, discord.HTTPException):  # slowmode, the bot barred meanwhile, or Discord failing
        await take_back(sent)
        raise
