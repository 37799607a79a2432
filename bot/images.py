"""Finding the images a request is about, reading their bytes safely, and the hints a request gets
where it finds none.

An explicit request (``!whatplot``, ``/whatplot``, "Name this chart") looks, in order, at the
asking message's attachments, stickers and links, the message it replies to, then the channel's
recent history. A link to a Discord message stands for that message's images, where the asker may
read it. Attachments are read through discord.py after a size check; links only through the
guarded :class:`~classifier.download.ImageDownloader`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TypeVar
from urllib.parse import urlsplit

import aiohttp
import discord

from bot.errors import NoImageFound
from bot.replies import bot_may, clip, discord_failed
from classifier.download import Downloaded, ImageDownloader
from classifier.errors import DownloadError, DownloadTimeout, ImageTooLarge, URLRefused

log = logging.getLogger(__name__)
T = TypeVar("T")

#: One answer message holds at most 10 embeds, so one request names at most 10 images.
MAX_IMAGES = 10
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"})
#: The sticker formats that are pictures; a Lottie sticker is an animation Discord draws from JSON.
_PICTURE_STICKERS = frozenset(
    {discord.StickerFormatType.png, discord.StickerFormatType.apng, discord.StickerFormatType.gif}
)
#: How long Discord may take to send an attachment: far longer than 25 MB needs, yet no request waits for ever.
ATTACHMENT_TIMEOUT_S = 60.0
#: The longest image name an answer shows: ten answers with long file names must fit in one message.
MAX_NAME_CHARS = 100
#: A link in a message's text, as Discord's markdown finds one: from its scheme to a blank, ``<``, ``>`` or
#: a spoiler's ``|``, less the punctuation that ends a sentence or closes a masked link ``[text](link)``. A
#: link written as code, between backticks, is one too: no link has a backtick in it (RFC 3986 escapes it).
_LINK = re.compile(r"""[a-z][a-z0-9+.-]*://[^\s<>|`]*[^\s<>|`.,:;!?"')\]]""", re.IGNORECASE)
#: A link to a Discord message ("Copy Message Link"): its server's id (``@me`` in a DM), its channel's and its own.
#: Its page shows Discord's logo, not the message's images: a request follows it (:func:`follow_message_links`).
_MESSAGE_LINK = re.compile(
    r"https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/channels/(\d+|@me)/(\d+)/(\d+)", re.IGNORECASE
)
#: The answer to a link to a message in the text of another message (one replied to, or linked): not followed.
MESSAGE_LINK_HINT = (
    "I follow a link to a Discord message only if you give me the link yourself (in /whatplot url:, say)."
)
#: The answer to a request about one of the bot's own messages (an answer, whose links are how-tos).
OWN_MESSAGE_HINT = "That's my own message. Ask me about the message with the chart instead."
#: The answer to a link to a message in another server or DM than the request's.
FOREIGN_MESSAGE_LINK_HINT = "I only follow links to messages in the server or DM you ask me in."
#: The answer to a link to a message that isn't there, or that the asker may not read: alike, so as to tell nothing.
UNSEEN_MESSAGE_HINT = "I can't find that message in any channel you can read here."
#: The answer to a link to a message where the bot can't look (a server it isn't in, a DM between people).
UNFOLLOWED_MESSAGE_HINT = "I can't follow links to messages here: I'm not a member of this chat."
#: Text hidden as a spoiler: ``||like this||``.
_SPOILER = re.compile(r"\|\|.+?\|\|", re.DOTALL)
NO_IMAGE_HINT = (
    "I couldn't find an image. Attach one, reply to a message that has one, "
    "or give me a link: `{prefix}whatplot https://example.com/chart.png`."
)
#: How to give ``/whatplot`` an image: it can't reply to a message, and ``!whatplot`` is another command.
_SLASH_HOW_TO = (
    "Give me one with `/whatplot image:` or `/whatplot url:`, "
    "or right-click a message with one → Apps → Name this chart."
)
#: ``/whatplot``'s hint where the latest messages of the channel (or DM) have no image.
SLASH_NO_IMAGE_HINT = f"I couldn't find an image among the latest messages here. {_SLASH_HOW_TO}"
#: The hint where the bot can't look back through the channel: a server it isn't in, a DM between people.
NO_HISTORY_HINT = (
    "I couldn't find an image, and I can't look back through this chat because I'm not a member of it. "
    f"{_SLASH_HOW_TO}"
)
#: The hint where the bot may not read the channel's history: Discord then answers a history read with no messages.
NO_HISTORY_PERMISSION_HINT = (
    "I can't look back through this channel for an image: "
    "I need the View Channels and Read Message History permissions here. "
    "Attach one to your request, or give me a link."
)


