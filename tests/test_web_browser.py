"""The web page end to end in a real headless Chromium, driven by Playwright.

Needs the ``playwright`` Python package and a Chromium binary (Debian's ``chromium``; another one
can be named with ``WHATPLOT_CHROMIUM``); skipped with the reason when either is missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import os
import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import ClientSession, web

from classifier import config
from classifier.answer import Answer
from classifier.download import ImageDownloader
from classifier.model import Prediction
from classifier.wording import NOT_SURE, percent
from tests.images import bar_chart, encode
from web.app import GALLERY_DIR, create_app
from web.verdict import SURE, word

async_api = pytest.importorskip("playwright.async_api", reason="the browser test needs Playwright: pip install playwright")

CHROMIUM = os.environ.get("WHATPLOT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    not CHROMIUM, reason="no Chromium found (apt-get install chromium, or set WHATPLOT_CHROMIUM to a Chrome binary)"
)
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


LOOPBACK = ipaddress.ip_address("127.0.0.1")


@pytest.fixture
async def page_url(aiohttp_server, classifier) -> str:
    """The page's address; its downloader may fetch from 127.0.0.1 (the page's own gallery)."""
    factory = lambda: ImageDownloader(is_allowed=lambda address: address == LOOPBACK)  # noqa: E731
    server = await aiohttp_server(create_app(classifier, downloader_factory=factory))
    return str(server.make_url("/"))


@pytest.fixture
async def browser():
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


def is_page_error(message: async_api.ConsoleMessage) -> bool:
    """A console error, except Chromium's own note on 4xx and 5xx answers, which the error tests expect."""
    return message.type == "error" and not re.match(r"Failed to load resource: the server responded with a status of [45]", message.text)


@pytest.fixture
async def page(browser, page_url):
    """A desktop-sized page that fails the test on any console error (CSP violations included).

    It depends on ``page_url`` so that the server outlives the page: images still loading when a
    test ends would otherwise fail against a closed server.
    """
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if is_page_error(message) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    await context.close()
    assert not errors, f"the page logged errors: {errors}"


async def classify_on_page(page, send: Callable[[], Awaitable[object]], *, preview: bool = True) -> dict:
    """Run ``send`` on the page; check the page shows what /api/classify answered, in the words it gave with it
    (and, if ``preview``, the image), and return that answer, less those words."""
    async with page.expect_response(re.compile(r"/api/classify\?(preview=1&)?wording=1$")) as response_info:
        await send()
    answer = await (await response_info.value).json()
    predictions, wording = answer["predictions"], answer.pop("wording")
    await async_api.expect(page.locator("#eyebrow")).to_have_text(wording["eyebrow"])
    await async_api.expect(page.locator("#top-name")).to_have_text(wording["title"])
    await async_api.expect(page.locator("#top-description")).to_have_text(wording["description"])
    await async_api.expect(page.locator(".prediction-name")).to_have_text([p["name"] for p in predictions])
    await async_api.expect(page.locator(".prediction-value")).to_have_text(wording["percents"])
    await async_api.expect(page.locator(".links-title")).to_have_text(wording["links_title"])
    await async_api.expect(page.locator("#top-links a").first).to_be_visible()
    await async_api.expect(page.locator("#announce")).to_contain_text(wording["sentence"])  # read out by screen readers
    if preview:
        await async_api.expect(page.locator("#preview")).to_have_js_property("complete", True)
        assert await page.locator("#preview").evaluate("img => img.naturalWidth") > 0
    return answer


async def test_uploading_a_chart_shows_the_type_the_api_returned(page, page_url, classifier, tmp_path):
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    await page.goto(page_url)
    answer = await classify_on_page(page, lambda: page.set_input_files("#file", str(chart)))
    assert answer == Answer("chart.png", predictions=classifier.predict(chart.read_bytes())).to_dict()


async def test_an_image_link(page, page_url, classifier):
    url = f"{page_url}static/gallery/pie.webp"
    await page.goto(page_url)
    await page.fill("#url", url)
    answer = await classify_on_page(page, lambda: page.click("#url-form button"))
    assert answer.pop("preview") == await page.locator("#preview").get_attribute("src")  # the server's picture
    assert answer == Answer(url, predictions=classifier.predict(GALLERY_DIR / "pie.webp")).to_dict()


#: Builds a DataTransfer holding a gallery image and fires a drop or a paste event with it.
FIRE_EVENT = """async ([kind, path]) => {
    const blob = await (await fetch(path)).blob();
    const data = new DataTransfer();
    data.items.add(new File([blob], "example.webp", { type: blob.type }));
    if (kind === "drop") window.dispatchEvent(new DragEvent("drop", { dataTransfer: data, cancelable: true }));
    else document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, cancelable: true }));
}"""


@pytest.mark.parametrize("kind", ["drop", "paste"])
async def test_drop_and_paste(page, page_url, classifier, kind):
    await page.goto(page_url)
    answer = await classify_on_page(page, lambda: page.evaluate(FIRE_EVENT, [kind, "/static/gallery/violin.webp"]))
    assert answer["predictions"] == Answer("", predictions=classifier.predict(GALLERY_DIR / "violin.webp")).to_dict()["predictions"]


async def test_a_file_sent_after_a_link_clears_the_link(page, page_url):
    """The answer is the file's: the link left in its field would be sent again by Enter there."""
    await page.goto(page_url)
    await page.fill("#url", "http://10.0.0.7/chart.png")
    await page.click("#url-form button")
    await async_api.expect(page.locator("#error")).to_be_visible()  # a private address: refused
    await classify_on_page(page, lambda: page.evaluate(DROP, [["pie.webp", "image/webp", "/static/gallery/pie.webp"]]))
    await async_api.expect(page.locator("#url")).to_have_value("")


async def test_clicking_a_gallery_example_classifies_it(page, page_url, classifier):
    await page.goto(page_url)
    answer = await classify_on_page(page, lambda: page.get_by_role("button", name="Sankey diagram").click())
    assert answer == Answer("sankey.webp (example)", predictions=classifier.predict(GALLERY_DIR / "sankey.webp")).to_dict()


