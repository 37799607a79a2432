"""Asking for a chart's name: ``!whatplot`` (also a message edited into one), ``/whatplot`` and the "Name this
chart" message command."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import MAX_IMAGES, answer_view, build_embeds, left_out_note
from bot.recent_messages import RecentMessageIds
from bot.asked_about import find_images, follow_message_links, recent_images, refuse_own
from bot.client import WhatplotBot
from bot.errors import Busy, NoImageFound
from bot.images import ImageRef, MayRenew, distinct_images, link_images, message_links, pointed_images
from bot.permissions import post_permission
from bot.readable_channels import renewable_links
from bot.replies import resending, typing_in
from bot.send_answer import reply_with_answer

log = logging.getLogger(__name__)

#: How long a bare ``/whatplot`` looks back through the channel before it defers its answer: Discord
#: forgets an interaction left unanswered for 3 s, and a history read slowed by a rate limit takes longer.
DEFER_AFTER_S = 1.5
#: How many edits of a request made while it is being answered (another link) the answer follows, each worked
#: out anew; one edited more often than that gets the answer to what it said before the last.
EDITS_FOLLOWED = 3
#: How to give ``/whatplot`` an image: it can't reply to a message, and ``!whatplot`` is another command.
_SLASH_HOW_TO = (
    "Give me one with `/whatplot image:` or `/whatplot url:`, "
    "or right-click a message with one → Apps → Name this chart."
)
#: ``/whatplot``'s hint where the latest messages of the channel (or DM) have no image.
SLASH_NO_IMAGE_HINT = f"I couldn't find an image among the latest messages here. {_SLASH_HOW_TO}"
#: ``/whatplot``'s hint where the bot can't look back through the channel: a server it isn't in, a DM between people.
SLASH_NOT_A_MEMBER_HINT = (
    "I couldn't find an image, and I can't look back through this chat because I'm not a member of it. "
    f"{_SLASH_HOW_TO}"
)


def asker_may_post(interaction: discord.Interaction) -> bool:
    """Whether the user of ``interaction`` may post in its channel. Where they may not (an announcements channel),
    Discord still lets them use the bot's commands: the answer is then theirs alone, or the bot would post for them."""
    if interaction.guild_id is None or interaction.channel is None:  # a DM: Discord resolves no permissions there
        return True
    return bool(getattr(interaction.permissions, post_permission(interaction.channel)))