@dataclass(frozen=True)
class ImageRef:
    """One image to classify: its display name (cut by :func:`short_name`), its URL, the attachment
    or sticker that Discord serves it as, if any, and whether it was posted as a spoiler."""

    name: str
    url: str
    discord_file: discord.Attachment | discord.StickerItem | None = None
    spoiler: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", short_name(self.name))

    @classmethod
    def of_attachment(cls, attachment: discord.Attachment) -> ImageRef:
        """The image an attachment holds, a spoiler if it was posted as one."""
        return cls(attachment.filename, attachment.url, attachment, spoiler=attachment.is_spoiler())

    def preview_url(self, image: bytes) -> str | None:
        """The URL an answer about ``image`` (this ref's bytes, as :meth:`ImageReader.read` gave them) may show as
        its thumbnail: for a link, the picture's own (:class:`~classifier.download.Downloaded`: for a link to a web
        page, which shows no picture, the page's preview image link); else :attr:`url`. None for a spoiler, which
        must stay hidden."""
        if self.spoiler:
            return None
        return image.url if isinstance(image, Downloaded) else self.url


def short_name(name: str) -> str:
    """``name`` cut to :data:`MAX_NAME_CHARS` in the middle, keeping its file extension."""
    suffix = PurePosixPath(name).suffix[:10]
    return name if len(name) <= MAX_NAME_CHARS else clip(name, MAX_NAME_CHARS - len(suffix)) + suffix


def _looks_like_image(attachment: discord.Attachment) -> bool:
    content_type = attachment.content_type or ""
    return content_type.startswith("image/") or PurePosixPath(attachment.filename).suffix.lower() in IMAGE_SUFFIXES


def _is_image_file(url: str) -> bool:
    """Whether ``url``'s path names an image file (``.../chart.png``) rather than a page."""
    return PurePosixPath(_url_name(url)).suffix.lower() in IMAGE_SUFFIXES


def attachment_images(
    message: discord.Message | discord.MessageSnapshot, *, images_only: bool = True
) -> list[ImageRef]:
    """The attachments of a message; with ``images_only=False`` all of them, so that asking about
    a text file gets a clear "not an image" answer instead of being ignored."""
    return [ImageRef.of_attachment(a) for a in message.attachments if not images_only or _looks_like_image(a)]


def _embed_images(message: discord.Message | discord.MessageSnapshot) -> list[ImageRef]:
    """The pictures of a message's embeds. Where its text has a link as a ``||spoiler||``, Discord blurs
    that link's preview, and all of them count as spoilers: an answer shows none of them."""
    spoiler = any(ref.spoiler for ref in link_images(message.content))
    refs = []
    for embed in message.embeds:
        # An embed set by a bot or webhook has .image; a link Discord unfurled is an "image" embed
        # whose picture is the thumbnail. proxy_url is Discord's own copy of it.
        media = embed.image if embed.image.url else embed.thumbnail if embed.type == "image" else None
        if media is not None and media.url:
            refs.append(ImageRef(_url_name(media.url), media.proxy_url or media.url, spoiler=spoiler))
    return refs


def message_images(message: discord.Message, *, images_only: bool = True) -> list[ImageRef]:
    """The images of a message: its attachments (see :func:`attachment_images`), then its embeds'
    images; a forwarded message's are those of the message it forwards (its snapshot)."""
    return [
        ref
        for source in (message, *message.message_snapshots)
        for ref in attachment_images(source, images_only=images_only) + _embed_images(source)
    ]


