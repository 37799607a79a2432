"""Every way to ask the bot, driven through simcord against the real bot and the real model."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import discord
import pytest
import simcord
from simcord.enums import MessageType

from bot.answer import DELETE_FAILED
from bot.asked_about import ASKER_NO_HISTORY_HINT, DRAWN_STICKER_HINT
from bot.cogs.classify import SLASH_NO_IMAGE_HINT
from bot.errors import Busy
from bot.images import link_images
from classifier import ChartClassifier
from tests.bot_world import (
    BotWorld,
    assert_answers,
    command_problems,
    create_guild_without_the_bot,
    omit_nested_referenced_messages,
    refuse_long_embed_urls,
    request_problems,
)
from tests.images import bar_chart, encode

CHART = encode(bar_chart())
GALLERY = Path(__file__).resolve().parent.parent / "web" / "static" / "gallery"
WIDE_CHART = encode(bar_chart((900, 400)), "JPEG")


async def test_prefix_command_answers_each_attachment_in_order(world: BotWorld, classifier: ChartClassifier) -> None:
    request = await world.alice.send(
        world.channel, "!whatplot", attachments=[("first.png", CHART), ("second.jpg", WIDE_CHART)]
    )

    answer = world.answer_to(request)
    assert [e.footer.text for e in answer.embeds] == ["1/2 · first.png", "2/2 · second.jpg"]
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    assert_answers(answer.embeds[1], classifier.predict(WIDE_CHART))
    assert answer.embeds[0].thumbnail.url == request.attachments[0].url


async def test_images_beyond_ten_are_left_out_and_the_answer_says_so(world: BotWorld, image_server: str) -> None:
    attachments = [(f"chart{i}.png", CHART) for i in range(1, 11)]
    request = await world.alice.send(
        world.channel, f"!whatplot {image_server}/chart.png {image_server}/hop", attachments=attachments
    )

    answer = world.answer_to(request)
    assert [e.footer.text for e in answer.embeds] == [f"{i}/10 · chart{i}.png" for i in range(1, 11)]
    assert "left out the last 2" in answer.content


async def test_a_spoiler_is_answered_without_showing_it(world: BotWorld, classifier: ChartClassifier) -> None:
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("SPOILER_chart.png", CHART)])

    (embed,) = world.answer_to(request).embeds
    assert_answers(embed, classifier.predict(CHART))
    assert embed.thumbnail.url is None


async def test_a_picture_among_charts_is_shown_said_not_to_be_a_chart_and_how_surely(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Of three images, the one that isn't a chart has its thumbnail too (which one is it?) and a confidence."""
    picture = (GALLERY / "not_a_chart.webp").read_bytes()
    predictions = classifier.predict(picture)
    assert predictions[0].label == "not_a_chart"
    request = await world.alice.send(
        world.channel, "!whatplot", attachments=[("a.png", CHART), ("holiday.webp", picture), ("b.jpg", WIDE_CHART)]
    )

    first, second, third = world.answer_to(request).embeds
    assert_answers(second, predictions)
    assert second.title.startswith("That doesn't look like a chart · ")
    assert second.thumbnail.url == request.attachments[1].url
    assert_answers(first, classifier.predict(CHART))
    assert_answers(third, classifier.predict(WIDE_CHART))


