"""The central error handler for prefix, hybrid and app commands.

Expected problems (a user's typo, a missing permission, an image that can't be read) get a short
explanation; a channel deleted or an interaction expired before the answer gets one line in the
log, as there is no one left to tell; an answer the server's AutoMod blocked gets one line too, and its
asker is told so; Discord failing is logged in one line, and the user asked to try
again; anything else is logged with its context and the user gets an apology, never a traceback.
"""

from __future__ import annotations

import functools
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import WhatplotBot
from bot.discord_errors import ALREADY_ACKNOWLEDGED, blocked_by_automod, discord_failed, gone
from bot.errors import NoImageFound, SlowDown
from bot.help import UNSEEN_WITHOUT_MESSAGE_CONTENT
from bot.in_flight import Tell
from bot.permissions import permission_names
from bot.prefixes import did_you_mean
from bot.replies import answer_privately
from classifier import WhatplotError

log = logging.getLogger(__name__)

#: The reaction on a request refused while its sender is already told to slow down.
WAITING_REACTION = "⏳"

APOLOGY = "Sorry, something went wrong on my side; I've logged it for whoever runs me. Try again later."
#: What a user sees where Discord failed (a 5xx error, or 429) while the bot was answering them.
DISCORD_FAILED = "Discord failed while I was answering you; try again in a moment."
#: What a user sees where the server's AutoMod blocked the bot's answer (a word or a link in it: the answer's
#: how-to links, or an image's file name). Itself words and no link, it is likelier to pass the rule.
AUTOMOD_BLOCKED_ANSWER = (
    "This server's AutoMod blocked my answer (a word or a link in it). A moderator can exempt my role from the rule."
)


def unwrap(error: BaseException) -> BaseException:
    """The exception a command raised, without discord.py's wrappers around it."""
    while isinstance(
        error, (commands.CommandInvokeError, commands.HybridCommandError, app_commands.CommandInvokeError)
    ):
        error = error.original
    return error


def discord_fault(error: BaseException) -> str | None:
    """How Discord failed, in a few words for the log, where ``error`` is its own fault (a 5xx error, or 429, or a
    rate limit longer than discord.py waits out, or an interaction's response it took but failed to confirm); None
    where it is anything else."""
    if isinstance(error, discord.RateLimited):
        return f"Discord rate-limited it for {error.retry_after:.0f} s"
    if isinstance(error, discord.HTTPException) and discord_failed(error):
        return f"Discord failed ({error.status} {error.text})"
    if isinstance(error, discord.HTTPException) and error.code == ALREADY_ACKNOWLEDGED:
        # discord.py sends a response Discord failed (5xx) again; it was taken all the same
        return f"Discord took the interaction's response but failed to confirm it ({error.text})"
    return None


def describe(error: BaseException, prefix: str) -> str | None:
    """The text a user sees for ``error`` (as :func:`unwrap` leaves it), an expected problem; ``prefix`` is for hints
    that name a command. None where the fault is the bot's or Discord's: :func:`log_failure` logs it and words it."""
    if isinstance(error, WhatplotError):
        return error.message
    if blocked_by_automod(error):
        return AUTOMOD_BLOCKED_ANSWER
    if isinstance(error, (commands.MissingPermissions, app_commands.MissingPermissions)):
        return f"You need the {permission_names(error.missing_permissions)} permission to do that."
    if isinstance(error, (commands.BotMissingPermissions, app_commands.BotMissingPermissions)):
        return f"I need the {permission_names(error.missing_permissions)} permission here to do that."
    if isinstance(error, (commands.NoPrivateMessage, app_commands.NoPrivateMessage)):
        return "That only works in a server channel."
    if isinstance(error, commands.TooManyArguments):  # "!whatplot-watch enable": no word it knows there
        return f"I didn't understand the words after that command; `{prefix}help` shows how to use it."
    if isinstance(error, commands.UserInputError):
        return f"{error} `{prefix}help` shows how to use that command."
    if isinstance(error, (commands.CheckFailure, app_commands.CheckFailure)):
        return "You can't use that command here."
    return None


def log_failure(what: str, command: object, user_id: int, channel_id: int | None, cause: BaseException) -> str:
    """Log a command failure with who and where, for the bot's operator: Discord's own (:func:`discord_fault`) in
    one line, anything else with its traceback. ``cause``: what the command raised, as :func:`unwrap` leaves it.
    Returns what the user sees: :data:`DISCORD_FAILED` for Discord's fault, :data:`APOLOGY` for the bot's."""
    name = getattr(command, "qualified_name", None)
    if fault := discord_fault(cause):
        log.warning("%s %r failed for user %s in channel %s: %s", what, name, user_id, channel_id, fault)
        return DISCORD_FAILED
    log.error("%s %r failed for user %s in channel %s", what, name, user_id, channel_id, exc_info=cause)
    return APOLOGY


