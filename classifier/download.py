"""The one guarded downloader for image URLs (used by the CLI, the bot and the web page).

Every hop of a request, redirects included, may only reach public addresses: the check runs in
the connection's DNS resolver, so the address that is checked is the address that is connected
to. Sizes are capped while streaming and every stage has a timeout. A link to a web page is followed
to the page's preview image (its ``og:image``), the picture Discord shows for such a link.

What slow or hostile servers can hold up is bounded, so they can't stall other users' downloads: name
lookups run in threads of their own (never the event loop's default executor), and each host gets only
a few of the connections.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import aiohttp
import yarl
from aiohttp import compression_utils
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.http_exceptions import ContentEncodingError

from classifier import config
from classifier.byte_budget import Take
from classifier.errors import DownloadError, DownloadTimeout, ImageTooLarge, NotAnImage, URLRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: Decides whether an address may be contacted.
AddressPolicy = Callable[[IPAddress], bool]

#: Meta tags that name a web page's preview image, best first (Open Graph, then Twitter cards).
PREVIEW_IMAGE_TAGS = ("og:image:secure_url", "og:image:url", "og:image", "twitter:image", "twitter:image:src")
#: How much of a web page is searched for its preview image (the tags sit in its <head>).
PAGE_HEAD_BYTES = 512 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)
#: Connections open at once, in all and to one host (a host name and port): a few slow servers can hold
#: only their own host's share, while downloads from other hosts go on. Many names of one server (a wildcard
#: DNS name: a.evil.example, b.evil.example...) each get a share, but the bot and the web page download at
#: most 32 images at once by default (their queue and request slots, WHATPLOT_QUEUE_SIZE and
#: MAX_PENDING_REQUESTS, which a download waiting for a connection holds too), so they never fill the 64
#: whatever the names. A cap per address would need aiohttp's private connector internals, and would throttle
#: the many unrelated hosts that share one CDN address.
MAX_CONNECTIONS = 64
MAX_CONNECTIONS_PER_HOST = 8
#: Name lookups at once, each in a thread of its own: the system resolver blocks and can't be stopped, so a
#: name that resolves slowly holds its thread past its download's timeout, until the resolver gives up.
MAX_LOOKUPS = 32
#: The answer when every connection or lookup thread is taken.
_BUSY = "Too many downloads are under way right now; try again in a moment."
#: What a message calls a link, by where it came from: the user, a server's redirect, or a web page.
_USER_LINK, _REDIRECT_LINK, _PREVIEW_LINK = "That link", "The server's redirect", "The page's preview image link"
#: What to say of the failures aiohttp names that a sender can make sense of.
_FAILURES: tuple[tuple[type[aiohttp.ClientError], str], ...] = (
    (aiohttp.ClientPayloadError, "The server broke off sending the image, or sent it garbled."),
    (aiohttp.ServerDisconnectedError, "The server hung up without sending the image."),
    (aiohttp.ClientConnectionError, "The connection to the server broke before the image arrived."),
    (aiohttp.ClientResponseError, "The server's answer isn't valid HTTP, so nothing could be downloaded."),
)
#: Content codings aiohttp undoes by itself, each alone: gzip and deflate, which it asks for, and br and zstd where
#: their packages (Brotli, backports.zstd) are installed, when it asks for them too. Without the package, aiohttp
#: refuses the whole answer (:func:`_refused_coding`); one older than 3.12 passes zstd on undone.
_UNDONE_BY_AIOHTTP = frozenset(
    {"gzip", "deflate"}
    | ({"br"} if getattr(compression_utils, "HAS_BROTLI", False) else set())
    | ({"zstd"} if getattr(compression_utils, "HAS_ZSTD", False) else set())
)
#: Content codings that compress: named in an answer where aiohttp didn't undo them (x-gzip, compress, two of them
#: stacked: "gzip, br"), they leave the body compressed, which no image check would make sense of. Other words
#: ("utf-8", "none"), which some servers send with a plain image, are let through: the bytes decide.
_COMPRESSIONS = frozenset({"gzip", "x-gzip", "deflate", "br", "zstd", "compress", "x-compress", "dcb", "dcz"})


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast addresses; false for loopback, private, link-local, etc.

    An IPv6 address that carries an IPv4 one (IPv4-mapped ``::ffff:10.0.0.7``, 6to4 ``2002:a00:7::``,
    which a host with a 6to4 tunnel sends to that IPv4 address) is judged by the IPv4 address.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:  # fec0::/10, the private addresses IPv6 had before fc00::/7
            return False
        address = address.ipv4_mapped or address.sixtofour or address
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)


class _GuardedResolver(AbstractResolver):
    """Resolves host names and refuses the whole host if any of its addresses is not allowed.

    Lookups run in up to :data:`MAX_LOOKUPS` threads of its own; when all of them are taken (by names that
    resolve slowly), a lookup is refused at once rather than queued behind them.
    """

    def __init__(self, is_allowed: AddressPolicy) -> None:
        self._is_allowed = is_allowed
        self._executor = ThreadPoolExecutor(max_workers=MAX_LOOKUPS, thread_name_prefix="whatplot-dns")
        self._free_threads = threading.BoundedSemaphore(MAX_LOOKUPS)  # released by the thread when its lookup ends

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        if not self._free_threads.acquire(blocking=False):
            raise DownloadError(_BUSY)
        lookup = self._executor.submit(socket.getaddrinfo, host, port, family, socket.SOCK_STREAM)
        lookup.add_done_callback(lambda _: self._free_threads.release())
        try:
            infos = await asyncio.wrap_future(lookup)
        except socket.gaierror as exc:
            raise DownloadError(f"Can't find the server {_shown(host)!r}.") from exc
        except UnicodeError as exc:  # the IDNA codec refuses the name: an empty label ("a..b"), one over 63 characters...
            raise URLRefused(f"The host name {_shown(host)!r} isn't a valid domain name.") from exc  # this hop's: maybe a redirect's
        results: list[ResolveResult] = []
        for fam, _, proto, _, sockaddr in infos:
            address = ipaddress.ip_address(sockaddr[0])
            if not self._is_allowed(address):
                raise URLRefused(f"{host} points to a private or local address ({_address(address)}); I only fetch public URLs.")
            results.append(
                {"hostname": host, "host": str(address), "port": port, "family": fam, "proto": proto, "flags": socket.AI_NUMERICHOST}
            )
        return results

    async def close(self) -> None:
        """Stop the lookup threads; those still waiting on a slow name end when it answers."""
        self._executor.shutdown(wait=False, cancel_futures=True)


#: Where Discord serves attachments; their links stop working a day or so after they were handed out.
DISCORD_CDN_HOSTS = frozenset({"cdn.discordapp.com", "media.discordapp.net"})


#: The path of a Discord attachment link: ``/attachments/<channel id>/<attachment id>/<file name>``.
_DISCORD_ATTACHMENT_PATH = re.compile(r"/(?:ephemeral-)?attachments/\d+/\d+/[^/]+")
#: The query that signs a Discord attachment link: its expiry and issue times (hex Unix times), and a signature.
_DISCORD_SIGNATURE = ("ex", "is", "hm")


def discord_link_expired(url: str) -> bool:
    """Whether ``url`` is a Discord attachment link that Discord's file server no longer serves: one past its expiry
    time (its ``ex`` parameter, in hex), or one without the signature (``ex``, ``is`` and ``hm``) it has wanted
    since 2024 (a link from before, or one cut short). Only Discord can renew such a link, for a bot."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a malformed link: the downloader says what is wrong with it
        return False
    if host not in DISCORD_CDN_HOSTS or not _DISCORD_ATTACHMENT_PATH.fullmatch(parts.path):
        return False
    query = parse_qs(parts.query)
    if not all(query.get(key) for key in _DISCORD_SIGNATURE):
        return True
    try:
        return int(query["ex"][0], 16) < time.time()
    except ValueError:  # a garbled expiry time: no valid signature either
        return True


