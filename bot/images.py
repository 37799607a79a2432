"""The images a Discord message holds, and reading their bytes safely.

A message holds images as attachments, stickers, embeds (Discord's previews of links, or a bot's pictures),
and links in its text, a forwarded message as those of the message it forwards; each is an :class:`ImageRef`.
Attachments and stickers are read through discord.py, an attachment after a size check; links only through the
guarded :class:`~classifier.download.ImageDownloader`. A link to a Discord attachment that has expired (they work
outside Discord for a day or so) is renewed by Discord first (:func:`refresh_attachment_urls`), where the request may
have it renewed (:data:`MayRenew`). Which message a request is about is :mod:`bot.asked_about`'s job.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import aiohttp
import discord

from bot.discord_errors import discord_failed
from bot.text import clip
from classifier.byte_budget import Take
from classifier.download import DISCORD_CDN_HOSTS, Downloaded, ImageDownloader, discord_link_expired, without_credentials
from classifier.errors import DownloadError, DownloadTimeout, ImageTooLarge, URLRefused

log = logging.getLogger(__name__)

#: The endings of image file names: an attachment, or a link in a message's history, whose name ends so is an image.
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
#: A link written without its scheme (``example.com/chart.png``, ``www.example.com``), which Discord shows as plain
#: text: a host of dotted labels (and a port), then a path; one not starting ``www.`` counts only where its path names
#: an image file (:data:`IMAGE_SUFFIXES`), so that chat such as "Node.js/React" stays chat. The host ends in a top-level
#: domain, of letters only, or is an IPv4 address: a file's path ("v1.2/3.png", "results.v2/chart.png") is chat too.
_SCHEMELESS_LINK = re.compile(
    r"(?P<www>www\.)?(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63}|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?(?P<path>[/?#]\S*)?",
    re.IGNORECASE,
)
#: What is stripped from either end of a word before it is taken for a link without its scheme.
_AROUND_WORD = "<>()[]|`\"'.,:;!?*_~"
#: Text hidden as a spoiler: ``||like this||``.
_SPOILER = re.compile(r"\|\|.+?\|\|", re.DOTALL)
#: A link to a Discord message ("Copy Message Link"): its server's id (``@me`` in a DM), its channel's and its own.
#: Its page shows Discord's logo, not the message's images: a request follows it
#: (:func:`bot.asked_about.follow_message_links`).
_MESSAGE_LINK = re.compile(
    r"https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/channels/(\d+|@me)/(\d+)/(\d+)", re.IGNORECASE
)
#: The answer to a link to a message in the text of another message (one replied to, or linked): not followed.
MESSAGE_LINK_HINT = (
    "I follow a link to a Discord message only if you give me the link yourself (in /whatplot url:, say)."
)
#: The most links Discord renews in one request.
MAX_REFRESHED_URLS = 50
#: The answer where Discord won't renew an attachment link (the attachment, or its message, was deleted).
NOT_RENEWED_HINT = (
    "That Discord attachment link has expired, and Discord wouldn't renew it: was the attachment or its message "
    "deleted? Send the image itself, or reply to its message."
)

#: Whether Discord may renew an expired attachment link (its URL) for the request an image is read for: only where the
#: asker may see what it leads to (:func:`bot.readable_channels.renewable_links`), as the renewed link shows in the
#: answer. It raises :class:`~classifier.errors.DownloadError` where it can't tell (Discord failing).
MayRenew = Callable[[str], Awaitable[bool]]


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
        page, which shows no picture, the page's preview image link); else :attr:`url`. Never with the user name and
        password a link may carry (``user:secret@``): everyone who sees the answer can open its thumbnail, and a
        ``/whatplot url:`` isn't shown to them. None for a spoiler, which must stay hidden."""
        if self.spoiler:
            return None
        return without_credentials(image.url) if isinstance(image, Downloaded) else self.url

    def message_link(self) -> re.Match[str] | None:
        """Where this is a link to a Discord message, not an image: the link's server id, channel id and message id
        (its groups)."""
        return _MESSAGE_LINK.match(self.url) if self.discord_file is None else None