async def test_an_example_chosen_by_keyboard_moves_the_keyboard_to_its_answer(page, page_url):
    """Enter on a card far down the page scrolls to the answer; the next Tab must not jump back down to the cards."""
    await page.goto(page_url)
    await page.get_by_role("button", name="Sankey diagram").focus()
    await classify_on_page(page, lambda: page.keyboard.press("Enter"))
    await async_api.expect(page.get_by_role("button", name="Try another image")).to_be_focused()


async def test_a_refused_url_shows_the_error(page, page_url):
    await page.goto(page_url)
    await page.fill("#url", "http://10.0.0.7/chart.png")
    await page.click("#url-form button")
    await async_api.expect(page.locator("#error-message")).to_contain_text("private or local address")
    await async_api.expect(page.locator("#verdict")).to_be_hidden()


async def test_a_links_preview_is_the_servers_picture_and_the_browser_never_asks_the_link(page, page_url, classifier, aiohttp_server):
    """The browser once loaded a link's preview from the link itself: that told the linked host each visitor's
    address, showed whatever it chose to send the browser, and showed nothing for a page (the server follows a
    page to its og:image). The preview is now the server's picture of the image it classified."""
    image = (GALLERY_DIR / "pie.webp").read_bytes()

    async def post(request: web.Request) -> web.Response:
        return web.Response(text='<!doctype html><meta property="og:image" content="/pie.webp">', content_type="text/html")

    async def pie(request: web.Request) -> web.Response:
        return web.Response(body=image, content_type="image/webp")

    site = web.Application()
    site.router.add_get("/post", post)
    site.router.add_get("/pie.webp", pie)
    url = str((await aiohttp_server(site)).make_url("/post"))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    await page.goto(page_url)
    await page.fill("#url", url)
    answer = await classify_on_page(page, lambda: page.click("#url-form button"))
    assert answer.pop("preview").startswith("data:image/webp;base64,")
    assert answer == Answer(url, predictions=classifier.predict(image)).to_dict()
    assert (await page.locator("#preview").get_attribute("src")).startswith("data:image/webp;base64,")
    await async_api.expect(page.locator("#result")).not_to_have_class(re.compile(r"\bno-preview\b"))
    await page.wait_for_load_state("networkidle")
    assert all(request.startswith((page_url, "data:")) for request in requests), requests


async def test_the_gallery_shows_all_types_with_images(page, page_url):
    await page.goto(page_url)
    cards = page.locator(".gallery-card")
    await async_api.expect(cards).to_have_count(40)
    await page.locator("#gallery").scroll_into_view_if_needed()
    images = page.locator(".gallery-card img")
    for i in range(await images.count()):
        await images.nth(i).scroll_into_view_if_needed()  # they load lazily
        await async_api.expect(images.nth(i)).to_have_js_property("complete", True)
        assert await images.nth(i).evaluate("img => img.naturalWidth") > 0


async def test_the_page_fits_a_phone(browser, page_url):
    context = await browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = await context.new_page()
    await page.goto(page_url)
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    await async_api.expect(page.get_by_text("Tap to choose a chart")).to_be_visible()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    await context.close()


async def test_keyboard_use_reaches_every_control_with_a_visible_focus_ring(page, page_url):
    """Tab goes from the drop zone to the link field, its button and the gallery, each with a ring (not just a
    coloured border, which a mouse hover gives too); Space opens the file chooser, Enter tries an example."""
    await page.goto(page_url)
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    await page.locator(".topnav a").last.focus()
    focused = []
    for _ in range(4):
        await page.keyboard.press("Tab")
        focused.append(await page.evaluate(
            "(() => { const e = document.activeElement, s = getComputedStyle(e);"
            " return [e.id || e.className, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; })()"
        ))  # fmt: skip
    assert focused == [["dropzone", True], ["url", True], ["", True], ["gallery-card", True]]
    await page.evaluate("document.getElementById('file').click = () => { window.chooserOpened = (window.chooserOpened || 0) + 1; }")
    for key in (" ", "Enter"):
        await page.evaluate("window.chooserOpened = 0")
        await page.focus("#dropzone")
        await page.keyboard.press(key)
        assert await page.evaluate("window.chooserOpened") == 1, f"{key!r} on the drop zone"
    # The drop zone's words are its name, said once: they were also its description, so read out twice.
    await async_api.expect(page.locator("#dropzone")).to_have_accessible_name("Drop a chart here or choose an image · paste with Ctrl+V")
    await async_api.expect(page.locator("#dropzone")).to_have_accessible_description("")
    # A screen reader hears each example by its type, once: the picture inside adds no words of its own.
    await async_api.expect(page.get_by_role("button", name=re.compile(r"^Bar chart vertical bars"))).to_have_count(1)
    await page.locator(".gallery-card").first.focus()
    async with page.expect_response(re.compile(r"/api/classify\?wording=1$")):
        await page.keyboard.press("Enter")
    await async_api.expect(page.locator("#top-name")).not_to_be_empty()


async def test_without_javascript_the_page_says_what_to_do(browser, page_url):
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(page_url)
    await async_api.expect(page.locator(".noscript")).to_contain_text("need JavaScript")  # get_by_text skips <noscript>
    await async_api.expect(page.locator(".noscript")).to_be_visible()
    await async_api.expect(page.locator(".origin").first).to_have_text("<this server>")
    await context.close()