@dataclass
class _Progress:
    """Where one download stands, for its messages: what its current link is called (:data:`_USER_LINK`...),
    and how long it has waited for free connections (kept by the session's trace callbacks)."""

    link: str = _USER_LINK
    waited: float = 0.0  #: seconds, in the waits that have ended
    waiting_since: float | None = None  #: when the wait under way began

    def seconds_waited(self) -> float:
        """Seconds spent waiting for free connections so far."""
        return self.waited + (time.monotonic() - self.waiting_since if self.waiting_since is not None else 0.0)


async def _on_queued(session: aiohttp.ClientSession, context: SimpleNamespace, params: aiohttp.TraceConnectionQueuedStartParams) -> None:
    """A request of a download starts waiting for a free connection (``trace_request_ctx`` is its :class:`_Progress`)."""
    context.trace_request_ctx.waiting_since = time.monotonic()


async def _on_dequeued(session: aiohttp.ClientSession, context: SimpleNamespace, params: aiohttp.TraceConnectionQueuedEndParams) -> None:
    """A request of a download has its connection."""
    progress: _Progress = context.trace_request_ctx
    progress.waited, progress.waiting_since = progress.seconds_waited(), None


class Downloaded(bytes):
    """The body of a download, and ``url``: the picture's own link, to show it by (the bot's thumbnail). That is
    the link asked for, or, where that leads to a web page (which shows no picture), the page's preview image link.

    Redirects from there are left out: Discord follows them when it fetches a thumbnail, as a browser does, while
    where they lead is often a signed link that stops working within minutes (as GitHub's attachment links lead
    to), or one too long to show (Discord takes up to 2048 characters). A redirect may lead to another picture
    the next time, but a link to one picture seldom does.
    It is bytes, so a caller that wants only those (the CLI, the web page) uses it as it is.
    """

    url: str

    def __new__(cls, body: bytes | bytearray, url: str) -> "Downloaded":
        downloaded = super().__new__(cls, body)
        downloaded.url = url
        return downloaded

    def __reduce__(self) -> tuple[type["Downloaded"], tuple[bytes, str]]:  # a copy or a pickle keeps the link
        return (type(self), (bytes(self), self.url))