def link_images(text: str) -> list[ImageRef]:
    """One image per link in ``text``, the other words being chat. A link may be written bare, as
    ``<link>`` (no preview), as a masked link ``[text](link)``, or as a ``||spoiler||``, whose
    answer then doesn't show it."""
    spoilers = [match.span() for match in _SPOILER.finditer(text)]
    refs = []
    for match in _LINK.finditer(text):
        link = match[0].rsplit("](", 1)[-1]  # "[link](target)": Discord opens the target
        end = match.end()
        while link.count("(") > link.count(")") and text[end : end + 1] == ")":  # ".../Foo_(bar)" keeps its ")"
            link, end = link + ")", end + 1
        spoiler = any(start <= match.start() < stop for start, stop in spoilers)
        refs.append(ImageRef(_url_name(link), link, spoiler=spoiler))
    return refs


def distinct_images(refs: list[ImageRef]) -> list[ImageRef]:
    """``refs`` without the images given again (the same link twice): the first of each, in order."""
    by_url: dict[str, ImageRef] = {}
    for ref in refs:
        by_url.setdefault(ref.url, ref)
    return list(by_url.values())


def sticker_images(message: discord.Message) -> list[ImageRef]:
    """The stickers of a message, or of the message it forwards, that are pictures. Only a request about
    that message counts them: posted after a chart, a 👍 sticker mustn't become the latest image."""
    return [
        ImageRef(f"{sticker.name} (sticker)", sticker.url, sticker)
        for source in (message, *message.message_snapshots)
        for sticker in source.stickers
        if sticker.format in _PICTURE_STICKERS
    ]


def message_links(message: discord.Message) -> list[ImageRef]:
    """One image per link in the text of a message, or of the message it forwards (see :func:`link_images`)."""
    return [ref for source in (message, *message.message_snapshots) for ref in link_images(source.content)]


def pointed_images(message: discord.Message, me: discord.abc.Snowflake) -> list[ImageRef]:
    """The images of a message someone points the bot at (a reply, "Name this chart"): those of
    :func:`message_images` and :func:`sticker_images`, else the links in its text, whose preview Discord
    may not show yet (or at all: ``<link>`` hides it). None in an answer of the bot itself (``me``): its
    links are how-tos."""
    if message.author.id == me.id:
        return []
    return message_images(message, images_only=False) + sticker_images(message) or message_links(message)


def refuse_own(message: discord.Message, me: discord.abc.Snowflake) -> None:
    """Refuse a request about one of the bot's own messages (``me``'s), with :data:`OWN_MESSAGE_HINT`: an
    answer's thumbnail shows the chart it named, so "no image" would puzzle the asker.

    Raises:
        NoImageFound: ``message`` is the bot's own.
    """
    if message.author.id == me.id:
        raise NoImageFound(OWN_MESSAGE_HINT)


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
    return await _fetching(f"message {reference.message_id}", message.channel.fetch_message(reference.message_id))


async def _fetching(what: str, fetch: Awaitable[T]) -> T:
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


def _unreadable(what: str, error: discord.HTTPException, where: str = "here") -> str:
    """Why ``what`` (a message the asker points at) can't be read, as a clause: it was deleted, the bot
    may not read the history of its channel (``where``), or Discord failed to send it."""
    if isinstance(error, discord.NotFound):
        return f"{what} was deleted"
    if isinstance(error, discord.Forbidden):
        return f"I can't read {what}: I need the Read Message History permission {where}"
    return f"Discord wouldn't show me {what} just now; try again in a moment"


def _sentence(clause: str) -> str:
    """``clause`` as a sentence: capitalized, with a full stop."""
    return f"{clause[0].upper()}{clause[1:]}."


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
        raise NoImageFound(_sentence(_unreadable("the message you replied to", exc))) from exc
    if target is None:
        return []
    refuse_own(target, me)
    if not (refs := pointed_images(target, me)) and target.type is discord.MessageType.reply:
        try:
            source = await replied_message(target)
        except discord.HTTPException as exc:
            why = _unreadable("the message it replies to", exc)
            raise NoImageFound(f"The message you replied to has no image, and {why}.") from exc
        refs = pointed_images(source, me) if source else []
    return refs


def _may_read(channel: discord.abc.GuildChannel | discord.Thread, member: discord.Member) -> bool:
    """Whether ``member`` may read the messages of ``channel``: View Channel and Read Message History there."""
    try:
        permissions = channel.permissions_for(member)
    except discord.ClientException:  # a thread whose channel isn't known: no telling
        return False
    return permissions.view_channel and permissions.read_message_history