async def test_without_javascript_only_the_form_that_works_is_offered(browser, page_url):
    """The drop zone, the link field with a second Classify button and the empty gallery (with its "Chart types" link)
    were all shown too, and did nothing: the link field reloaded the page, and Tab stopped on the drop zone."""
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(page_url)
    for hidden in ("#dropzone", "#url-form", "#gallery", '.topnav a[href="#gallery"]'):
        await async_api.expect(page.locator(hidden)).to_be_hidden()
    await async_api.expect(page.get_by_role("button", name="Classify")).to_have_count(1)
    await async_api.expect(page.locator(".noscript")).to_be_visible()
    await async_api.expect(page.locator('.topnav a[href="#api"]')).to_be_visible()
    await context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_without_javascript_the_form_is_readable_in_both_schemes(browser, page_url, scheme):
    """Its link to the API was the accent on the form's red tint: 4.2:1 in the light scheme."""
    context = await browser.new_context(java_script_enabled=False, color_scheme=scheme)
    page = await context.new_page()
    await page.goto(page_url)
    for selector in (".noscript p", ".noscript a", ".noscript label"):
        ratio = await page.locator(selector).evaluate(CONTRAST)
        assert ratio >= 4.5, f"{selector} in the {scheme} scheme: {ratio:.2f}:1"
    await context.close()


async def classify_without_javascript(browser, url: str, image: Path, **options: object) -> tuple[async_api.BrowserContext, async_api.Page]:
    """Send ``image`` with the form of the page at ``url`` in a browser without JavaScript (and with the context
    ``options``); the page shows the answer."""
    context = await browser.new_context(java_script_enabled=False, **options)
    page = await context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if is_page_error(message) else None)  # CSP violations
    await page.goto(url)
    await page.set_input_files("#noscript-image", str(image))
    async with page.expect_navigation():
        await page.get_by_role("button", name="Classify").first.click()
    assert not errors, errors
    return context, page


async def test_without_javascript_the_form_answers_with_a_page_in_the_pages_words(browser, page_url, classifier, tmp_path):
    """It once answered with the API's raw JSON."""
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    predictions = classifier.predict(chart.read_bytes())
    context, page = await classify_without_javascript(browser, page_url, chart)
    await async_api.expect(page).to_have_title(f"{predictions[0].name} · whatplot")
    await async_api.expect(page.locator(".eyebrow")).to_have_text("This looks like" if predictions[0].confidence >= 0.5 else "I'm not sure. My best guess:")
    await async_api.expect(page.locator(".top-name")).to_have_text(predictions[0].name)
    await async_api.expect(page.locator(".prediction-name")).to_have_text([p.name for p in predictions])
    await async_api.expect(page.locator(".prediction-value")).to_have_text([percent(p.confidence) for p in predictions])
    await async_api.expect(page.locator(".links-title")).to_have_text(f"How to make a {predictions[0].name.lower()}")
    await async_api.expect(page.locator("figcaption")).to_have_text("chart.png")
    await async_api.expect(page.locator(".preview img")).to_have_js_property("complete", True)
    assert await page.locator(".preview img").evaluate("img => img.naturalWidth") > 0  # the server's picture, data: allowed
    assert await page.locator("h1").evaluate("h => getComputedStyle(h).backgroundClip") == "text"  # the page's stylesheet
    await page.get_by_role("link", name="Try another image").click()
    await async_api.expect(page).to_have_url(page_url)
    await async_api.expect(page.locator("#noscript-image")).to_be_visible()
    await context.close()


async def test_without_javascript_on_a_phone_the_answer_opens_in_view(browser, page_url, tmp_path):
    """The answer page repeats the form above the answer: on a phone, the answer would open below the fold."""
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    context, page = await classify_without_javascript(browser, page_url, chart, viewport={"width": 360, "height": 740})
    await async_api.expect(page.locator(".top-name")).to_be_in_viewport()
    await context.close()


async def test_without_javascript_an_error_is_worded_as_the_page_words_it(browser, page_url, tmp_path):
    notes = tmp_path / "<i>notes<i>.txt"
    notes.write_text("not a chart at all")
    context, page = await classify_without_javascript(browser, page_url, notes)
    await async_api.expect(page.locator(".error")).to_contain_text("Couldn't classify that. That file isn't an image")
    await async_api.expect(page.locator("figcaption")).to_have_text("<i>notes<i>.txt")  # as text, never as HTML
    await async_api.expect(page.locator(".verdict, .predictions, figcaption *")).to_have_count(0)
    await async_api.expect(page.get_by_role("link", name="Try another image")).to_be_visible()
    await context.close()


#: Drops the files named [name, type, size or a gallery path] (several at once) or some text.
DROP = """async (items) => {
    const data = new DataTransfer();
    for (const [name, type, content] of items) {
        if (name === null) { data.setData(type, content); continue; }
        const blob = typeof content === "number" ? new Blob([new Uint8Array(content)]) : await (await fetch(content)).blob();
        data.items.add(new File([blob], name, { type }));
    }
    window.dispatchEvent(new DragEvent("drop", { dataTransfer: data, cancelable: true }));
}"""


async def test_of_several_dropped_files_the_first_image_is_classified_and_the_others_are_named_left_out(page, page_url, classifier):
    """The files after the first image were once dropped without a word: the answer now says so, aloud too."""
    await page.goto(page_url)
    files = [
        ["notes.txt", "text/plain", "/static/favicon.svg"],
        ["violin.webp", "image/webp", "/static/gallery/violin.webp"],
        ["pie.webp", "image/webp", "/static/gallery/pie.webp"],
    ]
    answer = await classify_on_page(page, lambda: page.evaluate(DROP, files))
    assert answer == Answer("violin.webp", predictions=classifier.predict(GALLERY_DIR / "violin.webp")).to_dict()
    note = "You sent 3 files; this is the answer for violin.webp. I name one image at a time, so send the other 2 again on their own."
    await async_api.expect(page.locator("#note")).to_have_text(note)
    await async_api.expect(page.locator("#announce")).to_contain_text(note)
    await page.evaluate(DROP, [["pie.webp", "image/webp", "/static/gallery/pie.webp"]])  # one file: no note
    await async_api.expect(page.locator("#note")).to_be_hidden()


#: Fires a paste event holding the files named [name, type, gallery path] or, for a name of null, some text.
PASTE = """async ([items, targetId]) => {
    const data = new DataTransfer();
    for (const [name, type, content] of items) {
        if (name === null) { data.setData(type, content); continue; }
        data.items.add(new File([await (await fetch(content)).blob()], name, { type }));
    }
    const target = targetId ? document.getElementById(targetId) : document.body;
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, cancelable: true, bubbles: true }));
}"""


