"""The answer a user sees: one embed per image, and a 🗑️ button only the asker (or a moderator) can use.

A confident answer reads "Violin plot · 91%", then one sentence on what violin plots show, the
runners-up with their percentages, and links on how to make one. Where the bot may not embed
links, Discord refuses embeds, so the same answer goes out as plain text (:func:`text_messages`).

This module builds the answer; sending it, as embeds or as text, is :mod:`bot.send_answer`'s job.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import discord
import numpy as np
import yarl

from bot.discord_errors import discord_failed
from bot.replies import MESSAGE_LIMIT, answer_privately
from bot.text import escaped
from classifier import Prediction, WhatplotError, chart_types_by_id
from classifier.wording import NOT_A_CHART_TEXT, NOT_A_CHART_TITLE, NOT_SURE, Verdict, percent, verdict

log = logging.getLogger(__name__)

#: One answer message holds at most 10 embeds, so one request names at most 10 images.
MAX_IMAGES = 10
CONFIDENT_COLOUR = discord.Colour.green()
NOT_SURE_COLOUR = discord.Colour.gold()
NOT_A_CHART_COLOUR = discord.Colour.light_grey()
ERROR_COLOUR = discord.Colour.red()
HOW_TO_FIELD = "How to make one"
#: Discord refuses a message whose embeds hold more than this many characters in all.
EMBEDS_LIMIT = 6000
#: Discord refuses a message whose embed has a longer image or thumbnail URL (a signed link can be).
EMBED_URL_LIMIT = 2048
#: What the 🗑️ button's presser sees where Discord fails to delete the answer.
DELETE_FAILED = "Discord wouldn't delete that answer just now; try again in a moment."


@dataclass(frozen=True)
class Result:
    """What became of one image: ranked predictions (best first) or an error, never both."""

    name: str
    url: str | None = None  # the picture classified, shown as the thumbnail; None for a spoiler
    predictions: Sequence[Prediction] = ()
    error: WhatplotError | None = None


#: The printable ASCII characters a link can't hold as they are (RFC 3986): percent-encoded where they come.
_NOT_IN_LINKS = frozenset(' "<>\\^`{|}')


def well_formed(url: str) -> str | None:
    """``url`` as Discord takes it for an embed's picture: its blanks, letters beyond ASCII and other characters a link
    can't hold as they are percent-encoded, its host in IDNA, as a browser sends them; None where it can't be made one.
    Discord refuses a message whose embed has a link with a blank in it (400, 50035 "Not a well formed URL"), which a
    page's preview image link may have (``og:image`` content="/q3 numbers.png"): the whole answer would be lost."""
    if url.isascii() and url.isprintable() and not any(char in _NOT_IN_LINKS for char in url):
        return url
    try:
        return str(yarl.URL(url))
    except (ValueError, UnicodeError):
        return None


def is_confident_chart(predictions: Sequence[Prediction], min_confidence: float) -> bool:
    """True when the best guess is a chart type with at least ``min_confidence``."""
    return bool(predictions) and verdict(predictions[0].label, predictions[0].confidence, min_confidence) is Verdict.SURE


def left_out_note(n_images: int) -> str | None:
    """What the answer says when a request has more images than it names (None when it names them all)."""
    if n_images <= MAX_IMAGES:
        return None
    left_out = n_images - MAX_IMAGES
    return f"I name up to {MAX_IMAGES} images at a time, so I left out the last {left_out}. Ask again about those."


