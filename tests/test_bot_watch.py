"""Watch mode: opting a channel in and out, quiet on non-charts, and persistence across restarts."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import discord
import pytest
import simcord
from discord.ext import commands
from PIL import Image

from bot import Settings, create_bot
from bot.answer import is_confident_chart
from classifier import ChartClassifier
from tests.bot_world import BotWorld, assert_answers
from tests.images import bar_chart, encode

CHART = encode(bar_chart())


async def test_watch_needs_manage_channels(world: BotWorld) -> None:
    request = await world.alice.send(world.channel, "!whatplot-watch on")

    assert world.answer_to(request).content == "You need the Manage Channels permission to do that."
    world.take_errors()
    assert not world.bot.get_cog("Watch").store.is_watched(world.channel.id)


async def test_watch_takes_on_and_off_in_any_case_and_says_when_it_does_not_understand(world: BotWorld) -> None:
    turned_on = await world.mod.send(world.channel, "!whatplot-watch ON")
    assert "**on**" in world.answer_to(turned_on).content
    unknown = await world.mod.send(world.channel, "!whatplot-watch disable")

    assert world.answer_to(unknown).content == (
        "I didn't understand the words after that command; `!help` shows how to use it."
    )
    assert world.bot.get_cog("Watch").store.is_watched(world.channel.id)
    assert [type(e) for e in world.take_errors()] == [commands.TooManyArguments]


async def test_slash_watch_needs_manage_channels_and_says_so_privately(world: BotWorld) -> None:
    result = await world.alice.slash(world.channel, "whatplot-watch", mode="on")

    assert result.ephemeral
    assert result.response.content == "You need the Manage Channels permission to do that."
    world.take_errors()
    status = await world.alice.slash(world.channel, "whatplot-watch")  # anyone may ask for the state
    assert "**off**" in status.response.content


async def test_watched_channel_gets_answers_unasked(world: BotWorld, classifier: ChartClassifier) -> None:
    turned_on = await world.mod.send(world.channel, "!whatplot-watch on")
    assert "**on**" in world.answer_to(turned_on).content

    posted = await world.alice.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])

    predictions = classifier.predict(CHART)
    assert is_confident_chart(predictions, world.bot.settings.watch_min_confidence)  # at the default threshold
    assert_answers(world.answer_to(posted).embeds[0], predictions)


async def test_a_mention_in_a_watched_channel_is_answered_once(world: BotWorld, classifier: ChartClassifier) -> None:
    await world.mod.send(world.channel, "!whatplot-watch on")

    request = await world.alice.send(world.channel, f"<@{world.bot.user.id}> this one?", attachments=[("c.png", CHART)])

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))  # one answer, not two


async def test_a_watched_chart_edited_into_a_command_is_not_answered_again(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    await world.mod.send(world.channel, "!whatplot-watch on")
    posted = await world.alice.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])
    assert_answers(world.answer_to(posted).embeds[0], classifier.predict(CHART))

    await world.alice.edit(posted, "!whatplot our numbers")

    assert len(world.answers_to(posted.id)) == 1


async def test_a_watched_chart_edited_into_a_command_while_being_named_is_answered_once(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    await world.mod.send(world.channel, "!whatplot-watch on")
    classify, edited = world.bot.classify_images, []

    async def classify_as_the_author_adds_the_command(refs, may_renew, asker):
        if not edited:  # watch mode at work: the edit that makes a command of the message comes meanwhile
            edited.append(True)
            world.env.backend.edit_message(world.channel.id, posted_id, {"content": "!whatplot"})
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_author_adds_the_command)
    backend = world.env.backend
    attachments = backend.store_attachments(world.channel.id, [("chart.png", CHART)])
    posted_id = backend.create_message(world.channel.id, world.alice.id, "look", attachments=attachments).id
    await world.env.settle()

    (answer,) = world.answers_to(posted_id)
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_misspelt_command_in_a_watched_channel_gets_one_answer(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """The "Did you mean" is the answer; the fixed command then names the chart."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    typo = await world.alice.send(world.channel, "!whatplt", attachments=[("chart.png", CHART)])
    (hint,) = world.answers_to(typo.id)
    assert hint.content == "Did you mean `!whatplot`?"

    await world.alice.edit(typo, "!whatplot")

    hint, answer = world.answers_to(typo.id)
    assert_answers(answer.embeds[0], classifier.predict(CHART))


def _new_thread(world: BotWorld, parent: simcord.ChannelHandle, name: str) -> simcord.ChannelHandle:
    """A thread (in a forum: a post) that alice starts in ``parent``."""
    thread = world.env.backend.create_thread(parent.id, name, world.alice.id)
    return next(handle for handle in parent.threads if handle.id == thread.id)


async def test_threads_follow_their_channel_unless_set_themselves(world: BotWorld, classifier: ChartClassifier) -> None:
    await world.mod.send(world.channel, "!whatplot-watch on")
    followed, quiet = _new_thread(world, world.channel, "q3 numbers"), _new_thread(world, world.channel, "off-topic")
    turned_off = await world.mod.send(quiet, "!whatplot-watch off")
    assert "**off**" in world.answer_to_in(quiet, turned_off).content

    posted = await world.alice.send(followed, "look", attachments=[("c.png", CHART)])
    ignored = await world.alice.send(quiet, "look", attachments=[("c.png", CHART)])

    assert_answers(world.answer_to_in(followed, posted).embeds[0], classifier.predict(CHART))
    assert not world.answers_to(ignored.id, quiet)