def short_name(name: str) -> str:
    """``name`` cut to :data:`MAX_NAME_CHARS` in the middle, keeping its file extension."""
    suffix = PurePosixPath(name).suffix[:10]
    return name if len(name) <= MAX_NAME_CHARS else clip(name, MAX_NAME_CHARS - len(suffix)) + suffix


def _looks_like_image(attachment: discord.Attachment) -> bool:
    """Whether ``attachment`` is an image, by its content type or its file name."""
    content_type = attachment.content_type or ""
    return content_type.startswith("image/") or PurePosixPath(attachment.filename).suffix.lower() in IMAGE_SUFFIXES


def is_image_file(url: str) -> bool:
    """Whether ``url``'s path names an image file (``.../chart.png``) rather than a page."""
    return PurePosixPath(_url_name(url)).suffix.lower() in IMAGE_SUFFIXES


def _sources(message: discord.Message) -> tuple[discord.Message | discord.MessageSnapshot, ...]:
    """``message`` and the message it forwards (its snapshot), if any: a forward shows that one's images."""
    return (message, *message.message_snapshots)


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
        media = embed.thumbnail if embed.type == "image" and not embed.image.url else embed.image
        if media.url:
            refs.append(ImageRef(_url_name(media.url), media.proxy_url or media.url, spoiler=spoiler))
    return refs


def _embed_thumbnails(message: discord.Message | discord.MessageSnapshot) -> list[ImageRef]:
    """The thumbnails of the embeds a bot or webhook set on a message (an alert, a report), which may show its chart
    there only, and of the previews Discord unfurled from links to web pages (a page's preview image). Not among
    :func:`message_images`, as the bot's answers show the charts they name so (a bridge's copy of one must not be named
    unasked), and a page's preview is often its site's logo; a request pointing at such a message counts them
    (:func:`pointed_images`): Discord's copy of a page's preview image, which the page's site may refuse the bot.
    Spoilers as in :func:`_embed_images`."""
    spoiler = any(ref.spoiler for ref in link_images(message.content))
    return [
        ImageRef(_url_name(embed.thumbnail.url), embed.thumbnail.proxy_url or embed.thumbnail.url, spoiler=spoiler)
        for embed in message.embeds
        if embed.type in ("rich", "link", "article") and embed.thumbnail.url and not embed.image.url
    ]


