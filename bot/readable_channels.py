"""Who may read which channel, for a request that points into one: a link to a Discord message, or an expired
Discord attachment link whose renewal would show its picture. A channel (or thread) counts where it is in the
server of the request (or is its DM), and both the asker and the bot may read its messages (:func:`may_read`);
one the asker may not read is told as if it weren't there (:data:`UNSEEN_MESSAGE_HINT`). The reads from Discord
on the way are logged where Discord fails them (:func:`fetching`), and why a message can't be read is worded here
(:func:`unreadable`).

Following a link to its message's images is :mod:`bot.asked_about`'s job; which expired attachment links Discord
may renew follows the same rule (:func:`renewable_links`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable
from typing import TypeVar
from urllib.parse import urlsplit

import discord

from bot.discord_errors import discord_failed
from bot.errors import NoImageFound
from bot.images import MayRenew
from bot.text import sentence
from classifier.errors import DownloadError

log = logging.getLogger(__name__)
T = TypeVar("T")

#: The channel a Discord attachment link points into: the first id of its path (``/attachments/<channel id>/...``).
_ATTACHMENT_CHANNEL = re.compile(r"/(?:ephemeral-)?attachments/(\d+)/")
#: The answer to an expired Discord attachment link where Discord failed to send what says whether it may be renewed.
RENEWAL_CHECK_FAILED = "Discord failed while I was checking that attachment link; try again in a moment."
#: The answer to a link to a message in another server or DM than the request's.
FOREIGN_MESSAGE_LINK_HINT = "I only follow links to messages in the server or DM you ask me in."
#: The answer to a link to a message that isn't there, or that the asker may not read: alike, so as to tell nothing.
UNSEEN_MESSAGE_HINT = "I can't find that message in any channel you can read here."


# Reading from Discord


async def fetching(what: str, fetch: Awaitable[T]) -> T:
    """The result of ``fetch``, a read of ``what`` from Discord; Discord failing it (:func:`discord_failed`) is logged.

    Raises:
        discord.HTTPException: Discord refused or failed the read.
    """
    try:
        return await fetch
    except discord.HTTPException as exc:
        if discord_failed(exc):
            log.warning("Couldn't fetch %s: Discord failed (%s %s)", what, exc.status, exc.text)
        raise


def unreadable(what: str, error: discord.HTTPException | discord.RateLimited, where: str = "here") -> str:
    """Why ``what`` (a message the asker points at) can't be read, as a clause: it was deleted, the bot
    may not read the history of its channel (``where``), or Discord failed to send it (or holds the bot back)."""
    if isinstance(error, discord.NotFound):
        return f"{what} was deleted"
    if isinstance(error, discord.Forbidden):
        return f"I can't read {what}: I need the Read Message History permission {where}"
    return f"Discord wouldn't show me {what} just now; try again in a moment"


# Channels a request may read


def may_read(channel: discord.abc.GuildChannel | discord.Thread, member: discord.Member) -> bool:
    """Whether ``member`` may read the messages of ``channel``: View Channel and Read Message History there."""
    try:
        permissions = channel.permissions_for(member)
    except discord.ClientException:  # a thread whose channel isn't known: no telling
        return False
    return permissions.view_channel and permissions.read_message_history


def as_member(user: discord.abc.User, guild: discord.Guild) -> discord.Member | None:
    """``user`` as a member of ``guild``, whose permissions there can be worked out; None where discord.py has none."""
    return user if isinstance(user, discord.Member) else guild.get_member(user.id)


async def linked_channel(
    guild_id: str, channel_id: int, *, asker: discord.abc.User, place: discord.abc.Messageable
) -> discord.abc.Messageable:
    """The channel (or thread) a message link points into, ``guild_id`` being ``@me`` for a DM: one in the
    server of the request (in ``place``), that ``asker`` and the bot may read (see :func:`_channel_here`).

    Raises:
        NoImageFound: it is elsewhere, or the asker may not read it (told as if it weren't there), or the bot may not.
    """
    guild = getattr(place, "guild", None)
    if guild_id != ("@me" if guild is None else str(guild.id)):
        raise NoImageFound(FOREIGN_MESSAGE_LINK_HINT)
    return await _channel_here(channel_id, asker=asker, place=place)


async def _channel_here(
    channel_id: int, *, asker: discord.abc.User, place: discord.abc.Messageable
) -> discord.abc.Messageable:
    """The channel (or thread) ``channel_id`` of the server of the request (in ``place``), that ``asker`` and the bot
    may read; or, in a DM, that DM itself.

    Raises:
        NoImageFound: it is elsewhere, or the asker may not read it (told as if it weren't there), or the bot may not.
    """
    guild = getattr(place, "guild", None)
    if guild is None:  # a DM: only this one
        if channel_id != getattr(place, "id", None):
            raise NoImageFound(FOREIGN_MESSAGE_LINK_HINT)
        return place
    channel = guild.get_channel_or_thread(channel_id)
    if channel is None:  # an archived thread, say, that Discord doesn't send along
        fetch = guild.fetch_channel(channel_id)
        unseen = (discord.NotFound, discord.Forbidden, discord.InvalidData)
        channel = await _fetching_for_link(f"channel {channel_id}", fetch, unseen=unseen)
    member = as_member(asker, guild)
    if member is None or not isinstance(channel, discord.abc.Messageable) or not may_read(channel, member):
        raise NoImageFound(UNSEEN_MESSAGE_HINT)
    private = isinstance(channel, discord.Thread) and channel.is_private()
    if private and not channel.permissions_for(member).manage_threads:
        # a private thread shows only to its members, and to those who may manage threads
        fetch = channel.fetch_member(member.id)
        await _fetching_for_link(f"member {member.id} of thread {channel.id}", fetch, unseen=(discord.NotFound,))
    if not may_read(channel, guild.me):
        raise NoImageFound(
            "I can't read that message: "
            f"I need the View Channels and Read Message History permissions in {channel.mention}."
        )
    return channel


class _DiscordFailed(NoImageFound):
    """A read on the way to a linked message (or a linked attachment's channel) that Discord failed
    (:func:`~bot.discord_errors.discord_failed`), or held back longer than the bot waits: asking again may well work.

    A :class:`~bot.errors.NoImageFound` all the same, so that a request answers it as any link it can't follow (its
    words say Discord failed); only :func:`renewable_links` tells it apart, to answer :data:`RENEWAL_CHECK_FAILED`."""


async def _fetching_for_link(what: str, fetch: Awaitable[T], *, unseen: tuple[type[Exception], ...]) -> T:
    """The result of ``fetch``, a read of ``what`` on the way to a linked message (see :func:`fetching`).

    Raises:
        NoImageFound: :data:`UNSEEN_MESSAGE_HINT` where the read raises one of ``unseen`` (told as if the message
            weren't there); else why Discord refused or failed it (:class:`_DiscordFailed` where it failed).
    """
    try:
        return await fetching(what, fetch)
    except unseen as exc:
        raise NoImageFound(UNSEEN_MESSAGE_HINT) from exc
    except discord.RateLimited as exc:  # no HTTPException: what discord.py raises past the wait it takes
        log.warning("Couldn't fetch %s: Discord rate-limited it for %.0f s", what, exc.retry_after)
        raise _DiscordFailed(sentence(unreadable("that message", exc))) from exc
    except discord.HTTPException as exc:
        failed = _DiscordFailed if discord_failed(exc) else NoImageFound
        raise failed(sentence(unreadable("that message", exc))) from exc


# Expired links to Discord attachments


def renewable_links(asker: discord.abc.User, place: discord.abc.Messageable | None) -> MayRenew:
    """Which expired Discord attachment links Discord may renew for ``asker``, asking in ``place`` (None where the
    bot can't look there): those into a channel they, and the bot, may read in the server of the request, or into
    its DM (see :func:`_channel_here`), as for a link to a message. The renewed link shows in the answer, as its
    thumbnail; any other stays expired, and is answered so alike, whether its channel exists or not. Where Discord
    fails to send the channel (:class:`_DiscordFailed`), the link's answer is :data:`RENEWAL_CHECK_FAILED`
    (:class:`~classifier.errors.DownloadError`)."""

    async def may_renew(url: str) -> bool:
        # an attachment link (see classifier.download.discord_link_expired): its path names its channel
        channel = _ATTACHMENT_CHANNEL.match(urlsplit(url).path)
        if place is None or channel is None:
            return False
        try:
            await _channel_here(int(channel[1]), asker=asker, place=place)
        except _DiscordFailed as exc:
            raise DownloadError(RENEWAL_CHECK_FAILED) from exc
        except NoImageFound:
            return False
        return True

    return may_renew