async def test_posts_in_a_forum_watched_by_default_are_answered(world: BotWorld, classifier: ChartClassifier) -> None:
    forum = world.guild.create_forum_channel("chart-help")
    await world.restart(replace(world.bot.settings, watch_channels=frozenset({forum.id})))
    post = _new_thread(world, forum, "what is this chart?")

    posted = await world.alice.send(post, "seen in a report", attachments=[("c.png", CHART)])

    assert_answers(world.answer_to_in(post, posted).embeds[0], classifier.predict(CHART))


async def test_a_forum_is_watched_by_naming_it(world: BotWorld, classifier: ChartClassifier) -> None:
    forum = world.guild.create_forum_channel("chart-help")
    refused = await world.alice.send(world.channel, f"!whatplot-watch on {forum.mention}")
    assert "Manage Channels" in world.answer_to(refused).content
    world.take_errors()
    result = await world.mod.slash(world.channel, "whatplot-watch", mode="on", channel=forum)
    assert f"**on** in <#{forum.id}>" in result.response.content
    post = _new_thread(world, forum, "what is this chart?")

    posted = await world.alice.send(post, "seen in a report", attachments=[("c.png", CHART)])

    assert_answers(world.answer_to_in(post, posted).embeds[0], classifier.predict(CHART))
    assert not world.bot.get_cog("Watch").store.is_watched(world.channel.id)  # only the forum was named


async def test_the_mode_may_come_after_the_channel(world: BotWorld) -> None:
    """``!whatplot-watch #charts on`` as readily as ``!whatplot-watch on #charts``; a word it knows neither way is
    still not understood."""
    charts = world.guild.create_text_channel("charts")
    turned_on = await world.mod.send(world.channel, f"!whatplot-watch {charts.mention} on")
    assert world.answer_to(turned_on).content.startswith(f"Watch mode is **on** in <#{charts.id}>")
    assert world.bot.get_cog("Watch").store.is_watched(charts.id)

    for words in (f"{charts.mention} disable", f"{charts.mention} off off", f"on {charts.mention} off"):
        unknown = await world.mod.send(world.channel, f"!whatplot-watch {words}")
        assert world.answer_to(unknown).content.startswith("I didn't understand the words after that command")
    assert world.bot.get_cog("Watch").store.is_watched(charts.id)
    assert [type(e) for e in world.take_errors()] == [commands.TooManyArguments] * 3


async def test_a_voice_or_stage_channels_chat_or_a_thread_is_watched_by_naming_it(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Watch mode answers in a voice channel's chat, so a moderator may name one, as any channel, or a thread."""
    voice, stage = world.guild.create_voice_channel("standup"), world.guild.create_stage_channel("town-hall")
    thread = _new_thread(world, world.channel, "q3 numbers")

    named = await world.mod.send(world.channel, f"!whatplot-watch on {voice.mention}")
    slashed = await world.mod.slash(world.channel, "whatplot-watch", mode="on", channel=stage)
    in_thread = await world.mod.send(world.channel, f"!whatplot-watch on {thread.mention}")

    assert world.answer_to(named).content.startswith(f"Watch mode is **on** in <#{voice.id}>")
    assert slashed.response.content.startswith(f"Watch mode is **on** in <#{stage.id}>")
    assert world.answer_to(in_thread).content.startswith(f"Watch mode is **on** in <#{thread.id}>")
    for place in (voice, stage, thread):
        posted = await world.alice.send(place, "from the meeting", attachments=[("c.png", CHART)])
        assert_answers(world.answer_to_in(place, posted).embeds[0], classifier.predict(CHART))
    assert not world.bot.get_cog("Watch").store.is_watched(world.channel.id)  # only those named


def _previews(*urls: str) -> list[dict[str, object]]:
    """Discord's previews of the links ``urls``: an image embed each, the picture as its thumbnail."""
    return [
        {"type": "image", "url": url, "thumbnail": {"url": url, "proxy_url": url, "width": 640, "height": 480}}
        for url in urls
    ]


async def _unfurl(world: BotWorld, message: discord.Message, *urls: str) -> None:
    """Discord's unfurl of ``urls`` in ``message``: an edit that gives it their previews (:func:`_previews`), those
    it had before among them, as Discord fetches the links one by one."""
    world.env.backend.edit_message(world.channel.id, message.id, {"embeds": _previews(*urls)})
    await world.env.settle()


@pytest.fixture
async def watched_link(world: BotWorld, image_server: str) -> str:
    """The link of a chart on the test's image server, in a channel where a moderator turned watch mode on."""
    await world.mod.slash(world.channel, "whatplot-watch", mode="on")
    return f"{image_server}/chart.png"


async def test_a_posted_link_is_answered_once_discord_adds_its_preview(
    world: BotWorld, classifier: ChartClassifier, watched_link: str
) -> None:
    url = watched_link
    posted = await world.alice.send(world.channel, f"our numbers {url}")
    assert not world.answers_to(posted.id)  # not unfurled yet

    await _unfurl(world, posted, url)
    assert_answers(world.answer_to(posted).embeds[0], classifier.predict(CHART))

    world.env.backend.edit_message(world.channel.id, posted.id, {"content": "our numbers, fixed"})
    await world.env.settle()
    answered = world.answers_to(posted.id)
    assert len(answered) == 1  # an edit of a message already answered gets no second answer


async def test_link_previews_discord_adds_one_edit_at_a_time_are_each_named_once_in_one_answer(
    world: BotWorld, classifier: ChartClassifier, watched_link: str
) -> None:
    """Discord fetches a message's links one by one: each preview comes in an edit of its own. Each is named, once,
    in the one answer, edited as they come, not in an answer each."""
    chart, hop = watched_link, watched_link.replace("/chart.png", "/hop")  # the same chart, behind a redirect
    posted = await world.alice.send(world.channel, f"q3 {chart} and q4 {hop}")

    await _unfurl(world, posted, chart)
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["chart.png"]
    await _unfurl(world, posted, chart, hop)
    await world.alice.edit(posted, f"q3 {chart} and q4 {hop}, fixed")  # no new preview: nothing more to name

    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["1/2 · chart.png", "2/2 · hop"]
    for embed in answer.embeds:
        assert_answers(embed, classifier.predict(CHART))
    assert answer.content == ""


async def test_a_links_preview_coming_after_the_attachments_are_named_joins_their_answer(
    world: BotWorld, classifier: ChartClassifier, watched_link: str
) -> None:
    posted = await world.alice.send(world.channel, f"q3, and q4: {watched_link}", attachments=[("q3.png", CHART)])
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["q3.png"]

    await _unfurl(world, posted, watched_link)

    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["1/2 · q3.png", "2/2 · chart.png"]
    assert_answers(answer.embeds[1], classifier.predict(CHART))


async def test_a_preview_coming_while_the_first_is_named_joins_its_answer(
    world: BotWorld, classifier: ChartClassifier, watched_link: str, monkeypatch
) -> None:
    chart, hop = watched_link, watched_link.replace("/chart.png", "/hop")
    classify, named = world.bot.classify_images, []

    async def classify_as_discord_adds_the_second_preview(refs, may_renew, asker):
        named.append([ref.name for ref in refs])
        if len(named) == 1:
            world.env.backend.edit_message(world.channel.id, posted.id, {"embeds": _previews(chart, hop)})
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_discord_adds_the_second_preview)
    posted = await world.alice.send(world.channel, f"q3 {chart} and q4 {hop}")
    await _unfurl(world, posted, chart)

    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["1/2 · chart.png", "2/2 · hop"]
    assert named == [["chart.png"], ["hop"]]  # each read and classified once