async def test_pasting_two_images_says_which_one_was_named(page, page_url, classifier):
    await page.goto(page_url)
    files = [["image.png", "image/webp", "/static/gallery/pie.webp"], ["violin.webp", "image/webp", "/static/gallery/violin.webp"]]
    answer = await classify_on_page(page, lambda: page.evaluate(PASTE, [files, None]))
    assert answer["input"] == "pasted image"
    await async_api.expect(page.locator("#note")).to_contain_text("You sent 2 files; this is the answer for pasted image.")
    await async_api.expect(page.locator("#note")).to_contain_text("send the other one again on its own")


async def test_a_pasted_file_that_is_not_an_image_is_answered_by_the_server(page, page_url):
    """It was once ignored without a word; it now goes to the server, as a dropped one does, which says what it is."""
    await page.goto(page_url)
    async with page.expect_response(re.compile(r"/api/classify\?wording=1$")):
        await page.evaluate(PASTE, [[["notes.svg", "image/svg+xml", "/static/favicon.svg"], ["notes.txt", "text/plain", "/static/favicon.svg"]], None])
    await async_api.expect(page.locator("#error-message")).not_to_be_empty()
    await async_api.expect(page.locator("#input-name")).to_have_text("notes.svg")
    await page.evaluate(PASTE, [[["notes.txt", "text/plain", "/static/favicon.svg"]], None])
    await async_api.expect(page.locator("#input-name")).to_have_text("notes.txt")
    await async_api.expect(page.locator("#error-message")).to_contain_text("image")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("some words copied from a page", "The clipboard holds text, not an image or a link to one."),
        ("file:///home/me/chart.png", "That is the name of a file on your computer, not the file itself"),
    ],
)
async def test_pasting_text_that_is_not_a_link_is_answered_in_words(page, page_url, text, message):
    requests: list[str] = []
    await page.goto(page_url)
    page.on("request", lambda request: requests.append(request.url) if "/api/classify" in request.url else None)
    await page.evaluate(PASTE, [[[None, "text/plain", text]], None])
    await async_api.expect(page.locator("#error-message")).to_contain_text(message)
    assert requests == []


async def test_text_pasted_into_the_link_field_is_left_to_it(page, page_url):
    await page.goto(page_url)
    await page.evaluate(PASTE, [[[None, "text/plain", "example.org/chart"]], "url"])
    await page.wait_for_timeout(200)
    assert await page.locator("#result").is_hidden()


async def test_a_link_pasted_into_a_link_being_typed_is_left_to_the_field(page, page_url):
    """Pasted into an empty field, a link is sent at once; pasted into one that holds some text, it is edited."""
    requests: list[str] = []
    await page.goto(page_url)
    page.on("request", lambda request: requests.append(request.url) if "/api/classify" in request.url else None)
    await page.fill("#url", "see ")
    await page.evaluate(PASTE, [[[None, "text/plain", "https://example.org/chart.png"]], "url"])
    await page.wait_for_timeout(200)
    assert requests == [] and await page.locator("#result").is_hidden()


def answer_of(*predictions: tuple[str, str, float], not_sure_below: float = config.NOT_SURE_BELOW) -> dict:
    """What /api/classify?wording=1 answers for ``predictions`` (label, name, confidence), its words the server's."""
    ranked = [Prediction(label, name, confidence) for label, name, confidence in predictions]
    wording = word(ranked, not_sure_below).to_dict()
    return {"input": "chart.webp", "predictions": [p.to_dict() for p in ranked], "wording": wording}


ANSWER = answer_of(("bar", "Bar chart", 0.9))


@pytest.mark.parametrize(
    ("answer", "eyebrow", "top_name", "links_title", "said", "values"),
    [
        (
            answer_of(("not_a_chart", "Not a chart", 0.93), ("bar", "Bar chart", 0.042)),
            None, "That doesn't look like a chart", "Choosing a chart", "That doesn't look like a chart (93% sure).", ["93%", "4%"],
        ),
        (
            answer_of(("bar", "Bar chart", 0.31), ("line", "Line chart", 0.004)),
            "I'm not sure. My best guess:", "Bar chart", "How to make a bar chart",
            "I'm not sure. My best guess: Bar chart, 31% sure.", ["31%", "<1%"],
        ),
        (
            answer_of(("area", "Area chart", 0.9996), ("stream", "Streamgraph", 0.0004)),
            "This looks like", "Area chart", "How to make an area chart", "This looks like an Area chart, >99% sure.", [">99%", "<1%"],
        ),
    ],
    ids=["not-a-chart", "not-sure", "sure"],
)
async def test_the_answer_is_worded_as_the_bot_words_it(page, page_url, answer, eyebrow, top_name, links_title, said, values):
    """The page once said "This looks like a Not a chart" with links on "How to make a not a chart", "a Area chart",
    "Best guess · not very sure" where the bot says "I'm not sure", and "100%" for a guess short of certain. The
    words are now the server's (web/verdict.py), which the page shows as they come."""
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer))
    await page.goto(page_url)
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#top-name")).to_have_text(top_name)
    if eyebrow is None:
        await async_api.expect(page.locator("#eyebrow")).to_be_hidden()
    else:
        await async_api.expect(page.locator("#eyebrow")).to_have_text(eyebrow)
    await async_api.expect(page.locator(".links-title")).to_have_text(links_title)
    await async_api.expect(page.locator("#announce")).to_have_text(said)
    await async_api.expect(page.locator(".prediction-value")).to_have_text(values)


