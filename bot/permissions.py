"""What the bot may do in a channel: whether it may post there (:func:`bot_may_post`), and with which permission.
A DM allows everything an answer needs; a locked thread takes posts only from those who may manage threads.
"""
from __future__ import annotations

import discord


def bot_may(channel: discord.abc.Messageable, permission: str) -> bool:
    """Whether the bot has ``permission`` (a :class:`discord.Permissions` flag name) in ``channel``."""
    guild = getattr(channel, "guild", None)
    if guild is None:  # a DM allows everything an answer needs
        return True
    return bool(getattr(channel.permissions_for(guild.me), permission))


def permission_names(flags: list[str]) -> str:
    """Permission flags as Discord's settings name them: ``["manage_channels"]`` is "Manage Channels"."""
    return ", ".join(flag.replace("_", " ").title() for flag in flags)


def post_permission(channel: discord.abc.Messageable | discord.ForumChannel) -> str:
    """The permission the bot needs to send messages in ``channel``: threads, and a forum's posts, have their own."""
    in_threads = isinstance(channel, (discord.Thread, discord.ForumChannel))
    return "send_messages_in_threads" if in_threads else "send_messages"


def locked_to_the_bot(channel: discord.abc.Messageable | discord.ForumChannel) -> bool:
    """Whether ``channel`` is a locked thread: Discord refuses posts there (160005) but from those who may manage
    threads."""
    return isinstance(channel, discord.Thread) and channel.locked and not bot_may(channel, "manage_threads")


def bot_may_post(channel: discord.abc.Messageable | discord.ForumChannel) -> bool:
    """Whether the bot may send messages in ``channel`` (where it can't see it, or it is a locked thread
    (:func:`locked_to_the_bot`), it may not)."""
    return bot_may(channel, post_permission(channel)) and not locked_to_the_bot(channel)
