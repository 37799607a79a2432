"""Expired Discord attachment links: the bot has Discord renew them (``POST /attachments/refresh-urls``), then
downloads the renewed link through the guarded downloader, from the test world's Discord file server."""

from __future__ import annotations

import discord
import pytest

from bot.images import NOT_RENEWED_HINT
from bot.readable_channels import RENEWAL_CHECK_FAILED
from classifier import ChartClassifier
from tests.bot_world import (
    DISCORD_FAILURES,
    BotWorld,
    DiscordAttachments,
    archived_thread_discord_fails_to_send,
    assert_answers,
    rate_limit,
)
from tests.images import bar_chart, encode

CHART = encode(bar_chart())
DAY = 24 * 3600


def error_text(world: BotWorld, request: discord.Message) -> str:
    """The explanation in the single error embed answering ``request``."""
    (embed,) = world.answer_to(request).embeds
    assert embed.title == "I can't name that one"
    return embed.description


def uploaded(cdn: DiscordAttachments, world: BotWorld, attachment_id: int = 1001) -> str:
    """The path of a chart uploaded to #charts as an attachment."""
    return cdn.upload(world.channel.id, attachment_id, "chart.png", CHART)


@pytest.mark.parametrize("host", ["cdn.discordapp.com", "media.discordapp.net"])
async def test_an_expired_attachment_link_is_renewed_and_named(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier, host: str
) -> None:
    path = uploaded(discord_cdn, world)
    link = discord_cdn.link(path, expires_in=-DAY, host=host)
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    (embed,) = world.answer_to(request).embeds
    assert_answers(embed, classifier.predict(CHART))
    assert discord_cdn.requests == [[link]]
    assert discord_cdn.served == [path]
    assert embed.thumbnail.url.startswith(f"{discord_cdn.origin}{path}?ex=")  # the renewed link, which works


async def test_an_attachment_link_without_its_signature_is_renewed(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier
) -> None:
    """A link from before 2024, or one with its query cut off: Discord's file server wants the signature now."""
    path = uploaded(discord_cdn, world)
    link = f"https://cdn.discordapp.com{path}"
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    assert discord_cdn.requests == [[link]]


async def test_an_expired_attachment_link_in_slash_url_is_renewed(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier
) -> None:
    link = discord_cdn.link(uploaded(discord_cdn, world), expires_in=-60)
    result = await world.alice.slash(world.channel, "whatplot", url=link)

    assert_answers(result.response.embeds[0], classifier.predict(CHART))
    assert discord_cdn.requests == [[link]]


async def test_an_expired_attachment_link_in_a_replied_message_is_renewed(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier
) -> None:
    link = discord_cdn.link(uploaded(discord_cdn, world), expires_in=-DAY)
    posted = await world.bob.send(world.channel, f"<{link}> from last week")
    request = await world.alice.send(world.channel, "!whatplot", reply_to=posted)

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    assert discord_cdn.requests == [[link]]


async def test_an_expired_attachment_link_in_history_is_renewed(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier
) -> None:
    link = discord_cdn.link(uploaded(discord_cdn, world), expires_in=-DAY)
    await world.bob.send(world.channel, f"the chart: <{link}>")
    request = await world.alice.send(world.channel, "!whatplot")

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    assert discord_cdn.requests == [[link]]


async def test_an_attachment_link_still_valid_is_fetched_as_it_is(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier
) -> None:
    path = uploaded(discord_cdn, world)
    link = discord_cdn.link(path, expires_in=3600).replace("https://cdn.discordapp.com", discord_cdn.origin)
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    assert discord_cdn.requests == [] and discord_cdn.served == [path]


async def test_an_attachment_link_discord_wont_renew_gets_the_message(
    world: BotWorld, discord_cdn: DiscordAttachments
) -> None:
    """A deleted attachment: Discord leaves its link out of the renewed ones."""
    link = discord_cdn.link(f"/attachments/{world.channel.id}/2/deleted.png", expires_in=-DAY)
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert error_text(world, request) == NOT_RENEWED_HINT
    assert discord_cdn.requests == [[link]] and discord_cdn.served == []


async def test_a_renewed_link_to_a_deleted_attachment_gets_the_message(
    world: BotWorld, discord_cdn: DiscordAttachments
) -> None:
    """Where Discord renews the link of a deleted attachment all the same, its file server answers 404."""
    discord_cdn.renews_unknown = True
    link = discord_cdn.link(f"/attachments/{world.channel.id}/2/deleted.png", expires_in=-DAY)
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert error_text(world, request) == "The server answered 404 Not Found."
    assert discord_cdn.served == [f"/attachments/{world.channel.id}/2/deleted.png"]