async def _linked_channel(
    guild_id: str, channel_id: int, *, asker: discord.abc.User, place: discord.abc.Messageable
) -> discord.abc.Messageable:
    """The channel (or thread) a message link points into, ``guild_id`` being ``@me`` for a DM: one in the
    server of the request (in ``place``), that ``asker`` and the bot may read; or, in a DM, that DM itself.

    Raises:
        NoImageFound: it is elsewhere, or the asker may not read it (told as if it weren't there), or the bot may not.
    """
    guild = getattr(place, "guild", None)
    if guild is None:  # a DM: only links into this one
        if guild_id != "@me" or channel_id != getattr(place, "id", None):
            raise NoImageFound(FOREIGN_MESSAGE_LINK_HINT)
        return place
    if guild_id != str(guild.id):
        raise NoImageFound(FOREIGN_MESSAGE_LINK_HINT)
    channel = guild.get_channel_or_thread(channel_id)
    if channel is None:  # an archived thread, say, that Discord doesn't send along
        try:
            channel = await _fetching(f"channel {channel_id}", guild.fetch_channel(channel_id))
        except (discord.NotFound, discord.Forbidden, discord.InvalidData) as exc:
            raise NoImageFound(UNSEEN_MESSAGE_HINT) from exc
        except discord.HTTPException as exc:
            raise NoImageFound(_sentence(_unreadable("that message", exc))) from exc
    member = asker if isinstance(asker, discord.Member) else guild.get_member(asker.id)
    if member is None or not isinstance(channel, discord.abc.Messageable) or not _may_read(channel, member):
        raise NoImageFound(UNSEEN_MESSAGE_HINT)
    private = isinstance(channel, discord.Thread) and channel.is_private()
    if private and not channel.permissions_for(member).manage_threads:
        try:  # a private thread shows only to its members, and to those who may manage threads
            await _fetching(f"member {member.id} of thread {channel.id}", channel.fetch_member(member.id))
        except discord.NotFound as exc:
            raise NoImageFound(UNSEEN_MESSAGE_HINT) from exc
        except discord.HTTPException as exc:
            raise NoImageFound(_sentence(_unreadable("that message", exc))) from exc
    if not _may_read(channel, guild.me):
        raise NoImageFound(
            "I can't read that message: "
            f"I need the View Channels and Read Message History permissions in {channel.mention}."
        )
    return channel


async def _linked_images(
    link: re.Match[str], *, asker: discord.abc.User, place: discord.abc.Messageable, me: discord.abc.Snowflake
) -> list[ImageRef]:
    """The images of the message ``link`` (a :data:`_MESSAGE_LINK`) points at (see :func:`pointed_images`),
    where ``asker``, asking in ``place``, may read it (see :func:`_linked_channel`).

    Raises:
        NoImageFound: it can't be followed, or it was deleted, or it is the bot's own (``me``), or it has no image.
    """
    guild_id, channel_id, message_id = link.groups()
    channel = await _linked_channel(guild_id, int(channel_id), asker=asker, place=place)
    try:
        message = await _fetching(f"message {message_id}", channel.fetch_message(int(message_id)))
    except discord.HTTPException as exc:
        where = f"in {channel.mention}" if isinstance(channel, discord.abc.GuildChannel) else "here"
        raise NoImageFound(_sentence(_unreadable("that message", exc, where))) from exc
    refuse_own(message, me)
    if not (refs := pointed_images(message, me)):
        raise NoImageFound("The message you linked has no image I can see.")
    return refs


async def follow_message_links(
    refs: list[ImageRef],
    *,
    asker: discord.abc.User,
    place: discord.abc.Messageable | None,
    me: discord.abc.Snowflake,
) -> list[ImageRef]:
    """``refs``, each image once (see :func:`distinct_images`), with each link to a Discord message in place of
    that message's images. ``asker`` asks in ``place`` (None where the bot can't read messages there); a link is
    followed only where they may read the message (see :func:`_linked_channel`), and no more once
    :data:`MAX_IMAGES` images are found: those left out are counted as they are.

    Raises:
        NoImageFound: a link can't be followed (the message says why).
    """
    followed: list[ImageRef] = []
    for ref in distinct_images(refs):
        link = _MESSAGE_LINK.match(ref.url) if ref.discord_file is None else None
        if link is None or len(followed) >= MAX_IMAGES:
            followed.append(ref)
        elif place is None:
            raise NoImageFound(UNFOLLOWED_MESSAGE_HINT)
        else:
            followed += await _linked_images(link, asker=asker, place=place, me=me)
    return followed