def message_images(message: discord.Message, *, images_only: bool = True) -> list[ImageRef]:
    """The images of a message: its attachments (see :func:`attachment_images`), then its embeds'
    images; a forwarded message's are those of the message it forwards (its snapshot)."""
    return [
        ref
        for source in _sources(message)
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


def schemeless_links(text: str) -> list[str]:
    """The words of ``text`` that are links written without their ``https://`` (see :data:`_SCHEMELESS_LINK`), which
    :func:`link_images` doesn't count: as chat, they would leave a request to name some other image."""
    found = []
    for word in text.split():
        word = word.strip(_AROUND_WORD)
        if "://" in word or "`" in word or "@" in word or not (match := _SCHEMELESS_LINK.fullmatch(word)):
            continue
        path = urlsplit(f"//{word}").path
        if match["www"] or (match["path"] and PurePosixPath(path).suffix.lower() in IMAGE_SUFFIXES):
            found.append(word)
    return found


def sticker_images(message: discord.Message) -> list[ImageRef]:
    """The stickers of a message, or of the message it forwards, that are pictures. Only a request about
    that message counts them: posted after a chart, a 👍 sticker mustn't become the latest image."""
    return [
        ImageRef(f"{sticker.name} (sticker)", sticker.url, sticker)
        for source in _sources(message)
        for sticker in source.stickers
        if sticker.format in _PICTURE_STICKERS
    ]


def has_drawn_sticker(message: discord.Message) -> bool:
    """Whether a message, or the message it forwards, has a sticker that is no picture: a Lottie one, an animation
    Discord draws from JSON, which :func:`sticker_images` leaves out."""
    return any(sticker.format not in _PICTURE_STICKERS for source in _sources(message) for sticker in source.stickers)


def message_links(message: discord.Message) -> list[ImageRef]:
    """One image per link in the text of a message, or of the message it forwards (see :func:`link_images`)."""
    return [ref for source in _sources(message) for ref in link_images(source.content)]


def pointed_images(message: discord.Message, me: discord.abc.Snowflake) -> list[ImageRef]:
    """The images of a message someone points the bot at (a reply, "Name this chart"): those of
    :func:`message_images` and :func:`sticker_images`, else the thumbnails of a bot's embeds
    (:func:`_embed_thumbnails`), else the links in its text, whose preview Discord may not show yet (or at all:
    ``<link>`` hides it). None in an answer of the bot itself (``me``): its links are how-tos."""
    if message.author.id == me.id:
        return []
    pictures = message_images(message, images_only=False) + sticker_images(message)
    thumbnails = [ref for source in _sources(message) for ref in _embed_thumbnails(source)]
    return pictures or thumbnails or message_links(message)


def distinct_images(refs: list[ImageRef]) -> list[ImageRef]:
    """``refs`` without the images given again (the same link twice): the first of each, in order."""
    by_url: dict[str, ImageRef] = {}
    for ref in refs:
        by_url.setdefault(ref.url, ref)
    return list(by_url.values())


async def refresh_attachment_urls(http: discord.http.HTTPClient, urls: Sequence[str]) -> dict[str, str]:
    """Discord's renewed links for the attachment links ``urls`` (up to :data:`MAX_REFRESHED_URLS`), by the link
    given: ``POST /attachments/refresh-urls``, which takes ``{"attachment_urls": [...]}`` and answers
    ``{"refreshed_urls": [{"original": ..., "refreshed": ...}, ...]}``.

    discord.py has no method for this route (nor do Discord's API docs name it, though it takes a bot token), so it
    goes through ``http.request``, the bot's own HTTP client, for discord.py's rate-limit handling. A link Discord
    doesn't renew is left out of the answer; whatever the answer names is unchecked, and must be checked before it
    is fetched (:meth:`ImageReader.read` fetches only links to Discord's file server, through the downloader).

    Raises:
        discord.HTTPException: Discord refused or failed the request.
        discord.RateLimited: Discord rate-limits it for longer than the bot waits.
        ValueError: ``urls`` is empty or holds more than :data:`MAX_REFRESHED_URLS`.
    """
    if not 0 < len(urls) <= MAX_REFRESHED_URLS:
        raise ValueError(f"Discord renews 1 to {MAX_REFRESHED_URLS} links at a time, not {len(urls)}")
    route = discord.http.Route("POST", "/attachments/refresh-urls")
    answer = await http.request(route, json={"attachment_urls": list(urls)})
    entries = answer.get("refreshed_urls") if isinstance(answer, dict) else None
    return {
        entry["original"]: entry["refreshed"]
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and all(isinstance(entry.get(key), str) for key in ("original", "refreshed"))
    }


class ImageReader:
    """Reads the bytes of an :class:`ImageRef`, never more than ``max_bytes``. An expired Discord attachment link is
    renewed by Discord first, where the request may have it renewed, through ``http``, the bot's HTTP client
    (:func:`refresh_attachment_urls`)."""

    def __init__(self, downloader: ImageDownloader, max_bytes: int, http: discord.http.HTTPClient) -> None:
        self.downloader = downloader
        self.max_bytes = max_bytes
        self.http = http

    async def read(self, ref: ImageRef, may_renew: MayRenew, take: Take) -> bytes:
        """The bytes of one image: an attachment or sticker as Discord sends it, a link through the downloader
        (as :class:`~classifier.download.Downloaded`, which names the picture's link: see :meth:`ImageRef.preview_url`),
        an expired Discord attachment link renewed first where ``may_renew`` it. ``take`` is told of the bytes
        before they are held (see :meth:`bot.limits.InferenceQueue.predict`), and what it raises is raised.

        Raises:
            ImageTooLarge: the attachment or download is bigger than ``max_bytes``.
            DownloadError: the link was refused (a link to a Discord message not followed is), has expired and may not
                be renewed (or Discord failed to say whether it may) or Discord wouldn't renew it, timed out or failed;
                or Discord didn't send the attachment (or sticker) within :data:`ATTACHMENT_TIMEOUT_S`.
            NotAnImage: the link is a web page without a preview image.
            Whatever ``take`` raises (:class:`~bot.errors.Busy`): the image would pass the queue's byte budget.
        """
        if ref.message_link():
            raise URLRefused(MESSAGE_LINK_HINT)
        if ref.discord_file is None:
            expired = discord_link_expired(ref.url)
            # one left expired: the downloader answers that it has expired, as the CLI and the web page do
            url = await self._renewed(ref.url) if expired and await may_renew(ref.url) else ref.url
            return await self.downloader.fetch(url, take)
        if isinstance(ref.discord_file, discord.Attachment):
            if (size := ref.discord_file.size) > self.max_bytes:
                raise ImageTooLarge(f"{ref.name} is {_size(size)}; I read images up to {_size(self.max_bytes)}.")
            take(size)  # Discord says how large it is; a sticker, small, is counted once read
        what = "attachment" if isinstance(ref.discord_file, discord.Attachment) else "sticker"
        try:
            async with asyncio.timeout(ATTACHMENT_TIMEOUT_S):
                data = await ref.discord_file.read()
        except (discord.HTTPException, aiohttp.ClientError) as exc:
            if isinstance(exc, discord.HTTPException) and not discord_failed(exc):
                raise DownloadError(f"Discord wouldn't give me that {what}; was it deleted?") from exc
            # Discord's file server failed, hung up, or can't be reached just now
            raise DownloadError(f"I couldn't get that {what} from Discord just now; try again in a moment.") from exc
        except TimeoutError as exc:
            raise DownloadTimeout(f"Discord took too long to send me that {what}; try again in a moment.") from exc
        if what == "sticker":
            take(len(data))
        return data

    async def _renewed(self, url: str) -> str:
        """Discord's renewed link for the attachment link ``url`` (see :func:`~classifier.download.discord_link_expired`):
        one to Discord's file server, the only place the answer is trusted to lead.

        Raises:
            DownloadError: Discord wouldn't renew it, or failed to.
            URLRefused: Discord's answer leads anywhere else.
        """
        try:
            renewed = (await refresh_attachment_urls(self.http, [url])).get(url)
        except discord.RateLimited as exc:
            raise DownloadError("Discord won't renew attachment links for a while; try again in a minute.") from exc
        except discord.HTTPException as exc:
            if discord_failed(exc):
                log.warning("Couldn't renew an attachment link: Discord failed (%s %s)", exc.status, exc.text)
                message = "Discord couldn't renew that attachment link just now; try again in a moment."
                raise DownloadError(message) from exc
            log.info("Discord refused to renew %s (%s %s)", without_credentials(url), exc.status, exc.text)
            raise DownloadError(NOT_RENEWED_HINT) from exc
        if renewed is None or discord_link_expired(renewed):  # left out, or handed back as it was
            raise DownloadError(NOT_RENEWED_HINT)
        try:
            host = urlsplit(renewed).hostname
        except ValueError:
            host = None
        if host not in DISCORD_CDN_HOSTS:
            log.warning("Discord renewed an attachment link as one to another host (%r): not fetched", host)
            raise URLRefused("Discord renewed that attachment link as a link to another server, which I don't fetch.")
        return renewed


def _url_name(url: str) -> str:
    """The name an image at ``url`` goes by: its file name, else the site's."""
    try:
        parts = urlsplit(url)
        return PurePosixPath(parts.path).name or parts.hostname or url
    except ValueError:  # a malformed link ("http://[oops"): the downloader says what is wrong with it
        return url


def _size(n: int) -> str:
    """``n`` bytes, for people: "2.5 MB", "300 KB", "12 bytes"."""
    if n >= 2**20:
        return f"{n / 2**20:.1f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
