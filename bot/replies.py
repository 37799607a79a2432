"""Answering a message wherever the bot can: Discord refuses a reply where the bot may not read the
channel's history (error 160002), a bot's embeds where it may not embed links, and any message
where it may not send messages."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

log = logging.getLogger(__name__)


def bot_may(message: discord.Message, permission: str) -> bool:
    """Whether the bot has ``permission`` (a :class:`discord.Permissions` flag name) in ``message``'s channel."""
    if message.guild is None:  # a DM allows everything an answer needs
        return True
    return bool(getattr(message.channel.permissions_for(message.guild.me), permission))


def bot_may_post(message: discord.Message) -> bool:
    """Whether the bot may send messages in ``message``'s channel (threads have their own permission)."""
    in_thread = isinstance(message.channel, discord.Thread)
    return bot_may(message, "send_messages_in_threads" if in_thread else "send_messages")


async def reply(message: discord.Message, content: str | None = None, **options: Any) -> discord.Message | None:
    """Reply to ``message`` without pinging its author.

    Where the bot may not read the channel's history, the answer is a plain message that starts by
    naming the author; where it may not post at all, the answer goes to the author's DMs. Returns
    None when the author doesn't accept DMs either.
    """
    if not bot_may_post(message):
        where = getattr(message.channel, "mention", "that channel")
        text = f"I can't post in {where}, so here is my answer.\n{content or ''}"
        try:
            return await message.author.send(text.rstrip(), **options)
        except discord.Forbidden:
            log.info("Can't answer user %s: may not post in %s, DMs closed", message.author.id, message.channel.id)
            return None
    if bot_may(message, "read_message_history"):
        # Not failing if the message is gone: an asker who deleted the request meanwhile still gets the answer.
        reference = message.to_reference(fail_if_not_exists=False)
        return await message.channel.send(content, reference=reference, mention_author=False, **options)
    return await message.channel.send(f"{message.author.mention} {content or ''}".rstrip(), **options)


class WhatplotContext(commands.Context["commands.Bot"]):
    """A command context whose replies to prefix commands go through :func:`reply`."""

    async def reply(self, content: str | None = None, **options: Any) -> discord.Message | None:
        if self.interaction is not None:  # a hybrid command run as a slash command answers its interaction
            return await super().reply(content, **options)
        options.pop("mention_author", None)
        options.pop("ephemeral", None)  # only interactions can answer privately
        return await reply(self.message, content, **options)