async def recent_images(
    channel: discord.abc.Messageable,
    *,
    limit: int,
    me: discord.abc.Snowflake,
    before: discord.Message | None = None,
) -> list[ImageRef]:
    """The images of the most recent message with images among the last ``limit`` messages. Links
    to image files count, whose preview Discord may not show yet (or at all: ``<link>`` hides it).
    In a thread started from a message, that message counts as the thread's first; in a thread longer than
    ``limit`` messages (a forum post, say), its first message counts too, however far back. The bot's (``me``)
    own messages never count: their links are how-tos, and the example in a hint.

    Raises:
        NoImageFound: the bot may not read the channel's history (:data:`NO_HISTORY_PERMISSION_HINT`).
        discord.HTTPException: Discord failed to send them (:func:`bot.replies.discord_failed`).
    """
    if not bot_may(channel, "read_message_history"):
        raise NoImageFound(NO_HISTORY_PERMISSION_HINT)
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
    return message_images(message) or [ref for ref in message_links(message) if _is_image_file(ref.url)]


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
        return await _fetching(f"message {thread.id}", where.fetch_message(thread.id))
    return None


async def find_images(
    message: discord.Message, text: str, *, me: discord.abc.Snowflake, history_limit: int, prefix: str
) -> list[ImageRef]:
    """The images a ``!whatplot`` message is about (the answer names the first :data:`MAX_IMAGES`).

    ``text`` is what follows the command: its links count (one to a Discord message for that message's images,
    see :func:`follow_message_links`), other words ("what is this?") are chat.
    ``me`` is the bot, whose own answers are never asked about.

    Raises:
        NoImageFound: there is none (the message says how to ask), or the message replied to or linked can't be read.
    """
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
        if not (refs := await replied_images(message, me)):
            raise NoImageFound("The message you replied to has no image I can see.")
    if not refs:
        refs = await recent_images(message.channel, limit=history_limit, me=me, before=message)
    if not refs:
        raise NoImageFound(NO_IMAGE_HINT.format(prefix=prefix))
    return refs


class ImageReader:
    """Reads the bytes of an :class:`ImageRef`, never more than ``max_bytes``."""

    def __init__(self, downloader: ImageDownloader, max_bytes: int) -> None:
        self.downloader = downloader
        self.max_bytes = max_bytes

    async def read(self, ref: ImageRef) -> bytes:
        """The bytes of one image: an attachment or sticker as Discord sends it, a link through the downloader
        (as :class:`~classifier.download.Downloaded`, which names the picture's link: see :meth:`ImageRef.preview_url`).

        Raises:
            ImageTooLarge: the attachment or download is bigger than ``max_bytes``.
            DownloadError: the link was refused (a link to a Discord message not followed is), has expired, timed out
                or failed; or Discord didn't send the attachment within :data:`ATTACHMENT_TIMEOUT_S`.
        """
        if ref.discord_file is None:
            if _MESSAGE_LINK.match(ref.url):
                raise URLRefused(MESSAGE_LINK_HINT)
            return await self.downloader.fetch(ref.url)
        if isinstance(ref.discord_file, discord.Attachment) and (size := ref.discord_file.size) > self.max_bytes:
            raise ImageTooLarge(f"{ref.name} is {_size(size)}; I read images up to {_size(self.max_bytes)}.")
        try:
            async with asyncio.timeout(ATTACHMENT_TIMEOUT_S):
                return await ref.discord_file.read()
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            if isinstance(exc, discord.HTTPException) and not discord_failed(exc):
                raise DownloadError("Discord wouldn't give me that attachment; was it deleted?") from exc
            # Discord's file server failed, hung up, or can't be reached just now
            raise DownloadError("I couldn't get that attachment from Discord just now; try again in a moment.") from exc
        except TimeoutError as exc:
            raise DownloadTimeout("Discord took too long to send me that attachment; try again in a moment.") from exc


def _url_name(url: str) -> str:
    try:
        parts = urlsplit(url)
        return PurePosixPath(parts.path).name or parts.hostname or url
    except ValueError:  # a malformed link ("http://[oops"): the downloader says what is wrong with it
        return url


def _size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
