// whatplot web page: send an image (file, drop, paste, link or gallery example) to /api/classify
// and show the ranked chart types. No framework; the page works offline.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const ui = {
    dropzone: $("dropzone"), file: $("file"), urlForm: $("url-form"), url: $("url"),
    result: $("result"), preview: $("preview"), inputName: $("input-name"),
    status: $("status"), error: $("error"), errorMessage: $("error-message"),
    verdict: $("verdict"), eyebrow: $("eyebrow"), topName: $("top-name"), topDescription: $("top-description"),
    predictions: $("predictions"), topLinks: $("top-links"), gallery: $("gallery-grid"), announce: $("announce"),
  };
  const UNSURE_BELOW = 0.5; // top confidence under which the answer is flagged as a guess
  const TIMEOUT_MS = 120 * 1000; // past the server's own 60 s upload limit and its download timeouts
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

  // ---- talking to the API ------------------------------------------------------------

  // Sends one image to the API and shows the answer; resolves to it (null if a newer one replaced it).
  async function classify(body, headers, name, previewSrc, path = "/api/classify") {
    cancelPending();
    const controller = (inFlight = new AbortController());
    const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), TIMEOUT_MS);
    showPending(name, previewSrc);
    let answer;
    try {
      const response = await fetch(path, { method: "POST", body, headers, signal: controller.signal });
      answer = await response.json().catch(() => null);
      if (!answer || typeof answer !== "object" || (!answer.error && !response.ok)) {
        answer = { error: { message: STATUS_MESSAGES[response.status] || `The server answered ${response.status} ${response.statusText}`.trim() + "." } };
      }
    } catch (err) {
      if (controller !== inFlight) return null; // replaced by a newer request, or cancelled
      answer = err.name === "TimeoutError"
        ? { error: { message: `The server didn't answer within ${TIMEOUT_MS / 1000} seconds; please try again.` } }
        : { error: { message: "Can't reach the server. Is it still running?" } };
    } finally {
      clearTimeout(timer);
    }
    if (controller !== inFlight) return null;
    inFlight = null;
    if (answer.error) showError(typeof answer.error.message === "string" ? answer.error.message : "");
    else showPredictions(answer.predictions);
    return answer;
  }

  // Forgets the request being answered, if any, so that its answer never replaces a newer one.
  function cancelPending() {
    if (!inFlight) return;
    const controller = inFlight;
    inFlight = null;
    controller.abort();
  }

  function classifyFile(file, name) {
    if (!file) return;
    if (file.size > maxBytes) {
      cancelPending();
      showPending(name, null);
      showError(`That image is ${(file.size / 2 ** 20).toFixed(1)} MB; the limit is ${Math.floor(maxBytes / 2 ** 20)} MB.`);
      return;
    }
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(file);
    const form = new FormData();
    form.append("image", file, name);
    classify(form, {}, name, previewUrl);
  }

  async function classifyUrl(url) {
    const link = url.trim();
    if (!link) return;
    ui.url.value = link;
    const answer = await classify(JSON.stringify({ url: link }), { "Content-Type": "application/json" }, link, null, "/api/classify?preview=1");
    // The preview is the server's picture of the image it fetched and classified (a page's og:image too):
    // the browser never loads anything from the link, so its host never learns who looked.
    const preview = answer && !answer.error ? answer.preview : null;
    if (typeof preview === "string" && preview.startsWith("data:image/")) showPreview(preview);
  }

  // ---- showing the answer ------------------------------------------------------------

  function showPending(name, previewSrc) {
    document.body.classList.add("has-result");
    ui.result.hidden = false;
    showPreview(previewSrc);
    ui.inputName.textContent = name;
    ui.inputName.title = name; // the caption is cut short with an ellipsis
    ui.status.hidden = false;
    ui.error.hidden = true;
    ui.verdict.hidden = true;
    ui.announce.textContent = "Looking at your chart…";
    ui.result.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function showPreview(src) {
    if (src) ui.preview.src = src;
    else ui.preview.removeAttribute("src");
    ui.result.classList.toggle("no-preview", !src);
  }

  function showError(message) {
    ui.status.hidden = true;
    ui.errorMessage.textContent = message || "Something went wrong.";
    ui.error.hidden = false;
    ui.announce.textContent = ""; // the error is an alert, read out on its own
  }

  function percent(confidence) {
    const value = confidence * 100;
    return value < 1 ? "<1%" : `${value.toFixed(value < 10 ? 1 : 0)}%`;
  }

  function showPredictions(predictions) {
    if (!predictions || !predictions.length) return showError("The model gave no answer.");
    const [top] = predictions;
    const info = chartTypes.get(top.label) || {};
    const unsure = top.confidence < UNSURE_BELOW;
    ui.eyebrow.textContent = unsure ? "Best guess · not very sure" : "This looks like a";
    ui.eyebrow.classList.toggle("unsure", unsure);
    ui.topName.textContent = top.name;
    ui.topDescription.textContent = info.description || "";
    ui.predictions.replaceChildren(...predictions.map(predictionRow));
    ui.topLinks.replaceChildren();
    if (info.links && info.links.length) {
      const title = document.createElement("p");
      title.className = "links-title";
      title.textContent = `How to make a ${top.name.toLowerCase()}`;
      ui.topLinks.append(title, ...info.links.map(linkChip));
    }
    ui.status.hidden = true;
    ui.verdict.hidden = false;
    ui.announce.textContent = `${ui.eyebrow.textContent} ${top.name}, ${percent(top.confidence)} sure.`;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      ui.predictions.querySelectorAll(".bar-fill").forEach((bar) => { bar.style.width = bar.dataset.width; });
    }));
  }

  function predictionRow(prediction) {
    const row = $("prediction-row").content.firstElementChild.cloneNode(true);
    const info = chartTypes.get(prediction.label);
    row.querySelector(".prediction-name").textContent = prediction.name;
    row.querySelector(".prediction-value").textContent = percent(prediction.confidence);
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

  // ---- the gallery of chart types --------------------------------------------------------

  function galleryCard(type) {
    const item = $("gallery-card").content.firstElementChild.cloneNode(true);
    const thumb = item.querySelector(".thumb");
    const img = thumb.querySelector("img");
    if (type.example) {
      img.src = type.example; // its alt stays empty: the button's own text names it, once
    } else {
      img.remove();
      thumb.classList.add("empty");
    }
    item.querySelector(".gallery-name").textContent = type.name;
    item.querySelector(".gallery-looks").textContent = type.looks_like;
    const button = item.querySelector("button");
    button.title = type.description;
    button.disabled = !type.example;
    button.addEventListener("click", () => tryExample(type));
    return item;
  }

  function tryExample(type) {
    return classifyPageImage(type.example, `${type.id}.webp (example)`, type.name);
  }

  // Classifies an image served by this page's own server (its path or link), named `name`;
  // `title` names it in the error when it can't be loaded.
  async function classifyPageImage(src, name, title = name) {
    try {
      const response = await fetch(src);
      if (!response.ok) throw new Error(String(response.status));
      classifyFile(await response.blob(), name);
    } catch {
      cancelPending();
      showPending(title, null);
      showError("Couldn't load that image from this page.");
    }
  }

  async function loadChartTypes() {
    try {
      const response = await fetch("/api/labels");
      const doc = await response.json();
      maxBytes = doc.max_image_bytes || Infinity;
      for (const type of doc.labels) chartTypes.set(type.id, type);
      ui.gallery.replaceChildren(...doc.labels.map(galleryCard));
    } catch {
      ui.gallery.textContent = "Couldn't load the chart types.";
    }
  }

  // ---- input: choose, drop, paste, link -----------------------------------------------

  // A preview the browser can't show is dropped rather than shown broken.
  ui.preview.addEventListener("error", () => { if (ui.preview.getAttribute("src")) showPreview(null); });

  ui.dropzone.addEventListener("click", () => ui.file.click());
  $("again").addEventListener("click", () => ui.file.click());
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
    // Of several files, the first image is named; a file that isn't one goes to the server, whose
    // error says what it is (a PDF, a web page...).
    const files = [...data.files];
    const file = files.find((f) => f.type.startsWith("image/")) || files[0];
    if (file) return classifyFile(file, file.name || "dropped image");
    // A uri-list may hold comment lines (#...); dropped text that isn't a link is ignored.
    const link = (data.getData("text/uri-list") || data.getData("text/plain")).split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith("#"));
    if (!link || !/^https?:\/\/\S+$/i.test(link)) return;
    // An image of this page (a gallery example dragged onto the drop zone) is sent as a file: the
    // server doesn't fetch from its own, often local, address.
    let url = null;
    try { url = new URL(link); } catch { /* not a valid link: the server says so */ }
    if (url && url.origin === window.location.origin) classifyPageImage(link, url.pathname.split("/").pop() || "image");
    else classifyUrl(link);
  });

  document.addEventListener("paste", (event) => {
    const data = event.clipboardData;
    const file = [...data.files].find((f) => f.type.startsWith("image/"));
    if (file) {
      event.preventDefault();
      return classifyFile(file, file.name && file.name !== "image.png" ? file.name : "pasted image");
    }
    const text = data.getData("text/plain").trim();
    if (/^https?:\/\/\S+$/i.test(text)) {
      event.preventDefault();
      classifyUrl(text);
    }
  });

  document.querySelectorAll(".origin").forEach((el) => { el.textContent = window.location.origin; });
  loadChartTypes();
})();