@pytest.mark.parametrize(("threshold", "eyebrow"), [(0.0, SURE), (1.0, NOT_SURE)])
async def test_not_sure_follows_the_servers_threshold(browser, aiohttp_server, classifier, threshold, eyebrow):
    """The page once said "I'm not sure" under a fixed 50%, where the bot follows WHATPLOT_NOT_SURE_BELOW: the server,
    which has the setting, now words the answer."""
    page_url = str((await aiohttp_server(create_app(classifier, not_sure_below=threshold))).make_url("/"))
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(page_url)
    await classify_on_page(page, lambda: page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]]))
    await async_api.expect(page.locator("#eyebrow")).to_have_text(eyebrow)
    await async_api.expect(page.locator("#eyebrow")).to_have_class(re.compile(r"\bunsure\b") if threshold else "eyebrow")
    await context.close()


@pytest.mark.parametrize("how", ["file", "link"])
async def test_an_error_that_may_pass_offers_to_try_again(page, page_url, how):
    """A busy server once left the user to choose the file (or press Classify) again; "Try again" resends it."""
    answers = [
        {"status": 503, "json": {"input": "x", "error": {"type": "busy", "message": "The server is naming a lot of charts right now."}}},
        {"status": 200, "json": {**answer_of(("pie", "Pie chart", 0.9)),
                                 "preview": "data:image/webp;base64,UklGRjoAAABXRUJQVlA4IC4AAACwAQCdASoQABAAAUAmJaACdLoABDAAAP7x3I/4DdfFtMv/vYL/3YL/3YL/WwAA"}},
    ]  # fmt: skip
    bodies: list[str | None] = []

    async def answer(route: async_api.Route) -> None:
        bodies.append(route.request.post_data)
        await route.fulfill(**answers[min(len(bodies), len(answers)) - 1])

    await page.route("**/api/classify*", answer)
    await page.goto(page_url)
    if how == "file":
        await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    else:
        await page.fill("#url", "https://example.org/chart.png")
        await page.click("#url-form button")
    await async_api.expect(page.locator("#error-message")).to_contain_text("a lot of charts")
    await page.get_by_role("button", name="Try again").focus()
    await page.keyboard.press("Enter")
    await async_api.expect(page.locator("#top-name")).to_have_text("Pie chart")
    # the pressed button hid; the keyboard's place is the one beside it, not the top of the page
    assert await page.evaluate("document.activeElement.id") == "again"
    same = [re.sub(r"-+WebKitFormBoundary\w+", "", body or "") for body in bodies]
    assert len(bodies) == 2 and same[0] == same[1] and "chart" in same[0]
    await async_api.expect(page.get_by_role("button", name="Try again")).to_be_hidden()
    if how == "link":  # the resent link's preview is shown, as the first answer's would have been
        await async_api.expect(page.locator("#preview")).to_have_attribute("src", re.compile(r"^data:image/webp"))


async def test_an_error_that_will_not_pass_does_not_offer_to_try_again(page, page_url):
    error = {"input": "x", "error": {"type": "not_an_image", "message": "That file is a PDF, not an image."}}
    await page.route("**/api/classify*", lambda route: route.fulfill(status=415, json=error))
    await page.goto(page_url)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#error-message")).to_have_text("That file is a PDF, not an image.")
    await async_api.expect(page.get_by_role("button", name="Try again")).to_be_hidden()


async def test_back_goes_from_an_answer_to_the_empty_form(page, page_url):
    """Back once left the page: each answer is now one step of the page's history, the form the step before."""
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer_of(("bar", "Bar chart", 0.9))))
    await page.goto(page_url)
    await page.fill("#url", "https://example.org/chart.png")
    await page.click("#url-form button")
    await async_api.expect(page.locator("#top-name")).to_have_text("Bar chart")
    await page.evaluate(DROP, [["pie.webp", "image/webp", "/static/gallery/pie.webp"]])  # a second answer replaces the first
    await async_api.expect(page.locator("#input-name")).to_have_text("pie.webp")
    await page.get_by_role("button", name="Try another image").focus()
    await page.go_back()
    await async_api.expect(page.locator("#result")).to_be_hidden()
    await async_api.expect(page.locator("#url")).to_have_value("")
    assert page.url == page_url and await page.evaluate("document.body.classList.contains('has-result')") is False
    assert await page.evaluate("document.activeElement.id") == "dropzone"  # the focused button hid
    await page.go_forward()
    await async_api.expect(page.locator("#input-name")).to_have_text("pie.webp")
    await async_api.expect(page.locator("#result")).to_be_visible()
    await page.locator(".topnav a").first.click()  # a link within the page keeps the answer shown
    await page.go_back()
    await async_api.expect(page.locator("#result")).to_be_visible()
    await page.go_back()
    await async_api.expect(page.locator("#result")).to_be_hidden()
    assert page.url == page_url
    await page.reload()
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    await async_api.expect(page.locator("#result")).to_be_hidden()