async def test_a_renewed_link_to_another_host_is_refused(world: BotWorld, discord_cdn: DiscordAttachments) -> None:
    """Discord's answer is trusted only to lead to Discord's file server: not to another host, even one the
    downloader may reach (here the file server itself, by address), nor one in private address space."""
    path = uploaded(discord_cdn, world)
    discord_cdn.rewrite = lambda renewed: renewed.replace("cdn.discordapp.com", "127.0.0.1")
    request = await world.alice.send(world.channel, f"!whatplot {discord_cdn.link(path, expires_in=-DAY)}")

    assert error_text(world, request).startswith("Discord renewed that attachment link as a link to another server")
    assert len(discord_cdn.requests) == 1 and discord_cdn.served == []


async def test_an_attachment_link_discord_fails_to_renew_says_try_again(world: BotWorld) -> None:
    world.env.inject_error("POST", "/attachments/refresh-urls", status=500, times=None)
    link = world.attachments.link(f"/attachments/{world.channel.id}/2/chart.png", expires_in=-DAY)
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert error_text(world, request) == "Discord couldn't renew that attachment link just now; try again in a moment."


async def test_an_attachment_link_renewal_rate_limited_for_long_says_try_later(world: BotWorld, monkeypatch) -> None:
    rate_limit(world.env, monkeypatch, "POST", "/attachments/refresh-urls", retry_after=600.0)
    link = world.attachments.link(f"/attachments/{world.channel.id}/2/chart.png", expires_in=-DAY)
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert error_text(world, request).startswith("Discord won't renew attachment links for a while")


@pytest.mark.parametrize("failure", DISCORD_FAILURES)
async def test_an_expired_link_whose_channel_discord_fails_to_show_says_try_again(
    world: BotWorld, monkeypatch, caplog, failure: str
) -> None:
    """Whether Discord may renew a link into an archived thread, which discord.py doesn't keep, takes the thread from
    Discord: Discord failing to send it (or holding the bot back longer than it waits) is Discord's fault, not the
    link's nor the bot's."""
    world.env.backend.create_thread(world.channel.id, "numbers", world.bob.id)
    (thread,) = world.channel.threads
    await archived_thread_discord_fails_to_send(world, monkeypatch, thread, failure)
    link = world.attachments.link(f"/attachments/{thread.id}/2/chart.png", expires_in=-DAY)
    request = await world.alice.send(world.channel, f"!whatplot {link}")

    assert error_text(world, request) == RENEWAL_CHECK_FAILED
    assert not [record for record in caplog.records if record.levelname == "ERROR" or record.exc_info]
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and r.name.startswith("bot.")]
    assert f"channel {thread.id}" in warning


#: What the CLI and the web page answer an expired attachment link; and the bot, one it may not have Discord renew.
EXPIRED = (
    "That Discord attachment link has expired: outside Discord, such links work for a day or so. "
    "Send the image itself, or reply to its message."
)


async def test_an_expired_link_into_a_channel_the_asker_cant_read_here_is_not_renewed_and_tells_nothing(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier
) -> None:
    """Renewed, the link would show the file to everyone, as the answer's thumbnail: only one into a channel of this
    server that the asker may read (View Channel and Read Message History) is, as for a link to a message. Any other
    gets the answer the CLI gives, whether its channel exists or not."""
    hidden, no_history = world.channels_hidden_from(world.alice)
    other = world.env.create_guild("Other")
    elsewhere = other.create_text_channel("general")
    other.add_member(world.alice.user)  # one she may read, in another server
    paths = [discord_cdn.upload(channel.id, 1001, "chart.png", CHART) for channel in (hidden, no_history, elsewhere)]
    links = [discord_cdn.link(path, expires_in=-DAY) for path in [*paths, "/attachments/1234/1001/chart.png"]]

    for link in links:
        request = await world.alice.send(world.channel, f"!whatplot {link}")
        assert error_text(world, request) == EXPIRED
    slashed = await world.alice.slash(world.channel, "whatplot", url=links[0])
    assert slashed.response.embeds[0].description == EXPIRED
    assert discord_cdn.requests == [] and discord_cdn.served == []

    request = await world.bob.send(world.channel, f"!whatplot {links[0]}")  # bob may read #hidden
    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    assert discord_cdn.requests == [[links[0]]]


async def test_an_expired_link_is_renewed_in_a_dm_only_into_that_dm(
    world: BotWorld, discord_cdn: DiscordAttachments, classifier: ChartClassifier
) -> None:
    dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)
    into_the_dm = discord_cdn.link(discord_cdn.upload(dm_channel.id, 1001, "chart.png", CHART), expires_in=-DAY)
    into_the_server = discord_cdn.link(uploaded(discord_cdn, world, 1002), expires_in=-DAY)

    named = await world.alice.send_dm(f"!whatplot {into_the_dm}")
    refused = await world.alice.send_dm(f"!whatplot {into_the_server}")

    answers = {m.reference.message_id: m for m in world.alice.user.dm_channel.history() if m.reference}
    assert_answers(answers[named.id].embeds[0], classifier.predict(CHART))
    assert answers[refused.id].embeds[0].description == EXPIRED
    assert discord_cdn.requests == [[into_the_dm]]
