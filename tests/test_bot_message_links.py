"""Links to Discord messages ("Copy Message Link"): named for the images of the message they point at, where
the asker may read it; refused, without telling what the message holds, where they may not."""

from __future__ import annotations

import asyncio

import discord
import pytest
import simcord
from simcord.enums import ChannelType

from bot.asked_about import OWN_MESSAGE_HINT
from bot.images import MESSAGE_LINK_HINT
from bot.in_flight import RESTARTING
from bot.readable_channels import FOREIGN_MESSAGE_LINK_HINT, UNSEEN_MESSAGE_HINT
from classifier import ChartClassifier
from tests.bot_world import (
    DISCORD_FAILURES,
    BotWorld,
    age_restrict,
    archived_thread_discord_fails_to_send,
    assert_answers,
    hold_up_reads,
)
from tests.images import bar_chart, encode

CHART = encode(bar_chart())
WIDE_CHART = encode(bar_chart((900, 400)), "JPEG")


def link_to(guild: simcord.GuildHandle | None, channel_id: int, message_id: int) -> str:
    """The link "Copy Message Link" gives for a message of ``guild`` (None: a DM)."""
    return f"https://discord.com/channels/{guild.id if guild else '@me'}/{channel_id}/{message_id}"


async def refusal(world: BotWorld, asker: simcord.MemberActor, link: str) -> str:
    """What the bot answers ``asker`` asking ``!whatplot link`` in #charts, a refusal whose error it takes."""
    request = await asker.send(world.channel, f"!whatplot {link}")
    answer = world.answer_to(request)
    assert not answer.embeds
    assert [e.kind for e in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]
    return answer.content


async def test_a_link_to_a_message_names_its_images(world: BotWorld, classifier: ChartClassifier) -> None:
    elsewhere = world.guild.create_text_channel("elsewhere")
    posted = await world.bob.send(elsewhere, "our numbers", attachments=[("chart.png", CHART)])
    await world.bob.send(world.channel, "", attachments=[("wide.jpg", WIDE_CHART)])  # the latest, not asked about
    request = await world.alice.send(world.channel, f"!whatplot {link_to(world.guild, elsewhere.id, posted.id)}")

    (embed,) = world.answer_to(request).embeds
    assert embed.footer.text == "chart.png"
    assert_answers(embed, classifier.predict(CHART))


async def test_the_slash_commands_url_may_link_to_a_message(world: BotWorld, classifier: ChartClassifier) -> None:
    posted = await world.bob.send(world.channel, "", attachments=[("wide.jpg", WIDE_CHART)])
    result = await world.alice.slash(world.channel, "whatplot", url=link_to(world.guild, world.channel.id, posted.id))

    (embed,) = result.response.embeds
    assert embed.footer.text == "wide.jpg"
    assert_answers(embed, classifier.predict(WIDE_CHART))


