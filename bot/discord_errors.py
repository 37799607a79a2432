"""How Discord's refusals and errors read: a place an answer can no longer go (:func:`gone`), a post refused for
the bot's permissions (:func:`refused_for_permissions`), and Discord failing for reasons of its own
(:func:`discord_failed`), where asking again a moment later may well work, and a post the server's AutoMod blocked
(:func:`blocked_by_automod`).

These are Discord's errors as the bot reads them; the bot's own user-facing errors are in :mod:`bot.errors`.
"""

from __future__ import annotations

import discord

#: Discord's error codes for a place an answer can no longer go, and why.
GONE = {
    10003: "the channel was deleted",
    10008: "the message was deleted",
    10015: "the interaction expired (15 minutes)",
    10062: "the interaction expired or is unknown",
    50001: "the bot lost access to the channel (removed from the server, or the channel hidden from it)",
    50007: "the user doesn't accept direct messages",
    50027: "the interaction expired (15 minutes)",
    50083: "the thread was archived",
    160005: "the thread was locked",
}
#: Discord's error code for a request it refuses as malformed: a reply to a message deleted meanwhile gets it.
INVALID_FORM_BODY = 50035
#: Discord's error code for a first response to an interaction that has one: a deferral Discord took, then failed to
#: confirm (a 5xx error), so that discord.py doesn't know it was made.
ALREADY_ACKNOWLEDGED = 40060
#: Discord's error code for a post the bot's permissions don't allow: taken away after the bot checked them, or
#: never known to it (a timeout of the bot: without the members intent, Discord doesn't tell the bot of it).
MISSING_PERMISSIONS = 50013
#: Discord's error code for a reply where the bot may not read the channel's history: the permission taken away
#: after the bot checked it.
CANNOT_REPLY_WITHOUT_HISTORY = 160002
#: Discord's error codes for a message (200000) or a thread's title (200001) that a rule of the server's AutoMod
#: blocked: a word, or a link, in it.
BLOCKED_BY_AUTOMOD = frozenset({200000, 200001})


def gone(error: BaseException) -> str | None:
    """Why an answer can't go where it was to go, if ``error`` is Discord saying that place is gone; else None."""
    if not isinstance(error, discord.HTTPException):
        return None
    if error.code == INVALID_FORM_BODY and "message_reference" in error.text:  # see bot.replies.reply(if_still_there)
        return "the message was deleted"
    return GONE.get(error.code)


def refused_for_permissions(error: BaseException) -> bool:
    """Whether ``error`` is Discord refusing a post in a server for the bot's permissions
    (:data:`MISSING_PERMISSIONS`), which :func:`bot.permissions.bot_may_post` allowed."""
    return isinstance(error, discord.Forbidden) and error.code == MISSING_PERMISSIONS


def discord_failed(error: discord.HTTPException) -> bool:
    """Whether ``error`` is Discord failing for reasons of its own: a 5xx error, or 429 once discord.py has
    waited out its rate limits. Asking again a moment later may well work."""
    return error.status >= 500 or error.status == 429


def blocked_by_automod(error: BaseException) -> bool:
    """Whether ``error`` is Discord refusing a post that a rule of the server's AutoMod blocks
    (:data:`BLOCKED_BY_AUTOMOD`)."""
    return isinstance(error, discord.HTTPException) and error.code in BLOCKED_BY_AUTOMOD