class ErrorHandler(commands.Cog):
    """Answers every failed command with a friendly line."""

    def __init__(self, bot: WhatplotBot) -> None:
        self.bot = bot

    @staticmethod
    async def react_waiting(message: discord.Message) -> None:
        """Mark ``message`` ⏳: refused like the one just answered "slow down", without one more reply to
        read (a reply each would let a user make the bot post as fast as they do). Best effort: the
        bot may lack Add Reactions, or the user may have blocked it."""
        try:
            await message.add_reaction(WAITING_REACTION)
        except (discord.HTTPException, discord.RateLimited) as exc:
            log.info("Couldn't mark message %s as refused: %s", message.id, exc)

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context[WhatplotBot], error: commands.CommandError) -> None:
        cause = unwrap(error)
        if isinstance(cause, commands.CommandNotFound):
            if (near_miss := self.near_miss(ctx)) is None:
                return  # other bots on the server may answer to the same prefix
            cause = near_miss
        elif isinstance(cause, (commands.UserInputError, commands.NoPrivateMessage)):  # the command never ran:
            cause = self._or_slow_down(ctx, cause)  # its arguments didn't parse, or it works only in servers
        # One "slow down" reply a wait; later requests get a ⏳ only. An interaction (``/whatplot-watch``) has no
        # message to mark, and one left unanswered shows its user "The application did not respond": it is told.
        if isinstance(cause, SlowDown) and cause.told and ctx.interaction is None:
            await self.react_waiting(ctx.message)
            return
        say = functools.partial(ctx.reply, ephemeral=True, mention_author=False)
        await self.tell(cause, "Command", ctx.command, ctx.author.id, ctx.channel.id, say)

    def near_miss(self, ctx: commands.Context[WhatplotBot]) -> BaseException | None:
        """What to tell the sender of an unknown command: :func:`did_you_mean` as an error (see
        :meth:`_or_slow_down`); None for a command nowhere near the bot's."""
        hint = did_you_mean(ctx)
        return None if hint is None else self._or_slow_down(ctx, WhatplotError(hint))

    def _or_slow_down(self, ctx: commands.Context[WhatplotBot], error: BaseException) -> BaseException:
        """What to tell the sender of a request refused before a command of the bot's could count it against their
        cooldown (a near miss of its name, words it doesn't understand, a server's command in a DM): ``error``, or
        :class:`SlowDown` where they ask too often (a reply each would let a user make the bot post as fast as they
        type)."""
        try:
            self.bot.cooldown.check(ctx.author.id)
        except SlowDown as slow_down:
            return slow_down
        return error

    @commands.Cog.listener()
    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        cause, say = unwrap(error), functools.partial(answer_privately, interaction)
        await self.tell(cause, "App command", interaction.command, interaction.user.id, interaction.channel_id, say)

    async def tell(
        self,
        cause: BaseException,
        what: str,
        command: object,
        user_id: int,
        channel_id: int | None,
        say: Tell,
    ) -> None:
        """Tell the user what ``cause`` (what failed ``what`` ``command`` of theirs) means for them (:func:`describe`),
        with ``say``, unless there is no one left to tell (:func:`gone`). Logs it where the fault is the bot's or
        Discord's (:func:`log_failure`)."""
        if why := gone(cause):
            log.warning("Couldn't answer user %s in channel %s: %s (%s)", user_id, channel_id, why, cause)
            return
        if blocked_by_automod(cause):  # the server's rule, not a fault: one line, no traceback
            log.warning("AutoMod blocked my answer to user %s in channel %s (%s)", user_id, channel_id, cause)
        text = describe(cause, self.bot.settings.prefix)
        if text is None:
            text = log_failure(what, command, user_id, channel_id, cause)
        elif isinstance(cause, NoImageFound) and cause.in_server_messages and not self.bot.intents.message_content:
            text += f" {UNSEEN_WITHOUT_MESSAGE_CONTENT}"  # the image may be there, in a message it can't see
        try:
            await say(text)
        except (discord.HTTPException, discord.RateLimited) as exc:  # Discord failing, or the interaction expired
            log.warning("Couldn't tell user %s in channel %s what went wrong: %s", user_id, channel_id, exc)
            if blocked_by_automod(exc) and text != AUTOMOD_BLOCKED_ANSWER:  # a hint's example link, say
                await self.tell(exc, what, command, user_id, channel_id, say)


async def setup(bot: WhatplotBot) -> None:
    await bot.add_cog(ErrorHandler(bot))