async def test_a_message_linked_twice_among_other_images_counts_once(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    posted = await world.bob.send(world.channel, "", attachments=[("wide.jpg", WIDE_CHART)])
    link = link_to(world.guild, world.channel.id, posted.id)
    request = await world.alice.send(
        world.channel, f"!whatplot {link} <{link}> {image_server}/chart.png", attachments=[("mine.png", CHART)]
    )

    embeds = world.answer_to(request).embeds
    assert [e.footer.text for e in embeds] == ["1/3 · mine.png", "2/3 · wide.jpg", "3/3 · chart.png"]
    assert_answers(embeds[1], classifier.predict(WIDE_CHART))


async def test_links_to_messages_beyond_ten_images_are_left_out_unread(world: BotWorld) -> None:
    posted = await world.bob.send(world.channel, "", attachments=[("wide.jpg", WIDE_CHART)])
    gone = await world.bob.send(world.channel, "", attachments=[("gone.png", CHART)])
    await world.bob.delete(gone)  # left out, so not read: no "was deleted"
    links = [link_to(world.guild, world.channel.id, message.id) for message in (posted, gone)]
    attachments = [(f"chart{i}.png", CHART) for i in range(1, 10)]
    request = await world.alice.send(world.channel, f"!whatplot {' '.join(links)}", attachments=attachments)

    answer = world.answer_to(request)
    assert [e.footer.text for e in answer.embeds][-1] == "10/10 · wide.jpg"
    assert "left out the last 1" in answer.content


async def test_a_link_into_a_thread_names_its_images_once_it_is_archived_too(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    world.env.backend.create_thread(world.channel.id, "numbers", world.bob.id)
    (thread,) = world.channel.threads
    posted = await world.bob.send(thread, "", attachments=[("chart.png", CHART)])
    link = link_to(world.guild, thread.id, posted.id)
    while_open = await world.alice.send(world.channel, f"!whatplot {link}")
    world.env.backend.edit_channel(thread.id, {}, thread_metadata={"archived": True})
    await world.env.settle()
    assert world.bot.get_channel(thread.id) is None  # discord.py forgets an archived thread: the bot fetches it
    once_archived = await world.alice.send(world.channel, f"!whatplot {link}")

    for request in (while_open, once_archived):
        assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


async def test_a_link_into_a_private_thread_is_followed_only_for_its_members(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    world.env.backend.create_thread(world.channel.id, "secret", world.bob.id, type=ChannelType.PRIVATE_THREAD)
    (thread,) = world.channel.threads
    posted = await world.bob.send(thread, "", attachments=[("chart.png", CHART)])
    link = link_to(world.guild, thread.id, posted.id)

    assert await refusal(world, world.alice, link) == UNSEEN_MESSAGE_HINT
    request = await world.bob.send(world.channel, f"!whatplot {link}")
    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


async def test_a_link_into_a_channel_the_asker_cant_see_tells_nothing(world: BotWorld) -> None:
    hidden, no_history = world.channels_hidden_from(world.alice)
    posted = await world.bob.send(hidden, "", attachments=[("chart.png", CHART)])
    unread = await world.bob.send(no_history, "", attachments=[("chart.png", CHART)])

    for link in (
        link_to(world.guild, hidden.id, posted.id),
        link_to(world.guild, hidden.id, posted.id + 1),  # no such message
        link_to(world.guild, no_history.id, unread.id),
        link_to(world.guild, 1234, posted.id),  # no such channel
    ):
        assert await refusal(world, world.alice, link) == UNSEEN_MESSAGE_HINT


async def test_a_link_to_a_message_of_another_server_or_dm_is_refused(world: BotWorld) -> None:
    other = world.env.create_guild("Other")
    channel = other.create_text_channel("general")
    posted = await other.add_member(world.alice.user).send(channel, "", attachments=[("chart.png", CHART)])
    dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)

    for link in (link_to(other, channel.id, posted.id), link_to(None, dm_channel.id, posted.id)):
        assert await refusal(world, world.alice, link) == FOREIGN_MESSAGE_LINK_HINT


async def test_a_link_to_a_message_in_the_dm_asked_in_names_its_images(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)
    posted = await world.alice.send_dm(
        attachments=world.env.backend.store_attachments(dm_channel.id, [("chart.png", CHART)])
    )
    request = await world.alice.send_dm(f"!whatplot {link_to(None, dm_channel.id, posted.id)}")

    history = world.alice.user.dm_channel.history()
    (answer,) = [m for m in history if m.reference and m.reference.message_id == request.id]
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_link_to_a_message_of_another_dm_or_a_server_is_refused_in_a_dm(world: BotWorld) -> None:
    bobs_dm = world.env.backend.get_dm_channel(world.bob.user.id)
    attachments = world.env.backend.store_attachments(bobs_dm.id, [("chart.png", CHART)])
    posted = await world.bob.send_dm(attachments=attachments)
    in_server = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])

    for link in (link_to(None, bobs_dm.id, posted.id), link_to(world.guild, world.channel.id, in_server.id)):
        request = await world.alice.send_dm(f"!whatplot {link}")
        history = world.alice.user.dm_channel.history()
        (answer,) = [m for m in history if m.reference and m.reference.message_id == request.id]
        assert answer.content == FOREIGN_MESSAGE_LINK_HINT
    assert [e.kind for e in world.take_errors()] == ["no_image", "no_image"]  # type: ignore[attr-defined]


