"""`BotWorld`: the simulated Discord a bot test acts in, with helpers to read the bot's answers."""

from __future__ import annotations

import asyncio
import fnmatch
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import discord
import pytest
import simcord
from multidict import CIMultiDict

from bot import Settings, WhatplotBot, create_bot
from classifier.wording import percent
from bot.cogs.error_handler import unwrap
from bot.replies import MAX_RATELIMIT_WAIT_S
from classifier import Prediction, chart_types_by_id
from classifier.download import DISCORD_CDN_HOSTS
from classifier.taxonomy import NOT_A_CHART


def refuse_replies_to_deleted_messages(env: simcord.Env) -> None:
    """Make simcord's backend refuse a reply to a deleted message the way Discord does (400, 50035
    "Unknown message" for ``message_reference``), unless the reply's reference sets ``fail_if_not_exists`` to false."""
    from simcord.backend import errors

    backend = env.backend
    prepare_message = backend.prepare_message

    def prepare_reply_only_to_existing_messages(channel_id: int, *args: object, **kwargs: object):
        reference = kwargs.get("reference") or {}
        if reference.get("type", 0) == 0 and reference.get("fail_if_not_exists", True) and "message_id" in reference:
            referenced_channel = int(reference.get("channel_id", channel_id))
            if int(reference["message_id"]) not in backend.messages.get(referenced_channel, {}):
                unknown = {"code": "REPLIES_UNKNOWN_MESSAGE", "message": "Unknown message"}
                raise errors.invalid_form_body(errors={"message_reference": {"_errors": [unknown]}})
        return prepare_message(channel_id, *args, **kwargs)

    backend.prepare_message = prepare_reply_only_to_existing_messages


