"""How the bot reads a message as a command: its prefixes (``WHATPLOT_PREFIX``, also full-width, or a mention of the
bot or its own role), the mentions that name it, a command's name without invisible characters, and the
"Did you mean" for a near miss of a command's name.

:meth:`bot.client.WhatplotBot.get_context` puts these together; the bot is given to them as a plain
``commands.Bot`` (or its user), so that this module needn't import :mod:`bot.client`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import discord
from discord.ext import commands

#: A user or role mention (at the start of a message, with the blanks after it, for a prefix).
MENTION = re.compile(r"<@(?P<kind>[!&]?)(?P<id>\d+)>\s*")
#: Text written as code (```a block``` or `inline`), or a mention escaped (``\<@id>``), which Discord shows as written,
#: pinging no one.
_CODE = re.compile(r"```.*?```|``[^`].*?``|`[^`]+`|\\<", re.DOTALL)
#: How alike (difflib's ratio) an unknown command must be to one of ours to get a "Did you mean": "whatplt"
#: and "whatsplot" are (0.93, 0.94), another bot's "whatpoll" is not (0.75).
TYPO_CUTOFF = 0.85


def without_invisibles(text: str) -> str:
    """``text`` without the characters Discord shows as nothing (Unicode's format characters: zero-width
    spaces and joiners, direction marks, soft hyphens) that a copy-paste leaves in a command's name."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def full_width(prefix: str) -> str:
    """``prefix`` with its ASCII punctuation as a Chinese or Japanese keyboard types it: ``!`` as ``！``."""
    return "".join(
        chr(ord(char) + 0xFEE0) if "!" <= char <= "~" and not char.isalnum() else char for char in prefix
    )


def own_role_ids(message: discord.Message) -> set[int]:
    """The ids of the bot's own roles in ``message``'s server: the one Discord made for it when it was invited
    (managed, named like the bot, and offered next to it when someone types "@whatplot")."""
    me = message.guild.me if message.guild is not None else None
    return {role.id for role in me.roles if role.managed} if me is not None else set()


def command_prefixes(bot: commands.Bot, message: discord.Message) -> list[str]:
    """``WHATPLOT_PREFIX`` (also as a full-width keyboard types it: ``！whatplot``), and a mention of the bot:
    of its user, or of its own role. ``bot``: the :class:`~bot.client.WhatplotBot`, whose settings name the prefix."""
    prefix = bot.settings.prefix
    prefixes = commands.when_mentioned_or(*dict.fromkeys((prefix, full_width(prefix))))(bot, message)
    return prefixes + [f"<@&{role_id}> " for role_id in own_role_ids(message)]


def is_me(me: discord.abc.Snowflake | None, message: discord.Message, mention: re.Match[str]) -> bool:
    """Whether ``mention`` (a :data:`MENTION` in ``message``) names the bot (``me``, its user), or its own role."""
    if mention["kind"] == "&":
        return int(mention["id"]) in own_role_ids(message)
    return int(mention["id"]) == getattr(me, "id", None)


def mentions_me(me: discord.abc.Snowflake | None, message: discord.Message) -> bool:
    """Whether ``message`` mentions the bot (``me``, its user), or its own role, anywhere in its text but code
    ("type `@whatplot` to ask it" shows the mention as written, and pings no one)."""
    text = _CODE.sub(" ", message.content)
    return any(is_me(me, message, mention) for mention in MENTION.finditer(text))


def did_you_mean(ctx: commands.Context[commands.Bot]) -> str | None:
    """A hint for a near miss of one of the bot's commands (``!whatplt``); None otherwise, since
    other bots on the server may answer to the same prefix."""
    names = [command.name for command in ctx.bot.commands if not command.hidden]
    close = difflib.get_close_matches((ctx.invoked_with or "").lower(), names, n=1, cutoff=TYPO_CUTOFF)
    return f"Did you mean `{ctx.prefix}{close[0]}`?" if close else None