async def test_back_drops_an_answer_still_pending(page, page_url):
    held: list[async_api.Route] = []
    await page.route("**/api/classify*", lambda route: held.append(route))
    await page.goto(page_url)
    await page.evaluate(DROP, [["pie.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#status")).to_be_visible()
    await page.go_back()
    await async_api.expect(page.locator("#result")).to_be_hidden()
    with contextlib.suppress(Exception):  # the page has cancelled it
        await held[0].fulfill(json=answer_of(("bar", "Bar chart", 0.9)))
    await page.wait_for_timeout(300)
    await async_api.expect(page.locator("#result")).to_be_hidden()
    assert await page.locator("#announce").text_content() == ""
    await page.go_forward()  # nothing was answered: the form stays
    await async_api.expect(page.locator("#result")).to_be_hidden()


async def test_back_from_a_link_within_the_form_keeps_what_was_typed(page, page_url):
    """Back emptied the link field on any step back to the form, a step within it too: a link typed, then a look at
    the API section, then Back, lost the link."""
    await page.goto(page_url)
    await page.fill("#url", "https://example.org/chart.png")
    await page.locator(".topnav a", has_text="API").click()
    await page.go_back()
    await page.wait_for_timeout(200)
    await async_api.expect(page.locator("#url")).to_have_value("https://example.org/chart.png")
    await async_api.expect(page.locator("#result")).to_be_hidden()


async def test_forward_after_a_reload_shows_no_empty_answer(page, page_url):
    """After Back and a reload, Forward once showed an empty answer card: the reloaded page had no answer to show."""
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer_of(("bar", "Bar chart", 0.9))))
    await page.goto(page_url)
    await page.evaluate(DROP, [["pie.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#top-name")).to_have_text("Bar chart")
    await page.go_back()
    await page.reload()
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    await page.go_forward()
    await page.wait_for_timeout(300)
    await async_api.expect(page.locator("#result")).to_be_hidden()
    await page.evaluate(DROP, [["pie.webp", "image/webp", "/static/gallery/pie.webp"]])  # and the next answer still comes
    await async_api.expect(page.locator("#top-name")).to_have_text("Bar chart")


@pytest.mark.parametrize("then", ["back", "drop"])
async def test_a_gallery_example_still_loading_is_dropped_by_back_or_a_newer_image(page, page_url, then):
    """The example's image is fetched from the server before it is sent: it once went on to be classified, and shown,
    after Back had gone to the form, or over the answer to an image dropped while it loaded."""
    held: list[async_api.Route] = []
    await page.route("**/static/gallery/sankey.webp", lambda route: held.append(route))
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer_of(("pie", "Pie chart", 0.9))))
    await page.goto(page_url)
    await page.evaluate(DROP, [["first.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#input-name")).to_have_text("first.webp")
    async with page.expect_request(lambda request: request.url.endswith("/sankey.webp") and request.resource_type == "fetch"):
        await page.get_by_role("button", name="Sankey diagram").click()
    if then == "back":
        await page.go_back()
    else:
        await page.evaluate(DROP, [["dropped.webp", "image/webp", "/static/gallery/pie.webp"]])
        await async_api.expect(page.locator("#input-name")).to_have_text("dropped.webp")
    for route in held:
        with contextlib.suppress(Exception):  # the page has cancelled it
            await route.continue_()
    await page.wait_for_timeout(500)
    if then == "back":
        await async_api.expect(page.locator("#result")).to_be_hidden()
    else:
        await async_api.expect(page.locator("#input-name")).to_have_text("dropped.webp")
    await async_api.expect(page.locator("#announce")).not_to_contain_text("Looking at your chart")


async def test_a_chart_types_request_that_never_ends_does_not_hold_up_the_answer(page, page_url):
    """The answer once waited for /api/labels (the page worded it with its threshold): one that never ended kept the
    spinner forever, then 30 seconds. The server words the answer now, so it comes at once; the gallery gives up."""
    await page.clock.install()
    await page.route("**/api/labels", lambda route: None)  # held unanswered
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer_of(("bar", "Bar chart", 0.4))))
    await page.goto(page_url)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#top-name")).to_have_text("Bar chart")
    await async_api.expect(page.locator("#eyebrow")).to_have_text("I'm not sure. My best guess:")
    await page.clock.fast_forward(31_000)
    await async_api.expect(page.locator("#gallery-grid")).to_have_text("Couldn't load the chart types.")


