// whatplot web page: send an image (file, drop, paste, link or gallery example) to /api/classify
// and show the ranked chart types, in the words the server gives with them (?wording=1: web/verdict.py, the bot's
// words, which the form without JavaScript shows too). No framework; the page works offline.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const ui = {
    dropzone: $("dropzone"), file: $("file"), urlForm: $("url-form"), url: $("url"),
    result: $("result"), preview: $("preview"), inputName: $("input-name"),
    status: $("status"), error: $("error"), errorMessage: $("error-message"),
    verdict: $("verdict"), eyebrow: $("eyebrow"), topName: $("top-name"), topDescription: $("top-description"),
    predictions: $("predictions"), topLinks: $("top-links"), gallery: $("gallery-grid"), announce: $("announce"),
    note: $("note"), retry: $("retry"), again: $("again"),
  };
  // Error types (and, for answers that aren't the API's JSON, HTTP statuses) that may pass on a second try.
  const RETRYABLE_TYPES = new Set(["busy", "download_timeout", "request_timeout", "error"]);
  const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
  const TIMEOUT_MS = 120 * 1000; // past the server's own 60 s upload limit and its download timeouts
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)"); // a scroll asked "smooth" ignores the CSS
  // The chart types (the gallery, and the size limit checked before an upload) are given up on after this.
  const LABELS_TIMEOUT_MS = 30 * 1000;
  // What an answer that isn't the API's JSON (a proxy's HTML page, say) means, by its HTTP status.
  const STATUS_MESSAGES = {
    413: "That image is too large for the server.",
    429: "The server is busy; please try again in a moment.",
    502: "The server can't be reached right now; please try again in a moment.",
    503: "The server is busy or restarting; please try again in a moment.",
    504: "The server took too long to answer; please try again.",
  };
  const chartTypes = new Map(); // id -> {name, looks_like, description, links, example}
  let maxBytes = Infinity;
  let inFlight = null; // AbortController of the request being answered
  let previewUrl = null; // object URL to revoke when the next image replaces it
  let resend = null; // sends the last request again (the error's "Try again" button)
  // The page's own files and API, by their paths from the server's root ("/static/gallery/pie.webp", as
  // /api/labels names them), wherever the page sits: a reverse proxy may serve it under a path (/whatplot/).
  const ownUrl = (path) => new URL(path.replace(/^\//, ""), document.baseURI).href;
  // Whether dropped or pasted text is one http(s) link and nothing else.
  const isWebLink = (text) => /^https?:\/\/\S+$/i.test(text);

  // ---- talking to the API ------------------------------------------------------------

  // Sends one image to the API and shows the answer; resolves to it (null if a newer one replaced it).
  // `note` is shown with the answer (what the page left out of what the user sent).
  async function classify(body, headers, name, previewSrc, path = "api/classify?wording=1", note = "") {
    cancelPending();
    const controller = (inFlight = new AbortController());
    const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), TIMEOUT_MS);
    showPending(name, previewSrc, note);
    let answer, retryable = false;
    try {
      const response = await fetch(path, { method: "POST", body, headers, signal: controller.signal });
      // a body that isn't JSON is read as none; one cut off by the timeout, or dropped, is said as such below
      const json = await response.json().catch((err) => { if (controller.signal.aborted || err.name !== "SyntaxError") throw err; return null; });
      ({ answer, retryable } = readAnswer(response, json));
    } catch (err) {
      if (controller !== inFlight) return null; // replaced by a newer request, or cancelled
      answer = err.name === "TimeoutError"
        ? { error: { message: `The server didn't answer within ${TIMEOUT_MS / 1000} seconds; please try again.` } }
        : { error: { message: "Can't reach the server. Is it still running?" } };
      retryable = true;
    } finally {
      clearTimeout(timer);
    }
    if (controller !== inFlight) return null;
    inFlight = null;
    if (answer.error) {
      resend = retryable ? () => classify(body, headers, name, previewSrc, path, note) : null;
      showError(answer.error.message, Boolean(resend));
    } else {
      showPredictions(answer.predictions, answer.wording);
    }
    return answer;
  }

  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const isText = (value) => typeof value === "string";

  // Whether `answer` is the API's answer with its ranked chart types and their words (?wording=1), every part the
  // page shows there and of its kind: anything short of it would leave the page half filled in, or stuck on
  // "Looking at your chart…".
  function isRanked(answer) {
    const { predictions, wording } = answer;
    return Array.isArray(predictions) && predictions.length > 0
      && predictions.every((p) => isObject(p) && isText(p.label) && isText(p.name) && Number.isFinite(p.confidence))
      && isObject(wording) && [wording.eyebrow, wording.title, wording.description, wording.links_title, wording.sentence].every(isText)
      && Array.isArray(wording.percents) && wording.percents.length >= predictions.length && wording.percents.every(isText)
      && Array.isArray(wording.links) && wording.links.every((link) => isObject(link) && isText(link.title) && isText(link.url));
  }

  // What `response` (its body read as JSON into `json`, null when it isn't) says: the API's error (retryable by
  // its type), or its ranked chart types; anything else, a proxy's or a login page's answer, or a part missing,
  // is said in words by its HTTP status (and retryable by it).
  function readAnswer(response, json) {
    if (isObject(json) && isObject(json.error) && isText(json.error.message)) {
      return { answer: json, retryable: RETRYABLE_TYPES.has(json.error.type) };
    }
    if (response.ok && isObject(json) && !json.error && isRanked(json)) return { answer: json, retryable: false };
    const message = STATUS_MESSAGES[response.status] || (response.ok
      ? "The answer that came back isn't the server's (a proxy or a login page may be in the way); please reload the page and try again."
      : `The server answered ${response.status} ${response.statusText}`.trim() + ".");
    return { answer: { error: { message } }, retryable: RETRYABLE_STATUSES.has(response.status) };
  }

  // Forgets the request being answered, if any, so that its answer never replaces a newer one.
  function cancelPending() {
    if (!inFlight) return;
    const controller = inFlight;
    inFlight = null;
    controller.abort();
  }

  // Answers `name` with an error the page finds itself, without asking the server.
  function showLocalError(name, message, note = "") {
    cancelPending();
    showPending(name, null, note);
    showError(message);
  }

  function classifyFile(file, name, note = "") {
    if (!file) return;
    ui.url.value = ""; // the answer is the file's: Enter in the link field mustn't send an earlier link again
    if (file.size > maxBytes) {
      showLocalError(name, `That image is ${(file.size / 2 ** 20).toFixed(1)} MB; the limit is ${Math.floor(maxBytes / 2 ** 20)} MB.`, note);
      return;
    }
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(file);
    const form = new FormData();
    form.append("image", file, name);
    classify(form, {}, name, previewUrl, "api/classify?wording=1", note);
  }

  // Of several files dropped or pasted at once, the first image is sent (or else the first file, whose
  // error from the server says what it is); the answer says which, and that the others were left out.
  function classifyFiles(files, fallbackName) {
    const file = files.find((f) => f.type.startsWith("image/")) || files[0];
    const name = file.name && file.name !== "image.png" ? file.name : fallbackName;
    const others = files.length - 1;
    const note = others
      ? `You sent ${files.length} files; this is the answer for ${name}. I name one image at a time, so send the other ${others === 1 ? "one" : others} again on ${others === 1 ? "its" : "their"} own.`
      : "";
    classifyFile(file, name, note);
  }

  async function classifyUrl(url) {
    const link = url.trim();
    if (!link) return;
    ui.url.value = link;
    const answer = await classify(JSON.stringify({ url: link }), { "Content-Type": "application/json" }, link, null, "api/classify?preview=1&wording=1");
    // "Try again" comes back here, so that the retried answer shows its preview too.
    if (answer && answer.error && resend) resend = () => classifyUrl(link);
    // The preview is the server's picture of the image it fetched and classified (a page's og:image too):
    // the browser never loads anything from the link, so its host never learns who looked.
    const preview = answer && !answer.error ? answer.preview : null;
    if (typeof preview === "string" && preview.startsWith("data:image/")) showPreview(preview);
  }

  // ---- showing the answer ------------------------------------------------------------

  function showPending(name, previewSrc, note = "") {
    showAnswerView();
    showPreview(previewSrc);
    ui.inputName.textContent = name;
    ui.inputName.title = name; // the caption is cut short with an ellipsis
    ui.note.textContent = note;
    ui.note.hidden = !note;
    ui.status.hidden = false;
    ui.error.hidden = true;
    ui.retry.hidden = true;
    ui.verdict.hidden = true;
    ui.announce.textContent = "Looking at your chart…";
    ui.result.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "start" });
  }

  function showPreview(src) {
    if (src) ui.preview.src = src;
    else ui.preview.removeAttribute("src");
    ui.result.classList.toggle("no-preview", !src);
  }

  function showError(message, canRetry = false) {
    ui.status.hidden = true;
    ui.errorMessage.textContent = message || "Something went wrong.";
    ui.retry.hidden = !canRetry;
    ui.error.hidden = false;
    ui.announce.textContent = ""; // the error is an alert, read out on its own
  }

  // `wording` is the server's (web/verdict.py): the page says nothing of its own about an answer. Both have every
  // part the page shows (isRanked).
  function showPredictions(predictions, wording) {
    ui.eyebrow.textContent = wording.eyebrow;
    ui.eyebrow.hidden = !wording.eyebrow;
    ui.eyebrow.classList.toggle("unsure", Boolean(wording.unsure));
    ui.topName.textContent = wording.title;
    ui.topDescription.textContent = wording.description;
    ui.predictions.replaceChildren(...predictions.map((prediction, i) => predictionRow(prediction, wording.percents[i])));
    ui.topLinks.replaceChildren();
    const links = wording.links.filter((link) => /^https?:\/\//i.test(link.url)); // never a javascript: link
    if (links.length) {
      const title = document.createElement("p");
      title.className = "links-title";
      title.textContent = wording.links_title;
      ui.topLinks.append(title, ...links.map(linkChip));
    }
    ui.status.hidden = true;
    ui.verdict.hidden = false;
    ui.announce.textContent = ui.note.hidden ? wording.sentence : `${wording.sentence} ${ui.note.textContent}`;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      ui.predictions.querySelectorAll(".bar-fill").forEach((bar) => { bar.style.width = bar.dataset.width; });
    }));
  }

  // `shown` is the confidence as the server words it ("31%", "<1%").
  function predictionRow(prediction, shown) {
    const row = $("prediction-row").content.firstElementChild.cloneNode(true);
    const info = chartTypes.get(prediction.label); // its looks_like, once /api/labels has come
    row.querySelector(".prediction-name").textContent = prediction.name;
    row.querySelector(".prediction-value").textContent = shown;
    row.querySelector(".bar-fill").dataset.width = `${Math.max(prediction.confidence * 100, 0.5)}%`;
    if (info) row.title = info.looks_like;
    return row;
  }

  function linkChip(link) {
    const a = document.createElement("a");
    a.href = link.url;
    a.textContent = link.title;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  // ---- history: Back goes from an answer to the empty form ---------------------------------

  // Each history entry of the page is stamped with the view it shows, {view: "form"} or {view: "answer"}. The
  // first answer after the form adds an entry; the next ones replace what it shows, so one Back is the form. The
  // address never changes: a reload shows the form (no answer is kept), and its relative paths keep working.
  function showAnswerView() {
    if (!history.state || history.state.view !== "answer") history.pushState({ view: "answer" }, "");
    showResult(true);
  }

  function showFormView() {
    cancelPending();
    const hadFocus = ui.result.contains(document.activeElement);
    showResult(false);
    ui.url.value = "";
    ui.announce.textContent = "";
    if (hadFocus) ui.dropzone.focus({ preventScroll: true }); // the focused button hid: the keyboard's place is the form
  }

  // Back, Forward, or a link to a part of the page (#gallery), whose new entry keeps the view it was made in. A step
  // within the form (back from #api) leaves what was typed in it.
  function showViewOfEntry() {
    const view = history.state && history.state.view;
    if (!view) history.replaceState({ view: ui.result.hidden ? "form" : "answer" }, "");
    else if (view === "form") { if (!ui.result.hidden) showFormView(); }
    else if (hasAnswer()) showResult(true); // none after a reload, or when the form cancelled the one pending
  }

  // Whether the result card holds an answer, its verdict or its error, to show again.
  const hasAnswer = () => !ui.verdict.hidden || !ui.error.hidden;

  function showResult(shown) {
    document.body.classList.toggle("has-result", shown);
    ui.result.hidden = !shown;
  }

  // ---- the gallery of chart types --------------------------------------------------------

  function galleryCard(type) {
    const item = $("gallery-card").content.firstElementChild.cloneNode(true);
    const thumb = item.querySelector(".thumb");
    const img = thumb.querySelector("img");
    if (type.example) {
      img.src = ownUrl(type.example); // its alt stays empty: the button's own text names it, once
    } else {
      img.remove();
      thumb.classList.add("empty");
    }
    item.querySelector(".gallery-name").textContent = type.name;
    item.querySelector(".gallery-looks").textContent = type.looks_like;
    const button = item.querySelector("button");
    button.title = type.description;
    button.disabled = !type.example;
    button.addEventListener("click", async () => {
      await tryExample(type); // the answer shows once the example is loaded
      if (!ui.result.hidden) ui.again.focus({ preventScroll: true }); // the keyboard's place: the answer scrolled to
    });
    return item;
  }

  function tryExample(type) {
    return classifyPageImage(ownUrl(type.example), `${type.id}.webp (example)`, type.name);
  }

  // Classifies an image served by this page's own server (its path or link), named `name`;
  // `title` names it in the error when it can't be loaded. Its loading is the request in hand: Back or a
  // newer image drops it, as they drop an answer.
  async function classifyPageImage(src, name, title = name) {
    cancelPending();
    const controller = (inFlight = new AbortController());
    let blob = null;
    try {
      const response = await fetch(src, { signal: controller.signal });
      if (response.ok) blob = await response.blob();
    } catch { /* said below, unless it was dropped */ }
    if (controller !== inFlight) return;
    if (blob) classifyFile(blob, name);
    else showLocalError(title, "Couldn't load that image from this page.");
  }

  async function loadChartTypes() {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), LABELS_TIMEOUT_MS);
    try {
      const response = await fetch("api/labels", { signal: controller.signal });
      const doc = await response.json();
      maxBytes = doc.max_image_bytes || Infinity;
      for (const type of doc.labels) chartTypes.set(type.id, type);
      ui.gallery.replaceChildren(...doc.labels.map(galleryCard));
    } catch {
      ui.gallery.textContent = "Couldn't load the chart types.";
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- input: choose, drop, paste, link -----------------------------------------------

  // A preview the browser can't show is dropped rather than shown broken.
  ui.preview.addEventListener("error", () => { if (ui.preview.getAttribute("src")) showPreview(null); });

  ui.dropzone.addEventListener("click", () => ui.file.click());
  ui.again.addEventListener("click", () => ui.file.click());
  // The button hides while the image is resent: keyboard focus moves to the one beside it, not to the page's top.
  ui.retry.addEventListener("click", () => {
    if (!resend) return;
    ui.again.focus();
    resend();
  });
  ui.dropzone.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      ui.file.click();
    }
  });
  ui.file.addEventListener("change", () => {
    const [file] = ui.file.files;
    if (file) classifyFile(file, file.name);
    ui.file.value = "";
  });

  ui.urlForm.addEventListener("submit", (event) => {
    event.preventDefault();
    classifyUrl(ui.url.value);
  });

  let dragDepth = 0;
  window.addEventListener("dragenter", (event) => {
    event.preventDefault();
    if (++dragDepth === 1) ui.dropzone.classList.add("dragging");
  });
  window.addEventListener("dragleave", () => {
    if (--dragDepth <= 0) { dragDepth = 0; ui.dropzone.classList.remove("dragging"); }
  });
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => {
    event.preventDefault();
    dragDepth = 0;
    ui.dropzone.classList.remove("dragging");
    const data = event.dataTransfer;
    const files = [...data.files];
    if (files.length) return classifyFiles(files, "dropped image");
    // A uri-list may hold comment lines (#...); dropped text that isn't a link is ignored.
    const link = (data.getData("text/uri-list") || data.getData("text/plain")).split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith("#"));
    if (!link || !isWebLink(link)) return;
    // An image of this page (a gallery example dragged onto the drop zone) is sent as a file: the
    // server doesn't fetch from its own, often local, address.
    let url = null;
    try { url = new URL(link); } catch { /* not a valid link: the server says so */ }
    if (url && url.origin === window.location.origin) classifyPageImage(link, url.pathname.split("/").pop() || "image");
    else classifyUrl(link);
  });

  // Ctrl+V: an image (or any file: the server names what it is), or a link. Text pasted into a field is the
  // field's (a link too, where the field holds some already: it is being edited); pasted anywhere else, text that
  // isn't a link is answered in words rather than ignored.
  document.addEventListener("paste", (event) => {
    const data = event.clipboardData;
    const files = [...data.files];
    if (files.length) {
      event.preventDefault();
      return classifyFiles(files, "pasted image");
    }
    const text = data.getData("text/plain").trim();
    const target = event.target instanceof Element ? event.target : null;
    const field = target && target.closest("input, textarea, [contenteditable]");
    if (isWebLink(text) && !(field && field.value)) {
      event.preventDefault();
      return classifyUrl(text);
    }
    if (!text || field) return;
    event.preventDefault();
    showLocalError("pasted text", /^file:/i.test(text)
      ? "That is the name of a file on your computer, not the file itself: drop the file here or choose it instead."
      : "The clipboard holds text, not an image or a link to one. Copy the image itself (or its link) and paste again.");
  });

  window.addEventListener("popstate", showViewOfEntry);
  window.addEventListener("hashchange", showViewOfEntry);

  document.querySelectorAll(".origin").forEach((el) => { el.textContent = ownUrl("/").replace(/\/$/, ""); });
  history.replaceState({ view: "form" }, ""); // a reloaded answer's entry too: the page starts at the form
  loadChartTypes();
})();