class Classify(commands.Cog):
    """Names the chart type of the images a user points at."""

    def __init__(self, bot: WhatplotBot) -> None:
        self.bot = bot
        # The ``!whatplot`` requests that named no image lately, by id: refused with a hint (no image found), or each
        # of their images failed (a link mistyped, say). See on_message_edit.
        self.unanswered = RecentMessageIds()
        # Context menus can't be declared with a decorator inside a cog; they are added by hand.
        self.name_this_chart_menu = app_commands.ContextMenu(
            name="Name this chart",
            callback=self.name_this_chart,
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True),
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.name_this_chart_menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.name_this_chart_menu.name, type=self.name_this_chart_menu.type)

    @commands.command(name="whatplot", usage="[image links...]")
    async def whatplot_prefix(self, ctx: commands.Context[WhatplotBot], *, text: str = "") -> None:
        """Name the chart in your attachments, your links, the message you reply to, or the latest image here."""
        self.bot.cooldown.check(ctx.author.id)
        settings = self.bot.settings
        for _ in range(EDITS_FOLLOWED + 1):
            asked = ctx.message.content  # discord.py updates the cached message in place when it is edited
            try:
                refs = await find_images(
                    ctx.message, text, me=ctx.me, history_limit=settings.history_limit, prefix=settings.prefix
                )
            except NoImageFound:
                self.unanswered.claim(ctx.message.id)  # the hint may say to give a link: an edit that does asks again
                raise
            async with typing_in(ctx.message):
                may_renew = renewable_links(ctx.author, ctx.channel)
                try:
                    embeds, note, all_failed = await self._embeds_for(refs, may_renew, ctx.author.id)
                except Busy:
                    self.unanswered.claim(ctx.message.id)  # no image got in: editing its links asks again
                    raise
            if ctx.message.content == asked:
                break
            # Edited while being answered (another link): answer what it says now, as long as it still asks.
            now = await self.bot.get_context(ctx.message)
            if not now.valid or now.command is not ctx.command:
                break
            text = now.view.read_rest().strip()
        if self.bot.answered.claim(ctx.message.id):  # else watch mode answered it while this one was at work
            await reply_with_answer(ctx.message, embeds, note)
            if all_failed:  # an edit giving other links (a typo fixed) asks again
                self.unanswered.claim(ctx.message.id)

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        """A message edited into a command (a typo fixed, ``!whatplot`` added) is answered then; one
        that was a command already was answered when it was posted, and isn't again, unless its answer named no image
        (a hint, or only errors) and it now gives other links (:meth:`_asks_again`); nor is one answered already (by
        watch mode, or as a command before an edit made it chat)."""
        if after.author.bot or before.content == after.content:
            return
        asks_again = self._asks_again(before, after)
        if after.id in self.bot.answered and not asks_again:
            return
        ctx = await self.bot.get_context(after)
        if ctx.valid and (asks_again or not (await self.bot.get_context(before)).valid):
            if asks_again:
                self.bot.answered.release(after.id)  # an answer of errors only: the new one comes as a second answer
            await self.bot.invoke(ctx)

    def _asks_again(self, before: discord.Message, after: discord.Message) -> bool:
        """Whether ``after``, a request whose answer (to ``before``) named no image, now gives links it didn't: that
        is asking again, as a hint says to, or with a mistyped link fixed. (An edit of its chat only would get the
        same answer once more.)"""
        if after.id not in self.unanswered or message_links(after) == message_links(before):
            return False
        self.unanswered.release(after.id)
        return True

    @app_commands.command(name="whatplot", description="Name the chart type in an image")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.describe(
        image="The chart to name", url="A link to the chart to name", private="Show the answer only to you"
    )
    async def whatplot_slash(
        self,
        interaction: discord.Interaction,
        image: discord.Attachment | None = None,
        url: str | None = None,
        private: bool = False,
    ) -> None:
        """Name the chart in ``image`` and/or at ``url`` (a link to a Discord message: its images); without either,
        the latest image in the channel."""
        with self.bot.asked_by(interaction):
            self.bot.cooldown.check(interaction.user.id)
            private = private or not asker_may_post(interaction)
            refs = [ImageRef.of_attachment(image)] if image else []
            if url:  # one or more links; anything else gets the downloader's word on why it isn't one
                refs += link_images(url) or [ImageRef(url, url.strip())]
            sees_history = self._sees_history(interaction)
            place = interaction.channel if sees_history else None
            following = follow_message_links(refs, asker=interaction.user, place=place, me=interaction.client.user)
            refs = await self._deferring(interaction, following, private=private)
            if not refs and sees_history and interaction.channel is not None:
                search = recent_images(
                    interaction.channel,
                    limit=self.bot.settings.history_limit,
                    me=interaction.client.user,
                    asker=interaction.user,
                )
                refs = await self._deferring(interaction, search, private=private)
            if not refs:
                hint = SLASH_NO_IMAGE_HINT if sees_history else SLASH_NOT_A_MEMBER_HINT
                raise NoImageFound(hint, in_server_messages=sees_history and interaction.guild_id is not None)
            # Downloads can take longer than the 3 s an interaction may wait for its first response.
            if not interaction.response.is_done():
                await interaction.response.defer(ephemeral=private, thinking=True)
            await self._answer_interaction(interaction, refs, place, private=private)

    async def name_this_chart(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """The "Name this chart" message command: names every image of the chosen message."""
        with self.bot.asked_by(interaction):
            self.bot.cooldown.check(interaction.user.id)
            refuse_own(message, interaction.client.user)
            refs = pointed_images(message, interaction.client.user)
            if not refs:
                raise NoImageFound("That message has no image I can see.")
            private = not asker_may_post(interaction)
            await interaction.response.defer(ephemeral=private, thinking=True)
            place = interaction.channel if self._sees_history(interaction) else None
            await self._answer_interaction(interaction, refs, place, private=private)

    async def _deferring(
        self, interaction: discord.Interaction, finding: Coroutine[Any, Any, list[ImageRef]], *, private: bool
    ) -> list[ImageRef]:
        """The images ``finding`` finds (in the channel's history, or behind links to messages). One that takes
        longer than :data:`DEFER_AFTER_S` defers the answer first, so the interaction doesn't expire; a hint
        that there is no image then comes as the deferred answer, public unless ``private``."""
        search = asyncio.ensure_future(finding)
        try:
            done, _ = await asyncio.wait({search}, timeout=DEFER_AFTER_S)
            if not done and not interaction.response.is_done():  # one deferral a request, which may search twice
                await interaction.response.defer(ephemeral=private, thinking=True)
            return await search
        except BaseException:
            search.cancel()  # the deferral failed, or the request was given up (the bot stopping): no one awaits it
            raise

    def _sees_history(self, interaction: discord.Interaction) -> bool:
        """Whether the bot can look back through ``interaction``'s channel: not in a server it isn't a
        member of, nor in a DM or group DM between people (where whatplot is installed to the asker's account)."""
        if interaction.guild_id is not None:
            return self.bot.get_guild(interaction.guild_id) is not None
        return not interaction.context.private_channel

    async def _embeds_for(
        self, refs: list[ImageRef], may_renew: MayRenew, asker: int
    ) -> tuple[list[discord.Embed], str | None, bool]:
        """The answer embeds for the first :data:`MAX_IMAGES` of ``refs`` (each image once), a note if it left some
        out, and whether every image failed; the expired attachment links among them renewed where ``may_renew`` them,
        the images counted as ``asker``'s in the inference queue.

        Raises:
            Busy: the queue had room for none of the images: one line says so, not an answer of as many red boxes.
        """
        refs = distinct_images(refs)
        results = await self.bot.classify_images(refs[:MAX_IMAGES], may_renew, asker)
        if all(isinstance(result.error, Busy) for result in results):
            raise Busy()
        embeds = build_embeds(results, not_sure_below=self.bot.settings.not_sure_below)
        return embeds, left_out_note(len(refs)), all(result.error for result in results)

    async def _answer_interaction(
        self,
        interaction: discord.Interaction,
        refs: list[ImageRef],
        place: discord.abc.Messageable | None,
        *,
        private: bool,
    ) -> None:
        """Answer ``interaction``, deferred (only its user sees it if ``private``, as deferred), with the names of
        ``refs``' images: one message, its deferred response edited into the answer. An edit made again is the same
        answer, so :func:`~bot.replies.resending` can't post it twice where Discord made it and then failed to say so
        (a followup could: it has no nonce). ``place``: its channel, where the bot can look back through it
        (:meth:`_sees_history`), else None; the expired attachment links there may be renewed
        (:func:`~bot.readable_channels.renewable_links`)."""
        embeds, note, _ = await self._embeds_for(refs, renewable_links(interaction.user, place), interaction.user.id)
        view = discord.utils.MISSING if private else answer_view(interaction.user.id)
        await resending(lambda: interaction.edit_original_response(content=note, embeds=embeds, view=view))


async def setup(bot: WhatplotBot) -> None:
    await bot.add_cog(Classify(bot))
