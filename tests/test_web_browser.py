"""The web page end to end in a real headless Chromium, driven by Playwright.

Needs the ``playwright`` Python package and a Chromium binary (Debian's ``chromium``; another one
can be named with ``WHATPLOT_CHROMIUM``); skipped with the reason when either is missing.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import shutil
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web

from classifier.cli import Answer
from classifier.download import ImageDownloader
from tests.images import bar_chart, encode
from web.app import GALLERY_DIR, create_app

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
    """Run ``send`` on the page; check the page shows what /api/classify answered (and, if ``preview``,
    the image), and return that."""
    async with page.expect_response(re.compile(r"/api/classify(\?|$)")) as response_info:
        await send()
    answer = await (await response_info.value).json()
    predictions = answer["predictions"]
    await async_api.expect(page.locator("#top-name")).to_have_text(predictions[0]["name"])
    await async_api.expect(page.locator(".prediction-name")).to_have_text([p["name"] for p in predictions])
    await async_api.expect(page.locator("#top-links a").first).to_be_visible()
    await async_api.expect(page.locator("#announce")).to_contain_text(predictions[0]["name"])  # read out by screen readers
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


async def test_clicking_a_gallery_example_classifies_it(page, page_url, classifier):
    await page.goto(page_url)
    answer = await classify_on_page(page, lambda: page.get_by_role("button", name="Sankey diagram").click())
    assert answer == Answer("sankey.webp (example)", predictions=classifier.predict(GALLERY_DIR / "sankey.webp")).to_dict()


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
    # A screen reader hears each example by its type, once: the picture inside adds no words of its own.
    await async_api.expect(page.get_by_role("button", name=re.compile(r"^Bar chart vertical bars"))).to_have_count(1)
    await page.locator(".gallery-card").first.focus()
    async with page.expect_response(re.compile(r"/api/classify$")):
        await page.keyboard.press("Enter")
    await async_api.expect(page.locator("#top-name")).not_to_be_empty()


async def test_without_javascript_the_page_says_what_to_do(browser, page_url):
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(page_url)
    await async_api.expect(page.locator(".noscript")).to_contain_text("needs JavaScript")  # get_by_text skips <noscript>
    await async_api.expect(page.locator(".noscript")).to_be_visible()
    await async_api.expect(page.locator(".origin").first).to_have_text("<this server>")
    await context.close()


async def test_without_javascript_the_form_still_sends_a_chart(browser, page_url, classifier, tmp_path):
    chart = tmp_path / "chart.png"
    chart.write_bytes(encode(bar_chart()))
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    await page.goto(page_url)
    await page.set_input_files("#noscript-image", str(chart))
    async with page.expect_response(re.compile(r"/api/classify(\?|$)")) as response_info:
        await page.get_by_role("button", name="Classify").first.click()
    assert await (await response_info.value).json() == Answer("chart.png", predictions=classifier.predict(chart.read_bytes())).to_dict()
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


async def test_of_several_dropped_files_the_first_image_is_classified(page, page_url, classifier):
    await page.goto(page_url)
    files = [["notes.txt", "text/plain", "/static/favicon.svg"], ["violin.webp", "image/webp", "/static/gallery/violin.webp"]]
    answer = await classify_on_page(page, lambda: page.evaluate(DROP, files))
    assert answer == Answer("violin.webp", predictions=classifier.predict(GALLERY_DIR / "violin.webp")).to_dict()


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
    await page.route("**/api/classify", lambda route: held.append(route))
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
        (200, "application/json", "[1, 2]", "The model gave no answer."),
    ],
)
async def test_every_error_answer_is_shown_in_words(page, page_url, status, content_type, body, message):
    await page.route("**/api/classify", lambda route: route.fulfill(status=status, content_type=content_type, body=body))
    await page.goto(page_url)
    await page.evaluate(DROP, [["chart.webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#error-message")).to_contain_text(message)  # as text, never as HTML
    await async_api.expect(page.locator("#error-message *")).to_have_count(0)
    await async_api.expect(page.locator("#status")).to_be_hidden()


async def test_a_server_that_never_answers_is_given_up_on_in_words(page, page_url):
    await page.clock.install()
    await page.route("**/api/classify", lambda route: None)  # held unanswered
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
    await page.route("**/api/classify", lambda route: route.fulfill(status=502, json=error))
    await page.goto(page_url)
    await page.evaluate(DROP, [[long_word.replace("/", "_") + ".webp", "image/webp", "/static/gallery/pie.webp"]])
    await async_api.expect(page.locator("#error-message")).to_contain_text("Couldn't download")
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
