"""The ``help`` command (:class:`WhatplotHelp`), what it says the bot does (:func:`description`), and the bot's words
on what it can't see without the Message Content intent (:data:`UNSEEN_WITHOUT_MESSAGE_CONTENT`)."""

from __future__ import annotations

import functools

import discord
from discord.ext import commands

from bot.permissions import bot_may_post
from bot.replies import post_or_dm
from bot.text import clip, escaped

#: The most of an unknown command's name that ``help`` quotes back: the name is the asker's, up to a message long.
MAX_QUOTED_NAME = 100

#: Why the bot can't see a server's messages, told where that keeps it from answering: without the Message Content
#: intent Discord sends it no text, attachments or embeds of a message that doesn't mention it.
UNSEEN_WITHOUT_MESSAGE_CONTENT = (
    "Discord doesn't show me the messages posted in servers, unless they mention me, until my owner turns on the "
    "Message Content intent for me, on the Developer Portal's Bot page."
)


def description(prefix: str, *, message_content: bool) -> str:
    """What ``help`` says the bot does, and how to ask it: without the Message Content intent, Discord shows the bot
    only the messages that mention it, direct messages and its commands' interactions, not ``!whatplot`` in a server."""
    slash_and_menu = "`/whatplot`, or right-click a message → Apps → Name this chart"
    if not message_content:
        return (
            f"I name the chart type in an image. Use {slash_and_menu}; or mention me in a message with the image "
            "attached, or send it to me in a direct message."
        )
    return (
        f"I name the chart type in an image. Attach it to `{prefix}whatplot`, reply `{prefix}whatplot` to a message "
        f"with one, or give a link: `{prefix}whatplot https://example.com/chart.png`. Or use {slash_and_menu}."
    )


def status(prefix: str, *, message_content: bool) -> str:
    """The bot's custom status, under its name in the member list: how to ask it (only the slash command, where
    Discord doesn't show it ``!whatplot`` in servers)."""
    return f"Name a chart: /whatplot or {prefix}whatplot" if message_content else "Name a chart: /whatplot"


class WhatplotHelp(commands.DefaultHelpCommand):
    """``help``: how to ask, then each command's usage. Where the bot may not post, it comes by DM."""

    def __init__(self) -> None:
        super().__init__(
            no_category="Other", show_parameter_descriptions=False, command_attrs={"help": "Show this message."}
        )

    def get_ending_note(self) -> str:
        prefix = self.context.clean_prefix
        return f"For more on a command, type {prefix}help and its name, e.g. {prefix}help whatplot-watch."

    def command_not_found(self, string: str, /) -> str:
        # Quoted as far as a name of a command might go, not a whole message's worth of the asker's words.
        name = escaped(clip(string, MAX_QUOTED_NAME))
        return f'I have no command called "{name}". Type `{self.context.clean_prefix}help` to see mine.'

    def get_destination(self) -> discord.abc.Messageable:
        message = self.context.message
        return self.context.channel if bot_may_post(message.channel) else message.author

    async def send_pages(self) -> None:
        for page in self.paginator.pages:
            await self._send(page)

    async def send_error_message(self, error: str, /) -> None:
        await self._send(error)

    async def _send(self, text: str) -> None:
        """Send ``text`` to :meth:`get_destination`: in the channel, as :func:`~bot.replies.post_or_dm`
        does (by DM where slowmode holds the bot's posts there); or in the asker's DMs, which have no slowmode."""
        message, destination = self.context.message, self.get_destination()
        if destination is message.author:
            await destination.send(text)
        else:
            await post_or_dm(message, functools.partial(destination.send, text), text)

    async def prepare_help_command(self, ctx: commands.Context[commands.Bot], command: str | None = None) -> None:
        """Count ``help`` against the asker's cooldown, as ``whatplot``: else one user could make the bot post
        as fast as they type. ``ctx.bot``: the :class:`~bot.client.WhatplotBot`, whose cooldown it is."""
        ctx.bot.cooldown.check(ctx.author.id)
        await super().prepare_help_command(ctx, command)