async def test_a_watched_message_with_more_than_ten_images_says_how_many_it_left_out(
    world: BotWorld, watched_link: str
) -> None:
    """As a command's answer does: the charts beyond ten aren't named, and nobody is left wondering why."""
    alerts = world.guild.create_webhook(world.channel, "Grafana")
    panels = [(f"panel{i}.png", CHART) for i in range(1, 11)]
    embeds = [discord.Embed(title=f"extra {i}").set_image(url=watched_link) for i in (1, 2)]

    posted = await alerts.send("CPU high", attachments=panels, embeds=embeds)

    answer = world.answer_to(posted)
    assert [e.footer.text for e in answer.embeds] == [f"{i}/10 · panel{i}.png" for i in range(1, 11)]
    assert answer.content == "I name up to 10 images at a time, so I left out the last 2. Ask again about those."


async def test_previews_beyond_ten_images_coming_later_are_said_to_be_left_out(
    world: BotWorld, watched_link: str
) -> None:
    charts = [(f"chart{i}.png", CHART) for i in range(1, 11)]
    posted = await world.alice.send(world.channel, f"all of q3, and {watched_link}", attachments=charts)
    assert world.answer_to(posted).content == ""

    await _unfurl(world, posted, watched_link)

    answer = world.answer_to(posted)
    assert len(answer.embeds) == 10
    assert answer.content == "I name up to 10 images at a time, so I left out the last 1. Ask again about those."


async def test_a_preview_coming_after_an_answer_in_text_gets_its_own(
    world: BotWorld, classifier: ChartClassifier, watched_link: str
) -> None:
    """Where the bot may not embed links, an answer is text, maybe over several messages: it isn't edited."""
    channel = world.channel_where_the_bot_lacks("no-embeds", embed_links=False)
    await world.mod.slash(channel, "whatplot-watch", mode="on")
    posted = await world.alice.send(channel, f"q3, and q4: {watched_link}", attachments=[("q3.png", CHART)])
    world.env.backend.edit_message(channel.id, posted.id, {"embeds": _previews(watched_link)})
    await world.env.settle()

    first, second = world.answers_to(posted.id, channel)
    assert "-# q3.png" in first.content and "chart.png" not in first.content
    assert "-# chart.png" in second.content and "q3.png" not in second.content
    assert classifier.predict(CHART)[0].name in second.content


async def test_a_link_asked_about_and_then_edited_into_chat_is_not_answered_again_once_its_preview_comes(
    world: BotWorld, watched_link: str
) -> None:
    url = watched_link
    asked = await world.alice.send(world.channel, f"!whatplot {url}")
    await world.alice.edit(asked, f"our numbers {url}")  # before Discord shows its preview

    await _unfurl(world, asked, url)

    assert len(world.answers_to(asked.id)) == 1