#: The WCAG contrast ratio of an element's text colour against the colours behind it (their alpha blended).
CONTRAST = r"""(el) => {
    const rgba = (css) => { const m = css.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    let bg = dark ? [0, 0, 0] : [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
    const [r, g, b, a] = rgba(getComputedStyle(el).color);
    const fg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
    const lum = (c) => { const [x, y, z] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                         return 0.2126 * x + 0.7152 * y + 0.0722 * z; };
    const [hi, lo] = [lum(fg), lum(bg)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_the_answers_text_is_readable_in_both_schemes(browser, page_url, scheme):
    """WCAG AA, 4.5:1, for the answer's words: "I'm not sure" was 3.6:1 on white, the how-to links 4.4:1."""
    context = await browser.new_context(color_scheme=scheme)
    page = await context.new_page()
    answer = answer_of(("bar", "Bar chart", 0.31), ("line", "Line chart", 0.2))
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer))
    await page.goto(page_url)
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    await page.evaluate(DROP, [["a.webp", "image/webp", "/static/gallery/pie.webp"], ["b.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#top-name")).to_have_text("Bar chart")
    await page.wait_for_timeout(700)  # the bars' transition
    for selector in ("#eyebrow", "#top-name", "#top-description", ".prediction-name", ".prediction-value", ".links-title",
                     "#top-links a", "#note", "#input-name", ".gallery-name", ".gallery-looks", ".lede, .drop-hint"):  # fmt: skip
        for element in await page.locator(selector).all():
            if await element.is_visible():
                ratio = await element.evaluate(CONTRAST)
                assert ratio >= 4.5, f"{selector} in the {scheme} scheme: {ratio:.2f}:1"
    # the link field's hint, which was the browser's own grey: 3.8:1 on the dark scheme's field
    ratio = await page.locator("#url").evaluate(CONTRAST.replace("getComputedStyle(el).color", "getComputedStyle(el, '::placeholder').color"))
    assert ratio >= 4.5, f"the link field's placeholder in the {scheme} scheme: {ratio:.2f}:1"
    await context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_without_javascript_the_answer_is_readable_in_both_schemes(browser, page_url, tmp_path, scheme):
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    context, page = await classify_without_javascript(browser, page_url, chart, color_scheme=scheme)
    for selector in (".eyebrow", ".top-name", ".description", ".prediction-name", ".prediction-value", ".links-title",
                     ".links a", "figcaption", "a.secondary"):  # fmt: skip
        for element in await page.locator(selector).all():
            ratio = await element.evaluate(CONTRAST)
            assert ratio >= 4.5, f"{selector} in the {scheme} scheme: {ratio:.2f}:1"
    back = page.get_by_role("link", name="Try another image")
    await back.focus()
    await page.keyboard.press("Shift+Tab")
    await page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    ring = await back.evaluate("e => { const s = getComputedStyle(e); return [document.activeElement === e, s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] and ring[1] == "solid" and ring[2] >= 2, ring
    await context.close()


async def test_links_get_the_same_focus_ring_as_buttons(page, page_url):
    """Chromium's own ring on a link is 1 px (outline-style auto): the how-to links and the top bar now get the page's."""
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer_of(("bar", "Bar chart", 0.9))))
    await page.goto(page_url)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#top-links a").first).to_be_visible()
    for link in (page.locator("#top-links a").first, page.locator(".topnav a").first, page.locator(".brand")):
        await link.focus()
        await page.keyboard.press("Shift+Tab")
        await page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
        ring = await link.evaluate("e => { const s = getComputedStyle(e); return [document.activeElement === e, s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        assert ring[0] and ring[1] == "solid" and ring[2] >= 2, ring


async def test_dropped_text_that_is_not_a_link_sends_nothing(page, page_url):
    requests: list[str] = []
    await page.goto(page_url)
    page.on("request", lambda request: requests.append(request.url) if "/api/classify" in request.url else None)
    await page.evaluate(DROP, [[None, "text/plain", "some words dragged from the page"]])
    await page.wait_for_timeout(300)
    assert requests == [] and await page.locator("#result").is_hidden()


async def test_a_too_large_file_is_refused_before_upload_and_no_older_answer_replaces_it(page, page_url):
    """An image still being answered must not overwrite the refusal of the too-large one sent after it."""
    held: list[async_api.Route] = []
    await page.route("**/api/classify*", lambda route: held.append(route))
    await page.goto(page_url)
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)  # the size limit is known
    await page.evaluate(DROP, [["small.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#status")).to_be_visible()
    await page.evaluate(DROP, [["huge.png", "image/png", 26 * 2**20]])
    await async_api.expect(page.locator("#error-message")).to_have_text("That image is 26.0 MB; the limit is 25 MB.")
    assert len(held) == 1  # the huge one never left the page
    answer = {"input": "small.webp", "predictions": [{"label": "pie", "name": "Pie chart", "confidence": 0.9}]}
    with contextlib.suppress(Exception):  # the page has cancelled it
        await held[0].fulfill(json=answer)
    await page.wait_for_timeout(300)
    await async_api.expect(page.locator("#error-message")).to_have_text("That image is 26.0 MB; the limit is 25 MB.")
    await async_api.expect(page.locator("#verdict")).to_be_hidden()


@pytest.mark.parametrize(
    ("status", "content_type", "body", "message"),
    [
        (413, "text/html", "<html><h1>413 Request Entity Too Large</h1></html>", "That image is too large for the server."),
        (502, "text/html", "<html><h1>502 Bad Gateway</h1></html>", "The server can't be reached right now"),
        (503, "text/plain", "Service Unavailable", "The server is busy or restarting"),
        (500, "application/json", "null", "The server answered 500"),
        (422, "application/json", '{"error": {"type": "image_error", "message": "<b>x</b> <img src=x onerror=alert(1)>"}}', "<b>x</b> <img src=x onerror=alert(1)>"),
        (200, "application/json", "[1, 2]", "The answer that came back isn't the server's"),
        (200, "text/html", "<html><h1>Sign in to the proxy</h1></html>", "The answer that came back isn't the server's"),
        (200, "application/json", json.dumps({k: v for k, v in ANSWER.items() if k != "wording"}), "The answer that came back isn't the server's"),
        (200, "application/json", json.dumps({**ANSWER, "wording": {k: v for k, v in ANSWER["wording"].items() if k != "links"}}), "isn't the server's"),
        (200, "application/json", json.dumps({**ANSWER, "predictions": [None]}), "The answer that came back isn't the server's"),
        (502, "application/json", '{"error": "Bad Gateway"}', "The server can't be reached right now"),
    ],
    ids=["413-html", "502-html", "503-text", "500-null", "422-markup", "200-array", "200-html", "no-wording", "no-links", "null-prediction",
         "502-json-string"],
)  # fmt: skip
async def test_every_error_answer_is_shown_in_words(page, page_url, status, content_type, body, message):
    """An answer missing a part of the page's words, or a prediction, once left the page on "Looking at your chart…"
    with a script error; a 200 from a proxy's login page was "The server answered 200 OK."."""
    await page.route("**/api/classify*", lambda route: route.fulfill(status=status, content_type=content_type, body=body))
    await page.goto(page_url)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#error-message")).to_contain_text(message)  # as text, never as HTML
    await async_api.expect(page.locator("#error-message *")).to_have_count(0)
    await async_api.expect(page.locator("#status")).to_be_hidden()


async def test_only_web_links_of_an_answer_are_shown(page, page_url):
    links = [{"title": "run me", "url": "javascript:alert(1)"}, {"title": "seaborn", "url": "https://seaborn.pydata.org/"}]
    answer = {**ANSWER, "wording": {**ANSWER["wording"], "links": links}}
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer))
    await page.goto(page_url)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#top-name")).to_have_text("Bar chart")
    await async_api.expect(page.locator("#top-links a")).to_have_text(["seaborn"])


async def test_a_server_that_never_answers_is_given_up_on_in_words(page, page_url):
    await page.clock.install()
    await page.route("**/api/classify*", lambda route: None)  # held unanswered
    await page.goto(page_url)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#status")).to_be_visible()
    await page.clock.fast_forward(121_000)
    await async_api.expect(page.locator("#error-message")).to_contain_text("didn't answer within 120 seconds")
    await async_api.expect(page.locator("#status")).to_be_hidden()


