"""The answer embed built from prediction lists we choose (our own code: no Discord needed)."""

from __future__ import annotations

from bot.answer import EMBEDS_LIMIT, Result, build_embed, build_embeds, is_confident_chart
from classifier.wording import percent
from classifier import Prediction, chart_types_by_id
from classifier.errors import CorruptImage

VIOLIN = [
    Prediction("violin", "Violin plot", 0.91),
    Prediction("box", "Box plot", 0.05),
    Prediction("strip", "Strip plot", 0.004),
]
UNSURE = [
    Prediction("violin", "Violin plot", 0.41),
    Prediction("box", "Box plot", 0.38),
    Prediction("strip", "Strip plot", 0.1),
]
NOT_A_CHART = [Prediction("not_a_chart", "Not a chart", 0.8), Prediction("bar", "Bar chart", 0.1)]


def test_confident_answer() -> None:
    embed = build_embed(Result("chart.png", "https://cdn.example/chart.png", VIOLIN), not_sure_below=0.5)

    violin = chart_types_by_id()["violin"]
    assert embed.title == "Violin plot · 91%"
    assert embed.description == violin.description
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Runners-up"] == "Box plot · 5%\nStrip plot · <1%"
    assert fields["How to make one"] == "\n".join(f"[{link.title}]({link.url})" for link in violin.links)
    assert embed.thumbnail.url == "https://cdn.example/chart.png"
    assert embed.footer.text == "chart.png"


def test_low_confidence_says_not_sure() -> None:
    embed = build_embed(Result("chart.png", predictions=UNSURE), not_sure_below=0.5)

    assert embed.title == "I'm not sure. My best guess: Violin plot · 41%"
    assert {f.name: f.value for f in embed.fields}["Runners-up"] == "Box plot · 38%\nStrip plot · 10%"


def test_threshold_is_inclusive() -> None:
    assert build_embed(Result("c.png", predictions=UNSURE), not_sure_below=0.41).title == "Violin plot · 41%"


def test_not_a_chart_says_how_sure_shows_the_picture_and_the_chart_types_it_might_be() -> None:
    """Asked about a picture, the user sees which one (the thumbnail, as for a chart), how sure the bot is that it
    isn't a chart, and the chart types it might be after all: a weak "not a chart" is no flat verdict. No how-to
    links: there is no chart type to make."""
    embed = build_embed(Result("cat.jpg", "https://cdn.example/cat.jpg", NOT_A_CHART), not_sure_below=0.5)

    assert embed.title == "That doesn't look like a chart · 80%"
    assert {f.name: f.value for f in embed.fields} == {"Runners-up": "Bar chart · 10%"}
    assert embed.thumbnail.url == "https://cdn.example/cat.jpg"
    assert embed.footer.text == "cat.jpg"


def test_error_answer() -> None:
    embed = build_embed(Result("x.png", error=CorruptImage("The image is damaged.")), not_sure_below=0.5)

    assert (embed.title, embed.description, embed.footer.text) == (
        "I can't name that one",
        "The image is damaged.",
        "x.png",
    )


def test_several_results_are_numbered_in_order() -> None:
    embeds = build_embeds(
        [Result("a.png", predictions=VIOLIN), Result("b.png", predictions=NOT_A_CHART)], not_sure_below=0.5
    )

    assert [e.footer.text for e in embeds] == ["1/2 · a.png", "2/2 · b.png"]


def test_percent_and_watch_filter() -> None:
    assert [percent(c) for c in (0.0, 0.004, 0.006, 0.5, 1.0)] == ["<1%", "<1%", "1%", "50%", "100%"]
    assert is_confident_chart(VIOLIN, 0.9)
    assert not is_confident_chart(VIOLIN, 0.95)
    assert not is_confident_chart(NOT_A_CHART, 0.0)
    assert not is_confident_chart([], 0.0)


def test_ten_long_answers_fit_in_one_message() -> None:
    types = chart_types_by_id()
    wordiest = sorted(types.values(), key=lambda t: len(t.description) + sum(len(link.url) for link in t.links))[-10:]
    results = [
        Result(f"{'quarterly-report-' * 14}{i}.png", predictions=[Prediction(t.id, t.name, 0.9), *VIOLIN[1:]])
        for i, t in enumerate(wordiest)
    ]
    assert sum(len(build_embed(r, not_sure_below=0.5)) for r in results) > EMBEDS_LIMIT  # too long as they come

    embeds = build_embeds(results, not_sure_below=0.5)
    assert sum(map(len, embeds)) <= EMBEDS_LIMIT
    assert [e.title for e in embeds] == [f"{t.name} · 90%" for t in wordiest]
    assert all({f.name for f in e.fields} == {"Runners-up"} for e in embeds)


def test_percentages_that_would_round_to_0_or_100_say_less_or_more() -> None:
    almost_sure = [Prediction("violin", "Violin plot", 0.9995), Prediction("box", "Box plot", 0.005)]
    embed = build_embed(Result("chart.png", predictions=almost_sure), not_sure_below=0.5)

    assert embed.title == "Violin plot · >99%"
    assert embed.fields[0].value == "Box plot · <1%"
    assert [percent(c) for c in (0.0004, 0.0051, 0.994, 1.0)] == ["<1%", "1%", "99%", "100%"]