async def test_a_link_to_a_deleted_message_says_so(world: BotWorld) -> None:
    posted = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])
    await world.bob.delete(posted)

    assert await refusal(world, world.alice, link_to(world.guild, world.channel.id, posted.id)) == (
        "That message was deleted."
    )


async def test_a_link_into_a_channel_the_bot_cant_read_says_what_it_needs(world: BotWorld) -> None:
    channel = world.channel_where_the_bot_lacks("no-history", read_message_history=False)
    posted = await world.bob.send(channel, "", attachments=[("chart.png", CHART)])

    assert await refusal(world, world.alice, link_to(world.guild, channel.id, posted.id)) == (
        "I can't read that message: "
        f"I need the View Channels and Read Message History permissions in <#{channel.id}>."
    )


@pytest.mark.parametrize("failure", DISCORD_FAILURES)
async def test_a_link_into_a_thread_discord_fails_to_send_says_to_try_again(
    world: BotWorld, monkeypatch, caplog, failure: str
) -> None:
    """discord.py doesn't keep an archived thread: the bot asks Discord for it on the way to the message."""
    world.env.backend.create_thread(world.channel.id, "numbers", world.bob.id)
    (thread,) = world.channel.threads
    posted = await world.bob.send(thread, "", attachments=[("chart.png", CHART)])
    await archived_thread_discord_fails_to_send(world, monkeypatch, thread, failure)

    assert await refusal(world, world.alice, link_to(world.guild, thread.id, posted.id)) == (
        "Discord wouldn't show me that message just now; try again in a moment."
    )
    assert not [record for record in caplog.records if record.levelname == "ERROR" or record.exc_info]
    assert len([r for r in caplog.records if f"Couldn't fetch channel {thread.id}" in r.getMessage()]) == 1


@pytest.mark.parametrize("status", [503, 429])
async def test_a_link_to_a_message_discord_fails_to_send_says_to_try_again(world: BotWorld, status: int) -> None:
    posted = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])
    world.env.inject_error("GET", f"/channels/{world.channel.id}/messages/{posted.id}", status=status)

    assert await refusal(world, world.alice, link_to(world.guild, world.channel.id, posted.id)) == (
        "Discord wouldn't show me that message just now; try again in a moment."
    )


async def test_a_link_to_an_answer_of_the_bot_is_refused(world: BotWorld) -> None:
    asked = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    answer = world.answer_to(asked)

    assert await refusal(world, world.bob, link_to(world.guild, world.channel.id, answer.id)) == OWN_MESSAGE_HINT


async def test_a_link_to_a_message_without_an_image_says_so(world: BotWorld) -> None:
    posted = await world.bob.send(world.channel, "just words")

    assert await refusal(world, world.alice, link_to(world.guild, world.channel.id, posted.id)) == (
        "The message you linked has no image I can see."
    )


async def test_the_slash_command_refuses_a_link_the_asker_cant_follow_privately(world: BotWorld) -> None:
    hidden = world.guild.create_text_channel(
        "hidden", overwrites={world.alice: discord.PermissionOverwrite(view_channel=False)}
    )
    posted = await world.bob.send(hidden, "", attachments=[("chart.png", CHART)])
    result = await world.alice.slash(world.channel, "whatplot", url=link_to(world.guild, hidden.id, posted.id))

    assert result.ephemeral and result.response.content == UNSEEN_MESSAGE_HINT
    assert [e.kind for e in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]


async def test_a_link_to_a_message_in_another_message_is_not_followed(world: BotWorld) -> None:
    """Only the asker's own links are followed: one in a message replied to, or linked, says how to ask about it."""
    posted = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])
    pointing = await world.bob.send(world.channel, f"see {link_to(world.guild, world.channel.id, posted.id)}")
    replying = await world.alice.send(world.channel, "!whatplot", reply_to=pointing)
    linking = await world.alice.send(world.channel, f"!whatplot {link_to(world.guild, world.channel.id, pointing.id)}")

    for request in (replying, linking):
        (embed,) = world.answer_to(request).embeds
        assert embed.title == "I can't name that one" and embed.description == MESSAGE_LINK_HINT


