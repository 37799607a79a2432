"""Watch mode: in an opted-in channel, every confidently recognised chart gets an answer unasked: one a message,
edited to name the charts of its links' previews as Discord adds them.

Which channels are watched is :mod:`bot.watch_store`'s (opt-ins live in SQLite, so they survive restarts; channels
listed in ``WHATPLOT_WATCH_CHANNELS`` are watched until someone turns them off); what ``whatplot-watch`` takes,
:mod:`bot.watch_arguments`'s.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import (
    MAX_IMAGES,
    Result,
    build_embeds,
    is_confident_chart,
    left_out_note,
)
from bot.recent_messages import forget_oldest
from bot.client import WhatplotBot
from bot.discord_errors import blocked_by_automod, discord_failed, gone, refused_for_permissions
from bot.errors import SlowDown
from bot.help import UNSEEN_WITHOUT_MESSAGE_CONTENT
from bot.images import ImageRef, message_images
from bot.limits import UserCooldown
from bot.permissions import bot_may_post, locked_to_the_bot, permission_names, post_permission
from bot.prefixes import did_you_mean
from bot.readable_channels import renewable_links
from bot.replies import edit_reply
from bot.send_answer import reply_with_answer
from bot.watch_arguments import UnseenChannel, WatchableChannel, WatchMode, WatchTarget, mode_after_channel
from bot.watch_store import StoreFailed, WatchStore
from classifier import WhatplotError

log = logging.getLogger(__name__)
#: Why a watch-mode answer Discord refused for the bot's permissions didn't go out, for the log.
REFUSED = "Discord refused the post for my permissions there (taken away, or I'm timed out)"
#: Why a watch-mode answer Discord failed to take didn't go out (sent again too: :func:`bot.replies.resending`).
FAILED = "Discord failed to take it, twice"
#: Why a watch-mode answer a rule of the server's AutoMod blocked didn't go out.
BLOCKED = "the server's AutoMod blocked it"


def _why_not_sent(error: discord.HTTPException) -> str | None:
    """Why Discord refused watch mode's answer (or its edit), for the log, where it is to be expected: the place is
    gone, the bot's permissions, AutoMod, or Discord failing; None for anything else (a bug of the bot's)."""
    if why := gone(error):
        return why
    if refused_for_permissions(error):
        return REFUSED
    if blocked_by_automod(error):
        return BLOCKED
    return FAILED if discord_failed(error) else None


def _unsigned(url: str) -> str:
    """``url`` without its query: Discord signs an attachment's link anew (``?ex=…&hm=…``) as it pleases."""
    return url.partition("?")[0]


def _shown(message: discord.Message) -> set[str]:
    """The images ``message`` shows, by their links (:func:`_unsigned`)."""
    return {_unsigned(ref.url) for ref in message_images(message)}


def _latest(bot: WhatplotBot, message: discord.Message) -> discord.Message:
    """``message`` as it reads now: the cached message follows its author's edits (and Discord's, adding previews)."""
    return discord.utils.get(bot.cached_messages, id=message.id) or message


