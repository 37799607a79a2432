"""Which message(s) a request is about, and so which images it names; and the hints a request gets where
there are none.

A ``!whatplot`` request (:func:`find_images`) is looked at in this order, the first that holds images winning:

1. the asking message itself: its attachments, stickers and the links after the command, a link to a Discord
   message standing for that message's images where the asker may read it (:func:`follow_message_links`);
2. the message it forwards, in a DM (:func:`~bot.images.pointed_images`);
3. the message it replies to, or if that has none but is a reply itself, the one that one replies to
   (:func:`replied_images`); a reply to no image is told so, and looks no further;
4. the channel's recent history: the latest message with images (:func:`recent_images`), unless the request itself
   holds what it must be about but can't be named (a Lottie sticker, a link without its https://): that gets a hint.

``/whatplot`` takes steps 1 and 4 (:mod:`bot.cogs.classify`, which has its own hints); "Name this chart" names
the message it was chosen on. None is ever about one of the bot's own messages (:func:`refuse_own`). What images
one message holds, and reading them, is :mod:`bot.images`' job; which channels a link may lead into, and which expired
attachment links Discord may renew for a request, :mod:`bot.readable_channels`'.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re

import discord

from bot.answer import MAX_IMAGES
from bot.errors import NoImageFound
from bot.images import (
    ImageRef,
    attachment_images,
    distinct_images,
    has_drawn_sticker,
    is_image_file,
    link_images,
    message_images,
    message_links,
    pointed_images,
    schemeless_links,
    sticker_images,
)
from bot.permissions import bot_may
from bot.readable_channels import as_member, fetching, linked_channel, may_read, unreadable
from bot.text import clip, sentence

log = logging.getLogger(__name__)

#: ``!whatplot``'s hint where neither the request, nor a message it replies to, nor the channel's latest messages
#: have an image.
NO_IMAGE_HINT = (
    "I couldn't find an image. Attach one, reply to a message that has one, "
    "or give me a link: `{prefix}whatplot https://example.com/chart.png`."
)
#: The answer to a request whose only link is written without its scheme (``example.com/chart.png``), and the most of
#: it that answer quotes.
SCHEMELESS_LINK_HINT = "`{link}` isn't a link I can open: write it with its https:// (or http://) in front."
MAX_QUOTED_LINK = 200
#: The answer to a request whose only image is a sticker Discord draws (a Lottie one), not a picture: named, the
#: channel's latest image would be the answer to a question about another.
DRAWN_STICKER_HINT = (
    "That sticker is an animation Discord draws (a Lottie sticker), not a picture I can read. "
    "Attach a screenshot of the chart (PNG or JPEG) instead."
)
#: The answer to a request about one of the bot's own messages (an answer, whose links are how-tos).
OWN_MESSAGE_HINT = "That's my own message. Ask me about the message with the chart instead."
#: The answer to a link to a message where the bot can't look (a server it isn't in, a DM between people).
UNFOLLOWED_MESSAGE_HINT = "I can't follow links to messages here: I'm not a member of this chat."
#: The hint where the bot may not read the channel's history: Discord then answers a history read with no messages.
NO_HISTORY_PERMISSION_HINT = (
    "I can't look back through this channel for an image: "
    "I need the View Channels and Read Message History permissions here. "
    "Attach one to your request, or give me a link."
)
#: The hint where the asker may not read the channel's history: its earlier images are hidden from them.
ASKER_NO_HISTORY_HINT = (
    "I can't look back through this channel for you: you can't read its earlier messages "
    "(Read Message History). Attach the image to your request, or give me a link."
)


def refuse_own(message: discord.Message, me: discord.abc.Snowflake) -> None:
    """Refuse a request about one of the bot's own messages (``me``'s), with :data:`OWN_MESSAGE_HINT`: an
    answer's thumbnail shows the chart it named, so "no image" would puzzle the asker.

    Raises:
        NoImageFound: ``message`` is the bot's own.
    """
    if message.author.id == me.id:
        raise NoImageFound(OWN_MESSAGE_HINT)


# Reading messages from Discord


async def replied_message(message: discord.Message) -> discord.Message | None:
    """The message ``message`` replies to (or, as a thread's first message, stands for: Discord sends
    that one along), fetched if it is not cached; None if ``message`` is not a reply.

    Raises:
        discord.HTTPException: it can't be fetched: it was deleted (:class:`discord.NotFound`), or the bot
            may not read it (:class:`discord.Forbidden`: no Read Message History).
    """
    reference = message.reference
    if reference is None or reference.message_id is None:
        return None
    if isinstance(reference.resolved, discord.Message):
        return reference.resolved
    # a reply is in its message's channel
    return await fetching(f"message {reference.message_id}", message.channel.fetch_message(reference.message_id))


# The message a request replies to


async def replied_images(message: discord.Message, me: discord.abc.Snowflake) -> list[ImageRef]:
    """The images of the message ``message`` replies to (see :func:`pointed_images`). If it has none but
    is a reply itself ("what chart is this?" under a chart), those of the message it replies to: one step
    up the chain, no further, nor from a forward or a crosspost to the message it copies (whose images it
    shows already, and whose channel the asker may not see).

    Raises:
        NoImageFound: one of those messages was deleted, or the bot may not read it, or ``message`` replies
            to one of the bot's own (``me``).
    """
    try:
        target = await replied_message(message)
    except discord.HTTPException as exc:
        raise NoImageFound(sentence(unreadable("the message you replied to", exc))) from exc
    if target is None:
        return []
    refuse_own(target, me)
    if not (refs := pointed_images(target, me)) and target.type is discord.MessageType.reply:
        try:
            source = await replied_message(target)
        except discord.HTTPException as exc:
            why = unreadable("the message it replies to", exc)
            raise NoImageFound(f"The message you replied to has no image, and {why}.") from exc
        refs = pointed_images(source, me) if source else []
    return refs


# Links to Discord messages


async def _linked_images(
    link: re.Match[str], *, asker: discord.abc.User, place: discord.abc.Messageable, me: discord.abc.Snowflake
) -> list[ImageRef]:
    """The images of the message ``link`` points at (see :func:`pointed_images`), where ``asker``, asking in
    ``place``, may read it (see :func:`~bot.readable_channels.linked_channel`). ``link`` is a match of
    :meth:`~bot.images.ImageRef.message_link`: the server's, channel's and message's ids.

    Raises:
        NoImageFound: it can't be followed, or it was deleted, or it is the bot's own (``me``), or it has no image.
    """
    guild_id, channel_id, message_id = link.groups()
    channel = await linked_channel(guild_id, int(channel_id), asker=asker, place=place)
    try:
        message = await fetching(f"message {message_id}", channel.fetch_message(int(message_id)))
    except discord.HTTPException as exc:
        where = f"in {channel.mention}" if isinstance(channel, discord.abc.GuildChannel) else "here"
        raise NoImageFound(sentence(unreadable("that message", exc, where))) from exc
    refuse_own(message, me)
    if not (refs := pointed_images(message, me)):
        in_a_server = message.guild is not None
        raise NoImageFound("The message you linked has no image I can see.", in_server_messages=in_a_server)
    if _age_restricted(channel) and not _age_restricted(place):
        # for those who chose to see that channel's pictures: named here, but not shown (an answer hides a spoiler)
        refs = [dataclasses.replace(ref, spoiler=True) for ref in refs]
    return refs


def _age_restricted(channel: discord.abc.Messageable) -> bool:
    """Whether ``channel`` is age-restricted (NSFW), or a thread of such a channel; a DM is not."""
    is_nsfw = getattr(channel, "is_nsfw", None)
    return bool(is_nsfw and is_nsfw())


async def follow_message_links(
    refs: list[ImageRef],
    *,
    asker: discord.abc.User,
    place: discord.abc.Messageable | None,
    me: discord.abc.Snowflake,
) -> list[ImageRef]:
    """``refs``, each image once (see :func:`distinct_images`), with each link to a Discord message in place of
    that message's images. ``asker`` asks in ``place`` (None where the bot can't read messages there); a link is
    followed only where they may read the message (see :func:`~bot.readable_channels.linked_channel`), and no more once
    :data:`MAX_IMAGES` images are found: those left out are counted as they are. A link given as a ``||spoiler||``
    hides what it leads to: its images are spoilers too.

    Raises:
        NoImageFound: a link can't be followed (the message says why).
    """
    followed: list[ImageRef] = []
    for ref in distinct_images(refs):
        link = ref.message_link()
        if link is None or len(followed) >= MAX_IMAGES:
            followed.append(ref)
        elif place is None:
            raise NoImageFound(UNFOLLOWED_MESSAGE_HINT)
        else:
            linked = await _linked_images(link, asker=asker, place=place, me=me)
            followed += [dataclasses.replace(image, spoiler=True) for image in linked] if ref.spoiler else linked
    return followed


# The channel's recent history


async def recent_images(
    channel: discord.abc.Messageable,
    *,
    limit: int,
    me: discord.abc.Snowflake,
    asker: discord.abc.User,
    before: discord.Message | None = None,
) -> list[ImageRef]:
    """The images of the most recent message with images among the last ``limit`` messages. Links
    to image files count, whose preview Discord may not show yet (or at all: ``<link>`` hides it).
    In a thread started from a message, that message counts as the thread's first; in a thread longer than
    ``limit`` messages (a forum post, say), its first message counts too, however far back. The bot's (``me``)
    own messages never count: their links are how-tos, and the example in a hint. Nor does the history of a channel
    whose earlier messages Discord hides from ``asker`` (no Read Message History): the answer would show them.

    Raises:
        NoImageFound: the bot may not read the channel's history (:data:`NO_HISTORY_PERMISSION_HINT`), or ``asker``
            may not (:data:`ASKER_NO_HISTORY_HINT`).
        discord.HTTPException: Discord failed to send them (:func:`bot.discord_errors.discord_failed`).
    """
    if not bot_may(channel, "read_message_history"):
        raise NoImageFound(NO_HISTORY_PERMISSION_HINT)
    guild = getattr(channel, "guild", None)
    if guild is not None and ((member := as_member(asker, guild)) is None or not may_read(channel, member)):
        raise NoImageFound(ASKER_NO_HISTORY_HINT)
    read = 0
    try:
        async for message in channel.history(limit=limit, before=before):
            read += 1
            if refs := await _history_images(message, me):
                return refs
        if read == limit and isinstance(channel, discord.Thread) and (opener := await _thread_opener(channel)):
            return await _history_images(opener, me)
    except discord.Forbidden:
        log.info("No permission to read history in channel %s", getattr(channel, "id", "?"))
    return []


async def _history_images(message: discord.Message, me: discord.abc.Snowflake) -> list[ImageRef]:
    """The images :func:`recent_images` counts in ``message``: those it shows, or links to image files in its
    text; for a thread's stub, those of the message the thread was started from. None in the bot's (``me``) own."""
    if message.type is discord.MessageType.thread_starter_message:  # a thread started from a message
        # Deleted, or unreadable: the thread's stub stays, with no image; Discord failing is passed on.
        with contextlib.suppress(discord.NotFound, discord.Forbidden):
            message = await replied_message(message) or message
    if message.author.id == me.id:
        return []
    return message_images(message) or [ref for ref in message_links(message) if is_image_file(ref.url)]


async def _thread_opener(thread: discord.Thread) -> discord.Message | None:
    """The message ``thread`` opens with, whose id is the thread's: a forum post's first message, or the message a
    thread was started from, in its channel. None where there is none (a thread started on its own), or it was
    deleted, or the bot may not read it; Discord failing is passed on."""
    if (opener := thread.starter_message) is not None:
        return opener
    where = thread if isinstance(thread.parent, discord.ForumChannel) else thread.parent
    if where is None:
        return None
    with contextlib.suppress(discord.NotFound, discord.Forbidden):
        return await fetching(f"message {thread.id}", where.fetch_message(thread.id))
    return None


# A whole ``!whatplot`` request, in the order of the module's docstring


async def find_images(
    message: discord.Message, text: str, *, me: discord.abc.Snowflake, history_limit: int, prefix: str
) -> list[ImageRef]:
    """The images a ``!whatplot`` message is about (the answer names the first :data:`MAX_IMAGES`).

    ``text`` is what follows the command: its links count (one to a Discord message for that message's images,
    see :func:`follow_message_links`), other words ("what is this?") are chat.
    ``me`` is the bot, whose own answers are never asked about.

    Raises:
        NoImageFound: there is none (the message says how to ask), or the message replied to or linked can't be read.
        discord.HTTPException: Discord failed to send the channel's history (see :func:`recent_images`).
    """
    in_a_server = message.guild is not None
    # Not the command message's own embeds: those are Discord's previews of the links.
    refs = await follow_message_links(
        attachment_images(message, images_only=False) + sticker_images(message) + link_images(text),
        asker=message.author,
        place=message.channel,
        me=me,
    )
    if not refs and message.message_snapshots:  # forwarded to the bot in a DM: about what it forwards
        refs = pointed_images(message, me)
    elif not refs and message.reference is not None:
        refs = await replied_images(message, me)
        if not refs:
            raise NoImageFound("The message you replied to has no image I can see.", in_server_messages=in_a_server)
    if not refs and has_drawn_sticker(message):  # asked about the sticker sent along, not the channel's latest image
        raise NoImageFound(DRAWN_STICKER_HINT)
    if not refs and (written := schemeless_links(text)):  # not chat: a link, written without its https://
        # Named, the channel's latest image would be the answer to a question about another.
        raise NoImageFound(SCHEMELESS_LINK_HINT.format(link=clip(written[0], MAX_QUOTED_LINK)))
    if not refs:
        refs = await recent_images(message.channel, limit=history_limit, me=me, asker=message.author, before=message)
    if not refs:
        raise NoImageFound(NO_IMAGE_HINT.format(prefix=prefix), in_server_messages=in_a_server)
    return refs
