"""What ``whatplot-watch`` takes: a mode (:class:`WatchMode`, ``on`` or ``off``) and a channel (:class:`WatchTarget`:
one of :data:`WatchableChannel`, fetched from Discord where discord.py doesn't keep it, or an :class:`UnseenChannel`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Union

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import WhatplotBot


class WatchMode(commands.Converter[str], app_commands.Transformer):
    """``on`` or ``off``, written in any case after ``!whatplot-watch``; a choice of the two in ``/whatplot-watch``."""

    MODES = ("on", "off")

    async def convert(self, ctx: commands.Context[WhatplotBot], argument: str) -> str:
        if (mode := argument.lower()) not in self.MODES:
            raise commands.BadArgument(argument)  # then perhaps a channel; else too many arguments
        return mode

    @property
    def choices(self) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=mode, value=mode) for mode in self.MODES]

    async def transform(self, interaction: discord.Interaction, value: str) -> str:
        return value


def mode_after_channel(ctx: commands.Context[WhatplotBot], mode: str | None) -> str | None:
    """The mode of ``!whatplot-watch #charts on``: the word left after the arguments discord.py parsed (the command
    has ``ignore_extra=True`` so that this reads it), where no mode came before the channel; ``mode`` where nothing
    is left. Raises :class:`commands.TooManyArguments` for any other words left over."""
    left = ctx.view.read_rest().split()
    if not left:
        return mode
    if mode is None and len(left) == 1 and left[0].lower() in WatchMode.MODES:
        return left[0].lower()
    raise commands.TooManyArguments(f"Too many arguments passed to {ctx.command}")


#: The channels ``whatplot-watch`` may name: every kind watch mode answers in (the chat of a voice or stage channel
#: too), and a forum, whose posts follow it. A ``typing.Union``, not ``A | B``: discord.py's converters
#: (:func:`commands.run_converters`) take only the former, and ``isinstance`` takes both.
WatchableChannel = Union[
    discord.TextChannel, discord.ForumChannel, discord.VoiceChannel, discord.StageChannel, discord.Thread
]


#: A channel as ``!whatplot-watch on`` may name it: a mention (``<#id>``) or an id.
_CHANNEL_REFERENCE = re.compile(r"<#(\d+)>|(\d{15,20})")


@dataclass(frozen=True)
class UnseenChannel:
    """A channel named in ``whatplot-watch`` that Discord doesn't show the bot: it ``exists`` but is hidden
    from it (a private thread it isn't in), or not (deleted, or in another server)."""

    id: int
    exists: bool

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"


async def _fetch_channel(guild: discord.Guild, channel_id: int) -> WatchableChannel | UnseenChannel | None:
    """The channel ``channel_id`` of ``guild`` as Discord has it, where discord.py doesn't keep it: an archived
    thread, which reopens when someone posts in it. An :class:`UnseenChannel` where Discord doesn't show it to the
    bot; None where it is no channel watch mode answers in."""
    try:
        channel = await guild.fetch_channel(channel_id)
    except discord.Forbidden:
        return UnseenChannel(channel_id, exists=True)
    except (discord.NotFound, discord.InvalidData):  # InvalidData: a channel of another server
        return UnseenChannel(channel_id, exists=False)
    return channel if isinstance(channel, WatchableChannel) else None


class WatchTarget(commands.Converter[WatchableChannel], app_commands.Transformer):
    """The channel ``whatplot-watch`` names (one of :data:`WatchableChannel`), or an :class:`UnseenChannel`.

    discord.py looks channels up only in its cache, which holds no archived thread: such a thread is fetched
    from Discord, so that it can be watched (a post reopens it), or the bot says it can't see it."""

    #: What ``/whatplot-watch channel:`` offers: every kind of :data:`WatchableChannel`.
    CHANNEL_TYPES = [
        discord.ChannelType.text,
        discord.ChannelType.news,
        discord.ChannelType.forum,
        discord.ChannelType.media,
        discord.ChannelType.voice,
        discord.ChannelType.stage_voice,
        discord.ChannelType.news_thread,
        discord.ChannelType.public_thread,
        discord.ChannelType.private_thread,
    ]

    async def convert(self, ctx: commands.Context[WhatplotBot], argument: str) -> WatchableChannel | UnseenChannel:
        reference = _CHANNEL_REFERENCE.fullmatch(argument)
        try:  # discord.py's own converters, which look in its cache
            channel = await commands.run_converters(ctx, WatchableChannel, argument, ctx.current_parameter)
        except commands.UserInputError:
            if ctx.guild is None or not reference:
                raise
            channel = await _fetch_channel(ctx.guild, int(reference[1] or reference[2]))
        if channel is None:
            raise commands.BadArgument(argument)  # a category, say: then too many arguments
        if _hidden_from(channel, ctx.author):  # told neither that it exists nor its watch mode
            if not reference:
                raise commands.BadArgument(argument)  # as a name no channel has
            return UnseenChannel(channel.id, exists=False)  # as an id no channel has
        return channel

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return self.CHANNEL_TYPES

    async def transform(self, interaction: discord.Interaction, value: Any, /) -> WatchableChannel | UnseenChannel:
        channel = value if isinstance(value, WatchableChannel) else value.resolve()
        if channel is None and interaction.guild is not None:
            channel = await _fetch_channel(interaction.guild, value.id)
        if not isinstance(channel, WatchableChannel | UnseenChannel):
            raise app_commands.TransformerError(value, self.type, self)
        return channel


def _hidden_from(channel: WatchableChannel | UnseenChannel, user: discord.abc.User) -> bool:
    """Whether ``user`` may not view ``channel``, which the bot can."""
    if isinstance(channel, UnseenChannel) or not isinstance(user, discord.Member):
        return False
    return not channel.permissions_for(user).view_channel