@dataclass
class WatchedMessage:
    """What watch mode did about one message: the images it looked at (their links, :func:`_unsigned`), the charts
    among them it named, in order, by link, the note above them (:func:`left_out_note`), and its answer, where it can
    edit it (see :func:`bot.send_answer.reply_with_answer`). Its lock has watch mode look at one edit of the message at
    a time: Discord adds its links' previews in edits that may come while the first are being named."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    looked_at: set[str] = field(default_factory=set)
    named: dict[str, Result] = field(default_factory=dict)
    note: str | None = None
    answer: discord.Message | None = None


def _parent_id(channel: discord.abc.Messageable) -> int | None:
    """The id of the channel or forum a thread belongs to; None for anything else."""
    return channel.parent_id if isinstance(channel, discord.Thread) else None


class Watch(commands.Cog):
    """Answers charts posted in watched channels, and lets moderators turn watching on and off."""

    def __init__(self, bot: WhatplotBot) -> None:
        self.bot = bot
        self.store: WatchStore | None = None
        # Unasked answers have a cooldown of their own: one user's flood of images mustn't make the bot post as
        # fast as they do, nor cost them the answers they do ask for.
        self.cooldown = UserCooldown(bot.settings.cooldown_rate, bot.settings.cooldown_per)
        self.watched: dict[int, WatchedMessage] = {}  # by message id, in the order first looked at: a dict keeps it

    async def cog_load(self) -> None:
        self.store = await WatchStore.open(self.bot.settings.db_path, self.bot.settings.watch_channels)

    @commands.hybrid_command(name="whatplot-watch", usage="[on|off] [#channel]", ignore_extra=True)
    @commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)  # watch mode needs the bot in the server
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    @app_commands.describe(
        mode="on: answer every chart posted there; off: only answer when asked",
        channel="The channel, forum or thread to watch (default: this one); threads and posts follow their channel",
    )
    async def watch(
        self,
        ctx: commands.Context[WhatplotBot],
        mode: WatchMode | None = None,
        channel: WatchTarget | None = None,
    ) -> None:
        """Turn watch mode on or off here (needs Manage Channels), or see whether it is on.

        Name a #channel to turn it on or off there instead: a channel (text, announcement, voice or stage), a
        forum, whose threads and posts follow it, or a thread.
        """
        # Run as /whatplot-watch, a hybrid command doesn't go through WhatplotBot.invoke, which makes a prefix
        # command's request one in flight.
        if ctx.interaction is None:
            mode = mode_after_channel(ctx, mode)
        with contextlib.nullcontext() if ctx.interaction is None else self.bot.asked_by(ctx.interaction):
            await self._watch(ctx, mode, channel)

    async def _watch(
        self, ctx: commands.Context[WhatplotBot], mode: str | None, channel: WatchableChannel | UnseenChannel | None
    ) -> None:
        """Turn watch mode on or off (``mode``) in ``channel`` (None: ``ctx``'s), or say whether it is on there."""
        assert self.store is not None
        self.bot.cooldown.check(ctx.author.id)  # each use gets a reply: not one a keystroke
        if isinstance(channel, UnseenChannel):
            if channel.exists:
                raise WhatplotError(f"I can't see {channel.mention}: add me to the thread, or let me view its channel.")
            raise WhatplotError(f"I can't find {channel.mention} in this server.")
        target = channel or ctx.channel
        where = "here" if channel is None else f"in {channel.mention}"
        if mode is not None:
            if not target.permissions_for(ctx.author).manage_channels:  # type: ignore[arg-type]
                raise commands.MissingPermissions(["manage_channels"])
            await ctx.defer()  # as /whatplot-watch: a write to a busy disk may outlast the 3 s Discord waits
            try:
                await self.store.set(target.id, mode == "on")
            except StoreFailed:
                state = "on" if self.store.is_watched(target.id, _parent_id(target)) else "off"
                raise WhatplotError(
                    f"I couldn't save that, so watch mode is still **{state}** {where}: my database failed. "
                    "I've logged it for whoever runs me; try again later."
                ) from None
            log.info("User %s turned watch mode %s in channel %s", ctx.author.id, mode, target.id)
        if self.store.is_watched(target.id, _parent_id(target)):
            text = f"Watch mode is **on** {where}: I'll name every chart I recognise with confidence."
            if not self.bot.intents.message_content:  # stored all the same: it works once the intent is on
                text += f" But {UNSEEN_WITHOUT_MESSAGE_CONTENT}"
            elif locked_to_the_bot(target):
                text += " But the thread is locked: I can't post in it."
            elif not bot_may_post(target):  # a moderator may not know the bot is barred from it
                needed = permission_names([post_permission(target)])
                text += f" But I'm not allowed to post {where}: give me the View Channels and {needed} permissions."
        else:
            text = f"Watch mode is **off** {where}: ask me with {self._how_to_ask(ctx)}."
        await ctx.reply(text, mention_author=False)

    def _how_to_ask(self, ctx: commands.Context[WhatplotBot]) -> str:
        """The commands that ask the bot in a server: without the Message Content intent, Discord shows it no
        ``!whatplot``, only the messages that mention it."""
        if self.bot.intents.message_content:
            return f"`{self.bot.settings.prefix}whatplot` or `/whatplot`"
        return f"`/whatplot`, or by mentioning me ({ctx.me.mention}) in a message with the image"

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        await self._answer_charts(message)

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        """Discord adds a posted link's preview (an embed) to the message a moment later, as an edit: one edit for
        each link, or for several, as it fetches them. An edit that takes back an image named (the wrong file) has the
        answer drop it."""
        shown_before, shown_after = _shown(before), _shown(after)
        if shown_before - shown_after and (watched := self.watched.get(after.id)) is not None:
            async with watched.lock:
                await self._drop_taken_back(after, watched)
        if shown_after != shown_before:  # an image added, or one past the first ten moved up into them
            await self._answer_charts(after)

    def _posted_by_a_person_or_webhook(self, message: discord.Message) -> bool:
        """Whether ``message`` is a post watch mode may name: a member's, or a webhook's (an alert, a feed, a bridge
        from another chat), but no bot's (two bots answering each other would never stop), not the bot's own, and
        no system message (a pin, a member joining) nor an app's answer to a slash command (those come as webhook
        messages of the app, ``webhook_id`` its ``application_id``). A bridge's copy of one of the bot's answers
        has no image to name: an answer shows the chart as its embeds' thumbnail, which is not an image
        (see :func:`bot.images.message_images`)."""
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return False
        if not message.author.bot:
            return True
        return (
            message.webhook_id is not None
            and message.author.id == message.webhook_id  # a webhook posts as itself, an app's answer as its bot
            and message.webhook_id != message.application_id
            and message.interaction_metadata is None
            and message.author.id != getattr(self.bot.user, "id", None)
        )

    async def _answer_charts(self, message: discord.Message) -> None:
        """Answer the charts of ``message`` if its channel is watched and it is not a command (see
        :meth:`_name_new_images`)."""
        if message.guild is None or self.store is None or not bot_may_post(message.channel):
            return
        if not self._posted_by_a_person_or_webhook(message):
            return
        if not self.store.is_watched(message.channel.id, _parent_id(message.channel)):
            return
        if not message_images(message):
            return
        # A member's command (or a misspelt one: "Did you mean") answers for itself; a webhook's never runs.
        if not message.author.bot and ((ctx := await self.bot.get_context(message)).valid or did_you_mean(ctx)):
            return
        watched = self._watched(message.id)
        async with watched.lock:
            await self._name_new_images(message, watched)

    def _watched(self, message_id: int) -> WatchedMessage:
        """What watch mode did about the message ``message_id``. It keeps as many messages as discord.py caches: the
        edits of older ones (a link's preview added) don't reach :meth:`on_message_edit`."""
        watched = self.watched.setdefault(message_id, WatchedMessage())
        forget_oldest(self.watched)
        return watched

    async def _name_new_images(self, message: discord.Message, watched: WatchedMessage) -> None:
        """Name the charts among the first :data:`MAX_IMAGES` images ``message`` shows that watch mode hasn't looked
        at yet (``watched``), in one answer: posted now, or the one it posted, edited to name them too; with a note
        on the images it leaves out, as a command's answer has (:func:`left_out_note`)."""
        if not watched.named and message.id in self.bot.answered:  # a command's answer: watch mode's never comes too
            return
        images = message_images(_latest(self.bot, message))
        refs = [ref for ref in images[:MAX_IMAGES] if _unsigned(ref.url) not in watched.looked_at]
        refs = refs[: MAX_IMAGES - len(watched.named)]  # one answer names up to MAX_IMAGES, however they come
        note = left_out_note(len(images))
        charts: dict[str, Result] = {}
        if refs:
            try:
                self.cooldown.check(message.author.id)
            except SlowDown:
                log.info("Not naming the charts of message %s: user %s posts too many", message.id, message.author.id)
                return
            charts = await self._charts(message, refs)
            watched.looked_at.update(_unsigned(ref.url) for ref in refs)
        # bot_may_post still: a moderator may bar the bot meanwhile, and nobody asked for a DM.
        if (charts or note != watched.note) and bot_may_post(message.channel):
            await self._answer(message, watched, charts, note)

    async def _charts(self, message: discord.Message, refs: list[ImageRef]) -> dict[str, Result]:
        """The charts recognised with confidence among ``refs``, images of ``message``, that it still shows, by link
        (:func:`_unsigned`)."""
        settings = self.bot.settings
        may_renew = renewable_links(message.author, message.channel)
        results = await self.bot.classify_images(refs, may_renew, message.author.id)
        # Its author may take an image back meanwhile (edit it out, remove a link's preview): as with a message
        # deleted, nobody wants it named.
        shown = _shown(_latest(self.bot, message))
        # an unasked answer is never "I'm not sure", whatever the two settings say
        min_confidence = max(settings.watch_min_confidence, settings.not_sure_below)
        return {
            _unsigned(ref.url): result
            for ref, result in zip(refs, results, strict=True)
            if _unsigned(ref.url) in shown and is_confident_chart(result.predictions, min_confidence)
        }

    async def _answer(
        self, message: discord.Message, watched: WatchedMessage, charts: dict[str, Result], note: str | None
    ) -> None:
        """Name ``charts`` (none: only the ``note`` is new) in watch mode's answer to ``message``: the one it posted,
        edited (without the charts named before that the message no longer shows); else a new one. An answer in text
        (several messages, maybe) isn't edited: the new charts get one of their own."""
        not_sure_below = self.bot.settings.not_sure_below
        named = watched.named
        try:
            if watched.answer is not None:
                named = self._still_shown(message, watched)
                embeds = build_embeds([*named.values(), *charts.values()], not_sure_below=not_sure_below)
                await edit_reply(watched.answer, message, note, embeds=embeds)
            elif charts and (watched.named or self.bot.answered.claim(message.id)):
                embeds = build_embeds(list(charts.values()), not_sure_below=not_sure_below)
                # Deleted meanwhile, or held by slowmode: nobody waits for it, nor for a DM.
                watched.answer = await reply_with_answer(
                    message, embeds, note, if_still_there=True, dm_if_held=False
                )
            else:
                return
        except discord.RateLimited as exc:
            if not watched.named:
                self.bot.answered.release(message.id)  # no answer: editing ``!whatplot`` into the message still asks
            log.info(
                "Not naming the charts of message %s: slowmode holds my posts in channel %s for %.0f s",
                message.id,
                message.channel.id,
                exc.retry_after,
            )
            return
        except discord.HTTPException as exc:
            if not watched.named:
                self.bot.answered.release(message.id)
            if not (why := _why_not_sent(exc)):
                raise
            log.warning(
                "Couldn't answer user %s in channel %s: %s (%s)", message.author.id, message.channel.id, why, exc
            )
            return
        watched.named = named | charts
        watched.note = note

    def _still_shown(self, message: discord.Message, watched: WatchedMessage) -> dict[str, Result]:
        """The charts watch mode named in ``message`` that it still shows: its author may take one back."""
        shown = _shown(_latest(self.bot, message))
        return {url: result for url, result in watched.named.items() if url in shown}

    async def _drop_taken_back(self, message: discord.Message, watched: WatchedMessage) -> None:
        """Edit watch mode's answer to ``message`` to name only the charts the message still shows; where it shows
        none of them, delete the answer (and the message may be asked about again). An image taken back counts as not
        looked at: put back, it is named again."""
        kept = self._still_shown(message, watched)
        if watched.answer is None or len(kept) == len(watched.named):
            return
        note = left_out_note(len(message_images(_latest(self.bot, message))))
        try:
            if kept:
                embeds = build_embeds(list(kept.values()), not_sure_below=self.bot.settings.not_sure_below)
                await edit_reply(watched.answer, message, note, embeds=embeds)
            else:
                await watched.answer.delete()
                watched.answer = None
                self.bot.answered.release(message.id)
        except discord.HTTPException as exc:
            if not (why := _why_not_sent(exc)):
                raise
            if gone(exc):  # the answer deleted (its 🗑️), or its channel: nothing left to edit
                watched.answer = None
            log.warning("Couldn't take back the answer to message %s: %s (%s)", message.id, why, exc)
            return
        watched.looked_at -= watched.named.keys() - kept.keys()
        watched.named, watched.note = kept, note


async def setup(bot: WhatplotBot) -> None:
    await bot.add_cog(Watch(bot))