async def test_prefix_command_as_reply_to_a_message_with_an_image(world: BotWorld, classifier: ChartClassifier) -> None:
    posted = await world.bob.send(world.channel, "look at this", attachments=[("chart.png", CHART)])
    await world.bob.send(world.channel, "and this", attachments=[("wide.jpg", WIDE_CHART)])  # the latest, not asked about
    request = await world.alice.send(world.channel, "!whatplot", reply_to=posted)

    answer = world.answer_to(request)
    assert [e.footer.text for e in answer.embeds] == ["chart.png"]
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_prefix_command_as_reply_to_an_embed_image(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    webhook = world.guild.create_webhook(world.channel, "plots")
    posted = await webhook.send(embed=discord.Embed(title="Weekly numbers").set_image(url=f"{image_server}/chart.png"))
    await world.bob.send(world.channel, "and this", attachments=[("wide.jpg", WIDE_CHART)])  # the latest, not asked about
    request = await world.alice.send(world.channel, "!whatplot", reply_to=posted)

    answer = world.answer_to(request)
    assert answer.embeds[0].footer.text == "chart.png"
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_prefix_command_with_a_link(world: BotWorld, classifier: ChartClassifier, image_server: str) -> None:
    request = await world.alice.send(world.channel, f"!whatplot <{image_server}/chart.png>")

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


@pytest.mark.parametrize(
    ("written", "thumbnail"),
    [
        ("{server}/page", "{server}/chart.png"),  # the page's og:image: a page shows no thumbnail
        ("||{server}/page||", None),  # nor a spoiler's preview image: the answer keeps it hidden
    ],
)
async def test_a_link_to_a_web_page_is_answered_for_its_preview_image(
    world: BotWorld, classifier: ChartClassifier, image_server: str, written: str, thumbnail: str | None
) -> None:
    request = await world.alice.send(world.channel, f"!whatplot {written.format(server=image_server)}")

    (embed,) = world.answer_to(request).embeds
    assert_answers(embed, classifier.predict(CHART))
    assert embed.thumbnail.url == (thumbnail and thumbnail.format(server=image_server))


async def test_a_reply_to_a_pages_link_names_the_preview_discord_shows_though_the_site_refuses_the_bot(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """Many sites let Discord's crawler make a link's preview but refuse other clients: Discord's copy of the preview
    image is what the asker sees, and what the answer names."""
    page = f"{image_server}/missing"  # 404 to the bot
    posted = await world.bob.send(world.channel, f"our numbers {page}")
    preview = {"url": f"{image_server}/chart.png", "proxy_url": f"{image_server}/chart.png", "width": 640, "height": 480}
    world.env.backend.edit_message(world.channel.id, posted.id, {"embeds": [{"type": "article", "url": page, "thumbnail": preview}]})
    await world.env.settle()
    request = await world.alice.send(world.channel, "!whatplot", reply_to=posted)

    (embed,) = world.answer_to(request).embeds
    assert_answers(embed, classifier.predict(CHART))
    assert embed.thumbnail.url == f"{image_server}/chart.png"


async def test_the_thumbnail_is_the_pictures_link_not_where_its_redirects_led(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """The page's preview image link, and a link to a picture as given: Discord follows their redirects itself,
    and where those lead may be a signed link that soon expires (see :class:`classifier.download.Downloaded`)."""
    result = await world.alice.slash(world.channel, "whatplot", url=f"{image_server}/gallery {image_server}/short")

    gallery, short = result.response.embeds
    assert_answers(gallery, classifier.predict(CHART))
    assert gallery.thumbnail.url == f"{image_server}/latest.png"
    assert short.thumbnail.url == f"{image_server}/short"


async def test_a_preview_image_link_too_long_for_a_thumbnail_is_answered_without_one(
    world: BotWorld, classifier: ChartClassifier, image_server: str, monkeypatch
) -> None:
    refuse_long_embed_urls(monkeypatch)
    request = await world.alice.send(world.channel, f"!whatplot {image_server}/long-page")

    (embed,) = world.answer_to(request).embeds
    assert_answers(embed, classifier.predict(CHART))
    assert embed.thumbnail.url is None


async def test_prefix_command_in_a_direct_message(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    request = await world.alice.send_dm(f"!whatplot {image_server}/chart.png")

    (answer,) = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    assert answer.reference.message_id == request.id
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_an_image_sent_alone_in_a_direct_message_is_answered(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)
    attached = await world.alice.send_dm(
        attachments=world.env.backend.store_attachments(dm_channel.id, [("wide.png", WIDE_CHART)])
    )
    linked = await world.alice.send_dm(f"what is this? {image_server}/chart.png")
    chat = await world.alice.send_dm("thanks!")
    notes = await world.alice.send_dm(
        attachments=world.env.backend.store_attachments(dm_channel.id, [("notes.txt", b"not a chart")])
    )

    bot_messages = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    answers = {m.reference.message_id: m for m in bot_messages}
    assert_answers(answers[attached.id].embeds[0], classifier.predict(WIDE_CHART))
    assert_answers(answers[linked.id].embeds[0], classifier.predict(CHART))
    assert chat.id not in answers  # chat without a picture isn't a question
    assert "isn't an image" in answers[notes.id].embeds[0].description  # a file sent alone is answered, if only to say so


async def test_a_message_forwarded_to_the_bot_in_a_direct_message_is_answered(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    attached = await world.bob.send(world.channel, "from the report", attachments=[("wide.jpg", WIDE_CHART)])
    linked = await world.bob.send(world.channel, f"and this one: <{image_server}/chart.png>")
    forwards = [await world.alice.forward(original, world.alice.user.dm_channel) for original in (attached, linked)]

    bot_messages = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]
    answers = {m.reference.message_id: m for m in bot_messages}
    assert_answers(answers[forwards[0].id].embeds[0], classifier.predict(WIDE_CHART))
    assert_answers(answers[forwards[1].id].embeds[0], classifier.predict(CHART))


async def test_mentioning_the_bot_works_like_the_prefix(world: BotWorld, classifier: ChartClassifier) -> None:
    request = await world.alice.send(
        world.channel, f"<@{world.bot.user.id}> whatplot", attachments=[("chart.png", CHART)]
    )

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


async def test_a_message_that_only_mentions_the_bot_asks_it(world: BotWorld, classifier: ChartClassifier) -> None:
    bare = await world.alice.send(world.channel, f"<@{world.bot.user.id}>", attachments=[("chart.png", CHART)])
    question = await world.bob.send(
        world.channel, f"<@{world.bot.user.id}> what is this?", attachments=[("chart.png", WIDE_CHART)]
    )

    assert_answers(world.answer_to(bare).embeds[0], classifier.predict(CHART))
    assert_answers(world.answer_to(question).embeds[0], classifier.predict(WIDE_CHART))


async def test_mentioning_the_bots_own_role_works_like_mentioning_the_bot(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Typing "@whatplot" offers the bot and the role Discord made for it, named alike; people pick either."""
    (role,) = [r for r in world.guild.me.roles if r.managed]
    bare = await world.alice.send(world.channel, f"<@&{role.id}>", attachments=[("chart.png", CHART)])
    command = await world.bob.send(world.channel, f"<@&{role.id}> whatplot", attachments=[("wide.jpg", WIDE_CHART)])
    await world.alice.send(world.channel, f"<@&{role.id}> help")

    assert_answers(world.answer_to(bare).embeds[0], classifier.predict(CHART))
    assert_answers(world.answer_to(command).embeds[0], classifier.predict(WIDE_CHART))
    assert "whatplot-watch" in world.answers()[-1].content  # the help command's text


async def test_a_mention_further_on_in_a_message_with_an_image_asks_the_bot(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    me = f"<@{world.bot.user.id}>"
    asked = await world.alice.send(world.channel, f"what is this, {me}?", attachments=[("chart.png", CHART)])
    answer = world.answer_to(asked)
    chat = await world.bob.send(world.channel, f"thanks {me}, that helped")  # no image: chat
    pinged = await world.bob.send(world.channel, "mine's wrong", attachments=[("c.png", CHART)], reply_to=answer)

    assert_answers(answer.embeds[0], classifier.predict(CHART))
    assert world.bot.user in pinged.mentions  # replying to the bot pings it, but names it nowhere in the words
    assert not world.answers_to(chat.id) and not world.answers_to(pinged.id)


async def test_a_mention_written_as_code_asks_nothing(world: BotWorld, classifier: ChartClassifier) -> None:
    """Discord shows a mention in code as written, and pings no one: "type `@whatplot`" explains, it doesn't ask."""
    me = f"<@{world.bot.user.id}>"
    inline = await world.alice.send(world.channel, f"to ask it, type `{me}` with", attachments=[("c.png", CHART)])
    block = await world.bob.send(world.channel, f"like so:\n```\n{me} what?\n```", attachments=[("c.png", CHART)])
    escaped = await world.alice.send(world.channel, f"or \\{me} it", attachments=[("c.png", CHART)])
    asked = await world.bob.send(world.channel, f"`code` then {me}?", attachments=[("c.png", CHART)])

    assert not world.answers_to(inline.id) and not world.answers_to(block.id) and not world.answers_to(escaped.id)
    assert_answers(world.answer_to(asked).embeds[0], classifier.predict(CHART))


async def test_a_mention_with_nothing_to_look_at_gives_the_hint(world: BotWorld) -> None:
    request = await world.alice.send(world.channel, f"<@{world.bot.user.id}> hello")

    assert "couldn't find an image" in world.answer_to(request).content
    assert [e.kind for e in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]


async def test_a_mention_before_another_command_runs_that_command(world: BotWorld) -> None:
    await world.alice.send(world.channel, f"<@{world.bot.user.id}> help")

    (answer,) = world.answers()  # the help command sends its text to the channel, not as a reply
    assert "whatplot-watch" in answer.content and not answer.embeds


async def test_a_blank_after_the_prefix_is_forgiven(world: BotWorld, classifier: ChartClassifier) -> None:
    """A phone's keyboard puts a blank after "!"."""
    request = await world.alice.send(world.channel, "! whatplot", attachments=[("chart.png", CHART)])

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))


@pytest.mark.parametrize(
    "text",
    [
        "!whatplot\u200b",  # a zero-width space copied along with the command
        "!\u200bwhatplot",
        "!whatplot\u2060 what is this?",  # a word joiner
        "\uff01whatplot",  # "！whatplot": the "!" of a Chinese or Japanese keyboard
        "\uff01 whatplot",
    ],
)
async def test_a_command_with_invisible_characters_or_a_full_width_prefix_is_answered(
    world: BotWorld, classifier: ChartClassifier, text: str
) -> None:
    """Either looks like "!whatplot" in Discord; neither must get "Did you mean `!whatplot`?", or nothing."""
    request = await world.alice.send(world.channel, text, attachments=[("chart.png", CHART)])

    (answer,) = world.answers_to(request.id)
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_near_miss_with_invisible_characters_gets_the_visible_did_you_mean(world: BotWorld) -> None:
    request = await world.alice.send(world.channel, "\uff01whatplt\u200b")

    assert world.answer_to(request).content == "Did you mean `\uff01whatplot`?"


async def test_words_after_the_command_are_chat_not_links(world: BotWorld, classifier: ChartClassifier) -> None:
    question = await world.alice.send(
        world.channel, '!whatplot what kind of "chart is this?', attachments=[("chart.png", CHART)]
    )

    (embed,) = world.answer_to(question).embeds
    assert_answers(embed, classifier.predict(CHART))


async def test_bare_prefix_command_names_the_latest_image_in_the_channel(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    await world.bob.send(world.channel, "older", attachments=[("old.png", WIDE_CHART)])
    await world.bob.send(world.channel, "newer", attachments=[("new.png", CHART)])
    await world.bob.send(world.channel, "no picture here")
    request = await world.alice.send(world.channel, "!whatplot")

    answer = world.answer_to(request)
    assert [e.footer.text for e in answer.embeds] == ["new.png"]
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_forwarded_images_are_found_by_replies_and_by_the_bare_command(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    elsewhere = world.guild.create_text_channel("elsewhere")
    original = await world.bob.send(elsewhere, "from the report", attachments=[("forwarded.png", CHART)])
    forward = await world.bob.forward(original, world.channel)

    bare = await world.alice.send(world.channel, "!whatplot")
    await world.bob.send(world.channel, "and this", attachments=[("wide.jpg", WIDE_CHART)])  # the latest now
    replying = await world.alice.send(world.channel, "!whatplot", reply_to=forward)

    for request in (replying, bare):
        answer = world.answer_to(request)
        assert [e.footer.text for e in answer.embeds] == ["forwarded.png"]
        assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_forwarded_link_is_found_by_replies_the_bare_command_and_name_this_chart(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    elsewhere = world.guild.create_text_channel("elsewhere")
    original = await world.bob.send(elsewhere, f"from the report: <{image_server}/chart.png>")
    forward = await world.bob.forward(original, world.channel)

    bare = await world.alice.send(world.channel, "!whatplot")
    replying = await world.alice.send(world.channel, "!whatplot", reply_to=forward)
    menu = await world.alice.context_menu(world.channel, "Name this chart", forward)

    for embeds in (world.answer_to(bare).embeds, world.answer_to(replying).embeds, menu.response.embeds):
        assert [e.footer.text for e in embeds] == ["chart.png"]
        assert_answers(embeds[0], classifier.predict(CHART))


async def test_bare_commands_in_a_thread_find_the_image_of_the_message_it_was_started_from(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    posted = await world.bob.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])
    world.env.backend.create_thread(world.channel.id, "about these numbers", world.alice.id, message_id=posted.id)
    (thread,) = world.channel.threads
    # Discord opens such a thread with a "thread starter message" that refers to the message in the channel.
    world.guild.create_system_message(
        thread, MessageType.THREAD_STARTER_MESSAGE, author=world.bob, referenced_message=posted
    )
    await world.alice.send(thread, "what kind of chart is that?")

    request = await world.alice.send(thread, "!whatplot")
    slashed = await world.alice.slash(thread, "whatplot")

    for embeds in (world.answer_to_in(thread, request).embeds, slashed.response.embeds):
        assert [e.footer.text for e in embeds] == ["chart.png"]
        assert_answers(embeds[0], classifier.predict(CHART))


@pytest.mark.parametrize("in_a_forum", [True, False], ids=["forum post", "thread started from a message"])
async def test_bare_commands_in_a_long_thread_find_the_image_of_its_first_message(
    world: BotWorld, classifier: ChartClassifier, in_a_forum: bool
) -> None:
    """A help thread runs past the 10 messages a bare command reads; the chart it is about is in its first
    message (in a forum: the post's; else the message it was started from, in the channel)."""
    backend = world.env.backend
    if in_a_forum:
        forum = world.guild.create_forum_channel("chart-help")
        thread = await world.open_forum_post(
            forum, world.bob, "what chart is this?", "seen in a report", [("chart.png", CHART)]
        )
    else:
        posted = await world.bob.send(world.channel, "our numbers", attachments=[("chart.png", CHART)])
        backend.create_thread(world.channel.id, "about these numbers", world.bob.id, message_id=posted.id)
        (thread,) = world.channel.threads
        world.guild.create_system_message(
            thread, MessageType.THREAD_STARTER_MESSAGE, author=world.bob, referenced_message=posted
        )
    for n in range(world.bot.settings.history_limit + 2):
        await world.alice.send(thread, f"no idea, {n}")
    world.bot._connection._messages.clear()  # a post opened long ago: its first message is out of the cache too

    request = await world.alice.send(thread, "!whatplot")
    slashed = await world.alice.slash(thread, "whatplot")

    for embeds in (world.answer_to_in(thread, request).embeds, slashed.response.embeds):
        assert [e.footer.text for e in embeds] == ["chart.png"]
        assert_answers(embeds[0], classifier.predict(CHART))


async def test_a_bare_command_never_names_a_link_in_the_bots_own_messages(world: BotWorld) -> None:
    """The hint has an example link to an image file: asking again must give the hint again, not name that."""
    hinted = await world.alice.send(world.channel, "!whatplot")
    assert "https://example.com/chart.png" in world.answer_to(hinted).content

    again = await world.alice.send(world.channel, "!whatplot")
    slashed = await world.bob.slash(world.channel, "whatplot")

    assert "couldn't find an image" in world.answer_to(again).content
    assert slashed.response.content == SLASH_NO_IMAGE_HINT
    assert [e.kind for e in world.take_errors()] == ["no_image"] * 3  # type: ignore[attr-defined]


async def test_a_link_without_its_https_is_not_taken_for_chat(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """``example.com/chart.png`` is a link its writer forgot the ``https://`` of (Discord shows it as plain text): not
    chat, after which the bare command would name another image, the channel's latest. The hint says how to write it,
    and editing the link in asks again. Words that merely have a dot and a slash stay chat."""
    await world.bob.send(world.channel, "last week's", attachments=[("old.png", WIDE_CHART)])
    host = image_server.removeprefix("http://")
    request = await world.alice.send(world.channel, f"!whatplot what is {host}/chart.png?")
    www = await world.alice.send(world.channel, "!whatplot www.example.com")
    chat = await world.alice.send(world.channel, "!whatplot is this Node.js/React?")

    assert world.answer_to(request).content == (
        f"`{host}/chart.png` isn't a link I can open: write it with its https:// (or http://) in front."
    )
    assert world.answer_to(www).content == (
        "`www.example.com` isn't a link I can open: write it with its https:// (or http://) in front."
    )
    assert [e.footer.text for e in world.answer_to(chat).embeds] == ["old.png"]
    assert [e.kind for e in world.take_errors()] == ["no_image", "no_image"]  # type: ignore[attr-defined]

    await world.alice.edit(request, f"!whatplot what is {image_server}/chart.png?")
    hint, answer = world.answers_to(request.id)
    assert [e.footer.text for e in answer.embeds] == ["chart.png"]
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_files_path_with_a_dot_in_its_folder_stays_chat(world: BotWorld) -> None:
    """A path such as ``v1.2/3.png`` or ``results.v2/chart.png`` has a dot and names an image file, but no host ends
    in a top-level domain like ``v2`` or ``2``: chat, after which the bare command names the channel's latest image."""
    await world.bob.send(world.channel, "last week's", attachments=[("old.png", WIDE_CHART)])
    asks = [
        await world.alice.send(world.channel, f"!whatplot {words}")
        for words in ("is this v1.2/3.png?", "same as results.v2/chart.png", "like figure 2.1/fig.png")
    ]

    for ask in asks:
        assert [e.footer.text for e in world.answer_to(ask).embeds] == ["old.png"]
    assert not world.take_errors()  # type: ignore[attr-defined]


async def test_bare_prefix_command_without_any_image_gives_a_hint(world: BotWorld) -> None:
    request = await world.alice.send(world.channel, "!whatplot")

    answer = world.answer_to(request)
    assert "couldn't find an image" in answer.content
    assert "!whatplot https://" in answer.content
    assert [e.kind for e in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]


async def test_bare_commands_never_show_an_image_the_asker_may_not_read_back_to(world: BotWorld) -> None:
    """Where a member may not read the channel's history (a support channel, say), Discord hides the messages posted
    before they came: the latest image among them is not theirs to see, in an answer's thumbnail or otherwise."""
    support = world.guild.create_text_channel(
        "support", overwrites={world.alice: discord.PermissionOverwrite(read_message_history=False)}
    )
    await world.bob.send(support, "our numbers", attachments=[("payroll.png", CHART)])

    answer = world.answer_to_in(support, await world.alice.send(support, "!whatplot"))
    result = await world.alice.slash(support, "whatplot")

    assert answer.content == ASKER_NO_HISTORY_HINT and not answer.embeds
    assert result.ephemeral and result.response.content == ASKER_NO_HISTORY_HINT and not result.response.embeds
    assert [e.kind for e in world.take_errors()] == ["no_image", "no_image"]  # type: ignore[attr-defined]


async def test_a_near_miss_of_a_command_gets_a_did_you_mean(world: BotWorld) -> None:
    typo = await world.alice.send(world.channel, "!whatplt", attachments=[("chart.png", CHART)])
    another_bots = await world.alice.send(world.channel, "!whatpoll yes or no?")

    assert world.answer_to(typo).content == "Did you mean `!whatplot`?"
    assert not world.answers_to(another_bots.id)


async def test_reply_to_a_message_without_an_image_says_so(world: BotWorld) -> None:
    posted = await world.bob.send(world.channel, "just words")
    request = await world.alice.send(world.channel, "!whatplot", reply_to=posted)

    assert world.answer_to(request).content == "The message you replied to has no image I can see."
    world.take_errors()


async def test_a_reply_to_a_question_about_an_image_names_that_image(
    world: BotWorld, classifier: ChartClassifier, monkeypatch
) -> None:
    omit_nested_referenced_messages(monkeypatch)
    posted = await world.bob.send(world.channel, "look", attachments=[("chart.png", CHART)])
    question = await world.alice.send(world.channel, "what kind of chart is this?", reply_to=posted)
    follow_up = await world.bob.send(world.channel, "no idea", reply_to=question)
    request = await world.mod.send(world.channel, "!whatplot", reply_to=question)
    too_far = await world.mod.send(world.channel, "!whatplot", reply_to=follow_up)

    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    assert world.answer_to(too_far).content == "The message you replied to has no image I can see."  # one step up only
    world.take_errors()


async def test_a_reply_edited_into_a_command_after_its_message_was_deleted_says_so(world: BotWorld) -> None:
    posted = await world.bob.send(world.channel, "look", attachments=[("chart.png", CHART)])
    reply = await world.alice.send(world.channel, "hmm", reply_to=posted)
    await world.bob.delete(posted)
    await world.alice.edit(reply, "!whatplot")

    assert world.answer_to(reply).content == "The message you replied to was deleted."
    world.take_errors()


async def test_a_reply_to_a_question_about_a_deleted_chart_says_it_was_deleted(world: BotWorld) -> None:
    posted = await world.bob.send(world.channel, "look", attachments=[("chart.png", CHART)])
    question = await world.alice.send(world.channel, "what kind of chart is this?", reply_to=posted)
    await world.bob.delete(posted)
    request = await world.mod.send(world.channel, "!whatplot", reply_to=question)

    expected = "The message you replied to has no image, and the message it replies to was deleted."
    assert world.answer_to(request).content == expected
    world.take_errors()


async def test_a_reply_to_a_question_about_a_chart_the_bot_may_not_read_says_why(world: BotWorld, monkeypatch) -> None:
    omit_nested_referenced_messages(monkeypatch)
    channel = world.channel_where_the_bot_lacks("no-history", read_message_history=False)
    posted = await world.bob.send(channel, "look", attachments=[("chart.png", CHART)])
    question = await world.alice.send(channel, "what kind of chart is this?", reply_to=posted)
    await world.mod.send(channel, "!whatplot", reply_to=question)

    (answer,) = world.answers(channel)
    assert answer.content == (
        f"{world.mod.mention} The message you replied to has no image, and I can't read the message it replies to: "
        "I need the Read Message History permission here."
    )
    world.take_errors()


async def test_a_reply_to_a_forward_without_images_does_not_look_past_it(world: BotWorld) -> None:
    """A forward refers to the message it copies, elsewhere; it is no question about that message's images."""
    elsewhere = world.guild.create_text_channel("elsewhere")
    posted = await world.bob.send(elsewhere, "just words")
    forwarded = await world.bob.forward(posted, world.channel)
    await world.bob.delete(posted)  # the forward stays, with its copy of the words
    request = await world.alice.send(world.channel, "!whatplot", reply_to=forwarded)

    assert world.answer_to(request).content == "The message you replied to has no image I can see."
    world.take_errors()


async def test_slash_command_with_an_image(world: BotWorld, classifier: ChartClassifier) -> None:
    result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))

    assert result.acknowledged and not result.ephemeral
    assert_answers(result.response.embeds[0], classifier.predict(CHART))


async def test_slash_command_with_a_url(world: BotWorld, classifier: ChartClassifier, image_server: str) -> None:
    result = await world.alice.slash(world.channel, "whatplot", url=f"{image_server}/chart.png")

    assert_answers(result.response.embeds[0], classifier.predict(CHART))


async def test_slash_command_with_image_and_url_answers_both(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    result = await world.alice.slash(
        world.channel, "whatplot", image=("wide.jpg", WIDE_CHART), url=f"{image_server}/chart.png"
    )

    first, second = result.response.embeds
    assert_answers(first, classifier.predict(WIDE_CHART))
    assert_answers(second, classifier.predict(CHART))


async def test_private_slash_command_answers_ephemerally(world: BotWorld, classifier: ChartClassifier) -> None:
    result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART), private=True)

    assert result.ephemeral and result.response.ephemeral
    assert_answers(result.response.embeds[0], classifier.predict(CHART))
    assert result.response.components == []  # nothing to delete: only alice sees it
    assert all(m.id != result.response.id for m in world.channel.history(viewer=world.bob))


async def test_where_the_asker_may_not_post_the_answer_is_theirs_alone(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    """Discord lets members use app commands in a channel where they may not post (announcements): the bot doesn't
    post there for them, and answers them privately."""
    announcements = world.guild.create_text_channel(
        "announcements",
        overwrites={
            world.guild.default_role: discord.PermissionOverwrite(send_messages=False),
            world.mod: discord.PermissionOverwrite(send_messages=True),
        },
    )
    posted = await world.mod.send(announcements, "Q3 is out", attachments=[("q3.png", CHART)])

    menu = await world.alice.context_menu(announcements, "Name this chart", posted)
    slash = await world.alice.slash(announcements, "whatplot", image=("chart.png", CHART))
    by_the_mod = await world.mod.context_menu(announcements, "Name this chart", posted)

    for result in (menu, slash):
        assert result.ephemeral and result.response.ephemeral
        assert_answers(result.response.embeds[0], classifier.predict(CHART))
    assert not by_the_mod.ephemeral  # who may post there gets the answer in the channel, as anywhere
    assert [answer.id for answer in world.answers(announcements)] == [by_the_mod.response.id]


async def test_bare_slash_command_names_the_latest_image(world: BotWorld, classifier: ChartClassifier) -> None:
    await world.bob.send(world.channel, "here", attachments=[("chart.png", CHART)])
    result = await world.alice.slash(world.channel, "whatplot")

    assert_answers(result.response.embeds[0], classifier.predict(CHART))


async def test_bare_slash_command_without_any_image_hints_privately(world: BotWorld) -> None:
    result = await world.alice.slash(world.channel, "whatplot")

    assert result.ephemeral
    assert result.response.content == SLASH_NO_IMAGE_HINT  # no "reply to a message" nor `!whatplot`: not for a slash command
    world.take_errors()


async def test_name_this_chart_context_menu(world: BotWorld, classifier: ChartClassifier) -> None:
    posted = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])
    result = await world.alice.context_menu(world.channel, "Name this chart", posted)

    assert not result.ephemeral
    assert_answers(result.response.embeds[0], classifier.predict(CHART))


async def test_a_message_with_a_link_but_no_preview_can_be_asked_about(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """A posted link shows no preview when the poster wrapped it in <...>, or before Discord unfurls it."""
    posted = await world.bob.send(world.channel, f"this week: <{image_server}/chart.png>")
    await world.bob.send(world.channel, "and this", attachments=[("wide.jpg", WIDE_CHART)])  # the latest, not asked about

    request = await world.alice.send(world.channel, "!whatplot", reply_to=posted)
    assert [e.footer.text for e in world.answer_to(request).embeds] == ["chart.png"]
    assert_answers(world.answer_to(request).embeds[0], classifier.predict(CHART))
    result = await world.alice.context_menu(world.channel, "Name this chart", posted)
    assert_answers(result.response.embeds[0], classifier.predict(CHART))


async def test_name_this_chart_on_a_message_without_image(world: BotWorld) -> None:
    posted = await world.bob.send(world.channel, "no image")
    result = await world.alice.context_menu(world.channel, "Name this chart", posted)

    assert result.ephemeral
    assert result.response.content == "That message has no image I can see."
    world.take_errors()


async def test_a_sticker_that_is_a_picture_can_be_asked_about(world: BotWorld, classifier: ChartClassifier) -> None:
    await world.bob.send(world.channel, "the report", attachments=[("old.png", WIDE_CHART)])
    sticker = await world.send_sticker(world.bob, "q3", CHART, discord.StickerFormatType.png)
    lottie = await world.send_sticker(world.bob, "wave", b'{"v": "5.7"}', discord.StickerFormatType.lottie)

    replied = world.answer_to(await world.alice.send(world.channel, "!whatplot", reply_to=sticker))
    menu = await world.alice.context_menu(world.channel, "Name this chart", sticker)
    bare = world.answer_to(await world.alice.send(world.channel, "!whatplot"))
    about_lottie = world.answer_to(await world.alice.send(world.channel, "!whatplot", reply_to=lottie))

    for embed in (replied.embeds[0], menu.response.embeds[0]):
        assert embed.footer.text == "q3 (sticker)"
        assert_answers(embed, classifier.predict(CHART))
    assert bare.embeds[0].footer.text == "old.png"  # a sticker posted after a chart is no chart to name
    assert about_lottie.content == "The message you replied to has no image I can see."  # an animation Discord draws
    assert [e.kind for e in world.take_errors()] == ["no_image"]


async def test_a_request_whose_only_image_is_a_lottie_sticker_says_so(world: BotWorld) -> None:
    """A Lottie sticker sent along with ``!whatplot`` is what the asker asks about: it is no picture, and the channel's
    latest image, named instead, would answer a question about another."""
    await world.bob.send(world.channel, "the report", attachments=[("old.png", WIDE_CHART)])
    request = await world.send_sticker(
        world.alice, "wave", b'{"v": "5.7"}', discord.StickerFormatType.lottie, content="!whatplot"
    )

    answer = world.answer_to(request)
    assert not answer.embeds
    assert answer.content == DRAWN_STICKER_HINT
    assert [e.kind for e in world.take_errors()] == ["no_image"]


async def test_only_the_asker_can_delete_an_answer(world: BotWorld) -> None:
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    answer = world.answer_to(request)

    refused = await world.bob.click(answer, label="Delete")
    assert refused.ephemeral and "Only the person who asked, or a moderator" in refused.response.content
    assert answer.id in [m.id for m in world.answers()]

    await world.alice.click(answer, label="Delete")
    assert answer.id not in [m.id for m in world.answers()]


async def test_a_moderator_can_delete_an_answer(world: BotWorld) -> None:
    """One who may delete anyone's messages may delete the bot's answer with its button too."""
    moderators = world.guild.create_role("Moderators", permissions=discord.Permissions(manage_messages=True))
    moderator = world.guild.add_member(world.env.create_user("moderator"), roles=[moderators])
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])

    await moderator.click(world.answer_to(request), label="Delete")
    assert world.answers() == []


async def test_the_delete_button_works_after_a_restart(world: BotWorld) -> None:
    result = await world.alice.slash(world.channel, "whatplot", image=("chart.png", CHART))
    await world.restart()

    await world.alice.click(result.response.message, label="Delete")
    assert world.answers() == []


async def test_links_as_spoilers_masked_links_and_in_sentences(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    chart = f"{image_server}/chart.png"
    spoiler = await world.alice.send(world.channel, f"!whatplot ||{chart}|| and ||<{image_server}/hop>||")
    masked = await world.alice.send(world.channel, f"!whatplot is [this one]({chart}) a bar chart?")
    sentence = await world.alice.send(world.channel, f"!whatplot what are {chart}, and {image_server}/hop.")

    spoilt = world.answer_to(spoiler).embeds
    assert [e.thumbnail.url for e in spoilt] == [None, None]  # the answer keeps the spoiler hidden
    for embed in [*spoilt, *world.answer_to(masked).embeds, *world.answer_to(sentence).embeds]:
        assert_answers(embed, classifier.predict(CHART))
    assert [e.footer.text for e in world.answer_to(sentence).embeds] == ["1/2 · chart.png", "2/2 · hop"]


async def test_slash_command_url_option_with_two_links(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    result = await world.alice.slash(world.channel, "whatplot", url=f"<{image_server}/chart.png> {image_server}/hop")

    assert len(result.response.embeds) == 2
    for embed in result.response.embeds:
        assert_answers(embed, classifier.predict(CHART))


async def test_the_same_link_given_twice_is_named_once(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    chart = f"{image_server}/chart.png"
    request = await world.alice.send(world.channel, f"!whatplot {chart} or <{chart}>?")
    result = await world.alice.slash(world.channel, "whatplot", url=f"{chart} {chart}")

    for embeds in (world.answer_to(request).embeds, result.response.embeds):
        (embed,) = embeds
        assert_answers(embed, classifier.predict(CHART))
        assert embed.footer.text == "chart.png"


async def test_a_request_edited_to_another_link_while_being_answered_names_that_link(
    world: BotWorld, classifier: ChartClassifier, image_server: str, monkeypatch
) -> None:
    """The answer goes out under the message as it reads then: naming the link it no longer shows would confuse."""
    classify = world.bot.classify_images
    edited = []

    async def classify_as_the_request_is_edited(refs, may_renew, asker):
        if not edited:
            (request,) = [m for m in world.env.backend.messages[world.channel.id].values() if m.content.startswith("!")]
            world.env.backend.edit_message(world.channel.id, request.id, {"content": f"!whatplot {image_server}/hop"})
            edited.append(request.id)
        return await classify(refs, may_renew, asker)

    monkeypatch.setattr(world.bot, "classify_images", classify_as_the_request_is_edited)
    request = await world.alice.send(world.channel, f"!whatplot {image_server}/chart.png")
    await world.env.settle()

    (answer,) = world.answers_to(request.id)
    assert [e.footer.text for e in answer.embeds] == ["hop"]
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_message_edited_into_a_command_is_answered_once(world: BotWorld, classifier: ChartClassifier) -> None:
    typo = await world.alice.send(world.channel, "!whatplt", attachments=[("chart.png", CHART)])
    await world.alice.edit(typo, "!whatplot")
    await world.alice.edit(typo, "!whatplot please")  # a command already: answered when it became one

    hint, answer = world.answers_to(typo.id)
    assert hint.content == "Did you mean `!whatplot`?"
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_request_refused_with_a_hint_is_answered_once_edited_to_give_a_link(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """The hint says to give a link: editing one into the request is asking again. Fixing a typo in its words isn't."""
    request = await world.alice.send(world.channel, "!whatplot what is this?")
    await world.alice.edit(request, "!whatplot what is this")
    await world.alice.edit(request, f"!whatplot what is this {image_server}/chart.png")

    hint, answer = world.answers_to(request.id)
    assert hint.content.startswith("I couldn't find an image.")
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    assert [e.kind for e in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]


async def test_a_request_whose_link_failed_is_answered_again_once_edited_to_another_link(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    """Editing the request is how a mistyped link gets fixed; a request whose answer named a chart isn't asked again."""
    request = await world.alice.send(world.channel, f"!whatplot {image_server}/missing")
    await world.alice.edit(request, f"!whatplot oops {image_server}/missing")  # its words only: the same answer again
    await world.alice.edit(request, f"!whatplot {image_server}/chart.png")
    await world.alice.edit(request, f"!whatplot {image_server}/hop")  # answered: no third answer

    failed, answer = world.answers_to(request.id)
    assert "404" in failed.embeds[0].description
    assert_answers(answer.embeds[0], classifier.predict(CHART))


async def test_a_request_the_busy_queue_had_no_room_for_is_answered_again_once_its_links_are_edited(
    world: BotWorld, classifier: ChartClassifier, image_server: str, monkeypatch
) -> None:
    monkeypatch.setattr(world.bot.inference, "max_pending", 0)  # busy: no image gets in
    request = await world.alice.send(world.channel, f"!whatplot {image_server}/chart.png")
    monkeypatch.setattr(world.bot.inference, "max_pending", 32)
    await world.alice.edit(request, f"!whatplot {image_server}/hop")

    busy, answer = world.answers_to(request.id)
    assert busy.content == Busy().message
    assert_answers(answer.embeds[0], classifier.predict(CHART))
    assert [type(e) for e in world.take_errors()] == [Busy]


async def test_help_says_how_to_ask_and_how_to_use_each_command(world: BotWorld) -> None:
    await world.alice.send(world.channel, "!help")
    await world.alice.send(world.channel, "!help whatplot-watch")

    overview, watch = world.answers()
    assert "Attach it to `!whatplot`" in overview.content and "`/whatplot`" in overview.content
    assert "!whatplot-watch [on|off] [#channel]" in watch.content
    assert "No description given" not in overview.content + watch.content
    assert "For more on a command, type !help and its name, e.g. !help whatplot-watch." in overview.content
    assert "category" not in overview.content  # discord.py's word for a cog


@pytest.mark.bot_settings(prefix="?")
async def test_the_bots_status_says_how_to_ask_it_with_its_own_prefix(world: BotWorld) -> None:
    activity = world.bot.activity  # read once: discord.py's getter takes the name out of the payload it keeps
    assert isinstance(activity, discord.CustomActivity)  # shown as is, without "Playing" in front
    assert activity.name == "Name a chart: /whatplot or ?whatplot"
    await world.alice.send(world.channel, "?whatplot", attachments=[("chart.png", CHART)])
    assert world.answers()[0].embeds  # the prefix it shows is the one it answers to


async def test_help_about_a_command_the_bot_lacks_says_so(world: BotWorld) -> None:
    await world.alice.send(world.channel, "!help **nosuch**")

    (answer,) = world.answers()
    assert answer.content == 'I have no command called "\\*\\*nosuch\\*\\*". Type `!help` to see mine.'
    assert answer.reference is None  # sent to the channel, as the help is


async def test_help_about_a_command_name_a_message_long_quotes_only_its_start(world: BotWorld) -> None:
    name = "x" * 1990  # the rest of a message as long as Discord lets a user send
    await world.alice.send(world.channel, f"!help {name}")

    (answer,) = world.answers()
    assert answer.content == f'I have no command called "{"x" * 99}…". Type `!help` to see mine.'


def test_the_synced_app_commands_fit_discords_limits(world: BotWorld) -> None:
    """Discord refuses to sync an app command over one of its limits (a description over 100 characters,
    a slash command's name in capitals): the commands the bot synced as it started are all within them."""
    (synced,) = [r.json for r in world.env.backend.http_requests if r.method == "PUT" and r.path.endswith("/commands")]
    assert {command["name"] for command in synced} >= {"whatplot", "whatplot-watch", "Name this chart"}
    assert [problem for command in synced for problem in command_problems(command)] == []


def test_the_limit_check_finds_what_discord_would_refuse() -> None:
    """The check every bot test makes of the bot's requests (:meth:`BotWorld.take_limit_violations`)."""
    option = {"name": "Url", "description": "u"}
    command = {"name": "whatplot", "type": 1, "description": "d" * 125, "options": [option]}
    assert command_problems(command) == [
        "command 'whatplot'.description: 125 characters, not 1–100",
        "command 'whatplot' option 'Url': a slash command's (or option's) name must be lower case and match "
        "^[-_\\w]{1,32}$",
    ]
    assert command_problems({"name": "Name this chart", "type": 3}) == []
    embed = {"title": "t", "footer": {"text": "f" * 2049}, "fields": [{"name": "n", "value": "v" * 1025}]}
    assert request_problems("POST", "/channels/1/messages", {"content": "c" * 2001, "embeds": [embed]}) == [
        "content: 2001 characters, not 0–2000",
        "embeds[0].fields[0].value: 1025 characters, not 1–1024",
        "embeds[0].footer.text: 2049 characters, not 0–2048",
    ]
    followup = {"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]}
    assert request_problems("POST", "/webhooks/1/token", followup) == [
        "embeds: 6001 characters of text in all, more than 6000"
    ]
    response = {"type": 4, "data": {"components": [{"components": [{"custom_id": "c" * 101}]}]}}
    assert request_problems("POST", "/interactions/1/token/callback", response) == [
        "components[0].components[0].custom_id: 101 characters, not 1–100"
    ]


async def test_bare_command_finds_an_image_link_discord_shows_no_preview_for(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    await world.bob.send(world.channel, "older", attachments=[("old.png", WIDE_CHART)])
    await world.bob.send(world.channel, f"this week: <{image_server}/chart.png>")
    await world.bob.send(world.channel, f"the article: {image_server}/bare-page")  # a page, not an image
    request = await world.alice.send(world.channel, "!whatplot")

    answer = world.answer_to(request)
    assert [e.footer.text for e in answer.embeds] == ["chart.png"]
    assert_answers(answer.embeds[0], classifier.predict(CHART))


# --- Installed to a user's account: the commands work where the bot is not a member. ---

Elsewhere = tuple[simcord.ChannelHandle, simcord.MemberActor, simcord.MemberActor]


@pytest.fixture
def elsewhere(world: BotWorld) -> Elsewhere:
    """#general of a server the bot isn't in, and carol and dave there, carol having installed whatplot."""
    guild = create_guild_without_the_bot(world.env, "Elsewhere")
    return (
        guild.create_text_channel("general"),
        guild.add_member(world.env.create_user("carol")),
        guild.add_member(world.env.create_user("dave")),
    )


async def test_whatplot_and_name_this_chart_can_be_installed_to_a_user_account(world: BotWorld) -> None:
    synced = {command["name"]: command for command in world.env.backend.commands[None].values()}

    for name in ("whatplot", "Name this chart"):
        assert sorted(synced[name]["integration_types"]) == [0, 1]  # guild install, user install
        assert sorted(synced[name]["contexts"]) == [0, 1, 2]  # servers, DMs with the bot, other DMs and group DMs
    assert synced["whatplot-watch"]["integration_types"] == [0]
    assert synced["whatplot-watch"]["contexts"] == [0]


async def test_slash_command_with_an_image_where_the_bot_is_not_a_member(
    world: BotWorld, classifier: ChartClassifier, elsewhere: Elsewhere
) -> None:
    channel, carol, dave = elsewhere
    result = await carol.slash(channel, "whatplot", image=("chart.png", CHART))

    assert not result.ephemeral
    assert_answers(result.response.embeds[0], classifier.predict(CHART))
    refused = await dave.click(result.response.message, label="Delete")
    assert "Only the person who asked" in refused.response.content
    await carol.click(result.response.message, label="Delete")
    assert world.answers(channel) == []


async def test_name_this_chart_where_the_bot_is_not_a_member(
    world: BotWorld, classifier: ChartClassifier, elsewhere: Elsewhere
) -> None:
    channel, carol, dave = elsewhere
    posted = await dave.send(channel, "", attachments=[("chart.png", CHART)])
    result = await carol.context_menu(channel, "Name this chart", posted)

    assert_answers(result.response.embeds[0], classifier.predict(CHART))
    assert len(world.answers(channel)) == 1  # the bot never saw dave's message, and didn't answer it unasked


async def test_bare_slash_command_where_the_bot_is_not_a_member_says_to_give_an_image(
    world: BotWorld, elsewhere: Elsewhere
) -> None:
    channel, carol, dave = elsewhere
    await dave.send(channel, "", attachments=[("chart.png", CHART)])  # the bot can't see it
    result = await carol.slash(channel, "whatplot")

    assert result.ephemeral
    assert "couldn't find an image" in result.response.content
    assert "because I'm not a member of it" in result.response.content
    assert [e.kind for e in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]


async def test_bare_slash_command_in_a_dm_with_the_bot_names_the_latest_image(
    world: BotWorld, classifier: ChartClassifier
) -> None:
    dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)
    await world.alice.send_dm(attachments=world.env.backend.store_attachments(dm_channel.id, [("chart.png", CHART)]))
    result = await world.alice.user.slash("whatplot")

    assert_answers(result.response.embeds[0], classifier.predict(CHART))


async def test_the_delete_button_on_an_answer_already_gone_logs_no_error(world: BotWorld, caplog) -> None:
    """A second press, or a press as a moderator deletes the answer: Discord no longer knows the message."""
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    answer = world.answer_to(request)
    backend = world.env.backend
    emit = backend.emit

    def emit_once_the_answer_is_gone(event: str, payload: dict) -> None:
        if event == "INTERACTION_CREATE":
            backend.delete_message(world.channel.id, answer.id)
        emit(event, payload)

    backend.emit = emit_once_the_answer_is_gone
    pressed = await world.alice.click(answer, label="Delete")

    assert pressed.acknowledged and world.answers() == []
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("status", [503, 429])
async def test_the_delete_button_says_when_discord_fails_to_delete(world: BotWorld, caplog, status: int) -> None:
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    world.env.inject_error("DELETE", "/webhooks/*", status=status)
    pressed = await world.alice.click(world.answer_to(request), label="Delete")

    (told,) = pressed.followups
    assert told.ephemeral and told.content == DELETE_FAILED
    assert not [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info]
    await world.alice.click(world.answer_to(request), label="Delete")  # again, a moment later
    assert world.answers() == []


async def test_the_delete_button_pressed_as_the_bot_stops_deletes_the_answer(world: BotWorld, monkeypatch) -> None:
    """The bot finishes a press in hand before it stops, as it does a request: its Discord connection closes then."""
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    adapter = discord.webhook.async_.AsyncWebhookAdapter
    delete = adapter.delete_original_interaction_response
    deleting = asyncio.Event()

    async def delete_slowly(self: object, *args: object, **kwargs: object) -> None:
        deleting.set()
        await asyncio.sleep(0.5)  # Discord slow to delete it: meanwhile the bot is told to stop
        await delete(self, *args, **kwargs)

    monkeypatch.setattr(adapter, "delete_original_interaction_response", delete_slowly)
    pressing = asyncio.ensure_future(world.alice.click(world.answer_to(request), label="Delete"))
    async with asyncio.timeout(5):
        await deleting.wait()
    await world.bot.close()

    assert world.answers() == []
    await pressing


async def test_the_delete_button_works_in_a_dm(world: BotWorld) -> None:
    dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)
    await world.alice.send_dm(attachments=world.env.backend.store_attachments(dm_channel.id, [("chart.png", CHART)]))
    (answer,) = [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id]

    await world.alice.user.click(answer, label="Delete")
    assert [m for m in world.alice.user.dm_channel.history() if m.author.id == world.bot.user.id] == []


def test_links_are_read_as_discord_reads_them() -> None:
    text = (
        "see [https://a.example/shown.png](https://a.example/target.png), "
        "https://b.example/wiki/Chart_(bar).png and (https://c.example/x.png)."
    )
    assert [ref.url for ref in link_images(text)] == [
        "https://a.example/target.png",
        "https://b.example/wiki/Chart_(bar).png",
        "https://c.example/x.png",
    ]


def test_a_link_written_as_code_is_read_without_its_backticks() -> None:
    text = "this one: `https://a.example/chart.png` or ```https://b.example/chart.png```"

    assert [ref.url for ref in link_images(text)] == ["https://a.example/chart.png", "https://b.example/chart.png"]


async def test_two_people_asking_about_one_chart_at_once_each_get_their_own_answer(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    posted = await world.bob.send(world.channel, "", attachments=[("chart.png", CHART)])
    link = f"https://discord.com/channels/{world.guild.id}/{world.channel.id}/{posted.id}"
    backend = world.env.backend  # simcord's actors wait for each answer: these go in before the bot handles any
    requests = [
        backend.create_message(world.channel.id, asker.id, f"!whatplot {where}")
        for asker in (world.alice, world.mod)
        for where in (f"{image_server}/chart.png", link)
    ]
    await world.env.settle()

    for request in requests:
        (answer,) = world.answers_to(request.id)
        assert answer.reference.message_id == request.id
        assert_answers(answer.embeds[0], classifier.predict(CHART))
        (button,) = answer.components[0].children
        assert button.custom_id.endswith(f":{request.author_id}")  # its 🗑️ is its asker's


async def test_after_a_restart_old_answers_delete_for_their_asker_and_replies_to_them_say_what_they_lack(
    world: BotWorld,
) -> None:
    request = await world.alice.send(world.channel, "!whatplot", attachments=[("chart.png", CHART)])
    answer = world.answer_to(request)
    await world.restart()

    asked = await world.bob.send(world.channel, "!whatplot what about this one?", reply_to=answer)
    assert world.answer_to(asked).content.startswith("That's my own message.")
    question = await world.bob.send(world.channel, "what about this one?", reply_to=answer)
    follow_up = await world.alice.send(world.channel, "!whatplot", reply_to=question)
    assert world.answer_to(follow_up).content == "The message you replied to has no image I can see."
    world.take_errors()

    refused = await world.bob.click(answer, label="Delete")
    assert "Only the person who asked" in refused.response.content
    await world.alice.click(answer, label="Delete")
    assert answer.id not in [m.id for m in world.answers()]


async def test_private_slash_command_in_a_dm_with_the_bot(world: BotWorld, classifier: ChartClassifier) -> None:
    dm_channel = world.env.backend.get_dm_channel(world.alice.user.id)
    await world.alice.send_dm(attachments=world.env.backend.store_attachments(dm_channel.id, [("chart.png", CHART)]))

    for options in ({}, {"image": ("other.png", CHART)}):
        result = await world.alice.user.slash("whatplot", private=True, **options)
        assert result.ephemeral and result.response.components == []
        assert_answers(result.response.embeds[0], classifier.predict(CHART))


async def test_name_this_chart_on_a_poll_another_bots_embed_and_a_spoiler(
    world: BotWorld, classifier: ChartClassifier, image_server: str
) -> None:
    import datetime

    from simcord.backend.models.message import Poll, PollAnswer

    backend = world.env.backend
    expiry = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)).isoformat()
    poll = Poll("which chart?", [PollAnswer(1, "bar"), PollAnswer(2, "pie")], expiry)
    plotter = world.guild.add_member(world.env.create_user("plotter", bot=True))
    embed = {"title": "daily numbers", "image": {"url": f"{image_server}/chart.png"}}
    posted = [
        backend.create_message(world.channel.id, world.bob.id, "", poll=poll),
        backend.create_message(world.channel.id, plotter.id, "", embeds=[embed]),
    ]
    await world.env.settle()
    polled, embedded = [await world.bot.get_channel(world.channel.id).fetch_message(m.id) for m in posted]
    spoiler = await world.bob.send(world.channel, "", attachments=[("SPOILER_chart.png", CHART)])

    on_poll = await world.alice.context_menu(world.channel, "Name this chart", polled)
    assert on_poll.ephemeral and on_poll.response.content == "That message has no image I can see."
    assert [e.kind for e in world.take_errors()] == ["no_image"]  # type: ignore[attr-defined]
    on_embed = await world.alice.context_menu(world.channel, "Name this chart", embedded)
    assert_answers(on_embed.response.embeds[0], classifier.predict(CHART))
    on_spoiler = await world.alice.context_menu(world.channel, "Name this chart", spoiler)
    assert_answers(on_spoiler.response.embeds[0], classifier.predict(CHART))
    assert on_spoiler.response.embeds[0].thumbnail.url is None  # it stays hidden


async def test_a_bot_in_no_server_yet_logs_how_to_invite_it(bot_settings, caplog: pytest.LogCaptureFixture) -> None:
    from bot import create_bot

    caplog.set_level(logging.INFO, logger="bot.client")
    env = simcord.Env(create_bot(bot_settings), settle_timeout=10.0)
    await env.start()
    try:
        invite = (
            f"https://discord.com/oauth2/authorize?client_id={env.bot.application_id}"
            "&scope=bot+applications.commands&permissions=274877991936"  # docs/bot-setup.md's, with threads
        )
        assert f"I'm in no server; invite me to one with {invite}" in caplog.messages
    finally:
        await env.bot.close()
        await env.shutdown()