async def test_a_link_posted_as_a_spoiler_stays_hidden_once_discord_adds_its_preview(
    world: BotWorld, classifier: ChartClassifier, watched_link: str
) -> None:
    url = watched_link
    posted = await world.alice.send(world.channel, f"guess what this is ||{url}||")
    await _unfurl(world, posted, url)  # Discord blurs it
    asked = await world.bob.send(world.channel, "!whatplot", reply_to=posted)

    for answer in (world.answer_to(posted), world.answer_to(asked)):
        (embed,) = answer.embeds
        assert_answers(embed, classifier.predict(CHART))
        assert embed.thumbnail.url is None


@pytest.mark.parametrize(
    "threshold",
    [  # no guess is ever this sure
        pytest.param("watch", marks=pytest.mark.bot_settings(watch_min_confidence=1.0)),
        pytest.param("not sure", marks=pytest.mark.bot_settings(watch_min_confidence=0.0, not_sure_below=1.0)),
    ],
)
async def test_watch_mode_stays_quiet_on_non_images_and_uncertain_guesses(world: BotWorld, threshold: str) -> None:
    """Below either threshold: an unasked answer saying "I'm not sure" would be noise."""
    await world.mod.slash(world.channel, "whatplot-watch", mode="on")

    posted = await world.alice.send(world.channel, "", attachments=[("chart.png", CHART), ("notes.txt", b"hi")])
    assert not world.answers_to(posted.id)


async def test_watch_mode_stays_quiet_where_the_bot_may_not_post(world: BotWorld) -> None:
    channel = world.channel_where_the_bot_lacks("read-only", send_messages=False)
    turned_on = await world.mod.slash(channel, "whatplot-watch", mode="on")  # answered through the interaction
    assert turned_on.response.content.endswith(
        "But I'm not allowed to post here: give me the View Channels and Send Messages permissions."
    )
    answers_before = world.answers(channel)

    await world.alice.send(channel, "our numbers", attachments=[("chart.png", CHART)])

    assert world.answers(channel) == answers_before
    assert all(m.author.id != world.bot.user.id for m in world.alice.user.dm_channel.history())  # no unasked DMs


async def test_watching_a_channel_the_bot_cannot_see_says_so(world: BotWorld) -> None:
    hidden = world.channel_where_the_bot_lacks("staff", view_channel=False)
    request = await world.mod.send(world.channel, f"!whatplot-watch on {hidden.mention}")

    assert world.answer_to(request).content.endswith(
        f"But I'm not allowed to post in {hidden.mention}: give me the View Channels and Send Messages permissions."
    )
    watched = await world.mod.send(world.channel, "!whatplot-watch on")
    assert "not allowed to post" not in world.answer_to(watched).content


async def test_slash_watch_off_stops_answers(world: BotWorld) -> None:
    on = await world.mod.slash(world.channel, "whatplot-watch", mode="on")
    assert "**on**" in on.response.content
    off = await world.mod.slash(world.channel, "whatplot-watch", mode="off")
    assert "**off**" in off.response.content
    answers_before = len(world.answers())

    await world.alice.send(world.channel, "", attachments=[("chart.png", CHART)])
    assert len(world.answers()) == answers_before


async def test_slash_watch_answers_in_time_while_the_database_is_slow(world: BotWorld, monkeypatch) -> None:
    """Discord forgets an interaction unanswered for 3 s; a write to a busy disk (an SD card) can take longer."""
    store = world.bot.get_cog("Watch").store
    write = store.set

    async def write_held_up(channel_id: int, enabled: bool) -> None:
        await world.env.external_wait(asyncio.sleep(4), reason="a database write held up by a busy disk")
        await write(channel_id, enabled)

    monkeypatch.setattr(store, "set", write_held_up)
    result = await world.mod.slash(world.channel, "whatplot-watch", mode="on")
    assert result.deferred and not result.ephemeral

    await world.env.advance_time(4)
    assert "**on**" in result.response.content
    assert store.is_watched(world.channel.id)


async def test_watch_survives_a_restart(world: BotWorld, classifier: ChartClassifier) -> None:
    await world.mod.slash(world.channel, "whatplot-watch", mode="on")
    bot = await world.restart()

    assert bot.get_cog("Watch").store.is_watched(world.channel.id)
    status = await world.alice.send(world.channel, "!whatplot-watch")
    assert "**on**" in world.answer_to(status).content

    await world.mod.slash(world.channel, "whatplot-watch", mode="off")
    bot = await world.restart()
    assert not bot.get_cog("Watch").store.is_watched(world.channel.id)


async def test_configured_default_channels_are_watched_until_turned_off(world: BotWorld) -> None:
    other = world.guild.create_text_channel("plots")
    bot = await world.restart(replace(world.bot.settings, watch_channels=frozenset({other.id})))
    assert bot.get_cog("Watch").store.is_watched(other.id)

    await world.mod.send(other, "!whatplot-watch off")
    bot = await world.restart()
    assert not bot.get_cog("Watch").store.is_watched(other.id)


async def test_a_watched_channel_deleted_before_the_answer_is_logged_in_one_line(
    world: BotWorld, monkeypatch, caplog
) -> None:
    await world.mod.send(world.channel, "!whatplot-watch on")
    classify = world.bot.classify_images

    async def classify_as_the_channel_is_deleted(refs, may_renew, asker):
        world.env.backend.delete_channel(world.channel.id)
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_channel_is_deleted)
    backend = world.env.backend
    attachments = backend.store_attachments(world.channel.id, [("chart.png", CHART)])
    backend.create_message(world.channel.id, world.bob.id, "", attachments=attachments)  # no actor: its channel goes
    await world.env.settle()

    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]
    assert "Couldn't answer user" in caplog.text


