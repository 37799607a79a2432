"""Answering a message wherever the bot can post: Discord refuses a reply where the bot may not
read the channel's history (error 160002), and a bot's embeds where it may not embed links."""

from __future__ import annotations

from typing import Any

import discord
from discord.ext import commands


def bot_may(message: discord.Message, permission: str) -> bool:
    """Whether the bot has ``permission`` (a :class:`discord.Permissions` flag name) in ``message``'s channel."""
    if message.guild is None:  # a DM allows everything an answer needs
        return True
    return bool(getattr(message.channel.permissions_for(message.guild.me), permission))


async def reply(message: discord.Message, content: str | None = None, **options: Any) -> discord.Message:
    """Reply to ``message`` without pinging its author; where the bot may not read the channel's
    history, send the answer as a plain message that starts by naming the author instead."""
    if bot_may(message, "read_message_history"):
        return await message.reply(content, mention_author=False, **options)
    return await message.channel.send(f"{message.author.mention} {content or ''}".rstrip(), **options)


class WhatplotContext(commands.Context["commands.Bot"]):
    """A command context whose replies to prefix commands go through :func:`reply`."""

    async def reply(self, content: str | None = None, **options: Any) -> discord.Message:
        if self.interaction is not None:  # a hybrid command run as a slash command answers its interaction
            return await super().reply(content, **options)
        options.pop("mention_author", None)
        options.pop("ephemeral", None)  # only interactions can answer privately
        return await reply(self.message, content, **options)