async def test_a_long_name_and_error_fit_a_phone(browser, page_url):
    """A file name or error of one long unbroken word (a link, say) never widens the page past the screen."""
    context = await browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = await context.new_page()
    long_word = "https://example.org/" + "x" * 400
    error = {"error": {"type": "download_error", "message": f"Couldn't download {long_word}."}}
    await page.route("**/api/classify*", lambda route: route.fulfill(status=502, json=error))
    await page.goto(page_url)
    await page.evaluate(DROP, [[long_word.replace("/", "_") + ".webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#error-message")).to_contain_text("Couldn't download")
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    await context.close()


async def test_a_long_name_in_the_note_on_several_files_fits_a_phone(browser, page_url):
    """The note naming the file answered of several once ran a long name past the screen's edge: 900 px on a 360 px phone."""
    context = await browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = await context.new_page()
    await page.route("**/api/classify*", lambda route: route.fulfill(json=answer_of(("bar", "Bar chart", 0.9))))
    await page.goto(page_url)
    name = "quarterly_revenue_by_region_" * 4 + ".webp"
    await page.evaluate(DROP, [[name, "image/webp", "/static/gallery/pie.webp"], ["b.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#note")).to_contain_text(name)
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    await context.close()


async def test_a_gallery_image_dragged_onto_the_page_is_sent_as_a_file(browser, aiohttp_server, classifier):
    """The server's downloader (the real one here) refuses its own local address; the page sends the image itself."""
    page_url = str((await aiohttp_server(create_app(classifier))).make_url("/"))
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(page_url)
    link = f"{page_url}static/gallery/pie.webp"
    answer = await classify_on_page(page, lambda: page.evaluate(DROP, [[None, "text/uri-list", f"# dragged\r\n{link}\r\n"]]))
    assert answer == Answer("pie.webp", predictions=classifier.predict(GALLERY_DIR / "pie.webp")).to_dict()
    await context.close()


async def test_the_page_asks_only_its_own_server_for_anything(page, page_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    await page.goto(page_url)
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    await page.locator("#api").scroll_into_view_if_needed()  # the lazy gallery images load on the way
    await page.wait_for_load_state("networkidle")
    assert requests and all(url.startswith(page_url) for url in requests), requests


async def test_hostile_names_and_links_are_shown_as_text_and_never_run(page, page_url):
    """A file name with markup, and a javascript: link typed, pasted or dropped: words on the page, never HTML or a script."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), asyncio.ensure_future(dialog.dismiss())))
    await page.goto(page_url)
    name = '"><img src=x onerror=alert(1)><script>alert(2)</script>.png'
    async with page.expect_response(re.compile(r"/api/classify\?wording=1$")):
        await page.evaluate(DROP, [[name, "image/png", "/static/favicon.svg"]])
    await async_api.expect(page.locator("#input-name")).to_have_text(name)
    await async_api.expect(page.locator("#error-message")).not_to_be_empty()
    await async_api.expect(page.locator("#result img:not(#preview), #result script")).to_have_count(0)
    await page.fill("#url", "javascript:alert(3)")
    async with page.expect_response(re.compile(r"/api/classify\?")) as response_info:
        await page.click("#url-form button")
    assert (await (await response_info.value).json())["error"]["type"] == "url_refused"
    await page.evaluate(PASTE, [[[None, "text/plain", "javascript:alert(4)"]], None])
    await async_api.expect(page.locator("#error-message")).to_contain_text("not an image or a link")
    await page.evaluate(DROP, [[None, "text/uri-list", "javascript:alert(5)"]])
    await page.wait_for_timeout(300)
    assert dialogs == []


@pytest.fixture
async def proxied_url(aiohttp_server, page_url) -> str:
    """The page's address behind a reverse proxy that serves it under a path, /whatplot/."""
    upstream = page_url.rstrip("/")

    async def forward(request: web.Request) -> web.StreamResponse:
        """The proxy: /whatplot/<path> to the app's /<path>; anything else isn't the app's."""
        if not request.path.startswith("/whatplot/"):
            return web.Response(status=404, text="not the app")
        headers = {name: value for name, value in request.headers.items() if name.lower() in ("content-type", "accept")}
        async with ClientSession() as session, session.request(
            request.method, upstream + request.path_qs.removeprefix("/whatplot"), headers=headers, data=await request.read()
        ) as answer:
            keep = ("Content-Type", "Content-Security-Policy", "Cache-Control")
            return web.Response(status=answer.status, body=await answer.read(), headers={k: answer.headers[k] for k in keep if k in answer.headers})

    proxy = web.Application()
    proxy.router.add_route("*", "/{tail:.*}", forward)
    return str((await aiohttp_server(proxy)).make_url("/whatplot/"))


async def test_the_page_works_under_a_reverse_proxys_path(browser, proxied_url, classifier, tmp_path):
    """A team's proxy serving the page as https://tools.example/whatplot/ once got a bare page: its files, the API and
    the gallery were asked for at the server's root (/static/app.js), where the proxy has other things or nothing."""
    base = proxied_url
    context = await browser.new_context()
    page = await context.new_page()
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    await page.goto(base)
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    example = page.locator(".gallery-card img").first
    await async_api.expect(example).to_have_js_property("complete", True)
    assert await example.evaluate("img => img.naturalWidth") > 0
    await async_api.expect(page.locator(".origin").first).to_have_text(base.rstrip("/"))
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    answer = await classify_on_page(page, lambda: page.set_input_files("#file", str(chart)))
    assert answer == Answer("chart.png", predictions=classifier.predict(chart.read_bytes())).to_dict()
    await classify_on_page(page, lambda: page.get_by_role("button", name="Pie chart").click())
    await page.go_back()  # to the form, at the proxy's path
    await async_api.expect(page.locator("#result")).to_be_hidden()
    assert page.url == base
    await page.reload()
    await async_api.expect(page.locator(".gallery-card")).to_have_count(40)
    assert missing == []
    await context.close()


async def test_without_javascript_the_form_works_under_a_reverse_proxys_path(browser, proxied_url, tmp_path):
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    context, page = await classify_without_javascript(browser, proxied_url, chart)
    assert page.url == f"{proxied_url}classify?preview=1#answer"
    await async_api.expect(page.locator(".top-name")).not_to_be_empty()
    assert await page.locator("h1").evaluate("h => getComputedStyle(h).backgroundClip") == "text"  # its stylesheet, at the path
    await page.get_by_role("link", name="Try another image").click()
    assert page.url == proxied_url
    await context.close()
