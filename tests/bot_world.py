"""`BotWorld`: the simulated Discord a bot test acts in, with helpers to read the bot's answers."""

from __future__ import annotations

import asyncio
import fnmatch
import json
from dataclasses import dataclass, field
from typing import Any

import discord
import pytest
import simcord
from multidict import CIMultiDict

from bot import Settings, WhatplotBot, create_bot
from bot.answer import percent
from bot.cogs.errors import unwrap
from bot.replies import MAX_RATELIMIT_WAIT_S
from classifier import Prediction, chart_types_by_id
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
    """The environment, one guild, a #charts channel, and members alice, bob and mod."""

    env: simcord.Env
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    alice: simcord.MemberActor
    bob: simcord.MemberActor
    mod: simcord.MemberActor
    _errors_seen: int = field(default=0)

    @property
    def bot(self) -> WhatplotBot:
        return self.env.bot  # type: ignore[return-value]

    def channel_where_the_bot_lacks(self, name: str, **denied: bool) -> simcord.ChannelHandle:
        """A new text channel where the bot is denied the given permissions, e.g. ``embed_links=False``."""
        return self.guild.create_text_channel(name, overwrites={self.bot.user: discord.PermissionOverwrite(**denied)})

    def deny_the_bot(self, channel: simcord.ChannelHandle, **denied: bool) -> None:
        """Deny the bot the given permissions in ``channel`` from now on, as a moderator editing the channel does."""
        from simcord.backend.models.channel import Overwrite
        from simcord.enums import OverwriteType

        deny = discord.Permissions(**denied).value
        self.env.backend.set_overwrite(channel.id, Overwrite(self.bot.user.id, OverwriteType.MEMBER, deny=deny))

    async def send_sticker(
        self, author: simcord.MemberActor, name: str, data: bytes, format_type: discord.StickerFormatType
    ) -> discord.Message:
        """``author`` posts to #charts a sticker of the server named ``name`` whose picture is ``data``.

        simcord's CDN keeps the picture at an address of its own; it is kept also where discord.py reads it from.
        """
        from simcord.backend.models.message import MessageSticker

        backend = self.env.backend
        sticker = backend.create_sticker(self.guild.id, name, author.id, format_type=format_type.value, file_data=data)
        payload = {"id": sticker.id, "name": name, "format_type": format_type.value}
        backend.cdn._blobs[discord.StickerItem(state=self.bot._connection, data=payload).url] = data
        stickers = [MessageSticker(sticker.id, name, format_type.value, self.guild.id)]
        posted = backend.create_message(self.channel.id, author.id, "", stickers=stickers)
        await self.env.settle()
        return next(message for message in self.channel.history() if message.id == posted.id)

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

    def raise_unexpected_errors(self) -> None:
        if errors := self.take_errors():
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
    if best.label == NOT_A_CHART:
        assert embed.title == "That doesn't look like a chart"
        return
    assert embed.title is not None and embed.title.endswith(f"{best.name} · {percent(best.confidence)}")
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Runners-up"] == "\n".join(f"{p.name} · {percent(p.confidence)}" for p in predictions[1:])
    assert embed.description == chart_types_by_id()[best.label].description
    assert "How to make one" in fields