def refuse_command_sync_outside_known_guilds(env: simcord.Env) -> None:
    """Make simcord's backend refuse to register slash commands in a server it doesn't know the way
    Discord refuses it for a server the bot isn't in (403, 50001 "Missing Access")."""
    from simcord.backend import errors

    backend = env.backend
    register_commands = backend.register_commands

    def register_only_in_known_guilds(guild_id: int | None, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if guild_id is not None and guild_id not in backend.guilds:
            raise errors.missing_access()
        return register_commands(guild_id, payloads)

    backend.register_commands = register_only_in_known_guilds


def refuse_long_embed_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make simcord refuse a message whose embed has an image or thumbnail URL over 2048 characters,
    the way Discord refuses it (400, 50035 "Must be 2048 or fewer in length")."""
    import simcord.components

    validate_embeds = simcord.components.validate_embeds

    def validate_embeds_and_their_urls(embeds: Any) -> None:
        validate_embeds(embeds)
        for index, embed in enumerate(embeds):
            for key in ("image", "thumbnail"):
                if len((embed.get(key) or {}).get("url") or "") > 2048:
                    message = f"embeds[{index}].{key}.url: Must be 2048 or fewer in length."
                    raise simcord.components.ComponentValidationError(message)

    monkeypatch.setattr(simcord.components, "validate_embeds", validate_embeds_and_their_urls)


def malformed_url(url: str) -> bool:
    """Whether Discord refuses ``url`` as an embed's picture link as "Not a well formed URL": one with a blank in it,
    or another character a link can't hold unencoded (RFC 3986), letters beyond ASCII among them."""
    return not (url.isascii() and url.isprintable()) or any(char in ' "<>\\^`{|}' for char in url)


def refuse_malformed_embed_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make simcord refuse a message whose embed has an image or thumbnail URL that isn't well formed
    (:func:`malformed_url`), the way Discord refuses it (400, 50035 "Not a well formed URL")."""
    import simcord.components

    validate_embeds = simcord.components.validate_embeds

    def validate_embeds_and_their_urls(embeds: Any) -> None:
        validate_embeds(embeds)
        for index, embed in enumerate(embeds):
            for key in ("image", "thumbnail"):
                if malformed_url((embed.get(key) or {}).get("url") or ""):
                    raise simcord.components.ComponentValidationError(
                        f"embeds[{index}].{key}.url: Not a well formed URL."
                    )

    monkeypatch.setattr(simcord.components, "validate_embeds", validate_embeds_and_their_urls)


def omit_nested_referenced_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make simcord send the message a reply replies to without the one that message replies to, as Discord
    does (its ``referenced_message`` has no ``referenced_message``): the bot must fetch that one itself."""
    from simcord.backend import serializers

    message_payload = serializers.message_payload

    def payload_with_one_referenced_message(*args: Any, **kwargs: Any) -> Any:
        payload = message_payload(*args, **kwargs)  # its referenced_message comes through here too, stripped
        if referenced := payload.get("referenced_message"):
            referenced.pop("referenced_message", None)
        return payload

    monkeypatch.setattr(serializers, "message_payload", payload_with_one_referenced_message)


def fail_attachment_reads(env: simcord.Env, monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    """Make Discord's file server answer every attachment read with ``status``, raised as discord.py raises it."""
    from simcord.backend.errors import BackendError
    from simcord.http.client import _raise_for

    async def fail(url: str) -> bytes:
        _raise_for(BackendError(status, 0, "failed to get asset"))
        raise AssertionError("unreachable")

    monkeypatch.setattr(env.bot.http, "get_from_cdn", fail)


def refuse_unapproved_intents_at_identify(monkeypatch: pytest.MonkeyPatch, approved: discord.Intents) -> None:
    """Make simcord refuse a privileged intent the Developer Portal hasn't ``approved`` (pass the same to
    ``Env(approved_intents=...)``, which also empties messages' content in the API's answers) when Discord does: at
    IDENTIFY, once the bot has logged in and run its ``setup_hook`` (cogs loaded, health endpoint listening), closing
    the gateway with 4014, which discord.py raises as ``PrivilegedIntentsRequired``. simcord refuses it before the
    bot logs in."""
    import simcord.intents
    from simcord.gateway import ShardRouter

    missing_privileged_intents = simcord.intents.missing_privileged_intents
    identify = ShardRouter.identify

    def identify_with_approved_intents_only(router: ShardRouter, shard_id: int, **options: Any) -> None:
        if missing_privileged_intents(router._state.intents, approved):
            raise discord.PrivilegedIntentsRequired(shard_id)
        identify(router, shard_id, **options)

    monkeypatch.setattr(simcord.intents, "missing_privileged_intents", lambda declared, approved: [])
    monkeypatch.setattr(ShardRouter, "identify", identify_with_approved_intents_only)


async def age_restrict(env: simcord.Env, monkeypatch: pytest.MonkeyPatch, channel: simcord.ChannelHandle) -> None:
    """Make ``channel`` age-restricted (NSFW), as a moderator does in its settings: simcord's channels have no such
    setting, so Discord's payloads of this one say ``nsfw`` from now on, and the bot hears so (CHANNEL_UPDATE)."""
    from simcord.backend import serializers

    channel_payload = serializers.channel_payload

    def payload_age_restricted(backend: Any, stored: Any) -> Any:
        payload = channel_payload(backend, stored)
        return {**payload, "nsfw": True} if stored.id == channel.id else payload

    monkeypatch.setattr(serializers, "channel_payload", payload_age_restricted)
    env.backend.edit_channel(channel.id, {})
    await env.settle()


# --- Discord's limits on what a bot sends, which simcord doesn't enforce: a payload over one gets 400 (50035). ---

#: A message's text.
CONTENT_LIMIT = 2000
#: Embeds, files, action rows and a message's components.
EMBEDS_PER_MESSAGE = 10
FILES_PER_MESSAGE = 10
ACTION_ROWS = 5
COMPONENTS_PER_ROW = 5
#: An embed's parts, and all the text of a message's embeds together.
EMBED_URL_LIMIT = 2048
EMBED_LIMITS = {"title": 256, "description": 4096, "url": EMBED_URL_LIMIT}
EMBED_FIELDS = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_NAME_LIMIT = 256
EMBED_TEXT_LIMIT = 6000
#: A button's label and any component's ``custom_id``.
LABEL_LIMIT = 80
CUSTOM_ID_LIMIT = 100
#: Application commands: names, descriptions, options and choices.
SLASH_NAME = re.compile(r"^[-_\w]{1,32}$")
COMMAND_NAME_LIMIT = 32
COMMAND_DESCRIPTION_LIMIT = 100
OPTIONS_LIMIT = 25
CHOICES_LIMIT = 25
CHOICE_NAME_LIMIT = 100
#: Discord's ``allowed_mentions.parse`` values, and how many users or roles it may list.
ALLOWED_MENTION_TYPES = {"roles", "users", "everyone"}
ALLOWED_MENTIONS_IDS = 100
#: Interaction callback types whose ``data`` is a message (4, 7), and autocomplete's choices (8).
MESSAGE_CALLBACKS = {4, 7}
AUTOCOMPLETE_CALLBACK = 8


def _too_long(problems: list[str], where: str, value: Any, limit: int, *, least: int = 0) -> None:
    """Note in ``problems`` a string ``value`` at ``where`` longer than ``limit`` (or shorter than ``least``)."""
    if value is not None and not least <= len(str(value)) <= limit:
        problems.append(f"{where}: {len(str(value))} characters, not {least}–{limit}")


def _too_many(problems: list[str], where: str, items: Any, limit: int) -> None:
    """Note in ``problems`` a list ``items`` at ``where`` that has more than ``limit`` items."""
    if items and len(items) > limit:
        problems.append(f"{where}: {len(items)} items, more than {limit}")


def embed_problems(embeds: list[dict[str, Any]], where: str = "embeds") -> list[str]:
    """What breaks Discord's limits in a message's ``embeds`` (their JSON)."""
    problems: list[str] = []
    _too_many(problems, where, embeds, EMBEDS_PER_MESSAGE)
    total = 0
    for index, embed in enumerate(embeds or []):
        at = f"{where}[{index}]"
        for key, limit in EMBED_LIMITS.items():
            _too_long(problems, f"{at}.{key}", embed.get(key), limit)
        fields = embed.get("fields") or []
        _too_many(problems, f"{at}.fields", fields, EMBED_FIELDS)
        for number, embed_field in enumerate(fields):
            _too_long(problems, f"{at}.fields[{number}].name", embed_field.get("name"), FIELD_NAME_LIMIT, least=1)
            _too_long(problems, f"{at}.fields[{number}].value", embed_field.get("value"), FIELD_VALUE_LIMIT, least=1)
        footer, author = embed.get("footer") or {}, embed.get("author") or {}
        _too_long(problems, f"{at}.footer.text", footer.get("text"), FOOTER_LIMIT)
        _too_long(problems, f"{at}.author.name", author.get("name"), AUTHOR_NAME_LIMIT)
        for key in ("image", "thumbnail"):
            _too_long(problems, f"{at}.{key}.url", (embed.get(key) or {}).get("url"), EMBED_URL_LIMIT)
            if malformed_url((embed.get(key) or {}).get("url") or ""):
                problems.append(f"{at}.{key}.url: not a well formed URL")
        texts = [embed.get("title"), embed.get("description"), footer.get("text"), author.get("name")]
        texts += [part for embed_field in fields for part in (embed_field.get("name"), embed_field.get("value"))]
        total += sum(len(str(text)) for text in texts if text)
    if total > EMBED_TEXT_LIMIT:
        problems.append(f"{where}: {total} characters of text in all, more than {EMBED_TEXT_LIMIT}")
    return problems


def component_problems(rows: list[dict[str, Any]], where: str = "components") -> list[str]:
    """What breaks Discord's limits in a message's action rows ``rows`` (their JSON)."""
    problems: list[str] = []
    _too_many(problems, where, rows, ACTION_ROWS)
    for index, row in enumerate(rows or []):
        children = row.get("components") or []
        _too_many(problems, f"{where}[{index}].components", children, COMPONENTS_PER_ROW)
        for number, child in enumerate(children):
            at = f"{where}[{index}].components[{number}]"
            _too_long(problems, f"{at}.label", child.get("label"), LABEL_LIMIT)
            _too_long(problems, f"{at}.custom_id", child.get("custom_id"), CUSTOM_ID_LIMIT, least=1)
    return problems


def message_problems(message: dict[str, Any]) -> list[str]:
    """What breaks Discord's limits in a message's JSON (a new message, an edit, a followup, a response's data)."""
    problems: list[str] = []
    _too_long(problems, "content", message.get("content"), CONTENT_LIMIT)
    problems += embed_problems(message.get("embeds") or [])
    problems += component_problems(message.get("components") or [])
    _too_many(problems, "attachments", message.get("attachments"), FILES_PER_MESSAGE)
    mentions = message.get("allowed_mentions") or {}
    if unknown := set(mentions.get("parse") or ()) - ALLOWED_MENTION_TYPES:
        problems.append(f"allowed_mentions.parse: unknown types {sorted(unknown)}")
    for kind in ("users", "roles"):
        _too_many(problems, f"allowed_mentions.{kind}", mentions.get(kind), ALLOWED_MENTIONS_IDS)
        if mentions.get(kind) and kind in (mentions.get("parse") or ()):
            problems.append(f"allowed_mentions: {kind} both listed and in parse")
    return problems


def choice_problems(choices: list[dict[str, Any]], where: str) -> list[str]:
    """What breaks Discord's limits in an option's (or an autocomplete's) ``choices``."""
    problems: list[str] = []
    _too_many(problems, where, choices, CHOICES_LIMIT)
    for index, choice in enumerate(choices or []):
        _too_long(problems, f"{where}[{index}].name", choice.get("name"), CHOICE_NAME_LIMIT, least=1)
    return problems


def command_problems(command: dict[str, Any], where: str = "command") -> list[str]:
    """What breaks Discord's limits in an application command's JSON (or a subcommand's, or an option's)."""
    problems: list[str] = []
    name = str(command.get("name", ""))
    at = f"{where} {name!r}"
    is_slash = command.get("type", 1) == 1  # a chat input command, or an option of one
    if is_slash and (not SLASH_NAME.match(name) or name != name.lower()):
        problems.append(f"{at}: a slash command's (or option's) name must be lower case and match ^[-_\\w]{{1,32}}$")
    _too_long(problems, f"{at}.name", name, COMMAND_NAME_LIMIT, least=1)
    if is_slash:
        _too_long(problems, f"{at}.description", command.get("description", ""), COMMAND_DESCRIPTION_LIMIT, least=1)
    options = command.get("options") or []
    _too_many(problems, f"{at}.options", options, OPTIONS_LIMIT)
    for option in options:
        # An option's "type" is its value's (3: a string), and its name and description follow a slash command's rules.
        problems += command_problems({**option, "type": 1}, f"{at} option")
        problems += choice_problems(option.get("choices") or [], f"{at} option {option.get('name')!r}.choices")
    return problems


def request_problems(method: str, path: str, json: Any) -> list[str]:
    """What breaks Discord's limits in the JSON of the bot's ``method`` request to ``path`` (an API path)."""
    if not isinstance(json, (dict, list)):
        return []
    segments = path.strip("/").split("/")
    if segments[0] == "applications" and segments[-1] == "commands" and method == "PUT":
        return [problem for command in json for problem in command_problems(command)]
    if segments[0] == "applications" and "commands" in segments and method in ("POST", "PATCH"):
        return command_problems(json)
    if segments[0] == "interactions" and segments[-1] == "callback":
        data = json.get("data") or {}
        if json.get("type") in MESSAGE_CALLBACKS:
            return message_problems(data)
        if json.get("type") == AUTOCOMPLETE_CALLBACK:
            return choice_problems(data.get("choices") or [], "choices")
        return []
    is_message = segments[0] == "channels" and "messages" in segments and method in ("POST", "PATCH")
    is_webhook_message = segments[0] == "webhooks" and method in ("POST", "PATCH")
    if (is_message or is_webhook_message) and isinstance(json, dict):
        return message_problems(json)
    return []


#: Discord's answer to a message that a channel's slowmode holds back.
SLOWMODE = {"code": 20016, "message": "This action cannot be performed due to slowmode rate limit."}


class _RateLimitedResponse:
    """Discord's 429 as aiohttp hands it to discord.py: JSON with ``retry_after``, through Discord's proxy (``Via``)."""

    status = 429
    reason = "Too Many Requests"

    def __init__(self, body: dict[str, Any]) -> None:
        self.headers = CIMultiDict({"Content-Type": "application/json", "Via": "1.1 google"})
        self._text = json.dumps(body)

    async def text(self, encoding: str = "utf-8") -> str:
        return self._text

    async def __aenter__(self) -> _RateLimitedResponse:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None


class _RateLimitedSession:
    """An aiohttp session whose every request Discord answers with :class:`_RateLimitedResponse`."""

    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body

    def request(self, method: str, url: str, **kwargs: Any) -> _RateLimitedResponse:
        return _RateLimitedResponse(self.body)


def hold_up_reads(world: BotWorld, monkeypatch: pytest.MonkeyPatch, method: str, what: str) -> None:
    """Make the bot's ``method`` reads from Discord (``world.bot.http.<method>``: ``logs_from``, ``get_message``...)
    take 4 s, as a rate limit would (``what`` they are, for simcord's log), and ``/whatplot`` defer after 0.1 s."""
    read = getattr(world.bot.http, method)

    async def held_up(*args: object, **kwargs: object) -> object:
        await world.env.external_wait(asyncio.sleep(4), reason=f"{what} held up by a rate limit")
        return await read(*args, **kwargs)

    monkeypatch.setattr(world.bot.extensions["bot.cogs.classify"], "DEFER_AFTER_S", 0.1)
    monkeypatch.setattr(world.bot.http, method, held_up)


#: How Discord fails to send what the bot asks for, in tests of both: an error each time, or a rate limit longer than
#: discord.py waits out.
DISCORD_FAILURES = ("503", "rate-limited for 120 s")


async def archived_thread_discord_fails_to_send(
    world: BotWorld, monkeypatch: pytest.MonkeyPatch, thread: simcord.ChannelHandle, failure: str
) -> None:
    """Archive ``thread``, which discord.py then no longer keeps, so that the bot asks Discord for it; and make Discord
    fail to send it, as ``failure`` (one of :data:`DISCORD_FAILURES`) says."""
    world.env.backend.edit_channel(thread.id, {}, thread_metadata={"archived": True})
    await world.env.settle()
    if failure == "503":
        world.env.inject_error("GET", f"/channels/{thread.id}", status=503, times=None)
    else:
        rate_limit(world.env, monkeypatch, "GET", f"/channels/{thread.id}", retry_after=120.0)


def rate_limit(
    env: simcord.Env, monkeypatch: pytest.MonkeyPatch, method: str, path: str, *, retry_after: float, **body: Any
) -> None:
    """Make Discord answer the bot's ``method`` requests to ``path`` (an fnmatch pattern, as for
    ``env.inject_error``) with 429 and ``retry_after``, and ``body`` (e.g. :data:`SLOWMODE`), for the rest of the test.

    simcord's transport skips discord.py's rate limit handling, and doesn't keep the ``max_ratelimit_timeout`` the
    bot was built with; so those requests go through discord.py's own ``HTTPClient.request``, as the bot's client
    (:data:`bot.replies.MAX_RATELIMIT_WAIT_S`), to a session that answers 429. Meant for a ``retry_after``
    longer than that, which discord.py raises as :class:`discord.RateLimited` at once; a shorter one it would
    wait out and ask again, for ever.
    """
    from simcord.http.client import _path_of

    assert retry_after > MAX_RATELIMIT_WAIT_S, "discord.py waits out a shorter rate limit and asks again"
    client = discord.http.HTTPClient(asyncio.get_running_loop(), max_ratelimit_timeout=MAX_RATELIMIT_WAIT_S)
    client._HTTPClient__session = _RateLimitedSession({**body, "retry_after": retry_after, "global": False})
    client._global_over = asyncio.Event()  # as logging in makes it: no global rate limit under way
    client._global_over.set()
    http = env.bot.http
    request = http.request

    async def request_rate_limited(route: discord.http.Route, **kwargs: Any) -> Any:
        if route.method == method and fnmatch.fnmatch(_path_of(route.url), path):
            return await client.request(route, **kwargs)
        return await request(route, **kwargs)

    monkeypatch.setattr(http, "request", request_rate_limited)


def _fail_after(monkeypatch: pytest.MonkeyPatch, method: str, path: str, wrap: Callable[[Any], Any]) -> None:
    """Have simcord's handler of ``method`` ``path`` (a route's template, as simcord's route table has it) answer
    through ``wrap(handler)`` for the rest of the test."""
    from simcord.http import router

    template = path.strip("/").split("/")
    (handler,) = [handler for route, handler in router._ROUTES[method] if route == template]
    routes = [(route, wrap(handler) if each is handler else each) for route, each in router._ROUTES[method]]
    monkeypatch.setitem(router._ROUTES, method, routes)


def fail_after_posting(monkeypatch: pytest.MonkeyPatch, *, status: int = 502, times: int = 1) -> None:
    """Make Discord answer the bot's next ``times`` posts (``POST /channels/{id}/messages``) with ``status`` once it
    has posted them, as its edge does where the API behind it took a message and then failed to say so; and honour a
    post's ``nonce`` with ``enforce_nonce`` as Discord does (simcord ignores both): a post with the nonce of one of the
    bot's posts gets that message back, and no new one."""
    from simcord.backend.errors import BackendError

    by_nonce: dict[str, Any] = {}
    failures = [status] * times

    def wrap(post: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def post_then_fail(ctx: Any) -> Any:
            body = ctx.json if isinstance(ctx.json, dict) else {}
            nonce = body.get("nonce") if body.get("enforce_nonce") else None
            if nonce is not None and nonce in by_nonce:
                return by_nonce[nonce]
            posted = post(ctx)
            if nonce is not None:
                by_nonce[nonce] = posted
            if failures:
                raise BackendError(failures.pop(), 0, "Bad Gateway (after posting the message)")
            return posted

        return post_then_fail

    _fail_after(monkeypatch, "POST", "/channels/{channel_id}/messages", wrap)


def fail_after_answering_interactions(monkeypatch: pytest.MonkeyPatch, *, status: int = 502, times: int = 1) -> None:
    """Make Discord answer the bot's next ``times`` answers to interactions with ``status`` once it has made them, as
    its edge does where the API behind it took one and then failed to say so: a followup (``POST
    /webhooks/{app}/{token}``, which edits a deferred response's "thinking…" message, or else posts one more), or an
    edit of the response (``PATCH /webhooks/{app}/{token}/messages/@original``)."""
    from simcord.backend.errors import BackendError

    failures = [status] * times

    def wrap(answer: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def answer_then_fail(ctx: Any) -> Any:
            answered = answer(ctx)
            if failures:
                raise BackendError(failures.pop(), 0, "Bad Gateway (after answering the interaction)")
            return answered

        return answer_then_fail

    _fail_after(monkeypatch, "POST", "/webhooks/{webhook_id}/{token}", wrap)
    _fail_after(monkeypatch, "PATCH", "/webhooks/{webhook_id}/{token}/messages/@original", wrap)


class DiscordAttachments:
    """Discord's attachment links as the simulated Discord hands them out and renews them, which simcord doesn't model.

    A file uploaded here (:meth:`upload`) is at ``https://cdn.discordapp.com/attachments/<channel>/<id>/<name>``,
    which its file server serves only with a signature (``?ex=<expiry, hex>&is=<issued, hex>&hm=<signature>``)
    that hasn't expired; :meth:`link` makes one. Discord's ``POST /attachments/refresh-urls`` (registered in
    simcord's route table, answering for the backend this is installed on) renews such links, signed or not, for a day,
    at :attr:`origin`, where :func:`serve_discord_cdn` puts the file server; links to files not here it leaves
    out, as for a deleted attachment, unless :attr:`renews_unknown` (then the file server answers them 404).
    """

    #: The most links Discord renews in one request.
    MAX_URLS = 50
    #: How long a renewed link works.
    LIFETIME_S = 24 * 3600

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}  #: by path
        self.origin = "https://cdn.discordapp.com"  #: where renewed links lead (:func:`serve_discord_cdn` moves it)
        self.renews_unknown = False  #: whether links to files not here (deleted) are renewed too
        #: Replaces each renewed link in Discord's answer, e.g. with one to another host (what a bot mustn't fetch).
        self.rewrite: Callable[[str], str] | None = None
        self.requests: list[list[str]] = []  #: the ``attachment_urls`` of each renewal asked for
        self.served: list[str] = []  #: the paths the file server was asked for
        self._key = secrets.token_bytes(16)

    def install(self, env: simcord.Env) -> None:
        """Answer ``POST /attachments/refresh-urls`` for ``env``'s backend."""
        env.backend.discord_attachments = self  # type: ignore[attr-defined]

    def upload(self, channel_id: int, attachment_id: int, name: str, data: bytes) -> str:
        """Keep ``data`` as an attachment; its path (``/attachments/...``)."""
        path = f"/attachments/{channel_id}/{attachment_id}/{name}"
        self.files[path] = data
        return path

    def link(self, path: str, *, expires_in: float, host: str = "cdn.discordapp.com") -> str:
        """A signed link to ``path`` on ``host`` that expires ``expires_in`` seconds from now (expired if negative)."""
        return f"https://{host}{path}?{self._signature(path, int(time.time() + expires_in))}"

    def signed(self, path: str, query: str) -> bool:
        """Whether ``query`` signs ``path`` and hasn't expired: what Discord's file server asks of a link."""
        values = {key: value[0] for key, value in parse_qs(query).items()}
        try:
            expiry = int(values.get("ex", ""), 16)
        except ValueError:
            return False
        given = f"ex={values['ex']}&is={values.get('is')}&hm={values.get('hm')}"
        return expiry >= time.time() and hmac.compare_digest(self._signature(path, expiry), given)

    def _signature(self, path: str, expiry: int) -> str:
        issued = expiry - self.LIFETIME_S
        digest = hmac.new(self._key, f"{path}:{expiry:x}:{issued:x}".encode(), hashlib.sha256).hexdigest()
        return f"ex={expiry:x}&is={issued:x}&hm={digest}"

    def refresh(self, urls: Any) -> dict[str, Any]:
        """Discord's answer to ``POST /attachments/refresh-urls`` with ``attachment_urls``: ``urls``."""
        from simcord.backend import errors

        if not (isinstance(urls, list) and 1 <= len(urls) <= self.MAX_URLS and all(isinstance(u, str) for u in urls)):
            raise errors.invalid_form_body(f"attachment_urls: 1 to {self.MAX_URLS} links")
        self.requests.append(list(urls))
        refreshed = []
        for url in urls:
            parts = urlsplit(url)
            known = parts.path in self.files or (self.renews_unknown and parts.path.startswith("/attachments/"))
            if parts.hostname in DISCORD_CDN_HOSTS and known:
                renewed = f"{self.origin}{parts.path}?{self._signature(parts.path, int(time.time()) + self.LIFETIME_S)}"
                refreshed.append({"original": url, "refreshed": self.rewrite(renewed) if self.rewrite else renewed})
        return {"refreshed_urls": refreshed}


def _refresh_attachment_urls(ctx: Any) -> dict[str, Any]:
    """simcord's handler of ``POST /attachments/refresh-urls``: :meth:`DiscordAttachments.refresh`, for a backend with
    one installed; else the route is one simcord lacks, as before."""
    from simcord.http.router import RouteNotImplemented

    attachments: DiscordAttachments | None = getattr(ctx.backend, "discord_attachments", None)
    if attachments is None:
        raise RouteNotImplemented(ctx.method, ctx.path)
    return attachments.refresh(ctx.fields("attachment_urls").get("attachment_urls"))


def _register_refresh_route() -> None:
    """Add ``POST /attachments/refresh-urls`` to simcord's route table, once."""
    from simcord.http import router

    if not any(handler is _refresh_attachment_urls for _, handler in router._ROUTES.get("POST", ())):
        router.route("POST", "/attachments/refresh-urls")(_refresh_attachment_urls)


_register_refresh_route()


async def serve_discord_cdn(
    attachments: DiscordAttachments, aiohttp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run Discord's file server for ``attachments`` locally, and point Discord's CDN host names at it: their lookups
    (the downloader's, through ``socket.getaddrinfo``) answer 127.0.0.1, and renewed links lead to its port over http.

    It serves a file only at a link :meth:`DiscordAttachments.signed` takes; else 404, as Discord's does.
    """
    import socket

    from aiohttp import web

    async def serve(request: web.Request) -> web.Response:
        attachments.served.append(request.path)
        if request.path in attachments.files and attachments.signed(request.path, request.query_string):
            return web.Response(body=attachments.files[request.path], content_type="image/png")
        return web.Response(status=404, text="This content is no longer available.")

    app = web.Application()
    app.router.add_get("/{path:.*}", serve)
    server = await aiohttp_server(app)
    attachments.origin = f"http://cdn.discordapp.com:{server.port}"
    getaddrinfo = socket.getaddrinfo

    def resolve_discord_cdn_locally(host: Any, *args: Any, **kwargs: Any) -> Any:
        return getaddrinfo("127.0.0.1" if host in DISCORD_CDN_HOSTS else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve_discord_cdn_locally)


#: What Discord lets an app do in a server it isn't in, where a user who installed it asks (its ``app_permissions``).
USER_INSTALL_PERMISSIONS = discord.Permissions(attach_files=True, embed_links=True, mention_everyone=True)


def create_guild_without_the_bot(env: simcord.Env, name: str) -> simcord.GuildHandle:
    """A server the bot is not a member of, whose members can use the commands they installed to their account.

    simcord keeps the bot in every server it creates, so the bot leaves this one as Discord would show
    it: the gateway forgets the server (GUILD_DELETE) and sends none of its events, the API refuses the
    bot its channels (403, 50001), and its interactions come as a user install's, authorized by the
    user (``authorizing_integration_owners``) with the few ``app_permissions`` of one.
    """
    backend = env.backend
    guild = env.create_guild(name)
    del backend.get_guild(guild.id).members[backend.bot_user.id]
    emit = backend.emit
    emit("GUILD_DELETE", {"id": str(guild.id)})

    def emit_as_to_a_user_install(event: str, payload: dict[str, Any]) -> None:
        if payload.get("guild_id") != str(guild.id):
            emit(event, payload)
        elif event == "INTERACTION_CREATE":
            owners = {"1": payload["member"]["user"]["id"]}
            app_permissions = str(USER_INSTALL_PERMISSIONS.value)
            emit(event, {**payload, "authorizing_integration_owners": owners, "app_permissions": app_permissions})

    backend.emit = emit_as_to_a_user_install
    return guild


@dataclass
class BotWorld:
    """The environment, one guild, a #charts channel, and members alice, bob and mod.

    At the end of every test, each request the bot made is checked against Discord's limits
    (:meth:`take_limit_violations`), which simcord doesn't enforce, and one over them fails the test.
    """

    env: simcord.Env
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    alice: simcord.MemberActor
    bob: simcord.MemberActor
    mod: simcord.MemberActor
    attachments: DiscordAttachments = field(default_factory=DiscordAttachments)
    _errors_seen: int = field(default=0)
    _requests_checked: int = field(default=0)

    @classmethod
    def create(cls, env: simcord.Env) -> BotWorld:
        """The world in ``env``, started: a guild with a #charts channel, and alice, bob and mod (who may manage
        channels) in it."""
        guild = env.create_guild()
        mods = guild.create_role("Mods", permissions=discord.Permissions(manage_channels=True))
        world = cls(
            env=env,
            guild=guild,
            channel=guild.create_text_channel("charts"),
            alice=guild.add_member(env.create_user("alice")),
            bob=guild.add_member(env.create_user("bob")),
            mod=guild.add_member(env.create_user("mod"), roles=[mods]),
        )
        world.attachments.install(env)
        return world

    @property
    def bot(self) -> WhatplotBot:
        return self.env.bot  # type: ignore[return-value]

    def channel_where_the_bot_lacks(self, name: str, **denied: bool) -> simcord.ChannelHandle:
        """A new text channel where the bot is denied the given permissions, e.g. ``embed_links=False``."""
        return self.guild.create_text_channel(name, overwrites={self.bot.user: discord.PermissionOverwrite(**denied)})

    def channels_hidden_from(
        self, member: simcord.MemberActor
    ) -> tuple[simcord.ChannelHandle, simcord.ChannelHandle]:
        """Two new text channels ``member`` may not read: #hidden, which they can't see (View Channel denied), and
        #no-history, whose history they may not read (Read Message History denied)."""
        hidden = self.guild.create_text_channel(
            "hidden", overwrites={member: discord.PermissionOverwrite(view_channel=False)}
        )
        no_history = self.guild.create_text_channel(
            "no-history", overwrites={member: discord.PermissionOverwrite(read_message_history=False)}
        )
        return hidden, no_history

    def post_via_backend(
        self,
        author: simcord.MemberActor,
        content: str,
        attachments: list[tuple[str, bytes]] | None = None,
        channel: simcord.ChannelHandle | None = None,
    ) -> Any:
        """``author`` posts ``content`` and ``attachments`` to ``channel`` (default #charts) straight through simcord's
        backend, and it returns at once: simcord's actors wait for the bot's answer to each message, so requests that
        must come while the bot is busy go in this way (``env.settle()`` lets the bot see them). Returns the
        backend's message (its ``id`` names it)."""
        backend = self.env.backend
        channel_id = (channel or self.channel).id
        stored = backend.store_attachments(channel_id, attachments or [])
        return backend.create_message(channel_id, author.id, content, attachments=stored)

    def deny_the_bot(self, channel: simcord.ChannelHandle, **denied: bool) -> None:
        """Deny the bot the given permissions in ``channel`` from now on, as a moderator editing the channel does."""
        from simcord.backend.models.channel import Overwrite
        from simcord.enums import OverwriteType

        deny = discord.Permissions(**denied).value
        self.env.backend.set_overwrite(channel.id, Overwrite(self.bot.user.id, OverwriteType.MEMBER, deny=deny))

    def time_out_the_bot(self) -> None:
        """A moderator times the bot out for a day: Discord refuses its posts (50013), and, as the bot lacks the
        members intent, doesn't tell it so (no ``GUILD_MEMBER_UPDATE``), so its permission checks still pass."""
        import datetime

        backend = self.env.backend
        now = max(backend.clock.now(), datetime.datetime.now(datetime.UTC))
        until = (now + datetime.timedelta(days=1)).isoformat()
        backend.edit_member(self.guild.id, self.bot.user.id, {"timed_out_until": until})

    async def send_sticker(
        self,
        author: simcord.MemberActor,
        name: str,
        data: bytes,
        format_type: discord.StickerFormatType,
        content: str = "",
    ) -> discord.Message:
        """``author`` posts to #charts a sticker of the server named ``name`` whose picture is ``data``, with the text
        ``content`` (``!whatplot``, say).

        simcord's CDN keeps the picture at an address of its own; it is kept also where discord.py reads it from.
        """
        from simcord.backend.models.message import MessageSticker

        backend = self.env.backend
        sticker = backend.create_sticker(self.guild.id, name, author.id, format_type=format_type.value, file_data=data)
        payload = {"id": sticker.id, "name": name, "format_type": format_type.value}
        backend.cdn._blobs[discord.StickerItem(state=self.bot._connection, data=payload).url] = data
        stickers = [MessageSticker(sticker.id, name, format_type.value, self.guild.id)]
        posted = backend.create_message(self.channel.id, author.id, content, stickers=stickers)
        await self.env.settle()
        return next(message for message in self.channel.history() if message.id == posted.id)

    async def open_forum_post(
        self,
        forum: simcord.ChannelHandle,
        author: simcord.MemberActor,
        title: str,
        content: str,
        attachments: list[tuple[str, bytes]] | None = None,
    ) -> simcord.ChannelHandle:
        """``author`` opens a post titled ``title`` in ``forum``: a thread whose first message (``content`` and
        ``attachments``) has the thread's id, as on Discord."""
        from dataclasses import replace

        backend = self.env.backend
        thread = backend.create_thread(forum.id, title, author.id)
        stored = backend.store_attachments(thread.id, attachments or [])
        first = backend.prepare_message(thread.id, author.id, content, attachments=stored)
        backend.commit_message(replace(first, id=thread.id))
        await self.env.settle()
        return next(handle for handle in forum.threads if handle.id == thread.id)

    def answers(self, channel: simcord.ChannelHandle | None = None) -> list[discord.Message]:
        """The bot's messages in ``channel`` (default #charts), oldest first."""
        return [m for m in (channel or self.channel).history() if m.author.id == self.bot.user.id]

    def answer_to(self, request: discord.Message) -> discord.Message:
        """The one answer that replies to ``request`` in #charts."""
        return self.answer_to_in(self.channel, request)

    def answers_to(self, request_id: int, channel: simcord.ChannelHandle | None = None) -> list[discord.Message]:
        """Every answer that replies to the message ``request_id`` in ``channel`` (default #charts)."""
        return [m for m in self.answers(channel) if m.reference and m.reference.message_id == request_id]

    def answer_to_in(self, channel: simcord.ChannelHandle, request: discord.Message) -> discord.Message:
        """The one answer that replies to ``request`` in ``channel``."""
        replies = self.answers_to(request.id, channel)
        assert len(replies) == 1, f"expected one answer to {request.id}, got {len(replies)}"
        return replies[0]

    def take_errors(self) -> list[BaseException]:
        """Errors the bot's commands raised (and handled) since the last call, unwrapped.

        Taken errors no longer fail the test at teardown.
        """
        errors = [unwrap(error) for error in self.env.errors_since(self._errors_seen)]
        self._errors_seen = self.env.error_cursor
        return errors

    def take_limit_violations(self) -> list[str]:
        """The bot's requests since the last call whose JSON breaks one of Discord's limits (which simcord
        doesn't enforce; Discord refuses them), one line each: method, path and what breaks which limit.

        Every request the bot made counts, from the command sync as it starts; taken ones no longer fail the test.
        """
        requests = self.env.backend.http_requests[self._requests_checked :]
        self._requests_checked += len(requests)
        return [
            f"{request.method} {request.path}: {problem}"
            for request in requests
            for problem in request_problems(request.method, request.path, request.json)
        ]

    def raise_unexpected_errors(self) -> None:
        """Fail the test on errors the bot raised, or requests over Discord's limits, that the test didn't take."""
        errors: list[BaseException] = self.take_errors()
        if violations := self.take_limit_violations():
            errors.append(AssertionError("requests Discord would refuse (400):\n" + "\n".join(violations)))
        if errors:
            raise ExceptionGroup("the bot raised errors the test did not expect", errors)  # type: ignore[arg-type]

    async def restart(self, settings: Settings | None = None) -> WhatplotBot:
        """Stop the bot and start a fresh one (same settings by default), as after a process restart."""
        old = self.bot
        await old.close()
        await self.env.restart_bot(create_bot(settings or old.settings))
        return self.bot


def assert_answers(embed: discord.Embed, predictions: list[Prediction]) -> None:
    """Check that ``embed`` names what ``ChartClassifier.predict`` returned for the same image.

    Tests compute ``predictions`` themselves, so they hold whatever model is shipped.
    """
    best = predictions[0]
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Runners-up"] == "\n".join(f"{p.name} · {percent(p.confidence)}" for p in predictions[1:])
    if best.label == NOT_A_CHART:
        assert embed.title == f"That doesn't look like a chart · {percent(best.confidence)}"
        assert "How to make one" not in fields
        return
    assert embed.title is not None and embed.title.endswith(f"{best.name} · {percent(best.confidence)}")
    assert embed.description == chart_types_by_id()[best.label].description
    assert "How to make one" in fields