async def test_a_watched_chart_deleted_before_its_answer_gets_none(world: BotWorld, monkeypatch, caplog) -> None:
    """Nobody asked: an answer to a post its author took back (the wrong file) would be noise."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    classify, backend = world.bot.classify_images, world.env.backend

    async def classify_as_the_author_deletes_the_post(refs, may_renew, asker):
        backend.delete_message(world.channel.id, posted.id)
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_author_deletes_the_post)
    attachments = backend.store_attachments(world.channel.id, [("chart.png", CHART)])
    posted = backend.create_message(world.channel.id, world.bob.id, "oops", attachments=attachments)
    await world.env.settle()

    assert not world.answers_to(posted.id)
    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]
    assert "the message was deleted" in caplog.text


@pytest.mark.parametrize("taken_back", ["attachment", "preview"])
async def test_an_image_its_author_takes_back_before_its_answer_is_not_named(
    world: BotWorld, classifier: ChartClassifier, image_server: str, monkeypatch, taken_back: str
) -> None:
    """The wrong file, or a link's preview nobody wanted: edited out while watch mode is at work, it is not named
    (nor shown as the answer's thumbnail); the image left in the message is."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    classify, backend = world.bot.classify_images, world.env.backend
    url = f"{image_server}/chart.png"

    async def classify_as_the_author_takes_one_back(refs, may_renew, asker):
        stored = backend.get_message(world.channel.id, posted.id)
        if taken_back == "attachment":
            backend.edit_message(world.channel.id, posted.id, {"attachments": stored.attachments[1:]})
        else:  # the ✕ on a link's preview: Discord drops its embed and suppresses the rest
            backend.edit_message(world.channel.id, posted.id, {"embeds": [], "flags": 1 << 2})
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_author_takes_one_back)
    if taken_back == "attachment":
        attachments = backend.store_attachments(world.channel.id, [("wrong.png", CHART), ("right.png", CHART)])
        posted = backend.create_message(world.channel.id, world.alice.id, "q3", attachments=attachments)
        await world.env.settle()
        (answer,) = world.answers_to(posted.id)
        assert [e.footer.text for e in answer.embeds] == ["right.png"]
        assert_answers(answer.embeds[0], classifier.predict(CHART))
    else:
        posted = await world.alice.send(world.channel, f"q3 {url}")
        unfurled = {"type": "image", "url": url, "thumbnail": {"url": url, "proxy_url": url, "width": 9, "height": 9}}
        backend.edit_message(world.channel.id, posted.id, {"embeds": [unfurled]})
        await world.env.settle()
        assert not world.answers_to(posted.id)


async def test_an_image_its_author_takes_back_after_its_answer_is_no_longer_named(
    world: BotWorld, classifier: ChartClassifier, watched_link: str
) -> None:
    """The wrong file, edited out once named: the answer drops it, also where a link's preview joins it later; once
    the message shows none of the charts named, the answer goes."""
    backend = world.env.backend
    posted = await world.alice.send(
        world.channel, f"q3 and q4 {watched_link}", attachments=[("wrong.png", CHART), ("right.png", CHART)]
    )
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["1/2 · wrong.png", "2/2 · right.png"]

    attachments = backend.get_message(world.channel.id, posted.id).attachments
    backend.edit_message(world.channel.id, posted.id, {"attachments": attachments[1:]})
    await world.env.settle()
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["right.png"]

    await _unfurl(world, posted, watched_link)
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["1/2 · right.png", "2/2 · chart.png"]
    assert_answers(answer.embeds[1], classifier.predict(CHART))

    backend.edit_message(world.channel.id, posted.id, {"attachments": [], "embeds": [], "flags": 1 << 2})
    await world.env.settle()
    assert not world.answers_to(posted.id)


async def test_an_image_swapped_for_one_that_is_no_chart_is_no_longer_named(
    world: BotWorld, watched_link: str
) -> None:
    """One edit takes the chart back and puts a blank picture in its place: nothing new to name, and the chart goes."""
    backend = world.env.backend
    posted = await world.alice.send(world.channel, "q3", attachments=[("wrong.png", CHART), ("right.png", CHART)])
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["1/2 · wrong.png", "2/2 · right.png"]

    (blank,) = backend.store_attachments(world.channel.id, [("photo.png", encode(Image.new("RGB", (64, 64), "white")))])
    attachments = backend.get_message(world.channel.id, posted.id).attachments
    backend.edit_message(world.channel.id, posted.id, {"attachments": [blank, attachments[1]]})
    await world.env.settle()
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["right.png"]


async def test_a_link_preview_taken_back_and_put_back_is_named_again(world: BotWorld, watched_link: str) -> None:
    backend = world.env.backend
    posted = await world.alice.send(world.channel, f"q3 {watched_link}")
    await _unfurl(world, posted, watched_link)
    assert len(world.answers_to(posted.id)) == 1

    backend.edit_message(world.channel.id, posted.id, {"embeds": [], "flags": 1 << 2})  # the ✕ on its preview
    await world.env.settle()
    assert not world.answers_to(posted.id)
    backend.edit_message(world.channel.id, posted.id, {"embeds": _previews(watched_link), "flags": 0})
    await world.env.settle()
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text for e in answer.embeds] == ["chart.png"]