class ImageDownloader:
    """Fetches images from public http(s) URLs with one shared ``aiohttp.ClientSession``.

    Create it inside a running event loop and ``await close()`` when done (or use ``async with``).
    """

    def __init__(
        self,
        *,
        max_bytes: int = config.MAX_IMAGE_BYTES,
        timeout: float = config.DOWNLOAD_TIMEOUT_S,
        connect_timeout: float = config.DOWNLOAD_CONNECT_TIMEOUT_S,
        read_timeout: float = config.DOWNLOAD_READ_TIMEOUT_S,
        max_redirects: int = config.DOWNLOAD_MAX_REDIRECTS,
        is_allowed: AddressPolicy = is_public_address,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_redirects = max_redirects
        self._is_allowed = is_allowed
        self._resolver = _GuardedResolver(is_allowed)
        trace = aiohttp.TraceConfig()
        trace.on_connection_queued_start.append(_on_queued)
        trace.on_connection_queued_end.append(_on_dequeued)
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(resolver=self._resolver, limit=MAX_CONNECTIONS, limit_per_host=MAX_CONNECTIONS_PER_HOST),
            trace_configs=[trace],
            timeout=aiohttp.ClientTimeout(total=timeout, sock_connect=connect_timeout, sock_read=read_timeout),
            headers={"User-Agent": "whatplot (chart classifier)", "Accept": "image/*, text/html;q=0.5"},
            # No cookies: the session serves every user, and one server's cookies (for a whole "github.io",
            # say, as no public-suffix list stops them) would go along with later downloads of others.
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
        )

    async def __aenter__(self) -> "ImageDownloader":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the shared session, its connections and its lookup threads."""
        await self._session.close()
        await self._resolver.close()

    def _check_url(self, url: str, link: str = _USER_LINK) -> None:
        """Refuse ``url`` unless it may be fetched; ``link`` is what messages call it (:data:`_USER_LINK`...)."""
        try:
            url.encode("utf-8")  # aiohttp's URL parser drops a lone surrogate ("\udcff" from a non-UTF-8 argument): another URL
            parts = urlsplit(url)
            # The host as aiohttp connects to it, which skips the resolver for an address: IDNA mapping makes
            # one of "①②⑦.0.0.1" or "127。0。0。1", which no parser here takes for one, and the socket reads
            # "[::1%25]" still percent-encoded, as ::1 in zone 25, where decoded ("::1%") it is no address.
            host = yarl.URL(url).raw_host or ""
            if parts.port == 0 or any(c.isspace() for c in parts.netloc):
                raise ValueError("no host has that port or a blank in its name")
        except UnicodeEncodeError as exc:
            raise URLRefused(f"{link} isn't a valid URL (it has an unpaired UTF-16 surrogate).") from exc
        except ValueError as exc:  # "http://[::1", "http://host:99999/", "http://my host/", "http://a\\b/"
            raise URLRefused(f"{link} isn't a valid URL ({_shown(str(exc))}).") from exc
        if not parts.scheme:  # "www.example.com/chart.png", or words where a link was expected
            raise URLRefused(f"{link} doesn't start with http:// or https://.")
        if parts.scheme not in ("http", "https"):
            if link != _USER_LINK:  # a redirect or a page leads to ftp:, file:, data:...: the server's doing
                raise URLRefused(f"{link} isn't an http or https link (it is {_shown(parts.scheme)}:).")
            raise URLRefused(f"Only http and https links are allowed, not {_shown(parts.scheme)}.")
        if not parts.hostname:
            raise URLRefused(f"{link} has no host name.")
        if discord_link_expired(url):
            raise DownloadError(
                "That Discord attachment link has expired: outside Discord, such links work for a day or so. "
                "Send the image itself, or reply to its message."
            )
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            # aiohttp connects to what looks like an address (a colon, or only digits and dots) unresolved, and
            # older versions hand "2130706433" or "127.1" to the socket, which reads them as 127.0.0.1. A host
            # whose last label is a number is an IPv4 address to browsers, and to the system resolver ("0x7f.1"):
            # never a name, as no top-level domain is a number.
            if ":" in host or _ends_in_a_number(host):
                raise URLRefused(f"{link} has the host {_shown(host)!r}, which isn't a valid IP address.") from None
            return  # a name: the resolver checks every address it resolves to
        if not self._is_allowed(literal):
            raise URLRefused(f"{_address(literal)} is a private or local address; I only fetch public URLs.")

    async def fetch(self, url: str, take: Take | None = None) -> Downloaded:
        """Download the body of ``url``, following up to ``max_redirects`` redirects by hand, and a web
        page (once) to its preview image; the answer names the picture's link (:class:`Downloaded`).
        ``take``, if given, is told of each chunk of the image's body as it arrives (its size), before it is held,
        and may refuse it by raising (a server's cap on the bytes it holds:
        :class:`~classifier.byte_budget.ByteBudget`); what it raises ends the download and is raised.

        Raises:
            URLRefused: the link is malformed, not http(s), or names no valid host, or a hop leads to a non-public
                address.
            DownloadTimeout: the server was too slow, or most of the time went on waiting for a free connection.
            ImageTooLarge: the body is bigger than ``max_bytes``.
            NotAnImage: the link is a web page without a preview image.
            DownloadError: any other failure (status, connection, a compression it can't undo, every lookup thread taken).
        """
        progress = _Progress()
        try:
            async with asyncio.timeout(self.timeout):  # for all hops together (name lookups included), not each
                return await self._fetch_following(url, progress, take)
        except asyncio.TimeoutError as exc:
            if progress.seconds_waited() > self.timeout / 2:  # for other downloads to end: the server had no fair chance
                raise DownloadTimeout(_BUSY) from exc
            raise DownloadTimeout("The server took too long to send the image.") from exc
        except aiohttp.ClientSSLError as exc:  # an invalid certificate, or a plain-HTTP server at an https link
            raise DownloadError(f"Can't make a secure (https) connection to {_shown(exc.host)}.") from exc
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.__cause__, (URLRefused, DownloadError)):
                raise exc.__cause__ from None
            raise DownloadError(f"Can't connect to {exc.host}.") from exc
        except aiohttp.InvalidURL as exc:
            raise URLRefused(f"{progress.link} isn't a valid URL ({_shown(str(exc))}).") from exc
        except aiohttp.ClientError as exc:
            if (coding := _refused_coding(exc)) is not None:
                raise DownloadError(_compressed(coding)) from exc
            message = next((m for kind, m in _FAILURES if isinstance(exc, kind)), f"The download failed: {exc.__class__.__name__}.")
            raise DownloadError(message) from exc

    async def _fetch_following(self, url: str, progress: _Progress, take: Take | None) -> Downloaded:
        followed_page, redirects, picture = False, 0, url  # picture: the link asked for, or the page's preview image link
        while True:  # each hop is a redirect (up to max_redirects of them) or the page's preview image (once)
            self._check_url(url, progress.link)
            async with self._session.get(url, allow_redirects=False, trace_request_ctx=progress) as response:
                if response.status in _REDIRECTS:
                    if not response.headers.get("Location"):  # none, or empty: which would lead back here
                        raise DownloadError("The server redirected without saying where to.")
                    redirects += 1
                    if redirects > self.max_redirects:
                        raise DownloadError(f"Too many redirects (more than {self.max_redirects}).")
                    # aiohttp keeps the bytes of a header that aren't UTF-8 as lone surrogates ("\udce9" for a
                    # Latin-1 "é"); a browser sends them on percent-encoded (%E9), and so does this.
                    location = re.sub("[\udc80-\udcff]", lambda byte: f"%{ord(byte[0]) - 0xDC00:02X}", response.headers["Location"])
                    progress.link = _REDIRECT_LINK
                    url = _absolute(location, str(response.url), progress.link)
                    continue
                if response.status != 200:
                    status = f"{response.status} {_shown(response.reason or '')}".strip()
                    of_what = " for the page's preview image" if followed_page else ""  # the page itself was there
                    raise DownloadError(f"The server answered {status}{of_what}.")
                if (coding := _compression_left_on(response.headers.getall("Content-Encoding", []))) is not None:
                    raise DownloadError(_compressed(coding))
                if response.content_type in _HTML_TYPES and not followed_page:
                    url = picture = await self._preview_image_of_page(response)
                    followed_page = True
                    progress.link = _PREVIEW_LINK
                    continue
                return Downloaded(await self._read_capped(response, take), picture)

    async def _preview_image_of_page(self, response: aiohttp.ClientResponse) -> str:
        head = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            head.extend(chunk)
            # Look back over the chunk boundary too: the tag may arrive split between two reads.
            if len(head) >= PAGE_HEAD_BYTES or b"</head" in head[-len(chunk) - len(b"</head") :].lower():
                break
        found = preview_image_url(bytes(head[:PAGE_HEAD_BYTES]), str(response.url))
        if found is None:
            raise NotAnImage("That link is a web page without a preview image. Link the image file itself.")
        return found

    async def _read_capped(self, response: aiohttp.ClientResponse, take: Take | None) -> bytearray:
        if response.content_length is not None and response.content_length > self.max_bytes:
            raise ImageTooLarge(_too_large(self.max_bytes))
        body = bytearray()
        async for chunk in response.content.iter_chunked(64 * 1024):
            if len(body) + len(chunk) > self.max_bytes:
                raise ImageTooLarge(_too_large(self.max_bytes))
            if take is not None:
                take(len(chunk))
            body.extend(chunk)
        return body


#: The user name and password a link may carry (``https://user:secret@host/``), up to the host.
_CREDENTIALS = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/?#]*@", re.IGNORECASE)


def without_credentials(url: str) -> str:
    """``url`` as a log may show it: without the user name and password it may carry (``user:secret@``),
    which are the link's owner's and not the operator's to keep. A malformed link is cut the same way."""
    return _CREDENTIALS.sub(r"\1", url, count=1)


def _ends_in_a_number(host: str) -> bool:
    """Whether the last label of ``host`` (less one trailing dot) is a number, in decimal, octal or ``0x`` hex:
    the URL standard's test for a host that is an IPv4 address ("2130706433", "127.1.", "0x7f.1")."""
    last = host[:-1] if host.endswith(".") else host
    last = last.rpartition(".")[2]
    return last.isdigit() or re.fullmatch("0x[0-9a-f]*", last, re.IGNORECASE) is not None


def _address(address: IPAddress) -> str:
    """``address`` as a message names it: an IPv4-mapped one as ``::ffff:10.0.0.1``, not Python 3.11's ``::ffff:a00:1``."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped and address.scope_id is None:
        return f"::ffff:{address.ipv4_mapped}"
    return str(address)


def _shown(text: str, limit: int = 100) -> str:
    """``text`` (a link, host name or server's words, any length) cut to ``limit`` characters to quote in a
    message: a chat reply must stay short (Discord's embeds end at 4096). What can't be printed, a control
    character or a byte that isn't UTF-8 (kept by aiohttp as a lone surrogate, which no reply can encode), shows as "�"."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


def _refused_coding(exc: aiohttp.ClientError) -> str | None:
    """The content coding of an answer aiohttp refused at its head because it can't undo it (br without the Brotli
    package, zstd without backports.zstd: codings it then doesn't ask for), as its message names it ("" if it names
    none); None for any other failure. A gzip or deflate body that fails to inflate is a ClientPayloadError instead."""
    if not isinstance(exc, aiohttp.ClientResponseError):
        return None
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, ContentEncodingError):
        cause = cause.__cause__
    if cause is None:
        return None
    named = re.search(r"\(([\w-]+)\)", str(cause.message))  # "Can not decode content-encoding: brotli (br). ..."
    return named[1] if named else ""


def _compression_left_on(values: list[str]) -> str | None:
    """The compressions that ``values`` (an answer's Content-Encoding headers) name where aiohttp passes the body on
    still compressed, joined ("gzip, br"), or None where it undid them, or the words name no compression."""
    codings = [coding.strip().lower() for value in values for coding in value.split(",")]
    if len(values) == 1 and values[0].strip().lower() in _UNDONE_BY_AIOHTTP:  # as aiohttp's parser tests it
        return None
    return ", ".join(coding for coding in codings if coding in _COMPRESSIONS) or None


def _compressed(coding: str) -> str:
    """The message for an image the server sent compressed in a way that can't be undone here."""
    named = f" (Content-Encoding: {_shown(coding, 40)})" if coding else ""
    return f"The server sent the image compressed{named} in a way I didn't ask for and can't unpack."


def _too_large(limit: int) -> str:
    return f"The image is bigger than the {config.megabytes(limit)} MB limit."


#: What ``preview_image_url`` looks at: a comment, script or style (skipped, up to its end or the page's),
#: or a <meta> tag. Each match ends at the first place it can, so one pass over the page finds them all;
#: html.parser takes minutes on some hostile markup ("<a<a<a..."), which would stall the event loop.
_SKIPPED_OR_META = re.compile(
    r"<!--.*?(?:-->|\Z)|<(?P<raw>script|style)\b.*?(?:</(?P=raw)|\Z)|(?P<meta><meta[\s/][^<>]*>)", re.IGNORECASE | re.DOTALL
)
#: An attribute of a tag: its name, and its value in double, single or no quotes.
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")


def _meta_attributes(tag: str) -> dict[str, str]:
    """The attributes of a ``<meta ...>`` tag, names lowercased and values unescaped and stripped."""
    values: dict[str, str] = {}
    for name, *value in _ATTRIBUTE.findall(tag, len("<meta")):
        values.setdefault(name.lower(), html.unescape("".join(value)).strip())
    return values


def preview_image_url(page: bytes, page_url: str) -> str | None:
    """The absolute URL of the preview image a web page declares in its meta tags, or None.

    Raises:
        URLRefused: the tag's link can't be parsed.
    """
    found: dict[str, str] = {}
    for match in _SKIPPED_OR_META.finditer(page.decode("utf-8", errors="replace")):
        if not match["meta"]:
            continue
        values = _meta_attributes(match["meta"])
        key = (values.get("property") or values.get("name") or "").lower()
        if key in PREVIEW_IMAGE_TAGS and values.get("content"):
            found.setdefault(key, values["content"])
    return next((_absolute(found[key], page_url, _PREVIEW_LINK) for key in PREVIEW_IMAGE_TAGS if key in found), None)


def _absolute(link: str, base: str, called: str) -> str:
    """``link`` (a redirect's target or a page's preview image, which messages call ``called``) made
    absolute against ``base``.

    Raises:
        URLRefused: ``link`` can't be parsed (``http://[::1``).
    """
    try:
        return urljoin(base, link)
    except ValueError as exc:
        raise URLRefused(f"{called} isn't a valid URL ({_shown(str(exc))}).") from exc