def build_embed(result: Result, *, not_sure_below: float) -> discord.Embed:
    """The embed for one image: an error, "doesn't look like a chart", "I'm not sure", or a confident answer."""
    if result.error is not None:
        # The message may quote a file name or a server's words: in a description, Discord renders their markdown.
        description = escaped(result.error.message)
        embed = discord.Embed(title="I can't name that one", description=description, colour=ERROR_COLOUR)
        return embed.set_footer(text=result.name)
    best, runners_up = result.predictions[0], result.predictions[1:]
    # "Not a chart" says how sure it is, and the chart types it might be after all, as a chart's answer does (a weak
    # "not a chart" is no flat verdict), and shows the picture: which of several images it is. No how-to links.
    said = verdict(best.label, best.confidence, not_sure_below)
    chart_type = None if said is Verdict.NOT_A_CHART else chart_types_by_id()[best.label]
    if chart_type is None:
        title = f"{NOT_A_CHART_TITLE} · {percent(best.confidence)}"
        description, colour = NOT_A_CHART_TEXT, NOT_A_CHART_COLOUR
    elif said is Verdict.NOT_SURE:
        title = f"{NOT_SURE} {best.name} · {percent(best.confidence)}"
        description, colour = chart_type.description, NOT_SURE_COLOUR
    else:
        title = f"{best.name} · {percent(best.confidence)}"
        description, colour = chart_type.description, CONFIDENT_COLOUR
    embed = discord.Embed(title=title, description=description, colour=colour)
    if runners_up:
        embed.add_field(
            name="Runners-up", value="\n".join(f"{p.name} · {percent(p.confidence)}" for p in runners_up), inline=False
        )
    if chart_type is not None and chart_type.links:
        embed.add_field(
            name=HOW_TO_FIELD,
            value="\n".join(f"[{link.title}]({link.url})" for link in chart_type.links)[:1024],
            inline=False,
        )
    thumbnail = well_formed(result.url) if result.url and result.url.startswith(("http://", "https://")) else None
    if thumbnail and len(thumbnail) <= EMBED_URL_LIMIT:
        embed.set_thumbnail(url=thumbnail)
    return embed.set_footer(text=result.name)


def build_embeds(results: Sequence[Result], *, not_sure_below: float) -> list[discord.Embed]:
    """One embed per result, in order; footers number them when there are several.

    Ten long answers can pass Discord's :data:`EMBEDS_LIMIT`: then the how-to links go first, and
    the chart-type descriptions next, so that every image still gets its answer.
    """
    embeds = [build_embed(result, not_sure_below=not_sure_below) for result in results]
    if len(embeds) > 1:
        for index, (embed, result) in enumerate(zip(embeds, results, strict=True), start=1):
            embed.set_footer(text=f"{index}/{len(results)} · {result.name}")
    if sum(map(len, embeds)) > EMBEDS_LIMIT:
        for embed in embeds:
            for index in reversed([i for i, field in enumerate(embed.fields) if field.name == HOW_TO_FIELD]):
                embed.remove_field(index)
    if sum(map(len, embeds)) > EMBEDS_LIMIT:
        for embed, result in zip(embeds, results, strict=True):
            if result.error is None:
                embed.description = None
    return embeds


#: The most messages an answer in text takes (:func:`text_messages`: two answers to images at least in each, and a
#: note above them): the 🗑️ button on its last one holds the others' ids (:class:`DeleteAnswerButton`).
MAX_TEXT_PARTS = (MAX_IMAGES + 1) // 2 + 1
#: Discord's limit on a button's ``custom_id``.
CUSTOM_ID_LIMIT = 100


def base36(number: int) -> str:
    """``number`` (a Discord id) in base 36: 13 characters at most for any 64-bit id, which takes 20 digits."""
    return np.base_repr(number, 36).lower()


#: The 🗑️ button's ``custom_id``: the asker's id, and where the answer takes several messages, the others' ids.
DELETE_BUTTON_ID = (
    r"whatplot:delete:(?P<user_id>\d+)"
    r"|whatplot:parts:(?P<user36>[0-9a-z]+):(?P<parts>[0-9a-z]+(?:\.[0-9a-z]+)*)"
)


class DeleteAnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=DELETE_BUTTON_ID):
    """A 🗑️ button that deletes the answer it sits on; only the user who asked may press it, and moderators:
    those who may delete anyone's messages there (Manage Messages) anyway.

    The asker's id lives in the ``custom_id``, so the button keeps working after a restart. An answer in text
    that takes several messages has the button on its last one only, and the ids of the others (``parts``) in its
    ``custom_id`` too, in base 36 (``whatplot:parts:<asker>:<id>.<id>…``): a press deletes the whole answer, and
    nothing else. Up to :data:`MAX_TEXT_PARTS` - 1 ids of 13 characters fit in Discord's :data:`CUSTOM_ID_LIMIT`.
    """

    def __init__(self, user_id: int, parts: Sequence[int] = ()) -> None:
        if parts:
            custom_id = f"whatplot:parts:{base36(user_id)}:{'.'.join(map(base36, parts))}"
        else:
            custom_id = f"whatplot:delete:{user_id}"
        if len(custom_id) > CUSTOM_ID_LIMIT:
            raise ValueError(f"{len(parts)} parts are more than a 🗑️ button can hold")
        super().__init__(
            discord.ui.Button(emoji="🗑️", label="Delete", style=discord.ButtonStyle.secondary, custom_id=custom_id)
        )
        self.user_id = user_id
        self.parts = tuple(parts)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str], /
    ) -> DeleteAnswerButton:
        if match["user_id"] is not None:
            return cls(int(match["user_id"]))
        return cls(int(match["user36"], 36), [int(part, 36) for part in match["parts"].split(".")])

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.user_id or interaction.permissions.manage_messages:
            return True
        await interaction.response.send_message(
            "Only the person who asked, or a moderator, can delete this answer.", ephemeral=True
        )
        return False

    async def callback(self, interaction: discord.Interaction) -> None:
        answer_id = interaction.message and interaction.message.id
        try:
            await interaction.response.defer()
            # The other parts first: where Discord fails to delete one, the button stays to be pressed again.
            for part in self.parts:
                await _delete_part(interaction, part)
            await interaction.delete_original_response()
        except discord.NotFound:  # pressed twice, deleted meanwhile by a moderator, or the press expired (10062)
            log.info("Answer %s was already deleted, or the press expired", answer_id)
            return
        except discord.HTTPException as exc:
            if not discord_failed(exc):
                raise
            log.warning("Couldn't delete answer %s: Discord failed (%s %s)", answer_id, exc.status, exc.text)
            with contextlib.suppress(discord.HTTPException):  # Discord failing still: the log is all that's left
                await answer_privately(interaction, DELETE_FAILED)
            return
        log.info("User %s deleted answer %s", interaction.user.id, answer_id)


async def _delete_part(interaction: discord.Interaction, part_id: int) -> None:
    """Delete message ``part_id``, a part of the answer whose 🗑️ ``interaction`` is, in its channel; one deleted
    already (by a moderator, by a press before) is no matter. The bot may delete its own messages without being
    allowed to read the channel's history."""
    channel = interaction.channel
    if channel is None or not hasattr(channel, "get_partial_message"):
        return
    try:
        await channel.get_partial_message(part_id).delete()
    except discord.NotFound:
        log.info("Part %s of an answer was already deleted", part_id)


def answer_view(user_id: int, parts: Sequence[int] = ()) -> discord.ui.View:
    """The buttons under a public answer to ``user_id``; on the last message of one in text, the ids of the
    others (``parts``) too."""
    view = discord.ui.View(timeout=None)
    view.add_item(DeleteAnswerButton(user_id, parts))
    return view


def embed_as_text(embed: discord.Embed) -> str:
    """One answer embed as Markdown: its title in bold, description, fields and footer."""
    lines = [f"**{embed.title}**"]
    if embed.description:
        lines.append(embed.description)
    lines += [f"{field.name}: " + ", ".join(str(field.value).splitlines()) for field in embed.fields]
    if embed.footer.text:
        lines.append(f"-# {escaped(embed.footer.text)}")  # an embed's footer shows no markdown; a message's text does
    return "\n".join(lines)


def text_messages(embeds: Sequence[discord.Embed]) -> list[str]:
    """The answer as plain-text messages: as many embeds per message as fit in :data:`MESSAGE_LIMIT`,
    less room for the mention that starts an answer where the bot can't reply (:func:`bot.replies.reply`).

    Each embed's text is cut to half a message (none comes near it: names are short), so that two fit in each
    and ten take :data:`MAX_TEXT_PARTS` - 1 messages at most."""
    limit = MESSAGE_LIMIT - len("<@12345678901234567890> ")
    messages = [""]
    for text in (embed_as_text(embed)[: (limit - 2) // 2] for embed in embeds):
        joined = f"{messages[-1]}\n\n{text}" if messages[-1] else text
        if len(joined) <= limit:
            messages[-1] = joined
        else:
            messages.append(text)
    return messages