async def test_an_image_past_the_first_ten_is_named_once_one_before_it_is_taken_back(world: BotWorld, watched_link: str) -> None:
    backend = world.env.backend
    posted = await world.alice.send(world.channel, "q3", attachments=[(f"{i}.png", CHART) for i in range(11)])
    (answer,) = world.answers_to(posted.id)
    assert len(answer.embeds) == 10 and "left out" in answer.content  # the 11th: one answer names up to 10

    attachments = backend.get_message(world.channel.id, posted.id).attachments
    backend.edit_message(world.channel.id, posted.id, {"attachments": attachments[1:]})
    await world.env.settle()
    (answer,) = world.answers_to(posted.id)
    assert [e.footer.text.split(" · ")[1] for e in answer.embeds] == [f"{i}.png" for i in range(1, 11)]
    assert answer.content == ""


async def test_watch_mode_keeps_working_after_the_gateway_reconnects(tmp_path, classifier: ChartClassifier) -> None:
    """A request in flight as the gateway drops and comes back is answered, and watching goes on."""
    bot = create_bot(Settings(shard_count=1, db_path=tmp_path / "w.db", health_port=None))
    env = simcord.Env(bot, settle_timeout=10.0)
    await env.start()
    try:
        guild = env.create_guild()
        channel = guild.create_text_channel("charts")
        mods = guild.create_role("Mods", permissions=discord.Permissions(manage_channels=True))
        mod = guild.add_member(env.create_user("mod"), roles=[mods])
        await mod.send(channel, "!whatplot-watch on")
        shard, classify = bot.get_shard(0), bot.classify_images

        async def classify_across_a_reconnect(refs, may_renew, asker):
            await shard.disconnect()
            await shard.reconnect()
            return await classify(refs, may_renew, asker)

        bot.classify_images = classify_across_a_reconnect
        asked = await mod.send(channel, "!whatplot", attachments=[("chart.png", CHART)])
        bot.classify_images = classify
        posted = await mod.send(channel, "", attachments=[("chart.png", CHART)])

        answers = {m.reference.message_id: m for m in channel.history() if m.author.id == bot.user.id and m.reference}
        assert_answers(answers[asked.id].embeds[0], classifier.predict(CHART))
        assert_answers(answers[posted.id].embeds[0], classifier.predict(CHART))
    finally:
        await bot.close()
        await env.shutdown()


@pytest.mark.parametrize("denied", ["send_messages", "view_channel"])
async def test_watch_mode_never_answers_by_dm_when_barred_from_the_channel_meanwhile(
    world: BotWorld, monkeypatch, denied: str
) -> None:
    """Where the bot may not post, a command's answer goes to the asker's DMs; nobody asked in watch mode."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    classify = world.bot.classify_images

    async def classify_as_a_moderator_bars_the_bot(refs, may_renew, asker):
        world.deny_the_bot(world.channel, **{denied: True})
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_a_moderator_bars_the_bot)
    await world.bob.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])

    dm_channel = world.env.backend.get_dm_channel(world.bob.id)
    assert world.env.backend.messages.get(dm_channel.id, {}) == {}


async def test_watch_mode_timed_out_by_a_moderator_logs_one_line_and_sends_no_dm(world: BotWorld, caplog) -> None:
    """Discord doesn't tell the bot it is timed out: each chart in a busy channel would log a traceback."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    world.time_out_the_bot()
    posted = await world.bob.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])

    assert world.answers_to(posted.id) == []
    dm_channel = world.env.backend.get_dm_channel(world.bob.id)
    assert world.env.backend.messages.get(dm_channel.id, {}) == {}
    (line,) = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "refused the post for my permissions" in line.getMessage() and not line.exc_info


async def test_a_watched_chart_whose_answer_failed_is_answered_when_edited_into_a_command(
    world: BotWorld, classifier: ChartClassifier, monkeypatch, caplog
) -> None:
    """Discord failing is no fault of the bot's: as for a command's answer, the log gets one line, not a traceback."""
    monkeypatch.setattr("bot.replies.RESEND_DELAY_S", 0.01)
    await world.mod.send(world.channel, "!whatplot-watch on")
    world.env.inject_error("POST", "/channels/*/messages", status=502, times=2)  # the answer, and it sent again
    posted = await world.alice.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])
    assert world.answers_to(posted.id) == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    (line,) = [r for r in caplog.records if r.getMessage().startswith("Couldn't answer user")]
    assert "Discord failed" in line.getMessage() and "502" in line.getMessage() and not line.exc_info

    await world.alice.edit(posted, "!whatplot our numbers")

    assert_answers(world.answer_to(posted).embeds[0], classifier.predict(CHART))