async def test_watch_mode_leaves_a_posted_message_link_alone(world: BotWorld) -> None:
    """A link to a message, posted in a watched channel, points at a chart already posted: no new chart to name."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    posted = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])
    link = await world.alice.send(world.channel, f"as in {link_to(world.guild, world.channel.id, posted.id)}")

    assert world.answers_to(posted.id) and not world.answers_to(link.id)


async def test_a_slash_commands_slow_link_to_a_message_defers_in_time(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    """Discord forgets an interaction unanswered for 3 s; a message read held up by a rate limit takes longer."""
    posted = await world.bob.send(world.channel, "", attachments=[("wide.jpg", WIDE_CHART)])
    hold_up_reads(world, monkeypatch, "get_message", "a message read")
    url = link_to(world.guild, world.channel.id, posted.id)
    result = await world.alice.slash(world.channel, "whatplot", url=url, private=True)
    assert result.deferred and result.ephemeral

    await world.env.advance_time(4)
    assert_answers(result.response.embeds[0], classifier.predict(WIDE_CHART))


async def test_a_slash_commands_link_to_a_message_unread_when_the_bot_stops_is_told_so(
    world: BotWorld, monkeypatch
) -> None:
    """A request given up while Discord holds up the message it links is told so; the read, once Discord sends the
    message, is dropped with it (no one is left to tell that it has no image)."""
    posted = await world.bob.send(world.channel, "just words")
    read = world.bot.http.get_message
    reading, release = asyncio.Event(), asyncio.Event()

    async def get_message_held_up(*args: object, **kwargs: object) -> object:
        reading.set()
        await world.env.external_wait(release.wait(), reason="a message read held up by a rate limit")
        return await read(*args, **kwargs)

    monkeypatch.setattr(world.bot.http, "get_message", get_message_held_up)
    monkeypatch.setattr("bot.client.FINISH_REQUESTS_TIMEOUT_S", 0.1)
    url = link_to(world.guild, world.channel.id, posted.id)
    asking = asyncio.ensure_future(world.alice.slash(world.channel, "whatplot", url=url))
    async with asyncio.timeout(5):
        await reading.wait()
    await world.bot.close()
    release.set()
    result = await asking

    assert result.ephemeral and result.response.content == RESTARTING
    await asyncio.sleep(0.1)  # the read done: its refusal reaches no one, and is no error of the bot's
    assert world.take_errors() == []


async def test_a_link_into_an_age_restricted_channel_names_its_images_without_showing_them(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    """An age-restricted (NSFW) channel's pictures are for those who chose to see them: an answer elsewhere names them
    but shows none, as for a spoiler. In such a channel, or to a link into one's own, the answer shows them as usual."""
    after_dark = world.guild.create_text_channel("after-dark")
    await age_restrict(world.env, monkeypatch, after_dark)
    posted = await world.bob.send(after_dark, "", attachments=[("chart.png", CHART)])
    link = link_to(world.guild, after_dark.id, posted.id)

    elsewhere = world.answer_to(await world.alice.send(world.channel, f"!whatplot {link}"))
    by_slash = await world.alice.slash(world.channel, "whatplot", url=link)
    within = world.answer_to_in(after_dark, await world.alice.send(after_dark, f"!whatplot {link}"))

    for embed in (elsewhere.embeds[0], by_slash.response.embeds[0], within.embeds[0]):
        assert_answers(embed, classifier.predict(CHART))
    assert elsewhere.embeds[0].thumbnail.url is None and by_slash.response.embeds[0].thumbnail.url is None
    assert within.embeds[0].thumbnail.url == posted.attachments[0].url


async def test_a_message_link_given_as_a_spoiler_names_its_images_without_showing_them(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """``||link||`` hides the link's preview; the answer keeps what it leads to hidden too."""
    posted = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])
    link = link_to(world.guild, world.channel.id, posted.id)

    hidden = world.answer_to(await world.alice.send(world.channel, f"!whatplot ||{link}||")).embeds[0]
    shown = world.answer_to(await world.alice.send(world.channel, f"!whatplot {link}")).embeds[0]

    for embed in (hidden, shown):
        assert_answers(embed, classifier.predict(CHART))
    assert hidden.thumbnail.url is None and shown.thumbnail.url == posted.attachments[0].url