@pytest.mark.bot_settings(cooldown_rate=2, cooldown_per=60.0)
async def test_a_flood_of_charts_gets_a_few_answers_and_asking_still_gets_one(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    await world.mod.send(world.channel, "!whatplot-watch on")
    posted = [await world.alice.send(world.channel, "", attachments=[("chart.png", CHART)]) for _ in range(6)]

    assert [len(world.answers_to(message.id)) for message in posted] == [1, 1, 0, 0, 0, 0]
    request = await world.alice.send(world.channel, "!whatplot", reply_to=posted[-1])
    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


async def test_charts_a_webhook_posts_in_a_watched_channel_are_named(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """Alerts (Grafana), feeds and bridges post by webhook: their charts are what a watched channel is for. A
    webhook's "!whatplot" is no command (discord.py runs none for it), so watch mode names its chart."""
    await world.mod.send(world.channel, "!whatplot-watch on")
    alerts = world.guild.create_webhook(world.channel, "Grafana")
    url = f"{image_server}/chart.png"

    attached = await alerts.send("CPU high", attachments=[("panel.png", CHART)])
    embedded = await alerts.send(embed=discord.Embed(title="[FIRING] CPU high").set_image(url=url))
    commanded = await alerts.send("!whatplot relayed", username="alice (bridged)", attachments=[("c.png", CHART)])

    for posted in (attached, embedded, commanded):
        assert_answers(world.answer_to(posted).embeds[0], classifier.predict(CHART))


async def test_a_webhooks_chart_answered_where_the_bot_cannot_reply_names_no_unknown_user(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Without Read Message History an answer is no reply but names its asker first; a webhook is no user to name."""
    channel = world.channel_where_the_bot_lacks("alerts", read_message_history=False)
    await world.mod.send(channel, "!whatplot-watch on")
    await world.guild.create_webhook(channel, "Grafana").send("CPU high", attachments=[("panel.png", CHART)])
    await world.alice.send(channel, "", attachments=[("chart.png", CHART)])

    _, to_the_webhook, to_alice = world.answers(channel)  # no replies: "Watch mode is on", then the two answers
    assert_answers(to_the_webhook.embeds[0], classifier.predict(CHART))
    assert not to_the_webhook.content and to_alice.content == world.alice.mention


async def test_a_bridged_copy_of_an_answer_is_not_named(world: BotWorld, classifier: ChartClassifier) -> None:
    """A bridge relays the chart and the bot's answer to it into another watched channel by webhook: the chart is
    named there too, the answer (the chart as its embeds' thumbnail) is not: no loop of answers to answers."""
    other = world.guild.create_text_channel("bridged")
    await world.mod.send(world.channel, "!whatplot-watch on")
    await world.mod.send(other, "!whatplot-watch on")
    bridge = world.guild.create_webhook(other, "Bridge")
    posted = await world.alice.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])
    answer = world.answer_to(posted)
    assert answer.embeds[0].thumbnail.url

    chart_copy = await bridge.send(posted.content, username="alice", attachments=[("chart.png", CHART)])
    answer_copy = await bridge.send(answer.content, username="whatplot", embeds=answer.embeds)

    assert_answers(world.answer_to_in(other, chart_copy).embeds[0], classifier.predict(CHART))
    assert not world.answers_to(answer_copy.id, other)
    assert len(world.answers(other)) == 2  # "Watch mode is **on**", and the chart's answer


async def test_watch_mode_never_names_a_bots_post_nor_an_apps_answer_to_a_slash_command(world: BotWorld) -> None:
    """Bots answering each other would never stop: a bot member's post, and an app's answer to a slash command (a
    webhook message of the app) or its followup, get no answer; nor do Discord's system messages."""
    from simcord.enums import MessageType

    await world.mod.send(world.channel, "!whatplot-watch on")
    plotter = world.guild.add_member(world.env.create_user("plotter", bot=True))
    backend = world.env.backend

    def post(**options) -> int:
        attachments = backend.store_attachments(world.channel.id, [("chart.png", CHART)])
        return backend.create_message(world.channel.id, plotter.id, "", attachments=attachments, **options).id

    from simcord.backend import serializers

    used = {"id": str(backend.snowflake()), "type": 2, "user": serializers.user_payload(backend.users[world.alice.id])}
    posted = [
        post(),
        post(webhook_id=plotter.id, interaction_metadata=used, message_type=MessageType.CHAT_INPUT_COMMAND),
        post(webhook_id=plotter.id, interaction_metadata=used),  # a followup
    ]
    attachments = backend.store_attachments(world.channel.id, [("chart.png", CHART)])
    pin = backend.create_message(
        world.channel.id, world.alice.id, "", attachments=attachments, message_type=MessageType.PINS_ADD
    )
    await world.env.settle()

    assert [world.answers_to(message_id) for message_id in (*posted, pin.id)] == [[], [], [], []]


async def test_an_archived_thread_is_watched_by_naming_it(world: BotWorld, classifier: ChartClassifier) -> None:
    """discord.py keeps no archived thread, so it can't find one named; Discord has it, and a post reopens it."""
    backend = world.env.backend
    thread, other = _new_thread(world, world.channel, "q3 numbers"), _new_thread(world, world.channel, "q4 numbers")
    for archived in (thread, other):
        backend.edit_channel(archived.id, {}, thread_metadata={"archived": True})
    await world.env.settle()
    assert world.bot.get_channel(thread.id) is None

    named = await world.mod.send(world.channel, f"!whatplot-watch on {thread.mention}")
    slashed = await world.mod.slash(world.channel, "whatplot-watch", mode="on", channel=other)

    assert world.answer_to(named).content.startswith(f"Watch mode is **on** in <#{thread.id}>: I'll name")
    assert slashed.response.content.startswith(f"Watch mode is **on** in <#{other.id}>: I'll name")
    backend.edit_channel(thread.id, {}, thread_metadata={"archived": False})  # as a post there does
    await world.env.settle()
    posted = await world.alice.send(thread, "found it", attachments=[("c.png", CHART)])
    assert_answers(world.answer_to_in(thread, posted).embeds[0], classifier.predict(CHART))


async def test_naming_a_thread_the_bot_cannot_see_or_no_channel_says_so(world: BotWorld) -> None:
    backend = world.env.backend
    hidden = backend.create_thread(world.channel.id, "staff only", world.mod.id)
    backend.edit_channel(hidden.id, {}, thread_metadata={"archived": True})
    world.env.inject_error("GET", f"/channels/{hidden.id}", status=403, code=50001, message="Missing Access")
    await world.env.settle()

    unseen = await world.mod.send(world.channel, f"!whatplot-watch on <#{hidden.id}>")
    unknown = await world.mod.send(world.channel, "!whatplot-watch on <#123456789012345678>")

    assert world.answer_to(unseen).content == (
        f"I can't see <#{hidden.id}>: add me to the thread, or let me view its channel."
    )
    assert world.answer_to(unknown).content == "I can't find <#123456789012345678> in this server."
    assert not world.bot.get_cog("Watch").store.is_watched(hidden.id)
    world.take_errors()



@pytest.mark.bot_settings(cooldown_rate=1, cooldown_per=60.0)
@pytest.mark.parametrize(
    ("request_text", "answer_text"),
    [
        ("!whatplot-watch", "Watch mode is **off** here"),
        ("!whatplot-watch on", "You need the Manage Channels permission"),  # alice is no moderator
        ("!whatplot-watch maybe", "I didn't understand the words after that command"),
    ],
)
async def test_watch_asked_again_and_again_is_told_to_slow_down(
    world: BotWorld, request_text: str, answer_text: str
) -> None:
    """Each use gets a reply, a refusal too: sent again and again, it mustn't make the bot post as fast as a user
    types, no more than ``!help`` does."""
    for _ in range(3):
        await world.alice.send(world.channel, request_text)

    answered, told = world.answers()
    assert answered.content.startswith(answer_text)
    assert told.content.startswith("Slow down a little")
    requests = [m for m in world.channel.history() if m.author.id == world.alice.id]
    assert sum(any(str(r.emoji) == "⏳" for r in m.reactions) for m in requests) == 1
    world.take_errors()  # the refusals: no fault of the bot's


async def test_a_database_that_fails_mid_run_keeps_the_choice_and_says_so(world: BotWorld, monkeypatch, caplog) -> None:
    """A full disk, or a database file made read-only or locked by another program since the start: the moderator is
    told that nothing changed, and the log says why in one line, without a traceback."""
    import sqlite3

    from bot import watch_store

    def disk_full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(watch_store, "_write_choice", disk_full)
    refused = await world.mod.send(world.channel, "!whatplot-watch on")
    slash = await world.mod.slash(world.channel, "whatplot-watch", mode="on")

    said = (
        "I couldn't save that, so watch mode is still **off** here: my database failed. "
        "I've logged it for whoever runs me; try again later."
    )
    assert world.answer_to(refused).content == said
    assert slash.response.content == said
    assert not world.bot.get_cog("Watch").store.is_watched(world.channel.id)
    assert [error.message for error in world.take_errors()] == [said, said]  # type: ignore[attr-defined]
    failures = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(failures) == 2 and all(record.exc_info is None for record in failures)
    assert "database or disk is full" in failures[0].getMessage()
    assert "WHATPLOT_DB_PATH" in failures[0].getMessage()


async def test_watch_turned_on_then_off_at_once_ends_off_however_the_writes_finish(
    world: BotWorld, monkeypatch
) -> None:
    """Two moderators (or one, quickly) turn it on, then off: the first write held up by a busy disk must not land
    last, leaving the channel watched after the "off" was answered."""
    import time

    from bot import watch_store

    write = watch_store._write_choice

    def on_held_up(path, channel_id: int, enabled: bool) -> None:
        if enabled:
            time.sleep(0.5)
        write(path, channel_id, enabled)

    monkeypatch.setattr(watch_store, "_write_choice", on_held_up)
    on = world.post_via_backend(world.mod, "!whatplot-watch on")
    off = world.post_via_backend(world.mod, "!whatplot-watch off")
    await world.env.settle()

    replies = {m.reference.message_id: m.content for m in world.answers()}
    assert "**on**" in replies[on.id] and "**off**" in replies[off.id]
    assert not world.bot.get_cog("Watch").store.is_watched(world.channel.id)
    bot = await world.restart()
    assert not bot.get_cog("Watch").store.is_watched(world.channel.id)


async def test_naming_a_channel_hidden_from_the_asker_is_as_naming_none(world: BotWorld) -> None:
    """Neither its watch mode nor that it exists is told to someone who may not view it, however they name it.
    (``/whatplot-watch channel:`` offers only the channels they see.)"""
    secret = world.guild.create_text_channel("mod-secret", overwrites={world.alice: discord.PermissionOverwrite(view_channel=False)})

    by_name, no_such_name = [await world.alice.send(world.channel, f"!whatplot-watch {name}") for name in ("mod-secret", "no-such-channel")]
    by_mention = await world.alice.send(world.channel, f"!whatplot-watch on <#{secret.id}>")
    seen_by_a_mod = await world.mod.send(world.channel, f"!whatplot-watch <#{secret.id}>")

    assert world.answer_to(by_name).content == world.answer_to(no_such_name).content
    assert world.answer_to(by_name).content.startswith("I didn't understand the words after that command")
    assert world.answer_to(by_mention).content == f"I can't find <#{secret.id}> in this server."
    assert world.answer_to(seen_by_a_mod).content.startswith(f"Watch mode is **off** in <#{secret.id}>")
    world.take_errors()
